/* SPDX-License-Identifier: BSD-2-Clause */
/* audit --peer-config with a second router configuration: the pair's
 * section of the text and JSON output (mtuprobe(1), "Auditing both
 * ends"), its words, and each end's fixes in that end's syntax
 * (render/audit_fix.c). Codes and numbers from core/audit_pair.c. */
#ifndef MTUPROBE_AUDIT_PAIR_OUT_H
#define MTUPROBE_AUDIT_PAIR_OUT_H

#include <stdio.h>

#include "core/audit_pair.h"

/* Why, with the numbers, for one finding: localized, in the user's
 * language (text); else English (--json's "message"). */
void audit_pair_words(const struct audit_rpair_result *r, const struct audit_rpair_finding *f,
		      int localized, char *buf, size_t len);

/* One end's fix lines for one finding (only) or every finding (NULL: the
 * end's change set for the pair, as the router audit prints one). */
void
audit_pair_end_lines(const struct audit_rpair_result *r, const struct audit_rpair_finding *only,
		     int side, void (*emit)(void *ctx, const char *line), void *ctx);

/* The pair's text section, after both ends' own audits; files[END_A]
 * and files[END_B] as the output names them. */
void
render_audit_pair_text(FILE *f, const struct audit_rpair_result *r, const char *const files[2]);
/* -q: each end's change set (its own audit's, then the pair's), after a
 * comment naming its file. */
void
render_audit_pair_quiet(FILE *f, const struct audit_rpair_result *r, const char *const files[2]);
/* The audit's JSON object of end A with the "peer_config" member: the
 * second router's format, file, its own audit object, pairs, findings. */
/* Its "peer_config" member alone (audit_json.c puts it in the object). */
void
audit_pair_json_member(FILE *f, const struct audit_rpair_result *r, const char *const files[2]);
void render_audit_json_pair(FILE *f, const struct audit_result *ra,
			    const struct audit_rpair_result *r, const char *const files[2]);

#endif
