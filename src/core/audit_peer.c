/* SPDX-License-Identifier: BSD-2-Clause */
/* The pair: each AWS tunnel matched to the router tunnel that talks to it,
 * then the checks that only both ends together can make (field cases 2
 * and 3: the facts that kill the tunnel are the combination). Pure: codes
 * and numbers out, words in render/audit_peer_out.c. AWS facts and
 * defaults: config/aws_json.c (EC2 API reference); router facts:
 * doc/router-facts.md, as core/audit.c reads them. */
#include "core/audit_peer_int.h"
#include "base/ip.h"
#include "base/count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINK_LOCAL PEER_LINK_LOCAL

int
audit_peer_covers(uint32_t net, unsigned plen, uint32_t addr)
{
	return plen == 0 || (plen <= 32 && ((net ^ addr) >> (32 - plen)) == 0);
}

#define covers audit_peer_covers
#define ipsec_tunnel audit_peer_ipsec_tunnel

/* A router tunnel the pairing is about: ESP tunnel mode with an IKE peer. */
int
audit_peer_ipsec_tunnel(const struct config *c, size_t i)
{
	return c->tunnels[i].kind == CONFIG_TK_IPSEC && c->tunnels[i].gateway >= 0 &&
	       (size_t)c->tunnels[i].gateway < c->ngateways;
}

uint32_t
audit_peer_router_addr(const struct config *c, size_t i, unsigned *line)
{
	const struct config_gateway *g;
	uint32_t a;

	*line = 0;
	if (i >= c->ntunnels || !ipsec_tunnel(c, i))
		return 0;
	g = &c->gateways[c->tunnels[i].gateway];
	if (g->remote_addr.line && !g->remote_addr.tmpl && g->remote_addr.plen == 32) {
		*line = g->remote_addr.line;
		return g->remote_addr.addr;
	}
	/* a format that names the peer by its address (IX: ikev2 peer ADDR,
	 * ike policy NAME peer ADDR; config_facts.peer_named_by_addr) */
	if (config_facts(c)->peer_named_by_addr && peer_ipv4(g->name, &a) == 0) {
		*line = g->line;
		return a;
	}
	return 0;
}

struct audit_peer_finding *
audit_peer_finding(struct audit_peer_run *a, int aws, int router, unsigned line, const char *text)
{
	struct audit_peer_result *r = a->r;
	struct audit_peer_finding *f;

	if (r->nfindings >= r->cap_findings) {
		size_t want = r->cap_findings ? r->cap_findings * 2 : 16;
		void *p = realloc(r->findings, want * sizeof(*f));
		if (!p) {
			r->nomem = 1;
			return NULL;
		}
		r->findings = p;
		r->cap_findings = want;
	}
	f = &r->findings[r->nfindings++];
	memset(f, 0, sizeof(*f));
	f->check = a->check;
	f->aws = aws;
	f->router = router;
	f->other = -1;
	f->line = line;
	snprintf(f->text, sizeof(f->text), "%s", text ? text : "");
	if (aws >= 0)
		snprintf(f->where, sizeof(f->where), "%s", a->p->tunnels[aws].outside);
	if (a->check->severity == AUDIT_ERROR)
		r->nerror++;
	else if (a->check->severity == AUDIT_WARNING)
		r->nwarning++;
	return f;
}

#define finding audit_peer_finding

/* A router-side fix, in the kinds render/audit_fix.c prints. */
void
audit_peer_fix(const struct audit_peer_run *a, struct audit_peer_finding *f,
	       enum audit_fix_kind kind, long n, long m, int tunnel)
{
	const struct config_tunnel *t = tunnel >= 0 ? &a->c->tunnels[tunnel] : NULL;

	if (!f || f->nfix >= AUDIT_MAX_FIX)
		return;
	f->fix[f->nfix++] =
		(struct audit_fix){ kind, n, m, tunnel, t ? t->gateway : -1, t ? t->ikev2 : 0, -1 };
}

static void
fix(const struct audit_peer_run *a, struct audit_peer_finding *f, enum audit_fix_kind kind, long n,
    int tunnel)
{
	audit_peer_fix(a, f, kind, n, 0, tunnel);
}

/* ---- pairing -------------------------------------------------------- */

