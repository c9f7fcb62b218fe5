/* search: which probe sizes to send next, decided from the evidence alone.
 *
 * Why it is shaped this way:
 * - Packetization-layer PMTUD (RFC 4821 sec. 7.1: search_low, search_high)
 *   treats the PMTU as an interval [largest size seen to pass, smallest
 *   size seen to fail] and narrows it with probes; ICMP (RFC 1191 for IPv4,
 *   RFC 8201 for IPv6) only helps.
 *   Here the interval is derived afresh from all the evidence on every call,
 *   so a late reply or a change in the loss estimate can widen it again.
 * - A reply is proof. A PTB that quotes our probe is proof that that probe
 *   was too big. Silence is not proof: a lost probe and a too-big probe in a
 *   PTB blackhole (RFC 2923 section 2.1) look the same. A size is called
 *   failed by silence only when k silent probes at sizes in (lower, s] would
 *   all have to be lost if s passed, and that is improbable: if s passes,
 *   every smaller size passes too, so each of those silences was a loss.
 * - The loss rate comes from probes at sizes known to pass (sent vs
 *   answered). With few samples the rate itself is uncertain, so we use the
 *   posterior predictive of a Beta(1,1) prior: P(k more losses) =
 *   prod_{i<k} (lost + 1 + i) / (samples + 2 + i). It needs no libm and is
 *   pessimistic exactly when we know little.
 * - A trusted PTB's MTU (RFC 1191 sec. 3, RFC 8201 sec. 4) is probed
 *   exactly, and silence below it needs hint_odds times stronger evidence.
 * - Probes are planned as batches (the whole plateau table, then k-ary
 *   splits), so one timeout settles many sizes: on a blackholed path time
 *   is spent waiting for silence, not sending. A probe past its RTT
 *   ("overdue") steers the plan but proves nothing until its timeout.
 * - The answer is reported only after re-checks (like RFC 4821, confirm by
 *   probing rather than trust one result): PMTU passed verify_passes times,
 *   PMTU + 1 failed verify_fails times, and a silence-only failure rests on
 *   loss_samples probes of the loss rate.
 */
#include "core/search_int.h"

#include <stdio.h>
#include <string.h>

/* Common link and tunnel MTUs, searched first ("plateaus", RFC 1191
 * section 7, which suggests the same idea for routers that report MTU 0).
 * min and max are always added. */
static const unsigned plateaus[] = {
	1500, /* Ethernet (RFC 894) */
	1492, /* PPPoE over Ethernet, 1500 - 8 (RFC 2516); KDDI lines */
	1480, /* IPv4-in-IPv6 / 6in4 over Ethernet (1500 - 20); field case 1 */
	1460, /* MAP-E / DS-Lite IPoE, IPv4 in IPv6 (1500 - 40) */
	1454, /* Flet's PPPoE (shared/context/field-cases.md) */
	1446, /* AWS Site-to-Site VPN maximum (shared/design/vendor-syntax.md) */
	1438, /* Flet's Hikari Premium West; AWS CBC or GCM+NAT-T */
	1436, /* AWS sample tunnel MTU (generic, SRX, Check Point) */
	1422, /* AWS CBC + NAT-T, SHA2-384/512 */
	1420, /* WireGuard default (1500 - 80, IPv6 outer) */
	1400, /* common tunnel default; strongSwan libipsec TUN (lab-notes.md) */
	1380, /* conservative IPsec-over-PPPoE setting (product issue's table) */
	1280, /* IPv6 minimum link MTU (RFC 8200); Yamaha RTX tunnel default */
	1006, /* SLIP / ARPANET (RFC 1191 table 7-1) */
	576,  /* X.25; IPv4 minimum reassembly size (RFC 791) */
};

#define NPLATEAUS (sizeof plateaus / sizeof plateaus[0])
#define PASS_MISS 0.1   /* send enough copies of a "should pass" probe that
			 * all being lost is < 10% likely: saves a timeout */
#define PASS_COPIES_MAX 4

/* The interval and loss model, derived from the evidence. */
enum hi_kind { HI_NONE, HI_LOCAL, HI_PTB, HI_SILENCE };

