/* SPDX-License-Identifier: BSD-2-Clause */
/* audit.c's findings and notes are codes and arguments (issue 22): the
 * English words render/audit_words.c makes of them are --json's "message"
 * and "notes", so each kind of argument is checked against the sentence
 * the check used to format itself, plural forms included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "render/audit_out.h"

static const char *
words(const struct audit_say *w)
{
	static char buf[AUDIT_MSG];

	audit_say_words(w, 0, buf, sizeof(buf));
	return buf;
}

static void
test_plural(void **state)
{
	struct audit_say w = { .code = NOTE_INCLUDE,
			       .arg = { { .kind = AA_NUM, .n = 3 },
					{ .kind = AA_STR, .s = "include a.conf" },
					{ .kind = AA_NUM, .n = 1 } } };

	(void)state;
	assert_string_equal(words(&w),
			    "line 3: include a.conf: included files are not read (1 include line); "
			    "audit each on its own");
	w.arg[2].n = 2;
	assert_string_equal(
		words(&w), "line 3: include a.conf: included files are not read (2 include lines); "
			   "audit each on its own");
}

/* A quote is the say's own copy; a word is a phrase by code, "" for W_NONE;
 * a phrase is a table's English. */
static void
test_kinds(void **state)
{
	struct audit_say w = { .code = SAY_SELECTORS,
			       .arg = { { .kind = AA_QUOTE },
					{ .kind = AA_NUM, .n = 40 },
					{ .kind = AA_WORD, .n = W_SELECTOR_DEFAULT },
					{ .kind = AA_PHRASE, .s = "dynamic (test)" } } };

	(void)state;
	snprintf(w.quote, sizeof(w.quote), "169.254.10.1");
	assert_string_equal(
		words(&w),
		"BGP neighbour 169.254.10.1 (line 40) is reached through this tunnel, but "
		"the traffic selector default is dynamic (test), narrower than 0.0.0.0/0 both ways: "
		"IPsec comes up and BGP never does, because its packets fall outside the SA");
	w = (struct audit_say){ .code = SAY_INITIATES,
				.arg = { { .kind = AA_STR, .s = "AWS" },
					 { .kind = AA_WORD, .n = W_NONE } } };
	assert_string_equal(words(&w),
			    "the router initiates toward AWS, which should only be answered "
			    "(field-observed with an RTX, not documented)");
}

/* Where the line MTU came from: a code and its pieces (audit_result
 * line_from), the English --json's line_mtu_from has always printed, and
 * the same words inside a say that names it (AA_FROM). */
static void
test_line_from(void **state)
{
	struct audit_line_from f = { AUDIT_LINE_GIVEN, NULL, NULL, 0, NULL, 0 };
	struct audit_say w = { .code = SAY_MTU_ABOVE_MODEL,
			       .arg = { { .kind = AA_NUM, .n = 1400 },
					{ .kind = AA_WORD, .n = W_NONE },
					{ .kind = AA_NUM, .n = 1390 },
					{ .kind = AA_NUM, .n = 1460 },
					{ .kind = AA_FROM, .from = &f },
					{ .kind = AA_STR, .s = "aes128-sha1" } } };
	char buf[256];

	(void)state;
	audit_line_from_words(&f, 0, buf, sizeof(buf));
	assert_string_equal(buf, "given on the command line");
	f.given = "--wan-mtu";
	audit_line_from_words(&f, 0, buf, sizeof(buf));
	assert_string_equal(buf, "--wan-mtu");
	f = (struct audit_line_from){ AUDIT_LINE_CONFIG, NULL, "pp1", 24, "ip pp mtu 1454", 1454 };
	audit_line_from_words(&f, 0, buf, sizeof(buf));
	assert_string_equal(buf, "pp1, line 24: ip pp mtu 1454");
	f = (struct audit_line_from){ AUDIT_LINE_CONFIG_4IN6,       NULL, "tunnel1", 33,
				      "tunnel encapsulation map-e", 1460 };
	audit_line_from_words(&f, 0, buf, sizeof(buf));
	assert_string_equal(
		buf, "tunnel1, line 33: tunnel encapsulation map-e, no ip tunnel mtu, so 1460");
	assert_string_equal(
		words(&w),
		"tunnel MTU 1400 is above the 1390 that a line MTU of 1460 (tunnel1, "
		"line 33: tunnel encapsulation map-e, no ip tunnel mtu, so 1460) carries with ESP "
		"aes128-sha1: full-size packets are fragmented after encryption or dropped");
	f.src = AUDIT_LINE_NONE;
	audit_line_from_words(&f, 0, buf, sizeof(buf));
	assert_string_equal(buf, "");
}

/* No code, an unknown code, missing arguments: empty or empty words, never
 * a read past the table. */
static void
test_bad(void **state)
{
	struct audit_say w = { .code = SAY_NONE };
	char small[8];

	(void)state;
	assert_string_equal(words(&w), "");
	w.code = SAY_COUNT + 5;
	assert_string_equal(words(&w), "");
	w = (struct audit_say){ .code = SAY_NATT_OFF };
	assert_string_equal(words(&w),
			    "NAT-T is , and  requires it on the customer gateway: IPsec comes up "
			    "and no traffic flows");
	w.arg[0] = (struct audit_arg){ .kind = AA_WORD, .n = W_COUNT + 3 };
	assert_string_equal(words(&w),
			    "NAT-T is , and  requires it on the customer gateway: IPsec comes up "
			    "and no traffic flows");
	/* a buffer too small: cut, and the cut said by "..." */
	audit_say_words(&w, 0, small, sizeof(small));
	assert_string_equal(small, "NAT-...");
}

/* A sentence longer than the buffer ends in "...", cut inside an argument
 * or the format alike, never inside a UTF-8 character (RFC 3629). */
static void
test_cut(void **state)
{
	struct audit_say w = { .code = NOTE_INCLUDE,
			       .arg = { { .kind = AA_NUM, .n = 3 },
					{ .kind = AA_STR,
					  .s = "include \xe3\x81\x82\xe3\x81\x84.conf" },
					{ .kind = AA_NUM, .n = 1 } } };
	char buf[24], fits[200];

	(void)state;
	audit_say_words(&w, 0, buf, 20); /* "line 3: include " + kana */
	assert_string_equal(buf, "line 3: include ...");
	audit_say_words(&w, 0, buf, 23); /* the first kana fits whole */
	assert_string_equal(buf, "line 3: include \xe3\x81\x82...");
	audit_say_words(&w, 0, fits, sizeof(fits));
	assert_null(strstr(fits, "..."));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plural),    cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_line_from), cmocka_unit_test(test_bad),
		cmocka_unit_test(test_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
