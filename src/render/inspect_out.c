/* SPDX-License-Identifier: BSD-2-Clause */
/* mtuprobe inspect's two renderers (text and JSON), fed by the analysis
 * (inspect/inspect_scan.c) one finished row at a time and then its
 * finished streams and targets: the words for what it gives as codes and
 * numbers (a row's what, dir and why; why it stopped), and for the answer
 * per target (core/inspect_answer.c's codes). Output is streamed: a field
 * capture can hold millions of records. JSON's words are English, the
 * text's translated. */
#include "render/inspect_out.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "config.h"
#include "probe/engine.h"
#include "render/render.h"
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

/* A row's direction, as text and JSON both name it. */
static const char *const dir_word[] = {
	[INSPECT_DIR_NONE] = NULL, [INSPECT_DIR_OUT] = "out", [INSPECT_DIR_IN] = "in"
};

/* localized ? the catalogue's words : the English msgid (JSON's) */
#define L(s) (localized ? _(s) : (s))

/* Why a row is ignored: the parser's reason as it gave it (wire/ or the
 * capture reader, in English), or the analysis's code in words. */
static const char *
why_words(const struct inspect_row *w, int localized, char *buf, size_t len)
{
	switch (w->why) {
	case INSPECT_WHY_PARSER: return w->why_text;
	case INSPECT_WHY_SNAPPED:
		snprintf(buf, len,
			 L(N_("cut short by the snap length (%zu of %" PRIu32 " bytes captured)")),
			 w->captured, w->size);
		return buf;
	case INSPECT_WHY_NOMEM:
		snprintf(buf, len, L(N_("a probe of stream %d: out of memory")), w->why_stream);
		return buf;
	case INSPECT_WHY_NO_PROBE: return L(N_("no probe to match"));
	case INSPECT_WHY_NONE: break;
	}
	return "";
}

const char *
inspect_fail_words(const struct inspect *s, int localized, char *buf, size_t len)
{
	switch (s->fail) {
	case INSPECT_FAIL_NOMEM: return L(N_("out of memory"));
	case INSPECT_FAIL_NOMEM_STREAMS:
		snprintf(buf, len, L(N_("out of memory after %d probe streams")), s->fail_n);
		return buf;
	case INSPECT_FAIL_SOURCE:
	case INSPECT_OK: break;
	}
	return s->err;
}

/* The answers come first; -q prints them alone, at the end (one pass). */
static void
text_begin(void *ctx, const struct inspect *s)
{
	const struct inspect_view *v = ctx;
	FILE *f = v->f;

	if (v->quiet)
		return;
	text_string(f, v->path);
	fprintf(f,
		ngettext(": link type %s, %d probe stream\n", ": link type %s, %d probe streams\n",
			 (unsigned long)s->nstreams),
		v->linktype, s->nstreams);
	text_answers(f, s);
	/* TRANSLATORS: the heads of the columns below: # 7 wide, time 10, dir 3,
	 * size, seq and stream 6 each, then what (in display columns) */
	fputs(_("\n      #       time dir   size    seq stream  what\n"), f);
}

static void
text_what(FILE *f, const struct inspect *s, const struct inspect_row *w)
{
	char from[INET6_ADDRSTRLEN], why[128];

	ip_addr_text(&w->from, from, sizeof(from));
	switch (w->what) {
	case W_PROBE:
		fputs(w->snapped ? _("probe (cut short by the snap length)") : _("probe"), f);
		break;
	case W_REPLY: fputs(_(words(&s->streams[w->stream - 1])->reply), f); break;
	case W_TOO_BIG: fprintf(f, _("too big mtu=%" PRIu32 " from %s"), w->mtu, from); break;
	case W_UNREACH: fprintf(f, _("unreachable code=%d from %s"), w->icmp_code, from); break;
	case W_TIME_EXCEEDED: fprintf(f, _("time exceeded from %s"), from); break;
	case W_OTHER:
		fprintf(f, _("icmp error type=%d code=%d from %s"), w->icmp_type, w->icmp_code,
			from);
		break;
	case W_IGNORED:
		/* a reason of the packet parser's (wire/) stays English */
		fprintf(f, _("ignored: %s"), why_words(w, 1, why, sizeof(why)));
		break;
	}
}

