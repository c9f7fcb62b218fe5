/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --config: where a router's configuration and a measurement
 * disagree. Pure: an audit of the configuration alone (its own line MTU)
 * and the measured path MTUs in, codes with the numbers out (VS_ codes of
 * struct audit_say, worded by render/audit_words.c). */
#include "core/audit_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* One line: code and its arguments (an ARGS() list, at most AUDIT_ARGS). */
static void
say(struct audit_vs *v, int disagree, int code, const struct audit_arg *args)
{
	struct audit_say *w;

	v->disagree += disagree;
	if (room(v) < 0) {
		v->dropped++;
		return;
	}
	w = &v->lines[v->n++];
	memset(w, 0, sizeof(*w));
	w->code = code;
	for (size_t k = 0; k + 1 < AUDIT_ARGS && args[k].kind != AA_END; k++)
		w->arg[k] = args[k];
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
	const struct audit_line_from *from = &r->line_from;

	if (!r->line_mtu)
		say(v, 0, VS_WAN_NO_LINE, ARGS(AN(w)));
	else if (r->line_mtu > w)
		say(v, 1, VS_WAN_ABOVE, ARGS(AN(r->line_mtu), AF(from), AN(w), AN(w)));
	else if (r->line_mtu < w)
		say(v, 0, VS_WAN_BELOW,
		    ARGS(AN(r->line_mtu), AF(from), AN(w), AN(w - r->line_mtu)));
	else
		say(v, 0, VS_WAN_AGREES, ARGS(AN(r->line_mtu), AF(from)));
}

/* One tunnel against the path measured through it (RFC 879: MSS = MTU - 40). */
static void
tunnel(const struct audit_result *r, const struct audit_tunnel *t, unsigned p, struct audit_vs *v)
{
	const struct config_tunnel *ct = &r->cfg->tunnels[t->index];
	struct audit_arg how = AW(t->mtu_default ? W_THE_DEFAULT : W_CONFIGURED);

	if (t->mtu > p)
		say(v, 1, VS_TUNNEL_ABOVE,
		    ARGS(AS(ct->name), AN(t->mtu), how, AN(p), AN(p + 1), AN(t->mtu), AN(p)));
	else if (t->mtu && t->mtu < p)
		say(v, 1, VS_TUNNEL_BELOW, ARGS(AS(ct->name), AN(t->mtu), how, AN(p)));
	else if (t->mtu)
		say(v, 0, VS_TUNNEL_AGREES, ARGS(AS(ct->name), AN(t->mtu), how, AN(p)));
	if (ct->mss.line && ct->mss.v == CONFIG_MSS_NUM && ct->mss_value > (long)p - 40)
		say(v, 1, VS_CLAMP_ABOVE,
		    ARGS(AS(ct->name), AN(ct->mss_value), AN(ct->mss.line), AN(p - 40), AN(p)));
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
		say(v, 0, VS_TUNNELS, ARGS(AN(r->ntunnels)));
	for (size_t i = 0; i < r->ntunnels; i++)
		tunnel(r, &r->tunnels[i], tunnel_pmtu, v);
}
