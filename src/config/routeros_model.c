/* SPDX-License-Identifier: BSD-2-Clause */
/* RouterOS's IPsec objects (config/routeros.c) as the site model: every
 * enabled /ip ipsec peer is a gateway, every policy bound to one a tunnel
 * named after its peer and its place among that peer's policies
 * ("aws-tunnel1-1"), so a fix can point at it. RouterOS IPsec is
 * policy-based: a policy is no interface, its packets leave by the WAN
 * interface, and an MSS clamp is a firewall mangle change-mss rule that
 * matches its traffic.
 *
 * Defaults where the export says nothing (MikroTik manual, IPsec,
 * help.mikrotik.com/docs/display/ROS/IPsec; doc/router-facts.md):
 * profile dpd-interval 8s, dpd-maximum-failures 4, nat-traversal yes,
 * lifetime 1d; peer profile "default", exchange-mode main, passive no;
 * proposal enc-algorithms aes-256-cbc,aes-192-cbc,aes-128-cbc,
 * auth-algorithms sha1, lifetime 30m; policy src-address and dst-address
 * 0.0.0.0/32, tunnel no. RouterOS 6's default profile held
 * dpd-interval=2m dpd-maximum-failures=5: the line v7 exports of routers
 * upgraded from v6 carry as "set [ find default=yes ]" (doc/router-facts.md). */
#include "config/routeros_int.h"
#include "base/ip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
num_from(struct config_num *n, const struct ros_val *v)
{
	n->v = v->v;
	n->line = v->line;
	n->tmpl = v->tmpl;
	cfg_copy(n->text, sizeof(n->text), v->text);
}

static const struct ros_profile *
profile_of(const struct cfg_ctx *x, const struct ros_peer *p)
{
	for (size_t i = 0; i < x->nprofiles; i++)
		if (strcmp(x->profiles[i].name, p->profile) == 0)
			return &x->profiles[i];
	return NULL;
}

/* The peer's own setting (v6 before 6.43), else its profile's, else NULL. */
static const struct ros_val *
pick(const struct ros_val *own, const struct ros_profile *pr, size_t off)
{
	if (own->line)
		return own;
	if (pr && ((const struct ros_val *)((const char *)pr + off))->line)
		return (const struct ros_val *)((const char *)pr + off);
	return NULL;
}

/* DPD (RFC 3706 for IKEv1; IKEv2 liveness, RFC 7296 section 2.4): a peer
 * is declared dead after dpd-maximum-failures unanswered checks
 * dpd-interval apart. The manual: IKEv2 ignores dpd-maximum-failures, so
 * there only the interval is known and dead_after is a lower bound. */
static void
live(const struct cfg_ctx *x, const struct ros_peer *p, const struct ros_profile *pr, int v2,
     struct config_gateway *g)
{
	const struct ros_val *iv = pick(&p->dpd, pr, offsetof(struct ros_profile, dpd));
	const struct ros_val *mx = pick(&p->dpdmax, pr, offsetof(struct ros_profile, dpdmax));
	long interval = iv ? iv->v : x->major == 6 ? 120 : 8;
	long retries = mx ? mx->v : x->major == 6 ? 5 : 4;
	const struct ros_val *src = iv ? iv : mx;
	struct config_live *l = &g->live;

	if (src)
		num_from(&l->src, src);
	if ((iv && iv->tmpl) || (mx && mx->tmpl)) {
		l->state = CONFIG_LIVE_UNKNOWN;
		l->dead_after = -1;
		return;
	}
	g->ka_method = CONFIG_KA_DPD;
	g->ka_method_set = 1;
	if (src)
		num_from(&g->keepalive, src);
	if (interval < 0) { /* dpd-interval=disable-dpd */
		l->state = CONFIG_LIVE_OFF;
		l->dead_after = -1;
		g->keepalive.v = CONFIG_OFF;
		return;
	}
	l->state = CONFIG_LIVE_ON;
	l->interval = interval;
	l->retries = v2 ? 0 : retries;
	l->dead_after = v2 ? interval : interval * retries;
	l->exact = !v2;
	g->keepalive.v = CONFIG_ON;
	g->ka_interval = interval;
	g->ka_count = retries;
}

