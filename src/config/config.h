/* SPDX-License-Identifier: BSD-2-Clause */
/* config: a router's configuration text in, a typed model out. Bytes in, no
 * I/O, no globals (like src/wire): every parser takes (buf, len), so the fuzz
 * harness (tests/fuzz/fuzz_config.c) is a few lines. Every fact carries the
 * line it came from; line 0 means "not in the configuration", which the audit
 * reads as "the vendor's default applies".
 *
 * Each vendor's parser follows that router's grammar (one command table per
 * vendor: command -> what it sets -> the block it belongs to); blocks end
 * where the router ends them, never by indentation. Every line is accounted
 * for: read, a known command the audit does not need (config.unread and
 * config.spans), or invalid for that router (config.invalid). Template
 * placeholders (${x}, $<x>, <x>, (x), YOUR_X) are kept as written and listed.
 *
 * Work is bounded: each line is scanned once to find its end, and only its
 * first CONFIG_LINE_MAX bytes are tokenized, so a 1 MB line or a 10 MB file
 * costs one pass. The tables grow as the text needs (the 16 MB input bound
 * of cli/readfile.c bounds them); nothing is dropped. When memory runs out
 * the parse fails with a message, never with a shorter model. */
#ifndef MTUPROBE_CONFIG_H
#define MTUPROBE_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "base/vendor_id.h" /* which syntax the text is in: the one vendor enum */
#include "config/secret.h"

#define CONFIG_NAME 48 /* interface, gateway, connection names */
#define CONFIG_DESC \
	160                 /* a description, bytes as the file has them (RTX: at
                                 * most 64 characters, 32 double-byte) */
#define CONFIG_TEXT 120     /* an offending line as quoted in a finding */
#define CONFIG_ESP 256      /* an ESP transform as written: a list of several proposals */
#define CONFIG_LINE_MAX 512 /* bytes of a line that are read at all */

/* Whose ipsec.conf: the two read some keys differently (dpdaction's
 * default, what turns DPD on). Libreswan when a key only Libreswan/Openswan
 * has is in the file, strongSwan otherwise (config/ipsecconf.c). */
enum config_dialect { CONFIG_DIALECT_STRONGSWAN, CONFIG_DIALECT_LIBRESWAN };

/* A number or keyword read from one line. line == 0: not configured.
 * tmpl: the value is a template placeholder, so checks that need the
 * value say "not checked: template value". */
struct config_num {
	long v;
	unsigned line;
	int tmpl;
	char text[CONFIG_TEXT]; /* the whole line as written (trimmed) */
	/* an ESP proposal list longer than CONFIG_ESP: the text holds its
	 * first whole proposals only (cfg_esp_list), so the model must not
	 * read it as all of them */
	int cut;
};

/* MSS clamp: "1387", "auto" or "off" (RTX), "auto" (IX). */
enum config_mss { CONFIG_MSS_NUM, CONFIG_MSS_AUTO, CONFIG_MSS_OFF };

/* An IPv4 prefix; plen 0 with addr 0 is 0.0.0.0/0. plen CONFIG_PLEN_OTHER:
 * a selector that is no IPv4 prefix (swanctl "dynamic", IPv6, a range). */
#define CONFIG_PLEN_OTHER 33
struct config_prefix {
	uint32_t addr; /* host order */
	unsigned plen; /* 0..32 */
	unsigned line; /* 0: not configured */
	int tmpl;      /* a template placeholder */
	char text[CONFIG_TEXT];
	/* An IKE peer's outer address only (config_gateway local_addr and
	 * remote_addr): it is an IPv6 address (plen CONFIG_PLEN_OTHER), so
	 * ESP rides in IPv6 and its outer header is 40 bytes (RFC 8200) */
	int v6;
};

/* A non-tunnel interface: RTX lanN / ppN, IX GigaEthernetX.Y. */
struct config_iface {
	char name[CONFIG_NAME];
	unsigned line;             /* first line naming it */
	struct config_num mtu;     /* ip lanN mtu, ip pp mtu, ip mtu */
	struct config_num mru;     /* ppp lcp mru on N (RTX pp) */
	struct config_num pppoe;   /* RTX pppoe use LAN; IX encapsulation pppoe: PPPoE runs here */
	char carrier[CONFIG_NAME]; /* RTX pp: the LAN that pppoe use names */
	char desc[CONFIG_DESC];    /* its description line's text, "" none; any charset */
	struct config_prefix addr; /* IX ip address A/P, RTX ip lanN address A/P, Junos
	                               * family inet address A/P (the first): a static
	                               * address (not ipcp/dhcp) */
	unsigned naddrs;           /* Junos: how many family inet addresses the unit has */
	struct config_num media;   /* Junos: the port's media MTU (interfaces IF mtu N), which
	                               * its units' family inet mtu must fit */
};

/* What a tunnel carries: the audit's model covers IPsec tunnel mode
 * (RFC 4303) only; the rest are listed as "not checked" with why. RTX
 * tunnel encapsulation (command reference 8.1, 29); IX tunnel mode. */
enum config_tunnel_kind {
	CONFIG_TK_IPSEC,        /* ESP tunnel mode: RTX default, IX ipsec/ipsec-ikev2, swanctl */
	CONFIG_TK_L2TPV3_IPSEC, /* RTX l2tpv3 over ipsec transport */
	CONFIG_TK_L2TPV3,       /* RTX l2tpv3-raw or l2tpv3 without IPsec */
	CONFIG_TK_L2TP,         /* RTX l2tp (L2TP/IPsec remote access) */
	CONFIG_TK_MAPE,         /* RTX map-e: IPv4 over IPv6, the line itself */
	CONFIG_TK_IPIP,         /* RTX ipip (DS-Lite and 4in6): the line itself */
	CONFIG_TK_GRE,          /* GRE without IPsec */
	CONFIG_TK_TRANSPORT,    /* swanctl mode = transport (or another non-tunnel mode) */
	CONFIG_TK_OTHER,        /* an encapsulation the model does not know */
	CONFIG_TK_IPIP4, /* IPv4 in IPv4 (RFC 2003): RouterOS /interface ipip, a plain tunnel */
};

/* How long DPD keeps a tunnel's SA after the peer died, where the parser
 * works it out per tunnel (core/audit.h audit_dpd_hold() returns it): the
 * older formats, whose hold reads other lines than their state (IX: each
 * tunnel's own ikev2 dpd interval; swanctl IKEv1: dpd_timeout; ipsec.conf:
 * dpdtimeout) and counts a keepalive that is no DPD as none (RTX
 * heartbeat). set 0: the gateway's live decides (the newer parsers). */
