/* SPDX-License-Identifier: BSD-2-Clause */
/* Format detection and dispatch. A file is read as the vendor whose
 * grammar accepts most of its lines, among the vendors it shows positive
 * evidence of (a command only that vendor has). A file with the evidence
 * of a format mtuprobe does not read (config/foreign.c) is refused naming
 * it; so is one whose lines mostly fail the chosen grammar: auditing it
 * would print an all-clear for a configuration never read. */
#include "config/config_int.h"
#include "config/foreign.h"
#include "config/peer.h"
#include "base/count.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* doc/vendor-syntax.md: the RTX IPv4 clamp (ip tunnel tcp mss limit)
 * defaults to auto on vRX, RTX5000/RTX3500 Rev.14.00.22+, RTX1210
 * Rev.14.01.26+, RTX830 Rev.15.02.03+ and any Rev.15.04+; off on older
 * firmware (command reference 8.1.21). */
/* clang-format off */
static const struct config_since rtx_mss_auto_since[] = {
	{ "vRX", CONFIG_RELEASE(0, 0, 0) },
	{ "RTX5000", CONFIG_RELEASE(14, 0, 22) },
	{ "RTX3500", CONFIG_RELEASE(14, 0, 22) },
	{ "RTX1210", CONFIG_RELEASE(14, 1, 26) },
	{ "RTX830", CONFIG_RELEASE(15, 2, 3) },
	{ "", CONFIG_RELEASE(15, 4, 0) },
	{ NULL, 0 },
};
/* clang-format on */

/* Indexed by the one vendor enum (base/vendor_id.h); a vendor without a
 * parser has no row (parse NULL) and is neither detected nor accepted. */
