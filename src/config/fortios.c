/* SPDX-License-Identifier: BSD-2-Clause */
/* FortiGate FortiOS: "show" / "show full-configuration" output and typed
 * CLI sessions (FortiOS CLI reference, "CLI basics": config PATH opens a
 * table or an object, edit NAME an entry of a table, set KEY VALUE... and
 * unset KEY change one attribute, next closes the entry, end the block).
 * Blocks end by next / end only, never by indentation: an export pasted
 * without its indentation reads the same. Lines beginning '#' are comments;
 * a line beginning '!' is no FortiOS syntax but the prose of the document
 * it was pasted from (AWS's FortiGate sample writes its comments so): the
 * CLI rejects it ("Command syntax": invalid commands are rejected), and
 * the audit counts such lines in one note (config.prose), not as one
 * invalid line each; every other line keeps its own finding;
 * the "#config-version=MODEL-VERSION-FW-build..." header names the firmware.
 * Values may be double-quoted with blanks inside (set comments "a b").
 *
 * What is read (doc/config-grammar.md, FortiOS):
 *  - config vpn ipsec phase1-interface / edit NAME: an IKE peer (one
 *    gateway) and the route-based tunnel interface FortiOS makes with the
 *    same name (one tunnel): interface, ike-version, remote-gw, local-gw,
 *    proposal, dpd, dpd-retrycount, dpd-retryinterval, auto-negotiate,
 *    passive-mode, nattraversal, keylife, psksecret (digest only);
 *  - config vpn ipsec phase2-interface / edit NAME: bound by phase1name;
 *    src-subnet / dst-subnet and their addr-type, proposal (the ESP),
 *    keylifeseconds, auto-negotiate;
 *  - config system interface / edit NAME: type tunnel entries give the
 *    tunnel's ip, remote-ip, mtu (with mtu-override enable), tcp-mss; the
 *    others are interfaces, and the mtu of the phase1's interface is the
 *    line MTU;
 *  - config router bgp / config neighbor / edit ADDR: BGP neighbours;
 *  - config firewall policy / edit N: tcp-mss-sender and tcp-mss-receiver
 *    on a policy naming a tunnel interface (see policy_clamp()); srcintf
 *    and dstintf of every policy, and config router static / edit N: set
 *    device, the interfaces traffic is sent to (see misnamed()).
 * Every other tree and key is a known line the audit does not need: a
 * full configuration has thousands. Values of the keys above are checked;
 * a line outside any block, a set at the table level of a table read
 * here, a block no end closes, and a phase1-interface key no FortiOS
 * 6.0.0-7.6.4 has (p1_keys[]) are invalid lines with their reason.
 * The model step (what each setting means, with Fortinet's documents) is
 * fg_model() at the end of this file. */
#include "config/config_int.h"
#include "base/count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The trees the audit reads; T_OTHER any other, T_VDOM and T_GLOBAL the
 * multi-VDOM wrappers whose entries hold top-level blocks again. */
enum fg_tree {
	T_NONE,
	T_P1,
	T_P2,
	T_IF,
	T_BGP,
	T_NEIGH,
	T_POLICY,
	T_STATIC,
	T_VDOM,
	T_GLOBAL,
	T_OTHER
};

/* The keys read, in every tree that has them. */
enum fk {
	K_INTERFACE,
	K_IKEV,
	K_REMOTE_GW,
	K_LOCAL_GW,
	K_REMOTE_GW6,
	K_LOCAL_GW6,
	K_IPVER,
	K_PROPOSAL,
	K_DPD,
	K_DPD_COUNT,
	K_DPD_INTERVAL,
	K_AUTONEG,
	K_PASSIVE,
	K_NATT,
	K_KEYLIFE,
	K_PSK,
	K_TYPE,
	K_PHASE1NAME,
	K_SRC_TYPE,
	K_DST_TYPE,
	K_SRC,
	K_DST,
	K_SRC_NAME,
	K_DST_NAME,
	K_KEYLIFESEC,
	K_IP,
	K_REMOTE_IP,
	K_MTU_OVERRIDE,
	K_MTU,
	K_TCPMSS,
	K_MSS_SENDER,
	K_MSS_RECEIVER,
	K_SRCINTF,
	K_DSTINTF,
	K_DEVICE,
	K_DESC,
	K_MODE,
	K_REMOTE_AS,
	K_N
};

enum vt { V_STR, V_NUM, V_KW, V_ADDR, V_ADDR6, V_NET, V_LIST };

struct word {
	const char *w;
	long v;
};

/* dpd: disable|on-idle|on-demand (FortiOS 5.4 and later, CLI reference),
 * enable (FortiOS 5.2 and before, as AWS's sample writes it). */
enum { DPD_OFF, DPD_IDLE, DPD_DEMAND, DPD_ENABLE };
/* clang-format off */
static const struct word w_dpd[] = {
	{ "disable", DPD_OFF }, { "on-idle", DPD_IDLE }, { "on-demand", DPD_DEMAND },
	{ "enable", DPD_ENABLE },
};
/* clang-format on */
static const struct word w_onoff[] = { { "enable", 1 }, { "disable", 0 } };
/* ip-version 4|6 (default 4): the family of the phase1's own outer
 * addresses, remote-gw/local-gw or remote-gw6/local-gw6 (CLI reference 6.4,
 * 7.0, phase1-interface; the 6.0 handbook's IPv6 IPsec examples: "ip-version
 * is set to 6 and the remote-gw6 keyword is used") */
static const struct word w_ipver[] = { { "4", 4 }, { "6", 6 } };
/* nattraversal: v 1 forced (always UDP 4500: config.h's "on"), 2 enable
 * (only when a NAT is detected), 0 disable */
static const struct word w_natt[] = { { "forced", 1 }, { "enable", 2 }, { "disable", 0 } };
enum { AT_SUBNET, AT_RANGE, AT_IP, AT_NAME };
/* clang-format off */
static const struct word w_addrtype[] = {
	{ "subnet", AT_SUBNET }, { "range", AT_RANGE }, { "ip", AT_IP }, { "name", AT_NAME },
};
/* clang-format on */

struct keydef {
	enum fg_tree tree;
	const char *key;
	enum fk k;
	enum vt t;
	long lo, hi;
	const struct word *kw;
	size_t nkw;
};

#define KW(w) w, COUNT(w)
/* Ranges: FortiOS CLI reference 7.x (phase1-interface: dpd-retrycount
 * 0-10, dpd-retryinterval 1-3600 s, keylife 120-172800 s; phase2-interface
 * keylifeseconds 120-172800 s). The interface mtu and tcp-mss ranges
 * differ between models and releases: only a number is required. */
/* clang-format off */
static const struct keydef keys[] = {
	{ T_P1, "interface", K_INTERFACE, V_STR, 0, 0, NULL, 0 },
	{ T_P1, "ike-version", K_IKEV, V_NUM, 1, 2, NULL, 0 },
	{ T_P1, "remote-gw", K_REMOTE_GW, V_ADDR, 0, 0, NULL, 0 },
	{ T_P1, "local-gw", K_LOCAL_GW, V_ADDR, 0, 0, NULL, 0 },
	{ T_P1, "remote-gw6", K_REMOTE_GW6, V_ADDR6, 0, 0, NULL, 0 },
	{ T_P1, "local-gw6", K_LOCAL_GW6, V_ADDR6, 0, 0, NULL, 0 },
	{ T_P1, "ip-version", K_IPVER, V_KW, 0, 0, KW(w_ipver) },
	{ T_P1, "proposal", K_PROPOSAL, V_STR, 0, 0, NULL, 0 },
	{ T_P1, "dpd", K_DPD, V_KW, 0, 0, KW(w_dpd) },
	{ T_P1, "dpd-retrycount", K_DPD_COUNT, V_NUM, 0, 10, NULL, 0 },
	{ T_P1, "dpd-retryinterval", K_DPD_INTERVAL, V_NUM, 1, 3600, NULL, 0 },
	{ T_P1, "auto-negotiate", K_AUTONEG, V_KW, 0, 0, KW(w_onoff) },
	{ T_P1, "passive-mode", K_PASSIVE, V_KW, 0, 0, KW(w_onoff) },
	{ T_P1, "nattraversal", K_NATT, V_KW, 0, 0, KW(w_natt) },
	{ T_P1, "keylife", K_KEYLIFE, V_NUM, 120, 172800, NULL, 0 },
	{ T_P1, "psksecret", K_PSK, V_STR, 0, 0, NULL, 0 },
	{ T_P1, "comments", K_DESC, V_STR, 0, 0, NULL, 0 },
	{ T_P2, "phase1name", K_PHASE1NAME, V_STR, 0, 0, NULL, 0 },
	{ T_P2, "proposal", K_PROPOSAL, V_STR, 0, 0, NULL, 0 },
	{ T_P2, "auto-negotiate", K_AUTONEG, V_KW, 0, 0, KW(w_onoff) },
	{ T_P2, "keylifeseconds", K_KEYLIFESEC, V_NUM, 120, 172800, NULL, 0 },
	{ T_P2, "src-addr-type", K_SRC_TYPE, V_KW, 0, 0, KW(w_addrtype) },
	{ T_P2, "dst-addr-type", K_DST_TYPE, V_KW, 0, 0, KW(w_addrtype) },
	{ T_P2, "src-subnet", K_SRC, V_NET, 0, 0, NULL, 0 },
	{ T_P2, "dst-subnet", K_DST, V_NET, 0, 0, NULL, 0 },
	{ T_P2, "src-name", K_SRC_NAME, V_STR, 0, 0, NULL, 0 },
	{ T_P2, "dst-name", K_DST_NAME, V_STR, 0, 0, NULL, 0 },
	{ T_IF, "type", K_TYPE, V_STR, 0, 0, NULL, 0 },
	{ T_IF, "ip", K_IP, V_NET, 0, 0, NULL, 0 },
	{ T_IF, "remote-ip", K_REMOTE_IP, V_NET, 0, 0, NULL, 0 },
	{ T_IF, "mtu-override", K_MTU_OVERRIDE, V_KW, 0, 0, KW(w_onoff) },
	{ T_IF, "mtu", K_MTU, V_NUM, 68, 65535, NULL, 0 },
	{ T_IF, "tcp-mss", K_TCPMSS, V_NUM, 0, 65535, NULL, 0 },
	{ T_IF, "description", K_DESC, V_STR, 0, 0, NULL, 0 },
	{ T_IF, "mode", K_MODE, V_STR, 0, 0, NULL, 0 },
	/* router bgp, config neighbor: set remote-as AS (a string since 6.x: asdot) */
	{ T_NEIGH, "remote-as", K_REMOTE_AS, V_STR, 0, 0, NULL, 0 },
	{ T_POLICY, "tcp-mss-sender", K_MSS_SENDER, V_NUM, 0, 65535, NULL, 0 },
	{ T_POLICY, "tcp-mss-receiver", K_MSS_RECEIVER, V_NUM, 0, 65535, NULL, 0 },
	{ T_POLICY, "srcintf", K_SRCINTF, V_LIST, 0, 0, NULL, 0 },
	{ T_POLICY, "dstintf", K_DSTINTF, V_LIST, 0, 0, NULL, 0 },
	/* router static, edit N: set device IF (the interface the route sends to) */
	{ T_STATIC, "device", K_DEVICE, V_STR, 0, 0, NULL, 0 },
};
/* clang-format on */

