/* SPDX-License-Identifier: BSD-2-Clause */
/* The audit's words for what the parser and the core return as codes:
 * why a line is invalid for the router, what an undefined reference
 * leaves broken, why a tunnel was not checked. Words live here, at the
 * edge, so that they can be translated; the core keeps numbers. */
#include "render/audit_out.h"
#include "base/count.h"

#include <stdio.h>
#include <string.h>

static const char *const arg_words[] = {
	[CONFIG_ARG_NONE] = "a word",
	[CONFIG_ARG_NUMBER] = "a number",
	[CONFIG_ARG_ADDR] = "an IPv4 address",
	[CONFIG_ARG_PREFIX] = "an IPv4 address or prefix",
	[CONFIG_ARG_WORD] = "a name",
	[CONFIG_ARG_ONOFF] = "on or off",
	[CONFIG_ARG_MSS] = "an MSS (a number, auto or off)",
	[CONFIG_ARG_MTU] = "an MTU",
	[CONFIG_ARG_KEYWORD] = "one of the command's keywords",
	[CONFIG_ARG_IN_TUNNEL] = "a tunnel select N block",
	[CONFIG_ARG_IN_PP] = "a pp select N block",
	[CONFIG_ARG_IN_INTERFACE] = "an interface block",
	[CONFIG_ARG_IN_TUNNEL_IF] = "an interface TunnelX.Y block",
	[CONFIG_ARG_IN_PROFILE] = "an ikev2 profile block",
	[CONFIG_ARG_IN_SECTION] = "a connection section",
	[CONFIG_ARG_IN_CONFIG] = "a config block",
	[CONFIG_ARG_IN_EDIT] = "an edit entry of its config block",
};

static const char *
arg_word(enum config_arg a)
{
	return (size_t)a < COUNT(arg_words) && arg_words[a] ? arg_words[a] : "?";
}

/* Word n (1-based) of text, cut to fit. */
static void
word_at(const char *text, unsigned n, char *out, size_t len)
{
	const char *p = text;

	out[0] = '\0';
	for (unsigned i = 1; *p; i++) {
		size_t w;
		p += strspn(p, " \t");
		w = strcspn(p, " \t");
		if (!w)
			break;
		if (i == n) {
			snprintf(out, len, "%.*s", (int)(w < 40 ? w : 40), p);
			return;
		}
		p += w;
	}
}

/* Words 1..n of text, cut to fit. */
static void
words_upto(const char *text, unsigned n, char *out, size_t len)
{
	const char *p = text;

	for (unsigned i = 0; i < n && *p; i++) {
		p += strspn(p, " \t");
		p += strcspn(p, " \t");
	}
	snprintf(out, len, "%.*s", (int)(p - text < 40 ? p - text : 40), text);
}

static void
invalid_words(const struct config *c, const struct config_invalid *b, char *buf, size_t len)
{
	const char *vendor = config_vendor_display(c->vendor);
	char w[48];

	word_at(b->text, b->arg ? b->arg : 1, w, sizeof(w));
	switch (b->why) {
	case CONFIG_BAD_COMMAND:
		words_upto(b->text, b->arg ? b->arg : 1, w, sizeof(w));
		snprintf(buf, len, "no %s command begins '%s' as far as mtuprobe's grammar knows: the router rejects the line, and the audit read nothing from it",
			 vendor, w);
		break;
	case CONFIG_BAD_ARG:
		snprintf(buf, len, "word %u, '%s', is not %s: the router rejects the line, and the audit made nothing of it",
			 b->arg, w, arg_word(b->expect));
		break;
	case CONFIG_BAD_MISSING:
		snprintf(buf, len, "word %u (%s) is missing: the router rejects the line", b->arg,
			 arg_word(b->expect));
		break;
	case CONFIG_BAD_RANGE:
		snprintf(buf, len, "word %u, %s, is outside %ld-%ld, what %s takes there: the router rejects the line",
			 b->arg, w, b->lo, b->hi, vendor);
		break;
	case CONFIG_BAD_SCOPE:
		snprintf(buf, len, "this command belongs inside %s, and none is open here: the router rejects it (or applies it elsewhere), and the audit did not read it",
			 arg_word(b->expect));
		break;
	case CONFIG_BAD_CYCLE:
		snprintf(buf, len, "this also= leads back to the conn it is in (directly or through other also= lines): strongSwan and Libreswan refuse such a file, and the audit did not follow it");
		break;
	case CONFIG_BAD_UNCLOSED:
		snprintf(buf, len, "no end (or next) closes this block before the next top-level config block or the end of the file: FortiOS rejects the lines that follow it there, and the audit read the block only up to that point");
		break;
	case CONFIG_BAD_NESTING:
		snprintf(buf, len, "'%s' has no pair (a brace, quote or comment not closed or not opened): the router refuses the file, and the audit read the statements around it as best it could",
			 w);
		break;
	}
}

