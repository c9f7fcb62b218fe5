/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --locate: which TTL-limited probes to send, and what their answers
 * say. See locate.h for the method and why it works. */
#include "core/locate.h"

#include <stdio.h>
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

/* Hop ttl as a person reads it: "hop 2 (198.51.100.2)", "the target". */
static void
hop_text(const struct ip_addr *a, unsigned ttl, bool target, char *buf, size_t len)
{
	char who[64];

	ip_addr_text(a, who, sizeof(who));
	if (target)
		snprintf(buf, len, "the target %s (hop %u)", who, ttl);
	else if (a->family)
		snprintf(buf, len, "hop %u (%s)", ttl, who);
	else
		snprintf(buf, len, "hop %u (no answer)", ttl);
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

/* The big packets reach hop k and not hop b = k + 1: name both. */
static void
found(const struct locate *l, unsigned k, struct locate_result *r)
{
	const unsigned p = ptb_past(l, k);
	const struct locate_obs *lb, *sb, *lk;
	char last[96], silent[96], next[96];
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
	if (k)
		hop_text(&r->last, k, false, last, sizeof(last));
	else
		snprintf(last, sizeof(last), "this host");
	hop_text(&r->silent, b, r->silent_is_target, silent, sizeof(silent));
	if (lb->heard == LOCATE_TOO_BIG) {
		char who[64];

		r->by_ptb = true;
		r->ptb_mtu = lb->mtu;
		r->ptb_from = lb->from;
		if (lb->from.family)
			ip_addr_text(&lb->from, who, sizeof(who));
		else /* EMSGSIZE: the kernel refused to send it */
			snprintf(who, sizeof(who), "this host's own interface");
		snprintf(r->reason, sizeof(r->reason),
			 "not a black hole: big packets %s %s, "
			 "and %s answers 'too big', MTU %u, for them",
			 k ? "reach" : "leave", last, who, lb->mtu);
		return;
	}
	if (!r->silent.family) {
		r->silent_mute = true;
		r->next_ttl = next_answering(l, b);
		if (r->next_ttl) {
			r->next = obs(l, r->next_ttl, false)->from;
			hop_text(&r->next, r->next_ttl,
				 obs(l, r->next_ttl, false)->heard == LOCATE_TARGET, next,
				 sizeof(next));
		} else
			snprintf(next, sizeof(next), "none");
		/* The mute hop may be the last they reach: only the span is known. */
		if (r->next_ttl)
			snprintf(
				r->reason, sizeof(r->reason),
				"big packets %s %s; hop %u answers no "
				"TTL probe at all, the next that does is %s and they never reach it: "
				"they vanish between the two",
				k ? "reach" : "leave", last, b, next);
		else
			snprintf(
				r->reason, sizeof(r->reason),
				"big packets %s %s; hop %u answers no "
				"TTL probe at all, the next that does is none: they vanish after %s",
				k ? "reach" : "leave", last, b, last);
		return;
	}
	snprintf(r->reason, sizeof(r->reason),
		 "big packets %s %s and never %s%s: they are "
		 "dropped %s, with no 'too big' reaching us",
		 k ? "reach" : "leave", last, k ? "" : "reach ", silent,
		 k ? "on the way out of that hop or on the link after it"
		   : "before the first hop "
		     "(this host's own link or firewall)");
}

void
locate_verdict(const struct locate *l, struct locate_result *r)
{
	unsigned k = last_large_hop(l), b = k + 1, t;

	memset(r, 0, sizeof(*r));
	r->target_ttl = l->target_ttl;
	if ((t = large_reached(l)) != 0) {
		snprintf(r->reason, sizeof(r->reason),
			 "not located: a probe one byte above the "
			 "path MTU reached the target (TTL %u): the path changed since it was "
			 "measured",
			 t);
		return;
	}
	if ((t = small_refused(l)) != 0) {
		snprintf(r->reason, sizeof(r->reason),
			 "not located: a probe of the path MTU itself "
			 "was refused as too big (TTL %u): the path changed since it was measured",
			 t);
		return;
	}
	if (!any_answer(l)) {
		snprintf(r->reason, sizeof(r->reason),
			 "not located: no hop answered any TTL-limited "
			 "probe (time exceeded filtered, or not sent by these routers)");
		return;
	}
	if (b > l->max_hops || (l->target_ttl && b > l->target_ttl)) {
		snprintf(r->reason, sizeof(r->reason),
			 "not located: big packets were answered by "
			 "every hop up to %u",
			 k);
		return;
	}
	if (ptb_past(l, k)) {
		found(l, k, r);
		return;
	}
	if (obs(l, b, true)->heard != LOCATE_NOTHING) {
		snprintf(r->reason, sizeof(r->reason),
			 "not located: hop %u answered the big packets "
			 "with an ICMP error that is not 'too big'",
			 b);
		return;
	}
	if (obs(l, b, true)->tries < l->attempts) {
		snprintf(r->reason, sizeof(r->reason),
			 "not located: stopped before hop %u's silence "
			 "was confirmed (%u of %u tries)",
			 b, obs(l, b, true)->tries, l->attempts);
		return;
	}
	found(l, k, r);
}
