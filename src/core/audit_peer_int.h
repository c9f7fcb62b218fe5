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
	const struct audit_result *router; /* the router audit (target numbers), may be NULL */
	struct audit_peer_result *r;
	const struct audit_peer_check *check;
	const struct peer_def *aws;  /* model.h's AWS limits (MTU 1446, MSS 1406) */
	unsigned char *used;         /* per router tunnel: paired */
	int first_router, first_aws; /* the first unpaired of each side, -1 none */
	int aws_unknown;             /* an unpaired AWS tunnel's address is not known yet */
};

int audit_peer_covers(uint32_t net, unsigned plen, uint32_t addr);
struct audit_peer_finding *
audit_peer_finding(struct audit_peer_run *a, int aws, int router, unsigned line, const char *text);
void audit_peer_fix(const struct audit_peer_run *a, struct audit_peer_finding *f,
		    enum audit_fix_kind kind, long n, long m, int tunnel);
const struct config_bgp *
audit_peer_bgp_through(const struct audit_peer_run *a, const struct peer_tunnel *pt, size_t i);

/* Router facts both pairings read (an AWS tunnel's and a second
 * router's): core/audit_pair.c uses them for two routers. */
int audit_peer_ipsec_tunnel(const struct config *c, size_t i);
struct audit_noinit {
	enum audit_no_init why;
	unsigned line;
	const char *text;
};
/* Whether tunnel i's router starts IKE again after the SA is gone. */
struct audit_noinit audit_peer_noinit(const struct config *c, size_t i);
/* The fix kinds that make it do so; *per_tunnel 0: a global line. */
size_t
audit_peer_noinit_kinds(enum audit_no_init why, enum audit_fix_kind kind[2], int *per_tunnel);
/* How long DPD keeps a dead SA: audit_dpd_hold() (core/audit.h). */
/* An ESP transform (strongSwan syntax) as PEER_ENC_* / PEER_INTEG_* bits; -1 unknown. */
int audit_peer_esp_bits(const char *esp, unsigned *enc, unsigned *integ);
/* PEER_IKEV1 | PEER_IKEV2 the router speaks on tunnel i, 0 unknown. */
unsigned audit_peer_router_ike(const struct config *c, size_t i);
/* The line the tunnel's ESP transform came from, NULL none. */
const struct config_num *audit_peer_esp_line(const struct config *c, size_t i);

/* The IKE SA's and IPsec SA's lifetimes (seconds) and the lines they
 * came from (line 0: the default); -1 when this format's lifetimes are
 * not read, -2 when one is a template. */
int audit_peer_router_life(const struct config *c, size_t i, long life[2],
			   const struct config_num *from[2]);

/* audit_peer_ike.c's checks, rows of audit_peer.c's table */
void audit_peer_check_dpd_hold(struct audit_peer_run *a);
void audit_peer_check_inside(struct audit_peer_run *a);
void audit_peer_check_proposal(struct audit_peer_run *a);
void audit_peer_check_lifetime(struct audit_peer_run *a);
void audit_peer_check_selectors(struct audit_peer_run *a);
void audit_peer_check_psk(struct audit_peer_run *a);

#endif
