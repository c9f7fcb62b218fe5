/* SPDX-License-Identifier: BSD-2-Clause */
/* Private to src/render/vendor*.c and audit_fix.c: the shape of a vendor's
 * table (the rows are in vendor_tables.c), the one template expander that
 * fills its lines (vendor.c), read by calc/probe (vendor.c) and by the
 * audit's fixes (audit_fix.c) alike. */
#ifndef MTUPROBE_VENDOR_INT_H
#define MTUPROBE_VENDOR_INT_H

#include "core/audit.h"
#include "render/vendor.h"
#include "base/count.h"

enum vval { V_MTU, V_MSS };

/* The largest number a line without a confirmed range prints as a command:
 * 1500, the Ethernet MTU (RFC 894) every router in the table takes. Above
 * it (calc --wan-mtu 9000) a router may refuse the line, or take an IP MTU
 * its interface cannot carry (Junos: the protocol MTU must fit the media
 * MTU), so it is printed as a comment saying why. */
#define VLINE_UNRANGED_MAX 1500u

/* One configuration line. The template's {kw} {n} {if} {base} {unit} {mtu}
 * {mss} {mss1} {dir} are filled from the interface ({base} and {unit}: the
 * name split at its last '.', unit 0 without one, for Junos "st0 unit 1");
 * min/max is the range the vendor documents (0/0 = not documented), outside
 * which the line is printed as a comment; with no documented range, so is a
 * value above VLINE_UNRANGED_MAX. A line whose template has {dir} is
 * printed once per direction. */
struct vline {
	int fam; /* 4 or 6: IPv6 lines need an interface that carries IPv6 */
	enum vval val;
	unsigned min, max;
	const char *source;      /* where the form and its range come from (doc/vendor-syntax.md) */
	const char *unconfirmed; /* non-NULL: no source confirms this form; printed as a
	                          * comment saying this */
	const char *tmpl;
	unsigned roles;    /* VR(ROLE_WAN), VR(ROLE_TUNNEL), VR_4IN6; 0 = every role */
	unsigned variants; /* bit per vstyle.variant (VV()); 0 = every style */
};

#define VR(r) (1u << (r))
#define VR_4IN6 (1u << 2) /* a 4in6 WAN (MAP-E, DS-Lite) rather than VR(ROLE_WAN) */
#define VV(n) (1u << (n))

/* How an interface's block opens and closes (RTX: pp select / tunnel select),
 * chosen by the interface name's prefix. */
struct vstyle {
	const char *prefix;
	const char *open, *close;
	const char *kw;      /* what {kw} becomes; NULL = the interface name */
	int lan_mtu;         /* IPv4 MTU range: the RTX model's LAN maximum */
	int v6_tunnel_note;  /* the RTX model's firmware note before ipv6 tunnel mtu */
	const char *persist; /* comment after the MTU line: how to keep it */
	unsigned variant;    /* which lines apply (vline.variants); 0 = none chosen */
};

/* A section printed once, not per interface: a global line (ASA's
 * sysopt connection tcpmss, Junos's security flow tcp-mss). */
enum vonce {
	ONCE_NO,     /* once per interface */
	ONCE_LAST,   /* for the last interface: the tunnel, else the WAN */
	ONCE_TUNNEL, /* for the tunnel only; nothing without one */
};

struct vsection {
	const char *comment;      /* printed once before the section */
	const char *const *setup; /* printed once, before the first line */
	const struct vline *lines;
	size_t nlines;
	const char *const *teardown; /* printed once, after the last line */
	const char *dir[2];          /* what {dir} becomes: out, in */
	const char *indent;          /* before each line; NULL = the vendor's block indent */
	enum vonce once;
};

/* ---- the audit's fixes ------------------------------------------------- */

/* Where a fix line goes: a global line, inside the tunnel's or an
 * interface's block (the vendor's style for that name opens it), or in a
 * swanctl connection or its child. */
enum vscope { VS_GLOBAL, VS_TUNNEL, VS_CONN, VS_CHILD, VS_IFACE };

/* The configuration setting a fix line replaces: where its old line is
 * (audit_fix.c reads it from struct config for the change set). */
enum vsetting {
	F_NONE,
	F_T_MTU,
	F_T_MSS,
	F_T_MSS6,
	F_T_DF,
	F_T_DPD,
	F_T_CONNECT,
	F_T_RESPONDER,
	F_T_NATT,
	F_T_SELECTORS, /* config_tunnel.sel_undo: the command that puts them back */
	F_G_KEEPALIVE,
	F_G_REFRESH,
	F_G_COMPAT,
	F_G_NATT,
	F_G_LOCAL_ID,
	F_G_REMOTE_ID,
	F_G_START,
	F_G_DPD_ACTION,
	F_G_DPD_TIMEOUT,
	F_G_DPD_INTERVAL, /* config_gateway.dpd_interval */
	F_G_DPD_COUNT,    /* config_gateway.dpd_count */
	F_G_LOCAL_ADDR,
	F_C_REFRESH,
	F_C_NATT,
	F_I_MTU,
};

/* One fix line: for a kind of finding's fix (and IKE version), the line in
 * the vendor's syntax. MTU and MSS fixes are the calc line itself (line:
 * its template, range and confirmation), so calc and audit cannot print
 * two forms for one setting. */
