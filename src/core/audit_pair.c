/* SPDX-License-Identifier: BSD-2-Clause */
/* Two routers, both ends of their tunnels: each tunnel of A matched to
 * the tunnel of B that talks to it, then the checks that need both ends.
 * Pure: codes and numbers out, words in render/audit_pair_out.c. What each
 * router does by default is read as core/audit_peer.c reads it against
 * AWS (the same helpers, audit_peer_int.h), so that one fact has one
 * reading; router facts: doc/router-facts.md. */
#include "core/audit_pair.h"
#include "core/audit_peer_int.h"
#include "base/count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct audit_rpair_run {
	const struct config *c[END_COUNT];
	const struct audit_result *ar[END_COUNT];
	struct audit_rpair_result *r;
	const struct audit_rpair_check *check;
	unsigned char *used[END_COUNT]; /* per tunnel: paired */
};

uint32_t
audit_pair_local_addr(const struct config *c, size_t i, unsigned *line)
{
	const struct config_prefix *p;

	*line = 0;
	if (i >= c->ntunnels || !audit_peer_ipsec_tunnel(c, i))
		return 0;
	p = &c->gateways[c->tunnels[i].gateway].local_addr;
	/* a private address toward a public peer is translated on the way
	 * (config_nat_between): the other end's file names the NAT's address,
	 * which this file cannot know, so it neither matches nor contradicts */
	if (!p->line || p->tmpl || p->plen != 32 ||
	    config_nat_between(p, &c->gateways[c->tunnels[i].gateway].remote_addr))
		return 0;
	*line = p->line;
	return p->addr;
}

static const struct config_gateway *
gw_of(const struct config *c, int i)
{
	return &c->gateways[c->tunnels[i].gateway];
}

/* Room for one more row of a table (*rows, n used, *cap): 0, or -1 with
 * the result marked out of memory. */
static int
grow(struct audit_rpair_result *r, void **rows, size_t n, size_t *cap, size_t size)
{
	size_t want = *cap ? *cap * 2 : 16;
	void *p;

	if (n < *cap)
		return 0;
	if (!(p = realloc(*rows, want * size))) {
		r->nomem = 1;
		return -1;
	}
	*rows = p;
	*cap = want;
	return 0;
}

static struct audit_rpair_finding *
finding(struct audit_rpair_run *a, const struct audit_rpair *pr)
{
	struct audit_rpair_result *r = a->r;
	struct audit_rpair_finding *f;

	if (grow(r, (void **)&r->findings, r->nfindings, &r->cap_findings, sizeof(*f)) < 0)
		return NULL;
	f = &r->findings[r->nfindings++];
	memset(f, 0, sizeof(*f));
	f->check = a->check;
	f->end[END_A].tunnel = pr ? pr->t[END_A] : -1;
	f->end[END_B].tunnel = pr ? pr->t[END_B] : -1;
	if (a->check->severity == AUDIT_ERROR)
		r->nerror++;
	else if (a->check->severity == AUDIT_WARNING)
		r->nwarning++;
	return f;
}

/* Where a finding points on one end: the line (or the tunnel's block). */
static void
at(struct audit_rpair_finding *f, int side, const struct config *c, const struct config_num *n)
{
	struct audit_rpair_end *e = &f->end[side];

	if (n && n->line) {
		e->line = n->line;
		snprintf(e->text, sizeof(e->text), "%s", n->text);
	} else if (e->tunnel >= 0)
		e->line = c->tunnels[e->tunnel].line;
}

static void
fix(struct audit_rpair_run *a, struct audit_rpair_finding *f, int side, enum audit_fix_kind kind,
    long n, long m, int per_tunnel)
{
	struct audit_rpair_end *e = &f->end[side];
	int t = per_tunnel ? e->tunnel : -1;
	const struct config_tunnel *ct = t >= 0 ? &a->c[side]->tunnels[t] : NULL;

	if (e->nfix >= AUDIT_MAX_FIX)
		return;
	e->fix[e->nfix++] =
		(struct audit_fix){ kind, n, m, t, ct ? ct->gateway : -1, ct ? ct->ikev2 : 0, -1 };
}

