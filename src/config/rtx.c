/* SPDX-License-Identifier: BSD-2-Clause */
/* Yamaha RTX configuration (show config output or a saved config file).
 * Commands, scopes and defaults: Yamaha RTX command reference 12.01
 * (doc/config-grammar.md lists the sections). Blocks follow the router's grammar:
 * "tunnel select N" opens tunnel N and "pp select N" opens pp N until the
 * next select or "... select none"; show config indents those lines, saved
 * files and templates often do not, and the router ignores indentation, so
 * this parser does too. Commands that exist only inside a tunnel or pp
 * block (ip tunnel ..., ip pp ...) belong to the open block; global
 * commands (ipsec ike ..., ip lanN ...) are global wherever they stand. */
#include "config/config_int.h"
#include "base/count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Block kinds (cfg_cmd.scope bits). */
enum { RTX_TUNNEL = 1u << 0, RTX_PP = 1u << 1 };
static const enum config_arg rtx_scopes[] = { CONFIG_ARG_IN_TUNNEL, CONFIG_ARG_IN_PP };

/* Tunnel and pp numbers: the largest any model takes (vRX: tunnel 1-6000,
 * pp 1-150, command reference 1.6). */
#define RTX_TUNNEL_MAX 6000
#define RTX_PP_MAX 150
/* The MAP-E / IPIP tunnel MTU when none is set: 1460, the IPv4 MTU of a
 * 4in6 tunnel over a 1500-byte IPv6 line (RFC 7597 5.3; RFC 6333). */
#define RTX_MAPE_MTU 1460

struct sa_policy {
	long id;
	int gateway; /* index in config.gateways */
};

struct cfg_ctx {
	int tunnel;            /* index of the selected tunnel, -1 none */
	int pp;                /* index of the selected pp interface, -1 none */
	struct sa_policy *pol; /* ipsec sa policy ID GW */
	size_t npol, cap;
};

static unsigned
block(const struct cfg_ctx *x)
{
	return x->tunnel >= 0 ? RTX_TUNNEL : x->pp >= 0 ? RTX_PP : 0;
}

static struct config_tunnel *
tun(struct config *c, struct cfg_ctx *x)
{
	return &c->tunnels[x->tunnel]; /* scope RTX_TUNNEL: always selected */
}

/* The gateway named by word i: a security gateway number (1-based). */
static struct config_gateway *
gw(struct config *c, const struct cfg_line *l, size_t i)
{
	return cfg_gateway(c, l->tok[i], l->no);
}

static int
number_in(struct config *c, const struct cfg_line *l, size_t i, long lo, long hi, long *v)
{
	if (cfg_number(l->tok[i], lo, hi, v) == 0)
		return 0;
	return cfg_bad_range(c, l, (unsigned)i + 1, lo, hi);
}

static int
tunnel_select(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	char name[CONFIG_NAME];
	struct config_tunnel *t;
	long n;

	x->pp = x->tunnel = -1;
	if (!cfg_tmpl(l, 2) && number_in(c, l, 2, 1, RTX_TUNNEL_MAX, &n) < 0)
		return -1;
	snprintf(name, sizeof(name), "tunnel%.30s", l->tok[2]);
	if (!(t = cfg_tunnel(c, l->tok[2], name, l->no)))
		return -1;
	x->tunnel = (int)(t - c->tunnels);
	return 0;
}

static int
select_none(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	(void)l;
	x->tunnel = x->pp = -1;
	return 0;
}

static int
pp_select(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	char name[CONFIG_NAME];
	struct config_iface *f;
	long n;

	x->pp = x->tunnel = -1;
	if (!cfg_tmpl(l, 2) && !cfg_is(l, 2, "anonymous") &&
	    number_in(c, l, 2, 1, RTX_PP_MAX, &n) < 0)
		return -1;
	snprintf(name, sizeof(name), "pp%.30s", l->tok[2]);
	if (!(f = cfg_iface(c, name, l->no)))
		return -1;
	x->pp = (int)(f - c->ifaces);
	return 0;
}

/* 8.1.4: 64-1500 on every model; only the LAN ports of RTX5000/3500 (9578)
 * and RTX3510/1300 (10218) go higher. */
static int
mtu_value(struct config *c, const struct cfg_line *l, size_t i, long hi, struct config_num *n)
{
	long v;

	if (cfg_tmpl(l, i)) {
		cfg_set_tmpl(n, l);
		return 0;
	}
	if (number_in(c, l, i, 64, hi, &v) < 0)
		return -1;
	cfg_set(n, v, l);
	return 0;
}

static int
tunnel_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	int v6 = cfg_is(l, 0, "ipv6");

	/* 8.1.4 (IPv4 64-1500); IPv6 tunnel MTU 1280-1500 */
	return mtu_value(c, l, 3, 1500, v6 ? &t->mtu6 : &t->mtu);
}

/* tunnel template N|N-M ...: the selected tunnel's settings apply to
 * those tunnels too (Yamaha's tunnel template, offered for L2TP/IPsec
 * and IPsec hubs); the audit does not expand them, so it counts them
 * for the note that says so. */
static int
tunnel_template(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	long n = 0;

	for (size_t i = 2; i < l->ntok; i++) {
		char w[CONFIG_NAME], *dash;
		long lo, hi;
		if (cfg_tmpl(l, i)) {
			cfg_set(&t->copies, 0, l);
			t->copies.tmpl = 1;
			return 0;
		}
		cfg_copy(w, sizeof(w), l->tok[i]);
		dash = strchr(w, '-');
		if (dash)
			*dash = '\0';
		if (cfg_number(w, 1, RTX_TUNNEL_MAX, &lo) < 0 ||
		    cfg_number(dash ? dash + 1 : w, lo, RTX_TUNNEL_MAX, &hi) < 0)
			return cfg_bad_range(c, l, (unsigned)i + 1, 1, RTX_TUNNEL_MAX);
		n += hi - lo + 1;
	}
	if (!n)
		return cfg_bad(c, l, CONFIG_BAD_MISSING, 3, CONFIG_ARG_NUMBER);
	cfg_set(&t->copies, n, l);
	return 0;
}

