/* SPDX-License-Identifier: BSD-2-Clause */
/* Cisco IOS / IOS-XE running-config (show running-config, and the files
 * AWS published for IOS 12.4 and later: awsdocs/amazon-vpc-network-
 * administrator-guide, doc_source/Cisco.md; doc/config-grammar.md).
 *
 * Blocks follow IOS's configuration modes, never indentation: "interface
 * X", "crypto isakmp policy N", "crypto keyring NAME", "crypto isakmp
 * profile NAME", "crypto ipsec transform-set NAME ...", "crypto ipsec
 * profile NAME", "crypto ikev2 proposal|policy|keyring|profile NAME" (and
 * "peer NAME" inside an ikev2 keyring), "crypto map NAME SEQ ipsec-isakmp",
 * "crypto dynamic-map NAME SEQ", "ip access-list extended NAME", "router bgp
 * N" (with its address-family) and the other sub-modes (line, router ospf,
 * route-map ...) open one. A sub-mode ends with "exit" (back to the mode
 * it is inside), "end", a bare "!" in column 0 (running-config's separator
 * between top-level blocks; an indented one is a comment), or the
 * next command that only global configuration mode has: IOS tries a line
 * in the current mode, then in global configuration mode, which leaves the
 * sub-mode (the AWS sample's "exit" lines and a paste without them read
 * the same). "! text" is a comment inside the block.
 *
 * Names are resolved after the whole text is read (config/ios_model.c):
 * tunnel protection ipsec profile P -> set transform-set / set ikev2-profile
 * / set isakmp-profile, and the isakmp or ikev2 profile whose match identity
 * address is the tunnel destination; crypto map entries with set peer,
 * match address ACL and set transform-set. Pre-shared keys are kept as
 * keyed digests (config/secret.h) and never printed (config/lines.c masks
 * the lines that hold one). */
#include "config/ios_int.h"
#include "base/count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The block a misplaced line belongs in, by IOS's own name for it (one
 * per block bit of ios_int.h, in that order): never swanctl's "connection
 * section" or IX's "TunnelX.Y". */
/* clang-format off */
static const enum config_arg ios_scopes[] = {
	CONFIG_ARG_IN_INTERFACE, CONFIG_ARG_IN_IOS_TUNNEL, CONFIG_ARG_IN_ISAKMP_POLICY,
	CONFIG_ARG_IN_KEYRING, CONFIG_ARG_IN_ISAKMP_PROFILE, CONFIG_ARG_IN_TRANSFORM_SET,
	CONFIG_ARG_IN_IPSEC_PROFILE, CONFIG_ARG_IN_IKEV2_PROPOSAL, CONFIG_ARG_IN_IKEV2_KEYRING,
	CONFIG_ARG_IN_IKEV2_PEER, CONFIG_ARG_IN_IKEV2_PROFILE, CONFIG_ARG_IN_CRYPTO_MAP,
	CONFIG_ARG_IN_BGP, CONFIG_ARG_IN_ACL, CONFIG_ARG_IN_SUBMODE,
};
/* clang-format on */

struct ios_row *
ios_add(struct cfg_ctx *x, enum ios_tab t, const char *name, const struct cfg_line *l)
{
	struct ios_table *tb = &x->t[t];
	struct ios_row *r;

	/* a hub has hundreds of rows: a definition named twice is one row
	 * (IOS edits the existing one); entries are few per name */
	for (size_t i = tb->n; i-- > 0;)
		if (strcmp(tb->row[i].name, name) == 0)
			return &tb->row[i];
	if (!(r = cfg_push(x->cfg, (void **)&tb->row, &tb->n, &tb->cap, sizeof(*r))))
		return NULL;
	cfg_copy(r->name, sizeof(r->name), name);
	cfg_copy(r->text, sizeof(r->text), l->text);
	r->line = l->no;
	return r;
}

const struct ios_row *
ios_find(const struct cfg_ctx *x, enum ios_tab t, const char *name)
{
	for (size_t i = 0; i < x->t[t].n; i++)
		if (strcmp(x->t[t].row[i].name, name) == 0)
			return &x->t[t].row[i];
	return NULL;
}

static struct ios_row *
cur(struct cfg_ctx *x, enum ios_tab t)
{
	return x->index >= 0 && (size_t)x->index < x->t[t].n ? &x->t[t].row[x->index] : NULL;
}

static struct config_tunnel *
tun(struct config *c, struct cfg_ctx *x)
{
	return &c->tunnels[x->index]; /* scope IOS_TUNIF: a tunnel is open */
}

/* "A.B.C.D M.M.M.M" (a mask) at word i, or one address: *plen 32. 1 when it
 * reads; *used the words it took. */
static int
addr_mask(const struct cfg_line *l, size_t i, uint32_t *addr, unsigned *plen, size_t *used)
{
	char joined[40];

	*used = 0;
	if (i >= l->ntok || cfg_addr(l->tok[i], addr) < 0)
		return 0;
	*plen = 32;
	*used = 1;
	if (i + 1 < l->ntok) {
		uint32_t a;
		unsigned p;
		snprintf(joined, sizeof(joined), "%s/%s", l->tok[i], l->tok[i + 1]);
		if (cfg_addr(l->tok[i + 1], &a) == 0 && cfg_prefix(joined, &a, &p) == 0) {
			*plen = p;
			*used = 2;
		}
	}
	return 1;
}

/* An ACL address: any, host A, or A WILDCARD (the inverse of a mask);
 * returns the words it took, 0 when it is none of them. */
static size_t
acl_addr(const struct cfg_line *l, size_t i, uint32_t *addr, unsigned *plen)
{
	uint32_t w;
	unsigned n = 0;

	if (cfg_is(l, i, "any")) {
		*addr = 0, *plen = 0;
		return 1;
	}
	if (cfg_is(l, i, "host") && i + 1 < l->ntok && cfg_addr(l->tok[i + 1], addr) == 0) {
		*plen = 32;
		return 2;
	}
	if (i + 1 >= l->ntok || cfg_addr(l->tok[i], addr) < 0 || cfg_addr(l->tok[i + 1], &w) < 0)
		return 0;
	while (n < 32 && (w & (1u << n)))
		n++; /* the wildcard's low one bits: the host part */
	if (n < 32 && (w >> n) != 0)
		return 0; /* a wildcard with holes: no prefix */
	*plen = 32 - n;
	*addr &= *plen ? 0xffffffffu << (32 - *plen) : 0;
	return 2;
}

/* ---- blocks -------------------------------------------------------------- */

static void
enter(struct cfg_ctx *x, unsigned block, int index)
{
	x->block = block;
	x->index = index;
	x->parent = 0;
	x->opened = 1;
}

static int
open_interface(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	const char *name = l->tok[1];

	if (strncmp(name, "Tunnel", 6) == 0 && name[6]) {
		struct config_tunnel *t = cfg_tunnel(c, name + 6, name, l->no);
		if (!t)
			return -1;
		/* IOS's default tunnel mode is GRE (tunnel mode gre ip); kind
		 * is settled once the tunnel's lines are read (ios_model.c) */
		enter(x, IOS_TUNIF, (int)(t - c->tunnels));
	} else {
		struct config_iface *f = cfg_iface(c, name, l->no);
		if (!f)
			return -1;
		enter(x, IOS_IFACE, (int)(f - c->ifaces));
	}
	return 0;
}