struct view {
	unsigned lo;            /* largest size with a reply, or min - 1 */
	unsigned hi;            /* smallest size known to fail, or max + 1 */
	enum hi_kind hik;       /* what proved hi fails */
	unsigned tent;          /* smallest size > lo with a silence, capped at hi */
	unsigned soft;          /* ... or with an overdue probe: likely too big */
	unsigned hint;          /* smallest trusted reported MTU in [lo, hi), 0 none */
	unsigned n;             /* silences in (lo, s] that make s fail */
	unsigned n_hint;        /* ... when s <= a trusted reported MTU */
	unsigned claim;         /* smallest unrefuted trusted reported MTU > lo */
	bool settled;           /* count PTBs only once their reply window closed */
	bool distrust;          /* some PTB lied: PTBs count as silences only */
	unsigned open_above;    /* PTBs above lo whose reply window is still open */
	unsigned samples;       /* resolved probes at sizes <= lo */
	unsigned lost;          /* ... of which silent */
	unsigned pend_lo;       /* pending probes at sizes <= lo */
	unsigned silent_above;  /* silences at sizes > lo */
};

/* PTB evidence at e as this view may count it: the planning view counts a
 * PTB as soon as it is heard, the deciding view (settled) only once its
 * probe's reply window has closed without a reply (search_evidence.c). */
static unsigned strong_at(const struct view *v, const struct search_size *e)
{
	return v->settled ? (unsigned)e->ptbs - e->ptbs_open : e->ptbs;
}

static unsigned weak_at(const struct view *v, const struct search_size *e)
{
	return v->settled ? (unsigned)e->weak - e->weak_open : e->weak;
}

static unsigned weak_settled(const struct search_size *e)
{
	unsigned w = (unsigned)e->weak - e->weak_open;

	return w < e->silences ? w : e->silences;
}

/* e fails on ICMP alone: a strong PTB, our own EMSGSIZE, or weak PTBs for
 * two probes. One weak PTB is not enough: a short quote is forged by
 * guessing ident, seq and checksum only (RFC 5927 sec. 4.1). Once a PTB
 * in this run was caught lying, only EMSGSIZE is. */
static bool icmp_fails(const struct view *v, const struct search_size *e)
{
	if (v->distrust)
		return e->emsgsize != 0;
	return strong_at(v, e) || e->emsgsize || weak_at(v, e) >= 2;
}

/* Probes of e that went unanswered, as silence counts them: with distrust,
 * a strong PTB'd probe whose window closed is just a probe with no reply. */
static unsigned silent_at(const struct view *v, const struct search_size *e)
{
	return e->silences + (v->distrust ? (unsigned)e->ptbs - e->ptbs_open : 0u);
}

/* Failures of e for verify_fails. Settled weak PTBs are silences already;
 * the planning view also counts the weak ones still open. */
static unsigned fails_at(const struct view *v, const struct search_size *e)
{
	return strong_at(v, e) + e->emsgsize + e->silences +
	       (v->settled ? 0u : e->weak_open);
}

/* Output buffer of search_next(). */
struct plan {
	unsigned *out;
	size_t max, n;
	unsigned fresh;         /* new sizes planned (table capacity) */
	unsigned room;          /* free entries in the size table */
};

/* P(the next k probes are all lost) under a Beta(1,1) prior updated with
 * `lost` losses in `samples` probes (posterior predictive). */
static double all_lost(unsigned lost, unsigned samples, unsigned k)
{
	double p = 1.0;

	for (unsigned i = 0; i < k; i++)
		p *= (double)(lost + 1 + i) / (double)(samples + 2 + i);
	return p;
}

static unsigned need_n(const struct search_params *p, double target,
		       unsigned lost, unsigned samples)
{
	unsigned k = p->n_min;

	while (k < p->n_max && all_lost(lost, samples, k) >= target)
		k++;
	return k;
}

static unsigned pass_copies(const struct view *v)
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

