/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --locate (probe/locate.c) against a fake path of routers with a
 * fake clock (fakehops.c): usually after the real engine measured the path
 * MTU on the same fake, as probe_cmd.c does it. What must come out is the
 * fake's own truth (which hop drops the big packets), never the code's.
 * Every run also checks the invariants: sizes, TTLs, seqs never shared with
 * the measuring run, tries a second apart, the counts in the result. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fakehops.h"
#include "probe/engine.h"
#include "probe/locate.h"
#include "render/render.h" /* locate_words(): the reason --json prints */

#define PMTU 1400
#define SECOND 1000000ull

struct env {
	struct fakehops f;
	struct probe_io io;
	struct probe_run prev;
	bool have_prev;
	unsigned first; /* f.sent index of the first --locate probe */
	struct locate_config lc;
	struct locate_run out;
	char err[PROBE_ERR_LEN];
	int rc;
};

/* The English words of a verdict, as --json's "reason" carries them. */
static const char *
reason(const struct locate_result *r)
{
	static char buf[LOCATE_WORDS_LEN];

	locate_words(r, 0, buf, sizeof(buf));
	return buf;
}

static struct env *
env_new(const struct fh_params *np)
{
	struct env *e = calloc(1, sizeof(*e));

	assert_non_null(e);
	fh_init(&e->f, np);
	fh_io(&e->f, &e->io);
	e->lc.family = np->family;
	e->lc.pmtu = PMTU;
	return e;
}

/* fh_path() as a value, for a test to amend before env_new(). */
static struct fh_params
path(int family, unsigned nhops, unsigned hole, unsigned pmtu)
{
	struct fh_params np;

	fh_path(&np, family, nhops, hole, pmtu);
	return np;
}

static void
env_free(struct env *e)
{
	if (e->have_prev)
		probe_run_free(&e->prev);
	free(e);
}

/* The engine first, on the same path. */
static void
measure_any(struct env *e)
{
	struct probe_config cfg;

	probe_config_default(&cfg, e->f.p.family);
	assert_int_equal(probe_engine_run(&cfg, &e->io, NULL, &e->prev, e->err, sizeof(e->err)), 0);
	e->have_prev = true;
}

/* ... and it must find PMTU. */
static void
measure(struct env *e)
{
	measure_any(e);
	if (e->prev.pmtu != PMTU || e->prev.at_max)
		fail_msg("engine: pmtu %u at_max %d (confidence why %d)", e->prev.pmtu,
			 e->prev.at_max, (int)e->prev.confidence.why);
	e->lc.pmtu = e->prev.pmtu;
}

static void
locate(struct env *e, volatile sig_atomic_t *stop)
{
	e->first = e->f.nsent;
	e->err[0] = '\0';
	e->rc = probe_locate(&e->lc, &e->io, e->have_prev ? &e->prev : NULL, stop, &e->out, e->err,
			     sizeof(e->err));
}

static bool
addr_is(const struct ip_addr *a, const struct fakehops *f, unsigned hop)
{
	struct ip_addr w;

	if (!hop)
		return a->family == 0;
	fh_addr(f, hop, &w);
	return a->family == w.family && !memcmp(a->a, w.a, sizeof(a->a));
}