/* Every key of config vpn ipsec phase1-interface in FortiOS 6.0.0 to 7.6.4:
 * the union over those releases of Fortinet's CLI reference ("config vpn
 * ipsec phase1-interface", one page per release) as Fortinet's own schema
 * lists it, each key with the releases that have it (fortinet.fortios
 * Ansible collection 2.4.2, fortios_vpn_ipsec_phase1_interface,
 * versioned_schema; doc/config-grammar.md). FortiOS rejects a set or
 * unset of a key the entry does not have, and takes a key abbreviated as
 * long as it stays unambiguous (CLI reference, "Command syntax"). Sorted. */
#define FG_P1_FIRST CONFIG_RELEASE(6, 0, 0)
#define FG_P1_LAST CONFIG_RELEASE(7, 6, 4)
/* clang-format off */
static const char *const p1_keys[] = {
	"acct-verify", "add-gw-route", "add-route", "addke1", "addke2", "addke3", "addke4",
	"addke5", "addke6", "addke7", "aggregate-member", "aggregate-weight", "assign-ip",
	"assign-ip-from", "authmethod", "authmethod-remote", "authpasswd", "authusr",
	"authusrgrp", "auto-discovery-crossover", "auto-discovery-dialup-placeholder",
	"auto-discovery-forwarder", "auto-discovery-offer-interval", "auto-discovery-psk",
	"auto-discovery-receiver", "auto-discovery-sender", "auto-discovery-shortcuts",
	"auto-negotiate", "auto-transport-threshold", "azure-ad-autoconnect", "backup-gateway",
	"banner", "cert-id-validation", "cert-peer-username-strip",
	"cert-peer-username-validation", "cert-trust-store", "certificate", "childless-ike",
	"client-auto-negotiate", "client-keep-alive", "client-resume", "client-resume-interval",
	"comments", "default-gw", "default-gw-priority", "dev-id", "dev-id-notification",
	"dhcp-ra-giaddr", "dhcp6-ra-linkaddr", "dhgrp", "digital-signature-auth", "distance",
	"dns-mode", "dns-suffix-search", "domain", "dpd", "dpd-retrycount", "dpd-retryinterval",
	"eap", "eap-cert-auth", "eap-exclude-peergrp", "eap-identity", "ems-sn-check",
	"encap-local-gw4", "encap-local-gw6", "encap-remote-gw4", "encap-remote-gw6",
	"encapsulation", "encapsulation-address", "enforce-unique-id", "esn",
	"exchange-fgt-device-id", "exchange-interface-ip", "exchange-ip-addr4",
	"exchange-ip-addr6", "fallback-tcp-threshold", "fec-base", "fec-codec", "fec-egress",
	"fec-health-check", "fec-ingress", "fec-mapping-profile", "fec-receive-timeout",
	"fec-redundant", "fec-send-timeout", "fgsp-sync", "forticlient-enforcement",
	"fortinet-esp", "fragmentation", "fragmentation-mtu", "group-authentication",
	"group-authentication-secret", "ha-sync-esp-seqno", "idle-timeout",
	"idle-timeoutinterval", "ike-version", "inbound-dscp-copy", "include-local-lan",
	"interface", "internal-domain-list", "ip-delay-interval", "ip-fragmentation",
	"ip-version", "ipv4-dns-server1", "ipv4-dns-server2", "ipv4-dns-server3", "ipv4-end-ip",
	"ipv4-exclude-range", "ipv4-name", "ipv4-netmask", "ipv4-split-exclude",
	"ipv4-split-include", "ipv4-start-ip", "ipv4-wins-server1", "ipv4-wins-server2",
	"ipv6-auto-linklocal", "ipv6-dns-server1", "ipv6-dns-server2", "ipv6-dns-server3",
	"ipv6-end-ip", "ipv6-exclude-range", "ipv6-name", "ipv6-prefix", "ipv6-split-exclude",
	"ipv6-split-include", "ipv6-start-ip", "keepalive", "keylife", "kms", "link-cost",
	"local-gw", "local-gw6", "localid", "localid-type", "loopback-asymroute",
	"mesh-selector-type", "mode", "mode-cfg", "mode-cfg-allow-client-selector", "monitor",
	"monitor-hold-down-delay", "monitor-hold-down-time", "monitor-hold-down-type",
	"monitor-hold-down-weekday", "monitor-min", "nattraversal", "negotiate-timeout",
	"net-device", "network-id", "network-overlay", "npu-offload", "packet-redistribution",
	"passive-mode", "peer", "peer-egress-shaping", "peer-egress-shaping-value", "peergrp",
	"peerid", "peertype", "ppk", "ppk-identity", "ppk-secret", "priority", "proposal",
	"psksecret", "psksecret-remote", "qkd", "qkd-hybrid", "qkd-profile", "reauth", "rekey",
	"remote-gw", "remote-gw-country", "remote-gw-end-ip", "remote-gw-match",
	"remote-gw-start-ip", "remote-gw-subnet", "remote-gw-ztna-tags", "remote-gw6",
	"remote-gw6-country", "remote-gw6-end-ip", "remote-gw6-match", "remote-gw6-start-ip",
	"remote-gw6-subnet", "remotegw-ddns", "rsa-signature-format",
	"rsa-signature-hash-override", "save-password", "send-cert-chain", "shared-idle-timeout",
	"signature-hash-alg", "split-include-service", "suite-b", "transport", "tunnel-search",
	"type", "unity-support", "usrgrp", "vni", "wizard-type", "xauthtype",
};
/* clang-format on */

/* The entry being edited: its settings until next or end commits them. */
struct fg_entry {
	enum fg_tree tree;
	char name[CONFIG_NAME];
	unsigned line;
	char text[CONFIG_TEXT];
	struct config_num k[K_N];
	struct config_prefix p[K_N];   /* V_NET and V_ADDR keys */
	char s[K_N][CONFIG_ESP];       /* V_STR keys: the value (cut) */
	char intf[2][CONFIG_LINE_MAX]; /* srcintf, dstintf: names, each followed by '\n' */
	struct config_secret psk;
};

enum { F_CONFIG, F_EDIT };
struct fg_frame {
	int kind;
	enum fg_tree tree;
	unsigned line;
	char text[CONFIG_TEXT];
};

/* An interface name a firewall policy (srcintf, dstintf) or a static
 * route (device) sends traffic to, and its line. */
struct fg_use {
	char name[CONFIG_NAME];
	struct config_num line;
};

/* A phase2 bound to its phase1 gi, and its proposal list as its latest
 * edit set it (a second edit of the same name changes what it sets,
 * FOS-CLI: it keeps the phase1name it does not set again). */
struct fg_p2esp {
	int gi;
	char name[CONFIG_NAME];
	char esp[CONFIG_ESP];
	struct config_num line;
	struct config_num edit; /* its first edit line */
};

/* What the model needs of a phase1 besides its gateway row: the lines
 * that decide who starts IKE, and the phase2 that gives the selectors. */
struct fg_gw {
	struct config_num passive, p1neg, p2neg;
	struct config_num dpd, interval, count; /* as merged over every edit of it */
	char iface[CONFIG_NAME];
	/* the outer addresses of both families and ip-version, as merged:
	 * which pair is the gateway's is decided once every edit is read */
	struct config_prefix rgw4, lgw4, rgw6, lgw6;
	struct config_num ipver;
	int nph2;
	int has_if; /* a system interface entry has its name */
	int seen;   /* an earlier edit of the same name: a second edit
	                               * changes only what it sets (FOS-CLI) */
};

struct cfg_ctx {
	struct fg_frame *st;
	size_t nst, cap_st;
	struct fg_entry e; /* the open edit (st's innermost F_EDIT) */
	int open;          /* e holds an entry */
	struct fg_gw *gw;  /* parallel to config.gateways */
	size_t ngw, cap_gw;
	struct fg_entry *p2; /* phase2 entries whose phase1 came later or never */
	size_t np2, cap_p2;
	struct fg_entry *pol; /* firewall policies with a clamp */
	size_t npol, cap_pol;
	struct fg_entry *tif; /* type tunnel interfaces no phase1 named yet */
	size_t ntif, cap_tif;
	struct fg_use *use; /* interface names policies and static routes send to */
	size_t nuse, cap_use;
	struct fg_p2esp *p2esp; /* each bound phase2's proposals, by phase1 and name */
	size_t np2esp, cap_p2esp;
	unsigned char quoted[CFG_MAX_TOK]; /* the line's words that were double-quoted */
};

