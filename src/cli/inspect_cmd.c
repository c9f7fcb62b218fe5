/* mtuprobe inspect FILE: read a capture (one that probe --pcap wrote, or a
 * field capture from tcpdump), find mtuprobe's probes in it, and say what
 * became of each: answered, refused with a Packet Too Big, or never answered.
 *
 * Two passes over the file: the first learns the probe streams (source,
 * target, ident, cookie) from the probes themselves; the second classifies
 * every record with the parser probe uses (wire_parse_ip). So an answer
 * recorded before its probe (a capture merged from two taps whose clocks
 * disagree) is still matched, and a file without probes is reported as such
 * before anything is printed.
 *
 * Output is streamed, one row per record, through one of two renderers chosen
 * once (text or JSON): a field capture can hold millions of records. They
 * live here, not in src/render, because they show nothing but inspect's own
 * rows and summary. */
#include "cli/cmds.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "io/pcapread.h"
#include "wire/wire.h"

#define MAX_STREAMS 16     /* one per path per run: 16 is many runs in one capture */
/* Data bytes after the cookie needed to call an echo request a probe: ping's
 * own data also counts up (iputils and BSD ping: byte k = k after the time
 * stamp), but its 16-byte time stamp breaks the count by byte 11. */
#define MIN_PATTERN 4
#define NSIZES 65536u      /* IP packet sizes and ICMP sequence numbers are 16 bits */

enum what { W_PROBE, W_REPLY, W_TOO_BIG, W_UNREACH, W_TIME_EXCEEDED, W_OTHER, W_IGNORED };

/* The JSON names are probe's "outcome" values (render/probe_out.c). */
static const char *const what_json[] = {
	[W_PROBE] = "probe", [W_REPLY] = "reply", [W_TOO_BIG] = "too-big",
	[W_UNREACH] = "unreach", [W_TIME_EXCEEDED] = "time-exceeded", [W_OTHER] = "other",
	[W_IGNORED] = "ignored",
};

static const enum what what_of[] = {
	[WIRE_IGNORED] = W_IGNORED, [WIRE_ECHO_REPLY] = W_REPLY, [WIRE_TOO_BIG] = W_TOO_BIG,
	[WIRE_UNREACH] = W_UNREACH, [WIRE_TIME_EXCEEDED] = W_TIME_EXCEEDED,
	[WIRE_OTHER_ERROR] = W_OTHER,
};

/* What one stream saw at one probe size. */
struct size_stat {
	uint32_t size;
	unsigned probes, replies, too_big, errors;   /* errors: unreach, time exceeded, other */
	uint32_t mtu;                                /* from the first too big at this size */
	struct wire_addr from;                       /* who sent that too big */
};

/* Direct-indexed, so a hostile file with every size and seq costs no search. */
struct tables {
	uint16_t seq_size[NSIZES];   /* size of the probe that carried each seq; 0: none seen */
	uint32_t slot[NSIZES];       /* 1 + index into sizes[] for each size; 0: none */
};

/* A stream's sizes summed up, once the second pass is over. */
struct summary {
	const struct size_stat *largest_reply;   /* NULL: no echo reply */
	const struct size_stat *smallest_big;    /* NULL: no too big */
	unsigned probed;                         /* sizes probed */
	unsigned never;                          /* sizes never answered */
	int blackhole_hint;                      /* no too big, silence above the largest reply */
};

struct stream {
	struct wire_match m;
	struct tables *t;            /* allocated in the second pass */
	struct size_stat *sizes;     /* in order of first sight; by size once summed up */
	size_t nsizes, cap;
	unsigned count[W_IGNORED + 1];
	struct summary sum;
};

/* A probe as read from the file. */
struct probe_info {
	struct wire_match m;
	uint16_t seq;
	uint32_t size;               /* per its IP header */
	int snapped;                 /* the capture holds less than size bytes of it */
};

/* One record, as the renderers show it. */
struct row {
	uint64_t n;
	double t;                    /* seconds since the first record */
	const char *dir;             /* "out", "in", or NULL: neither from nor to us */
	uint32_t size;               /* the IP packet's size (the frame's if not IP) */
	long seq;                    /* -1: none */
	int stream;                  /* 1-based; 0: none */
	enum what what;
	int snapped;
	uint32_t mtu;
	int icmp_type, icmp_code;    /* -1: not an ICMP answer */
	char from[INET6_ADDRSTRLEN];
	char why[96];
};

