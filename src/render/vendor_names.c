/* SPDX-License-Identifier: BSD-2-Clause */
/* Which interface names a vendor accepts, and the RTX models' limits.
 * Sources: Yamaha RTX command reference 12.01 edition, sections 1.3, 1.6 and
 * 15 (interface names and numbering), 8.1.4 (ip mtu ranges by model), 30.1.2
 * (ipv6 tunnel mtu firmware); NEC IX names as they appear in published IX
 * configurations (Oracle's validated IX CPE template, netmiko's IX driver):
 * no NEC reference was found. Linux: dev_valid_name() in net/core/dev.c.
 * Cisco IOS: type plus slot/port numbers ("GigabitEthernet0/0/0", "Dialer1",
 * "Tunnel1"); Junos: type-fpc/pic/port.unit ("ge-0/0/0.0", "st0.1");
 * VyOS: the vyos-1x interface-definitions regexes (ethN, pppoeN, tunN,
 * vtiN); ASA nameifs, FortiOS and RouterOS names are free text, kept to a
 * shell- and comment-safe set. */
#include "render/vendor_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Command reference 1.3/1.6/15 (maxima by model) and 8.1.4 (LAN MTU). The
 * ipv6 tunnel mtu note is 30.1.2's firmware list for that model; models it
 * does not list had the command from their first release. */
/* clang-format off */
static const struct rtx_model rtx_models[] = {
	{ "vrx", "vRX", 6000, 150, 1500, NULL },
	{ "rtx5000", "RTX5000", 3000, 150, 9578, "RTX5000 needs Rev.14.00.29+ for ipv6 tunnel mtu" },
	{ "rtx3510", "RTX3510", 1000, 150, 10218, NULL },
	{ "rtx3500", "RTX3500", 1000, 150, 9578, "RTX3500 needs Rev.14.00.29+ for ipv6 tunnel mtu" },
	{ "rtx1300", "RTX1300", 100, 100, 10218, NULL },
	{ "rtx1220", "RTX1220", 100, 100, 1500, NULL },
	{ "rtx1210", "RTX1210", 100, 100, 1500, "RTX1210 needs Rev.14.01.34+ for ipv6 tunnel mtu" },
	{ "rtx840", "RTX840", 20, 30, 1500, NULL },
	{ "rtx830", "RTX830", 20, 30, 1500, "RTX830 needs Rev.15.02.10+ or Rev.15.04+ for ipv6 tunnel mtu" },
};
/* clang-format on */

/* No --rtx-model: names up to the largest model's limit are accepted (they
 * exist on some model); MTUs above 1500 are printed only as comments, since
 * 1500 is the limit every model accepts. */
/* clang-format off */
static const struct rtx_model rtx_any = {
	"", "RTX", 6000, 150, 1500,
	"ipv6 tunnel mtu needs RTX5000/RTX3500 Rev.14.00.29+, RTX1210 Rev.14.01.34+, "
	"RTX830 Rev.15.02.10+ or Rev.15.04+",
};
/* clang-format on */

const struct rtx_model *
vendor_rtx_model(const char *name)
{
	if (!name)
		return &rtx_any;
	for (size_t i = 0; i < COUNT(rtx_models); i++)
		if (strcmp(rtx_models[i].name, name) == 0)
			return &rtx_models[i];
	return NULL;
}

static const char *
rtx_model_at(size_t i)
{
	return i < COUNT(rtx_models) ? rtx_models[i].name : NULL;
}

void
vendor_rtx_model_names(char *buf, size_t len)
{
	overhead_join_names(buf, len, rtx_model_at);
}

