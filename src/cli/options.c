/* SPDX-License-Identifier: BSD-2-Clause */
/* The option table and everything that validates user input. */
#include "cli/options.h"
#include "base/i18n.h"

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "base/count.h"
#include "base/ip.h"
#include "core/locate.h"
#include "core/search.h"
#include "probe/engine.h"
#include "probe/sched.h"

enum kind { K_FLAG, K_STR, K_NUM, K_SPECIAL };

enum {
	O_HELP = 'h',
	O_VERSION = 'V',
	O_QUIET = 'q',
	O_V4 = '4',
	O_V6 = '6',
	O_IFACE = 'I',
	O_OUTER = 1000,
	O_VENDOR,
	O_WAN_IF,
	O_TUNNEL_IF,
	O_FORMAT,
	O_METHOD,
	O_OTHER,
};

#define BOTH (CMD_CALC | CMD_PROBE)
#define ALL (CMD_CALC | CMD_PROBE | CMD_INSPECT | CMD_AUDIT)
#define OFF(f) offsetof(struct cli, f)

struct opt {
	const char *name;
	int id; /* short option character, or >= 1000 */
	enum kind kind;
	unsigned cmds;
	size_t off;      /* field in struct cli for FLAG/STR/NUM */
	long min, max;   /* K_NUM range */
	const char *arg; /* argument name in usage, NULL = none */
	const char *help;
	long def; /* K_NUM: the default --help shows, the constant the code
	                         * uses (0: none, or one the help words) */
};

