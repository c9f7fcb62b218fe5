/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --locate: which TTL-limited probes to send, and what their answers
 * say. See locate.h for the method and why it works. */
#include "core/locate.h"

#include <string.h>

#include "core/search.h"

unsigned
locate_attempts(unsigned lost, unsigned samples)
{
	unsigned k = LOCATE_DEF_ATTEMPTS;

	while (k < LOCATE_MAX_ATTEMPTS && search_p_all_lost(lost, samples, k) >= LOCATE_P_WRONG)
		k++;
	return k;
}

void
locate_init(struct locate *l, unsigned max_hops, unsigned attempts)
{
	memset(l, 0, sizeof(*l));
	l->max_hops = max_hops ? max_hops : LOCATE_DEF_HOPS;
	if (l->max_hops > LOCATE_MAX_HOPS)
		l->max_hops = LOCATE_MAX_HOPS;
	l->attempts = attempts ? attempts : LOCATE_DEF_ATTEMPTS;
	if (l->attempts > 255)
		l->attempts = 255;
}

static const struct locate_obs *
obs(const struct locate *l, unsigned ttl, bool large)
{
	return &l->obs[ttl][large ? 1 : 0];
}

/* The highest TTL whose large probe drew "time exceeded": the last hop the
 * big packets are known to reach (0: none yet). */
static unsigned
last_large_hop(const struct locate *l)
{
	unsigned k = 0;

	for (unsigned t = 1; t <= l->max_hops; t++)
		if (obs(l, t, true)->heard == LOCATE_HOP)
			k = t;
	return k;
}

/* A large probe reached the target: P + 1 crosses now. */
static unsigned
large_reached(const struct locate *l)
{
	for (unsigned t = 1; t <= l->max_hops; t++)
		if (obs(l, t, true)->heard == LOCATE_TARGET)
			return t;
	return 0;
}

/* A small probe was refused as too big: P itself no longer crosses. */
static unsigned
small_refused(const struct locate *l)
{
	for (unsigned t = 1; t <= l->max_hops; t++)
		if (obs(l, t, false)->heard == LOCATE_TOO_BIG)
			return t;
	return 0;
}

/* The first TTL past hop k whose large probe drew "too big": the hop that
 * cannot forward them says so (from TTL k + 1 on, or further out when the
 * boundary's own answer was lost). 0 if none. */
static unsigned
ptb_past(const struct locate *l, unsigned k)
{
	for (unsigned t = k + 1; t <= l->max_hops; t++)
		if (obs(l, t, true)->heard == LOCATE_TOO_BIG)
			return t;
	return 0;
}

bool
locate_decided(const struct locate *l)
{
	if (large_reached(l) || small_refused(l))
		return true;
	return ptb_past(l, last_large_hop(l)) != 0;
}

bool
locate_want(const struct locate *l, unsigned ttl, bool large)
{
	const struct locate_obs *o;
	unsigned b;

	if (ttl < 1 || ttl > l->max_hops || locate_decided(l))
		return false;
	o = obs(l, ttl, large);
	if (o->heard != LOCATE_NOTHING || o->tries >= l->attempts)
		return false;
	if (l->target_ttl && ttl > l->target_ttl)
		return false;
	if (o->tries == 0)
		return true;
	/* Retried: only the boundary, where a silence would be the finding. */
	b = last_large_hop(l) + 1;
	return ttl == b;
}

void
locate_sent(struct locate *l, unsigned ttl, bool large)
{
	if (ttl >= 1 && ttl <= l->max_hops)
		l->obs[ttl][large ? 1 : 0].tries++;
}

void
locate_heard(struct locate *l, unsigned ttl, bool large, enum locate_heard h,
	     const struct ip_addr *from, uint32_t mtu)
{
	struct locate_obs *o;

	if (ttl < 1 || ttl > l->max_hops || h == LOCATE_NOTHING)
		return;
	o = &l->obs[ttl][large ? 1 : 0];
	if (o->heard != LOCATE_NOTHING)
		return;
	o->heard = h;
	o->mtu = mtu;
	if (from)
		o->from = *from;
	if (h == LOCATE_TARGET && !large && (!l->target_ttl || ttl < l->target_ttl))
		l->target_ttl = ttl;
}

unsigned
locate_last_tried(const struct locate *l)
{
	unsigned last = 0;

	for (unsigned t = 1; t <= l->max_hops; t++)
		if (obs(l, t, false)->tries || obs(l, t, true)->tries)
			last = t;
	return last;
}

