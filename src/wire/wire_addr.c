/* SPDX-License-Identifier: BSD-2-Clause */
/* Which addresses can prove a probe arrived (their text: base/ip.c). */
#include "wire/wire.h"

#include <string.h>

/* Only one host can answer an echo as a proof: refuse what is not a
 * unicast address. RFC 1122 3.2.1.3 (0/8, 255.255.255.255), RFC 5771
 * (224/4 multicast), RFC 1112 (240/4 reserved), RFC 4291 2.5.2 (::),
 * 2.5.5 (::ffff:0:0/96 mapped, ::/96 compatible), 2.7 (ff00::/8). */
enum wire_addr_kind
wire_addr_not_unicast(const struct ip_addr *a)
{
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	static const uint8_t zero[16];

	if (a->family == 4) {
		if (a->a[0] == 0)
			return WIRE_ADDR_UNSPEC4;
		if (a->a[0] >= 224 && a->a[0] < 240)
			return WIRE_ADDR_MULTICAST;
		if (a->a[0] >= 240)
			return WIRE_ADDR_RESERVED4;
		return WIRE_ADDR_UNICAST;
	}
	if (a->a[0] == 0xff)
		return WIRE_ADDR_MULTICAST;
	if (memcmp(a->a, zero, 16) == 0)
		return WIRE_ADDR_UNSPEC6;
	if (memcmp(a->a, mapped, 12) == 0)
		return WIRE_ADDR_MAPPED;
	if (memcmp(a->a, zero, 12) == 0 &&
	    !(a->a[12] == 0 && a->a[13] == 0 && a->a[14] == 0 && a->a[15] == 1))
		return WIRE_ADDR_COMPAT;
	return WIRE_ADDR_UNICAST;
}
