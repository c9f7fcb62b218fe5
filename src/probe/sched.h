/* SPDX-License-Identifier: BSD-2-Clause */
/* Many runs at once under one clock (probe --targets): the scheduler owns
 * every timer of every run (engine.h's steps), one wait across all their
 * sockets (struct probe_wait), a rate for all the probes together and one
 * per target address. Like the engine, it never prints and never exits. */
#ifndef MTUPROBE_PROBE_SCHED_H
#define MTUPROBE_PROBE_SCHED_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "probe/engine.h"
#include "probe/probe_io.h"

/* The defaults, and why (mtuprobe(1), INVENTORY, Measuring). Linux, by
 * default, sends at most 1000 ICMP messages a second with a burst of 50
 * (net.ipv4.icmp_msgs_per_sec, icmp_msgs_burst) and one "destination
 * unreachable" or "time exceeded" per destination every 1000 ms after a
 * burst of 6 (icmp_ratelimit, icmp_ratemask; the kernel's
 * Documentation/networking/ip-sysctl.rst; "fragmentation needed" is
 * exempt from both, net/ipv4/icmp.c icmpv4_mask_allow): at 1000 probes a second in
 * all, a router that every site's probes cross (the first hop, the
 * provider's edge) stays within its own budget even if each probe drew
 * one such message from it. Per target the engine's own 200/s stays. The
 * total's burst is 50 ms of it, 50 probes at the default: the kernel's own
 * icmp_msgs_burst. */
#define SCHED_DEF_TOTAL_PPS 1000
#define SCHED_MAX_TOTAL_PPS 10000
#define SCHED_BURST_DIV 20 /* burst = total / 20, at least 1 */

struct probe_wait {
	void *ctx;
	uint64_t (*now_us)(void *ctx);
	/* Wait until deadline_us for one answer to any run; a deadline that
	 * is not in the future takes only what has already arrived. 1 with
	 * *io_ctx (the ctx of the probe_io it belongs to) and *ev, 0 at the
	 * deadline, -1 with a message in err (EINTR: "interrupted"). */
	int (*wait)(void *ctx, uint64_t deadline_us, void **io_ctx, struct probe_event *ev,
		    char *err, size_t errlen);
};

struct probe_sched_config {
	unsigned total_pps;   /* probes per second of all runs together; 0 = default */
	unsigned total_burst; /* of them back to back after a quiet while; 0 = total /
	                         * SCHED_BURST_DIV (at least 1) */
};

struct probe_sched;

struct probe_sched *probe_sched_new(const struct probe_sched_config *c, const struct probe_wait *w,
				    volatile sig_atomic_t *stop);
/* A run, started now (probe_engine_start: cfg, io and out as there, err the
 * run's own); its probes go no faster than cfg's rate to target (runs to
 * one address share that address's spacing) and the total. io->ctx names
 * the run's answers (the wait's *io_ctx): one run per io at a time. tag is
 * given back when the run ends. 0, or -1 with a message in err. */
int probe_sched_add(struct probe_sched *s, const struct probe_config *cfg,
		    const struct probe_io *io, const struct ip_addr *target, struct probe_run *out,
		    void *tag, char *err, size_t errlen);
/* Run until one run ends: 1 with its *tag and *rc (probe_engine_run's
 * return for it; out is filled); 0 when no run is left. A wait that fails
 * ends every run with its message (interrupted when *stop is set). */
int probe_sched_next(struct probe_sched *s, void **tag, int *rc);
/* Runs not ended yet, and probes sent by all runs so far. */
size_t probe_sched_active(const struct probe_sched *s);
unsigned long probe_sched_sent(const struct probe_sched *s);
/* Every run still going is ended (interrupted), then s is freed; their
 * outs keep their records (probe_run_free them). */
void probe_sched_free(struct probe_sched *s);

#endif
