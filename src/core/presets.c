/* SPDX-License-Identifier: BSD-2-Clause */
/* Access-line presets and peer profiles: data, with the source of each number. */
#include "core/model.h"

#include "base/i18n.h"
#include "base/count.h"

#include <stdio.h>
#include <string.h>

/* clang-format off */
static const struct line_preset lines[] = {
	{ "flets-pppoe", 1454, WAN_PPPOE, N_("Flet's PPPoE (NTT NGN)"),
	  "NTT East/West Flet's interface specification; doc/field-cases.md case 1" },
	{ "pppoe", 1492, WAN_PPPOE, N_("PPPoE over Ethernet (1500 - 8)"), "RFC 2516" },
	{ "map-e", 1460, WAN_4IN6, N_("IPv4 over IPv6, MAP-E (v6plus, OCN) (1500 - 40)"),
	  "RFC 7597" },
	{ "v6plus", 1460, WAN_4IN6, N_("IPv4 over IPv6, MAP-E (v6plus) (1500 - 40)"), "RFC 7597" },
	{ "ocn", 1460, WAN_4IN6, N_("IPv4 over IPv6, MAP-E (OCN) (1500 - 40)"), "RFC 7597" },
	{ "ds-lite", 1460, WAN_4IN6, N_("IPv4 over IPv6, DS-Lite (transix) (1500 - 40)"),
	  "RFC 6333" },
	{ "transix", 1460, WAN_4IN6, N_("IPv4 over IPv6, DS-Lite (transix) (1500 - 40)"),
	  "RFC 6333" },
	{ "flets-premium-west", 1438, WAN_PPPOE, N_("Flet's Hikari Premium (NTT West)"),
	  "doc/field-cases.md case 1" },
	{ "ethernet", 1500, WAN_ETHER, N_("Ethernet / IPoE"), "RFC 894" },
	/* A business line that hands IPv4 out natively over Ethernet (DHCP or
	 * static; no PPPoE session, no 4in6 tunnel): the Ethernet payload is
	 * the IP MTU. Named so that users of such lines find it; NURO Hikari is
	 * one (IPv4 by DHCP, no PPPoE), though no NURO specification of the MTU
	 * was found: the source says so. */
	{ "ipoe-1500", 1500, WAN_ETHER, N_("IPoE business line, native IPv4 (1500)"), "RFC 894" },
	{ "nuro", 1500, WAN_ETHER, N_("NURO Hikari, native IPv4 by DHCP (1500)"),
	  "RFC 894; no NURO specification found: confirm with mtuprobe probe" },
};
/* clang-format on */

/* Peer profiles: limits for calc/probe, behaviour for audit. Each row
 * names its source; doc/router-facts.md collects them. */
/* clang-format off */
static const struct peer_def peers[] = {
	/* AWS Site-to-Site VPN user guide, customer gateway device requirements:
	 * maximum MTU 1446, MSS 1406; path MTU discovery not supported. EC2 API
	 * ModifyVpnTunnelOptionsSpecification: DPD timeout 40 s, action clear,
	 * startup action add (the customer gateway must initiate) by default.
	 * Keepalive values: AWS's Yamaha sample (dpd 10 3). */
	{ "aws", "AWS Site-to-Site VPN", 1446, 1406, 0,
	  "AWS Site-to-Site VPN user guide (customer gateway requirements, initiate-vpn-tunnels); EC2 API ModifyVpnTunnelOptionsSpecification",
	  1, 0, 0, 1, 0, 10, 3,
	  N_("waits for the customer gateway to start IKE (startup action add), clears the tunnel after 40 s without DPD replies, no path MTU discovery, MTU 1446 / MSS 1406 at most"),
	  40, PEER_DISPLAY_NAME },
	/* The same service over AWS Global Accelerator: AWS knowledge center
	 * ("DOWN, IPSEC UP"): NAT-T must be on at the customer gateway. */
	{ "aws-accelerated", "AWS Site-to-Site VPN (accelerated)", 1446, 1406, 0,
	  "as aws, and the AWS knowledge center article on tunnels that show IPSEC UP but DOWN (NAT-T required for accelerated VPNs)",
	  1, 0, 1, 1, 0, 10, 3,
	  N_("as aws, and NAT-T must be enabled on the customer gateway"), 40, PEER_DISPLAY_NAME },
	/* Field report (RTX1220 Rev.15.04.03 to a VPC router version 2): IKEv1
	 * main mode only; recovered only with auto refresh off for the gateway,
	 * backward-compatibility 2 and DPD 15 2. Neither vendor documents it. */
	{ "sakura", "Sakura Cloud VPC router", 65535, 65535, 1,
	  "field report (doc/field-cases.md case 2): RTX1220 Rev.15.04.03 to a Sakura Cloud VPC router version 2",
	  0, 1, 0, 1, 1, 15, 2,
	  N_("IKEv1 main mode only; the RTX should only respond (auto refresh off for the gateway), backward-compatibility 2, DPD 15 2 (field-observed)"),
	  0 /* its DPD timeout is not documented */, PEER_DISPLAY_NAME },
	/* No assumptions: only the router's own defaults are checked. Its
	 * display describes rather than names: render words it. */
	{ "generic", "a peer of unknown behaviour", 65535, 65535, 1,
	  "no source: nothing is assumed about the peer",
	  0, 0, 0, 0, 0, 0, 0,
	  N_("no assumptions: only what the router's configuration and defaults say"), 0,
	  PEER_DISPLAY_UNKNOWN },
};
/* clang-format on */

const struct line_preset *
model_line(const char *name)
{
	for (size_t i = 0; i < COUNT(lines); i++)
		if (strcmp(lines[i].name, name) == 0)
			return &lines[i];
	return NULL;
}

const struct line_preset *
model_line_at(size_t i)
{
	return i < COUNT(lines) ? &lines[i] : NULL;
}

const struct peer_def *
model_peer(const char *name)
{
	for (size_t i = 0; i < COUNT(peers); i++)
		if (strcmp(peers[i].name, name) == 0)
			return &peers[i];
	return NULL;
}

static const char *
line_name(size_t i)
{
	return i < COUNT(lines) ? lines[i].name : NULL;
}
static const char *
peer_name(size_t i)
{
	return i < COUNT(peers) ? peers[i].name : NULL;
}

void
model_line_names(char *buf, size_t len)
{
	overhead_join_names(buf, len, line_name);
}
void
model_peer_names(char *buf, size_t len)
{
	overhead_join_names(buf, len, peer_name);
}
