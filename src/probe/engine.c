/* SPDX-License-Identifier: BSD-2-Clause */
/* The probe engine: one loop that asks core/search what to send, paces the
 * sends, matches answers to probes by sequence number, turns the absence of
 * an answer into a timeout, and feeds everything back to search.
 *
 * Time comes only from io->now_us and passes only inside io->recv (which
 * waits until a deadline), so a fake io with a fake clock runs the engine
 * deterministically and fast in the unit tests. Matching an answer to its
 * probe and weighing it (reply over PTB, weak and disputed PTBs) is
 * answer.c. */
#include "base/errbuf.h"
#include "probe/engine.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/search.h"
#include "probe/engine_int.h"
#include "base/ip.h"

#define DEF_MAX_INFLIGHT 32
#define DEF_MIN_TIMEOUT_MS 50 /* host scheduling noise; lab RTT is ~0.1 ms */
#define MAX_RATE_PPS 10000
#define UNREACH_STOP 2  /* ICMP unreachables, with no reply, that end the run */
#define SLOW_US 1000000 /* pace(): the slowest a rate-limited run is made */

void
probe_config_default(struct probe_config *cfg, int family)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->family = family;
	cfg->min_size = ip_min_mtu(family);
	cfg->max_size = 1500;
	cfg->rate_pps = PROBE_DEF_RATE_PPS;
	cfg->burst = 0; /* probe_burst_default() of the rate, once known */
	cfg->max_probes = PROBE_DEF_MAX_PROBES;
	cfg->max_inflight = DEF_MAX_INFLIGHT;
	cfg->timeout_ms = PROBE_DEF_TIMEOUT_MS;
	cfg->min_timeout_ms = DEF_MIN_TIMEOUT_MS;
}

const char *
probe_stop_str(enum probe_stop s)
{
	switch (s) {
	case PROBE_STOP_DONE: return "done";
	case PROBE_STOP_UNREACHABLE: return "unreachable";
	case PROBE_STOP_MAX_PROBES: return "max-probes";
	case PROBE_STOP_INTERRUPTED: return "interrupted";
	case PROBE_STOP_ERROR: return "error";
	}
	return "?";
}

const char *
probe_outcome_str(enum probe_outcome o)
{
	switch (o) {
	case PROBE_PENDING: return "pending";
	case PROBE_REPLY: return "reply";
	case PROBE_TOO_BIG: return "too-big";
	case PROBE_TIMEOUT: return "timeout";
	case PROBE_EMSGSIZE: return "emsgsize";
	case PROBE_UNREACH: return "unreach";
	case PROBE_TIME_EXCEEDED: return "time-exceeded";
	case PROBE_OTHER: return "other";
	}
	return "?";
}

unsigned
probe_burst_default(unsigned rate_pps)
{
	unsigned b = rate_pps / PROBE_BURST_DIV;

	return b < 1 ? 1 : b > PROBE_DEF_BURST ? PROBE_DEF_BURST : b;
}

/* Apply defaults (0 = default) and check ranges. */
static int
resolve_config(const struct probe_config *in, struct probe_config *c, char *err, size_t errlen)
{
	unsigned floor;

	*c = *in;
	if (c->family != 4 && c->family != 6) {
		err_set(err, errlen, "address family must be 4 or 6, not %d", c->family);
		return -1;
	}
	floor = ip_min_mtu(c->family);
	if (!c->min_size)
		c->min_size = floor;
	if (!c->max_size)
		c->max_size = c->min_size > 1500 ? c->min_size : 1500;
	if (!c->rate_pps)
		c->rate_pps = PROBE_DEF_RATE_PPS;
	if (!c->burst)
		c->burst = probe_burst_default(c->rate_pps);
	if (!c->max_probes)
		c->max_probes = PROBE_DEF_MAX_PROBES;
	if (!c->max_inflight)
		c->max_inflight = DEF_MAX_INFLIGHT;
	if (!c->timeout_ms)
		c->timeout_ms = PROBE_DEF_TIMEOUT_MS;
	if (!c->min_timeout_ms)
		c->min_timeout_ms = DEF_MIN_TIMEOUT_MS;
	if (c->min_timeout_ms > c->timeout_ms)
		c->min_timeout_ms = c->timeout_ms;
	if (c->min_size < floor || c->min_size > c->max_size || c->max_size > 65535) {
		err_set(err, errlen, "size range %u..%u invalid for IPv%d (%u..65535)", c->min_size,
			c->max_size, c->family, floor);
		return -1;
	}
	if (c->rate_pps > MAX_RATE_PPS || c->max_probes > PROBE_MAX_PROBES) {
		err_set(err, errlen, "rate (<= %u/s) or probe budget (<= %u) too large",
			MAX_RATE_PPS, PROBE_MAX_PROBES);
		return -1;
	}
	if (c->burst > PROBE_MAX_PROBES) {
		err_set(err, errlen, "burst %u too large (<= %u)", c->burst, PROBE_MAX_PROBES);
		return -1;
	}
	return 0;
}

