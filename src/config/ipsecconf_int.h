/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by config/ipsecconf.c (the grammar and its lines) and
 * config/ipsecconf_model.c (also=, %default, and the site model). */
#ifndef MTUPROBE_IPSECCONF_INT_H
#define MTUPROBE_IPSECCONF_INT_H

#include "config/config_int.h"

/* Section kinds (cfg_cmd.scope bits). */
enum { IPC_SETUP = 1u << 0, IPC_CONN = 1u << 1, IPC_CA = 1u << 2 };

/* The keys a conn sets that the model reads, before inheritance. */
enum ipc_key {
	K_AUTO,
	K_DPDACTION,
	K_DPDDELAY,
	K_DPDTIMEOUT,
	K_VERSION,
	K_NATT,
	K_ESP,
	K_TYPE,
	K_MTU,
	K_CLOSE,
	K_NKEYS
};
enum ipc_pfx { P_LEFTSUBNET, P_RIGHTSUBNET, P_RIGHT, P_LEFTVTI, P_LEFT, P_NPFX };

struct ipc_conn {
	struct config_num k[K_NKEYS];
	struct config_prefix p[P_NPFX];
	char esp[CONFIG_ESP];
	int first_also, last_also; /* into ctx.also, -1 none */
	int state;                 /* also= resolution: 0 not yet, 1 under way, 2 done */
	int template_only;         /* named by an also= */
};

struct ipc_also {
	char name[CONFIG_NAME];
	unsigned line;
	char text[CONFIG_TEXT];
	int next; /* the conn's next also=, -1 none */
};

struct ipc_frame {
	int conn, cursor;
};

struct cfg_ctx {
	unsigned block; /* IPC_* of the open section, 0 before any */
	int conn;       /* index in conns (= gateways, tunnels), -1 none */
	int in_default; /* the open section is conn %default */
	struct ipc_conn dflt;
	struct ipc_conn *conns;
	size_t nconns, cap_conns;
	struct ipc_also *also;
	size_t nalso, cap_also;
	struct ipc_frame *stack;
	size_t nstack, cap_stack;
	int libreswan; /* a Libreswan/Openswan-only key or value was seen */
};

/* Applies also= and %default to every conn, fills gateways and tunnels
 * (same index as conns) and drops the template conns. */
void ipc_model(struct config *c, struct cfg_ctx *x);

#endif
