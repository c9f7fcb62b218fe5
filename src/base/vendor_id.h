/* SPDX-License-Identifier: BSD-2-Clause */
/* The one list of router syntaxes mtuprobe knows, below both the config
 * parsers (src/config: which syntax a file is in) and the renderers
 * (src/render: the lines and fixes in that syntax). A syntax is one row
 * of render/vendor_tables.c; the parsers name the one they read with the
 * same value. Header only: config/ must not link render/. */
#ifndef MTUPROBE_VENDOR_ID_H
#define MTUPROBE_VENDOR_ID_H

enum vendor_id {
	VENDOR_RTX,
	VENDOR_IX,
	VENDOR_LINUX,
	VENDOR_LINUX_IPT,
	VENDOR_CISCO_IOS,
	VENDOR_CISCO_ASA,
	VENDOR_JUNOS,
	VENDOR_FORTIGATE,
	VENDOR_VYOS,
	VENDOR_ROUTEROS,
	VENDOR_STRONGSWAN, /* swanctl.conf: audited and fixed; calc prints linux for it */
	VENDOR_IPSECCONF,  /* ipsec.conf: strongSwan's legacy (stroke) and Libreswan/Openswan's,
	                          * one grammar (config/ipsecconf.c); config.dialect says which */
	VENDOR_COUNT
};

/* The name on the command line (--vendor, --wan-if VENDOR=IF) and in JSON. */
static inline const char *
vendor_id_name(enum vendor_id v)
{
	static const char *const names[VENDOR_COUNT] = {
		[VENDOR_RTX] = "rtx",
		[VENDOR_IX] = "ix",
		[VENDOR_LINUX] = "linux",
		[VENDOR_LINUX_IPT] = "linux-iptables",
		[VENDOR_CISCO_IOS] = "cisco-ios",
		[VENDOR_CISCO_ASA] = "cisco-asa",
		[VENDOR_JUNOS] = "junos",
		[VENDOR_FORTIGATE] = "fortigate",
		[VENDOR_VYOS] = "vyos",
		[VENDOR_ROUTEROS] = "routeros",
		[VENDOR_STRONGSWAN] = "strongswan",
		[VENDOR_IPSECCONF] = "ipsec-conf",
	};

	return (unsigned)v < VENDOR_COUNT ? names[v] : "?";
}

#endif
