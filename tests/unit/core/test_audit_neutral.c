/* SPDX-License-Identifier: BSD-2-Clause */
/* The audit's vendor-neutral checks (issue 21 item 1): a format whose
 * facts row says `neutral` is judged from config_gateway.live/.start and
 * its facts, never from which vendor it is. The model here is built by
 * hand, as a parser's model step would leave it, so each rule is pinned
 * down without any one grammar. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/count.h"
#include "core/audit.h"
#include "render/audit_out.h"

/* A finding's or note's English words (render/audit_words.c): what --json says. */
static const char *
words(const struct audit_say *w)
{
	static char buf[AUDIT_MSG];

	audit_say_words(w, 0, buf, sizeof(buf));
	return buf;
}

/* clang-format off */
static const struct config_facts facts = {
	.clamp_in_config = 1, .neutral = 1, .clamp_default = CONFIG_CLAMP_NONE,
	.selectors_dynamic = 1, .selector_default = "the peers' own addresses (test)",
	.natt_default = "not set (test default)", .peer_word = "gateway",
};
/* clang-format on */

struct site {
	struct config c;
	struct config_tunnel t[2];
	struct config_gateway g[2];
	struct config_bgp b[1];
};

static void
num(struct config_num *n, long v, unsigned line, const char *text)
{
	n->v = v;
	n->line = line;
	snprintf(n->text, sizeof(n->text), "%s", text);
}

/* One clean route-based tunnel: DPD 10 s x 3, initiates, MTU 1436, clamp 1379. */
static void
site_init(struct site *s)
{
	memset(s, 0, sizeof(*s));
	s->c.vendor = VENDOR_JUNOS;
	s->c.facts = &facts;
	s->c.tunnels = s->t;
	s->c.ntunnels = 1;
	s->c.gateways = s->g;
	s->c.ngateways = 1;
	snprintf(s->g[0].name, sizeof(s->g[0].name), "gw-aws-1");
	s->g[0].line = 10;
	num(&s->g[0].version, 2, 11, "version v2-only");
	num(&s->g[0].live.src, 0, 12, "dead-peer-detection interval 10 threshold 3");
	s->g[0].live.state = CONFIG_LIVE_ON;
	s->g[0].live.dead_after = 30;
	s->g[0].live.exact = 1;
	num(&s->g[0].start.src, 0, 20, "establish-tunnels immediately");
	s->g[0].start.state = CONFIG_START_ALWAYS;
	snprintf(s->g[0].esp_text, sizeof(s->g[0].esp_text), "aes128-sha1");
	snprintf(s->t[0].name, sizeof(s->t[0].name), "st0.1");
	s->t[0].line = 30;
	s->t[0].kind = CONFIG_TK_IPSEC;
	s->t[0].gateway = 0;
	num(&s->t[0].mtu, 1436, 31, "family inet mtu 1436");
	num(&s->t[0].mss, CONFIG_MSS_NUM, 32, "tcp-mss ipsec-vpn mss 1379");
	s->t[0].mss_value = 1379;
}

static int
run(struct site *s, const char *peer, struct audit_result *r)
{
	struct audit_input in = { .cfg = &s->c, .peer = model_peer(peer) };

	memset(r, 0, sizeof(*r));
	return audit_run(&in, r);
}

static const struct audit_finding *
find(const struct audit_result *r, const char *id, size_t *count)
{
	const struct audit_finding *first = NULL;

	*count = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		if (strcmp(r->findings[i].check->id, id) == 0) {
			if (!first)
				first = &r->findings[i];
			(*count)++;
		}
	return first;
}

static int
has_note(const struct audit_result *r, const char *part)
{
	for (size_t i = 0; i < r->nnotes; i++)
		if (strstr(words(&r->notes[i]), part))
			return 1;
	return 0;
}

static void
test_clean(void **state)
{
	struct site s;
	struct audit_result r;

	(void)state;
	site_init(&s);
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_int_equal(r.nerror + r.nwarning, 0);
	audit_free(&r);
}

static void
test_dpd_off_and_unknown(void **state)
{
	struct site s;
	struct audit_result r;
	const struct audit_finding *f;
	size_t n;

	(void)state;
	site_init(&s);
	s.g[0].live.state = CONFIG_LIVE_OFF;
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_non_null(f = find(&r, "no-dead-peer-detection", &n));
	assert_int_equal(n, 1);
	assert_int_equal(f->line, 12); /* the deciding line */
	assert_int_equal(f->nfix, 1);
	assert_int_equal(f->fix[0].kind, FIX_KEEPALIVE);
	assert_int_equal(f->fix[0].ikev2, 1);
	assert_null(find(&r, "slow-dead-peer-detection", &n));
	audit_free(&r);

	/* off by the format's default: the finding points at the peer's block */
	s.g[0].live.src.line = 0;
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_non_null(f = find(&r, "no-dead-peer-detection", &n));
	assert_int_equal(f->line, 10);
	assert_non_null(strstr(words(&f->say), "off by default"));
	audit_free(&r);

	/* a default no source gives: a note, never a finding from a guess */
	s.g[0].live.state = CONFIG_LIVE_UNKNOWN;
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_null(find(&r, "no-dead-peer-detection", &n));
	assert_true(has_note(&r, "no-dead-peer-detection not checked"));
	audit_free(&r);
}

