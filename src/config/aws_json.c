/* SPDX-License-Identifier: BSD-2-Clause */
/* The JSON of `aws ec2 describe-vpn-connections` into a struct peer_config.
 *
 * Why json-c (Debian libjson-c-dev): a small C library, maintained since
 * 2009 and in Debian main, whose tokener reads a bounded buffer with a
 * depth limit and reports the byte offset where an error (or the end of a
 * truncated document) was met, which is what the one-line error names; no
 * C++ and nothing beyond libc. The document is never parsed by hand here.
 *
 * Shapes and defaults (EC2 API reference; the CLI prints the API's names):
 * - DescribeVpnConnections returns VpnConnections[] of VpnConnection:
 *   VpnConnectionId, CustomerGatewayId, Category, TransitGatewayId or
 *   VpnGatewayId, Options (VpnConnectionOptions), VgwTelemetry[]
 *   (OutsideIpAddress, Status UP | DOWN, StatusMessage). aws-cli's own
 *   examples (awscli/examples/ec2/describe-vpn-connections.rst,
 *   modify-vpn-tunnel-options.rst) show the same keys.
 * - Options defaults, VpnConnectionOptionsSpecification: StaticRoutesOnly
 *   false, EnableAcceleration false, LocalIpv4NetworkCidr and
 *   RemoteIpv4NetworkCidr 0.0.0.0/0, TunnelInsideIpVersion ipv4,
 *   OutsideIpAddressType PublicIpv4.
 * - Options.TunnelOptions[] (TunnelOption) carry only what was set; the
 *   defaults are ModifyVpnTunnelOptionsSpecification's: DPDTimeoutAction
 *   clear ("clear to end the IKE session"), DPDTimeoutSeconds 40 (>= 30;
 *   the VpnTunnelOptionsSpecification page still says 30), StartupAction
 *   add ("your customer gateway device must initiate the IKE
 *   negotiation"), IKEVersions ikev1 and ikev2, Phase1LifetimeSeconds
 *   28800 (900 to 28800), Phase2LifetimeSeconds 3600 (900 to 3600, less
 *   than phase 1), RekeyMarginTimeSeconds 270 (60 to half of phase 2),
 *   RekeyFuzzPercentage 100 (0 to 100); Phase1/Phase2EncryptionAlgorithms,
 *   IntegrityAlgorithms and DHGroupNumbers: none given means every valid
 *   value the same page lists is permitted (AES128, AES256, AES128-GCM-16,
 *   AES256-GCM-16; SHA1, SHA2-256, SHA2-384, SHA2-512; DH 2, 14-24 for
 *   phase 1 and 2, 5, 14-24 for phase 2). describe-vpn-connections spells
 *   the keys DpdTimeoutAction, DpdTimeoutSeconds, IkeVersions,
 *   Phase1DHGroupNumbers (as TunnelOption does), values as {"Value": x}.
 * - CustomerGatewayConfiguration, when present, is the XML of aws_xml.c:
 *   read for what the JSON lacks (the customer gateway's and AWS's inside
 *   addresses, the BGP ASNs and hold time), its keys counted, not copied.
 * Keys this file does not read are ignored: AWS adds options over time. */
#include "config/peer.h"
#include "config/peer_int.h"
#include "config/config_int.h"
#include "base/ip.h"
#include "base/count.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_DEPTH 64 /* describe-vpn-connections nests 6 deep */

struct jctx {
	struct peer_config *p;
	struct peer_error *e; /* why it was refused: a code, render words it */
	int nomem;
};

static int
fail(struct jctx *x, enum peer_error_code code, const char *path, const char *key, long n)
{
	return peer_fail(x->e, code, path, key, n);
}

/* a value of the wrong type at path (.key): what it is and what it must be */
static int
fail_type(struct jctx *x, enum peer_error_code code, const char *path, const char *key, int got,
	  int want)
{
	peer_fail(x->e, code, path, key, 0);
	x->e->got = peer_json_type_of(got);
	x->e->want = peer_json_type_of(want);
	return -1;
}

