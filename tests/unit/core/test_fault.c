/* SPDX-License-Identifier: BSD-2-Clause */
/* core/fault.c: what a system error during a run means for the path. The
 * errno values are the ones ip(7) and raw(7) give for the lab's outages
 * (tests/lab/watch.sh, outage: a deleted default route is ENETUNREACH, an
 * interface taken down deletes its routes too, so its errno is the same). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fault.h"

static const struct {
	enum fault_stage stage;
	int sys_errno, iface_down;
	enum fault want;
} cases[] = {
	{ FAULT_AT_SEND, ENETUNREACH, 0, FAULT_NO_ROUTE },
	{ FAULT_AT_ROUTE, ENETUNREACH, 0, FAULT_NO_ROUTE },
	{ FAULT_AT_SEND, EHOSTUNREACH, 0, FAULT_NO_ROUTE },
	/* the interface taken down: its routes went with it */
	{ FAULT_AT_SEND, ENETUNREACH, 1, FAULT_IFACE_DOWN },
	{ FAULT_AT_ROUTE, ENETUNREACH, 1, FAULT_IFACE_DOWN },
	{ FAULT_AT_SEND, ENETDOWN, 0, FAULT_IFACE_DOWN },
	{ FAULT_AT_SEND, ENODEV, 0, FAULT_IFACE_DOWN },
	{ FAULT_AT_SEND, EADDRNOTAVAIL, 0, FAULT_NO_SOURCE },
	{ FAULT_AT_SEND, EPERM, 0, FAULT_BLOCKED },
	{ FAULT_AT_SEND, ENOBUFS, 0, FAULT_SEND },
	{ FAULT_AT_SEND, 0, 0, FAULT_SEND },
	/* a route lookup that fails in another way still found no route */
	{ FAULT_AT_ROUTE, EINVAL, 0, FAULT_NO_ROUTE },
	/* reading answers: the interface's state says nothing about it */
	{ FAULT_AT_RECV, ENETDOWN, 1, FAULT_RECV },
	{ FAULT_AT_RECV, EINTR, 0, FAULT_RECV },
};

static void
test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum fault got =
			fault_of_error(cases[i].stage, cases[i].sys_errno, cases[i].iface_down);
		if (got != cases[i].want)
			fail_msg("case %zu: stage %d errno %d down %d: fault %d, want %d", i,
				 cases[i].stage, cases[i].sys_errno, cases[i].iface_down, got,
				 cases[i].want);
	}
}

static void
test_is_error(void **state)
{
	static const int want[FAULT_COUNT] = {
		[FAULT_NO_ROUTE] = 1, [FAULT_IFACE_DOWN] = 1, [FAULT_NO_SOURCE] = 1,
		[FAULT_BLOCKED] = 1,  [FAULT_SEND] = 1,       [FAULT_RECV] = 1,
	};

	(void)state;
	for (int f = 0; f < FAULT_COUNT; f++)
		if (fault_is_error((enum fault)f) != want[f])
			fail_msg("fault %d: is_error %d, want %d", f, fault_is_error((enum fault)f),
				 want[f]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_is_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
