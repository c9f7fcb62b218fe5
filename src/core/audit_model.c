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

/* Vendor transform words -> strongSwan keywords. RTX: command reference
 * 15 (ipsec sa policy; "esp aes-cbc sha-hmac" is AES-128-CBC with
 * HMAC-SHA1-96, AWS's Yamaha sample); the GCM words are UNCONFIRMED (no
 * source at hand): a config using other words gets "unknown transform".
 * IX: words seen in published IX configurations (Oracle's template:
 * esp-aes-256 esp-sha; IKEv2 child-proposal enc aes-cbc-256 / aes-gcm-256-16,
 * integrity sha1 / sha2-256/384/512; IKEv1 esp-aes, esp-sha2-256, esp-md5).
 * Cisco IOS: crypto ipsec transform-set words, the key size joined to its
 * cipher by config/ios.c ("esp-aes 256" -> "esp-aes-256"; esp-aes alone is
 * 128-bit): esp-aes [128|256], esp-3des, esp-sha-hmac, esp-md5-hmac as
 * Cisco's transform-set descriptions and AWS's IOS sample (esp-aes 128
 * esp-sha-hmac) write them. esp-gcm [128|256] is AES-GCM with a 16-byte
 * ICV: Cisco's IOS IPsec Suite B support is RFC 4869's, whose suites are
 * AES-GCM-16 (doc/router-facts.md); esp-gcm alone is read as 128 as
 * esp-aes alone is (the ESP overhead of GCM-128 and GCM-256 is the same:
 * 8-byte IV, 16-byte ICV, 4-byte alignment, RFC 4106). The SHA-2 words
 * were in no source at hand, so they stay "unknown transform".
 * aead: an AEAD cipher (RFC 4106), whose ESP carries no separate ICV, so
 * the integrity words beside it (IX lists one anyway) do not count. */