/* 8.1.21: ip tunnel tcp mss limit 536..1460|auto|off (IPv6: 536..1440). */
static int
tunnel_mss(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	int v6 = cfg_is(l, 0, "ipv6");
	long v = 0;
	int m;

	if (cfg_tmpl(l, 5)) {
		cfg_set_tmpl(v6 ? &t->mss6 : &t->mss, l);
		return 0;
	}
	if ((m = cfg_mss(l->tok[5], &v)) < 0)
		return cfg_bad(c, l, CONFIG_BAD_ARG, 6, CONFIG_ARG_MSS);
	if (m == CONFIG_MSS_NUM && (v < 536 || v > (v6 ? 1440 : 1460)))
		return cfg_bad_range(c, l, 6, 536, v6 ? 1440 : 1460);
	cfg_set_mss(t, v6, m, v, l);
	return 0;
}

static int
tunnel_address(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	int remote = cfg_is(l, 2, "remote");
	size_t i = 3 + (size_t)remote;
	uint32_t addr;
	unsigned plen;

	if (cfg_tmpl(l, i))
		return 0;
	if (cfg_prefix(l->tok[i], &addr, &plen) < 0)
		return cfg_bad(c, l, CONFIG_BAD_ARG, (unsigned)i + 1,
			       remote ? CONFIG_ARG_ADDR : CONFIG_ARG_PREFIX);
	cfg_set_prefix(remote ? &t->remote : &t->inside, addr, plen, l);
	return 0;
}

/* tunnel encapsulation TYPE (command reference 14.4): ipsec (the default),
 * l2tpv3 (L2TPv3/IPsec), l2tpv3-raw (without IPsec), l2tp (L2TP/IPsec),
 * ipip, map-e, pptp, ipudp, hb46pp. */
/* clang-format off */
static const struct { const char *word; enum config_tunnel_kind kind; } encaps[] = {
	{ "ipsec", CONFIG_TK_IPSEC }, { "l2tpv3", CONFIG_TK_L2TPV3_IPSEC },
	{ "l2tpv3-raw", CONFIG_TK_L2TPV3 }, { "l2tp", CONFIG_TK_L2TP },
	{ "map-e", CONFIG_TK_MAPE }, { "ipip", CONFIG_TK_IPIP }, { "pptp", CONFIG_TK_OTHER },
	{ "ipudp", CONFIG_TK_OTHER }, { "hb46pp", CONFIG_TK_OTHER }, { "nvgre", CONFIG_TK_OTHER },
};
/* clang-format on */

static int
tunnel_encap(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);

	for (size_t i = 0; i < COUNT(encaps); i++)
		if (cfg_is(l, 2, encaps[i].word)) {
			t->kind = encaps[i].kind;
			cfg_set(&t->encap, (long)encaps[i].kind, l);
			return 0;
		}
	return cfg_bad(c, l, CONFIG_BAD_ARG, 3, CONFIG_ARG_KEYWORD);
}

static int
outer_df(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	static const char *const modes[] = { "copy", "set", "clear" };
	struct config_tunnel *t = tun(c, x);

	for (long i = 0; i < 3; i++)
		if (cfg_is(l, 4, modes[i])) {
			cfg_set(&t->df, i, l);
			return 0;
		}
	return cfg_bad(c, l, CONFIG_BAD_ARG, 5, CONFIG_ARG_KEYWORD);
}

/* ipsec tunnel POLICY (15.x) in a tunnel block; ipsec transport ID POLICY
 * [udp PORT] (L2TP/IPsec, L2TPv3/IPsec): both bind the tunnel to a policy. */
static int
ipsec_tunnel(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	long v;

	if (cfg_tmpl(l, 2))
		return 0;
	if (number_in(c, l, 2, 1, 2147483647L, &v) < 0)
		return -1;
	cfg_set(&t->policy, v, l);
	return 0;
}

static int
ipsec_transport(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	long v;

	if (x->tunnel < 0 || cfg_tmpl(l, 3))
		return 0;
	if (number_in(c, l, 3, 1, 2147483647L, &v) < 0)
		return -1;
	cfg_set(&tun(c, x)->policy, v, l);
	return 0;
}

static int
remember_policy(struct config *c, struct cfg_ctx *x, long id, int g)
{
	if (x->npol >= x->cap) {
		size_t want = x->cap ? x->cap * 2 : 16;
		struct sa_policy *p = realloc(x->pol, want * sizeof(*p));
		if (!p) {
			c->nomem = 1;
			return -1;
		}
		x->pol = p;
		x->cap = want;
	}
	x->pol[x->npol++] = (struct sa_policy){ id, g };
	return 0;
}

/* ipsec sa policy ID GW esp|ah [cipher] [integrity] [options]: remembers
 * which gateway the policy id belongs to and keeps the transform. */
static int
sa_policy(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;
	size_t n = 0;
	long id = 0;

	if (!cfg_is(l, 5, "esp") && !cfg_is(l, 5, "ah"))
		return cfg_bad(c, l, CONFIG_BAD_ARG, 6, CONFIG_ARG_KEYWORD);
	if (!cfg_tmpl(l, 3) && number_in(c, l, 3, 1, 2147483647L, &id) < 0)
		return -1;
	if (!(g = gw(c, l, 4)) || remember_policy(c, x, id, (int)(g - c->gateways)) < 0)
		return -1;
	cfg_set(&g->esp, 0, l);
	g->esp_text[0] = '\0';
	for (size_t i = 6; i < l->ntok && n + 1 < sizeof(g->esp_text); i++) {
		/* stop at option words such as local-id= */
		if (strchr(l->tok[i], '='))
			break;
		n += (size_t)snprintf(g->esp_text + n, sizeof(g->esp_text) - n, "%s%s",
				      n ? " " : "", l->tok[i]);
	}
	return 0;
}

/* The keepalive methods (15.20) and what runs for each: every IKE
 * version has methods of its own (IKEv1 heartbeat, icmp-echo, dpd; IKEv2
 * rfc4306, icmp-echo), and a method the version lacks runs as that
 * version's first form (IKEv1 heartbeat, IKEv2 rfc4306) with the line's
 * switch, interval and count (15.20, [説明]). */
static const struct {
	const char *word;
	enum config_ka v1, v2;
} ka_methods[] = {
	[CONFIG_KA_HEARTBEAT] = { "heartbeat", CONFIG_KA_HEARTBEAT, CONFIG_KA_RFC4306 },
	[CONFIG_KA_ICMP] = { "icmp-echo", CONFIG_KA_ICMP, CONFIG_KA_ICMP },
	[CONFIG_KA_DPD] = { "dpd", CONFIG_KA_DPD, CONFIG_KA_RFC4306 },
	[CONFIG_KA_RFC4306] = { "rfc4306", CONFIG_KA_HEARTBEAT, CONFIG_KA_RFC4306 },
};