struct inspect;

/* A renderer: chosen once, fed finished rows and then the finished streams. */
struct out {
	void (*begin)(FILE *f, const struct inspect *s);
	void (*row)(FILE *f, const struct inspect *s, const struct row *w);
	void (*end)(FILE *f, const struct inspect *s);
};

struct inspect {
	const char *path;
	struct pcapread *r;
	const struct out *out;
	int quiet;
	struct stream streams[MAX_STREAMS];
	int nstreams;
	uint64_t records, ignored, snapped, rows;
	int have_t0;
	int64_t sec0;
	long usec0;
	int failed;                  /* the second pass stopped on an error in err */
	char err[512];
};

static unsigned rd16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static void set_addr(struct wire_addr *a, int family, const uint8_t *p)
{
	memset(a, 0, sizeof *a);
	a->family = family;
	memcpy(a->a, p, family == 4 ? 4 : 16);
}

static void addr_text(const struct wire_addr *a, char *buf, size_t len)
{
	if (!inet_ntop(a->family == 4 ? AF_INET : AF_INET6, a->a, buf, (socklen_t)len))
		snprintf(buf, len, "?");
}

static int addr_eq(const struct wire_addr *a, const struct wire_addr *b)
{
	return a->family == b->family && memcmp(a->a, b->a, sizeof a->a) == 0;
}

/* After the IP header, the same for both families: our echo request layout
 * (wire_build.c: cookie, then data byte k = k). have: ICMP bytes captured. */
static int probe_icmp(const uint8_t *icmp, size_t have, size_t full,
		      struct probe_info *pi, const char **why)
{
	size_t k;

	if (have < 8 + WIRE_COOKIE_LEN + MIN_PATTERN) {
		*why = full >= 8 + WIRE_COOKIE_LEN + MIN_PATTERN
		       ? "echo request cut short by the snap length: cannot tell if it is a probe"
		       : "echo request too short to be a probe";
		return -1;
	}
	for (k = WIRE_COOKIE_LEN; k < have - 8; k++)
		if (icmp[8 + k] != (uint8_t)k) {
			*why = "echo request, not a probe (its data is not the probe pattern)";
			return -1;
		}
	pi->m.ident = (uint16_t)rd16(icmp + 4);
	pi->seq = (uint16_t)rd16(icmp + 6);
	memcpy(pi->m.cookie, icmp + 8, WIRE_COOKIE_LEN);
	return 1;
}

/* IPv4 (RFC 791): our probes set DF, so they are never fragments. */
static int probe4(const uint8_t *ip, size_t len, uint32_t wire,
		  struct probe_info *pi, const char **why)
{
	size_t ihl, tot, have;

	if (len < 20 || ip[9] != 1 || (rd16(ip + 6) & 0x1fff))
		return 0;
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	if (ihl < 20 || len < ihl + 8 || ip[ihl] != 8)
		return 0;
	tot = rd16(ip + 2);
	if (tot < ihl + 8 || tot > wire) {
		*why = "echo request with an impossible ip total length";
		return -1;
	}
	if (rd16(ip + 6) & 0x2000) {
		*why = "echo request fragment, not a probe (probes set DF)";
		return -1;
	}
	/* Also keeps out BSD and macOS ping, whose data (an 8-byte time
	 * stamp, then the same count) is our layout, unless run with -D. */
	if (!(rd16(ip + 6) & 0x4000)) {
		*why = "echo request without DF, not a probe";
		return -1;
	}
	set_addr(&pi->m.src, 4, ip + 12);
	set_addr(&pi->m.dst, 4, ip + 16);
	pi->size = (uint32_t)tot;
	pi->snapped = len < tot;
	have = (len < tot ? len : tot) - ihl;
	return probe_icmp(ip + ihl, have, tot - ihl, pi, why);
}

/* IPv6 (RFC 8200): our probes carry no extension headers. */
static int probe6(const uint8_t *ip, size_t len, uint32_t wire,
		  struct probe_info *pi, const char **why)
{
	size_t tot, have;

