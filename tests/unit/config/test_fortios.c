/* SPDX-License-Identifier: BSD-2-Clause */
/* FortiOS (config/fortios.c), field by field: AWS's two tunnels as
 * tests/audit/configs/fortios-aws.conf has them, messy real shapes
 * (comments, no or odd indentation, quoted words with blanks, CRLF, the
 * version header, a multi-VDOM wrapper, a phase2 before its phase1), a hub
 * of 500 tunnels (the tables grow), each default and its Fortinet source
 * (DPD on-demand 20 s x 3, IKEv2's 93 s, FortiOS 5.2's "dpd enable" 5 s),
 * unset, policy clamps, lines a FortiGate rejects with their reason, and
 * keys that never reach a line's text. The sample is read from
 * MTUPROBE_SRCDIR, which meson sets to the source root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/config.h"

static struct config cfg;
static char err[512];

static void
parse(const char *text)
{
	config_free(&cfg);
	if (config_parse(text, strlen(text), VENDOR_FORTIGATE, &cfg, err, sizeof(err)) != 0)
		fail_msg("parse failed: %s", err);
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

static char *
slurp(const char *rel, size_t *len)
{
	char path[4096];
	const char *d = getenv("MTUPROBE_SRCDIR");
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", d && *d ? d : ".", rel);
	if (!(f = fopen(path, "rb")))
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* AWS's sample: two phase1/phase2/interface sets, BGP through each. */
static void
test_aws(void **state)
{
	size_t len;
	char *buf = slurp("tests/audit/configs/fortios-aws.conf", &len);
	const struct config_gateway *g;
	const struct config_tunnel *t;

	(void)state;
	assert_int_equal(config_detect(buf, len, err, sizeof(err)), VENDOR_FORTIGATE);
	parse(buf);
	free(buf);
	assert_int_equal(cfg.ngateways, 2);
	assert_int_equal(cfg.ntunnels, 2);
	assert_int_equal(cfg.nbgp, 2);
	assert_int_equal(cfg.ninvalid, 0);
	g = gw("vpn-0000000a-0");
	assert_int_equal(g->line, 9);
	assert_int_equal(g->version.v, 1);
	assert_int_equal(g->remote_addr.addr, 0xc6336401u); /* 198.51.100.1 */
	assert_int_equal(g->remote_addr.line, 16);
	assert_true(g->local_addr.tmpl); /* YOUR_UPLINK_ADDRESS */
	assert_string_equal(g->esp_text, "aes128-sha1");
	assert_int_equal(g->life_ike.v, 28800);
	assert_int_equal(g->life_child.v, 3600);
	assert_true(g->psk.set);
	/* set dpd enable + set dpd-retryinterval 10: 10 s x 3 = 30 s, exact */
	assert_int_equal(g->live.state, CONFIG_LIVE_ON);
	assert_int_equal(g->live.src.line, 11);
	assert_int_equal(g->live.interval, 10);
	assert_int_equal(g->live.retries, 3);
	assert_int_equal(g->live.dead_after, 30);
	assert_true(g->live.exact);
	/* no phase2 auto-negotiate: the SA comes up with traffic */
	assert_int_equal(g->start.state, CONFIG_START_ON_TRAFFIC);
	assert_int_equal(g->start.src.line, 0);
	assert_int_equal(g->local_id.line, 0); /* 0.0.0.0 0.0.0.0 by default */
	t = tun("vpn-0000000a-0");
	assert_int_equal(t->gateway, config_gateway_find(&cfg, "vpn-0000000a-0"));
	assert_int_equal(t->kind, CONFIG_TK_IPSEC);
	assert_int_equal(t->mss.v, CONFIG_MSS_NUM);
	assert_int_equal(t->mss_value, 1387);
	assert_int_equal(t->mss.line, 35);
	assert_int_equal(t->mtu.line, 0); /* set mtu without mtu-override */
	assert_int_equal(t->inside.addr, 0xa9feff02u);
	assert_int_equal(t->inside.plen, 30);
	assert_int_equal(t->remote.addr, 0xa9feff01u);
	assert_string_equal(t->policy_name, "vpn-0000000a-0");
	assert_int_equal(cfg.bgp[0].addr, 0xa9feff01u);
	assert_int_equal(cfg.bgp[1].addr, 0xa9feff05u);
	assert_int_equal(cfg.bgp[0].as, 7224); /* set remote-as in the neighbour's edit */
	assert_int_equal(cfg.bgp[1].as, 7224);
	assert_int_equal(gw("vpn-0000000a-1")->remote_addr.addr, 0xc6336402u);
	assert_int_equal(tun("vpn-0000000a-1")->mss_value, 1387);
}

/* What a FortiGate shows, as pasted: no indentation or odd indentation,
 * tabs, comments, quoted words with blanks and '#', the version header,
 * the config vdom wrapper; and the same text with CRLF reads the same. */
