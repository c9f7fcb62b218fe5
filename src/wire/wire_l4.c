/* SPDX-License-Identifier: BSD-2-Clause */
/* The UDP and TCP probe methods: building the probes (and the RST that ends
 * a TCP handshake) and recognising what proves a probe arrived.
 *
 * Built by hand rather than with libnet (wire_build.c): the packets are a
 * fixed IP header and one small L4 header, the checksum must be exactly the
 * one the parser recomputes (libnet 1.1.6's pseudo-header sum wraps for
 * large IPv6 packets, see repair_icmp6_sum()), and the RST is built on the
 * receive path where a libnet context per packet would be waste.
 *
 * Evidence, as for ICMP (wire_parse.c), must be unforgeable off-path:
 *   TCP: every SYN carries its own random 32-bit ISN (rawio.c draws it per
 *        probe, RFC 6528 explains why ISNs must not be guessable). A SYN-ACK
 *        or RST counts only if it acknowledges that ISN: ISN + 1 when the
 *        target acknowledges the SYN but not its data (Linux without TCP Fast
 *        Open: RFC 9293 sec. 3.10.7.2 lets a receiver queue or drop SYN
 *        data), ISN + 1 + data when it takes the data too; a closed port's
 *        RST acknowledges SEG.SEQ + SEG.LEN = ISN + 1 + data (RFC 9293 sec.
 *        3.10.7.1). An ICMP error quoting our SYN must quote that ISN (it
 *        is in the 8 bytes RFC 792 guarantees): such a quote is strong.
 *   UDP: the port unreachable must come from the target and quote our
 *        cookie; the quoted UDP checksum must be our datagram's (it covers
 *        the cookie), like the quoted echo checksum for ICMP. */
#include <netinet/in.h>
#include <string.h>

#include "base/errbuf.h"
#include "wire/wire.h"
#include "wire/wire_int.h"

#define IP4_DF 0x4000u /* RFC 791 sec. 3.1: Don't Fragment */
#define TCP_FIN 0x01u  /* RFC 9293 sec. 3.1 control bits */
#define TCP_SYN 0x02u
#define TCP_RST 0x04u
#define TCP_ACK 0x10u
#define TCPOPT_EOL 0u /* RFC 9293 sec. 3.2 */
#define TCPOPT_NOP 1u
#define TCPOPT_MSS 2u

static size_t
ip_hlen(int family)
{
	return family == 6 ? WIRE_IP6_HLEN : WIRE_IP4_HLEN;
}

static size_t
l4_hlen(int method)
{
	return method == WIRE_TCP ? WIRE_TCP_HLEN + WIRE_SYN_OPTLEN : WIRE_UDP_HLEN;
}

size_t
wire_min_probe_of(int family, int method)
{
	if (family != 4 && family != 6)
		return 0;
	if (method == WIRE_ICMP)
		return wire_min_probe(family);
	return ip_hlen(family) + l4_hlen(method) + WIRE_COOKIE_LEN;
}

uint8_t
wire_proto_of(const struct wire_match *m, int family)
{
	if (m->method == WIRE_TCP)
		return IPPROTO_TCP;
	if (m->method == WIRE_UDP)
		return IPPROTO_UDP;
	return family == 6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
}

const struct wire_flow *
wire_flow_of(const struct wire_match *m, uint16_t port)
{
	uint16_t k = (uint16_t)(port - m->sport_base);

	if (!m->flows || port < m->sport_base || k >= m->nflows || !m->flows[k].size)
		return NULL;
	return &m->flows[k];
}

/* The IP header (no options, no extension headers). IPv4: DF set (RFC
 * 1191 sec. 3) and id = seq, as for echo probes; the checksum is filled in. */
