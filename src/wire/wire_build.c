/* SPDX-License-Identifier: BSD-2-Clause */
/* Building probes: an IPv4 or IPv6 packet carrying an ICMP/ICMPv6 echo
 * request, assembled by libnet without a socket.
 *
 * libnet is opened with LIBNET_NONE ("only construct packets"): no socket, no
 * device, no privilege, so the unit tests run unprivileged. libnet's official
 * way to get the bytes, libnet_adv_cull_packet(), refuses every injection type
 * but LIBNET_LINK_ADV (which opens a link-layer socket: CAP_NET_RAW and a
 * device). We call libnet_pblock_coalesce() instead: the exported function
 * that libnet_write() itself uses to assemble the packet and fill checksums.
 * Its buffer is released with libnet_adv_free_packet(), which works in any
 * mode. Checked against libnet 1.1.6 (Debian 12). */
#include <libnet.h>
#include <stdio.h>
#include <string.h>

#include "base/errbuf.h"
#include "wire/wire.h"
#include "wire/wire_int.h"
#include "base/count.h"

#define WIRE_MAX_PROBE 65535u /* RFC 791 total length / RFC 8200 payload length are 16 bits */
#define WIRE_IP4_DF 0x4000u   /* RFC 791 §3.1 flags field: Don't Fragment, offset 0 */
#define WIRE_ICMP_ECHO 8u     /* RFC 792 echo request */
#define WIRE_ICMP6_ECHO 128u  /* RFC 4443 §4.1 echo request */

/* One row per address family; hlen is the IP header we build (no options,
 * no extension headers). */
struct wire_family {
	int family;
	size_t hlen;
	int (*build)(libnet_t *l, size_t size, int ttl, const struct wire_match *m, uint16_t seq,
		     uint8_t *payload, size_t plen);
};

static int build4(libnet_t *l, size_t size, int ttl, const struct wire_match *m, uint16_t seq,
		  uint8_t *payload, size_t plen);
static int build6(libnet_t *l, size_t size, int ttl, const struct wire_match *m, uint16_t seq,
		  uint8_t *payload, size_t plen);

/* clang-format off */
static const struct wire_family families[] = {
	{ 4, WIRE_IP4_HLEN, build4 },
	{ 6, WIRE_IP6_HLEN, build6 },
};
/* clang-format on */

static const struct wire_family *
family_row(int family)
{
	size_t i;

	for (i = 0; i < COUNT(families); i++)
		if (families[i].family == family)
			return &families[i];
	return NULL;
}

size_t
wire_min_probe(int family)
{
	const struct wire_family *f = family_row(family);

	return f ? f->hlen + WIRE_ICMP_HLEN + WIRE_COOKIE_LEN : 0;
}

