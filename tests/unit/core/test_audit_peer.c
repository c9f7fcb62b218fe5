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

#define A1 0xc6336401u  /* 198.51.100.1 */
#define A2 0xc6336402u  /* 198.51.100.2 */
#define IN1 0xa9fefe00u /* 169.254.254.0 (/30) */
#define NOPE (-1)

struct router {
	enum vendor_id v;
	uint32_t remote;               /* the IKE peer (0: none known) */
	uint32_t inside;               /* tunnel inside address /30 (0: none) */
	int refresh;                   /* RTX global: NOPE unset, 0 off, 1 on */
	int gw_refresh;                /* RTX per gateway: NOPE unset, 0, 1 */
	int ikev2, connect, responder; /* IX */
	int start, dpd; /* swanctl start_action / dpd_action: NOPE unset or CONFIG_ACT_* */
	int natt;       /* NOPE unset, 0, 1 */
	long mss, mtu;  /* 0: not set */
	uint32_t bgp;   /* a BGP neighbour (0: none) */
};

struct aws {
	uint32_t outside;
	uint32_t inside;  /* TunnelInsideCidr /30, 0: absent */
	int dpd, startup; /* NOPE: the default (clear, add) */
	int static_only, accel;
	enum peer_status status;
};

struct row {
	const char *name;
	struct router r;
	struct aws a;
	const char *want; /* ids in output order, comma-separated; "" none */
};

/* Router defaults of each row: RTX, IKE peer 198.51.100.1, refresh on. */
#define RTXN(natt, mss, mtu, bgp) \
	{ \
		VENDOR_RTX, A1, IN1 | 2, 1, NOPE, 0, 0, 0, NOPE, NOPE, natt, mss, mtu, bgp \
	}
#define RTX0 RTXN(NOPE, 0, 0, IN1 | 1)
#define AWS_DEFAULT \
	{ \
		A1, IN1, NOPE, NOPE, 0, 0, PEER_STATUS_UP \
	}