/* "N" with no sign, no leading zero (unless "0"), within [min, max]. */
static int
number_in(const char *s, size_t n, long min, long max)
{
	long v = 0;

	if (n == 0 || n > 6 || (n > 1 && s[0] == '0'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v >= min && v <= max;
}

static int
prefixed(const char *name, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);

	if (strncmp(name, prefix, n) != 0)
		return 0;
	*rest = name + n;
	return 1;
}

/* RTX: lanN, lanN/M (tagged VLAN), lanN.M (LAN division), ppN, tunnelN;
 * numbers start at 1 (command reference 1.3, 1.6). */
static int
rtx_name_ok(const char *name, const char *kind, const struct rtx_model *m)
{
	const char *rest;

	if (strcmp(kind, "pp") == 0)
		return prefixed(name, "pp", &rest) && number_in(rest, strlen(rest), 1, m->pp_max);
	if (strcmp(kind, "tunnel") == 0)
		return prefixed(name, "tunnel", &rest) &&
		       number_in(rest, strlen(rest), 1, m->tunnel_max);
	if (!prefixed(name, "lan", &rest))
		return 0;
	size_t n = strcspn(rest, "/.");
	if (!number_in(rest, n, 1, 99))
		return 0;
	return rest[n] == '\0' || number_in(rest + n + 1, strlen(rest + n + 1), 1, 4094);
}

/* IX: every interface carries ".N" (GigaEthernet0 alone is the device). */
static int
ix_name_ok(const char *name, const char *kind)
{
	const char *rest;

	if (!prefixed(name, kind, &rest))
		return 0;
	size_t n = strcspn(rest, ".");
	return rest[n] == '.' && number_in(rest, n, 0, 99) &&
	       number_in(rest + n + 1, strlen(rest + n + 1), 0, 4094);
}

#define SAFE_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"

/* dev_valid_name(): 1-15 bytes, not "." or "..", no '/', ':' or space. We
 * also keep to characters that are safe in a shell command and a comment. */
static int
linux_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 15 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return 0;
	return strspn(name, SAFE_CHARS) == n;
}

/* "N/N..." : numbers joined by '/', n characters of s. */
static int
slot_path(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t k = strcspn(s + i, "/");
		if (k > n - i)
			k = n - i;
		if (!number_in(s + i, k, 0, 99999))
			return 0;
		i += k;
		if (i < n && ++i == n)
			return 0; /* a trailing '/' */
	}
	return n > 0;
}

/* form, then a slot path, then ".unit". Cisco IOS: GigabitEthernet0/0/0
 * (the path needed, the .N sub-interface optional); Junos: ge-0/0/0.0 or
 * st0.1 (the unit needed, the path only after a type ending in '-'). */
static int
path_name_ok(const char *name, const char *form, int need_unit)
{
	const char *rest;
	size_t n;
	int path_ok;

	if (!prefixed(name, form, &rest))
		return 0;
	n = strcspn(rest, ".");
	path_ok = n ? slot_path(rest, n) : need_unit && form[strlen(form) - 1] != '-';
	if (!path_ok)
		return 0;
	if (rest[n] == '\0')
		return !need_unit;
	return number_in(rest + n + 1, strlen(rest + n + 1), 0, 99999);
}

static int
ios_name_ok(const char *name, const char *form, const struct rtx_model *m)
{
	(void)m;
	return path_name_ok(name, form, 0);
}

static int
junos_name_ok(const char *name, const char *form, const struct rtx_model *m)
{
	(void)m;
	return path_name_ok(name, form, 1);
}

/* VyOS: form then a number (vyos-1x: "vti[0-9]+" and the like). */
static int
vyos_name_ok(const char *name, const char *form, const struct rtx_model *m)
{
	const char *rest;

	(void)m;
	return prefixed(name, form, &rest) && number_in(rest, strlen(rest), 0, 99999);
}

/* Free-text names (ASA nameif, FortiOS, RouterOS): 1 to the form's length
 * of SAFE_CHARS. The form is the length limit, as digits. */
static int
free_name_ok(const char *name, const char *form, const struct rtx_model *m)
{
	size_t n = strlen(name);

	(void)m;
	return n > 0 && n <= (size_t)atoi(form) && strspn(name, SAFE_CHARS) == n;
}

static int
linux_ok(const char *name, const char *form, const struct rtx_model *m)
{
	(void)form;
	(void)m;
	return linux_name_ok(name);
}

static int
rtx_ok(const char *name, const char *form, const struct rtx_model *m)
{
	return rtx_name_ok(name, form, m);
}

static int
ix_ok(const char *name, const char *form, const struct rtx_model *m)
{
	(void)m;
	return ix_name_ok(name, form);
}

/* What each vendor accepts for each role and kind of WAN. */
struct name_rule {
	enum vendor_id v;
	enum vendor_role role;
	int kinds; /* bit per enum wan_kind; 0 = any */
	int (*ok)(const char *name, const char *form, const struct rtx_model *m);
	const char *forms[5]; /* name kinds tried in order */
	const char *accepted; /* printed when nothing matches */
	unsigned flags;       /* NR_LIMITS, NR_BARE */
};