static int
open_row(struct config *c, struct cfg_ctx *x, const struct cfg_line *l, unsigned block,
	 enum ios_tab t, const char *name)
{
	struct ios_row *r = ios_add(x, t, name, l);

	(void)c;
	if (!r)
		return -1;
	enter(x, block, (int)(r - x->t[t].row));
	return 0;
}

/* The sub-modes that define one named row: crypto isakmp policy N,
 * crypto isakmp profile, crypto ipsec profile, crypto ikev2 profile, ip
 * access-list extended, by their second and third words. */
static const struct {
	const char *w1, *w2;
	unsigned block;
	enum ios_tab t;
} named[] = {
	{ "isakmp", "policy", IOS_ISAKMP_POL, T_ISAKMP_POL },
	{ "isakmp", "profile", IOS_ISAKMP_PROF, T_ISAKMP_PROF },
	{ "ipsec", "profile", IOS_IPSEC_PROF, T_IPSEC_PROF },
	{ "ikev2", "profile", IOS_V2_PROF, T_V2_PROF },
	{ "access-list", "extended", IOS_ACL, T_ACL },
};

static int
open_named(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	for (size_t i = 0; i < COUNT(named); i++)
		if (cfg_is(l, 1, named[i].w1) && cfg_is(l, 2, named[i].w2))
			return open_row(c, x, l, named[i].block, named[i].t, l->tok[3]);
	return 0;
}

static int
open_keyring(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	/* the keyring's name is what isakmp profiles name; its keys are rows
	 * of their own (by line): a = the keyring */
	enter(x, IOS_KEYRING, -1);
	cfg_copy(x->keyring, sizeof(x->keyring), l->tok[2]);
	return 0;
}

/* crypto ipsec transform-set NAME esp-aes 128 esp-sha-hmac: the ESP words
 * normalised to one word each (the key size joined to its cipher,
 * "esp-aes-128"), as core/audit_model.c's esp_words table maps them. */
static int
open_tset(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r;
	size_t n = 0;

	if (open_row(c, x, l, IOS_TSET, T_TSET, l->tok[3]) < 0)
		return -1;
	r = cur(x, T_TSET);
	r->esp_text[0] = '\0';
	for (size_t i = 4; i < l->ntok; i++) {
		long bits;
		if (strncmp(l->tok[i], "esp-", 4) != 0 && strncmp(l->tok[i], "ah-", 3) != 0)
			continue;
		n += (size_t)snprintf(r->esp_text + n, n < CONFIG_ESP ? CONFIG_ESP - n : 0, "%s%s",
				      n ? " " : "", l->tok[i]);
		if (i + 1 < l->ntok && cfg_number(l->tok[i + 1], 128, 256, &bits) == 0) {
			n += (size_t)snprintf(r->esp_text + n, n < CONFIG_ESP ? CONFIG_ESP - n : 0,
					      "-%ld", bits);
			i++;
		}
	}
	if (n >= CONFIG_ESP)
		r->esp_text[CONFIG_ESP - 1] = '\0';
	cfg_set(&r->esp, 0, l);
	return 0;
}

/* peer NAME inside crypto ikev2 keyring: a sub-mode of the keyring's */
static int
open_v2_peer(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	char key[CONFIG_NAME];
	struct ios_row *r;

	(void)c;
	snprintf(key, sizeof(key), "%u %.40s", l->no, l->tok[1]);
	if (!(r = ios_add(x, T_V2_PEER, key, l)))
		return -1;
	x->block = IOS_V2_PEER;
	x->parent = IOS_V2_KEYRING;
	x->index = (int)(r - x->t[T_V2_PEER].row);
	x->opened = 1;
	return 0;
}

/* crypto map NAME SEQ ipsec-isakmp [dynamic DMAP]: one entry, keyed
 * "NAME SEQ"; crypto dynamic-map NAME SEQ: a dynamic entry (a = "dynamic") */
static int
open_cmap(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	char key[CONFIG_NAME];
	int dyn = cfg_is(l, 1, "dynamic-map");
	struct ios_row *r;

	snprintf(key, sizeof(key), "%s%.26s %.10s", dyn ? "dynamic " : "", l->tok[2], l->tok[3]);
	if (open_row(c, x, l, IOS_CMAP, T_CMAP, key) < 0)
		return -1;
	r = cur(x, T_CMAP);
	r->line = l->no;
	cfg_copy(r->text, sizeof(r->text), l->text);
	if (dyn)
		cfg_set(&r->dynamic, 1, l);
	else if (cfg_is(l, 5, "dynamic") && l->ntok > 6) {
		cfg_set(&r->dynamic, 2, l); /* a static entry that includes DMAP */
		cfg_copy(r->b, sizeof(r->b), l->tok[6]);
	}
	return 0;
}

/* A sub-mode whose lines are read without a row of their own: an ikev2
 * proposal, policy or keyring, router bgp, and the rest (line, route-map,
 * pki ...), by the command's first words. */
static int
open_plain(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	unsigned b = IOS_OTHER;

	(void)c;
	if (cfg_is(l, 0, "router") && cfg_is(l, 1, "bgp"))
		b = IOS_BGP;
	else if (cfg_is(l, 1, "ikev2"))
		b = cfg_is(l, 2, "keyring") ? IOS_V2_KEYRING : IOS_V2_PROP;
	enter(x, b, b == IOS_BGP ? 0 : -1);
	return 0;
}

/* address-family inside router bgp: its lines are BGP lines too */
static int
address_family(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	(void)l;
	x->parent = IOS_BGP;
	x->opened = 1;
	return 0;
}

/* exit: back to the mode the sub-mode is inside; exit-address-family likewise */
static int
exit_mode(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	(void)l;
	if (x->parent) {
		x->block = x->parent;
		x->parent = 0;
		x->index = x->block == IOS_BGP ? 0 : -1;
	} else {
		x->block = 0;
	}
	x->opened = 1;
	return 0;
}

static int
end_mode(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	(void)l;
	x->block = 0;
	x->parent = 0;
	x->opened = 1;
	return 0;
}

/* ---- interface mode -------------------------------------------------------- */

static int
description(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	if (x->block == IOS_TUNIF)
		cfg_desc(c->tunnels[x->index].desc, CONFIG_DESC, l, 1);
	else if (x->block == IOS_IFACE)
		cfg_desc(c->ifaces[x->index].desc, CONFIG_DESC, l, 1);
	return 0;
}

/* ip mtu N / ipv6 mtu N: no range in our Cisco sources (lines.c) */
static int
ip_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	int v6 = cfg_is(l, 0, "ipv6");

	return cfg_ip_mtu(c, l,
			  x->block == IOS_TUNIF ? (v6 ? &tun(c, x)->mtu6 : &tun(c, x)->mtu)
			  : v6                  ? NULL
						: &c->ifaces[x->index].mtu);
}

/* ip tcp adjust-mss 500-1460 (Cisco IOS XML command reference iap-i2, the
 * calc row's range); ipv6 tcp adjust-mss: no range in our sources. A clamp
 * on another interface is kept there for the crypto maps it carries. */