static void *
push(void **rows, size_t *n, size_t *cap, size_t size)
{
	void *row;

	if (*n >= *cap) {
		size_t want = *cap ? *cap * 2 : 8;
		void *bigger = realloc(*rows, want * size);
		if (!bigger)
			return NULL;
		*rows = bigger;
		*cap = want;
	}
	row = (char *)*rows + *n * size;
	memset(row, 0, size);
	(*n)++;
	return row;
}

struct peer_conn *
peer_new_conn(struct peer_config *p)
{
	struct peer_conn *pc = push((void **)&p->conns, &p->nconns, &p->cap_conns, sizeof(*pc));

	if (!pc)
		return NULL;
	peer_conn_defaults(pc);
	return pc;
}

struct peer_tunnel *
peer_new_tunnel(struct peer_config *p, size_t conn, size_t index)
{
	struct peer_tunnel *t =
		push((void **)&p->tunnels, &p->ntunnels, &p->cap_tunnels, sizeof(*t));

	if (!t)
		return NULL;
	t->conn = conn;
	t->index = index;
	peer_tunnel_defaults(t);
	return t;
}

/* obj[key] when present; 0 absent (or null), 1 present and of type t, -1
 * present with another type (the message names the path, never the value). */
static int
member(struct jctx *x, const struct json_object *obj, const char *path, const char *key,
       json_type t, struct json_object **out)
{
	struct json_object *v = NULL;

	if (!json_object_object_get_ex(obj, key, &v) || json_object_get_type(v) == json_type_null)
		return 0;
	if (json_object_get_type(v) != t &&
	    !(t == json_type_int && json_object_get_type(v) == json_type_double))
		return fail_type(x, PEER_E_JSON_TYPE, path, key, json_object_get_type(v), t);
	*out = v;
	return 1;
}

static int
get_str(struct jctx *x, const struct json_object *o, const char *path, const char *key, char *out,
	size_t len, int *set)
{
	struct json_object *v;
	int rc = member(x, o, path, key, json_type_string, &v);

	if (rc > 0) {
		snprintf(out, len, "%s", json_object_get_string(v));
		if (set)
			*set = 1;
	}
	return rc < 0 ? -1 : 0;
}

static int
get_bool(struct jctx *x, const struct json_object *o, const char *path, const char *key,
	 struct peer_num *n)
{
	struct json_object *v;
	int rc = member(x, o, path, key, json_type_boolean, &v);

	if (rc > 0)
		*n = (struct peer_num){ json_object_get_boolean(v), 1 };
	return rc < 0 ? -1 : 0;
}

static int
get_int(struct jctx *x, const struct json_object *o, const char *path, const char *key,
	struct peer_num *n)
{
	struct json_object *v;
	int rc = member(x, o, path, key, json_type_int, &v);
	int64_t i;

	if (rc > 0) {
		i = json_object_get_int64(v);
		n->v = i > 100000000 ? 100000000 : i < -1 ? -1 : (long)i;
		n->set = 1;
	}
	return rc < 0 ? -1 : 0;
}

static const char *const dpd_words[] = { "clear", "none", "restart" };
static const char *const startup_words[] = { "add", "start" };

static long word_index(const char *w, const char *const *words, size_t n, long other);

/* A keyword member: its value's index in words, or other when none. */
static int
get_word(struct jctx *x, const struct json_object *o, const char *path, const char *key,
	 const char *const *words, size_t nwords, long other, struct peer_num *n)
{
	char w[32] = "";
	int set = 0;

	if (get_str(x, o, path, key, w, sizeof(w), &set) < 0)
		return -1;
	if (!set)
		return 0;
	n->set = 1;
	n->v = word_index(w, words, nwords, other);
	return 0;
}

static long
word_index(const char *w, const char *const *words, size_t n, long other)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w, words[i]) == 0)
			return (long)i;
	return other;
}

long
peer_dpd_word(const char *w)
{
	return word_index(w, dpd_words, COUNT(dpd_words), PEER_DPD_OTHER);
}

long
peer_startup_word(const char *w)
{
	return word_index(w, startup_words, COUNT(startup_words), PEER_START_OTHER);
}

const char *
peer_format_name(enum peer_format f)
{
	static const char *const names[] = { "aws-describe-vpn-connections",
					     "aws-customer-gateway-xml", "terraform-state",
					     "terraform-plan" };

	return (size_t)f < COUNT(names) ? names[f] : "?";
}