/* What holds for every run, whatever the path did. */
static void
check_invariants(const struct env *e)
{
	const struct locate_run *o = &e->out;
	const unsigned n = e->f.nsent - e->first;
	const unsigned rate = e->lc.rate_pps ? e->lc.rate_pps : 200;

	assert_true(e->f.nsent <= FH_MAX_SENDS);
	assert_int_equal(o->probes_sent, n);
	assert_true(n <= 2 * o->l.max_hops * o->l.attempts);
	assert_int_equal(o->small, e->lc.pmtu);
	assert_int_equal(o->large, e->lc.pmtu + 1);
	for (unsigned i = e->first; i < e->f.nsent; i++) {
		const struct fh_send *s = &e->f.sent[i];
		unsigned tries = 0;

		assert_true(s->ttl >= 1 && s->ttl <= o->l.max_hops);
		assert_true(s->size == o->small || s->size == o->large);
		if (i > e->first && s->at_us - e->f.sent[i - 1].at_us < SECOND / rate)
			fail_msg("probe %u sent %llu us after the one before", i - e->first,
				 (unsigned long long)(s->at_us - e->f.sent[i - 1].at_us));
		for (size_t k = 0; e->have_prev && k < e->prev.nprobes; k++)
			if (e->prev.probes[k].seq == s->seq)
				fail_msg("seq %u of the measuring run used again", s->seq);
		for (unsigned j = e->first; j < i; j++) {
			const struct fh_send *t = &e->f.sent[j];

			assert_int_not_equal(t->seq, s->seq);
			if (t->ttl == s->ttl && t->size == s->size) {
				tries++;
				if (s->at_us - t->at_us < SECOND)
					fail_msg("TTL %u size %u tried again after %llu us", s->ttl,
						 s->size,
						 (unsigned long long)(s->at_us - t->at_us));
			}
		}
		/* the result counts the tries the fake saw, no more */
		assert_true(tries < o->l.attempts);
		assert_true(tries < o->l.obs[s->ttl][s->size == o->large].tries);
	}
	for (unsigned t = 1; t <= LOCATE_MAX_HOPS; t++)
		for (int big = 0; big < 2; big++) {
			unsigned c = 0;

			for (unsigned i = e->first; i < e->f.nsent; i++)
				c += e->f.sent[i].ttl == t &&
				     (e->f.sent[i].size == o->large) == big;
			assert_int_equal(o->l.obs[t][big].tries, c);
		}
	assert_true(o->r.found || strstr(reason(&o->r), "not located"));
	assert_false(o->r.found && o->interrupted);
}

/* The fake's truth against the verdict. */
enum judged { RIGHT, NOT_LOCATED, WRONG, VAGUE };
static const char *const judged_str[] = { "right", "not located", "WRONG", "vague" };

/* hole: the hop whose egress drops them (0: before hop 1). A mute verdict
 * (the first silent hop answers nothing) claims the hole lies between
 * last_ttl and next_ttl: VAGUE when that holds but last_ttl is not the hole. */
static enum judged
judge(const struct env *e, unsigned hole)
{
	const struct locate_result *r = &e->out.r;

	if (!r->found)
		return NOT_LOCATED;
	if (r->last_ttl == hole && r->silent_ttl == hole + 1)
		return RIGHT;
	if (r->silent_mute && r->last_ttl < hole && (!r->next_ttl || hole < r->next_ttl))
		return VAGUE;
	return WRONG;
}

struct lcase {
	const char *name;
	int family;                /* 0 = 4 */
	unsigned nhops, hole;      /* hole: its egress MTU is PMTU (0: the first link) */
	bool ptb;                  /* the hole says "too big" */
	unsigned mute;             /* this hop never sends time exceeded; 0 = none */
	bool all_mute;             /* no hop does */
	unsigned burst, refill_ms; /* every hop's ICMP bucket; refill 0 = none */
	bool ptb_limited;
	unsigned delay_ms; /* one way per link; 0 = 0.1 ms */
	/* the verdict, every seed */
	bool found, by_ptb, is_target, silent_mute;
	unsigned last_ttl, silent_ttl, next_ttl;
	const char *words; /* in the reason */
	/* budgets of the --locate part */
	unsigned max_probes;
	double max_s;
};

#define V4 .family = 4
#define V6 .family = 6

