/* SPDX-License-Identifier: BSD-2-Clause */
/* The pair's IKE checks: how long the router holds a dead SA against
 * AWS's DPD timeout, the inside addresses AWS assigns, the proposals and
 * lifetimes both ends accept, and AWS's own traffic selectors on a BGP
 * connection. Pure like audit_peer.c: codes and numbers, words in
 * render/audit_peer_out.c. AWS's numbers: EC2 API reference
 * (ModifyVpnTunnelOptionsSpecification, VpnConnectionOptionsSpecification),
 * as config/aws_json.c reads them. */
#include "core/audit_peer_int.h"
#include "base/count.h"

#include <stdio.h>
#include <string.h>

/* ---- dpd-hold-mismatch ----------------------------------------------- */

/* DPD keeps the router's SA this long after the peer died; -1 when the
 * router runs no DPD (no-dead-peer-detection reports that, not us), -2
 * when whether it does is not known (a template, IX IKEv1). *exact 0: a
 * lower bound (the retries are not known: IX ikev2 dpd interval, swanctl dpd_delay, whose retransmission
 * timeouts come on top). The parser worked it out: per tunnel where its
 * model step says so (config_tunnel.hold), else from the gateway's live. */
long
audit_dpd_hold(const struct config *c, size_t i, unsigned *line, const char **text, int *exact)
{
	const struct config_tunnel *t = &c->tunnels[i];
	const struct config_hold *h = &t->hold;
	const struct config_gateway *g;

	*exact = 0;
	if (h->set) {
		if (h->v >= 0) {
			*line = h->src.line;
			*text = h->src.text;
			*exact = h->exact;
		}
		return h->v;
	}
	g = &c->gateways[t->gateway];
	if (!config_facts(c)->neutral || g->live.src.tmpl || g->live.state == CONFIG_LIVE_UNKNOWN)
		return -2;
	if (g->live.state == CONFIG_LIVE_OFF)
		return -1;
	if (g->live.dead_after < 0)
		return -2;
	*line = g->live.src.line ? g->live.src.line : g->line;
	*text = g->live.src.line ? g->live.src.text : "";
	*exact = g->live.exact;
	return g->live.dead_after;
}

/* AWS ends its SA DpdTimeoutSeconds after the last reply (action clear or
 * restart: EC2 API ModifyVpnTunnelOptionsSpecification, doc/router-facts.md);
 * a router that declares the peer dead later keeps sending into an SA AWS
 * has deleted for the difference, and only then starts IKE again (RFC 3706
 * section 5.5; field case 2's router held its SA for hours). The threshold
 * is the timeout itself, as the router audit's slow-dead-peer-detection
 * judges --peer aws with the default 40 s: the tunnel's own timeout makes
 * the same comparison with the real number, so giving it never silences a
 * warning the profile gives for the same 40 s (issue 21: a factor of two
 * here, a number of no source, let Junos's 50 s pass). */
void
audit_peer_check_dpd_hold(struct audit_peer_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		const struct peer_tunnel *pt = &a->p->tunnels[k];
		int i = a->r->pairs[k].router, exact;
		const char *text = "";
		struct audit_peer_finding *f;
		unsigned line = 0;
		long hold;
		if (i < 0 || pt->dpd_action.v == PEER_DPD_NONE)
			continue;
		hold = audit_dpd_hold(a->c, (size_t)i, &line, &text, &exact);
		if (hold < 0) {
			a->r->pairs[k].not_checked |= PAIR_NC_DPD;
			continue;
		}
		if (hold <= pt->dpd_seconds.v)
			continue;
		if (!(f = audit_peer_finding(a, (int)k, i, line, text)))
			return;
		f->code = exact ? HOLD_EXACT : HOLD_AT_LEAST;
		f->n[0] = hold;
		f->n[1] = pt->dpd_seconds.v;
		audit_peer_fix(a, f, FIX_KEEPALIVE, a->aws->dpd_interval, a->aws->dpd_count, i);
		if (f->nfix)
			f->fix[f->nfix - 1].ikev2 =
				config_facts(a->c)->ike_in_tunnel
					? a->c->tunnels[i].ikev2
					: a->c->gateways[a->c->tunnels[i].gateway].version.v == 2;
	}
}