/* ---- words and lines ----------------------------------------------------- */

/* The line's words with FortiOS quoting: a double-quoted value is one word
 * without its quotes, \" and \\ inside it one byte. cfg_next split on
 * blanks; quoted words are joined back with one blank. was_quoted[i]:
 * word i was in quotes. */
static void
requote(const struct cfg_line *in, struct cfg_line *l, unsigned char *was_quoted)
{
	size_t n = 0;

	*l = *in;
	l->ntok = 0;
	memset(was_quoted, 0, CFG_MAX_TOK);
	for (size_t i = 0; i < in->ntok && l->ntok < CFG_MAX_TOK; i++) {
		const char *t = in->tok[i];
		char *w = l->buf + n;
		int quoted = t[0] == '"';
		size_t j = i;
		if (n + 1 >= sizeof(l->buf))
			break;
		for (;;) {
			const char *p = in->tok[j] + (j == i && quoted);
			for (; *p && n + 1 < sizeof(l->buf); p++) {
				if (quoted && p[0] == '\\' && (p[1] == '"' || p[1] == '\\')) {
					l->buf[n++] = *++p;
					continue;
				}
				if (quoted && p[0] == '"' && !p[1]) {
					quoted = 0;
					break;
				}
				l->buf[n++] = *p;
			}
			if (!quoted || j + 1 >= in->ntok || n + 2 >= sizeof(l->buf))
				break;
			l->buf[n++] = ' ';
			j++;
		}
		/* '' is the empty string as show full-configuration prints it
		 * (set description '', set alias '': Azure's FG100D 5.4 sample,
		 * tests/audit/configs/SOURCES.md 47), no value of two quote marks */
		if (strcmp(t, "''") == 0)
			n = (size_t)(w - l->buf);
		l->buf[n++] = '\0';
		was_quoted[l->ntok] = t[0] == '"';
		l->tok[l->ntok++] = w;
		i = j;
	}
}

static int
word(const struct cfg_line *l, size_t i, const struct word *w, size_t n, long *v)
{
	for (size_t k = 0; i < l->ntok && k < n; k++)
		if (strcmp(l->tok[i], w[k].w) == 0) {
			*v = w[k].v;
			return 0;
		}
	return -1;
}

/* The line's words from word i on, sep between them (a line's words
 * always fit a line's bytes). */
static const char *
join(const struct cfg_line *l, size_t i, const char *sep, char *out, size_t len)
{
	size_t n = 0;

	out[0] = '\0';
	for (size_t k = i; k < l->ntok && n < len; k++)
		n += (size_t)snprintf(out + n, len - n, "%s%s", k > i ? sep : "", l->tok[k]);
	return out;
}

/* ---- the open entry -------------------------------------------------------- */

static const struct keydef *
keydef(enum fg_tree t, const char *key)
{
	for (size_t i = 0; i < COUNT(keys); i++)
		if (keys[i].tree == t && strcmp(keys[i].key, key) == 0)
			return &keys[i];
	return NULL;
}

/* "a.b.c.d m.m.m.m", "a.b.c.d/len" or "a.b.c.d" (/32) from word i on. */
static int
net_at(const struct cfg_line *l, size_t i, uint32_t *a, unsigned *plen)
{
	char s[64];

	if (i + 1 < l->ntok && strchr(l->tok[i], '/') == NULL && cfg_addr(l->tok[i + 1], a) == 0) {
		snprintf(s, sizeof(s), "%s/%s", l->tok[i], l->tok[i + 1]);
		return cfg_prefix(s, a, plen);
	}
	return cfg_prefix(l->tok[i], a, plen);
}

/* The release a "#config-version=MODEL-6.4.15-FW-build..." header
 * names, as a CONFIG_RELEASE(); -1 none. */
static long
fg_release(const char *fw)
{
	for (const char *p = strchr(fw, '-'); p; p = strchr(p + 1, '-')) {
		unsigned a, b, d;
		int n = 0;
		if (sscanf(p, "-%u.%u.%u-%n", &a, &b, &d, &n) == 3 && n > 0 && a < 1000 &&
		    b < 1000 && d < 1000)
			return CONFIG_RELEASE(a, b, d);
	}
	return -1;
}

/* A phase1-interface key no FortiOS 6.0.0-7.6.4 has, not even as an
 * abbreviation: the router rejects the line. Judged only where the list
 * covers the firmware: a file that names no release (a typed session, a
 * sample), or one of 6.0.0-7.6.4; a later or earlier release may have
 * keys the list lacks, so its lines stay unread. */
static int
p1_unknown(const struct config *c, const struct cfg_ctx *x, const char *key)
{
	long rel = c->firmware_line ? fg_release(c->firmware) : 0;
	size_t n = strlen(key);

	if (!x->open || x->e.tree != T_P1 || rel < 0 ||
	    (rel && (rel < FG_P1_FIRST || rel > FG_P1_LAST)) || config_has_placeholder(key))
		return 0;
	for (size_t i = 0; i < COUNT(p1_keys); i++)
		if (strncmp(p1_keys[i], key, n) == 0)
			return 0;
	return 1;
}

/* The key a set or unset names: its own row, or in a phase1-interface
 * entry the one key its abbreviation can stand for (FortiOS takes an
 * unambiguous abbreviation, CLI reference "Command syntax"). */
static const struct keydef *
key_of(const struct cfg_ctx *x, const char *key)
{
	const struct keydef *d = x->open ? keydef(x->e.tree, key) : NULL;
	const char *full = NULL;
	size_t n = strlen(key);

	if (d || !x->open || x->e.tree != T_P1)
		return d;
	for (size_t i = 0; i < COUNT(p1_keys); i++)
		if (strncmp(p1_keys[i], key, n) == 0) {
			if (full)
				return NULL; /* ambiguous: which one FortiOS says is not read */
			full = p1_keys[i];
		}
	return full ? keydef(T_P1, full) : NULL;
}

/* set proposal P1 P2 ...: FortiOS offers every listed proposal (CLI
 * reference, vpn ipsec phase2-interface: "proposal" takes several,
 * separated by blanks), and which one is used is the responder's choice
 * (RFC 7296 section 2.7): kept as the ',' list the model reads
 * (core/audit_model.c takes the one that carries least). */
static int
proposal_list(char *dst, size_t len, const struct cfg_line *l)
{
	char list[CONFIG_LINE_MAX];

	return cfg_esp_list(dst, len, join(l, 2, ",", list, sizeof(list)));
}

static int
on_set(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	const struct keydef *d = key_of(x, l->tok[1]);
	struct fg_entry *e = &x->e;
	uint32_t a;
	unsigned plen;
	long v = 0;
	int cut = 0;

	if (!d && p1_unknown(c, x, l->tok[1]))
		return cfg_bad(c, l, CONFIG_BAD_ARG, 2, CONFIG_ARG_FG_P1_KEY);
	if (!d)
		return 1; /* a key the audit does not read */
	if (l->ntok < 3)
		return cfg_bad(c, l, CONFIG_BAD_MISSING, 3,
			       d->t == V_NUM     ? CONFIG_ARG_NUMBER
			       : d->t == V_ADDR  ? CONFIG_ARG_ADDR
			       : d->t == V_ADDR6 ? CONFIG_ARG_ADDR6
			       : d->t == V_NET   ? CONFIG_ARG_PREFIX
			       : d->t == V_KW    ? CONFIG_ARG_KEYWORD
						 : CONFIG_ARG_WORD);
	if (cfg_tmpl(l, 2)) {
		cfg_set_tmpl(&e->k[d->k], l);
		e->p[d->k] = (struct config_prefix){ .line = l->no, .tmpl = 1 };
		cfg_copy(e->p[d->k].text, sizeof(e->p[0].text), l->text);
		if (d->k == K_PSK)
			e->psk = (struct config_secret){ .line = l->no, .tmpl = 1 };
		/* a proposal list that is a placeholder is one the model names
		 * as a template value, never a phase2 that names none */
		if (d->k == K_PROPOSAL)
			e->k[d->k].cut = proposal_list(e->s[d->k], sizeof(e->s[0]), l);
		return 0;
	}
	switch (d->t) {
	case V_NUM:
		if (cfg_number(l->tok[2], d->lo, d->hi, &v) < 0)
			return cfg_number(l->tok[2], 0, 2147483647L, &v) == 0
				       ? cfg_bad_range(c, l, 3, d->lo, d->hi)
				       : cfg_bad(c, l, CONFIG_BAD_ARG, 3, CONFIG_ARG_NUMBER);
		break;
	case V_KW:
		if (word(l, 2, d->kw, d->nkw, &v) < 0)
			return cfg_bad(c, l, CONFIG_BAD_ARG, 3, CONFIG_ARG_KEYWORD);
		break;
	case V_ADDR:
		if (cfg_addr(l->tok[2], &a) < 0)
			return cfg_bad(c, l, CONFIG_BAD_ARG, 3, CONFIG_ARG_ADDR);
		cfg_set_prefix(&e->p[d->k], a, 32, l);
		break;
	case V_ADDR6:
		if (!cfg_addr6(l->tok[2]))
			return cfg_bad(c, l, CONFIG_BAD_ARG, 3, CONFIG_ARG_ADDR6);
		cfg_outer_addr(&e->p[d->k], l->tok[2], l); /* plen OTHER, v6 */
		break;
	case V_NET:
		if (net_at(l, 2, &a, &plen) < 0)
			return cfg_bad(c, l, CONFIG_BAD_ARG, 3, CONFIG_ARG_PREFIX);
		cfg_set_prefix(&e->p[d->k], a, plen, l);
		break;
	case V_STR:
		if (d->k == K_PROPOSAL)
			cut = proposal_list(e->s[d->k], sizeof(e->s[0]), l);
		else
			cfg_copy(e->s[d->k], sizeof(e->s[0]), l->tok[2]);
		break;
	case V_LIST: {
		char *out = e->intf[d->k == K_DSTINTF];
		size_t n = 0;
		for (size_t i = 2; i < l->ntok; i++)
			n += (size_t)snprintf(out + n,
					      n < CONFIG_LINE_MAX ? CONFIG_LINE_MAX - n : 0, "%s\n",
					      l->tok[i]);
		break;
	}
	}
	cfg_set(&e->k[d->k], v, l);
	e->k[d->k].cut = cut;
	if (d->k == K_PSK) {
		/* "ENC ..." is the key encrypted with the unit's own key: no
		 * key to compare (the digest of that text would be a wrong one) */
		e->psk = (struct config_secret){ .line = l->no };
		if (strcmp(l->tok[2], "ENC") != 0 && config_secret_text(l->tok[2], &e->psk) == 0)
			e->psk.line = l->no;
		cfg_mask_tail(e->k[K_PSK].text, sizeof(e->k[0].text),
			      strlen("set ") + strlen(l->tok[1]));
	}
	return 0;
}

