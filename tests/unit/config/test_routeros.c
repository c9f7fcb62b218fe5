/* SPDX-License-Identifier: BSD-2-Clause */
/* MikroTik RouterOS exports (config/routeros.c), table-driven: every sample
 * under tests/audit/configs and tests/fuzz/corpus-config is detected as the
 * format its name says, RouterOS samples are refused by every other grammar
 * and every other sample by RouterOS's; then RouterOS's time values, the
 * export's messy shapes (backslash continuations mid-value keeping the
 * first line's number, inline and slash-written paths, quoted values with
 * escapes, CRLF, odd indentation, comments, placeholders), v6 against v7,
 * DPD (issue 21's 2m x 5 = 600 s), who starts IKE, clamps, the secrets
 * that never reach a text, lines the router rejects with their reason, and
 * a hub of 600 peers (tables grow). Files are read from MTUPROBE_SRCDIR.
 * Addresses are RFC 5737 documentation addresses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/routeros_int.h"

static struct config cfg;

#include "samples.h"
#include "detect_table.h"

/* Every sample against every vendor with a parser: detected as its own
 * format, and RouterOS's grammar takes none but its own. */
static int
refuse_routeros(int want, int v)
{
	return (want == VENDOR_ROUTEROS || v == VENDOR_ROUTEROS) &&
	       strcmp(config_vendor_name((enum vendor_id)v), "?") != 0;
}

static void
test_detect_table(void **state)
{
	unsigned n_of[VENDOR_COUNT] = { 0 };

	(void)state;
	assert_true(detect_samples("tests/audit/configs", refuse_routeros, n_of) >= 48);
	assert_true(detect_samples("tests/fuzz/corpus-config", refuse_routeros, n_of) >= 40);
	assert_true(n_of[VENDOR_ROUTEROS] >= 14);
	assert_int_equal(config_vendor_lookup("routeros"), VENDOR_ROUTEROS);
}

/* RouterOS time values (the manual's "time" type) */
static void
test_times(void **state)
{
	static const struct {
		const char *s;
		long v;
	} rows[] = {
		{ "30s", 30 },
		{ "2m", 120 },
		{ "1h2m3s", 3723 },
		{ "00:02:00", 120 },
		{ "1d", 86400 },
		{ "1w2d", 777600 },
		{ "8h", 28800 },
		{ "10", 10 },
		{ "1d00:00:10", 86410 },
		{ "500ms", 0 },
		{ "1s500ms", 1 },
		{ "00:00:30.5", 30 },
		{ "", -1 },
		{ "2x", -1 },
		{ "m", -1 },
		{ "1:2:3", -1 },
		{ "00:61:00", -1 },
		{ "2m 3s", -1 },
		{ "disable-dpd", -1 },
		{ "99999999999", -1 },
	};

	(void)state;
	for (size_t i = 0; i < COUNT(rows); i++) {
		print_message("%s\n", rows[i].s);
		assert_int_equal(ros_seconds(rows[i].s), rows[i].v);
	}
}

static int
parse(const char *text)
{
	char err[256];
	int r = config_parse(text, strlen(text), VENDOR_ROUTEROS, &cfg, err, sizeof(err));

	if (r < 0)
		print_message("%s\n", err);
	return r;
}

static const struct config_gateway *
gw(const char *name)
{
	int i = config_gateway_find(&cfg, name);

	if (i < 0)
		fail_msg("no gateway %s", name);
	return &cfg.gateways[i];
}

static const struct config_tunnel *
tun(const char *name)
{
	int i = config_tunnel_find(&cfg, name);

	if (i < 0)
		fail_msg("no tunnel %s", name);
	return &cfg.tunnels[i];
}

