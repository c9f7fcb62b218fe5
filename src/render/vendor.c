/* Vendor configuration tables. Sources: shared/design/vendor-syntax.md, which
 * cites the Yamaha RTX command reference (12.01 edition: 8.1.4, 8.1.21,
 * 30.1.2-3, 11.6.3), real NEC IX configurations (no NEC reference found, so
 * IX ranges are unconfirmed), and the iptables/nftables manuals. */
#include "render/vendor.h"

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum vval { V_MTU, V_MSS };

/* One configuration line. The template's {kw} {n} {if} {mtu} {mss} {mss1}
 * are filled from the interface; min/max is the range the vendor documents
 * (0/0 = not documented), outside which the line is printed as a comment. */
struct vline {
	int fam;                 /* 4 or 6: IPv6 lines need an MTU of 1280 or more */
	enum vval val;
	unsigned min, max;
	int unconfirmed;         /* syntax not confirmed by any source we have */
	const char *tmpl;
};

/* How an interface's block opens and closes (RTX: pp select / tunnel select). */
struct vstyle {
	const char *prefix;      /* interface name prefix that selects this style */
	const char *open, *close;
	const char *kw;          /* what {kw} becomes; NULL = the interface name */
	unsigned mtu_max;        /* overrides the line max for V_MTU lines of fam 4 */
	const char *v6_note;     /* printed before the first IPv6 MTU line */
};

struct vsection {
	const char *comment;     /* printed once before the section */
	const char *const *setup;/* printed once, before the first line */
	const struct vline *lines;
	size_t nlines;
};

struct vendor_def {
	const char *name, *display;
	const char *comment;     /* comment leader */
	const char *indent;      /* inside an open/close block */
	const char *const *preamble;
	const char *note;        /* printed in the header */
	const char *wan_default[3];      /* by enum wan_kind: ETHER, PPPOE, 4IN6 */
	const char *tunnel_default[3];
	const struct vstyle *styles;
	size_t nstyles;
	const struct vsection *sections;
	size_t nsections;
};

/* Yamaha RTX: command reference 8.1.4 (ip mtu 64-1500), 8.1.21 (tcp mss limit
 * 536-1460), 30.1.2-3 (ipv6 mtu 1280-1500; ipv6 tcp mss limit 536-1440). */
static const struct vline rtx_lines[] = {
	{ 4, V_MTU, 64, 1500, 0, "ip {kw} mtu {mtu}" },
	{ 4, V_MSS, 536, 1460, 0, "ip {kw} tcp mss limit {mss}" },
	{ 6, V_MTU, 1280, 1500, 0, "ipv6 {kw} mtu {mtu}" },
	{ 6, V_MSS, 536, 1440, 0, "ipv6 {kw} tcp mss limit {mss}" },
};
static const struct vstyle rtx_styles[] = {
	{ "pp", "pp select {n}", "pp select none", "pp", 1500, NULL },
	{ "tunnel", "tunnel select {n}", "tunnel select none", "tunnel", 1500,
	  "ipv6 tunnel mtu needs RTX1210 Rev.14.01.34+, RTX830 Rev.15.02.10+ or Rev.15.04+" },
	/* LAN interfaces are global lines; big models take up to 9578. */
	{ "lan", NULL, NULL, NULL, 9578, NULL },
};
static const struct vsection rtx_sections[] = {
	{ NULL, NULL, rtx_lines, COUNT(rtx_lines) },
};

/* NEC UNIVERGE IX: syntax seen in real IX2106/2207/2215 configurations;
 * "ipv6 mtu" was not seen, so it stays a comment. */
static const struct vline ix_lines[] = {
	{ 4, V_MTU, 0, 0, 0, "ip mtu {mtu}" },
	{ 4, V_MSS, 0, 0, 0, "ip tcp adjust-mss {mss}" },
	{ 6, V_MTU, 0, 0, 1, "ipv6 mtu {mtu}" },
	{ 6, V_MSS, 0, 0, 0, "ipv6 tcp adjust-mss {mss}" },
};
static const struct vstyle ix_styles[] = {
	{ "", "interface {if}", NULL, NULL, 0, NULL },
};
static const struct vsection ix_sections[] = {
	{ NULL, NULL, ix_lines, COUNT(ix_lines) },
};
static const char *const ix_preamble[] = { "configure", NULL };

/* Linux: ip-link(8); iptables-extensions(8) TCPMSS (mangle, SYN only, never
 * raises an MSS); nft(8) "tcp option maxseg size set", guarded so that it
 * only lowers an MSS, as --set-mss does. */
