/* SPDX-License-Identifier: BSD-2-Clause */
/* Two routers' pair (core/audit_pair.c): the words, each end's fix in its
 * own syntax (render/audit_fix.c, fed the end's configuration), the text
 * section and the JSON member. What no fix kind prints (a key, a
 * transform, a lifetime) is a comment in the end's comment syntax. */
#include "render/audit_pair_out.h"
#include "render/audit_out.h"
#include "render/audit_peer_int.h"
#include "render/audit_peer_out.h"
#include "render/render.h"
#include "base/text.h"
#include "base/count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

/* localized ? the catalogue's words : the English msgid (--json) */
#define L(s) (localized ? _(s) : (s))

static const char *
tname(const struct audit_rpair_result *r, int s, int t)
{
	return t >= 0 && (size_t)t < r->cfg[s]->ntunnels ? r->cfg[s]->tunnels[t].name : "?";
}

static void
ip(uint32_t a, int localized, char *buf, size_t len)
{
	if (a)
		audit_peer_ip_text(a, buf, len);
	else
		snprintf(buf, len, "%s", L(N_("(not written)")));
}

/* ---- words ------------------------------------------------------------ */

typedef void words_fn(const struct audit_rpair_result *r, const struct audit_rpair_finding *f,
		      int localized, char *buf, size_t len);

static void
w_unpaired(const struct audit_rpair_result *r, const struct audit_rpair_finding *f, int localized,
	   char *buf, size_t len)
{
	int s = f->side, o = !s;
	char remote[64], local[64], oremote[64], olocal[64];

	ip(f->addr[s][0], localized, remote, sizeof(remote));
	ip(f->addr[s][1], localized, local, sizeof(local));
	ip(f->addr[o][0], localized, oremote, sizeof(oremote));
	ip(f->addr[o][1], localized, olocal, sizeof(olocal));
	if (f->end[o].tunnel >= 0)
		snprintf(
			buf, len,
			L(N_("%s sends IKE to %s, but %s has %s as its local address (and sends IKE to %s): one of the two addresses is stale (a changed address, a typo), and neither tunnel comes up")),
			tname(r, s, f->end[s].tunnel), remote, tname(r, o, f->end[o].tunnel),
			olocal, oremote);
	else
		snprintf(
			buf, len,
			L(N_("%s sends IKE to %s from %s, and no tunnel of the other end pairs with any of this end's: no outside address or inside subnet matches (the wrong file, or every address changed)%s")),
			tname(r, s, f->end[s].tunnel), remote, local,
			f->addr[s][0] ? "" : L(N_("; it has no IPv4 IKE peer address to pair by")));
}

static void
w_initiate(const struct audit_rpair_result *r, const struct audit_rpair_finding *f, int localized,
	   char *buf, size_t len)
{
	char why[END_COUNT][800];

	for (int s = 0; s < END_COUNT; s++)
		audit_peer_noinit_words(r->cfg[s], f->end[s].tunnel,
					(enum audit_no_init)f->end[s].code, L(N_("the other end")),
					localized, why[s], sizeof(why[s]));
	snprintf(
		buf, len,
		L(N_("neither end starts IKE: %s: %s; %s: %s. After a reboot, or once both have dropped the SA, the tunnel stays down until someone starts it; either fix suffices")),
		tname(r, END_A, f->end[END_A].tunnel), why[END_A],
		tname(r, END_B, f->end[END_B].tunnel), why[END_B]);
}

static void
w_dpd_off(const struct audit_rpair_result *r, const struct audit_rpair_finding *f, int localized,
	  char *buf, size_t len)
{
	(void)r;
	(void)f;
	snprintf(
		buf, len, "%s",
		L(N_("neither end runs dead peer detection: when one end dies or loses its SA, the other notices only when the SA's lifetime ends, sending into it until then")));
}

static void
w_dpd_hold(const struct audit_rpair_result *r, const struct audit_rpair_finding *f, int localized,
	   char *buf, size_t len)
{
	int s = f->side;

	snprintf(
		buf, len,
		L(N_("%s notices a dead peer after %ld s, %s after %ld s (more than twice as fast): for the difference the slower end sends into an SA the other has already deleted")),
		tname(r, s, f->end[s].tunnel), f->end[s].v, tname(r, !s, f->end[!s].tunnel),
		f->end[!s].v);
}

static void
w_psk(const struct audit_rpair_result *r, const struct audit_rpair_finding *f, int localized,
      char *buf, size_t len)
{
	(void)r;
	(void)f;
	snprintf(
		buf, len, "%s",
		L(N_("the two ends' pre-shared keys differ (compared as keyed digests; neither key is printed): IKE authentication fails (AUTHENTICATION_FAILED)")));
}