/* Only the rows with a numeric default name it, last: the others leave def
 * 0, which C guarantees without the warning's help. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
/* clang-format off */
static const struct opt opts[] = {
	{ "wan-mtu", O_OTHER, K_NUM, CMD_CALC | CMD_AUDIT, OFF(wan_mtu), IP_MIN_MTU4, IP_MAX_MTU, "N",
	  N_("line MTU: the largest IP packet the access line carries") },
	{ "line", O_OTHER, K_STR, BOTH | CMD_AUDIT, OFF(line), 0, 0, "PRESET",
	  N_("access line preset (calc, audit: instead of --wan-mtu; probe: what the line should be); "
	  "--line list prints them") },
	{ "ping-payload", O_OTHER, K_NUM, CMD_CALC, OFF(ping_payload), 40, 65507, "N",
	  N_("largest IPv4 ping payload (ping -M do -s N, ping -f -l N) that passed") },
	{ "esp", O_OTHER, K_STR, BOTH, OFF(esp), 0, 0, "PROPOSAL",
	  N_("ESP proposal in strongSwan syntax, e.g. aes128-sha1, aes256gcm16") },
	{ "nat-t", O_OTHER, K_FLAG, BOTH, OFF(nat_t), 0, 0, NULL,
	  N_("ESP in UDP (NAT traversal, RFC 3948): 8 more bytes") },
	{ "transport", O_OTHER, K_FLAG, BOTH, OFF(transport), 0, 0, NULL,
	  N_("ESP transport mode instead of tunnel mode") },
	{ "outer", O_OUTER, K_SPECIAL, BOTH, 0, 0, 0, "ipv4|ipv6",
	  N_("IP version of the outer (WAN) header; default ipv4") },
	{ "stack", O_OTHER, K_STR, BOTH, OFF(stack), 0, 0, "LIST",
	  N_("any other encapsulation, outermost first, e.g. ipv4,gre-key or ipv6,udp,wireguard") },
	{ "peer", O_OTHER, K_STR, BOTH | CMD_AUDIT, OFF(peer), 0, 0, "PEER",
	  N_("peer profile: aws, aws-accelerated, sakura or generic (see PEERS)") },
	{ "peer-config", O_OTHER, K_STR, CMD_AUDIT | CMD_PROBE, OFF(peer_config), 0, 0, "FILE",
	  N_("the other end: the JSON of aws ec2 describe-vpn-connections, AWS's CustomerGatewayConfiguration "
	  "XML, terraform show -json or (audit) a second router's configuration (- for standard input), "
	  "paired with the router's tunnels and audited with them (see AUDIT, Auditing both ends); "
	  "probe: with --config") },
	{ "vendor", O_VENDOR, K_SPECIAL, BOTH | CMD_AUDIT, 0, 0, 0, "LIST",
	  N_("calc, probe: configuration for rtx, ix, linux (nftables), linux-iptables, cisco-ios, "
	  "cisco-asa, junos, fortigate, vyos, routeros, all or none (default all); audit: the file's "
	  "format, rtx, ix, strongswan (swanctl.conf), ipsec-conf (strongSwan/Libreswan ipsec.conf; "
	  "also libreswan, openswan), fortigate (FortiOS; also fortios), routeros (a RouterOS /export), "
	  "junos or vyos (set commands or the hierarchy), or cisco-ios (IOS/IOS-XE running-config) "
	  "(default: detected)") },
	{ "rtx-model", O_OTHER, K_STR, BOTH, OFF(rtx_model), 0, 0, "MODEL",
	  N_("RTX model, for its MTU ranges and interface limits (e.g. rtx830, rtx1300)") },
	{ "wan-if", O_WAN_IF, K_SPECIAL, BOTH, 0, 0, 0, "VENDOR=IF",
	  N_("WAN interface name for a vendor, e.g. rtx=pp1, ix=GigaEthernet0.1, linux=ppp0, "
	  "cisco-ios=Dialer1, junos=pp0.0, fortigate=wan1, vyos=pppoe0") },
	{ "tunnel-if", O_TUNNEL_IF, K_SPECIAL, BOTH, 0, 0, 0, "VENDOR=IF[,IF...]",
	  N_("tunnel interface names for a vendor, e.g. rtx=tunnel1,tunnel2 (AWS's two), ix=Tunnel0.0, "
	  "linux=vti0, cisco-ios=Tunnel1, junos=st0.1, vyos=vti1") },
	{ "ipv4", O_V4, K_SPECIAL, CMD_PROBE, 0, 0, 0, NULL, N_("probe over IPv4") },
	{ "ipv6", O_V6, K_SPECIAL, CMD_PROBE, 0, 0, 0, NULL, N_("probe over IPv6") },
	{ "interface", O_IFACE, K_STR, CMD_PROBE, OFF(iface), 0, 0, "IF|ADDR",
	  N_("send from this interface or source address") },
	{ "min", O_OTHER, K_NUM, CMD_PROBE, OFF(min_size), IP_MIN_MTU4, IP_MAX_MTU, "N",
	  N_("smallest probe, whole IP packet (default 68 IPv4, 1280 IPv6)") },
	{ "max", O_OTHER, K_NUM, CMD_PROBE, OFF(max_size), IP_MIN_MTU4, IP_MAX_MTU, "N",
	  N_("largest probe (default: the outgoing interface's MTU)") },
	{ "method", O_METHOD, K_SPECIAL, CMD_PROBE, 0, 0, 0, "icmp|udp|tcp|auto",
	  N_("what the probes are: ICMP echo (default), UDP to a closed port, TCP SYN with data; auto: the next when echo gets no reply") },
	{ "port", O_OTHER, K_NUM, CMD_PROBE, OFF(port), 1, 65535, "N",
	  N_("the target's port for --method tcp (default 443) or udp (default 33434, must be closed)") },
	{ "locate", O_OTHER, K_FLAG, CMD_PROBE, OFF(locate), 0, 0, NULL,
	  N_("after the path MTU P is found, TTL-limited probes of P and P+1 bytes name the last hop "
	  "big packets reach and the first they never reach (a black hole's place)") },
	{ "max-hops", O_OTHER, K_NUM, CMD_PROBE, OFF(max_hops), 1, LOCATE_MAX_HOPS, "N",
	  N_("--locate: highest TTL (IPv6: hop limit) tried"), LOCATE_DEF_HOPS },
	{ "timeout", O_OTHER, K_NUM, CMD_PROBE, OFF(timeout_ms), 10, 60000, "MS",
	  N_("longest wait for one answer"), PROBE_DEF_TIMEOUT_MS },
	{ "retries", O_OTHER, K_NUM, CMD_PROBE, OFF(retries), 1, 20, "N",
	  N_("at least this many unanswered probes before a size counts as too big; more on lossy paths"),
	  SEARCH_DEF_MIN_SILENCES },
	{ "rate", O_OTHER, K_NUM, CMD_PROBE, OFF(rate), 1, 1000, "PPS",
	  N_("probes per second to one target at most, up to a quarter second of them back to back "
	     "(--targets: per target address)"), PROBE_DEF_RATE_PPS },
	{ "total-rate", O_OTHER, K_NUM, CMD_PROBE, OFF(total_rate), 1, SCHED_MAX_TOTAL_PPS, "PPS",
	  N_("--targets: probes per second of all sites together at most (--rate is per target)"),
	  SCHED_DEF_TOTAL_PPS },
	{ "max-probes", O_OTHER, K_NUM, CMD_PROBE, OFF(max_probes), 4, PROBE_MAX_PROBES, "N",
	  N_("probes per path at most"), PROBE_DEF_MAX_PROBES },
	{ "expect-mtu", O_OTHER, K_NUM, CMD_PROBE, OFF(expect_mtu), IP_MIN_MTU4, IP_MAX_MTU, "N",
	  N_("exit 3 when the WAN path MTU is below N (the tunnel's is not compared)") },
	{ "pcap", O_OTHER, K_STR, CMD_PROBE, OFF(pcap), 0, 0, "FILE",
	  N_("write every probe and reply to a capture file (tcpdump, Wireshark)") },
	{ "config", O_OTHER, K_STR, CMD_PROBE, OFF(config), 0, 0, "FILE",
	  N_("audit this router configuration (RTX, IX, swanctl.conf, ipsec.conf, FortiOS) with the measured path MTUs") },
	{ "keep-mtu", O_OTHER, K_FLAG, CMD_PROBE | CMD_AUDIT, OFF(keep_mtu), 0, 0, NULL,
	  N_("with a configuration: keep each tunnel's configured MTU when it fits and lower only the "
	  "clamp (default: the largest MTU the line and ESP allow, clamp MTU - 40)") },
	{ "interval", O_OTHER, K_NUM, CMD_PROBE, OFF(interval), 1, 86400, "SECONDS",
	  N_("measure again SECONDS after each round until SIGINT, SIGTERM or SIGHUP; one line per round, failed ones too") },
	{ "prometheus", O_OTHER, K_STR, CMD_PROBE, OFF(prometheus), 0, 0, "FILE",
	  N_("after each round, write the node_exporter textfile format to FILE (atomically)") },
	{ "targets", O_OTHER, K_STR, CMD_PROBE, OFF(targets_file), 0, 0, "FILE|-",
	  N_("measure every site of an inventory (NAME WAN [TUNNEL ...] per line, or CSV with a header; "
	  "see INVENTORY): a summary table, --json one line per site") },
	{ "out-dir", O_OTHER, K_STR, CMD_PROBE, OFF(out_dir), 0, 0, "DIR",
	  N_("--targets: write the lines to paste into DIR, one file SITE.VENDOR per site and vendor") },
	{ "user", O_OTHER, K_STR, CMD_PROBE, OFF(user), 0, 0, "USER",
	  N_("run as root: become USER once the sockets are open (default: the sudo caller, else nobody)") },
	{ "json", O_OTHER, K_FLAG, ALL, OFF(json), 0, 0, NULL,
	  N_("one JSON object on stdout (see JSON OUTPUT; audit: AUDIT JSON)") },
	{ "format", O_FORMAT, K_SPECIAL, BOTH, 0, 0, 0, "text|json|value|measured",
	  N_("text (default), json (as --json), value: what to set on one line, WAN MTU, tunnel MTU, "
	  "MSS ('-' where not known or not verified; probe exits 5 when the tunnel passes more than "
	  "the line and ESP carry), or measured (probe: the measured WAN and tunnel path MTUs)") },
	{ "quiet", O_QUIET, K_FLAG, ALL, OFF(quiet), 0, 0, NULL,
	  N_("print only the configuration lines (commented out after an unverified probe; inspect: only the summary; audit: only the corrected lines)") },
	{ "help", O_HELP, K_SPECIAL, ALL | CMD_REPORT, 0, 0, 0, NULL, N_("this help") },
	{ "version", O_VERSION, K_SPECIAL, ALL | CMD_REPORT, 0, 0, 0, NULL, N_("print the version") },
};
/* clang-format on */
#pragma GCC diagnostic pop

