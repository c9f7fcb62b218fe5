/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --targets' outputs: each site's row, its JSON line (probe --json's
 * object with "site" first), its files in --out-dir (the lines -q would
 * print, one file per vendor), its Prometheus samples; and at the end the
 * summary table and the worst site's exit status (mtuprobe(1), INVENTORY). */
#include "base/i18n.h"
#include "cli/probe_int.h"
#include "cli/sites.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/model.h"

/* Worst first: the report or a file could not be written, a site could
 * not be probed as given, not measured or not verified, findings or a
 * tunnel that disagrees, below --expect-mtu, measured. */
int
site_worse(int a, int b)
{
	static const int rank[] = {
		[EXIT_OK] = 0,           [EXIT_BELOW] = 1,     [EXIT_FINDINGS] = 2,
		[EXIT_NOT_MEASURED] = 3, [EXIT_PRIVILEGE] = 4, [EXIT_USAGE] = 5,
		[EXIT_OUTPUT] = 6
	};
	int ra = a >= 0 && a <= EXIT_OUTPUT ? rank[a] : 7,
	    rb = b >= 0 && b <= EXIT_OUTPUT ? rank[b] : 7;

	return ra > rb;
}

static double
mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The verdict column: why a path was not measured (JSON's fault key), else
 * the first tunnel that disagrees with the model, else "agrees". */
static void
row_verdict(struct site_row *row, const struct report_probe *rp)
{
	const char *w = NULL;

	if (rp->wan_fault.code != FAULT_NONE)
		snprintf(row->verdict, sizeof(row->verdict), "wan %s",
			 render_fault_key(rp->wan_fault.code));
	else if (rp->tunnel && rp->tunnel_fault.code != FAULT_NONE)
		snprintf(row->verdict, sizeof(row->verdict), "tunnel %s",
			 render_fault_key(rp->tunnel_fault.code));
	if (row->verdict[0])
		return;
	w = render_verdict_key(rp->tunnel_vs_model);
	for (size_t k = 0; k < rp->nmore; k++)
		if (rp->more[k].vs_model != TUNNEL_AGREES &&
		    render_verdict_key(rp->more[k].vs_model) && (!w || !strcmp(w, "agrees")))
			w = render_verdict_key(rp->more[k].vs_model);
	snprintf(row->verdict, sizeof(row->verdict), "%s", w ? w : "-");
}

/* The time the paths were probed, as JSON's elapsed_ms adds it up. */
static unsigned long long
row_us(const struct report_probe *rp)
{
	unsigned long long us = rp->wan->elapsed_us + (rp->tunnel ? rp->tunnel->elapsed_us : 0);

	for (size_t k = 0; k < rp->nmore; k++)
		us += rp->more[k].run ? rp->more[k].run->elapsed_us : 0;
	return us;
}

static void
fill_row(struct site_row *row, const struct report *r, const struct report_probe *rp, int rc)
{
	row->done = 1; /* row->interrupted: sites.c's, before the report */
	row->status = rc;
	row->wan_mtu = rp->wan->pmtu;
	row->verified = rp->wan->pmtu && rp->wan->verified;
	row->ntun = 0;
	if (rp->tunnel_target) {
		row->tun_mtu[row->ntun++] = rp->tunnel ? rp->tunnel->pmtu : 0;
		row->verified =
			row->verified && rp->tunnel && rp->tunnel->pmtu && rp->tunnel->verified;
	}
	for (size_t k = 0; k < rp->nmore; k++) {
		const struct probe_run *run = rp->more[k].run;
		row->tun_mtu[row->ntun++] = run ? run->pmtu : 0;
		row->verified = row->verified && run && run->pmtu && run->verified;
	}
	row_verdict(row, rp);
	if (row->interrupted) /* what was measured is in JSON; the table says it is partial */
		snprintf(row->verdict, sizeof(row->verdict), "interrupted");
	else if (rc == EXIT_FINDINGS && rp->audit && !strcmp(row->verdict, "agrees"))
		snprintf(row->verdict, sizeof(row->verdict), "config");
	row->secs = (double)(row_us(rp) / 1000) / 1000.0; /* JSON's elapsed_ms, so report agrees */
	(void)r;
}

/* probe --json's object, one line, with "site" as its first key and
 * "interrupted" as its second. */
static int
json_line(const struct sites *st, const struct report *r)
{
	char *obj = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&obj, &len);

	if (!mem)
		return -1;
	render_json(mem, r);
	if (fclose(mem) != 0 || !obj || len < 2 || obj[0] != '{') {
		free(obj);
		return -1;
	}
	while (len && obj[len - 1] == '\n')
		obj[--len] = '\0';
	fputs("{\"site\":", stdout);
	json_string(stdout, st->inv.sites[st->cur].name);
	fprintf(stdout, ",\"interrupted\":%s,%s\n",
		st->rows[st->cur].interrupted ? "true" : "false", obj + 1);
	free(obj);
	return fflush(stdout) == 0 ? 0 : -1;
}