static const char messy[] =
	"#config-version=FGT60F-7.2.8-FW-build1639-240313:opmode=0:vdom=1:user=admin\n"
	"#conf_file_ver=1\n"
	"config vdom\n"
	"edit root\n"
	"config system interface\n"
	"edit \"wan1\"\n"
	"set mtu-override enable\n"
	"set mtu 1454\n"
	"set description \"PPPoE # fibre\"\n"
	"next\n"
	"      edit \"to aws 1\"\n"
	"\tset type tunnel\n"
	"  set ip 169.254.10.2 255.255.255.255\n"
	"set remote-ip 169.254.10.1/30\n"
	"             set mtu-override enable\n"
	"set mtu 1400\n"
	"set tcp-mss 1360\n"
	"    next\n"
	"end\n"
	"# the IKE side\n"
	"config vpn ipsec phase2-interface\n"
	"edit \"p2 of aws 1\"\n"
	"set phase1name \"to aws 1\"\n"
	"set proposal aes256-sha256 aes128-sha1\n"
	"set auto-negotiate enable\n"
	"set comments \"says \\\"hello\\\" and # no comment\"\n"
	"set src-subnet 0.0.0.0 0.0.0.0\n"
	"set dst-addr-type name\n"
	"set dst-name \"all\"\n"
	"next\n"
	"end\n"
	"config vpn ipsec phase1-interface\n"
	"edit \"to aws 1\"\n"
	"set interface \"wan1\"\n"
	"set ike-version 2\n"
	"set remote-gw 198.51.100.1\n"
	"set nattraversal forced\n"
	"set dpd on-idle\n"
	"next\n"
	"end\n"
	"next\n"
	"end\n";

static void
check_messy(void)
{
	const struct config_gateway *g = gw("to aws 1");
	const struct config_tunnel *t = tun("to aws 1");

	assert_int_equal(cfg.ninvalid, 0);
	assert_string_equal(cfg.firmware, "FGT60F-7.2.8-FW-build1639-240313");
	assert_int_equal(cfg.firmware_line, 1);
	assert_string_equal(cfg.model, "FGT60F");
	assert_int_equal(cfg.release, CONFIG_RELEASE(7, 2, 8));
	assert_int_equal(cfg.ngateways, 1);
	assert_int_equal(cfg.ntunnels, 1);
	assert_int_equal(t->mtu.v, 1400);
	assert_int_equal(t->mtu.line, 16);
	assert_int_equal(t->mss_value, 1360);
	assert_int_equal(t->remote.plen, 30);
	assert_string_equal(t->policy_name, "p2 of aws 1");
	assert_int_equal(t->gateway, 0);
	/* every proposal of the list, ',' between them (the model takes the worst) */
	assert_string_equal(g->esp_text, "aes256-sha256,aes128-sha1");
	assert_int_equal(g->esp.line, 24);
	assert_int_equal(g->natt.v, 1);
	assert_int_equal(g->version.v, 2);
	/* IKEv2: the retransmission's 93 s, a lower bound (Technical Tip 294932) */
	assert_int_equal(g->live.state, CONFIG_LIVE_ON);
	assert_int_equal(g->live.dead_after, 93);
	assert_false(g->live.exact);
	assert_int_equal(g->start.state, CONFIG_START_ALWAYS);
	assert_int_equal(g->start.src.line, 25);
	assert_int_equal(g->local_id.plen, 0);
	assert_int_equal(g->local_id.line, 27);
	assert_int_equal(g->remote_id.plen, 0); /* dst-name "all" */
	assert_int_equal(g->remote_id.line, 29);
	/* the WAN port's MTU is the line MTU */
	assert_int_equal(cfg.line_src, CONFIG_LINE_IFACE);
	assert_int_equal(cfg.line_mtu.v, 1454);
	assert_string_equal(cfg.line_name, "wan1");
	assert_string_equal(config_description(&cfg, "wan1"), "PPPoE # fibre");
}

static void
test_messy(void **state)
{
	char crlf[sizeof(messy) * 2];
	size_t k = 0;

	(void)state;
	assert_int_equal(config_detect(messy, strlen(messy), err, sizeof(err)), VENDOR_FORTIGATE);
	parse(messy);
	check_messy();
	for (size_t i = 0; messy[i]; i++) {
		if (messy[i] == '\n')
			crlf[k++] = '\r';
		crlf[k++] = messy[i];
	}
	crlf[k] = '\0';
	parse(crlf);
	check_messy();
}

