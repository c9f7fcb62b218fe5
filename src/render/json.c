/* SPDX-License-Identifier: BSD-2-Clause */
/* --json: one object, the contract documented in mtuprobe(1) under JSON
 * OUTPUT and checked by tests/cli/check_json.py. Change it deliberately. */
#include "render/render.h"

#include "config.h"

static void json_model(FILE *f, const struct report *r);

/* Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF), or 0. */
static size_t
utf8_len(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (p[0] >= 0xe0 && p[0] <= 0xef) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f))
			return 0;
		return 3;
	}
	if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
			return 0;
		return 4;
	}
	return 0;
}

/* Always valid JSON and valid UTF-8 (RFC 8259 section 8.1): a byte that
 * starts no valid sequence (a file name in another encoding) becomes
 * U+FFFD. The checks above stop at the NUL, which is never a continuation. */
void
json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; p && *p;) {
		size_t n = utf8_len(p);
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else if (n == 0)
			fputs("\\ufffd", f);
		else
			fwrite(p, 1, n, f);
		p += n ? n : 1;
	}
	fputc('"', f);
}

void
json_key_uint(FILE *f, const char *key, int ok, unsigned v)
{
	fprintf(f, ",\"%s\":", key);
	if (ok)
		fprintf(f, "%u", v);
	else
		fputs("null", f);
}

void
json_key_string(FILE *f, const char *key, const char *v)
{
	fprintf(f, ",\"%s\":", key);
	if (v)
		json_string(f, v);
	else
		fputs("null", f);
}

static void
json_esp(FILE *f, const struct report *r)
{
	const struct esp_proposal *e = &r->in->esp;
	int transport = 0;

	if (!r->in->has_esp) {
		fputs("\"esp\":null", f);
		return;
	}
	for (size_t i = 0; i < r->in->nstack; i++)
		transport |= r->in->stack[i]->transport;
	fputs("\"esp\":{\"proposal\":", f);
	json_string(f, e->text);
	fputs(",\"cipher\":", f);
	json_string(f, e->cipher->name);
	fputs(",\"integrity\":", f);
	if (e->integ)
		json_string(f, e->integ->name);
	else
		fputs("null", f);
	fprintf(f, ",\"mode\":\"%s\",\"iv\":%u,\"block\":%u,\"icv\":%u,\"pad\":%u}",
		transport ? "transport" : "tunnel", e->cipher->iv,
		e->cipher->block < 4 ? 4 : e->cipher->block,
		e->cipher->icv ? e->cipher->icv : e->integ->icv, r->m->esp_pad);
}

static void
json_lists(FILE *f, const struct model_input *in, const struct model_result *m)
{
	char words[MODEL_MSG];

	fputs(",\"stack\":[", f);
	for (size_t i = 0; i < in->nstack; i++) {
		fputs(i ? "," : "", f);
		json_string(f, in->stack[i]->name);
	}
	fputs("],\"layers\":[", f);
	for (size_t i = 0; i < m->npicture; i++)
		fprintf(f, "%s{\"name\":\"%s\",\"bytes\":%u}", i ? "," : "", m->picture[i].name,
			m->picture[i].bytes);
	fprintf(f, "],\"packet_bytes\":%u,\"steps\":[", m->picture_total);
	for (size_t i = 0; i < m->nsteps; i++) {
		fprintf(f, "%s{\"op\":\"%c\",\"bytes\":%ld,\"text\":", i ? "," : "", m->steps[i].op,
			m->steps[i].value);
		model_step_words(&m->steps[i], 0, words, sizeof(words));
		json_string(f, words);
		fputc('}', f);
	}
	fputs("],\"warnings\":[", f);
	for (size_t i = 0; i < m->nwarn; i++) {
		fputs(i ? "," : "", f);
		model_warning_words(&m->warnings[i], 0, words, sizeof(words));
		json_string(f, words);
	}
	fputc(']', f);
}

/* No WAN path MTU was measured: every computed field is null, not a guess. */
static void
json_no_model(FILE *f, const char *why)
{
	fputs(",\"line\":null,\"link_mtu\":null,\"wan_mtu\":null,\"wan_mss_ipv4\":null,"
	      "\"wan_mtu_ipv6\":null,\"wan_mss_ipv6\":null,\"esp\":null,\"peer\":null,\"tunnel_mtu_model\":null,"
	      "\"tunnel_mtu\":null,\"capped\":false,\"mss_ipv4\":null,\"mss_ipv6\":null,"
	      "\"stack\":[],\"layers\":[],\"packet_bytes\":null,\"steps\":[],"
	      "\"warnings\":[",
	      f);
	json_string(f, why ? why : "no WAN path MTU was measured");
	fputc(']', f);
}

void
render_json(FILE *f, const struct report *r)
{
	const struct model_result *m = r->m;

	fprintf(f, "{\"mtuprobe\":\"%s\",\"command\":\"%s\"", MTUPROBE_VERSION, r->command);
	if (m)
		json_model(f, r);
	else
		json_no_model(f, r->probe ? r->probe->no_config : NULL);
	if (r->probe) {
		render_probe_json(f, r);
		render_probe_config_json(f, r);
	}
	fputs("}\n", f);
}

static void
json_model(FILE *f, const struct report *r)
{
	const struct model_result *m = r->m;
	int t = m->has_tunnel;

	json_key_string(f, "line", r->in->line ? r->in->line->name : NULL);
	fprintf(f, ",\"link_mtu\":%u,\"wan_mtu\":%u,\"wan_mss_ipv4\":%u", m->link_mtu, m->wan_mtu,
		m->wan_mss4);
	json_key_uint(f, "wan_mtu_ipv6", m->wan_v6_ok, m->wan_mtu6);
	json_key_uint(f, "wan_mss_ipv6", m->wan_v6_ok, m->wan_mss6);
	fputc(',', f);
	json_esp(f, r);
	json_key_string(f, "peer", r->in->peer ? r->in->peer->name : NULL);
	json_key_uint(f, "tunnel_mtu_model", t, m->tunnel_mtu_model);
	json_key_uint(f, "tunnel_mtu", t, m->tunnel_mtu);
	fprintf(f, ",\"capped\":%s", m->capped ? "true" : "false");
	json_key_uint(f, "mss_ipv4", 1, t ? m->mss4 : m->wan_mss4);
	json_key_uint(f, "mss_ipv6", t ? m->v6_ok : m->wan_v6_ok, t ? m->mss6 : m->wan_mss6);
	json_lists(f, r->in, m);
}
