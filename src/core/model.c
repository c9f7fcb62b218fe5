/* SPDX-License-Identifier: BSD-2-Clause */
/* The encapsulation model: walk the stack from the outside in, subtracting
 * each header from what the line carries; ESP rounds down to its cipher's
 * block (RFC 4303 section 2.4). Every step is recorded for the renderers. */
#include "core/model.h"

#include <stdio.h>
#include <string.h>

/* A slot for one more warning; never dropped in silence (issue 20): once
 * the table is full, its last slot says how many were not shown. */
static struct model_warning *
warn_slot(struct model_result *r)
{
	if (r->nwarn >= MODEL_MAX_WARN) {
		r->warn_dropped += r->warn_dropped ? 1 : 2; /* the first overwrites one */
		r->warnings[MODEL_MAX_WARN - 1] =
			(struct model_warning){ .id = MW_MORE, .a = r->warn_dropped };
		return NULL;
	}
	r->warnings[r->nwarn] = (struct model_warning){ .id = MW_TEXT };
	return &r->warnings[r->nwarn++];
}

static void
warn_id(struct model_result *r, enum model_warn_id id, unsigned a, unsigned b, unsigned c,
	const char *name)
{
	struct model_warning *w = warn_slot(r);

	if (w)
		*w = (struct model_warning){ .id = id, .a = a, .b = b, .c = c, .name = name };
}

struct model_warning *
model_warn_add(struct model_result *r)
{
	return warn_slot(r);
}

void
model_warn_id(struct model_result *r, enum model_warn_id id, unsigned a)
{
	warn_id(r, id, a, 0, 0, NULL);
}

void
model_warn_tunnel(struct model_result *m, const char *host, const struct tunnel_judgement *j)
{
	struct model_warning *w = warn_slot(m);

	if (w)
		*w = (struct model_warning){ .id = MW_TUNNEL, .name = host, .tj = *j };
}

/* The step recorded, or NULL when the table is full (overflow is set). */
static struct model_step *
step(struct model_result *r, char op, long value, enum model_step_id id, const char *what,
     const char *source)
{
	if (r->nsteps >= MODEL_MAX_STEPS) {
		r->overflow = 1;
		return NULL;
	}
	r->steps[r->nsteps] = (struct model_step){ op, value, id, what, source, 0 };
	return &r->steps[r->nsteps++];
}

unsigned
model_icmp_packet(unsigned payload, int family)
{
	return payload + (family == 6 ? MODEL_ICMP6_HDRS : MODEL_ICMP4_HDRS);
}

long
model_icmp_payload(unsigned packet, int family)
{
	return (long)packet - (family == 6 ? MODEL_ICMP6_HDRS : MODEL_ICMP4_HDRS);
}

void
model_default_stack(struct model_input *in, int outer_v6, int nat_t, int transport)
{
	in->nstack = 0;
	in->stack[in->nstack++] = overhead_layer(outer_v6 ? "ipv6" : "ipv4");
	if (nat_t)
		in->stack[in->nstack++] = overhead_layer("nat-t");
	in->stack[in->nstack++] = overhead_layer(transport ? "esp-transport" : "esp");
	in->has_esp = 1;
}

#define fail model_error_set

static int
stack_order_ok(const struct model_input *in, size_t i, struct model_error *e)
{
	const struct layer_def *l = in->stack[i];
	const struct layer_def *prev = i ? in->stack[i - 1] : NULL;

	if (!prev)
		return l->kind & (LAYER_ACCESS | LAYER_IP)
			       ? 0
			       : fail(e, MODEL_E_STACK_FIRST, l->name, NULL, 0);
	if (prev->kind & l->outside)
		return 0;
	return fail(e, MODEL_E_STACK_INSIDE, l->name, prev->name, 0);
}

