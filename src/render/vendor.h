/* SPDX-License-Identifier: BSD-2-Clause */
/* Router configuration lines for each vendor, from const tables (vendor.c)
 * and the names each vendor accepts (vendor_names.c). Only syntax a source
 * in doc/vendor-syntax.md confirms is printed as a command;
 * anything else is printed as a comment saying so. The audit's fixes
 * (audit_fix.c) read the same rows. A new vendor is a table row plus a
 * golden file in tests/golden (how: the head of vendor_tables.c). */
#ifndef MTUPROBE_VENDOR_H
#define MTUPROBE_VENDOR_H

#include <stdio.h>
#include "base/vendor_id.h"
#include "core/model.h"

enum vendor_role { ROLE_WAN, ROLE_TUNNEL };

/* One interface's numbers. */
struct vendor_iface {
	const char *name; /* vendor's interface name, e.g. "pp1", "Tunnel0.0", "vti0" */
	enum vendor_role role;
	unsigned mtu;
	unsigned mss4, mss6;
	int v6_ok;              /* IPv6 lines: mtu >= 1280 and the interface carries IPv6 */
	unsigned native_v6_mtu; /* 4in6 WAN: the IPv6 MTU of the line under it; else 0 */
};

/* An RTX model's limits (vendor_names.c). */
struct rtx_model {
	const char *name, *display;
	unsigned tunnel_max, pp_max; /* interface numbers start at 1 */
	unsigned lan_mtu_max;        /* ip lanN mtu; pp and tunnel stop at 1500 */
	const char *v6_tunnel_note;  /* firmware needed for ipv6 tunnel mtu, or NULL */
};

/* How to print a vendor block. */
struct vendor_opts {
	const char *producer;        /* "mtuprobe 0.1.0 calc ...", for the header */
	const struct rtx_model *rtx; /* NULL: limits every RTX model accepts */
	const char *disabled;        /* non-NULL: print every line commented out, saying this */
};

const char *vendor_name(enum vendor_id v);
/* 1 when calc and probe print lines for v (swanctl is audited only). */
int vendor_prints(enum vendor_id v);
/* Returns the vendor with lines for a name, or -1. */
int vendor_lookup(const char *name);
/* The vendor's comment leader ("#", "!"). */
const char *vendor_comment(enum vendor_id v);
/* Non-NULL when the vendor's fixes are merged into a file by hand rather
 * than pasted (swanctl.conf): what to say before them. */
const char *vendor_fix_merge(enum vendor_id v);
void vendor_names(char *buf, size_t len);

/* Default interface names for a WAN kind. */
const char *vendor_default_wan(enum vendor_id v, enum wan_kind k);
const char *vendor_default_tunnel(enum vendor_id v, enum wan_kind k);

/* An RTX model by name ("rtx830"); NULL name: the limits every model
 * accepts; returns NULL for an unknown name. */
const struct rtx_model *vendor_rtx_model(const char *name);
void vendor_rtx_model_names(char *buf, size_t len);

/* Check a user-given interface name for this vendor, role and line.
 * 0 ok, -1 with a message naming the accepted form. */
int vendor_check_iface(enum vendor_id v, enum vendor_role role, enum wan_kind k,
		       const struct rtx_model *m, const char *name, char *err, size_t errlen);

/* Print one vendor's block: a header (what produced it, the mode to paste
 * it in, how to keep it), then the lines for each interface (n = 1 or 2). */
void vendor_render(FILE *f, enum vendor_id v, const struct vendor_opts *o,
		   const struct vendor_iface *ifs, size_t n);

#endif
