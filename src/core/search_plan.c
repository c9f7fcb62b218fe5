/* SPDX-License-Identifier: BSD-2-Clause */
/* search_plan: which sizes to send next (search_next()), from the view that
 * search.c derives from the evidence. The reasoning behind the order is in
 * search.c's header; here, how the copies are counted:
 * - Every planner asks for "want, less what is in flight or already in this
 *   plan" (emit_upto()), so an engine that takes one size per call and asks
 *   again after each send gets the same probes as one that takes the whole
 *   plan (issue 10: copies asked for under loss used to leave one at a time).
 * - Where the plan already knows what it will need, it asks at once: a
 *   reported MTU with its re-checks and those of one byte more, one byte
 *   above a common MTU with the silences the loss model will want (RFC 4821
 *   sec. 7.3 on probing by size, RFC 1191 sec. 7 on plateaus). */
#include "core/search_int.h"
#include "base/count.h"

#include <stdlib.h>
#include <string.h>

/* Common link and tunnel MTUs, searched first ("plateaus", RFC 1191
 * section 7, which suggests the same idea for routers that report MTU 0).
 * min and max are always added. */
/* clang-format off */
static const unsigned plateaus[] = {
	1500, /* Ethernet (RFC 894) */
	1492, /* PPPoE over Ethernet, 1500 - 8 (RFC 2516); KDDI lines */
	1480, /* IPv4-in-IPv6 / 6in4 over Ethernet (1500 - 20); field case 1 */
	1460, /* MAP-E / DS-Lite IPoE, IPv4 in IPv6 (1500 - 40) */
	1454, /* Flet's PPPoE (doc/field-cases.md) */
	1446, /* AWS Site-to-Site VPN maximum (doc/vendor-syntax.md) */
	1438, /* Flet's Hikari Premium West; AWS CBC or GCM+NAT-T */
	1436, /* AWS sample tunnel MTU (generic, SRX, Check Point) */
	1422, /* AWS CBC + NAT-T, SHA2-384/512 */
	1420, /* WireGuard default (1500 - 80, IPv6 outer) */
	1400, /* common tunnel default; strongSwan libipsec TUN (doc/lab-notes.md) */
	1380, /* conservative IPsec-over-PPPoE setting (product issue's table) */
	1280, /* IPv6 minimum link MTU (RFC 8200); Yamaha RTX tunnel default */
	1006, /* SLIP / ARPANET (RFC 1191 table 7-1) */
	576,  /* X.25; IPv4 minimum reassembly size (RFC 791) */
};
/* clang-format on */

#define NPLATEAUS COUNT(plateaus)
#define PASS_MISS \
	0.1 /* send enough copies of a "should pass" probe that
			 * all being lost is < 10% likely: saves a timeout */
#define PASS_COPIES_MAX 4

#define PLAN_MAX \
	256 /* search_next_urgent()'s first buffer for the whole plan,
			 * before it drops the hedges (far more than max_inflight,
			 * 32); a longer plan is made again in a larger one */

/* Output buffer of search_next(). */
struct plan {
	unsigned *out;
	bool *hedge; /* per entry: a hedge (search_next_urgent()); may be NULL */
	size_t max, n;
	unsigned fresh; /* new sizes planned (table capacity) */
	unsigned room;  /* free entries in the size table */
	bool hedging;   /* what emit() marks the entries it adds as */
};

static unsigned
pass_copies(const struct view *v)
{
	double l = v->samples ? (double)v->lost / v->samples : 0.0;
	double miss = l;
	unsigned j = 1;

	while (miss >= PASS_MISS && j < PASS_COPIES_MAX) {
		miss *= l;
		j++;
	}
	return j;
}

static void
emit(const struct search *s, struct plan *pl, unsigned size, unsigned copies)
{
	if (size < s->p.min || size > s->p.max)
		return;
	if (!search_entry(s, size)) {
		for (size_t i = 0; i < pl->n; i++)
			if (pl->out[i] == size)
				goto known;
		if (pl->fresh >= pl->room)
			return;
		pl->fresh++;
	}
known:
	while (copies-- && pl->n < pl->max) {
		if (pl->hedge)
			pl->hedge[pl->n] = pl->hedging;
		pl->out[pl->n++] = size;
	}
}

/* A trusted PTB's claim (M passes) is being checked and nothing
 * contradicts it yet: no size above lo, up to M, is silent or overdue
 * (silence at M + 1 agrees with it). Its own probes (plan_hint()) then
 * settle the search in one round trip if it is right. */