static void
put_ip(uint8_t *b, size_t size, int ttl, const struct wire_match *m, uint16_t id, uint8_t proto)
{
	if (m->dst.family == 6) {
		memset(b, 0, WIRE_IP6_HLEN);
		b[0] = 0x60;
		wire_wr16(b + 4, (uint16_t)(size - WIRE_IP6_HLEN));
		b[6] = proto;
		b[7] = (uint8_t)ttl;
		memcpy(b + 8, m->src.a, 16);
		memcpy(b + 24, m->dst.a, 16);
		return;
	}
	memset(b, 0, WIRE_IP4_HLEN);
	b[0] = 0x45;
	wire_wr16(b + 2, (uint16_t)size);
	wire_wr16(b + 4, id);
	wire_wr16(b + 6, IP4_DF);
	b[8] = (uint8_t)ttl;
	b[9] = proto;
	memcpy(b + 12, m->src.a, 4);
	memcpy(b + 16, m->dst.a, 4);
	wire_wr16(b + 10, wire_sum_fold(wire_sum_add(0, b, WIRE_IP4_HLEN)));
}

/* The cookie, then data byte k = (uint8_t)k: as wire_build.c's echo data. */
static void
put_payload(uint8_t *p, size_t n, const uint8_t *cookie)
{
	memcpy(p, cookie, WIRE_COOKIE_LEN);
	for (size_t k = WIRE_COOKIE_LEN; k < n; k++)
		p[k] = (uint8_t)k;
}

/* Fill the checksum at l4 + at over the pseudo-header and the segment. */
static void
put_sum(uint8_t *l4, size_t len, size_t at, const struct wire_match *m, uint8_t proto)
{
	uint32_t s = wire_sum_pseudo(m->dst.family, m->src.a, m->dst.a, len, proto);
	uint16_t v;

	wire_wr16(l4 + at, 0);
	v = wire_sum_fold(wire_sum_add(s, l4, len));
	/* RFC 768: a computed UDP sum of 0 is sent as all ones (0 means none) */
	if (proto == IPPROTO_UDP && v == 0)
		v = 0xffff;
	wire_wr16(l4 + at, v);
}

/* Check the arguments and write the IP header: the L4 header goes at the
 * returned pointer, NULL (with err set) on bad arguments. */
static uint8_t *
start_l4(uint8_t *buf, size_t cap, size_t size, int ttl, const struct wire_match *m, uint16_t seq,
	 int method, char *err, size_t errlen)
{
	if (wire_check_build(buf, cap, size, ttl, m, method, err, errlen) < 0)
		return NULL;
	put_ip(buf, size, ttl, m, seq, method == WIRE_TCP ? IPPROTO_TCP : IPPROTO_UDP);
	return buf + ip_hlen(m->dst.family);
}

long
wire_build_udp(uint8_t *buf, size_t cap, size_t size, int ttl, const struct wire_match *m,
	       uint16_t seq, uint16_t sport, char *err, size_t errlen)
{
	uint8_t *u = start_l4(buf, cap, size, ttl, m, seq, WIRE_UDP, err, errlen);
	size_t ulen;

	if (!u)
		return -1;
	ulen = size - ip_hlen(m->dst.family);
	wire_wr16(u, sport);
	wire_wr16(u + 2, m->dport);
	wire_wr16(u + 4, (uint16_t)ulen);
	put_payload(u + WIRE_UDP_HLEN, ulen - WIRE_UDP_HLEN, m->cookie);
	put_sum(u, ulen, 6, m, IPPROTO_UDP);
	return (long)size;
}

/* TCP header: ports, sequence number, no acknowledgment, flags, a window
 * of 65535 (any value: the connection never opens). */
static void
put_tcp(uint8_t *t, uint16_t sport, uint16_t dport, uint32_t seqno, size_t hlen, uint8_t flags)
{
	memset(t, 0, hlen);
	wire_wr16(t, sport);
	wire_wr16(t + 2, dport);
	wire_wr32(t + 4, seqno);
	t[12] = (uint8_t)((hlen / 4) << 4);
	t[13] = flags;
	wire_wr16(t + 14, flags & TCP_RST ? 0 : 0xffff);
}

