/* SPDX-License-Identifier: BSD-2-Clause */
/* The vendor renderer: reads a vendor's table (vendor_tables.c) and prints
 * its block for one or two interfaces, through the one template expander
 * (vendor_expand) that the audit's fixes (audit_fix.c) use too. Nothing
 * vendor-specific lives here: a new vendor is a table row plus a golden
 * file. */
#include "render/vendor_int.h"
#include "base/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *
vendor_name(enum vendor_id v)
{
	return vendor_id_name(v);
}

int
vendor_prints(enum vendor_id v)
{
	return v < VENDOR_COUNT && vendor_defs[v].nsections > 0;
}

const char *
vendor_comment(enum vendor_id v)
{
	return v < VENDOR_COUNT ? vendor_defs[v].comment : "#";
}

const char *
vendor_fix_merge(enum vendor_id v)
{
	return v < VENDOR_COUNT && vendor_defs[v].fixes ? vendor_defs[v].fixes->merge : NULL;
}

int
vendor_lookup(const char *name)
{
	for (int v = 0; v < VENDOR_COUNT; v++)
		if (vendor_prints((enum vendor_id)v) &&
		    strcmp(vendor_id_name((enum vendor_id)v), name) == 0)
			return v;
	return -1;
}

static const char *
vendor_name_at(size_t i)
{
	for (size_t v = 0; v < VENDOR_COUNT; v++)
		if (vendor_prints((enum vendor_id)v) && i-- == 0)
			return vendor_id_name((enum vendor_id)v);
	return NULL;
}

void
vendor_names(char *buf, size_t len)
{
	overhead_join_names(buf, len, vendor_name_at);
}

const char *
vendor_default_wan(enum vendor_id v, enum wan_kind k)
{
	return vendor_defs[v].wan_default[k];
}

const char *
vendor_default_tunnel(enum vendor_id v, enum wan_kind k)
{
	return vendor_defs[v].tunnel_default[k];
}

const struct vstyle *
vendor_style(const struct vendor_def *d, const char *ifname)
{
	for (size_t i = 0; i < d->nstyles; i++)
		if (strncmp(ifname, d->styles[i].prefix, strlen(d->styles[i].prefix)) == 0)
			return &d->styles[i];
	return NULL;
}

/* ---- the one expander: every line calc, probe and audit print ---------- */

void
vkeys_set(struct vkeys *k, const char *name, const char *val)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->k[i].name, name) == 0) {
			k->k[i].val = val;
			return;
		}
	if (k->n < VKEYS_MAX)
		k->k[k->n++] = (struct vkey){ name, val };
}

void
vkeys_num(struct vkeys *k, const char *name, unsigned long v)
{
	size_t i = 0;

	while (i < k->n && strcmp(k->k[i].name, name) != 0)
		i++;
	if (i >= VKEYS_MAX)
		return;
	snprintf(k->nums[i], sizeof(k->nums[i]), "%lu", v);
	vkeys_set(k, name, k->nums[i]);
}

void
vkeys_iface(struct vkeys *k, const struct vstyle *st, const char *ifname)
{
	const char *dot = strrchr(ifname, '.');
	size_t n = dot ? (size_t)(dot - ifname) : strlen(ifname);

	snprintf(k->base, sizeof(k->base), "%.*s", (int)n, ifname);
	vkeys_set(k, "kw", st && st->kw ? st->kw : ifname);
	vkeys_set(k, "n", st ? ifname + strlen(st->prefix) : "");
	vkeys_set(k, "if", ifname);
	vkeys_set(k, "base", k->base);
	vkeys_set(k, "unit", dot ? dot + 1 : "0");
}

static const char *
vkeys_get(const struct vkeys *k, const char *name, size_t n)
{
	for (size_t i = 0; i < k->n; i++)
		if (strlen(k->k[i].name) == n && strncmp(k->k[i].name, name, n) == 0)
			return k->k[i].val ? k->k[i].val : "";
	return NULL;
}

/* "{name}" becomes its value; anything else is copied as written. */
void
vendor_expand(char *out, size_t len, const char *tmpl, const struct vkeys *k)
{
	size_t used = 0;

	out[0] = '\0';
	while (*tmpl && used + 1 < len) {
		const char *end = *tmpl == '{' ? strchr(tmpl, '}') : NULL;
		const char *val = end ? vkeys_get(k, tmpl + 1, (size_t)(end - tmpl - 1)) : NULL;
		int w;
		if (val) {
			w = snprintf(out + used, len - used, "%s", val);
			tmpl = end + 1;
		} else {
			w = snprintf(out + used, len - used, "%c", *tmpl++);
		}
		if (w < 0 || (size_t)w >= len - used) {
			/* longer than out: it ends in "...", never a part of a
			 * line that reads as all of it */
			out[len - 1] = '\0';
			text_mark_cut(out, len);
			return;
		}
		used += (size_t)w;
	}
	if (*tmpl)
		text_mark_cut(out, len);
}