/* The first TTL past b whose small probe was answered (hop or target). */
static unsigned
next_answering(const struct locate *l, unsigned b)
{
	for (unsigned t = b + 1; t <= l->max_hops; t++)
		if (obs(l, t, false)->heard == LOCATE_HOP ||
		    obs(l, t, false)->heard == LOCATE_TARGET)
			return t;
	return 0;
}

/* A router answered a TTL-limited probe. The target's answer does not
 * count: it places nothing, and a path whose routers all keep quiet would
 * otherwise put the hole before hop 1. */
static bool
router_answered(const struct locate_obs *o)
{
	return o->heard != LOCATE_NOTHING && o->heard != LOCATE_TARGET;
}

static bool
any_answer(const struct locate *l)
{
	for (unsigned t = 1; t <= l->max_hops; t++)
		if (router_answered(obs(l, t, false)) || router_answered(obs(l, t, true)))
			return true;
	return false;
}

static bool
same_addr(const struct ip_addr *a, const struct ip_addr *b)
{
	return a->family && a->family == b->family && !memcmp(a->a, b->a, sizeof(a->a));
}

/* The big packets reach hop k and not hop b = k + 1: name both. The
 * result's fields are the finding; r->why says which sentence render
 * makes of them. */
static void
found(const struct locate *l, unsigned k, struct locate_result *r)
{
	const unsigned p = ptb_past(l, k);
	const struct locate_obs *lb, *sb, *lk;
	unsigned b;

	/* A "too big" from a hop the small probes met past k: that hop got them
	 * (its own time exceeded for them was lost). */
	for (unsigned t = k + 1; p && t < p; t++)
		if (same_addr(&obs(l, t, false)->from, &obs(l, p, true)->from))
			k = t;
	b = k + 1;
	sb = obs(l, b, false);
	lb = obs(l, p ? p : b, true);
	lk = obs(l, k, obs(l, k, true)->heard == LOCATE_HOP);
	r->found = true;
	r->last_ttl = k;
	if (k)
		r->last = lk->from;
	r->silent_ttl = b;
	r->silent_is_target = sb->heard == LOCATE_TARGET;
	if (sb->heard == LOCATE_HOP || sb->heard == LOCATE_TARGET)
		r->silent = sb->from;
	if (lb->heard == LOCATE_TOO_BIG) {
		/* ptb_from family 0: EMSGSIZE, the kernel refused to send it */
		r->why = LOCATE_WHY_PTB;
		r->by_ptb = true;
		r->ptb_mtu = lb->mtu;
		r->ptb_from = lb->from;
		return;
	}
	if (!r->silent.family) {
		r->silent_mute = true;
		r->next_ttl = next_answering(l, b);
		if (r->next_ttl) {
			r->next = obs(l, r->next_ttl, false)->from;
			r->next_is_target = obs(l, r->next_ttl, false)->heard == LOCATE_TARGET;
		}
		/* The mute hop may be the last they reach: only the span is known. */
		r->why = r->next_ttl ? LOCATE_WHY_MUTE_BETWEEN : LOCATE_WHY_MUTE_AFTER;
		return;
	}
	r->why = LOCATE_WHY_DROPPED;
}

void
locate_verdict(const struct locate *l, struct locate_result *r)
{
	unsigned k = last_large_hop(l), b = k + 1, t;

	memset(r, 0, sizeof(*r));
	r->target_ttl = l->target_ttl;
	r->attempts = l->attempts;
	if ((t = large_reached(l)) != 0) {
		/* P + 1 crossed: the path changed since it was measured */
		r->why = LOCATE_WHY_LARGE_REACHED;
		r->why_ttl = t;
		return;
	}
	if ((t = small_refused(l)) != 0) {
		/* P itself was refused: the path changed since it was measured */
		r->why = LOCATE_WHY_SMALL_REFUSED;
		r->why_ttl = t;
		return;
	}
	if (!any_answer(l)) {
		r->why = LOCATE_WHY_NO_ANSWER;
		return;
	}
	if (b > l->max_hops || (l->target_ttl && b > l->target_ttl)) {
		r->why = LOCATE_WHY_ALL_ANSWERED;
		r->why_ttl = k;
		return;
	}
	if (ptb_past(l, k)) {
		found(l, k, r);
		return;
	}
	if (obs(l, b, true)->heard != LOCATE_NOTHING) {
		r->why = LOCATE_WHY_ICMP_ERROR;
		r->why_ttl = b;
		return;
	}
	if (obs(l, b, true)->tries < l->attempts) {
		r->why = LOCATE_WHY_UNCONFIRMED;
		r->why_ttl = b;
		r->why_tries = obs(l, b, true)->tries;
		return;
	}
	found(l, k, r);
}
