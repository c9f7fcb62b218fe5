/* SPDX-License-Identifier: BSD-2-Clause */
/* The audit's words for what the parser and the core return as codes:
 * why a line is invalid for the router, what an undefined reference
 * leaves broken, why a tunnel was not checked. Words live here, at the
 * edge, so that they can be translated; the core keeps numbers. */
#include "render/audit_out.h"
#include "render/render.h"
#include "base/count.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

/* What the grammar expected at the word it stopped at (config.h enum
 * config_arg), a noun phrase inside the invalid-line sentences below. */
/* clang-format off */
static const char *const arg_words[] = {
	[CONFIG_ARG_NONE] = N_("a word"),
	[CONFIG_ARG_NUMBER] = N_("a number"),
	[CONFIG_ARG_ADDR] = N_("an IPv4 address"),
	[CONFIG_ARG_ADDR6] = N_("an IPv6 address"),
	[CONFIG_ARG_PREFIX] = N_("an IPv4 address or prefix"),
	[CONFIG_ARG_WORD] = N_("a name"),
	[CONFIG_ARG_ONOFF] = N_("on or off"),
	[CONFIG_ARG_MSS] = N_("an MSS (a number, auto or off)"),
	[CONFIG_ARG_MTU] = N_("an MTU"),
	[CONFIG_ARG_KEYWORD] = N_("one of the command's keywords"),
	[CONFIG_ARG_FG_P1_KEY] = N_("a key of config vpn ipsec phase1-interface in any FortiOS from 6.0.0 to 7.6.4 (Fortinet's CLI reference)"),
	[CONFIG_ARG_IN_TUNNEL] = N_("a tunnel select N block"),
	[CONFIG_ARG_IN_PP] = N_("a pp select N block"),
	[CONFIG_ARG_IN_INTERFACE] = N_("an interface block"),
	[CONFIG_ARG_IN_TUNNEL_IF] = N_("an interface TunnelX.Y block"),
	[CONFIG_ARG_IN_PROFILE] = N_("an ikev2 profile block"),
	[CONFIG_ARG_IN_SECTION] = N_("a connection section"),
	[CONFIG_ARG_IN_CONFIG] = N_("a config block"),
	[CONFIG_ARG_IN_EDIT] = N_("an edit entry of its config block"),
	/* Cisco IOS's sub-modes (config/ios.c), in IOS's own words */
	[CONFIG_ARG_IN_IOS_TUNNEL] = N_("an interface TunnelN block"),
	[CONFIG_ARG_IN_ISAKMP_POLICY] = N_("a crypto isakmp policy block"),
	[CONFIG_ARG_IN_KEYRING] = N_("a crypto keyring block"),
	[CONFIG_ARG_IN_ISAKMP_PROFILE] = N_("a crypto isakmp profile block"),
	[CONFIG_ARG_IN_TRANSFORM_SET] = N_("a crypto ipsec transform-set block"),
	[CONFIG_ARG_IN_IPSEC_PROFILE] = N_("a crypto ipsec profile block"),
	[CONFIG_ARG_IN_IKEV2_PROPOSAL] = N_("a crypto ikev2 proposal or policy block"),
	[CONFIG_ARG_IN_IKEV2_KEYRING] = N_("a crypto ikev2 keyring block"),
	[CONFIG_ARG_IN_IKEV2_PEER] = N_("a peer block of a crypto ikev2 keyring"),
	[CONFIG_ARG_IN_IKEV2_PROFILE] = N_("a crypto ikev2 profile block"),
	[CONFIG_ARG_IN_CRYPTO_MAP] = N_("a crypto map entry (crypto map NAME SEQ ipsec-isakmp)"),
	[CONFIG_ARG_IN_BGP] = N_("a router bgp block"),
	[CONFIG_ARG_IN_ACL] = N_("an ip access-list extended block"),
	[CONFIG_ARG_IN_SUBMODE] = N_("the sub-mode it belongs to (line, router, route-map ...)"),
};
/* clang-format on */

/* localized ? the catalogue's words : the English msgid */
#define L(s) (localized ? _(s) : (s))

