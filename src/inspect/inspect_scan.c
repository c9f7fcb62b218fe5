/* SPDX-License-Identifier: BSD-2-Clause */
/* inspect_scan: see inspect_scan.h. Two passes, so an answer recorded
 * before its probe (a capture merged from two taps whose clocks disagree)
 * is still matched, and a file without probes is reported as such before
 * anything is printed. */
#include "inspect/inspect_scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* clang-format off */
static const enum what what_of[] = {
	[WIRE_IGNORED] = W_IGNORED, [WIRE_ECHO_REPLY] = W_REPLY, [WIRE_TOO_BIG] = W_TOO_BIG,
	[WIRE_UNREACH] = W_UNREACH, [WIRE_TIME_EXCEEDED] = W_TIME_EXCEEDED,
	[WIRE_OTHER_ERROR] = W_OTHER,
	/* tracepath's proof of arrival, as the echo reply is ping's */
	[WIRE_PORT_UNREACH] = W_REPLY,
	/* no inspect stream is of TCP probes: never returned, never a probe row */
	[WIRE_TCP_SYNACK] = W_OTHER, [WIRE_TCP_RST] = W_OTHER,
};
/* clang-format on */

static int
addr_eq(const struct ip_addr *a, const struct ip_addr *b)
{
	return a->family == b->family && memcmp(a->a, b->a, sizeof(a->a)) == 0;
}

/* A stream is its tool, source, target, and ident and cookie (mtuprobe),
 * ident (ping) or source port (tracepath). */
static int
find_stream(const struct stream *st, int n, const struct wire_match *m)
{
	for (int i = 0; i < n; i++) {
		const struct wire_match *o = &st[i].m;
		if (o->ident == m->ident && addr_eq(&o->src, &m->src) &&
		    addr_eq(&o->dst, &m->dst) &&
		    memcmp(o->cookie, m->cookie, WIRE_COOKIE_LEN) == 0 && o->tool == m->tool &&
		    o->sport_base == m->sport_base)
			return i;
	}
	return -1;
}

/* Room for one more stream in *st; -1 with s->fail when memory runs out. */
static int
grow(struct inspect *s, struct stream **st, int n, int *cap)
{
	struct stream *a;
	int c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 16;
	if (c < 0 || (size_t)c > SIZE_MAX / sizeof(**st) ||
	    !(a = realloc(*st, (size_t)c * sizeof(**st)))) {
		s->fail = INSPECT_FAIL_NOMEM_STREAMS;
		s->fail_n = n;
		return -1;
	}
	*st = a;
	*cap = c;
	return 0;
}

/* Index of the stream in (*st)[*n], added if new; -1 when memory ran out. */
static int
add_to(struct inspect *s, struct stream **st, int *n, int *cap, const struct wire_match *m)
{
	int i = find_stream(*st, *n, m);

	if (i >= 0 || grow(s, st, *n, cap) < 0)
		return i;
	memset(&(*st)[*n], 0, sizeof(**st));
	(*st)[*n].m = *m;
	(*st)[*n].target = -1;
	return (*n)++;
}

static int
add_stream(struct inspect *s, const struct wire_match *m)
{
	return add_to(s, &s->streams, &s->nstreams, &s->streams_cap, m);
}

/* First pass, another tool's probe: its stream, and the size sent with its
 * seq, which the answers are matched against (wire_foreign.c). */
static void
learn_other(struct inspect *s, const struct wire_probe *pi)
{
	int i = add_to(s, &s->others, &s->nothers, &s->others_cap, &pi->m);
	struct stream *st;

	if (i < 0 || pi->size >= NSIZES)
		return;
	st = &s->others[i];
	if (!st->t && !(st->t = calloc(1, sizeof(*st->t)))) {
		s->fail = INSPECT_FAIL_NOMEM;
		return;
	}
	st->m.seq_size = st->t->seq_size;
	st->t->seq_size[pi->seq] = (uint16_t)pi->size;
}

/* After the first pass: mtuprobe's streams if there are any, else the
 * other tools'. */
