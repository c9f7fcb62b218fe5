/* SPDX-License-Identifier: BSD-2-Clause */
/* The config parsers, table-driven: format detection, one fact per row
 * (which line it came from and its value), block scoping (show config
 * indentation, select none), IX name binding, swanctl sections, hostile
 * bytes (NUL, CRLF, Shift_JIS, a line far past the read limit), and the
 * vendor ESP words the audit maps to strongSwan syntax. Addresses are
 * RFC 5737 documentation addresses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/config.h"
#include "config/config_int.h"
#include "core/audit.h"
#include "base/count.h"

static struct config cfg;

static int
parse(const char *text, int vendor)
{
	char err[256];

	return config_parse(text, strlen(text), vendor, &cfg, err, sizeof(err));
}

/* clang-format off */
static const struct { const char *text; int vendor; } detect_rows[] = {
	{ "tunnel select 1\n ip tunnel mtu 1280\n", VENDOR_RTX },
	{ "# RTX1210 Rev.14.01.38\r\nip lan2 mtu 1454\r\n", VENDOR_RTX },
	{ "interface Tunnel0.0\n  ip tcp adjust-mss auto\n", VENDOR_IX },
	{ "!\nike policy p peer 198.51.100.1 key k prop\n", VENDOR_IX },
	{ "connections {\n  a {\n  }\n}\n", VENDOR_STRONGSWAN },
	{ "hello world\nthis is a letter\n", -1 },
	{ "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", -1 },
};
/* clang-format on */

static void
test_detect(void **state)
{
	char err[256];

	(void)state;
	for (size_t i = 0; i < COUNT(detect_rows); i++)
		assert_int_equal(config_detect(detect_rows[i].text, strlen(detect_rows[i].text),
					       err, sizeof(err)),
				 detect_rows[i].vendor);
	assert_int_equal(config_detect("", 0, err, sizeof(err)), -1);
	assert_true(err[0] != '\0'); /* never empty: the code for the callers that do not word it */
	/* an empty file is a code, the format given or none (cli words it) */
	assert_int_equal(config_parse("", 0, -1, &cfg, err, sizeof(err)), -1);
	assert_int_equal(cfg.refused.code, CONFIG_R_EMPTY);
	assert_false(cfg.refused.has_format);
	config_free(&cfg);
	assert_int_equal(config_parse("", 0, VENDOR_IX, &cfg, err, sizeof(err)), -1);
	assert_int_equal(cfg.refused.code, CONFIG_R_EMPTY);
	assert_true(cfg.refused.has_format);
	assert_int_equal(cfg.refused.format, VENDOR_IX);
	config_free(&cfg);
	assert_int_equal(config_parse("x", 1, VENDOR_COUNT, &cfg, err, sizeof(err)), -1);
	assert_int_equal(cfg.refused.code, CONFIG_R_UNKNOWN_FORMAT);
	config_free(&cfg);
}

static const char rtx[] = "# RTX830 Rev.15.02.10 (x)\n"                          /* 1 */
			  "ip lan2 mtu 1480\n"                                   /* 2 */
			  "tunnel select 3\n"                                    /* 3 */
			  " ipsec tunnel 103\n"                                  /* 4 */
			  "  ipsec sa policy 103 3 esp aes256-cbc sha256-hmac\n" /* 5 */
			  "  ipsec ike keepalive use 3 on dpd 15 2\n"            /* 6 */
			  "  ipsec ike local id 3 10.1.0.0/16\n"                 /* 7 */
			  "  ipsec ike nat-traversal 3 on\n"                     /* 8 */
			  "  ipsec auto refresh 3 off\n"                         /* 9 */
			  " ip tunnel mtu 1400\n"                                /* 10 */
			  " ip tunnel tcp mss limit 1360\n"                      /* 11 */
			  " ipsec tunnel outer df-bit clear\n"                   /* 12 */
			  " ip tunnel address 169.254.3.2/30\n"                  /* 13 */
			  "ip tunnel mtu 1501\n" /* 14: still tunnel 3 (no select): out of range */
			  "ipsec auto refresh on\n"            /* 15 */
			  "bgp neighbor 1 64512 169.254.3.1\n" /* 16 */
			  "frobnicate\n";                      /* 17 */

static void
test_rtx_facts(void **state)
{
	const struct config_tunnel *t;
	const struct config_gateway *g;

	(void)state;
	assert_int_equal(parse(rtx, -1), 0);
	assert_int_equal(cfg.vendor, VENDOR_RTX);
	assert_int_equal(cfg.lines, 17);
	assert_int_equal(cfg.firmware_line, 1);
	/* the one release field every parser fills (config_clamp_default) */
	assert_string_equal(cfg.model, "RTX830");
	assert_int_equal(cfg.release, CONFIG_RELEASE(15, 2, 10));
	assert_int_equal(cfg.ntunnels, 1);
	t = &cfg.tunnels[0];
	assert_string_equal(t->name, "tunnel3");
	assert_int_equal(t->mtu.v, 1400);
	assert_int_equal(t->mtu.line, 10);
	assert_int_equal(t->mss.v, CONFIG_MSS_NUM);
	assert_int_equal(t->mss_value, 1360);
	assert_int_equal(t->df.v, 2);
	assert_int_equal(t->inside.plen, 30);
	assert_int_equal(t->gateway, 0);
	g = &cfg.gateways[0];
	assert_string_equal(g->name, "3");
	assert_string_equal(g->esp_text, "aes256-cbc sha256-hmac");
	assert_int_equal(g->keepalive.v, CONFIG_ON);
	assert_int_equal(g->ka_method, CONFIG_KA_DPD);
	assert_int_equal(g->ka_interval, 15);
	assert_int_equal(g->ka_count, 2);
	assert_int_equal(g->local_id.plen, 16);
	assert_int_equal(g->natt.v, 1);
	assert_int_equal(g->refresh.v, 0);
	assert_int_equal(g->refresh.line, 9);
	assert_int_equal(cfg.refresh.v, 1);
	assert_int_equal(cfg.refresh.line, 15);
	assert_int_equal(cfg.nbgp, 1);
	assert_int_equal(cfg.bgp[0].addr, 0xa9fe0301u);
	assert_int_equal(cfg.bgp[0].as, 64512); /* bgp neighbor N AS ADDR */
	assert_int_equal(cfg.unread, 0);
	assert_int_equal(cfg.ninvalid, 2); /* line 14 out of range, line 17 no command */
	assert_int_equal(cfg.invalid[0].line, 14);
	assert_int_equal(cfg.invalid[0].why, CONFIG_BAD_RANGE);
	assert_int_equal(cfg.invalid[0].arg, 4);
	assert_int_equal(cfg.invalid[0].lo, 64);
	assert_int_equal(cfg.invalid[0].hi, 1500);
	assert_int_equal(cfg.invalid[1].line, 17);
	assert_int_equal(cfg.invalid[1].why, CONFIG_BAD_COMMAND);
	config_free(&cfg);
}

/* Blocks end by command, never by indentation: an unindented line after
 * indented ones is still the selected tunnel's (a pasted template). */
static void
test_rtx_indentation(void **state)
{
	(void)state;
	assert_int_equal(
		parse("tunnel select 2\n ipsec tunnel 202\n  ipsec sa policy 202 2 esp aes-cbc sha-hmac\n"
		      "ip tunnel tcp mss limit 1387\n ip tunnel mtu 1300\npp select 1\nip pp mtu 1454\n"
		      "pppoe use lan2\nip tunnel mtu 1400\n",
		      VENDOR_RTX),
		0);
	assert_int_equal(cfg.ntunnels, 1);
	assert_int_equal(cfg.tunnels[0].mss_value, 1387);
	assert_int_equal(cfg.tunnels[0].mss.line, 4);
	assert_int_equal(cfg.tunnels[0].mtu.v, 1300);
	assert_int_equal(cfg.ifaces[0].mtu.v, 1454);
	assert_int_equal(cfg.ifaces[0].pppoe.line, 8);
	assert_string_equal(cfg.ifaces[0].carrier, "lan2");
	/* ip tunnel mtu inside pp select: the router rejects it */
	assert_int_equal(cfg.ninvalid, 1);
	assert_int_equal(cfg.invalid[0].line, 9);
	assert_int_equal(cfg.invalid[0].why, CONFIG_BAD_SCOPE);
	assert_int_equal(cfg.invalid[0].expect, CONFIG_ARG_IN_TUNNEL);
	assert_int_equal(cfg.line_src, CONFIG_LINE_PP);
	assert_int_equal(cfg.line_mtu.v, 1454);
	config_free(&cfg);
}