	if (len < 48 || ip[6] != 58 || ip[40] != 128)
		return 0;
	tot = 40 + (size_t)rd16(ip + 4);
	if (tot < 48 || tot > wire) {
		*why = "echo request with an impossible ipv6 payload length";
		return -1;
	}
	set_addr(&pi->m.src, 6, ip + 8);
	set_addr(&pi->m.dst, 6, ip + 24);
	pi->size = (uint32_t)tot;
	pi->snapped = len < tot;
	have = (len < tot ? len : tot) - 40;
	return probe_icmp(ip + 40, have, tot - 40, pi, why);
}

/* 1: one of our probes; 0: not an echo request; -1: an echo request that is
 * not a probe (why says so). */
static int probe_of(const uint8_t *ip, size_t len, uint32_t wire,
		    struct probe_info *pi, const char **why)
{
	memset(pi, 0, sizeof *pi);
	if (len < 1)
		return 0;
	if (ip[0] >> 4 == 4)
		return probe4(ip, len, wire, pi, why);
	if (ip[0] >> 4 == 6)
		return probe6(ip, len, wire, pi, why);
	return 0;
}

static int find_stream(const struct inspect *s, const struct wire_match *m)
{
	for (int i = 0; i < s->nstreams; i++) {
		const struct wire_match *o = &s->streams[i].m;
		if (o->ident == m->ident && addr_eq(&o->src, &m->src) && addr_eq(&o->dst, &m->dst) &&
		    memcmp(o->cookie, m->cookie, WIRE_COOKIE_LEN) == 0)
			return i;
	}
	return -1;
}

/* Index of the stream, added if new; -1 when MAX_STREAMS are taken. */
static int add_stream(struct inspect *s, const struct wire_match *m)
{
	int i = find_stream(s, m);

	if (i >= 0 || s->nstreams == MAX_STREAMS)
		return i;
	memset(&s->streams[s->nstreams], 0, sizeof s->streams[0]);
	s->streams[s->nstreams].m = *m;
	return s->nstreams++;
}

/* First pass: learn the streams. Returns END, or ERROR with s->err set. */
static enum pcapread_rc learn(struct inspect *s)
{
	struct pcapread_pkt p;
	struct probe_info pi;
	const char *why;
	enum pcapread_rc rc;

	while ((rc = pcapread_next(s->r, &p, s->err, sizeof s->err)) == PCAPREAD_RECORD) {
		s->records++;
		if (p.ip && probe_of(p.ip, p.ip_len, p.ip_wire_len, &pi, &why) > 0)
			add_stream(s, &pi.m);
	}
	return rc;
}

/* The size slot of a stream, created on first use; NULL when out of memory. */
static struct size_stat *size_slot(struct inspect *s, struct stream *st, uint32_t size)
{
	struct size_stat *n;

	if (!st->t && !(st->t = calloc(1, sizeof *st->t)))
		goto oom;
	if (st->t->slot[size])
		return &st->sizes[st->t->slot[size] - 1];
	if (st->nsizes == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 32;
		if (!(n = realloc(st->sizes, cap * sizeof *n)))
			goto oom;
		st->sizes = n;
		st->cap = cap;
	}
	n = &st->sizes[st->nsizes];
	memset(n, 0, sizeof *n);
	n->size = size;
	st->t->slot[size] = (uint32_t)++st->nsizes;
	return n;
oom:
	snprintf(s->err, sizeof s->err, "out of memory");
	s->failed = 1;
	return NULL;
}

static void take_probe(struct inspect *s, const struct probe_info *pi, struct row *w)
{
	int i = add_stream(s, &pi->m);
	struct size_stat *z;

	w->size = pi->size;
	w->dir = "out";
	if (i < 0) {
		snprintf(w->why, sizeof w->why, "a probe of stream %d: inspect follows %d",
			 MAX_STREAMS + 1, MAX_STREAMS);
		return;
	}
	w->what = W_PROBE;
	w->seq = pi->seq;
	w->stream = i + 1;
	w->snapped = pi->snapped;
	s->streams[i].count[W_PROBE]++;
	if (pi->size >= NSIZES || !(z = size_slot(s, &s->streams[i], pi->size)))
		return;
	z->probes++;
	s->streams[i].t->seq_size[pi->seq] = (uint16_t)pi->size;
}

/* Which probe size an answer is about: the probe that carried its seq, else
 * what the answer itself says (an echo reply is as big as its probe; an
 * error quotes the probe's header). 0: unknown. */
