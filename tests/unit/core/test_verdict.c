/* SPDX-License-Identifier: BSD-2-Clause */
/* The tunnel verdict and the largest safe MSS clamp (core/compare.c), and the
 * native IPv6 numbers under a 4in6 line (core/model.c). Expected numbers come
 * from the lab measurements in doc/lab-notes.md (aes128-sha1 with
 * NAT-T on a 1454 WAN: 1374; strongSwan's ipsec0 at 1400), field case 1
 * (an RTX tunnel at its 1280 default: MSS 1240 / 1220) and RFC 7597 (MAP-E:
 * 40 bytes of IPv6 around IPv4), not from the code under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/model.h"
#include "render/render.h"

/* aes128-sha1, NAT-T, measured WAN path MTU 1454: the model allows 1374. */
static void
sha1_model(struct model_result *m)
{
	struct model_input in;
	char err[256];

	memset(&in, 0, sizeof(in));
	in.link_mtu = 1454;
	in.measured = 1;
	assert_int_equal(model_parse_proposal("aes128-sha1", &in.esp, err, sizeof(err)), 0);
	model_default_stack(&in, 0, 1, 0);
	assert_int_equal(model_compute(&in, m, err, sizeof(err)), 0);
	assert_int_equal(m->tunnel_mtu, 1374);
}

struct vcase {
	const char *name;
	int with_model;
	unsigned measured, device_mtu;
	int verdict;
	unsigned tunnel_mtu, mss4, safe4, safe6;
	const char *words; /* the verdict in English (--json's "verdict"): as the
	                             * sentence core/compare.c used to write itself */
};

/* clang-format off */
static const struct vcase cases[] = {
	{ "agrees", 1, 1374, 0, TUNNEL_AGREES, 1374, 1334, 1334, 1314,
	  "tunnel path MTU 1374 agrees with the model (1374); an MSS clamp above 1334 (IPv4) / 1314 (IPv6) breaks TCP through it." },
	/* ipsec0 left at 1400: 1375..1400 pass only as fragments */
	{ "above", 1, 1400, 0, TUNNEL_ABOVE, 1374, 1334, 1334, 1314,
	  "tunnel path MTU 1400 is above the 1374 that WAN MTU 1454 and the ESP carry. 1375 to 1400 bytes pass only fragmented after encryption, and are lost where fragments are dropped; set the tunnel MTU to 1374. Until then, a clamp above 1334 (IPv4) / 1314 (IPv6) relies on those fragments." },
	/* field case 1: tunnel at 1280, any clamp above 1240 / 1220 breaks TCP */
	{ "below", 1, 1280, 0, TUNNEL_BELOW, 1374, 1334, 1240, 1220,
	  "tunnel path MTU 1280 is below the 1374 the line allows (an RTX left at its default 1280?). While it stays at 1280, any MSS clamp above 1240 (IPv4) / 1220 (IPv6) breaks TCP (field case 1). It can be raised to 1374." },
	/* ipsec0 at 1400, outer fragments dropped: r1 says 1400, only 1374 cross */
	{ "lost", 1, 1374, 1400, TUNNEL_LOST, 1374, 1334, 1334, 1314,
	  "the tunnel takes up to 1400 bytes (192.0.2.1 reported MTU 1400), but only 1374 cross: packets of 1375 to 1400 bytes are lost after encryption; set the tunnel MTU to 1374. While it stays at 1400, an MSS clamp above 1334 (IPv4) / 1314 (IPv6) breaks TCP." },
	/* the same without --esp: the measured 1374 becomes the tunnel MTU */
	{ "lost, no model", 0, 1374, 1400, TUNNEL_LOST, 1374, 1334, 1334, 1314,
	  "the tunnel takes up to 1400 bytes (192.0.2.1 reported MTU 1400), but only 1374 cross: packets of 1375 to 1400 bytes are lost after encryption; set the tunnel MTU to 1374. While it stays at 1400, an MSS clamp above 1334 (IPv4) / 1314 (IPv6) breaks TCP." },
	/* a path smaller than the model and a device above both: the path wins */
	{ "lost below model", 1, 1300, 1400, TUNNEL_LOST, 1300, 1260, 1260, 1240,
	  "the tunnel takes up to 1400 bytes (192.0.2.1 reported MTU 1400), but only 1300 cross: packets of 1301 to 1400 bytes are lost after encryption; set the tunnel MTU to 1300. While it stays at 1400, an MSS clamp above 1260 (IPv4) / 1240 (IPv6) breaks TCP." },
	/* a PTB at or below the measured size is not a black hole */
	{ "device not above", 1, 1374, 1374, TUNNEL_AGREES, 1374, 1334, 1334, 1314,
	  "tunnel path MTU 1374 agrees with the model (1374); an MSS clamp above 1334 (IPv4) / 1314 (IPv6) breaks TCP through it." },
	{ "no model", 0, 1400, 0, TUNNEL_NO_MODEL, 1400, 1360, 1360, 1340,
	  "tunnel path MTU 1400: an MSS clamp above 1360 (IPv4) / 1340 (IPv6) breaks TCP through it." },
	/* below 1280 there is no IPv6 clamp to give */
	{ "small", 0, 1200, 0, TUNNEL_NO_MODEL, 1200, 1160, 1160, 0,
	  "tunnel path MTU 1200: an MSS clamp above 1160 (IPv4; no IPv6 below 1280) breaks TCP through it." },
};
/* clang-format on */

