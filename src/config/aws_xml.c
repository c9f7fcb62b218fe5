/* SPDX-License-Identifier: BSD-2-Clause */
/* AWS's CustomerGatewayConfiguration XML into a struct peer_config: the
 * console's "generic" download, and the string of the same name in the
 * describe-vpn-connections JSON (then merged, peer_xml_merge()).
 *
 * Why libxml2 (Debian libxml2-dev): the XML parser of Debian main for two
 * decades, in C with nothing beyond libc and zlib, that parses from memory
 * into a tree with line numbers, reports the line and column of an error,
 * and lets the caller refuse entity declarations through its SAX hooks
 * before any entity is used. It is configured for hostile input: parsed
 * from memory with XML_PARSE_NONET (no network), without XML_PARSE_NOENT
 * (entities are never substituted), XML_PARSE_DTDLOAD (no external DTD is
 * read) or XML_PARSE_DTDATTR (no defaults from a DTD); a document that
 * declares any entity (the "billion laughs" expansion, an external entity
 * naming a file or URL: XXE) or names an external DTD is refused as soon
 * as the declaration is met, and libxml2's own errors are silenced and
 * returned as codes with their line and column (config/peer.h struct
 * peer_error, worded in render/peer_words.c), so that no byte of the
 * document (a key) reaches a message.
 *
 * The shape (element names): the EC2 API reference describes
 * CustomerGatewayConfiguration as "the configuration information for the
 * VPN connection's customer gateway (in the native XML format)"; its
 * elements as AWS writes them are those of the samples in moto
 * (getmoto/moto, moto/ec2/models/vpn_connections.py) and of AWS's own
 * generic download as published (gist dthvt/926d7793378c7863d90b8f9acb8679ba):
 *   vpn_connection id=
 *     customer_gateway_id, vpn_gateway_id, vpn_connection_type
 *     ipsec_tunnel (one per tunnel)
 *       customer_gateway | vpn_gateway
 *         tunnel_outside_address/ip_address
 *         tunnel_inside_address/ip_address, network_mask, network_cidr
 *         bgp/asn, hold_time
 *       ike: authentication_protocol, encryption_protocol, lifetime,
 *            perfect_forward_secrecy, mode, pre_shared_key
 *       ipsec: protocol, authentication_protocol, encryption_protocol,
 *            lifetime, perfect_forward_secrecy, mode, clear_df_bit,
 *            fragmentation_before_encryption, tcp_mss_adjustment,
 *            dead_peer_detection/interval, retries
 * (dead_peer_detection holds interval and retries, not "delay".) The XML
 * carries no DPD timeout action, startup action or IKE versions: those
 * stay AWS's documented defaults, said as defaults. Whether the connection
 * is static is not written either: bgp elements say it is dynamic; without
 * them it is unknown, and no routing check runs on a guess. pre_shared_key
 * is counted, never copied. Unknown elements are ignored. */
#include "config/peer.h"
#include "config/peer_int.h"
#include "base/count.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xctx {
	struct peer_config *p;
	const char *where; /* "" or "VpnConnections[0].CustomerGatewayConfiguration" */
	struct peer_error *e;
	int refused; /* an entity declaration or external DTD was met */
	long refused_line;
};

/* The code and its numbers into *e (render words them, never quoting a
 * value of the document); -1. */
static int
fail_at(struct xctx *x, enum peer_error_code code, const char *key, long line, long col)
{
	struct peer_error *e = x->e;

	*e = (struct peer_error){ .code = code, .line = line, .col = col };
	snprintf(e->where, sizeof(e->where), "%s", x->where);
	snprintf(e->key, sizeof(e->key), "%s", key ? key : "");
	return -1;
}

static int
fail(struct xctx *x, enum peer_error_code code)
{
	return fail_at(x, code, NULL, 0, 0);
}

/* ---- the guard: SAX hooks called while the DTD is parsed ------------- */

static void
refuse(void *ctx)
{
	xmlParserCtxtPtr c = ctx;
	struct xctx *x = c->_private;

	if (!x->refused) {
		x->refused = 1;
		x->refused_line = c->input ? c->input->line : 0;
	}
	xmlStopParser(c);
}

static void
entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
	    const xmlChar *system_id, xmlChar *content)
{
	(void)name, (void)type, (void)public_id, (void)system_id, (void)content;
	refuse(ctx);
}