static int
keepalive_method(const char *s, enum config_ka *m)
{
	for (size_t i = 0; i < COUNT(ka_methods); i++)
		if (ka_methods[i].word && strcmp(s, ka_methods[i].word) == 0) {
			*m = (enum config_ka)i;
			return 0;
		}
	return -1;
}

static int
on_off(const struct cfg_line *l, size_t i)
{
	return cfg_is(l, i, "on") ? 1 : cfg_is(l, i, "off") ? 0 : -1;
}

/* ipsec ike keepalive use GW on|off|auto [method [IP]] [interval count [upwait]]
 * (15.20). Without a method, IKEv1 uses heartbeat and IKEv2 rfc4306. */
static int
keepalive(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	size_t i = 6;
	long sw = cfg_is(l, 5, "auto") ? CONFIG_AUTO : on_off(l, 5);
	struct config_gateway *g;
	enum config_ka m = CONFIG_KA_HEARTBEAT;
	int named = i < l->ntok && keepalive_method(l->tok[i], &m) == 0;

	(void)x;
	if (cfg_tmpl(l, 5)) {
		if (!(g = gw(c, l, 4)))
			return -1;
		cfg_set_tmpl(&g->keepalive, l);
		return 0;
	}
	if (sw < 0)
		return cfg_bad(c, l, CONFIG_BAD_ARG, 6, CONFIG_ARG_ONOFF);
	if (named)
		i += 1 + (m == CONFIG_KA_ICMP);
	if (!(g = gw(c, l, 4)))
		return -1;
	cfg_set(&g->keepalive, sw, l);
	g->ka_method = m;
	g->ka_method_set = named;
	g->ka_interval = 10; /* 15.20 defaults */
	g->ka_count = 6;
	g->ka_tmpl = 0;
	if (i + 1 < l->ntok) {
		/* a placeholder interval or count: DPD runs, but how long it takes
		 * to declare the peer dead is not known (the hold says so) */
		g->ka_tmpl = cfg_tmpl(l, i) || cfg_tmpl(l, i + 1);
		if ((!cfg_tmpl(l, i) && number_in(c, l, i, 1, 600, &g->ka_interval) < 0) ||
		    (!cfg_tmpl(l, i + 1) && number_in(c, l, i + 1, 1, 50, &g->ka_count) < 0))
			return -1;
	}
	return 0;
}

static int
gw_switch(struct config *c, const struct cfg_line *l, size_t gi, size_t vi,
	  struct config_num *(*field)(struct config_gateway *), long lo, long hi)
{
	struct config_gateway *g;
	long v;

	if (cfg_tmpl(l, vi)) {
		if (!(g = gw(c, l, gi)))
			return -1;
		cfg_set_tmpl(field(g), l);
		return 0;
	}
	if (hi > 1 ? number_in(c, l, vi, lo, hi, &v) < 0 : (v = on_off(l, vi)) < 0)
		return hi > 1 ? -1
			      : cfg_bad(c, l, CONFIG_BAD_ARG, (unsigned)vi + 1, CONFIG_ARG_ONOFF);
	if (!(g = gw(c, l, gi)))
		return -1;
	cfg_set(field(g), v, l);
	return 0;
}

static struct config_num *
f_version(struct config_gateway *g)
{
	return &g->version;
}
static struct config_num *
f_compat(struct config_gateway *g)
{
	return &g->compat;
}
static struct config_num *
f_natt(struct config_gateway *g)
{
	return &g->natt;
}
static struct config_num *
f_refresh(struct config_gateway *g)
{
	return &g->refresh;
}

static int
ike_version(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	return gw_switch(c, l, 3, 4, f_version, 1, 2);
}

static int
backward_compat(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	return gw_switch(c, l, 3, 4, f_compat, 1, 2);
}

/* 15.48.5: ipsec ike nat-traversal GW on|off [keepalive=..] [force=..] */
static int
nat_traversal(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	return gw_switch(c, l, 3, 4, f_natt, 0, 1);
}

static int
refresh_gw(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	return gw_switch(c, l, 3, 4, f_refresh, 0, 1);
}

static int
refresh_global(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	int v = on_off(l, 3);

	(void)x;
	if (cfg_tmpl(l, 3)) {
		cfg_set_tmpl(&c->refresh, l);
		return 0;
	}
	if (v < 0 || l->ntok != 4)
		return cfg_bad(c, l, CONFIG_BAD_ARG, 4, CONFIG_ARG_ONOFF);
	cfg_set(&c->refresh, v, l);
	return 0;
}

/* ipsec ike local id GW addr[/mask] (15.19), remote id (15.16) */
static int
proxy_id(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;
	uint32_t a;
	unsigned plen;

	(void)x;
	if (!(g = gw(c, l, 4)))
		return -1;
	if (cfg_tmpl(l, 5))
		return 0;
	if (cfg_prefix(l->tok[5], &a, &plen) < 0)
		return cfg_bad(c, l, CONFIG_BAD_ARG, 6, CONFIG_ARG_PREFIX);
	cfg_set_prefix(cfg_is(l, 2, "local") ? &g->local_id : &g->remote_id, a, plen, l);
	return 0;
}

/* Any other ipsec ike COMMAND GW ... line: the gateway exists from here
 * on. gi: the word holding the gateway number. */
static int
gateway_at(struct config *c, const struct cfg_line *l, size_t gi)
{
	long n;

	if (!cfg_tmpl(l, gi) && number_in(c, l, gi, 1, 2147483647L, &n) < 0)
		return -1;
	return gw(c, l, gi) ? 0 : -1;
}

/* ipsec ike remote address GW ADDR|FQDN|any (chapter 15): where IKE goes; the
 * audit pairs it with the peer's outside address (--peer-config). ipsec
 * ike local address GW ADDR: the address this router sends IKE from,
 * which a second router's remote address names. */
static int
ike_address(struct config *c, const struct cfg_line *l, int local)
{
	struct config_gateway *g;
	struct config_prefix *p;

	if (gateway_at(c, l, 4) < 0 || !(g = gw(c, l, 4)))
		return -1;
	if (cfg_tmpl(l, 5))
		return 0;
	p = local ? &g->local_addr : &g->remote_addr;
	cfg_outer_addr(p, l->tok[5], l);
	return 0;
}