static const struct {
	const char *display, *what;
	const char *comment; /* what begins a comment line */
	struct config_facts facts;
	int (*parse)(const char *buf, size_t len, struct config *c);
	const char *const *markers; /* line prefixes only this format has */
} formats[VENDOR_COUNT] = {
	[VENDOR_RTX] = { "Yamaha RTX",
			 N_("a Yamaha RTX config (show config)"),
			 "#",
			 /* command reference 8.1.4: a tunnel's MTU is 1280 unless set */
			 { .tunnel_mtu_default = 1280,
			   .clamp_in_config = 1,
			   .peer_word = "gateway",
			   .natt_default = N_("not set (default off, 15.48.5)"),
			   .ike_compat = 1,
			   .clamp_since = rtx_mss_auto_since,
			   .clamp_why = CONFIG_CWHY_RTX,
			   .ike_unset = PEER_IKEV1,
			   .life_default = 28800,
			   .clamp_source =
				   "Yamaha RTX command reference 8.1.21 (default auto or off by firmware)",
			   .mtu_default_word = N_(" (the RTX default)"),
			   .mtu_default_unset = N_(" (the RTX default: no ip tunnel mtu is set)") },
			 config_parse_rtx,
			 (const char *const[]){
				 "tunnel select ", "pp select ", "ipsec ike ", "ipsec sa policy ",
				 "ipsec tunnel ", "ipsec auto refresh", "ip lan", "ip pp ",
				 "ip tunnel ", "nat descriptor ", "pp bind ", "pppoe use ",
				 "bgp use ", "login password", "administrator password",
				 "tunnel enable ", NULL } },
	/* Not "interface Tunnel", "ip tcp adjust-mss" or "hostname": Cisco IOS
	 * has them too (AWS's IOS sample was once read as an IX). */
	[VENDOR_IX] = { "NEC UNIVERGE IX",
			N_("an NEC IX running-config"),
			"!",
			/* no NEC reference: the tunnel MTU default is unknown; NAT-T is
		 * ikev2 nat-traversal in the tunnel, or the global ike nat-traversal */
			{ .clamp_in_config = 1,
			  .natt_in_tunnel = 1,
			  .peer_word = "peer",
			  .natt_default = N_("not set (the IX default is unknown)"),
			  .natt_default_unknown = 1,
			  .peer_named_by_addr = 1,
			  .ike_in_tunnel = 1,
			  .clamp_default = CONFIG_CLAMP_UNKNOWN,
			  .mtu_unknown_word = N_(" (IX default unknown)"),
			  .clamp_why = CONFIG_CWHY_IX,
			  .clamp_source =
				  "NEC IX: the ip tcp adjust-mss default was not found in any NEC document; every published IX configuration sets ip tcp adjust-mss auto" },
			config_parse_ix,
			(const char *const[]){ "interface GigaEthernet", "interface Loopback0.",
					       "interface Tunnel0.", "ike policy ", "ike proposal ",
					       "ipsec autokey-", "ikev2 default-profile",
					       "ikev2 profile ", "ikev2 authentication psk",
					       "ikev2 peer", "ikev2 connect-type", "ikev2 binding",
					       "ip ufs-cache", "device GigaEthernet",
					       "watch-group ", "ppp profile ", "proxy-dns ",
					       "tunnel mode ipsec-ikev2", NULL } },
	[VENDOR_STRONGSWAN] = { "strongSwan swanctl.conf",
				N_("a strongSwan swanctl.conf"),
				"#",
				/* swanctl.conf(5): clamps live in iptables/nftables; a child is its
		 * own policy; local_ts/remote_ts default to dynamic */
				{ .implicit_policy = 1,
				  .selectors_dynamic = 1,
				  .peer_word = "connection",
				  .natt_detects = 1,
				  .natt_zero_detects = 1,
				  .selector_default = N_(
					  "dynamic (only the tunnel's outer addresses, swanctl.conf(5))"),
				  .natt_default = N_(
					  "not forced (encap = no: UDP only when a NAT is detected)"),
				  .clamp_elsewhere = "swanctl.conf",
				  .ike_unset = PEER_IKEV1 | PEER_IKEV2,
				  .esp_native = 1,
				  /* version 0 (default) initiates with IKEv2 */
				  .ike_start_unset = { 2 } },
				config_parse_swan,
				(const char *const[]){ "connections {", "connections{",
						       "children {", "children{", "secrets {",
						       "esp_proposals", "local_ts", "remote_ts",
						       "remote_addrs", "local_addrs",
						       "start_action", "dpd_action", NULL } },
	/* The section headers and the keys swanctl.conf spells differently
	 * (local_ts, esp_proposals, start_action): no swanctl, RTX or IX line
	 * begins this way. */
	[VENDOR_IPSECCONF] = { "strongSwan/Libreswan ipsec.conf",
			       N_("a strongSwan or Libreswan ipsec.conf"),
			       "#",
			       /* ipsec.conf(5): no clamp; a conn is its own policy; leftsubnet/
		 * rightsubnet default to the peers' own addresses */
			       { .implicit_policy = 1,
				 .selectors_dynamic = 1,
				 .peer_word = "conn",
				 .natt_detects = 1,
				 .selector_default = N_(
					 "the hosts' own addresses (leftsubnet or rightsubnet not set, ipsec.conf(5))"),
				 .natt_default = N_(
					 "not forced (forceencaps or encapsulation not yes: UDP only when a NAT is detected)"),
				 .clamp_elsewhere = N_("ipsec.conf (not expressible there)"),
				 .ike_unset = PEER_IKEV1 | PEER_IKEV2,
				 .esp_native = 1, /* ipsecconf.c: strongSwan spelling */
				 /* strongSwan's keyexchange=ike (default) initiates IKEv2; in
				  * Openswan/Libreswan it is IKEv1 unless the file says ikev2 */
				 .ike_start_unset = { [CONFIG_DIALECT_STRONGSWAN] = 2,
						      [CONFIG_DIALECT_LIBRESWAN] = 0 },
				 .dialect_word = { [CONFIG_DIALECT_STRONGSWAN] = N_(
							   "read as strongSwan (no key only Libreswan/Openswan take)\n"),
						   [CONFIG_DIALECT_LIBRESWAN] = N_(
							   "read as Libreswan/Openswan (it has keys only they take)\n") } },
			       config_parse_ipsecconf,
			       (const char *const[]){
				       "conn ", "config setup", "leftsubnet", "rightsubnet",
				       "leftid", "rightid", "dpdaction", "dpddelay", "keyexchange",
				       "also=", "also ", "phase2alg", "auto=", "auto ", NULL } },
	/* FortiOS's top-level trees and the set keys of its IPsec entries: no
	 * RTX, IX, swanctl.conf or ipsec.conf line begins this way ("config
	 * setup" is ipsec.conf's, hence no bare "config "). */
	[VENDOR_FORTIGATE] = { "Fortinet FortiGate (FortiOS)",
			       N_("a FortiGate FortiOS configuration (show)"),
			       "#",
			       /* FortiOS CLI reference: tcp-mss 0 (no clamp) unless set;
		 * src-subnet/dst-subnet 0.0.0.0 0.0.0.0; nattraversal enable; no
		 * Fortinet document states a tunnel interface's default MTU */
			       { .clamp_in_config = 1,
				 .peer_word = "phase1-interface",
				 .neutral = 1,
				 .natt_detects = 1,
				 .clamp_default = CONFIG_CLAMP_NONE,
				 .clamp_one_way_before = CONFIG_RELEASE(7, 0, 1),
				 .clamp_one_way = N_(
					 "before FortiOS 7.0.1 a tcp-mss on an interface rewrites the SYNs of one direction only (Fortinet community Technical Tip 221376): set the same tcp-mss on the LAN interface too, or tcp-mss-sender and tcp-mss-receiver on the firewall policy to the tunnel"),
				 .selector_default = N_(
					 "0.0.0.0 0.0.0.0 (src-subnet and dst-subnet not set, FortiOS CLI reference, phase2-interface)"),
				 .natt_default = N_(
					 "enable: UDP 4500 only when a NAT is detected (nattraversal not set, FortiOS CLI reference, phase1-interface)"),
				 .sources =
					 "FortiOS CLI reference (vpn ipsec phase1-interface, phase2-interface, system interface); Fortinet community Technical Tips 260424, 267783, 294932 (DPD)",
				 .prose_why = N_(
					 "FortiOS comments begin with '#' and no FortiOS command begins with '!' (FortiOS CLI reference, CLI basics): the text of the document the file was copied from (AWS's samples write comments so), which the CLI rejects line by line when pasted") },
			       config_parse_fortios,
			       (const char *const[]){ "config vpn ",         "config system ",
						      "config router ",      "config firewall ",
						      "config user ",        "config log ",
						      "config vdom",         "config global",
						      "set phase1name ",     "set psksecret",
						      "set remote-gw ",      "set dpd-retry",
						      "set mtu-override ",   "set tcp-mss ",
						      "set vdom ",           "set allowaccess ",
						      "set srcintf ",        "set dstintf ",
						      "set keylifeseconds ", NULL } },
	/* RouterOS /export: menu paths begin with '/', which no other format's
	 * lines do (a Junos comment opener is no menu). v7 may write the path
	 * with slashes ("/ip/ipsec/peer"). */
	[VENDOR_ROUTEROS] = { "MikroTik RouterOS",
			      N_("a MikroTik RouterOS export (/export)"),
			      "#",
			      /* MikroTik manual, IPsec: a policy is its own SA template (no
		 * interface, so no tunnel MTU default); src-address/dst-address
		 * default to 0.0.0.0/32; profile nat-traversal defaults to yes;
		 * a clamp is a mangle change-mss rule, none unless added */
			      { .clamp_in_config = 1,
				.implicit_policy = 1,
				.peer_word = "peer",
				.neutral = 1,
				.natt_detects = 1,
				.clamp_default = CONFIG_CLAMP_NONE,
				.selector_default = N_(
					"0.0.0.0/32 (src-address and dst-address not set: MikroTik manual, IPsec, Policies)"),
				.natt_default = N_("nat-traversal=yes (MikroTik manual, IPsec, Profiles)"),
				.sources =
					"MikroTik manual: IPsec (profiles, peers, policies), Firewall Mangle (change-mss)" },
			      config_parse_routeros,
			      (const char *const
				       []){ "/ip ipsec",
					    "/ip/ipsec",
					    "/interface", "/routing", "/ip firewall",
					    "/ip/firewall",
					    "/ip address", "/ip/address", "/ip route", "/ip/route",
					    "/system", "/ipv6 ", "/ip dhcp", "/ip dns", "/ip pool",
					    "/ip service", NULL } },
	/* Junos set commands and the hierarchy (config/junos.c). Markers: the
	 * security ike/ipsec and st0 trees in set form, and statements of the
	 * hierarchy's ike gateway and ipsec vpn blocks (VyOS has ike-group and
	 * esp-group, not ike-policy or bind-interface st0). */
	[VENDOR_JUNOS] = { "Juniper Junos",
			   N_("a Juniper Junos configuration (set commands or show configuration)"),
			   "#",
			   /* Juniper CLI reference: DPD off without dead-peer-detection; no
		 * clamp without security flow tcp-mss ipsec-vpn; NAT-T on unless
		 * no-nat-traversal; the st0 MTU and proxy-identity defaults are not
		 * in our sources (doc/router-facts.md) */
			   { .clamp_in_config = 1,
			     .peer_word = "gateway",
			     .neutral = 1,
			     .clamp_default = CONFIG_CLAMP_NONE,
			     .clamp_global = 1,
			     .natt_detects = 1,
			     .selector_default = N_(
				     "not stated (the default proxy-identity of a Junos route-based VPN was not found in our sources)"),
			     .natt_default = N_(
				     "on (Junos uses NAT-T unless the gateway says no-nat-traversal)"),
			     .sources =
				     "Juniper CLI reference (security ike gateway dead-peer-detection, security ipsec vpn establish-tunnels, security flow tcp-mss, interfaces st0 family inet mtu)" },
			   config_parse_junos,
			   (const char *const[]){
				   "set security ike ", "set security ipsec ", "set interfaces st0",
				   "set security flow tcp-mss", "bind-interface st0", "ike-policy ",
				   "external-interface ", "dead-peer-detection",
				   "establish-tunnels ", "ipsec-policy ", "proxy-identity ",
				   "deactivate security ", NULL } },
	/* VyOS set commands and the tree (config/vyos.c). Markers: the vpn
	 * ipsec and vti trees in set form, and the tree's blocks of them. */
	[VENDOR_VYOS] = { "VyOS",
			  N_("a VyOS configuration (set commands or show configuration)"),
			  "#",
			  /* vyos-1x: vti mtu default 1500; no clamp without adjust-mss; a
		 * vti peer without tunnel prefixes is 0.0.0.0/0 both ways; NAT-T
		 * forced only by force-udp-encapsulation (doc/router-facts.md) */
			  { .tunnel_mtu_default = 1500,
			    .clamp_in_config = 1,
			    .peer_word = "peer",
			    .neutral = 1,
			    .natt_detects = 1,
			    .mtu_default_word = N_(" (the VyOS vti default)"),
			    .mtu_default_unset = N_(
				    " (the VyOS vti default: no mtu is set on the vti interface)"),
			    .clamp_default = CONFIG_CLAMP_NONE,
			    .selector_default = N_(
				    "0.0.0.0/0 both ways for a vti peer without tunnel prefixes (vyos-1x's swanctl template)"),
			    .natt_default = N_(
				    "not forced (UDP only when a NAT is detected; force-udp-encapsulation forces it)"),
			    .sources =
				    "vyos-1x interface definitions (vpn_ipsec.xml.in, interfaces vti) and its swanctl template; swanctl.conf(5)" },
			  config_parse_vyos,
			  (const char *const[]){
				  "set vpn ipsec ", "set interfaces vti ", "set protocols bgp ",
				  "site-to-site {", "ike-group ", "esp-group ",
				  "default-esp-group ", "vti vti", "dead-peer-detection {",
				  "connection-type ", NULL } },
	/* Cisco IOS / IOS-XE running-config (config/ios.c). Markers: the crypto
	 * sub-trees ASA spells differently (ASA: "crypto ipsec ikev1
	 * transform-set", no keyring or isakmp profile, IKEv2 proposals under
	 * "crypto ipsec ikev2"), and tunnel protection; IX has no "crypto"
	 * command at all. Not "interface Tunnel", "ip tcp adjust-mss",
	 * "hostname" or "tunnel mode ipsec ipv4": IX has them too. */
	[VENDOR_CISCO_IOS] = { "Cisco IOS/IOS-XE",
			       N_("a Cisco IOS/IOS-XE running-config"),
			       "!",
			       /* no Cisco document at hand states a tunnel's MTU without ip mtu
		 * (unknown default); a tunnel without ip tcp adjust-mss has no
		 * clamp (the command reference: the clamp is what the command
		 * sets); a static VTI proxies IP any any (Cisco's VTI guide);
		 * NAT-T is IOS's default, detected per SA (IPsec NAT Transparency) */
			       { .clamp_in_config = 1,
				 .peer_word = "peer",
				 .neutral = 1,
				 .natt_detects = 1,
				 .clamp_default = CONFIG_CLAMP_NONE,
				 .selector_default = N_(
					 "IP any any on a static VTI (Cisco IPsec Virtual Tunnel Interface guide); a crypto map's are its match address ACL"),
				 .natt_default = N_(
					 "not forced (IOS NAT Transparency: UDP encapsulation only when a NAT is detected)"),
				 .sources =
					 "Cisco IPsec Dead Peer Detection Periodic Message Option; Cisco IPsec Virtual Tunnel Interface guide; Cisco IOS XML command reference iap-i2 (ip tcp adjust-mss)" },
			       config_parse_ios,
			       (const char
					*const[]){ "crypto isakmp policy ",
						   "crypto isakmp profile ", "crypto keyring ",
						   "crypto isakmp keepalive ", "crypto isakmp key ",
						   "crypto ipsec transform-set ",
						   "crypto ipsec profile ",
						   "crypto ikev2 proposal ",
						   "crypto ikev2 keyring ", "crypto ikev2 profile ",
						   "crypto ikev2 policy ", "crypto ipsec df-bit ",
						   "crypto dynamic-map ",
						   "tunnel protection ipsec profile ", NULL } },
};