/* Defaults, each from its source, and unset bringing one back. */
static void
test_defaults(void **state)
{
	const struct config_gateway *g;

	(void)state;
	parse("config vpn ipsec phase1-interface\n"
	      "edit a\nset remote-gw 198.51.100.1\nnext\n"
	      "edit b\nset dpd enable\nnext\n"
	      "edit c\nset dpd disable\nunset dpd\nset dpd-retrycount 5\nnext\n"
	      "edit d\nset dpd disable\nset passive-mode enable\nnext\n"
	      "end\n");
	/* on-demand, 20 s x 3 (Tip 260424, CLI reference): probes only while
	 * traffic goes out, so 60 s is a lower bound */
	g = gw("a");
	assert_int_equal(g->live.state, CONFIG_LIVE_ON_DEMAND);
	assert_int_equal(g->live.src.line, 0);
	assert_int_equal(g->live.dead_after, 60);
	assert_false(g->live.exact);
	assert_int_equal(g->natt.line, 0);
	/* FortiOS 5.2's dpd enable: 5 s (5.2 Handbook) x 3 */
	g = gw("b");
	assert_int_equal(g->live.state, CONFIG_LIVE_ON);
	assert_int_equal(g->live.dead_after, 15);
	assert_true(g->live.exact);
	/* unset dpd: the default again */
	g = gw("c");
	assert_int_equal(g->live.state, CONFIG_LIVE_ON_DEMAND);
	assert_int_equal(g->live.retries, 5);
	assert_int_equal(g->live.dead_after, 100);
	g = gw("d");
	assert_int_equal(g->live.state, CONFIG_LIVE_OFF);
	assert_int_equal(g->live.src.line, 14);
	assert_int_equal(g->start.state, CONFIG_START_NEVER);
	assert_int_equal(g->start.src.line, 15);
	assert_int_equal(cfg.ninvalid, 0);
	/* a second edit of a phase1 changes only what it sets (FOS-CLI) */
	parse("config vpn ipsec phase1-interface\nedit a\nset dpd on-idle\nset dpd-retryinterval 10\n"
	      "set remote-gw 198.51.100.1\nnext\nend\n"
	      "config vpn ipsec phase1-interface\nedit a\nset dpd-retrycount 5\nnext\nend\n");
	g = gw("a");
	assert_int_equal(g->live.state, CONFIG_LIVE_ON);
	assert_int_equal(g->live.interval, 10);
	assert_int_equal(g->live.retries, 5);
	assert_int_equal(g->live.dead_after, 50);
	assert_int_equal(g->remote_addr.line, 5);
	assert_int_equal(cfg.ngateways, 1);
}

/* A hub: 500 phase1/phase2/interface sets, every one read. */
static void
test_hub(void **state)
{
	size_t cap = 500 * 400, n = 0;
	char *buf = malloc(cap);

	(void)state;
	assert_non_null(buf);
	n += (size_t)snprintf(buf + n, cap - n, "config vpn ipsec phase1-interface\n");
	for (int i = 0; i < 500; i++)
		n += (size_t)snprintf(
			buf + n, cap - n,
			"edit \"hub%d\"\nset interface \"wan1\"\nset remote-gw 198.51.%d.%d\n"
			"set dpd on-idle\nnext\n",
			i, 100 + i / 250, 1 + i % 250);
	n += (size_t)snprintf(buf + n, cap - n, "end\nconfig system interface\n");
	for (int i = 0; i < 500; i++)
		n += (size_t)snprintf(buf + n, cap - n,
				      "edit \"hub%d\"\nset type tunnel\nset tcp-mss %d\nnext\n", i,
				      1000 + i);
	n += (size_t)snprintf(buf + n, cap - n, "end\n");
	assert_true(n < cap);
	parse(buf);
	free(buf);
	assert_int_equal(cfg.ngateways, 500);
	assert_int_equal(cfg.ntunnels, 500);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(tun("hub499")->mss_value, 1499);
	assert_int_equal(tun("hub499")->gateway, config_gateway_find(&cfg, "hub499"));
	assert_int_equal(gw("hub257")->remote_addr.addr, 0xc6336508u); /* 198.51.101.8 */
}

/* A clamp on firewall policies: both directions, the larger, only for a
 * tunnel without its own tcp-mss. */
static void
test_policy_clamp(void **state)
{
	(void)state;
	parse("config system interface\nedit t1\nset type tunnel\nnext\n"
	      "edit t2\nset type tunnel\nset tcp-mss 1300\nnext\nedit t3\nset type tunnel\nnext\nend\n"
	      "config vpn ipsec phase1-interface\nedit t1\nnext\nedit t2\nnext\nedit t3\nnext\nend\n"
	      "config firewall policy\n"
	      "edit 1\nset srcintf \"lan\"\nset dstintf \"t1\" \"t2\"\nset tcp-mss-sender 1350\n"
	      "set tcp-mss-receiver 1340\nnext\n"
	      "edit 2\nset srcintf \"t1\"\nset dstintf \"lan\"\nset tcp-mss-sender 1370\n"
	      "set tcp-mss-receiver 1200\nnext\n"
	      "edit 3\nset srcintf \"lan\"\nset dstintf \"t3\"\nset tcp-mss-sender 1100\nnext\nend\n");
	assert_int_equal(tun("t1")->mss_value, 1370);
	assert_int_equal(tun("t1")->mss.line, 31);
	assert_int_equal(tun("t2")->mss_value, 1300); /* its own line wins */
	assert_int_equal(tun("t3")->mss.line, 0);     /* one direction: no clamp */
	/* tcp-mss 0 is FortiOS's default (show full-configuration prints it):
	 * no clamp of its own, so the policy's counts; a policy's 0 leaves the
	 * interface's line as the one that says the clamp is off */
	parse("config system interface\nedit t4\nset type tunnel\nset tcp-mss 0\nnext\n"
	      "edit t5\nset type tunnel\nset tcp-mss 0\nnext\nend\n"
	      "config vpn ipsec phase1-interface\nedit t4\nnext\nedit t5\nnext\nend\n"
	      "config firewall policy\n"
	      "edit 2\nset dstintf \"t4\"\nset tcp-mss-sender 1350\nset tcp-mss-receiver 1350\nnext\n"
	      "edit 3\nset srcintf \"t4\" \"t5\"\nset tcp-mss-sender 0\nset tcp-mss-receiver 0\nnext\nend\n");
	assert_int_equal(tun("t4")->mss_value, 1350);
	assert_int_equal(tun("t4")->mss.v, CONFIG_MSS_NUM);
	assert_int_equal(tun("t4")->mss.line, 20); /* its tcp-mss-sender */
	assert_int_equal(tun("t5")->mss.v, CONFIG_MSS_OFF);
	assert_int_equal(tun("t5")->mss.line, 8);
}

