/* SPDX-License-Identifier: BSD-2-Clause */
/* `terraform show -json` into a struct peer_config: the aws_vpn_connection
 * resources of a state or of a plan.
 *
 * The document (Terraform, "JSON Output Format",
 * developer.hashicorp.com/terraform/internals/json-format): format_version
 * and terraform_version at the top; a state has values.root_module with
 * resources[] (address, mode, type, values) and child_modules[] (each the
 * same shape, nested); a plan has planned_values (the same shape, unknown
 * values left out) and resource_changes[] (address, mode, type,
 * change.actions, change.after, change.after_unknown: true where a value
 * is known only after apply). A plan is read from resource_changes, which
 * says which values are unknown, and from planned_values only when it has
 * no resource_changes; a resource the plan only deletes is not read.
 *
 * The attributes (Terraform AWS provider, aws_vpn_connection, website/docs/
 * r/vpn_connection.html.markdown and its schema in internal/service/ec2/
 * vpnsite_connection.go): id, customer_gateway_id, vpn_gateway_id,
 * transit_gateway_id, static_routes_only, enable_acceleration,
 * local_ipv4_network_cidr, remote_ipv4_network_cidr,
 * tunnel_inside_ip_version, outside_ip_address_type, and per tunnel N of 1
 * and 2: tunnelN_address, tunnelN_cgw_inside_address,
 * tunnelN_vgw_inside_address, tunnelN_inside_cidr, tunnelN_bgp_asn (a
 * string), tunnelN_bgp_holdtime, tunnelN_dpd_timeout_action,
 * tunnelN_dpd_timeout_seconds, tunnelN_startup_action, tunnelN_ike_versions
 * (a set of strings), tunnelN_phase1_lifetime_seconds,
 * tunnelN_phase2_lifetime_seconds, tunnelN_preshared_key (sensitive:
 * counted, never copied) and customer_gateway_configuration (the XML with
 * the keys: counted, not read; its facts are the tunnelN_ attributes). The
 * tunnel options are optional and not computed: null, "" or 0 (what the
 * provider keeps for "not set", its DiffSuppressFunc) is AWS's documented
 * default; the computed ones (addresses, inside CIDR, BGP, static_routes_only
 * when not configured) are unknown in a plan that creates the connection. */
#include "config/peer.h"
#include "config/peer_int.h"
#include "base/count.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TF_MODULE_DEPTH 32 /* child_modules nest; JSON_DEPTH bounds them anyway */

struct tctx {
	struct peer_config *p;
	struct peer_error *e;
};

/* One resource's values and, in a plan, which of them are unknown. */
struct tres {
	struct tctx *x;
	const struct json_object *v, *unknown;
	const char *path;
};

/* The code and its numbers into *e (render words them); -1. */
static int
fail(struct tctx *x, enum peer_error_code code, const char *path, const char *key, long n)
{
	return peer_fail(x->e, code, path, key, n);
}

/* json-c 0.16 takes no const here, though it changes nothing */
static const char *
sval(const struct json_object *o)
{
	return json_object_get_string((struct json_object *)o);
}

static const struct json_object *
get(const struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	if (!o || json_object_get_type(o) != json_type_object ||
	    !json_object_object_get_ex(o, key, &v) || json_object_get_type(v) == json_type_null)
		return NULL;
	return v;
}

/* after_unknown: true for this attribute: bit into *mask. */
static void
unknown(const struct tres *r, const char *key, unsigned *mask, unsigned bit)
{
	const struct json_object *u = get(r->unknown, key);

	if (mask && u && json_object_get_type(u) == json_type_boolean && json_object_get_boolean(u))
		*mask |= bit;
}

/* values[key] of type t: 1, 0 when absent or null, -1 of another type. */
static int
attr(const struct tres *r, const char *key, json_type t, const struct json_object **out)
{
	const struct json_object *v = get(r->v, key);
	json_type vt;

	if (!v)
		return 0;
	vt = json_object_get_type(v);
	if (vt != t && !(t == json_type_int && vt == json_type_double)) {
		fail(r->x, PEER_E_TF_TYPE, r->path, key, 0);
		r->x->e->got = peer_json_type_of(vt);
		r->x->e->want = peer_json_type_of(t);
		return -1;
	}
	*out = v;
	return 1;
}

