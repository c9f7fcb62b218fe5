/* SPDX-License-Identifier: BSD-2-Clause */
/* NEC UNIVERGE IX running-config. No NEC reference was found: the commands
 * are those seen in published configurations (Oracle's validated IX CPE
 * template, IX3315/IX2106 10.2.16, NEC's configuration examples and real
 * IX2106/2207/2215 configs; doc/config-grammar.md). Blocks follow the CLI's modes:
 * "interface X", "ikev2 profile NAME", "ikev2 default-profile", "router
 * bgp N", "ppp profile NAME", "device X", "watch-group NAME N" open one;
 * "!", "exit" and the next opener end it. Indentation decides nothing:
 * running-config indents, Oracle's template and pasted files often do not.
 * A command that exists only in interface mode (ip mtu, ip tcp
 * adjust-mss, ikev2 peer ...) belongs to the open interface; a global one
 * (ike ..., ipsec autokey-map ...) is global wherever it stands.
 *
 * IKEv1 ties a tunnel to its peer through names resolved after the whole
 * text is read: ipsec policy tunnel MAP -> ipsec autokey-map MAP ACL peer
 * ADDR PROPOSAL -> ike policy NAME peer ADDR. IKEv2 tunnels name their peer
 * (ikev2 peer ADDR | any | peer-fqdn-ipv4 FQDN ...) and may bind a named
 * profile (ikev2 binding NAME); without one, ikev2 default-profile applies. */
#include "config/config_int.h"
#include "base/count.h"
#include "base/ip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Block kinds (cfg_cmd.scope bits). */
enum {
	IX_IFACE = 1u << 0,
	IX_TUNIF = 1u << 1,
	IX_PROFILE = 1u << 2,
	IX_BGP = 1u << 3,
	IX_OTHER = 1u << 4
};
static const enum config_arg ix_scopes[] = { CONFIG_ARG_IN_INTERFACE, CONFIG_ARG_IN_TUNNEL_IF,
					     CONFIG_ARG_IN_PROFILE, CONFIG_ARG_IN_SECTION,
					     CONFIG_ARG_IN_SECTION };

struct ix_name { /* one named definition: proposal, ACL, map, policy, profile */
	char name[CONFIG_NAME];
	char a[CONFIG_NAME], b[CONFIG_NAME], c[CONFIG_NAME];
	unsigned line;
	char text[CONFIG_TEXT];
	uint32_t src, dst;
	unsigned src_len, dst_len;
	struct config_num dpd, esp; /* ikev2 profile: dpd interval, child-proposal */
	struct config_num source;   /* ikev2 profile: source-address IF (IF in c) */
	struct config_secret psk;   /* ikev2 authentication psk: a keyed digest, text blanked */
	char esp_text[CONFIG_ESP];
	/* map, dynamic map: its proposal list; ike policy: its ike proposal
	 * list, as one word (ix_names) */
	char props[CONFIG_LINE_MAX];
};

struct ix_table {
	struct ix_name *row;
	size_t n, cap;
};

struct cfg_ctx {
	unsigned block;            /* one of the IX_ bits, 0 at the top */
	int index;                 /* iface, tunnel or profile index */
	struct ix_table proposals; /* ipsec autokey-proposal NAME esp-...: a = transform */
	struct ix_table ike_props; /* ike proposal NAME ... */
	struct ix_table acls;      /* ip access-list NAME permit ip src S dest D */
	struct ix_table maps;      /* ipsec autokey-map NAME: a = ACL, b = peer, props */
	struct ix_table dynmaps;   /* ipsec dynamic-map NAME: a = ACL, props */
	struct ix_table policies;  /* ike policy NAME peer ADDR: a = peer, props = ike proposals */
	struct ix_table keepalive; /* ike keepalive POLICY ...: name = policy */
	struct ix_table watches;   /* action N ipsec clear-sa TunnelX: name = X */
	struct ix_table groups;   /* watch-group NAME N: a = the tunnel its event watches ("" none),
	                            * b = "action" when an action clears a tunnel's SA */
	int group;                /* the open watch-group's row, -1 none */
	struct ix_table profiles; /* ikev2 profile NAME */
	struct ix_table psks;     /* ikev2 authentication psk id ipv4 ADDR: name = ADDR, psk */
	struct ix_table ids[2]; /* ike local-id, remote-id POLICY TYPE ID: name = POLICY, a = ID */
	struct ix_name defprof; /* ikev2 default-profile's source-address (source, c) */
	struct config *cfg;
};

static struct ix_name *
ix_add(struct cfg_ctx *x, struct ix_table *t, const char *name, const struct cfg_line *l)
{
	struct ix_name *r;

	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->row[i].name, name) == 0)
			return &t->row[i];
	if (!(r = cfg_push(x->cfg, (void **)&t->row, &t->n, &t->cap, sizeof(*r))))
		return NULL;
	cfg_copy(r->name, sizeof(r->name), name);
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
	return &c->tunnels[x->index]; /* scope IX_TUNIF: a tunnel is open */
}

static int
open_interface(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	char joined[CONFIG_NAME];
	const char *name = l->tok[1];

	/* "interface Tunnel <Number>": a template's placeholder for the number */
	if (cfg_tmpl(l, 2)) {
		snprintf(joined, sizeof(joined), "%.20s%.27s", l->tok[1], l->tok[2]);
		name = joined;
	}
	x->block = 0;
	if (strncmp(name, "Tunnel", 6) == 0) {
		struct config_tunnel *t = cfg_tunnel(c, name + 6, name, l->no);
		if (!t)
			return -1;
		x->block = IX_TUNIF;
		x->index = (int)(t - c->tunnels);
	} else {
		struct config_iface *f = cfg_iface(c, name, l->no);
		if (!f)
			return -1;
		x->block = IX_IFACE;
		x->index = (int)(f - c->ifaces);
	}
	return 0;
}

/* description TEXT inside an interface block: shown beside its name. */
static int
description(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	if (x->block == IX_TUNIF)
		cfg_desc(c->tunnels[x->index].desc, CONFIG_DESC, l, 1);
	else if (x->block == IX_IFACE)
		cfg_desc(c->ifaces[x->index].desc, CONFIG_DESC, l, 1);
	return 0;
}

static int
open_default_profile(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	(void)l;
	x->block = IX_PROFILE;
	x->index = -1;
	return 0;
}

