/* SPDX-License-Identifier: BSD-2-Clause */
/* Cisco IOS after its lines are read (config/ios.c): names resolved and
 * every IKE peer turned into one gateway of the site model with its
 * vendor-neutral view (config.h: live, start).
 *
 * A tunnel interface (a static VTI: tunnel mode ipsec ipv4 + tunnel
 * protection ipsec profile P) is bound to its peer this way: P's set
 * ikev2-profile (IKEv2) or set isakmp-profile names it; else the isakmp
 * profile whose match identity address covers the tunnel destination (how
 * AWS's sample ties them); else a crypto keyring or crypto isakmp key for
 * that address, as an IKEv1 peer named by the address. Each crypto map
 * entry (crypto map NAME SEQ ipsec-isakmp) is a peer of its own and a
 * policy-based tunnel named after the entry, its selectors the widest
 * permit line of its match address ACL.
 *
 * Facts and their sources (doc/vendor-syntax.md, Cisco IOS/IOS-XE):
 *  - DPD: crypto isakmp keepalive S [R] [periodic|on-demand] (IKEv1,
 *    global; keepalive S retry R in an isakmp profile), dpd I R
 *    on-demand|periodic in an ikev2 profile or crypto ikev2 dpd globally.
 *    Without one of them IOS sends none (Cisco's "IPsec Dead Peer Detection
 *    Periodic Message Option": DPD is what the command turns on; its
 *    default mode is on-demand). How many retransmissions IOS sends before
 *    it declares the peer dead is in no Cisco document we have, so
 *    dead_after is a lower bound: S plus one retry interval.
 *  - Initiation: a crypto map entry starts IKE when outbound traffic
 *    matches it (Cisco's crypto map description: "If a crypto map entry
 *    sees outbound IP traffic that requires protection, an SA is
 *    negotiated with the remote peer"); a dynamic crypto map entry never
 *    does ("If a dynamic crypto map entry sees outbound traffic that should
 *    be protected and no security association exists, the packet is
 *    dropped"). Whether a static VTI starts IKE on its own was not found
 *    in a Cisco document: UNKNOWN.
 *  - Selectors: a static VTI proxies IP any any only (Cisco's IPsec
 *    Virtual Tunnel Interface guide, Restrictions: "Only strict IP ANY ANY
 *    proxy is supported").
 *  - DF: crypto ipsec df-bit clear|set|copy is global: every IPsec tunnel's.
 *  - Tunnel MTU without ip mtu: no Cisco document at hand states the
 *    value IOS computes for an IPsec tunnel: unknown (config.c facts). */
#include "config/ios_int.h"

#include <stdio.h>
#include <string.h>

static void
fake_line(struct cfg_line *l, unsigned no, const char *text)
{
	memset(l, 0, sizeof(*l));
	l->no = no;
	cfg_copy(l->text, sizeof(l->text), text);
}

static int
covers(const struct config_prefix *p, const struct config_prefix *a)
{
	if (!p->line || !a->line || p->tmpl || a->tmpl || p->plen > 32 || a->plen != 32)
		return 0;
	return p->plen == 0 || ((p->addr ^ a->addr) >> (32 - p->plen)) == 0;
}

/* The row of table t whose addr covers the address a, or NULL. */
static const struct ios_row *
by_addr(const struct cfg_ctx *x, enum ios_tab t, const struct config_prefix *a)
{
	const struct ios_row *best = NULL;

	for (size_t i = 0; i < x->t[t].n; i++) {
		const struct ios_row *r = &x->t[t].row[i];
		if (covers(&r->addr, a) && (!best || r->addr.plen > best->addr.plen))
			best = r;
	}
	return best;
}

/* The key for peer address a: a keyring's (the named one first), then
 * crypto isakmp key, then an ikev2 keyring peer's. */
static void
psk_for(const struct cfg_ctx *x, struct config_gateway *g, const char *keyring, int v2)
{
	const struct ios_row *r = NULL;

	if (v2)
		r = by_addr(x, T_V2_PEER, &g->remote_addr);
	for (size_t i = 0; !v2 && !r && i < x->t[T_KEYRING_PSK].n; i++) {
		const struct ios_row *k = &x->t[T_KEYRING_PSK].row[i];
		if ((!keyring || !keyring[0] || strcmp(k->a, keyring) == 0) &&
		    covers(&k->addr, &g->remote_addr))
			r = k;
	}
	if (!v2 && !r)
		r = by_addr(x, T_KEYRING_PSK, &g->remote_addr);
	if (!v2 && !r)
		r = by_addr(x, T_ISAKMP_KEY, &g->remote_addr);
	if (r)
		g->psk = r->psk;
}