static void
test_slow_dpd(void **state)
{
	struct site s;
	struct audit_result r;
	const struct audit_finding *f;
	size_t n;

	(void)state;
	site_init(&s);
	/* RouterOS dpd-interval=2m dpd-maximum-failures=5: ten minutes */
	s.g[0].live.dead_after = 600;
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_non_null(f = find(&r, "slow-dead-peer-detection", &n));
	assert_int_equal(n, 1);
	assert_int_equal(f->line, 12);
	assert_non_null(strstr(words(&f->say), "after 600 s"));
	assert_non_null(strstr(words(&f->say), "for 560 s"));
	audit_free(&r);

	/* a lower bound is said as one */
	s.g[0].live.exact = 0;
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_non_null(f = find(&r, "slow-dead-peer-detection", &n));
	assert_non_null(strstr(words(&f->say), "at least 600 s"));
	audit_free(&r);

	/* within AWS's 40 s: nothing */
	s.g[0].live.dead_after = 40;
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_null(find(&r, "slow-dead-peer-detection", &n));
	audit_free(&r);
}

static void
test_initiation(void **state)
{
	struct site s;
	struct audit_result r;
	const struct audit_finding *f;
	size_t n;

	(void)state;
	site_init(&s);
	s.g[0].start.state = CONFIG_START_NEVER;
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_non_null(f = find(&r, "no-ike-initiator", &n));
	assert_int_equal(n, 1);
	assert_int_equal(f->line, 20);
	assert_int_equal(f->fix[0].kind, FIX_INITIATE);
	audit_free(&r);

	/* on traffic brings it back once BGP or users send: not a finding */
	s.g[0].start.state = CONFIG_START_ON_TRAFFIC;
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_null(find(&r, "no-ike-initiator", &n));
	audit_free(&r);

	/* toward a peer that must only be answered, initiating is the finding */
	assert_int_equal(run(&s, "sakura", &r), 0);
	assert_non_null(f = find(&r, "initiator-against-responder-peer", &n));
	assert_int_equal(f->fix[0].kind, FIX_RESPOND_ONLY);
	audit_free(&r);
	s.g[0].start.state = CONFIG_START_NEVER;
	assert_int_equal(run(&s, "sakura", &r), 0);
	assert_null(find(&r, "initiator-against-responder-peer", &n));
	audit_free(&r);

	s.g[0].start.state = CONFIG_START_UNKNOWN;
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_null(find(&r, "no-ike-initiator", &n));
	assert_true(has_note(&r, "no-ike-initiator not checked"));
	audit_free(&r);
}

static void
test_clamp(void **state)
{
	struct site s;
	struct audit_result r;
	const struct audit_finding *f;
	size_t n;

	(void)state;
	site_init(&s);
	s.t[0].mss_value = 1400; /* 1440 > 1436 */
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_non_null(f = find(&r, "mss-above-tunnel-mtu", &n));
	assert_int_equal(f->line, 32);
	audit_free(&r);

	memset(&s.t[0].mss, 0, sizeof(s.t[0].mss));
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_non_null(f = find(&r, "no-mss-clamp", &n));
	assert_int_equal(f->line, 30);
	assert_int_equal(f->fix[f->nfix - 1].kind, FIX_TUNNEL_MSS);
	audit_free(&r);

	/* a format whose router clamps by itself */
	{
		struct config_facts autoclamp = facts;
		autoclamp.clamp_default = CONFIG_CLAMP_AUTO;
		s.c.facts = &autoclamp;
		assert_int_equal(run(&s, "aws", &r), 0);
		assert_null(find(&r, "no-mss-clamp", &n));
		audit_free(&r);
	}
}

/* no-reinitiation reads the start view (config_start.after_stays) in the
 * words of its why (audit.c reinit_says[]), whatever the vendor field says
 * (Junos here): a swanctl view and an ipsec.conf view give their findings,
 * one the SA comes back from (after_stays 0) or of no words gives none. */
static const struct reinit_row {
	enum config_start_why why;
	int stays;
	const char *says; /* NULL: no finding */
} reinit_rows[] = {
	{ CONFIG_SWHY_SWAN, 1, "dpd_action" },
	{ CONFIG_SWHY_SWAN, 0, NULL },
	{ CONFIG_SWHY_IPC_DPD_STAYS, 1, "dpdaction" },
	{ CONFIG_SWHY_IPC_LOADS, 0, NULL },
	{ CONFIG_SWHY_RTX_GW, 1, NULL },
};

