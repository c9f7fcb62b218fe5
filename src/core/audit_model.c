/* SPDX-License-Identifier: BSD-2-Clause */
/* The numbers the MTU/MSS checks compare: the line MTU (from the
 * configuration or the command line), each tunnel's MTU (configured or the
 * vendor's default), its ESP transform in strongSwan syntax, NAT-T, and
 * what the existing model (model_compute) says the line and the transform
 * allow. */
#include "core/audit_int.h"

#include <stdio.h>
#include <string.h>

/* Vendor transform words -> strongSwan keywords. RTX: command reference
 * 15 (ipsec sa policy; "esp aes-cbc sha-hmac" is AES-128-CBC with
 * HMAC-SHA1-96, AWS's Yamaha sample); the GCM words are UNCONFIRMED (no
 * source at hand): a config using other words gets "unknown transform".
 * IX: words seen in Oracle's IX template (esp-aes-256 esp-sha; IKEv2
 * child-proposal enc aes-cbc-256, integrity sha1 / sha2-384). */
static const struct {
	enum config_vendor v;
	const char *word, *keyword;
} esp_words[] = {
	{ CONFIG_RTX, "aes-cbc", "aes128" },
	{ CONFIG_RTX, "aes256-cbc", "aes256" },
	{ CONFIG_RTX, "3des-cbc", "3des" },
	{ CONFIG_RTX, "aes-gcm", "aes128gcm16" },
	{ CONFIG_RTX, "aes256-gcm", "aes256gcm16" },
	{ CONFIG_RTX, "sha-hmac", "sha1" },
	{ CONFIG_RTX, "sha256-hmac", "sha256" },
	{ CONFIG_RTX, "md5-hmac", "md5" },
	{ CONFIG_IX, "esp-aes-256", "aes256" },
	{ CONFIG_IX, "esp-sha", "sha1" },
	{ CONFIG_IX, "aes-cbc-256", "aes256" },
	{ CONFIG_IX, "aes-cbc-128", "aes128" },
	{ CONFIG_IX, "sha1", "sha1" },
	{ CONFIG_IX, "sha2-256", "sha256" },
	{ CONFIG_IX, "sha2-384", "sha384" },
};

static const char *
esp_word(enum config_vendor v, const char *w)
{
	for (size_t i = 0; i < sizeof(esp_words) / sizeof(esp_words[0]); i++)
		if (esp_words[i].v == v && strcmp(esp_words[i].word, w) == 0)
			return esp_words[i].keyword;
	return NULL;
}

int
audit_esp_keyword(enum config_vendor v, const char *text, char *out, size_t len)
{
	char buf[CONFIG_ESP];
	char *save = NULL;
	size_t n = 0;

	out[0] = '\0';
	if (!text || !*text || strcmp(text, "default") == 0)
		return -1;
	if (v == CONFIG_STRONGSWAN) {
		snprintf(out, len, "%s", text);
		return 0;
	}
	snprintf(buf, sizeof(buf), "%s", text);
	for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		const char *k = esp_word(v, w);
		if (!k) {
			snprintf(out, len, "%s", w);
			return -1;
		}
		n += (size_t)snprintf(out + n, n < len ? len - n : 0, "%s%s", n ? "-" : "", k);
	}
	return n ? 0 : -1;
}

/* RTX: a pp interface's ip pp mtu (or ppp lcp mru), else the smallest
 * ip lanN mtu other than lan1 (the LAN port in Yamaha's and AWS's
 * examples). IX: the smallest ip mtu on a non-tunnel interface. The
 * configuration never says which interface is the WAN, so the choice is
 * printed with its line. */
static const struct config_num *
config_line_mtu(const struct config *c)
{
	const struct config_num *best = NULL, *pp = NULL;

	for (size_t i = 0; i < c->nifaces; i++) {
		const struct config_iface *f = &c->ifaces[i];
		const struct config_num *n = f->mtu.line ? &f->mtu : f->mru.line ? &f->mru : NULL;
		if (!n)
			continue;
		if (strncmp(f->name, "pp", 2) == 0 && (!pp || n->v < pp->v))
			pp = n;
		else if (strcmp(f->name, "lan1") != 0 && (!best || n->v < best->v))
			best = n;
	}
	return pp ? pp : best;
}