/* DPD: the ikev2 profile's or the global one (IKEv2), the isakmp profile's
 * or crypto isakmp keepalive (IKEv1); none: off. */
static void
live(const struct cfg_ctx *x, struct config_gateway *g, const struct ios_row *prof, int v2)
{
	const struct config_num *n;
	long retry;
	int mode;

	memset(&g->live, 0, sizeof(g->live));
	if (v2) {
		int own = prof && prof->dpd.line;
		n = own ? &prof->dpd : &x->v2_dpd;
		retry = own ? prof->dpd_retry : x->v2_retry;
		mode = own ? prof->dpd_mode : x->v2_mode;
	} else {
		int own = prof && prof->dpd.line;
		n = own ? &prof->dpd : &x->keepalive;
		retry = own ? prof->dpd_retry : x->ka_retry;
		mode = own ? (x->keepalive.line ? x->ka_mode : CONFIG_LIVE_ON_DEMAND) : x->ka_mode;
	}
	g->live.dead_after = -1;
	if (!n->line) {
		g->live.state = CONFIG_LIVE_OFF;
		return;
	}
	g->live.src = *n;
	if (n->tmpl) {
		g->live.state = CONFIG_LIVE_UNKNOWN;
		return;
	}
	g->live.state = mode == CONFIG_LIVE_ON ? CONFIG_LIVE_ON : CONFIG_LIVE_ON_DEMAND;
	g->live.interval = n->v;
	g->live.retries = 0; /* IOS sets a retry interval, not a count */
	g->live.dead_after = n->v + retry;
	g->live.exact = 0;
	/* the older fields, read by the pair checks */
	g->keepalive = *n;
	g->keepalive.v = CONFIG_ON;
	g->ka_method = CONFIG_KA_DPD;
	g->ka_method_set = 1;
	g->ka_interval = n->v;
	g->ka_count = 0;
}

static void
esp_from(struct config *c, const struct cfg_ctx *x, struct config_gateway *g, const char *tset,
	 const struct ios_row *by, int tunnel)
{
	const struct ios_row *ts = tset[0] ? ios_find(x, T_TSET, tset) : NULL;
	struct cfg_line fake;

	if (!ts) {
		if (tset[0] && !config_is_placeholder(tset))
			cfg_ref(c, by->line, by->text, CONFIG_REF_IOS_TRANSFORM_SET, tset, tunnel);
		return;
	}
	fake_line(&fake, ts->line, ts->text);
	cfg_set(&g->esp, 0, &fake);
	cfg_copy(g->esp_text, sizeof(g->esp_text), ts->esp_text);
}

/* The lowest-numbered isakmp policy's lifetime: the IKEv1 SA's. */
static void
ike_life(const struct cfg_ctx *x, struct config_gateway *g, const struct ios_row *v2prof)
{
	long best = -1;

	if (v2prof) {
		if (v2prof->life.line)
			g->life_ike = v2prof->life;
		return;
	}
	for (size_t i = 0; i < x->t[T_ISAKMP_POL].n; i++) {
		const struct ios_row *p = &x->t[T_ISAKMP_POL].row[i];
		long n;
		if (cfg_number(p->name, 1, 10000, &n) < 0 || !p->life.line ||
		    (best >= 0 && n >= best))
			continue;
		best = n;
		g->life_ike = p->life;
	}
}

static void
natt(const struct cfg_ctx *x, struct config_gateway *g)
{
	/* NAT-T is IOS's default (IPsec NAT Transparency, detected per SA);
	 * only its "no" form is a line; nothing forces encapsulation */
	if (x->natt_off.line)
		g->natt = x->natt_off, g->natt.v = 0;
}

/* The gateway for tunnel i: named by its ikev2 or isakmp profile, else by
 * the tunnel destination. */
