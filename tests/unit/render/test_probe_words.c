/* SPDX-License-Identifier: BSD-2-Clause */
/* The probe's confidence is a code and its numbers (issue 22): the English
 * words render/probe_words.c makes from them are --json's "confidence", a
 * contract, so each code is checked against the sentence the engine used
 * to write itself; and the text report's "NOT verified:" says the leading
 * "not verified" once, with no cutting of sentences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "probe/engine.h"
#include "render/render.h"

static const char *
words(const struct probe_run *r, int lead_said)
{
	static char buf[PROBE_WORDS_LEN];

	probe_confidence_words(r, 0, lead_said, buf, sizeof(buf));
	return buf;
}

static struct probe_run
run_of(enum probe_why why, struct search_reason s)
{
	struct probe_run r = { .stop = PROBE_STOP_DONE };

	r.confidence.why = why;
	r.confidence.search = s;
	return r;
}

static void
test_search_codes(void **state)
{
	static const struct {
		struct search_reason s;
		const char *want;
	} cases[] = {
		{ { .why = SEARCH_WHY_ICMP, .lo = 1454, .passes = 2, .hi = 1455, .fails = 2 },
		  "1454 passed x2; 1455 too big (PTB) x2, silent x0" },
		{ { .why = SEARCH_WHY_ICMP,
		    .weak = true,
		    .lo = 1454,
		    .passes = 3,
		    .hi = 1455,
		    .fails = 4,
		    .silent = 1 },
		  "1454 passed x3; 1455 too big (weak PTB) x4, silent x1" },
		{ { .why = SEARCH_WHY_AT_MAX,
		    .not_verified = true,
		    .lo = 1500,
		    .passes = 2,
		    .contradicted = 2 },
		  "not verified: 1500 (the largest size tried) passed x2: path MTU is at least 1500; "
		  "2 PTBs contradicted by replies" },
		{ { .why = SEARCH_WHY_SILENT_MIN, .lo = 68 },
		  "could not measure: no reply even at 68 bytes" },
		{ { .why = SEARCH_WHY_TOO_BIG_MIN, .lo = 1280 },
		  "could not measure: even 1280 bytes is too big" },
		{ { .why = SEARCH_WHY_NONE_PASSED, .hi = 1499 },
		  "no size passed yet; path MTU <= 1499" },
		{ { .why = SEARCH_WHY_BETWEEN, .lo = 1400, .hi = 1454 },
		  "path MTU between 1400 and 1454" },
		{ { .why = SEARCH_WHY_LOCAL, .lo = 1400, .passes = 2, .hi = 1401 },
		  "1400 passed x2; 1401 exceeds the first-hop MTU" },
		{ { .why = SEARCH_WHY_SILENCE,
		    .lo = 1454,
		    .passes = 2,
		    .hi = 1455,
		    .fails = 3,
		    .loss = 0.05,
		    .p_wrong = 3.2e-5,
		    .contradicted = 1,
		    .disputed = 3 },
		  "1454 passed x2; 1455 silent x3 at 5% loss (P(wrong) 3e-05); 1 PTB contradicted by "
		  "replies; 3 probes drew disagreeing PTBs" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct probe_run r = run_of(PROBE_WHY_SEARCH, cases[i].s);

		assert_string_equal(words(&r, 0), cases[i].want);
	}
}

/* The stop is said first; "not verified" is left out only where it leads. */
static void
test_prefixes(void **state)
{
	struct search_reason nv = {
		.why = SEARCH_WHY_BETWEEN, .not_verified = true, .lo = 1400, .hi = 1454
	};
	struct search_reason at = { .why = SEARCH_WHY_AT_MAX, .lo = 1400, .passes = 2 };
	struct probe_run r = run_of(PROBE_WHY_SEARCH, nv);

	(void)state;
	assert_string_equal(words(&r, 0), "not verified: path MTU between 1400 and 1454");
	assert_string_equal(words(&r, 1), "path MTU between 1400 and 1454");
	r.stop = PROBE_STOP_INTERRUPTED;
	assert_string_equal(words(&r, 1),
			    "interrupted: not verified: path MTU between 1400 and 1454");
	r.stop = PROBE_STOP_MAX_PROBES;
	assert_string_equal(words(&r, 0),
			    "probe budget spent: not verified: path MTU between 1400 and 1454");
	r.stop = PROBE_STOP_ERROR;
	assert_string_equal(words(&r, 0), "error: not verified: path MTU between 1400 and 1454");
	r = run_of(PROBE_WHY_BOUNDED, at);
	assert_string_equal(words(&r, 0), "not verified: bounded by --max: 1400 (the largest size "
					  "tried) passed x2: path MTU is at least 1400");
	assert_string_equal(words(&r, 1),
			    "bounded by --max: 1400 (the largest size tried) passed x2: "
			    "path MTU is at least 1400");
	at.not_verified = true;
	r = run_of(PROBE_WHY_BOUNDED, at);
	assert_string_equal(words(&r, 1), "bounded by --max: not verified: 1400 (the largest size "
					  "tried) passed x2: path MTU is at least 1400");
}