const char *
peer_dpd_action_name(enum peer_dpd_action a)
{
	return (size_t)a < COUNT(dpd_words) ? dpd_words[a] : "other";
}

const char *
peer_startup_name(enum peer_startup s)
{
	return (size_t)s < COUNT(startup_words) ? startup_words[s] : "other";
}

int
peer_ipv4(const char *s, uint32_t *addr)
{
	return cfg_addr(s, addr);
}

/* Phase1/Phase2 algorithm lists: [{"Value": "AES128"}, ...] (words) or
 * [{"Value": 14}, ...] (DH group numbers); bits as peer.h defines them,
 * PEER_ALG_OTHER for a value this reader does not know. */
struct alg_word {
	const char *word;
	unsigned long bit;
};

/* clang-format off */
static const struct alg_word enc_words[] = {
	{ "AES128", PEER_ENC_AES128 }, { "AES256", PEER_ENC_AES256 },
	{ "AES128-GCM-16", PEER_ENC_AES128_GCM }, { "AES256-GCM-16", PEER_ENC_AES256_GCM },
};
/* clang-format on */
/* clang-format off */
static const struct alg_word integ_words[] = {
	{ "SHA1", PEER_INTEG_SHA1 }, { "SHA2-256", PEER_INTEG_SHA256 },
	{ "SHA2-384", PEER_INTEG_SHA384 }, { "SHA2-512", PEER_INTEG_SHA512 },
};
/* clang-format on */

static unsigned long
alg_bit(struct json_object *v, const struct alg_word *words, size_t n)
{
	int64_t g;

	if (!words) { /* a DH group number */
		g = json_object_get_int64(v);
		return g >= 1 && g <= 30 ? 1ul << g : PEER_ALG_OTHER;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(json_object_get_string(v), words[i].word) == 0)
			return words[i].bit;
	return PEER_ALG_OTHER;
}

static int
alg_list(struct jctx *x, const struct json_object *o, const char *path, const char *key,
	 const struct alg_word *words, size_t nwords, struct peer_num *n)
{
	json_type want = words ? json_type_string : json_type_int;
	struct json_object *arr, *v;
	int rc = member(x, o, path, key, json_type_array, &arr);

	if (rc <= 0 || !json_object_array_length(arr))
		return rc; /* absent or empty: the default stands */
	n->set = 1;
	n->v = 0;
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		const struct json_object *e = json_object_array_get_idx(arr, i);
		if (json_object_get_type(e) != json_type_object ||
		    !json_object_object_get_ex(e, "Value", &v) || json_object_get_type(v) != want) {
			fail_type(x, PEER_E_JSON_NOT_VALUE, path, key, 0, want);
			x->e->n = (long)i;
			return -1;
		}
		n->v |= (long)alg_bit(v, words, nwords);
	}
	return 0;
}

static int
algorithms(struct jctx *x, const struct json_object *o, const char *path, struct peer_tunnel *t)
{
	return alg_list(x, o, path, "Phase1EncryptionAlgorithms", enc_words, COUNT(enc_words),
			&t->p1_enc) < 0 ||
			       alg_list(x, o, path, "Phase2EncryptionAlgorithms", enc_words,
					COUNT(enc_words), &t->p2_enc) < 0 ||
			       alg_list(x, o, path, "Phase1IntegrityAlgorithms", integ_words,
					COUNT(integ_words), &t->p1_integ) < 0 ||
			       alg_list(x, o, path, "Phase2IntegrityAlgorithms", integ_words,
					COUNT(integ_words), &t->p2_integ) < 0 ||
			       alg_list(x, o, path, "Phase1DHGroupNumbers", NULL, 0, &t->p1_dh) <
				       0 ||
			       alg_list(x, o, path, "Phase2DHGroupNumbers", NULL, 0, &t->p2_dh) < 0
		       ? -1
		       : 0;
}

