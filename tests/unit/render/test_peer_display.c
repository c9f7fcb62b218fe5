/* SPDX-License-Identifier: BSD-2-Clause */
/* A peer profile's display is worded at the edge (issue 22): a product's
 * name is printed as written in any language, a description (the generic
 * peer) is render's words; in English they must stay core/presets.c's
 * display, which --json and the audit's arguments carry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/model.h"
#include "render/render.h"

/* every profile, by the names calc --peer and audit --peer list */
static void
test_english_is_core_display(void **state)
{
	char names[512], *save = NULL;
	int n = 0;

	(void)state;
	model_peer_names(names, sizeof(names));
	for (char *name = strtok_r(names, ", ", &save); name; name = strtok_r(NULL, ", ", &save)) {
		const struct peer_def *p = model_peer(name);

		assert_non_null(p);
		assert_string_equal(render_peer_display(p, 0), p->display);
		n++;
	}
	assert_true(n >= 4);
}

/* A product's name is the row's own string, never a catalogue's. */
static void
test_names_are_not_worded(void **state)
{
	const struct peer_def *aws = model_peer("aws");

	(void)state;
	assert_int_equal(aws->display_kind, PEER_DISPLAY_NAME);
	assert_ptr_equal(render_peer_display(aws, 1), aws->display);
}

/* The generic peer describes: render words it (its English is the row's;
 * the linker may merge the two literals, so no pointer is compared). */
static void
test_generic_is_worded(void **state)
{
	const struct peer_def *g = model_peer("generic");

	(void)state;
	assert_int_equal(g->display_kind, PEER_DISPLAY_UNKNOWN);
	assert_string_equal(render_peer_display(g, 0), "a peer of unknown behaviour");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english_is_core_display),
		cmocka_unit_test(test_names_are_not_worded),
		cmocka_unit_test(test_generic_is_worded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