/* --out-dir: DIR/SITE.VENDOR for each vendor the site prints, with what
 * probe -q prints for it (commented out when not verified). */
static int
write_files(const struct sites *st, const struct report *r)
{
	const char *dir = st->global.out_dir, *site = st->inv.sites[st->cur].name;
	char path[4200], msg[4400];

	for (int v = 0; v < VENDOR_COUNT; v++) {
		struct report one = *r;
		FILE *f;
		int bad;
		if (!r->vendors.enabled[v] && !r->vendors.replaced[v])
			continue;
		memset(one.vendors.enabled, 0, sizeof(one.vendors.enabled));
		one.vendors.enabled[v] = r->vendors.enabled[v];
		one.quiet = 1;
		snprintf(path, sizeof(path), "%.3000s/%s.%s", dir, site,
			 vendor_name((enum vendor_id)v));
		if (!(f = fopen(path, "w"))) {
			snprintf(msg, sizeof(msg), _("--out-dir: cannot write %s: %s"), path,
				 strerror(errno));
			cli_error("probe", msg);
			return EXIT_OUTPUT;
		}
		if (!r->m)
			fprintf(f,
				"# %s: nothing measured, no configuration (see probe's report)\n",
				site);
		else
			render_text(f, &one);
		bad = ferror(f);
		if (fclose(f) != 0 || bad) {
			snprintf(msg, sizeof(msg), _("--out-dir: cannot write %s: %s"), path,
				 strerror(errno));
			cli_error("probe", msg);
			return EXIT_OUTPUT;
		}
	}
	return CLI_GO_ON;
}

static int
prom_add(struct sites *st, const struct report *r, const struct prom_state *ps)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int rc;

	if (!mem)
		return -1;
	render_prometheus(mem, r, ps);
	if (fclose(mem) != 0) {
		free(text);
		return -1;
	}
	rc = prom_merge_add(&st->prom, st->inv.sites[st->cur].name, text, len);
	free(text);
	return rc;
}

/* The site's samples, one round: a path the signal cut short measured
 * nothing in it (up 0, its MTU 0: none), with the reason "interrupted",
 * whatever lower bound it had found (JSON keeps that); every other path
 * counts its own fault, as a watch's round would. */
static int
prom_site(struct sites *st, const struct report *r, const struct report_probe *rp)
{
	struct report one = *r;
	struct report_probe p = *rp;
	struct prom_state ps = { .rounds = 1 };
	struct prom_path paths[PROM_PATHS];
	struct report_fault *faults[PROM_PATHS] = { &p.wan_fault, &p.tunnel_fault };
	int npaths = prom_paths(&p, paths);

	one.probe = &p;
	for (size_t k = 0; k < p.nmore; k++)
		faults[2 + k] = &p.more[k].fault;
	for (int k = 0; k < npaths; k++) {
		const struct probe_run *run = paths[k].run;
		if (!run)
			continue;
		if (run->stop == PROBE_STOP_INTERRUPTED)
			faults[k]->code = FAULT_INTERRUPTED;
		if (faults[k]->code != FAULT_NONE)
			ps.errors[k][faults[k]->code] = 1;
		else
			ps.last_mtu[k] = run->pmtu;
	}
	return prom_add(st, &one, &ps);
}

int
sites_report(struct sites *st, const struct report *r, const struct report_probe *rp, int rc)
{
	struct site_row *row = &st->rows[st->cur];

	row->name = st->inv.sites[st->cur].name;
	if (row->interrupted && site_worse(EXIT_NOT_MEASURED, rc))
		rc = EXIT_NOT_MEASURED; /* stopped early, as probe's own exit 1 */
	fill_row(row, r, rp, rc);
	if (rp->no_config) { /* probe says it after its report; the table cannot */
		char msg[700];
		snprintf(msg, sizeof(msg), "site %s: %s", row->name, rp->no_config);
		cli_error("probe", msg);
	}
	if (st->global.json && json_line(st, r) < 0)
		return cli_stdout_done("probe", EXIT_OUTPUT);
	if (st->global.out_dir && write_files(st, r) != CLI_GO_ON)
		return EXIT_OUTPUT;
	if (st->global.prometheus) {
		if (prom_site(st, r, rp) < 0) {
			cli_error("probe", "out of memory");
			return EXIT_OUTPUT;
		}
	}
	return rc;
}

