/* SPDX-License-Identifier: BSD-2-Clause */
/* The audit's fixes in each vendor's own syntax, inside the mode blocks
 * they belong in. Only syntax confirmed in doc/vendor-syntax.md
 * and doc/router-facts.md is printed as a command; anything else becomes a
 * comment saying so. One table row per (vendor, fix, IKE version), naming
 * the setting the line replaces, so that the change set shows each old
 * line ("was: ...") and a rollback block restores exactly the old lines. */
#include "render/audit_out.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(x) (sizeof(x) / sizeof((x)[0]))

enum scope { S_GLOBAL, S_TUNNEL, S_CONN, S_CHILD, S_IFACE };

/* The configuration setting a fix line replaces: where its old line is. */
enum field {
	F_NONE, F_T_MTU, F_T_MSS, F_T_MSS6, F_T_DF, F_T_DPD, F_T_CONNECT, F_T_RESPONDER, F_T_NATT,
	F_G_KEEPALIVE, F_G_REFRESH, F_G_COMPAT, F_G_NATT, F_G_LOCAL_ID, F_G_REMOTE_ID, F_G_START,
	F_G_DPD_ACTION, F_G_DPD_TIMEOUT, F_C_REFRESH, F_C_NATT, F_I_MTU,
};

struct syntax {
	enum config_vendor v;
	enum audit_fix_kind k;
	int ike;                  /* 0 either, 1 IKEv1 only, 2 IKEv2 only */
	enum scope scope;
	const char *tmpl;         /* {n} {mss} {gw} {ka} {policy} {acl} {sec} {timeout} {encaps}; NULL: the note alone */
	const char *note;         /* printed as a comment before the line, or NULL */
	enum field field;         /* the setting it replaces (F_NONE: adds a line) */
};

static const char seen_ix[] = "seen in published IX configurations (no NEC reference found)";