static const char expected[] = N_(
	"expected a Yamaha RTX config (show config), an NEC IX running-config, a strongSwan swanctl.conf, a strongSwan/Libreswan ipsec.conf, a FortiGate configuration (show), a MikroTik RouterOS export, a Juniper Junos or a VyOS configuration, or a Cisco IOS/IOS-XE running-config");

/* Other names engineers give the ipsec.conf format. */
/* clang-format off */
static const struct { const char *name; enum vendor_id v; } aliases[] = {
	{ "libreswan", VENDOR_IPSECCONF }, { "openswan", VENDOR_IPSECCONF },
	{ "fortios", VENDOR_FORTIGATE },
};
/* clang-format on */

int
config_vendor_lookup(const char *name)
{
	for (int v = 0; v < VENDOR_COUNT; v++)
		if (formats[v].parse && strcmp(vendor_id_name((enum vendor_id)v), name) == 0)
			return v;
	for (size_t i = 0; i < COUNT(aliases); i++)
		if (strcmp(aliases[i].name, name) == 0)
			return (int)aliases[i].v;
	return -1;
}

const char *
config_vendor_name(enum vendor_id v)
{
	return v < VENDOR_COUNT && formats[v].parse ? vendor_id_name(v) : "?";
}

const char *
config_vendor_display(enum vendor_id v)
{
	return v < VENDOR_COUNT && formats[v].parse ? formats[v].display : "?";
}

