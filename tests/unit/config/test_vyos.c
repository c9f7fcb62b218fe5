/* SPDX-License-Identifier: BSD-2-Clause */
/* config/vyos.c through config/tree.c: VyOS 1.4 in set form and as the
 * tree give the same model; VyOS 1.3's shapes (the peer named by its
 * address, its pre-shared-secret, firewall options adjust-mss, protocols
 * bgp ASN); vyos-1x's defaults for DPD and connection-type; the router's
 * refusals with their reason; a hub of 400 peers read whole. Samples are
 * read from MTUPROBE_SRCDIR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/count.h"
#include "textbuf.h"

#include "config/config.h"


static void
parse(const char *text, size_t len, struct config *c)
{
	char err[256];

	if (config_parse(text, len, VENDOR_VYOS, c, err, sizeof(err)) != 0)
		fail_msg("not read as VyOS: %s", err);
}

static void
parse_file(const char *name, struct config *c)
{
	char path[4096];
	const char *d = getenv("MTUPROBE_SRCDIR");
	FILE *fp;
	char *buf;
	long n;
	size_t len;

	snprintf(path, sizeof(path), "%s/tests/audit/configs/%s", d && *d ? d : ".", name);
	if (!(fp = fopen(path, "rb")))
		fail_msg("cannot open %s (is MTUPROBE_SRCDIR set?)", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	len = fread(buf, 1, (size_t)n, fp);
	fclose(fp);
	parse(buf, len, c);
	free(buf);
}

static void
check_aws(const struct config *c)
{
	assert_int_equal(c->ngateways, 2);
	assert_int_equal(c->ntunnels, 2);
	assert_int_equal(c->ninvalid, 0);
	assert_int_equal(c->nrefs, 0);
	assert_int_equal(c->nbgp, 2);
	assert_int_equal(c->bgp[0].as, 64512); /* remote-as '64512': quoted */
	assert_int_equal(c->bgp[1].as, 64512);
	for (size_t i = 0; i < 2; i++) {
		const struct config_tunnel *t = &c->tunnels[i];
		const struct config_gateway *g;
		assert_string_equal(t->name, i ? "vti2" : "vti1");
		assert_string_equal(t->desc, i ? "AWS tunnel 2" : "AWS tunnel 1");
		assert_int_equal(t->mtu.v, 1436);
		assert_int_equal(t->mss.v, CONFIG_MSS_NUM);
		assert_int_equal(t->mss_value, 1379);
		assert_int_equal(t->gateway, (int)i);
		g = &c->gateways[i];
		assert_string_equal(g->name, i ? "AWS2" : "AWS1");
		assert_int_equal(g->remote_addr.addr, i ? 0xc6336402u : 0xc6336401u);
		assert_int_equal(g->live.state, CONFIG_LIVE_ON);
		assert_int_equal(g->live.dead_after, 30); /* IKEv1: the timeout */
		assert_int_equal(g->live.exact, 1);
		assert_int_equal(g->start.state, CONFIG_START_ALWAYS);
		assert_int_equal(g->version.v, 1);
		assert_string_equal(g->esp_text, "aes128 sha1");
		assert_string_equal(g->policy, "AWS");
		assert_true(g->psk.set); /* 1.4: authentication psk by id */
	}
}

static void
test_aws_both_forms(void **state)
{
	struct config s, t;

	(void)state;
	parse_file("vyos-aws.conf", &s);
	parse_file("vyos-aws-tree.conf", &t);
	check_aws(&s);
	check_aws(&t);
	for (size_t i = 0; i < 2; i++)
		assert_true(config_secret_equal(&s.gateways[i].psk, &t.gateways[i].psk));
	assert_false(config_secret_equal(&s.gateways[0].psk, &s.gateways[1].psk));
	config_free(&s);
	config_free(&t);
}

