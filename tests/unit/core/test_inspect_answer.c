/* SPDX-License-Identifier: BSD-2-Clause */
/* inspect's answer (core/inspect_answer.c) alone: each row is what became
 * of some DF probes to one target, in the order a capture shows them, and
 * the verdict with its numbers. The expected values follow from the rules
 * in inspect_answer.h (the largest size answered is the floor; a "too big"
 * bounds it by its believable MTU, else by the size it refused minus one;
 * silence is reported, never proof), worked out by hand, not by the code
 * under test. Sizes are IP packet sizes: `ping -M do -s 1372` sends 1400. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/inspect_answer.h"

#define MAXOBS 12
#define A(s) \
	{ \
		(s), INSPECT_ANSWERED, 0 \
	}
#define PTB(s, m) \
	{ \
		(s), INSPECT_TOO_BIG, (m) \
	}
#define SIL(s) \
	{ \
		(s), INSPECT_SILENT, 0 \
	}
#define ERR(s) \
	{ \
		(s), INSPECT_OTHER_ERROR, 0 \
	}

struct row {
	const char *name;
	int family, complete;
	struct inspect_obs obs[MAXOBS]; /* ends at the first size 0 */
	struct inspect_answer want;
};

#define WANT(v, m, up, tb, tbm, slo, shi, sn, above) \
	{ \
		(v), (m), (up), (tb), (tbm), (slo), (shi), (sn), (above) \
	}

/* clang-format off */
static const struct row rows[] = {
	/* The lab's hand-stepped runs (tests/cli/captures/record-handstep.sh): -s 1472 1372
	 * 1373 1422 1400 1372 over a 1400 link; every "too big" says 1400, the smallest
	 * size refused (1401, index 2) is the one named. */
	{ "ptb: six hand-stepped runs", 4, 1,
	  { PTB(1500, 1400), A(1400), PTB(1401, 1400), PTB(1450, 1400), PTB(1428, 1400), A(1400) },
	  WANT(INSPECT_EXACT, 1400, 0, 2, 1400, 0, 0, 0, 0) },
	{ "ptb: only a larger size refused, but its MTU is the floor", 4, 1,
	  { A(1400), PTB(1500, 1400) },
	  WANT(INSPECT_EXACT, 1400, 0, 1, 1400, 0, 0, 0, 0) },
	{ "ptb: an old router's 'too big' without MTU, at floor + 1", 4, 1,
	  { A(1400), PTB(1401, 0) },
	  WANT(INSPECT_EXACT, 1400, 0, 1, 0, 0, 0, 0, 0) },
	/* The same runs with the "too big"s dropped (a PMTU black hole). */
	{ "silence: six hand-stepped runs", 4, 1,
	  { SIL(1500), A(1400), SIL(1401), SIL(1450), SIL(1428), A(1400) },
	  WANT(INSPECT_EXACT_SILENCE, 1400, 0, -1, 0, 1401, 1500, 4, 0) },
	{ "silence: cut short, so it counts for nothing", 4, 0,
	  { SIL(1500), A(1400), SIL(1401), SIL(1450), SIL(1428), A(1400) },
	  WANT(INSPECT_AT_LEAST, 1400, 0, -1, 0, 0, 0, 0, 0) },
	{ "mixed, out of order: silence below a 'too big'", 4, 1,
	  { A(1300), PTB(1500, 1492), A(1350), SIL(1480), A(1420), SIL(1460) },
	  WANT(INSPECT_AT_LEAST, 1420, 1459, -1, 0, 1460, 1480, 2, 0) },
	{ "mixed, out of order: a gap up to a 'too big' without MTU", 4, 1,
	  { PTB(1492, 0), A(1000), A(1200) },
	  WANT(INSPECT_AT_LEAST, 1200, 1491, 0, 0, 0, 0, 0, 0) },
	{ "mixed: the lowest bound wins, not the first 'too big'", 4, 1,
	  { A(1300), PTB(1500, 1480), PTB(1460, 1440), PTB(1450, 0) },
	  WANT(INSPECT_AT_LEAST, 1300, 1440, 2, 1440, 0, 0, 0, 0) },
	{ "nothing tried above the floor", 4, 1,
	  { A(1200), A(1400), SIL(1300) },
	  WANT(INSPECT_AT_LEAST, 1400, 0, -1, 0, 0, 0, 0, 0) },
	{ "duplicates: a lost ping among answered ones is not silence", 4, 1,
	  { SIL(1400), A(1400), A(1400), SIL(1401), SIL(1401) },
	  WANT(INSPECT_EXACT_SILENCE, 1400, 0, -1, 0, 1401, 1401, 1, 0) },
	{ "duplicates: the first of equal 'too big's is named", 4, 1,
	  { A(1400), PTB(1401, 1400), PTB(1401, 1400), A(1400) },
	  WANT(INSPECT_EXACT, 1400, 0, 1, 1400, 0, 0, 0, 0) },
	{ "duplicates: an unreachable at a size is not silence there", 4, 1,
	  { A(1400), SIL(1401), ERR(1401) },
	  WANT(INSPECT_AT_LEAST, 1400, 0, -1, 0, 0, 0, 0, 0) },
	{ "contradiction: answered above the MTU a 'too big' reported", 4, 1,
	  { PTB(1401, 1400), A(1400), A(1450) },
	  WANT(INSPECT_CONTRADICTION, 0, 0, 0, 1400, 0, 0, 0, 1450) },
	{ "contradiction: answered at the very size refused", 4, 1,
	  { PTB(1450, 0), A(1450) },
	  WANT(INSPECT_CONTRADICTION, 0, 0, 0, 0, 0, 0, 0, 1450) },
	{ "a 'too big' whose MTU is not below the size it refused", 4, 1,
	  { A(1400), PTB(1450, 1500) },
	  WANT(INSPECT_AT_LEAST, 1400, 1449, 1, 0, 0, 0, 0, 0) },
	{ "only 'too big's: at most what it reports", 4, 1,
	  { PTB(1500, 1400), SIL(1400) },
	  WANT(INSPECT_AT_MOST, 0, 1400, 0, 1400, 1400, 1400, 1, 0) },
	{ "nothing answered, no 'too big'", 4, 1,
	  { SIL(1500), SIL(1400), ERR(1300), SIL(1500) },
	  WANT(INSPECT_NOTHING, 0, 0, -1, 0, 1400, 1500, 2, 0) },
	{ "nothing at all", 4, 1, { { 0 } }, WANT(INSPECT_NOTHING, 0, 0, -1, 0, 0, 0, 0, 0) },
	/* IPv6: no link is below 1280 (RFC 8200 sec. 5), so a "too big" reporting less
	 * bounds by its size alone; IPv4 believes the same MTU (RFC 791: 68). */
	{ "ipv6: 1280 answered, 1281 too big with 1280", 6, 1,
	  { PTB(1281, 1280), A(1280) },
	  WANT(INSPECT_EXACT, 1280, 0, 0, 1280, 0, 0, 0, 0) },
	{ "ipv6: a 'too big' reporting 1000 is bounded by its size", 6, 1,
	  { A(1400), PTB(1500, 1000) },
	  WANT(INSPECT_AT_LEAST, 1400, 1499, 1, 0, 0, 0, 0, 0) },
	{ "ipv4: the same 'too big' is believed, and contradicted", 4, 1,
	  { A(1400), PTB(1500, 1000) },
	  WANT(INSPECT_CONTRADICTION, 0, 0, 1, 1000, 0, 0, 0, 1400) },
	{ "ipv6: silence above the floor", 6, 1,
	  { A(1454), SIL(1500), SIL(1455) },
	  WANT(INSPECT_EXACT_SILENCE, 1454, 0, -1, 0, 1455, 1500, 2, 0) },
};
/* clang-format on */

