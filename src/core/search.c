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
#include "core/search.h"

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
	unsigned samples;       /* resolved probes at sizes <= lo */
	unsigned lost;          /* ... of which silent */
	unsigned pend_lo;       /* pending probes at sizes <= lo */
	unsigned silent_above;  /* silences at sizes > lo */
};

/* Output buffer of search_next(). */
struct plan {
	unsigned *out;
	size_t max, n;
	unsigned fresh;         /* new sizes planned (table capacity) */
	unsigned room;          /* free entries in the size table */
};

static int find(const struct search *s, unsigned size)
{
	unsigned a = 0, b = s->nsz;

	while (a < b) {
		unsigned m = a + (b - a) / 2;

		if (s->sz[m].size == size)
			return (int)m;
		if (s->sz[m].size < size)
			a = m + 1;
		else
			b = m;
	}
	return -1;
}

static const struct search_size *entry(const struct search *s, unsigned size)
{
	int i = find(s, size);

	return i < 0 ? NULL : &s->sz[i];
}

/* Find or insert (keeping the array sorted). NULL when full. */
static struct search_size *get(struct search *s, unsigned size)
{
	int i = find(s, size);
	unsigned at = 0;

	if (i >= 0)
		return &s->sz[i];
	if (s->nsz >= SEARCH_MAX_SIZES)
		return NULL;
	while (at < s->nsz && s->sz[at].size < size)
		at++;
	memmove(&s->sz[at + 1], &s->sz[at], (s->nsz - at) * sizeof s->sz[0]);
	memset(&s->sz[at], 0, sizeof s->sz[0]);
	s->sz[at].size = size;
	s->nsz++;
	return &s->sz[at];
}

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

		v->samples += e->replies + e->silences;
		v->lost += e->silences;
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
		    !s->sz[i].ptbs && !s->sz[i].emsgsize)
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
		if (e->ptbs || e->emsgsize) {
			v->hi = e->size;
			v->hik = HI_PTB;
			break;
		}
		cum += e->silences;
		if (cum >= n_at(v, e->size)) {
			v->hi = e->size;
			v->hik = HI_SILENCE;
			break;
		}
	}
}

