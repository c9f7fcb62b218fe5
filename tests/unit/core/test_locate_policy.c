/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --locate's policy alone (core/locate.c): which TTL-limited probes
 * are worth sending, and what a set of answers says. No I/O, no clock: each
 * row is a sequence of locate_sent / locate_heard calls and the verdict it
 * must give. Addresses are RFC 5737's: hop h is 192.0.2.h, the target is
 * 198.51.100.7. The expected values come from the method in locate.h (the
 * last TTL whose big probe drew time exceeded, and the next one), not from
 * the code under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/locate.h"
#include "render/render.h" /* locate_words(): the reason --json prints */

#define TGT 0xff /* host number meaning "the target" */
#define NOBODY 0

/* One call: 's' = locate_sent, 'h' = locate_heard. */
struct step {
	char op;
	unsigned ttl;
	bool large;
	enum locate_heard heard;
	uint8_t host;
	uint32_t mtu;
};

#define SENT(t, L) \
	{ \
		's', (t), (L), LOCATE_NOTHING, NOBODY, 0 \
	}
#define HOP(t, L, h) \
	{ \
		'h', (t), (L), LOCATE_HOP, (h), 0 \
	}
#define REACHED(t, L) \
	{ \
		'h', (t), (L), LOCATE_TARGET, TGT, 0 \
	}
#define TOOBIG(t, L, h, m) \
	{ \
		'h', (t), (L), LOCATE_TOO_BIG, (h), (m) \
	}
#define ICMPERR(t, L, h) \
	{ \
		'h', (t), (L), LOCATE_ERROR, (h), 0 \
	}
#define END \
	{ \
		0, 0, false, LOCATE_NOTHING, NOBODY, 0 \
	}
#define S false
#define L true

static struct ip_addr
host4(uint8_t h)
{
	struct ip_addr a = { 0 };

	if (h == NOBODY)
		return a;
	a.family = 4;
	if (h == TGT) {
		a.a[0] = 198, a.a[1] = 51, a.a[2] = 100, a.a[3] = 7;
	} else {
		a.a[0] = 192, a.a[1] = 0, a.a[2] = 2, a.a[3] = h;
	}
	return a;
}

static void
apply(struct locate *l, const struct step *st)
{
	for (; st->op; st++) {
		if (st->op == 's') {
			locate_sent(l, st->ttl, st->large);
		} else {
			struct ip_addr a = host4(st->host);

			locate_heard(l, st->ttl, st->large, st->heard, &a, st->mtu);
		}
	}
}

/* Round 0 as the engine sends it: both sizes once for TTLs 1..n. */
static void
round0(struct locate *l, unsigned n)
{
	for (unsigned t = 1; t <= n; t++) {
		locate_sent(l, t, true);
		locate_sent(l, t, false);
	}
}

struct vrow {
	const char *name;
	unsigned max_hops, attempts; /* 0: defaults */
	unsigned round0;             /* TTLs sent once, both sizes, before steps */
	struct step steps[24];
	/* expected */
	bool decided, found, by_ptb, mute, is_target;
	unsigned last_ttl;
	uint8_t last_host; /* NOBODY: family 0 */
	unsigned silent_ttl;
	uint8_t silent_host;
	unsigned next_ttl;
	uint8_t next_host;
	uint32_t ptb_mtu;
	unsigned target_ttl;
	enum locate_why why;  /* the code render words */
	const char *words[3]; /* each must appear in its English (--json's reason) */
};

