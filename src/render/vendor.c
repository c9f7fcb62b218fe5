/* Vendor configuration tables. Sources: shared/design/vendor-syntax.md, which
 * cites the Yamaha RTX command reference (12.01 edition: 8.1.4, 8.1.21,
 * 30.1.2-3), published NEC IX configurations (Oracle's validated IX CPE
 * template, netmiko's IX driver, field configs; no NEC reference was found),
 * ip-link(8), iptables-extensions(8) TCPMSS and nft(8). */
#include "render/vendor.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum vval { V_MTU, V_MSS };

/* One configuration line. The template's {kw} {n} {if} {mtu} {mss} {mss1}
 * {dir} are filled from the interface; min/max is the range the vendor
 * documents (0/0 = not documented), outside which the line is printed as a
 * comment. A line whose template has {dir} is printed once per direction. */
struct vline {
	int fam;                 /* 4 or 6: IPv6 lines need an interface that carries IPv6 */
	enum vval val;
	unsigned min, max;
	const char *unconfirmed; /* non-NULL: no source confirms this form; printed as a
	                          * comment saying this */
	const char *tmpl;
};

/* How an interface's block opens and closes (RTX: pp select / tunnel select),
 * chosen by the interface name's prefix. */
struct vstyle {
	const char *prefix;
	const char *open, *close;
	const char *kw;          /* what {kw} becomes; NULL = the interface name */
	int lan_mtu;             /* IPv4 MTU range: the RTX model's LAN maximum */
	int v6_tunnel_note;      /* the RTX model's firmware note before ipv6 tunnel mtu */
	const char *persist;     /* comment after the MTU line: how to keep it */
};

struct vsection {
	const char *comment;     /* printed once before the section */
	const char *const *setup;/* printed once, before the first line */
	const struct vline *lines;
	size_t nlines;
	const char *const *teardown; /* printed once, after the last line */
	const char *dir[2];      /* what {dir} becomes: out, in */
	const char *indent;      /* before each line; NULL = the vendor's block indent */
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
};

/* Yamaha RTX: command reference 8.1.4 (ip mtu 64-1500; LAN ports of some
 * models more), 8.1.21 (tcp mss limit 536-1460), 30.1.2-3 (ipv6 mtu
 * 1280-1500; ipv6 tcp mss limit 536-1440). */
static const struct vline rtx_lines[] = {
	{ 4, V_MTU, 64, 1500, NULL, "ip {kw} mtu {mtu}" },
	{ 4, V_MSS, 536, 1460, NULL, "ip {kw} tcp mss limit {mss}" },
	{ 6, V_MTU, 1280, 1500, NULL, "ipv6 {kw} mtu {mtu}" },
	{ 6, V_MSS, 536, 1440, NULL, "ipv6 {kw} tcp mss limit {mss}" },
};
static const struct vstyle rtx_styles[] = {
	{ "pp", "pp select {n}", "pp select none", "pp", 0, 0, NULL },
	{ "tunnel", "tunnel select {n}", "tunnel select none", "tunnel", 0, 1, NULL },
	{ "lan", NULL, NULL, NULL, 1, 0, NULL },   /* LAN lines are global */
};
static const struct vsection rtx_sections[] = {
	{ NULL, NULL, rtx_lines, COUNT(rtx_lines), NULL, { NULL, NULL }, NULL },
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
	{ 4, V_MTU, 0, 0, NULL, "ip mtu {mtu}" },
	{ 4, V_MSS, 0, 0, NULL, "ip tcp adjust-mss {mss}" },
	{ 6, V_MTU, 0, 0, "not seen in any published IX configuration", "ipv6 mtu {mtu}" },
	{ 6, V_MSS, 0, 0, "only 'ipv6 tcp adjust-mss auto' was seen", "ipv6 tcp adjust-mss {mss}" },
};
static const struct vstyle ix_styles[] = {
	{ "", "interface {if}", NULL, NULL, 0, 0, NULL },
};
static const struct vsection ix_sections[] = {
	{ NULL, NULL, ix_lines, COUNT(ix_lines), NULL, { NULL, NULL }, NULL },
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
	{ 4, V_MTU, 68, 65535, NULL, "ip link set dev {if} mtu {mtu}" },
};
#define RECREATED \
	"a re-created {if} starts at its default MTU: give 'mtu {mtu}' where it is created " \
	"(ip link add ... mtu {mtu}, or MTUBytes={mtu} in [Link] of its systemd-networkd .network)"
