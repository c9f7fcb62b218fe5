/* SPDX-License-Identifier: BSD-2-Clause */
/* The model's steps and warnings in words: core/model.c records what each
 * is (an id and its numbers), this says it, in the user's language for the
 * text report and in English for --json (a contract scripts read, like its
 * keys). The numbers' sources (RFCs, vendor documents) are never translated. */
#include "render/render.h"
#include "base/count.h"
#include "core/overhead.h"

#include <stdio.h>

#include "base/i18n.h"

/* localized ? the catalogue's words : the English msgid */
#define L(s) (localized ? _(s) : (s))
#define W(s) (s ? (localized ? _(s) : (s)) : "")

void
model_step_words(const struct model_step *s, int localized, char *buf, size_t len)
{
	const char *what = W(s->what), *src = s->source ? s->source : "";

	switch (s->id) {
	case STEP_PING_PAYLOAD:
		snprintf(buf, len, "%s", L(N_("largest ping payload that passed with DF set")));
		break;
	case STEP_PING_ICMP: snprintf(buf, len, L(N_("ICMP echo header (%s)")), src); break;
	case STEP_PING_IPV4: snprintf(buf, len, L(N_("IPv4 header (%s)")), src); break;
	case STEP_PING_LINE:
		snprintf(buf, len, "%s", L(N_("line MTU: the whole IP packet")));
		break;
	case STEP_MEASURED: snprintf(buf, len, "%s", L(N_("WAN path MTU as measured"))); break;
	case STEP_LINE_PRESET: snprintf(buf, len, L(N_("line MTU: %s (%s)")), what, src); break;
	case STEP_LINE_GIVEN: snprintf(buf, len, "%s", L(N_("line MTU as given"))); break;
	case STEP_LAYER: snprintf(buf, len, "%s (%s)", what, src); break;
	case STEP_WAN: snprintf(buf, len, "%s", L(N_("WAN MTU: largest outer IP packet"))); break;
	case STEP_ESP_HEADER:
		snprintf(buf, len, L(N_("ESP header: SPI 4 + sequence number 4 (%s)")), src);
		break;
	case STEP_ESP_IV: snprintf(buf, len, L(N_("IV, %s (%s)")), what, src); break;
	case STEP_ESP_ICV: snprintf(buf, len, L(N_("ICV, %s (%s)")), what, src); break;
	case STEP_ESP_LEFT:
		snprintf(buf, len, "%s",
			 L(N_("left for payload + padding + pad length + next header")));
		break;
	case STEP_ESP_ROUNDED:
		snprintf(buf, len, L(N_("rounded down to a multiple of %u (%s block, %s)")), s->n,
			 what, src);
		break;
	case STEP_ESP_TRAILER:
		snprintf(buf, len, L(N_("pad length + next header (%s)")), src);
		break;
	case STEP_TRANSPORT_IP:
		snprintf(buf, len,
			 L(N_("IP header shared with the protected packet (transport mode, %s)")),
			 src);
		break;
	case STEP_TUNNEL:
		snprintf(buf, len, "%s", L(N_("tunnel MTU: largest inner IP packet")));
		break;
	}
}

/* The largest MSS clamp that survives, both families. */
static void
clamp_words(const struct tunnel_judgement *j, int localized, char *buf, size_t len)
{
	if (j->safe_mss6)
		snprintf(buf, len, L(N_("%u (IPv4) / %u (IPv6)")), j->safe_mss4, j->safe_mss6);
	else
		snprintf(buf, len, L(N_("%u (IPv4; no IPv6 below 1280)")), j->safe_mss4);
}

