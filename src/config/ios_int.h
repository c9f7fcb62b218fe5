/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by config/ios.c (the grammar and its lines) and config/ios_model.c
 * (names resolved, the site model and its vendor-neutral view). */
#ifndef MTUPROBE_IOS_INT_H
#define MTUPROBE_IOS_INT_H

#include "config/config_int.h"

/* Block kinds (cfg_cmd.scope bits): the configuration sub-modes of IOS. */
enum {
	IOS_IFACE = 1u << 0,       /* interface X (not a tunnel) */
	IOS_TUNIF = 1u << 1,       /* interface TunnelN */
	IOS_ISAKMP_POL = 1u << 2,  /* crypto isakmp policy N */
	IOS_KEYRING = 1u << 3,     /* crypto keyring NAME */
	IOS_ISAKMP_PROF = 1u << 4, /* crypto isakmp profile NAME */
	IOS_TSET = 1u << 5,        /* crypto ipsec transform-set NAME ... */
	IOS_IPSEC_PROF = 1u << 6,  /* crypto ipsec profile NAME */
	IOS_V2_PROP = 1u << 7,     /* crypto ikev2 proposal|policy NAME */
	IOS_V2_KEYRING = 1u << 8,  /* crypto ikev2 keyring NAME */
	IOS_V2_PEER = 1u << 9,     /* peer NAME inside an ikev2 keyring */
	IOS_V2_PROF = 1u << 10,    /* crypto ikev2 profile NAME */
	IOS_CMAP = 1u << 11,       /* crypto map NAME SEQ ipsec-isakmp */
	IOS_BGP = 1u << 12,        /* router bgp N, and its address-family */
	IOS_ACL = 1u << 13,        /* ip access-list extended NAME */
	IOS_OTHER = 1u << 14,      /* line, router ospf, class-map ...: lines of their own */
};

/* One named definition of the configuration, or one of its entries. */
struct ios_row {
	char name[CONFIG_NAME];
	char a[CONFIG_NAME], b[CONFIG_NAME], c[CONFIG_NAME]; /* names it refers to */
	unsigned line;
	char text[CONFIG_TEXT];
	struct config_prefix addr;     /* match identity address, set peer, keyring address */
	struct config_prefix src, dst; /* an ACL's widest permit line */
	struct config_num dpd;         /* ikev2 profile dpd / isakmp profile keepalive */
	long dpd_retry;
	int dpd_mode;          /* enum config_live_state: ON periodic, ON_DEMAND */
	struct config_num esp; /* transform-set line */
	char esp_text[CONFIG_ESP];
	struct config_num life;    /* set security-association lifetime seconds / lifetime */
	struct config_num dynamic; /* crypto map NAME SEQ ipsec-isakmp dynamic DMAP */
	struct config_secret psk;
	int acl_set;
};

struct ios_table {
	struct ios_row *row;
	size_t n, cap;
};

enum ios_tab {
	T_ISAKMP_PROF,
	T_KEYRING_PSK,
	T_ISAKMP_KEY,
	T_TSET,
	T_IPSEC_PROF,
	T_V2_PROF,
	T_V2_PEER,
	T_CMAP,
	T_ACL,
	T_ISAKMP_POL,
	T_TUN,
	T_MAP_LOCAL, /* crypto map NAME local-address IF: a = IF */
	T_NTABS
};

struct cfg_ctx {
	unsigned block, parent; /* the open sub-mode, and the one it is inside */
	int index;              /* the row (tunnel, iface or table row) it edits */
	int opened;             /* the line just read opened a block */
	struct ios_table t[T_NTABS];
	struct config_num keepalive; /* crypto isakmp keepalive S [R] [mode] */
	long ka_retry;
	int ka_mode;
	struct config_num v2_dpd; /* crypto ikev2 dpd I R mode */
	long v2_retry;
	int v2_mode;
	struct config_num natt_off; /* no crypto ipsec nat-transparency udp-encapsulation */
	struct config_num df;       /* crypto ipsec df-bit clear|set|copy */
	char keyring[CONFIG_NAME];  /* the open crypto keyring */
	struct config *cfg;
};

struct ios_row *
ios_add(struct cfg_ctx *x, enum ios_tab t, const char *name, const struct cfg_line *l);
const struct ios_row *ios_find(const struct cfg_ctx *x, enum ios_tab t, const char *name);

/* Gateways, bindings and the neutral view, once every line is read. */
void ios_model(struct config *c, struct cfg_ctx *x);

#endif