int
model_read_stack(const char *list, struct model_input *in, struct model_error *e)
{
	char buf[256];
	char *save = NULL;

	in->nstack = 0;
	in->has_esp = 0;
	*e = (struct model_error){ .code = MODEL_E_NONE };
	if (!list || !*list || *list == ',' || list[strlen(list) - 1] == ',' ||
	    strstr(list, ",,") || strlen(list) >= sizeof(buf))
		return fail(e, MODEL_E_STACK_LIST, NULL, NULL, 0);
	snprintf(buf, sizeof(buf), "%s", list);
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const struct layer_def *l = overhead_layer(tok);
		if (!l)
			return fail(e, MODEL_E_STACK_UNKNOWN, tok, NULL, 0);
		if (in->nstack >= MODEL_MAX_LAYERS)
			return fail(e, MODEL_E_STACK_TOO_MANY, NULL, NULL, MODEL_MAX_LAYERS);
		in->stack[in->nstack++] = l;
		if (stack_order_ok(in, in->nstack - 1, e) < 0)
			return -1;
		if (l->kind == LAYER_ESP)
			in->has_esp = 1;
	}
	return 0;
}

int
model_parse_stack(const char *list, struct model_input *in, char *err, size_t errlen)
{
	struct model_error e;

	return model_read_stack(list, in, &e) == 0 ? 0 : model_error_out(&e, err, errlen);
}

/* ESP: header, IV and ICV come off; then the largest payload whose
 * payload + padding + 2 is a multiple of the block (RFC 4303 section 2.4). */
static long
apply_esp(const struct model_input *in, const struct layer_def *l, long avail,
	  struct model_result *r)
{
	const struct cipher_def *c = in->esp.cipher;
	unsigned icv = c->icv ? c->icv : in->esp.integ->icv;
	unsigned block = c->block < 4 ? 4 : c->block;
	long rounded, payload;

	step(r, '-', l->bytes, STEP_ESP_HEADER, NULL, l->source);
	avail -= l->bytes;
	if (c->iv) {
		step(r, '-', c->iv, STEP_ESP_IV, c->display, c->source);
		avail -= c->iv;
	}
	step(r, '-', icv, STEP_ESP_ICV, c->icv ? c->display : in->esp.integ->display,
	     c->icv ? c->source : in->esp.integ->source);
	avail -= icv;
	step(r, '=', avail, STEP_ESP_LEFT, NULL, NULL);
	payload = overhead_esp_max_payload(avail, block);
	if (payload < 0)
		return -1;
	rounded = payload + 2;
	if (rounded != avail) {
		struct model_step *st =
			step(r, '~', rounded, STEP_ESP_ROUNDED, c->display, "RFC 4303 2.4");

		if (st)
			st->n = block;
	}
	step(r, '-', 2, STEP_ESP_TRAILER, NULL, "RFC 4303 section 2");
	return payload;
}

/* The outermost IP header before layer i: ESP transport mode shares it. */
static unsigned
shared_ip_bytes(const struct model_input *in, size_t i)
{
	while (i-- > 0)
		if (in->stack[i]->kind == LAYER_IP)
			return in->stack[i]->bytes;
	return 0;
}

static int
walk_layers(const struct model_input *in, long avail, struct model_result *r, struct model_error *e)
{
	for (size_t i = 0; i < in->nstack; i++) {
		const struct layer_def *l = in->stack[i];
		if (l->kind == LAYER_ACCESS)
			continue;
		if (l->kind == LAYER_ESP) {
			avail = apply_esp(in, l, avail, r);
			if (l->transport && i + 1 == in->nstack) {
				unsigned ip = shared_ip_bytes(in, i);
				step(r, '+', ip, STEP_TRANSPORT_IP, NULL, "RFC 4303 3.1.1");
				avail += ip;
			}
		} else {
			step(r, '-', l->bytes, STEP_LAYER, l->what, l->source);
			avail -= l->bytes;
		}
		if (avail < IP_MIN_MTU4) /* RFC 791: the IPv4 minimum */
			return fail(e, MODEL_E_NO_ROOM, l->name, NULL, avail);
	}
	r->tunnel_mtu_model = (unsigned)avail;
	return 0;
}

enum wan_kind
model_wan_kind(const struct model_input *in)
{
	for (size_t i = 0; i < in->nstack; i++)
		if (in->stack[i]->kind == LAYER_ACCESS)
			return strcmp(in->stack[i]->name, "pppoe") == 0 ? WAN_PPPOE : WAN_4IN6;
	return in->line ? in->line->kind : WAN_ETHER;
}

