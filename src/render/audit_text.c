/* SPDX-License-Identifier: BSD-2-Clause */
/* The audit as text: a head (what was read, the line MTU, each tunnel's
 * numbers), one block per finding (severity, id, file:line, the offending
 * line, why with the numbers, source, fix), then every fix together in
 * the vendor's syntax, ready to paste. */
#include "render/audit_out.h"
#include "render/render.h"

#include <stdio.h>

#include "base/i18n.h"
#include "base/count.h"

void
audit_emit_indented(void *ctx, const char *line)
{
	fprintf((FILE *)ctx, "    %s\n", line);
}

void
audit_emit_plain(void *ctx, const char *line)
{
	fprintf((FILE *)ctx, "%s\n", line);
}

#define emit_indented audit_emit_indented
#define emit_plain audit_emit_plain

/* Known commands the audit does not need, as line spans: the first few,
 * then how many more (--json lists every span). */
static void
unread_spans(FILE *f, const struct config *c)
{
	enum { SHOWN = 8 };

	if (!c->nspans)
		return;
	fputs(_("not read (commands the audit does not need): lines "), f);
	for (size_t i = 0; i < c->nspans && i < SHOWN; i++) {
		const struct config_span *s = &c->spans[i];
		fprintf(f, i ? ", %u" : "%u", s->first);
		if (s->last != s->first)
			fprintf(f, "-%u", s->last);
	}
	if (c->nspans > SHOWN)
		fprintf(f, ngettext(" and %zu more span", " and %zu more spans", c->nspans - SHOWN),
			c->nspans - SHOWN);
	fputc('\n', f);
}

/* "on" and "off" are the routers' own words; auto is ours */
static const char *
natt_word(const struct audit_tunnel *t)
{
	return t->nat_seen       ? _("on (a NAT is on the path)")
	       : t->natt         ? "on"
	       : t->natt_auto    ? _("when a NAT is detected")
	       : t->natt_unknown ? _("not set (default unknown)")
				 : "off";
}

static void
tunnel_line(FILE *f, const struct audit_result *r, const struct audit_tunnel *t)
{
	const struct config *c = r->cfg;
	const struct config_facts *x = config_facts(c);
	char why[400]; /* Japanese takes 3 bytes a character */

	text_string(f, c->tunnels[t->index].name);
	text_desc(f, c->tunnels[t->index].desc);
	fputs(": ", f);
	if (t->skip != AUDIT_CHECKED) {
		audit_skip_words(r, t, 1, why, sizeof(why));
		fprintf(f, _("not checked: %s, NAT-T %s\n"), why, natt_word(t));
		return;
	}
	if (t->mtu)
		fprintf(f, "MTU %u%s", t->mtu, t->mtu_default ? _(" (default)") : "");
	else if (c->tunnels[t->index].via[0])
		fprintf(f,
			_("policy-based, no interface and no MTU of its own (its packets leave by %s)"),
			c->tunnels[t->index].via);
	else
		fprintf(f, _("MTU not set%s"), x->mtu_unknown_word ? _(x->mtu_unknown_word) : "");
	fprintf(f, ", ESP %s%s, NAT-T %s", t->esp[0] ? t->esp : _("unknown"),
		t->outer6 ? _(" over IPv6") : "", natt_word(t));
	if (t->limit_natt)
		fprintf(f, _(", line and ESP allow %u (%u in UDP behind a NAT)"), t->limit,
			t->limit_natt);
	else if (t->limit)
		fprintf(f, _(", line and ESP allow %u"), t->limit);
	fputc('\n', f);
}

static void
head(FILE *f, const struct audit_result *r, const char *file)
{
	const struct config *c = r->cfg;
	const struct config_facts *x = config_facts(c);

	fputs("mtuprobe audit: ", f);
	text_string(f, file);
	fprintf(f,
		ngettext(": %s configuration, %u line", ": %s configuration, %u lines", c->lines),
		config_vendor_display(c->vendor), c->lines);
	fprintf(f, _(" (%u not read by the audit"), c->unread);
	if (c->ninvalid)
		fprintf(f, _(", %zu invalid"), c->ninvalid);
	fputs(")\n", f);
	/* a format of two readings (ipsec.conf: strongSwan and Libreswan read
	 * DPD keys differently): say which the checks used */
	if ((unsigned)c->dialect < COUNT(x->dialect_word) && x->dialect_word[c->dialect])
		fputs(_(x->dialect_word[c->dialect]), f);
	unread_spans(f, c);
	if (c->firmware_line)
		fprintf(f, _("firmware: %s (line %u)\n"), c->firmware, c->firmware_line);
	fprintf(f, _("peer: %s (%s): %s\n"), render_peer_display(r->peer, 1), r->peer->name,
		_(r->peer->behaviour));
	if (r->line_mtu) {
		char from[2 * (CONFIG_TEXT + CONFIG_NAME + 64)]; /* Japanese: 3 bytes a character */

		audit_line_from_words(&r->line_from, 1, from, sizeof(from));
		fprintf(f, _("line MTU: %u ("), r->line_mtu);
		text_string(f, from);
		fputs(")\n", f);
	}
	for (size_t i = 0; i < r->ntunnels; i++)
		tunnel_line(f, r, &r->tunnels[i]);
	for (size_t i = 0; i < r->nnotes; i++) {
		char note[2 * AUDIT_MSG]; /* Japanese takes 3 bytes a character */

		audit_say_words(&r->notes[i], 1, note, sizeof(note));
		fputs(_("note: "), f);
		text_string(f, note);
		fputc('\n', f);
	}
}

