/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --locate: after a run found the path MTU P, TTL-limited probes of P
 * and P + 1 bytes name the last hop that big packets reach and the first
 * they never reach. The policy (what to send, what the answers mean) is
 * core/locate.c; this owns time, pacing and the tries, like engine.c, and
 * talks to the world only through struct probe_io. */
#ifndef MTUPROBE_PROBE_LOCATE_H
#define MTUPROBE_PROBE_LOCATE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/locate.h"
#include "probe/engine.h"
#include "probe/probe_io.h"

#define LOCATE_GAP_MS \
	1000 /* between tries of one probe: Linux refills one
                                * time-exceeded token per second per destination
                                * (net.ipv4.icmp_ratelimit, 1000 ms) */

struct locate_config {
	int family;         /* 4 or 6 */
	unsigned pmtu;      /* the measured path MTU: probes of pmtu and pmtu + 1 */
	unsigned max_hops;  /* highest TTL; 0 = LOCATE_DEF_HOPS */
	unsigned attempts;  /* tries before a silence counts; 0 = from the loss prev
	                           * saw (locate_attempts()), LOCATE_DEF_ATTEMPTS without prev */
	unsigned rate_pps;  /* 0 = 200 (the engine's default) */
	unsigned gap_ms;    /* between tries; 0 = LOCATE_GAP_MS */
	unsigned window_ms; /* how long the last try waits; 0 = max(200 ms, 3 srtt) */
};

struct locate_run {
	struct locate l;        /* every observation, per TTL and size */
	struct locate_result r; /* the verdict */
	unsigned small, large;  /* the sizes used: pmtu and pmtu + 1 */
	unsigned probes_sent;
	uint64_t elapsed_us;
	unsigned long ignored; /* answers that matched no locate probe, or quoted
	                           * another size than the probe they named */
	bool interrupted;
};

/* prev: the run that measured the PMTU on the same io (its seqs are not
 * reused, so a late answer to it is never taken for one of ours); may be
 * NULL. Returns 0 with out filled (out->r.found says whether it located
 * anything), or -1 with a message in err. */
int probe_locate(const struct locate_config *cfg, const struct probe_io *io,
		 const struct probe_run *prev, volatile sig_atomic_t *stop, struct locate_run *out,
		 char *err, size_t errlen);

#endif
