/* SPDX-License-Identifier: BSD-2-Clause */
/* The audit's fixes in each vendor's own syntax, inside the mode blocks
 * they belong in, from the vendor's rows in render/vendor_tables.c (the
 * rows calc and probe print from) through the one expander (vendor.c).
 * Only syntax confirmed in doc/vendor-syntax.md and doc/router-facts.md is
 * printed as a command; anything else becomes a comment saying so, and so
 * does a number outside the range its row accepts. Each fix row names the
 * setting its line replaces, so that the change set
 * shows each old line ("was: ...") and a rollback block restores exactly
 * the old lines. Nothing here asks which vendor it is: the layout is the
 * vendor's row (struct vfixes). */
#include "render/audit_out.h"
#include "render/vendor_int.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fline {
	enum vscope scope;
	int tunnel, gateway;
	int comment;
	char text[440];
	int iface;       /* VS_IFACE: index in config.ifaces */
	const char *old; /* the line it replaces as written, NULL when not set */
	int replaces;    /* it replaces a setting (field != F_NONE) */
};

struct flines {
	struct fline *l;
	size_t n, cap;
	int nomem;   /* a line could not be kept: said in the output */
	int toolong; /* a line longer than fline.text was left out: said */
	/* the lines by key (add's duplicate test), index + 1, 0 empty: a hub
	 * of 20000 peers made the linear test quadratic (minutes) */
	size_t *slot, nslot;
};

static const char *
gw_field(const struct config *c, int g, size_t off)
{
	return g >= 0 && (size_t)g < c->ngateways ? (const char *)&c->gateways[g] + off : "?";
}

/* The numbers and names a fix line's template may name. */
struct fixvals {
	char mtu[24], mss[24], sec[24], count[24], timeout[24], dpd_args[48], addr[16];
};

static void
fix_keys(const struct config *c, const struct audit_fix *f, struct fixvals *v, struct vkeys *k)
{
	snprintf(v->mtu, sizeof(v->mtu), "%ld", f->n);
	snprintf(v->mss, sizeof(v->mss), f->n ? "%ld" : "auto", f->n);
	snprintf(v->sec, sizeof(v->sec), "%ld", f->n ? f->n : 10);
	snprintf(v->count, sizeof(v->count), "%ld", f->m ? f->m : 3);
	/* the peer's interval x count: AWS's 10 x 3 is its sample's dpdtimeout=30 */
	snprintf(v->timeout, sizeof(v->timeout), "%ld", (f->n ? f->n : 10) * (f->m ? f->m : 3));
	/* RTX 15.20: "dpd|rfc4306 INTERVAL COUNT", the count 6 unless given;
	 * no interval: the router's own defaults */
	if (f->n)
		snprintf(v->dpd_args, sizeof(v->dpd_args), " %ld %ld", f->n, f->m ? f->m : 6);
	else
		v->dpd_args[0] = '\0';
	vkeys_set(k, "mtu", v->mtu);
	vkeys_set(k, "mss", v->mss);
	vkeys_set(k, "sec", v->sec);
	vkeys_set(k, "count", v->count);
	vkeys_set(k, "timeout", v->timeout);
	vkeys_set(k, "dpd_args", v->dpd_args);
	/* {addr}: FIX_IKE_LOCAL_ADDR's address, n in host order */
	snprintf(v->addr, sizeof(v->addr), "%lu.%lu.%lu.%lu", ((unsigned long)f->n >> 24) & 255,
		 ((unsigned long)f->n >> 16) & 255, ((unsigned long)f->n >> 8) & 255,
		 (unsigned long)f->n & 255);
	vkeys_set(k, "addr", v->addr);
	vkeys_set(k, "gw", gw_field(c, f->gateway, offsetof(struct config_gateway, name)));
	vkeys_set(k, "policy", gw_field(c, f->gateway, offsetof(struct config_gateway, policy)));
	vkeys_set(k, "acl", gw_field(c, f->gateway, offsetof(struct config_gateway, acl)));
	/* {vpn}: the tunnel's IPsec policy name (Junos: the security ipsec vpn it is bound by) */
	vkeys_set(k, "vpn",
		  f->tunnel >= 0 && (size_t)f->tunnel < c->ntunnels &&
				  c->tunnels[f->tunnel].policy_name[0]
			  ? c->tunnels[f->tunnel].policy_name
			  : "?");
	/* {sel_find}: the selector naming the tunnel's policy alone ("": none,
	 * and fix_text says the line instead of printing it) */
	vkeys_set(k, "sel_find",
		  f->tunnel >= 0 && (size_t)f->tunnel < c->ntunnels ? c->tunnels[f->tunnel].sel_find
								    : "");
}

