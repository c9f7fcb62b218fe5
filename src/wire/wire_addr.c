/* Addresses as text, for reports and warnings: one place for inet_ntop. */
#include "wire/wire.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <sys/socket.h>

void
wire_addr_text(const struct wire_addr *a, char *buf, size_t len)
{
	int af = a->family == 6 ? AF_INET6 : AF_INET;

	if ((a->family != 4 && a->family != 6) || !inet_ntop(af, a->a, buf, (socklen_t)len))
		snprintf(buf, len, "-");
}