static int
open_profile(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ix_name *p = ix_add(x, &x->profiles, l->tok[2], l);

	(void)c;
	if (!p)
		return -1;
	x->block = IX_PROFILE;
	x->index = (int)(p - x->profiles.row);
	return 0;
}

static int
open_bgp(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	(void)l;
	x->block = IX_BGP;
	return 0;
}

static int
open_other(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	(void)l;
	x->block = IX_OTHER;
	x->group = -1;
	return 0;
}

/* watch-group NAME N: a block of events and the actions they run
 * (doc/router-facts.md, IX): kept to say, when no action clears an SA,
 * that this is why it detects no dead peer. */
static int
open_watch(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ix_name *g = ix_add(x, &x->groups, l->text, l);

	open_other(c, x, l);
	if (!g)
		return -1;
	x->group = (int)(g - x->groups.row);
	return 0;
}

static int
close_block(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	(void)l;
	x->block = 0;
	return 0;
}

static int
ip_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	int v6 = cfg_is(l, 0, "ipv6");

	/* no published range (lines.c: what an interface can carry at all) */
	return cfg_ip_mtu(c, l,
			  x->block == IX_TUNIF ? (v6 ? &tun(c, x)->mtu6 : &tun(c, x)->mtu)
			  : v6                 ? NULL
					       : &c->ifaces[x->index].mtu);
}

static int
adjust_mss(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	long v = 0;
	int m;

	if (x->block != IX_TUNIF)
		return 0; /* a clamp on the WAN or LAN side: not the tunnel's */
	if (cfg_tmpl(l, 3)) {
		cfg_set_tmpl(cfg_is(l, 0, "ipv6") ? &tun(c, x)->mss6 : &tun(c, x)->mss, l);
		return 0;
	}
	if ((m = cfg_mss(l->tok[3], &v)) < 0 || m == CONFIG_MSS_OFF)
		return cfg_bad(c, l, CONFIG_BAD_ARG, 4, CONFIG_ARG_MSS);
	cfg_set_mss(tun(c, x), cfg_is(l, 0, "ipv6"), m, v, l);
	return 0;
}

static int
ip_address(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	uint32_t a;
	unsigned plen;

	if (!(x->block & (IX_TUNIF | IX_IFACE)) || cfg_tmpl(l, 2) ||
	    cfg_prefix(l->tok[2], &a, &plen) < 0)
		return 0; /* ipcp, dhcp, unnumbered: no address written */
	cfg_set_prefix(x->block == IX_TUNIF ? &tun(c, x)->inside : &c->ifaces[x->index].addr, a,
		       plen, l);
	return 0;
}

static int
encapsulation(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	if (x->block == IX_IFACE && cfg_is(l, 1, "pppoe"))
		cfg_set(&c->ifaces[x->index].pppoe, 1, l);
	return 0;
}

/* tunnel mode ipsec | ipsec-ikev2 | gre | map-e | ... */
/* clang-format off */
static const struct { const char *word; enum config_tunnel_kind kind; int ikev2; } modes[] = {
	{ "ipsec", CONFIG_TK_IPSEC, 0 }, { "ipsec-ikev2", CONFIG_TK_IPSEC, 1 },
	{ "gre", CONFIG_TK_GRE, 0 }, { "map-e", CONFIG_TK_MAPE, 0 }, { "4over6", CONFIG_TK_IPIP, 0 },
	{ "ipip", CONFIG_TK_IPIP, 0 }, { "ds-lite", CONFIG_TK_IPIP, 0 },
	/* "tunnel mode l2tp-lns ipsec": an L2TP/IPsec server (an IX2105
	 * 10.2.16 running-config, tests/audit/configs/SOURCES.md 73) */
	{ "l2tp-lns", CONFIG_TK_L2TP, 0 },
};
/* clang-format on */

static int
tunnel_mode(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);

	for (size_t i = 0; i < COUNT(modes); i++)
		if (cfg_is(l, 2, modes[i].word)) {
			t->kind = modes[i].kind;
			t->ikev2 = modes[i].ikev2;
			cfg_set(&t->encap, (long)modes[i].kind, l);
			return 0;
		}
	t->kind = CONFIG_TK_OTHER;
	cfg_set(&t->encap, CONFIG_TK_OTHER, l);
	return 0;
}

static int
ipsec_policy(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);

	cfg_set(&t->policy, 0, l);
	cfg_copy(t->policy_name, sizeof(t->policy_name), l->tok[3]);
	return 0;
}

static int
ikev2_dpd(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	long v;

	if (cfg_tmpl(l, 3)) {
		cfg_set_tmpl(&tun(c, x)->dpd, l);
		return 0;
	}
	if (cfg_number(l->tok[3], 1, 100000, &v) < 0)
		return cfg_bad(c, l, CONFIG_BAD_ARG, 4, CONFIG_ARG_NUMBER);
	cfg_set(&tun(c, x)->dpd, v, l);
	return 0;
}

static int
ikev2_connect(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	cfg_set(&tun(c, x)->connect, cfg_is(l, 2, "auto"), l);
	return 0;
}

static int
ikev2_direction(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	cfg_set(&tun(c, x)->responder, cfg_is(l, 2, "responder"), l);
	return 0;
}

static int
ikev2_natt(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	cfg_set(&tun(c, x)->natt, 1, l);
	return 0;
}

static int
ikev2_binding(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);

	cfg_set(&t->binding, 0, l);
	t->binding.tmpl = cfg_tmpl(l, 2);
	cfg_copy(t->policy_name, sizeof(t->policy_name), l->tok[2]);
	return 0;
}

/* ikev2 outgoing-interface IF: the interface the tunnel's IKE leaves by. */
static int
outgoing_if(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);

	cfg_set(&t->outgoing, 0, l);
	t->outgoing.tmpl = cfg_tmpl(l, 2);
	cfg_copy(t->outgoing_if, sizeof(t->outgoing_if), l->tok[2]);
	return 0;
}

/* source-address IF in an ikev2 profile or the default-profile. */
static int
source_address(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ix_name *p = x->index < 0 ? &x->defprof : &x->profiles.row[x->index];

	(void)c;
	cfg_set(&p->source, 0, l);
	p->source.tmpl = cfg_tmpl(l, 1);
	cfg_copy(p->c, sizeof(p->c), l->tok[1]);
	return 0;
}

/* ikev2 peer ADDR|any|dynamic ..., ikev2 peer-fqdn-ipv4 FQDN ...,
 * peer-fqdn-ipv6, peer-fqdn: the tunnel's IKEv2 peer, by name as written. */