/* The interface a tunnel's lines go into: its own, or the one its packets
 * leave by when it is no interface (a RouterOS policy, an IOS crypto map);
 * NULL when that one is not known (config_tunnel.no_iface). */
static const char *
tunnel_ifname(const struct config_tunnel *t)
{
	if (t->no_iface)
		return NULL;
	return t->via[0] ? t->via : t->name;
}

/* The interface or tunnel a fix line goes into, by its scope; NULL: none. */
static const char *
fix_ifname(const struct config *c, enum vscope sc, const struct audit_fix *f)
{
	if (sc == VS_IFACE && f->iface >= 0 && (size_t)f->iface < c->nifaces)
		return c->ifaces[f->iface].name;
	/* a tunnel that is no interface (a RouterOS policy) names the one its
	 * packets leave by */
	if (sc == VS_TUNNEL && f->tunnel >= 0 && (size_t)f->tunnel < c->ntunnels)
		return tunnel_ifname(&c->tunnels[f->tunnel]);
	return NULL;
}

/* The row's line for fix f into out (the calc row's template for an MTU
 * or MSS fix, with the names of the interface it goes into); a comment
 * (returns 1) when that row is unconfirmed or the number is outside the
 * range it accepts, exactly as calc prints it. */
static int
fix_text(const struct vendor_def *d, const struct config *c, const struct vfix *x,
	 const struct audit_fix *f, const char *dir, char *out, size_t len)
{
	const char *ifname = fix_ifname(c, x->scope, f);
	const char *tm = x->line ? x->line->tmpl : x->tmpl;
	const struct vstyle *st = ifname ? vendor_style(d, ifname) : NULL;
	struct vkeys k = { .n = 0 };
	struct fixvals v;
	char text[320], why[256], dirbuf[96];
	const char *bad = NULL;

	if (ifname)
		vkeys_iface(&k, st, ifname);
	fix_keys(c, f, &v, &k);
	vkeys_set(&k, "encaps", d->fixes->dialect[c->dialect == CONFIG_DIALECT_LIBRESWAN].encaps);
	/* a calc line per direction ({dir}, RouterOS's out-/in-interface) and
	 * its match on larger segments ({mss1}: the clamp + 1) */
	if (dir) {
		vendor_expand(dirbuf, sizeof(dirbuf), dir, &k);
		vkeys_set(&k, "dir", dirbuf);
	}
	vkeys_num(&k, "mss1", (unsigned long)f->n + 1);
	vendor_expand(text, sizeof(text), tm, &k);
	if (!f->n && (strstr(tm, "{mss1}") || (strstr(tm, "{mss}") && !d->fixes->mss_auto))) {
		/* the form needs a number, and none is known (no tunnel MTU,
		 * no line MTU and ESP to make one): the line with N, never
		 * an "auto" the router has no form for */
		vkeys_set(&k, "mss", "N");
		vkeys_set(&k, "mss1", "N+1");
		vendor_expand(text, sizeof(text), tm, &k);
		snprintf(
			out, len,
			"not set: no MSS is known for this tunnel (no tunnel MTU, and none from a line MTU and ESP): %s",
			text);
		return 1;
	}
	if (strstr(tm, "{sel_find}") && (f->tunnel < 0 || (size_t)f->tunnel >= c->ntunnels ||
					 !c->tunnels[f->tunnel].sel_find[0])) {
		/* an empty find selects every item: never printed as a command */
		snprintf(
			out, len,
			"not set: no find selector names this policy alone (no peer=, or too long): "
			"set src-address=0.0.0.0/0 dst-address=0.0.0.0/0 on it by hand");
		return 1;
	}
	if (x->line && f->n > 0) /* 0: the router's own auto, no number */
		bad = vline_out_of_range(x->line, st, vendor_rtx_model(NULL), (unsigned)f->n, why,
					 sizeof(why));
	if (bad)
		snprintf(out, len, "not set: %s: %s", bad, text);
	else if (x->line && x->line->unconfirmed)
		snprintf(out, len, "UNCONFIRMED (%s), check your manual before use: %s",
			 x->line->unconfirmed, text);
	else
		snprintf(out, len, "%s", text);
	return bad || (x->line && x->line->unconfirmed);
}

/* The line a fix replaces, as the configuration has it; NULL when the
 * setting is not in the configuration (the default applies). */