/* A string attribute; "" (the provider's "not set") leaves set 0. */
static int
str(const struct tres *r, const char *key, char *out, size_t len, int *set, unsigned *mask,
    unsigned bit)
{
	const struct json_object *v;
	int rc = attr(r, key, json_type_string, &v);

	unknown(r, key, mask, bit);
	if (rc > 0 && json_object_get_string_len(v)) {
		snprintf(out, len, "%s", sval(v));
		if (set)
			*set = 1;
	}
	return rc < 0 ? -1 : 0;
}

/* A number; 0 (not set, for the options) leaves the default. */
static int
num(const struct tres *r, const char *key, struct peer_num *n, unsigned *mask, unsigned bit)
{
	const struct json_object *v;
	int rc = attr(r, key, json_type_int, &v);
	int64_t i;

	unknown(r, key, mask, bit);
	if (rc > 0 && (i = json_object_get_int64(v)) != 0) {
		n->v = i > 100000000 ? 100000000 : i < -1 ? -1 : (long)i;
		n->set = 1;
	}
	return rc < 0 ? -1 : 0;
}

static int
boolean(const struct tres *r, const char *key, struct peer_num *n, unsigned *mask, unsigned bit)
{
	const struct json_object *v;
	int rc = attr(r, key, json_type_boolean, &v);

	unknown(r, key, mask, bit);
	if (rc > 0)
		*n = (struct peer_num){ json_object_get_boolean(v), 1 };
	return rc < 0 ? -1 : 0;
}

/* A keyword option (DPD timeout action, startup action). */
static int
word(const struct tres *r, const char *key, long (*lookup)(const char *), struct peer_num *n,
     unsigned *mask, unsigned bit)
{
	char w[32] = "";
	int set = 0;

	if (str(r, key, w, sizeof(w), &set, mask, bit) < 0)
		return -1;
	if (set)
		*n = (struct peer_num){ lookup(w), 1 };
	return 0;
}

/* tunnelN_ike_versions: ["ikev1", "ikev2"]; empty: the default (both). */
static int
ike_versions(const struct tres *r, const char *key, struct peer_num *n, unsigned *mask)
{
	const struct json_object *arr;
	int rc = attr(r, key, json_type_array, &arr);
	long bits = 0;

	unknown(r, key, mask, PEER_UNK_IKE);
	if (rc <= 0 || !json_object_array_length(arr))
		return rc < 0 ? -1 : 0;
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		const struct json_object *e = json_object_array_get_idx(arr, i);
		const char *w = json_object_get_type(e) == json_type_string ? sval(e) : NULL;
		if (!w)
			return fail(r->x, PEER_E_TF_NOT_STRING, r->path, key, (long)i);
		bits |= strcmp(w, "ikev1") == 0   ? PEER_IKEV1
			: strcmp(w, "ikev2") == 0 ? PEER_IKEV2
						  : 0;
	}
	*n = (struct peer_num){ bits, 1 };
	return 0;
}

/* A secret attribute: counted when it holds one, never copied. */
static int
secret(const struct tres *r, const char *key, int *present)
{
	const struct json_object *v;
	int rc = attr(r, key, json_type_string, &v);

	if (rc > 0 && json_object_get_string_len(v)) {
		r->x->p->secrets++;
		if (present)
			*present = 1;
	}
	return rc < 0 ? -1 : 0;
}

