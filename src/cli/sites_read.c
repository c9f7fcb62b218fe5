/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --targets FILE, read as the user mtuprobe becomes, as --config is
 * (never as root): the parser quotes the file's words in its messages, and
 * `sudo mtuprobe probe --targets /etc/shadow` must not print a line of a
 * file only root may read. The targets are needed before the sockets are
 * opened, so a child drops every privilege (priv_drop, the same user as the
 * drop that follows) and sends the bytes back through a pipe. */
#include "base/i18n.h"
#include "cli/cmds.h"
#include "cli/sites.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/priv.h"

/* The child: 'O' and the file, or 'E' and the message. */
static void __attribute__((noreturn)) child(int fd, const char *name, const char *user)
{
	char *buf = NULL, msg[400];
	size_t len = 0, off = 0;
	int ok = priv_drop(user, msg, sizeof(msg)) == 0 &&
		 cli_read_config(name, &buf, &len, msg, sizeof(msg)) == 0;
	const char *p = ok ? buf : msg;
	size_t n = ok ? len : strlen(msg);

	if (write(fd, ok ? "O" : "E", 1) != 1)
		_exit(1);
	while (off < n) {
		ssize_t w = write(fd, p + off, n - off);
		if (w <= 0)
			_exit(1);
		off += (size_t)w;
	}
	_exit(0);
}

/* Everything the child wrote, into a growing buffer. */
static int
drain(int fd, char **buf, size_t *len)
{
	size_t cap = 0;

	*buf = NULL;
	*len = 0;
	for (;;) {
		ssize_t r;
		if (*len == cap) {
			char *n = realloc(*buf, cap = cap ? cap * 2 : 65536);
			if (!n)
				return -1;
			*buf = n;
		}
		r = read(fd, *buf + *len, cap - *len);
		if (r == 0)
			return 0;
		if (r < 0 && errno != EINTR)
			return -1;
		if (r > 0)
			*len += (size_t)r;
	}
}

int
sites_read_file(const char *name, const char *user, char **buf, size_t *len, char *err,
		size_t errlen)
{
	int fds[2], status = 0, rc;
	char *got = NULL;
	size_t n = 0;
	pid_t pid;

	/* Standard input is what the caller gave; without root, nothing to lower. */
	if (!strcmp(name, "-") || geteuid() != 0)
		return cli_read_config(name, buf, len, err, errlen);
	if (pipe2(fds, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
		snprintf(err, errlen, _("cannot read %s: %s"), name, strerror(errno));
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		child(fds[1], name, user);
	}
	close(fds[1]);
	rc = drain(fds[0], &got, &n);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (rc < 0 || !n || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(err, errlen,
			 _("cannot read %s: the reader (as the user mtuprobe becomes) failed"),
			 name);
		free(got);
		return -1;
	}
	if (got[0] == 'E') {
		snprintf(err, errlen, "%.*s", (int)(n - 1), got + 1);
		free(got);
		return -1;
	}
	memmove(got, got + 1, n - 1);
	got[n - 1] = '\0';
	*buf = got;
	*len = n - 1;
	return 0;
}