static void
gateway(struct config *c, const struct cfg_ctx *x, const struct ros_peer *p)
{
	const struct ros_profile *pr = profile_of(x, p);
	const struct ros_val *v;
	struct config_gateway *g = cfg_gateway(c, p->name, p->line);
	int v2 = p->mode.line && p->mode.v == 2;

	if (!g)
		return;
	g->remote_addr = p->addr;
	if (g->remote_addr.line && g->remote_addr.plen != 32)
		g->remote_addr.plen = CONFIG_PLEN_OTHER;
	g->local_addr = p->local;
	if (g->local_addr.line && g->local_addr.plen != 32)
		g->local_addr.plen = CONFIG_PLEN_OTHER;
	if (p->mode.line)
		num_from(&g->version, &p->mode);
	else
		g->version.v = 1; /* exchange-mode main */
	cfg_copy(g->policy, sizeof(g->policy), p->profile);
	live(x, p, pr, v2, g);
	if ((v = pick(&p->natt, pr, offsetof(struct ros_profile, natt))))
		num_from(&g->natt, v);
	else
		g->natt.v = 1; /* nat-traversal yes */
	if ((v = pick(&p->life, pr, offsetof(struct ros_profile, life))))
		num_from(&g->life_ike, v);
	/* passive=yes waits for the peer; otherwise RouterOS starts IKE when
	 * a policy's traffic needs an SA (level require: "drop the packet and
	 * acquire SA", MikroTik manual, IPsec: Policies) */
	g->start.state =
		p->passive.line && p->passive.v == 1 ? CONFIG_START_NEVER : CONFIG_START_ON_TRAFFIC;
	if (p->passive.line)
		num_from(&g->start.src, &p->passive);
	if (p->psk.set)
		g->psk = p->psk;
}

/* Each identity's secret to its peer (the name index: a hub's thousands
 * of peers cost one lookup each). */
static void
identities(struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < x->nidentities; i++) {
		int k = x->identities[i].psk.set ? config_gateway_find(c, x->identities[i].peer)
						 : -1;
		if (k >= 0 && !c->gateways[k].psk.set)
			c->gateways[k].psk = x->identities[i].psk;
	}
}

static int
covers(const struct config_prefix *net, const struct config_prefix *p)
{
	if (!net->line)
		return 1;
	if (net->tmpl || net->plen > 32 || !p->line || p->plen > 32 || p->plen < net->plen)
		return 0;
	return net->plen == 0 || ((net->addr ^ p->addr) >> (32 - net->plen)) == 0;
}

static const struct ros_peer *
peer_of(const struct cfg_ctx *x, const struct ros_policy *pol)
{
	for (size_t i = 0; i < x->npeers; i++) {
		const struct ros_peer *p = &x->peers[i];
		if (pol->peer[0]
			    ? strcmp(p->name, pol->peer) == 0
			    : pol->sa_dst.line && p->addr.line && p->addr.addr == pol->sa_dst.addr)
			return p;
	}
	return NULL;
}

/* The policy's enabled peer as a gateway (by name through the index; a
 * v6 policy names it by sa-dst-address, which is that peer's name), or -1;
 * *disabled when the peer exists but is disabled. */
static int
gateway_of(const struct config *c, const struct cfg_ctx *x, const struct ros_policy *pol,
	   int *disabled)
{
	char a[20];
	int k;

	*disabled = 0;
	if (pol->peer[0])
		k = config_gateway_find(c, pol->peer);
	else {
		struct ip_addr dst = ip_addr_v4(pol->sa_dst.addr);

		ip_addr_text(&dst, a, sizeof(a));
		k = config_gateway_find(c, a);
	}
	if (k < 0) {
		const struct ros_peer *p = peer_of(x, pol);
		*disabled = p && p->disabled;
	}
	return k;
}