static void
test_13(void **state)
{
	struct config c;

	(void)state;
	parse_file("vyos13-aws.conf", &c);
	assert_int_equal(c.ngateways, 1);
	assert_string_equal(c.gateways[0].name, "198.51.100.1");
	assert_int_equal(c.gateways[0].remote_addr.addr, 0xc6336401u);
	assert_int_equal(c.gateways[0].local_addr.addr, 0xcb007102u);
	assert_true(c.gateways[0].psk.set);
	assert_int_equal(c.gateways[0].live.dead_after, 30);
	assert_int_equal(c.ntunnels, 1);
	assert_int_equal(c.tunnels[0].mss_value, 1350); /* firewall options interface vti0 */
	assert_int_equal(c.tunnels[0].gateway, 0);
	assert_int_equal(c.nbgp, 1);
	assert_int_equal(c.bgp[0].addr, 0xa9feff01u);
	assert_int_equal(c.bgp[0].as, 64512); /* protocols bgp ASN neighbor A remote-as */
	assert_int_equal(c.ninvalid, 0);
	config_free(&c);
}

/* vyos-1x's defaults: interval 30, timeout 120; IKEv2's hold is at least
 * the interval; connection-type unset = initiate, respond = on traffic,
 * none = answers only; a peer named "@id" answers only. */
static void
test_defaults(void **state)
{
	const char *text = "set vpn ipsec ike-group V1 dead-peer-detection action restart\n"
			   "set vpn ipsec ike-group V2 key-exchange ikev2\n"
			   "set vpn ipsec ike-group V2 dead-peer-detection interval 20\n"
			   "set vpn ipsec ike-group NONE lifetime 3600\n"
			   "set vpn ipsec site-to-site peer a remote-address 198.51.100.1\n"
			   "set vpn ipsec site-to-site peer a ike-group V1\n"
			   "set vpn ipsec site-to-site peer b ike-group V2\n"
			   "set vpn ipsec site-to-site peer b connection-type respond\n"
			   "set vpn ipsec site-to-site peer c ike-group NONE\n"
			   "set vpn ipsec site-to-site peer c connection-type none\n"
			   "set vpn ipsec site-to-site peer @remote ike-group V1\n"
			   "set vpn ipsec site-to-site peer c force-udp-encapsulation\n";
	struct config c;

	(void)state;
	parse(text, strlen(text), &c);
	assert_int_equal(c.ngateways, 4);
	assert_int_equal(c.gateways[0].live.state, CONFIG_LIVE_ON);
	assert_int_equal(c.gateways[0].live.dead_after, 120);
	assert_int_equal(c.gateways[0].live.interval, 30);
	assert_int_equal(c.gateways[0].live.src.line, 1);
	assert_int_equal(c.gateways[0].dpd_action.v, CONFIG_ACT_RESTART);
	assert_int_equal(c.gateways[0].start.state, CONFIG_START_ALWAYS);
	assert_int_equal(c.gateways[0].start.src.line, 0);
	assert_int_equal(c.gateways[1].version.v, 2);
	assert_int_equal(c.gateways[1].live.dead_after, 20);
	assert_int_equal(c.gateways[1].live.exact, 0);
	assert_int_equal(c.gateways[1].start.state, CONFIG_START_ON_TRAFFIC);
	assert_int_equal(c.gateways[2].live.state, CONFIG_LIVE_OFF);
	assert_int_equal(c.gateways[2].start.state, CONFIG_START_NEVER);
	assert_int_equal(c.gateways[2].start.src.line, 10);
	assert_int_equal(c.gateways[2].natt.v, 1);
	assert_int_equal(c.gateways[2].natt.line, 12);
	assert_int_equal(c.gateways[3].start.state, CONFIG_START_NEVER);
	assert_int_equal(c.gateways[0].natt.line, 0);
	config_free(&c);
}

