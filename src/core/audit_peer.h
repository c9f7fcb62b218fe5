/* SPDX-License-Identifier: BSD-2-Clause */
/* audit --peer-config: both ends of the tunnels together. Pure: fed the
 * router's parsed configuration (config/config.h) and the peer's own
 * (config/peer.h), it pairs each AWS tunnel with a router tunnel and
 * returns findings as codes and numbers; render/audit_peer_out.c words
 * them and prints the fixes (the router's through render/audit_fix.c, the
 * AWS side as AWS CLI commands). Each check is one row of a const table
 * with its id (a stable contract: mtuprobe(1), "Auditing both ends"),
 * severity and source. */
#ifndef MTUPROBE_AUDIT_PEER_H
#define MTUPROBE_AUDIT_PEER_H

#include "config/config.h"
#include "config/peer.h"
#include "core/audit.h"

/* How an AWS tunnel found its router tunnel. */
enum audit_pair_by { PAIR_NONE, PAIR_OUTSIDE, PAIR_INSIDE };

struct audit_pair {
	int router; /* index in config.tunnels, -1: none */
	enum audit_pair_by by;
	unsigned not_checked; /* PAIR_NC_* */
};

/* Why the router never starts IKE again (the words: audit_peer_out.c). */
enum audit_no_init {
	NOINIT_NO,               /* it does initiate */
	NOINIT_RTX_GLOBAL_UNSET, /* no ipsec auto refresh: default off (15.10) */
	NOINIT_RTX_GLOBAL_OFF,   /* ipsec auto refresh off */
	NOINIT_RTX_GW_OFF,       /* ipsec auto refresh GW off */
	NOINIT_IX_NO_CONNECT,    /* IKEv2 without ikev2 connect-type auto */
	NOINIT_IX_RESPONDER,     /* ikev2 negotiation-direction responder */
	NOINIT_SWAN_NO_START,    /* start_action none (or unset) */
	NOINIT_SWAN_DPD_CLEAR,   /* dpd_action clear (or unset): nothing restarts the child */
	NOINIT_IPC_NO_START,     /* ipsec.conf auto=add|ignore (or unset) */
	NOINIT_IPC_DPD,          /* ipsec.conf dpdaction that does not restart */
	NOINIT_RESPONDER,        /* a neutral format's config_gateway.start NEVER */
	NOINIT_UNKNOWN,          /* not known for this router (IX IKEv1) */
};

/* What a peer-address-mismatch is about. */
enum audit_mismatch {
	MISMATCH_AWS,         /* an AWS tunnel no router tunnel points at */
	MISMATCH_ROUTER,      /* a router IPsec tunnel toward no AWS tunnel */
	MISMATCH_INSIDE_ONLY, /* paired by inside address, but IKE goes elsewhere */
};

/* A dpd-hold-mismatch: how well the router's hold is known. */
enum audit_hold { HOLD_EXACT, HOLD_AT_LEAST };

/* What an inside-address-mismatch is about; n[0] the router's address,
 * n[1] the one AWS assigns (host order). */
enum audit_inside {
	INSIDE_NOT_IN_CIDR,    /* the tunnel's own address is outside TunnelInsideCidr */
	INSIDE_NOT_CUSTOMER,   /* in it, but not the customer gateway's (the second) */
	INSIDE_REMOTE_NOT_AWS, /* the tunnel's remote address is not AWS's (the first) */
	INSIDE_BGP_NOT_AWS,    /* the BGP neighbour through it is not AWS's */
};

/* What a proposal-mismatch is about; n[0] the router's bits, n[1] AWS's
 * (PEER_IKEV*, PEER_ENC_*, PEER_INTEG_*). */
enum audit_proposal { PROP_IKE_VERSION, PROP_P2_ENC, PROP_P2_INTEG };

/* What a lifetime-mismatch is about; n[0] the value, n[1] the limit. */
enum audit_lifetime {
	LIFE_P1_RANGE,         /* Phase1LifetimeSeconds outside 900..28800 */
	LIFE_P2_RANGE,         /* Phase2LifetimeSeconds outside 900..3600 */
	LIFE_P2_NOT_BELOW_P1,  /* Phase2LifetimeSeconds not less than phase 1's */
	LIFE_MARGIN_RANGE,     /* RekeyMarginTimeSeconds outside 60..phase 2 / 2 */
	LIFE_FUZZ_RANGE,       /* RekeyFuzzPercentage outside 0..100 */
	LIFE_ROUTER_P1_LONGER, /* the router's IKE SA outlives AWS's phase 1 */
	LIFE_ROUTER_P2_LONGER, /* the router's IPsec SA outlives AWS's phase 2 */
};

