/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --targets FILE: every site of an inventory (config/inventory.c)
 * measured in one process, with probe's own functions (probe_int.h), and
 * reported as one summary table, JSON Lines, files per site and vendor
 * (sites_out.c) and one Prometheus textfile (mtuprobe(1), INVENTORY).
 *
 * Every path of every site is measured at once, up to SITES_AT_ONCE sites
 * at a time, by one scheduler (probe/sched.c) that owns all their timers:
 * one clock, one wait across one shared ICMP socket per family
 * (io/rawio.c, struct rawio_mux), --total-rate for all probes together and
 * --rate per target address (runs to one address share it). Each path's
 * run is probe's own, step by step (probe_int.h: prepare, the engine,
 * done; --method auto's fallbacks one after another). Sites are reported
 * in the file's order as soon as every site before them is; --locate runs
 * while nothing else is measured (a hop limits its "time exceeded" per
 * destination, and every site's probes share ours). The names of every
 * site are resolved and their sockets opened before the
 * privileges are dropped (src/io/priv.c), once for the whole run. */
#include "base/i18n.h"
#include "cli/probe_int.h"
#include "cli/sites.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "io/priv.h"
#include "probe/sched.h"

/* Sites measured at once, at most: enough that the total rate, not the
 * window, bounds a run (200 sites' first probes take 0.2 s at 1000/s),
 * few enough that memory stays a few megabytes whatever the file's size. */
#define SITES_AT_ONCE 256

/* What is kept of each site between the phases: its resolved targets and
 * its sockets, not the state of a whole probe. */
struct site_io {
	struct rawio_target *t;
	struct rawio **io;
	int n;
	char *config; /* the config column, as opened (relative to the inventory) */
};

/* One path's run in the scheduler (its tag). */
struct path_job {
	size_t site;
	int path;
	int k; /* the how-many-th method (probe_next_method) */
	struct probe_config cfg;
	struct probe_io io; /* the engine keeps a pointer to it */
};

enum { JOB_WAITING, JOB_MEASURING, JOB_MEASURED, JOB_REPORTED };

/* A site while it is measured: its paths, and what is left of them. */
struct site_job {
	int state;
	struct path *paths; /* npaths; NULL until started and once reported */
	struct path_job *pj;
	int npaths, left; /* paths with a run going or to come */
	int rc;           /* an error that ended one of its paths, else EXIT_OK */
	int stopped;      /* the signal cut a run short or came before one: the
				      * site is reported as interrupted */
	double t0;        /* started (CLOCK_MONOTONIC, seconds) */
};

struct sites_run {
	struct probe_state *s;
	struct sites *st;
	struct site_io *sio;
	struct site_job *jobs;
	struct probe_sched *sched;
	size_t started, reported, measured;
	int argc;
	char **argv;
};

static int
usage_error(struct sites *st, const char *msg)
{
	char line[1200];

	snprintf(line, sizeof(line), "--targets %.200s: %.900s", st->file_name, msg);
	cli_error("probe", line);
	return EXIT_USAGE;
}

/* A site's config column names a file beside the inventory (or, read
 * from standard input, in the current directory). */
static char *
config_path(const struct sites *st, const char *name)
{
	const char *slash = strrchr(st->file_name, '/');
	size_t dir = name[0] != '/' && slash && strcmp(st->file_name, "-")
			     ? (size_t)(slash - st->file_name) + 1
			     : 0;
	char *p = malloc(dir + strlen(name) + 1);

	if (p) {
		memcpy(p, st->file_name, dir);
		strcpy(p + dir, name);
	}
	return p;
}

/* The options as probe would take them for this one site: the command
 * line's, with the site's targets and columns over them. */
static void
site_cli(const struct cli *g, const struct inventory_site *site, const struct site_io *sio,
	 struct cli *c)
{
	*c = *g;
	c->targets_file = NULL;
	c->targets[0] = site->wan;
	for (size_t k = 0; k < site->ntunnels; k++)
		c->targets[1 + k] = site->tunnels[k];
	c->ntargets = 1 + (int)site->ntunnels;
	if (site->vendor) {
		c->vendors = site->vendor;
		c->vendors_from = NULL;
	}
	if (site->esp)
		c->esp = site->esp;
	if (site->line)
		c->line = site->line;
	c->config = sio ? sio->config : NULL;
}

/* The columns checked as the options would be, before any socket. */
static int
check_sites(struct sites *st, const struct cli *g)
{
	char err[512], msg[700];

	for (size_t i = 0; i < st->inv.nsites; i++) {
		const struct inventory_site *site = &st->inv.sites[i];
		struct model_input in;
		struct report_vendors rv;
		struct cli c;

		site_cli(g, site, NULL, &c);
		err[0] = '\0';
		if (c.locate && site->ntunnels > 1)
			snprintf(
				err, sizeof(err),
				_("--locate takes one tunnel target: give several only without it"));
		else if (cli_model(&c, 1500, &in, &rv, err, sizeof(err)) == 0)
			continue;
		snprintf(msg, sizeof(msg), "line %u: site %s: %s", site->lineno, site->name, err);
		return usage_error(st, msg);
	}
	return CLI_GO_ON;
}

/* One site into the probe state: its options, paths and (once opened)
 * sockets. */
static void
load_site(struct probe_state *s, struct sites *st, size_t i, const struct site_io *sio)
{
	static const char *const names[1 + INVENTORY_MAX_TUNNELS] = {
		"WAN",       "tunnel",    "tunnel 2",  "tunnel 3",  "tunnel 4",  "tunnel 5",
		"tunnel 6",  "tunnel 7",  "tunnel 8",  "tunnel 9",  "tunnel 10", "tunnel 11",
		"tunnel 12", "tunnel 13", "tunnel 14", "tunnel 15", "tunnel 16",
	};
	const struct inventory_site *site = &st->inv.sites[i];

	memset(s->paths, 0, sizeof(s->paths));
	site_cli(&st->global, site, sio, &s->c);
	s->npaths = s->c.ntargets;
	for (int k = 0; k < s->npaths; k++) {
		s->paths[k].name = names[k];
		s->paths[k].host = s->c.targets[k];
		if (sio->t)
			s->paths[k].t = sio->t[k];
		if (sio->io)
			s->paths[k].io = sio->io[k];
	}
	s->cfg = NULL;
	s->peer = NULL;
	s->pair = NULL;
	memset(&s->watch, 0, sizeof(s->watch));
	s->watch.prev_verdict = -1;
	probe_message_site(site->name);
}

/* Raw sockets are 1 per path (2 with TCP) and the 2 shared receive
 * sockets: the soft limit on open files is
 * raised to what the inventory needs, up to the hard limit; beyond it the
 * run is refused before any socket is opened, never cut short. */
static int
check_files(struct sites *st, const struct site_io *sio)
{
	struct rlimit rl;
	unsigned long long need = 64 + 2; /* standard streams, files, slack; the shared sockets */
	char msg[300];
	int per = st->global.method == METHOD_TCP || st->global.method == METHOD_AUTO ? 2 : 1;

	for (size_t i = 0; i < st->inv.nsites; i++)
		need += (unsigned long long)sio[i].n * (unsigned)per;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY ||
	    rl.rlim_cur >= need)
		return CLI_GO_ON;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
		snprintf(msg, sizeof(msg),
			 _("%zu sites need %llu open files, above the limit of %llu "
			   "(ulimit -Hn): split the inventory"),
			 st->inv.nsites, need, (unsigned long long)rl.rlim_max);
		return usage_error(st, msg);
	}
	rl.rlim_cur = need;
	setrlimit(RLIMIT_NOFILE, &rl);
	return CLI_GO_ON;
}