/* clang-format off */
static const struct vrow vrows[] = {
	/* hops 1..5, the target at TTL 6; big packets stop after hop 1 (the
	 * lab's shape: r1 drops them), and two more tries at TTL 2 are silent */
	{ "black hole after hop 1 of 5", .why = LOCATE_WHY_DROPPED,
	  .round0 = 6, .steps = {
		HOP(1, L, 1), HOP(1, S, 1), HOP(2, S, 2), HOP(3, S, 3), HOP(4, S, 4),
		HOP(5, S, 5), REACHED(6, S), SENT(2, L), SENT(2, L), END },
	  .found = true, .last_ttl = 1, .last_host = 1, .silent_ttl = 2, .silent_host = 2,
	  .target_ttl = 6, .words = { "hop 1 (192.0.2.1)", "hop 2 (192.0.2.2)",
	  "on the way out of that hop" } },
	{ "black hole after hop 3 of 5", .why = LOCATE_WHY_DROPPED,
	  .round0 = 6, .steps = {
		HOP(1, L, 1), HOP(2, L, 2), HOP(3, L, 3), HOP(1, S, 1), HOP(2, S, 2),
		HOP(3, S, 3), HOP(4, S, 4), HOP(5, S, 5), REACHED(6, S),
		SENT(4, L), SENT(4, L), END },
	  .found = true, .last_ttl = 3, .last_host = 3, .silent_ttl = 4, .silent_host = 4,
	  .target_ttl = 6, .words = { "hop 3 (192.0.2.3)", "hop 4 (192.0.2.4)" } },
	/* the answers arrive in any order, and the big probes of hops 1 and 2
	 * are never answered: the last hop that answers a big one counts */
	{ "hop 3 of 5, answers late and out of order", .why = LOCATE_WHY_DROPPED,
	  .round0 = 6, .steps = {
		REACHED(6, S), HOP(5, S, 5), HOP(3, L, 3), HOP(4, S, 4), HOP(2, S, 2),
		SENT(4, L), SENT(4, L), HOP(1, S, 1), HOP(3, S, 3), END },
	  .found = true, .last_ttl = 3, .last_host = 3, .silent_ttl = 4, .silent_host = 4,
	  .target_ttl = 6, .words = { "192.0.2.3", "192.0.2.4" } },
	{ "black hole before hop 1", .why = LOCATE_WHY_DROPPED,
	  .round0 = 4, .steps = {
		HOP(1, S, 1), HOP(2, S, 2), HOP(3, S, 3), REACHED(4, S),
		SENT(1, L), SENT(1, L), END },
	  .found = true, .last_ttl = 0, .last_host = NOBODY, .silent_ttl = 1,
	  .silent_host = 1, .target_ttl = 4, .words = { "leave this host",
	  "hop 1 (192.0.2.1)", "before the first hop" } },
	/* the last link, into the target, is the one that loses them */
	{ "the first silent hop is the target", .why = LOCATE_WHY_DROPPED,
	  .round0 = 4, .steps = {
		HOP(1, L, 1), HOP(2, L, 2), HOP(3, L, 3), HOP(1, S, 1), HOP(2, S, 2),
		HOP(3, S, 3), REACHED(4, S), SENT(4, L), SENT(4, L), END },
	  .found = true, .is_target = true, .last_ttl = 3, .last_host = 3, .silent_ttl = 4,
	  .silent_host = TGT, .target_ttl = 4, .words = { "hop 3 (192.0.2.3)",
	  "the target 198.51.100.7 (hop 4)" } },
	/* hop 2 never sends time exceeded: neither size is answered there,
	 * hop 3 is the next that answers */
	{ "mute hop 2, hop 3 answers", .why = LOCATE_WHY_MUTE_BETWEEN,
	  .round0 = 5, .steps = {
		HOP(1, L, 1), HOP(1, S, 1), HOP(3, S, 3), HOP(4, S, 4), REACHED(5, S),
		SENT(2, L), SENT(2, S), SENT(2, L), SENT(2, S), END },
	  .found = true, .mute = true, .last_ttl = 1, .last_host = 1, .silent_ttl = 2,
	  .silent_host = NOBODY, .next_ttl = 3, .next_host = 3, .target_ttl = 5,
	  .words = { "hop 1 (192.0.2.1)", "hop 2 answers no TTL probe at all",
	  "the next that does is hop 3 (192.0.2.3)" } },
	{ "mute hop 2, the target next", .why = LOCATE_WHY_MUTE_BETWEEN,
	  .round0 = 3, .steps = {
		HOP(1, L, 1), HOP(1, S, 1), REACHED(3, S),
		SENT(2, L), SENT(2, S), SENT(2, L), SENT(2, S), END },
	  .found = true, .mute = true, .last_ttl = 1, .last_host = 1, .silent_ttl = 2,
	  .next_ttl = 3, .next_host = TGT, .target_ttl = 3,
	  .words = { "hop 2 answers no TTL probe", "the target 198.51.100.7 (hop 3)" } },
	{ "mute hop 2, nothing after", .why = LOCATE_WHY_MUTE_AFTER,
	  .max_hops = 4, .round0 = 4, .steps = {
		HOP(1, L, 1), HOP(1, S, 1), SENT(2, L), SENT(2, S), SENT(2, L), SENT(2, S),
		END },
	  .found = true, .mute = true, .last_ttl = 1, .last_host = 1, .silent_ttl = 2,
	  .next_ttl = 0, .words = { "the next that does is none" } },
	/* hop 2 forwards P + 1 to hop 3's TTL only as far as its own egress,
	 * and says so: "too big" for TTL 3, from hop 2 itself */
	{ "PTB at the boundary", .why = LOCATE_WHY_PTB,
	  .round0 = 5, .steps = {
		HOP(1, L, 1), HOP(2, L, 2), HOP(1, S, 1), HOP(2, S, 2), HOP(3, S, 3),
		TOOBIG(3, L, 2, 1400), END },
	  .decided = true, .found = true, .by_ptb = true, .last_ttl = 2, .last_host = 2,
	  .silent_ttl = 3, .silent_host = 3, .ptb_mtu = 1400,
	  .words = { "not a black hole", "192.0.2.2 answers 'too big', MTU 1400",
	  "hop 2 (192.0.2.2)" } },
	/* a "too big" for a TTL past the boundary decides: its sender is hop 2,
	 * which the big packets reached (its time exceeded for TTL 2 was lost) */
	{ "PTB past the boundary", .why = LOCATE_WHY_PTB,
	  .round0 = 5, .steps = {
		HOP(1, L, 1), HOP(1, S, 1), HOP(2, S, 2), TOOBIG(3, L, 2, 1400), END },
	  .decided = true, .found = true, .by_ptb = true, .last_ttl = 2, .last_host = 2,
	  .silent_ttl = 3, .silent_host = NOBODY, .ptb_mtu = 1400,
	  .words = { "not a black hole", "reach hop 2 (192.0.2.2)", "192.0.2.2 answers 'too big'" } },
	/* ... from a hop no small probe met: the last hop is the one that answered */
	{ "PTB past the boundary, sender unseen", .why = LOCATE_WHY_PTB,
	  .round0 = 5, .steps = {
		HOP(1, L, 1), HOP(1, S, 1), TOOBIG(3, L, 4, 1400), END },
	  .decided = true, .found = true, .by_ptb = true, .last_ttl = 1, .last_host = 1,
	  .silent_ttl = 2, .silent_host = NOBODY, .ptb_mtu = 1400,
	  .words = { "not a black hole", "reach hop 1 (192.0.2.1)", "192.0.2.4 answers 'too big'" } },
	{ "a large probe reached the target", .why = LOCATE_WHY_LARGE_REACHED,
	  .round0 = 4, .steps = {
		HOP(1, L, 1), HOP(1, S, 1), REACHED(4, S), REACHED(4, L), END },
	  .decided = true, .target_ttl = 4,
	  .words = { "not located", "reached the target (TTL 4)", "path changed" } },
	{ "a small probe refused as too big", .why = LOCATE_WHY_SMALL_REFUSED,
	  .round0 = 4, .steps = {
		HOP(1, L, 1), HOP(1, S, 1), TOOBIG(2, S, 1, 1300), END },
	  .decided = true,
	  .words = { "not located", "refused as too big (TTL 2)", "path changed" } },
	{ "no answer at all", .why = LOCATE_WHY_NO_ANSWER,
	  .max_hops = 4, .round0 = 4, .steps = {
		SENT(1, L), SENT(1, S), SENT(1, L), SENT(1, S), END },
	  .words = { "not located", "no hop answered" } },
	/* the run ended before the boundary had its three tries */
	{ "boundary silence, 1 of 3 tries", .why = LOCATE_WHY_UNCONFIRMED,
	  .round0 = 3, .steps = {
		HOP(1, L, 1), HOP(1, S, 1), HOP(2, S, 2), REACHED(3, S), END },
	  .target_ttl = 3, .words = { "not located", "stopped before hop 2's silence",
	  "(1 of 3 tries)" } },
	{ "boundary silence, 2 of 2 tries", .why = LOCATE_WHY_DROPPED,
	  .attempts = 2, .round0 = 3, .steps = {
		HOP(1, L, 1), HOP(1, S, 1), HOP(2, S, 2), REACHED(3, S), SENT(2, L), END },
	  .found = true, .last_ttl = 1, .last_host = 1, .silent_ttl = 2, .silent_host = 2,
	  .target_ttl = 3, .words = { "192.0.2.1", "192.0.2.2" } },
	{ "every hop answers the big probes", .why = LOCATE_WHY_ALL_ANSWERED,
	  .max_hops = 3, .round0 = 3, .steps = {
		HOP(1, L, 1), HOP(2, L, 2), HOP(3, L, 3), END },
	  .words = { "not located", "every hop up to 3" } },
	/* the first answer counts: a second one (another address, or another
	 * kind) for the same probe changes nothing */
	{ "repeated answers ignored", .why = LOCATE_WHY_DROPPED,
	  .round0 = 4, .steps = {
		HOP(1, L, 1), HOP(1, L, 9), HOP(1, S, 1), HOP(2, S, 2), HOP(2, S, 8),
		HOP(3, S, 3), REACHED(4, S), REACHED(4, S), SENT(2, L), SENT(2, L),
		TOOBIG(1, L, 1, 1300), HOP(3, S, 7), REACHED(3, S), END },
	  .found = true, .last_ttl = 1, .last_host = 1, .silent_ttl = 2, .silent_host = 2,
	  .target_ttl = 4, .words = { "192.0.2.1", "192.0.2.2" } },
	/* no router sends time exceeded (filtered): the target's answer to a
	 * small probe places nothing, so hop 1's silence is no finding */
	{ "only the target answers", .why = LOCATE_WHY_NO_ANSWER,
	  .round0 = 4, .steps = {
		REACHED(4, S), SENT(1, L), SENT(1, S), SENT(1, L), SENT(1, S), END },
	  .target_ttl = 4, .words = { "not located", "no hop answered" } },
	/* our own interface refuses P + 1 (EMSGSIZE): "too big" from nobody */
	{ "this host refuses them", .why = LOCATE_WHY_PTB,
	  .round0 = 1, .steps = {
		TOOBIG(1, L, NOBODY, 1400), END },
	  .decided = true, .found = true, .by_ptb = true, .last_ttl = 0, .silent_ttl = 1,
	  .ptb_mtu = 1400, .words = { "not a black hole", "this host's own interface",
	  "MTU 1400" } },
	/* TTL 0 and TTLs past max_hops are no probe of ours */
	{ "out-of-range TTLs ignored", .why = LOCATE_WHY_NO_ANSWER,
	  .max_hops = 5, .round0 = 5, .steps = {
		HOP(0, L, 1), HOP(6, L, 6), HOP(64, L, 9), HOP(65, L, 9), HOP(1000, L, 9),
		REACHED(6, S), REACHED(0, S), TOOBIG(6, L, 5, 1300), SENT(0, L), SENT(6, L),
		SENT(1000, L), END },
	  .words = { "not located", "no hop answered" } },
};
/* clang-format on */