void
tunnel_verdict_words(const struct tunnel_judgement *j, int localized, char *buf, size_t len)
{
	char clamp[96];
	unsigned p = j->measured;

	clamp_words(j, localized, clamp, sizeof(clamp));
	switch (j->verdict) {
	case TUNNEL_LOST:
		snprintf(
			buf, len,
			L(N_("the tunnel takes up to %u bytes (%s reported MTU %u), but only %u cross: "
			     "packets of %u to %u bytes are lost after encryption; set the tunnel MTU to %u. "
			     "While it stays at %u, an MSS clamp above %s breaks TCP.")),
			j->device_mtu, j->device_from[0] ? j->device_from : L(N_("a router")),
			j->device_mtu, p, p + 1, j->device_mtu, j->set, j->device_mtu, clamp);
		break;
	case TUNNEL_ABOVE:
		snprintf(
			buf, len,
			L(N_("tunnel path MTU %u is above the %u that WAN MTU %u and the ESP carry. "
			     "%u to %u bytes pass only fragmented after encryption, and are lost where "
			     "fragments are dropped; set the tunnel MTU to %u. Until then, a clamp above %s "
			     "relies on those fragments.")),
			p, j->model, j->wan_mtu, j->model + 1, p, j->set, clamp);
		break;
	case TUNNEL_BELOW:
		snprintf(
			buf, len,
			L(N_("tunnel path MTU %u is below the %u the line allows (an RTX left at its "
			     "default 1280?). While it stays at %u, any MSS clamp above %s breaks TCP "
			     "(field case 1). It can be raised to %u.")),
			p, j->set, p, clamp, j->set);
		break;
	case TUNNEL_AGREES:
		snprintf(
			buf, len,
			L(N_("tunnel path MTU %u agrees with the model (%u); an MSS clamp above %s "
			     "breaks TCP through it.")),
			p, j->set, clamp);
		break;
	case TUNNEL_NO_MODEL:
		snprintf(buf, len,
			 L(N_("tunnel path MTU %u: an MSS clamp above %s breaks TCP through it.")),
			 p, clamp);
		break;
	}
}

void
model_warning_words(const struct model_warning *w, int localized, char *buf, size_t len)
{
	const char *name = W(w->name);

	switch (w->id) {
	case MW_TEXT:
		snprintf(buf, len, "%s", localized && w->local[0] ? w->local : w->text);
		break;
	case MW_LINE_SMALLER:
		snprintf(
			buf, len,
			L(N_("the measured WAN path MTU %u is not the %u of a %s line: something on the path is smaller than the line")),
			w->a, w->b, name);
		break;
	case MW_LINE_LARGER:
		snprintf(
			buf, len,
			L(N_("the measured WAN path MTU %u is not the %u of a %s line: check that this is the line you meant")),
			w->a, w->b, name);
		break;
	case MW_PEER_CAP:
		snprintf(
			buf, len,
			L(N_("%s supports at most MTU %u / MSS %u: recommending %u, not the %u this stack allows")),
			name, w->a, w->b, w->a, w->c);
		break;
	case MW_PEER_NO_PMTUD:
		snprintf(
			buf, len,
			L(N_("%s does not support path MTU discovery: no 'fragmentation needed' comes back through the tunnel, so the MSS clamp is what keeps TCP working")),
			name);
		break;
	case MW_TUNNEL_NO_V6:
		snprintf(
			buf, len,
			L(N_("tunnel MTU %u is below 1280: IPv6 cannot cross this tunnel (RFC 8200 section 5)")),
			w->a);
		break;
	case MW_INTEG_DROPPED:
		snprintf(
			buf, len, "%s",
			L(N_("the integrity algorithm written beside the AEAD cipher is left out, as strongSwan leaves it out: AEAD carries its own ICV (RFC 7296 section 3.3, RFC 4106)")));
		break;
	case MW_OUTER6_SMALL:
		snprintf(buf, len,
			 L(N_("outer IPv6 needs a WAN MTU of at least 1280, this line has %u")),
			 w->a);
		break;
	case MW_TUNNEL: {
		char v[RENDER_WORDS];

		tunnel_verdict_words(&w->tj, localized, v, sizeof(v));
		if (w->name)
			snprintf(buf, len, L(N_("tunnel %s: %s")), w->name, v);
		else
			snprintf(buf, len, "%s", v);
		break;
	}
	case MW_TUNNEL_PATH_NO_V6:
		snprintf(
			buf, len,
			L(N_("tunnel path MTU %u is below 1280: IPv6 cannot cross this tunnel (RFC 8200 section 5)")),
			w->a);
		break;
	case MW_MORE: snprintf(buf, len, L(N_("%u more warnings not shown")), w->a); break;
	}
}

/* by enum peer_display_kind; a product's name (NULL here) is never translated */
/* clang-format off */
static const char *const peer_display_words[] = {
	[PEER_DISPLAY_UNKNOWN] = N_("a peer of unknown behaviour"),
};
/* clang-format on */