/* ---- inside-address-mismatch ----------------------------------------- */

/* In a TunnelInsideCidr /30 AWS takes the first host address and gives
 * the customer gateway the second (AWS Site-to-Site VPN user guide, the
 * generic configuration's "Inside IP Addresses": virtual private gateway
 * .1, customer gateway .2 of the /30). */
static void
inside_finding(struct audit_peer_run *a, size_t k, int i, unsigned line, const char *text,
	       enum audit_inside why, uint32_t got, uint32_t want)
{
	struct audit_peer_finding *f = audit_peer_finding(a, (int)k, i, line, text);

	if (!f)
		return;
	f->code = why;
	f->n[0] = (long)got;
	f->n[1] = (long)want;
}

void
audit_peer_check_inside(struct audit_peer_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		const struct peer_tunnel *pt = &a->p->tunnels[k];
		int i = a->r->pairs[k].router;
		const struct config_tunnel *t;
		const struct config_bgp *b;
		uint32_t aws, cgw;
		if (i < 0 || pt->inside_plen != 30)
			continue;
		t = &a->c->tunnels[i];
		aws = pt->inside_addr + 1;
		cgw = pt->inside_addr + 2;
		if (t->inside.line && !t->inside.tmpl && t->inside.plen <= 32) {
			if (!audit_peer_covers(pt->inside_addr, 30, t->inside.addr))
				inside_finding(a, k, i, t->inside.line, t->inside.text,
					       INSIDE_NOT_IN_CIDR, t->inside.addr, cgw);
			else if (t->inside.addr != cgw)
				inside_finding(a, k, i, t->inside.line, t->inside.text,
					       INSIDE_NOT_CUSTOMER, t->inside.addr, cgw);
		}
		if (t->remote.line && !t->remote.tmpl && t->remote.addr != aws)
			inside_finding(a, k, i, t->remote.line, t->remote.text,
				       INSIDE_REMOTE_NOT_AWS, t->remote.addr, aws);
		b = audit_peer_bgp_through(a, pt, (size_t)i);
		if (b && b->addr != aws && !(t->remote.line && t->remote.addr == b->addr))
			inside_finding(a, k, i, b->line, b->text, INSIDE_BGP_NOT_AWS, b->addr, aws);
	}
}

/* ---- proposal-mismatch ----------------------------------------------- */

/* The router's ESP transform in strongSwan's keywords (the router audit's
 * audit_tunnel.esp) to the EC2 API's Phase2 names. */
static const struct {
	const char *kw;
	unsigned enc, integ;
} esp_words[] = {
	{ "aes128", PEER_ENC_AES128, 0 },
	{ "aes", PEER_ENC_AES128, 0 },
	{ "aes256", PEER_ENC_AES256, 0 },
	{ "aes128gcm16", PEER_ENC_AES128_GCM, 0 },
	{ "aes256gcm16", PEER_ENC_AES256_GCM, 0 },
	{ "sha1", 0, PEER_INTEG_SHA1 },
	{ "sha", 0, PEER_INTEG_SHA1 },
	{ "sha256", 0, PEER_INTEG_SHA256 },
	{ "sha384", 0, PEER_INTEG_SHA384 },
	{ "sha512", 0, PEER_INTEG_SHA512 },
};

/* 0 and the bits, or -1 when a keyword is none of AWS's (3des, aes192,
 * md5: AWS offers none of them, but whether the router also offers
 * another transform is not known, so it is not judged). */
