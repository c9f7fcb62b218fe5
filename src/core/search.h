/* SPDX-License-Identifier: BSD-2-Clause */
/* search: the PMTU search policy as a pure function of the evidence.
 *
 * No clock, no I/O, no globals: the engine (src/probe/engine.c) tells it what
 * was sent and what came back; search_next() says which sizes to send now.
 * Sizes are whole IP packets in bytes (what an MTU limits).
 *
 * The model (see search.c for the reasoning and the RFCs):
 *   - a reply at size s proves every size <= s passes (lower bound);
 *   - a matched PTB, a local EMSGSIZE, or enough silence proves s fails,
 *     and with it every larger size (upper bound);
 *   - silence is only "too big" once losing all those probes to plain loss
 *     would be improbable (< target_error) given the loss measured on sizes
 *     known to pass.
 * Evidence has weights (search_evidence.c says why):
 *   - a reply outranks a PTB for the same probe: the size passed, and the
 *     PTB is counted as contradicted;
 *   - a PTB only proves anything once its probe's reply window has closed
 *     (the engine says so with SEARCH_TOO_BIG after SEARCH_PTB_HEARD);
 *   - a weak PTB (its quote too short to carry our cookie) guides the plan
 *     but needs a second, independent failure of the same size.
 * The code is split along that line: search_evidence.c keeps the counts,
 * search.c derives the interval and the verdict from them, search_plan.c
 * the plan. */
#ifndef MTUPROBE_SEARCH_H
#define MTUPROBE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --retries' default: one silence is never enough to call a size too big. */
#define SEARCH_DEF_MIN_SILENCES 2
#define SEARCH_MAX_SIZES 512 /* distinct probe sizes remembered per run */

/* What a probe was before the news (search_record's `was`): the state the
 * previous outcome left it in (search_after()). */
enum search_was {
	SEARCH_WAS_UNSENT = 0, /* never in flight (EMSGSIZE at send time) */
	SEARCH_WAS_PENDING,    /* in flight, within its expected answer time */
	SEARCH_WAS_OVERDUE,    /* in flight, past the RTT but not timed out */
	SEARCH_WAS_SILENT,     /* recorded as SEARCH_TIMEOUT: this is a late answer */
	SEARCH_WAS_PTB_OPEN,   /* strong PTB heard, its reply window still open */
	SEARCH_WAS_WEAK_OPEN,  /* weak PTB heard, its reply window still open */
	SEARCH_WAS_PTB,        /* strong PTB, window closed without a reply */
	SEARCH_WAS_WEAK,       /* weak PTB, window closed without a reply */
	SEARCH_WAS_REPLY,      /* answered by an echo reply: final */
};

/* What became of it. */
enum search_outcome {
	SEARCH_REPLY = 1,    /* echo reply: the size passed (outranks any PTB) */
	SEARCH_TOO_BIG,      /* strong PTB, settled: the size failed; mtu = reported, raw */
	SEARCH_OVERDUE,      /* no answer within the RTT yet: planning only, no proof */
	SEARCH_TIMEOUT,      /* no answer in time: lost, or too big and unreported */
	SEARCH_EMSGSIZE,     /* local send refused; mtu = first-hop MTU */
	SEARCH_PTB_HEARD,    /* strong PTB (quote held our cookie), reply window open */
	SEARCH_WEAK_HEARD,   /* weak PTB (quote too short for the cookie), window open */
	SEARCH_TOO_BIG_WEAK, /* weak PTB, settled: the probe also counts as a silence */
};

/* How far a reported next-hop MTU can be believed (search_ptb_trust()). */
enum search_ptb {
	SEARCH_PTB_TRUSTED = 0, /* plausible: use it as a hint, then confirm it */
	SEARCH_PTB_ZERO,        /* 0: pre-RFC 1191 router (RFC 1191 section 5) */
	SEARCH_PTB_NOT_SMALLER, /* >= the probe it calls too big: self-contradictory */
	SEARCH_PTB_BELOW_MIN,   /* < 68 (IPv4, RFC 791) or < 1280 (IPv6, RFC 8200 sec. 5) */
};