#define CONFIG_HOLD_NONE (-1L)    /* no DPD whose hold counts */
#define CONFIG_HOLD_UNKNOWN (-2L) /* not known: a template value, IX IKEv1 */
struct config_hold {
	int set;
	long v;                /* seconds, CONFIG_HOLD_NONE or CONFIG_HOLD_UNKNOWN */
	int exact;             /* 1: v is exact; 0: a lower bound (retries come on top) */
	struct config_num src; /* the line v comes from (v >= 0) */
};

/* Whether this end starts IKE itself, and again after the peer cleared
 * the SA (RFC 7296 section 2: either end may initiate). */
enum config_start_state {
	CONFIG_START_UNKNOWN,    /* not found in any source */
	CONFIG_START_ALWAYS,     /* brings the SA up on its own, and back after a clear */
	CONFIG_START_ON_TRAFFIC, /* when traffic needs the SA (a crypto map, a trap policy) */
	CONFIG_START_NEVER,      /* answers only */
};
/* Whose words a start view is said in (config_start.why), like
 * config_live_why: the formats older than the view (RTX 15.10, IX ikev2
 * connect-type, swanctl.conf(5) start_action, ipsec.conf(5) auto) keep
 * theirs; core/audit.c's start_says[] gives each its finding, note and
 * fix. The newer parsers leave CONFIG_SWHY_NONE. */
enum config_start_why {
	CONFIG_SWHY_NONE,         /* the state's own words ("answers only", "initiates") */
	CONFIG_SWHY_COVERED,      /* RTX: ipsec auto refresh off (or unset) for the whole
	                           * router decides; struct config's start says it, once */
	CONFIG_SWHY_RTX_GLOBAL,   /* struct config.start: ipsec auto refresh [on|off] */
	CONFIG_SWHY_RTX_GW,       /* ipsec auto refresh GW off, or on under global on */
	CONFIG_SWHY_IX_V2,        /* ikev2 connect-type auto, or none (IKEv2 tunnel) */
	CONFIG_SWHY_IX_RESPONDER, /* ikev2 negotiation-direction responder: answers only */
	CONFIG_SWHY_IX_V1,        /* IKEv1: how an IX starts it was not found (UNKNOWN) */
	/* For these two, ALWAYS means "starts when loaded": whether the SA
	 * comes back after the peer clears it is their dpd_action, which
	 * config_start.after_stays says for no-reinitiation. */
	CONFIG_SWHY_SWAN,          /* swanctl children start_action */
	CONFIG_SWHY_IPC_LOADS,     /* ipsec.conf auto=add: loaded, waits */
	CONFIG_SWHY_IPC_NOT_LOADS, /* ipsec.conf auto=ignore or no auto=: not even loaded */
	CONFIG_SWHY_IPC_DPD_STAYS, /* ipsec.conf waits, and its DPD runs without bringing it
	                           * back: no-reinitiation says it, with the fix to start */
	CONFIG_SWHY_COUNT
};
struct config_start {
	enum config_start_state state;
	struct config_num src; /* line 0: the format's default */
	enum config_start_why why;
	int set; /* tunnel and config level: a model step filled it */
	/* After the peer clears the SA nothing here brings it back: the
	 * finding of no-reinitiation, in the words of why (core/audit.c
	 * reinit_says[]), whatever the state. swanctl: dpd_action is not
	 * restart or trap; ipsec.conf: DPD runs and its action does not
	 * start the conn again. The newer parsers leave 0: their start
	 * state (ALWAYS: "and back after a clear") says it. */
	int after_stays;
	/* The pair audit's question (core/audit_peer.c audit_peer_noinit()):
	 * once the SA is gone, does this end never start it again, whether or
	 * not DPD runs (swanctl: dpd_action not restart or trap; ipsec.conf:
	 * dpdaction not restart, nor strongSwan's hold); after_src is the
	 * line that decides (line 0: the default; tmpl: not known). RTX, IX
	 * and the newer parsers leave 0: their state says it. */
	int after_never;
	struct config_num after_src;
};

enum { CONFIG_DIR_OUT = 1, CONFIG_DIR_IN = 2 }; /* config_tunnel.mss_dirs */

