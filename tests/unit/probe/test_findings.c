/* SPDX-License-Identifier: BSD-2-Clause */
/* What the records of a finished run say (probe/findings.c): PTB senders, an
 * answer that rests on silence, and an MTU reported above what crosses (the
 * tunnel that takes 1400 while only 1374 survive encryption: doc/lab-notes.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "probe/findings.h"

#define R1 \
	{ \
		4, \
		{ \
			192, 0, 2, 1 \
		} \
	}
#define R2 \
	{ \
		4, \
		{ \
			198, 51, 100, 2 \
		} \
	}

static struct probe_record rec[64];

static void
add(struct probe_run *run, unsigned size, enum probe_outcome o, unsigned mtu, struct ip_addr from)
{
	rec[run->nprobes] =
		(struct probe_record){ .size = size, .outcome = o, .mtu = mtu, .responder = from };
	run->nprobes++;
	run->probes_sent++;
}

static void
init(struct probe_run *run, unsigned pmtu)
{
	memset(run, 0, sizeof(*run));
	run->probes = rec;
	run->pmtu = pmtu;
	run->stop = PROBE_STOP_DONE;
}

/* ipsec0 at 1400, outer fragments dropped: 1401 gets "MTU 1400" from r1,
 * 1375..1400 vanish, 1374 passes. */
static void
test_lost_after_encryption(void **state)
{
	struct probe_run run;
	struct probe_findings f;
	struct ip_addr r1 = R1, none = { 0 };

	(void)state;
	init(&run, 1374);
	add(&run, 1500, PROBE_TOO_BIG, 1400, r1);
	add(&run, 1400, PROBE_TIMEOUT, 0, none);
	add(&run, 1390, PROBE_TIMEOUT, 0, none);
	add(&run, 1374, PROBE_REPLY, 0, none);
	add(&run, 1375, PROBE_TIMEOUT, 0, none);
	add(&run, 1401, PROBE_TOO_BIG, 1400, r1);
	probe_findings(&run, &f);
	assert_int_equal(f.device_mtu, 1400);
	assert_memory_equal(f.device_from.a, r1.a, 4);
	assert_true(f.rests_on_silence);
	assert_int_equal(f.silent_lo, 1375);
	assert_int_equal(f.silent_hi, 1400);
	assert_int_equal(f.nptb, 1);
	assert_int_equal(f.ptb[0].count, 2);
	assert_int_equal(f.ptb[0].mtu, 1400);
	assert_int_equal(f.replies, 1);
}

/* A size between the PMTU and the reported MTU passed: not a black hole
 * below that MTU (the evidence contradicts itself; search says so). */
static void
test_no_device_when_between_passed(void **state)
{
	struct probe_run run;
	struct probe_findings f;
	struct ip_addr r1 = R1, none = { 0 };

	(void)state;
	init(&run, 1374);
	add(&run, 1401, PROBE_TOO_BIG, 1400, r1);
	add(&run, 1380, PROBE_REPLY, 0, none);
	add(&run, 1390, PROBE_TIMEOUT, 0, none);
	probe_findings(&run, &f);
	assert_int_equal(f.device_mtu, 0);

	/* a short-quote (weak) PTB is not trusted enough to name a device MTU */
	init(&run, 1374);
	add(&run, 1401, PROBE_TOO_BIG, 1400, r1);
	rec[0].weak = true;
	add(&run, 1390, PROBE_TIMEOUT, 0, none);
	probe_findings(&run, &f);
	assert_int_equal(f.device_mtu, 0);

	/* an implausible MTU (not below the probe it rejected) is no evidence */
	init(&run, 1374);
	add(&run, 1400, PROBE_TOO_BIG, 1400, r1);
	add(&run, 1390, PROBE_TIMEOUT, 0, none);
	probe_findings(&run, &f);
	assert_int_equal(f.device_mtu, 0);
}

/* A clean path: PMTU + 1 refused by PTB; nothing rests on silence. Two
 * routers are listed in order, each with its count and latest MTU. */
static void
test_clean_and_senders(void **state)
{
	struct probe_run run;
	struct probe_findings f;
	struct ip_addr r1 = R1, r2 = R2, none = { 0 };

	(void)state;
	init(&run, 1454);
	run.fail_by_ptb = true;
	add(&run, 1500, PROBE_TOO_BIG, 1454, r1);
	add(&run, 1454, PROBE_REPLY, 0, none);
	add(&run, 1455, PROBE_TOO_BIG, 1454, r1);
	add(&run, 1455, PROBE_TOO_BIG, 1400, r2);
	probe_findings(&run, &f);
	assert_false(f.rests_on_silence);
	assert_int_equal(f.device_mtu, 0);
	assert_int_equal(f.nptb, 2);
	assert_int_equal(f.ptb[0].count, 2);
	assert_int_equal(f.ptb[1].mtu, 1400);
	assert_memory_equal(f.ptb[1].from.a, r2.a, 4);
}

/* Nothing ever answered: the loss is 100%, not the 0% of "no passing size
 * lost anything". */
static void
test_nothing_answered(void **state)
{
	struct probe_run run;
	struct probe_findings f;
	struct ip_addr none = { 0 };

	(void)state;
	init(&run, 0);
	run.stop = PROBE_STOP_UNREACHABLE;
	add(&run, 68, PROBE_TIMEOUT, 0, none);
	add(&run, 68, PROBE_TIMEOUT, 0, none);
	probe_findings(&run, &f);
	assert_int_equal(f.replies, 0);
	assert_true(f.loss == 1.0);
	assert_false(f.rests_on_silence);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lost_after_encryption),
		cmocka_unit_test(test_no_device_when_between_passed),
		cmocka_unit_test(test_clean_and_senders),
		cmocka_unit_test(test_nothing_answered),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
