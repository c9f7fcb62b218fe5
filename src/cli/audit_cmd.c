/* mtuprobe audit FILE|-: read a router configuration, run the checks,
 * print findings and fixes. Reading the file is the only I/O here; the
 * parsers (src/config) and the checks (src/core/audit.c) take bytes. */
#include "cli/cmds.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/config.h"
#include "core/audit.h"
#include "render/audit_out.h"

/* A router configuration is kilobytes; 16 MB is far beyond any, and keeps
 * a mistaken argument (a disk image, a log) from filling memory. */
#define AUDIT_MAX_FILE (16u << 20)

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

static int
slurp(FILE *f, const char *name, char **out, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);

	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > AUDIT_MAX_FILE) {
			free(buf);
			return fail("%s is larger than 16 MB: not a router configuration", name);
		}
		if (got == 0)
			break;
		if (n == cap) {
			char *bigger = realloc(buf, cap * 2);
			if (!bigger)
				free(buf);
			buf = bigger;
			cap *= 2;
		}
	}
	if (!buf)
		return fail("out of memory reading %s", name);
	if (ferror(f)) {
		free(buf);
		return fail("cannot read %s: %s", name, strerror(errno));
	}
	*out = buf;
	*len = n;
	return 0;
}

static int
read_input(const char *path, char **buf, size_t *len)
{
	struct stat st;
	FILE *f;
	int rc;

	if (strcmp(path, "-") == 0)
		return slurp(stdin, "standard input", buf, len);
	if (!(f = fopen(path, "rb")))
		return fail("cannot open %s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return fail("%s is a directory, not a configuration file", path);
	}
	rc = slurp(f, path, buf, len);
	fclose(f);
	return rc;
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
	audit_run(in, r);
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
	if ((rc = read_input(c.targets[0], &buf, &len)) != 0)
		return rc;
	cfg = calloc(1, sizeof(*cfg));
	r = calloc(1, sizeof(*r));
	rc = cfg && r ? run(&c, &in, vendor, buf, len, cfg, r) : fail("out of memory");
	free(r);
	free(cfg);
	free(buf);
	return rc;
}