static void
line_of(struct cfg_line *l, unsigned no, const char *text)
{
	memset(l, 0, sizeof(*l));
	l->no = no;
	cfg_copy(l->text, sizeof(l->text), text);
}

/* The selector as the model reads it: unset is the manual's 0.0.0.0/32,
 * stated on the policy's line. */
static void
selector(struct config_prefix *out, const struct config_prefix *in, const struct ros_policy *pol)
{
	struct cfg_line l;

	if (in->line) {
		*out = *in;
		return;
	}
	line_of(&l, pol->line, pol->text);
	cfg_set_prefix(out, 0, 32, &l);
}

static const struct ros_proposal *
proposal_of(const struct cfg_ctx *x, const struct ros_policy *pol)
{
	const struct ros_proposal *pr = NULL;

	for (size_t i = 0; i < x->nproposals; i++)
		if (strcmp(x->proposals[i].name, pol->proposal) == 0)
			pr = &x->proposals[i];
	return pr;
}

/* proposal=NAME names one of /ip ipsec proposal (MikroTik manual, IPsec:
 * Policies, "proposal: name of the proposal template"); "default" is
 * there unless the export says otherwise. */
static int
proposal_missing(const struct cfg_ctx *x, const struct ros_policy *pol)
{
	return !proposal_of(x, pol) && strcmp(pol->proposal, "default") != 0 &&
	       !ros_placeholder(pol->proposal);
}

/* A proposal's transforms as the model reads a list: enc-algorithms and
 * auth-algorithms are each a list RouterOS offers all of (MikroTik
 * manual, IPsec: Proposals), so every cipher with every integrity
 * algorithm is one proposal of the ',' list ("aes-256-cbc sha512"), of
 * which the model takes the one that carries least (the responder
 * picks, RFC 7296 section 2.7). An empty auth-algorithms (a GCM cipher's)
 * adds none. cfg_esp_list() drops blanks, so the blank inside a
 * transform rides it as '_', which no RouterOS algorithm word holds. */
static int
esp_list(char *dst, size_t len, const char *enc, const char *auth)
{
	char e[CONFIG_LINE_MAX], a[CONFIG_LINE_MAX], all[4 * CONFIG_ESP];
	char *se = NULL, *sa = NULL;
	size_t n = 0;
	int cut;

	cfg_copy(e, sizeof(e), enc);
	all[0] = '\0';
	for (char *w = strtok_r(e, ",", &se); w && n < sizeof(all); w = strtok_r(NULL, ",", &se)) {
		cfg_copy(a, sizeof(a), auth);
		if (!*a)
			n += (size_t)snprintf(all + n, sizeof(all) - n, "%s%s", n ? "," : "", w);
		for (char *h = strtok_r(a, ",", &sa); h && n < sizeof(all);
		     h = strtok_r(NULL, ",", &sa))
			n += (size_t)snprintf(all + n, sizeof(all) - n, "%s%s_%s", n ? "," : "", w,
					      h);
	}
	/* all holds four times what dst keeps: a list it cannot hold is one
	 * cfg_esp_list cuts (and says so), before the part snprintf cut */
	cut = cfg_esp_list(dst, len, all);
	for (char *p = dst; (p = strchr(p, '_')); p++)
		*p = ' ';
	return cut;
}

/* The policy's ESP, into its tunnel: each policy names its own proposal
 * (MikroTik manual, IPsec: Policies, "proposal"), so two policies of one
 * peer may carry different transforms; the peer's first policy's is also
 * the gateway's, which the words of the AWS proposal check quote. */