/* clang-format off */
static const struct lcase cases[] = {
	/* the lab: r1 drops what its 1400-byte egress cannot carry, r2, r3 */
	{ "lab: hole after hop 1 of 3", V4, .nhops = 3, .hole = 1, .found = true,
	  .last_ttl = 1, .silent_ttl = 2, .words = "hop 1 (192.0.2.1) and never hop 2 (192.0.2.2)",
	  .max_probes = 12, .max_s = 3.5 },
	{ "hole after hop 3 of 6", V4, .nhops = 6, .hole = 3, .found = true, .last_ttl = 3,
	  .silent_ttl = 4, .words = "hop 3 (192.0.2.3) and never hop 4 (192.0.2.4)",
	  .max_probes = 18, .max_s = 3.5 },
	{ "hole before hop 1", V4, .nhops = 3, .hole = 0, .found = true, .last_ttl = 0,
	  .silent_ttl = 1, .words = "before the first hop", .max_probes = 12, .max_s = 3.5 },
	{ "hole on the last link", V4, .nhops = 3, .hole = 3, .found = true, .last_ttl = 3,
	  .silent_ttl = 4, .is_target = true, .words = "the target 198.51.100.7 (hop 4)",
	  .max_probes = 12, .max_s = 3.5 },
	/* not a black hole: hop 2 says "too big" for TTL 3 and up */
	{ "PTB from hop 2 of 4", V4, .nhops = 4, .hole = 2, .ptb = true, .found = true,
	  .by_ptb = true, .last_ttl = 2, .silent_ttl = 3,
	  .words = "192.0.2.2 answers 'too big', MTU 1400", .max_probes = 8, .max_s = 0.1 },
	/* Linux IPv4 limits "too big" with the same bucket of one token: the
	 * engine's run leaves it empty, so TTL 2's time exceeded comes on the
	 * second try and TTL 3's "too big" on the third, a second apart */
	{ "PTB from hop 2 of 4, burst 1", V4, .nhops = 4, .hole = 2, .ptb = true,
	  .burst = 1, .refill_ms = 1000, .ptb_limited = true, .found = true, .by_ptb = true,
	  .last_ttl = 2, .silent_ttl = 3, .words = "not a black hole", .max_probes = 13,
	  .max_s = 2.1 },
	/* hop 2 sends no time exceeded at all */
	{ "mute hop 2, hole after hop 1 of 4", V4, .nhops = 4, .hole = 1, .mute = 2,
	  .found = true, .silent_mute = true, .last_ttl = 1, .silent_ttl = 2, .next_ttl = 3,
	  .words = "the next that does is hop 3 (192.0.2.3)", .max_probes = 17, .max_s = 3.5 },
	{ "mute hop 2, hole after hop 3 of 5", V4, .nhops = 5, .hole = 3, .mute = 2,
	  .found = true, .last_ttl = 3, .silent_ttl = 4, .words = "192.0.2.4",
	  .max_probes = 17, .max_s = 3.5 },
	{ "mute hop 3, hole after hop 1 of 4", V4, .nhops = 4, .hole = 1, .mute = 3,
	  .found = true, .last_ttl = 1, .silent_ttl = 2, .words = "192.0.2.2",
	  .max_probes = 17, .max_s = 3.5 },
	/* the hole is on the mute hop's way out: big packets do reach hop 2,
	 * which cannot say so; the verdict names the span hop 1 .. hop 3 */
	{ "mute hop 2, hole after hop 2 of 4", V4, .nhops = 4, .hole = 2, .mute = 2,
	  .found = true, .silent_mute = true, .last_ttl = 1, .silent_ttl = 2, .next_ttl = 3,
	  .words = "hop 2 answers no TTL probe at all", .max_probes = 17, .max_s = 3.5 },
	/* Linux's own limits (burst 6, 1/s), and one token a second: the large
	 * probe of each TTL goes first and gets the token */
	{ "Linux limits, hole after hop 3 of 6", V4, .nhops = 6, .hole = 3, .burst = 6,
	  .refill_ms = 1000, .found = true, .last_ttl = 3, .silent_ttl = 4,
	  .words = "192.0.2.4", .max_probes = 18, .max_s = 3.5 },
	{ "burst 1, 1/s, hole after hop 3 of 6", V4, .nhops = 6, .hole = 3, .burst = 1,
	  .refill_ms = 1000, .found = true, .last_ttl = 3, .silent_ttl = 4,
	  .words = "hop 3 (192.0.2.3) and never hop 4 (192.0.2.4)", .max_probes = 18,
	  .max_s = 3.5 },
	{ "burst 1, 1/s, hole after hop 1 of 3", V4, .nhops = 3, .hole = 1, .burst = 1,
	  .refill_ms = 1000, .found = true, .last_ttl = 1, .silent_ttl = 2,
	  .words = "192.0.2.2", .max_probes = 12, .max_s = 3.5 },
	/* 40 ms a link, 560 ms to the target and back: round 0 (5 ms a probe)
	 * climbs to TTL 30 before the target's answer could stop it; the
	 * clean run asks for 4 tries, the last waiting three round trips:
	 * 0.3 + 1 + 1 + 1 + 1.68 s */
	{ "40 ms a link, hole after hop 3 of 6", V4, .nhops = 6, .hole = 3, .delay_ms = 40,
	  .found = true, .last_ttl = 3, .silent_ttl = 4,
	  .words = "hop 3 (192.0.2.3) and never hop 4 (192.0.2.4)", .max_probes = 64,
	  .max_s = 5.1 },
	/* IPv6 */
	{ "IPv6 lab: hole after hop 1 of 3", V6, .nhops = 3, .hole = 1, .found = true,
	  .last_ttl = 1, .silent_ttl = 2, .words = "hop 1 (2001:db8::1) and never hop 2 (2001:db8::2)",
	  .max_probes = 12, .max_s = 3.5 },
	{ "IPv6 hole on the last link", V6, .nhops = 2, .hole = 2, .found = true,
	  .last_ttl = 2, .silent_ttl = 3, .is_target = true,
	  .words = "the target 2001:db8:1::7 (hop 3)", .max_probes = 10, .max_s = 3.5 },
	{ "IPv6 PTB from hop 1 of 3", V6, .nhops = 3, .hole = 1, .ptb = true, .found = true,
	  .by_ptb = true, .last_ttl = 1, .silent_ttl = 2,
	  .words = "2001:db8::1 answers 'too big', MTU 1400", .max_probes = 6, .max_s = 0.1 },
	/* no router sends time exceeded (filtered): only the target answers,
	 * the small probe. Nothing places the hole. */
	{ "no router answers, hole after hop 2 of 4", V4, .nhops = 4, .hole = 2,
	  .all_mute = true, .found = false, .words = "no hop answered", .max_probes = 17,
	  .max_s = 3.5 },
};
/* clang-format on */

