/* SPDX-License-Identifier: BSD-2-Clause */
/* audit: what in a router's configuration kills its tunnels. Pure: fed the
 * parsed configuration (src/config), a peer profile and an optional line
 * MTU, it returns findings with numbers and fixes as structured actions;
 * render/audit_*.c turn the actions into the vendor's own syntax. Each
 * check is one row of a const table (audit.c) with its id, severity and
 * source; the ids are a stable contract (mtuprobe(1), AUDIT). */
#ifndef MTUPROBE_AUDIT_H
#define MTUPROBE_AUDIT_H

#include "config/config.h"
#include "core/model.h"

#define AUDIT_MSG 600
#define AUDIT_MAX_FIX 4 /* fixes of one finding (a check adds at most 3) */

enum audit_severity { AUDIT_INFO, AUDIT_WARNING, AUDIT_ERROR };

/* What a fix does; the renderer knows each vendor's syntax for it. */
enum audit_fix_kind {
	FIX_TUNNEL_MTU,  /* n */
	FIX_TUNNEL_MSS,  /* n, 0 = auto */
	FIX_TUNNEL_MSS6, /* n */
	FIX_DF_COPY,
	FIX_KEEPALIVE, /* n = interval, m = count (0: defaults) */
	FIX_REFRESH_GLOBAL_ON,
	FIX_REFRESH_GW_ON,
	FIX_REFRESH_GW_OFF,
	FIX_BACKCOMPAT2,
	FIX_NATT_ON,
	FIX_SELECTORS_ANY,
	FIX_INITIATE,       /* IX IKEv2 connect-type auto; swanctl start_action start */
	FIX_RESPOND_ONLY,   /* IX IKEv2 negotiation-direction responder; swanctl none */
	FIX_DPD_RESTART,    /* swanctl dpd_action = restart */
	FIX_WAN_MTU,        /* n on the configuration's line interface (iface) */
	FIX_IKE_LOCAL_ADDR, /* n: the IPv4 address (host order) IKE should leave from */
	FIX_NOT_RESPONDER,  /* IX IKEv2: drop negotiation-direction responder (a comment) */
};

struct audit_fix {
	enum audit_fix_kind kind;
	long n, m;
	int tunnel;  /* index in config.tunnels, -1 none */
	int gateway; /* index in config.gateways, -1 none */
	int ikev2;
	int iface; /* FIX_WAN_MTU: index in config.ifaces, -1 none */
};

struct audit_check;

/* What a finding or a note says, as a code (render/audit_words.c words
 * each) and its arguments in the order the English sentence names them:
 * numbers, strings it quotes (the configuration's text and names, a
 * vendor's or a peer's display name: never translated) and words (a
 * phrase's code, which render translates). Core makes no sentences. */
enum audit_arg_kind {
	AA_END = 0,
	AA_NUM,    /* n */
	AA_STR,    /* s, quoted as it is */
	AA_QUOTE,  /* the say's quote (s copied there: it did not last) */
	AA_WORD,   /* n: an enum audit_word, a phrase render says */
	AA_PHRASE, /* s: an English phrase a table marked N_() (a format's
	                                * facts, config.c): render translates it */
	AA_FROM,   /* from: where the line MTU came from (one a
	                                * result), worded by render */
	AA_MODEL,  /* the say's model error (me copied there): why the model
	                                * computed nothing, worded by render */
};

/* Where the audit's line MTU came from: a code and its pieces, which
 * render words (audit_line_from_words(); --json's line_mtu_from is the
 * English). */
enum audit_line_src {
	AUDIT_LINE_NONE = 0,      /* no line MTU */
	AUDIT_LINE_GIVEN,         /* audit_input.wan_mtu: given says how */
	AUDIT_LINE_CONFIG,        /* stated in the configuration: name, line, text */
	AUDIT_LINE_CONFIG_4IN6,   /* a MAP-E tunnel with no MTU line of its own: the 4in6
	                                * default, mtu (name, line, text: the tunnel's line) */
	AUDIT_LINE_CONFIG_CAPPED, /* stated above 1500 (mtu: that value): an Internet
	                                * path carries 1500 at most, which the audit counts */
};

struct audit_line_from {
	enum audit_line_src src;
	const char *given; /* GIVEN: audit_input.wan_from; NULL: the command line */
	const char *name;  /* CONFIG*: the interface or tunnel it is stated on */
	unsigned line;     /* CONFIG*: the configuration's line */
	const char *text;  /* CONFIG*: that line as written */
	unsigned mtu;      /* CONFIG_4IN6: the default it takes; CONFIG_CAPPED:
	                                * the configured value */
};

