/* SPDX-License-Identifier: BSD-2-Clause */
/* Why a path was not measured, in words: core/fault.h's codes for JSON's
 * "fault", the Prometheus reason label (both a contract, mtuprobe(1)) and
 * the text reports. */
#include "render/render.h"

#include <stddef.h>

static const struct {
	const char *key, *words;
} faults[FAULT_COUNT] = {
	[FAULT_NONE] = { NULL, "measured" },
	[FAULT_NO_ROUTE] = { "no_route", "no route to the target" },
	[FAULT_IFACE_DOWN] = { "interface_down", "the interface the probes leave by is down" },
	[FAULT_NO_SOURCE] = { "no_source_address", "the source address is gone" },
	[FAULT_BLOCKED] = { "blocked", "a firewall on this host refused the probes" },
	[FAULT_SEND] = { "send_failed", "sending a probe failed" },
	[FAULT_RECV] = { "receive_failed", "waiting for answers failed" },
	[FAULT_UNREACHABLE] = { "unreachable", "the target answered no size" },
	[FAULT_NO_ANSWER] = { "no_answer", "the probe budget ran out before a path MTU was found" },
	[FAULT_INTERRUPTED] = { "interrupted", "interrupted" },
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
