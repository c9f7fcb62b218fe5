/* SPDX-License-Identifier: BSD-2-Clause */
/* Internals shared by engine.c (the loop: pacing, timeouts, the search)
 * and answer.c (which probe an answer is about, and what it is worth). Not
 * part of the public API. */
#ifndef MTUPROBE_PROBE_ENGINE_INT_H
#define MTUPROBE_PROBE_ENGINE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/search.h"
#include "probe/engine.h"

struct probe_engine {
	struct probe_config c; /* the config with defaults applied */
	const struct probe_io *io;
	volatile sig_atomic_t *stop;
	struct probe_run *out;
	struct search s;
	uint64_t t0;               /* start, on io's clock */
	uint64_t tat;              /* the rate's theoretical arrival time (GCRA):
	                                * a send is due at tat - (burst now - 1) gaps */
	uint64_t last_us;          /* the last send */
	uint64_t interval_us;      /* between sends now: 1 / rate, or slower (pace()) */
	uint64_t base_interval_us; /* 1 / the configured rate */
	unsigned inflight;         /* probes that may still be answered in time */
	size_t first_pending;      /* no probe below this index is in flight */
	uint8_t *was;              /* per probe: its enum search_was */
	uint16_t seq_a, seq_a_inv; /* seq = a * index + b (mod 2^16), a odd: see seq_of() */
	uint16_t seq_b;
	uint64_t srtt, rttvar; /* RFC 6298 estimators, microseconds */
	uint64_t rtt_max;      /* slowest reply seen */
	bool have_rtt;
	size_t replied_hi;         /* 1 + the highest probe index answered by a reply */
	bool reordered;            /* a reply came after a later probe's reply */
	unsigned unreach;          /* ICMP unreachables received */
	unsigned replies;          /* echo replies received */
	unsigned ptbs;             /* PTBs received for probes of ours (first per probe) */
	unsigned icmp_errors;      /* other ICMP errors for probes of ours (unreachable, ...) */
	unsigned long own_ignored; /* answers to seqs we never sent */
	unsigned conflicts;        /* search conflicts already warned about */
	unsigned long bad_quotes;  /* errors quoting another size than the probe's */
	bool can;                  /* the last step found a size to send ... */
	unsigned next_size;        /* ... this one */
	bool next_urgent;          /* ... not a hedge (search_next_urgent()): it may
	                                * go in a burst */
	bool ended;                /* the run is over (why says how) */
	enum probe_stop why;
	char *err;
	size_t errlen;
};

/* engine.c */
/* Record a warning once per (kind, sender); repeats only bump the count.
 * who, other and a, b, c are what struct probe_warning says they are. */
void eng_warn(struct probe_engine *e, enum probe_warn_kind kind, const struct ip_addr *from,
	      const struct ip_addr *who, const struct ip_addr *other, unsigned a, unsigned b,
	      unsigned c);
/* Still waiting for an answer that can decide it. */
bool eng_open_probe(enum search_was w);
/* Tell search about probe i and remember its new state. */
void eng_record(struct probe_engine *e, size_t i, enum search_outcome o, uint32_t mtu);

/* timers.c */
void eng_rtt_sample(struct probe_engine *e, uint64_t r);
/* A first reply to probe i has come: note whether it overtook nothing. */
void eng_reply_order(struct probe_engine *e, size_t i);
/* Close the windows that are past: silences, and PTBs that now stand. */
void eng_expire(struct probe_engine *e, uint64_t now);
/* The next moment something changes without an answer; UINT64_MAX if none. */
uint64_t eng_next_deadline(const struct probe_engine *e);

/* answer.c */
uint16_t eng_seq_of(const struct probe_engine *e, size_t i);
/* The probe index a seq belongs to; >= nprobes if none. */
size_t eng_index_of(const struct probe_engine *e, uint16_t seq);
/* Draw this run's seq mapping from io->random; -1 with e->err set. */
int eng_seq_init(struct probe_engine *e);
/* One answer from the io: match it to its probe, weigh it, tell search. */
void eng_handle_event(struct probe_engine *e, const struct probe_event *ev);

#endif