static void
path_of(const struct lcase *c, uint64_t seed, struct fh_params *np)
{
	fh_path(np, c->family, c->nhops, c->hole, PMTU);
	np->seed = seed;
	if (c->ptb)
		np->hop[c->hole].silent = false;
	for (unsigned i = 1; i <= c->nhops; i++) {
		np->hop[i].mute = c->all_mute || i == c->mute;
		np->hop[i].burst = c->burst;
		np->hop[i].refill_ms = c->refill_ms;
		np->hop[i].ptb_limited = c->ptb_limited;
		if (c->delay_ms)
			np->hop[i].delay_us = c->delay_ms * 1000ull;
	}
	if (c->delay_ms)
		np->target_delay_us = c->delay_ms * 1000ull;
}

static void
check_case(const struct lcase *c, const struct env *e, uint64_t seed)
{
	const struct locate_result *r = &e->out.r;
	const unsigned target = c->nhops + 1;

	if (r->found != c->found || r->last_ttl != c->last_ttl || r->silent_ttl != c->silent_ttl ||
	    r->by_ptb != c->by_ptb || r->silent_is_target != c->is_target ||
	    r->silent_mute != c->silent_mute || r->next_ttl != c->next_ttl)
		fail_msg("%s seed %llu: found %d last %u silent %u ptb %d target %d mute %d "
			 "next %u (%s)",
			 c->name, (unsigned long long)seed, r->found, r->last_ttl, r->silent_ttl,
			 r->by_ptb, r->silent_is_target, r->silent_mute, r->next_ttl, reason(r));
	/* a "too big" decides at once, maybe before the target answered */
	if (c->by_ptb)
		assert_true(r->target_ttl == 0 || r->target_ttl == target);
	else
		assert_int_equal(r->target_ttl, target);
	assert_false(e->out.interrupted);
	if (!strstr(reason(r), c->words))
		fail_msg("%s: \"%s\" not in \"%s\"", c->name, c->words, reason(r));
	if (!c->found)
		return;
	assert_true(addr_is(&r->last, &e->f, c->last_ttl));
	/* a "too big" may decide before the small probe of the next TTL left */
	if (!(c->by_ptb && r->silent.family == 0))
		assert_true(addr_is(&r->silent, &e->f, c->silent_mute ? 0 : c->silent_ttl));
	assert_true(addr_is(&r->next, &e->f, c->next_ttl));
	if (c->by_ptb)
		assert_int_equal(r->ptb_mtu, PMTU);
	else
		assert_int_equal(r->ptb_mtu, 0);
	if (!c->silent_mute)
		assert_int_equal(judge(e, c->hole), RIGHT);
}