static const char *
old_line(const struct config *c, enum vsetting fd, int t, int g, int ifc)
{
	const struct config_tunnel *tu = t >= 0 && (size_t)t < c->ntunnels ? &c->tunnels[t] : NULL;
	const struct config_gateway *gw =
		g >= 0 && (size_t)g < c->ngateways ? &c->gateways[g] : NULL;
	const struct config_num *n = NULL;
	const struct config_prefix *p = NULL;

	switch (fd) {
	case F_NONE: break;
	case F_T_MTU: n = tu ? &tu->mtu : NULL; break;
	case F_T_MSS: n = tu ? &tu->mss : NULL; break;
	case F_T_MSS6: n = tu ? &tu->mss6 : NULL; break;
	case F_T_DF: n = tu ? &tu->df : NULL; break;
	case F_T_DPD: n = tu ? &tu->dpd : NULL; break;
	case F_T_CONNECT: n = tu ? &tu->connect : NULL; break;
	case F_T_RESPONDER: n = tu ? &tu->responder : NULL; break;
	case F_T_NATT: n = tu ? &tu->natt : NULL; break;
	case F_T_SELECTORS: return tu && tu->sel_undo[0] ? tu->sel_undo : NULL;
	case F_G_KEEPALIVE: n = gw ? &gw->keepalive : NULL; break;
	case F_G_REFRESH: n = gw ? &gw->refresh : NULL; break;
	case F_G_COMPAT: n = gw ? &gw->compat : NULL; break;
	case F_G_NATT: n = gw ? &gw->natt : NULL; break;
	case F_G_START: n = gw ? &gw->start_action : NULL; break;
	case F_G_DPD_ACTION: n = gw ? &gw->dpd_action : NULL; break;
	case F_G_DPD_TIMEOUT: n = gw ? &gw->dpd_timeout : NULL; break;
	case F_G_DPD_INTERVAL: n = gw ? &gw->dpd_interval : NULL; break;
	case F_G_DPD_COUNT: n = gw ? &gw->dpd_count : NULL; break;
	case F_G_LOCAL_ID: p = gw ? &gw->local_id : NULL; break;
	case F_G_REMOTE_ID: p = gw ? &gw->remote_id : NULL; break;
	case F_G_LOCAL_ADDR: p = gw ? &gw->local_addr : NULL; break;
	case F_C_REFRESH: n = &c->refresh; break;
	case F_C_NATT: n = &c->natt; break;
	case F_I_MTU: break;
	}
	if (fd == F_I_MTU && ifc >= 0 && (size_t)ifc < c->nifaces)
		n = &c->ifaces[ifc].mtu;
	if (n && n->line)
		return n->text;
	if (p && p->line)
		return p->text;
	return NULL;
}

/* What makes two lines one (add): the scope, the tunnel and interface
 * unless global, the text. */
static size_t
line_key(enum vscope sc, int tunnel, int iface, const char *text)
{
	size_t h = 1469598103934665603u; /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	h = h * 31 + (size_t)sc;
	if (sc != VS_GLOBAL)
		h = h * 131 + (size_t)tunnel * 8191 + (size_t)iface;
	return h;
}

static int
same_line(const struct fline *l, enum vscope sc, int tunnel, int iface, const char *text)
{
	return l->scope == sc && (sc == VS_GLOBAL || (l->tunnel == tunnel && l->iface == iface)) &&
	       strcmp(l->text, text) == 0;
}

/* Index + 1 of the line equal to this one, or the empty slot it goes in. */
static size_t *
find_slot(const struct flines *o, enum vscope sc, int tunnel, int iface, const char *text)
{
	size_t mask = o->nslot - 1, i = line_key(sc, tunnel, iface, text) & mask;

	while (o->slot[i] && !same_line(&o->l[o->slot[i] - 1], sc, tunnel, iface, text))
		i = (i + 1) & mask;
	return &o->slot[i];
}

/* Room for n lines at half load; 0 or -1 (nomem). */
static int
grow_slots(struct flines *o, size_t n)
{
	size_t want = o->nslot ? o->nslot : 128;
	size_t *old = o->slot, nold = o->nslot;

	while (want < 2 * n)
		want *= 2;
	if (want == o->nslot)
		return 0;
	if (!(o->slot = calloc(want, sizeof(*o->slot)))) {
		o->slot = old;
		return -1;
	}
	o->nslot = want;
	for (size_t i = 0; i < nold; i++)
		if (old[i]) {
			const struct fline *l = &o->l[old[i] - 1];
			*find_slot(o, l->scope, l->tunnel, l->iface, l->text) = old[i];
		}
	free(old);
	return 0;
}