/* unset KEY: the default again (FortiOS CLI reference). */
static int
on_unset(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	const struct keydef *d = key_of(x, l->tok[1]);

	if (!d && p1_unknown(c, x, l->tok[1]))
		return cfg_bad(c, l, CONFIG_BAD_ARG, 2, CONFIG_ARG_FG_P1_KEY);
	if (!d)
		return 1;
	memset(&x->e.k[d->k], 0, sizeof(x->e.k[0]));
	memset(&x->e.p[d->k], 0, sizeof(x->e.p[0]));
	x->e.s[d->k][0] = '\0';
	if (d->k == K_PSK)
		memset(&x->e.psk, 0, sizeof(x->e.psk));
	if (d->k == K_SRCINTF || d->k == K_DSTINTF)
		x->e.intf[d->k == K_DSTINTF][0] = '\0';
	return 0;
}

static int
set_row(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	int r = on_set(c, x, l);

	if (r > 0)
		cfg_unread(c, l->no);
	return r > 0 ? 1 : r;
}

/* One grammar for every tree: what a key means is keys[] above; lines
 * that change nothing the audit reads are known and unread. */
static int
row_set(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	int r = set_row(c, x, l);

	if (r > 0)
		c->read--; /* cfg_dispatch counts it read; it was unread */
	return r < 0 ? -1 : 0;
}

static int
row_unset(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	int r = on_unset(c, x, l);

	if (r > 0) {
		cfg_unread(c, l->no);
		c->read--;
	}
	return r < 0 ? -1 : 0;
}

/* clang-format off */
static const struct cfg_cmd fg_cmds[] = {
	{ "set * *", 0, row_set },
	{ "unset *", 0, row_unset },
	{ "append * *", 0, NULL },
	{ "select * *", 0, NULL },
	{ "unselect * *", 0, NULL },
	{ "delete *", 0, NULL },
	{ "purge", 0, NULL },
	{ "rename * to *", 0, NULL },
	{ "show", 0, NULL },
	{ "get", 0, NULL },
	{ "abort", 0, NULL },
};
/* clang-format on */
static const struct cfg_grammar fg_grammar = { fg_cmds, COUNT(fg_cmds), NULL, 0 };

/* ---- blocks ------------------------------------------------------------------ */

/* The first words of the top-level trees (FortiOS CLI reference, its
 * chapters): "config system interface" there opens a top-level block. */
/* clang-format off */
static const char *const top_words[] = {
	"system", "vpn", "router", "firewall", "user", "log", "webfilter", "antivirus", "ips",
	"application", "dlp", "wireless-controller", "switch-controller", "endpoint-control",
	"report", "alertemail", "dnsfilter", "emailfilter", "spamfilter", "voip", "waf", "web-proxy",
	"wanopt", "icap", "ssh-filter", "certificate", "extender-controller", "ftp-proxy",
	"authentication", "videofilter", "sctp-filter", "virtual-patch", "file-filter", "ztna",
	"casb", "diameter-filter", "extension-controller", "automation", "cifs", "dpdk", "gtp",
	"hardware", "ethernet-oam", "monitoring", "nsxt", "pfcp", "rule", "sdn", "telemetry-controller",
};
/* clang-format on */

static int
is_top(const struct cfg_line *l)
{
	if (l->ntok < 3)
		return l->ntok == 2 &&
		       (strcmp(l->tok[1], "vdom") == 0 || strcmp(l->tok[1], "global") == 0);
	for (size_t i = 0; i < COUNT(top_words); i++)
		if (strcmp(l->tok[1], top_words[i]) == 0)
			return 1;
	return 0;
}

/* Where top-level blocks may open: outside every block, in an entry of
 * config vdom, or in config global. */
static int
at_root(const struct cfg_ctx *x)
{
	const struct fg_frame *f = x->nst ? &x->st[x->nst - 1] : NULL;

	return !f || (f->kind == F_EDIT && f->tree == T_VDOM) ||
	       (f->kind == F_CONFIG && f->tree == T_GLOBAL);
}

static enum fg_tree
tree_of(const struct cfg_ctx *x, const struct cfg_line *l)
{
	static const struct {
		const char *path;
		enum fg_tree t;
	} roots[] = {
		{ "vpn ipsec phase1-interface", T_P1 },
		{ "vpn ipsec phase2-interface", T_P2 },
		{ "system interface", T_IF },
		{ "router bgp", T_BGP },
		{ "firewall policy", T_POLICY },
		{ "router static", T_STATIC },
		{ "vdom", T_VDOM },
		{ "global", T_GLOBAL },
	};
	const struct fg_frame *f = x->nst ? &x->st[x->nst - 1] : NULL;
	char path[CONFIG_LINE_MAX];

	join(l, 1, " ", path, sizeof(path));
	if (at_root(x)) {
		for (size_t i = 0; i < COUNT(roots); i++)
			if (strcmp(path, roots[i].path) == 0)
				return roots[i].t;
		return T_OTHER;
	}
	if (f && f->kind == F_CONFIG && f->tree == T_BGP && strcmp(path, "neighbor") == 0)
		return T_NEIGH;
	return T_OTHER;
}

/* Tables whose entries the audit reads: a set at their table level is
 * no FortiOS command there (it belongs in an edit). */
static int
read_tree(enum fg_tree t)
{
	return t == T_P1 || t == T_P2 || t == T_IF || t == T_NEIGH || t == T_POLICY ||
	       t == T_STATIC;
}

static int
is_table(enum fg_tree t)
{
	return read_tree(t) || t == T_VDOM;
}

static struct fg_frame *
push(struct config *c, struct cfg_ctx *x, int kind, enum fg_tree t, const struct cfg_line *l)
{
	struct fg_frame *f = cfg_push(c, (void **)&x->st, &x->nst, &x->cap_st, sizeof(*x->st));

	if (!f)
		return NULL;
	f->kind = kind;
	f->tree = t;
	f->line = l->no;
	cfg_copy(f->text, sizeof(f->text), l->text);
	return f;
}

static void
unclosed(struct config *c, const struct fg_frame *f)
{
	struct config_invalid *b = CFG_PUSH(c, invalid);

	if (!b)
		return;
	b->line = f->line;
	b->why = CONFIG_BAD_UNCLOSED;
	cfg_copy(b->text, sizeof(b->text), f->text);
}

static void commit(struct config *c, struct cfg_ctx *x);

/* Pops the innermost frame; an edit of a tree the audit reads commits
 * its entry (such entries never nest in one another). */
static void
pop(struct config *c, struct cfg_ctx *x)
{
	if (!x->nst)
		return;
	if (x->st[x->nst - 1].kind == F_EDIT && read_tree(x->st[x->nst - 1].tree))
		commit(c, x);
	x->nst--;
}

/* Closes every block down to where top-level blocks open; the outermost
 * one closed is reported unclosed (one finding per forgotten end). */
static void
close_to_root(struct config *c, struct cfg_ctx *x)
{
	struct fg_frame last = { 0, T_NONE, 0, "" };
	int any = 0;

	while (x->nst && !at_root(x)) {
		if (x->st[x->nst - 1].kind == F_CONFIG) {
			last = x->st[x->nst - 1];
			any = 1;
		}
		pop(c, x);
	}
	if (any)
		unclosed(c, &last);
}

static void
on_config(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	enum fg_tree t;

	if (l->ntok < 2) {
		cfg_bad(c, l, CONFIG_BAD_MISSING, 2, CONFIG_ARG_WORD);
		return;
	}
	if (!at_root(x) && is_top(l))
		close_to_root(c, x);
	t = tree_of(x, l);
	if (push(c, x, F_CONFIG, t, l))
		cfg_unread(c, l->no);
}