static int
ikev2_peer(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	int ti = x->index;
	struct config_gateway *g = cfg_gateway(c, l->tok[2], l->no);

	if (!g)
		return -1;
	c->tunnels[ti].gateway = (int)(g - c->gateways);
	c->tunnels[ti].ikev2 = 1;
	cfg_set(&g->version, 2, l);
	/* an IPv6 peer address: ESP rides in IPv6 (the name keeps the address) */
	if (cfg_is(l, 1, "peer") && cfg_addr6(l->tok[2]) && !g->remote_addr.line)
		cfg_outer_addr(&g->remote_addr, l->tok[2], l);
	return 0;
}

/* ikev2 child-proposal enc|integrity ALG in the tunnel itself, as a
 * published IX2215 (10.11) running-config writes them: the tunnel's own
 * ESP, which a bound profile's child-proposal does not replace. */
static int
tunnel_child(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = &c->tunnels[x->index];
	size_t len;

	if (!cfg_is(l, 2, "enc") && !cfg_is(l, 2, "integrity"))
		return 0;
	if (!t->esp_own) {
		t->esp_text[0] = '\0';
		t->esp_own = 1;
	}
	len = strlen(t->esp_text);
	snprintf(t->esp_text + len, CONFIG_ESP - len, "%s%s", len ? " " : "", l->tok[3]);
	cfg_set(&t->esp, 0, l);
	return 0;
}

static int
profile_dpd(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_num *n = x->index < 0 ? &c->default_dpd : &x->profiles.row[x->index].dpd;
	long v;

	if (cfg_tmpl(l, 2)) {
		cfg_set_tmpl(n, l);
		return 0;
	}
	if (cfg_number(l->tok[2], 1, 100000, &v) < 0)
		return cfg_bad(c, l, CONFIG_BAD_ARG, 3, CONFIG_ARG_NUMBER);
	cfg_set(n, v, l);
	return 0;
}

/* child-proposal enc aes-cbc-256 / child-proposal integrity sha1 */
static int
profile_child(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_num *n = x->index < 0 ? &c->child_esp : &x->profiles.row[x->index].esp;
	char *text = x->index < 0 ? c->child_esp_text : x->profiles.row[x->index].esp_text;
	size_t len = strlen(text);

	if (!cfg_is(l, 1, "enc") && !cfg_is(l, 1, "integrity"))
		return 0;
	snprintf(text + len, CONFIG_ESP - len, "%s%s", len ? " " : "", l->tok[2]);
	cfg_set(n, 0, l);
	return 0;
}

static int
autokey_proposal(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ix_name *r = ix_add(x, &x->proposals, l->tok[2], l);
	size_t n = 0;

	(void)c;
	for (size_t i = 3; r && i < l->ntok; i++)
		if (strncmp(l->tok[i], "esp-", 4) == 0 && n + 1 < sizeof(r->a))
			n += (size_t)snprintf(r->a + n, sizeof(r->a) - n, "%s%s", n ? " " : "",
					      l->tok[i]);
	return r ? 0 : -1;
}

static int
ike_proposal(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	return ix_add(x, &x->ike_props, l->tok[2], l) ? 0 : -1;
}

static int
access_list(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ix_name *r;
	uint32_t s = 0, d = 0;
	unsigned sl = 32, dl = 32;
	int prefixes = cfg_is(l, 5, "src") && cfg_is(l, 7, "dest") && l->ntok >= 9 &&
		       cfg_prefix(l->tok[6], &s, &sl) == 0 && cfg_prefix(l->tok[8], &d, &dl) == 0;

	if (!(r = ix_add(x, &x->acls, l->tok[2], l)))
		return -1;
	/* several lines: keep the widest (any/any wins); a line that is no
	 * src/dest prefix pair names the list and nothing more */
	if (prefixes && (!r->b[0] || sl + dl < r->src_len + r->dst_len)) {
		r->src = s, r->src_len = sl, r->dst = d, r->dst_len = dl;
		snprintf(r->b, sizeof(r->b), "set");
		r->line = l->no;
		cfg_copy(r->text, sizeof(r->text), l->text);
	}
	(void)c;
	return 0;
}

/* A map row: NAME, its ACL (word 3), its peer (word peer, 0 none) and its
 * proposal list (word props). */
static int
map_row(struct cfg_ctx *x, struct ix_table *t, const struct cfg_line *l, size_t peer, size_t props)
{
	struct ix_name *r;

	if (!(r = ix_add(x, t, l->tok[2], l)))
		return -1;
	snprintf(r->a, sizeof(r->a), "%s", l->tok[3]);
	if (peer)
		snprintf(r->b, sizeof(r->b), "%s", l->tok[peer]);
	snprintf(r->props, sizeof(r->props), "%s", l->tok[props]);
	r->line = l->no;
	cfg_copy(r->text, sizeof(r->text), l->text);
	return 0;
}

/* ipsec autokey-map NAME ACL peer ADDR PROPOSAL[,PROPOSAL...] [...] */
static int
autokey_map(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	return map_row(x, &x->maps, l, 5, 6);
}

/* ipsec dynamic-map NAME ACL PROPOSAL[,PROPOSAL...] (the responder's map for
 * peers of any address, as an IX2105 10.2.16 L2TP/IPsec server prints it):
 * no tunnel is bound to it, but what it names must exist. */
static int
dynamic_map(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	return map_row(x, &x->dynmaps, l, 0, 4);
}

/* ike policy NAME peer ADDR key KEY PROPOSAL */
static int
ike_policy(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ix_name *r = ix_add(x, &x->policies, l->tok[2], l);
	struct config_gateway *g = cfg_gateway(c, l->tok[4], l->no);

	if (!r || !g)
		return -1;
	snprintf(r->a, sizeof(r->a), "%s", l->tok[4]);
	if (l->ntok > 7 && cfg_is(l, 5, "key"))
		snprintf(r->props, sizeof(r->props), "%s", l->tok[7]);
	if (!g->version.line)
		cfg_set(&g->version, 1, l);
	snprintf(g->policy, sizeof(g->policy), "%s", l->tok[2]);
	return 0;
}

/* ikev2 authentication psk id ipv4 ADDR key char|hex KEY (Oracle's IX
 * template): the key of the IKEv2 peer ADDR, kept as a keyed digest
 * (config/secret.h); the row's copy of the line is blanked at once. */
