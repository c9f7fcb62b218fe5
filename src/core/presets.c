/* Access-line presets and peer profiles: data, with the source of each number. */
#include "core/model.h"

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct line_preset lines[] = {
	{ "flets-pppoe", 1454, WAN_PPPOE, "Flet's PPPoE (NTT NGN)",
	  "NTT East/West Flet's interface specification; field-cases.md case 1" },
	{ "pppoe", 1492, WAN_PPPOE, "PPPoE over Ethernet (1500 - 8)", "RFC 2516" },
	{ "map-e", 1460, WAN_4IN6, "IPv4 over IPv6, MAP-E (v6plus, OCN) (1500 - 40)",
	  "RFC 7597" },
	{ "v6plus", 1460, WAN_4IN6, "IPv4 over IPv6, MAP-E (v6plus) (1500 - 40)", "RFC 7597" },
	{ "ocn", 1460, WAN_4IN6, "IPv4 over IPv6, MAP-E (OCN) (1500 - 40)", "RFC 7597" },
	{ "ds-lite", 1460, WAN_4IN6, "IPv4 over IPv6, DS-Lite (transix) (1500 - 40)",
	  "RFC 6333" },
	{ "transix", 1460, WAN_4IN6, "IPv4 over IPv6, DS-Lite (transix) (1500 - 40)",
	  "RFC 6333" },
	{ "flets-premium-west", 1438, WAN_PPPOE, "Flet's Hikari Premium (NTT West)",
	  "field-cases.md case 1" },
	{ "ethernet", 1500, WAN_ETHER, "Ethernet / IPoE", "RFC 894" },
};

static const struct peer_def peers[] = {
	/* AWS Site-to-Site VPN user guide, customer gateway device requirements:
	 * maximum MTU 1446, MSS 1406; path MTU discovery not supported. */
	{ "aws", "AWS Site-to-Site VPN", 1446, 1406, 0,
	  "AWS Site-to-Site VPN user guide, customer gateway requirements" },
};

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

const struct peer_def *
model_peer_at(size_t i)
{
	return i < COUNT(peers) ? &peers[i] : NULL;
}

static const char *line_name(size_t i) { return i < COUNT(lines) ? lines[i].name : NULL; }
static const char *peer_name(size_t i) { return i < COUNT(peers) ? peers[i].name : NULL; }

void model_line_names(char *buf, size_t len) { overhead_join_names(buf, len, line_name); }
void model_peer_names(char *buf, size_t len) { overhead_join_names(buf, len, peer_name); }
