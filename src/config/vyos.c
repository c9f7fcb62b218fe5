/* SPDX-License-Identifier: BSD-2-Clause */
/* VyOS 1.3 and 1.4: "set" commands and the tree "show configuration" (and
 * config.boot) prints, both flattened into set-paths by config/tree.c and
 * read by the one grammar table below.
 *
 * Statements and defaults, from vyos-1x (interface-definitions
 * vpn_ipsec.xml.in and interfaces_vti.xml.in; data/templates/ipsec/swanctl/
 * peer.j2, which turns them into strongSwan's swanctl.conf), copied into
 * doc/vendor-syntax.md and doc/router-facts.md:
 *  - vpn ipsec site-to-site peer P: 1.3 names a peer by its address
 *    ("peer 192.0.2.1"), 1.4 by a name with remote-address. ike-group,
 *    default-esp-group, vti bind vtiN / vti esp-group, tunnel N local|remote
 *    prefix (policy-based selectors; a vti without tunnels is 0.0.0.0/0 both
 *    ways), connection-type initiate|respond|none: unset or initiate is
 *    strongSwan's start_action = start, respond trap (on traffic), none none
 *    (answers only); a peer named "@id" is start_action none.
 *  - vpn ipsec ike-group G dead-peer-detection action hold|clear|restart
 *    (default hold), interval 2-86400 (default 30), timeout 2-86400 (default
 *    120, IKEv1 only): dpd_delay and dpd_timeout. Without the node VyOS sets
 *    no dpd_delay, strongSwan's default 0s: no DPD. A dead peer is declared
 *    after timeout s (IKEv1); IKEv2 after strongSwan's retransmissions, so
 *    the interval is a lower bound. key-exchange ikev1|ikev2.
 *  - vpn ipsec esp-group G proposal N encryption|hash: the group offers
 *    every proposal N (strongSwan esp_proposals, a list), so each is kept.
 *  - peer P tunnel N esp-group E: that tunnel's ESP group; default-esp-group
 *    is the one "to use by default ... Might be overwritten by individual
 *    settings for tunnel or VTI interface binding" (vyos-documentation,
 *    site2site_ipsec.rst; vyos-1x include/vpn-ipsec-tunnel.xml.i).
 *  - interfaces vti vtiN address|mtu (68-16000, default 1500) and, 1.4, ip
 *    adjust-mss N|clamp-mss-to-pmtu; 1.3 firewall options interface vtiN
 *    adjust-mss N. interfaces pppoe pppoeN mtu is the line MTU.
 *  - protocols bgp ASN neighbor A (1.3), protocols bgp neighbor A (1.4).
 *  - authentication pre-shared-secret K (1.3, in the peer), vpn ipsec
 *    authentication psk NAME id I / secret K (1.4). */
#include "base/count.h"
#include "base/ip.h"
#include "config/tree_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vpeer { /* per peer, same index as c->gateways */
	char ike[CONFIG_NAME], esp[CONFIG_NAME], vti[CONFIG_NAME], vti_esp[CONFIG_NAME];
	struct config_num ikel, espl, vtil, vti_espl, conn;
	struct config_prefix local, remote; /* the first tunnel's prefixes */
	unsigned tunnel_line;               /* first tunnel N line */
	char tunnel[CONFIG_NAME];           /* its N */
	int ntun, esp_bad, esp_cut;         /* tunnel_esp: tunnels, their ESP not known, cut */
};

struct vike { /* vpn ipsec ike-group */
	char name[CONFIG_NAME];
	struct config_num dpd, action, interval, timeout, version;
};

struct vesp { /* vpn ipsec esp-group: its proposals, as a list (model) */
	char name[CONFIG_NAME];
	char list[CONFIG_ESP]; /* "enc hash" each, ',' between, by N */
	int cut;               /* a proposal did not fit in list */
	int noenc;             /* a proposal without encryption: ESP not known */
	unsigned line;         /* the lowest proposal's encryption line */
	char text[CONFIG_TEXT];
	struct config_num mode; /* mode transport: v CONFIG_TK_TRANSPORT */
};

/* esp-group G proposal N, named "ROW N" (ROW: G's row in T_ESP, so a
 * long group name is never cut into another's) */
struct vprop {
	char name[CONFIG_NAME];
	size_t group;
	long n;
	char enc[CONFIG_NAME], hash[CONFIG_NAME];
	unsigned line; /* its encryption line */
	char text[CONFIG_TEXT];
};

/* peer P tunnel N, named "PEER N" (PEER: P's index in c->gateways) */
struct vtun {
	char name[CONFIG_NAME];
	size_t peer;
	char esp[CONFIG_NAME]; /* tunnel N esp-group E, "" the peer's default */
	struct config_num espl;
};

struct vpsk { /* 1.4 vpn ipsec authentication psk NAME */
	char name[CONFIG_NAME];
	char id[4][CONFIG_NAME];
	struct config_secret secret;
};

enum { T_IKE, T_ESP, T_PSK, T_PROP, T_TUN, T_COUNT };

/* a clamp on an interface that is no vti (1.3 firewall options interface X
 * adjust-mss, 1.4 interfaces ethernet|pppoe X ip|ipv6 adjust-mss): the clamp
 * of a policy-based peer whose packets leave by X */
struct vclamp {
	char ifname[CONFIG_NAME];
	unsigned line;
	char text[CONFIG_TEXT];
	int v6, mode, tmpl;
	long v;
};

