/* SPDX-License-Identifier: BSD-2-Clause */
/* Reading a router configuration for audit and probe --config: the whole
 * file (or standard input) into memory, bounded, never a hang on a
 * directory, never a partial read taken for the whole. */
#include "base/i18n.h"
#include "base/text.h"
#include "cli/cmds.h"
#include "config/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A router configuration is kilobytes; 16 MB is far beyond any, and keeps
 * a mistaken argument (a disk image, a log) from filling memory. */
#define CONFIG_MAX_FILE (16u << 20)

static int
slurp(FILE *f, const char *name, char **out, size_t *len, char *err, size_t errlen)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);

	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > CONFIG_MAX_FILE) {
			free(buf);
			snprintf(err, errlen,
				 _("%s is larger than 16 MB: not a router configuration"), name);
			return -1;
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
	if (!buf) {
		snprintf(err, errlen, _("out of memory reading %s"), name);
		return -1;
	}
	if (ferror(f)) {
		free(buf);
		snprintf(err, errlen, _("cannot read %s: %s"), name, strerror(errno));
		return -1;
	}
	*out = buf;
	*len = n;
	return 0;
}

int
cli_read_config(const char *path, char **buf, size_t *len, char *err, size_t errlen)
{
	struct stat st;
	FILE *f;
	int rc;

	if (strcmp(path, "-") == 0)
		return slurp(stdin, "standard input", buf, len, err, errlen);
	if (!(f = fopen(path, "rb"))) {
		snprintf(err, errlen, _("cannot open %s: %s"), path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		snprintf(err, errlen, _("%s is a directory, not a configuration file"), path);
		return -1;
	}
	rc = slurp(f, path, buf, len, err, errlen);
	fclose(f);
	return rc;
}

/* config_parse's refusals that are codes (config/config.h enum
 * config_refusal) in the user's language; err is left as the parser wrote
 * it otherwise. */
void
cli_config_why(const struct config *c, char *err, size_t errlen)
{
	unsigned n = c->refused.lines;
	/* a line of the file, quoted: cut between UTF-8 characters, with "..." */
	char quote[64];
	size_t all;

	switch (c->refused.code) {
	case CONFIG_R_NO_COMMANDS:
		snprintf(
			err, errlen,
			ngettext(
				"not a router configuration: no RTX, IX, swanctl.conf, ipsec.conf, FortiOS, RouterOS, Junos, VyOS or Cisco IOS command in %u line (%s)",
				"not a router configuration: no RTX, IX, swanctl.conf, ipsec.conf, FortiOS, RouterOS, Junos, VyOS or Cisco IOS command in %u lines (%s)",
				n),
			n, _(config_expected()));
		break;
	case CONFIG_R_NOT_FORMAT:
		snprintf(err, errlen,
			 ngettext("not %s: none of its commands in %u line",
				  "not %s: none of its commands in %u lines", n),
			 _(config_format_what(c->refused.format)), n);
		break;
	case CONFIG_R_EMPTY:
		if (c->refused.has_format)
			snprintf(err, errlen, _("the file is empty: expected %s"),
				 _(config_format_what(c->refused.format)));
		else
			snprintf(err, errlen, _("the file is empty: %s"), _(config_expected()));
		break;
	case CONFIG_R_UNKNOWN_FORMAT:
		snprintf(err, errlen, "%s", _("unknown configuration format"));
		break;
	case CONFIG_R_NOMEM:
		snprintf(err, errlen, _("out of memory reading %s"),
			 _(config_format_what(c->refused.format)));
		break;
	case CONFIG_R_NOT_FIT:
		/* fewer lines read as the format than not: an audit of it would be
		 * an empty all-clear (config.c fits()) */
		text_copy(quote, sizeof(quote), c->ninvalid ? c->invalid[0].text : "");
		all = c->ninvalid + c->read + c->unread;
		snprintf(
			err, errlen,
			ngettext(
				"not %s: %zu of %zu command line is not %s commands (line %u: %s)",
				"not %s: %zu of %zu command lines are not %s commands (line %u: %s)",
				all),
			_(config_format_what(c->refused.format)), c->ninvalid, all,
			config_vendor_display(c->refused.format),
			c->ninvalid ? c->invalid[0].line : 0, quote);
		break;
	case CONFIG_R_NAME_CUT:
		snprintf(
			err, errlen,
			_("line %u: the name '%s' is %zu bytes, longer than the %d a name keeps in "
			  "the audit, and two that begin alike would be read as one: audit a copy "
			  "with shorter names"),
			c->name_cut.line, c->name_cut.text, strlen(c->name_cut.text),
			CONFIG_NAME - 1);
		break;
	case CONFIG_R_FOREIGN:
		text_copy(quote, sizeof(quote), c->refused.text);
		snprintf(err, errlen,
			 _("looks like %s (line %u: %s): not supported yet; supported: Yamaha RTX "
			   "(show config), NEC IX (running-config), strongSwan swanctl.conf, "
			   "strongSwan/Libreswan ipsec.conf, FortiGate FortiOS (show), MikroTik "
			   "RouterOS (/export), Juniper Junos, VyOS, Cisco IOS/IOS-XE "
			   "(running-config)"),
			 c->refused.looks ? c->refused.looks : "?", c->refused.line, quote);
		break;
	case CONFIG_R_NONE: break;
	}
}
