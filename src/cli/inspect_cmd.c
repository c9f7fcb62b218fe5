/* SPDX-License-Identifier: BSD-2-Clause */
/* mtuprobe inspect FILE: read a capture (one that probe --pcap wrote, or a
 * field capture from tcpdump), find mtuprobe's probes in it (or, in a
 * capture without them, other tools' DF probes: ping, tracepath), and say
 * what became of each: answered, refused with a Packet Too Big, or never
 * answered. FILE - is standard input.
 *
 * The analysis (two passes: learn the probe streams, then classify every
 * record with the parser probe uses) is inspect_scan.c; packet recognition
 * is src/wire's. This file is the command and its two renderers, and the
 * words for the answer per target (core/inspect_answer.c gives codes).
 *
 * Output is streamed, one row per record, through one of two renderers chosen
 * once (text or JSON): a field capture can hold millions of records. They
 * live here, not in src/render, because they show nothing but inspect's own
 * rows and summary. */
#include "base/i18n.h"
#include "cli/cmds.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/inspect_scan.h"
#include "config.h"
#include "io/pcapread.h"
#include "probe/engine.h"
#include "wire/wire.h"

/* JSON's "what": an answer is named as probe --json names its outcome
 * (probe_outcome_str); the probe itself and what is not ours are not outcomes. */
static const char *
what_json(enum what w)
{
	static const enum probe_outcome outcome[] = {
		[W_REPLY] = PROBE_REPLY,     [W_TOO_BIG] = PROBE_TOO_BIG,
		[W_UNREACH] = PROBE_UNREACH, [W_TIME_EXCEEDED] = PROBE_TIME_EXCEEDED,
		[W_OTHER] = PROBE_OTHER,
	};

	if (w == W_PROBE)
		return "probe";
	if (w == W_IGNORED)
		return "ignored";
	return probe_outcome_str(outcome[w]);
}

/* What each tool's streams are called. mtuprobe's say nothing new: the
 * output for its captures is what it always was. */
static const struct tool_words {
	const char *reply;   /* a row answering that the probe arrived */
	const char *replies; /* their count in the summary */
	const char *largest; /* the summary's largest size answered by ... */
	const char *kind;    /* JSON "kind"; NULL: mtuprobe (no key) */
	const char *match;   /* JSON "match": what its answers are matched by */
	const char *by;      /* the same, in words */
} tools[] = {
	[WIRE_TOOL_MTUPROBE] = { N_("echo reply"), N_("echo replies"), N_("an echo reply"), NULL,
				 NULL, NULL },
	[WIRE_TOOL_PING] = { N_("echo reply"), N_("echo replies"), N_("an echo reply"), "ping",
			     "ident-seq", N_("by ident and seq only") },
	[WIRE_TOOL_TRACEPATH] = { N_("port unreachable from the target (arrived)"),
				  N_("port unreachables from the target"),
				  N_("the target's port unreachable"), "tracepath", "ports-length",
				  N_("by the quoted ports and length only") },
};

static const struct tool_words *
words(const struct stream *st)
{
	return &tools[st->m.tool >= 0 && st->m.tool <= WIRE_TOOL_TRACEPATH ? st->m.tool : 0];
}

/* ---- text ---- */

static void text_answers(FILE *f, const struct inspect *s);

/* The answers come first; -q prints them alone, at the end (one pass). */
static void
text_begin(FILE *f, const struct inspect *s)
{
	if (s->quiet)
		return;
	text_string(f, s->path);
	fprintf(f,
		ngettext(": link type %s, %d probe stream\n", ": link type %s, %d probe streams\n",
			 (unsigned long)s->nstreams),
		pcapread_linktype(s->r), s->nstreams);
	text_answers(f, s);
	/* TRANSLATORS: the heads of the columns below: # 7 wide, time 10, dir 3,
	 * size, seq and stream 6 each, then what (in display columns) */
	fputs(_("\n      #       time dir   size    seq stream  what\n"), f);
}

static void
text_what(FILE *f, const struct inspect *s, const struct inspect_row *w)
{
	switch (w->what) {
	case W_PROBE:
		fputs(w->snapped ? _("probe (cut short by the snap length)") : _("probe"), f);
		break;
	case W_REPLY: fputs(_(words(&s->streams[w->stream - 1])->reply), f); break;
	case W_TOO_BIG: fprintf(f, _("too big mtu=%" PRIu32 " from %s"), w->mtu, w->from); break;
	case W_UNREACH: fprintf(f, _("unreachable code=%d from %s"), w->icmp_code, w->from); break;
	case W_TIME_EXCEEDED: fprintf(f, _("time exceeded from %s"), w->from); break;
	case W_OTHER:
		fprintf(f, _("icmp error type=%d code=%d from %s"), w->icmp_type, w->icmp_code,
			w->from);
		break;
	case W_IGNORED:
		/* the reason is the packet parser's (wire/), in English */
		fprintf(f, _("ignored: %s"), w->why);
		break;
	}
}

