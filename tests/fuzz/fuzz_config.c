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

static void
check(const struct config *c)
{
	if (c->ntunnels > c->cap_tunnels || c->ngateways > c->cap_gateways ||
	    c->nifaces > c->cap_ifaces || c->nbgp > c->cap_bgp || c->read + c->unread > c->lines)
		abort();
	for (size_t i = 0; i < c->ninvalid; i++)
		if (!c->invalid[i].line || c->invalid[i].line > c->lines)
			abort();
	for (size_t i = 0; i < c->nspans; i++)
		if (c->spans[i].first > c->spans[i].last || c->spans[i].last > c->lines)
			abort();
	for (size_t i = 0; i < c->nrefs; i++)
		if (c->refs[i].tunnel >= (int)c->ntunnels || c->refs[i].line > c->lines)
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

static void
audit_all(const struct config *c, FILE *sink)
{
	static const char *const peers[] = { "aws", "aws-accelerated", "sakura", "generic" };

	for (size_t p = 0; p < sizeof(peers) / sizeof(peers[0]); p++) {
		struct audit_input in = { .cfg = c,
					  .peer = model_peer(peers[p]),
					  .wan_mtu = p == 1 ? 1454 : 0,
					  .wan_from = "fuzz" };
		if (audit_run(&in, &res) < 0)
			continue;
		if (res.nfindings > res.cap_findings ||
		    res.nerror + res.nwarning != res.nfindings || res.ntunnels != c->ntunnels)
			abort();
		if (sink) {
			render_audit_text(sink, &res, "fuzz");
			render_audit_json(sink, &res, "fuzz");
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	FILE *sink = fopen("/dev/null", "w");

	for (int v = -1; v < VENDOR_COUNT; v++) {
		err[0] = '\0';
		if (config_parse((const char *)data, size, v, &cfg, err, sizeof(err)) < 0) {
			if (!err[0])
				abort(); /* a refusal always says why */
			config_free(&cfg);
			continue;
		}
		check(&cfg);
		audit_all(&cfg, sink);
		audit_free(&res);
		config_free(&cfg);
	}
	if (sink)
		fclose(sink);
	return 0;
}