#define NR_LIMITS 1u /* the message adds the RTX model's pp and tunnel limits */
#define NR_BARE 2u   /* accepted is the whole reason, not "use ..." */
#define LINUX_NAMES "Linux names are 1-15 of A-Z a-z 0-9 . _ - (not . or ..)"

#define K(k) (1 << (k))
/* clang-format off */
static const struct name_rule name_rules[] = {
	{ VENDOR_LINUX, ROLE_WAN, 0, linux_ok, { "" }, LINUX_NAMES, NR_BARE },
	{ VENDOR_LINUX, ROLE_TUNNEL, 0, linux_ok, { "" }, LINUX_NAMES, NR_BARE },
	{ VENDOR_LINUX_IPT, ROLE_WAN, 0, linux_ok, { "" }, LINUX_NAMES, NR_BARE },
	{ VENDOR_LINUX_IPT, ROLE_TUNNEL, 0, linux_ok, { "" }, LINUX_NAMES, NR_BARE },
	{ VENDOR_RTX, ROLE_WAN, K(WAN_ETHER), rtx_ok, { "lan", "pp" },
	  "lanN, lanN/M, lanN.M or ppN", NR_LIMITS },
	{ VENDOR_RTX, ROLE_WAN, K(WAN_PPPOE), rtx_ok, { "pp" },
	  "ppN: on a PPPoE line the MTU belongs on the pp, not the LAN port under it", NR_LIMITS },
	{ VENDOR_RTX, ROLE_WAN, K(WAN_4IN6), rtx_ok, { "tunnel" },
	  "tunnelN: on a MAP-E/DS-Lite line the IPv4 MTU belongs on the 4in6 tunnel; "
	  "the LAN port under it keeps IPv6 MTU 1500", NR_LIMITS },
	{ VENDOR_RTX, ROLE_TUNNEL, 0, rtx_ok, { "tunnel" }, "tunnelN", NR_LIMITS },
	{ VENDOR_IX, ROLE_WAN, K(WAN_ETHER) | K(WAN_PPPOE), ix_ok, { "GigaEthernet", "FastEthernet" },
	  "GigaEthernetN.M or FastEthernetN.M (with the .M)", 0 },
	{ VENDOR_IX, ROLE_WAN, K(WAN_4IN6), ix_ok, { "Tunnel" },
	  "TunnelN.M: on a MAP-E/DS-Lite line the IPv4 MTU belongs on the 4in6 tunnel; "
	  "the port under it keeps IPv6 MTU 1500", 0 },
	{ VENDOR_IX, ROLE_TUNNEL, 0, ix_ok, { "Tunnel" }, "TunnelN.M (with the .M)", 0 },
	{ VENDOR_CISCO_IOS, ROLE_WAN, K(WAN_ETHER), ios_name_ok,
	  { "GigabitEthernet", "TenGigabitEthernet", "FastEthernet", "Ethernet" },
	  "GigabitEthernetN/N[/N][.N] (or TenGigabitEthernet, FastEthernet, Ethernet)", 0 },
	{ VENDOR_CISCO_IOS, ROLE_WAN, K(WAN_PPPOE), ios_name_ok, { "Dialer" },
	  "DialerN: on a PPPoE client the IP MTU belongs on the dialer interface", 0 },
	{ VENDOR_CISCO_IOS, ROLE_WAN, K(WAN_4IN6), ios_name_ok, { "Tunnel" },
	  "TunnelN: on a MAP-E/DS-Lite line the IPv4 MTU belongs on the 4in6 tunnel; "
	  "the port under it keeps IPv6 MTU 1500", 0 },
	{ VENDOR_CISCO_IOS, ROLE_TUNNEL, 0, ios_name_ok, { "Tunnel" }, "TunnelN", 0 },
	/* Our limit, not the ASA's (not in our sources): safe in a command line. */
	{ VENDOR_CISCO_ASA, ROLE_WAN, 0, free_name_ok, { "48" },
	  "the interface's nameif (e.g. outside): 1-48 of A-Z a-z 0-9 . _ -", 0 },
	{ VENDOR_CISCO_ASA, ROLE_TUNNEL, 0, free_name_ok, { "48" },
	  "the VTI's nameif: 1-48 of A-Z a-z 0-9 . _ -", 0 },
	{ VENDOR_JUNOS, ROLE_WAN, K(WAN_ETHER), junos_name_ok, { "ge-", "xe-", "et-", "reth", "ae" },
	  "ge-F/P/P.U (or xe-, et-), rethN.U or aeN.U, with the unit", 0 },
	{ VENDOR_JUNOS, ROLE_WAN, K(WAN_PPPOE), junos_name_ok, { "pp0" },
	  "pp0.U: on a PPPoE line the MTU belongs on the PPPoE logical interface", 0 },
	{ VENDOR_JUNOS, ROLE_WAN, K(WAN_4IN6), junos_name_ok, { "ip-" },
	  "ip-F/P/P.U: on a MAP-E/DS-Lite line the IPv4 MTU belongs on the 4in6 tunnel", 0 },
	{ VENDOR_JUNOS, ROLE_TUNNEL, 0, junos_name_ok, { "st0" }, "st0.U, with the unit (e.g. st0.1)", 0 },
	/* FortiOS interface names (and so phase1-interface names) are at most 15 long. */
	{ VENDOR_FORTIGATE, ROLE_WAN, 0, free_name_ok, { "15" },
	  "a FortiOS interface name: 1-15 of A-Z a-z 0-9 . _ -", 0 },
	{ VENDOR_FORTIGATE, ROLE_TUNNEL, 0, free_name_ok, { "15" },
	  "the phase1-interface name: 1-15 of A-Z a-z 0-9 . _ -", 0 },
	{ VENDOR_VYOS, ROLE_WAN, K(WAN_ETHER), vyos_name_ok, { "eth" }, "ethN", 0 },
	{ VENDOR_VYOS, ROLE_WAN, K(WAN_PPPOE), vyos_name_ok, { "pppoe" },
	  "pppoeN: on a PPPoE line the MTU belongs on the pppoe interface", 0 },
	{ VENDOR_VYOS, ROLE_WAN, K(WAN_4IN6), vyos_name_ok, { "tun" },
	  "tunN: on a MAP-E/DS-Lite line the IPv4 MTU belongs on the 4in6 tunnel", 0 },
	{ VENDOR_VYOS, ROLE_TUNNEL, 0, vyos_name_ok, { "vti" }, "vtiN", 0 },
	/* Our limit: RouterOS names may hold more, but not safely in a paste. */
	{ VENDOR_ROUTEROS, ROLE_WAN, 0, free_name_ok, { "63" },
	  "a RouterOS interface name: 1-63 of A-Z a-z 0-9 . _ -", 0 },
	{ VENDOR_ROUTEROS, ROLE_TUNNEL, 0, free_name_ok, { "63" },
	  "the tunnel interface's name: 1-63 of A-Z a-z 0-9 . _ -", 0 },
};
/* clang-format on */