static void
test_unreachable_and_none(void **state)
{
	struct probe_run r = { .stop = PROBE_STOP_UNREACHABLE };

	(void)state;
	assert_string_equal(words(&r, 0), "");
	r.confidence.why = PROBE_WHY_UNREACH;
	assert_string_equal(words(&r, 0),
			    "could not measure: destination unreachable (ICMP from ?)");
	r.confidence.from.family = 4;
	memcpy(r.confidence.from.a, (uint8_t[]){ 192, 0, 2, 1 }, 4);
	assert_string_equal(words(&r, 0),
			    "could not measure: destination unreachable (ICMP from 192.0.2.1)");
}

/* A buffer too small cuts the words, never writes past it. */
static void
test_small_buffer(void **state)
{
	struct probe_run r =
		run_of(PROBE_WHY_BOUNDED,
		       (struct search_reason){ .why = SEARCH_WHY_AT_MAX, .lo = 1400, .passes = 2 });
	char buf[12];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	probe_confidence_words(&r, 0, 0, buf, 8);
	assert_string_equal(buf, "not ver");
	assert_int_equal(buf[8], 'x');
}

/* The engine's warnings are codes too: the English is what the engine wrote. */
static void
test_warnings(void **state)
{
	struct probe_warning w = { .kind = PROBE_WARN_PTB_DISPUTED, .n = { 1500, 1400, 1454 } };
	char buf[PROBE_WARN_LEN];

	(void)state;
	w.who.family = w.other.family = 4;
	memcpy(w.who.a, (uint8_t[]){ 192, 0, 2, 1 }, 4);
	memcpy(w.other.a, (uint8_t[]){ 192, 0, 2, 9 }, 4);
	probe_warning_words(&w, 0, buf, sizeof(buf));
	assert_string_equal(
		buf,
		"PTBs for one 1500-byte probe disagree (192.0.2.1: mtu 1400, 192.0.2.9: mtu 1454): "
		"one is forged");
	w = (struct probe_warning){ .kind = PROBE_WARN_ICMP,
				    .n = { 1400, PROBE_TIME_EXCEEDED, 0 } };
	probe_warning_words(&w, 0, buf, sizeof(buf));
	assert_string_equal(buf, "time exceeded from ? for a 1400-byte probe");
	w = (struct probe_warning){ .kind = PROBE_WARN_HINTS_DROPPED,
				    .n = { 70000, SEARCH_MAX_SIZES, 0 } };
	probe_warning_words(&w, 0, buf, sizeof(buf));
	assert_string_equal(
		buf, "70000 reported MTUs were not probed exactly: PTBs named more different MTUs "
		     "than one run keeps (512 sizes); the search decided without them");
	/* the longest sender still fits in the engine's old text */
	w = (struct probe_warning){ .kind = PROBE_WARN_PTB_CONTRADICTED, .n = { 1500, 0, 0 } };
	w.who.family = 6;
	memset(w.who.a, 0x20, 16);
	probe_warning_words(&w, 0, buf, sizeof(buf));
	assert_string_equal(
		buf,
		"PTB from 2020:2020:2020:2020:2020:2020:2020:2020 said 1500 bytes was too big, "
		"yet that probe's echo reply came back: forged (RFC 5927) or an unstable path");
}

/* probe --config --esp that differs: the sentence the command line used to
 * build itself, now worded from its pieces (issue 22). */
static void
test_esp_differs(void **state)
{
	char buf[512];
	struct esp_differs e = { .given = "aes256gcm16",
				 .config = "aes128-sha1",
				 .given_natt = 1,
				 .config_natt = 0,
				 .tunnel = "tunnel1" };

	(void)state;
	probe_esp_differs_words(&e, 0, buf, sizeof(buf));
	assert_string_equal(
		buf, "--esp aes256gcm16 --nat-t differs from the configuration's aes128-sha1 "
		     "(tunnel1): the change set uses the configuration's");
	e = (struct esp_differs){
		.given = "aes128-sha1", .config = "aes128-sha1", .config_natt = 1, .tunnel = "pp1"
	};
	probe_esp_differs_words(&e, 0, buf, sizeof(buf));
	assert_string_equal(
		buf, "--esp aes128-sha1 differs from the configuration's aes128-sha1 with NAT-T "
		     "(pp1): the change set uses the configuration's");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_warnings),     cmocka_unit_test(test_search_codes),
		cmocka_unit_test(test_prefixes),     cmocka_unit_test(test_unreachable_and_none),
		cmocka_unit_test(test_small_buffer), cmocka_unit_test(test_esp_differs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
