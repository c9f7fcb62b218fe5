/* SPDX-License-Identifier: BSD-2-Clause */
/* The numbers the MTU/MSS checks compare: the line MTU (from the
 * configuration or the command line), each tunnel's MTU (configured or the
 * vendor's default), its ESP transform in strongSwan syntax, NAT-T, and
 * what the existing model (model_compute) says the line and the transform
 * allow. */
#include "core/audit_int.h"
#include "base/count.h"

#include <stdio.h>
#include <string.h>

/* The line MTU the parser found stated in the configuration (config.h
 * line_mtu: a MAP-E tunnel, a PPPoE interface, a WAN port), with where it
 * was found (its line, worded by render); --wan-mtu / --line override it. */
#define LINE_MTU_INTERNET 1500u

static void
line_mtu(struct audit_run *a)
{
	const struct config *c = a->cfg;
	const struct config_num *n = c->line_src ? &c->line_mtu : NULL;
	struct audit_result *r = a->r;
	struct audit_line_from *from = &r->line_from;

	*from = (struct audit_line_from){ AUDIT_LINE_NONE, NULL, NULL, 0, NULL, 0 };
	if (a->in->wan_mtu) {
		r->line_mtu = a->in->wan_mtu;
		from->src = AUDIT_LINE_GIVEN;
		from->given = a->in->wan_from;
		if (n && n->v != (long)a->in->wan_mtu)
			audit_note(a, NOTE_LINE_MTU_GIVEN,
				   ARGS(AN(n->v), AN(n->line), AS(n->text), AN(a->in->wan_mtu),
					AF(from)));
	} else if (n && n->v >= IP_MIN_MTU4) {
		r->line_mtu = (unsigned)n->v;
		/* a MAP-E / IPIP tunnel without its own MTU line: the 4in6 default */
		from->src = c->line_src == CONFIG_LINE_MAPE && !strstr(n->text, " mtu ")
				    ? AUDIT_LINE_CONFIG_4IN6
				    : AUDIT_LINE_CONFIG;
		from->name = c->line_name;
		from->line = n->line;
		from->text = n->text;
		from->mtu = r->line_mtu;
		/* A jumbo WAN port (a vSRX on EC2 at mtu 9192) is not the path's
		 * MTU: frames above 1500 do not cross the Internet (RFC 894, IP
		 * over Ethernet; AWS EC2 user guide, "Network MTU for your EC2
		 * instance": traffic through an internet gateway or a VPN
		 * connection is limited to 1500). Counting 9178 would make every
		 * tunnel MTU and clamp look safe. */
		if (r->line_mtu > LINE_MTU_INTERNET) {
			from->src = AUDIT_LINE_CONFIG_CAPPED;
			r->line_mtu = LINE_MTU_INTERNET;
		}
	} else {
		audit_note(a, NOTE_NO_LINE_MTU, NOARGS);
	}
}

/* NAT-T counted in the limit: a line that turns it on (or forces it). */
static int
tunnel_natt(const struct audit_run *a, size_t i)
{
	const struct config_num *n = config_tunnel_natt(a->cfg, i);

	return n && n->line && n->v == 1;
}

/* NAT-T not counted but not off either: the format starts it by itself
 * when NAT-D finds a NAT (RFC 3947; RFC 7296 section 2.23), which a CPE
 * doing NAT, MAP-E or DS-Lite in front of the router brings. */
static int
tunnel_natt_auto(const struct audit_run *a, size_t i)
{
	const struct config_num *n = config_tunnel_natt(a->cfg, i);
	const struct config_facts *fx = config_facts(a->cfg);

	if (!fx->natt_detects || tunnel_natt(a, i))
		return 0;
	return !(n && n->line && n->v == 0 && !fx->natt_zero_detects);
}

/* The tunnel's outer addresses: its own (config_tunnel.outer_local /
 * outer_remote: one IOS ikev2 profile for several peers), else its
 * gateway's. */
static void
outer_addrs(const struct audit_run *a, const struct config_tunnel *t,
	    const struct config_prefix **l, const struct config_prefix **r)
{
	const struct config_gateway *g = t->gateway >= 0 ? &a->cfg->gateways[t->gateway] : NULL;

	*l = t->outer_local.line ? &t->outer_local : g ? &g->local_addr : NULL;
	*r = t->outer_remote.line ? &t->outer_remote : g ? &g->remote_addr : NULL;
}

/* The tunnel's IKE leaves from a private address toward a public peer
 * (config_nat_between): NAT-D finds a NAT, and a format that starts
 * NAT-T by itself does. */
