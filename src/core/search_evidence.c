/* SPDX-License-Identifier: BSD-2-Clause */
/* search_evidence: what the search knows, per probe size, and how much
 * each kind of news is worth. The policy that reads these counts (the
 * interval, the plan, the verdict) is search.c.
 *
 * The weights, and why:
 * - An echo reply carrying our random cookie (RFC 4443 sec. 4.2 and RFC 792:
 *   the data is echoed whole) is the strongest evidence: only someone who saw
 *   the probe can produce it. A PTB, even one quoting the whole probe, only
 *   says a router (or anyone on the path) claims the probe was too big. So a
 *   reply to a probe outranks a PTB for the same probe, whichever came
 *   first: the size passed, the PTB is counted as contradicted (RFC 5927
 *   sec. 4 and 7 on forged ICMP errors; RFC 8201 sec. 6 and RFC 1191 sec. 8
 *   warn that PTBs can be forged to lower the PMTU).
 * - Hence a PTB is "heard" first (SEARCH_PTB_HEARD: it steers the plan at
 *   once) and proves nothing until its probe's reply window has closed
 *   without a reply (SEARCH_TOO_BIG, sent by the engine at the probe's
 *   timeout). An on-path forger that delays the real replies loses as long
 *   as they arrive within that window.
 * - A PTB whose quote is too short to carry our cookie (RFC 792 routers
 *   quote the IP header + 8 bytes) is weak: an off-path forger needs only
 *   ident, seq and the quoted checksum. It may guide the plan but never
 *   decides alone: a size fails on weak PTBs only with two of them, from
 *   two probes (the same or another router), or by the silence rules
 *   (a weak PTB's probe that is never answered is also a silence).
 * - EMSGSIZE comes from our own kernel: deterministic, trusted. */
#include "core/search_int.h"
#include "base/ip.h"

#include <string.h>

/* Slots of the size table that reported MTUs may not take: a forger, or many
 * routers, reporting a new MTU with every PTB filled all 512, and the search
 * then had no room for its own next size ("search stalled", issue 20). A
 * bisection of 68..65535 needs 16 sizes; the plateau table 17. */
#define HINT_RESERVE 64

/* A slot for a reported MTU, NULL (counted) where only the reserve is left. */
static struct search_size *
hint_slot(struct search *s, unsigned size)
{
	const struct search_size *e = search_entry(s, size);

	if (!e && s->nsz + HINT_RESERVE >= SEARCH_MAX_SIZES) {
		s->hints_dropped++;
		return NULL;
	}
	return search_slot(s, size);
}

static int
find(const struct search *s, unsigned size)
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

const struct search_size *
search_entry(const struct search *s, unsigned size)
{
	int i = find(s, size);

	return i < 0 ? NULL : &s->sz[i];
}

struct search_size *
search_slot(struct search *s, unsigned size)
{
	int i = find(s, size);
	unsigned at = 0;

	if (i >= 0)
		return &s->sz[i];
	if (s->nsz >= SEARCH_MAX_SIZES)
		return NULL;
	while (at < s->nsz && s->sz[at].size < size)
		at++;
	memmove(&s->sz[at + 1], &s->sz[at], (s->nsz - at) * sizeof(s->sz[0]));
	memset(&s->sz[at], 0, sizeof(s->sz[0]));
	s->sz[at].size = size;
	s->nsz++;
	return &s->sz[at];
}

void
search_params_default(struct search_params *p, int family, unsigned min, unsigned max)
{
	memset(p, 0, sizeof(*p));
	p->family = family;
	p->min = min ? min : ip_min_mtu(family);
	p->max = max ? max : 1500;
	p->target_error = 1e-4; /* per decision; a run makes several */
	p->n_min = SEARCH_DEF_MIN_SILENCES;
	p->n_max = 12; /* 36% loss needs ~8 with enough samples */
	p->fanout = 8;
	p->verify_passes = 2;
	p->verify_fails = 2;
	/* Before an answer that rests on silence. Fewer made the estimate
	 * too optimistic at 36% loss (0/12 replies lost happens 0.5% of the
	 * time); 32 clean samples let 3 silences suffice. */
	p->loss_samples = 32;
	p->hint_odds = 100; /* a trusted PTB's MTU is that much likelier */
}