void
eng_warn(struct probe_engine *e, enum probe_warn_kind kind, const struct ip_addr *from,
	 const struct ip_addr *who, const struct ip_addr *other, unsigned a, unsigned b, unsigned c)
{
	struct probe_run *o = e->out;
	struct ip_addr none = { 0 };
	struct probe_warning *w;

	if (!from)
		from = &none;
	for (unsigned i = 0; i < o->nwarnings; i++) {
		w = &o->warnings[i];
		if (w->kind == kind && !memcmp(&w->from, from, sizeof(*from))) {
			w->count++;
			return;
		}
	}
	if (o->nwarnings >= PROBE_WARN_MAX) {
		o->warnings_dropped++;
		return;
	}
	w = &o->warnings[o->nwarnings++];
	w->kind = kind;
	w->from = *from;
	w->count = 1;
	w->who = who ? *who : none;
	w->other = other ? *other : none;
	w->n[0] = a;
	w->n[1] = b;
	w->n[2] = c;
}

static uint64_t
now_us(const struct probe_engine *e)
{
	return e->io->now_us(e->io->ctx);
}

/* In flight, or heard a PTB whose contradiction (a reply) could still come. */
bool
eng_open_probe(enum search_was w)
{
	return w == SEARCH_WAS_PENDING || w == SEARCH_WAS_OVERDUE || w == SEARCH_WAS_PTB_OPEN ||
	       w == SEARCH_WAS_WEAK_OPEN;
}

void
eng_record(struct probe_engine *e, size_t i, enum search_outcome o, uint32_t mtu)
{
	enum search_was w = (enum search_was)e->was[i];

	search_record(&e->s, e->out->probes[i].size, w, o, mtu);
	e->was[i] = (uint8_t)search_after(w, o);
	if (eng_open_probe(w) && !eng_open_probe((enum search_was)e->was[i]))
		e->inflight--;
}

static void
progress(struct probe_engine *e)
{
	struct search_result r;
	struct probe_progress pr;

	if (!e->c.progress)
		return;
	search_result(&e->s, &r);
	pr.lower = r.lower;
	pr.upper = r.upper;
	pr.probes_sent = e->out->probes_sent;
	pr.inflight = e->inflight;
	pr.elapsed_us = now_us(e) - e->t0;
	e->c.progress(e->c.progress_arg, &pr);
}

static int
send_one(struct probe_engine *e, unsigned size, uint64_t now)
{
	struct probe_run *o = e->out;
	struct probe_record *p = &o->probes[o->nprobes];
	unsigned local = 0;
	enum probe_io_send r;

	memset(p, 0, sizeof(*p));
	p->size = size;
	p->seq = eng_seq_of(e, o->nprobes);
	p->sent_us = now - e->t0;
	r = e->io->send(e->io->ctx, p->seq, size, 0, &local, e->err, e->errlen);
	if (r == PROBE_IO_ERROR)
		return -1;
	o->nprobes++;
	o->probes_sent++;
	e->tat = (e->tat > now ? e->tat : now) + e->interval_us;
	e->last_us = now;
	if (r == PROBE_IO_SENT) {
		p->outcome = PROBE_PENDING;
		e->was[o->nprobes - 1] = SEARCH_WAS_PENDING;
		e->inflight++;
		search_sent(&e->s, size);
		return 0;
	}
	p->outcome = PROBE_EMSGSIZE;
	p->mtu = local;
	if (local && (!o->local_mtu || local < o->local_mtu))
		o->local_mtu = local;
	eng_warn(e, PROBE_WARN_LOCAL_MTU, NULL, NULL, NULL, local, size, 0);
	search_record(&e->s, size, SEARCH_WAS_UNSENT, SEARCH_EMSGSIZE, local);
	return 0;
}

