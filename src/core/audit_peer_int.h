/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the pair's check files (audit_peer.c: pairing, who starts
 * IKE, routing, NAT-T, MTU/MSS, telemetry; audit_peer_ike.c: DPD hold,
 * inside addresses, proposals, lifetimes, selectors). Not a public API. */
#ifndef MTUPROBE_AUDIT_PEER_INT_H
#define MTUPROBE_AUDIT_PEER_INT_H

#include "core/audit_peer.h"

/* AWS puts tunnel inside addresses in 169.254.0.0/16 (EC2 API
 * VpnTunnelOptionsSpecification, TunnelInsideCidr). */
#define PEER_LINK_LOCAL 0xa9fe0000u

struct audit_peer_run {
	const struct config *c;
	const struct peer_config *p;
	const struct audit_result *router;  /* the router audit (target numbers), may be NULL */
	struct audit_peer_result *r;
	const struct audit_peer_check *check;
	const struct peer_def *aws;         /* model.h's AWS limits (MTU 1446, MSS 1406) */
	unsigned char *used;                /* per router tunnel: paired */
	int first_router, first_aws;        /* the first unpaired of each side, -1 none */
	int aws_unknown;                    /* an unpaired AWS tunnel's address is not known yet */
};

int audit_peer_covers(uint32_t net, unsigned plen, uint32_t addr);
struct audit_peer_finding *audit_peer_finding(struct audit_peer_run *a, int aws, int router,
					      unsigned line, const char *text);
void audit_peer_fix(const struct audit_peer_run *a, struct audit_peer_finding *f,
		    enum audit_fix_kind kind, long n, long m, int tunnel);
const struct config_bgp *audit_peer_bgp_through(const struct audit_peer_run *a,
						const struct peer_tunnel *pt, size_t i);

/* audit_peer_ike.c's checks, rows of audit_peer.c's table */
void audit_peer_check_dpd_hold(struct audit_peer_run *a);
void audit_peer_check_inside(struct audit_peer_run *a);
void audit_peer_check_proposal(struct audit_peer_run *a);
void audit_peer_check_lifetime(struct audit_peer_run *a);
void audit_peer_check_selectors(struct audit_peer_run *a);
void audit_peer_check_psk(struct audit_peer_run *a);

#endif