static int
remote_address(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	return ike_address(c, l, 0);
}

static int
local_address(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	return ike_address(c, l, 1);
}

/* ipsec ike local name / remote name GW NAME [TYPE] (chapter 15): the
 * IKE identities, by which two routers pair when neither writes its
 * own address. */
static int
ike_name(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;

	(void)x;
	if (gateway_at(c, l, 4) < 0 || !(g = gw(c, l, 4)))
		return -1;
	if (!cfg_tmpl(l, 5))
		cfg_copy(cfg_is(l, 2, "local") ? g->local_ike_id : g->remote_ike_id, CONFIG_NAME,
			 l->tok[5]);
	return 0;
}

/* ipsec ike duration ipsec-sa|isakmp-sa|child-sa|ike-sa GW SECONDS
 * [KBYTES] [rekey P%] (15.48.1): the SA lifetimes the pair audit compares
 * with the peer's; the range check is the audit's, not the parser's. */
static int
duration(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;
	struct config_num *n;
	long v;

	(void)x;
	if (gateway_at(c, l, 4) < 0 || !(g = gw(c, l, 4)))
		return -1;
	n = cfg_is(l, 3, "ipsec-sa") || cfg_is(l, 3, "child-sa") ? &g->life_child : &g->life_ike;
	if (cfg_tmpl(l, 5)) {
		cfg_set_tmpl(n, l);
		return 0;
	}
	if (number_in(c, l, 5, 1, 2147483647L, &v) < 0)
		return -1;
	cfg_set(n, v, l);
	return 0;
}

/* ipsec ike pre-shared-key GW text TEXT | GW 0xHEX: only a keyed digest
 * of the key is kept (config/secret.h); the line's text never is. */
static int
pre_shared_key(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;
	size_t k = cfg_is(l, 4, "text") ? 5 : 4;

	(void)x;
	if (gateway_at(c, l, 3) < 0 || !(g = gw(c, l, 3)))
		return -1;
	memset(&g->psk, 0, sizeof(g->psk));
	g->psk.line = l->no;
	if (k >= l->ntok || cfg_tmpl(l, k))
		g->psk.tmpl = 1;
	else if (k == 5)
		config_secret_digest(l->tok[5], strlen(l->tok[5]), &g->psk);
	else
		config_secret_text(l->tok[4], &g->psk);
	return 0;
}

static int
gw3(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	return gateway_at(c, l, 3);
}
static int
gw4(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	return gateway_at(c, l, 4);
}

static int
pp_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	return mtu_value(c, l, 3, 1500, &c->ifaces[x->pp].mtu);
}

/* ppp lcp mru on|off [1280..1792] (default on 1792): only a number says
 * the line MTU. */
static int
lcp_mru(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	long v;

	if (on_off(l, 3) < 0)
		return cfg_bad(c, l, CONFIG_BAD_ARG, 4, CONFIG_ARG_ONOFF);
	if (l->ntok > 4 && !cfg_tmpl(l, 4)) {
		if (number_in(c, l, 4, 1280, 1792, &v) < 0)
			return -1;
		if (on_off(l, 3) == 1)
			cfg_set(&c->ifaces[x->pp].mru, v, l);
	}
	return 0;
}

/* pppoe use LAN: this pp is a PPPoE session carried on that LAN port. */
static int
pppoe_use(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_iface *f = &c->ifaces[x->pp];

	cfg_set(&f->pppoe, 1, l);
	cfg_copy(f->carrier, sizeof(f->carrier), l->tok[2]);
	return 0;
}

static int
lan_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_iface *f;

	(void)x;
	if (strncmp(l->tok[1], "lan", 3) != 0 && strncmp(l->tok[1], "bridge", 6) != 0 &&
	    strncmp(l->tok[1], "loopback", 8) != 0)
		return cfg_bad(c, l, CONFIG_BAD_ARG, 2, CONFIG_ARG_WORD);
	if (!(f = cfg_iface(c, l->tok[1], l->no)))
		return -1;
	return mtu_value(c, l, 3, 10218, &f->mtu);
}

/* ip lanN address A/P (also lanN/M, bridgeN, loopbackN): an address the
 * router holds, which IKE can leave from (ipsec ike local address). dhcp
 * and the other non-address forms hold none the file states. */
static int
lan_address(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_iface *f;
	uint32_t a;
	unsigned plen;

	(void)x;
	if ((strncmp(l->tok[1], "lan", 3) != 0 && strncmp(l->tok[1], "bridge", 6) != 0 &&
	     strncmp(l->tok[1], "loopback", 8) != 0) ||
	    cfg_tmpl(l, 3) || cfg_prefix(l->tok[3], &a, &plen) < 0)
		return 0;
	if (!(f = cfg_iface(c, l->tok[1], l->no)))
		return -1;
	f->addr = (struct config_prefix){ .addr = a, .plen = plen, .line = l->no };
	cfg_copy(f->addr.text, sizeof(f->addr.text), l->text);
	return 0;
}

static int
bgp_neighbor(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	uint32_t a;

	(void)x;
	if (cfg_tmpl(l, 4))
		return 0;
	if (cfg_addr(l->tok[4], &a) < 0)
		return cfg_bad(c, l, CONFIG_BAD_ARG, 5, CONFIG_ARG_ADDR);
	/* bgp neighbor N AS ADDR (command reference, BGP): the third word is the AS */
	cfg_add_bgp(c, a, cfg_asn(l->tok[3]), l);
	return 0;
}

/* "no COMMAND ...": the setting returns to its default (command reference
 * 1.4: every configuration command has a no form). The audit's rollback
 * removes the lines it added this way, so the parser must read it too. */
static struct config_num *
u_mtu(struct config_tunnel *t)
{
	return &t->mtu;
}
static struct config_num *
u_mtu6(struct config_tunnel *t)
{
	return &t->mtu6;
}
static struct config_num *
u_mss(struct config_tunnel *t)
{
	return &t->mss;
}
static struct config_num *
u_mss6(struct config_tunnel *t)
{
	return &t->mss6;
}
static struct config_num *
u_df(struct config_tunnel *t)
{
	return &t->df;
}

