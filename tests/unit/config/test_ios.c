/* SPDX-License-Identifier: BSD-2-Clause */
/* Cisco IOS / IOS-XE (config/ios.c, ios_model.c), table-driven where it
 * can be: every sample under tests/audit/configs and tests/fuzz/corpus-
 * config is detected as the format its name says (detect_table.h),
 * and no other grammar reads an IOS sample (a table over all samples and
 * all vendors); then AWS's sample field by field, the shapes real files
 * have (comments inside blocks, no exit lines, no indentation, CRLF,
 * banners, templates), blocks that end where IOS ends them, a hub with
 * hundreds of tunnels, lines the router rejects, IKEv2 and crypto maps.
 * Files are read from MTUPROBE_SRCDIR; addresses are RFC 5737's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/count.h"
#include "config/config.h"

#include "samples.h"
#include "detect_table.h"
#define A(a, b, c, d) \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static struct config cfg;

static int
parse_len(const char *text, size_t len)
{
	char err[256];
	int r = config_parse(text, len, VENDOR_CISCO_IOS, &cfg, err, sizeof(err));

	if (r < 0)
		print_message("parse: %s\n", err);
	return r;
}

static int
parse(const char *text)
{
	return parse_len(text, strlen(text));
}

/* ---- detection: every sample, every vendor ------------------------------ */

/* IOS samples refused by every other grammar, the rest by IOS's */
static int
refuse_ios(int want, int v)
{
	return (want == VENDOR_CISCO_IOS) != (v == VENDOR_CISCO_IOS);
}

static void
test_detect_table(void **state)
{
	unsigned n_of[VENDOR_COUNT] = { 0 };

	(void)state;
	/* fewer files means the directory was not read */
	assert_true(detect_samples("tests/audit/configs", refuse_ios, n_of) >= 45);
	assert_true(detect_samples("tests/fuzz/corpus-config", refuse_ios, n_of) >= 40);
	assert_true(n_of[VENDOR_CISCO_IOS] >= 12);
	/* --vendor takes the name; ASA stays refused by name */
	assert_int_equal(config_vendor_lookup("cisco-ios"), VENDOR_CISCO_IOS);
	assert_string_equal(config_vendor_display(VENDOR_CISCO_IOS), "Cisco IOS/IOS-XE");
}

static void
test_asa_refused(void **state)
{
	char path[4096], err[256];
	size_t len;
	char *buf;

	(void)state;
	snprintf(path, sizeof(path), "%s/tests/audit/configs/foreign-cisco-asa.conf", srcdir());
	buf = slurp(path, &len);
	assert_int_equal(config_detect(buf, len, err, sizeof(err)), -1);
	assert_int_equal(config_parse(buf, len, VENDOR_CISCO_IOS, &cfg, err, sizeof(err)), -1);
	/* a code and the format it looks like, worded by cli (cli_config_why) */
	assert_int_equal(cfg.refused.code, CONFIG_R_FOREIGN);
	assert_string_equal(cfg.refused.looks, "Cisco ASA");
	config_free(&cfg);
	free(buf);
}

/* ---- AWS's sample, field by field --------------------------------------- */