static const struct {
	enum vendor_id v;
	const char *word, *keyword;
	int aead, integ;
} esp_words[] = {
	{ VENDOR_RTX, "aes-cbc", "aes128", 0, 0 },
	{ VENDOR_RTX, "aes256-cbc", "aes256", 0, 0 },
	{ VENDOR_RTX, "3des-cbc", "3des", 0, 0 },
	{ VENDOR_RTX, "aes-gcm", "aes128gcm16", 1, 0 },
	{ VENDOR_RTX, "aes256-gcm", "aes256gcm16", 1, 0 },
	{ VENDOR_RTX, "sha-hmac", "sha1", 0, 1 },
	{ VENDOR_RTX, "sha256-hmac", "sha256", 0, 1 },
	{ VENDOR_RTX, "md5-hmac", "md5", 0, 1 },
	{ VENDOR_IX, "esp-aes-256", "aes256", 0, 0 },
	{ VENDOR_IX, "esp-aes", "aes128", 0, 0 },
	{ VENDOR_IX, "esp-3des", "3des", 0, 0 },
	{ VENDOR_IX, "esp-sha", "sha1", 0, 1 },
	{ VENDOR_IX, "esp-sha2-256", "sha256", 0, 1 },
	{ VENDOR_IX, "esp-md5", "md5", 0, 1 },
	{ VENDOR_IX, "aes-cbc-256", "aes256", 0, 0 },
	{ VENDOR_IX, "aes-cbc-192", "aes192", 0, 0 },
	{ VENDOR_IX, "aes-cbc-128", "aes128", 0, 0 },
	{ VENDOR_IX, "3des-cbc", "3des", 0, 0 },
	{ VENDOR_IX, "aes-gcm-128-16", "aes128gcm16", 1, 0 },
	{ VENDOR_IX, "aes-gcm-256-16", "aes256gcm16", 1, 0 },
	{ VENDOR_IX, "sha1", "sha1", 0, 1 },
	{ VENDOR_IX, "sha2-256", "sha256", 0, 1 },
	{ VENDOR_IX, "sha2-384", "sha384", 0, 1 },
	{ VENDOR_IX, "sha2-512", "sha512", 0, 1 },
	/* FortiOS phase2-interface proposal words (CLI reference): cipher and
	 * integrity in one word, the first of the list is the one read;
	 * aes128gcm/aes256gcm are AES-GCM with a 16-byte ICV (RFC 4106) */
	{ VENDOR_FORTIGATE, "3des-md5", "3des-md5", 0, 0 },
	{ VENDOR_FORTIGATE, "3des-sha1", "3des-sha1", 0, 0 },
	{ VENDOR_FORTIGATE, "3des-sha256", "3des-sha256", 0, 0 },
	{ VENDOR_FORTIGATE, "3des-sha384", "3des-sha384", 0, 0 },
	{ VENDOR_FORTIGATE, "3des-sha512", "3des-sha512", 0, 0 },
	{ VENDOR_FORTIGATE, "aes128-md5", "aes128-md5", 0, 0 },
	{ VENDOR_FORTIGATE, "aes128-sha1", "aes128-sha1", 0, 0 },
	{ VENDOR_FORTIGATE, "aes128-sha256", "aes128-sha256", 0, 0 },
	{ VENDOR_FORTIGATE, "aes128-sha384", "aes128-sha384", 0, 0 },
	{ VENDOR_FORTIGATE, "aes128-sha512", "aes128-sha512", 0, 0 },
	{ VENDOR_FORTIGATE, "aes192-md5", "aes192-md5", 0, 0 },
	{ VENDOR_FORTIGATE, "aes192-sha1", "aes192-sha1", 0, 0 },
	{ VENDOR_FORTIGATE, "aes192-sha256", "aes192-sha256", 0, 0 },
	{ VENDOR_FORTIGATE, "aes192-sha384", "aes192-sha384", 0, 0 },
	{ VENDOR_FORTIGATE, "aes192-sha512", "aes192-sha512", 0, 0 },
	{ VENDOR_FORTIGATE, "aes256-md5", "aes256-md5", 0, 0 },
	{ VENDOR_FORTIGATE, "aes256-sha1", "aes256-sha1", 0, 0 },
	{ VENDOR_FORTIGATE, "aes256-sha256", "aes256-sha256", 0, 0 },
	{ VENDOR_FORTIGATE, "aes256-sha384", "aes256-sha384", 0, 0 },
	{ VENDOR_FORTIGATE, "aes256-sha512", "aes256-sha512", 0, 0 },
	{ VENDOR_FORTIGATE, "aes128gcm", "aes128gcm16", 1, 0 },
	{ VENDOR_FORTIGATE, "aes256gcm", "aes256gcm16", 1, 0 },
	{ VENDOR_FORTIGATE, "chacha20poly1305", "chacha20poly1305", 1, 0 },
	{ VENDOR_CISCO_IOS, "esp-aes", "aes128", 0, 0 },
	{ VENDOR_CISCO_IOS, "esp-aes-128", "aes128", 0, 0 },
	{ VENDOR_CISCO_IOS, "esp-aes-256", "aes256", 0, 0 },
	{ VENDOR_CISCO_IOS, "esp-gcm", "aes128gcm16", 1, 0 },
	{ VENDOR_CISCO_IOS, "esp-gcm-128", "aes128gcm16", 1, 0 },
	{ VENDOR_CISCO_IOS, "esp-gcm-256", "aes256gcm16", 1, 0 },
	{ VENDOR_CISCO_IOS, "esp-3des", "3des", 0, 0 },
	{ VENDOR_CISCO_IOS, "esp-sha-hmac", "sha1", 0, 1 },
	{ VENDOR_CISCO_IOS, "esp-md5-hmac", "md5", 0, 1 },
	/* RouterOS /ip ipsec proposal enc-algorithms, auth-algorithms (MikroTik
	 * manual, IPsec: Proposals); routeros_model.c writes "ENC AUTH" */
	{ VENDOR_ROUTEROS, "aes-128-cbc", "aes128", 0, 0 },
	{ VENDOR_ROUTEROS, "aes-192-cbc", "aes192", 0, 0 },
	{ VENDOR_ROUTEROS, "aes-256-cbc", "aes256", 0, 0 },
	{ VENDOR_ROUTEROS, "3des", "3des", 0, 0 },
	{ VENDOR_ROUTEROS, "aes-128-gcm", "aes128gcm16", 1, 0 },
	{ VENDOR_ROUTEROS, "aes-256-gcm", "aes256gcm16", 1, 0 },
	{ VENDOR_ROUTEROS, "sha1", "sha1", 0, 1 },
	{ VENDOR_ROUTEROS, "sha256", "sha256", 0, 1 },
	{ VENDOR_ROUTEROS, "sha512", "sha512", 0, 1 },
	{ VENDOR_ROUTEROS, "md5", "md5", 0, 1 },
	/* Junos [edit security ipsec proposal] encryption-algorithm and
	 * authentication-algorithm (Juniper CLI reference; AWS's SRX sample:
	 * aes-128-cbc, hmac-sha1-96) */
	{ VENDOR_JUNOS, "aes-128-cbc", "aes128", 0, 0 },
	{ VENDOR_JUNOS, "aes-192-cbc", "aes192", 0, 0 },
	{ VENDOR_JUNOS, "aes-256-cbc", "aes256", 0, 0 },
	{ VENDOR_JUNOS, "3des-cbc", "3des", 0, 0 },
	{ VENDOR_JUNOS, "aes-128-gcm", "aes128gcm16", 1, 0 },
	{ VENDOR_JUNOS, "aes-256-gcm", "aes256gcm16", 1, 0 },
	{ VENDOR_JUNOS, "hmac-sha1-96", "sha1", 0, 1 },
	{ VENDOR_JUNOS, "hmac-sha-256-128", "sha256", 0, 1 },
	{ VENDOR_JUNOS, "hmac-md5-96", "md5", 0, 1 },
	/* VyOS esp-group proposal encryption / hash (vyos-1x
	 * vpn-ipsec-encryption.xml.i, vpn-ipsec-hash.xml.i) */
	{ VENDOR_VYOS, "aes128", "aes128", 0, 0 },
	{ VENDOR_VYOS, "aes192", "aes192", 0, 0 },
	{ VENDOR_VYOS, "aes256", "aes256", 0, 0 },
	{ VENDOR_VYOS, "3des", "3des", 0, 0 },
	{ VENDOR_VYOS, "aes128gcm128", "aes128gcm16", 1, 0 },
	{ VENDOR_VYOS, "aes256gcm128", "aes256gcm16", 1, 0 },
	{ VENDOR_VYOS, "sha1", "sha1", 0, 1 },
	{ VENDOR_VYOS, "sha256", "sha256", 0, 1 },
	{ VENDOR_VYOS, "sha384", "sha384", 0, 1 },
	{ VENDOR_VYOS, "sha512", "sha512", 0, 1 },
	{ VENDOR_VYOS, "md5", "md5", 0, 1 },
};