const char *
render_peer_display(const struct peer_def *p, int localized)
{
	const char *w = (size_t)p->display_kind < COUNT(peer_display_words)
				? peer_display_words[p->display_kind]
				: NULL;

	return w ? L(w) : p->display;
}

/* Why the model refused its input (core/model.h struct model_error). The
 * lists of valid names come from core's own tables. */
void
model_error_words(const struct model_error *e, int localized, char *buf, size_t len)
{
	char names[512];

	switch (e->code) {
	case MODEL_E_NONE: snprintf(buf, len, "%s", ""); break;
	case MODEL_E_ESP_LENGTH:
		snprintf(buf, len,
			 L(N_("ESP proposal must be 1 to %ld characters, e.g. aes128-sha1")), e->n);
		break;
	case MODEL_E_ESP_TWO_CIPHERS:
		snprintf(buf, len,
			 L(N_("ESP proposal '%s': more than one cipher; give exactly one")), e->a);
		break;
	case MODEL_E_ESP_TWO_INTEGS:
		snprintf(
			buf, len,
			L(N_("ESP proposal '%s': more than one integrity algorithm; give exactly one")),
			e->a);
		break;
	case MODEL_E_ESP_UNKNOWN:
		overhead_cipher_names(names, sizeof(names));
		snprintf(buf, len, L(N_("unknown ESP algorithm '%s' in '%s': ciphers are %s")),
			 e->a, e->b, names);
		break;
	case MODEL_E_ESP_NO_CIPHER:
		snprintf(buf, len,
			 L(N_("ESP proposal '%s' has no cipher (e.g. aes128-sha1, aes128gcm16)")),
			 e->a);
		break;
	case MODEL_E_ESP_NEEDS_INTEG:
		overhead_integ_names(names, sizeof(names));
		snprintf(buf, len, L(N_("ESP proposal '%s': %s needs an integrity algorithm: %s")),
			 e->a, e->b, names);
		break;
	case MODEL_E_STACK_LIST:
		snprintf(
			buf, len, "%s",
			L(N_("--stack needs a comma-separated list of layers, e.g. ipv4,nat-t,esp")));
		break;
	case MODEL_E_STACK_UNKNOWN:
		overhead_layer_names(names, sizeof(names));
		snprintf(buf, len, L(N_("unknown layer '%s' in --stack: layers are %s")), e->a,
			 names);
		break;
	case MODEL_E_STACK_TOO_MANY:
		snprintf(buf, len, L(N_("--stack has more than %ld layers")), e->n);
		break;
	case MODEL_E_STACK_FIRST:
		snprintf(
			buf, len,
			L(N_("--stack must start with an access layer or an IP header (pppoe, 4in6, ipv4, ipv6), not '%s'")),
			e->a);
		break;
	case MODEL_E_STACK_INSIDE:
		snprintf(buf, len, L(N_("--stack: '%s' cannot sit directly inside '%s'")), e->a,
			 e->b);
		break;
	case MODEL_E_LINK_RANGE:
		snprintf(buf, len, L(N_("line MTU %ld out of range: %d to %d")), e->n, IP_MIN_MTU4,
			 IP_MAX_MTU);
		break;
	case MODEL_E_NEED_ESP:
		snprintf(buf, len, "%s",
			 L(N_("the stack has ESP: give --esp PROPOSAL (e.g. aes128-sha1)")));
		break;
	case MODEL_E_ACCESS_LEFT: /* RFC 791: the IPv4 minimum MTU */
		snprintf(
			buf, len,
			L(N_("the access layers leave %ld bytes, below the IPv4 minimum MTU of %d (RFC 791)")),
			e->n, IP_MIN_MTU4);
		break;
	case MODEL_E_NO_ROOM:
		snprintf(
			buf, len,
			L(N_("the stack leaves no room: %ld bytes after '%s', below the IPv4 minimum MTU of %d (RFC 791)")),
			e->n, e->a, IP_MIN_MTU4);
		break;
	case MODEL_E_OVERFLOW:
		snprintf(
			buf, len, "%s",
			L(N_("the stack is too deep to show step by step (a limit of mtuprobe: report it)")));
		break;
	default: snprintf(buf, len, "model error %d", (int)e->code); break;
	}
}

void
model_error_english(const struct model_error *e, char *buf, size_t len)
{
	model_error_words(e, 0, buf, len);
}