static int
adjust_mss(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	int v6 = cfg_is(l, 0, "ipv6");
	long v;

	if (cfg_tmpl(l, 3)) {
		if (x->block == IOS_TUNIF)
			cfg_set_tmpl(v6 ? &tun(c, x)->mss6 : &tun(c, x)->mss, l);
		return 0;
	}
	if (cfg_number(l->tok[3], v6 ? 1 : 500, v6 ? 65535 : 1460, &v) < 0)
		return cfg_bad_range(c, l, 4, v6 ? 1 : 500, v6 ? 65535 : 1460);
	if (x->block == IOS_TUNIF)
		cfg_set_mss(tun(c, x), v6, CONFIG_MSS_NUM, v, l);
	else if (!v6) {
		/* the iface's mru slot is free on IOS: the clamp of an interface
		 * that a crypto map is applied to (ios_model.c) */
		cfg_set(&c->ifaces[x->index].mru, v, l);
	}
	return 0;
}

/* ip address A MASK: a tunnel interface's inside subnet; on another
 * interface its primary address (not a secondary one, not dhcp or
 * negotiated), which a crypto map applied there sends IKE from
 * (ios_model.c) */
static int
ip_address(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	uint32_t a;
	unsigned plen;
	size_t used;

	if (cfg_tmpl(l, 2) || !addr_mask(l, 2, &a, &plen, &used))
		return 0;
	if (x->block == IOS_TUNIF)
		cfg_set_prefix(&tun(c, x)->inside, a, plen, l);
	else if (x->block == IOS_IFACE && !cfg_is(l, 2 + used, "secondary"))
		cfg_set_prefix(&c->ifaces[x->index].addr, a, plen, l);
	return 0;
}

/* tunnel source / tunnel destination: the outer addresses, a row per
 * tunnel (keyed by its id; config_tunnel.remote is the inside peer's) */
static struct ios_row *
tunnel_row(struct cfg_ctx *x, struct config *c, const struct cfg_line *l)
{
	return ios_add(x, T_TUN, tun(c, x)->id, l);
}

static int
tunnel_source(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = tunnel_row(x, c, l);
	uint32_t a;

	if (!r)
		return -1;
	cfg_copy(r->a, sizeof(r->a), l->tok[2]);
	if (cfg_addr(l->tok[2], &a) == 0)
		cfg_set_prefix(&r->src, a, 32, l);
	return 0;
}

static int
tunnel_destination(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = tunnel_row(x, c, l);

	if (!r)
		return -1;
	if (cfg_tmpl(l, 2)) {
		cfg_set_prefix(&r->addr, 0, CONFIG_PLEN_OTHER, l);
		r->addr.tmpl = 1;
	} else
		cfg_outer_addr(&r->addr, l->tok[2], l); /* an address or a host name */
	cfg_copy(r->b, sizeof(r->b), l->tok[2]);
	return 0;
}

/* tunnel mode ipsec ipv4 | gre ip | ... (IOS's default: gre ip) */
static int
tunnel_mode(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);
	enum config_tunnel_kind k = CONFIG_TK_OTHER;

	if (cfg_is(l, 2, "ipsec") && (l->ntok < 4 || cfg_is(l, 3, "ipv4")))
		k = CONFIG_TK_IPSEC;
	else if (cfg_is(l, 2, "gre"))
		k = CONFIG_TK_GRE;
	else if (cfg_is(l, 2, "ipip"))
		k = CONFIG_TK_IPIP;
	t->kind = k;
	cfg_set(&t->encap, (long)k, l);
	return 0;
}

static int
tunnel_protection(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = tun(c, x);

	cfg_set(&t->policy, 0, l);
	t->policy.tmpl = cfg_tmpl(l, 4);
	cfg_copy(t->policy_name, sizeof(t->policy_name), l->tok[4]);
	return 0;
}

/* crypto map NAME on an interface: its crypto map entries leave through it */
static int
iface_crypto_map(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	if (x->block == IOS_IFACE)
		cfg_copy(c->ifaces[x->index].carrier, CONFIG_NAME, l->tok[2]);
	return 0;
}

static size_t ios_ifname(const struct cfg_line *l, size_t i, char *out, size_t len);

/* crypto map NAME local-address IF (global): the map's IKE and ESP use
 * IF's address instead of the address of the interface the map is
 * applied to (Cisco IOS Security Command Reference, crypto map
 * local-address; doc/vendor-syntax.md). The last line for a map wins. */
static int
map_local_address(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = ios_add(x, T_MAP_LOCAL, l->tok[2], l);

	(void)c;
	if (!r)
		return -1;
	r->line = l->no;
	cfg_copy(r->text, sizeof(r->text), l->text);
	if (!ios_ifname(l, 4, r->a, sizeof(r->a)))
		cfg_copy(r->a, sizeof(r->a), l->tok[4]);
	return 0;
}

static int
pppoe_client(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	if (x->block == IOS_IFACE)
		cfg_set(&c->ifaces[x->index].pppoe, 1, l);
	return 0;
}

/* "no ip mtu", "no ip tcp adjust-mss": back to the default; the audit's
 * rollback removes lines it added this way. "no crypto map [NAME]" on an
 * interface removes its binding (Azure's ASR sample writes it before the
 * crypto map line, to replace whatever map was there). */
static int
no_setting(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct config_tunnel *t = x->block == IOS_TUNIF ? tun(c, x) : NULL;
	struct config_num *n = NULL;

	if (x->block == IOS_IFACE && cfg_is(l, 1, "crypto") && cfg_is(l, 2, "map")) {
		c->ifaces[x->index].carrier[0] = '\0';
		return 0;
	}

	if (cfg_is(l, 1, "crypto") && cfg_is(l, 2, "isakmp") && cfg_is(l, 3, "keepalive")) {
		memset(&x->keepalive, 0, sizeof(x->keepalive));
		return 0;
	}
	if (cfg_is(l, 1, "crypto") && cfg_is(l, 2, "ipsec") && cfg_is(l, 3, "nat-transparency")) {
		cfg_set(&x->natt_off, 1, l);
		return 0;
	}
	if (cfg_is(l, 1, "ip") && cfg_is(l, 2, "mtu"))
		n = t ? &t->mtu : x->block == IOS_IFACE ? &c->ifaces[x->index].mtu : NULL;
	else if (t && cfg_is(l, 1, "ip") && cfg_is(l, 2, "tcp"))
		n = &t->mss;
	else if (t && cfg_is(l, 1, "ipv6") && cfg_is(l, 2, "mtu"))
		n = &t->mtu6;
	else if (t && cfg_is(l, 1, "ipv6") && cfg_is(l, 2, "tcp"))
		n = &t->mss6;
	if (n)
		memset(n, 0, sizeof(*n));
	return 0;
}

/* ---- crypto -------------------------------------------------------------- */

static int
policy_lifetime(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = cur(x, x->block == IOS_ISAKMP_POL ? T_ISAKMP_POL : T_V2_PROF);
	long v;

	if (!r || cfg_tmpl(l, 1))
		return 0;
	if (cfg_number(l->tok[1], 60, 86400, &v) < 0)
		return cfg_bad_range(c, l, 2, 60, 86400);
	cfg_set(&r->life, v, l);
	return 0;
}