static void
choose_streams(struct inspect *s)
{
	if (s->nstreams == 0 && s->nothers > 0) {
		free(s->streams);
		s->streams = s->others;
		s->nstreams = s->nothers;
		s->streams_cap = s->others_cap;
		s->foreign = 1;
	} else {
		for (int i = 0; i < s->nothers; i++)
			free(s->others[i].t);
		free(s->others);
	}
	s->others = NULL;
	s->nothers = s->others_cap = 0;
}

/* Each stream's target: the first of the same tool, source and destination
 * (ident, cookie and ports differ from run to run). */
static void
group_targets(struct inspect *s)
{
	for (int i = 0; i < s->nstreams; i++) {
		const struct wire_match *m = &s->streams[i].m;
		int j = 0;

		while (j < s->ntargets && !(s->targets[j].m.tool == m->tool &&
					    addr_eq(&s->targets[j].m.src, &m->src) &&
					    addr_eq(&s->targets[j].m.dst, &m->dst)))
			j++;
		if (j == s->ntargets) {
			if (grow(s, &s->targets, s->ntargets, &s->targets_cap) < 0)
				return;
			memset(&s->targets[j], 0, sizeof(s->targets[j]));
			s->targets[j].m = *m;
			s->targets[j].m.seq_size = NULL; /* a target matches nothing */
			s->targets[j].target = -1;
			s->ntargets++;
		}
		s->targets[j].runs++;
		s->streams[i].target = j;
	}
}

/* First pass: learn the streams (inspect_scan.h). */
enum inspect_next
inspect_learn(struct inspect *s)
{
	struct inspect_rec p;
	struct wire_probe pi;
	const char *why;
	enum inspect_next rc;

	while ((rc = s->in.next(s->in.ctx, &p, s->err, sizeof(s->err))) == INSPECT_REC &&
	       !s->fail) {
		s->records++;
		if (!p.ip)
			continue;
		if (wire_parse_probe(p.ip, p.ip_len, p.ip_wire_len, &pi, &why) == WIRE_PROBE)
			add_stream(s, &pi.m);
		else if (!s->nstreams &&
			 wire_parse_foreign(p.ip, p.ip_len, p.ip_wire_len, &pi, &why) == WIRE_PROBE)
			learn_other(s, &pi);
	}
	choose_streams(s);
	group_targets(s);
	if (s->fail)
		return INSPECT_REC_ERROR;
	return rc;
}

/* The size slot of a stream, created on first use; NULL when out of memory. */
static struct size_stat *
size_slot(struct inspect *s, struct stream *st, uint32_t size)
{
	struct size_stat *n;

	if (!st->t && !(st->t = calloc(1, sizeof(*st->t))))
		goto oom;
	if (st->t->slot[size])
		return &st->sizes[st->t->slot[size] - 1];
	if (st->nsizes == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 32;
		if (!(n = realloc(st->sizes, cap * sizeof(*n))))
			goto oom;
		st->sizes = n;
		st->cap = cap;
	}
	n = &st->sizes[st->nsizes];
	memset(n, 0, sizeof(*n));
	n->size = size;
	st->t->slot[size] = (uint32_t)++st->nsizes;
	return n;
oom:
	s->fail = INSPECT_FAIL_NOMEM;
	return NULL;
}

static void
take_probe(struct inspect *s, const struct wire_probe *pi, struct inspect_row *w)
{
	int i = add_stream(s, &pi->m);
	struct size_stat *z;

	w->size = pi->size;
	w->dir = INSPECT_DIR_OUT;
	if (i < 0) { /* out of memory: s->fail ends the pass, said by the command */
		w->why = INSPECT_WHY_NOMEM;
		w->why_stream = s->nstreams + 1;
		return;
	}
	w->what = W_PROBE;
	w->seq = pi->seq;
	w->stream = i + 1;
	w->snapped = pi->snapped;
	if (!s->counting)
		return;
	s->streams[i].count[W_PROBE]++;
	if (pi->size >= NSIZES || !(z = size_slot(s, &s->streams[i], pi->size)))
		return;
	z->probes++;
	s->streams[i].t->seq_size[pi->seq] = (uint16_t)pi->size;
}

/* Which probe size an answer is about: the probe that carried its seq, else
 * what the answer itself says (an echo reply is as big as its probe; an
 * error quotes the probe's header). 0: unknown. */
