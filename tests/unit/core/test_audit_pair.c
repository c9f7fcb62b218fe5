/* SPDX-License-Identifier: BSD-2-Clause */
/* Two routers' pairing alone (core/audit_pair.c): models built by hand, no
 * parser. Both ends are swanctl routers that start IKE and restart after
 * DPD, so that only the addresses decide; each row gives each end's
 * tunnels (IKE remote and local address, inside address) and what the
 * pairing must make of them, from the rules in mtuprobe(1) "Two routers"
 * (both ways, one way when an end writes no local address, never against
 * a contradicting one; the IKE identities only where no address is known;
 * a hub's other sites are no fault). Addresses are
 * RFC 5737's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/count.h"
#include "core/audit_pair.h"
#include "core/audit_peer_int.h" /* audit_peer_noinit(): both pairings read it */

#define X 0xcb007101u  /* 203.0.113.1: A's address */
#define Y 0xc6336432u  /* 198.51.100.50: B's address */
#define Z 0xc000020au  /* 192.0.2.10: a third site */
#define W 0xc0000214u  /* 192.0.2.20: a fourth */
#define IN 0xa9fe0900u /* 169.254.9.0/30 */
#define MAXT 2

struct end {
	size_t n;
	struct {
		uint32_t remote, local, inside; /* 0: not written */
		int start;                      /* start_action = start (1) or none (0) */
		const char *lid, *rid;          /* IKE identities, NULL: not written */
	} t[MAXT];
};

struct row {
	const char *name;
	struct end a, b;
	const char *pairs; /* "0-0:by,..." (by: the enum's number), "" none */
	const char *want;  /* finding ids@A-line/B-line in order, "" none */
	int undecided;     /* nothing could pair: the note, no finding */
};

#define S(r, l) \
	{ \
		r, l, 0, 1, NULL, NULL \
	}
/* clang-format off */
static const struct row rows[] = {
	{ "each one's remote is the other's local", { 1, { S(Y, X) } }, { 1, { S(X, Y) } }, "0-0:1", "", 0 },
	{ "one end writes no local address: one way", { 1, { S(Y, X) } }, { 1, { S(X, 0) } }, "0-0:2", "", 0 },
	/* both behind NAT (or IX IKEv1): nothing says they are not each
	 * other's, nothing says they are */
	{ "neither writes one: undecided, a note", { 1, { S(Y, 0) } }, { 1, { S(X, 0) } }, "", "", 1 },
	{ "one writes one that the other's remote misses", { 1, { S(Y, 0) } }, { 1, { S(W, Z) } }, "",
	  "peer-address-mismatch@12/0,peer-address-mismatch@0/12", 0 },
	{ "a local address that contradicts: stale", { 1, { S(Y, X) } }, { 1, { S(W, Y) } }, "",
	  "peer-address-mismatch@12/12", 0 },
	{ "nothing in common", { 1, { S(Z, X) } }, { 1, { S(W, Y) } }, "",
	  "peer-address-mismatch@12/0,peer-address-mismatch@0/12", 0 },
	{ "no outside address: inside subnet", { 1, { { 0, 0, IN | 1, 1, NULL, NULL } } }, { 1, { { 0, 0, IN | 2, 1, NULL, NULL } } },
	  "0-0:3", "", 0 },
	{ "the same inside address is no pair", { 1, { { 0, 0, IN | 1, 1, NULL, NULL } } }, { 1, { { 0, 0, IN | 1, 1, NULL, NULL } } },
	  "", "peer-address-mismatch@10/0,peer-address-mismatch@0/10", 0 },
	{ "a hub: its other site is no fault", { 2, { S(Z, X), S(Y, X) } }, { 1, { S(X, Y) } }, "1-0:1", "", 0 },
	{ "both only load the child: nobody initiates", { 1, { { Y, X, 0, 0, NULL, NULL } } }, { 1, { { X, Y, 0, 0, NULL, NULL } } },
	  "0-0:1", "nobody-initiates@16/16", 0 },
	{ "one end initiates: enough", { 1, { { Y, X, 0, 1, NULL, NULL } } }, { 1, { { X, Y, 0, 0, NULL, NULL } } }, "0-0:1", "", 0 },
	{ "behind NAT, no addresses: IKE identities", { 1, { { 0, 0, 0, 1, "hq.example.jp", "osaka.example.jp" } } },
	  { 1, { { 0, 0, 0, 1, "osaka.example.jp", "hq.example.jp" } } }, "0-0:4", "", 0 },
	{ "identities that contradict", { 1, { { 0, 0, 0, 1, "hq.example.jp", "osaka.example.jp" } } },
	  { 1, { { 0, 0, 0, 1, "nagoya.example.jp", "hq.example.jp" } } }, "",
	  "peer-address-mismatch@10/0,peer-address-mismatch@0/10", 0 },
	{ "identities do not hide a stale address", { 1, { { Y, X, 0, 1, "hq", "osaka" } } },
	  { 1, { { W, Y, 0, 1, "osaka", "hq" } } }, "", "peer-address-mismatch@12/12", 0 },
};
/* clang-format on */