/* The English words of a verdict, as --json's "reason" carries them. */
static const char *
reason(const struct locate_result *r)
{
	static char buf[LOCATE_WORDS_LEN];

	locate_words(r, 0, buf, sizeof(buf));
	return buf;
}

static void
check_addr(const char *what, const struct ip_addr *got, uint8_t host)
{
	struct ip_addr want = host4(host);

	if (got->family != want.family || memcmp(got->a, want.a, 4) != 0)
		fail_msg("%s: family %d %u.%u.%u.%u, want family %d host %u", what, got->family,
			 got->a[0], got->a[1], got->a[2], got->a[3], want.family, host);
}

static void
test_verdicts(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vrows) / sizeof(vrows[0]); i++) {
		const struct vrow *v = &vrows[i];
		struct locate l;
		struct locate_result r;

		locate_init(&l, v->max_hops, v->attempts);
		round0(&l, v->round0);
		apply(&l, v->steps);
		memset(&r, 0x5a, sizeof(r)); /* the verdict must set every field */
		locate_verdict(&l, &r);
		print_message("  %-42s %s\n", v->name, reason(&r));
		assert_int_equal(locate_decided(&l), v->decided);
		assert_int_equal(r.found, v->found);
		assert_int_equal(r.by_ptb, v->by_ptb);
		assert_int_equal(r.silent_mute, v->mute);
		assert_int_equal(r.silent_is_target, v->is_target);
		assert_int_equal(r.last_ttl, v->last_ttl);
		assert_int_equal(r.silent_ttl, v->silent_ttl);
		assert_int_equal(r.next_ttl, v->next_ttl);
		assert_int_equal(r.ptb_mtu, v->ptb_mtu);
		assert_int_equal(r.target_ttl, v->target_ttl);
		check_addr("last", &r.last, v->last_host);
		check_addr("silent", &r.silent, v->silent_host);
		check_addr("next", &r.next, v->next_host);
		assert_int_equal(r.why, v->why);
		for (size_t w = 0; w < 3 && v->words[w]; w++)
			if (!strstr(reason(&r), v->words[w]))
				fail_msg("%s: \"%s\" not in \"%s\"", v->name, v->words[w],
					 reason(&r));
		assert_null(strstr(reason(&r), "?"));
		if (!v->found && !strstr(reason(&r), "not located"))
			fail_msg("%s: not found but \"%s\"", v->name, reason(&r));
	}
}