struct config_tunnel {
	char name[CONFIG_NAME]; /* "tunnel1", "Tunnel0.0", swanctl child name */
	char id[CONFIG_NAME];   /* RTX tunnel number, IX "0.0", for fix lines */
	unsigned line;          /* where its block opens */
	char desc[CONFIG_DESC]; /* its description line's text, "" none; any charset
	                               * (a Japanese config saved as Shift_JIS keeps its bytes) */
	enum config_tunnel_kind kind;
	struct config_num encap; /* the line that set kind (0: the default) */
	/* The tunnel's interface has no entry of its own, while one of a like
	 * name that no IKE peer makes (FortiOS: a type tunnel interface no
	 * phase1-interface is named after) is the one traffic is sent to:
	 * if_like that interface's entry, if_like_use the first line naming it
	 * (a firewall policy's srcintf/dstintf, a static route's device);
	 * line 0: none (config/fortios.c misnamed()) */
	struct config_num if_like, if_like_use;
	struct config_num mtu; /* ip tunnel mtu / ip mtu */
	struct config_num mss; /* ip tunnel tcp mss limit / ip tcp adjust-mss; v: enum config_mss */
	long mss_value;        /* the number when mss.v == CONFIG_MSS_NUM */
	struct config_num mtu6; /* ipv6 tunnel mtu / ipv6 mtu */
	struct config_num mss6; /* ipv6 ... tcp mss limit / ipv6 tcp adjust-mss */
	long mss6_value;
	struct config_num df;     /* RTX ipsec tunnel outer df-bit; v: 0 copy, 1 set, 2 clear */
	struct config_num policy; /* RTX ipsec tunnel/transport N; IX ipsec policy tunnel NAME */
	struct config_num copies; /* RTX tunnel template LIST: v tunnels take this one's settings */
	char policy_name[CONFIG_NAME];
	int gateway;                 /* index into gateways, -1 when unbound */
	struct config_prefix inside; /* ip tunnel address / ip address: the inside subnet */
	struct config_prefix remote; /* ip tunnel remote address */
	/* This tunnel's own traffic selectors where a gateway has several
	 * (a RouterOS policy each, MikroTik manual, IPsec: Policies), their
	 * text the file's line; line 0: the gateway's local_id / remote_id
	 * are the tunnel's. narrow-selectors-with-bgp takes any of a
	 * gateway's pairs that holds its BGP neighbour as carrying BGP. */
	struct config_prefix sel_local, sel_remote;
	/* The selector a fix names this tunnel's policy by, alone among its
	 * gateway's (RouterOS: peer="P" src-address=A dst-address=B, as the
	 * file writes them), and the command that puts its selectors back once
	 * the fix has set both to 0.0.0.0/0; "" none (the fix is then said,
	 * not printed) */
	char sel_find[CONFIG_TEXT];
	char sel_undo[3 * CONFIG_TEXT];
	/* IX IKEv2, per tunnel (or from the profile it binds) */
	struct config_num dpd;       /* ikev2 dpd interval N, or the bound profile's dpd interval */
	struct config_num connect;   /* ikev2 connect-type auto: v 1 */
	struct config_num responder; /* ikev2 negotiation-direction responder: v 1 */
	struct config_num natt;      /* ikev2 nat-traversal ... */
	struct config_num binding;   /* IX ikev2 binding PROFILE */
	struct config_num
		esp; /* IX: the bound profile's child-proposal lines, or the tunnel's own */
	char esp_text[CONFIG_ESP];
	int esp_own; /* IX: esp is the tunnel's own ikev2 child-proposal lines */
	/* 1: esp/esp_text are this tunnel's transform (the parser filled
	 * them, from the tunnel's own lines, its profile or the format's
	 * default one: IX IKEv2); 0: the gateway's are */
	int esp_here;
	/* swanctl: this child's own start_action and dpd_action (line 0: not
	 * written): a child starts, and comes back, by its own
	 * (swanctl.conf(5)), whatever its siblings say */
	struct config_num child_start, child_dpd;
	int ikev2; /* IX tunnel mode ipsec-ikev2 */
	/* IX: the interface IKE leaves by (ikev2 outgoing-interface IF), its
	 * line in outgoing.text; "" when not written */
	char outgoing_if[CONFIG_NAME];
	struct config_num outgoing;
	/* The interface a fix line names for this tunnel when the tunnel is
	 * no interface of its own: a RouterOS policy's packets leave by the
	 * WAN interface, where its change-mss rule goes (the rule's
	 * out-interface, or the interface holding the peer's local-address);
	 * "" names the tunnel itself (render/audit_fix.c). An IOS crypto map
	 * entry's: the interface the map is applied to. */
	char via[CONFIG_NAME];
	/* This tunnel's own outer addresses, where several tunnels share one
	 * gateway with a peer each (IOS: an ikev2 profile that matches
	 * several peers, each tunnel's tunnel source / tunnel destination);
	 * line 0: the gateway's local_addr / remote_addr are the tunnel's. */
	struct config_prefix outer_local, outer_remote;
	/* 1: the tunnel is no interface and the one it leaves by is not
	 * known (an IOS crypto map applied to no interface): its interface
	 * lines are printed as comments, never under the tunnel's name */
	int no_iface;
	/* A clamp made of rules that each match a direction through the
	 * tunnel (RouterOS change-mss with addresses or interfaces): the
	 * directions the IPv4 rules cover together (CONFIG_DIR_OUT toward the
	 * peer, CONFIG_DIR_IN from it; 0: not such a clamp), and the first of
	 * them without a guard that keeps it from raising a smaller MSS
	 * (RouterOS tcp-mss=N+1-65535; line 0: every rule has one) */
	unsigned mss_dirs;
	struct config_num mss_unguarded;
	int mss_policy;          /* 1: the clamp is a firewall policy's (FortiOS
	                               * tcp-mss-sender/-receiver), not the interface's */
	struct config_hold hold; /* RTX, IX, swanctl, ipsec.conf: their model step's */
	/* RTX, IX, swanctl, ipsec.conf: whether this end starts the tunnel's
	 * IKE (their model step's; those formats decide it per tunnel or by
	 * lines a gateway's start does not hold). set 0: the gateway's start. */
	struct config_start start;
};

/* keepalive/DPD methods (RTX 15.20; IX; strongSwan dpd_delay) */
enum config_ka {
	CONFIG_KA_HEARTBEAT,
	CONFIG_KA_ICMP,
	CONFIG_KA_DPD,
	CONFIG_KA_RFC4306,
	CONFIG_KA_WATCH
};
/* keepalive switch: RTX on|off|auto */
enum config_switch { CONFIG_OFF = 0, CONFIG_ON = 1, CONFIG_AUTO = 2 };

/* swanctl.conf(5) dpd_action / close_action / start_action values */
enum config_action {
	CONFIG_ACT_NONE,
	CONFIG_ACT_CLEAR,
	CONFIG_ACT_TRAP,
	CONFIG_ACT_RESTART,
	CONFIG_ACT_START,
	CONFIG_ACT_HOLD,
	CONFIG_ACT_OTHER
};

/* ---- the vendor-neutral view the checks read ---------------------------
 * Every parser whose facts row sets `neutral` fills these for each gateway
 * from its own syntax and defaults (its model step, like
 * config/ipsecconf_model.c), so core/audit.c judges any vendor with one
 * rule and no vendor comparison. RTX, IX, swanctl and ipsec.conf fill
 * the DPD part (state, src, why; config_tunnel.hold) and the start part
 * per tunnel (config_tunnel.start; RTX's router-wide switch in
 * config.start). Every format's clamp default is its facts row's
 * (config_facts.clamp_default, config_clamp_default()). */

/* How this end learns that its IKE peer is gone: DPD (RFC 3706), IKEv2
 * liveness checks (RFC 7296 section 2.4) or a vendor keepalive. */
enum config_live_state {
	CONFIG_LIVE_UNKNOWN,   /* the format's default was not found in any source */
	CONFIG_LIVE_OFF,       /* nothing is sent: a dead peer is never noticed */
	CONFIG_LIVE_ON,        /* sent periodically, or when the SA is idle */
	CONFIG_LIVE_ON_DEMAND, /* only when traffic goes out and nothing comes back
	                           * (Cisco keepalive on-demand, FortiOS dpd on-demand) */
	CONFIG_LIVE_SAME_MAKE, /* a vendor keepalive that only a peer of the same make
	                           * answers (RTX heartbeat, 15.20): on against a Yamaha
	                           * peer, off against one the peer profile marks non_yamaha */
};