struct cfg_ctx {
	struct vpeer *p;
	size_t np, cap_p;
	struct cfg_named t[T_COUNT];
	/* the interface IPsec leaves by: 1.3 vpn ipsec ipsec-interfaces
	 * interface X, 1.4 vpn ipsec interface X (the first one) */
	char wan[CONFIG_NAME];
	/* the first line only 1.3 has (ipsec-interfaces, protocols bgp ASN,
	 * firewall options interface), the first only 1.4 has (ip
	 * adjust-mss, protocols bgp neighbor, remote-address, authentication
	 * psk): VyOS docs, doc/vendor-syntax.md */
	unsigned v13, v14;
	struct vclamp *cl;
	size_t ncl, cap_cl;
};

static void
release(struct cfg_ctx *x, int v14, const struct cfg_line *l)
{
	unsigned *n = v14 ? &x->v14 : &x->v13;

	if (!*n)
		*n = l->no;
}

/* ---- helpers ------------------------------------------------------------- */

static struct vpeer *
peer(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g = cfg_gateway(c, l->tok[4], l->no);
	size_t i;
	uint32_t a;

	if (!g)
		return NULL;
	i = (size_t)(g - c->gateways);
	while (x->np <= i) {
		struct vpeer *n = cfg_push(c, (void **)&x->p, &x->np, &x->cap_p, sizeof(*x->p));
		if (!n)
			return NULL;
		memset(n, 0, sizeof(*n));
	}
	/* 1.3: the peer is its address */
	if (!c->gateways[i].remote_addr.line && cfg_addr(l->tok[4], &a) == 0) {
		/* the line's own leaf (authentication id: this router's
		 * identity) is not what shows the address: cite the peer node */
		cfg_set_prefix(&c->gateways[i].remote_addr, a, 32, l);
		snprintf(c->gateways[i].remote_addr.text, sizeof(c->gateways[i].remote_addr.text),
			 "vpn ipsec site-to-site peer %s", l->tok[4]);
	}
	return &x->p[i];
}

static struct config_gateway *
gw_of(struct config *c, const struct cfg_line *l)
{
	return &c->gateways[config_gateway_find(c, l->tok[4])];
}

static int
keyword(struct config *c, const struct cfg_line *l, size_t i, const char *const *words, long *v)
{
	for (long k = 0; words[k]; k++)
		if (cfg_is(l, i, words[k])) {
			*v = k;
			return 0;
		}
	if (cfg_tmpl(l, i)) {
		*v = -1;
		return 0;
	}
	return cfg_bad(c, l, CONFIG_BAD_ARG, (unsigned)i + 1, CONFIG_ARG_KEYWORD);
}

/* ---- vpn ipsec ike-group / esp-group ------------------------------------------ */

static const char *const dpd_actions[] = { "hold", "clear", "restart", NULL };

static int
ike_dpd(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct vike *g;
	long v = 0;
	int r = 0;

	if (cfg_is(l, 5, "action"))
		r = keyword(c, l, 6, dpd_actions, &v);
	else if (cfg_is(l, 5, "interval") || cfg_is(l, 5, "timeout"))
		r = cfg_tree_number(c, l, 6, 2, 86400, &v);
	else if (l->ntok > 5)
		return cfg_bad(c, l, CONFIG_BAD_ARG, 6, CONFIG_ARG_KEYWORD);
	if (r < 0)
		return -1;
	if (!(g = cfg_named_get(c, &x->t[T_IKE], l->tok[3], 1)))
		return 0;
	if (!g->dpd.line)
		cfg_set(&g->dpd, 1, l);
	if (l->ntok > 6) {
		struct config_num *n = cfg_is(l, 5, "action")     ? &g->action
				       : cfg_is(l, 5, "interval") ? &g->interval
								  : &g->timeout;
		cfg_set(n, v, l);
		n->tmpl = r == 1 || v < 0;
	}
	return 0;
}

static int
ike_version(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	static const char *const v[] = { "ikev1", "ikev2", NULL };
	struct vike *g;
	long k;

	if (keyword(c, l, 5, v, &k) < 0)
		return -1;
	if ((g = cfg_named_get(c, &x->t[T_IKE], l->tok[3], 1))) {
		cfg_set(&g->version, k + 1, l);
		g->version.tmpl = k < 0;
	}
	return 0;
}

static int
ike_other(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	cfg_named_get(c, &x->t[T_IKE], l->tok[3], 1);
	return cfg_tree_known(c, l);
}

/* esp-group G proposal N encryption|hash W: every proposal is kept */
static int
esp_alg(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct vesp *e = cfg_named_get(c, &x->t[T_ESP], l->tok[3], 1);
	struct vprop *p;
	char key[CONFIG_NAME];
	size_t row;
	long n = 0;

	if (!e)
		return 0;
	row = (size_t)((char *)e - x->t[T_ESP].rows) / x->t[T_ESP].size;
	cfg_number(l->tok[5], 0, 2147483647L, &n);
	snprintf(key, sizeof(key), "%zu %ld", row, n);
	if (!(p = cfg_named_get(c, &x->t[T_PROP], key, 1)))
		return 0;
	p->group = row;
	p->n = n;
	cfg_copy(cfg_is(l, 6, "encryption") ? p->enc : p->hash, CONFIG_NAME, l->tok[7]);
	if (cfg_is(l, 6, "encryption")) {
		p->line = l->no;
		cfg_copy(p->text, sizeof(p->text), l->text);
	}
	return 0;
}

/* esp-group G mode tunnel|transport (vyos-1x vpn_ipsec.xml.in: tunnel the
 * default): a transport-mode group protects the peer's own packets, GRE
 * over IPsec, which the MTU/MSS model does not cover */