static const struct syntax table[] = {
	/* Yamaha RTX command reference 8.1.4, 8.1.21, 30.1.3, 15.10, 15.19-20,
	 * 15.16, 15.28, 15.48.5, 15.49.2 */
	{ CONFIG_RTX, FIX_TUNNEL_MTU, 0, S_TUNNEL, "ip tunnel mtu {n}", NULL, F_T_MTU },
	{ CONFIG_RTX, FIX_WAN_MTU, 0, S_IFACE, "ip {ifkw} mtu {n}", NULL, F_I_MTU },
	{ CONFIG_RTX, FIX_TUNNEL_MSS, 0, S_TUNNEL, "ip tunnel tcp mss limit {mss}", NULL, F_T_MSS },
	{ CONFIG_RTX, FIX_TUNNEL_MSS6, 0, S_TUNNEL, "ipv6 tunnel tcp mss limit {n}", NULL, F_T_MSS6 },
	{ CONFIG_RTX, FIX_DF_COPY, 0, S_TUNNEL, "ipsec tunnel outer df-bit copy", NULL, F_T_DF },
	{ CONFIG_RTX, FIX_KEEPALIVE, 0, S_GLOBAL, "ipsec ike keepalive use {gw} on {ka}", NULL, F_G_KEEPALIVE },
	{ CONFIG_RTX, FIX_REFRESH_GLOBAL_ON, 0, S_GLOBAL, "ipsec auto refresh on", NULL, F_C_REFRESH },
	{ CONFIG_RTX, FIX_REFRESH_GW_ON, 0, S_GLOBAL, "ipsec auto refresh {gw} on", NULL, F_G_REFRESH },
	{ CONFIG_RTX, FIX_REFRESH_GW_OFF, 0, S_GLOBAL, "ipsec auto refresh {gw} off", NULL, F_G_REFRESH },
	{ CONFIG_RTX, FIX_BACKCOMPAT2, 0, S_GLOBAL, "ipsec ike backward-compatibility {gw} 2", NULL, F_G_COMPAT },
	{ CONFIG_RTX, FIX_NATT_ON, 0, S_GLOBAL, "ipsec ike nat-traversal {gw} on", NULL, F_G_NATT },
	{ CONFIG_RTX, FIX_SELECTORS_ANY, 0, S_GLOBAL, "ipsec ike local id {gw} 0.0.0.0/0", NULL, F_G_LOCAL_ID },
	{ CONFIG_RTX, FIX_SELECTORS_ANY, 0, S_GLOBAL, "ipsec ike remote id {gw} 0.0.0.0/0", NULL, F_G_REMOTE_ID },
	/* NEC IX: doc/router-facts.md and doc/vendor-syntax.md (Oracle's template and
	 * real configurations) */
	{ CONFIG_IX, FIX_TUNNEL_MTU, 0, S_TUNNEL, "ip mtu {n}", NULL, F_T_MTU },
	{ CONFIG_IX, FIX_WAN_MTU, 0, S_IFACE, "ip mtu {n}", NULL, F_I_MTU },
	{ CONFIG_IX, FIX_TUNNEL_MSS, 0, S_TUNNEL, "ip tcp adjust-mss {mss}", NULL, F_T_MSS },
	{ CONFIG_IX, FIX_TUNNEL_MSS6, 0, S_TUNNEL, "ipv6 tcp adjust-mss {n}", NULL, F_T_MSS6 },
	{ CONFIG_IX, FIX_KEEPALIVE, 2, S_TUNNEL, "ikev2 dpd interval {sec}", NULL, F_T_DPD },
	{ CONFIG_IX, FIX_KEEPALIVE, 1, S_GLOBAL, "ike keepalive {policy} {sec} {count}",
	  "whether ike keepalive is RFC 3706 DPD was not found; Oracle's template uses a watch-group instead", F_NONE },
	{ CONFIG_IX, FIX_INITIATE, 2, S_TUNNEL, "ikev2 connect-type auto", NULL, F_T_CONNECT },
	{ CONFIG_IX, FIX_RESPOND_ONLY, 2, S_TUNNEL, "ikev2 negotiation-direction responder", NULL, F_T_RESPONDER },
	{ CONFIG_IX, FIX_NATT_ON, 1, S_GLOBAL, "ike nat-traversal", NULL, F_C_NATT },
	{ CONFIG_IX, FIX_NATT_ON, 2, S_TUNNEL, "ikev2 nat-traversal keepalive 30 force", NULL, F_T_NATT },
	{ CONFIG_IX, FIX_SELECTORS_ANY, 1, S_GLOBAL, "ip access-list {acl} permit ip src any dest any", NULL, F_NONE },
	/* swanctl.conf(5) */
	{ CONFIG_STRONGSWAN, FIX_KEEPALIVE, 0, S_CONN, "dpd_delay = {sec}s", NULL, F_G_KEEPALIVE },
	{ CONFIG_STRONGSWAN, FIX_INITIATE, 0, S_CHILD, "start_action = start", NULL, F_G_START },
	{ CONFIG_STRONGSWAN, FIX_DPD_RESTART, 0, S_CHILD, "dpd_action = restart", NULL, F_G_DPD_ACTION },
	{ CONFIG_STRONGSWAN, FIX_RESPOND_ONLY, 0, S_CHILD, "start_action = none", NULL, F_G_START },
	{ CONFIG_STRONGSWAN, FIX_NATT_ON, 0, S_CONN, "encap = yes", NULL, F_G_NATT },
	{ CONFIG_STRONGSWAN, FIX_SELECTORS_ANY, 0, S_CHILD, "local_ts = 0.0.0.0/0", NULL, F_G_LOCAL_ID },
	{ CONFIG_STRONGSWAN, FIX_SELECTORS_ANY, 0, S_CHILD, "remote_ts = 0.0.0.0/0", NULL, F_G_REMOTE_ID },
	/* ipsec.conf(5), strongSwan and Libreswan: inside the conn. DPD: the
	 * interval in plain seconds (both, and AWS's Openswan instructions,
	 * write dpddelay=10), dpdtimeout for IKEv1 (Libreswan needs it there),
	 * dpdaction=restart (strongSwan runs DPD only with an action). */
	{ CONFIG_IPSECCONF, FIX_KEEPALIVE, 0, S_CONN, "dpddelay={sec}", NULL, F_T_DPD },
	{ CONFIG_IPSECCONF, FIX_KEEPALIVE, 1, S_CONN, "dpdtimeout={timeout}", NULL, F_G_DPD_TIMEOUT },
	{ CONFIG_IPSECCONF, FIX_KEEPALIVE, 0, S_CONN, "dpdaction=restart", NULL, F_G_DPD_ACTION },
	{ CONFIG_IPSECCONF, FIX_DPD_RESTART, 0, S_CONN, "dpdaction=restart", NULL, F_G_DPD_ACTION },
	{ CONFIG_IPSECCONF, FIX_INITIATE, 0, S_CONN, "auto=start", NULL, F_G_START },
	{ CONFIG_IPSECCONF, FIX_RESPOND_ONLY, 0, S_CONN, "auto=add", NULL, F_G_START },
	{ CONFIG_IPSECCONF, FIX_NATT_ON, 0, S_CONN, "{encaps}=yes", NULL, F_G_NATT },
	{ CONFIG_IPSECCONF, FIX_SELECTORS_ANY, 0, S_CONN, "leftsubnet=0.0.0.0/0", NULL, F_G_LOCAL_ID },
	{ CONFIG_IPSECCONF, FIX_SELECTORS_ANY, 0, S_CONN, "rightsubnet=0.0.0.0/0", NULL, F_G_REMOTE_ID },
	{ CONFIG_IPSECCONF, FIX_TUNNEL_MTU, 0, S_CONN, "mtu={n}",
	  "mtu= is Libreswan's (the MTU of the conn's routes); strongSwan has none: set the route or interface MTU", F_T_MTU },
	/* no line: ipsec.conf has no clamp, only the comment says where it lives */
	{ CONFIG_IPSECCONF, FIX_TUNNEL_MSS, 0, S_CONN, NULL,
	  "the MSS clamp (MTU - 40) is not expressible in ipsec.conf: set it in iptables or nftables (mtuprobe calc --vendor linux prints the rule)", F_NONE },
};