static void
esp(const struct cfg_ctx *x, const struct ros_policy *pol, struct config_tunnel *t)
{
	const struct ros_proposal *pr = proposal_of(x, pol);
	int cut;

	t->esp_here = 1;
	/* a proposal that does not exist: its ESP is not known (never the
	 * default's) */
	if (proposal_missing(x, pol))
		return;
	/* the default proposal: enc-algorithms aes-256-cbc,aes-192-cbc,aes-128-cbc,
	 * auth-algorithms sha1 */
	cut = esp_list(t->esp_text, sizeof(t->esp_text),
		       pr && pr->enc_set ? pr->enc : "aes-256-cbc,aes-192-cbc,aes-128-cbc",
		       pr && pr->auth_set ? pr->auth : "sha1");
	if (pr) {
		struct cfg_line l;
		line_of(&l, pr->line, pr->text);
		cfg_set(&t->esp, 0, &l);
		t->esp.tmpl = ros_placeholder(pr->enc) || ros_placeholder(pr->auth);
		t->esp.cut = cut; /* the default proposal's three never are */
	}
}

static void
gateway_esp(const struct cfg_ctx *x, const struct ros_policy *pol, const struct config_tunnel *t,
	    struct config_gateway *g)
{
	const struct ros_proposal *pr = proposal_of(x, pol);

	g->esp = t->esp;
	cfg_copy(g->esp_text, sizeof(g->esp_text), t->esp_text);
	if (pr && pr->life.line)
		num_from(&g->life_child, &pr->life);
}

/* The interface the peers are reached by: the one holding a peer's
 * local-address, else the PPPoE client, else "" (unknown). */
static const char *
wan(const struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < x->npeers; i++)
		for (size_t a = 0; x->peers[i].local.line && a < x->naddrs; a++)
			if (x->addrs[a].addr == x->peers[i].local.addr && x->addrs[a].iface[0])
				return x->addrs[a].iface;
	if (x->pppoe[0])
		return x->pppoe;
	(void)c;
	return "";
}

static int
is_tunnel_if(const struct config *c, const char *name)
{
	int t = name[0] ? config_tunnel_find(c, name) : -1;

	return t >= 0 && c->tunnels[t].kind != CONFIG_TK_IPSEC;
}

/* The directions through policy pol that rule r matches (MikroTik manual,
 * Mangle: src-address, dst-address, out-interface, in-interface are each a
 * match): toward the peer, from LAN to the WAN wan; from the peer, back. */
static unsigned
rule_dirs(const struct ros_mangle *r, const struct ros_policy *pol, const char *wan)
{
	unsigned d = 0;

	if (covers(&r->src, &pol->src) && covers(&r->dst, &pol->dst) &&
	    (!r->out_if[0] || strcmp(r->out_if, wan) == 0) &&
	    (!r->in_if[0] || strcmp(r->in_if, wan) != 0))
		d |= CONFIG_DIR_OUT;
	if (covers(&r->src, &pol->dst) && covers(&r->dst, &pol->src) &&
	    (!r->in_if[0] || strcmp(r->in_if, wan) == 0) &&
	    (!r->out_if[0] || strcmp(r->out_if, wan) != 0))
		d |= CONFIG_DIR_IN;
	return d;
}

/* Which directions the IPv4 change-mss rules cover together, and the
 * first of them that lacks the tcp-mss guard (doc/vendor-syntax.md: a
 * clamp must cover both directions; the manual's rule carries
 * tcp-mss=N+1-65535 so that a smaller MSS is not raised). */
static void
clamp_dirs(const struct config *c, const struct cfg_ctx *x, struct config_tunnel *t,
	   const struct ros_policy *pol)
{
	for (size_t i = 0; t->mss.line && i < x->nmangles; i++) {
		const struct ros_mangle *r = &x->mangles[i];
		unsigned d;
		struct cfg_line l;
		if (r->v6 || is_tunnel_if(c, r->out_if) || is_tunnel_if(c, r->in_if) ||
		    !(d = rule_dirs(r, pol, t->via)))
			continue;
		t->mss_dirs |= d;
		if (r->mode == CONFIG_MSS_NUM && r->guard <= r->value && !t->mss_unguarded.line) {
			line_of(&l, r->line, r->text);
			cfg_set(&t->mss_unguarded, r->value, &l);
		}
	}
}

/* The first change-mss rule (mangle order) that a policy's traffic meets:
 * one on any interface that is no tunnel interface, whose src-address and
 * dst-address (when set) hold the policy's. */
