/* SPDX-License-Identifier: BSD-2-Clause */
/* wire_build_echo: golden bytes, every header field, checksums checked by an
 * independent routine, and every way to ask for an impossible probe. */
#include <stdlib.h>
#include <string.h>

#include "wire_test.h"

static uint8_t pkt[T_MAXPKT];

static unsigned
rd16(const uint8_t *p)
{
	return (unsigned)(p[0] << 8 | p[1]);
}

static void
test_min_probe(void **state)
{
	(void)state;
	assert_int_equal(wire_min_probe(4), 20 + 8 + 8);
	assert_int_equal(wire_min_probe(6), 40 + 8 + 8);
	assert_int_equal(wire_min_probe(0), 0);
	assert_int_equal(wire_min_probe(2), 0);
}

/* Golden probes, checked with tcpdump and tshark (see golden.c). */
static void
test_golden(void **state)
{
	(void)state;
	assert_int_equal(t_build(pkt, &match_v4, 64, 64, 1), 64);
	assert_memory_equal(pkt, golden_v4_probe, sizeof(golden_v4_probe));
	assert_int_equal(t_build(pkt, &match_v6, 64, 64, 1), 64);
	assert_memory_equal(pkt, golden_v6_probe, sizeof(golden_v6_probe));
}

/* Echo data: cookie, then byte k is (uint8_t)k. */
static void
check_payload(const uint8_t *data, size_t n)
{
	size_t k;

	assert_memory_equal(data, match_v4.cookie, WIRE_COOKIE_LEN);
	for (k = WIRE_COOKIE_LEN; k < n; k++)
		if (data[k] != (uint8_t)k)
			fail_msg("payload byte %zu is %u", k, data[k]);
}

static void
check_v4(const uint8_t *p, size_t size, int ttl, uint16_t seq)
{
	const struct wire_match *m = &match_v4;

	assert_int_equal(p[0], 0x45);          /* version 4, IHL 5 */
	assert_int_equal(rd16(p + 2), size);   /* total length */
	assert_int_equal(rd16(p + 4), seq);    /* id = seq */
	assert_int_equal(rd16(p + 6), 0x4000); /* DF, offset 0 */
	assert_int_equal(p[8], ttl);
	assert_int_equal(p[9], 1);            /* ICMP */
	assert_int_equal(t_sum(p, 20, 0), 0); /* header checksum */
	assert_memory_equal(p + 12, m->src.a, 4);
	assert_memory_equal(p + 16, m->dst.a, 4);
	assert_int_equal(p[20], 8); /* echo request */
	assert_int_equal(p[21], 0);
	assert_int_equal(t_sum(p + 20, size - 20, 0), 0);
	assert_int_equal(rd16(p + 24), m->ident);
	assert_int_equal(rd16(p + 26), seq);
	check_payload(p + 28, size - 28);
}

static void
check_v6(const uint8_t *p, size_t size, int ttl, uint16_t seq)
{
	const struct wire_match *m = &match_v6;

	assert_int_equal(p[0], 0x60);             /* version 6, tc 0 */
	assert_int_equal(p[1] | p[2] | p[3], 0);  /* flow label 0 */
	assert_int_equal(rd16(p + 4), size - 40); /* payload length */
	assert_int_equal(p[6], 58);
	assert_int_equal(p[7], ttl);
	assert_memory_equal(p + 8, m->src.a, 16);
	assert_memory_equal(p + 24, m->dst.a, 16);
	assert_int_equal(p[40], 128);
	assert_int_equal(p[41], 0);
	assert_int_equal(t_sum(p + 40, size - 40, t_pseudo6(p + 8, p + 24, size - 40)), 0);
	assert_int_equal(rd16(p + 44), m->ident);
	assert_int_equal(rd16(p + 46), seq);
	check_payload(p + 48, size - 48);
}

struct build_case {
	int family;
	size_t size;
	int ttl;
	uint16_t seq;
};

/* Edges: the minimum, common MTUs, the largest, and (IPv6) both sides of
 * the size where libnet 1.1.6's ICMPv6 checksum goes wrong (65518). */
/* clang-format off */
static const struct build_case build_cases[] = {
	{ 4, 36, 1, 0 }, { 4, 37, 255, 65535 }, { 4, 68, 64, 1 },
	{ 4, 576, 64, 2 }, { 4, 1280, 64, 3 }, { 4, 1492, 30, 4 },
	{ 4, 1500, 64, 5 }, { 4, 9000, 64, 6 }, { 4, 65535, 64, 7 },
	{ 6, 56, 1, 0 }, { 6, 57, 255, 65535 }, { 6, 1280, 64, 1 },
	{ 6, 1500, 64, 2 }, { 6, 9000, 64, 3 }, { 6, 65517, 64, 4 },
	{ 6, 65518, 64, 5 }, { 6, 65535, 64, 6 },
};
/* clang-format on */