static void
test_reinit_rows(void **state)
{
	/* an older format's row: not neutral, so the tunnel's own start view is read */
	static const struct config_facts plain = { .clamp_in_config = 1, .peer_word = "gateway" };

	(void)state;
	for (size_t i = 0; i < COUNT(reinit_rows); i++) {
		const struct reinit_row *w = &reinit_rows[i];
		struct site s;
		struct audit_result r;
		const struct audit_finding *f;
		size_t n;
		site_init(&s);
		s.c.facts = &plain;
		s.t[0].start = (struct config_start){ .state = CONFIG_START_ALWAYS,
						      .why = w->why,
						      .set = 1,
						      .after_stays = w->stays };
		assert_int_equal(run(&s, "aws", &r), 0);
		f = find(&r, "no-reinitiation", &n);
		if (!w->says && f)
			fail_msg("row %zu: a finding: %s", i, words(&f->say));
		if (w->says && (!f || n != 1 || !strstr(words(&f->say), w->says)))
			fail_msg("row %zu: %s, want '%s'", i, f ? words(&f->say) : "no finding",
				 w->says);
		audit_free(&r);
	}
}

/* The clamp default is one facts row per format (config_facts.clamp_*):
 * each state and whose words say it gives its finding, and the row's
 * clamp_source is what the finding cites; no vendor is asked. */
static const struct clamp_row {
	enum config_clamp_state dflt;
	const struct config_since *since;
	enum config_clamp_why why;
	const char *firmware;
	const char *model; /* what the parser reads from firmware */
	long release;
	const char *says; /* NULL: no finding */
} clamp_rows[] = {
	{ CONFIG_CLAMP_AUTO, NULL, CONFIG_CWHY_NONE, "", "", 0, NULL },
	{ CONFIG_CLAMP_NONE, NULL, CONFIG_CWHY_NONE, "", "", 0,
	  "Juniper Junos clamps nothing unless told to" },
	{ CONFIG_CLAMP_UNKNOWN, NULL, CONFIG_CWHY_NONE, "", "", 0,
	  "what Juniper Junos does without one was not found" },
	{ CONFIG_CLAMP_UNKNOWN, NULL, CONFIG_CWHY_IX, "", "", 0, "the IX default was not found" },
	/* by firmware: a listed revision on, before it, and no header */
	{ CONFIG_CLAMP_NONE,
	  (const struct config_since[]){ { "X1", CONFIG_RELEASE(2, 0, 5) }, { NULL, 0 } },
	  CONFIG_CWHY_RTX, "X1 Rev.2.0.5 (test)", "X1", CONFIG_RELEASE(2, 0, 5), NULL },
	{ CONFIG_CLAMP_NONE,
	  (const struct config_since[]){ { "X1", CONFIG_RELEASE(2, 0, 5) }, { NULL, 0 } },
	  CONFIG_CWHY_RTX, "X1 Rev.2.0.4 (test)", "X1", CONFIG_RELEASE(2, 0, 4),
	  "on this firmware (X1 Rev.2.0.4 (test), line 1) the default is off" },
	{ CONFIG_CLAMP_NONE,
	  (const struct config_since[]){ { "", CONFIG_RELEASE(2, 0, 5) }, { NULL, 0 } },
	  CONFIG_CWHY_RTX, "Y9 Rev.3.1.0", "Y9", CONFIG_RELEASE(3, 1, 0), NULL },
	{ CONFIG_CLAMP_NONE,
	  (const struct config_since[]){ { "X1", CONFIG_RELEASE(2, 0, 5) }, { NULL, 0 } },
	  CONFIG_CWHY_RTX, "", "", 0, "does not say which firmware it came from" },
};

static void
test_clamp_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(clamp_rows); i++) {
		const struct clamp_row *w = &clamp_rows[i];
		struct config_facts x = facts;
		struct site s;
		struct audit_result r;
		const struct audit_finding *f;
		char src[512];
		size_t n;
		site_init(&s);
		s.t[0].mss = (struct config_num){ 0 };
		x.clamp_default = w->dflt;
		x.clamp_since = w->since;
		x.clamp_why = w->why;
		x.clamp_source = "the row's own source (test)";
		s.c.facts = &x;
		snprintf(s.c.firmware, sizeof(s.c.firmware), "%s", w->firmware);
		s.c.firmware_line = *w->firmware ? 1 : 0;
		snprintf(s.c.model, sizeof(s.c.model), "%s", w->model);
		s.c.release = w->release;
		assert_int_equal(run(&s, "aws", &r), 0);
		f = find(&r, "no-mss-clamp", &n);
		if (!w->says && f)
			fail_msg("row %zu: a finding: %s", i, words(&f->say));
		if (w->says && (!f || !strstr(words(&f->say), w->says)))
			fail_msg("row %zu: %s, want '%s'", i, f ? words(&f->say) : "no finding",
				 w->says);
		if (f)
			assert_string_equal(audit_source(&r, f->check, src, sizeof(src)),
					    "the row's own source (test)");
		audit_free(&r);
	}
}