static void
finding(FILE *f, const struct audit_result *r, const struct audit_finding *x, const char *file)
{
	char why[2 * AUDIT_MSG]; /* localized: Japanese takes 3 bytes a character */
	char src[AUDIT_MSG];

	fprintf(f, "\n%s %s ", audit_severity_name(x->check->severity), x->check->id);
	text_string(f, file);
	if (x->line) /* never a line 0 */
		fprintf(f, ":%u", x->line);
	if (x->where[0]) {
		fputc(' ', f);
		text_string(f, x->where);
		text_desc(f, config_description(r->cfg, x->where));
	}
	fputc('\n', f);
	if (x->text[0]) {
		fprintf(f, "  %u | ", x->line);
		text_string(f, x->text); /* a configuration may carry any byte */
		fputc('\n', f);
	} else
		fputs(_("  (not set)\n"), f);
	audit_finding_words(r, x, 1, why, sizeof(why));
	fputs(_("  why: "), f);
	text_string(f, why);
	fputc('\n', f);
	/* the source is cited as written, never translated */
	fprintf(f, _("  source: %s\n"), audit_source(r, x->check, src, sizeof(src)));
	if (x->nfix) {
		fputs(_("  fix:\n"), f);
		audit_fix_lines(r, x, emit_indented, f);
	}
}

/* A tunnel whose MTU or clamp the change set sets. */
static int
sets_numbers(const struct audit_result *r, size_t t)
{
	for (size_t i = 0; i < r->nfindings; i++)
		for (size_t k = 0; k < r->findings[i].nfix; k++) {
			const struct audit_fix *x = &r->findings[i].fix[k];
			if (x->tunnel == (int)t &&
			    (x->kind == FIX_TUNNEL_MTU || x->kind == FIX_TUNNEL_MSS))
				return 1;
		}
	return 0;
}

/* The policy the numbers follow, and what the other one would set. */
static void
alternative(FILE *f, const struct audit_result *r)
{
	int any = 0;

	for (size_t i = 0; i < r->ntunnels; i++) {
		const struct audit_tunnel *t = &r->tunnels[i];
		if (!sets_numbers(r, i) || !t->alt_mtu || t->alt_mtu == t->target_mtu)
			continue;
		if (!any++)
			fprintf(f, _("\npolicy: %s; %s:"),
				r->keep_mtu
					? _("--keep-mtu, the configured MTU kept where it fits, the clamp MTU - 40")
					: _("the largest tunnel MTU the line and ESP allow, the clamp MTU - 40"),
				r->keep_mtu ? _("without --keep-mtu")
					    : _("with --keep-mtu (the smallest change)"));
		fputs(any > 1 ? ";" : "", f);
		fputc(' ', f);
		text_string(f, r->cfg->tunnels[t->index].name);
		fprintf(f, _(" MTU %u, MSS %u"), t->alt_mtu, t->alt_mss);
	}
	if (any)
		fputc('\n', f);
}

static void
count_line(void *ctx, const char *line)
{
	(void)line;
	++*(size_t *)ctx;
}

int
audit_has_fix(const struct audit_result *r)
{
	for (size_t i = 0; i < r->nfindings; i++)
		if (r->findings[i].nfix)
			return 1;
	return 0;
}

void
render_audit_text(FILE *f, const struct audit_result *r, const char *file)
{
	head(f, r, file);
	for (size_t i = 0; i < r->nfindings; i++)
		finding(f, r, &r->findings[i], file);
	if (audit_has_fix(r)) {
		fprintf(f,
			_("\nchange set for %s, ready to paste (each changed line after the one it replaces):\n"),
			config_vendor_display(r->cfg->vendor));
		audit_fix_lines(r, NULL, emit_plain, f);
		size_t n = 0;
		audit_rollback_lines(r, count_line, &n);
		if (n) {
			fputs(_("\nrollback (paste after the change to restore the old lines):\n"),
			      f);
			audit_rollback_lines(r, emit_plain, f);
		} else {
			fputs(_("\nrollback: nothing to restore (the change set changes no line)\n"),
			      f);
		}
		alternative(f, r);
	}
	fputc('\n', f);
	fprintf(f, ngettext("%u error", "%u errors", r->nerror), r->nerror);
	fprintf(f, ngettext(", %u warning", ", %u warnings", r->nwarning), r->nwarning);
	if (r->nfindings)
		;
	else if (r->all_disabled)
		fputs(r->cfg->ngateways
			      ? _(": every IPsec policy in this file is disabled: no tunnel to audit")
			      : _(": every IPsec peer in this file is disabled: no tunnel to audit"),
		      f);
	else
		fputs(_(": nothing in this configuration is known to kill its tunnels"), f);
	if (r->cfg->nplaceholders) {
		fputs(r->nfindings ? _("; ") : _(", but "), f);
		fprintf(f,
			ngettext("%zu template placeholder not checked",
				 "%zu template placeholders not checked", r->cfg->nplaceholders),
			r->cfg->nplaceholders);
	}
	fputc('\n', f);
}