static int
esp_mode(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct vesp *e = cfg_named_get(c, &x->t[T_ESP], l->tok[3], 1);

	if (!e || !(cfg_is(l, 5, "transport") || cfg_is(l, 5, "tunnel")))
		return cfg_tree_known(c, l);
	cfg_set(&e->mode, cfg_is(l, 5, "transport") ? CONFIG_TK_TRANSPORT : CONFIG_TK_IPSEC, l);
	return 0;
}

static int
esp_other(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	cfg_named_get(c, &x->t[T_ESP], l->tok[3], 1);
	return cfg_tree_known(c, l);
}

/* 1.4: vpn ipsec authentication psk NAME id ID | secret KEY */
static int
psk(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct vpsk *p = cfg_named_get(c, &x->t[T_PSK], l->tok[4], 1);

	release(x, 1, l);
	if (!p)
		return 0;
	if (cfg_is(l, 5, "secret")) {
		p->secret.line = l->no;
		if (cfg_tmpl(l, 6))
			p->secret.tmpl = 1;
		else
			config_secret_digest(l->tok[6], strlen(l->tok[6]), &p->secret);
		p->secret.line = l->no;
	} else {
		for (size_t i = 0; i < COUNT(p->id); i++)
			if (!p->id[i][0]) {
				cfg_copy(p->id[i], CONFIG_NAME, l->tok[6]);
				break;
			}
	}
	return 0;
}

/* ---- vpn ipsec site-to-site peer ------------------------------------------------- */

static int
peer_remote(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;

	if (!peer(c, x, l))
		return 0;
	release(x, 1, l);
	g = gw_of(c, l);
	if (cfg_tmpl(l, 6)) {
		cfg_set_prefix(&g->remote_addr, 0, 32, l);
		g->remote_addr.tmpl = 1;
	} else
		cfg_outer_addr(&g->remote_addr, l->tok[6], l);
	return 0;
}

static int
peer_local(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;
	uint32_t a;

	if (!peer(c, x, l))
		return 0;
	g = gw_of(c, l);
	if (cfg_addr(l->tok[6], &a) == 0 || cfg_addr6(l->tok[6]))
		cfg_outer_addr(&g->local_addr, l->tok[6], l);
	else if (cfg_tmpl(l, 6)) {
		cfg_set_prefix(&g->local_addr, 0, 32, l);
		g->local_addr.tmpl = 1;
	}
	return 0;
}

/* ike-group, default-esp-group, vti bind, vti esp-group: a name */
static int
peer_name(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct vpeer *p = peer(c, x, l);
	char *dst;
	struct config_num *n;

	if (!p)
		return 0;
	if (cfg_is(l, 5, "ike-group"))
		dst = p->ike, n = &p->ikel;
	else if (cfg_is(l, 5, "default-esp-group"))
		dst = p->esp, n = &p->espl;
	else if (cfg_is(l, 6, "bind"))
		dst = p->vti, n = &p->vtil;
	else
		dst = p->vti_esp, n = &p->vti_espl;
	cfg_copy(dst, CONFIG_NAME, l->tok[l->ntok > 6 && cfg_is(l, 5, "vti") ? 7 : 6]);
	if (n)
		cfg_set(n, 0, l);
	return 0;
}

static int
peer_conn(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	static const char *const types[] = { "initiate", "respond", "none", NULL };
	struct vpeer *p;
	long k;

	if (keyword(c, l, 6, types, &k) < 0)
		return -1;
	if ((p = peer(c, x, l))) {
		cfg_set(&p->conn, k, l);
		p->conn.tmpl = k < 0;
	}
	return 0;
}

/* 1.3: authentication pre-shared-secret KEY, in the peer */
static int
peer_psk(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;

	if (!peer(c, x, l))
		return 0;
	g = gw_of(c, l);
	if (cfg_tmpl(l, 7))
		g->psk.tmpl = 1;
	else
		config_secret_digest(l->tok[7], strlen(l->tok[7]), &g->psk);
	g->psk.line = l->no;
	return 0;
}

/* peer P tunnel N: its row (made when new) */
static struct vtun *
tun(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	char key[CONFIG_NAME];
	struct vtun *t;
	size_t i = (size_t)config_gateway_find(c, l->tok[4]);

	snprintf(key, sizeof(key), "%zu %.30s", i, l->tok[6]);
	if ((t = cfg_named_get(c, &x->t[T_TUN], key, 1)))
		t->peer = i;
	return t;
}

/* tunnel N esp-group E: this tunnel's ESP group, over default-esp-group */
static int
peer_tunnel_esp(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct vtun *t;

	if (!peer(c, x, l) || !(t = tun(c, x, l)))
		return 0;
	cfg_copy(t->esp, sizeof(t->esp), l->tok[8]);
	cfg_set(&t->espl, 0, l);
	return 0;
}

/* tunnel N protocol P (gre: GRE over IPsec): a tunnel of the peer, with no
 * selector of its own */
static int
peer_tunnel_proto(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct vpeer *p = peer(c, x, l);

	if (!p || !tun(c, x, l))
		return cfg_tree_known(c, l);
	if (!p->tunnel_line) {
		p->tunnel_line = l->no;
		cfg_copy(p->tunnel, sizeof(p->tunnel), l->tok[6]);
	}
	return 0;
}

/* tunnel N local|remote prefix P: the first of each is the peer's selector */
static int
peer_tunnel(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct vpeer *p = peer(c, x, l);
	struct config_prefix *dst;
	uint32_t a;
	unsigned plen;

	if (!p || !tun(c, x, l))
		return 0;
	if (!p->tunnel_line) {
		p->tunnel_line = l->no;
		cfg_copy(p->tunnel, sizeof(p->tunnel), l->tok[6]);
	}
	dst = cfg_is(l, 7, "local") ? &p->local : &p->remote;
	if (dst->line)
		return 0;
	if (cfg_tmpl(l, 9)) {
		cfg_set_prefix(dst, 0, 32, l);
		dst->tmpl = 1;
	} else if (cfg_prefix(l->tok[9], &a, &plen) == 0) {
		cfg_set_prefix(dst, a, plen, l);
	} else {
		cfg_set_prefix(dst, 0, CONFIG_PLEN_OTHER, l); /* IPv6 */
	}
	return 0;
}