long
wire_build_syn(uint8_t *buf, size_t cap, size_t size, int ttl, const struct wire_match *m,
	       uint16_t seq, uint16_t sport, uint32_t isn, char *err, size_t errlen)
{
	const size_t th = WIRE_TCP_HLEN + WIRE_SYN_OPTLEN;
	uint8_t *t = start_l4(buf, cap, size, ttl, m, seq, WIRE_TCP, err, errlen);
	size_t tlen;

	if (!t)
		return -1;
	tlen = size - ip_hlen(m->dst.family);
	put_tcp(t, sport, m->dport, isn, th, TCP_SYN);
	/* The MSS option: without one an MSS clamp (nftables "maxseg size
	 * set", RTX "tcp mss limit") has nothing to rewrite in our SYN, and
	 * RFC 9293 sec. 3.7.1 has the target assume 536 (IPv4) / 1220. */
	t[20] = TCPOPT_MSS;
	t[21] = 4;
	wire_wr16(t + 22, m->syn_mss ? m->syn_mss : 536);
	put_payload(t + th, tlen - th, m->cookie);
	put_sum(t, tlen, 16, m, IPPROTO_TCP);
	return (long)size;
}

long
wire_build_rst(uint8_t *buf, size_t cap, const struct wire_match *m, uint16_t sport, uint32_t ack,
	       char *err, size_t errlen)
{
	size_t h = m && m->dst.family == 6 ? WIRE_IP6_HLEN : WIRE_IP4_HLEN;
	size_t size = h + WIRE_TCP_HLEN;

	/* no data, so below a probe's minimum: checked against that bound */
	if (!m || size > cap ||
	    wire_check_build(buf, cap, h + WIRE_TCP_HLEN + WIRE_SYN_OPTLEN + WIRE_COOKIE_LEN, 64, m,
			     WIRE_TCP, err, errlen) < 0) {
		err_set(err, errlen, "cannot build a RST: no match or no room");
		return -1;
	}
	put_ip(buf, size, 64, m, 0, IPPROTO_TCP);
	put_tcp(buf + h, sport, m->dport, ack, WIRE_TCP_HLEN, TCP_RST);
	put_sum(buf + h, WIRE_TCP_HLEN, 16, m, IPPROTO_TCP);
	return (long)size;
}

/* UDP quote: our ports, the quoted length agreeing with the quoted IP
 * header, the cookie when quoted, and the quoted checksum our datagram's. */
static const char *
quoted_udp(int family, const uint8_t *u, size_t len, uint32_t size, size_t hlen,
	   const struct wire_match *m, const struct wire_flow *f, uint8_t *strong)
{
	size_t ulen = size - hlen;
	uint32_t sum;

	if (wire_rd16(u + 4) != ulen || ulen < WIRE_UDP_HLEN + WIRE_COOKIE_LEN)
		return "not ours: quoted udp length";
	*strong = len >= WIRE_UDP_HLEN + WIRE_COOKIE_LEN;
	if (*strong && memcmp(u + WIRE_UDP_HLEN, m->cookie, WIRE_COOKIE_LEN) != 0)
		return "forged: cookie mismatch";
	sum = wire_sum_pseudo(family, m->src.a, m->dst.a, ulen, IPPROTO_UDP);
	sum = wire_sum_add(sum, u, WIRE_UDP_HLEN);
	sum = wire_sum_add(sum, m->cookie, WIRE_COOKIE_LEN);
	sum = wire_sum_pattern(sum, WIRE_COOKIE_LEN, ulen - WIRE_UDP_HLEN);
	(void)f;
	return wire_sum_ok(sum) ? NULL : "forged: quoted checksum";
}

const char *
wire_quoted_l4(int family, const uint8_t *l4, size_t len, uint32_t size, size_t hlen,
	       const struct wire_match *m, uint16_t *seq, uint8_t *strong)
{
	const struct wire_flow *f;

	/* RFC 792 guarantees 8 bytes: both ports, and the UDP length and
	 * checksum or the TCP sequence number. */
	if (len < 8)
		return "truncated quote";
	if (wire_rd16(l4 + 2) != m->dport)
		return "not ours: quoted port";
	f = wire_flow_of(m, wire_rd16(l4));
	if (!f)
		return "not ours: quoted port";
	if (size < hlen || f->size != size)
		return "not ours: quoted size";
	if (m->method == WIRE_TCP) {
		if (wire_rd32(l4 + 4) != f->isn)
			return "forged: quoted sequence number";
		*strong = 1; /* 32 random bits, always quoted */
	} else {
		const char *why = quoted_udp(family, l4, len, size, hlen, m, f, strong);
		if (why)
			return why;
	}
	*seq = f->seq;
	return NULL;
}

