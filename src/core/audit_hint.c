/* SPDX-License-Identifier: BSD-2-Clause */
/* The peer hint (issue 21): without --peer the audit judges against the
 * generic peer and makes none of a cloud's checks. When the file itself
 * shows which peer it was written for, one note says so and names the
 * --peer that makes those checks; the peer is never switched silently.
 *
 * The evidence is a BGP neighbour, reached through one of the tunnels (as
 * narrow-selectors-with-bgp finds it, audit_bgp_through(): the first-written
 * one of each gateway) or in
 * 169.254.0.0/16 (AWS's tunnel inside addresses), whose AS is one that
 * only that peer uses. Pure: a code and numbers, worded in render. */
#include "core/audit_int.h"
#include "base/count.h"
#include "base/ip.h"

/* Amazon's legacy public ASNs for the Amazon side of a virtual private
 * gateway: Amazon VPC FAQ, "What ASN did Amazon assign prior to this
 * feature?" (doc/router-facts.md). The default since June 30th 2018,
 * 64512, is a private ASN that other clouds' samples use too: no evidence. */
static const struct hint_asn {
	uint32_t as;
	const char *peer; /* model_peer()'s name */
	int note;         /* what the note says: enum audit_say_id */
} hint_asns[] = {
	{ 7224, "aws", NOTE_AWS_ASN },  /* every region not named below */
	{ 9059, "aws", NOTE_AWS_ASN },  /* EU West (Dublin) */
	{ 17493, "aws", NOTE_AWS_ASN }, /* Asia Pacific (Singapore) */
	{ 10124, "aws", NOTE_AWS_ASN }, /* Asia Pacific (Tokyo) */
};

#define LINK_LOCAL_LO 0xa9fe0000u /* 169.254.0.0/16 (RFC 3927) */
#define LINK_LOCAL_HI 0xa9feffffu

static const struct hint_asn *
asn_row(uint32_t as)
{
	for (size_t i = 0; as && i < COUNT(hint_asns); i++)
		if (hint_asns[i].as == as)
			return &hint_asns[i];
	return NULL;
}

/* The first-written neighbour with a hint AS: in 169.254.0.0/16, or the
 * neighbour a gateway's tunnels reach (one per gateway, as audit.c's
 * narrow-selectors-with-bgp takes it): linear in neighbours and tunnels,
 * for a hub of thousands of peers. c->nbgp when none. */
static size_t
hint_neighbour(const struct audit_run *a)
{
	const struct config *c = a->cfg;
	size_t best = c->nbgp;

	for (size_t i = 0; i < c->nbgp; i++)
		if (asn_row(c->bgp[i].as) && c->bgp[i].addr >= LINK_LOCAL_LO &&
		    c->bgp[i].addr <= LINK_LOCAL_HI) {
			best = i;
			break;
		}
	for (size_t g = 0; g < c->ngateways; g++) {
		const struct config_bgp *b = audit_bgp_through(a, g);
		if (b && asn_row(b->as) && (size_t)(b - c->bgp) < best)
			best = (size_t)(b - c->bgp);
	}
	return best;
}

void
audit_peer_hint(struct audit_run *a)
{
	const struct config *c = a->cfg;
	const struct config_bgp *b;
	const struct hint_asn *h;
	const struct peer_def *p;
	struct ip_addr addr;
	char text[16];
	size_t i;

	/* --peer given: the user chose; --peer-config: the other end's own
	 * settings are read and the pair audit makes its checks */
	if (a->in->peer || a->in->peer_known)
		return;
	if ((i = hint_neighbour(a)) >= c->nbgp)
		return;
	b = &c->bgp[i];
	h = asn_row(b->as);
	if (!(p = model_peer(h->peer)))
		return;
	addr = ip_addr_v4(b->addr);
	ip_addr_text(&addr, text, sizeof(text));
	a->r->peer_hint = p;
	/* one note, however many neighbours show it */
	audit_note(a, h->note,
		   ARGS(AQ(text), AN(b->line), AN(b->as), AS(p->display), AS(p->name),
			AN(p->dead_after), AN(p->max_mtu)));
}