/* ---- pairing -------------------------------------------------------- */

/* 1 when a's IKE goes to b's address and b's to a's, as far as both files
 * write them: a local address one end leaves out (NAT, a dynamic address,
 * IX, which takes it from its outgoing interface) matches nothing and
 * contradicts nothing, but one direction must be known. */
struct outside {
	uint32_t ra, la, rb, lb; /* A's remote and local, B's (0: not written) */
};

static struct outside
outside(const struct audit_rpair_run *a, size_t i, size_t j)
{
	unsigned l;

	return (struct outside){ audit_peer_router_addr(a->c[END_A], i, &l),
				 audit_pair_local_addr(a->c[END_A], i, &l),
				 audit_peer_router_addr(a->c[END_B], j, &l),
				 audit_pair_local_addr(a->c[END_B], j, &l) };
}

/* Each direction: 1 matches, 0 contradicts, -1 not known (one side not
 * written); as a pairing: both, one, or none (a contradiction, or
 * nothing known: *said 0). */
static enum audit_rpair_by
match(int ab, int ba, enum audit_rpair_by both, enum audit_rpair_by one, int *said)
{
	*said = ab != -1 || ba != -1;
	if (ab == 0 || ba == 0)
		return RPAIR_NONE;
	if (ab == 1 && ba == 1)
		return both;
	return ab == 1 || ba == 1 ? one : RPAIR_NONE;
}

static enum audit_rpair_by
addr_match(const struct audit_rpair_run *a, size_t i, size_t j, int *said)
{
	struct outside o = outside(a, i, j);

	return match(o.ra && o.lb ? o.ra == o.lb : -1, o.rb && o.la ? o.rb == o.la : -1, RPAIR_ADDR,
		     RPAIR_ADDR_ONE, said);
}

static enum audit_rpair_by
by_addr(const struct audit_rpair_run *a, size_t i, size_t j)
{
	int said;

	return addr_match(a, i, j, &said);
}

static int
id_eq(const char *x, const char *y)
{
	return x[0] && y[0] ? strcmp(x, y) == 0 : -1;
}

/* The IKE identities, only where the outside addresses say nothing (NAT,
 * dynamic addresses): an address that contradicts is a stale address,
 * which the identities must not hide. */
static enum audit_rpair_by
by_id(const struct audit_rpair_run *a, size_t i, size_t j)
{
	const struct config_gateway *x = &a->c[END_A]->gateways[a->c[END_A]->tunnels[i].gateway];
	const struct config_gateway *y = &a->c[END_B]->gateways[a->c[END_B]->tunnels[j].gateway];
	int said, one;

	if (addr_match(a, i, j, &said) != RPAIR_NONE || said)
		return RPAIR_NONE;
	return match(id_eq(x->remote_ike_id, y->local_ike_id),
		     id_eq(y->remote_ike_id, x->local_ike_id), RPAIR_ID, RPAIR_ID, &one);
}

/* Both inside addresses in one subnet, not the same address (RTX ip
 * tunnel address, IX ip address, ipsec.conf leftvti). */
static enum audit_rpair_by
by_inside(const struct audit_rpair_run *a, size_t i, size_t j)
{
	const struct config_prefix *x = &a->c[END_A]->tunnels[i].inside;
	const struct config_prefix *y = &a->c[END_B]->tunnels[j].inside;

	if (!x->line || !y->line || x->tmpl || y->tmpl || x->plen != y->plen || x->plen > 30 ||
	    x->addr == y->addr || !audit_peer_covers(x->addr, x->plen, y->addr))
		return RPAIR_NONE;
	return RPAIR_INSIDE;
}

static int
add_pair(struct audit_rpair_run *a, size_t i, size_t j, enum audit_rpair_by by)
{
	struct audit_rpair_result *r = a->r;

	if (grow(r, (void **)&r->pairs, r->npairs, &r->cap_pairs, sizeof(*r->pairs)) < 0)
		return -1;
	r->pairs[r->npairs++] = (struct audit_rpair){ { (int)i, (int)j }, by, 0 };
	a->used[END_A][i] = a->used[END_B][j] = 1;
	return 0;
}