static int
peer_natt(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	if (peer(c, x, l))
		cfg_set(&gw_of(c, l)->natt, 1, l);
	return 0;
}

static int
peer_other(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	peer(c, x, l);
	return cfg_tree_known(c, l);
}

/* ---- interfaces, firewall, bgp ------------------------------------------------ */

static struct config_tunnel *
vti(struct config *c, const char *name, unsigned line)
{
	return cfg_tunnel(c, name, name, line);
}

static int
vti_addr(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = vti(c, l->tok[2], l->no);
	uint32_t a;
	unsigned plen;

	(void)x;
	if (t && !t->inside.line && cfg_prefix(l->tok[4], &a, &plen) == 0)
		cfg_set_prefix(&t->inside, a, plen, l);
	return 0;
}

static int
vti_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t;
	long v;
	int r;

	(void)x;
	if ((r = cfg_tree_number(c, l, 4, 68, 16000, &v)) < 0)
		return -1;
	if ((t = vti(c, l->tok[2], l->no))) {
		cfg_set(&t->mtu, v, l);
		t->mtu.tmpl = r == 1;
	}
	return 0;
}

/* an adjust-mss value: N (536-65535) or clamp-mss-to-pmtu */
static int
set_clamp(struct config *c, const struct cfg_line *l, size_t i, struct config_tunnel *t, int v6)
{
	long v = 0;
	int r;

	if (cfg_is(l, i, "clamp-mss-to-pmtu")) {
		cfg_set_mss(t, v6, CONFIG_MSS_AUTO, 0, l);
		return 0;
	}
	if ((r = cfg_tree_number(c, l, i, 536, 65535, &v)) < 0)
		return -1;
	cfg_set_mss(t, v6, CONFIG_MSS_NUM, v, l);
	(v6 ? &t->mss6 : &t->mss)->tmpl = r == 1;
	return 0;
}

/* 1.4: interfaces vti vtiN ip|ipv6 adjust-mss V */
static int
vti_mss(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = vti(c, l->tok[2], l->no);

	release(x, 1, l);
	return t ? set_clamp(c, l, 5, t, cfg_is(l, 3, "ipv6")) : 0;
}

static int
vti_other(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	if (cfg_is(l, 3, "description") && l->ntok > 4) {
		struct config_tunnel *t = vti(c, l->tok[2], l->no);
		if (t)
			cfg_desc(t->desc, sizeof(t->desc), l, 4);
	} else {
		vti(c, l->tok[2], l->no);
	}
	return cfg_tree_known(c, l);
}

/* word 5 of l, an adjust-mss value, as the clamp of interface ifname */
static int
if_clamp(struct config *c, struct cfg_ctx *x, const struct cfg_line *l, const char *ifname, int v6)
{
	struct vclamp *k;
	long v = 0;
	int r = 0, mode = CONFIG_MSS_AUTO;

	if (!cfg_is(l, 5, "clamp-mss-to-pmtu")) {
		if ((r = cfg_tree_number(c, l, 5, 536, 65535, &v)) < 0)
			return -1;
		mode = CONFIG_MSS_NUM;
	}
	if (!(k = cfg_push(c, (void **)&x->cl, &x->ncl, &x->cap_cl, sizeof(*k))))
		return 0;
	memset(k, 0, sizeof(*k));
	cfg_copy(k->ifname, sizeof(k->ifname), ifname);
	k->line = l->no;
	cfg_copy(k->text, sizeof(k->text), l->text);
	k->v6 = v6;
	k->mode = mode;
	k->v = v;
	k->tmpl = r == 1;
	return 0;
}

/* 1.4: interfaces ethernet|pppoe X ip|ipv6 adjust-mss V */
static int
if_mss(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	release(x, 1, l);
	return if_clamp(c, x, l, l->tok[2], cfg_is(l, 3, "ipv6"));
}

/* 1.3: firewall options interface IF adjust-mss V (a vti's clamp) */
static int
fw_mss(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t;

	release(x, 0, l);
	if (strncmp(l->tok[3], "vti", 3) != 0)
		return if_clamp(c, x, l, l->tok[3], cfg_is(l, 4, "adjust-mss6"));
	t = vti(c, l->tok[3], l->no);
	return t ? set_clamp(c, l, 5, t, cfg_is(l, 4, "adjust-mss6")) : 0;
}

static int
pppoe_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_iface *f;
	long v;
	int r;

	(void)x;
	if ((r = cfg_tree_number(c, l, 4, 68, 1500, &v)) < 0)
		return -1;
	if (!(f = cfg_iface(c, l->tok[2], l->no)))
		return 0;
	cfg_set(&f->mtu, v, l);
	f->mtu.tmpl = r == 1;
	cfg_set(&f->pppoe, 1, l);
	if (!c->line_src && r == 0) {
		c->line_mtu = f->mtu;
		c->line_src = CONFIG_LINE_PPPOE_IF;
		c->line_index = (size_t)(f - c->ifaces);
		cfg_copy(c->line_name, sizeof(c->line_name), f->name);
	}
	return 0;
}

