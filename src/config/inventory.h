/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --targets FILE: the sites to measure, bytes in (no I/O). Either one
 * site per line, "NAME WAN_TARGET [TUNNEL_TARGET ...]" with '#' comments,
 * or CSV with a header naming the columns (mtuprobe(1), INVENTORY). */
#ifndef MTUPROBE_INVENTORY_H
#define MTUPROBE_INVENTORY_H

#include <stddef.h>

/* The most sites one file holds: beyond it the file is refused, never cut.
 * The tables grow as the file is read, so memory follows the file. */
#define INVENTORY_MAX_SITES 10000
/* Tunnel targets per site: probe's own limit (REPORT_MAX_TUNNEL_IFS). */
#define INVENTORY_MAX_TUNNELS 16
/* A site name: it names files in --out-dir and is a Prometheus label. */
#define INVENTORY_NAME_MAX 63
/* A field: a DNS name is at most 253 bytes (RFC 1035 section 2.3.4). */
#define INVENTORY_FIELD_MAX 255
/* A line of the file, its end included. */
#define INVENTORY_LINE_MAX 4096

enum inventory_format { INVENTORY_LINES = 1, INVENTORY_CSV = 2 };

struct inventory_site {
	char *name;
	char *wan;                            /* the WAN target */
	char *tunnels[INVENTORY_MAX_TUNNELS]; /* tunnel targets, in the file's order */
	size_t ntunnels;
	char *vendor, *esp, *line, *config; /* CSV's optional columns; NULL: not given */
	unsigned lineno;                    /* where the site is in the file */
};

struct inventory {
	enum inventory_format format;
	struct inventory_site *sites; /* in the file's order */
	size_t nsites, cap;
};

/* Parse the whole file. 0, or -1 with "line N: what is wrong" in err (the
 * inventory is then empty). Free with inventory_free either way. */
int inventory_parse(const char *buf, size_t len, struct inventory *inv, char *err, size_t errlen);
void inventory_free(struct inventory *inv);

#endif
