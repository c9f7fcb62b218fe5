/* SPDX-License-Identifier: BSD-2-Clause */
/* audit --json: one object, the contract documented in mtuprobe(1) under
 * AUDIT JSON and checked by tests/audit/check_audit_json.py:
 * {"mtuprobe", "command", "file", "vendor", "peer", "line_mtu", "lines",
 *  "unread", "errors", "warnings", "findings": [{"id", "severity", "line",
 *  "interface", "text", "message", "source", "fix": [lines]}],
 *  "tunnels": [{"name", "mtu", "mtu_default", "esp", "nat_t", "limit",
 *  "mss"}], "notes": [...], "fix": [every fix line, ready to paste]} */
#include "render/audit_out.h"
#include "render/render.h"

#include "config.h"

struct jlist {
	FILE *f;
	int n;
};

static void
emit_json(void *ctx, const char *line)
{
	struct jlist *j = ctx;

	if (j->n++)
		fputc(',', j->f);
	json_string(j->f, line);
}

static void
findings(FILE *f, const struct audit_result *r)
{
	fputs(",\"findings\":[", f);
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct audit_finding *x = &r->findings[i];
		struct jlist j = { f, 0 };
		fprintf(f, "%s{\"id\":\"%s\",\"severity\":\"%s\",\"line\":%u,\"interface\":", i ? "," : "",
			x->check->id, audit_severity_name(x->check->severity), x->line);
		json_string(f, x->where);
		fputs(",\"text\":", f);
		json_string(f, x->text);
		fputs(",\"message\":", f);
		json_string(f, x->message);
		fputs(",\"source\":", f);
		json_string(f, x->check->source);
		fputs(",\"fix\":[", f);
		audit_fix_lines(r, x, emit_json, &j);
		fputs("]}", f);
	}
	fputc(']', f);
}

static void
tunnels(FILE *f, const struct audit_result *r)
{
	fputs(",\"tunnels\":[", f);
	for (size_t i = 0; i < r->ntunnels; i++) {
		const struct audit_tunnel *t = &r->tunnels[i];
		fputs(i ? ",{\"name\":" : "{\"name\":", f);
		json_string(f, r->cfg->tunnels[t->index].name);
		json_key_uint(f, "mtu", t->mtu != 0, t->mtu);
		fprintf(f, ",\"mtu_default\":%s,\"esp\":", t->mtu_default ? "true" : "false");
		if (t->esp[0])
			json_string(f, t->esp);
		else
			fputs("null", f);
		fprintf(f, ",\"nat_t\":%s", t->natt ? "true" : "false");
		json_key_uint(f, "limit", t->limit != 0, t->limit);
		json_key_uint(f, "mss", t->target_mss != 0, t->target_mss);
		fputc('}', f);
	}
	fputc(']', f);
}

void
render_audit_json(FILE *f, const struct audit_result *r, const char *file)
{
	render_audit_json_object(f, r, file);
	fputc('\n', f);
}

void
render_audit_json_object(FILE *f, const struct audit_result *r, const char *file)
{
	struct jlist j = { f, 0 };

	fprintf(f, "{\"mtuprobe\":\"%s\",\"command\":\"audit\",\"file\":", MTUPROBE_VERSION);
	json_string(f, file);
	fprintf(f, ",\"vendor\":\"%s\",\"peer\":\"%s\"", config_vendor_name(r->cfg->vendor),
		r->peer->name);
	json_key_uint(f, "line_mtu", r->line_mtu != 0, r->line_mtu);
	fprintf(f, ",\"lines\":%u,\"unread\":%u,\"errors\":%u,\"warnings\":%u", r->cfg->lines,
		r->cfg->unread, r->nerror, r->nwarning);
	findings(f, r);
	tunnels(f, r);
	fputs(",\"notes\":[", f);
	for (size_t i = 0; i < r->nnotes; i++) {
		fputs(i ? "," : "", f);
		json_string(f, r->notes[i]);
	}
	fputs("],\"fix\":[", f);
	audit_fix_lines(r, NULL, emit_json, &j);
	fputs("]}", f);
}
