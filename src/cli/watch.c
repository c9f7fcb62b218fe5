/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --interval / --prometheus: see watch.h. */
#include "cli/watch.h"
#include "base/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/model.h"
#include "probe/engine.h"

/* One round, per path in prom_paths()'s order (wan, tunnel, tunnel2 ...),
 * as the events and the line see it. */
struct round {
	struct prom_path path[PROM_PATHS];
	int npaths;
	unsigned pmtu[PROM_PATHS]; /* 0: not measured */
	int verified[PROM_PATHS];
	int up[PROM_PATHS]; /* measured (FAULT_NONE) */
	const struct report_fault *fault[PROM_PATHS];
	int verdict; /* enum tunnel_verdict, -1 = none */
};

struct event {
	const char *what;      /* "pmtu", "verified", "up", "verdict" */
	const char *path;      /* "wan", "tunnel", "tunnel2" ... */
	char from[16], to[16]; /* "null" when there was none */
};

static void
num(char *buf, size_t len, unsigned v)
{
	if (v)
		snprintf(buf, len, "%u", v);
	else
		snprintf(buf, len, "null");
}

static const char *
verdict_name(int v)
{
	return render_verdict_key(v) ? render_verdict_key(v) : "null";
}

static void
flag(struct event *e, const char *what, const char *path, int from, int to)
{
	*e = (struct event){ .what = what, .path = path };
	snprintf(e->from, sizeof(e->from), "%s", from ? "true" : "false");
	snprintf(e->to, sizeof(e->to), "%s", to ? "true" : "false");
}

/* What changed since the last round; none in the first. */
static int
changes(const struct watch *w, const struct round *now, struct event *ev)
{
	const unsigned *pmtu = now->pmtu;
	const int *verified = now->verified;
	int verdict = now->verdict, n = 0;

	if (!w->have_prev)
		return 0;
	for (int k = 0; k < now->npaths; k++) {
		const char *name = now->path[k].name;
		if (pmtu[k] != w->prev_pmtu[k]) {
			struct event *e = &ev[n++];
			*e = (struct event){ .what = "pmtu", .path = name };
			num(e->from, sizeof(e->from), w->prev_pmtu[k]);
			num(e->to, sizeof(e->to), pmtu[k]);
		}
		if (verified[k] != w->prev_verified[k])
			flag(&ev[n++], "verified", name, w->prev_verified[k], verified[k]);
		if (now->up[k] != w->prev_up[k])
			flag(&ev[n++], "up", name, w->prev_up[k], now->up[k]);
	}
	if (verdict != w->prev_verdict) {
		struct event *e = &ev[n++];
		*e = (struct event){ .what = "verdict", .path = "tunnel" };
		snprintf(e->from, sizeof(e->from), "%s", verdict_name(w->prev_verdict));
		snprintf(e->to, sizeof(e->to), "%s", verdict_name(verdict));
	}
	return n;
}

/* A value as JSON: numbers, true, false and null bare, verdicts quoted. */
static void
json_value(FILE *f, const char *v)
{
	if ((*v >= '0' && *v <= '9') || !strcmp(v, "null") || !strcmp(v, "true") ||
	    !strcmp(v, "false"))
		fputs(v, f);
	else
		fprintf(f, "\"%s\"", v);
}

static void
print_json(FILE *f, const struct watch *w, const struct report *r, const struct event *ev, int n,
	   time_t now)
{
	char *obj = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&obj, &len);

	if (mem) {
		render_json(mem, r);
		fclose(mem);
	}
	while (obj && len && obj[len - 1] == '\n')
		obj[--len] = '\0';
	fprintf(f, "{\"round\":%lu,\"time\":%lld,\"events\":[", w->prom.rounds, (long long)now);
	for (int i = 0; i < n; i++) {
		fprintf(f, "%s{\"what\":\"%s\",\"path\":\"%s\",\"from\":", i ? "," : "", ev[i].what,
			ev[i].path);
		json_value(f, ev[i].from);
		fputs(",\"to\":", f);
		json_value(f, ev[i].to);
		fputc('}', f);
	}
	fprintf(f, "],\"probe\":%s}\n", obj ? obj : "null");
	free(obj);
}

/* A path's value in the round's line: the MTU, or why there is none. */
static void
put_pmtu(FILE *f, const struct round *rd, int k)
{
	const struct report_fault *x = rd->fault[k];

	if (rd->pmtu[k])
		fprintf(f, rd->verified[k] ? "%u" : _("%u NOT verified"), rd->pmtu[k]);
	else if (x->code != FAULT_NONE) {
		fprintf(f, _("not measured (%s"), _(render_fault_words(x->code)));
		if (x->error)
			fprintf(f, ": %s", x->error);
		fputc(')', f);
	} else
		fputs(_("not measured"), f);
}

static void
print_text(FILE *f, const struct watch *w, const struct report *r, const struct round *rd,
	   const struct event *ev, int n, time_t now)
{
	const struct report_probe *p = r->probe;
	char when[32];
	struct tm tm;

	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	fprintf(f, "%s round %lu: WAN %s ", when, w->prom.rounds, p->wan_target);
	put_pmtu(f, rd, 0);
	for (int k = 1; k < rd->npaths; k++) { /* every tunnel target, in order */
		fprintf(f, "; tunnel %s ", rd->path[k].target);
		put_pmtu(f, rd, k);
	}
	fputc('\n', f);
	for (int i = 0; i < n; i++)
		fprintf(f, "  changed: %s %s %s -> %s\n", ev[i].path, ev[i].what, ev[i].from,
			ev[i].to);
}

