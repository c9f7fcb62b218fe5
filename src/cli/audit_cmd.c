/* SPDX-License-Identifier: BSD-2-Clause */
/* mtuprobe audit FILE|-: read a router configuration, run the checks,
 * print findings and fixes. Reading the file is the only I/O here; the
 * parsers (src/config) and the checks (src/core/audit.c) take bytes. */
#include "base/i18n.h"
#include "cli/cmds.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/peer.h"
#include "core/audit.h"
#include "core/audit_pair.h"
#include "core/audit_peer.h"
#include "render/audit_out.h"
#include "render/audit_pair_out.h"
#include "render/audit_peer_out.h"

__attribute__((format(printf, 1, 2))) static int
fail(const char *fmt, ...)
{
	va_list ap;
	char msg[600];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cli_error("audit", msg); /* a file name may carry control characters */
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
		snprintf(err, errlen, _("unknown peer '%s': peers are %s"), c->peer, names);
		return -1;
	}
	in->keep_mtu = c->keep_mtu;
	*vendor = -1;
	if (c->vendors && (*vendor = config_vendor_lookup(c->vendors)) < 0) {
		snprintf(
			err, errlen,
			_("--vendor for audit is rtx, ix, strongswan (swanctl.conf), ipsec-conf (ipsec.conf; also libreswan, openswan), fortigate (FortiOS; also fortios), routeros (a RouterOS export), junos, vyos or cisco-ios (IOS/IOS-XE running-config), not '%s'"),
			c->vendors);
		return -1;
	}
	if (c->line) {
		if (!(lp = model_line(c->line))) {
			model_line_names(names, sizeof(names));
			snprintf(err, errlen, _("unknown line preset '%s': presets are %s"),
				 c->line, names);
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

/* The other end (--peer-config): read and parsed before the router's
 * file is audited, so that a bad peer file prints nothing but its error.
 * AWS's documents (config/peer.h), or a second router's configuration,
 * detected as audit detects its own (router set). */
struct pair {
	const char *name; /* as the output names it */
	struct peer_config peer;
	struct audit_peer_result res;
	int given;
	int router; /* the peer is a router: cfg, audit, rres */
	struct config cfg;
	struct audit_result audit;
	struct audit_rpair_result rres;
};

static int
read_peer(const struct cli *c, struct pair *p)
{
	char err[512], *buf = NULL;
	struct peer_error perr;
	size_t len = 0;
	int rc;

	if (!c->peer_config)
		return 0;
	p->given = 1;
	p->name = strcmp(c->peer_config, "-") == 0 ? "(stdin)" : c->peer_config;
	if (cli_read_config(c->peer_config, &buf, &len, err, sizeof(err)) < 0)
		return fail("--peer-config: %s", err);
	if ((p->router = !peer_is_document(buf, len)) != 0) {
		if ((rc = config_parse(buf, len, -1, &p->cfg, err, sizeof(err))) < 0)
			cli_config_why(&p->cfg, err, sizeof(err));
	} else if ((rc = peer_parse(buf, len, &p->peer, &perr)) < 0)
		peer_error_words(&perr, 1, err, sizeof(err));
	free(buf);
	return rc < 0 ? fail("--peer-config %s: %s", p->name, err) : 0;
}

/* Both routers: each end's own audit, then the pair. */
static void
print_routers(const struct cli *c, const struct audit_result *r, const struct pair *p,
	      const char *name)
{
	const char *const files[2] = { name, p->name };

	if (c->json)
		render_audit_json_pair(stdout, r, &p->rres, files);
	else if (c->quiet)
		render_audit_pair_quiet(stdout, &p->rres, files);
	else {
		render_audit_text(stdout, r, name);
		fputc('\n', stdout);
		render_audit_text(stdout, &p->audit, p->name);
		render_audit_pair_text(stdout, &p->rres, files);
	}
}

static void
print(const struct cli *c, const struct audit_result *r, const struct pair *p, const char *name)
{
	if (p->router)
		print_routers(c, r, p, name);
	else if (c->json && p->given)
		render_audit_json_peer(stdout, r, name, &p->res, p->name);
	else if (c->json)
		render_audit_json(stdout, r, name);
	else if (c->quiet) {
		audit_fix_lines(r, NULL, emit_line, stdout);
		if (p->given)
			render_audit_peer_quiet(stdout, &p->res);
	} else {
		render_audit_text(stdout, r, name);
		if (p->given)
			render_audit_peer_text(stdout, &p->res, name, p->name);
	}
}

static int
run(const struct cli *c, struct audit_input *in, int vendor, const char *buf, size_t len,
    struct config *cfg, struct audit_result *r, struct pair *p)
{
	char err[512];
	const char *name = strcmp(c->targets[0], "-") == 0 ? "(stdin)" : c->targets[0];
	unsigned found;

	if (config_parse(buf, len, vendor, cfg, err, sizeof(err)) < 0) {
		cli_config_why(cfg, err, sizeof(err));
		return fail("%s: %s", name, err);
	}
	in->cfg = cfg;
	if (audit_run(in, r) < 0)
		return fail(_("%s: out of memory while auditing: no result printed"), name);
	if (p->router) {
		/* the second router: audited with the same options, then the pair */
		in->cfg = &p->cfg;
		if (audit_run(in, &p->audit) < 0 ||
		    audit_pair_run(cfg, r, &p->cfg, &p->audit, &p->rres) < 0)
			return fail(
				_("%s: out of memory while auditing both ends: no result printed"),
				name);
	} else if (p->given && audit_peer_run(cfg, &p->peer, r, &p->res) < 0)
		return fail(_("%s: out of memory while auditing both ends: no result printed"),
			    name);
	print(c, r, p, name);
	/* findings of the pair, and of the second router, count like the router's (exit 5) */
	found = r->nerror + r->nwarning + p->res.nerror + p->res.nwarning + p->audit.nerror +
		p->audit.nwarning + p->rres.nerror + p->rres.nwarning;
	return cli_stdout_done("audit", found ? EXIT_FINDINGS : EXIT_OK);
}

int
cmd_audit(int argc, char **argv)
{
	struct cli c;
	struct audit_input in;
	char err[512], *buf = NULL;
	size_t len = 0;
	int vendor, rc = cli_parse(CMD_AUDIT, argc, argv, &c, err, sizeof(err));
	struct config *cfg = NULL;
	struct audit_result *r = NULL;
	struct pair *p;

	if (rc > 0)
		return EXIT_OK;
	memset(&in, 0, sizeof(in));
	if (rc < 0 || audit_options(&c, &in, &vendor, err, sizeof(err)) < 0)
		return fail("%s", err);
	in.peer_known = c.peer_config != NULL;
	if (!(p = calloc(1, sizeof(*p))))
		return fail("out of memory");
	if ((rc = read_peer(&c, p)) == 0) {
		if (cli_read_config(c.targets[0], &buf, &len, err, sizeof(err)) < 0)
			rc = fail("%s", err);
		else if (!(cfg = calloc(1, sizeof(*cfg))) || !(r = calloc(1, sizeof(*r))))
			rc = fail("out of memory");
		else
			rc = run(&c, &in, vendor, buf, len, cfg, r, p);
	}
	audit_peer_free(&p->res);
	peer_free(&p->peer);
	if (p->router) {
		audit_pair_free(&p->rres);
		audit_free(&p->audit);
		config_free(&p->cfg);
	}
	free(p);
	if (r)
		audit_free(r);
	if (cfg)
		config_free(cfg);
	free(r);
	free(cfg);
	free(buf);
	return rc;
}
