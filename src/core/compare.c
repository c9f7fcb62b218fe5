/* SPDX-License-Identifier: BSD-2-Clause */
/* Measured against modelled: what a probe through the tunnel tells about the
 * tunnel's configuration, and which MSS clamp TCP survives as it stands.
 * Pure: numbers in, a verdict and words out. */
#include "core/model.h"

#include <stdio.h>
#include <string.h>

/* Field case 1 (doc/field-cases.md): a clamp from a sample config
 * (AWS's 1387, or 1379) above what the tunnel carries kills the tunnel. */
static void
safe_clamp(struct model_result *m, unsigned carried)
{
	m->safe_mss4 = carried - IP_MSS4_HDR;
	m->safe_mss6 = carried >= IP_MIN_MTU6 ? carried - IP_MSS6_HDR : 0;
}

static int
clamp_text(char *buf, size_t len, const struct model_result *m)
{
	if (m->safe_mss6)
		return snprintf(buf, len, "%u (IPv4) / %u (IPv6)", m->safe_mss4, m->safe_mss6);
	return snprintf(buf, len, "%u (IPv4; no IPv6 below 1280)", m->safe_mss4);
}

/* The tunnel takes packets up to ev->device_mtu but fewer cross: the rest
 * are lost after encryption (the outer packet is fragmented and the
 * fragments dropped, or it is too big and the ICMP never reaches us). */
static int
judge_lost(struct model_result *m, const struct tunnel_evidence *ev, int has_model,
	   char *verdict, size_t len)
{
	unsigned p = ev->measured, fix = p;
	char clamp[64];

	if (has_model && m->tunnel_mtu < fix)
		fix = m->tunnel_mtu;
	safe_clamp(m, fix);
	clamp_text(clamp, sizeof(clamp), m);
	snprintf(verdict, len,
		 "the tunnel takes up to %u bytes (%s reported MTU %u), but only %u cross: "
		 "packets of %u to %u bytes are lost after encryption; set the tunnel MTU to %u. "
		 "While it stays at %u, an MSS clamp above %s breaks TCP.",
		 ev->device_mtu, ev->device_from && *ev->device_from ? ev->device_from : "a router",
		 ev->device_mtu, p, p + 1, ev->device_mtu, fix, ev->device_mtu, clamp);
	if (!has_model)
		model_use_measured_tunnel(m, fix);
	else if (fix < m->tunnel_mtu) {
		m->tunnel_mtu = fix;
		m->mss4 = fix - IP_MSS4_HDR;
		m->v6_ok = fix >= IP_MIN_MTU6;
		m->mss6 = m->v6_ok ? fix - IP_MSS6_HDR : 0;
	}
	model_warn(m, "%s", verdict);
	return TUNNEL_LOST;
}

static int
judge_model(struct model_result *m, unsigned p, char *verdict, size_t len)
{
	char clamp[64];

	if (p > m->tunnel_mtu_model) {
		/* A DF probe can only pass above what the WAN carries after
		 * encryption if the encrypted packet is fragmented (the tunnel
		 * endpoint fragments it, or clears DF on the outer header). */
		safe_clamp(m, m->tunnel_mtu_model);
		clamp_text(clamp, sizeof(clamp), m);
		snprintf(verdict, len,
			 "tunnel path MTU %u is above the %u that WAN MTU %u and the ESP carry. "
			 "%u to %u bytes pass only fragmented after encryption, and are lost where fragments "
			 "are dropped; set the tunnel MTU to %u. Until then, a clamp above %s relies on those "
			 "fragments.",
			 p, m->tunnel_mtu_model, m->wan_mtu, m->tunnel_mtu_model + 1, p, m->tunnel_mtu, clamp);
		model_warn(m, "%s", verdict);
		return TUNNEL_ABOVE;
	}
	safe_clamp(m, p);
	clamp_text(clamp, sizeof(clamp), m);
	if (p < m->tunnel_mtu) {
		snprintf(verdict, len,
			 "tunnel path MTU %u is below the %u the line allows (an RTX left at its default 1280?). "
			 "While it stays at %u, any MSS clamp above %s breaks TCP (field case 1). "
			 "It can be raised to %u.",
			 p, m->tunnel_mtu, p, clamp, m->tunnel_mtu);
		model_warn(m, "%s", verdict);
		return TUNNEL_BELOW;
	}
	snprintf(verdict, len, "tunnel path MTU %u agrees with the model (%u); an MSS clamp above "
		 "%s breaks TCP through it.", p, m->tunnel_mtu, clamp);
	return TUNNEL_AGREES;
}

int
model_judge_tunnel(struct model_result *m, const struct tunnel_evidence *ev,
		   char *verdict, size_t len)
{
	int has_model = m->has_tunnel;
	char clamp[64];

	if (has_model && ev->measured > m->tunnel_mtu_model)
		return judge_model(m, ev->measured, verdict, len);
	if (ev->device_mtu > ev->measured)
		return judge_lost(m, ev, has_model, verdict, len);
	if (has_model)
		return judge_model(m, ev->measured, verdict, len);
	model_use_measured_tunnel(m, ev->measured);
	safe_clamp(m, ev->measured);
	clamp_text(clamp, sizeof(clamp), m);
	snprintf(verdict, len, "tunnel path MTU %u: an MSS clamp above %s breaks TCP through it.",
		 ev->measured, clamp);
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
		model_warn(m, "tunnel path MTU %u is below 1280: IPv6 cannot cross this tunnel (RFC 8200 section 5)",
			   measured);
}