static int
tunnel(const struct tres *r, size_t conn, int n)
{
	struct peer_tunnel *t = peer_new_tunnel(r->x->p, conn, (size_t)n - 1);
	char k[48], out[PEER_ADDR] = "", in[PEER_ADDR] = "", asn[24] = "";
	int asn_set = 0;
	unsigned *u;
	/* each name is used before the next is written (|| orders them) */
#define K(name) (snprintf(k, sizeof(k), "tunnel%d_%s", n, name), k)

	if (!t)
		return fail(r->x, PEER_E_TF_NOMEM, NULL, NULL, 0);
	u = &t->unknown;

	if (str(r, K("address"), out, sizeof(out), NULL, u, PEER_UNK_OUTSIDE) < 0 ||
	    str(r, K("inside_cidr"), in, sizeof(in), NULL, u, PEER_UNK_INSIDE) < 0 ||
	    str(r, K("cgw_inside_address"), t->cgw_inside, sizeof(t->cgw_inside), NULL, u,
		PEER_UNK_INSIDE_ADDR) < 0 ||
	    str(r, K("vgw_inside_address"), t->vgw_inside, sizeof(t->vgw_inside), NULL, u,
		PEER_UNK_INSIDE_ADDR) < 0 ||
	    word(r, K("dpd_timeout_action"), peer_dpd_word, &t->dpd_action, u,
		 PEER_UNK_DPD_ACTION) < 0 ||
	    num(r, K("dpd_timeout_seconds"), &t->dpd_seconds, u, PEER_UNK_DPD_SECONDS) < 0 ||
	    word(r, K("startup_action"), peer_startup_word, &t->startup, u, PEER_UNK_STARTUP) < 0 ||
	    ike_versions(r, K("ike_versions"), &t->ike, u) < 0 ||
	    num(r, K("phase1_lifetime_seconds"), &t->p1_life, u, PEER_UNK_P1_LIFE) < 0 ||
	    num(r, K("phase2_lifetime_seconds"), &t->p2_life, u, PEER_UNK_P2_LIFE) < 0 ||
	    str(r, K("bgp_asn"), asn, sizeof(asn), &asn_set, u, PEER_UNK_BGP) < 0 ||
	    num(r, K("bgp_holdtime"), &t->hold_time, u, PEER_UNK_BGP) < 0 ||
	    secret(r, K("preshared_key"), &t->psk_present) < 0)
		return -1;
#undef K
	peer_set_outside(t, out);
	/* no tunnelN_inside_cidr: AWS's inside range is the /30 around its
	 * inside address (EC2 API VpnTunnelOptionsSpecification, TunnelInsideCidr) */
	if (!in[0] && t->vgw_inside[0] && !strchr(t->vgw_inside, '/')) {
		snprintf(in, sizeof(in), "%.40s/30", t->vgw_inside);
		peer_set_inside_net(t, in);
	} else
		peer_set_inside(t, in);
	if (asn_set && strspn(asn, "0123456789") == strlen(asn) && strlen(asn) < 11)
		t->vgw_asn = (struct peer_num){ atol(asn), 1 };
	return 0;
}

static int
resource(struct tctx *x, const char *address, const struct json_object *values,
	 const struct json_object *unk, const char *path)
{
	struct peer_config *p = x->p;
	struct tres r = { x, values, unk, path };
	struct peer_conn *pc;
	size_t conn = p->nconns;
	int tgw = 0;

	if (json_object_get_type(values) != json_type_object) {
		fail(x, PEER_E_NOT_OBJECT, path, NULL, 0);
		x->e->got = peer_json_type_of(json_object_get_type(values));
		return -1;
	}
	if (!(pc = peer_new_conn(p)))
		return fail(x, PEER_E_TF_NOMEM, NULL, NULL, 0);
	snprintf(pc->address, sizeof(pc->address), "%s", address ? address : "");
	if (str(&r, "id", pc->id, sizeof(pc->id), NULL, &pc->unknown, PEER_UNK_ID) < 0 ||
	    str(&r, "customer_gateway_id", pc->cgw, sizeof(pc->cgw), NULL, NULL, 0) < 0 ||
	    str(&r, "vpn_gateway_id", pc->gateway, sizeof(pc->gateway), NULL, NULL, 0) < 0 ||
	    str(&r, "transit_gateway_id", pc->gateway, sizeof(pc->gateway), &tgw, NULL, 0) < 0 ||
	    boolean(&r, "static_routes_only", &pc->static_only, &pc->unknown, PEER_UNK_STATIC) <
		    0 ||
	    boolean(&r, "enable_acceleration", &pc->accel, &pc->unknown, PEER_UNK_ACCEL) < 0 ||
	    str(&r, "local_ipv4_network_cidr", pc->local_cidr, sizeof(pc->local_cidr),
		&pc->local_cidr_set, NULL, 0) < 0 ||
	    str(&r, "remote_ipv4_network_cidr", pc->remote_cidr, sizeof(pc->remote_cidr),
		&pc->remote_cidr_set, NULL, 0) < 0 ||
	    str(&r, "tunnel_inside_ip_version", pc->inside_ver, sizeof(pc->inside_ver),
		&pc->inside_ver_set, NULL, 0) < 0 ||
	    str(&r, "outside_ip_address_type", pc->outside_type, sizeof(pc->outside_type),
		&pc->outside_type_set, NULL, 0) < 0 ||
	    secret(&r, "customer_gateway_configuration", NULL) < 0)
		return -1;
	pc->transit = tgw;
	peer_conn_cidrs(pc);
	snprintf(pc->category, sizeof(pc->category), "VPN");
	for (int n = 1; n <= PEER_TF_TUNNELS; n++)
		if (tunnel(&r, conn, n) < 0)
			return -1;
	return 0;
}