/* Outside addresses first (both directions, then one), then the IKE
 * identities where no address is known, inside subnets for what is left. */
static int
pair(struct audit_rpair_run *a)
{
	enum audit_rpair_by (*const how[])(const struct audit_rpair_run *, size_t,
					   size_t) = { by_addr, by_addr, by_id, by_inside };
	const enum audit_rpair_by want[] = { RPAIR_ADDR, RPAIR_ADDR_ONE, RPAIR_ID, RPAIR_INSIDE };

	for (int s = 0; s < END_COUNT; s++)
		if (!(a->used[s] = calloc(a->c[s]->ntunnels + 1, 1))) {
			a->r->nomem = 1;
			return -1;
		}
	for (size_t h = 0; h < COUNT(how); h++)
		for (size_t i = 0; i < a->c[END_A]->ntunnels; i++)
			for (size_t j = 0;
			     !a->used[END_A][i] && audit_peer_ipsec_tunnel(a->c[END_A], i) &&
			     j < a->c[END_B]->ntunnels;
			     j++)
				if (!a->used[END_B][j] && audit_peer_ipsec_tunnel(a->c[END_B], j) &&
				    how[h](a, i, j) == want[h] && add_pair(a, i, j, want[h]) < 0)
					return -1;
	return 0;
}

/* ---- peer-address-mismatch: a tunnel the other end has no tunnel for -- */

/* The remote address line (IX: its peer line), else the tunnel block. */
static void
remote_at(struct audit_rpair_finding *f, int s, const struct config *c, size_t i)
{
	unsigned line;
	const struct config_prefix *p = &gw_of(c, (int)i)->remote_addr;

	audit_peer_router_addr(c, i, &line);
	f->end[s].line = line ? line : c->tunnels[i].line;
	if (line && line == p->line)
		snprintf(f->end[s].text, sizeof(f->end[s].text), "%s", p->text);
}

/* One direction matches: a's IKE goes to b's local address, or b's to
 * a's, and by_addr() found the other direction contradicting it. */
static int
half(const struct audit_rpair_run *a, size_t i, size_t j)
{
	struct outside o = outside(a, i, j);

	return (o.ra && o.ra == o.lb) || (o.rb && o.rb == o.la);
}

static int
open_tunnel(const struct audit_rpair_run *a, int s, size_t i)
{
	return !a->used[s][i] && audit_peer_ipsec_tunnel(a->c[s], i);
}

static void
mismatch_end(struct audit_rpair_run *a, struct audit_rpair_finding *f, int s, size_t i)
{
	unsigned l;

	f->end[s].tunnel = (int)i;
	f->addr[s][0] = audit_peer_router_addr(a->c[s], i, &l);
	f->addr[s][1] = audit_pair_local_addr(a->c[s], i, &l);
	remote_at(f, s, a->c[s], i);
}

/* The next tunnel of B, from j, open and half-matching A's tunnel i. */
static size_t
half_from(const struct audit_rpair_run *a, size_t i, size_t j, const unsigned char *told)
{
	while (j < a->c[END_B]->ntunnels &&
	       (told[j] || !open_tunnel(a, END_B, j) || !half(a, i, j)))
		j++;
	return j;
}

/* A tunnel alone: reported only when nothing met at all. */
static void
mismatch_alone(struct audit_rpair_run *a, int s, size_t i)
{
	struct audit_rpair_finding *f = finding(a, NULL);

	if (f) {
		mismatch_end(a, f, s, i);
		f->side = s;
	}
}

/* Whether anything could have paired: some tunnel of either end writes
 * its local address, or a tunnel of each end writes an IKE identity the
 * other's can be compared with, or an inside address. When none (both ends behind NAT, a
 * dynamic address, an IX IKEv1 tunnel, whose local address is its
 * outgoing interface's), nothing paired is no evidence of a wrong file:
 * the pairing is undecided, which is said, not reported as a mismatch. */