static void
test_aws_sample(void **state)
{
	char path[4096];
	size_t len;
	char *buf;
	const struct config_gateway *g;
	const struct config_tunnel *t;

	(void)state;
	snprintf(path, sizeof(path), "%s/tests/audit/configs/cisco-ios-aws.conf", srcdir());
	buf = slurp(path, &len);
	assert_int_equal(parse_len(buf, len), 0);
	assert_int_equal(cfg.vendor, VENDOR_CISCO_IOS);
	assert_true(cfg.facts->neutral);
	assert_int_equal(cfg.facts->tunnel_mtu_default, 0);
	assert_int_equal(cfg.facts->clamp_default, CONFIG_CLAMP_NONE);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.ntunnels, 2);
	assert_int_equal(cfg.ngateways, 2);
	assert_int_equal(cfg.nbgp, 1);
	assert_int_equal(cfg.bgp[0].addr, A(169, 254, 255, 1));
	assert_int_equal(cfg.bgp[0].line, 59);
	assert_int_equal(cfg.bgp[0].as, 7224);
	t = &cfg.tunnels[0];
	assert_string_equal(t->name, "Tunnel1");
	assert_string_equal(t->id, "1");
	assert_int_equal(t->kind, CONFIG_TK_IPSEC);
	assert_int_equal(t->mtu.line, 0);
	assert_int_equal(t->mss.v, CONFIG_MSS_NUM);
	assert_int_equal(t->mss_value, 1387);
	assert_int_equal(t->mss.line, 53);
	assert_int_equal(t->inside.addr, A(169, 254, 255, 2));
	assert_int_equal(t->inside.plen, 30);
	assert_int_equal(t->df.v, 2);
	assert_int_equal(t->df.line, 40);
	assert_int_equal(t->gateway, 0);
	g = &cfg.gateways[0];
	assert_string_equal(g->name, "isakmp-vpn-0000000a-0");
	assert_int_equal(g->version.v, 1);
	assert_int_equal(g->remote_addr.addr, A(198, 51, 100, 1));
	assert_int_equal(g->remote_addr.plen, 32);
	assert_int_equal(g->local_addr.addr, A(203, 0, 113, 10));
	assert_string_equal(g->esp_text, "esp-aes-128 esp-sha-hmac");
	assert_int_equal(g->life_child.v, 3600);
	assert_int_equal(g->life_ike.v, 28800);
	assert_int_equal(g->life_ike.line, 14);
	/* crypto isakmp keepalive 10 10 on-demand: on demand, 10 s, retry 10 s */
	assert_int_equal(g->live.state, CONFIG_LIVE_ON_DEMAND);
	assert_int_equal(g->live.src.line, 41);
	assert_int_equal(g->live.interval, 10);
	assert_int_equal(g->live.dead_after, 20);
	assert_int_equal(g->live.exact, 0);
	assert_int_equal(g->start.state, CONFIG_START_UNKNOWN);
	/* a static VTI: IP any any */
	assert_int_equal(g->local_id.plen, 0);
	assert_int_equal(g->remote_id.plen, 0);
	assert_int_equal(g->local_id.line, 52);
	/* the key: a digest from the keyring line, never the text */
	assert_int_equal(g->psk.line, 20);
	assert_int_equal(g->psk.tmpl, 0);
	assert_int_equal(cfg.gateways[1].remote_addr.addr, A(198, 51, 100, 2));
	assert_int_equal(cfg.tunnels[1].gateway, 1);
	assert_true(g->psk.set);
	assert_false(config_secret_equal(&g->psk, &cfg.gateways[1].psk));
	config_free(&cfg);
	free(buf);
}

/* ---- the shapes real files have ------------------------------------------ */

/* No exit lines, no indentation, CRLF, "! text" inside a block, a banner
 * whose text would be invalid, AWS's placeholders: the same model. */
