/* SPDX-License-Identifier: BSD-2-Clause */
/* Recognising our own probes in a capture (for `mtuprobe inspect`), and the
 * addresses and size of any IP packet from its header alone.
 *
 * A probe is an ICMP or ICMPv6 echo request laid out the way
 * wire_build_echo() builds it: an 8-byte cookie, then data byte k = (uint8_t)k
 * (checked for WIRE_PROBE_MIN_PATTERN bytes at least). IPv4 probes set DF and
 * are never fragments; IPv6 probes carry no extension headers. The caller
 * passes the bytes captured (len) and the packet's size on the wire, since a
 * capture may hold fewer bytes than the packet had (its snap length). */
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <string.h>

#include "wire/wire.h"
#include "wire/wire_int.h"

static void
set_addr(struct ip_addr *a, int family, const uint8_t *p)
{
	memset(a, 0, sizeof(*a));
	a->family = family;
	memcpy(a->a, p, family == 4 ? 4 : 16);
}

/* After the IP header, the same for both families. have: ICMP bytes
 * captured; full: ICMP bytes the packet had. */
static int
probe_icmp(const uint8_t *icmp, size_t have, size_t full, struct wire_probe *pi, const char **why)
{
	const size_t need = WIRE_ICMP_HLEN + WIRE_COOKIE_LEN + WIRE_PROBE_MIN_PATTERN;
	size_t k;

	if (have < need) {
		*why = full >= need
			       ? "echo request cut short by the snap length: cannot tell if it is a probe"
			       : "echo request too short to be a probe";
		return WIRE_NOT_PROBE;
	}
	for (k = WIRE_COOKIE_LEN; k < have - WIRE_ICMP_HLEN; k++)
		if (icmp[WIRE_ICMP_HLEN + k] != (uint8_t)k) {
			*why = "echo request, not a probe (its data is not the probe pattern)";
			return WIRE_NOT_PROBE;
		}
	pi->m.ident = wire_rd16(icmp + 4);
	pi->seq = wire_rd16(icmp + 6);
	memcpy(pi->m.cookie, icmp + WIRE_ICMP_HLEN, WIRE_COOKIE_LEN);
	return WIRE_PROBE;
}

/* The IP header says it may be a probe of tot bytes with an hlen-byte
 * header: take its addresses and look at the echo request. */
static int
probe_ip(const uint8_t *ip, size_t len, size_t hlen, size_t tot, int family, struct wire_probe *pi,
	 const char **why)
{
	size_t src = family == 4 ? 12 : 8, alen = family == 4 ? 4 : 16;

	set_addr(&pi->m.src, family, ip + src);
	set_addr(&pi->m.dst, family, ip + src + alen);
	pi->size = (uint32_t)tot;
	pi->snapped = len < tot;
	return probe_icmp(ip + hlen, (len < tot ? len : tot) - hlen, tot - hlen, pi, why);
}

/* IPv4 (RFC 791): our probes set DF, so they are never fragments. */
static int
probe4(const uint8_t *ip, size_t len, uint32_t wire, struct wire_probe *pi, const char **why)
{
	size_t ihl, tot;
	unsigned frag;

	if (len < WIRE_IP4_HLEN || ip[9] != IPPROTO_ICMP)
		return WIRE_NOT_ECHO;
	frag = wire_rd16(ip + 6);
	if (frag & IP_OFFMASK)
		return WIRE_NOT_ECHO;
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	if (ihl < WIRE_IP4_HLEN || len < ihl + WIRE_ICMP_HLEN || ip[ihl] != ICMP_ECHO)
		return WIRE_NOT_ECHO;
	tot = wire_rd16(ip + 2);
	if (tot < ihl + WIRE_ICMP_HLEN || tot > wire) {
		*why = "echo request with an impossible ip total length";
		return WIRE_NOT_PROBE;
	}
	if (frag & IP_MF) {
		*why = "echo request fragment, not a probe (probes set DF)";
		return WIRE_NOT_PROBE;
	}
	/* Also keeps out BSD and macOS ping, whose data (an 8-byte time
	 * stamp, then the same count) is our layout, unless run with -D. */
	if (!(frag & IP_DF)) {
		*why = "echo request without DF, not a probe";
		return WIRE_NOT_PROBE;
	}
	return probe_ip(ip, len, ihl, tot, 4, pi, why);
}

/* IPv6 (RFC 8200): our probes carry no extension headers. */
static int
probe6(const uint8_t *ip, size_t len, uint32_t wire, struct wire_probe *pi, const char **why)
{
	size_t tot;

	if (len < WIRE_IP6_HLEN + WIRE_ICMP_HLEN || ip[6] != IPPROTO_ICMPV6 ||
	    ip[WIRE_IP6_HLEN] != ICMP6_ECHO_REQUEST)
		return WIRE_NOT_ECHO;
	tot = WIRE_IP6_HLEN + (size_t)wire_rd16(ip + 4);
	if (tot < WIRE_IP6_HLEN + WIRE_ICMP_HLEN || tot > wire) {
		*why = "echo request with an impossible ipv6 payload length";
		return WIRE_NOT_PROBE;
	}
	return probe_ip(ip, len, WIRE_IP6_HLEN, tot, 6, pi, why);
}

int
wire_parse_probe(const uint8_t *buf, size_t len, uint32_t wire_len, struct wire_probe *out,
		 const char **why)
{
	memset(out, 0, sizeof(*out));
	*why = NULL;
	if (!buf || len < 1)
		return WIRE_NOT_ECHO;
	if (buf[0] >> 4 == 4)
		return probe4(buf, len, wire_len, out, why);
	if (buf[0] >> 4 == 6)
		return probe6(buf, len, wire_len, out, why);
	return WIRE_NOT_ECHO;
}

void
wire_ip_header(const uint8_t *buf, size_t len, struct wire_ip *out)
{
	memset(out, 0, sizeof(*out));
	if (!buf || len < 1)
		return;
	if (buf[0] >> 4 == 4) {
		if (len >= 4) {
			out->sized = 1;
			out->size = wire_rd16(buf + 2);
		}
		if (len >= WIRE_IP4_HLEN) {
			set_addr(&out->src, 4, buf + 12);
			set_addr(&out->dst, 4, buf + 16);
		}
	} else if (buf[0] >> 4 == 6) {
		if (len >= 6) {
			out->sized = 1;
			out->size = WIRE_IP6_HLEN + (uint32_t)wire_rd16(buf + 4);
		}
		if (len >= WIRE_IP6_HLEN) {
			set_addr(&out->src, 6, buf + 8);
			set_addr(&out->dst, 6, buf + 24);
		}
	}
}