static int
decided(const struct audit_rpair_run *a)
{
	unsigned l;

	for (int s = 0; s < END_COUNT; s++)
		for (size_t i = 0; i < a->c[s]->ntunnels; i++)
			if (open_tunnel(a, s, i) && audit_pair_local_addr(a->c[s], i, &l))
				return 1;
	for (size_t i = 0; i < a->c[END_A]->ntunnels; i++)
		for (size_t j = 0; open_tunnel(a, END_A, i) && j < a->c[END_B]->ntunnels; j++) {
			const struct config_gateway *x = gw_of(a->c[END_A], (int)i);
			const struct config_gateway *y;
			if (!open_tunnel(a, END_B, j))
				continue;
			y = gw_of(a->c[END_B], (int)j);
			if (id_eq(x->remote_ike_id, y->local_ike_id) != -1 ||
			    id_eq(y->remote_ike_id, x->local_ike_id) != -1)
				return 1;
			if (a->c[END_A]->tunnels[i].inside.line &&
			    a->c[END_B]->tunnels[j].inside.line)
				return 1; /* inside subnets written on both: they said no */
		}
	return 0;
}

/* A hub's tunnels to other sites are no fault. Unpaired tunnels are
 * findings when one of A and one of B match one way and contradict the
 * other (the two that should have met: a changed address, a typo), the
 * one whose remote address misses being f->side; or, when nothing paired
 * or half-matched at all, every tunnel (wrong files, or every address
 * changed). */
static void
check_unpaired(struct audit_rpair_run *a)
{
	size_t na = a->c[END_A]->ntunnels, nb = a->c[END_B]->ntunnels, halves = 0;
	unsigned char *told = calloc(nb + 1, 1);
	struct audit_rpair_finding *f;

	if (!told) {
		a->r->nomem = 1;
		return;
	}
	for (size_t i = 0; i < na; i++) {
		size_t j = open_tunnel(a, END_A, i) ? half_from(a, i, 0, told) : nb;
		if (j == nb || !(f = finding(a, NULL)))
			continue;
		halves++;
		told[j] = 1;
		mismatch_end(a, f, END_A, i);
		mismatch_end(a, f, END_B, j);
		f->side =
			f->addr[END_A][0] && f->addr[END_A][0] == f->addr[END_B][1] ? END_B : END_A;
	}
	if (!a->r->npairs && !halves && !decided(a)) {
		a->r->undecided = 1;
		halves = 1; /* a note (render), no tunnel a finding */
	}
	for (size_t i = 0; !a->r->npairs && !halves && i < na; i++)
		if (open_tunnel(a, END_A, i))
			mismatch_alone(a, END_A, i);
	for (size_t j = 0; !a->r->npairs && !halves && j < nb; j++)
		if (open_tunnel(a, END_B, j))
			mismatch_alone(a, END_B, j);
	free(told);
}

/* ---- nobody-initiates -------------------------------------------------- */

/* Both ends only respond (or never start IKE again once the SA is gone):
 * after a reboot or an SA both cleared, the tunnel stays down until
 * traffic or a person starts it (doc/field-cases.md case 2, where the
 * two ends were AWS and an RTX). A fix for each end: either suffices. */
static void
check_initiate(struct audit_rpair_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		struct audit_rpair *pr = &a->r->pairs[k];
		struct audit_noinit ni[END_COUNT];
		struct audit_rpair_finding *f;
		for (int s = 0; s < END_COUNT; s++)
			ni[s] = audit_peer_noinit(a->c[s], (size_t)pr->t[s]);
		if (ni[END_A].why == NOINIT_UNKNOWN || ni[END_B].why == NOINIT_UNKNOWN) {
			pr->not_checked |= RPAIR_NC_INIT;
			continue;
		}
		if (ni[END_A].why == NOINIT_NO || ni[END_B].why == NOINIT_NO ||
		    !(f = finding(a, pr)))
			continue;
		for (int s = 0; s < END_COUNT; s++) {
			enum audit_fix_kind kind[2];
			int per_tunnel;
			size_t n = audit_peer_noinit_kinds(ni[s].why, kind, &per_tunnel);
			f->end[s].code = ni[s].why;
			f->end[s].line = ni[s].line;
			snprintf(f->end[s].text, sizeof(f->end[s].text), "%s",
				 ni[s].text ? ni[s].text : "");
			for (size_t x = 0; x < n; x++)
				fix(a, f, s, kind[x], 0, 0, per_tunnel);
		}
	}
}