static const struct {
	const char *pattern;
	struct config_num *(*field)(struct config_tunnel *t);
} tunnel_unset[] = {
	{ "no ip tunnel mtu", u_mtu },
	{ "no ipv6 tunnel mtu", u_mtu6 },
	{ "no ip tunnel tcp mss limit", u_mss },
	{ "no ipv6 tunnel tcp mss limit", u_mss6 },
	{ "no ipsec tunnel outer df-bit", u_df },
};

static int
no_tunnel(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	for (size_t i = 0; i < COUNT(tunnel_unset); i++) {
		const char *p = tunnel_unset[i].pattern;
		size_t w = 0, len = strlen(p);
		/* the line's words against the pattern's, word by word */
		for (size_t k = 0; k < l->ntok && w < len; k++) {
			size_t n = strlen(l->tok[k]);
			if (strncmp(p + w, l->tok[k], n) != 0 ||
			    (p[w + n] != ' ' && p[w + n] != '\0'))
				break;
			w += n + (p[w + n] == ' ');
		}
		if (w >= len) {
			memset(tunnel_unset[i].field(tun(c, x)), 0, sizeof(struct config_num));
			return 0;
		}
	}
	return 0;
}

static int
no_gateway(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;

	(void)x;
	if (!(g = gw(c, l,
		     cfg_is(l, 3, "keepalive") || cfg_is(l, 3, "local") || cfg_is(l, 3, "remote")
			     ? 5
			     : 4)))
		return -1;
	if (cfg_is(l, 3, "keepalive")) {
		memset(&g->keepalive, 0, sizeof(g->keepalive));
		g->ka_method_set = 0;
	} else if (cfg_is(l, 3, "nat-traversal"))
		memset(&g->natt, 0, sizeof(g->natt));
	else if (cfg_is(l, 3, "backward-compatibility"))
		memset(&g->compat, 0, sizeof(g->compat));
	else if (cfg_is(l, 3, "local"))
		memset(&g->local_id, 0, sizeof(g->local_id));
	else if (cfg_is(l, 3, "remote"))
		memset(&g->remote_id, 0, sizeof(g->remote_id));
	return 0;
}

static int
no_refresh(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;
	long n;

	(void)x;
	if (l->ntok < 5 || cfg_number(l->tok[4], 0, 2147483647L, &n) < 0) {
		memset(&c->refresh, 0, sizeof(c->refresh));
		return 0;
	}
	if (!(g = gw(c, l, 4)))
		return -1;
	memset(&g->refresh, 0, sizeof(g->refresh));
	return 0;
}

/* description lanN TEXT, description tunnel TEXT (in tunnel select),
 * description pp TEXT (in pp select): RTX-CR 4.56. Shown beside the
 * interface's name in the report; nothing is checked on it. */
static int
description(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	char *dst = NULL;

	if (cfg_is(l, 1, "tunnel") && x->tunnel >= 0)
		dst = tun(c, x)->desc;
	else if (cfg_is(l, 1, "pp") && x->pp >= 0)
		dst = c->ifaces[x->pp].desc;
	else if (strncmp(l->tok[1], "lan", 3) == 0) {
		struct config_iface *f = cfg_iface(c, l->tok[1], l->no);

		if (!f)
			return -1;
		dst = f->desc;
	}
	if (dst)
		cfg_desc(dst, CONFIG_DESC, l, 2);
	return 0;
}

#define T RTX_TUNNEL
#define P RTX_PP
/* The grammar: the rows whose leading words match most words of a line
 * are tried; fn NULL marks a command the router takes and the audit does
 * not need. The first words of every command family in the command
 * reference's table of contents are listed, so that a line beginning any
 * other way is reported as not an RTX command (doc/config-grammar.md). */
