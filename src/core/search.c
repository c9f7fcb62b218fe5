/* SPDX-License-Identifier: BSD-2-Clause */
/* search: what the evidence says (the interval, the loss model, the
 * verdict); search_plan.c turns it into the sizes to send next.
 *
 * Why the search is shaped this way:
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
 *   ("overdue") steers the plan but proves nothing until its window closes
 *   (src/probe/timers.c).
 * - The answer is reported only after re-checks (like RFC 4821, confirm by
 *   probing rather than trust one result): PMTU passed verify_passes times,
 *   PMTU + 1 failed verify_fails times, and a silence-only failure rests on
 *   loss_samples probes of the loss rate.
 */
#include "core/search_int.h"

#include <string.h>

static unsigned
weak_settled(const struct search_size *e)
{
	unsigned w = (unsigned)e->weak - e->weak_open;

	return w < e->silences ? w : e->silences;
}

double
search_p_all_lost(unsigned lost, unsigned samples, unsigned k)
{
	double p = 1.0;

	for (unsigned i = 0; i < k; i++)
		p *= (double)(lost + 1 + i) / (double)(samples + 2 + i);
	return p;
}

unsigned
search_need_n(const struct search_params *p, double target, unsigned lost, unsigned samples)
{
	unsigned k = p->n_min;

	while (k < p->n_max && search_p_all_lost(lost, samples, k) >= target)
		k++;
	return k;
}

static void
view_loss(const struct search *s, struct view *v)
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
	v->n = search_need_n(&s->p, s->p.target_error, v->lost, v->samples);
	v->n_hint = search_need_n(&s->p, s->p.target_error / s->p.hint_odds, v->lost, v->samples);
}

/* The smallest failing size above lo. A PTB or EMSGSIZE at or below lo
 * contradicts a reply above it; the reply wins (it is the stronger proof and
 * the newer path state is unknown), and search_record() counts a conflict. */
static void
view_hi(const struct search *s, struct view *v)
{
	unsigned cum = 0;

	/* A trusted PTB said sizes up to its MTU get past that router: before
	 * silence may contradict that, it must be hint_odds times less likely
	 * to be loss. A PTB at the claimed size itself refutes the claim. */
	for (unsigned i = 0; i < s->nsz && !v->claim; i++)
		if (s->sz[i].size > v->lo && s->sz[i].hinted && !icmp_fails(v, &s->sz[i]))
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

void
search_view(const struct search *s, struct view *v, bool settled)
{
	memset(v, 0, sizeof(*v));
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
		if ((e->overdue || (!settled && (e->weak_open || (v->distrust && e->ptbs_open)))) &&
		    !v->soft)
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

bool
search_converged(const struct search *s, const struct view *v)
{
	return v->lo + 1 == v->hi && v->lo >= s->p.min;
}

static bool
unreachable(const struct search *s, const struct view *v)
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
static double
p_wrong(const struct search *s, const struct view *v)
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
		return search_p_all_lost(v->lost, v->samples, strong_at(v, e) + weak_at(v, e)) /
		       s->p.hint_odds;
	}
	return search_p_all_lost(v->lost, v->samples, silent_at(v, e));
}

/* Replies at e that count towards verify_passes. Once a reply has
 * contradicted a PTB anywhere in the run (a forger, or a path in flux), only
 * replies that drew no PTB count: the PMTU must be re-tested cleanly. */
unsigned
search_clean_passes(const struct search *s, const struct search_size *e)
{
	if (!s->contradicted)
		return e->replies;
	return e->replies > e->contra ? (unsigned)e->replies - e->contra : 0;
}

bool
search_passes_ok(const struct search *s, const struct view *v)
{
	const struct search_size *e = search_entry(s, v->lo);

	return e && search_clean_passes(s, e) >= s->p.verify_passes;
}

/* No clean re-test is coming: verify_passes replies at PMTU each drew a PTB
 * too (an on-path forger answers every probe of that size). Stop, unverified. */
bool
search_retest_spent(const struct search *s, const struct view *v)
{
	const struct search_size *e = search_entry(s, v->lo);

	return e && e->contra >= s->p.verify_passes;
}

/* PMTU + 1 failed "repeatedly" and the chance that it was all loss is
 * below target. The local stack's EMSGSIZE is deterministic: once is enough.
 * With enough_samples, a silence-only failure also needs a loss estimate
 * resting on loss_samples probes. */