/* Ended by ICMP "destination unreachable" before anything ever passed. */
static bool
icmp_unreachable(const struct probe_engine *e)
{
	return !e->replies && e->unreach >= UNREACH_STOP;
}

/* Replies come at the target's ICMP rate limit (core/search_rate.c): a probe
 * sent faster than that only draws a silence, which the search must then
 * outweigh with more probes. Send no faster than the replies came, but never
 * slower than SLOW_US, Linux's default limit (icmp_ratelimit 1000 ms, the
 * kernel's Documentation/networking/ip-sysctl.rst): below that the limit is
 * shared with other senders, and waiting longer wins no token back from
 * them, it only makes the run longer. A run configured slower stays so. */
static void
pace(struct probe_engine *e)
{
	double rate;
	uint64_t want = e->base_interval_us;

	if (search_rate_limited(&e->s, &rate) && rate > 0.0) {
		want = rate > 1e6 / SLOW_US ? (uint64_t)(1e6 / rate) : SLOW_US;
		if (want < e->base_interval_us)
			want = e->base_interval_us;
	}
	e->interval_us = want;
}

/* The rate is a token bucket (GCRA, as sched.c's total): in any stretch of
 * time the run sends at most burst + stretch * rate probes, so --rate stays
 * the ceiling and the gaps it would have spent idle can be spent at once.
 * On a short round trip nearly all of a run's time was those gaps (issue
 * 23: 41 probes 5 ms apart of a 0.23 s black hole at 20 ms).
 *
 * Why a burst of PROBE_SAFE_BURST (50) is safe: the answers we wait for are
 * echo replies (or TCP resets) and "fragmentation needed" / "packet too
 * big". Linux limits neither: icmpv4_xrlim_allow() and icmp_global_allow()
 * (net/ipv4/icmp.c, via icmpv4_mask_allow()) apply only to the types in
 * net.ipv4.icmp_ratemask (default 0x1818: destination unreachable, source
 * quench, time exceeded, parameter problem), and frag-needed is exempted
 * before the mask is read ("Don't limit PMTU discovery"); IPv6 exempts
 * informational messages and packet too big alike (net/ipv6/icmp.c
 * icmpv6_xrlim_allow; ratemask default 0-1,3-127). The types it does limit
 * get a burst of 6 per destination (XRLIM_BURST_FACTOR, refilled every
 * icmp_ratelimit, 1000 ms) inside icmp_msgs_per_sec 1000 with a burst of
 * icmp_msgs_burst 50 for all destinations (Documentation/networking/
 * ip-sysctl.rst); doc/router-facts.md has the sources. So a burst of 50 is
 * within even the global budget of a router that counted our answers against
 * it; the UDP method, whose proof (port unreachable) is limited per
 * destination, would need a burst of 6 at most: its default rate of 1/s
 * gives it a burst of 1 (probe_burst_default()), and stays there. Wired
 * and measured in the lab (issue 23): one UDP run on a clean path took 2
 * ms instead of 4.0 s, but 8 processes probing one target at once
 * (methods-udp-shared) took 93 s instead of 37 (their limit is 100): the
 * first runs' bursts empty the target's bucket, which every run from this
 * host shares, the others lose their first answers, and pace() sets their
 * wait for the limiter from that (reply_rate 0.012/s instead of 0.042).
 * A burst for UDP needs pace() to recover from a bad start first.
 *
 * Only while the path is seen to lose nothing: a probe at a size that
 * passed and went unanswered may be a limiter or a queue that the burst
 * overran, so from then on the run is evenly paced (burst 1), as it always
 * was, and slower still where the answers look rate limited (pace()).
 * Silence above the largest size that passed is not such a sign: it is
 * what a black hole looks like, and what the burst makes cheap.
 *
 * Nor before the first answer (an echo reply or a PTB): until then nothing
 * says how far the answers are, and a first router's "too big" (0.1 ms away
 * in the lab) caps the plateau table within the first gap; sent back to
 * back the whole table (16 probes) would leave before it could. Nor once
 * an ICMP error other than "too big" came (unreachable, time exceeded):
 * the target or the path refuses the probes, and those are the types
 * Linux does limit (above), so a burst would only draw silences.
 *
 * And only for the probes the search needs now (search_next_urgent()): a
 * trusted PTB's claim and its re-checks, the copies that silence needs, the
 * loss samples, a split. The hedges (sizes that matter only if the claim
 * turns out wrong, spare plateaus below what passed) wait for the even
 * pace, as with burst 1, so the clean path sends its 5 probes, not the
 * whole table (23 when the burst took every size the plan named). */