static uint32_t answered_size(const struct stream *st, const struct wire_reply *rep,
			      uint32_t own_size)
{
	if (st->t && st->t->seq_size[rep->seq])
		return st->t->seq_size[rep->seq];
	return rep->kind == WIRE_ECHO_REPLY ? own_size : rep->quoted_size;
}

static void take_answer(struct inspect *s, int i, const struct wire_reply *rep, struct row *w)
{
	struct stream *st = &s->streams[i];
	uint32_t size = answered_size(st, rep, w->size);
	struct size_stat *z;

	w->what = what_of[rep->kind];
	w->dir = "in";
	w->seq = rep->seq;
	w->stream = i + 1;
	w->mtu = rep->mtu;
	w->icmp_type = rep->icmp_type;
	w->icmp_code = rep->icmp_code;
	addr_text(&rep->responder, w->from, sizeof w->from);
	st->count[w->what]++;
	if (!size || size >= NSIZES || !(z = size_slot(s, st, size)))
		return;
	if (rep->kind == WIRE_ECHO_REPLY) {
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
static uint32_t ip_size(const uint8_t *ip, size_t len, uint32_t wire)
{
	uint32_t claim = wire;

	if (len >= 4 && ip[0] >> 4 == 4)
		claim = rd16(ip + 2);
	else if (len >= 6 && ip[0] >> 4 == 6)
		claim = 40 + rd16(ip + 4);
	return claim <= wire ? claim : wire;
}

/* For a packet that is not ours: is it from or to one of our sources? */
static const char *guess_dir(const struct inspect *s, const uint8_t *ip, size_t len)
{
	struct wire_addr src, dst;

	if (len >= 20 && ip[0] >> 4 == 4) {
		set_addr(&src, 4, ip + 12);
		set_addr(&dst, 4, ip + 16);
	} else if (len >= 40 && ip[0] >> 4 == 6) {
		set_addr(&src, 6, ip + 8);
		set_addr(&dst, 6, ip + 24);
	} else {
		return NULL;
	}
	for (int i = 0; i < s->nstreams; i++) {
		if (addr_eq(&s->streams[i].m.src, &src))
			return "out";
		if (addr_eq(&s->streams[i].m.src, &dst))
			return "in";
	}
	return NULL;
}

/* Not a probe: an answer to one of our streams, or ignored with a reason. */
static void classify_other(struct inspect *s, const struct pcapread_pkt *p, const char *probe_why,
			   struct row *w)
{
	struct wire_reply rep;
	const char *why = NULL;

	if (w->size > p->ip_len && w->size <= p->ip_wire_len) {
		w->snapped = 1;
		snprintf(w->why, sizeof w->why, "cut short by the snap length (%zu of %" PRIu32 " bytes captured)",
			 p->ip_len, w->size);
		w->dir = guess_dir(s, p->ip, p->ip_len);
		return;
	}
	for (int i = 0; i < s->nstreams; i++) {
		if (wire_parse_ip(p->ip, p->ip_len, &s->streams[i].m, &rep) != WIRE_IGNORED) {
			take_answer(s, i, &rep, w);
			return;
		}
		if (!why)
			why = rep.why;
	}
	snprintf(w->why, sizeof w->why, "%s", probe_why ? probe_why : why ? why : "no probe to match");
	w->dir = guess_dir(s, p->ip, p->ip_len);
}

static void classify(struct inspect *s, const struct pcapread_pkt *p, struct row *w)
{
	struct probe_info pi;
	const char *why = NULL;
	int rc;

	memset(w, 0, sizeof *w);
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
		snprintf(w->why, sizeof w->why, "%s", p->why);
		return;
	}
	w->size = ip_size(p->ip, p->ip_len, p->ip_wire_len);
	rc = probe_of(p->ip, p->ip_len, p->ip_wire_len, &pi, &why);
	if (rc > 0)
		take_probe(s, &pi, w);
	else
		classify_other(s, p, rc < 0 ? why : NULL, w);
}

static void summarize(struct stream *st, int complete);

/* Second pass: classify and render every record, then the summary. */
static void replay(struct inspect *s)
{
	struct pcapread_pkt p;
	struct row w;
	enum pcapread_rc rc;

	s->records = 0;
	s->out->begin(stdout, s);
	while (!s->failed &&
	       (rc = pcapread_next(s->r, &p, s->err, sizeof s->err)) == PCAPREAD_RECORD) {
		s->records++;
		classify(s, &p, &w);
		if (w.what == W_IGNORED)
			s->ignored++;
		s->snapped += (uint64_t)w.snapped;
		s->out->row(stdout, s, &w);
		s->rows++;
	}
	if (!s->failed && rc == PCAPREAD_ERROR)
		s->failed = 1;
	for (int i = 0; i < s->nstreams; i++)
		summarize(&s->streams[i], !s->failed);
	s->out->end(stdout, s);
}

/* ---- summary, shared by both renderers ---- */

static int by_size(const void *a, const void *b)
{
	const struct size_stat *x = a, *y = b;

	return (x->size > y->size) - (x->size < y->size);
}

static int never_answered(const struct size_stat *z)
{
	return z->probes && !z->replies && !z->too_big && !z->errors;
}

/* Sorts st->sizes by size (the slot table is stale from here on: nothing
 * looks a size up after the second pass) and sums them up. complete: the
 * file was read to its end (else silence may be a record we never read). */
static void summarize(struct stream *st, int complete)
{
	struct summary *u = &st->sum;

	memset(u, 0, sizeof *u);
	if (st->nsizes)
		qsort(st->sizes, st->nsizes, sizeof st->sizes[0], by_size);
	for (size_t k = 0; k < st->nsizes; k++) {
		const struct size_stat *z = &st->sizes[k];
		if (z->replies)
			u->largest_reply = z;
		if (z->too_big && !u->smallest_big)
			u->smallest_big = z;
		u->probed += z->probes != 0;
		u->never += (unsigned)never_answered(z);
	}
	for (size_t k = 0; k < st->nsizes && complete && !u->smallest_big; k++)
		if (never_answered(&st->sizes[k]) &&
		    (!u->largest_reply || st->sizes[k].size > u->largest_reply->size))
			u->blackhole_hint = 1;
}

/* ---- text ---- */

static void text_begin(FILE *f, const struct inspect *s)
{
	fprintf(f, "%s: link type %s, %d probe stream%s\n", s->path, pcapread_linktype(s->r),
		s->nstreams, s->nstreams == 1 ? "" : "s");
	if (!s->quiet)
		fprintf(f, "\n%7s %10s %-3s %6s %6s %6s  %s\n", "#", "time", "dir", "size", "seq",
			"stream", "what");
}

static void text_what(FILE *f, const struct row *w)
{
	switch (w->what) {
	case W_PROBE:
		fputs(w->snapped ? "probe (cut short by the snap length)" : "probe", f);
		break;
	case W_REPLY:
		fputs("echo reply", f);
		break;
	case W_TOO_BIG:
		fprintf(f, "too big mtu=%" PRIu32 " from %s", w->mtu, w->from);
		break;
	case W_UNREACH:
		fprintf(f, "unreachable code=%d from %s", w->icmp_code, w->from);
		break;
	case W_TIME_EXCEEDED:
		fprintf(f, "time exceeded from %s", w->from);
		break;
	case W_OTHER:
		fprintf(f, "icmp error type=%d code=%d from %s", w->icmp_type, w->icmp_code, w->from);
		break;
	case W_IGNORED:
		fprintf(f, "ignored: %s", w->why);
		break;
	}
}

static void text_row(FILE *f, const struct inspect *s, const struct row *w)
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
	text_what(f, w);
	fputc('\n', f);
}

