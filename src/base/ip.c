/* SPDX-License-Identifier: BSD-2-Clause */
/* Addresses as text, for reports and warnings: one place for inet_ntop. */
#include "base/ip.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <sys/socket.h>

struct ip_addr
ip_addr_v4(uint32_t host_order)
{
	struct ip_addr a = { .family = 4 };

	a.a[0] = (uint8_t)(host_order >> 24);
	a.a[1] = (uint8_t)(host_order >> 16);
	a.a[2] = (uint8_t)(host_order >> 8);
	a.a[3] = (uint8_t)host_order;
	return a;
}

void
ip_addr_text(const struct ip_addr *a, char *buf, size_t len)
{
	int af = a->family == 6 ? AF_INET6 : AF_INET;

	if (!len)
		return;
	if ((a->family != 4 && a->family != 6) || !inet_ntop(af, a->a, buf, (socklen_t)len))
		snprintf(buf, len, "-");
}