static int
esp_word(enum vendor_id v, const char *w)
{
	for (size_t i = 0; i < COUNT(esp_words); i++)
		if (esp_words[i].v == v && strcmp(esp_words[i].word, w) == 0)
			return (int)i;
	return -1;
}

static int
has_aead(enum vendor_id v, const char *text)
{
	char buf[CONFIG_ESP];
	char *save = NULL;
	int k;

	snprintf(buf, sizeof(buf), "%s", text);
	for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save))
		if ((k = esp_word(v, w)) >= 0 && esp_words[k].aead)
			return 1;
	return 0;
}

int
audit_esp_keyword(enum vendor_id v, const char *text, char *out, size_t len)
{
	char buf[CONFIG_ESP];
	char *save = NULL;
	size_t n = 0;
	int aead;

	out[0] = '\0';
	if (!text || !*text || strcmp(text, "default") == 0)
		return -1;
	if (v == VENDOR_STRONGSWAN ||
	    v == VENDOR_IPSECCONF) { /* ipsecconf.c: strongSwan spelling */
		snprintf(out, len, "%s", text);
		return 0;
	}
	aead = has_aead(v, text);
	snprintf(buf, sizeof(buf), "%s", text);
	for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		int k = esp_word(v, w);
		if (k < 0) {
			snprintf(out, len, "%s", w);
			return -1;
		}
		if (aead && esp_words[k].integ)
			continue;
		n += (size_t)snprintf(out + n, n < len ? len - n : 0, "%s%s", n ? "-" : "",
				      esp_words[k].keyword);
	}
	return n ? 0 : -1;
}

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

/* RFC 1918 private space and RFC 6598 shared (carrier-grade NAT) space. */
static int
private4(uint32_t x)
{
	return (x >> 24) == 10 || (x & 0xfff00000u) == 0xac100000u ||
	       (x & 0xffff0000u) == 0xc0a80000u || (x & 0xffc00000u) == 0x64400000u;
}

/* The tunnel's IKE leaves from a private address toward a public peer:
 * something on the way translates it (RFC 1918 section 3: private
 * addresses are not routed on the Internet), so NAT-D finds a NAT and a
 * format that starts NAT-T by itself does (RFC 3947, RFC 7296 2.23). */
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