static void
test_messy_shapes(void **state)
{
	static const char text[] = "version 15.4\r\n"
				   "hostname cgw\r\n"
				   "banner motd ^C\r\n"
				   "interface Tunnel9\r\n"
				   "  this text is the banner's, not a command\r\n"
				   "^C\r\n"
				   "crypto isakmp policy 200\r\n"
				   "encryption aes 128\r\n"
				   "authentication pre-share\r\n"
				   "crypto keyring kr0\r\n"
				   "local-address YOUR_UPLINK_ADDRESS\r\n"
				   "pre-shared-key address 198.51.100.1 key hunter2\r\n"
				   "crypto isakmp profile ip0\r\n"
				   "      ! an odd indent and a comment inside the block\r\n"
				   "match identity address 198.51.100.1 255.255.255.255\r\n"
				   "keyring kr0\r\n"
				   "crypto ipsec transform-set ts0 esp-aes 256 esp-sha-hmac\r\n"
				   "mode tunnel\r\n"
				   "crypto ipsec profile p0\r\n"
				   "set transform-set ts0\r\n"
				   "crypto isakmp keepalive 10 3 periodic\r\n"
				   "interface Tunnel1\r\n"
				   "ip address 169.254.10.2 255.255.255.252\r\n"
				   "tunnel source YOUR_UPLINK_ADDRESS\r\n"
				   "tunnel destination 198.51.100.1\r\n"
				   "tunnel mode ipsec ipv4\r\n"
				   "tunnel protection ipsec profile p0\r\n"
				   "ip mtu 1436\r\n"
				   "ip tcp adjust-mss 1396\r\n"
				   "router bgp YOUR_BGP_ASN\r\n"
				   "neighbor 169.254.10.1 remote-as 64512\r\n"
				   "end\r\n";
	const struct config_gateway *g;

	(void)state;
	assert_int_equal(parse(text), 0);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.ntunnels, 1); /* Tunnel9 was the banner's */
	assert_string_equal(cfg.tunnels[0].name, "Tunnel1");
	assert_int_equal(cfg.tunnels[0].mtu.v, 1436);
	assert_int_equal(cfg.tunnels[0].mss_value, 1396);
	g = &cfg.gateways[cfg.tunnels[0].gateway];
	assert_string_equal(g->name, "ip0");
	assert_string_equal(g->esp_text, "esp-aes-256 esp-sha-hmac");
	assert_int_equal(g->live.state, CONFIG_LIVE_ON);
	assert_int_equal(g->live.dead_after, 13);
	assert_int_equal(g->psk.line, 12);
	assert_int_equal(cfg.nbgp, 1);
	assert_true(cfg.nplaceholders >= 3);
	config_free(&cfg);
}

/* IOS leaves a sub-mode for a command only global configuration mode has:
 * what follows ip route is no longer the tunnel's, and "!" alone ends the
 * block as well; "exit" inside address-family returns to router bgp. */
static void
test_blocks_end_where_ios_ends_them(void **state)
{
	(void)state;
	assert_int_equal(
		parse("interface Tunnel1\n ip mtu 1400\nip route 0.0.0.0 0.0.0.0 203.0.113.1\n"
		      " ip tcp adjust-mss 1360\ninterface Tunnel2\n ip mtu 1400\n!\n"
		      " ip tcp adjust-mss 1360\nrouter bgp 65000\n address-family ipv4\n"
		      "  neighbor 169.254.1.1 remote-as 7224\n exit\n neighbor 169.254.2.1 remote-as 7224\n"
		      "exit\nneighbor 169.254.3.1 remote-as 7224\ncrypto ipsec profile p\n"
		      " set transform-set t\n"),
		0);
	assert_int_equal(cfg.ntunnels, 2);
	assert_int_equal(cfg.tunnels[0].mtu.v, 1400);
	assert_int_equal(cfg.tunnels[0].mss.line, 0);
	assert_int_equal(cfg.tunnels[1].mss.line, 0);
	assert_int_equal(cfg.nbgp, 2);
	assert_int_equal(cfg.ninvalid, 3);
	assert_int_equal(cfg.invalid[0].line, 4);
	assert_int_equal(cfg.invalid[0].why, CONFIG_BAD_SCOPE);
	assert_int_equal(cfg.invalid[1].line, 8);
	assert_int_equal(cfg.invalid[2].line, 15);
	config_free(&cfg);
}

/* IOS's short forms as hand-written configurations use them: int for
 * interface, an interface name in lower case or with a space before its
 * number, and no forms inside an interface, which keep it open. */