static const char *
arg_word(enum config_arg a, int localized)
{
	return (size_t)a < COUNT(arg_words) && arg_words[a] ? L(arg_words[a]) : "?";
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

/* Why the router rejects the line (the parser's code, config.h enum
 * config_bad), with the word it stopped at; the vendor's name as it is. */
static void
invalid_words(const struct config *c, const struct config_invalid *b, int localized, char *buf,
	      size_t len)
{
	const char *vendor = config_vendor_display(c->vendor);
	char w[48];

	if (b->word[0])
		snprintf(w, sizeof(w), "%.40s",
			 b->word); /* the line's word: its text hides a key */
	else
		word_at(b->text, b->arg ? b->arg : 1, w, sizeof(w));
	switch (b->why) {
	case CONFIG_BAD_COMMAND:
		words_upto(b->text, b->arg ? b->arg : 1, w, sizeof(w));
		snprintf(
			buf, len,
			L(N_("no %s command begins '%s' as far as mtuprobe's grammar knows: the router rejects the line, and the audit read nothing from it")),
			vendor, w);
		break;
	case CONFIG_BAD_ARG:
		snprintf(
			buf, len,
			L(N_("word %u, '%s', is not %s: the router rejects the line, and the audit made nothing of it")),
			b->arg, w, arg_word(b->expect, localized));
		break;
	case CONFIG_BAD_MISSING:
		snprintf(buf, len, L(N_("word %u (%s) is missing: the router rejects the line")),
			 b->arg, arg_word(b->expect, localized));
		break;
	case CONFIG_BAD_RANGE:
		snprintf(
			buf, len,
			L(N_("word %u, %s, is outside %ld-%ld, what %s takes there: the router rejects the line")),
			b->arg, w, b->lo, b->hi, vendor);
		break;
	case CONFIG_BAD_SCOPE:
		snprintf(
			buf, len,
			L(N_("this command belongs inside %s, and none is open here: the router rejects it (or applies it elsewhere), and the audit did not read it")),
			arg_word(b->expect, localized));
		break;
	case CONFIG_BAD_CYCLE:
		snprintf(
			buf, len, "%s",
			L(N_("this also= leads back to the conn it is in (directly or through other also= lines): strongSwan and Libreswan refuse such a file, and the audit did not follow it")));
		break;
	case CONFIG_BAD_UNCLOSED:
		snprintf(
			buf, len, "%s",
			L(N_("no end (or next) closes this block before the next top-level config block or the end of the file: FortiOS rejects the lines that follow it there, and the audit read the block only up to that point")));
		break;
	case CONFIG_BAD_SECTION_NAME:
		snprintf(
			buf, len,
			L(N_("a section takes one name (ipsec.conf(5): conn <name>), and word %u, '%s', is a second one: strongSwan's starter rejects the file as a syntax error; the audit read this conn under the whole text as its name, apart from the others")),
			b->arg, w);
		break;
	case CONFIG_BAD_QUOTE:
		snprintf(
			buf, len, "%s",
			L(N_("this double quote is never closed: FortiOS takes every line after it, to the end of the file, as the value's text, and the audit read none of them as commands")));
		break;
	case CONFIG_BAD_LEVEL:
		snprintf(
			buf, len,
			L(N_("this set line is relative to the level the 'up' at line %ld moved to, and how far up goes depends on the statements, not on their words: the audit read nothing from it (an edit, top or [edit ...] banner after it is followed again)")),
			b->lo);
		break;
	case CONFIG_BAD_NESTING:
		snprintf(
			buf, len,
			L(N_("'%s' has no pair (a brace, quote or comment not closed or not opened): the router refuses the file, and the audit read the statements around it as best it could")),
			w);
		break;
	}
}

/* What an undefined reference names: the configuration's own keyword for
 * it (router syntax, never translated), or, where the format has none
 * (Junos' and VyOS' tunnel interfaces), English words marked N_(). */
/* clang-format off */
static const char *const ref_phrases[] = {
	[CONFIG_REF_TUNNEL_IF] = N_("tunnel interface"),
};
/* clang-format on */

static void
ref_words(const struct config_ref *r, int localized, char *buf, size_t len)
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
		[CONFIG_REF_JUNOS_IPSEC_PROPOSAL] = "security ipsec proposal",
		[CONFIG_REF_JUNOS_IKE_PROPOSAL] = "security ike proposal",
		[CONFIG_REF_ROS_PROPOSAL] = "/ip ipsec proposal",
		[CONFIG_REF_ESP_GROUP] = "esp-group",
		[CONFIG_REF_IKE_GROUP] = "ike-group",
		[CONFIG_REF_IOS_IPSEC_PROFILE] = "crypto ipsec profile",
		[CONFIG_REF_IOS_DYNAMIC_MAP] = "crypto dynamic-map",
		[CONFIG_REF_IOS_TRANSFORM_SET] = "crypto ipsec transform-set",
	};
	size_t k = (size_t)r->kind;
	const char *w = k < COUNT(ref_phrases) && ref_phrases[k] ? L(ref_phrases[k])
			: k < COUNT(what) && what[k]             ? what[k]
								 : L(N_("definition"));

	snprintf(
		buf, len,
		L(N_("the line names %s %s, and the configuration defines no %s %s: what it refers to does not exist, so %s as written")),
		w, r->name, w, r->name,
		r->tunnel >= 0
			? L(N_("this tunnel has no IKE/IPsec parameters and does not come up"))
			: L(N_("the setting applies to nothing")));
}

void
audit_finding_words(const struct audit_result *r, const struct audit_finding *f, int localized,
		    char *buf, size_t len)
{
	if (f->bad)
		invalid_words(r->cfg, f->bad, localized, buf, len);
	else if (f->ref)
		ref_words(f->ref, localized, buf, len);
	else
		audit_say_words(&f->say, localized, buf, len);
}

/* What a tunnel carries (config.h enum config_tunnel_kind), for the
 * tunnels the MTU/MSS model passes by. */
/* clang-format off */
static const char *const kind_words[] = {
	[CONFIG_TK_IPSEC] = N_("IPsec tunnel mode"),
	[CONFIG_TK_L2TPV3_IPSEC] = N_("L2TPv3 over IPsec (transport mode)"),
	[CONFIG_TK_L2TPV3] = N_("L2TPv3 without IPsec"),
	[CONFIG_TK_L2TP] = N_("L2TP/IPsec (remote access)"),
	[CONFIG_TK_MAPE] = N_("MAP-E (IPv4 over IPv6: the line itself)"),
	[CONFIG_TK_IPIP] = N_("IPIP / DS-Lite (IPv4 over IPv6: the line itself)"),
	[CONFIG_TK_GRE] = N_("GRE without IPsec"),
	[CONFIG_TK_TRANSPORT] = N_("ESP transport mode"),
	[CONFIG_TK_OTHER] = N_("an encapsulation the model does not cover"),
	[CONFIG_TK_IPIP4] = N_("IPIP (IPv4 in IPv4, RFC 2003)"),
};
/* clang-format on */

