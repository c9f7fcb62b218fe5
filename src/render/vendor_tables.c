/* Vendor configuration tables: one row per vendor. Sources: shared/design/
 * vendor-syntax.md, which cites the Yamaha RTX command reference (12.01 edition: 8.1.4, 8.1.21,
 * 30.1.2-3), published NEC IX configurations (Oracle's validated IX CPE
 * template, netmiko's IX driver, field configs; no NEC reference was found),
 * ip-link(8), iptables-extensions(8) TCPMSS and nft(8). */
#include "render/vendor_int.h"

#include <stddef.h>

/* Yamaha RTX: command reference 8.1.4 (ip mtu 64-1500; LAN ports of some
 * models more), 8.1.21 (tcp mss limit 536-1460), 30.1.2-3 (ipv6 mtu
 * 1280-1500; ipv6 tcp mss limit 536-1440). */
static const struct vline rtx_lines[] = {
	{ 4, V_MTU, 64, 1500, NULL, "ip {kw} mtu {mtu}", 0, 0 },
	{ 4, V_MSS, 536, 1460, NULL, "ip {kw} tcp mss limit {mss}", 0, 0 },
	{ 6, V_MTU, 1280, 1500, NULL, "ipv6 {kw} mtu {mtu}", 0, 0 },
	{ 6, V_MSS, 536, 1440, NULL, "ipv6 {kw} tcp mss limit {mss}", 0, 0 },
};
static const struct vstyle rtx_styles[] = {
	{ "pp", "pp select {n}", "pp select none", "pp", 0, 0, NULL, 0 },
	{ "tunnel", "tunnel select {n}", "tunnel select none", "tunnel", 0, 1, NULL, 0 },
	{ "lan", NULL, NULL, NULL, 1, 0, NULL, 0 },   /* LAN lines are global */
};
static const struct vsection rtx_sections[] = {
	{ NULL, NULL, rtx_lines, COUNT(rtx_lines), NULL, { NULL, NULL }, NULL, ONCE_NO },
};
static const char *const rtx_header[] = {
	"paste in administrator mode (after 'administrator')",
	NULL,
};
static const char *const rtx_footer[] = {
	"to keep it after a restart: save",
	NULL,
};

/* NEC UNIVERGE IX: the forms below were seen in published configurations
 * only. "ipv6 mtu" was seen in none, and "ipv6 tcp adjust-mss" only as
 * "auto" (vendor-syntax.md): both stay comments. */
static const struct vline ix_lines[] = {
	{ 4, V_MTU, 0, 0, NULL, "ip mtu {mtu}", 0, 0 },
	{ 4, V_MSS, 0, 0, NULL, "ip tcp adjust-mss {mss}", 0, 0 },
	{ 6, V_MTU, 0, 0, "not seen in any published IX configuration", "ipv6 mtu {mtu}", 0, 0 },
	{ 6, V_MSS, 0, 0, "only 'ipv6 tcp adjust-mss auto' was seen", "ipv6 tcp adjust-mss {mss}", 0, 0 },
};
static const struct vstyle ix_styles[] = {
	{ "", "interface {if}", NULL, NULL, 0, 0, NULL, 0 },
};
static const struct vsection ix_sections[] = {
	{ NULL, NULL, ix_lines, COUNT(ix_lines), NULL, { NULL, NULL }, NULL, ONCE_NO },
};
static const char *const ix_header[] = {
	"syntax as seen in published configurations (Oracle's validated IX CPE template,",
	"netmiko's IX driver, field configs), not in an NEC reference: 'ip mtu N' and",
	"'ip tcp adjust-mss N' seen; ranges and defaults unconfirmed; unconfirmed forms are comments",
	"paste in global configuration mode (after 'configure')",
	NULL,
};
static const char *const ix_preamble[] = { "configure", NULL };
static const char *const ix_footer[] = {
	"to keep it after a reload: write memory",
	NULL,
};

/* Linux: ip-link(8). pppd sets its MTU at each connect (pppd(8) 'mtu');
 * strongSwan's kernel-libipsec makes ipsec0 at 1400 on every start
 * (lab-notes.md); wg-quick(8) takes MTU = in [Interface]; other devices
 * keep what they are created with. */
static const struct vline linux_link[] = {
	{ 4, V_MTU, 68, 65535, NULL, "ip link set dev {if} mtu {mtu}", 0, 0 },
};
#define RECREATED \
	"a re-created {if} starts at its default MTU: give 'mtu {mtu}' where it is created " \
	"(ip link add ... mtu {mtu}, or MTUBytes={mtu} in [Link] of its systemd-networkd .network)"
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

/* nft(8): "tcp option maxseg size set" writes unconditionally, so it is
 * guarded to lower an MSS only, as TCPMSS --set-mss does; priority -150 is
 * "mangle" for every nft version (the name needs a newer nft than 0.9.0). */
