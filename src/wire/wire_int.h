/* wire internals shared by wire_build.c and wire_parse.c: big-endian field
 * access and the Internet checksum. Not part of the public API. */
#ifndef MTUPROBE_WIRE_INT_H
#define MTUPROBE_WIRE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "wire/wire.h"

/* Fixed header sizes. */
#define WIRE_IP4_HLEN 20u      /* RFC 791 §3.1, without options */
#define WIRE_IP6_HLEN 40u      /* RFC 8200 §3 */
#define WIRE_ICMP_HLEN 8u      /* RFC 792 / RFC 4443 §2.1: type, code, sum, 4 bytes */


static inline uint16_t wire_rd16(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static inline uint32_t wire_rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline void wire_wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* RFC 1071 one's complement sum of buf, added to a running 32-bit partial sum
 * (odd trailing byte padded with zero). Feed the result to wire_sum_fold(). */
uint32_t wire_sum_add(uint32_t sum, const uint8_t *buf, size_t len);

/* Fold carries and complement: the value to store in a checksum field, or 0
 * when verifying a message that already carries a correct checksum. */
uint16_t wire_sum_fold(uint32_t sum);

/* Adds the probe data pattern (wire_build.c: data byte k is (uint8_t)k)
 * for k in [from, to) to a running sum, the data starting at an even offset
 * of the message. Constant time per 256 bytes, so a forged error claiming a
 * 65535-byte quote costs no more than a short one. */
uint32_t wire_sum_pattern(uint32_t sum, size_t from, size_t to);

/* RFC 8200 §8.1 pseudo-header sum (source, destination, 32-bit upper-layer
 * length, next header 58) for an ICMPv6 message of len bytes. */
uint32_t wire_sum_pseudo6(const uint8_t src[16], const uint8_t dst[16],
			  size_t len);

#endif
