/* SPDX-License-Identifier: BSD-2-Clause */
/* Engine tests: the real engine and search against a scripted fake network
 * (fakenet.c) with a fake clock. Table-driven: each row is a network, what
 * the answer must be, and the fake-time and probe budgets it must meet.
 * Every run also checks the invariants: pacing, probe budget, seq numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fakenet.h"
#include "probe/engine.h"
#include "probe/sched.h"

#define LAB_RTT 100 /* us: the namespace lab's round trip */
#define NO_WARNING (-1)

struct scenario {
	const char *name;
	struct fake_params net;
	int family;          /* 0 = 4 */
	unsigned min, max;   /* 0 = engine default */
	bool max_bound;      /* max is --max, a bound (probe_config.max_bound) */
	unsigned max_probes; /* 0 = engine default */
	unsigned rate;       /* probes per second; 0 = engine default (200) */
	unsigned burst;      /* of them back to back; 0 = engine default */
	unsigned want_pmtu;  /* 0 = could not measure */
	enum probe_stop want_stop;
	bool want_verified;
	bool want_at_max;
	double max_s;       /* fake seconds per run that must not be exceeded */
	double min_s;       /* ... that must pass (timeout floor at work) */
	unsigned max_used;  /* probes per run that must not be exceeded; 0 = budget */
	unsigned seeds;     /* runs, seeds 1..seeds; 0 = 1 */
	unsigned min_exact; /* runs that must give want_pmtu; 0 = all */
	int want_warning;   /* enum probe_warn_kind or NO_WARNING */
};

/* rtt_us 0 means LAB_RTT (see run_once) */
#define NET(...) \
	{ \
		.family = 4, __VA_ARGS__ \
	}
#define NET6(...) \
	{ \
		.family = 6, __VA_ARGS__ \
	}