static void
clamp(struct config *c, const struct cfg_ctx *x, struct config_tunnel *t,
      const struct ros_policy *pol, const char *wan_if)
{
	for (int v6 = 0; v6 <= 1; v6++)
		for (size_t i = 0; i < x->nmangles; i++) {
			const struct ros_mangle *r = &x->mangles[i];
			struct cfg_line l;
			if (r->v6 != v6 || is_tunnel_if(c, r->out_if) ||
			    is_tunnel_if(c, r->in_if) ||
			    (!v6 && (!covers(&r->src, &pol->src) || !covers(&r->dst, &pol->dst))))
				continue;
			line_of(&l, r->line, r->text);
			cfg_set_mss(t, v6, r->mode, r->value, &l);
			if (!v6 && r->out_if[0])
				cfg_copy(t->via, sizeof(t->via), r->out_if);
			break;
		}
	/* no WAN known: a placeholder, never a name that is no interface */
	if (!t->via[0])
		cfg_copy(t->via, sizeof(t->via), wan_if[0] ? wan_if : "<WAN interface>");
	clamp_dirs(c, x, t, pol);
}

/* An interface tunnel (GRE, IPIP, EoIP): the rule naming it. */
static void
clamp_if(const struct cfg_ctx *x, struct config_tunnel *t)
{
	for (int v6 = 0; v6 <= 1; v6++)
		for (size_t i = 0; i < x->nmangles; i++) {
			const struct ros_mangle *r = &x->mangles[i];
			struct cfg_line l;
			if (r->v6 != v6 ||
			    (strcmp(r->out_if, t->name) != 0 && strcmp(r->in_if, t->name) != 0))
				continue;
			line_of(&l, r->line, r->text);
			cfg_set_mss(t, v6, r->mode, r->value, &l);
			break;
		}
}

static void
tunnels(struct config *c, const struct cfg_ctx *x, const char *wan_if)
{
	size_t nif = c->ntunnels; /* the interface tunnels read so far */
	unsigned *count = calloc(c->ngateways + 1, sizeof(*count)); /* policies per peer */

	if (!count) {
		c->nomem = 1;
		return;
	}
	for (size_t i = 0; i < nif; i++)
		clamp_if(x, &c->tunnels[i]);
	for (size_t i = 0; i < x->npolicies && !c->nomem; i++) {
		const struct ros_policy *pol = &x->policies[i];
		int disabled, k = pol->skip || (!pol->peer[0] && !pol->sa_dst.line)
					  ? -1
					  : gateway_of(c, x, pol, &disabled);
		struct config_gateway *g = k >= 0 ? &c->gateways[k] : NULL;
		const char *pname = g ? g->name : pol->peer[0] ? pol->peer : "policy";
		struct config_tunnel *t;
		struct cfg_line l;
		char name[CONFIG_NAME + 24];
		unsigned n;

		if (pol->skip || (!pol->peer[0] && !pol->sa_dst.line) || (k < 0 && disabled))
			continue;
		n = ++count[k >= 0 ? (size_t)k : c->ngateways];
		snprintf(name, sizeof(name), "%s-%u", pname, n);
		if (config_tunnel_find(c, name) >= 0)
			snprintf(name, sizeof(name), "%s-%u-line%u", pname, n, pol->line);
		if (!(t = cfg_tunnel(c, name, name, pol->line)))
			break;
		line_of(&l, pol->line, pol->text);
		t->kind = pol->tunnel ? CONFIG_TK_IPSEC : CONFIG_TK_TRANSPORT;
		cfg_set(&t->encap, t->kind, &l);
		t->gateway = k;
		if (g) {
			cfg_set(&t->policy, 0, &l);
			cfg_copy(t->policy_name, sizeof(t->policy_name), pol->proposal);
		}
		if (pol->dst.line && pol->dst.plen == 32)
			t->remote = pol->dst;
		for (size_t a = 0; pol->src.line && pol->src.plen == 32 && a < x->naddrs; a++)
			if (x->addrs[a].addr == pol->src.addr) {
				line_of(&l, x->addrs[a].line, x->addrs[a].text);
				cfg_set_prefix(&t->inside, x->addrs[a].addr, x->addrs[a].plen, &l);
			}
		if (t->kind == CONFIG_TK_IPSEC)
			clamp(c, x, t, pol, wan_if);
		if (g && proposal_missing(x, pol))
			cfg_ref(c, pol->line, pol->text, CONFIG_REF_ROS_PROPOSAL, pol->proposal,
				config_tunnel_find(c, name));
		/* every policy is a selector pair of its own; a finding quotes
		 * the policy as the file has it, not the command restoring it */
		selector(&t->sel_local, &pol->src, pol);
		selector(&t->sel_remote, &pol->dst, pol);
		cfg_copy(t->sel_local.text, sizeof(t->sel_local.text), pol->text);
		cfg_copy(t->sel_remote.text, sizeof(t->sel_remote.text), pol->text);
		cfg_copy(t->sel_find, sizeof(t->sel_find), pol->find);
		cfg_copy(t->sel_undo, sizeof(t->sel_undo), pol->undo);
		if (g)
			esp(x, pol, t);
		/* the peer's first policy: its selectors, ESP and lifetime */
		if (g && !g->local_id.line) {
			selector(&g->local_id, &pol->src, pol);
			selector(&g->remote_id, &pol->dst, pol);
			gateway_esp(x, pol, t, g);
		}
	}
	free(count);
}

