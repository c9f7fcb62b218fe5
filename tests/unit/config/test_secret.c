/* SPDX-License-Identifier: BSD-2-Clause */
/* Pre-shared keys as keyed digests (config/secret.c) and as each parser
 * reads them (RTX, IX, swanctl, AWS JSON): equal keys give equal digests,
 * different keys different ones, whatever form the key is written in; the
 * parsed model holds no byte of the key; a key line's text is quoted
 * without the key. Keys and addresses are made up (RFC 5737). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "config/config.h"
#include "config/config_int.h"
#include "config/peer.h"

#define KEY "k3y-under-test-0123"

/* Digest equality for the forms a key is written in. */
static const struct {
	const char *a, *b;
	int equal;
} forms[] = {
	{ KEY, KEY, 1 },
	{ KEY, "k3y-under-test-0124", 0 },
	{ KEY, "\"" KEY "\"", 1 }, /* swanctl's quoted string */
	{ "0x6b6579", "key", 1 },  /* hex bytes: "key" */
	{ "0x6B6579", "key", 1 },
	{ "0x6b657", "0x6b657", 1 }, /* odd length: the text itself */
	{ "0x6b6579", "0x6b6578", 0 },
	{ "", "", 1 },
	{ "a", "b", 0 },
};

static void
test_forms(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		struct config_secret a, b;
		assert_int_equal(config_secret_text(forms[i].a, &a), 0);
		assert_int_equal(config_secret_text(forms[i].b, &b), 0);
		if (config_secret_equal(&a, &b) != forms[i].equal)
			fail_msg("'%s' vs '%s': equal %d, want %d", forms[i].a, forms[i].b,
				 config_secret_equal(&a, &b), forms[i].equal);
	}
}

/* Not set, base64, and the digest is not the key. */
static void
test_unset(void **state)
{
	struct config_secret a, b;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	assert_int_equal(config_secret_equal(&a, &b), 0);       /* neither set: not equal */
	assert_int_equal(config_secret_text("0sa2V5", &a), -1); /* base64: not read */
	assert_int_equal(a.set, 0);
	assert_int_equal(config_secret_digest(KEY, strlen(KEY), &a), 0);
	assert_null(memmem(a.digest, sizeof(a.digest), KEY, 4));
}

/* No byte run of the key (4 or more) anywhere in the parsed model. */
static void
no_key_in(const void *p, size_t n)
{
	if (!p || !n) /* an empty table holds no key (memmem takes no NULL) */
		return;
	assert_null(memmem(p, n, KEY, 4));
	assert_null(memmem(p, n, &KEY[4], 4));
	assert_null(memmem(p, n, &KEY[8], 4));
}

struct router_case {
	const char *name;
	const char *text;
	const char *gateway; /* whose psk must be set */
	unsigned line;
};

/* clang-format off */
static const struct router_case routers[] = {
	{ "RTX text",
	  "tunnel select 1\n ipsec tunnel 1\n  ipsec sa policy 1 1 esp aes-cbc sha-hmac\n"
	  "  ipsec ike pre-shared-key 1 text " KEY "\n  ipsec ike remote address 1 198.51.100.1\n"
	  " tunnel enable 1\ntunnel select none\nipsec auto refresh on\n", "1", 4 },
	{ "IX IKEv2",
	  "ikev2 authentication psk id ipv4 198.51.100.1 key char " KEY "\n"
	  "interface Tunnel0.0\n  tunnel mode ipsec-ikev2\n  ip address 169.254.255.2/30\n"
	  "  ikev2 connect-type auto\n  ikev2 peer 198.51.100.1 authentication psk id ipv4 198.51.100.1\n"
	  "  no shutdown\n!\n", "198.51.100.1", 1 },
	{ "swanctl",
	  "connections {\n  aws1 {\n    version = 2\n    remote_addrs = 198.51.100.1\n"
	  "    children {\n      aws1 {\n        esp_proposals = aes128-sha1\n"
	  "        start_action = start\n      }\n    }\n  }\n}\n"
	  "secrets {\n  ike-1 {\n    id = 198.51.100.1\n    secret = \"" KEY "\"\n  }\n}\n", "aws1", 16 },
};
/* clang-format on */

