/* SPDX-License-Identifier: BSD-2-Clause */
/* audit --peer-config: the pair's section of the audit's text and JSON
 * (mtuprobe(1), "Auditing both ends"), the words for the pair's codes, and
 * the fixes: the router's in its own syntax (render/audit_fix.c), the AWS
 * side as AWS CLI command lines. */
#ifndef MTUPROBE_AUDIT_PEER_OUT_H
#define MTUPROBE_AUDIT_PEER_OUT_H

#include <stdio.h>
#include "core/audit_peer.h"

/* Why, with the numbers, for one finding of the pair: localized, in the
 * user's language (text); else English (--json's "message"). */
void audit_peer_words(const struct audit_peer_result *r, const struct audit_peer_finding *f,
		      int localized, char *buf, size_t len);

/* Why --peer-config's document was refused (config/peer.h struct
 * peer_error), localized as above (render/peer_words.c). */
void peer_error_words(const struct peer_error *e, int localized, char *buf, size_t len);

/* Fix lines for one finding (only) or for every finding (only == NULL):
 * the router's (a change set with the old lines, as the router audit's)
 * and the AWS side's (one modify-vpn-tunnel-options command per tunnel,
 * then a wait, so that one tunnel changes at a time). The AWS side's
 * comment lines in the user's language when localized (text, -q: shell
 * comments, audit_peer_aws_comment()), English for --json; the router's
 * and Terraform's stay English (no vendor's acceptance of non-ASCII bytes
 * in a comment is confirmed, mtuprobe(1) ENVIRONMENT). */
void
audit_peer_router_lines(const struct audit_peer_result *r, const struct audit_peer_finding *only,
			void (*emit)(void *ctx, const char *line), void *ctx);
void audit_peer_rollback_lines(const struct audit_peer_result *r,
			       void (*emit)(void *ctx, const char *line), void *ctx);
void audit_peer_aws_lines(const struct audit_peer_result *r, const struct audit_peer_finding *only,
			  int localized, void (*emit)(void *ctx, const char *line), void *ctx);
/* The same AWS-side fixes as Terraform attribute lines, per resource
 * (audit_peer_tf.c): what audit_peer_aws_lines() prints for Terraform input. */
void audit_peer_tf_lines(const struct audit_peer_result *r, const struct audit_peer_finding *only,
			 void (*emit)(void *ctx, const char *line), void *ctx);

/* The pair's text section (after the router's findings and change set),
 * its JSON member (",\"peer_config\":{...}", inside the audit's object),
 * and -q's lines (the router's, then the AWS commands). */
void render_audit_peer_text(FILE *f, const struct audit_peer_result *r, const char *cfg_file,
			    const char *peer_file);
void render_audit_peer_json(FILE *f, const struct audit_peer_result *r, const char *peer_file);
void render_audit_peer_quiet(FILE *f, const struct audit_peer_result *r);
/* The same member under another key (probe's config.peer). */
void render_audit_peer_json_key(FILE *f, const struct audit_peer_result *r, const char *peer_file,
				const char *key);

/* audit_json.c's emit() for fix lines: each line a JSON string, commas
 * between (ctx: a struct audit_jlist, n zeroed for each list). */
struct audit_jlist {
	FILE *f;
	int n;
};
void audit_json_emit(void *ctx, const char *line);

/* The audit's JSON object (render/audit_json.c) with the pair's member. */
void render_audit_json_peer(FILE *f, const struct audit_result *r, const char *file,
			    const struct audit_peer_result *p, const char *peer_file);

#endif
