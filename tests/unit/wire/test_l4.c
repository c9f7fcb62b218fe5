/* SPDX-License-Identifier: BSD-2-Clause */
/* The UDP and TCP methods (wire_l4.c): built probes checked field by field
 * with the tests' own checksum, and the reply matching against genuine,
 * forged and truncated answers. Addresses: the golden lab (craft.c). */
#include <stdlib.h>
#include <string.h>

#include "wire_test.h"

#define PORT 8080
#define BASE 50000
#define ISN0 0x8badf00du

static struct wire_flow flows[4];
static struct wire_match m4, m6;

static void
setup_match(struct wire_match *m, const struct wire_match *from, int method)
{
	*m = *from;
	m->method = method;
	m->dport = PORT;
	m->sport_base = BASE;
	m->nflows = 4;
	m->syn_mss = 1460;
	m->flows = flows;
	for (int i = 0; i < 3; i++) /* flow 3 never sent */
		flows[i] = (struct wire_flow){ ISN0 + 0x1000u * (unsigned)i, (uint16_t)(0x100 + i),
					       (uint16_t)(1400 + i) };
	flows[3] = (struct wire_flow){ 0, 0, 0 };
}

static void
put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

/* The target's answer to a probe from port sport: IPv4 header + TCP header
 * (+ an MSS option when mss), addresses swapped. Returns its size. */
static size_t
answer4(uint8_t *out, const struct wire_match *m, uint16_t sport, uint8_t flags, uint32_t ack,
	unsigned mss)
{
	size_t tl = mss ? 24 : 20;

	memset(out, 0, 20 + tl);
	out[0] = 0x45;
	put16(out + 2, (unsigned)(20 + tl));
	out[8] = 62;
	out[9] = 6;
	memcpy(out + 12, m->dst.a, 4);
	memcpy(out + 16, m->src.a, 4);
	put16(out + 20, PORT);
	put16(out + 22, sport);
	put32(out + 24, 0x12345678u);
	put32(out + 28, ack);
	out[32] = (uint8_t)((tl / 4) << 4);
	out[33] = flags;
	if (mss) {
		out[40] = 2;
		out[41] = 4;
		put16(out + 42, mss);
	}
	put16(out + 10, t_sum(out, 20, 0));
	return 20 + tl;
}

static uint32_t
data_of(unsigned k, int family)
{
	return flows[k].size - (family == 6 ? 40u : 20u) - 24u;
}

static void
tcp_synack_and_rst(void **state)
{
	uint8_t pkt[64];
	struct wire_reply r;

	(void)state;
	setup_match(&m4, &match_v4, WIRE_TCP);
	answer4(pkt, &m4, BASE + 1, 0x12, flows[1].isn + 1, 1379);
	assert_int_equal(t_parse_ip(pkt, 44, &m4, &r), WIRE_TCP_SYNACK);
	assert_int_equal(r.seq, flows[1].seq);
	assert_int_equal(r.mss, 1379);
	assert_int_equal(r.port, BASE + 1);
	assert_int_equal(r.tcp_ack, flows[1].isn + 1);
	/* a stack that takes the SYN's data acknowledges it as well */
	answer4(pkt, &m4, BASE + 2, 0x12, flows[2].isn + 1 + data_of(2, 4), 0);
	assert_int_equal(t_parse_ip(pkt, 40, &m4, &r), WIRE_TCP_SYNACK);
	assert_int_equal(r.mss, 0);
	/* a closed port: RST, ACK = ISN + 1 + data (RFC 9293 sec. 3.10.7.1) */
	answer4(pkt, &m4, BASE, 0x14, flows[0].isn + 1 + data_of(0, 4), 0);
	assert_int_equal(t_parse_ip(pkt, 40, &m4, &r), WIRE_TCP_RST);
	assert_int_equal(r.seq, flows[0].seq);
}

