/* SPDX-License-Identifier: BSD-2-Clause */
/* Juniper Junos (SRX): "set" commands and the hierarchy "show
 * configuration" prints, both flattened into set-paths by config/tree.c
 * and read by the one grammar table below, so the two forms of one
 * configuration give the same model.
 *
 * Statements and defaults, from Juniper's CLI reference (copied into
 * doc/vendor-syntax.md and doc/router-facts.md with their pages):
 *  - [edit security ike gateway NAME]: address, external-interface,
 *    ike-policy, version, no-nat-traversal, local-address and
 *    dead-peer-detection { (always-send | optimized | probe-idle-tunnel);
 *    interval 2-60 (default 10); threshold 1-5 (default 5) } ("dead-peer-
 *    detection" statement; optimized, the default mode, sends R-U-THERE
 *    only when traffic went out and nothing came back within the interval).
 *    A peer is declared dead after threshold unanswered requests, one per
 *    interval: interval x threshold seconds. Without the statement DPD is
 *    not used ("Enable the device to use dead peer detection").
 *  - [edit security ipsec vpn NAME]: bind-interface st0.N, ike gateway,
 *    ike ipsec-policy, ike proxy-identity local|remote PREFIX,
 *    establish-tunnels (immediately | on-traffic), df-bit (clear | copy |
 *    set) (the "vpn" statement, Junos ES 9.3 reference), traffic-selector
 *    NAME local-ip|remote-ip PREFIX. No source we hold states
 *    establish-tunnels' default: a vpn without it is "unknown".
 *  - [edit security flow tcp-mss] ipsec-vpn mss 64-65535, default 1320:
 *    one value for TCP entering every IPsec VPN of the device, so it is
 *    every st0 tunnel's clamp; without it there is no clamp.
 *  - interfaces IF unit N family inet address|mtu, and the media "mtu" of
 *    IF: the protocol MTU must fit the media MTU (Ethernet: media less the
 *    14-byte header; Gigabit Ethernet's media default 1514), so a larger
 *    family inet mtu is a line the router refuses at commit.
 *  - "interfaces st0.1 ..." is the short form of "interfaces st0 unit 1".
 * Statements under "inactive:" (or a "deactivate" line) are known and not
 * applied: counted unread. Other hierarchies (system, zones, policies,
 * policy-options ...) are known and not read. */
#include "base/count.h"
#include "config/tree_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


enum { DPD_OPTIMIZED, DPD_ALWAYS, DPD_IDLE };

/* Per IKE gateway, same index as c->gateways. */
struct jgw {
	char ike_policy[CONFIG_NAME];
	struct config_num pol; /* the ike-policy line */
	char ext_if[CONFIG_NAME];
	struct config_num ext;
	struct config_num dpd; /* any dead-peer-detection line (the first) */
	struct config_num interval, threshold, mode;
};

/* One name of a policy's "proposals [ a b ... ]", in file order; a
 * policy's names are a chain through next (a later "set ... proposals c"
 * adds to the list). */
struct jname {
	char name[CONFIG_NAME];
	struct config_num line; /* the proposals line naming it */
	size_t next;            /* the policy's next name + 1, 0 the last */
};

struct jnames {            /* a policy's chain in cfg_ctx.names */
	size_t head, tail; /* + 1; 0 none */
};

struct jpolicy { /* security ike policy */
	char name[CONFIG_NAME];
	struct config_secret psk;
	struct jnames props; /* its proposals */
};

struct jikeprop { /* security ike proposal: that it exists */
	char name[CONFIG_NAME];
};

struct jvpn { /* security ipsec vpn */
	char name[CONFIG_NAME];
	unsigned line;
	char bind_if[CONFIG_NAME];
	struct config_num bind;
	char gw[CONFIG_NAME];
	struct config_num gwl;
	char ipol[CONFIG_NAME];
	struct config_num ipoll;
	struct config_num establish; /* v: enum config_start_state */
	struct config_num df;        /* v: 0 copy, 1 set, 2 clear */
	struct config_prefix local, remote;
};

struct jipol { /* security ipsec policy */
	char name[CONFIG_NAME];
	struct config_num first; /* its first line */
	struct jnames props;     /* its proposals */
	struct config_num set;   /* proposal-set NAME: a set of several */
	char set_name[CONFIG_NAME];
};

struct jprop { /* security ipsec proposal */
	char name[CONFIG_NAME];
	char enc[CONFIG_NAME], auth[CONFIG_NAME];
	unsigned line;
	char text[CONFIG_TEXT];
};

enum { T_POLICIES, T_VPNS, T_IPOLS, T_PROPS, T_IKEPROPS, T_COUNT };

/* A BGP group's peer-as, or a neighbour's group: "ri/group" keys (the
 * routing instance, "" for the master one), matched after the file is read,
 * since a group's peer-as may come after its neighbours. */
struct jbgp {
	char group[2 * CONFIG_NAME + 2];
	uint32_t as; /* a group's peer-as (0: a placeholder) */
	size_t bgp;  /* a neighbour's row in config.bgp */
};

struct cfg_ctx {
	struct jgw *gw;
	size_t ngw, cap_gw;
	struct jbgp *groups, *members;
	size_t ngroups, cap_groups, nmembers, cap_members;
	struct cfg_named t[T_COUNT];
	struct config_num mss; /* security flow tcp-mss ipsec-vpn [mss N] */
	struct jname *names;   /* every policy's proposal names (struct jnames) */
	size_t nnames, cap_names;
};

/* ---- helpers ------------------------------------------------------------- */

static struct jgw *
gateway(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g = cfg_gateway(c, l->tok[3], l->no);
	size_t i;

	if (!g)
		return NULL;
	i = (size_t)(g - c->gateways);
	while (x->ngw <= i) {
		struct jgw *n = cfg_push(c, (void **)&x->gw, &x->ngw, &x->cap_gw, sizeof(*x->gw));
		if (!n)
			return NULL;
		memset(n, 0, sizeof(*n));
	}
	return &x->gw[i];
}