static void
add(struct flines *o, enum vscope sc, const struct audit_fix *f, int comment, const char *text)
{
	size_t *slot;

	if (strlen(text) >= sizeof(o->l[0].text)) {
		o->toolong = 1; /* never a part of a line to paste */
		return;
	}
	/* a global line is one line, whichever tunnel asked for it (two
	 * RouterOS peers sharing one profile get one DPD line) */
	if (grow_slots(o, o->n + 1) < 0) {
		o->nomem = 1;
		return;
	}
	slot = find_slot(o, sc, f->tunnel, f->iface, text);
	if (*slot)
		return;
	if (o->n >= o->cap) {
		size_t want = o->cap ? o->cap * 2 : 64;
		struct fline *p = realloc(o->l, want * sizeof(*p));
		if (!p) {
			o->nomem = 1;
			return;
		}
		o->l = p;
		o->cap = want;
	}
	o->l[o->n] = (struct fline){ sc, f->tunnel, f->gateway, comment, "", f->iface, NULL, 0 };
	snprintf(o->l[o->n++].text, sizeof(o->l[0].text), "%s", text);
	*slot = o->n;
}

/* A line already added for another tunnel that names the same interface
 * its packets leave by (config_tunnel.via). */
static int
via_line(const struct config *c, const struct flines *o, enum vscope sc, const struct audit_fix *f,
	 const char *text)
{
	const char *via = sc == VS_TUNNEL && f->tunnel >= 0 && (size_t)f->tunnel < c->ntunnels
				  ? c->tunnels[f->tunnel].via
				  : "";

	for (size_t i = 0; via[0] && i < o->n; i++) {
		int t = o->l[i].tunnel;
		if (o->l[i].scope == sc && t >= 0 && (size_t)t < c->ntunnels &&
		    strcmp(c->tunnels[t].via, via) == 0 && strcmp(o->l[i].text, text) == 0)
			return 1;
	}
	return 0;
}

/* What {dir} becomes for direction k (0 out, 1 in) of a fix that is a calc
 * line whose section prints one line per direction; NULL: none. */
static const char *
line_dir(const struct vendor_def *d, const struct vfix *x, int k)
{
	if (!x->line || !strstr(x->line->tmpl, "{dir}"))
		return NULL;
	for (size_t s = 0; s < d->nsections; s++)
		if (x->line >= d->sections[s].lines &&
		    x->line < d->sections[s].lines + d->sections[s].nlines)
			return d->sections[s].dir[k];
	return NULL;
}

/* A tunnel that is no interface (its lines go under another, or none). */
static int
no_own_mtu(const struct config *c, int t)
{
	return t >= 0 && (size_t)t < c->ntunnels &&
	       (c->tunnels[t].via[0] || c->tunnels[t].no_iface);
}

static void
collect_one(const struct config *c, const struct audit_fix *f, struct flines *o)
{
	const struct vendor_def *d = &vendor_defs[c->vendor];
	size_t nrows = d->fixes ? d->fixes->n : 0;
	char line[440];
	int found = 0;

	for (size_t i = 0; i < nrows; i++) {
		const struct vfix *x = &d->fixes->rows[i];
		int comment;
		if (x->kind != f->kind || (x->ike && x->ike != (f->ikev2 ? 2 : 1)) ||
		    (x->form && x->form != (c->older_release ? 1 : 2)))
			continue;
		if (x->note)
			add(o, x->scope, f, 1, x->note);
		found = 1;
		/* a tunnel that is no interface (a policy-based peer) has no MTU
		 * to set: its packets take the MTU of the one they leave by */
		if (x->replaces == F_T_MTU && f->tunnel >= 0 && (size_t)f->tunnel < c->ntunnels &&
		    c->tunnels[f->tunnel].via[0]) {
			if (!x->note) {
				snprintf(
					line, sizeof(line),
					"a policy-based tunnel has no interface and no MTU of its "
					"own: its packets leave by %s and take its MTU; the clamp keeps TCP within it",
					c->tunnels[f->tunnel].via);
				add(o, x->scope, f, 1, line);
			}
			continue;
		}
		if (!x->line && !x->tmpl)
			continue; /* not expressible in this format: the note says where */
		if (x->replaces == F_T_MTU && !x->note && no_own_mtu(c, f->tunnel)) {
			/* "ip mtu" under the interface an IOS crypto map leaves
			 * by would lower that interface's MTU for all traffic */
			add(o, x->scope, f, 1,
			    "this tunnel is no interface and has no MTU of its own: its packets take the MTU "
			    "of the interface they leave by; lower the clamp instead");
			continue;
		}
		for (int k = 0; k < 2; k++) {
			const char *dir = line_dir(d, x, k);
			if (k && !dir)
				break;
			comment = fix_text(d, c, x, f, dir, line, sizeof(line));
			/* tunnels that leave by one interface share its clamp line */
			if (!comment && via_line(c, o, x->scope, f, line))
				continue;
			add(o, x->scope, f, comment, line);
			if (!comment && o->n && !o->l[o->n - 1].comment &&
			    strcmp(o->l[o->n - 1].text, line) == 0) {
				o->l[o->n - 1].replaces = x->replaces != F_NONE;
				o->l[o->n - 1].old =
					old_line(c, x->replaces, f->tunnel, f->gateway, f->iface);
			}
		}
	}
	if (!found)
		add(o, VS_GLOBAL, f, 1,
		    "no confirmed syntax for this fix on this router: change it by hand");
}

