/* SPDX-License-Identifier: BSD-2-Clause */
/* Other tools' DF probes (wire_foreign.c): which packets are a ping or a
 * tracepath probe, and which answers match them without a cookie. Packets
 * are crafted here in the layouts the lab recorded (tests/cli/captures:
 * real-ping.pcap, real-tracepath.pcap) and Windows ping's; addresses are
 * the golden lab's (craft.c). */
#include <stdlib.h>
#include <string.h>

#include "wire_test.h"

static uint8_t pkt[T_MAXPKT];
static uint8_t ans[T_MAXPKT];
static uint16_t sent[65536];

static void
put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* An IPv4 header to the golden target (or router_v4 for tracepath, so its
 * port unreachable comes from the target), DF set unless df is 0. */
static void
ip4(uint8_t *p, size_t size, uint8_t proto, uint8_t ttl, int df, const uint8_t *dst)
{
	memset(p, 0, size);
	p[0] = 0x45;
	put16(p + 2, (unsigned)size);
	put16(p + 6, df ? 0x4000 : 0);
	p[8] = ttl;
	p[9] = proto;
	memcpy(p + 12, match_v4.src.a, 4);
	memcpy(p + 16, dst, 4);
}

/* Windows ping -f -l: ident 1, data 'a'..'w' over and over. */
static size_t
winping(uint8_t *p, size_t size, uint16_t seq, int df)
{
	ip4(p, size, 1, 128, df, match_v4.dst.a);
	p[20] = 8;
	put16(p + 24, 1);
	put16(p + 26, seq);
	for (size_t k = 28; k < size; k++)
		p[k] = (uint8_t)('a' + (k - 28) % 23);
	t_fix4(p);
	return size;
}

/* tracepath: UDP from port 33030, its probehdr (TTL in host order, here
 * little-endian or big-endian), a time stamp, zeros. */
static size_t
tracepath(uint8_t *p, size_t size, uint16_t dport, uint8_t ttl, int big_endian)
{
	ip4(p, size, 17, ttl, 1, router_v4);
	put16(p + 20, 33030);
	put16(p + 22, dport);
	put16(p + 24, (unsigned)(size - 20));
	p[big_endian ? 31 : 28] = ttl;
	p[36] = 0x3a; /* tv_sec */
	p[44] = 0x54; /* tv_nsec */
	put16(p + 10, t_sum(p, 20, 0));
	return size;
}

static void
recognised(void **state)
{
	struct wire_probe pi;
	const char *why;

	(void)state;
	winping(pkt, 1492, 5, 1);
	assert_int_equal(wire_parse_foreign(pkt, 1492, 1492, &pi, &why), WIRE_PROBE);
	assert_int_equal(pi.m.tool, WIRE_TOOL_PING);
	assert_int_equal(pi.m.ident, 1);
	assert_int_equal(pi.seq, 5);
	assert_int_equal(pi.size, 1492);
	assert_memory_equal(pi.m.dst.a, match_v4.dst.a, 4);
	/* cut short by the snap length: still a ping (it needs no pattern) */
	assert_int_equal(wire_parse_foreign(pkt, 40, 1492, &pi, &why), WIRE_PROBE);
	assert_true(pi.snapped);
	/* without DF it measures nothing */
	winping(pkt, 1492, 6, 0);
	assert_int_equal(wire_parse_foreign(pkt, 1492, 1492, &pi, &why), WIRE_NOT_PROBE);
	assert_non_null(why);
	/* claims more than was on the wire */
	winping(pkt, 1492, 5, 1);
	assert_int_equal(wire_parse_foreign(pkt, 1492, 1000, &pi, &why), WIRE_NOT_PROBE);

	for (int be = 0; be < 2; be++) {
		tracepath(pkt, 1454, 44447, 2, be);
		assert_int_equal(wire_parse_foreign(pkt, 1454, 1454, &pi, &why), WIRE_PROBE);
		assert_int_equal(pi.m.tool, WIRE_TOOL_TRACEPATH);
		assert_int_equal(pi.m.method, WIRE_UDP);
		assert_int_equal(pi.m.sport_base, 33030);
		assert_int_equal(pi.seq, 44447);
	}
	/* not tracepath: TTL field disagrees, data after the header, no DF */
	tracepath(pkt, 1454, 44447, 2, 0);
	pkt[28] = 3;
	assert_int_equal(wire_parse_foreign(pkt, 1454, 1454, &pi, &why), WIRE_NOT_ECHO);
	tracepath(pkt, 1454, 44447, 2, 0);
	pkt[100] = 1;
	assert_int_equal(wire_parse_foreign(pkt, 1454, 1454, &pi, &why), WIRE_NOT_ECHO);
	tracepath(pkt, 1454, 44447, 2, 0);
	put16(pkt + 6, 0);
	assert_int_equal(wire_parse_foreign(pkt, 1454, 1454, &pi, &why), WIRE_NOT_ECHO);
}

