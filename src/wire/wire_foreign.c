/* SPDX-License-Identifier: BSD-2-Clause */
/* Other tools' DF probes in a capture, for `mtuprobe inspect`: the ping an
 * engineer ran in the field (Linux `ping -M do -s N`, Windows `ping -f -l
 * N`) and iputils tracepath's UDP probes, and the answers to them.
 *
 * These probes carry no cookie, so nothing in an answer proves it was sent
 * for them; it is matched the way the tool itself matches it, and the
 * renderers say so:
 *   ping: an echo reply from the target with the ident and a seq that was
 *         sent; an ICMP error quoting an echo request with the ident and a
 *         seq that was sent, at the size that seq was sent with (RFC 792
 *         guarantees the quoted IP header, whose total length that is).
 *   tracepath: an ICMP error quoting a UDP datagram from the stream's source
 *         port to a destination port that was sent, at that port's size;
 *         the target's port unreachable is the answer that says it arrived
 *         (tracepath's "reached"; RFC 1122 sec. 4.1.3.1).
 * A forger on the path can fake any of these; a capture is evidence of what
 * was on the wire, not of who sent it. */
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <string.h>

#include "wire/wire.h"
#include "wire/wire_int.h"

/* iputils tracepath's struct probehdr: a uint32 TTL in host byte order and
 * a struct timespec (24 bytes on LP64, 12 on ILP32), then zeros up to the
 * datagram's size. */
#define TP_HDR_MIN 12u
#define TP_ZEROS_FROM 24u

static void
set_addr(struct ip_addr *a, int family, const uint8_t *p)
{
	memset(a, 0, sizeof(*a));
	a->family = family;
	memcpy(a->a, p, family == 4 ? 4 : 16);
}

/* Does this UDP data (have bytes captured, full on the wire) look like a
 * tracepath probe sent with this TTL? Its TTL field in either byte order,
 * and nothing but zeros after the header. */
static int
tracepath_data(const uint8_t *d, size_t have, size_t full, unsigned ttl)
{
	if (full < TP_HDR_MIN || have < 4 || ttl == 0)
		return 0;
	if (wire_rd32(d) != ttl &&
	    (uint32_t)(d[0] | d[1] << 8 | d[2] << 16 | (uint32_t)d[3] << 24) != ttl)
		return 0;
	for (size_t k = TP_ZEROS_FROM; k < have; k++)
		if (d[k])
			return 0;
	return 1;
}

/* The probe's L4 header at ip + hlen, tot bytes in all (tot <= wire was
 * checked), len captured: ping or tracepath, or not a probe. */
static int
foreign_l4(const uint8_t *ip, size_t len, size_t hlen, size_t tot, int family, uint8_t proto,
	   unsigned ttl, struct wire_probe *pi)
{
	const uint8_t *l4 = ip + hlen;
	size_t have = (len < tot ? len : tot) - hlen;
	size_t src = family == 4 ? 12 : 8, alen = family == 4 ? 4 : 16;

	if (proto == IPPROTO_UDP) {
		if (tot - hlen < WIRE_UDP_HLEN ||
		    !tracepath_data(l4 + WIRE_UDP_HLEN, have - WIRE_UDP_HLEN,
				    tot - hlen - WIRE_UDP_HLEN, ttl))
			return WIRE_NOT_ECHO;
		pi->m.tool = WIRE_TOOL_TRACEPATH;
		pi->m.method = WIRE_UDP;
		pi->m.sport_base = wire_rd16(l4);
		pi->seq = wire_rd16(l4 + 2);
	} else {
		pi->m.tool = WIRE_TOOL_PING;
		pi->m.ident = wire_rd16(l4 + 4);
		pi->seq = wire_rd16(l4 + 6);
	}
	set_addr(&pi->m.src, family, ip + src);
	set_addr(&pi->m.dst, family, ip + src + alen);
	pi->size = (uint32_t)tot;
	pi->snapped = len < tot;
	return WIRE_PROBE;
}