static uint32_t
answered_size(const struct stream *st, const struct wire_reply *rep, uint32_t own_size)
{
	if (st->t && st->t->seq_size[rep->seq])
		return st->t->seq_size[rep->seq];
	return rep->kind == WIRE_ECHO_REPLY ? own_size : rep->quoted_size;
}

static void
take_answer(struct inspect *s, int i, const struct wire_reply *rep, struct inspect_row *w)
{
	struct stream *st = &s->streams[i];
	uint32_t size = answered_size(st, rep, w->size);
	struct size_stat *z;

	w->what = what_of[rep->kind];
	w->dir = INSPECT_DIR_IN;
	w->seq = rep->seq;
	w->stream = i + 1;
	w->mtu = rep->mtu;
	w->icmp_type = rep->icmp_type;
	w->icmp_code = rep->icmp_code;
	w->from = rep->responder;
	if (!s->counting)
		return;
	st->count[w->what]++;
	if (!size || size >= NSIZES || !(z = size_slot(s, st, size)))
		return;
	if (w->what == W_REPLY) {
		z->replies++;
	} else if (rep->kind == WIRE_TOO_BIG) {
		if (!z->too_big++) {
			z->mtu = rep->mtu;
			z->from = rep->responder;
		}
	} else {
		z->errors++;
	}
}

/* Size per the IP header where there is one, else (or if the header claims
 * more than was on the wire) what was on the wire. */
static uint32_t
ip_size(const uint8_t *ip, size_t len, uint32_t wire)
{
	struct wire_ip h;

	wire_ip_header(ip, len, &h);
	return h.sized && h.size <= wire ? h.size : wire;
}

/* For a packet that is not ours: is it from or to one of our sources? */
static enum inspect_dir
guess_dir(const struct inspect *s, const uint8_t *ip, size_t len)
{
	struct wire_ip h;

	wire_ip_header(ip, len, &h);
	if (!h.src.family)
		return INSPECT_DIR_NONE;
	for (int i = 0; i < s->nstreams; i++) {
		if (addr_eq(&s->streams[i].m.src, &h.src))
			return INSPECT_DIR_OUT;
		if (addr_eq(&s->streams[i].m.src, &h.dst))
			return INSPECT_DIR_IN;
	}
	return INSPECT_DIR_NONE;
}

/* Not a probe: an answer to one of our streams, or ignored with a reason. */
/* A reason that only says the packet is of another stream's protocol (a
 * tracepath stream's answer, seen by a ping stream): any other stream's
 * reason says more. Streams of one protocol all give the same one. */
static int
of_another_protocol(const char *why)
{
	return why && (why == wire_why_quoted_protocol || why == wire_why_quoted_next_header ||
		       why == wire_why_other_method);
}

static void
classify_other(struct inspect *s, const struct inspect_rec *p, const char *probe_why,
	       struct inspect_row *w)
{
	struct wire_reply rep;
	const char *why = NULL;

	if (w->size > p->ip_len && w->size <= p->ip_wire_len) {
		w->snapped = 1;
		w->why = INSPECT_WHY_SNAPPED;
		w->captured = p->ip_len;
		w->dir = guess_dir(s, p->ip, p->ip_len);
		return;
	}
	for (int i = 0; i < s->nstreams; i++) {
		if (wire_parse_ip(p->ip, p->ip_len, &s->streams[i].m, &rep) != WIRE_IGNORED) {
			take_answer(s, i, &rep, w);
			return;
		}
		if (!why || (of_another_protocol(why) && rep.why && !of_another_protocol(rep.why)))
			why = rep.why;
	}
	w->why_text = probe_why ? probe_why : why;
	w->why = w->why_text ? INSPECT_WHY_PARSER : INSPECT_WHY_NO_PROBE;
	w->dir = guess_dir(s, p->ip, p->ip_len);
}

