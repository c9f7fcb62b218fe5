/* SPDX-License-Identifier: BSD-2-Clause */
/* wire_parse_ip / wire_parse_icmp6 against replies a Linux router and target
 * really sent (golden.c), and against crafted replies for the cases a lab
 * does not produce: RFC 792 short quotes, IP options, RFC 4884 extensions,
 * extension headers, fragments, link padding. */
#include <stdlib.h>
#include <string.h>

#include "wire_test.h"

static uint8_t pkt[T_MAXPKT];
static uint8_t pkt2[T_MAXPKT];

struct golden_case {
	const char *name;
	const uint8_t *bytes;
	size_t len;
	const struct wire_match *m;
	enum wire_kind kind;
	uint16_t seq;
	uint32_t mtu, quoted_size;
	uint8_t type, code;
};

#define G(x) x, sizeof(x)
/* clang-format off */
static const struct golden_case golden_cases[] = {
	{ "v4 echo reply", G(golden_v4_echo_reply), &match_v4,
	  WIRE_ECHO_REPLY, 1, 0, 0, 0, 0 },
	{ "v4 frag needed", G(golden_v4_frag_needed), &match_v4,
	  WIRE_TOO_BIG, 2, 1400, 1500, 3, 4 },
	{ "v4 time exceeded", G(golden_v4_time_exceeded), &match_v4,
	  WIRE_TIME_EXCEEDED, 3, 0, 100, 11, 0 },
	{ "v4 host unreachable", G(golden_v4_unreach), &match_v4_unr,
	  WIRE_UNREACH, 4, 0, 64, 3, 1 },
	{ "v6 echo reply", G(golden_v6_echo_reply), &match_v6,
	  WIRE_ECHO_REPLY, 1, 0, 0, 129, 0 },
	{ "v6 packet too big", G(golden_v6_ptb), &match_v6,
	  WIRE_TOO_BIG, 2, 1400, 1500, 2, 0 },
	{ "v6 time exceeded", G(golden_v6_time_exceeded), &match_v6,
	  WIRE_TIME_EXCEEDED, 3, 0, 100, 3, 0 },
	{ "v6 no route", G(golden_v6_unreach), &match_v6_unr,
	  WIRE_UNREACH, 4, 0, 64, 1, 0 },
};
/* clang-format on */
#define NGOLDEN (sizeof(golden_cases) / sizeof(golden_cases[0]))

static void
check_reply(const struct golden_case *c, const struct wire_reply *r)
{
	const uint8_t *from = c->bytes + (c->bytes[0] >> 4 == 4 ? 12 : 8);

	if (r->kind != c->kind)
		fail_msg("%s: kind %d, expected %d (why: %s)", c->name, r->kind, c->kind,
			 r->why ? r->why : "-");
	assert_null(r->why);
	assert_int_equal(r->seq, c->seq);
	assert_int_equal(r->mtu, c->mtu);
	assert_int_equal(r->quoted_size, c->quoted_size);
	assert_int_equal(r->icmp_type, c->type);
	assert_int_equal(r->icmp_code, c->code);
	assert_int_equal(r->responder.family, c->bytes[0] >> 4);
	assert_memory_equal(r->responder.a, from, r->responder.family == 4 ? 4 : 16);
}

static void
test_golden_ip(void **state)
{
	struct wire_reply r;
	size_t i;

	(void)state;
	for (i = 0; i < NGOLDEN; i++) {
		t_parse_ip(golden_cases[i].bytes, golden_cases[i].len, golden_cases[i].m, &r);
		check_reply(&golden_cases[i], &r);
	}
}

/* The same ICMPv6 messages as a raw ICMPv6 socket delivers them. */
static void
test_golden_icmp6(void **state)
{
	struct wire_reply r;
	size_t i;

	(void)state;
	for (i = 0; i < NGOLDEN; i++) {
		const struct golden_case *c = &golden_cases[i];

		if (c->bytes[0] >> 4 != 6)
			continue;
		t_parse_icmp6(c->bytes + 40, c->len - 40, c->bytes + 8, c->m, &r);
		check_reply(c, &r);
	}
}

/* Another run (other cookie) or another process (other ident) sees the same
 * replies: all must be ignored. Our own probe seen on a capture, too. */
