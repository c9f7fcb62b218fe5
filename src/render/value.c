/* SPDX-License-Identifier: BSD-2-Clause */
/* --format value: the numbers alone, one line, for scripts (mtuprobe(1),
 * OUTPUT FORMATS). calc: the WAN MTU, then the tunnel MTU when a tunnel is
 * modelled. probe: the measured WAN path MTU, then the tunnel path MTU when a
 * tunnel target was given; a path that is not measured and verified is '-',
 * so a script never takes an unverified number for an answer. */
#include <stdio.h>

#include "probe/engine.h"
#include "render/render.h"

static void
put_path(FILE *f, const char *sep, const struct probe_run *run)
{
	if (run && run->pmtu && run->verified)
		fprintf(f, "%s%u", sep, run->pmtu);
	else
		fprintf(f, "%s-", sep);
}

void
render_value(FILE *f, const struct report *r)
{
	const struct report_probe *p = r->probe;

	if (p) {
		put_path(f, "", p->wan);
		if (p->tunnel_target)
			put_path(f, " ", p->tunnel);
	} else {
		fprintf(f, "%u", r->m->wan_mtu);
		if (r->m->has_tunnel)
			fprintf(f, " %u", r->m->tunnel_mtu);
	}
	fputc('\n', f);
}
