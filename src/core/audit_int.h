/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by audit.c (the checks) and audit_model.c (line MTU, ESP mapping,
 * per-tunnel numbers); nothing outside the audit includes it. */
#ifndef MTUPROBE_AUDIT_INT_H
#define MTUPROBE_AUDIT_INT_H

#include "core/audit.h"

struct audit_run {
	const struct audit_input *in;
	const struct config *cfg;
	const struct peer_def *peer; /* never NULL: generic when none given */
	struct audit_result *r;
	const struct audit_check *check; /* the row being run */
	/* Indexes built once, so a hub of tens of thousands of peers costs
	 * linear time (audit_run): each gateway's tunnels as a list (first by
	 * gateway, next by tunnel, -1 ends), the BGP neighbours by address. */
	int *first, *next;
	size_t *bgp_order;
	/* 1 for a gateway whose every tunnel answers remote-access clients
	 * (L2TP/IPsec): not a site-to-site peer, so the peer checks (DPD,
	 * initiation, backward compatibility) leave it alone */
	unsigned char *remote_only;
};

/* Line MTU, ESP, NAT-T and the model's limit for every tunnel. */
void audit_prepare(struct audit_run *a);

/* The arguments of a finding's or a note's words (struct audit_say), in
 * the order its sentence names them; an ARGS() list ends itself. */
#define AN(x) ((struct audit_arg){ .kind = AA_NUM, .n = (long)(x) })
#define AS(x) ((struct audit_arg){ .kind = AA_STR, .s = (x) })
#define AQ(x) ((struct audit_arg){ .kind = AA_QUOTE, .s = (x) })  /* copied: one a finding */
#define AM(x) ((struct audit_arg){ .kind = AA_MODEL, .me = (x) }) /* copied: one a finding */
#define AW(x) ((struct audit_arg){ .kind = AA_WORD, .n = (long)(x) })
#define AP(x) ((struct audit_arg){ .kind = AA_PHRASE, .s = (x) })
/* the result's line_from (a const struct audit_line_from *) */
#define AF(x) ((struct audit_arg){ .kind = AA_FROM, .from = (x) })
#define ARGS(...) ((const struct audit_arg[]){ __VA_ARGS__, { .kind = AA_END } })
#define NOARGS ((const struct audit_arg[]){ { .kind = AA_END } })

/* A new finding of the current check saying code with args, or NULL when
 * memory ran out. */
struct audit_finding *audit_finding(struct audit_run *a, unsigned line, const char *text,
				    const char *where, int code, const struct audit_arg *args);
void audit_fix(struct audit_finding *f, enum audit_fix_kind kind, long n, long m, int tunnel,
	       int gateway);
/* A note (what was not checked), or NULL when memory ran out. */
struct audit_say *audit_note(struct audit_run *a, int code, const struct audit_arg *args);

/* The first-written BGP neighbour reached through a tunnel of gateway g
 * (narrow-selectors-with-bgp's rule, audit.c), NULL none. */
const struct config_bgp *audit_bgp_through(const struct audit_run *a, size_t g);
/* Without --peer: a note when the file shows its peer (core/audit_hint.c). */
void audit_peer_hint(struct audit_run *a);

/* The audit's view of tunnel i (same index as config.tunnels). */
const struct audit_tunnel *audit_tunnel_at(const struct audit_run *a, size_t i);
int audit_is_ikev2(const struct audit_run *a, int gateway);

#endif