static void
test_abbreviations(void **state)
{
	static const char *const text[] = {
		"crypto isakmp policy 10",
		" lifetime 28800",
		"int tunnel 1",
		" ip mtu 1400",
		" shut",
		" no shut",
		"interface gi0/0",
		" no ip redirects",
		" no crypto map",
		" ip mtu 1492",
		" ip tcp adjust-mss 1360",
		"interface tu2",
		" desc second",
		" ip mtu 1300",
		"interface GigEth0",
		"conf t",
	};
	char buf[512];
	size_t n = 0;

	(void)state;
	for (size_t i = 0; i < COUNT(text); i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s\n", text[i]);
	assert_int_equal(parse(buf), 0);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.ntunnels, 2);
	assert_string_equal(cfg.tunnels[0].name, "Tunnel1");
	assert_string_equal(cfg.tunnels[0].id, "1");
	assert_int_equal(cfg.tunnels[0].mtu.v, 1400);
	assert_string_equal(cfg.tunnels[1].name, "Tunnel2");
	assert_int_equal(cfg.tunnels[1].mtu.v, 1300);
	assert_int_equal(cfg.nifaces, 2);
	assert_string_equal(cfg.ifaces[0].name, "GigabitEthernet0/0");
	assert_int_equal(cfg.ifaces[0].mtu.v, 1492);
	assert_int_equal(cfg.ifaces[0].mru.v, 1360);        /* the clamp after the no forms */
	assert_string_equal(cfg.ifaces[1].name, "GigEth0"); /* no type we know: as written */
	config_free(&cfg);
}

/* A hub: 600 tunnels, each with its keyring, isakmp profile and ipsec
 * profile; the tables grow, every tunnel finds its own peer. */
/* The neighbour's AS (the audit's peer hint reads it): from its remote-as
 * line; a second remote-as line for an address gives the AS when the
 * first gave none; asdot (RFC 5396) as
 * the 32-bit number; a placeholder, a number beyond 32 bits and a word
 * are no AS (0). */
static void
test_bgp_as(void **state)
{
	(void)state;
	assert_int_equal(parse("interface Tunnel1\n ip mtu 1400\nrouter bgp 65000\n"
			       " neighbor 169.254.1.1 activate\n"
			       " neighbor 169.254.1.1 remote-as 7224\n"
			       " neighbor 169.254.2.1 remote-as 1.10\n"
			       " neighbor 169.254.3.1 remote-as YOUR_BGP_ASN\n"
			       " neighbor 169.254.4.1 remote-as 4294967296\n"
			       " neighbor 169.254.5.1 remote-as 4294967295\n"
			       " neighbor 169.254.6.1 remote-as 65536.1\n"
			       " neighbor 169.254.6.1 remote-as 7224\n"
			       "crypto ipsec profile p\n set transform-set t\n"),
			 0);
	assert_int_equal(cfg.nbgp, 6);
	assert_int_equal(cfg.bgp[0].line, 5); /* activate adds no neighbour */
	assert_int_equal(cfg.bgp[0].as, 7224);
	assert_int_equal(cfg.bgp[1].as, 65546); /* 1 * 65536 + 10 */
	assert_int_equal(cfg.bgp[2].as, 0);
	assert_int_equal(cfg.bgp[3].as, 0);
	assert_int_equal(cfg.bgp[4].as, 4294967295u);
	assert_int_equal(cfg.bgp[5].line, 10);
	assert_int_equal(cfg.bgp[5].as, 7224); /* 65536.1 is no asdot AS: the next line's */
	config_free(&cfg);
}

