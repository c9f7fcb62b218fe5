/* SPDX-License-Identifier: BSD-2-Clause */
/* NEC UNIVERGE IX running-config. No NEC reference was found: the commands
 * are those seen in published configurations (Oracle's validated IX CPE
 * template, IX3315/IX2106 10.2.16, and real IX2106/2207/2215 configs; see
 * shared/design/router-facts.md and vendor-syntax.md). An "interface X"
 * line opens X; a block ends at the next interface, at "router bgp" or
 * "ikev2 default-profile", or at the first unindented command once the
 * block has shown indented ones (running-config indents; Oracle's template
 * does not). IKEv1 ties a tunnel to its peer through names resolved after
 * the whole text is read: ipsec policy tunnel MAP -> ipsec autokey-map MAP
 * ACL peer ADDR PROPOSAL -> ike policy NAME peer ADDR. */
#include "config/config_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IX_MAX_NAMES 32

struct ix_name {            /* one named definition: proposal, ACL, map, policy */
	char name[CONFIG_NAME];
	char a[CONFIG_NAME], b[CONFIG_NAME], c[CONFIG_NAME];
	unsigned line;
	char text[CONFIG_TEXT];
	uint32_t src, dst;
	unsigned src_len, dst_len;
};

struct ix_table {
	struct ix_name row[IX_MAX_NAMES];
	size_t n;
};

enum ix_block { IX_NONE, IX_IFACE, IX_TUNNEL, IX_PROFILE, IX_BGP };

struct cfg_ctx {
	enum ix_block block;
	int index;                 /* iface or tunnel index */
	int block_indented;
	struct ix_table proposals; /* ipsec autokey-proposal NAME esp-...: a = transform */
	struct ix_table acls;      /* ip access-list NAME permit ip src S dest D */
	struct ix_table maps;      /* ipsec autokey-map NAME: a = ACL, b = peer, c = proposal */
	struct ix_table policies;  /* ike policy NAME peer ADDR: a = peer */
	struct ix_table keepalive; /* ike keepalive POLICY ...: name = policy */
	struct ix_table watches;   /* action N ipsec clear-sa TunnelX: name = X */
};

static struct ix_name *
ix_add(struct config *c, struct ix_table *t, const char *name, const struct cfg_line *l)
{
	struct ix_name *r;

	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->row[i].name, name) == 0)
			return &t->row[i];
	if (t->n >= IX_MAX_NAMES) {
		c->dropped++;
		return NULL;
	}
	r = &t->row[t->n++];
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	cfg_copy(r->text, sizeof(r->text), l->text);
	r->line = l->no;
	return r;
}

static const struct ix_name *
ix_find(const struct ix_table *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->row[i].name, name) == 0)
			return &t->row[i];
	return NULL;
}

static struct config_tunnel *
tun(struct config *c, struct cfg_ctx *x)
{
	return x->block == IX_TUNNEL ? &c->tunnels[x->index] : NULL;
}

static void
open_interface(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	const char *name = l->tok[1];

	x->block = IX_NONE;
	x->block_indented = 0;
	if (strncmp(name, "Tunnel", 6) == 0) {
		struct config_tunnel *t = cfg_tunnel(c, name + 6, name, l->no);
		if (t) {
			x->block = IX_TUNNEL;
			x->index = (int)(t - c->tunnels);
		}
	} else {
		struct config_iface *f = cfg_iface(c, name, l->no);
		if (f) {
			x->block = IX_IFACE;
			x->index = (int)(f - c->ifaces);
		}
	}
}

static void
open_profile(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	(void)l;
	x->block = IX_PROFILE;
	x->block_indented = 0;
}

static void
open_bgp(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	(void)l;
	x->block = IX_BGP;
	x->block_indented = 0;
}

static void
ip_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	int v6 = cfg_is(l, 0, "ipv6");
	long v;

	if (cfg_number(l->tok[2], 64, 65535, &v) < 0 || x->block == IX_NONE ||
	    x->block == IX_PROFILE || x->block == IX_BGP)
		c->unread++;
	else if (t)
		cfg_set(v6 ? &t->mtu6 : &t->mtu, v, l);
	else if (!v6)
		cfg_set(&c->ifaces[x->index].mtu, v, l);
}

static void
adjust_mss(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	long v = 0;
	int m = cfg_mss(l->tok[3], &v);

	if (!t || m < 0 || m == CONFIG_MSS_OFF)
		c->unread++;
	else
		cfg_set_mss(t, cfg_is(l, 0, "ipv6"), m, v, l);
}

static void
ip_address(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	uint32_t a;
	unsigned plen;

	if (t && cfg_prefix(l->tok[2], &a, &plen) == 0)
		cfg_set_prefix(&t->inside, a, plen, l);
	else
		c->unread++;
}

static void
tunnel_mode(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);

	if (t)
		t->ikev2 = cfg_is(l, 2, "ipsec-ikev2");
	else
		c->unread++;
}

static void
ipsec_policy(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);

	if (!t) {
		c->unread++;
		return;
	}
	cfg_set(&t->policy, 0, l);
	snprintf(t->policy_name, sizeof(t->policy_name), "%s", l->tok[3]);
}