static int
ikev2_psk(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ix_name *r;

	(void)c;
	if (!(r = ix_add(x, &x->psks, l->tok[5], l)))
		return -1;
	memset(r->text, 0, sizeof(r->text));
	memset(&r->psk, 0, sizeof(r->psk));
	r->psk.line = l->no;
	if (l->ntok < 9 || cfg_tmpl(l, 8))
		r->psk.tmpl = 1;
	else if (cfg_is(l, 7, "hex"))
		r->psk.tmpl = 1; /* how IX writes a hex key was not found: not compared */
	else
		config_secret_digest(l->tok[8], strlen(l->tok[8]), &r->psk);
	return 0;
}

static void
bind_psks(struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < x->psks.n; i++) {
		int gi = config_gateway_find(c, x->psks.row[i].name);
		if (gi >= 0)
			c->gateways[gi].psk = x->psks.row[i].psk;
	}
}

/* ike local-id POLICY TYPE ID / ike remote-id POLICY TYPE ID (TYPE address,
 * fqdn, keyid, ...): the IKE phase 1 identity this end sends and the one
 * it expects from the peer (published IX running-configs; the CONBU IX
 * guide, FoxBoxsnet/try-conbu, which follows NEC's command reference:
 * doc/vendor-syntax.md). Kept per policy, bound to its peer at the end
 * (the ike policy line may come later); audit --peer-config pairs two
 * routers by them where neither writes its own address. */
static int
ike_id(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ix_name *r;

	(void)c;
	if (cfg_tmpl(l, 4))
		return 0;
	if (!(r = ix_add(x, &x->ids[cfg_is(l, 1, "remote-id")], l->tok[2], l)))
		return -1;
	snprintf(r->a, sizeof(r->a), "%s", l->tok[4]);
	return 0;
}

static void
bind_ids(struct config *c, const struct cfg_ctx *x)
{
	for (int remote = 0; remote < 2; remote++)
		for (size_t i = 0; i < x->ids[remote].n; i++)
			for (size_t g = 0; g < c->ngateways; g++)
				if (strcmp(c->gateways[g].policy, x->ids[remote].row[i].name) == 0)
					cfg_copy(remote ? c->gateways[g].remote_ike_id
							: c->gateways[g].local_ike_id,
						 CONFIG_NAME, x->ids[remote].row[i].a);
}

static int
ike_keepalive(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	return ix_add(x, &x->keepalive, l->tok[2], l) ? 0 : -1;
}

static int
ike_natt(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	cfg_set(&c->natt, 1, l);
	return 0;
}

/* Oracle's IKEv1 template: watch-group ... action N ipsec clear-sa TunnelX,
 * enabled by network-monitor NAME enable: an ICMP check that clears SAs.
 * The watch-group usually comes before the interface: resolved at the end. */
static int
watch_action(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	if (strncmp(l->tok[4], "Tunnel", 6) == 0 && !ix_add(x, &x->watches, l->tok[4] + 6, l))
		return -1;
	if (x->group >= 0)
		snprintf(x->groups.row[x->group].b, CONFIG_NAME, "action");
	return 0;
}

/* event N ip unreach-host ADDR TunnelX ...: the tunnel the group watches. */
static int
watch_event(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	for (size_t i = 2; x->group >= 0 && i < l->ntok; i++)
		if (strncmp(l->tok[i], "Tunnel", 6) == 0) {
			cfg_copy(x->groups.row[x->group].a, CONFIG_NAME, l->tok[i] + 6);
			break;
		}
	return 0;
}

static int
network_monitor(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	if (cfg_is(l, 2, "enable"))
		cfg_set(&c->watch, 1, l);
	return 0;
}

static int
bgp_neighbor(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	return cfg_bgp_neighbor(c, l);
}

/* "no ip mtu", "no ip tcp adjust-mss", "no ikev2 dpd interval", "no ikev2
 * connect-type": the setting returns to its (unknown) default. The
 * audit's rollback removes lines it added this way. */
static int
no_setting(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = x->block == IX_TUNIF ? tun(c, x) : NULL;
	struct config_num *n = NULL;

	if (cfg_is(l, 1, "ike") && cfg_is(l, 2, "keepalive") && l->ntok > 3) {
		for (size_t i = 0; i < x->keepalive.n; i++)
			if (strcmp(x->keepalive.row[i].name, l->tok[3]) == 0)
				x->keepalive.row[i].name[0] = '\0'; /* no longer bound */
		return 0;
	}
	if (cfg_is(l, 1, "ip") && cfg_is(l, 2, "mtu"))
		n = t ? &t->mtu : x->block == IX_IFACE ? &c->ifaces[x->index].mtu : NULL;
	else if (t && cfg_is(l, 1, "ip") && cfg_is(l, 2, "tcp"))
		n = &t->mss;
	else if (t && cfg_is(l, 1, "ikev2") && cfg_is(l, 2, "dpd"))
		n = &t->dpd;
	else if (t && cfg_is(l, 1, "ikev2") && cfg_is(l, 2, "connect-type"))
		n = &t->connect;
	if (n)
		memset(n, 0, sizeof(*n));
	return 0;
}

#define IF (IX_IFACE | IX_TUNIF)
#define TI IX_TUNIF
#define PR IX_PROFILE
/* The grammar (commands as seen in published configurations; fn NULL: a
 * command the audit does not need). First words not listed here are
 * reported as not IX commands known to mtuprobe. */
