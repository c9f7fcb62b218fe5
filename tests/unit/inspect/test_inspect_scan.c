/* SPDX-License-Identifier: BSD-2-Clause */
/* inspect's analysis (inspect/inspect_scan.c) alone: records in from an
 * array (no capture file, no libpcap), rows and counts out through a sink
 * that keeps them. The packets are built by wire's test helpers
 * (tests/unit/wire/craft.c: the probe by wire_build_echo, the answers with
 * the helpers' own checksums) for match_v4, 192.0.2.1 -> 198.51.100.2; the
 * expected counts are those of the records each test lays out, counted by
 * hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../wire/wire_test.h"
#include "inspect/inspect_scan.h"

#define MAXREC 16

/* The records a test hands over, and where the source breaks off (0: never). */
struct feed {
	struct inspect_rec rec[MAXREC];
	uint8_t *pkt[MAXREC];
	size_t n, pos, error_at;
	int rewinds;
};

static enum inspect_next
feed_next(void *ctx, struct inspect_rec *r, char *err, size_t errlen)
{
	struct feed *d = ctx;

	if (d->error_at && d->pos + 1 == d->error_at) {
		snprintf(err, errlen, "the feed breaks off");
		return INSPECT_REC_ERROR;
	}
	if (d->pos == d->n)
		return INSPECT_REC_END;
	*r = d->rec[d->pos++];
	return INSPECT_REC;
}

static int
feed_rewind(void *ctx, char *err, size_t errlen)
{
	struct feed *d = ctx;

	(void)err;
	(void)errlen;
	d->pos = 0;
	d->rewinds++;
	return 0;
}

/* An IP packet of len bytes as record n, cut to cap bytes (0: whole). */
static void
add_ip(struct feed *d, const uint8_t *ip, size_t len, size_t cap)
{
	size_t i = d->n++;

	assert_true(i < MAXREC);
	d->pkt[i] = malloc(len);
	assert_non_null(d->pkt[i]);
	memcpy(d->pkt[i], ip, len);
	d->rec[i] = (struct inspect_rec){ .n = i + 1,
					  .sec = 1000,
					  .usec = (long)i * 1000,
					  .wire_len = (uint32_t)len,
					  .ip = d->pkt[i],
					  .ip_len = cap ? cap : len,
					  .ip_wire_len = (uint32_t)len };
}

static void
add_not_ip(struct feed *d, uint32_t len, const char *why)
{
	size_t i = d->n++;

	assert_true(i < MAXREC);
	d->rec[i] = (struct inspect_rec){
		.n = i + 1, .sec = 1000, .usec = (long)i * 1000, .wire_len = len, .why = why
	};
}

static void
feed_free(struct feed *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->pkt[i]);
}

/* What the sink saw: every row, and when begin and end came. */
struct seen {
	struct inspect_row row[MAXREC];
	char why[MAXREC][64]; /* the parser's reason, copied: why_text lives as long as the row */
	size_t rows;
	int begins, ends;
	uint64_t records_at_begin;
	size_t rows_at_begin;
	enum inspect_verdict verdict_at_begin;
};

static void
sink_begin(void *ctx, const struct inspect *s)
{
	struct seen *v = ctx;

	v->begins++;
	v->records_at_begin = s->records;
	v->rows_at_begin = v->rows;
	v->verdict_at_begin = s->ntargets ? s->targets[0].ans.verdict : INSPECT_NOTHING;
}

static void
sink_row(void *ctx, const struct inspect *s, const struct inspect_row *w)
{
	struct seen *v = ctx;

	(void)s;
	assert_true(v->rows < MAXREC);
	if (w->why == INSPECT_WHY_PARSER)
		snprintf(v->why[v->rows], sizeof(v->why[0]), "%s", w->why_text);
	v->row[v->rows++] = *w;
}

static void
sink_end(void *ctx, const struct inspect *s)
{
	struct seen *v = ctx;

	(void)s;
	v->ends++;
}

static struct inspect s; /* as cmd_inspect: off the stack */

/* Both passes over d, as cmd_inspect runs them. */
static enum inspect_next
run(struct feed *d, struct seen *v, int answers_first)
{
	enum inspect_next rc;

	memset(&s, 0, sizeof(s));
	memset(v, 0, sizeof(*v));
	s.in = (struct inspect_source){ feed_next, feed_rewind, d };
	s.out = (struct inspect_sink){ sink_begin, sink_row, sink_end, v, answers_first };
	rc = inspect_learn(&s);
	if (s.nstreams > 0) {
		assert_int_equal(feed_rewind(d, NULL, 0), 0);
		inspect_replay(&s);
	}
	return rc;
}

static uint8_t probe[3][1500], pkt[1600];
static const size_t sizes[3] = { 1300, 1400, 1500 };

