/* SPDX-License-Identifier: BSD-2-Clause */
/* libFuzzer harness for the configuration parsers and the audit behind
 * them: arbitrary bytes as each of the three formats and with detection,
 * then every check over every peer profile and the renderers into a
 * memory sink. Besides memory errors (ASan) and undefined behaviour
 * (UBSan), it aborts when a result breaks a promise of config.h or
 * audit.h: counts within their tables, line numbers within the text,
 * indices that point into the tables. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "config/config.h"
#include "core/audit.h"
#include "render/audit_out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct config cfg;
static struct audit_result res;

static void check(const struct config *c)
{
	if (c->ntunnels > CONFIG_MAX_TUNNELS || c->ngateways > CONFIG_MAX_GATEWAYS ||
	    c->nifaces > CONFIG_MAX_IFACES || c->nbgp > CONFIG_MAX_BGP)
		abort();
	for (size_t i = 0; i < c->ntunnels; i++) {
		const struct config_tunnel *t = &c->tunnels[i];
		if (t->gateway >= (int)c->ngateways || t->gateway < -1 || t->line > c->lines ||
		    t->mtu.line > c->lines || t->mss.line > c->lines)
			abort();
	}
	for (size_t i = 0; i < c->nbgp; i++)
		if (!c->bgp[i].line || c->bgp[i].line > c->lines)
			abort();
}

static void audit_all(const struct config *c, FILE *sink)
{
	static const char *const peers[] = { "aws", "aws-accelerated", "sakura", "generic" };

	for (size_t p = 0; p < sizeof(peers) / sizeof(peers[0]); p++) {
		struct audit_input in = { c, model_peer(peers[p]), p == 1 ? 1454 : 0, "fuzz" };
		audit_run(&in, &res);
		if (res.nfindings > AUDIT_MAX_FINDINGS || res.nerror + res.nwarning != res.nfindings)
			abort();
		if (sink) {
			render_audit_text(sink, &res, "fuzz");
			render_audit_json(sink, &res, "fuzz");
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	FILE *sink = fopen("/dev/null", "w");

	for (int v = -1; v < CONFIG_VENDOR_COUNT; v++) {
		if (config_parse((const char *)data, size, v, &cfg, err, sizeof(err)) < 0) {
			if (!err[0])
				abort();     /* a refusal always says why */
			continue;
		}
		check(&cfg);
		audit_all(&cfg, sink);
	}
	if (sink)
		fclose(sink);
	return 0;
}