/* What the pair's checks could not read (bits of audit_pair.not_checked). */
#define PAIR_NC_PHASE1 1u   /* the router model holds no IKE (phase 1) proposal */
#define PAIR_NC_PHASE2 2u   /* the router's ESP transform unknown or not an AWS algorithm */
#define PAIR_NC_LIFETIME 4u /* the router's lifetimes are not read for this vendor */
#define PAIR_NC_DPD 8u      /* the router's DPD hold is not known */
#define PAIR_NC_PSK 16u     /* only one end's key was read (or a placeholder) */

/* The AWS side's fix (bits): options of modify-vpn-tunnel-options, or a
 * new VPN connection where AWS cannot change it in place. */
#define AWS_FIX_DPD_RESTART 1u   /* DPDTimeoutAction=restart */
#define AWS_FIX_STARTUP_START 2u /* StartupAction=start */
#define AWS_FIX_NEW_STATIC 4u    /* re-create with StaticRoutesOnly true */
#define AWS_FIX_NEW_DYNAMIC 8u   /* re-create with StaticRoutesOnly false */
#define AWS_FIX_NEW_NO_ACCEL 16u /* re-create without acceleration */
#define AWS_FIX_IKE 32u          /* IKEVersions= what AWS has and the router speaks (n[2]) */
#define AWS_FIX_P2_ENC 64u       /* Phase2EncryptionAlgorithms= AWS's plus the router's (n[2]) */
#define AWS_FIX_P2_INTEG 128u    /* Phase2IntegrityAlgorithms= AWS's plus the router's (n[2]) */
#define AWS_FIX_CIDRS 256u       /* modify-vpn-connection-options to 0.0.0.0/0 both sides */
#define AWS_FIX_PSK 512u         /* set the same key on both ends (a comment: no key is printed) */
/* the bits that are modify-vpn-tunnel-options options */
#define AWS_FIX_TUNNEL \
	(AWS_FIX_DPD_RESTART | AWS_FIX_STARTUP_START | AWS_FIX_IKE | AWS_FIX_P2_ENC | \
	 AWS_FIX_P2_INTEG)

struct audit_peer_check;

struct audit_peer_finding {
	const struct audit_peer_check *check;
	int aws;                /* index in peer_config.tunnels, -1 none */
	int router;             /* index in config.tunnels, -1 none */
	int other;              /* mismatch: an unpaired tunnel on the other side, -1 none */
	unsigned line;          /* router line (0: nothing in the router's file) */
	char text[CONFIG_TEXT]; /* the router line, "" when a setting is missing */
	int secret_line;        /* line holds a key: its text is never kept or printed */
	char where[PEER_ADDR];  /* the AWS outside address (or the router's, MISMATCH_ROUTER) */
	int code;               /* enum audit_no_init or audit_mismatch; nat-t: 1 set off */
	long n[3];              /* the numbers: value and AWS's limit; n[2] the AWS fix's value */
	unsigned bgp_line;      /* the BGP neighbour line the check read, 0 none */
	struct audit_fix fix[AUDIT_MAX_FIX]; /* the router side (render/audit_fix.c) */
	size_t nfix;
	unsigned aws_fix; /* AWS_FIX_* */
};

struct audit_peer_result {
	const struct config *cfg;
	const struct peer_config *peer;
	struct audit_pair *pairs; /* one per peer_config.tunnels, same index */
	size_t npairs;
	struct audit_peer_finding *findings;
	size_t nfindings, cap_findings;
	unsigned nerror, nwarning;
	int nomem;
};

struct audit_peer_run;
struct audit_peer_check {
	const char *id;
	enum audit_severity severity;
	const char *source;
	void (*run)(struct audit_peer_run *a);
	/* For the neutral formats: the part of source no router vendor's
	 * document makes, followed by the format's own sources
	 * (config_facts.sources), as core/audit.h's audit_source() does for
	 * the router's findings; NULL: source alone. */
	const char *neutral_source;
};

/* The source a finding of check k cites for r's router: k->source, or for
 * a neutral format its neutral part and the format's own documents (a
 * Junos router's DPD is Juniper's, never the RTX reference), in buf. */
const char *audit_peer_source(const struct audit_peer_result *r, const struct audit_peer_check *k,
			      char *buf, size_t len);

/* Pairs the tunnels and runs every check. out must be zeroed or hold an
 * earlier result (freed first). 0, or -1 when memory ran out. */
/* router: the router's own audit of cfg (its target MTU and MSS per
 * tunnel, so that both change sets set one number), or NULL. */
int audit_peer_run(const struct config *cfg, const struct peer_config *peer,
		   const struct audit_result *router, struct audit_peer_result *out);
void audit_peer_free(struct audit_peer_result *r);

/* The router tunnel's IKE peer address (host order); 0 when it has no
 * IPv4 one (unbound, a name, any). */
uint32_t audit_peer_router_addr(const struct config *c, size_t tunnel, unsigned *line);

#endif