#define NOPTS COUNT(opts)

static const char *
cmd_name(enum cmd cmd)
{
	return cmd == CMD_CALC     ? "calc"
	       : cmd == CMD_PROBE  ? "probe"
	       : cmd == CMD_AUDIT  ? "audit"
	       : cmd == CMD_REPORT ? "report"
				   : "inspect";
}

void
cli_option_words(FILE *f, enum cmd cmd)
{
	int first = 1;

	for (size_t i = 0; i < NOPTS; i++) {
		if (!(opts[i].cmds & cmd))
			continue;
		fprintf(f, "%s--%s", first ? "" : " ", opts[i].name);
		if (opts[i].id < 1000)
			fprintf(f, " -%c", opts[i].id);
		first = 0;
	}
}

int
cli_option_at(size_t i, struct cli_option_info *out)
{
	if (i >= NOPTS)
		return -1;
	*out = (struct cli_option_info){ opts[i].name,          opts[i].id < 1000 ? opts[i].id : 0,
					 opts[i].cmds,          opts[i].arg,
					 opts[i].kind == K_NUM, opts[i].help };
	return 0;
}

/* Each command's own exit statuses, as mtuprobe(1) EXIT STATUS lists them. */
static const char *
exit_footer(enum cmd cmd)
{
	switch (cmd) {
	case CMD_CALC: return N_("0 computed, 2 usage, 6 output not written. See mtuprobe(1).");
	case CMD_INSPECT:
		return N_(
			"0 read to its end, 1 no probes in the file, 2 usage or a file that cannot\n"
			"be read, 6 output not written. See mtuprobe(1), INSPECT.");
	case CMD_AUDIT:
		return N_("0 no warning or error, 5 at least one, 2 usage or unreadable input,\n"
			  "6 output not written. See mtuprobe(1), AUDIT.");
	case CMD_REPORT:
		return N_(
			"the worst site's status as probe --targets gives it (0 every site measured and\n"
			"verified), 2 usage or input that is not probe's JSON, 6 output not written.\n"
			"See mtuprobe(1), INVENTORY.");
	case CMD_PROBE: break;
	}
	return N_("0 measured and verified, 1 not measured or not verified, 2 usage,\n"
		  "3 WAN path MTU below --expect-mtu, 4 no CAP_NET_RAW, 5 --config disagrees (or,\n"
		  "with --format value, the tunnel passes more than line and ESP carry),\n"
		  "6 output not written. See mtuprobe(1).");
}

