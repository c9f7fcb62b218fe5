/* SPDX-License-Identifier: BSD-2-Clause */
/* Yamaha RTX configuration (show config output or a saved config file).
 * Commands and defaults: Yamaha RTX command reference 12.01 (sections cited
 * in shared/design/router-facts.md and vendor-syntax.md). Context: lines
 * between "tunnel select N" and "tunnel select none" (or the next select)
 * belong to tunnel N, likewise "pp select N". show config indents those
 * lines and prints no "select none", so once a block has shown indented
 * lines, the first unindented command ends it. ipsec ike lines name their
 * gateway and are global wherever they appear. */
#include "config/config_int.h"

#include <stdio.h>
#include <string.h>

#define RTX_MAX_POLICIES 64

struct cfg_ctx {
	int tunnel;                   /* index of the selected tunnel, -1 none */
	int pp;                       /* index of the selected pp interface, -1 none */
	int block_indented;           /* the open block has shown indented lines */
	/* ipsec sa policy ID GW: which gateway a policy id belongs to */
	long pol_id[RTX_MAX_POLICIES];
	char pol_gw[RTX_MAX_POLICIES][CONFIG_NAME];
	size_t npol;
};

static struct config_tunnel *
tun(struct config *c, struct cfg_ctx *x)
{
	return x->tunnel >= 0 ? &c->tunnels[x->tunnel] : NULL;
}

static struct config_gateway *
gw(struct config *c, const struct cfg_line *l, size_t i)
{
	return cfg_gateway(c, l->tok[i], l->no);
}

static void
tunnel_select(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	char name[CONFIG_NAME];
	struct config_tunnel *t;

	x->pp = -1;
	x->block_indented = 0;
	snprintf(name, sizeof(name), "tunnel%s", l->tok[2]);
	t = cfg_tunnel(c, l->tok[2], name, l->no);
	x->tunnel = t ? (int)(t - c->tunnels) : -1;
}

static void
select_none(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	(void)l;
	x->tunnel = x->pp = -1;
}

static void
pp_select(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	char name[CONFIG_NAME];
	struct config_iface *f;

	x->tunnel = -1;
	x->block_indented = 0;
	snprintf(name, sizeof(name), "pp%s", l->tok[2]);
	f = cfg_iface(c, name, l->no);
	x->pp = f ? (int)(f - c->ifaces) : -1;
}

static void
tunnel_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	long v;

	if (t && cfg_number(l->tok[3], 64, 65535, &v) == 0)
		cfg_set(l->tok[0][2] == 'v' ? &t->mtu6 : &t->mtu, v, l);
	else
		c->unread++;
}

static void
tunnel_mss(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	long v = 0;
	int m = l->ntok > 5 ? cfg_mss(l->tok[5], &v) : -1;

	if (!t || m < 0)
		c->unread++;
	else
		cfg_set_mss(t, l->tok[0][2] == 'v', m, v, l);
}

static void
tunnel_address(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	int remote = cfg_is(l, 2, "remote");
	const char *a = l->ntok > (size_t)(3 + remote) ? l->tok[3 + remote] : "";
	uint32_t addr;
	unsigned plen;

	if (t && cfg_prefix(a, &addr, &plen) == 0)
		cfg_set_prefix(remote ? &t->remote : &t->inside, addr, plen, l);
	else
		c->unread++;
}

static void
tunnel_encap(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);

	/* L2TP tunnels ignore the tunnel MTU (vendor-syntax.md, 8.1.4). */
	if (t)
		cfg_set(&t->encap, strncmp(l->tok[2], "l2tp", 4) == 0 ? 2 : 1, l);
}

static void
outer_df(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	static const char *const modes[] = { "copy", "set", "clear" };
	struct config_tunnel *t = tun(c, x);

	for (long i = 0; t && i < 3; i++)
		if (cfg_is(l, 4, modes[i])) {
			cfg_set(&t->df, i, l);
			return;
		}
	c->unread++;
}

static void
ipsec_tunnel(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	long v;

	if (t && cfg_number(l->tok[2], 0, 2147483647L, &v) == 0)
		cfg_set(&t->policy, v, l);
	else
		c->unread++;
}

/* ipsec sa policy ID GW esp [cipher] [integrity]: remembers which gateway
 * the policy id belongs to and keeps the transform as written. */
static void
sa_policy(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g = gw(c, l, 4);
	size_t n = 0;
	long id;

	if (!g || cfg_number(l->tok[3], 0, 2147483647L, &id) < 0)
		return;
	if (x->npol < RTX_MAX_POLICIES) {
		x->pol_id[x->npol] = id;
		snprintf(x->pol_gw[x->npol++], CONFIG_NAME, "%s", g->name);
	}
	cfg_set(&g->esp, 0, l);
	g->esp_text[0] = '\0';
	for (size_t i = 6; i < l->ntok && n + 1 < sizeof(g->esp_text); i++) {
		/* stop at option words such as local-id= */
		if (strchr(l->tok[i], '='))
			break;
		n += (size_t)snprintf(g->esp_text + n, sizeof(g->esp_text) - n, "%s%s",
				      n ? " " : "", l->tok[i]);
	}
}