/* clang-format off */
static const struct cfg_cmd ix_cmds[] = {
	{ "interface *", 0, open_interface },
	{ "ikev2 default-profile", 0, open_default_profile },
	{ "ikev2 profile *", 0, open_profile },
	{ "router bgp *", 0, open_bgp },
	{ "router *", 0, open_other },
	{ "ppp profile *", 0, open_other },
	{ "device *", 0, open_other },
	{ "watch-group *", 0, open_watch },
	{ "route-map *", 0, open_other },
	{ "ip dhcp profile *", 0, open_other },
	{ "ipv6 dhcp client-profile *", 0, open_other },
	{ "ipv6 dhcp server-profile *", 0, open_other },
	{ "proxy-dns *", 0, NULL },
	{ "exit", 0, close_block },
	{ "end", 0, close_block },
	/* interface mode */
	{ "ip mtu *", IF, ip_mtu },
	{ "ipv6 mtu *", IF, ip_mtu },
	{ "ip tcp adjust-mss *", IF, adjust_mss },
	{ "ipv6 tcp adjust-mss *", IF, adjust_mss },
	{ "ip address *", IF, ip_address },
	{ "encapsulation *", IF, encapsulation },
	{ "tunnel mode *", TI, tunnel_mode },
	{ "tunnel *", TI, NULL },
	{ "ipsec policy tunnel *", TI, ipsec_policy },
	{ "ipsec policy *", TI, NULL },
	{ "ikev2 dpd interval *", TI, ikev2_dpd },
	{ "ikev2 child-proposal * *", TI, tunnel_child },
	{ "ikev2 connect-type *", TI, ikev2_connect },
	{ "ikev2 negotiation-direction *", TI, ikev2_direction },
	{ "ikev2 nat-traversal *", TI, ikev2_natt },
	{ "ikev2 binding *", TI, ikev2_binding },
	{ "ikev2 peer *", TI, ikev2_peer },
	{ "ikev2 peer-fqdn-ipv4 *", TI, ikev2_peer },
	{ "ikev2 peer-fqdn-ipv6 *", TI, ikev2_peer },
	{ "ikev2 peer-fqdn *", TI, ikev2_peer },
	{ "ikev2 outgoing-interface *", TI, outgoing_if },
	{ "ikev2 ipsec *", TI, NULL },
	{ "ikev2 authentication psk id ipv4 * key * *", 0, ikev2_psk },
	{ "ikev2 authentication *", 0, NULL },
	{ "ikev2 extend-sa-lifetime *", 0, NULL },
	{ "ikev2 *", TI, NULL },
	{ "ip", 0, NULL },
	{ "ipv6", 0, NULL },
	{ "no ip mtu", IF, no_setting },
	{ "no ike keepalive *", 0, no_setting },
	{ "no ip tcp adjust-mss", IX_TUNIF, no_setting },
	{ "no ikev2 dpd interval", IX_TUNIF, no_setting },
	{ "no ikev2 connect-type", IX_TUNIF, no_setting },
	{ "no", 0, NULL },
	{ "shutdown", IF | IX_OTHER, NULL },
	{ "description *", IF, description },
	{ "description *", 0, NULL },
	{ "auto-connect", IF, NULL },
	{ "ppp *", IF, NULL },
	{ "bridge-group *", IF, NULL },
	{ "bridge *", IF, NULL },
	{ "vlan-id *", IF, NULL },
	{ "qos *", IF, NULL },
	/* ikev2 profile and default-profile mode */
	{ "dpd interval *", PR, profile_dpd },
	{ "child-proposal * *", PR, profile_child },
	{ "child-proposal *", PR, NULL },
	{ "sa-proposal *", PR, NULL },
	{ "authentication *", PR | IX_OTHER, NULL },
	{ "child-pfs *", PR, NULL },
	{ "child-lifetime *", PR, NULL },
	{ "sa-lifetime *", PR, NULL },
	{ "lifetime *", PR, NULL },
	{ "source-address *", PR, source_address },
	{ "dpd *", PR, NULL },
	{ "local-authentication *", PR, NULL },
	{ "remote-authentication *", PR, NULL },
	{ "ipsec-mode *", PR, NULL },
	/* router bgp */
	{ "neighbor * remote-as *", IX_BGP, bgp_neighbor },
	{ "neighbor *", IX_BGP, NULL },
	{ "bgp *", IX_BGP, NULL },
	{ "network *", IX_BGP, NULL },
	{ "redistribute *", IX_BGP, NULL },
	{ "address-family *", IX_BGP, NULL },
	{ "timers *", IX_BGP, NULL },
	/* watch-group, ppp profile, device, dhcp profile: lines of their own.
	 * probe-timer, probe-counter (watch-group), assignable-range,
	 * subnet-mask, domain-name (ip dhcp profile), isdn switch-type,
	 * vlan-group and shutdown (device) are printed by the routers in
	 * published running-configs (tests/audit/configs/SOURCES.md 55; the
	 * CONBU IX guide, doc/router-facts.md) */
	{ "action # ipsec clear-sa *", IX_OTHER, watch_action },
	{ "probe-timer *", IX_OTHER, NULL },
	{ "probe-counter *", IX_OTHER, NULL },
	{ "assignable-range *", IX_OTHER, NULL },
	{ "subnet-mask *", IX_OTHER, NULL },
	{ "domain-name *", IX_OTHER, NULL },
	{ "isdn *", IX_OTHER, NULL },
	{ "vlan-group *", IX_OTHER, NULL },
	{ "event *", IX_OTHER, watch_event },
	{ "action *", IX_OTHER, NULL },
	{ "speed *", IX_OTHER, NULL },
	{ "duplex *", IX_OTHER, NULL },
	{ "mode *", IX_OTHER, NULL },
	{ "lcp *", IX_OTHER, NULL },
	{ "ipcp *", IX_OTHER, NULL },
	{ "dns-server *", IX_OTHER, NULL },
	{ "default-gateway *", IX_OTHER, NULL },
	{ "lease-time *", IX_OTHER, NULL },
	{ "option-request *", IX_OTHER, NULL },
	{ "information-request", IX_OTHER, NULL },
	{ "prefix-delegation *", IX_OTHER, NULL },
	{ "ia-pd *", IX_OTHER, NULL },
	{ "fixed-assignment *", IX_OTHER, NULL },
	{ "set *", IX_OTHER, NULL },
	{ "match *", IX_OTHER, NULL },
	{ "echo *", IX_OTHER, NULL },
	{ "network-monitor * *", 0, network_monitor },
	/* global */
	{ "ipsec autokey-proposal *", 0, autokey_proposal },
	{ "ipsec autokey-map * * peer * *", 0, autokey_map },
	{ "ipsec dynamic-map * * *", 0, dynamic_map },
	{ "ipsec local-id *", 0, NULL },
	{ "ipsec remote-id *", 0, NULL },
	{ "ipsec *", 0, NULL },
	{ "ike proposal *", 0, ike_proposal },
	{ "ike policy * peer *", 0, ike_policy },
	{ "ike keepalive * # #", 0, ike_keepalive },
	{ "ike nat-traversal", 0, ike_natt },
	{ "ike local-id * * *", 0, ike_id },
	{ "ike remote-id * * *", 0, ike_id },
	{ "ike local-id *", 0, NULL },
	{ "ike remote-id *", 0, NULL },
	{ "ike *", 0, NULL },
	{ "ip access-list * permit *", 0, access_list },
	{ "ip access-list *", 0, NULL },
	{ "ipv6 access-list *", 0, NULL },
	{ "ip route *", 0, NULL },
	{ "ipv6 route *", 0, NULL },
	{ "ip ufs-cache *", 0, NULL },
	{ "ipv6 ufs-cache *", 0, NULL },
	{ "ip dhcp *", 0, NULL },
	{ "ipv6 dhcp *", 0, NULL },
	{ "ip host *", 0, NULL },
	{ "ip domain-name *", 0, NULL },
	{ "ip name-server *", 0, NULL },
	{ "ip napt *", 0, NULL },
	{ "ip prefix-list *", 0, NULL },
	{ "ipv6 prefix-list *", 0, NULL },
	{ "ip fragment-reassembly *", 0, NULL },
	{ "ip icmp *", 0, NULL },
	{ "ip multicast-routing *", 0, NULL },
	{ "hostname *", 0, NULL },
	{ "timezone *", 0, NULL },
	{ "logging *", 0, NULL },
	{ "syslog *", 0, NULL },
	{ "username *", 0, NULL },
	{ "http-server *", 0, NULL },
	{ "ssh-server *", 0, NULL },
	{ "telnet-server *", 0, NULL },
	{ "snmp-agent *", 0, NULL },
	{ "ntp *", 0, NULL },
	{ "clock *", 0, NULL },
	{ "dns *", 0, NULL },
	{ "system *", 0, NULL },
	{ "web-console *", 0, NULL },
	{ "nat *", 0, NULL },
	{ "license *", 0, NULL },
	{ "supervisors *", 0, NULL },
	{ "track *", 0, NULL },
	{ "ip-filter *", 0, NULL },
	{ "ntp-server *", 0, NULL },
	{ "configure", 0, NULL },
	{ "terminal *", 0, NULL },
	{ "write *", 0, NULL },
};
/* clang-format on */
#undef IF
#undef TI
#undef PR