const char *
audit_kind_words(enum config_tunnel_kind k, int localized)
{
	return (size_t)k < COUNT(kind_words) && kind_words[k] ? L(kind_words[k]) : "?";
}

void
audit_skip_words(const struct audit_result *r, const struct audit_tunnel *t, int localized,
		 char *buf, size_t len)
{
	const struct config_tunnel *ct = &r->cfg->tunnels[t->index];

	switch (t->skip) {
	case AUDIT_CHECKED: buf[0] = '\0'; break;
	case AUDIT_SKIP_KIND:
		snprintf(buf, len, L(N_("%s: the MTU/MSS model covers ESP tunnel mode only")),
			 audit_kind_words(ct->kind, localized));
		break;
	case AUDIT_SKIP_TEMPLATE: snprintf(buf, len, "%s", L(N_("template value"))); break;
	case AUDIT_SKIP_NO_IPSEC:
		snprintf(buf, len, "%s", L(N_("no IPsec policy or peer is bound to it")));
		break;
	}
}

/* ---- audit.c's findings and notes: struct audit_say ---------------------- */

void
audit_line_from_words(const struct audit_line_from *w, int localized, char *buf, size_t len)
{
	switch (w->src) {
	case AUDIT_LINE_NONE: snprintf(buf, len, "%s", ""); break;
	case AUDIT_LINE_GIVEN:
		/* an option's name has no entry and stays as it is */
		snprintf(buf, len, "%s",
			 w->given ? L(w->given) : L(N_("given on the command line")));
		break;
	case AUDIT_LINE_CONFIG:
		/* TRANSLATORS: the interface or tunnel, the configuration's line number, that line */
		snprintf(buf, len, L(N_("%s, line %u: %s")), w->name, w->line, w->text);
		break;
	case AUDIT_LINE_CONFIG_4IN6:
		/* RTX: a MAP-E / IPIP tunnel with no ip tunnel mtu takes the 4in6 default */
		snprintf(buf, len, L(N_("%s, line %u: %s, no ip tunnel mtu, so %u")), w->name,
			 w->line, w->text, w->mtu);
		break;
	case AUDIT_LINE_CONFIG_CAPPED:
		/* TRANSLATORS: the interface, the line number, that line, its MTU */
		snprintf(
			buf, len,
			L(N_("%s, line %u: %s; %u is above the 1500 an Internet path carries, so 1500 at most: give --wan-mtu if the peers are reached over a network with larger frames")),
			w->name, w->line, w->text, w->mtu);
		break;
	}
}

/* clang-format off */
static const char *const say_words[W_COUNT] = {
	[W_NONE] = "",
	[W_IN_UDP_NATT] = N_(" in UDP (NAT-T)"),
	[W_CAPPED_PEER] = N_(", capped at the peer's documented maximum"),
	[W_DPD_OFF] = N_("DPD is off"),
	[W_DPD_UNSET_OFF] = N_("no DPD is configured, and it is off by default"),
	[W_AWS_CLEARS] = N_("; AWS clears its side after 40 s without DPD replies and then waits for this router to start IKE again"),
	[W_IX_DPD_V2] = N_("ikev2 dpd interval (per tunnel or in ikev2 default-profile)"),
	[W_DPDACTION_UNSET] = N_("dpdaction is not set"),
	[W_DPDDELAY_UNSET] = N_("dpddelay is not set"),
	[W_DPD_DELAY_UNSET] = N_("not set (default 0s)"),
	[W_UNSET_DEFAULT_OFF] = N_("not set (default off)"),
	[W_RESPONDER_ONLY] = N_("responder only"),
	[W_UNSET_ANSWER_ONLY] = N_("not set, and the default is to answer only"),
	[W_UNSET_DEFAULT_NONE] = N_("not set (default none)"),
	[W_AUTO_UNSET] = N_("auto is not set (default ignore)"),
	[W_ONLY_LOADS] = N_("only loads"),
	[W_NOT_EVEN_LOADS] = N_("does not even load"),
	[W_ON_TRAFFIC] = N_(" when traffic needs the tunnel"),
	[W_UNSET_SO_1] = N_("not set, so 1"),
	[W_SELECTOR] = N_("traffic selector"),
	[W_SELECTOR_DEFAULT] = N_("traffic selector default"),
	[W_UNSET] = N_("not set"),
	[W_DPDACTION_UNSET_HOLD] = N_("dpdaction is not set (Libreswan's default hold)"),
	[W_CLEARS_OWN] = N_("the router clears its own SA"),
	[W_HOLDS_SA] = N_("the router holds the SA for the peer to restart"),
	[W_AUTO_START_LOADED] = N_(" (auto=start acts only when the conn is loaded)"),
	[W_LIBRESWAN5] = N_(" (Libreswan 5 no longer reads dpdaction, libreswan issue 253; restart is what 4.x and Openswan need)"),
	[W_UNSET_DEFAULT_CLEAR] = N_("not set (default clear)"),
	[W_NO_RESTART_ON_DPD] = N_("does not restart on a DPD timeout"),
	[W_START_ACTION_LOADED] = N_(" (start_action = start acts only when the configuration is loaded)"),
	[W_GIVEN] = N_("given"),
	[W_NO_LAN_ADDR] = N_("none is written in this configuration"),
	[W_CONFIGURED] = N_("configured"),
	[W_THE_DEFAULT] = N_("the default"),
	[W_SYN_TOWARD_PEER] = N_("the SYNs going toward the peer"),
	[W_SYN_FROM_PEER] = N_("the SYNs coming from the peer"),
	[W_INERT_FG_MTU] = N_("FortiOS takes an interface's mtu only with 'set mtu-override enable' in the same entry (FortiGate administration guide, \"Setting the MTU for a data interface\"), so the interface keeps its default MTU"),
	[W_NO_MSS_GUARD] = N_("; it also has no tcp-mss guard (tcp-mss=N+1-65535), so it raises a smaller MSS to its own"),
};
/* clang-format on */