static void
psk_digest(struct config_secret *s, const struct cfg_line *l, size_t i)
{
	memset(s, 0, sizeof(*s));
	s->line = l->no;
	if (i >= l->ntok || cfg_tmpl(l, i))
		s->tmpl = 1;
	else
		config_secret_digest(l->tok[i], strlen(l->tok[i]), s);
}

/* pre-shared-key address A [MASK] key [0|6] K (crypto keyring) */
static int
keyring_psk(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	uint32_t a = 0;
	unsigned plen = 32;
	size_t used = 0, k;
	struct ios_row *r;
	char key[CONFIG_NAME];

	(void)c;
	if (!cfg_tmpl(l, 2) && !addr_mask(l, 2, &a, &plen, &used))
		return cfg_bad(c, l, CONFIG_BAD_ARG, 3, CONFIG_ARG_ADDR);
	k = 2 + (used ? used : 1);
	if (!cfg_is(l, k, "key"))
		return cfg_bad(c, l, CONFIG_BAD_ARG, (unsigned)k + 1, CONFIG_ARG_KEYWORD);
	snprintf(key, sizeof(key), "%u", l->no);
	if (!(r = ios_add(x, T_KEYRING_PSK, key, l)))
		return -1;
	memset(r->text, 0, sizeof(r->text));
	cfg_copy(r->a, sizeof(r->a), x->keyring);
	if (cfg_tmpl(l, 2)) {
		cfg_set_prefix(&r->addr, 0, CONFIG_PLEN_OTHER, l);
		r->addr.tmpl = 1;
	} else
		cfg_set_prefix(&r->addr, a, plen, l);
	/* key 0 K (clear) or key 6 K (type 6, encrypted: not comparable) */
	if (cfg_is(l, k + 1, "6") || cfg_is(l, k + 1, "7")) {
		memset(&r->psk, 0, sizeof(r->psk));
		r->psk.line = l->no;
		r->psk.tmpl = 1;
	} else
		psk_digest(&r->psk, l, k + 1 + cfg_is(l, k + 1, "0"));
	return 0;
}

/* crypto isakmp key [0|6] K address A [MASK] */
static int
isakmp_key(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	size_t k = 3 + (cfg_is(l, 3, "0") || cfg_is(l, 3, "6") || cfg_is(l, 3, "7"));
	uint32_t a = 0;
	unsigned plen = 32;
	size_t used;
	struct ios_row *r;
	char key[CONFIG_NAME];

	if (!cfg_is(l, k + 1, "address"))
		return 0; /* hostname K: by name, not read */
	if (!cfg_tmpl(l, k + 2) && !addr_mask(l, k + 2, &a, &plen, &used))
		return cfg_bad(c, l, CONFIG_BAD_ARG, (unsigned)k + 3, CONFIG_ARG_ADDR);
	snprintf(key, sizeof(key), "%u", l->no);
	if (!(r = ios_add(x, T_ISAKMP_KEY, key, l)))
		return -1;
	memset(r->text, 0, sizeof(r->text));
	cfg_set_prefix(&r->addr, a, plen, l);
	r->addr.tmpl = cfg_tmpl(l, k + 2);
	if (k == 4 && !cfg_is(l, 3, "0")) {
		r->psk.line = l->no;
		r->psk.tmpl = 1;
	} else
		psk_digest(&r->psk, l, k);
	return 0;
}

/* match identity address A [MASK] (isakmp profile); match identity remote
 * address A [MASK] (ikev2 profile) */
static int
match_identity(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = cur(x, x->block == IOS_ISAKMP_PROF ? T_ISAKMP_PROF : T_V2_PROF);
	size_t i = x->block == IOS_ISAKMP_PROF ? 3 : 4, used;
	uint32_t a;
	unsigned plen;

	if (!r || r->addr.line)
		return 0; /* the first match line is the one compared */
	if (cfg_tmpl(l, i)) {
		cfg_set_prefix(&r->addr, 0, CONFIG_PLEN_OTHER, l);
		r->addr.tmpl = 1;
		return 0;
	}
	if (!addr_mask(l, i, &a, &plen, &used))
		return cfg_bad(c, l, CONFIG_BAD_ARG, (unsigned)i + 1, CONFIG_ARG_ADDR);
	cfg_set_prefix(&r->addr, a, plen, l);
	return 0;
}

static int
profile_keyring(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = cur(x, x->block == IOS_ISAKMP_PROF ? T_ISAKMP_PROF : T_V2_PROF);

	(void)c;
	if (r)
		cfg_copy(r->a, sizeof(r->a), l->tok[l->ntok - 1]);
	return 0;
}

/* keepalive S retry R (isakmp profile): DPD for this profile's peers, in
 * the global mode (periodic or on-demand) */
static int
profile_keepalive(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = cur(x, T_ISAKMP_PROF);
	long s, rt = 0;

	if (!r)
		return 0;
	if (cfg_number(l->tok[1], 10, 3600, &s) < 0)
		return cfg_bad_range(c, l, 2, 10, 3600);
	if (cfg_is(l, 2, "retry") && l->ntok > 3 && cfg_number(l->tok[3], 2, 60, &rt) < 0)
		return cfg_bad_range(c, l, 4, 2, 60);
	cfg_set(&r->dpd, s, l);
	r->dpd_retry = rt;
	r->dpd_mode = 0;
	return 0;
}

/* The DPD mode word: periodic, on-demand, or none (-1: not a mode). */
static int
dpd_mode(const struct cfg_line *l, size_t i, int dflt)
{
	if (i >= l->ntok)
		return dflt;
	if (cfg_is(l, i, "periodic"))
		return CONFIG_LIVE_ON;
	if (cfg_is(l, i, "on-demand"))
		return CONFIG_LIVE_ON_DEMAND;
	return -1;
}

/* crypto isakmp keepalive S [R] [periodic|on-demand]: S 10-3600, R 2-60
 * (Cisco's IPsec Dead Peer Detection Periodic Message Option guide; the
 * mode defaults to on-demand) */
static int
isakmp_keepalive(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	long s, rt = 0;
	size_t m = 4;
	int mode;

	if (cfg_tmpl(l, 3)) {
		cfg_set_tmpl(&x->keepalive, l);
		return 0;
	}
	if (cfg_number(l->tok[3], 10, 3600, &s) < 0)
		return cfg_bad_range(c, l, 4, 10, 3600);
	if (l->ntok > 4 && cfg_number(l->tok[4], 0, 100000, &rt) == 0) {
		if (rt < 2 || rt > 60)
			return cfg_bad_range(c, l, 5, 2, 60);
		m = 5;
	}
	if ((mode = dpd_mode(l, m, CONFIG_LIVE_ON_DEMAND)) < 0)
		return cfg_bad(c, l, CONFIG_BAD_ARG, (unsigned)m + 1, CONFIG_ARG_KEYWORD);
	cfg_set(&x->keepalive, s, l);
	x->ka_retry = rt;
	x->ka_mode = mode;
	return 0;
}

/* dpd I R on-demand|periodic (ikev2 profile), crypto ikev2 dpd I R MODE
 * (global): the mode word is required (CiscoDevNet's IOS-XE model:
 * dpd_interval, dpd_retry, dpd_query) */
