/* SPDX-License-Identifier: BSD-2-Clause */
/* Scripted fake network for the engine tests: see fakenet.h. */
#include "fakenet.h"

#include <stdio.h>
#include <string.h>

#define START_US 1000000000ull /* the fake clock does not start at 0 */

/* splitmix64: tiny, seedable, good enough for loss decisions. */
static uint64_t
splitmix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t
rnd(struct fakenet *f)
{
	return splitmix(&f->rng);
}

static double
uni(struct fakenet *f)
{
	return (double)(rnd(f) >> 11) / 9007199254740992.0; /* [0, 1) */
}

static bool
chance(struct fakenet *f, double p)
{
	return p > 0 && uni(f) < p;
}

enum who { R1, TARGET, FORGER };

static void
addr(struct ip_addr *a, int family, enum who who)
{
	static const uint8_t host[] = { [R1] = 1, [TARGET] = 7, [FORGER] = 0x66 };

	memset(a, 0, sizeof(*a));
	a->family = family;
	if (family == 4) {
		/* RFC 5737: r1 192.0.2.1, forger 192.0.2.102, target 198.51.100.7 */
		static const uint8_t net[2][3] = { { 192, 0, 2 }, { 198, 51, 100 } };

		memcpy(a->a, net[who == TARGET], 3);
		a->a[3] = host[who];
	} else {
		/* RFC 3849: r1 2001:db8::1, forger 2001:db8::66, target 2001:db8::7 */
		a->a[0] = 0x20;
		a->a[1] = 0x01;
		a->a[2] = 0x0d;
		a->a[3] = 0xb8;
		a->a[15] = host[who];
	}
}

/* What an answer says beyond its kind: the PTB fields. */
struct ans {
	uint32_t mtu;
	uint32_t quoted; /* quoted size; 0 for replies */
	bool weak;
};

static void
push(struct fakenet *f, enum probe_ev_kind kind, uint16_t seq, struct ans a, uint64_t delay,
     enum who from)
{
	unsigned copies = chance(f, f->p.dup) ? 2 : 1;

	for (unsigned i = 0; i < copies && f->nq < FAKE_MAX_EVENTS; i++) {
		struct fake_event *e = &f->q[f->nq++];
		uint64_t jit = f->p.jitter_us ? rnd(f) % (f->p.jitter_us + 1) : 0;

		memset(e, 0, sizeof(*e));
		e->at = f->now + delay + jit + i * 10;
		e->order = f->order++;
		e->ev.kind = kind;
		e->ev.seq = seq;
		e->ev.mtu = a.mtu;
		e->ev.quoted_size = a.quoted;
		e->ev.weak = a.weak;
		e->ev.at_us = e->at;
		addr(&e->ev.responder, f->p.family, from);
	}
}

static bool
ptb_allowed(struct fakenet *f)
{
	if (f->p.ptb == FAKE_PTB_BLACKHOLE)
		return false;
	if (f->p.ptb != FAKE_PTB_RATELIMIT)
		return true;
	/* token bucket: 1 per second, burst 1 (the lab's nftables limit) */
	f->ptb_tokens += (double)(f->now - f->ptb_last) / 1e6;
	f->ptb_last = f->now;
	if (f->ptb_tokens > 1.0)
		f->ptb_tokens = 1.0;
	if (f->ptb_tokens < 1.0)
		return false;
	f->ptb_tokens -= 1.0;
	return true;
}

/* The target's own limit on the answers that prove a size passed (a UDP
 * probe's port unreachable): Linux's inet_peer_xrlim_allow, a bucket of
 * 6 * limit refilled in real time, one limit per answer. A token another
 * sender took first is gone for us too. */
static bool
reply_allowed(struct fakenet *f)
{
	uint64_t cap = 6 * f->p.reply_limit_us;

	if (!f->p.reply_limit_us)
		return true;
	f->reply_tokens_us += f->now - f->reply_last;
	f->reply_last = f->now;
	if (f->reply_tokens_us > cap)
		f->reply_tokens_us = cap;
	if (f->reply_tokens_us < f->p.reply_limit_us)
		return false;
	f->reply_tokens_us -= f->p.reply_limit_us;
	return !chance(f, f->p.reply_taken);
}