static const struct vstyle linux_styles[] = {
	{ "ppp", NULL, NULL, NULL, 0, 0,
	  "pppd sets {if}'s MTU at every connect: to keep it, put 'mtu {mtu}' in its peers file "
	  "(/etc/ppp/peers/NAME)" },
	{ "ipsec", NULL, NULL, NULL, 0, 0,
	  "strongSwan's kernel-libipsec makes {if} with MTU 1400 at every start, and we found no "
	  "setting for it: run this line again after charon starts" },
	{ "vti", NULL, NULL, NULL, 0, 0,
	  RECREATED },
	{ "xfrm", NULL, NULL, NULL, 0, 0,
	  RECREATED },
	{ "ip6tnl", NULL, NULL, NULL, 0, 0,
	  RECREATED },
	{ "wg", NULL, NULL, NULL, 0, 0,
	  "wg-quick sets {if}'s MTU at every start: to keep it, put 'MTU = {mtu}' in [Interface] "
	  "of /etc/wireguard/{if}.conf" },
	{ "", NULL, NULL, NULL, 0, 0,
	  "not persistent: also set MTUBytes={mtu} in [Link] (systemd-networkd), 'mtu {mtu}' "
	  "(ifupdown) or 802-3-ethernet.mtu {mtu} (NetworkManager)" },
};

/* nft(8): "tcp option maxseg size set" writes unconditionally, so it is
 * guarded to lower an MSS only, as TCPMSS --set-mss does; priority -150 is
 * "mangle" for every nft version (the name needs a newer nft than 0.9.0). */