static bool
hint_alive(const struct view *v)
{
	return v->hint && v->soft > v->hint;
}

/* A probe of this size only matters if the trusted PTB's claim turns out
 * wrong: below M (M itself fails: a silent bottleneck behind the router
 * that sent it) or above M + 1 (M + 1 passes: the PTB was stale or forged).
 * The plan still asks for such hedges, after the claim's own probes, and an
 * engine that paces evenly sends them while it waits, as it always has; one
 * that can send a burst sends only the claim's probes in it (engine.c's
 * burst_now()), so a clean path costs the same 5 probes with or without a
 * burst (doc/bench.md). */
static bool
hedge_size(const struct view *v, unsigned size)
{
	return hint_alive(v) && (size < v->hint || size > v->hint + 1);
}

static bool
planned(const struct plan *pl, unsigned size)
{
	for (size_t i = 0; i < pl->n; i++)
		if (pl->out[i] == size)
			return true;
	return false;
}

static bool
tried(const struct search *s, unsigned size)
{
	const struct search_size *e = search_entry(s, size);

	return e && e->tried;
}

static unsigned
pending_at(const struct search *s, unsigned size)
{
	const struct search_size *e = search_entry(s, size);

	return e ? e->pending : 0;
}

/* Copies of size still wanted: `want` in all, less those in flight. Every
 * planner that asks for several copies counts them this way, so an engine
 * that takes one size per call (and asks again after each send) gets them
 * all, and one that takes the whole plan gets no more. */
static void
emit_upto(const struct search *s, struct plan *pl, unsigned size, unsigned want)
{
	unsigned have = pending_at(s, size);

	for (size_t i = 0; i < pl->n; i++)
		if (pl->out[i] == size)
			have++;
	if (want > have)
		emit(s, pl, size, want - have);
}

/* Replies at lo (or hint) still to get, and enough copies that at the loss
 * seen on passing sizes all of them arriving is likely. */
static unsigned
pass_want(const struct search *s, const struct view *v, unsigned have)
{
	unsigned need = s->p.verify_passes > have ? s->p.verify_passes - have : 0;

	return need ? need + pass_copies(v) - 1 : 0;
}

/* Failures still wanted at size (beyond those seen; copies in flight cover
 * them) before the answer can be verified: verify_fails, and as many as
 * p_wrong() needs at the loss seen: for silence the n of the loss model,
 * for PTBs on a lossy path the same with the PTB's hint_odds. */
static unsigned
fail_want(const struct search *s, const struct view *v, unsigned size)
{
	const struct search_size *e = search_entry(s, size);
	unsigned have = e ? fails_at(v, e) : 0, want = s->p.verify_fails, k;

	if (e && (e->ptbs || e->weak) && !v->distrust)
		k = v->lost || !e->ptbs ? search_need_n(&s->p, s->p.target_error * s->p.hint_odds,
							v->lost, v->samples)
					: 0;
	else if (e && silent_at(v, e))
		k = n_at(v, size);
	else
		k = 0; /* no answer yet: the minimum, then see */
	if (k > want)
		want = k;
	return want > have ? want - have : 0;
}

/* The re-checks of a likely PMTU m (a trusted PTB's claim, or lo when the
 * size above it goes silent), planned with the probes of m + 1 that decide
 * it rather than after them (issue 23 item 3): then the round trip that
 * settles m + 1 also verifies m. Sent after m + 1's copies, so that on a
 * path that keeps order their replies close m + 1's windows (timers.c). */
static void
plan_recheck(const struct search *s, const struct view *v, struct plan *pl, unsigned m)
{
	const struct search_size *e = search_entry(s, m);

	if (m < v->lo || m < s->p.min)
		return;
	emit_upto(s, pl, m, pass_want(s, v, m == v->lo && e ? search_clean_passes(s, e) : 0));
}

/* A trusted PTB said "next-hop MTU is M": probe exactly M (it should pass)
 * and M + 1 (it should fail). RFC 8201 section 4 and RFC 1191 section 3 let
 * a host adopt M outright; we confirm it, since PTBs can be stale, forged
 * or sent by a router that is not the only bottleneck (RFC 4821 sec. 1
 * on why ICMP alone is not to be relied on). The verification copies go
 * with the first ones (M, M + 1, M + 1, M): one round trip settles it, and
 * M's replies come after M + 1's windows opened, so on a path that keeps
 * order they also close them (timers.c). */