static void
test_hub(void **state)
{
	enum { N = 600 };
	size_t cap = (size_t)N * 700 + 256, n = 0;
	char *text = malloc(cap);

	(void)state;
	assert_non_null(text);
	n += (size_t)
		snprintf(text + n, cap - n,
			 "crypto isakmp policy 10\n encryption aes 256\n"
			 "crypto ipsec transform-set ts esp-aes 256 esp-sha-hmac\n mode tunnel\n"
			 "crypto isakmp keepalive 10 3 periodic\n");
	for (int i = 0; i < N; i++) {
		int a = 1 + i / 250, b = 1 + i % 250;
		n += (size_t)snprintf(
			text + n, cap - n,
			"crypto keyring kr%d\n pre-shared-key address 198.51.%d.%d key k%d\n"
			"crypto isakmp profile ip%d\n match identity address 198.51.%d.%d\n keyring kr%d\n"
			"crypto ipsec profile p%d\n set transform-set ts\n"
			"interface Tunnel%d\n ip address 169.254.%d.%d 255.255.255.252\n"
			" tunnel destination 198.51.%d.%d\n tunnel mode ipsec ipv4\n"
			" tunnel protection ipsec profile p%d\n ip mtu 1400\n ip tcp adjust-mss 1360\n",
			i, a, b, i, i, a, b, i, i, i, a, (b * 4) % 252, a, b, i);
	}
	assert_true(n < cap);
	assert_int_equal(parse_len(text, n), 0);
	assert_int_equal(cfg.ntunnels, N);
	assert_int_equal(cfg.ngateways, N);
	assert_int_equal(cfg.ninvalid, 0);
	for (int i = 0; i < N; i++) {
		char want[32];
		const struct config_gateway *g = &cfg.gateways[cfg.tunnels[i].gateway];
		snprintf(want, sizeof(want), "ip%d", i);
		assert_string_equal(g->name, want);
		assert_int_equal(g->remote_addr.addr, A(198, 51, 1 + i / 250, 1 + i % 250));
		assert_true(g->psk.line > 0);
	}
	config_free(&cfg);
	free(text);
}

/* Lines IOS would reject: the word and the reason; a key line's text never
 * keeps its key. */
static void
test_rejected_lines(void **state)
{
	(void)state;
	assert_int_equal(
		parse("crypto isakmp policy 10\n lifetime 28800\n"
		      "crypto isakmp keepalive 5\n"
		      "interface Tunnel1\n ip tcp adjust-mss 1600\n tunnel mode ipsec ipv4\n"
		      "set peer 198.51.100.1\n"
		      "crypto keyring k\n pre-shared-key address bogus key s3cr3t-Key\n"
		      "crypto ikev2 profile v2\n dpd 10 3\n"
		      "frobnicate now\n"),
		0);
	assert_int_equal(cfg.ninvalid, 6);
	assert_int_equal(cfg.invalid[0].line, 3);
	assert_int_equal(cfg.invalid[0].why, CONFIG_BAD_RANGE);
	assert_int_equal(cfg.invalid[0].lo, 10);
	assert_int_equal(cfg.invalid[0].hi, 3600);
	assert_int_equal(cfg.invalid[1].line, 5);
	assert_int_equal(cfg.invalid[1].why, CONFIG_BAD_RANGE);
	assert_int_equal(cfg.invalid[1].arg, 4);
	assert_int_equal(cfg.invalid[1].lo, 500);
	assert_int_equal(cfg.invalid[1].hi, 1460);
	assert_int_equal(cfg.invalid[2].line, 7);
	assert_int_equal(cfg.invalid[2].why, CONFIG_BAD_SCOPE);
	assert_int_equal(cfg.invalid[3].line, 9);
	assert_null(strstr(cfg.invalid[3].text, "s3cr3t"));
	assert_non_null(strstr(cfg.invalid[3].text, "key not printed"));
	assert_int_equal(cfg.invalid[4].line, 11);
	assert_int_equal(cfg.invalid[4].why, CONFIG_BAD_MISSING);
	assert_int_equal(cfg.invalid[5].line, 12);
	assert_int_equal(cfg.invalid[5].why, CONFIG_BAD_COMMAND);
	assert_string_equal(cfg.invalid[3].word, "bogus");
	config_free(&cfg);
	/* the word is counted and quoted from the line, not from its masked
	 * text ("crypto isakmp key (key not printed)": word 6 was "printed)") */
	assert_int_equal(parse("crypto isakmp policy 10\n lifetime 28800\n"
			       "crypto isakmp key 6 s3cr3t-Key address bogus\n"),
			 0);
	assert_int_equal(cfg.ninvalid, 1);
	assert_int_equal(cfg.invalid[0].arg, 7);
	assert_string_equal(cfg.invalid[0].word, "bogus");
	assert_null(strstr(cfg.invalid[0].text, "s3cr3t"));
	config_free(&cfg);
}