/* Lines a FortiGate rejects: each invalid with its reason; a phase2
 * naming no phase1 is an undefined reference; a phase2 before its phase1
 * is bound. */
static void
test_invalid(void **state)
{
	(void)state;
	parse("set hostname x\n" /* 1: outside any block */
	      "config vpn ipsec phase2-interface\n"
	      "edit p2\nset phase1name \"late\"\nset src-subnet 10.0.0.0 255.0.0.0\nnext\n"
	      "edit p3\nset phase1name \"nowhere\"\nnext\n"
	      "end\n"
	      "config vpn ipsec phase1-interface\n"
	      "set dpd on-idle\n" /* 12: table level */
	      "edit late\n"
	      "set dpd sometimes\n"             /* 14: keyword */
	      "set dpd-retrycount 99\n"         /* 15: 0-10 */
	      "set remote-gw gateway.example\n" /* 16: an address */
	      "set keylife\n"                   /* 17: missing */
	      "next\n"
	      "next\n"              /* 19: no edit open */
	      "config router bgp\n" /* closes phase1-interface (11) */
	      "config neighbor\nedit not-an-address\nnext\nend\nend\n" /* 22, 23 */
	      "end\n"                                                  /* 26: nothing open */
	      "config system interface\nedit x\nset type tunnel\n");   /* 27: never closed */
	assert_int_equal(cfg.ninvalid, 12);
	assert_int_equal(cfg.invalid[0].line, 1);
	assert_int_equal(cfg.invalid[0].why, CONFIG_BAD_SCOPE);
	assert_int_equal(cfg.invalid[0].expect, CONFIG_ARG_IN_CONFIG);
	assert_int_equal(cfg.invalid[1].line, 12);
	assert_int_equal(cfg.invalid[1].expect, CONFIG_ARG_IN_EDIT);
	assert_int_equal(cfg.invalid[2].line, 14);
	assert_int_equal(cfg.invalid[2].why, CONFIG_BAD_ARG);
	assert_int_equal(cfg.invalid[2].arg, 3);
	assert_int_equal(cfg.invalid[3].line, 15);
	assert_int_equal(cfg.invalid[3].why, CONFIG_BAD_RANGE);
	assert_int_equal(cfg.invalid[3].lo, 0);
	assert_int_equal(cfg.invalid[3].hi, 10);
	assert_int_equal(cfg.invalid[4].line, 16);
	assert_int_equal(cfg.invalid[4].expect, CONFIG_ARG_ADDR);
	assert_int_equal(cfg.invalid[5].line, 17);
	assert_int_equal(cfg.invalid[5].why, CONFIG_BAD_MISSING);
	assert_int_equal(cfg.invalid[6].line, 19);
	assert_int_equal(cfg.invalid[6].expect, CONFIG_ARG_IN_EDIT);
	assert_int_equal(cfg.invalid[7].line, 11);
	assert_int_equal(cfg.invalid[7].why, CONFIG_BAD_UNCLOSED);
	assert_int_equal(cfg.invalid[8].line, 22);
	assert_int_equal(cfg.invalid[8].expect, CONFIG_ARG_ADDR);
	/* the rejected edit leaves its next without an entry, as on the router */
	assert_int_equal(cfg.invalid[9].line, 23);
	assert_int_equal(cfg.invalid[9].expect, CONFIG_ARG_IN_EDIT);
	assert_int_equal(cfg.invalid[10].line, 26);
	assert_int_equal(cfg.invalid[10].expect, CONFIG_ARG_IN_CONFIG);
	assert_int_equal(cfg.invalid[11].line, 27);
	assert_int_equal(cfg.invalid[11].why, CONFIG_BAD_UNCLOSED);
	assert_int_equal(cfg.nbgp, 0);
	/* the unclosed block at the end of the file, found after the lines */
	parse("config system interface\nedit x\nset type tunnel\nset tcp-mss 1300\n");
	assert_int_equal(cfg.ninvalid, 1);
	assert_int_equal(cfg.invalid[0].why, CONFIG_BAD_UNCLOSED);
	assert_int_equal(cfg.invalid[0].line, 1);
	assert_int_equal(tun("x")->mss_value, 1300); /* read up to there, and said */
	/* the phase2 before its phase1 is bound; the one naming nothing is a reference */
	parse("config vpn ipsec phase2-interface\n"
	      "edit p2\nset phase1name \"late\"\nset src-subnet 10.0.0.0 255.0.0.0\nnext\n"
	      "edit p3\nset phase1name \"nowhere\"\nnext\nend\n"
	      "config vpn ipsec phase1-interface\nedit late\nnext\nend\n");
	assert_int_equal(gw("late")->local_id.plen, 8);
	assert_int_equal(gw("late")->local_id.line, 4);
	assert_int_equal(cfg.nrefs, 1);
	assert_int_equal(cfg.refs[0].kind, CONFIG_REF_PHASE1);
	assert_int_equal(cfg.refs[0].line, 7);
	assert_string_equal(cfg.refs[0].name, "nowhere");
}

