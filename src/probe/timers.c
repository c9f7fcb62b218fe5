/* SPDX-License-Identifier: BSD-2-Clause */
/* timers: when the absence of an answer becomes news.
 *
 * Every probe in flight has a window in which its answer may still come. When
 * it closes with nothing heard, the probe is a silence (SEARCH_TIMEOUT); when
 * it closes after a PTB and no reply, the PTB stands (SEARCH_TOO_BIG, the
 * evidence rules of search_evidence.c). Before it closes, a probe past the
 * slowest reply seen so far is "overdue": the search plans as if it failed,
 * but nothing is concluded.
 *
 * How long the window is, and why:
 * - The measured round-trip distribution: RFC 6298's estimators (srtt, and
 *   rttvar, the mean deviation) give srtt + 4 * rttvar, Jacobson's bound that
 *   a later answer is improbable; RFC 6298 section 2 starts rttvar at R / 2,
 *   so with one sample the window is 3 R and it shrinks as the samples agree.
 *   Never shorter than the slowest reply seen (rtt_max), plus 2 ms for a big
 *   probe's serialization. Unlike TCP's RTO, there is no 1 s minimum (RFC
 *   6298 (2.4) is there for delayed ACKs; an echo reply is not delayed).
 * - Order: on a path that keeps packets in order (RFC 4737 calls the
 *   exception reordering), an answer to probe i comes before the answer to a
 *   probe sent after it. So once a later probe's reply is in and rtt_max has
 *   passed, probe i's own reply is not coming either. This closes windows
 *   after about one round trip instead of srtt + 4 * rttvar while the RTT
 *   estimate still rests on few samples. The first reply seen to arrive after
 *   the reply of a later probe turns this off for the rest of the run.
 * - A floor (--timeout's companion, min_timeout_ms, 50 ms) for silences:
 *   a silence is the weakest evidence and host scheduling noise on a busy
 *   machine is milliseconds. A PTB window that a later reply has already
 *   closed needs no floor: that reply shows the host was delivering answers.
 * - A cap (--timeout), and the cap alone before any RTT is known.
 * A window that closes too early costs nothing in exactness: a reply that
 * comes after it still counts (a silence becomes a reply, a PTB is counted
 * as contradicted, search_evidence.c), and rtt_max then grows. */
#include "probe/engine_int.h"

#define SLACK_US 2000 /* a big probe's serialization and host noise */

/* RFC 6298 section 2 smoothing. Karn's rule is not needed: every probe has
 * its own sequence number, so even a late reply gives an unambiguous RTT. */
void
eng_rtt_sample(struct probe_engine *e, uint64_t r)
{
	if (r > e->rtt_max)
		e->rtt_max = r;
	if (!e->have_rtt) {
		e->srtt = r;
		e->rttvar = r / 2;
		e->have_rtt = true;
		return;
	}
	uint64_t d = e->srtt > r ? e->srtt - r : r - e->srtt;

	e->rttvar = (3 * e->rttvar + d) / 4;
	e->srtt = (7 * e->srtt + r) / 8;
}

void
eng_reply_order(struct probe_engine *e, size_t i)
{
	if (i + 1 < e->replied_hi)
		e->reordered = true;
	else
		e->replied_hi = i + 1;
}

static uint64_t
cap_us(const struct probe_engine *e)
{
	return (uint64_t)e->c.timeout_ms * 1000;
}

/* The window from the RTT distribution alone: max(srtt + 4 * rttvar,
 * rtt_max) + slack, within [floor, cap]; the cap before any RTT. */
static uint64_t
window_us(const struct probe_engine *e)
{
	uint64_t floor = (uint64_t)e->c.min_timeout_ms * 1000, t;

	if (!e->have_rtt)
		return cap_us(e);
	t = e->srtt + 4 * e->rttvar;
	if (t < e->rtt_max)
		t = e->rtt_max;
	t += SLACK_US;
	if (t < floor)
		t = floor;
	return t > cap_us(e) ? cap_us(e) : t;
}

/* Past the slowest reply seen: most likely no reply is coming. */
static uint64_t
overdue_after(const struct probe_engine *e)
{
	return e->have_rtt ? e->rtt_max + SLACK_US : UINT64_MAX;
}

/* A reply to a probe sent after probe i is in, on a path not seen to reorder. */
static bool
overtaken(const struct probe_engine *e, size_t i)
{
	return e->have_rtt && !e->reordered && e->replied_hi > i + 1;
}

/* When probe i's window closes (relative to its send time). */
static uint64_t
window_of(const struct probe_engine *e, size_t i)
{
	enum search_was w = (enum search_was)e->was[i];
	uint64_t t = window_us(e), floor = (uint64_t)e->c.min_timeout_ms * 1000, o;

	if (!overtaken(e, i))
		return t;
	o = overdue_after(e);
	if (w == SEARCH_WAS_PENDING || w == SEARCH_WAS_OVERDUE)
		o = o < floor ? floor : o;
	return o < t ? o : t;
}

/* A probe's time is up. Unanswered: a silence. Heard a PTB: the PTB now
 * stands, since no reply contradicted it in the probe's own window. */
static void
time_out(struct probe_engine *e, size_t i)
{
	struct probe_record *p = &e->out->probes[i];

	switch ((enum search_was)e->was[i]) {
	case SEARCH_WAS_PTB_OPEN: eng_record(e, i, SEARCH_TOO_BIG, p->mtu); return;
	case SEARCH_WAS_WEAK_OPEN: eng_record(e, i, SEARCH_TOO_BIG_WEAK, p->mtu); return;
	default:
		eng_record(e, i, SEARCH_TIMEOUT, 0);
		p->outcome = PROBE_TIMEOUT;
		return;
	}
}

void
eng_expire(struct probe_engine *e, uint64_t now)
{
	uint64_t od = overdue_after(e);
	struct probe_run *o = e->out;

	while (e->first_pending < o->nprobes &&
	       !eng_open_probe((enum search_was)e->was[e->first_pending]))
		e->first_pending++;
	for (size_t i = e->first_pending; i < o->nprobes; i++) {
		uint64_t sent = e->t0 + o->probes[i].sent_us;

		if (!eng_open_probe((enum search_was)e->was[i]))
			continue;
		if (sent + window_of(e, i) <= now)
			time_out(e, i);
		else if (e->was[i] == SEARCH_WAS_PENDING && od != UINT64_MAX && sent + od <= now)
			eng_record(e, i, SEARCH_OVERDUE, 0);
	}
}

uint64_t
eng_next_deadline(const struct probe_engine *e)
{
	uint64_t od = overdue_after(e), best = UINT64_MAX;
	const struct probe_run *o = e->out;

	for (size_t i = e->first_pending; i < o->nprobes; i++) {
		uint64_t sent = e->t0 + o->probes[i].sent_us, w;

		if (!eng_open_probe((enum search_was)e->was[i]))
			continue;
		w = window_of(e, i);
		if (sent + w < best)
			best = sent + w;
		if (e->was[i] == SEARCH_WAS_PENDING && od != UINT64_MAX && od < w &&
		    sent + od < best)
			best = sent + od;
	}
	return best;
}
