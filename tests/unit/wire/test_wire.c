/* SPDX-License-Identifier: BSD-2-Clause */
/* The wire unit tests: one binary, five cmocka groups. */
#include "wire_test.h"

int
main(void)
{
	int failed = 0;

	failed += wire_build_tests();
	failed += wire_parse_tests();
	failed += wire_robust_tests();
	failed += wire_l4_tests();
	failed += wire_foreign_tests();
	return failed ? 1 : 0;
}
