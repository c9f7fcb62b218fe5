/* SPDX-License-Identifier: BSD-2-Clause */
/* Subcommands: each returns an exit code (enum exit_code); main() exits. */
#ifndef MTUPROBE_CMDS_H
#define MTUPROBE_CMDS_H

#include "cli/options.h"

int cmd_calc(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_completion(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* readfile.c: a whole configuration file ("-": standard input), at most
 * 16 MB, into a malloc'd buffer. 0, or -1 with a message. */
int cli_read_config(const char *path, char **buf, size_t *len, char *err, size_t errlen);
/* Words config_parse's coded refusals (c->refused) into err. */
void cli_config_why(const struct config *c, char *err, size_t errlen);

/* output.c: one-line errors with control characters escaped; cmd may be NULL. */
void cli_error(const char *cmd, const char *msg);
/* Flush standard output: rc, or EXIT_OUTPUT with a message when the report
 * could not be written. */
int cli_stdout_done(const char *cmd, int rc);
/* At start: fds 0 and 2 open (on /dev/null if need be), and standard output
 * open; -1 (said on stderr) when it is closed. */
int cli_fds(void);

#endif