struct fline {
	enum scope scope;
	int tunnel, gateway;
	int comment;
	char text[200];
	int iface;                /* S_IFACE: index in config.ifaces */
	const char *old;          /* the line it replaces as written, NULL when not set */
	int replaces;             /* it replaces a setting (field != F_NONE) */
};

struct flines {
	struct fline *l;
	size_t n, cap;
	int nomem;                /* a line could not be kept: said in the output */
};

static const char *
gw_name(const struct config *c, int g)
{
	return g >= 0 && (size_t)g < c->ngateways ? c->gateways[g].name : "?";
}

static void
expand(const struct config *c, const struct syntax *s, const struct audit_fix *f,
       char *out, size_t len)
{
	const char *p = s->tmpl;
	size_t n = 0;

	out[0] = '\0';
	while (*p && n + 1 < len) {
		char val[96];
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		if (!end) {
			out[n++] = *p++;
			out[n] = '\0';
			continue;
		}
		if (strncmp(p, "{n}", 3) == 0)
			snprintf(val, sizeof(val), "%ld", f->n);
		else if (strncmp(p, "{mss}", 5) == 0)
			snprintf(val, sizeof(val), f->n ? "%ld" : "auto", f->n);
		else if (strncmp(p, "{ifkw}", 6) == 0)
			/* RTX: ip pp mtu inside pp select, ip lanN mtu global (8.1.4) */
			snprintf(val, sizeof(val), "%s", f->iface >= 0 && strncmp(c->ifaces[f->iface].name, "pp", 2) == 0
				 ? "pp" : f->iface >= 0 ? c->ifaces[f->iface].name : "?");
		else if (strncmp(p, "{gw}", 4) == 0)
			snprintf(val, sizeof(val), "%s", gw_name(c, f->gateway));
		else if (strncmp(p, "{ka}", 4) == 0)
			/* 15.20: dpd (IKEv1, RFC 3706) or rfc4306 (IKEv2), then interval count */
			snprintf(val, sizeof(val), f->n ? "%s %ld %ld" : "%s", f->ikev2 ? "rfc4306" : "dpd",
				 f->n, f->m ? f->m : 6);
		else if (strncmp(p, "{sec}", 5) == 0)
			snprintf(val, sizeof(val), "%ld", f->n ? f->n : 10);
		else if (strncmp(p, "{timeout}", 9) == 0)
			/* the peer's interval x count: AWS's 10 x 3 is its sample's dpdtimeout=30 */
			snprintf(val, sizeof(val), "%ld", (f->n ? f->n : 10) * (f->m ? f->m : 3));
		else if (strncmp(p, "{encaps}", 8) == 0)
			/* Libreswan replaced forceencaps with encapsulation (its ipsec.conf(5)) */
			snprintf(val, sizeof(val), "%s", c->dialect == CONFIG_DIALECT_LIBRESWAN ? "encapsulation" : "forceencaps");
		else if (strncmp(p, "{count}", 7) == 0)
			snprintf(val, sizeof(val), "%ld", f->m ? f->m : 3);
		else if (strncmp(p, "{policy}", 8) == 0)
			snprintf(val, sizeof(val), "%s", f->gateway >= 0 ? c->gateways[f->gateway].policy : "?");
		else
			snprintf(val, sizeof(val), "%s", f->gateway >= 0 ? c->gateways[f->gateway].acl : "?");
		n += (size_t)snprintf(out + n, len - n, "%s", val);
		if (n >= len)
			n = len - 1;
		p = end + 1;
	}
}