static void view_loss(const struct search *s, struct view *v)
{
	unsigned lo = s->p.min - 1;

	for (unsigned i = 0; i < s->nsz; i++)
		if (s->sz[i].replies && s->sz[i].size > lo)
			lo = s->sz[i].size;
	v->lo = lo;
	for (unsigned i = 0; i < s->nsz && s->sz[i].size <= lo; i++) {
		const struct search_size *e = &s->sz[i];

		v->samples += e->replies + silent_at(v, e);
		v->lost += silent_at(v, e);
		v->pend_lo += e->pending;
	}
	v->n = need_n(&s->p, s->p.target_error, v->lost, v->samples);
	v->n_hint = need_n(&s->p, s->p.target_error / s->p.hint_odds, v->lost,
			   v->samples);
}

/* Silences in (lo, size] that make size fail. */
static unsigned n_at(const struct view *v, unsigned size)
{
	return size <= v->claim ? v->n_hint : v->n;
}

/* The smallest failing size above lo. A PTB or EMSGSIZE at or below lo
 * contradicts a reply above it; the reply wins (it is the stronger proof and
 * the newer path state is unknown), and search_record() counts a conflict. */
static void view_hi(const struct search *s, struct view *v)
{
	unsigned cum = 0;

	/* A trusted PTB said sizes up to its MTU get past that router: before
	 * silence may contradict that, it must be hint_odds times less likely
	 * to be loss. A PTB at the claimed size itself refutes the claim. */
	for (unsigned i = 0; i < s->nsz && !v->claim; i++)
		if (s->sz[i].size > v->lo && s->sz[i].hinted &&
		    !icmp_fails(v, &s->sz[i]))
			v->claim = s->sz[i].size;

	v->hi = s->p.max + 1;
	v->hik = HI_NONE;
	if (s->local_mtu && s->local_mtu + 1 < v->hi && s->local_mtu >= v->lo) {
		v->hi = s->local_mtu + 1;
		v->hik = HI_LOCAL;
	}
	for (unsigned i = 0; i < s->nsz; i++) {
		const struct search_size *e = &s->sz[i];

		if (e->size <= v->lo)
			continue;
		if (e->size >= v->hi)
			break;
		if (icmp_fails(v, e)) {
			v->hi = e->size;
			v->hik = HI_PTB;
			break;
		}
		cum += silent_at(v, e);
		if (cum >= n_at(v, e->size)) {
			v->hi = e->size;
			v->hik = HI_SILENCE;
			break;
		}
	}
}

static void view_compute(const struct search *s, struct view *v, bool settled)
{
	memset(v, 0, sizeof *v);
	v->settled = settled;
	v->distrust = s->contradicted || s->disputed;
	view_loss(s, v);
	view_hi(s, v);
	v->tent = v->hi;
	for (unsigned i = 0; i < s->nsz; i++) {
		const struct search_size *e = &s->sz[i];

		if (e->size <= v->lo)
			continue;
		/* silences that silence must explain (trusted weak PTBs
		 * explain theirs) */
		v->silent_above += silent_at(v, e) - (v->distrust ? 0 : weak_settled(e));
		v->open_above += (unsigned)e->ptbs_open + e->weak_open;
		if (silent_at(v, e) && e->size < v->tent)
			v->tent = e->size;
		/* A PTB that cannot decide, like an overdue probe: likely too
		 * big, unproven. */
		if ((e->overdue || (!settled && (e->weak_open ||
		     (v->distrust && e->ptbs_open)))) && !v->soft)
			v->soft = e->size;
		if (e->hinted && !v->hint && e->size < v->hi)
			v->hint = e->size;
	}
	if (!v->soft || v->soft > v->tent)
		v->soft = v->tent;
	if (!v->hint) {
		const struct search_size *e = search_entry(s, v->lo);

		if (e && e->hinted && v->lo + 1 < v->hi)
			v->hint = v->lo;
	}
}

static bool converged(const struct search *s, const struct view *v)
{
	return v->lo + 1 == v->hi && v->lo >= s->p.min;
}

static bool unreachable(const struct search *s, const struct view *v)
{
	return v->hi <= s->p.min;
}