static void
test_verdicts(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct vcase *c = &cases[i];
		struct model_result m;
		struct tunnel_evidence ev = { c->measured, c->device_mtu, "192.0.2.1" };
		struct tunnel_judgement j;
		char verdict[MODEL_MSG], warned[MODEL_MSG] = "";
		int v;

		memset(&m, 0, sizeof(m));
		if (c->with_model)
			sha1_model(&m);
		v = model_judge_tunnel(&m, &ev, &j);
		tunnel_verdict_words(&j, 0, verdict, sizeof(verdict));
		print_message("%s: %s\n", c->name, verdict);
		assert_int_equal(v, c->verdict);
		assert_int_equal(j.verdict, c->verdict);
		assert_int_equal(m.tunnel_mtu, c->tunnel_mtu);
		assert_int_equal(m.mss4, c->mss4);
		assert_int_equal(m.safe_mss4, c->safe4);
		assert_int_equal(m.safe_mss6, c->safe6);
		assert_string_equal(verdict, c->words);
		/* a disagreement is a warning too, in the same words */
		for (size_t w = 0; w < m.nwarn; w++)
			if (m.warnings[w].id == MW_TUNNEL)
				model_warning_words(&m.warnings[w], 0, warned, sizeof(warned));
		if (c->verdict == TUNNEL_AGREES || c->verdict == TUNNEL_NO_MODEL)
			assert_string_equal(warned, "");
		else
			assert_string_equal(warned, verdict);
	}
}

/* MAP-E / DS-Lite: the 1460 WAN MTU is IPv4 inside the 4in6 tunnel; IPv6 is
 * native on the line at 1500 (RFC 7597 / RFC 6333), MSS 1440, never 1400. */
static void
test_4in6_native_ipv6(void **state)
{
	struct model_input in;
	struct model_result m;
	char err[256];

	(void)state;
	memset(&in, 0, sizeof(in));
	in.line = model_line("map-e");
	in.link_mtu = in.line->mtu;
	assert_int_equal(model_wan_kind(&in), WAN_4IN6);
	assert_int_equal(model_compute(&in, &m, err, sizeof(err)), 0);
	assert_int_equal(m.wan_mtu, 1460);
	assert_int_equal(m.wan_mss4, 1420);
	assert_int_equal(m.wan_mtu6, 1500);
	assert_int_equal(m.wan_mss6, 1440);

	memset(&in, 0, sizeof(in));
	in.link_mtu = 1500;
	assert_int_equal(model_parse_stack("ds-lite,ipv4,udp,wireguard", &in, err, sizeof(err)), 0);
	assert_int_equal(model_wan_kind(&in), WAN_4IN6);
	assert_int_equal(model_compute(&in, &m, err, sizeof(err)), 0);
	assert_int_equal(m.wan_mtu, 1460);
	assert_int_equal(m.wan_mtu6, 1500);

	/* PPPoE: IPv6 shares the 1454 */
	memset(&in, 0, sizeof(in));
	in.line = model_line("flets-pppoe");
	in.link_mtu = in.line->mtu;
	assert_int_equal(model_compute(&in, &m, err, sizeof(err)), 0);
	assert_int_equal(m.wan_mtu6, 1454);
	assert_int_equal(m.wan_mss6, 1394);
}

/* The warning table is fixed: what does not fit is counted in its last
 * slot, never dropped in silence (issue 20). */
static void
test_warnings_overflow(void **state)
{
	static struct model_result m;
	char want[MODEL_MSG];

	(void)state;
	for (int i = 0; i < MODEL_MAX_WARN + 3; i++) {
		struct model_warning *w = model_warn_add(&m);
		if (i < MODEL_MAX_WARN)
			assert_non_null(w);
		else
			assert_null(w);
		if (w)
			snprintf(w->text, sizeof(w->text), "warning %d", i);
	}
	assert_int_equal(m.nwarn, MODEL_MAX_WARN);
	snprintf(want, sizeof(want), "warning %d", MODEL_MAX_WARN - 2);
	assert_int_equal(m.warnings[MODEL_MAX_WARN - 2].id, MW_TEXT);
	assert_string_equal(m.warnings[MODEL_MAX_WARN - 2].text, want);
	/* the last slot counts what was not shown: 4 of the 13 */
	assert_int_equal(m.warnings[MODEL_MAX_WARN - 1].id, MW_MORE);
	assert_int_equal(m.warnings[MODEL_MAX_WARN - 1].a, 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_4in6_native_ipv6),
		cmocka_unit_test(test_warnings_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