static void
test_selectors_and_natt(void **state)
{
	struct site s;
	struct audit_result r;
	const struct audit_finding *f;
	size_t n;

	(void)state;
	site_init(&s);
	s.t[0].inside = (struct config_prefix){
		0xa9fe0a00u, 30, 33, 0, "family inet address 169.254.10.2/30", 0
	};
	s.b[0] = (struct config_bgp){ .addr = 0xa9fe0a01u,
				      .line = 40,
				      .text = "neighbor 169.254.10.1" };
	s.c.bgp = s.b;
	s.c.nbgp = 1;
	/* unset selectors default to the peers' own addresses */
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_non_null(f = find(&r, "narrow-selectors-with-bgp", &n));
	assert_non_null(strstr(words(&f->say), "the peers' own addresses (test)"));
	audit_free(&r);
	/* 0.0.0.0/0 both ways: BGP fits */
	s.g[0].local_id = (struct config_prefix){ 0, 0, 21, 0, "local 0.0.0.0/0", 0 };
	s.g[0].remote_id = (struct config_prefix){ 0, 0, 22, 0, "remote 0.0.0.0/0", 0 };
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_null(find(&r, "narrow-selectors-with-bgp", &n));
	audit_free(&r);
	/* a /24 is narrower */
	s.g[0].local_id = (struct config_prefix){ 0xc0000200u, 24, 21, 0, "local 192.0.2.0/24", 0 };
	assert_int_equal(run(&s, "aws", &r), 0);
	assert_non_null(f = find(&r, "narrow-selectors-with-bgp", &n));
	assert_int_equal(f->line, 21);
	assert_int_equal(f->fix[0].kind, FIX_SELECTORS_ANY);
	audit_free(&r);
}

static struct config_prefix
pfx(uint32_t addr, unsigned plen, unsigned line, const char *text)
{
	struct config_prefix p = { addr, plen, line, 0, "", 0 };

	snprintf(p.text, sizeof(p.text), "%s", text);
	return p;
}

/* Policies of their own per tunnel (RouterOS, issue 21 review 2 #2): a
 * peer's LAN policy beside a /32 policy between the BGP inside addresses.
 * The /32 pair carries BGP: no finding. A /32 pair that misses this end's
 * inside address does not: the finding quotes that policy, and each peer
 * is judged with its own neighbour (a LAN-only tunnel of peer 2 once took
 * peer 1's neighbour from 169.254.0.0/16). */
static void
test_selectors_per_tunnel(void **state)
{
	static const char lan[] =
		"add dst-address=192.168.0.0/24 peer=p proposal=x src-address=10.0.0.0/16 tunnel=yes";
	static const char bgp[] =
		"add dst-address=169.254.11.1/32 peer=p2 proposal=x src-address=169.254.11.6/32 tunnel=yes";
	struct config_tunnel t[4];
	struct config_gateway g[2];
	struct config_bgp b[2];
	struct config c;
	struct audit_result r;
	struct audit_input in = { .cfg = &c, .peer = model_peer("aws") };
	const struct audit_finding *f;
	size_t n;

	(void)state;
	memset(&c, 0, sizeof(c));
	memset(t, 0, sizeof(t));
	memset(g, 0, sizeof(g));
	c.vendor = VENDOR_ROUTEROS;
	c.facts = &facts;
	for (int k = 0; k < 2; k++) {
		uint32_t net = 0xa9fe0a00u + (uint32_t)k * 0x100; /* 169.254.10.0, .11.0 */
		snprintf(g[k].name, sizeof(g[k].name), "p%d", k + 1);
		g[k].line = (unsigned)k + 1;
		g[k].live.state = CONFIG_LIVE_ON;
		g[k].live.dead_after = 30;
		g[k].start.state = CONFIG_START_ALWAYS;
		/* the peer's first policy is the LAN one: the gateway's pair */
		g[k].local_id =
			pfx(0x0a000000u, 16, 10u + 10u * (unsigned)k, "src-address=10.0.0.0/16");
		g[k].remote_id =
			pfx(0xc0a80000u, 24, 10u + 10u * (unsigned)k, "dst-address=192.168.0.0/24");
		for (int j = 0; j < 2; j++) {
			struct config_tunnel *u = &t[2 * k + j];
			unsigned line = 10u + 10u * (unsigned)k + 3u * (unsigned)j;
			snprintf(u->name, sizeof(u->name), "p%d-%d", k + 1, j + 1);
			u->line = line;
			u->kind = CONFIG_TK_IPSEC;
			u->gateway = k;
			if (j == 0) {
				u->sel_local = pfx(0x0a000000u, 16, line, lan);
				u->sel_remote = pfx(0xc0a80000u, 24, line, lan);
				continue;
			}
			u->inside =
				pfx(net + 2, 30, 5u + (unsigned)k, "add address=169.254.x.2/30");
			u->remote = pfx(net + 1, 32, line, "dst-address=169.254.x.1/32");
			u->sel_local =
				pfx(net + 2, 32, line,
				    "add dst-address=169.254.x.1/32 src-address=169.254.x.2/32");
			u->sel_remote =
				pfx(net + 1, 32, line,
				    "add dst-address=169.254.x.1/32 src-address=169.254.x.2/32");
		}
		b[k] = (struct config_bgp){ .addr = net + 1, .line = 40u + (unsigned)k };
	}
	c.tunnels = t;
	c.ntunnels = 4;
	c.gateways = g;
	c.ngateways = 2;
	c.bgp = b;
	c.nbgp = 2;
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_run(&in, &r), 0);
	assert_null(find(&r, "narrow-selectors-with-bgp", &n));
	audit_free(&r);

	/* peer 2's /32 policy from an address that is not its inside one */
	t[3].sel_local = pfx(0xa9fe0b06u, 32, 23, bgp);
	t[3].sel_remote = pfx(0xa9fe0b01u, 32, 23, bgp);
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_run(&in, &r), 0);
	assert_non_null(f = find(&r, "narrow-selectors-with-bgp", &n));
	assert_int_equal(n, 1);
	assert_string_equal(f->where, "gateway p2");
	assert_int_equal(f->line, 23);
	assert_string_equal(f->text, bgp);
	assert_non_null(strstr(words(&f->say), "BGP neighbour 169.254.11.1 (line 41)"));
	audit_free(&r);

	/* peer 2 without its /32 policy: its LAN policy is cited, its neighbour
	 * found in 169.254.0.0/16 (the first written, as before) */
	c.ntunnels = 3;
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_run(&in, &r), 0);
	assert_non_null(f = find(&r, "narrow-selectors-with-bgp", &n));
	assert_int_equal(n, 1);
	assert_int_equal(f->line, 20);
	assert_string_equal(f->text, lan);
	audit_free(&r);
}

