/* SPDX-License-Identifier: BSD-2-Clause */
/* sched: many engine runs under one clock (see sched.h).
 *
 * Each run is an engine in steps (engine.h). A run is stepped again only
 * when something can have changed for it: an answer delivered, a probe
 * sent, or its wake time come; in between its send_at and wake_at stand, so
 * a loop over hundreds of runs costs comparisons, not searches.
 *
 * Three limits decide when a run that wants to send may: its own (the
 * engine's token bucket: --rate, a burst of it while the path loses
 * nothing, evenly spaced or slower where it does or its target's answers
 * look rate limited), its target address's (runs to one address share one
 * bucket, kept as the engine keeps its own: the interval and burst of the
 * run that sends), and the total
 * (a token bucket kept as a theoretical arrival time, GCRA: a send is due
 * no earlier than tat - (burst - 1) / rate, and moves tat on by 1 / rate).
 * Runs that may send are served round robin, so one run cannot starve the
 * others of the total. The total's burst matters: runs started together
 * reach the moments they only wait (a silence's window) together, and a
 * bucket of one token loses those moments' share for good (200 black holes
 * took 12.6 s for 8000 probes at 1000/s; with 50 tokens 8.3 s).
 *
 * Answers are read after every wait until none is left before anything is
 * stepped, so a window does not close on an answer already queued behind
 * another run's (a late answer would still count, timers.c, but the run
 * would have probed more than it needed). */
#include "probe/sched.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/errbuf.h"

struct srun {
	struct probe_engine *e; /* NULL: the slot is free */
	const void *io_ctx;
	size_t target;
	uint64_t send_at, wake_at;
	bool dirty; /* step before trusting send_at and wake_at */
	bool over;  /* step said it ended: finish it */
	void *tag;
};

struct starget {
	struct ip_addr a;
	uint64_t tat; /* this address's GCRA: a run may send to it at tat
	                              * less (its burst - 1) of its intervals */
};

struct probe_sched {
	struct probe_wait w;
	volatile sig_atomic_t *stop;
	struct srun *runs;
	size_t nruns, cap; /* slots used (some free), slots allocated */
	size_t active;
	struct starget *targets;
	size_t ntargets, tcap;
	uint64_t tat, interval, burst_us; /* the total's GCRA */
	size_t rr;                        /* where the round robin starts */
	unsigned long sent;
	char err[256];
};

struct probe_sched *
probe_sched_new(const struct probe_sched_config *c, const struct probe_wait *w,
		volatile sig_atomic_t *stop)
{
	struct probe_sched *s = calloc(1, sizeof(*s));
	unsigned pps = c && c->total_pps ? c->total_pps : SCHED_DEF_TOTAL_PPS;
	unsigned burst;

	if (!s)
		return NULL;
	if (pps > SCHED_MAX_TOTAL_PPS)
		pps = SCHED_MAX_TOTAL_PPS;
	burst = c && c->total_burst     ? c->total_burst
		: pps / SCHED_BURST_DIV ? pps / SCHED_BURST_DIV
					: 1;
	s->w = *w;
	s->stop = stop;
	s->interval = (1000000u + pps - 1) / pps; /* round up: never faster */
	s->burst_us = (uint64_t)(burst - 1) * s->interval;
	return s;
}