static void
plan_hint(const struct search *s, const struct view *v, struct plan *pl)
{
	unsigned m = v->hint;

	if (!m)
		return;
	if (m > v->lo)
		emit_upto(s, pl, m, 1);
	if (m + 1 <= v->hi)
		emit_upto(s, pl, m + 1, fail_want(s, v, m + 1));
	plan_recheck(s, v, pl, m);
}

/* The likeliest failing size above lo has one weak PTB: send one more
 * probe of it now. A second weak PTB corroborates the first (and decides, once
 * no reply contradicts either); silence does too, by the silence rules. */
static void
plan_corroborate(const struct search *s, const struct view *v, struct plan *pl)
{
	const struct search_size *e = search_entry(s, v->soft);

	if (e && !v->distrust && v->soft < v->hi && e->weak == 1 && !e->pending)
		emit(s, pl, v->soft, 1);
}

/* One paced burst of max, the plateaus and min, largest first (so that a
 * rate-limited router spends its one PTB on the largest probe). Sizes at or
 * below lo are sent last (below=true): they only measure the loss rate.
 * Sizes above a trusted hint are skipped: the hint's own confirmation
 * covers them. */
static void
plan_table(const struct search *s, const struct view *v, struct plan *pl, bool below)
{
	unsigned cap = v->hi;

	if (v->hint && v->hint + 1 < cap)
		cap = v->hint + 1;
	for (size_t i = 0; i <= NPLATEAUS + 1; i++) {
		unsigned p = i == 0 ? s->p.max : i > NPLATEAUS ? s->p.min : plateaus[i - 1];

		if (i > 0 && i <= NPLATEAUS && (p <= s->p.min || p >= s->p.max))
			continue;
		if (i > NPLATEAUS && s->p.min == s->p.max)
			continue;
		if (p < cap && (p <= v->lo) == below && !tried(s, p) && !planned(pl, p)) {
			pl->hedging = !below && hedge_size(v, p);
			emit(s, pl, p, 1);
			pl->hedging = false;
		}
	}
}

/* Insert into a sorted array unless present (pts[0] is always lo). */
static void
insert_sorted(unsigned *pts, unsigned *npts, unsigned v)
{
	unsigned at = *npts;

	while (at > 0 && pts[at - 1] > v)
		at--;
	if (at > 0 && pts[at - 1] == v)
		return;
	memmove(&pts[at + 1], &pts[at], (*npts - at) * sizeof(pts[0]));
	pts[at] = v;
	(*npts)++;
}

static void
confirm_fail(const struct search *s, const struct view *v, struct plan *pl, unsigned size);
static unsigned
confirm_short(const struct search *s, const struct view *v, const struct plan *pl, unsigned size);

static unsigned samples_short(const struct search *s, const struct view *v, const struct plan *pl);

#define LAST_ROUND 24 /* copies the split's last round may take */
#define ROUND_MAX \
	30 /* ... with everything else in flight or planned, the
			 * loss samples still wanted included: below the
			 * engine's max_inflight (32), or what does not fit
			 * waits a round trip for room (a black hole at 150 ms
			 * took 475 fake ms instead of 355) */

/* The split's last round (issue 23 item 3): once every size left in
 * (lo, soft) fits in one round with the copies silence needs, send them
 * all. Whichever size turns out to be lo + 1 then has its silences out
 * already, and the round that finds the answer also confirms it; a split
 * that found it first spent a second round trip on those copies (the
 * tunnel's black hole at 150 ms: 4.4 RTT). Only while nothing that passed
 * went unanswered (a loss would raise the copies needed and the engine's
 * burst is off then) and no trusted PTB is being checked (its own probes
 * settle it). */
static bool common_mtu(const struct search *s, unsigned size);

static bool
last_round_ok(const struct search *s, const struct view *v)
{
	return v->lo >= s->p.min && !v->lost && !hint_alive(v) && v->soft < v->hi;
}

