/* SPDX-License-Identifier: BSD-2-Clause */
/* ipsec.conf after its lines are read (config/ipsecconf.c): also= and
 * conn %default applied (the conn's own keys win, then each also= section
 * in order, then %default; ipsec.conf(5) of strongSwan and Libreswan), a
 * cycle or an undefined name reported on its also= line, and every conn
 * turned into one gateway and one tunnel of the site model, the way
 * swan.c fills a swanctl connection and its child. */
#include "config/ipsecconf_int.h"

#include <stdlib.h>
#include <string.h>

/* Fills what dst does not set from src. */
static void
inherit(struct ipc_conn *dst, const struct ipc_conn *src)
{
	for (size_t k = 0; k < K_NKEYS; k++)
		if (!dst->k[k].line && src->k[k].line) {
			dst->k[k] = src->k[k];
			if (k == K_ESP)
				memcpy(dst->esp, src->esp, sizeof(dst->esp));
		}
	for (size_t p = 0; p < P_NPFX; p++)
		if (!dst->p[p].line && src->p[p].line)
			dst->p[p] = src->p[p];
}

static void
cycle(struct config *c, const struct ipc_also *a)
{
	struct config_invalid *b = CFG_PUSH(c, invalid);

	if (!b)
		return;
	b->line = a->line;
	b->why = CONFIG_BAD_CYCLE;
	cfg_copy(b->text, sizeof(b->text), a->text);
}

/* One step of the depth-first walk over also= (an explicit stack: a chain
 * of thousands of also= costs memory, never the C stack). */
static void
step(struct config *c, struct cfg_ctx *x, struct ipc_frame *f)
{
	const struct ipc_also *a = &x->also[f->cursor];
	int k = config_gateway_find(c, a->name);
	struct ipc_frame *nf;

	f->cursor = a->next;
	if (k < 0 || (size_t)k >= x->nconns) {
		cfg_ref(c, a->line, a->text, CONFIG_REF_ALSO, a->name, f->conn);
		return;
	}
	x->conns[k].template_only = 1;
	if (x->conns[k].state == 1) {
		cycle(c, a);
		return;
	}
	if (x->conns[k].state == 2)
		return;
	x->conns[k].state = 1;
	if ((nf = cfg_push(c, (void **)&x->stack, &x->nstack, &x->cap_stack, sizeof(*nf))))
		*nf = (struct ipc_frame){ k, x->conns[k].first_also };
}

static void
finish(struct config *c, struct cfg_ctx *x, int i)
{
	struct ipc_conn *cn = &x->conns[i];

	for (int e = cn->first_also; e >= 0; e = x->also[e].next) {
		int k = config_gateway_find(c, x->also[e].name);
		if (k >= 0 && (size_t)k < x->nconns && x->conns[k].state == 2)
			inherit(cn, &x->conns[k]);
	}
	inherit(cn, &x->dflt);
	cn->state = 2;
}

static void
resolve(struct config *c, struct cfg_ctx *x)
{
	for (size_t i = 0; i < x->nconns && !c->nomem; i++) {
		struct ipc_frame *f;
		if (x->conns[i].state)
			continue;
		x->conns[i].state = 1;
		if (!(f = cfg_push(c, (void **)&x->stack, &x->nstack, &x->cap_stack, sizeof(*f))))
			return;
		*f = (struct ipc_frame){ (int)i, x->conns[i].first_also };
		while (x->nstack && !c->nomem) {
			struct ipc_frame *top = &x->stack[x->nstack - 1];
			if (top->cursor >= 0) {
				step(c, x, top);
				continue;
			}
			finish(c, x, top->conn);
			x->nstack--;
		}
	}
}

/* ---- the model ------------------------------------------------------------ */

/* Whether DPD runs, and which line says so. strongSwan: dpdaction other
 * than none turns it on (default none: no DPD), dpddelay (default 30s) is
 * the interval, 0 off. Libreswan: dpddelay turns it on (default 0: off),
 * and IKEv1 needs dpdtimeout as well (Libreswan ipsec.conf(5)). */