/* An indented " !" is a comment inside the mode (show running-config
 * prints one between an ikev2 keyring's peers and between router bgp's
 * neighbours and its address-family); only a "!" in column 0 ends a block. */
static void
test_indented_bang(void **state)
{
	(void)state;
	assert_int_equal(
		parse("crypto ikev2 keyring kr\n peer g1\n  address 198.51.100.1\n  pre-shared-key k1\n !\n"
		      " peer g2\n  address 198.51.100.2\n  pre-shared-key k2\n !\n"
		      "crypto ikev2 profile v2\n match identity remote address 198.51.100.2 255.255.255.255\n"
		      " keyring local kr\n"
		      "crypto ipsec profile p2\n set ikev2-profile v2\n"
		      "interface Tunnel2\n tunnel destination 198.51.100.2\n tunnel mode ipsec ipv4\n"
		      " tunnel protection ipsec profile p2\n"
		      "router bgp 65001\n neighbor 169.254.0.1 remote-as 65002\n !\n address-family ipv4\n"
		      "  neighbor 169.254.0.1 activate\n exit-address-family\n"
		      "!\n ip mtu 1400\n"),
		0);
	assert_int_equal(cfg.ngateways, 1);
	assert_int_equal(cfg.gateways[cfg.tunnels[0].gateway].psk.line, 8);
	assert_int_equal(cfg.ninvalid, 1); /* ip mtu after the column-0 "!" */
	assert_int_equal(cfg.invalid[0].line, 26);
	assert_int_equal(cfg.invalid[0].why, CONFIG_BAD_SCOPE);
	config_free(&cfg);
}

/* IKEv2: the ipsec profile names the ikev2 profile; its dpd is the peer's,
 * else crypto ikev2 dpd; the key is the ikev2 keyring peer's. */
static void
test_ikev2(void **state)
{
	const struct config_gateway *g;

	(void)state;
	assert_int_equal(
		parse("crypto ikev2 proposal prop\n encryption aes-cbc-128\n integrity sha1\n group 14\n"
		      "crypto ikev2 policy pol\n proposal prop\n"
		      "crypto ikev2 keyring kr\n peer aws1\n  address 198.51.100.1\n  pre-shared-key psk-one\n"
		      " peer aws2\n  address 198.51.100.2\n  pre-shared-key local psk-two\n"
		      "crypto ikev2 profile v2-1\n match identity remote address 198.51.100.1 255.255.255.255\n"
		      " authentication remote pre-share\n authentication local pre-share\n keyring local kr\n"
		      " lifetime 28800\n dpd 10 3 periodic\n"
		      "crypto ikev2 profile v2-2\n match identity remote address 198.51.100.2 255.255.255.255\n"
		      " keyring local kr\n"
		      "crypto ikev2 dpd 30 5 on-demand\n"
		      "crypto ipsec transform-set ts esp-aes esp-sha-hmac\n"
		      "crypto ipsec profile p1\n set transform-set ts\n set ikev2-profile v2-1\n"
		      "crypto ipsec profile p2\n set transform-set ts\n set ikev2-profile v2-2\n"
		      "interface Tunnel1\n tunnel destination 198.51.100.1\n tunnel mode ipsec ipv4\n"
		      " tunnel protection ipsec profile p1\n"
		      "interface Tunnel2\n tunnel destination 198.51.100.2\n tunnel mode ipsec ipv4\n"
		      " tunnel protection ipsec profile p2\n"),
		0);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.ngateways, 2);
	g = &cfg.gateways[cfg.tunnels[0].gateway];
	assert_string_equal(g->name, "v2-1");
	assert_int_equal(g->version.v, 2);
	assert_int_equal(cfg.tunnels[0].ikev2, 1);
	assert_int_equal(g->live.state, CONFIG_LIVE_ON);
	assert_int_equal(g->live.interval, 10);
	assert_int_equal(g->live.dead_after, 13);
	assert_int_equal(g->live.src.line, 20);
	assert_int_equal(g->life_ike.v, 28800);
	assert_int_equal(g->psk.line, 10);
	assert_string_equal(g->esp_text, "esp-aes esp-sha-hmac");
	g = &cfg.gateways[cfg.tunnels[1].gateway];
	assert_string_equal(g->name, "v2-2");
	assert_int_equal(g->live.state, CONFIG_LIVE_ON_DEMAND);
	assert_int_equal(g->live.interval, 30);
	assert_int_equal(g->live.src.line, 24);
	assert_int_equal(g->psk.line, 13);
	config_free(&cfg);
}