static const struct cfg_grammar ix_grammar = { ix_cmds, COUNT(ix_cmds), ix_scopes,
					       COUNT(ix_scopes) };

static void
fake_line(struct cfg_line *l, unsigned no, const char *text)
{
	memset(l, 0, sizeof(*l));
	l->no = no;
	cfg_copy(l->text, sizeof(l->text), text);
}

/* An IX proposal list is one word, the names separated by ',' and tried
 * in order (`ike policy NAME peer any key KEY p1,p2,p3`, `ipsec dynamic-map
 * NAME ACL s1,s2,s3`, `ipsec autokey-map ... peer ADDR s1,s2`: an IX2105
 * 10.2.16 running-config, which prints only what the router accepted;
 * doc/vendor-syntax.md). Each name that table t does not define is an
 * undefined reference naming that one. */
static void
list_refs(struct config *c, const struct ix_table *t, const struct ix_name *r,
	  enum config_ref_kind kind, int tunnel)
{
	char list[CONFIG_LINE_MAX];
	char *save = NULL;

	snprintf(list, sizeof(list), "%s", r->props);
	for (char *n = strtok_r(list, ",", &save); n; n = strtok_r(NULL, ",", &save))
		if (!ix_find(t, n) && !config_is_placeholder(n))
			cfg_ref(c, r->line, r->text, kind, n, tunnel);
}

/* The ESP of a map's proposal list for the model: each defined proposal's
 * transform (its words space-separated), the proposals joined by ',', of
 * which the model takes the one that carries least (core/audit_model.c),
 * since which one the peer agrees to is its choice. An undefined name is
 * list_refs' error and offers nothing. Returns the first defined proposal,
 * NULL when none is or when one has no esp- words (then no transform is
 * known: the tunnel says ESP unknown). A list that does not fit CONFIG_ESP
 * keeps its first whole proposals and sets *cut (config_num.cut): never a
 * part of the list, which might leave out the one that carries least,
 * read as all of it. */
static const struct ix_name *
list_esp(const struct cfg_ctx *x, const struct ix_name *m, char *out, size_t len, int *cut)
{
	char list[CONFIG_LINE_MAX];
	char *save = NULL;
	const struct ix_name *first = NULL;
	size_t n = 0;

	out[0] = '\0';
	*cut = 0;
	snprintf(list, sizeof(list), "%s", m->props);
	for (char *w = strtok_r(list, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		const struct ix_name *p = ix_find(&x->proposals, w);
		int k;
		if (!p)
			continue;
		if (!p->a[0])
			return NULL;
		k = snprintf(out + n, len - n, "%s%s", n ? "," : "", p->a);
		if (k < 0 || (size_t)k >= len - n) {
			out[n] = '\0';
			*cut = 1;
			return first ? first : p;
		}
		n += (size_t)k;
		if (!first)
			first = p;
	}
	return first;
}

static void
bind_map(struct config *c, const struct cfg_ctx *x, size_t i)
{
	struct config_tunnel *t = &c->tunnels[i];
	const struct ix_name *m = ix_find(&x->maps, t->policy_name);
	const struct ix_name *p;
	const struct ix_name *a = m ? ix_find(&x->acls, m->a) : NULL;
	char esp[CONFIG_ESP];
	struct config_gateway *g;
	struct cfg_line fake;
	int gi, cut;

	if (!m) {
		if (!config_is_placeholder(t->policy_name))
			cfg_ref(c, t->policy.line, t->policy.text, CONFIG_REF_IPSEC_MAP,
				t->policy_name, (int)i);
		return;
	}
	list_refs(c, &x->proposals, m, CONFIG_REF_IPSEC_PROPOSAL, (int)i);
	p = list_esp(x, m, esp, sizeof(esp), &cut);
	if (!a && !config_is_placeholder(m->a))
		cfg_ref(c, m->line, m->text, CONFIG_REF_ACL, m->a, (int)i);
	if ((gi = config_gateway_find(c, m->b)) < 0) {
		fake_line(&fake, m->line, m->text);
		if (!cfg_gateway(c, m->b, m->line))
			return;
		gi = (int)c->ngateways - 1;
		cfg_set(&c->gateways[gi].version, 1, &fake);
	}
	t->gateway = gi;
	g = &c->gateways[gi];
	if (p) {
		fake_line(&fake, p->line, p->text);
		cfg_set(&g->esp, 0, &fake);
		g->esp.cut = cut;
		snprintf(g->esp_text, sizeof(g->esp_text), "%s", esp);
	}
	snprintf(g->acl, sizeof(g->acl), "%s", m->a);
	if (a && a->b[0]) {
		fake_line(&fake, a->line, a->text);
		cfg_set_prefix(&g->local_id, a->src, a->src_len, &fake);
		cfg_set_prefix(&g->remote_id, a->dst, a->dst_len, &fake);
	}
}

/* A tunnel's named profile: its dpd interval and child proposal are the
 * tunnel's; a name that no ikev2 profile defines is an error the router
 * makes when it tries the tunnel. */
static void
bind_profile(struct config *c, const struct cfg_ctx *x, size_t i)
{
	struct config_tunnel *t = &c->tunnels[i];
	const struct ix_name *p = ix_find(&x->profiles, t->policy_name);

	if (!p) {
		if (!t->binding.tmpl)
			cfg_ref(c, t->binding.line, t->binding.text, CONFIG_REF_IKEV2_PROFILE,
				t->policy_name, (int)i);
		return;
	}
	if (p->dpd.line && !t->dpd.line)
		t->dpd = p->dpd;
	if (p->esp.line && !t->esp_own) {
		t->esp = p->esp;
		snprintf(t->esp_text, sizeof(t->esp_text), "%s", p->esp_text);
	}
}

static void
bind_names(struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < c->ntunnels; i++) {
		struct config_tunnel *t = &c->tunnels[i];
		if (t->binding.line)
			bind_profile(c, x, i);
		else if (t->policy.line)
			bind_map(c, x, i);
		if (!t->encap.line && t->gateway < 0 && !t->policy.line)
			t->kind = CONFIG_TK_OTHER; /* no tunnel mode, no IPsec: not ours */
	}
	for (size_t i = 0; i < x->policies.n; i++)
		list_refs(c, &x->ike_props, &x->policies.row[i], CONFIG_REF_IKE_PROPOSAL, -1);
	for (size_t i = 0; i < x->dynmaps.n; i++) {
		const struct ix_name *m = &x->dynmaps.row[i];
		list_refs(c, &x->proposals, m, CONFIG_REF_IPSEC_PROPOSAL, -1);
		if (!ix_find(&x->acls, m->a) && !config_is_placeholder(m->a))
			cfg_ref(c, m->line, m->text, CONFIG_REF_ACL, m->a, -1);
	}
}

