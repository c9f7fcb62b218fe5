/* SPDX-License-Identifier: BSD-2-Clause */
/* inspect_answer: see inspect_answer.h. One pass over the observations for
 * the floor and the lowest "too big" bound, a bitmap per size for silence
 * (a size is silent only if nothing at all came back for it, in any of the
 * runs: one lost ping among answered ones is loss, not silence), then a scan
 * of the sizes above the floor. Linear in n, and 16 kB of stack whatever
 * the input: a hostile capture can hold every one of the 65536 sizes. */
#include "core/inspect_answer.h"
#include "base/ip.h"

#include <string.h>

#define NSIZE 65536u /* IP packet sizes are 16 bits (no jumbograms here) */
#define WORDS (NSIZE / 64)

/* Sizes that got something back, and sizes that got silence at least once. */
struct bits {
	uint64_t heard[WORDS];
	uint64_t silent[WORDS];
};

static void
set(uint64_t *b, uint32_t size)
{
	if (size < NSIZE)
		b[size / 64] |= (uint64_t)1 << (size % 64);
}

static int
get(const uint64_t *b, uint32_t size)
{
	return size < NSIZE && (b[size / 64] >> (size % 64) & 1);
}

/* The MTU a "too big" reports, if a link can have it and it is below the
 * size refused (else the report says nothing the refusal did not). */
static uint32_t
believed_mtu(const struct inspect_obs *o, int family)
{
	uint32_t floor = ip_min_mtu(family);

	return o->mtu >= floor && o->mtu < o->size ? o->mtu : 0;
}

/* The largest size a "too big" allows across. */
static uint32_t
bound(const struct inspect_obs *o, int family)
{
	uint32_t m = believed_mtu(o, family);

	return m ? m : o->size - 1;
}

/* Silence above lo (exclusive) and up to hi (inclusive; 0: no limit). */
static void
scan_silence(const struct bits *b, uint32_t lo, uint32_t hi, struct inspect_answer *a)
{
	uint32_t top = hi && hi < NSIZE ? hi : NSIZE - 1;

	for (uint32_t s = lo + 1; s <= top && s > lo; s++) {
		if (!b->silent[s / 64]) {
			s |= 63; /* a word with no silence at all: skip it whole */
			continue;
		}
		if (!get(b->silent, s) || get(b->heard, s))
			continue;
		if (!a->silent_lo)
			a->silent_lo = s;
		a->silent_hi = s;
		a->silent_sizes++;
	}
}

/* With a floor (largest answered) of l: exact, on silence, or at least. */
static void
with_floor(const struct bits *b, uint32_t l, long best, uint32_t bnd, struct inspect_answer *a)
{
	a->mtu = l;
	if (best >= 0 && bnd == l) {
		a->verdict = INSPECT_EXACT;
		a->too_big = best;
		return;
	}
	scan_silence(b, l, best >= 0 ? bnd : 0, a);
	if (a->silent_lo == l + 1) {
		a->verdict = INSPECT_EXACT_SILENCE;
		return;
	}
	a->verdict = INSPECT_AT_LEAST;
	if (a->silent_lo) {
		a->upper = a->silent_lo - 1;
	} else if (best >= 0) {
		a->upper = bnd;
		a->too_big = best;
	}
}

void
inspect_answer(const struct inspect_obs *obs, size_t n, int family, int complete,
	       struct inspect_answer *out)
{
	static const struct inspect_answer none = { .too_big = -1 };
	struct bits b;
	uint32_t l = 0, bnd = 0;
	long best = -1;

	*out = none;
	memset(&b, 0, sizeof(b));
	for (size_t i = 0; i < n; i++) {
		const struct inspect_obs *o = &obs[i];

		if (o->size == 0)
			continue;
		if (o->outcome == INSPECT_SILENT) {
			if (complete)
				set(b.silent, o->size);
			continue;
		}
		set(b.heard, o->size);
		if (o->outcome == INSPECT_ANSWERED && o->size > l)
			l = o->size;
		if (o->outcome != INSPECT_TOO_BIG)
			continue;
		/* The lowest bound; between equal ones, the smallest size refused. */
		if (best < 0 || bound(o, family) < bnd ||
		    (bound(o, family) == bnd && o->size < obs[best].size)) {
			best = (long)i;
			bnd = bound(o, family);
		}
	}
	if (best >= 0)
		out->too_big_mtu = believed_mtu(&obs[best], family);
	if (l && best >= 0 && l > bnd) {
		out->verdict = INSPECT_CONTRADICTION;
		out->too_big = best;
		out->answered_above = l;
	} else if (l) {
		with_floor(&b, l, best, bnd, out);
	} else if (best >= 0) {
		out->verdict = INSPECT_AT_MOST;
		out->upper = bnd;
		out->too_big = best;
		scan_silence(&b, 0, bnd, out);
	} else {
		out->verdict = INSPECT_NOTHING;
		scan_silence(&b, 0, 0, out);
	}
	if (out->too_big < 0)
		out->too_big_mtu = 0;
}
