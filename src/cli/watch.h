/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --interval and --prometheus: one line per round, the changes since
 * the last round as events, and the textfile-collector file written
 * atomically (mtuprobe(1), WATCHING A PATH). */
#ifndef MTUPROBE_WATCH_H
#define MTUPROBE_WATCH_H

#include <signal.h>
#include <stdio.h>

#include "render/render.h"

struct watch {
	struct prom_state prom;
	int have_prev;                  /* a round has been reported */
	unsigned prev_pmtu[PROM_PATHS]; /* per path (prom_paths()): 0 = not measured */
	int prev_verified[PROM_PATHS];
	int prev_up[PROM_PATHS]; /* the path was measured (no fault) */
	int prev_verdict;        /* enum tunnel_verdict, -1 = none */
};

/* Counts a report for --prometheus: the round, the path MTU last measured,
 * the last verified one's time, and why each path was not measured. Every
 * report, with or without --interval, before it is printed and written. */
void watch_account(struct watch *w, const struct report *r);

/* Prints the round (JSON line, value line or one text line) with its
 * events, then remembers it. The caller flushes f and checks the write
 * (cli_stdout_done). */
void watch_round(struct watch *w, const struct report *r, int json, int value, FILE *f);

/* Writes FILE.XXXXXX (mkstemp) beside FILE, fsyncs it and renames it over
 * FILE, so a collector never reads half a file and two writers never share
 * a temporary file. -1 with a message in err. */
int watch_write_prometheus(struct watch *w, const char *file, const struct report *r, char *err,
			   size_t errlen);

/* The same for any text: --targets writes every site's samples at once. */
int watch_write_atomic(const char *file, const char *text, size_t len, char *err, size_t errlen);

/* Sleeps seconds, or until *stop is set; returns 1 when stopped. */
int watch_sleep(unsigned seconds, volatile sig_atomic_t *stop);

#endif