/* This end's outside address for an IKEv2 tunnel, which the IX does not
 * write as an address: IKE's source is the interface named by the
 * profile's source-address (the bound profile's, else the default-profile's),
 * else by the tunnel's ikev2 outgoing-interface, and a packet sent from an
 * interface carries that interface's address (RFC 1122 section 3.3.4.2).
 * Only a static ip address A/P counts; ipcp, dhcp or unnumbered leave it
 * unknown. audit --peer-config pairs two routers by it (core/audit_pair.c). */
static void
bind_local(struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < c->ntunnels; i++) {
		const struct config_tunnel *t = &c->tunnels[i];
		const struct ix_name *p =
			t->binding.line ? ix_find(&x->profiles, t->policy_name) : &x->defprof;
		const char *name = p && p->source.line && !p->source.tmpl  ? p->c
				   : t->outgoing.line && !t->outgoing.tmpl ? t->outgoing_if
									   : NULL;
		struct config_gateway *g;
		const struct config_iface *f = NULL;
		if (!t->ikev2 || t->gateway < 0 || !name)
			continue;
		for (size_t k = 0; k < c->nifaces && !f; k++)
			if (strcmp(c->ifaces[k].name, name) == 0)
				f = &c->ifaces[k];
		g = &c->gateways[t->gateway];
		if (!f || !f->addr.line || f->addr.tmpl || f->addr.plen > 32 || g->local_addr.line)
			continue;
		g->local_addr = f->addr;
		g->local_addr.plen = 32;
	}
}

static void
bind_keepalives(struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < x->keepalive.n; i++) {
		const struct ix_name *k = &x->keepalive.row[i];
		const struct ix_name *p = ix_find(&x->policies, k->name);
		int gi = p ? config_gateway_find(c, p->a) : -1;
		struct cfg_line fake;
		if (!k->name[0])
			continue; /* removed by a later "no ike keepalive" */
		if (!p) {
			if (!config_is_placeholder(k->name))
				cfg_ref(c, k->line, k->text, CONFIG_REF_IKE_POLICY, k->name, -1);
			continue;
		}
		if (gi < 0)
			continue;
		fake_line(&fake, k->line, k->text);
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
		struct cfg_line fake;
		if (t < 0)
			continue;
		fake_line(&fake, w->line, w->text);
		cfg_set(&c->tunnels[t].dpd, 0, &fake);
	}
}

/* Whether tunnel t runs a keepalive that finds a dead peer: IKEv2 its own
 * or bound profile's ikev2 dpd interval, else the default-profile's; IKEv1
 * a watch-group that clears its SA (Oracle's template). doc/router-facts.md
 * (IX): the defaults were not found, so no line is no DPD known. */
static int
tunnel_dpd(const struct config *c, const struct config_tunnel *t)
{
	return t->ikev2 ? t->dpd.line || (!t->binding.line && c->default_dpd.line)
			: t->dpd.line && c->watch.line;
}

/* Who starts each tunnel's IKE (config.h config_start). IKEv2: the
 * tunnel's ikev2 connect-type auto starts it, and without it the IX waits
 * (NEC IX command reference, ikev2 connect-type; doc/router-facts.md);
 * ikev2 negotiation-direction responder makes it answer only.
 * IKEv1: how an IX starts it was not found, so UNKNOWN. */
static void
ix_start(struct config *c)
{
	for (size_t i = 0; i < c->ntunnels; i++) {
		struct config_tunnel *t = &c->tunnels[i];
		const struct config_num *k = &t->connect;
		if (!t->ikev2 && t->gateway < 0)
			continue; /* an IKEv1 tunnel of no peer: nothing starts */
		t->start = (struct config_start){
			CONFIG_START_NEVER, { 0 }, CONFIG_SWHY_IX_V2, 1, 0, 0, { 0 }
		};
		if (k->tmpl || (k->line && k->v == 1))
			t->start.src = *k;
		if (!t->ikev2) {
			t->start.state = CONFIG_START_UNKNOWN;
			t->start.why = CONFIG_SWHY_IX_V1;
		} else if (k->tmpl || t->responder.tmpl) {
			t->start.state = CONFIG_START_UNKNOWN;
			t->start.src = k->tmpl ? *k : t->responder;
		} else if (t->responder.line && t->responder.v == 1) {
			/* published hub configs write both: the direction wins */
			t->start.src = t->responder;
			t->start.why = CONFIG_SWHY_IX_RESPONDER;
		} else if (k->line && k->v == 1)
			t->start.state = CONFIG_START_ALWAYS;
	}
}

