/* SPDX-License-Identifier: BSD-2-Clause */
/* The vendor table: one row set per vendor (struct vendor_def, indexed by
 * enum vendor_id), the only place a vendor's syntax lives. calc and probe
 * print its lines from it (vendor.c), the audit prints its fixes, change
 * sets and rollbacks from it (audit_fix.c), and both fill templates through
 * the one expander (vendor_expand). MTU and MSS fix rows point at the calc
 * line itself, so the two cannot print different forms or ranges.
 *
 * Adding a vendor:
 *  1. a value in enum vendor_id and its name in vendor_id_name()
 *     (base/vendor_id.h);
 *  2. here: its lines (struct vline: template, accepted range, the source
 *     or the reason it is unconfirmed), styles (how an interface's block
 *     opens and closes, by name prefix), sections, header and footer
 *     (mode to paste in, how to save), default interface names, and, when
 *     the audit reads it, its fix rows (struct vfix: the fix kind, the calc
 *     line or a template, the setting it replaces) and their layout
 *     (struct vfixes: what removes a line, preamble, blocks);
 *  3. its interface name rules (vendor_names.c) and a golden file in
 *     tests/golden; a parser (src/config) names the same enum value.
 *
 * Sources: doc/vendor-syntax.md, which cites the Yamaha RTX command
 * reference (12.01 edition: 8.1.4, 8.1.21, 30.1.2-3), published NEC IX
 * configurations (Oracle's validated IX CPE template, netmiko's IX driver,
 * field configs; no NEC reference was found), ip-link(8),
 * iptables-extensions(8) TCPMSS and nft(8); doc/router-facts.md for the fixes;
 * each row names its own. */
#include "render/vendor_int.h"

#include <stddef.h>

/* Yamaha RTX: command reference 8.1.4 (ip mtu 64-1500; LAN ports of some
 * models more), 8.1.21 (tcp mss limit 536-1460), 30.1.2-3 (ipv6 mtu
 * 1280-1500; ipv6 tcp mss limit 536-1440). */