/* Many peers, each with its BGP neighbour in its own /30, written in the
 * opposite order: every gateway names its own neighbour, the first written
 * where two fit, and the work is linear (a gateway-by-neighbour-by-tunnel
 * search took hours at this size). */
static void
test_hub_bgp(void **state)
{
	enum { N = 3000 };
	static struct config_tunnel t[N];
	static struct config_gateway g[N];
	static struct config_bgp b[N + 1];
	struct config c;
	struct audit_result r;
	struct audit_input in = { .cfg = &c, .peer = model_peer("aws") };
	size_t narrow = 0;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.vendor = VENDOR_JUNOS;
	c.facts = &facts;
	for (int i = 0; i < N; i++) {
		uint32_t net = 0xa9fe0000u + (uint32_t)i * 4;
		snprintf(g[i].name, sizeof(g[i].name), "gw%d", i);
		g[i].line = (unsigned)i + 1;
		g[i].live.state = CONFIG_LIVE_ON;
		g[i].live.dead_after = 30;
		g[i].start.state = CONFIG_START_ALWAYS;
		g[i].local_id =
			(struct config_prefix){ 0xc0000200u,          24, (unsigned)i + 1, 0,
						"local 192.0.2.0/24", 0 };
		snprintf(t[i].name, sizeof(t[i].name), "st0.%d", i);
		t[i].kind = CONFIG_TK_IPSEC;
		t[i].gateway = i;
		t[i].line = (unsigned)i + 1;
		t[i].inside = (struct config_prefix){ net + 2, 30, (unsigned)i + 1, 0, "", 0 };
		b[N - 1 - i] = (struct config_bgp){ .addr = net + 1, .line = (unsigned)(N - i) };
	}
	b[N] = (struct config_bgp){ .addr = 0xa9fe0002u,
				    .line = 99999 }; /* gw0's second, written last */
	c.tunnels = t;
	c.ntunnels = N;
	c.gateways = g;
	c.ngateways = N;
	c.bgp = b;
	c.nbgp = N + 1;
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_run(&in, &r), 0);
	for (size_t i = 0; i < r.nfindings; i++) {
		const struct audit_finding *f = &r.findings[i];
		char want[64];
		int k;
		if (strcmp(f->check->id, "narrow-selectors-with-bgp") != 0)
			continue;
		assert_int_equal(sscanf(f->where, "gateway gw%d", &k), 1);
		snprintf(want, sizeof(want), "169.254.%d.%d (line %d)", k * 4 / 256,
			 k * 4 % 256 + 1, N - k);
		if (!strstr(words(&f->say), want))
			fail_msg("%s: %s, want %s", f->where, words(&f->say), want);
		narrow++;
	}
	assert_int_equal(narrow, N);
	audit_free(&r);
}

