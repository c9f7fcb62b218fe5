/* SPDX-License-Identifier: BSD-2-Clause */
/* --prometheus (render/prometheus.c) in an outage: path_up 0, verified 0, the
 * MTU last measured kept, the round counted by reason, last_success as the
 * state holds it (mtuprobe(1), WATCHING A PATH; issue 20). Addresses from
 * RFC 5737. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "probe/engine.h"
#include "render/render.h"

static char *
render(const struct report_probe *rp, const struct prom_state *st)
{
	struct report r = { .command = "probe", .probe = rp };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	render_prometheus(f, &r, st);
	fclose(f);
	return buf;
}

/* line is one whole line of text */
static void
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text; (p = strstr(p, line)) != NULL; p += n)
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return;
	fail_msg("no line '%s' in:\n%s", line, text);
}

static void
lacks(const char *text, const char *what)
{
	if (strstr(text, what))
		fail_msg("'%s' in:\n%s", what, text);
}

static void
test_outage(void **state)
{
	struct probe_run wan = { .stop = PROBE_STOP_ERROR, .probes_sent = 1 };
	struct probe_run tun = { .stop = PROBE_STOP_ERROR };
	struct report_probe rp = {
		.wan_target = "198.51.100.2",
		.tunnel_target = "203.0.113.2",
		.wan = &wan,
		.tunnel = &tun,
		.wan_fault = { FAULT_NO_ROUTE, "send to 198.51.100.2: Network is unreachable" },
		.tunnel_fault = { FAULT_IFACE_DOWN, "send to 203.0.113.2: Network is unreachable" },
	};
	struct prom_state st = { .rounds = 7,
				 .last_success = { 1796301716, 1796301715 },
				 .last_mtu = { 1454, 1400 } };
	char *t;

	(void)state;
	st.errors[0][FAULT_NO_ROUTE] = 3;
	st.errors[1][FAULT_IFACE_DOWN] = 2;
	t = render(&rp, &st);
	has_line(t, "mtuprobe_path_up{path=\"wan\",target=\"198.51.100.2\"} 0");
	has_line(t, "mtuprobe_path_up{path=\"tunnel\",target=\"203.0.113.2\"} 0");
	has_line(t, "mtuprobe_path_mtu_bytes{path=\"wan\",target=\"198.51.100.2\"} 1454");
	has_line(t, "mtuprobe_path_mtu_bytes{path=\"tunnel\",target=\"203.0.113.2\"} 1400");
	has_line(t, "mtuprobe_path_verified{path=\"wan\",target=\"198.51.100.2\"} 0");
	has_line(t, "mtuprobe_path_probes{path=\"wan\",target=\"198.51.100.2\"} 1");
	has_line(
		t,
		"mtuprobe_path_last_success_timestamp_seconds{path=\"wan\",target=\"198.51.100.2\"} 1796301716");
	has_line(t, "# TYPE mtuprobe_round_errors_total counter");
	has_line(
		t,
		"mtuprobe_round_errors_total{path=\"wan\",target=\"198.51.100.2\",reason=\"no_route\"} 3");
	has_line(
		t,
		"mtuprobe_round_errors_total{path=\"wan\",target=\"198.51.100.2\",reason=\"interface_down\"} 0");
	has_line(
		t,
		"mtuprobe_round_errors_total{path=\"tunnel\",target=\"203.0.113.2\",reason=\"interface_down\"} 2");
	has_line(
		t,
		"mtuprobe_round_errors_total{path=\"tunnel\",target=\"203.0.113.2\",reason=\"no_answer\"} 0");
	has_line(t, "mtuprobe_rounds_total 7");
	free(t);
}

/* A verified round after the outage; a stale verified flag on a run with a
 * fault never says 1. */