/* The MSS option of a SYN-ACK (RFC 9293 sec. 3.2), 0 if absent or bad. */
static uint16_t
tcp_mss(const uint8_t *opt, size_t n)
{
	size_t i = 0;

	while (i < n) {
		if (opt[i] == TCPOPT_EOL)
			return 0;
		if (opt[i] == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= n || opt[i + 1] < 2 || opt[i + 1] > n - i)
			return 0;
		if (opt[i] == TCPOPT_MSS && opt[i + 1] == 4)
			return wire_rd16(opt + i + 2);
		i += opt[i + 1];
	}
	return 0;
}

/* Does ack acknowledge our SYN (ISN + 1) or our SYN and its data? */
static int
acks_probe(int family, const struct wire_flow *f, uint32_t ack)
{
	uint32_t data = (uint32_t)(f->size - ip_hlen(family) - WIRE_TCP_HLEN - WIRE_SYN_OPTLEN);

	return ack == f->isn + 1u || ack == f->isn + 1u + data;
}

/* The TCP checksum is not checked. Raw sockets get their copy before TCP
 * verifies it, and a segment that was checksum-offloaded on its way
 * (CHECKSUM_PARTIAL: veth, virtio, a local sender) arrives with only the
 * pseudo-header sum in the field: tcpdump calls such SYN-ACKs "incorrect" in
 * the lab, and TCP accepts them. What proves the segment ours is not the
 * checksum (a forger computes it) but the acknowledgment of a random ISN. */
enum wire_kind
wire_tcp_segment(int family, const uint8_t *tcp, size_t len, const struct wire_match *m,
		 struct wire_reply *out)
{
	const struct wire_flow *f;
	size_t doff;
	uint8_t fl;

	if (m->method != WIRE_TCP)
		return wire_ignore(out, "not tcp probes");
	if (len < WIRE_TCP_HLEN)
		return wire_ignore(out, "truncated");
	doff = (size_t)(tcp[12] >> 4) * 4;
	if (doff < WIRE_TCP_HLEN || doff > len)
		return wire_ignore(out, "bad tcp data offset");
	if (out->responder.family != m->dst.family ||
	    memcmp(out->responder.a, m->dst.a, family == 6 ? 16 : 4) != 0)
		return wire_ignore(out, "not ours: source");
	if (wire_rd16(tcp) != m->dport)
		return wire_ignore(out, "not ours: port");
	f = wire_flow_of(m, wire_rd16(tcp + 2));
	if (!f)
		return wire_ignore(out, "not ours: port");
	fl = tcp[13];
	if (!(fl & TCP_ACK) || (fl & TCP_FIN) || !(fl & (TCP_SYN | TCP_RST)) ||
	    (fl & TCP_SYN && fl & TCP_RST))
		return wire_ignore(out, "not a syn-ack or reset");
	if (!acks_probe(family, f, wire_rd32(tcp + 8)))
		return wire_ignore(out, "forged: acknowledgment number");
	out->kind = fl & TCP_RST ? WIRE_TCP_RST : WIRE_TCP_SYNACK;
	out->seq = f->seq;
	out->port = wire_rd16(tcp + 2);
	out->tcp_ack = wire_rd32(tcp + 8);
	out->mss = out->kind == WIRE_TCP_SYNACK ? tcp_mss(tcp + WIRE_TCP_HLEN, doff - WIRE_TCP_HLEN)
						: 0;
	out->why = NULL;
	return out->kind;
}

enum wire_kind
wire_parse_tcp6(const uint8_t *buf, size_t len, const struct ip_addr *src,
		const struct wire_match *m, struct wire_reply *out)
{
	struct wire_reply scratch;

	if (!out)
		out = &scratch;
	memset(out, 0, sizeof(*out));
	if (!buf || !m || !src)
		return wire_ignore(out, "no packet or no match");
	if (src->family != 6)
		return wire_ignore(out, "sender is not ipv6");
	out->responder = *src;
	return wire_tcp_segment(6, buf, len, m, out);
}