static int
bgp(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	uint32_t a;
	size_t i = cfg_is(l, 2, "neighbor") || cfg_is(l, 2, "peer-group") ? 3 : 4;

	release(x, i == 3, l);
	/* ... neighbor A remote-as AS: a line of its own for the same address;
	 * ... neighbor A peer-group G and ... peer-group G remote-as AS: the
	 * member takes its group's AS (VyOS BGP documentation, peer-group) */
	if (cfg_is(l, i - 1, "peer-group")) {
		cfg_bgp_group(c, l->tok[i],
			      cfg_is(l, i + 1, "remote-as") && i + 2 < l->ntok
				      ? cfg_asn(l->tok[i + 2])
				      : 0,
			      l);
		return 0;
	}
	if (cfg_addr(l->tok[i], &a) != 0)
		return 0;
	if (cfg_is(l, i + 1, "peer-group") && i + 2 < l->ntok)
		cfg_bgp_member(c, a, l->tok[i + 2], l);
	else
		cfg_add_bgp(c, a,
			    cfg_is(l, i + 1, "remote-as") && i + 2 < l->ntok
				    ? cfg_asn(l->tok[i + 2])
				    : 0,
			    l);
	return 0;
}

/* vpn ipsec ipsec-interfaces interface X (1.3), vpn ipsec interface X (1.4) */
static int
wan_if(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	int v13 = cfg_is(l, 2, "ipsec-interfaces");

	if (v13)
		release(x, 0, l);
	if (!x->wan[0])
		cfg_copy(x->wan, sizeof(x->wan), l->tok[v13 ? 4 : 3]);
	return cfg_tree_known(c, l);
}

/* ---- the grammar ---------------------------------------------------------------- */

#define PEER "vpn ipsec site-to-site peer * "
#define IKE "vpn ipsec ike-group * "
#define ESP "vpn ipsec esp-group * "
/* clang-format off */
static const struct cfg_cmd vyos_cmds[] = {
	{ IKE "dead-peer-detection", 0, ike_dpd },
	{ IKE "key-exchange *", 0, ike_version },
	{ IKE "proposal", 0, ike_other },
	{ IKE "lifetime #", 0, ike_other },
	{ IKE "close-action *", 0, ike_other },
	{ IKE "ikev2-reauth *", 0, ike_other },
	{ IKE "mobike *", 0, ike_other },
	{ IKE "disable-mobike", 0, ike_other },
	{ IKE "mode *", 0, ike_other },
	{ IKE "description", 0, ike_other },
	{ ESP "proposal # encryption *", 0, esp_alg },
	{ ESP "proposal # hash *", 0, esp_alg },
	{ ESP "proposal", 0, esp_other },
	{ ESP "lifetime #", 0, esp_other },
	{ ESP "life-bytes #", 0, esp_other },
	{ ESP "life-packets #", 0, esp_other },
	{ ESP "mode *", 0, esp_mode },
	{ ESP "pfs *", 0, esp_other },
	{ ESP "compression *", 0, esp_other },
	{ ESP "description", 0, esp_other },
	{ "vpn ipsec authentication psk * secret *", 0, psk },
	{ "vpn ipsec authentication psk * id *", 0, psk },
	{ "vpn ipsec authentication psk *", 0, NULL },
	{ PEER "remote-address *", 0, peer_remote },
	{ PEER "local-address *", 0, peer_local },
	{ PEER "ike-group *", 0, peer_name },
	{ PEER "default-esp-group *", 0, peer_name },
	{ PEER "vti bind *", 0, peer_name },
	{ PEER "vti esp-group *", 0, peer_name },
	{ PEER "connection-type *", 0, peer_conn },
	{ PEER "authentication pre-shared-secret *", 0, peer_psk },
	{ PEER "authentication mode *", 0, peer_other },
	{ PEER "authentication id *", 0, peer_other },
	{ PEER "authentication local-id *", 0, peer_other },
	{ PEER "authentication remote-id *", 0, peer_other },
	{ PEER "authentication use-x509-id", 0, peer_other },
	{ PEER "authentication x509", 0, peer_other },
	{ PEER "authentication rsa", 0, peer_other },
	{ PEER "tunnel # local prefix *", 0, peer_tunnel },
	{ PEER "tunnel # remote prefix *", 0, peer_tunnel },
	{ PEER "tunnel # esp-group *", 0, peer_tunnel_esp },
	{ PEER "tunnel # protocol *", 0, peer_tunnel_proto },
	{ PEER "tunnel # local port *", 0, peer_other },
	{ PEER "tunnel # remote port *", 0, peer_other },
	{ PEER "tunnel # allow-nat-networks *", 0, peer_other },
	{ PEER "tunnel # allow-public-networks *", 0, peer_other },
	{ PEER "tunnel # disable", 0, peer_other },
	{ PEER "tunnel # priority *", 0, peer_other },
	{ PEER "tunnel # passthrough *", 0, peer_other },
	{ PEER "force-udp-encapsulation", 0, peer_natt },
	{ PEER "description", 0, peer_other },
	{ PEER "ikev2-reauth *", 0, peer_other },
	{ PEER "dhcp-interface *", 0, peer_other },
	{ PEER "virtual-address *", 0, peer_other },
	{ PEER "disable", 0, peer_other },
	{ PEER "replay-window *", 0, peer_other },
	{ "vpn ipsec ipsec-interfaces interface *", 0, wan_if },
	{ "vpn ipsec interface *", 0, wan_if },
	{ "vpn", 0, NULL },    /* ipsec-interfaces, interface, nat-traversal, options, log, l2tp ... */
	{ "interfaces vti * address *", 0, vti_addr },
	{ "interfaces vti * mtu #", 0, vti_mtu },
	{ "interfaces vti * ip adjust-mss *", 0, vti_mss },
	{ "interfaces vti * ipv6 adjust-mss *", 0, vti_mss },
	{ "interfaces vti *", 0, vti_other },
	{ "interfaces pppoe * mtu #", 0, pppoe_mtu },
	{ "interfaces ethernet * ip adjust-mss *", 0, if_mss },
	{ "interfaces ethernet * ipv6 adjust-mss *", 0, if_mss },
	{ "interfaces pppoe * ip adjust-mss *", 0, if_mss },
	{ "interfaces pppoe * ipv6 adjust-mss *", 0, if_mss },
	{ "interfaces ethernet *", 0, NULL },
	{ "interfaces pppoe *", 0, NULL },
	{ "interfaces", 0, NULL },
	{ "firewall options interface * adjust-mss *", 0, fw_mss },
	{ "firewall options interface * adjust-mss6 *", 0, fw_mss },
	{ "firewall", 0, NULL },
	{ "protocols bgp # neighbor @", 0, bgp },
	{ "protocols bgp neighbor @", 0, bgp },
	{ "protocols bgp # peer-group *", 0, bgp },
	{ "protocols bgp peer-group *", 0, bgp },
	{ "protocols bgp *", 0, NULL },     /* system-as, parameters, address-family ... */
	{ "protocols", 0, NULL },
	/* the other top-level nodes of vyos-1x's interface definitions */
	{ "system", 0, NULL }, { "service", 0, NULL }, { "nat", 0, NULL }, { "nat66", 0, NULL },
	{ "policy", 0, NULL }, { "high-availability", 0, NULL }, { "container", 0, NULL },
	{ "load-balancing", 0, NULL }, { "qos", 0, NULL }, { "traffic-policy", 0, NULL },
	{ "zone-policy", 0, NULL }, { "pki", 0, NULL }, { "vrf", 0, NULL }, { "vpp", 0, NULL },
	{ "netns", 0, NULL }, { "monitoring", 0, NULL },
};
/* clang-format on */
#undef PEER
#undef IKE
#undef ESP