static struct jvpn *
vpn(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jvpn *v = cfg_named_get(c, &x->t[T_VPNS], l->tok[3], 1);

	if (v && !v->line)
		v->line = l->no;
	return v;
}

/* "proposals [ a b ]" (the hierarchy's list, and the set form's) or
 * "proposals a", from word i: every name joins the policy's chain p, in
 * order, once each (a name set twice is one proposal). */
static void
add_names(struct config *c, struct cfg_ctx *x, struct jnames *p, const struct cfg_line *l, size_t i)
{
	int list = cfg_is(l, i, "[");
	size_t end = list ? l->ntok : i + 1;

	for (size_t k = list ? i + 1 : i; k < end && k < l->ntok && !cfg_is(l, k, "]"); k++) {
		struct jname *n;
		size_t at;
		int seen = 0;
		for (at = p->head; at && !seen; at = x->names[at - 1].next)
			seen = strcmp(x->names[at - 1].name, l->tok[k]) == 0;
		if (seen ||
		    !(n = cfg_push(c, (void **)&x->names, &x->nnames, &x->cap_names, sizeof(*n))))
			continue;
		memset(n, 0, sizeof(*n));
		cfg_copy(n->name, sizeof(n->name), l->tok[k]);
		cfg_set(&n->line, 0, l);
		if (p->tail)
			x->names[p->tail - 1].next = x->nnames;
		else
			p->head = x->nnames;
		p->tail = x->nnames;
	}
}

/* ---- security ike -------------------------------------------------------- */

static int
ike_psk(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jpolicy *p = cfg_named_get(c, &x->t[T_POLICIES], l->tok[3], 1);

	if (!p)
		return 0;
	p->psk.line = l->no;
	/* "$9$..." (show configuration's form of a key) and "$8$..." are
	 * Junos's reversible encodings, written with random filler: the same
	 * key reads differently each time (doc/router-facts.md, Junos): not
	 * compared, like a placeholder */
	if (cfg_tmpl(l, 6) || strncmp(l->tok[6], "$9$", 3) == 0 ||
	    strncmp(l->tok[6], "$8$", 3) == 0)
		p->psk.tmpl = 1;
	else if (cfg_is(l, 5, "hexadecimal")) {
		char hex[CONFIG_LINE_MAX];
		snprintf(hex, sizeof(hex), "0x%s", l->tok[6]);
		config_secret_text(hex, &p->psk);
	} else
		config_secret_digest(l->tok[6], strlen(l->tok[6]), &p->psk);
	p->psk.line = l->no;
	return 0;
}

static int
ike_policy(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jpolicy *p = cfg_named_get(c, &x->t[T_POLICIES], l->tok[3], 1);

	if (p && cfg_is(l, 4, "proposals"))
		add_names(c, x, &p->props, l, 5);
	return cfg_tree_known(c, l); /* the policy exists; the line is not read */
}

/* security ike proposal NAME ...: the proposal exists (its algorithms
 * are the IKE SA's, not in the MTU model) */
static int
ike_prop(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	cfg_named_get(c, &x->t[T_IKEPROPS], l->tok[3], 1);
	return cfg_tree_known(c, l);
}

static int
gw_addr(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;

	if (!gateway(c, x, l))
		return 0;
	g = &c->gateways[config_gateway_find(c, l->tok[3])];
	if (cfg_tmpl(l, 5)) {
		cfg_set_prefix(&g->remote_addr, 0, 32, l);
		g->remote_addr.tmpl = 1;
	} else
		cfg_outer_addr(&g->remote_addr, l->tok[5], l); /* an address or a name */
	return 0;
}

static int
gw_local(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;
	uint32_t a = 0;

	if (!gateway(c, x, l))
		return 0;
	g = &c->gateways[config_gateway_find(c, l->tok[3])];
	/* the address is read before its plen is chosen: the order in which a
	 * call's arguments are evaluated is unspecified (C17 6.5.2.2) */
	if (cfg_addr(l->tok[5], &a) < 0)
		a = 0;
	cfg_set_prefix(&g->local_addr, a, cfg_tmpl(l, 5) || a ? 32 : CONFIG_PLEN_OTHER, l);
	g->local_addr.tmpl = cfg_tmpl(l, 5);
	g->local_addr.v6 = cfg_addr6(l->tok[5]);
	return 0;
}

static int
gw_ext(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jgw *j = gateway(c, x, l);

	if (j) {
		cfg_copy(j->ext_if, sizeof(j->ext_if), l->tok[5]);
		cfg_set(&j->ext, 0, l);
	}
	return 0;
}

static int
gw_pol(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jgw *j = gateway(c, x, l);

	if (j) {
		cfg_copy(j->ike_policy, sizeof(j->ike_policy), l->tok[5]);
		cfg_set(&j->pol, 0, l);
		cfg_copy(c->gateways[config_gateway_find(c, l->tok[3])].policy, CONFIG_NAME,
			 l->tok[5]);
	}
	return 0;
}

/* version v1-only | v2-only (the "version (Security IKE Gateway)" statement) */
static int
gw_version(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;
	long v;

	if (cfg_is(l, 5, "v1-only"))
		v = 1;
	else if (cfg_is(l, 5, "v2-only"))
		v = 2;
	else if (cfg_tmpl(l, 5))
		v = 0;
	else
		return cfg_bad(c, l, CONFIG_BAD_ARG, 6, CONFIG_ARG_KEYWORD);
	if (!gateway(c, x, l))
		return 0;
	g = &c->gateways[config_gateway_find(c, l->tok[3])];
	cfg_set(&g->version, v, l);
	g->version.tmpl = v == 0;
	return 0;
}

static int
gw_nonatt(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	if (gateway(c, x, l))
		cfg_set(&c->gateways[config_gateway_find(c, l->tok[3])].natt, 0, l);
	return 0;
}

