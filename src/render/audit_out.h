/* SPDX-License-Identifier: BSD-2-Clause */
/* The audit's renderers: one finished struct audit_result in, text or one
 * JSON object out (the JSON contract: mtuprobe(1), AUDIT JSON). */
#ifndef MTUPROBE_AUDIT_OUT_H
#define MTUPROBE_AUDIT_OUT_H

#include <stdio.h>
#include "core/audit.h"

void render_audit_text(FILE *f, const struct audit_result *r, const char *file);
void render_audit_json(FILE *f, const struct audit_result *r, const char *file);
/* The same object with no newline, to sit inside probe's JSON. */
void render_audit_json_object(FILE *f, const struct audit_result *r, const char *file);

/* The fix lines, in the vendor's syntax and mode blocks, one emit() per
 * line: for one finding (only), or the site's change set (only == NULL:
 * every fix, each changed line after a comment with the line it replaces,
 * ending with the command that saves the configuration). */
void audit_fix_lines(const struct audit_result *r, const struct audit_finding *only,
		     void (*emit)(void *ctx, const char *line), void *ctx);
/* emit() for a FILE *ctx: each line indented four spaces, or as it is. */
void audit_emit_indented(void *ctx, const char *line);
void audit_emit_plain(void *ctx, const char *line);

/* The rollback of the change set: the same blocks with the old lines back
 * (or the line removed where there was none), to paste after the change
 * to undo it. */
void audit_rollback_lines(const struct audit_result *r, void (*emit)(void *ctx, const char *line),
			  void *ctx);

/* 1 when some finding has a fix: there is a change set to print. */
int audit_has_fix(const struct audit_result *r);

/* Words for codes (render/audit_words.c): a finding's "why" (its message,
 * or the words for an invalid line or an undefined reference), a tunnel
 * kind, why a tunnel was not checked. */
/* What a finding or note of audit.c says (struct audit_say): localized,
 * in the user's language; else English (--json). */
void audit_say_words(const struct audit_say *w, int localized, char *buf, size_t len);
void audit_finding_words(const struct audit_result *r, const struct audit_finding *f, int localized,
			 char *buf, size_t len);
/* Where the line MTU came from (audit_result.line_from): localized, in the
 * user's language; else English (--json's line_mtu_from). */
void audit_line_from_words(const struct audit_line_from *w, int localized, char *buf, size_t len);
/* localized: in the user's language; else English (--json's not_checked) */
const char *audit_kind_words(enum config_tunnel_kind k, int localized);
void audit_skip_words(const struct audit_result *r, const struct audit_tunnel *t, int localized,
		      char *buf, size_t len);

#endif