static const char messy[] =
	"# dec/07/2026 09:00:00 by RouterOS 7.14.3\r\n"                 /* 1 */
	"# software id = AB12-CD34\r\n"                                 /* 2 */
	"/ip ipsec profile\r\n"                                         /* 3 */
	"add dpd-interval=2m dpd-maximum-\\\r\n"                        /* 4: mid-word */
	"    failures=5 name=\"slow \\\"one\\\"\" nat-traversal=no\r\n" /* 5 */
	"   \r\n"                                                       /* 6 */
	"/ip/ipsec/peer add address=198.51.100.1/32 name=p1 \\\r\n"     /* 7: v7 slashes */
	"      profile=\"slow \\\"one\\\"\"\r\n"                        /* 8 */
	"  add address=198.51.100.2/32 exchange-mode=ike2 name=p2 passive=yes\r\n"       /* 9 */
	"/ip ipsec identity\r\n"                                                         /* 10 */
	"add peer=p1 secret=\"s3cr\\\"et\\_key\"\r\n"                                    /* 11 */
	"add peer=p2 secret=<tunnel-2-secret>\r\n"                                       /* 12 */
	"/ip ipsec policy\r\n"                                                           /* 13 */
	"set [ find default=yes ] src-address=0.0.0.0/0\r\n"                             /* 14 */
	"add dst-address=10.0.0.0/16 peer=p1 src-address=192.168.88.0/24 tunnel=yes\r\n" /* 15 */
	"add dst-address=10.1.0.0/16 peer=p1 tunnel=yes\r\n"                             /* 16 */
	"add dst-address=10.2.0.0/16 peer=p2 src-address=0.0.0.0/0 tunnel=yes\r\n"       /* 17 */
	"/ip firewall mangle\r\n"                                                        /* 18 */
	"add action=change-mss chain=forward new-mss=clamp-to-pmtu protocol=tcp \\\r\n"  /* 19 */
	"    tcp-flags=syn dst-address=10.2.0.0/16\r\n"                                  /* 20 */
	"add action=change-mss chain=forward new-mss=1379 out-interface=wan protocol=tcp \\\r\n" /* 21 */
	"    tcp-flags=syn\r\n"                                     /* 22 */
	"/interface ethernet\r\n"                                   /* 23 */
	"set [ find default-name=ether1 ] mtu=1500 name=wan\r\n"    /* 24 */
	"/routing bgp connection\r\n"                               /* 25 */
	"add name=aws remote.address=169.254.10.1/32 .as=64512\r\n" /* 26 */
	"/system identity\r\n"                                      /* 27 */
	"set name=r1\r\n";                                          /* 28 */

static void
test_messy(void **state)
{
	const struct config_gateway *g;

	(void)state;
	assert_int_equal(parse(messy), 0);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.ngateways, 2);
	/* the continued profile line keeps line 4; its escaped name is read */
	g = gw("p1");
	assert_int_equal(g->line, 7);
	assert_string_equal(g->policy, "slow \"one\"");
	assert_int_equal(g->live.state, CONFIG_LIVE_ON);
	assert_int_equal(g->live.src.line, 4);
	assert_int_equal(g->live.interval, 120);
	assert_int_equal(g->live.retries, 5);
	assert_int_equal(g->live.dead_after, 600); /* issue 21: 10 minutes */
	assert_true(g->live.exact);
	/* the setting's text is the command that restores it, never the
	 * export's "add" line (pasted back it would add a second profile) */
	assert_string_equal(
		g->live.src.text,
		"/ip ipsec profile set [ find name=\"slow \\\"one\\\"\" ] dpd-interval=2m dpd-maximum-failures=5");
	assert_int_equal(g->natt.line, 4);
	assert_int_equal(g->natt.v, 0);
	assert_int_equal(g->start.state, CONFIG_START_ON_TRAFFIC);
	assert_int_equal(g->start.src.line, 0);
	assert_true(g->psk.set);
	assert_int_equal(g->psk.line, 11);
	/* an unset selector is the manual's 0.0.0.0/32 on the policy's line;
	 * the peer's first policy gives the gateway's */
	assert_int_equal(g->local_id.plen, 24);
	assert_int_equal(g->local_id.line, 15);
	assert_int_equal(tun("p1-1")->line, 15);
	assert_int_equal(tun("p1-2")->line, 16);
	/* p2: IKEv2 (dpd-maximum-failures ignored: a lower bound), passive,
	 * the default profile (8 s), a placeholder secret */
	g = gw("p2");
	assert_int_equal(g->version.v, 2);
	assert_int_equal(g->live.dead_after, 8);
	assert_false(g->live.exact);
	assert_int_equal(g->live.src.line, 0);
	assert_int_equal(g->start.state, CONFIG_START_NEVER);
	assert_int_equal(g->start.src.line, 9);
	assert_true(g->psk.tmpl);
	assert_int_equal(g->local_id.plen, 0);
	/* the first change-mss rule the traffic meets: p2's by dst-address */
	assert_int_equal(tun("p2-1")->mss.v, CONFIG_MSS_AUTO);
	assert_int_equal(tun("p2-1")->mss.line, 19);
	assert_int_equal(tun("p1-1")->mss.v, CONFIG_MSS_NUM);
	assert_int_equal(tun("p1-1")->mss_value, 1379);
	assert_string_equal(tun("p1-1")->via, "wan");
	/* the renamed ether1 */
	assert_int_equal(cfg.nifaces, 1);
	assert_string_equal(cfg.ifaces[0].name, "wan");
	assert_int_equal(cfg.ifaces[0].mtu.v, 1500);
	assert_int_equal(cfg.nbgp, 1);
	assert_int_equal(cfg.bgp[0].addr, 0xa9fe0a01u);
	assert_int_equal(cfg.bgp[0].line, 26);
	assert_int_equal(cfg.bgp[0].as, 64512); /* .as after remote.address: remote.as */
	assert_int_equal(cfg.firmware_line, 1);
	assert_int_equal(cfg.release, CONFIG_RELEASE(7, 14, 3));
	assert_int_equal(cfg.comments, 2);
	assert_int_equal(cfg.lines, 28);
	/* the secret is in no text a finding can quote */
	for (size_t i = 0; i < cfg.ngateways; i++)
		assert_null(strstr(cfg.gateways[i].live.src.text, "s3cr"));
	for (size_t i = 0; i < cfg.nplaceholders; i++)
		assert_null(strstr(cfg.placeholders[i].token, "tunnel-2-secret"));
	config_free(&cfg);
}