static int
pair_outside(struct audit_peer_run *a, size_t k, unsigned char *used)
{
	const struct peer_tunnel *pt = &a->p->tunnels[k];
	unsigned line;

	for (size_t i = 0; pt->outside_v4 && i < a->c->ntunnels; i++)
		if (!used[i] && audit_peer_router_addr(a->c, i, &line) == pt->outside_addr) {
			used[i] = 1;
			a->r->pairs[k] = (struct audit_pair){ (int)i, PAIR_OUTSIDE, 0 };
			return 1;
		}
	return 0;
}

static void
pair_inside(struct audit_peer_run *a, size_t k, unsigned char *used)
{
	const struct peer_tunnel *pt = &a->p->tunnels[k];

	for (size_t i = 0; pt->inside_plen && i < a->c->ntunnels; i++) {
		const struct config_tunnel *t = &a->c->tunnels[i];
		if (!used[i] && ipsec_tunnel(a->c, i) && t->inside.line && !t->inside.tmpl &&
		    t->inside.plen <= 32 &&
		    covers(pt->inside_addr, pt->inside_plen, t->inside.addr)) {
			used[i] = 1;
			a->r->pairs[k] = (struct audit_pair){ (int)i, PAIR_INSIDE, 0 };
			return;
		}
	}
}

/* Outside addresses first (the router's IKE peer = AWS OutsideIpAddress),
 * then the inside address within TunnelInsideCidr for what is left; then
 * the first unpaired tunnel of each side, which mismatches name. */
static int
pair(struct audit_peer_run *a)
{
	size_t n = a->p->ntunnels;

	a->first_router = a->first_aws = -1;
	if (!(a->used = calloc(a->c->ntunnels + 1, 1)) ||
	    (n && !(a->r->pairs = calloc(n, sizeof(*a->r->pairs))))) {
		a->r->nomem = 1;
		return -1;
	}
	a->r->npairs = n;
	for (size_t k = 0; k < n; k++)
		a->r->pairs[k] = (struct audit_pair){ -1, PAIR_NONE, 0 };
	for (size_t k = 0; k < n; k++)
		pair_outside(a, k, a->used);
	for (size_t k = 0; k < n; k++)
		if (a->r->pairs[k].router < 0)
			pair_inside(a, k, a->used);
	for (size_t k = 0; k < n; k++) {
		if (a->r->pairs[k].router >= 0)
			continue;
		if (a->p->tunnels[k].unknown & PEER_UNK_OUTSIDE)
			a->aws_unknown = 1; /* a plan: AWS assigns it on apply */
		else if (a->first_aws < 0)
			a->first_aws = (int)k;
	}
	for (size_t i = 0; i < a->c->ntunnels && a->first_router < 0; i++)
		if (!a->used[i] && ipsec_tunnel(a->c, i))
			a->first_router = (int)i;
	return 0;
}

/* ---- peer-address-mismatch ------------------------------------------ */

static void
mismatch_router(struct audit_peer_run *a, size_t i)
{
	const struct config_tunnel *t = &a->c->tunnels[i];
	const struct config_gateway *g = &a->c->gateways[t->gateway];
	struct audit_peer_finding *f;
	unsigned line;
	uint32_t ip = audit_peer_router_addr(a->c, i, &line);

	if (a->used[i] || a->aws_unknown)
		return; /* paired, or maybe the tunnel whose address is not known yet */
	f = finding(a, -1, (int)i,
		    line                  ? line
		    : g->remote_addr.line ? g->remote_addr.line
					  : t->line,
		    line == g->remote_addr.line && line ? g->remote_addr.text : "");
	if (!f)
		return;
	f->code = MISMATCH_ROUTER;
	f->other = a->first_aws;
	if (ip) {
		struct ip_addr where = ip_addr_v4(ip);

		ip_addr_text(&where, f->where, sizeof(f->where));
	}
}