static void
bind_tunnel(struct config *c, struct cfg_ctx *x, size_t i)
{
	struct config_tunnel *t = &c->tunnels[i];
	const struct ios_row *tr = ios_find(x, T_TUN, t->id);
	const struct ios_row *p = t->policy.line ? ios_find(x, T_IPSEC_PROF, t->policy_name) : NULL;
	const struct ios_row *prof = NULL;
	struct config_prefix dest;
	struct config_gateway *g;
	const char *name = NULL, *keyring = NULL;
	struct cfg_line fake;
	int v2 = 0;

	memset(&dest, 0, sizeof(dest));
	if (tr && tr->addr.line)
		dest = tr->addr;
	if (!t->encap.line)
		t->kind = t->policy.line ? CONFIG_TK_OTHER
					 : CONFIG_TK_GRE; /* GRE, with or without IPsec */
	if (!t->policy.line)
		return;
	if (!p) {
		if (!t->policy.tmpl)
			cfg_ref(c, t->policy.line, t->policy.text, CONFIG_REF_IOS_IPSEC_PROFILE,
				t->policy_name, (int)i);
		return;
	}
	if (strncmp(p->b, "v2 ", 3) == 0) {
		v2 = 1;
		if (!(prof = ios_find(x, T_V2_PROF, p->b + 3)) && !config_is_placeholder(p->b + 3))
			cfg_ref(c, p->line, p->text, CONFIG_REF_IKEV2_PROFILE, p->b + 3, (int)i);
		name = p->b + 3;
	} else if (strncmp(p->b, "v1 ", 3) == 0) {
		prof = ios_find(x, T_ISAKMP_PROF, p->b + 3);
		name = p->b + 3;
	} else if ((prof = by_addr(x, T_ISAKMP_PROF, &dest)) != NULL) {
		name = prof->name;
	}
	if (!name)
		name = tr && tr->b[0] ? tr->b : t->policy_name;
	if (!(g = cfg_gateway(c, name, prof ? prof->line : t->policy.line)))
		return;
	t->gateway = (int)(g - c->gateways);
	if (prof && !v2)
		keyring = prof->a;
	if (!g->version.line) {
		fake_line(&fake, prof ? prof->line : p->line, prof ? prof->text : p->text);
		cfg_set(&g->version, v2 ? 2 : 1, &fake);
		t->ikev2 = v2;
	}
	g->remote_addr = dest.line ? dest : prof ? prof->addr : dest;
	if (tr && tr->src.line)
		g->local_addr = tr->src;
	/* a profile matching several peers is one gateway for several
	 * tunnels: each keeps its own outer addresses (whether a NAT is on
	 * its path is the tunnel's, core/audit_model.c) */
	if (tr && tr->src.line)
		t->outer_local = tr->src;
	t->outer_remote = dest;
	esp_from(c, x, g, p->a, p, (int)i);
	if (p->life.line)
		g->life_child = p->life;
	ike_life(x, g, v2 ? prof : NULL);
	psk_for(x, g, keyring, v2);
	live(x, g, prof, v2);
	natt(x, g);
	/* a static VTI proxies IP any any only (Cisco's VTI guide) */
	fake_line(&fake, t->policy.line, t->policy.text);
	cfg_set_prefix(&g->local_id, 0, 0, &fake);
	cfg_set_prefix(&g->remote_id, 0, 0, &fake);
	g->start.state = CONFIG_START_UNKNOWN;
	memset(&g->start.src, 0, sizeof(g->start.src));
	if (x->df.line && t->kind == CONFIG_TK_IPSEC)
		t->df = x->df;
}

/* The interface named name, or (carrier) the first the crypto map name
 * is applied to; NULL when none is. */
static const struct config_iface *
iface_of(const struct config *c, const char *name, int carrier)
{
	for (size_t i = 0; i < c->nifaces; i++) {
		const char *n = carrier ? c->ifaces[i].carrier : c->ifaces[i].name;
		if (n[0] && strcmp(n, name) == 0)
			return &c->ifaces[i];
	}
	return NULL;
}

/* The address a crypto map's IKE leaves from: that of the interface
 * the map is applied to ("The IP address of the local interface will be
 * used as the local address for IPSec traffic"), or of the one crypto
 * map NAME local-address IF names (Cisco IOS Security Command
 * Reference, crypto map local-address; doc/vendor-syntax.md). Its ip
 * address line; nothing when that interface has no static address
 * (dhcp, negotiated) or is not in the file. */
static void
map_local(struct config_gateway *g, const struct config *c, const struct cfg_ctx *x,
	  const char *map, const struct config_iface *via)
{
	const struct ios_row *ml = ios_find(x, T_MAP_LOCAL, map);
	const struct config_iface *from = ml ? iface_of(c, ml->a, 0) : via;

	if (!from || !from->addr.line || from->addr.tmpl)
		return;
	g->local_addr = from->addr;
	g->local_addr.plen = 32;
}

/* The map an entry belongs to: "NAME SEQ" or "dynamic NAME SEQ" -> NAME. */
static void
map_name(const struct ios_row *m, char *buf, size_t len)
{
	cfg_copy(buf, len, m->name + (m->dynamic.v == 1 ? 8 : 0));
	buf[strcspn(buf, " ")] = '\0';
}

