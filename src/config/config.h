/* SPDX-License-Identifier: BSD-2-Clause */
/* config: a router's configuration text in, a typed model out. Bytes in, no
 * I/O, no globals (like src/wire): every parser takes (buf, len), so the fuzz
 * harness (tests/fuzz/fuzz_config.c) is a few lines. Every fact carries the
 * line it came from; line 0 means "not in the configuration", which the audit
 * reads as "the vendor's default applies".
 *
 * Work is bounded: each line is scanned once to find its end, and only its
 * first CONFIG_LINE_MAX bytes are tokenized, so a 1 MB line or a 10 MB file
 * costs one pass. The tables are fixed-size; what does not fit is counted in
 * config.dropped, never written past the end. */
#ifndef MTUPROBE_CONFIG_H
#define MTUPROBE_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#define CONFIG_NAME 48          /* interface, gateway, connection names */
#define CONFIG_TEXT 120         /* an offending line as quoted in a finding */
#define CONFIG_ESP 64           /* an ESP transform as written */
#define CONFIG_LINE_MAX 512     /* bytes of a line that are read at all */
#define CONFIG_MAX_IFACES 32
#define CONFIG_MAX_TUNNELS 64
#define CONFIG_MAX_GATEWAYS 64
#define CONFIG_MAX_BGP 32

enum config_vendor { CONFIG_RTX, CONFIG_IX, CONFIG_STRONGSWAN, CONFIG_VENDOR_COUNT };

/* A number or keyword read from one line. line == 0: not configured. */
struct config_num {
	long v;
	unsigned line;
	char text[CONFIG_TEXT];   /* the whole line as written (trimmed) */
};

/* MSS clamp: "1387", "auto" or "off" (RTX), "auto" (IX). */
enum config_mss { CONFIG_MSS_NUM, CONFIG_MSS_AUTO, CONFIG_MSS_OFF };

/* An IPv4 prefix; plen 0 with addr 0 is 0.0.0.0/0. plen CONFIG_PLEN_OTHER:
 * a selector that is no IPv4 prefix (swanctl "dynamic", IPv6, a range). */
#define CONFIG_PLEN_OTHER 33
struct config_prefix {
	uint32_t addr;            /* host order */
	unsigned plen;            /* 0..32 */
	unsigned line;            /* 0: not configured */
	char text[CONFIG_TEXT];
};

/* A non-tunnel interface: RTX lanN / ppN, IX GigaEthernetX.Y. */
struct config_iface {
	char name[CONFIG_NAME];
	unsigned line;                /* first line naming it */
	struct config_num mtu;        /* ip lanN mtu, ip pp mtu, ip mtu */
	struct config_num mru;        /* ppp lcp mru on N (RTX pp) */
};

struct config_tunnel {
	char name[CONFIG_NAME];       /* "tunnel1", "Tunnel0.0", swanctl child name */
	char id[CONFIG_NAME];         /* RTX tunnel number, IX "0.0", for fix lines */
	unsigned line;                /* where its block opens */
	struct config_num mtu;        /* ip tunnel mtu / ip mtu */
	struct config_num mss;        /* ip tunnel tcp mss limit / ip tcp adjust-mss; v: enum config_mss */
	long mss_value;               /* the number when mss.v == CONFIG_MSS_NUM */
	struct config_num mtu6;       /* ipv6 tunnel mtu / ipv6 mtu */
	struct config_num mss6;       /* ipv6 ... tcp mss limit / ipv6 tcp adjust-mss */
	long mss6_value;
	struct config_num encap;      /* RTX tunnel encapsulation: v 1 ipip/map-e..., 2 l2tp */
	struct config_num df;         /* RTX ipsec tunnel outer df-bit; v: 0 copy, 1 set, 2 clear */
	struct config_num policy;     /* RTX ipsec tunnel N; IX ipsec policy tunnel NAME */
	char policy_name[CONFIG_NAME];
	int gateway;                  /* index into gateways, -1 when unbound */
	struct config_prefix inside;  /* ip tunnel address / ip address: the inside subnet */
	struct config_prefix remote;  /* ip tunnel remote address */
	/* IX IKEv2, per tunnel */
	struct config_num dpd;        /* ikev2 dpd interval N */
	struct config_num connect;    /* ikev2 connect-type auto: v 1 */
	struct config_num responder;  /* ikev2 negotiation-direction responder: v 1 */
	struct config_num natt;       /* ikev2 nat-traversal ... */
	int ikev2;                    /* IX tunnel mode ipsec-ikev2 */
};

