/* SPDX-License-Identifier: BSD-2-Clause */
/* Classifying replies: is this packet an echo reply to, or an ICMP error
 * about, one of our probes?
 *
 * Trust nothing in the packet: every length field is checked against the
 * bytes actually received before it is used, and nothing is read past len.
 * An error counts as ours only when the original datagram it quotes is one
 * of our probes: our source and target, ICMP echo request, our ident, and
 * our cookie whenever the quote is long enough to hold it. RFC 792 routers
 * quote only the IP header plus 8 bytes (no cookie); RFC 1812 §4.3.2.3 and
 * RFC 4443 §2.4(c) routers quote as much as fits in 576 / 1280 bytes.
 *
 * IPv6 extension headers: in the outer packet (wire_parse_ip) hop-by-hop,
 * routing, destination options and fragment headers are skipped (RFC 8200
 * §4). In a quote they are not walked: our probes carry none, so a quote
 * whose next header is not ICMPv6 is not about one of ours. */
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <string.h>

#include "wire/wire.h"
#include "wire/wire_int.h"
#include "base/count.h"

#define IP6_MAX_EXT 16 /* extension headers we are willing to walk */

enum mtu_field {
	MTU_NONE,
	MTU_16_AT_6, /* RFC 1191 §4: next-hop MTU in bytes 6-7 */
	MTU_32_AT_4, /* RFC 4443 §3.2: MTU in bytes 4-7 */
};

/* One row per ICMP type (and code, where the code changes the meaning). */
struct icmp_row {
	uint8_t type;
	int code; /* -1: any code */
	enum wire_kind kind;
	enum mtu_field mtu;
	uint8_t ext_len_at; /* RFC 4884 §4 "length" byte offset, 0: none */
	uint8_t ext_unit;   /* its unit in bytes (32-bit words v4, 64-bit v6) */
};

/* What a quoted original datagram says once its IP header is checked. */
struct quote {
	const uint8_t *icmp; /* quoted ICMP header and data */
	size_t len;          /* bytes of it present in the error */
	uint32_t size;       /* total size per the quoted IP header (raw) */
	size_t hlen;         /* its IP header length */
};

struct family {
	int family;
	const struct icmp_row *rows;
	size_t nrows;
	uint8_t echo_request; /* what our probes are */
	const char *(*quote)(const uint8_t *q, size_t qlen, const struct wire_match *m,
			     struct quote *qt);
};

/* ICMPv4: RFC 792, RFC 1191 (code 4 MTU), RFC 4884 (length byte 5). */
/* clang-format off */
static const struct icmp_row rows4[] = {
	{ ICMP_ECHOREPLY, -1, WIRE_ECHO_REPLY, MTU_NONE, 0, 0 },      /* RFC 792 */
	/* RFC 1191 frag needed and DF set */
	{ ICMP_UNREACH, ICMP_UNREACH_NEEDFRAG, WIRE_TOO_BIG, MTU_16_AT_6, 5, 4 },
	{ ICMP_UNREACH, -1, WIRE_UNREACH, MTU_NONE, 5, 4 },           /* RFC 792 */
	{ ICMP_TIMXCEED, -1, WIRE_TIME_EXCEEDED, MTU_NONE, 5, 4 },    /* RFC 792 */
	{ ICMP_PARAMPROB, -1, WIRE_OTHER_ERROR, MTU_NONE, 5, 4 },     /* RFC 792 */
};
/* clang-format on */

/* ICMPv6: RFC 4443, RFC 4884 (length byte 4 for types 1 and 3 only). */
/* clang-format off */
static const struct icmp_row rows6[] = {
	{ ICMP6_ECHO_REPLY, -1, WIRE_ECHO_REPLY, MTU_NONE, 0, 0 },      /* RFC 4443 §4.2 */
	{ ICMP6_PACKET_TOO_BIG, -1, WIRE_TOO_BIG, MTU_32_AT_4, 0, 0 },  /* §3.2, RFC 8201 */
	{ ICMP6_DST_UNREACH, -1, WIRE_UNREACH, MTU_NONE, 4, 8 },        /* RFC 4443 §3.1 */
	{ ICMP6_TIME_EXCEEDED, -1, WIRE_TIME_EXCEEDED, MTU_NONE, 4, 8 },/* RFC 4443 §3.3 */
	{ ICMP6_PARAM_PROB, -1, WIRE_OTHER_ERROR, MTU_NONE, 0, 0 },     /* RFC 4443 §3.4 */
};
/* clang-format on */

