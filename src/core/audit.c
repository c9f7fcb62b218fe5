/* SPDX-License-Identifier: BSD-2-Clause */
/* The audit's checks: one const table row each (id, severity, source,
 * explanation, function). Facts and defaults: doc/router-facts.md
 * and doc/vendor-syntax.md; where those say a default was not found (NEC IX),
 * the finding says "unknown default" instead of guessing. */
#include "core/audit_int.h"
#include "base/text.h"
#include "base/ip.h"
#include "base/count.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Doubling growth for the result's tables; -1 (and r->nomem) when memory
 * runs out, which audit_run reports: nothing is dropped quietly. */
static int
grow(struct audit_result *r, void **rows, size_t n, size_t *cap, size_t size)
{
	size_t want;
	void *p;

	if (n < *cap)
		return 0;
	want = *cap ? *cap * 2 : 16;
	if (!(p = realloc(*rows, want * size))) {
		r->nomem = 1;
		return -1;
	}
	*rows = p;
	*cap = want;
	return 0;
}

static void
say_set(struct audit_say *w, int code, const struct audit_arg *args)
{
	size_t k = 0;

	memset(w, 0, sizeof(*w));
	w->code = code;
	/* the table holds AUDIT_ARGS; a longer list is a bug, cut visibly */
	for (; args && args[k].kind != AA_END && k + 1 < AUDIT_ARGS; k++) {
		w->arg[k] = args[k];
		if (args[k].kind == AA_QUOTE) {
			text_copy(w->quote, sizeof(w->quote), args[k].s ? args[k].s : "");
			w->arg[k].s = NULL;
		} else if (args[k].kind == AA_MODEL) {
			if (args[k].me)
				w->model = *args[k].me;
			w->arg[k].me = NULL;
		}
	}
}

struct audit_finding *
audit_finding(struct audit_run *a, unsigned line, const char *text, const char *where, int code,
	      const struct audit_arg *args)
{
	struct audit_result *r = a->r;
	struct audit_finding *f;

	if (grow(r, (void **)&r->findings, r->nfindings, &r->cap_findings, sizeof(*f)) < 0)
		return NULL;
	f = &r->findings[r->nfindings++];
	memset(f, 0, sizeof(*f));
	f->check = a->check;
	f->line = line;
	snprintf(f->text, sizeof(f->text), "%s", text ? text : "");
	text_copy(f->where, sizeof(f->where), where);
	say_set(&f->say, code, args);
	if (a->check->severity == AUDIT_ERROR)
		r->nerror++;
	else if (a->check->severity == AUDIT_WARNING)
		r->nwarning++;
	return f;
}

void
audit_fix(struct audit_finding *f, enum audit_fix_kind kind, long n, long m, int tunnel,
	  int gateway)
{
	if (!f || f->nfix >= AUDIT_MAX_FIX)
		return;
	f->fix[f->nfix++] = (struct audit_fix){ kind, n, m, tunnel, gateway, 0, -1 };
}

struct audit_say *
audit_note(struct audit_run *a, int code, const struct audit_arg *args)
{
	struct audit_result *r = a->r;
	struct audit_say *w;

	if (grow(r, (void **)&r->notes, r->nnotes, &r->cap_notes, sizeof(r->notes[0])) < 0)
		return NULL;
	w = &r->notes[r->nnotes++];
	say_set(w, code, args);
	return w;
}

/* A setting whose value is a template placeholder: the check that needs
 * it is not made, and a note says so (never a finding from a guess). */
static int
tmpl_skip(struct audit_run *a, const struct config_num *n, const char *where)
{
	if (!n || !n->tmpl)
		return 0;
	audit_note(a, NOTE_TEMPLATE, ARGS(AQ(where), AN(n->line), AS(n->text), AS(a->check->id)));
	return 1;
}

static const struct config_tunnel *
tunnel(const struct audit_run *a, size_t i)
{
	return &a->cfg->tunnels[i];
}

/* The first tunnel bound to gateway g, -1 if none. */
static int
first_tunnel(const struct audit_run *a, size_t g)
{
	return a->first[g];
}