void
sites_failed(struct sites *st, int rc)
{
	struct site_row *row = &st->rows[st->cur];

	row->name = st->inv.sites[st->cur].name;
	row->done = 1;
	row->status = rc;
	row->ntun = st->inv.sites[st->cur].ntunnels;
	snprintf(row->verdict, sizeof(row->verdict), "error");
	row->secs = mono_s() - st->t0;
}

int
sites_out_begin(struct sites *st)
{
	const char *dir = st->global.out_dir;
	struct stat sb;
	char msg[4200];

	if (!dir)
		return CLI_GO_ON;
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		snprintf(msg, sizeof(msg), _("--out-dir: cannot create %.3000s: %s"), dir,
			 strerror(errno));
		cli_error("probe", msg);
		return EXIT_OUTPUT;
	}
	if (stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		snprintf(msg, sizeof(msg), _("--out-dir: %.3000s is not a directory"), dir);
		cli_error("probe", msg);
		return EXIT_USAGE;
	}
	return CLI_GO_ON;
}

/* A row's MTUs: "1454", "-" (not measured), tunnels as "1374,1374". */
static void
mtus(char *buf, size_t len, const unsigned *v, size_t n)
{
	size_t at = 0;

	buf[0] = '\0';
	if (!n)
		snprintf(buf, len, "-");
	for (size_t k = 0; k < n && at + 8 < len; k++)
		at += (size_t)(v[k] ? snprintf(buf + at, len - at, "%s%u", k ? "," : "", v[k])
				    : snprintf(buf + at, len - at, "%s-", k ? "," : ""));
}

void
sites_table(FILE *f, const struct site_row *rows, size_t n)
{
	int w = 4;

	for (size_t i = 0; i < n; i++)
		if (rows[i].done && (int)strlen(rows[i].name) > w)
			w = (int)strlen(rows[i].name);
	/* Words of a table that scripts read, as JSON's keys and values are:
	 * not translated. */
	fprintf(f, "%-*s  %-7s  %-10s  %-18s  %-8s  %7s  %s\n", w, "site", "WAN MTU", "tunnel MTU",
		"verdict", "verified", "time", "status");
	for (size_t i = 0; i < n; i++) {
		const struct site_row *r = &rows[i];
		char wan[16], tun[200];
		if (!r->done)
			continue;
		mtus(wan, sizeof(wan), &r->wan_mtu, 1);
		mtus(tun, sizeof(tun), r->tun_mtu, r->ntun);
		fprintf(f, "%-*s  %-7s  %-10s  %-18s  %-8s  %6.2fs  %d\n", w, r->name, wan, tun,
			r->verdict, r->verified ? "yes" : "no", r->secs, r->status);
	}
}

int
sites_out_end(struct sites *st)
{
	int worst = EXIT_OK;
	size_t done = 0;
	char err[4200];

	for (size_t i = 0; i < st->inv.nsites; i++)
		if (st->rows[i].done) {
			done += !st->rows[i].interrupted;
			if (site_worse(st->rows[i].status, worst))
				worst = st->rows[i].status;
		}
	/* Stopped by a signal: every site is in the report still, those it cut
	 * short as interrupted (exit 1, the status of a probe stopped early). */
	if (done < st->inv.nsites) {
		snprintf(err, sizeof(err), _("interrupted: %zu of %zu sites measured"), done,
			 st->inv.nsites);
		cli_error("probe", err);
		if (site_worse(EXIT_NOT_MEASURED, worst))
			worst = EXIT_NOT_MEASURED;
	}
	if (!st->global.json)
		sites_table(stdout, st->rows, st->inv.nsites);
	if (cli_stdout_done("probe", EXIT_OK) != EXIT_OK)
		return EXIT_OUTPUT;
	if (st->global.prometheus &&
	    prom_merge_write(st->prom, st->global.prometheus, err, sizeof(err)) < 0) {
		cli_error("probe", err);
		return EXIT_OUTPUT;
	}
	return worst;
}

void
sites_out_free(struct sites *st)
{
	prom_merge_free(st->prom);
	st->prom = NULL;
	free(st->rows);
	st->rows = NULL;
}