static const struct cfg_grammar vyos_grammar = { vyos_cmds, COUNT(vyos_cmds), NULL, 0 };

static const char *const vyos_set[] = { "set", NULL };
/* configuration-mode words a pasted script carries (AWS-shaped scripts
 * begin with configure and end with commit, save, exit) */
static const char *const vyos_other[] = { "delete",  "comment", "configure", "commit",   "save",
					  "exit",    "edit",    "top",       "up",       "show",
					  "compare", "discard", "load",      "rollback", "run",
					  "source",  "copy",    "rename",    NULL };
static const char *const vyos_secret[] = { "pre-shared-secret",  "secret",   "encrypted-password",
					   "plaintext-password", "password", NULL };
static const char *const vyos_remove[] = { "delete", NULL };
/* levels 0: VyOS's edit/up/top are not followed (no published VyOS
 * session with relative set lines was found) */
static const struct tree_syntax vyos_syntax = { 0,          NULL,        NULL,        vyos_set,
						vyos_other, vyos_secret, vyos_remove, 0 };

static int
leaf(struct config *c, void *ctx, const struct cfg_line *l, unsigned flags)
{
	(void)flags;
	/* "authentication mode pre-shared-secret" holds no key: keep its text */
	cfg_dispatch(c, ctx, &vyos_grammar, l, 0);
	return c->nomem ? -1 : 0;
}

/* ---- the model ------------------------------------------------------------------ */

static void
live(struct config_gateway *g, const struct vike *k)
{
	struct config_live *v = &g->live;
	long iv = k && k->interval.line ? k->interval.v : 30;
	long to = k && k->timeout.line ? k->timeout.v : 120;

	memset(v, 0, sizeof(*v));
	if (!k || !k->dpd.line) {
		v->state = CONFIG_LIVE_OFF; /* no dpd_delay: strongSwan's 0s */
		v->dead_after = -1;
		g->keepalive.v = CONFIG_OFF;
		return;
	}
	v->state = CONFIG_LIVE_ON;
	v->src = k->dpd;
	v->interval = iv;
	if (g->version.v == 2) {
		/* IKEv2: strongSwan's retransmissions decide; the interval is a floor */
		v->dead_after = k->interval.tmpl ? -1 : iv;
		v->exact = 0;
	} else {
		v->dead_after = k->timeout.tmpl ? -1 : to;
		v->exact = !k->timeout.tmpl;
		v->retries = iv ? to / iv : 0;
	}
	g->keepalive = k->dpd;
	g->keepalive.v = CONFIG_ON;
	g->ka_method = CONFIG_KA_DPD;
	g->ka_method_set = 1;
	g->ka_interval = iv;
	g->dpd_timeout = k->timeout;
	g->dpd_action = k->action;
	g->dpd_action.v = !k->action.line    ? CONFIG_ACT_HOLD
			  : k->action.v == 1 ? CONFIG_ACT_CLEAR
			  : k->action.v == 2 ? CONFIG_ACT_RESTART
					     : CONFIG_ACT_HOLD;
}

static void
start(struct config_gateway *g, const struct vpeer *p)
{
	g->start.src = p->conn;
	if (g->name[0] == '@')
		g->start.state = CONFIG_START_NEVER; /* start_action none */
	else if (p->conn.tmpl)
		g->start.state = CONFIG_START_UNKNOWN;
	else if (!p->conn.line || p->conn.v == 0)
		g->start.state = CONFIG_START_ALWAYS; /* start */
	else
		g->start.state = p->conn.v == 1 ? CONFIG_START_ON_TRAFFIC : CONFIG_START_NEVER;
	g->refresh = p->conn;
	g->refresh.v = g->start.state == CONFIG_START_ALWAYS;
	g->start_action = p->conn; /* the line a connection-type fix replaces */
}