/* AWS's Yamaha sample typo is an invalid line, not a gateway named "id";
 * placeholders keep their names and are listed; a missing sa policy is
 * an undefined reference. */
static void
test_rtx_invalid_and_templates(void **state)
{
	(void)state;
	assert_int_equal(
		parse("tunnel select 1\nipsec tunnel 201\nipsec sa policy 201 1 esp aes-cbc sha-hmac\n"
		      "ipsec ike local address id <id> 0.0.0.0/0\n"
		      "ipsec ike keepalive use <Number> on dpd 10 3\n"
		      "ipsec ike remote address 1 ${peer}\n"
		      "ip tunnel tcp mss limit <MSS>\n"
		      "tunnel select 2\nipsec tunnel 999\n",
		      VENDOR_RTX),
		0);
	assert_int_equal(cfg.ninvalid, 1);
	assert_int_equal(cfg.invalid[0].line, 4);
	assert_int_equal(cfg.invalid[0].why, CONFIG_BAD_ARG);
	assert_int_equal(cfg.invalid[0].arg, 5);
	assert_int_equal(config_gateway_find(&cfg, "id"), -1);
	assert_true(config_gateway_find(&cfg, "<Number>") >= 0);
	/* <id> is in the invalid line 4: not read, so no placeholder of the
	 * configuration (issue 21: it was counted as both) */
	assert_int_equal(cfg.nplaceholders, 3);
	assert_string_equal(cfg.placeholders[0].token, "<Number>");
	assert_int_equal(cfg.placeholders[2].line, 7);
	assert_int_equal(cfg.tunnels[0].mss.tmpl, 1);
	assert_int_equal(cfg.nrefs, 1);
	assert_int_equal(cfg.refs[0].kind, CONFIG_REF_SA_POLICY);
	assert_int_equal(cfg.refs[0].line, 9);
	assert_string_equal(cfg.refs[0].name, "999");
	config_free(&cfg);
}

/* clang-format off */
static const struct { const char *s; int want; } placeholder_rows[] = {
	{ "${policy_name}", 1 }, { "$<ipsecPolicy1>", 1 }, { "<Number>", 1 }, { "(PSK)", 1 },
	{ "YOUR_PUBLIC_IP", 1 }, { "{{ peer }}", 1 }, { "KEY_HERE", 1 }, { "1387", 0 },
	{ "aes-cbc", 0 }, { "<", 0 }, { "()", 0 }, { "YOUR_", 0 }, { "your_ip", 0 }, { "$", 0 },
	{ "lan2", 0 }, { "0.0.0.0/0", 0 },
	/* issue 21: a sed target and shell variables are placeholders
	 * (tests/audit/configs/SOURCES.md 64, 65); Junos and crypt keys,
	 * ipsec.conf's % words are values */
	{ "_OUTSIDE_GW1_", 1 }, { "$cgwip", 1 }, { "$tunnel1ip", 1 }, { "$_x", 1 },
	{ "$9$LbRxdb2gJikPs2GUjq.QF", 0 }, { "$1$salt$hash", 0 }, { "$9", 0 }, { "$a-b", 0 },
	{ "%defaultroute", 0 }, { "%any", 0 }, { "__", 0 }, { "___", 0 }, { "_ab_", 0 },
	{ "_GW", 0 }, { "GW_", 0 }, { "_1_", 0 }, { "\xef\xbc\x88PSK\xef\xbc\x89", 1 },
	/* a shell command's output (tests/audit/configs/SOURCES.md 71) */
	{ "$(terraform output vpn_tun1_ip)", 1 }, { "$()", 0 }, { "$(x", 0 },
};
/* clang-format on */

static void
test_placeholders(void **state)
{
	static const struct {
		const char *text;
		int want;
	} directives[] = {
		{ "%{ for PAIR in SUBNETS_PAIRS ~}", 1 },
		{ "%{endfor}", 1 },
		{ "%{ if x }", 1 },
		{ "%{", 0 },
		{ "%defaultroute", 0 },
		{ "%{ for x", 0 },
		{ "set %{x}y", 0 },
	};

	(void)state;
	for (size_t i = 0; i < COUNT(placeholder_rows); i++)
		assert_int_equal(config_is_placeholder(placeholder_rows[i].s),
				 placeholder_rows[i].want);
	/* Terraform directive lines (tests/audit/configs/SOURCES.md 70): listed, not read */
	for (size_t i = 0; i < COUNT(directives); i++) {
		struct cfg_line l = { 0 };
		size_t before = cfg.nplaceholders;
		l.no = (unsigned)i + 1;
		snprintf(l.text, sizeof(l.text), "%s", directives[i].text);
		assert_int_equal(cfg_directive(&cfg, &l), directives[i].want);
		assert_int_equal(cfg.nplaceholders, before + (size_t)directives[i].want);
	}
	config_free(&cfg);
}

/* A copy cut to its buffer never ends inside a UTF-8 character: the
 * output would print half a character (a Japanese placeholder of 40
 * characters, 3 bytes each). */
static void
test_copy_utf8(void **state)
{
	char out[10], tiny[3];

	(void)state;
	/* ab, two 3-byte kana, zz: 6 bytes before the mark, the second kana
	 * would be cut in two, so it is left out whole */
	cfg_copy(out, sizeof(out), "ab\xe3\x81\x82\xe3\x81\x84zz");
	assert_string_equal(out, "ab\xe3\x81\x82...");
	cfg_copy(out, sizeof(out), "abcdefghij");
	assert_string_equal(out, "abcdef...");
	cfg_copy(out, sizeof(out), "abcdefghi"); /* fits: no mark */
	assert_string_equal(out, "abcdefghi");
	cfg_copy(out, sizeof(out), "\xe3\x81\x82\xe3\x81\x84\xe3\x81\x86\xe3\x81\x88");
	assert_string_equal(out, "\xe3\x81\x82\xe3\x81\x84...");
	cfg_copy(tiny, sizeof(tiny), "abcdef"); /* no room for the mark: cut only */
	assert_string_equal(tiny, "ab");
}

/* IX: a named profile bound by a tunnel gives it its dpd and child
 * proposal; a binding to a missing profile is an undefined reference; a
 * bare '!' ends the interface, so a later ip mtu is out of place. */
static void
test_ix_profiles(void **state)
{
	(void)state;
	assert_int_equal(
		parse("ikev2 profile prof-a\ndpd interval 10\nchild-proposal enc aes-cbc-256\n"
		      "child-proposal integrity sha1\n!\n"
		      "interface Tunnel1.0\ntunnel mode ipsec-ikev2\nikev2 binding prof-a\n"
		      "ikev2 peer-fqdn-ipv4 vpn.example.jp authentication psk id ipv4 192.0.2.1\n"
		      "ip tcp adjust-mss auto\n!\n"
		      "interface Tunnel2.0\n  tunnel mode ipsec-ikev2\n  ikev2 binding prof-b\n"
		      "ikev2 peer 198.51.100.9 authentication psk id ipv4 198.51.100.9\n"
		      "ip mtu 1300\n!\nip mtu 1400\n",
		      VENDOR_IX),
		0);
	assert_int_equal(cfg.ntunnels, 2);
	assert_int_equal(cfg.tunnels[0].dpd.v, 10);
	assert_int_equal(cfg.tunnels[0].dpd.line, 2);
	assert_string_equal(cfg.tunnels[0].esp_text, "aes-cbc-256 sha1");
	assert_string_equal(cfg.gateways[cfg.tunnels[0].gateway].name, "vpn.example.jp");
	assert_int_equal(cfg.tunnels[1].mtu.v, 1300); /* unindented, still Tunnel2.0 */
	assert_int_equal(cfg.tunnels[1].dpd.line, 0);
	assert_int_equal(cfg.nrefs, 1);
	assert_int_equal(cfg.refs[0].kind, CONFIG_REF_IKEV2_PROFILE);
	assert_string_equal(cfg.refs[0].name, "prof-b");
	assert_int_equal(cfg.refs[0].tunnel, 1);
	assert_int_equal(cfg.ninvalid, 1);
	assert_int_equal(cfg.invalid[0].line, 18);
	assert_int_equal(cfg.invalid[0].why, CONFIG_BAD_SCOPE);
	config_free(&cfg);
}

