/* SPDX-License-Identifier: BSD-2-Clause */
/* Hostile input: every prefix of every valid reply, every quote length,
 * malformed headers whose length fields lie, and forged errors that try to
 * shrink our path MTU without quoting one of our probes. */
#include <stdlib.h>
#include <string.h>

#include "wire_test.h"

static uint8_t pkt[T_MAXPKT];
static uint8_t probe[T_MAXPKT];

struct sample {
	const char *name;
	const uint8_t *bytes;
	size_t len;
	const struct wire_match *m;
};

#define S(x) x, sizeof(x)
/* clang-format off */
static const struct sample samples[] = {
	{ "v4 echo reply", S(golden_v4_echo_reply), &match_v4 },
	{ "v4 frag needed", S(golden_v4_frag_needed), &match_v4 },
	{ "v4 time exceeded", S(golden_v4_time_exceeded), &match_v4 },
	{ "v4 unreachable", S(golden_v4_unreach), &match_v4_unr },
	{ "v6 echo reply", S(golden_v6_echo_reply), &match_v6 },
	{ "v6 packet too big", S(golden_v6_ptb), &match_v6 },
	{ "v6 time exceeded", S(golden_v6_time_exceeded), &match_v6 },
	{ "v6 unreachable", S(golden_v6_unreach), &match_v6_unr },
};
/* clang-format on */
#define NSAMPLES (sizeof(samples) / sizeof(samples[0]))

static void
assert_same(const char *name, size_t at, const struct wire_reply *a, const struct wire_reply *b)
{
	if (a->kind != b->kind || a->seq != b->seq || a->mtu != b->mtu ||
	    a->quoted_size != b->quoted_size)
		fail_msg("%s at %zu: kind %d seq %u mtu %u size %u, full parse "
			 "kind %d seq %u mtu %u size %u (why: %s)",
			 name, at, a->kind, a->seq, a->mtu, a->quoted_size, b->kind, b->seq, b->mtu,
			 b->quoted_size, a->why ? a->why : "-");
}

/* A capture or a short read cuts a packet anywhere. The IP length fields
 * then exceed what arrived: always "truncated". */
static void
test_ip_prefixes(void **state)
{
	struct wire_reply r;
	size_t i, n;

	(void)state;
	for (i = 0; i < NSAMPLES; i++) {
		const struct sample *s = &samples[i];

		assert_int_not_equal(t_parse_ip(s->bytes, s->len, s->m, &r), WIRE_IGNORED);
		for (n = 0; n < s->len; n++) {
			t_parse_ip(s->bytes, n, s->m, &r);
			if (r.kind != WIRE_IGNORED || strcmp(r.why, "truncated"))
				fail_msg("%s cut at %zu: kind %d why %s", s->name, n, r.kind,
					 r.why ? r.why : "-");
		}
	}
}

/* A raw ICMPv6 socket gives no length field to check: a cut message is
 * ignored while too short to match, then parses exactly as the whole. */
static void
test_icmp6_prefixes(void **state)
{
	struct wire_reply r, full;
	size_t i, n, need;

	(void)state;
	for (i = 0; i < NSAMPLES; i++) {
		const struct sample *s = &samples[i];
		const uint8_t *icmp = s->bytes + 40;

		if (s->bytes[0] >> 4 != 6)
			continue;
		t_parse_icmp6(icmp, s->len - 40, s->bytes + 8, s->m, &full);
		assert_int_not_equal(full.kind, WIRE_IGNORED);
		need = full.kind == WIRE_ECHO_REPLY ? 16 : 8 + 40 + 8;
		for (n = 0; n < s->len - 40; n++) {
			t_parse_icmp6(icmp, n, s->bytes + 8, s->m, &r);
			if (n < need) {
				assert_int_equal(r.kind, WIRE_IGNORED);
				assert_non_null(r.why);
			} else {
				assert_same(s->name, n, &r, &full);
			}
		}
	}
}

/* Routers quote anywhere from 28 bytes (RFC 792) to 576 / 1280 bytes in
 * all. Well-formed errors quoting every possible length of our probe. */