/* v6 against v7: the menus and keys only one of them has */
static const struct {
	const char *text;
	unsigned line; /* the invalid line, 0: none */
	enum config_bad why;
	unsigned arg;
	long lo, hi;
} versions[] = {
#define LONG_ENC \
	"aes-256-cbc,aes-256-cbc,aes-256-cbc,aes-256-cbc,aes-256-cbc,aes-256-cbc,aes-256-cbc," \
	"aes-256-cbc,aes-256-cbc,aes-256-cbc,aes-256-cbc,aes-256-cbc,aes-256-cbc,aes-256-cbc,"
	{ "# by RouterOS 7.1\n/routing bgp peer\nadd remote-address=169.254.10.1\n", 2,
	  CONFIG_BAD_COMMAND, 1, 0, 0 },
	{ "# by RouterOS 6.49\n/routing bgp connection\nadd remote.address=169.254.10.1\n", 2,
	  CONFIG_BAD_COMMAND, 1, 0, 0 },
	{ "# by RouterOS 6.49\n/routing bgp peer\nadd remote-address=169.254.10.1\n", 0, 0, 0, 0,
	  0 },
	{ "/routing bgp peer\nadd remote-address=169.254.10.1\n", 0, 0, 0, 0, 0 },
	{ "# by RouterOS 7.14\n/ip ipsec peer\nadd address=198.51.100.1/32 dpd-interval=10s\n", 3,
	  CONFIG_BAD_ARG, 3, 0, 0 },
	{ "# by RouterOS 6.42\n/ip ipsec peer\nadd address=198.51.100.1/32 dpd-interval=10s\n", 0,
	  0, 0, 0, 0 },
	{ "/ip ipsec peer\nadd address=198.51.100.1/32 exchange-mode=ikev3\n", 2, CONFIG_BAD_ARG, 3,
	  0, 0 },
	{ "/ip ipsec profile\nadd dpd-maximum-failures=300 name=x\n", 2, CONFIG_BAD_RANGE, 2, 1,
	  100 },
	{ "/ip ipsec profile\nadd dpd-interval=soon name=x\n", 2, CONFIG_BAD_ARG, 2, 0, 0 },
	{ "/ip ipsec profile\nadd name=x frobnicate=yes\n", 2, CONFIG_BAD_ARG, 3, 0, 0 },
	{ "/ip ipsec profile\nad name=x\n", 2, CONFIG_BAD_COMMAND, 1, 0, 0 },
	{ "/ip ipsec identity\nadd peer=x secret=\"open\n", 2, CONFIG_BAD_ARG, 3, 0, 0 },
	{ "add name=x\n/ip address\n", 1, CONFIG_BAD_COMMAND, 1, 0, 0 },
	{ "/ipsek peer\n/ip address\n", 1, CONFIG_BAD_COMMAND, 1, 0, 0 },
	{ "/ip firewall mangle\nadd action=change-mss new-mss=big\n", 2, CONFIG_BAD_ARG, 3, 0, 0 },
	/* a list longer than any buffer: its last word is checked too */
	{ "/ip ipsec proposal\nadd enc-algorithms=" LONG_ENC "bogus name=x\n", 2, CONFIG_BAD_ARG, 2,
	  0, 0 },
	{ "/ip ipsec proposal\nadd enc-algorithms=" LONG_ENC "aes-128-cbc name=x\n", 0, 0, 0, 0,
	  0 },
};