static void
test_case(void **state)
{
	const struct lcase *c = *state;

	for (uint64_t seed = 1; seed <= 3; seed++) {
		struct fh_params np;
		struct env *e;

		path_of(c, seed, &np);
		e = env_new(&np);
		measure(e);
		locate(e, NULL);
		print_message("  %-42s %2u probes %5.2f s: %s\n", c->name, e->out.probes_sent,
			      e->out.elapsed_us / 1e6, reason(&e->out.r));
		assert_int_equal(e->rc, 0);
		check_invariants(e);
		check_case(c, e, seed);
		if (e->out.probes_sent > c->max_probes)
			fail_msg("%s: %u probes > %u", c->name, e->out.probes_sent, c->max_probes);
		if (e->out.elapsed_us >= (uint64_t)(c->max_s * 1e6))
			fail_msg("%s: %.3f s >= %.1f s", c->name, e->out.elapsed_us / 1e6,
				 c->max_s);
		env_free(e);
	}
}

/* The clean black hole (the lab's shape), exactly: round 0 sends both
 * sizes for TTLs 1..4 (the target answers at 4), then TTL 2's large probe
 * three times more, a second apart, the last waiting the 200 ms window:
 * 4 tries, since the measurement's clean round trips (~30) leave
 * P(3 lost) = 1.7e-4, above LOCATE_P_WRONG, and P(4 lost) below it. */
static void
test_lab_budget(void **state)
{
	struct fh_params np = path(4, 3, 1, PMTU);
	struct env *e;
	const unsigned want_ttl[] = { 1, 1, 2, 2, 3, 3, 4, 4, 2, 2, 2 };

	(void)state;
	e = env_new(&np);
	measure(e);
	locate(e, NULL);
	assert_int_equal(e->rc, 0);
	check_invariants(e);
	print_message("  lab: %u probes, %.3f s of fake time, ignored %lu\n", e->out.probes_sent,
		      e->out.elapsed_us / 1e6, e->out.ignored);
	assert_int_equal(e->out.probes_sent, 11);
	for (unsigned i = 0; i < 11; i++) {
		const struct fh_send *s = &e->f.sent[e->first + i];

		assert_int_equal(s->ttl, want_ttl[i]);
		/* large first within a TTL; the retries are large */
		assert_int_equal(s->size, i < 8 && i % 2 ? PMTU : PMTU + 1);
	}
	assert_int_equal(e->out.l.attempts, 4);
	assert_true(e->out.elapsed_us >= 3 * SECOND + 200000);
	assert_true(e->out.elapsed_us < 3 * SECOND + 300000);
	assert_true(e->out.r.found);
	assert_int_equal(e->out.l.obs[2][1].tries, 4);
	assert_int_equal(e->out.ignored, 0);
	env_free(e);
}

/* Strays: answers for seqs no probe carries, and time exceeded for a seq of
 * ours quoting the other size (which, believed, would move the hole one hop
 * on). All are counted and ignored; the verdict stands. */
static void
test_strays(void **state)
{
	struct fh_params np = path(4, 4, 2, PMTU);
	struct env *e;

	(void)state;
	np.strays = 9;
	np.misquote = true;
	e = env_new(&np);
	locate(e, NULL); /* no engine: every stray is about --locate */
	assert_int_equal(e->rc, 0);
	check_invariants(e);
	print_message("  strays: %u queued, %lu ignored: %s\n", e->f.stray_sent, e->out.ignored,
		      reason(&e->out.r));
	assert_true(e->f.stray_sent > 9); /* the large probes of TTL 3..5 misquoted */
	assert_int_equal(e->out.ignored, e->f.stray_sent);
	assert_int_equal(judge(e, 2), RIGHT);
	assert_true(addr_is(&e->out.r.silent, &e->f, 3));
	assert_int_equal(e->out.l.obs[3][1].heard, LOCATE_NOTHING);
	env_free(e);
}

/* The measuring run's seqs are never reused, even when the random start
 * falls on them: the engine numbers its probes 1, 2, ... n (a = 1, b = 1),
 * --locate starts at 1 and must skip to n + 1. Late answers to the
 * measurement, for seqs 1..n and quoting a size --locate uses, arrive
 * during --locate: all ignored. */
