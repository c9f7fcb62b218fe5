/* SPDX-License-Identifier: BSD-2-Clause */
/* mtuprobe inspect FILE: read a capture (one that probe --pcap wrote, or a
 * field capture from tcpdump), find mtuprobe's probes in it (or, in a
 * capture without them, other tools' DF probes: ping, tracepath), and say
 * what became of each: answered, refused with a Packet Too Big, or never
 * answered. FILE - is standard input.
 *
 * The analysis (two passes: learn the probe streams, then classify every
 * record with the parser probe uses) is inspect/inspect_scan.c, fed the
 * file's records by inspect_read.c; its two renderers (text and JSON) are
 * render/inspect_out.c. This file is the command: the file, the renderer,
 * the exit code. */
#include "base/i18n.h"
#include "cli/cmds.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/inspect_read.h"
#include "render/inspect_out.h"

/* ---- the command ---- */

static int
fail(const char *msg, int code)
{
	fprintf(stderr, "mtuprobe inspect: %s\n", msg);
	return code;
}

/* Why the analysis stopped, in the user's words. */
static int
fail_scan(const struct inspect *s)
{
	char buf[sizeof(s->err)];

	return fail(inspect_fail_words(s, 1, buf, sizeof(buf)), EXIT_USAGE);
}

static int
run(struct inspect *s, struct inspect_read *rd)
{
	enum inspect_next rc = inspect_learn(s);

	if (s->nstreams == 0) {
		if (rc == INSPECT_REC_ERROR)
			return fail_scan(s);
		snprintf(
			s->err, sizeof(s->err),
			_("no probes among %" PRIu64 " records: neither"
			  " mtuprobe's (ICMP echo requests whose data after an 8-byte cookie counts"
			  " 8, 9, 10, ...) nor echo requests with DF set nor tracepath's UDP probes"),
			s->records);
		return fail(s->err, EXIT_NOT_MEASURED);
	}
	if (pcapread_rewind(rd->r, s->err, sizeof(s->err)) < 0)
		return fail(s->err, EXIT_USAGE);
	inspect_replay(s);
	if (cli_stdout_done("inspect", EXIT_OK) != EXIT_OK)
		return EXIT_OUTPUT;
	return s->fail ? fail_scan(s) : EXIT_OK;
}

/* FILE, or - for standard input (named "(stdin)" in the output, as audit
 * names it). */
static int
open_input(struct inspect *s, struct inspect_view *v, struct inspect_read *rd, const char *arg)
{
	if (strcmp(arg, "-") != 0) {
		v->path = arg;
		rd->r = pcapread_open(arg, s->err, sizeof(s->err));
		return rd->r ? 0 : -1;
	}
	v->path = "(stdin)";
	if (isatty(STDIN_FILENO)) {
		snprintf(s->err, sizeof(s->err), "%s",
			 _("standard input is a terminal: pipe a capture"
			   " into it (tcpdump -w - ... | mtuprobe inspect -)"));
		return -1;
	}
	rd->r = pcapread_open_stream(STDIN_FILENO, "standard input", s->err, sizeof(s->err));
	return rd->r ? 0 : -1;
}

int
cmd_inspect(int argc, char **argv)
{
	static struct inspect s;       /* static: 2.5 kB of streams, off the stack */
	static struct inspect_read rd; /* a record of up to 64 kB */
	struct inspect_view v = { .f = stdout };
	struct cli c;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = cli_parse(CMD_INSPECT, argc, argv, &c, s.err, sizeof(s.err));

	if (rc > 0) /* --help */
		return cli_stdout_done("inspect", EXIT_OK);
	if (rc < 0)
		return fail(s.err, EXIT_USAGE);
	v.quiet = c.quiet;
	memset(&rd, 0, sizeof(rd));
	if (open_input(&s, &v, &rd, c.targets[0]) < 0)
		return fail(s.err, EXIT_USAGE);
	v.linktype = pcapread_linktype(rd.r);
	inspect_read_source(&s.in, &rd);
	if (c.json)
		inspect_json_sink(&s.out, &v);
	else
		inspect_text_sink(&s.out, &v);
	rc = run(&s, &rd);
	pcapread_close(rd.r);
	inspect_free(&s);
	return rc;
}
