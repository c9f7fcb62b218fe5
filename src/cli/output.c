/* SPDX-License-Identifier: BSD-2-Clause */
/* What the CLI writes: one-line errors with control characters escaped (a
 * file name or a value given on the command line may carry ESC or a
 * newline), and the report's last flush checked, so that a full disk or a
 * closed pipe is an error with a message, never a silent exit 0. */
#include "cli/cmds.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void
cli_error(const char *cmd, const char *msg)
{
	fprintf(stderr, "mtuprobe%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
		if (*p == '\t')
			fputs("\\t", stderr);
		else if (*p == '\n')
			fputs("\\n", stderr);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(stderr, "\\x%02x", *p);
		else
			fputc(*p, stderr);
	}
	fputc('\n', stderr);
}

int
cli_stdout_done(const char *cmd, int rc)
{
	char msg[160];
	int bad = ferror(stdout);

	errno = 0;
	if (fflush(stdout) != 0 || bad) {
		snprintf(msg, sizeof(msg), "cannot write the report to standard output: %s",
			 errno ? strerror(errno) : "write error");
		cli_error(cmd, msg);
		return EXIT_OUTPUT;
	}
	return rc;
}

int
cli_fds(void)
{
	/* Standard error and input closed: put /dev/null there, so that no
	 * socket or file we open later lands on 0 or 2. Standard output closed:
	 * the report would be lost, which is an error. */
	for (int fd = 0; fd <= 2; fd += 2)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", fd ? O_WRONLY : O_RDONLY) != fd)
			return -1;
	if (fcntl(STDOUT_FILENO, F_GETFD) < 0) {
		cli_error(NULL, "standard output is closed: the report would be lost");
		return -1;
	}
	return 0;
}