static void
collect(const struct audit_result *r, const struct audit_finding *only, struct flines *o)
{
	o->n = 0;
	/* one finding's lines: not a walk over every finding per finding */
	for (size_t i = 0; i < (only ? 1 : r->nfindings); i++) {
		const struct audit_finding *f = only ? only : &r->findings[i];
		for (size_t k = 0; k < f->nfix; k++)
			collect_one(r->cfg, &f->fix[k], o);
	}
}

/* What a block prints: the fix lines alone (one finding), the change set
 * (every fix, each after a comment with the line it replaces), or the
 * rollback (the old lines back, or the vendor's way to remove a new one). */
enum mode { M_FIX, M_CHANGE, M_ROLLBACK };

struct out {
	void (*emit)(void *ctx, const char *line);
	void *ctx;
	const char *lead; /* comment leader */
	enum mode mode;
	const struct vendor_def *d;
	const struct vfixes *x; /* the vendor's layout */
};

/* The path of a new line, without the restore word that begins it
 * (VyOS "set "), for a remove word (VyOS "delete ") to delete. */
static const char *
path_of(const struct out *o, const char *text)
{
	size_t n = o->x->restore ? strlen(o->x->restore) : 0;

	return n && strncmp(text, o->x->restore, n) == 0 ? text + n : text;
}

static void
put(const struct out *o, const char *indent, const struct fline *l)
{
	char buf[520];
	const char *prefix = o->x->undo;

	if (o->mode == M_ROLLBACK) {
		if (l->comment)
			return;
		if (o->x->remove) {
			/* the change set's inverse: the new line deleted, then the
			 * old one set back */
			snprintf(buf, sizeof(buf), "%s%s%s", indent, o->x->remove,
				 path_of(o, l->text));
			o->emit(o->ctx, buf);
			if (!l->old)
				return;
		}
		if (l->old)
			snprintf(buf, sizeof(buf), "%s%s%s", indent,
				 o->x->restore ? o->x->restore : "", l->old);
		else if (prefix)
			snprintf(buf, sizeof(buf), "%s%s%s", indent, prefix, l->text);
		else
			snprintf(buf, sizeof(buf), "%s%s remove the line '%s': it was not set",
				 indent, o->lead, l->text);
		o->emit(o->ctx, buf);
		return;
	}
	if (o->mode == M_CHANGE && !l->comment && l->replaces) {
		snprintf(buf, sizeof(buf), "%s%s was: %s%s", indent, o->lead,
			 l->old && o->x->restore ? o->x->restore : "", l->old ? l->old : "not set");
		o->emit(o->ctx, buf);
		/* the old line deleted before the new one is set: they may be
		 * different nodes (VyOS 1.3's firewall options, 1.4's ip
		 * adjust-mss), and two clamps would both apply */
		if (l->old && o->x->remove) {
			snprintf(buf, sizeof(buf), "%s%s%s", indent, o->x->remove, l->old);
			o->emit(o->ctx, buf);
		}
	}
	if (l->comment)
		snprintf(buf, sizeof(buf), "%s%s %s", indent, o->lead, l->text);
	else
		snprintf(buf, sizeof(buf), "%s%s", indent, l->text);
	o->emit(o->ctx, buf);
}