static int
rule_matches(const struct name_rule *r, const char *name, const struct rtx_model *m)
{
	for (size_t i = 0; i < COUNT(r->forms) && r->forms[i]; i++)
		if (r->ok(name, r->forms[i], m))
			return 1;
	return 0;
}

static void
limits_text(char *buf, size_t len, const struct rtx_model *m)
{
	if (m->name[0])
		snprintf(buf, len, " (pp 1-%u, tunnel 1-%u on %s)", m->pp_max, m->tunnel_max,
			 m->display);
	else
		snprintf(buf, len,
			 " (pp 1-%u, tunnel 1-%u; --rtx-model gives a model's own limits)",
			 m->pp_max, m->tunnel_max);
}

int
vendor_check_iface(enum vendor_id v, enum vendor_role role, enum wan_kind k,
		   const struct rtx_model *m, const char *name, char *err, size_t errlen)
{
	const char *what = role == ROLE_WAN ? "WAN" : "tunnel";
	char limits[96] = "";

	if (!m)
		m = &rtx_any;
	for (size_t i = 0; i < COUNT(name_rules); i++) {
		const struct name_rule *r = &name_rules[i];
		if (r->v != v || r->role != role || (r->kinds && !(r->kinds & K(k))))
			continue;
		if (rule_matches(r, name, m))
			return 0;
		if (r->flags & NR_LIMITS)
			limits_text(limits, sizeof(limits), m);
		snprintf(err, errlen, "bad %s %s interface '%s': %s%s%s", vendor_name(v), what,
			 name, r->flags & NR_BARE ? "" : "use ", r->accepted, limits);
		return -1;
	}
	return 0;
}