static size_t
count(const struct inspect_obs *o)
{
	size_t n = 0;

	while (n < MAXOBS && o[n].size)
		n++;
	return n;
}

static void
test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		const struct inspect_answer *w = &r->want;
		struct inspect_answer a;

		memset(&a, 0x5a, sizeof(a));
		inspect_answer(r->obs, count(r->obs), r->family, r->complete, &a);
		print_message("%s\n", r->name);
		assert_int_equal(a.verdict, w->verdict);
		assert_int_equal(a.mtu, w->mtu);
		assert_int_equal(a.upper, w->upper);
		assert_int_equal(a.too_big, w->too_big);
		assert_int_equal(a.too_big_mtu, w->too_big_mtu);
		assert_int_equal(a.silent_lo, w->silent_lo);
		assert_int_equal(a.silent_hi, w->silent_hi);
		assert_int_equal(a.silent_sizes, w->silent_sizes);
		assert_int_equal(a.answered_above, w->answered_above);
	}
}

/* Every size, every outcome: linear, and the silence scan ends in range. */
static void
test_every_size(void **state)
{
	static struct inspect_obs obs[65536 * 2];
	struct inspect_answer a;
	size_t n = 0;

	(void)state;
	for (uint32_t s = 1; s < 65536; s++) {
		obs[n++] = (struct inspect_obs){ s, INSPECT_SILENT, 0 };
		if (s <= 1400)
			obs[n++] = (struct inspect_obs){ s, INSPECT_ANSWERED, 0 };
	}
	obs[n++] = (struct inspect_obs){ 70000, INSPECT_SILENT, 0 }; /* out of range: ignored */
	inspect_answer(obs, n, 4, 1, &a);
	assert_int_equal(a.verdict, INSPECT_EXACT_SILENCE);
	assert_int_equal(a.mtu, 1400);
	assert_int_equal(a.silent_lo, 1401);
	assert_int_equal(a.silent_hi, 65535);
	assert_int_equal(a.silent_sizes, 65535 - 1400);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_every_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