/* IX: a proposal list is one word, names separated by ','; each name is
 * resolved, an undefined one is the reference named; the map's ESP is
 * every defined proposal's transform joined by ',' (the model takes the
 * one that carries least); a list too long for CONFIG_ESP is no transform
 * at all, never a part of it. */
static void
test_ix_proposal_lists(void **state)
{
	static const struct {
		const char *name;
		enum config_ref_kind kind;
		unsigned line;
		int tunnel;
	} want[] = { { "s7", CONFIG_REF_IPSEC_PROPOSAL, 5, 0 },
		     { "i9", CONFIG_REF_IKE_PROPOSAL, 2, -1 },
		     { "s8", CONFIG_REF_IPSEC_PROPOSAL, 6, -1 } };
	char four[1024];

	(void)state;
	assert_int_equal(
		parse("ike proposal i1 encryption aes-256 hash sha\n"
		      "ike policy ip peer 198.51.100.9 key k i1,i9\n"
		      "ipsec autokey-proposal s1 esp-aes-256 esp-sha\n"
		      "ipsec autokey-proposal s2 esp-3des esp-md5\n"
		      "ipsec autokey-map m acl peer 198.51.100.9 s1,s7,s2\n"
		      "ipsec dynamic-map d acl s2,s8\n"
		      "ip access-list acl permit ip src any dest any\n"
		      "interface Tunnel0.0\n  tunnel mode ipsec\n  ipsec policy tunnel m out\n!\n",
		      VENDOR_IX),
		0);
	assert_int_equal(cfg.ntunnels, 1);
	assert_int_equal(cfg.tunnels[0].gateway, 0);
	assert_string_equal(cfg.gateways[0].esp_text, "esp-aes-256 esp-sha,esp-3des esp-md5");
	assert_int_equal(cfg.gateways[0].esp.line, 3);
	assert_int_equal(cfg.nrefs, COUNT(want));
	for (size_t i = 0; i < COUNT(want); i++) {
		assert_string_equal(cfg.refs[i].name, want[i].name);
		assert_int_equal(cfg.refs[i].kind, want[i].kind);
		assert_int_equal(cfg.refs[i].line, want[i].line);
		assert_int_equal(cfg.refs[i].tunnel, want[i].tunnel);
	}
	config_free(&cfg);

	/* twelve proposals of 22 bytes do not fit CONFIG_ESP: the first
	 * eleven are kept whole and the cut is flagged for the model */
	{
		size_t k = 0;
		for (char p = 'a'; p <= 'l'; p++)
			k += (size_t)snprintf(four + k, sizeof(four) - k,
					      "ipsec autokey-proposal %c esp-aes-256 esp-sha256\n",
					      p);
		snprintf(
			four + k, sizeof(four) - k, "%s",
			"ipsec autokey-map m acl peer 198.51.100.9 a,b,c,d,e,f,g,h,i,j,k,l\n"
			"ip access-list acl permit ip src any dest any\n"
			"interface Tunnel0.0\n  tunnel mode ipsec\n  ipsec policy tunnel m out\n!\n");
	}
	assert_int_equal(parse(four, VENDOR_IX), 0);
	assert_int_equal(cfg.nrefs, 0);
	assert_int_equal(cfg.gateways[0].esp.line, 1);
	assert_int_equal(cfg.gateways[0].esp.cut, 1);
	{
		const char *e = cfg.gateways[0].esp_text;
		size_t commas = 0;
		for (const char *p = e; *p; p++)
			commas += *p == ',';
		assert_int_equal(commas, 10);
		assert_string_equal(e + strlen(e) - 22, "esp-aes-256 esp-sha256");
	}
	config_free(&cfg);
}

/* AWS's sample style: no indentation, the block ends at select none. */
static void
test_rtx_flat_blocks(void **state)
{
	(void)state;
	assert_int_equal(parse("tunnel select 1\nip tunnel mtu 1300\ntunnel select none\n"
			       "tunnel select 2\nip tunnel tcp mss limit auto\n",
			       VENDOR_RTX),
			 0);
	assert_int_equal(cfg.ntunnels, 2);
	assert_int_equal(cfg.tunnels[0].mtu.v, 1300);
	assert_int_equal(cfg.tunnels[1].mss.v, CONFIG_MSS_AUTO);
	assert_int_equal(cfg.tunnels[1].mtu.line, 0);
	config_free(&cfg);
}

static const char ix[] =
	"ip access-list acl1 permit ip src 10.1.0.0/16 dest 10.0.0.0/16\n"      /* 1 */
	"ike policy pol1 peer 198.51.100.1 key k prop\n"                        /* 2 */
	"ike keepalive pol1 10 3\n"                                             /* 3 */
	"ipsec autokey-proposal prop1 esp-aes-256 esp-sha lifetime time 3600\n" /* 4 */
	"ipsec autokey-map map1 acl1 peer 198.51.100.1 prop1\n"                 /* 5 */
	"interface GigaEthernet0.1\n"                                           /* 6 */
	"  ip mtu 1454\n"                                                       /* 7 */
	"interface Tunnel0.0\n"                                                 /* 8 */
	"  tunnel mode ipsec\n"                                                 /* 9 */
	"  ip tcp adjust-mss auto\n"                                            /* 10 */
	"  ipsec policy tunnel map1 out\n"                                      /* 11 */
	"!\n";

static void
test_ix_binding(void **state)
{
	const struct config_gateway *g;

	(void)state;
	assert_int_equal(parse(ix, -1), 0);
	assert_int_equal(cfg.vendor, VENDOR_IX);
	assert_int_equal(cfg.nifaces, 1);
	assert_int_equal(cfg.ifaces[0].mtu.v, 1454);
	assert_int_equal(cfg.ntunnels, 1);
	assert_string_equal(cfg.tunnels[0].id, "0.0");
	assert_int_equal(cfg.tunnels[0].mss.v, CONFIG_MSS_AUTO);
	assert_int_equal(cfg.tunnels[0].gateway, 0);
	g = &cfg.gateways[0];
	assert_string_equal(g->name, "198.51.100.1");
	assert_string_equal(g->esp_text, "esp-aes-256 esp-sha");
	assert_int_equal(g->keepalive.line, 3);
	assert_int_equal(g->local_id.plen, 16);
	assert_int_equal(g->remote_id.line, 1);
	assert_string_equal(g->acl, "acl1");
	assert_string_equal(g->policy, "pol1");
	config_free(&cfg);
}

static const char swan[] = "connections {\n"                                   /* 1 */
			   "  c1 {\n"                                          /* 2 */
			   "    dpd_delay = 1m # one minute\n"                 /* 3 */
			   "    encap = yes\n"                                 /* 4 */
			   "    children {\n"                                  /* 5 */
			   "      k1 { local_ts = 0.0.0.0/0\n"                 /* 6 */
			   "        remote_ts = dynamic\n"                     /* 7 */
			   "        esp_proposals = aes256gcm16,aes128-sha1\n" /* 8 */
			   "        start_action = trap\n"                     /* 9 */
			   "      }\n"
			   "    }\n"
			   "  }\n"
			   "}\n"
			   "router bgp 65000\n"
			   " neighbor 169.254.10.1 remote-as 64512\n";

static void
test_swan_sections(void **state)
{
	const struct config_gateway *g;

	(void)state;
	assert_int_equal(parse(swan, -1), 0);
	assert_int_equal(cfg.vendor, VENDOR_STRONGSWAN);
	assert_int_equal(cfg.ngateways, 1);
	g = &cfg.gateways[0];
	assert_int_equal(g->ka_interval, 60);
	assert_int_equal(g->keepalive.v, CONFIG_ON);
	assert_int_equal(g->natt.v, 1);
	assert_int_equal(g->local_id.plen, 0);
	assert_int_equal(g->local_id.line, 6);
	assert_int_equal(g->remote_id.plen, CONFIG_PLEN_OTHER);
	assert_int_equal(g->refresh.v, 1);
	assert_int_equal(cfg.ntunnels, 1);
	assert_string_equal(cfg.tunnels[0].name, "k1");
	/* the child's own transform, every proposal of its list (the model
	 * takes the one that carries least), not the connection's */
	assert_string_equal(g->esp_text, "");
	assert_int_equal(cfg.tunnels[0].esp_here, 1);
	assert_string_equal(cfg.tunnels[0].esp_text, "aes256gcm16,aes128-sha1");
	assert_int_equal(cfg.nbgp, 1);
	assert_int_equal(cfg.bgp[0].line, 15);
	assert_int_equal(cfg.bgp[0].as, 64512); /* FRR's neighbor A remote-as AS */
	config_free(&cfg);
}