static void
text_row(FILE *f, const struct inspect *s, const struct inspect_row *w)
{
	char seq[24] = "-", stream[24] = "-";

	if (s->quiet)
		return;
	if (w->seq >= 0)
		snprintf(seq, sizeof seq, "%ld", w->seq);
	if (w->stream)
		snprintf(stream, sizeof stream, "%d", w->stream);
	fprintf(f, "%7" PRIu64 " %10.6f %-3s %6" PRIu32 " %6s %6s  ", w->n, w->t,
		w->dir ? w->dir : "-", w->size, seq, stream);
	text_what(f, s, w);
	fputc('\n', f);
}

/* "1-3+5": the runs a target merges, by stream number. */
static void
text_runs(FILE *f, const struct inspect *s, int j)
{
	const char *sep = "";

	for (int i = 0; i < s->nstreams; i++) {
		int k = i;

		if (s->streams[i].target != j)
			continue;
		while (k + 1 < s->nstreams && s->streams[k + 1].target == j)
			k++;
		fprintf(f, "%s%d", sep, i + 1);
		if (k > i)
			fprintf(f, "%s%d", k > i + 1 ? "-" : "+", k + 1);
		sep = "+";
		i = k;
	}
}

/* What tells one run from another: "ident 7, cookie ..." for each run, or
 * "ping idents 20685+20686" when several are merged. */
static void
text_run_ids(FILE *f, const struct inspect *s, int j, int many)
{
	const char *sep = "";

	for (int i = 0; i < s->nstreams; i++) {
		const struct wire_match *m = &s->streams[i].m;

		if (s->streams[i].target != j)
			continue;
		if (m->tool == WIRE_TOOL_PING)
			fprintf(f, "%s%u",
				*sep   ? sep
				: many ? _("ping idents ")
				       : _("ping ident "),
				m->ident);
		else if (m->tool == WIRE_TOOL_TRACEPATH)
			fprintf(f, "%s%u",
				*sep   ? sep
				: many ? _("tracepath from ports ")
				       : _("tracepath from port "),
				m->sport_base);
		else {
			fputs(*sep ? "; " : "", f);
			fprintf(f, _("ident %u, cookie "), m->ident);
			for (int k = 0; k < WIRE_COOKIE_LEN; k++)
				fprintf(f, "%02x", m->cookie[k]);
		}
		sep = "+";
	}
}

static void
text_stream(FILE *f, const struct inspect *s, int j)
{
	const struct stream *st = &s->targets[j];
	const unsigned *c = st->count;
	const struct summary *u = &st->sum;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN], from[INET6_ADDRSTRLEN];

	ip_addr_text(&st->m.src, src, sizeof src);
	ip_addr_text(&st->m.dst, dst, sizeof dst);
	fputs(st->runs > 1 ? _("\nstreams ") : _("\nstream "), f);
	text_runs(f, s, j);
	fprintf(f, ": %s -> %s, ", src, dst);
	text_run_ids(f, s, j, st->runs > 1);
	if (words(st)->by)
		fprintf(f, _(" (no cookie: answers matched %s)"), _(words(st)->by));
	fprintf(f,
		_("\n  probes %u (sizes %u), %s %u, too big %u, unreachable %u,"
		  " time exceeded %u, other errors %u\n"),
		c[W_PROBE], u->probed, _(words(st)->replies), c[W_REPLY], c[W_TOO_BIG],
		c[W_UNREACH], c[W_TIME_EXCEEDED], c[W_OTHER]);
	fprintf(f, _("  largest size answered by %s: "), _(words(st)->largest));
	if (u->largest_reply)
		fprintf(f, "%" PRIu32 "\n", u->largest_reply->size);
	else
		fprintf(f, "%s\n", _("none"));
	if (u->smallest_big) {
		ip_addr_text(&u->smallest_big->from, from, sizeof from);
		fprintf(f,
			_("  smallest size refused by too big: %" PRIu32 " (mtu %" PRIu32
			  " from %s)\n"),
			u->smallest_big->size, u->smallest_big->mtu, from);
	} else {
		fprintf(f, _("  smallest size refused by too big: %s\n"), _("none"));
	}
	fputs(_("  sizes never answered:"), f);
	for (size_t k = 0; k < st->nsizes; k++)
		if (inspect_never_answered(&st->sizes[k]))
			fprintf(f, " %" PRIu32, st->sizes[k].size);
	if (u->never)
		fputc('\n', f);
	else
		fprintf(f, " %s\n", _("none"));
	if (u->blackhole_hint)
		fputs(_("  no too big came back for the silent sizes: ICMP may be filtered on the"
			" path (a PMTU black hole), or the probes were lost\n"),
		      f);
}