/* For every vendor with a parser, the lines that begin the way only it
 * begins them, in one pass over the text (a pass per vendor cost a
 * tokenized read of every line per format: the 63,000-tunnel hub of
 * tests/audit/run.sh read five times). No marker begins with a comment
 * character of any format ('#', '!'), so those lines are skipped for all. */
static void
markers_all(const char *buf, size_t len, unsigned ev[VENDOR_COUNT], unsigned *lines)
{
	struct cfg_reader r = { buf, len, 0, 0, "#!" };
	struct cfg_line l;

	memset(ev, 0, VENDOR_COUNT * sizeof(ev[0]));
	while (cfg_next(&r, &l)) {
		if (l.comment)
			continue;
		for (int v = 0; v < VENDOR_COUNT; v++)
			for (const char *const *m = formats[v].parse ? formats[v].markers : NULL;
			     m && *m; m++)
				if ((*m)[0] == l.text[0] && strncmp(l.text, *m, strlen(*m)) == 0) {
					ev[v]++;
					break;
				}
	}
	*lines = r.no;
}

static unsigned
markers(const char *buf, size_t len, int v, unsigned *lines)
{
	unsigned ev[VENDOR_COUNT];

	markers_all(buf, len, ev, lines);
	return ev[v];
}

static const struct config_facts facts_none = { .clamp_in_config = 1, .peer_word = "peer" };