static const char *
quote4(const uint8_t *q, size_t qlen, const struct wire_match *m, struct quote *qt);
static const char *
quote6(const uint8_t *q, size_t qlen, const struct wire_match *m, struct quote *qt);

/* clang-format off */
static const struct family fam4 = {
	4, rows4, COUNT(rows4), ICMP_ECHO, quote4,
};
/* clang-format on */
/* clang-format off */
static const struct family fam6 = {
	6, rows6, COUNT(rows6), ICMP6_ECHO_REQUEST, quote6,
};
/* clang-format on */

const char wire_why_quoted_protocol[] = "not ours: quoted protocol";
const char wire_why_quoted_next_header[] = "not ours: quoted next header";
const char wire_why_other_method[] = "echo reply: not this run's method";

enum wire_kind
wire_ignore(struct wire_reply *out, const char *why)
{
	out->kind = WIRE_IGNORED;
	out->why = why;
	out->seq = 0;
	out->mtu = 0;
	out->quoted_size = 0;
	out->cookie_quoted = 0;
	out->mss = 0;
	out->port = 0;
	out->tcp_ack = 0;
	return WIRE_IGNORED;
}

#define ignore wire_ignore

static void
set_addr(struct ip_addr *a, int family, const uint8_t *p)
{
	memset(a, 0, sizeof(*a));
	a->family = family;
	memcpy(a->a, p, family == 4 ? 4 : 16);
}

/* Is the address at p (of the given family) equal to a? */
static int
addr_is(const struct ip_addr *a, int family, const uint8_t *p)
{
	return a->family == family && memcmp(a->a, p, family == 4 ? 4 : 16) == 0;
}

static const struct icmp_row *
find_row(const struct family *f, uint8_t type, uint8_t code)
{
	size_t i;

	for (i = 0; i < f->nrows; i++)
		if (f->rows[i].type == type && (f->rows[i].code < 0 || f->rows[i].code == code))
			return &f->rows[i];
	return NULL;
}

/* Echo replies have the same layout in ICMPv4 and ICMPv6: type, code, sum,
 * ident, seq, then the data echoed from the request (RFC 792, RFC 4443 §4.2). */
static enum wire_kind
echo_reply(const uint8_t *icmp, size_t ilen, const struct wire_match *m, struct wire_reply *out)
{
	if (m->tool != WIRE_TOOL_MTUPROBE)
		return wire_foreign_echo(icmp, m, out);
	if (wire_rd16(icmp + 4) != m->ident)
		return ignore(out, "not ours: ident");
	if (!addr_is(&m->dst, out->responder.family, out->responder.a))
		return ignore(out, "not ours: source");
	if (ilen < WIRE_ICMP_HLEN + WIRE_COOKIE_LEN)
		return ignore(out, "truncated");
	if (memcmp(icmp + WIRE_ICMP_HLEN, m->cookie, WIRE_COOKIE_LEN) != 0)
		return ignore(out, "forged: cookie mismatch");
	out->seq = wire_rd16(icmp + 6);
	out->kind = WIRE_ECHO_REPLY;
	out->why = NULL;
	return out->kind;
}

static const char *
quote4(const uint8_t *q, size_t qlen, const struct wire_match *m, struct quote *qt)
{
	size_t qihl;

	if (qlen < WIRE_IP4_HLEN)
		return "truncated quote";
	if (q[0] >> 4 != 4)
		return "bad quoted ip version";
	qihl = (size_t)(q[0] & 0x0f) * 4;
	if (qihl < WIRE_IP4_HLEN)
		return "bad quoted ip header length";
	if (qihl > qlen)
		return "truncated quote";
	if (q[9] != wire_proto_of(m, 4))
		return wire_why_quoted_protocol;
	/* Our probes are never fragments (DF set): only offset 0 can quote
	 * the ICMP header we need. */
	if (wire_rd16(q + 6) & IP_OFFMASK)
		return "not ours: quoted fragment";
	if (!addr_is(&m->src, 4, q + 12))
		return "not ours: quoted source";
	if (!addr_is(&m->dst, 4, q + 16))
		return "not ours: quoted destination";
	qt->icmp = q + qihl;
	qt->len = qlen - qihl;
	qt->size = wire_rd16(q + 2);
	qt->hlen = qihl;
	return NULL;
}