static void
test_versions(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(versions); i++) {
		char err[256];
		int r;
		print_message("row %zu\n", i);
		memset(&cfg, 0, sizeof(cfg));
		r = config_parse(versions[i].text, strlen(versions[i].text), VENDOR_ROUTEROS, &cfg,
				 err, sizeof(err));
		(void)r;
		if (!versions[i].line) {
			assert_int_equal(cfg.ninvalid, 0);
		} else {
			assert_true(cfg.ninvalid >= 1);
			assert_int_equal(cfg.invalid[0].line, versions[i].line);
			assert_int_equal(cfg.invalid[0].why, versions[i].why);
			assert_int_equal(cfg.invalid[0].arg, versions[i].arg);
			assert_int_equal(cfg.invalid[0].lo, versions[i].lo);
			assert_int_equal(cfg.invalid[0].hi, versions[i].hi);
			assert_null(strstr(cfg.invalid[0].text, "open")); /* a secret's value */
		}
		config_free(&cfg);
	}
}

/* The defaults where nothing is stated: v7's manual (8 s x 4), v6's
 * default profile (2 min x 5), disable-dpd, an unnamed v6 peer. */
static void
test_defaults(void **state)
{
	(void)state;
	assert_int_equal(parse("/ip ipsec peer\nadd address=198.51.100.1/32 name=a\n"), 0);
	assert_int_equal(gw("a")->live.dead_after, 32);
	assert_int_equal(gw("a")->natt.line, 0);
	assert_int_equal(gw("a")->natt.v, 1);
	config_free(&cfg);
	assert_int_equal(
		parse("# jan/02/2026 by RouterOS 6.49.10\n/ip ipsec peer\n"
		      "add address=198.51.100.1/32 secret=k\n/ip ipsec policy\n"
		      "add sa-dst-address=198.51.100.1 dst-address=10.0.0.0/8 tunnel=yes\n"),
		0);
	assert_int_equal(gw("198.51.100.1")->live.dead_after, 600);
	assert_true(gw("198.51.100.1")->psk.set);
	assert_int_equal(tun("198.51.100.1-1")->gateway, 0);
	/* the unset src-address: 0.0.0.0/32 */
	assert_int_equal(gw("198.51.100.1")->local_id.plen, 32);
	assert_null(strstr(gw("198.51.100.1")->remote_id.text, "secret"));
	config_free(&cfg);
	assert_int_equal(
		parse("/ip ipsec profile\nset [ find default=yes ] dpd-interval=disable-dpd\n"
		      "/ip ipsec peer\nadd address=198.51.100.1/32 name=a\n"
		      "add address=198.51.100.2/32 name=b disabled=yes\n"),
		0);
	assert_int_equal(gw("a")->live.state, CONFIG_LIVE_OFF);
	assert_int_equal(gw("a")->live.src.line, 2);
	assert_int_equal(cfg.ngateways, 1); /* a disabled peer runs nothing */
	config_free(&cfg);
}

/* export verbose (every default written, "!key" for an unset one, the
 * default entries' "set [ find default=yes ]" and "set 0") and interface
 * tunnels: GRE with ipsec-secret is IPsec transport mode, EoIP another
 * encapsulation, each with the clamp that names it; no secret kept. */
