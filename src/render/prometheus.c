/* SPDX-License-Identifier: BSD-2-Clause */
/* --prometheus FILE: the node_exporter textfile-collector format (Prometheus
 * text exposition format 0.0.4), one sample per path. Metric names are a
 * contract, documented in mtuprobe(1), WATCHING A PATH. */
#include <stdio.h>

#include "probe/engine.h"
#include "render/render.h"
#include "base/count.h"

/* Label values escape backslash, double quote and newline (exposition format). */
static void
label(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

struct metric {
	const char *name, *type, *help;
};

/* During an outage (a round that measured nothing) path_up and verified say
 * so, and mtu_bytes keeps the last path MTU measured: an alert on "MTU below
 * N" must not fire because the line is down, and a graph must not show the
 * MTU falling to 0; path_up is the outage's own signal (mtuprobe(1)). */
enum { M_UP, M_MTU, M_VERIFIED, M_PROBES, M_ELAPSED, M_LAST_SUCCESS };
/* clang-format off */
static const struct metric metrics[] = {
	[M_UP] = { "mtuprobe_path_up", "gauge", "1 when the last round measured the path MTU, 0 when it could not (see mtuprobe_round_errors_total)." },
	[M_MTU] = { "mtuprobe_path_mtu_bytes", "gauge", "The path MTU last measured, bytes of a whole IP packet, kept while mtuprobe_path_up is 0 (0: none yet)." },
	[M_VERIFIED] = { "mtuprobe_path_verified", "gauge", "1 when the last round measured and verified the path MTU (PMTU passed again, PMTU+1 failed again); 0 in a round that measured nothing." },
	[M_PROBES] = { "mtuprobe_path_probes", "gauge", "Probes sent on the path in the last round." },
	[M_ELAPSED] = { "mtuprobe_path_elapsed_seconds", "gauge", "Time the last round spent probing the path." },
	[M_LAST_SUCCESS] = { "mtuprobe_path_last_success_timestamp_seconds", "gauge", "Unix time of the last round that measured and verified the path (absent: none yet)." },
};
/* clang-format on */

static void
labels(FILE *f, const char *name, const char *path, const char *target)
{
	fprintf(f, "%s{path=\"%s\",target=\"", name, path);
	label(f, target);
	fputc('"', f);
}

static void
value(FILE *f, double v)
{
	/* whole numbers as integers; seconds to the microsecond */
	if (v == (double)(long long)v)
		fprintf(f, "} %lld\n", (long long)v);
	else
		fprintf(f, "} %.6f\n", v);
}

/* The value of metric i for path k; 0 when it has none (the sample is left out). */
static int
path_value(int i, const struct probe_run *run, int fault, const struct prom_state *st, int k,
	   double *v)
{
	switch (i) {
	case M_UP: *v = run && fault == FAULT_NONE; break;
	case M_MTU: *v = st->last_mtu[k]; break;
	case M_VERIFIED: *v = run && fault == FAULT_NONE && run->pmtu && run->verified; break;
	case M_PROBES: *v = run ? run->probes_sent : 0; break;
	case M_ELAPSED: *v = run ? (double)run->elapsed_us / 1e6 : 0; break;
	default: *v = (double)st->last_success[k]; return st->last_success[k] != 0;
	}
	return 1;
}

int
prom_paths(const struct report_probe *p, struct prom_path out[PROM_PATHS])
{
	int n = 0;

	out[n++] = (struct prom_path){ "wan", p->wan_target, p->wan, &p->wan_fault };
	if (!p->tunnel_target)
		return n;
	out[n++] = (struct prom_path){ "tunnel", p->tunnel_target, p->tunnel, &p->tunnel_fault };
	/* more[] holds REPORT_MAX_TUNNEL_IFS - 1: every one fits */
	for (size_t k = 0; k < p->nmore; k++) {
		const struct report_tunnel *t = &p->more[k];
		out[n] = (struct prom_path){ "", t->target, t->run, &t->fault };
		snprintf(out[n].name, sizeof(out[n].name), "tunnel%zu", k + 2);
		n++;
	}
	return n;
}

/* Every reason for every path, 0 until it happens, so that rate() and
 * increase() see the first one (Prometheus "Instrumentation": avoid missing
 * metrics). */
static void
errors(FILE *f, const struct prom_path *paths, int npaths, const struct prom_state *st)
{
	fputs("# HELP mtuprobe_round_errors_total Rounds in which the path was not measured, by reason.\n"
	      "# TYPE mtuprobe_round_errors_total counter\n",
	      f);
	for (int k = 0; k < npaths; k++)
		for (int e = FAULT_NONE + 1; e < FAULT_COUNT; e++) {
			labels(f, "mtuprobe_round_errors_total", paths[k].name, paths[k].target);
			fprintf(f, ",reason=\"%s\"", render_fault_key(e));
			value(f, (double)st->errors[k][e]);
		}
}

void
render_prometheus(FILE *f, const struct report *r, const struct prom_state *st)
{
	struct prom_path paths[PROM_PATHS];
	int npaths = prom_paths(r->probe, paths);

	for (int i = 0; i < (int)COUNT(metrics); i++) {
		const struct metric *m = &metrics[i];
		fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", m->name, m->help, m->name, m->type);
		for (int k = 0; k < npaths; k++) {
			double v;
			if (!path_value(i, paths[k].run, paths[k].fault->code, st, k, &v))
				continue;
			labels(f, m->name, paths[k].name, paths[k].target);
			value(f, v);
		}
	}
	errors(f, paths, npaths, st);
	fprintf(f,
		"# HELP mtuprobe_rounds_total Rounds reported since mtuprobe started, those that measured nothing included.\n"
		"# TYPE mtuprobe_rounds_total counter\nmtuprobe_rounds_total %lu\n",
		st->rounds);
}
