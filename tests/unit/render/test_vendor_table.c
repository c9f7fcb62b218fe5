/* SPDX-License-Identifier: BSD-2-Clause */
/* The one vendor table (render/vendor_tables.c), structurally (issue 21):
 * - every MTU/MSS fix row of the audit IS one of the vendor's calc lines
 *   (the same struct vline), every line names its source, and every
 *   vendor a parser reads has fix rows: a vendor is its rows and nothing
 *   else;
 * - calc and the audit print the same tunnel MTU and MSS lines for the same
 *   tunnel: a configuration (in the router's own words, with a clamp too
 *   big) audited for a line MTU and ESP, and calc's block for that line MTU
 *   and ESP, both hold "ip tunnel mtu N" / "ip tunnel tcp mss limit M"
 *   (RTX) or "ip mtu N" / "ip tcp adjust-mss M" (IX), N and M the model's
 *   numbers. The expected lines are written here from the vendors'
 *   documents (doc/vendor-syntax.md), not taken from the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/config.h"
#include "core/audit.h"
#include "core/model.h"
#include "render/audit_out.h"
#include "render/vendor_int.h"

static int
in_calc_rows(const struct vendor_def *d, const struct vline *l)
{
	for (size_t s = 0; s < d->nsections; s++)
		for (size_t i = 0; i < d->sections[s].nlines; i++)
			if (&d->sections[s].lines[i] == l)
				return 1;
	return 0;
}

static void
test_rows(void **state)
{
	(void)state;
	for (int v = 0; v < VENDOR_COUNT; v++) {
		const struct vendor_def *d = &vendor_defs[v];
		int audited = strcmp(config_vendor_name((enum vendor_id)v), "?") != 0;
		size_t from_calc = 0;
		unsigned kinds = 0;

		assert_non_null(d->display);
		assert_non_null(d->comment);
		assert_string_not_equal(vendor_id_name((enum vendor_id)v), "?");
		for (size_t s = 0; s < d->nsections; s++)
			for (size_t i = 0; i < d->sections[s].nlines; i++) {
				const struct vline *l = &d->sections[s].lines[i];
				/* a number needs where it comes from, and a range is min <= max */
				assert_non_null(l->source);
				assert_true(l->source[0] != '\0');
				assert_true(l->max == 0 || l->min <= l->max);
				assert_non_null(l->tmpl);
			}
		/* a vendor a parser reads has fix rows; one calc cannot print has none */
		if (audited)
			assert_non_null(d->fixes);
		if (!d->fixes)
			continue;
		for (size_t i = 0; i < d->fixes->n; i++) {
			const struct vfix *x = &d->fixes->rows[i];
			/* one form per row: the calc line's, or its own, or none
			 * with a note saying the fix is not expressible there */
			assert_false(x->line && x->tmpl);
			assert_true(x->line || x->tmpl || x->note);
			if (x->line) {
				assert_true(in_calc_rows(d, x->line));
				from_calc++;
			}
			/* a vendor with calc lines takes every MTU and MSS fix from
			 * them (FortiOS writes an MTU in two lines: two rows) */
			if (d->nsections &&
			    (x->kind == FIX_TUNNEL_MTU || x->kind == FIX_WAN_MTU ||
			     x->kind == FIX_TUNNEL_MSS || x->kind == FIX_TUNNEL_MSS6)) {
				assert_non_null(x->line);
				kinds |= 1u << x->kind;
			}
		}
		/* ... and has the tunnel MTU, WAN MTU and MSS fixes at least */
		if (d->nsections) {
			assert_true(from_calc >= 3);
			assert_true(kinds & (1u << FIX_TUNNEL_MTU));
			assert_true(kinds & (1u << FIX_WAN_MTU));
			assert_true(kinds & (1u << FIX_TUNNEL_MSS));
		}
	}
}

/* Lines collected from an emit() callback, or from a FILE. */
struct lines {
	char l[256][480];
	size_t n;
};

static void
keep(void *ctx, const char *line)
{
	struct lines *ls = ctx;

	if (ls->n < 256)
		snprintf(ls->l[ls->n++], sizeof(ls->l[0]), "%s", line);
}

static int
holds(const struct lines *ls, const char *want)
{
	for (size_t i = 0; i < ls->n; i++)
		if (strcmp(ls->l[i], want) == 0)
			return 1;
	return 0;
}