static void
text_row(void *ctx, const struct inspect *s, const struct inspect_row *w)
{
	const struct inspect_view *v = ctx;
	FILE *f = v->f;
	char seq[24] = "-", stream[24] = "-";

	if (v->quiet)
		return;
	if (w->seq >= 0)
		snprintf(seq, sizeof(seq), "%ld", w->seq);
	if (w->stream)
		snprintf(stream, sizeof(stream), "%d", w->stream);
	fprintf(f, "%7" PRIu64 " %10.6f %-3s %6" PRIu32 " %6s %6s  ", w->n, w->t,
		dir_word[w->dir] ? dir_word[w->dir] : "-", w->size, seq, stream);
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

	ip_addr_text(&st->m.src, src, sizeof(src));
	ip_addr_text(&st->m.dst, dst, sizeof(dst));
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
		ip_addr_text(&u->smallest_big->from, from, sizeof(from));
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
text_end(void *ctx, const struct inspect *s)
{
	const struct inspect_view *v = ctx;
	FILE *f = v->f;

	if (v->quiet) {
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

	ip_addr_text(&tg->ans_big->from, from, sizeof(from));
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
	if (s->fail)
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
		fputs(s->fail || s->snapped ? _("nothing larger answered")
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

		if (k == j || memcmp(&m->dst, &tg->m.dst, sizeof(m->dst)) != 0)
			continue;
		if (memcmp(&m->src, &tg->m.src, sizeof(m->src)) != 0)
			other_src = 1;
		else
			other_tool = 1;
	}
	ip_addr_text(&tg->m.src, src, sizeof(src));
	ip_addr_text(&tg->m.dst, dst, sizeof(dst));
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

void
inspect_text_sink(struct inspect_sink *k, struct inspect_view *v)
{
	*k = (struct inspect_sink){ text_begin, text_row, text_end, v, !v->quiet };
}

/* ---- JSON: documented in mtuprobe(1), INSPECT ---- */

static void
json_begin(void *ctx, const struct inspect *s)
{
	const struct inspect_view *v = ctx;
	FILE *f = v->f;

	(void)s;
	fprintf(f, "{\"mtuprobe\":\"%s\",\"command\":\"inspect\",\"file\":", MTUPROBE_VERSION);
	json_string(f, v->path);
	fputs(",\"linktype\":", f);
	json_string(f, v->linktype);
	fputs(",\"packets\":[", f);
}

static void
json_row(void *ctx, const struct inspect *s, const struct inspect_row *w)
{
	const struct inspect_view *v = ctx;
	FILE *f = v->f;
	int answer = w->what != W_PROBE && w->what != W_IGNORED;
	char from[INET6_ADDRSTRLEN], why[128];

	ip_addr_text(&w->from, from, sizeof(from));
	fprintf(f, "%s{\"n\":%" PRIu64 ",\"time\":%.6f", s->rows ? "," : "", w->n, w->t);
	json_key_string(f, "dir", dir_word[w->dir]);
	fprintf(f, ",\"size\":%" PRIu32, w->size);
	json_key_uint(f, "seq", w->seq >= 0, (uint32_t)w->seq);
	json_key_uint(f, "stream", w->stream != 0, (uint32_t)w->stream);
	fprintf(f, ",\"what\":\"%s\",\"snapped\":%s", what_json(w->what),
		w->snapped ? "true" : "false");
	json_key_uint(f, "mtu", w->what == W_TOO_BIG, w->mtu);
	json_key_string(f, "from", answer ? from : NULL);
	json_key_uint(f, "icmp_type", answer, (uint32_t)w->icmp_type);
	json_key_uint(f, "icmp_code", answer, (uint32_t)w->icmp_code);
	json_key_string(f, "why", w->what == W_IGNORED ? why_words(w, 0, why, sizeof(why)) : NULL);
	fputc('}', f);
}

static void
json_stream(FILE *f, int i, const struct stream *st)
{
	const unsigned *c = st->count;
	const struct summary *u = &st->sum;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN], from[INET6_ADDRSTRLEN];
	int first = 1;

	ip_addr_text(&st->m.src, src, sizeof(src));
	ip_addr_text(&st->m.dst, dst, sizeof(dst));
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
		ip_addr_text(&u->smallest_big->from, from, sizeof(from));
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

	ip_addr_text(&tg->m.src, src, sizeof(src));
	ip_addr_text(&tg->m.dst, dst, sizeof(dst));
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
		ip_addr_text(&tg->ans_big->from, from, sizeof(from));
	json_key_string(f, "too_big_from", tg->ans_big ? from : NULL);
	json_key_uint(f, "silent_from", a->silent_lo != 0, a->silent_lo);
	json_key_uint(f, "silent_to", a->silent_lo != 0, a->silent_hi);
	fprintf(f, ",\"silent_sizes\":%u}", a->silent_sizes);
}

static void
json_end(void *ctx, const struct inspect *s)
{
	const struct inspect_view *v = ctx;
	FILE *f = v->f;
	char err[sizeof(s->err)];
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
	if (s->fail)
		json_string(f, inspect_fail_words(s, 0, err, sizeof(err)));
	else
		fputs("null", f);
	fputs("}\n", f);
}

void
inspect_json_sink(struct inspect_sink *k, struct inspect_view *v)
{
	*k = (struct inspect_sink){ json_begin, json_row, json_end, v, 0 };
}
