/* SPDX-License-Identifier: BSD-2-Clause */
/* ipsec.conf (config/ipsecconf.c), table-driven: every sample under
 * tests/audit/configs and tests/fuzz/corpus-config is detected as the
 * format its name says and as no other (ipsec.conf samples refused by every
 * other grammar, every other sample refused by ipsec.conf's); then the
 * facts one conn carries after also= and %default, the dialect, template
 * conns, also= cycles and undefined names, placeholders, and a chain of
 * 20,000 also= (no recursion). Files are read from MTUPROBE_SRCDIR.
 * Addresses are RFC 5737 documentation addresses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/config.h"
#include "base/count.h"

#include "samples.h"
#include "detect_table.h"

static struct config cfg;

/* Never another format: ipsec.conf, FortiOS, Junos and VyOS samples refused
 * by the other grammars, the others refused by those four's (the newest
 * parsers: the older ones were checked against each other when they came). */
static int
newer(int v)
{
	return v == VENDOR_IPSECCONF || v == VENDOR_FORTIGATE || v == VENDOR_JUNOS ||
	       v == VENDOR_VYOS;
}

static int
refuse_newer(int want, int v)
{
	return newer(v) || newer(want);
}

static void
test_detect_table(void **state)
{
	unsigned n_of[VENDOR_COUNT] = { 0 };

	(void)state;
	/* 45 and 40 files today; fewer means the directory was not read */
	assert_true(detect_samples("tests/audit/configs", refuse_newer, n_of) >= 40);
	assert_true(detect_samples("tests/fuzz/corpus-config", refuse_newer, n_of) >= 35);
	assert_true(n_of[VENDOR_IPSECCONF] >= 15);
}

static int
parse(const char *text)
{
	char err[256];
	int r = config_parse(text, strlen(text), VENDOR_IPSECCONF, &cfg, err, sizeof(err));

	if (r < 0)
		print_message("%s\n", err);
	return r;
}

static const char chain[] = "config setup\n"             /* 1 */
			    "\tuniqueids=no\n"           /* 2 */
			    "conn %default\n"            /* 3 */
			    "\tdpddelay=15\n"            /* 4 */
			    "\tauto=add\n"               /* 5 */
			    "conn base\n"                /* 6: template (auto from %default: add) */
			    "\tdpdaction=clear\n"        /* 7 */
			    "\tleftsubnet=10.1.0.0/16\n" /* 8 */
			    "\tforceencaps=yes\n"        /* 9 */
			    "conn mid\n"                 /* 10: a template, auto not set */
			    "\talso=base\n"              /* 11 */
			    "\tesp=aes256-sha256-modp2048!\n"       /* 12 */
			    "conn tun   # the one that is loaded\n" /* 13 */
			    "\talso=mid\n"                          /* 14 */
			    "\tdpdaction = restart\n"               /* 15: own beats also= */
			    "\tright=198.51.100.7\n"                /* 16 */
			    "\tauto=start\n"                        /* 17 */
			    "\tkeyexchange=ikev1\n"                 /* 18 */
			    "include /etc/ipsec.d/*.conf\n"         /* 19: said, not followed */
			    "include /etc/ipsec.d/aws.conf\n";      /* 20 */

static void
test_inheritance(void **state)
{
	const struct config_gateway *g;

	(void)state;
	assert_int_equal(parse(chain), 0);
	assert_int_equal(cfg.dialect, CONFIG_DIALECT_STRONGSWAN);
	/* base has auto=add from %default: loaded; mid (auto unset... from
	 * %default too) is loaded as well: only an unset or ignore auto makes
	 * a template */
	assert_int_equal(config_gateway_find(&cfg, "tun") >= 0, 1);
	g = &cfg.gateways[config_gateway_find(&cfg, "tun")];
	assert_int_equal(g->dpd_action.line, 15);
	assert_int_equal(g->dpd_action.v, CONFIG_ACT_RESTART);
	assert_int_equal(g->start_action.line, 17);
	assert_int_equal(g->refresh.v, 1);
	assert_int_equal(g->version.v, 1);
	assert_int_equal(g->natt.line, 9);
	assert_int_equal(g->natt.v, 1);
	assert_int_equal(g->local_id.line, 8);
	assert_int_equal(g->local_id.plen, 16);
	assert_int_equal(g->remote_id.line, 0);
	assert_int_equal(g->remote_addr.addr, 0xc6336407u);
	assert_string_equal(g->esp_text, "aes256-sha256-modp2048");
	assert_int_equal(g->keepalive.v, CONFIG_ON);
	assert_int_equal(g->ka_interval, 15);
	assert_int_equal(cfg.tunnels[config_tunnel_find(&cfg, "tun")].dpd.line, 4);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.nrefs, 0);
	assert_int_equal(cfg.include.line, 19);
	assert_int_equal(cfg.include.v, 2);
	config_free(&cfg);
}