/* The line a fix replaces, as the configuration has it; NULL when the
 * setting is not in the configuration (the default applies). */
static const char *
old_line(const struct config *c, enum field fd, int t, int g, int ifc)
{
	const struct config_tunnel *tu = t >= 0 && (size_t)t < c->ntunnels ? &c->tunnels[t] : NULL;
	const struct config_gateway *gw = g >= 0 && (size_t)g < c->ngateways ? &c->gateways[g] : NULL;
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
	case F_G_KEEPALIVE: n = gw ? &gw->keepalive : NULL; break;
	case F_G_REFRESH: n = gw ? &gw->refresh : NULL; break;
	case F_G_COMPAT: n = gw ? &gw->compat : NULL; break;
	case F_G_NATT: n = gw ? &gw->natt : NULL; break;
	case F_G_START: n = gw ? &gw->start_action : NULL; break;
	case F_G_DPD_ACTION: n = gw ? &gw->dpd_action : NULL; break;
	case F_G_DPD_TIMEOUT: n = gw ? &gw->dpd_timeout : NULL; break;
	case F_G_LOCAL_ID: p = gw ? &gw->local_id : NULL; break;
	case F_G_REMOTE_ID: p = gw ? &gw->remote_id : NULL; break;
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

static void
add(struct flines *o, enum scope sc, const struct audit_fix *f, int comment, const char *text)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->l[i].scope == sc && o->l[i].tunnel == f->tunnel && o->l[i].iface == f->iface &&
		    strcmp(o->l[i].text, text) == 0)
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
}

static void
collect_one(const struct config *c, const struct audit_fix *f, struct flines *o)
{
	char line[200];
	int found = 0;

	for (size_t i = 0; i < COUNT(table); i++) {
		const struct syntax *s = &table[i];
		if (s->v != c->vendor || s->k != f->kind || (s->ike && s->ike != (f->ikev2 ? 2 : 1)))
			continue;
		if (s->note)
			add(o, s->scope, f, 1, s->note);
		found = 1;
		if (!s->tmpl)
			continue;
		expand(c, s, f, line, sizeof(line));
		add(o, s->scope, f, 0, line);
		if (o->n && !o->l[o->n - 1].comment && strcmp(o->l[o->n - 1].text, line) == 0) {
			o->l[o->n - 1].replaces = s->field != F_NONE;
			o->l[o->n - 1].old = old_line(c, s->field, f->tunnel, f->gateway, f->iface);
		}
	}
	if (!found)
		add(o, S_GLOBAL, f, 1, "no confirmed syntax for this fix on this router: change it by hand");
}

static void
collect(const struct audit_result *r, const struct audit_finding *only, struct flines *o)
{
	o->n = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct audit_finding *f = &r->findings[i];
		if (only && f != only)
			continue;
		for (size_t k = 0; k < f->nfix; k++)
			collect_one(r->cfg, &f->fix[k], o);
	}
}

/* What a block prints: the fix lines alone (one finding), the change set
 * (every fix, each after a comment with the line it replaces), or the
 * rollback (the old lines back, or the vendor's way to remove a new one). */
enum mode { M_FIX, M_CHANGE, M_ROLLBACK };

/* How each format removes a line that was not there before: RTX's "no"
 * form (every RTX configuration command has one, command reference 1.4),
 * IX's Cisco-like "no" (UNCONFIRMED: said once in the block's header),
 * swanctl: the line is deleted by hand (a comment says which). */
static const struct {
	enum config_vendor v;
	const char *prefix;       /* NULL: no command removes it */
} undo[] = {
	{ CONFIG_RTX, "no " }, { CONFIG_IX, "no " }, { CONFIG_STRONGSWAN, NULL },
	{ CONFIG_IPSECCONF, NULL },
};

struct out {
	void (*emit)(void *ctx, const char *line);
	void *ctx;
	const char *lead;         /* comment leader */
	enum mode mode;
	enum config_vendor v;
};