static uint32_t
ptb_mtu(const struct fakenet *f, unsigned size)
{
	switch (f->p.ptb) {
	case FAKE_PTB_ZERO: return 0;
	case FAKE_PTB_BIG: return size + 100;
	case FAKE_PTB_TINY: return f->p.family == 6 ? 1000 : 40;
	default: return f->p.path_mtu;
	}
}

static uint64_t
fk_now(void *ctx)
{
	return ((struct fakenet *)ctx)->now;
}

/* Answers to a seq no probe carries: seq + 0x8000 is never another probe's
 * (the engine's map is a * i + b with a odd, and a * i == 0x8000 mod 2^16
 * needs i == 0x8000, more probes than the engine may send). */
static void
strays(struct fakenet *f, uint16_t seq)
{
	for (unsigned i = 0; i < f->p.strays; i++)
		push(f, i % 2 ? PROBE_EV_TOO_BIG : PROBE_EV_REPLY, (uint16_t)(seq + 0x8000),
		     (struct ans){ i % 2, 0, false }, 50 + 10 * i, TARGET);
}

/* The on-path forger's PTB, and r1's real one. */
static void
ptbs(struct fakenet *f, uint16_t seq, unsigned size)
{
	if (f->p.forge_mtu && size > f->p.forge_mtu)
		push(f, PROBE_EV_TOO_BIG, seq,
		     (struct ans){ f->p.forge_mtu, size, f->p.forge_weak }, f->p.rtt_us / 4,
		     FORGER);
	if (size > f->p.path_mtu && ptb_allowed(f) && !chance(f, f->p.ptb_loss))
		push(f, PROBE_EV_TOO_BIG, seq,
		     (struct ans){ ptb_mtu(f, size), size + f->p.ptb_quote_off, f->p.ptb_weak },
		     f->p.ptb_rtt_us ? f->p.ptb_rtt_us : f->p.rtt_us / 2, R1);
}

static enum probe_io_send
fk_send(void *ctx, uint16_t seq, unsigned size, unsigned ttl, unsigned *local_mtu, char *err,
	size_t errlen)
{
	struct fakenet *f = ctx;

	(void)ttl; /* no hops here: the TTL tests use fakehops.c */
	if (f->p.fail_send && f->sends >= f->p.fail_after) {
		snprintf(err, errlen, "fake: send failed");
		return PROBE_IO_ERROR;
	}
	if (f->sends < FAKE_MAX_SENDS)
		f->send_at[f->sends] = f->now;
	if (!f->sends++)
		strays(f, seq);
	if (f->p.local_mtu && size > f->p.local_mtu) {
		*local_mtu = f->p.local_mtu;
		return PROBE_IO_EMSGSIZE;
	}
	if (f->p.dead)
		return PROBE_IO_SENT;
	ptbs(f, seq, size);
	if (size > f->p.path_mtu)
		return PROBE_IO_SENT;
	if (f->p.silent_mtu && size > f->p.silent_mtu)
		return PROBE_IO_SENT; /* dropped further on, no PTB */
	if (chance(f, f->p.loss))     /* probe lost past the bottleneck */
		return PROBE_IO_SENT;
	if (f->p.unreach) {
		push(f, PROBE_EV_UNREACH, seq, (struct ans){ 0, size, false }, f->p.rtt_us, R1);
		return PROBE_IO_SENT;
	}
	if (!reply_allowed(f))
		return PROBE_IO_SENT;
	if (!chance(f, f->p.loss)) /* reply lost on the way back */
		push(f, PROBE_EV_REPLY, seq, (struct ans){ 0, 0, false },
		     f->p.rtt_us + f->p.reply_delay_us, TARGET);
	return PROBE_IO_SENT;
}

static int
earliest(const struct fakenet *f)
{
	int best = -1;

	for (unsigned i = 0; i < f->nq; i++)
		if (best < 0 || f->q[i].at < f->q[best].at ||
		    (f->q[i].at == f->q[best].at && f->q[i].order < f->q[best].order))
			best = (int)i;
	return best;
}