static const struct vline linux_link[] = {
	{ 4, V_MTU, 68, 65535, 0, "ip link set dev {if} mtu {mtu}" },
};
static const struct vline linux_ipt[] = {
	{ 4, V_MSS, 1, 65495, 0,
	  "iptables -t mangle -A FORWARD -o {if} -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss {mss}" },
	{ 6, V_MSS, 1, 65475, 0,
	  "ip6tables -t mangle -A FORWARD -o {if} -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss {mss}" },
};
static const struct vline linux_nft[] = {
	{ 4, V_MSS, 1, 65495, 0,
	  "nft add rule inet mtuprobe mssclamp 'oifname \"{if}\" meta nfproto ipv4 tcp flags & (syn|rst) == syn tcp option maxseg size {mss1}-65535 tcp option maxseg size set {mss}'" },
	{ 6, V_MSS, 1, 65475, 0,
	  "nft add rule inet mtuprobe mssclamp 'oifname \"{if}\" meta nfproto ipv6 tcp flags & (syn|rst) == syn tcp option maxseg size {mss1}-65535 tcp option maxseg size set {mss}'" },
};
static const char *const linux_nft_setup[] = {
	"nft add table inet mtuprobe",
	"nft add chain inet mtuprobe mssclamp '{ type filter hook forward priority mangle; policy accept; }'",
	NULL,
};
static const struct vstyle linux_styles[] = {
	{ "", NULL, NULL, NULL, 0, NULL },
};
static const struct vsection linux_sections[] = {
	{ "interface MTU (not persistent: also set MTUBytes= in systemd-networkd or 802-3-ethernet.mtu in NetworkManager)",
	  NULL, linux_link, COUNT(linux_link) },
	{ "TCP MSS clamp with iptables", NULL, linux_ipt, COUNT(linux_ipt) },
	{ "or the same clamp with nftables (kernel 4.14+)", linux_nft_setup, linux_nft, COUNT(linux_nft) },
};

static const struct vendor_def vendors[VENDOR_COUNT] = {
	[VENDOR_RTX] = { "rtx", "Yamaha RTX", "#", "", NULL, NULL,
		{ "lan2", "pp1", "tunnel1" }, { "tunnel1", "tunnel1", "tunnel2" },
		rtx_styles, COUNT(rtx_styles), rtx_sections, COUNT(rtx_sections) },
	[VENDOR_IX] = { "ix", "NEC UNIVERGE IX", "!", "  ", ix_preamble,
		"IX ranges and defaults are unconfirmed (no NEC reference found)",
		{ "GigaEthernet0.0", "GigaEthernet0.1", "Tunnel0.0" },
		{ "Tunnel0.0", "Tunnel0.0", "Tunnel1.0" },
		ix_styles, COUNT(ix_styles), ix_sections, COUNT(ix_sections) },
	[VENDOR_LINUX] = { "linux", "Linux", "#", "", NULL, NULL,
		{ "eth0", "ppp0", "ip6tnl1" }, { "vti0", "vti0", "vti0" },
		linux_styles, COUNT(linux_styles), linux_sections, COUNT(linux_sections) },
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

/* Names end up in shell commands and router consoles: allow only what
 * interface names are made of. */
static int
safe_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./:_-", *s))
			return 0;
	return 1;
}

static int
digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int
vendor_check_iface(enum vendor_id v, const char *name, char *err, size_t errlen)
{
	const struct vstyle *st = style_for(&vendors[v], name);
	/* IFNAMSIZ is 16 on Linux, including the NUL. */
	size_t maxlen = v == VENDOR_LINUX ? 15 : 31;

	if (!safe_name(name) || strlen(name) > maxlen) {
		snprintf(err, errlen, "bad %s interface name '%s': up to %zu characters of A-Z a-z 0-9 . / : _ -",
			 vendors[v].name, name, maxlen);
		return -1;
	}
	if (!st || (st->open && strstr(st->open, "{n}") && !digits(name + strlen(st->prefix)))) {
		snprintf(err, errlen, "bad %s interface name '%s': use ppN, tunnelN or lanN (e.g. pp1, tunnel1, lan2)",
			 vendors[v].name, name);
		return -1;
	}
	return 0;
}

struct fill {
	const char *kw, *n, *ifname;
	unsigned mtu, mss;
};