/* A key never stays in a line's text, in clear, quoted with blanks, or
 * in a line the router rejects; it is compared as a digest. */
static void
test_keys(void **state)
{
	const struct config_gateway *a, *b;

	(void)state;
	parse("config vpn ipsec phase1-interface\n"
	      "set psksecret \"top secret one\"\n"
	      "edit a\nset psksecret \"top secret one\"\nnext\n"
	      "edit b\nset psksecret top-secret-two\nnext\n"
	      "edit c\nset psksecret ENC dG9wLXNlY3JldA==\nnext\nend\n");
	assert_int_equal(cfg.ninvalid, 1);
	assert_null(strstr(cfg.invalid[0].text, "secret one"));
	assert_non_null(strstr(cfg.invalid[0].text, "(key not printed)"));
	a = gw("a");
	b = gw("b");
	assert_true(a->psk.set);
	assert_true(b->psk.set);
	assert_false(config_secret_equal(&a->psk, &b->psk));
	assert_false(gw("c")->psk.set); /* ENC: no key to compare */
	for (size_t i = 0; i < cfg.ngateways; i++) {
		const struct config_gateway *g = &cfg.gateways[i];
		assert_null(strstr(g->live.src.text, "secret"));
		assert_null(strstr(g->keepalive.text, "secret"));
	}
	for (size_t i = 0; i < cfg.nplaceholders; i++)
		assert_null(strstr(cfg.placeholders[i].token, "secret"));
}

/* A quoted value over many lines (show full-configuration's certificates,
 * keys and comments): its lines are text, not commands, even one that
 * looks like a command; "" is an empty value; a quote no line closes is
 * one invalid line where it opened, and nothing after it is read. */
static void
test_multiline(void **state)
{
	(void)state;
	parse("config vpn certificate local\nedit \"c\"\n"
	      "set private-key \"-----BEGIN ENCRYPTED PRIVATE KEY-----\n" /* 3 */
	      "MIIFDjBABgkq\nset remote-gw x\n# not a comment\n\n"
	      "-----END ENCRYPTED PRIVATE KEY-----\"\n"     /* 8 */
	      "set comments \"a \\\" b\nnext\nend \\\\\"\n" /* 9-11 */
	      "set password \"\"\nnext\nend\n"
	      "config system interface\nedit \"t\"\nset type tunnel\nset tcp-mss 1300\nnext\nend\n");
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.lines, 20);
	assert_int_equal(tun("t")->mss_value, 1300); /* read again after the quotes */
	parse("config system interface\nedit \"t\"\nset type tunnel\n"
	      "set description \"never closed\nset tcp-mss 1300\nnext\nend\n");
	assert_int_equal(cfg.ninvalid, 1);
	assert_int_equal(cfg.invalid[0].line, 4);
	assert_int_equal(cfg.invalid[0].why, CONFIG_BAD_QUOTE);
	assert_int_equal(tun("t")->mss.line, 0); /* inside the value: not read */
}

/* FortiOS's own ${...} variables in a quoted value of a key the audit
 * does not read are its text (a report layout's set content); unquoted,
 * or the whole value of a key the audit reads, a placeholder still is. */
static void
test_quoted_vars(void **state)
{
	(void)state;
	parse("config report layout\nedit \"default\"\nconfig body-item\nedit 103\n"
	      "set content \"FortiGate ${schedule_type} Security Report\"\n"
	      "set img-src \"${vdom}\"\nset title ${report_title}\nnext\nend\nnext\nend\n"
	      "config vpn ipsec phase1-interface\nedit \"t\"\nset remote-gw \"${peer_ip}\"\nnext\nend\n");
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.nplaceholders, 2);
	assert_int_equal(cfg.placeholders[0].line, 7); /* unquoted: a template's */
	assert_string_equal(cfg.placeholders[0].token, "${report_title}");
	assert_int_equal(cfg.placeholders[1].line, 14); /* a value the audit needs */
	assert_true(gw("t")->remote_addr.tmpl);
}

/* '' is show full-configuration's empty string, no description; a type
 * tunnel interface no phase1 names (ssl.root) is no IPsec tunnel when the
 * file has phase1s, whichever comes first, and a phase1's tunnel
 * interface before its phase1 is still its tunnel. */
