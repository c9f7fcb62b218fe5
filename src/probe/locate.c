/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --locate: the rounds of TTL-limited probes (see locate.h).
 *
 * Round 0 sends a small and a large probe for each TTL from 1 up, paced at
 * the run's rate, and stops climbing once a small probe reached the target.
 * Later rounds resend only what core/locate.c still wants (the boundary,
 * whose silence is the finding), LOCATE_GAP_MS after the previous try so
 * that a router which rate-limits time exceeded has a token again. The last
 * try waits one reply window; every answer counts whenever it comes. */
#include "probe/locate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/errbuf.h"

#define MIN_WINDOW_US \
	200000u /* a hop's answer is slower than a host's: it is
                                 * made on the router's slow path */

struct sent {
	uint16_t seq;
	uint8_t ttl;
	bool large;
};

struct loc {
	const struct probe_io *io;
	volatile sig_atomic_t *stop;
	struct locate_run *out;
	const struct probe_run *prev;
	struct sent *sent;
	size_t nsent, cap;
	size_t round_from; /* the first probe of the current round */
	uint16_t seq_next;
	uint64_t t0, next_send, interval_us;
	char *err;
	size_t errlen;
};

static uint64_t
now_us(const struct loc *s)
{
	return s->io->now_us(s->io->ctx);
}

/* A seq the measuring run never used, nor this one (so a late answer to the
 * measurement is never taken for a TTL probe's). */
static uint16_t
fresh_seq(struct loc *s)
{
	for (;;) {
		uint16_t q = s->seq_next++;
		bool used = false;

		for (size_t i = 0; s->prev && i < s->prev->nprobes && !used; i++)
			used = s->prev->probes[i].seq == q;
		for (size_t i = 0; i < s->nsent && !used; i++)
			used = s->sent[i].seq == q;
		if (!used)
			return q;
	}
}

/* Who answered, or no address (family 0) for anything but IPv4 or IPv6. */
static void
answerer(const struct ip_addr *w, struct ip_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (w->family != 4 && w->family != 6)
		return;
	a->family = w->family;
	memcpy(a->a, w->a, sizeof(a->a));
}

static void
handle(struct loc *s, const struct probe_event *ev)
{
	struct locate_run *o = s->out;
	struct ip_addr from;
	enum locate_heard h;
	size_t i;

	for (i = 0; i < s->nsent && s->sent[i].seq != ev->seq; i++)
		;
	if (i == s->nsent) {
		o->ignored++;
		return;
	}
	/* RFC 8899 sec. 4.6.1's check, as the engine makes it: an error quoting
	 * another size than the probe with that seq is not about that probe. */
	if (ev->kind != PROBE_EV_REPLY && ev->quoted_size &&
	    ev->quoted_size != (s->sent[i].large ? o->large : o->small)) {
		o->ignored++;
		return;
	}
	switch (ev->kind) {
	case PROBE_EV_REPLY: h = LOCATE_TARGET; break;
	case PROBE_EV_TIME_EXCEEDED: h = LOCATE_HOP; break;
	case PROBE_EV_TOO_BIG: h = LOCATE_TOO_BIG; break;
	default: h = LOCATE_ERROR; break;
	}
	answerer(&ev->responder, &from);
	locate_heard(&o->l, s->sent[i].ttl, s->sent[i].large, h, &from, ev->mtu);
}

/* Take answers until `until`; 1 at the deadline, 0 when done() became
 * true, -1 on error or interruption. */
static int
wait_until(struct loc *s, uint64_t until, bool (*done)(const struct loc *))
{
	for (;;) {
		struct probe_event ev;
		int r;

		if (done && done(s))
			return 0;
		if (s->stop && *s->stop) {
			s->out->interrupted = true;
			return -1;
		}
		if (now_us(s) >= until)
			return 1;
		memset(&ev, 0, sizeof(ev));
		r = s->io->recv(s->io->ctx, until, &ev, s->err, s->errlen);
		if (r < 0) {
			if (s->stop && *s->stop) {
				s->out->interrupted = true;
				s->err[0] = '\0';
			}
			return -1;
		}
		if (r > 0)
			handle(s, &ev);
	}
}

static bool
decided(const struct loc *s)
{
	return locate_decided(&s->out->l);
}

/* Decided, or every probe of this round answered and none wanted again:
 * nothing left to wait for. (A probe still wanted waits out the gap, so
 * that its tries stay LOCATE_GAP_MS apart.) */
static bool
round_over(const struct loc *s)
{
	const struct locate *l = &s->out->l;

	if (decided(s))
		return true;
	for (size_t i = s->round_from; i < s->nsent; i++)
		if (l->obs[s->sent[i].ttl][s->sent[i].large].heard == LOCATE_NOTHING)
			return false;
	for (unsigned ttl = 1; ttl <= l->max_hops; ttl++)
		if (locate_want(l, ttl, true) || locate_want(l, ttl, false))
			return false;
	return true;
}

