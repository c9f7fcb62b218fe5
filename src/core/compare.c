/* SPDX-License-Identifier: BSD-2-Clause */
/* Measured against modelled: what a probe through the tunnel tells about the
 * tunnel's configuration, and which MSS clamp TCP survives as it stands.
 * Pure: numbers in, a verdict and its numbers out (render/model_words.c
 * words them). */
#include "core/model.h"

#include <stdio.h>
#include <string.h>

/* Field case 1 (doc/field-cases.md): a clamp from a sample config
 * (AWS's 1387, or 1379) above what the tunnel carries kills the tunnel. */
static void
safe_clamp(struct model_result *m, struct tunnel_judgement *j, unsigned carried)
{
	m->safe_mss4 = carried - IP_MSS4_HDR;
	m->safe_mss6 = carried >= IP_MIN_MTU6 ? carried - IP_MSS6_HDR : 0;
	j->safe_mss4 = m->safe_mss4;
	j->safe_mss6 = m->safe_mss6;
}

static void
warn_verdict(struct model_result *m, const struct tunnel_judgement *j)
{
	model_warn_tunnel(m, NULL, j);
}

/* The tunnel takes packets up to ev->device_mtu but fewer cross: the rest
 * are lost after encryption (the outer packet is fragmented and the
 * fragments dropped, or it is too big and the ICMP never reaches us). */
static int
judge_lost(struct model_result *m, const struct tunnel_evidence *ev, int has_model,
	   struct tunnel_judgement *j)
{
	unsigned p = ev->measured, fix = p;

	if (has_model && m->tunnel_mtu < fix)
		fix = m->tunnel_mtu;
	safe_clamp(m, j, fix);
	j->verdict = TUNNEL_LOST;
	j->device_mtu = ev->device_mtu;
	snprintf(j->device_from, sizeof(j->device_from), "%s",
		 ev->device_from ? ev->device_from : "");
	j->set = fix;
	if (!has_model)
		model_use_measured_tunnel(m, fix);
	else if (fix < m->tunnel_mtu) {
		m->tunnel_mtu = fix;
		m->mss4 = fix - IP_MSS4_HDR;
		m->v6_ok = fix >= IP_MIN_MTU6;
		m->mss6 = m->v6_ok ? fix - IP_MSS6_HDR : 0;
	}
	warn_verdict(m, j);
	return TUNNEL_LOST;
}

static int
judge_model(struct model_result *m, unsigned p, struct tunnel_judgement *j)
{
	j->set = m->tunnel_mtu;
	if (p > m->tunnel_mtu_model) {
		/* A DF probe can only pass above what the WAN carries after
		 * encryption if the encrypted packet is fragmented (the tunnel
		 * endpoint fragments it, or clears DF on the outer header). */
		safe_clamp(m, j, m->tunnel_mtu_model);
		j->verdict = TUNNEL_ABOVE;
		j->model = m->tunnel_mtu_model;
		j->wan_mtu = m->wan_mtu;
		warn_verdict(m, j);
		return TUNNEL_ABOVE;
	}
	safe_clamp(m, j, p);
	if (p < m->tunnel_mtu) {
		j->verdict = TUNNEL_BELOW;
		warn_verdict(m, j);
		return TUNNEL_BELOW;
	}
	j->verdict = TUNNEL_AGREES;
	return TUNNEL_AGREES;
}

int
model_judge_tunnel(struct model_result *m, const struct tunnel_evidence *ev,
		   struct tunnel_judgement *j)
{
	int has_model = m->has_tunnel;

	memset(j, 0, sizeof(*j));
	j->measured = ev->measured;
	if (has_model && ev->measured > m->tunnel_mtu_model)
		return judge_model(m, ev->measured, j);
	if (ev->device_mtu > ev->measured)
		return judge_lost(m, ev, has_model, j);
	if (has_model)
		return judge_model(m, ev->measured, j);
	model_use_measured_tunnel(m, ev->measured);
	safe_clamp(m, j, ev->measured);
	j->verdict = TUNNEL_NO_MODEL;
	return TUNNEL_NO_MODEL;
}

void
model_use_measured_tunnel(struct model_result *m, unsigned measured)
{
	m->has_tunnel = 1;
	m->tunnel_mtu_model = m->tunnel_mtu = measured;
	m->mss4 = measured - IP_MSS4_HDR;
	m->v6_ok = measured >= IP_MIN_MTU6;
	m->mss6 = m->v6_ok ? measured - IP_MSS6_HDR : 0;
	if (!m->v6_ok)
		model_warn_id(m, MW_TUNNEL_PATH_NO_V6, measured);
}