/* NUL bytes, CRLF, Shift_JIS comments and a line far beyond what is read
 * change nothing about the facts on the other lines. */
static void
test_hostile_bytes(void **state)
{
	static const char head[] = "# \x93\x8c\x8b\x9e comment\r\ntunnel select 1\r\n"
				   "ip tunnel mtu 12\0 80\r\n";
	size_t big = 3u << 20;
	char *buf = malloc(sizeof(head) + big + 64);
	char err[256];
	size_t n = sizeof(head) - 1;

	(void)state;
	assert_non_null(buf);
	memcpy(buf, head, n);
	memset(buf + n, 'x', big);
	n += big;
	n += (size_t)sprintf(buf + n, "\r\nip tunnel tcp mss limit 1240\r\n");
	assert_int_equal(config_parse(buf, n, VENDOR_RTX, &cfg, err, sizeof(err)), 0);
	assert_int_equal(cfg.lines, 5);
	assert_int_equal(cfg.tunnels[0].mtu.line, 0); /* "12?80" is no number */
	assert_int_equal(cfg.tunnels[0].mss_value, 1240);
	assert_int_equal(cfg.tunnels[0].mss.line, 5);
	assert_int_equal(cfg.unread, 0);
	assert_int_equal(cfg.ninvalid, 2); /* "12?80" is no number; the long line no command */
	free(buf);
	config_free(&cfg);
}

/* clang-format off */
static const struct { int v; const char *text, *want; } esp_rows[] = {
	{ VENDOR_RTX, "aes-cbc sha-hmac", "aes128-sha1" },
	{ VENDOR_RTX, "aes256-cbc sha256-hmac", "aes256-sha256" },
	{ VENDOR_IX, "esp-aes-256 esp-sha", "aes256-sha1" },
	{ VENDOR_IX, "aes-cbc-256 sha1", "aes256-sha1" },
	{ VENDOR_STRONGSWAN, "aes128gcm16-modp2048", "aes128gcm16-modp2048" },
	/* the integrity first, as an IOS transform set may be typed: the
	 * cipher still leads the keyword */
	{ VENDOR_CISCO_IOS, "esp-sha-hmac esp-aes", "aes128-sha1" },
	{ VENDOR_IX, "esp-sha esp-aes-256", "aes256-sha1" },
	/* IOS's esp-gcm [128|256] (config/ios.c joins the size): AES-GCM, 16-byte ICV */
	{ VENDOR_CISCO_IOS, "esp-gcm-256", "aes256gcm16" },
	{ VENDOR_CISCO_IOS, "esp-gcm-128", "aes128gcm16" },
	{ VENDOR_CISCO_IOS, "esp-gcm", "aes128gcm16" },
	{ VENDOR_CISCO_IOS, "esp-gcm-192", NULL },
	{ VENDOR_RTX, "des-cbc sha-hmac", NULL },
	{ VENDOR_RTX, "", NULL },
	{ VENDOR_STRONGSWAN, "default", NULL },
};
/* clang-format on */

static void
test_esp_words(void **state)
{
	char out[64];

	(void)state;
	for (size_t i = 0; i < COUNT(esp_rows); i++) {
		int rc = config_esp_keyword((enum vendor_id)esp_rows[i].v, esp_rows[i].text, out,
					    sizeof(out));
		if (esp_rows[i].want) {
			assert_int_equal(rc, 0);
			assert_string_equal(out, esp_rows[i].want);
		} else {
			assert_int_equal(rc, -1);
		}
	}
}

/* Libreswan's names (libreswan README.nss, pluto --selftest) in
 * strongSwan's keywords; '+' alternatives become proposals of their own;
 * a name not in the table is kept for the model to name. */
static const struct {
	const char *in, *want;
	int cut;
} lsw_rows[] = {
	{ "aes_gcm256-modp1536", "aes256gcm16-modp1536", 0 },
	{ "aes_gcm", "aes128gcm16", 0 },
	{ "aes_gcm_c192-null", "aes192gcm16", 0 },
	{ "aes_gcm_b256", "aes256gcm12", 0 },
	{ "aes_gcm_a", "aes128gcm8", 0 },
	{ "aes_ccm_b", "aes128ccm12", 0 },
	{ "aes256-sha2_256", "aes256-sha256", 0 },
	{ "aes-sha2", "aes128-sha256", 0 },
	{ "aesctr256-sha1-dh14", "aes256ctr-sha1-modp2048", 0 },
	{ "3des-md5", "3des-md5", 0 },
	{ "chacha20_poly1305-none", "chacha20poly1305", 0 },
	{ "aes128+aes256-sha2_512+sha1-dh14+dh19",
	  "aes128-sha512-modp2048,aes128-sha1-modp2048,aes256-sha512-modp2048,"
	  "aes256-sha1-modp2048",
	  0 },
	{ "aes_gcm_128-null", "aes_gcm_128", 0 }, /* 128-bit ICV spelled so: not Libreswan's */
	{ "serpent256-sha1", "serpent256-sha1", 0 },
	{ "aes256-sha1,aes_gcm256", "aes256-sha1,aes256gcm16", 0 },
};

static void
test_libreswan_esp(void **state)
{
	char out[CONFIG_ESP], big[600];
	size_t n = 0;

	(void)state;
	for (size_t i = 0; i < COUNT(lsw_rows); i++) {
		assert_int_equal(cfg_libreswan_esp(out, sizeof(out), lsw_rows[i].in),
				 lsw_rows[i].cut);
		assert_string_equal(out, lsw_rows[i].want);
	}
	/* alternatives that do not fit: the whole proposals that do, and the
	 * cut returned for config_num.cut */
	assert_int_equal(cfg_libreswan_esp(out, 60, "aes128+aes192+aes256-sha1+sha2_256"), 1);
	assert_string_equal(out, "aes128-sha1,aes128-sha256,aes192-sha1,aes192-sha256");
	while (n + 20 < sizeof(big))
		n += (size_t)snprintf(big + n, sizeof(big) - n, "%saes_gcm256", n ? "," : "");
	assert_int_equal(cfg_libreswan_esp(out, sizeof(out), big), 1);
	assert_true(strlen(out) > 200 && out[strlen(out) - 1] == '6');
}

/* A hub of 200 tunnels: every one read, the last one's facts kept (no
 * fixed table caps a configuration). */
static void
test_many_tunnels(void **state)
{
	size_t cap = 200 * 64, n = 0;
	char *buf = malloc(cap), err[256];

	(void)state;
	assert_non_null(buf);
	for (int i = 1; i <= 200; i++)
		n += (size_t)snprintf(buf + n, cap - n, "tunnel select %d\nip tunnel mtu %d\n", i,
				      1000 + i);
	assert_int_equal(config_parse(buf, n, -1, &cfg, err, sizeof(err)), 0);
	assert_int_equal(cfg.ntunnels, 200);
	assert_string_equal(cfg.tunnels[199].name, "tunnel200");
	assert_int_equal(cfg.tunnels[199].mtu.v, 1200);
	free(buf);
	config_free(&cfg);
}

/* swanctl: a placeholder is a name, not a brace; children outside a
 * connection are out of place. */
static void
test_swan_placeholders(void **state)
{
	(void)state;
	assert_int_equal(
		parse("connections {\n  ${policy_name} {\n    remote_addrs = ${remote_ip}\n"
		      "    children {\n      ${policy_name}-child {\n        start_action = start\n"
		      "      }\n    }\n  }\n}\n",
		      VENDOR_STRONGSWAN),
		0);
	assert_int_equal(cfg.ngateways, 1);
	assert_string_equal(cfg.gateways[0].name, "${policy_name}");
	assert_string_equal(cfg.tunnels[0].name, "${policy_name}-child");
	assert_int_equal(cfg.gateways[0].start_action.v, CONFIG_ACT_START);
	assert_int_equal(cfg.nplaceholders, 3);
	assert_int_equal(cfg.ninvalid, 0);
	config_free(&cfg);
}