static void
on_edit(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	const struct fg_frame *f;

	if (l->ntok < 2) {
		cfg_bad(c, l, CONFIG_BAD_MISSING, 2, CONFIG_ARG_WORD);
		return;
	}
	/* an edit with the previous one still open: that one had no next */
	if (x->nst && x->st[x->nst - 1].kind == F_EDIT) {
		unclosed(c, &x->st[x->nst - 1]);
		pop(c, x);
	}
	if (!x->nst) {
		cfg_bad(c, l, CONFIG_BAD_SCOPE, 0, CONFIG_ARG_IN_CONFIG);
		return;
	}
	f = &x->st[x->nst - 1];
	if (f->tree == T_NEIGH && cfg_addr(l->tok[1], &(uint32_t){ 0 }) < 0 && !cfg_tmpl(l, 1)) {
		cfg_bad(c, l, CONFIG_BAD_ARG, 2, CONFIG_ARG_ADDR);
		return;
	}
	if (!push(c, x, F_EDIT, f->tree, l))
		return;
	if (!read_tree(f->tree)) {
		cfg_unread(c, l->no);
		return;
	}
	memset(&x->e, 0, sizeof(x->e));
	x->e.tree = f->tree;
	x->e.line = l->no;
	cfg_copy(x->e.name, sizeof(x->e.name), l->tok[1]);
	cfg_copy(x->e.text, sizeof(x->e.text), l->text);
	c->read++;
}

static void
on_next(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	if (!x->nst || x->st[x->nst - 1].kind != F_EDIT) {
		cfg_bad(c, l, CONFIG_BAD_SCOPE, 0, CONFIG_ARG_IN_EDIT);
		return;
	}
	pop(c, x);
	cfg_unread(c, l->no);
}

/* end: saves and leaves the block; inside an entry it closes the entry too. */
static void
on_end(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	if (!x->nst) {
		cfg_bad(c, l, CONFIG_BAD_SCOPE, 0, CONFIG_ARG_IN_CONFIG);
		return;
	}
	if (x->st[x->nst - 1].kind == F_EDIT)
		pop(c, x);
	pop(c, x);
	cfg_unread(c, l->no);
}

/* A quoted value of a key the audit does not read is FortiOS's text: a
 * ${...} inside it is no placeholder of a template but the value itself
 * (config report layout's set content "... ${schedule_type} ...", whose
 * variables FortiOS fills in when it makes the report: Azure's FG100D 5.4
 * sample, tests/audit/configs/SOURCES.md 47). cfg_dispatch() noted every
 * word's placeholders from n0 on, in word order: the quoted words' are
 * taken back. A key the audit reads keeps them (its value is needed: a
 * placeholder there is a value not known). */
static void
quoted_text(struct config *c, const struct cfg_ctx *x, const struct cfg_line *l, size_t n0)
{
	size_t k = n0, out = n0;

	for (size_t i = 0; i < l->ntok && k < c->nplaceholders; i++) {
		if (!config_has_placeholder(l->tok[i]))
			continue;
		if (!x->quoted[i])
			c->placeholders[out++] = c->placeholders[k];
		k++;
	}
	while (k < c->nplaceholders)
		c->placeholders[out++] = c->placeholders[k++];
	c->nplaceholders = out;
}

static void
on_command(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	const struct fg_frame *f = x->nst ? &x->st[x->nst - 1] : NULL;
	size_t n0;

	/* show / get outside any block: a command typed in the session
	 * (AWS's sample has "show firewall policy"), not configuration */
	if (!f && (cfg_is(l, 0, "show") || cfg_is(l, 0, "get"))) {
		cfg_unread(c, l->no);
		return;
	}
	if (!f) {
		if (cfg_is(l, 0, "set") || cfg_is(l, 0, "unset"))
			cfg_bad(c, l, CONFIG_BAD_SCOPE, 0, CONFIG_ARG_IN_CONFIG);
		else
			cfg_dispatch(c, x, &fg_grammar, l, 0);
		return;
	}
	if (f->kind == F_CONFIG && is_table(f->tree) &&
	    (cfg_is(l, 0, "set") || cfg_is(l, 0, "unset"))) {
		cfg_bad(c, l, CONFIG_BAD_SCOPE, 0, CONFIG_ARG_IN_EDIT);
		return;
	}
	/* a set in an entry the audit reads; an object's or another tree's
	 * set is a known line (keydef finds none) */
	x->open = f->kind == F_EDIT && read_tree(f->tree);
	n0 = c->nplaceholders;
	cfg_dispatch(c, x, &fg_grammar, l, 0);
	if (!(cfg_is(l, 0, "set") && l->ntok > 1 && key_of(x, l->tok[1])))
		quoted_text(c, x, l, n0);
}

static void
fg_line(struct config *c, struct cfg_ctx *x, const struct cfg_line *in)
{
	struct cfg_line l;

	requote(in, &l, x->quoted);
	if (!l.ntok)
		return;
	if (strcmp(l.tok[0], "config") == 0)
		on_config(c, x, &l);
	else if (strcmp(l.tok[0], "edit") == 0)
		on_edit(c, x, &l);
	else if (strcmp(l.tok[0], "next") == 0 && l.ntok == 1)
		on_next(c, x, &l);
	else if (strcmp(l.tok[0], "end") == 0 && l.ntok == 1)
		on_end(c, x, &l);
	else
		on_command(c, x, &l);
}

/* ---- entries into the model ------------------------------------------------ */

static struct fg_gw *
gw_extra(struct config *c, struct cfg_ctx *x, size_t i)
{
	while (x->ngw <= i)
		if (!cfg_push(c, (void **)&x->gw, &x->ngw, &x->cap_gw, sizeof(*x->gw)))
			return NULL;
	return &x->gw[i];
}

/* Whether DPD runs and how long a dead peer takes to be noticed.
 * dpd: on-demand when not set (Fortinet community Technical Tip 260424,
 * "Explanation of IPsec VPN DPD options": On-Demand is the default;
 * FortiOS CLI reference 6.2-7.6, phase1-interface). on-idle probes an
 * idle SA; on-demand only when traffic goes out and nothing comes back;
 * disable never probes (it still answers). dpd-retryinterval and
 * dpd-retrycount default to 20 s and 3 (the same CLI reference; the
 * diagnose output in Technical Tip 267783 shows idle=20000ms retry=3);
 * FortiOS 5.2's "dpd enable" probed every 5 s by default (FortiOS 5.2
 * Handbook, "Dead peer detection"). IKEv1: dead after interval x count
 * (Tip 260424: 10 s x 3, flushed after 30 s; the 5.2 Handbook: "wait for
 * 3 missed attempts before declaring the peer dead"). IKEv2 does not
 * honour the two settings: its retransmission gives up after 93 s
 * (3+6+12+24+48, Technical Tip 294932), a lower bound. */
static void
fill_live(struct config_gateway *g, const struct fg_gw *xg, int v2)
{
	const struct config_num *d = &xg->dpd, *iv = &xg->interval, *cnt = &xg->count;
	struct config_live *lv = &g->live;

	lv->src = *d;
	lv->interval = iv->line ? iv->v : d->line && d->v == DPD_ENABLE ? 5 : 20;
	lv->retries = cnt->line ? cnt->v : 3;
	if (d->tmpl)
		lv->state = CONFIG_LIVE_UNKNOWN;
	else if (!d->line || d->v == DPD_DEMAND)
		lv->state = CONFIG_LIVE_ON_DEMAND;
	else
		lv->state = d->v == DPD_OFF ? CONFIG_LIVE_OFF : CONFIG_LIVE_ON;
	/* a template value, or a count of 0 (its meaning is in no source): unknown */
	if (lv->state == CONFIG_LIVE_OFF || lv->state == CONFIG_LIVE_UNKNOWN || iv->tmpl ||
	    cnt->tmpl || (!v2 && !lv->retries)) {
		lv->dead_after = -1;
		lv->exact = 0;
	} else if (v2) {
		lv->dead_after = 93;
		lv->exact = 0;
	} else {
		lv->dead_after = lv->interval * lv->retries;
		/* on-demand probes only while traffic goes out: a lower bound */
		lv->exact = lv->state == CONFIG_LIVE_ON;
	}
	/* the keepalive the older checks and the change set read */
	g->keepalive = *d;
	g->keepalive.v = lv->state == CONFIG_LIVE_OFF ? CONFIG_OFF : CONFIG_ON;
	g->ka_method = CONFIG_KA_DPD;
	g->ka_method_set = d->line != 0;
	g->ka_interval = lv->interval;
	g->ka_count = lv->retries;
}

/* ip-version 6: IKE and ESP ride in IPv6 (a 40-byte outer header, RFC
 * 8200), between remote-gw6 and local-gw6; 4, the default: remote-gw and
 * local-gw. An ip-version 6 phase1 that writes no remote-gw6 (a dialup
 * one) still rides in IPv6: its ip-version line stands for the address,
 * any IPv6 one (plen CONFIG_PLEN_OTHER, v6). */
static void
outer_family(struct config_gateway *g, const struct fg_gw *xg)
{
	if (xg->ipver.line && xg->ipver.v == 6) {
		g->remote_addr = xg->rgw6;
		g->local_addr = xg->lgw6;
		/* the keys are IPv6 ones: a placeholder there is an IPv6 address too */
		g->remote_addr.v6 = g->remote_addr.line != 0;
		g->local_addr.v6 = g->local_addr.line != 0;
		if (!g->remote_addr.line && !g->local_addr.line) {
			g->remote_addr = (struct config_prefix){ .line = xg->ipver.line,
								 .plen = CONFIG_PLEN_OTHER,
								 .v6 = 1 };
			cfg_copy(g->remote_addr.text, sizeof(g->remote_addr.text), xg->ipver.text);
		}
		return;
	}
	g->remote_addr = xg->rgw4;
	g->local_addr = xg->lgw4;
}