static void
line_mtu(struct audit_run *a)
{
	const struct config_num *n = config_line_mtu(a->cfg);
	struct audit_result *r = a->r;

	if (a->in->wan_mtu) {
		r->line_mtu = a->in->wan_mtu;
		snprintf(r->line_from, sizeof(r->line_from), "%s",
			 a->in->wan_from ? a->in->wan_from : "given on the command line");
		if (n && n->v != (long)a->in->wan_mtu)
			audit_note(a, "the configuration says line MTU %ld (line %u: %s); using %u, %s",
				   n->v, n->line, n->text, a->in->wan_mtu, r->line_from);
	} else if (n && n->v >= MODEL_MIN_MTU4) {
		r->line_mtu = (unsigned)n->v;
		snprintf(r->line_from, sizeof(r->line_from), "line %u: %s", n->line, n->text);
	} else {
		audit_note(a, "line MTU: not in the configuration; give --wan-mtu N or --line PRESET to check tunnel-mtu-above-model");
	}
}

static int
tunnel_natt(const struct audit_run *a, const struct config_tunnel *t)
{
	const struct config_gateway *g = t->gateway >= 0 ? &a->cfg->gateways[t->gateway] : NULL;

	if (a->cfg->vendor == CONFIG_IX)
		return t->ikev2 ? t->natt.line != 0 : a->cfg->natt.line != 0;
	return g && g->natt.line && g->natt.v == 1;
}

static const char *
tunnel_esp_text(const struct audit_run *a, const struct config_tunnel *t)
{
	const struct config_gateway *g = t->gateway >= 0 ? &a->cfg->gateways[t->gateway] : NULL;

	if (a->cfg->vendor == CONFIG_IX && t->ikev2)
		return a->cfg->child_esp_text;
	return g ? g->esp_text : "";
}

/* What line + ESP (+ NAT-T) allow, capped by the peer's documented maximum. */
static unsigned
model_limit(struct audit_run *a, const char *esp, int natt)
{
	struct model_input in;
	struct model_result m;
	char err[256];

	memset(&in, 0, sizeof(in));
	in.link_mtu = a->r->line_mtu;
	if (model_parse_proposal(esp, &in.esp, err, sizeof(err)) < 0)
		return 0;
	model_default_stack(&in, 0, natt, 0);
	if (model_compute(&in, &m, err, sizeof(err)) < 0)
		return 0;
	return m.tunnel_mtu_model < a->peer->max_mtu ? m.tunnel_mtu_model : a->peer->max_mtu;
}

static void
tunnel_numbers(struct audit_run *a, size_t i)
{
	const struct config_tunnel *t = &a->cfg->tunnels[i];
	struct audit_tunnel *at = &a->r->tunnels[i];
	char kw[CONFIG_ESP];
	const char *text = tunnel_esp_text(a, t);

	at->index = (int)i;
	if (t->encap.line && t->encap.v == 2) {
		return;      /* L2TP ignores the tunnel MTU (8.1.4) */
	} else if (t->mtu.line) {
		at->mtu = (unsigned)t->mtu.v;
	} else if (a->cfg->vendor == CONFIG_RTX) {
		at->mtu = AUDIT_RTX_TUNNEL_MTU;
		at->mtu_default = 1;
	}
	at->natt = tunnel_natt(a, t);
	if (audit_esp_keyword(a->cfg->vendor, text, kw, sizeof(kw)) == 0)
		snprintf(at->esp, sizeof(at->esp), "%s", kw);
	else if (t->gateway >= 0 && *text)
		audit_note(a, "%s: ESP transform '%s' not known to the model (word '%s'): tunnel-mtu-above-model not checked",
			   t->name, text, kw);
	if (a->r->line_mtu && at->esp[0])
		at->limit = model_limit(a, at->esp, at->natt);
	at->target_mtu = at->mtu && at->limit ? (at->mtu < at->limit ? at->mtu : at->limit)
					      : at->mtu ? at->mtu : at->limit;
	if (at->target_mtu > MODEL_MSS4_HDR) {
		at->target_mss = at->target_mtu - MODEL_MSS4_HDR;
		if (at->target_mss > a->peer->max_mss4)
			at->target_mss = a->peer->max_mss4;
	}
}

void
audit_prepare(struct audit_run *a)
{
	line_mtu(a);
	a->r->ntunnels = a->cfg->ntunnels;
	for (size_t i = 0; i < a->cfg->ntunnels; i++)
		tunnel_numbers(a, i);
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
	/* swanctl version 0 (default) initiates with IKEv2 (swanctl.conf(5)) */
	if (a->cfg->vendor == CONFIG_STRONGSWAN)
		return !g->version.line || g->version.v != 1;
	return g->version.line && g->version.v == 2;
}
