/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the wire unit tests: fixtures, golden packets, and helpers that
 * craft replies. The helpers compute checksums with their own code (t_sum),
 * never the library's, so a checksum bug in wire cannot hide itself. */
#ifndef MTUPROBE_TEST_WIRE_H
#define MTUPROBE_TEST_WIRE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "wire/wire.h"

/* RFC 5737 / RFC 3849 addresses of the golden lab (see golden.c). */
extern const struct wire_match match_v4;     /* 192.0.2.1 -> 198.51.100.2 */
extern const struct wire_match match_v6;     /* 2001:db8:1::1 -> 2001:db8:2::2 */
extern const struct wire_match match_v4_unr; /* 192.0.2.1 -> 203.0.113.7 */
extern const struct wire_match match_v6_unr; /* 2001:db8:1::1 -> 2001:db8:3::7 */
extern const uint8_t router_v4[4];           /* 192.0.2.254 */
extern const uint8_t router_v6[16];          /* 2001:db8:1::ff */

extern const uint8_t golden_v4_probe[64];
extern const uint8_t golden_v6_probe[64];
extern const uint8_t golden_v4_echo_reply[64];
extern const uint8_t golden_v4_frag_needed[576];
extern const uint8_t golden_v4_time_exceeded[128];
extern const uint8_t golden_v4_unreach[92];
extern const uint8_t golden_v6_echo_reply[64];
extern const uint8_t golden_v6_ptb[1280];
extern const uint8_t golden_v6_time_exceeded[148];
extern const uint8_t golden_v6_unreach[112];

#define T_MAXPKT 70000

/* Independent RFC 1071 checksum: returns 0 when verifying a correct one. */
uint16_t t_sum(const uint8_t *p, size_t n, uint32_t init);
/* RFC 8200 §8.1 pseudo-header partial sum for an ICMPv6 message of n bytes. */
uint32_t t_pseudo6(const uint8_t *src, const uint8_t *dst, size_t n);

/* wire_build_echo that must succeed; returns size. */
size_t t_build(uint8_t *buf, const struct wire_match *m, size_t size, int ttl, uint16_t seq);
/* Recompute the IPv4 header and ICMP checksums (per IHL and total length). */
void t_fix4(uint8_t *pkt);
/* Recompute the ICMPv6 checksum; icmp_off: where the ICMPv6 header starts. */
void t_fix6(uint8_t *pkt, size_t icmp_off);
/* Turn a probe into the target's echo reply (swap addresses, type 0/129). */
size_t t_echo_reply(uint8_t *out, const uint8_t *probe, size_t len);
/* An ICMPv4 error from router_v4 to the quote's source; word: bytes 4-7. */
size_t
t_err4(uint8_t *out, uint8_t type, uint8_t code, uint32_t word, const uint8_t *quote, size_t qlen);
/* An ICMPv6 error (no extension headers) from router_v6 to the quote's source. */
size_t
t_err6(uint8_t *out, uint8_t type, uint8_t code, uint32_t word, const uint8_t *quote, size_t qlen);
/* Parse a heap copy of exactly len bytes, so ASan sees any read past len. */
enum wire_kind
t_parse_ip(const uint8_t *p, size_t len, const struct wire_match *m, struct wire_reply *r);
enum wire_kind t_parse_icmp6(const uint8_t *p, size_t len, const uint8_t src[16],
			     const struct wire_match *m, struct wire_reply *r);

/* Test groups: each returns the number of failed tests. */
int wire_build_tests(void);
int wire_parse_tests(void);
int wire_robust_tests(void);
int wire_l4_tests(void);
int wire_foreign_tests(void);

#endif