/* Hop 2 answers the big probes with "unreachable" at once: not a silence,
 * so it is not retried, and the verdict must say what came back rather
 * than that the silence was not confirmed. */
static void
test_error_at_boundary(void **state)
{
	static const struct step steps[] = { HOP(1, L, 1),  HOP(1, S, 1),     HOP(2, S, 2),
					     REACHED(3, S), ICMPERR(2, L, 2), END };
	struct locate l;
	struct locate_result r;

	(void)state;
	locate_init(&l, 0, 0);
	round0(&l, 3);
	apply(&l, steps);
	assert_false(locate_want(&l, 2, true)); /* answered: not retried */
	locate_verdict(&l, &r);
	print_message("  error at the boundary: %s\n", reason(&r));
	assert_false(r.found);
	assert_non_null(strstr(reason(&r), "hop 2 answered the big packets with an ICMP error"));
	/* the same after all three tries */
	locate_init(&l, 0, 0);
	round0(&l, 3);
	locate_sent(&l, 2, true);
	locate_sent(&l, 2, true);
	apply(&l, steps);
	locate_verdict(&l, &r);
	assert_false(r.found);
	assert_non_null(strstr(reason(&r), "hop 2 answered the big packets with an ICMP error"));
}

/* The same in IPv6: the reason names the hops in inet_ntop's form. */
static void
test_ipv6_text(void **state)
{
	struct locate l;
	struct locate_result r;
	struct ip_addr a[3] = { { 0 } };

	(void)state;
	for (int i = 0; i < 3; i++) {
		a[i].family = 6;
		a[i].a[0] = 0x20, a[i].a[1] = 0x01, a[i].a[2] = 0x0d, a[i].a[3] = 0xb8;
		a[i].a[15] = (uint8_t)(i + 1);
	}
	a[2].a[5] = 1; /* the target: 2001:db8:0:1::3 */
	locate_init(&l, 0, 0);
	round0(&l, 3);
	locate_heard(&l, 1, true, LOCATE_HOP, &a[0], 0);
	locate_heard(&l, 1, false, LOCATE_HOP, &a[0], 0);
	locate_heard(&l, 2, false, LOCATE_HOP, &a[1], 0);
	locate_heard(&l, 3, false, LOCATE_TARGET, &a[2], 0);
	locate_sent(&l, 2, true);
	locate_sent(&l, 2, true);
	locate_verdict(&l, &r);
	print_message("  IPv6: %s\n", reason(&r));
	assert_true(r.found);
	assert_int_equal(r.last_ttl, 1);
	assert_int_equal(r.silent_ttl, 2);
	assert_int_equal(r.target_ttl, 3);
	assert_int_equal(r.last.family, 6);
	assert_memory_equal(r.last.a, a[0].a, 16);
	assert_memory_equal(r.silent.a, a[1].a, 16);
	assert_non_null(strstr(reason(&r), "hop 1 (2001:db8::1)"));
	assert_non_null(strstr(reason(&r), "hop 2 (2001:db8::2)"));
}

