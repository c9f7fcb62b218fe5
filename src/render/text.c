/* SPDX-License-Identifier: BSD-2-Clause */
/* The human report: the arithmetic step by step, the packet at the maximum
 * size, the result, warnings, then the configuration lines. */
#include "render/render.h"
#include "render/audit_out.h"

#include <string.h>

#include "base/i18n.h"

void
text_string(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			fprintf(f, "\\x%02x", *p);
		else
			fputc(*p, f);
}

static void
render_steps(FILE *f, const struct model_result *m)
{
	char words[RENDER_WORDS];

	fprintf(f, "%s\n", _("Arithmetic"));
	for (size_t i = 0; i < m->nsteps; i++) {
		const struct model_step *s = &m->steps[i];

		model_step_words(s, 1, words, sizeof(words));
		fprintf(f, "  %c %5ld  %s\n", s->op, s->value, words);
	}
}

static void
render_picture(FILE *f, const struct model_result *m)
{
	unsigned of = m->link_mtu;

	fprintf(f, _("\nPacket at the tunnel MTU (%u of %u bytes)\n  "), m->picture_total, of);
	for (size_t i = 0; i < m->npicture; i++)
		fprintf(f, "[%s %u]", m->picture[i].name, m->picture[i].bytes);
	fputc('\n', f);
}

static void
render_numbers(FILE *f, const struct model_result *m, int first_line)
{
	fprintf(f, "%s%s\n", first_line ? "" : "\n", _("Result"));
	fprintf(f, "  WAN MTU     %5u   MSS IPv4 %u", m->wan_mtu, m->wan_mss4);
	if (m->wan_v6_ok)
		fprintf(f, "   MSS IPv6 %u", m->wan_mss6);
	if (m->wan_v6_ok && m->wan_mtu6 != m->wan_mtu)
		fprintf(f, _("   (native IPv6, MTU %u)"), m->wan_mtu6);
	fputc('\n', f);
	if (!m->has_tunnel)
		return;
	/* TRANSLATORS: keep the width (12 columns before the number) */
	fprintf(f, _("  tunnel MTU  %5u   MSS IPv4 %u"), m->tunnel_mtu, m->mss4);
	if (m->v6_ok)
		fprintf(f, "   MSS IPv6 %u", m->mss6);
	if (m->capped)
		fprintf(f, _("   (the stack allows %u)"), m->tunnel_mtu_model);
	fputc('\n', f);
}

static void
render_warnings(FILE *f, const struct model_result *m)
{
	int head = 0;
	char words[RENDER_WORDS];

	for (size_t i = 0; i < m->nwarn; i++) {
		const struct model_warning *w = &m->warnings[i];

		/* The probe's verdict is printed once, under the measurement
		 * (issue 18): it is also a warning, for JSON and -q. */
		if (w->id == MW_TUNNEL)
			continue;
		if (!head++)
			fprintf(f, "\n%s\n", _("Warnings"));
		model_warning_words(w, 1, words, sizeof(words));
		fprintf(f, "  ! %s\n", words);
	}
}

void
render_configs(FILE *f, const struct report *r)
{
	const struct model_result *m = r->m;
	struct vendor_opts o = { r->producer, r->vendors.rtx, r->vendors.disabled };
	int v4only = m->wan_kind == WAN_4IN6;
	int first = 1;

	for (int v = 0; v < VENDOR_COUNT; v++) {
		/* A 4in6 WAN tunnel carries IPv4 only: its IPv6 numbers are the
		 * native line's, said in a comment, never set on the tunnel. */
		struct vendor_iface ifs[1 + REPORT_MAX_TUNNEL_IFS] = {
			{ r->vendors.wan_if[v], ROLE_WAN, m->wan_mtu, m->wan_mss4, m->wan_mss6,
			  m->wan_v6_ok && !v4only, v4only ? m->wan_mtu6 : 0 },
		};
		size_t nt = r->vendors.ntunnel_if[v] ? r->vendors.ntunnel_if[v] : 1;
		/* every tunnel interface gets the tunnel's numbers (one model) */
		for (size_t t = 0; t < nt; t++)
			ifs[1 + t] = (struct vendor_iface){ r->vendors.tunnel_if[v][t],
							    ROLE_TUNNEL,
							    m->tunnel_mtu,
							    m->mss4,
							    m->mss6,
							    m->v6_ok,
							    0 };
		if (r->vendors.replaced[v]) {
			/* one answer per run: the site's own lines, not a second block */
			fprintf(f,
				"%s# %s: the change set for %s follows below (from --config), on its own interfaces and numbering\n",
				first ? "" : "\n", vendor_name((enum vendor_id)v),
				r->probe && r->probe->config_file ? r->probe->config_file
								  : "the configuration");
			first = 0;
			continue;
		}
		if (!r->vendors.enabled[v])
			continue;
		if (!first)
			fputc('\n', f);
		first = 0;
		vendor_render(f, (enum vendor_id)v, &o, ifs, m->has_tunnel ? 1 + nt : 1);
	}
}

static void
emit_line(void *ctx, const char *line)
{
	fprintf((FILE *)ctx, "%s\n", line);
}

static void
emit_comment(void *ctx, const char *line)
{
	/* a line that is a comment already stays as it is */
	fprintf((FILE *)ctx, "%s%s\n", line[0] == '#' ? "" : "# ", line);
}

void
render_text(FILE *f, const struct report *r)
{
	const struct model_result *m = r->m;
	int any = 0;

	if (r->quiet) {
		if (m)
			render_configs(f, r);
		/* --config: the site's change set is what to paste; a swanctl.conf
		 * one is merged into the file, not pasted into the shell the Linux
		 * lines go to, so it follows as comments there */
		if (r->probe && r->probe->audit && !r->vendors.disabled) {
			const char *merge = vendor_fix_merge(r->probe->audit->cfg->vendor);
			if (merge && audit_has_fix(r->probe->audit))
				fprintf(f, "# %s\n", merge);
			audit_fix_lines(r->probe->audit, NULL, merge ? emit_comment : emit_line, f);
		}
		return;
	}
	/* Answers first (issue 18): what to set, then the evidence, then the
	 * arithmetic, then the lines. */
	if (r->probe) {
		render_probe_answer(f, r);
		render_probe_text(f, r);
	}
	if (!m)
		return; /* nothing measured: nothing to compute */
	if (!r->probe) {
		render_numbers(f, m, 1);
		fputc('\n', f);
	}
	render_steps(f, m);
	if (m->has_tunnel &&
	    m->npicture) /* a measured tunnel without --esp has no layers to draw */
		render_picture(f, m);
	if (r->probe)
		render_numbers(f, m, 0);
	render_warnings(f, m);
	for (int v = 0; v < VENDOR_COUNT; v++)
		any |= r->vendors.enabled[v] || r->vendors.replaced[v];
	if (any) {
		fprintf(f, "\n%s\n\n", _("Configuration"));
		render_configs(f, r);
	}
	render_probe_config_text(f, r);
}