static int
v2_dpd(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	size_t i = cfg_is(l, 0, "crypto") ? 3 : 1;
	struct ios_row *r = i == 1 ? cur(x, T_V2_PROF) : NULL;
	long iv, rt;
	int mode;

	if (cfg_tmpl(l, i)) {
		cfg_set_tmpl(r ? &r->dpd : &x->v2_dpd, l);
		return 0;
	}
	if (cfg_number(l->tok[i], 10, 3600, &iv) < 0)
		return cfg_bad_range(c, l, (unsigned)i + 1, 10, 3600);
	if (cfg_number(l->tok[i + 1], 2, 60, &rt) < 0)
		return cfg_bad_range(c, l, (unsigned)i + 2, 2, 60);
	if ((mode = dpd_mode(l, i + 2, -1)) < 0)
		return cfg_bad(c, l, i + 2 < l->ntok ? CONFIG_BAD_ARG : CONFIG_BAD_MISSING,
			       (unsigned)i + 3, CONFIG_ARG_KEYWORD);
	if (r) {
		cfg_set(&r->dpd, iv, l);
		r->dpd_retry = rt;
		r->dpd_mode = mode;
	} else {
		cfg_set(&x->v2_dpd, iv, l);
		x->v2_retry = rt;
		x->v2_mode = mode;
	}
	return 0;
}

static int
v2_peer_address(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = cur(x, T_V2_PEER);
	uint32_t a;
	unsigned plen;
	size_t used;

	if (!r)
		return 0;
	if (cfg_tmpl(l, 1)) {
		cfg_set_prefix(&r->addr, 0, CONFIG_PLEN_OTHER, l);
		r->addr.tmpl = 1;
	} else if (addr_mask(l, 1, &a, &plen, &used))
		cfg_set_prefix(&r->addr, a, plen, l);
	else
		return cfg_bad(c, l, CONFIG_BAD_ARG, 2, CONFIG_ARG_ADDR);
	return 0;
}

/* pre-shared-key [local|remote] [0|6] K (ikev2 keyring peer) */
static int
v2_peer_psk(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = cur(x, T_V2_PEER);
	size_t i = 1;

	(void)c;
	if (!r)
		return 0;
	if (cfg_is(l, 1, "remote"))
		return 0; /* the key the peer uses: not this end's */
	i += cfg_is(l, i, "local");
	if (cfg_is(l, i, "6") || cfg_is(l, i, "7")) {
		memset(&r->psk, 0, sizeof(r->psk));
		r->psk.line = l->no;
		r->psk.tmpl = 1;
		return 0;
	}
	psk_digest(&r->psk, l, i + cfg_is(l, i, "0"));
	return 0;
}

/* The crypto map entry or ipsec profile a set line belongs to. */
static struct ios_row *
entry(struct cfg_ctx *x)
{
	return cur(x, x->block == IOS_CMAP ? T_CMAP : T_IPSEC_PROF);
}

static int
set_transform_set(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = entry(x);

	(void)c;
	if (r)
		cfg_copy(r->a, sizeof(r->a), l->tok[2]);
	return 0;
}

static int
set_v2_profile(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = entry(x);

	(void)c;
	if (r)
		snprintf(r->b, sizeof(r->b), "v2 %.40s", l->tok[2]); /* b: "v2 NAME" or "v1 NAME" */
	return 0;
}

static int
set_isakmp_profile(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = entry(x);

	(void)c;
	if (r)
		snprintf(r->b, sizeof(r->b), "v1 %.40s", l->tok[2]);
	return 0;
}

static int
set_lifetime(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = entry(x);
	long v;

	if (!r || !cfg_is(l, 3, "seconds") || cfg_tmpl(l, 4))
		return 0;
	if (cfg_number(l->tok[4], 120, 86400, &v) < 0)
		return cfg_bad_range(c, l, 5, 120, 86400);
	cfg_set(&r->life, v, l);
	return 0;
}

static int
set_peer(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = cur(x, T_CMAP);
	uint32_t a;

	if (!r || r->addr.line)
		return 0; /* the first peer; the others are backups */
	if (cfg_tmpl(l, 2)) {
		cfg_set_prefix(&r->addr, 0, CONFIG_PLEN_OTHER, l);
		r->addr.tmpl = 1;
	} else if (cfg_addr(l->tok[2], &a) == 0)
		cfg_set_prefix(&r->addr, a, 32, l);
	else
		cfg_set_prefix(&r->addr, 0, CONFIG_PLEN_OTHER, l);
	(void)c;
	return 0;
}

static int
match_address(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = cur(x, T_CMAP);

	(void)c;
	if (r)
		cfg_copy(r->c, sizeof(r->c), l->tok[2]);
	return 0;
}

static int
df_bit(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	/* RTX's encoding of the same setting: 0 copy, 1 set, 2 clear */
	cfg_set(&x->df, cfg_is(l, 3, "clear") ? 2 : cfg_is(l, 3, "set") ? 1 : 0, l);
	return 0;
}

/* [SEQ] permit PROTO SRC DST ... (an extended ACL line, named or numbered):
 * the widest permit line is the selector pair */
static int
acl_line(struct config *c, struct cfg_ctx *x, const struct cfg_line *l, struct ios_row *r, size_t i)
{
	uint32_t s, d;
	unsigned sl, dl;
	size_t n;

	(void)c;
	if (!r || !cfg_is(l, i, "permit"))
		return 0;
	i += 2; /* permit PROTO */
	if (cfg_tmpl(l, i)) {
		cfg_set_prefix(&r->src, 0, 0, l);
		r->src.tmpl = r->dst.tmpl = 1;
		r->dst = r->src;
		r->acl_set = 1;
		return 0;
	}
	if (!(n = acl_addr(l, i, &s, &sl)) || !acl_addr(l, i + n, &d, &dl))
		return 0; /* an object-group or a form not read */
	if (!r->acl_set || sl + dl < r->src.plen + r->dst.plen) {
		cfg_set_prefix(&r->src, s, sl, l);
		cfg_set_prefix(&r->dst, d, dl, l);
		r->acl_set = 1;
	}
	(void)x;
	return 0;
}

static int
acl_entry(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	return acl_line(c, x, l, cur(x, T_ACL), 0);
}

/* access-list N permit ip SRC WILD DST WILD (numbered, global) */
static int
numbered_acl(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ios_row *r = ios_add(x, T_ACL, l->tok[1], l);

	if (!r)
		return -1;
	return acl_line(c, x, l, r, 2);
}

static int
bgp_neighbor(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)x;
	return cfg_bgp_neighbor(c, l);
}

#define IF (IOS_IFACE | IOS_TUNIF)
#define TI IOS_TUNIF
#define KR IOS_KEYRING
#define IP IOS_ISAKMP_PROF
#define PR IOS_IPSEC_PROF
#define V2 IOS_V2_PROF
#define CM IOS_CMAP
#define BG IOS_BGP
#define OT IOS_OTHER
#define SETS (IOS_IPSEC_PROF | IOS_CMAP)
/* The grammar: the commands of published IOS configurations (AWS's IOS
 * sample, Cisco's configuration guides quoted in doc/config-grammar.md);
 * fn NULL: a command the audit does not need. A first word not listed is
 * reported as no IOS command known to mtuprobe. Rows with a scope are tried
 * in that sub-mode; rows without one are global commands, which also end a
 * sub-mode (cfg_dispatch below). */
