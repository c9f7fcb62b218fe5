/* SPDX-License-Identifier: BSD-2-Clause */
/* What a capture says about one path's MTU (mtuprobe inspect's answer line):
 * a pure function of what became of the DF probes sent to one target, in
 * any order, by any number of runs (an engineer stepping `ping -M do -s N`
 * by hand starts a new ping, with a new ident, for every size).
 *
 * Sizes are IP packet sizes. The evidence, strongest first:
 *   - an answer (echo reply, tracepath's port unreachable) at size L proves
 *     that L bytes crossed; the largest such L is the floor;
 *   - a "fragmentation needed" / "packet too big" at size S says a router
 *     could not forward S: the path MTU is below S, and at most the MTU it
 *     reports (RFC 1191 sec. 4; RFC 8201 sec. 4), when that MTU is one a
 *     link can have (IPv4 at least 68, RFC 791; IPv6 at least 1280,
 *     RFC 8200 sec. 5) and below S (else it says nothing more than S did);
 *   - silence at size S (no answer of any kind) is consistent with a
 *     filtered "too big" (a PMTU black hole), and equally with loss: it is
 *     reported, never taken as proof.
 * An answer larger than what a "too big" allows is a contradiction (the
 * path changed while the capture ran, or a middlebox answers for the
 * target) and is reported as one, with no number. Other ICMP errors
 * (unreachable, time exceeded) prove nothing about the size and are left
 * out of the answer.
 *
 * Codes and numbers only: the words are render's (render/inspect_out.c). */
#ifndef MTUPROBE_CORE_INSPECT_ANSWER_H
#define MTUPROBE_CORE_INSPECT_ANSWER_H

#include <stddef.h>
#include <stdint.h>

enum inspect_outcome {
	INSPECT_ANSWERED,    /* the probe arrived: echo reply, or the target's port unreachable */
	INSPECT_TOO_BIG,     /* frag-needed (IPv4) / packet too big (IPv6) */
	INSPECT_SILENT,      /* no answer of any kind */
	INSPECT_OTHER_ERROR, /* unreachable, time exceeded, ...: says nothing of the size */
};

/* One thing seen: a size and what became of it. The same size may appear
 * any number of times, with any outcomes. */
struct inspect_obs {
	uint32_t size; /* IP packet size */
	enum inspect_outcome outcome;
	uint32_t mtu; /* INSPECT_TOO_BIG: the MTU it reported; 0: none */
};

enum inspect_verdict {
	INSPECT_EXACT,         /* mtu: largest answered; a "too big" at mtu + 1, or reporting mtu */
	INSPECT_EXACT_SILENCE, /* mtu: largest answered; mtu + 1 got silence (and no "too big") */
	INSPECT_AT_LEAST,      /* mtu: largest answered; nothing known of mtu + 1 .. upper,
				  * then silence (silent_lo) or a "too big" (too_big) */
	INSPECT_AT_MOST,       /* nothing answered; upper: what the "too big" allows */
	INSPECT_NOTHING,       /* nothing answered, no "too big" */
	INSPECT_CONTRADICTION, /* answered_above answered, above what the "too big" allows */
};

struct inspect_answer {
	enum inspect_verdict verdict;
	uint32_t mtu;         /* EXACT, EXACT_SILENCE, AT_LEAST: the largest size answered */
	uint32_t upper;       /* AT_LEAST: top of the sizes nothing is known of (0:
				      * nothing larger was tried); AT_MOST: the most that
				      * the "too big" lets cross */
	long too_big;         /* index in obs[] of the "too big" the verdict rests on
				      * (the one with the lowest bound); -1: none */
	uint32_t too_big_mtu; /* its MTU if believed (see above); 0: not believed or none */
	uint32_t silent_lo, silent_hi; /* sizes above mtu that only got silence, smallest and
					* largest (below upper for AT_LEAST); 0: none */
	unsigned silent_sizes;         /* how many distinct such sizes */
	uint32_t answered_above;       /* CONTRADICTION: the size answered */
};

/* family: 4 or 6 (which MTUs a "too big" may report). complete: the capture
 * was read to its end; if not, silence is no evidence at all (the answer may
 * be in what was not read) and is left out. */
void inspect_answer(const struct inspect_obs *obs, size_t n, int family, int complete,
		    struct inspect_answer *out);

#endif