static void
w_proposal(const struct audit_rpair_result *r, const struct audit_rpair_finding *f, int localized,
	   char *buf, size_t len)
{
	static const char *const what[] = { N_("IKE versions"), N_("ESP encryption"),
					    N_("ESP integrity") };
	int which = f->code == PROP_IKE_VERSION ? 0 : f->code == PROP_P2_ENC ? 1 : 2;
	char a[80], b[80];

	audit_peer_alg_names(which, f->end[END_A].v, a, sizeof(a));
	audit_peer_alg_names(which, f->end[END_B].v, b, sizeof(b));
	snprintf(
		buf, len,
		L(N_("no %s in common: %s offers %s, %s offers %s: the negotiation ends in NO_PROPOSAL_CHOSEN")),
		L(what[which]), tname(r, END_A, f->end[END_A].tunnel), a,
		tname(r, END_B, f->end[END_B].tunnel), b);
}

static void
w_lifetime(const struct audit_rpair_result *r, const struct audit_rpair_finding *f, int localized,
	   char *buf, size_t len)
{
	int s = f->side;

	snprintf(
		buf, len,
		L(N_("%s SA lifetime %ld s on %s, %ld s on %s: the longer end keeps an SA the other has already replaced or expired (IKEv1 responders may also refuse the other's lifetime)")),
		f->code == LIFE_ROUTER_P2_LONGER ? "IPsec" : "IKE", f->end[s].v,
		tname(r, s, f->end[s].tunnel), f->end[!s].v, tname(r, !s, f->end[!s].tunnel));
}

static void
w_mss(const struct audit_rpair_result *r, const struct audit_rpair_finding *f, int localized,
      char *buf, size_t len)
{
	int s = f->side;

	snprintf(
		buf, len,
		L(N_("%s clamps TCP MSS to %ld, so segments of %ld bytes cross the tunnel, but %s's tunnel MTU is %ld: the far end must fragment them (or drop them with DF set)")),
		tname(r, s, f->end[s].tunnel), f->end[s].v, f->end[s].v + 40,
		tname(r, !s, f->end[!s].tunnel), f->end[!s].v);
}

static const struct {
	const char *id;
	words_fn *fn;
} words[] = {
	{ "peer-address-mismatch", w_unpaired },
	{ "nobody-initiates", w_initiate },
	{ "dpd-off-both-ends", w_dpd_off },
	{ "dpd-hold-mismatch", w_dpd_hold },
	{ "psk-mismatch", w_psk },
	{ "proposal-mismatch", w_proposal },
	{ "lifetime-mismatch", w_lifetime },
	{ "mss-above-peer-mtu", w_mss },
};

void
audit_pair_words(const struct audit_rpair_result *r, const struct audit_rpair_finding *f,
		 int localized, char *buf, size_t len)
{
	for (size_t i = 0; i < COUNT(words); i++)
		if (strcmp(words[i].id, f->check->id) == 0) {
			words[i].fn(r, f, localized, buf, len);
			text_mark_cut(buf, len); /* never a part shown as all */
			return;
		}
	snprintf(buf, len, "?"); /* no row for this id: no words to translate */
}

/* ---- fixes -------------------------------------------------------------- */

/* What no fix kind prints, as a comment on end s (its comment syntax). */
static int
note(const struct audit_rpair_result *r, const struct audit_rpair_finding *f, int s,
     void (*emit)(void *ctx, const char *line), void *ctx)
{
	const char *lead = vendor_comment(r->cfg[s]->vendor);
	const char *id = f->check->id;
	const char *other = tname(r, !s, f->end[!s].tunnel);
	char buf[300], v[80];

	buf[0] = '\0';
	if (strcmp(id, "psk-mismatch") == 0)
		snprintf(
			buf, sizeof(buf),
			"%s set the same pre-shared key on both ends (line %u here; no key is printed)",
			lead, f->end[s].line);
	else if (strcmp(id, "proposal-mismatch") == 0) {
		audit_peer_alg_names(f->code == PROP_IKE_VERSION ? 0
				     : f->code == PROP_P2_ENC    ? 1
								 : 2,
				     f->end[!s].v, v, sizeof(v));
		snprintf(buf, sizeof(buf), "%s offer also what %s offers (%s), on one end or both",
			 lead, other, v);
	} else if (strcmp(id, "lifetime-mismatch") == 0 && s == f->side)
		snprintf(buf, sizeof(buf), "%s set the %s SA lifetime to %ld s, as %s has it", lead,
			 f->code == LIFE_ROUTER_P2_LONGER ? "IPsec" : "IKE", f->end[!s].v, other);
	else if (strcmp(id, "nobody-initiates") == 0 && f->end[s].code == NOINIT_IX_RESPONDER)
		snprintf(buf, sizeof(buf), "%s and in interface %s remove line %u: %s", lead,
			 tname(r, s, f->end[s].tunnel), f->end[s].line, f->end[s].text);
	else if (strcmp(id, "peer-address-mismatch") == 0 && s == f->side && f->addr[!s][1]) {
		audit_peer_ip_text(f->addr[!s][1], v, sizeof(v));
		snprintf(
			buf, sizeof(buf),
			"%s point %s's IKE peer at %s (the other end's local address), or correct that address there",
			lead, tname(r, s, f->end[s].tunnel), v);
	} else if (strcmp(id, "peer-address-mismatch") == 0 && s == f->side)
		snprintf(
			buf, sizeof(buf),
			"%s point %s's IKE peer at the other end's outside address, or check that --peer-config names the router this tunnel goes to",
			lead, tname(r, s, f->end[s].tunnel));
	if (buf[0] && emit)
		emit(ctx, buf);
	return buf[0] != 0;
}

