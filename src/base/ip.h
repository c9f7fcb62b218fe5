/* SPDX-License-Identifier: BSD-2-Clause */
/* IP facts every floor shares: the one address type (as bytes: no sockets
 * in this header), its one text form, and the protocol's size limits. */
#ifndef MTUPROBE_BASE_IP_H
#define MTUPROBE_BASE_IP_H

#include <stddef.h>
#include <stdint.h>

/* RFC 791: every IPv4 link carries at least 68 bytes. RFC 8200 section 5:
 * every IPv6 link carries at least 1280. The IP length fields are 16 bits. */
#define IP_MIN_MTU4 68
#define IP_MIN_MTU6 1280
#define IP_MAX_MTU 65535
/* TCP MSS = MTU - IP header - TCP header (RFC 879, RFC 8200 section 8.3). */
#define IP_MSS4_HDR 40
#define IP_MSS6_HDR 60

/* The smallest MTU a link of this family (4 or 6) may have. */
static inline unsigned
ip_min_mtu(int family)
{
	return family == 6 ? IP_MIN_MTU6 : IP_MIN_MTU4;
}

/* An IPv4 or IPv6 address; IPv4 uses the first 4 bytes of a. */
struct ip_addr {
	int family;    /* 4 or 6, 0 = none (not AF_*: keeps this header free of sockets) */
	uint8_t a[16]; /* network byte order */
};

/* An IPv4 address given as a host-order number (192.0.2.1 = 0xc0000201). */
struct ip_addr ip_addr_v4(uint32_t host_order);

/* "192.0.2.1", "2001:db8::1", or "-" for no address or a bad one (ip.c). */
void ip_addr_text(const struct ip_addr *a, char *buf, size_t len);

#endif
