/* SPDX-License-Identifier: BSD-2-Clause */
/* mtuprobe: measure path MTU over a WAN and through an IPsec tunnel, and
 * print the MTU and MSS lines for Yamaha RTX, NEC IX and Linux. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cmds.h"
#include "config.h"
#include "base/count.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *what;
} cmds[] = {
	{ "calc", cmd_calc, N_("compute tunnel MTU and MSS from a line MTU and an encapsulation") },
	{ "probe", cmd_probe,
	  N_("measure the WAN and tunnel path MTU, then compute as calc does") },
	{ "inspect", cmd_inspect,
	  N_("read a capture file: what became of each probe (PTB, reply, silence)") },
	{ "audit", cmd_audit, N_("read a router's config: what kills its tunnels, and the fix") },
	{ "report", cmd_report,
	  N_("print probe --targets' summary table from probe's JSON (files fetched from each site)") },
	{ "completion", cmd_completion,
	  N_("print the completion script for a shell (mtuprobe completion bash|zsh|fish)") },
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: mtuprobe COMMAND [options]\n\ncommands:\n"));
	for (size_t i = 0; i < COUNT(cmds); i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, _(cmds[i].what));
	fprintf(f, _("\nmtuprobe COMMAND --help for its options; mtuprobe(1) for everything.\n"));
}

/* The user's language for messages (LC_MESSAGES) and its character set
 * (LC_CTYPE) only: LC_NUMERIC and the rest stay "C", so that no number in
 * any output takes a locale's decimal comma. $MTUPROBE_LOCALEDIR points at
 * a build tree's catalogues (build/po); secure_getenv ignores it when the
 * binary runs with file capabilities (setcap), so that nobody can feed a
 * privileged process format strings of their own. */
static void
i18n_init(void)
{
	const char *dir = secure_getenv("MTUPROBE_LOCALEDIR");

	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	bindtextdomain(GETTEXT_PACKAGE, dir && *dir ? dir : LOCALEDIR);
	textdomain(GETTEXT_PACKAGE);
}

int
main(int argc, char **argv)
{
	/* A reader that quits (| head -1, | true, a --pcap FIFO whose reader
	 * exits) would otherwise kill us with SIGPIPE: exit 141, no message,
	 * and with --pcap the report itself lost. Ignored, the write fails
	 * with EPIPE instead, and every write is checked: exit 6 with one line
	 * on stderr (mtuprobe(1), EXIT STATUS). Nothing is exec'd, so no child
	 * inherits the disposition. */
	signal(SIGPIPE, SIG_IGN);
	i18n_init();
	/* the audit quotes the model's refusals in English (NOTE_ESP_MODEL) */
	model_error_say(model_error_english);
	if (cli_fds() < 0)
		return EXIT_OUTPUT;
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return cli_stdout_done(NULL, EXIT_OK);
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("mtuprobe %s\n", MTUPROBE_VERSION);
		return cli_stdout_done(NULL, EXIT_OK);
	}
	for (size_t i = 0; i < COUNT(cmds); i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].run(argc - 1, argv + 1);
	char msg[300];
	snprintf(
		msg, sizeof(msg),
		_("unknown command '%.200s': commands are calc, probe, inspect, audit, report, completion"),
		argv[1]);
	cli_error(NULL, msg);
	return EXIT_USAGE;
}