static int
alloc_site(struct site_io *sio, int n)
{
	sio->n = n;
	sio->t = calloc((size_t)n, sizeof(*sio->t));
	return sio->t ? 0 : -1;
}

/* Names first (no privilege), then every socket (CAP_NET_RAW), then the
 * privileges dropped: priv.c's order, once for all sites. */
static int
open_sites(struct probe_state *s, struct sites *st, struct site_io *sio)
{
	int rc;

	if (!(s->mux = rawio_mux_new()))
		return usage_error(st, "out of memory");
	if (priv_lower(s->err, sizeof(s->err)) < 0 ||
	    priv_check_user(st->global.user, s->err, sizeof(s->err)) < 0) {
		cli_error("probe", s->err);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < st->inv.nsites; i++) {
		load_site(s, st, i, &sio[i]);
		if (alloc_site(&sio[i], s->npaths) < 0)
			return usage_error(st, "out of memory");
		if ((rc = probe_resolve_paths(s)) != CLI_GO_ON)
			return rc;
		for (int k = 0; k < s->npaths; k++)
			sio[i].t[k] = s->paths[k].t;
	}
	if ((rc = check_files(st, sio)) != CLI_GO_ON)
		return rc;
	probe_message_site(NULL);
	if (priv_raise(s->err, sizeof(s->err)) < 0) {
		cli_error("probe", s->err);
		return EXIT_NOT_MEASURED;
	}
	for (size_t i = 0; i < st->inv.nsites; i++) {
		if (!(sio[i].io = calloc((size_t)sio[i].n, sizeof(*sio[i].io))))
			return usage_error(st, "out of memory");
		load_site(s, st, i, &sio[i]);
		rc = probe_open_paths(s);
		for (int k = 0; k < s->npaths; k++)
			sio[i].io[k] = s->paths[k].io;
		if (rc != CLI_GO_ON)
			return rc;
	}
	probe_message_site(NULL);
	if (priv_drop(st->global.user, s->err, sizeof(s->err)) < 0) {
		cli_error("probe", s->err);
		return EXIT_NOT_MEASURED;
	}
	return CLI_GO_ON;
}

