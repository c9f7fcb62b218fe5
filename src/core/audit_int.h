/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by audit.c (the checks) and audit_model.c (line MTU, ESP mapping,
 * per-tunnel numbers); nothing outside the audit includes it. */
#ifndef MTUPROBE_AUDIT_INT_H
#define MTUPROBE_AUDIT_INT_H

#include "core/audit.h"

struct audit_run {
	const struct audit_input *in;
	const struct config *cfg;
	const struct peer_def *peer;        /* never NULL: generic when none given */
	struct audit_result *r;
	const struct audit_check *check;    /* the row being run */
	/* Indexes built once, so a hub of tens of thousands of peers costs
	 * linear time (audit_run): each gateway's tunnels as a list (first by
	 * gateway, next by tunnel, -1 ends), the BGP neighbours by address. */
	int *first, *next;
	size_t *bgp_order;
};

/* Line MTU, ESP, NAT-T and the model's limit for every tunnel. */
void audit_prepare(struct audit_run *a);

/* A new finding of the current check, or NULL when memory ran out. */
struct audit_finding *audit_finding(struct audit_run *a, unsigned line, const char *text,
				    const char *where, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void audit_fix(struct audit_finding *f, enum audit_fix_kind kind, long n, long m,
	       int tunnel, int gateway);
void audit_note(struct audit_run *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The audit's view of tunnel i (same index as config.tunnels). */
const struct audit_tunnel *audit_tunnel_at(const struct audit_run *a, size_t i);
int audit_is_ikev2(const struct audit_run *a, int gateway);

#endif
