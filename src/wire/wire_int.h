/* SPDX-License-Identifier: BSD-2-Clause */
/* wire internals shared by wire_build.c and wire_parse.c: big-endian field
 * access and the Internet checksum. Not part of the public API. */
#ifndef MTUPROBE_WIRE_INT_H
#define MTUPROBE_WIRE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "wire/wire.h"

/* Fixed header sizes. */
#define WIRE_IP4_HLEN 20u /* RFC 791 §3.1, without options */
#define WIRE_IP6_HLEN 40u /* RFC 8200 §3 */
#define WIRE_ICMP_HLEN 8u /* RFC 792 / RFC 4443 §2.1: type, code, sum, 4 bytes */

static inline uint16_t
wire_rd16(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static inline uint32_t
wire_rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void
wire_wr16(uint8_t *p, uint16_t v)
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
uint32_t wire_sum_pseudo6(const uint8_t src[16], const uint8_t dst[16], size_t len);

/* The same for IPv4 (RFC 793 sec. 3.1, RFC 768) or IPv6, any protocol. */
uint32_t
wire_sum_pseudo(int family, const uint8_t *src, const uint8_t *dst, size_t len, uint8_t proto);

/* Does a message's sum (checksum field included) verify? (Any sum does in
 * fuzzing builds.) */
int wire_sum_ok(uint32_t sum);

#define WIRE_UDP_HLEN 8u   /* RFC 768 */
#define WIRE_TCP_HLEN 20u  /* RFC 9293 sec. 3.1, without options */
#define WIRE_SYN_OPTLEN 4u /* our SYN's only option: MSS (RFC 9293 sec. 3.2) */

static inline void
wire_wr32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* wire_build.c: the arguments of a probe builder (sizes for the method's
 * minimum); 0, or -1 with a message. */
int wire_check_build(const uint8_t *buf, size_t cap, size_t size, int ttl,
		     const struct wire_match *m, int method, char *err, size_t errlen);
/* wire_parse.c: mark out ignored (every result field zeroed), with why. */
enum wire_kind wire_ignore(struct wire_reply *out, const char *why);

/* wire_l4.c, for wire_parse.c: the UDP/TCP halves of the reply parser. */
/* The probe that left from port, or NULL. */
const struct wire_flow *wire_flow_of(const struct wire_match *m, uint16_t port);
/* IP protocol number of the method's probes in this family. */
uint8_t wire_proto_of(const struct wire_match *m, int family);
/* An ICMP error's quote of a UDP/TCP probe: l4 bytes present (len), the
 * quoted IP size and header length. NULL with *seq and *strong set, or why
 * it is not ours. */
const char *wire_quoted_l4(int family, const uint8_t *l4, size_t len, uint32_t size, size_t hlen,
			   const struct wire_match *m, uint16_t *seq, uint8_t *strong);
/* A TCP segment from out->responder whose checksum was verified. */
enum wire_kind wire_tcp_segment(int family, const uint8_t *tcp, size_t len,
				const struct wire_match *m, struct wire_reply *out);

/* wire_foreign.c, for wire_parse.c: answers to other tools' probes
 * (m->tool != WIRE_TOOL_MTUPROBE), which carry no cookie. An echo reply
 * (8 header bytes present) from out->responder: */
enum wire_kind
wire_foreign_echo(const uint8_t *icmp, const struct wire_match *m, struct wire_reply *out);
/* A quoted echo request or UDP header (len bytes of it present; size and
 * hlen per the quoted IP header): NULL with *seq set, or why not ours. */
const char *wire_foreign_quote(const uint8_t *l4, size_t len, uint32_t size, size_t hlen,
			       uint8_t echo_request, const struct wire_match *m, uint16_t *seq);

#endif
