/* SPDX-License-Identifier: BSD-2-Clause */
/* What a system error during a run means for the path: see fault.h. */
#include "core/fault.h"
#include "base/count.h"

#include <errno.h>
#include <stddef.h>

/* errno of a failed route lookup (connect(2) of a UDP socket) or sendto(2)
 * on a raw socket, as ip(7), raw(7) and udp(7) list them. */
static const struct {
	int sys_errno;
	enum fault fault;
} by_errno[] = {
	{ ENETUNREACH, FAULT_NO_ROUTE },  /* no route in the table (route deleted) */
	{ EHOSTUNREACH, FAULT_NO_ROUTE }, /* unreachable route, or no neighbour answer */
	{ ENETDOWN, FAULT_IFACE_DOWN },   /* the route's device is down */
	{ ENODEV, FAULT_IFACE_DOWN },     /* the device is gone (-I of a deleted one) */
	{ ENXIO, FAULT_IFACE_DOWN },
	{ EADDRNOTAVAIL, FAULT_NO_SOURCE }, /* our source address was removed */
	{ EPERM, FAULT_BLOCKED },           /* netfilter's verdict on an output packet */
	{ EACCES, FAULT_BLOCKED },
};

enum fault
fault_of_error(enum fault_stage stage, int sys_errno, int iface_down)
{
	if (stage == FAULT_AT_RECV)
		return FAULT_RECV;
	if (iface_down)
		return FAULT_IFACE_DOWN;
	for (size_t i = 0; i < COUNT(by_errno); i++)
		if (by_errno[i].sys_errno == sys_errno)
			return by_errno[i].fault;
	/* A route lookup that failed otherwise still found no way to the target. */
	return stage == FAULT_AT_ROUTE ? FAULT_NO_ROUTE : FAULT_SEND;
}

int
fault_is_error(enum fault f)
{
	return f != FAULT_NONE && f != FAULT_UNREACHABLE && f != FAULT_NO_ANSWER &&
	       f != FAULT_INTERRUPTED;
}
