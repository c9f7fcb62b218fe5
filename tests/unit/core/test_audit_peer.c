/* SPDX-License-Identifier: BSD-2-Clause */
/* The pair alone (core/audit_peer.c): models built by hand, no parser, no
 * I/O. Each row is one router tunnel and one AWS tunnel, and the ids the
 * checks must return; the expected ids come from the rules in
 * doc/router-facts.md and the EC2 API defaults (clear, add,
 * dynamic, not accelerated), not from the code under test. Addresses are
 * RFC 5737's (outside) and AWS's 169.254.0.0/16 (inside). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/audit_peer.h"

#define A1 0xc6336401u          /* 198.51.100.1 */
#define A2 0xc6336402u          /* 198.51.100.2 */
#define IN1 0xa9fefe00u         /* 169.254.254.0 (/30) */
#define NOPE (-1)

struct router {
	enum config_vendor v;
	uint32_t remote;            /* the IKE peer (0: none known) */
	uint32_t inside;            /* tunnel inside address /30 (0: none) */
	int refresh;                /* RTX global: NOPE unset, 0 off, 1 on */
	int gw_refresh;             /* RTX per gateway: NOPE unset, 0, 1 */
	int ikev2, connect, responder;   /* IX */
	int start, dpd;             /* swanctl start_action / dpd_action: NOPE unset or CONFIG_ACT_* */
	int natt;                   /* NOPE unset, 0, 1 */
	long mss, mtu;              /* 0: not set */
	uint32_t bgp;               /* a BGP neighbour (0: none) */
};

struct aws {
	uint32_t outside;
	uint32_t inside;            /* TunnelInsideCidr /30, 0: absent */
	int dpd, startup;           /* NOPE: the default (clear, add) */
	int static_only, accel;
	enum peer_status status;
};

struct row {
	const char *name;
	struct router r;
	struct aws a;
	const char *want;           /* ids in output order, comma-separated; "" none */
};

/* Router defaults of each row: RTX, IKE peer 198.51.100.1, refresh on. */
#define RTXN(natt, mss, mtu, bgp) { CONFIG_RTX, A1, IN1 | 2, 1, NOPE, 0, 0, 0, NOPE, NOPE, natt, mss, mtu, bgp }
#define RTX0 RTXN(NOPE, 0, 0, IN1 | 1)
#define AWS_DEFAULT { A1, IN1, NOPE, NOPE, 0, 0, PEER_STATUS_UP }