static void
dpd(const struct config *c, const struct ipc_conn *n, struct config_gateway *g)
{
	const struct config_num *act = &n->k[K_DPDACTION], *del = &n->k[K_DPDDELAY],
				*to = &n->k[K_DPDTIMEOUT];
	const struct config_num *why;
	int on;

	g->ka_method = CONFIG_KA_DPD;
	g->ka_method_set = 1;
	g->ka_interval = del->line ? del->v : 30;
	if (c->dialect == CONFIG_DIALECT_STRONGSWAN) {
		on = act->line && act->v != CONFIG_ACT_NONE && (!del->line || del->v > 0);
		why = del->line && del->v == 0 ? del : act;
	} else {
		on = del->line && del->v > 0 && (n->k[K_VERSION].v != 1 || (to->line && to->v > 0));
		why = del->line && del->v > 0 && to->line ? to : del;
	}
	if (why->line)
		g->keepalive = *why;
	g->keepalive.v = on ? CONFIG_ON : CONFIG_OFF;
	g->keepalive.tmpl = act->tmpl || del->tmpl || to->tmpl;
	/* the vendor-neutral view (config.h config_live), the line above deciding */
	if (cfg_live_start(g))
		return;
	if (on) {
		g->live.state = CONFIG_LIVE_ON;
		return;
	}
	if (c->dialect == CONFIG_DIALECT_STRONGSWAN)
		g->live.why = why->line ? CONFIG_WHY_IPC_NO_ACTION : CONFIG_WHY_IPC_NO_ACTION_UNSET;
	else if (why == del && del->line && n->k[K_VERSION].v == 1 && !to->line)
		g->live.why = CONFIG_WHY_IPC_NO_TIMEOUT;
	else
		g->live.why = why->line ? CONFIG_WHY_IPC_NO_DELAY : CONFIG_WHY_IPC_NO_DELAY_UNSET;
}

/* How long DPD keeps the conn's SA after the peer died (config.h
 * config_hold): ipsec.conf(5), dpdtimeout (IKEv1) is the hold itself;
 * else, as swanctl, dpddelay is a lower bound (retransmissions follow). */
static void
hold(const struct config_gateway *g, struct config_hold *h)
{
	const struct config_num *k = &g->keepalive, *to = &g->dpd_timeout;

	if (k->tmpl)
		h->v = CONFIG_HOLD_UNKNOWN;
	else if (!k->line || k->v == CONFIG_OFF)
		h->v = CONFIG_HOLD_NONE;
	else if (to->line && !to->tmpl && to->v > 0) {
		h->v = to->v;
		h->exact = 1;
		h->src = *to;
	} else {
		h->v = g->ka_interval;
		h->src = *k;
	}
}

/* Who starts the conn's IKE (config.h config_start), ipsec.conf(5) of
 * strongSwan and Libreswan: auto=start initiates, route and ondemand on
 * traffic (a trap policy), add loads it and waits, ignore (and no auto=,
 * the default) not even loads it. A waiting conn whose DPD runs and does
 * not bring it back after the peer clears it (dpdaction other than
 * restart; in strongSwan hold is a trap policy, which does) is left to
 * no-reinitiation, whose fix starts it too: after_stays says so for that
 * check, whatever auto= is. after_never, the pair audit's, asks the same
 * whether or not DPD runs. */
static void
start(const struct config *c, const struct config_gateway *g, struct config_start *s)
{
	const struct config_num *r = &g->refresh, *d = &g->dpd_action;
	int dead_stays = g->keepalive.v != CONFIG_OFF && !d->tmpl && !g->keepalive.tmpl &&
			 !(d->line && d->v == CONFIG_ACT_RESTART) &&
			 !(c->dialect == CONFIG_DIALECT_STRONGSWAN && d->v == CONFIG_ACT_HOLD);

	s->src = *r;
	s->after_stays = dead_stays;
	s->after_never =
		!d->line || (d->v != CONFIG_ACT_RESTART &&
			     !(c->dialect == CONFIG_DIALECT_STRONGSWAN && d->v == CONFIG_ACT_HOLD));
	s->after_src = *d;
	if (r->tmpl) {
		s->state = CONFIG_START_UNKNOWN;
		s->why = CONFIG_SWHY_IPC_LOADS;
	} else if (r->v == 1) {
		s->state = g->start_action.v == CONFIG_ACT_TRAP ? CONFIG_START_ON_TRAFFIC
								: CONFIG_START_ALWAYS;
		s->why = CONFIG_SWHY_IPC_LOADS;
	} else {
		s->state = CONFIG_START_NEVER;
		s->why = dead_stays ? CONFIG_SWHY_IPC_DPD_STAYS
			 : r->line && g->start_action.v != CONFIG_ACT_OTHER
				 ? CONFIG_SWHY_IPC_LOADS
				 : CONFIG_SWHY_IPC_NOT_LOADS;
	}
}