static bool
plan_last_round(const struct search *s, const struct view *v, struct plan *pl)
{
	unsigned need = 0;

	/* Not where lo is a common MTU: the likeliest answer is lo itself,
	 * and plan_confirm() already sends lo + 1 the copies that decide it
	 * (the plain black hole at 1454: copies for every size took 12 probes
	 * more and, at 20 ms, 20 fake ms more). */
	if (!last_round_ok(s, v) || common_mtu(s, v->lo) || v->soft - v->lo - 1 > LAST_ROUND)
		return false;
	for (unsigned size = v->lo + 1; size < v->soft && need <= LAST_ROUND; size++)
		need += confirm_short(s, v, pl, size);
	if (need > LAST_ROUND)
		return false;
	need += (unsigned)pl->n + samples_short(s, v, pl);
	for (unsigned i = 0; i < s->nsz; i++)
		need += s->sz[i].pending;
	if (need > ROUND_MAX)
		return false;
	for (unsigned size = v->lo + 1; size < v->soft; size++)
		confirm_fail(s, v, pl, size);
	return true;
}

static unsigned n_planned(const struct search *s, const struct view *v, unsigned size);

/* The split's width this round: fanout, or twice that where this lets the
 * next round be the last (plan_last_round(): its sizes times the copies
 * silence needs within LAST_ROUND). The tunnel's black hole at 150 ms
 * after the table, (1280, 1380): 8 leave gaps of 12 sizes, 36 copies at
 * 3 each, one split more; 16 leave 6, 18 copies, and that round decides. */
static unsigned
split_fanout(const struct search *s, const struct view *v, unsigned width)
{
	unsigned f = s->p.fanout, per;

	if (!last_round_ok(s, v))
		return f;
	per = LAST_ROUND / n_planned(s, v, v->soft - 1);
	if ((width + f) / (f + 1) > per && (width + 2 * f) / (2 * f + 1) <= per)
		return 2 * f;
	return f;
}

/* Keep min(fanout, width) probes in flight inside the open interval
 * (lo, soft), each new one in the middle of the widest gap between the
 * probes already there: a k-ary split that one timeout settles. soft is the
 * smallest size above lo that is silent or overdue: an overdue probe has
 * had its RTT and most likely failed, so sizes above it are not worth a
 * probe yet. On a fast path (RTT below the pacing interval) this becomes a
 * binary search whose passes answer at once; on a slow one, a k-ary split.
 * The gaps are recomputed from what is pending or already planned, so the
 * plan is the same whether the engine sends a whole batch or one probe per
 * call. */
static void
plan_split(const struct search *s, const struct view *v, struct plan *pl)
{
	unsigned pts[SEARCH_MAX_SIZES + 2], npts = 0, want;

	if (v->lo + 1 >= v->soft || plan_last_round(s, v, pl))
		return;
	want = v->soft - v->lo - 1;
	if (split_fanout(s, v, want) < want)
		want = split_fanout(s, v, want);
	pts[npts++] = v->lo;
	for (unsigned i = 0; i < s->nsz; i++)
		if (s->sz[i].size > v->lo && s->sz[i].size < v->soft &&
		    (s->sz[i].pending || planned(pl, s->sz[i].size)))
			pts[npts++] = s->sz[i].size;
	for (size_t i = 0; i < pl->n && npts < SEARCH_MAX_SIZES + 1; i++)
		if (pl->out[i] > v->lo && pl->out[i] < v->soft && !search_entry(s, pl->out[i]))
			insert_sorted(pts, &npts, pl->out[i]);
	pts[npts++] = v->soft;
	while (npts - 2 < want && npts < SEARCH_MAX_SIZES + 2) {
		unsigned best = 0, gap = 0, mid;

		for (unsigned i = 0; i + 1 < npts; i++)
			if (pts[i + 1] - pts[i] > gap) {
				gap = pts[i + 1] - pts[i];
				best = i;
			}
		if (gap < 2)
			return;
		mid = pts[best] + gap / 2;
		memmove(&pts[best + 2], &pts[best + 1], (npts - best - 1) * sizeof(pts[0]));
		pts[best + 1] = mid;
		npts++;
		pl->hedging = hedge_size(v, mid);
		emit(s, pl, mid, 1);
		pl->hedging = false;
	}
}

/* Probe the lowest silent size again while its silence is not yet proof.
 * Under loss, most "failures" below the PMTU are lost probes; one reply here
 * lifts lo past the whole interval instead of creeping up through it. */