static void
test_full_shapes(void **state)
{
	(void)state;
	parse("config system interface\n"
	      "edit \"ssl.root\"\nset type tunnel\nset description ''\nset alias \"SSL VPN interface\"\nnext\n"
	      "edit \"s2s\"\nset type tunnel\nset tcp-mss 1350\nset description ''\nnext\nend\n"
	      "config vpn ipsec phase1-interface\nedit \"s2s\"\nset comments ''\nnext\nend\n");
	assert_int_equal(config_tunnel_find(&cfg, "ssl.root"), -1);
	assert_int_equal(cfg.ntunnels, 1);
	{
		const struct config_tunnel *t = tun("s2s");
		assert_int_equal(t->gateway, config_gateway_find(&cfg, "s2s"));
		assert_int_equal(t->line, 7);
		assert_int_equal(t->mss_value, 1350);
		assert_string_equal(t->desc, "");
	}
	assert_int_equal(cfg.ninvalid, 0);
}

/* Not FortiOS: refused with a message, never an empty all-clear. */
static void
test_refused(void **state)
{
	static const char *const texts[] = {
		"tunnel select 1\nip tunnel mtu 1280\n",
		"conn a\n  left=192.0.2.1\n",
		"next\nend\nhello\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		config_free(&cfg);
		assert_int_equal(config_parse(texts[i], strlen(texts[i]), VENDOR_FORTIGATE, &cfg,
					      err, sizeof(err)),
				 -1);
		assert_true(err[0] != '\0');
	}
	assert_int_equal(config_vendor_lookup("fortigate"), VENDOR_FORTIGATE);
	assert_int_equal(config_vendor_lookup("fortios"), VENDOR_FORTIGATE);
}

static int
teardown(void **state)
{
	(void)state;
	config_free(&cfg);
	return 0;
}

/* A phase1-interface key no FortiOS 6.0.0-7.6.4 has is a line the
 * FortiGate rejects (Fortinet's CLI reference, doc/config-grammar.md);
 * an abbreviation it takes is read as its key; a file naming another
 * release, or a key in a table inside the entry, is not judged. */
static const char p1_body[] = "config vpn ipsec phase1-interface\n"
			      " edit t1\n"
			      "  set interface \"wan1\"\n"
			      "  set remote-gw 198.51.100.1\n"
			      "  set lifetime 28800\n" /* 6 (5 without a header) */
			      "  set dpd on-idle\n"
			      "  set dpd-retryint 20\n"          /* dpd-retryinterval */
			      "  set dpd-retryc 4\n"             /* dpd-retrycount */
			      "  set psks example-abbreviated\n" /* psksecret or psksecret-remote */
			      "  set remote-g 198.51.100.9\n" /* ambiguous: not read, not judged */
			      "  unset pre-shared-key\n"      /* 12 */
			      "  config ipv4-exclude-range\n"
			      "   edit 1\n"
			      "    set start-ip 10.0.0.1\n" /* a sub-table's key */
			      "   next\n"
			      "  end\n"
			      " next\n"
			      "end\n";

static void
test_p1_keys(void **state)
{
	static const struct {
		const char *header;
		size_t invalid;
	} rows[] = {
		{ "", 2 }, /* a typed session, a sample */
		{ "#config-version=FGT60F-7.2.8-FW-build1639-240313:opmode=0:vdom=0\n", 2 },
		{ "#config-version=FGT60F-6.0.0-FW-build0076-180329:opmode=0\n", 2 },
		{ "#config-version=FGT60F-7.6.4-FW-build3596-250820:opmode=0\n", 2 },
		{ "#config-version=FGT60F-7.6.5-FW-build3600-251010:opmode=0\n", 0 }, /* later */
		{ "#config-version=FGT60E-5.6.3-FW-build1547-171204:opmode=0\n", 0 }, /* earlier */
	};
	char text[2048];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		unsigned at = rows[i].header[0] ? 1 : 0;
		snprintf(text, sizeof(text), "%s%s", rows[i].header, p1_body);
		parse(text);
		if (cfg.ninvalid != rows[i].invalid)
			fail_msg("row %zu: %zu invalid lines, want %zu", i, cfg.ninvalid,
				 rows[i].invalid);
		if (rows[i].invalid) {
			assert_int_equal(cfg.invalid[0].line, 5 + at);
			assert_int_equal(cfg.invalid[0].why, CONFIG_BAD_ARG);
			assert_int_equal(cfg.invalid[0].arg, 2);
			assert_int_equal(cfg.invalid[0].expect, CONFIG_ARG_FG_P1_KEY);
			assert_int_equal(cfg.invalid[1].line, 11 + at);
			assert_int_equal(cfg.invalid[1].expect, CONFIG_ARG_FG_P1_KEY);
		}
		/* the abbreviations, read as FortiOS reads them */
		assert_int_equal(gw("t1")->live.interval, 20);
		assert_int_equal(gw("t1")->live.retries, 4);
		assert_int_equal(gw("t1")->psk.line, 0);                   /* ambiguous: not read */
		assert_int_equal(gw("t1")->remote_addr.addr, 0xc6336401u); /* 198.51.100.1 */
	}
}

/* ip-version 6 takes remote-gw6/local-gw6 as the outer addresses (v6: a
 * 40-byte outer header); 4, the default, remote-gw even beside a
 * remote-gw6; ip-version 6 without remote-gw6 is still IPv6; a remote-gw6
 * that is no IPv6 address is an invalid line. */
