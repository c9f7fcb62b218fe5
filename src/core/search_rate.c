/* SPDX-License-Identifier: BSD-2-Clause */
/* search_rate: is the silence at sizes that pass the target's ICMP rate
 * limit rather than loss on the path? (issue 20)
 *
 * Where the proof that a size passed is an ICMP error from the target (the
 * UDP method's "port unreachable"), the target's rate limit decides which
 * probes are answered. Linux sends such errors to one destination at most
 * once per net.ipv4.icmp_ratelimit ms (default 1000) after a burst of 6
 * (XRLIM_BURST_FACTOR, net/ipv4/icmp.c), for the types in icmp_ratemask
 * (default: destination unreachable but not "fragmentation needed", time
 * exceeded, parameter problem), and at most icmp_msgs_per_sec (1000, burst
 * icmp_msgs_burst 50) to all destinations together (the kernel's
 * Documentation/networking/ip-sysctl.rst; IPv6: net.ipv6.icmp.ratelimit,
 * ratemask). The limit is the target's and shared: several runs from one
 * host, or any other sender, take tokens from one bucket, and a run sees
 * "loss" at sizes it has seen pass, in long stretches, at any size.
 *
 * The pattern, from the evidence alone (no clock here: the engine reports
 * the arrival time of each reply, search_reply_at()):
 * - replies come at about the limiter's rate: no faster than RATE_MAX_PPS
 *   over the span of the run, whatever was sent;
 * - probes of sizes that pass (at or below one that was answered) go
 *   unanswered, often: at least RATE_MIN_LOST of them, RATE_MIN_LOSS of the
 *   loss samples. The size is not the reason; the time they came is.
 * Plain loss on a path that answers at a higher rate never matches (its
 * replies come as fast as the probes); a slow-paced run on a lossy path can
 * (1 probe/s at 30% loss looks like a limiter at 0.7/s), and then slowing
 * down costs time, never exactness: the search's loss model still decides. */
#include "core/search_int.h"

/* Twice Linux's default per-destination rate: its burst of 6 lifts the rate
 * seen over a short run above 1/s. A path whose replies come faster is not
 * limited, or not enough to matter at the default pacing. */
#define RATE_MAX_PPS 2.0
#define RATE_MIN_LOST 2u /* one silence is never enough (search_params n_min) */
#define RATE_MIN_LOSS 0.2
#define RATE_MIN_REPLIES 2u /* one gap: a rate */

void
search_reply_at(struct search *s, uint64_t at_us)
{
	if (!s->replies_seen || at_us < s->reply_first_us)
		s->reply_first_us = at_us;
	if (at_us > s->reply_last_us)
		s->reply_last_us = at_us;
	if (s->replies_seen < UINT32_MAX)
		s->replies_seen++;
}

double
search_reply_rate(const struct search *s)
{
	uint64_t span = s->reply_last_us - s->reply_first_us;

	if (s->replies_seen < 2 || !span)
		return 0.0;
	return (double)(s->replies_seen - 1) * 1e6 / (double)span;
}

bool
search_rate_view(const struct search *s, const struct view *v, double *rate)
{
	double r = search_reply_rate(s);

	*rate = r;
	if (s->replies_seen < RATE_MIN_REPLIES || r <= 0.0 || r > RATE_MAX_PPS)
		return false;
	return v->lost >= RATE_MIN_LOST && (double)v->lost >= RATE_MIN_LOSS * v->samples;
}

bool
search_rate_limited(const struct search *s, double *rate)
{
	struct view v;

	search_view(s, &v, true);
	return search_rate_view(s, &v, rate);
}

bool
search_lossless(const struct search *s)
{
	struct view v;

	search_view(s, &v, true);
	return !v.lost;
}
