/* SPDX-License-Identifier: BSD-2-Clause */
/* audit --peer-config with a second router configuration: both ends of an
 * office-to-office (or router-to-VPC-router) tunnel. Pure like
 * core/audit_peer.h: fed both parsed configurations (config/config.h) and
 * each one's own audit (core/audit.h), it pairs the tunnels and returns
 * the checks that only both ends together can make, as codes and numbers;
 * render/audit_pair_out.c words them and prints each end's fix in that
 * end's syntax through render/audit_fix.c. Ids are a stable contract
 * (mtuprobe(1), "Auditing both ends"); several are the AWS pair's ids,
 * with the same meaning, so that a script reads one vocabulary. */
#ifndef MTUPROBE_AUDIT_PAIR_H
#define MTUPROBE_AUDIT_PAIR_H

#include "config/config.h"
#include "core/audit.h"
#include "core/audit_peer.h"

/* The two ends: END_A the configuration audited (audit FILE), END_B the
 * one --peer-config names. */
enum { END_A, END_B, END_COUNT };

/* How a tunnel of A found its tunnel of B. */
enum audit_rpair_by {
	RPAIR_NONE,
	RPAIR_ADDR,     /* each end's IKE remote address is the other's local one */
	RPAIR_ADDR_ONE, /* one direction: the other end writes no local address */
	RPAIR_INSIDE,   /* no outside addresses to match: the inside subnet */
	RPAIR_ID,       /* no outside addresses to match: the IKE identities */
};

/* What the pair's checks could not read (audit_rpair.not_checked). */
#define RPAIR_NC_INIT 1u  /* whether an end starts IKE is not known (IX IKEv1, a template) */
#define RPAIR_NC_DPD 2u   /* an end's DPD is not known */
#define RPAIR_NC_PSK 4u   /* only one end's key was read, or a placeholder */
#define RPAIR_NC_IKE 8u   /* an end's IKE version is not known */
#define RPAIR_NC_ESP 16u  /* an end's ESP transform is not known */
#define RPAIR_NC_LIFE 32u /* an end's lifetimes are not read for its format */
#define RPAIR_NC_MTU 64u  /* an end's tunnel MTU is not known */

struct audit_rpair {
	int t[END_COUNT]; /* tunnel index on each end */
	enum audit_rpair_by by;
	unsigned not_checked; /* RPAIR_NC_* */
};

/* One end's part in a finding: where, and its fix. */
struct audit_rpair_end {
	int tunnel;             /* index in that end's config.tunnels, -1 none */
	unsigned line;          /* 0: nothing in that end's file */
	char text[CONFIG_TEXT]; /* the line, "" when a setting is missing */
	int secret_line;        /* the line holds a key: never kept or printed */
	long v;                 /* the number this end has (a hold, an MSS, a lifetime) */
	int code;               /* enum audit_no_init for nobody-initiates */
	struct audit_fix fix[AUDIT_MAX_FIX]; /* in this end's syntax (render/audit_fix.c) */
	size_t nfix;
};

/* What a proposal-mismatch is about: enum audit_proposal (PROP_IKE_VERSION,
 * PROP_P2_ENC, PROP_P2_INTEG); ends' v: their bits. What a
 * lifetime-mismatch is about: LIFE_ROUTER_P1_LONGER (IKE SA) or
 * LIFE_ROUTER_P2_LONGER (IPsec SA); ends' v: their lifetimes. */
struct audit_rpair_check;
struct audit_rpair_finding {
	const struct audit_rpair_check *check;
	struct audit_rpair_end end[END_COUNT];
	int side; /* peer-address-mismatch, dpd-hold, mss: the end it is about */
	int code; /* the check's enum (above) */
	/* peer-address-mismatch: each end's tunnel's remote and local
	 * address, 0 unknown or no tunnel on that end */
	uint32_t addr[END_COUNT][2];
};

struct audit_rpair_result {
	const struct config *cfg[END_COUNT];
	const struct audit_result *audit[END_COUNT];
	struct audit_rpair *pairs;
	size_t npairs, cap_pairs;
	struct audit_rpair_finding *findings;
	size_t nfindings, cap_findings;
	unsigned nerror, nwarning;
	/* Nothing paired, and nothing could have: no tunnel of either end
	 * writes its local address, and no IKE identities can be compared
	 * (both behind NAT): a note, not peer-address-mismatch. */
	int undecided;
	int nomem;
};

struct audit_rpair_run;
struct audit_rpair_check {
	const char *id;
	enum audit_severity severity;
	const char *source;
	void (*run)(struct audit_rpair_run *a);
	/* When both ends are neutral formats: the part of source no router
	 * vendor's document makes, followed by each end's own sources
	 * (config_facts.sources); NULL, or an end of an older format: source. */
	const char *neutral_source;
};

/* The source a finding of check k cites for r's two routers (see
 * neutral_source), in buf: two IOS routers' DPD is Cisco's, never the RTX
 * command reference. */
const char *audit_pair_source(const struct audit_rpair_result *r, const struct audit_rpair_check *k,
			      char *buf, size_t len);

/* Pairs the tunnels of a and b and runs every check; ra and rb are their
 * own audits (the tunnels' MTUs and ESP transforms as audit.c knows them).
 * out must be zeroed or hold an earlier result (freed first). 0, or -1
 * when memory ran out. */
int audit_pair_run(const struct config *a, const struct audit_result *ra, const struct config *b,
		   const struct audit_result *rb, struct audit_rpair_result *out);
void audit_pair_free(struct audit_rpair_result *r);

/* A gateway's local (outside) address, host order; 0 when it writes none,
 * or when it is a private one toward a public peer (config_nat_between:
 * the peer sees the NAT's address instead). */
uint32_t audit_pair_local_addr(const struct config *c, size_t tunnel, unsigned *line);

#endif