/* clang-format off */
static const struct cfg_cmd ios_cmds[] = {
	/* sub-modes */
	{ "interface *", 0, open_interface },
	{ "crypto isakmp policy #", 0, open_named },
	{ "crypto keyring *", 0, open_keyring },
	{ "crypto isakmp profile *", 0, open_named },
	{ "crypto ipsec transform-set * *", 0, open_tset },
	{ "crypto ipsec profile *", 0, open_named },
	{ "crypto ikev2 proposal *", 0, open_plain },
	{ "crypto ikev2 policy *", 0, open_plain },
	{ "crypto ikev2 keyring *", 0, open_plain },
	{ "crypto ikev2 profile *", 0, open_named },
	{ "crypto map * # ipsec-isakmp", 0, open_cmap },
	{ "crypto dynamic-map * #", 0, open_cmap },
	{ "ip access-list extended *", 0, open_named },
	{ "ip access-list standard *", 0, open_plain },
	{ "router bgp *", 0, open_plain },
	{ "router *", 0, open_plain },
	{ "line *", 0, open_plain },
	{ "route-map *", 0, open_plain },
	{ "class-map *", 0, open_plain },
	{ "policy-map *", 0, open_plain },
	{ "control-plane", 0, open_plain },
	{ "redundancy", 0, open_plain },
	{ "crypto pki trustpoint *", 0, open_plain },
	{ "crypto pki certificate chain *", 0, open_plain },
	{ "ip sla #", 0, open_plain },
	{ "track *", 0, open_plain },
	{ "key chain *", 0, open_plain },
	{ "vrf definition *", 0, open_plain },
	{ "ip vrf *", 0, open_plain },
	{ "object-group *", 0, open_plain },
	{ "exit", 0, exit_mode },
	{ "exit-address-family", BG, exit_mode },
	{ "end", 0, end_mode },
	/* interface mode */
	{ "ip mtu *", IF, ip_mtu },
	{ "ipv6 mtu *", IF, ip_mtu },
	{ "ip tcp adjust-mss *", IF, adjust_mss },
	{ "ipv6 tcp adjust-mss *", IF, adjust_mss },
	{ "ip address *", IF, ip_address },
	/* global, before the interface row that would take it there */
	{ "crypto map * local-address *", 0, map_local_address },
	{ "crypto map *", IOS_IFACE, iface_crypto_map },
	{ "tunnel source *", TI, tunnel_source },
	{ "tunnel destination *", TI, tunnel_destination },
	{ "tunnel mode *", TI, tunnel_mode },
	{ "tunnel protection ipsec profile *", TI, tunnel_protection },
	{ "tunnel *", TI, NULL },
	{ "pppoe-client *", IOS_IFACE, pppoe_client },
	{ "pppoe *", IOS_IFACE, NULL },
	{ "no ip mtu", IF, no_setting },
	{ "no ip tcp adjust-mss", IF, no_setting },
	{ "no ipv6 mtu", IF, no_setting },
	{ "no ipv6 tcp adjust-mss", IF, no_setting },
	/* the "no" form of an interface command is an interface command: it
	 * must not fall to the global "no crypto *" / "no ip *" rows below,
	 * which leave the sub-mode (no ip redirects, no cdp enable) */
	{ "no crypto map", IF, no_setting },
	{ "no crypto map *", IF, no_setting },
	{ "no ip *", IF, NULL },
	{ "no ipv6 *", IF, NULL },
	{ "no cdp *", IF, NULL },
	{ "no shutdown", IF, NULL },
	{ "shutdown", IF, NULL },
	{ "description *", IF, description },
	{ "description *", 0, NULL },
	{ "ip *", IF, NULL },
	{ "ipv6 *", IF, NULL },
	{ "mtu *", IF, NULL },
	{ "negotiation *", IF, NULL },
	{ "speed *", IF, NULL },
	{ "duplex *", IF, NULL },
	{ "media-type *", IF, NULL },
	{ "bandwidth *", IF, NULL },
	{ "load-interval *", IF, NULL },
	{ "keepalive *", IF, NULL },
	{ "encapsulation *", IF, NULL },
	{ "dialer *", IF, NULL },
	{ "ppp *", IF, NULL },
	{ "service-policy *", IF, NULL },
	{ "zone-member *", IF, NULL },
	{ "cdp *", IF, NULL },
	{ "standby *", IF, NULL },
	{ "vrrp *", IF, NULL },
	{ "switchport *", IF, NULL },
	{ "vrf forwarding *", IF, NULL },
	{ "no *", IF, NULL },
	/* crypto isakmp policy */
	{ "encryption *", IOS_ISAKMP_POL | IOS_V2_PROP, NULL },
	{ "hash *", IOS_ISAKMP_POL, NULL },
	{ "authentication *", IOS_ISAKMP_POL | V2, NULL },
	{ "group *", IOS_ISAKMP_POL | IOS_V2_PROP, NULL },
	{ "lifetime *", IOS_ISAKMP_POL | V2, policy_lifetime },
	/* crypto keyring */
	{ "pre-shared-key address *", KR, keyring_psk },
	{ "pre-shared-key *", KR, NULL },
	{ "local-address *", KR | IP, NULL },
	{ "vrf *", KR | IP, NULL },
	/* crypto isakmp profile */
	{ "match identity address *", IP, match_identity },
	{ "match identity remote address *", V2, match_identity },
	{ "match *", IP | V2 | IOS_V2_PROP | OT, NULL },
	{ "keyring local *", V2, profile_keyring },
	{ "keyring *", IP | V2, profile_keyring },
	{ "keepalive # retry #", IP, profile_keepalive },
	{ "keepalive #", IP, profile_keepalive },
	{ "self-identity *", IP, NULL },
	{ "initiate *", IP, NULL },
	{ "isakmp *", IP, NULL },
	/* crypto ipsec transform-set */
	{ "mode *", IOS_TSET, NULL },
	/* crypto ipsec profile, crypto map */
	{ "set transform-set *", SETS, set_transform_set },
	{ "set ikev2-profile *", SETS, set_v2_profile },
	{ "set isakmp-profile *", SETS, set_isakmp_profile },
	{ "set security-association lifetime *", SETS, set_lifetime },
	{ "set security-association *", SETS, NULL },
	{ "set pfs *", SETS, NULL },
	{ "set pfs", SETS, NULL },
	{ "set peer *", CM, set_peer },
	/* match address local A|interface X: the local address an ikev2
	 * profile or policy applies to (IOS-XE's ikev2 profile and policy
	 * sub-modes; Azure's ISR route-based sample and kaysalawu's branch
	 * NVA write it), not a crypto map's ACL */
	{ "match address local *", V2 | IOS_V2_PROP, NULL },
	{ "match address *", CM, match_address },
	{ "set *", SETS | OT, NULL },
	{ "reverse-route *", CM, NULL },
	{ "reverse-route", CM, NULL },
	/* crypto ikev2 proposal, policy, keyring, profile */
	{ "integrity *", IOS_V2_PROP, NULL },
	{ "prf *", IOS_V2_PROP, NULL },
	{ "proposal *", IOS_V2_PROP, NULL },
	{ "peer *", IOS_V2_KEYRING | IOS_V2_PEER, open_v2_peer },
	{ "address *", IOS_V2_PEER, v2_peer_address },
	{ "pre-shared-key *", IOS_V2_PEER, v2_peer_psk },
	{ "identity *", IOS_V2_PEER | V2, NULL },
	{ "hostname *", IOS_V2_PEER, NULL },
	{ "dpd * * *", V2, v2_dpd },
	{ "nat *", V2, NULL },
	{ "ivrf *", V2, NULL },
	{ "config-exchange *", V2, NULL },
	{ "description *", KR | IP | V2 | IOS_V2_PEER | PR | CM | IOS_TSET, NULL },
	/* ip access-list extended */
	{ "permit *", IOS_ACL, acl_entry },
	{ "deny *", IOS_ACL, NULL },
	{ "remark *", IOS_ACL, NULL },
	/* router bgp */
	{ "neighbor * remote-as *", BG, bgp_neighbor },
	{ "neighbor * peer-group *", BG, bgp_neighbor },
	{ "neighbor * peer-group", BG, bgp_neighbor },
	{ "neighbor *", BG, NULL },
	{ "bgp *", BG, NULL },
	{ "network *", BG | OT, NULL },
	{ "redistribute *", BG | OT, NULL },
	{ "address-family *", BG, address_family },
	{ "timers *", BG, NULL },
	{ "maximum-paths *", BG | OT, NULL },
	{ "default-information *", BG | OT, NULL },
	{ "synchronization", BG, NULL },
	{ "auto-summary", BG, NULL },
	{ "no *", BG | OT | IOS_V2_PROF | IP | KR | CM | PR, NULL },
	/* line, router ospf, route-map, class-map, pki ...: lines of their own */
	{ "login *", OT, NULL },
	{ "login", OT, NULL },
	{ "password *", OT, NULL },
	{ "transport *", OT, NULL },
	{ "exec-timeout *", OT, NULL },
	{ "logging *", OT, NULL },
	{ "privilege *", OT, NULL },
	{ "stopbits *", OT, NULL },
	{ "access-class *", OT, NULL },
	{ "session-timeout *", OT, NULL },
	{ "passive-interface *", OT, NULL },
	{ "router-id *", OT, NULL },
	{ "class *", OT, NULL },
	{ "police *", OT, NULL },
	{ "shape *", OT, NULL },
	{ "enrollment *", OT, NULL },
	{ "revocation-check *", OT, NULL },
	{ "rsakeypair *", OT, NULL },
	{ "subject-name *", OT, NULL },
	{ "certificate *", OT, NULL },
	{ "quit", OT, NULL },
	{ "icmp-echo *", OT, NULL },
	{ "frequency *", OT, NULL },
	{ "timeout *", OT, NULL },
	{ "threshold *", OT, NULL },
	{ "delay *", OT, NULL },
	{ "rd *", OT, NULL },
	{ "route-target *", OT, NULL },
	{ "address-family *", OT, NULL },
	{ "exit-address-family", OT, NULL },
	{ "permit *", OT, NULL },
	{ "deny *", OT, NULL },
	{ "remark *", OT, NULL },
	{ "key *", OT, NULL },
	{ "key-string *", OT, NULL },
	{ "host *", OT, NULL },
	/* global */
	{ "crypto isakmp keepalive *", 0, isakmp_keepalive },
	{ "crypto isakmp key *", 0, isakmp_key },
	{ "crypto isakmp *", 0, NULL },
	{ "crypto ikev2 dpd * * *", 0, v2_dpd },
	{ "crypto ikev2 *", 0, NULL },
	{ "crypto ipsec df-bit *", 0, df_bit },
	{ "crypto ipsec *", 0, NULL },
	{ "crypto map *", 0, NULL },
	{ "crypto pki *", 0, NULL },
	{ "crypto key *", 0, NULL },
	{ "crypto *", 0, NULL },
	{ "no crypto isakmp keepalive", 0, no_setting },
	{ "no crypto ipsec nat-transparency *", 0, no_setting },
	{ "access-list # permit *", 0, numbered_acl },
	{ "access-list *", 0, NULL },
	{ "ip route *", 0, NULL },
	{ "ip access-list *", 0, NULL },
	{ "ip prefix-list *", 0, NULL },
	{ "ip domain-name *", 0, NULL },
	{ "ip domain *", 0, NULL },
	{ "ip name-server *", 0, NULL },
	{ "ip cef", 0, NULL },
	{ "ip ssh *", 0, NULL },
	{ "ip http *", 0, NULL },
	{ "ip nat *", 0, NULL },
	{ "ip dhcp *", 0, NULL },
	{ "ip host *", 0, NULL },
	{ "ip forward-protocol *", 0, NULL },
	{ "ip bgp-community *", 0, NULL },
	{ "ip community-list *", 0, NULL },
	{ "ip as-path *", 0, NULL },
	{ "ip scp *", 0, NULL },
	{ "ip tftp *", 0, NULL },
	{ "ip *", 0, NULL },
	{ "ipv6 route *", 0, NULL },
	{ "ipv6 unicast-routing", 0, NULL },
	{ "ipv6 *", 0, NULL },
	{ "version *", 0, NULL },
	{ "service *", 0, NULL },
	{ "no service *", 0, NULL },
	{ "hostname *", 0, NULL },
	{ "boot-start-marker", 0, NULL },
	{ "boot-end-marker", 0, NULL },
	{ "boot *", 0, NULL },
	{ "enable *", 0, NULL },
	{ "username *", 0, NULL },
	{ "aaa *", 0, NULL },
	{ "no aaa *", 0, NULL },
	{ "clock *", 0, NULL },
	{ "logging *", 0, NULL },
	{ "no logging *", 0, NULL },
	{ "snmp-server *", 0, NULL },
	{ "ntp *", 0, NULL },
	{ "license *", 0, NULL },
	{ "memory-size *", 0, NULL },
	{ "multilink *", 0, NULL },
	{ "spanning-tree *", 0, NULL },
	{ "vtp *", 0, NULL },
	{ "archive", 0, open_plain },
	{ "platform *", 0, NULL },
	{ "diagnostic *", 0, NULL },
	{ "subscriber *", 0, NULL },
	{ "cdp *", 0, NULL },
	{ "no cdp *", 0, NULL },
	{ "vpdn *", 0, NULL },
	{ "login *", 0, NULL },
	{ "security *", 0, NULL },
	{ "call-home", 0, open_plain },
	{ "no ip *", 0, NULL },
	{ "no ipv6 *", 0, NULL },
	{ "no crypto *", 0, NULL },
	{ "no *", 0, NULL },
	{ "configure terminal", 0, NULL },
	{ "write *", 0, NULL },
	{ "copy running-config startup-config", 0, NULL },
};
/* clang-format on */
#undef IF
#undef TI
#undef KR
#undef IP
#undef PR
#undef V2
#undef CM
#undef BG
#undef OT
#undef SETS

