/* Subcommands: each returns an exit code (enum exit_code); main() exits. */
#ifndef MTUPROBE_CMDS_H
#define MTUPROBE_CMDS_H

#include "cli/options.h"

int cmd_calc(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_audit(int argc, char **argv);

#endif