static const char *
quote6(const uint8_t *q, size_t qlen, const struct wire_match *m, struct quote *qt)
{
	if (qlen < WIRE_IP6_HLEN)
		return "truncated quote";
	if (q[0] >> 4 != 6)
		return "bad quoted ip version";
	if (q[6] != wire_proto_of(m, 6))
		return wire_why_quoted_next_header;
	if (!addr_is(&m->src, 6, q + 8))
		return "not ours: quoted source";
	if (!addr_is(&m->dst, 6, q + 24))
		return "not ours: quoted destination";
	qt->icmp = q + WIRE_IP6_HLEN;
	qt->len = qlen - WIRE_IP6_HLEN;
	qt->size = WIRE_IP6_HLEN + (uint32_t)wire_rd16(q + 4);
	qt->hlen = WIRE_IP6_HLEN;
	return NULL;
}

/* The quoted checksum must be the one our probe of the quoted size and
 * seq carried: its sum over the quoted ICMP header, our cookie and the data
 * pattern (wire_build.c) must verify. Every quote holds the checksum (it is
 * in the 8 bytes RFC 792 guarantees) and the checksum covers the cookie,
 * so even a short quote cannot be forged without guessing 16 more bits
 * (RFC 5927 sec. 4.3 on checking the quoted payload). */
static int
quoted_sum_ok(const struct family *f, const struct quote *qt, const struct wire_match *m)
{
	size_t ilen;
	uint32_t sum = 0;

	if (qt->size < qt->hlen + WIRE_ICMP_HLEN + WIRE_COOKIE_LEN)
		return 0;
	ilen = qt->size - qt->hlen;
	if (f->family == 6)
		sum = wire_sum_pseudo6(m->src.a, m->dst.a, ilen);
	sum = wire_sum_add(sum, qt->icmp, WIRE_ICMP_HLEN);
	sum = wire_sum_add(sum, m->cookie, WIRE_COOKIE_LEN);
	sum = wire_sum_pattern(sum, WIRE_COOKIE_LEN, ilen - WIRE_ICMP_HLEN);
	return wire_sum_ok(sum);
}

/* The quoted ICMP header: RFC 792 guarantees its first 8 bytes (type, code,
 * sum, ident, seq); the cookie is checked whenever the router sent more. */
static const char *
quoted_echo(const struct family *f, const struct quote *qt, const struct wire_match *m,
	    uint16_t *seq, uint8_t *cookie_quoted)
{
	if (m->tool != WIRE_TOOL_MTUPROBE)
		return wire_foreign_quote(qt->icmp, qt->len, qt->size, qt->hlen, f->echo_request, m,
					  seq);
	if (m->method != WIRE_ICMP)
		return wire_quoted_l4(f->family, qt->icmp, qt->len, qt->size, qt->hlen, m, seq,
				      cookie_quoted);
	if (qt->len < WIRE_ICMP_HLEN)
		return "truncated quote";
	if (qt->icmp[0] != f->echo_request)
		return "not ours: quoted type";
	if (wire_rd16(qt->icmp + 4) != m->ident)
		return "not ours: ident";
	*cookie_quoted = qt->len >= WIRE_ICMP_HLEN + WIRE_COOKIE_LEN;
	if (*cookie_quoted && memcmp(qt->icmp + WIRE_ICMP_HLEN, m->cookie, WIRE_COOKIE_LEN) != 0)
		return "forged: cookie mismatch";
	if (!quoted_sum_ok(f, qt, m))
		return "forged: quoted checksum";
	*seq = wire_rd16(qt->icmp + 6);
	return NULL;
}

/* The target's "port unreachable" (RFC 792 code 3; RFC 4443 sec. 3.1 code
 * 4) for a UDP probe: the UDP method's proof that a size passed. */
static int
port_unreach(const struct family *f, const uint8_t *icmp, const struct wire_match *m,
	     const struct wire_reply *out)
{
	int port = f->family == 6
			   ? icmp[0] == ICMP6_DST_UNREACH && icmp[1] == ICMP6_DST_UNREACH_NOPORT
			   : icmp[0] == ICMP_UNREACH && icmp[1] == ICMP_UNREACH_PORT;

	return m->method == WIRE_UDP && port &&
	       addr_is(&m->dst, out->responder.family, out->responder.a);
}