static void
test_back(void **state)
{
	struct probe_run wan = { .stop = PROBE_STOP_DONE, .pmtu = 1454, .verified = true };
	struct report_probe rp = { .wan_target = "198.51.100.2", .wan = &wan };
	struct prom_state st = { .rounds = 1, .last_mtu = { 1454, 0 } };
	char *t;

	(void)state;
	t = render(&rp, &st);
	has_line(t, "mtuprobe_path_up{path=\"wan\",target=\"198.51.100.2\"} 1");
	has_line(t, "mtuprobe_path_verified{path=\"wan\",target=\"198.51.100.2\"} 1");
	/* no success recorded yet in st: absent, and no tunnel samples at all */
	lacks(t, "mtuprobe_path_last_success_timestamp_seconds{");
	lacks(t, "path=\"tunnel\"");
	free(t);
	rp.wan_fault.code = FAULT_RECV;
	t = render(&rp, &st);
	has_line(t, "mtuprobe_path_up{path=\"wan\",target=\"198.51.100.2\"} 0");
	has_line(t, "mtuprobe_path_verified{path=\"wan\",target=\"198.51.100.2\"} 0");
	free(t);
}

/* Two AWS tunnels and a third target: every tunnel's samples, each with a
 * path label of its own; the first keeps path="tunnel", so a dashboard's
 * query means what it meant before (mtuprobe(1), WATCHING A PATH). */
static void
test_every_tunnel(void **state)
{
	struct probe_run wan = {
		.stop = PROBE_STOP_DONE, .pmtu = 1454, .verified = true, .probes_sent = 9
	};
	struct probe_run t1 = {
		.stop = PROBE_STOP_DONE, .pmtu = 1390, .verified = true, .probes_sent = 8
	};
	struct probe_run t2 = {
		.stop = PROBE_STOP_DONE, .pmtu = 1380, .verified = true, .probes_sent = 7
	};
	struct report_probe rp = {
		.wan_target = "198.51.100.2",
		.tunnel_target = "203.0.113.2",
		.wan = &wan,
		.tunnel = &t1,
		.nmore = 2,
	};
	struct prom_state st = { .rounds = 2,
				 .last_success = { 5, 6, 7, 0 },
				 .last_mtu = { 1454, 1390, 1380, 1370 } };
	static const char *const want[] = {
		"mtuprobe_path_mtu_bytes{path=\"tunnel\",target=\"203.0.113.2\"} 1390",
		"mtuprobe_path_probes{path=\"tunnel\",target=\"203.0.113.2\"} 8",
		"mtuprobe_path_up{path=\"tunnel2\",target=\"203.0.113.6\"} 1",
		"mtuprobe_path_mtu_bytes{path=\"tunnel2\",target=\"203.0.113.6\"} 1380",
		"mtuprobe_path_verified{path=\"tunnel2\",target=\"203.0.113.6\"} 1",
		"mtuprobe_path_probes{path=\"tunnel2\",target=\"203.0.113.6\"} 7",
		"mtuprobe_path_last_success_timestamp_seconds{path=\"tunnel2\",target=\"203.0.113.6\"} 7",
		"mtuprobe_round_errors_total{path=\"tunnel2\",target=\"203.0.113.6\",reason=\"no_answer\"} 0",
		"mtuprobe_path_up{path=\"tunnel3\",target=\"203.0.113.10\"} 0",
		"mtuprobe_path_mtu_bytes{path=\"tunnel3\",target=\"203.0.113.10\"} 1370",
		"mtuprobe_path_verified{path=\"tunnel3\",target=\"203.0.113.10\"} 0",
		"mtuprobe_round_errors_total{path=\"tunnel3\",target=\"203.0.113.10\",reason=\"no_answer\"} 1",
	};
	char *t;

	(void)state;
	rp.more[0] = (struct report_tunnel){ .target = "203.0.113.6", .run = &t2 };
	/* the third was not run (the WAN measured nothing, say): up 0, its MTU kept */
	rp.more[1] = (struct report_tunnel){ .target = "203.0.113.10",
					     .fault = { FAULT_NO_ANSWER, NULL } };
	st.errors[3][FAULT_NO_ANSWER] = 1;
	t = render(&rp, &st);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		has_line(t, want[i]);
	lacks(t, "mtuprobe_path_last_success_timestamp_seconds{path=\"tunnel3\"");
	lacks(t, "path=\"tunnel4\"");
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outage),
		cmocka_unit_test(test_back),
		cmocka_unit_test(test_every_tunnel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