/* End s's fixes as router-audit findings, so that render/audit_fix.c
 * prints them in that end's syntax and blocks. */
static size_t
as_end(const struct audit_rpair_result *r, const struct audit_rpair_finding *only, int s,
       struct audit_result *tmp, struct audit_finding **rows)
{
	size_t n = 0;

	memset(tmp, 0, sizeof(*tmp));
	tmp->cfg = r->cfg[s];
	tmp->peer = r->audit[s] ? r->audit[s]->peer : NULL;
	*rows = calloc(only ? 1 : r->nfindings + 1, sizeof(**rows));
	if (!*rows)
		return 0;
	for (size_t i = 0; i < (only ? 1 : r->nfindings); i++) {
		const struct audit_rpair_finding *f = only ? only : &r->findings[i];
		if (!f->end[s].nfix)
			continue;
		memcpy((*rows)[n].fix, f->end[s].fix, sizeof(f->end[s].fix));
		(*rows)[n++].nfix = f->end[s].nfix;
	}
	tmp->findings = *rows;
	tmp->nfindings = n;
	return n;
}

void
audit_pair_end_lines(const struct audit_rpair_result *r, const struct audit_rpair_finding *only,
		     int side, void (*emit)(void *ctx, const char *line), void *ctx)
{
	struct audit_result tmp;
	struct audit_finding *rows;

	if (only)
		note(r, only, side, emit, ctx);
	if (as_end(r, only, side, &tmp, &rows))
		audit_fix_lines(&tmp, only ? &rows[0] : NULL, emit, ctx);
	free(rows);
}

/* ---- text ------------------------------------------------------------- */

/* audit_rpair_result.undecided: English in --json's notes, the user's
 * language in the text */
static const char undecided_words[] = N_(
	"could not pair: neither end states its local address (behind NAT, a dynamic address, or an IX IKEv1 tunnel, which sends from its outgoing interface), and no IKE identities or inside addresses can be compared; write one end's local address, or on one end the IKE identity the other expects, to pair them");

/* clang-format off */
static const char *const by_words[] = {
	[RPAIR_NONE] = N_("not paired"),
	[RPAIR_ADDR] = N_("by outside addresses, both ways"),
	[RPAIR_ADDR_ONE] = N_("by outside addresses, one way (the other end writes no local address)"),
	[RPAIR_INSIDE] = N_("by inside subnet (no outside addresses to match)"),
	[RPAIR_ID] = N_("by IKE identities (no outside addresses to match)"),
};
/* clang-format on */

/* English in --json's not_checked, the user's language in the text */
/* clang-format off */
static const char *const nc_words[] = {
	N_("whether each end starts IKE (one end's is not known: IX IKEv1, a template)"),
	N_("DPD (one end's is not known)"),
	N_("pre-shared keys (only one end's was read, or a placeholder)"),
	N_("IKE versions (one end's is not known)"),
	N_("ESP transforms (one end's is not known, or not one this tool reads)"),
	N_("lifetimes (read only from Yamaha RTX ipsec ike duration)"),
	N_("TCP MSS against the far end's tunnel MTU (its MTU is not known)"),
};
/* clang-format on */

static void
not_checked(FILE *f, unsigned bits, int json)
{
	int n = 0;

	for (size_t b = 0; b < COUNT(nc_words); b++)
		if (bits & 1u << b) {
			if (json) {
				fputs(n++ ? "," : "", f);
				json_string(f, nc_words[b]);
			} else
				fprintf(f, _("    not checked: %s\n"), _(nc_words[b]));
		}
}