static struct config cfg[END_COUNT];
static struct config_tunnel tunnels[END_COUNT][MAXT];
static struct config_gateway gateways[END_COUNT][MAXT];

static void
build(int s, const struct end *e)
{
	struct config *c = &cfg[s];

	memset(c, 0, sizeof(*c));
	memset(tunnels[s], 0, sizeof(tunnels[s]));
	memset(gateways[s], 0, sizeof(gateways[s]));
	c->vendor = VENDOR_STRONGSWAN;
	c->lines = 100;
	c->tunnels = tunnels[s];
	c->gateways = gateways[s];
	c->ntunnels = c->ngateways = e->n;
	for (size_t i = 0; i < e->n; i++) {
		struct config_tunnel *t = &tunnels[s][i];
		struct config_gateway *g = &gateways[s][i];
		snprintf(t->name, sizeof(t->name), "t%zu", i);
		t->line = 10;
		t->kind = CONFIG_TK_IPSEC;
		t->gateway = (int)i;
		g->line = 11;
		if (e->t[i].remote)
			g->remote_addr = (struct config_prefix){ e->t[i].remote, 32, 12, 0,
								 "remote_addrs", 0 };
		if (e->t[i].local)
			g->local_addr = (struct config_prefix){ e->t[i].local, 32, 13, 0,
								"local_addrs", 0 };
		snprintf(g->local_ike_id, sizeof(g->local_ike_id), "%s",
			 e->t[i].lid ? e->t[i].lid : "");
		snprintf(g->remote_ike_id, sizeof(g->remote_ike_id), "%s",
			 e->t[i].rid ? e->t[i].rid : "");
		if (e->t[i].inside)
			t->inside = (struct config_prefix){ e->t[i].inside, 30, 14, 0,
							    "ip address",   0 };
		g->keepalive = (struct config_num){ CONFIG_ON, 15, 0, "dpd_delay = 10s", 0 };
		g->ka_interval = 10;
		/* the hold swanctl's model step leaves for it (config/swan.c) */
		t->hold = (struct config_hold){ 1, 10, 0, g->keepalive };
		g->start_action =
			(struct config_num){ e->t[i].start ? CONFIG_ACT_START : CONFIG_ACT_NONE, 16,
					     0, "start_action", 0 };
		g->dpd_action =
			(struct config_num){ CONFIG_ACT_RESTART, 17, 0, "dpd_action = restart", 0 };
		/* the start view swanctl's model step leaves for them (config/swan.c) */
		t->start = (struct config_start){ e->t[i].start ? CONFIG_START_ALWAYS
								: CONFIG_START_NEVER,
						  { e->t[i].start, 16, 0, "start_action", 0 },
						  CONFIG_SWHY_SWAN,
						  1,
						  0,
						  0,
						  g->dpd_action };
	}
}

static void
test_rows(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
		const struct row *w = &rows[k];
		struct audit_rpair_result r;
		char got[256] = "", pairs[128] = "";
		memset(&r, 0, sizeof(r));
		build(END_A, &w->a);
		build(END_B, &w->b);
		assert_int_equal(audit_pair_run(&cfg[END_A], NULL, &cfg[END_B], NULL, &r), 0);
		for (size_t i = 0; i < r.npairs; i++)
			snprintf(pairs + strlen(pairs), sizeof(pairs) - strlen(pairs), "%s%d-%d:%d",
				 i ? "," : "", r.pairs[i].t[END_A], r.pairs[i].t[END_B],
				 (int)r.pairs[i].by);
		for (size_t i = 0; i < r.nfindings; i++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s@%u/%u",
				 i ? "," : "", r.findings[i].check->id,
				 r.findings[i].end[END_A].line, r.findings[i].end[END_B].line);
		if (strcmp(pairs, w->pairs) || strcmp(got, w->want))
			fail_msg("%s: pairs '%s' (want '%s'), findings '%s' (want '%s')", w->name,
				 pairs, w->pairs, got, w->want);
		if (r.undecided != w->undecided)
			fail_msg("%s: undecided %d, want %d", w->name, r.undecided, w->undecided);
		assert_int_equal(r.nerror + r.nwarning, r.nfindings);
		audit_pair_free(&r);
	}
}