static void
unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
		     const xmlChar *system_id, const xmlChar *notation)
{
	(void)name, (void)public_id, (void)system_id, (void)notation;
	refuse(ctx);
}

/* <!DOCTYPE x SYSTEM "..."> names a DTD to fetch: refused like an entity. */
static void
internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
		const xmlChar *system_id)
{
	if (external_id || system_id)
		refuse(ctx);
	else
		xmlSAX2InternalSubset(ctx, name, external_id, system_id);
}

static void
quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx, (void)e; /* errors are read from the context and worded below */
}

/* libxml2's error codes, as the codes render words (render/peer_words.c)
 * without quoting the document; another code is given by its number. */
static const struct {
	int code;
	enum peer_xml_why why;
} xml_errors[] = {
	{ XML_ERR_DOCUMENT_EMPTY, PEER_XML_EMPTY },
	{ XML_ERR_DOCUMENT_END, PEER_XML_AFTER_ROOT },
	{ XML_ERR_TAG_NAME_MISMATCH, PEER_XML_TAG_MISMATCH },
	{ XML_ERR_TAG_NOT_FINISHED, PEER_XML_TRUNCATED },
	{ XML_ERR_LTSLASH_REQUIRED, PEER_XML_NOT_CLOSED },
	{ XML_ERR_GT_REQUIRED, PEER_XML_NO_GT },
	{ XML_ERR_LT_IN_ATTRIBUTE, PEER_XML_LT_IN_ATTR },
	{ XML_ERR_ATTRIBUTE_NOT_STARTED, PEER_XML_ATTR_UNQUOTED },
	{ XML_ERR_ATTRIBUTE_WITHOUT_VALUE, PEER_XML_ATTR_NO_VALUE },
	{ XML_ERR_ATTRIBUTE_REDEFINED, PEER_XML_ATTR_TWICE },
	{ XML_ERR_NAME_REQUIRED, PEER_XML_NO_NAME },
	{ XML_ERR_INVALID_CHAR, PEER_XML_BAD_CHAR },
	{ XML_ERR_INVALID_ENCODING, PEER_XML_BAD_ENCODING },
	{ XML_ERR_UNDECLARED_ENTITY, PEER_XML_UNDECLARED },
	{ XML_WAR_UNDECLARED_ENTITY, PEER_XML_UNDECLARED },
	{ XML_ERR_ENTITYREF_SEMICOL_MISSING, PEER_XML_NO_SEMICOLON },
	{ XML_ERR_RESERVED_XML_NAME, PEER_XML_DECL_LATE },
	{ XML_ERR_UNSUPPORTED_ENCODING, PEER_XML_UNSUPPORTED_ENCODING },
};

static int
xml_error(struct xctx *x, xmlParserCtxtPtr c)
{
	const xmlError *e = xmlCtxtGetLastError(c);

	if (x->refused)
		return fail_at(x, PEER_E_XML_ENTITY, NULL, x->refused_line, 0);
	if (!e || e->code == XML_ERR_OK)
		return fail(x, PEER_E_XML_MALFORMED);
	if (e->code == XML_ERR_NO_MEMORY)
		return fail(x, PEER_E_XML_NOMEM);
	fail_at(x, PEER_E_XML_AT, NULL, e->line, e->int2);
	x->e->n = e->code;
	for (size_t i = 0; i < COUNT(xml_errors); i++)
		if (xml_errors[i].code == e->code) {
			x->e->why = xml_errors[i].why;
			break;
		}
	return -1;
}