struct search_params {
	int family;             /* 4 or 6 */
	unsigned min;           /* smallest size to consider */
	unsigned max;           /* largest size to consider */
	double target_error;    /* accepted P(size called failed | it passes) */
	unsigned n_min;         /* never call a size failed on fewer silences */
	unsigned n_max;         /* silences that always suffice (bounds the cost) */
	unsigned fanout;        /* sizes per round when splitting an interval */
	unsigned verify_passes; /* replies needed at the PMTU */
	unsigned verify_fails;  /* failures (PTB or silence) needed at PMTU + 1 */
	unsigned loss_samples;  /* resolved probes at passing sizes wanted when
				  * silence decides (loss estimate) */
	double hint_odds;       /* prior odds that a trusted PTB's MTU passes */
};

/* Evidence about one size. Counts are probes, not packets received. */
struct search_size {
	uint32_t size;
	uint16_t pending;   /* sent, not yet answered nor timed out */
	uint16_t overdue;   /* ... of which past their expected answer time */
	uint16_t replies;   /* echo replies (each probe counted once) */
	uint16_t ptbs;      /* probes with a strong PTB (window open or closed) */
	uint16_t ptbs_open; /* ... whose reply window is still open */
	uint16_t weak;      /* probes with only a weak PTB (window open or closed) */
	uint16_t weak_open; /* ... still open (closed ones are also silences) */
	uint16_t silences;  /* timed out with no answer (so far) */
	uint16_t emsgsize;  /* refused by the local stack */
	uint16_t contra;    /* replies that contradicted a PTB for the same probe */
	uint8_t hinted;     /* a trusted PTB reported exactly this MTU */
	uint8_t tried;      /* at least one probe was ever sent */
};

struct search {
	struct search_params p;
	struct search_size sz[SEARCH_MAX_SIZES]; /* sorted by size */
	unsigned nsz;
	unsigned local_mtu;    /* smallest first-hop MTU from EMSGSIZE, 0 if none */
	unsigned conflicts;    /* replies at or above a size that had a PTB */
	unsigned contradicted; /* PTBs whose own probe was answered by a reply */
	unsigned disputed;     /* probes that drew two PTBs that disagree */
	uint64_t reply_first_us, reply_last_us; /* arrival of the first and last reply */
	uint32_t replies_seen;  /* replies whose arrival was reported (search_reply_at) */
	unsigned hints_dropped; /* reported MTUs not kept as hints: the table keeps
				  * room for the sizes the search itself probes */
};

/* Why the search believes its answer: a code and the numbers behind it,
 * worded by render/probe_words.c (core says no sentences). */
enum search_why {
	SEARCH_WHY_NONE = 0,    /* converged with no entry above it: nothing to say */
	SEARCH_WHY_TOO_BIG_MIN, /* could not measure: even min failed on ICMP */
	SEARCH_WHY_SILENT_MIN,  /* could not measure: no reply even at min */
	SEARCH_WHY_NONE_PASSED, /* no size passed yet; the path MTU <= upper */
	SEARCH_WHY_BETWEEN,     /* not converged: between lower and upper */
	SEARCH_WHY_AT_MAX,      /* lo, the largest size tried, passed: at least lo */
	SEARCH_WHY_LOCAL,       /* lo passed; hi exceeds the first-hop MTU */
	SEARCH_WHY_ICMP,        /* lo passed; hi failed on PTBs (or EMSGSIZE) and silences */
	SEARCH_WHY_SILENCE,     /* lo passed; hi failed on silence at a measured loss */
};

struct search_reason {
	enum search_why why;
	bool not_verified;     /* converged but not verified: said first */
	unsigned lo, hi;       /* the sizes the code names (TOO_BIG_MIN, SILENT_MIN: lo = min) */
	unsigned passes;       /* replies at lo */
	unsigned fails;        /* ICMP: PTB'd (or refused) probes at hi; SILENCE: silent ones */
	unsigned silent;       /* ICMP: further silences at hi */
	bool weak;             /* ICMP: only weak PTBs (quotes too short for our cookie) */
	double loss, p_wrong;  /* SILENCE: the loss behind the verdict and P(wrong) */
	unsigned contradicted; /* PTBs contradicted by replies (said last) */
	unsigned disputed;     /* probes that drew disagreeing PTBs (said last) */
};

