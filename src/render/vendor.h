/* Router configuration lines for each vendor, from const tables (vendor.c).
 * Every line printed is one the vendor's documentation confirms
 * (shared/design/vendor-syntax.md); anything else is printed as a comment
 * saying so. A new vendor is a table row plus a golden file in tests/golden. */
#ifndef MTUPROBE_VENDOR_H
#define MTUPROBE_VENDOR_H

#include <stdio.h>
#include "core/model.h"

enum vendor_id { VENDOR_RTX, VENDOR_IX, VENDOR_LINUX, VENDOR_COUNT };

/* One interface's numbers. */
struct vendor_iface {
	const char *name;        /* vendor's interface name, e.g. "pp1", "Tunnel0.0", "vti0" */
	const char *role;        /* "WAN" or "tunnel" */
	unsigned mtu;
	unsigned mss4, mss6;
	int v6_ok;               /* mtu >= 1280 */
};

const char *vendor_name(enum vendor_id v);
/* Returns the vendor for a name, or -1. */
int vendor_lookup(const char *name);
void vendor_names(char *buf, size_t len);

/* Default interface names for a WAN kind. */
const char *vendor_default_wan(enum vendor_id v, enum wan_kind k);
const char *vendor_default_tunnel(enum vendor_id v, enum wan_kind k);

/* Check a user-given interface name for this vendor. 0 ok, -1 with err. */
int vendor_check_iface(enum vendor_id v, const char *name, char *err, size_t errlen);

/* Print one vendor's block: a comment header naming what produced it
 * (producer), then the lines for each interface (n = 1 or 2). */
void vendor_render(FILE *f, enum vendor_id v, const char *producer,
		   const struct vendor_iface *ifs, size_t n);

#endif