/* P(PMTU + 1 actually passes), once converged. A PTB stands because no
 * reply contradicted it; on a path seen to lose packets, that may be only
 * because the reply was lost. An on-path forger that answers every probe
 * with a PTB (and cannot drop) wins only if every contradicting reply is
 * lost, so on such a path PTB'd probes count like silences, with the PTB
 * itself making "too big" hint_odds times likelier. Without observed loss
 * a strong PTB is taken at its word (RFC 1191 sec. 3), its reply window
 * having passed; weak ones never are (a loss estimate from few samples is
 * pessimistic, so a few more probes); our own kernel's EMSGSIZE always is. */
static double p_wrong(const struct search *s, const struct view *v)
{
	const struct search_size *e;

	if (v->lo >= s->p.max || v->hik == HI_LOCAL)
		return 0.0;
	e = search_entry(s, v->hi);
	if (!e)
		return 1.0;
	if (icmp_fails(v, e)) {
		if (e->emsgsize || (!v->lost && strong_at(v, e)))
			return 0.0;
		return all_lost(v->lost, v->samples, strong_at(v, e) + weak_at(v, e)) /
		       s->p.hint_odds;
	}
	return all_lost(v->lost, v->samples, silent_at(v, e));
}

/* Replies at e that count towards verify_passes. Once a reply has
 * contradicted a PTB anywhere in the run (a forger, or a path in flux), only
 * replies that drew no PTB count: the PMTU must be re-tested cleanly. */
static unsigned clean_passes(const struct search *s, const struct search_size *e)
{
	if (!s->contradicted)
		return e->replies;
	return e->replies > e->contra ? (unsigned)e->replies - e->contra : 0;
}

static bool passes_ok(const struct search *s, const struct view *v)
{
	const struct search_size *e = search_entry(s, v->lo);

	return e && clean_passes(s, e) >= s->p.verify_passes;
}

/* No clean re-test is coming: verify_passes replies at PMTU each drew a PTB
 * too (an on-path forger answers every probe of that size). Stop, unverified. */
static bool retest_spent(const struct search *s, const struct view *v)
{
	const struct search_size *e = search_entry(s, v->lo);

	return e && e->contra >= s->p.verify_passes;
}

/* PMTU + 1 failed "repeatedly" and the chance that it was all loss is
 * below target. The local stack's EMSGSIZE is deterministic: once is enough.
 * With enough_samples, a silence-only failure also needs a loss estimate
 * resting on loss_samples probes. */
static bool fails_ok(const struct search *s, const struct view *v,
		     bool enough_samples)
{
	const struct search_size *e;

	if (v->lo >= s->p.max || v->hik == HI_LOCAL)
		return true;
	e = search_entry(s, v->hi);
	if (!e)
		return false;
	if (fails_at(v, e) < s->p.verify_fails)
		return false;
	if (enough_samples && !icmp_fails(v, e) &&
	    v->samples < s->p.loss_samples)
		return false;
	return p_wrong(s, v) <= s->p.target_error;
}

/* Only on a settled view. A PTB whose probe may still be answered may yet
 * be contradicted, so no answer is final while one is open above lo. */
static bool view_done(const struct search *s, const struct view *v)
{
	if (v->open_above)
		return false;
	if (unreachable(s, v))
		return true;
	return converged(s, v) && fails_ok(s, v, true) &&
	       (passes_ok(s, v) || retest_spent(s, v));
}

static void emit(const struct search *s, struct plan *pl, unsigned size,
		 unsigned copies)
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
	while (copies-- && pl->n < pl->max)
		pl->out[pl->n++] = size;
}

static bool planned(const struct plan *pl, unsigned size)
{
	for (size_t i = 0; i < pl->n; i++)
		if (pl->out[i] == size)
			return true;
	return false;
}

static bool tried(const struct search *s, unsigned size)
{
	const struct search_size *e = search_entry(s, size);

	return e && e->tried;
}

static unsigned pending_at(const struct search *s, unsigned size)
{
	const struct search_size *e = search_entry(s, size);

	return e ? e->pending : 0;
}

/* Copies of size still wanted: `want` in all, less those in flight. Every
 * planner that asks for several copies counts them this way, so an engine
 * that takes one size per call (and asks again after each send) gets them
 * all, and one that takes the whole plan gets no more. */
