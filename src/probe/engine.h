/* SPDX-License-Identifier: BSD-2-Clause */
/* The probe engine: owns time, sequence numbers, pacing, timeouts and
 * retries; asks core/search which sizes to try; talks to the world only
 * through struct probe_io (probe_io.h), so the unit tests can drive it with
 * a scripted fake network and a fake clock. It never prints and never exits. */
#ifndef MTUPROBE_PROBE_ENGINE_H
#define MTUPROBE_PROBE_ENGINE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/search.h"
#include "probe/probe_io.h"

#define PROBE_MAX_PROBES 10000 /* hard cap on probe_config.max_probes */
/* The defaults of probe_config, which --help shows (cli/options.c): */
#define PROBE_DEF_RATE_PPS 200 /* well below any ICMP rate limit worth the name */
/* Probes that may leave back to back while the path loses nothing (engine.c's
 * burst_now() says why 50 is safe and which probes may): a token bucket of
 * this many at rate_pps, but never more than a quarter second of the rate
 * (PROBE_BURST_DIV), so that in no second does a run send more than 1.25
 * times --rate (rate + burst; one probe more below 4/s), and --rate 1 (the
 * UDP method's, whose proof is limited per destination) stays evenly
 * spaced. A burst of 1 is the even spacing from before issue 23. */
#define PROBE_DEF_BURST 50
#define PROBE_SAFE_BURST 50 /* within Linux's icmp_msgs_burst (burst_now()) */
#define PROBE_BURST_DIV 4   /* the default burst is at most rate / 4 */
#define PROBE_DEF_MAX_PROBES 300
#define PROBE_DEF_TIMEOUT_MS 1000
#define PROBE_WARN_MAX 8 /* distinct warnings kept (the rest are counted) */
#define PROBE_WARN_LEN \
	160               /* the English words of a warning, at most (--json's
                                  * warnings were cut there when they were text) */
#define PROBE_ERR_LEN 256 /* suggested size of the err buffer */

enum probe_stop {
	PROBE_STOP_DONE = 0,    /* answer found (see verified / at_max) */
	PROBE_STOP_UNREACHABLE, /* even the smallest size never passed */
	PROBE_STOP_MAX_PROBES,  /* probe budget spent: partial result */
	PROBE_STOP_INTERRUPTED, /* *stop was set: partial result */
	PROBE_STOP_ERROR,       /* io error or bad config: see err */
};

enum probe_outcome {
	PROBE_PENDING = 0,   /* in flight */
	PROBE_REPLY,         /* echo reply: size passed */
	PROBE_TOO_BIG,       /* PTB / frag-needed quoting this probe */
	PROBE_TIMEOUT,       /* no answer in time */
	PROBE_EMSGSIZE,      /* local stack refused it (never left the host) */
	PROBE_UNREACH,       /* destination unreachable (not "too big") */
	PROBE_TIME_EXCEEDED, /* TTL / hop limit exceeded */
	PROBE_OTHER,         /* other ICMP error quoting this probe */
};

enum probe_warn_kind {
	PROBE_WARN_PTB_ZERO,         /* next-hop MTU 0 (pre-RFC 1191 router) */
	PROBE_WARN_PTB_NOT_SMALLER,  /* reported MTU >= the probe it rejected */
	PROBE_WARN_PTB_BELOW_MIN,    /* reported MTU < 68 (IPv4) / 1280 (IPv6) */
	PROBE_WARN_LOCAL_MTU,        /* EMSGSIZE: first-hop MTU limits the probe */
	PROBE_WARN_CONFLICT,         /* a size passed after a smaller one failed */
	PROBE_WARN_ICMP,             /* unexpected ICMP error (time exceeded, ...) */
	PROBE_WARN_PTB_CONTRADICTED, /* a PTB and an echo reply for the same probe */
	PROBE_WARN_BAD_QUOTE,        /* an ICMP error quoting another size than we sent */
	PROBE_WARN_PTB_DISPUTED,     /* two PTBs for one probe that disagree */
	PROBE_WARN_HINTS_DROPPED,    /* reported MTUs beyond what one run keeps, not probed */
};

struct probe_record {
	unsigned size;              /* IP packet bytes */
	uint16_t seq;               /* sequence number carried by the probe (random per run) */
	enum probe_outcome outcome; /* a reply wins over a PTB for the same probe */
	bool late;                  /* answered after it had been counted as timed out */
	bool weak;                  /* TOO_BIG: the PTB's quote was too short for our cookie */
	bool contradicted;          /* REPLY: a PTB also came for this probe (it was wrong) */
	bool disputed;              /* TOO_BIG: another PTB for it disagreed (see mtu) */
	unsigned dups;              /* further answers to it, ignored */
	uint64_t sent_us;           /* send time, relative to the start of the run */
	uint32_t rtt_us;            /* answer time - send time; 0 if unanswered */
	uint32_t mtu;               /* TOO_BIG: reported MTU (raw); EMSGSIZE: local MTU */
	uint16_t mss;               /* REPLY by TCP SYN-ACK: its MSS option, 0 if none */
	struct ip_addr responder;   /* who answered; family 0 if nobody */
};