static void
put(const struct out *o, const char *indent, const struct fline *l)
{
	char buf[460];
	const char *prefix = NULL;

	for (size_t i = 0; i < COUNT(undo); i++)
		if (undo[i].v == o->v)
			prefix = undo[i].prefix;
	if (o->mode == M_ROLLBACK) {
		if (l->comment)
			return;
		if (l->old)
			snprintf(buf, sizeof(buf), "%s%s", indent, l->old);
		else if (prefix)
			snprintf(buf, sizeof(buf), "%s%s%s", indent, prefix, l->text);
		else
			snprintf(buf, sizeof(buf), "%s%s remove the line '%s': it was not set", indent,
				 o->lead, l->text);
		o->emit(o->ctx, buf);
		return;
	}
	if (o->mode == M_CHANGE && !l->comment && l->replaces) {
		snprintf(buf, sizeof(buf), "%s%s was: %s", indent, o->lead, l->old ? l->old : "not set");
		o->emit(o->ctx, buf);
	}
	if (l->comment)
		snprintf(buf, sizeof(buf), "%s%s %s", indent, o->lead, l->text);
	else
		snprintf(buf, sizeof(buf), "%s%s", indent, l->text);
	o->emit(o->ctx, buf);
}

/* Lines of one scope and one tunnel (or gateway for S_CONN). */
static int
put_scope(const struct out *o, const struct flines *fl, enum scope sc, int key,
	  const char *indent)
{
	int n = 0;

	for (size_t i = 0; i < fl->n; i++) {
		const struct fline *l = &fl->l[i];
		int k = sc == S_CONN ? l->gateway : sc == S_IFACE ? l->iface : l->tunnel;
		if (l->scope == sc && (sc == S_GLOBAL || k == key)) {
			put(o, indent, l);
			n++;
		}
	}
	return n;
}

static int
has_scope(const struct flines *fl, enum scope sc, int key)
{
	for (size_t i = 0; i < fl->n; i++)
		if (fl->l[i].scope == sc &&
		    (sc == S_CONN ? fl->l[i].gateway : sc == S_IFACE ? fl->l[i].iface : fl->l[i].tunnel) == key)
			return 1;
	return 0;
}

__attribute__((format(printf, 2, 3)))
static void
emitf(const struct out *o, const char *fmt, ...)
{
	char buf[260];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	o->emit(o->ctx, buf);
}

/* RTX: tunnel lines between tunnel select N and tunnel select none (8.1);
 * ipsec ike / auto refresh lines are global; save persists (RTX manual). */