static int
is_vpn(struct tctx *x, const struct json_object *res)
{
	const struct json_object *t = get(res, "type"), *m = get(res, "mode");
	int vpn = t && json_object_get_type(t) == json_type_string &&
		  strcmp(sval(t), "aws_vpn_connection") == 0 &&
		  (!m || (json_object_get_type(m) == json_type_string &&
			  strcmp(sval(m), "managed") == 0));

	if (!vpn)
		x->p->other_resources++;
	return vpn;
}

static const char *
address_of(const struct json_object *res)
{
	const struct json_object *a = get(res, "address");

	return a && json_object_get_type(a) == json_type_string ? sval(a) : "";
}

/* A module of a state or of planned_values: resources[], child_modules[]. */
static int
module(struct tctx *x, const struct json_object *m, const char *path, int depth)
{
	const struct json_object *rs = get(m, "resources"), *kids = get(m, "child_modules");
	char p[192];

	if (depth > TF_MODULE_DEPTH)
		return fail(x, PEER_E_TF_DEPTH, path, NULL, TF_MODULE_DEPTH);
	if ((rs && json_object_get_type(rs) != json_type_array) ||
	    (kids && json_object_get_type(kids) != json_type_array))
		return fail(x, PEER_E_TF_ARRAYS, path, NULL, 0);
	for (size_t i = 0; rs && i < json_object_array_length(rs); i++) {
		const struct json_object *res = json_object_array_get_idx(rs, i);
		snprintf(p, sizeof(p), "%s.resources[%zu].values", path, i);
		if (is_vpn(x, res) && resource(x, address_of(res), get(res, "values"), NULL, p) < 0)
			return -1;
	}
	for (size_t i = 0; kids && i < json_object_array_length(kids); i++) {
		snprintf(p, sizeof(p), "%s.child_modules[%zu]", path, i);
		if (module(x, json_object_array_get_idx(kids, i), p, depth + 1) < 0)
			return -1;
	}
	return 0;
}

/* change.actions is exactly ["delete"]: nothing of it remains. */
static int
only_deleted(const struct json_object *change)
{
	const struct json_object *a = get(change, "actions");
	const struct json_object *e;

	if (!a || json_object_get_type(a) != json_type_array || json_object_array_length(a) != 1)
		return 0;
	e = json_object_array_get_idx(a, 0);
	return json_object_get_type(e) == json_type_string && strcmp(sval(e), "delete") == 0;
}

static int
changes(struct tctx *x, const struct json_object *rc)
{
	char p[96];

	if (json_object_get_type(rc) != json_type_array)
		return fail(x, PEER_E_TF_CHANGES, NULL, NULL, 0);
	for (size_t i = 0; i < json_object_array_length(rc); i++) {
		const struct json_object *res = json_object_array_get_idx(rc, i);
		const struct json_object *ch = get(res, "change");
		if (!is_vpn(x, res) || only_deleted(ch))
			continue;
		snprintf(p, sizeof(p), "resource_changes[%zu].change.after", i);
		if (!get(ch, "after"))
			return fail(x, PEER_E_TF_NO_AFTER, p, NULL, 0);
		if (resource(x, address_of(res), get(ch, "after"), get(ch, "after_unknown"), p) < 0)
			return -1;
	}
	return 0;
}

int
peer_tf_doc(const struct json_object *top, struct peer_config *p, struct peer_error *e)
{
	struct tctx x = { p, e };
	const struct json_object *rc = get(top, "resource_changes"),
				 *pv = get(top, "planned_values");
	const struct json_object *v = get(top, "values");
	int r;

	p->format = rc || pv ? PEER_FMT_TF_PLAN : PEER_FMT_TF_STATE;
	if (rc)
		r = changes(&x, rc);
	else if (pv)
		r = module(&x, get(pv, "root_module"), "planned_values.root_module", 0);
	else if (v)
		r = module(&x, get(v, "root_module"), "values.root_module", 0);
	else
		return fail(&x, PEER_E_TF_EMPTY, NULL, NULL, 0);
	if (r < 0)
		return -1;
	if (!p->nconns)
		return fail(&x, PEER_E_TF_NO_VPN, NULL, NULL, (long)p->other_resources);
	return 0;
}
