/* SPDX-License-Identifier: BSD-2-Clause */
/* The analysis behind `mtuprobe inspect`: two passes over a capture (learn
 * the probe streams, then classify every record), streamed one row at a
 * time to a renderer chosen by the command (inspect_cmd.c). Packet
 * recognition is wire's (wire_parse_probe, wire_parse_foreign,
 * wire_parse_ip, wire_ip_header), the same parser probe uses; what is here
 * is bookkeeping: streams, sizes, the summary.
 *
 * A capture that holds mtuprobe's probes is read for those alone (a ping
 * beside a run is noise there, ignored as it always was). One that holds
 * none is read for other tools' DF probes: pings with DF set and
 * tracepath's UDP probes. Their answers are matched without a cookie
 * (wire_foreign.c), against the sizes sent per seq, so those are learned
 * in the first pass. No printing of its own, so the fuzz harness
 * (tests/fuzz/fuzz_inspect.c) runs it whole.
 *
 * Streams are what answers are matched against: one per run (a Linux ping
 * takes a new ident each time it starts). A target is every stream of one
 * tool from one source to one destination, merged: an engineer stepping
 * `ping -M do -s N` by hand makes one search out of many runs, and the
 * target's sizes are that search, answered by core/inspect_answer.c. */
#ifndef MTUPROBE_INSPECT_SCAN_H
#define MTUPROBE_INSPECT_SCAN_H

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>

#include "core/inspect_answer.h"
#include "io/pcapread.h"
#include "wire/wire.h"

#define NSIZES 65536u /* IP packet sizes and ICMP sequence numbers are 16 bits */

/* What a record is (the command's two renderers name these). */
enum what { W_PROBE, W_REPLY, W_TOO_BIG, W_UNREACH, W_TIME_EXCEEDED, W_OTHER, W_IGNORED };

struct size_stat {
	uint32_t size;
	unsigned probes, replies, too_big, errors; /* errors: unreach, time exceeded, other */
	uint32_t mtu;                              /* from the first too big at this size */
	struct ip_addr from;                       /* who sent that too big */
};

/* Direct-indexed, so a hostile file with every size and seq costs no search. */
struct tables {
	uint16_t seq_size[NSIZES]; /* size of the probe that carried each seq; 0: none seen */
	uint32_t slot[NSIZES];     /* 1 + index into sizes[] for each size; 0: none */
};

/* A stream's sizes summed up, once the second pass is over. */
struct summary {
	const struct size_stat *largest_reply; /* NULL: no echo reply */
	const struct size_stat *smallest_big;  /* NULL: no too big */
	unsigned probed;                       /* sizes probed */
	unsigned never;                        /* sizes never answered */
	int blackhole_hint;                    /* no too big, silence above the largest reply */
};

/* A stream (one run), or a target (its runs merged: sizes and counts
 * summed, the match fields those of its first run). */
struct stream {
	struct wire_match m;
	int target;              /* a stream: index of its target; -1: none */
	int runs;                /* a target: how many streams it merges */
	struct tables *t;        /* allocated in the second pass */
	struct size_stat *sizes; /* in order of first sight; by size once summed up */
	size_t nsizes, cap;
	unsigned count[W_IGNORED + 1];
	struct summary sum;
	struct inspect_answer ans;       /* a target: what its sizes say of the path MTU */
	const struct size_stat *ans_big; /* a target: the size whose too big ans names */
};

/* One record, as the renderers show it. */
struct inspect_row {
	uint64_t n;
	double t;        /* seconds since the first record */
	const char *dir; /* "out", "in", or NULL: neither from nor to us */
	uint32_t size;   /* the IP packet's size (the frame's if not IP) */
	long seq;        /* -1: none */
	int stream;      /* 1-based; 0: none */
	enum what what;
	int snapped;
	uint32_t mtu;
	int icmp_type, icmp_code; /* -1: not an ICMP answer */
	char from[INET6_ADDRSTRLEN];
	char why[96];
};

struct inspect;

/* A renderer: chosen once, fed finished rows and then the finished streams. */
struct inspect_out {
	void (*begin)(FILE *f, const struct inspect *s);
	void (*row)(FILE *f, const struct inspect *s, const struct inspect_row *w);
	void (*end)(FILE *f, const struct inspect *s);
	int answers_first; /* begin shows the answers: the records are read once
				      * more before the rows, to have them (unless quiet) */
};

struct inspect {
	const char *path;
	struct pcapread *r;
	const struct inspect_out *out;
	FILE *f; /* where out writes */
	int quiet;
	/* As many streams as the file holds, one per path per run (a ping
	 * stepped by hand is one run per size): the arrays grow, so no run is
	 * ever left out (issue 20: 989 runs, 64 followed, nothing said). Memory
	 * that runs out is an error said as such. */
	struct stream *streams;
	int nstreams, streams_cap;
	struct stream *targets; /* the streams merged per tool, source, target */
	int ntargets, targets_cap;
	int counting;          /* this pass adds to the streams' counts */
	int foreign;           /* the streams are other tools' (ping, tracepath) */
	struct stream *others; /* first pass: other tools' streams */
	int nothers, others_cap;
	uint64_t records, ignored, snapped, rows;
	int have_t0;
	int64_t sec0;
	long usec0;
	int failed; /* the second pass stopped on an error in err */
	char err[512];
};

/* First pass: learn the streams. Returns END, or ERROR with s->err set. */
enum pcapread_rc inspect_learn(struct inspect *s);
/* Second pass (after pcapread_rewind): classify and render every record,
 * then the summary; with out->answers_first, a silent pass first, then the
 * rows. Stops early with s->failed and s->err on an error. */
void inspect_replay(struct inspect *s);
/* Probed at this size, never answered at all. */
int inspect_never_answered(const struct size_stat *z);
void inspect_free(struct inspect *s);

#endif