/* The key a line of scope sc is grouped by: its gateway (a connection),
 * interface or tunnel. */
static int
scope_key(const struct fline *l, enum vscope sc)
{
	return sc == VS_CONN ? l->gateway : sc == VS_IFACE ? l->iface : l->tunnel;
}

/* Lines of one scope and one tunnel (or gateway for VS_CONN). */
static int
put_scope(const struct out *o, const struct flines *fl, enum vscope sc, int key, const char *indent)
{
	int n = 0;

	for (size_t i = 0; i < fl->n; i++) {
		const struct fline *l = &fl->l[i];
		if (l->scope == sc && (sc == VS_GLOBAL || scope_key(l, sc) == key)) {
			put(o, indent, l);
			n++;
		}
	}
	return n;
}

static int
has_scope(const struct flines *fl, enum vscope sc, int key)
{
	for (size_t i = 0; i < fl->n; i++)
		if (fl->l[i].scope == sc && scope_key(&fl->l[i], sc) == key)
			return 1;
	return 0;
}

__attribute__((format(printf, 2, 3))) static void
emitf(const struct out *o, const char *fmt, ...)
{
	char buf[260];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	o->emit(o->ctx, buf);
}

/* A block's first or last line with {gw}/{child}/{policy} filled; NULL
 * prints nothing. */
static void
put_tmpl3(const struct out *o, const char *tmpl, const char *gw, const char *child,
	  const char *policy)
{
	struct vkeys k = { .n = 0 };
	char text[260];

	if (!tmpl)
		return;
	vkeys_set(&k, "gw", gw);
	vkeys_set(&k, "child", child);
	vkeys_set(&k, "policy", policy);
	vendor_expand(text, sizeof(text), tmpl, &k);
	o->emit(o->ctx, text);
}

static void
put_tmpl(const struct out *o, const char *tmpl, const char *gw, const char *child)
{
	put_tmpl3(o, tmpl, gw, child, "");
}

/* Any line of scope sc (for any key). */
static int
any_scope(const struct flines *fl, enum vscope sc)
{
	for (size_t i = 0; i < fl->n; i++)
		if (fl->l[i].scope == sc)
			return 1;
	return 0;
}

static void
put_list(const struct out *o, const char *const *p)
{
	for (; p && *p; p++)
		o->emit(o->ctx, *p);
}

/* The lines of one interface or tunnel inside the block its style opens
 * (RTX pp select N / tunnel select N, IX interface NAME; an RTX LAN port's
 * lines are global: no block). */
/* The lines of one block: their indices in fl, in order. */
struct block_lines {
	const size_t *i;
	size_t n;
};

static void
put_block(const struct out *o, const struct flines *fl, struct block_lines b, const char *indent)
{
	for (size_t j = 0; j < b.n; j++)
		put(o, indent, &fl->l[b.i[j]]);
}

static void
iface_block(const struct out *o, const struct config *c, const struct flines *fl, enum vscope sc,
	    int key, const char *ifname, struct block_lines b)
{
	const struct vstyle *st = ifname ? vendor_style(o->d, ifname) : NULL;
	const char *open = st ? st->open : NULL;
	struct vkeys k;
	char text[260];

	k.n = 0;
	if (!ifname) {
		/* a tunnel that is no interface, leaving by one the file does
		 * not name: its lines as comments, never under the tunnel's
		 * own name (IOS rejects "interface MAP SEQ") */
		const char *tn;
		if (o->mode == M_ROLLBACK)
			return; /* nothing was added */
		tn = sc == VS_TUNNEL && key >= 0 && (size_t)key < c->ntunnels ? c->tunnels[key].name
									      : "?";
		emitf(o,
		      "%s %s is no interface, and no interface it leaves by is known: put these lines "
		      "under that interface",
		      o->lead, tn);
		for (size_t j = 0; j < b.n; j++) {
			struct fline l = fl->l[b.i[j]];
			l.comment = 1;
			put(o, "", &l);
		}
		return;
	}
	vkeys_iface(&k, st, ifname);
	if (open) {
		vendor_expand(text, sizeof(text), open, &k);
		o->emit(o->ctx, text);
	}
	put_block(o, fl, b, open ? o->d->indent : "");
	if (open && st->close)
		o->emit(o->ctx, st->close);
}

/* A line of scope sc by its block's key, then its place: the blocks in
 * index order, each block's lines in the order they were added. */
struct keyed {
	int key;
	size_t i;
};

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->key != y->key)
		return (x->key > y->key) - (x->key < y->key);
	return (x->i > y->i) - (x->i < y->i);
}