/* Round 0 wants every TTL once, both sizes, up to max_hops. */
static void
test_want_round0(void **state)
{
	struct locate l;

	(void)state;
	locate_init(&l, 0, 0);
	for (unsigned t = 1; t <= LOCATE_DEF_HOPS; t++) {
		assert_true(locate_want(&l, t, true));
		assert_true(locate_want(&l, t, false));
	}
	assert_false(locate_want(&l, 0, true));
	assert_false(locate_want(&l, 0, false));
	assert_false(locate_want(&l, LOCATE_DEF_HOPS + 1, true));
	assert_false(locate_want(&l, LOCATE_MAX_HOPS + 1, false));
	assert_false(locate_want(&l, 100000, true));
	assert_int_equal(locate_last_tried(&l), 0);
}

/* Once a small probe reached the target, nothing beyond its TTL; below it,
 * what was never tried is still wanted. */
static void
test_want_target(void **state)
{
	struct locate l;
	struct ip_addr t = host4(TGT);

	(void)state;
	locate_init(&l, 0, 0);
	locate_sent(&l, 5, false);
	locate_heard(&l, 5, false, LOCATE_TARGET, &t, 0);
	assert_int_equal(l.target_ttl, 5);
	for (unsigned ttl = 1; ttl <= 5; ttl++) {
		assert_true(locate_want(&l, ttl, true));
		assert_int_equal(locate_want(&l, ttl, false), ttl < 5);
	}
	for (unsigned ttl = 6; ttl <= LOCATE_DEF_HOPS; ttl++) {
		assert_false(locate_want(&l, ttl, true));
		assert_false(locate_want(&l, ttl, false));
	}
	/* a smaller TTL that also reached it lowers the target */
	locate_sent(&l, 4, false);
	locate_heard(&l, 4, false, LOCATE_TARGET, &t, 0);
	assert_int_equal(l.target_ttl, 4);
	assert_false(locate_want(&l, 5, true));
	assert_true(locate_want(&l, 4, true));
	/* a larger one does not raise it, nor does a big probe's */
	locate_heard(&l, 7, false, LOCATE_TARGET, &t, 0);
	locate_heard(&l, 3, true, LOCATE_TARGET, &t, 0);
	assert_int_equal(l.target_ttl, 4);
	assert_int_equal(locate_last_tried(&l), 5);
}