static void
check_mismatch(struct audit_peer_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		const struct audit_pair *pr = &a->r->pairs[k];
		struct audit_peer_finding *f;
		unsigned line;
		uint32_t ip;
		if (pr->router < 0) {
			if (a->p->tunnels[k].unknown & PEER_UNK_OUTSIDE)
				continue; /* not known yet: no mismatch to tell */
			if ((f = finding(a, (int)k, -1, 0, "")) != NULL) {
				f->code = MISMATCH_AWS;
				f->other = a->first_router;
			}
			continue;
		}
		ip = audit_peer_router_addr(a->c, (size_t)pr->router, &line);
		if (pr->by != PAIR_INSIDE || !ip || ip == a->p->tunnels[k].outside_addr)
			continue;
		f = finding(a, (int)k, pr->router, line,
			    a->c->gateways[a->c->tunnels[pr->router].gateway].remote_addr.line ==
					    line
				    ? a->c->gateways[a->c->tunnels[pr->router].gateway]
					      .remote_addr.text
				    : "");
		if (f)
			f->code = MISMATCH_INSIDE_ONLY;
	}
	for (size_t i = 0; i < a->c->ntunnels; i++)
		if (ipsec_tunnel(a->c, i))
			mismatch_router(a, i);
}

/* ---- who starts IKE again ------------------------------------------- */

#define noinit audit_noinit

/* What each start view's reason (config_start.why) says in the pair audit,
 * the same view no-ike-initiator reads (core/audit.c start_says[]): the
 * code when this end never starts IKE (a line decided, or the default),
 * when it never starts it again once the SA is gone (after_never), and
 * whether a default stands at the tunnel's line (else the gateway's).
 * RTX 15.10 (with the router-wide switch, config.start, deciding first),
 * IX ikev2 connect-type and negotiation-direction, swanctl.conf(5)
 * start_action / dpd_action, ipsec.conf(5) auto / dpdaction; the newer
 * formats say CONFIG_SWHY_NONE's. */
static const struct noinit_say {
	enum audit_no_init never, never_unset, after;
	unsigned char tunnel_line;
} noinit_says[CONFIG_SWHY_COUNT] = {
	[CONFIG_SWHY_NONE] = { NOINIT_RESPONDER, NOINIT_RESPONDER, NOINIT_NO, 0 },
	[CONFIG_SWHY_COVERED] = { NOINIT_UNKNOWN, NOINIT_UNKNOWN, NOINIT_NO,
				  1 }, /* config.start decides */
	[CONFIG_SWHY_RTX_GLOBAL] = { NOINIT_RTX_GLOBAL_OFF, NOINIT_RTX_GLOBAL_UNSET, NOINIT_NO, 1 },
	[CONFIG_SWHY_RTX_GW] = { NOINIT_RTX_GW_OFF, NOINIT_RTX_GW_OFF, NOINIT_NO, 1 },
	[CONFIG_SWHY_IX_V2] = { NOINIT_IX_NO_CONNECT, NOINIT_IX_NO_CONNECT, NOINIT_NO, 1 },
	[CONFIG_SWHY_IX_RESPONDER] = { NOINIT_IX_RESPONDER, NOINIT_IX_RESPONDER, NOINIT_NO, 1 },
	[CONFIG_SWHY_IX_V1] = { NOINIT_UNKNOWN, NOINIT_UNKNOWN, NOINIT_NO, 1 }, /* state UNKNOWN */
	[CONFIG_SWHY_SWAN] = { NOINIT_SWAN_NO_START, NOINIT_SWAN_NO_START, NOINIT_SWAN_DPD_CLEAR,
			       0 },
	[CONFIG_SWHY_IPC_LOADS] = { NOINIT_IPC_NO_START, NOINIT_IPC_NO_START, NOINIT_IPC_DPD, 0 },
	[CONFIG_SWHY_IPC_NOT_LOADS] = { NOINIT_IPC_NO_START, NOINIT_IPC_NO_START, NOINIT_IPC_DPD,
					0 },
	[CONFIG_SWHY_IPC_DPD_STAYS] = { NOINIT_IPC_NO_START, NOINIT_IPC_NO_START, NOINIT_IPC_DPD,
					0 },
};

static int
start_unknown(const struct config_start *s)
{
	return s->src.tmpl || s->state == CONFIG_START_UNKNOWN || s->after_src.tmpl;
}