bool
search_fails_ok(const struct search *s, const struct view *v, bool enough_samples)
{
	const struct search_size *e;

	if (v->lo >= s->p.max || v->hik == HI_LOCAL)
		return true;
	e = search_entry(s, v->hi);
	if (!e)
		return false;
	if (fails_at(v, e) < s->p.verify_fails)
		return false;
	if (enough_samples && !icmp_fails(v, e) && v->samples < s->p.loss_samples)
		return false;
	return p_wrong(s, v) <= s->p.target_error;
}

/* Only on a settled view. A PTB whose probe may still be answered may yet
 * be contradicted, so no answer is final while one is open above lo. */
bool
search_view_done(const struct search *s, const struct view *v)
{
	if (v->open_above)
		return false;
	if (unreachable(s, v))
		return true;
	return search_converged(s, v) && search_fails_ok(s, v, true) &&
	       (search_passes_ok(s, v) || search_retest_spent(s, v));
}

bool
search_done(const struct search *s)
{
	struct view v;

	search_view(s, &v, true);
	return search_view_done(s, &v);
}

/* Why we believe it, as a code and its numbers (render/probe_words.c says
 * it): what the answer lacks (not_verified) goes first, the contradicted
 * PTBs last, since they are why a clean-looking answer was not verified. */
static void
result_reason(const struct search *s, const struct view *v, struct search_result *r)
{
	const struct search_size *lo = search_entry(s, v->lo), *hi = search_entry(s, v->hi);
	struct search_reason *w = &r->reason;

	w->not_verified = r->converged && !r->verified;
	w->contradicted = s->contradicted;
	w->disputed = s->disputed;
	w->lo = v->lo;
	w->hi = v->hi;
	w->passes = lo ? lo->replies : 0;
	if (r->unreachable) {
		w->why = hi && icmp_fails(v, hi) ? SEARCH_WHY_TOO_BIG_MIN : SEARCH_WHY_SILENT_MIN;
		w->lo = s->p.min;
	} else if (!r->converged) {
		w->why = v->lo < s->p.min ? SEARCH_WHY_NONE_PASSED : SEARCH_WHY_BETWEEN;
		w->lo = r->lower;
		w->hi = r->upper;
	} else if (r->at_max) {
		w->why = SEARCH_WHY_AT_MAX;
	} else if (v->hik == HI_LOCAL) {
		w->why = SEARCH_WHY_LOCAL;
	} else if (hi && icmp_fails(v, hi)) {
		/* Weak PTBs whose window closed are silences too: they are
		 * counted once, as PTBs. */
		unsigned weak = weak_settled(hi), strong = strong_at(v, hi) + hi->emsgsize;

		w->why = SEARCH_WHY_ICMP;
		w->weak = !strong;
		w->fails = strong + weak;
		w->silent = hi->silences - weak;
	} else if (hi) {
		w->why = SEARCH_WHY_SILENCE;
		w->fails = silent_at(v, hi);
		w->loss = r->loss;
		w->p_wrong = r->p_wrong;
	}
}

void
search_result(const struct search *s, struct search_result *r)
{
	struct view v;
	const struct search_size *hi;

	search_view(s, &v, true);
	memset(r, 0, sizeof(*r));
	r->lower = v.lo >= s->p.min ? v.lo : 0;
	r->upper = v.hi - 1;
	r->unreachable = unreachable(s, &v);
	r->converged = search_converged(s, &v);
	r->pmtu = r->converged ? v.lo : 0;
	r->at_max = r->converged && v.lo >= s->p.max;
	r->verified = r->converged && !v.open_above && search_passes_ok(s, &v) &&
		      search_fails_ok(s, &v, true);
	r->done = search_view_done(s, &v);
	hi = search_entry(s, v.hi);
	r->fail_by_ptb = r->converged && (v.hik == HI_LOCAL || (hi && icmp_fails(&v, hi)));
	r->p_wrong = r->converged ? p_wrong(s, &v) : 1.0;
	r->samples = v.samples;
	r->loss = v.samples ? (double)v.lost / v.samples : 0.0;
	r->n_needed = v.n;
	r->conflicts = s->conflicts;
	r->ptb_contradicted = s->contradicted;
	r->ptb_disputed = s->disputed;
	r->rate_limited = search_rate_view(s, &v, &r->reply_rate);
	result_reason(s, &v, r);
}