struct probe_progress {
	unsigned lower; /* largest size that passed, 0 if none */
	unsigned upper; /* largest size not known to fail */
	unsigned probes_sent;
	unsigned inflight;
	uint64_t elapsed_us;
};

struct probe_config {
	int family;              /* 4 or 6 */
	unsigned min_size;       /* smallest size (IP bytes); 0 = 68 (v4) / 1280 (v6) */
	unsigned max_size;       /* largest size (IP bytes); 0 = 1500 */
	bool max_bound;          /* max_size is a limit the caller chose (--max), not
	                             * the most the first hop can send: its passing
	                             * shows "at least max_size", never a verified PMTU */
	unsigned rate_pps;       /* probes per second in the long run; 0 = 200 */
	unsigned burst;          /* of them back to back while nothing at a size that
	                             * passed went unanswered and the answers do not look
	                             * rate limited (a token bucket of burst at rate_pps);
	                             * evenly spaced otherwise; 0 = probe_burst_default()
	                             * of rate_pps, 1 = always evenly spaced */
	unsigned max_probes;     /* total probe budget; 0 = 300 */
	unsigned max_inflight;   /* probes awaiting an answer at once; 0 = 32 */
	unsigned timeout_ms;     /* per-probe timeout cap (and before any RTT); 0 = 1000 */
	unsigned min_timeout_ms; /* adaptive timeout floor; 0 = 50 */
	unsigned min_silences;   /* unanswered probes before a size can fail, at least
	                             * (--retries); 0 = the search's default, 2; more
	                             * are used on lossy paths */
	/* Called after every send and every answer; may be NULL. */
	void (*progress)(void *arg, const struct probe_progress *p);
	void *progress_arg;
};

/* A warning of the run, by kind, with the numbers of its first occurrence
 * (render/probe_words.c words it):
 *   PTB_ZERO          who reported next-hop MTU 0
 *   PTB_NOT_SMALLER   who reported mtu n[0] for a probe of n[1]
 *   PTB_BELOW_MIN     who reported mtu n[0], below IPv n[1]'s minimum n[2]
 *   LOCAL_MTU         the first hop's MTU n[0] refused an n[1]-byte probe
 *   CONFLICT          n[0] bytes passed (reply from who) after a smaller size failed
 *   ICMP              who sent an ICMP error (n[1]: enum probe_outcome) for an n[0]-byte probe
 *   PTB_CONTRADICTED  who's PTB said n[0] bytes was too big, and its reply came back
 *   BAD_QUOTE         who's ICMP error quotes n[0] bytes for our n[1]-byte probe
 *   PTB_DISPUTED      PTBs for one n[0]-byte probe disagree: who mtu n[1], other mtu n[2]
 *   HINTS_DROPPED     n[0] reported MTUs not probed exactly (a run keeps n[1] sizes) */
struct probe_warning {
	enum probe_warn_kind kind;
	struct ip_addr from;       /* who caused it (the key repeats are counted by); family 0
	                             * if nobody */
	unsigned count;            /* how many times it happened */
	struct ip_addr who, other; /* the addresses it names; family 0 if none */
	unsigned n[3];             /* its numbers (above) */
};

/* Why the run believes its answer, or why it has none: a code, and the
 * search's reason with its numbers; render/probe_words.c says it (the
 * text report in the user's language, --json's "confidence" in English).
 * The run's stop (interrupted, budget spent, error) is said in front of a
 * PROBE_WHY_SEARCH reason. */
enum probe_why {
	PROBE_WHY_NONE = 0, /* nothing to say (the run never got to a verdict) */
	PROBE_WHY_SEARCH,   /* the search's reason (search) */
	PROBE_WHY_BOUNDED,  /* --max passed: a bound, not verified; then the search's */
	PROBE_WHY_UNREACH,  /* could not measure: destination unreachable (from) */
};

struct probe_confidence {
	enum probe_why why;
	struct search_reason search; /* SEARCH, BOUNDED */
	struct ip_addr from;         /* UNREACH: the first sender; family 0 if unknown */
};