const struct config_facts *
config_facts(const struct config *c)
{
	return c->facts ? c->facts : &facts_none;
}

const struct config_facts *
config_vendor_facts(enum vendor_id v)
{
	return (int)v >= 0 && v < VENDOR_COUNT && formats[v].parse ? &formats[v].facts
								   : &facts_none;
}

enum config_clamp_state
config_clamp_default(const struct config *c)
{
	const struct config_facts *x = config_facts(c);

	if (!x->clamp_since)
		return x->clamp_default;
	if (!c->release || !*c->model)
		return CONFIG_CLAMP_UNKNOWN;
	for (const struct config_since *s = x->clamp_since; s->model; s++)
		if ((!*s->model || strcmp(s->model, c->model) == 0) && c->release >= s->since)
			return CONFIG_CLAMP_AUTO;
	return CONFIG_CLAMP_NONE;
}

const struct config_num *
config_tunnel_natt(const struct config *c, size_t i)
{
	const struct config_tunnel *t = &c->tunnels[i];

	if (config_facts(c)->natt_in_tunnel)
		return t->ikev2 ? &t->natt : &c->natt;
	return t->gateway >= 0 && (size_t)t->gateway < c->ngateways ? &c->gateways[t->gateway].natt
								    : NULL;
}

const char *
config_tunnel_esp(const struct config *c, size_t i, const struct config_num **line)
{
	static const struct config_num none;
	const struct config_tunnel *t = &c->tunnels[i];
	const struct config_gateway *g = t->gateway >= 0 && (size_t)t->gateway < c->ngateways
						 ? &c->gateways[t->gateway]
						 : NULL;

	if (line)
		*line = t->esp_here ? &t->esp : g ? &g->esp : &none;
	if (t->esp_here)
		return t->esp_text;
	return g ? g->esp_text : "";
}