/* core/audit_hint.c: without --peer, a neighbour of the tunnel with one of
 * Amazon's legacy public ASNs gives one note and peer_hint aws; with a
 * peer, with 64512 (AWS's default since 2018, also other clouds') or with
 * a neighbour neither through the tunnel nor in 169.254.0.0/16, none. */
static int
count_notes(const struct audit_result *r, int code)
{
	int n = 0;

	for (size_t i = 0; i < r->nnotes; i++)
		n += r->notes[i].code == code;
	return n;
}

static void
test_peer_hint(void **state)
{
	static const unsigned legacy[] = { 7224, 9059, 17493, 10124 };
	struct site s;
	struct audit_result r;
	struct config_bgp b[2];
	struct audit_input in = { .cfg = &s.c };

	(void)state;
	site_init(&s);
	s.t[0].inside = (struct config_prefix){
		0xc0000200u, 30, 33, 0, "family inet address 192.0.2.2/30", 0
	};
	b[0] = (struct config_bgp){ .addr = 0xc0000201u, .as = 64512, .line = 40 };
	b[1] = (struct config_bgp){ .addr = 0xc0000205u, .as = 7224, .line = 41 };
	s.c.bgp = b;
	s.c.nbgp = 2;
	/* 7224 outside the tunnel's /30 and outside 169.254/16: no evidence */
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_run(&in, &r), 0);
	assert_int_equal(count_notes(&r, NOTE_AWS_ASN), 0);
	assert_null(r.peer_hint);
	audit_free(&r);
	for (size_t i = 0; i < COUNT(legacy); i++) {
		/* through the tunnel: the note, naming its line and AS */
		b[0].as = legacy[i];
		memset(&r, 0, sizeof(r));
		assert_int_equal(audit_run(&in, &r), 0);
		assert_int_equal(count_notes(&r, NOTE_AWS_ASN), 1);
		assert_non_null(r.peer_hint);
		assert_string_equal(r.peer_hint->name, "aws");
		assert_string_equal(r.peer->name, "generic"); /* never switched */
		assert_true(has_note(&r, "192.0.2.1 (line 40)"));
		assert_true(has_note(&r, "--peer aws"));
		audit_free(&r);
	}
	/* 64512 through the tunnel: none */
	b[0].as = 64512;
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_run(&in, &r), 0);
	assert_int_equal(count_notes(&r, NOTE_AWS_ASN), 0);
	assert_null(r.peer_hint);
	audit_free(&r);
	/* a link-local neighbour with 9059 counts even with no tunnel reaching it,
	 * once only though both neighbours show it */
	b[0] = (struct config_bgp){ .addr = 0xa9fe0001u, .as = 9059, .line = 40 };
	b[1] = (struct config_bgp){ .addr = 0xa9fe0005u, .as = 9059, .line = 41 };
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_run(&in, &r), 0);
	assert_int_equal(count_notes(&r, NOTE_AWS_ASN), 1);
	assert_true(has_note(&r, "169.254.0.1 (line 40) has AS 9059"));
	audit_free(&r);
	/* --peer-config: the other end is read, no hint */
	in.peer_known = 1;
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_run(&in, &r), 0);
	assert_int_equal(count_notes(&r, NOTE_AWS_ASN), 0);
	assert_null(r.peer_hint);
	audit_free(&r);
	in.peer_known = 0;
	/* --peer given (even generic): the user chose, no hint */
	in.peer = model_peer("generic");
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_run(&in, &r), 0);
	assert_int_equal(count_notes(&r, NOTE_AWS_ASN), 0);
	assert_null(r.peer_hint);
	audit_free(&r);
}

/* The older formats (RTX, IX, swanctl.conf, ipsec.conf) are not `neutral`
 * yet, but their DPD is read from the same view: the reason their model
 * step gives (config_live.why) picks the words through audit.c's
 * dpd_says[], whatever the vendor field says (Junos here), and a tunnel's
 * config_tunnel.hold gives the seconds. */
static const struct config_facts old_facts = { .clamp_in_config = 1, .peer_word = "gateway" };