static void
commit_p1(struct config *c, struct cfg_ctx *x, const struct fg_entry *e)
{
	struct config_gateway *g = cfg_gateway(c, e->name, e->line);
	struct config_tunnel *t;
	struct fg_gw *xg;
	int v2;

	if (!g || !(t = cfg_tunnel(c, e->name, e->name, e->line)) ||
	    !(xg = gw_extra(c, x, (size_t)(g - c->gateways))))
		return;
	t->gateway = (int)(g - c->gateways);
	if (!t->line || t->line > e->line)
		t->line = e->line;
		/* a second edit of the same phase1 changes what it sets, no more */
#define MERGE(dst, key, src) \
	do { \
		if (!xg->seen || e->k[key].line) \
			(dst) = (src); \
	} while (0)
	/* ike-version: 1 when not set (CLI reference, phase1-interface) */
	MERGE(g->version, K_IKEV, e->k[K_IKEV]);
	if (!g->version.line)
		g->version.v = 1;
	v2 = g->version.v == 2;
	MERGE(xg->rgw4, K_REMOTE_GW, e->p[K_REMOTE_GW]);
	MERGE(xg->lgw4, K_LOCAL_GW, e->p[K_LOCAL_GW]);
	MERGE(xg->rgw6, K_REMOTE_GW6, e->p[K_REMOTE_GW6]);
	MERGE(xg->lgw6, K_LOCAL_GW6, e->p[K_LOCAL_GW6]);
	MERGE(xg->ipver, K_IPVER, e->k[K_IPVER]);
	MERGE(g->natt, K_NATT, e->k[K_NATT]);
	MERGE(g->life_ike, K_KEYLIFE, e->k[K_KEYLIFE]);
	MERGE(g->psk, K_PSK, e->psk);
	MERGE(xg->dpd, K_DPD, e->k[K_DPD]);
	MERGE(xg->interval, K_DPD_INTERVAL, e->k[K_DPD_INTERVAL]);
	MERGE(xg->count, K_DPD_COUNT, e->k[K_DPD_COUNT]);
	MERGE(xg->passive, K_PASSIVE, e->k[K_PASSIVE]);
	MERGE(xg->p1neg, K_AUTONEG, e->k[K_AUTONEG]);
	if (!xg->seen || e->k[K_INTERFACE].line)
		cfg_copy(xg->iface, sizeof(xg->iface), e->s[K_INTERFACE]);
#undef MERGE
	xg->seen = 1;
	outer_family(g, xg);
	fill_live(g, xg, v2);
	t->dpd = xg->interval;
	if (e->s[K_DESC][0])
		cfg_copy(t->desc, sizeof(t->desc), e->s[K_DESC]);
}

/* A phase2 selector: src/dst-addr-type subnet (the default) reads
 * src/dst-subnet, 0.0.0.0 0.0.0.0 when not set (CLI reference,
 * phase2-interface); name "all" is FortiOS's predefined 0.0.0.0/0
 * address; another name, a range or one address is narrower as far as
 * the audit can tell (CONFIG_PLEN_OTHER). */
static void
selector(struct config_prefix *out, const struct fg_entry *e, enum fk type, enum fk subnet,
	 enum fk name)
{
	const struct config_num *ty = &e->k[type];

	if (!ty->line || ty->v == AT_SUBNET) {
		*out = e->p[subnet];
		return;
	}
	if (ty->v == AT_NAME && e->k[name].line) {
		cfg_copy(out->text, sizeof(out->text), e->k[name].text);
		out->line = e->k[name].line;
		out->tmpl = e->k[name].tmpl;
		out->addr = 0;
		out->plen = strcmp(e->s[name], "all") == 0 ? 0 : CONFIG_PLEN_OTHER;
		return;
	}
	cfg_copy(out->text, sizeof(out->text), ty->text);
	out->line = ty->line;
	out->tmpl = ty->tmpl;
	out->addr = 0;
	out->plen = CONFIG_PLEN_OTHER;
}

/* The first phase2 of a phase1 gives its selectors and lifetime; any
 * phase2 with auto-negotiate enable starts the tunnel. Each phase2 takes
 * its own proposal (CLI reference, vpn ipsec phase2-interface) and all
 * of them ride the phase1's one tunnel interface, so the tunnel's ESP is
 * every proposal of every phase2 of it, as one list: the model takes the
 * one that carries least, which the interface must carry. */
/* Phase2 e's proposals into phase1 gi's list: the tunnel's ESP is every
 * proposal of every phase2 of it, each phase2 as its latest edit set it
 * (by line: a phase2 read before its phase1 is bound at the end). */
/* The bound phase2 name of phase1 gi (any phase1: gi < 0), NULL none. */
static struct fg_p2esp *
p2_find(const struct cfg_ctx *x, int gi, const char *name)
{
	for (size_t i = 0; i < x->np2esp; i++)
		if ((gi < 0 || x->p2esp[i].gi == gi) && strcmp(x->p2esp[i].name, name) == 0)
			return &x->p2esp[i];
	return NULL;
}

static void
p2_esp(struct config *c, struct cfg_ctx *x, int gi, const struct fg_entry *e)
{
	struct config_gateway *g = &c->gateways[gi];
	struct fg_p2esp *p = p2_find(x, gi, e->name);
	char all[CONFIG_ESP * 4];
	size_t n = 0;
	int cut = 0;

	if (!p &&
	    (p = cfg_push(c, (void **)&x->p2esp, &x->np2esp, &x->cap_p2esp, sizeof(*x->p2esp)))) {
		memset(p, 0, sizeof(*p));
		p->gi = gi;
		cfg_copy(p->name, sizeof(p->name), e->name);
		p->edit.line = e->line;
		cfg_copy(p->edit.text, sizeof(p->edit.text), e->text);
	}
	if (!p || (e->s[K_PROPOSAL][0] && p->line.line > e->k[K_PROPOSAL].line))
		return;
	if (e->s[K_PROPOSAL][0]) {
		cfg_copy(p->esp, sizeof(p->esp), e->s[K_PROPOSAL]);
		p->line = e->k[K_PROPOSAL];
	}
	memset(&g->esp, 0, sizeof(g->esp));
	memset(&g->esp_several, 0, sizeof(g->esp_several));
	all[0] = '\0';
	for (size_t i = 0; i < x->np2esp; i++) {
		if (x->p2esp[i].gi != gi)
			continue;
		/* no proposal: FortiOS's initial list for a new phase2, which
		 * changed between releases (CLI reference 6.0.5, vpn ipsec
		 * phase2-interface, History: 6.0.1 "Changed the initial proposal
		 * list"), several proposals the file does not name: the tunnel's
		 * ESP is not known, and a note says why */
		if (!x->p2esp[i].esp[0]) {
			if (!g->esp_several.line)
				g->esp_several = x->p2esp[i].edit;
			continue;
		}
		if (!g->esp.line)
			g->esp = x->p2esp[i].line;
		cut |= x->p2esp[i].line.cut;
		if (n < sizeof(all))
			n += (size_t)snprintf(all + n, sizeof(all) - n, "%s%s", n ? "," : "",
					      x->p2esp[i].esp);
	}
	/* all holds several lists' worth: one it cannot hold, cfg_esp_list cuts */
	cut |= cfg_esp_list(g->esp_text, sizeof(g->esp_text), all);
	g->esp.cut = cut; /* the list holds a part of what its phase2s offer */
	if (g->esp_several.line)
		g->esp_text[0] = '\0';
}

static int
bind_p2(struct config *c, struct cfg_ctx *x, const struct fg_entry *e)
{
	const struct fg_p2esp *was = e->k[K_PHASE1NAME].line ? NULL : p2_find(x, -1, e->name);
	int gi = was ? was->gi : config_gateway_find(c, e->s[K_PHASE1NAME]);
	struct config_gateway *g;
	struct config_tunnel *t;
	struct fg_gw *xg;
	int ti;

	if (gi < 0 || !(xg = gw_extra(c, x, (size_t)gi)))
		return -1;
	g = &c->gateways[gi];
	if (e->k[K_AUTONEG].line && (!xg->p2neg.line || xg->p2neg.v != 1))
		xg->p2neg = e->k[K_AUTONEG];
	p2_esp(c, x, gi, e);
	if (was || xg->nph2++)
		return 0;
	selector(&g->local_id, e, K_SRC_TYPE, K_SRC, K_SRC_NAME);
	selector(&g->remote_id, e, K_DST_TYPE, K_DST, K_DST_NAME);
	g->life_child = e->k[K_KEYLIFESEC];
	if ((ti = config_tunnel_find(c, g->name)) >= 0) {
		t = &c->tunnels[ti];
		cfg_copy(t->policy_name, sizeof(t->policy_name), e->name);
		t->policy.line = e->line;
		cfg_copy(t->policy.text, sizeof(t->policy.text), e->text);
	}
	return 0;
}

static void
commit_p2(struct config *c, struct cfg_ctx *x, const struct fg_entry *e)
{
	struct fg_entry *p;

	if (bind_p2(c, x, e) == 0)
		return;
	/* its phase1 comes later, or never (fg_model says which) */
	if ((p = cfg_push(c, (void **)&x->p2, &x->np2, &x->cap_p2, sizeof(*x->p2))))
		*p = *e;
}

/* Keys FortiOS takes only with another key of the same entry set to a
 * value: without it the line changes nothing, and the audit says so
 * (config.h config_inert). mtu with mtu-override enable (FortiGate
 * administration guide, "Setting the MTU for a data interface": set
 * mtu-override enable, then set mtu; FortiOS 6.0 Handbook, "Interface MTU
 * packet size"; FortiExtender CLI reference, config interface: mtu
 * "available when mtu-override is set to enable"). */
/* clang-format off */
static const struct {
	enum fg_tree tree;
	enum fk key, gate;
	long gate_v;
	enum config_inert_why why;
} gated[] = {
	{ T_IF, K_MTU, K_MTU_OVERRIDE, 1, CONFIG_INERT_FG_MTU_OVERRIDE },
};
/* clang-format on */

/* Whether e's gate for key is open: 1 open (or no gated[] row), 0 closed
 * (e sets key, and the key it needs is not at its value), -1 not known
 * (that key is a template value) */