/* A placeholder interval in a keepalive line is a template value, not an
 * out-of-range number: the line is read, not invalid. */
static void
test_rtx_keepalive_template(void **state)
{
	(void)state;
	assert_int_equal(
		parse("tunnel select 1\nipsec tunnel 1\nipsec sa policy 1 1 esp aes-cbc sha-hmac\n"
		      "ipsec ike keepalive use 1 on dpd ${dpdInterval} 3\n",
		      VENDOR_RTX),
		0);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.gateways[0].keepalive.line, 4);
	assert_int_equal(cfg.gateways[0].ka_count, 3);
	config_free(&cfg);
}

/* The older formats' model steps fill the vendor-neutral DPD view
 * (config_gateway.live: state and why; config_tunnel.hold: what
 * audit_dpd_hold() returns): one row per rule of RTX 15.20, the IX's
 * per-tunnel dpd, swanctl.conf(5) and ipsec.conf(5). */
#define RTX1 "tunnel select 1\nipsec tunnel 1\nipsec sa policy 1 1 esp aes-cbc sha-hmac\n"
#define IX2(t0, t1) \
	"ikev2 default-profile\n" t0 "!\ninterface Tunnel0.0\n  tunnel mode ipsec-ikev2\n" \
	"  ikev2 peer 198.51.100.1 authentication psk id ipv4 198.51.100.1\n!\ninterface Tunnel1.0\n" \
	"  tunnel mode ipsec-ikev2\n" t1 \
	"  ikev2 peer 198.51.100.1 authentication psk id ipv4 198.51.100.1\n!\n"
#define SWAN(k) \
	"connections {\n  c1 {\n    version = 1\n" k \
	"    children {\n      k1 {\n      }\n    }\n  }\n}\n"
#define LIBRE(k) \
	"conn t1\n\tkeyexchange=ikev1\n\tikev2=no\n\tright=198.51.100.1\n" k "\tauto=start\n"
static const struct live_row {
	const char *text;
	int vendor;
	enum config_live_state state;
	enum config_live_why why;
	size_t tunnel; /* whose hold */
	long hold;
	unsigned hold_line;
	int exact;
} live_rows[] = {
	{ RTX1 "ipsec ike keepalive use 1 on dpd 30 3\n", VENDOR_RTX, CONFIG_LIVE_ON,
	  CONFIG_WHY_NONE, 0, 90, 4, 1 },
	{ RTX1 "ipsec ike keepalive use 1 on\n", VENDOR_RTX, CONFIG_LIVE_SAME_MAKE,
	  CONFIG_WHY_RTX_HEARTBEAT, 0, CONFIG_HOLD_NONE, 0, 0 },
	{ RTX1 "ipsec ike keepalive use 1 auto\n", VENDOR_RTX, CONFIG_LIVE_OFF,
	  CONFIG_WHY_RTX_HEARTBEAT_AUTO, 0, CONFIG_HOLD_NONE, 0, 0 },
	{ RTX1 "ipsec ike keepalive use 1 off\n", VENDOR_RTX, CONFIG_LIVE_OFF, CONFIG_WHY_RTX_OFF,
	  0, CONFIG_HOLD_NONE, 0, 0 },
	{ RTX1 "ipsec ike remote address 1 198.51.100.1\n", VENDOR_RTX, CONFIG_LIVE_OFF,
	  CONFIG_WHY_RTX_UNSET, 0, CONFIG_HOLD_NONE, 0, 0 },
	/* IKEv2: rfc4306 with switch auto (the first form, the default) only answers */
	{ RTX1 "ipsec ike version 1 2\n", VENDOR_RTX, CONFIG_LIVE_OFF, CONFIG_WHY_RTX_V2_UNSET, 0,
	  CONFIG_HOLD_NONE, 0, 0 },
	{ RTX1 "ipsec ike version 1 2\nipsec ike keepalive use 1 auto rfc4306 10 4\n", VENDOR_RTX,
	  CONFIG_LIVE_OFF, CONFIG_WHY_RTX_V2_AUTO, 0, CONFIG_HOLD_NONE, 0, 0 },
	{ RTX1 "ipsec ike version 1 2\nipsec ike keepalive use 1 on rfc4306 10 4\n", VENDOR_RTX,
	  CONFIG_LIVE_ON, CONFIG_WHY_NONE, 0, 40, 5, 1 },
	/* a method the version lacks runs as its first form, with the line's numbers */
	{ RTX1 "ipsec ike version 1 2\nipsec ike keepalive use 1 on dpd 10 3\n", VENDOR_RTX,
	  CONFIG_LIVE_ON, CONFIG_WHY_NONE, 0, 30, 5, 1 },
	{ RTX1 "ipsec ike version 1 2\nipsec ike keepalive use 1 auto dpd\n", VENDOR_RTX,
	  CONFIG_LIVE_OFF, CONFIG_WHY_RTX_V2_AUTO, 0, CONFIG_HOLD_NONE, 0, 0 },
	{ RTX1 "ipsec ike version 1 2\nipsec ike keepalive use 1 on heartbeat\n", VENDOR_RTX,
	  CONFIG_LIVE_ON, CONFIG_WHY_NONE, 0, 60, 5, 1 },
	{ RTX1 "ipsec ike keepalive use 1 on rfc4306 10 3\n", VENDOR_RTX, CONFIG_LIVE_SAME_MAKE,
	  CONFIG_WHY_RTX_HEARTBEAT, 0, CONFIG_HOLD_NONE, 0, 0 },
	{ RTX1 "ipsec ike keepalive use 1 auto dpd\n", VENDOR_RTX, CONFIG_LIVE_ON, CONFIG_WHY_NONE,
	  0, 60, 4, 1 },
	{ RTX1 "ipsec ike keepalive use 1 on dpd\nno ipsec ike keepalive use 1\n", VENDOR_RTX,
	  CONFIG_LIVE_OFF, CONFIG_WHY_RTX_UNSET, 0, CONFIG_HOLD_NONE, 0, 0 },
	{ RTX1 "ipsec ike keepalive use 1 ${ka}\n", VENDOR_RTX, CONFIG_LIVE_UNKNOWN,
	  CONFIG_WHY_NONE, 0, CONFIG_HOLD_UNKNOWN, 0, 0 },
	/* one IKEv2 peer, two tunnels: each tunnel's own hold */
	{ IX2("  dpd interval 10\n", "  ikev2 dpd interval 120\n"), VENDOR_IX, CONFIG_LIVE_ON,
	  CONFIG_WHY_NONE, 0, 10, 2, 0 },
	{ IX2("  dpd interval 10\n", "  ikev2 dpd interval 120\n"), VENDOR_IX, CONFIG_LIVE_ON,
	  CONFIG_WHY_NONE, 1, 120, 10, 0 },
	{ IX2("", "  ikev2 dpd interval 120\n"), VENDOR_IX, CONFIG_LIVE_ON, CONFIG_WHY_NONE, 0,
	  CONFIG_HOLD_NONE, 0, 0 },
	{ IX2("", ""), VENDOR_IX, CONFIG_LIVE_OFF, CONFIG_WHY_IX_V2, 0, CONFIG_HOLD_NONE, 0, 0 },
	{ "ike policy p1 peer 198.51.100.9 key k prop\n", VENDOR_IX, CONFIG_LIVE_UNKNOWN,
	  CONFIG_WHY_NO_TUNNEL, 0, 0, 0, 0 },
	/* IKEv1: dead after dpd_timeout when it is the larger */
	{ SWAN("    dpd_delay = 10s\n    dpd_timeout = 150s\n"), VENDOR_STRONGSWAN, CONFIG_LIVE_ON,
	  CONFIG_WHY_NONE, 0, 150, 5, 0 },
	{ SWAN("    dpd_delay = 0\n"), VENDOR_STRONGSWAN, CONFIG_LIVE_OFF, CONFIG_WHY_SWAN_ZERO, 0,
	  CONFIG_HOLD_NONE, 0, 0 },
	{ SWAN(""), VENDOR_STRONGSWAN, CONFIG_LIVE_OFF, CONFIG_WHY_SWAN_UNSET, 0, CONFIG_HOLD_NONE,
	  0, 0 },
	{ LIBRE("\tdpddelay=10\n"), VENDOR_IPSECCONF, CONFIG_LIVE_OFF, CONFIG_WHY_IPC_NO_TIMEOUT, 0,
	  CONFIG_HOLD_NONE, 0, 0 },
	{ LIBRE("\tdpddelay=10\n\tdpdtimeout=30\n"), VENDOR_IPSECCONF, CONFIG_LIVE_ON,
	  CONFIG_WHY_NONE, 0, 30, 6, 1 },
	{ LIBRE(""), VENDOR_IPSECCONF, CONFIG_LIVE_OFF, CONFIG_WHY_IPC_NO_DELAY_UNSET, 0,
	  CONFIG_HOLD_NONE, 0, 0 },
	{ "conn t1\n\tright=198.51.100.1\n\tdpdaction=none\n\tauto=start\n", VENDOR_IPSECCONF,
	  CONFIG_LIVE_OFF, CONFIG_WHY_IPC_NO_ACTION, 0, CONFIG_HOLD_NONE, 0, 0 },
};

