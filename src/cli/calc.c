/* SPDX-License-Identifier: BSD-2-Clause */
/* mtuprobe calc: the model alone, no network. */
#include "cli/cmds.h"

#include "base/i18n.h"

#include <stdio.h>
#include <string.h>

int
cmd_calc(int argc, char **argv)
{
	struct cli c;
	struct model_input in;
	struct model_result m;
	struct report r;
	char err[512];
	struct model_error e;
	int rc = cli_parse(CMD_CALC, argc, argv, &c, err, sizeof(err));

	memset(&r, 0, sizeof(r));

	if (rc > 0) /* --help */
		return cli_stdout_done("calc", EXIT_OK);
	if (rc < 0 || cli_model(&c, 0, &in, &r.vendors, err, sizeof(err)) < 0) {
		cli_error("calc", err);
		return EXIT_USAGE;
	}
	if (model_run(&in, &m, &e) < 0) {
		model_error_words(&e, 1, err, sizeof(err));
		cli_error("calc", err);
		return EXIT_USAGE;
	}
	cli_ifaces(&c, m.wan_kind, &r.vendors);
	r.command = "calc";
	r.in = &in;
	r.m = &m;
	r.quiet = c.quiet;
	r.probe = NULL;
	cli_producer(r.producer, sizeof(r.producer), argc, argv);
	if (c.json)
		render_json(stdout, &r);
	else if (c.value)
		render_value(stdout, &r);
	else
		render_text(stdout, &r);
	rc = cli_stdout_done("calc", EXIT_OK);
	/* -q and --format value print no report: the warnings go to stderr */
	for (size_t i = 0; (c.quiet || c.value) && !c.json && i < m.nwarn; i++) {
		char words[RENDER_WORDS];

		model_warning_words(&m.warnings[i], 1, words, sizeof(words));
		snprintf(err, sizeof(err), _("warning: %s"), words);
		cli_error("calc", err);
	}
	return rc;
}