static bool
burst_allowed(const struct probe_engine *e)
{
	return e->c.burst > 1 && (e->replies || e->ptbs) && !e->icmp_errors &&
	       e->interval_us == e->base_interval_us && search_lossless(&e->s);
}

static unsigned
burst_now(const struct probe_engine *e)
{
	return e->next_urgent && burst_allowed(e) ? e->c.burst : 1;
}

/* The next size: an urgent one if a burst may take it, else the plan's
 * first (hedges included), evenly paced. */
static bool
pick_next(struct probe_engine *e)
{
	e->next_urgent = burst_allowed(e) && search_next_urgent(&e->s, &e->next_size, 1) == 1;
	return e->next_urgent || search_next(&e->s, &e->next_size, 1) == 1;
}

/* The earliest time the next probe may leave: an urgent one in a burst at
 * tat less the burst's gaps; a hedge at tat, as if every probe before it had
 * been evenly spaced (so that it leaves only once the round trip that could
 * make it needless is likely over). Where the burst is off (loss, a rate
 * limit, no answer yet), one gap after the last send, but still within the
 * bucket: a burst's probes, once sent, do not also make the even pace wait
 * for their tokens (a black hole under 10% loss at 20 ms took 280 ms
 * instead of 255 with burst 1). With a configured burst of 1 all three are
 * tat, the even pace from before issue 23. */
static uint64_t
send_due(const struct probe_engine *e)
{
	uint64_t slack = (uint64_t)(e->c.burst - 1) * e->interval_us;
	uint64_t bucket = e->tat > slack ? e->tat - slack : 0, gap;

	if (burst_allowed(e))
		return e->next_urgent ? bucket : e->tat;
	gap = e->out->nprobes ? e->last_us + e->interval_us : 0;
	return gap > bucket ? gap : bucket;
}

/* The run's steps (engine.h): probe_engine_run() below strings them
 * together for one path; sched.c drives many of them under one clock. */
static int
ended(struct probe_engine *e, enum probe_stop why)
{
	e->ended = true;
	e->why = why;
	return 1;
}

int
probe_engine_step(struct probe_engine *e, uint64_t now, uint64_t *send_at, uint64_t *wake_at)
{
	const struct probe_run *o = e->out;
	bool budget = o->nprobes < e->c.max_probes;

	*send_at = *wake_at = UINT64_MAX;
	if (e->ended)
		return 1;
	eng_expire(e, now);
	if (search_done(&e->s))
		return ended(e, PROBE_STOP_DONE);
	if (icmp_unreachable(e))
		return ended(e, PROBE_STOP_UNREACHABLE);
	if (e->stop && *e->stop)
		return ended(e, PROBE_STOP_INTERRUPTED);
	e->can = budget && e->inflight < e->c.max_inflight && pick_next(e);
	*wake_at = eng_next_deadline(e);
	if (e->can)
		*send_at = send_due(e);
	if (!e->can && *wake_at == UINT64_MAX) {
		if (!budget)
			return ended(e, PROBE_STOP_MAX_PROBES);
		err_set(e->err, e->errlen,
			"internal error: search stalled "
			"with nothing in flight");
		return ended(e, PROBE_STOP_ERROR);
	}
	return 0;
}

int
probe_engine_send(struct probe_engine *e, uint64_t now)
{
	if (e->ended || !e->can || now < send_due(e))
		return e->ended ? -1 : 0;
	pace(e);
	e->can = false; /* the next step asks the search again */
	if (send_one(e, e->next_size, now) < 0) {
		ended(e, PROBE_STOP_ERROR);
		return -1;
	}
	progress(e);
	return 0;
}