/* Probes of 1300, 1400 and 1500 bytes (seq 1-3), echo replies to the first
 * two, a frag-needed (mtu 1400) from router_v4 for the third, and a frame
 * that is not IP: 7 records. */
static void
lay_out_search(struct feed *d)
{
	memset(d, 0, sizeof(*d));
	for (int i = 0; i < 3; i++) {
		t_build(probe[i], &match_v4, sizes[i], 64, (uint16_t)(i + 1));
		add_ip(d, probe[i], sizes[i], 0);
	}
	for (int i = 0; i < 2; i++)
		add_ip(d, pkt, t_echo_reply(pkt, probe[i], sizes[i]), 0);
	/* RFC 1191: type 3 code 4, the next-hop MTU in the low 16 bits */
	add_ip(d, pkt, t_err4(pkt, 3, 4, 1400, probe[2], 28), 0);
	add_not_ip(d, 60, "not an IP packet (ethertype 0x0806)");
}

static void
test_search_counted(void **state)
{
	struct feed d;
	static struct seen v;
	const struct stream *st, *tg;

	(void)state;
	lay_out_search(&d);
	assert_int_equal(run(&d, &v, 0), INSPECT_REC_END);
	assert_int_equal(s.fail, INSPECT_OK);
	assert_int_equal(s.nstreams, 1);
	assert_int_equal(s.ntargets, 1);
	assert_int_equal(s.foreign, 0);
	assert_int_equal(s.records, 7);
	assert_int_equal(s.ignored, 1);
	assert_int_equal(s.snapped, 0);
	st = &s.streams[0];
	assert_int_equal(st->count[W_PROBE], 3);
	assert_int_equal(st->count[W_REPLY], 2);
	assert_int_equal(st->count[W_TOO_BIG], 1);
	assert_int_equal(st->count[W_UNREACH] + st->count[W_TIME_EXCEEDED] + st->count[W_OTHER], 0);
	assert_int_equal(st->sum.probed, 3);
	assert_int_equal(st->sum.never, 0);
	assert_non_null(st->sum.largest_reply);
	assert_int_equal(st->sum.largest_reply->size, 1400);
	assert_non_null(st->sum.smallest_big);
	assert_int_equal(st->sum.smallest_big->size, 1500);
	assert_int_equal(st->sum.smallest_big->mtu, 1400);
	assert_int_equal(st->sum.smallest_big->from.family, 4);
	assert_memory_equal(st->sum.smallest_big->from.a, router_v4, 4);
	/* the target: one run, answered at 1400 and refused above it */
	tg = &s.targets[0];
	assert_int_equal(tg->runs, 1);
	assert_int_equal(tg->count[W_PROBE], 3);
	assert_int_equal(tg->ans.verdict, INSPECT_EXACT);
	assert_int_equal(tg->ans.mtu, 1400);
	assert_non_null(tg->ans_big);
	assert_int_equal(tg->ans_big->size, 1500);
	feed_free(&d);
}

static void
test_search_rows(void **state)
{
	struct feed d;
	static struct seen v;

	(void)state;
	lay_out_search(&d);
	run(&d, &v, 0);
	assert_int_equal(v.begins, 1);
	assert_int_equal(v.ends, 1);
	assert_int_equal(v.rows_at_begin, 0); /* rows as they are read: no counting pass first */
	assert_int_equal(d.rewinds, 1);       /* cmd_inspect's alone */
	assert_int_equal(v.rows, 7);
	assert_int_equal(s.rows, 7);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(v.row[i].n, i + 1);
		assert_int_equal(v.row[i].what, W_PROBE);
		assert_int_equal(v.row[i].dir, INSPECT_DIR_OUT);
		assert_int_equal(v.row[i].size, sizes[i]);
		assert_int_equal(v.row[i].seq, i + 1);
		assert_int_equal(v.row[i].stream, 1);
	}
	for (size_t i = 3; i < 5; i++) {
		assert_int_equal(v.row[i].what, W_REPLY);
		assert_int_equal(v.row[i].dir, INSPECT_DIR_IN);
		assert_int_equal(v.row[i].seq, i - 2);
		assert_int_equal(v.row[i].from.family, 4);
	}
	assert_int_equal(v.row[5].what, W_TOO_BIG);
	assert_int_equal(v.row[5].dir, INSPECT_DIR_IN);
	assert_int_equal(v.row[5].mtu, 1400);
	assert_int_equal(v.row[5].icmp_type, 3);
	assert_int_equal(v.row[5].icmp_code, 4);
	assert_memory_equal(v.row[5].from.a, router_v4, 4);
	/* 2 ms after the first record */
	assert_true(v.row[2].t > 0.0019 && v.row[2].t < 0.0021);
	/* not IP: the source's reason, as it gave it; no stream, no direction */
	assert_int_equal(v.row[6].what, W_IGNORED);
	assert_int_equal(v.row[6].why, INSPECT_WHY_PARSER);
	assert_string_equal(v.why[6], "not an IP packet (ethertype 0x0806)");
	assert_int_equal(v.row[6].size, 60);
	assert_int_equal(v.row[6].stream, 0);
	assert_int_equal(v.row[6].dir, INSPECT_DIR_NONE);
	feed_free(&d);
}

