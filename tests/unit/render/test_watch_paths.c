/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --interval's round line and its changes (cli/watch.c) name every
 * tunnel target, the ones after the first included: their MTU and their
 * changes are not left out (issue 23). Addresses from RFC 5737. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli/watch.h"
#include "probe/engine.h"

static char *
round_text(struct watch *w, const struct report *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	watch_account(w, r);
	watch_round(w, r, 0, 0, f);
	fclose(f);
	return buf;
}

static void
has(const char *text, const char *what)
{
	if (!strstr(text, what))
		fail_msg("no '%s' in:\n%s", what, text);
}

static void
test_second_tunnel(void **state)
{
	struct probe_run wan = { .stop = PROBE_STOP_DONE, .pmtu = 1454, .verified = true };
	struct probe_run t1 = { .stop = PROBE_STOP_DONE, .pmtu = 1390, .verified = true };
	struct probe_run t2 = { .stop = PROBE_STOP_DONE, .pmtu = 1380, .verified = true };
	struct report_probe rp = {
		.wan_target = "198.51.100.2",
		.tunnel_target = "203.0.113.2",
		.wan = &wan,
		.tunnel = &t1,
		.tunnel_vs_model = -1,
		.nmore = 1,
	};
	struct report r = { .command = "probe", .probe = &rp };
	struct watch w = { .prev_verdict = -1 };
	char *t;

	(void)state;
	rp.more[0] = (struct report_tunnel){ .target = "203.0.113.6", .run = &t2, .vs_model = -1 };
	t = round_text(&w, &r);
	has(t, ": WAN 198.51.100.2 1454; tunnel 203.0.113.2 1390; tunnel 203.0.113.6 1380\n");
	free(t);
	t2.pmtu = 1370;
	t2.verified = false;
	t = round_text(&w, &r);
	has(t, "; tunnel 203.0.113.6 1370 NOT verified\n");
	has(t, "  changed: tunnel2 pmtu 1380 -> 1370\n");
	has(t, "  changed: tunnel2 verified true -> false\n");
	assert_null(strstr(t, "changed: tunnel pmtu"));
	free(t);
	assert_int_equal(w.prom.last_mtu[2], 1370);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_second_tunnel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