static enum wire_kind
icmp_error(const struct family *f, const struct icmp_row *row, const uint8_t *icmp, size_t ilen,
	   const struct wire_match *m, struct wire_reply *out)
{
	size_t qlen = ilen - WIRE_ICMP_HLEN;
	struct quote qt;
	const char *why;
	uint16_t seq = 0;
	uint8_t cookie_quoted = 0;

	/* RFC 4884 §5: a non-zero length field says how much of the rest is
	 * the original datagram; extension objects (e.g. RFC 4950 MPLS
	 * labels) follow it and are not part of the quote. */
	if (row->ext_len_at && icmp[row->ext_len_at] != 0 &&
	    (size_t)icmp[row->ext_len_at] * row->ext_unit < qlen)
		qlen = (size_t)icmp[row->ext_len_at] * row->ext_unit;
	why = f->quote(icmp + WIRE_ICMP_HLEN, qlen, m, &qt);
	if (!why)
		why = quoted_echo(f, &qt, m, &seq, &cookie_quoted);
	if (why)
		return ignore(out, why);
	out->seq = seq;
	out->quoted_size = qt.size;
	out->cookie_quoted = cookie_quoted;
	if (port_unreach(f, icmp, m, out)) {
		/* UDP: only the target's own answer, quoting our cookie,
		 * proves the datagram arrived whole (tracepath's has none:
		 * wire_foreign.c). */
		if (!cookie_quoted && m->tool == WIRE_TOOL_MTUPROBE)
			return ignore(out, "port unreachable too short to hold our cookie");
		out->kind = WIRE_PORT_UNREACH;
		out->why = NULL;
		return out->kind;
	}
	if (row->mtu == MTU_16_AT_6)
		out->mtu = wire_rd16(icmp + 6);
	else if (row->mtu == MTU_32_AT_4)
		out->mtu = wire_rd32(icmp + 4);
	out->kind = row->kind;
	out->why = NULL;
	return out->kind;
}

/* Classify one ICMP/ICMPv6 message of ilen bytes whose sender is already in
 * out->responder. partial: only the first fragment of a larger datagram. */
static enum wire_kind
classify(const struct family *f, const uint8_t *icmp, size_t ilen, int partial,
	 const struct wire_match *m, struct wire_reply *out)
{
	const struct icmp_row *row;

	if (ilen < WIRE_ICMP_HLEN)
		return ignore(out, "truncated");
	out->icmp_type = icmp[0];
	out->icmp_code = icmp[1];
	row = find_row(f, icmp[0], icmp[1]);
	if (!row)
		return ignore(out, "not an echo reply or error");
	if (row->kind == WIRE_ECHO_REPLY && m->method != WIRE_ICMP)
		return ignore(out, wire_why_other_method);
	if (row->kind == WIRE_ECHO_REPLY)
		return echo_reply(icmp, ilen, m, out);
	/* Errors are small (576 bytes per RFC 1812 §4.3.2.3, 1280 per RFC
	 * 4443 §2.4(c)) and never legitimately fragmented; a fragment's
	 * checksum cannot be checked. */
	if (partial)
		return ignore(out, "ip fragment");
	return icmp_error(f, row, icmp, ilen, m, out);
}

/* A TCP segment at buf + off (to end) in a whole IP packet: wire_l4.c
 * decides (its checksum is not checked: see wire_tcp_segment). A SYN-ACK
 * or RST is small and never legitimately fragmented. */
static enum wire_kind
segment(int family, const uint8_t *buf, size_t off, size_t end, int fragment,
	const struct wire_match *m, struct wire_reply *out)
{
	(void)family;
	if (fragment)
		return ignore(out, "ip fragment");
	if (wire_tcp_segment(buf[0] >> 4 == 6 ? 6 : 4, buf + off, end - off, m, out) ==
	    WIRE_IGNORED)
		return ignore(out, out->why);
	return out->kind;
}

static enum wire_kind
parse4(const uint8_t *buf, size_t len, const struct wire_match *m, struct wire_reply *out)
{
	size_t ihl, tot;
	uint16_t frag;

	if (len < WIRE_IP4_HLEN)
		return ignore(out, "truncated");
	ihl = (size_t)(buf[0] & 0x0f) * 4;
	if (ihl < WIRE_IP4_HLEN)
		return ignore(out, "bad ip header length");
	tot = wire_rd16(buf + 2);
	if (tot < ihl)
		return ignore(out, "bad ip total length");
	/* Bytes beyond tot are link padding; fewer than tot is truncation. */
	if (tot > len)
		return ignore(out, "truncated");
	set_addr(&out->responder, 4, buf + 12);
	frag = wire_rd16(buf + 6);
	if (buf[9] == IPPROTO_TCP && m->method == WIRE_TCP)
		return segment(4, buf, ihl, tot, frag != 0 && frag != IP_DF, m, out);
	if (buf[9] != IPPROTO_ICMP)
		return ignore(out, "not icmp");
	if (frag & IP_OFFMASK)
		return ignore(out, "ip fragment");
	/* RFC 792: the checksum covers the whole ICMP message, which a first
	 * fragment (MF set, as a reply to a big probe may be) does not hold.
	 * Raw IPv4 sockets deliver bad checksums (seen on Linux 6.x). */
	if (!(frag & IP_MF) && tot - ihl >= WIRE_ICMP_HLEN &&
	    !wire_sum_ok(wire_sum_add(0, buf + ihl, tot - ihl)))
		return ignore(out, "bad icmp checksum");
	return classify(&fam4, buf + ihl, tot - ihl, (frag & IP_MF) != 0, m, out);
}

