/* SPDX-License-Identifier: BSD-2-Clause */
/* Internals shared by the three parts of the search: search_evidence.c
 * (the counts per size), search.c (the interval, the loss model, the
 * verdict) and search_plan.c (what to send next). Not part of the public
 * API. */
#ifndef MTUPROBE_SEARCH_INT_H
#define MTUPROBE_SEARCH_INT_H

#include "core/search.h"

#include <stdbool.h>

/* The evidence about a size, or NULL if it was never mentioned. */
const struct search_size *search_entry(const struct search *s, unsigned size);

/* Find or insert (keeping the table sorted by size). NULL when full. */
struct search_size *search_slot(struct search *s, unsigned size);

/* The interval and loss model, derived from the evidence. */
enum hi_kind { HI_NONE, HI_LOCAL, HI_PTB, HI_SILENCE };

struct view {
	unsigned lo;           /* largest size with a reply, or min - 1 */
	unsigned hi;           /* smallest size known to fail, or max + 1 */
	enum hi_kind hik;      /* what proved hi fails */
	unsigned tent;         /* smallest size > lo with a silence, capped at hi */
	unsigned soft;         /* ... or with an overdue probe: likely too big */
	unsigned hint;         /* smallest trusted reported MTU in [lo, hi), 0 none */
	unsigned n;            /* silences in (lo, s] that make s fail */
	unsigned n_hint;       /* ... when s <= a trusted reported MTU */
	unsigned claim;        /* smallest unrefuted trusted reported MTU > lo */
	bool settled;          /* count PTBs only once their reply window closed */
	bool distrust;         /* some PTB lied: PTBs count as silences only */
	unsigned open_above;   /* PTBs above lo whose reply window is still open */
	unsigned samples;      /* resolved probes at sizes <= lo */
	unsigned lost;         /* ... of which silent */
	unsigned pend_lo;      /* pending probes at sizes <= lo */
	unsigned silent_above; /* silences at sizes > lo */
};

/* PTB evidence at e as this view may count it: the planning view counts a
 * PTB as soon as it is heard, the deciding view (settled) only once its
 * probe's reply window has closed without a reply (search_evidence.c). */
static inline unsigned
strong_at(const struct view *v, const struct search_size *e)
{
	return v->settled ? (unsigned)e->ptbs - e->ptbs_open : e->ptbs;
}

static inline unsigned
weak_at(const struct view *v, const struct search_size *e)
{
	return v->settled ? (unsigned)e->weak - e->weak_open : e->weak;
}

/* e fails on ICMP alone: a strong PTB, our own EMSGSIZE, or weak PTBs for
 * two probes. One weak PTB is not enough: a short quote is forged by
 * guessing ident, seq and checksum only (RFC 5927 sec. 4.1). Once a PTB
 * in this run was caught lying, only EMSGSIZE is. */
static inline bool
icmp_fails(const struct view *v, const struct search_size *e)
{
	if (v->distrust)
		return e->emsgsize != 0;
	return strong_at(v, e) || e->emsgsize || weak_at(v, e) >= 2;
}

/* Probes of e that went unanswered, as silence counts them: with distrust,
 * a strong PTB'd probe whose window closed is just a probe with no reply. */
static inline unsigned
silent_at(const struct view *v, const struct search_size *e)
{
	return e->silences + (v->distrust ? (unsigned)e->ptbs - e->ptbs_open : 0u);
}

/* Failures of e for verify_fails. Settled weak PTBs are silences already;
 * the planning view also counts the weak ones still open. */
static inline unsigned
fails_at(const struct view *v, const struct search_size *e)
{
	return strong_at(v, e) + e->emsgsize + e->silences + (v->settled ? 0u : e->weak_open);
}

/* Silences in (lo, size] that make size fail. */
static inline unsigned
n_at(const struct view *v, unsigned size)
{
	return size <= v->claim ? v->n_hint : v->n;
}

/* search.c: the view and the verdict, shared with the plan (search_plan.c). */
/* Derive the interval and loss model; settled: count PTBs only once their
 * reply window closed (the deciding view), else as soon as heard (planning). */
void search_view(const struct search *s, struct view *v, bool settled);
/* Smallest k in [n_min, n_max] with P(k more losses) < target. */
unsigned
search_need_n(const struct search_params *p, double target, unsigned lost, unsigned samples);
bool search_converged(const struct search *s, const struct view *v);
/* Replies at e that count towards verify_passes. */
unsigned search_clean_passes(const struct search *s, const struct search_size *e);
bool search_passes_ok(const struct search *s, const struct view *v);
bool search_retest_spent(const struct search *s, const struct view *v);
bool search_fails_ok(const struct search *s, const struct view *v, bool enough_samples);
/* Only on a settled view: nothing more to learn. */
bool search_view_done(const struct search *s, const struct view *v);
/* search_rate.c: the rate-limit pattern on a view. */
bool search_rate_view(const struct search *s, const struct view *v, double *rate);

#endif
