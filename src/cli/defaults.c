/* SPDX-License-Identifier: BSD-2-Clause */
/* The user's defaults for calc and probe: the vendor(s) to print when
 * --vendor is not given, from MTUPROBE_VENDOR, else from the file
 * $XDG_CONFIG_HOME/mtuprobe/config (~/.config/mtuprobe/config). calc
 * printed all ten vendors by default (226 lines); an engineer with one
 * router sets it once (mtuprobe(1), ENVIRONMENT and FILES).
 *
 * The file holds "key = value" lines and '#' comments; the one key is
 * "vendor". Anything else in it is an error that names the file and the
 * line: a setting is never dropped silently. */
#include "base/i18n.h"
#include "cli/options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULTS_LINE 256

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int
config_path(char *buf, size_t len)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	/* XDG Base Directory Specification: $XDG_CONFIG_HOME, else ~/.config */
	if (xdg && *xdg == '/')
		return snprintf(buf, len, "%s/mtuprobe/config", xdg) < (int)len ? 0 : -1;
	if (home && *home == '/')
		return snprintf(buf, len, "%s/.config/mtuprobe/config", home) < (int)len ? 0 : -1;
	return -1;
}

/* One line of the file: 0, 1 when it set the vendor, -1 with err. */
static int
file_line(char *line, unsigned no, const char *path, char *vendor, size_t vlen, char *err,
	  size_t errlen)
{
	char *s = trim(line), *eq, *k, *v;

	if (!*s || *s == '#')
		return 0;
	if (!(eq = strchr(s, '='))) {
		snprintf(err, errlen, _("%.200s line %u: not 'key = value': '%.60s'"), path, no, s);
		return -1;
	}
	*eq = '\0';
	k = trim(s);
	v = trim(eq + 1);
	if (strcmp(k, "vendor") != 0) {
		snprintf(err, errlen,
			 _("%.200s line %u: unknown setting '%.40s' (the settings are: vendor)"),
			 path, no, k);
		return -1;
	}
	if (!*v || strlen(v) >= vlen) {
		snprintf(err, errlen, _("%.200s line %u: vendor needs a value, e.g. vendor = rtx"),
			 path, no);
		return -1;
	}
	snprintf(vendor, vlen, "%s", v);
	return 1;
}

static int
from_file(char *vendor, size_t vlen, char *err, size_t errlen)
{
	char path[512], line[DEFAULTS_LINE];
	unsigned no = 0;
	int found = 0;
	FILE *f;

	if (config_path(path, sizeof(path)) < 0)
		return 0;
	if (!(f = fopen(path, "r"))) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0; /* no file: no defaults */
		snprintf(err, errlen, _("cannot read %.200s: %s"), path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		int rc;
		no++;
		if (!strchr(line, '\n') && !feof(f)) {
			snprintf(err, errlen, _("%.200s line %u: longer than %d bytes"), path, no,
				 DEFAULTS_LINE - 2);
			fclose(f);
			return -1;
		}
		if ((rc = file_line(line, no, path, vendor, vlen, err, errlen)) < 0) {
			fclose(f);
			return -1;
		}
		found |= rc;
	}
	fclose(f);
	return found;
}

int
cli_defaults(struct cli *c, char *err, size_t errlen)
{
	static char vendor[128];
	const char *env = getenv("MTUPROBE_VENDOR");
	int rc;

	if (c->vendors || !(c->cmd & (CMD_CALC | CMD_PROBE)))
		return 0;
	if (env) {
		if (!*env || strlen(env) >= sizeof(vendor)) {
			snprintf(
				err, errlen,
				_("MTUPROBE_VENDOR is set but %s: give a vendor list, e.g. MTUPROBE_VENDOR=rtx"),
				*env ? "too long" : "empty");
			return -1;
		}
		snprintf(vendor, sizeof(vendor), "%s", env);
		c->vendors = vendor;
		c->vendors_from = "MTUPROBE_VENDOR";
		return 0;
	}
	if ((rc = from_file(vendor, sizeof(vendor), err, errlen)) < 0)
		return -1;
	if (rc) {
		c->vendors = vendor;
		c->vendors_from = "the config file";
	}
	return 0;
}