int
search_init(struct search *s, const struct search_params *p)
{
	unsigned floor = ip_min_mtu(p->family);

	if (p->family != 4 && p->family != 6)
		return -1;
	if (p->min < floor || p->min > p->max || p->max > 65535)
		return -1;
	if (p->n_min < 1 || p->n_max < p->n_min || !p->fanout)
		return -1;
	if (!(p->target_error > 0.0 && p->target_error < 1.0) || p->hint_odds < 1.0)
		return -1;
	memset(s, 0, sizeof(*s));
	s->p = *p;
	return 0;
}

enum search_ptb
search_ptb_trust(int family, unsigned probe_size, uint32_t mtu)
{
	if (mtu == 0)
		return SEARCH_PTB_ZERO;
	if (mtu >= probe_size)
		return SEARCH_PTB_NOT_SMALLER;
	if (mtu < (family == 6 ? 1280u : 68u))
		return SEARCH_PTB_BELOW_MIN;
	return SEARCH_PTB_TRUSTED;
}

int
search_sent(struct search *s, unsigned size)
{
	struct search_size *e = search_slot(s, size);

	if (!e)
		return -1;
	if (e->pending < UINT16_MAX)
		e->pending++;
	e->tried = 1;
	return 0;
}

static void
bump(uint16_t *c)
{
	if (*c < UINT16_MAX)
		(*c)++;
}

static void
unbump(uint16_t *c)
{
	if (*c)
		(*c)--;
}

/* Remember a trusted reported MTU as a size worth probing exactly. A 0 MTU
 * gets no hint: RFC 1191 section 5 says guess from the plateau table,
 * which plan_table() already sends. A weak PTB's MTU is a hint too: the
 * hint only chooses what to probe next, and probing it is how a lie shows. */
static void
add_hint(struct search *s, unsigned probe_size, uint32_t mtu)
{
	struct search_size *e;

	if (search_ptb_trust(s->p.family, probe_size, mtu) != SEARCH_PTB_TRUSTED)
		return;
	if (mtu < s->p.min || mtu > s->p.max)
		return;
	e = hint_slot(s, mtu);
	if (e)
		e->hinted = 1;
}

/* A first-hop MTU from EMSGSIZE bounds everything (the kernel will refuse
 * larger sends) and is also the likeliest PMTU, so it becomes a hint. */
static void
add_local(struct search *s, unsigned size, uint32_t mtu)
{
	if (!mtu || mtu >= size)
		return;
	if (!s->local_mtu || mtu < s->local_mtu)
		s->local_mtu = mtu;
	if (mtu >= s->p.min) {
		struct search_size *e = hint_slot(s, mtu);

		if (e)
			e->hinted = 1;
	}
}

static void
note_reply(struct search *s, unsigned size)
{
	for (unsigned i = 0; i < s->nsz && s->sz[i].size <= size; i++)
		if (s->sz[i].ptbs || s->sz[i].emsgsize) {
			s->conflicts++;
			return;
		}
}

static bool
was_ptb(enum search_was was)
{
	return was == SEARCH_WAS_PTB_OPEN || was == SEARCH_WAS_WEAK_OPEN || was == SEARCH_WAS_PTB ||
	       was == SEARCH_WAS_WEAK;
}

static bool
is_ptb(enum search_outcome o)
{
	return o == SEARCH_TOO_BIG || o == SEARCH_PTB_HEARD || o == SEARCH_WEAK_HEARD ||
	       o == SEARCH_TOO_BIG_WEAK;
}