/* clang-format off */
static const struct row rows[] = {
	{ "RTX refresh on, AWS defaults: clean", RTX0, AWS_DEFAULT, "" },
	{ "RTX refresh unset: field case 2", { VENDOR_RTX, A1, IN1 | 2, NOPE, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "dpd-clear-router-never-initiates,startup-add-router-never-initiates" },
	{ "RTX refresh off globally", { VENDOR_RTX, A1, IN1 | 2, 0, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "dpd-clear-router-never-initiates,startup-add-router-never-initiates" },
	{ "RTX refresh off for the gateway", { VENDOR_RTX, A1, IN1 | 2, 1, 0, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "dpd-clear-router-never-initiates,startup-add-router-never-initiates" },
	{ "RTX refresh unset, AWS restart/start", { VENDOR_RTX, A1, IN1 | 2, NOPE, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  { A1, IN1, PEER_DPD_RESTART, PEER_START_START, 0, 0, PEER_STATUS_UP }, "" },
	{ "RTX refresh unset, AWS DPD none, startup add", { VENDOR_RTX, A1, IN1 | 2, NOPE, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  { A1, IN1, PEER_DPD_NONE, NOPE, 0, 0, PEER_STATUS_UP }, "startup-add-router-never-initiates" },
	{ "IX IKEv2 connect-type auto: clean", { VENDOR_IX, A1, IN1 | 2, NOPE, NOPE, 1, 1, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "" },
	{ "IX IKEv2 without connect-type", { VENDOR_IX, A1, IN1 | 2, NOPE, NOPE, 1, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "dpd-clear-router-never-initiates,startup-add-router-never-initiates" },
	{ "IX IKEv2 responder", { VENDOR_IX, A1, IN1 | 2, NOPE, NOPE, 1, 1, 1, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "dpd-clear-router-never-initiates,startup-add-router-never-initiates" },
	{ "IX IKEv1: how it initiates is unknown, not judged", { VENDOR_IX, A1, IN1 | 2, NOPE, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "" },
	{ "swanctl start + restart: clean", { VENDOR_STRONGSWAN, A1, 0, NOPE, NOPE, 1, 0, 0, CONFIG_ACT_START, CONFIG_ACT_RESTART, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "" },
	{ "swanctl start, no dpd_action", { VENDOR_STRONGSWAN, A1, 0, NOPE, NOPE, 1, 0, 0, CONFIG_ACT_START, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "dpd-clear-router-never-initiates,startup-add-router-never-initiates" },
	{ "swanctl trap + trap: clean", { VENDOR_STRONGSWAN, A1, 0, NOPE, NOPE, 1, 0, 0, CONFIG_ACT_TRAP, CONFIG_ACT_TRAP, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "" },
	{ "swanctl without BGP on a dynamic connection", { VENDOR_STRONGSWAN, A1, 0, NOPE, NOPE, 1, 0, 0, CONFIG_ACT_START, CONFIG_ACT_RESTART, NOPE, 0, 0, 0 },
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
	{ "paired by inside address, IKE elsewhere", { VENDOR_RTX, A2, IN1 | 2, 1, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "peer-address-mismatch" },
	{ "paired by inside address, no IKE address known", { VENDOR_RTX, 0, IN1 | 2, 1, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1 },
	  AWS_DEFAULT, "" },
	{ "nothing matches: both sides unpaired", { VENDOR_RTX, A2, 0xa9fe0a02u, 1, NOPE, 0, 0, 0, NOPE, NOPE, NOPE, 0, 0, 0xa9fe0a01u },
	  AWS_DEFAULT, "peer-address-mismatch,peer-address-mismatch" },
};
/* clang-format on */

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

/* The start views the parsers' model steps leave for these lines
 * (config/rtx.c rtx_start, config/ix.c ix_start, config/swan.c
 * swan_start), which the pair audit reads like no-ike-initiator does,
 * and the vendor's facts row. */
/* The vendor's own facts row (config/config.c), as its parser leaves it. */
static const struct config_facts *
facts_of(enum vendor_id v)
{
	static const char *const text[] = {
		[VENDOR_RTX] = "tunnel select 1\n ip tunnel mtu 1280\n",
		[VENDOR_IX] = "interface Tunnel0.0\n  ip mtu 1280\n",
		[VENDOR_STRONGSWAN] =
			"connections {\n  c1 {\n    remote_addrs = 198.51.100.1\n  }\n}\n",
	};
	struct config c;
	const struct config_facts *x;
	char err[256];

	if (config_parse(text[v], strlen(text[v]), (int)v, &c, err, sizeof(err)) < 0)
		fail_msg("facts of vendor %d: %s", (int)v, err);
	x = c.facts;
	config_free(&c);
	return x;
}

static void
start_views(void)
{
	struct config_tunnel *t = &tunnels[0];
	const struct config_gateway *g = &gateways[0];
	const struct config_num *d = &g->dpd_action, *s = &g->start_action;
	enum config_start_state all =
		cfg.refresh.line && cfg.refresh.v == 1 ? CONFIG_START_ALWAYS : CONFIG_START_NEVER;

	cfg.start = (struct config_start){ 0 };
	t->start = (struct config_start){ .set = 1 };
	cfg.facts = facts_of(cfg.vendor);
	if (cfg.vendor == VENDOR_RTX) {
		cfg.start = (struct config_start){ all, cfg.refresh, CONFIG_SWHY_RTX_GLOBAL, 1, 0,
						   0,   { 0 } };
		if (g->refresh.line && g->refresh.v == 0)
			t->start = (struct config_start){
				CONFIG_START_NEVER, g->refresh, CONFIG_SWHY_RTX_GW, 1, 0, 0, { 0 }
			};
		else if (all != CONFIG_START_ALWAYS)
			t->start =
				(struct config_start){ all, cfg.refresh, CONFIG_SWHY_COVERED, 1, 0,
						       0,   { 0 } };
		else
			t->start =
				(struct config_start){ all, cfg.refresh, CONFIG_SWHY_RTX_GW, 1, 0,
						       0,   { 0 } };
	} else if (cfg.vendor == VENDOR_IX) {
		t->start.why = !t->ikev2           ? CONFIG_SWHY_IX_V1
			       : t->responder.line ? CONFIG_SWHY_IX_RESPONDER
						   : CONFIG_SWHY_IX_V2;
		t->start.state = !t->ikev2                               ? CONFIG_START_UNKNOWN
				 : !t->responder.line && t->connect.line ? CONFIG_START_ALWAYS
									 : CONFIG_START_NEVER;
		t->start.src = t->responder.line ? t->responder : t->connect;
	} else if (cfg.vendor == VENDOR_STRONGSWAN) {
		int starts = s->line && (s->v == CONFIG_ACT_START || s->v == CONFIG_ACT_TRAP);
		t->start = (struct config_start){ starts ? s->v == CONFIG_ACT_TRAP
								   ? CONFIG_START_ON_TRAFFIC
								   : CONFIG_START_ALWAYS
							 : CONFIG_START_NEVER,
						  *s,
						  CONFIG_SWHY_SWAN,
						  1,
						  0,
						  0,
						  *d };
		t->start.after_never = t->start.after_stays =
			!(d->line && (d->v == CONFIG_ACT_RESTART || d->v == CONFIG_ACT_TRAP));
	}
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
	if (r->v == VENDOR_IX && r->remote)
		snprintf(g->name, sizeof(g->name), "%u.%u.%u.%u", r->remote >> 24,
			 r->remote >> 16 & 255, r->remote >> 8 & 255, r->remote & 255);
	else if (r->remote)
		g->remote_addr = (struct config_prefix){
			r->remote, 32, 12, 0, "ipsec ike remote address", 0
		};
	if (r->inside)
		t->inside = (struct config_prefix){ r->inside, 30, 13, 0, "ip tunnel address", 0 };
	num(&cfg.refresh, r->refresh, 30);
	num(&g->refresh, r->gw_refresh, 31);
	num(&t->connect, r->connect ? 1 : NOPE, 14);
	num(&t->responder, r->responder ? 1 : NOPE, 15);
	num(&g->start_action, r->start, 16);
	num(&g->dpd_action, r->dpd, 17);
	num(r->v == VENDOR_IX ? &t->natt : &g->natt, r->natt, 18);
	if (r->mss) {
		num(&t->mss, CONFIG_MSS_NUM, 19);
		t->mss_value = r->mss;
	}
	num(&t->mtu, r->mtu ? (int)r->mtu : NOPE, 20);
	num(&g->life_child, r->v == VENDOR_RTX ? 3600 : NOPE, 21); /* AWS's Yamaha sample */
	if (r->bgp) {
		bgp[0] = (struct config_bgp){ .addr = r->bgp, .line = 40, .text = "bgp neighbor" };
		cfg.bgp = bgp;
		cfg.nbgp = 1;
	}
	start_views();
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
	snprintf(t->outside, sizeof(t->outside), "%u.%u.%u.%u", a->outside >> 24,
		 a->outside >> 16 & 255, a->outside >> 8 & 255, a->outside & 255);
	if (a->inside) {
		t->inside_addr = a->inside;
		t->inside_plen = 30;
		snprintf(t->inside, sizeof(t->inside), "169.254.254.0/30");
	}
	t->dpd_seconds = (struct peer_num){ 40, 0 };
	t->dpd_action =
		(struct peer_num){ a->dpd == NOPE ? PEER_DPD_CLEAR : a->dpd, a->dpd != NOPE };
	t->startup = (struct peer_num){ a->startup == NOPE ? PEER_START_ADD : a->startup,
					a->startup != NOPE };
	t->status = a->status;
	/* the EC2 API defaults config/aws_json.c fills in */
	t->ike = (struct peer_num){ PEER_IKEV1 | PEER_IKEV2, 0 };
	t->p1_life = (struct peer_num){ 28800, 0 };
	t->p2_life = (struct peer_num){ 3600, 0 };
	t->rekey_margin = (struct peer_num){ 270, 0 };
	t->rekey_fuzz = (struct peer_num){ 100, 0 };
	t->p1_enc = t->p2_enc = (struct peer_num){ PEER_ENC_ALL, 0 };
	t->p1_integ = t->p2_integ = (struct peer_num){ PEER_INTEG_ALL, 0 };
	t->p1_dh = (struct peer_num){ (long)PEER_DH_P1_ALL, 0 };
	t->p2_dh = (struct peer_num){ (long)PEER_DH_P2_ALL, 0 };
}

static void
ids(const struct audit_peer_result *r, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; i < r->nfindings; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", i ? "," : "",
			 r->findings[i].check->id);
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
	gateways[0].remote_addr.addr = A2; /* tunnel1 talks to .2, tunnel2 to .1 */
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
	struct router unset = { VENDOR_RTX, A1,   IN1 | 2, NOPE, NOPE, 0, 0,
				0,          NOPE, NOPE,    NOPE, 0,    0, IN1 | 1 };
	struct router swan = {
		VENDOR_STRONGSWAN, A1, 0, NOPE, NOPE, 1, 0, 0, NOPE, NOPE, NOPE, 0, 0, IN1 | 1
	};

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
	assert_int_equal(r.findings[0].line, 10); /* no refresh line: the tunnel's block */
	build_router(&swan);
	assert_int_equal(audit_peer_run(&cfg, &peer, NULL, &r), 0);
	assert_int_equal(r.findings[0].nfix, 2);
	assert_int_equal(r.findings[0].fix[0].kind, FIX_INITIATE);
	assert_int_equal(r.findings[0].fix[1].kind, FIX_DPD_RESTART);
	assert_int_equal(r.findings[0].code, NOINIT_SWAN_NO_START);
	audit_peer_free(&r);
}

/* The IKE checks (core/audit_peer_ike.c): one router tunnel and one AWS
 * tunnel, both clean (RTX refresh on, IKEv1, lifetimes 3600, inside
 * addresses .2/.1 of AWS's /30, BGP to .1, AWS restart/start), then one
 * knob changed. Expected ids from the rules: AWS's ranges and defaults
 * (EC2 API ModifyVpnTunnelOptionsSpecification), the /30's first host is
 * AWS's, a DPD hold above DpdTimeoutSeconds (what slow-dead-peer-detection
 * says of --peer aws's 40 s). */
struct ike_row {
	const char *name;
	void (*tweak)(void);
	const char *esp; /* the router audit's transform, strongSwan syntax */
	const char *want;
};

static void
t_none(void)
{
}
static void
t_slow_dpd(void)
{
	num(&gateways[0].keepalive, CONFIG_ON, 22);
	gateways[0].ka_method = CONFIG_KA_DPD;
	gateways[0].ka_method_set = 1;
	gateways[0].ka_interval = 30;
	gateways[0].ka_count = 3; /* 90 s > 40 */
	/* the hold RTX's model step leaves for it (config/rtx.c): interval x count, exact */
	tunnels[0].hold = (struct config_hold){ 1, 90, 1, gateways[0].keepalive };
}
static void
t_dpd_40(void)
{
	t_slow_dpd();
	gateways[0].ka_interval = 10;
	gateways[0].ka_count = 4; /* 40 s = 40: not above */
	tunnels[0].hold.v = 40;
}
static void
t_dpd_50(void)
{
	t_slow_dpd();
	gateways[0].ka_interval = 10;
	gateways[0].ka_count = 5; /* 50 s: Junos's bare dead-peer-detection */
	tunnels[0].hold.v = 50;
}
static void
t_slow_dpd_none(void)
{
	t_slow_dpd();
	ptunnels[0].dpd_action.v = PEER_DPD_NONE;
}
static void
t_slow_dpd_long_aws(void)
{
	t_slow_dpd();
	ptunnels[0].dpd_seconds.v = 120;
}
static void
t_swan_dpd(void)
{
	cfg.vendor = VENDOR_STRONGSWAN;
	num(&gateways[0].start_action, CONFIG_ACT_START, 16);
	num(&gateways[0].dpd_action, CONFIG_ACT_RESTART, 17);
	num(&gateways[0].keepalive, CONFIG_ON, 22);
	gateways[0].ka_interval = 120; /* at least 120 s */
	/* the hold swanctl's model step leaves for it (config/swan.c): dpd_delay, a lower bound */
	tunnels[0].hold = (struct config_hold){ 1, 120, 0, gateways[0].keepalive };
	memset(&tunnels[0].inside, 0, sizeof(tunnels[0].inside));
	start_views();
}
static void
t_inside_swapped(void)
{
	tunnels[0].inside.addr = IN1 | 1;
}
static void
t_inside_elsewhere(void)
{
	tunnels[0].inside.addr = 0xa9fe0102u;
}
static void
t_remote_wrong(void)
{
	tunnels[0].remote =
		(struct config_prefix){ IN1 | 2, 32, 23, 0, "ip tunnel remote address", 0 };
}
static void
t_bgp_wrong(void)
{
	bgp[0].addr = IN1 | 2;
}
static void
t_ikev2_only(void)
{
	ptunnels[0].ike = (struct peer_num){ PEER_IKEV2, 1 };
}
static void
t_ikev2_router(void)
{
	t_ikev2_only();
	num(&gateways[0].version, 2, 24);
}
static void
t_p2_gcm(void)
{
	ptunnels[0].p2_enc = (struct peer_num){ PEER_ENC_AES256_GCM, 1 };
}
static void
t_p2_sha256(void)
{
	ptunnels[0].p2_integ = (struct peer_num){ PEER_INTEG_SHA256, 1 };
}
static void
t_p2_short(void)
{
	ptunnels[0].p2_life = (struct peer_num){ 1800, 1 };
}
static void
t_no_duration(void)
{
	memset(&gateways[0].life_child, 0, sizeof(gateways[0].life_child));
}
static void
t_margin(void)
{
	ptunnels[0].rekey_margin = (struct peer_num){ 1801, 1 };
}
static void
t_margin_ok(void)
{
	ptunnels[0].rekey_margin = (struct peer_num){ 1800, 1 };
}
static void
t_fuzz(void)
{
	ptunnels[0].rekey_fuzz = (struct peer_num){ 101, 1 };
}
static void
t_p1_short(void)
{
	ptunnels[0].p1_life = (struct peer_num){ 899, 1 };
}
static void
t_p2_p1(void)
{
	ptunnels[0].p1_life = (struct peer_num){ 3600, 1 };
}
static void
t_local_lan(void)
{
	conns[0].local_net = 0xc0000200u;
	conns[0].local_plen = 24;
	snprintf(conns[0].local_cidr, sizeof(conns[0].local_cidr), "192.0.2.0/24");
}
static void
t_local_lan_static(void)
{
	t_local_lan();
	conns[0].static_only.v = 1;
	bgp[0].addr = 0;
	cfg.nbgp = 0;
}
static void
t_remote_link(void)
{
	conns[0].remote_net = 0xa9fe0000u;
	conns[0].remote_plen = 16;
}
static void
t_remote_vpc(void)
{
	conns[0].remote_net = 0x0a000000u;
	conns[0].remote_plen = 16;
	snprintf(conns[0].remote_cidr, sizeof(conns[0].remote_cidr), "10.0.0.0/16");
}

/* clang-format off */
static const struct ike_row ike_rows[] = {
	{ "clean", t_none, "aes128-sha1", "" },
	{ "DPD 30 x 3 = 90 s against 40 s", t_slow_dpd, "aes128-sha1", "dpd-hold-mismatch" },
	{ "DPD 10 x 4 = 40 s: 40, not above", t_dpd_40, "aes128-sha1", "" },
	{ "DPD 10 x 5 = 50 s against 40 s (issue 21)", t_dpd_50, "aes128-sha1", "dpd-hold-mismatch" },
	{ "slow DPD, AWS action none: AWS keeps its SA", t_slow_dpd_none, "aes128-sha1", "" },
	{ "slow DPD, AWS 120 s: 90 < 120", t_slow_dpd_long_aws, "aes128-sha1", "" },
	{ "swanctl dpd_delay 120 s: at least 120 > 40", t_swan_dpd, "aes128-sha1", "dpd-hold-mismatch" },
	{ "inside .1: AWS's address", t_inside_swapped, "aes128-sha1", "inside-address-mismatch" },
	{ "inside outside the /30", t_inside_elsewhere, "aes128-sha1", "inside-address-mismatch" },
	{ "remote address .2: the customer's", t_remote_wrong, "aes128-sha1", "inside-address-mismatch" },
	{ "BGP neighbour .2", t_bgp_wrong, "aes128-sha1", "inside-address-mismatch" },
	{ "AWS IKEv2 only, RTX IKEv1", t_ikev2_only, "aes128-sha1", "proposal-mismatch" },
	{ "AWS IKEv2 only, RTX ipsec ike version 2", t_ikev2_router, "aes128-sha1", "" },
	{ "AWS AES256-GCM-16 only, router AES128", t_p2_gcm, "aes128-sha1", "proposal-mismatch" },
	{ "AWS AES256-GCM-16 only, router aes256gcm16", t_p2_gcm, "aes256gcm16", "" },
	{ "AWS SHA2-256 only, router sha1", t_p2_sha256, "aes128-sha1", "proposal-mismatch" },
	{ "AWS SHA2-256 only, router sha256 with a PFS group", t_p2_sha256, "aes128-sha256-modp2048", "" },
	{ "router 3des: not an AWS algorithm, not judged", t_p2_gcm, "3des-sha1", "" },
	{ "no router transform known: not judged", t_p2_gcm, "", "" },
	{ "AWS phase 2 1800 s, RTX 3600 s", t_p2_short, "aes128-sha1", "lifetime-mismatch" },
	{ "RTX without ipsec ike duration: 28800 s > 3600", t_no_duration, "aes128-sha1", "lifetime-mismatch" },
	{ "rekey margin 1801 > 3600 / 2", t_margin, "aes128-sha1", "lifetime-mismatch" },
	{ "rekey margin 1800 = 3600 / 2", t_margin_ok, "aes128-sha1", "" },
	{ "rekey fuzz 101 %", t_fuzz, "aes128-sha1", "lifetime-mismatch" },
	{ "phase 1 899 s", t_p1_short, "aes128-sha1", "lifetime-mismatch" },
	{ "phase 2 not below phase 1", t_p2_p1, "aes128-sha1", "lifetime-mismatch" },
	{ "AWS local CIDR the office LAN, BGP", t_local_lan, "aes128-sha1", "narrow-selectors-with-bgp" },
	{ "the same on a static connection", t_local_lan_static, "aes128-sha1", "" },
	{ "AWS remote CIDR 169.254.0.0/16 covers .1", t_remote_link, "aes128-sha1", "" },
	{ "AWS remote CIDR the VPC", t_remote_vpc, "aes128-sha1", "narrow-selectors-with-bgp" },
};
/* clang-format on */

static void
test_ike_rows(void **state)
{
	struct router base = RTX0;
	struct aws clean = { A1, IN1, PEER_DPD_RESTART, PEER_START_START, 0, 0, PEER_STATUS_UP };
	struct audit_tunnel at;
	struct audit_result ar;

	(void)state;
	for (size_t i = 0; i < sizeof(ike_rows) / sizeof(ike_rows[0]); i++) {
		struct audit_peer_result r;
		char got[512];
		memset(&r, 0, sizeof(r));
		memset(&at, 0, sizeof(at));
		memset(&ar, 0, sizeof(ar));
		build_router(&base);
		tunnels[0].remote =
			(struct config_prefix){ IN1 | 1, 32, 23, 0, "ip tunnel remote address", 0 };
		build_peer(&clean);
		ike_rows[i].tweak();
		snprintf(at.esp, sizeof(at.esp), "%s", ike_rows[i].esp);
		ar.tunnels = &at;
		ar.ntunnels = 1;
		assert_int_equal(audit_peer_run(&cfg, &peer, &ar, &r), 0);
		ids(&r, got, sizeof(got));
		if (strcmp(got, ike_rows[i].want) != 0)
			fail_msg("%s: got '%s', want '%s'", ike_rows[i].name, got,
				 ike_rows[i].want);
		audit_peer_free(&r);
	}
}

/* The numbers the words print: both ends' seconds, both addresses,
 * both sides' algorithms, and the AWS fix's union. */
static void
test_ike_numbers(void **state)
{
	struct router base = RTX0;
	struct aws clean = { A1, IN1, PEER_DPD_RESTART, PEER_START_START, 0, 0, PEER_STATUS_UP };
	struct audit_tunnel at = { 0 };
	struct audit_result ar = { 0 };
	struct audit_peer_result r;

	(void)state;
	memset(&r, 0, sizeof(r));
	build_router(&base);
	build_peer(&clean);
	t_slow_dpd();
	t_inside_swapped();
	t_p2_gcm();
	snprintf(at.esp, sizeof(at.esp), "aes128-sha1");
	ar.tunnels = &at;
	ar.ntunnels = 1;
	assert_int_equal(audit_peer_run(&cfg, &peer, &ar, &r), 0);
	assert_int_equal(r.nfindings, 3);
	/* table order: inside, proposal, dpd-hold */
	assert_string_equal(r.findings[0].check->id, "inside-address-mismatch");
	assert_int_equal(r.findings[0].code, INSIDE_NOT_CUSTOMER);
	assert_int_equal(r.findings[0].n[0], IN1 | 1);
	assert_int_equal(r.findings[0].n[1], IN1 | 2);
	assert_string_equal(r.findings[1].check->id, "proposal-mismatch");
	assert_int_equal(r.findings[1].code, PROP_P2_ENC);
	assert_int_equal(r.findings[1].n[0], PEER_ENC_AES128);
	assert_int_equal(r.findings[1].n[1], PEER_ENC_AES256_GCM);
	assert_int_equal(r.findings[1].n[2], PEER_ENC_AES128 | PEER_ENC_AES256_GCM);
	assert_int_equal(r.findings[1].aws_fix, AWS_FIX_P2_ENC);
	assert_string_equal(r.findings[2].check->id, "dpd-hold-mismatch");
	assert_int_equal(r.findings[2].n[0], 90);
	assert_int_equal(r.findings[2].n[1], 40);
	assert_int_equal(r.findings[2].fix[0].kind, FIX_KEEPALIVE);
	assert_int_equal(r.findings[2].fix[0].n, 10); /* AWS's Yamaha sample: dpd 10 3 */
	assert_int_equal(r.findings[2].fix[0].m, 3);
	assert_int_equal(r.pairs[0].not_checked & PAIR_NC_PHASE1, PAIR_NC_PHASE1);
	audit_peer_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),        cmocka_unit_test(test_pairing_order),
		cmocka_unit_test(test_fixes),       cmocka_unit_test(test_ike_rows),
		cmocka_unit_test(test_ike_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