/* clang-format off */
/* Each code's sentence, its arguments in the order struct audit_say has
 * them; plural: the form for a count other than one, the count being
 * argument count (0-based). */
static const struct {
	const char *one, *plural;
	int count;
} say_table[SAY_COUNT] = {
	[NOTE_TEMPLATE] = { N_("%s: line %u is a template value (%s): %s not checked"), NULL, 0 },
	[NOTE_CLAMP_NO_DEFAULT] = { N_("%s: clamp %ld not compared with the tunnel MTU: no tunnel MTU is set and the %s default was not found in any source"),
				    NULL, 0 },
	[NOTE_CLAMP_POLICY] = { N_("%s: clamp %ld not compared with a tunnel MTU: a policy-based tunnel has no interface and no MTU of its own (not expressible in %s); its packets take the MTU of %s"),
				NULL, 0 },
	[NOTE_CLAMP_NO_IX_MTU] = { N_("%s: clamp %ld not compared with the tunnel MTU: no ip mtu is set and the IX default is unknown"),
				   NULL, 0 },
	/* TRANSLATORS: the firmware header, its line, then what the format's facts say */
	[NOTE_CLAMP_ONE_WAY] = { N_("%s (line %u): %s"), NULL, 0 },
	[NOTE_CLAMP_ONE_WAY_FW] = { N_("the file names no firmware release; %s"), NULL, 0 },
	[NOTE_CLAMP_ELSEWHERE] = { N_("MSS clamps live in iptables or nftables, not in %s: not checked (mtuprobe calc --vendor linux prints them)"),
				   NULL, 0 },
	[NOTE_DPD_UNKNOWN] = { N_("%s: whether %s detects a dead peer by default was not found in any source: no-dead-peer-detection not checked"),
			       NULL, 0 },
	[NOTE_PEER_NO_TUNNEL] = { N_("peer %s: no tunnel is bound to it: no-dead-peer-detection not checked"),
				  NULL, 0 },
	[NOTE_START_LINE_IDLE] = { N_("%s: line %u, %s, has no effect: the router-wide ipsec auto refresh is %s, so this router starts no key exchange (15.10); with a peer that waits, no-ike-initiator is an error"),
				   NULL, 0 },
	[NOTE_START_UNKNOWN] = { N_("%s: whether %s starts IKE for it was not found in any source: no-ike-initiator not checked"),
				 NULL, 0 },
	[NOTE_IX_IKEV1_START] = { N_("%s: how an IX starts IKEv1 was not found in any source: no-ike-initiator not checked"),
				  NULL, 0 },
	[NOTE_INCLUDE] = { N_("line %u: %s: included files are not read (%ld include line); audit each on its own"),
			   N_("line %u: %s: included files are not read (%ld include lines); audit each on its own"),
			   2 },
	[NOTE_PLACEHOLDERS] = { N_("template: %zu placeholder (first: line %u, %s); checks that need those values were not made"),
				N_("template: %zu placeholders (first: line %u, %s); checks that need those values were not made"),
				0 },
	[NOTE_LINE_MTU_GIVEN] = { N_("the configuration says line MTU %ld (line %u: %s); using %u, %s"),
				  NULL, 0 },
	[NOTE_NO_LINE_MTU] = { N_("line MTU: not in the configuration; give --wan-mtu N or --line PRESET to check tunnel-mtu-above-model"),
			       NULL, 0 },
	[NOTE_ESP_TEMPLATE] = { N_("%s: ESP transform is a template value (%s): tunnel-mtu-above-model not checked"),
				NULL, 0 },
	[NOTE_ESP_UNKNOWN] = { N_("%s: ESP transform '%s' not known to the model (word '%s'): tunnel-mtu-above-model not checked"),
			       NULL, 0 },
	[NOTE_NO_ACTIVE_PEER] = { N_("IPsec peers or policies disabled: %ld (the first at line %ld: %s), and no enabled peer has an enabled policy: no tunnel to audit"),
				  NULL, 0 },
	[NOTE_INERT_LINE] = { N_("line %u (%s) has no effect: %s"), NULL, 0 },
	[NOTE_ESP_SEVERAL] = { N_("%s: ESP is one of the router's default set of several proposals, since the IPsec policy at line %ld (%s) names no proposal: which one the peer agrees to is not known, so the model does not compute it: tunnel-mtu-above-model not checked"),
			       NULL, 0 },
	/* TRANSLATORS: the tunnel, the line naming the proposal set and its
	   text, the set's name (Junos proposal-set basic|compatible|standard) */
	[NOTE_ESP_SET] = { N_("%s: the IPsec policy at line %ld (%s) names proposal set '%s', whose members the audit does not model: which of them the peer agrees to is not known, so the model does not compute the ESP: tunnel-mtu-above-model not checked"),
			   NULL, 0 },
	/* TRANSLATORS: the tunnel, how many proposals, the one the numbers are for */
	[NOTE_ESP_LIST] = { N_("%s: %ld ESP proposals apply (the peer picks among those offered, and each SA of a tunnel may use its own), so the numbers are for the one that carries least: %s"),
			    NULL, 0 },
	/* TRANSLATORS: the tunnel, the line of the list and its text, how
	   many whole proposals the audit kept */
	[NOTE_ESP_CUT] = { N_("%s: the ESP proposal list at line %ld (%s) is longer than the audit keeps (its first %ld proposals), and one left out may carry less: tunnel-mtu-above-model not checked"),
			   NULL, 0 },
	/* TRANSLATORS: the tunnel, the BGP neighbour and its line, the
	   remote selector's line and text, the local one's */
	[NOTE_SEL_SELF_UNKNOWN] = { N_("%s: BGP neighbour %s (line %ld) is inside the remote selector at line %ld (%s), but whether the local one at line %ld (%s) holds this end's address is not known (the configuration does not give it): narrow-selectors-with-bgp not judged"),
				    NULL, 0 },
	/* TRANSLATORS: the tunnel (a FortiOS phase1-interface), the line and
	   text of the other interface's entry, the line and text of the policy
	   or route naming it, the tunnel again */
	[NOTE_IF_LIKE] = { N_("%s: no system interface entry has this phase1's name, and the one at line %ld (%s) is a tunnel interface no phase1-interface is named after, to which line %ld (%s) sends traffic; the interface of a route-based tunnel is the one FortiOS makes with its phase1's name (FortiOS CLI reference, vpn ipsec phase1-interface; AWS's FortiGate sample sets the tunnel's addresses under that name), so check that the policies, routes and addresses meant for this tunnel name '%s'"),
			   NULL, 0 },
	[NOTE_INTEG_DROPPED] = { N_("%s: ESP %s names an integrity algorithm beside an AEAD cipher: strongSwan leaves it out (AEAD carries its own ICV, RFC 7296 section 3.3), and so do the numbers"),
				 NULL, 0 },
	[NOTE_ESP_MODEL] = { N_("%s: ESP transform '%s' not computed by the model (%s): tunnel-mtu-above-model not checked"),
			     NULL, 0 },
	[NOTE_NATT_AUTO_LIMIT] = { N_("%s: NAT-T starts by itself when a NAT is detected; behind one (a CPE doing NAT, MAP-E, DS-Lite) ESP in UDP carries %ld at most, and the tunnel MTU %ld is above that"),
				   NULL, 0 },
	[NOTE_REMOTE_ACCESS] = { N_("%ld gateway serves only L2TP/IPsec remote access (first: %s): the router answers its clients there and never starts IKE, so the DPD, IKE initiation and backward-compatibility checks leave it out"),
				 N_("%ld gateways serve only L2TP/IPsec remote access (first: %s): the router answers its clients there and never starts IKE, so the DPD, IKE initiation and backward-compatibility checks leave them out"),
				 0 },
	[NOTE_PROSE] = { N_("%ld line is prose, not configuration (lines %u to %u, the first: %s): %s; the audit read nothing from it"),
			 N_("%ld lines are prose, not configuration (lines %u to %u, the first: %s): %s; the audit read nothing from them"),
			 0 },
	[SAY_IKE_ADDR_NOT_HELD] = { N_("IKE is set to leave from this address, but no interface of this configuration holds it: the line's IPv4 address exists only in the NAT of %s (MAP-E or DS-Lite), so the router sends no IKE from it and the tunnel never comes up. Let IKE leave from an address the router holds, such as a LAN address (%s), and keep the global address as the IKE identity (ipsec ike local name)"),
				    NULL, 0 },
	[NOTE_NAT_SEEN] = { N_("%s: NAT-T is counted: IKE leaves from a private address (line %u: %s) toward a public peer (line %u: %s), so a NAT is on the path and NAT-T starts by itself (RFC 1918, RFC 3947)"),
			    NULL, 0 },
	[NOTE_TUNNEL_TEMPLATE] = { N_("%s: line %u: %s: its settings also apply to %ld more tunnel (Yamaha's tunnel template), which the audit does not list or check on its own; what it says of %s holds for it"),
				   N_("%s: line %u: %s: its settings also apply to %ld more tunnels (Yamaha's tunnel template), which the audit does not list or check on their own; what it says of %s holds for each of them"),
				   3 },
	/* core/audit_hint.c: only without --peer; AS from Amazon's VPC FAQ (doc/router-facts.md) */
	[NOTE_AWS_ASN] = { N_("BGP neighbour %s (line %u) has AS %ld, Amazon's legacy public ASN: this is %s; --peer %s makes the checks it needs (IKE initiation, DPD within %ld s, MTU %ld)"),
			   NULL, 0 },
	/* RTX 15.20: a method the IKE version lacks runs as its first form */
	[NOTE_KEEPALIVE_INSTEAD] = { N_("%s: line %u: %s: %s is no keepalive method of IKEv%ld, so the router runs %s in its place, with this line's switch, interval and count (15.20)"),
				     NULL, 0 },
	[NOTE_CLAMP_GLOBAL] = { N_("one MSS clamp line covers every tunnel here: a fix that changes it sets %ld, the largest that fits the smallest tunnel (%s, MTU %ld)"),
				NULL, 0 },
	[SAY_MSS6_ABOVE] = { N_("the IPv6 clamp %ld lets %ld-byte packets (MSS + 40 IPv6 + 20 TCP) into a tunnel whose IPv6 MTU is %ld (line %u); the largest IPv6 MSS that fits is %ld - 60 = %ld"),
			     NULL, 0 },
	[SAY_MSS_ABOVE] = { N_("the clamp lets TCP segments of %ld bytes in: %ld-byte packets with the IPv4 and TCP headers (20 + 20), into a tunnel whose MTU is %u%s. The largest MSS that fits is %u - 40 = %u; larger segments are fragmented or dropped, and a peer without path MTU discovery never says so"),
			    NULL, 0 },
	[SAY_MSS_ABOVE_MODEL] = { N_("the clamp lets TCP segments of %ld bytes in: %ld-byte packets with the IPv4 and TCP headers (20 + 20), and a line MTU of %u (%s) carries at most %u-byte packets with ESP %s%s, whatever the tunnel's MTU. The largest MSS that fits is %u - 40 = %u; larger segments are fragmented after encryption or dropped, and a peer without path MTU discovery never says so"), NULL,
				  0 },
	[SAY_MTU_ABOVE_MODEL] = { N_("tunnel MTU %u%s is above the %u that a line MTU of %u (%s) carries with ESP %s%s%s: full-size packets are fragmented after encryption or dropped"),
				  NULL, 0 },
	[SAY_CLAMP_OFF] = { N_("the IPv4 MSS clamp is off: nothing keeps TCP segments within the tunnel MTU when ICMP does not come back"),
			    NULL, 0 },
	[SAY_RTX_NO_CLAMP_FW_UNKNOWN] = { N_("no ip tunnel tcp mss limit: the default is auto on vRX, RTX5000/3500 Rev.14.00.22+, RTX1210 Rev.14.01.26+, RTX830 Rev.15.02.03+ and Rev.15.04+, but off on older firmware (e.g. RTX1200), and this configuration does not say which firmware it came from"),
					  NULL, 0 },
	[SAY_RTX_NO_CLAMP_FW_OFF] = { N_("no ip tunnel tcp mss limit, and on this firmware (%s, line %u) the default is off"),
				      NULL, 0 },
	[SAY_NO_CLAMP] = { N_("no MSS clamp for this tunnel, and %s clamps nothing unless told to: nothing keeps TCP segments within the tunnel MTU when ICMP does not come back"),
			   NULL, 0 },
	[SAY_CLAMP_ONE_WAY] = { N_("this clamp covers one direction only: it matches %s, not %s, so the MSS the other side announces is not lowered and TCP that way is not kept within the tunnel MTU when ICMP does not come back (unless the peer clamps that direction)%s"),
				NULL, 0 },
	[SAY_CLAMP_UNGUARDED] = { N_("this clamp has no tcp-mss guard (tcp-mss=N+1-65535): it also raises a smaller MSS to %ld, more than the sender's own path may carry"),
				  NULL, 0 },
	[SAY_IX_NO_CLAMP] = { N_("no ip tcp adjust-mss: the IX default was not found in any source (unknown default); every published IX configuration sets ip tcp adjust-mss auto"),
			      NULL, 0 },
	[SAY_NO_CLAMP_UNKNOWN] = { N_("no MSS clamp for this tunnel, and what %s does without one was not found in any source (unknown default): set the clamp rather than rely on it"),
				   NULL, 0 },
	[SAY_DF_CLEAR] = { N_("df-bit clear lets an inner packet too big for the tunnel be encrypted and then fragmented, instead of refused with an ICMP error that makes the sender shrink it; fragments of ESP are what many paths drop (the default is copy)"),
			   NULL, 0 },
	/* TRANSLATORS: how many tunnels, their names; then as the sentence above */
	[SAY_DF_CLEAR_SHARED] = { N_("this one line sets the outer DF bit of %ld tunnels (%s): df-bit clear lets an inner packet too big for the tunnel be encrypted and then fragmented, instead of refused with an ICMP error that makes the sender shrink it; fragments of ESP are what many paths drop (the default is copy)"), NULL,
				  0 },
	[SAY_DPD_NONE] = { N_("%s: no dead peer detection (RFC 3706) runs for this peer, so the router keeps SAs the peer has cleared%s"),
			   NULL, 0 },
	[SAY_RTX_KEEPALIVE_OFF] = { N_("keepalive is off: the router keeps its SAs after the peer has cleared them%s"),
				    NULL, 0 },
	[SAY_RTX_NO_KEEPALIVE] = { N_("no ipsec ike keepalive use: IKEv1 then uses heartbeat with switch auto, and heartbeat with auto on both ends runs no keepalive at all (15.20)%s"),
				   NULL, 0 },
	[SAY_RTX_HEARTBEAT_AUTO] = { N_("keepalive auto with heartbeat runs only when the peer sends heartbeats too (15.20)%s"),
				     NULL, 0 },
	[SAY_RTX_V2_NO_KEEPALIVE] = { N_("no ipsec ike keepalive use: IKEv2 then runs rfc4306 with switch auto, which only answers the peer's liveness checks and sends none of its own (15.20)%s"),
				      NULL, 0 },
	[SAY_RTX_V2_AUTO] = { N_("keepalive auto with rfc4306 (IKEv2) only answers the peer's liveness checks and sends none of its own, as off does (15.20)%s"),
			      NULL, 0 },
	[SAY_RTX_HEARTBEAT_PEER] = { N_("heartbeat is Yamaha's own keepalive and %s does not answer it; use dpd (RFC 3706)%s"),
				     NULL, 0 },
	[SAY_IX_NO_DPD] = { N_("no %s for this peer: the IX default was not found in any source (unknown default), so nothing is known to detect a dead peer%s"),
			    NULL, 0 },
	[SAY_IX_WATCH_NO_ACTION] = { N_("no ike keepalive for this peer, and the watch-group at line %ld that watches its tunnel has no action (action N ipsec clear-sa TunnelX): a watch-group with no action clears nothing; the IX default was not found in any source (unknown default), so nothing is known to detect a dead peer%s"),
				     NULL, 0 },
	[SAY_IPC_SWAN_NO_DPD] = { N_("%s: strongSwan sends no DPD (ipsec.conf(5): dpdaction=none, the default, disables it) and keeps SAs the peer has cleared%s"),
				  NULL, 0 },
	[SAY_IPC_LIBRE_NO_TIMEOUT] = { N_("%s without dpdtimeout: for IKEv1 Libreswan runs DPD only with both set (ipsec.conf(5)), so it keeps SAs the peer has cleared%s"),
				       NULL, 0 },
	[SAY_IPC_LIBRE_NO_DPD] = { N_("%s: Libreswan sends no DPD (ipsec.conf(5): dpddelay defaults to 0, disabled) and keeps SAs the peer has cleared%s"),
				   NULL, 0 },
	[SAY_SWAN_NO_DPD] = { N_("dpd_delay is %s: strongSwan never checks that the peer is alive, and keeps SAs the peer has cleared%s"),
			      NULL, 0 },
	[SAY_SLOW_DPD] = { N_("DPD declares the peer dead after %ld s; %s ends its side after %ld s without DPD replies, so for %ld s this router keeps sending into an SA the peer has deleted before it starts IKE again"),
			   NULL, 0 },
	[SAY_SLOW_DPD_AT_LEAST] = { N_("DPD declares the peer dead after at least %ld s; %s ends its side after %ld s without DPD replies, so for at least %ld s this router keeps sending into an SA the peer has deleted before it starts IKE again"),
				    NULL, 0 },
	[SAY_RTX_REFRESH_GLOBAL_OFF] = { N_("ipsec auto refresh is %s globally, so the router never starts a key exchange (15.10), while %s waits for the customer gateway to initiate: after the peer clears the tunnel nobody brings it back"), NULL,
					 0 },
	[SAY_RTX_REFRESH_GW_OFF] = { N_("ipsec auto refresh is off for this gateway, so the router never starts IKE with %s, which waits for the customer gateway"),
				     NULL, 0 },
	[SAY_RESPONDER_ONLY] = { N_("%s: the router only answers this peer and never starts IKE, while %s waits for the customer gateway to initiate: after the peer clears the tunnel nobody brings it back"),
				 NULL, 0 },
	[SAY_IX_NO_CONNECT] = { N_("no ikev2 connect-type auto: nothing here makes the router start IKE, while %s waits for the customer gateway to initiate"),
				NULL, 0 },
	[SAY_SWAN_START_NONE] = { N_("start_action is %s: strongSwan only loads this child and waits, while %s waits for the customer gateway to initiate"),
				  NULL, 0 },
	[SAY_IPC_NO_START] = { N_("%s: the router %s this conn and waits, while %s waits for the customer gateway to initiate (ipsec.conf(5): only auto=start, or route on traffic, starts IKE)"),
			       NULL, 0 },
	[SAY_INITIATES] = { N_("the router initiates toward %s%s, which should only be answered (field-observed with an RTX, not documented)"),
			    NULL, 0 },
	[SAY_RTX_REFRESH_ON] = { N_("the router starts IKE for this gateway (ipsec auto refresh on; per gateway the default is on), and with %s that is what kept the tunnel down after a reboot or SA deletion (field-observed: RTX1220 Rev.15.04.03, not documented by either vendor)"),
				 NULL, 0 },
	[SAY_BACKCOMPAT] = { N_("IKEv1 with backward-compatibility %s (1 is compatibility with older Yamaha releases, 15.28) toward %s, which is not a Yamaha router; an RTX1220 to a Sakura Cloud VPC router detected a dead peer only after backward-compatibility 2 (field-observed, not documented by either vendor)"),
			     NULL, 0 },
	[SAY_SELECTORS] = { N_("BGP neighbour %s (line %u) is reached through this tunnel, but the %s is %s, narrower than 0.0.0.0/0 both ways: IPsec comes up and BGP never does, because its packets fall outside the SA"),
			    NULL, 0 },
	[SAY_NATT_OFF] = { N_("NAT-T is %s, and %s requires it on the customer gateway: IPsec comes up and no traffic flows"),
			   NULL, 0 },
	[SAY_IPC_NO_REINIT] = { N_("%s: when %s stops answering and clears its side (DPD timeout, default action clear), %s and nothing starts IKE again%s; %s waits for the customer gateway%s"),
				NULL, 0 },
	[SAY_SWAN_NO_REINIT] = { N_("dpd_action is %s and close_action %s: when %s stops answering and clears its side (DPD timeout, default action clear), strongSwan clears its own and nothing starts IKE again%s; %s waits for the customer gateway"),
				 NULL, 0 },
	[SAY_LINE_MTU_ABOVE] = { N_("the configuration's line MTU %ld on %s is above the %u %s: packets of %u to %ld bytes leave the router too big for the line"),
				 NULL, 0 },
	/* probe --config: the configuration against the measured path MTUs */
	[VS_WAN_NO_LINE] = { N_("the configuration does not give the line MTU; the measured WAN path MTU %u is used"),
			     NULL, 0 },
	[VS_WAN_ABOVE] = { N_("the configuration's line MTU %u (%s) is above the %u that crosses the WAN: something on the path is smaller than the line; set it to %u"),
			   NULL, 0 },
	[VS_WAN_BELOW] = { N_("the configuration's line MTU %u (%s) is below the %u that crosses the WAN: safe, %u bytes unused"), NULL,
			   0 },
	[VS_WAN_AGREES] = { N_("the configuration's line MTU %u (%s) agrees with the measured WAN path MTU"),
			    NULL, 0 },
	[VS_TUNNELS] = { N_("the configuration has %zu tunnels; each is compared with the one tunnel path measured"),
			 NULL, 0 },
	[VS_TUNNEL_ABOVE] = { N_("%s: MTU %u (%s) is above the %u measured through the tunnel: packets of %u to %u bytes are fragmented or lost after encryption; set it to %u"),
			      NULL, 0 },
	[VS_TUNNEL_BELOW] = { N_("%s: MTU %u (%s) is below the %u measured through the tunnel: either the probe did not cross this tunnel, or the router's own tunnel MTU is not what limits it"),
			      NULL, 0 },
	[VS_TUNNEL_AGREES] = { N_("%s: MTU %u (%s) agrees with the %u measured through the tunnel"),
			       NULL, 0 },
	[VS_CLAMP_ABOVE] = { N_("%s: the MSS clamp %ld (line %u) is above the %u that fits the %u measured through the tunnel: TCP segments that size do not cross (field case 1)"),
			     NULL, 0 },
};
/* clang-format on */