static const struct vline linux_nft[] = {
	{ 4, V_MSS, 1, 65495, NULL,
	  "{dir} \"{if}\" meta nfproto ipv4 tcp flags & (syn|rst) == syn "
	  "tcp option maxseg size {mss1}-65535 tcp option maxseg size set {mss}", 0, 0 },
	{ 6, V_MSS, 1, 65475, NULL,
	  "{dir} \"{if}\" meta nfproto ipv6 tcp flags & (syn|rst) == syn "
	  "tcp option maxseg size {mss1}-65535 tcp option maxseg size set {mss}", 0, 0 },
};
static const char *const linux_nft_setup[] = {
	"nft -f - <<'EOF'",
	"add table inet mtuprobe",
	"delete table inet mtuprobe",
	"table inet mtuprobe {",
	"\tchain mssclamp {",
	"\t\ttype filter hook forward priority -150; policy accept;",
	NULL,
};
static const char *const linux_nft_teardown[] = { "\t}", "}", "EOF", NULL };

/* iptables-extensions(8) TCPMSS: table mangle, SYN only (legacy iptables
 * refuses it without), --set-mss never raises an MSS. A chain of our own,
 * flushed on every paste, keeps the lines idempotent. */
static const struct vline linux_ipt[] = {
	{ 4, V_MSS, 1, 65495, NULL,
	  "iptables -t mangle -A MTUPROBE {dir} {if} -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss {mss}", 0, 0 },
	{ 6, V_MSS, 1, 65475, NULL,
	  "ip6tables -t mangle -A MTUPROBE {dir} {if} -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss {mss}", 0, 0 },
};
static const char *const linux_ipt_setup[] = {
	"iptables -t mangle -N MTUPROBE 2>/dev/null || iptables -t mangle -F MTUPROBE",
	"iptables -t mangle -C FORWARD -j MTUPROBE 2>/dev/null || iptables -t mangle -A FORWARD -j MTUPROBE",
	"ip6tables -t mangle -N MTUPROBE 2>/dev/null || ip6tables -t mangle -F MTUPROBE",
	"ip6tables -t mangle -C FORWARD -j MTUPROBE 2>/dev/null || ip6tables -t mangle -A FORWARD -j MTUPROBE",
	NULL,
};

#define LINUX_CLAMP_WHY \
	"TCP MSS clamp for forwarded TCP, in both directions through each interface (clamping only " \
	"the way out leaves the far side's SYN-ACK unclamped); the router's own IKE/ESP never passes FORWARD"
static const struct vsection linux_nft_sections[] = {
	{ "interface MTU", NULL, linux_link, COUNT(linux_link), NULL, { NULL, NULL }, NULL, ONCE_NO },
	{ LINUX_CLAMP_WHY, linux_nft_setup, linux_nft, COUNT(linux_nft), linux_nft_teardown,
	  { "oifname", "iifname" }, "\t\t", ONCE_NO },
};
static const struct vsection linux_ipt_sections[] = {
	{ "interface MTU", NULL, linux_link, COUNT(linux_link), NULL, { NULL, NULL }, NULL, ONCE_NO },
	{ LINUX_CLAMP_WHY, linux_ipt_setup, linux_ipt, COUNT(linux_ipt), NULL, { "-o", "-i" }, NULL, ONCE_NO },
};
static const char *const linux_header[] = {
	"paste into a root shell; pasting it again replaces what it set (idempotent)",
	NULL,
};
static const char *const linux_nft_footer[] = {
	"to keep the clamp after a reboot, put the lines between the EOF markers in /etc/nftables.conf",
	"or a file it includes (nftables.service loads it)",
	NULL,
};
static const char *const linux_ipt_footer[] = {
	"to keep the clamp after a reboot: iptables-save >/etc/iptables/rules.v4 and",
	"ip6tables-save >/etc/iptables/rules.v6 (loaded by Debian's iptables-persistent)",
	NULL,
};

const struct vendor_def vendor_defs[VENDOR_COUNT] = {
	[VENDOR_RTX] = { "rtx", "Yamaha RTX", "#", "", rtx_header, NULL, rtx_footer,
		{ "lan2", "pp1", "tunnel1" }, { "tunnel1", "tunnel1", "tunnel2" },
		rtx_styles, COUNT(rtx_styles), rtx_sections, COUNT(rtx_sections) },
	[VENDOR_IX] = { "ix", "NEC UNIVERGE IX", "!", "  ", ix_header, ix_preamble, ix_footer,
		{ "GigaEthernet0.0", "GigaEthernet0.1", "Tunnel0.0" },
		{ "Tunnel0.0", "Tunnel0.0", "Tunnel1.0" },
		ix_styles, COUNT(ix_styles), ix_sections, COUNT(ix_sections) },
	[VENDOR_LINUX] = { "linux", "Linux (nftables)", "#", "", linux_header, NULL, linux_nft_footer,
		{ "eth0", "ppp0", "ip6tnl1" }, { "vti0", "vti0", "vti0" },
		linux_styles, COUNT(linux_styles), linux_nft_sections, COUNT(linux_nft_sections) },
	[VENDOR_LINUX_IPT] = { "linux-iptables", "Linux (iptables)", "#", "", linux_header, NULL,
		linux_ipt_footer, { "eth0", "ppp0", "ip6tnl1" }, { "vti0", "vti0", "vti0" },
		linux_styles, COUNT(linux_styles), linux_ipt_sections, COUNT(linux_ipt_sections) },
};