/* Crypto maps: a static entry starts IKE on traffic, its selectors the
 * ACL's widest permit line, its clamp the interface's; a dynamic entry
 * only answers; a missing ACL or dynamic map is an undefined reference. */
static void
test_crypto_maps(void **state)
{
	const struct config_gateway *g;
	const struct config_tunnel *t;

	(void)state;
	assert_int_equal(
		parse("crypto isakmp key 0 k1 address 198.51.100.1\n"
		      "crypto ipsec transform-set ts esp-3des esp-md5-hmac\n"
		      "ip access-list extended vpn\n 10 permit ip 172.31.0.0 0.0.255.255 10.0.0.0 0.0.255.255\n"
		      " 20 permit ip host 172.16.0.1 any\n"
		      "access-list 120 permit ip any any\n"
		      "crypto map cm 10 ipsec-isakmp\n set peer 198.51.100.1\n set transform-set ts\n"
		      " match address vpn\n"
		      "crypto map cm 20 ipsec-isakmp\n set peer 198.51.100.2\n match address 120\n"
		      "crypto map cm 30 ipsec-isakmp\n set peer 198.51.100.3\n match address missing\n"
		      "crypto dynamic-map dm 10\n set transform-set ts\n"
		      "crypto map cm 40 ipsec-isakmp dynamic dm\n"
		      "crypto map cm 50 ipsec-isakmp dynamic nowhere\n"
		      "interface GigabitEthernet0/0\n ip address 203.0.113.10 255.255.255.0\n crypto map cm\n"
		      " ip tcp adjust-mss 1360\n"),
		0);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.ntunnels, 4);
	t = &cfg.tunnels[0];
	assert_string_equal(t->name, "cm 10");
	assert_int_equal(t->kind, CONFIG_TK_IPSEC);
	assert_int_equal(t->mss_value, 1360);
	assert_int_equal(t->mss.line, 24);
	g = &cfg.gateways[t->gateway];
	assert_int_equal(g->start.state, CONFIG_START_ON_TRAFFIC);
	assert_int_equal(g->start.src.line, 7);
	/* the widest permit line: host 172.16.0.1 any (32 + 0 bits) is wider
	 * than 172.31.0.0/16 to 10.0.0.0/16 (16 + 16) only by a tie: the first */
	assert_int_equal(g->local_id.addr, A(172, 31, 0, 0));
	assert_int_equal(g->local_id.plen, 16);
	assert_int_equal(g->remote_id.addr, A(10, 0, 0, 0));
	assert_int_equal(g->remote_id.plen, 16);
	assert_int_equal(g->local_id.line, 4);
	assert_int_equal(g->psk.line, 1);
	assert_string_equal(g->esp_text, "esp-3des esp-md5-hmac");
	assert_int_equal(g->live.state, CONFIG_LIVE_OFF);
	g = &cfg.gateways[cfg.tunnels[1].gateway];
	assert_int_equal(g->local_id.plen, 0);
	assert_int_equal(g->remote_id.plen, 0);
	g = &cfg.gateways[cfg.tunnels[3].gateway];
	assert_string_equal(cfg.tunnels[3].name, "dynamic dm 10");
	assert_int_equal(g->start.state, CONFIG_START_NEVER);
	assert_int_equal(g->start.src.line, 17);
	assert_int_equal(cfg.tunnels[3].mss_value, 1360);
	assert_int_equal(cfg.nrefs, 2);
	assert_int_equal(cfg.refs[0].kind, CONFIG_REF_ACL);
	assert_string_equal(cfg.refs[0].name, "missing");
	assert_int_equal(cfg.refs[1].kind, CONFIG_REF_IOS_DYNAMIC_MAP);
	assert_int_equal(cfg.refs[1].line, 20);
	config_free(&cfg);
}