/* clang-format off */
static const struct cfg_cmd rtx_cmds[] = {
	{ "tunnel select none", 0, select_none },
	{ "tunnel select #", 0, tunnel_select },
	{ "pp select none", 0, select_none },
	{ "pp select anonymous", 0, pp_select },
	{ "pp select #", 0, pp_select },
	{ "ip tunnel mtu #", T, tunnel_mtu },
	{ "ipv6 tunnel mtu #", T, tunnel_mtu },
	{ "ip tunnel tcp mss limit *", T, tunnel_mss },
	{ "ipv6 tunnel tcp mss limit *", T, tunnel_mss },
	{ "ip tunnel address *", T, tunnel_address },
	{ "ip tunnel remote address *", T, tunnel_address },
	{ "ip tunnel *", T, NULL },
	{ "ipv6 tunnel *", T, NULL },
	{ "tunnel encapsulation *", T, tunnel_encap },
	{ "tunnel endpoint *", T, NULL },
	{ "tunnel backup *", T, NULL },
	{ "tunnel template *", T, tunnel_template },
	{ "tunnel map-e *", T, NULL },
	{ "tunnel ngn *", T, NULL },
	{ "tunnel name *", T, NULL },
	{ "tunnel type *", T, NULL },
	{ "tunnel translation *", T, NULL },
	{ "tunnel enable *", 0, NULL },
	{ "tunnel disable *", 0, NULL },
	{ "ipsec tunnel outer df-bit *", T, outer_df },
	{ "ipsec tunnel #", T, ipsec_tunnel },
	{ "ipsec tunnel *", T, NULL },
	{ "ipsec transport # #", 0, ipsec_transport },
	{ "ipsec transport *", 0, NULL },
	{ "ipsec sa policy # * *", 0, sa_policy },
	{ "ipsec ike keepalive use * *", 0, keepalive },
	{ "ipsec ike keepalive log # *", 0, gw4 },
	{ "ipsec ike version # #", 0, ike_version },
	{ "ipsec ike backward-compatibility # *", 0, backward_compat },
	{ "ipsec ike nat-traversal # *", 0, nat_traversal },
	{ "ipsec ike local id # *", 0, proxy_id },
	{ "ipsec ike remote id # *", 0, proxy_id },
	{ "ipsec ike local address # *", 0, local_address },
	{ "ipsec ike remote address # *", 0, remote_address },
	{ "ipsec ike local name # *", 0, ike_name },
	{ "ipsec ike remote name # *", 0, ike_name },
	{ "ipsec ike duration ipsec-sa # *", 0, duration },
	{ "ipsec ike duration isakmp-sa # *", 0, duration },
	{ "ipsec ike duration child-sa # *", 0, duration },
	{ "ipsec ike duration ike-sa # *", 0, duration },
	{ "ipsec ike child-exchange type # *", 0, gw4 },
	{ "ipsec ike auth method # *", 0, gw4 },
	{ "ipsec ike send info # *", 0, gw4 },
	{ "ipsec ike encryption # *", 0, gw3 },
	{ "ipsec ike group # *", 0, gw3 },
	{ "ipsec ike hash # *", 0, gw3 },
	{ "ipsec ike integrity # *", 0, gw3 },
	{ "ipsec ike pre-shared-key # *", 0, pre_shared_key },
	{ "ipsec ike pfs # *", 0, gw3 },
	{ "ipsec ike always-on # *", 0, gw3 },
	{ "ipsec ike restrict-dangling-sa # *", 0, gw3 },
	{ "ipsec ike esp-encapsulation # *", 0, gw3 },
	{ "ipsec ike negotiate-strictly # *", 0, gw3 },
	{ "ipsec ike proposal-limitation # *", 0, gw3 },
	{ "ipsec ike message-id-control # *", 0, gw3 },
	{ "ipsec ike payload type # *", 0, gw4 },
	{ "ipsec ike negotiation receive # *", 0, gw4 },
	{ "ipsec ike mode-cfg *", 0, NULL },
	{ "ipsec ike xauth *", 0, NULL },
	{ "ipsec ike eap *", 0, NULL },
	{ "ipsec ike retry *", 0, NULL },
	{ "ipsec ike queue *", 0, NULL },
	{ "ipsec ike log *", 0, NULL },
	{ "ipsec ike license-key *", 0, NULL },
	{ "ipsec ike certificate *", 0, NULL },
	{ "ipsec ike pki *", 0, NULL },
	{ "ipsec ike ping *", 0, NULL },
	{ "ipsec auto refresh # *", 0, refresh_gw },
	{ "ipsec auto refresh *", 0, refresh_global },
	{ "ipsec use *", 0, NULL },
	{ "ipsec log *", 0, NULL },
	{ "ipsec sa *", 0, NULL },
	{ "ipsec refresh *", 0, NULL },
	{ "ipsec ip-fragment-before-encryption *", 0, NULL },
	{ "ipsec rekey *", 0, NULL },
	{ "ipsec certificate *", 0, NULL },
	{ "ip pp mtu #", P, pp_mtu },
	{ "ip pp *", P, NULL },
	{ "ipv6 pp *", P, NULL },
	{ "ppp lcp mru *", P, lcp_mru },
	{ "ppp *", P, NULL },
	{ "pppoe use *", P, pppoe_use },
	{ "pppoe *", 0, NULL },
	{ "pp bind *", P, NULL },
	{ "pp auth *", 0, NULL },
	{ "pp always-on *", P, NULL },
	{ "pp keepalive *", P, NULL },
	{ "pp backup *", P, NULL },
	{ "pp name *", P, NULL },
	{ "pp enable *", 0, NULL },
	{ "pp disable *", 0, NULL },
	{ "pp *", 0, NULL },
	{ "ip * mtu #", 0, lan_mtu },
	{ "ip * address *", 0, lan_address },
	{ "no ip tunnel *", T, no_tunnel },
	{ "no ipv6 tunnel *", T, no_tunnel },
	{ "no ipsec tunnel outer df-bit", T, no_tunnel },
	{ "no ipsec ike keepalive use #", 0, no_gateway },
	{ "no ipsec ike nat-traversal #", 0, no_gateway },
	{ "no ipsec ike backward-compatibility #", 0, no_gateway },
	{ "no ipsec ike local id #", 0, no_gateway },
	{ "no ipsec ike remote id #", 0, no_gateway },
	{ "no ipsec auto refresh", 0, no_refresh },
	{ "bgp neighbor # # *", 0, bgp_neighbor },
	/* families the audit does not read */
	{ "ip", 0, NULL }, { "ipv6", 0, NULL }, { "l2tp", 0, NULL }, { "pptp", 0, NULL },
	{ "nat", 0, NULL }, { "dhcp", 0, NULL }, { "dns", 0, NULL }, { "syslog", 0, NULL },
	{ "login", 0, NULL }, { "administrator", 0, NULL }, { "console", 0, NULL },
	{ "security", 0, NULL }, { "user", 0, NULL }, { "timezone", 0, NULL },
	{ "schedule", 0, NULL }, { "ntpdate", 0, NULL }, { "sntpd", 0, NULL },
	{ "telnetd", 0, NULL }, { "httpd", 0, NULL }, { "sshd", 0, NULL }, { "sftpd", 0, NULL },
	{ "tftp", 0, NULL }, { "snmp", 0, NULL }, { "snmpv2c", 0, NULL }, { "snmpv3", 0, NULL },
	{ "alarm", 0, NULL }, { "lan", 0, NULL }, { "vlan", 0, NULL }, { "switch", 0, NULL },
	{ "description * *", 0, description },
	{ "description", 0, NULL }, { "statistics", 0, NULL }, { "bgp", 0, NULL },
	{ "ospf", 0, NULL }, { "rip", 0, NULL }, { "bridge", 0, NULL },
	{ "netvolante-dns", 0, NULL }, { "upnp", 0, NULL }, { "url", 0, NULL }, { "lua", 0, NULL },
	{ "mail", 0, NULL }, { "external-memory", 0, NULL }, { "operation", 0, NULL },
	{ "radius", 0, NULL }, { "queue", 0, NULL }, { "speed", 0, NULL },
	{ "cooperation", 0, NULL }, { "ethernet", 0, NULL }, { "wins", 0, NULL },
	{ "provider", 0, NULL }, { "isdn", 0, NULL }, { "analog", 0, NULL }, { "line", 0, NULL },
	{ "heartbeat2", 0, NULL }, { "sip", 0, NULL }, { "ngn", 0, NULL }, { "lldp", 0, NULL },
	{ "wlan", 0, NULL }, { "mobile", 0, NULL }, { "usbhost", 0, NULL }, { "sd", 0, NULL },
	{ "http", 0, NULL }, { "dashboard", 0, NULL }, { "system", 0, NULL },
	{ "remote", 0, NULL }, { "show", 0, NULL }, { "save", 0, NULL }, { "clear", 0, NULL },
	{ "no", 0, NULL }, { "dlna", 0, NULL }, { "packet-buffer", 0, NULL },
	{ "ipsec-ike", 0, NULL }, { "mld", 0, NULL }, { "igmp", 0, NULL }, { "pim", 0, NULL },
	{ "vrrp", 0, NULL }, { "nat46", 0, NULL }, { "qac-tm", 0, NULL }, { "ap", 0, NULL },
	{ "hide", 0, NULL }, { "interface", 0, NULL }, { "alias", 0, NULL }, { "auth", 0, NULL },
	{ "cloud", 0, NULL }, { "dpi", 0, NULL }, { "embedded", 0, NULL }, { "heartbeat", 0, NULL },
	{ "ipip", 0, NULL }, { "lan-map", 0, NULL }, { "lbo", 0, NULL }, { "leased", 0, NULL },
	{ "license", 0, NULL }, { "macro", 0, NULL }, { "ntp", 0, NULL }, { "pki", 0, NULL },
	{ "pri", 0, NULL }, { "rtfs", 0, NULL }, { "switching-hub", 0, NULL }, { "tcp", 0, NULL },
	{ "vrx", 0, NULL }, { "wan", 0, NULL }, { "yno", 0, NULL }, { "account", 0, NULL },
};
/* clang-format on */
#undef T
#undef P