static void
test_live_model(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(live_rows); i++) {
		const struct live_row *w = &live_rows[i];
		const struct config_live *l;
		const struct config_hold *h;
		if (parse(w->text, w->vendor) != 0 || !cfg.ngateways)
			fail_msg("row %zu: not parsed", i);
		l = &cfg.gateways[0].live;
		if (l->state != w->state || l->why != w->why)
			fail_msg("row %zu: state %d why %d, want %d %d", i, l->state, l->why,
				 w->state, w->why);
		/* the note's words: dpd/heartbeat on IKEv2, rfc4306 on IKEv1 */
		if (w->vendor == VENDOR_RTX && cfg.gateways[0].ka_method_set &&
		    (strstr(w->text, "version 1 2") ? !strstr(w->text, " rfc4306")
						    : !!strstr(w->text, " rfc4306"))) {
			if (!l->instead || !l->named ||
			    l->ike != (strstr(w->text, "version 1 2") ? 2 : 1))
				fail_msg("row %zu: no method named instead", i);
			assert_string_equal(l->instead, strstr(w->text, "version 1 2")
								? "rfc4306"
								: "heartbeat");
		} else if (l->instead)
			fail_msg("row %zu: %s instead of %s", i, l->instead, l->named);
		if (w->why != CONFIG_WHY_NO_TUNNEL) {
			assert_true(w->tunnel < cfg.ntunnels);
			h = &cfg.tunnels[w->tunnel].hold;
			if (!h->set || h->v != w->hold ||
			    (h->v >= 0 && (h->src.line != w->hold_line || h->exact != w->exact)))
				fail_msg("row %zu: hold %d %ld line %u exact %d, want %ld %u %d", i,
					 h->set, h->v, h->src.line, h->exact, w->hold, w->hold_line,
					 w->exact);
		}
		config_free(&cfg);
	}
}

/* The older formats' model steps fill each tunnel's start view
 * (config_tunnel.start: does this end start IKE, and whose words say it):
 * one row per rule of RTX 15.10 (with the router-wide view), the IX's
 * ikev2 connect-type, swanctl.conf(5) start_action and ipsec.conf(5)
 * auto (with the dpdaction that leaves a waiting conn to no-reinitiation). */
#define RTXG(lines) RTX1 "ipsec ike remote address 1 198.51.100.1\n" lines
#define IX1(t) \
	"interface Tunnel0.0\n  tunnel mode ipsec-ikev2\n" t \
	"  ikev2 peer 198.51.100.1 authentication psk id ipv4 198.51.100.1\n!\n"
#define SWANS(k) "connections {\n  c1 {\n    children {\n      k1 {\n" k "      }\n    }\n  }\n}\n"
#define IPC(k) "conn t1\n\tright=198.51.100.1\n" k
static const struct start_row {
	const char *text;
	int vendor;
	enum config_start_state state;
	enum config_start_why why;
	unsigned src_line;
	enum config_start_state global; /* RTX's router-wide view; -1: none */
} start_rows[] = {
	{ RTXG(""), VENDOR_RTX, CONFIG_START_NEVER, CONFIG_SWHY_COVERED, 0, CONFIG_START_NEVER },
	{ RTXG("ipsec auto refresh on\n"), VENDOR_RTX, CONFIG_START_ALWAYS, CONFIG_SWHY_RTX_GW, 5,
	  CONFIG_START_ALWAYS },
	{ RTXG("ipsec auto refresh on\nipsec auto refresh 1 off\n"), VENDOR_RTX, CONFIG_START_NEVER,
	  CONFIG_SWHY_RTX_GW, 6, CONFIG_START_ALWAYS },
	{ RTXG("ipsec auto refresh off\nipsec auto refresh 1 on\n"), VENDOR_RTX, CONFIG_START_NEVER,
	  CONFIG_SWHY_COVERED, 5, CONFIG_START_NEVER },
	{ RTXG("ipsec auto refresh ${refresh}\n"), VENDOR_RTX, CONFIG_START_UNKNOWN,
	  CONFIG_SWHY_COVERED, 5, CONFIG_START_UNKNOWN },
	{ IX1("  ikev2 connect-type auto\n"), VENDOR_IX, CONFIG_START_ALWAYS, CONFIG_SWHY_IX_V2, 3,
	  -1 },
	{ IX1(""), VENDOR_IX, CONFIG_START_NEVER, CONFIG_SWHY_IX_V2, 0, -1 },
	{ "ike policy p1 peer 198.51.100.9 key k prop\nipsec autokey-map m1 acl peer 198.51.100.9 ts\n"
	  "interface Tunnel0.0\n  tunnel mode ipsec\n  ipsec policy tunnel m1 out\n!\n",
	  VENDOR_IX, CONFIG_START_UNKNOWN, CONFIG_SWHY_IX_V1, 0, -1 },
	{ SWANS("        start_action = start\n"), VENDOR_STRONGSWAN, CONFIG_START_ALWAYS,
	  CONFIG_SWHY_SWAN, 5, -1 },
	{ SWANS("        start_action = trap\n"), VENDOR_STRONGSWAN, CONFIG_START_ON_TRAFFIC,
	  CONFIG_SWHY_SWAN, 5, -1 },
	{ SWANS(""), VENDOR_STRONGSWAN, CONFIG_START_NEVER, CONFIG_SWHY_SWAN, 0, -1 },
	{ IPC("\tauto=start\n"), VENDOR_IPSECCONF, CONFIG_START_ALWAYS, CONFIG_SWHY_IPC_LOADS, 3,
	  -1 },
	{ IPC("\tauto=route\n"), VENDOR_IPSECCONF, CONFIG_START_ON_TRAFFIC, CONFIG_SWHY_IPC_LOADS,
	  3, -1 },
	{ IPC("\tauto=add\n"), VENDOR_IPSECCONF, CONFIG_START_NEVER, CONFIG_SWHY_IPC_LOADS, 3, -1 },
	{ IPC("\tauto=ignore\n"), VENDOR_IPSECCONF, CONFIG_START_NEVER, CONFIG_SWHY_IPC_NOT_LOADS,
	  3, -1 },
	{ IPC(""), VENDOR_IPSECCONF, CONFIG_START_NEVER, CONFIG_SWHY_IPC_NOT_LOADS, 0, -1 },
	/* Libreswan's default dpdaction (hold) waits; strongSwan's hold traps */
	{ IPC("\tkeyexchange=ikev1\n\tikev2=no\n\tdpddelay=10\n\tdpdtimeout=30\n\tauto=add\n"),
	  VENDOR_IPSECCONF, CONFIG_START_NEVER, CONFIG_SWHY_IPC_DPD_STAYS, 7, -1 },
	{ IPC("\tdpddelay=10\n\tdpdaction=restart\n\tauto=add\n"), VENDOR_IPSECCONF,
	  CONFIG_START_NEVER, CONFIG_SWHY_IPC_LOADS, 5, -1 },
};

static void
test_start_model(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(start_rows); i++) {
		const struct start_row *w = &start_rows[i];
		const struct config_start *s;
		if (parse(w->text, w->vendor) != 0 || !cfg.ntunnels)
			fail_msg("row %zu: not parsed", i);
		s = &cfg.tunnels[0].start;
		if (!s->set || s->state != w->state || s->why != w->why ||
		    s->src.line != w->src_line)
			fail_msg("row %zu: set %d state %d why %d line %u, want %d %d %u", i,
				 s->set, s->state, s->why, s->src.line, w->state, w->why,
				 w->src_line);
		if (cfg.start.set != ((int)w->global >= 0) ||
		    (cfg.start.set && cfg.start.state != w->global))
			fail_msg("row %zu: router-wide set %d state %d, want %d", i, cfg.start.set,
				 cfg.start.state, (int)w->global);
		config_free(&cfg);
	}
}