static void emit_upto(const struct search *s, struct plan *pl, unsigned size,
		      unsigned want)
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
static unsigned pass_want(const struct search *s, const struct view *v,
			  unsigned have)
{
	unsigned need = s->p.verify_passes > have ? s->p.verify_passes - have : 0;

	return need ? need + pass_copies(v) - 1 : 0;
}

/* Failures still wanted at size (beyond those seen; copies in flight cover
 * them) before the answer can be verified: verify_fails, and as many as
 * p_wrong() needs at the loss seen: for silence the n of the loss model,
 * for PTBs on a lossy path the same with the PTB's hint_odds. */
static unsigned fail_want(const struct search *s, const struct view *v,
			  unsigned size)
{
	const struct search_size *e = search_entry(s, size);
	unsigned have = e ? fails_at(v, e) : 0, want = s->p.verify_fails, k;

	if (e && (e->ptbs || e->weak) && !v->distrust)
		k = v->lost || !e->ptbs ? need_n(&s->p, s->p.target_error * s->p.hint_odds,
						  v->lost, v->samples) : 0;
	else if (e && silent_at(v, e))
		k = n_at(v, size);
	else
		k = 0;              /* no answer yet: the minimum, then see */
	if (k > want)
		want = k;
	return want > have ? want - have : 0;
}

/* A trusted PTB said "next-hop MTU is M": probe exactly M (it should pass)
 * and M + 1 (it should fail). RFC 8201 section 4 and RFC 1191 section 3 let
 * a host adopt M outright; we confirm it, since PTBs can be stale, forged
 * or sent by a router that is not the only bottleneck (RFC 4821 sec. 1
 * on why ICMP alone is not to be relied on). The verification copies go
 * with the first ones (M, M + 1, M + 1, M): one round trip settles it, and
 * M's replies come after M + 1's windows opened, so on a path that keeps
 * order they also close them (timers.c). */
static void plan_hint(const struct search *s, const struct view *v,
		      struct plan *pl)
{
	unsigned m = v->hint;

	if (!m)
		return;
	if (m > v->lo)
		emit_upto(s, pl, m, 1);
	if (m + 1 <= v->hi)
		emit_upto(s, pl, m + 1, fail_want(s, v, m + 1));
	if (m > v->lo)
		emit_upto(s, pl, m, pass_want(s, v, 0));
}

/* The likeliest failing size above lo has one weak PTB: send one more
 * probe of it now. A second weak PTB corroborates the first (and decides, once
 * no reply contradicts either); silence does too, by the silence rules. */
static void plan_corroborate(const struct search *s, const struct view *v,
			     struct plan *pl)
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
static void plan_table(const struct search *s, const struct view *v,
		       struct plan *pl, bool below)
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
		if (p < cap && (p <= v->lo) == below && !tried(s, p) && !planned(pl, p))
			emit(s, pl, p, 1);
	}
}

/* Insert into a sorted array unless present (pts[0] is always lo). */
static void insert_sorted(unsigned *pts, unsigned *npts, unsigned v)
{
	unsigned at = *npts;

	while (at > 0 && pts[at - 1] > v)
		at--;
	if (at > 0 && pts[at - 1] == v)
		return;
	memmove(&pts[at + 1], &pts[at], (*npts - at) * sizeof pts[0]);
	pts[at] = v;
	(*npts)++;
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
static void plan_split(const struct search *s, const struct view *v,
		       struct plan *pl)
{
	unsigned pts[SEARCH_MAX_SIZES + 2], npts = 0, want;

	if (v->lo + 1 >= v->soft)
		return;
	want = v->soft - v->lo - 1;
	if (s->p.fanout < want)
		want = s->p.fanout;
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
		memmove(&pts[best + 2], &pts[best + 1], (npts - best - 1) * sizeof pts[0]);
		pts[best + 1] = mid;
		npts++;
		emit(s, pl, mid, 1);
	}
}

/* Probe the lowest silent size again while its silence is not yet proof.
 * Under loss, most "failures" below the PMTU are lost probes; one reply here
 * lifts lo past the whole interval instead of creeping up through it. */
static void plan_retry(const struct search *s, const struct view *v,
		       struct plan *pl)
{
	const struct search_size *e = search_entry(s, v->tent);

