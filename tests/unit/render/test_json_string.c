/* SPDX-License-Identifier: BSD-2-Clause */
/* json_string(): always valid JSON and valid UTF-8 (RFC 8259 8.1), whatever
 * bytes a file name or a host name carries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "render/render.h"

static void
expect(const char *in, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	json_string(f, in);
	fclose(f);
	print_message("%s\n", buf);
	assert_string_equal(buf, want);
	free(buf);
}

static void
test_escapes(void **state)
{
	(void)state;
	expect("plain", "\"plain\"");
	expect("a\"b\\c", "\"a\\\"b\\\\c\"");
	expect("line\nnext\ttab\x1b[31m", "\"line\\nnext\\u0009tab\\u001b[31m\"");
	expect("del\x7f", "\"del\\u007f\"");
	/* valid UTF-8 passes through: é (2 bytes), 日 (3), 😀 (4) */
	expect("caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80",
	       "\"caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80\"");
	/* Latin-1 é, a lone continuation byte, an overlong '/', a surrogate,
	 * above U+10FFFF, a sequence cut by the end: each bad byte -> U+FFFD */
	expect("caf\xe9", "\"caf\\ufffd\"");
	expect("\x80x", "\"\\ufffdx\"");
	expect("\xc0\xaf", "\"\\ufffd\\ufffd\"");
	expect("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	expect("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	expect("end\xe6\x97", "\"end\\ufffd\\ufffd\"");
	/* Shift_JIS (RTX configs carry it): not UTF-8 */
	expect("\x83\x65\x83\x58\x83\x67", "\"\\ufffde\\ufffdX\\ufffdg\"");
}

int
main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_escapes) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