static void
test_ip_version(void **state)
{
	(void)state;
	parse("config vpn ipsec phase1-interface\n"
	      "    edit \"six\"\n"
	      "        set ip-version 6\n"
	      "        set remote-gw 192.0.2.1\n"
	      "        set remote-gw6 2001:db8::1\n" /* 5 */
	      "    next\n"
	      "    edit \"four\"\n"
	      "        set remote-gw 192.0.2.2\n" /* 8 */
	      "        set remote-gw6 2001:db8::2\n"
	      "    next\n"
	      "    edit \"dialup\"\n"
	      "        set type dynamic\n"
	      "        set ip-version 6\n" /* 13 */
	      "    next\n"
	      "    edit \"bad\"\n"
	      "        set remote-gw6 192.0.2.4\n" /* 16 */
	      "    next\n"
	      "    edit \"tpl\"\n"
	      "        set ip-version 6\n"
	      "        set remote-gw6 ${peer_ipv6}\n" /* 20 */
	      "    next\n"
	      "end\n");
	assert_int_equal(gw("six")->remote_addr.line, 5);
	assert_true(gw("six")->remote_addr.v6);
	assert_int_equal(gw("four")->remote_addr.line, 8);
	assert_int_equal(gw("four")->remote_addr.plen, 32);
	assert_false(gw("four")->remote_addr.v6);
	assert_int_equal(gw("dialup")->remote_addr.line, 13);
	assert_true(gw("dialup")->remote_addr.v6);
	assert_int_equal(gw("tpl")->remote_addr.line, 20);
	assert_true(gw("tpl")->remote_addr.tmpl);
	assert_true(gw("tpl")->remote_addr.v6); /* a placeholder of an IPv6 key */
	assert_int_equal(cfg.ninvalid, 1);
	assert_int_equal(cfg.invalid[0].line, 16);
}

/* Every phase2 of a phase1 adds its proposals to the tunnel's list, the
 * one before its phase1 (bound at the end) and those after it alike; the
 * first one read gives the selectors and the ESP line. A phase2 without
 * a proposal takes FortiOS's initial list, which the file does not name:
 * that tunnel's ESP is not known (esp_several, its edit line). */
static void
test_phase2_lists(void **state)
{
	(void)state;
	parse("config vpn ipsec phase2-interface\n"
	      "    edit \"early\"\n"
	      "        set phase1name \"site\"\n"
	      "        set proposal aes128gcm\n" /* 4 */
	      "    next\n"
	      "end\n"
	      "config vpn ipsec phase1-interface\n"
	      "    edit \"site\"\n"
	      "        set remote-gw 192.0.2.1\n"
	      "    next\n"
	      "    edit \"two\"\n"
	      "        set remote-gw 192.0.2.2\n"
	      "    next\n"
	      "end\n"
	      "config vpn ipsec phase2-interface\n"
	      "    edit \"a\"\n"
	      "        set phase1name \"site\"\n"
	      "        set proposal aes256-sha512   aes128-sha1\n" /* 18 */
	      "        set src-subnet 10.1.0.0 255.255.255.0\n"
	      "    next\n"
	      "    edit \"b\"\n"
	      "        set phase1name \"two\"\n"
	      "        set proposal aes128-sha256\n"
	      "    next\n"
	      "    edit \"c\"\n" /* 25 */
	      "        set phase1name \"two\"\n"
	      "    next\n"
	      "end\n");
	assert_int_equal(cfg.ninvalid, 0);
	assert_string_equal(gw("site")->esp_text, "aes256-sha512,aes128-sha1,aes128gcm");
	assert_int_equal(gw("site")->esp.line, 18);
	assert_int_equal(gw("site")->esp_several.line, 0);
	assert_int_equal(gw("site")->local_id.line, 19);
	assert_string_equal(tun("site")->policy_name, "a");
	assert_string_equal(gw("two")->esp_text, "");
	assert_int_equal(gw("two")->esp_several.line, 25);
}

/* A placeholder for the proposal is a template value in the list (the
 * model names it), not a phase2 that sets none. */
static void
test_phase2_tmpl(void **state)
{
	(void)state;
	parse("config vpn ipsec phase1-interface\n edit \"site\"\n set remote-gw 192.0.2.1\n"
	      " next\nend\nconfig vpn ipsec phase2-interface\n"
	      " edit \"a\"\n set phase1name \"site\"\n set proposal ${p2}\n next\nend\n");
	assert_string_equal(gw("site")->esp_text, "${p2}");
	assert_int_equal(gw("site")->esp_several.line, 0);
	assert_true(gw("site")->esp.tmpl);
}

/* A second edit of a phase2 replaces the proposal it sets (FortiOS
 * changes what an edit sets): the latest by line, even when the first
 * edit came before the phase1 and was bound at the end; one that sets no
 * phase1name keeps the first edit's. */