static void
test_golden_not_ours(void **state)
{
	struct wire_match m;
	struct wire_reply r;
	size_t i;

	(void)state;
	for (i = 0; i < NGOLDEN; i++) {
		const struct golden_case *c = &golden_cases[i];

		m = *c->m;
		m.cookie[7] ^= 1;
		assert_int_equal(t_parse_ip(c->bytes, c->len, &m, &r), WIRE_IGNORED);
		assert_string_equal(r.why, "forged: cookie mismatch");
		m = *c->m;
		m.ident++;
		assert_int_equal(t_parse_ip(c->bytes, c->len, &m, &r), WIRE_IGNORED);
		assert_string_equal(r.why, "not ours: ident");
		assert_int_equal(r.seq, 0);
	}
	assert_int_equal(t_parse_ip(golden_v4_probe, 64, &match_v4, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "not an echo reply or error");
	assert_int_equal(t_parse_ip(golden_v6_probe, 64, &match_v6, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "not an echo reply or error");
}

/* RFC 792 routers quote the IP header and 8 bytes: no cookie to check, so
 * ident and addresses decide. The MTU is reported raw, however absurd. */
static void
test_short_quote(void **state)
{
	static const uint32_t mtus[] = { 0, 68, 576, 1400, 65535 };
	struct wire_reply r;
	size_t i, n;

	(void)state;
	t_build(pkt2, &match_v4, 1500, 64, 77);
	for (i = 0; i < sizeof(mtus) / sizeof(mtus[0]); i++) {
		n = t_err4(pkt, 3, 4, mtus[i], pkt2, 28);
		assert_int_equal(t_parse_ip(pkt, n, &match_v4, &r), WIRE_TOO_BIG);
		assert_int_equal(r.mtu, mtus[i]);
		assert_int_equal(r.seq, 77);
		assert_int_equal(r.quoted_size, 1500);
	}
	/* 7 bytes past the quoted header: not even the ident/seq */
	n = t_err4(pkt, 3, 4, 1400, pkt2, 27);
	assert_int_equal(t_parse_ip(pkt, n, &match_v4, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "truncated quote");
	/* ICMPv6 PTB quoting only header + 8 (not RFC 4443, but seen) */
	t_build(pkt2, &match_v6, 1500, 64, 78);
	n = t_err6(pkt, 2, 0, 1280, pkt2, 48);
	assert_int_equal(t_parse_ip(pkt, n, &match_v6, &r), WIRE_TOO_BIG);
	assert_int_equal(r.mtu, 1280);
	assert_int_equal(r.seq, 78);
	n = t_err6(pkt, 2, 0, 0xffffffffu, pkt2, 48);
	assert_int_equal(t_parse_ip(pkt, n, &match_v6, &r), WIRE_TOO_BIG);
	assert_int_equal(r.mtu, 0xffffffffu);
}

/* The quoted checksum must be our probe's: even an RFC 792 quote (no
 * cookie) carries it, and it covers the cookie, the size and the seq. A full
 * quote says it held the cookie; a short one says it did not (weak). */
static void
test_quoted_checksum(void **state)
{
	struct wire_match other = match_v4;
	struct wire_reply r;
	size_t n;

	(void)state;
	t_parse_ip(golden_v4_frag_needed, sizeof(golden_v4_frag_needed), &match_v4, &r);
	assert_int_equal(r.kind, WIRE_TOO_BIG);
	assert_int_equal(r.cookie_quoted, 1);
	t_build(pkt2, &match_v4, 1500, 64, 77);
	n = t_err4(pkt, 3, 4, 1400, pkt2, 28);
	assert_int_equal(t_parse_ip(pkt, n, &match_v4, &r), WIRE_TOO_BIG);
	assert_int_equal(r.cookie_quoted, 0);
	/* another run's cookie: the short quote cannot show it, its checksum does */
	other.cookie[3] ^= 0x40;
	assert_int_equal(t_parse_ip(pkt, n, &other, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "forged: quoted checksum");
	assert_int_equal(r.cookie_quoted, 0);
	/* a forger that guessed ident and seq but not the checksum */
	pkt[28 + 20 + 2] ^= 0x01;
	t_fix4(pkt);
	assert_int_equal(t_parse_ip(pkt, n, &match_v4, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "forged: quoted checksum");
	/* the quoted length is not the size the checksum was made for */
	n = t_err4(pkt, 3, 4, 1400, pkt2, 28);
	pkt[28 + 3] ^= 0x02;
	t_fix4(pkt);
	assert_int_equal(t_parse_ip(pkt, n, &match_v4, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "forged: quoted checksum");
	/* IPv6: the pseudo-header (our addresses) is part of it */
	t_build(pkt2, &match_v6, 1500, 64, 78);
	n = t_err6(pkt, 2, 0, 1280, pkt2, 48);
	assert_int_equal(t_parse_ip(pkt, n, &match_v6, &r), WIRE_TOO_BIG);
	assert_int_equal(r.cookie_quoted, 0);
	pkt[48 + 40 + 3] ^= 0x80;
	t_fix6(pkt, 40);
	assert_int_equal(t_parse_ip(pkt, n, &match_v6, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "forged: quoted checksum");
}

/* The quoted checksum is checked against the data pattern summed in closed
 * form (wire_sum_pattern); the probes libnet builds must agree at every
 * size, across the 256-byte cycles and up to the largest. */
static void
test_quoted_checksum_sizes(void **state)
{
	struct wire_reply r;
	size_t n, size;

	(void)state;
	for (size = 36; size <= 65535; size += size < 1600 ? 1 : 4093) {
		t_build(pkt2, &match_v4, size, 64, (uint16_t)size);
		n = t_err4(pkt, 3, 4, 68, pkt2, 28);
		if (t_parse_ip(pkt, n, &match_v4, &r) != WIRE_TOO_BIG)
			fail_msg("v4 size %zu: %s", size, r.why ? r.why : "-");
	}
	for (size = 56; size <= 65535; size += size < 1600 ? 1 : 4093) {
		t_build(pkt2, &match_v6, size, 64, (uint16_t)size);
		n = t_err6(pkt, 2, 0, 1280, pkt2, 48);
		if (t_parse_ip(pkt, n, &match_v6, &r) != WIRE_TOO_BIG)
			fail_msg("v6 size %zu: %s", size, r.why ? r.why : "-");
	}
}

/* inspect's probe recogniser: our probes, whole or cut by a snap length,
 * and echo requests that are not ours (ping: no DF, another pattern). */
static void
test_parse_probe(void **state)
{
	struct wire_probe p;
	struct wire_ip h;
	const char *why;
	size_t n;

	(void)state;
	n = t_build(pkt, &match_v4, 1400, 64, 9);
	assert_int_equal(wire_parse_probe(pkt, n, 1400, &p, &why), WIRE_PROBE);
	assert_null(why);
	assert_int_equal(p.seq, 9);
	assert_int_equal(p.size, 1400);
	assert_int_equal(p.m.ident, match_v4.ident);
	assert_memory_equal(p.m.cookie, match_v4.cookie, WIRE_COOKIE_LEN);
	assert_memory_equal(p.m.dst.a, match_v4.dst.a, 4);
	assert_int_equal(p.snapped, 0);
	/* a 96-byte snap length still shows the pattern */
	assert_int_equal(wire_parse_probe(pkt, 96, 1400, &p, &why), WIRE_PROBE);
	assert_int_equal(p.snapped, 1);
	/* ... a 39-byte one cannot (20 + 8 + cookie + 3 of the pattern) */
	assert_int_equal(wire_parse_probe(pkt, 39, 1400, &p, &why), WIRE_NOT_PROBE);
	assert_string_equal(why, "echo request cut short by the snap length: "
				 "cannot tell if it is a probe");
	pkt[6] &= (uint8_t)~0x40; /* DF off: ping, not us */
	t_fix4(pkt);
	assert_int_equal(wire_parse_probe(pkt, n, 1400, &p, &why), WIRE_NOT_PROBE);
	assert_string_equal(why, "echo request without DF, not a probe");
	n = t_build(pkt, &match_v6, 1300, 64, 10);
	pkt[40 + 8 + WIRE_COOKIE_LEN + 2] ^= 0xff;
	assert_int_equal(wire_parse_probe(pkt, n, 1300, &p, &why), WIRE_NOT_PROBE);
	assert_string_equal(why, "echo request, not a probe (its data is not the probe pattern)");
	assert_int_equal(wire_parse_probe(golden_v4_echo_reply, 64, 64, &p, &why), WIRE_NOT_ECHO);
	wire_ip_header(pkt, 5, &h); /* payload length not reached */
	assert_int_equal(h.sized, 0);
	wire_ip_header(pkt, 6, &h);
	assert_int_equal(h.sized, 1);
	assert_int_equal(h.size, 1300);
	assert_int_equal(h.src.family, 0);
	wire_ip_header(pkt, 40, &h);
	assert_int_equal(h.src.family, 6);
	assert_memory_equal(h.dst.a, match_v6.dst.a, 16);
}

/* Insert n bytes of IPv4 options (NOPs, then EOL) after the fixed header. */
static size_t
add_options(uint8_t *p, size_t len, size_t n)
{
	unsigned tot = (unsigned)(len + n);

	memmove(p + 20 + n, p + 20, len - 20);
	memset(p + 20, 1, n);
	p[20 + n - 1] = 0;
	p[0] = (uint8_t)(0x40 | (20 + n) / 4);
	p[2] = (uint8_t)(tot >> 8);
	p[3] = (uint8_t)tot;
	return len + n;
}

/* RFC 791 options in the outer header (IHL 7) and in the quote (IHL 6). */
static void
test_ip_options(void **state)
{
	struct wire_reply r;
	size_t n, q;

	(void)state;
	q = add_options(pkt2, t_build(pkt2, &match_v4, 100, 1, 5), 4);
	n = add_options(pkt, t_err4(pkt, 11, 0, 0, pkt2, q), 8);
	t_fix4(pkt);
	assert_int_equal(t_parse_ip(pkt, n, &match_v4, &r), WIRE_TIME_EXCEEDED);
	assert_int_equal(r.seq, 5);
	assert_int_equal(r.quoted_size, 104);
	/* the cookie is looked for after the options, so a wrong one shows */
	pkt2[24 + 8] ^= 0xff;
	n = add_options(pkt, t_err4(pkt, 11, 0, 0, pkt2, q), 8);
	t_fix4(pkt);
	assert_int_equal(t_parse_ip(pkt, n, &match_v4, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "forged: cookie mismatch");
	/* echo reply with options */
	n = add_options(pkt, t_echo_reply(pkt, pkt2, t_build(pkt2, &match_v4, 64, 64, 6)), 40);
	t_fix4(pkt);
	assert_int_equal(t_parse_ip(pkt, n, &match_v4, &r), WIRE_ECHO_REPLY);
	assert_int_equal(r.seq, 6);
}

/* RFC 4884: the length field bounds the quote; extensions follow. */
static void
test_rfc4884(void **state)
{
	struct wire_reply r;
	size_t n;

	(void)state;
	t_build(pkt2, &match_v4, 1500, 1, 9);
	/* 128-byte original datagram, then an extension header and an
	 * RFC 4950 MPLS object that must not be taken for quote */
	memset(pkt2 + 128, 0xee, 12);
	n = t_err4(pkt, 11, 0, 32u << 16, pkt2, 140);
	assert_int_equal(t_parse_ip(pkt, n, &match_v4, &r), WIRE_TIME_EXCEEDED);
	assert_int_equal(r.seq, 9);
	/* a length too short for the quoted header */
	n = t_err4(pkt, 11, 0, 4u << 16, pkt2, 140);
	assert_int_equal(t_parse_ip(pkt, n, &match_v4, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "truncated quote");
	/* a length pointing past the message is clamped to the message */
	n = t_err4(pkt, 11, 0, 255u << 16, pkt2, 100);
	assert_int_equal(t_parse_ip(pkt, n, &match_v4, &r), WIRE_TIME_EXCEEDED);
	/* ICMPv6 time exceeded: length in 64-bit words, byte 4 */
	t_build(pkt2, &match_v6, 1500, 1, 10);
	n = t_err6(pkt, 3, 0, 16u << 24, pkt2, 200);
	assert_int_equal(t_parse_ip(pkt, n, &match_v6, &r), WIRE_TIME_EXCEEDED);
	assert_int_equal(r.seq, 10);
	n = t_err6(pkt, 3, 0, 5u << 24, pkt2, 200);
	assert_int_equal(t_parse_ip(pkt, n, &match_v6, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "truncated quote");
}

/* Outer IPv6 extension headers are skipped (RFC 8200 §4). */
static void
test_ext_headers(void **state)
{
	static const uint8_t nhs[] = { 0, 60, 43 };
	struct wire_reply r;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(nhs); i++) {
		n = t_echo_reply(pkt2, pkt, t_build(pkt, &match_v6, 100, 64, 11));
		memcpy(pkt, pkt2, 40);
		pkt[6] = nhs[i];
		memset(pkt + 40, 0, 16);
		pkt[40] = 58; /* next header */
		pkt[41] = 1;  /* 16 bytes */
		memcpy(pkt + 56, pkt2 + 40, n - 40);
		pkt[5] = (uint8_t)(n - 40 + 16);
		t_fix6(pkt, 56);
		assert_int_equal(t_parse_ip(pkt, n + 16, &match_v6, &r), WIRE_ECHO_REPLY);
		assert_int_equal(r.seq, 11);
	}
}

/* A big echo reply may come back fragmented (captures see fragments):
 * the first fragment holds ident, seq and cookie; the others are ignored. */
static void
test_fragments(void **state)
{
	struct wire_reply r;
	size_t n;

	(void)state;
	n = t_echo_reply(pkt, pkt2, t_build(pkt2, &match_v4, 1500, 64, 12));
	pkt[6] = 0x20;                 /* MF, offset 0 */
	pkt[2] = (uint8_t)(1400 >> 8); /* first 1400 bytes */
	pkt[3] = (uint8_t)1400;
	pkt[22] ^= 0x55; /* checksum covers the rest: unverifiable */
	assert_int_equal(t_parse_ip(pkt, 1400, &match_v4, &r), WIRE_ECHO_REPLY);
	assert_int_equal(r.seq, 12);
	pkt[7] = 175; /* offset 1400 */
	assert_int_equal(t_parse_ip(pkt, 1400, &match_v4, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "ip fragment");
	/* an error inside a fragment is not believed */
	n = t_err4(pkt, 3, 4, 68, pkt2, 548);
	pkt[6] = 0x20;
	assert_int_equal(t_parse_ip(pkt, n, &match_v4, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "ip fragment");
}

/* The IPv6 version: a fragment header (RFC 8200 §4.5) before the ICMPv6
 * message. M set: a first fragment, checksum unverifiable. M clear: an
 * atomic fragment (RFC 6946), a whole packet whose checksum must hold. */
static void
test_fragments6(void **state)
{
	struct wire_reply r;
	size_t n;

	(void)state;
	n = t_echo_reply(pkt2, pkt, t_build(pkt, &match_v6, 1500, 64, 13));
	memcpy(pkt, pkt2, 40);
	memcpy(pkt + 48, pkt2 + 40, n - 40);
	memset(pkt + 40, 0, 8);
	pkt[6] = 44;
	pkt[40] = 58;
	pkt[4] = (uint8_t)((1400 - 40) >> 8); /* first 1400 bytes */
	pkt[5] = (uint8_t)(1400 - 40);
	pkt[43] = 1; /* M: more fragments */
	assert_int_equal(t_parse_ip(pkt, 1400, &match_v6, &r), WIRE_ECHO_REPLY);
	assert_int_equal(r.seq, 13);
	pkt[43] = 0; /* atomic: checksum counts */
	assert_int_equal(t_parse_ip(pkt, 1400, &match_v6, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "bad icmp checksum");
	t_fix6(pkt, 48);
	assert_int_equal(t_parse_ip(pkt, 1400, &match_v6, &r), WIRE_ECHO_REPLY);
	/* an error inside a first fragment is not believed */
	t_build(pkt, &match_v6, 1500, 64, 14);
	n = t_err6(pkt2, 2, 0, 1280, pkt, 1000);
	memcpy(pkt, pkt2, 40);
	memcpy(pkt + 48, pkt2 + 40, n - 40);
	memset(pkt + 40, 0, 8);
	pkt[6] = 44;
	pkt[40] = 58;
	pkt[43] = 1;
	pkt[4] = (uint8_t)((n + 8 - 40) >> 8);
	pkt[5] = (uint8_t)(n + 8 - 40);
	assert_int_equal(t_parse_ip(pkt, n + 8, &match_v6, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "ip fragment");
}

/* Link-layer padding after the IP total length is not part of the packet. */
static void
test_padding(void **state)
{
	struct wire_reply r;

	(void)state;
	memcpy(pkt, golden_v4_echo_reply, 64);
	memset(pkt + 64, 0xff, 18);
	assert_int_equal(t_parse_ip(pkt, 82, &match_v4, &r), WIRE_ECHO_REPLY);
	memcpy(pkt, golden_v6_ptb, 1280);
	memset(pkt + 1280, 0xff, 7);
	assert_int_equal(t_parse_ip(pkt, 1287, &match_v6, &r), WIRE_TOO_BIG);
}

int
wire_parse_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_ip),
		cmocka_unit_test(test_golden_icmp6),
		cmocka_unit_test(test_golden_not_ours),
		cmocka_unit_test(test_short_quote),
		cmocka_unit_test(test_quoted_checksum),
		cmocka_unit_test(test_quoted_checksum_sizes),
		cmocka_unit_test(test_parse_probe),
		cmocka_unit_test(test_ip_options),
		cmocka_unit_test(test_rfc4884),
		cmocka_unit_test(test_ext_headers),
		cmocka_unit_test(test_fragments),
		cmocka_unit_test(test_fragments6),
		cmocka_unit_test(test_padding),
	};

	return cmocka_run_group_tests_name("wire_parse", tests, NULL, NULL);
}