static const char verbose[] =
	"# by RouterOS 7.14\n"
	"/interface gre\n"
	"add ipsec-secret=hunter2 local-address=203.0.113.10 name=gre-aws remote-address=198.51.100.1 mtu=1400\n"
	"/interface eoip\n"
	"add name=eoip1 remote-address=198.51.100.9 tunnel-id=5\n"
	"/ip firewall mangle\n"
	"add action=change-mss chain=forward new-mss=1360 out-interface=gre-aws protocol=tcp tcp-flags=syn\n"
	"/ip ipsec profile\n"
	"set [ find default=yes ] dh-group=modp2048,modp1024 dpd-interval=8s dpd-maximum-failures=4 "
	"enc-algorithm=aes-128,3des hash-algorithm=sha1 lifetime=1d name=default nat-traversal=yes "
	"proposal-check=obey\n"
	"/ip ipsec proposal\n"
	"set [ find default=yes ] auth-algorithms=sha1 disabled=no enc-algorithms=aes-256-cbc,aes-192-cbc,"
	"aes-128-cbc lifetime=30m name=default pfs-group=modp1024\n"
	"/ip ipsec policy group\n"
	"set [ find default=yes ] name=default\n"
	"/ip ipsec policy\n"
	"set 0 disabled=no dst-address=::/0 group=default proposal=default protocol=all src-address=::/0 template=yes\n"
	"/ip ipsec peer\n"
	"add address=198.51.100.1/32 comment=\"\" disabled=no exchange-mode=ike2 local-address=\"\" name=p1 "
	"passive=no port=500 profile=default send-initial-contact=yes !keepalive\n";

static void
test_verbose(void **state)
{
	(void)state;
	assert_int_equal(parse(verbose), 0);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(tun("gre-aws")->kind, CONFIG_TK_TRANSPORT);
	assert_int_equal(tun("gre-aws")->mtu.v, 1400);
	assert_int_equal(tun("gre-aws")->mss_value, 1360);
	assert_null(strstr(tun("gre-aws")->encap.text, "hunter2"));
	assert_int_equal(tun("eoip1")->kind, CONFIG_TK_OTHER);
	assert_int_equal(gw("p1")->live.src.line, 9);
	assert_int_equal(gw("p1")->live.dead_after, 8); /* IKEv2: the interval, a lower bound */
	assert_int_equal(gw("p1")->start.state, CONFIG_START_ON_TRAFFIC);
	config_free(&cfg);
}

/* A template in the shape of the published RouterOS-to-AWS configuration
 * (tests/audit/configs/SOURCES.md, 22): two AWS tunnels, placeholders for addresses, networks
 * and secrets: listed, passing every value check, the selectors template
 * values; the secrets' placeholders are not listed. */
static const char tmpl[] =
	"/ip address\n"
	"add address=<Point-to-Point-AWS-IP-Tunnel-1>/30 interface=<WAN-Interface>\n"
	"/ip ipsec profile\n"
	"add dh-group=modp1024 dpd-interval=10s dpd-maximum-failures=3 enc-algorithm=\\\n"
	"    aes-128 lifetime=8h name=profile1-aws nat-traversal=no\n"
	"/ip ipsec peer\n"
	"add address=<PEER1_AWS_PUBLIC_IP>/32 local-address=<OFFICE_WAN_PUBLIC_IP> name=\\\n"
	"    peer1-aws profile=profile1-aws\n"
	"add address=<PEER2_AWS_PUBLIC_IP>/32 local-address=<OFFICE_WAN_PUBLIC_IP> name=\\\n"
	"    peer2-aws profile=profile1-aws\n"
	"/ip ipsec identity\n"
	"add peer=peer1-aws secret=<tunnel-1-secret>\n"
	"add peer=peer2-aws secret=<tunnel-2-secret>\n"
	"/ip ipsec policy\n"
	"add dst-address=<MY_AWS_VPC_PRIVATE_NETWORK> peer=peer1-aws src-address=\\\n"
	"    <MY_OFFICE_PRIVATE_NETWORK> tunnel=yes\n"
	"add dst-address=<MY_AWS_VPC_PRIVATE_NETWORK> peer=peer2-aws src-address=\\\n"
	"    <MY_OFFICE_PRIVATE_NETWORK> tunnel=yes\n";

static void
test_template(void **state)
{
	(void)state;
	assert_int_equal(parse(tmpl), 0);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.ngateways, 2);
	assert_int_equal(cfg.ntunnels, 2);
	assert_int_equal(gw("peer2-aws")->live.dead_after, 30);
	assert_int_equal(gw("peer2-aws")->line, 9);
	assert_true(gw("peer1-aws")->remote_addr.tmpl);
	assert_true(gw("peer1-aws")->local_id.tmpl);
	assert_true(gw("peer2-aws")->psk.tmpl);
	assert_int_equal(tun("peer2-aws-1")->line, 17);
	for (size_t i = 0; i < cfg.nplaceholders; i++)
		assert_null(strstr(cfg.placeholders[i].token, "secret"));
	assert_true(cfg.nplaceholders >= 8);
	config_free(&cfg);
}

