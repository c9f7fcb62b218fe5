/* SPDX-License-Identifier: BSD-2-Clause */
/* One case of a cmocka test alone: CMOCKA_TEST_FILTER='*overflow*' meson
 * test -C build verdict runs only the cases whose names match (cmocka's
 * wildcards, cmocka_set_test_filter). Linked into every unit test through
 * cmocka_dep (tests/unit/meson.build), so no test's main needs to know. A
 * filter that matches nothing runs no case: cmocka then prints "0 test(s)
 * run", which is not a pass of anything. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

__attribute__((constructor)) static void
test_filter(void)
{
	const char *p = getenv("CMOCKA_TEST_FILTER");

	if (p && *p)
		cmocka_set_test_filter(p);
}