static int
nat_on_path(const struct audit_run *a, const struct config_tunnel *t)
{
	const struct config_prefix *l, *r;

	outer_addrs(a, t, &l, &r);
	return config_nat_between(l, r);
}

/* Proposals in a ',' list (config.h config_gateway.esp_text). */
static long
esp_count(const char *text)
{
	long n = *text ? 1 : 0;

	for (; *text; text++)
		n += *text == ',';
	return n;
}

/* What line + ESP (+ NAT-T) allow, capped by the peer's documented
 * maximum; 0 with e set when the model cannot compute it. The outer
 * header is IPv6 (40 bytes, RFC 8200) when the IKE peer's outer address
 * is an IPv6 one. */
static unsigned
limit_on(const struct audit_run *a, unsigned link, const char *esp, int natt, int outer6,
	 struct model_error *e)
{
	struct model_input in;
	struct model_result m;

	memset(&in, 0, sizeof(in));
	in.link_mtu = link;
	if (model_read_proposal(esp, &in.esp, e) < 0)
		return 0;
	model_default_stack(&in, outer6, natt, 0);
	if (model_run(&in, &m, e) < 0)
		return 0;
	return m.tunnel_mtu_model < a->peer->max_mtu ? m.tunnel_mtu_model : a->peer->max_mtu;
}

static unsigned
model_limit(struct audit_run *a, const char *esp, int natt, int outer6, struct model_error *e)
{
	return limit_on(a, a->r->line_mtu, esp, natt, outer6, e);
}

/* The line MTU a list of proposals is ranked on when the line is not
 * known: the ESP overhead barely depends on it (only the padding, RFC
 * 4303 section 2.4), and the limit is computed again on the real line. */
#define RANK_LINE_MTU 1500u

/* A tunnel's transforms, as the parser keeps them: one proposal, or
 * several separated by ',' (config.h config_gateway.esp_text). The
 * responder picks one of the initiator's (RFC 7296 section 2.7; IKEv1
 * RFC 2409 section 5), so the tunnel must carry the one that leaves the
 * least room: at->esp is that one. 0 and at->esp set; -1 with the text of
 * the proposal or word the model does not know in bad; 1 with at->esp the
 * one the model cannot compute; *n proposals. */
static int
esp_worst(const struct audit_run *a, struct audit_tunnel *at, const char *text, char *bad,
	  size_t badlen, unsigned *n)
{
	char list[CONFIG_ESP], kw[CONFIG_ESP];
	struct model_error e;
	char *save = NULL;
	unsigned worst = 0;
	size_t len;

	*n = 0;
	at->esp_all[0] = '\0';
	snprintf(list, sizeof(list), "%s", text);
	for (char *p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		unsigned lim;
		while (*p == ' ')
			p++;
		if (!*p)
			continue;
		++*n;
		if (config_esp_keyword(a->cfg->vendor, p, kw, sizeof(kw)) < 0) {
			snprintf(bad, badlen, "%s", kw);
			return -1;
		}
		len = strlen(at->esp_all);
		snprintf(at->esp_all + len, sizeof(at->esp_all) - len, "%s%s", len ? "," : "", kw);
		lim = limit_on(a, a->r->line_mtu ? a->r->line_mtu : RANK_LINE_MTU, kw, 0,
			       at->outer6, &e);
		/* one the model cannot compute is the one said (NOTE_ESP_MODEL) */
		if (!at->esp[0] || !lim || (worst && lim < worst)) {
			snprintf(at->esp, sizeof(at->esp), "%s", kw);
			worst = lim ? lim : 1;
		}
		if (!lim)
			return 1; /* said by NOTE_ESP_MODEL, not as the list's worst */
	}
	if (!*n) {
		bad[0] = '\0';
		return -1;
	}
	return 0;
}

/* ESP of tunnel t rides in IPv6: its IKE peer's outer address, or this
 * end's, is an IPv6 one (config_prefix.v6). */
static int
tunnel_outer6(const struct audit_run *a, const struct config_tunnel *t)
{
	const struct config_gateway *g;

	if (t->gateway < 0 || (size_t)t->gateway >= a->cfg->ngateways)
		return 0;
	g = &a->cfg->gateways[t->gateway];
	return g->remote_addr.v6 || g->local_addr.v6;
}

static unsigned
mss_for(const struct audit_run *a, unsigned mtu)
{
	unsigned mss = mtu > IP_MSS4_HDR ? mtu - IP_MSS4_HDR : 0;

	return mss > a->peer->max_mss4 ? a->peer->max_mss4 : mss;
}