/* The interface (or tunnel) blocks in index order, for the interfaces the
 * lines name, each block given its own lines: one sort, not a walk over
 * every line per block (a hub of 20,000 peers was quadratic: minutes). */
static void
iface_blocks(const struct out *o, const struct config *c, const struct flines *fl, enum vscope sc)
{
	size_t count = sc == VS_IFACE ? c->nifaces : c->ntunnels, n = 0;
	struct keyed *keys = malloc((fl->n ? fl->n : 1) * sizeof(*keys));
	size_t *idx = malloc((fl->n ? fl->n : 1) * sizeof(*idx));

	if (!keys || !idx) {
		free(keys);
		free(idx);
		emitf(o, "%s out of memory: these lines are incomplete", o->lead);
		return;
	}
	for (size_t i = 0; i < fl->n; i++)
		if (fl->l[i].scope == sc)
			keys[n++] = (struct keyed){ scope_key(&fl->l[i], sc), i };
	qsort(keys, n, sizeof(*keys), cmp_keyed);
	for (size_t i = 0; i < n; i++)
		idx[i] = keys[i].i;
	for (size_t i = 0, end; i < n; i = end) {
		int k = keys[i].key;
		for (end = i + 1; end < n && keys[end].key == k;)
			end++;
		if (k < 0 || (size_t)k >= count)
			continue;
		iface_block(o, c, fl, sc, k,
			    sc == VS_IFACE ? c->ifaces[k].name : tunnel_ifname(&c->tunnels[k]),
			    (struct block_lines){ idx + i, end - i });
	}
	free(keys);
	free(idx);
}

/* A rollback line that removes what was not there before. */
static int
removes(const struct flines *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		if (!fl->l[i].comment && !fl->l[i].old)
			return 1;
	return 0;
}

/* A child line of connection g: one pass over the fix lines, not one per
 * tunnel (a hub of thousands of connections stays linear per finding). */
static int
any_child(const struct config *c, const struct flines *fl, size_t g)
{
	for (size_t i = 0; i < fl->n; i++) {
		int t = fl->l[i].tunnel;
		if (fl->l[i].scope == VS_CHILD && t >= 0 && (size_t)t < c->ntunnels &&
		    c->tunnels[t].gateway == (int)g)
			return 1;
	}
	return 0;
}

/* Connection blocks (swanctl.conf: a connection, its children section and
 * each child), for layouts that have them. */
static void
conn_blocks(const struct out *o, const struct config *c, const struct flines *fl)
{
	const struct vfixes *x = o->x;
	int conns = any_scope(fl, VS_CONN) || (!x->children_apart && any_scope(fl, VS_CHILD));

	if (conns)
		put_tmpl(o, x->conns_sec.open, "", "");
	for (size_t g = 0; conns && g < c->ngateways; g++) {
		const char *gw = c->gateways[g].name;
		int child = !x->children_apart && any_child(c, fl, g);
		if (!child && !has_scope(fl, VS_CONN, (int)g))
			continue;
		put_tmpl(o, x->conn.open, gw, "");
		put_scope(o, fl, VS_CONN, (int)g, x->conn.indent);
		if (child) {
			put_tmpl(o, x->children.open, gw, "");
			for (size_t t = 0; t < c->ntunnels; t++) {
				if (c->tunnels[t].gateway != (int)g ||
				    !has_scope(fl, VS_CHILD, (int)t))
					continue;
				put_tmpl(o, x->child.open, gw, c->tunnels[t].name);
				put_scope(o, fl, VS_CHILD, (int)t, x->child.indent);
				put_tmpl(o, x->child.close, gw, c->tunnels[t].name);
			}
			put_tmpl(o, x->children.close, gw, "");
		}
		put_tmpl(o, x->conn.close, gw, "");
	}
	if (conns)
		put_tmpl(o, x->conns_sec.close, "", "");
	if (!x->children_apart || !any_scope(fl, VS_CHILD))
		return;
	/* children as a section of their own (FortiOS phase2-interface) */
	put_tmpl(o, x->children.open, "", "");
	for (size_t t = 0; t < c->ntunnels; t++) {
		const struct config_tunnel *tu = &c->tunnels[t];
		const char *gw = tu->gateway >= 0 && (size_t)tu->gateway < c->ngateways
					 ? c->gateways[tu->gateway].name
					 : "";
		if (!has_scope(fl, VS_CHILD, (int)t))
			continue;
		put_tmpl3(o, x->child.open, gw, tu->name, tu->policy_name);
		put_scope(o, fl, VS_CHILD, (int)t, x->child.indent);
		put_tmpl3(o, x->child.close, gw, tu->name, tu->policy_name);
	}
	put_tmpl(o, x->children.close, "", "");
}