/* Why no DPD that works runs (state OFF, SAME_MAKE or UNKNOWN), in the
 * words of the formats older than this view (RTX, IX, swanctl.conf,
 * ipsec.conf): core/audit.c's dpd_says[] gives each its finding or note.
 * The newer parsers leave CONFIG_WHY_NONE. */
enum config_live_why {
	CONFIG_WHY_NONE,                /* no words of its own: "DPD is off" / "not set, off" */
	CONFIG_WHY_NO_TUNNEL,           /* UNKNOWN: no tunnel is bound to the peer (IX, whose
	                               * DPD is the tunnels') */
	CONFIG_WHY_RTX_OFF,             /* ipsec ike keepalive use GW off */
	CONFIG_WHY_RTX_UNSET,           /* IKEv1 without keepalive use: heartbeat, auto (15.20) */
	CONFIG_WHY_RTX_HEARTBEAT_AUTO,  /* heartbeat with switch auto: only if the peer sends */
	CONFIG_WHY_RTX_HEARTBEAT,       /* SAME_MAKE: heartbeat, Yamaha's own keepalive */
	CONFIG_WHY_RTX_V2_UNSET,        /* IKEv2 without keepalive use: rfc4306, auto (15.20) */
	CONFIG_WHY_RTX_V2_AUTO,         /* rfc4306 with switch auto: answers the peer's only */
	CONFIG_WHY_IX_V1,               /* IKEv1: no ike keepalive, no watch-group */
	CONFIG_WHY_IX_V2,               /* IKEv2: no ikev2 dpd interval (tunnel, default-profile) */
	CONFIG_WHY_IX_WATCH_NO_ACTION,  /* IKEv1: no ike keepalive, and the watch-group that
	                                  * watches the tunnel (why_line) has no action */
	CONFIG_WHY_SWAN_ZERO,           /* dpd_delay = 0 */
	CONFIG_WHY_SWAN_UNSET,          /* no dpd_delay (default 0s) */
	CONFIG_WHY_IPC_NO_ACTION,       /* strongSwan: src leaves dpdaction none (or dpddelay 0) */
	CONFIG_WHY_IPC_NO_ACTION_UNSET, /* strongSwan: no dpdaction (default none) */
	CONFIG_WHY_IPC_NO_TIMEOUT,      /* Libreswan IKEv1: dpddelay (src) without dpdtimeout */
	CONFIG_WHY_IPC_NO_DELAY,        /* Libreswan: src leaves dpddelay 0 */
	CONFIG_WHY_IPC_NO_DELAY_UNSET,  /* Libreswan: no dpddelay (default 0) */
	CONFIG_WHY_COUNT
};

struct config_live {
	enum config_live_state state;
	struct config_num src;  /* the line that decides; line 0: the format's default */
	long dead_after;        /* seconds from the peer's last reply to "dead"; -1 unknown */
	int exact;              /* 1: dead_after is exact; 0: a lower bound */
	long interval, retries; /* as configured (or defaulted); 0 unknown */
	enum config_live_why why;
	/* The deciding line names a method IKE version ike does not have,
	 * and the router runs instead in its place (RTX 15.20): both as the
	 * format spells them; NULL when it runs what the line names. */
	const char *named, *instead;
	int ike;
	unsigned why_line; /* a line the reason names (IX: the watch-group with no action) */
};

/* An IKE peer: RTX security gateway number, IX ike policy / IKEv2 peer,
 * swanctl connection. */
struct config_gateway {
	char name[CONFIG_NAME];
	char policy[CONFIG_NAME]; /* IX: ike policy name (for ike keepalive) */
	char acl[CONFIG_NAME];    /* IX: the autokey-map's access list */
	unsigned line;
	struct config_num version;   /* IKE version: 1 or 2 */
	struct config_num keepalive; /* v: enum config_switch */
	enum config_ka ka_method;
	int ka_method_set; /* the line named a method */
	long ka_interval, ka_count;
	int ka_tmpl; /* the interval or count is a placeholder: how long DPD
	                               * takes is not known (never the defaults' number) */
	struct config_num
		refresh; /* RTX ipsec auto refresh GW on|off; swanctl start_action (v 1: initiates) */
	struct config_num compat; /* RTX ipsec ike backward-compatibility GW 1|2 */
	struct config_num natt;   /* RTX/IX/swanctl NAT-T on (v 1) / off (v 0) */
	struct config_num esp;    /* the ESP transform line */
	/* The ESP is the router's default set of several proposals (a Junos
	 * ipsec policy naming none), or a named set whose members the model
	 * does not hold (Junos proposal-set NAME; esp_set: NAME): which one is
	 * negotiated is the peer's choice, so the model computes none; its
	 * line: the policy's first, or its proposal-set line */
	struct config_num esp_several;
	char esp_set[CONFIG_NAME];
	char esp_text[CONFIG_ESP]; /* normalised: "aes-cbc sha-hmac", "esp-aes-256 esp-sha" */
	struct config_prefix local_id, remote_id; /* proxy ids / traffic selectors */
	/* The peer's outside (IKE) address: RTX ipsec ike remote address GW ADDR,
	 * swanctl remote_addrs (the first). plen 32 for an IPv4 address,
	 * CONFIG_PLEN_OTHER for a name, "any" or IPv6. IX keeps it in name. */
	struct config_prefix remote_addr;
	/* This end's own outside (IKE) address, where the file writes one:
	 * RTX ipsec ike local address GW ADDR (chapter 15), swanctl local_addrs
	 * (the first), ipsec.conf left=. Same plen convention; line 0 when
	 * not written (behind NAT, %defaultroute, IX, which takes it from
	 * its outgoing interface). audit --peer-config pairs two routers by
	 * it (core/audit_pair.c). */
	struct config_prefix local_addr;
	/* The IKE identities, as written without a type prefix (strongSwan's
	 * leading '@' dropped): RTX ipsec ike local name / remote name GW
	 * NAME (chapter 15), swanctl local.id / remote.id, IX ike local-id /
	 * remote-id POLICY TYPE ID, Junos local-identity / remote-identity
	 * TYPE ID; "" when not written (ipsec.conf leftid/rightid are not
	 * read). Where
	 * neither end writes its own address, two routers pair by them. */
	char local_ike_id[CONFIG_NAME], remote_ike_id[CONFIG_NAME];
	struct config_num start_action; /* swanctl children start_action; v: enum config_action */
	struct config_num dpd_action;   /* swanctl children dpd_action; v: enum config_action */
	struct config_num close_action; /* swanctl children close_action; v: enum config_action */
	struct config_num life_ike;     /* RTX ipsec ike duration isakmp-sa|ike-sa GW s (15.48.1) */
	struct config_num life_child; /* RTX ipsec ike duration ipsec-sa|child-sa GW s (15.48.1) */
	/* The pre-shared key as a keyed digest (config/secret.h), never the
	 * key: RTX ipsec ike pre-shared-key GW text|0x..., IX ikev2
	 * authentication psk id ipv4 ADDR key char|hex K, swanctl secrets. */
	struct config_secret psk;
	struct config_num
		dpd_timeout; /* ipsec.conf dpdtimeout, swanctl dpd_timeout, seconds (IKEv1) */
	/* The lines that set DPD's interval and its count of tries where a
	 * format writes them as statements of their own (Junos
	 * dead-peer-detection interval N / threshold N): what a fix line
	 * replaces, and what its rollback puts back; line 0 when not set */
	struct config_num dpd_interval, dpd_count;
	/* neutral formats (config_facts.neutral) only: what core/audit.c reads */
	struct config_live live;
	struct config_start start;
};