/* What no-reinitiation reads (config_start.after_stays): nothing brings
 * the SA back after the peer clears it. swanctl.conf(5): dpd_action other
 * than restart or trap; ipsec.conf(5): DPD runs and dpdaction does not
 * restart (strongSwan's hold traps); RTX and IX leave 0. */
static const struct after_row {
	const char *text;
	int vendor;
	int stays;
} after_rows[] = {
	{ SWANS(""), VENDOR_STRONGSWAN, 1 },
	{ SWANS("        dpd_action = clear\n"), VENDOR_STRONGSWAN, 1 },
	{ SWANS("        dpd_action = restart\n"), VENDOR_STRONGSWAN, 0 },
	{ SWANS("        dpd_action = trap\n"), VENDOR_STRONGSWAN, 0 },
	{ IPC("\tdpddelay=10\n\tdpdaction=clear\n\tauto=add\n"), VENDOR_IPSECCONF, 1 },
	{ IPC("\tdpddelay=10\n\tdpdaction=restart\n\tauto=add\n"), VENDOR_IPSECCONF, 0 },
	{ IPC("\tdpddelay=10\n\tdpdaction=hold\n\tauto=add\n"), VENDOR_IPSECCONF, 0 },
	{ IPC("\tauto=add\n"), VENDOR_IPSECCONF, 0 },
	{ RTXG("ipsec auto refresh on\n"), VENDOR_RTX, 0 },
	{ IX1(""), VENDOR_IX, 0 },
};

static void
test_after_stays(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(after_rows); i++) {
		if (parse(after_rows[i].text, after_rows[i].vendor) != 0 || !cfg.ntunnels)
			fail_msg("row %zu: not parsed", i);
		if (cfg.tunnels[0].start.after_stays != after_rows[i].stays)
			fail_msg("row %zu: after_stays %d, want %d", i,
				 cfg.tunnels[0].start.after_stays, after_rows[i].stays);
		config_free(&cfg);
	}
}

/* The clamp default is a facts row per format (config_facts.clamp_*,
 * config_clamp_default()): RTX's by the firmware header (command
 * reference 8.1.21, doc/vendor-syntax.md), IX's unknown, the newer
 * formats' none; and each older format's row names its own source. */
static const struct clamp_row {
	const char *text;
	int vendor;
	enum config_clamp_state want;
	const char *source; /* a part of clamp_source; NULL: none */
} clamp_rows[] = {
	{ "# RTX1210 Rev.14.01.38 (Fri Jan 1 2021)\n" RTX1, VENDOR_RTX, CONFIG_CLAMP_AUTO,
	  "8.1.21" },
	{ "# RTX1210 Rev.14.01.20 (Fri Jan 1 2021)\n" RTX1, VENDOR_RTX, CONFIG_CLAMP_NONE,
	  "8.1.21" },
	{ "# RTX1200 Rev.10.01.78 (Fri Jan 1 2021)\n" RTX1, VENDOR_RTX, CONFIG_CLAMP_NONE,
	  "8.1.21" },
	{ "# RTX1220 Rev.15.04.03 (Fri Jan 1 2021)\n" RTX1, VENDOR_RTX, CONFIG_CLAMP_AUTO,
	  "8.1.21" },
	{ RTX1, VENDOR_RTX, CONFIG_CLAMP_UNKNOWN, "8.1.21" },
	{ IX1(""), VENDOR_IX, CONFIG_CLAMP_UNKNOWN, "NEC IX" },
	{ "config vpn ipsec phase1-interface\n    edit \"t1\"\n        set remote-gw 198.51.100.1\n    next\nend\n",
	  VENDOR_FORTIGATE, CONFIG_CLAMP_NONE, NULL },
};

static void
test_clamp_default(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(clamp_rows); i++) {
		const struct clamp_row *w = &clamp_rows[i];
		const char *src;
		if (parse(w->text, w->vendor) != 0)
			fail_msg("row %zu: not parsed", i);
		src = config_facts(&cfg)->clamp_source;
		if (config_clamp_default(&cfg) != w->want)
			fail_msg("row %zu: clamp default %d, want %d", i,
				 config_clamp_default(&cfg), w->want);
		if (w->source ? !src || !strstr(src, w->source) : src != NULL)
			fail_msg("row %zu: source %s", i, src ? src : "(none)");
		config_free(&cfg);
	}
}

/* A neighbour in a peer group takes the group's AS (Cisco IOS neighbor
 * peer-group; FRR and VyOS the same), whichever comes first in the file;
 * its own remote-as wins. Before, IOS and FRR did not read the member at
 * all and VyOS kept it without an AS. */
static const struct group_row {
	const char *text;
	int vendor;
	uint32_t as[2];
} group_rows[] = {
	{ "crypto isakmp policy 200\n encryption aes 128\ninterface Tunnel1\n tunnel mode ipsec ipv4\n"
	  "router bgp 65000\n neighbor AWS peer-group\n"
	  " neighbor AWS remote-as 7224\n neighbor 169.254.10.1 peer-group AWS\n"
	  " neighbor 169.254.10.5 remote-as 64512\n neighbor 169.254.10.5 peer-group AWS\n",
	  VENDOR_CISCO_IOS,
	  { 7224, 64512 } },
	{ "connections {\n  c1 {\n    remote_addrs = 198.51.100.1\n  }\n}\nrouter bgp 65000\n"
	  " neighbor 169.254.10.1 peer-group AWS\n neighbor AWS peer-group\n neighbor AWS remote-as 7224\n",
	  VENDOR_STRONGSWAN,
	  { 7224, 0 } },
	{ "set vpn ipsec site-to-site peer p1 remote-address '198.51.100.1'\n"
	  "set protocols bgp neighbor 169.254.10.1 peer-group 'AWS'\n"
	  "set protocols bgp peer-group AWS remote-as '7224'\n",
	  VENDOR_VYOS,
	  { 7224, 0 } },
};

static void
test_bgp_peer_group(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(group_rows); i++) {
		const struct group_row *w = &group_rows[i];
		size_t want = w->as[1] ? 2 : 1;
		if (parse(w->text, w->vendor) != 0)
			fail_msg("row %zu: not parsed", i);
		if (cfg.nbgp != want)
			fail_msg("row %zu: %zu neighbours, want %zu", i, cfg.nbgp, want);
		for (size_t k = 0; k < want; k++)
			if (cfg.bgp[k].as != w->as[k])
				fail_msg("row %zu: neighbour %zu AS %u, want %u", i, k,
					 cfg.bgp[k].as, w->as[k]);
		config_free(&cfg);
	}
}

/* RTX: a word that begins with '#' outside quotes ends the command
 * (command reference 1.5 writes a '#' inside a parameter as \#, '#' or
 * "#"): the comment is neither an argument nor in the quoted text. */
static void
test_rtx_trailing_comment(void **state)
{
	static const char text[] = "tunnel select 1\n"
				   " description tunnel \"AWS #1\"   # the first tunnel\n"
				   " ipsec tunnel 1\n"
				   "  ipsec sa policy 1 1 esp aes-cbc sha-hmac  # AWS\n"
				   "  ipsec ike keepalive use 1 on dpd 10 3\t# 30 s\n"
				   " ip tunnel tcp mss limit 1379 #\n"
				   "tunnel select 2\n"
				   " description tunnel 'b # c' #d\n"
				   " ip tunnel mtu 1400 \\# x\n"
				   "ipsec auto refresh on # AWS waits\n";

	(void)state;
	assert_int_equal(parse(text, VENDOR_RTX), 0);
	assert_int_equal(cfg.refresh.line, 10);
	assert_int_equal(cfg.refresh.v, 1);
	assert_string_equal(cfg.refresh.text, "ipsec auto refresh on");
	assert_string_equal(cfg.gateways[0].esp_text, "aes-cbc sha-hmac");
	assert_int_equal(cfg.gateways[0].ka_interval, 10);
	assert_int_equal(cfg.gateways[0].ka_count, 3);
	assert_int_equal(cfg.tunnels[0].mss_value, 1379);
	assert_string_equal(cfg.tunnels[0].mss.text, "ip tunnel tcp mss limit 1379");
	assert_non_null(strstr(cfg.tunnels[0].desc, "AWS #1"));
	assert_null(strstr(cfg.tunnels[0].desc, "first"));
	assert_non_null(strstr(cfg.tunnels[1].desc, "b # c"));
	assert_null(strstr(cfg.tunnels[1].desc, "#d"));
	/* an escaped '#' is a parameter: the router takes 1400 \# x as given */
	assert_int_equal(cfg.tunnels[1].mtu.v, 1400);
	assert_non_null(strstr(cfg.tunnels[1].mtu.text, "\\# x"));
	assert_int_equal(cfg.ninvalid, 0);
	config_free(&cfg);
}