/* The one policy for the numbers a fix sets (mtuprobe(1), AUDIT: the same
 * as calc and probe): the largest tunnel MTU the line and the ESP allow
 * (the model's limit, capped by the peer's maximum), with the clamp at
 * MTU - 40 (RFC 879). --keep-mtu: the smallest change, the configured MTU
 * (or the vendor default) kept when it fits, only the clamp lowered. With
 * no line MTU known the limit is unknown, and the MTU is kept. alt_mtu is
 * what the other policy would set, printed as a one-line alternative. */
static void
policy(const struct audit_run *a, struct audit_tunnel *at)
{
	unsigned keep = at->mtu && (!at->limit || at->mtu <= at->limit) ? at->mtu : at->limit;
	unsigned most = at->limit ? at->limit : at->mtu;

	at->target_mtu = a->in->keep_mtu ? keep : most;
	at->alt_mtu = a->in->keep_mtu ? most : keep;
	at->target_mss = mss_for(a, at->target_mtu);
	at->alt_mss = mss_for(a, at->alt_mtu);
}

/* Why the MTU/MSS checks pass tunnel t by, or AUDIT_CHECKED. */
static enum audit_skip
skip(const struct audit_run *a, const struct config_tunnel *t)
{
	if (t->kind != CONFIG_TK_IPSEC)
		return AUDIT_SKIP_KIND;
	if (t->gateway < 0 && !t->ikev2 && !t->policy.line &&
	    !config_facts(a->cfg)->implicit_policy)
		return AUDIT_SKIP_NO_IPSEC;
	if (t->mtu.tmpl || t->mss.tmpl || t->mtu6.tmpl || t->mss6.tmpl)
		return AUDIT_SKIP_TEMPLATE;
	return AUDIT_CHECKED;
}

/* Why tunnel t has no ESP the model computes: bad is the word it does
 * not know (esp_worst). */
static void
esp_unknown(struct audit_run *a, const struct config_tunnel *t, const char *text, const char *bad)
{
	if (*text && config_is_placeholder(bad))
		audit_note(a, NOTE_ESP_TEMPLATE, ARGS(AS(t->name), AQ(bad)));
	else if (*text)
		audit_note(a, NOTE_ESP_UNKNOWN, ARGS(AS(t->name), AS(text), AQ(bad)));
	else if (t->gateway >= 0 && a->cfg->gateways[t->gateway].esp_set[0]) {
		const struct config_gateway *g = &a->cfg->gateways[t->gateway];
		audit_note(a, NOTE_ESP_SET,
			   ARGS(AS(t->name), AN(g->esp_several.line), AS(g->esp_several.text),
				AS(g->esp_set)));
	} else if (t->gateway >= 0 && a->cfg->gateways[t->gateway].esp_several.line) {
		const struct config_num *n = &a->cfg->gateways[t->gateway].esp_several;
		audit_note(a, NOTE_ESP_SEVERAL, ARGS(AS(t->name), AN(n->line), AS(n->text)));
	}
}