static void
test_invalid(void **state)
{
	const char *text = "set vpn ipsec ike-group G dead-peer-detection interval 1\n"    /* 1 */
			   "set vpn ipsec ike-group G dead-peer-detection action reboot\n" /* 2 */
			   "set vpn ipsec ike-group G key-exchange ikev3\n"                /* 3 */
			   "set vpn ipsec site-to-site peer p conection-type initiate\n"   /* 4 */
			   "set interfaces vti vti1 mtu 20000\n"                           /* 5 */
			   "set interfaces vti vti1 ip adjust-mss 100\n"                   /* 6 */
			   "set interfaces pppoe pppoe0 mtu 1600\n"                        /* 7 */
			   "set vpn ipsec site-to-site peer p ike-group MISSING\n";        /* 8 */
	static const struct {
		unsigned line;
		enum config_bad why;
		unsigned arg;
		long hi;
	} want[] = {
		{ 1, CONFIG_BAD_RANGE, 7, 86400 }, { 2, CONFIG_BAD_ARG, 7, 0 },
		{ 3, CONFIG_BAD_ARG, 6, 0 },       { 4, CONFIG_BAD_ARG, 6, 0 },
		{ 5, CONFIG_BAD_RANGE, 5, 16000 }, { 6, CONFIG_BAD_RANGE, 6, 65535 },
		{ 7, CONFIG_BAD_RANGE, 5, 1500 },
	};
	struct config c;
	char err[256];

	(void)state;
	assert_int_equal(config_parse(text, strlen(text), VENDOR_VYOS, &c, err, sizeof(err)), -1);
	assert_int_equal(c.ninvalid, COUNT(want));
	for (size_t i = 0; i < COUNT(want); i++) {
		if (c.invalid[i].line != want[i].line || c.invalid[i].why != want[i].why ||
		    c.invalid[i].arg != want[i].arg)
			fail_msg("invalid %zu: line %u why %d arg %u", i, c.invalid[i].line,
				 c.invalid[i].why, c.invalid[i].arg);
		if (want[i].hi)
			assert_int_equal(c.invalid[i].hi, want[i].hi);
	}
	assert_int_equal(c.nrefs, 1);
	assert_int_equal(c.refs[0].kind, CONFIG_REF_IKE_GROUP);
	assert_int_equal(c.refs[0].line, 8);
	config_free(&c);
}

/* policy-based: a peer's tunnels are one tunnel of the model, its first
 * prefixes the selectors; a pppoe MTU is the line MTU */
static void
test_policy_based(void **state)
{
	const char *text = "interfaces {\n"
			   "    pppoe pppoe0 {\n"
			   "        mtu 1454\n"
			   "    }\n"
			   "}\n"
			   "vpn {\n"
			   "    ipsec {\n"
			   "        site-to-site {\n"
			   "            peer 198.51.100.9 {\n"
			   "                tunnel 1 {\n"
			   "                    local {\n"
			   "                        prefix 10.1.0.0/16\n"
			   "                    }\n"
			   "                    remote {\n"
			   "                        prefix 10.2.0.0/16\n"
			   "                    }\n"
			   "                }\n"
			   "                tunnel 2 {\n"
			   "                    local {\n"
			   "                        prefix 10.3.0.0/16\n"
			   "                    }\n"
			   "                }\n"
			   "            }\n"
			   "        }\n"
			   "    }\n"
			   "}\n";
	struct config c;

	(void)state;
	parse(text, strlen(text), &c);
	assert_int_equal(c.ntunnels, 1);
	assert_string_equal(c.tunnels[0].name, "peer 198.51.100.9");
	assert_string_equal(c.tunnels[0].policy_name, "198.51.100.9 tunnel 1");
	assert_int_equal(c.gateways[0].local_id.addr, 0x0a010000u);
	assert_int_equal(c.gateways[0].local_id.plen, 16);
	assert_int_equal(c.gateways[0].local_id.line, 12);
	assert_int_equal(c.gateways[0].remote_id.addr, 0x0a020000u);
	assert_int_equal(c.line_src, CONFIG_LINE_PPPOE_IF);
	assert_int_equal(c.line_mtu.v, 1454);
	assert_int_equal(c.line_mtu.line, 3);
	config_free(&c);
}