static const struct vline linux_nft[] = {
	{ 4, V_MSS, 1, 65495, NULL,
	  "{dir} \"{if}\" meta nfproto ipv4 tcp flags & (syn|rst) == syn "
	  "tcp option maxseg size {mss1}-65535 tcp option maxseg size set {mss}" },
	{ 6, V_MSS, 1, 65475, NULL,
	  "{dir} \"{if}\" meta nfproto ipv6 tcp flags & (syn|rst) == syn "
	  "tcp option maxseg size {mss1}-65535 tcp option maxseg size set {mss}" },
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
	  "iptables -t mangle -A MTUPROBE {dir} {if} -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss {mss}" },
	{ 6, V_MSS, 1, 65475, NULL,
	  "ip6tables -t mangle -A MTUPROBE {dir} {if} -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss {mss}" },
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
	{ "interface MTU", NULL, linux_link, COUNT(linux_link), NULL, { NULL, NULL }, NULL },
	{ LINUX_CLAMP_WHY, linux_nft_setup, linux_nft, COUNT(linux_nft), linux_nft_teardown,
	  { "oifname", "iifname" }, "\t\t" },
};
static const struct vsection linux_ipt_sections[] = {
	{ "interface MTU", NULL, linux_link, COUNT(linux_link), NULL, { NULL, NULL }, NULL },
	{ LINUX_CLAMP_WHY, linux_ipt_setup, linux_ipt, COUNT(linux_ipt), NULL, { "-o", "-i" }, NULL },
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

static const struct vendor_def vendors[VENDOR_COUNT] = {
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

const char *
vendor_name(enum vendor_id v)
{
	return v < VENDOR_COUNT ? vendors[v].name : "?";
}

int
vendor_lookup(const char *name)
{
	for (int v = 0; v < VENDOR_COUNT; v++)
		if (strcmp(vendors[v].name, name) == 0)
			return v;
	return -1;
}

static const char *vendor_name_at(size_t i) { return i < VENDOR_COUNT ? vendors[i].name : NULL; }

void
vendor_names(char *buf, size_t len)
{
	overhead_join_names(buf, len, vendor_name_at);
}

const char *
vendor_default_wan(enum vendor_id v, enum wan_kind k)
{
	return vendors[v].wan_default[k];
}

const char *
vendor_default_tunnel(enum vendor_id v, enum wan_kind k)
{
	return vendors[v].tunnel_default[k];
}

static const struct vstyle *
style_for(const struct vendor_def *d, const char *ifname)
{
	for (size_t i = 0; i < d->nstyles; i++)
		if (strncmp(ifname, d->styles[i].prefix, strlen(d->styles[i].prefix)) == 0)
			return &d->styles[i];
	return NULL;
}

struct fill {
	const char *kw, *n, *ifname, *dir;
	unsigned mtu, mss;
};

/* Expands {kw} {n} {if} {dir} {mtu} {mss} {mss1} in tmpl. */
static void
expand(char *out, size_t len, const char *tmpl, const struct fill *f)
{
	size_t used = 0;

	out[0] = '\0';
	while (*tmpl && used + 1 < len) {
		const char *s = NULL;
		unsigned num = 0;
		size_t skip = 0;
		int w;
		if (strncmp(tmpl, "{kw}", 4) == 0)
			s = f->kw, skip = 4;
		else if (strncmp(tmpl, "{n}", 3) == 0)
			s = f->n, skip = 3;
		else if (strncmp(tmpl, "{if}", 4) == 0)
			s = f->ifname, skip = 4;
		else if (strncmp(tmpl, "{dir}", 5) == 0)
			s = f->dir ? f->dir : "", skip = 5;
		else if (strncmp(tmpl, "{mtu}", 5) == 0)
			num = f->mtu, skip = 5;
		else if (strncmp(tmpl, "{mss1}", 6) == 0)
			num = f->mss + 1, skip = 6;
		else if (strncmp(tmpl, "{mss}", 5) == 0)
			num = f->mss, skip = 5;
		if (s)
			w = snprintf(out + used, len - used, "%s", s);
		else if (skip)
			w = snprintf(out + used, len - used, "%u", num);
		else
			w = snprintf(out + used, len - used, "%c", *tmpl), skip = 1;
		tmpl += skip;
		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
	}
}

/* Everything a vendor block prints goes through these two. A disabled
 * block (an unverified measurement) prints its commands as comments. */
static void
put_cmd(FILE *f, const struct vendor_def *d, const struct vendor_opts *o, const char *indent,
	const char *text)
{
	if (o->disabled)
		fprintf(f, "%s %s%s\n", d->comment, indent, text);
	else
		fprintf(f, "%s%s\n", indent, text);
}

__attribute__((format(printf, 3, 4)))
static void
put_comment(FILE *f, const struct vendor_def *d, const char *fmt, ...)
{
	va_list ap;

	fprintf(f, "%s ", d->comment);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
}

/* One interface, one section, one render context. */
struct ictx {
	FILE *f;
	const struct vendor_def *d;
	const struct vendor_opts *o;
	const struct vsection *s;
	const struct vstyle *st;
	const struct vendor_iface *vi;
	const char *indent;
};

static unsigned
line_max(const struct ictx *c, const struct vline *l)
{
	if (l->val == V_MTU && l->fam == 4 && c->st->lan_mtu)
		return c->o->rtx->lan_mtu_max;
	return l->max;
}

/* Why a line cannot be printed as a command, or NULL. */
static const char *
out_of_range(const struct ictx *c, const struct vline *l, unsigned value, char *buf, size_t len)
{
	unsigned max = line_max(c, l);
	int lan = l->val == V_MTU && l->fam == 4 && c->st->lan_mtu;

	if (!max || (value >= l->min && value <= max))
		return NULL;
	if (lan && value > 1500 && !c->o->rtx->name[0])
		snprintf(buf, len, "%u is above 1500, the most every RTX model takes (LAN ports of "
			 "RTX5000/RTX3500 go to 9578, of RTX3510/RTX1300 to 10218: give --rtx-model)", value);
	else if (lan)
		snprintf(buf, len, "%u is outside %s's range %u-%u", value, c->o->rtx->display, l->min, max);
	else
		snprintf(buf, len, "%u is outside the documented range %u-%u", value, l->min, max);
	return buf;
}

/* pass 0: the commands; pass 1: what is printed only as a comment (after the
 * commands, so that no comment line sits between an IX interface's lines). */
static void
emit_line(const struct ictx *c, const struct vline *l, int pass)
{
	const struct vendor_iface *vi = c->vi;
	struct fill fl = { c->st->kw ? c->st->kw : vi->name, vi->name + strlen(c->st->prefix),
			   vi->name, NULL, vi->mtu, l->fam == 4 ? vi->mss4 : vi->mss6 };
	char text[512], why[256];
	const char *bad = out_of_range(c, l, l->val == V_MTU ? fl.mtu : fl.mss, why, sizeof(why));

	if (l->fam == 6 && !vi->v6_ok)
		return;   /* said once per interface, in render_iface */
	for (int dir = 0; dir < (c->s->dir[0] ? 2 : 1); dir++) {
		fl.dir = c->s->dir[dir];
		expand(text, sizeof(text), l->tmpl, &fl);
		if (pass == 1 && bad)
			put_comment(c->f, c->d, "not set: %s: %s", bad, text);
		else if (pass == 1 && l->unconfirmed)
			put_comment(c->f, c->d, "UNCONFIRMED (%s), check your manual before use: %s",
				    l->unconfirmed, text);
		if (pass == 1 || bad || l->unconfirmed)
			continue;
		if (l->fam == 6 && l->val == V_MTU && c->st->v6_tunnel_note && c->o->rtx->v6_tunnel_note)
			put_comment(c->f, c->d, "%s", c->o->rtx->v6_tunnel_note);
		put_cmd(c->f, c->d, c->o, c->indent, text);
		if (l->val == V_MTU && c->st->persist) {
			expand(text, sizeof(text), c->st->persist, &fl);
			put_comment(c->f, c->d, "%s", text);
		}
	}
}

static int
has_v6_lines(const struct vsection *s)
{
	for (size_t i = 0; i < s->nlines; i++)
		if (s->lines[i].fam == 6)
			return 1;
	return 0;
}

static void
iface_header(const struct ictx *c)
{
	const struct vendor_iface *vi = c->vi;
	const char *role = vi->role == ROLE_WAN ? "WAN" : "tunnel";

	if (vi->native_v6_mtu) {
		put_comment(c->f, c->d, "%s %s (4in6, carries IPv4 only): MTU %u, MSS %u (IPv4)", role,
			    vi->name, vi->mtu, vi->mss4);
		put_comment(c->f, c->d, "IPv6 is native on the line under it: leave that interface's IPv6 "
			    "MTU at %u (MSS %u); the %u above is for IPv4 inside the tunnel only",
			    vi->native_v6_mtu, vi->native_v6_mtu - MODEL_MSS6_HDR, vi->mtu);
	} else if (vi->v6_ok)
		put_comment(c->f, c->d, "%s %s: MTU %u, MSS %u (IPv4) / %u (IPv6)", role, vi->name,
			    vi->mtu, vi->mss4, vi->mss6);
	else
		put_comment(c->f, c->d, "%s %s: MTU %u, MSS %u (IPv4)", role, vi->name, vi->mtu, vi->mss4);
}

static void
render_iface(struct ictx *c, size_t section, int *said_v6)
{
	const struct vendor_iface *vi = c->vi;
	struct fill fl = { "", "", vi->name, NULL, vi->mtu, 0 };
	char text[256];

	c->st = style_for(c->d, vi->name);
	if (!c->st)
		return;   /* vendor_check_iface refused it earlier */
	c->indent = c->s->indent ? c->s->indent : c->st->open ? c->d->indent : "";
	fl.n = vi->name + strlen(c->st->prefix);
	if (section == 0)
		iface_header(c);
	/* Before the block opens: an IX '!' line inside one may end it. */
	if (!vi->v6_ok && !vi->native_v6_mtu && !*said_v6 && has_v6_lines(c->s) && (*said_v6 = 1))
		put_comment(c->f, c->d, "%s: MTU %u is below 1280, IPv6 cannot use it (RFC 8200): "
			    "no IPv6 lines", vi->name, vi->mtu);
	if (c->st->open) {
		expand(text, sizeof(text), c->st->open, &fl);
		put_cmd(c->f, c->d, c->o, "", text);
	}
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < c->s->nlines; i++)
			emit_line(c, &c->s->lines[i], pass);
	if (c->st->close)
		put_cmd(c->f, c->d, c->o, "", c->st->close);
}

static void
put_cmds(FILE *f, const struct vendor_def *d, const struct vendor_opts *o, const char *const *p)
{
	for (; p && *p; p++)
		put_cmd(f, d, o, "", *p);
}

void
vendor_render(FILE *f, enum vendor_id v, const struct vendor_opts *o,
	      const struct vendor_iface *ifs, size_t n)
{
	const struct vendor_def *d = &vendors[v];
	struct vendor_opts opts = *o;
	struct ictx c = { f, d, &opts, NULL, NULL, NULL, "" };
	int said_v6[2] = { 0, 0 };

	if (!opts.rtx)
		opts.rtx = vendor_rtx_model(NULL);
	put_comment(f, d, "%s: generated by %s", d->display, o->producer);
	if (o->disabled)
		put_comment(f, d, "NOT FOR USE AS IT IS: %s; every line is commented out", o->disabled);
	for (const char *const *p = d->header; p && *p; p++)
		put_comment(f, d, "%s", *p);
	put_cmds(f, d, &opts, d->preamble);
	for (size_t s = 0; s < d->nsections; s++) {
		c.s = &d->sections[s];
		if (c.s->comment)
			put_comment(f, d, "%s", c.s->comment);
		put_cmds(f, d, &opts, c.s->setup);
		for (size_t i = 0; i < n && i < 2; i++) {
			c.vi = &ifs[i];
			render_iface(&c, s, &said_v6[i]);
		}
		put_cmds(f, d, &opts, c.s->teardown);
	}
	for (const char *const *p = d->footer; p && *p; p++)
		put_comment(f, d, "%s", *p);
}