/* Expands {kw} {n} {if} {mtu} {mss} {mss1} in tmpl. */
static void
expand(char *out, size_t len, const char *tmpl, const struct fill *f)
{
	size_t used = 0;

	out[0] = '\0';
	while (*tmpl && used + 1 < len) {
		int w = 0;
		if (strncmp(tmpl, "{kw}", 4) == 0) {
			w = snprintf(out + used, len - used, "%s", f->kw);
			tmpl += 4;
		} else if (strncmp(tmpl, "{n}", 3) == 0) {
			w = snprintf(out + used, len - used, "%s", f->n);
			tmpl += 3;
		} else if (strncmp(tmpl, "{if}", 4) == 0) {
			w = snprintf(out + used, len - used, "%s", f->ifname);
			tmpl += 4;
		} else if (strncmp(tmpl, "{mtu}", 5) == 0) {
			w = snprintf(out + used, len - used, "%u", f->mtu);
			tmpl += 5;
		} else if (strncmp(tmpl, "{mss1}", 6) == 0) {
			w = snprintf(out + used, len - used, "%u", f->mss + 1);
			tmpl += 6;
		} else if (strncmp(tmpl, "{mss}", 5) == 0) {
			w = snprintf(out + used, len - used, "%u", f->mss);
			tmpl += 5;
		} else {
			out[used] = *tmpl++;
			out[used + 1] = '\0';
			w = 1;
		}
		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
	}
}

static void
emit_line(FILE *f, const struct vendor_def *d, const struct vstyle *st, const char *indent,
	  const struct vline *l, const struct vendor_iface *vi)
{
	struct fill fl = { st->kw ? st->kw : vi->name, vi->name + strlen(st->prefix), vi->name,
			   vi->mtu, l->fam == 4 ? vi->mss4 : vi->mss6 };
	unsigned value = l->val == V_MTU ? fl.mtu : fl.mss;
	unsigned max = (l->val == V_MTU && l->fam == 4 && st->mtu_max) ? st->mtu_max : l->max;
	char text[512];

	expand(text, sizeof(text), l->tmpl, &fl);
	if (l->fam == 6 && !vi->v6_ok)
		return;   /* said once per interface, in render_iface */
	if (l->fam == 6 && l->val == V_MTU && st->v6_note)
		fprintf(f, "%s %s\n", d->comment, st->v6_note);
	if (max && (value < l->min || value > max))
		fprintf(f, "%s not set: %u is outside the documented range %u-%u: %s\n",
			d->comment, value, l->min, max, text);
	else if (l->unconfirmed)
		fprintf(f, "%s UNCONFIRMED syntax, check your manual before use: %s\n", d->comment, text);
	else
		fprintf(f, "%s%s\n", indent, text);
}

static int
has_v6_lines(const struct vsection *s)
{
	for (size_t i = 0; i < s->nlines; i++)
		if (s->lines[i].fam == 6)
			return 1;
	return 0;
}

/* said_v6: whether this interface's "no IPv6" comment was printed already. */
static void
render_iface(FILE *f, const struct vendor_def *d, const struct vsection *s,
	     const struct vendor_iface *vi, int *said_v6)
{
	const struct vstyle *st = style_for(d, vi->name);
	struct fill fl = { "", "", vi->name, vi->mtu, 0 };
	char text[256];

	if (!st)
		return;   /* vendor_check_iface refused it earlier */
	fl.n = vi->name + strlen(st->prefix);
	if (st->open) {
		fprintf(f, "%s %s %s: MTU %u, MSS %u (IPv4)", d->comment, vi->role, vi->name,
			vi->mtu, vi->mss4);
		if (vi->v6_ok)
			fprintf(f, " / %u (IPv6)", vi->mss6);
		fputc('\n', f);
		expand(text, sizeof(text), st->open, &fl);
		fprintf(f, "%s\n", text);
	}
	if (!vi->v6_ok && !*said_v6 && has_v6_lines(s) && (*said_v6 = 1))
		fprintf(f, "%s %s %s: MTU %u is below 1280, IPv6 cannot use it (RFC 8200): no IPv6 lines\n",
			d->comment, vi->role, vi->name, vi->mtu);
	for (size_t i = 0; i < s->nlines; i++)
		emit_line(f, d, st, st->open ? d->indent : "", &s->lines[i], vi);
	if (st->close)
		fprintf(f, "%s\n", st->close);
}

void
vendor_render(FILE *f, enum vendor_id v, const char *producer,
	      const struct vendor_iface *ifs, size_t n)
{
	const struct vendor_def *d = &vendors[v];
	int said_v6[2] = { 0, 0 };

	fprintf(f, "%s %s: generated by %s\n", d->comment, d->display, producer);
	if (d->note)
		fprintf(f, "%s %s\n", d->comment, d->note);
	for (const char *const *p = d->preamble; p && *p; p++)
		fprintf(f, "%s\n", *p);
	for (size_t s = 0; s < d->nsections; s++) {
		const struct vsection *sec = &d->sections[s];
		if (sec->comment)
			fprintf(f, "%s %s\n", d->comment, sec->comment);
		for (const char *const *p = sec->setup; p && *p; p++)
			fprintf(f, "%s\n", *p);
		for (size_t i = 0; i < n && i < 2; i++)
			render_iface(f, d, sec, &ifs[i], &said_v6[i]);
	}
}
