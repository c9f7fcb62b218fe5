/* SPDX-License-Identifier: BSD-2-Clause */
/* Fixtures and packet-crafting helpers for the wire tests. */
#include <stdlib.h>
#include <string.h>

#include "wire_test.h"

#define COOKIE \
	{ \
		0x6d, 0x74, 0x75, 0x70, 0xc0, 0x0c, 0x1e, 0x5e \
	}
#define V4(a, b, c, d) \
	{ \
		4, \
		{ \
			a, b, c, d \
		} \
	}
#define V6(g1, g2, last) \
	{ \
		6, \
		{ \
			0x20, 0x01, 0x0d, 0xb8, 0, g1, 0, g2, 0, 0, 0, 0, 0, 0, 0, last \
		} \
	}

/* clang-format off */
const struct wire_match match_v4 = {
	.src = V4(192, 0, 2, 1), .dst = V4(198, 51, 100, 2), .ident = 0x4d54, .cookie = COOKIE,
};
/* clang-format on */
/* clang-format off */
const struct wire_match match_v6 = {
	.src = V6(1, 0, 1), .dst = V6(2, 0, 2), .ident = 0x4d54, .cookie = COOKIE,
};
/* clang-format on */
/* clang-format off */
const struct wire_match match_v4_unr = {
	.src = V4(192, 0, 2, 1), .dst = V4(203, 0, 113, 7), .ident = 0x4d54, .cookie = COOKIE,
};
/* clang-format on */
/* clang-format off */
const struct wire_match match_v6_unr = {
	.src = V6(1, 0, 1), .dst = V6(3, 0, 7), .ident = 0x4d54, .cookie = COOKIE,
};
/* clang-format on */
const uint8_t router_v4[4] = { 192, 0, 2, 254 };
const uint8_t router_v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff };

/* Written differently from wire_sum.c on purpose: byte pairs summed into
 * a 64-bit accumulator, one fold at the end. */
uint16_t
t_sum(const uint8_t *p, size_t n, uint32_t init)
{
	uint64_t s = init;
	size_t i;

	for (i = 0; i < n; i++)
		s += (i % 2 == 0) ? (uint64_t)p[i] << 8 : p[i];
	while (s > 0xffff)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)(0xffff - s);
}

uint32_t
t_pseudo6(const uint8_t *src, const uint8_t *dst, size_t n)
{
	uint32_t s = 58;
	int i;

	for (i = 0; i < 16; i += 2)
		s += (uint32_t)(src[i] << 8 | src[i + 1]) + (uint32_t)(dst[i] << 8 | dst[i + 1]);
	return s + (uint32_t)(n >> 16) + (uint32_t)(n & 0xffff);
}

size_t
t_build(uint8_t *buf, const struct wire_match *m, size_t size, int ttl, uint16_t seq)
{
	char err[256] = "";
	long n = wire_build_echo(buf, T_MAXPKT, size, ttl, m, seq, err, sizeof(err));

	if (n != (long)size)
		fail_msg("wire_build_echo(%zu): %ld: %s", size, n, err);
	return size;
}

static void
put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

void
t_fix4(uint8_t *pkt)
{
	size_t ihl = (size_t)(pkt[0] & 15) * 4;
	size_t tot = (size_t)(pkt[2] << 8 | pkt[3]);

	put16(pkt + 10, 0);
	put16(pkt + 10, t_sum(pkt, ihl, 0));
	put16(pkt + ihl + 2, 0);
	put16(pkt + ihl + 2, t_sum(pkt + ihl, tot - ihl, 0));
}

void
t_fix6(uint8_t *pkt, size_t icmp_off)
{
	size_t end = 40 + (size_t)(pkt[4] << 8 | pkt[5]);
	size_t n = end - icmp_off;

	put16(pkt + icmp_off + 2, 0);
	put16(pkt + icmp_off + 2, t_sum(pkt + icmp_off, n, t_pseudo6(pkt + 8, pkt + 24, n)));
}

size_t
t_echo_reply(uint8_t *out, const uint8_t *probe, size_t len)
{
	uint8_t tmp[16];

	memcpy(out, probe, len);
	if (out[0] >> 4 == 4) {
		memcpy(tmp, out + 12, 4);
		memcpy(out + 12, out + 16, 4);
		memcpy(out + 16, tmp, 4);
		out[8] = 60; /* ttl on arrival */
		out[20] = 0; /* RFC 792 echo reply */
		t_fix4(out);
	} else {
		memcpy(tmp, out + 8, 16);
		memcpy(out + 8, out + 24, 16);
		memcpy(out + 24, tmp, 16);
		out[7] = 60;
		out[40] = 129; /* RFC 4443 echo reply */
		t_fix6(out, 40);
	}
	return len;
}

size_t
t_err4(uint8_t *out, uint8_t type, uint8_t code, uint32_t word, const uint8_t *quote, size_t qlen)
{
	size_t tot = 28 + qlen;

	memset(out, 0, 28);
	out[0] = 0x45;
	out[1] = 0xc0;
	put16(out + 2, (unsigned)tot);
	out[8] = 64;
	out[9] = 1;
	memcpy(out + 12, router_v4, 4);
	memcpy(out + 16, quote + 12, 4); /* back to the probe's source */
	out[20] = type;
	out[21] = code;
	put16(out + 24, word >> 16);
	put16(out + 26, word & 0xffff);
	memcpy(out + 28, quote, qlen);
	t_fix4(out);
	return tot;
}

size_t
t_err6(uint8_t *out, uint8_t type, uint8_t code, uint32_t word, const uint8_t *quote, size_t qlen)
{
	memset(out, 0, 48);
	out[0] = 0x60;
	put16(out + 4, (unsigned)(8 + qlen));
	out[6] = 58;
	out[7] = 64;
	memcpy(out + 8, router_v6, 16);
	memcpy(out + 24, quote + 8, 16);
	out[40] = type;
	out[41] = code;
	put16(out + 44, word >> 16);
	put16(out + 46, word & 0xffff);
	memcpy(out + 48, quote, qlen);
	t_fix6(out, 40);
	return 48 + qlen;
}

enum wire_kind
t_parse_ip(const uint8_t *p, size_t len, const struct wire_match *m, struct wire_reply *r)
{
	uint8_t *copy = malloc(len ? len : 1);
	enum wire_kind k;

	assert_non_null(copy);
	if (len)
		memcpy(copy, p, len);
	k = wire_parse_ip(copy, len, m, r);
	free(copy);
	assert_int_equal(k, r->kind);
	return k;
}

enum wire_kind
t_parse_icmp6(const uint8_t *p, size_t len, const uint8_t src[16], const struct wire_match *m,
	      struct wire_reply *r)
{
	struct ip_addr from = { 6, { 0 } };
	uint8_t *copy = malloc(len ? len : 1);
	enum wire_kind k;

	assert_non_null(copy);
	memcpy(from.a, src, 16);
	if (len)
		memcpy(copy, p, len);
	k = wire_parse_icmp6(copy, len, &from, m, r);
	free(copy);
	assert_int_equal(k, r->kind);
	return k;
}