static void
plan_retry(const struct search *s, const struct view *v, struct plan *pl)
{
	const struct search_size *e = search_entry(s, v->tent);

	if (v->tent >= v->hi || v->lo + 1 >= v->tent || !e)
		return;
	if (silent_at(v, e) > 1) /* retried already: leave it to the split */
		return;
	for (unsigned i = 0; i < s->nsz && s->sz[i].size < v->tent; i++)
		if (s->sz[i].size > v->lo && s->sz[i].pending)
			return; /* a smaller size is still in flight: wait for it */
	for (size_t i = 0; i < pl->n; i++)
		if (pl->out[i] > v->lo && pl->out[i] < v->tent)
			return; /* ... or about to be */
	emit_upto(s, pl, v->tent, pass_copies(v));
}

/* Loss samples still wanted: silence is going to decide something and the
 * loss estimate rests on too few probes (those in flight and planned at
 * sizes <= lo count: the table's smaller sizes are samples too). */
static unsigned
samples_short(const struct search *s, const struct view *v, const struct plan *pl)
{
	unsigned have = v->samples + v->pend_lo;

	if (v->lo < s->p.min || !v->silent_above)
		return 0;
	for (size_t i = 0; i < pl->n; i++)
		have += pl->out[i] <= v->lo;
	return have < s->p.loss_samples ? s->p.loss_samples - have : 0;
}

/* More probes at lo when samples_short(). They double as re-checks of lo. */
static void
plan_samples(const struct search *s, const struct view *v, struct plan *pl)
{
	unsigned short_by = samples_short(s, v, pl);

	if (short_by)
		emit(s, pl, v->lo, short_by);
}

/* The plateaus below lo prove nothing new (lo passed, so they pass): they
 * are loss samples, and those beyond what samples_short() wants only keep
 * an evenly paced engine busy while it waits. Those are hedges. */
static void
plan_below(const struct search *s, const struct view *v, struct plan *pl)
{
	size_t from = pl->n + samples_short(s, v, pl);

	plan_table(s, v, pl, true);
	for (size_t i = from; pl->hedge && i < pl->n; i++)
		pl->hedge[i] = true;
}

/* lo is a common MTU (a plateau, a reported MTU, or max): on a path that
 * passed it and is silent above it, it is the likeliest answer. */
static bool
common_mtu(const struct search *s, unsigned size)
{
	const struct search_size *e = search_entry(s, size);

	for (size_t i = 0; i < NPLATEAUS; i++)
		if (plateaus[i] == size)
			return true;
	return size == s->p.max || (e && e->hinted);
}

/* Silences that will make size fail once the loss samples the plan is
 * already sending are in (it sends them while these wait), those still to
 * come lost at the rate seen so far: sized on the samples of now, the copies
 * would be a dozen (n_max) where four do. If the loss turns out higher, the
 * re-checks ask for the rest (fail_want()). */
static unsigned
n_planned(const struct search *s, const struct view *v, unsigned size)
{
	unsigned samples = v->samples + v->pend_lo, lost = v->lost, more;
	double target = s->p.target_error;

	if (samples < s->p.loss_samples)
		samples = s->p.loss_samples;
	more = samples - v->samples;
	if (v->samples)
		lost += (unsigned)((double)more * v->lost / v->samples + 0.5);
	if (size <= v->claim)
		target /= s->p.hint_odds;
	return search_need_n(&s->p, target, lost, samples);
}

/* The copies of size that silence needs, less the failures it has... */
static unsigned
confirm_want(const struct search *s, const struct view *v, unsigned size)
{
	const struct search_size *e = search_entry(s, size);
	unsigned want, have;

	/* with nothing passed yet there are no samples to plan on */
	want = v->lo < s->p.min ? n_at(v, size) : n_planned(s, v, size);
	have = e ? fails_at(v, e) - e->emsgsize : 0;
	return want > have ? want - have : 0;
}

/* ... and of those, the ones neither in flight nor planned (what
 * emit_upto() would add). */
static unsigned
confirm_short(const struct search *s, const struct view *v, const struct plan *pl, unsigned size)
{
	unsigned want = confirm_want(s, v, size), have = pending_at(s, size);

	for (size_t i = 0; i < pl->n; i++)
		have += pl->out[i] == size;
	return want > have ? want - have : 0;
}

static void
confirm_fail(const struct search *s, const struct view *v, struct plan *pl, unsigned size)
{
	unsigned want = confirm_want(s, v, size);

	if (want)
		emit_upto(s, pl, size, want);
}