/* Off-path forgeries and strays: every one ignored, with a reason. */
static void
tcp_forged(void **state)
{
	static const struct {
		uint16_t sport;
		uint8_t flags;
		int32_t ack_off; /* added to ISN + 1 */
		int patch;       /* 1: source address, 2: target port */
	} rows[] = {
		{ BASE + 1, 0x12, 1, 0 },  /* acknowledges ISN + 2 */
		{ BASE + 1, 0x12, -1, 0 }, /* acknowledges the ISN itself */
		{ BASE + 3, 0x12, 0, 0 },  /* a port no probe left from */
		{ BASE + 4, 0x12, 0, 0 },  /* outside the table */
		{ BASE - 1, 0x12, 0, 0 },  /* below it */
		{ BASE + 1, 0x02, 0, 0 },  /* a SYN without ACK */
		{ BASE + 1, 0x10, 0, 0 },  /* a bare ACK */
		{ BASE + 1, 0x16, 0, 0 },  /* SYN and RST */
		{ BASE + 1, 0x13, 0, 0 },  /* SYN-ACK-FIN */
		{ BASE + 1, 0x12, 0, 1 },  /* from another host */
		{ BASE + 1, 0x12, 0, 2 },  /* from another port */
	};
	uint8_t pkt[64];
	struct wire_reply r;

	(void)state;
	setup_match(&m4, &match_v4, WIRE_TCP);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		uint16_t k = (uint16_t)(rows[i].sport - BASE);
		uint32_t isn = k < 4 ? flows[k].isn : ISN0;
		size_t n = answer4(pkt, &m4, rows[i].sport, rows[i].flags,
				   isn + 1u + (uint32_t)rows[i].ack_off, 0);

		if (rows[i].patch == 1)
			pkt[15] ^= 1;
		if (rows[i].patch == 2)
			put16(pkt + 20, PORT + 1);
		put16(pkt + 10, 0);
		put16(pkt + 10, t_sum(pkt, 20, 0));
		assert_int_equal(t_parse_ip(pkt, n, &m4, &r), WIRE_IGNORED);
		assert_non_null(r.why);
		assert_int_equal(r.seq, 0);
	}
	/* and when the run is not a TCP run at all */
	answer4(pkt, &m4, BASE + 1, 0x12, flows[1].isn + 1, 0);
	m4.method = WIRE_UDP;
	assert_int_equal(t_parse_ip(pkt, 40, &m4, &r), WIRE_IGNORED);
}

/* Every prefix of a genuine SYN-ACK, and a lying data offset. */
static void
tcp_truncated(void **state)
{
	uint8_t pkt[64];
	struct wire_reply r;
	size_t n;

	(void)state;
	setup_match(&m4, &match_v4, WIRE_TCP);
	n = answer4(pkt, &m4, BASE + 1, 0x12, flows[1].isn + 1, 1379);
	for (size_t len = 0; len < n; len++)
		assert_int_equal(t_parse_ip(pkt, len, &m4, &r), WIRE_IGNORED);
	pkt[32] = 0xf0; /* 60-byte header in a 24-byte segment */
	assert_int_equal(t_parse_ip(pkt, n, &m4, &r), WIRE_IGNORED);
	pkt[32] = 0x40; /* 16 bytes: below the minimum */
	assert_int_equal(t_parse_ip(pkt, n, &m4, &r), WIRE_IGNORED);
	pkt[32] = 0x60;
	pkt[40] = 2;
	pkt[41] = 40; /* an option longer than the header */
	assert_int_equal(t_parse_ip(pkt, n, &m4, &r), WIRE_TCP_SYNACK);
	assert_int_equal(r.mss, 0);
}

static void
tcp_v6(void **state)
{
	uint8_t seg[24];
	struct wire_reply r;
	struct ip_addr from;

	(void)state;
	setup_match(&m6, &match_v6, WIRE_TCP);
	from = m6.dst;
	memset(seg, 0, sizeof(seg));
	put16(seg, PORT);
	put16(seg + 2, BASE + 2);
	put32(seg + 8, flows[2].isn + 1);
	seg[12] = 0x60;
	seg[13] = 0x12;
	seg[20] = 2;
	seg[21] = 4;
	put16(seg + 22, 1220);
	assert_int_equal(wire_parse_tcp6(seg, sizeof(seg), &from, &m6, &r), WIRE_TCP_SYNACK);
	assert_int_equal(r.mss, 1220);
	assert_int_equal(r.seq, flows[2].seq);
	assert_int_equal(wire_parse_tcp6(seg, 19, &from, &m6, &r), WIRE_IGNORED);
	put32(seg + 8, flows[2].isn + 7);
	assert_int_equal(wire_parse_tcp6(seg, sizeof(seg), &from, &m6, &r), WIRE_IGNORED);
	put32(seg + 8, flows[2].isn + 1);
	from.a[15] ^= 1;
	assert_int_equal(wire_parse_tcp6(seg, sizeof(seg), &from, &m6, &r), WIRE_IGNORED);
}