/* ---- dpd-off-both-ends / dpd-hold-mismatch ----------------------------- */

/* The keepalive the fix sets: to match a faster end (hold > 0), three
 * probes within its hold; else the end's own audit's numbers (its
 * --peer's; 0 0: the router's defaults). */
static void
dpd_fix(struct audit_rpair_run *a, struct audit_rpair_finding *f, int s, long hold)
{
	const struct peer_def *pd = a->ar[s] ? a->ar[s]->peer : NULL;
	const struct config *c = a->c[s];
	int t = f->end[s].tunnel;

	if (hold > 0)
		fix(a, f, s, FIX_KEEPALIVE, hold / 3 > 0 ? hold / 3 : 1, 3, 1);
	else
		fix(a, f, s, FIX_KEEPALIVE, pd ? pd->dpd_interval : 0, pd ? pd->dpd_count : 0, 1);
	f->end[s].fix[f->end[s].nfix - 1].ikev2 =
		c->tunnels[t].ikev2 || gw_of(c, t)->version.v == 2;
}

/* Neither end runs DPD: a dead peer is noticed by neither, each keeps its
 * SA until the lifetime ends (RFC 3706 section 1). One end noticing more
 * than twice as late as the other keeps sending into an SA the other has
 * deleted. Twice is this tool's threshold between two routers, not a
 * vendor's number; against AWS, whose side is known to clear at its
 * DpdTimeoutSeconds, the timeout itself is (audit_peer_ike.c). */
static void
check_dpd(struct audit_rpair_run *a, int off)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		struct audit_rpair *pr = &a->r->pairs[k];
		const char *text[END_COUNT] = { "", "" };
		unsigned line[END_COUNT] = { 0, 0 };
		long hold[END_COUNT];
		int exact[END_COUNT], slow;
		struct audit_rpair_finding *f;
		for (int s = 0; s < END_COUNT; s++)
			hold[s] = audit_dpd_hold(a->c[s], (size_t)pr->t[s], &line[s], &text[s],
						 &exact[s]);
		if (hold[END_A] == -2 || hold[END_B] == -2) {
			pr->not_checked |= RPAIR_NC_DPD;
			continue;
		}
		if (off ? (hold[END_A] != -1 || hold[END_B] != -1)
			: (hold[END_A] < 0 || hold[END_B] < 0))
			continue;
		slow = hold[END_B] > hold[END_A];
		/* the faster end's hold must be exact: a lower bound (swanctl
		 * dpd_delay, IX dpd interval: retransmissions come on top) says
		 * nothing of how fast it really is */
		if (!off && (hold[slow] <= 2 * hold[!slow] || !exact[!slow]))
			continue;
		if (!(f = finding(a, pr)))
			return;
		f->side = slow;
		for (int s = 0; s < END_COUNT; s++) {
			f->end[s].v = hold[s];
			f->end[s].line = line[s] ? line[s] : a->c[s]->tunnels[pr->t[s]].line;
			snprintf(f->end[s].text, sizeof(f->end[s].text), "%s",
				 line[s] ? text[s] : "");
			if (off || s == slow)
				dpd_fix(a, f, s, off ? 0 : hold[!s]);
		}
	}
}

static void
check_dpd_off(struct audit_rpair_run *a)
{
	check_dpd(a, 1);
}
static void
check_dpd_hold(struct audit_rpair_run *a)
{
	check_dpd(a, 0);
}

/* ---- psk-mismatch --------------------------------------------------------- */

