/* SPDX-License-Identifier: BSD-2-Clause */
/* Where a path loses its big packets (probe --locate): the policy, no I/O.
 *
 * Once the path MTU P is known, the engine (src/probe/locate.c) sends pairs
 * of probes with a limited TTL (IPv6: hop limit): P bytes ("small", known to
 * cross) and P + 1 bytes ("large", known not to). A router that receives a
 * probe whose TTL runs out answers ICMP time exceeded (RFC 792; RFC 4443
 * sec. 3.3), and it does so before it picks the outgoing link whose MTU the
 * large probe exceeds (Linux: ip_forward() and ip6_forward() test the TTL
 * before the MTU). So a large probe with TTL t draws "time exceeded" from
 * hop t exactly when it reaches hop t: the last hop that answers for the
 * large size is the last router the big packets reach, and the next hop,
 * named by the small size, is the first they never reach. A router that
 * does send "too big" for TTL t + 1 names itself (no black hole there).
 *
 * Time exceeded is rate-limited by routers (RFC 1812 sec. 4.3.2.8; Linux:
 * a burst of 6, then 1/s per destination, net.ipv4.icmp_ratelimit), so a
 * silence is only believed after `attempts` tries, and the engine spaces
 * the tries a second apart; a missing answer is treated like any other
 * loss. Silence at the boundary is the only thing retried: every other
 * verdict rests on answers. */
#ifndef MTUPROBE_CORE_LOCATE_H
#define MTUPROBE_CORE_LOCATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ip.h" /* struct ip_addr: an address as bytes (the core knows no sockets) */

#define LOCATE_MAX_HOPS 64     /* highest TTL --locate may use */
#define LOCATE_DEF_HOPS 30     /* traceroute's and tracepath's default */
#define LOCATE_DEF_ATTEMPTS 3  /* tries before a silence is believed, at least */
#define LOCATE_MAX_ATTEMPTS 12 /* ... and at most (the search's n_max) */
#define LOCATE_P_WRONG \
	1e-4 /* P(a silence at the boundary was only loss) accepted:
                                  * the search's target_error per decision */

enum locate_heard {
	LOCATE_NOTHING = 0, /* no answer (yet) */
	LOCATE_HOP,         /* time exceeded: the probe reached this hop */
	LOCATE_TARGET,      /* the method's proof: the probe reached the target */
	LOCATE_TOO_BIG,     /* frag-needed / packet too big */
	LOCATE_ERROR,       /* another ICMP error (unreachable, ...) */
};

struct locate_obs {
	enum locate_heard heard; /* the first answer counts */
	unsigned tries;          /* probes sent */
	struct ip_addr from;     /* who answered */
	uint32_t mtu;            /* LOCATE_TOO_BIG: the MTU reported */
};

struct locate {
	unsigned max_hops;   /* 1..LOCATE_MAX_HOPS */
	unsigned attempts;   /* >= 1 */
	unsigned target_ttl; /* smallest TTL whose small probe reached the target; 0 = not yet */
	struct locate_obs obs[LOCATE_MAX_HOPS + 1][2]; /* [ttl][large]; ttl 0 unused */
};

/* What the verdict rests on, or why there is none: a code, its numbers
 * in the result's fields, worded by render (render/locate_out.c,
 * locate_words(): the user's language in text, English in --json). */
enum locate_why {
	LOCATE_WHY_NONE = 0,
	LOCATE_WHY_PTB,           /* found, by_ptb: a hop (or this host) says "too big" */
	LOCATE_WHY_MUTE_BETWEEN,  /* found, silent_mute: lost between last and next */
	LOCATE_WHY_MUTE_AFTER,    /* found, silent_mute, no hop past it answers */
	LOCATE_WHY_DROPPED,       /* found: a black hole after last, before silent */
	LOCATE_WHY_LARGE_REACHED, /* not located: a large probe reached the target (why_ttl) */
	LOCATE_WHY_SMALL_REFUSED, /* not located: a small probe was "too big" (why_ttl) */
	LOCATE_WHY_NO_ANSWER,     /* not located: no router answered a TTL probe */
	LOCATE_WHY_ALL_ANSWERED,  /* not located: every hop up to why_ttl answered */
	LOCATE_WHY_ICMP_ERROR,    /* not located: hop why_ttl sent another ICMP error */
	LOCATE_WHY_UNCONFIRMED,   /* not located: hop why_ttl's silence had why_tries of attempts */
	LOCATE_WHY_INTERRUPTED,   /* not located: a signal stopped the run (probe/locate.c) */
};

struct locate_result {
	bool found;            /* the hop after which big packets vanish is named */
	bool by_ptb;           /* not a black hole: the hop says "too big" (ptb_mtu) */
	bool silent_mute;      /* the first silent hop answers no TTL probe at all */
	unsigned last_ttl;     /* the last hop the big packets reach; 0 = none: they
	                          * never reach the first hop */
	struct ip_addr last;   /* its address; family 0 when last_ttl is 0 */
	unsigned silent_ttl;   /* the first hop (or the target) they never reach */
	struct ip_addr silent; /* its address; family 0 when it never answered */
	bool silent_is_target;
	unsigned next_ttl; /* silent_mute: the next hop that answers, 0 if none */
	struct ip_addr next;
	bool next_is_target;          /* that next one is the target */
	uint32_t ptb_mtu;             /* by_ptb: the MTU it reported */
	struct ip_addr ptb_from;      /* by_ptb: who reported it; family 0 = this host */
	unsigned target_ttl;          /* hops to the target, 0 = not reached */
	enum locate_why why;          /* the finding, or why there is none */
	unsigned why_ttl;             /* the TTL the not-located codes name */
	unsigned why_tries, attempts; /* LOCATE_WHY_UNCONFIRMED: tries of attempts */
};

/* Tries before a silence at the boundary is believed, given the loss the
 * measurement saw (lost of samples round trips at sizes that pass): the
 * fewest, at least LOCATE_DEF_ATTEMPTS, that all vanish by loss alone with
 * probability below LOCATE_P_WRONG (search_p_all_lost(): the rule the
 * search uses for silences), at most LOCATE_MAX_ATTEMPTS. Each try whose
 * answer from the real last hop is lost moves the hole one hop early, so a
 * lossy path needs more. */
unsigned locate_attempts(unsigned lost, unsigned samples);
/* max_hops and attempts: 0 = the defaults above; larger than allowed is clamped. */
void locate_init(struct locate *l, unsigned max_hops, unsigned attempts);
/* Worth sending (again) now: not answered, tries left, not beyond the
 * target, and either never tried or the boundary (the first TTL past the
 * last hop that answered for the large size) whose silence needs more tries. */
bool locate_want(const struct locate *l, unsigned ttl, bool large);
void locate_sent(struct locate *l, unsigned ttl, bool large);
/* An answer to the probe sent with this ttl and size; repeats are ignored. */
void locate_heard(struct locate *l, unsigned ttl, bool large, enum locate_heard h,
		  const struct ip_addr *from, uint32_t mtu);
/* Nothing more can change the verdict (a "too big" at the boundary, or a
 * large probe that reached the target). Without it, the engine ends when
 * locate_want() is false for every probe and the last tries had their time. */
bool locate_decided(const struct locate *l);
void locate_verdict(const struct locate *l, struct locate_result *r);
/* The last TTL that was tried at all (for listing hops); 0 if none. */
unsigned locate_last_tried(const struct locate *l);

#endif