static const struct row rows[] = {
	{ "RTX refresh on, AWS defaults: clean", RTX0, AWS_DEFAULT, "" },
	{ "RTX refresh unset: field case 2", { CONFIG_RTX, A1, IN1 | 2, NOPE, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "dpd-clear-router-never-initiates,startup-add-router-never-initiates" },
	{ "RTX refresh off globally", { CONFIG_RTX, A1, IN1 | 2, 0, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "dpd-clear-router-never-initiates,startup-add-router-never-initiates" },
	{ "RTX refresh off for the gateway", { CONFIG_RTX, A1, IN1 | 2, 1, 0, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "dpd-clear-router-never-initiates,startup-add-router-never-initiates" },
	{ "RTX refresh unset, AWS restart/start", { CONFIG_RTX, A1, IN1 | 2, NOPE, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  { A1, IN1, PEER_DPD_RESTART, PEER_START_START, 0, 0, PEER_STATUS_UP }, "" },
	{ "RTX refresh unset, AWS DPD none, startup add", { CONFIG_RTX, A1, IN1 | 2, NOPE, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  { A1, IN1, PEER_DPD_NONE, NOPE, 0, 0, PEER_STATUS_UP }, "startup-add-router-never-initiates" },
	{ "IX IKEv2 connect-type auto: clean", { CONFIG_IX, A1, IN1 | 2, NOPE, NOPE, 1, 1, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "" },
	{ "IX IKEv2 without connect-type", { CONFIG_IX, A1, IN1 | 2, NOPE, NOPE, 1, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "dpd-clear-router-never-initiates,startup-add-router-never-initiates" },
	{ "IX IKEv2 responder", { CONFIG_IX, A1, IN1 | 2, NOPE, NOPE, 1, 1, 1, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "dpd-clear-router-never-initiates,startup-add-router-never-initiates" },
	{ "IX IKEv1: how it initiates is unknown, not judged", { CONFIG_IX, A1, IN1 | 2, NOPE, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "" },
	{ "swanctl start + restart: clean", { CONFIG_STRONGSWAN, A1, 0, NOPE, NOPE, 1, 0, 0, CONFIG_ACT_START, CONFIG_ACT_RESTART, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "" },
	{ "swanctl start, no dpd_action", { CONFIG_STRONGSWAN, A1, 0, NOPE, NOPE, 1, 0, 0, CONFIG_ACT_START, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "dpd-clear-router-never-initiates,startup-add-router-never-initiates" },
	{ "swanctl trap + trap: clean", { CONFIG_STRONGSWAN, A1, 0, NOPE, NOPE, 1, 0, 0, CONFIG_ACT_TRAP, CONFIG_ACT_TRAP, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "" },
	{ "swanctl without BGP on a dynamic connection", { CONFIG_STRONGSWAN, A1, 0, NOPE, NOPE, 1, 0, 0, CONFIG_ACT_START, CONFIG_ACT_RESTART, NOPE, 0, 0, 0 },
	  AWS_DEFAULT, "static-router-on-bgp-connection" },
	{ "BGP outside the tunnel's inside range", RTXN(NOPE, 0, 0, 0xa9fe0101u),
	  AWS_DEFAULT, "static-router-on-bgp-connection" },
	{ "BGP toward a static connection", RTX0, { A1, IN1, NOPE, NOPE, 1, 0, PEER_STATUS_UP },
	  "bgp-router-on-static-connection" },
	{ "accelerated, NAT-T not set", RTX0, { A1, IN1, NOPE, NOPE, 0, 1, PEER_STATUS_UP }, "nat-t-off-accelerated" },
	{ "accelerated, NAT-T on", RTXN(1, 0, 0, IN1 | 1), { A1, IN1, NOPE, NOPE, 0, 1, PEER_STATUS_UP }, "" },
	{ "clamp 1407 > 1406", RTXN(NOPE, 1407, 0, IN1 | 1), AWS_DEFAULT, "mss-above-aws-max" },
	{ "clamp 1406 = AWS's maximum", RTXN(NOPE, 1406, 0, IN1 | 1), AWS_DEFAULT, "" },
	{ "tunnel MTU 1447 > 1446", RTXN(NOPE, 0, 1447, IN1 | 1), AWS_DEFAULT, "mtu-above-aws-max" },
	{ "telemetry DOWN", RTX0, { A1, IN1, NOPE, NOPE, 0, 0, PEER_STATUS_DOWN }, "tunnel-down-telemetry" },
	{ "paired by inside address, IKE elsewhere", { CONFIG_RTX, A2, IN1 | 2, 1, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "peer-address-mismatch" },
	{ "paired by inside address, no IKE address known", { CONFIG_RTX, 0, IN1 | 2, 1, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "" },
	{ "nothing matches: both sides unpaired", { CONFIG_RTX, A2, 0xa9fe0a02u, 1, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, 0xa9fe0a01u },
	  AWS_DEFAULT, "peer-address-mismatch,peer-address-mismatch" },
};

static struct config cfg;
static struct config_tunnel tunnels[2];
static struct config_gateway gateways[2];
static struct config_bgp bgp[1];
static struct peer_config peer;
static struct peer_conn conns[1];
static struct peer_tunnel ptunnels[2];

static void
num(struct config_num *n, int v, unsigned line)
{
	if (v == NOPE)
		return;
	n->v = v;
	n->line = line;
	snprintf(n->text, sizeof(n->text), "line %u", line);
}

static void
build_router(const struct router *r)
{
	struct config_tunnel *t = &tunnels[0];
	struct config_gateway *g = &gateways[0];

	memset(&cfg, 0, sizeof(cfg));
	memset(tunnels, 0, sizeof(tunnels));
	memset(gateways, 0, sizeof(gateways));
	memset(bgp, 0, sizeof(bgp));
	cfg.vendor = r->v;
	cfg.tunnels = tunnels;
	cfg.ntunnels = 1;
	cfg.gateways = gateways;
	cfg.ngateways = 1;
	snprintf(t->name, sizeof(t->name), "tunnel1");
	t->line = 10;
	t->kind = CONFIG_TK_IPSEC;
	t->gateway = 0;
	t->ikev2 = r->ikev2;
	snprintf(g->name, sizeof(g->name), "1");
	g->line = 11;
	if (r->v == CONFIG_IX && r->remote)
		snprintf(g->name, sizeof(g->name), "%u.%u.%u.%u", r->remote >> 24, r->remote >> 16 & 255,
			 r->remote >> 8 & 255, r->remote & 255);
	else if (r->remote)
		g->remote_addr = (struct config_prefix){ r->remote, 32, 12, 0, "ipsec ike remote address" };
	if (r->inside)
		t->inside = (struct config_prefix){ r->inside, 30, 13, 0, "ip tunnel address" };
	num(&cfg.refresh, r->refresh, 30);
	num(&g->refresh, r->gw_refresh, 31);
	num(&t->connect, r->connect ? 1 : NOPE, 14);
	num(&t->responder, r->responder ? 1 : NOPE, 15);
	num(&g->start_action, r->start, 16);
	num(&g->dpd_action, r->dpd, 17);
	num(r->v == CONFIG_IX ? &t->natt : &g->natt, r->natt, 18);
	if (r->mss) {
		num(&t->mss, CONFIG_MSS_NUM, 19);
		t->mss_value = r->mss;
	}
	num(&t->mtu, r->mtu ? (int)r->mtu : NOPE, 20);
	if (r->bgp) {
		bgp[0] = (struct config_bgp){ r->bgp, 40, "bgp neighbor" };
		cfg.bgp = bgp;
		cfg.nbgp = 1;
	}
}

static void
build_peer(const struct aws *a)
{
	struct peer_tunnel *t = &ptunnels[0];

	memset(&peer, 0, sizeof(peer));
	memset(conns, 0, sizeof(conns));
	memset(ptunnels, 0, sizeof(ptunnels));
	peer.conns = conns;
	peer.nconns = 1;
	peer.tunnels = ptunnels;
	peer.ntunnels = 1;
	snprintf(conns[0].id, sizeof(conns[0].id), "vpn-0a1b2c3d4e5f67890");
	conns[0].static_only = (struct peer_num){ a->static_only, 1 };
	conns[0].accel = (struct peer_num){ a->accel, 1 };
	t->outside_addr = a->outside;
	t->outside_v4 = 1;
	snprintf(t->outside, sizeof(t->outside), "%u.%u.%u.%u", a->outside >> 24, a->outside >> 16 & 255,
		 a->outside >> 8 & 255, a->outside & 255);
	if (a->inside) {
		t->inside_addr = a->inside;
		t->inside_plen = 30;
		snprintf(t->inside, sizeof(t->inside), "169.254.254.0/30");
	}
	t->dpd_seconds = (struct peer_num){ 40, 0 };
	t->dpd_action = (struct peer_num){ a->dpd == NOPE ? PEER_DPD_CLEAR : a->dpd, a->dpd != NOPE };
	t->startup = (struct peer_num){ a->startup == NOPE ? PEER_START_ADD : a->startup, a->startup != NOPE };
	t->status = a->status;
}

static void
ids(const struct audit_peer_result *r, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; i < r->nfindings; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", i ? "," : "", r->findings[i].check->id);
}

static void
test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct audit_peer_result r;
		char got[512];
		memset(&r, 0, sizeof(r));
		build_router(&rows[i].r);
		build_peer(&rows[i].a);
		assert_int_equal(audit_peer_run(&cfg, &peer, NULL, &r), 0);
		ids(&r, got, sizeof(got));
		if (strcmp(got, rows[i].want) != 0)
			fail_msg("%s: got '%s', want '%s'", rows[i].name, got, rows[i].want);
		assert_int_equal(r.nerror + r.nwarning, r.nfindings);
		audit_peer_free(&r);
	}
}

/* Two AWS tunnels, two router tunnels listed the other way round: each
 * pairs with the one whose IKE peer is its outside address. */
static void
test_pairing_order(void **state)
{
	struct audit_peer_result r;
	struct router one = RTX0;

	(void)state;
	memset(&r, 0, sizeof(r));
	build_router(&one);
	build_peer(&(struct aws)AWS_DEFAULT);
	tunnels[1] = tunnels[0];
	snprintf(tunnels[1].name, sizeof(tunnels[1].name), "tunnel2");
	tunnels[1].gateway = 1;
	gateways[1] = gateways[0];
	gateways[0].remote_addr.addr = A2;   /* tunnel1 talks to .2, tunnel2 to .1 */
	cfg.ntunnels = cfg.ngateways = 2;
	ptunnels[1] = ptunnels[0];
	ptunnels[1].outside_addr = A2;
	snprintf(ptunnels[1].outside, sizeof(ptunnels[1].outside), "198.51.100.2");
	peer.ntunnels = 2;
	assert_int_equal(audit_peer_run(&cfg, &peer, NULL, &r), 0);
	assert_int_equal(r.pairs[0].router, 1);
	assert_int_equal(r.pairs[0].by, PAIR_OUTSIDE);
	assert_int_equal(r.pairs[1].router, 0);
	assert_int_equal(r.pairs[1].by, PAIR_OUTSIDE);
	assert_int_equal(r.nfindings, 0);
	audit_peer_free(&r);
}

/* The fixes each check carries: router kinds for render/audit_fix.c,
 * the AWS options for modify-vpn-tunnel-options. */
static void
test_fixes(void **state)
{
	struct audit_peer_result r;
	struct router unset = { CONFIG_RTX, A1, IN1 | 2, NOPE, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 };
	struct router swan = { CONFIG_STRONGSWAN, A1, 0, NOPE, NOPE, 1, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 };

	(void)state;
	memset(&r, 0, sizeof(r));
	build_router(&unset);
	build_peer(&(struct aws)AWS_DEFAULT);
	assert_int_equal(audit_peer_run(&cfg, &peer, NULL, &r), 0);
	assert_int_equal(r.nfindings, 2);
	assert_int_equal(r.findings[0].fix[0].kind, FIX_REFRESH_GLOBAL_ON);
	assert_int_equal(r.findings[0].aws_fix, AWS_FIX_DPD_RESTART);
	assert_int_equal(r.findings[0].n[0], 40);
	assert_int_equal(r.findings[1].aws_fix, AWS_FIX_STARTUP_START);
	assert_int_equal(r.findings[0].line, 10);      /* no refresh line: the tunnel's block */
	build_router(&swan);
	assert_int_equal(audit_peer_run(&cfg, &peer, NULL, &r), 0);
	assert_int_equal(r.findings[0].nfix, 2);
	assert_int_equal(r.findings[0].fix[0].kind, FIX_INITIATE);
	assert_int_equal(r.findings[0].fix[1].kind, FIX_DPD_RESTART);
	assert_int_equal(r.findings[0].code, NOINIT_SWAN_NO_START);
	audit_peer_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_pairing_order),
		cmocka_unit_test(test_fixes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