static unsigned
line_max(const struct vline *l, const struct vstyle *st, const struct rtx_model *m)
{
	if (l->val == V_MTU && l->fam == 4 && st && st->lan_mtu)
		return m->lan_mtu_max;
	return l->max;
}

const char *
vline_out_of_range(const struct vline *l, const struct vstyle *st, const struct rtx_model *m,
		   unsigned value, char *buf, size_t len)
{
	unsigned max = line_max(l, st, m);
	int lan = l->val == V_MTU && l->fam == 4 && st && st->lan_mtu;

	/* an unconfirmed line is a comment anyway, saying why */
	if (!max && value > VLINE_UNRANGED_MAX && !l->unconfirmed) {
		snprintf(
			buf, len,
			"%u is above %u and no range for this line is confirmed (form: %s)%s",
			value, VLINE_UNRANGED_MAX, l->source,
			l->val == V_MTU
				? "; the link must carry it first, and our sources give no form for that"
				: "");
		return buf;
	}
	if (!max || (value >= l->min && value <= max))
		return NULL;
	if (lan && value > 1500 && !m->name[0])
		snprintf(
			buf, len,
			"%u is above 1500, the most every RTX model takes (LAN ports of "
			"RTX5000/RTX3500 go to 9578, of RTX3510/RTX1300 to 10218: give --rtx-model)",
			value);
	else if (lan)
		snprintf(buf, len, "%u is outside %s's range %u-%u", value, m->display, l->min,
			 max);
	else
		snprintf(buf, len, "%u is outside the documented range %u-%u", value, l->min, max);
	return buf;
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

__attribute__((format(printf, 3, 4))) static void
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

/* Whether a line is meant for this interface's role and style. */
static int
line_applies(const struct ictx *c, const struct vline *l)
{
	unsigned role = c->vi->native_v6_mtu ? VR_4IN6 : VR(c->vi->role);

	if (l->roles && !(l->roles & role))
		return 0;
	return !l->variants || (l->variants & VV(c->st->variant));
}

/* pass 0: the commands; pass 1: what is printed only as a comment (after the
 * commands, so that no comment line sits between an IX interface's lines). */
static void
emit_line(const struct ictx *c, const struct vline *l, int pass)
{
	const struct vendor_iface *vi = c->vi;
	unsigned mss = l->fam == 4 ? vi->mss4 : vi->mss6;
	struct vkeys k = { .n = 0 };
	char text[512], why[256], dirbuf[128];
	const char *bad = vline_out_of_range(l, c->st, c->o->rtx, l->val == V_MTU ? vi->mtu : mss,
					     why, sizeof(why));
	int ndir = c->s->dir[0] && strstr(l->tmpl, "{dir}") ? 2 : 1;

	if ((l->fam == 6 && !vi->v6_ok) || !line_applies(c, l))
		return; /* no IPv6: said once per interface, in render_iface */
	vkeys_iface(&k, c->st, vi->name);
	vkeys_num(&k, "mtu", vi->mtu);
	vkeys_num(&k, "mss", mss);
	vkeys_num(&k, "mss1", mss + 1);
	for (int dir = 0; dir < ndir; dir++) {
		if (ndir == 2) {
			vendor_expand(dirbuf, sizeof(dirbuf), c->s->dir[dir], &k);
			vkeys_set(&k, "dir", dirbuf);
		}
		vendor_expand(text, sizeof(text), l->tmpl, &k);
		if (pass == 1 && bad)
			put_comment(c->f, c->d, "not set: %s: %s", bad, text);
		else if (pass == 1 && l->unconfirmed)
			put_comment(c->f, c->d,
				    "UNCONFIRMED (%s), check your manual before use: %s",
				    l->unconfirmed, text);
		if (pass == 1 || bad || l->unconfirmed)
			continue;
		if (l->fam == 6 && l->val == V_MTU && c->st->v6_tunnel_note &&
		    c->o->rtx->v6_tunnel_note)
			put_comment(c->f, c->d, "%s", c->o->rtx->v6_tunnel_note);
		put_cmd(c->f, c->d, c->o, c->indent, text);
		if (l->val == V_MTU && c->st->persist) {
			vendor_expand(text, sizeof(text), c->st->persist, &k);
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
		put_comment(c->f, c->d, "%s %s (4in6, carries IPv4 only): MTU %u, MSS %u (IPv4)",
			    role, vi->name, vi->mtu, vi->mss4);
		put_comment(c->f, c->d,
			    "IPv6 is native on the line under it: leave that interface's IPv6 "
			    "MTU at %u (MSS %u); the %u above is for IPv4 inside the tunnel only",
			    vi->native_v6_mtu, vi->native_v6_mtu - IP_MSS6_HDR, vi->mtu);
	} else if (vi->v6_ok)
		put_comment(c->f, c->d, "%s %s: MTU %u, MSS %u (IPv4) / %u (IPv6)", role, vi->name,
			    vi->mtu, vi->mss4, vi->mss6);
	else
		put_comment(c->f, c->d, "%s %s: MTU %u, MSS %u (IPv4)", role, vi->name, vi->mtu,
			    vi->mss4);
}

static void
render_iface(struct ictx *c, size_t section, int *said_v6)
{
	const struct vendor_iface *vi = c->vi;
	struct vkeys k = { .n = 0 };
	const char *open, *close;
	char text[256];

	c->st = vendor_style(c->d, vi->name);
	if (!c->st)
		return; /* vendor_check_iface refused it earlier */
	/* A global line (once) stands outside any interface block. */
	open = c->s->once ? NULL : c->st->open;
	close = c->s->once ? NULL : c->st->close;
	c->indent = c->s->indent ? c->s->indent : open ? c->d->indent : "";
	vkeys_iface(&k, c->st, vi->name);
	if (section == 0)
		iface_header(c);
	/* Before the block opens: an IX '!' line inside one may end it. */
	if (!vi->v6_ok && !vi->native_v6_mtu && !*said_v6 && has_v6_lines(c->s) && (*said_v6 = 1))
		put_comment(c->f, c->d,
			    "%s: MTU %u is below 1280, IPv6 cannot use it (RFC 8200): "
			    "no IPv6 lines",
			    vi->name, vi->mtu);
	if (open) {
		vendor_expand(text, sizeof(text), open, &k);
		put_cmd(c->f, c->d, c->o, "", text);
	}
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < c->s->nlines; i++)
			emit_line(c, &c->s->lines[i], pass);
	if (close)
		put_cmd(c->f, c->d, c->o, "", close);
}

/* A once-section prints for one interface only: the last (the tunnel when
 * there is one: its MSS is the smaller), or the tunnel and nothing else. */
static int
section_skips(const struct vsection *s, const struct vendor_iface *ifs, size_t n, size_t i)
{
	size_t last = n < 2 ? n - 1 : 1;

	if (s->once == ONCE_NO)
		return 0;
	if (i != last)
		return 1;
	return s->once == ONCE_TUNNEL && ifs[i].role != ROLE_TUNNEL;
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
	const struct vendor_def *d = &vendor_defs[v];
	struct vendor_opts opts = *o;
	struct ictx c = { f, d, &opts, NULL, NULL, NULL, "" };
	int said_v6[2] = { 0, 0 }; /* per role: the WAN, the tunnels */

	if (!opts.rtx)
		opts.rtx = vendor_rtx_model(NULL);
	put_comment(f, d, "%s: generated by %s", d->display, o->producer);
	if (o->disabled)
		put_comment(f, d, "NOT FOR USE AS IT IS: %s; every line is commented out",
			    o->disabled);
	for (const char *const *p = d->header; p && *p; p++)
		put_comment(f, d, "%s", *p);
	put_cmds(f, d, &opts, d->preamble);
	for (size_t s = 0; s < d->nsections; s++) {
		c.s = &d->sections[s];
		if (section_skips(c.s, ifs, n, n < 2 ? n - 1 : 1))
			continue; /* a tunnel-only global line, and no tunnel */
		if (c.s->comment)
			put_comment(f, d, "%s", c.s->comment);
		put_cmds(f, d, &opts, c.s->setup);
		for (size_t i = 0; i < n; i++) {
			c.vi = &ifs[i];
			if (section_skips(c.s, ifs, n, i))
				continue;
			render_iface(&c, s, &said_v6[i ? 1 : 0]);
		}
		put_cmds(f, d, &opts, c.s->teardown);
	}
	put_cmds(f, d, &opts, d->postamble);
	for (const char *const *p = d->footer; p && *p; p++)
		put_comment(f, d, "%s", *p);
}