static int
keepalive_method(const char *s, enum config_ka *m)
{
	static const struct { const char *name; enum config_ka m; } methods[] = {
		{ "heartbeat", CONFIG_KA_HEARTBEAT }, { "icmp-echo", CONFIG_KA_ICMP },
		{ "dpd", CONFIG_KA_DPD }, { "rfc4306", CONFIG_KA_RFC4306 },
	};
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(s, methods[i].name) == 0) {
			*m = methods[i].m;
			return 0;
		}
	return -1;
}

/* ipsec ike keepalive use GW on|off|auto [method [IP]] [interval count [upwait]]
 * (15.20). Without a method, IKEv1 uses heartbeat and IKEv2 rfc4306. */
static void
keepalive(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g = gw(c, l, 4);
	size_t i = 6;
	long sw = cfg_is(l, 5, "on") ? CONFIG_ON : cfg_is(l, 5, "off") ? CONFIG_OFF
		: cfg_is(l, 5, "auto") ? CONFIG_AUTO : -1;

	(void)x;
	if (!g || sw < 0) {
		c->unread++;
		return;
	}
	cfg_set(&g->keepalive, sw, l);
	g->ka_method = CONFIG_KA_HEARTBEAT;
	g->ka_interval = 10;      /* 15.20 defaults */
	g->ka_count = 6;
	g->ka_method_set = i < l->ntok && keepalive_method(l->tok[i], &g->ka_method) == 0;
	if (g->ka_method_set)
		i += 1 + (g->ka_method == CONFIG_KA_ICMP);
	if (i + 1 < l->ntok) {
		cfg_number(l->tok[i], 1, 600, &g->ka_interval);
		cfg_number(l->tok[i + 1], 1, 50, &g->ka_count);
	}
}

static void
gw_number(struct config *c, const struct cfg_line *l, size_t gi, size_t vi,
	  struct config_num *(*field)(struct config_gateway *), long min, long max)
{
	struct config_gateway *g = gw(c, l, gi);
	long v;

	if (g && cfg_number(l->tok[vi], min, max, &v) == 0)
		cfg_set(field(g), v, l);
	else
		c->unread++;
}

static struct config_num *f_version(struct config_gateway *g) { return &g->version; }
static struct config_num *f_compat(struct config_gateway *g) { return &g->compat; }

static void
ike_version(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	gw_number(c, l, 3, 4, f_version, 1, 2);
}

static void
backward_compat(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	gw_number(c, l, 3, 4, f_compat, 1, 2);
}

static int
on_off(const struct cfg_line *l, size_t i)
{
	return cfg_is(l, i, "on") ? 1 : cfg_is(l, i, "off") ? 0 : -1;
}

static void
nat_traversal(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g = gw(c, l, 3);
	int v = on_off(l, 4);

	(void)x;
	if (g && v >= 0)
		cfg_set(&g->natt, v, l);
	else
		c->unread++;
}

static void
proxy_id(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g = gw(c, l, 4);
	uint32_t a;
	unsigned plen;

	(void)x;
	if (g && cfg_prefix(l->tok[5], &a, &plen) == 0)
		cfg_set_prefix(cfg_is(l, 2, "local") ? &g->local_id : &g->remote_id, a, plen, l);
	else
		c->unread++;
}

static void
gateway_seen(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	gw(c, l, 4);
}

/* Any other ipsec ike WORD GW ... line: the gateway exists from here on. */
static void
gateway_named(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	gw(c, l, 3);
}

static void
refresh_global(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	int v = on_off(l, 3);

	(void)x;
	if (v >= 0 && l->ntok == 4)
		cfg_set(&c->refresh, v, l);
	else
		c->unread++;
}

static void
refresh_gw(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g = gw(c, l, 3);
	int v = on_off(l, 4);

	(void)x;
	if (g && v >= 0)
		cfg_set(&g->refresh, v, l);
	else
		c->unread++;
}

static void
pp_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	long v;

	if (x->pp >= 0 && cfg_number(l->tok[3], 64, 65535, &v) == 0)
		cfg_set(&c->ifaces[x->pp].mtu, v, l);
	else
		c->unread++;
}

static void
lcp_mru(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	long v;

	/* ppp lcp mru on N (default on 1792): only a number says the line MTU */
	if (x->pp >= 0 && cfg_is(l, 3, "on") && l->ntok > 4 &&
	    cfg_number(l->tok[4], 64, 65535, &v) == 0)
		cfg_set(&c->ifaces[x->pp].mru, v, l);
	else
		c->unread++;
}