void
cli_usage(FILE *f, enum cmd cmd)
{
	if (cmd == CMD_CALC)
		fprintf(f, "%s",
			_("usage: mtuprobe calc (--wan-mtu N | --line PRESET | --ping-payload N) [options]\n"
			  "Compute the tunnel MTU and TCP MSS for a line and an encapsulation.\n\n"));
	else if (cmd == CMD_INSPECT)
		fprintf(f, "%s",
			_("usage: mtuprobe inspect [--json] [-q] FILE|-\n"
			  "Show what became of each probe in a capture file (pcap or pcapng; raw IP,\n"
			  "Ethernet or Linux cooked; - reads standard input): answered, too big, or\n"
			  "never answered. Without mtuprobe's probes in it, a ping with DF set\n"
			  "(ping -M do, Windows ping -f) or tracepath's UDP probes are followed.\n\n"));
	else if (cmd == CMD_AUDIT)
		fprintf(f, "%s",
			_("usage: mtuprobe audit [--vendor rtx|ix|strongswan|ipsec-conf|fortigate|routeros|junos|vyos|cisco-ios] [--peer PEER] [--peer-config FILE] [--wan-mtu N | --line PRESET] [--json] [-q] FILE|-\n"
			  "Read a Yamaha RTX config, an NEC IX running-config, a strongSwan swanctl.conf,\n"
			  "an ipsec.conf (strongSwan, Libreswan, Openswan), a FortiGate configuration (show),\n"
			  "a MikroTik RouterOS /export, or a Juniper Junos or VyOS configuration\n"
			  "(set commands or the hierarchy), or a Cisco IOS/IOS-XE running-config,\n"
			  "find what kills its tunnels (MSS above the tunnel MTU, no DPD, nobody initiating,\n"
			  "narrow selectors with BGP, NAT-T off) and print the fix in the router's syntax.\n"
			  "--peer-config adds the AWS side (describe-vpn-connections JSON, the generic XML\n"
			  "download or terraform show -json): each AWS tunnel paired with its router tunnel,\n"
			  "what fails in the combination, fixes for both ends (AWS CLI or Terraform lines);\n"
			  "or a second router's configuration: both audited, their tunnels paired.\n"
			  "Without either, the peer is generic; a note says when a BGP neighbour's AS\n"
			  "shows the file is for AWS (--peer aws then makes AWS's checks).\n"
			  "-q prints only the corrected lines.\n\n"));
	else if (cmd == CMD_REPORT)
		fprintf(f, "%s",
			_("usage: mtuprobe report FILE...|-\n"
			  "Print the summary table of probe --targets from probe's JSON: JSON Lines of\n"
			  "probe --targets --json, or the object of probe --json (one site per file,\n"
			  "named after the file), e.g. fetched from each site's host.\n\n"));
	else
		fprintf(f, "%s",
			_("usage: mtuprobe probe [options] WAN_TARGET [TUNNEL_TARGET ...]\n"
			  "Measure the path MTU to WAN_TARGET, then through the tunnel to each TUNNEL_TARGET\n"
			  "(a host behind each tunnel: AWS provisions two).\n\n"));
	for (size_t i = 0; i < NOPTS; i++) {
		char left[64];
		const struct opt *o = &opts[i];
		if (!(o->cmds & cmd))
			continue;
		if (o->id < 1000)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->id, o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		fprintf(f, "  %-30s %s", left, _(o->help));
		if (o->def)
			fprintf(f, _(" (default %ld)"), o->def);
		fputc('\n', f);
	}
	fprintf(f, _("\nExit status: %s\n"), _(exit_footer(cmd)));
}