static int
gate_open(const struct fg_entry *e, enum fk key)
{
	for (size_t i = 0; i < COUNT(gated); i++) {
		const struct config_num *g = &e->k[gated[i].gate];
		if (gated[i].tree != e->tree || gated[i].key != key || !e->k[key].line)
			continue;
		if (g->line && g->tmpl)
			return -1;
		if (!g->line || g->v != gated[i].gate_v)
			return 0;
	}
	return 1;
}

/* Each gated line of the committed entry e that its gate leaves without effect. */
static void
note_inert(struct config *c, const struct fg_entry *e)
{
	for (size_t i = 0; i < COUNT(gated); i++) {
		struct config_inert *n;
		if (gated[i].tree != e->tree || gate_open(e, gated[i].key) != 0 ||
		    !(n = CFG_PUSH(c, inert)))
			continue;
		n->line = e->k[gated[i].key].line;
		n->why = gated[i].why;
		cfg_copy(n->text, sizeof(n->text), e->k[gated[i].key].text);
	}
}

/* A system interface entry: a tunnel (a phase1's name) or an interface.
 * Its mtu is the interface's only with mtu-override enable (gated[]);
 * tcp-mss 0, the default, changes nothing (CLI reference,
 * system interface; Fortinet's schema, the fortinet.fortios Ansible
 * collection's fortios_system_interface: "0 means do not change segment
 * size"), so it is kept as the line that says the clamp is off, and a
 * policy clamp replaces it. */
static struct config_num
if_mtu(const struct fg_entry *e)
{
	return gate_open(e, K_MTU) == 1 && e->k[K_MTU].line ? e->k[K_MTU]
							    : (struct config_num){ 0 };
}

static void
tunnel_if(struct config *c, const struct fg_entry *e)
{
	struct config_tunnel *t = cfg_tunnel(c, e->name, e->name, e->line);

	if (!t)
		return;
	if (!t->line || t->line > e->line)
		t->line = e->line;
	t->mtu = if_mtu(e);
	if (e->k[K_TCPMSS].line) {
		t->mss = e->k[K_TCPMSS];
		t->mss.v = e->k[K_TCPMSS].v || t->mss.tmpl ? CONFIG_MSS_NUM : CONFIG_MSS_OFF;
		t->mss_value = e->k[K_TCPMSS].v;
	}
	t->inside = e->p[K_IP];
	t->remote = e->p[K_REMOTE_IP];
	/* the phase1's comments, when it came first and has them, stay */
	if (e->s[K_DESC][0] && !t->desc[0])
		cfg_copy(t->desc, sizeof(t->desc), e->s[K_DESC]);
}

static void
plain_if(struct config *c, const struct fg_entry *e)
{
	struct config_iface *f = cfg_iface(c, e->name, e->line);

	if (!f)
		return;
	f->mtu = if_mtu(e);
	if (strcmp(e->s[K_MODE], "pppoe") == 0)
		f->pppoe = e->k[K_MODE];
	if (e->s[K_DESC][0])
		cfg_copy(f->desc, sizeof(f->desc), e->s[K_DESC]);
}

/* A type tunnel entry is an IPsec tunnel when a phase1-interface has its
 * name: FortiOS makes that interface for the phase1. In a file with
 * phase1s, the others are the SSL-VPN interface (ssl.root, alias "SSL VPN
 * interface" in Azure's FG100D 5.4 sample, tests/audit/configs/SOURCES.md
 * 47) or a GRE tunnel's, no IPsec tunnels; in a file without any (a
 * system interface block pasted alone) it is still read as one. show
 * prints system interface before vpn ipsec: such an entry waits for the
 * end of the file (fg_model). */
static void
phase1_if(struct config *c, struct cfg_ctx *x, const struct fg_entry *e, int gi)
{
	struct fg_gw *xg = gw_extra(c, x, (size_t)gi);

	if (xg)
		xg->has_if = 1;
	tunnel_if(c, e);
}

static void
commit_if(struct config *c, struct cfg_ctx *x, const struct fg_entry *e)
{
	struct fg_entry *p;
	int gi = config_gateway_find(c, e->name);

	if (gi >= 0)
		phase1_if(c, x, e, gi);
	else if (strcmp(e->s[K_TYPE], "tunnel") != 0)
		plain_if(c, e);
	else if ((p = cfg_push(c, (void **)&x->tif, &x->ntif, &x->cap_tif, sizeof(*x->tif))))
		*p = *e;
}

/* Each interface name of list (names, each followed by '\n') as sent to
 * by line n. */
static void
add_uses(struct config *c, struct cfg_ctx *x, const char *list, const struct config_num *n)
{
	for (const char *p = list; *p;) {
		size_t k = strcspn(p, "\n");
		struct fg_use *u;
		if (!(u = cfg_push(c, (void **)&x->use, &x->nuse, &x->cap_use, sizeof(*x->use))))
			return;
		snprintf(u->name, sizeof(u->name), "%.*s", (int)k, p);
		u->line = *n;
		p += k + (p[k] == '\n');
	}
}

static void
commit(struct config *c, struct cfg_ctx *x)
{
	const struct fg_entry *e = &x->e;
	struct fg_entry *p;
	uint32_t a;

	switch (e->tree) {
	case T_P1: commit_p1(c, x, e); break;
	case T_P2: commit_p2(c, x, e); break;
	case T_IF:
		note_inert(c, e);
		commit_if(c, x, e);
		break;
	case T_NEIGH:
		if (cfg_addr(e->name, &a) == 0)
			cfg_add_bgp(c, a, e->k[K_REMOTE_AS].tmpl ? 0 : cfg_asn(e->s[K_REMOTE_AS]),
				    &(struct cfg_line){ .no = e->line });
		if (c->nbgp && c->bgp[c->nbgp - 1].line == e->line)
			cfg_copy(c->bgp[c->nbgp - 1].text, sizeof(c->bgp[0].text), e->text);
		break;
	case T_STATIC: {
		char one[CONFIG_ESP + 1];
		snprintf(one, sizeof(one), "%s\n", e->s[K_DEVICE]);
		if (e->k[K_DEVICE].line && !e->k[K_DEVICE].tmpl)
			add_uses(c, x, one, &e->k[K_DEVICE]);
		break;
	}
	case T_POLICY:
		add_uses(c, x, e->intf[0], &e->k[K_SRCINTF]);
		add_uses(c, x, e->intf[1], &e->k[K_DSTINTF]);
		if ((e->k[K_MSS_SENDER].line || e->k[K_MSS_RECEIVER].line) &&
		    (p = cfg_push(c, (void **)&x->pol, &x->npol, &x->cap_pol, sizeof(*x->pol))))
			*p = *e;
		break;
	default: break;
	}
	memset(&x->e, 0, sizeof(x->e));
	x->open = 0;
}

/* ---- the model ----------------------------------------------------------------- */

/* Who starts IKE. passive-mode enable: responder only (FortiGate
 * administration guide 6.4-7.2, "FGSP static site-to-site IPsec VPN":
 * the peers "only respond to tunnel initiations ... and do not initiate").
 * A phase2 with auto-negotiate enable brings its SA up without traffic and
 * keeps it up (CLI reference, phase2-interface; default disable);
 * otherwise the SA comes up when traffic needs it, after phase1's own
 * auto-negotiate (default enable; the administration guide 7.2, "Phase 1
 * configuration": it controls negotiation when there is no traffic). */
static void
fill_start(struct config_gateway *g, const struct fg_gw *xg)
{
	struct config_start *s = &g->start;

	if (xg->passive.line && (xg->passive.v == 1 || xg->passive.tmpl)) {
		s->state = xg->passive.tmpl ? CONFIG_START_UNKNOWN : CONFIG_START_NEVER;
		s->src = xg->passive;
	} else if (xg->p2neg.line && (xg->p2neg.v == 1 || xg->p2neg.tmpl)) {
		s->state = xg->p2neg.tmpl ? CONFIG_START_UNKNOWN : CONFIG_START_ALWAYS;
		s->src = xg->p2neg;
	} else {
		s->state = CONFIG_START_ON_TRAFFIC;
		s->src = xg->p2neg.line ? xg->p2neg : xg->p1neg;
	}
	g->start_action = s->src;
	g->refresh = s->src;
	g->refresh.v = s->state == CONFIG_START_ALWAYS;
}

/* A clamp on a firewall policy (tcp-mss-sender rewrites the MSS of the
 * client's SYN, tcp-mss-receiver the server's SYN/ACK; CLI reference,
 * firewall policy): it clamps the tunnel when the policy names it as
 * srcintf or dstintf and sets both (one alone leaves a direction
 * unclamped). The interface's own tcp-mss wins when it clamps; its
 * tcp-mss 0 clamps nothing, and show full-configuration prints that
 * default on every interface (Azure's FG100D 5.4 sample,
 * tests/audit/configs/SOURCES.md 47, whose clamp is policy 2's), so the
 * policy's counts then. Of the policy
 * clamps the largest is the one the audit checks (the worst case). */
static int
names(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; *p; p = strchr(p, '\n') + 1) {
		if (strncmp(p, name, n) == 0 && p[n] == '\n')
			return 1;
		if (!strchr(p, '\n'))
			break;
	}
	return 0;
}