static int
by_group(const void *a, const void *b)
{
	const struct vprop *p = *(const struct vprop *const *)a,
			   *q = *(const struct vprop *const *)b;

	if (p->group != q->group)
		return p->group < q->group ? -1 : 1;
	return p->n < q->n ? -1 : p->n > q->n;
}

/* Each esp-group's list: its proposals by N, "enc hash" each. */
static void
esp_lists(struct config *c, struct cfg_ctx *x)
{
	size_t n = x->t[T_PROP].n;
	const struct vprop **v = n ? malloc(n * sizeof(*v)) : NULL;

	if (n && !v) {
		c->nomem = 1;
		return;
	}
	for (size_t i = 0; i < n; i++)
		v[i] = cfg_named_at(&x->t[T_PROP], i);
	if (n)
		qsort(v, n, sizeof(*v), by_group);
	for (size_t i = 0; i < n; i++) {
		struct vesp *e = cfg_named_at(&x->t[T_ESP], v[i]->group);
		char text[2 * CONFIG_NAME + 2];
		if (!v[i]->enc[0]) {
			e->noenc = 1; /* no encryption word: not known, never guessed */
			continue;
		}
		if (!e->line) {
			e->line = v[i]->line;
			cfg_copy(e->text, sizeof(e->text), v[i]->text);
		}
		snprintf(text, sizeof(text), "%s%s%s", v[i]->enc, v[i]->hash[0] ? " " : "",
			 v[i]->hash);
		e->cut |= cfg_tree_esp_add(e->list, sizeof(e->list), text);
	}
	free(v);
}

/* Adds group name's proposals to g's list (once: a list already in it
 * adds nothing); -1 when the group is not defined or its ESP not known. */
static int
esp_add(struct config *c, struct cfg_ctx *x, const char *name, struct config_gateway *g, int *cut)
{
	const struct vesp *e = name[0] ? cfg_named_get(c, &x->t[T_ESP], name, 0) : NULL;
	const char *at;
	size_t k;

	if (!e || e->noenc || !e->list[0])
		return -1;
	*cut |= e->cut;
	k = strlen(e->list);
	for (at = strstr(g->esp_text, e->list); at; at = strstr(at + 1, e->list))
		if ((at == g->esp_text || at[-1] == ',') && (at[k] == ',' || !at[k]))
			return 0;
	if (!g->esp.line) {
		g->esp.line = e->line;
		cfg_copy(g->esp.text, sizeof(g->esp.text), e->text);
	}
	*cut |= cfg_tree_esp_add(g->esp_text, sizeof(g->esp_text), e->list);
	return 0;
}

/* A policy-based peer's ESP: every tunnel's group (its own esp-group, or
 * the default), in one list for the peer, read in one pass over the
 * tunnels (a hub of many peers stays linear). */
static void
tunnel_esp(struct config *c, struct cfg_ctx *x)
{
	for (size_t k = 0; k < x->t[T_TUN].n; k++) {
		const struct vtun *t = cfg_named_at(&x->t[T_TUN], k);
		struct vpeer *p = t->peer < x->np ? &x->p[t->peer] : NULL;
		if (!p || p->vti[0] || t->peer >= c->ngateways)
			continue;
		p->ntun++;
		if (t->esp[0] && !cfg_named_get(c, &x->t[T_ESP], t->esp, 0))
			cfg_ref(c, t->espl.line, t->espl.text, CONFIG_REF_ESP_GROUP, t->esp, -1);
		p->esp_bad |= esp_add(c, x, t->esp[0] ? t->esp : p->esp, &c->gateways[t->peer],
				      &p->esp_cut) < 0;
	}
}

/* The peer's ESP: the vti's group (vti esp-group, or default-esp-group),
 * or its tunnels' (tunnel_esp); the model takes the proposal that carries
 * least (core/audit_model.c). A group the audit cannot read leaves the ESP
 * unknown, never a part of the list. */
static void
esp(struct config *c, struct cfg_ctx *x, struct vpeer *p, struct config_gateway *g)
{
	if (!p->ntun)
		p->esp_bad |= esp_add(c, x, p->vti[0] && p->vti_esp[0] ? p->vti_esp : p->esp, g,
				      &p->esp_cut) < 0;
	if (p->esp_bad) {
		g->esp_text[0] = '\0';
		g->esp.line = 0;
	} else {
		g->esp.cut = p->esp_cut; /* the model computes nothing from a part */
	}
}

/* The peer's tunnel t (its vti, or its policy tunnel) when its ESP group
 * is in transport mode: its kind, with the mode line as the reason (the
 * report lists it as not checked, never leaves it out). */
static void
transport_mode(struct config *c, struct cfg_ctx *x, const struct vpeer *p, struct config_tunnel *t)
{
	const struct vesp *e =
		cfg_named_get(c, &x->t[T_ESP], p->vti[0] && p->vti_esp[0] ? p->vti_esp : p->esp, 0);

	if (e && e->mode.line && e->mode.v == CONFIG_TK_TRANSPORT)
		t->encap = e->mode;
}

/* 1.4 psk entries: the one whose id is the peer's name or remote address */
static void
psk_of(struct cfg_ctx *x, struct config_gateway *g)
{
	char addr[CONFIG_NAME] = "";

	if (g->psk.line)
		return;
	if (g->remote_addr.line && g->remote_addr.plen == 32) {
		struct ip_addr a = ip_addr_v4(g->remote_addr.addr);
		ip_addr_text(&a, addr, sizeof(addr));
	}
	for (size_t i = 0; i < x->t[T_PSK].n; i++) {
		const struct vpsk *p = cfg_named_at(&x->t[T_PSK], i);
		for (size_t k = 0; k < COUNT(p->id) && p->id[k][0]; k++)
			if (strcmp(p->id[k], g->name) == 0 ||
			    (addr[0] && strcmp(p->id[k], addr) == 0)) {
				g->psk = p->secret;
				return;
			}
	}
}