static const struct old_row {
	enum config_live_state state;
	enum config_live_why why;
	const char *peer;
	int code;         /* the finding's SAY_*; SAY_NONE: none */
	const char *says; /* in its words (or a note's, without a finding) */
} old_rows[] = {
	{ CONFIG_LIVE_OFF, CONFIG_WHY_RTX_OFF, "aws", SAY_RTX_KEEPALIVE_OFF,
	  "keepalive is off: the router" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_RTX_UNSET, "aws", SAY_RTX_NO_KEEPALIVE,
	  "no ipsec ike keepalive use: IKEv1" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_RTX_HEARTBEAT_AUTO, "aws", SAY_RTX_HEARTBEAT_AUTO,
	  "keepalive auto with heartbeat" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_RTX_V2_UNSET, "aws", SAY_RTX_V2_NO_KEEPALIVE,
	  "IKEv2 then runs rfc4306 with switch auto" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_RTX_V2_AUTO, "aws", SAY_RTX_V2_AUTO,
	  "keepalive auto with rfc4306 (IKEv2) only answers" },
	{ CONFIG_LIVE_SAME_MAKE, CONFIG_WHY_RTX_HEARTBEAT, "aws", SAY_RTX_HEARTBEAT_PEER,
	  "AWS Site-to-Site VPN does not answer it" },
	/* a peer the profile does not mark non_yamaha answers heartbeat */
	{ CONFIG_LIVE_SAME_MAKE, CONFIG_WHY_RTX_HEARTBEAT, "generic", SAY_NONE, NULL },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_IX_V1, "aws", SAY_IX_NO_DPD,
	  "no ike keepalive or watch-group for this peer" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_IX_V2, "aws", SAY_IX_NO_DPD,
	  "no ikev2 dpd interval (per tunnel" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_SWAN_ZERO, "aws", SAY_SWAN_NO_DPD,
	  "dpd_delay is 0: strongSwan" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_SWAN_UNSET, "aws", SAY_SWAN_NO_DPD,
	  "dpd_delay is not set (default 0s):" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_IPC_NO_ACTION, "aws", SAY_IPC_SWAN_NO_DPD,
	  "line twelve: strongSwan sends no DPD" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_IPC_NO_ACTION_UNSET, "aws", SAY_IPC_SWAN_NO_DPD,
	  "dpdaction is not set: strongSwan" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_IPC_NO_TIMEOUT, "aws", SAY_IPC_LIBRE_NO_TIMEOUT,
	  "line twelve without dpdtimeout" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_IPC_NO_DELAY, "aws", SAY_IPC_LIBRE_NO_DPD,
	  "line twelve: Libreswan sends no DPD" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_IPC_NO_DELAY_UNSET, "aws", SAY_IPC_LIBRE_NO_DPD,
	  "dpddelay is not set: Libreswan" },
	{ CONFIG_LIVE_OFF, CONFIG_WHY_NONE, "aws", SAY_DPD_NONE,
	  "DPD is off: no dead peer detection" },
	{ CONFIG_LIVE_UNKNOWN, CONFIG_WHY_NO_TUNNEL, "aws", SAY_NONE,
	  "gw-aws-1: no tunnel is bound to it" },
	{ CONFIG_LIVE_UNKNOWN, CONFIG_WHY_NONE, "aws", SAY_NONE,
	  "whether Juniper Junos detects a dead peer" },
	{ CONFIG_LIVE_ON, CONFIG_WHY_RTX_OFF, "aws", SAY_NONE, NULL },
};

/* a tunnel's hold: what audit_dpd_hold() returns, what slow-dpd says */
/* clang-format off */
static const struct { long v; int exact; long ret; const char *says; } holds[] = {
	{ 90, 1, 90, "DPD declares the peer dead after 90 s" },
	{ 90, 0, 90, "after at least 90 s" },
	{ CONFIG_HOLD_NONE, 0, -1, NULL },       /* no DPD whose hold counts */
	{ CONFIG_HOLD_UNKNOWN, 0, -2, NULL },    /* not known */
};
/* clang-format on */