/* keepalive/DPD methods (RTX 15.20; IX; strongSwan dpd_delay) */
enum config_ka { CONFIG_KA_HEARTBEAT, CONFIG_KA_ICMP, CONFIG_KA_DPD, CONFIG_KA_RFC4306,
		 CONFIG_KA_WATCH };
/* keepalive switch: RTX on|off|auto */
enum config_switch { CONFIG_OFF = 0, CONFIG_ON = 1, CONFIG_AUTO = 2 };

/* An IKE peer: RTX security gateway number, IX ike policy / IKEv2 peer,
 * swanctl connection. */
struct config_gateway {
	char name[CONFIG_NAME];
	char policy[CONFIG_NAME];     /* IX: ike policy name (for ike keepalive) */
	char acl[CONFIG_NAME];        /* IX: the autokey-map's access list */
	unsigned line;
	struct config_num version;    /* IKE version: 1 or 2 */
	struct config_num keepalive;  /* v: enum config_switch */
	enum config_ka ka_method;
	int ka_method_set;            /* the line named a method */
	long ka_interval, ka_count;
	struct config_num refresh;    /* RTX ipsec auto refresh GW on|off; swanctl start_action */
	struct config_num compat;     /* RTX ipsec ike backward-compatibility GW 1|2 */
	struct config_num natt;       /* RTX/IX/swanctl NAT-T on (v 1) / off (v 0) */
	struct config_num esp;        /* the ESP transform line */
	char esp_text[CONFIG_ESP];    /* normalised: "aes-cbc sha-hmac", "esp-aes-256 esp-sha" */
	struct config_prefix local_id, remote_id;   /* proxy ids / traffic selectors */
	struct config_num dpd_action; /* swanctl children dpd_action (text only) */
};

struct config_bgp {
	uint32_t addr;                /* host order */
	unsigned line;
	char text[CONFIG_TEXT];
};

struct config {
	enum config_vendor vendor;
	unsigned lines;               /* lines read */
	unsigned unread;              /* commands the audit does not read (counted, ignored) */
	unsigned comments;
	unsigned dropped;             /* facts that did not fit the fixed tables */
	char firmware[CONFIG_TEXT];   /* RTX "# RTX1210 Rev.14.01.38 ..." header, if any */
	unsigned firmware_line;
	struct config_num refresh;    /* RTX global ipsec auto refresh; IX ike nat-traversal */
	struct config_num natt;       /* IX global ike nat-traversal */
	struct config_num default_dpd;/* IX ikev2 default-profile dpd interval; ike keepalive */
	struct config_num watch;      /* IX watch-group + network-monitor (Oracle's keepalive) */
	struct config_num any_acl;    /* IX ip access-list ... src any dest any */
	struct config_num child_esp;  /* IX ikev2 default-profile child-proposal enc/integrity */
	char child_esp_text[CONFIG_ESP];
	struct config_iface ifaces[CONFIG_MAX_IFACES];
	size_t nifaces;
	struct config_tunnel tunnels[CONFIG_MAX_TUNNELS];
	size_t ntunnels;
	struct config_gateway gateways[CONFIG_MAX_GATEWAYS];
	size_t ngateways;
	struct config_bgp bgp[CONFIG_MAX_BGP];
	size_t nbgp;
};

/* "rtx", "ix", "strongswan"; -1 for anything else. */
int config_vendor_lookup(const char *name);
const char *config_vendor_name(enum config_vendor v);
const char *config_vendor_display(enum config_vendor v);

/* Which of the three the text is, from its commands; -1 with a one-line
 * message saying what was expected when it is none of them. */
int config_detect(const char *buf, size_t len, char *err, size_t errlen);

/* Parse buf as vendor v (or detect it when v < 0) into *c (caller-owned,
 * large: allocate it). Returns 0, or -1 with a one-line message: empty,
 * binary, or no command of that vendor at all. */
int config_parse(const char *buf, size_t len, int v, struct config *c,
		 char *err, size_t errlen);

/* Lookups used by the parsers and the audit. */
int config_tunnel_find(const struct config *c, const char *id);
int config_gateway_find(const struct config *c, const char *name);

#endif