int
audit_peer_esp_bits(const char *esp, unsigned *enc, unsigned *integ)
{
	char buf[CONFIG_ESP], *save = NULL;

	*enc = *integ = 0;
	if (!esp || !esp[0] || strlen(esp) >= sizeof(buf))
		return -1;
	memcpy(buf, esp, strlen(esp) + 1);
	for (char *tok = strtok_r(buf, "-", &save); tok; tok = strtok_r(NULL, "-", &save)) {
		size_t w = 0;
		while (w < COUNT(esp_words) && strcmp(tok, esp_words[w].kw) != 0)
			w++;
		if (w == COUNT(esp_words)) {
			if (strncmp(tok, "modp", 4) == 0 || strncmp(tok, "ecp", 3) == 0 ||
			    strncmp(tok, "esn", 3) == 0 || strncmp(tok, "noesn", 5) == 0)
				continue; /* PFS group and ESN flags: not the algorithms */
			return -1;
		}
		*enc |= esp_words[w].enc;
		*integ |= esp_words[w].integ;
	}
	return *enc ? 0 : -1;
}

/* The IKE versions the router speaks toward this tunnel: the gateway's
 * version (1, 2), else what the format's facts row says version 0 means
 * (config_facts.ike_unset: RTX ipsec ike version unset IKEv1, swanctl and
 * ipsec.conf both, the newer formats unknown), or each tunnel's own mode
 * (ike_in_tunnel: IX tunnel mode ipsec-ikev2); 0 unknown. */
unsigned
audit_peer_router_ike(const struct config *c, size_t i)
{
	const struct config_tunnel *t = &c->tunnels[i];
	const struct config_num *v = &c->gateways[t->gateway].version;
	const struct config_facts *x = config_facts(c);

	if (v->tmpl)
		return 0;
	if (x->ike_in_tunnel)
		return t->ikev2 ? PEER_IKEV2 : PEER_IKEV1;
	return v->v == 1 ? PEER_IKEV1 : v->v == 2 ? PEER_IKEV2 : x->ike_unset;
}

static void
proposal_finding(struct audit_peer_run *a, size_t k, int i, const struct config_num *n,
		 enum audit_proposal why, long mine, long aws, unsigned aws_fix)
{
	const struct config_tunnel *t = &a->c->tunnels[i];
	struct audit_peer_finding *f =
		audit_peer_finding(a, (int)k, i, n && n->line ? n->line : t->line,
				   n && n->line ? n->text : "");

	if (!f)
		return;
	f->code = why;
	f->n[0] = mine;
	f->n[1] = aws;
	f->n[2] = aws | mine;
	f->aws_fix = aws_fix;
}

/* The ESP line the transform came from, for the finding's line. */
const struct config_num *
audit_peer_esp_line(const struct config *c, size_t i)
{
	const struct config_tunnel *t = &c->tunnels[i];

	return t->esp.line                        ? &t->esp
	       : c->gateways[t->gateway].esp.line ? &c->gateways[t->gateway].esp
	       : c->child_esp.line                ? &c->child_esp
						  : NULL;
}

/* 1: some proposal of a router's list (audit_tunnel.esp_all) is one AWS's
 * tunnel takes: the responder picks that one (RFC 7296 section 2.7). */
static int
esp_offered(const char *all, const struct peer_tunnel *pt)
{
	char buf[CONFIG_ESP], *save = NULL;
	unsigned enc, integ;

	if (!strchr(all, ','))
		return 0; /* one proposal: judged as before */
	snprintf(buf, sizeof(buf), "%s", all);
	for (char *p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save))
		if (audit_peer_esp_bits(p, &enc, &integ) == 0 && (enc & (unsigned)pt->p2_enc.v) &&
		    (!integ || (integ & (unsigned)pt->p2_integ.v)))
			return 1;
	return 0;
}

