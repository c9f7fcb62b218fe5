/* SPDX-License-Identifier: BSD-2-Clause */
/* A fake path of routers behind struct probe_io, with a fake clock, for
 * probe --locate (probe/locate.c) and the engine ahead of it.
 *
 *   us --link 1-- hop 1 --link 2-- hop 2 ... hop N --link N+1-- target
 *
 * Hop i has an address (192.0.2.i / 2001:db8::i, RFC 5737 / RFC 3849; the
 * target is 198.51.100.7 / 2001:db8:1::7), an egress MTU (of the link
 * after it, toward the target), and manners: whether it sends time
 * exceeded, whether it says "too big" or drops big packets silently (a
 * black hole), and a token bucket per destination (there is one: us) that
 * limits its ICMP errors like Linux's net.ipv4.icmp_ratelimit: a burst of
 * B, then one every R ms.
 *
 * A probe of size s with TTL t (0 = 64) walks the hops: at hop t the TTL
 * runs out and the hop answers time exceeded, quoting s (before any MTU
 * test: Linux's ip_forward() checks the TTL first); before that, a hop
 * whose egress MTU is below s answers "too big" or drops it; past hop N the
 * target answers (PROBE_EV_REPLY). Each packet, probe or answer, is lost
 * with probability `loss`. Time passes only in recv(), which jumps the
 * clock to the next answer or the deadline: no sleeping, deterministic for
 * a seed. */
#ifndef MTUPROBE_TEST_FAKEHOPS_H
#define MTUPROBE_TEST_FAKEHOPS_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "probe/probe_io.h"

#define FH_MAX_HOPS 16
#define FH_MAX_PENDING 1024
#define FH_MAX_SENDS 4096

struct fh_hop {
	unsigned mtu;       /* egress MTU; 0 = 65535 (never too small) */
	bool mute;          /* never sends time exceeded */
	bool silent;        /* drops what its egress cannot carry, no "too big" */
	unsigned burst;     /* ICMP error bucket: size and initial tokens; 0 with
	                             * refill_ms = a bucket of one that starts empty */
	unsigned refill_ms; /* one token per refill_ms; 0 = no limit */
	bool ptb_limited;   /* "too big" spends the same tokens (Linux IPv4) */
	uint64_t delay_us;  /* one way, over the link into this hop */
};

struct fh_params {
	int family;                         /* 4 or 6 */
	unsigned nhops;                     /* 1..FH_MAX_HOPS */
	struct fh_hop hop[FH_MAX_HOPS + 1]; /* [1..nhops]; [0] unused */
	uint64_t target_delay_us;           /* one way, over the last link */
	unsigned local_mtu; /* our own interface: larger sends get EMSGSIZE; 0 = none */
	unsigned first_mtu; /* link 1 (us to hop 1) drops larger ones silently; 0 = none */
	double loss;        /* per packet, each direction */
	uint64_t seed;
	/* strays: answers that are not about any probe of ours */
	unsigned strays; /* at the first send, this many answers for seqs no
	                             * probe carries (seq + 0x8000): replies, time
	                             * exceeded and too big in turn */
	bool misquote;   /* each probe dropped silently draws, from the next
	                             * hop, a time exceeded with its seq but quoting
	                             * another size (size - 1): must be ignored */
	/* faults */
	bool fail_send; /* send() fails from the fail_after-th call on */
	unsigned fail_after;
	bool fail_random;  /* random() fails */
	bool fixed_random; /* random() returns random_value, repeated */
	uint16_t random_value;
	uint64_t stop_at_us; /* set *stop_flag at this fake time (from the start) */
	volatile sig_atomic_t *stop_flag;
};

/* What the fake saw sent. */
struct fh_send {
	uint16_t seq;
	unsigned size, ttl; /* ttl as asked (0 = default) */
	uint64_t at_us;     /* fake time since the start */
};

struct fh_pending {
	uint64_t at;
	struct probe_event ev;
};

struct fakehops {
	struct fh_params p;
	uint64_t now;
	uint64_t rng, rng_io;
	double tokens[FH_MAX_HOPS + 1];
	uint64_t refilled[FH_MAX_HOPS + 1];
	struct fh_pending q[FH_MAX_PENDING]; /* sorted by time, FIFO among equals */
	unsigned nq;
	struct fh_send sent[FH_MAX_SENDS];
	unsigned nsent;      /* send() calls that reached the network or EMSGSIZE */
	unsigned te_denied;  /* time exceeded the buckets held back */
	unsigned stray_sent; /* strays and misquotes queued */
};

/* Hops 1..nhops at MTU 1500 (the target's link too), no limits, 100 us a
 * link, with a black hole: hop `hole` has egress MTU `pmtu` and drops
 * silently (hole 0: the first link, past our interface, drops them). */
void fh_path(struct fh_params *p, int family, unsigned nhops, unsigned hole, unsigned pmtu);
void fh_init(struct fakehops *f, const struct fh_params *p);
void fh_io(struct fakehops *f, struct probe_io *io);
/* The address of hop i (nhops + 1 = the target). */
void fh_addr(const struct fakehops *f, unsigned i, struct ip_addr *a);
uint64_t fh_elapsed(const struct fakehops *f);
/* An answer from hop `from` (nhops + 1: the target) arriving delay_us from
 * now, about whatever probe carries seq (a late answer, a forgery). */
void fh_inject(struct fakehops *f, uint64_t delay_us, enum probe_ev_kind kind, uint16_t seq,
	       unsigned from, uint32_t mtu, uint32_t quoted);

#endif