static int
wan_from_link(const struct model_input *in, struct model_result *r, struct model_error *e)
{
	long avail = in->link_mtu;
	int access = 0;

	if (in->ping_payload) {
		step(r, ' ', in->ping_payload, STEP_PING_PAYLOAD, NULL, NULL);
		step(r, '+', 8, STEP_PING_ICMP, NULL, "RFC 792");
		step(r, '+', 20, STEP_PING_IPV4, NULL, "RFC 791");
		step(r, '=', avail, STEP_PING_LINE, NULL, NULL);
	} else if (in->measured) {
		step(r, ' ', avail, STEP_MEASURED, NULL, NULL);
		if (in->line && in->line->mtu != in->link_mtu)
			warn_id(r, in->link_mtu < in->line->mtu ? MW_LINE_SMALLER : MW_LINE_LARGER,
				in->link_mtu, in->line->mtu, 0, in->line->what);
	} else if (in->line)
		step(r, ' ', avail, STEP_LINE_PRESET, in->line->what, in->line->source);
	else
		step(r, ' ', avail, STEP_LINE_GIVEN, NULL, NULL);
	for (size_t i = 0; i < in->nstack; i++) {
		const struct layer_def *l = in->stack[i];
		if (l->kind != LAYER_ACCESS)
			continue;
		step(r, '-', l->bytes, STEP_LAYER, l->what, l->source);
		avail -= l->bytes;
		access = 1;
	}
	if (avail < IP_MIN_MTU4) /* RFC 791: the IPv4 minimum */
		return fail(e, MODEL_E_ACCESS_LEFT, NULL, NULL, avail);
	if (access)
		step(r, '=', avail, STEP_WAN, NULL, NULL);
	r->wan_mtu = (unsigned)avail;
	return 0;
}

static void
piece(struct model_result *r, const char *name, unsigned bytes)
{
	if (r->npicture >= MODEL_MAX_PICTURE) {
		r->overflow = 1;
		return;
	}
	r->picture[r->npicture].name = name;
	r->picture[r->npicture++].bytes = bytes;
	r->picture_total += bytes;
}

static unsigned
esp_icv(const struct model_input *in)
{
	return in->esp.cipher->icv ? in->esp.cipher->icv : in->esp.integ->icv;
}

/* The packet at the recommended tunnel MTU, outermost first, each header
 * with its bytes; ESP's padding, trailer and ICV follow what ESP protects. */
static void
build_picture(const struct model_input *in, struct model_result *r)
{
	unsigned inside[MODEL_MAX_LAYERS];
	size_t n = in->nstack;
	int transport_last = n && in->stack[n - 1]->transport;
	unsigned size = r->tunnel_mtu - (transport_last ? shared_ip_bytes(in, n - 1) : 0);
	unsigned inner = size;

	for (size_t i = n; i-- > 0;) {
		const struct layer_def *l = in->stack[i];
		inside[i] = size;
		if (l->kind == LAYER_ESP)
			size += l->bytes + in->esp.cipher->iv +
				overhead_esp_pad(size, in->esp.cipher->block) + 2 + esp_icv(in);
		else
			size += l->bytes;
	}
	for (size_t i = 0; i < n; i++) {
		const struct layer_def *l = in->stack[i];
		piece(r, l->kind == LAYER_ESP ? "esp" : l->name, l->bytes);
		if (l->kind == LAYER_ESP && in->esp.cipher->iv)
			piece(r, "iv", in->esp.cipher->iv);
	}
	piece(r, "inner", inner);
	for (size_t i = n; i-- > 0;) {
		if (in->stack[i]->kind != LAYER_ESP)
			continue;
		unsigned pad = overhead_esp_pad(inside[i], in->esp.cipher->block);
		if (!r->esp_pad)
			r->esp_pad = pad;
		piece(r, "pad", pad);
		piece(r, "trailer", 2);
		piece(r, "icv", esp_icv(in));
	}
}