void
probe_engine_deliver(struct probe_engine *e, const struct probe_event *ev)
{
	if (e->ended)
		return;
	eng_handle_event(e, ev);
	progress(e);
}

uint64_t
probe_engine_interval(const struct probe_engine *e)
{
	return e->interval_us;
}

unsigned
probe_engine_burst(const struct probe_engine *e)
{
	return burst_now(e);
}

void
probe_engine_abort(struct probe_engine *e, enum probe_stop why, const char *msg)
{
	if (e->ended)
		return;
	if (msg)
		err_set(e->err, e->errlen, "%s", msg);
	ended(e, why);
}

static void
find_bottleneck(struct probe_run *o)
{
	for (size_t i = 0; i < o->nprobes && o->pmtu; i++) {
		const struct probe_record *p = &o->probes[i];

		if (p->outcome == PROBE_TOO_BIG && p->size == o->pmtu + 1) {
			o->bottleneck = p->responder;
			return;
		}
	}
	for (size_t i = 0; i < o->nprobes && o->pmtu; i++) {
		const struct probe_record *p = &o->probes[i];

		if (p->outcome == PROBE_TOO_BIG && p->mtu == o->pmtu) {
			o->bottleneck = p->responder;
			return;
		}
	}
}

/* Unreachable by ICMP, not by size: who said so (the first sender). */
static void
icmp_reason(struct probe_run *o)
{
	o->confidence.why = PROBE_WHY_UNREACH;
	for (size_t i = 0; i < o->nprobes; i++)
		if (o->probes[i].outcome == PROBE_UNREACH) {
			o->confidence.from = o->probes[i].responder;
			break;
		}
}

static void
finish(struct probe_engine *e, enum probe_stop stop)
{
	struct probe_run *o = e->out;
	struct search_result r;

	search_result(&e->s, &r);
	if (stop == PROBE_STOP_DONE && r.unreachable)
		stop = PROBE_STOP_UNREACHABLE;
	o->stop = stop;
	o->pmtu = stop == PROBE_STOP_UNREACHABLE ? 0 : r.pmtu;
	o->at_max = r.at_max;
	/* mtuprobe(1): verified is "the path MTU passes again and one byte
	 * more fails again". Above a --max nothing was tried: a bound, not a
	 * verified answer (issue 20). At the first hop's MTU, larger packets
	 * cannot leave at all, which is the failure verification asks for. */
	o->bounded = r.at_max && e->c.max_bound;
	o->verified = stop == PROBE_STOP_DONE && r.verified && !o->bounded;
	o->fail_by_ptb = r.fail_by_ptb;
	o->p_wrong = o->pmtu ? r.p_wrong : 1.0;
	o->lower = r.lower;
	o->upper = r.upper;
	o->loss = r.loss;
	o->rate_limited = r.rate_limited;
	o->reply_rate = r.reply_rate;
	o->srtt_us = (uint32_t)e->srtt;
	o->elapsed_us = now_us(e) - e->t0;
	o->ignored =
		e->own_ignored + e->bad_quotes + (e->io->ignored ? e->io->ignored(e->io->ctx) : 0);
	o->confidence.search = r.reason;
	if (stop == PROBE_STOP_UNREACHABLE && !r.unreachable)
		icmp_reason(o);
	else if (o->bounded && stop == PROBE_STOP_DONE)
		o->confidence.why = PROBE_WHY_BOUNDED;
	else
		o->confidence.why = PROBE_WHY_SEARCH; /* after the stop (probe_words.c) */
	find_bottleneck(o);
	if (e->s.hints_dropped)
		eng_warn(e, PROBE_WARN_HINTS_DROPPED, NULL, NULL, NULL, e->s.hints_dropped,
			 SEARCH_MAX_SIZES, 0);
}