/* strtonum-style: a whole decimal number within [min, max], or -1. */
static int
parse_num(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	/* Digits only: strtol would take leading white space and a sign. */
	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static const struct opt *
find_opt(int id, const char *longname)
{
	for (size_t i = 0; i < NOPTS; i++)
		if (longname ? strcmp(opts[i].name, longname) == 0 : opts[i].id == id)
			return &opts[i];
	return NULL;
}

/* VENDOR=IF for --wan-if and --tunnel-if; the name is checked in
 * cli_model, once the line and the RTX model are known. */
static int
parse_iface(const char *val, const char **table, const char *opt, char *err, size_t errlen)
{
	char vname[16], names[160];
	const char *eq = strchr(val, '=');
	int v;

	if (!eq || eq == val || (size_t)(eq - val) >= sizeof(vname)) {
		snprintf(err, errlen, _("--%s takes VENDOR=IF, e.g. rtx=pp1, not '%s'"), opt, val);
		return -1;
	}
	snprintf(vname, sizeof(vname), "%.*s", (int)(eq - val), val);
	v = vendor_lookup(vname);
	if (v < 0) {
		vendor_names(names, sizeof(names));
		snprintf(err, errlen, _("unknown vendor '%s' in --%s: vendors are %s"), vname, opt,
			 names);
		return -1;
	}
	if (table[v]) {
		snprintf(err, errlen, _("--%s names a %s interface twice: give it once"), opt,
			 vname);
		return -1;
	}
	table[v] = eq + 1;
	/* Both Linux forms take the same names. */
	if (v == VENDOR_LINUX || v == VENDOR_LINUX_IPT)
		table[VENDOR_LINUX] = table[VENDOR_LINUX_IPT] = eq + 1;
	return 0;
}

/* --tunnel-if rtx=tunnel1,tunnel2: every name, in order (AWS provisions
 * two tunnels); more than the report holds, an empty or a repeated name
 * is refused, never cut. */
static int
split_one(struct cli *c, int v, char *err, size_t errlen)
{
	const char *p = c->tunnel_if[v];
	size_t n = 0;

	while (1) {
		size_t w = strcspn(p, ",");
		/* one name alone, empty or long, is the vendor check's to word */
		if ((!w && strchr(c->tunnel_if[v], ',')) || w >= CLI_IFNAME) {
			snprintf(err, errlen, _("--tunnel-if %s=%s: %s"),
				 vendor_name((enum vendor_id)v), c->tunnel_if[v],
				 w ? "an interface name is longer than 79 characters"
				   : "an empty name (IF[,IF...])");
			return -1;
		}
		if (n >= REPORT_MAX_TUNNEL_IFS) {
			snprintf(err, errlen,
				 _("--tunnel-if %s: at most %d tunnel interfaces in one run"),
				 vendor_name((enum vendor_id)v), REPORT_MAX_TUNNEL_IFS);
			return -1;
		}
		snprintf(c->tunnel_names[v][n], CLI_IFNAME, "%.*s", (int)w, p);
		for (size_t i = 0; i < n; i++)
			if (strcmp(c->tunnel_names[v][i], c->tunnel_names[v][n]) == 0) {
				snprintf(err, errlen,
					 _("--tunnel-if %s names %s twice: give each tunnel once"),
					 vendor_name((enum vendor_id)v), c->tunnel_names[v][n]);
				return -1;
			}
		n++;
		if (!p[w])
			break;
		p += w + 1;
	}
	c->ntunnel_names[v] = n;
	return 0;
}

static int
split_tunnels(struct cli *c, char *err, size_t errlen)
{
	for (int v = 0; v < VENDOR_COUNT; v++)
		if (c->tunnel_if[v] && !c->ntunnel_names[v] && split_one(c, v, err, errlen) < 0)
			return -1;
	return 0;
}

static int
apply_special(const struct opt *o, const char *val, struct cli *c, char *err, size_t errlen)
{
	switch (o->id) {
	case O_OUTER:
		if (strcmp(val, "ipv4") != 0 && strcmp(val, "ipv6") != 0) {
			snprintf(err, errlen, _("--outer must be ipv4 or ipv6, not '%s'"), val);
			return -1;
		}
		c->outer_v6 = strcmp(val, "ipv6") == 0;
		c->outer_given = 1;
		return 0;
	case O_VENDOR: c->vendors = val; return 0;
	case O_FORMAT:
		if (strcmp(val, "text") != 0 && strcmp(val, "json") != 0 &&
		    strcmp(val, "value") != 0 && strcmp(val, "measured") != 0) {
			snprintf(err, errlen,
				 _("--format must be text, json, value or measured, not '%s'"),
				 val);
			return -1;
		}
		if (c->cmd == CMD_CALC && strcmp(val, "measured") == 0) {
			snprintf(
				err, errlen,
				_("--format measured is for probe: calc measures nothing (--format value prints what to set)"));
			return -1;
		}
		c->format = val;
		c->json |= strcmp(val, "json") == 0;
		c->value = strcmp(val, "value") == 0      ? VALUE_SET
			   : strcmp(val, "measured") == 0 ? VALUE_MEASURED
							  : 0;
		return 0;
	case O_METHOD: {
		static const char *const names[] = { "icmp", "udp", "tcp", "auto" };
		for (int i = 0; i < 4; i++)
			if (strcmp(val, names[i]) == 0) {
				c->method = i;
				return 0;
			}
		snprintf(err, errlen, _("--method must be icmp, udp, tcp or auto, not '%s'"), val);
		return -1;
	}
	case O_WAN_IF: return parse_iface(val, c->wan_if, o->name, err, errlen);
	case O_TUNNEL_IF:
		if (parse_iface(val, c->tunnel_if, o->name, err, errlen) < 0)
			return -1;
		return split_tunnels(c, err, errlen);
	case O_V4:
	case O_V6:
		if (c->family && c->family != (o->id == O_V4 ? 4 : 6)) {
			snprintf(err, errlen, _("give -4 or -6, not both"));
			return -1;
		}
		c->family = o->id == O_V4 ? 4 : 6;
		return 0;
	case O_HELP: cli_usage(stdout, c->cmd); return 1;
	case O_VERSION: printf("mtuprobe %s\n", MTUPROBE_VERSION); return 1;
	}
	return 0;
}

static int
apply(const struct opt *o, const char *val, struct cli *c, char *err, size_t errlen)
{
	char *base = (char *)c;
	long n;

	if (!(o->cmds & c->cmd)) {
		snprintf(err, errlen, _("--%s is not an option of %s (see mtuprobe %s --help)"),
			 o->name, cmd_name(c->cmd), cmd_name(c->cmd));
		return -1;
	}
	switch (o->kind) {
	case K_FLAG: *(int *)(void *)(base + o->off) = 1; return 0;
	case K_STR:
		if (!*val || *val == ' ' || *val == '\t') {
			snprintf(err, errlen, _("--%s needs a value, not '%s'"), o->name, val);
			return -1;
		}
		*(const char **)(void *)(base + o->off) = val;
		return 0;
	case K_NUM:
		if (parse_num(val, o->min, o->max, &n) < 0) {
			snprintf(err, errlen,
				 _("--%s must be a whole number from %ld to %ld, not '%s'"),
				 o->name, o->min, o->max, val);
			return -1;
		}
		*(unsigned *)(void *)(base + o->off) = (unsigned)n;
		return 0;
	case K_SPECIAL: return apply_special(o, val, c, err, errlen);
	}
	return 0;
}

static void
build_getopt(struct option *lo, char *so, size_t solen)
{
	size_t n = 0;

	/* ':' first: a missing value is reported as ':'. GNU getopt permutes,
	 * so options may also follow the targets. */
	so[n++] = ':';
	for (size_t i = 0; i < NOPTS; i++) {
		lo[i].name = opts[i].name;
		lo[i].has_arg = opts[i].arg ? required_argument : no_argument;
		lo[i].flag = NULL;
		lo[i].val = opts[i].id;
		if (opts[i].id < 1000 && n + 3 < solen) {
			so[n++] = (char)opts[i].id;
			if (opts[i].arg)
				so[n++] = ':';
		}
	}
	memset(&lo[NOPTS], 0, sizeof(lo[NOPTS]));
	so[n] = '\0';
}

static int
bad_option(int ch, int argc, char **argv, char *err, size_t errlen)
{
	const char *word = (optind - 1 < argc && optind > 0) ? argv[optind - 1] : "?";

	if (ch == ':')
		snprintf(err, errlen, _("option '%s' needs a value"), word);
	else if (optopt && optopt < 1000)
		snprintf(err, errlen, _("unknown option '-%c'"), optopt);
	else
		snprintf(err, errlen, _("unknown option '%s'"), word);
	return -1;
}

static int
check_calc(const struct cli *c, char *err, size_t errlen)
{
	int given = !!c->wan_mtu + !!c->line + !!c->ping_payload;

	if (given != 1) {
		snprintf(
			err, errlen,
			given ? "give one of --wan-mtu, --line and --ping-payload, not several"
			      : "calc needs the line MTU: --wan-mtu N, --line PRESET or --ping-payload N");
		return -1;
	}
	if (c->ntargets) {
		snprintf(err, errlen, _("calc takes no arguments, not '%s'"), c->targets[0]);
		return -1;
	}
	return 0;
}

static int
check_inspect(const struct cli *c, char *err, size_t errlen)
{
	if (c->ntargets < 1) {
		snprintf(err, errlen, _("inspect needs a capture file: mtuprobe inspect FILE"));
		return -1;
	}
	return 0;
}

static int
check_audit(const struct cli *c, char *err, size_t errlen)
{
	if (c->ntargets < 1) {
		snprintf(
			err, errlen,
			_("audit needs a configuration file: mtuprobe audit FILE (or - for standard input)"));
		return -1;
	}
	if (c->wan_mtu && c->line) {
		snprintf(err, errlen, _("give --wan-mtu or --line, not both"));
		return -1;
	}
	if (c->peer_config && strcmp(c->peer_config, "-") == 0 && strcmp(c->targets[0], "-") == 0) {
		snprintf(
			err, errlen,
			_("the configuration and --peer-config cannot both be standard input: give one as a file"));
		return -1;
	}
	return 0;
}

/* --targets: what applies to one site only is refused, never half used. */
static int
check_targets(const struct cli *c, char *err, size_t errlen)
{
	const char *one = c->config        ? "--config"
			  : c->peer_config ? "--peer-config"
			  : c->interval    ? "--interval"
			  : c->pcap        ? "--pcap"
			  : c->quiet       ? "-q"
			  : c->format      ? "--format"
					   : NULL;

	if (!c->targets_file) {
		if (c->out_dir)
			snprintf(err, errlen,
				 _("--out-dir needs --targets (one file per site and vendor)"));
		else if (c->total_rate)
			snprintf(err, errlen,
				 _("--total-rate needs --targets (one target's rate is --rate)"));
		return c->out_dir || c->total_rate ? -1 : 0;
	}
	if (c->ntargets) {
		snprintf(err, errlen, _("--targets lists the targets: give no WAN_TARGET ('%s')"),
			 c->targets[0]);
		return -1;
	}
	if (one && (c->config || c->peer_config)) {
		snprintf(err, errlen,
			 _("%s is not taken with --targets: a site's configuration goes in "
			   "the inventory's config column"),
			 one);
		return -1;
	}
	if (one) {
		snprintf(
			err, errlen,
			_("%s is not taken with --targets (not in this version: each site is "
			  "measured once, reported in the table, --json, --out-dir, --prometheus)"),
			one);
		return -1;
	}
	return 1;
}

static int
check_probe(const struct cli *c, char *err, size_t errlen)
{
	int t = check_targets(c, err, errlen);

	if (t < 0)
		return -1;
	if (c->ntargets < 1 && !t) {
		snprintf(err, errlen,
			 _("probe needs a target: mtuprobe probe WAN_TARGET [TUNNEL_TARGET ...]"));
		return -1;
	}
	if (c->pcap && strcmp(c->pcap, "-") == 0) {
		snprintf(
			err, errlen,
			_("--pcap - would mix the capture into the report on standard output: give a file name"));
		return -1;
	}
	if (c->port && c->method == METHOD_ICMP) {
		snprintf(err, errlen,
			 _("--port needs --method tcp, udp or auto (ICMP echo has no port)"));
		return -1;
	}
	if (c->min_size && c->max_size && c->min_size > c->max_size) {
		snprintf(err, errlen, _("--min %u is larger than --max %u"), c->min_size,
			 c->max_size);
		return -1;
	}
	if (c->peer_config && !c->config) {
		snprintf(
			err, errlen,
			_("--peer-config needs --config: the pair is the router's configuration and the peer's"));
		return -1;
	}
	if (c->max_hops && !c->locate) {
		snprintf(err, errlen, _("--max-hops needs --locate"));
		return -1;
	}
	if (c->locate && c->interval) {
		snprintf(err, errlen,
			 _("--locate is a one-off diagnosis: it does not repeat with --interval"));
		return -1;
	}
	/* several tunnel targets: one measurement of each (AWS's two tunnels) */
	if (c->ntargets > 2 && (c->interval || c->locate)) {
		snprintf(
			err, errlen,
			_("%s takes one tunnel target: give several only for a one-off measurement"),
			c->interval ? "--interval" : "--locate");
		return -1;
	}
	return 0;
}

/* --line list: every preset with its MTU, what it is and its source. */
static void
list_lines(FILE *f)
{
	const struct line_preset *l;

	for (size_t i = 0; (l = model_line_at(i)); i++)
		fprintf(f, "%-19s %5u  %s (%s)\n", l->name, l->mtu, _(l->what), l->source);
}

static int
repeatable(const struct opt *o)
{
	return o->id == O_WAN_IF || o->id == O_TUNNEL_IF || o->id == O_V4 || o->id == O_V6 ||
	       o->id == O_HELP || o->id == O_VERSION;
}

int
cli_parse(enum cmd cmd, int argc, char **argv, struct cli *c, char *err, size_t errlen)
{
	struct option lo[NOPTS + 1];
	char so[2 * NOPTS + 4];
	unsigned char seen[NOPTS] = { 0 };
	int ch, idx, rc;

	memset(c, 0, sizeof(*c));
	c->cmd = cmd;
	build_getopt(lo, so, sizeof(so));
	opterr = 0;
	optind = 1;
	while ((idx = -1, ch = getopt_long(argc, argv, so, lo, &idx)) != -1) {
		const struct opt *o;
		if (ch == '?' || ch == ':')
			return bad_option(ch, argc, argv, err, errlen);
		o = idx >= 0 ? &opts[idx] : find_opt(ch, NULL);
		if (!o)
			return bad_option('?', argc, argv, err, errlen);
		/* A repeated option is refused rather than silently last-wins;
		 * --wan-if/--tunnel-if repeat once per vendor. */
		if (seen[o - opts]++ && !repeatable(o)) {
			snprintf(err, errlen, _("--%s given twice: give it once"), o->name);
			return -1;
		}
		if ((rc = apply(o, optarg, c, err, errlen)) != 0)
			return rc;
	}
	if (c->line && strcmp(c->line, "list") == 0) {
		list_lines(stdout);
		return 1;
	}
	c->files_at = optind;
	for (; optind < argc && cmd == CMD_REPORT; optind++)
		c->ntargets++; /* report: any number of files, read from argv */
	for (; optind < argc; optind++) {
		int one = cmd == CMD_INSPECT || cmd == CMD_AUDIT;
		if (c->ntargets >= (one ? 1 : cmd == CMD_PROBE ? 1 + REPORT_MAX_TUNNEL_IFS : 2)) {
			if (one)
				snprintf(err, errlen,
					 _("too many arguments: '%s' (%s reads one FILE)"),
					 argv[optind], cmd_name(cmd));
			else
				snprintf(
					err, errlen,
					_("too many arguments: '%s' (at most WAN_TARGET and %d tunnel targets)"),
					argv[optind], REPORT_MAX_TUNNEL_IFS);
			return -1;
		}
		c->targets[c->ntargets++] = argv[optind];
	}
	if (c->format && c->json && strcmp(c->format, "json") != 0) {
		snprintf(err, errlen, _("--json and --format %s disagree: give one"), c->format);
		return -1;
	}
	if (cli_defaults(c, err, errlen) < 0)
		return -1;
	if (cmd == CMD_INSPECT)
		return check_inspect(c, err, errlen);
	if (cmd == CMD_AUDIT)
		return check_audit(c, err, errlen);
	if (cmd == CMD_REPORT && !c->ntargets) {
		snprintf(err, errlen,
			 _("report needs files: mtuprobe report FILE... (- for standard input)"));
		return -1;
	}
	if (cmd == CMD_REPORT)
		return 0;
	return cmd == CMD_CALC ? check_calc(c, err, errlen) : check_probe(c, err, errlen);
}

static int
parse_vendors(const char *list, struct report_vendors *rv, char *err, size_t errlen)
{
	char buf[256], names[160];
	char *save = NULL;

	memset(rv->enabled, 0, sizeof(rv->enabled));
	if (!list || strcmp(list, "all") == 0) {
		for (int v = 0; v < VENDOR_COUNT; v++)
			rv->enabled[v] = vendor_prints((enum vendor_id)v);
		return 0;
	}
	if (strcmp(list, "none") == 0)
		return 0;
	if (!*list || *list == ',' || list[strlen(list) - 1] == ',' || strstr(list, ",,") ||
	    strlen(list) >= sizeof(buf)) {
		vendor_names(names, sizeof(names));
		snprintf(err, errlen, _("--vendor needs a list of vendors: %s, all or none"),
			 names);
		return -1;
	}
	snprintf(buf, sizeof(buf), "%s", list);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int v = vendor_lookup(t);
		if (v < 0) {
			vendor_names(names, sizeof(names));
			snprintf(err, errlen, _("unknown vendor '%s': vendors are %s, all, none"),
				 t, names);
			return -1;
		}
		rv->enabled[v] = 1;
	}
	return 0;
}