/* Templates (named by also=, auto unset) are no connections; a Libreswan
 * key makes the file Libreswan's, whose DPD is dpddelay's. */
static void
test_templates_and_dialect(void **state)
{
	static const char t[] = "conn aws-base\n"                    /* 1 */
				"\tdpddelay=10\n"                    /* 2 */
				"\tdpdtimeout=30\n"                  /* 3 */
				"\tphase2alg=aes128-sha1;modp1024\n" /* 4 */
				"\tikev2=no\n"                       /* 5 */
				"conn t1\n"                          /* 6 */
				"\talso=aws-base\n"                  /* 7 */
				"\tauto=start\n"                     /* 8 */
				"\tleftvti=169.254.10.2/30\n"        /* 9 */
				"\tmtu=1400\n"                       /* 10 */
				"conn t2\n"                          /* 11 */
				"\talso=aws-base\n"                  /* 12 */
				"\tdpdtimeout=0\n"                   /* 13 */
				"\tauto=route\n";                    /* 14 */

	(void)state;
	assert_int_equal(parse(t), 0);
	assert_int_equal(cfg.dialect, CONFIG_DIALECT_LIBRESWAN);
	assert_int_equal(cfg.ngateways, 2);
	assert_int_equal(cfg.ntunnels, 2);
	assert_int_equal(config_gateway_find(&cfg, "aws-base"), -1);
	assert_string_equal(cfg.gateways[0].name, "t1");
	assert_int_equal(cfg.tunnels[0].gateway, 0);
	assert_int_equal(cfg.tunnels[1].gateway, 1);
	assert_int_equal(cfg.gateways[0].keepalive.v, CONFIG_ON);
	assert_int_equal(cfg.gateways[0].version.v, 1);
	assert_string_equal(cfg.gateways[0].esp_text, "aes128-sha1-modp1024");
	assert_int_equal(cfg.tunnels[0].inside.line, 9);
	assert_int_equal(cfg.tunnels[0].inside.plen, 30);
	assert_int_equal(cfg.tunnels[0].mtu.v, 1400);
	/* IKEv1 with dpdtimeout=0: Libreswan runs no DPD */
	assert_int_equal(cfg.gateways[1].keepalive.v, CONFIG_OFF);
	assert_int_equal(cfg.gateways[1].start_action.v, CONFIG_ACT_TRAP);
	assert_int_equal(cfg.gateways[1].refresh.v, 1);
	config_free(&cfg);
}

/* Bad shapes: each one line, each said once. */
static const struct {
	const char *text;
	unsigned line;
	enum config_bad why; /* CONFIG_BAD_* or, for a ref, 99 */
} bad[] = {
	{ "dpddelay=10\nconn a\n\tauto=start\n", 1, CONFIG_BAD_SCOPE },
	{ "conn a\n\tauto=start\nconn\n\tright=192.0.2.1\n", 3, CONFIG_BAD_MISSING },
	{ "conn a\n\tauto=sometimes\n", 2, CONFIG_BAD_ARG },
	{ "conn a\n\tdpddelay=soon\n", 2, CONFIG_BAD_ARG },
	{ "conn a\n\tmtu=20\n", 2, CONFIG_BAD_RANGE },
	{ "conn a\n\tfrobnicate=1\n", 2, CONFIG_BAD_COMMAND },
	{ "conn a\n\tcharondebug=all\n", 2, CONFIG_BAD_SCOPE },
	{ "conn a\n\talso=b\n\tauto=start\nconn b\n\talso=a\n\tauto=start\n", 5, CONFIG_BAD_CYCLE },
	{ "conn a\n\talso=a\n\tauto=start\n", 2, CONFIG_BAD_CYCLE },
	{ "conn a\n\tauto=start\n\talso=nowhere\n", 3, (enum config_bad)99 },
};