static const struct cfg_grammar rtx_grammar = { rtx_cmds, COUNT(rtx_cmds), rtx_scopes,
						COUNT(rtx_scopes) };

/* "# RTX1210 Rev.14.01.38 (...)": show config's first line names the model
 * and firmware, which decide the MSS clamp default (doc/vendor-syntax.md). */
static void
firmware_comment(struct config *c, const struct cfg_line *l)
{
	if (c->firmware_line || l->no > 20 || !strstr(l->text, " Rev."))
		return;
	const char *rev;
	unsigned a, b, d;
	int n = 0;

	/* "# RTX830 Rev..." or "#<TAB>RTX830 Rev..." (a generator writes a TAB) */
	snprintf(c->firmware, sizeof(c->firmware), "%s", l->text + 1 + strspn(l->text + 1, " \t"));
	c->firmware_line = l->no;
	/* the model is the header's first word, the release its Rev.a.b.c */
	n = (int)strcspn(c->firmware, " \t");
	if ((size_t)n < sizeof(c->model))
		snprintf(c->model, sizeof(c->model), "%.*s", n, c->firmware);
	rev = strstr(c->firmware, " Rev.");
	if (rev && sscanf(rev, " Rev.%u.%u.%u", &a, &b, &d) == 3 && a < 1000 && b < 1000 &&
	    d < 1000)
		c->release = CONFIG_RELEASE(a, b, d);
}

static void
bind_policies(struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < c->ntunnels; i++) {
		struct config_tunnel *t = &c->tunnels[i];
		int found = 0;
		for (size_t p = 0; t->policy.line && p < x->npol; p++)
			if (x->pol[p].id == t->policy.v) {
				t->gateway = x->pol[p].gateway;
				found = 1;
			}
		if (t->policy.line && !found) {
			char id[24];
			snprintf(id, sizeof(id), "%ld", t->policy.v);
			cfg_ref(c, t->policy.line, t->policy.text, CONFIG_REF_SA_POLICY, id,
				(int)i);
		}
	}
}

static int
rtx_v2(const struct config_gateway *g)
{
	return g->version.line && g->version.v == 2;
}

/* The method that runs for gateway g: the line's, or without a method
 * (or without the line) the first form's (15.20). */
static enum config_ka
rtx_runs(const struct config_gateway *g)
{
	enum config_ka named = g->ka_method_set ? g->ka_method
			       : rtx_v2(g)      ? CONFIG_KA_RFC4306
						: CONFIG_KA_HEARTBEAT;

	return rtx_v2(g) ? ka_methods[named].v2 : ka_methods[named].v1;
}

/* Whether this end sends checks of its own (15.20): never with switch
 * off; with auto (also the switch without a line), icmp-echo and dpd
 * send as with on, heartbeat only in answer to the peer's, and rfc4306
 * only answers the peer's checks, as off does (15.20: IKEv2 must answer
 * them anyway). */
static int
rtx_sends(const struct config_gateway *g, enum config_ka m)
{
	long sw = g->keepalive.line ? g->keepalive.v : CONFIG_AUTO;

	if (sw == CONFIG_OFF)
		return 0;
	return sw == CONFIG_ON || m == CONFIG_KA_ICMP || m == CONFIG_KA_DPD;
}

/* The hold (config.h config_hold): interval x count for the methods that
 * declare a peer dead by missed replies (dpd, icmp-echo, rfc4306, 15.20)
 * when this end sends them; heartbeat's is not counted. */
static void
rtx_hold(const struct config_gateway *g, struct config_hold *h)
{
	const struct config_num *k = &g->keepalive;
	enum config_ka m = rtx_runs(g);

	if (k->tmpl || (g->ka_tmpl && k->line && rtx_sends(g, m) && m != CONFIG_KA_HEARTBEAT))
		h->v = CONFIG_HOLD_UNKNOWN;
	else if (!k->line || !rtx_sends(g, m) || m == CONFIG_KA_HEARTBEAT)
		h->v = CONFIG_HOLD_NONE;
	else {
		h->v = g->ka_interval * g->ka_count;
		h->exact = 1;
		h->src = *k;
	}
}

/* The vendor-neutral DPD view (config.h config_live, config_tunnel.hold),
 * from ipsec ike keepalive use (15.20, doc/router-facts.md): without the
 * line IKEv1 runs heartbeat with switch auto, which runs nothing when both
 * ends are on auto, and IKEv2 rfc4306 with switch auto, which only answers
 * the peer's liveness checks (RFC 7296 section 2.4); heartbeat is Yamaha's
 * own, answered only by a Yamaha peer. A method the IKE version lacks
 * (dpd or heartbeat on IKEv2, rfc4306 on IKEv1) is said in a note. */
static void
rtx_live(struct config *c)
{
	for (size_t i = 0; i < c->ngateways; i++) {
		struct config_gateway *g = &c->gateways[i];
		const struct config_num *k = &g->keepalive;
		struct config_live *l = &g->live;
		enum config_ka m = rtx_runs(g);
		if (cfg_live_start(g))
			continue;
		if (g->ka_method_set && m != g->ka_method) {
			l->named = ka_methods[g->ka_method].word;
			l->instead = ka_methods[m].word;
			l->ike = rtx_v2(g) ? 2 : 1;
		}
		if (k->line && k->v == CONFIG_OFF)
			l->why = CONFIG_WHY_RTX_OFF;
		else if (rtx_sends(g, m))
			l->state =
				m == CONFIG_KA_HEARTBEAT ? CONFIG_LIVE_SAME_MAKE : CONFIG_LIVE_ON;
		else if (m == CONFIG_KA_HEARTBEAT)
			l->why = k->line ? CONFIG_WHY_RTX_HEARTBEAT_AUTO : CONFIG_WHY_RTX_UNSET;
		else
			l->why = k->line ? CONFIG_WHY_RTX_V2_AUTO : CONFIG_WHY_RTX_V2_UNSET;
		if (l->state == CONFIG_LIVE_SAME_MAKE)
			l->why = CONFIG_WHY_RTX_HEARTBEAT;
	}
	cfg_holds(c, rtx_hold);
}