#define emit_indented audit_emit_indented
#define emit_plain audit_emit_plain

static void
text_end(FILE *f, const struct audit_rpair_result *r, const struct audit_rpair_finding *x, int s,
	 const char *file)
{
	const struct audit_rpair_end *e = &x->end[s];

	fputs("  ", f);
	text_string(f, file);
	if (e->line) /* never a line 0: nothing in that file is concerned */
		fprintf(f, ":%u", e->line);
	if (e->tunnel >= 0) {
		fputc(' ', f);
		text_string(f, tname(r, s, e->tunnel));
	}
	if (e->secret_line)
		fputs(_(" | (a key: not printed)"), f);
	else if (e->text[0]) {
		fputs(" | ", f);
		text_string(f, e->text);
	} else if (e->line && e->tunnel >= 0 && e->line != r->cfg[s]->tunnels[e->tunnel].line)
		fputs(_(" | (not set)"), f);
	fputc('\n', f);
}

static void
text_finding(FILE *f, const struct audit_rpair_result *r, const struct audit_rpair_finding *x,
	     const char *const files[2])
{
	char why[3600]; /* Japanese takes 3 bytes a character */
	char src[800];

	fprintf(f, "\n%s %s\n", audit_severity_name(x->check->severity), x->check->id);
	for (int s = 0; s < END_COUNT; s++)
		if (x->end[s].tunnel >= 0)
			text_end(f, r, x, s, files[s]);
	audit_pair_words(r, x, 1, why, sizeof(why));
	fputs(_("  why: "), f);
	text_string(f, why);
	fputc('\n', f);
	/* the source is cited as written, never translated */
	fprintf(f, _("  source: %s\n"), audit_pair_source(r, x->check, src, sizeof(src)));
	for (int s = 0; s < END_COUNT; s++) {
		struct audit_result tmp;
		struct audit_finding *rows;
		int has = as_end(r, x, s, &tmp, &rows) != 0 || note(r, x, s, NULL, NULL);
		free(rows);
		if (x->end[s].tunnel < 0 || !has)
			continue;
		fputs(_("  fix on "), f);
		text_string(f, files[s]);
		fprintf(f, _(" (%s):\n"), config_vendor_display(r->cfg[s]->vendor));
		audit_pair_end_lines(r, x, s, emit_indented, f);
	}
}

void
render_audit_pair_text(FILE *f, const struct audit_rpair_result *r, const char *const files[2])
{
	fputs(_("\nboth ends: "), f);
	text_string(f, files[END_A]);
	fprintf(f, _(" (%s) and "), config_vendor_display(r->cfg[END_A]->vendor));
	text_string(f, files[END_B]);
	fprintf(f, ngettext(" (%s), %zu pair\n", " (%s), %zu pairs\n", r->npairs),
		config_vendor_display(r->cfg[END_B]->vendor), r->npairs);
	for (size_t k = 0; k < r->npairs; k++) {
		const struct audit_rpair *p = &r->pairs[k];
		fputs("  ", f);
		text_string(f, tname(r, END_A, p->t[END_A]));
		fputs(" <-> ", f);
		text_string(f, tname(r, END_B, p->t[END_B]));
		fprintf(f, ": %s\n", _(by_words[p->by]));
		not_checked(f, p->not_checked, 0);
	}
	if (r->undecided)
		fprintf(f, _("  note: %s\n"), _(undecided_words));
	for (size_t i = 0; i < r->nfindings; i++)
		text_finding(f, r, &r->findings[i], files);
	for (int s = 0; s < END_COUNT; s++) {
		struct audit_result tmp;
		struct audit_finding *rows;
		int has = as_end(r, NULL, s, &tmp, &rows) != 0;
		free(rows);
		if (!has)
			continue;
		fputs(_("\nchange set for "), f);
		text_string(f, files[s]);
		fprintf(f, _(" (%s) from both ends (after its own):\n"),
			config_vendor_display(r->cfg[s]->vendor));
		audit_pair_end_lines(r, NULL, s, emit_plain, f);
	}
	/* the pair's own findings only: each end's are counted above it */
	fprintf(f,
		ngettext("\nthe pair's own checks: %u error", "\nthe pair's own checks: %u errors",
			 r->nerror),
		r->nerror);
	fprintf(f, ngettext(", %u warning", ", %u warnings", r->nwarning), r->nwarning);
	fprintf(f, "%s\n",
		r->nfindings ? ""
		: r->undecided
			? _(": nothing was paired, so no check of the pair was made")
			: _(": every tunnel has its other end, and nothing in the pair is known to kill them"));
}