static const struct cfg_grammar ios_grammar = { ios_cmds, COUNT(ios_cmds), ios_scopes,
						COUNT(ios_scopes) };

/* banner motd ^C ... ^C: the text between the delimiters is the banner's,
 * whatever it says (running-config prints the delimiter as "^C"). */
static int
banner_open(const struct cfg_line *l, char *delim, size_t len)
{
	const char *t, *rest;
	size_t dl;

	if (!cfg_is(l, 0, "banner") || l->ntok < 3)
		return 0;
	t = strstr(l->text, l->tok[2]);
	dl = strncmp(l->tok[2], "^C", 2) == 0 ? 2 : 1;
	if (dl >= len)
		return 0;
	memcpy(delim, l->tok[2], dl);
	delim[dl] = '\0';
	rest = t ? t + dl : "";
	return strstr(rest, delim) == NULL; /* closed on the same line: nothing more */
}

/* ---- abbreviations ------------------------------------------------------- */

/* IOS takes any unique prefix of a command word ("Understanding Abbreviated
 * Commands", Cisco IOS configuration fundamentals; int, conf t) and
 * interface names in any case, with or without a space before the number
 * ("int tunnel 1" in Azure's ISR route-based sample is interface Tunnel1).
 * Our grammar is not IOS's whole command set, so a prefix unique in it may
 * not be unique in IOS: only the short forms that published hand-written
 * configurations use are expanded, each to the word IOS takes it for. */