struct audit_arg {
	enum audit_arg_kind kind;
	long n;        /* AA_NUM: the number; AA_WORD: an enum audit_word */
	const char *s; /* AA_STR: static, the configuration's or the result's */
	const struct audit_line_from *from; /* AA_FROM: the result's */
	const struct model_error *me;       /* AA_MODEL: copied into the say */
};

/* Codes of what a finding or a note says (render/audit_words.c). */
enum audit_say_id {
	SAY_NONE = 0,
	/* notes */
	NOTE_TEMPLATE,
	NOTE_CLAMP_NO_DEFAULT,
	NOTE_CLAMP_NO_IX_MTU,
	NOTE_CLAMP_ELSEWHERE,
	NOTE_CLAMP_ONE_WAY,
	NOTE_CLAMP_ONE_WAY_FW,
	NOTE_ESP_MODEL,
	NOTE_START_LINE_IDLE,
	NOTE_DPD_UNKNOWN,
	NOTE_PEER_NO_TUNNEL,
	NOTE_START_UNKNOWN,
	NOTE_IX_IKEV1_START,
	NOTE_INCLUDE,
	NOTE_PLACEHOLDERS,
	NOTE_LINE_MTU_GIVEN,
	NOTE_NO_LINE_MTU,
	NOTE_ESP_TEMPLATE,
	NOTE_ESP_UNKNOWN,
	NOTE_CLAMP_GLOBAL,
	NOTE_NATT_AUTO_LIMIT,
	NOTE_REMOTE_ACCESS,
	NOTE_TUNNEL_TEMPLATE,
	NOTE_NAT_SEEN,
	NOTE_AWS_ASN,
	NOTE_KEEPALIVE_INSTEAD,
	NOTE_CLAMP_POLICY,
	NOTE_ESP_SEVERAL,
	NOTE_ESP_SET,
	NOTE_NO_ACTIVE_PEER,
	NOTE_ESP_LIST,
	NOTE_INERT_LINE,
	NOTE_PROSE,
	NOTE_ESP_CUT,
	NOTE_SEL_SELF_UNKNOWN,
	NOTE_INTEG_DROPPED,
	NOTE_IF_LIKE,
	/* findings */
	SAY_MSS6_ABOVE,
	SAY_MSS_ABOVE,
	SAY_MSS_ABOVE_MODEL,
	SAY_MTU_ABOVE_MODEL,
	SAY_CLAMP_OFF,
	SAY_RTX_NO_CLAMP_FW_UNKNOWN,
	SAY_RTX_NO_CLAMP_FW_OFF,
	SAY_NO_CLAMP,
	SAY_IX_NO_CLAMP,
	SAY_NO_CLAMP_UNKNOWN,
	SAY_DF_CLEAR,
	SAY_DF_CLEAR_SHARED,
	SAY_DPD_NONE,
	SAY_RTX_KEEPALIVE_OFF,
	SAY_RTX_NO_KEEPALIVE,
	SAY_RTX_HEARTBEAT_AUTO,
	SAY_RTX_HEARTBEAT_PEER,
	SAY_RTX_V2_NO_KEEPALIVE,
	SAY_RTX_V2_AUTO,
	SAY_IX_NO_DPD,
	SAY_IX_WATCH_NO_ACTION,
	SAY_IPC_SWAN_NO_DPD,
	SAY_IPC_LIBRE_NO_TIMEOUT,
	SAY_IPC_LIBRE_NO_DPD,
	SAY_SWAN_NO_DPD,
	SAY_SLOW_DPD,
	SAY_SLOW_DPD_AT_LEAST,
	SAY_RTX_REFRESH_GLOBAL_OFF,
	SAY_RTX_REFRESH_GW_OFF,
	SAY_RESPONDER_ONLY,
	SAY_IX_NO_CONNECT,
	SAY_SWAN_START_NONE,
	SAY_IPC_NO_START,
	SAY_INITIATES,
	SAY_RTX_REFRESH_ON,
	SAY_BACKCOMPAT,
	SAY_SELECTORS,
	SAY_NATT_OFF,
	SAY_IKE_ADDR_NOT_HELD,
	SAY_IPC_NO_REINIT,
	SAY_SWAN_NO_REINIT,
	SAY_LINE_MTU_ABOVE,
	SAY_CLAMP_ONE_WAY,
	SAY_CLAMP_UNGUARDED,
	/* probe --config: the configuration against the measurement (audit_measured.c) */
	VS_WAN_NO_LINE,
	VS_WAN_ABOVE,
	VS_WAN_BELOW,
	VS_WAN_AGREES,
	VS_TUNNELS,
	VS_TUNNEL_ABOVE,
	VS_TUNNEL_BELOW,
	VS_TUNNEL_AGREES,
	VS_CLAMP_ABOVE,
	SAY_COUNT
};