/* A line that ends with want: an unconfirmed line is a comment, indented
 * inside its block in the audit's fixes and not in calc's output. */
static int
ends(const struct lines *ls, const char *want)
{
	size_t n = strlen(want);

	for (size_t i = 0; i < ls->n; i++) {
		size_t k = strlen(ls->l[i]);
		if (k >= n && strcmp(ls->l[i] + k - n, want) == 0)
			return 1;
	}
	return 0;
}

/* A configuration whose tunnel's clamp is too big for any line below 1500,
 * so the audit fixes its MTU and MSS (the shapes of tests/audit/agree.py). */
struct site {
	enum vendor_id v;
	const char *tunnel;              /* its interface name, for calc */
	const char *pre, *post;          /* the configuration, before and after the ESP words */
	const char *mtu_line, *mss_line; /* as the vendor writes them, before the number */
	int mtu_comment; /* the tunnel MTU line is unconfirmed: a comment ending so */
};

/* clang-format off */
static const struct site sites[] = {
	{ VENDOR_RTX, "tunnel1",
	  "tunnel select 1\nipsec tunnel 101\nipsec sa policy 101 1 esp ",
	  "\nipsec ike keepalive use 1 on dpd 10 3\nipsec ike nat-traversal 1 off\n"
	  "ip tunnel mtu 1500\nip tunnel tcp mss limit 1460\ntunnel select none\n"
	  "ipsec auto refresh on\n",
	  "ip tunnel mtu ", "ip tunnel tcp mss limit ", 0 },  /* RTX 8.1.4, 8.1.21 */
	{ VENDOR_IX, "Tunnel0.0",
	  "ikev2 default-profile\n dpd interval 10\n", "!\ninterface Tunnel0.0\n"
	  " tunnel mode ipsec-ikev2\n ip mtu 1500\n ip tcp adjust-mss 1460\n"
	  " ikev2 connect-type auto\n"
	  " ikev2 peer 198.51.100.1 authentication psk id ipv4 198.51.100.1\n!\n",
	  "  ip mtu ", "  ip tcp adjust-mss ", 0 },          /* inside interface, indented */
	/* FortiOS: the tunnel's mtu-override/mtu rows are unconfirmed (comments
	 * in both), tcp-mss is inside edit, 8 blanks in */
	{ VENDOR_FORTIGATE, "t1",
	  "config vpn ipsec phase1-interface\nedit \"t1\"\nset interface \"wan1\"\n"
	  "set remote-gw 198.51.100.1\nset dpd on-idle\nset dpd-retryinterval 10\nnext\nend\n"
	  "config vpn ipsec phase2-interface\nedit \"t1\"\nset phase1name \"t1\"\nset proposal ",
	  "\nset auto-negotiate enable\nnext\nend\nconfig system interface\nedit \"t1\"\n"
	  "set type tunnel\nset mtu-override enable\nset mtu 1500\nset tcp-mss 1460\nnext\nend\n",
	  "check your manual before use: set mtu ", "        set tcp-mss ", 1 },
	{ VENDOR_CISCO_IOS, "Tunnel1",
	  "crypto isakmp keepalive 10 3 periodic\ncrypto ipsec transform-set ts ",
	  "\ncrypto ipsec profile p\n set transform-set ts\ninterface Tunnel1\n"
	  " tunnel destination 198.51.100.1\n tunnel mode ipsec ipv4\n"
	  " tunnel protection ipsec profile p\n ip mtu 1500\n ip tcp adjust-mss 1460\n",
	  " ip mtu ", " ip tcp adjust-mss ", 0 },            /* interface mode, one blank */
};
/* clang-format on */

/* strongSwan proposal; RTX words; IX child-proposal lines; FortiOS proposal; IOS
 * transform-set words (NULL: none the audit's ESP table maps for that vendor) */