/* IkeVersions: [{"Value": "ikev1"}, {"Value": "ikev2"}] */
static int
ike_versions(struct jctx *x, const struct json_object *o, const char *path, struct peer_num *n)
{
	struct json_object *arr, *v;
	int rc = member(x, o, path, "IkeVersions", json_type_array, &arr);

	if (rc <= 0)
		return rc;
	n->set = 1;
	n->v = 0;
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		const struct json_object *e = json_object_array_get_idx(arr, i);
		const char *w;
		if (json_object_get_type(e) != json_type_object ||
		    !json_object_object_get_ex(e, "Value", &v) ||
		    json_object_get_type(v) != json_type_string)
			return fail(x, PEER_E_JSON_IKE_VERSION, path, NULL, (long)i);
		w = json_object_get_string(v);
		n->v |= strcmp(w, "ikev1") == 0   ? PEER_IKEV1
			: strcmp(w, "ikev2") == 0 ? PEER_IKEV2
						  : 0;
	}
	return 0;
}

static struct peer_tunnel *
new_tunnel(struct jctx *x, size_t conn, size_t index)
{
	struct peer_tunnel *t = peer_new_tunnel(x->p, conn, index);

	if (!t) {
		x->nomem = 1;
		fail(x, PEER_E_JSON_NOMEM_CONNS, NULL, NULL, 0);
	}
	return t;
}

/* The documented defaults (this file's header cites each), set 0: every
 * front end (this one, XML, Terraform) starts a tunnel from them. */
void
peer_tunnel_defaults(struct peer_tunnel *t)
{
	t->dpd_seconds.v = 40;
	t->dpd_action.v = PEER_DPD_CLEAR;
	t->startup.v = PEER_START_ADD;
	t->ike.v = PEER_IKEV1 | PEER_IKEV2;
	t->p1_life.v = 28800;
	t->p2_life.v = 3600;
	t->rekey_margin.v = 270;
	t->rekey_fuzz.v = 100;
	t->p1_enc.v = t->p2_enc.v = PEER_ENC_ALL;
	t->p1_integ.v = t->p2_integ.v = PEER_INTEG_ALL;
	t->p1_dh.v = (long)PEER_DH_P1_ALL;
	t->p2_dh.v = (long)PEER_DH_P2_ALL;
}

void
peer_set_outside(struct peer_tunnel *t, const char *s)
{
	uint32_t a;

	snprintf(t->outside, sizeof(t->outside), "%s", s);
	t->outside_v4 = peer_ipv4(t->outside, &a) == 0;
	t->outside_addr = t->outside_v4 ? a : 0;
}

/* PreSharedKey: digested where json-c holds it, never copied (a value
 * that is no string holds no key: left alone, as count_secrets counts it). */
static int
psk(struct jctx *x, const struct json_object *o, const char *path, struct peer_tunnel *t)
{
	struct json_object *v;

	(void)x;
	(void)path;
	if (!json_object_object_get_ex(o, "PreSharedKey", &v) ||
	    json_object_get_type(v) != json_type_string)
		return 0;
	config_secret_digest(json_object_get_string(v), (size_t)json_object_get_string_len(v),
			     &t->psk);
	return 0;
}

void
peer_set_inside(struct peer_tunnel *t, const char *cidr)
{
	uint32_t a;
	unsigned plen;

	snprintf(t->inside, sizeof(t->inside), "%s", cidr);
	t->inside_addr = 0;
	t->inside_plen = 0;
	if (t->inside[0] && strchr(t->inside, '/') && cfg_prefix(t->inside, &a, &plen) == 0) {
		t->inside_addr = plen ? a & ~(uint32_t)0 << (32 - plen) : 0;
		t->inside_plen = plen;
	}
}

void
peer_set_inside_net(struct peer_tunnel *t, const char *prefix)
{
	struct ip_addr net;
	char addr[16];

	peer_set_inside(t, prefix);
	if (!t->inside_plen)
		return;
	net = ip_addr_v4(t->inside_addr);
	ip_addr_text(&net, addr, sizeof(addr));
	snprintf(t->inside, sizeof(t->inside), "%s/%u", addr, t->inside_plen);
}