static void
classify(struct inspect *s, const struct inspect_rec *p, struct inspect_row *w)
{
	struct wire_probe pi;
	const char *why = NULL;
	int rc;

	memset(w, 0, sizeof(*w));
	w->n = p->n;
	if (!s->have_t0) {
		s->have_t0 = 1;
		s->sec0 = p->sec;
		s->usec0 = p->usec;
	}
	/* In doubles: a forged time stamp must not overflow an integer. */
	w->t = ((double)p->sec - (double)s->sec0) + ((double)p->usec - (double)s->usec0) / 1e6;
	w->seq = -1;
	w->what = W_IGNORED;
	w->icmp_type = w->icmp_code = -1;
	if (!p->ip) {
		w->size = p->wire_len;
		w->why = INSPECT_WHY_PARSER;
		w->why_text = p->why ? p->why : "";
		return;
	}
	w->size = ip_size(p->ip, p->ip_len, p->ip_wire_len);
	rc = s->foreign ? wire_parse_foreign(p->ip, p->ip_len, p->ip_wire_len, &pi, &why)
			: wire_parse_probe(p->ip, p->ip_len, p->ip_wire_len, &pi, &why);
	if (rc == WIRE_PROBE)
		take_probe(s, &pi, w);
	else
		classify_other(s, p, rc < 0 ? why : NULL, w);
}

static void finish(struct inspect *s);

/* Classify every record, rendering each row if render; at most limit. */
static void
scan(struct inspect *s, int render, uint64_t limit)
{
	struct inspect_rec p;
	struct inspect_row w;
	enum inspect_next rc = INSPECT_REC_END;

	s->records = 0;
	while (!s->fail && s->records < limit &&
	       (rc = s->in.next(s->in.ctx, &p, s->err, sizeof(s->err))) == INSPECT_REC) {
		s->records++;
		classify(s, &p, &w);
		if (s->counting) {
			s->ignored += w.what == W_IGNORED;
			s->snapped += (uint64_t)w.snapped;
		}
		if (render) {
			s->out.row(s->out.ctx, s, &w);
			s->rows++;
		}
	}
	if (!s->fail && rc == INSPECT_REC_ERROR)
		s->fail = INSPECT_FAIL_SOURCE;
}

/* The rows again, after the answers: as many records as the counting pass
 * read, and its error (if any) stands, whatever this pass meets. */
static void
rows_again(struct inspect *s)
{
	uint64_t n = s->records;
	enum inspect_fail fail = s->fail;
	int fail_n = s->fail_n;
	char err[sizeof(s->err)];

	memcpy(err, s->err, sizeof(err));
	s->counting = 0;
	s->fail = INSPECT_OK;
	if (s->in.rewind(s->in.ctx, s->err, sizeof(s->err)) < 0) {
		s->fail = INSPECT_FAIL_SOURCE;
		return;
	}
	scan(s, 1, n);
	if (fail || !s->fail) {
		s->fail = fail;
		s->fail_n = fail_n;
		memcpy(s->err, err, sizeof(err));
	}
}

/* Second pass: classify and render every record, then the summary. With
 * answers first (text), the records are counted first and rendered after. */
void
inspect_replay(struct inspect *s)
{
	int first = s->out.answers_first;

	s->counting = 1;
	if (!first)
		s->out.begin(s->out.ctx, s);
	scan(s, !first, UINT64_MAX);
	finish(s);
	if (first) {
		s->out.begin(s->out.ctx, s);
		rows_again(s);
	}
	s->out.end(s->out.ctx, s);
}

static int
by_size(const void *a, const void *b)
{
	const struct size_stat *x = a, *y = b;

	return (x->size > y->size) - (x->size < y->size);
}

int
inspect_never_answered(const struct size_stat *z)
{
	return z->probes && !z->replies && !z->too_big && !z->errors;
}

/* Sorts st->sizes by size (the slot table is stale from here on: nothing
 * looks a size up after the second pass) and sums them up. complete: the
 * file was read to its end (else silence may be a record we never read). */
static void
summarize(struct stream *st, int complete)
{
	struct summary *u = &st->sum;

	memset(u, 0, sizeof(*u));
	if (st->nsizes)
		qsort(st->sizes, st->nsizes, sizeof(st->sizes[0]), by_size);
	for (size_t k = 0; k < st->nsizes; k++) {
		const struct size_stat *z = &st->sizes[k];
		if (z->replies)
			u->largest_reply = z;
		if (z->too_big && !u->smallest_big)
			u->smallest_big = z;
		u->probed += z->probes != 0;
		u->never += (unsigned)inspect_never_answered(z);
	}
	for (size_t k = 0; k < st->nsizes && complete && !u->smallest_big; k++)
		if (inspect_never_answered(&st->sizes[k]) &&
		    (!u->largest_reply || st->sizes[k].size > u->largest_reply->size))
			u->blackhole_hint = 1;
}