	if (v->tent >= v->hi || v->lo + 1 >= v->tent || !e)
		return;
	if (silent_at(v, e) > 1)    /* retried already: leave it to the split */
		return;
	for (unsigned i = 0; i < s->nsz && s->sz[i].size < v->tent; i++)
		if (s->sz[i].size > v->lo && s->sz[i].pending)
			return;     /* a smaller size is still in flight: wait for it */
	for (size_t i = 0; i < pl->n; i++)
		if (pl->out[i] > v->lo && pl->out[i] < v->tent)
			return;     /* ... or about to be */
	emit_upto(s, pl, v->tent, pass_copies(v));
}

/* More probes at lo when silence is going to decide something and the
 * loss estimate rests on too few samples. They double as re-checks of lo. */
static void plan_samples(const struct search *s, const struct view *v,
			 struct plan *pl)
{
	unsigned have = v->samples + v->pend_lo;

	if (v->lo < s->p.min || !v->silent_above)
		return;
	for (size_t i = 0; i < pl->n; i++)
		have += pl->out[i] <= v->lo;    /* the table's smaller sizes count too */
	if (have < s->p.loss_samples)
		emit(s, pl, v->lo, s->p.loss_samples - have);
}

/* lo is a common MTU (a plateau, a reported MTU, or max): on a path that
 * passed it and is silent above it, it is the likeliest answer. */
static bool common_mtu(const struct search *s, unsigned size)
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
static unsigned n_planned(const struct search *s, const struct view *v,
			  unsigned size)
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
	return need_n(&s->p, target, lost, samples);
}

/* lo + 1 is silent (or overdue) but not yet silent enough, or lo is a
 * common MTU and something above it is: send the copies silence needs all
 * at once, so one window decides it. Starting when the first probe is merely
 * overdue, or before lo + 1 was ever sent, saves a window on slow paths. */
static void plan_confirm(const struct search *s, const struct view *v,
			 struct plan *pl)
{
	unsigned size = v->lo + 1, want, have;
	const struct search_size *e = search_entry(s, size);

	if (v->soft >= v->hi || size >= v->hi)
		return;
	if (size != v->soft && (v->lo < s->p.min || !common_mtu(s, v->lo)))
		return;
	/* with nothing passed yet there are no samples to plan on */
	want = v->lo < s->p.min ? n_at(v, size) : n_planned(s, v, size);
	have = e ? fails_at(v, e) - e->emsgsize : 0;
	if (want > have)
		emit_upto(s, pl, size, want - have);
}

/* Converged: PMTU must pass again and PMTU + 1 fail again, all copies at
 * once. PMTU + 1 first: PMTU's replies then close its window (timers.c). */
static void plan_verify(const struct search *s, const struct view *v,
			struct plan *pl)
{
	const struct search_size *e = search_entry(s, v->lo);

	if (!fails_ok(s, v, false)) {
		unsigned want = fail_want(s, v, v->hi);

		if (want)
			emit_upto(s, pl, v->hi, want);
		else if (!pending_at(s, v->hi))
			emit(s, pl, v->hi, 1);   /* beyond n_max: one at a time */
	}
	if (e && !passes_ok(s, v) && !retest_spent(s, v))
		emit_upto(s, pl, v->lo, pass_want(s, v, clean_passes(s, e)));
}