static int
tunnel_option(struct jctx *x, const struct json_object *o, const char *path, size_t conn,
	      size_t index)
{
	struct peer_tunnel *t = new_tunnel(x, conn, index);
	char outside[PEER_ADDR] = "", inside[PEER_ADDR] = "";
	struct json_object *v;

	if (!t)
		return -1;
	if (json_object_get_type(o) != json_type_object)
		return fail_type(x, PEER_E_NOT_OBJECT, path, NULL, json_object_get_type(o),
				 json_type_object);
	if (get_str(x, o, path, "OutsideIpAddress", outside, sizeof(outside), NULL) < 0 ||
	    get_str(x, o, path, "TunnelInsideCidr", inside, sizeof(inside), NULL) < 0 ||
	    get_int(x, o, path, "DpdTimeoutSeconds", &t->dpd_seconds) < 0 ||
	    get_word(x, o, path, "DpdTimeoutAction", dpd_words, COUNT(dpd_words), PEER_DPD_OTHER,
		     &t->dpd_action) < 0 ||
	    get_word(x, o, path, "StartupAction", startup_words, COUNT(startup_words),
		     PEER_START_OTHER, &t->startup) < 0 ||
	    ike_versions(x, o, path, &t->ike) < 0 ||
	    get_int(x, o, path, "Phase1LifetimeSeconds", &t->p1_life) < 0 ||
	    get_int(x, o, path, "Phase2LifetimeSeconds", &t->p2_life) < 0 ||
	    get_int(x, o, path, "RekeyMarginTimeSeconds", &t->rekey_margin) < 0 ||
	    get_int(x, o, path, "RekeyFuzzPercentage", &t->rekey_fuzz) < 0 ||
	    algorithms(x, o, path, t) < 0)
		return -1;
	if (psk(x, o, path, t) < 0)
		return -1;
	peer_set_outside(t, outside);
	peer_set_inside(t, inside);
	t->psk_present = json_object_object_get_ex(o, "PreSharedKey", &v);
	return 0;
}

/* VgwTelemetry[]: status per outside address, merged into the tunnel of
 * the same address (a tunnel of its own when TunnelOptions lacks it). */
static int
telemetry(struct jctx *x, const struct json_object *c, const char *path, size_t conn, size_t first)
{
	struct json_object *arr;
	int rc = member(x, c, path, "VgwTelemetry", json_type_array, &arr);
	char p[128];

	if (rc <= 0)
		return rc;
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		const struct json_object *e = json_object_array_get_idx(arr, i);
		char addr[PEER_ADDR] = "", status[16] = "";
		struct peer_tunnel *t = NULL;
		snprintf(p, sizeof(p), "%s.VgwTelemetry[%zu]", path, i);
		if (json_object_get_type(e) != json_type_object)
			return fail_type(x, PEER_E_NOT_OBJECT, p, NULL, json_object_get_type(e),
					 json_type_object);
		if (get_str(x, e, p, "OutsideIpAddress", addr, sizeof(addr), NULL) < 0 ||
		    get_str(x, e, p, "Status", status, sizeof(status), NULL) < 0)
			return -1;
		/* AWS lists telemetry in TunnelOptions' order: try that one first */
		if (first + i < x->p->ntunnels &&
		    strcmp(x->p->tunnels[first + i].outside, addr) == 0)
			t = &x->p->tunnels[first + i];
		for (size_t k = first; k < x->p->ntunnels && !t; k++)
			if (strcmp(x->p->tunnels[k].outside, addr) == 0)
				t = &x->p->tunnels[k];
		if (!t && !(t = new_tunnel(x, conn, x->p->ntunnels - first)))
			return -1;
		if (!t->outside[0])
			peer_set_outside(t, addr);
		t->status = strcmp(status, "UP") == 0     ? PEER_STATUS_UP
			    : strcmp(status, "DOWN") == 0 ? PEER_STATUS_DOWN
							  : PEER_STATUS_OTHER;
		if (get_str(x, e, p, "StatusMessage", t->status_msg, sizeof(t->status_msg), NULL) <
		    0)
			return -1;
	}
	return 0;
}

/* An IPv4 network CIDR as written; plen 33 when it is none. */
static void
cidr(const char *s, uint32_t *net, unsigned *plen)
{
	if (!strchr(s, '/') || cfg_prefix(s, net, plen) < 0) {
		*net = 0;
		*plen = 33;
	}
}

