/* SPDX-License-Identifier: BSD-2-Clause */
/* Why a path was not measured, in words: core/fault.h's codes for JSON's
 * "fault", the Prometheus reason label (both a contract, mtuprobe(1)) and
 * the text reports (English; a text report translates them with _(), the
 * catalogue has them). */
#include "render/render.h"

#include <stddef.h>

#include "base/i18n.h"

static const struct {
	const char *key, *words;
} faults[FAULT_COUNT] = {
	[FAULT_NONE] = { NULL, N_("measured") },
	[FAULT_NO_ROUTE] = { "no_route", N_("no route to the target") },
	[FAULT_IFACE_DOWN] = { "interface_down", N_("the interface the probes leave by is down") },
	[FAULT_NO_SOURCE] = { "no_source_address", N_("the source address is gone") },
	[FAULT_BLOCKED] = { "blocked", N_("a firewall on this host refused the probes") },
	[FAULT_SEND] = { "send_failed", N_("sending a probe failed") },
	[FAULT_RECV] = { "receive_failed", N_("waiting for answers failed") },
	[FAULT_UNREACHABLE] = { "unreachable", N_("the target answered no size") },
	[FAULT_NO_ANSWER] = { "no_answer",
			      N_("the probe budget ran out before a path MTU was found") },
	[FAULT_INTERRUPTED] = { "interrupted", N_("interrupted") },
};

const char *
render_fault_key(int fault)
{
	return fault > 0 && fault < FAULT_COUNT ? faults[fault].key : NULL;
}

const char *
render_fault_words(int fault)
{
	return fault >= 0 && fault < FAULT_COUNT ? faults[fault].words : "?";
}
