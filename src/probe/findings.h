/* SPDX-License-Identifier: BSD-2-Clause */
/* What a finished run's probe records say beyond the PMTU: who sent
 * "fragmentation needed", whether the answer rests on silence, and whether a
 * router reported an MTU that the path then did not carry. Pure: reads a
 * struct probe_run, no I/O; the CLI hands the result to the renderers. */
#ifndef MTUPROBE_PROBE_FINDINGS_H
#define MTUPROBE_PROBE_FINDINGS_H

#include "probe/engine.h"

#define FINDINGS_MAX_PTB 4

/* One sender of "fragmentation needed" / "packet too big". */
struct ptb_source {
	struct ip_addr from;
	unsigned mtu; /* the MTU it reported (the last one, if several) */
	unsigned count;
};

struct probe_findings {
	unsigned replies; /* probes the target answered (a size that passed) */
	double loss;      /* the run's loss; 1 when the target never answered */
	struct ptb_source ptb[FINDINGS_MAX_PTB]; /* in order of first appearance */
	size_t nptb;
	unsigned ptb_more;     /* PTBs from senders beyond FINDINGS_MAX_PTB: counted, not listed */
	bool rests_on_silence; /* PMTU + 1 failed by silence alone (a PMTU black hole) */
	unsigned silent_lo, silent_hi; /* the sizes above the PMTU that got no answer */
	unsigned device_mtu;           /* a PTB reported this MTU above the PMTU while probes
	                             * between got no answer (lost beyond it); 0 = none */
	struct ip_addr device_from;
	/* TCP method: the SYN-ACK's MSS against the PMTU (field case 1: a clamp
	 * of 1379 on a 1280 tunnel). */
	unsigned synack_mss; /* 0: no SYN-ACK carried one */
	unsigned mss_fit;    /* the largest MSS the PMTU carries: PMTU - 40 (IPv4)
	                             * / - 60 (IPv6); 0 without a PMTU */
	bool mss_too_big;    /* synack_mss > mss_fit: segments of that size are
	                             * dropped or fragmented on this path */
	bool mss_unclamped;  /* when mss_too_big: the SYN-ACK carries the host's own MSS
	                             * (1460 / 1440), nothing clamps it; else a clamp is too
	                             * high (render/probe_words.c says what to do) */
	unsigned mss_hdr;    /* 40 (IPv4) or 60 (IPv6): PMTU - mss_fit */
};

void probe_findings(const struct probe_run *run, struct probe_findings *out);
/* Fill the MSS fields for a run over IPv4 (family 4) or IPv6. */
void probe_findings_mss(const struct probe_run *run, int family, struct probe_findings *f);

#endif