void
peer_conn_cidrs(struct peer_conn *pc)
{
	cidr(pc->local_cidr, &pc->local_net, &pc->local_plen);
	cidr(pc->remote_cidr, &pc->remote_net, &pc->remote_plen);
}

static int
options(struct jctx *x, const struct json_object *c, const char *path, struct peer_conn *pc,
	size_t conn)
{
	struct json_object *o, *arr;
	char p[96], q[160];
	int rc = member(x, c, path, "Options", json_type_object, &o);

	if (rc <= 0)
		return rc;
	snprintf(p, sizeof(p), "%s.Options", path);
	if (get_bool(x, o, p, "StaticRoutesOnly", &pc->static_only) < 0 ||
	    get_bool(x, o, p, "EnableAcceleration", &pc->accel) < 0 ||
	    get_str(x, o, p, "LocalIpv4NetworkCidr", pc->local_cidr, sizeof(pc->local_cidr),
		    &pc->local_cidr_set) < 0 ||
	    get_str(x, o, p, "RemoteIpv4NetworkCidr", pc->remote_cidr, sizeof(pc->remote_cidr),
		    &pc->remote_cidr_set) < 0 ||
	    get_str(x, o, p, "TunnelInsideIpVersion", pc->inside_ver, sizeof(pc->inside_ver),
		    &pc->inside_ver_set) < 0 ||
	    get_str(x, o, p, "OutsideIpAddressType", pc->outside_type, sizeof(pc->outside_type),
		    &pc->outside_type_set) < 0)
		return -1;
	peer_conn_cidrs(pc);
	if ((rc = member(x, o, p, "TunnelOptions", json_type_array, &arr)) <= 0)
		return rc;
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		snprintf(q, sizeof(q), "%s.TunnelOptions[%zu]", p, i);
		if (tunnel_option(x, json_object_array_get_idx(arr, i), q, conn, i) < 0)
			return -1;
	}
	return 0;
}

/* CustomerGatewayConfiguration: the XML (aws_xml.c) for the facts the
 * JSON lacks; a broken one is refused like broken JSON. */
static int
embedded_xml(struct jctx *x, const struct json_object *c, const char *path, size_t first)
{
	struct json_object *v;
	char where[96];
	int rc = member(x, c, path, "CustomerGatewayConfiguration", json_type_string, &v);

	if (rc <= 0 || !json_object_get_string_len(v))
		return rc;
	snprintf(where, sizeof(where), "%s.CustomerGatewayConfiguration", path);
	return peer_xml_merge(json_object_get_string(v), (size_t)json_object_get_string_len(v),
			      x->p, first, where, x->e);
}

static int
connection(struct jctx *x, const struct json_object *c, size_t i)
{
	struct peer_config *p = x->p;
	struct peer_conn *pc;
	char path[48];
	size_t first = p->ntunnels;
	int tgw = 0;

	snprintf(path, sizeof(path), "VpnConnections[%zu]", i);
	if (json_object_get_type(c) != json_type_object)
		return fail_type(x, PEER_E_NOT_OBJECT, path, NULL, json_object_get_type(c),
				 json_type_object);
	if (!(pc = peer_new_conn(p))) {
		x->nomem = 1;
		return fail(x, PEER_E_JSON_NOMEM_CONNS, NULL, NULL, 0);
	}
	if (get_str(x, c, path, "VpnConnectionId", pc->id, sizeof(pc->id), NULL) < 0 ||
	    get_str(x, c, path, "CustomerGatewayId", pc->cgw, sizeof(pc->cgw), NULL) < 0 ||
	    get_str(x, c, path, "Category", pc->category, sizeof(pc->category), NULL) < 0 ||
	    get_str(x, c, path, "VpnGatewayId", pc->gateway, sizeof(pc->gateway), NULL) < 0 ||
	    get_str(x, c, path, "TransitGatewayId", pc->gateway, sizeof(pc->gateway), &tgw) < 0)
		return -1;
	pc->transit = tgw;
	if (options(x, c, path, pc, i) < 0 || telemetry(x, c, path, i, first) < 0)
		return -1;
	return embedded_xml(x, c, path, first);
}

