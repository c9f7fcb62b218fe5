/* SPDX-License-Identifier: BSD-2-Clause */
/* The Internet checksum (RFC 1071), used by the parser to verify replies and
 * by the builder to repair libnet's ICMPv6 checksum for very large packets
 * (see wire_build.c). */
#include <netinet/in.h>

#include "wire/wire_int.h"

uint32_t
wire_sum_add(uint32_t sum, const uint8_t *buf, size_t len)
{
	/* 64-bit accumulator: 65535 bytes of 0xff words cannot overflow it,
	 * and folding once at the end keeps the running sum in 32 bits. */
	uint64_t acc = sum;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		acc += wire_rd16(buf + i);
	if (len & 1)
		acc += (uint32_t)buf[len - 1] << 8;
	while (acc >> 32)
		acc = (acc & 0xffffffffu) + (acc >> 32);
	return (uint32_t)acc;
}

/* Bytes k of the pattern at even k are the high byte of a 16-bit word,
 * odd k the low byte (the data starts at an even offset). */
static uint64_t
pattern_bytes(size_t from, size_t to)
{
	uint64_t acc = 0;

	for (size_t k = from; k < to; k++)
		acc += k & 1 ? (uint64_t)(k & 0xff) : (uint64_t)(k & 0xff) << 8;
	return acc;
}

uint32_t
wire_sum_pattern(uint32_t sum, size_t from, size_t to)
{
	/* One whole cycle k = 256j .. 256j + 255: even values 0..254 high
	 * (16256 << 8), odd values 1..255 low (16384). */
	const uint64_t cycle = (16256u << 8) + 16384u;
	uint64_t acc = sum;
	size_t a, b;

	if (to <= from)
		return sum;
	a = (from + 255) & ~(size_t)255; /* first cycle boundary */
	b = to & ~(size_t)255;           /* last one */
	if (a >= b) {
		acc += pattern_bytes(from, to);
	} else {
		acc += pattern_bytes(from, a);
		acc += (uint64_t)((b - a) / 256) * cycle;
		acc += pattern_bytes(b, to);
	}
	while (acc >> 32)
		acc = (acc & 0xffffffffu) + (acc >> 32);
	return (uint32_t)acc;
}

uint16_t
wire_sum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffffu) + (sum >> 16);
	return (uint16_t)~sum;
}

uint32_t
wire_sum_pseudo6(const uint8_t src[16], const uint8_t dst[16], size_t len)
{
	return wire_sum_pseudo(6, src, dst, len, IPPROTO_ICMPV6);
}

uint32_t
wire_sum_pseudo(int family, const uint8_t *src, const uint8_t *dst, size_t len, uint8_t proto)
{
	size_t alen = family == 6 ? 16 : 4;
	uint32_t sum = 0;

	sum = wire_sum_add(sum, src, alen);
	sum = wire_sum_add(sum, dst, alen);
	/* IPv6: the upper-layer length is 32 bits wide (RFC 8200 §8.1); our
	 * lengths never exceed 65535 + 40, so the high half is at most 1.
	 * IPv4 (RFC 793 sec. 3.1, RFC 768): zero, protocol, 16-bit length. */
	sum += (uint32_t)(len >> 16) + (uint32_t)(len & 0xffffu);
	sum += proto;
	return sum;
}

/* Fuzzing builds (the libFuzzer/OSS-Fuzz convention macro) still compute
 * the sum but accept any value: a fuzzer cannot forge checksums, and every
 * check behind this one would otherwise go untested. */
int
wire_sum_ok(uint32_t sum)
{
	int ok = wire_sum_fold(sum) == 0;

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	ok = 1;
#endif
	return ok;
}