/* Who starts each tunnel's IKE (config.h config_start), from ipsec auto
 * refresh (15.10, doc/router-facts.md): off for the whole router unless a
 * line turns it on, and then on per gateway unless a line turns it off;
 * with the router's switch off no gateway starts, which the router-wide
 * view (c->start) says once. Exchanges the peer starts are always taken. */
static void
rtx_start(struct config *c)
{
	const struct config_num *gl = &c->refresh;

	c->start = (struct config_start){ gl->tmpl                 ? CONFIG_START_UNKNOWN
					  : gl->line && gl->v == 1 ? CONFIG_START_ALWAYS
								   : CONFIG_START_NEVER,
					  *gl,
					  CONFIG_SWHY_RTX_GLOBAL,
					  1,
					  0,
					  0,
					  { 0 } };
	for (size_t i = 0; i < c->ntunnels; i++) {
		struct config_tunnel *t = &c->tunnels[i];
		const struct config_num *r;
		if (t->gateway < 0 || (size_t)t->gateway >= c->ngateways)
			continue;
		r = &c->gateways[t->gateway].refresh;
		if (r->tmpl)
			t->start = (struct config_start){
				CONFIG_START_UNKNOWN, *r, CONFIG_SWHY_RTX_GW, 1, 0, 0, { 0 }
			};
		else if (r->line && r->v == 0)
			t->start = (struct config_start){
				CONFIG_START_NEVER, *r, CONFIG_SWHY_RTX_GW, 1, 0, 0, { 0 }
			};
		else if (c->start.state != CONFIG_START_ALWAYS)
			t->start = (struct config_start){
				c->start.state, *gl, CONFIG_SWHY_COVERED, 1, 0, 0, { 0 }
			};
		else
			t->start = (struct config_start){ CONFIG_START_ALWAYS,
							  r->line ? *r : *gl,
							  CONFIG_SWHY_RTX_GW,
							  1,
							  0,
							  0,
							  { 0 } };
	}
}

/* A pp that can be the access line: a PPPoE session (pppoe use) first,
 * else any numbered pp (a mobile or ISDN line); never pp anonymous, the
 * PPP inside L2TP/IPsec and PPTP remote access, which only answers
 * clients (command reference, L2TP: remote access server only). */
static int
line_pp(const struct config_iface *f, int pppoe_only)
{
	if (strncmp(f->name, "pp", 2) != 0 || strcmp(f->name, "ppanonymous") == 0)
		return 0;
	return !pppoe_only || f->pppoe.line;
}

/* The line MTU the configuration states, for the ESP packets: a MAP-E or
 * IPIP (DS-Lite) tunnel they ride (its ip tunnel mtu, else 1460), else a
 * PPPoE pp's ip pp mtu (or ppp lcp mru), else another numbered pp's,
 * else the smallest ip lanN mtu other than lan1 (the LAN port in
 * Yamaha's and AWS's examples). */
static void
line_mtu(struct config *c)
{
	for (size_t i = 0; i < c->ntunnels && !c->line_src; i++) {
		const struct config_tunnel *t = &c->tunnels[i];
		if (t->kind != CONFIG_TK_MAPE && t->kind != CONFIG_TK_IPIP)
			continue;
		c->line_src = CONFIG_LINE_MAPE;
		c->line_mtu = t->mtu.line && !t->mtu.tmpl ? t->mtu : t->encap;
		if (!t->mtu.line || t->mtu.tmpl)
			c->line_mtu.v = RTX_MAPE_MTU;
		cfg_copy(c->line_name, sizeof(c->line_name), t->name);
		c->line_index = i;
	}
	for (int pppoe_only = 1; pppoe_only >= 0; pppoe_only--)
		for (size_t i = 0; i < c->nifaces && !c->line_src; i++) {
			const struct config_iface *f = &c->ifaces[i];
			const struct config_num *n = f->mtu.line && !f->mtu.tmpl ? &f->mtu
						     : f->mru.line               ? &f->mru
										 : NULL;
			if (!n || !line_pp(f, pppoe_only))
				continue;
			c->line_src = CONFIG_LINE_PP;
			c->line_mtu = *n;
			cfg_copy(c->line_name, sizeof(c->line_name), f->name);
			c->line_index = i;
		}
	for (size_t i = 0;
	     i < c->nifaces && c->line_src != CONFIG_LINE_PP && c->line_src != CONFIG_LINE_MAPE;
	     i++) {
		const struct config_iface *f = &c->ifaces[i];
		if (!f->mtu.line || f->mtu.tmpl || strcmp(f->name, "lan1") == 0 ||
		    strncmp(f->name, "lan", 3) != 0 || (c->line_src && f->mtu.v >= c->line_mtu.v))
			continue;
		c->line_src = CONFIG_LINE_IFACE;
		c->line_mtu = f->mtu;
		cfg_copy(c->line_name, sizeof(c->line_name), f->name);
		c->line_index = i;
	}
}

int
config_parse_rtx(const char *buf, size_t len, struct config *c)
{
	struct cfg_reader r = { buf, len, 0, 0, "#" };
	struct cfg_line l;
	struct cfg_ctx x;

	memset(&x, 0, sizeof(x));
	x.tunnel = x.pp = -1;
	while (!c->nomem && cfg_next_cut(&r, &l)) {
		if (l.comment) {
			c->comments += l.text[0] != '\0';
			firmware_comment(c, &l);
			continue;
		}
		cfg_dispatch(c, &x, &rtx_grammar, &l, block(&x));
	}
	c->lines = r.no;
	bind_policies(c, &x);
	rtx_live(c);
	rtx_start(c);
	line_mtu(c);
	free(x.pol);
	return c->nomem ? -1 : 0;
}