/* dead-peer-detection, bare or with one of its statements (word 6 on). */
static int
gw_dpd(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jgw *j;
	long v = 0;
	int r = 0;

	if (l->ntok > 5 && !cfg_is(l, 5, "interval") && !cfg_is(l, 5, "threshold") &&
	    !cfg_is(l, 5, "always-send") && !cfg_is(l, 5, "optimized") &&
	    !cfg_is(l, 5, "probe-idle-tunnel"))
		return cfg_bad(c, l, CONFIG_BAD_ARG, 6, CONFIG_ARG_KEYWORD);
	if (cfg_is(l, 5, "interval") && (r = cfg_tree_number(c, l, 6, 2, 60, &v)) < 0)
		return -1;
	if (cfg_is(l, 5, "threshold") && (r = cfg_tree_number(c, l, 6, 1, 5, &v)) < 0)
		return -1;
	if (!(j = gateway(c, x, l)))
		return 0;
	if (!j->dpd.line)
		cfg_set(&j->dpd, 1, l);
	if (cfg_is(l, 5, "interval")) {
		cfg_set(&j->interval, v, l);
		j->interval.tmpl = r == 1;
	} else if (cfg_is(l, 5, "threshold")) {
		cfg_set(&j->threshold, v, l);
		j->threshold.tmpl = r == 1;
	} else if (l->ntok > 5) {
		cfg_set(&j->mode,
			cfg_is(l, 5, "always-send") ? DPD_ALWAYS
			: cfg_is(l, 5, "optimized") ? DPD_OPTIMIZED
						    : DPD_IDLE,
			l);
	}
	return 0;
}

/* local-identity / remote-identity hostname|inet|inet6|user-at-hostname|
 * distinguished-name VALUE (Juniper CLI reference, local-identity,
 * remote-identity [edit security ike gateway NAME]): the IKE identity
 * this end sends and the one it expects; without local-identity Junos
 * sends its local address, which a file behind NAT does not write. Kept
 * as written, without its type, as the other formats keep theirs; audit
 * --peer-config pairs two routers by them (core/audit_pair.c). */
static int
gw_ident(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_gateway *g;

	if (!gateway(c, x, l))
		return 0;
	g = &c->gateways[config_gateway_find(c, l->tok[3])];
	if (!cfg_tmpl(l, 6))
		cfg_copy(cfg_is(l, 4, "local-identity") ? g->local_ike_id : g->remote_ike_id,
			 CONFIG_NAME, l->tok[6]);
	return 0;
}

/* Any other gateway statement: the gateway exists. */
static int
gw_other(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	gateway(c, x, l);
	return cfg_tree_known(c, l);
}

/* ---- security ipsec ------------------------------------------------------ */

static int
prop_alg(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jprop *p = cfg_named_get(c, &x->t[T_PROPS], l->tok[3], 1);

	if (!p)
		return 0;
	cfg_copy(cfg_is(l, 4, "encryption-algorithm") ? p->enc : p->auth, CONFIG_NAME, l->tok[5]);
	p->line = l->no;
	cfg_copy(p->text, sizeof(p->text), l->text);
	return 0;
}

static int
ipol_prop(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jipol *p = cfg_named_get(c, &x->t[T_IPOLS], l->tok[3], 1);

	if (p && !p->first.line)
		cfg_set(&p->first, 0, l);
	if (p)
		add_names(c, x, &p->props, l, 5);
	return 0;
}

/* Any other statement of an ipsec policy (perfect-forward-secrecy,
 * description, proposal-set): the policy exists. One without proposals
 * takes Junos's default proposals, a set of several (doc/router-facts.md),
 * as proposal-set does. */
static int
ipol_other(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jipol *p = cfg_named_get(c, &x->t[T_IPOLS], l->tok[3], 1);

	if (p && !p->first.line)
		cfg_set(&p->first, 0, l);
	if (p && cfg_is(l, 4, "proposal-set") && !p->set.line) {
		cfg_set(&p->set, 0, l);
		cfg_copy(p->set_name, sizeof(p->set_name), l->tok[5]);
	}
	return cfg_tree_known(c, l);
}

static int
vpn_bind(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jvpn *v = vpn(c, x, l);

	if (v) {
		cfg_copy(v->bind_if, sizeof(v->bind_if), l->tok[5]);
		cfg_set(&v->bind, 0, l);
	}
	return 0;
}

static int
vpn_ike(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jvpn *v = vpn(c, x, l);

	if (!v)
		return 0;
	if (cfg_is(l, 5, "gateway")) {
		cfg_copy(v->gw, sizeof(v->gw), l->tok[6]);
		cfg_set(&v->gwl, 0, l);
	} else {
		cfg_copy(v->ipol, sizeof(v->ipol), l->tok[6]);
		cfg_set(&v->ipoll, 0, l);
	}
	return 0;
}

static int
set_selector(struct config *c, const struct cfg_line *l, size_t i, struct config_prefix *p)
{
	uint32_t a;
	unsigned plen;

	if (cfg_tmpl(l, i)) {
		cfg_set_prefix(p, 0, 32, l);
		p->tmpl = 1;
	} else if (cfg_prefix(l->tok[i], &a, &plen) == 0) {
		cfg_set_prefix(p, a, plen, l);
	} else {
		return cfg_bad(c, l, CONFIG_BAD_ARG, (unsigned)i + 1, CONFIG_ARG_PREFIX);
	}
	return 0;
}

/* ike proxy-identity local|remote PREFIX; traffic-selector NAME local-ip|remote-ip PREFIX
 * (the first of each is the vpn's selector) */
static int
vpn_sel(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jvpn *v = vpn(c, x, l);
	int ts = cfg_is(l, 4, "traffic-selector");
	int local = cfg_is(l, 6, ts ? "local-ip" : "local");
	struct config_prefix tmp, *p;

	if (!v)
		return 0;
	p = local ? &v->local : &v->remote;
	if (p->line)
		p = &tmp;
	return set_selector(c, l, 7, p);
}

static int
vpn_establish(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jvpn *v;
	long s;

	if (cfg_is(l, 5, "immediately"))
		s = CONFIG_START_ALWAYS;
	else if (cfg_is(l, 5, "on-traffic"))
		s = CONFIG_START_ON_TRAFFIC;
	else if (cfg_tmpl(l, 5))
		s = CONFIG_START_UNKNOWN;
	else
		return cfg_bad(c, l, CONFIG_BAD_ARG, 6, CONFIG_ARG_KEYWORD);
	if ((v = vpn(c, x, l)))
		cfg_set(&v->establish, s, l);
	return 0;
}

