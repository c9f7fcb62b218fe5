/* SPDX-License-Identifier: BSD-2-Clause */
/* audit --json: one object, the contract documented in mtuprobe(1) under
 * AUDIT JSON and checked by tests/audit/check_audit_json.py:
 * {"mtuprobe", "command", "file", "vendor", "peer", "peer_hint", "line_mtu", "lines",
 *  "line_mtu_from", "unread", "errors", "warnings", "read", "invalid",
 *  "unread_lines": [[first, last]], "placeholders": [{"line", "token"}],
 *  "findings": [{"id", "severity", "line", "interface", "text", "message",
 *  "source", "fix": [lines]}], "tunnels": [{"name", "mtu", "mtu_default",
 *  "esp", "esp_offered", "nat_t", "limit", "mss", "kind", "checked", "not_checked"}],
 *  "fix_mtu", "alt_mtu", "alt_mss", "clamp"}], "notes": [...], "fix": [the change
 *  set, ready to paste], "rollback": [lines], "policy": "largest"|"keep-mtu"}
 * With --peer-config, a "peer_config" object follows (mtuprobe(1),
 * "Auditing both ends"; render/audit_peer_out.c writes it). */
#include "render/audit_out.h"
#include "render/audit_peer_out.h"
#include "render/audit_pair_out.h"
#include "render/render.h"

#include "config.h"

#include <stdio.h>
#include <string.h>

void
audit_json_emit(void *ctx, const char *line)
{
	struct audit_jlist *j = ctx;

	if (j->n++)
		fputc(',', j->f);
	json_string(j->f, line);
}

/* The description as a UTF-8 string (escaped bytes where it is neither
 * UTF-8 nor CP932), or null. */
static void
json_desc(FILE *f, const char *desc)
{
	char utf8[CONFIG_DESC * 3 + 1];

	if (!desc)
		fputs("null", f);
	else if (desc_utf8(desc, utf8, sizeof(utf8)) == 0)
		json_string(f, utf8);
	else
		json_string(f, desc);
}

static void
findings(FILE *f, const struct audit_result *r)
{
	fputs(",\"findings\":[", f);
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct audit_finding *x = &r->findings[i];
		struct audit_jlist j = { f, 0 };
		char why[AUDIT_MSG], src[AUDIT_MSG];
		fprintf(f, "%s{\"id\":\"%s\",\"severity\":\"%s\",\"line\":%u,\"interface\":",
			i ? "," : "", x->check->id, audit_severity_name(x->check->severity),
			x->line);
		json_string(f, x->where);
		fputs(",\"description\":", f);
		json_desc(f, config_description(r->cfg, x->where));
		fputs(",\"text\":", f);
		json_string(f, x->text);
		fputs(",\"message\":", f);
		audit_finding_words(r, x, 0, why, sizeof(why));
		json_string(f, why);
		fputs(",\"source\":", f);
		json_string(f, audit_source(r, x->check, src, sizeof(src)));
		fputs(",\"fix\":[", f);
		audit_fix_lines(r, x, audit_json_emit, &j);
		fputs("]}", f);
	}
	fputc(']', f);
}

/* config_tunnel_kind as JSON strings (a contract: mtuprobe(1), AUDIT JSON) */
/* clang-format off */
static const char *const kind_names[] = {
	[CONFIG_TK_IPSEC] = "ipsec", [CONFIG_TK_L2TPV3_IPSEC] = "l2tpv3-ipsec",
	[CONFIG_TK_L2TPV3] = "l2tpv3", [CONFIG_TK_L2TP] = "l2tp", [CONFIG_TK_MAPE] = "map-e",
	[CONFIG_TK_IPIP] = "ipip", [CONFIG_TK_GRE] = "gre", [CONFIG_TK_IPIP4] = "ipip4", [CONFIG_TK_TRANSPORT] = "transport",
	[CONFIG_TK_OTHER] = "other",
};
/* clang-format on */

/* The clamp as configured: "1387", "auto", "off", "template" or null. */
static void
clamp(FILE *f, const struct config_tunnel *t)
{
	char n[24];

	if (!t->mss.line)
		fputs("null", f);
	else if (t->mss.tmpl)
		fputs("\"template\"", f);
	else if (t->mss.v == CONFIG_MSS_NUM) {
		snprintf(n, sizeof(n), "%ld", t->mss_value);
		json_string(f, n);
	} else
		json_string(f, t->mss.v == CONFIG_MSS_AUTO ? "auto" : "off");
}

/* What the parser did with every line: spans of unread lines, the
 * placeholders (invalid lines are findings). */
