/* SPDX-License-Identifier: BSD-2-Clause */
/* Formats mtuprobe does not read, recognised by positive evidence: commands
 * that only that format has, so a Cisco IOS sample is named as such instead
 * of being half-read as NEC IX (whose grammar it resembles) and audited
 * "0 errors". Bytes in, no I/O, no globals, no allocation; one pass over the
 * text, and only the first FOREIGN_LINE_MAX bytes of a line are looked at,
 * so a 1 MB line costs one memchr. */
#ifndef MTUPROBE_CONFIG_FOREIGN_H
#define MTUPROBE_CONFIG_FOREIGN_H

#include <stddef.h>

#define FOREIGN_LINE_MAX 512 /* bytes of a line that are read at all */

/* A format mtuprobe does not read; name is for the user ("Cisco IOS/IOS-XE").
 * Returns 1 and fills *out when the text carries that format's evidence, else 0. */
struct config_foreign {
	const char *name;  /* static string, e.g. "Cisco IOS/IOS-XE"; NULL when 0 */
	unsigned line;     /* 1-based line of the first evidence */
	unsigned evidence; /* lines that only that format has */
	unsigned lines;    /* non-comment, non-blank lines in the text */
	char why[96];      /* the first evidence line: trimmed, cut, control bytes as '?' */
};

/* out may be NULL (only the answer is wanted); otherwise it is zeroed first.
 * When two formats carry evidence, the one with more evidence lines wins; a
 * tie goes to the earlier table row. */
int config_foreign_detect(const char *buf, size_t len, struct config_foreign *out);

#endif