static void
recognised_v6(void **state)
{
	struct wire_probe pi;
	const char *why;
	size_t n = t_build(pkt, &match_v6, 1280, 64, 9);

	(void)state;
	pkt[48] ^= 0xff; /* not mtuprobe's cookie: any data will do */
	t_fix6(pkt, 40);
	assert_int_equal(wire_parse_foreign(pkt, n, (uint32_t)n, &pi, &why), WIRE_PROBE);
	assert_int_equal(pi.m.tool, WIRE_TOOL_PING);
	assert_int_equal(pi.seq, 9);
	assert_int_equal(pi.m.src.family, 6);
	/* every prefix of it: never a read past len (ASan), never a crash */
	for (size_t k = 0; k <= n; k += 7)
		wire_parse_foreign(pkt, k, (uint32_t)n, &pi, &why);
}

/* A stream of the tool's probes from the golden source, with nothing sent
 * yet: ping to the golden target with ident 1, tracepath to router_v4. */
static struct wire_match
stream_of(int tool)
{
	struct wire_match m = match_v4;

	memset(sent, 0, sizeof(sent));
	m.tool = tool;
	m.seq_size = sent;
	if (tool == WIRE_TOOL_PING) {
		m.ident = 1;
	} else {
		memcpy(m.dst.a, router_v4, 4);
		m.method = WIRE_UDP;
		m.sport_base = 33030;
	}
	return m;
}

static void
ping_answers(void **state)
{
	struct wire_match m = stream_of(WIRE_TOOL_PING);
	struct wire_reply r;
	size_t n;

	(void)state;
	sent[5] = 1492;
	winping(pkt, 1492, 5, 1);
	/* RFC 792: the quote is the IP header and 8 bytes, no more */
	n = t_err4(ans, 3, 4, 1454, pkt, 28);
	assert_int_equal(t_parse_ip(ans, n, &m, &r), WIRE_TOO_BIG);
	assert_int_equal(r.seq, 5);
	assert_int_equal(r.mtu, 1454);
	/* the same seq sent at another size: not that probe's */
	sent[5] = 1400;
	assert_int_equal(t_parse_ip(ans, n, &m, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "quotes a size that seq or port was not sent with");
	sent[5] = 0;
	assert_int_equal(t_parse_ip(ans, n, &m, &r), WIRE_IGNORED);
	/* echo replies: ident and a seq that was sent */
	winping(pkt, 1454, 7, 1);
	n = t_echo_reply(ans, pkt, 1454);
	assert_int_equal(t_parse_ip(ans, n, &m, &r), WIRE_IGNORED);
	sent[7] = 1454;
	assert_int_equal(t_parse_ip(ans, n, &m, &r), WIRE_ECHO_REPLY);
	assert_int_equal(r.seq, 7);
	m.ident = 2;
	assert_int_equal(t_parse_ip(ans, n, &m, &r), WIRE_IGNORED);
}

static void
tracepath_answers(void **state)
{
	struct wire_match m = stream_of(WIRE_TOOL_TRACEPATH);
	struct wire_reply r;
	size_t n;

	(void)state;
	sent[44447] = 1454;
	tracepath(pkt, 1454, 44447, 2, 0);
	/* the target's port unreachable: it arrived (no cookie to quote) */
	n = t_err4(ans, 3, 3, 0, pkt, 28);
	assert_int_equal(t_parse_ip(ans, n, &m, &r), WIRE_PORT_UNREACH);
	assert_int_equal(r.seq, 44447);
	n = t_err4(ans, 11, 0, 0, pkt, 548);
	assert_int_equal(t_parse_ip(ans, n, &m, &r), WIRE_TIME_EXCEEDED);
	/* a port never sent to, another source port, a UDP length that lies */
	put16(pkt + 22, 44448);
	n = t_err4(ans, 3, 3, 0, pkt, 28);
	assert_int_equal(t_parse_ip(ans, n, &m, &r), WIRE_IGNORED);
	tracepath(pkt, 1454, 44447, 2, 0);
	put16(pkt + 20, 33031);
	n = t_err4(ans, 3, 3, 0, pkt, 28);
	assert_int_equal(t_parse_ip(ans, n, &m, &r), WIRE_IGNORED);
	tracepath(pkt, 1454, 44447, 2, 0);
	put16(pkt + 24, 1000);
	n = t_err4(ans, 3, 3, 0, pkt, 28);
	assert_int_equal(t_parse_ip(ans, n, &m, &r), WIRE_IGNORED);
	assert_string_equal(r.why, "not ours: quoted udp length");
	/* an echo reply is never a tracepath answer */
	winping(pkt, 1454, 1, 1);
	n = t_echo_reply(ans, pkt, 1454);
	assert_int_equal(t_parse_ip(ans, n, &m, &r), WIRE_IGNORED);
}

int
wire_foreign_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recognised),
		cmocka_unit_test(recognised_v6),
		cmocka_unit_test(ping_answers),
		cmocka_unit_test(tracepath_answers),
	};

	return cmocka_run_group_tests_name("wire_foreign", tests, NULL, NULL);
}
