/* SPDX-License-Identifier: BSD-2-Clause */
/* Private to src/render/vendor*.c: the shape of a vendor's table (the rows
 * are in vendor_tables.c, the renderer that reads them in vendor.c). */
#ifndef MTUPROBE_VENDOR_INT_H
#define MTUPROBE_VENDOR_INT_H

#include "render/vendor.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum vval { V_MTU, V_MSS };

/* One configuration line. The template's {kw} {n} {if} {base} {unit} {mtu}
 * {mss} {mss1} {dir} are filled from the interface ({base} and {unit}: the
 * name split at its last '.', unit 0 without one, for Junos "st0 unit 1");
 * min/max is the range the vendor documents (0/0 = not documented), outside
 * which the line is printed as a comment. A line whose template has {dir} is
 * printed once per direction. */
struct vline {
	int fam;                 /* 4 or 6: IPv6 lines need an interface that carries IPv6 */
	enum vval val;
	unsigned min, max;
	const char *unconfirmed; /* non-NULL: no source confirms this form; printed as a
	                          * comment saying this */
	const char *tmpl;
	unsigned roles;          /* VR(ROLE_WAN), VR(ROLE_TUNNEL), VR_4IN6; 0 = every role */
	unsigned variants;       /* bit per vstyle.variant (VV()); 0 = every style */
};

#define VR(r) (1u << (r))
#define VR_4IN6 (1u << 2)        /* a 4in6 WAN (MAP-E, DS-Lite) rather than VR(ROLE_WAN) */
#define VV(n) (1u << (n))

/* How an interface's block opens and closes (RTX: pp select / tunnel select),
 * chosen by the interface name's prefix. */
struct vstyle {
	const char *prefix;
	const char *open, *close;
	const char *kw;          /* what {kw} becomes; NULL = the interface name */
	int lan_mtu;             /* IPv4 MTU range: the RTX model's LAN maximum */
	int v6_tunnel_note;      /* the RTX model's firmware note before ipv6 tunnel mtu */
	const char *persist;     /* comment after the MTU line: how to keep it */
	unsigned variant;        /* which lines apply (vline.variants); 0 = none chosen */
};

/* A section printed once, not per interface: a global line (ASA's
 * sysopt connection tcpmss, Junos's security flow tcp-mss). */
enum vonce {
	ONCE_NO,                 /* once per interface */
	ONCE_LAST,               /* for the last interface: the tunnel, else the WAN */
	ONCE_TUNNEL,             /* for the tunnel only; nothing without one */
};

struct vsection {
	const char *comment;     /* printed once before the section */
	const char *const *setup;/* printed once, before the first line */
	const struct vline *lines;
	size_t nlines;
	const char *const *teardown; /* printed once, after the last line */
	const char *dir[2];      /* what {dir} becomes: out, in */
	const char *indent;      /* before each line; NULL = the vendor's block indent */
	enum vonce once;
};

struct vendor_def {
	const char *name, *display;
	const char *comment;     /* comment leader */
	const char *indent;      /* inside an open/close block */
	const char *const *header;   /* comment lines: mode, sources, how to save */
	const char *const *preamble; /* commands before the first interface */
	const char *const *footer;   /* comment lines at the end */
	const char *wan_default[3];  /* by enum wan_kind: ETHER, PPPOE, 4IN6 */
	const char *tunnel_default[3];
	const struct vstyle *styles;
	size_t nstyles;
	const struct vsection *sections;
	size_t nsections;
	const char *const *postamble; /* commands after the last section (IOS 'end') */
};

/* The table of every vendor, indexed by enum vendor_id (vendor_tables.c). */
extern const struct vendor_def vendor_defs[VENDOR_COUNT];

#endif