/* RFC 1918 private space and RFC 6598 shared (carrier-grade NAT) space. */
static int
private4(uint32_t x)
{
	return (x >> 24) == 10 || (x & 0xfff00000u) == 0xac100000u ||
	       (x & 0xffff0000u) == 0xc0a80000u || (x & 0xffc00000u) == 0x64400000u;
}

int
config_nat_between(const struct config_prefix *l, const struct config_prefix *r)
{
	if (!l || !r || !l->line || l->tmpl || l->plen != 32 || !r->line || r->tmpl ||
	    r->plen != 32)
		return 0;
	return private4(l->addr) && !private4(r->addr) &&
	       (r->addr >> 16) != 0xa9fe && /* 169.254/16 */
	       (r->addr >> 24) != 127 && r->addr != 0;
}

static int
parse_as(const char *buf, size_t len, int v, struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->vendor = (enum vendor_id)v;
	c->facts = &formats[v].facts;
	if (formats[v].parse(buf, len, c) < 0)
		return -1;
	cfg_bgp_groups(c);
	/* tunnels by name, once every name is final: what the renderers look
	 * descriptions up by, once per finding (config_description) */
	return cfg_index_build(c, CFG_T_TNAMES);
}

static unsigned
accepted(const struct config *c)
{
	return c->read + c->unread;
}

/* A format mtuprobe does not read yet, worded by cli (cli_config_why()). */
static void
foreign_refusal(struct config *c, const struct config_foreign *f)
{
	c->refused.code = CONFIG_R_FOREIGN;
	c->refused.looks = f->name;
	c->refused.line = f->line;
	snprintf(c->refused.text, sizeof(c->refused.text), "%s", f->why);
}

/* Most lines must read as the vendor: fewer accepted than invalid means
 * the grammar does not fit, and an audit of it would be an empty all-clear. */
static int
fits(struct config *c, int v)
{
	/* a name the tables cut could be read as another one: two tunnels
	 * made one, and a finding of the second lost; refuse, and say how
	 * (cli words it from c->name_cut) */
	if (c->name_cut.line) {
		c->refused.code = CONFIG_R_NAME_CUT;
		return 0;
	}
	if (accepted(c) >= c->ninvalid)
		return 1;
	/* cli words it from c->ninvalid, c->invalid[0] and accepted lines */
	c->refused.code = CONFIG_R_NOT_FIT;
	c->refused.format = (enum vendor_id)v;
	return 0;
}

/* err for the callers that do not word c->refused (unit tests, fuzz):
 * its code and numbers, never empty, not a sentence. Returns -1. Every
 * refusal of config_parse is a code since issue 22: cli words them. */