static void
rtx_blocks(const struct out *o, const struct config *c, const struct flines *fl, int final)
{
	/* the line first: pp N inside pp select (8.1.4), a LAN port global */
	for (size_t i = 0; i < c->nifaces; i++) {
		int pp = strncmp(c->ifaces[i].name, "pp", 2) == 0;
		if (!has_scope(fl, S_IFACE, (int)i))
			continue;
		if (pp)
			emitf(o, "pp select %s", c->ifaces[i].name + 2);
		put_scope(o, fl, S_IFACE, (int)i, "");
		if (pp)
			emitf(o, "pp select none");
	}
	for (size_t t = 0; t < c->ntunnels; t++) {
		if (!has_scope(fl, S_TUNNEL, (int)t))
			continue;
		emitf(o, "tunnel select %s", c->tunnels[t].id);
		put_scope(o, fl, S_TUNNEL, (int)t, "");
		emitf(o, "tunnel select none");
	}
	put_scope(o, fl, S_GLOBAL, 0, "");
	/* Saving is the engineer's call once the lines are checked: a comment. */
	if (final)
		emitf(o, "# to keep it after a restart: save");
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

/* IX: configure, global lines, then each interface; write memory persists
 * (doc/vendor-syntax.md). Leaving interface mode first is not confirmed. */
static void
ix_blocks(const struct out *o, const struct config *c, const struct flines *fl, int final)
{
	if (final)
		emitf(o, "! IX syntax %s", seen_ix);
	if (o->mode == M_ROLLBACK && removes(fl))
		emitf(o, "! removing a line with 'no' is UNCONFIRMED for IX (its CLI is Cisco-like)");
	emitf(o, "configure");
	put_scope(o, fl, S_GLOBAL, 0, "");
	for (size_t i = 0; i < c->nifaces; i++) {
		if (!has_scope(fl, S_IFACE, (int)i))
			continue;
		emitf(o, "interface %s", c->ifaces[i].name);
		put_scope(o, fl, S_IFACE, (int)i, "  ");
	}
	for (size_t t = 0; t < c->ntunnels; t++) {
		if (!has_scope(fl, S_TUNNEL, (int)t))
			continue;
		emitf(o, "interface %s", c->tunnels[t].name);
		put_scope(o, fl, S_TUNNEL, (int)t, "  ");
	}
	if (final) {
		emitf(o, "! to keep it after a reload: write memory (UNCONFIRMED whether it is taken "
		      "inside interface mode; if not, leave it first)");
	}
}

/* A child line of connection g: one pass over the fix lines, not one per
 * tunnel (a hub of thousands of connections stays linear per finding). */
static int
any_child(const struct config *c, const struct flines *fl, size_t g)
{
	for (size_t i = 0; i < fl->n; i++) {
		int t = fl->l[i].tunnel;
		if (fl->l[i].scope == S_CHILD && t >= 0 && (size_t)t < c->ntunnels &&
		    c->tunnels[t].gateway == (int)g)
			return 1;
	}
	return 0;
}

/* swanctl.conf: the settings inside their connection and child sections,
 * to merge into the file; swanctl --load-all loads it. */
static void
swan_blocks(const struct out *o, const struct config *c, const struct flines *fl, int final)
{
	emitf(o, "connections {");
	for (size_t g = 0; g < c->ngateways; g++) {
		int child = any_child(c, fl, g);
		if (!child && !has_scope(fl, S_CONN, (int)g))
			continue;
		emitf(o, "    %s {", c->gateways[g].name);
		put_scope(o, fl, S_CONN, (int)g, "        ");
		if (!child) {
			emitf(o, "    }");
			continue;
		}
		emitf(o, "        children {");
		for (size_t t = 0; t < c->ntunnels; t++) {
			if (c->tunnels[t].gateway != (int)g || !has_scope(fl, S_CHILD, (int)t))
				continue;
			emitf(o, "            %s {", c->tunnels[t].name);
			put_scope(o, fl, S_CHILD, (int)t, "                ");
			emitf(o, "            }");
		}
		emitf(o, "        }");
		emitf(o, "    }");
	}
	emitf(o, "}");
	put_scope(o, fl, S_GLOBAL, 0, "");
	if (final)
		emitf(o, "# merge into swanctl.conf, then: swanctl --load-all");
}

/* ipsec.conf: the keys inside their conn sections, to merge into the
 * file; strongSwan's ipsec update reloads changed conns, Libreswan
 * replaces one conn at a time. */
static void
ipc_blocks(const struct out *o, const struct config *c, const struct flines *fl, int final)
{
	for (size_t g = 0; g < c->ngateways; g++) {
		if (!has_scope(fl, S_CONN, (int)g))
			continue;
		emitf(o, "conn %s", c->gateways[g].name);
		put_scope(o, fl, S_CONN, (int)g, "    ");
	}
	put_scope(o, fl, S_GLOBAL, 0, "");
	if (final && c->dialect == CONFIG_DIALECT_LIBRESWAN)
		emitf(o, "# merge into ipsec.conf, then for each conn: ipsec auto --replace NAME (Libreswan 5: ipsec replace NAME)");
	else if (final)
		emitf(o, "# merge into ipsec.conf, then: ipsec update");
}

static void
lines_in(const struct audit_result *r, const struct audit_finding *only, enum mode mode,
	 void (*emit)(void *ctx, const char *line), void *ctx)
{
	struct flines fl = { NULL, 0, 0, 0 };
	struct out o = { emit, ctx, r->cfg->vendor == CONFIG_IX ? "!" : "#", mode, r->cfg->vendor };
	int final = mode == M_CHANGE;

	collect(r, only, &fl);
	if (fl.nomem)
		emitf(&o, "%s out of memory: these lines are incomplete", o.lead);
	if (!fl.n) {
		free(fl.l);
		return;
	}
	if (r->cfg->vendor == CONFIG_RTX)
		rtx_blocks(&o, r->cfg, &fl, final);
	else if (r->cfg->vendor == CONFIG_IX)
		ix_blocks(&o, r->cfg, &fl, final);
	else if (r->cfg->vendor == CONFIG_IPSECCONF)
		ipc_blocks(&o, r->cfg, &fl, final);
	else
		swan_blocks(&o, r->cfg, &fl, final);
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