static void
test_routers(void **state)
{
	struct config_secret want;

	(void)state;
	assert_int_equal(config_secret_digest(KEY, strlen(KEY), &want), 0);
	for (size_t i = 0; i < sizeof(routers) / sizeof(routers[0]); i++) {
		struct config c;
		char err[256];
		int g;
		memset(&c, 0, sizeof(c));
		if (config_parse(routers[i].text, strlen(routers[i].text), -1, &c, err,
				 sizeof(err)) < 0)
			fail_msg("%s: %s", routers[i].name, err);
		g = config_gateway_find(&c, routers[i].gateway);
		if (g < 0)
			fail_msg("%s: no gateway %s", routers[i].name, routers[i].gateway);
		if (!config_secret_equal(&c.gateways[g].psk, &want) ||
		    c.gateways[g].psk.line != routers[i].line)
			fail_msg("%s: psk set %d line %u, want the key from line %u",
				 routers[i].name, c.gateways[g].psk.set, c.gateways[g].psk.line,
				 routers[i].line);
		no_key_in(c.gateways, c.ngateways * sizeof(*c.gateways));
		no_key_in(c.tunnels, c.ntunnels * sizeof(*c.tunnels));
		no_key_in(c.invalid, c.ninvalid * sizeof(*c.invalid));
		no_key_in(c.refs, c.nrefs * sizeof(*c.refs));
		no_key_in(&c, sizeof(c));
		config_free(&c);
	}
}

/* AWS's PreSharedKey: the same digest as the router's key; the model holds no byte of it. */
static void
test_aws(void **state)
{
	static const char doc[] =
		"{\"VpnConnections\": [{\"VpnConnectionId\": \"vpn-0a1b2c3d4e5f67890\", \"Options\": "
		"{\"TunnelOptions\": [{\"OutsideIpAddress\": \"198.51.100.1\", \"PreSharedKey\": \"" KEY
		"\"},"
		"{\"OutsideIpAddress\": \"198.51.100.2\"}]}}]}";
	struct peer_config p;
	struct config_secret want;
	struct peer_error err;

	(void)state;
	assert_int_equal(config_secret_digest(KEY, strlen(KEY), &want), 0);
	if (peer_parse(doc, sizeof(doc) - 1, &p, &err) < 0)
		fail_msg("refused: code %d", (int)err.code);
	assert_int_equal(p.ntunnels, 2);
	assert_true(config_secret_equal(&p.tunnels[0].psk, &want));
	assert_int_equal(p.tunnels[1].psk.set, 0);
	no_key_in(p.tunnels, p.ntunnels * sizeof(*p.tunnels));
	no_key_in(p.conns, p.nconns * sizeof(*p.conns));
	peer_free(&p);
}

/* Passwords the audit does not read: no finding quotes their lines today
 * (the RTX grammar takes them as unread commands), but the text every
 * parser keeps of a line loses the secret all the same, so a later
 * grammar that quotes one cannot leak it; the tokens keep it. */
static void
test_passwords(void **state)
{
	static const char *const lines[] = {
		"pp auth myname user " KEY,
		"pp auth username user " KEY " myname",
		"login password " KEY,
		"administrator password " KEY,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		struct cfg_reader r = { lines[i], strlen(lines[i]), 0, 0, "#" };
		struct cfg_line l;
		assert_int_equal(cfg_next(&r, &l), 1);
		no_key_in(l.text, strlen(l.text));
		assert_non_null(strstr(l.text, "(key not printed)"));
		assert_string_equal(l.tok[l.ntok - 1 - (i == 1)], KEY);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),     cmocka_unit_test(test_unset),
		cmocka_unit_test(test_routers),   cmocka_unit_test(test_aws),
		cmocka_unit_test(test_passwords),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