/* Both keys read and different: IKE authentication fails (RFC 7296
 * section 2.15). Keyed digests (config/secret.h); no line is kept. */
static void
check_psk(struct audit_rpair_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		struct audit_rpair *pr = &a->r->pairs[k];
		const struct config_secret *x = &gw_of(a->c[END_A], pr->t[END_A])->psk;
		const struct config_secret *y = &gw_of(a->c[END_B], pr->t[END_B])->psk;
		struct audit_rpair_finding *f;
		if (!x->set || !y->set || x->tmpl || y->tmpl) {
			if (x->set || y->set || x->tmpl || y->tmpl)
				pr->not_checked |= RPAIR_NC_PSK;
			continue;
		}
		if (config_secret_equal(x, y) || !(f = finding(a, pr)))
			continue;
		f->end[END_A].line = x->line;
		f->end[END_B].line = y->line;
		f->end[END_A].secret_line = f->end[END_B].secret_line = 1;
	}
}

/* ---- proposal-mismatch ------------------------------------------------ */

static void
proposal(struct audit_rpair_run *a, struct audit_rpair *pr, enum audit_proposal why,
	 const long v[END_COUNT])
{
	struct audit_rpair_finding *f = finding(a, pr);

	if (!f)
		return;
	f->code = why;
	for (int s = 0; s < END_COUNT; s++) {
		const struct config *c = a->c[s];
		f->end[s].v = v[s];
		at(f, s, c,
		   why == PROP_IKE_VERSION ? &gw_of(c, pr->t[s])->version
					   : audit_peer_esp_line(c, (size_t)pr->t[s]));
	}
}

/* No IKE version in common, then no ESP cipher or integrity in common
 * (RFC 7296 section 2.7: NO_PROPOSAL_CHOSEN). The ESP transforms are the
 * router audits' (strongSwan syntax, audit_tunnel.esp). Phase 1 (IKE SA)
 * algorithms are not in the router model: not compared. */
static void
check_proposal(struct audit_rpair_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		struct audit_rpair *pr = &a->r->pairs[k];
		unsigned ike[END_COUNT], enc[END_COUNT], integ[END_COUNT];
		int esp_known = 1;
		for (int s = 0; s < END_COUNT; s++) {
			const struct audit_result *ar = a->ar[s];
			size_t t = (size_t)pr->t[s];
			ike[s] = audit_peer_router_ike(a->c[s], t);
			if (!ar || t >= ar->ntunnels ||
			    audit_peer_esp_bits(ar->tunnels[t].esp, &enc[s], &integ[s]) < 0)
				esp_known = 0;
		}
		if (!ike[END_A] || !ike[END_B])
			pr->not_checked |= RPAIR_NC_IKE;
		else if (!(ike[END_A] & ike[END_B])) {
			proposal(a, pr, PROP_IKE_VERSION, (long[]){ ike[END_A], ike[END_B] });
			continue;
		}
		if (!esp_known)
			pr->not_checked |= RPAIR_NC_ESP;
		else if (!(enc[END_A] & enc[END_B]))
			proposal(a, pr, PROP_P2_ENC, (long[]){ enc[END_A], enc[END_B] });
		else if (integ[END_A] && integ[END_B] && !(integ[END_A] & integ[END_B]))
			proposal(a, pr, PROP_P2_INTEG, (long[]){ integ[END_A], integ[END_B] });
	}
}

/* ---- lifetime-mismatch --------------------------------------------------- */

/* Both lifetimes read and different: with IKEv1 the responder's own
 * lifetime may refuse the initiator's proposal or the SAs expire at
 * different times (RFC 2407 section 4.6.2.1, SA Life Duration); with
 * IKEv2 each end rekeys on its own clock (RFC 7296 section 2.8), and the
 * longer one keeps an SA the other has replaced. Read only where the
 * router model holds them (RTX ipsec ike duration). */
