/* SPDX-License-Identifier: BSD-2-Clause */
/* Between render/audit_peer_out.c and render/audit_peer_ike_out.c (the
 * IKE checks' words, notes and AWS options). Not a public API. */
#ifndef MTUPROBE_AUDIT_PEER_INT_H_RENDER
#define MTUPROBE_AUDIT_PEER_INT_H_RENDER

#include <stdio.h>

#include "core/audit_peer.h"

/* ", the default: not in the file" when n was not in the document, else "". */
const char *audit_peer_dflt(const struct peer_num *n, int localized);
/* a.b.c.d of a host-order address */
void audit_peer_ip_text(uint32_t a, char *buf, size_t len);

/* 1 when f is one of audit_peer_ike.c's checks: buf holds its words
 * (localized: in the user's language; else English, for --json). */
int audit_peer_ike_words(const struct audit_peer_result *r, const struct audit_peer_finding *f,
			 int localized, char *buf, size_t len);
/* 1 when f has a router-side note (a comment, or an RTX line) in buf. */
int audit_peer_ike_note(const struct audit_peer_result *r, const struct audit_peer_finding *f,
			const char *lead, char *buf, size_t len);
/* Appends tunnel k's list options (from only, or from every finding). */
void audit_peer_ike_aws_opts(const struct audit_peer_result *r, size_t k,
			     const struct audit_peer_finding *only, char *opts, size_t len);
/* The modify-vpn-connection-options lines for connection pc. */
/* The same lists as Terraform attribute lines of tunnel number (1, 2). */
void audit_peer_ike_tf_lists(const struct audit_peer_result *r, size_t k,
			     const struct audit_peer_finding *only, size_t number,
			     void (*emit)(void *ctx, const char *line), void *ctx);
/* localized: its comment lines in the user's language (shell comments:
 * audit_peer_aws_comment()), else English (--json). */
void audit_peer_ike_aws_cidrs(const struct peer_conn *pc, int id_ok, int localized,
			      void (*emit)(void *ctx, const char *line), void *ctx);
/* An AWS CLI comment: each line of words (translated when localized) after
 * "# ". They are pasted into a shell, which ignores every character after
 * '#' to the end of the line (GNU Bash manual, 3.1.3 Comments;
 * doc/vendor-syntax.md), so a translation is safe there, unlike a router's
 * comment (those stay English, mtuprobe(1) ENVIRONMENT). */
void audit_peer_aws_comment(const char *words, int localized,
			    void (*emit)(void *ctx, const char *line), void *ctx);

/* "AES128, AES256": IKE versions (which 0), ESP encryption (1) or
 * integrity (2) bits as the EC2 API names them. */
void audit_peer_alg_names(int which, long bits, char *buf, size_t len);
/* Why tunnel t of c never starts IKE again; other: who stops answering. */
void audit_peer_noinit_words(const struct config *c, int t, enum audit_no_init why,
			     const char *other, int localized, char *buf, size_t len);

/* Words for each PAIR_NC_* bit, one call each (localized as above). */
void audit_peer_not_checked(unsigned bits, int localized, void (*each)(void *ctx, const char *what),
			    void *ctx);

/* ,"rekey_margin_seconds":..,"phase1_encryption":[..],..: the tunnel's options
 * the pair's checks read, for --json's tunnels[]. */
void audit_peer_json_tunnel_options(FILE *f, const struct peer_tunnel *pt);

#endif