/* A SYN built by wire: every field, and a checksum our own code verifies. */
static void
build_syn_udp_rst(void **state)
{
	uint8_t pkt[1500], err[1];
	char msg[256];
	uint32_t ps;

	(void)state;
	(void)err;
	setup_match(&m4, &match_v4, WIRE_TCP);
	assert_int_equal(wire_min_probe_of(4, WIRE_TCP), 20 + 24 + 8);
	assert_int_equal(wire_min_probe_of(6, WIRE_UDP), 40 + 8 + 8);
	assert_int_equal(wire_build_syn(pkt, sizeof(pkt), 1400, 64, &m4, 7, BASE, ISN0, msg,
					sizeof(msg)),
			 1400);
	assert_int_equal(pkt[9], 6);
	assert_int_equal(pkt[6] & 0x40, 0x40);                /* DF */
	assert_int_equal(pkt[33], 0x02);                      /* SYN only */
	assert_int_equal(pkt[40] << 8 | pkt[41], 2 << 8 | 4); /* MSS option */
	assert_int_equal(pkt[42] << 8 | pkt[43], 1460);
	assert_memory_equal(pkt + 44, m4.cookie, 8);
	assert_int_equal(t_sum(pkt, 20, 0), 0);
	ps = (192 << 8 | 0) + (2 << 8 | 1) + (198 << 8 | 51) + (100 << 8 | 2) + 6 + 1380;
	assert_int_equal(t_sum(pkt + 20, 1380, ps), 0);
	assert_int_equal(wire_build_syn(pkt, sizeof(pkt), 51, 64, &m4, 7, BASE, ISN0, msg,
					sizeof(msg)),
			 -1);
	m4.method = WIRE_UDP;
	assert_int_equal(wire_build_udp(pkt, sizeof(pkt), 1000, 64, &m4, 7, BASE, msg, sizeof(msg)),
			 1000);
	ps = (192 << 8 | 0) + (2 << 8 | 1) + (198 << 8 | 51) + (100 << 8 | 2) + 17 + 980;
	assert_int_equal(t_sum(pkt + 20, 980, ps), 0);
	assert_int_equal(wire_build_rst(pkt, sizeof(pkt), &m4, BASE, ISN0 + 1, msg, sizeof(msg)),
			 40);
	assert_int_equal(pkt[33], 0x04);
	assert_int_equal((uint32_t)pkt[24] << 24 | (uint32_t)pkt[25] << 16 | pkt[26] << 8 | pkt[27],
			 ISN0 + 1);
}

/* m4 set up for method, and flow k's probe built into probe. */
static void
probe4(uint8_t *probe, size_t cap, int method, unsigned k)
{
	char msg[256];
	long n;

	setup_match(&m4, &match_v4, method);
	n = method == WIRE_TCP
		    ? wire_build_syn(probe, cap, flows[k].size, 64, &m4, flows[k].seq,
				     (uint16_t)(BASE + k), flows[k].isn, msg, sizeof(msg))
		    : wire_build_udp(probe, cap, flows[k].size, 64, &m4, flows[k].seq,
				     (uint16_t)(BASE + k), msg, sizeof(msg));
	assert_int_equal(n, flows[k].size);
}