static int
send_probe(struct loc *s, unsigned ttl, bool large)
{
	struct locate_run *o = s->out;
	unsigned local = 0;
	struct sent *p;
	enum probe_io_send r;

	if (s->nsent == s->cap) {
		err_set(s->err, s->errlen, "--locate: probe budget spent");
		return -1;
	}
	p = &s->sent[s->nsent];
	p->seq = fresh_seq(s);
	p->ttl = (uint8_t)ttl;
	p->large = large;
	r = s->io->send(s->io->ctx, p->seq, large ? o->large : o->small, ttl, &local, s->err,
			s->errlen);
	if (r == PROBE_IO_ERROR)
		return -1;
	s->nsent++;
	o->probes_sent++;
	locate_sent(&o->l, ttl, large);
	s->next_send = now_us(s) + s->interval_us;
	if (r == PROBE_IO_EMSGSIZE) {
		/* the measured PMTU no longer leaves this host: the path changed */
		struct ip_addr none = { 0 };
		locate_heard(&o->l, ttl, large, LOCATE_TOO_BIG, &none, local);
	}
	return 0;
}

/* One round: every probe locate_want() asks for, in TTL order. Returns the
 * number sent and whether each was a last try, or -1. */
static int
round_send(struct loc *s, bool *all_last)
{
	struct locate *l = &s->out->l;
	int n = 0;

	*all_last = true;
	/* Per TTL the large probe first: when a router has one time-exceeded
	 * token left, it is the large probe's answer that places the hole. */
	for (unsigned ttl = 1; ttl <= l->max_hops; ttl++)
		for (int large = 1; large >= 0; large--) {
			if (!locate_want(l, ttl, large))
				continue;
			if (s->next_send > now_us(s) && wait_until(s, s->next_send, decided) < 0)
				return -1;
			if (!locate_want(l, ttl, large)) /* an answer came meanwhile */
				continue;
			if (s->stop && *s->stop) { /* no wait before the first probe */
				s->out->interrupted = true;
				return -1;
			}
			if (send_probe(s, ttl, large) < 0)
				return -1;
			n++;
			if (l->obs[ttl][large].tries < l->attempts)
				*all_last = false;
		}
	return n;
}

/* How many tries a silence needs: from the round trips the measurement
 * lost at sizes that pass (core/locate.c, locate_attempts()). */
static unsigned
attempts_of(const struct locate_config *c, const struct probe_run *prev)
{
	unsigned lost = 0, samples = 0;

	if (c->attempts || !prev)
		return c->attempts;
	for (size_t i = 0; i < prev->nprobes; i++) {
		const struct probe_record *p = &prev->probes[i];

		if (p->size > c->pmtu || (p->outcome != PROBE_REPLY && p->outcome != PROBE_TIMEOUT))
			continue;
		samples++;
		lost += p->outcome == PROBE_TIMEOUT;
	}
	return locate_attempts(lost, samples);
}

static uint64_t
window_of(const struct locate_config *c, const struct probe_run *prev)
{
	uint64_t w = c->window_ms ? (uint64_t)c->window_ms * 1000 : MIN_WINDOW_US;

	if (!c->window_ms && prev && 3ull * prev->srtt_us > w)
		w = 3ull * prev->srtt_us;
	return w;
}

int
probe_locate(const struct locate_config *cfg, const struct probe_io *io,
	     const struct probe_run *prev, volatile sig_atomic_t *stop, struct locate_run *out,
	     char *err, size_t errlen)
{
	struct loc s = { 0 };
	unsigned rate = cfg->rate_pps ? cfg->rate_pps : PROBE_DEF_RATE_PPS;
	uint64_t gap = (uint64_t)(cfg->gap_ms ? cfg->gap_ms : LOCATE_GAP_MS) * 1000;
	uint64_t window = window_of(cfg, prev);
	uint16_t r0[1];
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (cfg->family != 4 && cfg->family != 6) {
		err_set(err, errlen, "--locate: address family must be 4 or 6");
		return -1;
	}
	if (cfg->pmtu < (cfg->family == 6 ? 1280u : 68u) || cfg->pmtu >= 65535) {
		err_set(err, errlen, "--locate: path MTU %u cannot be located", cfg->pmtu);
		return -1;
	}
	locate_init(&out->l, cfg->max_hops, attempts_of(cfg, prev));
	out->small = cfg->pmtu;
	out->large = cfg->pmtu + 1;
	s.io = io;
	s.stop = stop;
	s.out = out;
	s.prev = prev;
	s.err = err;
	s.errlen = errlen;
	s.cap = 2u * out->l.max_hops * out->l.attempts;
	s.sent = calloc(s.cap, sizeof(*s.sent));
	if (!s.sent) {
		err_set(err, errlen, "out of memory");
		return -1;
	}
	if (io->random(io->ctx, r0, sizeof(r0), err, errlen) < 0) {
		free(s.sent);
		return -1;
	}
	s.seq_next = r0[0];
	s.interval_us = (1000000u + rate - 1) / rate;
	s.t0 = s.next_send = now_us(&s);
	for (;;) {
		bool last;
		int n;
		uint64_t end;

		s.round_from = s.nsent;
		n = round_send(&s, &last);

		if (n < 0) {
			rc = -1;
			break;
		}
		if (n == 0 || locate_decided(&out->l))
			break;
		/* the next try a gap after this one; a last try waits a window */
		end = now_us(&s) + (last ? window : gap);
		if (wait_until(&s, end, round_over) < 0) {
			rc = -1;
			break;
		}
	}
	out->elapsed_us = now_us(&s) - s.t0;
	locate_verdict(&out->l, &out->r);
	if (out->interrupted) {
		/* what was heard stays in out->l; the verdict is only that */
		out->r.why = LOCATE_WHY_INTERRUPTED;
		out->r.found = false;
		rc = 0;
	}
	free(s.sent);
	return rc;
}
