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
	loc.r.why = LOCATE_WHY_DROPPED;
	loc.r.last_ttl = 1;
	loc.r.last = loc.l.obs[1][1].from;
	loc.r.silent_ttl = 2;
	loc.r.silent = loc.l.obs[2][0].from;
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
		"          => located: big packets reach hop 1 (192.0.2.1) and never hop 2 "
		"(198.51.100.2): they are dropped on the way out of that hop or on the link after "
		"it, with no 'too big' reaching us\n");
	free(text);
}

/* Every code has words, in text and in --json alike (the C locale: the
 * English msgids), and --json's "reason" is locate_words()'s English. */
static void
test_every_why(void **state)
{
	static struct locate_run loc;

	(void)state;
	loc.r.last_ttl = 3;
	loc.r.last.family = 4;
	loc.r.last.a[0] = 192, loc.r.last.a[2] = 2, loc.r.last.a[3] = 3;
	loc.r.silent_ttl = 4;
	loc.r.next_ttl = 6;
	loc.r.why_ttl = 5;
	loc.r.why_tries = 1;
	loc.r.attempts = 3;
	loc.r.ptb_mtu = 1400;
	for (int w = LOCATE_WHY_PTB; w <= LOCATE_WHY_INTERRUPTED; w++) {
		char en[LOCATE_WORDS_LEN], here[LOCATE_WORDS_LEN], *text = NULL, want[700];
		size_t len = 0;
		FILE *f;

		loc.r.why = (enum locate_why)w;
		locate_words(&loc.r, 0, en, sizeof(en));
		locate_words(&loc.r, 1, here, sizeof(here));
		print_message("  %d: %s\n", w, en);
		assert_true(strlen(en) > 20);
		assert_null(strstr(en, "%"));
		assert_string_equal(here, en); /* LC_ALL unset in tests: no catalogue */
		assert_non_null(f = open_memstream(&text, &len));
		render_locate_json(f, &loc, NULL, 1);
		fclose(f);
		snprintf(want, sizeof(want), ",\"locate\":{\"located\":false,\"reason\":\"%s\",",
			 en);
		if (strncmp(text, want, strlen(want)) != 0)
			fail_msg("code %d: %s", w, text);
		free(text);
	}
	/* the numbers are the code's */
	{
		char en[LOCATE_WORDS_LEN];

		loc.r.why = LOCATE_WHY_UNCONFIRMED;
		locate_words(&loc.r, 0, en, sizeof(en));
		assert_string_equal(en, "not located: stopped before hop 5's silence was confirmed "
					"(1 of 3 tries)");
		loc.r.why = LOCATE_WHY_PTB;
		loc.r.last_ttl = 0;
		locate_words(&loc.r, 0, en, sizeof(en));
		assert_string_equal(en,
				    "not a black hole: big packets leave this host, and this "
				    "host's own interface answers 'too big', MTU 1400, for them");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_target_once),
		cmocka_unit_test(test_every_why),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