static int
model_line_mtu(const struct cli *c, unsigned measured, struct model_input *in, char *err,
	       size_t errlen)
{
	char names[512];

	if (c->line && !(in->line = model_line(c->line))) {
		model_line_names(names, sizeof(names));
		snprintf(err, errlen, _("unknown line preset '%s': presets are %s"), c->line,
			 names);
		return -1;
	}
	if (measured) {
		in->link_mtu = measured;
		in->measured = 1;
	} else if (in->line) {
		in->link_mtu = in->line->mtu;
	} else if (c->ping_payload) {
		in->ping_payload = c->ping_payload;
		in->link_mtu = model_icmp_packet(c->ping_payload, 4);
	} else {
		in->link_mtu = c->wan_mtu;
	}
	return 0;
}

static int
model_stack(const struct cli *c, int measured, struct model_input *in, char *err, size_t errlen)
{
	struct model_error e;

	if (!c->stack) {
		if (c->esp)
			model_default_stack(in, c->outer_v6, c->nat_t, c->transport);
		else if (c->nat_t || c->transport || c->outer_given) {
			snprintf(
				err, errlen,
				_("--nat-t, --transport and --outer describe ESP: add --esp PROPOSAL"));
			return -1;
		}
		return 0;
	}
	if (c->nat_t || c->transport || c->outer_given) {
		snprintf(
			err, errlen,
			_("--stack lists every layer: leave out --nat-t, --transport and --outer"));
		return -1;
	}
	if (model_read_stack(c->stack, in, &e) < 0) {
		model_error_words(&e, 1, err, errlen);
		return -1;
	}
	if (in->has_esp != !!c->esp) {
		snprintf(err, errlen, "%s",
			 in->has_esp ? _("--stack has esp: add --esp PROPOSAL")
				     : _("--esp given but --stack has no esp layer"));
		return -1;
	}
	if (measured && in->nstack && in->stack[0]->kind == LAYER_ACCESS) {
		snprintf(
			err, errlen,
			_("probe measures the WAN's IP MTU: leave access layers (%s) out of --stack"),
			in->stack[0]->name);
		return -1;
	}
	return 0;
}