static void
test_fields(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(build_cases) / sizeof(build_cases[0]); i++) {
		const struct build_case *c = &build_cases[i];
		const struct wire_match *m = c->family == 4 ? &match_v4 : &match_v6;

		memset(pkt, 0xa5, c->size + 16);
		t_build(pkt, m, c->size, c->ttl, c->seq);
		if (c->family == 4)
			check_v4(pkt, c->size, c->ttl, c->seq);
		else
			check_v6(pkt, c->size, c->ttl, c->seq);
		/* exactly size bytes written */
		assert_int_equal(pkt[c->size], 0xa5);
	}
}

/* Every size from the minimum to 2100, and every size from 65000 up. */
static void
test_all_sizes(void **state)
{
	size_t size;

	(void)state;
	for (size = 36; size <= 65535; size = size == 2100 ? 65000 : size + 1) {
		t_build(pkt, &match_v4, size, 64, (uint16_t)size);
		check_v4(pkt, size, 64, (uint16_t)size);
		if (size < 56)
			continue;
		t_build(pkt, &match_v6, size, 64, (uint16_t)size);
		check_v6(pkt, size, 64, (uint16_t)size);
	}
}

struct bad_case {
	const char *name;
	int src_family, dst_family;
	size_t cap, size;
	int ttl;
	const char *err;
};

/* clang-format off */
static const struct bad_case bad_cases[] = {
	{ "v4 too small", 4, 4, 100, 35, 64,
	  "probe size 35 is below the IPv4 minimum of 36 (IP header + ICMP header + 8-byte cookie)" },
	{ "v6 too small", 6, 6, 100, 55, 64,
	  "probe size 55 is below the IPv6 minimum of 56 (IP header + ICMP header + 8-byte cookie)" },
	{ "zero", 4, 4, 100, 0, 64,
	  "probe size 0 is below the IPv4 minimum of 36 (IP header + ICMP header + 8-byte cookie)" },
	{ "v4 too big", 4, 4, T_MAXPKT, 65536, 64,
	  "probe size 65536 exceeds the maximum of 65535" },
	{ "v6 too big", 6, 6, T_MAXPKT, 65536, 64,
	  "probe size 65536 exceeds the maximum of 65535" },
	{ "cap", 4, 4, 1499, 1500, 64,
	  "a 1500-byte probe does not fit a 1499-byte buffer" },
	{ "ttl 0", 4, 4, 100, 64, 0, "ttl/hop limit 0 is outside 1..255" },
	{ "ttl 256", 6, 6, 100, 64, 256, "ttl/hop limit 256 is outside 1..255" },
	{ "mixed", 4, 6, 100, 64, 64,
	  "source and target must both be IPv4 or both IPv6 (got families 4 and 6)" },
	{ "unknown", 5, 5, 100, 64, 64,
	  "source and target must both be IPv4 or both IPv6 (got families 5 and 5)" },
};
/* clang-format on */

static void
test_bad_args(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct wire_match m = match_v4;
		char err[200] = "";
		long n;

		m.src.family = c->src_family;
		m.dst.family = c->dst_family;
		n = wire_build_echo(pkt, c->cap, c->size, c->ttl, &m, 1, err, sizeof(err));
		if (n != -1 || strcmp(err, c->err) != 0)
			fail_msg("%s: got %ld \"%s\"", c->name, n, err);
	}
}

/* A short or absent error buffer must not be overrun. */
static void
test_err_buffer(void **state)
{
	char err[8];

	(void)state;
	memset(err, 'x', sizeof(err));
	assert_int_equal(wire_build_echo(pkt, 10, 1500, 64, &match_v4, 1, err, 4), -1);
	assert_string_equal(err, "a 1");
	assert_int_equal(err[4], 'x');
	assert_int_equal(wire_build_echo(pkt, 10, 1500, 64, &match_v4, 1, NULL, 0), -1);
	assert_int_equal(wire_build_echo(NULL, 10, 1500, 64, &match_v4, 1, NULL, 0), -1);
	assert_int_equal(wire_build_echo(pkt, 10, 1500, 64, NULL, 1, NULL, 0), -1);
}

/* A probe turned into its echo reply parses back as ours. */
static void
test_round_trip(void **state)
{
	static uint8_t reply[T_MAXPKT];
	struct wire_reply r;
	size_t size;

	(void)state;
	for (size = 56; size <= 1600; size += 97) {
		t_echo_reply(reply, pkt, t_build(pkt, &match_v4, size, 64, 42));
		assert_int_equal(t_parse_ip(reply, size, &match_v4, &r), WIRE_ECHO_REPLY);
		assert_int_equal(r.seq, 42);
		t_echo_reply(reply, pkt, t_build(pkt, &match_v6, size, 64, 43));
		assert_int_equal(t_parse_ip(reply, size, &match_v6, &r), WIRE_ECHO_REPLY);
		assert_int_equal(r.seq, 43);
	}
}

int
wire_build_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_min_probe),  cmocka_unit_test(test_golden),
		cmocka_unit_test(test_fields),     cmocka_unit_test(test_all_sizes),
		cmocka_unit_test(test_bad_args),   cmocka_unit_test(test_err_buffer),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests_name("wire_build", tests, NULL, NULL);
}