static void
test_seqs_not_reused(void **state)
{
	static const uint8_t a1b1[2] = { 0x00, 0x01 }; /* bytes 00 01 00 01: a = 1, b = 1 */
	struct fh_params np = path(4, 3, 1, PMTU);
	struct env *e;
	unsigned n;

	(void)state;
	np.fixed_random = true;
	memcpy(&np.random_value, a1b1, sizeof(a1b1));
	e = env_new(&np);
	measure(e);
	n = (unsigned)e->prev.nprobes;
	for (unsigned k = 0; k < n; k++)
		assert_int_equal(e->prev.probes[k].seq, k + 1);
	e->f.p.random_value = 1;
	for (unsigned k = 1; k <= n; k++)
		fh_inject(&e->f, 300 + 7 * k, PROBE_EV_TIME_EXCEEDED, (uint16_t)k, 2, 0,
			  k % 2 ? PMTU + 1 : PMTU);
	locate(e, NULL);
	assert_int_equal(e->rc, 0);
	check_invariants(e);
	print_message("  engine used seqs 1..%u; --locate's first seq %u, %lu ignored\n", n,
		      e->f.sent[e->first].seq, e->out.ignored);
	assert_int_equal(e->f.sent[e->first].seq, n + 1);
	assert_int_equal(e->out.ignored, n);
	assert_int_equal(judge(e, 1), RIGHT);
	env_free(e);
}

/* --locate on the lab's path with SIGINT at stop_at_us (0: before it
 * began): an interrupted run, no finding, status 0. */
static struct env *
interrupted_run(uint64_t stop_at_us)
{
	static volatile sig_atomic_t stop;
	struct fh_params np = path(4, 3, 1, PMTU);
	struct env *e;

	stop = stop_at_us == 0;
	np.stop_flag = &stop;
	np.stop_at_us = stop_at_us;
	e = env_new(&np);
	locate(e, &stop);
	print_message("  stop at %.3f s: rc %d, %u probes, %.3f s: %s\n", stop_at_us / 1e6, e->rc,
		      e->out.probes_sent, e->out.elapsed_us / 1e6, reason(&e->out.r));
	assert_int_equal(stop, 1);
	assert_int_equal(e->rc, 0);
	check_invariants(e);
	assert_true(e->out.interrupted);
	assert_false(e->out.r.found);
	assert_int_equal(e->out.r.why, LOCATE_WHY_INTERRUPTED);
	assert_string_equal(reason(&e->out.r), "not located: interrupted");
	return e;
}

/* SIGINT a second and a half in: the retries are cut short. */
static void
test_stop(void **state)
{
	struct env *e = interrupted_run(1500000);

	(void)state;
	assert_int_equal(e->out.elapsed_us, 1500000);
	assert_int_equal(e->out.probes_sent, 9); /* round 0 (8) and TTL 2's second try */
	env_free(e);
}

/* SIGINT before --locate began: nothing is sent (as with the engine). */
static void
test_stop_before(void **state)
{
	struct env *e = interrupted_run(0);

	(void)state;
	assert_int_equal(e->f.nsent, 0);
	assert_int_equal(e->out.probes_sent, 0);
	assert_int_equal(e->out.elapsed_us, 0);
	env_free(e);
}