/* Undo the probe's previous state. */
static int
leave(struct search_size *e, enum search_was was)
{
	switch (was) {
	case SEARCH_WAS_UNSENT: return 0;
	case SEARCH_WAS_OVERDUE:
		unbump(&e->overdue);
		/* an overdue probe is also pending */
		__attribute__((fallthrough));
	case SEARCH_WAS_PENDING: unbump(&e->pending); return 0;
	case SEARCH_WAS_SILENT: unbump(&e->silences); return 0;
	case SEARCH_WAS_PTB_OPEN: unbump(&e->ptbs_open); __attribute__((fallthrough));
	case SEARCH_WAS_PTB: unbump(&e->ptbs); return 0;
	case SEARCH_WAS_WEAK:
		unbump(&e->silences);
		unbump(&e->weak);
		return 0;
	case SEARCH_WAS_WEAK_OPEN:
		unbump(&e->weak_open);
		unbump(&e->weak);
		return 0;
	case SEARCH_WAS_REPLY: return -1; /* final: only a contradiction can follow */
	}
	return -1;
}

enum search_was
search_after(enum search_was was, enum search_outcome o)
{
	if (was == SEARCH_WAS_REPLY)
		return SEARCH_WAS_REPLY;
	switch (o) {
	case SEARCH_REPLY: return SEARCH_WAS_REPLY;
	case SEARCH_TOO_BIG: return SEARCH_WAS_PTB;
	case SEARCH_OVERDUE: return SEARCH_WAS_OVERDUE;
	case SEARCH_TIMEOUT: return SEARCH_WAS_SILENT;
	case SEARCH_EMSGSIZE: return SEARCH_WAS_UNSENT;
	case SEARCH_PTB_HEARD: return SEARCH_WAS_PTB_OPEN;
	case SEARCH_WEAK_HEARD: return SEARCH_WAS_WEAK_OPEN;
	case SEARCH_TOO_BIG_WEAK: return SEARCH_WAS_WEAK;
	}
	return was;
}

/* Apply the new state (leave() has undone the old one). Returns -1 for an
 * outcome that is not one. */
static int
enter(struct search *s, struct search_size *e, unsigned size, enum search_outcome o, uint32_t mtu)
{
	switch (o) {
	case SEARCH_REPLY:
		bump(&e->replies);
		note_reply(s, size);
		return 0;
	case SEARCH_PTB_HEARD: bump(&e->ptbs_open); __attribute__((fallthrough));
	case SEARCH_TOO_BIG:
		bump(&e->ptbs);
		add_hint(s, size, mtu); /* may move e: do it last */
		return 0;
	case SEARCH_WEAK_HEARD:
		bump(&e->weak_open);
		bump(&e->weak);
		add_hint(s, size, mtu);
		return 0;
	case SEARCH_TOO_BIG_WEAK:
		bump(&e->weak);
		bump(&e->silences);
		add_hint(s, size, mtu);
		return 0;
	case SEARCH_OVERDUE:
		bump(&e->pending);
		bump(&e->overdue);
		return 0;
	case SEARCH_TIMEOUT: bump(&e->silences); return 0;
	case SEARCH_EMSGSIZE:
		bump(&e->emsgsize);
		e->tried = 1;
		add_local(s, size, mtu);
		return 0;
	}
	return -1;
}

void
search_dispute(struct search *s)
{
	s->disputed++;
}

int
search_record(struct search *s, unsigned size, enum search_was was, enum search_outcome o,
	      uint32_t mtu)
{
	struct search_size *e = search_slot(s, size);

	if (!e)
		return -1;
	/* A PTB after the reply (or a reply after a PTB): the reply stands. */
	if (was == SEARCH_WAS_REPLY && is_ptb(o)) {
		bump(&e->contra);
		s->contradicted++;
		return 0;
	}
	if (leave(e, was) < 0)
		return -1;
	if (o == SEARCH_REPLY && was_ptb(was)) {
		bump(&e->contra);
		s->contradicted++;
	}
	return enter(s, e, size, o, mtu);
}