static void
lan_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_iface *f;
	long v;

	(void)x;
	if (strncmp(l->tok[1], "lan", 3) != 0 || cfg_number(l->tok[3], 64, 65535, &v) < 0) {
		c->unread++;
		return;
	}
	if ((f = cfg_iface(c, l->tok[1], l->no)))
		cfg_set(&f->mtu, v, l);
}

static void
bgp_neighbor(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	uint32_t a;

	(void)x;
	if (cfg_addr(l->tok[4], &a) < 0)
		c->unread++;
	else if (c->nbgp >= CONFIG_MAX_BGP)
		c->dropped++;
	else {
		c->bgp[c->nbgp].addr = a;
		c->bgp[c->nbgp].line = l->no;
		cfg_copy(c->bgp[c->nbgp++].text, CONFIG_TEXT, l->text);
	}
}

/* First match wins: longer patterns before the shorter ones they extend. */
static const struct cfg_cmd rtx_cmds[] = {
	{ "tunnel select none", select_none },
	{ "tunnel select #", tunnel_select },
	{ "pp select none", select_none },
	{ "pp select #", pp_select },
	{ "ip tunnel mtu #", tunnel_mtu },
	{ "ipv6 tunnel mtu #", tunnel_mtu },
	{ "ip tunnel tcp mss limit *", tunnel_mss },
	{ "ipv6 tunnel tcp mss limit *", tunnel_mss },
	{ "ip tunnel address *", tunnel_address },
	{ "ip tunnel remote address *", tunnel_address },
	{ "tunnel encapsulation *", tunnel_encap },
	{ "ipsec tunnel outer df-bit *", outer_df },
	{ "ipsec tunnel #", ipsec_tunnel },
	{ "ipsec sa policy # * esp", sa_policy },
	{ "ipsec ike keepalive use * *", keepalive },
	{ "ipsec ike version * #", ike_version },
	{ "ipsec ike backward-compatibility * #", backward_compat },
	{ "ipsec ike nat-traversal * *", nat_traversal },
	{ "ipsec ike local id * *", proxy_id },
	{ "ipsec ike remote id * *", proxy_id },
	{ "ipsec ike remote address * *", gateway_seen },
	{ "ipsec ike local address * *", gateway_seen },
	{ "ipsec ike * # *", gateway_named },
	{ "ipsec auto refresh # *", refresh_gw },
	{ "ipsec auto refresh *", refresh_global },
	{ "ip pp mtu #", pp_mtu },
	{ "ppp lcp mru *", lcp_mru },
	{ "ip * mtu #", lan_mtu },
	{ "bgp neighbor # # *", bgp_neighbor },
};

/* "# RTX1210 Rev.14.01.38 (...)": show config's first line names the model
 * and firmware, which decide the MSS clamp default (vendor-syntax.md). */
static void
firmware_comment(struct config *c, const struct cfg_line *l)
{
	if (c->firmware_line || l->no > 20 || !strstr(l->text, " Rev."))
		return;
	snprintf(c->firmware, sizeof(c->firmware), "%s", l->text + 1 + (l->text[1] == ' '));
	c->firmware_line = l->no;
}

static void
bind_policies(struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < c->ntunnels; i++) {
		struct config_tunnel *t = &c->tunnels[i];
		for (size_t p = 0; t->policy.line && p < x->npol; p++)
			if (x->pol_id[p] == t->policy.v)
				t->gateway = config_gateway_find(c, x->pol_gw[p]);
	}
}

int
config_parse_rtx(const char *buf, size_t len, struct config *c)
{
	struct cfg_reader r = { buf, len, 0, 0 };
	struct cfg_line l;
	struct cfg_ctx x;
	const struct cfg_cmd *cmd;

	memset(&x, 0, sizeof(x));
	x.tunnel = x.pp = -1;
	while (cfg_next(&r, &l)) {
		if (l.comment) {
			c->comments += l.text[0] != '\0';
			if (l.text[0] == '#')
				firmware_comment(c, &l);
			continue;
		}
		if (x.tunnel >= 0 || x.pp >= 0) {
			if (l.indented)
				x.block_indented = 1;
			else if (x.block_indented && !cfg_is(&l, 1, "select"))
				x.tunnel = x.pp = -1;
		}
		cmd = cfg_match(rtx_cmds, sizeof(rtx_cmds) / sizeof(rtx_cmds[0]), &l);
		if (cmd)
			cmd->fn(c, &x, &l);
		else
			c->unread++;
	}
	c->lines = r.no;
	bind_policies(c, &x);
	return 0;
}