/* After round 0 only the boundary (last big answer + 1) is retried, both
 * sizes while unanswered, and at most `attempts` times in all. */
static void
test_want_boundary(void **state)
{
	static const struct step answers[] = { HOP(1, L, 1), HOP(1, S, 1), HOP(3, S, 3),
					       REACHED(5, S), END };
	struct locate l;
	struct ip_addr h2 = host4(2);

	(void)state;
	locate_init(&l, 0, 0);
	round0(&l, 5);
	apply(&l, answers);
	for (unsigned t = 1; t <= LOCATE_DEF_HOPS; t++) {
		bool b = t == 2;

		assert_int_equal(locate_want(&l, t, true), b);
		assert_int_equal(locate_want(&l, t, false), b); /* 2: unanswered */
	}
	locate_sent(&l, 2, true);
	locate_sent(&l, 2, false);
	assert_true(locate_want(&l, 2, true));
	locate_heard(&l, 2, false, LOCATE_HOP, &h2, 0);
	assert_false(locate_want(&l, 2, false)); /* answered */
	assert_true(locate_want(&l, 2, true));
	locate_sent(&l, 2, true);
	assert_false(locate_want(&l, 2, true)); /* 3 of 3 */
	assert_false(locate_decided(&l));
	/* a late answer moves the boundary to 3: its big probe was tried once */
	locate_heard(&l, 2, true, LOCATE_HOP, &h2, 0);
	assert_false(locate_want(&l, 2, true));
	assert_true(locate_want(&l, 3, true));
	assert_false(locate_want(&l, 3, false)); /* hop 3 answered it */
	assert_false(locate_want(&l, 4, true));
	assert_false(locate_want(&l, 4, false));
	locate_sent(&l, 3, true);
	locate_sent(&l, 3, true);
	assert_false(locate_want(&l, 3, true));
	for (unsigned t = 1; t <= LOCATE_MAX_HOPS; t++)
		assert_false(locate_want(&l, t, true) || locate_want(&l, t, false));
	assert_int_equal(locate_last_tried(&l), 5);
}

/* attempts = 5: five tries at the boundary, not three. */
static void
test_want_attempts(void **state)
{
	struct locate l;
	struct ip_addr h1 = host4(1);
	unsigned n = 1;

	(void)state;
	locate_init(&l, 4, 5);
	round0(&l, 4);
	locate_heard(&l, 1, true, LOCATE_HOP, &h1, 0);
	while (locate_want(&l, 2, true)) {
		locate_sent(&l, 2, true);
		n++;
		assert_true(n <= 5);
	}
	assert_int_equal(n, 5);
	assert_int_equal(l.obs[2][1].tries, 5);
	/* the small probe of TTL 2 is retried as often */
	for (n = 1; locate_want(&l, 2, false); n++)
		locate_sent(&l, 2, false);
	assert_int_equal(n, 5);
	assert_false(locate_want(&l, 3, true));
}