/* Who starts IKE again, as both pairings ask it (audit_peer_noinit()),
 * reads the start view no-ike-initiator reads (config_tunnel.start, the
 * router-wide config.start, a neutral gateway's start), in the words of
 * its why: one row per rule, on a model whose vendor field is Junos, so
 * no vendor decides. */
/* A start view: its state, the line that says it (AT: the config_num's
 * value, line, placeholder flag and text; NONE: the default), its why, set,
 * after_stays, after_never and the line that decides after_never. */
/* clang-format off */
#define START(st, src, why, set, stays, never, after) \
	{ CONFIG_START_##st, src, CONFIG_SWHY_##why, set, stays, never, after }
#define AT(v, line, tmpl, text) { v, line, tmpl, text, 0 }
#define NONE { 0 }
static const struct noinit_row {
	int neutral;                /* 1: the gateway's view, the tunnel's unset */
	struct config_start t, all; /* the tunnel's (or gateway's) and config.start */
	enum audit_no_init want;
	unsigned line;
} noinit_rows[] = {
	{ 0, START(NEVER, AT(0, 7, 0, "refresh off"), RTX_GW, 1, 0, 0, NONE), NONE,
	  NOINIT_RTX_GW_OFF, 7 },
	{ 0, START(NEVER, NONE, COVERED, 1, 0, 0, NONE), START(NEVER, NONE, RTX_GLOBAL, 1, 0, 0, NONE),
	  NOINIT_RTX_GLOBAL_UNSET, 30 },
	{ 0, START(NEVER, NONE, COVERED, 1, 0, 0, NONE),
	  START(NEVER, AT(0, 3, 0, "refresh off"), RTX_GLOBAL, 1, 0, 0, NONE),
	  NOINIT_RTX_GLOBAL_OFF, 3 },
	{ 0, START(ALWAYS, NONE, RTX_GW, 1, 0, 0, NONE),
	  START(UNKNOWN, AT(0, 3, 1, "${refresh}"), RTX_GLOBAL, 1, 0, 0, NONE),
	  NOINIT_UNKNOWN, 0 },
	{ 0, START(NEVER, NONE, IX_V2, 1, 0, 0, NONE), NONE,
	  NOINIT_IX_NO_CONNECT, 30 },
	{ 0, START(NEVER, AT(1, 8, 0, "responder"), IX_RESPONDER, 1, 0, 0, NONE), NONE,
	  NOINIT_IX_RESPONDER, 8 },
	{ 0, START(UNKNOWN, NONE, IX_V1, 1, 0, 0, NONE), NONE,
	  NOINIT_UNKNOWN, 0 },
	{ 0, START(NEVER, NONE, SWAN, 1, 1, 1, NONE), NONE,
	  NOINIT_SWAN_NO_START, 10 },
	{ 0, START(ALWAYS, AT(1, 5, 0, "start"), SWAN, 1, 1, 1, AT(1, 9, 0, "clear")), NONE,
	  NOINIT_SWAN_DPD_CLEAR, 9 },
	{ 0, START(ALWAYS, AT(1, 5, 0, "start"), SWAN, 1, 1, 1, AT(1, 9, 1, "${dpd}")), NONE,
	  NOINIT_UNKNOWN, 0 },
	{ 0, START(ALWAYS, AT(1, 5, 0, "auto=start"), IPC_LOADS, 1, 0, 1, NONE), NONE,
	  NOINIT_IPC_DPD, 10 },
	{ 0, START(ALWAYS, AT(1, 5, 0, "auto=start"), IPC_LOADS, 1, 0, 0, NONE), NONE,
	  NOINIT_NO, 0 },
	{ 1, START(NEVER, AT(0, 4, 0, "establish-tunnels on-traffic"), NONE, 0, 0, 0, NONE), NONE,
	  NOINIT_RESPONDER, 4 },
	{ 1, START(ON_TRAFFIC, NONE, NONE, 0, 0, 0, NONE), NONE,
	  NOINIT_NO, 0 },
};
#undef START
#undef AT
#undef NONE
/* clang-format on */

/* The model both row tables fill in: one tunnel t1 (line 30) bound to one
 * gateway gw1 (line 10), its vendor field Junos (no vendor decides), its
 * facts row blank but for the peer's word; each row sets what it tests. */
struct one_tunnel {
	struct config_facts x;
	struct config_tunnel t;
	struct config_gateway g;
	struct config c;
};

static void
one_tunnel(struct one_tunnel *m)
{
	*m = (struct one_tunnel){
		.x = { .peer_word = "gateway" },
		.t = { .name = "t1", .line = 30, .kind = CONFIG_TK_IPSEC, .gateway = 0 },
		.g = { .name = "gw1", .line = 10 },
		.c = { .vendor = VENDOR_JUNOS, .ntunnels = 1, .ngateways = 1 },
	};
	m->c.facts = &m->x;
	m->c.tunnels = &m->t;
	m->c.gateways = &m->g;
}

static void
test_noinit_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(noinit_rows); i++) {
		const struct noinit_row *w = &noinit_rows[i];
		struct one_tunnel m;
		struct audit_noinit n;
		one_tunnel(&m);
		m.x.clamp_in_config = 1;
		m.x.neutral = w->neutral;
		if (w->neutral)
			m.g.start = w->t;
		else
			m.t.start = w->t;
		m.c.start = w->all;
		n = audit_peer_noinit(&m.c, 0);
		if (n.why != w->want || n.line != w->line)
			fail_msg("row %zu: why %d line %u, want %d %u", i, n.why, n.line, w->want,
				 w->line);
	}
}