/* Walk the outer packet's extension headers up to the upper-layer header
 * (RFC 8200 §4). end: bytes of the packet per its payload length. */
static const char *
skip_ext6(const uint8_t *buf, size_t end, size_t *off, uint8_t *nh, int *partial)
{
	int n;

	for (n = 0; n < IP6_MAX_EXT; n++) {
		const uint8_t *h = buf + *off;
		size_t hlen;

		if (*nh == IPPROTO_FRAGMENT) { /* RFC 8200 §4.5 */
			if (end - *off < 8)
				return "truncated";
			if (wire_rd16(h + 2) >> 3)
				return "ip fragment";
			/* offset 0 and M clear: an atomic fragment (RFC 6946) */
			*partial = h[3] & 1;
			hlen = 8;
		} else if (*nh == IPPROTO_HOPOPTS || *nh == IPPROTO_ROUTING ||
			   *nh == IPPROTO_DSTOPTS) {
			/* hop-by-hop, routing, destination options:
			 * length in 8-byte units, not counting the first 8 */
			if (end - *off < 2)
				return "truncated";
			hlen = ((size_t)h[1] + 1) * 8;
			if (end - *off < hlen)
				return "truncated";
		} else {
			return NULL;
		}
		*nh = h[0];
		*off += hlen;
	}
	return "too many ipv6 extension headers";
}

static enum wire_kind
parse6(const uint8_t *buf, size_t len, const struct wire_match *m, struct wire_reply *out)
{
	size_t end, off = WIRE_IP6_HLEN;
	uint8_t nh;
	int partial = 0;
	const char *why;

	if (len < WIRE_IP6_HLEN)
		return ignore(out, "truncated");
	/* 0 means an RFC 2675 jumbogram, which no path we probe carries. */
	if (wire_rd16(buf + 4) == 0)
		return ignore(out, "bad ipv6 payload length");
	end = WIRE_IP6_HLEN + wire_rd16(buf + 4);
	if (end > len)
		return ignore(out, "truncated");
	set_addr(&out->responder, 6, buf + 8);
	nh = buf[6];
	why = skip_ext6(buf, end, &off, &nh, &partial);
	if (why)
		return ignore(out, why);
	if (nh == IPPROTO_TCP && m->method == WIRE_TCP)
		return segment(6, buf, off, end, partial, m, out);
	if (nh != IPPROTO_ICMPV6)
		return ignore(out, "not icmpv6");
	/* RFC 4443 §2.3: checksum over the pseudo-header and the message. */
	if (!partial && end - off >= WIRE_ICMP_HLEN &&
	    !wire_sum_ok(wire_sum_add(wire_sum_pseudo6(buf + 8, buf + 24, end - off), buf + off,
				      end - off)))
		return ignore(out, "bad icmp checksum");
	return classify(&fam6, buf + off, end - off, partial, m, out);
}

static void
reset(struct wire_reply *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = WIRE_IGNORED;
}

enum wire_kind
wire_parse_ip(const uint8_t *buf, size_t len, const struct wire_match *m, struct wire_reply *out)
{
	struct wire_reply scratch;

	if (!out)
		out = &scratch;
	reset(out);
	if (!buf || !m)
		return ignore(out, "no packet or no match");
	if (len < 1)
		return ignore(out, "truncated");
	switch (buf[0] >> 4) {
	case 4: return parse4(buf, len, m, out);
	case 6: return parse6(buf, len, m, out);
	default: return ignore(out, "not ipv4 or ipv6");
	}
}

enum wire_kind
wire_parse_icmp6(const uint8_t *buf, size_t len, const struct ip_addr *src,
		 const struct wire_match *m, struct wire_reply *out)
{
	struct wire_reply scratch;

	if (!out)
		out = &scratch;
	reset(out);
	if (!buf || !m || !src)
		return ignore(out, "no packet or no match");
	if (src->family != 6)
		return ignore(out, "sender is not ipv6");
	out->responder = *src;
	/* No checksum check here: IPV6_CHECKSUM is always on for raw ICMPv6
	 * sockets, so the kernel verifies it and drops bad messages
	 * (RFC 3542 §3.1; seen on Linux 6.x). */
	return classify(&fam6, buf, len, 0, m, out);
}