static void
text_end(FILE *f, const struct inspect *s)
{
	if (s->quiet) {
		text_answers(f, s);
		return;
	}
	for (int j = 0; j < s->ntargets; j++)
		text_stream(f, s, j);
	fputc('\n', f);
	fprintf(f,
		ngettext("%" PRIu64 " record, %" PRIu64 " ignored",
			 "%" PRIu64 " records, %" PRIu64 " ignored",
			 (unsigned long)(s->records == 1 ? 1 : 2)),
		s->records, s->ignored);
	if (s->snapped)
		fprintf(f,
			_("; %" PRIu64 " cut short by the snap length, so answers among them"
			  " cannot be matched (capture with -s 0)"),
			s->snapped);
	fputc('\n', f);
}

/* ---- the answer per target: words for core/inspect_answer.c's codes ---- */

/* What the answers are to: tracepath's are UDP probes, the rest echoes. */
static const char *
probe_word(const struct stream *tg)
{
	return tg->m.tool == WIRE_TOOL_TRACEPATH ? _("DF probe") : _("DF echo");
}

/* "1401 'too big' from 192.0.2.1 with mtu 1400": the MTU left out where the
 * size says it (refused at the answer + 1), and where it is not believed. */
static void
text_too_big(FILE *f, const struct stream *tg)
{
	const struct inspect_answer *a = &tg->ans;
	char from[INET6_ADDRSTRLEN];

	ip_addr_text(&tg->ans_big->from, from, sizeof from);
	fprintf(f, _("%" PRIu32 " 'too big' from %s"), tg->ans_big->size, from);
	if (a->too_big_mtu && !(a->verdict == INSPECT_EXACT && tg->ans_big->size == a->mtu + 1))
		fprintf(f, _(" with mtu %" PRIu32), a->too_big_mtu);
}

static void
text_range(FILE *f, uint32_t lo, uint32_t hi)
{
	if (lo == hi)
		fprintf(f, "%" PRIu32, lo);
	else
		fprintf(f, _("%" PRIu32 " to %" PRIu32), lo, hi);
}

static void
text_silence(FILE *f, const struct inspect_answer *a)
{
	text_range(f, a->silent_lo, a->silent_hi);
	fputs(_(" never answered"), f);
	if (a->silent_sizes > 1)
		fprintf(f, ngettext(" (%u size)", " (%u sizes)", a->silent_sizes), a->silent_sizes);
}

/* Where an answer rests on what did not come back: why some may be missing
 * (and silence was not counted, inspect_answer's complete). */
static void
text_caveat(FILE *f, const struct inspect *s)
{
	if (s->failed)
		fputs(_("; the capture breaks off, so answers may be missing"), f);
	else if (s->snapped)
		fputs(_("; answers cut short by the snap length cannot be matched"), f);
}

/* AT_LEAST: what is above the largest size answered. */
static void
text_above(FILE *f, const struct inspect *s, const struct stream *tg)
{
	const struct inspect_answer *a = &tg->ans;

	if (!a->upper) {
		fputs(s->failed || s->snapped ? _("nothing larger answered")
					      : _("nothing larger tried"),
		      f);
		return;
	}
	text_range(f, a->mtu + 1, a->upper);
	fputs(_(" untried; "), f);
	if (a->silent_lo) {
		text_silence(f, a);
		fputs(_(": silence, not proof"), f);
	} else {
		text_too_big(f, tg);
	}
}