/* A policy-based peer's clamp: the one on the interface it leaves by */
static void
via_clamp(const struct cfg_ctx *x, struct config_tunnel *t)
{
	for (size_t i = 0; i < x->ncl; i++) {
		const struct vclamp *k = &x->cl[i];
		struct cfg_line l;
		if (strcmp(k->ifname, t->via) != 0 || (k->v6 ? t->mss6.line : t->mss.line))
			continue;
		memset(&l, 0, sizeof(l));
		l.no = k->line;
		cfg_copy(l.text, sizeof(l.text), k->text);
		cfg_set_mss(t, k->v6, k->mode, k->v, &l);
		(k->v6 ? &t->mss6 : &t->mss)->tmpl = k->tmpl;
	}
}

static void
model(struct config *c, struct cfg_ctx *x)
{
	esp_lists(c, x);
	tunnel_esp(c, x);
	for (size_t i = 0; i < c->ngateways && i < x->np && !c->nomem; i++) {
		struct config_gateway *g = &c->gateways[i];
		struct vpeer *p = &x->p[i];
		char sel[CONFIG_NAME + 16];
		const struct vike *k = p->ike[0] ? cfg_named_get(c, &x->t[T_IKE], p->ike, 0) : NULL;
		if (p->ike[0] && !k)
			cfg_ref(c, p->ikel.line, p->ikel.text, CONFIG_REF_IKE_GROUP, p->ike, -1);
		if (k && k->version.line)
			g->version = k->version;
		cfg_copy(g->policy, sizeof(g->policy), p->ike); /* {policy} in fix lines */
		live(g, k);
		start(g, p);
		g->local_id = p->local;
		g->remote_id = p->remote;
		psk_of(x, g);
		esp(c, x, p, g);
		if (p->esp[0] && !cfg_named_get(c, &x->t[T_ESP], p->esp, 0))
			cfg_ref(c, p->espl.line, p->espl.text, CONFIG_REF_ESP_GROUP, p->esp, -1);
		if (p->vti_esp[0] && !cfg_named_get(c, &x->t[T_ESP], p->vti_esp, 0))
			cfg_ref(c, p->vti_espl.line, p->vti_espl.text, CONFIG_REF_ESP_GROUP,
				p->vti_esp, -1);
		if (p->vti[0]) {
			int t = config_tunnel_find(c, p->vti);
			if (t < 0) {
				cfg_ref(c, p->vtil.line, p->vtil.text, CONFIG_REF_TUNNEL_IF, p->vti,
					-1);
				if (!cfg_tunnel(c, p->vti, p->vti, p->vtil.line))
					return;
				t = config_tunnel_find(c, p->vti);
			}
			c->tunnels[t].gateway = (int)i;
			c->tunnels[t].policy = p->vtil;
			/* {vpn}: where a selector fix goes, "PEER tunnel N" when it has tunnels */
			snprintf(sel, sizeof(sel), p->tunnel[0] ? "%.30s tunnel %.10s" : "%.30s",
				 g->name, p->tunnel);
			cfg_copy(c->tunnels[t].policy_name, CONFIG_NAME, sel);
			transport_mode(c, x, p, &c->tunnels[t]);
		} else if (p->tunnel_line) {
			/* policy-based: the peer's tunnels are one SA set, no
			 * interface, so no MTU of its own: its packets leave by
			 * the WAN interface, where a clamp for it goes (via) */
			char name[CONFIG_NAME];
			struct config_tunnel *t;
			snprintf(name, sizeof(name), "peer %.40s", g->name);
			if (!(t = cfg_tunnel(c, name, name, p->tunnel_line)))
				return;
			t->gateway = (int)i;
			t->policy.line = p->tunnel_line;
			cfg_copy(t->via, sizeof(t->via), x->wan[0] ? x->wan : "<WAN interface>");
			via_clamp(x, t);
			snprintf(sel, sizeof(sel), "%.30s tunnel %.10s", g->name, p->tunnel);
			cfg_copy(t->policy_name, CONFIG_NAME, sel);
			transport_mode(c, x, p, t);
		}
	}
	for (size_t t = 0; t < c->ntunnels; t++)
		c->tunnels[t].kind = c->tunnels[t].encap.line
					     ? (enum config_tunnel_kind)c->tunnels[t].encap.v
					     : CONFIG_TK_IPSEC;
	/* the fixes take 1.3's forms only when the file shows 1.3 and nothing of 1.4 */
	c->older_release = x->v13 && !x->v14 ? x->v13 : 0;
}

static void
run_model(struct config *c, void *x)
{
	model(c, x);
}

int
config_parse_vyos(const char *buf, size_t len, struct config *c)
{
	static const size_t sizes[T_COUNT] = {
		[T_IKE] = sizeof(struct vike), [T_ESP] = sizeof(struct vesp),
		[T_PSK] = sizeof(struct vpsk), [T_PROP] = sizeof(struct vprop),
		[T_TUN] = sizeof(struct vtun),
	};
	struct cfg_ctx x = { .p = NULL };
	int r = cfg_tree_parse(buf, len, &vyos_syntax, c, leaf, &x, x.t, sizes, COUNT(sizes),
			       run_model);

	free(x.p);
	free(x.cl);
	return r;
}