static void
lines_read(FILE *f, const struct config *c)
{
	fprintf(f, ",\"read\":%u,\"invalid\":%zu,\"unread_lines\":[", c->read, c->ninvalid);
	for (size_t i = 0; i < c->nspans; i++)
		fprintf(f, "%s[%u,%u]", i ? "," : "", c->spans[i].first, c->spans[i].last);
	fputs("],\"placeholders\":[", f);
	for (size_t i = 0; i < c->nplaceholders; i++) {
		fprintf(f, "%s{\"line\":%u,\"token\":", i ? "," : "", c->placeholders[i].line);
		json_string(f, c->placeholders[i].token);
		fputc('}', f);
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
		/* every proposal offered; esp is the one the numbers are for */
		fputs(",\"esp_offered\":[", f);
		if (t->esp[0]) {
			char list[sizeof(t->esp_all)];
			char *save = NULL;
			int n = 0;
			snprintf(list, sizeof(list), "%s", t->esp_all[0] ? t->esp_all : t->esp);
			for (char *p = strtok_r(list, ",", &save); p;
			     p = strtok_r(NULL, ",", &save)) {
				if (n++)
					fputc(',', f);
				json_string(f, p);
			}
		}
		fputc(']', f);
		fprintf(f, ",\"nat_t\":%s,\"nat_t_auto\":%s,\"outer\":\"%s\"",
			t->natt ? "true" : "false", t->natt_auto ? "true" : "false",
			t->outer6 ? "ipv6" : "ipv4");
		json_key_uint(f, "limit", t->limit != 0, t->limit);
		json_key_uint(f, "limit_nat_t", t->limit_natt != 0, t->limit_natt);
		json_key_uint(f, "mss", t->target_mss != 0, t->target_mss);
		json_key_uint(f, "fix_mtu", t->target_mtu != 0, t->target_mtu);
		json_key_uint(f, "alt_mtu", t->alt_mtu != 0, t->alt_mtu);
		json_key_uint(f, "alt_mss", t->alt_mss != 0, t->alt_mss);
		fputs(",\"clamp\":", f);
		clamp(f, &r->cfg->tunnels[t->index]);
		fputs(",\"kind\":", f);
		json_string(f, kind_names[r->cfg->tunnels[t->index].kind]);
		fprintf(f, ",\"checked\":%s,\"not_checked\":",
			t->skip == AUDIT_CHECKED ? "true" : "false");
		if (t->skip == AUDIT_CHECKED) {
			fputs("null", f);
		} else {
			char why[200];
			audit_skip_words(r, t, 0, why, sizeof(why));
			json_string(f, why);
		}
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

/* Every member of the audit's object, without the closing brace. */
static void
object_members(FILE *f, const struct audit_result *r, const char *file)
{
	struct audit_jlist j = { f, 0 };

	fprintf(f, "{\"mtuprobe\":\"%s\",\"command\":\"audit\",\"file\":", MTUPROBE_VERSION);
	json_string(f, file);
	fprintf(f, ",\"vendor\":\"%s\",\"peer\":\"%s\"", config_vendor_name(r->cfg->vendor),
		r->peer->name);
	/* without --peer: the peer the file shows (a note says why), else null */
	fputs(",\"peer_hint\":", f);
	if (r->peer_hint)
		json_string(f, r->peer_hint->name);
	else
		fputs("null", f);
	json_key_uint(f, "line_mtu", r->line_mtu != 0, r->line_mtu);
	fputs(",\"line_mtu_from\":", f);
	if (r->line_mtu) {
		char from[CONFIG_TEXT + CONFIG_NAME + 64];

		audit_line_from_words(&r->line_from, 0, from, sizeof(from));
		json_string(f, from);
	} else {
		fputs("null", f);
	}
	fprintf(f, ",\"lines\":%u,\"unread\":%u,\"errors\":%u,\"warnings\":%u", r->cfg->lines,
		r->cfg->unread, r->nerror, r->nwarning);
	lines_read(f, r->cfg);
	findings(f, r);
	tunnels(f, r);
	fputs(",\"notes\":[", f);
	for (size_t i = 0; i < r->nnotes; i++) {
		char note[AUDIT_MSG];

		audit_say_words(&r->notes[i], 0, note, sizeof(note));
		fputs(i ? "," : "", f);
		json_string(f, note);
	}
	fputs("],\"fix\":[", f);
	audit_fix_lines(r, NULL, audit_json_emit, &j);
	fputs("],\"rollback\":[", f);
	j.n = 0;
	audit_rollback_lines(r, audit_json_emit, &j);
	fprintf(f, "],\"policy\":\"%s\"", r->keep_mtu ? "keep-mtu" : "largest");
}

void
render_audit_json_object(FILE *f, const struct audit_result *r, const char *file)
{
	object_members(f, r, file);
	fputc('}', f);
}

/* audit --peer-config ROUTER: end A's object with the pair's member
 * (render/audit_pair_out.c), end B's own object inside it. */
void
render_audit_json_pair(FILE *f, const struct audit_result *ra, const struct audit_rpair_result *p,
		       const char *const files[2])
{
	object_members(f, ra, files[END_A]);
	audit_pair_json_member(f, p, files);
	fputs("}\n", f);
}

/* audit --peer-config: the same object with the pair's "peer_config"
 * member (render/audit_peer_out.c) at its end. */
void
render_audit_json_peer(FILE *f, const struct audit_result *r, const char *file,
		       const struct audit_peer_result *p, const char *peer_file)
{
	object_members(f, r, file);
	render_audit_peer_json(f, p, peer_file);
	fputs("}\n", f);
}