/* lo + 1 is silent (or overdue) but not yet silent enough, or lo is a
 * common MTU and something above it is: send the copies silence needs all
 * at once, so one window decides it. Starting when the first probe is merely
 * overdue, or before lo + 1 was ever sent, saves a window on slow paths.
 * When lo + 1 is the last size below a silent one (the split has narrowed the
 * interval to it), the answer is lo or lo + 1: both ends get their copies
 * in the same round, so whichever way lo + 1 goes, that round decides
 * (issue 23: the tunnel's black hole at 150 ms spent a round trip on lo + 1
 * alone, then one on its copies). */
static void
plan_confirm(const struct search *s, const struct view *v, struct plan *pl)
{
	unsigned size = v->lo + 1;
	bool last = size + 1 == v->soft;

	if (v->soft >= v->hi || size >= v->hi)
		return;
	if (size != v->soft && !last && (v->lo < s->p.min || !common_mtu(s, v->lo)))
		return;
	confirm_fail(s, v, pl, size);
	if (last)
		confirm_fail(s, v, pl, v->soft);
	plan_recheck(s, v, pl, v->lo);
}

/* Converged: PMTU must pass again and PMTU + 1 fail again, all copies at
 * once. PMTU + 1 first: PMTU's replies then close its window (timers.c). */
static void
plan_verify(const struct search *s, const struct view *v, struct plan *pl)
{
	const struct search_size *e = search_entry(s, v->lo);

	if (!search_fails_ok(s, v, false)) {
		unsigned want = fail_want(s, v, v->hi);

		if (want)
			emit_upto(s, pl, v->hi, want);
		else if (!pending_at(s, v->hi))
			emit(s, pl, v->hi, 1); /* beyond n_max: one at a time */
	}
	if (e && !search_passes_ok(s, v) && !search_retest_spent(s, v))
		emit_upto(s, pl, v->lo, pass_want(s, v, search_clean_passes(s, e)));
}

static size_t
plan_all(const struct search *s, unsigned *sizes, bool *hedge, size_t max)
{
	struct view v;
	struct plan pl = { sizes, hedge, max, 0, 0, SEARCH_MAX_SIZES - s->nsz, false };

	search_view(s, &v, true);
	if (search_view_done(s, &v))
		return 0;
	search_view(s, &v, false); /* plan on everything heard */
	if (search_converged(s, &v)) {
		plan_verify(s, &v, &pl);
		if (v.hik == HI_SILENCE)
			plan_samples(s, &v, &pl);
		return pl.n;
	}
	plan_hint(s, &v, &pl);
	plan_corroborate(s, &v, &pl);
	plan_table(s, &v, &pl, false);
	plan_confirm(s, &v, &pl);
	plan_retry(s, &v, &pl);
	plan_split(s, &v, &pl);
	plan_below(s, &v, &pl);
	plan_samples(s, &v, &pl);
	return pl.n;
}

size_t
search_next(const struct search *s, unsigned *sizes, size_t max)
{
	return plan_all(s, sizes, NULL, max);
}

/* The urgent entries of a plan made into cap entries, at most max: k, and
 * whether the plan may have been cut before max were found (*cut). */
static size_t
urgent_of(const struct search *s, unsigned *all, bool *hedge, size_t cap, unsigned *sizes,
	  size_t max, bool *cut)
{
	size_t n = plan_all(s, all, hedge, cap), k = 0;

	for (size_t i = 0; i < n && k < max; i++)
		if (!hedge[i])
			sizes[k++] = all[i];
	*cut = k < max && n == cap;
	return k;
}

/* The whole plan, then the hedges dropped: what is left keeps its order,
 * and each size is what search_next() would have asked for had the hedges
 * been sent (they count as planned while the plan is made). A plan longer
 * than PLAN_MAX is made again in a buffer twice as large until it fits, so
 * no urgent size is lost behind hedges; if memory runs out, the urgent
 * sizes found so far are returned and the next round asks again. */
size_t
search_next_urgent(const struct search *s, unsigned *sizes, size_t max)
{
	unsigned all[PLAN_MAX];
	bool hedge[PLAN_MAX], cut;
	size_t k = urgent_of(s, all, hedge, PLAN_MAX, sizes, max, &cut);

	for (size_t cap = 2 * PLAN_MAX; cut; cap *= 2) {
		unsigned *a = malloc(cap * sizeof(*a));
		bool *h = malloc(cap * sizeof(*h));
		if (a && h)
			k = urgent_of(s, a, h, cap, sizes, max, &cut);
		else
			cut = false;
		free(a);
		free(h);
	}
	return k;
}
