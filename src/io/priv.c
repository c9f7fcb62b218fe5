/* Why the order matters: raw sockets need CAP_NET_RAW only when they are
 * created (socket(2), and SO_BINDTODEVICE). Once every socket the run needs is
 * open, nothing else does, so we drop every capability (and a setuid
 * identity) before resolving nothing more, parsing any packet or writing any
 * file: a bug in the reply parser then cannot be used with privileges, and the
 * --pcap file is created with the user's own rights. Same idea as iputils
 * ping and OpenBSD traceroute. */
#include "io/priv.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int
priv_drop(char *err, size_t errlen)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct none[_LINUX_CAPABILITY_U32S_3];
	uid_t uid = getuid();
	gid_t gid = getgid();

	/* A setuid-root install: become the user who ran us, for good. */
	if (geteuid() != uid || getegid() != gid) {
		if (setresgid(gid, gid, gid) < 0 || setresuid(uid, uid, uid) < 0) {
			snprintf(err, errlen, "cannot drop setuid identity: %s", strerror(errno));
			return -1;
		}
	}
	memset(none, 0, sizeof(none));
	if (syscall(SYS_capset, &hdr, none) < 0) {
		snprintf(err, errlen, "cannot drop capabilities: %s", strerror(errno));
		return -1;
	}
	/* Nothing we exec (we exec nothing) could regain them either. */
	(void)prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	return 0;
}

void
priv_advice(char *buf, size_t len)
{
	char self[512];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n <= 0)
		snprintf(self, sizeof(self), "mtuprobe");
	else
		self[n] = '\0';
	snprintf(buf, len, "raw sockets need CAP_NET_RAW: run as root (sudo %s ...) or once: sudo setcap cap_net_raw+ep %s",
		 self, self);
}