static void
tunnel_numbers(struct audit_run *a, size_t i)
{
	const struct config_tunnel *t = &a->cfg->tunnels[i];
	struct audit_tunnel *at = &a->r->tunnels[i];
	char kw[CONFIG_ESP];
	const struct config_num *esp;
	const char *text = config_tunnel_esp(a->cfg, i, &esp);
	unsigned nprop;
	int rc;

	at->index = (int)i;
	at->natt = tunnel_natt(a, i);
	at->natt_auto = tunnel_natt_auto(a, i);
	if (at->natt_auto && nat_on_path(a, t)) { /* it will start: count it */
		const struct config_prefix *l, *r;
		outer_addrs(a, t, &l, &r);
		at->natt = at->nat_seen = 1;
		at->natt_auto = 0;
		audit_note(a, NOTE_NAT_SEEN,
			   ARGS(AS(t->name), AN(l->line), AS(l->text), AN(r->line), AS(r->text)));
	}
	{
		const struct config_num *n = config_tunnel_natt(a->cfg, i);
		at->natt_unknown = !at->natt && !at->natt_auto && !(n && n->line) &&
				   config_facts(a->cfg)->natt_default_unknown;
	}
	at->skip = skip(a, t);
	if (t->mtu.line && !t->mtu.tmpl) {
		at->mtu = (unsigned)t->mtu.v;
	} else if (config_facts(a->cfg)->tunnel_mtu_default && !t->mtu.tmpl &&
		   t->kind == CONFIG_TK_IPSEC && !t->via[0]) {
		/* a tunnel that is no interface (via: a policy-based peer) has
		 * no MTU of its own, so no interface default either */
		at->mtu = config_facts(a->cfg)->tunnel_mtu_default;
		at->mtu_default = 1;
	}
	if (at->skip != AUDIT_CHECKED)
		return;
	at->outer6 = tunnel_outer6(a, t);
	if (esp->cut) {
		/* a part of the list may lack the proposal that carries
		 * least: nothing is computed from it */
		at->esp[0] = '\0';
		audit_note(a, NOTE_ESP_CUT,
			   ARGS(AS(t->name), AN(esp->line), AS(esp->text), AN(esp_count(text))));
	} else if ((rc = esp_worst(a, at, text, kw, sizeof(kw), &nprop)) >= 0 && at->esp[0]) {
		if (nprop > 1 && rc == 0)
			audit_note(a, NOTE_ESP_LIST, ARGS(AS(t->name), AN(nprop), AS(at->esp)));
	} else {
		at->esp[0] = '\0';
		esp_unknown(a, t, text, kw);
	}
	if (at->esp[0]) {
		struct esp_proposal pr;
		struct model_error e;
		if (model_read_proposal(at->esp, &pr, &e) == 0 && pr.integ_dropped)
			audit_note(a, NOTE_INTEG_DROPPED, ARGS(AS(t->name), AS(at->esp)));
	}
	if (a->r->line_mtu && at->esp[0]) {
		struct model_error e;
		at->limit = model_limit(a, at->esp, at->natt, at->outer6, &e);
		if (!at->limit) /* never silent: say why no limit was computed */
			audit_note(a, NOTE_ESP_MODEL, ARGS(AS(t->name), AS(at->esp), AM(&e)));
	}
	if (at->limit && at->natt_auto) {
		struct model_error e;
		at->limit_natt = model_limit(a, at->esp, 1, at->outer6, &e);
	}
	/* above the limit is tunnel-mtu-above-model; between the two, it holds
	 * only while no NAT is on the path: said, not judged */
	if (at->limit_natt && at->mtu > at->limit_natt && at->mtu <= at->limit)
		audit_note(a, NOTE_NATT_AUTO_LIMIT,
			   ARGS(AS(t->name), AN(at->limit_natt), AN(at->mtu)));
	policy(a, at);
}

/* A format with one clamp line for every tunnel (config_facts.clamp_global:
 * Junos "security flow tcp-mss ipsec-vpn mss" applies to all TCP going into
 * any IPsec VPN, Junos ipsec-vpn (Flow) statement): per-tunnel numbers
 * would give one line several values and the change set would keep the
 * last. The clamp is set for the smallest tunnel, which fits them all. */
static void
global_clamp(struct audit_run *a)
{
	struct audit_tunnel *at = a->r->tunnels;
	unsigned mss = 0, alt = 0;
	size_t low = 0;
	int differ = 0;

	if (!config_facts(a->cfg)->clamp_global)
		return;
	for (size_t i = 0; i < a->r->ntunnels; i++) {
		if (at[i].skip != AUDIT_CHECKED || !at[i].target_mss)
			continue;
		differ |= (mss && at[i].target_mss != mss) || (alt && at[i].alt_mss != alt);
		if (!mss || at[i].target_mss < mss)
			mss = at[i].target_mss, low = i;
		if (at[i].alt_mss && (!alt || at[i].alt_mss < alt))
			alt = at[i].alt_mss;
	}
	if (!differ)
		return;
	for (size_t i = 0; i < a->r->ntunnels; i++)
		if (at[i].skip == AUDIT_CHECKED && at[i].target_mss)
			at[i].target_mss = mss, at[i].alt_mss = alt ? alt : at[i].alt_mss;
	audit_note(a, NOTE_CLAMP_GLOBAL,
		   ARGS(AN(mss), AS(a->cfg->tunnels[low].name), AN(at[low].target_mtu)));
}

void
audit_prepare(struct audit_run *a)
{
	line_mtu(a);
	a->r->ntunnels = a->cfg->ntunnels;
	for (size_t i = 0; i < a->cfg->ntunnels; i++)
		tunnel_numbers(a, i);
	global_clamp(a);
}

const struct audit_tunnel *
audit_tunnel_at(const struct audit_run *a, size_t i)
{
	return &a->r->tunnels[i];
}

int
audit_is_ikev2(const struct audit_run *a, int gateway)
{
	const struct config_gateway *g = gateway >= 0 ? &a->cfg->gateways[gateway] : NULL;

	if (!g)
		return 0;
	if (g->version.line && (g->version.v == 1 || g->version.v == 2))
		return g->version.v == 2;
	/* unset or "either": what the format starts with (facts) */
	return config_facts(a->cfg)->ike_start_unset[a->cfg->dialect] == 2;
}