static int
nat_on_path(const struct audit_run *a, const struct config_tunnel *t)
{
	const struct config_prefix *l, *r;

	outer_addrs(a, t, &l, &r);
	if (!l || !r || !l->line || l->tmpl || l->plen != 32 || !r->line || r->tmpl ||
	    r->plen != 32)
		return 0;
	return private4(l->addr) && !private4(r->addr) &&
	       (r->addr >> 16) != 0xa9fe && /* 169.254/16 */
	       (r->addr >> 24) != 127 && r->addr != 0;
}

static const char *
tunnel_esp_text(const struct audit_run *a, const struct config_tunnel *t)
{
	const struct config_gateway *g = t->gateway >= 0 ? &a->cfg->gateways[t->gateway] : NULL;

	if (a->cfg->vendor == VENDOR_IX && t->ikev2)
		return t->binding.line || t->esp_own ? t->esp_text : a->cfg->child_esp_text;
	return g ? g->esp_text : "";
}

/* What line + ESP (+ NAT-T) allow, capped by the peer's documented
 * maximum; 0 with err set when the model cannot compute it. The outer
 * header is IPv6 (40 bytes, RFC 8200) when the IKE peer's outer address
 * is an IPv6 one. */
static unsigned
model_limit(struct audit_run *a, const char *esp, int natt, int outer6, char *err, size_t errlen)
{
	struct model_input in;
	struct model_result m;

	memset(&in, 0, sizeof(in));
	in.link_mtu = a->r->line_mtu;
	if (model_parse_proposal(esp, &in.esp, err, errlen) < 0)
		return 0;
	model_default_stack(&in, outer6, natt, 0);
	if (model_compute(&in, &m, err, errlen) < 0)
		return 0;
	return m.tunnel_mtu_model < a->peer->max_mtu ? m.tunnel_mtu_model : a->peer->max_mtu;
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

static void
tunnel_numbers(struct audit_run *a, size_t i)
{
	const struct config_tunnel *t = &a->cfg->tunnels[i];
	struct audit_tunnel *at = &a->r->tunnels[i];
	char kw[CONFIG_ESP];
	const char *text = tunnel_esp_text(a, t);

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
	if (audit_esp_keyword(a->cfg->vendor, text, kw, sizeof(kw)) == 0)
		snprintf(at->esp, sizeof(at->esp), "%s", kw);
	else if (*text && config_is_placeholder(kw))
		audit_note(a, NOTE_ESP_TEMPLATE, ARGS(AS(t->name), AQ(kw)));
	else if (*text)
		audit_note(a, NOTE_ESP_UNKNOWN, ARGS(AS(t->name), AS(text), AQ(kw)));
	else if (t->gateway >= 0 && a->cfg->gateways[t->gateway].esp_several.line) {
		const struct config_num *n = &a->cfg->gateways[t->gateway].esp_several;
		audit_note(a, NOTE_ESP_SEVERAL, ARGS(AS(t->name), AN(n->line), AS(n->text)));
	}
	at->outer6 = tunnel_outer6(a, t);
	if (a->r->line_mtu && at->esp[0]) {
		char err[256];
		at->limit = model_limit(a, at->esp, at->natt, at->outer6, err, sizeof(err));
		if (!at->limit) /* never silent: say why no limit was computed */
			audit_note(a, NOTE_ESP_MODEL, ARGS(AS(t->name), AS(at->esp), AQ(err)));
	}
	if (at->limit && at->natt_auto) {
		char err[256];
		at->limit_natt = model_limit(a, at->esp, 1, at->outer6, err, sizeof(err));
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
	/* swanctl version 0 (default) initiates with IKEv2 (swanctl.conf(5)) */
	if (a->cfg->vendor == VENDOR_STRONGSWAN)
		return !g->version.line || g->version.v != 1;
	/* ipsec.conf: strongSwan's keyexchange=ike (default) initiates IKEv2;
	 * in Openswan it is IKEv1, so a Libreswan file is IKEv2 only when it says so */
	if (a->cfg->vendor == VENDOR_IPSECCONF)
		return a->cfg->dialect == CONFIG_DIALECT_STRONGSWAN ? g->version.v != 1
								    : g->version.v == 2;
	return g->version.line && g->version.v == 2;
}