static int
by_bgp_addr(const void *x, const void *y, void *arg)
{
	const struct config_bgp *b = arg;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;

	if (b[i].addr != b[j].addr)
		return b[i].addr < b[j].addr ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* The indexes of struct audit_run; -1 when memory runs out. */
static int
index_build(struct audit_run *a)
{
	const struct config *c = a->cfg;

	a->first = malloc((c->ngateways ? c->ngateways : 1) * sizeof(*a->first));
	a->next = malloc((c->ntunnels ? c->ntunnels : 1) * sizeof(*a->next));
	a->bgp_order = malloc((c->nbgp ? c->nbgp : 1) * sizeof(*a->bgp_order));
	a->remote_only = malloc(c->ngateways ? c->ngateways : 1);
	if (!a->first || !a->next || !a->bgp_order || !a->remote_only)
		return -1;
	for (size_t g = 0; g < c->ngateways; g++)
		a->first[g] = -1;
	for (size_t i = c->ntunnels; i-- > 0;) { /* backwards: each list in tunnel order */
		int g = c->tunnels[i].gateway;
		a->next[i] = -1;
		if (g >= 0 && (size_t)g < c->ngateways) {
			a->next[i] = a->first[g];
			a->first[g] = (int)i;
		}
	}
	for (size_t g = 0; g < c->ngateways; g++) {
		a->remote_only[g] = a->first[g] >= 0;
		for (int i = a->first[g]; i >= 0; i = a->next[i])
			if (c->tunnels[i].kind != CONFIG_TK_L2TP)
				a->remote_only[g] = 0;
	}
	for (size_t b = 0; b < c->nbgp; b++)
		a->bgp_order[b] = b;
	if (c->nbgp)
		qsort_r(a->bgp_order, c->nbgp, sizeof(*a->bgp_order), by_bgp_addr, c->bgp);
	return 0;
}

static void
index_free(struct audit_run *a)
{
	free(a->first);
	free(a->next);
	free(a->bgp_order);
	free(a->remote_only);
}

/* An RTX's L2TP/IPsec is a remote-access server only: it answers
 * smartphones and PCs, never starts IKE, and does no LAN-to-LAN VPN
 * (Yamaha RTX command reference, L2TP/IPsec function). */
static int
remote_only(const struct audit_run *a, int g)
{
	return g >= 0 && (size_t)g < a->cfg->ngateways && a->remote_only[g];
}

static void
gateway_label(const struct audit_run *a, size_t g, char *buf, size_t len)
{
	char name[41]; /* 40 bytes of the name, whole characters (a Japanese IX peer name) */

	text_copy(name, sizeof(name), a->cfg->gateways[g].name);
	snprintf(buf, len, "%s %s", config_facts(a->cfg)->peer_word, name);
}

/* Said once, before the checks: which gateways they leave alone. */
static void
remote_note(struct audit_run *a)
{
	size_t n = 0;
	int first = -1;
	char where[64];

	for (size_t g = 0; g < a->cfg->ngateways; g++)
		if (a->remote_only[g]) {
			if (first < 0)
				first = (int)g;
			n++;
		}
	if (!n)
		return;
	gateway_label(a, (size_t)first, where, sizeof(where));
	audit_note(a, NOTE_REMOTE_ACCESS, ARGS(AN(n), AQ(where)));
}

/* Tunnels a template stands for are not in the table: say how many. */
static void
template_copies(struct audit_run *a)
{
	for (size_t i = 0; i < a->cfg->ntunnels; i++) {
		const struct config_num *n = &a->cfg->tunnels[i].copies;
		const char *name = a->cfg->tunnels[i].name;
		if (n->line && !n->tmpl) /* a placeholder: the template note says it */
			audit_note(a, NOTE_TUNNEL_TEMPLATE,
				   ARGS(AS(name), AN(n->line), AS(n->text), AN(n->v), AS(name)));
	}
}

/* The tunnel's numbers under the audit's one policy (audit_model.c): the
 * MTU line when it changes (or the RTX default is written out), then the
 * clamp that fits it. Every check that fixes MTU or MSS goes through here,
 * so no two findings print different numbers for one tunnel. */
static void
fix_numbers(struct audit_finding *f, const struct audit_tunnel *at, const struct config_tunnel *t)
{
	if (at->mtu_default || at->target_mtu != at->mtu)
		audit_fix(f, FIX_TUNNEL_MTU, at->target_mtu, 0, at->index, t->gateway);
	audit_fix(f, FIX_TUNNEL_MSS, at->target_mss, 0, at->index, t->gateway);
}

/* ---- mss-above-tunnel-mtu ---------------------------------------------- */

static void
mss6_above(struct audit_run *a, size_t i)
{
	const struct config_tunnel *t = tunnel(a, i);
	long max6 = t->mtu6.v - IP_MSS6_HDR;
	struct audit_finding *f;

	if (!t->mss6.line || t->mss6.tmpl || t->mtu6.tmpl || t->mss6.v != CONFIG_MSS_NUM ||
	    !t->mtu6.line || t->mss6_value <= max6)
		return;
	f = audit_finding(a, t->mss6.line, t->mss6.text, t->name, SAY_MSS6_ABOVE,
			  ARGS(AN(t->mss6_value), AN(t->mss6_value + IP_MSS6_HDR), AN(t->mtu6.v),
			       AN(t->mtu6.line), AN(t->mtu6.v), AN(max6)));
	audit_fix(f, FIX_TUNNEL_MSS6, max6, 0, (int)i, t->gateway);
}

/* No tunnel MTU is known (no interface, or a default no source gives),
 * but the line MTU and the ESP are: whatever the tunnel's MTU, no packet
 * above the limit leaves whole, so a clamp above limit - 40 lets in
 * segments that are fragmented after encryption or dropped (AWS's own IOS
 * and FortiGate samples clamp 1387, which a 1454 line with aes128-sha1
 * does not carry: 1390 - 40 = 1350). A policy-based tunnel has no MTU of
 * its own to set: only its clamp is fixed. */
static void
mss_above_model(struct audit_run *a, size_t i)
{
	const struct config_tunnel *t = tunnel(a, i);
	const struct audit_tunnel *at = audit_tunnel_at(a, i);
	struct audit_finding *f;

	f = audit_finding(a, t->mss.line, t->mss.text, t->name, SAY_MSS_ABOVE_MODEL,
			  ARGS(AN(t->mss_value), AN(t->mss_value + IP_MSS4_HDR), AN(a->r->line_mtu),
			       AF(&a->r->line_from), AN(at->limit), AS(at->esp),
			       AW(at->natt ? W_IN_UDP_NATT : W_NONE), AN(at->limit),
			       AN(at->limit - IP_MSS4_HDR)));
	if (t->via[0])
		audit_fix(f, FIX_TUNNEL_MSS, at->target_mss, 0, (int)i, t->gateway);
	else
		fix_numbers(f, at, t);
}

static void
check_mss_above(struct audit_run *a)
{
	for (size_t i = 0; i < a->cfg->ntunnels; i++) {
		const struct config_tunnel *t = tunnel(a, i);
		const struct audit_tunnel *at = audit_tunnel_at(a, i);
		struct audit_finding *f;
		if (at->skip != AUDIT_CHECKED)
			continue;
		mss6_above(a, i);
		if (!t->mss.line || t->mss.v != CONFIG_MSS_NUM)
			continue;
		if (!at->mtu && at->limit && t->mss_value > (long)at->limit - IP_MSS4_HDR) {
			mss_above_model(a, i);
			continue;
		}
		if (!at->mtu) {
			if (t->via[0]) /* no interface: no MTU to compare with */
				audit_note(a, NOTE_CLAMP_POLICY,
					   ARGS(AS(t->name), AN(t->mss_value),
						AS(config_vendor_display(a->cfg->vendor)),
						AS(t->via)));
			else if (!config_facts(a->cfg)->tunnel_mtu_default &&
				 config_facts(a->cfg)->neutral)
				audit_note(a, NOTE_CLAMP_NO_DEFAULT,
					   ARGS(AS(t->name), AN(t->mss_value),
						AS(config_vendor_display(a->cfg->vendor))));
			else if (!config_facts(a->cfg)->tunnel_mtu_default)
				audit_note(a, NOTE_CLAMP_NO_IX_MTU,
					   ARGS(AS(t->name), AN(t->mss_value)));
			continue;
		}
		if (t->mss_value <= (long)at->mtu - IP_MSS4_HDR)
			continue;
		f = audit_finding(a, t->mss.line, t->mss.text, t->name, SAY_MSS_ABOVE,
				  ARGS(AN(t->mss_value), AN(t->mss_value + IP_MSS4_HDR),
				       AN(at->mtu),
				       at->mtu_default ? AP(config_facts(a->cfg)->mtu_default_unset)
						       : AW(W_NONE),
				       AN(at->mtu), AN(at->mtu - IP_MSS4_HDR)));
		fix_numbers(f, at, t);
	}
}

/* ---- tunnel-mtu-above-model -------------------------------------------- */

static void
check_mtu_model(struct audit_run *a)
{
	for (size_t i = 0; i < a->cfg->ntunnels; i++) {
		const struct config_tunnel *t = tunnel(a, i);
		const struct audit_tunnel *at = audit_tunnel_at(a, i);
		struct audit_finding *f;
		if (at->skip != AUDIT_CHECKED || !at->mtu || !at->limit || at->mtu <= at->limit)
			continue;
		f = audit_finding(a, t->mtu.line ? t->mtu.line : t->line,
				  t->mtu.line ? t->mtu.text : "", t->name, SAY_MTU_ABOVE_MODEL,
				  ARGS(AN(at->mtu),
				       at->mtu_default ? AP(config_facts(a->cfg)->mtu_default_word)
						       : AW(W_NONE),
				       AN(at->limit), AN(a->r->line_mtu), AF(&a->r->line_from),
				       AS(at->esp), AW(at->natt ? W_IN_UDP_NATT : W_NONE),
				       AW(at->limit == a->peer->max_mtu ? W_CAPPED_PEER : W_NONE)));
		fix_numbers(f, at, t);
	}
}

/* ---- no-mss-clamp ------------------------------------------------------ */

/* What each format's clamp default (config_clamp_default(), whose words
 * config_facts.clamp_why chooses) says when a tunnel has no clamp line:
 * the finding per state (SAY_NONE for AUTO: the router clamps by itself),
 * and what it quotes. RTX and IX keep their own words (command reference
 * 8.1.21; no NEC document); the newer formats say CONFIG_CWHY_NONE's. */
enum clamp_quote { CQ_NONE, CQ_VENDOR, CQ_FIRMWARE };
static const struct clamp_say {
	int none, unknown;
	enum clamp_quote nq, uq;
} clamp_says[CONFIG_CWHY_COUNT] = {
	[CONFIG_CWHY_NONE] = { SAY_NO_CLAMP, SAY_NO_CLAMP_UNKNOWN, CQ_VENDOR, CQ_VENDOR },
	[CONFIG_CWHY_RTX] = { SAY_RTX_NO_CLAMP_FW_OFF, SAY_RTX_NO_CLAMP_FW_UNKNOWN, CQ_FIRMWARE,
			      CQ_NONE },
	[CONFIG_CWHY_IX] = { SAY_NO_CLAMP, SAY_IX_NO_CLAMP, CQ_VENDOR, CQ_NONE },
};

/* A tunnel of no clamp line: the finding its format's default calls for,
 * NULL when the router clamps by itself. */
static struct audit_finding *
no_clamp_default(struct audit_run *a, size_t i)
{
	const struct config_tunnel *t = tunnel(a, i);
	const struct config_facts *x = config_facts(a->cfg);
	const struct clamp_say *w =
		&clamp_says[x->clamp_why < CONFIG_CWHY_COUNT ? x->clamp_why : CONFIG_CWHY_NONE];
	enum config_clamp_state st = config_clamp_default(a->cfg);
	enum clamp_quote q = st == CONFIG_CLAMP_NONE ? w->nq : w->uq;

	if (st == CONFIG_CLAMP_AUTO)
		return NULL;
	return audit_finding(a, t->line, "", t->name,
			     st == CONFIG_CLAMP_NONE ? w->none : w->unknown,
			     q == CQ_VENDOR ? ARGS(AS(config_vendor_display(a->cfg->vendor)))
			     : q == CQ_FIRMWARE
				     ? ARGS(AS(a->cfg->firmware), AN(a->cfg->firmware_line))
				     : NOARGS);
}

/* A clamp of rules that each match a direction (config_tunnel.mss_dirs:
 * RouterOS change-mss) that leaves one out, or lacks the guard that keeps
 * it from raising a smaller MSS: not a full clamp (doc/vendor-syntax.md,
 * Linux: one direction leaves the far side's SYN-ACK unclamped; MikroTik
 * manual, Mangle: tcp-mss=N+1-65535). The fix is the full clamp calc
 * prints, at the clamp's own number when no other is known. */
static void
clamp_half(struct audit_run *a, size_t i)
{
	const struct config_tunnel *t = tunnel(a, i);
	const struct audit_tunnel *at = audit_tunnel_at(a, i);
	const unsigned both = CONFIG_DIR_OUT | CONFIG_DIR_IN;
	struct audit_finding *f;

	if (!t->mss_dirs || (t->mss_dirs == both && !t->mss_unguarded.line))
		return;
	if (t->mss_dirs != both)
		f = audit_finding(a, t->mss.line, t->mss.text, t->name, SAY_CLAMP_ONE_WAY,
				  ARGS(AW(t->mss_dirs & CONFIG_DIR_OUT ? W_SYN_TOWARD_PEER
								       : W_SYN_FROM_PEER),
				       AW(t->mss_dirs & CONFIG_DIR_OUT ? W_SYN_FROM_PEER
								       : W_SYN_TOWARD_PEER),
				       AW(t->mss_unguarded.line ? W_NO_MSS_GUARD : W_NONE)));
	else
		f = audit_finding(a, t->mss_unguarded.line, t->mss_unguarded.text, t->name,
				  SAY_CLAMP_UNGUARDED, ARGS(AN(t->mss_unguarded.v)));
	audit_fix(f, FIX_TUNNEL_MSS, at->target_mss ? (long)at->target_mss : t->mss_value, 0,
		  (int)i, t->gateway);
}

/* A format whose interface clamp covers one direction on older releases
 * (config_facts.clamp_one_way_before: FortiOS before 7.0.1): said once
 * when a tunnel's clamp is, or its fix would be, an interface's line, on
 * a release before it or one the file does not name. */
static void
clamp_one_way(struct audit_run *a)
{
	const struct config_facts *fx = config_facts(a->cfg);
	int iface = 0;

	if (!fx->clamp_one_way_before ||
	    (a->cfg->release && a->cfg->release >= fx->clamp_one_way_before))
		return;
	for (size_t i = 0; i < a->cfg->ntunnels; i++)
		iface |= audit_tunnel_at(a, i)->skip == AUDIT_CHECKED && !tunnel(a, i)->mss_policy;
	if (!iface)
		return;
	if (a->cfg->release)
		audit_note(a, NOTE_CLAMP_ONE_WAY,
			   ARGS(AS(a->cfg->firmware), AN(a->cfg->firmware_line),
				AP(fx->clamp_one_way)));
	else
		audit_note(a, NOTE_CLAMP_ONE_WAY_FW, ARGS(AP(fx->clamp_one_way)));
}

static void
check_no_clamp(struct audit_run *a)
{
	if (!config_facts(a->cfg)->clamp_in_config) {
		if (a->cfg->ntunnels)
			audit_note(a, NOTE_CLAMP_ELSEWHERE,
				   ARGS(AP(config_facts(a->cfg)->clamp_elsewhere)));
		return;
	}
	for (size_t i = 0; i < a->cfg->ntunnels; i++) {
		const struct config_tunnel *t = tunnel(a, i);
		const struct audit_tunnel *at = audit_tunnel_at(a, i);
		struct audit_finding *f = NULL;
		if (at->skip != AUDIT_CHECKED)
			continue;
		if (t->mss.line && t->mss.v != CONFIG_MSS_OFF) {
			clamp_half(a, i);
			continue;
		}
		if (t->mss.line)
			f = audit_finding(a, t->mss.line, t->mss.text, t->name, SAY_CLAMP_OFF,
					  NOARGS);
		else
			f = no_clamp_default(a, i);
		if (at->target_mss)
			fix_numbers(f, at, t);
		else /* no MTU known (IX without ip mtu): the router's own auto */
			audit_fix(f, FIX_TUNNEL_MSS, 0, 0, (int)i, t->gateway);
	}
	clamp_one_way(a);
}

/* ---- outer-df-clear ---------------------------------------------------- */

/* One finding per df-bit line: a line that is several tunnels' (IOS's
 * global crypto ipsec df-bit, which every IPsec tunnel takes) is said once,
 * naming them, with one fix; a tunnel's own line (RTX ipsec tunnel outer
 * df-bit) stays that tunnel's. */
static void
check_df_clear(struct audit_run *a)
{
	const struct config *c = a->cfg;

	for (size_t i = 0; i < c->ntunnels; i++) {
		const struct config_tunnel *t = tunnel(a, i);
		struct audit_finding *f;
		char names[sizeof(f->say.quote)];
		size_t n = 1, len;
		int seen = 0, cut = 0;
		if (!t->df.line || t->df.v != 2)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = tunnel(a, j)->df.line == t->df.line;
		if (seen)
			continue; /* said with the first tunnel of its line */
		snprintf(names, sizeof(names), "%s", t->name);
		len = strlen(names);
		for (size_t j = i + 1; j < c->ntunnels; j++) {
			const struct config_tunnel *u = tunnel(a, j);
			if (u->df.line != t->df.line)
				continue;
			n++;
			/* the names that fit with room for ", ..." after them; then
			 * ", ...", once (the count says how many there are) */
			if (!cut && len + 2 + strlen(u->name) + 5 < sizeof(names)) {
				len += (size_t)snprintf(names + len, sizeof(names) - len, ", %s",
							u->name);
			} else if (!cut) {
				snprintf(names + len, sizeof(names) - len, ", ...");
				cut = 1;
			}
		}
		if (n == 1)
			f = audit_finding(a, t->df.line, t->df.text, t->name, SAY_DF_CLEAR, NOARGS);
		else
			f = audit_finding(a, t->df.line, t->df.text, "", SAY_DF_CLEAR_SHARED,
					  ARGS(AN(n), AQ(names)));
		audit_fix(f, FIX_DF_COPY, 0, 0, (int)i, t->gateway);
	}
}

/* ---- no-dead-peer-detection -------------------------------------------- */

/* Where a neutral finding about gateway g points: the deciding line, or
 * the gateway's block when the format's default decided (src line 0). */
static unsigned
neutral_at(const struct audit_run *a, size_t g, const struct config_num *src, const char **text,
	   char *where, size_t len)
{
	gateway_label(a, g, where, len);
	*text = src->line ? src->text : "";
	return src->line ? src->line : a->cfg->gateways[g].line;
}

/* What each reason a parser gives for no working DPD (config_live.why)
 * says: the finding (state OFF) and what it quotes before the tail that
 * says AWS clears its side; for state UNKNOWN, the note. The older
 * formats keep their own words (RTX 15.20, ipsec.conf(5), swanctl.conf(5):
 * the parsers cite them); the newer ones say CONFIG_WHY_NONE's. */
enum dpd_quote {
	DQ_NONE,
	DQ_OFF,      /* W_DPD_OFF when a line decided, W_DPD_UNSET_OFF when the default did */
	DQ_LINE,     /* the deciding line's text */
	DQ_WORD,     /* the row's word */
	DQ_STR,      /* the row's string */
	DQ_PEER,     /* the peer profile's name */
	DQ_WHY_LINE, /* the line the reason names (config_live.why_line) */
};
static const struct dpd_say {
	int code;
	enum dpd_quote quote;
	long word;
	const char *str;
	int note; /* NOTE_DPD_UNKNOWN quotes where and the vendor; NOTE_PEER_NO_TUNNEL the name */
} dpd_says[CONFIG_WHY_COUNT] = {
	[CONFIG_WHY_NONE] = { SAY_DPD_NONE, DQ_OFF, 0, NULL, NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_NO_TUNNEL] = { SAY_NONE, DQ_NONE, 0, NULL, NOTE_PEER_NO_TUNNEL },
	[CONFIG_WHY_RTX_OFF] = { SAY_RTX_KEEPALIVE_OFF, DQ_NONE, 0, NULL, NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_RTX_UNSET] = { SAY_RTX_NO_KEEPALIVE, DQ_NONE, 0, NULL, NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_RTX_HEARTBEAT_AUTO] = { SAY_RTX_HEARTBEAT_AUTO, DQ_NONE, 0, NULL,
					    NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_RTX_HEARTBEAT] = { SAY_RTX_HEARTBEAT_PEER, DQ_PEER, 0, NULL, NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_RTX_V2_UNSET] = { SAY_RTX_V2_NO_KEEPALIVE, DQ_NONE, 0, NULL, NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_RTX_V2_AUTO] = { SAY_RTX_V2_AUTO, DQ_NONE, 0, NULL, NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_IX_V1] = { SAY_IX_NO_DPD, DQ_STR, 0, "ike keepalive or watch-group",
			       NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_IX_V2] = { SAY_IX_NO_DPD, DQ_WORD, W_IX_DPD_V2, NULL, NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_IX_WATCH_NO_ACTION] = { SAY_IX_WATCH_NO_ACTION, DQ_WHY_LINE, 0, NULL,
					    NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_SWAN_ZERO] = { SAY_SWAN_NO_DPD, DQ_STR, 0, "0", NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_SWAN_UNSET] = { SAY_SWAN_NO_DPD, DQ_WORD, W_DPD_DELAY_UNSET, NULL,
				    NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_IPC_NO_ACTION] = { SAY_IPC_SWAN_NO_DPD, DQ_LINE, 0, NULL, NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_IPC_NO_ACTION_UNSET] = { SAY_IPC_SWAN_NO_DPD, DQ_WORD, W_DPDACTION_UNSET, NULL,
					     NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_IPC_NO_TIMEOUT] = { SAY_IPC_LIBRE_NO_TIMEOUT, DQ_LINE, 0, NULL,
					NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_IPC_NO_DELAY] = { SAY_IPC_LIBRE_NO_DPD, DQ_LINE, 0, NULL, NOTE_DPD_UNKNOWN },
	[CONFIG_WHY_IPC_NO_DELAY_UNSET] = { SAY_IPC_LIBRE_NO_DPD, DQ_WORD, W_DPDDELAY_UNSET, NULL,
					    NOTE_DPD_UNKNOWN },
};

static struct audit_arg
dpd_quote(const struct audit_run *a, const struct dpd_say *w, const struct config_live *l)
{
	switch (w->quote) {
	case DQ_OFF: return AW(l->src.line ? W_DPD_OFF : W_DPD_UNSET_OFF);
	case DQ_LINE: return AS(l->src.text);
	case DQ_WORD: return AW(w->word);
	case DQ_STR: return AS(w->str);
	case DQ_PEER: return AS(a->peer->display);
	case DQ_WHY_LINE: return AN(l->why_line);
	case DQ_NONE: break;
	}
	return (struct audit_arg){ .kind = AA_END };
}

/* The parser said what its DPD does (config_gateway.live), defaults
 * included: only OFF is a finding (SAME_MAKE is OFF against a peer the
 * profile marks non_yamaha), and a default no source gives is a note,
 * never a guess. */
static void
check_dpd(struct audit_run *a)
{
	for (size_t g = 0; g < a->cfg->ngateways; g++) {
		const struct config_gateway *gw = &a->cfg->gateways[g];
		const struct config_live *l = &gw->live;
		const struct dpd_say *w =
			&dpd_says[l->why < CONFIG_WHY_COUNT ? l->why : CONFIG_WHY_NONE];
		enum config_live_state st = l->state;
		int t = first_tunnel(a, g);
		struct audit_arg q, tail;
		char where[64];
		const char *text;
		unsigned line;
		struct audit_finding *f;
		if (st == CONFIG_LIVE_SAME_MAKE)
			st = a->peer->non_yamaha ? CONFIG_LIVE_OFF : CONFIG_LIVE_ON;
		if (a->remote_only[g] || tmpl_skip(a, &l->src, gw->name))
			continue;
		line = neutral_at(a, g, &l->src, &text, where, sizeof(where));
		if (l->instead)
			audit_note(a, NOTE_KEEPALIVE_INSTEAD,
				   ARGS(AQ(where), AN(line), AS(text), AS(l->named), AN(l->ike),
					AS(l->instead)));
		if (st == CONFIG_LIVE_ON || st == CONFIG_LIVE_ON_DEMAND)
			continue;
		if (st == CONFIG_LIVE_UNKNOWN || !w->code) {
			audit_note(a, w->note,
				   w->note == NOTE_PEER_NO_TUNNEL
					   ? ARGS(AS(gw->name))
					   : ARGS(AQ(where),
						  AS(config_vendor_display(a->cfg->vendor))));
			continue;
		}
		q = dpd_quote(a, w, l);
		tail = AW(a->peer->waits ? W_AWS_CLEARS : W_NONE);
		f = audit_finding(a, line, text, where, w->code,
				  q.kind == AA_END ? ARGS(tail) : ARGS(q, tail));
		audit_fix(f, FIX_KEEPALIVE, a->peer->dpd_interval, a->peer->dpd_count, t, (int)g);
		if (f && f->nfix)
			f->fix[f->nfix - 1].ikev2 = audit_is_ikev2(a, (int)g);
	}
}

/* ---- slow-dead-peer-detection ------------------------------------------ */

/* The peer ends its side dead_after s without DPD replies (AWS: EC2 API
 * ModifyVpnTunnelOptionsSpecification, DPDTimeoutSeconds, default 40; its
 * VpnTunnelOptionsSpecification page still says 30); a router whose DPD
 * takes longer to declare the peer dead keeps sending into an SA the peer
 * has deleted for the difference, and only then starts IKE again (RFC
 * 3706 section 5.5). With --peer-config the pair audit judges this with
 * the peer's own timeout (dpd-hold-mismatch), not the profile's default. */
static void
check_slow_dpd(struct audit_run *a)
{
	if (!a->peer->dead_after || a->in->peer_known)
		return;
	for (size_t i = 0; i < a->cfg->ntunnels; i++) {
		const struct config_tunnel *t = &a->cfg->tunnels[i];
		const char *text = "";
		unsigned line = 0;
		int exact;
		long hold;
		struct audit_finding *f;
		char where[64];
		if (t->gateway < 0 || (size_t)t->gateway >= a->cfg->ngateways ||
		    remote_only(a, t->gateway))
			continue;
		hold = audit_dpd_hold(a->cfg, i, &line, &text, &exact);
		if (hold < 0 || hold <= (long)a->peer->dead_after)
			continue;
		gateway_label(a, (size_t)t->gateway, where, sizeof(where));
		f = audit_finding(a, line, text, where,
				  exact ? SAY_SLOW_DPD : SAY_SLOW_DPD_AT_LEAST,
				  ARGS(AN(hold), AS(a->peer->display), AN(a->peer->dead_after),
				       AN(hold - (long)a->peer->dead_after)));
		audit_fix(f, FIX_KEEPALIVE, a->peer->dpd_interval, a->peer->dpd_count, (int)i,
			  t->gateway);
		if (f && f->nfix)
			f->fix[f->nfix - 1].ikev2 = audit_is_ikev2(a, t->gateway);
	}
}

/* ---- no-ike-initiator / initiator-against-responder-peer ---------------- */

/* What each start view's reason (config_start.why) says: the finding when
 * this end never starts IKE and the peer waits for it (init), the one when
 * it starts and the peer wants to (resp), their fixes, whether each is one
 * finding per gateway (labelled by it) or per tunnel, and the note when
 * the parser could not tell (state UNKNOWN). The older formats keep their
 * own words (RTX 15.10, swanctl.conf(5), ipsec.conf(5): the parsers cite
 * them); the newer ones say CONFIG_SWHY_NONE's. */
enum start_quote {
	SQ_PEER,      /* the peer profile's name */
	SQ_NEUTRAL,   /* W_RESPONDER_ONLY, or W_UNSET_ANSWER_ONLY when the default decided */
	SQ_OFF,       /* "off", or W_UNSET_DEFAULT_OFF */
	SQ_NONE_SET,  /* "none", or W_UNSET_DEFAULT_NONE */
	SQ_LINE_WORD, /* the deciding line or W_AUTO_UNSET, then the row's word */
	SQ_TRAFFIC,   /* the peer, W_ON_TRAFFIC when it starts on traffic */
	SQ_ALWAYS,    /* the peer, W_NONE */
};
enum start_note { SN_NONE, SN_VENDOR, SN_NAMED };
static const struct start_say {
	int init, init_fix;
	enum start_quote iq;
	unsigned char init_gw;
	int resp, resp_fix;
	enum start_quote rq;
	unsigned char resp_gw;
	long word;
	int note;
	enum start_note nq;          /* SN_VENDOR: where and the vendor; SN_NAMED: the tunnel */
	unsigned char also_initiate; /* FIX_INITIATE too: the first fix alone starts nothing */
} start_says[CONFIG_SWHY_COUNT] = {
	[CONFIG_SWHY_NONE] = { SAY_RESPONDER_ONLY, FIX_INITIATE, SQ_NEUTRAL, 1, SAY_INITIATES,
			       FIX_RESPOND_ONLY, SQ_TRAFFIC, 1, 0, NOTE_START_UNKNOWN, SN_VENDOR,
			       0 },
	[CONFIG_SWHY_COVERED] = { SAY_NONE, 0, SQ_PEER, 0, SAY_NONE, 0, SQ_PEER, 0, 0, 0, SN_NONE,
				  0 },
	[CONFIG_SWHY_RTX_GLOBAL] = { SAY_RTX_REFRESH_GLOBAL_OFF, FIX_REFRESH_GLOBAL_ON, SQ_OFF, 0,
				     SAY_NONE, 0, SQ_PEER, 0, 0, 0, SN_NONE, 0 },
	[CONFIG_SWHY_RTX_GW] = { SAY_RTX_REFRESH_GW_OFF, FIX_REFRESH_GW_ON, SQ_PEER, 1,
				 SAY_RTX_REFRESH_ON, FIX_REFRESH_GW_OFF, SQ_PEER, 0, 0, 0, SN_NONE,
				 0 },
	[CONFIG_SWHY_IX_V2] = { SAY_IX_NO_CONNECT, FIX_INITIATE, SQ_PEER, 0, SAY_INITIATES,
				FIX_RESPOND_ONLY, SQ_ALWAYS, 0, 0, 0, SN_NONE, 0 },
	[CONFIG_SWHY_IX_RESPONDER] = { SAY_RESPONDER_ONLY, FIX_NOT_RESPONDER, SQ_NEUTRAL, 0,
				       SAY_NONE, 0, SQ_PEER, 0, 0, 0, SN_NONE, 1 },
	[CONFIG_SWHY_IX_V1] = { SAY_NONE, 0, SQ_PEER, 0, SAY_NONE, 0, SQ_PEER, 0, 0,
				NOTE_IX_IKEV1_START, SN_NAMED, 0 },
	[CONFIG_SWHY_SWAN] = { SAY_SWAN_START_NONE, FIX_INITIATE, SQ_NONE_SET, 0, SAY_INITIATES,
			       FIX_RESPOND_ONLY, SQ_ALWAYS, 0, 0, 0, SN_NONE, 0 },
	[CONFIG_SWHY_IPC_LOADS] = { SAY_IPC_NO_START, FIX_INITIATE, SQ_LINE_WORD, 0, SAY_INITIATES,
				    FIX_RESPOND_ONLY, SQ_ALWAYS, 0, W_ONLY_LOADS, 0, SN_NONE, 0 },
	[CONFIG_SWHY_IPC_NOT_LOADS] = { SAY_IPC_NO_START, FIX_INITIATE, SQ_LINE_WORD, 0,
					SAY_INITIATES, FIX_RESPOND_ONLY, SQ_ALWAYS, 0,
					W_NOT_EVEN_LOADS, 0, SN_NONE, 0 },
	[CONFIG_SWHY_IPC_DPD_STAYS] = { SAY_NONE, 0, SQ_PEER, 0, SAY_INITIATES, FIX_RESPOND_ONLY,
					SQ_ALWAYS, 0, 0, 0, SN_NONE, 0 },
};

static const struct start_say *
start_say(const struct config_start *s)
{
	return &start_says[s->why < CONFIG_SWHY_COUNT ? s->why : CONFIG_SWHY_NONE];
}

/* The finding's arguments for quote kind q: at most three and the end,
 * which arg[4] holds (no quote kind takes more). */
static void
start_args(const struct audit_run *a, const struct start_say *w, enum start_quote q,
	   const struct config_start *s, struct audit_arg arg[4])
{
	size_t n = 0;

	switch (q) {
	case SQ_NEUTRAL: arg[n++] = AW(s->src.line ? W_RESPONDER_ONLY : W_UNSET_ANSWER_ONLY); break;
	case SQ_OFF: arg[n++] = s->src.line ? AS("off") : AW(W_UNSET_DEFAULT_OFF); break;
	case SQ_NONE_SET: arg[n++] = s->src.line ? AS("none") : AW(W_UNSET_DEFAULT_NONE); break;
	case SQ_LINE_WORD:
		arg[n++] = s->src.line ? AS(s->src.text) : AW(W_AUTO_UNSET);
		arg[n++] = AW(w->word);
		break;
	case SQ_PEER:
	case SQ_TRAFFIC:
	case SQ_ALWAYS: break;
	}
	arg[n++] = AS(a->peer->display);
	if (q == SQ_TRAFFIC || q == SQ_ALWAYS)
		arg[n++] = AW(q == SQ_TRAFFIC && s->state == CONFIG_START_ON_TRAFFIC ? W_ON_TRAFFIC
										     : W_NONE);
	arg[n] = (struct audit_arg){ .kind = AA_END };
}

/* The start view tunnel i is judged by: its own (the older formats fill
 * it per tunnel), else its gateway's (the neutral formats); NULL: none. */
static const struct config_start *
start_of(const struct audit_run *a, size_t i)
{
	const struct config_tunnel *t = tunnel(a, i);

	if (t->start.set)
		return &t->start;
	if (t->gateway < 0 || (size_t)t->gateway >= a->cfg->ngateways ||
	    !config_facts(a->cfg)->neutral)
		return NULL;
	return &a->cfg->gateways[t->gateway].start;
}

/* One judgement of tunnel i's start view by row w: resp 0 asks "does
 * it start when the peer waits", 1 "does it start when the peer wants
 * to". A per-gateway row speaks once, at the gateway's first tunnel. */
static void
start_judge(struct audit_run *a, size_t i, const struct config_start *s, int resp)
{
	const struct config_tunnel *t = tunnel(a, i);
	const struct start_say *w = start_say(s);
	int gw = resp ? w->resp_gw : w->init_gw;
	int code = resp ? w->resp : w->init;
	int g = t->gateway >= 0 && (size_t)t->gateway < a->cfg->ngateways ? t->gateway : -1;
	struct audit_arg arg[4];
	struct audit_finding *f;
	char where[64];
	unsigned line;

	if (gw && (g < 0 || first_tunnel(a, (size_t)g) != (int)i))
		return;
	if (gw)
		gateway_label(a, (size_t)g, where, sizeof(where));
	else
		snprintf(where, sizeof(where), "%s", t->name);
	if (tmpl_skip(a, &s->src, gw ? a->cfg->gateways[g].name : t->name))
		return;
	if (s->state == CONFIG_START_UNKNOWN) {
		if (!resp && w->note)
			audit_note(a, w->note,
				   w->nq == SN_NAMED
					   ? ARGS(AS(t->name))
					   : ARGS(AQ(where),
						  AS(config_vendor_display(a->cfg->vendor))));
		return;
	}
	if (resp != (s->state != CONFIG_START_NEVER) || !code)
		return;
	line = s->src.line ? s->src.line : gw ? a->cfg->gateways[g].line : t->line;
	start_args(a, w, resp ? w->rq : w->iq, s, arg);
	f = audit_finding(a, line, s->src.line ? s->src.text : "", where, code, arg);
	audit_fix(f, resp ? w->resp_fix : w->init_fix, 0, 0, (int)i, g);
	if (!resp && w->also_initiate)
		audit_fix(f, FIX_INITIATE, 0, 0, (int)i, g);
	for (size_t k = 0; f && !gw && k < f->nfix; k++)
		f->fix[k].ikev2 = t->ikev2;
}

/* The router-wide switch (RTX ipsec auto refresh, config.start): when
 * it keeps every gateway from starting, one finding says so. Returns 1
 * when it is a template (nothing else is judged). */
static int
start_global(struct audit_run *a, int resp)
{
	const struct config_start *s = &a->cfg->start;
	const struct start_say *w = start_say(s);
	struct audit_arg arg[4];
	struct audit_finding *f;
	size_t peers = 0;

	if (!s->set)
		return 0;
	for (size_t g = 0; g < a->cfg->ngateways; g++)
		peers += !a->remote_only[g];
	if (!peers)
		return 1;
	if (tmpl_skip(a, &s->src, "global"))
		return 1;
	if (resp || s->state != CONFIG_START_NEVER || !w->init)
		return 0;
	start_args(a, w, w->iq, s, arg);
	f = audit_finding(a, s->src.line ? s->src.line : a->cfg->gateways[0].line,
			  s->src.line ? s->src.text : "", "global", w->init, arg);
	audit_fix(f, w->init_fix, 0, 0, -1, -1);
	return 0;
}

/* Each tunnel's start view against the peer profile: a peer that waits
 * (AWS) needs this end to start IKE, and again after a clear (resp 0); a
 * profile that wants this end to answer only (respond_only) needs it not
 * to (resp 1). A router that starts IKE when traffic needs the SA brings
 * the tunnel back once traffic (BGP keepalives included) flows: not a
 * finding. */
static void
check_start(struct audit_run *a, int resp)
{
	if (start_global(a, resp))
		return;
	for (size_t i = 0; i < a->cfg->ntunnels; i++) {
		const struct config_start *s = start_of(a, i);
		const struct config_tunnel *t = tunnel(a, i);
		if (!s || remote_only(a, t->gateway) || (resp && t->gateway < 0))
			continue;
		start_judge(a, i, s, resp);
	}
}

/* Whatever the peer: a gateway line that turns starting on while the
 * router-wide switch keeps it off does nothing (RTX 15.10), and the file
 * shows it was meant to; said as a note when no finding says more. */
static void
start_idle_lines(struct audit_run *a)
{
	for (size_t i = 0; i < a->cfg->ntunnels; i++) {
		const struct config_tunnel *t = tunnel(a, i);
		const struct config_num *r;
		char where[64];
		if (!t->start.set || t->start.why != CONFIG_SWHY_COVERED ||
		    t->start.state != CONFIG_START_NEVER || t->gateway < 0 ||
		    first_tunnel(a, (size_t)t->gateway) != (int)i || a->remote_only[t->gateway])
			continue;
		r = &a->cfg->gateways[t->gateway].refresh;
		if (!r->line || r->tmpl || r->v != 1)
			continue;
		gateway_label(a, (size_t)t->gateway, where, sizeof(where));
		audit_note(a, NOTE_START_LINE_IDLE,
			   ARGS(AQ(where), AN(r->line), AS(r->text),
				a->cfg->start.src.line ? AS("off") : AW(W_UNSET_DEFAULT_OFF)));
	}
}

static void
check_initiator(struct audit_run *a)
{
	if (a->peer->waits)
		check_start(a, 0);
	else if (!a->peer->respond_only)
		start_idle_lines(a);
}

static void
check_responder_peer(struct audit_run *a)
{
	if (a->peer->respond_only)
		check_start(a, 1);
}

/* ---- ikev1-backward-compat ---------------------------------------------- */

static void
check_backcompat(struct audit_run *a)
{
	/* The only evidence is the Sakura field report: the check runs for a
	 * peer whose profile rests on it, not for every non-Yamaha peer
	 * (AWS's own Yamaha sample leaves the default, and nothing documents
	 * a failure there). */
	if (!config_facts(a->cfg)->ike_compat || !a->peer->non_yamaha || !a->peer->field)
		return;
	for (size_t g = 0; g < a->cfg->ngateways; g++) {
		const struct config_gateway *gw = &a->cfg->gateways[g];
		char where[64];
		struct audit_finding *f;
		if (a->remote_only[g] || audit_is_ikev2(a, (int)g) ||
		    (gw->compat.line && gw->compat.v == 2) || tmpl_skip(a, &gw->compat, gw->name))
			continue;
		gateway_label(a, g, where, sizeof(where));
		f = audit_finding(a, gw->compat.line ? gw->compat.line : gw->line, gw->compat.text,
				  where, SAY_BACKCOMPAT,
				  ARGS(gw->compat.line ? AS("1") : AW(W_UNSET_SO_1),
				       AS(a->peer->display)));
		audit_fix(f, FIX_BACKCOMPAT2, 0, 0, first_tunnel(a, g), (int)g);
	}
}

/* ---- narrow-selectors-with-bgp ------------------------------------------ */

/* A BGP neighbour reached through a tunnel of gateway g: in the tunnel's
 * inside subnet or its remote address; without inside addresses (swanctl),
 * in 169.254.0.0/16, where AWS puts its tunnel inside addresses. */
/* The first-written BGP neighbour (lowest index) in lo..hi, or best. */
static size_t
bgp_in(const struct audit_run *a, uint32_t lo, uint32_t hi, size_t best)
{
	const struct config_bgp *b = a->cfg->bgp;
	size_t l = 0, h = a->cfg->nbgp;

	while (l < h) { /* the first in address order at or above lo */
		size_t m = l + (h - l) / 2;
		if (b[a->bgp_order[m]].addr < lo)
			l = m + 1;
		else
			h = m;
	}
	for (; l < a->cfg->nbgp && b[a->bgp_order[l]].addr <= hi; l++)
		if (a->bgp_order[l] < best)
			best = a->bgp_order[l];
	return best;
}

static void
prefix_range(uint32_t addr, unsigned plen, uint32_t *lo, uint32_t *hi)
{
	uint32_t host = plen >= 32 ? 0 : plen == 0 ? 0xffffffffu : 0xffffffffu >> plen;

	*lo = addr & ~host;
	*hi = *lo | host;
}

/* Every IPsec peer and policy the file defines is disabled: no IPsec
 * tunnel is left, and nothing can be said to keep one up. */
static void
disabled_note(struct audit_run *a)
{
	const struct config *c = a->cfg;

	for (size_t i = 0; i < c->ntunnels; i++)
		if (c->tunnels[i].kind == CONFIG_TK_IPSEC)
			return;
	if (!c->disabled.line)
		return;
	a->r->all_disabled = 1;
	audit_note(a, NOTE_NO_ACTIVE_PEER,
		   ARGS(AN(c->disabled.v), AN(c->disabled.line), AS(c->disabled.text)));
}

const struct config_bgp *
audit_bgp_through(const struct audit_run *a, size_t g)
{
	size_t none = a->cfg->nbgp, best = none;
	uint32_t lo, hi;
	int own = 0; /* a tunnel of g states its inside or remote address */

	for (int i = a->first[g]; i >= 0; i = a->next[i]) {
		const struct config_tunnel *t = tunnel(a, (size_t)i);
		if (t->inside.line && t->inside.plen <= 32) {
			prefix_range(t->inside.addr, t->inside.plen, &lo, &hi);
			best = bgp_in(a, lo, hi, best);
			own = 1;
		}
		if (t->remote.line) {
			best = bgp_in(a, t->remote.addr, t->remote.addr, best);
			own = 1;
		}
	}
	/* 169.254.0.0/16 only when none does: a peer's LAN policy beside its
	 * inside-address policy (RouterOS) is no way to another peer's
	 * neighbour */
	if (!own && a->first[g] >= 0)
		best = bgp_in(a, 0xa9fe0000u, 0xa9feffffu, best);
	return best < none ? &a->cfg->bgp[best] : NULL;
}

/* Whether selector p holds addr: a placeholder is not judged (no finding
 * from a guess), 0.0.0.0/0 holds every address, a prefix the one it
 * covers; known 0: the address is not known, and only 0.0.0.0/0 does. */
static int
sel_holds(const struct config_prefix *p, int known, uint32_t addr)
{
	uint32_t lo, hi;

	if (p->tmpl || (p->line && p->plen == 0))
		return 1;
	if (!p->line || p->plen > 32 || !known)
		return 0;
	prefix_range(p->addr, p->plen, &lo, &hi);
	return addr >= lo && addr <= hi;
}

/* The tunnel of gateway g that neighbour addr is reached through (its
 * inside subnet holds it, or it is its remote address), NULL none. */
static const struct config_tunnel *
bgp_tunnel(const struct audit_run *a, size_t g, uint32_t addr)
{
	uint32_t lo, hi;

	for (int i = a->first[g]; i >= 0; i = a->next[i]) {
		const struct config_tunnel *t = tunnel(a, (size_t)i);
		if (t->remote.line && t->remote.addr == addr)
			return t;
		if (t->inside.line && t->inside.plen <= 32) {
			prefix_range(t->inside.addr, t->inside.plen, &lo, &hi);
			if (addr >= lo && addr <= hi)
				return t;
		}
	}
	return NULL;
}

/* Whether a selector pair of gateway g carries BGP to neighbour b: the
 * remote selector holds the neighbour and the local one this end's inside
 * address (doc/field-cases.md case 3: the selectors "must cover the BGP
 * peers' link-local addresses"). The gateway's own pair, or any tunnel's
 * (a RouterOS peer's /32 policy between the inside addresses beside its
 * LAN policy). unset: what an unset gateway selector is (0 the peers' own
 * addresses, 1 0.0.0.0/0). *maybe: the tunnel whose pair may carry it
 * (0 returned), -1 none. */
static int
bgp_carried(const struct audit_run *a, size_t g, const struct config_bgp *b, int unset, int *maybe)
{
	const struct config_gateway *gw = &a->cfg->gateways[g];
	const struct config_tunnel *via = bgp_tunnel(a, g, b->addr);
	int known = via && via->inside.line && via->inside.plen <= 32;
	uint32_t self = known ? via->inside.addr : 0;

	if ((gw->local_id.line ? sel_holds(&gw->local_id, known, self) : unset) &&
	    (gw->remote_id.line ? sel_holds(&gw->remote_id, 1, b->addr) : unset))
		return 1;
	for (int i = a->first[g]; i >= 0; i = a->next[i]) {
		const struct config_tunnel *t = tunnel(a, (size_t)i);
		if (t->sel_remote.line && sel_holds(&t->sel_local, known, self) &&
		    sel_holds(&t->sel_remote, 1, b->addr))
			return 1;
	}
	/* a pair whose remote side holds the neighbour and whose local side
	 * is an IPv4 prefix, while this end's inside address is not in the
	 * file (a swanctl child for BGP beside the LAN's): may carry it */
	for (int i = a->first[g]; !known && i >= 0; i = a->next[i]) {
		const struct config_tunnel *t = tunnel(a, (size_t)i);
		if (t->sel_remote.line && t->sel_local.line && t->sel_local.plen <= 32 &&
		    sel_holds(&t->sel_remote, 1, b->addr)) {
			*maybe = i;
			return 0;
		}
	}
	return 0;
}

/* The selector a finding cites: the one of the tunnel BGP is reached
 * through when it has its own, else the gateway's narrow one. *fixed: the
 * tunnel whose own selectors are cited, which the fix changes (a RouterOS
 * peer's LAN policy, not its other policies), else the gateway's first. */
static const struct config_prefix *
narrow_cited(const struct audit_run *a, size_t g, const struct config_bgp *b,
	     const struct config_prefix *p, int *fixed)
{
	const struct config_tunnel *via = bgp_tunnel(a, g, b->addr);

	*fixed = first_tunnel(a, g);
	if (!via || !via->sel_remote.line) {
		for (int i = a->first[g]; !via && i >= 0; i = a->next[i])
			if (tunnel(a, (size_t)i)->sel_remote.line)
				via = tunnel(a, (size_t)i);
		if (!via || !via->sel_remote.line)
			return p;
	}
	*fixed = (int)(via - a->cfg->tunnels);
	if (via->sel_local.line && !via->sel_local.tmpl && via->sel_local.plen != 0)
		return &via->sel_local;
	return &via->sel_remote;
}

static const struct config_prefix *
narrow(const struct config_gateway *g)
{
	if (g->local_id.line && !g->local_id.tmpl && g->local_id.plen != 0)
		return &g->local_id;
	if (g->remote_id.line && !g->remote_id.tmpl && g->remote_id.plen != 0)
		return &g->remote_id;
	return NULL;
}

static void
check_selectors(struct audit_run *a)
{
	for (size_t g = 0; g < a->cfg->ngateways; g++) {
		const struct config_gateway *gw = &a->cfg->gateways[g];
		const struct config_prefix *p = narrow(gw);
		int dflt = config_facts(a->cfg)->selectors_dynamic &&
			   (!gw->local_id.line || !gw->remote_id.line);
		const struct config_bgp *b;
		struct audit_finding *f;
		struct ip_addr neighbour;
		char where[64], addr[16];
		const char *sel = config_facts(a->cfg)->selector_default;
		int fixed, maybe = -1;
		if ((!p && !dflt) || !(b = audit_bgp_through(a, g)) ||
		    bgp_carried(a, g, b, !dflt, &maybe))
			continue;
		if (maybe >= 0) { /* said, not judged: no finding from a guess */
			const struct config_tunnel *t = tunnel(a, (size_t)maybe);
			neighbour = ip_addr_v4(b->addr);
			ip_addr_text(&neighbour, addr, sizeof(addr));
			audit_note(a, NOTE_SEL_SELF_UNKNOWN,
				   ARGS(AS(t->name), AQ(addr), AN(b->line), AN(t->sel_remote.line),
					AS(t->sel_remote.text), AN(t->sel_local.line),
					AS(t->sel_local.text)));
			continue;
		}
		p = narrow_cited(a, g, b, p, &fixed);
		neighbour = ip_addr_v4(b->addr);
		ip_addr_text(&neighbour, addr, sizeof(addr));
		gateway_label(a, g, where, sizeof(where));
		/* the format's default is a phrase of the facts row (N_()): render translates it */
		f = audit_finding(a, p ? p->line : gw->line, p ? p->text : "", where, SAY_SELECTORS,
				  ARGS(AQ(addr), AN(b->line),
				       AW(p ? W_SELECTOR : W_SELECTOR_DEFAULT),
				       p     ? AS(p->text)
				       : sel ? AP(sel)
					     : AW(W_UNSET)));
		audit_fix(f, FIX_SELECTORS_ANY, 0, 0, fixed, (int)g);
	}
}

/* ---- nat-t-off ---------------------------------------------------------- */

static void
check_natt(struct audit_run *a)
{
	if (!a->peer->needs_natt)
		return;
	for (size_t i = 0; i < a->cfg->ntunnels; i++) {
		const struct config_tunnel *t = tunnel(a, i);
		const struct config_num *n = config_tunnel_natt(a->cfg, i);
		struct audit_finding *f;
		if (!n || (n->line && n->v == 1) || tmpl_skip(a, n, t->name))
			continue;
		const char *def = config_facts(a->cfg)->natt_default;
		f = audit_finding(a, n->line ? n->line : t->line, n->text, t->name, SAY_NATT_OFF,
				  ARGS(n->line ? AS("off")
				       : def   ? AP(def)
					       : AW(W_UNSET),
				       AS(a->peer->display)));
		audit_fix(f, FIX_NATT_ON, 0, 0, (int)i, t->gateway);
		if (f && f->nfix)
			f->fix[0].ikev2 = t->ikev2;
	}
}

/* ---- ike-address-not-held ----------------------------------------------- */

/* The interface holding address x, or -1. */
static int
held_by(const struct config *c, uint32_t x)
{
	for (size_t i = 0; i < c->nifaces; i++)
		if (c->ifaces[i].addr.line && c->ifaces[i].addr.addr == x)
			return (int)i;
	return -1;
}

/* Behind a MAP-E or DS-Lite (IPIP) tunnel the router's IPv4 address lives
 * only in that tunnel's NAT (RFC 7597 section 5.2: the CE's address and
 * port set come from the mapping rule; RFC 6333: DS-Lite gives the B4 no
 * public IPv4 at all), so IKE sent from an address no interface holds is
 * never sent: an RTX1300 on OCN's MAP-E showed send:0 until its local
 * address was a LAN address (doc/field-cases.md, case 4). */
static void
check_ike_addr(struct audit_run *a)
{
	const struct config *c = a->cfg;
	int lan = -1;

	if (c->line_src != CONFIG_LINE_MAPE)
		return;
	for (size_t i = 0; i < c->nifaces && lan < 0; i++) /* lan1 first, else the first */
		if (c->ifaces[i].addr.line && strcmp(c->ifaces[i].name, "lan1") == 0)
			lan = (int)i;
	for (size_t i = 0; i < c->nifaces && lan < 0; i++)
		if (c->ifaces[i].addr.line)
			lan = (int)i;
	for (size_t g = 0; g < c->ngateways; g++) {
		const struct config_gateway *gw = &c->gateways[g];
		const struct config_prefix *p = &gw->local_addr;
		char where[64];
		struct audit_finding *f;
		if (!p->line || p->tmpl || p->plen != 32 || a->remote_only[g] ||
		    held_by(c, p->addr) >= 0)
			continue;
		gateway_label(a, g, where, sizeof(where));
		f = audit_finding(a, p->line, p->text, where, SAY_IKE_ADDR_NOT_HELD,
				  ARGS(AS(c->line_name), lan >= 0 ? AS(c->ifaces[lan].addr.text)
								  : AW(W_NO_LAN_ADDR)));
		if (lan >= 0)
			audit_fix(f, FIX_IKE_LOCAL_ADDR, (long)c->ifaces[lan].addr.addr, 0,
				  first_tunnel(a, g), (int)g);
	}
}

/* ---- no-reinitiation ---------------------------------------------------- */

/* Against a peer that waits for the customer side (AWS, startup action
 * add) and clears its SA after its own DPD timeout, a start view whose
 * after_stays says nothing here brings the SA back is a finding: field
 * case 2. Its words are the start view's format's (config_start.why):
 * swanctl.conf(5) dpd_action, start_action, close_action; ipsec.conf(5)
 * dpdaction, auto. Each is one finding per gateway, with the fix to
 * restart on DPD, and to start too unless start_action already does
 * (ipsec.conf: trap brings it up as well). */
enum reinit_quote { RQ_SWAN, RQ_IPC };
static const struct reinit_say {
	int code;
	enum reinit_quote q;
	unsigned char trap_starts; /* start_action trap needs no FIX_INITIATE */
} reinit_says[CONFIG_SWHY_COUNT] = {
	[CONFIG_SWHY_SWAN] = { SAY_SWAN_NO_REINIT, RQ_SWAN, 0 },
	[CONFIG_SWHY_IPC_LOADS] = { SAY_IPC_NO_REINIT, RQ_IPC, 1 },
	[CONFIG_SWHY_IPC_NOT_LOADS] = { SAY_IPC_NO_REINIT, RQ_IPC, 1 },
	[CONFIG_SWHY_IPC_DPD_STAYS] = { SAY_IPC_NO_REINIT, RQ_IPC, 1 },
};

static void
reinit_args(const struct audit_run *a, const struct config_gateway *gw, enum reinit_quote q,
	    struct audit_arg arg[7])
{
	const struct config_num *d = &gw->dpd_action, *c = &gw->close_action;
	size_t n = 0;

	if (q == RQ_SWAN) {
		arg[n++] = d->line ? AS("clear") : AW(W_UNSET_DEFAULT_CLEAR);
		arg[n++] =
			c->line ? (c->v == CONFIG_ACT_NONE ? AS("none") : AW(W_NO_RESTART_ON_DPD))
				: AW(W_UNSET_DEFAULT_NONE);
		arg[n++] = AS(a->peer->display);
		arg[n++] = AW(gw->start_action.line && gw->start_action.v == CONFIG_ACT_START
				      ? W_START_ACTION_LOADED
				      : W_NONE);
		arg[n++] = AS(a->peer->display);
	} else {
		arg[n++] = d->line ? AS(d->text) : AW(W_DPDACTION_UNSET_HOLD);
		arg[n++] = AS(a->peer->display);
		arg[n++] = AW(d->v == CONFIG_ACT_CLEAR ? W_CLEARS_OWN : W_HOLDS_SA);
		arg[n++] =
			AW(gw->start_action.v == CONFIG_ACT_START ? W_AUTO_START_LOADED : W_NONE);
		arg[n++] = AS(a->peer->display);
		arg[n++] = AW(a->cfg->dialect == CONFIG_DIALECT_LIBRESWAN ? W_LIBRESWAN5 : W_NONE);
	}
	arg[n] = (struct audit_arg){ .kind = AA_END };
}

static void
check_reinit(struct audit_run *a)
{
	if (!a->peer->waits)
		return;
	for (size_t g = 0; g < a->cfg->ngateways; g++) {
		const struct config_gateway *gw = &a->cfg->gateways[g];
		const struct config_num *d = &gw->dpd_action;
		const struct config_start *s;
		const struct reinit_say *w;
		int t = first_tunnel(a, g);
		struct audit_arg arg[7];
		char where[64];
		struct audit_finding *f;
		if (t < 0 || !(s = start_of(a, (size_t)t)) || !s->after_stays)
			continue;
		w = &reinit_says[s->why < CONFIG_SWHY_COUNT ? s->why : CONFIG_SWHY_NONE];
		if (!w->code || tmpl_skip(a, d, gw->name))
			continue;
		gateway_label(a, g, where, sizeof(where));
		reinit_args(a, gw, w->q, arg);
		f = audit_finding(a, d->line ? d->line : gw->line, d->text, where, w->code, arg);
		audit_fix(f, FIX_DPD_RESTART, 0, 0, t, (int)g);
		if (gw->start_action.v != CONFIG_ACT_START &&
		    (!w->trap_starts || gw->start_action.v != CONFIG_ACT_TRAP))
			audit_fix(f, FIX_INITIATE, 0, 0, t, (int)g);
	}
}

/* ---- line-mtu-above-path ------------------------------------------------ */

/* The configuration states a line MTU (its PPPoE pp, MAP-E tunnel or WAN
 * port) above the one given or measured: full-size packets leave the
 * router too big for the line, and where PTBs are lost (no path MTU
 * discovery through AWS, dropped ICMP) they vanish. The fix sets the
 * interface the configuration uses to the given MTU. */
static void
check_line_mtu(struct audit_run *a)
{
	const struct config *c = a->cfg;
	struct audit_finding *f;

	if (!a->in->wan_mtu || !c->line_src || c->line_mtu.tmpl ||
	    c->line_mtu.v <= (long)a->in->wan_mtu)
		return;
	f = audit_finding(a, c->line_mtu.line, c->line_mtu.text, c->line_name, SAY_LINE_MTU_ABOVE,
			  ARGS(AN(c->line_mtu.v), AS(c->line_name), AN(a->in->wan_mtu),
			       a->in->wan_from ? AP(a->in->wan_from) : AW(W_GIVEN),
			       AN(a->in->wan_mtu + 1), AN(c->line_mtu.v)));
	if (c->line_src == CONFIG_LINE_MAPE) {
		audit_fix(f, FIX_TUNNEL_MTU, a->in->wan_mtu, 0, (int)c->line_index, -1);
	} else {
		audit_fix(f, FIX_WAN_MTU, a->in->wan_mtu, 0, -1, -1);
		if (f && f->nfix)
			f->fix[f->nfix - 1].iface = (int)c->line_index;
	}
}

/* ---- invalid-line ------------------------------------------------------- */

static void
check_invalid(struct audit_run *a)
{
	for (size_t i = 0; i < a->cfg->ninvalid; i++) {
		const struct config_invalid *b = &a->cfg->invalid[i];
		struct audit_finding *f = audit_finding(a, b->line, b->text, "", SAY_NONE, NOARGS);
		if (f)
			f->bad = b;
	}
}

/* ---- undefined-reference ------------------------------------------------ */

static void
check_refs(struct audit_run *a)
{
	for (size_t i = 0; i < a->cfg->nrefs; i++) {
		const struct config_ref *x = &a->cfg->refs[i];
		struct audit_finding *f =
			audit_finding(a, x->line, x->text,
				      x->tunnel >= 0 ? a->cfg->tunnels[x->tunnel].name : "",
				      SAY_NONE, NOARGS);
		if (f)
			f->ref = x;
	}
}

/* clang-format off */
static const struct audit_check checks[] = {
	{ "mss-above-tunnel-mtu", AUDIT_ERROR,
	  "RFC 879 (MSS = MTU - 40), RFC 8200 (IPv6: - 60); Yamaha RTX command reference 8.1.4 (tunnel MTU default 1280); doc/field-cases.md case 1",
	  "an MSS clamp above tunnel MTU - 40 (IPv4) or - 60 (IPv6), counting the vendor's default tunnel MTU; with no tunnel MTU known, above what the line MTU and the ESP carry - 40",
	  check_mss_above,
	  "RFC 879 (MSS = MTU - 40), RFC 8200 (IPv6: - 60)", 0 },
	{ "tunnel-mtu-above-model", AUDIT_ERROR,
	  "RFC 4303 (ESP), RFC 3948 (NAT-T); AWS Site-to-Site VPN user guide (MTU 1446 at most)",
	  "a tunnel MTU above what the line MTU and the configured ESP transform (with NAT-T when configured) allow",
	  check_mtu_model,
	  NULL, 0 },
	{ "no-mss-clamp", AUDIT_WARNING,
	  "Yamaha RTX command reference 8.1.21 (default auto or off by firmware); NEC IX: default not found",
	  "a tunnel with no clamp where the firmware default is off or unknown, or a clamp of rules that covers one direction only or raises a smaller MSS (RouterOS change-mss)",
	  check_no_clamp,
	  "RFC 879 (MSS = MTU - 40); AWS Site-to-Site VPN user guide (no path MTU discovery through the tunnel)", 1 },
	{ "outer-df-clear", AUDIT_WARNING,
	  "Yamaha RTX command reference 15.49.2; AWS's Yamaha sample sets it",
	  "ipsec tunnel outer df-bit clear: oversize inner packets are fragmented after encryption instead of refused",
	  check_df_clear,
	  "RFC 4459 (fragmentation after encapsulation)", 0 },
	{ "no-dead-peer-detection", AUDIT_ERROR,
	  "Yamaha RTX command reference 15.20; swanctl.conf(5) dpd_delay; ipsec.conf(5) dpdaction (strongSwan), dpddelay/dpdtimeout (Libreswan); EC2 API ModifyVpnTunnelOptionsSpecification (DPD 40 s, clear)",
	  "a gateway without DPD/keepalive, or a keepalive that does not run",
	  check_dpd,
	  "RFC 3706; EC2 API ModifyVpnTunnelOptionsSpecification (DPD 40 s, clear)", 0 },
	{ "slow-dead-peer-detection", AUDIT_WARNING,
	  "EC2 API ModifyVpnTunnelOptionsSpecification (DPDTimeoutSeconds, default 40); RFC 3706 section 5.5; Yamaha RTX command reference 15.20; swanctl.conf(5) dpd_delay; ipsec.conf(5) dpdtimeout",
	  "DPD that takes longer than the peer's own timeout to declare the peer dead",
	  check_slow_dpd,
	  "EC2 API ModifyVpnTunnelOptionsSpecification (DPDTimeoutSeconds, default 40); RFC 3706 section 5.5", 0 },
	{ "no-ike-initiator", AUDIT_ERROR,
	  "Yamaha RTX command reference 15.10; swanctl.conf(5) start_action; ipsec.conf(5) auto; AWS s2svpn user guide, initiate-vpn-tunnels",
	  "the router never initiates IKE while the peer waits for the customer side",
	  check_initiator,
	  "RFC 7296 section 2; AWS s2svpn user guide, initiate-vpn-tunnels", 0 },
	{ "initiator-against-responder-peer", AUDIT_WARNING,
	  "field report, doc/field-cases.md case 2 (RTX1220 Rev.15.04.03 to a Sakura Cloud VPC router)",
	  "the router initiates IKE toward a peer that must only be answered",
	  check_responder_peer,
	  NULL, 0 },
	{ "ikev1-backward-compat", AUDIT_WARNING,
	  "Yamaha RTX command reference 15.28; field report, doc/field-cases.md case 2",
	  "an RTX IKEv1 gateway left at backward-compatibility 1 (the default) toward a peer whose field report needed 2 (sakura)",
	  check_backcompat,
	  NULL, 0 },
	{ "narrow-selectors-with-bgp", AUDIT_ERROR,
	  "AWS knowledge center (IPSEC UP, tunnel DOWN); doc/field-cases.md case 3",
	  "BGP neighbours reached through the tunnel while the proxy ids / traffic selectors are narrower than 0.0.0.0/0",
	  check_selectors,
	  NULL, 0 },
	{ "nat-t-off", AUDIT_ERROR,
	  "AWS knowledge center (accelerated VPN needs NAT-T); Yamaha RTX command reference 15.48.5",
	  "NAT-T not enabled where the peer profile requires it",
	  check_natt,
	  "AWS knowledge center (accelerated VPN needs NAT-T)", 0 },
	{ "ike-address-not-held", AUDIT_WARNING,
	  "RFC 7597 section 5.2 (MAP-E: the CE's IPv4 address is the rule's, behind its NAT); RFC 6333 (DS-Lite: no public IPv4 at the B4); Yamaha RTX command reference 15 (ipsec ike local address); doc/field-cases.md case 4",
	  "IKE set to leave from an address no interface of the router holds, on a line whose IPv4 address exists only in a MAP-E or DS-Lite tunnel's NAT",
	  check_ike_addr,
	  NULL, 0 },
	{ "line-mtu-above-path", AUDIT_ERROR,
	  "RFC 1191 (path MTU discovery); AWS Site-to-Site VPN user guide (no path MTU discovery through the tunnel)",
	  "the configuration's line MTU (PPPoE pp, MAP-E tunnel, WAN port) is above the line MTU given or measured",
	  check_line_mtu,
	  NULL, 0 },
	{ "no-reinitiation", AUDIT_ERROR,
	  "swanctl.conf(5) dpd_action, start_action, close_action; ipsec.conf(5) dpdaction, auto (strongSwan, Libreswan); EC2 API ModifyVpnTunnelOptionsSpecification (DPD timeout action clear, startup action add); doc/field-cases.md case 2",
	  "a strongSwan connection (swanctl.conf or ipsec.conf) or Libreswan conn that nothing re-initiates after a peer that waits for the customer side clears the SA",
	  check_reinit,
	  NULL, 0 },
	{ "invalid-line", AUDIT_WARNING,
	  "the vendor's command grammar as mtuprobe knows it (Yamaha RTX command reference 12.01; NEC IX published configurations; swanctl.conf(5); ipsec.conf(5) of strongSwan and Libreswan)",
	  "a line the router would reject: not a command, a wrong argument, or a command outside the block it belongs in",
	  check_invalid,
	  "the vendor's command grammar as mtuprobe knows it", 0 },
	{ "undefined-reference", AUDIT_ERROR,
	  "Yamaha RTX command reference 15 (ipsec tunnel names an ipsec sa policy); NEC IX published configurations (ikev2 binding, ipsec policy tunnel, ipsec autokey-map); ipsec.conf(5) also=",
	  "a name the configuration uses but never defines: the tunnel it belongs to cannot come up as written",
	  check_refs,
	  "the vendor's command grammar as mtuprobe knows it", 0 },
};
/* clang-format on */

const char *
audit_source(const struct audit_result *r, const struct audit_check *k, char *buf, size_t len)
{
	const struct config_facts *x = config_facts(r->cfg);

	if (k->clamp_cited && x->clamp_source)
		return x->clamp_source;
	if (!x->neutral || !x->sources || !k->neutral_source)
		return k->source;
	snprintf(buf, len, "%s; %s", k->neutral_source, x->sources);
	return buf;
}

const char *
audit_severity_name(enum audit_severity s)
{
	return s == AUDIT_ERROR ? "error" : s == AUDIT_WARNING ? "warning" : "info";
}

void
audit_free(struct audit_result *r)
{
	free(r->tunnels);
	free(r->findings);
	free(r->notes);
	memset(r, 0, sizeof(*r));
}

/* Placeholders and unread lines: what the audit could not judge. */
static void
template_note(struct audit_run *a)
{
	const struct config *c = a->cfg;

	if (c->include.line)
		audit_note(a, NOTE_INCLUDE,
			   ARGS(AN(c->include.line), AS(c->include.text), AN(c->include.v)));
	if (c->prose.line)
		audit_note(a, NOTE_PROSE,
			   ARGS(AN(c->prose.v), AN(c->prose.line), AN(c->prose_last),
				AS(c->prose.text),
				AP(config_facts(c)->prose_why ? config_facts(c)->prose_why : "")));
	if (c->nplaceholders)
		audit_note(a, NOTE_PLACEHOLDERS,
			   ARGS(AN(c->nplaceholders), AN(c->placeholders[0].line),
				AS(c->placeholders[0].token)));
}

/* Lines the router takes that change nothing (config_inert): one note
 * each, its reason a phrase render says (the parser's table holds the
 * vendor's rule and its source; this one only names the words). */
static void
inert_note(struct audit_run *a)
{
	/* clang-format off */
	static const enum audit_word says[] = {
		[CONFIG_INERT_FG_MTU_OVERRIDE] = W_INERT_FG_MTU,
	};
	/* clang-format on */
	const struct config *c = a->cfg;

	for (size_t i = 0; i < c->ninert; i++)
		if ((size_t)c->inert[i].why < COUNT(says))
			audit_note(a, NOTE_INERT_LINE,
				   ARGS(AN(c->inert[i].line), AS(c->inert[i].text),
					AW(says[c->inert[i].why])));
}

/* A tunnel whose interface has no entry, beside an entry of a like name
 * that traffic is sent to (config_tunnel.if_like, which the parser fills
 * where its format names a tunnel's interface after its IKE peer): one
 * note each, never a guess at which name the user meant to be right. */
static void
if_like_note(struct audit_run *a)
{
	for (size_t i = 0; i < a->cfg->ntunnels; i++) {
		const struct config_tunnel *t = &a->cfg->tunnels[i];
		if (t->if_like.line)
			audit_note(a, NOTE_IF_LIKE,
				   ARGS(AS(t->name), AN(t->if_like.line), AS(t->if_like.text),
					AN(t->if_like_use.line), AS(t->if_like_use.text),
					AS(t->name)));
	}
}

int
audit_run(const struct audit_input *in, struct audit_result *r)
{
	struct audit_run a = { .in = in, .cfg = in->cfg, .peer = in->peer, .r = r };

	audit_free(r);
	if (!a.peer)
		a.peer = model_peer("generic");
	r->cfg = in->cfg;
	r->peer = a.peer;
	r->keep_mtu = in->keep_mtu;
	if (in->cfg->ntunnels && !(r->tunnels = calloc(in->cfg->ntunnels, sizeof(*r->tunnels)))) {
		r->nomem = 1;
		return -1;
	}
	if (index_build(&a) < 0) {
		index_free(&a);
		r->nomem = 1;
		return -1;
	}
	audit_prepare(&a);
	template_note(&a);
	inert_note(&a);
	if_like_note(&a);
	disabled_note(&a);
	audit_peer_hint(&a);
	remote_note(&a);
	template_copies(&a);
	for (size_t i = 0; i < COUNT(checks); i++) {
		a.check = &checks[i];
		checks[i].run(&a);
	}
	index_free(&a);
	return r->nomem ? -1 : 0;
}
