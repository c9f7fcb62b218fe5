/* Scripted fake network for the engine tests: see fakenet.h. */
#include "fakenet.h"

#include <stdio.h>
#include <string.h>

#define START_US 1000000000ull   /* the fake clock does not start at 0 */

/* splitmix64: tiny, seedable, good enough for loss decisions. */
static uint64_t rnd(struct fakenet *f)
{
	uint64_t z = (f->rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static double uni(struct fakenet *f)
{
	return (double)(rnd(f) >> 11) / 9007199254740992.0;   /* [0, 1) */
}

static bool chance(struct fakenet *f, double p)
{
	return p > 0 && uni(f) < p;
}

static void addr(struct wire_addr *a, int family, int host)
{
	memset(a, 0, sizeof *a);
	a->family = family;
	if (family == 4) {
		/* RFC 5737: r1 192.0.2.1, target 198.51.100.7 */
		static const uint8_t r1[4] = { 192, 0, 2, 1 }, t[4] = { 198, 51, 100, 7 };

		memcpy(a->a, host ? t : r1, 4);
	} else {
		/* RFC 3849: r1 2001:db8::1, target 2001:db8::7 */
		a->a[0] = 0x20;
		a->a[1] = 0x01;
		a->a[2] = 0x0d;
		a->a[3] = 0xb8;
		a->a[15] = host ? 7 : 1;
	}
}

static void push(struct fakenet *f, enum probe_ev_kind kind, uint16_t seq,
		 uint32_t mtu, uint64_t delay, int from_target)
{
	unsigned copies = chance(f, f->p.dup) ? 2 : 1;

	for (unsigned i = 0; i < copies && f->nq < FAKE_MAX_EVENTS; i++) {
		struct fake_event *e = &f->q[f->nq++];
		uint64_t jit = f->p.jitter_us ? rnd(f) % (f->p.jitter_us + 1) : 0;

		memset(e, 0, sizeof *e);
		e->at = f->now + delay + jit + i * 10;
		e->order = f->order++;
		e->ev.kind = kind;
		e->ev.seq = seq;
		e->ev.mtu = mtu;
		e->ev.at_us = e->at;
		addr(&e->ev.responder, f->p.family, from_target);
	}
}

static bool ptb_allowed(struct fakenet *f)
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

static uint32_t ptb_mtu(const struct fakenet *f, unsigned size)
{
	switch (f->p.ptb) {
	case FAKE_PTB_ZERO: return 0;
	case FAKE_PTB_BIG: return size + 100;
	case FAKE_PTB_TINY: return f->p.family == 6 ? 1000 : 40;
	default: return f->p.path_mtu;
	}
}

static uint64_t fk_now(void *ctx)
{
	return ((struct fakenet *)ctx)->now;
}

static enum probe_io_send fk_send(void *ctx, uint16_t seq, unsigned size,
				  unsigned *local_mtu, char *err, size_t errlen)
{
	struct fakenet *f = ctx;

	if (f->p.fail_send) {
		snprintf(err, errlen, "fake: send failed");
		return PROBE_IO_ERROR;
	}
	if (f->sends < FAKE_MAX_SENDS)
		f->send_at[f->sends] = f->now;
	f->sends++;
	if (f->p.local_mtu && size > f->p.local_mtu) {
		*local_mtu = f->p.local_mtu;
		return PROBE_IO_EMSGSIZE;
	}
	if (f->p.dead)
		return PROBE_IO_SENT;
	if (size > f->p.path_mtu) {
		if (ptb_allowed(f) && !chance(f, f->p.ptb_loss))
			push(f, PROBE_EV_TOO_BIG, seq, ptb_mtu(f, size), f->p.rtt_us / 2, 0);
		return PROBE_IO_SENT;
	}
	if (f->p.silent_mtu && size > f->p.silent_mtu)
		return PROBE_IO_SENT;         /* dropped further on, no PTB */
	if (chance(f, f->p.loss))         /* probe lost past the bottleneck */
		return PROBE_IO_SENT;
	if (f->p.unreach) {
		push(f, PROBE_EV_UNREACH, seq, 0, f->p.rtt_us, 0);
		return PROBE_IO_SENT;
	}
	if (!chance(f, f->p.loss))        /* reply lost on the way back */
		push(f, PROBE_EV_REPLY, seq, 0, f->p.rtt_us, 1);
	return PROBE_IO_SENT;
}

static int earliest(const struct fakenet *f)
{
	int best = -1;

	for (unsigned i = 0; i < f->nq; i++)
		if (best < 0 || f->q[i].at < f->q[best].at ||
		    (f->q[i].at == f->q[best].at && f->q[i].order < f->q[best].order))
			best = (int)i;
	return best;
}

static int fk_recv(void *ctx, uint64_t deadline, struct probe_event *ev,
		   char *err, size_t errlen)
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

static unsigned long fk_ignored(void *ctx)
{
	return ((struct fakenet *)ctx)->ignored;
}

void fake_init(struct fakenet *f, const struct fake_params *p)
{
	memset(f, 0, sizeof *f);
	f->p = *p;
	f->now = START_US;
	f->rng = p->seed * 0x2545f4914f6cdd1dull + 1;
	f->ptb_tokens = 1.0;
	f->ptb_last = START_US;
}

void fake_io(struct fakenet *f, struct probe_io *io)
{
	io->ctx = f;
	io->now_us = fk_now;
	io->send = fk_send;
	io->recv = fk_recv;
	io->ignored = fk_ignored;
}

uint64_t fake_min_gap(const struct fakenet *f)
{
	uint64_t best = UINT64_MAX;
	unsigned n = f->sends < FAKE_MAX_SENDS ? f->sends : FAKE_MAX_SENDS;

	for (unsigned i = 1; i < n; i++)
		if (f->send_at[i] - f->send_at[i - 1] < best)
			best = f->send_at[i] - f->send_at[i - 1];
	return best;
}

unsigned fake_max_in_window(const struct fakenet *f, uint64_t window_us)
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