/* A crypto map sends IKE from the address of the interface it is applied
 * to, or of the one crypto map NAME local-address IF names (Cisco IOS
 * Security Command Reference); "ip add" is ip address (the homelab pair,
 * tests/audit/configs/SOURCES.md). No static address: none. */
static void
test_crypto_map_local_address(void **state)
{
	static const char base[] =
		"crypto isakmp key 0 k1 address 198.51.100.1\n"
		"crypto map cm 10 ipsec-isakmp\n set peer 198.51.100.1\n"
		"crypto map lb 10 ipsec-isakmp\n set peer 198.51.100.2\n"
		"crypto map dh 10 ipsec-isakmp\n set peer 198.51.100.3\n"
		"interface Loopback0\n ip address 192.0.2.5 255.255.255.255\n"
		"interface GigabitEthernet0/0\n ip add 203.0.113.33 255.255.255.252\n"
		" ip address 203.0.113.65 255.255.255.252 secondary\n crypto map cm\n"
		"interface GigabitEthernet0/1\n ip address 203.0.113.9 255.255.255.252\n"
		" crypto map lb\n"
		"interface GigabitEthernet0/2\n ip address dhcp\n crypto map dh\n";
	char text[1024];
	const struct config_gateway *g;

	(void)state;
	snprintf(text, sizeof(text), "%scrypto map lb local-address lo0\n", base);
	assert_int_equal(parse(text), 0);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.ntunnels, 3);
	g = &cfg.gateways[cfg.tunnels[0].gateway];
	assert_int_equal(g->local_addr.addr, A(203, 0, 113, 33));
	assert_int_equal(g->local_addr.plen, 32);
	assert_int_equal(g->local_addr.line, 11);
	g = &cfg.gateways[cfg.tunnels[1].gateway];
	assert_int_equal(g->local_addr.addr, A(192, 0, 2, 5));
	assert_int_equal(g->local_addr.line, 9);
	assert_int_equal(cfg.gateways[cfg.tunnels[2].gateway].local_addr.line, 0);
	config_free(&cfg);
	/* without local-address: the interface the map is applied to */
	assert_int_equal(parse(base), 0);
	g = &cfg.gateways[cfg.tunnels[1].gateway];
	assert_int_equal(g->local_addr.addr, A(203, 0, 113, 9));
	assert_int_equal(g->local_addr.line, 15);
	config_free(&cfg);
	/* an interface the file does not have: no address, never a wrong one */
	snprintf(text, sizeof(text), "%scrypto map lb local-address Loopback9\n", base);
	assert_int_equal(parse(text), 0);
	assert_int_equal(cfg.gateways[cfg.tunnels[1].gateway].local_addr.line, 0);
	config_free(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect_table),
		cmocka_unit_test(test_asa_refused),
		cmocka_unit_test(test_aws_sample),
		cmocka_unit_test(test_messy_shapes),
		cmocka_unit_test(test_blocks_end_where_ios_ends_them),
		cmocka_unit_test(test_abbreviations),
		cmocka_unit_test(test_bgp_as),
		cmocka_unit_test(test_hub),
		cmocka_unit_test(test_rejected_lines),
		cmocka_unit_test(test_ikev2),
		cmocka_unit_test(test_indented_bang),
		cmocka_unit_test(test_crypto_maps),
		cmocka_unit_test(test_crypto_map_local_address),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
