/* SPDX-License-Identifier: BSD-2-Clause */
/* answer: which probe an answer is about, and what it is worth.
 *
 * The weights (search_evidence.c says why): an echo reply outranks any PTB
 * for the same probe; a PTB is only heard until its probe's reply window
 * closes (timers.c, time_out()); a PTB quoting too little to carry our
 * cookie is weak; an ICMP error quoting another size than the probe that
 * carried its seq is not about that probe (RFC 8899 sec. 4.6.1: validate a
 * PTB against what was sent); two PTBs that disagree about one probe mean
 * one of them is forged. */
#include "probe/engine_int.h"
#include "base/ip.h"

#include <stdio.h>
#include <string.h>

/* Sequence numbers are unpredictable (RFC 5927 sec. 4.1 makes the same
 * point for TCP): with ident and seq known, an off-path forger needs nothing
 * else for a PTB whose quote is too short to carry the cookie. seq = a * i +
 * b mod 2^16 with a odd and b random per run is a bijection on 16 bits, so
 * the (at most PROBE_MAX_PROBES) probes never share a seq, and a's inverse
 * maps a seq back to its probe without a table. */
uint16_t
eng_seq_of(const struct probe_engine *e, size_t i)
{
	return (uint16_t)((uint32_t)e->seq_a * (uint32_t)i + e->seq_b);
}

/* The probe index a seq belongs to; >= nprobes if none. */
size_t
eng_index_of(const struct probe_engine *e, uint16_t seq)
{
	return (uint16_t)((uint32_t)e->seq_a_inv * (uint16_t)(seq - e->seq_b));
}

int
eng_seq_init(struct probe_engine *e)
{
	uint8_t r[4];
	uint32_t a, x;

	if (e->io->random(e->io->ctx, r, sizeof(r), e->err, e->errlen) < 0)
		return -1;
	a = ((uint32_t)r[0] << 8 | r[1]) | 1u;
	x = a; /* Newton's iteration: a * x == 1 mod 2^16 */
	for (int k = 0; k < 4; k++)
		x *= 2u - a * x;
	e->seq_a = (uint16_t)a;
	e->seq_a_inv = (uint16_t)x;
	e->seq_b = (uint16_t)((uint32_t)r[2] << 8 | r[3]);
	return 0;
}

/* Say why a reported MTU was not believed (the probe still counts as too big). */
static void
check_ptb(struct probe_engine *e, const struct probe_record *p)
{
	switch (search_ptb_trust(e->c.family, p->size, p->mtu)) {
	case SEARCH_PTB_TRUSTED: return;
	case SEARCH_PTB_ZERO:
		eng_warn(e, PROBE_WARN_PTB_ZERO, &p->responder, &p->responder, NULL, 0, 0, 0);
		return;
	case SEARCH_PTB_NOT_SMALLER:
		eng_warn(e, PROBE_WARN_PTB_NOT_SMALLER, &p->responder, &p->responder, NULL, p->mtu,
			 p->size, 0);
		return;
	case SEARCH_PTB_BELOW_MIN:
		eng_warn(e, PROBE_WARN_PTB_BELOW_MIN, &p->responder, &p->responder, NULL, p->mtu,
			 (unsigned)e->c.family, ip_min_mtu(e->c.family));
		return;
	}
}

static void
note_conflict(struct probe_engine *e, const struct probe_record *p)
{
	if (e->s.conflicts == e->conflicts)
		return;
	e->conflicts = e->s.conflicts;
	eng_warn(e, PROBE_WARN_CONFLICT, NULL, &p->responder, NULL, p->size, 0, 0);
}

/* An ICMP error other than "too big": the probe tells us nothing about its
 * size, so it counts as a silence (if it had not timed out already). */
static void
other_icmp(struct probe_engine *e, size_t i, const struct probe_event *ev)
{
	struct probe_record *p = &e->out->probes[i];

	p->outcome = ev->kind == PROBE_EV_UNREACH         ? PROBE_UNREACH
		     : ev->kind == PROBE_EV_TIME_EXCEEDED ? PROBE_TIME_EXCEEDED
							  : PROBE_OTHER;
	if (e->was[i] != SEARCH_WAS_SILENT)
		eng_record(e, i, SEARCH_TIMEOUT, 0);
	if (ev->kind == PROBE_EV_UNREACH)
		e->unreach++;
	e->icmp_errors++;
	eng_warn(e, PROBE_WARN_ICMP, &ev->responder, &ev->responder, NULL, p->size,
		 (unsigned)p->outcome, 0);
}

static void
contradicted(struct probe_engine *e, struct probe_record *p, const struct ip_addr *ptb_from)
{
	p->contradicted = true;
	e->out->ptb_contradicted++;
	eng_warn(e, PROBE_WARN_PTB_CONTRADICTED, ptb_from, ptb_from, NULL, p->size, 0, 0);
}