static int
vpn_df(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jvpn *v;
	long d;

	if (cfg_is(l, 5, "copy"))
		d = 0;
	else if (cfg_is(l, 5, "set"))
		d = 1;
	else if (cfg_is(l, 5, "clear"))
		d = 2;
	else
		return cfg_bad(c, l, CONFIG_BAD_ARG, 6, CONFIG_ARG_KEYWORD);
	if ((v = vpn(c, x, l)))
		cfg_set(&v->df, d, l);
	return 0;
}

static int
vpn_other(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	vpn(c, x, l);
	return cfg_tree_known(c, l);
}

/* security flow tcp-mss ipsec-vpn [mss N]: without mss, 1320 (Juniper's
 * ipsec-vpn (Flow) statement). */
static int
flow_mss(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	long v = 1320;
	int r = 0;

	if (l->ntok > 4 && !cfg_is(l, 4, "mss"))
		return cfg_bad(c, l, CONFIG_BAD_ARG, 5, CONFIG_ARG_KEYWORD);
	if (l->ntok > 4 && (r = cfg_tree_number(c, l, 5, 64, 65535, &v)) < 0)
		return -1;
	if (l->ntok == 5)
		return cfg_bad(c, l, CONFIG_BAD_MISSING, 6, CONFIG_ARG_NUMBER);
	if (!x->mss.line || l->ntok > 4)
		cfg_set(&x->mss, v, l);
	x->mss.tmpl = r == 1;
	return 0;
}

/* ---- interfaces ----------------------------------------------------------- */

static int
is_st0(const char *name)
{
	return strcmp(name, "st0") == 0;
}

static struct config_tunnel *
st0(struct config *c, const char *unit, unsigned line)
{
	char id[CONFIG_NAME];

	snprintf(id, sizeof(id), "st0.%s", unit);
	return cfg_tunnel(c, id, id, line);
}

/* interfaces IF unit N family inet address PREFIX */
static int
if_addr(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t;
	uint32_t a;
	unsigned plen;

	(void)x;
	if (!is_st0(l->tok[1])) {
		char name[CONFIG_NAME];
		struct config_iface *f;
		snprintf(name, sizeof(name), "%s.%s", l->tok[1], l->tok[3]);
		if (!(f = cfg_iface(c, name, l->no)))
			return c->nomem ? -1 : 0;
		/* the unit's addresses: with one, it is the source of what
		 * leaves by the unit (ike_source()) */
		f->naddrs++;
		if (f->naddrs == 1 && cfg_tmpl(l, 7)) {
			cfg_set_prefix(&f->addr, 0, 32, l);
			f->addr.tmpl = 1;
		} else if (f->naddrs == 1 && cfg_prefix(l->tok[7], &a, &plen) == 0) {
			cfg_set_prefix(&f->addr, a, plen, l);
		}
		return 0;
	}
	if (!(t = st0(c, l->tok[3], l->no)))
		return 0;
	if (cfg_tmpl(l, 7)) {
		cfg_set_prefix(&t->inside, 0, 32, l);
		t->inside.tmpl = 1;
	} else if (cfg_prefix(l->tok[7], &a, &plen) == 0) {
		if (!t->inside.line)
			cfg_set_prefix(&t->inside, a, plen, l);
	}
	return 0;
}

/* interfaces IF unit N family inet mtu M: st0's is the tunnel MTU; another
 * interface's is its protocol MTU, which must fit its media MTU (checked
 * once the whole file is read). */
static int
if_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	long v = 0;
	int r = cfg_tmpl(l, 7);

	(void)x;
	if (!r)
		cfg_number(l->tok[7], 0, 2147483647L, &v); /* the pattern's '#' checked it */
	if (is_st0(l->tok[1])) {
		struct config_tunnel *t = st0(c, l->tok[3], l->no);
		if (t) {
			cfg_set(&t->mtu, v, l);
			t->mtu.tmpl = r == 1;
		}
	} else {
		char name[CONFIG_NAME];
		struct config_iface *f;
		snprintf(name, sizeof(name), "%s.%s", l->tok[1], l->tok[3]);
		if ((f = cfg_iface(c, name, l->no))) {
			cfg_set(&f->mtu, v, l);
			f->mtu.tmpl = r == 1;
		}
	}
	return 0;
}

/* interfaces IF unit N ...: st0 units are tunnels, others interfaces */
static int
if_unit(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	char name[CONFIG_NAME];

	(void)x;
	if (is_st0(l->tok[1])) {
		if (!st0(c, l->tok[3], l->no))
			return 0;
	} else {
		snprintf(name, sizeof(name), "%s.%s", l->tok[1], l->tok[3]);
		if (!cfg_iface(c, name, l->no))
			return 0;
	}
	return cfg_tree_known(c, l);
}

/* interfaces IF mtu M: the media MTU */
static int
if_media(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_iface *f;
	long v = 0;
	int r = cfg_tmpl(l, 3);

	(void)x;
	if (!r)
		cfg_number(l->tok[3], 0, 2147483647L, &v);
	if ((f = cfg_iface(c, l->tok[1], l->no))) {
		cfg_set(&f->media, v, l);
		f->media.tmpl = r;
	}
	return 0;
}

/* ---- protocols bgp ----------------------------------------------------------- */

/* "[routing-instances R] protocols bgp group G ...": the group's key and
 * the index of the word after G. */
static size_t
group_key(const struct cfg_line *l, char *key, size_t len)
{
	size_t g = cfg_is(l, 0, "routing-instances") ? 4 : 2;

	snprintf(key, len, "%s/%s", g == 4 ? l->tok[1] : "", l->tok[g + 1]);
	return g + 2;
}

