/* Measured against modelled: what a probe through the tunnel tells about the
 * tunnel's configuration. Pure: numbers in, a verdict and words out. */
#include "core/model.h"

#include <stdio.h>
#include <string.h>

int
model_compare_tunnel(struct model_result *m, unsigned measured, char *verdict, size_t len)
{
	if (measured > m->tunnel_mtu_model) {
		/* A DF probe can only pass above what the WAN carries after
		 * encryption if the encrypted packet is fragmented (the tunnel
		 * endpoint fragments it, or clears DF on the outer header). */
		snprintf(verdict, len,
			 "measured tunnel path MTU %u is above the %u that WAN MTU %u and the encapsulation allow: "
			 "inner packets of %u to %u bytes pass only because they are fragmented after encryption "
			 "(or the outer DF bit is cleared); set the tunnel MTU to %u",
			 measured, m->tunnel_mtu_model, m->wan_mtu, m->tunnel_mtu_model + 1, measured,
			 m->tunnel_mtu);
		model_warn(m, "%s", verdict);
		return 1;
	}
	if (measured < m->tunnel_mtu) {
		snprintf(verdict, len,
			 "measured tunnel path MTU %u is below the %u the line allows: the tunnel MTU is set lower "
			 "than it needs to be (an RTX tunnel left at its default of 1280?); it is %u now and can be raised to %u",
			 measured, m->tunnel_mtu, measured, m->tunnel_mtu);
		model_warn(m, "%s", verdict);
		return -1;
	}
	snprintf(verdict, len, "measured tunnel path MTU %u agrees with the model (%u)", measured,
		 m->tunnel_mtu);
	return 0;
}

void
model_use_measured_tunnel(struct model_result *m, unsigned measured)
{
	m->has_tunnel = 1;
	m->tunnel_mtu_model = m->tunnel_mtu = measured;
	m->mss4 = measured - MODEL_MSS4_HDR;
	m->v6_ok = measured >= MODEL_MIN_MTU6;
	m->mss6 = m->v6_ok ? measured - MODEL_MSS6_HDR : 0;
	if (!m->v6_ok)
		model_warn(m, "tunnel path MTU %u is below 1280: IPv6 cannot cross this tunnel (RFC 8200 section 5)",
			   measured);
}