struct noinit
audit_peer_noinit(const struct config *c, size_t i)
{
	const struct config_tunnel *t = &c->tunnels[i];
	const struct config_gateway *g = &c->gateways[t->gateway];
	/* the tunnel's own view (the older formats), else its gateway's */
	const struct config_start *s = t->start.set               ? &t->start
				       : config_facts(c)->neutral ? &g->start
								  : NULL;
	const struct noinit_say *w;

	if (!s || start_unknown(s) || (c->start.set && start_unknown(&c->start)))
		return (struct noinit){ NOINIT_UNKNOWN, 0, "" };
	if (c->start.set &&
	    c->start.state == CONFIG_START_NEVER) /* the router-wide switch keeps all off */
		s = &c->start;
	w = &noinit_says[s->why < CONFIG_SWHY_COUNT ? s->why : CONFIG_SWHY_NONE];
	if (s->state == CONFIG_START_NEVER)
		return (struct noinit){ s->src.line ? w->never : w->never_unset,
					s->src.line      ? s->src.line
					: w->tunnel_line ? t->line
							 : g->line,
					s->src.text };
	if (s->after_never)
		return (struct noinit){ w->after, s->after_src.line ? s->after_src.line : g->line,
					s->after_src.text };
	return (struct noinit){ NOINIT_NO, 0, "" };
}

/* The fix kinds that make tunnel i start IKE again (at most two). */
size_t
audit_peer_noinit_kinds(enum audit_no_init why, enum audit_fix_kind kind[2], int *per_tunnel)
{
	*per_tunnel = 1;
	switch (why) {
	case NOINIT_RTX_GLOBAL_UNSET:
	case NOINIT_RTX_GLOBAL_OFF:
		*per_tunnel = 0;
		kind[0] = FIX_REFRESH_GLOBAL_ON;
		return 1;
	case NOINIT_RTX_GW_OFF: kind[0] = FIX_REFRESH_GW_ON; return 1;
	case NOINIT_IX_RESPONDER: /* the direction wins over connect-type auto */
		kind[0] = FIX_NOT_RESPONDER;
		kind[1] = FIX_INITIATE;
		return 2;
	case NOINIT_IX_NO_CONNECT:
	case NOINIT_RESPONDER: kind[0] = FIX_INITIATE; return 1;
	case NOINIT_SWAN_NO_START:
	case NOINIT_IPC_NO_START:
		kind[0] = FIX_INITIATE;
		kind[1] = FIX_DPD_RESTART;
		return 2;
	case NOINIT_SWAN_DPD_CLEAR:
	case NOINIT_IPC_DPD: kind[0] = FIX_DPD_RESTART; return 1;
	case NOINIT_NO:
	case NOINIT_UNKNOWN: break;
	}
	return 0;
}

static void
noinit_fixes(const struct audit_peer_run *a, struct audit_peer_finding *f, enum audit_no_init why,
	     int i)
{
	enum audit_fix_kind kind[2];
	int per_tunnel;
	size_t n = audit_peer_noinit_kinds(why, kind, &per_tunnel);

	for (size_t k = 0; k < n; k++)
		fix(a, f, kind[k], 0, per_tunnel ? i : -1);
}

/* The AWS tunnel waits (DPD timeout action clear, or startup action add)
 * and the router never starts IKE: nobody brings the tunnel back. */
static void
waits_check(struct audit_peer_run *a, int dpd)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		const struct peer_tunnel *pt = &a->p->tunnels[k];
		int i = a->r->pairs[k].router;
		struct audit_peer_finding *f;
		struct noinit ni;
		if (i < 0 ||
		    (dpd ? pt->dpd_action.v != PEER_DPD_CLEAR : pt->startup.v != PEER_START_ADD) ||
		    (pt->unknown & (dpd ? PEER_UNK_DPD_ACTION : PEER_UNK_STARTUP)))
			continue;
		ni = audit_peer_noinit(a->c, (size_t)i);
		if (ni.why == NOINIT_NO || ni.why == NOINIT_UNKNOWN)
			continue;
		if (!(f = finding(a, (int)k, i, ni.line, ni.text)))
			return;
		f->code = ni.why;
		f->n[0] = dpd ? pt->dpd_seconds.v : 0;
		noinit_fixes(a, f, ni.why, i);
		f->aws_fix = dpd ? AWS_FIX_DPD_RESTART : AWS_FIX_STARTUP_START;
	}
}