struct config_bgp {
	uint32_t addr; /* host order */
	/* The neighbour's AS as the file writes it (asplain or asdot, RFC
	 * 5396); 0 when no AS is written, it is a placeholder or a word
	 * (VyOS "external"): AS 0 is no AS a neighbour can have (RFC 7607). */
	uint32_t as;
	unsigned line;
	char text[CONFIG_TEXT];
	/* The peer group it is a member of ("neighbor A peer-group G": Cisco
	 * IOS IP command reference, neighbor peer-group; FRR and VyOS the
	 * same), "" none; a neighbour without an AS of its own takes the
	 * group's once the file is read (config.bgp_groups). */
	char group[CONFIG_NAME];
};

/* Why a line is invalid for the router: the audit's invalid-line finding
 * words it (render), with the argument position and what was expected. */
enum config_bad {
	CONFIG_BAD_COMMAND,      /* no command of this router begins this way */
	CONFIG_BAD_ARG,          /* argument `arg` is not a `expect` */
	CONFIG_BAD_MISSING,      /* argument `arg` (a `expect`) is missing */
	CONFIG_BAD_RANGE,        /* argument `arg` is outside the router's range */
	CONFIG_BAD_SCOPE,        /* valid only inside a block of kind `expect` */
	CONFIG_BAD_CYCLE,        /* ipsec.conf also= leads back to this conn */
	CONFIG_BAD_UNCLOSED,     /* FortiOS: a config block (or an edit in it) that no
	                           * end (next) closes before the next top-level config
	                           * or the end of the file */
	CONFIG_BAD_NESTING,      /* Junos/VyOS: a brace, quote or comment without its
	                           * pair (config/tree.c); word `arg` is the lone one */
	CONFIG_BAD_QUOTE,        /* FortiOS: a double-quoted value no later line closes:
	                           * the rest of the file is its text */
	CONFIG_BAD_SECTION_NAME, /* ipsec.conf: conn NAME with more words; word `arg` is the
	                           * second name */
	CONFIG_BAD_LEVEL,        /* Junos: a set line relative to the level an "up" (at
	                           * line lo) moved to, which its words do not show */
};

/* What an argument must be: the types of the grammar tables. */
enum config_arg {
	CONFIG_ARG_NONE,
	CONFIG_ARG_NUMBER,
	CONFIG_ARG_ADDR,
	CONFIG_ARG_ADDR6, /* an IPv6 address (FortiOS remote-gw6, local-gw6) */
	CONFIG_ARG_PREFIX,
	CONFIG_ARG_WORD,
	CONFIG_ARG_ONOFF,
	CONFIG_ARG_MSS,
	CONFIG_ARG_MTU,
	CONFIG_ARG_KEYWORD,
	CONFIG_ARG_FG_P1_KEY, /* a key of FortiOS 6.0.0-7.6.4's vpn ipsec phase1-interface */
	/* scopes, for CONFIG_BAD_SCOPE */
	CONFIG_ARG_IN_TUNNEL,
	CONFIG_ARG_IN_PP,
	CONFIG_ARG_IN_INTERFACE,
	CONFIG_ARG_IN_TUNNEL_IF,
	CONFIG_ARG_IN_PROFILE,
	CONFIG_ARG_IN_SECTION,
	CONFIG_ARG_IN_CONFIG,
	CONFIG_ARG_IN_EDIT, /* FortiOS: a config block, an edit entry */
	/* Cisco IOS: its configuration sub-modes, by their own names */
	CONFIG_ARG_IN_IOS_TUNNEL,
	CONFIG_ARG_IN_ISAKMP_POLICY,
	CONFIG_ARG_IN_KEYRING,
	CONFIG_ARG_IN_ISAKMP_PROFILE,
	CONFIG_ARG_IN_TRANSFORM_SET,
	CONFIG_ARG_IN_IPSEC_PROFILE,
	CONFIG_ARG_IN_IKEV2_PROPOSAL,
	CONFIG_ARG_IN_IKEV2_KEYRING,
	CONFIG_ARG_IN_IKEV2_PEER,
	CONFIG_ARG_IN_IKEV2_PROFILE,
	CONFIG_ARG_IN_CRYPTO_MAP,
	CONFIG_ARG_IN_BGP,
	CONFIG_ARG_IN_ACL,
	CONFIG_ARG_IN_SUBMODE,
};

struct config_invalid {
	unsigned line;
	enum config_bad why;
	unsigned arg; /* 1-based word of the line; 0 the whole line */
	enum config_arg expect;
	long lo, hi; /* CONFIG_BAD_RANGE */
	char text[CONFIG_TEXT];
	/* word arg as the line has it, when text hides part of the line (a
	 * key): the words are counted on the line, not on its masked text;
	 * "" when text has the word itself */
	char word[CONFIG_NAME];
};

/* A name used before (or without) its definition: IX ikev2 binding to a
 * missing ikev2 profile, RTX ipsec tunnel N without ipsec sa policy N ... */