static int
bgp(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jbgp *m;
	uint32_t a;
	char key[2 * CONFIG_NAME + 2];
	size_t i = group_key(l, key, sizeof(key)), n = c->nbgp;

	if (!cfg_is(l, i, "neighbor") || i + 1 >= l->ntok || cfg_addr(l->tok[i + 1], &a) < 0)
		return 0;
	/* ... neighbor A peer-as AS (Junos BGP configuration statements); a
	 * neighbour without one takes its group's (model()) */
	cfg_add_bgp(c, a,
		    cfg_is(l, i + 2, "peer-as") && i + 3 < l->ntok ? cfg_asn(l->tok[i + 3]) : 0, l);
	if (c->nbgp == n)
		return 0; /* known already: its group is its first line's */
	if (!(m = cfg_push(c, (void **)&x->members, &x->nmembers, &x->cap_members, sizeof(*m))))
		return -1;
	snprintf(m->group, sizeof(m->group), "%s", key);
	m->bgp = c->nbgp - 1;
	return 0;
}

/* protocols bgp group G peer-as AS: every neighbour of G without its own */
static int
bgp_group_as(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct jbgp *g;
	char key[2 * CONFIG_NAME + 2];
	size_t i = group_key(l, key, sizeof(key));

	if (i + 1 >= l->ntok)
		return 0;
	if (!(g = cfg_push(c, (void **)&x->groups, &x->ngroups, &x->cap_groups, sizeof(*g))))
		return -1;
	snprintf(g->group, sizeof(g->group), "%s", key);
	g->as = cfg_asn(l->tok[i + 1]);
	return 0;
}

/* After the file: neighbours without a peer-as take their group's (the
 * last peer-as line of the group, as a later set line replaces it). */
static void
bgp_groups(struct config *c, const struct cfg_ctx *x)
{
	for (size_t m = 0; m < x->nmembers; m++) {
		struct config_bgp *b = &c->bgp[x->members[m].bgp];
		for (size_t g = x->ngroups; !b->as && g-- > 0;)
			if (strcmp(x->groups[g].group, x->members[m].group) == 0) {
				b->as = x->groups[g].as;
				break;
			}
	}
}

/* ---- the grammar -------------------------------------------------------------- */

#define GW "security ike gateway * "
#define VPN "security ipsec vpn * "
/* clang-format off */
static const struct cfg_cmd junos_cmds[] = {
	{ "security ike proposal * authentication-method *", 0, ike_prop },
	{ "security ike proposal * authentication-algorithm *", 0, ike_prop },
	{ "security ike proposal * encryption-algorithm *", 0, ike_prop },
	{ "security ike proposal * dh-group *", 0, ike_prop },
	{ "security ike proposal * lifetime-seconds #", 0, ike_prop },
	{ "security ike proposal * description", 0, ike_prop },
	{ "security ike policy * pre-shared-key ascii-text *", 0, ike_psk },
	{ "security ike policy * pre-shared-key hexadecimal *", 0, ike_psk },
	{ "security ike policy * mode *", 0, ike_policy },
	{ "security ike policy * proposals", 0, ike_policy },
	{ "security ike policy * proposal-set *", 0, ike_policy },
	{ "security ike policy * certificate", 0, ike_policy },
	{ "security ike policy * description", 0, ike_policy },
	{ "security ike policy * reauth-frequency", 0, ike_policy },
	{ GW "address *", 0, gw_addr },
	{ GW "local-address *", 0, gw_local },
	{ GW "external-interface *", 0, gw_ext },
	{ GW "ike-policy *", 0, gw_pol },
	{ GW "version *", 0, gw_version },
	{ GW "no-nat-traversal", 0, gw_nonatt },
	{ GW "dead-peer-detection", 0, gw_dpd },
	{ GW "nat-keepalive #", 0, gw_other },
	{ GW "local-identity * *", 0, gw_ident },
	{ GW "remote-identity * *", 0, gw_ident },
	{ GW "local-identity", 0, gw_other },
	{ GW "remote-identity", 0, gw_other },
	{ GW "general-ikeid", 0, gw_other },
	{ GW "dynamic", 0, gw_other },
	{ GW "xauth", 0, gw_other },
	{ GW "aaa", 0, gw_other },
	{ GW "advpn", 0, gw_other },
	{ GW "fragmentation", 0, gw_other },
	{ GW "tcp-encap-profile", 0, gw_other },
	{ GW "description", 0, gw_other },
	{ GW "force-udp-encapsulation", 0, gw_other },
	{ "security ike traceoptions", 0, NULL },
	{ "security ike respond-bad-spi", 0, NULL },
	{ "security ike proposal-set", 0, NULL },
	{ "security ipsec proposal * protocol *", 0, NULL },
	{ "security ipsec proposal * authentication-algorithm *", 0, prop_alg },
	{ "security ipsec proposal * encryption-algorithm *", 0, prop_alg },
	{ "security ipsec proposal * lifetime-seconds #", 0, NULL },
	{ "security ipsec proposal * lifetime-kilobytes #", 0, NULL },
	{ "security ipsec proposal * description", 0, NULL },
	{ "security ipsec policy * proposals *", 0, ipol_prop },
	{ "security ipsec policy * proposal-set *", 0, ipol_other },
	{ "security ipsec policy * perfect-forward-secrecy", 0, ipol_other },
	{ "security ipsec policy * description", 0, ipol_other },
	{ VPN "bind-interface *", 0, vpn_bind },
	{ VPN "ike gateway *", 0, vpn_ike },
	{ VPN "ike ipsec-policy *", 0, vpn_ike },
	{ VPN "ike proxy-identity local *", 0, vpn_sel },
	{ VPN "ike proxy-identity remote *", 0, vpn_sel },
	{ VPN "ike proxy-identity service", 0, vpn_other },
	{ VPN "ike idle-time", 0, vpn_other },
	{ VPN "ike install-interval", 0, vpn_other },
	{ VPN "ike no-anti-replay", 0, vpn_other },
	{ VPN "traffic-selector * local-ip *", 0, vpn_sel },
	{ VPN "traffic-selector * remote-ip *", 0, vpn_sel },
	{ VPN "establish-tunnels *", 0, vpn_establish },
	{ VPN "df-bit *", 0, vpn_df },
	{ VPN "vpn-monitor", 0, vpn_other },
	{ VPN "copy-outer-dscp", 0, vpn_other },
	{ VPN "description", 0, vpn_other },
	{ VPN "multi-sa", 0, vpn_other },
	{ VPN "passive-mode-tunneling", 0, vpn_other },
	{ "security ipsec traceoptions", 0, NULL },
	{ "security ipsec vpn-monitor-options", 0, NULL },
	{ "security ipsec proposal-set", 0, NULL },
	{ "security flow tcp-mss ipsec-vpn", 0, flow_mss },
	{ "security", 0, NULL },    /* zones, policies, nat, screen, flow's other statements ... */
	{ "interfaces * unit # family inet address *", 0, if_addr },
	{ "interfaces * unit # family inet mtu #", 0, if_mtu },
	{ "interfaces * unit #", 0, if_unit },
	{ "interfaces * mtu #", 0, if_media },
	{ "interfaces", 0, NULL },
	{ "protocols bgp group * neighbor @", 0, bgp },
	{ "protocols bgp group * peer-as *", 0, bgp_group_as },
	{ "protocols bgp group *", 0, NULL },
	{ "protocols", 0, NULL },
	{ "routing-instances * protocols bgp group * neighbor @", 0, bgp },
	{ "routing-instances * protocols bgp group * peer-as *", 0, bgp_group_as },
	{ "routing-instances * protocols bgp group *", 0, NULL },
	{ "routing-instances", 0, NULL },
	/* the other top-level hierarchies of the Junos CLI */
	{ "version", 0, NULL }, { "system", 0, NULL }, { "chassis", 0, NULL },
	{ "services", 0, NULL }, { "snmp", 0, NULL }, { "routing-options", 0, NULL },
	{ "policy-options", 0, NULL }, { "firewall", 0, NULL }, { "class-of-service", 0, NULL },
	{ "forwarding-options", 0, NULL }, { "groups", 0, NULL }, { "apply-groups", 0, NULL },
	{ "access", 0, NULL }, { "applications", 0, NULL }, { "event-options", 0, NULL },
	{ "vlans", 0, NULL }, { "logical-systems", 0, NULL }, { "bridge-domains", 0, NULL },
	{ "switch-options", 0, NULL }, { "ethernet-switching-options", 0, NULL },
	{ "poe", 0, NULL }, { "accounting-options", 0, NULL }, { "multi-chassis", 0, NULL },
	{ "virtual-chassis", 0, NULL }, { "schedulers", 0, NULL }, { "tenants", 0, NULL },
	{ "smtp", 0, NULL }, { "wlan", 0, NULL }, { "dynamic-profiles", 0, NULL },
};
/* clang-format on */
#undef GW
#undef VPN

