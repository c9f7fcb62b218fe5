/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --config against the measurement (core/audit_measured.c): every
 * tunnel of a many-tunnel site is compared. The lines were a fixed table of
 * 16: a site of 20 tunnels lost the comparisons (and disagreements) of the
 * last ones without a word (issue 20). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/audit.h"
#include "render/audit_out.h"

#define NT 40

static void
test_every_tunnel(void **state)
{
	static struct config cfg;
	static struct config_tunnel ct[NT];
	static struct audit_tunnel at[NT];
	struct audit_result r;
	struct audit_vs v;
	char want[64], line[AUDIT_MSG];

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&v, 0, sizeof(v));
	for (int i = 0; i < NT; i++) {
		snprintf(ct[i].name, sizeof(ct[i].name), "tunnel%d", i + 1);
		at[i].index = i;
		at[i].mtu = i % 2 ? 1438 : 1400; /* odd ones above the 1400 measured */
	}
	cfg.tunnels = ct;
	cfg.ntunnels = NT;
	r.cfg = &cfg;
	r.tunnels = at;
	r.ntunnels = NT;
	r.line_mtu = 1454;
	r.line_from =
		(struct audit_line_from){ AUDIT_LINE_CONFIG, NULL, "pp0", 3, "ip pp mtu 1454", 0 };
	for (int round = 0; round < 2; round++) { /* a watch reuses the lines */
		audit_vs_measured(&r, 1454, 1400, &v);
		/* the WAN line, "the configuration has 40 tunnels", one per tunnel */
		assert_int_equal(v.n, 2 + NT);
		assert_int_equal(v.disagree, NT / 2);
		assert_int_equal(v.dropped, 0);
		/* codes in core, the English (as --json has it) from render */
		assert_int_equal(v.lines[0].code, VS_WAN_AGREES);
		audit_say_words(&v.lines[0], 0, line, sizeof(line));
		assert_string_equal(
			line, "the configuration's line MTU 1454 (pp0, line 3: ip pp mtu 1454) "
			      "agrees with the measured WAN path MTU");
		assert_int_equal(v.lines[v.n - 1].code, VS_TUNNEL_ABOVE);
		audit_say_words(&v.lines[v.n - 1], 0, line, sizeof(line));
		snprintf(want, sizeof(want), "tunnel%d: MTU 1438 (configured) is above", NT);
		assert_non_null(strstr(line, want));
	}
	audit_vs_free(&v);
	assert_null(v.lines);
}

/* Every other comparison, as --json's vs_measured has printed it. */
static void
test_each_sentence(void **state)
{
	static struct config cfg;
	static struct config_tunnel ct[2];
	static struct audit_tunnel at[2];
	struct audit_result r;
	struct audit_vs v;
	char line[AUDIT_MSG];
	static const char *const want[] = {
		"the configuration's line MTU 1454 (given on the command line) is below the 1500 that "
		"crosses the WAN: safe, 46 bytes unused",
		"the configuration has 2 tunnels; each is compared with the one tunnel path measured",
		"t1: MTU 1280 (the default) is below the 1400 measured through the tunnel: either the probe "
		"did not cross this tunnel, or the router's own tunnel MTU is not what limits it",
		"t2: MTU 1400 (configured) agrees with the 1400 measured through the tunnel",
		"t2: the MSS clamp 1387 (line 9) is above the 1360 that fits the 1400 measured through the "
		"tunnel: TCP segments that size do not cross (field case 1)",
	};

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&v, 0, sizeof(v));
	snprintf(ct[0].name, sizeof(ct[0].name), "t1");
	snprintf(ct[1].name, sizeof(ct[1].name), "t2");
	ct[1].mss = (struct config_num){ .v = CONFIG_MSS_NUM, .line = 9 };
	ct[1].mss_value = 1387;
	at[0] = (struct audit_tunnel){ .index = 0, .mtu = 1280, .mtu_default = 1 };
	at[1] = (struct audit_tunnel){ .index = 1, .mtu = 1400 };
	cfg.tunnels = ct;
	cfg.ntunnels = 2;
	r.cfg = &cfg;
	r.tunnels = at;
	r.ntunnels = 2;
	r.line_mtu = 1454;
	r.line_from = (struct audit_line_from){ AUDIT_LINE_GIVEN, NULL, NULL, 0, NULL, 0 };
	audit_vs_measured(&r, 1500, 1400, &v);
	assert_int_equal(v.n, sizeof(want) / sizeof(want[0]));
	assert_int_equal(v.disagree, 2);
	for (size_t i = 0; i < v.n; i++) {
		audit_say_words(&v.lines[i], 0, line, sizeof(line));
		assert_string_equal(line, want[i]);
	}
	r.line_mtu = 0; /* no line MTU in the file; then one above the path */
	audit_vs_measured(&r, 1500, 0, &v);
	audit_say_words(&v.lines[0], 0, line, sizeof(line));
	assert_string_equal(
		line, "the configuration does not give the line MTU; the measured WAN path MTU "
		      "1500 is used");
	r.line_mtu = 1500;
	r.line_from.given = "--wan-mtu";
	audit_vs_measured(&r, 1454, 0, &v);
	assert_int_equal(v.disagree, 1);
	audit_say_words(&v.lines[0], 0, line, sizeof(line));
	assert_string_equal(
		line,
		"the configuration's line MTU 1500 (--wan-mtu) is above the 1454 that "
		"crosses the WAN: something on the path is smaller than the line; set it to 1454");
	audit_vs_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_every_tunnel),
					    cmocka_unit_test(test_each_sentence) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