/* Room for one more of used elements of size bytes: tables grow, no cap. */
static int
grow(void **p, size_t *cap, size_t used, size_t size)
{
	size_t n = *cap ? 2 * *cap : 16;
	void *q;

	if (used < *cap)
		return 0;
	if (n > SIZE_MAX / size || !(q = realloc(*p, n * size)))
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

static size_t
target_of(struct probe_sched *s, const struct ip_addr *a)
{
	struct ip_addr k = { 0 };

	if (a) {
		k.family = a->family;
		memcpy(k.a, a->a, sizeof(k.a));
	}
	for (size_t i = 0; i < s->ntargets; i++)
		if (!memcmp(&s->targets[i].a, &k, sizeof(k)))
			return i;
	if (grow((void **)&s->targets, &s->tcap, s->ntargets, sizeof(*s->targets)) < 0)
		return SIZE_MAX;
	s->targets[s->ntargets] = (struct starget){ .a = k };
	return s->ntargets++;
}

static struct srun *
free_slot(struct probe_sched *s)
{
	for (size_t i = 0; i < s->nruns; i++)
		if (!s->runs[i].e)
			return &s->runs[i];
	if (grow((void **)&s->runs, &s->cap, s->nruns, sizeof(*s->runs)) < 0)
		return NULL;
	return &s->runs[s->nruns++];
}

int
probe_sched_add(struct probe_sched *s, const struct probe_config *cfg, const struct probe_io *io,
		const struct ip_addr *target, struct probe_run *out, void *tag, char *err,
		size_t errlen)
{
	size_t t = target_of(s, target);
	struct srun *r = t == SIZE_MAX ? NULL : free_slot(s);
	struct probe_engine *e;

	if (!r) {
		memset(out, 0, sizeof(*out));
		out->stop = PROBE_STOP_ERROR;
		out->p_wrong = 1.0;
		err_set(err, errlen, "out of memory");
		return -1;
	}
	if (probe_engine_start(cfg, io, s->stop, out, &e, err, errlen) < 0)
		return -1;
	*r = (struct srun){ .e = e,
			    .io_ctx = io->ctx,
			    .target = t,
			    .dirty = true,
			    .tag = tag,
			    .send_at = UINT64_MAX,
			    .wake_at = UINT64_MAX };
	s->active++;
	return 0;
}

size_t
probe_sched_active(const struct probe_sched *s)
{
	return s->active;
}

unsigned long
probe_sched_sent(const struct probe_sched *s)
{
	return s->sent;
}

/* The earliest time run r may send, all three limits together. */
static uint64_t
may_send(const struct probe_sched *s, const struct srun *r)
{
	uint64_t t = r->send_at, tgt = s->targets[r->target].tat;
	uint64_t slack = (uint64_t)(probe_engine_burst(r->e) - 1) * probe_engine_interval(r->e);
	uint64_t tot = s->tat > s->burst_us ? s->tat - s->burst_us : 0;

	if (t == UINT64_MAX)
		return t;
	tgt = tgt > slack ? tgt - slack : 0;
	if (tgt > t)
		t = tgt;
	return tot > t ? tot : t;
}

static void
sent_one(struct probe_sched *s, struct srun *r, uint64_t now)
{
	uint64_t base = s->tat > now ? s->tat : now, *t = &s->targets[r->target].tat;

	s->tat = base + s->interval;
	*t = (*t > now ? *t : now) + probe_engine_interval(r->e);
	s->sent++;
	r->dirty = true;
}

/* Step what may have changed; 1 with *over set when a run has ended. */
static int
step_all(struct probe_sched *s, uint64_t now, struct srun **over)
{
	for (size_t i = 0; i < s->nruns; i++) {
		struct srun *r = &s->runs[i];

		if (!r->e)
			continue;
		/* send_at having come changes nothing for the run itself:
		 * send_due() sends when the other limits allow */
		if (!r->over && (r->dirty || now >= r->wake_at)) {
			r->dirty = false;
			r->over = probe_engine_step(r->e, now, &r->send_at, &r->wake_at) != 0;
		}
		if (r->over) {
			*over = r;
			return 1;
		}
	}
	return 0;
}

/* Every run that may send now sends one probe, round robin; 1 if any did. */
static int
send_due(struct probe_sched *s, uint64_t now)
{
	int any = 0;

	for (size_t k = 0; k < s->nruns; k++) {
		size_t i = (s->rr + k) % s->nruns;
		struct srun *r = &s->runs[i];

		if (!r->e || r->over || r->dirty || may_send(s, r) > now)
			continue;
		if (probe_engine_send(r->e, now) < 0)
			r->dirty = true; /* the run is over: its next step says so */
		else
			sent_one(s, r, now);
		s->rr = i + 1;
		any = 1;
	}
	return any;
}

static uint64_t
next_wake(const struct probe_sched *s)
{
	uint64_t best = UINT64_MAX;

	for (size_t i = 0; i < s->nruns; i++) {
		const struct srun *r = &s->runs[i];
		uint64_t t;

		if (!r->e || r->over)
			continue;
		t = may_send(s, r);
		if (r->wake_at < t)
			t = r->wake_at;
		if (t < best)
			best = t;
	}
	return best;
}

static struct srun *
run_of(struct probe_sched *s, const void *io_ctx)
{
	for (size_t i = 0; i < s->nruns; i++)
		if (s->runs[i].e && !s->runs[i].over && s->runs[i].io_ctx == io_ctx)
			return &s->runs[i];
	return NULL;
}

/* An answer for a run that has ended, or for no run, is not counted here:
 * the io counts what it could not match, and a run's late answers are the
 * io's to drop once the run has moved on. */
static void
deliver(struct probe_sched *s, void *io_ctx, const struct probe_event *ev)
{
	struct srun *r = run_of(s, io_ctx);

	if (r) {
		probe_engine_deliver(r->e, ev);
		r->dirty = true;
	}
}

/* The wait failed: every run ends, interrupted or with its message. */
static void
abort_all(struct probe_sched *s)
{
	bool intr = s->stop && *s->stop;

	for (size_t i = 0; i < s->nruns; i++)
		if (s->runs[i].e && !s->runs[i].over) {
			probe_engine_abort(s->runs[i].e,
					   intr ? PROBE_STOP_INTERRUPTED : PROBE_STOP_ERROR,
					   intr ? NULL : s->err);
			s->runs[i].dirty = true;
		}
}

int
probe_sched_next(struct probe_sched *s, void **tag, int *rc)
{
	for (;;) {
		uint64_t now = s->w.now_us(s->w.ctx), until;
		struct probe_event ev;
		struct srun *over = NULL;
		void *who = NULL;
		int r;

		if (s->stop && *s->stop) /* each run's step ends it, interrupted */
			for (size_t i = 0; i < s->nruns; i++)
				s->runs[i].dirty = true;
		if (step_all(s, now, &over)) {
			*tag = over->tag;
			*rc = probe_engine_finish(over->e);
			over->e = NULL;
			over->over = false;
			s->active--;
			return 1;
		}
		if (!s->active)
			return 0;
		if (send_due(s, now))
			continue;
		until = next_wake(s);
		memset(&ev, 0, sizeof(ev));
		r = s->w.wait(s->w.ctx, until, &who, &ev, s->err, sizeof(s->err));
		while (r > 0) {
			deliver(s, who, &ev);
			memset(&ev, 0, sizeof(ev));
			r = s->w.wait(s->w.ctx, 0, &who, &ev, s->err, sizeof(s->err));
		}
		if (r < 0)
			abort_all(s);
	}
}

void
probe_sched_free(struct probe_sched *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nruns; i++)
		if (s->runs[i].e) {
			probe_engine_abort(s->runs[i].e, PROBE_STOP_INTERRUPTED, NULL);
			probe_engine_finish(s->runs[i].e);
		}
	free(s->runs);
	free(s->targets);
	free(s);
}
