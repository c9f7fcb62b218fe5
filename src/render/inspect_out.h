/* SPDX-License-Identifier: BSD-2-Clause */
/* mtuprobe inspect's renderers (inspect_out.c): sinks for the analysis
 * (inspect/inspect_scan.h), and its reason for stopping in words. */
#ifndef MTUPROBE_INSPECT_OUT_H
#define MTUPROBE_INSPECT_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "inspect/inspect_scan.h"

/* What a renderer needs besides the analysis: where it writes, and the
 * names of the capture it reads (as the command gives them). */
struct inspect_view {
	FILE *f;
	const char *path;     /* the file as named in the output */
	const char *linktype; /* libpcap's name of its link type */
	int quiet;            /* text: the answers alone */
};

/* The text renderer (the answers first) and the JSON one (mtuprobe(1),
 * INSPECT), writing to v, which must outlive the analysis. */
void inspect_text_sink(struct inspect_sink *k, struct inspect_view *v);
void inspect_json_sink(struct inspect_sink *k, struct inspect_view *v);

/* Why the analysis stopped (s->fail), in the user's words when localized,
 * else English (JSON); the source's own words as it gave them. Returns buf
 * or s->err. */
const char *inspect_fail_words(const struct inspect *s, int localized, char *buf, size_t len);

#endif
