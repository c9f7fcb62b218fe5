/* SPDX-License-Identifier: BSD-2-Clause */
/* A fake path of routers for the --locate tests: see fakehops.h. */
#include "fakehops.h"

#include <stdio.h>
#include <string.h>

#define T0 5000000000ull /* the fake clock starts here, not at 0 */
#define DEFAULT_TTL 64

/* xorshift64*: seedable, deterministic, plenty for loss decisions. */
static uint64_t
next_u64(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dull;
}

static bool
lost(struct fakehops *f)
{
	if (f->p.loss <= 0)
		return false;
	return (double)(next_u64(&f->rng) >> 11) * 0x1.0p-53 < f->p.loss;
}

void
fh_addr(const struct fakehops *f, unsigned i, struct ip_addr *a)
{
	bool target = i > f->p.nhops;

	memset(a, 0, sizeof(*a));
	a->family = f->p.family;
	if (f->p.family == 6) {
		static const uint8_t db8[4] = { 0x20, 0x01, 0x0d, 0xb8 };

		memcpy(a->a, db8, sizeof(db8));
		a->a[5] = target; /* 2001:db8:1::7 */
		a->a[15] = (uint8_t)(target ? 7 : i);
	} else if (target) {
		static const uint8_t t[4] = { 198, 51, 100, 7 };

		memcpy(a->a, t, sizeof(t));
	} else {
		static const uint8_t net[3] = { 192, 0, 2 };

		memcpy(a->a, net, sizeof(net));
		a->a[3] = (uint8_t)i;
	}
}

/* Queue an answer, kept sorted by arrival time, latest first, so that the
 * next one to arrive is the last; equal times leave in the order queued. */
static void
answer(struct fakehops *f, uint64_t at, enum probe_ev_kind kind, uint16_t seq, unsigned from,
       uint32_t mtu, uint32_t quoted)
{
	unsigned k = 0;

	if (f->nq == FH_MAX_PENDING)
		return;
	while (k < f->nq && f->q[k].at > at)
		k++;
	memmove(&f->q[k + 1], &f->q[k], (f->nq - k) * sizeof(f->q[0]));
	f->nq++;
	memset(&f->q[k], 0, sizeof(f->q[k]));
	f->q[k].at = at;
	f->q[k].ev.kind = kind;
	f->q[k].ev.seq = seq;
	f->q[k].ev.mtu = mtu;
	f->q[k].ev.quoted_size = quoted;
	f->q[k].ev.at_us = at;
	fh_addr(f, from, &f->q[k].ev.responder);
}

/* Hop i's bucket at time `at`: may it send an ICMP error? */
static bool
token(struct fakehops *f, unsigned i, uint64_t at)
{
	const struct fh_hop *h = &f->p.hop[i];
	double cap = h->burst ? h->burst : 1;

	if (!h->refill_ms)
		return true;
	if (at > f->refilled[i]) {
		f->tokens[i] += (double)(at - f->refilled[i]) / (h->refill_ms * 1000.0);
		f->refilled[i] = at;
	}
	if (f->tokens[i] > cap)
		f->tokens[i] = cap;
	if (f->tokens[i] < 1.0)
		return false;
	f->tokens[i] -= 1.0;
	return true;
}

/* An answer from hop i (nhops + 1: the target) to a probe that reached it
 * at `at`: it takes as long to come back, if it is not lost. */
static void
reply_from(struct fakehops *f, unsigned i, uint64_t at, enum probe_ev_kind kind, uint16_t seq,
	   uint32_t mtu, uint32_t quoted)
{
	if (!lost(f))
		answer(f, at + (at - f->now), kind, seq, i, mtu, quoted);
}

static void
walk(struct fakehops *f, uint16_t seq, unsigned size, unsigned ttl)
{
	uint64_t at = f->now;

	if (lost(f))
		return;
	if (f->p.first_mtu && size > f->p.first_mtu)
		return;
	for (unsigned i = 1; i <= f->p.nhops; i++) {
		const struct fh_hop *h = &f->p.hop[i];

		at += h->delay_us;
		if (i == ttl) {
			if (h->mute || !token(f, i, at))
				f->te_denied += !h->mute;
			else
				reply_from(f, i, at, PROBE_EV_TIME_EXCEEDED, seq, 0, size);
			return;
		}
		if (h->mtu && size > h->mtu) {
			if (!h->silent && (!h->ptb_limited || token(f, i, at)))
				reply_from(f, i, at, PROBE_EV_TOO_BIG, seq, h->mtu, size);
			else if (h->silent && f->p.misquote && ttl) {
				/* not ours: names this seq, quotes another size */
				answer(f, at + (at - f->now), PROBE_EV_TIME_EXCEEDED, seq, i + 1, 0,
				       size - 1);
				f->stray_sent++;
			}
			return;
		}
	}
	at += f->p.target_delay_us;
	reply_from(f, f->p.nhops + 1, at, PROBE_EV_REPLY, seq, 0, 0);
}