static void text_stream(FILE *f, int i, const struct stream *st)
{
	const unsigned *c = st->count;
	const struct summary *u = &st->sum;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN], from[INET6_ADDRSTRLEN];

	addr_text(&st->m.src, src, sizeof src);
	addr_text(&st->m.dst, dst, sizeof dst);
	fprintf(f, "\nstream %d: %s -> %s, ident %u, cookie ", i + 1, src, dst, st->m.ident);
	for (int k = 0; k < WIRE_COOKIE_LEN; k++)
		fprintf(f, "%02x", st->m.cookie[k]);
	fprintf(f, "\n  probes %u (sizes %u), echo replies %u, too big %u, unreachable %u,"
		" time exceeded %u, other errors %u\n", c[W_PROBE], u->probed, c[W_REPLY],
		c[W_TOO_BIG], c[W_UNREACH], c[W_TIME_EXCEEDED], c[W_OTHER]);
	if (u->largest_reply)
		fprintf(f, "  largest size answered by an echo reply: %" PRIu32 "\n", u->largest_reply->size);
	else
		fputs("  largest size answered by an echo reply: none\n", f);
	if (u->smallest_big) {
		addr_text(&u->smallest_big->from, from, sizeof from);
		fprintf(f, "  smallest size refused by too big: %" PRIu32 " (mtu %" PRIu32 " from %s)\n",
			u->smallest_big->size, u->smallest_big->mtu, from);
	} else {
		fputs("  smallest size refused by too big: none\n", f);
	}
	fputs("  sizes never answered:", f);
	for (size_t k = 0; k < st->nsizes; k++)
		if (never_answered(&st->sizes[k]))
			fprintf(f, " %" PRIu32, st->sizes[k].size);
	fputs(u->never ? "\n" : " none\n", f);
	if (u->blackhole_hint)
		fputs("  no too big came back for the silent sizes: ICMP may be filtered on the"
		      " path (a PMTU black hole), or the probes were lost\n", f);
}