/* A target's sizes: its streams' summed, size by size. The first too big
 * at a size is the first run's that had one. */
static void
fold(struct inspect *s, int j)
{
	struct stream *tg = &s->targets[j];

	for (int i = 0; i < s->nstreams; i++) {
		const struct stream *st = &s->streams[i];

		if (st->target != j)
			continue;
		for (int w = 0; w <= W_IGNORED; w++)
			tg->count[w] += st->count[w];
		for (size_t k = 0; k < st->nsizes; k++) {
			const struct size_stat *z = &st->sizes[k];
			struct size_stat *d = size_slot(s, tg, z->size);

			if (!d)
				return;
			if (!d->too_big && z->too_big) {
				d->mtu = z->mtu;
				d->from = z->from;
			}
			d->probes += z->probes;
			d->replies += z->replies;
			d->too_big += z->too_big;
			d->errors += z->errors;
		}
	}
}

/* What a size's counts are, as the answer sees them: one observation per
 * kind of outcome seen there (index k of obs[] is size at[k]). */
static size_t
observe(const struct size_stat *z, struct inspect_obs *obs)
{
	size_t n = 0;

	if (z->replies)
		obs[n++] = (struct inspect_obs){ z->size, INSPECT_ANSWERED, 0 };
	if (z->too_big)
		obs[n++] = (struct inspect_obs){ z->size, INSPECT_TOO_BIG, z->mtu };
	if (z->errors)
		obs[n++] = (struct inspect_obs){ z->size, INSPECT_OTHER_ERROR, 0 };
	if (inspect_never_answered(z))
		obs[n++] = (struct inspect_obs){ z->size, INSPECT_SILENT, 0 };
	return n;
}

static void
answer(struct inspect *s, struct stream *tg, int complete)
{
	struct inspect_obs *obs = calloc(tg->nsizes * 3 + 1, sizeof(*obs));
	size_t *at = calloc(tg->nsizes * 3 + 1, sizeof(*at));
	size_t n = 0;

	if (!obs || !at) {
		s->fail = INSPECT_FAIL_NOMEM;
		complete = 0;
	}
	for (size_t k = 0; obs && at && k < tg->nsizes; k++) {
		size_t m = observe(&tg->sizes[k], obs + n);

		while (m--)
			at[n++] = k;
	}
	inspect_answer(obs, obs && at ? n : 0, tg->m.dst.family, complete, &tg->ans);
	tg->ans_big = tg->ans.too_big >= 0 ? &tg->sizes[at[tg->ans.too_big]] : NULL;
	free(obs);
	free(at);
}

/* After the counting pass: each stream summed up, then each target, and
 * its answer. */
static void
finish(struct inspect *s)
{
	for (int i = 0; i < s->nstreams; i++)
		summarize(&s->streams[i], !s->fail);
	for (int j = 0; j < s->ntargets; j++) {
		struct stream *tg = &s->targets[j];

		fold(s, j);
		summarize(tg, !s->fail);
		/* Silence is no evidence where answers may be unread or unmatchable. */
		answer(s, tg, !s->fail && !s->snapped);
	}
}

void
inspect_free(struct inspect *s)
{
	for (int i = 0; i < s->nstreams; i++) {
		free(s->streams[i].t);
		free(s->streams[i].sizes);
		s->streams[i].t = NULL;
		s->streams[i].sizes = NULL;
	}
	for (int j = 0; j < s->ntargets; j++) {
		free(s->targets[j].t);
		free(s->targets[j].sizes);
		s->targets[j].t = NULL;
		s->targets[j].sizes = NULL;
	}
	for (int i = 0; i < s->nothers; i++)
		free(s->others[i].t);
	free(s->streams);
	free(s->targets);
	free(s->others);
	s->streams = s->targets = s->others = NULL;
	s->nstreams = s->ntargets = s->nothers = 0;
	s->streams_cap = s->targets_cap = s->others_cap = 0;
}