static void
check_dpd_clear(struct audit_peer_run *a)
{
	waits_check(a, 1);
}
static void
check_startup_add(struct audit_peer_run *a)
{
	waits_check(a, 0);
}

/* ---- static / BGP ---------------------------------------------------- */

/* A BGP neighbour reached through this pair: in AWS's TunnelInsideCidr,
 * in the router tunnel's inside subnet or its remote address; with no
 * inside address known on either side, in 169.254.0.0/16. */
const struct config_bgp *
audit_peer_bgp_through(const struct audit_peer_run *a, const struct peer_tunnel *pt, size_t i)
{
	const struct config_tunnel *t = &a->c->tunnels[i];
	int known = pt->inside_plen || (t->inside.line && !t->inside.tmpl) || t->remote.line;

	for (size_t b = 0; b < a->c->nbgp; b++) {
		uint32_t n = a->c->bgp[b].addr;
		if ((pt->inside_plen && covers(pt->inside_addr, pt->inside_plen, n)) ||
		    (t->inside.line && !t->inside.tmpl && t->inside.plen <= 32 &&
		     covers(t->inside.addr, t->inside.plen, n)) ||
		    (t->remote.line && t->remote.addr == n) ||
		    (!known && covers(LINK_LOCAL, 16, n)))
			return &a->c->bgp[b];
	}
	return NULL;
}

static void
routing_check(struct audit_peer_run *a, int conn_static)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		const struct peer_tunnel *pt = &a->p->tunnels[k];
		int i = a->r->pairs[k].router;
		const struct config_bgp *b;
		struct audit_peer_finding *f;
		if (i < 0 || !!a->p->conns[pt->conn].static_only.v != conn_static ||
		    (a->p->conns[pt->conn].unknown & PEER_UNK_STATIC))
			continue;
		b = audit_peer_bgp_through(a, pt, (size_t)i);
		if (conn_static ? !b : b != NULL)
			continue;
		f = conn_static ? finding(a, (int)k, i, b->line, b->text)
				: finding(a, (int)k, i, a->c->tunnels[i].line, "");
		if (!f)
			return;
		f->bgp_line = b ? b->line : 0;
		f->aws_fix = conn_static ? AWS_FIX_NEW_DYNAMIC : AWS_FIX_NEW_STATIC;
	}
}

static void
check_static_on_bgp(struct audit_peer_run *a)
{
	routing_check(a, 0);
}
static void
check_bgp_on_static(struct audit_peer_run *a)
{
	routing_check(a, 1);
}

/* ---- nat-t-off-accelerated ------------------------------------------ */

static void
check_natt_accel(struct audit_peer_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		const struct peer_tunnel *pt = &a->p->tunnels[k];
		int i = a->r->pairs[k].router;
		const struct config_tunnel *t;
		const struct config_num *n;
		struct audit_peer_finding *f;
		if (i < 0 || !a->p->conns[pt->conn].accel.v ||
		    (a->p->conns[pt->conn].unknown & PEER_UNK_ACCEL))
			continue;
		t = &a->c->tunnels[i];
		/* where the router keeps NAT-T, as core/audit.c's nat-t-off reads it */
		n = config_tunnel_natt(a->c, (size_t)i);
		if (!n || (n->line && n->v == 1) || n->tmpl)
			continue;
		if (!(f = finding(a, (int)k, i, n->line ? n->line : t->line, n->text)))
			return;
		f->code = n->line != 0; /* 1: set off; 0: not set */
		fix(a, f, FIX_NATT_ON, 0, i);
		f->aws_fix = AWS_FIX_NEW_NO_ACCEL;
	}
}

/* ---- mss-above-aws-max / mtu-above-aws-max --------------------------- */

/* What the fix sets: AWS's maximum, or the router audit's own number for
 * this tunnel when that is lower (one policy for the numbers). */
static long
target(const struct audit_peer_run *a, int i, int mss)
{
	long max = mss ? (long)a->aws->max_mss4 : (long)a->aws->max_mtu;
	const struct audit_tunnel *at =
		a->router && (size_t)i < a->router->ntunnels ? &a->router->tunnels[i] : NULL;
	long own = at ? (long)(mss ? at->target_mss : at->target_mtu) : 0;

	return own && own < max ? own : max;
}