/* One argument as words. */
static void
arg_text(const struct audit_say *w, const struct audit_arg *x, int localized, char *buf, size_t len)
{
	switch (x->kind) {
	case AA_END: buf[0] = '\0'; break;
	case AA_NUM: snprintf(buf, len, "%ld", x->n); break;
	case AA_STR: snprintf(buf, len, "%s", x->s ? x->s : ""); break;
	case AA_QUOTE: snprintf(buf, len, "%s", w->quote); break;
	case AA_WORD:
		snprintf(buf, len, "%s",
			 x->n > 0 && x->n < W_COUNT && say_words[x->n] ? L(say_words[x->n]) : "");
		break;
	case AA_PHRASE: snprintf(buf, len, "%s", x->s ? L(x->s) : ""); break;
	case AA_FROM:
		if (x->from)
			audit_line_from_words(x->from, localized, buf, len);
		else
			buf[0] = '\0';
		break;
	case AA_MODEL: model_error_words(&w->model, localized, buf, len); break;
	}
}

/* Fill fmt's conversions (%s, %u, %ld, %zu, and %N$ for a translation
 * that reorders) with the say's arguments, each already in words: the
 * table's sentences are data, so no printf is handed a format it did not
 * see at compile time. */
static void
fill(const struct audit_say *w, const char *fmt, int localized, char *buf, size_t len)
{
	size_t at = 0;
	unsigned next = 0;

	for (const char *p = fmt; *p; p++) {
		char arg[CONFIG_TEXT + CONFIG_NAME +
			 128]; /* a line_from: name, line, text and words */
		unsigned k = next;
		const char *q = p + 1;

		if (at + 1 >= len)
			goto cut;
		if (*p != '%') {
			buf[at++] = *p;
			continue;
		}
		if (*q == '%') {
			buf[at++] = '%';
			p = q;
			continue;
		}
		if (*q >= '1' && *q <= '9' && q[1] == '$') {
			k = (unsigned)(*q - '1');
			q += 2;
		} else {
			next++;
		}
		while (*q == 'l' || *q == 'z' || *q == 'h')
			q++;
		if (!*q)
			break;
		p = q;
		arg_text(w, k < AUDIT_ARGS ? &w->arg[k] : &w->arg[AUDIT_ARGS - 1], localized, arg,
			 sizeof(arg));
		for (const char *c = arg; *c; c++) {
			if (at + 1 >= len)
				goto cut;
			buf[at++] = *c;
		}
	}
	buf[at] = '\0';
	return;
cut: /* longer than buf: said by "..." (text_mark_cut), never shown in part */
	buf[at] = '\0';
	text_mark_cut(buf, len);
}

void
audit_say_words(const struct audit_say *w, int localized, char *buf, size_t len)
{
	const char *fmt;

	if (!len)
		return;
	buf[0] = '\0';
	if (w->code <= SAY_NONE || w->code >= SAY_COUNT || !say_table[w->code].one)
		return;
	fmt = say_table[w->code].one;
	if (say_table[w->code].plural) {
		long n = w->arg[say_table[w->code].count].n;
		unsigned long c = n < 0 ? 0 : (unsigned long)n;

		fmt = localized ? ngettext(say_table[w->code].one, say_table[w->code].plural, c)
		      : c == 1  ? say_table[w->code].one
				: say_table[w->code].plural;
	} else {
		fmt = L(fmt);
	}
	fill(w, fmt, localized, buf, len);
}