static void
apply_peer(const struct peer_def *p, struct model_result *r)
{
	r->tunnel_mtu = r->tunnel_mtu_model;
	r->mss4 = r->tunnel_mtu - IP_MSS4_HDR;
	if (!p)
		return;
	if (r->tunnel_mtu > p->max_mtu) {
		warn_id(r, MW_PEER_CAP, p->max_mtu, p->max_mss4, r->tunnel_mtu_model, p->display);
		r->tunnel_mtu = p->max_mtu;
		r->capped = 1;
	}
	r->mss4 = r->tunnel_mtu - IP_MSS4_HDR;
	if (r->mss4 > p->max_mss4)
		r->mss4 = p->max_mss4;
	if (!p->pmtud)
		warn_id(r, MW_PEER_NO_PMTUD, 0, 0, 0, p->display);
}

static const struct layer_def *
first_ip(const struct model_input *in)
{
	for (size_t i = 0; i < in->nstack; i++)
		if (in->stack[i]->kind == LAYER_IP)
			return in->stack[i];
	return NULL;
}

static int
tunnel_part(const struct model_input *in, struct model_result *r, struct model_error *e)
{
	const struct layer_def *outer = first_ip(in);

	if (walk_layers(in, r->wan_mtu, r, e) < 0)
		return -1;
	step(r, '=', r->tunnel_mtu_model, STEP_TUNNEL, NULL, NULL);
	apply_peer(in->peer, r);
	r->v6_ok = r->tunnel_mtu >= IP_MIN_MTU6;
	r->mss6 = r->v6_ok ? r->tunnel_mtu - IP_MSS6_HDR : 0;
	if (!r->v6_ok)
		warn_id(r, MW_TUNNEL_NO_V6, r->tunnel_mtu, 0, 0, NULL);
	if (outer && strcmp(outer->name, "ipv6") == 0 && r->wan_mtu < IP_MIN_MTU6)
		warn_id(r, MW_OUTER6_SMALL, r->wan_mtu, 0, 0, NULL);
	if (in->has_esp)
		build_picture(in, r);
	else {
		for (size_t i = 0; i < in->nstack; i++)
			piece(r, in->stack[i]->name, in->stack[i]->bytes);
		piece(r, "inner", r->tunnel_mtu);
	}
	return 0;
}

int
model_run(const struct model_input *in, struct model_result *r, struct model_error *e)
{
	memset(r, 0, sizeof(*r));
	*e = (struct model_error){ .code = MODEL_E_NONE };
	r->link_mtu = in->link_mtu;
	r->wan_kind = model_wan_kind(in);
	if (in->link_mtu < IP_MIN_MTU4 || in->link_mtu > IP_MAX_MTU)
		return fail(e, MODEL_E_LINK_RANGE, NULL, NULL, in->link_mtu);
	if (in->has_esp && (!in->esp.cipher || (!in->esp.cipher->icv && !in->esp.integ)))
		return fail(e, MODEL_E_NEED_ESP, NULL, NULL, 0);
	if (wan_from_link(in, r, e) < 0)
		return -1;
	r->wan_mss4 = r->wan_mtu - IP_MSS4_HDR;
	/* Under MAP-E / DS-Lite the WAN MTU is IPv4 inside the 4in6 tunnel;
	 * IPv6 is native on the line, 40 bytes larger (RFC 7597, RFC 6333). */
	r->wan_mtu6 = r->wan_mtu;
	if (r->wan_kind == WAN_4IN6)
		r->wan_mtu6 += overhead_layer("4in6")->bytes;
	r->wan_v6_ok = r->wan_mtu6 >= IP_MIN_MTU6;
	r->wan_mss6 = r->wan_v6_ok ? r->wan_mtu6 - IP_MSS6_HDR : 0;
	for (size_t i = 0; i < in->nstack; i++)
		if (in->stack[i]->kind != LAYER_ACCESS)
			r->has_tunnel = 1;
	if (r->has_tunnel && tunnel_part(in, r, e) < 0)
		return -1;
	if (in->has_esp && in->esp.integ_dropped)
		warn_id(r, MW_INTEG_DROPPED, 0, 0, 0, NULL);
	if (r->overflow)
		return fail(e, MODEL_E_OVERFLOW, NULL, NULL, 0);
	return 0;
}

int
model_compute(const struct model_input *in, struct model_result *r, char *err, size_t errlen)
{
	struct model_error e;

	return model_run(in, r, &e) == 0 ? 0 : model_error_out(&e, err, errlen);
}