/* Phrases an argument can be (AA_WORD), said by render in the user's
 * language; W_NONE says nothing. */
enum audit_word {
	W_NONE = 0,
	W_IN_UDP_NATT,
	W_CAPPED_PEER,
	W_DPD_OFF,
	W_DPD_UNSET_OFF,
	W_AWS_CLEARS,
	W_IX_DPD_V2,
	W_DPDACTION_UNSET,
	W_DPDDELAY_UNSET,
	W_DPD_DELAY_UNSET,
	W_UNSET_DEFAULT_OFF,
	W_RESPONDER_ONLY,
	W_UNSET_ANSWER_ONLY,
	W_UNSET_DEFAULT_NONE,
	W_AUTO_UNSET,
	W_ONLY_LOADS,
	W_NOT_EVEN_LOADS,
	W_ON_TRAFFIC,
	W_UNSET_SO_1,
	W_SELECTOR,
	W_SELECTOR_DEFAULT,
	W_UNSET,
	W_DPDACTION_UNSET_HOLD,
	W_CLEARS_OWN,
	W_HOLDS_SA,
	W_AUTO_START_LOADED,
	W_LIBRESWAN5,
	W_UNSET_DEFAULT_CLEAR,
	W_NO_RESTART_ON_DPD,
	W_START_ACTION_LOADED,
	W_GIVEN,
	W_NO_LAN_ADDR,
	W_CONFIGURED,
	W_THE_DEFAULT,
	W_SYN_TOWARD_PEER,
	W_SYN_FROM_PEER,
	W_NO_MSS_GUARD,
	W_INERT_FG_MTU,
	W_COUNT
};

#define AUDIT_ARGS 10
struct audit_say {
	int code; /* enum audit_say_id; 0: nothing (bad, ref say it) */
	struct audit_arg arg[AUDIT_ARGS];
	char quote[128];          /* AA_QUOTE: a string made for it (an address, an input) */
	struct model_error model; /* AA_MODEL */
};

struct audit_finding {
	const struct audit_check *check;
	unsigned line;                    /* 1-based; where the setting is or its block opens */
	char text[CONFIG_TEXT];           /* the offending line, or "" when a setting is missing */
	char where[CONFIG_NAME];          /* tunnel or gateway name */
	struct audit_say say;             /* why, with the numbers (render words it) */
	const struct config_invalid *bad; /* invalid-line: the parser's reason, worded by render */
	const struct config_ref *ref;     /* undefined-reference: what names what */
	struct audit_fix fix[AUDIT_MAX_FIX];
	size_t nfix;
};

/* Why a tunnel's MTU/MSS was not checked (render words it). */
enum audit_skip {
	AUDIT_CHECKED,
	AUDIT_SKIP_KIND,     /* not IPsec tunnel mode: config_tunnel.kind says what */
	AUDIT_SKIP_TEMPLATE, /* its MTU or clamp is a template placeholder */
	AUDIT_SKIP_NO_IPSEC, /* no IPsec policy or peer bound to it */
};

/* One tunnel as the audit sees it (for --json "tunnels" and the text head). */
struct audit_tunnel {
	int index;                /* in config.tunnels */
	unsigned mtu;             /* configured or the vendor default; 0 unknown */
	int mtu_default;          /* mtu is the vendor's default, not configured */
	char esp[CONFIG_ESP];     /* the transform in strongSwan syntax, "" unknown: of a
	                       * list, the one that carries least */
	char esp_all[CONFIG_ESP]; /* every proposal offered, in strongSwan syntax,
	                           * ',' between them (esp set) */
	int natt;                 /* NAT-T counted in limit: configured, or nat_seen */
	int natt_auto;            /* not counted, but used if a NAT is on the path */
	int outer6;               /* ESP rides in IPv6 (the IKE peer's outer address) */
	int natt_unknown;         /* no line sets NAT-T and the format's default was not found */
	int nat_seen;             /* NAT-T starts by itself, and the configuration shows a
	                                * NAT on the path (a private IKE address, a public peer) */
	unsigned limit;           /* what line + ESP (+ NAT-T) + peer allow; 0 unknown */
	unsigned limit_natt;      /* natt_auto: the same in UDP (RFC 3948); 0 unknown */
	unsigned target_mtu, target_mss; /* what the fixes set; 0 unknown */
	unsigned alt_mtu, alt_mss;       /* what the other policy (--keep-mtu or not) would set */
	enum audit_skip skip;            /* not AUDIT_CHECKED: the MTU/MSS checks passed it by */
};