/* ikev2 dpd interval N / connect-type auto / negotiation-direction responder /
 * nat-traversal ... / peer ADDR ...: per tunnel (router-facts.md, IX). */
static void
ikev2_tunnel(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	struct config_gateway *g;
	long v;

	if (!t) {
		c->unread++;
	} else if (cfg_is(l, 1, "dpd") && l->ntok > 3 && cfg_number(l->tok[3], 1, 100000, &v) == 0) {
		cfg_set(&t->dpd, v, l);
	} else if (cfg_is(l, 1, "connect-type")) {
		cfg_set(&t->connect, cfg_is(l, 2, "auto"), l);
	} else if (cfg_is(l, 1, "negotiation-direction")) {
		cfg_set(&t->responder, cfg_is(l, 2, "responder"), l);
	} else if (cfg_is(l, 1, "nat-traversal")) {
		cfg_set(&t->natt, 1, l);
	} else if (cfg_is(l, 1, "peer") && (g = cfg_gateway(c, l->tok[2], l->no))) {
		t->gateway = (int)(g - c->gateways);
		t->ikev2 = 1;
		cfg_set(&g->version, 2, l);
	} else {
		c->unread++;
	}
}

static void
profile_line(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	long v;
	size_t n;

	if (x->block != IX_PROFILE) {
		c->unread++;
	} else if (cfg_is(l, 0, "dpd") && cfg_number(l->tok[2], 1, 100000, &v) == 0) {
		cfg_set(&c->default_dpd, v, l);
	} else if (cfg_is(l, 0, "child-proposal") && l->ntok > 2) {
		/* child-proposal enc aes-cbc-256 / child-proposal integrity sha1 */
		n = strlen(c->child_esp_text);
		snprintf(c->child_esp_text + n, sizeof(c->child_esp_text) - n, "%s%s",
			 n ? " " : "", l->tok[2]);
		cfg_set(&c->child_esp, 0, l);
	} else {
		c->unread++;
	}
}

static void
autokey_proposal(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ix_name *r = ix_add(c, &x->proposals, l->tok[2], l);
	size_t n = 0;

	for (size_t i = 3; r && i < l->ntok; i++)
		if (strncmp(l->tok[i], "esp-", 4) == 0 && n + 1 < sizeof(r->a))
			n += (size_t)snprintf(r->a + n, sizeof(r->a) - n, "%s%s", n ? " " : "",
					      l->tok[i]);
}

static void
access_list(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ix_name *r;
	uint32_t s, d;
	unsigned sl, dl;

	if (!cfg_is(l, 3, "permit") || !cfg_is(l, 5, "src") || !cfg_is(l, 7, "dest") ||
	    cfg_prefix(l->tok[6], &s, &sl) < 0 || l->ntok < 9 || cfg_prefix(l->tok[8], &d, &dl) < 0) {
		c->unread++;
		return;
	}
	r = ix_add(c, &x->acls, l->tok[2], l);
	/* several lines: keep the widest (any/any wins) */
	if (r && (r->line == l->no || sl + dl < r->src_len + r->dst_len)) {
		r->src = s, r->src_len = sl, r->dst = d, r->dst_len = dl;
		r->line = l->no;
		cfg_copy(r->text, sizeof(r->text), l->text);
	}
}

static void
autokey_map(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ix_name *r;

	if (!cfg_is(l, 4, "peer") || l->ntok < 7) {
		c->unread++;
		return;
	}
	if ((r = ix_add(c, &x->maps, l->tok[2], l))) {
		snprintf(r->a, sizeof(r->a), "%s", l->tok[3]);
		snprintf(r->b, sizeof(r->b), "%s", l->tok[5]);
		snprintf(r->c, sizeof(r->c), "%s", l->tok[6]);
	}
}

static void
ike_policy(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ix_name *r = ix_add(c, &x->policies, l->tok[2], l);
	struct config_gateway *g = cfg_gateway(c, l->tok[4], l->no);

	if (r)
		snprintf(r->a, sizeof(r->a), "%s", l->tok[4]);
	if (g && !g->version.line)
		cfg_set(&g->version, 1, l);
	if (g)
		snprintf(g->policy, sizeof(g->policy), "%s", l->tok[2]);
}

static void
ike_keepalive(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	ix_add(c, &x->keepalive, l->tok[2], l);
}

static void
ike_natt(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	cfg_set(&c->natt, 1, l);
}

/* Oracle's IKEv1 template: watch-group ... action N ipsec clear-sa TunnelX,
 * enabled by network-monitor NAME enable: an ICMP check that clears SAs.
 * The watch-group usually comes before the interface: resolved at the end. */
static void
watch_action(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	if (strncmp(l->tok[4], "Tunnel", 6) == 0)
		ix_add(c, &x->watches, l->tok[4] + 6, l);
	else
		c->unread++;
}

static void
network_monitor(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	if (cfg_is(l, 2, "enable"))
		cfg_set(&c->watch, 1, l);
}