/* A clamp (mss) or tunnel MTU configured above AWS's maximum. */
static void
aws_max(struct audit_peer_run *a, int mss)
{
	long max = mss ? (long)a->aws->max_mss4 : (long)a->aws->max_mtu;

	for (size_t k = 0; k < a->r->npairs; k++) {
		int i = a->r->pairs[k].router;
		const struct config_tunnel *t = i >= 0 ? &a->c->tunnels[i] : NULL;
		const struct config_num *n = t ? (mss ? &t->mss : &t->mtu) : NULL;
		long v = t ? (mss ? t->mss_value : t->mtu.v) : 0;
		struct audit_peer_finding *f;
		if (!n || !n->line || n->tmpl || (mss && n->v != CONFIG_MSS_NUM) || v <= max)
			continue;
		if (!(f = finding(a, (int)k, i, n->line, n->text)))
			return;
		f->n[0] = v;
		f->n[1] = max;
		if (!mss)
			fix(a, f, FIX_TUNNEL_MTU, target(a, i, 0), i);
		fix(a, f, FIX_TUNNEL_MSS, target(a, i, 1), i);
	}
}

static void
check_mss_max(struct audit_peer_run *a)
{
	aws_max(a, 1);
}
static void
check_mtu_max(struct audit_peer_run *a)
{
	aws_max(a, 0);
}

/* ---- tunnel-down-telemetry ------------------------------------------ */

static void
check_telemetry(struct audit_peer_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		int i = a->r->pairs[k].router;
		if (a->p->tunnels[k].status != PEER_STATUS_DOWN)
			continue;
		if (!finding(a, (int)k, i, i >= 0 ? a->c->tunnels[i].line : 0, ""))
			return;
	}
}