static int
refusal_code(const struct config *c, char *err, size_t errlen)
{
	snprintf(err, errlen, "config refusal %d (%u lines)", (int)c->refused.code,
		 c->refused.lines);
	return -1;
}

/* Every vendor with evidence parsed; the best fit kept in *c. */
static int
detect_into(const char *buf, size_t len, struct config *c, char *err, size_t errlen)
{
	struct config_foreign f;
	int isforeign = config_foreign_detect(buf, len, &f);
	unsigned ev[VENDOR_COUNT], lines = 0, best_ev = 0;
	int best = -1;

	markers_all(buf, len, ev, &lines);
	for (int v = 0; v < VENDOR_COUNT; v++) {
		struct config t;
		if (!formats[v].parse || !ev[v])
			continue;
		if (parse_as(buf, len, v, &t) < 0) {
			config_free(&t);
			c->refused.code = CONFIG_R_NOMEM;
			c->refused.format = (enum vendor_id)v;
			return refusal_code(c, err, errlen);
		}
		if (best < 0 || accepted(&t) > accepted(c) ||
		    (accepted(&t) == accepted(c) && t.ninvalid < c->ninvalid)) {
			if (best >= 0)
				config_free(c);
			*c = t;
			best = v;
			best_ev = ev[v];
		} else {
			config_free(&t);
		}
	}
	if (isforeign && (best < 0 || f.evidence >= best_ev || !fits(c, best))) {
		foreign_refusal(c, &f);
		return refusal_code(c, err, errlen);
	}
	if (best < 0) { /* worded by cli: a code and the count */
		c->refused.code = CONFIG_R_NO_COMMANDS;
		c->refused.lines = lines;
		return refusal_code(c, err, errlen);
	}
	return fits(c, best) ? best : refusal_code(c, err, errlen);
}

const char *
config_expected(void)
{
	return expected;
}

const char *
config_format_what(enum vendor_id v)
{
	return (unsigned)v < VENDOR_COUNT && formats[v].what ? formats[v].what : "";
}

int
config_detect(const char *buf, size_t len, char *err, size_t errlen)
{
	struct config c;
	int v;

	memset(&c, 0, sizeof(c));
	if (!len) {
		c.refused.code = CONFIG_R_EMPTY;
		return refusal_code(&c, err, errlen);
	}
	v = detect_into(buf, len, &c, err, errlen);
	config_free(&c);
	return v;
}

int
config_parse(const char *buf, size_t len, int v, struct config *c, char *err, size_t errlen)
{
	struct config_foreign f;
	unsigned lines, ev;

	memset(c, 0, sizeof(*c));
	if (v >= VENDOR_COUNT || (v >= 0 && !formats[v].parse)) {
		c->refused.code = CONFIG_R_UNKNOWN_FORMAT;
		return refusal_code(c, err, errlen);
	}
	if (!len) {
		c->refused.code = CONFIG_R_EMPTY;
		c->refused.has_format = v >= 0;
		if (v >= 0)
			c->refused.format = (enum vendor_id)v;
		return refusal_code(c, err, errlen);
	}
	if (v < 0)
		return detect_into(buf, len, c, err, errlen) < 0 ? -1 : 0;
	if (!(ev = markers(buf, len, v, &lines))) {
		if (config_foreign_detect(buf, len, &f))
			foreign_refusal(c, &f);
		else { /* worded by cli: a code, the format and the count */
			c->refused.code = CONFIG_R_NOT_FORMAT;
			c->refused.lines = lines;
			c->refused.format = (enum vendor_id)v;
		}
		return refusal_code(c, err, errlen);
	}
	/* as many lines of a format we do not read as of v's own: that
	 * format (a Cisco ASA file given as --vendor cisco-ios shares a few
	 * crypto lines with IOS, and would be half read) */
	if (config_foreign_detect(buf, len, &f) && f.evidence >= ev) {
		foreign_refusal(c, &f);
		return refusal_code(c, err, errlen);
	}
	if (parse_as(buf, len, v, c) < 0) {
		c->refused.code = CONFIG_R_NOMEM;
		c->refused.format = (enum vendor_id)v;
		return refusal_code(c, err, errlen);
	}
	return fits(c, v) ? 0 : refusal_code(c, err, errlen);
}
