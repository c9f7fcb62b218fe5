/* SPDX-License-Identifier: BSD-2-Clause */
/* The analysis behind `mtuprobe inspect`: two passes over a capture's
 * records (learn the probe streams, then classify every record), streamed
 * one row at a time to a sink the command chose (render/inspect_out.c's
 * text or JSON). The records come through struct inspect_source (cli reads
 * them with io/pcapread.c; a unit test hands them from an array), so this
 * floor reads no file and prints nothing: rows and the summary are codes
 * and numbers, worded in render. Packet recognition is wire's
 * (wire_parse_probe, wire_parse_foreign, wire_parse_ip, wire_ip_header),
 * the same parser probe uses; what is here is bookkeeping: streams, sizes,
 * the summary.
 *
 * A capture that holds mtuprobe's probes is read for those alone (a ping
 * beside a run is noise there, ignored as it always was). One that holds
 * none is read for other tools' DF probes: pings with DF set and
 * tracepath's UDP probes. Their answers are matched without a cookie
 * (wire_foreign.c), against the sizes sent per seq, so those are learned
 * in the first pass. The fuzz harness (tests/fuzz/fuzz_inspect.c) runs it
 * whole.
 *
 * Streams are what answers are matched against: one per run (a Linux ping
 * takes a new ident each time it starts). A target is every stream of one
 * tool from one source to one destination, merged: an engineer stepping
 * `ping -M do -s N` by hand makes one search out of many runs, and the
 * target's sizes are that search, answered by core/inspect_answer.c. */
#ifndef MTUPROBE_INSPECT_SCAN_H
#define MTUPROBE_INSPECT_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "base/ip.h"
#include "core/inspect_answer.h"
#include "wire/wire.h"

#define NSIZES 65536u /* IP packet sizes and ICMP sequence numbers are 16 bits */

/* What a record is (render/inspect_out.c's two renderers name these). */
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

/* Which way a record went: from one of our streams' sources, or to one. */
enum inspect_dir { INSPECT_DIR_NONE, INSPECT_DIR_OUT, INSPECT_DIR_IN };

/* Why a record is ignored (worded in render/inspect_out.c). */
enum inspect_why {
	INSPECT_WHY_NONE,
	INSPECT_WHY_PARSER,   /* why_text: the packet parser's (wire) or the source's reason */
	INSPECT_WHY_SNAPPED,  /* cut short by the snap length: captured of size bytes */
	INSPECT_WHY_NO_PROBE, /* no stream it answers, no other reason given */
	INSPECT_WHY_NOMEM,    /* a probe of stream why_stream: out of memory */
};

/* One record, as the renderers show it. */
struct inspect_row {
	uint64_t n;
	double t;             /* seconds since the first record */
	enum inspect_dir dir; /* NONE: neither from nor to us */
	uint32_t size;        /* the IP packet's size (the frame's if not IP) */
	long seq;             /* -1: none */
	int stream;           /* 1-based; 0: none */
	enum what what;
	int snapped;
	uint32_t mtu;
	int icmp_type, icmp_code; /* -1: not an ICMP answer */
	struct ip_addr from;      /* who sent an answer */
	enum inspect_why why;     /* W_IGNORED: why */
	const char *why_text;     /* INSPECT_WHY_PARSER; valid while the row is */
	size_t captured;          /* INSPECT_WHY_SNAPPED: bytes of the packet captured */
	int why_stream;           /* INSPECT_WHY_NOMEM: the stream it would have begun */
};

/* One record of the capture, as the source hands it over. */
struct inspect_rec {
	uint64_t n;  /* record number, 1-based */
	int64_t sec; /* timestamp as recorded (seconds, microseconds) */
	long usec;
	uint32_t wire_len;    /* the frame's length on the wire */
	const uint8_t *ip;    /* the IP packet (up to the captured bytes), or NULL */
	size_t ip_len;        /* bytes at ip */
	uint32_t ip_wire_len; /* the IP packet's real size */
	const char *why;      /* when ip is NULL: why there is no IP packet */
};

/* What a source's next returns. */
enum inspect_next { INSPECT_REC_ERROR = -1, INSPECT_REC_END = 0, INSPECT_REC = 1 };

/* Where the records come from: next fills *r (valid until the next call),
 * rewind starts again from the first; on an error both write the source's
 * own words into err. */
struct inspect_source {
	enum inspect_next (*next)(void *ctx, struct inspect_rec *r, char *err, size_t errlen);
	int (*rewind)(void *ctx, char *err, size_t errlen); /* 0, or -1 */
	void *ctx;
};

struct inspect;

/* A sink: chosen once, fed finished rows and then the finished streams,
 * each call with its own context. */
struct inspect_sink {
	void (*begin)(void *ctx, const struct inspect *s);
	void (*row)(void *ctx, const struct inspect *s, const struct inspect_row *w);
	void (*end)(void *ctx, const struct inspect *s);
	void *ctx;
	int answers_first; /* begin shows the answers: the records are read once
			    * more before the rows, to have them */
};

/* Why the analysis stopped early (worded in render/inspect_out.c). */
enum inspect_fail {
	INSPECT_OK,
	INSPECT_FAIL_SOURCE,        /* err: the source's own words */
	INSPECT_FAIL_NOMEM,         /* out of memory */
	INSPECT_FAIL_NOMEM_STREAMS, /* out of memory after fail_n probe streams */
};

struct inspect {
	struct inspect_source in;
	struct inspect_sink out;
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
	enum inspect_fail fail; /* the second pass stopped on this */
	int fail_n;             /* INSPECT_FAIL_NOMEM_STREAMS: how many streams */
	char err[512];          /* the source's words (INSPECT_FAIL_SOURCE, or learn's error) */
};

/* First pass: learn the streams. Returns INSPECT_REC_END, or
 * INSPECT_REC_ERROR: s->fail set (out of memory), or else the source's
 * error in s->err (the second pass meets it again, if there are probes). */
enum inspect_next inspect_learn(struct inspect *s);
/* Second pass (after in.rewind): classify and render every record, then
 * the summary; with out.answers_first, a silent pass first, then the rows.
 * Stops early with s->fail (and s->err) on an error. */
void inspect_replay(struct inspect *s);
/* Probed at this size, never answered at all. */
int inspect_never_answered(const struct size_stat *z);
void inspect_free(struct inspect *s);

#endif
