/* SPDX-License-Identifier: BSD-2-Clause */
/* --format value and measured: the numbers alone, one line, for scripts
 * (mtuprobe(1), OUTPUT FORMATS).
 * value, what to set: the WAN MTU, the tunnel MTU and the IPv4 MSS (the
 * tunnel's when a tunnel is modelled or measured, else the WAN's); calc
 * prints '-' for a tunnel it does not model. probe prints '-' for what is
 * not measured and verified, so a script never takes an unverified number
 * for an answer; the tunnel MTU is the model's (what line and ESP carry),
 * never a measured path that only passes as fragments.
 * measured (probe): the measured WAN path MTU, then the tunnel path MTU
 * when a tunnel target was given, '-' when not measured and verified. */
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

static void
put_num(FILE *f, int known, unsigned n)
{
	if (known && n)
		fprintf(f, " %u", n);
	else
		fputs(" -", f);
}

/* probe: the numbers to set, from verified measurements only. */
static void
probe_set(FILE *f, const struct report *r)
{
	const struct report_probe *p = r->probe;
	const struct model_result *m = r->m;
	int wan = m && p->wan->pmtu && p->wan->verified;
	int tunnel =
		wan && m->has_tunnel && (!p->tunnel_target || (p->tunnel && p->tunnel->verified));

	for (size_t k = 0; k < p->nmore; k++) /* every tunnel measured and verified */
		tunnel = tunnel && p->more[k].run && p->more[k].run->verified;

	put_path(f, "", wan ? p->wan : NULL);
	put_num(f, tunnel, m ? m->tunnel_mtu : 0);
	if (m && m->has_tunnel)
		put_num(f, tunnel, m->mss4);
	else
		put_num(f, wan && !p->tunnel_target, m ? m->wan_mss4 : 0);
}

void
render_value(FILE *f, const struct report *r)
{
	const struct report_probe *p = r->probe;

	if (p && r->measured) {
		put_path(f, "", p->wan);
		if (p->tunnel_target)
			put_path(f, " ", p->tunnel);
	} else if (p) {
		probe_set(f, r);
	} else {
		fprintf(f, "%u", r->m->wan_mtu);
		put_num(f, r->m->has_tunnel, r->m->tunnel_mtu);
		fprintf(f, " %u", r->m->has_tunnel ? r->m->mss4 : r->m->wan_mss4);
	}
	fputc('\n', f);
}