static void text_end(FILE *f, const struct inspect *s)
{
	for (int i = 0; i < s->nstreams; i++)
		text_stream(f, i, &s->streams[i]);
	fprintf(f, "\n%" PRIu64 " record%s, %" PRIu64 " ignored", s->records,
		s->records == 1 ? "" : "s", s->ignored);
	if (s->snapped)
		fprintf(f, "; %" PRIu64 " cut short by the snap length, so answers among them"
			" cannot be matched (capture with -s 0)", s->snapped);
	fputc('\n', f);
}

static const struct out text_out = { text_begin, text_row, text_end };

/* ---- JSON: documented in mtuprobe(1), INSPECT ---- */

static void json_uint_or_null(FILE *f, const char *key, int ok, uint32_t v)
{
	fprintf(f, ",\"%s\":", key);
	if (ok)
		fprintf(f, "%" PRIu32, v);
	else
		fputs("null", f);
}

static void json_str_or_null(FILE *f, const char *key, const char *v)
{
	fprintf(f, ",\"%s\":", key);
	if (v)
		json_string(f, v);
	else
		fputs("null", f);
}

static void json_begin(FILE *f, const struct inspect *s)
{
	fprintf(f, "{\"mtuprobe\":\"%s\",\"command\":\"inspect\",\"file\":", MTUPROBE_VERSION);
	json_string(f, s->path);
	fputs(",\"linktype\":", f);
	json_string(f, pcapread_linktype(s->r));
	fputs(",\"packets\":[", f);
}

static void json_row(FILE *f, const struct inspect *s, const struct row *w)
{
	int answer = w->what != W_PROBE && w->what != W_IGNORED;

	fprintf(f, "%s{\"n\":%" PRIu64 ",\"time\":%.6f", s->rows ? "," : "", w->n, w->t);
	json_str_or_null(f, "dir", w->dir);
	fprintf(f, ",\"size\":%" PRIu32, w->size);
	json_uint_or_null(f, "seq", w->seq >= 0, (uint32_t)w->seq);
	json_uint_or_null(f, "stream", w->stream != 0, (uint32_t)w->stream);
	fprintf(f, ",\"what\":\"%s\",\"snapped\":%s", what_json[w->what], w->snapped ? "true" : "false");
	json_uint_or_null(f, "mtu", w->what == W_TOO_BIG, w->mtu);
	json_str_or_null(f, "from", answer ? w->from : NULL);
	json_uint_or_null(f, "icmp_type", answer, (uint32_t)w->icmp_type);
	json_uint_or_null(f, "icmp_code", answer, (uint32_t)w->icmp_code);
	json_str_or_null(f, "why", w->what == W_IGNORED ? w->why : NULL);
	fputc('}', f);
}

