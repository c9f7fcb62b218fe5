/* SPDX-License-Identifier: BSD-2-Clause */
/* libFuzzer harness for the whole inspect path: arbitrary bytes as a capture
 * file, through libpcap (pcapread, from a memfd: a regular file, read twice
 * like any capture), the probe recogniser and the reply parser (src/wire),
 * to the streams and the summary (inspect/inspect_scan.c), other tools' probes
 * (wire_parse_foreign) in captures without mtuprobe's. The seeds are the
 * captures of tests/cli/captures (real-ping, real-tracepath, windows-ping
 * and foreign-mismatch for the other tools). Besides memory errors (ASan) and undefined
 * behaviour (UBSan), it aborts when a row or a summary breaks a promise the
 * renderers rely on. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli/inspect_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_row(void *ctx, const struct inspect *s, const struct inspect_row *w)
{
	(void)ctx;
	if (w->what > W_IGNORED || w->stream < 0 || w->stream > s->nstreams)
		abort();
	if (w->what != W_IGNORED && w->what != W_PROBE && !w->stream)
		abort(); /* an answer always belongs to a stream */
	if (w->what == W_IGNORED &&
	    (!w->why || (w->why == INSPECT_WHY_PARSER && (!w->why_text || !w->why_text[0]))))
		abort(); /* ignored rows say why */
	if (w->dir > INSPECT_DIR_IN)
		abort();
	if (w->seq < -1 || w->seq > 65535)
		abort();
	/* tracepath's arrival is the target's port unreachable, nothing else */
	if (w->what == W_REPLY && s->streams[w->stream - 1].m.tool == WIRE_TOOL_TRACEPATH &&
	    !((w->icmp_type == 3 && w->icmp_code == 3) || (w->icmp_type == 1 && w->icmp_code == 4)))
		abort();
}

static void
check_begin(void *ctx, const struct inspect *s)
{
	(void)ctx;
	if (s->nstreams < 1 || s->nstreams > s->streams_cap)
		abort();
}

static void
check_end(void *ctx, const struct inspect *s)
{
	(void)ctx;
	for (int i = 0; i < s->nstreams; i++) {
		const struct stream *st = &s->streams[i];

		/* mtuprobe's streams, or else other tools': never both */
		if ((st->m.tool != WIRE_TOOL_MTUPROBE) != s->foreign)
			abort();
		if (s->foreign && st->m.seq_size != (st->t ? st->t->seq_size : NULL))
			abort();

		for (size_t k = 1; k < st->nsizes; k++)
			if (st->sizes[k - 1].size >= st->sizes[k].size)
				abort(); /* summarised: sorted, one slot per size */
		if (st->sum.largest_reply && !st->sum.largest_reply->replies)
			abort();
		if (st->sum.smallest_big && !st->sum.smallest_big->too_big)
			abort();
		if (st->target < 0 || st->target >= s->ntargets)
			abort(); /* every stream is one target's run */
	}
	for (int j = 0; j < s->ntargets; j++) {
		const struct stream *tg = &s->targets[j];
		const struct inspect_answer *a = &tg->ans;

		/* the too big named is one that came back, and below it lies the answer */
		if ((a->too_big >= 0) != (tg->ans_big != NULL) ||
		    (tg->ans_big && !tg->ans_big->too_big))
			abort();
		if ((a->verdict == INSPECT_EXACT || a->verdict == INSPECT_AT_LEAST ||
		     a->verdict == INSPECT_EXACT_SILENCE) &&
		    (!tg->sum.largest_reply || tg->sum.largest_reply->size != a->mtu))
			abort();
		if (a->verdict == INSPECT_EXACT && (!tg->ans_big || tg->ans_big->size <= a->mtu))
			abort();
		if (a->silent_lo > a->silent_hi || (a->silent_lo && a->silent_lo <= a->mtu))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct inspect s; /* as in cmd_inspect: off the stack */
	static struct inspect_read rd;
	int fd = memfd_create("fuzz.pcap", MFD_CLOEXEC);
	size_t off = 0;

	if (fd < 0)
		abort();
	while (off < size) {
		ssize_t n = write(fd, data + off, size - off);

		if (n <= 0)
			abort();
		off += (size_t)n;
	}
	memset(&s, 0, sizeof(s));
	memset(&rd, 0, sizeof(rd));
	s.out = (struct inspect_sink){ check_begin, check_row, check_end, NULL, 0 };
	rd.r = pcapread_open_fd(fd, "fuzz.pcap", s.err, sizeof(s.err));
	if (!rd.r)
		return 0;
	inspect_read_source(&s.in, &rd);
	inspect_learn(&s); /* as cmd_inspect: go on after an error if probes were seen */
	if (s.nstreams > 0 && pcapread_rewind(rd.r, s.err, sizeof(s.err)) == 0)
		inspect_replay(&s);
	pcapread_close(rd.r);
	inspect_free(&s);
	return 0;
}