/* clang-format off */
static const struct scenario scenarios[] = {
	/* the product issue's targets: clean < 0.5 s, blackhole < 3 s, 20% loss
	 * each way exact in >= 19 of 20 runs */
	{ "clean 1454", NET(.path_mtu = 1454), .want_pmtu = 1454, .want_verified = true,
	  .max_s = 0.5, .max_used = 6, .seeds = 20, .want_warning = NO_WARNING },
	{ "blackhole 1454", NET(.path_mtu = 1454, .ptb = FAKE_PTB_BLACKHOLE),
	  .want_pmtu = 1454, .want_verified = true, .max_s = 3.0, .max_used = 60,
	  .seeds = 20, .want_warning = NO_WARNING },
	/* unpaced, time is all timeouts: at least one at the 50 ms floor */
	{ "blackhole 1454 at 10000/s", NET(.path_mtu = 1454, .ptb = FAKE_PTB_BLACKHOLE),
	  .rate = 10000, .want_pmtu = 1454, .want_verified = true, .max_s = 3.0,
	  .min_s = 0.05, .want_warning = NO_WARNING },
	{ "loss 20% each way (lab)", NET(.path_mtu = 1454, .loss = 0.2),
	  .want_pmtu = 1454, .want_verified = true, .max_s = 3.0, .seeds = 20,
	  .min_exact = 19, .want_warning = NO_WARNING },
	/* the same with more seeds: a tighter check of the error rate */
	{ "loss 20% each way, 200 seeds", NET(.path_mtu = 1454, .loss = 0.2),
	  .want_pmtu = 1454, .want_verified = true, .max_s = 3.0, .max_used = 120,
	  .seeds = 200, .min_exact = 198, .want_warning = NO_WARNING },
	{ "loss 20% + blackhole, 200 seeds", NET(.path_mtu = 1454, .loss = 0.2,
	  .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1454, .want_verified = true,
	  .max_s = 6.0, .max_used = 200, .seeds = 200, .min_exact = 198,
	  .want_warning = NO_WARNING },
	{ "PTB says 1454, silent 1400 behind", NET(.path_mtu = 1454, .silent_mtu = 1400),
	  .want_pmtu = 1400, .want_verified = true, .max_s = 3.0, .seeds = 5,
	  .want_warning = NO_WARNING },
	{ "loss 20% each way + PTB loss", NET(.path_mtu = 1454, .loss = 0.2,
	  .ptb_loss = 0.36), .want_pmtu = 1454, .want_verified = true, .max_s = 3.0,
	  .seeds = 20, .min_exact = 19, .want_warning = NO_WARNING },
	{ "loss 20% + blackhole", NET(.path_mtu = 1454, .loss = 0.2,
	  .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1454, .want_verified = true,
	  .max_s = 6.0, .seeds = 20, .min_exact = 19, .want_warning = NO_WARNING },
	{ "PTB rate limit 1/s", NET(.path_mtu = 1454, .ptb = FAKE_PTB_RATELIMIT),
	  .want_pmtu = 1454, .want_verified = true, .max_s = 1.0, .seeds = 20,
	  .want_warning = NO_WARNING },
	{ "PTB mtu 0", NET(.path_mtu = 1454, .ptb = FAKE_PTB_ZERO), .want_pmtu = 1454,
	  .want_verified = true, .max_s = 0.5, .seeds = 5,
	  .want_warning = PROBE_WARN_PTB_ZERO },
	{ "PTB mtu >= probe", NET(.path_mtu = 1454, .ptb = FAKE_PTB_BIG),
	  .want_pmtu = 1454, .want_verified = true, .max_s = 0.5, .seeds = 5,
	  .want_warning = PROBE_WARN_PTB_NOT_SMALLER },
	{ "PTB mtu < 68", NET(.path_mtu = 1454, .ptb = FAKE_PTB_TINY), .want_pmtu = 1454,
	  .want_verified = true, .max_s = 0.5, .seeds = 5,
	  .want_warning = PROBE_WARN_PTB_BELOW_MIN },
	{ "reorder + duplicates", NET(.path_mtu = 1454, .rtt_us = 1000,
	  .jitter_us = 20000, .dup = 0.3), .want_pmtu = 1454, .want_verified = true,
	  .max_s = 1.0, .seeds = 20, .want_warning = NO_WARNING },
	{ "reorder + dups, blackhole", NET(.path_mtu = 1454, .rtt_us = 1000,
	  .jitter_us = 20000, .dup = 0.3, .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1454,
	  .want_verified = true, .max_s = 3.0, .seeds = 20, .want_warning = NO_WARNING },
	{ "EMSGSIZE first hop 1400", NET(.path_mtu = 1500, .local_mtu = 1400),
	  .want_pmtu = 1400, .want_verified = true, .max_s = 0.5, .max_used = 12,
	  .want_warning = PROBE_WARN_LOCAL_MTU },
	{ "EMSGSIZE 1492, bottleneck 1454", NET(.path_mtu = 1454, .local_mtu = 1492),
	  .want_pmtu = 1454, .want_verified = true, .max_s = 0.5,
	  .want_warning = PROBE_WARN_LOCAL_MTU },
	{ "unreachable (silence)", NET(.path_mtu = 1500, .dead = true), .want_pmtu = 0,
	  .want_stop = PROBE_STOP_UNREACHABLE, .max_s = 4.0, .max_used = 40,
	  .want_warning = NO_WARNING },
	{ "unreachable (ICMP)", NET(.path_mtu = 1454, .unreach = true), .want_pmtu = 0,
	  .want_stop = PROBE_STOP_UNREACHABLE, .max_s = 0.5, .want_warning = PROBE_WARN_ICMP },
	{ "max == pmtu", NET(.path_mtu = 1500), .want_pmtu = 1500, .want_verified = true,
	  .want_at_max = true, .max_s = 0.5, .max_used = 4, .want_warning = NO_WARNING },
	{ "path above max", NET(.path_mtu = 9000), .max = 1500, .want_pmtu = 1500,
	  .want_verified = true, .want_at_max = true, .max_s = 0.5,
	  .want_warning = NO_WARNING },
	/* --max below the path: passing it is "at least", not verified (issue 20) */
	{ "--max 1400 on a 1454 path", NET(.path_mtu = 1454), .max = 1400, .max_bound = true,
	  .want_pmtu = 1400, .want_verified = false, .want_at_max = true, .max_s = 0.5,
	  .max_used = 4, .want_warning = NO_WARNING },
	{ "IPv6 1280 (min 1280)", NET6(.path_mtu = 1280), .family = 6,
	  .want_pmtu = 1280, .want_verified = true, .max_s = 0.5,
	  .want_warning = NO_WARNING },
	{ "IPv6 1280 blackhole", NET6(.path_mtu = 1280, .ptb = FAKE_PTB_BLACKHOLE),
	  .family = 6, .want_pmtu = 1280, .want_verified = true, .max_s = 3.0,
	  .seeds = 5, .want_warning = NO_WARNING },
	{ "IPv6 1454 PTB mtu < 1280", NET6(.path_mtu = 1454, .ptb = FAKE_PTB_TINY),
	  .family = 6, .want_pmtu = 1454, .want_verified = true, .max_s = 0.5,
	  .want_warning = PROBE_WARN_PTB_BELOW_MIN },
	{ "link 1492", NET(.path_mtu = 1492), .want_pmtu = 1492, .want_verified = true,
	  .max_s = 0.5, .want_warning = NO_WARNING },
	{ "link 1400", NET(.path_mtu = 1400), .want_pmtu = 1400, .want_verified = true,
	  .max_s = 0.5, .want_warning = NO_WARNING },
	{ "link 1280", NET(.path_mtu = 1280), .want_pmtu = 1280, .want_verified = true,
	  .max_s = 0.5, .want_warning = NO_WARNING },
	{ "link 576", NET(.path_mtu = 576), .want_pmtu = 576, .want_verified = true,
	  .max_s = 0.5, .want_warning = NO_WARNING },
	{ "blackhole 1500", NET(.path_mtu = 1500, .ptb = FAKE_PTB_BLACKHOLE),
	  .want_pmtu = 1500, .want_verified = true, .want_at_max = true, .max_s = 3.0,
	  .want_warning = NO_WARNING },
	{ "blackhole 1492", NET(.path_mtu = 1492, .ptb = FAKE_PTB_BLACKHOLE),
	  .want_pmtu = 1492, .want_verified = true, .max_s = 3.0, .seeds = 5,
	  .want_warning = NO_WARNING },
	{ "blackhole 1400", NET(.path_mtu = 1400, .ptb = FAKE_PTB_BLACKHOLE),
	  .want_pmtu = 1400, .want_verified = true, .max_s = 3.0, .seeds = 5,
	  .want_warning = NO_WARNING },
	{ "blackhole 1280", NET(.path_mtu = 1280, .ptb = FAKE_PTB_BLACKHOLE),
	  .want_pmtu = 1280, .want_verified = true, .max_s = 3.0, .seeds = 5,
	  .want_warning = NO_WARNING },
	{ "blackhole 576", NET(.path_mtu = 576, .ptb = FAKE_PTB_BLACKHOLE),
	  .want_pmtu = 576, .want_verified = true, .max_s = 3.0, .seeds = 5,
	  .want_warning = NO_WARNING },
	{ "blackhole 1337 (off-table)", NET(.path_mtu = 1337, .ptb = FAKE_PTB_BLACKHOLE),
	  .want_pmtu = 1337, .want_verified = true, .max_s = 3.0, .seeds = 5,
	  .want_warning = NO_WARNING },
	{ "blackhole 68 (= min)", NET(.path_mtu = 68, .ptb = FAKE_PTB_BLACKHOLE),
	  .want_pmtu = 68, .want_verified = true, .max_s = 3.0, .seeds = 5,
	  .want_warning = NO_WARNING },
	{ "RTT 200 ms steady, blackhole", NET(.path_mtu = 1454, .rtt_us = 200000,
	  .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1454, .want_verified = true,
	  .max_s = 8.0, .want_warning = NO_WARNING },
	{ "RTT 300 ms blackhole", NET(.path_mtu = 1454, .rtt_us = 300000,
	  .jitter_us = 30000, .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1454,
	  .want_verified = true, .max_s = 12.0, .seeds = 5, .want_warning = NO_WARNING },
	{ "RTT 1.5 s > timeout (late replies)", NET(.path_mtu = 1454,
	  .rtt_us = 1500000), .want_pmtu = 1454, .want_verified = true, .max_s = 30.0,
	  .seeds = 3, .want_warning = NO_WARNING },
	/* Issue 10: real round trips. A PTB from the first router comes back at
	 * once, one from the far end after a round trip; the verification copies
	 * go with the first probes, and later replies close earlier windows. */
	{ "RTT 150 ms, PTB from the first router", NET(.path_mtu = 1454, .rtt_us = 150000,
	  .ptb_rtt_us = 100), .want_pmtu = 1454, .want_verified = true, .max_s = 0.18,
	  .seeds = 5, .want_warning = NO_WARNING },
	{ "RTT 150 ms, PTB from the far router", NET(.path_mtu = 1454, .rtt_us = 150000,
	  .ptb_rtt_us = 150000), .want_pmtu = 1454, .want_verified = true, .max_s = 0.33,
	  .seeds = 5, .want_warning = NO_WARNING },
	{ "RTT 150 ms blackhole", NET(.path_mtu = 1454, .rtt_us = 150000,
	  .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1454, .want_verified = true,
	  .max_s = 0.6, .seeds = 5, .want_warning = NO_WARNING },
	{ "RTT 150 ms blackhole + loss 10%", NET(.path_mtu = 1454, .rtt_us = 150000,
	  .loss = 0.1, .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1454, .want_verified = true,
	  .max_s = 1.5, .seeds = 50, .want_warning = NO_WARNING },
	/* Issue 23 item 3: short round trips. The goals (doc/bench.md): 1.2 RTT
	 * clean at 20 ms, 0.15 s for the black hole at 20 ms, 4 RTT for the
	 * tunnel's black hole at 150 ms; the bounds are what the default burst
	 * reaches (the tunnel's 3.4 RTT since the split's last round, 4.4
	 * before: search_plan.c's plan_last_round()). Then the same with
	 * burst 1, evenly paced as before issue 23, at its old figures. */
	{ "RTT 20 ms, PTB from the first router", NET(.path_mtu = 1454, .rtt_us = 20000,
	  .ptb_rtt_us = 100), .want_pmtu = 1454, .want_verified = true, .max_s = 0.024,
	  .max_used = 5, .seeds = 5, .want_warning = NO_WARNING },
	{ "RTT 20 ms blackhole", NET(.path_mtu = 1454, .rtt_us = 20000,
	  .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1454, .want_verified = true,
	  .max_s = 0.15, .seeds = 5, .want_warning = NO_WARNING },
	{ "RTT 150 ms blackhole 1374 (tunnel)", NET(.path_mtu = 1374, .rtt_us = 150000,
	  .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1374, .want_verified = true,
	  .max_s = 0.6, .seeds = 5, .want_warning = NO_WARNING },
	{ "RTT 20 ms blackhole + loss 10%", NET(.path_mtu = 1454, .rtt_us = 20000,
	  .loss = 0.1, .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1454, .want_verified = true,
	  .max_s = 0.6, .seeds = 50, .want_warning = NO_WARNING },
	{ "burst 1: RTT 20 ms, PTB from the first router", NET(.path_mtu = 1454,
	  .rtt_us = 20000, .ptb_rtt_us = 100), .burst = 1, .want_pmtu = 1454,
	  .want_verified = true, .max_s = 0.045, .max_used = 6, .seeds = 5,
	  .want_warning = NO_WARNING },
	{ "burst 1: RTT 20 ms blackhole", NET(.path_mtu = 1454, .rtt_us = 20000,
	  .ptb = FAKE_PTB_BLACKHOLE), .burst = 1, .want_pmtu = 1454, .want_verified = true,
	  .max_s = 0.25, .seeds = 5, .want_warning = NO_WARNING },
	{ "burst 1: RTT 20 ms blackhole + loss 10%", NET(.path_mtu = 1454, .rtt_us = 20000,
	  .loss = 0.1, .ptb = FAKE_PTB_BLACKHOLE), .burst = 1, .want_pmtu = 1454,
	  .want_verified = true, .max_s = 0.6, .seeds = 50, .want_warning = NO_WARNING },
	{ "burst 1: RTT 150 ms blackhole", NET(.path_mtu = 1454, .rtt_us = 150000,
	  .ptb = FAKE_PTB_BLACKHOLE), .burst = 1, .want_pmtu = 1454, .want_verified = true,
	  .max_s = 0.6, .seeds = 5, .want_warning = NO_WARNING },
	{ "burst 1: RTT 150 ms blackhole 1374 (tunnel)", NET(.path_mtu = 1374,
	  .rtt_us = 150000, .ptb = FAKE_PTB_BLACKHOLE), .burst = 1, .want_pmtu = 1374,
	  .want_verified = true, .max_s = 0.8, .seeds = 5, .want_warning = NO_WARNING },
	{ "burst 1: clean 1454", NET(.path_mtu = 1454), .burst = 1, .want_pmtu = 1454,
	  .want_verified = true, .max_s = 0.5, .max_used = 6, .seeds = 20,
	  .want_warning = NO_WARNING },
	{ "burst 1: PTB rate limit 1/s", NET(.path_mtu = 1454, .ptb = FAKE_PTB_RATELIMIT),
	  .burst = 1, .want_pmtu = 1454, .want_verified = true, .max_s = 1.0,
	  .seeds = 20, .want_warning = NO_WARNING },
	{ "burst 1: forged weak PTB 1280 + loss 20%", NET(.path_mtu = 1454, .forge_mtu = 1280,
	  .forge_weak = true, .reply_delay_us = 20000, .loss = 0.2), .burst = 1,
	  .want_pmtu = 1454, .max_s = 3.0, .seeds = 100,
	  .want_warning = PROBE_WARN_PTB_CONTRADICTED },
	{ "burst 1: loss 20% + blackhole, 200 seeds", NET(.path_mtu = 1454, .loss = 0.2,
	  .ptb = FAKE_PTB_BLACKHOLE), .burst = 1, .want_pmtu = 1454, .want_verified = true,
	  .max_s = 6.0, .max_used = 200, .seeds = 200, .min_exact = 198,
	  .want_warning = NO_WARNING },
	/* +-30%: every answer 105..195 ms, independently (so they also overtake
	 * each other, which turns the ordering shortcut off) */
	{ "RTT 150 ms +-30% jitter", NET(.path_mtu = 1454, .rtt_us = 105000,
	  .jitter_us = 90000, .ptb_rtt_us = 100), .want_pmtu = 1454, .want_verified = true,
	  .max_s = 1.0, .seeds = 50, .want_warning = NO_WARNING },
	{ "RTT 150 ms +-30% jitter, blackhole", NET(.path_mtu = 1454, .rtt_us = 105000,
	  .jitter_us = 90000, .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1454,
	  .want_verified = true, .max_s = 1.5, .seeds = 50, .want_warning = NO_WARNING },
	/* Issue 9, the attack: an on-path forger answers every probe above 1280
	 * with "too big, mtu 1280" quoting IP header + 8 bytes (weak), and holds
	 * the real echo replies 20 ms. The replies win: the right PMTU, never
	 * verified, the contradiction reported. Before, "1280 verified". */
	{ "forged weak PTB 1280, replies +20 ms", NET(.path_mtu = 1500, .forge_mtu = 1280,
	  .forge_weak = true, .reply_delay_us = 20000), .want_pmtu = 1500, .want_at_max = true,
	  .max_s = 1.0, .seeds = 20, .want_warning = PROBE_WARN_PTB_CONTRADICTED },
	{ "forged weak PTB 1280, real PTB 1454", NET(.path_mtu = 1454, .forge_mtu = 1280,
	  .forge_weak = true, .reply_delay_us = 20000), .want_pmtu = 1454, .max_s = 1.0,
	  .seeds = 20, .want_warning = PROBE_WARN_PTB_CONTRADICTED },
	{ "forged weak PTB 1280, blackhole 1454", NET(.path_mtu = 1454, .forge_mtu = 1280,
	  .forge_weak = true, .reply_delay_us = 20000, .ptb = FAKE_PTB_BLACKHOLE),
	  .want_pmtu = 1454, .max_s = 3.0, .seeds = 20,
	  .want_warning = PROBE_WARN_PTB_CONTRADICTED },
	/* The same with a full quote (cookie and all) and a wrong MTU: before,
	 * "576 verified". */
	{ "forged full-quote PTB 576, replies +20 ms", NET(.path_mtu = 1500, .forge_mtu = 576,
	  .reply_delay_us = 20000), .want_pmtu = 1500, .want_at_max = true, .max_s = 1.0,
	  .seeds = 20, .want_warning = PROBE_WARN_PTB_CONTRADICTED },
	{ "forged full-quote PTB 576, real PTB 1454", NET(.path_mtu = 1454, .forge_mtu = 576,
	  .reply_delay_us = 20000), .want_pmtu = 1454, .max_s = 1.0, .seeds = 20,
	  .want_warning = PROBE_WARN_PTB_CONTRADICTED },
	{ "forged weak PTB 1280 + loss 20%", NET(.path_mtu = 1454, .forge_mtu = 1280,
	  .forge_weak = true, .reply_delay_us = 20000, .loss = 0.2), .want_pmtu = 1454,
	  .max_s = 3.0, .seeds = 100,
	  .want_warning = PROBE_WARN_PTB_CONTRADICTED },
	{ "forged weak PTB 1280 + loss, blackhole", NET(.path_mtu = 1454, .forge_mtu = 1280,
	  .forge_weak = true, .reply_delay_us = 20000, .loss = 0.2,
	  .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1454, .max_s = 3.0, .seeds = 100,
	  .want_warning = PROBE_WARN_PTB_CONTRADICTED },
	/* The forger's PTB for the first probe disagrees with r1's: a dispute
	 * (one of them lies), or a contradiction a little later. */
	{ "forged full-quote PTB 576 + loss 20%", NET(.path_mtu = 1454, .forge_mtu = 576,
	  .reply_delay_us = 20000, .loss = 0.2), .want_pmtu = 1454, .max_s = 3.0,
	  .seeds = 100, .want_warning = PROBE_WARN_PTB_DISPUTED },
	{ "IPv6 forged weak PTB 1300, real PTB 1454", NET6(.path_mtu = 1454,
	  .forge_mtu = 1300, .forge_weak = true, .reply_delay_us = 20000), .family = 6,
	  .want_pmtu = 1454, .max_s = 1.0, .seeds = 5,
	  .want_warning = PROBE_WARN_PTB_CONTRADICTED },
	/* Weak PTBs from an honest RFC 792 router: two probes corroborate. */
	{ "weak PTBs (RFC 792 router) 1454", NET(.path_mtu = 1454, .ptb_weak = true),
	  .want_pmtu = 1454, .want_verified = true, .max_s = 0.5, .seeds = 5,
	  .want_warning = NO_WARNING },
	{ "weak PTBs 1454 + loss 20%", NET(.path_mtu = 1454, .ptb_weak = true, .loss = 0.2,
	  .ptb_loss = 0.2), .want_pmtu = 1454, .want_verified = true, .max_s = 3.0,
	  .seeds = 20, .min_exact = 19, .want_warning = NO_WARNING },
	/* A black hole that lets one weak PTB a second through: it cannot decide
	 * alone; silence does. */
	{ "weak PTB 1/s on a black hole", NET(.path_mtu = 1454, .ptb_weak = true,
	  .ptb = FAKE_PTB_RATELIMIT), .want_pmtu = 1454, .want_verified = true, .max_s = 3.0,
	  .seeds = 5, .want_warning = NO_WARNING },
	/* PTBs quoting another size than the probe with that seq are not ours:
	 * ignored (counted), so the path is a black hole to us. */
	{ "PTBs quoting the wrong length", NET(.path_mtu = 1454, .ptb_quote_off = 2),
	  .want_pmtu = 1454, .want_verified = true, .max_s = 3.0, .seeds = 5,
	  .want_warning = PROBE_WARN_BAD_QUOTE },
};
/* clang-format on */

static void
run_once(const struct scenario *sc, uint64_t seed, struct fakenet *f, struct probe_run *run,
	 volatile sig_atomic_t *stop)
{
	struct probe_config cfg;
	struct probe_io io;
	struct fake_params np = sc->net;
	char err[PROBE_ERR_LEN] = "";
	int rc;

	np.seed = seed;
	if (!np.rtt_us)
		np.rtt_us = LAB_RTT;
	fake_init(f, &np);
	fake_io(f, &io);
	probe_config_default(&cfg, sc->family ? sc->family : 4);
	if (sc->min)
		cfg.min_size = sc->min;
	if (sc->max)
		cfg.max_size = sc->max;
	cfg.max_bound = sc->max_bound;
	if (sc->max_probes)
		cfg.max_probes = sc->max_probes;
	if (sc->rate)
		cfg.rate_pps = sc->rate;
	if (sc->burst)
		cfg.burst = sc->burst;
	rc = probe_engine_run(&cfg, &io, stop, run, err, sizeof(err));
	if (rc != 0)
		fail_msg("%s seed %llu: engine error: %s", sc->name, (unsigned long long)seed, err);
}

/* "N passed xK" in the confidence counts distinct probes that got a reply
 * at N: duplicates and late copies must not inflate it. */
static void
check_pass_count(const struct probe_run *r)
{
	const struct search_reason *w = &r->confidence.search;
	unsigned want = 0;

	if (!r->pmtu || (w->why != SEARCH_WHY_AT_MAX && w->why != SEARCH_WHY_LOCAL &&
			 w->why != SEARCH_WHY_ICMP && w->why != SEARCH_WHY_SILENCE))
		return;
	assert_int_equal(w->lo, r->pmtu);
	for (size_t i = 0; i < r->nprobes; i++)
		if (r->probes[i].size == r->pmtu && r->probes[i].outcome == PROBE_REPLY)
			want++;
	assert_int_equal(w->passes, want);
}

/* What must hold for every run, whatever the network did. */
#define check_invariants(f, r, budget, rate) \
	check_invariants_b(f, r, budget, rate, probe_burst_default(rate))
static void
check_invariants_b(const struct fakenet *f, const struct probe_run *r, unsigned budget,
		   unsigned rate, unsigned burst)
{
	assert_true(r->probes_sent <= budget);
	assert_int_equal(r->probes_sent, f->sends);
	assert_int_equal(r->nprobes, r->probes_sent);
	/* --rate as a token bucket of the run's burst (engine.c's
	 * send_due(); issue 23): from any send to a later one, at most burst +
	 * stretch * rate; with burst 1, the default, evenly spaced as before. */
	assert_true(fake_max_in_window(f, 1000000) <= rate + burst);
	assert_true(fake_bucket_ok(f, rate, burst));
	assert_true(f->max_wait_us <= 1000000); /* never waits past --timeout */
	for (size_t i = 0; i < r->nprobes; i++) {
		for (size_t j = 0; j < i; j++) /* one seq, one probe */
			assert_int_not_equal(r->probes[i].seq, r->probes[j].seq);
		assert_true(r->probes[i].size >= r->min_size);
		assert_true(r->probes[i].size <= r->max_size);
	}
	if (r->pmtu)
		assert_true(r->lower <= r->pmtu && r->pmtu <= r->upper);
	check_pass_count(r);
}

static bool
has_warning(const struct probe_run *r, int kind)
{
	for (unsigned i = 0; i < r->nwarnings; i++)
		if ((int)r->warnings[i].kind == kind)
			return true;
	return false;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void
check_run(const struct scenario *sc, const struct probe_run *r, uint64_t seed)
{
	if (sc->want_warning != NO_WARNING && !has_warning(r, sc->want_warning))
		fail_msg("%s seed %llu: expected warning %d", sc->name, (unsigned long long)seed,
			 sc->want_warning);
	/* silence cannot be concluded before one timeout (50 ms floor) */
	if (r->elapsed_us < (uint64_t)(sc->min_s * 1e6))
		fail_msg("%s seed %llu: %.3f s fake time < %.1f s: timeout floor?", sc->name,
			 (unsigned long long)seed, r->elapsed_us / 1e6, sc->min_s);
	if (sc->max_s > 0 && r->elapsed_us > (uint64_t)(sc->max_s * 1e6))
		fail_msg("%s seed %llu: %.3f s fake time > %.1f s", sc->name,
			 (unsigned long long)seed, r->elapsed_us / 1e6, sc->max_s);
	/* with a steady RTT the adaptive timeout must never fire on a live probe */
	if (!sc->net.loss && !sc->net.jitter_us && sc->net.rtt_us <= 300000)
		for (size_t i = 0; i < r->nprobes; i++)
			if (r->probes[i].late)
				fail_msg("%s seed %llu: probe %zu answered after its timeout",
					 sc->name, (unsigned long long)seed, i);
	if (sc->max_used && r->probes_sent > sc->max_used)
		fail_msg("%s seed %llu: %u probes > %u", sc->name, (unsigned long long)seed,
			 r->probes_sent, sc->max_used);
}

static bool
exact(const struct scenario *sc, const struct probe_run *r)
{
	if (r->pmtu != sc->want_pmtu || r->stop != sc->want_stop)
		return false;
	if (r->verified != sc->want_verified || r->at_max != sc->want_at_max)
		return false;
	if (r->bounded != (sc->max_bound && sc->want_at_max) ||
	    (r->bounded && r->confidence.why != PROBE_WHY_BOUNDED))
		return false;
	/* no answer: the reason says the path could not be measured */
	return sc->want_pmtu || r->confidence.why == PROBE_WHY_UNREACH ||
	       r->confidence.search.why == SEARCH_WHY_TOO_BIG_MIN ||
	       r->confidence.search.why == SEARCH_WHY_SILENT_MIN;
}

static void
test_scenario(void **state)
{
	const struct scenario *sc = *state;
	unsigned seeds = sc->seeds ? sc->seeds : 1, good = 0, budget;
	uint64_t t[256], n[256];
	struct fakenet *f = malloc(sizeof(*f));

	assert_non_null(f);
	for (unsigned i = 0; i < seeds; i++) {
		struct probe_run r;

		run_once(sc, i + 1, f, &r, NULL);
		budget = sc->max_probes ? sc->max_probes : 300;
		check_invariants_b(f, &r, budget, sc->rate ? sc->rate : 200,
				   sc->burst ? sc->burst
					     : probe_burst_default(sc->rate ? sc->rate : 200));
		check_run(sc, &r, i + 1);
		if (exact(sc, &r))
			good++;
		else
			print_message("    %s seed %u: pmtu %u stop %s verified %d (why %d/%d)\n",
				      sc->name, i + 1, r.pmtu, probe_stop_str(r.stop), r.verified,
				      (int)r.confidence.why, (int)r.confidence.search.why);
		t[i] = r.elapsed_us;
		n[i] = r.probes_sent;
		probe_run_free(&r);
	}
	qsort(t, seeds, sizeof(t[0]), cmp_u64);
	qsort(n, seeds, sizeof(n[0]), cmp_u64);
	print_message("  %-34s exact %2u/%-2u  fake ms min/med/max %7.1f %7.1f %7.1f"
		      "  probes %3llu %3llu %3llu\n",
		      sc->name, good, seeds, t[0] / 1e3, t[seeds / 2] / 1e3, t[seeds - 1] / 1e3,
		      (unsigned long long)n[0], (unsigned long long)n[seeds / 2],
		      (unsigned long long)n[seeds - 1]);
	free(f);
	assert_true(good >= (sc->min_exact ? sc->min_exact : seeds));
}

/* Issue 10's bug: the search asked for several copies of a size (the loss
 * model's spares, the verification re-checks) and the engine, taking one
 * size per call, sent one; each lost reply then cost a timeout of its own.
 * At 150 ms and 20% loss each way, the copies of the PMTU must leave
 * together, and no run may need more than 4 round trips. */
static void
test_copies_together(void **state)
{
	static const struct scenario sc = { .name = "copies",
					    .net = NET(.path_mtu = 1454, .rtt_us = 150000,
						       .ptb_rtt_us = 100, .loss = 0.2) };
	struct fakenet *f = malloc(sizeof(*f));

	(void)state;
	assert_non_null(f);
	for (uint64_t seed = 1; seed <= 20; seed++) {
		struct probe_run r;
		unsigned together = 0;

		run_once(&sc, seed, f, &r, NULL);
		check_invariants(f, &r, 300, 200);
		/* most copies of the PMTU sent within 50 ms (one paced burst) */
		for (size_t i = 0; i < r.nprobes; i++) {
			unsigned n = 0;

			for (size_t j = i; j < r.nprobes; j++)
				if (r.probes[j].size == 1454 && r.probes[i].size == 1454 &&
				    r.probes[j].sent_us - r.probes[i].sent_us < 50000)
					n++;
			together = n > together ? n : together;
		}
		if (r.pmtu != 1454 || !r.verified || together < 2 || r.elapsed_us > 600000)
			fail_msg("seed %llu: pmtu %u verified %d, %u copies of 1454 together, "
				 "%.3f s (why %d)",
				 (unsigned long long)seed, r.pmtu, r.verified, together,
				 r.elapsed_us / 1e6, (int)r.confidence.search.why);
		probe_run_free(&r);
	}
	free(f);
}

/* SIGINT at 60 ms of a blackhole search: partial result, lower bound kept. */
static void
test_stop_flag(void **state)
{
	static const struct scenario sc = { .name = "stop",
					    .net = NET(.path_mtu = 1454, .rtt_us = LAB_RTT,
						       .ptb = FAKE_PTB_BLACKHOLE,
						       .stop_at_us = 60000) };
	volatile sig_atomic_t stop = 0;
	struct fake_params np = sc.net;
	struct fakenet *f = malloc(sizeof(*f));
	struct probe_config cfg;
	struct probe_io io;
	struct probe_run r;
	char err[PROBE_ERR_LEN];

	(void)state;
	assert_non_null(f);
	np.stop_flag = &stop;
	fake_init(f, &np);
	fake_io(f, &io);
	probe_config_default(&cfg, 4);
	assert_int_equal(probe_engine_run(&cfg, &io, &stop, &r, err, sizeof(err)), 0);
	assert_int_equal(stop, 1);
	assert_int_equal(r.stop, PROBE_STOP_INTERRUPTED);
	assert_false(r.verified);
	assert_int_equal(r.pmtu, 0);
	assert_true(r.lower >= 1006 && r.lower <= 1454);
	assert_true(r.upper >= 1454);
	assert_true(r.elapsed_us >= 60000 && r.elapsed_us < 70000);
	assert_int_equal(r.stop, PROBE_STOP_INTERRUPTED); /* said first (probe_words.c) */
	assert_int_equal(r.confidence.why, PROBE_WHY_SEARCH);
	print_message("  stop at 60 ms: lower %u upper %u after %u probes\n", r.lower, r.upper,
		      r.probes_sent);
	probe_run_free(&r);
	free(f);
}

/* SIGINT before the first probe: nothing is sent. */
static void
test_stop_before(void **state)
{
	static const struct scenario sc = { .name = "stop", .net = NET(.path_mtu = 1454) };
	volatile sig_atomic_t stop = 1;
	struct fakenet *f = malloc(sizeof(*f));
	struct probe_run r;

	(void)state;
	assert_non_null(f);
	run_once(&sc, 1, f, &r, &stop);
	assert_int_equal(r.stop, PROBE_STOP_INTERRUPTED);
	assert_int_equal(r.probes_sent, 0);
	assert_int_equal(f->sends, 0);
	assert_int_equal(r.pmtu, 0);
	assert_false(r.verified);
	probe_run_free(&r);
	free(f);
}

/* Budgets from tiny to ample on a hard network: never exceeded; when spent
 * before the answer, the result says so and is partial. */
static void
test_budget(void **state)
{
	static const unsigned budgets[] = { 1, 5, 20, 40, 300 };
	unsigned partial = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(budgets) / sizeof(budgets[0]); i++) {
		struct scenario sc = { .name = "budget",
				       .net = NET(.path_mtu = 1454, .loss = 0.2,
						  .ptb = FAKE_PTB_BLACKHOLE) };
		struct fakenet *f = malloc(sizeof(*f));
		struct probe_run r;

		assert_non_null(f);
		sc.max_probes = budgets[i];
		run_once(&sc, 7, f, &r, NULL);
		check_invariants(f, &r, budgets[i], 200);
		if (r.stop == PROBE_STOP_MAX_PROBES) {
			partial++;
			assert_int_equal(r.probes_sent, budgets[i]);
			assert_false(r.verified);
			assert_int_equal(r.confidence.why, PROBE_WHY_SEARCH);
		} else {
			assert_int_equal(r.stop, PROBE_STOP_DONE);
			assert_int_equal(r.pmtu, 1454);
		}
		probe_run_free(&r);
		free(f);
	}
	assert_true(partial >= 3); /* 1, 5 and 20 cannot be enough */
}

/* Same seed, same everything: the engine has no hidden source of time. */
static void
test_deterministic(void **state)
{
	static const struct scenario loss_bh = { .name = "determinism",
						 .net = NET(.path_mtu = 1454, .loss = 0.2,
							    .ptb = FAKE_PTB_BLACKHOLE,
							    .jitter_us = 300, .dup = 0.1) };
	const struct scenario *sc = &loss_bh;
	struct fakenet *f = malloc(sizeof(*f));
	struct probe_run a, b;

	(void)state;
	assert_non_null(f);
	run_once(sc, 3, f, &a, NULL);
	run_once(sc, 3, f, &b, NULL);
	assert_int_equal(a.nprobes, b.nprobes);
	assert_int_equal(a.elapsed_us, b.elapsed_us);
	for (size_t i = 0; i < a.nprobes; i++) {
		assert_int_equal(a.probes[i].size, b.probes[i].size);
		assert_int_equal(a.probes[i].outcome, b.probes[i].outcome);
	}
	probe_run_free(&a);
	probe_run_free(&b);
	free(f);
}

static void
test_bad_config(void **state)
{
	static const struct {
		int family;
		unsigned min, max, rate, probes;
	} bad[] = {
		{ 5, 0, 0, 0, 0 },       /* family */
		{ 4, 60, 1500, 0, 0 },   /* below the IPv4 minimum of 68 */
		{ 6, 1200, 1500, 0, 0 }, /* below the IPv6 minimum of 1280 */
		{ 4, 1500, 1400, 0, 0 }, /* min > max */
		{ 4, 68, 70000, 0, 0 },  /* max > 65535 */
		{ 4, 0, 0, 100000, 0 },  /* flood */
		{ 4, 0, 0, 0, PROBE_MAX_PROBES + 1 },
	};
	struct fakenet *f = malloc(sizeof(*f));
	struct fake_params np = NET(.path_mtu = 1500, .rtt_us = LAB_RTT);

	(void)state;
	assert_non_null(f);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct probe_config cfg;
		struct probe_io io;
		struct probe_run r;
		char err[PROBE_ERR_LEN] = "";

		fake_init(f, &np);
		fake_io(f, &io);
		probe_config_default(&cfg, 4);
		cfg.family = bad[i].family;
		cfg.min_size = bad[i].min;
		cfg.max_size = bad[i].max;
		cfg.rate_pps = bad[i].rate;
		cfg.max_probes = bad[i].probes;
		assert_int_equal(probe_engine_run(&cfg, &io, NULL, &r, err, sizeof(err)), -1);
		assert_true(err[0] != '\0');
		assert_int_equal(f->sends, 0);
		probe_run_free(&r);
	}
	free(f);
}

static void
test_io_error(void **state)
{
	struct fakenet *f = malloc(sizeof(*f));
	struct fake_params np = NET(.path_mtu = 1500, .rtt_us = LAB_RTT, .fail_send = true);
	struct probe_config cfg;
	struct probe_io io;
	struct probe_run r;
	char err[PROBE_ERR_LEN] = "";

	(void)state;
	assert_non_null(f);
	fake_init(f, &np);
	fake_io(f, &io);
	probe_config_default(&cfg, 4);
	assert_int_equal(probe_engine_run(&cfg, &io, NULL, &r, err, sizeof(err)), -1);
	assert_string_equal(err, "fake: send failed");
	assert_int_equal(r.stop, PROBE_STOP_ERROR);
	probe_run_free(&r);
	free(f);
}

/* A send error part way (the route deleted in a watch round): -1, what was
 * sent counted, and nothing left allocated for the caller to free. Watch
 * mode runs this every round of an outage; it once leaked the probe table
 * each time (issue 20: ~19 kB a round). Under ASan, LeakSanitizer catches
 * a regression even where the assertions would not. */
static void
test_io_error_no_leak(void **state)
{
	struct fakenet *f = malloc(sizeof(*f));
	struct fake_params np =
		NET(.path_mtu = 1454, .rtt_us = LAB_RTT, .fail_send = true, .fail_after = 3);

	(void)state;
	assert_non_null(f);
	for (unsigned round = 0; round < 50; round++) {
		struct probe_config cfg;
		struct probe_io io;
		struct probe_run r;
		char err[PROBE_ERR_LEN] = "";

		fake_init(f, &np);
		fake_io(f, &io);
		probe_config_default(&cfg, 4);
		assert_int_equal(probe_engine_run(&cfg, &io, NULL, &r, err, sizeof(err)), -1);
		assert_string_equal(err, "fake: send failed");
		assert_int_equal(r.stop, PROBE_STOP_ERROR);
		assert_int_equal(r.probes_sent, 3);
		assert_null(r.probes);
		assert_int_equal(r.nprobes, 0);
		/* no probe_run_free(): an ERROR run holds nothing (engine.h) */
	}
	free(f);
}

struct progress_log {
	unsigned calls;
	unsigned last_sent;
	bool monotonic;
};

static void
on_progress(void *arg, const struct probe_progress *p)
{
	struct progress_log *l = arg;

	if (p->probes_sent < l->last_sent)
		l->monotonic = false;
	l->last_sent = p->probes_sent;
	l->calls++;
}

static void
test_progress(void **state)
{
	struct fakenet *f = malloc(sizeof(*f));
	struct fake_params np = NET(.path_mtu = 1454, .rtt_us = LAB_RTT, .ptb = FAKE_PTB_BLACKHOLE);
	struct progress_log log = { 0, 0, true };
	struct probe_config cfg;
	struct probe_io io;
	struct probe_run r;
	char err[PROBE_ERR_LEN];

	(void)state;
	assert_non_null(f);
	fake_init(f, &np);
	fake_io(f, &io);
	probe_config_default(&cfg, 4);
	cfg.progress = on_progress;
	cfg.progress_arg = &log;
	assert_int_equal(probe_engine_run(&cfg, &io, NULL, &r, err, sizeof(err)), 0);
	assert_true(log.calls >= r.probes_sent);
	assert_true(log.monotonic);
	assert_int_equal(log.last_sent, r.probes_sent);
	probe_run_free(&r);
	free(f);
}

/* The record of a clean run says who the bottleneck is and shows the
 * PTB -> confirm -> verify sequence. */
static void
test_record_clean(void **state)
{
	const struct scenario *sc = &scenarios[0];
	struct fakenet *f = malloc(sizeof(*f));
	struct probe_run r;
	static const uint8_t r1[4] = { 192, 0, 2, 1 };

	(void)state;
	assert_non_null(f);
	run_once(sc, 1, f, &r, NULL);
	assert_int_equal(r.bottleneck.family, 4);
	assert_memory_equal(r.bottleneck.a, r1, 4);
	assert_true(r.fail_by_ptb);
	assert_true(r.p_wrong == 0.0);
	assert_int_equal(r.probes[0].size, 1500);
	assert_int_equal(r.probes[0].outcome, PROBE_TOO_BIG);
	assert_int_equal(r.probes[0].mtu, 1454);
	assert_int_equal(r.probes[1].size, 1454);
	assert_int_equal(r.probes[1].outcome, PROBE_REPLY);
	assert_int_equal(r.probes[1].rtt_us, LAB_RTT);
	assert_int_equal(r.probes[2].size, 1455);
	assert_int_equal(r.probes[2].outcome, PROBE_TOO_BIG);
	assert_int_equal(r.nwarnings, 0);
	probe_run_free(&r);
	free(f);
}

/* RTT above the timeout cap: every reply comes after its probe timed out.
 * Those late replies must still count as passes (and give an RTT). */
static void
test_late_replies(void **state)
{
	static const struct scenario sc = { .name = "late",
					    .net = NET(.path_mtu = 1454, .rtt_us = 1500000,
						       .ptb = FAKE_PTB_BLACKHOLE) };
	struct fakenet *f = malloc(sizeof(*f));
	struct probe_run r;
	unsigned late = 0;

	(void)state;
	assert_non_null(f);
	run_once(&sc, 1, f, &r, NULL);
	for (size_t i = 0; i < r.nprobes; i++)
		if (r.probes[i].late && r.probes[i].outcome == PROBE_REPLY) {
			assert_int_equal(r.probes[i].rtt_us, 1500000);
			late++;
		}
	assert_true(late >= 2);
	assert_int_equal(r.pmtu, 1454);
	assert_true(r.verified);
	assert_int_equal(r.srtt_us, 1500000);
	print_message("  RTT 1.5 s, timeout 1 s, blackhole: 1454 with %u late replies, "
		      "%u probes, %.2f s\n",
		      late, r.probes_sent, r.elapsed_us / 1e6);
	probe_run_free(&r);
	free(f);
}

static const struct scenario *
scenario_named(const char *name)
{
	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
		if (!strcmp(scenarios[i].name, name))
			return &scenarios[i];
	fail_msg("no scenario %s", name);
	return NULL;
}

/* The issue 9 attack, as the report must show it: the probes whose reply
 * contradicted a (weak) PTB are marked, counted, and named in the reason. */
static void
test_record_contradicted(void **state)
{
	const struct scenario *sc = scenario_named("forged weak PTB 1280, replies +20 ms");
	struct fakenet *f = malloc(sizeof(*f));
	struct probe_run r;
	unsigned marked = 0;

	(void)state;
	assert_non_null(f);
	run_once(sc, 1, f, &r, NULL);
	for (size_t i = 0; i < r.nprobes; i++)
		if (r.probes[i].contradicted) {
			assert_int_equal(r.probes[i].outcome, PROBE_REPLY);
			assert_true(r.probes[i].size > 1280);
			assert_true(r.probes[i].weak);
			marked++;
		}
	assert_true(marked >= 2);
	assert_int_equal(r.ptb_contradicted, marked);
	assert_true(r.ptb_weak >= marked);
	assert_false(r.verified);
	assert_int_equal(r.pmtu, 1500);
	assert_true(r.confidence.search.not_verified);
	assert_int_equal(r.confidence.search.contradicted, r.ptb_contradicted);
	assert_true(has_warning(&r, PROBE_WARN_PTB_CONTRADICTED));
	probe_run_free(&r);
	free(f);
}

/* PTBs quoting another length than the probe with that seq are ignored and
 * counted (in bad_quotes and in ignored). */
static void
test_record_bad_quote(void **state)
{
	const struct scenario *sc = scenario_named("PTBs quoting the wrong length");
	struct fakenet *f = malloc(sizeof(*f));
	struct probe_run r;

	(void)state;
	assert_non_null(f);
	run_once(sc, 1, f, &r, NULL);
	assert_true(r.bad_quotes > 0);
	assert_true(r.ignored >= r.bad_quotes);
	for (size_t i = 0; i < r.nprobes; i++)
		assert_int_not_equal(r.probes[i].outcome, PROBE_TOO_BIG);
	assert_false(r.fail_by_ptb);
	probe_run_free(&r);
	free(f);
}

/* Answers to seqs never sent are ignored and counted, not fatal. */
static void
test_foreign_seq(void **state)
{
	static const struct scenario sc = { .name = "foreign", .net = NET(.path_mtu = 1454) };
	struct fakenet *f = malloc(sizeof(*f));
	struct probe_config cfg;
	struct probe_io io;
	struct probe_run r;
	struct fake_params np = sc.net;
	char err[PROBE_ERR_LEN];

	(void)state;
	assert_non_null(f);
	np.rtt_us = LAB_RTT;
	np.strays = 2; /* a reply and a PTB for a seq never sent */
	fake_init(f, &np);
	fake_io(f, &io);
	f->ignored = 3; /* what the io itself dropped */
	probe_config_default(&cfg, 4);
	assert_int_equal(probe_engine_run(&cfg, &io, NULL, &r, err, sizeof(err)), 0);
	assert_int_equal(r.pmtu, 1454);
	assert_int_equal(r.ignored, 5);
	probe_run_free(&r);
	free(f);
}

/* Issue 20: 8 UDP runs at 1 probe/s from one host share the target's "port
 * unreachable" limit (1/s after a burst of 6): another sender takes most
 * tokens. Every run that saw silences at sizes that pass names the limit,
 * none says unreachable, and every PMTU is the right one. */
static void
test_rate_limited_shared(void **state)
{
	static const struct scenario sc = { .name = "shared limit, 1/s",
					    .net = NET(.path_mtu = 1454, .reply_limit_us = 1000000,
						       .reply_taken = 0.6),
					    .rate = 1 };
	struct fakenet *f = malloc(sizeof(*f));
	unsigned named = 0;

	(void)state;
	assert_non_null(f);
	for (uint64_t seed = 1; seed <= 20; seed++) {
		struct probe_run r;

		run_once(&sc, seed, f, &r, NULL);
		check_invariants(f, &r, 300, sc.rate);
		printf("  %s seed %2llu: pmtu %u verified %d rate-limited %d (%.2f/s), "
		       "loss %.0f%%, %u probes, %.0f s\n",
		       sc.name, (unsigned long long)seed, r.pmtu, r.verified, r.rate_limited,
		       r.reply_rate, 100 * r.loss, r.probes_sent, (double)r.elapsed_us / 1e6);
		assert_int_not_equal(r.stop, PROBE_STOP_UNREACHABLE);
		assert_int_equal(r.pmtu, 1454);
		if (!r.rate_limited) /* at most one silence at a passing size */
			assert_true(r.loss < 0.4);
		if (r.rate_limited) {
			named++;
			assert_true(r.reply_rate > 0.0 && r.reply_rate <= 1.0);
		}
		probe_run_free(&r);
	}
	assert_true(named >= 15);
	free(f);
}

/* Plain loss at the default 200/s is not a rate limit: replies come as
 * fast as the probes (far above RATE_MAX_PPS); nor is a clean slow run. */
static void
test_loss_not_rate_limited(void **state)
{
	static const struct scenario rows[] = {
		{ .name = "loss 20%", .net = NET(.path_mtu = 1454, .loss = 0.2) },
		{ .name = "1/s, clean", .net = NET(.path_mtu = 1454), .rate = 1 },
		{ .name = "1/s, own limit",
		  .net = NET(.path_mtu = 1454, .reply_limit_us = 1000000),
		  .rate = 1 },
	};
	struct fakenet *f = malloc(sizeof(*f));

	(void)state;
	assert_non_null(f);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		for (uint64_t seed = 1; seed <= 10; seed++) {
			struct probe_run r;

			run_once(&rows[i], seed, f, &r, NULL);
			if (r.rate_limited)
				fail_msg("%s seed %llu: called rate-limited (%.2f/s)", rows[i].name,
					 (unsigned long long)seed, r.reply_rate);
			assert_int_equal(r.pmtu, 1454);
			probe_run_free(&r);
		}
	free(f);
}

/* probe --targets' scheduler (sched.c): many fake paths on one clock. */
struct mux {
	struct fakenet **nets;
	size_t n;
	volatile sig_atomic_t *stop;
	uint64_t stop_at; /* fake time at which a signal comes; 0 = never */
};

static uint64_t
mux_now(void *ctx)
{
	return ((struct mux *)ctx)->nets[0]->now;
}

static int
mux_wait(void *ctx, uint64_t deadline, void **io_ctx, struct probe_event *ev, char *err,
	 size_t errlen)
{
	struct mux *m = ctx;
	size_t k;

	if (m->stop_at && !*m->stop && deadline >= m->stop_at) {
		for (size_t i = 0; i < m->n; i++) /* the wait ends with EINTR */
			if (m->nets[i]->now < m->stop_at)
				m->nets[i]->now = m->stop_at;
		*m->stop = 1;
		snprintf(err, errlen, "interrupted");
		return -1;
	}
	if (fake_mux_wait(m->nets, m->n, deadline, &k, ev) == 0)
		return 0;
	*io_ctx = m->nets[k];
	return 1;
}

/* Every send of every net, in time order. */
static uint64_t *
all_sends(struct fakenet *const *nets, size_t n, size_t *count)
{
	size_t total = 0, k = 0;
	uint64_t *t;

	for (size_t i = 0; i < n; i++)
		total += nets[i]->sends;
	t = malloc((total ? total : 1) * sizeof(*t));
	assert_non_null(t);
	for (size_t i = 0; i < n; i++)
		for (unsigned j = 0; j < nets[i]->sends; j++)
			t[k++] = nets[i]->send_at[j];
	qsort(t, total, sizeof(*t), cmp_u64);
	*count = total;
	return t;
}

/* The total rate as a token bucket of total / 20 tokens (sched.h): in no
 * stretch of time from one send to a later one do all runs together send
 * more than the burst plus the stretch times the rate. */
static void
check_total(struct fakenet *const *nets, size_t n, unsigned total)
{
	size_t count;
	uint64_t *t = all_sends(nets, n, &count);
	double burst = total / 20 ? total / 20 : 1;

	for (size_t a = 0; a < count; a++)
		for (size_t b = a + 1; b < count; b++)
			if ((double)(b - a + 1) >
			    burst + (double)(t[b] - t[a]) * total / 1e6 + 1e-9)
				fail_msg("sends %zu..%zu of all runs within %llu us: %zu > %.0f + "
					 "rate %u/s",
					 a, b, (unsigned long long)(t[b] - t[a]), b - a + 1, burst,
					 total);
	free(t);
}

struct sched_case {
	const struct scenario *sc;
	struct fakenet *f;
	struct probe_io io;
	struct probe_run run;
	struct ip_addr target;
	char err[PROBE_ERR_LEN];
	int rc;
	bool done;
};

static void
sched_config(const struct scenario *sc, struct probe_config *cfg)
{
	probe_config_default(cfg, sc->family ? sc->family : 4);
	if (sc->min)
		cfg->min_size = sc->min;
	if (sc->max)
		cfg->max_size = sc->max;
	cfg->max_bound = sc->max_bound;
	if (sc->max_probes)
		cfg->max_probes = sc->max_probes;
	if (sc->rate)
		cfg->rate_pps = sc->rate;
}

/* Run cases[0..n) at once; `shared` of them (from the front) probe one
 * target address, the others one each. */
static void
run_sched(struct sched_case *cs, size_t n, size_t shared, unsigned total, uint64_t seed,
	  volatile sig_atomic_t *stop, uint64_t stop_at)
{
	struct fakenet **nets = calloc(n, sizeof(*nets));
	struct mux m = { nets, n, stop, 0 };
	struct probe_wait w = { &m, mux_now, mux_wait };
	struct probe_sched_config sc = { .total_pps = total };
	struct probe_sched *s;
	void *tag;
	int rc;

	assert_non_null(nets);
	for (size_t i = 0; i < n; i++) {
		struct fake_params np = cs[i].sc->net;

		np.seed = seed + i;
		if (!np.rtt_us)
			np.rtt_us = LAB_RTT;
		cs[i].f = nets[i] = malloc(sizeof(*cs[i].f));
		assert_non_null(nets[i]);
		fake_init(nets[i], &np);
		fake_io(nets[i], &cs[i].io);
		memset(&cs[i].target, 0, sizeof(cs[i].target));
		cs[i].target.family = 4;
		cs[i].target.a[0] = 198;
		cs[i].target.a[3] = (uint8_t)(i < shared ? 0 : 1 + i);
		cs[i].target.a[2] = (uint8_t)((i < shared ? 0 : 1 + i) >> 8);
		cs[i].done = false;
	}
	s = probe_sched_new(&sc, &w, stop);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++) {
		struct probe_config cfg;

		sched_config(cs[i].sc, &cfg);
		assert_int_equal(probe_sched_add(s, &cfg, &cs[i].io, &cs[i].target, &cs[i].run,
						 &cs[i], cs[i].err, sizeof(cs[i].err)),
				 0);
	}
	m.stop_at = stop_at ? nets[0]->now + stop_at : 0;
	assert_int_equal(probe_sched_active(s), n);
	while ((rc = probe_sched_next(s, &tag, &cs[0].rc)) == 1) {
		struct sched_case *c = tag;

		assert_false(c->done); /* each run ends once */
		c->done = true;
		c->rc = cs[0].rc;
		if (c != &cs[0])
			cs[0].rc = 0;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(probe_sched_active(s), 0);
	for (size_t i = 0; i < n; i++)
		assert_true(cs[i].done);
	check_total(nets, n, total);
	probe_sched_free(s);
	free(nets);
}

static void
free_cases(struct sched_case *cs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		probe_run_free(&cs[i].run);
		free(cs[i].f);
	}
}

/* Every row of the table at once, under a total rate well below their sum:
 * each answer is what the row asks of a run alone (the rows that must be
 * exact in every seed), each run keeps its own rate and budget, and all
 * of them together keep the total. */
static void
test_sched_every_scenario(void **state)
{
	size_t n = sizeof(scenarios) / sizeof(scenarios[0]), lossy = 0, missed = 0;
	struct sched_case *cs = calloc(n, sizeof(*cs));

	(void)state;
	assert_non_null(cs);
	for (size_t i = 0; i < n; i++)
		cs[i].sc = &scenarios[i];
	run_sched(cs, n, 0, 1000, 1, NULL, 0);
	for (size_t i = 0; i < n; i++) {
		const struct scenario *sc = cs[i].sc;
		unsigned rate = sc->rate ? sc->rate : 200;

		if (cs[i].rc != 0)
			fail_msg("%s: engine error: %s", sc->name, cs[i].err);
		check_invariants(cs[i].f, &cs[i].run, sc->max_probes ? sc->max_probes : 300, rate);
		if (sc->min_exact)
			lossy++;
		if (exact(sc, &cs[i].run))
			continue;
		print_message("    %s: pmtu %u stop %s verified %d (why %d/%d)\n", sc->name,
			      cs[i].run.pmtu, probe_stop_str(cs[i].run.stop), cs[i].run.verified,
			      (int)cs[i].run.confidence.why, (int)cs[i].run.confidence.search.why);
		if (!sc->min_exact)
			fail_msg("%s: not exact under the scheduler", sc->name);
		missed++;
	}
	print_message("  %zu runs at once: the exact rows exact, %zu of %zu lossy rows missed\n", n,
		      missed, lossy);
	assert_true(missed <= 1);
	free_cases(cs, n);
	free(cs);
}

/* 20 sites: one WAN target for all (its rate is shared: the 20 runs to it
 * together keep 1 / --rate), a tunnel target each, black holes and loss
 * among them; every answer exact. */
static void
test_sched_sites(void **state)
{
	static const struct scenario wan = { "wan", NET(.path_mtu = 1454), .want_pmtu = 1454,
					     .want_verified = true };
	static const struct scenario kinds[] = {
		{ "clean", NET(.path_mtu = 1454), .want_pmtu = 1454, .want_verified = true },
		{ "bh", NET(.path_mtu = 1400, .ptb = FAKE_PTB_BLACKHOLE), .want_pmtu = 1400,
		  .want_verified = true },
		{ "loss", NET(.path_mtu = 1454, .loss = 0.1), .want_pmtu = 1454,
		  .want_verified = true },
		{ "bh+loss", NET(.path_mtu = 1400, .ptb = FAKE_PTB_BLACKHOLE, .loss = 0.1),
		  .want_pmtu = 1400, .want_verified = true },
	};
	enum { SITES = 20 };
	struct sched_case *cs = calloc(2 * SITES, sizeof(*cs));
	size_t count;
	uint64_t *t;

	(void)state;
	assert_non_null(cs);
	for (size_t i = 0; i < SITES; i++) {
		cs[i].sc = &wan;
		cs[SITES + i].sc = &kinds[i % 4];
	}
	run_sched(cs, 2 * SITES, SITES, 500, 7, NULL, 0);
	for (size_t i = 0; i < 2 * SITES; i++) {
		if (!exact(cs[i].sc, &cs[i].run))
			fail_msg("run %zu (%s): pmtu %u verified %d (why %d/%d)", i, cs[i].sc->name,
				 cs[i].run.pmtu, cs[i].run.verified, (int)cs[i].run.confidence.why,
				 (int)cs[i].run.confidence.search.why);
		check_invariants(cs[i].f, &cs[i].run, 300, 200);
	}
	/* the WAN target's probes of all 20 runs: 1/200 s apart at least */
	t = all_sends((struct fakenet *const[]){ cs[0].f }, 1, &count);
	free(t);
	{
		struct fakenet *w[SITES];

		for (size_t i = 0; i < SITES; i++)
			w[i] = cs[i].f;
		t = all_sends(w, SITES, &count);
		/* one bucket for the address (issue 23: burst, then 1/200 s) */
		for (size_t a = 0; a < count; a++)
			for (size_t b = a + 1; b < count; b++)
				assert_true((double)(b - a + 1) <=
					    probe_burst_default(200) +
						    (double)(t[b] - t[a]) * 200 / 1e6 + 1e-9);
		free(t);
	}
	free_cases(cs, 2 * SITES);
	free(cs);
}

/* One run's send fails (a route gone): that run ends with its error, the
 * others are measured; a signal ends every run still going, interrupted. */
static void
test_sched_errors(void **state)
{
	static const struct scenario ok = { "ok", NET(.path_mtu = 1454, .ptb = FAKE_PTB_BLACKHOLE),
					    .want_pmtu = 1454, .want_verified = true };
	static const struct scenario bad = {
		"bad", NET(.path_mtu = 1454, .fail_send = true, .fail_after = 3), .family = 4
	};
	struct sched_case cs[4] = { { .sc = &ok }, { .sc = &bad }, { .sc = &ok }, { .sc = &ok } };
	volatile sig_atomic_t stop = 0;

	(void)state;
	run_sched(cs, 4, 0, 1000, 3, NULL, 0);
	assert_int_equal(cs[1].rc, -1);
	assert_int_equal(cs[1].run.stop, PROBE_STOP_ERROR);
	assert_string_equal(cs[1].err, "fake: send failed");
	assert_null(cs[1].run.probes);
	for (size_t i = 0; i < 4; i++)
		if (i != 1)
			assert_true(exact(cs[i].sc, &cs[i].run));
	free_cases(cs, 4);
	/* black holes take about 40 probes at 200/s: a signal after 60 ms */
	for (size_t i = 0; i < 4; i++)
		cs[i].sc = &ok;
	run_sched(cs, 4, 0, 1000, 3, &stop, 60000);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(cs[i].rc, 0);
		assert_int_equal(cs[i].run.stop, PROBE_STOP_INTERRUPTED);
		assert_true(cs[i].run.probes_sent > 0);
	}
	free_cases(cs, 4);
}

int
main(void)
{
	struct CMUnitTest t[sizeof(scenarios) / sizeof(scenarios[0]) + 20];
	size_t n = 0;

	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		t[n] = (struct CMUnitTest)cmocka_unit_test_prestate(test_scenario,
								    (void *)&scenarios[i]);
		t[n++].name = scenarios[i].name;
	}
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_copies_together);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_stop_flag);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_stop_before);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_budget);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_deterministic);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_bad_config);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_io_error);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_io_error_no_leak);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_progress);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_record_clean);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_late_replies);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_foreign_seq);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_record_contradicted);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_record_bad_quote);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_rate_limited_shared);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_loss_not_rate_limited);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_sched_every_scenario);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_sched_sites);
	t[n++] = (struct CMUnitTest)cmocka_unit_test(test_sched_errors);
	return _cmocka_run_group_tests("engine", t, n, NULL, NULL);
}
