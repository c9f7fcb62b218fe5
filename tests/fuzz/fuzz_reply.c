/* SPDX-License-Identifier: BSD-2-Clause */
/* libFuzzer harness for the reply parsers: arbitrary bytes as a whole IP
 * packet (wire_parse_ip) and as a bare ICMPv6 message (wire_parse_icmp6),
 * for each method (ICMP echo; UDP and TCP with a table of sent probes, and
 * as a bare TCP segment, wire_parse_tcp6);
 * also the probe recognisers inspect uses (wire_parse_probe,
 * wire_parse_foreign, wire_ip_header), and answers to other tools' probes
 * (a ping's, tracepath's: matched without a cookie, by seq and size).
 * The match is the one the seeds in corpus/ were made for (the golden lab
 * of tests/unit/wire/golden.c), so mutations reach the quote checks.
 * Besides memory errors (ASan) and undefined behaviour (UBSan), it aborts
 * when a result breaks a promise of wire.h. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "wire/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define COOKIE \
	{ \
		0x6d, 0x74, 0x75, 0x70, 0xc0, 0x0c, 0x1e, 0x5e \
	}

/* clang-format off */
static const struct wire_match m4 = {
	.src = { 4, { 192, 0, 2, 1 } }, .dst = { 4, { 198, 51, 100, 2 } }, .ident = 0x4d54, .cookie = COOKIE,
};
/* clang-format on */
/* clang-format off */
static const struct wire_match m6 = {
	.src = { 6, { 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 } },
	.dst = { 6, { 0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 } },
	.ident = 0x4d54, .cookie = COOKIE,
};
/* clang-format on */

/* The UDP and TCP methods: probes left from ports 50000..50002 to 8080;
 * port 50003 is in the table but unused. */
/* clang-format off */
static const struct wire_flow flows[4] = {
	{ 0x8badf00du, 0x100, 1400 }, { 0x8badf01du, 0x101, 1401 }, { 0x8badf02du, 0x102, 1402 },
	{ 0, 0, 0 },
};
/* clang-format on */

static struct wire_match
l4(const struct wire_match *m, int method)
{
	struct wire_match x = *m;

	x.method = method;
	x.dport = 8080;
	x.sport_base = 50000;
	x.nflows = 4;
	x.flows = flows;
	return x;
}

/* A method's proof names a probe that was sent, from a port that was used. */
static void
check_l4(enum wire_kind k, const struct wire_reply *r)
{
	if (k != WIRE_TCP_SYNACK && k != WIRE_TCP_RST && k != WIRE_PORT_UNREACH) {
		if (r->mss || r->tcp_ack)
			abort();
		return;
	}
	if (r->seq < 0x100 || r->seq > 0x102)
		abort();
	if (k != WIRE_TCP_SYNACK && r->mss)
		abort();
}

static void
check(enum wire_kind k, const struct wire_reply *r)
{
	if (k != r->kind)
		abort();
	if ((k == WIRE_IGNORED) != (r->why != NULL))
		abort();
	if (k != WIRE_TOO_BIG && r->mtu != 0)
		abort();
	if (k == WIRE_IGNORED && (r->seq != 0 || r->quoted_size != 0 || r->cookie_quoted))
		abort();
}

static void
check_probe(const uint8_t *data, size_t size)
{
	struct wire_probe p;
	struct wire_ip h;
	const char *why;
	int rc = wire_parse_probe(data, size, (uint32_t)size, &p, &why);

	if ((rc == WIRE_NOT_PROBE) != (why != NULL))
		abort();
	if (rc == WIRE_PROBE && (p.snapped || p.size > size))
		abort();
	wire_ip_header(data, size, &h);
}

/* Other tools' probes: pings with ident 0x4d54 and tracepath from port
 * 33030, sent with seq (or to port) 1 at 1400 bytes, 44447 at 1454. */
static uint16_t sent[65536];

static void
check_foreign(const uint8_t *data, size_t size, const struct wire_match *m)
{
	struct wire_probe p;
	struct wire_reply r;
	const char *why;
	int rc = wire_parse_foreign(data, size, (uint32_t)size, &p, &why);

	if ((rc == WIRE_NOT_PROBE) != (why != NULL))
		abort();
	if (rc == WIRE_PROBE && (p.snapped || p.size > size || p.m.tool == WIRE_TOOL_MTUPROBE))
		abort();
	sent[1] = 1400;
	sent[44447] = 1454;
	for (int tool = WIRE_TOOL_PING; tool <= WIRE_TOOL_TRACEPATH; tool++) {
		struct wire_match x = *m;
		enum wire_kind k;

		x.tool = tool;
		x.seq_size = sent;
		x.method = tool == WIRE_TOOL_TRACEPATH ? WIRE_UDP : WIRE_ICMP;
		x.sport_base = tool == WIRE_TOOL_TRACEPATH ? 33030 : 0;
		k = wire_parse_ip(data, size, &x, &r);
		check(k, &r);
		/* an answer names a seq that was sent; an error, at its size */
		if (k != WIRE_IGNORED && !sent[r.seq])
			abort();
		if (k != WIRE_IGNORED && k != WIRE_ECHO_REPLY && r.quoted_size != sent[r.seq])
			abort();
		if ((k == WIRE_PORT_UNREACH && tool != WIRE_TOOL_TRACEPATH) ||
		    (k == WIRE_ECHO_REPLY && tool != WIRE_TOOL_PING))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wire_reply r;
	const struct wire_match *m = size && data[0] >> 4 == 6 ? &m6 : &m4;

	check(wire_parse_ip(data, size, m, &r), &r);
	/* as if read from a raw ICMPv6 socket, sent by the target */
	check(wire_parse_icmp6(data, size, &m6.dst, &m6, &r), &r);
	check_probe(data, size);
	check_foreign(data, size, m);
	for (int method = WIRE_UDP; method <= WIRE_TCP; method++) {
		struct wire_match x = l4(m, method), x6 = l4(&m6, method);
		enum wire_kind k = wire_parse_ip(data, size, &x, &r);

		check(k, &r);
		check_l4(k, &r);
		k = wire_parse_icmp6(data, size, &m6.dst, &x6, &r);
		check(k, &r);
		check_l4(k, &r);
		/* as if read from a raw IPv6 TCP socket */
		k = wire_parse_tcp6(data, size, &m6.dst, &x6, &r);
		check(k, &r);
		check_l4(k, &r);
	}
	return 0;
}