struct search_result {
	unsigned pmtu;               /* 0 unless the bounds met (lower == upper) */
	unsigned lower;              /* largest size that passed, 0 if none */
	unsigned upper;              /* largest size not known to fail (PMTU <= upper) */
	bool done;                   /* nothing more to learn: verified, or unreachable */
	bool converged;              /* lower == upper */
	bool verified;               /* converged and re-checked at PMTU and PMTU + 1 */
	bool at_max;                 /* the largest allowed size passes */
	bool unreachable;            /* even min fails: could not measure */
	bool fail_by_ptb;            /* PMTU + 1 failed by PTB/EMSGSIZE, not only silence */
	double p_wrong;              /* P(PMTU + 1 actually passes) from the loss model */
	double loss;                 /* observed round-trip loss on passing sizes */
	unsigned samples;            /* probes behind that estimate */
	unsigned n_needed;           /* silences that currently make a size fail */
	unsigned conflicts;          /* see struct search */
	unsigned ptb_contradicted;   /* see struct search (contradicted) */
	unsigned ptb_disputed;       /* see struct search (disputed) */
	bool rate_limited;           /* silences look like the target's ICMP rate limit
				  * (search_rate.c), not loss on the path */
	double reply_rate;           /* replies per second seen over the run, 0 if < 2 */
	struct search_reason reason; /* why we believe it */
};

/* Defaults: min/max 0 mean 68 or 1280 .. 1500. */
/* P(the next k probes are all lost) under a Beta(1,1) prior updated with
 * `lost` losses in `samples` probes (the posterior predictive): how the
 * search, and probe --locate, weigh a silence. */
double search_p_all_lost(unsigned lost, unsigned samples, unsigned k);

void search_params_default(struct search_params *p, int family, unsigned min, unsigned max);
/* Returns 0, or -1 if the params are inconsistent. */
int search_init(struct search *s, const struct search_params *p);
/* Can the MTU reported in a PTB for a probe of probe_size be believed? */
enum search_ptb search_ptb_trust(int family, unsigned probe_size, uint32_t mtu);
/* A probe of this size is now in flight. Returns -1 if the table is full. */
int search_sent(struct search *s, unsigned size);
/* News about one probe of this size: it was `was`, it is now `o`.
 * Returns -1 if the size table is full or the transition makes no sense.
 * A PTB (any kind) for a probe already SEARCH_WAS_REPLY only counts a
 * contradiction: the reply stands. */
int search_record(struct search *s, unsigned size, enum search_was was, enum search_outcome o,
		  uint32_t mtu);
/* Two PTBs for one probe disagree (another sender or another MTU): only one
 * router can have dropped it, so the other PTB is forged. From then on, as
 * after a contradicted PTB, PTBs count only as unanswered probes. */
void search_dispute(struct search *s);
/* The state a probe is in after search_record(s, size, was, o, ...): what the
 * caller passes as `was` with the next news about that probe. */
enum search_was search_after(enum search_was was, enum search_outcome o);
/* Up to max sizes to send now, most useful first; repeated sizes mean
 * several copies. 0 = wait for what is in flight. Call again after each send:
 * the plan counts what is pending, so it never asks twice for the same thing. */
size_t search_next(const struct search *s, unsigned *sizes, size_t max);
/* The same plan without its hedges: the probes that only matter if an
 * answer already under way goes against the evidence (below or above a
 * trusted PTB's claim while its own probes are out; plateaus below the
 * largest size that passed beyond the loss samples silence needs). What an
 * engine may send back to back (src/probe/engine.c's burst_now()); the
 * hedges it sends evenly paced, as search_next() gives them. */
size_t search_next_urgent(const struct search *s, unsigned *sizes, size_t max);
/* A reply arrived at at_us (any clock, the same for the whole run). */
void search_reply_at(struct search *s, uint64_t at_us);
/* Replies per second between the first and the last, 0 with fewer than 2. */
double search_reply_rate(const struct search *s);
/* The silences look like the target's ICMP rate limit (search_rate.c); rate
 * is set to search_reply_rate() either way. */
bool search_rate_limited(const struct search *s, double *rate);
/* No probe at a size known to pass has gone unanswered: nothing on the
 * path, and no limiter, has dropped one of ours (the engine sends back to
 * back only then, engine.c's pace()). */
bool search_lossless(const struct search *s);
bool search_done(const struct search *s);
void search_result(const struct search *s, struct search_result *r);

#endif