/* clang-format off */
static const struct audit_peer_check checks[] = {
	{ "peer-address-mismatch", AUDIT_ERROR,
	  "EC2 API TunnelOption (OutsideIpAddress); AWS knowledge center, aws-site-to-site-vpn-down (the customer gateway's remote peer must be the tunnel's outside address); a re-created VPN connection gets new outside addresses",
	  check_mismatch, NULL },
	{ "dpd-clear-router-never-initiates", AUDIT_ERROR,
	  "EC2 API ModifyVpnTunnelOptionsSpecification (DPDTimeoutAction default clear: the IKE session ends); AWS s2svpn user guide, initiate-vpn-tunnels; Yamaha RTX command reference 15.10; swanctl.conf(5) dpd_action, start_action; doc/field-cases.md case 2",
	  check_dpd_clear, NULL },
	{ "startup-add-router-never-initiates", AUDIT_ERROR,
	  "EC2 API VpnTunnelOptionsSpecification (StartupAction default add: the customer gateway must initiate IKE); AWS s2svpn user guide, initiate-vpn-tunnels; Yamaha RTX command reference 15.10; doc/field-cases.md case 2 (after endpoint replacement both sides waited)",
	  check_startup_add, NULL },
	{ "static-router-on-bgp-connection", AUDIT_ERROR,
	  "EC2 API VpnConnectionOptionsSpecification (StaticRoutesOnly, default false: BGP); AWS knowledge center (tunnel DOWN while IPSEC IS UP); doc/field-cases.md case 3",
	  check_static_on_bgp, NULL },
	{ "bgp-router-on-static-connection", AUDIT_ERROR,
	  "EC2 API VpnConnectionOptionsSpecification (StaticRoutesOnly true: no BGP on the AWS side); doc/field-cases.md case 3",
	  check_bgp_on_static, NULL },
	{ "nat-t-off-accelerated", AUDIT_ERROR,
	  "EC2 API VpnConnectionOptionsSpecification (EnableAcceleration); AWS knowledge center (an accelerated VPN needs NAT-T on the customer gateway); doc/field-cases.md case 3",
	  check_natt_accel, NULL },
	{ "mss-above-aws-max", AUDIT_ERROR,
	  "AWS Site-to-Site VPN user guide (MSS 1406 at most, no path MTU discovery through the tunnel)",
	  check_mss_max, NULL },
	{ "mtu-above-aws-max", AUDIT_ERROR,
	  "AWS Site-to-Site VPN user guide (MTU 1446 at most, no path MTU discovery through the tunnel)",
	  check_mtu_max, NULL },
	{ "tunnel-down-telemetry", AUDIT_WARNING,
	  "EC2 API VgwTelemetry (Status UP | DOWN, StatusMessage), as describe-vpn-connections returned it",
	  check_telemetry, NULL },
	{ "inside-address-mismatch", AUDIT_ERROR,
	  "EC2 API VpnTunnelOptionsSpecification (TunnelInsideCidr, a /30 in 169.254.0.0/16); AWS Site-to-Site VPN user guide, the generic configuration's inside addresses (AWS the first host of the /30, the customer gateway the second)",
	  audit_peer_check_inside, NULL },
	{ "proposal-mismatch", AUDIT_ERROR,
	  "EC2 API ModifyVpnTunnelOptionsSpecification (IKEVersions, Phase2EncryptionAlgorithms, Phase2IntegrityAlgorithms; none listed: every valid value); RFC 7296 section 2.7 (no common proposal: NO_PROPOSAL_CHOSEN)",
	  audit_peer_check_proposal, NULL },
	{ "dpd-hold-mismatch", AUDIT_WARNING,
	  "EC2 API ModifyVpnTunnelOptionsSpecification (DPDTimeoutSeconds, default 40; DPDTimeoutAction); RFC 3706 section 5.5; Yamaha RTX command reference 15.20 (keepalive interval x count); NEC IX ikev2 dpd interval; swanctl.conf(5) dpd_delay, dpd_timeout; ipsec.conf(5) dpddelay, dpdtimeout; doc/field-cases.md case 2 (a router that held its SA for hours)",
	  audit_peer_check_dpd_hold,
	  "EC2 API ModifyVpnTunnelOptionsSpecification (DPDTimeoutSeconds, default 40; DPDTimeoutAction); RFC 3706 section 5.5; doc/field-cases.md case 2 (a router that held its SA for hours)" },
	{ "lifetime-mismatch", AUDIT_WARNING,
	  "EC2 API ModifyVpnTunnelOptionsSpecification (Phase1LifetimeSeconds 900-28800, Phase2LifetimeSeconds 900-3600 and below phase 1, RekeyMarginTimeSeconds 60 to half of phase 2, RekeyFuzzPercentage 0-100); Yamaha RTX command reference 15.48.1 (ipsec ike duration, default 28800 s)",
	  audit_peer_check_lifetime, NULL },
	{ "narrow-selectors-with-bgp", AUDIT_ERROR,
	  "EC2 API VpnConnectionOptionsSpecification (LocalIpv4NetworkCidr, RemoteIpv4NetworkCidr, default 0.0.0.0/0); AWS knowledge center (a BGP VPN needs selectors that cover the inside addresses); doc/field-cases.md case 3",
	  audit_peer_check_selectors, NULL },
	{ "psk-mismatch", AUDIT_ERROR,
	  "EC2 API TunnelOption (PreSharedKey); RFC 7296 section 2.15 (a wrong shared key: AUTHENTICATION_FAILED); compared as keyed digests, neither key printed",
	  audit_peer_check_psk, NULL },
};
/* clang-format on */

const char *
audit_peer_source(const struct audit_peer_result *r, const struct audit_peer_check *k, char *buf,
		  size_t len)
{
	const struct config_facts *x = config_facts(r->cfg);

	if (!x->neutral || !x->sources || !k->neutral_source)
		return k->source;
	snprintf(buf, len, "%s; %s", k->neutral_source, x->sources);
	return buf;
}

void
audit_peer_free(struct audit_peer_result *r)
{
	free(r->pairs);
	free(r->findings);
	memset(r, 0, sizeof(*r));
}

int
audit_peer_run(const struct config *cfg, const struct peer_config *peer,
	       const struct audit_result *router, struct audit_peer_result *r)
{
	struct audit_peer_run a = {
		cfg, peer, router, r, NULL, model_peer("aws"), NULL, -1, -1, 0
	};

	audit_peer_free(r);
	r->cfg = cfg;
	r->peer = peer;
	if (pair(&a) == 0)
		for (size_t i = 0; i < COUNT(checks) && !r->nomem; i++) {
			a.check = &checks[i];
			checks[i].run(&a);
		}
	free(a.used);
	return r->nomem ? -1 : 0;
}