enum { L_MTU4, L_MSS4, L_MTU6, L_MSS6 };
#define RTX_REF "Yamaha RTX command reference " /* the lines a fix row names */
/* clang-format off */
static const struct vline rtx_lines[] = {
	[L_MTU4] = { 4, V_MTU, 64, 1500, RTX_REF "8.1.4", NULL, "ip {kw} mtu {mtu}", 0, 0 },
	[L_MSS4] = { 4, V_MSS, 536, 1460, RTX_REF "8.1.21", NULL, "ip {kw} tcp mss limit {mss}", 0, 0 },
	[L_MTU6] = { 6, V_MTU, 1280, 1500, RTX_REF "30.1.2", NULL, "ipv6 {kw} mtu {mtu}", 0, 0 },
	[L_MSS6] = { 6, V_MSS, 536, 1440, RTX_REF "30.1.3", NULL, "ipv6 {kw} tcp mss limit {mss}", 0, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vstyle rtx_styles[] = {
	{ "pp", "pp select {n}", "pp select none", "pp", 0, 0, NULL, 0 },
	{ "tunnel", "tunnel select {n}", "tunnel select none", "tunnel", 0, 1, NULL, 0 },
	{ "lan", NULL, NULL, NULL, 1, 0, NULL, 0 },   /* LAN lines are global */
};
/* clang-format on */
/* clang-format off */
static const struct vsection rtx_sections[] = {
	{ NULL, NULL, rtx_lines, COUNT(rtx_lines), NULL, { NULL, NULL }, NULL, ONCE_NO },
};
/* clang-format on */
/* clang-format off */
static const char *const rtx_header[] = {
	"paste in administrator mode (after 'administrator')",
	NULL,
};
/* clang-format on */
#define RTX_SAVE "to keep it after a restart: save"
static const char *const rtx_footer[] = { RTX_SAVE, NULL };

/* The audit's fixes: command reference 8.1.4, 8.1.21, 30.1.3 (the lines
 * above), 15.10, 15.19-20 (keepalive: dpd for IKEv1, RFC 3706; rfc4306 for
 * IKEv2), 15.16, 15.28, 15.48.5, 15.49.2. Every RTX configuration command
 * has a "no" form (1.4), which removes a line that was not set. */
/* clang-format off */
static const struct vfix rtx_fix_rows[] = {
	{ FIX_TUNNEL_MTU, 0, VS_TUNNEL, &rtx_lines[L_MTU4], NULL, NULL, F_T_MTU, 0 },
	{ FIX_WAN_MTU, 0, VS_IFACE, &rtx_lines[L_MTU4], NULL, NULL, F_I_MTU, 0 },
	{ FIX_TUNNEL_MSS, 0, VS_TUNNEL, &rtx_lines[L_MSS4], NULL, NULL, F_T_MSS, 0 },
	{ FIX_TUNNEL_MSS6, 0, VS_TUNNEL, &rtx_lines[L_MSS6], NULL, NULL, F_T_MSS6, 0 },
	{ FIX_DF_COPY, 0, VS_TUNNEL, NULL, "ipsec tunnel outer df-bit copy", NULL, F_T_DF, 0 },
	{ FIX_KEEPALIVE, 1, VS_GLOBAL, NULL, "ipsec ike keepalive use {gw} on dpd{dpd_args}", NULL,
	  F_G_KEEPALIVE, 0 },
	{ FIX_KEEPALIVE, 2, VS_GLOBAL, NULL, "ipsec ike keepalive use {gw} on rfc4306{dpd_args}", NULL,
	  F_G_KEEPALIVE, 0 },
	{ FIX_REFRESH_GLOBAL_ON, 0, VS_GLOBAL, NULL, "ipsec auto refresh on", NULL, F_C_REFRESH, 0 },
	{ FIX_REFRESH_GW_ON, 0, VS_GLOBAL, NULL, "ipsec auto refresh {gw} on", NULL, F_G_REFRESH, 0 },
	{ FIX_REFRESH_GW_OFF, 0, VS_GLOBAL, NULL, "ipsec auto refresh {gw} off", NULL, F_G_REFRESH, 0 },
	{ FIX_BACKCOMPAT2, 0, VS_GLOBAL, NULL, "ipsec ike backward-compatibility {gw} 2", NULL, F_G_COMPAT, 0 },
	{ FIX_IKE_LOCAL_ADDR, 0, VS_GLOBAL, NULL, "ipsec ike local address {gw} {addr}", NULL, F_G_LOCAL_ADDR, 0 },
	{ FIX_NATT_ON, 0, VS_GLOBAL, NULL, "ipsec ike nat-traversal {gw} on", NULL, F_G_NATT, 0 },
	{ FIX_SELECTORS_ANY, 0, VS_GLOBAL, NULL, "ipsec ike local id {gw} 0.0.0.0/0", NULL, F_G_LOCAL_ID, 0 },
	{ FIX_SELECTORS_ANY, 0, VS_GLOBAL, NULL, "ipsec ike remote id {gw} 0.0.0.0/0", NULL, F_G_REMOTE_ID, 0 },
};
/* clang-format on */
/* Interface lines inside their pp/tunnel select (the styles above), then
 * the global ones; saving is the engineer's call once the lines are checked. */
/* clang-format off */
static const struct vfixes rtx_fixes = {
	.rows = rtx_fix_rows,
	.n = COUNT(rtx_fix_rows),
	.undo = "no ",
	.footer = RTX_SAVE,
	.mss_auto = 1,
};
/* clang-format on */

#define IX_SEEN "published IX configurations"
/* NEC UNIVERGE IX: the forms below were seen in published configurations
 * only. "ipv6 mtu" was seen in none, and "ipv6 tcp adjust-mss" only as
 * "auto" (doc/vendor-syntax.md): both stay comments. */
/* clang-format off */
static const struct vline ix_lines[] = {
	[L_MTU4] = { 4, V_MTU, 0, 0, IX_SEEN, NULL, "ip mtu {mtu}", 0, 0 },
	[L_MSS4] = { 4, V_MSS, 0, 0, IX_SEEN, NULL, "ip tcp adjust-mss {mss}", 0, 0 },
	[L_MTU6] = { 6, V_MTU, 0, 0, IX_SEEN, "not seen in any published IX configuration", "ipv6 mtu {mtu}", 0, 0 },
	[L_MSS6] = { 6, V_MSS, 0, 0, IX_SEEN, "only 'ipv6 tcp adjust-mss auto' was seen",
		     "ipv6 tcp adjust-mss {mss}", 0, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vstyle ix_styles[] = {
	{ "", "interface {if}", NULL, NULL, 0, 0, NULL, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vsection ix_sections[] = {
	{ NULL, NULL, ix_lines, COUNT(ix_lines), NULL, { NULL, NULL }, NULL, ONCE_NO },
};
/* clang-format on */
/* clang-format off */
static const char *const ix_header[] = {
	"syntax as seen in published configurations (Oracle's validated IX CPE template,",
	"netmiko's IX driver, field configs), not in an NEC reference: 'ip mtu N' and",
	"'ip tcp adjust-mss N' seen; ranges and defaults unconfirmed; unconfirmed forms are comments",
	"paste in global configuration mode (after 'configure')",
	NULL,
};
/* clang-format on */
static const char *const ix_preamble[] = { "configure", NULL };
/* clang-format off */
static const char *const ix_footer[] = {
	"to keep it after a reload: write memory",
	NULL,
};
/* clang-format on */

/* The audit's fixes: doc/router-facts.md and doc/vendor-syntax.md (Oracle's
 * template and real configurations), the MTU/MSS lines above. */
/* clang-format off */
static const struct vfix ix_fix_rows[] = {
	{ FIX_TUNNEL_MTU, 0, VS_TUNNEL, &ix_lines[L_MTU4], NULL, NULL, F_T_MTU, 0 },
	{ FIX_WAN_MTU, 0, VS_IFACE, &ix_lines[L_MTU4], NULL, NULL, F_I_MTU, 0 },
	{ FIX_TUNNEL_MSS, 0, VS_TUNNEL, &ix_lines[L_MSS4], NULL, NULL, F_T_MSS, 0 },
	{ FIX_TUNNEL_MSS6, 0, VS_TUNNEL, &ix_lines[L_MSS6], NULL, NULL, F_T_MSS6, 0 },
	{ FIX_KEEPALIVE, 2, VS_TUNNEL, NULL, "ikev2 dpd interval {sec}", NULL, F_T_DPD, 0 },
	{ FIX_KEEPALIVE, 1, VS_GLOBAL, NULL, "ike keepalive {policy} {sec} {count}",
	  "whether ike keepalive is RFC 3706 DPD was not found; Oracle's template uses a watch-group instead",
	  F_NONE, 0 },
	{ FIX_INITIATE, 2, VS_TUNNEL, NULL, "ikev2 connect-type auto", NULL, F_T_CONNECT, 0 },
	{ FIX_RESPOND_ONLY, 2, VS_TUNNEL, NULL, "ikev2 negotiation-direction responder", NULL,
	  F_T_RESPONDER, 0 },
	{ FIX_NOT_RESPONDER, 2, VS_TUNNEL, NULL, NULL,
	  "remove ikev2 negotiation-direction responder from this tunnel: while it is there the IX "
	  "only answers, connect-type auto or not (its no form was not confirmed: see NEC's command "
	  "reference)", F_NONE, 0 },
	{ FIX_NATT_ON, 1, VS_GLOBAL, NULL, "ike nat-traversal", NULL, F_C_NATT, 0 },
	{ FIX_NATT_ON, 2, VS_TUNNEL, NULL, "ikev2 nat-traversal keepalive 30 force", NULL, F_T_NATT, 0 },
	{ FIX_SELECTORS_ANY, 1, VS_GLOBAL, NULL, "ip access-list {acl} permit ip src any dest any", NULL,
	  F_NONE, 0 },
};
/* clang-format on */
/* configure, the global lines, then each interface block. Removing a line
 * with "no" is Cisco-like but unconfirmed for IX, and so is whether write
 * memory is taken inside interface mode: both said. */
/* clang-format off */
static const struct vfixes ix_fixes = {
	.rows = ix_fix_rows,
	.n = COUNT(ix_fix_rows),
	.undo = "no ",
	.undo_note = "removing a line with 'no' is UNCONFIRMED for IX (its CLI is Cisco-like)",
	.header = "IX syntax seen in published IX configurations (no NEC reference found)",
	.footer = "to keep it after a reload: write memory (UNCONFIRMED whether it is taken inside interface "
		  "mode; if not, leave it first)",
	.preamble = ix_preamble,
	.global_first = 1,
	.mss_auto = 1,
};
/* clang-format on */

/* Linux: ip-link(8). pppd sets its MTU at each connect (pppd(8) 'mtu');
 * strongSwan's kernel-libipsec makes ipsec0 at 1400 on every start
 * (doc/lab-notes.md); wg-quick(8) takes MTU = in [Interface]; other devices
 * keep what they are created with. */
/* clang-format off */
static const struct vline linux_link[] = {
	{ 4, V_MTU, 68, 65535, "ip-link(8)", NULL, "ip link set dev {if} mtu {mtu}", 0, 0 },
};
/* clang-format on */
#define RECREATED \
	"a re-created {if} starts at its default MTU: give 'mtu {mtu}' where it is created " \
	"(ip link add ... mtu {mtu}, or MTUBytes={mtu} in [Link] of its systemd-networkd .network)"
/* clang-format off */
static const struct vstyle linux_styles[] = {
	{ "ppp", NULL, NULL, NULL, 0, 0,
	  "pppd sets {if}'s MTU at every connect: to keep it, put 'mtu {mtu}' in its peers file "
	  "(/etc/ppp/peers/NAME)", 0 },
	{ "ipsec", NULL, NULL, NULL, 0, 0,
	  "strongSwan's kernel-libipsec makes {if} with MTU 1400 at every start, and we found no "
	  "setting for it: run this line again after charon starts", 0 },
	{ "vti", NULL, NULL, NULL, 0, 0,
	  RECREATED, 0 },
	{ "xfrm", NULL, NULL, NULL, 0, 0,
	  RECREATED, 0 },
	{ "ip6tnl", NULL, NULL, NULL, 0, 0,
	  RECREATED, 0 },
	{ "wg", NULL, NULL, NULL, 0, 0,
	  "wg-quick sets {if}'s MTU at every start: to keep it, put 'MTU = {mtu}' in [Interface] "
	  "of /etc/wireguard/{if}.conf", 0 },
	{ "", NULL, NULL, NULL, 0, 0,
	  "not persistent: also set MTUBytes={mtu} in [Link] (systemd-networkd), 'mtu {mtu}' "
	  "(ifupdown) or 802-3-ethernet.mtu {mtu} (NetworkManager)", 0 },
};
/* clang-format on */

/* nft(8): "tcp option maxseg size set" writes unconditionally, so it is
 * guarded to lower an MSS only, as TCPMSS --set-mss does; priority -150 is
 * "mangle" for every nft version (the name needs a newer nft than 0.9.0). */
/* clang-format off */
static const struct vline linux_nft[] = {
	{ 4, V_MSS, 1, 65495, "nft(8)", NULL,
	  "{dir} \"{if}\" meta nfproto ipv4 tcp flags & (syn|rst) == syn "
	  "tcp option maxseg size {mss1}-65535 tcp option maxseg size set {mss}", 0, 0 },
	{ 6, V_MSS, 1, 65475, "nft(8)", NULL,
	  "{dir} \"{if}\" meta nfproto ipv6 tcp flags & (syn|rst) == syn "
	  "tcp option maxseg size {mss1}-65535 tcp option maxseg size set {mss}", 0, 0 },
};
/* clang-format on */
/* clang-format off */
static const char *const linux_nft_setup[] = {
	"nft -f - <<'EOF'",
	"add table inet mtuprobe",
	"delete table inet mtuprobe",
	"table inet mtuprobe {",
	"\tchain mssclamp {",
	"\t\ttype filter hook forward priority -150; policy accept;",
	NULL,
};
/* clang-format on */
static const char *const linux_nft_teardown[] = { "\t}", "}", "EOF", NULL };

/* iptables-extensions(8) TCPMSS: table mangle, SYN only (legacy iptables
 * refuses it without), --set-mss never raises an MSS. A chain of our own,
 * flushed on every paste, keeps the lines idempotent. */
/* clang-format off */
static const struct vline linux_ipt[] = {
	{ 4, V_MSS, 1, 65495, "iptables-extensions(8) TCPMSS", NULL,
	  "iptables -t mangle -A MTUPROBE {dir} {if} -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss {mss}", 0, 0 },
	{ 6, V_MSS, 1, 65475, "iptables-extensions(8) TCPMSS", NULL,
	  "ip6tables -t mangle -A MTUPROBE {dir} {if} -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss {mss}", 0, 0 },
};
/* clang-format on */
/* clang-format off */
static const char *const linux_ipt_setup[] = {
	"iptables -t mangle -N MTUPROBE 2>/dev/null || iptables -t mangle -F MTUPROBE",
	"iptables -t mangle -C FORWARD -j MTUPROBE 2>/dev/null || iptables -t mangle -A FORWARD -j MTUPROBE",
	"ip6tables -t mangle -N MTUPROBE 2>/dev/null || ip6tables -t mangle -F MTUPROBE",
	"ip6tables -t mangle -C FORWARD -j MTUPROBE 2>/dev/null || ip6tables -t mangle -A FORWARD -j MTUPROBE",
	NULL,
};
/* clang-format on */

#define LINUX_CLAMP_WHY \
	"TCP MSS clamp for forwarded TCP, in both directions through each interface (clamping only " \
	"the way out leaves the far side's SYN-ACK unclamped); the router's own IKE/ESP never passes FORWARD"
/* clang-format off */
static const struct vsection linux_nft_sections[] = {
	{ "interface MTU", NULL, linux_link, COUNT(linux_link), NULL, { NULL, NULL }, NULL, ONCE_NO },
	{ LINUX_CLAMP_WHY, linux_nft_setup, linux_nft, COUNT(linux_nft), linux_nft_teardown,
	  { "oifname", "iifname" }, "\t\t", ONCE_NO },
};
/* clang-format on */
/* clang-format off */
static const struct vsection linux_ipt_sections[] = {
	{ "interface MTU", NULL, linux_link, COUNT(linux_link), NULL, { NULL, NULL }, NULL, ONCE_NO },
	{ LINUX_CLAMP_WHY, linux_ipt_setup, linux_ipt, COUNT(linux_ipt), NULL, { "-o", "-i" }, NULL, ONCE_NO },
};
/* clang-format on */
/* clang-format off */
static const char *const linux_header[] = {
	"paste into a root shell; pasting it again replaces what it set (idempotent)",
	NULL,
};
/* clang-format on */
/* clang-format off */
static const char *const linux_nft_footer[] = {
	"to keep the clamp after a reboot, put the lines between the EOF markers in /etc/nftables.conf",
	"or a file it includes (nftables.service loads it)",
	NULL,
};
/* clang-format on */
/* clang-format off */
static const char *const linux_ipt_footer[] = {
	"to keep the clamp after a reboot: iptables-save >/etc/iptables/rules.v4 and",
	"ip6tables-save >/etc/iptables/rules.v6 (loaded by Debian's iptables-persistent)",
	NULL,
};
/* clang-format on */

/* Cisco IOS and IOS-XE: Cisco IOS XML command reference iap-i2 ("ip tcp
 * adjust-mss through ipv6 tcp adjust-mss"): ip tcp adjust-mss 500-1460 in
 * interface configuration mode, rewriting SYNs through the interface in both
 * directions (doc/vendor-syntax.md). "ip mtu", "ipv6 mtu" and "ipv6 tcp
 * adjust-mss" forms from doc/vendor-syntax.md; their ranges are not in our
 * sources, so they are not checked. On a PPPoE client the IP MTU belongs on
 * the Dialer interface (Cisco's PPPoE client examples: "interface Dialer1 /
 * ip mtu 1492"). */
#define IOS_SYNTAX "doc/vendor-syntax.md, Cisco IOS/IOS-XE"
/* clang-format off */
static const struct vline ios_lines[] = {
	/* in the order of L_IOS_* (the fix rows below name them) */
	{ 4, V_MTU, 0, 0, IOS_SYNTAX, NULL, "ip mtu {mtu}", 0, 0 },
	{ 4, V_MSS, 500, 1460, "Cisco IOS XML command reference iap-i2", NULL, "ip tcp adjust-mss {mss}", 0, 0 },
	{ 6, V_MTU, 0, 0, IOS_SYNTAX, NULL, "ipv6 mtu {mtu}", 0, 0 },
	{ 6, V_MSS, 0, 0, IOS_SYNTAX, NULL, "ipv6 tcp adjust-mss {mss}", 0, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vstyle ios_styles[] = {
	{ "", "interface {if}", NULL, NULL, 0, 0, NULL, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vsection ios_sections[] = {
	{ NULL, NULL, ios_lines, COUNT(ios_lines), NULL, { NULL, NULL }, NULL, ONCE_NO },
};
/* clang-format on */
/* clang-format off */
static const char *const ios_header[] = {
	"paste in privileged EXEC mode: it enters 'configure terminal' and leaves with 'end'",
	"source: Cisco IOS XML command reference iap-i2 (ip tcp adjust-mss 500-1460, interface mode;",
	"it rewrites SYNs through the interface in both directions); ip mtu/ipv6 mtu ranges not checked",
	NULL,
};
/* clang-format on */
static const char *const ios_preamble[] = { "configure terminal", NULL };
static const char *const ios_postamble[] = { "end", NULL };
/* clang-format off */
static const char *const ios_footer[] = {
	"to keep it after a reload: copy running-config startup-config",
	NULL,
};
/* clang-format on */

/* The audit's fixes (config/ios.c reads the file; doc/vendor-syntax.md):
 * the MTU/MSS lines above in interface mode; crypto isakmp keepalive
 * SECONDS RETRY periodic (Cisco, "IPsec Dead Peer Detection Periodic
 * Message Option": crypto isakmp keepalive seconds [retry-seconds]
 * [periodic | on-demand], global; AWS's IOS sample writes crypto isakmp
 * keepalive 10 10 on-demand); IKEv2 dpd INTERVAL RETRY periodic inside
 * crypto ikev2 profile NAME (CiscoDevNet's IOS-XE model: dpd interval,
 * retry, query periodic|on-demand); crypto ipsec df-bit copy (Cisco, "DF
 * Bit Override Functionality with IPsec Tunnels": clear, set or copy,
 * global or per interface). What makes IOS start IKE without traffic, and
 * a command that forces NAT-T, were in no source: those fixes are
 * comments (or the "no confirmed syntax" line). */
enum { L_IOS_MTU4, L_IOS_MSS4, L_IOS_MTU6, L_IOS_MSS6 };
/* clang-format off */
static const struct vfix ios_fix_rows[] = {
	{ FIX_TUNNEL_MTU, 0, VS_TUNNEL, &ios_lines[L_IOS_MTU4], NULL, NULL, F_T_MTU, 0 },
	{ FIX_WAN_MTU, 0, VS_IFACE, &ios_lines[L_IOS_MTU4], NULL, NULL, F_I_MTU, 0 },
	{ FIX_TUNNEL_MSS, 0, VS_TUNNEL, &ios_lines[L_IOS_MSS4], NULL, NULL, F_T_MSS, 0 },
	{ FIX_TUNNEL_MSS6, 0, VS_TUNNEL, &ios_lines[L_IOS_MSS6], NULL, NULL, F_T_MSS6, 0 },
	{ FIX_DF_COPY, 0, VS_GLOBAL, NULL, "crypto ipsec df-bit copy", NULL, F_T_DF, 0 },
	{ FIX_KEEPALIVE, 1, VS_GLOBAL, NULL, "crypto isakmp keepalive {sec} {count} periodic",
	  "the second number is the retry interval in seconds; how many retries IOS sends before it "
	  "declares the peer dead is not in Cisco's guide", F_G_KEEPALIVE, 0 },
	{ FIX_KEEPALIVE, 2, VS_CONN, NULL, "dpd {sec} {count} periodic", NULL, F_G_KEEPALIVE, 0 },
	{ FIX_INITIATE, 0, VS_GLOBAL, NULL, NULL,
	  "no command that makes IOS start IKE on its own was confirmed: a static crypto map entry "
	  "(crypto map NAME SEQ ipsec-isakmp with set peer) starts it when traffic matches; look up "
	  "your release's documentation", F_NONE, 0 },
	/* no line: the ACL is named or numbered, and the two take the entry
	 * differently; the comment says both */
	{ FIX_SELECTORS_ANY, 0, VS_GLOBAL, NULL, NULL,
	  "let the crypto map's match address ACL permit ip any any: a numbered ACL takes "
	  "'access-list N permit ip any any', a named one 'permit ip any any' inside "
	  "'ip access-list extended NAME'", F_NONE, 0 },
};
/* clang-format on */
/* configure terminal, the global lines, each interface block, each
 * crypto ikev2 profile, end (the calc header's mode). */
/* clang-format off */
static const struct vfixes ios_fixes = {
	.rows = ios_fix_rows,
	.n = COUNT(ios_fix_rows),
	.undo = "no ",
	.footer = "to keep it after a reload: copy running-config startup-config",
	.preamble = ios_preamble,
	.postamble = ios_postamble,
	.global_first = 1,
	.conn = { "crypto ikev2 profile {gw}", "exit", " " },
};
/* clang-format on */

/* Cisco ASA: ASA general configuration guide, "Advanced Interface
 * Configuration": "mtu if_name bytes" in global configuration mode (the
 * interface by its nameif), and the TCP MSS for through traffic, default
 * 1380, which the ASA writes into either endpoint's SYN and which it
 * describes for IPv4 and IPv6 alike; "sysopt connection tcpmss N" from
 * doc/vendor-syntax.md (global; 0 disables). One value serves both families, so
 * the IPv6 number is only offered as a comment. A VTI's nameif taking "mtu"
 * is not in our sources, nor a 4in6 tunnel on the ASA. */
#define ASA_GUIDE "ASA general configuration guide, Advanced Interface Configuration"
/* clang-format off */
static const struct vline asa_mtu[] = {
	{ 4, V_MTU, 0, 0, ASA_GUIDE, NULL, "mtu {if} {mtu}", VR(ROLE_WAN), 0 },
	{ 4, V_MTU, 0, 0, ASA_GUIDE, "'mtu' is documented for named interfaces; not confirmed for a VTI",
	  "mtu {if} {mtu}", VR(ROLE_TUNNEL), 0 },
	{ 4, V_MTU, 0, 0, ASA_GUIDE, "no 4in6 (MAP-E, DS-Lite) tunnel on the ASA in our sources; never set "
	  "this on a port that also carries native IPv6", "mtu {if} {mtu}", VR_4IN6, 0 },
};
/* clang-format on */
#define ASA_TCPMSS "doc/vendor-syntax.md, ASA sysopt connection tcpmss"
/* clang-format off */
static const struct vline asa_mss[] = {
	{ 4, V_MSS, 0, 0, ASA_TCPMSS, NULL, "sysopt connection tcpmss {mss}", 0, 0 },
	{ 6, V_MSS, 0, 0, ASA_TCPMSS, "the ASA has one tcpmss for IPv4 and IPv6: where IPv6 passes, "
	  "set this lower IPv6 value instead", "sysopt connection tcpmss {mss}", 0, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vstyle asa_styles[] = {
	{ "", NULL, NULL, NULL, 0, 0, NULL, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vsection asa_sections[] = {
	{ "interface MTU (by nameif)", NULL, asa_mtu, COUNT(asa_mtu), NULL, { NULL, NULL }, NULL,
	  ONCE_NO },
	{ "TCP MSS: GLOBAL, it applies to all TCP through the ASA, not only the tunnel",
	  NULL, asa_mss, COUNT(asa_mss), NULL, { NULL, NULL }, NULL, ONCE_LAST },
};
/* clang-format on */
/* clang-format off */
static const char *const asa_header[] = {
	"paste in privileged EXEC mode: it enters 'configure terminal' and leaves with 'end'",
	"source: ASA general configuration guide, Advanced Interface Configuration ('mtu if_name",
	"bytes', global; TCP MSS for through traffic, default 1380, rewritten in both endpoints' SYNs)",
	NULL,
};
/* clang-format on */
/* clang-format off */
static const char *const asa_footer[] = {
	"to keep it after a reload: write memory",
	NULL,
};
/* clang-format on */

/* Juniper Junos (SRX): "mtu" under [edit interfaces IF unit N family inet|
 * inet6] and [edit security flow tcp-mss] ipsec-vpn mss 64-65535, default
 * 1320, "for the TCP packets that are about to go into an IPsec VPN tunnel"
 * (Junos ipsec-vpn (Flow) statement; doc/vendor-syntax.md). It is global, one
 * value for every VPN, and the reference gives no IPv6 form. */
#define JUNOS_MTU "Junos mtu statement, family inet/inet6"
#define JUNOS_MSS "Junos ipsec-vpn (Flow) statement"
/* clang-format off */
static const struct vline junos_mtu[] = {
	{ 4, V_MTU, 0, 0, JUNOS_MTU, NULL, "set interfaces {base} unit {unit} family inet mtu {mtu}", 0, 0 },
	{ 6, V_MTU, 0, 0, JUNOS_MTU, NULL, "set interfaces {base} unit {unit} family inet6 mtu {mtu}", 0, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vline junos_mss[] = {
	{ 4, V_MSS, 64, 65535, JUNOS_MSS, NULL, "set security flow tcp-mss ipsec-vpn mss {mss}", 0, 0 },
	{ 6, V_MSS, 64, 65535, JUNOS_MSS, "the reference gives one ipsec-vpn mss and does not say it covers "
	  "IPv6: if IPv6 crosses the tunnel, this lower value keeps it whole",
	  "set security flow tcp-mss ipsec-vpn mss {mss}", 0, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vstyle junos_styles[] = {
	{ "", NULL, NULL, NULL, 0, 0, NULL, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vsection junos_sections[] = {
	{ "interface MTU", NULL, junos_mtu, COUNT(junos_mtu), NULL, { NULL, NULL }, NULL, ONCE_NO },
	{ "TCP MSS: GLOBAL, for TCP going into every IPsec VPN on this device",
	  NULL, junos_mss, COUNT(junos_mss), NULL, { NULL, NULL }, NULL, ONCE_TUNNEL },
};
/* clang-format on */
/* clang-format off */
static const char *const junos_header[] = {
	"paste in configuration mode (after 'configure')",
	"sources: Junos 'mtu' (family inet, inet6) and [edit security flow tcp-mss] ipsec-vpn mss",
	"64-65535 (default 1320; applies to TCP about to go into an IPsec tunnel)",
	NULL,
};
/* clang-format on */
/* clang-format off */
static const char *const junos_footer[] = {
	"to apply and keep it: commit",
	NULL,
};
/* clang-format on */

/* The audit's fixes, in set form inside configure ... commit. MTU and MSS:
 * the calc lines above (the clamp is global: one line for every st0
 * tunnel). DPD: Juniper's DPD example (security ike gateway NAME
 * dead-peer-detection interval 10 / threshold 5; "dead-peer-detection"
 * statement: interval 2-60, threshold 1-5). establish-tunnels immediately,
 * df-bit copy and proxy-identity local|remote PREFIX: the "vpn" statement
 * of [edit security ipsec] (Junos ES 9.3 CLI reference). NAT-T is on unless
 * no-nat-traversal: a note, since removing a statement is no set line.
 * doc/vendor-syntax.md, Juniper Junos. */
/* clang-format off */
static const struct vfix junos_fix_rows[] = {
	{ FIX_TUNNEL_MTU, 0, VS_TUNNEL, &junos_mtu[0], NULL, NULL, F_T_MTU, 0 },
	{ FIX_WAN_MTU, 0, VS_IFACE, &junos_mtu[0], NULL,
	  "the family inet mtu must fit the port's media mtu (Ethernet: media - 14; default 1514 on Gigabit Ethernet)",
	  F_I_MTU, 0 },
	{ FIX_TUNNEL_MSS, 0, VS_GLOBAL, &junos_mss[0], NULL, NULL, F_T_MSS, 0 },
	{ FIX_TUNNEL_MSS6, 0, VS_GLOBAL, &junos_mss[1], NULL, NULL, F_T_MSS6, 0 },
	{ FIX_DF_COPY, 0, VS_TUNNEL, NULL, "set security ipsec vpn {vpn} df-bit copy", NULL, F_T_DF, 0 },
	{ FIX_KEEPALIVE, 0, VS_GLOBAL, NULL, "set security ike gateway {gw} dead-peer-detection interval {sec}",
	  NULL, F_G_DPD_INTERVAL, 0 },
	{ FIX_KEEPALIVE, 0, VS_GLOBAL, NULL, "set security ike gateway {gw} dead-peer-detection threshold {count}",
	  NULL, F_G_DPD_COUNT, 0 },
	{ FIX_INITIATE, 0, VS_TUNNEL, NULL, "set security ipsec vpn {vpn} establish-tunnels immediately", NULL,
	  F_G_START, 0 },
	{ FIX_NATT_ON, 0, VS_GLOBAL, NULL, NULL,
	  "NAT-T is on unless the gateway has no-nat-traversal: remove that statement from security ike gateway {gw}",
	  F_NONE, 0 },
	{ FIX_SELECTORS_ANY, 0, VS_TUNNEL, NULL, "set security ipsec vpn {vpn} ike proxy-identity local 0.0.0.0/0",
	  NULL, F_G_LOCAL_ID, 0 },
	{ FIX_SELECTORS_ANY, 0, VS_TUNNEL, NULL, "set security ipsec vpn {vpn} ike proxy-identity remote 0.0.0.0/0",
	  NULL, F_G_REMOTE_ID, 0 },
};
/* clang-format on */
static const char *const junos_fix_preamble[] = { "configure", NULL };
static const char *const junos_fix_postamble[] = { "commit", NULL };
/* clang-format off */
static const struct vfixes junos_fixes = {
	.rows = junos_fix_rows,
	.n = COUNT(junos_fix_rows),
	.footer = "commit applies and keeps it (commit check first shows what the router refuses)",
	.preamble = junos_fix_preamble,
	.postamble = junos_fix_postamble,
	.global_first = 1,
	.restore = "set ",
};
/* clang-format on */

/* FortiGate (FortiOS): "config system interface / edit IF / set
 * mtu-override enable / set mtu N" (FortiGate administration guide, setting
 * the MTU of a data interface) and "set tcp-mss N" on an interface, which
 * rewrites one direction only (the return traffic) in FortiOS 6.0-7.0.0 and
 * both from 7.0.1 (Fortinet community Technical Tip 221376). mtu-override
 * on an IPsec tunnel (phase1-interface) or a MAP-E VNE interface is not in
 * our sources. No IPv6 form is. */
enum { FG_PORT = 1, FG_VIRTUAL };
#define FG_GUIDE "FortiGate administration guide, mtu-override"
#define FG_NO_MTU \
	"mtu-override is documented for data interfaces; not confirmed for a tunnel or VNE interface"
/* clang-format off */
static const struct vline fg_lines[] = {
	{ 4, V_MTU, 0, 0, FG_GUIDE, NULL, "set mtu-override enable", VR(ROLE_WAN), VV(FG_PORT) },
	{ 4, V_MTU, 0, 0, FG_GUIDE, NULL, "set mtu {mtu}", VR(ROLE_WAN), VV(FG_PORT) },
	{ 4, V_MTU, 0, 0, FG_GUIDE, FG_NO_MTU, "set mtu-override enable", VR(ROLE_TUNNEL), 0 },
	{ 4, V_MTU, 0, 0, FG_GUIDE, FG_NO_MTU, "set mtu {mtu}", VR(ROLE_TUNNEL), 0 },
	{ 4, V_MTU, 0, 0, FG_GUIDE, FG_NO_MTU, "set mtu-override enable", VR(ROLE_WAN), VV(FG_VIRTUAL) },
	{ 4, V_MTU, 0, 0, FG_GUIDE, FG_NO_MTU, "set mtu {mtu}", VR(ROLE_WAN), VV(FG_VIRTUAL) },
	{ 4, V_MSS, 0, 0, "Fortinet community Technical Tip 221376", NULL, "set tcp-mss {mss}", 0, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vstyle fg_styles[] = {
	{ "vne", "    edit \"{if}\"", "    next", NULL, 0, 0, NULL, FG_VIRTUAL },
	{ "", "    edit \"{if}\"", "    next", NULL, 0, 0, NULL, FG_PORT },
};
/* clang-format on */
/* clang-format off */
static const struct vsection fg_sections[] = {
	{ NULL, NULL, fg_lines, COUNT(fg_lines), NULL, { NULL, NULL }, NULL, ONCE_NO },
};
/* clang-format on */
/* clang-format off */
static const char *const fg_header[] = {
	"paste at the CLI prompt, outside any other 'config' block",
	"sources: FortiGate administration guide (mtu-override, mtu); Fortinet community Technical",
	"Tip 221376: 'set tcp-mss' on an interface rewrites SYNs in both directions from FortiOS",
	"7.0.1; in 6.0 to 7.0.0 only the return direction: there, set it on the LAN interface too",
	"no IPv6 MTU or MSS form is confirmed: none is printed",
	NULL,
};
/* clang-format on */
static const char *const fg_preamble[] = { "config system interface", NULL };
static const char *const fg_postamble[] = { "end", NULL };
/* clang-format off */
static const char *const fg_footer[] = {
	"it takes effect at 'end'; FortiOS keeps it unless cfg-save (config system global) says otherwise",
	NULL,
};
/* clang-format on */

/* The audit's fixes (doc/vendor-syntax.md, FortiGate): the MTU and MSS
 * lines above, in config system interface / edit IF / next / end; the
 * IKE lines in config vpn ipsec phase1-interface / edit NAME; the
 * selectors in config vpn ipsec phase2-interface / edit NAME. Syntax:
 * FortiOS CLI reference 6.2-7.6, phase1-interface (dpd
 * disable|on-idle|on-demand, dpd-retryinterval, dpd-retrycount,
 * passive-mode, nattraversal enable|disable|forced) and phase2-interface
 * (auto-negotiate, src-subnet / dst-subnet ADDR MASK); on-idle with its
 * retry lines as in Fortinet community Technical Tip 260424, the interval
 * line as AWS's FortiGate sample writes it (set dpd-retryinterval 10);
 * passive-mode enable as in the administration guide's FGSP example. */
/* clang-format off */
static const struct vfix fg_fix_rows[] = {
	{ FIX_TUNNEL_MTU, 0, VS_TUNNEL, &fg_lines[2], NULL, NULL, F_NONE, 0 },
	{ FIX_TUNNEL_MTU, 0, VS_TUNNEL, &fg_lines[3], NULL, NULL, F_T_MTU, 0 },
	{ FIX_WAN_MTU, 0, VS_IFACE, &fg_lines[0], NULL, NULL, F_NONE, 0 },
	{ FIX_WAN_MTU, 0, VS_IFACE, &fg_lines[1], NULL, NULL, F_I_MTU, 0 },
	{ FIX_TUNNEL_MSS, 0, VS_TUNNEL, &fg_lines[6], NULL, NULL, F_T_MSS, 0 },
	{ FIX_KEEPALIVE, 2, VS_CONN, NULL, NULL,
	  "FortiOS IKEv2 declares the peer dead when its retransmissions give up (93 s), whatever "
	  "dpd-retryinterval and dpd-retrycount say (Fortinet Technical Tip 294932)", F_NONE, 0 },
	{ FIX_KEEPALIVE, 0, VS_CONN, NULL, "set dpd on-idle", NULL, F_G_KEEPALIVE, 0 },
	{ FIX_KEEPALIVE, 0, VS_CONN, NULL, "set dpd-retryinterval {sec}", NULL, F_T_DPD, 0 },
	{ FIX_KEEPALIVE, 0, VS_CONN, NULL, "set dpd-retrycount {count}", NULL, F_NONE, 0 },
	{ FIX_INITIATE, 0, VS_CONN, NULL, "set passive-mode disable", NULL, F_G_START, 0 },
	{ FIX_INITIATE, 0, VS_CHILD, NULL, "set auto-negotiate enable", NULL, F_NONE, 0 },
	{ FIX_RESPOND_ONLY, 0, VS_CONN, NULL, "set passive-mode enable", NULL, F_NONE, 0 },
	{ FIX_NATT_ON, 0, VS_CONN, NULL, "set nattraversal forced", NULL, F_G_NATT, 0 },
	{ FIX_SELECTORS_ANY, 0, VS_CHILD, NULL, "set src-subnet 0.0.0.0 0.0.0.0", NULL, F_G_LOCAL_ID, 0 },
	{ FIX_SELECTORS_ANY, 0, VS_CHILD, NULL, "set dst-subnet 0.0.0.0 0.0.0.0", NULL, F_G_REMOTE_ID, 0 },
};
/* clang-format on */
/* FortiOS has "unset KEY" for a line that was not set, but the rollback
 * prints whole lines: those are said, for removal by hand. */
/* clang-format off */
static const struct vfixes fg_fixes = {
	.rows = fg_fix_rows,
	.n = COUNT(fg_fix_rows),
	.header = "FortiOS syntax (FortiOS CLI reference): paste at the CLI prompt, outside any other 'config' block",
	.footer = "each block takes effect at its 'end'",
	.conn = { "    edit \"{gw}\"", "    next", "        " },
	.children = { "config vpn ipsec phase2-interface", "end", NULL },
	.child = { "    edit \"{policy}\"", "    next", "        " },
	.ifaces_sec = { "config system interface", "end", NULL },
	.conns_sec = { "config vpn ipsec phase1-interface", "end", NULL },
	.children_apart = 1,
};
/* clang-format on */

/* VyOS 1.4+: interface definitions of vyos-1x (branch sagitta = 1.4):
 * "mtu" 68-16000 (pppoe 68-1500), "ip adjust-mss" and "ipv6 adjust-mss"
 * 536-65535 (interface/adjust-mss.xml.i); in 1.4 they moved there from
 * "set firewall options interface X adjust-mss" (VyOS docs). vyos-1x
 * python/vyos/ifconfig/interface.py (sagitta) makes them one nftables rule
 * on oifname: SYNs leaving the interface only. "mtu" is the link MTU, for
 * IPv6 too. */
enum { VY_PPPOE = 1, VY_OTHER, VY_13 };
#define VYOS_DEFS "vyos-1x interface definitions, sagitta"
/* clang-format off */
static const struct vline vyos_lines[] = {
	{ 4, V_MTU, 68, 1500, VYOS_DEFS, NULL, "set interfaces {kw} {if} mtu {mtu}", 0, VV(VY_PPPOE) },
	{ 4, V_MTU, 68, 16000, VYOS_DEFS, NULL, "set interfaces {kw} {if} mtu {mtu}", 0, VV(VY_OTHER) },
	{ 4, V_MSS, 536, 65535, VYOS_DEFS, NULL, "set interfaces {kw} {if} ip adjust-mss {mss}", 0, 0 },
	{ 6, V_MSS, 536, 65535, VYOS_DEFS, NULL, "set interfaces {kw} {if} ipv6 adjust-mss {mss}", 0, 0 },
	/* 1.3's clamp node (VyOS documentation's 1.3 examples; doc/vendor-syntax.md),
	 * the range config/vyos.c reads: only the audit's fixes print it, for a file
	 * in 1.3's syntax; no style has variant VY_13, so calc (1.4 or later) never does */
	{ 4, V_MSS, 536, 65535, "VyOS documentation, 1.3 configuration examples", NULL,
	  "set firewall options interface {if} adjust-mss {mss}", 0, VV(VY_13) },
};
/* clang-format on */
/* clang-format off */
static const struct vstyle vyos_styles[] = {
	{ "pppoe", NULL, NULL, "pppoe", 0, 0, NULL, VY_PPPOE },
	{ "eth", NULL, NULL, "ethernet", 0, 0, NULL, VY_OTHER },
	{ "vti", NULL, NULL, "vti", 0, 0, NULL, VY_OTHER },
	{ "tun", NULL, NULL, "tunnel", 0, 0, NULL, VY_OTHER },
	/* a WAN interface the configuration does not name (config/vyos.c) */
	{ "<", NULL, NULL, "<type>", 0, 0, NULL, VY_OTHER },
};
/* clang-format on */
/* clang-format off */
static const struct vsection vyos_sections[] = {
	{ NULL, NULL, vyos_lines, COUNT(vyos_lines), NULL, { NULL, NULL }, NULL, ONCE_NO },
};
/* clang-format on */
/* clang-format off */
static const char *const vyos_header[] = {
	"VyOS 1.4 or later; paste in configuration mode (after 'configure')",
	"sources: VyOS documentation and vyos-1x interface definitions (mtu 68-16000, pppoe 68-1500;",
	"adjust-mss 536-65535). adjust-mss rewrites only SYNs LEAVING the interface: the far side's",
	"SYN-ACK is clamped only if the interface it leaves by (your LAN) has adjust-mss too",
	NULL,
};
/* clang-format on */
/* clang-format off */
static const char *const vyos_footer[] = {
	"to apply it: commit; to keep it after a reboot: save",
	NULL,
};
/* clang-format on */

/* The audit's fixes, in set form inside configure ... commit, save. MTU
 * and MSS: the calc lines above (1.4's ip adjust-mss; 1.3 has firewall
 * options interface X adjust-mss, said in a note). DPD, connection-type
 * initiate, force-udp-encapsulation and tunnel N local|remote prefix:
 * vyos-1x vpn_ipsec.xml.in (the nodes) and its swanctl template (what they
 * do), the set lines as VyOS-to-cloud scripts write them
 * (doc/vendor-syntax.md, VyOS). {policy} is the peer's ike-group, {vpn}
 * "PEER tunnel N" (config/vyos.c). */
/* clang-format off */
static const struct vfix vyos_fix_rows[] = {
	{ FIX_TUNNEL_MTU, 0, VS_TUNNEL, &vyos_lines[1], NULL, NULL, F_T_MTU, 0 },
	{ FIX_WAN_MTU, 0, VS_IFACE, &vyos_lines[0], NULL, NULL, F_I_MTU, 0 },
	{ FIX_TUNNEL_MSS, 0, VS_TUNNEL, &vyos_lines[2], NULL,
	  "VyOS 1.4 form; on 1.3: set firewall options interface IF adjust-mss N", F_T_MSS, 2 },
	/* a file in 1.3's syntax (config/vyos.c: ipsec-interfaces, protocols
	 * bgp ASN, firewall options interface): 1.3's clamp node (VyOS docs:
	 * ip adjust-mss came in 1.4, before it firewall options interface X
	 * adjust-mss; doc/vendor-syntax.md) */
	{ FIX_TUNNEL_MSS, 0, VS_TUNNEL, &vyos_lines[4], NULL, "VyOS 1.3 form (the file is 1.3's)", F_T_MSS, 1 },
	{ FIX_TUNNEL_MSS6, 0, VS_TUNNEL, &vyos_lines[3], NULL, NULL, F_T_MSS6, 0 },
	{ FIX_KEEPALIVE, 0, VS_GLOBAL, NULL, "set vpn ipsec ike-group {policy} dead-peer-detection interval {sec}",
	  NULL, F_G_KEEPALIVE, 0 },
	{ FIX_KEEPALIVE, 0, VS_GLOBAL, NULL, "set vpn ipsec ike-group {policy} dead-peer-detection timeout {timeout}",
	  NULL, F_G_DPD_TIMEOUT, 0 },
	{ FIX_KEEPALIVE, 0, VS_GLOBAL, NULL, "set vpn ipsec ike-group {policy} dead-peer-detection action restart",
	  NULL, F_G_DPD_ACTION, 0 },
	{ FIX_DPD_RESTART, 0, VS_GLOBAL, NULL, "set vpn ipsec ike-group {policy} dead-peer-detection action restart",
	  NULL, F_G_DPD_ACTION, 0 },
	{ FIX_INITIATE, 0, VS_GLOBAL, NULL, "set vpn ipsec site-to-site peer {gw} connection-type initiate", NULL,
	  F_G_START, 0 },
	{ FIX_NATT_ON, 0, VS_GLOBAL, NULL, "set vpn ipsec site-to-site peer {gw} force-udp-encapsulation", NULL,
	  F_G_NATT, 0 },
	{ FIX_SELECTORS_ANY, 0, VS_TUNNEL, NULL, "set vpn ipsec site-to-site peer {vpn} local prefix 0.0.0.0/0",
	  NULL, F_G_LOCAL_ID, 0 },
	{ FIX_SELECTORS_ANY, 0, VS_TUNNEL, NULL, "set vpn ipsec site-to-site peer {vpn} remote prefix 0.0.0.0/0",
	  NULL, F_G_REMOTE_ID, 0 },
};
/* clang-format on */
static const char *const vyos_fix_preamble[] = { "configure", NULL };
static const char *const vyos_fix_postamble[] = { "commit", "save", NULL };
/* clang-format off */
static const struct vfixes vyos_fixes = {
	.rows = vyos_fix_rows,
	.n = COUNT(vyos_fix_rows),
	.footer = "commit applies it, save keeps it after a reboot",
	.preamble = vyos_fix_preamble,
	.postamble = vyos_fix_postamble,
	.global_first = 1,
	/* delete PATH [VALUE] removes a node (VyOS configuration mode, as
	 * Vyatta's CLI: doc/vendor-syntax.md) */
	.restore = "set ",
	.remove = "delete ",
};
/* clang-format on */

/* MikroTik RouterOS: MikroTik manual, Mangle ("/ip firewall mangle add
 * out-interface=X protocol=tcp tcp-flags=syn action=change-mss new-mss=N
 * chain=forward tcp-mss=N+1-65535"), the same under /ipv6 firewall mangle
 * (doc/vendor-syntax.md, issue 12), in-interface for the other direction;
 * pppoe-client max-mtu (doc/vendor-syntax.md). Other interface types' MTU
 * commands are not in our sources. Rules carry comment="mtuprobe" and are
 * removed before they are added, so a second paste does not stack them. */
enum { ROS_PPPOE = 1, ROS_OTHER };
#define ROS_MANGLE "MikroTik manual, Mangle action=change-mss"
#define ROS_NONE "none"
/* clang-format off */
static const struct vline ros_mtu[] = {
	{ 4, V_MTU, 0, 0, "doc/vendor-syntax.md, RouterOS pppoe-client max-mtu", NULL,
	  "/interface pppoe-client set [find name=\"{if}\"] max-mtu={mtu}",
	  0, VV(ROS_PPPOE) },
	{ 4, V_MTU, 0, 0, ROS_NONE, "no MTU command for this interface type in our sources",
	  "/interface set [find name=\"{if}\"] mtu={mtu}", 0, VV(ROS_OTHER) },
};
/* clang-format on */
/* clang-format off */
static const struct vline ros_mss[] = {
	{ 4, V_MSS, 0, 0, ROS_MANGLE, NULL, "/ip firewall mangle add chain=forward action=change-mss protocol=tcp "
	  "tcp-flags=syn {dir} tcp-mss={mss1}-65535 new-mss={mss} comment=\"mtuprobe\"", 0, 0 },
	{ 6, V_MSS, 0, 0, ROS_MANGLE, NULL, "/ipv6 firewall mangle add chain=forward action=change-mss protocol=tcp "
	  "tcp-flags=syn {dir} tcp-mss={mss1}-65535 new-mss={mss} comment=\"mtuprobe\"", 0, 0 },
};
/* clang-format on */
/* clang-format off */
static const char *const ros_mss_setup[] = {
	"/ip firewall mangle remove [find comment=\"mtuprobe\"]",
	"/ipv6 firewall mangle remove [find comment=\"mtuprobe\"]",
	NULL,
};
/* clang-format on */
/* clang-format off */
static const struct vstyle ros_styles[] = {
	{ "pppoe", NULL, NULL, NULL, 0, 0, NULL, ROS_PPPOE },
	{ "", NULL, NULL, NULL, 0, 0, NULL, ROS_OTHER },
};
/* clang-format on */
/* clang-format off */
static const struct vsection ros_sections[] = {
	{ "interface MTU", NULL, ros_mtu, COUNT(ros_mtu), NULL, { NULL, NULL }, NULL, ONCE_NO },
	{ "TCP MSS clamp for forwarded TCP, both directions through each interface",
	  ros_mss_setup, ros_mss, COUNT(ros_mss), NULL,
	  { "out-interface=\"{if}\"", "in-interface=\"{if}\"" }, NULL, ONCE_NO },
};
/* clang-format on */
/* clang-format off */
static const char *const ros_header[] = {
	"paste into a RouterOS terminal; pasting it again replaces the rules it added",
	"source: MikroTik manual, firewall Mangle (action=change-mss); pppoe-client max-mtu",
	"the tunnel must be an interface (e.g. a GRE or IPIP tunnel over IPsec); a policy-based",
	"IPsec tunnel has none, and the ipsec-policy matcher was not confirmed: not printed",
	NULL,
};
/* clang-format on */
/* clang-format off */
static const char *const ros_footer[] = {
	"RouterOS applies and keeps each command as it is entered",
	NULL,
};
/* clang-format on */

/* The audit's fixes for RouterOS (config/routeros.c reads the export):
 * MikroTik manual, IPsec (help.mikrotik.com/docs/display/ROS/IPsec): the
 * profile's dpd-interval / dpd-maximum-failures / nat-traversal, the
 * peer's passive, the policy's src-address / dst-address, each set on the
 * object by a find selector the way the export writes "set [ find
 * default=yes ] ..." (doc/vendor-syntax.md). {policy}: the peer's profile,
 * {gw}: the peer's name, {sel_find}: the one policy's selector. The manual: IKEv2 ignores dpd-maximum-failures and
 * nat-traversal. A policy-based tunnel is no interface: its MSS rule names
 * the WAN interface its packets leave by (config_tunnel.via), and it has
 * no MTU of its own to set. */
/* clang-format off */
static const struct vfix ros_fix_rows[] = {
	{ FIX_TUNNEL_MTU, 0, VS_TUNNEL, &ros_mtu[1], NULL,
	  "a policy-based IPsec tunnel has no interface and no MTU of its own (not expressible in "
	  "RouterOS): its packets take the WAN's MTU; lower the clamp instead", F_T_MTU, 0 },
	{ FIX_WAN_MTU, 0, VS_IFACE, &ros_mtu[0], NULL,
	  "for a PPPoE client; another interface's MTU form is not in our sources", F_I_MTU, 0 },
	/* the clamp rules are added beside the rule there was, never in its
	 * place: a rollback that pasted the old "add" back would add it twice */
	{ FIX_TUNNEL_MSS, 0, VS_TUNNEL, &ros_mss[0], NULL, NULL, F_NONE, 0 },
	{ FIX_TUNNEL_MSS6, 0, VS_TUNNEL, &ros_mss[1], NULL, NULL, F_NONE, 0 },
	{ FIX_KEEPALIVE, 1, VS_GLOBAL, NULL,
	  "/ip ipsec profile set [ find name=\"{policy}\" ] dpd-interval={sec}s dpd-maximum-failures={count}",
	  NULL, F_G_KEEPALIVE, 0 },
	{ FIX_KEEPALIVE, 2, VS_GLOBAL, NULL,
	  "/ip ipsec profile set [ find name=\"{policy}\" ] dpd-interval={sec}s",
	  "IKEv2 ignores dpd-maximum-failures (MikroTik manual, IPsec: Peers)", F_G_KEEPALIVE, 0 },
	{ FIX_INITIATE, 0, VS_GLOBAL, NULL, "/ip ipsec peer set [ find name=\"{gw}\" ] passive=no", NULL,
	  F_G_START, 0 },
	{ FIX_RESPOND_ONLY, 0, VS_GLOBAL, NULL, "/ip ipsec peer set [ find name=\"{gw}\" ] passive=yes",
	  NULL, F_G_START, 0 },
	{ FIX_NATT_ON, 1, VS_GLOBAL, NULL,
	  "/ip ipsec profile set [ find name=\"{policy}\" ] nat-traversal=yes", NULL, F_G_NATT, 0 },
	{ FIX_NATT_ON, 2, VS_GLOBAL, NULL, NULL,
	  "IKEv2 ignores nat-traversal (MikroTik manual, IPsec: Peers): IKEv2 detects NAT itself", F_NONE, 0 },
	/* the policy the finding cites, alone ({sel_find}: its peer=, src-address=
	 * and dst-address= as written): [ find peer= ] alone is every policy of
	 * the peer, its /32 BGP policy too; both addresses in one command, so the
	 * rollback's find sees the values this line set */
	{ FIX_SELECTORS_ANY, 0, VS_GLOBAL, NULL,
	  "/ip ipsec policy set [ find {sel_find} ] src-address=0.0.0.0/0 dst-address=0.0.0.0/0", NULL,
	  F_T_SELECTORS, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vfixes ros_fixes = {
	.rows = ros_fix_rows,
	.n = COUNT(ros_fix_rows),
	.footer = "RouterOS applies and keeps each command as it is entered",
};
/* clang-format on */

/* strongSwan swanctl.conf(5): settings of a connection and its children,
 * merged into the file by hand (a line that was not set is deleted, not
 * negated); calc and probe print no lines for it: its MTU and clamp are
 * the Linux rows'. */
/* clang-format off */
static const struct vfix swan_fix_rows[] = {
	{ FIX_KEEPALIVE, 0, VS_CONN, NULL, "dpd_delay = {sec}s", NULL, F_G_KEEPALIVE, 0 },
	/* swanctl.conf(5): dpd_timeout acts for IKEv1 only */
	{ FIX_KEEPALIVE, 1, VS_CONN, NULL, "dpd_timeout = {timeout}s", NULL, F_G_DPD_TIMEOUT, 0 },
	{ FIX_INITIATE, 0, VS_CHILD, NULL, "start_action = start", NULL, F_G_START, 0 },
	{ FIX_DPD_RESTART, 0, VS_CHILD, NULL, "dpd_action = restart", NULL, F_G_DPD_ACTION, 0 },
	{ FIX_RESPOND_ONLY, 0, VS_CHILD, NULL, "start_action = none", NULL, F_G_START, 0 },
	{ FIX_NATT_ON, 0, VS_CONN, NULL, "encap = yes", NULL, F_G_NATT, 0 },
	{ FIX_SELECTORS_ANY, 0, VS_CHILD, NULL, "local_ts = 0.0.0.0/0", NULL, F_G_LOCAL_ID, 0 },
	{ FIX_SELECTORS_ANY, 0, VS_CHILD, NULL, "remote_ts = 0.0.0.0/0", NULL, F_G_REMOTE_ID, 0 },
};
/* clang-format on */
static const char *const swan_preamble[] = { "connections {", NULL };
static const char *const swan_postamble[] = { "}", NULL };
/* clang-format off */
static const struct vfixes swan_fixes = {
	.rows = swan_fix_rows,
	.n = COUNT(swan_fix_rows),
	.footer = "merge into swanctl.conf, then: swanctl --load-all",
	.preamble = swan_preamble,
	.postamble = swan_postamble,
	.conn = { "    {gw} {", "    }", "        " },
	.children = { "        children {", "        }", NULL },
	.child = { "            {child} {", "            }", "                " },
	.merge = "the swanctl.conf change set: merge it into the file by hand, then swanctl --load-all",
};
/* clang-format on */

/* ipsec.conf(5), strongSwan and Libreswan: the keys inside their conn, to
 * merge into the file. DPD: the interval in plain seconds (both, and AWS's
 * Openswan instructions, write dpddelay=10), dpdtimeout for IKEv1 (Libreswan
 * needs it there), dpdaction=restart (strongSwan runs DPD only with an
 * action). Libreswan replaced forceencaps with encapsulation, and reloads
 * one conn at a time; strongSwan's ipsec update reloads changed conns. */
/* clang-format off */
static const struct vfix ipc_fix_rows[] = {
	{ FIX_KEEPALIVE, 0, VS_CONN, NULL, "dpddelay={sec}", NULL, F_T_DPD, 0 },
	{ FIX_KEEPALIVE, 1, VS_CONN, NULL, "dpdtimeout={timeout}", NULL, F_G_DPD_TIMEOUT, 0 },
	{ FIX_KEEPALIVE, 0, VS_CONN, NULL, "dpdaction=restart", NULL, F_G_DPD_ACTION, 0 },
	{ FIX_DPD_RESTART, 0, VS_CONN, NULL, "dpdaction=restart", NULL, F_G_DPD_ACTION, 0 },
	{ FIX_INITIATE, 0, VS_CONN, NULL, "auto=start", NULL, F_G_START, 0 },
	{ FIX_RESPOND_ONLY, 0, VS_CONN, NULL, "auto=add", NULL, F_G_START, 0 },
	{ FIX_NATT_ON, 0, VS_CONN, NULL, "{encaps}=yes", NULL, F_G_NATT, 0 },
	{ FIX_SELECTORS_ANY, 0, VS_CONN, NULL, "leftsubnet=0.0.0.0/0", NULL, F_G_LOCAL_ID, 0 },
	{ FIX_SELECTORS_ANY, 0, VS_CONN, NULL, "rightsubnet=0.0.0.0/0", NULL, F_G_REMOTE_ID, 0 },
	{ FIX_TUNNEL_MTU, 0, VS_CONN, NULL, "mtu={mtu}",
	  "mtu= is Libreswan's (the MTU of the conn's routes); strongSwan has none: set the route or interface MTU",
	  F_T_MTU, 0 },
	/* no line: ipsec.conf has no clamp, only the comment says where it lives */
	{ FIX_TUNNEL_MSS, 0, VS_CONN, NULL, NULL,
	  "the MSS clamp (MTU - 40) is not expressible in ipsec.conf: set it in iptables or nftables "
	  "(mtuprobe calc --vendor linux prints the rule)", F_NONE, 0 },
};
/* clang-format on */
/* clang-format off */
static const struct vfixes ipc_fixes = {
	.rows = ipc_fix_rows,
	.n = COUNT(ipc_fix_rows),
	.footer = "merge into ipsec.conf, then: ipsec update",
	.conn = { "conn {gw}", NULL, "    " },
	.dialect = {
		{ "forceencaps", NULL },
		{ "encapsulation", "merge into ipsec.conf, then for each conn: ipsec auto --replace NAME "
				   "(Libreswan 5: ipsec replace NAME)" },
	},
	.merge = "the ipsec.conf change set: merge it into the file by hand, then reload it (see the change "
		 "set's last line)",
};
/* clang-format on */

/* clang-format off */
const struct vendor_def vendor_defs[VENDOR_COUNT] = {
	[VENDOR_RTX] = { "Yamaha RTX", "#", "", rtx_header, NULL, rtx_footer,
		{ "lan2", "pp1", "tunnel1" }, { "tunnel1", "tunnel1", "tunnel2" },
		rtx_styles, COUNT(rtx_styles), rtx_sections, COUNT(rtx_sections), NULL, &rtx_fixes },
	[VENDOR_IX] = { "NEC UNIVERGE IX", "!", "  ", ix_header, ix_preamble, ix_footer,
		{ "GigaEthernet0.0", "GigaEthernet0.1", "Tunnel0.0" },
		{ "Tunnel0.0", "Tunnel0.0", "Tunnel1.0" },
		ix_styles, COUNT(ix_styles), ix_sections, COUNT(ix_sections), NULL, &ix_fixes },
	[VENDOR_LINUX] = { "Linux (nftables)", "#", "", linux_header, NULL, linux_nft_footer,
		{ "eth0", "ppp0", "ip6tnl1" }, { "vti0", "vti0", "vti0" },
		linux_styles, COUNT(linux_styles), linux_nft_sections, COUNT(linux_nft_sections), NULL, NULL },
	[VENDOR_LINUX_IPT] = { "Linux (iptables)", "#", "", linux_header, NULL,
		linux_ipt_footer, { "eth0", "ppp0", "ip6tnl1" }, { "vti0", "vti0", "vti0" },
		linux_styles, COUNT(linux_styles), linux_ipt_sections, COUNT(linux_ipt_sections), NULL, NULL },
	[VENDOR_CISCO_IOS] = { "Cisco IOS/IOS-XE", "!", " ", ios_header, ios_preamble,
		ios_footer, { "GigabitEthernet0/0/0", "Dialer1", "Tunnel0" },
		{ "Tunnel1", "Tunnel1", "Tunnel1" },
		ios_styles, COUNT(ios_styles), ios_sections, COUNT(ios_sections), ios_postamble, &ios_fixes },
	[VENDOR_CISCO_ASA] = { "Cisco ASA", "!", "", asa_header, ios_preamble,
		asa_footer, { "outside", "outside", "outside" }, { "vti1", "vti1", "vti1" },
		asa_styles, COUNT(asa_styles), asa_sections, COUNT(asa_sections), ios_postamble, NULL },
	[VENDOR_JUNOS] = { "Juniper Junos (SRX)", "#", "", junos_header, NULL,
		junos_footer, { "ge-0/0/0.0", "pp0.0", "ip-0/0/0.0" }, { "st0.1", "st0.1", "st0.1" },
		junos_styles, COUNT(junos_styles), junos_sections, COUNT(junos_sections), NULL, &junos_fixes },
	[VENDOR_FORTIGATE] = { "Fortinet FortiGate (FortiOS)", "#", "        ",
		fg_header, fg_preamble, fg_footer, { "wan1", "wan1", "vne1" },
		{ "vpn-tunnel1", "vpn-tunnel1", "vpn-tunnel1" },
		fg_styles, COUNT(fg_styles), fg_sections, COUNT(fg_sections), fg_postamble, &fg_fixes },
	[VENDOR_VYOS] = { "VyOS", "#", "", vyos_header, NULL, vyos_footer,
		{ "eth0", "pppoe0", "tun0" }, { "vti1", "vti1", "vti1" },
		vyos_styles, COUNT(vyos_styles), vyos_sections, COUNT(vyos_sections), NULL, &vyos_fixes },
	[VENDOR_ROUTEROS] = { "MikroTik RouterOS", "#", "", ros_header, NULL, ros_footer,
		{ "ether1", "pppoe-out1", "ipipv6-tunnel1" }, { "gre-tunnel1", "gre-tunnel1", "gre-tunnel1" },
		ros_styles, COUNT(ros_styles), ros_sections, COUNT(ros_sections), NULL, &ros_fixes },
	[VENDOR_STRONGSWAN] = { "strongSwan swanctl.conf", "#", "", NULL, NULL, NULL,
		{ NULL, NULL, NULL }, { NULL, NULL, NULL }, NULL, 0, NULL, 0, NULL, &swan_fixes },
	[VENDOR_IPSECCONF] = { "strongSwan/Libreswan ipsec.conf", "#", "", NULL, NULL, NULL,
		{ NULL, NULL, NULL }, { NULL, NULL, NULL }, NULL, 0, NULL, 0, NULL, &ipc_fixes },
};
/* clang-format on */