/* An io error ends it: -1 with the io's message, after what was sent. */
static void
test_io_errors(void **state)
{
	static const struct {
		bool send, random;
		unsigned after; /* sends that work first */
		const char *err;
	} faults[] = {
		{ true, false, 3, "fakehops: send failed" },
		{ true, false, 0, "fakehops: send failed" },
		{ false, true, 0, "fakehops: no randomness" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		struct fh_params np = path(4, 3, 1, PMTU);
		struct env *e;

		np.fail_send = faults[i].send;
		np.fail_after = faults[i].after;
		np.fail_random = faults[i].random;
		e = env_new(&np);
		locate(e, NULL);
		assert_int_equal(e->rc, -1);
		assert_string_equal(e->err, faults[i].err);
		assert_int_equal(e->f.nsent, faults[i].after);
		assert_int_equal(e->out.probes_sent, faults[i].after);
		assert_false(e->out.r.found);
		env_free(e);
	}
}

/* --max-hops below the hole: every hop tried answers the big probes, and
 * nothing past the limit is sent. */
static void
test_max_hops(void **state)
{
	struct fh_params np = path(4, 6, 5, PMTU);
	struct env *e;

	(void)state;
	e = env_new(&np);
	e->lc.max_hops = 3;
	locate(e, NULL);
	print_message("  --max-hops 3: %u probes: %s\n", e->out.probes_sent, reason(&e->out.r));
	assert_int_equal(e->rc, 0);
	check_invariants(e);
	assert_int_equal(e->out.l.max_hops, 3);
	assert_int_equal(e->out.probes_sent, 6);
	assert_false(e->out.r.found);
	assert_non_null(strstr(reason(&e->out.r), "every hop up to 3"));
	/* every probe answered, none wanted again: no 1 s gap waited out */
	assert_true(e->out.elapsed_us < 100000);
	env_free(e);
}

/* What cannot be located is refused before anything is sent. */
static void
test_bad_config(void **state)
{
	static const struct {
		int family;
		unsigned pmtu;
	} bad[] = {
		{ 0, 1400 }, { 5, 1400 }, { 4, 67 }, { 6, 1279 }, { 4, 65535 }, { 6, 70000 },
	};
	struct fh_params np = path(4, 3, 1, PMTU);

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct env *e = env_new(&np);

		e->lc.family = bad[i].family;
		e->lc.pmtu = bad[i].pmtu;
		locate(e, NULL);
		assert_int_equal(e->rc, -1);
		assert_true(e->err[0] != '\0');
		assert_int_equal(e->f.nsent, 0);
		env_free(e);
	}
}

/* Our own interface is the limit: every large probe is refused by the
 * kernel (EMSGSIZE, MTU 1400), the first one decides. */
static void
test_local_mtu(void **state)
{
	struct fh_params np = path(4, 3, 3, 1500);
	struct env *e;

	(void)state;
	np.local_mtu = PMTU;
	e = env_new(&np);
	measure(e);
	locate(e, NULL);
	print_message("  local MTU: %u probes: %s\n", e->out.probes_sent, reason(&e->out.r));
	assert_int_equal(e->rc, 0);
	check_invariants(e);
	assert_true(e->out.r.found);
	assert_true(e->out.r.by_ptb);
	assert_int_equal(e->out.r.ptb_mtu, PMTU);
	assert_int_equal(e->out.r.last_ttl, 0);
	assert_int_equal(e->out.r.silent_ttl, 1);
	assert_int_equal(e->out.probes_sent, 1);
	assert_null(strstr(reason(&e->out.r), "?"));
	env_free(e);
}

/* Tallies over seeds. */
struct tally {
	unsigned n[4];
	unsigned max_probes;
	uint64_t max_us;
};

static void
count(struct tally *t, const struct env *e, unsigned hole, const char *what, uint64_t seed)
{
	enum judged j = judge(e, hole);

	t->n[j]++;
	if (e->out.probes_sent > t->max_probes)
		t->max_probes = e->out.probes_sent;
	if (e->out.elapsed_us > t->max_us)
		t->max_us = e->out.elapsed_us;
	if (j == WRONG || j == VAGUE)
		print_message("    %s seed %llu: %s: %s\n", what, (unsigned long long)seed,
			      judged_str[j], reason(&e->out.r));
}

static void
print_tally(const char *what, const struct tally *t)
{
	print_message("  %-44s right %3u  not located %3u  vague %3u  WRONG %3u"
		      "  (max %u probes, %.2f s)\n",
		      what, t->n[RIGHT], t->n[NOT_LOCATED], t->n[VAGUE], t->n[WRONG], t->max_probes,
		      t->max_us / 1e6);
}

/* Loss on every packet, each way, over 200 seeds, the engine first (its
 * run is --locate's prev, and says what loss it saw); --locate gets PMTU
 * whatever the engine made of it. "not located" is an honest answer, a
 * wrong hop is not. */
static void
loss_sweep(double loss, unsigned nhops, unsigned hole, struct tally *t)
{
	char what[64];

	snprintf(what, sizeof(what), "loss %.0f%%, hole after hop %u of %u", loss * 100, hole,
		 nhops);
	memset(t, 0, sizeof(*t));
	for (uint64_t seed = 1; seed <= 200; seed++) {
		struct fh_params np;
		struct env *e;

		fh_path(&np, 4, nhops, hole, PMTU);
		np.loss = loss;
		np.seed = seed;
		e = env_new(&np);
		measure_any(e);
		e->lc.pmtu = PMTU;
		locate(e, NULL);
		assert_int_equal(e->rc, 0);
		check_invariants(e);
		count(t, e, hole, what, seed);
		env_free(e);
	}
	print_tally(what, t);
}