/* Every config column read and parsed once as the dropped user, before
 * the first probe: a bad one is exit 2 with nothing measured. */
static int
check_configs(struct probe_state *s, struct sites *st, struct site_io *sio)
{
	for (size_t i = 0; i < st->inv.nsites; i++) {
		const struct inventory_site *site = &st->inv.sites[i];
		int rc;
		if (!site->config)
			continue;
		if (!(sio[i].config = config_path(st, site->config)))
			return usage_error(st, "out of memory");
		load_site(s, st, i, &sio[i]);
		rc = probe_read_config(s);
		probe_free_config(s);
		if (rc != CLI_GO_ON)
			return rc;
	}
	probe_message_site(NULL);
	return CLI_GO_ON;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The next run of path k of site i (method step pj->k), or the path is
 * done. 0, or an exit code that ends the site. */
static int
start_run(struct sites_run *R, size_t i, int k)
{
	struct site_job *j = &R->jobs[i];
	struct path *p = &j->paths[k];
	struct path_job *pj = &j->pj[k];
	struct ip_addr to;
	struct cli c;
	int m, rc;

	site_cli(&R->st->global, &R->st->inv.sites[i], &R->sio[i], &c);
	probe_message_site(R->st->inv.sites[i].name);
	m = probe_next_method(&c, p, pj->k);
	if (m >= 0 && probe_stopped()) { /* a run to do, and the signal came first */
		if (pj->k == 0)          /* nothing ran: the path is reported as interrupted */
			probe_run_skipped(&c, p, (enum wire_method)m);
		j->stopped = 1; /* a fallback not run: the earlier run stands, cut short */
		m = -1;
	}
	if (m < 0) {
		j->left--;
		return CLI_GO_ON;
	}
	rc = probe_run_prepare(&c, p, (enum wire_method)m, &pj->cfg, &pj->io, R->s->err,
			       sizeof(R->s->err));
	if (rc) { /* 1: no route, reported as not measured */
		rawio_idle(p->io);
		j->left--;
		return rc == 1 ? CLI_GO_ON : rc;
	}
	pj->cfg.progress = NULL; /* sites.c says how far the run is */
	rawio_target_addr(&p->t, &to);
	rc = probe_sched_add(R->sched, &pj->cfg, &pj->io, &to, &p->run, pj, p->error,
			     sizeof(p->error));
	if (rc < 0) { /* as probe_engine_run failing to start */
		rawio_idle(p->io);
		j->left--;
		return probe_run_done(&c, p, -1, &pj->cfg);
	}
	return CLI_GO_ON;
}

static void
site_error(struct site_job *j, int rc)
{
	if (rc != EXIT_OK && j->rc == EXIT_OK)
		j->rc = rc;
}

static void
check_measured(struct sites_run *R, size_t i)
{
	struct site_job *j = &R->jobs[i];

	if (j->state == JOB_MEASURING && j->left == 0) {
		j->state = JOB_MEASURED;
		R->measured++;
	}
}

/* Site i's paths, each with its first run. */
static int
start_site(struct sites_run *R, size_t i)
{
	struct site_job *j = &R->jobs[i];
	struct probe_state *s = R->s;

	load_site(s, R->st, i, &R->sio[i]);
	j->npaths = j->left = s->npaths;
	j->rc = EXIT_OK;
	j->t0 = now_s();
	j->paths = calloc((size_t)j->npaths, sizeof(*j->paths));
	j->pj = calloc((size_t)j->npaths, sizeof(*j->pj));
	if (!j->paths || !j->pj)
		return usage_error(R->st, "out of memory");
	memcpy(j->paths, s->paths, (size_t)j->npaths * sizeof(*j->paths));
	j->state = JOB_MEASURING;
	R->started++;
	for (int k = 0; k < j->npaths; k++) {
		j->pj[k] = (struct path_job){ .site = i, .path = k };
		site_error(j, start_run(R, i, k));
	}
	check_measured(R, i);
	return CLI_GO_ON;
}

/* A run ended: the path's next method, or the path is done. */
static void
run_ended(struct sites_run *R, struct path_job *pj, int rc)
{
	struct site_job *j = &R->jobs[pj->site];
	struct path *p = &j->paths[pj->path];
	struct cli c;

	rawio_idle(p->io);
	site_cli(&R->st->global, &R->st->inv.sites[pj->site], &R->sio[pj->site], &c);
	probe_message_site(R->st->inv.sites[pj->site].name);
	if (p->run.stop == PROBE_STOP_INTERRUPTED)
		j->stopped = 1;
	rc = probe_run_done(&c, p, rc, &pj->cfg);
	if (rc != CLI_GO_ON) {
		site_error(j, rc);
		j->left--;
	} else {
		p->fell_back = pj->k > 0;
		pj->k++; /* start_run: another run, or the path is done */
		site_error(j, start_run(R, pj->site, pj->path));
	}
	check_measured(R, pj->site);
}

/* Site i done with: its sockets closed, its runs and configuration freed
 * (probe_cleanup, with s holding it); rc, or EXIT_OUTPUT. */
static int
drop_site(struct sites_run *R, size_t i, int rc)
{
	struct site_job *j = &R->jobs[i];

	R->s->cap = NULL;
	rc = probe_cleanup(R->s, rc);
	memset(R->sio[i].io, 0, (size_t)R->sio[i].n * sizeof(*R->sio[i].io)); /* closed */
	free(j->paths);
	free(j->pj);
	j->paths = NULL;
	j->pj = NULL;
	j->state = JOB_REPORTED;
	R->reported++;
	return rc;
}

/* Site i, measured: its report (with --locate, first its hops), then its
 * sockets closed and its runs freed. */
static int
report_site(struct sites_run *R, size_t i)
{
	struct site_job *j = &R->jobs[i];
	struct probe_state *s = R->s;
	struct sites *st = R->st;
	int rc = j->rc;

	load_site(s, st, i, &R->sio[i]);
	memcpy(s->paths, j->paths, (size_t)j->npaths * sizeof(*j->paths));
	st->cur = i;
	st->t0 = j->t0;
	if (rc == CLI_GO_ON)
		rc = probe_read_config(s);
	/* --locate does not change the status (mtuprobe(1)): hops a signal
	 * kept from being located say so, the site stays as measured */
	for (int k = 0; rc == CLI_GO_ON && s->c.locate && k < s->npaths; k++)
		rc = probe_locate_path(s, &s->paths[k]);
	st->rows[i].interrupted = j->stopped;
	if (rc == CLI_GO_ON)
		rc = probe_report(s, R->argc, R->argv);
	else
		sites_failed(st, rc);
	return drop_site(R, i, rc);
}

static void
say_progress(const struct sites_run *R)
{
	if (!isatty(STDERR_FILENO) || R->st->global.quiet)
		return;
	fputc('\r', stderr);
	fprintf(stderr, _("%zu/%zu sites measured, %zu being measured, %lu probes"), R->measured,
		R->st->inv.nsites, R->started - R->measured, probe_sched_sent(R->sched));
	fputs("\033[K", stderr);
}

/* The sites in the file's order, as far as they are measured. With
 * --locate only once nothing is measured any more (see the top). */
static int
report_ready(struct sites_run *R)
{
	while (R->reported < R->started && R->jobs[R->reported].state == JOB_MEASURED) {
		size_t i = R->reported;
		int rc;

		if (R->st->global.locate && probe_sched_active(R->sched))
			return CLI_GO_ON;
		if (isatty(STDERR_FILENO) && !R->st->global.quiet)
			fputs("\r\033[K", stderr);
		rc = report_site(R, i);
		say_progress(R);
		if (rc == EXIT_OUTPUT || rc == EXIT_PRIVILEGE)
			return rc;
	}
	return CLI_GO_ON;
}

/* Every site, SITES_AT_ONCE at a time, under one scheduler. */
static int
measure_sites(struct sites_run *R)
{
	size_t n = R->st->inv.nsites;
	int rc;

	for (;;) {
		void *tag;
		int ended;

		/* With --locate, nothing new while a measured site waits for its hops.
		 * After a signal the sites not begun are still started: each path is
		 * then reported as interrupted at once (start_run), none is left out. */
		while (R->started < n && R->started < R->reported + SITES_AT_ONCE &&
		       !(R->st->global.locate && R->reported < R->started &&
			 R->jobs[R->reported].state == JOB_MEASURED))
			if ((rc = start_site(R, R->started)) != CLI_GO_ON)
				return rc;
		if ((rc = report_ready(R)) != CLI_GO_ON)
			return rc;
		if (R->reported == n)
			return CLI_GO_ON;
		ended = probe_sched_next(R->sched, &tag, &rc);
		if (ended == 1) {
			run_ended(R, tag, rc);
			say_progress(R);
		}
	}
}

static void
free_sites(struct sites *st, struct site_io *sio)
{
	for (size_t i = 0; sio && i < st->inv.nsites; i++) {
		for (int k = 0; sio[i].io && k < sio[i].n; k++)
			rawio_close(sio[i].io[k]);
		free(sio[i].io);
		free(sio[i].t);
		free(sio[i].config);
	}
	free(sio);
	inventory_free(&st->inv);
}

static int
read_inventory(struct sites *st)
{
	char *buf = NULL, msg[400];
	size_t len = 0;
	int rc;

	if (sites_read_file(st->file_name, st->global.user, &buf, &len, msg, sizeof(msg)) < 0)
		return usage_error(st, msg);
	rc = inventory_parse(buf, len, &st->inv, msg, sizeof(msg));
	free(buf);
	return rc < 0 ? usage_error(st, msg) : CLI_GO_ON;
}

static int
measure_all(struct probe_state *s, struct sites *st, struct site_io *sio, int argc, char **argv)
{
	struct sites_run R = { .s = s, .st = st, .sio = sio, .argc = argc, .argv = argv };
	struct probe_sched_config sc = { .total_pps = st->global.total_rate };
	struct probe_wait w;
	int rc;

	/* Caught from before the first socket: opening hundreds of sites
	 * takes a while, and a SIGTERM then must end the run with every site
	 * reported interrupted, not kill it with nothing said (the lab's
	 * sites-interrupt sends it 0.3 s after the first socket). */
	probe_signals();
	if ((rc = open_sites(s, st, sio)) != CLI_GO_ON ||
	    (rc = check_configs(s, st, sio)) != CLI_GO_ON ||
	    (rc = sites_out_begin(st)) != CLI_GO_ON)
		return rc;
	rawio_mux_wait(s->mux, &w);
	R.jobs = calloc(st->inv.nsites, sizeof(*R.jobs));
	R.sched = R.jobs ? probe_sched_new(&sc, &w, probe_stop_flag()) : NULL;
	if (!R.sched) {
		free(R.jobs);
		return usage_error(st, "out of memory");
	}
	rc = measure_sites(&R);
	if (isatty(STDERR_FILENO) && !st->global.quiet)
		fputs("\r\033[K", stderr);
	probe_sched_free(R.sched);
	for (size_t i = 0; i < st->inv.nsites; i++) { /* runs of sites never reported */
		for (int k = 0; R.jobs[i].paths && k < R.jobs[i].npaths; k++)
			if (R.jobs[i].paths[k].ran || R.jobs[i].paths[k].run.probes)
				probe_run_free(&R.jobs[i].paths[k].run);
		free(R.jobs[i].paths);
		free(R.jobs[i].pj);
	}
	free(R.jobs);
	probe_message_site(NULL);
	if (rc == EXIT_OUTPUT || rc == EXIT_PRIVILEGE)
		return rc;
	return sites_out_end(st);
}

int
sites_run(struct probe_state *s, int argc, char **argv)
{
	static struct sites st;
	struct site_io *sio = NULL;
	int rc;

	st.global = s->c;
	st.file_name = s->c.targets_file;
	s->sites = &st;
	if ((rc = read_inventory(&st)) != CLI_GO_ON || (rc = check_sites(&st, &s->c)) != CLI_GO_ON)
		goto out;
	if (!(sio = calloc(st.inv.nsites, sizeof(*sio)))) {
		rc = usage_error(&st, "out of memory");
		goto out;
	}
	if (!(st.rows = calloc(st.inv.nsites, sizeof(*st.rows)))) {
		rc = usage_error(&st, "out of memory");
		goto out;
	}
	rc = measure_all(s, &st, sio, argc, argv);
out:
	probe_message_site(NULL);
	free_sites(&st, sio);
	rawio_mux_close(s->mux);
	s->mux = NULL;
	sites_out_free(&st);
	return rc;
}