/* The RTX model, then every interface name given, for its vendor, role
 * and line: a MAP-E line's WAN is the 4in6 tunnel, a PPPoE line's the pp. */
static int
check_ifaces(const struct cli *c, enum wan_kind k, struct report_vendors *rv, char *err,
	     size_t errlen)
{
	char names[160];

	rv->rtx = NULL;
	if (c->rtx_model && !(rv->rtx = vendor_rtx_model(c->rtx_model))) {
		vendor_rtx_model_names(names, sizeof(names));
		snprintf(err, errlen, _("unknown RTX model '%s': models are %s"), c->rtx_model,
			 names);
		return -1;
	}
	for (int v = 0; v < VENDOR_COUNT; v++) {
		if (c->wan_if[v] && vendor_check_iface((enum vendor_id)v, ROLE_WAN, k, rv->rtx,
						       c->wan_if[v], err, errlen) < 0)
			return -1;
		for (size_t t = 0; t < c->ntunnel_names[v]; t++)
			if (vendor_check_iface((enum vendor_id)v, ROLE_TUNNEL, k, rv->rtx,
					       c->tunnel_names[v][t], err, errlen) < 0)
				return -1;
		if (c->wan_if[v])
			for (size_t t = 0; t < c->ntunnel_names[v]; t++)
				if (strcmp(c->wan_if[v], c->tunnel_names[v][t]) == 0) {
					snprintf(
						err, errlen,
						_("--wan-if and --tunnel-if both name %s %s: give each interface one role"),
						vendor_name((enum vendor_id)v), c->wan_if[v]);
					return -1;
				}
	}
	return 0;
}