enum config_ref_kind {
	CONFIG_REF_IKEV2_PROFILE,
	CONFIG_REF_SA_POLICY,
	CONFIG_REF_IPSEC_MAP,
	CONFIG_REF_IPSEC_PROPOSAL,
	CONFIG_REF_ACL,
	CONFIG_REF_IKE_PROPOSAL,
	CONFIG_REF_IKE_POLICY,
	CONFIG_REF_PP_TUNNEL,
	CONFIG_REF_SWAN_PROPOSAL,
	CONFIG_REF_ALSO,
	CONFIG_REF_PHASE1,               /* FortiOS phase2-interface set phase1name NAME */
	CONFIG_REF_IKE_GATEWAY,          /* Junos ipsec vpn ... ike gateway NAME */
	CONFIG_REF_IPSEC_POLICY,         /* Junos ipsec vpn ... ike ipsec-policy NAME */
	CONFIG_REF_JUNOS_IPSEC_PROPOSAL, /* Junos security ipsec policy P proposals NAME */
	CONFIG_REF_JUNOS_IKE_PROPOSAL,   /* Junos security ike policy P proposals NAME */
	CONFIG_REF_ROS_PROPOSAL,         /* RouterOS /ip ipsec policy proposal=NAME */
	CONFIG_REF_TUNNEL_IF, /* Junos bind-interface st0.N, VyOS vti bind vtiN: no such interface */
	CONFIG_REF_ESP_GROUP, /* VyOS esp-group NAME */
	CONFIG_REF_IKE_GROUP, /* VyOS ike-group NAME */
	/* Cisco IOS (config/ios.c): tunnel protection ipsec profile P, crypto
	 * map ... ipsec-isakmp dynamic DMAP, set transform-set T */
	CONFIG_REF_IOS_IPSEC_PROFILE,
	CONFIG_REF_IOS_DYNAMIC_MAP,
	CONFIG_REF_IOS_TRANSFORM_SET,
};
struct config_ref {
	unsigned line;
	enum config_ref_kind kind;
	char name[CONFIG_NAME];
	char text[CONFIG_TEXT];
	int tunnel; /* the tunnel it leaves unbound, -1 none */
};

struct config_placeholder {
	unsigned line;
	char token[CONFIG_NAME];
};

/* A line the router takes that changes nothing, because a line its vendor
 * requires with it is missing from the same entry (FortiOS: set mtu
 * without set mtu-override enable, config/fortios.c gated[]): the audit
 * notes it (core/audit.c inert_note; render words each why), so a value
 * the engineer can read in the file is never called "not set" silently. */
enum config_inert_why {
	CONFIG_INERT_FG_MTU_OVERRIDE, /* FortiOS system interface mtu: needs mtu-override enable */
};
struct config_inert {
	unsigned line;
	enum config_inert_why why;
	char text[CONFIG_TEXT];
};

/* Lines first..last (inclusive) are known commands the audit does not read. */
struct config_span {
	unsigned first, last;
};

/* Where the line MTU (the MTU the ESP packets meet) is stated, if anywhere. */
enum config_line_src {
	CONFIG_LINE_NONE,
	CONFIG_LINE_PP,
	CONFIG_LINE_MAPE,
	CONFIG_LINE_PPPOE_IF,
	CONFIG_LINE_IFACE
};

/* What a tunnel without an MSS clamp line gets from the router itself. */
enum config_clamp_state {
	CONFIG_CLAMP_UNKNOWN, /* no source states the default (NEC IX) */
	CONFIG_CLAMP_NONE,    /* nothing is clamped unless configured */
	CONFIG_CLAMP_AUTO,    /* the router clamps to its tunnel MTU by itself */
};
/* Whose words a clamp default is said in (config_facts.clamp_why), like
 * config_start_why: RTX (command reference 8.1.21: by firmware) and IX
 * (no document found) keep theirs; core/audit.c's clamp_says[] gives each
 * state its finding. The newer formats leave CONFIG_CWHY_NONE. */
enum config_clamp_why { CONFIG_CWHY_NONE, CONFIG_CWHY_RTX, CONFIG_CWHY_IX, CONFIG_CWHY_COUNT };
/* A firmware release a.b.c as one number (config.release), so that every
 * parser that reads a release (RTX "Rev.14.01.38", FortiOS
 * "#config-version=...-6.4.15-FW-...", RouterOS "by RouterOS 7.11.2")
 * fills the same field and every fact compares against it. Each part is
 * below 1000. */
#define CONFIG_RELEASE(a, b, c) ((long)(a)*1000000L + (long)(b)*1000L + (long)(c))

/* A firmware from which on the clamp default is auto (config_facts.
 * clamp_since, ended by a NULL model): model "" matches any model
 * (config.model); since is a CONFIG_RELEASE(). */
struct config_since {
	const char *model;
	long since;
};

/* What a format's grammar implies where the configuration says nothing:
 * the facts the audit's checks read instead of asking which vendor it
 * was (one row per parser, config.c). */