/* An echo reply: proof the size passed, whatever was heard before. */
static void
on_reply(struct probe_engine *e, size_t i, const struct probe_event *ev)
{
	struct probe_record *p = &e->out->probes[i];
	enum search_was w = (enum search_was)e->was[i];
	struct ip_addr ptb_from = p->responder;
	bool had_ptb = p->outcome == PROBE_TOO_BIG;

	p->late = w == SEARCH_WAS_SILENT || w == SEARCH_WAS_PTB || w == SEARCH_WAS_WEAK;
	p->responder = ev->responder;
	p->rtt_us = (uint32_t)(ev->at_us > e->t0 + p->sent_us ? ev->at_us - e->t0 - p->sent_us : 0);
	p->outcome = PROBE_REPLY;
	p->mss = ev->mss;
	if (ev->mss && !e->out->synack_mss)
		e->out->synack_mss = ev->mss;
	e->replies++;
	search_reply_at(&e->s, ev->at_us);
	eng_rtt_sample(e, p->rtt_us);
	eng_reply_order(e, i);
	eng_record(e, i, SEARCH_REPLY, 0);
	if (had_ptb)
		contradicted(e, p, &ptb_from);
	note_conflict(e, p);
}

/* A PTB, weak or strong. It steers the search at once but stands only if no
 * reply comes for the same probe within its window (timers.c). */
static void
on_ptb(struct probe_engine *e, size_t i, const struct probe_event *ev)
{
	struct probe_record *p = &e->out->probes[i];
	enum search_was w = (enum search_was)e->was[i];
	bool open = eng_open_probe(w);

	if (w == SEARCH_WAS_REPLY) { /* too late: the reply stands */
		search_record(&e->s, p->size, w, SEARCH_TOO_BIG, ev->mtu);
		contradicted(e, p, &ev->responder);
		return;
	}
	if (ev->weak)
		e->out->ptb_weak++;
	e->ptbs++;
	p->outcome = PROBE_TOO_BIG;
	p->weak = ev->weak;
	p->mtu = ev->mtu;
	p->responder = ev->responder;
	p->late = !open;
	p->rtt_us = (uint32_t)(ev->at_us > e->t0 + p->sent_us ? ev->at_us - e->t0 - p->sent_us : 0);
	check_ptb(e, p);
	if (open)
		eng_record(e, i, ev->weak ? SEARCH_WEAK_HEARD : SEARCH_PTB_HEARD, ev->mtu);
	else
		eng_record(e, i, ev->weak ? SEARCH_TOO_BIG_WEAK : SEARCH_TOO_BIG, ev->mtu);
}

/* An ICMP error that quotes our ident and seq but a packet of another size
 * than the probe that carried that seq: not about our probe (RFC 8899 sec.
 * 4.6.1: check the quote against what was sent). */
static bool
bad_quote(struct probe_engine *e, const struct probe_record *p, const struct probe_event *ev)
{
	if (ev->kind == PROBE_EV_REPLY || !ev->quoted_size || ev->quoted_size == p->size)
		return false;
	e->bad_quotes++;
	e->out->bad_quotes++;
	eng_warn(e, PROBE_WARN_BAD_QUOTE, &ev->responder, &ev->responder, NULL, ev->quoted_size,
		 p->size, 0);
	return true;
}

/* Answered for good by something that is not a reply or a PTB (or never
 * sent): whatever comes later for it is a duplicate. */
static bool
final_answer(const struct probe_record *p)
{
	return p->outcome == PROBE_EMSGSIZE || p->outcome == PROBE_UNREACH ||
	       p->outcome == PROBE_TIME_EXCEEDED || p->outcome == PROBE_OTHER;
}

/* Nothing new: the same answer again, or a PTB after a PTB of the same
 * strength or after the PTB it would contradict was already counted. */
static bool
repeat(const struct probe_record *p, enum search_was w, const struct probe_event *ev)
{
	if (final_answer(p))
		return true;
	if (ev->kind == PROBE_EV_REPLY)
		return w == SEARCH_WAS_REPLY;
	if (ev->kind == PROBE_EV_TOO_BIG) {
		if (w == SEARCH_WAS_REPLY)
			return p->contradicted;
		/* a strong PTB may replace a weak one */
		return p->outcome == PROBE_TOO_BIG && (ev->weak || !p->weak);
	}
	return w == SEARCH_WAS_REPLY || p->outcome == PROBE_TOO_BIG;
}

/* A second PTB for a probe that already drew one, from another sender or
 * with another MTU: only one router can have dropped the probe, so one of
 * them is forged (an on-path injector that cannot suppress the real one). */
static void
check_dispute(struct probe_engine *e, struct probe_record *p, const struct probe_event *ev)
{
	if (ev->kind != PROBE_EV_TOO_BIG || p->outcome != PROBE_TOO_BIG || p->disputed)
		return;
	if (!memcmp(&p->responder, &ev->responder, sizeof(p->responder)) && p->mtu == ev->mtu)
		return;
	p->disputed = true;
	e->out->ptb_disputed++;
	search_dispute(&e->s);
	eng_warn(e, PROBE_WARN_PTB_DISPUTED, &ev->responder, &p->responder, &ev->responder, p->size,
		 p->mtu, ev->mtu);
}

void
eng_handle_event(struct probe_engine *e, const struct probe_event *ev)
{
	struct probe_run *o = e->out;
	size_t i = eng_index_of(e, ev->seq);
	struct probe_record *p;

	if (i >= o->nprobes) {
		e->own_ignored++;
		return;
	}
	p = &o->probes[i];
	if (bad_quote(e, p, ev))
		return;
	check_dispute(e, p, ev);
	if (repeat(p, (enum search_was)e->was[i], ev)) {
		p->dups++;
		o->duplicates++;
		return;
	}
	if (ev->kind == PROBE_EV_REPLY)
		on_reply(e, i, ev);
	else if (ev->kind == PROBE_EV_TOO_BIG)
		on_ptb(e, i, ev);
	else
		other_icmp(e, i, ev);
}