static const struct cfg_grammar junos_grammar = { junos_cmds, COUNT(junos_cmds), NULL, 0 };

static const char *const junos_prefixes[] = { "inactive:", "protect:", "replace:", NULL };
static const char *const junos_inactive[] = { "inactive:", NULL };
static const char *const junos_set[] = { "set", NULL };
/* Junos CLI configuration-mode verbs a pasted list may carry */
static const char *const junos_other[] = { "delete",    "deactivate", "activate", "protect",
					   "unprotect", "annotate",   "insert",   "rename",
					   "edit",      "top",        "up",       "exit",
					   "commit",    "configure",  "rollback", "load",
					   "show",      "copy",       "run",      NULL };
static const char *const junos_secret[] = { "ascii-text",         "hexadecimal",
					    "encrypted-password", "secret",
					    "authentication-key", NULL };

static const char *const junos_remove[] = { "delete", "deactivate", NULL };
/* clang-format off */
static const struct tree_syntax junos_syntax = {
	1, junos_prefixes, junos_inactive, junos_set, junos_other, junos_secret, junos_remove, 1,
};
/* clang-format on */

/* "interfaces st0.1 ..." is "interfaces st0 unit 1 ..." */
static int
leaf(struct config *c, void *ctx, const struct cfg_line *l, unsigned flags)
{
	struct cfg_ctx *x = ctx;
	const char *dot;

	if (flags & TREE_INACTIVE) {
		cfg_unread(c, l->no);
		return 0;
	}
	if (cfg_is(l, 0, "interfaces") && l->ntok > 1 && (dot = strrchr(l->tok[1], '.')) &&
	    dot[1] && strspn(dot + 1, "0123456789") == strlen(dot + 1)) {
		const char *w[CFG_MAX_TOK + 2];
		char base[CONFIG_LINE_MAX];
		struct cfg_line n;
		size_t k = 0;
		snprintf(base, sizeof(base), "%.*s", (int)(dot - l->tok[1]), l->tok[1]);
		w[k++] = "interfaces";
		w[k++] = base;
		w[k++] = "unit";
		w[k++] = dot + 1;
		for (size_t i = 2; i < l->ntok && k < CFG_MAX_TOK; i++)
			w[k++] = l->tok[i];
		if (cfg_tree_line(&n, w, k, l->no, &junos_syntax) == 0) {
			cfg_dispatch(c, x, &junos_grammar, &n, 0);
			return c->nomem ? -1 : 0;
		}
	}
	cfg_dispatch(c, x, &junos_grammar, l, 0);
	return c->nomem ? -1 : 0;
}

/* ---- the model ------------------------------------------------------------------ */

/* DPD as the gateway's statements say, with Juniper's defaults. */
static void
live(struct config_gateway *g, const struct jgw *j)
{
	struct config_live *v = &g->live;
	long iv = j && j->interval.line ? j->interval.v : 10;
	long th = j && j->threshold.line ? j->threshold.v : 5;

	memset(v, 0, sizeof(*v));
	if (!j || !j->dpd.line) {
		v->state = CONFIG_LIVE_OFF; /* no dead-peer-detection statement */
		v->dead_after = -1;
		g->keepalive.v = CONFIG_OFF;
		return;
	}
	v->src = j->mode.line ? j->mode : j->dpd;
	v->state =
		j->mode.line && j->mode.v != DPD_OPTIMIZED ? CONFIG_LIVE_ON : CONFIG_LIVE_ON_DEMAND;
	v->interval = iv;
	v->retries = th;
	v->dead_after = j->interval.tmpl || j->threshold.tmpl ? -1 : iv * th;
	v->exact = v->dead_after >= 0;
	g->keepalive = j->dpd;
	g->keepalive.v = CONFIG_ON;
	g->ka_method = CONFIG_KA_DPD;
	g->ka_method_set = 1;
	g->ka_interval = iv;
	g->ka_count = th;
	/* each fix line replaces its own statement: the interval's, the
	 * threshold's (the first DPD line may be either, or neither) */
	g->dpd_interval = j->interval;
	g->dpd_count = j->threshold;
}