/* A hub: 600 peers, each with a policy and an identity (tables grow). */
static void
test_hub(void **state)
{
	size_t cap = 600 * 400, n = 0;
	char *buf = malloc(cap);

	(void)state;
	assert_non_null(buf);
	n += (size_t)snprintf(buf + n, cap - n, "/ip ipsec peer\n");
	for (int i = 0; i < 600; i++)
		n += (size_t)snprintf(buf + n, cap - n, "add address=198.51.%d.%d/32 name=site%d\n",
				      100 + i / 250, 1 + i % 250, i);
	n += (size_t)snprintf(buf + n, cap - n, "/ip ipsec identity\n");
	for (int i = 0; i < 600; i++)
		n += (size_t)snprintf(buf + n, cap - n, "add peer=site%d secret=k%d\n", i, i);
	n += (size_t)snprintf(buf + n, cap - n, "/ip ipsec policy\n");
	for (int i = 0; i < 600; i++)
		n += (size_t)snprintf(
			buf + n, cap - n,
			"add dst-address=10.%d.%d.0/24 peer=site%d src-address=192.168.0.0/24 \\\n"
			"    tunnel=yes\n",
			i / 250, i % 250, i);
	assert_int_equal(parse(buf), 0);
	assert_int_equal(cfg.ngateways, 600);
	assert_int_equal(cfg.ntunnels, 600);
	assert_int_equal(tun("site599-1")->gateway, 599);
	assert_int_equal(tun("site599-1")->line, 1 + 601 + 601 + 2 * 599 + 1);
	assert_true(gw("site599")->psk.set);
	free(buf);
	config_free(&cfg);
}

/* Each policy's find selector names it alone, as the file writes its
 * values (config_tunnel.sel_find), and its undo command finds it by what
 * the fix sets; a policy without peer= has none (the fix is then said). */
static void
test_sel_find(void **state)
{
	(void)state;
	assert_int_equal(
		parse("/ip ipsec peer\n"
		      "add address=198.51.100.1/32 name=p1\n"
		      "/ip ipsec policy\n"
		      "add dst-address=192.168.0.0/24 peer=p1 src-address=10.0.0.0/16 tunnel=yes\n"
		      "add dst-address=169.254.10.1/32 peer=p1 tunnel=yes\n"
		      "add dst-address=192.168.9.0/24 sa-dst-address=198.51.100.1 tunnel=yes\n"),
		0);
	assert_int_equal(cfg.ntunnels, 3);
	assert_string_equal(tun("p1-1")->sel_find,
			    "peer=\"p1\" src-address=10.0.0.0/16 dst-address=192.168.0.0/24");
	assert_string_equal(
		tun("p1-1")->sel_undo,
		"/ip ipsec policy set [ find peer=\"p1\" src-address=0.0.0.0/0 "
		"dst-address=0.0.0.0/0 ] src-address=10.0.0.0/16 dst-address=192.168.0.0/24");
	/* no src-address: not in the find; the undo puts the default back */
	assert_string_equal(tun("p1-2")->sel_find, "peer=\"p1\" dst-address=169.254.10.1/32");
	assert_non_null(strstr(tun("p1-2")->sel_undo,
			       "] src-address=0.0.0.0/32 dst-address=169.254.10.1/32"));
	assert_false(gw("p1")->remote_addr.v6);
	assert_string_equal(tun("policy-1")->sel_find, "");
	assert_string_equal(tun("policy-1")->sel_undo, "");
	config_free(&cfg);
}

/* An IPv6 peer address or local-address: ESP rides in IPv6 (v6). */
static void
test_outer6(void **state)
{
	(void)state;
	assert_int_equal(
		parse("/ip ipsec peer\n"
		      "add address=2001:db8:2::1/128 name=six\n"
		      "add address=198.51.100.1/32 local-address=2001:db8:1::10 name=mixed\n"
		      "add address=198.51.100.2/32 name=four\n"),
		0);
	assert_true(gw("six")->remote_addr.v6);
	assert_int_equal(gw("six")->remote_addr.plen, CONFIG_PLEN_OTHER);
	assert_true(gw("mixed")->local_addr.v6);
	assert_false(gw("four")->remote_addr.v6);
	assert_false(gw("four")->local_addr.v6);
	config_free(&cfg);
}

