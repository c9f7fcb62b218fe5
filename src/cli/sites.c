/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --targets FILE: every site of an inventory (config/inventory.c)
 * measured in one process, with probe's own functions (probe_int.h), and
 * reported as one summary table, JSON Lines, files per site and vendor
 * (sites_out.c) and one Prometheus textfile (mtuprobe(1), INVENTORY).
 *
 * The sites are measured one after another: one path is probed at a time,
 * so the probes of the whole run never exceed --rate (the engine paces
 * every run to it), and no target sees more than --rate either. The names
 * of every site are resolved and their sockets opened before the
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

/* What is kept of each site between the phases: its resolved targets and
 * its sockets, not the state of a whole probe. */
struct site_io {
	struct rawio_target *t;
	struct rawio **io;
	int n;
	char *config;                /* the config column, as opened (relative to the inventory) */
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
	size_t dir = name[0] != '/' && slash && strcmp(st->file_name, "-") ? (size_t)(slash - st->file_name) + 1 : 0;
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
site_cli(const struct cli *g, const struct inventory_site *site, const struct site_io *sio, struct cli *c)
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
			snprintf(err, sizeof(err), _("--locate takes one tunnel target: give several only without it"));
		else if (cli_model(&c, 1500, &in, &rv, err, sizeof(err)) == 0)
			continue;
		snprintf(msg, sizeof(msg), "line %u: site %s: %s", site->lineno, site->name, err);
		return usage_error(st, msg);
	}
	return EXIT_MEASURED;
}

/* One site into the probe state: its options, paths and (once opened)
 * sockets. */
static void
load_site(struct probe_state *s, struct sites *st, size_t i, const struct site_io *sio)
{
	static const char *const names[1 + INVENTORY_MAX_TUNNELS] = {
		"WAN", "tunnel", "tunnel 2", "tunnel 3", "tunnel 4", "tunnel 5", "tunnel 6", "tunnel 7",
		"tunnel 8", "tunnel 9", "tunnel 10", "tunnel 11", "tunnel 12", "tunnel 13", "tunnel 14",
		"tunnel 15", "tunnel 16",
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

/* Raw sockets are 2 per path (3 with TCP): the soft limit on open files is
 * raised to what the inventory needs, up to the hard limit; beyond it the
 * run is refused before any socket is opened, never cut short. */
static int
check_files(struct sites *st, const struct site_io *sio)
{
	struct rlimit rl;
	unsigned long long need = 64;   /* standard streams, files, slack */
	char msg[300];
	int per = st->global.method == METHOD_TCP || st->global.method == METHOD_AUTO ? 3 : 2;

	for (size_t i = 0; i < st->inv.nsites; i++)
		need += (unsigned long long)sio[i].n * (unsigned)per;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= need)
		return EXIT_MEASURED;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
		snprintf(msg, sizeof(msg), "%zu sites need %llu open files, above the limit of %llu "
			 "(ulimit -Hn): split the inventory", st->inv.nsites, need,
			 (unsigned long long)rl.rlim_max);
		return usage_error(st, msg);
	}
	rl.rlim_cur = need;
	setrlimit(RLIMIT_NOFILE, &rl);
	return EXIT_MEASURED;
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

	if (priv_lower(s->err, sizeof(s->err)) < 0 || priv_check_user(st->global.user, s->err, sizeof(s->err)) < 0) {
		cli_error("probe", s->err);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < st->inv.nsites; i++) {
		load_site(s, st, i, &sio[i]);
		if (alloc_site(&sio[i], s->npaths) < 0)
			return usage_error(st, "out of memory");
		if ((rc = probe_resolve_paths(s)) != EXIT_MEASURED)
			return rc;
		for (int k = 0; k < s->npaths; k++)
			sio[i].t[k] = s->paths[k].t;
	}
	if ((rc = check_files(st, sio)) != EXIT_MEASURED)
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
		if (rc != EXIT_MEASURED)
			return rc;
	}
	probe_message_site(NULL);
	if (priv_drop(st->global.user, s->err, sizeof(s->err)) < 0) {
		cli_error("probe", s->err);
		return EXIT_NOT_MEASURED;
	}
	return EXIT_MEASURED;
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
		if (rc != EXIT_MEASURED)
			return rc;
	}
	probe_message_site(NULL);
	return EXIT_MEASURED;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
sites_pace_wait(struct sites *st, volatile sig_atomic_t *stop)
{
	double left = st->next_run - now_s();

	if (left > 0 && !*stop) {
		struct timespec ts = { (time_t)left, (long)((left - (double)(time_t)left) * 1e9) };
		nanosleep(&ts, NULL);   /* a signal ends it early: the run then stops at once */
	}
}

void
sites_pace_note(struct sites *st, const struct probe_run *run, unsigned rate_pps)
{
	double last = now_s();

	if (run->nprobes && run->elapsed_us >= run->probes[run->nprobes - 1].sent_us)
		last -= (double)(run->elapsed_us - run->probes[run->nprobes - 1].sent_us) / 1e6;
	st->next_run = last + 1.0 / (rate_pps ? rate_pps : 200);
}

/* One site measured and reported; its status, or the error that ended it. */
static int
measure_site(struct probe_state *s, struct sites *st, size_t i, struct site_io *sio, int argc, char **argv)
{
	int rc;

	load_site(s, st, i, &sio[i]);
	st->cur = i;
	st->t0 = now_s();
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\rsite %zu/%zu %s\033[K\n", i + 1, st->inv.nsites, st->inv.sites[i].name);
	rc = probe_read_config(s);
	if (rc == EXIT_MEASURED)
		rc = probe_measure(s);
	if (rc == EXIT_MEASURED && !probe_stopped())
		rc = probe_report(s, argc, argv);
	else if (!probe_stopped())
		sites_failed(st, rc);
	s->cap = NULL;
	rc = probe_cleanup(s, rc);
	memset(sio[i].io, 0, (size_t)sio[i].n * sizeof(*sio[i].io));   /* closed */
	return rc;
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
	return rc < 0 ? usage_error(st, msg) : EXIT_MEASURED;
}

static int
measure_all(struct probe_state *s, struct sites *st, struct site_io *sio, int argc, char **argv)
{
	int rc;

	if ((rc = open_sites(s, st, sio)) != EXIT_MEASURED || (rc = check_configs(s, st, sio)) != EXIT_MEASURED ||
	    (rc = sites_out_begin(st)) != EXIT_MEASURED)
		return rc;
	probe_signals();
	for (size_t i = 0; i < st->inv.nsites && !probe_stopped(); i++) {
		rc = measure_site(s, st, i, sio, argc, argv);
		if (rc == EXIT_OUTPUT || rc == EXIT_PRIVILEGE)
			return rc;
	}
	probe_message_site(NULL);
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
	if ((rc = read_inventory(&st)) != EXIT_MEASURED || (rc = check_sites(&st, &s->c)) != EXIT_MEASURED)
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
	sites_out_free(&st);
	return rc;
}
