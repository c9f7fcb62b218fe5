/* SPDX-License-Identifier: BSD-2-Clause */
/* The audit as text: a head (what was read, the line MTU, each tunnel's
 * numbers), one block per finding (severity, id, file:line, the offending
 * line, why with the numbers, source, fix), then every fix together in
 * the vendor's syntax, ready to paste. */
#include "render/audit_out.h"
#include "render/render.h"

#include <stdio.h>

static void
emit_indented(void *ctx, const char *line)
{
	fprintf((FILE *)ctx, "    %s\n", line);
}

static void
emit_plain(void *ctx, const char *line)
{
	fprintf((FILE *)ctx, "%s\n", line);
}

static void
head(FILE *f, const struct audit_result *r, const char *file)
{
	const struct config *c = r->cfg;

	fputs("mtuprobe audit: ", f);
	text_string(f, file);
	fprintf(f, ": %s configuration, %u line%s",
		config_vendor_display(c->vendor), c->lines, c->lines == 1 ? "" : "s");
	fprintf(f, " (%u not read by the audit%s)\n", c->unread,
		c->dropped ? ", some facts beyond the audit's tables were dropped" : "");
	if (c->firmware_line)
		fprintf(f, "firmware: %s (line %u)\n", c->firmware, c->firmware_line);
	fprintf(f, "peer: %s (%s): %s\n", r->peer->display, r->peer->name, r->peer->behaviour);
	if (r->line_mtu)
		fprintf(f, "line MTU: %u (%s)\n", r->line_mtu, r->line_from);
	for (size_t i = 0; i < r->ntunnels; i++) {
		const struct audit_tunnel *t = &r->tunnels[i];
		fprintf(f, "%s: ", c->tunnels[t->index].name);
		if (t->mtu)
			fprintf(f, "MTU %u%s", t->mtu, t->mtu_default ? " (default)" : "");
		else
			fprintf(f, "MTU not set%s", c->vendor == CONFIG_IX ? " (IX default unknown)" : "");
		fprintf(f, ", ESP %s, NAT-T %s", t->esp[0] ? t->esp : "unknown", t->natt ? "on" : "off");
		if (t->limit)
			fprintf(f, ", line and ESP allow %u", t->limit);
		fputc('\n', f);
	}
	for (size_t i = 0; i < r->nnotes; i++)
		fprintf(f, "note: %s\n", r->notes[i]);
}

static void
finding(FILE *f, const struct audit_result *r, const struct audit_finding *x, const char *file)
{
	fprintf(f, "\n%s %s ", audit_severity_name(x->check->severity), x->check->id);
	text_string(f, file);
	fprintf(f, ":%u ", x->line);
	text_string(f, x->where);
	fputc('\n', f);
	if (x->text[0]) {
		fprintf(f, "  %u | ", x->line);
		text_string(f, x->text);   /* a configuration may carry any byte */
		fputc('\n', f);
	} else
		fprintf(f, "  (not set)\n");
	fprintf(f, "  why: %s\n", x->message);
	fprintf(f, "  source: %s\n", x->check->source);
	if (x->nfix) {
		fprintf(f, "  fix:\n");
		audit_fix_lines(r, x, emit_indented, f);
	}
}

void
render_audit_text(FILE *f, const struct audit_result *r, const char *file)
{
	head(f, r, file);
	for (size_t i = 0; i < r->nfindings; i++)
		finding(f, r, &r->findings[i], file);
	if (r->dropped)
		fprintf(f, "\n%u more findings not shown (the audit keeps %d)\n", r->dropped,
			AUDIT_MAX_FINDINGS);
	if (r->nfindings) {
		fprintf(f, "\ncorrected lines for %s, ready to paste:\n",
			config_vendor_display(r->cfg->vendor));
		audit_fix_lines(r, NULL, emit_plain, f);
	}
	fprintf(f, "\n%u error%s, %u warning%s%s\n", r->nerror, r->nerror == 1 ? "" : "s",
		r->nwarning, r->nwarning == 1 ? "" : "s",
		r->nfindings ? "" : ": nothing in this configuration is known to kill its tunnels");
}