/* libnet's messages end with a newline; ours do not. */
static const char *
trim_nl(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

int
wire_check_build(const uint8_t *buf, size_t cap, size_t size, int ttl, const struct wire_match *m,
		 int method, char *err, size_t errlen)
{
	static const char *const l4[] = { "ICMP header", "UDP header",
					  "TCP header with MSS option" };
	size_t min;

	if (!buf || !m) {
		err_set(err, errlen, "no buffer or no match to build from");
		return -1;
	}
	if (!family_row(m->dst.family) || m->src.family != m->dst.family) {
		err_set(err, errlen,
			"source and target must both be IPv4 or both IPv6"
			" (got families %d and %d)",
			m->src.family, m->dst.family);
		return -1;
	}
	min = wire_min_probe_of(m->dst.family, method);
	if (size < min) {
		err_set(err, errlen,
			"probe size %zu is below the IPv%d minimum of %zu"
			" (IP header + %s + %d-byte cookie)",
			size, m->dst.family, min, l4[method == WIRE_TCP ? 2 : method == WIRE_UDP],
			WIRE_COOKIE_LEN);
		return -1;
	}
	if (size > WIRE_MAX_PROBE) {
		err_set(err, errlen, "probe size %zu exceeds the maximum of %u", size,
			WIRE_MAX_PROBE);
		return -1;
	}
	if (size > cap) {
		err_set(err, errlen, "a %zu-byte probe does not fit a %zu-byte buffer", size, cap);
		return -1;
	}
	if (ttl < 1 || ttl > 255) {
		err_set(err, errlen, "ttl/hop limit %d is outside 1..255", ttl);
		return -1;
	}
	return 0;
}

/* Echo data: the cookie, then byte k of the data is (uint8_t)k. A fixed,
 * non-zero pattern: identical runs give identical packets (golden tests,
 * comparable captures) and a link that mangles or compresses payload shows. */
static void
fill_payload(uint8_t *p, size_t n, const uint8_t *cookie)
{
	size_t k;

	memcpy(p, cookie, WIRE_COOKIE_LEN);
	for (k = WIRE_COOKIE_LEN; k < n; k++)
		p[k] = (uint8_t)k;
}

static int
build4(libnet_t *l, size_t size, int ttl, const struct wire_match *m, uint16_t seq,
       uint8_t *payload, size_t plen)
{
	uint32_t src, dst;

	/* libnet takes IPv4 addresses in network order, ident/seq/id in host
	 * order. id = seq (RFC 791 §3.1: identification) lets a capture match
	 * a probe to its errors. (Linux 6.x sends a DF packet's id 0 as is on
	 * IP_HDRINCL sockets: checked in a namespace.) */
	memcpy(&src, m->src.a, 4);
	memcpy(&dst, m->dst.a, 4);
	if (libnet_build_icmpv4_echo(WIRE_ICMP_ECHO, 0, 0, m->ident, seq, payload, (uint32_t)plen,
				     l, 0) == -1)
		return -1;
	/* DF set: RFC 1191 §3, a router that cannot forward it must answer
	 * "fragmentation needed" (type 3 code 4) with its next-hop MTU. */
	if (libnet_build_ipv4((uint16_t)size, 0, seq, WIRE_IP4_DF, (uint8_t)ttl, IPPROTO_ICMP, 0,
			      src, dst, NULL, 0, l, 0) == -1)
		return -1;
	return 0;
}

static int
build6(libnet_t *l, size_t size, int ttl, const struct wire_match *m, uint16_t seq,
       uint8_t *payload, size_t plen)
{
	struct libnet_in6_addr src, dst;

	memcpy(&src, m->src.a, 16);
	memcpy(&dst, m->dst.a, 16);
	if (libnet_build_icmpv6_echo(WIRE_ICMP6_ECHO, 0, 0, m->ident, seq, payload, (uint32_t)plen,
				     l, 0) == -1)
		return -1;
	/* IPv6 routers never fragment (RFC 8200 §5): no DF bit to set. libnet's
	 * "len" is the payload length field despite its documentation saying
	 * "total length". */
	if (libnet_build_ipv6(0, 0, (uint16_t)(size - WIRE_IP6_HLEN), IPPROTO_ICMPV6, (uint8_t)ttl,
			      src, dst, NULL, 0, l, 0) == -1)
		return -1;
	return 0;
}

/* libnet 1.1.6 adds the ICMPv6 length and next header in 16 bits, so its
 * pseudo-header sum wraps when length + 58 > 65535: the checksum is off by
 * one from an ICMPv6 length of 65478 (packet size 65518) up. Verify and, if
 * wrong, recompute (RFC 4443 §2.3, pseudo-header per RFC 8200 §8.1). */
static void
repair_icmp6_sum(uint8_t *pkt, size_t size)
{
	uint8_t *icmp = pkt + WIRE_IP6_HLEN;
	size_t ilen = size - WIRE_IP6_HLEN;
	uint32_t pseudo = wire_sum_pseudo6(pkt + 8, pkt + 24, ilen);

	if (wire_sum_fold(wire_sum_add(pseudo, icmp, ilen)) == 0)
		return;
	wire_wr16(icmp + 2, 0);
	wire_wr16(icmp + 2, wire_sum_fold(wire_sum_add(pseudo, icmp, ilen)));
}

static int
coalesce_into(libnet_t *l, uint8_t *buf, size_t size, char *err, size_t errlen)
{
	uint8_t *pkt = NULL;
	uint32_t n = 0;

	if (libnet_pblock_coalesce(l, &pkt, &n) == -1) {
		err_set(err, errlen, "libnet: %s", trim_nl(libnet_geterror(l)));
		return -1;
	}
	if (n != size) {
		err_set(err, errlen, "libnet built %u bytes instead of %zu", n, size);
		libnet_adv_free_packet(l, pkt);
		return -1;
	}
	memcpy(buf, pkt, n);
	libnet_adv_free_packet(l, pkt);
	return 0;
}

long
wire_build_echo(uint8_t *buf, size_t cap, size_t size, int ttl, const struct wire_match *m,
		uint16_t seq, char *err, size_t errlen)
{
	char lerr[LIBNET_ERRBUF_SIZE];
	const struct wire_family *f;
	libnet_t *l;
	int rc;

	if (wire_check_build(buf, cap, size, ttl, m, WIRE_ICMP, err, errlen) < 0)
		return -1;
	f = family_row(m->dst.family);
	/* Stage the echo data in buf itself: libnet copies it into its own
	 * block before the finished packet overwrites buf. */
	fill_payload(buf, size - f->hlen - WIRE_ICMP_HLEN, m->cookie);
	lerr[0] = '\0';
	l = libnet_init(LIBNET_NONE, NULL, lerr);
	if (!l) {
		err_set(err, errlen, "libnet_init: %s", trim_nl(lerr));
		return -1;
	}
	rc = f->build(l, size, ttl, m, seq, buf, size - f->hlen - WIRE_ICMP_HLEN);
	if (rc < 0)
		err_set(err, errlen, "libnet: %s", trim_nl(libnet_geterror(l)));
	else
		rc = coalesce_into(l, buf, size, err, errlen);
	libnet_destroy(l);
	if (rc < 0)
		return -1;
	if (f->family == 6)
		repair_icmp6_sum(buf, size);
	return (long)size;
}