static void
test_phase2_reedit(void **state)
{
	const struct config_gateway *g;

	(void)state;
	parse("config vpn ipsec phase2-interface\n"
	      " edit \"a\"\n set phase1name \"site\"\n set proposal aes128gcm\n next\nend\n"
	      "config vpn ipsec phase1-interface\n edit \"site\"\n set remote-gw 192.0.2.1\n"
	      " next\nend\n"
	      "config vpn ipsec phase2-interface\n"
	      " edit \"a\"\n set phase1name \"site\"\n set proposal aes256-sha512\n next\n"
	      " edit \"b\"\n set phase1name \"site\"\n set proposal aes128-sha1\n next\n"
	      " edit \"b\"\n set auto-negotiate enable\n next\nend\n");
	g = gw("site");
	assert_true(cfg.ninvalid == 0 && !g->esp.cut);
	assert_string_equal(g->esp_text, "aes256-sha512,aes128-sha1");
	assert_int_equal(g->esp.line, 15);
	/* b's second edit keeps its phase1name: no undefined reference, and
	 * its auto-negotiate starts the tunnel */
	assert_int_equal(cfg.nrefs, 0);
	assert_int_equal(g->start.state, CONFIG_START_ALWAYS);
}

/* Proposals more than the list keeps: the tunnel's list is cut, and says
 * so (config_num.cut), both for one phase2's and for phase2s together. */
static void
test_phase2_cut(void **state)
{
	static const char many[] = " aes128-sha1 aes256-sha1 aes128-sha256 aes256-sha256"
				   " aes128-sha384 aes256-sha384 aes128-sha512 aes256-sha512"
				   " aes128gcm aes256gcm 3des-sha1\n";
	char text[1024];

	(void)state;
	snprintf(text, sizeof(text),
		 "config vpn ipsec phase1-interface\n edit \"site\"\n set remote-gw 192.0.2.1\n"
		 " next\nend\nconfig vpn ipsec phase2-interface\n"
		 " edit \"a\"\n set phase1name \"site\"\n set proposal%s next\n"
		 " edit \"b\"\n set phase1name \"site\"\n set proposal%s next\nend\n",
		 many, many);
	parse(text);
	assert_true(gw("site")->esp.cut);
	assert_int_equal(gw("site")->esp.line, 9);
	assert_null(strstr(gw("site")->esp_text, "..."));
}

/* A type tunnel interface no phase1 is named after, sent traffic by a
 * policy or a static route, beside a phase1 whose name begins with it and
 * that has no interface entry: the phase1's tunnel names both lines. Not
 * when the phase1 has its own entry, nor for an interface (ssl.root) no
 * phase1's name begins with. */
static void
test_if_like(void **state)
{
	(void)state;
	parse("config system interface\n"
	      "    edit \"VPN-PALO\"\n" /* 2 */
	      "        set type tunnel\n"
	      "    next\n"
	      "    edit \"ssl.root\"\n"
	      "        set type tunnel\n"
	      "    next\n"
	      "    edit \"B\"\n"
	      "        set type tunnel\n"
	      "    next\n"
	      "    edit \"B-P1\"\n"
	      "    next\n"
	      "end\n"
	      "config vpn ipsec phase1-interface\n"
	      "    edit \"VPN-PALO-P1\"\n"
	      "        set remote-gw 192.0.2.1\n"
	      "    next\n"
	      "    edit \"B-P1\"\n"
	      "        set remote-gw 192.0.2.2\n"
	      "    next\n"
	      "end\n"
	      "config firewall policy\n"
	      "    edit 1\n"
	      "        set srcintf \"ssl.root\" \"B\"\n"
	      "        set dstintf \"lan\"\n"
	      "    next\n"
	      "end\n"
	      "config router static\n"
	      "    edit 1\n"
	      "        set device \"VPN-PALO\"\n" /* 30 */
	      "    next\n"
	      "end\n");
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(tun("VPN-PALO-P1")->if_like.line, 2);
	assert_string_equal(tun("VPN-PALO-P1")->if_like.text, "edit \"VPN-PALO\"");
	assert_int_equal(tun("VPN-PALO-P1")->if_like_use.line, 30);
	assert_int_equal(tun("B-P1")->if_like.line, 0);
	assert_int_equal(cfg.ntunnels, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_aws, teardown),
		cmocka_unit_test_teardown(test_messy, teardown),
		cmocka_unit_test_teardown(test_defaults, teardown),
		cmocka_unit_test_teardown(test_hub, teardown),
		cmocka_unit_test_teardown(test_policy_clamp, teardown),
		cmocka_unit_test_teardown(test_invalid, teardown),
		cmocka_unit_test_teardown(test_keys, teardown),
		cmocka_unit_test_teardown(test_multiline, teardown),
		cmocka_unit_test_teardown(test_quoted_vars, teardown),
		cmocka_unit_test_teardown(test_full_shapes, teardown),
		cmocka_unit_test_teardown(test_p1_keys, teardown),
		cmocka_unit_test_teardown(test_ip_version, teardown),
		cmocka_unit_test_teardown(test_refused, teardown),
		cmocka_unit_test_teardown(test_phase2_lists, teardown),
		cmocka_unit_test_teardown(test_phase2_cut, teardown),
		cmocka_unit_test_teardown(test_phase2_reedit, teardown),
		cmocka_unit_test_teardown(test_phase2_tmpl, teardown),
		cmocka_unit_test_teardown(test_if_like, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