/* Each policy's own proposal reaches its tunnel (the peer's first
 * policy's is also the gateway's); enc-algorithms x auth-algorithms is
 * one transform per pair, ',' between them; an empty auth-algorithms adds
 * none; no proposal= is the default proposal's three ciphers with sha1;
 * a list too long to keep is cut loudly, never read as all of it. */
static void
test_policy_esp(void **state)
{
	(void)state;
	assert_int_equal(
		parse("/ip ipsec peer\n"
		      "add address=198.51.100.7/32 exchange-mode=ike2 name=site\n"
		      "/ip ipsec proposal\n"
		      "add auth-algorithms=sha512,sha1 enc-algorithms=aes-256-cbc,aes-128-cbc name=p-cbc\n"
		      "add auth-algorithms=\"\" enc-algorithms=aes-128-gcm name=p-gcm\n" /* 5 */
		      "add auth-algorithms=md5,sha1,sha256 enc-algorithms=aes-128-cbc,aes-192-cbc,"
		      "aes-256-cbc,aes-128-ctr,aes-192-ctr,aes-256-ctr,3des name=p-long\n"
		      "/ip ipsec policy\n"
		      "add dst-address=10.2.0.0/24 peer=site proposal=p-gcm src-address=10.1.0.0/24 tunnel=yes\n"
		      "add dst-address=10.2.1.0/24 peer=site proposal=p-cbc src-address=10.1.1.0/24 tunnel=yes\n"
		      "add dst-address=10.2.2.0/24 peer=site src-address=10.1.2.0/24 tunnel=yes\n"
		      "add dst-address=10.2.3.0/24 peer=site proposal=p-long src-address=10.1.3.0/24 tunnel=yes\n"),
		0);
	assert_int_equal(cfg.ninvalid, 0);
	assert_true(tun("site-1")->esp_here);
	assert_string_equal(tun("site-1")->esp_text, "aes-128-gcm");
	assert_int_equal(tun("site-1")->esp.line, 5);
	assert_string_equal(
		tun("site-2")->esp_text,
		"aes-256-cbc sha512,aes-256-cbc sha1,aes-128-cbc sha512,aes-128-cbc sha1");
	assert_int_equal(tun("site-2")->esp.line, 4);
	assert_string_equal(tun("site-3")->esp_text,
			    "aes-256-cbc sha1,aes-192-cbc sha1,aes-128-cbc sha1");
	assert_non_null(strstr(tun("site-4")->esp_text, "aes-128-cbc md5,"));
	assert_true(tun("site-4")->esp.cut);
	assert_false(tun("site-2")->esp.cut);
	assert_string_equal(gw("site")->esp_text, "aes-128-gcm");
	config_free(&cfg);
}

/* exchange-mode=main-l2tp is a mode RouterOS takes: the peer is one
 * L2TP/IPsec remote-access tunnel (its policies are generated per
 * client), beside any policy tunnel of its own. */
static void
test_l2tp(void **state)
{
	const struct config_tunnel *t;

	(void)state;
	assert_int_equal(
		parse("/ip ipsec peer\n"
		      "add address=0.0.0.0/0 exchange-mode=main-l2tp generate-policy=port-override "
		      "secret=k\n"
		      "add address=198.51.100.7/32 exchange-mode=main name=site\n"),
		0);
	t = tun("0.0.0.0-l2tp");
	assert_true(cfg.ninvalid == 0 && cfg.ntunnels == 1);
	assert_int_equal(t->kind, CONFIG_TK_L2TP);
	assert_int_equal(t->gateway, config_gateway_find(&cfg, "0.0.0.0"));
	assert_int_equal(t->encap.line, 2);
	assert_int_equal(gw("0.0.0.0")->version.v, 1);
	config_free(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect_table), cmocka_unit_test(test_times),
		cmocka_unit_test(test_messy),        cmocka_unit_test(test_versions),
		cmocka_unit_test(test_defaults),     cmocka_unit_test(test_verbose),
		cmocka_unit_test(test_template),     cmocka_unit_test(test_hub),
		cmocka_unit_test(test_sel_find),     cmocka_unit_test(test_outer6),
		cmocka_unit_test(test_policy_esp),   cmocka_unit_test(test_l2tp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