static void
test_quote_lengths(void **state)
{
	struct wire_reply r;
	size_t q, n;

	(void)state;
	t_build(probe, &match_v4, 1500, 64, 21);
	for (q = 0; q <= 548; q++) {
		n = t_err4(pkt, 3, 4, 1400, probe, q);
		t_parse_ip(pkt, n, &match_v4, &r);
		if (q < 28) {
			assert_int_equal(r.kind, WIRE_IGNORED);
			assert_string_equal(r.why, "truncated quote");
			continue;
		}
		assert_int_equal(r.kind, WIRE_TOO_BIG);
		assert_int_equal(r.seq, 21);
		assert_int_equal(r.mtu, 1400);
		assert_int_equal(r.quoted_size, 1500);
	}
	t_build(probe, &match_v6, 1500, 64, 22);
	for (q = 0; q <= 1232; q++) {
		n = t_err6(pkt, 2, 0, 1400, probe, q);
		t_parse_ip(pkt, n, &match_v6, &r);
		if (q < 48) {
			assert_int_equal(r.kind, WIRE_IGNORED);
			assert_string_equal(r.why, "truncated quote");
			continue;
		}
		assert_int_equal(r.kind, WIRE_TOO_BIG);
		assert_int_equal(r.seq, 22);
		assert_int_equal(r.quoted_size, 1500);
	}
}

struct poke {
	size_t off;
	uint8_t val;
};

enum fix { NOFIX, FIX4, FIX6 };

struct malformed {
	const char *name;
	const uint8_t *base;
	size_t len;
	struct poke pokes[3];
	int npokes;
	enum fix fix;
	const char *why; /* NULL: must still parse as the base does */
};

#define ER4 golden_v4_echo_reply, 64
#define FN4 golden_v4_frag_needed, 576
#define ER6 golden_v6_echo_reply, 64
#define PTB6 golden_v6_ptb, 1280
/* clang-format off */
static const struct malformed malformed[] = {
	{ "ihl 0", ER4, { { 0, 0x40 } }, 1, NOFIX, "bad ip header length" },
	{ "ihl 4", ER4, { { 0, 0x44 } }, 1, NOFIX, "bad ip header length" },
	{ "ihl 15", ER4, { { 0, 0x4f } }, 1, NOFIX, "truncated" },
	{ "ihl past total length", ER4, { { 0, 0x4f }, { 3, 40 } }, 2, NOFIX,
	  "bad ip total length" },
	{ "total length 0", ER4, { { 2, 0 }, { 3, 0 } }, 2, NOFIX,
	  "bad ip total length" },
	{ "total length 19", ER4, { { 3, 19 } }, 1, NOFIX, "bad ip total length" },
	{ "total length +1", ER4, { { 3, 65 } }, 1, NOFIX, "truncated" },
	{ "total length 65535", ER4, { { 2, 0xff }, { 3, 0xff } }, 2, NOFIX,
	  "truncated" },
	{ "total length short", ER4, { { 3, 60 } }, 1, NOFIX, "bad icmp checksum" },
	{ "total length short, resummed", ER4, { { 3, 60 } }, 1, FIX4, NULL },
	{ "icmp of 4 bytes", ER4, { { 3, 24 } }, 1, NOFIX, "truncated" },
	{ "udp", ER4, { { 9, 17 } }, 1, NOFIX, "not icmp" },
	{ "version 5", ER4, { { 0, 0x55 } }, 1, NOFIX, "not ipv4 or ipv6" },
	{ "version 0", ER4, { { 0, 0x05 } }, 1, NOFIX, "not ipv4 or ipv6" },
	{ "payload bit flip", ER4, { { 50, 0 } }, 1, NOFIX, "bad icmp checksum" },
	{ "redirect", ER4, { { 20, 5 } }, 1, FIX4, "not an echo reply or error" },
	{ "non-first fragment", ER4, { { 7, 1 } }, 1, NOFIX, "ip fragment" },
	{ "quoted ihl 4", FN4, { { 28, 0x44 } }, 1, FIX4,
	  "bad quoted ip header length" },
	{ "quoted ihl 15", FN4, { { 28, 0x4f } }, 1, FIX4,
	  "not ours: quoted type" },
	{ "quoted version 6", FN4, { { 28, 0x65 } }, 1, FIX4,
	  "bad quoted ip version" },
	{ "quote cut by total length", FN4, { { 2, 0 }, { 3, 40 } }, 2, FIX4,
	  "truncated quote" },
	{ "v6 payload length 0", ER6, { { 5, 0 } }, 1, NOFIX,
	  "bad ipv6 payload length" },
	{ "v6 payload length +1", ER6, { { 5, 25 } }, 1, NOFIX, "truncated" },
	{ "v6 payload length 65535", ER6, { { 4, 0xff }, { 5, 0xff } }, 2, NOFIX,
	  "truncated" },
	{ "v6 udp", ER6, { { 6, 17 } }, 1, NOFIX, "not icmpv6" },
	{ "v6 hop-by-hop past end", ER6, { { 6, 0 }, { 41, 200 } }, 2, NOFIX,
	  "truncated" },
	{ "v6 fragment offset", ER6, { { 6, 44 }, { 42, 1 } }, 2, NOFIX,
	  "ip fragment" },
	{ "v6 payload bit flip", ER6, { { 60, 0xff } }, 1, NOFIX,
	  "bad icmp checksum" },
	{ "v6 echo request", ER6, { { 40, 128 } }, 1, FIX6,
	  "not an echo reply or error" },
	{ "v6 quoted version 4", PTB6, { { 48, 0x45 } }, 1, FIX6,
	  "bad quoted ip version" },
	{ "v6 payload cut, resummed", PTB6, { { 4, 0 }, { 5, 50 } }, 2, FIX6,
	  "truncated quote" },
};
/* clang-format on */