static int
fk_recv(void *ctx, uint64_t deadline, struct probe_event *ev, char *err, size_t errlen)
{
	struct fakenet *f = ctx;
	int i = earliest(f);
	uint64_t next = i >= 0 ? f->q[i].at : UINT64_MAX;

	if (deadline > f->now && deadline - f->now > f->max_wait_us)
		f->max_wait_us = deadline - f->now;
	if (f->p.stop_at_us && f->p.stop_flag && !*f->p.stop_flag &&
	    START_US + f->p.stop_at_us <= (next < deadline ? next : deadline)) {
		/* SIGINT arrives while we wait: the real io's poll returns EINTR */
		if (f->now < START_US + f->p.stop_at_us)
			f->now = START_US + f->p.stop_at_us;
		*f->p.stop_flag = 1;
		snprintf(err, errlen, "interrupted");
		return -1;
	}
	if (i >= 0 && next <= deadline) {
		if (next > f->now)
			f->now = next;
		*ev = f->q[i].ev;
		f->q[i] = f->q[--f->nq];
		return 1;
	}
	if (deadline > f->now)
		f->now = deadline;
	return 0;
}

static unsigned long
fk_ignored(void *ctx)
{
	return ((struct fakenet *)ctx)->ignored;
}

/* Deterministic per seed, like everything else here. */
static int
fk_random(void *ctx, void *buf, size_t len, char *err, size_t errlen)
{
	struct fakenet *f = ctx;
	uint8_t *b = buf;

	(void)err;
	(void)errlen;
	for (size_t i = 0; i < len; i++)
		b[i] = (uint8_t)splitmix(&f->rng_io);
	return 0;
}

void
fake_init(struct fakenet *f, const struct fake_params *p)
{
	memset(f, 0, sizeof(*f));
	f->p = *p;
	f->now = START_US;
	f->rng = p->seed * 0x2545f4914f6cdd1dull + 1;
	f->rng_io = ~f->rng;
	f->ptb_tokens = 1.0;
	f->ptb_last = START_US;
	f->reply_tokens_us = 6 * p->reply_limit_us; /* a full bucket, as after an idle while */
	f->reply_last = START_US;
}

void
fake_io(struct fakenet *f, struct probe_io *io)
{
	io->ctx = f;
	io->now_us = fk_now;
	io->send = fk_send;
	io->recv = fk_recv;
	io->ignored = fk_ignored;
	io->random = fk_random;
}

uint64_t
fake_min_gap(const struct fakenet *f)
{
	uint64_t best = UINT64_MAX;
	unsigned n = f->sends < FAKE_MAX_SENDS ? f->sends : FAKE_MAX_SENDS;

	for (unsigned i = 1; i < n; i++)
		if (f->send_at[i] - f->send_at[i - 1] < best)
			best = f->send_at[i] - f->send_at[i - 1];
	return best;
}

bool
fake_bucket_ok(const struct fakenet *f, unsigned rate, unsigned burst)
{
	unsigned n = f->sends < FAKE_MAX_SENDS ? f->sends : FAKE_MAX_SENDS;

	for (unsigned a = 0; a < n; a++)
		for (unsigned b = a + 1; b < n; b++)
			if ((double)(b - a + 1) >
			    burst + (double)(f->send_at[b] - f->send_at[a]) * rate / 1e6 + 1e-9)
				return false;
	return true;
}

unsigned
fake_max_in_window(const struct fakenet *f, uint64_t window_us)
{
	unsigned n = f->sends < FAKE_MAX_SENDS ? f->sends : FAKE_MAX_SENDS;
	unsigned best = 0, a = 0;

	for (unsigned b = 0; b < n; b++) {
		while (f->send_at[b] - f->send_at[a] >= window_us)
			a++;
		if (b - a + 1 > best)
			best = b - a + 1;
	}
	return best;
}

/* Several fake paths on one clock (the scheduler's tests): the earliest
 * answer of any, every clock moved to its time (or to the deadline). */
int
fake_mux_wait(struct fakenet *const *nets, size_t n, uint64_t deadline, size_t *which,
	      struct probe_event *ev)
{
	uint64_t now = n ? nets[0]->now : 0, best = UINT64_MAX, to;
	size_t bn = 0;
	int bi = -1;

	for (size_t k = 0; k < n; k++) {
		int i = earliest(nets[k]);

		if (i >= 0 && nets[k]->q[i].at < best) {
			best = nets[k]->q[i].at;
			bn = k;
			bi = i;
		}
	}
	if (deadline < now)
		deadline = now;
	to = bi >= 0 && best <= deadline ? (best > now ? best : now) : deadline;
	for (size_t k = 0; k < n; k++)
		nets[k]->now = to;
	if (bi < 0 || best > deadline)
		return 0;
	*ev = nets[bn]->q[bi].ev;
	nets[bn]->q[bi] = nets[bn]->q[--nets[bn]->nq];
	*which = bn;
	return 1;
}