/* IPv4 (RFC 791): DF set, so never a fragment. */
static int
foreign4(const uint8_t *ip, size_t len, uint32_t wire, struct wire_probe *pi, const char **why)
{
	size_t ihl, tot;
	unsigned frag;
	int echo;

	if (len < WIRE_IP4_HLEN || (ip[9] != IPPROTO_ICMP && ip[9] != IPPROTO_UDP))
		return WIRE_NOT_ECHO;
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	frag = wire_rd16(ip + 6);
	if (ihl < WIRE_IP4_HLEN || len < ihl + 8 || (frag & IP_OFFMASK))
		return WIRE_NOT_ECHO;
	echo = ip[9] == IPPROTO_ICMP;
	if (echo && ip[ihl] != ICMP_ECHO)
		return WIRE_NOT_ECHO;
	tot = wire_rd16(ip + 2);
	if (tot < ihl + 8 || tot > wire) {
		*why = echo ? "echo request with an impossible ip total length" : NULL;
		return echo ? WIRE_NOT_PROBE : WIRE_NOT_ECHO;
	}
	if ((frag & IP_MF) || !(frag & IP_DF)) {
		*why = echo ? "echo request without DF: a ping that may be fragmented"
			      " measures no path MTU"
			    : NULL;
		return echo ? WIRE_NOT_PROBE : WIRE_NOT_ECHO;
	}
	return foreign_l4(ip, len, ihl, tot, 4, ip[9], ip[8], pi);
}

/* IPv6 (RFC 8200): routers never fragment, so every echo request is a DF
 * one; a probe with extension headers is not recognised. */
static int
foreign6(const uint8_t *ip, size_t len, uint32_t wire, struct wire_probe *pi, const char **why)
{
	size_t tot;
	uint8_t nh;

	if (len < WIRE_IP6_HLEN + 8)
		return WIRE_NOT_ECHO;
	nh = ip[6];
	if (nh != IPPROTO_UDP && (nh != IPPROTO_ICMPV6 || ip[WIRE_IP6_HLEN] != ICMP6_ECHO_REQUEST))
		return WIRE_NOT_ECHO;
	tot = WIRE_IP6_HLEN + (size_t)wire_rd16(ip + 4);
	if (tot < WIRE_IP6_HLEN + 8 || tot > wire) {
		*why = nh == IPPROTO_ICMPV6 ? "echo request with an impossible ipv6 payload length"
					    : NULL;
		return nh == IPPROTO_ICMPV6 ? WIRE_NOT_PROBE : WIRE_NOT_ECHO;
	}
	return foreign_l4(ip, len, WIRE_IP6_HLEN, tot, 6, nh, ip[7], pi);
}

int
wire_parse_foreign(const uint8_t *buf, size_t len, uint32_t wire_len, struct wire_probe *out,
		   const char **why)
{
	memset(out, 0, sizeof(*out));
	*why = NULL;
	if (!buf || len < 1)
		return WIRE_NOT_ECHO;
	if (buf[0] >> 4 == 4)
		return foreign4(buf, len, wire_len, out, why);
	if (buf[0] >> 4 == 6)
		return foreign6(buf, len, wire_len, out, why);
	return WIRE_NOT_ECHO;
}

/* The size the stream sent seq (or port) with; 0: none. */
static uint32_t
sent_size(const struct wire_match *m, uint16_t seq)
{
	return m->seq_size ? m->seq_size[seq] : 0;
}

enum wire_kind
wire_foreign_echo(const uint8_t *icmp, const struct wire_match *m, struct wire_reply *out)
{
	uint16_t seq = wire_rd16(icmp + 6);

	if (wire_rd16(icmp + 4) != m->ident)
		return wire_ignore(out, "not ours: ident");
	if (out->responder.family != m->dst.family ||
	    memcmp(out->responder.a, m->dst.a, m->dst.family == 4 ? 4 : 16) != 0)
		return wire_ignore(out, "not ours: source");
	if (!sent_size(m, seq))
		return wire_ignore(out, "echo reply to a seq never sent");
	out->seq = seq;
	out->kind = WIRE_ECHO_REPLY;
	out->why = NULL;
	return out->kind;
}

const char *
wire_foreign_quote(const uint8_t *l4, size_t len, uint32_t size, size_t hlen, uint8_t echo_request,
		   const struct wire_match *m, uint16_t *seq)
{
	uint16_t key;

	/* RFC 792 guarantees 8 bytes: type to seq, or the whole UDP header. */
	if (len < 8)
		return "truncated quote";
	if (m->tool == WIRE_TOOL_PING) {
		if (l4[0] != echo_request)
			return "not ours: quoted type";
		if (wire_rd16(l4 + 4) != m->ident)
			return "not ours: ident";
		key = wire_rd16(l4 + 6);
	} else {
		if (wire_rd16(l4) != m->sport_base)
			return "not ours: quoted port";
		if (size < hlen || wire_rd16(l4 + 4) != size - hlen)
			return "not ours: quoted udp length";
		key = wire_rd16(l4 + 2);
	}
	if (!sent_size(m, key))
		return m->tool == WIRE_TOOL_PING ? "quotes a seq never sent"
						 : "quotes a port never sent to";
	if (sent_size(m, key) != size)
		return "quotes a size that seq or port was not sent with";
	*seq = key;
	return NULL;
}