static const struct {
	const char *proposal, *rtx, *ix, *fortios, *ios;
} esps[] = {
	{ "aes128-sha1", "aes-cbc sha-hmac",
	  " child-proposal enc aes-cbc-128\n child-proposal integrity sha1\n", "aes128-sha1",
	  "esp-aes 128 esp-sha-hmac" },
	{ "aes256-sha256", "aes256-cbc sha256-hmac",
	  " child-proposal enc aes-cbc-256\n child-proposal integrity sha2-256\n", "aes256-sha256",
	  NULL },
	{ "aes256gcm16", "aes256-gcm",
	  " child-proposal enc aes-gcm-256-16\n child-proposal integrity sha2-512\n", "aes256gcm",
	  NULL },
	{ "aes256-sha1", "aes256-cbc sha-hmac", NULL, "aes256-sha1", "esp-aes 256 esp-sha-hmac" },
};

static const unsigned wans[] = { 1500, 1454, 1414, 1280 };

static void
calc_lines(const struct site *s, unsigned wan, const char *proposal, struct model_result *m,
	   struct lines *out)
{
	struct model_input in;
	struct vendor_opts o = { "test", NULL, NULL };
	struct vendor_iface ifs[2];
	char err[256], *buf = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *f;

	memset(&in, 0, sizeof(in));
	in.link_mtu = wan;
	in.peer = model_peer("aws");
	in.has_esp = 1;
	assert_int_equal(model_parse_proposal(proposal, &in.esp, err, sizeof(err)), 0);
	model_default_stack(&in, 0, 0, 0);
	assert_int_equal(model_compute(&in, m, err, sizeof(err)), 0);
	ifs[0] = (struct vendor_iface){ vendor_default_wan(s->v, WAN_ETHER),
					ROLE_WAN,
					m->wan_mtu,
					m->wan_mss4,
					m->wan_mss6,
					m->wan_v6_ok,
					0 };
	ifs[1] = (struct vendor_iface){ s->tunnel, ROLE_TUNNEL, m->tunnel_mtu,
					m->mss4,   m->mss6,     m->v6_ok,
					0 };
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	vendor_render(f, s->v, &o, ifs, 2);
	fclose(f);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		keep(out, line);
	free(buf);
}

static void
audit_lines(const struct site *s, unsigned wan, const char *words, struct lines *out)
{
	char text[1024], err[256];
	struct config cfg;
	struct audit_result r;
	struct audit_input in;

	snprintf(text, sizeof(text), "%s%s%s", s->pre, words, s->post);
	assert_int_equal(config_parse(text, strlen(text), (int)s->v, &cfg, err, sizeof(err)), 0);
	memset(&r, 0, sizeof(r));
	memset(&in, 0, sizeof(in));
	in.cfg = &cfg;
	in.peer = model_peer("aws");
	in.wan_mtu = wan;
	in.wan_from = "test";
	assert_int_equal(audit_run(&in, &r), 0);
	audit_fix_lines(&r, NULL, keep, out);
	audit_free(&r);
	config_free(&cfg);
}

static void
test_calc_and_audit_agree(void **state)
{
	(void)state;
	for (size_t si = 0; si < sizeof(sites) / sizeof(sites[0]); si++)
		for (size_t e = 0; e < sizeof(esps) / sizeof(esps[0]); e++)
			for (size_t w = 0; w < sizeof(wans) / sizeof(wans[0]); w++) {
				const struct site *s = &sites[si];
				static struct lines calc, audit;
				struct model_result m;
				char mtu[64], mss[64];
				const char *words = s->v == VENDOR_RTX         ? esps[e].rtx
						    : s->v == VENDOR_IX        ? esps[e].ix
						    : s->v == VENDOR_FORTIGATE ? esps[e].fortios
									       : esps[e].ios;

				if (!words)
					continue;
				calc.n = audit.n = 0;
				calc_lines(s, wans[w], esps[e].proposal, &m, &calc);
				audit_lines(s, wans[w], words, &audit);
				snprintf(mtu, sizeof(mtu), "%s%u", s->mtu_line, m.tunnel_mtu);
				snprintf(mss, sizeof(mss), "%s%u", s->mss_line, m.mss4);
				if ((s->mtu_comment ? !ends(&calc, mtu) || !ends(&audit, mtu)
						    : !holds(&calc, mtu) || !holds(&audit, mtu)) ||
				    !holds(&calc, mss) || !holds(&audit, mss))
					fail_msg(
						"%s, line %u, %s: calc and audit should both print '%s' and '%s'",
						vendor_id_name(s->v), wans[w], esps[e].proposal,
						mtu, mss);
			}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_calc_and_audit_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
