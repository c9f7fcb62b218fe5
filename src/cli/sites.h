/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --targets: the run's state (sites.c) and its outputs (sites_out.c,
 * sites_prom.c): the summary table, JSON Lines, --out-dir, --prometheus. */
#ifndef MTUPROBE_SITES_H
#define MTUPROBE_SITES_H

#include <stdio.h>

#include "cli/options.h"
#include "config/inventory.h"

/* One row of the summary table: what `mtuprobe report` prints from JSON. */
struct site_row {
	const char *name;
	int done;         /* measured (or failed) and reported */
	int interrupted;  /* a signal cut it short (mtuprobe(1), INVENTORY, Exit status) */
	int status;       /* the site's exit status, as probe gives it */
	unsigned wan_mtu; /* 0: not measured */
	unsigned tun_mtu[INVENTORY_MAX_TUNNELS]; /* 0: not measured */
	size_t ntun;
	int verified;     /* every path measured and verified */
	char verdict[48]; /* tunnel_vs_model's word, a fault key, "interrupted" or "-" */
	double secs;      /* time its paths were probed (JSON's elapsed_ms) */
};

struct prom_merge;

struct sites {
	struct cli global;     /* the command line's options */
	const char *file_name; /* --targets FILE ("-": standard input) */
	struct inventory inv;
	struct site_row *rows;   /* one per site, in the inventory's order */
	size_t cur;              /* the site being reported */
	double t0;               /* its first run's start (CLOCK_MONOTONIC, seconds) */
	struct prom_merge *prom; /* --prometheus: every site's samples */
};

/* sites_read.c: FILE as cli_read_config reads it, but as root through a
 * child that has become user (NULL: the sudo caller or nobody) first. */
int sites_read_file(const char *name, const char *user, char **buf, size_t *len, char *err,
		    size_t errlen);

/* sites_out.c */
/* Before the first probe: --out-dir exists or is created. */
int sites_out_begin(struct sites *st);
/* A site that ended without a report (an error after its message). */
void sites_failed(struct sites *st, int rc);
/* After the last site: the table (without --json), the Prometheus file;
 * the worst site's status (site_worse). */
int sites_out_end(struct sites *st);
void sites_out_free(struct sites *st);

/* The summary table of rows (also `mtuprobe report`). */
void sites_table(FILE *f, const struct site_row *rows, size_t n);
/* 1 when status a is worse than b: 6, 2, 1, 5, 3, 0 (mtuprobe(1), EXIT STATUS). */
int site_worse(int a, int b);

/* sites_prom.c: one site's render_prometheus() text, with site="NAME" on
 * each sample; written with every family's samples together. */
int prom_merge_add(struct prom_merge **pm, const char *site, const char *text, size_t len);
int prom_merge_write(const struct prom_merge *pm, const char *file, char *err, size_t errlen);
void prom_merge_free(struct prom_merge *pm);

#endif