int
cli_model(const struct cli *c, unsigned measured, struct model_input *in, struct report_vendors *rv,
	  char *err, size_t errlen)
{
	char names[128];
	struct model_error e;

	memset(in, 0, sizeof(*in));
	if (model_line_mtu(c, measured, in, err, errlen) < 0)
		return -1;
	if (c->peer && !(in->peer = model_peer(c->peer))) {
		model_peer_names(names, sizeof(names));
		snprintf(err, errlen, _("unknown peer '%s': peers are %s"), c->peer, names);
		return -1;
	}
	if (c->esp && model_read_proposal(c->esp, &in->esp, &e) < 0) {
		model_error_words(&e, 1, err, errlen);
		return -1;
	}
	if (model_stack(c, !!measured, in, err, errlen) < 0)
		return -1;
	if (parse_vendors(c->vendors, rv, err, errlen) < 0) {
		if (c->vendors_from) { /* say where the bad default came from */
			char msg[300];
			snprintf(msg, sizeof(msg), "%s", err);
			snprintf(err, errlen, _("%s (from %s)"), msg, c->vendors_from);
		}
		return -1;
	}
	return check_ifaces(c, model_wan_kind(in), rv, err, errlen);
}

static int
named(const struct cli *c, int v, const char *name)
{
	for (size_t t = 0; t < c->ntunnel_names[v]; t++)
		if (strcmp(c->tunnel_names[v][t], name) == 0)
			return 1;
	return 0;
}

/* A default WAN name that a --tunnel-if already uses (a MAP-E line's 4in6
 * tunnel is tunnel1 by default, and AWS's IPsec tunnels are often 1 and 2):
 * the same name with the next number no tunnel uses, so that the lines
 * printed never overwrite a tunnel the site has. */
static const char *
free_wan(const struct cli *c, int v, const char *dflt, char *buf, size_t len)
{
	size_t stem = strcspn(dflt, "0123456789");
	const char *rest;
	long n;

	if (!named(c, v, dflt) || !dflt[stem])
		return dflt;
	n = strtol(dflt + stem, (char **)&rest, 10);
	for (long i = n + 1; i < n + 1 + REPORT_MAX_TUNNEL_IFS + 1; i++) {
		snprintf(buf, len, "%.*s%ld%s", (int)stem, dflt, i, rest);
		if (!named(c, v, buf))
			return buf;
	}
	return dflt;
}

void
cli_ifaces(const struct cli *c, enum wan_kind k, struct report_vendors *rv)
{
	static char wan[VENDOR_COUNT][CLI_IFNAME];

	for (int v = 0; v < VENDOR_COUNT; v++) {
		if (!vendor_prints((enum vendor_id)v))
			continue; /* audited only: no interface lines */
		rv->wan_if[v] = c->wan_if[v]
					? c->wan_if[v]
					: free_wan(c, v, vendor_default_wan((enum vendor_id)v, k),
						   wan[v], sizeof(wan[v]));
		rv->ntunnel_if[v] = c->ntunnel_names[v] ? c->ntunnel_names[v] : 1;
		for (size_t t = 0; t < c->ntunnel_names[v]; t++)
			rv->tunnel_if[v][t] = c->tunnel_names[v][t];
		if (!c->ntunnel_names[v])
			rv->tunnel_if[v][0] = vendor_default_tunnel((enum vendor_id)v, k);
	}
}

void
cli_producer(char *buf, size_t len, int argc, char **argv)
{
	size_t used;

	snprintf(buf, len, "mtuprobe %s", MTUPROBE_VERSION);
	used = strlen(buf);
	for (int i = 0; i < argc && used + 2 < len; i++) {
		/* Comments in router consoles: printable ASCII only. */
		buf[used++] = ' ';
		for (const char *p = argv[i]; *p && used + 1 < len; p++)
			buf[used++] = (*p >= 0x20 && *p < 0x7f) ? *p : '?';
		buf[used] = '\0';
	}
}