struct config_facts {
	unsigned tunnel_mtu_default; /* a tunnel with no MTU line has this MTU; 0 unknown */
	int clamp_in_config;         /* the format can hold an MSS clamp (swanctl.conf cannot) */
	int implicit_policy;         /* a tunnel is its own IPsec policy (a swanctl child) */
	int selectors_dynamic;       /* unset traffic selectors are the peers' own addresses */
	int natt_in_tunnel;    /* NAT-T is the tunnel's (IKEv2) or global (IKEv1), not the peer's */
	const char *peer_word; /* what the format calls an IKE peer: "gateway", "connection" */
	/* 1: the checks read config_gateway.live/.start and the fields below,
	 * never the vendor (every parser after ipsec.conf) */
	int neutral;
	/* 1: NAT-T engages by itself when a NAT is detected (NAT-D, RFC 3947;
	 * RFC 7296 section 2.23) unless a line turns it off; natt.v 1 then
	 * means forced (or explicitly on), counted in the model */
	int natt_detects;
	int natt_zero_detects; /* a natt line with v 0 only stops forcing it
	                                  * (swanctl.conf(5) encap = no) */
	/* 1: one clamp line covers every tunnel (Junos [edit security flow
	 * tcp-mss] ipsec-vpn mss): its number must fit the smallest one */
	int clamp_global;
	/* no-mss-clamp: what a tunnel without a clamp line is left with
	 * (config_clamp_default() reads these): the format's default, or
	 * by firmware revision from clamp_since; whose words say it; and the
	 * source its findings cite instead of the check's (each vendor's own
	 * document, never another's: doc/vendor-syntax.md) */
	enum config_clamp_state clamp_default;
	const struct config_since *clamp_since;
	enum config_clamp_why clamp_why;
	const char *clamp_source;
	const char *selector_default; /* what unset traffic selectors are, as the
	                                  * vendor's manual says it, for the finding */
	const char *natt_default;     /* what NAT-T is when no line sets it (both marked
	                                  * N_(): render translates them, core passes them on) */
	const char *sources;          /* neutral: the vendor documents the grammar and
	                                  * defaults rest on, cited by each finding */
	/* clamp_in_config 0: where the format says clamps are not, for the
	 * note (marked N_(), like natt_default) */
	const char *clamp_elsewhere;
	/* tunnel_mtu_default set: how a finding names it, alone and with the
	 * line the file lacks (marked N_()) */
	const char *mtu_default_word, *mtu_default_unset;
	/* 1: what NAT-T does when no line sets it was not found (IX): the
	 * tunnel line says so instead of "off" */
	int natt_default_unknown;
	/* 1: gateways carry an IKEv1 backward-compatibility setting (config_
	 * gateway.compat) whose default a field-observed peer rejects (RTX
	 * ipsec ike backward-compatibility, 15.28, default 1) */
	int ike_compat;
	/* an interface MSS clamp rewrites SYNs of one direction only on a
	 * release before this one (a CONFIG_RELEASE()); 0 never. FortiOS:
	 * 7.0.1 (Fortinet community Technical Tip 221376) */
	long clamp_one_way_before;
	const char *clamp_one_way; /* what to do about it, for the note (marked N_()) */
	/* 1: a gateway's name is its IKE peer's address when no remote_addr
	 * is written (NEC IX: ikev2 peer ADDR, ike policy NAME peer ADDR) */
	int peer_named_by_addr;
	/* The IKE versions a gateway speaks (the pair audit: PEER_IKEV1 |
	 * PEER_IKEV2 of config/peer.h) when config_gateway.version is 0, not
	 * set or "either": RTX IKEv1 (15.1, ipsec ike version), swanctl and
	 * ipsec.conf both (swanctl.conf(5) version 0, ipsec.conf(5)
	 * keyexchange=ike); 0 unknown (the newer formats: their parsers set
	 * version where the file or its default says). ike_in_tunnel 1: the
	 * version is each tunnel's mode instead (IX tunnel mode ipsec-ikev2:
	 * config_tunnel.ikev2). */
	unsigned ike_unset;
	int ike_in_tunnel;
	/* The SA lifetimes (seconds) that apply when config_gateway.life_ike
	 * / life_child are not written, both SAs; 0: this format's lifetimes
	 * are not read (RTX ipsec ike duration, 15.48.1: 28800) */
	long life_default;
	/* How the audit's tunnel line says a tunnel MTU is not set when the
	 * format's default is unknown (IX: no NEC document states it); NULL
	 * says nothing more. Marked N_(): render translates it. */
	const char *mtu_unknown_word;
	/* Which reading of the format the checks used, one line per dialect
	 * (enum config_dialect; ipsec.conf: strongSwan and Libreswan read DPD
	 * keys differently); NULL: a format of one reading. Marked N_(). */
	const char *dialect_word[2];
	/* 1: the format writes ESP transforms as strongSwan proposal keywords
	 * already (swanctl.conf, ipsec.conf); else config_esp_keyword() maps
	 * its words (esp_words.c) */
	int esp_native;
	/* The IKE version a gateway with no version line, or one saying
	 * "either", starts with, by dialect (enum config_dialect; a format of
	 * one reading fills [0]): 2 IKEv2 (swanctl.conf(5) version 0;
	 * strongSwan ipsec.conf keyexchange=ike), 0 none known (Libreswan
	 * ipsec.conf: IKEv1 unless ikev2=; the other formats' parsers set
	 * config_gateway.version where the file or its default says) */
	unsigned ike_start_unset[2];
	/* Why a line config.prose counts is no configuration, for the note
	 * (marked N_()); NULL: the parser counts none. */
	const char *prose_why;
};

struct cfg_index;

/* A growable table: n used, cap allocated. */
#define CONFIG_TABLE(type, name) \
	type *name; \
	size_t n##name, cap_##name

/* Why config_parse refused the text, when it is one of these: a code
 * and its numbers, worded by cli (cli_config_why(), cli/readfile.c). */
enum config_refusal {
	CONFIG_R_NONE,
	CONFIG_R_NO_COMMANDS,    /* detection: no command of any format in lines */
	CONFIG_R_NOT_FORMAT,     /* --vendor format: none of its commands in lines */
	CONFIG_R_EMPTY,          /* no byte at all (format: the one given, if has_format) */
	CONFIG_R_UNKNOWN_FORMAT, /* v is no format config_parse reads */
	CONFIG_R_NOMEM,          /* a table of format could not grow */
	CONFIG_R_NOT_FIT,        /* fewer lines read as format than not: ninvalid,
	                          * invalid[0] and read + unread say how many */
	CONFIG_R_NAME_CUT,       /* a name longer than a name keeps: name_cut says which */
	CONFIG_R_FOREIGN,        /* a format not read yet: looks (its name), line, text */
};