static const struct {
	size_t at;         /* the word's position */
	const char *after; /* the word before it, or NULL */
	const char *word, *full;
} ios_abbrev[] = {
	{ 0, NULL, "int", "interface" },  { 0, NULL, "desc", "description" },
	{ 0, NULL, "shut", "shutdown" },  { 1, "no", "shut", "shutdown" },
	{ 0, NULL, "conf", "configure" }, { 1, "configure", "t", "terminal" },
	{ 0, NULL, "wr", "write" },       { 1, "ip", "add", "address" },
};

/* Interface types as running-config spells them, and the shortest prefix
 * of each that IOS users write (gi0/0, tu1, lo0); a name is matched case
 * blind on its letters. */
static const struct {
	const char *type;
	size_t min; /* the shortest prefix taken */
} ios_iftypes[] = {
	{ "Tunnel", 2 },       { "GigabitEthernet", 2 },  { "TenGigabitEthernet", 2 },
	{ "FastEthernet", 2 }, { "Ethernet", 1 },         { "Loopback", 2 },
	{ "Dialer", 2 },       { "Serial", 2 },           { "Port-channel", 2 },
	{ "Vlan", 2 },         { "Virtual-Template", 2 }, { "Cellular", 2 },
};

/* NAME [N]: the interface name running-config would print ("tunnel 1",
 * "tunnel1", "gi0/0" -> Tunnel1, Tunnel1, GigabitEthernet0/0) into out;
 * the words it took (0: not an interface type we know, left as written). */
static size_t
ios_ifname(const struct cfg_line *l, size_t i, char *out, size_t len)
{
	const char *w = i < l->ntok ? l->tok[i] : "";
	size_t n = strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-"), used = 1;
	const char *rest = w + n;

	if (!n)
		return 0;
	if (!*rest && i + 1 < l->ntok && l->tok[i + 1][0] >= '0' && l->tok[i + 1][0] <= '9') {
		rest = l->tok[i + 1]; /* "tunnel 1": the number is the next word */
		used = 2;
	}
	if (!*rest || rest[0] < '0' || rest[0] > '9')
		return 0;
	for (size_t k = 0; k < COUNT(ios_iftypes); k++)
		if (n >= ios_iftypes[k].min && n <= strlen(ios_iftypes[k].type) &&
		    strncasecmp(w, ios_iftypes[k].type, n) == 0) {
			snprintf(out, len, "%s%s", ios_iftypes[k].type, rest);
			return used;
		}
	return 0;
}

/* The line's words as IOS reads them: abbreviations expanded, the
 * interface name of "interface NAME" as running-config prints it. The
 * line's text stays as written (findings quote it). */
static void
ios_expand(struct cfg_line *l, char names[3][CONFIG_NAME])
{
	size_t used;

	for (size_t k = 0; k < COUNT(ios_abbrev); k++) {
		size_t at = ios_abbrev[k].at;
		if (at < l->ntok && strcmp(l->tok[at], ios_abbrev[k].word) == 0 &&
		    (!ios_abbrev[k].after ||
		     (at > 0 && strcmp(l->tok[at - 1], ios_abbrev[k].after) == 0))) {
			cfg_copy(names[1 + at], CONFIG_NAME, ios_abbrev[k].full);
			l->tok[at] = names[1 + at]; /* conf t: both words, in table order */
		}
	}
	if (l->ntok < 2 || strcmp(l->tok[0], "interface") != 0 ||
	    !(used = ios_ifname(l, 1, names[0], CONFIG_NAME)))
		return;
	l->tok[1] = names[0];
	if (used == 2) {
		memmove(&l->tok[2], &l->tok[3], (l->ntok - 3) * sizeof(l->tok[0]));
		l->ntok--;
	}
}

static void
free_tables(struct cfg_ctx *x)
{
	for (size_t i = 0; i < T_NTABS; i++)
		free(x->t[i].row);
}

int
config_parse_ios(const char *buf, size_t len, struct config *c)
{
	struct cfg_reader r = { buf, len, 0, 0, "!" };
	struct cfg_line l;
	struct cfg_ctx *x = calloc(1, sizeof(*x));
	char delim[4] = "";
	char names[3][CONFIG_NAME]; /* ios_expand: the interface name, words 1 and 2 */
	int in_banner = 0;
	long seq;

	if (!x)
		return -1;
	x->cfg = c;
	x->index = -1;
	while (!c->nomem && cfg_next(&r, &l)) {
		const struct cfg_cmd *cmd;
		if (in_banner) {
			cfg_unread(c, l.no);
			in_banner = strstr(l.text, delim) == NULL;
			continue;
		}
		if (l.comment) {
			/* a bare '!' in column 0 separates top-level blocks in
			 * show running-config; an indented one is a comment
			 * inside the mode, where IOS-XE prints it between a
			 * router bgp's neighbours and its address-family and
			 * between an ikev2 keyring's peers (Google's ASR
			 * configuration, doc/config-grammar.md (h)) */
			if (strcmp(l.text, "!") == 0 && !l.indented)
				x->block = x->parent = 0;
			c->comments += l.text[0] != '\0';
			continue;
		}
		if (banner_open(&l, delim, sizeof(delim))) {
			cfg_unread(c, l.no);
			x->block = x->parent = 0;
			in_banner = 1;
			continue;
		}
		/* "10 permit ip ...": an ACL entry's sequence number (show
		 * running-config prints none, show access-lists and pasted files
		 * may); the grammar's words follow it */
		if (x->block == IOS_ACL && l.ntok > 1 &&
		    cfg_number(l.tok[0], 1, 2147483647L, &seq) == 0) {
			memmove(&l.tok[0], &l.tok[1], (l.ntok - 1) * sizeof(l.tok[0]));
			l.ntok--;
		}
		ios_expand(&l, names);
		x->opened = 0;
		cmd = cfg_dispatch(c, x, &ios_grammar, &l, x->block ? x->block : 0);
		/* a global command (no scope) leaves the sub-mode, unless it
		 * opened one of its own; "description" reads in either */
		if (cmd && !cmd->scope && !x->opened && cmd->fn != description)
			x->block = x->parent = 0;
	}
	c->lines = r.no;
	ios_model(c, x);
	free_tables(x);
	free(x);
	return c->nomem ? -1 : 0;
}