static void
check_lifetime(struct audit_rpair_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		struct audit_rpair *pr = &a->r->pairs[k];
		const struct config_num *from[END_COUNT][2];
		long life[END_COUNT][2];
		int rc[END_COUNT];
		for (int s = 0; s < END_COUNT; s++)
			rc[s] = audit_peer_router_life(a->c[s], (size_t)pr->t[s], life[s], from[s]);
		if (rc[END_A] == -1 || rc[END_B] == -1)
			pr->not_checked |= RPAIR_NC_LIFE;
		if (rc[END_A] < 0 || rc[END_B] < 0)
			continue;
		for (int sa = 1; sa >= 0; sa--) { /* the IPsec SA, then the IKE SA */
			struct audit_rpair_finding *f;
			if (life[END_A][sa] == life[END_B][sa] || !(f = finding(a, pr)))
				continue;
			f->code = sa ? LIFE_ROUTER_P2_LONGER : LIFE_ROUTER_P1_LONGER;
			f->side = life[END_B][sa] > life[END_A][sa];
			for (int s = 0; s < END_COUNT; s++) {
				f->end[s].v = life[s][sa];
				at(f, s, a->c[s], from[s][sa]);
			}
			break;
		}
	}
}

/* ---- mss-above-peer-mtu --------------------------------------------------- */

/* A clamp on one end lets TCP segments of MSS + 40 bytes (IPv4 and TCP
 * headers, RFC 879) through that the far end's tunnel MTU is below:
 * the far end fragments them, or drops them with DF set and, where no
 * ICMP comes back, black-holes them. The fix lowers the clamp to the far
 * MTU - 40, or to the end's own audit's target when that is lower. */
/* The far end clamps too, low enough for its own MTU: SYNs cross both
 * routers, so the lower clamp is the one that holds. */
static int
clamped(const struct config *c, int t, unsigned mtu)
{
	const struct config_tunnel *ct = &c->tunnels[t];

	return ct->mss.line && !ct->mss.tmpl && ct->mss.v == CONFIG_MSS_NUM &&
	       ct->mss_value + 40 <= (long)mtu;
}

static void
check_mss(struct audit_rpair_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		struct audit_rpair *pr = &a->r->pairs[k];
		for (int s = 0; s < END_COUNT; s++) {
			const struct config_tunnel *t = &a->c[s]->tunnels[pr->t[s]];
			const struct audit_result *far = a->ar[!s], *own = a->ar[s];
			unsigned mtu = far && (size_t)pr->t[!s] < far->ntunnels
					       ? far->tunnels[pr->t[!s]].mtu
					       : 0;
			long to = (long)mtu - 40;
			struct audit_rpair_finding *f;
			if (!t->mss.line || t->mss.tmpl || t->mss.v != CONFIG_MSS_NUM)
				continue;
			if (!mtu) {
				pr->not_checked |= RPAIR_NC_MTU;
				continue;
			}
			if (t->mss_value + 40 <= (long)mtu || clamped(a->c[!s], pr->t[!s], mtu) ||
			    !(f = finding(a, pr)))
				continue;
			f->side = s;
			f->end[s].v = t->mss_value;
			f->end[!s].v = mtu;
			at(f, s, a->c[s], &t->mss);
			at(f, !s, a->c[!s], &a->c[!s]->tunnels[pr->t[!s]].mtu);
			if (own && (size_t)pr->t[s] < own->ntunnels &&
			    own->tunnels[pr->t[s]].target_mss &&
			    (long)own->tunnels[pr->t[s]].target_mss < to)
				to = own->tunnels[pr->t[s]].target_mss;
			fix(a, f, s, FIX_TUNNEL_MSS, to, 0, 1);
		}
	}
}