static void
test_loss(void **state)
{
	static const struct {
		double loss;
		unsigned nhops, hole;
	} s[] = {
		{ 0.10, 3, 1 },
		{ 0.10, 6, 3 },
		{ 0.20, 3, 1 },
		{ 0.20, 6, 3 },
	};
	unsigned wrong = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		struct tally t;

		loss_sweep(s[i].loss, s[i].nhops, s[i].hole, &t);
		wrong += t.n[WRONG] + t.n[VAGUE];
		assert_true(t.n[RIGHT] >= 100); /* mostly located all the same */
	}
	if (wrong)
		fail_msg("%u of 800 runs named a wrong hop (listed above): a big probe that "
			 "reached the last hop was lost on all its tries",
			 wrong);
}

/* Rate limits from Linux's to stingy: a bucket of 0 (starts empty, holds
 * one), 1, 2 or 6 tokens, refilled every 0.5 to 10 s, on every hop; holes
 * at each hop of 5. Whatever the limits, the verdict names the right hop
 * or says "not located". */
static void
test_rate_limits(void **state)
{
	static const unsigned bursts[] = { 0, 1, 2, 6 };
	static const unsigned refills[] = { 500, 1000, 2000, 5000, 10000 };
	struct tally all = { 0 };

	(void)state;
	for (size_t b = 0; b < sizeof(bursts) / sizeof(bursts[0]); b++)
		for (size_t r = 0; r < sizeof(refills) / sizeof(refills[0]); r++) {
			struct tally t = { 0 };
			char what[64];

			snprintf(what, sizeof(what), "burst %u, 1 per %u ms", bursts[b],
				 refills[r]);
			for (unsigned hole = 0; hole <= 5; hole++) {
				struct fh_params np;
				struct env *e;

				fh_path(&np, 4, 5, hole, PMTU);
				for (unsigned i = 1; i <= 5; i++) {
					np.hop[i].burst = bursts[b];
					np.hop[i].refill_ms = refills[r];
				}
				e = env_new(&np);
				measure(e);
				locate(e, NULL);
				assert_int_equal(e->rc, 0);
				check_invariants(e);
				count(&t, e, hole, what, hole);
				env_free(e);
			}
			print_tally(what, &t);
			for (int k = 0; k < 4; k++)
				all.n[k] += t.n[k];
			if (t.max_probes > all.max_probes)
				all.max_probes = t.max_probes;
			if (t.max_us > all.max_us)
				all.max_us = t.max_us;
			/* Linux's limits and one token a second lose nothing */
			if (bursts[b] >= 1 && refills[r] <= 1000)
				assert_int_equal(t.n[RIGHT], 6);
		}
	print_tally("all limits", &all);
	assert_int_equal(all.n[WRONG] + all.n[VAGUE], 0);
}

int
main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_lab_budget),      cmocka_unit_test(test_strays),
		cmocka_unit_test(test_seqs_not_reused), cmocka_unit_test(test_stop),
		cmocka_unit_test(test_stop_before),     cmocka_unit_test(test_io_errors),
		cmocka_unit_test(test_bad_config),      cmocka_unit_test(test_max_hops),
		cmocka_unit_test(test_local_mtu),       cmocka_unit_test(test_loss),
		cmocka_unit_test(test_rate_limits),
	};
	enum {
		NCASES = sizeof(cases) / sizeof(cases[0]),
		NFIXED = sizeof(fixed) / sizeof(fixed[0])
	};
	struct CMUnitTest all[NCASES + NFIXED];

	/* one test per path in cases[], named after it, then the others */
	for (size_t i = 0; i < NCASES; i++)
		all[i] = (struct CMUnitTest){ .name = cases[i].name,
					      .test_func = test_case,
					      .initial_state = (void *)&cases[i] };
	memcpy(&all[NCASES], fixed, sizeof(fixed));
	return _cmocka_run_group_tests("locate-engine", all, NCASES + NFIXED, NULL, NULL);
}