static void
ref_words(const struct config_ref *r, char *buf, size_t len)
{
	static const char *const what[] = {
		[CONFIG_REF_IKEV2_PROFILE] = "ikev2 profile",
		[CONFIG_REF_SA_POLICY] = "ipsec sa policy",
		[CONFIG_REF_IPSEC_MAP] = "ipsec autokey-map",
		[CONFIG_REF_IPSEC_PROPOSAL] = "ipsec autokey-proposal",
		[CONFIG_REF_ACL] = "ip access-list",
		[CONFIG_REF_IKE_PROPOSAL] = "ike proposal",
		[CONFIG_REF_IKE_POLICY] = "ike policy",
		[CONFIG_REF_PP_TUNNEL] = "tunnel",
		[CONFIG_REF_SWAN_PROPOSAL] = "proposal",
		[CONFIG_REF_ALSO] = "conn",
		[CONFIG_REF_PHASE1] = "vpn ipsec phase1-interface",
		[CONFIG_REF_IKE_GATEWAY] = "security ike gateway",
		[CONFIG_REF_IPSEC_POLICY] = "security ipsec policy",
		[CONFIG_REF_TUNNEL_IF] = "tunnel interface",
		[CONFIG_REF_ESP_GROUP] = "esp-group",
		[CONFIG_REF_IKE_GROUP] = "ike-group",
	};
	const char *w = (size_t)r->kind < COUNT(what) && what[r->kind] ? what[r->kind] : "definition";

	snprintf(buf, len, "the line names %s %s, and the configuration defines no %s %s: what it refers to does not exist, so %s as written",
		 w, r->name, w, r->name,
		 r->tunnel >= 0 ? "this tunnel has no IKE/IPsec parameters and does not come up"
				: "the setting applies to nothing");
}

void
audit_finding_words(const struct audit_result *r, const struct audit_finding *f, char *buf,
		    size_t len)
{
	if (f->bad)
		invalid_words(r->cfg, f->bad, buf, len);
	else if (f->ref)
		ref_words(f->ref, buf, len);
	else
		snprintf(buf, len, "%s", f->message);
}

static const char *const kind_words[] = {
	[CONFIG_TK_IPSEC] = "IPsec tunnel mode",
	[CONFIG_TK_L2TPV3_IPSEC] = "L2TPv3 over IPsec (transport mode)",
	[CONFIG_TK_L2TPV3] = "L2TPv3 without IPsec",
	[CONFIG_TK_L2TP] = "L2TP/IPsec (remote access)",
	[CONFIG_TK_MAPE] = "MAP-E (IPv4 over IPv6: the line itself)",
	[CONFIG_TK_IPIP] = "IPIP / DS-Lite (IPv4 over IPv6: the line itself)",
	[CONFIG_TK_GRE] = "GRE without IPsec",
	[CONFIG_TK_TRANSPORT] = "ESP transport mode",
	[CONFIG_TK_OTHER] = "an encapsulation the model does not cover",
};

const char *
audit_kind_words(enum config_tunnel_kind k)
{
	return (size_t)k < COUNT(kind_words) && kind_words[k] ? kind_words[k] : "?";
}

void
audit_skip_words(const struct audit_result *r, const struct audit_tunnel *t, char *buf, size_t len)
{
	const struct config_tunnel *ct = &r->cfg->tunnels[t->index];

	switch (t->skip) {
	case AUDIT_CHECKED:
		buf[0] = '\0';
		break;
	case AUDIT_SKIP_KIND:
		snprintf(buf, len, "%s: the MTU/MSS model covers ESP tunnel mode only", audit_kind_words(ct->kind));
		break;
	case AUDIT_SKIP_TEMPLATE:
		snprintf(buf, len, "template value");
		break;
	case AUDIT_SKIP_NO_IPSEC:
		snprintf(buf, len, "no IPsec policy or peer is bound to it");
		break;
	}
}