static void
this_round(const struct report *r, struct round *rd)
{
	const struct report_probe *p = r->probe;
	static const struct report_fault not_run = { FAULT_NONE, NULL };

	memset(rd, 0, sizeof(*rd));
	rd->npaths = prom_paths(p, rd->path);
	for (int k = 0; k < rd->npaths; k++) {
		const struct probe_run *run = rd->path[k].run;
		/* the WAN's fault stands even without a run; a tunnel not run has none */
		rd->fault[k] = k == 0 || run ? rd->path[k].fault : &not_run;
		rd->pmtu[k] = run ? run->pmtu : 0;
		rd->up[k] = run && rd->fault[k]->code == FAULT_NONE;
		rd->verified[k] = rd->up[k] && run->pmtu && run->verified;
	}
	/* no verdict and "no model" are both null in JSON: not a change */
	rd->verdict = strcmp(verdict_name(p->tunnel_vs_model), "null") ? p->tunnel_vs_model : -1;
}

/* Every path the report has, each tunnel target included (prom_paths());
 * a path that was not run counts no reason. */
void
watch_account(struct watch *w, const struct report *r)
{
	struct prom_path paths[PROM_PATHS];
	int npaths = prom_paths(r->probe, paths);
	time_t now = time(NULL);

	for (int k = 0; k < npaths; k++) {
		const struct probe_run *run = paths[k].run;
		int up = run && paths[k].fault->code == FAULT_NONE;
		if (up && run->pmtu && run->verified)
			w->prom.last_success[k] = (long long)now;
		if (up)
			w->prom.last_mtu[k] = run->pmtu;
		else if (run)
			w->prom.errors[k][paths[k].fault->code]++;
	}
	w->prom.rounds++;
}

void
watch_round(struct watch *w, const struct report *r, int json, int value, FILE *f)
{
	int n;
	struct round rd;
	struct event ev[3 * PROM_PATHS + 1]; /* pmtu, verified, up per path; the verdict */
	time_t now = time(NULL);

	this_round(r, &rd);
	n = changes(w, &rd, ev);
	if (json)
		print_json(f, w, r, ev, n, now);
	else if (value)
		render_value(f, r);
	else
		print_text(f, w, r, &rd, ev, n, now);
	memcpy(w->prev_pmtu, rd.pmtu, sizeof(rd.pmtu));
	memcpy(w->prev_verified, rd.verified, sizeof(rd.verified));
	memcpy(w->prev_up, rd.up, sizeof(rd.up));
	w->prev_verdict = rd.verdict;
	w->have_prev = 1;
}

/* FILE.XXXXXX beside FILE, made by mkstemp(3): a name of this process's
 * own, so two watchers writing one file never truncate or rename each
 * other's half-written copy (issue 20). The collector reads only *.prom. */
static int
open_tmp(const char *file, char *tmp, size_t len, char *err, size_t errlen)
{
	int fd;

	if ((size_t)snprintf(tmp, len, "%s.XXXXXX", file) >= len) {
		snprintf(err, errlen, _("--prometheus %.3000s: name too long"), file);
		return -1;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	/* mkstemp makes it 0600; the collector may run as another user. */
	if (fd < 0 || fchmod(fd, 0644) != 0) {
		snprintf(err, errlen, _("--prometheus: cannot create a file beside %.3000s: %s"),
			 file, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return -1;
	}
	return fd;
}

int
watch_write_atomic(const char *file, const char *text, size_t len, char *err, size_t errlen)
{
	char tmp[4096];
	FILE *f;
	int fd, bad;

	if ((fd = open_tmp(file, tmp, sizeof(tmp), err, errlen)) < 0)
		return -1;
	if (!(f = fdopen(fd, "w"))) {
		snprintf(err, errlen, _("--prometheus: cannot write %.3000s: %s"), tmp,
			 strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	bad = fwrite(text, 1, len, f) != len;
	bad |= fflush(f) != 0 || ferror(f) || fsync(fd) != 0;
	if (fclose(f) != 0)
		bad = 1;
	if (bad || rename(tmp, file) != 0) {
		snprintf(err, errlen, _("--prometheus: cannot write %.3000s: %s"), bad ? tmp : file,
			 strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int
watch_write_prometheus(struct watch *w, const char *file, const struct report *r, char *err,
		       size_t errlen)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int rc;

	if (!mem) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	render_prometheus(mem, r, &w->prom);
	if (fclose(mem) != 0) {
		free(text);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = watch_write_atomic(file, text, len, err, errlen);
	free(text);
	return rc;
}

int
watch_sleep(unsigned seconds, volatile sig_atomic_t *stop)
{
	struct timespec left = { (time_t)seconds, 0 };

	/* No SA_RESTART on SIGINT/SIGTERM: nanosleep returns EINTR at once. */
	while (!*stop && nanosleep(&left, &left) < 0 && errno == EINTR)
		;
	return *stop != 0;
}
