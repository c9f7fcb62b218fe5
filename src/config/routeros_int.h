/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by config/routeros.c (the export's lines and menus) and
 * config/routeros_model.c (the IPsec objects turned into the site model). */
#ifndef MTUPROBE_ROUTEROS_INT_H
#define MTUPROBE_ROUTEROS_INT_H

#include "config/config_int.h"

/* A setting as one command stated it: the value, its line and the text
 * findings quote (secrets already masked). line 0: not stated. */
struct ros_val {
	long v;
	unsigned line;
	int tmpl;
	char text[CONFIG_TEXT];
};

/* /ip ipsec profile: phase 1 settings several peers may share. */
struct ros_profile {
	char name[CONFIG_NAME];
	unsigned line;
	struct ros_val dpd;    /* dpd-interval, seconds; -1 disable-dpd */
	struct ros_val dpdmax; /* dpd-maximum-failures */
	struct ros_val natt;   /* nat-traversal yes (1) / no (0) */
	struct ros_val life;   /* lifetime, seconds */
};

/* /ip ipsec peer (v6 before 6.43 kept the profile's settings here too). */
struct ros_peer {
	char name[CONFIG_NAME];
	unsigned line;
	char text[CONFIG_TEXT];
	struct config_prefix addr, local;
	char profile[CONFIG_NAME]; /* "default" unless profile= */
	struct ros_val profile_set;
	struct ros_val mode;    /* exchange-mode: v 1 (main, aggressive, base) or 2 (ike2) */
	struct ros_val passive; /* passive=yes: v 1 */
	int l2tp;               /* exchange-mode=main-l2tp: L2TP/IPsec remote access */
	struct ros_val dpd, dpdmax, natt, life; /* v6 peers only */
	int disabled;
	struct config_secret psk; /* v6 peer secret= */
};

struct ros_proposal {
	char name[CONFIG_NAME];
	unsigned line;
	char text[CONFIG_TEXT];
	/* enc-algorithms and auth-algorithms as written: ',' lists (a value
	 * never outgrows its line) */
	char enc[CONFIG_LINE_MAX], auth[CONFIG_LINE_MAX];
	int enc_set, auth_set;
	struct ros_val life;
};

struct ros_identity {
	char peer[CONFIG_NAME];
	unsigned line;
	struct config_secret psk;
};

struct ros_policy {
	unsigned line;
	char text[CONFIG_TEXT];
	char peer[CONFIG_NAME];
	char proposal[CONFIG_NAME];
	struct config_prefix src, dst, sa_dst;
	int tunnel, skip; /* tunnel=yes; template, disabled or action other than encrypt */
	/* config_tunnel.sel_find and sel_undo: this policy alone */
	char find[CONFIG_TEXT];
	char undo[3 * CONFIG_TEXT];
};

/* /ip firewall mangle (and /ipv6) action=change-mss */
struct ros_mangle {
	unsigned line;
	char text[CONFIG_TEXT];
	int v6;
	int mode; /* CONFIG_MSS_NUM or CONFIG_MSS_AUTO (clamp-to-pmtu) */
	long value;
	char out_if[CONFIG_NAME], in_if[CONFIG_NAME];
	struct config_prefix src, dst;
	long guard; /* tcp-mss=A-B: A, the smallest MSS it changes; -1 none */
};

/* /ip address: where the inside and outside addresses live */
struct ros_addr {
	uint32_t addr;
	unsigned plen;
	char iface[CONFIG_NAME];
	unsigned line;
	char text[CONFIG_TEXT];
};

#define ROS_TABLE(type, name) \
	type *name; \
	size_t n##name, cap_##name
#define ROS_PUSH(c, x, t) \
	cfg_push((c), (void **)&(x)->t, &(x)->n##t, &(x)->cap_##t, sizeof(*(x)->t))

struct cfg_ctx {
	int major;                       /* RouterOS 6 or 7 from the export's header; 0 unknown */
	const struct ros_menu_row *menu; /* the open menu path, NULL before any */
	ROS_TABLE(struct ros_profile, profiles);
	ROS_TABLE(struct ros_peer, peers);
	ROS_TABLE(struct ros_proposal, proposals);
	ROS_TABLE(struct ros_identity, identities);
	ROS_TABLE(struct ros_policy, policies);
	ROS_TABLE(struct ros_mangle, mangles);
	ROS_TABLE(struct ros_addr, addrs);
	char pppoe[CONFIG_NAME]; /* the first pppoe-client with max-mtu */
};

/* A RouterOS time value in seconds ("30s", "2m", "1h2m3s", "1w2d",
 * "00:02:00", "500ms", "10"), rounded down; -1 when it is none. */
long ros_seconds(const char *s);
/* A value that is or holds a template placeholder: config_has_placeholder's
 * forms, and "<x>" inside a value ("<PEER1_AWS_PUBLIC_IP>/32", the published
 * RouterOS-to-AWS template's style). */
int ros_placeholder(const char *v);
void ros_val_set(struct ros_val *d, long v, unsigned line, const char *text);
/* Fills the gateways and tunnels from the IPsec objects read. */
void ros_model(struct config *c, struct cfg_ctx *x);

#endif
