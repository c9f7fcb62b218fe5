/* SPDX-License-Identifier: BSD-2-Clause */
/* Reading a finished run's records (findings.h). */
#include "probe/findings.h"

#include <stdio.h>
#include <string.h>

static bool
same_addr(const struct ip_addr *a, const struct ip_addr *b)
{
	return a->family == b->family && memcmp(a->a, b->a, a->family == 6 ? 16 : 4) == 0;
}

static void
add_ptb(struct probe_findings *f, const struct probe_record *p)
{
	for (size_t i = 0; i < f->nptb; i++)
		if (same_addr(&f->ptb[i].from, &p->responder)) {
			f->ptb[i].mtu = p->mtu;
			f->ptb[i].count++;
			return;
		}
	if (f->nptb < FINDINGS_MAX_PTB)
		f->ptb[f->nptb++] = (struct ptb_source){ p->responder, p->mtu, 1 };
	else
		f->ptb_more++; /* said by the CLI as a warning (a count of probes) */
}

/* A router said "too big, MTU M" with M above the PMTU, yet sizes between
 * the PMTU and M got no answer: they are lost beyond that router (for a
 * tunnel: after encryption). The PTB must be trusted, M plausible (below
 * the probe it rejected), and no size in (PMTU, M] may have passed. */
static void
find_device_mtu(const struct probe_run *run, struct probe_findings *f)
{
	for (size_t i = 0; i < run->nprobes; i++) {
		const struct probe_record *p = &run->probes[i];
		bool silent = false, passed = false;
		/* Only a PTB we trust: it quotes our cookie and no other PTB for
		 * the same probe disagreed with it (engine.h: weak, disputed). */
		if (p->outcome != PROBE_TOO_BIG || p->weak || p->disputed || p->mtu <= run->pmtu ||
		    p->mtu >= p->size || p->mtu <= f->device_mtu)
			continue;
		for (size_t j = 0; j < run->nprobes; j++) {
			const struct probe_record *q = &run->probes[j];
			if (q->size <= run->pmtu || q->size > p->mtu)
				continue;
			silent |= q->outcome == PROBE_TIMEOUT;
			passed |= q->outcome == PROBE_REPLY;
		}
		if (silent && !passed) {
			f->device_mtu = p->mtu;
			f->device_from = p->responder;
		}
	}
}

void
probe_findings(const struct probe_run *run, struct probe_findings *f)
{
	memset(f, 0, sizeof(*f));
	f->loss = run->loss;
	for (size_t i = 0; i < run->nprobes; i++) {
		const struct probe_record *p = &run->probes[i];
		if (p->outcome == PROBE_REPLY)
			f->replies++;
		if (p->outcome == PROBE_TOO_BIG)
			add_ptb(f, p);
		if (run->pmtu && p->outcome == PROBE_TIMEOUT && p->size > run->pmtu) {
			if (!f->silent_lo || p->size < f->silent_lo)
				f->silent_lo = p->size;
			if (p->size > f->silent_hi)
				f->silent_hi = p->size;
		}
	}
	if (!f->replies && run->probes_sent)
		f->loss = 1.0;
	f->rests_on_silence = run->pmtu && !run->at_max && !run->fail_by_ptb &&
			      run->stop == PROBE_STOP_DONE && f->silent_lo == run->pmtu + 1;
	if (run->pmtu)
		find_device_mtu(run, f);
}

/* An MSS is the TCP payload of a segment: the IP packet is MSS + 20 (IPv4
 * header) + 20 (TCP header), or + 40 + 20 for IPv6 (RFC 879, RFC 8201 sec.
 * 5.4 / RFC 9293 sec. 3.7.1). A SYN-ACK's MSS above PMTU - 40 / - 60 means
 * full-sized segments do not fit the path. */
void
probe_findings_mss(const struct probe_run *run, int family, struct probe_findings *f)
{
	unsigned hdr = family == 6 ? 60 : 40;

	f->synack_mss = run->synack_mss;
	f->mss_fit = run->pmtu > hdr ? run->pmtu - hdr : 0;
	f->mss_too_big = f->synack_mss && f->mss_fit && f->synack_mss > f->mss_fit;
	f->mss_hdr = hdr;
	/* 1460 / 1440 is what a host on a 1500-byte link offers by itself: most
	 * likely nothing on the way clamps it, so there is no clamp to lower. */
	f->mss_unclamped = f->mss_too_big && f->synack_mss == 1500 - hdr;
}