static void
text_verdict(FILE *f, const struct inspect *s, const struct stream *tg)
{
	const struct inspect_answer *a = &tg->ans;
	const char *what = probe_word(tg);

	switch (a->verdict) {
	case INSPECT_EXACT:
		fprintf(f, _("%" PRIu32 " (largest %s answered; "), a->mtu, what);
		text_too_big(f, tg);
		break;
	case INSPECT_EXACT_SILENCE:
		fprintf(f, _("%" PRIu32 " (largest %s answered; "), a->mtu, what);
		text_silence(f, a);
		fputs(_(": silence, not proof"), f);
		break;
	case INSPECT_AT_LEAST:
		fprintf(f, _("at least %" PRIu32 " (largest %s answered; "), a->mtu, what);
		text_above(f, s, tg);
		break;
	case INSPECT_AT_MOST:
		fprintf(f, _("at most %" PRIu32 " (no %s answered; "), a->upper, what);
		text_too_big(f, tg);
		break;
	case INSPECT_NOTHING:
		fprintf(f, _("not measured (no %s answered, no 'too big'"), what);
		break;
	case INSPECT_CONTRADICTION:
		fprintf(f, _("contradictory (%" PRIu32 " answered, yet "), a->answered_above);
		text_too_big(f, tg);
		break;
	}
	if ((a->verdict == INSPECT_AT_MOST || a->verdict == INSPECT_NOTHING) && a->silent_lo) {
		fputs("; ", f);
		text_silence(f, a);
	}
	if (a->verdict == INSPECT_AT_MOST || a->verdict == INSPECT_NOTHING ||
	    (a->verdict == INSPECT_AT_LEAST && !a->upper))
		text_caveat(f, s);
	fputs(")\n", f);
}

/* "path MTU to DST: ...", with the source or the tool named only where
 * another target has the same destination. */
static void
text_answer(FILE *f, const struct inspect *s, int j)
{
	const struct stream *tg = &s->targets[j];
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	int other_src = 0, other_tool = 0;

	for (int k = 0; k < s->ntargets; k++) {
		const struct wire_match *m = &s->targets[k].m;

		if (k == j || memcmp(&m->dst, &tg->m.dst, sizeof m->dst) != 0)
			continue;
		if (memcmp(&m->src, &tg->m.src, sizeof m->src) != 0)
			other_src = 1;
		else
			other_tool = 1;
	}
	ip_addr_text(&tg->m.src, src, sizeof src);
	ip_addr_text(&tg->m.dst, dst, sizeof dst);
	/* TRANSLATORS: "path MTU[ from SRC] to DST[ per TOOL]: ..." */
	fputs(_("path MTU"), f);
	if (other_src)
		fprintf(f, _(" from %s"), src);
	fprintf(f, _(" to %s"), dst);
	if (other_tool)
		fprintf(f, _(" per %s"), words(tg)->kind ? words(tg)->kind : "mtuprobe");
	fputs(": ", f);
	text_verdict(f, s, tg);
}

static void
text_answers(FILE *f, const struct inspect *s)
{
	for (int j = 0; j < s->ntargets; j++)
		text_answer(f, s, j);
}

static const struct inspect_out text_out = { text_begin, text_row, text_end, 1 };

/* ---- JSON: documented in mtuprobe(1), INSPECT ---- */

static void
json_begin(FILE *f, const struct inspect *s)
{
	fprintf(f, "{\"mtuprobe\":\"%s\",\"command\":\"inspect\",\"file\":", MTUPROBE_VERSION);
	json_string(f, s->path);
	fputs(",\"linktype\":", f);
	json_string(f, pcapread_linktype(s->r));
	fputs(",\"packets\":[", f);
}

static void
json_row(FILE *f, const struct inspect *s, const struct inspect_row *w)
{
	int answer = w->what != W_PROBE && w->what != W_IGNORED;

	fprintf(f, "%s{\"n\":%" PRIu64 ",\"time\":%.6f", s->rows ? "," : "", w->n, w->t);
	json_key_string(f, "dir", w->dir);
	fprintf(f, ",\"size\":%" PRIu32, w->size);
	json_key_uint(f, "seq", w->seq >= 0, (uint32_t)w->seq);
	json_key_uint(f, "stream", w->stream != 0, (uint32_t)w->stream);
	fprintf(f, ",\"what\":\"%s\",\"snapped\":%s", what_json(w->what),
		w->snapped ? "true" : "false");
	json_key_uint(f, "mtu", w->what == W_TOO_BIG, w->mtu);
	json_key_string(f, "from", answer ? w->from : NULL);
	json_key_uint(f, "icmp_type", answer, (uint32_t)w->icmp_type);
	json_key_uint(f, "icmp_code", answer, (uint32_t)w->icmp_code);
	json_key_string(f, "why", w->what == W_IGNORED ? w->why : NULL);
	fputc('}', f);
}