int
probe_engine_start(const struct probe_config *cfg, const struct probe_io *io,
		   volatile sig_atomic_t *stop, struct probe_run *out, struct probe_engine **ep,
		   char *err, size_t errlen)
{
	struct probe_engine *e;
	struct search_params sp;

	*ep = NULL;
	memset(out, 0, sizeof(*out));
	out->stop = PROBE_STOP_ERROR;
	out->p_wrong = 1.0;
	if (!io || !io->now_us || !io->send || !io->random) {
		err_set(err, errlen, "incomplete probe_io");
		return -1;
	}
	e = calloc(1, sizeof(*e));
	if (!e) {
		err_set(err, errlen, "out of memory");
		return -1;
	}
	if (resolve_config(cfg, &e->c, err, errlen) < 0)
		goto fail;
	search_params_default(&sp, e->c.family, e->c.min_size, e->c.max_size);
	if (e->c.min_silences) {
		sp.n_min = e->c.min_silences;
		if (sp.n_max < sp.n_min)
			sp.n_max = sp.n_min;
	}
	out->probes = calloc(e->c.max_probes, sizeof(*out->probes));
	e->was = calloc(e->c.max_probes, 1);
	if (!out->probes || !e->was) {
		err_set(err, errlen, "out of memory");
		goto fail;
	}
	if (search_init(&e->s, &sp) < 0) {
		err_set(err, errlen, "bad search parameters");
		goto fail;
	}
	out->min_size = e->c.min_size;
	out->max_size = e->c.max_size;
	e->io = io;
	e->stop = stop;
	e->out = out;
	e->err = err;
	e->errlen = errlen;
	/* round up: never faster than the configured rate */
	e->interval_us = (1000000u + e->c.rate_pps - 1) / e->c.rate_pps;
	e->base_interval_us = e->interval_us;
	if (eng_seq_init(e) < 0)
		goto fail;
	e->t0 = e->tat = now_us(e);
	*ep = e;
	return 0;
fail:
	probe_run_free(out);
	free(e->was);
	free(e);
	return -1;
}

int
probe_engine_finish(struct probe_engine *e)
{
	struct probe_run *out = e->out;
	enum probe_stop why = e->ended ? e->why : PROBE_STOP_INTERRUPTED;

	finish(e, why);
	free(e->was);
	free(e);
	if (why != PROBE_STOP_ERROR)
		return 0;
	/* A send or receive error: no caller reads the records of such a run,
	 * and probe_cmd.c's run_method dropped it without probe_run_free(), so
	 * the table leaked every failed watch round (issue 20). Freed here, for
	 * every caller; the counts stay. */
	probe_run_free(out);
	return -1;
}

/* One path: the steps in a loop, waiting on the run's own io between them. */
int
probe_engine_run(const struct probe_config *cfg, const struct probe_io *io,
		 volatile sig_atomic_t *stop, struct probe_run *out, char *err, size_t errlen)
{
	struct probe_engine *e;

	if (io && !io->recv) {
		memset(out, 0, sizeof(*out));
		out->stop = PROBE_STOP_ERROR;
		out->p_wrong = 1.0;
		err_set(err, errlen, "incomplete probe_io");
		return -1;
	}
	if (probe_engine_start(cfg, io, stop, out, &e, err, errlen) < 0)
		return -1;
	for (;;) {
		uint64_t now = now_us(e), send_at, until;
		struct probe_event ev;
		int r;

		if (probe_engine_step(e, now, &send_at, &until))
			break;
		/* Answers already here go first (a wait that has already
		 * passed takes only those): a round's replies arrive
		 * together, and a probe sent after the first of them would be
		 * planned on a part of the round (a split below what the next
		 * reply proves, re-checks of a size that is not the answer). */
		if (send_at > now && send_at < until)
			until = send_at;
		else if (send_at <= now)
			until = now;
		memset(&ev, 0, sizeof(ev));
		r = io->recv(io->ctx, until, &ev, err, errlen);
		if (r == 0 && send_at <= now) {
			probe_engine_send(e, now);
			continue;
		}
		if (r > 0)
			probe_engine_deliver(e, &ev);
		else if (r < 0)
			probe_engine_abort(e,
					   stop && *stop ? PROBE_STOP_INTERRUPTED
							 : PROBE_STOP_ERROR,
					   NULL);
	}
	return probe_engine_finish(e);
}

void
probe_run_free(struct probe_run *run)
{
	if (!run)
		return;
	free(run->probes);
	run->probes = NULL;
	run->nprobes = 0;
}