static xmlDocPtr
read_xml(struct xctx *x, const char *buf, size_t len)
{
	xmlParserCtxtPtr c;
	xmlDocPtr doc;

	if (len > (size_t)0x7fffffff) {
		fail(x, PEER_E_XML_TOO_BIG);
		return NULL;
	}
	xmlInitParser();
	if (!(c = xmlNewParserCtxt())) {
		fail(x, PEER_E_XML_NOMEM);
		return NULL;
	}
	c->_private = x;
	c->sax->entityDecl = entity_decl;
	c->sax->unparsedEntityDecl = unparsed_entity_decl;
	c->sax->internalSubset = internal_subset;
	c->sax->serror = quiet;
	doc = xmlCtxtReadMemory(c, buf, (int)len, NULL, NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc || x->refused || !c->wellFormed) {
		xml_error(x, c);
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(c);
	return doc;
}

/* ---- the tree --------------------------------------------------------- */

static int
named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The first child element called name, or NULL. */
static xmlNode *
child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

/* An element's text, blanks around it dropped, cut to len; 0 when absent. */
static int
text(const xmlNode *n, char *out, size_t len)
{
	xmlChar *s;
	const char *b;
	size_t k;

	out[0] = '\0';
	if (!n || !(s = xmlNodeGetContent(n)))
		return 0;
	for (b = (const char *)s; *b && strchr(" \t\r\n", *b); b++)
		;
	k = strlen(b);
	while (k && strchr(" \t\r\n", b[k - 1]))
		k--;
	snprintf(out, len, "%.*s", (int)(k < len ? k : len - 1), b);
	xmlFree(s);
	return 1;
}

/* A number element (path names it in a message); absent leaves *n alone.
 * Up to 4294967295: a BGP ASN may be a 4-byte one (RFC 6793). */
static int
number(struct xctx *x, const xmlNode *n, const char *path, struct peer_num *out)
{
	char s[32], *end;
	unsigned long long v;

	if (!text(n, s, sizeof(s)))
		return 0;
	v = strtoull(s, &end, 10);
	if (!s[0] || *end || s[0] == '-' || v > 4294967295ULL)
		return fail_at(x, PEER_E_XML_NUMBER, path, xmlGetLineNo(n), 0);
	*out = (struct peer_num){ v > (unsigned long long)LONG_MAX ? LONG_MAX : (long)v, 1 };
	return 0;
}

static int
boolean(struct xctx *x, const xmlNode *n, const char *path, struct peer_num *out)
{
	char s[16];

	if (!text(n, s, sizeof(s)))
		return 0;
	if (strcmp(s, "true") != 0 && strcmp(s, "false") != 0)
		return fail_at(x, PEER_E_XML_BOOL, path, xmlGetLineNo(n), 0);
	*out = (struct peer_num){ s[0] == 't', 1 };
	return 0;
}

/* tunnel_inside_address: ip_address and network_cidr (or network_mask)
 * as ADDR/PLEN; "" when absent or not IPv4. */
static void
inside_address(const xmlNode *n, char *out, size_t len)
{
	char ip[20], cidr[8], mask[20];
	uint32_t a, m;
	unsigned plen = 33;

	out[0] = '\0';
	if (!text(child(n, "ip_address"), ip, sizeof(ip)) || peer_ipv4(ip, &a) < 0)
		return;
	if (text(child(n, "network_cidr"), cidr, sizeof(cidr)) && cidr[0] &&
	    strspn(cidr, "0123456789") == strlen(cidr) && atoi(cidr) <= 32)
		plen = (unsigned)atoi(cidr);
	else if (text(child(n, "network_mask"), mask, sizeof(mask)) && peer_ipv4(mask, &m) == 0) {
		for (plen = 0; plen < 32 && (m & (0x80000000u >> plen)); plen++)
			;
	}
	if (plen <= 32)
		snprintf(out, len, "%s/%u", ip, plen);
}

/* Every pre_shared_key in the document, wherever it stands: counted. */
static size_t
count_keys(const xmlNode *n)
{
	size_t k = 0;

	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			k += named(n, "pre_shared_key") + count_keys(n->children);
	return k;
}

/* One ipsec_tunnel's facts into t (what t has from the JSON stays). */
static int
tunnel_facts(struct xctx *x, const xmlNode *tn, size_t i, struct peer_tunnel *t, int *bgp)
{
	const xmlNode *cg = child(tn, "customer_gateway"), *vg = child(tn, "vpn_gateway");
	const xmlNode *ike = child(tn, "ike"), *esp = child(tn, "ipsec");
	const xmlNode *dpd = child(esp, "dead_peer_detection");
	char path[96], s[PEER_ADDR];
	const struct {
		const xmlNode *n;
		const char *el;
		char *out;
		size_t len;
	} words[] = {
		{ ike, "authentication_protocol", t->ike_auth, sizeof(t->ike_auth) },
		{ ike, "encryption_protocol", t->ike_enc, sizeof(t->ike_enc) },
		{ ike, "perfect_forward_secrecy", t->ike_pfs, sizeof(t->ike_pfs) },
		{ ike, "mode", t->ike_mode, sizeof(t->ike_mode) },
		{ esp, "protocol", t->esp_proto, sizeof(t->esp_proto) },
		{ esp, "authentication_protocol", t->esp_auth, sizeof(t->esp_auth) },
		{ esp, "encryption_protocol", t->esp_enc, sizeof(t->esp_enc) },
		{ esp, "perfect_forward_secrecy", t->esp_pfs, sizeof(t->esp_pfs) },
		{ esp, "mode", t->esp_mode, sizeof(t->esp_mode) },
	};
	const struct {
		const xmlNode *n;
		const char *el;
		struct peer_num *out;
		int is_bool;
	} nums[] = {
		{ child(cg, "bgp"), "asn", &t->cgw_asn, 0 },
		{ child(vg, "bgp"), "asn", &t->vgw_asn, 0 },
		{ child(vg, "bgp"), "hold_time", &t->hold_time, 0 },
		{ esp, "clear_df_bit", &t->clear_df, 1 },
		{ esp, "fragmentation_before_encryption", &t->frag_before, 1 },
		{ esp, "tcp_mss_adjustment", &t->mss_adjust, 0 },
		{ dpd, "interval", &t->dpd_interval, 0 },
		{ dpd, "retries", &t->dpd_retries, 0 },
	};

	if (!t->outside[0] &&
	    text(child(child(vg, "tunnel_outside_address"), "ip_address"), s, sizeof(s)))
		peer_set_outside(t, s);
	text(child(child(cg, "tunnel_outside_address"), "ip_address"), t->cgw_outside,
	     sizeof(t->cgw_outside));
	inside_address(child(cg, "tunnel_inside_address"), t->cgw_inside, sizeof(t->cgw_inside));
	inside_address(child(vg, "tunnel_inside_address"), t->vgw_inside, sizeof(t->vgw_inside));
	if (!t->inside[0] && t->vgw_inside[0])
		peer_set_inside_net(t, t->vgw_inside); /* its network: TunnelInsideCidr */
	for (size_t k = 0; k < COUNT(words); k++)
		if (!words[k].out[0])
			text(child(words[k].n, words[k].el), words[k].out, words[k].len);
	for (size_t k = 0; k < COUNT(nums); k++) {
		snprintf(path, sizeof(path), "ipsec_tunnel[%zu] %s", i, nums[k].el);
		if (nums[k].out->set)
			continue;
		if ((nums[k].is_bool
			     ? boolean(x, child(nums[k].n, nums[k].el), path, nums[k].out)
			     : number(x, child(nums[k].n, nums[k].el), path, nums[k].out)) < 0)
			return -1;
	}
	snprintf(path, sizeof(path), "ipsec_tunnel[%zu] ike lifetime", i);
	if (!t->p1_life.set && number(x, child(ike, "lifetime"), path, &t->p1_life) < 0)
		return -1;
	snprintf(path, sizeof(path), "ipsec_tunnel[%zu] ipsec lifetime", i);
	if (!t->p2_life.set && number(x, child(esp, "lifetime"), path, &t->p2_life) < 0)
		return -1;
	t->psk_present |= child(ike, "pre_shared_key") != NULL;
	*bgp |= child(cg, "bgp") != NULL || child(vg, "bgp") != NULL;
	return 0;
}

/* The vpn_gateway outside address of an ipsec_tunnel ("" when none). */
static const char *
outside_of(const xmlNode *tn, char *s, size_t len)
{
	text(child(child(child(tn, "vpn_gateway"), "tunnel_outside_address"), "ip_address"), s,
	     len);
	return s;
}

/* The tunnel of the connection (from first on) this ipsec_tunnel
 * describes: the same outside address, else the one at its position;
 * NULL: none. */
static struct peer_tunnel *
match(struct peer_config *p, const xmlNode *tn, size_t first, size_t i)
{
	char buf[PEER_ADDR];
	const char *s = outside_of(tn, buf, sizeof(buf));

	if (s[0]) {
		for (size_t k = first; k < p->ntunnels; k++)
			if (strcmp(p->tunnels[k].outside, s) == 0)
				return &p->tunnels[k];
		return NULL;
	}
	return first + i < p->ntunnels ? &p->tunnels[first + i] : NULL;
}

static int
root(struct xctx *x, xmlDocPtr doc, const xmlNode **out)
{
	const xmlNode *r = xmlDocGetRootElement(doc);

	if (!named(r, "vpn_connection"))
		return fail_at(x, PEER_E_XML_ROOT, r ? (const char *)r->name : "", 0, 0);
	*out = r;
	return 0;
}

/* A static connection, as far as the XML says: bgp elements: dynamic;
 * none: not in the document. */
static void
routing(struct peer_conn *pc, int bgp)
{
	if (pc->static_only.set)
		return;
	if (bgp)
		pc->static_only = (struct peer_num){ 0, 1 };
	else
		pc->unknown |= PEER_UNK_STATIC;
}

int
peer_xml_merge(const char *buf, size_t len, struct peer_config *p, size_t first, const char *where,
	       struct peer_error *e)
{
	struct xctx x = { p, where, e, 0, 0 };
	xmlDocPtr doc;
	const xmlNode *r = NULL;
	size_t i = 0;
	int rc = 0, bgp = 0;

	if (!(doc = read_xml(&x, buf, len)))
		return -1;
	if (root(&x, doc, &r) < 0)
		rc = -1;
	for (const xmlNode *n = rc ? NULL : r->children; n && !rc; n = n->next) {
		struct peer_tunnel *t;
		char out[PEER_ADDR];
		if (!named(n, "ipsec_tunnel"))
			continue;
		/* a tunnel the JSON does not list (no TunnelOptions): its own,
		 * as telemetry() does; one with no outside address says nothing */
		if (!(t = match(p, n, first, i)) && outside_of(n, out, sizeof(out))[0] &&
		    !(t = peer_new_tunnel(p, p->nconns - 1, p->ntunnels - first)))
			rc = fail(&x, PEER_E_XML_NOMEM);
		else if (t && tunnel_facts(&x, n, i, t, &bgp) < 0)
			rc = -1;
		i++;
	}
	if (!rc)
		p->secrets += count_keys(r); /* StaticRoutesOnly stays the JSON's */
	xmlFreeDoc(doc);
	return rc;
}

int
peer_parse_aws_xml(const char *buf, size_t len, struct peer_config *p, struct peer_error *e)
{
	struct xctx x = { p, "", e, 0, 0 };
	struct peer_conn *pc;
	xmlDocPtr doc;
	const xmlNode *r = NULL;
	xmlChar *id;
	size_t i = 0;
	int rc = -1, bgp = 0;

	memset(p, 0, sizeof(*p));
	memset(e, 0, sizeof(*e));
	p->format = PEER_FMT_AWS_XML;
	if (!(doc = read_xml(&x, buf, len)))
		return -1;
	if (root(&x, doc, &r) < 0)
		goto out;
	if (!(pc = peer_new_conn(p))) {
		fail(&x, PEER_E_XML_NOMEM);
		goto out;
	}
	if ((id = xmlGetProp(r, (const xmlChar *)"id"))) {
		snprintf(pc->id, sizeof(pc->id), "%s", (const char *)id);
		xmlFree(id);
	}
	text(child(r, "customer_gateway_id"), pc->cgw, sizeof(pc->cgw));
	text(child(r, "vpn_gateway_id"), pc->gateway, sizeof(pc->gateway));
	if (!pc->gateway[0] &&
	    text(child(r, "transit_gateway_id"), pc->gateway, sizeof(pc->gateway)))
		pc->transit = 1;
	for (const xmlNode *n = r->children; n; n = n->next) {
		struct peer_tunnel *t;
		if (!named(n, "ipsec_tunnel"))
			continue;
		if (!(t = peer_new_tunnel(p, 0, i))) {
			fail(&x, PEER_E_XML_NOMEM);
			goto out;
		}
		if (tunnel_facts(&x, n, i++, t, &bgp) < 0)
			goto out;
	}
	if (!p->ntunnels) {
		fail(&x, PEER_E_XML_NO_TUNNEL);
		goto out;
	}
	routing(&p->conns[0], bgp);
	p->secrets = count_keys(r);
	rc = 0;
out:
	xmlFreeDoc(doc);
	return rc;
}