static void
json_stream(FILE *f, int i, const struct stream *st)
{
	const unsigned *c = st->count;
	const struct summary *u = &st->sum;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN], from[INET6_ADDRSTRLEN];
	int first = 1;

	ip_addr_text(&st->m.src, src, sizeof src);
	ip_addr_text(&st->m.dst, dst, sizeof dst);
	fprintf(f, "%s{\"stream\":%d,\"src\":\"%s\",\"dst\":\"%s\"", i ? "," : "", i + 1, src, dst);
	json_key_uint(f, "ident", st->m.tool != WIRE_TOOL_TRACEPATH, st->m.ident);
	if (st->m.tool == WIRE_TOOL_MTUPROBE) {
		fputs(",\"cookie\":\"", f);
		for (int k = 0; k < WIRE_COOKIE_LEN; k++)
			fprintf(f, "%02x", st->m.cookie[k]);
		fputc('"', f);
	} else {
		/* Keys that only other tools' streams have: mtuprobe's stay as they were. */
		fputs(",\"cookie\":null", f);
		json_key_string(f, "kind", words(st)->kind);
		json_key_uint(f, "sport", st->m.tool == WIRE_TOOL_TRACEPATH, st->m.sport_base);
		json_key_string(f, "match", words(st)->match);
	}
	fprintf(f,
		",\"probes\":%u,\"sizes\":%u,\"replies\":%u,\"too_big\":%u,\"unreach\":%u,"
		"\"time_exceeded\":%u,\"other\":%u",
		c[W_PROBE], u->probed, c[W_REPLY], c[W_TOO_BIG], c[W_UNREACH], c[W_TIME_EXCEEDED],
		c[W_OTHER]);
	json_key_uint(f, "largest_replied", !!u->largest_reply,
		      u->largest_reply ? u->largest_reply->size : 0);
	json_key_uint(f, "smallest_too_big", !!u->smallest_big,
		      u->smallest_big ? u->smallest_big->size : 0);
	json_key_uint(f, "too_big_mtu", !!u->smallest_big,
		      u->smallest_big ? u->smallest_big->mtu : 0);
	if (u->smallest_big)
		ip_addr_text(&u->smallest_big->from, from, sizeof from);
	json_key_string(f, "too_big_from", u->smallest_big ? from : NULL);
	fputs(",\"never_answered\":[", f);
	for (size_t k = 0; k < st->nsizes; k++)
		if (inspect_never_answered(&st->sizes[k])) {
			fprintf(f, "%s%" PRIu32, first ? "" : ",", st->sizes[k].size);
			first = 0;
		}
	fputs("]}", f);
}

/* clang-format off */
static const char *const verdict_json[] = {
	[INSPECT_EXACT] = "exact", [INSPECT_EXACT_SILENCE] = "exact-silence",
	[INSPECT_AT_LEAST] = "at-least", [INSPECT_AT_MOST] = "at-most",
	[INSPECT_NOTHING] = "nothing", [INSPECT_CONTRADICTION] = "contradiction",
};
/* clang-format on */

/* One target's answer: its text line's numbers, keyed. */
static void
json_answer(FILE *f, const struct inspect *s, int j)
{
	const struct stream *tg = &s->targets[j];
	const struct inspect_answer *a = &tg->ans;
	enum inspect_verdict v = a->verdict;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN], from[INET6_ADDRSTRLEN];
	const char *sep = "";
	int exact = v == INSPECT_EXACT || v == INSPECT_EXACT_SILENCE;

	ip_addr_text(&tg->m.src, src, sizeof src);
	ip_addr_text(&tg->m.dst, dst, sizeof dst);
	fprintf(f, "%s{\"src\":\"%s\",\"dst\":\"%s\",\"kind\":\"%s\",\"streams\":[", j ? "," : "",
		src, dst, words(tg)->kind ? words(tg)->kind : "mtuprobe");
	for (int i = 0; i < s->nstreams; i++)
		if (s->streams[i].target == j) {
			fprintf(f, "%s%d", sep, i + 1);
			sep = ",";
		}
	fprintf(f, "],\"answer\":\"%s\"", verdict_json[v]);
	json_key_uint(f, "path_mtu", exact, a->mtu);
	json_key_uint(f, "largest_answered",
		      exact || v == INSPECT_AT_LEAST || v == INSPECT_CONTRADICTION,
		      v == INSPECT_CONTRADICTION ? a->answered_above : a->mtu);
	json_key_uint(f, "untried_to", v == INSPECT_AT_LEAST && a->upper, a->upper);
	json_key_uint(f, "at_most", v == INSPECT_AT_MOST, a->upper);
	json_key_uint(f, "too_big_size", !!tg->ans_big, tg->ans_big ? tg->ans_big->size : 0);
	json_key_uint(f, "too_big_mtu", a->too_big_mtu != 0, a->too_big_mtu);
	if (tg->ans_big)
		ip_addr_text(&tg->ans_big->from, from, sizeof from);
	json_key_string(f, "too_big_from", tg->ans_big ? from : NULL);
	json_key_uint(f, "silent_from", a->silent_lo != 0, a->silent_lo);
	json_key_uint(f, "silent_to", a->silent_lo != 0, a->silent_hi);
	fprintf(f, ",\"silent_sizes\":%u}", a->silent_sizes);
}