size_t search_next(const struct search *s, unsigned *sizes, size_t max)
{
	struct view v;
	struct plan pl = { sizes, max, 0, 0, SEARCH_MAX_SIZES - s->nsz };

	view_compute(s, &v, true);
	if (view_done(s, &v))
		return 0;
	view_compute(s, &v, false);    /* plan on everything heard */
	if (converged(s, &v)) {
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
	plan_table(s, &v, &pl, true);
	plan_samples(s, &v, &pl);
	return pl.n;
}

bool search_done(const struct search *s)
{
	struct view v;

	view_compute(s, &v, true);
	return view_done(s, &v);
}

/* Say what the answer lacks: "not verified: ..." in front, and the
 * contradicted PTBs at the end, since they are why a clean-looking answer
 * was not verified. */
static void reason_wrap(const struct search *s, struct search_result *r)
{
	char tmp[SEARCH_REASON_LEN];
	size_t n = sizeof r->reason, len;

	if (r->converged && !r->verified) {
		memcpy(tmp, r->reason, sizeof tmp);
		snprintf(r->reason, n, "not verified: %.*s", (int)(n - 16), tmp);
	}
	len = strlen(r->reason);
	if (s->contradicted && len + 1 < n)
		snprintf(r->reason + len, n - len, "; %u PTB%s contradicted by replies",
			 s->contradicted, s->contradicted == 1 ? "" : "s");
	len = strlen(r->reason);
	if (s->disputed && len + 1 < n)
		snprintf(r->reason + len, n - len, "; %u probe%s drew disagreeing PTBs",
			 s->disputed, s->disputed == 1 ? "" : "s");
}

/* "N too big (PTB) xK, silent xJ" for a size that failed on ICMP. Weak
 * PTBs whose window closed are silences too: they are counted once, as PTBs. */
static void reason_icmp(const struct view *v, const struct search_size *hi,
			unsigned lr, char *buf, size_t n)
{
	unsigned weak = weak_settled(hi), strong = strong_at(v, hi) + hi->emsgsize;

	snprintf(buf, n, "%u passed x%u; %u too big (%s) x%u, silent x%u", v->lo, lr,
		 v->hi, strong ? "PTB" : "weak PTB", strong + weak, hi->silences - weak);
}

static void result_reason(const struct search *s, const struct view *v,
			  struct search_result *r)
{
	const struct search_size *lo = search_entry(s, v->lo), *hi = search_entry(s, v->hi);
	unsigned lr = lo ? lo->replies : 0;
	size_t n = sizeof r->reason;

	if (r->unreachable)
		snprintf(r->reason, n, hi && icmp_fails(v, hi) ?
			 "could not measure: even %u bytes is too big" :
			 "could not measure: no reply even at %u bytes", s->p.min);
	else if (!r->converged && v->lo < s->p.min)
		snprintf(r->reason, n, "no size passed yet; path MTU <= %u", r->upper);
	else if (!r->converged)
		snprintf(r->reason, n, "path MTU between %u and %u", r->lower, r->upper);
	else if (r->at_max)
		snprintf(r->reason, n, "%u (the largest size tried) passed x%u: "
			 "path MTU is at least %u", v->lo, lr, v->lo);
	else if (v->hik == HI_LOCAL)
		snprintf(r->reason, n, "%u passed x%u; %u exceeds the first-hop MTU",
			 v->lo, lr, v->hi);
	else if (hi && icmp_fails(v, hi))
		reason_icmp(v, hi, lr, r->reason, n);
	else if (hi)
		snprintf(r->reason, n, "%u passed x%u; %u silent x%u at %.0f%% loss "
			 "(P(wrong) %.1g)", v->lo, lr, v->hi, silent_at(v, hi),
			 100.0 * r->loss, r->p_wrong);
	reason_wrap(s, r);
}

void search_result(const struct search *s, struct search_result *r)
{
	struct view v;
	const struct search_size *hi;

	view_compute(s, &v, true);
	memset(r, 0, sizeof *r);
	r->lower = v.lo >= s->p.min ? v.lo : 0;
	r->upper = v.hi - 1;
	r->unreachable = unreachable(s, &v);
	r->converged = converged(s, &v);
	r->pmtu = r->converged ? v.lo : 0;
	r->at_max = r->converged && v.lo >= s->p.max;
	r->verified = r->converged && !v.open_above && passes_ok(s, &v) &&
		      fails_ok(s, &v, true);
	r->done = view_done(s, &v);
	hi = search_entry(s, v.hi);
	r->fail_by_ptb = r->converged && (v.hik == HI_LOCAL || (hi && icmp_fails(&v, hi)));
	r->p_wrong = r->converged ? p_wrong(s, &v) : 1.0;
	r->samples = v.samples;
	r->loss = v.samples ? (double)v.lost / v.samples : 0.0;
	r->n_needed = v.n;
	r->conflicts = s->conflicts;
	r->ptb_contradicted = s->contradicted;
	r->ptb_disputed = s->disputed;
	result_reason(s, &v, r);
}