static void
test_bad_shapes(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(bad); i++) {
		print_message("row %zu\n", i);
		assert_int_equal(parse(bad[i].text), 0);
		if (bad[i].why == (enum config_bad)99) {
			assert_int_equal(cfg.ninvalid, 0);
			assert_int_equal(cfg.nrefs, 1);
			assert_int_equal(cfg.refs[0].line, bad[i].line);
			assert_int_equal(cfg.refs[0].kind, CONFIG_REF_ALSO);
			assert_string_equal(cfg.refs[0].name, "nowhere");
			assert_int_equal(cfg.refs[0].tunnel, 0);
		} else {
			assert_int_equal(cfg.ninvalid, 1);
			assert_int_equal(cfg.invalid[0].line, bad[i].line);
			assert_int_equal(cfg.invalid[0].why, bad[i].why);
		}
		config_free(&cfg);
	}
}

/* Placeholders are listed and make the values they stand for unknown. */
static void
test_placeholders(void **state)
{
	static const char t[] = "conn Tunnel1\n"
				"\tauto=start\n"
				"\tleftsubnet=<LOCAL NETWORK>\n"
				"\tright=${vpn_tunnel_ip_address}\n"
				"\tdpdaction=${action}\n";

	(void)state;
	assert_int_equal(parse(t), 0);
	assert_int_equal(cfg.ninvalid, 0);
	assert_int_equal(cfg.nplaceholders, 3);
	assert_int_equal(cfg.gateways[0].local_id.tmpl, 1);
	assert_int_equal(cfg.gateways[0].remote_addr.tmpl, 1);
	assert_int_equal(cfg.gateways[0].dpd_action.tmpl, 1);
	assert_int_equal(cfg.gateways[0].keepalive.tmpl, 1);
	config_free(&cfg);
}

/* 20,000 conns, each also= the next: the walk is iterative (an explicit
 * stack, not the C stack), and linear. */
static void
test_long_chain(void **state)
{
	size_t n = 20000, cap = n * 40 + 64, k = 0;
	char *buf = malloc(cap);
	char err[256];

	(void)state;
	assert_non_null(buf);
	k += (size_t)snprintf(buf + k, cap - k, "conn c0\n\tauto=start\n\talso=c1\n");
	for (size_t i = 1; i < n; i++)
		k += (size_t)snprintf(buf + k, cap - k, "conn c%zu\n\talso=c%zu\n", i, i + 1);
	k += (size_t)snprintf(buf + k, cap - k, "conn c%zu\n\tdpdaction=restart\n", n);
	assert_int_equal(config_parse(buf, k, VENDOR_IPSECCONF, &cfg, err, sizeof(err)), 0);
	/* c0 is named by nobody: loaded; c1..cn are templates (no auto: an
	 * auto= along the chain would be inherited, and load them all) */
	assert_int_equal(cfg.ngateways, 1);
	assert_int_equal(cfg.ntunnels, 1);
	assert_string_equal(cfg.gateways[0].name, "c0");
	assert_int_equal(cfg.gateways[0].dpd_action.v, CONFIG_ACT_RESTART);
	assert_int_equal(cfg.gateways[0].refresh.v, 1);
	config_free(&cfg);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect_table),          cmocka_unit_test(test_inheritance),
		cmocka_unit_test(test_templates_and_dialect), cmocka_unit_test(test_bad_shapes),
		cmocka_unit_test(test_placeholders),          cmocka_unit_test(test_long_chain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