struct config {
	struct {
		enum config_refusal code;
		unsigned lines;        /* the file's lines */
		enum vendor_id format; /* NOT_FORMAT, NOMEM, NOT_FIT, EMPTY: the format */
		int has_format;        /* EMPTY: a format was given (else any was expected) */
		const char *looks;     /* FOREIGN: the format's name (config/foreign.c, static) */
		unsigned line;         /* FOREIGN: the first line only that format has */
		char text[96];         /* FOREIGN: that line (config_foreign.why) */
	} refused;
	enum vendor_id vendor;
	enum config_dialect dialect; /* VENDOR_IPSECCONF only */
	/* the first line showing that the file is in an older release's
	 * syntax (VyOS 1.3: config/vyos.c), 0 the current one's: fix rows of
	 * form 1 apply instead of form 2 (render/vendor_tables.c) */
	unsigned older_release;
	const struct config_facts *facts; /* the format's (never NULL after config_parse) */
	unsigned lines;                   /* lines read */
	unsigned read;                    /* commands the audit reads */
	unsigned unread;                  /* known commands the audit does not read */
	unsigned comments;
	int nomem; /* a table could not grow: the parse failed */
	struct config_num
		include; /* ipsec.conf, swanctl.conf: the first include line (not followed); v: how many */
	/* The first IPsec peer or policy the file defines disabled (RouterOS
	 * disabled=yes), v: how many; a file whose every one is has no tunnel
	 * to audit, and the audit says so instead of "nothing kills it" */
	struct config_num disabled;
	struct config_num
		name_cut; /* the first name longer than CONFIG_NAME - 1 (text: the name), v: how
	                               * many; the parse then fails (config.c fits) */
	char firmware[CONFIG_TEXT]; /* RTX "# RTX1210 Rev.14.01.38 ..." header, if any */
	unsigned firmware_line;
	/* the firmware release the header names as CONFIG_RELEASE(), where
	 * the parser reads one (RTX Rev., FortiOS #config-version, RouterOS
	 * "by RouterOS"), 0 unknown; and the model it names, "" unknown */
	long release;
	char model[CONFIG_NAME];
	struct config_num refresh; /* RTX global ipsec auto refresh */
	struct config_start start; /* RTX: the global ipsec auto refresh as a start view (set 1) */
	struct config_num natt;    /* IX global ike nat-traversal */
	struct config_num default_dpd; /* IX ikev2 default-profile dpd interval */
	struct config_num watch;       /* IX watch-group + network-monitor (Oracle's keepalive) */
	struct config_num any_acl;     /* IX ip access-list ... src any dest any */
	struct config_num child_esp;   /* IX ikev2 default-profile child-proposal enc/integrity */
	char child_esp_text[CONFIG_ESP];
	struct config_num line_mtu; /* the stated line MTU, with its line; v 0: none */
	enum config_line_src line_src;
	char line_name[CONFIG_NAME]; /* the interface or tunnel it is on */
	size_t line_index;           /* in tunnels (CONFIG_LINE_MAPE) or ifaces (the others) */
	CONFIG_TABLE(struct config_iface, ifaces);
	CONFIG_TABLE(struct config_tunnel, tunnels);
	CONFIG_TABLE(struct config_gateway, gateways);
	CONFIG_TABLE(struct config_bgp, bgp);
	/* peer groups: group is the name, as its remote-as (0 none), addr 0 */
	CONFIG_TABLE(struct config_bgp, bgp_groups);
	CONFIG_TABLE(struct config_invalid, invalid);
	CONFIG_TABLE(struct config_ref, refs);
	CONFIG_TABLE(struct config_placeholder, placeholders);
	CONFIG_TABLE(struct config_span, spans);
	CONFIG_TABLE(struct config_inert, inert);
	/* Lines of prose from the document the file was copied from, in no
	 * syntax of the router (AWS's FortiGate sample writes its comments as
	 * '!' lines, config/fortios.c): one note for them all (facts->
	 * prose_why), never a finding per line. line and text: the first; v:
	 * how many; prose_last: the last line. */
	struct config_num prose;
	unsigned prose_last;
	struct cfg_index *index; /* name lookups for the tables (config/index.c) */
};

/* "rtx", "ix", "strongswan", "ipsec-conf": a vendor with a parser; -1 for anything else. */
int config_vendor_lookup(const char *name);
const char *config_vendor_name(enum vendor_id v);
const char *config_vendor_display(enum vendor_id v);
/* c->facts, or facts that assume nothing (a model built by hand). */
const struct config_facts *config_facts(const struct config *c);
/* The facts row of vendor v's format (facts that assume nothing when v
 * has no parser). */
const struct config_facts *config_vendor_facts(enum vendor_id v);
/* Maps a transform as format v writes it to strongSwan proposal syntax
 * ("aes-cbc sha-hmac" -> "aes128-sha1", esp_words.c); -1 when a word is
 * not known (out then holds that word) or the text is empty/"default". */
int config_esp_keyword(enum vendor_id v, const char *text, char *out, size_t len);
/* What a tunnel of c without a clamp line is left with: the facts row's
 * clamp_default, or with clamp_since the header's model and release
 * (c->model, c->release): AUTO from a listed release on, NONE before it,
 * UNKNOWN with no release read. */
enum config_clamp_state config_clamp_default(const struct config *c);
/* The setting that says whether tunnel i forces NAT-T (v 1: on), wherever
 * the format keeps it; NULL when the tunnel has no IKE peer to ask. */
const struct config_num *config_tunnel_natt(const struct config *c, size_t i);
/* Tunnel i's ESP proposals as the parser kept them (its own when esp_here,
 * else its gateway's; "" none), and the line they came from. */
const char *config_tunnel_esp(const struct config *c, size_t i, const struct config_num **line);
/* IKE leaves from local (a private address: RFC 1918, or RFC 6598's
 * shared space) toward remote (a public one): something on the way
 * translates it (RFC 1918 section 3: private addresses are not routed on
 * the Internet), so the peer sees another address and NAT-D finds a NAT
 * (RFC 3947, RFC 7296 section 2.23). 0 when either is not a written IPv4
 * address. */
int config_nat_between(const struct config_prefix *local, const struct config_prefix *remote);

/* Which of the formats the text is, from positive evidence: the vendor
 * whose grammar reads most of its lines, among those with a command only
 * that vendor has. -1 with a one-line message when it is none of them,
 * naming the format it looks like when that is a known one. The program
 * detects through config_parse(v < 0), which keeps the parse; this is for
 * the detection tables of tests/unit/config (detect_table.h: every sample
 * against every vendor), which want the answer alone. */
int config_detect(const char *buf, size_t len, char *err, size_t errlen);

/* Parse buf as vendor v (or detect it when v < 0) into *c. Returns 0, or
 * -1 with c->refused set (empty, binary or no format's commands, another
 * format, most lines invalid for that vendor, a name cut, out of memory)
 * and err its code and numbers, not a sentence: the words are cli's
 * (cli_config_why()). Call config_free() after either outcome. */
int config_parse(const char *buf, size_t len, int v, struct config *c, char *err, size_t errlen);
void config_free(struct config *c);
/* What the file should have been, for the refusals above: an English
 * msgid (marked N_()) that the caller translates; a format's own is
 * config_format_what(v) ("a strongSwan swanctl.conf"). */
const char *config_expected(void);
const char *config_format_what(enum vendor_id v);

/* Lookups used by the parsers and the audit. */
int config_tunnel_find(const struct config *c, const char *id);
/* The description of the tunnel or interface called name ("tunnel1",
 * "pp1", "GigaEthernet0.1"), or NULL when it has none. Bytes as the file
 * has them: render converts them for the output. */
const char *config_description(const struct config *c, const char *name);
int config_gateway_find(const struct config *c, const char *name);

/* 1 when s is a template placeholder: ${x}, $<x>, <x>, (x), {{x}}, or an
 * upper-case YOUR_X / X_HERE word. */
int config_is_placeholder(const char *s);
/* 1 when s is one or holds one inside ("${name}-child"). */
int config_has_placeholder(const char *s);

#endif