struct audit_result {
	const struct config *cfg;
	const struct peer_def *peer;
	/* Without --peer: the peer the file shows it was written for (a BGP
	 * neighbour's AS, core/audit_hint.c), NULL none; never used as peer. */
	const struct peer_def *peer_hint;
	int keep_mtu;                     /* the policy the fixes follow (audit_input.keep_mtu) */
	unsigned line_mtu;                /* 0 unknown */
	struct audit_line_from line_from; /* where line_mtu came from */
	struct audit_tunnel *tunnels;     /* one per config.tunnels, same index */
	size_t ntunnels;
	struct audit_finding *findings;
	size_t nfindings, cap_findings;
	unsigned nerror, nwarning;
	struct audit_say *notes; /* what was not checked, and why */
	size_t nnotes, cap_notes;
	int nomem; /* memory ran out: the result is incomplete */
	/* every IPsec peer and policy of the file is disabled: no tunnel to
	 * audit (config.disabled), and the summary says so */
	int all_disabled;
};

struct audit_run;
struct audit_check {
	const char *id;
	enum audit_severity severity;
	const char *source;
	const char *explanation;
	void (*run)(struct audit_run *a);
	/* For the neutral formats: the part of source no vendor's document
	 * makes, followed by the format's own sources (config_facts.sources);
	 * NULL: source is vendor-neutral already, or the check reads no
	 * neutral format. audit_source() puts them together. */
	const char *neutral_source;
	/* 1: a format whose facts row names a clamp_source (the clamp default
	 * is each vendor's own document) cites that instead (no-mss-clamp) */
	int clamp_cited;
};

struct audit_input {
	const struct config *cfg;
	const struct peer_def *peer; /* NULL = generic */
	unsigned wan_mtu;            /* --wan-mtu / --line; 0 = from the config */
	const char *wan_from;        /* how wan_mtu was given, for the output: an option's
	                                    * name, or an English phrase marked N_() (a line
	                                    * preset's what, probe's measured path) that render
	                                    * translates; NULL: on the command line */
	int keep_mtu;                /* --keep-mtu: keep the configured tunnel MTU when it fits */
	int peer_known;              /* --peer-config: the other end's own settings are read,
	                                    * so the pair audit judges with them, not the profile */
};

/* How long DPD keeps tunnel i's SA after the peer died (s), from the
 * router's own numbers; -1 when it runs no DPD, -2 when whether it does
 * is not known (a template, IX IKEv1).
 * *exact 0: a lower bound (retries not known). (audit_peer_ike.c) */
long
audit_dpd_hold(const struct config *c, size_t i, unsigned *line, const char **text, int *exact);

/* Runs every check. out must be zeroed or hold an earlier result (freed
 * first). Returns 0, or -1 when memory ran out (out->nomem): the caller
 * must not print an incomplete result as if it were whole. */
int audit_run(const struct audit_input *in, struct audit_result *out);
void audit_free(struct audit_result *r);

/* probe --config (audit_measured.c): where the configuration, audited on
 * its own (r), and the measured path MTUs (0 = not measured) disagree,
 * one VS_ code and its numbers a line (render words them). */
struct audit_vs {
	struct audit_say *lines; /* grows: one or two per tunnel (issue 20: a fixed 16
					    * dropped the rest of a many-tunnel site silently) */
	size_t n, cap;
	unsigned disagree; /* lines that are disagreements, kept or not */
	unsigned dropped;  /* lines memory ran out for (said by the renderer) */
};
/* Zero v once; each call reuses its lines; audit_vs_free() at the end. The
 * program keeps its one for the process's life (cli/probe_cmd.c: a static
 * beside its audit_results, reused by each call); the tests free theirs so
 * that the sanitizer build's leak check stays quiet. */
void audit_vs_measured(const struct audit_result *r, unsigned wan_pmtu, unsigned tunnel_pmtu,
		       struct audit_vs *v);
void audit_vs_free(struct audit_vs *v);

const char *audit_severity_name(enum audit_severity s);
/* The sources a finding of check k cites, for the configuration r read:
 * k->source, or for a neutral format the check's own part and the
 * format's documents (in buf). */
const char *
audit_source(const struct audit_result *r, const struct audit_check *k, char *buf, size_t len);

#endif
