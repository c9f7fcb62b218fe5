/* SPDX-License-Identifier: BSD-2-Clause */
/* A scripted fake network behind struct probe_io, with a fake clock.
 *
 * Topology it imitates (tests/lab builds the real one):
 *   us --[first hop, local_mtu]-- r1 --[bottleneck, path_mtu]-- r2 -- target
 * r1 answers too-big probes with a PTB (or not, per ptb mode). An on-path
 * forger between us and r1 can add PTBs of its own and hold the real echo
 * replies back (the attack of issue 9; RFC 5927 sec. 7). Loss is applied
 * past the bottleneck in both directions, like the lab's nftables rule on r2,
 * so an echo round trip is lost with 1 - (1 - loss)^2. Time passes only in
 * recv(), which jumps the clock to the next answer or the deadline: no real
 * sleeping, fully deterministic for a given seed. */
#ifndef MTUPROBE_TEST_FAKENET_H
#define MTUPROBE_TEST_FAKENET_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "probe/probe_io.h"

#define FAKE_MAX_EVENTS 8192
#define FAKE_MAX_SENDS 20000

enum fake_ptb {
	FAKE_PTB_NORMAL = 0, /* PTB with mtu = path_mtu */
	FAKE_PTB_BLACKHOLE,  /* no PTB at all: big probes vanish */
	FAKE_PTB_RATELIMIT,  /* PTBs limited to 1 per second of fake time, burst 1 */
	FAKE_PTB_ZERO,       /* PTB with mtu 0 (pre-RFC 1191 router) */
	FAKE_PTB_BIG,        /* PTB with mtu = probe size + 100 (bogus) */
	FAKE_PTB_TINY,       /* PTB with mtu 40 (IPv4) / 1000 (IPv6), below minimum */
};

struct fake_params {
	int family;          /* 4 or 6 (addresses: RFC 5737 / RFC 3849) */
	unsigned path_mtu;   /* bottleneck MTU */
	unsigned local_mtu;  /* first-hop MTU: larger sends get EMSGSIZE; 0 = none */
	unsigned silent_mtu; /* a second, silent bottleneck past r1 (< path_mtu); 0 = none */
	enum fake_ptb ptb;
	double loss;         /* per packet and direction, past the bottleneck */
	double ptb_loss;     /* loss of PTBs on their way back */
	uint64_t rtt_us;     /* echo round trip; a PTB takes half (see ptb_rtt_us) */
	uint64_t ptb_rtt_us; /* r1's PTB round trip instead: 1 for a first router
	                             * next to us (0.001 ms), rtt_us for one at the far end */
	uint64_t jitter_us;  /* uniform extra delay per answer (reorders) */
	double dup;          /* P(an answer arrives twice) */
	bool dead;           /* nothing ever answers */
	bool unreach;        /* the target's router answers "host unreachable" */
	uint64_t seed;
	uint64_t stop_at_us; /* set *stop_flag at this fake time; 0 = never */
	volatile sig_atomic_t *stop_flag;
	bool fail_send;          /* send() returns PROBE_IO_ERROR ... */
	unsigned fail_after;     /* ... after this many sends went out (a route
	                             * deleted mid-run); 0 = from the first */
	bool ptb_weak;           /* r1 quotes only IP header + 8 bytes (RFC 792):
	                             * its PTBs are weak (no cookie) */
	unsigned ptb_quote_off;  /* r1's PTBs quote size + this (0 = the probe's own
	                             * size): a wrong length makes them not ours */
	unsigned forge_mtu;      /* forger: for every probe above this size, a PTB
	                             * "mtu forge_mtu" from 192.0.2.66, at once; 0 = none */
	bool forge_weak;         /* ... quoting IP header + 8 bytes only */
	uint64_t reply_delay_us; /* forger: holds every echo reply this long */
	unsigned strays;         /* answers for a seq never sent, queued at the first
	                             * send (half replies, half PTBs) */
	uint64_t reply_limit_us; /* the target's ICMP rate limit: one answer per this,
	                             * after a burst of 6 (Linux icmp_ratelimit,
	                             * XRLIM_BURST_FACTOR); 0 = none */
	double reply_taken;      /* P(another sender took the token first): a limit
	                             * shared with other runs (issue 20) */
};

struct fake_event {
	uint64_t at;
	uint64_t order; /* tie-break: insertion order */
	struct probe_event ev;
};

struct fakenet {
	struct fake_params p;
	uint64_t now;
	uint64_t rng;
	uint64_t rng_io;          /* io->random's own stream: the network's fate per
	                             * seed stays what it was before the engine drew */
	double ptb_tokens;        /* rate-limit bucket */
	uint64_t reply_tokens_us; /* the target's answer bucket (reply_limit_us) */
	uint64_t reply_last;
	uint64_t ptb_last;
	struct fake_event q[FAKE_MAX_EVENTS];
	unsigned nq;
	uint64_t order;
	/* what the tests check */
	unsigned sends; /* send() calls, including EMSGSIZE */
	uint64_t send_at[FAKE_MAX_SENDS];
	uint64_t max_wait_us; /* longest single recv() wait asked for */
	unsigned long ignored;
};

void fake_init(struct fakenet *f, const struct fake_params *p);
void fake_io(struct fakenet *f, struct probe_io *io);
/* Smallest gap between two consecutive sends (UINT64_MAX if < 2 sends). */
uint64_t fake_min_gap(const struct fakenet *f);
/* Most sends in any window of `window_us`. */
/* From every send to every later one, at most burst + stretch * rate sends. */
bool fake_bucket_ok(const struct fakenet *f, unsigned rate, unsigned burst);
unsigned fake_max_in_window(const struct fakenet *f, uint64_t window_us);

/* Several paths on one clock: the earliest answer of any of them until
 * deadline (1, with *which and *ev), every clock moved on with it; 0 at the
 * deadline. A deadline in the past takes only what is due now. */
int fake_mux_wait(struct fakenet *const *nets, size_t n, uint64_t deadline, size_t *which,
		  struct probe_event *ev);

#endif