static void
test_old_formats_dpd(void **state)
{
	struct site s;
	struct audit_result r;
	const struct audit_finding *f;
	unsigned line = 0;
	const char *text = "";
	int exact;
	size_t n;

	(void)state;
	for (size_t i = 0; i < COUNT(old_rows); i++) {
		const struct old_row *w = &old_rows[i];
		site_init(&s);
		s.c.facts = &old_facts;
		snprintf(s.g[0].live.src.text, sizeof(s.g[0].live.src.text), "line twelve");
		s.g[0].live.state = w->state;
		s.g[0].live.why = w->why;
		assert_int_equal(run(&s, w->peer, &r), 0);
		f = find(&r, "no-dead-peer-detection", &n);
		if (w->code == SAY_NONE) {
			if (f)
				fail_msg("row %zu: a finding (%s)", i, words(&f->say));
			if (w->says && !has_note(&r, w->says))
				fail_msg("row %zu: no note saying '%s'", i, w->says);
		} else {
			if (!f)
				fail_msg("row %zu: no finding", i);
			assert_int_equal(n, 1);
			assert_int_equal(f->say.code, w->code);
			assert_int_equal(f->line, 12);
			assert_string_equal(f->where, "gateway gw-aws-1");
			if (!strstr(words(&f->say), w->says) ||
			    !strstr(words(&f->say), "; AWS clears its side"))
				fail_msg("row %zu: '%s' does not say '%s'", i, words(&f->say),
					 w->says);
			assert_int_equal(f->fix[0].kind, FIX_KEEPALIVE);
		}
		audit_free(&r);
	}

	/* a method the line names and the router does not run: a note,
	 * whatever the state says (RTX 15.20: dpd on IKEv2 runs as rfc4306) */
	for (int st = CONFIG_LIVE_OFF; st <= CONFIG_LIVE_ON; st++) {
		site_init(&s);
		s.c.facts = &old_facts;
		s.g[0].live.src =
			(struct config_num){ 1, 12, 0, "ipsec ike keepalive use 1 on dpd", 0 };
		s.g[0].live.state = (enum config_live_state)st;
		s.g[0].live.why = st == CONFIG_LIVE_OFF ? CONFIG_WHY_RTX_V2_AUTO : CONFIG_WHY_NONE;
		s.g[0].live.named = "dpd";
		s.g[0].live.instead = "rfc4306";
		s.g[0].live.ike = 2;
		assert_int_equal(run(&s, "aws", &r), 0);
		assert_true(has_note(
			&r,
			"line 12: ipsec ike keepalive use 1 on dpd: dpd is no keepalive method of IKEv2, "
			"so the router runs rfc4306 in its place"));
		f = find(&r, "no-dead-peer-detection", &n);
		assert_true(st == CONFIG_LIVE_OFF ? f != NULL : f == NULL);
		audit_free(&r);
	}

	/* the tunnel's hold, not the gateway's numbers (those are the
	 * neutral formats'), against AWS's 40 s */
	site_init(&s);
	s.c.facts = &old_facts;
	s.g[0].live.dead_after = 600;
	assert_int_equal(audit_dpd_hold(&s.c, 0, &line, &text, &exact), -2);
	for (size_t i = 0; i < COUNT(holds); i++) {
		s.t[0].hold =
			(struct config_hold){ 1,
					      holds[i].v,
					      holds[i].exact,
					      { 1, 22, 0, "ipsec ike keepalive use 1 on dpd 30 3",
						0 } };
		line = 0;
		assert_int_equal(audit_dpd_hold(&s.c, 0, &line, &text, &exact), holds[i].ret);
		assert_int_equal(line, holds[i].ret >= 0 ? 22 : 0);
		assert_int_equal(exact, holds[i].ret >= 0 ? holds[i].exact : 0);
		assert_int_equal(run(&s, "aws", &r), 0);
		f = find(&r, "slow-dead-peer-detection", &n);
		if (!holds[i].says)
			assert_null(f);
		else if (!f || f->line != 22 || !strstr(words(&f->say), holds[i].says))
			fail_msg("hold %zu: no slow-dead-peer-detection at line 22 saying '%s'", i,
				 holds[i].says);
		audit_free(&r);
	}
}

/* An older format's no-mss-clamp finding cites its own vendor's
 * document (audit_source()), never the other older vendor's default. */
static void
test_old_formats_clamp_source(void **state)
{
	/* each format's own facts row (config.c), as its parser leaves it */
	static const struct {
		enum vendor_id v;
		const char *text, *own, *other;
	} rows[] = {
		{ VENDOR_RTX, "tunnel select 1\n ip tunnel mtu 1280\n",
		  "Yamaha RTX command reference 8.1.21", "NEC" },
		{ VENDOR_IX, "interface Tunnel0.0\n  ip mtu 1280\n",
		  "NEC IX: the ip tcp adjust-mss default was not found", "Yamaha" },
	};
	struct site s;
	struct audit_result r;
	const struct audit_finding *f;
	struct config parsed;
	char buf[512];
	const char *src;
	size_t n;

	(void)state;
	for (size_t i = 0; i < COUNT(rows); i++) {
		if (config_parse(rows[i].text, strlen(rows[i].text), (int)rows[i].v, &parsed, buf,
				 sizeof(buf)) < 0)
			fail_msg("row %zu: %s", i, buf);
		site_init(&s);
		s.c.facts = parsed.facts;
		config_free(&parsed);
		s.c.vendor = rows[i].v;
		memset(&s.t[0].mss, 0, sizeof(s.t[0].mss));
		assert_int_equal(run(&s, "aws", &r), 0);
		f = find(&r, "no-mss-clamp", &n);
		if (!f)
			fail_msg("row %zu: no no-mss-clamp finding", i);
		src = audit_source(&r, f->check, buf, sizeof(buf));
		if (!strstr(src, rows[i].own) || strstr(src, rows[i].other))
			fail_msg("row %zu: source '%s'", i, src);
		audit_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_dpd_off_and_unknown),
		cmocka_unit_test(test_slow_dpd),
		cmocka_unit_test(test_initiation),
		cmocka_unit_test(test_clamp),
		cmocka_unit_test(test_clamp_rows),
		cmocka_unit_test(test_reinit_rows),
		cmocka_unit_test(test_selectors_and_natt),
		cmocka_unit_test(test_selectors_per_tunnel),
		cmocka_unit_test(test_hub_bgp),
		cmocka_unit_test(test_peer_hint),
		cmocka_unit_test(test_old_formats_dpd),
		cmocka_unit_test(test_old_formats_clamp_source),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