static void
policy_clamp(struct config *c, const struct cfg_ctx *x)
{
	char *ours = x->npol ? calloc(c->ntunnels ? c->ntunnels : 1, 1) : NULL;

	if (x->npol && !ours) {
		c->nomem = 1;
		return;
	}
	for (size_t i = 0; i < x->npol; i++) {
		const struct fg_entry *p = &x->pol[i];
		const struct config_num *s = &p->k[K_MSS_SENDER], *r = &p->k[K_MSS_RECEIVER];
		const struct config_num *big = s->v >= r->v ? s : r;
		if (!s->line || !r->line || s->tmpl || r->tmpl)
			continue;
		for (size_t t = 0; t < c->ntunnels; t++) {
			struct config_tunnel *tu = &c->tunnels[t];
			int own = tu->mss.line && !ours[t];
			if (!names(p->intf[0], tu->name) && !names(p->intf[1], tu->name))
				continue;
			/* the interface's own clamp wins; its tcp-mss 0 is none
			 * (commit_if), and a policy's 0 adds nothing to it */
			if ((own && (tu->mss.v != CONFIG_MSS_OFF || !big->v)) ||
			    (ours[t] && tu->mss_value >= big->v))
				continue;
			tu->mss = *big;
			tu->mss.v = big->v ? CONFIG_MSS_NUM : CONFIG_MSS_OFF;
			tu->mss_value = big->v;
			tu->mss_policy = 1;
			ours[t] = 1;
		}
	}
	free(ours);
}

/* The first line sending traffic to interface name, NULL none. */
static const struct config_num *
used_by(const struct cfg_ctx *x, const char *name)
{
	for (size_t i = 0; i < x->nuse; i++)
		if (strcmp(x->use[i].name, name) == 0)
			return &x->use[i].line;
	return NULL;
}

/* A type tunnel interface e that no phase1-interface is named after, to
 * which a policy or a static route sends traffic, beside a phase1 whose
 * name begins with e's and that has no interface entry of its own (the
 * published shape: edit "VPN-PALO" / set type tunnel, phase1 "VPN-PALO-P1",
 * set dstintf "VPN-PALO", tests/audit/configs/SOURCES.md 76). The
 * interface of a route-based tunnel is the one FortiOS makes with its
 * phase1's name (CLI reference, vpn ipsec phase1-interface: the phase 1
 * of a route-based, interface-mode tunnel; AWS's FortiGate sample,
 * tests/audit/configs/SOURCES.md 19, sets the tunnel's addresses under
 * edit with the phase1's name): that phase1's tunnel says which entry and line name
 * another interface. What FortiOS does with such an entry is in no source
 * at hand, so nothing more is said of it. */
static void
misnamed(struct config *c, const struct cfg_ctx *x, const struct fg_entry *e)
{
	const struct config_num *use = used_by(x, e->name);
	size_t n = strlen(e->name);

	for (size_t g = 0; use && n && g < c->ngateways && g < x->ngw; g++) {
		int t = config_tunnel_find(c, c->gateways[g].name);
		if (x->gw[g].has_if || cfg_index_find(c, CFG_T_IFACES, c->gateways[g].name) >= 0 ||
		    t < 0 || strlen(c->gateways[g].name) <= n ||
		    strncmp(c->gateways[g].name, e->name, n) != 0 || c->tunnels[t].if_like.line)
			continue;
		cfg_set(&c->tunnels[t].if_like, 0, &(struct cfg_line){ .no = e->line, .ntok = 0 });
		cfg_copy(c->tunnels[t].if_like.text, sizeof(c->tunnels[t].if_like.text), e->text);
		c->tunnels[t].if_like_use = *use;
		return;
	}
}

static void
fg_model(struct config *c, struct cfg_ctx *x)
{
	for (size_t i = 0; i < x->ntif && !c->nomem; i++) {
		int gi = config_gateway_find(c, x->tif[i].name);
		if (gi >= 0)
			phase1_if(c, x, &x->tif[i], gi);
		else if (!c->ngateways)
			tunnel_if(c, &x->tif[i]);
		else
			plain_if(c, &x->tif[i]);
	}
	for (size_t i = 0; i < x->ntif && !c->nomem; i++)
		if (config_gateway_find(c, x->tif[i].name) < 0)
			misnamed(c, x, &x->tif[i]);
	for (size_t i = 0; i < x->np2; i++)
		if (bind_p2(c, x, &x->p2[i]) < 0)
			cfg_ref(c,
				x->p2[i].k[K_PHASE1NAME].line ? x->p2[i].k[K_PHASE1NAME].line
							      : x->p2[i].line,
				x->p2[i].k[K_PHASE1NAME].line ? x->p2[i].k[K_PHASE1NAME].text
							      : x->p2[i].text,
				CONFIG_REF_PHASE1, x->p2[i].s[K_PHASE1NAME], -1);
	for (size_t g = 0; g < c->ngateways && !c->nomem; g++) {
		struct fg_gw *xg = gw_extra(c, x, g);
		int f;
		if (!xg)
			return;
		fill_start(&c->gateways[g], xg);
		/* the WAN port's MTU is the line MTU (the first phase1's port
		 * with an mtu-override; FortiOS has no PPPoE MTU default in our
		 * sources) */
		if (!c->line_mtu.line && xg->iface[0] &&
		    (f = cfg_index_find(c, CFG_T_IFACES, xg->iface)) >= 0 &&
		    c->ifaces[f].mtu.line) {
			c->line_mtu = c->ifaces[f].mtu;
			c->line_src = CONFIG_LINE_IFACE;
			c->line_index = (size_t)f;
			cfg_copy(c->line_name, sizeof(c->line_name), c->ifaces[f].name);
		}
	}
	for (size_t t = 0; t < c->ntunnels; t++) {
		int g = config_gateway_find(c, c->tunnels[t].name);
		c->tunnels[t].gateway = g;
		c->tunnels[t].kind = CONFIG_TK_IPSEC;
	}
	policy_clamp(c, x);
}

static int
blank_at(const char *s, size_t n, size_t i)
{
	return i >= n || s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' ||
	       s[i] == '\v' || s[i] == '\f';
}

/* Whether a double-quoted value is still open at the end of the line's
 * bytes s[0..n), given whether one was open at its start: requote()'s
 * rules (a quote opens at a word's first byte, \" and \\ inside are one
 * byte, a '"' that ends a word closes it), on the raw bytes, so a long line
 * cut to CONFIG_LINE_MAX still finds its closing quote. A value that
 * reaches the end of the line goes on over the next lines until its quote
 * closes: "show full-configuration" prints a certificate, a private key or
 * a report's text that way (Azure's FG100D 5.4 sample,
 * tests/audit/configs/SOURCES.md 47), and the CLI takes a pasted
 * certificate between quotes over many lines (Fortinet community
 * Technical Tip FD35074, "How to update a local certificate installed on
 * a FortiGate"). */
static int
quote_open(const char *s, size_t n, int open)
{
	int start = 1; /* at a word's first byte */

	for (size_t i = 0; i < n; i++) {
		if (open) {
			if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\'))
				i++;
			else if (s[i] == '"' && blank_at(s, n, i + 1))
				open = 0;
			start = 0;
			continue;
		}
		open = start && s[i] == '"';
		start = blank_at(s, n, i);
	}
	return open;
}

int
config_parse_fortios(const char *buf, size_t len, struct config *c)
{
	struct cfg_reader r = { buf, len, 0, 0, "#" };
	struct cfg_line l;
	struct cfg_ctx *x = calloc(1, sizeof(*x));
	struct config_invalid quote = { 0 }; /* the line whose quoted value is open */
	int open = 0;
	size_t at = 0;

	if (!x) {
		c->nomem = 1;
		return -1;
	}
	while (!c->nomem && (at = r.pos, cfg_next(&r, &l))) {
		if (open) {
			/* the value's text, not a command: the audit reads nothing of it */
			open = quote_open(buf + at, r.pos - at, 1);
			cfg_unread(c, l.no);
			continue;
		}
		if (l.comment) {
			static const char hdr[] = "#config-version=";
			c->comments += l.text[0] != '\0';
			if (!c->firmware_line && strncmp(l.text, hdr, sizeof(hdr) - 1) == 0) {
				cfg_copy(c->firmware, sizeof(c->firmware),
					 l.text + sizeof(hdr) - 1);
				c->firmware[strcspn(c->firmware, ":")] = '\0';
				c->firmware_line = l.no;
				c->release =
					fg_release(c->firmware) > 0 ? fg_release(c->firmware) : 0;
				/* the model is what comes before the first '-' */
				if (strcspn(c->firmware, "-") < sizeof(c->model))
					snprintf(c->model, sizeof(c->model), "%.*s",
						 (int)strcspn(c->firmware, "-"), c->firmware);
			}
			continue;
		}
		if (l.ntok && l.tok[0][0] == '!') {
			/* prose (config.prose): FortiOS's comments begin '#' */
			if (!c->prose.line) {
				c->prose.line = l.no;
				cfg_copy(c->prose.text, sizeof(c->prose.text), l.text);
			}
			c->prose.v++;
			c->prose_last = l.no;
			continue;
		}
		fg_line(c, x, &l);
		if ((open = quote_open(buf + at, r.pos - at, 0))) {
			quote.line = l.no;
			cfg_copy(quote.text, sizeof(quote.text), l.text);
		}
	}
	c->lines = r.no;
	if (open) {
		/* the quote no line closed: one finding, where it opened */
		struct config_invalid *b = CFG_PUSH(c, invalid);
		if (b) {
			*b = quote;
			b->why = CONFIG_BAD_QUOTE;
		}
	}
	if (x->nst) {
		/* a block open at the end of the file: FortiOS never saw its end
		 * (inside an open quote its end lines were the value's text: the
		 * quote's finding says so) */
		struct fg_frame first = x->st[0];
		while (x->nst)
			pop(c, x);
		if (!open)
			unclosed(c, &first);
	}
	if (!c->nomem)
		fg_model(c, x);
	free(x->st);
	free(x->gw);
	free(x->p2);
	free(x->pol);
	free(x->tif);
	free(x->use);
	free(x->p2esp);
	free(x);
	return c->nomem ? -1 : 0;
}