static void
bgp_neighbor(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	uint32_t a;

	(void)x;
	if (cfg_addr(l->tok[1], &a) < 0) {
		c->unread++;
		return;
	}
	for (size_t i = 0; i < c->nbgp; i++)
		if (c->bgp[i].addr == a)
			return;
	if (c->nbgp >= CONFIG_MAX_BGP) {
		c->dropped++;
		return;
	}
	c->bgp[c->nbgp].addr = a;
	c->bgp[c->nbgp].line = l->no;
	cfg_copy(c->bgp[c->nbgp++].text, CONFIG_TEXT, l->text);
}

static const struct cfg_cmd ix_cmds[] = {
	{ "interface *", open_interface },
	{ "ikev2 default-profile", open_profile },
	{ "router bgp *", open_bgp },
	{ "ip mtu *", ip_mtu },
	{ "ipv6 mtu *", ip_mtu },
	{ "ip tcp adjust-mss *", adjust_mss },
	{ "ipv6 tcp adjust-mss *", adjust_mss },
	{ "ip address *", ip_address },
	{ "tunnel mode *", tunnel_mode },
	{ "ipsec policy tunnel *", ipsec_policy },
	{ "ikev2 * *", ikev2_tunnel },
	{ "dpd interval *", profile_line },
	{ "child-proposal * *", profile_line },
	{ "ipsec autokey-proposal *", autokey_proposal },
	{ "ip access-list * permit", access_list },
	{ "ipsec autokey-map * *", autokey_map },
	{ "ike policy * peer *", ike_policy },
	{ "ike keepalive * # #", ike_keepalive },
	{ "ike nat-traversal", ike_natt },
	{ "action # ipsec clear-sa *", watch_action },
	{ "network-monitor * *", network_monitor },
	{ "neighbor * remote-as *", bgp_neighbor },
};

static void
bind_ikev1(struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < c->ntunnels; i++) {
		struct config_tunnel *t = &c->tunnels[i];
		const struct ix_name *m = t->policy.line ? ix_find(&x->maps, t->policy_name) : NULL;
		const struct ix_name *p = m ? ix_find(&x->proposals, m->c) : NULL;
		const struct ix_name *a = m ? ix_find(&x->acls, m->a) : NULL;
		int gi = m ? config_gateway_find(c, m->b) : -1;
		struct config_gateway *g;
		if (gi < 0)
			continue;
		t->gateway = gi;
		g = &c->gateways[gi];
		if (p && p->a[0]) {
			struct cfg_line fake = { .no = p->line };
			cfg_copy(fake.text, sizeof(fake.text), p->text);
			cfg_set(&g->esp, 0, &fake);
			snprintf(g->esp_text, sizeof(g->esp_text), "%s", p->a);
		}
		snprintf(g->acl, sizeof(g->acl), "%s", m->a);
		if (a) {
			struct cfg_line fake = { .no = a->line };
			cfg_copy(fake.text, sizeof(fake.text), a->text);
			cfg_set_prefix(&g->local_id, a->src, a->src_len, &fake);
			cfg_set_prefix(&g->remote_id, a->dst, a->dst_len, &fake);
		}
	}
}

static void
bind_keepalives(struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < x->keepalive.n; i++) {
		const struct ix_name *k = &x->keepalive.row[i];
		const struct ix_name *p = ix_find(&x->policies, k->name);
		int gi = p ? config_gateway_find(c, p->a) : -1;
		struct cfg_line fake = { .no = k->line };
		if (gi < 0)
			continue;
		cfg_copy(fake.text, sizeof(fake.text), k->text);
		cfg_set(&c->gateways[gi].keepalive, CONFIG_ON, &fake);
		c->gateways[gi].ka_method = CONFIG_KA_DPD;
	}
}

static void
bind_watches(struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < x->watches.n; i++) {
		const struct ix_name *w = &x->watches.row[i];
		int t = config_tunnel_find(c, w->name);
		struct cfg_line fake = { .no = w->line };
		if (t < 0)
			continue;
		cfg_copy(fake.text, sizeof(fake.text), w->text);
		cfg_set(&c->tunnels[t].dpd, 0, &fake);
	}
}

static int
ends_block(const struct cfg_ctx *x, const struct cfg_line *l)
{
	return x->block != IX_NONE && x->block_indented && !l->indented;
}

int
config_parse_ix(const char *buf, size_t len, struct config *c)
{
	struct cfg_reader r = { buf, len, 0, 0 };
	struct cfg_line l;
	struct cfg_ctx *x = calloc(1, sizeof(*x));
	const struct cfg_cmd *cmd;

	if (!x)
		return -1;
	while (cfg_next(&r, &l)) {
		if (l.comment) {
			c->comments += l.text[0] != '\0';
			continue;
		}
		if (ends_block(x, &l))
			x->block = IX_NONE;
		else if (l.indented && x->block != IX_NONE)
			x->block_indented = 1;
		cmd = cfg_match(ix_cmds, sizeof(ix_cmds) / sizeof(ix_cmds[0]), &l);
		if (cmd)
			cmd->fn(c, x, &l);
		else
			c->unread++;
	}
	c->lines = r.no;
	bind_ikev1(c, x);
	bind_keepalives(c, x);
	bind_watches(c, x);
	free(x);
	return 0;
}