struct probe_run {
	enum probe_stop stop;
	unsigned pmtu;                      /* 0 if not measured (see lower / upper) */
	bool verified;                      /* PMTU re-passed and PMTU + 1 re-failed, every PTB
	                             * behind it past its reply window; after a PTB
	                             * was contradicted, only clean re-passes count */
	bool at_max;                        /* max_size passed: the PMTU is at least pmtu */
	bool bounded;                       /* at_max with max_bound: at least pmtu, not verified */
	bool fail_by_ptb;                   /* PMTU + 1 failed by PTB/EMSGSIZE, not silence */
	double p_wrong;                     /* estimated P(answer wrong) from loss; 1 if none */
	struct probe_confidence confidence; /* why we believe it */
	unsigned lower;                     /* largest size that passed, 0 if none */
	unsigned upper;                     /* largest size not known to fail */
	unsigned min_size, max_size;        /* the range searched (defaults applied) */
	unsigned local_mtu;                 /* first-hop MTU from EMSGSIZE, 0 if none */
	struct ip_addr bottleneck;          /* sender of a PTB at pmtu + 1; family 0 if none */
	double loss;                        /* round-trip loss seen on passing sizes */
	bool rate_limited;                  /* the silences look like the target's ICMP rate limit
	                             * (core/search_rate.c); the run was slowed to it */
	double reply_rate;                  /* replies per second seen, 0 with fewer than 2 */
	uint32_t srtt_us;                   /* smoothed echo RTT, 0 if none */
	unsigned synack_mss;                /* TCP method: the MSS option of the first SYN-ACK
	                             * that had one (what a clamp on the path left), 0 if none */
	unsigned probes_sent;               /* including EMSGSIZE refusals */
	uint64_t elapsed_us;
	unsigned long ignored;       /* packets not ours (io) + answers to unknown seqs
	                             * + errors quoting another size (bad_quotes) */
	unsigned duplicates;         /* repeated answers to one probe */
	unsigned ptb_contradicted;   /* PTBs for probes that an echo reply answered: a forged
	                             * PTB or an unstable path; such a run is verified only
	                             * if the PMTU re-passed with no PTB */
	unsigned ptb_disputed;       /* probes that drew two PTBs with different senders or
	                             * MTUs: one is forged; PTBs then decide nothing alone */
	unsigned ptb_weak;           /* PTBs quoting too little to carry our cookie: used as
	                             * hints, never alone as proof */
	unsigned bad_quotes;         /* ICMP errors whose quoted IP length is not the size
	                             * of the probe with that seq: not ours, ignored */
	struct probe_record *probes; /* every probe, in send order */
	size_t nprobes;
	struct probe_warning warnings[PROBE_WARN_MAX];
	unsigned nwarnings;
	unsigned warnings_dropped; /* distinct warnings beyond PROBE_WARN_MAX */
};

/* The burst a run at this rate gets by default: rate / PROBE_BURST_DIV, from
 * 1 to PROBE_DEF_BURST. */
unsigned probe_burst_default(unsigned rate_pps);
/* Fill in the defaults documented in struct probe_config. */
void probe_config_default(struct probe_config *cfg, int family);

/* Measure. Returns 0 when out holds a result (any stop reason but ERROR):
 * out->probes is allocated, release it with probe_run_free(). Otherwise -1
 * with a message in err; out keeps the counts (probes_sent, stop) but no
 * records and nothing to free (probe_run_free() is harmless on it).
 * stop may be NULL; when *stop becomes non-zero the run ends early. */
int probe_engine_run(const struct probe_config *cfg, const struct probe_io *io,
		     volatile sig_atomic_t *stop, struct probe_run *out, char *err, size_t errlen);
void probe_run_free(struct probe_run *run);

/* probe_engine_run() in steps, for a caller that measures many paths at
 * once under one clock (sched.c): start, then step, send when step's
 * send_at has come, deliver each answer, and finish once step says the run
 * is over. Nothing but finish frees; the clock is always io->now_us's. */
struct probe_engine;

/* As probe_engine_run's start (io->recv is not used: the caller waits).
 * 0 with *e set, or -1 with a message in err and nothing to free. err is
 * the run's own: later errors are written there too. */
int probe_engine_start(const struct probe_config *cfg, const struct probe_io *io,
		       volatile sig_atomic_t *stop, struct probe_run *out, struct probe_engine **e,
		       char *err, size_t errlen);
/* What the run wants at now (after the windows that are past are closed):
 * 1 when it is over; else 0 with *send_at, the earliest time of its next
 * probe (UINT64_MAX: none now), and *wake_at, when something changes
 * without an answer (UINT64_MAX: never). Until the next send, deliver or
 * wake_at, the answer stays the same. */
int probe_engine_step(struct probe_engine *e, uint64_t now, uint64_t *send_at, uint64_t *wake_at);
/* Send the probe step chose, now (not before its send_at: then nothing is
 * sent). 0, or -1 when the io failed: the run is over (STOP_ERROR). */
int probe_engine_send(struct probe_engine *e, uint64_t now);
/* One answer that the run's io matched to it. */
void probe_engine_deliver(struct probe_engine *e, const struct probe_event *ev);
/* The gap the run keeps between its sends now: 1 / rate, or longer where
 * the target's answers look rate limited. */
uint64_t probe_engine_interval(const struct probe_engine *e);
/* How many of those gaps the run may send back to back now: its burst
 * while the path loses nothing, else 1 (evenly spaced). */
unsigned probe_engine_burst(const struct probe_engine *e);
/* End the run as if step had said why (a wait that failed, a signal);
 * msg (may be NULL) becomes its error. */
void probe_engine_abort(struct probe_engine *e, enum probe_stop why, const char *msg);
/* out filled as probe_engine_run fills it, e freed; the same return. */
int probe_engine_finish(struct probe_engine *e);

const char *probe_stop_str(enum probe_stop s);
const char *probe_outcome_str(enum probe_outcome o);

#endif