/* One crypto map entry: a peer and a policy-based tunnel named after it. */
static void
bind_map(struct config *c, struct cfg_ctx *x, const struct ios_row *m)
{
	const struct ios_row *acl, *prof = NULL;
	const struct config_iface *via;
	struct config_gateway *g;
	struct config_tunnel *t;
	struct cfg_line fake;
	char id[CONFIG_NAME], map[CONFIG_NAME];
	int v2 = strncmp(m->b, "v2 ", 3) == 0;

	map_name(m, map, sizeof(map));
	if (m->dynamic.line && m->dynamic.v == 2) {
		/* crypto map NAME SEQ ipsec-isakmp dynamic DMAP: the dynamic map's
		 * entries are the peers (bound from their own rows) */
		int found = 0;
		for (size_t k = 0; k < x->t[T_CMAP].n; k++) {
			char dm[CONFIG_NAME];
			map_name(&x->t[T_CMAP].row[k], dm, sizeof(dm));
			found |= x->t[T_CMAP].row[k].dynamic.v == 1 && strcmp(dm, m->b) == 0;
		}
		if (!found && !config_is_placeholder(m->b))
			cfg_ref(c, m->line, m->text, CONFIG_REF_IOS_DYNAMIC_MAP, m->b, -1);
		return;
	}
	snprintf(id, sizeof(id), "%.46s", m->name);
	if (!(g = cfg_gateway(c, id, m->line)) || !(t = cfg_tunnel(c, id, id, m->line)))
		return;
	t->gateway = (int)(g - c->gateways);
	t->kind = CONFIG_TK_IPSEC;
	fake_line(&fake, m->line, m->text);
	cfg_set(&t->policy, 0, &fake);
	cfg_copy(t->policy_name, sizeof(t->policy_name), map);
	t->ikev2 = v2;
	if (v2)
		prof = ios_find(x, T_V2_PROF, m->b + 3);
	else if (strncmp(m->b, "v1 ", 3) == 0)
		prof = ios_find(x, T_ISAKMP_PROF, m->b + 3);
	else if (m->addr.line)
		prof = by_addr(x, T_ISAKMP_PROF, &m->addr);
	cfg_set(&g->version, v2 ? 2 : 1, &fake);
	g->remote_addr = m->addr;
	esp_from(c, x, g, m->a, m, (int)(t - c->tunnels));
	if (m->life.line)
		g->life_child = m->life;
	ike_life(x, g, v2 ? prof : NULL);
	psk_for(x, g, prof && !v2 ? prof->a : NULL, v2);
	live(x, g, prof, v2);
	natt(x, g);
	if (m->c[0] && !(acl = ios_find(x, T_ACL, m->c))) {
		if (!config_is_placeholder(m->c))
			cfg_ref(c, m->line, m->text, CONFIG_REF_ACL, m->c, (int)(t - c->tunnels));
	} else if (m->c[0] && acl->acl_set) {
		g->local_id = acl->src;
		g->remote_id = acl->dst;
		snprintf(g->acl, sizeof(g->acl), "%s", m->c);
	}
	/* static: on matching traffic; dynamic: never (answers only) */
	g->start.state = m->dynamic.v == 1 ? CONFIG_START_NEVER : CONFIG_START_ON_TRAFFIC;
	g->start.src = m->dynamic.v == 1 ? m->dynamic : t->policy;
	if (x->df.line)
		t->df = x->df;
	/* the clamp on the interface that carries the map; a dynamic map is
	 * carried by the static map that includes it */
	for (size_t k = 0; m->dynamic.v == 1 && k < x->t[T_CMAP].n; k++) {
		const struct ios_row *s = &x->t[T_CMAP].row[k];
		if (s->dynamic.v == 2 && strcmp(s->b, map) == 0) {
			map_name(s, map, sizeof(map));
			break;
		}
	}
	/* a crypto map is no interface: the fix lines go under the one it
	 * is applied to (IOS takes ip mtu / ip tcp adjust-mss in interface
	 * mode only), or are comments when none is */
	via = iface_of(c, map, 1);
	map_local(g, c, x, map, via);
	if (via) {
		cfg_copy(t->via, sizeof(t->via), via->name);
		if (via->mru.line) {
			struct cfg_line cl;
			fake_line(&cl, via->mru.line, via->mru.text);
			cfg_set_mss(t, 0, CONFIG_MSS_NUM, via->mru.v, &cl);
		}
	} else
		t->no_iface = 1;
}

void
ios_model(struct config *c, struct cfg_ctx *x)
{
	size_t nt = c->ntunnels;

	for (size_t i = 0; i < nt && !c->nomem; i++)
		bind_tunnel(c, x, i);
	for (size_t i = 0; i < x->t[T_CMAP].n && !c->nomem; i++)
		bind_map(c, x, &x->t[T_CMAP].row[i]);
	/* the line MTU: a PPPoE interface's ip mtu, else the smallest (as IX) */
	cfg_line_mtu_pppoe(c);
	cfg_line_mtu_smallest(c);
}
