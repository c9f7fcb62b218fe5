/* SPDX-License-Identifier: BSD-2-Clause */
/* mtuprobe audit FILE|-: read a router configuration, run the checks,
 * print findings and fixes. Reading the file is the only I/O here; the
 * parsers (src/config) and the checks (src/core/audit.c) take bytes. */
#include "cli/cmds.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "core/audit.h"
#include "render/audit_out.h"

__attribute__((format(printf, 1, 2)))
static int
fail(const char *fmt, ...)
{
	va_list ap;
	char msg[600];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cli_error("audit", msg);   /* a file name may carry control characters */
	return EXIT_USAGE;
}

/* --peer, --vendor, --wan-mtu / --line into the audit's input. */
static int
audit_options(const struct cli *c, struct audit_input *in, int *vendor, char *err, size_t errlen)
{
	char names[256];
	const struct line_preset *lp;

	if (c->peer && !(in->peer = model_peer(c->peer))) {
		model_peer_names(names, sizeof(names));
		snprintf(err, errlen, "unknown peer '%s': peers are %s", c->peer, names);
		return -1;
	}
	in->keep_mtu = c->keep_mtu;
	*vendor = -1;
	if (c->vendors && (*vendor = config_vendor_lookup(c->vendors)) < 0) {
		snprintf(err, errlen, "--vendor for audit is rtx, ix or strongswan, not '%s'", c->vendors);
		return -1;
	}
	if (c->line) {
		if (!(lp = model_line(c->line))) {
			model_line_names(names, sizeof(names));
			snprintf(err, errlen, "unknown line preset '%s': presets are %s", c->line, names);
			return -1;
		}
		in->wan_mtu = lp->mtu;
		in->wan_from = lp->what;
	} else if (c->wan_mtu) {
		in->wan_mtu = c->wan_mtu;
		in->wan_from = "--wan-mtu";
	}
	return 0;
}

static void
emit_line(void *ctx, const char *line)
{
	fprintf((FILE *)ctx, "%s\n", line);
}

static int
run(const struct cli *c, struct audit_input *in, int vendor, const char *buf, size_t len,
    struct config *cfg, struct audit_result *r)
{
	char err[512];
	const char *name = strcmp(c->targets[0], "-") == 0 ? "(stdin)" : c->targets[0];

	if (config_parse(buf, len, vendor, cfg, err, sizeof(err)) < 0)
		return fail("%s: %s", name, err);
	in->cfg = cfg;
	if (audit_run(in, r) < 0)
		return fail("%s: out of memory while auditing: no result printed", name);
	if (c->json)
		render_audit_json(stdout, r, name);
	else if (c->quiet)
		audit_fix_lines(r, NULL, emit_line, stdout);
	else
		render_audit_text(stdout, r, name);
	return cli_stdout_done("audit", r->nerror || r->nwarning ? EXIT_FINDINGS : EXIT_MEASURED);
}

int
cmd_audit(int argc, char **argv)
{
	struct cli c;
	struct audit_input in;
	char err[512], *buf = NULL;
	size_t len = 0;
	int vendor, rc = cli_parse(CMD_AUDIT, argc, argv, &c, err, sizeof(err));
	struct config *cfg;
	struct audit_result *r;

	if (rc > 0)
		return EXIT_MEASURED;
	memset(&in, 0, sizeof(in));
	if (rc < 0 || audit_options(&c, &in, &vendor, err, sizeof(err)) < 0)
		return fail("%s", err);
	if (cli_read_config(c.targets[0], &buf, &len, err, sizeof(err)) < 0)
		return fail("%s", err);
	cfg = calloc(1, sizeof(*cfg));
	r = calloc(1, sizeof(*r));
	rc = cfg && r ? run(&c, &in, vendor, buf, len, cfg, r) : fail("out of memory");
	if (r)
		audit_free(r);
	if (cfg)
		config_free(cfg);
	free(r);
	free(cfg);
	free(buf);
	return rc;
}