static void
strays(struct fakehops *f, uint16_t seq, unsigned size)
{
	static const enum probe_ev_kind kind[3] = { PROBE_EV_REPLY, PROBE_EV_TIME_EXCEEDED,
						    PROBE_EV_TOO_BIG };

	for (unsigned k = 0; k < f->p.strays; k++) {
		enum probe_ev_kind e = kind[k % 3];

		answer(f, f->now + 50 + 10 * k, e, (uint16_t)(seq + 0x8000 + k), 1 + k % f->p.nhops,
		       e == PROBE_EV_TOO_BIG ? size - 1 : 0, e == PROBE_EV_REPLY ? 0 : size);
		f->stray_sent++;
	}
}

static uint64_t
fh_now(void *ctx)
{
	return ((struct fakehops *)ctx)->now;
}

static enum probe_io_send
fh_send(void *ctx, uint16_t seq, unsigned size, unsigned ttl, unsigned *local_mtu, char *err,
	size_t errlen)
{
	struct fakehops *f = ctx;
	bool first_limited = true;

	if (f->p.fail_send && f->nsent >= f->p.fail_after) {
		snprintf(err, errlen, "fakehops: send failed");
		return PROBE_IO_ERROR;
	}
	for (unsigned k = 0; k < f->nsent && first_limited; k++)
		first_limited = f->sent[k].ttl == 0;
	if (f->nsent < FH_MAX_SENDS) {
		struct fh_send *s = &f->sent[f->nsent];

		s->seq = seq;
		s->size = size;
		s->ttl = ttl;
		s->at_us = f->now - T0;
	}
	f->nsent++;
	if (ttl && first_limited)
		strays(f, seq, size);
	if (f->p.local_mtu && size > f->p.local_mtu) {
		*local_mtu = f->p.local_mtu;
		return PROBE_IO_EMSGSIZE;
	}
	walk(f, seq, size, ttl ? ttl : DEFAULT_TTL);
	return PROBE_IO_SENT;
}

static int
fh_recv(void *ctx, uint64_t deadline, struct probe_event *ev, char *err, size_t errlen)
{
	struct fakehops *f = ctx;
	uint64_t next = f->nq ? f->q[f->nq - 1].at : UINT64_MAX;
	uint64_t until = next < deadline ? next : deadline;

	if (f->p.stop_at_us && f->p.stop_flag && !*f->p.stop_flag &&
	    T0 + f->p.stop_at_us <= until) {
		/* the signal comes while we wait: the real io's poll says EINTR */
		if (f->now < T0 + f->p.stop_at_us)
			f->now = T0 + f->p.stop_at_us;
		*f->p.stop_flag = 1;
		snprintf(err, errlen, "interrupted");
		return -1;
	}
	if (next <= deadline) {
		if (next > f->now)
			f->now = next;
		*ev = f->q[--f->nq].ev;
		return 1;
	}
	if (deadline > f->now)
		f->now = deadline;
	return 0;
}

static unsigned long
fh_ignored(void *ctx)
{
	(void)ctx;
	return 0; /* the fake filters nothing: every answer goes up */
}

static int
fh_random(void *ctx, void *buf, size_t len, char *err, size_t errlen)
{
	struct fakehops *f = ctx;
	uint8_t *b = buf;

	if (f->p.fail_random) {
		snprintf(err, errlen, "fakehops: no randomness");
		return -1;
	}
	for (size_t k = 0; k < len; k++)
		if (f->p.fixed_random) /* random_value as it lies in memory, repeated */
			memcpy(&b[k], (const uint8_t *)&f->p.random_value + k % 2, 1);
		else
			b[k] = (uint8_t)next_u64(&f->rng_io);
	return 0;
}

void
fh_path(struct fh_params *p, int family, unsigned nhops, unsigned hole, unsigned pmtu)
{
	memset(p, 0, sizeof(*p));
	p->family = family;
	p->nhops = nhops;
	for (unsigned i = 1; i <= nhops; i++) {
		p->hop[i].mtu = 1500;
		p->hop[i].delay_us = 100;
	}
	p->target_delay_us = 100;
	if (hole == 0) {
		p->first_mtu = pmtu;
	} else {
		p->hop[hole].mtu = pmtu;
		p->hop[hole].silent = true;
	}
}

void
fh_init(struct fakehops *f, const struct fh_params *p)
{
	memset(f, 0, sizeof(*f));
	f->p = *p;
	f->now = T0;
	f->rng = (p->seed + 1) * 0x9e3779b97f4a7c15ull;
	f->rng_io = f->rng ^ 0xdeadbeefcafef00dull;
	for (unsigned i = 1; i <= p->nhops; i++) {
		f->tokens[i] = p->hop[i].burst;
		f->refilled[i] = T0;
	}
}

void
fh_io(struct fakehops *f, struct probe_io *io)
{
	*io = (struct probe_io){ .ctx = f,
				 .now_us = fh_now,
				 .send = fh_send,
				 .recv = fh_recv,
				 .ignored = fh_ignored,
				 .random = fh_random };
}

uint64_t
fh_elapsed(const struct fakehops *f)
{
	return f->now - T0;
}

void
fh_inject(struct fakehops *f, uint64_t delay_us, enum probe_ev_kind kind, uint16_t seq,
	  unsigned from, uint32_t mtu, uint32_t quoted)
{
	answer(f, f->now + delay_us, kind, seq, from, mtu, quoted);
}