/* The IKE versions and SA lifetimes both pairings read are facts row
 * fields (config_facts.ike_unset, ike_in_tunnel, life_default), not the
 * vendor: one row per rule, the vendor field Junos throughout. */
static const struct ike_row {
	unsigned unset;
	int in_tunnel, ikev2, version, tmpl;
	unsigned want;
} ike_rows[] = {
	{ PEER_IKEV1, 0, 0, 0, 0, PEER_IKEV1 }, /* RTX: unset is IKEv1 */
	{ PEER_IKEV1, 0, 0, 2, 0, PEER_IKEV2 },
	{ PEER_IKEV1 | PEER_IKEV2, 0, 0, 0, 0, PEER_IKEV1 | PEER_IKEV2 }, /* swanctl version 0 */
	{ PEER_IKEV1 | PEER_IKEV2, 0, 0, 1, 0, PEER_IKEV1 },
	{ 0, 0, 0, 0, 0, 0 },          /* a newer format: unknown */
	{ 0, 1, 1, 0, 0, PEER_IKEV2 }, /* IX: the tunnel's mode */
	{ 0, 1, 0, 2, 0, PEER_IKEV1 },
	{ PEER_IKEV1, 0, 0, 2, 1, 0 }, /* a template: unknown */
};

static void
test_ike_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(ike_rows); i++) {
		const struct ike_row *w = &ike_rows[i];
		struct one_tunnel m;
		const struct config_num *from[2];
		long life[2];
		int rc;
		one_tunnel(&m);
		m.x.ike_unset = w->unset;
		m.x.ike_in_tunnel = w->in_tunnel;
		m.x.life_default = i % 2 ? 0 : 28800;
		m.t.ikev2 = w->ikev2;
		m.g.version = (struct config_num){ w->version, w->version ? 5u : 0u, w->tmpl,
						   "version", 0 };
		if (audit_peer_router_ike(&m.c, 0) != w->want)
			fail_msg("row %zu: versions %u, want %u", i, audit_peer_router_ike(&m.c, 0),
				 w->want);
		m.g.life_child = (struct config_num){ 3600, 6, 0, "life", 0 };
		rc = audit_peer_router_life(&m.c, 0, life, from);
		if (i % 2 ? rc != -1 : rc != 0 || life[0] != 28800 || life[1] != 3600)
			fail_msg("row %zu: lifetimes rc %d", i, rc);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_rows),
					    cmocka_unit_test(test_noinit_rows),
					    cmocka_unit_test(test_ike_rows) };

	return cmocka_run_group_tests(tests, NULL, NULL);
}