static void
test_malformed(void **state)
{
	struct wire_reply r, base;
	size_t i;
	int j;

	(void)state;
	for (i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		const struct malformed *c = &malformed[i];
		const struct wire_match *m = c->base[0] >> 4 == 4 ? &match_v4 : &match_v6;

		memcpy(pkt, c->base, c->len);
		for (j = 0; j < c->npokes; j++)
			pkt[c->pokes[j].off] = c->pokes[j].val;
		if (c->fix == FIX4)
			t_fix4(pkt);
		else if (c->fix == FIX6)
			t_fix6(pkt, 40);
		t_parse_ip(pkt, c->len, m, &r);
		if (c->why && (r.kind != WIRE_IGNORED || strcmp(r.why, c->why)))
			fail_msg("%s: kind %d why \"%s\", expected \"%s\"", c->name, r.kind,
				 r.why ? r.why : "-", c->why);
		if (!c->why) {
			t_parse_ip(c->base, c->len, m, &base);
			assert_same(c->name, 0, &r, &base);
		}
	}
}

/* The 16th extension header is one too many. */
static void
test_ext_header_chain(void **state)
{
	struct wire_reply r;
	int i;

	(void)state;
	memset(pkt, 0, 40 + 16 * 8 + 8);
	pkt[0] = 0x60;
	pkt[5] = 16 * 8 + 8;
	pkt[6] = 60;
	for (i = 0; i < 16; i++)
		pkt[40 + i * 8] = 60; /* destination options, 8 bytes, again */
	assert_int_equal(t_parse_ip(pkt, 40 + 16 * 8 + 8, &match_v6, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "too many ipv6 extension headers");
}

struct forgery {
	const char *name;
	int family;
	size_t off;   /* byte of the quoted probe to change */
	uint8_t xor ; /* 0: the genuine article (the control) */
	size_t qlen;  /* how much of the probe the error quotes */
	const char *why;
};

/* "Fragmentation needed, MTU 68" (and PTB, MTU 68) that must not be
 * believed: they do not quote one of our probes. Offsets in the probe:
 * v4 src 12, dst 16, proto 9, ICMP at 20 (ident 24, cookie 28);
 * v6 nh 6, src 8, dst 24, ICMPv6 at 40 (ident 44, cookie 48). */
/* clang-format off */
static const struct forgery forgeries[] = {
	{ "v4 genuine", 4, 0, 0, 548, NULL },
	{ "v4 genuine RFC 792 quote", 4, 0, 0, 28, NULL },
	{ "v4 wrong ident", 4, 25, 1, 548, "not ours: ident" },
	{ "v4 wrong ident, short quote", 4, 24, 0x80, 28, "not ours: ident" },
	{ "v4 wrong dst", 4, 19, 1, 548, "not ours: quoted destination" },
	{ "v4 wrong src", 4, 15, 1, 548, "not ours: quoted source" },
	{ "v4 wrong cookie", 4, 28, 1, 548, "forged: cookie mismatch" },
	{ "v4 wrong cookie end", 4, 35, 0x40, 36, "forged: cookie mismatch" },
	{ "v4 quotes udp", 4, 9, 1 ^ 17, 548, "not ours: quoted protocol" },
	{ "v4 quotes echo reply", 4, 20, 8, 548, "not ours: quoted type" },
	{ "v4 quotes a fragment", 4, 7, 1, 548, "not ours: quoted fragment" },
	{ "v6 genuine", 6, 0, 0, 1232, NULL },
	{ "v6 genuine short quote", 6, 0, 0, 48, NULL },
	{ "v6 wrong ident", 6, 44, 1, 1232, "not ours: ident" },
	{ "v6 wrong dst", 6, 39, 1, 1232, "not ours: quoted destination" },
	{ "v6 wrong src", 6, 23, 1, 1232, "not ours: quoted source" },
	{ "v6 wrong cookie", 6, 55, 1, 1232, "forged: cookie mismatch" },
	{ "v6 quotes udp", 6, 6, 58 ^ 17, 1232, "not ours: quoted next header" },
	{ "v6 quotes echo reply", 6, 40, 1, 1232, "not ours: quoted type" },
};
/* clang-format on */

static void
test_forged_too_big(void **state)
{
	struct wire_reply r;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(forgeries) / sizeof(forgeries[0]); i++) {
		const struct forgery *f = &forgeries[i];
		const struct wire_match *m = f->family == 4 ? &match_v4 : &match_v6;

		t_build(probe, m, 1500, 64, 33);
		probe[f->off] ^= f->xor ;
		n = f->family == 4 ? t_err4(pkt, 3, 4, 68, probe, f->qlen)
				   : t_err6(pkt, 2, 0, 68, probe, f->qlen);
		t_parse_ip(pkt, n, m, &r);
		if (!f->why && (r.kind != WIRE_TOO_BIG || r.mtu != 68 || r.seq != 33))
			fail_msg("%s: kind %d mtu %u seq %u (why: %s)", f->name, r.kind, r.mtu,
				 r.seq, r.why ? r.why : "-");
		if (f->why && (r.kind != WIRE_IGNORED || strcmp(r.why, f->why)))
			fail_msg("%s: kind %d why \"%s\", expected \"%s\"", f->name, r.kind,
				 r.why ? r.why : "-", f->why);
		if (f->why)
			assert_int_equal(r.mtu, 0);
	}
}

