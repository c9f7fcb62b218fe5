/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --config: where a router's configuration and a measurement
 * disagree. Pure: an audit of the configuration alone (its own line MTU)
 * and the measured path MTUs in, sentences with the numbers out. */
#include "core/audit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>


static int
room(struct audit_vs *v)
{
	size_t cap = v->cap ? 2 * v->cap : 16;
	void *p;

	if (v->n < v->cap)
		return 0;
	p = realloc(v->lines, cap * sizeof v->lines[0]);
	if (!p)
		return -1;
	v->lines = p;
	v->cap = cap;
	return 0;
}

__attribute__((format(printf, 3, 4)))
static void
say(struct audit_vs *v, int disagree, const char *fmt, ...)
{
	va_list ap;

	v->disagree += disagree;
	if (room(v) < 0) {
		v->dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(v->lines[v->n], AUDIT_MSG, fmt, ap);
	va_end(ap);
	v->n++;
}

void
audit_vs_free(struct audit_vs *v)
{
	free(v->lines);
	v->lines = NULL;
	v->n = v->cap = 0;
}

static void
wan(const struct audit_result *r, unsigned w, struct audit_vs *v)
{
	if (!r->line_mtu)
		say(v, 0, "the configuration does not give the line MTU; the measured WAN path MTU %u is used", w);
	else if (r->line_mtu > w)
		say(v, 1, "the configuration's line MTU %u (%s) is above the %u that crosses the WAN: "
		    "something on the path is smaller than the line; set it to %u", r->line_mtu,
		    r->line_from, w, w);
	else if (r->line_mtu < w)
		say(v, 0, "the configuration's line MTU %u (%s) is below the %u that crosses the WAN: "
		    "safe, %u bytes unused", r->line_mtu, r->line_from, w, w - r->line_mtu);
	else
		say(v, 0, "the configuration's line MTU %u (%s) agrees with the measured WAN path MTU",
		    r->line_mtu, r->line_from);
}

/* One tunnel against the path measured through it (RFC 879: MSS = MTU - 40). */
static void
tunnel(const struct audit_result *r, const struct audit_tunnel *t, unsigned p, struct audit_vs *v)
{
	const struct config_tunnel *ct = &r->cfg->tunnels[t->index];
	const char *how = t->mtu_default ? "the default" : "configured";

	if (t->mtu > p)
		say(v, 1, "%s: MTU %u (%s) is above the %u measured through the tunnel: packets of %u to %u "
		    "bytes are fragmented or lost after encryption; set it to %u", ct->name, t->mtu, how, p,
		    p + 1, t->mtu, p);
	else if (t->mtu && t->mtu < p)
		say(v, 1, "%s: MTU %u (%s) is below the %u measured through the tunnel: either the probe "
		    "did not cross this tunnel, or the router's own tunnel MTU is not what limits it",
		    ct->name, t->mtu, how, p);
	else if (t->mtu)
		say(v, 0, "%s: MTU %u (%s) agrees with the %u measured through the tunnel", ct->name,
		    t->mtu, how, p);
	if (ct->mss.line && ct->mss.v == CONFIG_MSS_NUM && ct->mss_value > (long)p - 40)
		say(v, 1, "%s: the MSS clamp %ld (line %u) is above the %u that fits the %u measured "
		    "through the tunnel: TCP segments that size do not cross (field case 1)", ct->name,
		    ct->mss_value, ct->mss.line, p - 40, p);
}

void
audit_vs_measured(const struct audit_result *r, unsigned wan_pmtu, unsigned tunnel_pmtu,
		  struct audit_vs *v)
{
	v->n = 0;
	v->disagree = v->dropped = 0;
	if (wan_pmtu)
		wan(r, wan_pmtu, v);
	if (!tunnel_pmtu)
		return;
	if (r->ntunnels > 1)
		say(v, 0, "the configuration has %zu tunnels; each is compared with the one tunnel path "
		    "measured", r->ntunnels);
	for (size_t i = 0; i < r->ntunnels; i++)
		tunnel(r, &r->tunnels[i], tunnel_pmtu, v);
}