static void json_stream(FILE *f, int i, const struct stream *st)
{
	const unsigned *c = st->count;
	const struct summary *u = &st->sum;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN], from[INET6_ADDRSTRLEN];
	int first = 1;

	addr_text(&st->m.src, src, sizeof src);
	addr_text(&st->m.dst, dst, sizeof dst);
	fprintf(f, "%s{\"stream\":%d,\"src\":\"%s\",\"dst\":\"%s\",\"ident\":%u,\"cookie\":\"",
		i ? "," : "", i + 1, src, dst, st->m.ident);
	for (int k = 0; k < WIRE_COOKIE_LEN; k++)
		fprintf(f, "%02x", st->m.cookie[k]);
	fprintf(f, "\",\"probes\":%u,\"sizes\":%u,\"replies\":%u,\"too_big\":%u,\"unreach\":%u,"
		"\"time_exceeded\":%u,\"other\":%u", c[W_PROBE], u->probed, c[W_REPLY], c[W_TOO_BIG],
		c[W_UNREACH], c[W_TIME_EXCEEDED], c[W_OTHER]);
	json_uint_or_null(f, "largest_replied", !!u->largest_reply,
			  u->largest_reply ? u->largest_reply->size : 0);
	json_uint_or_null(f, "smallest_too_big", !!u->smallest_big,
			  u->smallest_big ? u->smallest_big->size : 0);
	json_uint_or_null(f, "too_big_mtu", !!u->smallest_big, u->smallest_big ? u->smallest_big->mtu : 0);
	if (u->smallest_big)
		addr_text(&u->smallest_big->from, from, sizeof from);
	json_str_or_null(f, "too_big_from", u->smallest_big ? from : NULL);
	fputs(",\"never_answered\":[", f);
	for (size_t k = 0; k < st->nsizes; k++)
		if (never_answered(&st->sizes[k])) {
			fprintf(f, "%s%" PRIu32, first ? "" : ",", st->sizes[k].size);
			first = 0;
		}
	fputs("]}", f);
}

static void json_end(FILE *f, const struct inspect *s)
{
	fprintf(f, "],\"records\":%" PRIu64 ",\"ignored\":%" PRIu64 ",\"snapped\":%" PRIu64
		",\"streams\":[", s->records, s->ignored, s->snapped);
	for (int i = 0; i < s->nstreams; i++)
		json_stream(f, i, &s->streams[i]);
	fputc(']', f);
	fputs(",\"error\":", f);
	if (s->failed)
		json_string(f, s->err);
	else
		fputs("null", f);
	fputs("}\n", f);
}

static const struct out json_out = { json_begin, json_row, json_end };

/* ---- the command ---- */

static void free_streams(struct inspect *s)
{
	for (int i = 0; i < s->nstreams; i++) {
		free(s->streams[i].t);
		free(s->streams[i].sizes);
	}
}

static int fail(const char *msg, int code)
{
	fprintf(stderr, "mtuprobe inspect: %s\n", msg);
	return code;
}

static int run(struct inspect *s)
{
	enum pcapread_rc rc = learn(s);

	if (s->nstreams == 0) {
		if (rc == PCAPREAD_ERROR)
			return fail(s->err, EXIT_USAGE);
		snprintf(s->err, sizeof s->err, "no mtuprobe probes among %" PRIu64 " records"
			 " (ICMP echo requests whose data after an 8-byte cookie counts 8, 9, 10, ...)",
			 s->records);
		return fail(s->err, EXIT_NOT_MEASURED);
	}
	if (pcapread_rewind(s->r, s->err, sizeof s->err) < 0)
		return fail(s->err, EXIT_USAGE);
	replay(s);
	if (fflush(stdout) != 0)
		return fail("cannot write the output", EXIT_USAGE);
	return s->failed ? fail(s->err, EXIT_USAGE) : EXIT_MEASURED;
}

int
cmd_inspect(int argc, char **argv)
{
	static struct inspect s;   /* static: 2.5 kB of streams, off the stack */
	struct cli c;
	int rc;

	memset(&s, 0, sizeof s);
	rc = cli_parse(CMD_INSPECT, argc, argv, &c, s.err, sizeof s.err);

	if (rc > 0)
		return EXIT_MEASURED;
	if (rc < 0)
		return fail(s.err, EXIT_USAGE);
	s.path = c.targets[0];
	s.quiet = c.quiet;
	s.out = c.json ? &json_out : &text_out;
	s.r = pcapread_open(s.path, s.err, sizeof s.err);
	if (!s.r)
		return fail(s.err, EXIT_USAGE);
	rc = run(&s);
	pcapread_close(s.r);
	free_streams(&s);
	return rc;
}