void
audit_peer_check_proposal(struct audit_peer_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		const struct peer_tunnel *pt = &a->p->tunnels[k];
		struct audit_pair *pr = &a->r->pairs[k];
		int i = pr->router;
		const char *esp;
		unsigned ike, enc, integ;
		if (i < 0)
			continue;
		/* phase 1 (IKE SA) algorithms: not in the router model */
		pr->not_checked |= PAIR_NC_PHASE1;
		ike = audit_peer_router_ike(a->c, (size_t)i);
		if (ike && !(ike & (unsigned)pt->ike.v)) {
			proposal_finding(a, k, i, &a->c->gateways[a->c->tunnels[i].gateway].version,
					 PROP_IKE_VERSION, ike, pt->ike.v, AWS_FIX_IKE);
			continue; /* no IKE SA, no phase 2 to compare */
		}
		esp = a->router && (size_t)i < a->router->ntunnels ? a->router->tunnels[i].esp : "";
		if (a->router && (size_t)i < a->router->ntunnels &&
		    esp_offered(a->router->tunnels[i].esp_all, pt))
			continue; /* one of the router's proposals is one AWS takes */
		if (audit_peer_esp_bits(esp, &enc, &integ) < 0) {
			pr->not_checked |= PAIR_NC_PHASE2;
			continue;
		}
		if (!(enc & (unsigned)pt->p2_enc.v))
			proposal_finding(a, k, i, audit_peer_esp_line(a->c, (size_t)i), PROP_P2_ENC,
					 enc, pt->p2_enc.v, AWS_FIX_P2_ENC);
		else if (integ && !(integ & (unsigned)pt->p2_integ.v))
			proposal_finding(a, k, i, audit_peer_esp_line(a->c, (size_t)i),
					 PROP_P2_INTEG, integ, pt->p2_integ.v, AWS_FIX_P2_INTEG);
	}
}

/* ---- lifetime-mismatch ----------------------------------------------- */

static void
life_finding(struct audit_peer_run *a, size_t k, int i, const struct config_num *n,
	     enum audit_lifetime why, long v, long limit)
{
	unsigned line = n && n->line ? n->line : i >= 0 ? a->c->tunnels[i].line : 0;
	struct audit_peer_finding *f =
		audit_peer_finding(a, (int)k, i, line, n && n->line ? n->text : "");

	if (!f)
		return;
	f->code = why;
	f->n[0] = v;
	f->n[1] = limit;
}

/* AWS's own values against the ranges ModifyVpnTunnelOptionsSpecification
 * documents (a hand-edited or older document can hold others); the first
 * one out of range is reported. */
static int
aws_life(struct audit_peer_run *a, size_t k, int i)
{
	const struct peer_tunnel *t = &a->p->tunnels[k];
	const struct {
		enum audit_lifetime why;
		long v, lo, hi;
	} range[] = {
		{ LIFE_P1_RANGE, t->p1_life.v, 900, 28800 },
		{ LIFE_P2_RANGE, t->p2_life.v, 900, 3600 },
		{ LIFE_P2_NOT_BELOW_P1, t->p2_life.v, 0, t->p1_life.v - 1 },
		{ LIFE_MARGIN_RANGE, t->rekey_margin.v, 60, t->p2_life.v / 2 },
		{ LIFE_FUZZ_RANGE, t->rekey_fuzz.v, 0, 100 },
	};

	for (size_t r = 0; r < COUNT(range); r++)
		if (range[r].v < range[r].lo || range[r].v > range[r].hi) {
			life_finding(a, k, i, NULL, range[r].why, range[r].v,
				     range[r].v < range[r].lo ? range[r].lo : range[r].hi);
			return 1;
		}
	return 0;
}

/* An SA the router keeps longer than AWS's lifetime is one AWS has
 * already replaced or expired; AWS's Yamaha sample sets ipsec-sa 3600 for
 * that reason. The lifetimes are read where the format's facts row gives
 * their default (config_facts.life_default: RTX ipsec ike duration,
 * 15.48.1, 28800 s for both SAs): only the RTX's are in the model. */

int
audit_peer_router_life(const struct config *c, size_t i, long life[2],
		       const struct config_num *from[2])
{
	const struct config_gateway *g = &c->gateways[c->tunnels[i].gateway];

	long dflt = config_facts(c)->life_default;

	if (!dflt)
		return -1;
	if (g->life_ike.tmpl || g->life_child.tmpl)
		return -2;
	from[0] = &g->life_ike;
	from[1] = &g->life_child;
	life[0] = g->life_ike.line ? g->life_ike.v : dflt;
	life[1] = g->life_child.line ? g->life_child.v : dflt;
	return 0;
}