struct vfix {
	enum audit_fix_kind kind;
	int ike; /* 0 either, 1 IKEv1 only, 2 IKEv2 only */
	enum vscope scope;
	const struct vline *line; /* an MTU/MSS line of this vendor's calc table, or NULL */
	const char *tmpl;         /* without line: {gw} {sec} {count} {dpd_args} {timeout}
	                          * {policy} {acl} {encaps} {sel_find}; neither: the note
	                          * alone */
	const char *note;         /* printed as a comment before the line, or NULL */
	enum vsetting replaces;   /* the setting it replaces (F_NONE: adds a line) */
	int form;                 /* 0 any release; 1 only a file in an older release's syntax
	                          * (config.older_release: VyOS 1.3), 2 only the others */
};

/* A block around fix lines: its first and last line and the indent of the
 * lines inside ({gw}: the connection, {child}: the child, {policy}: the
 * child's IPsec policy name, config_tunnel.policy_name: a FortiOS phase2). */
struct vblock {
	const char *open, *close, *indent;
};

/* How a vendor's fixes are laid out, in this order: header (change set
 * only), undo_note (rollback that removes a line), preamble, the global
 * lines when global_first, each interface, each tunnel, each connection
 * (conn, and inside it children and each child), postamble, the global
 * lines otherwise, footer (change set only). The tables give each field
 * by name (designated initializers): a field not named is NULL or 0, which
 * is each field's "none". */
struct vfixes {
	const struct vfix *rows;
	size_t n;
	const char *undo;      /* what removes a line that was not set ("no "); NULL: by hand */
	const char *undo_note; /* said before a rollback that removes a line, or NULL */
	const char *header, *footer;
	const char *const *preamble, *const *postamble;
	int global_first;
	struct vblock conn, children, child; /* conn.open NULL: no connection blocks */
	/* by config.dialect (ipsec.conf: strongSwan, Libreswan): {encaps}, and
	 * the footer when it differs (NULL: footer) */
	struct {
		const char *encaps, *footer;
	} dialect[2];
	const char *merge; /* non-NULL: merged into a file by hand, not pasted (probe
	                          * -q prints them as comments after this one) */
	/* Sections around every block of one kind, printed once when it has
	 * lines (FortiOS: "config system interface" ... "end" around the
	 * interface and tunnel blocks, "config vpn ipsec phase1-interface" ...
	 * "end" around the connections); open NULL: none. children_apart: the
	 * children are a section of their own after the connections (children
	 * its first and last line, FortiOS "config vpn ipsec phase2-interface"
	 * ... "end"), not inside each connection (swanctl.conf). */
	struct vblock ifaces_sec, conns_sec;
	int children_apart;
	const char *restore; /* before an old line that is pasted back (was:, rollback):
	                          * Junos/VyOS "set ", whose parsers quote a statement as its
	                          * path; NULL: the line as quoted */
	/* set-form vendors (VyOS "delete "): what deletes a path. The change
	 * set deletes the line a fix replaces before setting the new one, and
	 * the rollback is its inverse: it deletes the new line, then sets the
	 * old one back (or only deletes it when nothing was set). NULL: the
	 * new line replaces the old one itself. */
	const char *remove;
	int mss_auto; /* 1: its MSS line takes "auto", the router's own clamp from the
	                          * tunnel MTU (RTX 8.1.21, IX ip tcp adjust-mss auto); 0: only a
	                          * number, so a fix that knows none is a comment */
};

struct vendor_def {
	const char *display;         /* the name is vendor_id_name() */
	const char *comment;         /* comment leader */
	const char *indent;          /* inside an open/close block */
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
	const struct vfixes *fixes;   /* the audit's fix lines; NULL: not audited */
};

/* The table of every vendor, indexed by enum vendor_id (vendor_tables.c). */
extern const struct vendor_def vendor_defs[VENDOR_COUNT];

/* ---- the one expander -------------------------------------------------- */

/* A template's named values: "{name}" becomes val; a name not listed is
 * copied as written. */
struct vkey {
	const char *name;
	const char *val;
};

#define VKEYS_MAX 24
struct vkeys {
	struct vkey k[VKEYS_MAX];
	size_t n;
	char nums[VKEYS_MAX][24]; /* storage for the values set by vkeys_num */
	char base[64];            /* {base}: the name before its last '.' */
};

void vkeys_set(struct vkeys *k, const char *name, const char *val);
void vkeys_num(struct vkeys *k, const char *name, unsigned long v);
/* {kw} {n} {if} {base} {unit}: an interface's names under its style (st may
 * be NULL: the name as it is, no number). */
void vkeys_iface(struct vkeys *k, const struct vstyle *st, const char *ifname);
void vendor_expand(char *out, size_t len, const char *tmpl, const struct vkeys *k);

/* The style an interface name takes (the first prefix it starts with), or NULL. */
const struct vstyle *vendor_style(const struct vendor_def *d, const char *ifname);

/* Why a line's value cannot be printed as a command (outside its range),
 * into buf; NULL when it can. st: the interface's style (NULL: none), whose
 * lan_mtu makes the RTX model m's LAN maximum the IPv4 MTU's. */
const char *vline_out_of_range(const struct vline *l, const struct vstyle *st,
			       const struct rtx_model *m, unsigned value, char *buf, size_t len);

#endif