/* Decided (too big at the boundary): nothing more is wanted, not even TTLs
 * never tried. */
static void
test_want_decided(void **state)
{
	struct locate l;
	struct ip_addr h1 = host4(1);

	(void)state;
	locate_init(&l, 0, 0);
	round0(&l, 2);
	locate_heard(&l, 1, true, LOCATE_HOP, &h1, 0);
	assert_true(locate_want(&l, 3, true));
	locate_heard(&l, 2, true, LOCATE_TOO_BIG, &h1, 1400);
	assert_true(locate_decided(&l));
	for (unsigned t = 0; t <= LOCATE_MAX_HOPS + 1; t++) {
		assert_false(locate_want(&l, t, true));
		assert_false(locate_want(&l, t, false));
	}
}

/* Tries a boundary silence needs, from the measurement's loss: the
 * search's rule (P(k more lost), Beta(1,1) posterior predictive) below
 * 1e-4, within 3..12. By hand: 0 of 30 lost gives 1*2*3/(32*33*34) =
 * 1.7e-4 for 3 tries, 1.9e-5 for 4. The other rows were evaluated from that
 * product in a separate Python one-liner, not taken from this code's output
 * (e.g. 14 of 40: P(10 lost) = 1.5e-4, P(11) below 1e-4). */
static void
test_attempts(void **state)
{
	static const struct {
		unsigned lost, samples, want;
	} t[] = {
		{ 0, 1000, 3 },                 /* 6/(1002*1003*1004) = 6e-9: the floor */
		{ 0, 30, 4 },     { 4, 40, 5 }, /* 10% round-trip loss */
		{ 14, 40, 11 },                 /* 35%: 20% each way */
		{ 0, 5, 11 },                   /* few samples: pessimistic */
		{ 100, 100, 12 },               /* the cap */
		{ 0, 0, 12 },                   /* nothing known */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (locate_attempts(t[i].lost, t[i].samples) != t[i].want)
			fail_msg("%u of %u lost: %u tries, want %u", t[i].lost, t[i].samples,
				 locate_attempts(t[i].lost, t[i].samples), t[i].want);
}

static void
test_init_clamps(void **state)
{
	static const struct {
		unsigned hops, attempts, want_hops, want_attempts;
	} c[] = {
		{ 0, 0, LOCATE_DEF_HOPS, LOCATE_DEF_ATTEMPTS },
		{ 0, 0, 30, 3 },
		{ 100, 7, 64, 7 },
		{ 65, 1, 64, 1 },
		{ 64, 255, 64, 255 },
		{ 1, 1000, 1, 255 },
		{ 7, 2, 7, 2 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct locate l;

		memset(&l, 0x5a, sizeof(l));
		locate_init(&l, c[i].hops, c[i].attempts);
		assert_int_equal(l.max_hops, c[i].want_hops);
		assert_int_equal(l.attempts, c[i].want_attempts);
		assert_int_equal(l.target_ttl, 0);
		assert_int_equal(l.obs[1][1].tries, 0);
		assert_int_equal(l.obs[LOCATE_MAX_HOPS][0].heard, LOCATE_NOTHING);
		assert_int_equal(locate_last_tried(&l), 0);
		/* nothing past the clamp is wanted or counted */
		assert_false(locate_want(&l, c[i].want_hops + 1, true));
		locate_sent(&l, c[i].want_hops + 1, true);
		assert_int_equal(locate_last_tried(&l), 0);
		assert_true(locate_want(&l, c[i].want_hops, true));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdicts),      cmocka_unit_test(test_error_at_boundary),
		cmocka_unit_test(test_ipv6_text),     cmocka_unit_test(test_want_round0),
		cmocka_unit_test(test_want_target),   cmocka_unit_test(test_want_boundary),
		cmocka_unit_test(test_want_attempts), cmocka_unit_test(test_want_decided),
		cmocka_unit_test(test_attempts),      cmocka_unit_test(test_init_clamps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