/* An IKEv1 peer with no DPD whose tunnel a watch-group watches with no
 * action: the group runs nothing when the event fires, so it clears no SA
 * (doc/router-facts.md, IX); the reason names its line rather than saying
 * there is no watch-group. */
static void
watch_no_action(struct config *c, const struct cfg_ctx *x)
{
	for (size_t k = 0; k < x->groups.n; k++) {
		const struct ix_name *w = &x->groups.row[k];
		int t = w->b[0] || !w->a[0] ? -1 : config_tunnel_find(c, w->a);
		struct config_live *l;
		if (t < 0 || c->tunnels[t].gateway < 0 ||
		    (size_t)c->tunnels[t].gateway >= c->ngateways)
			continue;
		l = &c->gateways[c->tunnels[t].gateway].live;
		if (l->state == CONFIG_LIVE_OFF && l->why == CONFIG_WHY_IX_V1) {
			l->why = CONFIG_WHY_IX_WATCH_NO_ACTION;
			l->why_line = w->line;
		}
	}
}

/* The vendor-neutral DPD view (config.h config_live, config_tunnel.hold).
 * An IX's DPD is its tunnels' (ikev2 dpd interval per tunnel): a peer
 * runs one when any of its tunnels does or an ike keepalive names its
 * policy; a peer no tunnel is bound to is not judged. The hold is each
 * tunnel's own dpd interval, a lower bound (the retries were not found);
 * for IKEv1, whether ike keepalive is DPD was not found. */
static void
ix_live(struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < c->ngateways; i++) {
		cfg_live_start(&c->gateways[i]); /* a template: the check's note */
		c->gateways[i].live.state = CONFIG_LIVE_UNKNOWN;
		c->gateways[i].live.why = CONFIG_WHY_NO_TUNNEL;
	}
	for (size_t i = 0; i < c->ntunnels; i++) {
		struct config_tunnel *t = &c->tunnels[i];
		const struct config_num *d = t->dpd.line        ? &t->dpd
					     : !t->binding.line ? &c->default_dpd
								: &t->dpd;
		struct config_gateway *g;
		t->hold.set = 1;
		if (!t->ikev2 || d->tmpl)
			t->hold.v = CONFIG_HOLD_UNKNOWN;
		else if (!d->line || d->v <= 0)
			t->hold.v = CONFIG_HOLD_NONE;
		else {
			t->hold.v = d->v;
			t->hold.src = *d;
		}
		if (t->gateway < 0 || (size_t)t->gateway >= c->ngateways)
			continue;
		g = &c->gateways[t->gateway];
		if (g->live.why == CONFIG_WHY_NO_TUNNEL) {
			g->live.state = CONFIG_LIVE_OFF;
			g->live.why = g->version.line && g->version.v == 2 ? CONFIG_WHY_IX_V2
									   : CONFIG_WHY_IX_V1;
		}
		if (tunnel_dpd(c, t)) {
			g->live.state = CONFIG_LIVE_ON;
			g->live.why = CONFIG_WHY_NONE;
		}
	}
	for (size_t i = 0; i < c->ngateways; i++) {
		struct config_live *l = &c->gateways[i].live;
		if (l->src.line && l->state == CONFIG_LIVE_OFF) { /* ike keepalive */
			l->state = CONFIG_LIVE_ON;
			l->why = CONFIG_WHY_NONE;
		}
	}
	watch_no_action(c, x);
}

/* The line MTU the ESP packets meet: the PPPoE interface's ip mtu, else a
 * MAP-E / 4over6 tunnel's, else the smallest ip mtu on another interface. */
static void
line_mtu(struct config *c)
{
	cfg_line_mtu_pppoe(c);
	for (size_t i = 0; i < c->ntunnels && !c->line_src; i++) {
		const struct config_tunnel *t = &c->tunnels[i];
		if ((t->kind == CONFIG_TK_MAPE || t->kind == CONFIG_TK_IPIP) && t->mtu.line &&
		    !t->mtu.tmpl) {
			c->line_src = CONFIG_LINE_MAPE;
			c->line_mtu = t->mtu;
			cfg_copy(c->line_name, sizeof(c->line_name), t->name);
			c->line_index = i;
		}
	}
	cfg_line_mtu_smallest(c);
}

static void
free_tables(struct cfg_ctx *x)
{
	struct ix_table *t[] = { &x->proposals, &x->ike_props, &x->acls,     &x->maps, &x->policies,
				 &x->keepalive, &x->watches,   &x->profiles, &x->psks, &x->ids[0],
				 &x->ids[1],    &x->groups,    &x->dynmaps };

	for (size_t i = 0; i < COUNT(t); i++)
		free(t[i]->row);
}

/* An IKEv2 tunnel's transform is its own (ikev2 profile child-proposal
 * lines, or the profile it binds), else the default-profile's: the
 * tunnel carries it, not an IKE gateway (config_tunnel.esp_here). */
static void
ikev2_esp(struct config *c)
{
	for (size_t i = 0; i < c->ntunnels; i++) {
		struct config_tunnel *t = &c->tunnels[i];
		if (!t->ikev2)
			continue;
		t->esp_here = 1;
		if (!t->binding.line && !t->esp_own)
			snprintf(t->esp_text, sizeof(t->esp_text), "%s", c->child_esp_text);
	}
}

int
config_parse_ix(const char *buf, size_t len, struct config *c)
{
	struct cfg_reader r = { buf, len, 0, 0, "!" };
	struct cfg_line l;
	struct cfg_ctx *x = calloc(1, sizeof(*x));

	if (!x)
		return -1;
	x->cfg = c;
	x->group = -1;
	while (!c->nomem && cfg_next(&r, &l)) {
		if (l.comment) {
			/* a bare '!' separates blocks in running-config and ends
			 * the mode; "! text" is a comment inside it */
			if (strcmp(l.text, "!") == 0)
				x->block = 0;
			c->comments += l.text[0] != '\0';
			continue;
		}
		cfg_dispatch(c, x, &ix_grammar, &l, x->block);
	}
	c->lines = r.no;
	bind_names(c, x);
	bind_keepalives(c, x);
	bind_watches(c, x);
	bind_psks(c, x);
	bind_ids(c, x);
	bind_local(c, x);
	ix_live(c, x);
	ix_start(c);
	line_mtu(c);
	ikev2_esp(c);
	free_tables(x);
	free(x);
	return c->nomem ? -1 : 0;
}