static void
test_hub(void **state)
{
	size_t n = 400;
	struct textbuf text = { 0 };
	struct config c;

	(void)state;
	for (size_t i = 0; i < n; i++)
		textbuf_add(&text,
			    "set interfaces vti vti%zu mtu 1436\n"
			    "set vpn ipsec site-to-site peer p%zu remote-address 198.51.%zu.%zu\n"
			    "set vpn ipsec site-to-site peer p%zu vti bind vti%zu\n",
			    i, i, 100 + i / 250, 1 + i % 250, i, i);
	parse(text.buf, text.len, &c);
	assert_int_equal(c.ngateways, n);
	assert_int_equal(c.ntunnels, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(c.tunnels[i].gateway, (int)i);
	config_free(&c);
	free(text.buf);
}

/* Every proposal of an esp-group, by N whatever the order written, and a
 * tunnel's own esp-group over default-esp-group (vyos-1x
 * vpn-ipsec-tunnel.xml.i); an undefined one is a reference to nothing;
 * a list too long to keep is cut loudly (config_num.cut). */
static void
test_esp_lists(void **state)
{
	const char *text = "set vpn ipsec esp-group E proposal 2 encryption aes256\n"
			   "set vpn ipsec esp-group E proposal 2 hash sha512\n"
			   "set vpn ipsec esp-group E proposal 1 encryption aes128\n"
			   "set vpn ipsec esp-group E proposal 1 hash sha1\n"
			   "set vpn ipsec esp-group F proposal 1 encryption aes128gcm128\n"
			   "set vpn ipsec site-to-site peer P remote-address 198.51.100.9\n"
			   "set vpn ipsec site-to-site peer P default-esp-group E\n"
			   "set vpn ipsec site-to-site peer P tunnel 1 local prefix 10.1.0.0/24\n"
			   "set vpn ipsec site-to-site peer P tunnel 2 esp-group F\n"
			   "set vpn ipsec site-to-site peer P tunnel 2 local prefix 10.1.1.0/24\n"
			   "set vpn ipsec site-to-site peer P tunnel 3 esp-group NONE\n"
			   "set vpn ipsec site-to-site peer P tunnel 3 local prefix 10.1.2.0/24\n"
			   "set vpn ipsec site-to-site peer Q remote-address 198.51.100.10\n"
			   "set vpn ipsec site-to-site peer Q default-esp-group E\n"
			   "set vpn ipsec site-to-site peer Q tunnel 1 local prefix 10.2.0.0/24\n"
			   "set vpn ipsec site-to-site peer Q tunnel 2 esp-group F\n"
			   "set vpn ipsec site-to-site peer Q tunnel 2 local prefix 10.2.1.0/24\n";
	static const char vti_gone[] =
		"set vpn ipsec site-to-site peer P remote-address 198.51.100.9\n"
		"set vpn ipsec site-to-site peer P vti bind vti1\n"
		"set vpn ipsec site-to-site peer P vti esp-group GONE\n"
		"set interfaces vti vti1 mtu 1436\n";
	struct config c;
	struct textbuf big = { 0 };

	(void)state;
	parse(text, strlen(text), &c);
	assert_int_equal(c.ngateways, 2);
	/* P: tunnel 3's group is not defined: its ESP is not known, never a part */
	assert_string_equal(c.gateways[0].esp_text, "");
	assert_int_equal(c.nrefs, 1);
	assert_int_equal(c.refs[0].kind, CONFIG_REF_ESP_GROUP);
	assert_int_equal(c.refs[0].line, 11);
	assert_string_equal(c.refs[0].name, "NONE");
	/* Q: the default group's two proposals by N, then tunnel 2's group */
	assert_string_equal(c.gateways[1].esp_text, "aes128 sha1,aes256 sha512,aes128gcm128");
	assert_int_equal(c.gateways[1].esp.line, 3);
	assert_int_equal(c.gateways[1].esp.cut, 0);
	config_free(&c);
	/* 40 proposals do not fit: cut, and said so */
	for (int i = 1; i <= 40; i++)
		textbuf_add(&big, "set vpn ipsec esp-group E proposal %d encryption aes256\n", i);
	textbuf_add(&big, "set vpn ipsec site-to-site peer P remote-address 198.51.100.9\n"
			  "set vpn ipsec site-to-site peer P default-esp-group E\n"
			  "set vpn ipsec site-to-site peer P vti bind vti1\n");
	parse(big.buf, big.len, &c);
	assert_int_equal(c.gateways[0].esp.cut, 1);
	assert_true(strlen(c.gateways[0].esp_text) > 0);
	config_free(&c);
	/* vti esp-group naming no esp-group: a reference to nothing too */
	parse(vti_gone, strlen(vti_gone), &c);
	assert_int_equal(c.nrefs, 1);
	assert_int_equal(c.refs[0].kind, CONFIG_REF_ESP_GROUP);
	assert_int_equal(c.refs[0].line, 3);
	config_free(&c);
	free(big.buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aws_both_forms), cmocka_unit_test(test_13),
		cmocka_unit_test(test_defaults),       cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_policy_based),   cmocka_unit_test(test_hub),
		cmocka_unit_test(test_esp_lists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