/* -q: the lines go to two routers, so each end's (its own audit's, then
 * the pair's) follow a comment naming its file; an end with none prints
 * nothing. */
void
render_audit_pair_quiet(FILE *f, const struct audit_rpair_result *r, const char *const files[2])
{
	for (int s = 0; s < END_COUNT; s++) {
		struct audit_result tmp;
		struct audit_finding *rows;
		int pair_fix = as_end(r, NULL, s, &tmp, &rows) != 0;
		free(rows);
		if (!pair_fix && !(r->audit[s] && audit_has_fix(r->audit[s])))
			continue;
		fprintf(f, "%s ", vendor_comment(r->cfg[s]->vendor));
		text_string(f, files[s]);
		fputc('\n', f);
		if (r->audit[s])
			audit_fix_lines(r->audit[s], NULL, emit_plain, f);
		audit_pair_end_lines(r, NULL, s, emit_plain, f);
	}
}

/* ---- JSON ------------------------------------------------------------- */

static void
json_tunnel(FILE *f, const struct audit_rpair_result *r, int s, int t)
{
	if (t >= 0)
		json_string(f, tname(r, s, t));
	else
		fputs("null", f);
}

static void
json_end(FILE *f, const struct audit_rpair_result *r, const struct audit_rpair_finding *x, int s)
{
	const struct audit_rpair_end *e = &x->end[s];
	struct audit_jlist j = { f, 0 };

	fprintf(f, "{\"tunnel\":");
	json_tunnel(f, r, s, e->tunnel);
	fprintf(f, ",\"line\":%u,\"text\":", e->line);
	json_string(f, e->secret_line ? "" : e->text);
	fputs(",\"fix\":[", f);
	if (e->tunnel >= 0)
		audit_pair_end_lines(r, x, s, audit_json_emit, &j);
	fputs("]}", f);
}

static void
json_findings(FILE *f, const struct audit_rpair_result *r)
{
	char why[3600]; /* as the text's: the same words, untranslated */
	char src[800];

	fputs(",\"findings\":[", f);
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct audit_rpair_finding *x = &r->findings[i];
		fprintf(f, "%s{\"id\":\"%s\",\"severity\":\"%s\",\"config\":", i ? "," : "",
			x->check->id, audit_severity_name(x->check->severity));
		json_end(f, r, x, END_A);
		fputs(",\"peer\":", f);
		json_end(f, r, x, END_B);
		audit_pair_words(r, x, 0, why, sizeof(why));
		fputs(",\"message\":", f);
		json_string(f, why);
		fputs(",\"source\":", f);
		json_string(f, audit_pair_source(r, x->check, src, sizeof(src)));
		fputc('}', f);
	}
	fputc(']', f);
}

/* ,"peer_config":{"file","kind":"router","format","audit":{...},...} */
void
audit_pair_json_member(FILE *f, const struct audit_rpair_result *r, const char *const files[2])
{
	struct audit_jlist j = { f, 0 };

	fputs(",\"peer_config\":{\"file\":", f);
	json_string(f, files[END_B]);
	fprintf(f, ",\"kind\":\"router\",\"format\":\"%s\",\"audit\":",
		config_vendor_name(r->cfg[END_B]->vendor));
	render_audit_json_object(f, r->audit[END_B], files[END_B]);
	fprintf(f, ",\"errors\":%u,\"warnings\":%u,\"pairs\":[", r->nerror, r->nwarning);
	for (size_t k = 0; k < r->npairs; k++) {
		const struct audit_rpair *p = &r->pairs[k];
		static const char *const by[] = { "none", "outside", "outside-one-way", "inside",
						  "identity" };
		fprintf(f, "%s{\"config_tunnel\":", k ? "," : "");
		json_tunnel(f, r, END_A, p->t[END_A]);
		fputs(",\"peer_tunnel\":", f);
		json_tunnel(f, r, END_B, p->t[END_B]);
		fprintf(f, ",\"by\":\"%s\",\"not_checked\":[", by[p->by]);
		not_checked(f, p->not_checked, 1);
		fputs("]}", f);
	}
	fputs("],\"notes\":[", f);
	if (r->undecided)
		json_string(f, undecided_words);
	fputc(']', f);
	json_findings(f, r);
	fputs(",\"fix\":[", f);
	audit_pair_end_lines(r, NULL, END_A, audit_json_emit, &j);
	fputs("],\"peer_fix\":[", f);
	j.n = 0;
	audit_pair_end_lines(r, NULL, END_B, audit_json_emit, &j);
	fputs("]}", f);
}