/* The text renderer's order: the records counted first, begin with the
 * answers known, then every row once, read again from the first. */
static void
test_answers_first(void **state)
{
	struct feed d;
	static struct seen v;

	(void)state;
	lay_out_search(&d);
	run(&d, &v, 1);
	assert_int_equal(v.begins, 1);
	assert_int_equal(v.records_at_begin, 7);
	assert_int_equal(v.verdict_at_begin, INSPECT_EXACT);
	assert_int_equal(v.rows_at_begin, 0);
	assert_int_equal(d.rewinds, 2); /* cmd_inspect's, then the rows' */
	assert_int_equal(v.rows, 7);
	for (size_t i = 0; i < v.rows; i++)
		assert_int_equal(v.row[i].n, i + 1);
	/* counted once, not again with the rows */
	assert_int_equal(s.streams[0].count[W_PROBE], 3);
	assert_int_equal(s.ignored, 1);
	feed_free(&d);
}

/* A source that breaks off after the probes and one reply: the error is the
 * source's, the counts are of what was read, and silence above the reply is
 * no evidence (no black-hole hint, no exact answer from it). */
static void
test_source_breaks_off(void **state)
{
	struct feed d;
	static struct seen v;
	const struct stream *tg;

	(void)state;
	lay_out_search(&d);
	d.error_at = 5; /* records 1-4 read, the 5th fails */
	run(&d, &v, 0);
	assert_int_equal(s.fail, INSPECT_FAIL_SOURCE);
	assert_string_equal(s.err, "the feed breaks off");
	assert_int_equal(s.records, 4);
	assert_int_equal(v.rows, 4);
	assert_int_equal(v.ends, 1);
	tg = &s.targets[0];
	assert_int_equal(tg->count[W_PROBE], 3);
	assert_int_equal(tg->count[W_REPLY], 1);
	assert_int_equal(tg->sum.never, 2);
	assert_int_equal(tg->sum.blackhole_hint, 0);
	assert_int_equal(tg->ans.verdict, INSPECT_AT_LEAST);
	assert_int_equal(tg->ans.mtu, 1300);
	feed_free(&d);
}

/* An answer cut by the snap length: ignored, with what was captured of it,
 * and counted as snapped. */
static void
test_snapped_answer(void **state)
{
	struct feed d;
	static struct seen v;

	(void)state;
	memset(&d, 0, sizeof(d));
	t_build(probe[0], &match_v4, 1400, 64, 1);
	add_ip(&d, probe[0], 1400, 0);
	add_ip(&d, pkt, t_echo_reply(pkt, probe[0], 1400), 96);
	run(&d, &v, 0);
	assert_int_equal(s.snapped, 1);
	assert_int_equal(v.rows, 2);
	assert_int_equal(v.row[1].what, W_IGNORED);
	assert_int_equal(v.row[1].why, INSPECT_WHY_SNAPPED);
	assert_int_equal(v.row[1].captured, 96);
	assert_int_equal(v.row[1].size, 1400);
	assert_int_equal(v.row[1].snapped, 1);
	/* to our source: coming in */
	assert_int_equal(v.row[1].dir, INSPECT_DIR_IN);
	assert_int_equal(s.streams[0].count[W_REPLY], 0);
	feed_free(&d);
}

/* Answers with no probe of ours among the records: no stream is learned,
 * and nothing is rendered (the command says there are no probes). */
static void
test_no_probes(void **state)
{
	struct feed d;
	static struct seen v;

	(void)state;
	memset(&d, 0, sizeof(d));
	t_build(probe[0], &match_v4, 1400, 64, 1);
	add_ip(&d, pkt, t_echo_reply(pkt, probe[0], 1400), 0);
	add_not_ip(&d, 60, "not an IP packet");
	assert_int_equal(run(&d, &v, 0), INSPECT_REC_END);
	assert_int_equal(s.nstreams, 0);
	assert_int_equal(s.records, 2);
	assert_int_equal(v.begins + v.rows + v.ends, 0);
	inspect_free(&s);
	feed_free(&d);
}

static int
teardown(void **state)
{
	(void)state;
	inspect_free(&s);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_search_counted, teardown),
		cmocka_unit_test_teardown(test_search_rows, teardown),
		cmocka_unit_test_teardown(test_answers_first, teardown),
		cmocka_unit_test_teardown(test_source_breaks_off, teardown),
		cmocka_unit_test_teardown(test_snapped_answer, teardown),
		cmocka_unit_test_teardown(test_no_probes, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