/* An IKE peer's outer address marked IPv6 (config_prefix.v6) in every
 * format that writes one, so the model counts a 40-byte outer header
 * (RFC 8200); an IPv4 address or a name is not. */
static const struct outer_row {
	const char *text;
	int vendor;
	int v6;
} outer_rows[] = {
	{ "connections {\n  c1 {\n    remote_addrs = 2001:db8::1\n    children {\n      k {\n      }\n    }\n  }\n}\n",
	  VENDOR_STRONGSWAN, 1 },
	{ "connections {\n  c1 {\n    remote_addrs = vpn.example.net\n    children {\n      k {\n      }\n    }\n  }\n}\n",
	  VENDOR_STRONGSWAN, 0 },
	{ "conn t1\n\tright=2001:db8::1\n\tauto=start\n", VENDOR_IPSECCONF, 1 },
	{ "conn t1\n\tright=198.51.100.1\n\tauto=start\n", VENDOR_IPSECCONF, 0 },
	{ "tunnel select 1\nipsec tunnel 1\nipsec sa policy 1 1 esp aes-cbc sha-hmac\n"
	  "ipsec ike remote address 1 2001:db8::1\n",
	  VENDOR_RTX, 1 },
	{ "interface Tunnel0.0\n  tunnel mode ipsec-ikev2\n"
	  "  ikev2 peer 2001:db8::1 authentication psk id ipv6 2001:db8::1\n!\n",
	  VENDOR_IX, 1 },
	{ "set security ike gateway gw1 address 2001:db8::1\nset security ike gateway gw1 ike-policy p\n"
	  "set security ipsec vpn v1 ike gateway gw1\nset security ipsec vpn v1 bind-interface st0.1\n",
	  VENDOR_JUNOS, 1 },
	{ "set vpn ipsec site-to-site peer p1 remote-address '2001:db8::1'\n"
	  "set vpn ipsec site-to-site peer p1 vti bind 'vti1'\n",
	  VENDOR_VYOS, 1 },
};

static void
test_outer_v6(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(outer_rows); i++) {
		const struct outer_row *w = &outer_rows[i];
		if (parse(w->text, w->vendor) != 0 || !cfg.ngateways)
			fail_msg("row %zu: not parsed (%zu gateways)", i, cfg.ngateways);
		if (cfg.gateways[0].remote_addr.v6 != w->v6)
			fail_msg("row %zu: v6 %d, want %d", i, cfg.gateways[0].remote_addr.v6,
				 w->v6);
		config_free(&cfg);
	}
	assert_true(cfg_addr6("2001:db8::1/128"));
	assert_true(cfg_addr6("fe80::1%eth0"));
	assert_false(cfg_addr6("198.51.100.1"));
	assert_false(cfg_addr6("vpn.example.net"));
	assert_false(cfg_addr6("a:b"));
}

/* Addresses left for the reader with x octets (Azure's 40.76.X.X, blog
 * posts' 219.xxx.xxx.xxx) are template placeholders; real addresses and
 * words are not. */
static void
test_masked_quad(void **state)
{
	(void)state;
	assert_true(config_is_placeholder("40.76.X.X"));
	assert_true(config_is_placeholder("219.xxx.xxx.xxx"));
	assert_true(config_is_placeholder("8.x.x.x"));
	assert_true(config_is_placeholder("10.0.X.0/24"));
	assert_false(config_is_placeholder("198.51.100.1"));
	assert_false(config_is_placeholder("198.51.100.0/24"));
	assert_false(config_is_placeholder("x.x.x"));
	assert_false(config_is_placeholder("1.2.3.4.x"));
	assert_false(config_is_placeholder("box.example.net"));
	assert_false(config_is_placeholder("40.76.X.X/"));
}

/* Formats mtuprobe does not read are refused by name, never audited. */
static void
test_foreign_refused(void **state)
{
	/* Cisco ASA (Cisco IOS is read since config/ios.c) */
	static const char asa[] =
		"ASA Version 9.8(2)\ncrypto ikev1 policy 200\n encryption aes\n"
		"crypto ipsec ikev1 transform-set ts esp-aes esp-sha-hmac\n"
		"interface Tunnel1\n ip tcp adjust-mss 1379\n tunnel protection ipsec profile p\n";
	char err[256];

	(void)state;
	assert_int_equal(config_detect(asa, strlen(asa), err, sizeof(err)), -1);
	assert_int_equal(config_parse(asa, strlen(asa), -1, &cfg, err, sizeof(err)), -1);
	/* a code and the format it looks like, worded by cli (cli_config_why) */
	assert_int_equal(cfg.refused.code, CONFIG_R_FOREIGN);
	assert_string_equal(cfg.refused.looks, "Cisco ASA");
	assert_int_equal(cfg.refused.line, 1);
	assert_string_equal(cfg.refused.text, "ASA Version 9.8(2)");
	config_free(&cfg);
	assert_int_equal(config_parse(asa, strlen(asa), VENDOR_IX, &cfg, err, sizeof(err)), -1);
	config_free(&cfg);
	assert_int_equal(config_parse(asa, strlen(asa), VENDOR_CISCO_IOS, &cfg, err, sizeof(err)),
			 -1);
	config_free(&cfg);
}

/* Every word of a line is a token, up to the 512 bytes read: the table held
 * 24, and a longer line lost its last words silently (issue 20). A line of
 * 255 one-letter words and a blank each is 510 bytes. */
static void
test_every_word(void **state)
{
	static char text[1024];
	static struct cfg_line l;
	struct cfg_reader r = { text, 0, 0, 0, NULL };
	size_t n = 0;

	(void)state;
	for (int i = 0; i < 30; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "w%d ", i + 1);
	text[n++] = '\n';
	for (int i = 0; i < 255; i++) {
		text[n++] = (char)('a' + i % 26);
		text[n++] = ' ';
	}
	text[n++] = '\n';
	r.len = n;
	assert_int_equal(cfg_next(&r, &l), 1);
	assert_int_equal(l.ntok, 30);
	assert_string_equal(l.tok[29], "w30");
	assert_int_equal(cfg_next(&r, &l), 1);
	assert_int_equal(l.ntok, 255);
	assert_string_equal(l.tok[254], "u");
	assert_int_equal(cfg_next(&r, &l), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_copy_utf8),
		cmocka_unit_test(test_rtx_facts),
		cmocka_unit_test(test_rtx_flat_blocks),
		cmocka_unit_test(test_ix_binding),
		cmocka_unit_test(test_ix_proposal_lists),
		cmocka_unit_test(test_swan_sections),
		cmocka_unit_test(test_hostile_bytes),
		cmocka_unit_test(test_esp_words),
		cmocka_unit_test(test_libreswan_esp),
		cmocka_unit_test(test_many_tunnels),
		cmocka_unit_test(test_rtx_indentation),
		cmocka_unit_test(test_rtx_invalid_and_templates),
		cmocka_unit_test(test_placeholders),
		cmocka_unit_test(test_ix_profiles),
		cmocka_unit_test(test_swan_placeholders),
		cmocka_unit_test(test_foreign_refused),
		cmocka_unit_test(test_rtx_keepalive_template),
		cmocka_unit_test(test_live_model),
		cmocka_unit_test(test_start_model),
		cmocka_unit_test(test_clamp_default),
		cmocka_unit_test(test_after_stays),
		cmocka_unit_test(test_bgp_peer_group),
		cmocka_unit_test(test_outer_v6),
		cmocka_unit_test(test_masked_quad),
		cmocka_unit_test(test_rtx_trailing_comment),
		cmocka_unit_test(test_every_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