/* Echo replies: only from the target, with our ident and cookie. */
static void
test_forged_echo(void **state)
{
	static const struct {
		size_t off4, off6;
		const char *why;
	} rows[] = {
		{ 0, 0, NULL },
		{ 15, 23, "not ours: source" },
		{ 25, 45, "not ours: ident" },
		{ 28, 48, "forged: cookie mismatch" },
		{ 35, 55, "forged: cookie mismatch" },
	};
	struct wire_reply r;
	size_t i;
	int fam;

	(void)state;
	for (fam = 4; fam <= 6; fam += 2) {
		const struct wire_match *m = fam == 4 ? &match_v4 : &match_v6;

		for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
			size_t off = fam == 4 ? rows[i].off4 : rows[i].off6;

			t_echo_reply(pkt, probe, t_build(probe, m, 100, 64, 44));
			if (rows[i].why)
				pkt[off] ^= 1;
			if (fam == 4)
				t_fix4(pkt);
			else
				t_fix6(pkt, 40);
			t_parse_ip(pkt, 100, m, &r);
			if (!rows[i].why)
				assert_int_equal(r.kind, WIRE_ECHO_REPLY);
			else if (r.kind != WIRE_IGNORED || strcmp(r.why, rows[i].why))
				fail_msg("v%d row %zu: kind %d why %s", fam, i, r.kind,
					 r.why ? r.why : "-");
		}
	}
}

/* Nonsense arguments are ignored, not crashed on. */
static void
test_bad_args(void **state)
{
	struct ip_addr v4src = match_v4.dst;
	struct wire_reply r;

	(void)state;
	assert_int_equal(wire_parse_ip(NULL, 10, &match_v4, &r), WIRE_IGNORED);
	assert_non_null(r.why);
	assert_int_equal(wire_parse_ip(golden_v4_echo_reply, 64, NULL, &r), WIRE_IGNORED);
	assert_int_equal(wire_parse_ip(golden_v4_echo_reply, 64, &match_v4, NULL), WIRE_ECHO_REPLY);
	assert_int_equal(wire_parse_icmp6(golden_v6_echo_reply + 40, 24, &v4src, &match_v6, &r),
			 WIRE_IGNORED);
	assert_string_equal(r.why, "sender is not ipv6");
	assert_int_equal(wire_parse_icmp6(golden_v6_echo_reply + 40, 24, NULL, &match_v6, &r),
			 WIRE_IGNORED);
	assert_int_equal(wire_parse_icmp6(golden_v6_echo_reply + 40, 24, &match_v6.dst, &match_v6,
					  NULL),
			 WIRE_ECHO_REPLY);
	/* an IPv4 match never accepts IPv6 packets, and vice versa */
	assert_int_equal(wire_parse_ip(golden_v6_ptb, 1280, &match_v4, &r), WIRE_IGNORED);
	assert_int_equal(wire_parse_ip(golden_v4_frag_needed, 576, &match_v6, &r), WIRE_IGNORED);
}

int
wire_robust_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ip_prefixes),      cmocka_unit_test(test_icmp6_prefixes),
		cmocka_unit_test(test_quote_lengths),    cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_ext_header_chain), cmocka_unit_test(test_forged_too_big),
		cmocka_unit_test(test_forged_echo),      cmocka_unit_test(test_bad_args),
	};

	return cmocka_run_group_tests_name("wire_robust", tests, NULL, NULL);
}