static void
json_end(FILE *f, const struct inspect *s)
{
	fprintf(f,
		"],\"records\":%" PRIu64 ",\"ignored\":%" PRIu64 ",\"snapped\":%" PRIu64
		",\"streams\":[",
		s->records, s->ignored, s->snapped);
	for (int i = 0; i < s->nstreams; i++)
		json_stream(f, i, &s->streams[i]);
	fputs("],\"answers\":[", f);
	for (int j = 0; j < s->ntargets; j++)
		json_answer(f, s, j);
	fputc(']', f);
	fputs(",\"error\":", f);
	if (s->failed)
		json_string(f, s->err);
	else
		fputs("null", f);
	fputs("}\n", f);
}

static const struct inspect_out json_out = { json_begin, json_row, json_end, 0 };

/* ---- the command ---- */

static int
fail(const char *msg, int code)
{
	fprintf(stderr, "mtuprobe inspect: %s\n", msg);
	return code;
}

static int
run(struct inspect *s)
{
	enum pcapread_rc rc = inspect_learn(s);

	if (s->nstreams == 0) {
		if (rc == PCAPREAD_ERROR)
			return fail(s->err, EXIT_USAGE);
		snprintf(s->err, sizeof s->err,
			 "no probes among %" PRIu64 " records: neither"
			 " mtuprobe's (ICMP echo requests whose data after an 8-byte cookie counts"
			 " 8, 9, 10, ...) nor echo requests with DF set nor tracepath's UDP probes",
			 s->records);
		return fail(s->err, EXIT_NOT_MEASURED);
	}
	if (pcapread_rewind(s->r, s->err, sizeof s->err) < 0)
		return fail(s->err, EXIT_USAGE);
	inspect_replay(s);
	if (cli_stdout_done("inspect", EXIT_OK) != EXIT_OK)
		return EXIT_OUTPUT;
	return s->failed ? fail(s->err, EXIT_USAGE) : EXIT_OK;
}

/* FILE, or - for standard input (named "(stdin)" in the output, as audit
 * names it). */
static int
open_input(struct inspect *s, const char *arg)
{
	if (strcmp(arg, "-") != 0) {
		s->path = arg;
		s->r = pcapread_open(arg, s->err, sizeof s->err);
		return s->r ? 0 : -1;
	}
	s->path = "(stdin)";
	if (isatty(STDIN_FILENO)) {
		snprintf(s->err, sizeof s->err,
			 "standard input is a terminal: pipe a capture"
			 " into it (tcpdump -w - ... | mtuprobe inspect -)");
		return -1;
	}
	s->r = pcapread_open_stream(STDIN_FILENO, "standard input", s->err, sizeof s->err);
	return s->r ? 0 : -1;
}

int
cmd_inspect(int argc, char **argv)
{
	static struct inspect s; /* static: 2.5 kB of streams, off the stack */
	struct cli c;
	int rc;

	memset(&s, 0, sizeof s);
	rc = cli_parse(CMD_INSPECT, argc, argv, &c, s.err, sizeof s.err);

	if (rc > 0) /* --help */
		return cli_stdout_done("inspect", EXIT_OK);
	if (rc < 0)
		return fail(s.err, EXIT_USAGE);
	s.quiet = c.quiet;
	s.out = c.json ? &json_out : &text_out;
	s.f = stdout;
	if (open_input(&s, c.targets[0]) < 0)
		return fail(s.err, EXIT_USAGE);
	rc = run(&s);
	pcapread_close(s.r);
	inspect_free(&s);
	return rc;
}