static void
line_mtu(struct config *c, const char *wan_if)
{
	const struct config_iface *f;
	int i = -1;

	for (size_t k = 0; wan_if[0] && k < c->nifaces; k++)
		if (strcmp(c->ifaces[k].name, wan_if) == 0)
			i = (int)k;
	if (i < 0 || !(f = &c->ifaces[i])->mtu.line || f->mtu.tmpl)
		return;
	c->line_mtu = f->mtu;
	c->line_src = f->pppoe.line ? CONFIG_LINE_PPPOE_IF : CONFIG_LINE_IFACE;
	cfg_copy(c->line_name, sizeof(c->line_name), f->name);
	c->line_index = (size_t)i;
}

/* A peer with exchange-mode=main-l2tp serves L2TP/IPsec clients: the L2TP
 * server's peer, whose policies RouterOS generates for each client as it
 * connects (MikroTik manual, IPsec, "Basic L2TP/IPsec setup": the dynamic
 * peer has generate-policy, passive=yes). It is one remote-access tunnel,
 * as an RTX's L2TP/IPsec is: not a site-to-site peer, so the audit leaves
 * it out of the checks a site-to-site peer needs, and says so. */
static void
l2tp_tunnels(struct config *c, const struct cfg_ctx *x)
{
	for (size_t i = 0; i < x->npeers && !c->nomem; i++) {
		const struct ros_peer *p = &x->peers[i];
		char name[CONFIG_NAME + 8];
		struct config_tunnel *t;
		struct cfg_line l;
		int k;
		if (p->disabled || !p->l2tp || (k = config_gateway_find(c, p->name)) < 0)
			continue;
		snprintf(name, sizeof(name), "%s-l2tp", p->name);
		if (!(t = cfg_tunnel(c, name, name, p->line)))
			return;
		line_of(&l, p->mode.line, p->mode.text);
		t->kind = CONFIG_TK_L2TP;
		cfg_set(&t->encap, t->kind, &l);
		t->gateway = k;
	}
}

void
ros_model(struct config *c, struct cfg_ctx *x)
{
	const char *wan_if;

	for (size_t i = 0; i < x->npeers && !c->nomem; i++)
		if (!x->peers[i].disabled)
			gateway(c, x, &x->peers[i]);
	identities(c, x);
	wan_if = wan(c, x);
	tunnels(c, x, wan_if);
	l2tp_tunnels(c, x);
	if (!c->nomem)
		line_mtu(c, wan_if);
}