/* clang-format off */
static const struct audit_rpair_check checks[] = {
	{ "peer-address-mismatch", AUDIT_ERROR,
	  "RFC 7296 section 2 (IKE goes to the peer's address); Yamaha RTX command reference chapter 15 (ipsec ike remote address, ipsec ike local address); swanctl.conf(5) local_addrs, remote_addrs; ipsec.conf(5) left, right",
	  check_unpaired,
	  "RFC 7296 section 2 (IKE goes to the peer's address)" },
	{ "nobody-initiates", AUDIT_ERROR,
	  "Yamaha RTX command reference 15.10 (ipsec auto refresh); NEC IX ikev2 connect-type, negotiation-direction; swanctl.conf(5) start_action, dpd_action; ipsec.conf(5) auto, dpdaction; doc/field-cases.md case 2 (both ends waited)",
	  check_initiate,
	  "RFC 7296 section 2 (the initiator starts IKE); doc/field-cases.md case 2 (both ends waited)" },
	{ "dpd-off-both-ends", AUDIT_WARNING,
	  "RFC 3706 (dead peer detection); Yamaha RTX command reference 15.20 (ipsec ike keepalive use); swanctl.conf(5) dpd_delay; ipsec.conf(5) dpddelay",
	  check_dpd_off,
	  "RFC 3706 (dead peer detection)" },
	{ "dpd-hold-mismatch", AUDIT_WARNING,
	  "RFC 3706; Yamaha RTX command reference 15.20 (keepalive interval x count); doc/field-cases.md case 2 (a router that held its SA for hours)",
	  check_dpd_hold,
	  "RFC 3706; doc/field-cases.md case 2 (a router that held its SA for hours)" },
	{ "psk-mismatch", AUDIT_ERROR,
	  "RFC 7296 section 2.15 (a wrong shared key: AUTHENTICATION_FAILED); compared as keyed digests, neither key printed",
	  check_psk, NULL },
	{ "proposal-mismatch", AUDIT_ERROR,
	  "RFC 7296 section 2.7 (no common proposal: NO_PROPOSAL_CHOSEN); each end's ESP transform and IKE version as its own audit reads them",
	  check_proposal, NULL },
	{ "lifetime-mismatch", AUDIT_WARNING,
	  "RFC 2407 section 4.6.2.1 (IKEv1 SA life duration); RFC 7296 section 2.8 (IKEv2: each end rekeys on its own); Yamaha RTX command reference 15.48.1 (ipsec ike duration, default 28800 s)",
	  check_lifetime, NULL },
	{ "mss-above-peer-mtu", AUDIT_ERROR,
	  "RFC 879 (MSS = MTU - 40 for IPv4); RFC 4459 (fragmentation at a tunnel's ingress); each end's tunnel MTU as its own audit reads it",
	  check_mss, NULL },
};
/* clang-format on */

const char *
audit_pair_source(const struct audit_rpair_result *r, const struct audit_rpair_check *k, char *buf,
		  size_t len)
{
	const struct config_facts *x = config_facts(r->cfg[END_A]),
				  *y = config_facts(r->cfg[END_B]);

	if (!k->neutral_source || !x->neutral || !y->neutral || !x->sources || !y->sources)
		return k->source;
	if (strcmp(x->sources, y->sources) == 0) /* one format: its documents once */
		snprintf(buf, len, "%s; %s", k->neutral_source, x->sources);
	else
		snprintf(buf, len, "%s; %s; %s", k->neutral_source, x->sources, y->sources);
	return buf;
}

void
audit_pair_free(struct audit_rpair_result *r)
{
	free(r->pairs);
	free(r->findings);
	memset(r, 0, sizeof(*r));
}

int
audit_pair_run(const struct config *ca, const struct audit_result *ra, const struct config *cb,
	       const struct audit_result *rb, struct audit_rpair_result *r)
{
	struct audit_rpair_run a = { { ca, cb }, { ra, rb }, r, NULL, { NULL, NULL } };

	audit_pair_free(r);
	r->cfg[END_A] = ca;
	r->cfg[END_B] = cb;
	r->audit[END_A] = ra;
	r->audit[END_B] = rb;
	if (pair(&a) == 0)
		for (size_t i = 0; i < COUNT(checks) && !r->nomem; i++) {
			a.check = &checks[i];
			checks[i].run(&a);
		}
	free(a.used[END_A]);
	free(a.used[END_B]);
	return r->nomem ? -1 : 0;
}
