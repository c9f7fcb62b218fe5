/* SPDX-License-Identifier: BSD-2-Clause */
/* --prometheus FILE: the node_exporter textfile-collector format (Prometheus
 * text exposition format 0.0.4), one sample per path. Metric names are a
 * contract, documented in mtuprobe(1), WATCHING A PATH. */
#include <stdio.h>

#include "probe/engine.h"
#include "render/render.h"

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

static const struct metric metrics[] = {
	{ "mtuprobe_path_mtu_bytes", "gauge", "Path MTU measured in the last round, bytes of a whole IP packet (0: not measured)." },
	{ "mtuprobe_path_verified", "gauge", "1 when the last round's path MTU was verified (PMTU passed again, PMTU+1 failed again)." },
	{ "mtuprobe_path_probes", "gauge", "Probes sent on the path in the last round." },
	{ "mtuprobe_path_elapsed_seconds", "gauge", "Time the last round spent probing the path." },
	{ "mtuprobe_path_last_success_timestamp_seconds", "gauge", "Unix time of the last round that measured and verified the path (absent: none yet)." },
};

static void
sample(FILE *f, const struct metric *m, const char *path, const char *target, double v)
{
	fprintf(f, "%s{path=\"%s\",target=\"", m->name, path);
	label(f, target);
	/* whole numbers as integers; seconds to the microsecond */
	if (v == (double)(long long)v)
		fprintf(f, "\"} %lld\n", (long long)v);
	else
		fprintf(f, "\"} %.6f\n", v);
}

void
render_prometheus(FILE *f, const struct report *r, const struct prom_state *st)
{
	const struct report_probe *p = r->probe;
	const struct probe_run *runs[2] = { p->wan, p->tunnel_target ? p->tunnel : NULL };
	const char *names[2] = { "wan", "tunnel" };
	const char *targets[2] = { p->wan_target, p->tunnel_target };
	int npaths = p->tunnel_target ? 2 : 1;

	for (size_t i = 0; i < sizeof(metrics) / sizeof(metrics[0]); i++) {
		const struct metric *m = &metrics[i];
		fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", m->name, m->help, m->name, m->type);
		for (int k = 0; k < npaths; k++) {
			const struct probe_run *run = runs[k];
			double v;
			switch (i) {
			case 0: v = run ? run->pmtu : 0; break;
			case 1: v = run && run->pmtu && run->verified; break;
			case 2: v = run ? run->probes_sent : 0; break;
			case 3: v = run ? (double)run->elapsed_us / 1e6 : 0; break;
			default:
				if (!st->last_success[k])
					continue;
				v = (double)st->last_success[k];
			}
			sample(f, m, names[k], targets[k], v);
		}
	}
	fprintf(f, "# HELP mtuprobe_rounds_total Rounds measured since mtuprobe started.\n"
		   "# TYPE mtuprobe_rounds_total counter\nmtuprobe_rounds_total %lu\n", st->rounds);
}