static void view_compute(const struct search *s, struct view *v)
{
	memset(v, 0, sizeof *v);
	view_loss(s, v);
	view_hi(s, v);
	v->tent = v->hi;
	for (unsigned i = 0; i < s->nsz; i++) {
		const struct search_size *e = &s->sz[i];

		if (e->size <= v->lo)
			continue;
		v->silent_above += e->silences;
		if (e->silences && e->size < v->tent)
			v->tent = e->size;
		if (e->overdue && !v->soft)
			v->soft = e->size;
		if (e->hinted && !v->hint && e->size < v->hi)
			v->hint = e->size;
	}
	if (!v->soft || v->soft > v->tent)
		v->soft = v->tent;
	if (!v->hint) {
		const struct search_size *e = entry(s, v->lo);

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

/* P(PMTU + 1 actually passes), once converged. */
static double p_wrong(const struct search *s, const struct view *v)
{
	const struct search_size *e;

	if (v->lo >= s->p.max || v->hik == HI_LOCAL)
		return 0.0;
	e = entry(s, v->hi);
	if (!e)
		return 1.0;
	if (e->ptbs || e->emsgsize)
		return 0.0;
	return all_lost(v->lost, v->samples, e->silences);
}

static bool passes_ok(const struct search *s, const struct view *v)
{
	const struct search_size *e = entry(s, v->lo);

	return e && e->replies >= s->p.verify_passes;
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
	e = entry(s, v->hi);
	if (!e)
		return false;
	if ((unsigned)e->ptbs + e->emsgsize + e->silences < s->p.verify_fails)
		return false;
	if (enough_samples && !e->ptbs && !e->emsgsize &&
	    v->samples < s->p.loss_samples)
		return false;
	return p_wrong(s, v) <= s->p.target_error;
}

static bool view_done(const struct search *s, const struct view *v)
{
	if (unreachable(s, v))
		return true;
	return converged(s, v) && passes_ok(s, v) && fails_ok(s, v, true);
}

static void emit(const struct search *s, struct plan *pl, unsigned size,
		 unsigned copies)
{
	if (size < s->p.min || size > s->p.max)
		return;
	if (!entry(s, size)) {
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

static bool tried(const struct search *s, unsigned size)
{
	const struct search_size *e = entry(s, size);

	return e && e->tried;
}

static unsigned pending_at(const struct search *s, unsigned size)
{
	const struct search_size *e = entry(s, size);

	return e ? e->pending : 0;
}

/* A trusted PTB said "next-hop MTU is M": probe exactly M (it should pass)
 * and M + 1 (it should fail). RFC 8201 section 4 and RFC 1191 section 3 let
 * a host adopt M outright; we confirm it, since PTBs can be stale, forged
 * or sent by a router that is not the only bottleneck (RFC 4821 sec. 1
 * on why ICMP alone is not to be relied on). */
static void plan_hint(const struct search *s, const struct view *v,
		      struct plan *pl)
{
	unsigned m = v->hint;

	if (!m)
		return;
	if (m > v->lo && pending_at(s, m) == 0)
		emit(s, pl, m, pass_copies(v));
	if (m + 1 < v->hi && !tried(s, m + 1))
		emit(s, pl, m + 1, 1);
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
		if (p < cap && (p <= v->lo) == below && !tried(s, p))
			emit(s, pl, p, 1);
	}
}

static bool planned(const struct plan *pl, unsigned size)
{
	for (size_t i = 0; i < pl->n; i++)
		if (pl->out[i] == size)
			return true;
	return false;
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
		if (pl->out[i] > v->lo && pl->out[i] < v->soft && !entry(s, pl->out[i]))
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
	const struct search_size *e = entry(s, v->tent);

	if (v->tent >= v->hi || v->lo + 1 >= v->tent || !e || e->pending)
		return;
	if (e->silences > 1)        /* retried already: leave it to the split */
		return;
	for (unsigned i = 0; i < s->nsz && s->sz[i].size < v->tent; i++)
		if (s->sz[i].size > v->lo && s->sz[i].pending)
			return;     /* a smaller size is still in flight: wait for it */
	for (size_t i = 0; i < pl->n; i++)
		if (pl->out[i] > v->lo && pl->out[i] < v->tent)
			return;     /* ... or about to be */
	emit(s, pl, v->tent, pass_copies(v));
}

/* More probes at lo when silence is going to decide something and the
 * loss estimate rests on too few samples. They double as re-checks of lo. */
static void plan_samples(const struct search *s, const struct view *v,
			 struct plan *pl)
{
	unsigned have = v->samples + v->pend_lo;

	if (v->lo < s->p.min || !v->silent_above)
		return;
	if (have < s->p.loss_samples)
		emit(s, pl, v->lo, s->p.loss_samples - have);
}

/* lo + 1 is silent (or overdue) but not yet silent enough: send the
 * missing copies all at once, so one timeout decides it. Starting when the
 * first probe is merely overdue saves a whole timeout on slow paths. */
static void plan_confirm(const struct search *s, const struct view *v,
			 struct plan *pl)
{
	const struct search_size *e;
	unsigned have;

	if (v->soft >= v->hi || v->lo + 1 != v->soft)
		return;
	e = entry(s, v->soft);
	have = e ? (unsigned)e->silences + e->pending : 0;
	if (have < n_at(v, v->soft))
		emit(s, pl, v->soft, n_at(v, v->soft) - have);
}

/* Converged: PMTU must pass again and PMTU + 1 fail again. */
static void plan_verify(const struct search *s, const struct view *v,
			struct plan *pl)
{
	const struct search_size *e = entry(s, v->lo);

	if (e && e->replies < s->p.verify_passes && !e->pending)
		emit(s, pl, v->lo, pass_copies(v));
	if (!fails_ok(s, v, false) && pending_at(s, v->hi) == 0)
		emit(s, pl, v->hi, 1);
}

size_t search_next(const struct search *s, unsigned *sizes, size_t max)
{
	struct view v;
	struct plan pl = { sizes, max, 0, 0, SEARCH_MAX_SIZES - s->nsz };

	view_compute(s, &v);
	if (view_done(s, &v))
		return 0;
	if (converged(s, &v)) {
		plan_verify(s, &v, &pl);
		if (v.hik == HI_SILENCE)
			plan_samples(s, &v, &pl);
		return pl.n;
	}
	plan_hint(s, &v, &pl);
	plan_table(s, &v, &pl, false);
	plan_retry(s, &v, &pl);
	plan_split(s, &v, &pl);
	plan_table(s, &v, &pl, true);
	plan_samples(s, &v, &pl);
	plan_confirm(s, &v, &pl);
	return pl.n;
}

bool search_done(const struct search *s)
{
	struct view v;

	view_compute(s, &v);
	return view_done(s, &v);
}

void search_params_default(struct search_params *p, int family,
			   unsigned min, unsigned max)
{
	memset(p, 0, sizeof *p);
	p->family = family;
	p->min = min ? min : (family == 6 ? 1280 : 68);
	p->max = max ? max : 1500;
	p->target_error = 1e-4;     /* per decision; a run makes several */
	p->n_min = 2;               /* one silence is never enough */
	p->n_max = 12;              /* 36% loss needs ~8 with enough samples */
	p->fanout = 8;
	p->verify_passes = 2;
	p->verify_fails = 2;
	/* Before an answer that rests on silence. Fewer made the estimate
	 * too optimistic at 36% loss (0/12 replies lost happens 0.5% of the
	 * time); 32 clean samples let 3 silences suffice. */
	p->loss_samples = 32;
	p->hint_odds = 100;         /* a trusted PTB's MTU is that much likelier */
}

int search_init(struct search *s, const struct search_params *p)
{
	unsigned floor = p->family == 6 ? 1280 : 68;

	if (p->family != 4 && p->family != 6)
		return -1;
	if (p->min < floor || p->min > p->max || p->max > 65535)
		return -1;
	if (p->n_min < 1 || p->n_max < p->n_min || !p->fanout)
		return -1;
	if (!(p->target_error > 0.0 && p->target_error < 1.0) || p->hint_odds < 1.0)
		return -1;
	memset(s, 0, sizeof *s);
	s->p = *p;
	return 0;
}

enum search_ptb search_ptb_trust(int family, unsigned probe_size, uint32_t mtu)
{
	if (mtu == 0)
		return SEARCH_PTB_ZERO;
	if (mtu >= probe_size)
		return SEARCH_PTB_NOT_SMALLER;
	if (mtu < (family == 6 ? 1280u : 68u))
		return SEARCH_PTB_BELOW_MIN;
	return SEARCH_PTB_TRUSTED;
}

int search_sent(struct search *s, unsigned size)
{
	struct search_size *e = get(s, size);

	if (!e)
		return -1;
	if (e->pending < UINT16_MAX)
		e->pending++;
	e->tried = 1;
	return 0;
}

static void bump(uint16_t *c)
{
	if (*c < UINT16_MAX)
		(*c)++;
}

static void unbump(uint16_t *c)
{
	if (*c)
		(*c)--;
}

/* Remember a trusted reported MTU as a size worth probing exactly. A 0 MTU
 * gets no hint: RFC 1191 section 5 says guess from the plateau table,
 * which plan_table() already sends. */
static void add_hint(struct search *s, unsigned probe_size, uint32_t mtu)
{
	struct search_size *e;

	if (search_ptb_trust(s->p.family, probe_size, mtu) != SEARCH_PTB_TRUSTED)
		return;
	if (mtu < s->p.min || mtu > s->p.max)
		return;
	e = get(s, mtu);
	if (e)
		e->hinted = 1;
}

/* A first-hop MTU from EMSGSIZE bounds everything (the kernel will refuse
 * larger sends) and is also the likeliest PMTU, so it becomes a hint. */
static void add_local(struct search *s, unsigned size, uint32_t mtu)
{
	if (!mtu || mtu >= size)
		return;
	if (!s->local_mtu || mtu < s->local_mtu)
		s->local_mtu = mtu;
	if (mtu >= s->p.min) {
		struct search_size *e = get(s, mtu);

		if (e)
			e->hinted = 1;
	}
}

static void note_reply(struct search *s, unsigned size)
{
	for (unsigned i = 0; i < s->nsz && s->sz[i].size <= size; i++)
		if (s->sz[i].ptbs || s->sz[i].emsgsize) {
			s->conflicts++;
			return;
		}
}

/* Undo the probe's previous state. */
static int leave(struct search_size *e, enum search_was was)
{
	switch (was) {
	case SEARCH_WAS_UNSENT:
		return 0;
	case SEARCH_WAS_OVERDUE:
		unbump(&e->overdue);
		/* an overdue probe is also pending */
		__attribute__((fallthrough));
	case SEARCH_WAS_PENDING:
		unbump(&e->pending);
		return 0;
	case SEARCH_WAS_SILENT:
		unbump(&e->silences);
		return 0;
	}
	return -1;
}

int search_record(struct search *s, unsigned size, enum search_was was,
		  enum search_outcome o, uint32_t mtu)
{
	struct search_size *e = get(s, size);

	if (!e || leave(e, was) < 0)
		return -1;
	switch (o) {
	case SEARCH_REPLY:
		bump(&e->replies);
		note_reply(s, size);
		return 0;
	case SEARCH_TOO_BIG:
		bump(&e->ptbs);
		add_hint(s, size, mtu);   /* may move e: do it last */
		return 0;
	case SEARCH_OVERDUE:
		bump(&e->pending);
		bump(&e->overdue);
		return 0;
	case SEARCH_TIMEOUT:
		bump(&e->silences);
		return 0;
	case SEARCH_EMSGSIZE:
		bump(&e->emsgsize);
		e->tried = 1;
		add_local(s, size, mtu);
		return 0;
	}
	return -1;
}

static void result_reason(const struct search *s, const struct view *v,
			  struct search_result *r)
{
	const struct search_size *lo = entry(s, v->lo), *hi = entry(s, v->hi);
	unsigned lr = lo ? lo->replies : 0;
	size_t n = sizeof r->reason;

	if (r->unreachable)
		snprintf(r->reason, n, hi && (hi->ptbs || hi->emsgsize) ?
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
	else if (hi && (hi->ptbs || hi->emsgsize))
		snprintf(r->reason, n, "%u passed x%u; %u too big (PTB) x%u, silent x%u",
			 v->lo, lr, v->hi, hi->ptbs + hi->emsgsize, hi->silences);
	else if (hi)
		snprintf(r->reason, n, "%u passed x%u; %u silent x%u at %.0f%% loss "
			 "(P(wrong) %.1g)", v->lo, lr, v->hi, hi->silences,
			 100.0 * r->loss, r->p_wrong);
	if (r->converged && !r->verified) {
		char tmp[SEARCH_REASON_LEN];

		memcpy(tmp, r->reason, sizeof tmp);
		snprintf(r->reason, n, "not verified: %.*s", (int)(n - 16), tmp);
	}
}

void search_result(const struct search *s, struct search_result *r)
{
	struct view v;
	const struct search_size *hi;

	view_compute(s, &v);
	memset(r, 0, sizeof *r);
	r->lower = v.lo >= s->p.min ? v.lo : 0;
	r->upper = v.hi - 1;
	r->unreachable = unreachable(s, &v);
	r->converged = converged(s, &v);
	r->pmtu = r->converged ? v.lo : 0;
	r->at_max = r->converged && v.lo >= s->p.max;
	r->verified = r->converged && passes_ok(s, &v) && fails_ok(s, &v, true);
	r->done = view_done(s, &v);
	hi = entry(s, v.hi);
	r->fail_by_ptb = r->converged && (v.hik == HI_LOCAL ||
					  (hi && (hi->ptbs || hi->emsgsize)));
	r->p_wrong = r->converged ? p_wrong(s, &v) : 1.0;
	r->samples = v.samples;
	r->loss = v.samples ? (double)v.lost / v.samples : 0.0;
	r->n_needed = v.n;
	r->conflicts = s->conflicts;
	result_reason(s, &v, r);
}