void
audit_peer_check_lifetime(struct audit_peer_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		const struct peer_tunnel *pt = &a->p->tunnels[k];
		int i = a->r->pairs[k].router, rc;
		const struct config_num *from[2];
		long life[2];
		if (aws_life(a, k, i) || i < 0)
			continue;
		if ((rc = audit_peer_router_life(a->c, (size_t)i, life, from)) == -1)
			a->r->pairs[k].not_checked |= PAIR_NC_LIFETIME;
		if (rc < 0)
			continue;
		if (life[1] > pt->p2_life.v)
			life_finding(a, k, i, from[1], LIFE_ROUTER_P2_LONGER, life[1],
				     pt->p2_life.v);
		else if (life[0] > pt->p1_life.v)
			life_finding(a, k, i, from[0], LIFE_ROUTER_P1_LONGER, life[0],
				     pt->p1_life.v);
	}
}

/* ---- narrow-selectors-with-bgp (AWS's side) --------------------------- */

/* On a BGP connection AWS's own traffic selectors, LocalIpv4NetworkCidr
 * (the customer side) and RemoteIpv4NetworkCidr (the AWS side), must
 * cover the tunnel's inside addresses, which BGP runs between (field case
 * 3). The router's selectors are the router audit's finding of the same
 * id; this one reads AWS's. n[0] the inside address left out. */
static int
cidr_misses(uint32_t net, unsigned plen, uint32_t addr)
{
	return plen <= 32 && !audit_peer_covers(net, plen, addr); /* 33: not IPv4, not judged */
}

void
audit_peer_check_selectors(struct audit_peer_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		const struct peer_tunnel *pt = &a->p->tunnels[k];
		const struct peer_conn *pc = &a->p->conns[pt->conn];
		int i = a->r->pairs[k].router;
		uint32_t aws, cgw;
		struct audit_peer_finding *f;
		int local, remote;
		if (pc->static_only.v)
			continue;
		aws = pt->inside_plen == 30 ? pt->inside_addr + 1 : PEER_LINK_LOCAL;
		cgw = pt->inside_plen == 30 ? pt->inside_addr + 2 : PEER_LINK_LOCAL;
		local = cidr_misses(pc->local_net, pc->local_plen, cgw);
		remote = cidr_misses(pc->remote_net, pc->remote_plen, aws);
		if (!local && !remote)
			continue;
		if (!(f = audit_peer_finding(a, (int)k, i, i >= 0 ? a->c->tunnels[i].line : 0, "")))
			return;
		f->code = local ? 0 : 1; /* 0: LocalIpv4NetworkCidr, 1: RemoteIpv4NetworkCidr */
		f->n[0] = (long)(local ? cgw : aws);
		f->n[1] = pt->inside_plen == 30 ? 32 : 16;
		f->aws_fix = AWS_FIX_CIDRS;
	}
}

/* ---- psk-mismatch ----------------------------------------------------- */

/* Both ends carry a key for the pair and the keys differ: IKE
 * authentication fails (RFC 7296 section 2.15, AUTHENTICATION_FAILED).
 * Compared as keyed digests (config/secret.h); the finding holds the
 * router's line number only, never the line. */
void
audit_peer_check_psk(struct audit_peer_run *a)
{
	for (size_t k = 0; k < a->r->npairs; k++) {
		const struct peer_tunnel *pt = &a->p->tunnels[k];
		int i = a->r->pairs[k].router;
		const struct config_secret *mine;
		struct audit_peer_finding *f;
		if (i < 0)
			continue;
		mine = &a->c->gateways[a->c->tunnels[i].gateway].psk;
		if (!mine->set || !pt->psk.set) {
			if (mine->tmpl || (mine->set != pt->psk.set))
				a->r->pairs[k].not_checked |= PAIR_NC_PSK;
			continue;
		}
		if (config_secret_equal(mine, &pt->psk))
			continue;
		if (!(f = audit_peer_finding(a, (int)k, i, mine->line, "")))
			return;
		f->secret_line = 1;
		f->aws_fix = AWS_FIX_PSK;
	}
}