/* The vendor's layout (struct vfixes): header, preamble, global lines
 * first or last, the interface and tunnel blocks, the connections,
 * postamble, footer. */
static void
blocks(const struct out *o, const struct config *c, const struct flines *fl, int final)
{
	const struct vfixes *x = o->x;
	const char *footer;

	if (final && x->header)
		emitf(o, "%s %s", o->lead, x->header);
	if (o->mode == M_ROLLBACK && x->undo_note && removes(fl))
		emitf(o, "%s %s", o->lead, x->undo_note);
	put_list(o, x->preamble);
	if (x->global_first)
		put_scope(o, fl, VS_GLOBAL, 0, "");
	if (any_scope(fl, VS_IFACE) || any_scope(fl, VS_TUNNEL))
		put_tmpl(o, x->ifaces_sec.open, "", "");
	iface_blocks(o, c, fl, VS_IFACE);
	iface_blocks(o, c, fl, VS_TUNNEL);
	if (any_scope(fl, VS_IFACE) || any_scope(fl, VS_TUNNEL))
		put_tmpl(o, x->ifaces_sec.close, "", "");
	if (x->conn.open)
		conn_blocks(o, c, fl);
	put_list(o, x->postamble);
	if (!x->global_first)
		put_scope(o, fl, VS_GLOBAL, 0, "");
	footer = x->dialect[c->dialect == CONFIG_DIALECT_LIBRESWAN].footer;
	if (!footer)
		footer = x->footer;
	if (final && footer)
		emitf(o, "%s %s", o->lead, footer);
}

static void
drop_comments(struct flines *fl)
{
	size_t n = 0;

	for (size_t i = 0; i < fl->n; i++)
		if (!fl->l[i].comment)
			fl->l[n++] = fl->l[i];
	fl->n = n;
}

/* A line the configuration already has, as written: a fix's other lines
 * need it (ipsec.conf DPD: dpddelay=10 beside a new dpdtimeout), but the
 * change set does not set it again, nor the rollback put it back. */
static void
drop_unchanged(struct flines *fl)
{
	size_t n = 0;

	for (size_t i = 0; i < fl->n; i++)
		if (fl->l[i].comment || !fl->l[i].old || strcmp(fl->l[i].old, fl->l[i].text) != 0)
			fl->l[n++] = fl->l[i];
	fl->n = n;
}

/* A vendor with no fix rows: every fix says so, as a global comment. */
static const struct vfixes no_fixes;

static void
lines_in(const struct audit_result *r, const struct audit_finding *only, enum mode mode,
	 void (*emit)(void *ctx, const char *line), void *ctx)
{
	const struct vendor_def *d = &vendor_defs[r->cfg->vendor];
	struct flines fl = { 0 };
	struct out o = { emit, ctx, d->comment, mode, d, d->fixes ? d->fixes : &no_fixes };
	int final = mode == M_CHANGE;

	collect(r, only, &fl);
	free(fl.slot); /* the lines are known: no more duplicates to find */
	fl.slot = NULL;
	fl.nslot = 0;
	if (mode == M_ROLLBACK)
		drop_comments(&fl); /* a line printed only as a comment changed nothing */
	if (mode != M_FIX)
		drop_unchanged(&fl); /* the fix's line is already the configuration's */
	if (fl.nomem)
		emitf(&o, "%s out of memory: these lines are incomplete", o.lead);
	if (fl.toolong)
		emitf(&o,
		      "%s a line longer than %zu bytes was left out: these lines are incomplete",
		      o.lead, sizeof(fl.l[0].text) - 1);
	if (!fl.n) {
		free(fl.l);
		return;
	}
	blocks(&o, r->cfg, &fl, final);
	free(fl.l);
}

void
audit_fix_lines(const struct audit_result *r, const struct audit_finding *only,
		void (*emit)(void *ctx, const char *line), void *ctx)
{
	lines_in(r, only, only ? M_FIX : M_CHANGE, emit, ctx);
}

void
audit_rollback_lines(const struct audit_result *r, void (*emit)(void *ctx, const char *line),
		     void *ctx)
{
	lines_in(r, NULL, M_ROLLBACK, emit, ctx);
}