static int
ethernet(const char *name)
{
	return strncmp(name, "ge-", 3) == 0 || strncmp(name, "xe-", 3) == 0 ||
	       strncmp(name, "et-", 3) == 0 || strncmp(name, "fe-", 3) == 0 ||
	       strncmp(name, "mge-", 4) == 0;
}

/* A unit's family inet mtu above what its port's media MTU carries
 * (Ethernet: media - 14; Gigabit Ethernet's default media MTU 1514) is
 * refused at commit. */
static void
media_fit(struct config *c)
{
	for (size_t i = 0; i < c->nifaces; i++) {
		struct config_iface *f = &c->ifaces[i];
		char base[CONFIG_NAME];
		const char *dot = strrchr(f->name, '.');
		long media = 1514;
		int b;
		struct cfg_line l;
		const char *w[1];
		if (!dot || !f->mtu.line || f->mtu.tmpl || !ethernet(f->name))
			continue;
		snprintf(base, sizeof(base), "%.*s", (int)(dot - f->name), f->name);
		if ((b = cfg_index_find(c, CFG_T_IFACES, base)) >= 0 && c->ifaces[b].media.line) {
			if (c->ifaces[b].media.tmpl)
				continue;
			media = c->ifaces[b].media.v;
		}
		if (f->mtu.v <= media - 14)
			continue;
		w[0] = f->mtu.text;
		cfg_tree_line(&l, w, 1, f->mtu.line, NULL);
		cfg_bad_range(c, &l, 8, 0, media - 14);
		f->mtu.line = 0; /* refused: not the interface's MTU */
	}
}

/* The line MTU: the first gateway's external-interface, where the
 * configuration states its protocol MTU (family inet mtu) or its media MTU. */
static void
line_mtu(struct config *c, const struct cfg_ctx *x)
{
	for (size_t g = 0; g < x->ngw && g < c->ngateways; g++) {
		char name[CONFIG_NAME + 2], base[CONFIG_NAME];
		const char *ext = x->gw[g].ext_if, *dot;
		int i;
		if (!ext[0])
			continue;
		dot = strrchr(ext, '.');
		snprintf(name, sizeof(name), dot ? "%s" : "%s.0", ext);
		snprintf(base, sizeof(base), "%.*s", dot ? (int)(dot - ext) : (int)strlen(ext),
			 ext);
		if ((i = cfg_index_find(c, CFG_T_IFACES, name)) >= 0 && c->ifaces[i].mtu.line &&
		    !c->ifaces[i].mtu.tmpl) {
			c->line_mtu = c->ifaces[i].mtu;
		} else if ((i = cfg_index_find(c, CFG_T_IFACES, base)) >= 0 &&
			   c->ifaces[i].media.line && !c->ifaces[i].media.tmpl && ethernet(base)) {
			c->line_mtu = c->ifaces[i].media;
			c->line_mtu.v -= 14; /* the media MTU holds the Ethernet header */
		} else {
			return;
		}
		c->line_src = CONFIG_LINE_IFACE;
		c->line_index = (size_t)i;
		cfg_copy(c->line_name, sizeof(c->line_name), name);
		return;
	}
}

/* A gateway without local-address sends IKE out of its external-interface
 * ("the outgoing interface for IKE SAs", Junos ES 9.3 CLI reference,
 * external-interface), and a datagram sent from an interface carries that
 * interface's address (RFC 1122 section 3.3.4.2): the unit's family inet
 * address when it has exactly one (with several, which one Junos takes is
 * not in our sources; dhcp: not known). The audit reads it as the NAT-T
 * and pairing facts read local-address. */
static void
ike_source(struct config *c, const struct cfg_ctx *x)
{
	for (size_t g = 0; g < x->ngw && g < c->ngateways; g++) {
		struct config_gateway *gw = &c->gateways[g];
		const char *ext = x->gw[g].ext_if;
		char name[CONFIG_NAME + 2];
		const struct config_iface *f;
		int i;
		if (!ext[0] || gw->local_addr.line)
			continue;
		snprintf(name, sizeof(name), strchr(ext, '.') ? "%s" : "%s.0", ext);
		if ((i = cfg_index_find(c, CFG_T_IFACES, name)) < 0)
			continue;
		f = &c->ifaces[i];
		if (f->naddrs != 1 || !f->addr.line || f->addr.tmpl || f->addr.plen > 32)
			continue;
		gw->local_addr = f->addr;
		gw->local_addr.plen = 32;
	}
}

/* The vpn's ESP: every proposal its IPsec policy names, "enc auth" each,
 * as one list (the peer picks one: the model takes the one that carries
 * least, core/audit_model.c). One the audit cannot read (undefined: an
 * undefined-reference of its own; or without an encryption-algorithm)
 * leaves the ESP unknown, never a part of the list. */
static void
esp_of(struct config *c, const struct cfg_ctx *x, const struct jvpn *v, struct config_gateway *g)
{
	const struct jipol *p = cfg_named_get(c, (struct cfg_named *)&x->t[T_IPOLS], v->ipol, 0);
	char list[CONFIG_ESP] = "";
	const struct jprop *first = NULL;
	int cut = 0;

	if (p && !p->props.head && !g->esp.line && !g->esp_several.line) {
		/* a proposal-set, quoted by its own line; or the default set */
		g->esp_several = p->set.line ? p->set : p->first;
		cfg_copy(g->esp_set, sizeof(g->esp_set), p->set_name);
	}
	if (!p || !p->props.head || g->esp.line)
		return;
	for (size_t at = p->props.head; at; at = x->names[at - 1].next) {
		const struct jprop *pr = cfg_named_get(c, (struct cfg_named *)&x->t[T_PROPS],
						       x->names[at - 1].name, 0);
		char text[2 * CONFIG_NAME + 2];
		if (!pr || !pr->enc[0])
			return;
		first = first ? first : pr;
		snprintf(text, sizeof(text), "%s%s%s", pr->enc, pr->auth[0] ? " " : "", pr->auth);
		cut |= cfg_tree_esp_add(list, sizeof(list), text);
	}
	cfg_copy(g->esp_text, sizeof(g->esp_text), list);
	g->esp.line = first->line;
	cfg_copy(g->esp.text, sizeof(g->esp.text), first->text);
	g->esp.cut = cut; /* the model computes nothing from a part */
}

