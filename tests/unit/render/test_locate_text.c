/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --locate in text: after the first TTL the target answered, every
 * later TTL reaches it too; the report says so in one line, not one line
 * per TTL (issue 20: 15 identical "target reached" lines). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "probe/locate.h"
#include "render/render.h"

static void
set_obs(struct locate_obs *o, enum locate_heard h, unsigned tries, const char *v4)
{
	o->heard = h;
	o->tries = tries;
	if (v4) {
		unsigned b[4];
		assert_int_equal(sscanf(v4, "%u.%u.%u.%u", &b[0], &b[1], &b[2], &b[3]), 4);
		o->from.family = 4;
		for (int i = 0; i < 4; i++)
			o->from.a[i] = (uint8_t)b[i];
	}
}

static void
test_target_once(void **state)
{
	static struct locate_run loc;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	loc.l.max_hops = 18;
	loc.l.attempts = 4;
	loc.l.target_ttl = 3;
	loc.small = 1454;
	loc.large = 1455;
	loc.probes_sent = 40;
	set_obs(&loc.l.obs[1][0], LOCATE_HOP, 1, "192.0.2.1");
	set_obs(&loc.l.obs[1][1], LOCATE_HOP, 1, "192.0.2.1");
	set_obs(&loc.l.obs[2][0], LOCATE_HOP, 1, "198.51.100.2");
	set_obs(&loc.l.obs[2][1], LOCATE_NOTHING, 4, NULL);
	for (unsigned t = 3; t <= 18; t++) {
		set_obs(&loc.l.obs[t][0], LOCATE_TARGET, 1, "203.0.113.2");
		set_obs(&loc.l.obs[t][1], LOCATE_NOTHING, 1, NULL);
	}
	loc.r.found = true;
	snprintf(loc.r.reason, sizeof(loc.r.reason), "big packets reach hop 1");
	assert_non_null(f = open_memstream(&text, &len));
	render_locate_text(f, &loc, NULL);
	fclose(f);
	assert_string_equal(
		text,
		"          --locate: TTL-limited probes of 1454 and 1455 bytes, 40 probes in 0.00 s\n"
		"            hop 1  192.0.2.1                    1454: time exceeded  1455: time exceeded\n"
		"            hop 2  198.51.100.2                 1454: time exceeded  1455: no answer (4 tries)\n"
		"            hop 3  203.0.113.2                  1454: target reached 1455: no answer\n"
		"            hops 4 to 18: the same, answered by the target\n"
		"          => located: big packets reach hop 1\n");
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_target_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
