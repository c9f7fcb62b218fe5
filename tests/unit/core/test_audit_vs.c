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
	memset(&r, 0, sizeof r);
	memset(&v, 0, sizeof v);
	for (int i = 0; i < NT; i++) {
		snprintf(ct[i].name, sizeof ct[i].name, "tunnel%d", i + 1);
		at[i].index = i;
		at[i].mtu = i % 2 ? 1438 : 1400;   /* odd ones above the 1400 measured */
	}
	cfg.tunnels = ct;
	cfg.ntunnels = NT;
	r.cfg = &cfg;
	r.tunnels = at;
	r.ntunnels = NT;
	r.line_mtu = 1454;
	r.line_from = (struct audit_line_from){ AUDIT_LINE_CONFIG, NULL, "pp0", 3, "ip pp mtu 1454", 0 };
	for (int round = 0; round < 2; round++) {   /* a watch reuses the lines */
		audit_vs_measured(&r, 1454, 1400, &v);
		/* the WAN line, "the configuration has 40 tunnels", one per tunnel */
		assert_int_equal(v.n, 2 + NT);
		assert_int_equal(v.disagree, NT / 2);
		assert_int_equal(v.dropped, 0);
		/* codes in core, the English (as --json has it) from render */
		assert_int_equal(v.lines[0].code, VS_WAN_AGREES);
		audit_say_words(&v.lines[0], 0, line, sizeof line);
		assert_string_equal(line, "the configuration's line MTU 1454 (pp0, line 3: ip pp mtu 1454) "
				    "agrees with the measured WAN path MTU");
		assert_int_equal(v.lines[v.n - 1].code, VS_TUNNEL_ABOVE);
		audit_say_words(&v.lines[v.n - 1], 0, line, sizeof line);
		snprintf(want, sizeof want, "tunnel%d: MTU 1438 (configured) is above", NT);
		assert_non_null(strstr(line, want));
	}
	audit_vs_free(&v);
	assert_null(v.lines);
}

int
main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_every_tunnel) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