void
peer_conn_defaults(struct peer_conn *pc)
{
	/* VpnConnectionOptionsSpecification; local_net/remote_net 0, plen 0: 0.0.0.0/0 */
	snprintf(pc->local_cidr, sizeof(pc->local_cidr), "0.0.0.0/0");
	snprintf(pc->remote_cidr, sizeof(pc->remote_cidr), "0.0.0.0/0");
	snprintf(pc->inside_ver, sizeof(pc->inside_ver), "ipv4");
	snprintf(pc->outside_type, sizeof(pc->outside_type), "PublicIpv4");
}

/* Counts the PreSharedKey values the document holds (never read into the
 * model; the keys inside CustomerGatewayConfiguration are aws_xml.c's). */
static void
count_secrets(const struct json_object *o, size_t *n)
{
	if (json_object_get_type(o) == json_type_array) {
		for (size_t i = 0; i < json_object_array_length(o); i++)
			count_secrets(json_object_array_get_idx(o, i), n);
		return;
	}
	if (json_object_get_type(o) != json_type_object)
		return;
	json_object_object_foreach((struct json_object *)o, key, val)
	{
		if (strcmp(key, "PreSharedKey") == 0)
			(*n)++;
		else if (strcmp(key, "CustomerGatewayConfiguration") == 0)
			continue;
		else
			count_secrets(val, n);
	}
}

void
peer_where(const char *buf, size_t off, unsigned *line, unsigned *col)
{
	const char *nl;

	*line = 1;
	*col = 1;
	for (const char *s = buf; (nl = memchr(s, '\n', (size_t)(buf + off - s))); s = nl + 1) {
		(*line)++;
		*col = (unsigned)(buf + off - nl);
	}
	if (*line == 1)
		*col = (unsigned)off + 1;
}

int
peer_json_tokenize(const char *buf, size_t len, struct json_object **top, struct peer_error *err)
{
	struct json_tokener *tok = json_tokener_new_ex(JSON_DEPTH);
	struct jctx x = { NULL, err, 0 };
	enum json_tokener_error e;
	unsigned line, col;
	size_t end;

	*top = NULL;
	if (!tok)
		return fail(&x, PEER_E_JSON_NOMEM, NULL, NULL, 0);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	*top = len > (size_t)0x7fffffff ? NULL : json_tokener_parse_ex(tok, buf, (int)len);
	e = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	peer_where(buf, end > len ? len : end, &line, &col);
	if (e == json_tokener_continue) {
		fail(&x, PEER_E_JSON_TRUNCATED, NULL, NULL, (long)len);
		err->line = line;
		return -1;
	}
	if (!*top || e != json_tokener_success) {
		json_object_put(*top);
		*top = NULL;
		fail(&x, PEER_E_JSON_INVALID, NULL, NULL, (long)end);
		err->line = line;
		err->col = col;
		err->detail = json_tokener_error_desc(e); /* json-c's words, as it has them */
		return -1;
	}
	while (end < len && strchr(" \t\r\n", buf[end]))
		end++;
	if (end < len) {
		json_object_put(*top);
		*top = NULL;
		peer_where(buf, end, &line, &col);
		fail(&x, PEER_E_JSON_TRAILING, NULL, NULL, (long)end);
		err->line = line;
		err->col = col;
		return -1;
	}
	return 0;
}

int
peer_aws_json_doc(const struct json_object *top, struct peer_config *p, struct peer_error *e)
{
	struct jctx x = { p, e, 0 };
	struct json_object *arr;

	p->format = PEER_FMT_AWS_JSON;
	if (!json_object_object_get_ex(top, "VpnConnections", &arr) ||
	    json_object_get_type(arr) != json_type_array)
		return fail(&x, PEER_E_JSON_NO_ARRAY, NULL, NULL, 0);
	if (!json_object_array_length(arr))
		return fail(&x, PEER_E_JSON_NO_CONNECTION, NULL, NULL, 0);
	count_secrets(top, &p->secrets);
	for (size_t i = 0; i < json_object_array_length(arr); i++)
		if (connection(&x, json_object_array_get_idx(arr, i), i) < 0)
			return -1;
	return 0;
}

void
peer_free(struct peer_config *p)
{
	free(p->conns);
	free(p->tunnels);
	memset(p, 0, sizeof(*p));
}