/* Every name of chain p that no table row defines: a reference to nothing
 * (Junos refuses the commit), one finding each. */
static void
undefined_names(struct config *c, struct cfg_ctx *x, const struct jnames *p, int table,
		enum config_ref_kind kind, int ti)
{
	for (size_t at = p->head; at; at = x->names[at - 1].next) {
		const struct jname *n = &x->names[at - 1];
		if (!cfg_named_get(c, &x->t[table], n->name, 0))
			cfg_ref(c, n->line.line, n->line.text, kind, n->name, ti);
	}
}

static void
model(struct config *c, struct cfg_ctx *x)
{
	for (size_t i = 0; i < x->t[T_VPNS].n && !c->nomem; i++) {
		struct jvpn *v = cfg_named_at(&x->t[T_VPNS], i);
		struct config_tunnel *t = NULL;
		int g = v->gw[0] ? config_gateway_find(c, v->gw) : -1;
		int ti = -1;
		const struct jipol *ip = NULL;
		if (v->bind.line) {
			ti = config_tunnel_find(c, v->bind_if);
			if (ti < 0 && strncmp(v->bind_if, "st0.", 4) == 0)
				cfg_ref(c, v->bind.line, v->bind.text, CONFIG_REF_TUNNEL_IF,
					v->bind_if, -1);
			if (ti < 0 && !(t = cfg_tunnel(c, v->bind_if, v->bind_if, v->bind.line)))
				return;
			ti = config_tunnel_find(c, v->bind_if);
			t = &c->tunnels[ti];
		}
		if (v->gw[0] && g < 0)
			cfg_ref(c, v->gwl.line, v->gwl.text, CONFIG_REF_IKE_GATEWAY, v->gw, ti);
		if (v->ipol[0] && !(ip = cfg_named_get(c, &x->t[T_IPOLS], v->ipol, 0)))
			cfg_ref(c, v->ipoll.line, v->ipoll.text, CONFIG_REF_IPSEC_POLICY, v->ipol,
				ti);
		/* proposals NAME with no security ipsec proposal NAME: Junos
		 * refuses the commit (a reference to nothing) */
		else if (ip)
			undefined_names(c, x, &ip->props, T_PROPS, CONFIG_REF_JUNOS_IPSEC_PROPOSAL,
					ti);
		if (t) {
			t->gateway = g;
			t->kind = CONFIG_TK_IPSEC;
			t->policy = v->bind;
			cfg_copy(t->policy_name, sizeof(t->policy_name), v->name);
			t->df = v->df;
		}
		if (g < 0)
			continue;
		if (!c->gateways[g].start.src.line && v->establish.line) {
			c->gateways[g].start.state = (enum config_start_state)v->establish.v;
			c->gateways[g].start.src = v->establish;
			c->gateways[g].refresh = v->establish;
			c->gateways[g].refresh.v = v->establish.v == CONFIG_START_ALWAYS;
		}
		if (!c->gateways[g].local_id.line)
			c->gateways[g].local_id = v->local;
		if (!c->gateways[g].remote_id.line)
			c->gateways[g].remote_id = v->remote;
		esp_of(c, x, v, &c->gateways[g]);
	}
	for (size_t g = 0; g < c->ngateways; g++) {
		struct config_gateway *gw = &c->gateways[g];
		const struct jgw *j = g < x->ngw ? &x->gw[g] : NULL;
		const struct jpolicy *p;
		live(gw, j);
		if (!gw->natt.line)
			gw->natt.v = 1; /* NAT-T is on unless no-nat-traversal */
		if (j && j->ike_policy[0]) {
			if ((p = cfg_named_get(c, &x->t[T_POLICIES], j->ike_policy, 0))) {
				gw->psk = p->psk;
				/* proposals NAME with no security ike proposal NAME:
				 * a reference to nothing, as for an IPsec policy's */
				undefined_names(c, x, &p->props, T_IKEPROPS,
						CONFIG_REF_JUNOS_IKE_PROPOSAL, -1);
			} else
				cfg_ref(c, j->pol.line, j->pol.text, CONFIG_REF_IKE_POLICY,
					j->ike_policy, -1);
		}
	}
	/* the global clamp is every st0 tunnel's */
	for (size_t i = 0; i < c->ntunnels && x->mss.line; i++) {
		c->tunnels[i].mss = x->mss;
		c->tunnels[i].mss.v = CONFIG_MSS_NUM;
		c->tunnels[i].mss_value = x->mss.v;
	}
	media_fit(c);
	line_mtu(c, x);
	ike_source(c, x);
	bgp_groups(c, x);
}

static void
run_model(struct config *c, void *x)
{
	model(c, x);
}

int
config_parse_junos(const char *buf, size_t len, struct config *c)
{
	static const size_t sizes[T_COUNT] = {
		[T_POLICIES] = sizeof(struct jpolicy),  [T_VPNS] = sizeof(struct jvpn),
		[T_IPOLS] = sizeof(struct jipol),       [T_PROPS] = sizeof(struct jprop),
		[T_IKEPROPS] = sizeof(struct jikeprop),
	};
	struct cfg_ctx x = { .gw = NULL };
	int r = cfg_tree_parse(buf, len, &junos_syntax, c, leaf, &x, x.t, sizes, COUNT(sizes),
			       run_model);

	free(x.gw);
	free(x.names);
	free(x.groups);
	free(x.members);
	return r;
}