/* ICMP errors quoting a SYN: the ISN is in the guaranteed 8 bytes. */
static void
tcp_quotes(void **state)
{
	uint8_t probe[1500], err[1600];
	struct wire_reply r;
	size_t n;

	(void)state;
	probe4(probe, sizeof(probe), WIRE_TCP, 1);
	n = t_err4(err, 3, 4, 1280, probe, 28);
	assert_int_equal(t_parse_ip(err, n, &m4, &r), WIRE_TOO_BIG);
	assert_int_equal(r.seq, flows[1].seq);
	assert_int_equal(r.cookie_quoted, 1); /* the ISN makes it strong */
	assert_int_equal(r.mtu, 1280);
	probe[27] ^= 1; /* another ISN */
	n = t_err4(err, 3, 4, 1280, probe, 28);
	assert_int_equal(t_parse_ip(err, n, &m4, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "forged: quoted sequence number");
	probe[27] ^= 1;
	probe[3] ^= 1; /* another size */
	n = t_err4(err, 3, 4, 1280, probe, 28);
	assert_int_equal(t_parse_ip(err, n, &m4, &r), WIRE_IGNORED);
	probe[3] ^= 1;
	n = t_err4(err, 3, 4, 1280, probe, 27); /* 7 bytes of TCP */
	assert_int_equal(t_parse_ip(err, n, &m4, &r), WIRE_IGNORED);
}

/* An ICMPv4 error sent by the target itself (t_err4's come from a router). */
static size_t
target_err4(uint8_t *err, uint8_t type, uint8_t code, const uint8_t *probe, size_t qlen)
{
	size_t n = t_err4(err, type, code, 0, probe, qlen);

	memcpy(err + 12, m4.dst.a, 4);
	t_fix4(err);
	return n;
}

/* The UDP method's proof: the target's port unreachable with our cookie. */
static void
udp_port_unreach(void **state)
{
	uint8_t probe[1500], err[1600];
	struct wire_reply r;
	size_t n;

	(void)state;
	probe4(probe, sizeof(probe), WIRE_UDP, 0);
	n = t_err4(err, 3, 3, 0, probe, 548);
	assert_int_equal(t_parse_ip(err, n, &m4, &r), WIRE_UNREACH); /* a router's */
	n = target_err4(err, 3, 3, probe, 548);
	assert_int_equal(t_parse_ip(err, n, &m4, &r), WIRE_PORT_UNREACH);
	assert_int_equal(r.seq, flows[0].seq);
	n = target_err4(err, 3, 3, probe, 28); /* no cookie: not proof */
	assert_int_equal(t_parse_ip(err, n, &m4, &r), WIRE_IGNORED);
	probe[28] ^= 0x55; /* another cookie */
	n = target_err4(err, 3, 3, probe, 548);
	assert_int_equal(t_parse_ip(err, n, &m4, &r), WIRE_IGNORED);
	probe[28] ^= 0x55;
	probe[26] ^= 1; /* another checksum */
	n = t_err4(err, 3, 4, 1280, probe, 28);
	assert_int_equal(t_parse_ip(err, n, &m4, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "forged: quoted checksum");
	probe[26] ^= 1;
	n = t_err4(err, 3, 4, 1280, probe, 28); /* a short quote is weak */
	assert_int_equal(t_parse_ip(err, n, &m4, &r), WIRE_TOO_BIG);
	assert_int_equal(r.cookie_quoted, 0);
}

static void
udp_v6_and_echo(void **state)
{
	uint8_t probe[1500], err[1600], reply[1500];
	char msg[256];
	struct wire_reply r;
	size_t n;

	(void)state;
	setup_match(&m6, &match_v6, WIRE_UDP);
	wire_build_udp(probe, sizeof(probe), 1401, 64, &m6, flows[1].seq, BASE + 1, msg,
		       sizeof(msg));
	n = t_err6(err, 1, 4, 0, probe, 1232);
	assert_int_equal(t_parse_icmp6(err + 40, n - 40, m6.dst.a, &m6, &r), WIRE_PORT_UNREACH);
	assert_int_equal(r.seq, flows[1].seq);
	assert_int_equal(t_parse_icmp6(err + 40, n - 40, router_v6, &m6, &r), WIRE_UNREACH);
	/* an echo reply means nothing to a UDP run */
	n = t_build(probe, &match_v6, 1280, 64, 5);
	n = t_echo_reply(reply, probe, n);
	assert_int_equal(t_parse_ip(reply, n, &m6, &r), WIRE_IGNORED);
}

int
wire_l4_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tcp_synack_and_rst), cmocka_unit_test(tcp_forged),
		cmocka_unit_test(tcp_truncated),      cmocka_unit_test(tcp_v6),
		cmocka_unit_test(build_syn_udp_rst),  cmocka_unit_test(tcp_quotes),
		cmocka_unit_test(udp_port_unreach),   cmocka_unit_test(udp_v6_and_echo),
	};

	return cmocka_run_group_tests_name("wire_l4", tests, NULL, NULL);
}
