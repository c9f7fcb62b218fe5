/* SPDX-License-Identifier: BSD-2-Clause */
/* What the CLI writes: one-line errors with control characters escaped (a
 * file name or a value given on the command line may carry ESC or a
 * newline), and the report's last flush checked, so that a full disk or a
 * closed pipe is an error with a message, never a silent exit 0. */
#include "base/i18n.h"
#include "cli/cmds.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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

/* The first write error on standard output. glibc drops the buffer when a
 * write fails, so a later fflush() succeeds with errno 0: the reason must be
 * kept from the flush that saw it. */
static int stdout_errno;

/* A pipe whose reader has gone: poll(2) says POLLERR on its write end. */
static int
stdout_broken(void)
{
	struct pollfd p = { .fd = STDOUT_FILENO, .events = 0 };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
}

static int
stdout_flush(void)
{
	int bad = ferror(stdout);

	errno = 0;
	if (fflush(stdout) == 0 && !bad)
		return 0;
	if (!stdout_errno)
		stdout_errno = errno ? errno : stdout_broken() ? EPIPE : 0;
	return -1;
}

int
cli_stdout_done(const char *cmd, int rc)
{
	char msg[160];

	if (stdout_flush() == 0)
		return rc;
	snprintf(msg, sizeof(msg), _("cannot write the report to standard output: %s"),
		 stdout_errno ? strerror(stdout_errno) : "write error");
	cli_error(cmd, msg);
	return EXIT_OUTPUT;
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