static void
fill(struct config *c, const struct ipc_conn *n, struct config_gateway *g, struct config_tunnel *t)
{
	g->version = n->k[K_VERSION];
	g->natt = n->k[K_NATT];
	g->esp = n->k[K_ESP];
	if (c->dialect == CONFIG_DIALECT_LIBRESWAN)
		g->esp.cut |= cfg_libreswan_esp(g->esp_text, sizeof(g->esp_text), n->esp);
	else
		cfg_copy(g->esp_text, sizeof(g->esp_text), n->esp);
	g->local_id = n->p[P_LEFTSUBNET];
	g->remote_id = n->p[P_RIGHTSUBNET];
	g->remote_addr = n->p[P_RIGHT];
	g->local_addr = n->p[P_LEFT];
	g->start_action = n->k[K_AUTO];
	g->refresh = n->k[K_AUTO];
	g->refresh.v = n->k[K_AUTO].v == CONFIG_ACT_START || n->k[K_AUTO].v == CONFIG_ACT_TRAP;
	g->dpd_action = n->k[K_DPDACTION];
	g->close_action = n->k[K_CLOSE];
	g->dpd_timeout = n->k[K_DPDTIMEOUT];
	dpd(c, n, g);
	t->dpd = n->k[K_DPDDELAY];
	t->encap = n->k[K_TYPE];
	t->kind = n->k[K_TYPE].line ? (enum config_tunnel_kind)n->k[K_TYPE].v : CONFIG_TK_IPSEC;
	t->mtu = n->k[K_MTU];
	t->inside = n->p[P_LEFTVTI];
}

/* A conn that is only an also= template: named by another and never
 * loaded itself (auto unset or ignore, both man pages' default). */
static int template(const struct ipc_conn *n)
{
	return n->template_only && (!n->k[K_AUTO].line || n->k[K_AUTO].v == CONFIG_ACT_OTHER);
}

/* Drops template conns from the gateway and tunnel tables (same index as
 * conns), renumbering what points into them, and rebuilds the index. */
static void
compact(struct config *c, struct cfg_ctx *x)
{
	size_t k = 0;
	int *map = malloc((x->nconns ? x->nconns : 1) * sizeof(*map));

	if (!map) {
		c->nomem = 1;
		return;
	}
	for (size_t i = 0; i < x->nconns; i++) {
		map[i] = -1;
		if (template(&x->conns[i]))
			continue;
		c->gateways[k] = c->gateways[i];
		c->tunnels[k] = c->tunnels[i];
		c->tunnels[k].gateway = (int)k;
		map[i] = (int)k++;
	}
	for (size_t r = 0; r < c->nrefs; r++)
		if (c->refs[r].tunnel >= 0 && (size_t)c->refs[r].tunnel < x->nconns)
			c->refs[r].tunnel = map[c->refs[r].tunnel];
	free(map);
	c->ngateways = c->ntunnels = k;
	cfg_index_free(c);
	for (size_t i = 0; i < k && !c->nomem; i++)
		if (cfg_index_add(c, CFG_T_GATEWAYS, i) < 0 ||
		    cfg_index_add(c, CFG_T_TUNNELS, i) < 0)
			c->nomem = 1;
}

void
ipc_model(struct config *c, struct cfg_ctx *x)
{
	resolve(c, x);
	for (size_t i = 0; i < x->nconns && i < c->ngateways && !c->nomem; i++)
		fill(c, &x->conns[i], &c->gateways[i], &c->tunnels[i]);
	if (!c->nomem)
		compact(c, x);
	cfg_holds(c, hold);
	cfg_starts(c, start);
}
