/* SPDX-License-Identifier: BSD-2-Clause */
/* Why the order matters (see mtuprobe(1), SECURITY): raw sockets need
 * CAP_NET_RAW only when they are created (socket(2), SO_BINDTODEVICE).
 *   1. priv_lower(): at start, privileges stay permitted but not effective,
 *      so resolving names (NSS modules, /etc/hosts, DNS answers) runs with
 *      none of them.
 *   2. priv_raise(): effective again, only around opening the sockets.
 *   3. priv_drop(): every capability goes, and a process running as root
 *      becomes the invoking user (SUDO_UID) or an unprivileged one (--user,
 *      default nobody), like tcpdump -Z. Only then is any packet parsed or
 *      the --pcap file created: a bug in the reply parser cannot be used
 *      with privileges, and files are written with that user's rights. */
#include "io/priv.h"
#include "base/i18n.h"

#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int
caps_effective(int on)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &hdr, d) < 0)
		return -1;
	for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; i++)
		d[i].effective = on ? d[i].permitted : 0;
	return (int)syscall(SYS_capset, &hdr, d);
}

int
priv_lower(char *err, size_t errlen)
{
	if (caps_effective(0) < 0) {
		snprintf(err, errlen, _("cannot lower capabilities: %s"), strerror(errno));
		return -1;
	}
	return 0;
}

int
priv_raise(char *err, size_t errlen)
{
	if (caps_effective(1) < 0) {
		snprintf(err, errlen, _("cannot raise capabilities: %s"), strerror(errno));
		return -1;
	}
	return 0;
}

/* A positive decimal id from the environment, or 0. */
static unsigned long
env_id(const char *name)
{
	const char *v = getenv(name);
	char *end;
	unsigned long n;

	if (!v || *v < '1' || *v > '9')
		return 0;
	errno = 0;
	n = strtoul(v, &end, 10);
	return errno || *end || n > 0x7fffffffUL ? 0 : n;
}

/* Who a root process becomes: the sudo caller, else the named user. */
static int
target_user(const char *user, uid_t *uid, gid_t *gid, char *err, size_t errlen)
{
	unsigned long su = env_id("SUDO_UID"), sg = env_id("SUDO_GID");
	const struct passwd *pw;

	if (!user && su && sg) {
		*uid = (uid_t)su;
		*gid = (gid_t)sg;
		return 0;
	}
	pw = getpwnam(user ? user : "nobody");
	if (!pw) {
		snprintf(err, errlen,
			 _("no user '%s' to run as after opening the sockets (--user)"),
			 user ? user : "nobody");
		return -1;
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return 0;
}

int
priv_check_user(const char *user, char *err, size_t errlen)
{
	if (!user || getpwnam(user))
		return 0;
	snprintf(err, errlen, _("no user '%s' to run as after opening the sockets (--user)"), user);
	return -1;
}

static int
become(uid_t uid, gid_t gid, char *err, size_t errlen)
{
	if (setgroups(0, NULL) < 0 || setresgid(gid, gid, gid) < 0 ||
	    setresuid(uid, uid, uid) < 0) {
		snprintf(err, errlen, _("cannot switch to uid %u: %s"), (unsigned)uid,
			 strerror(errno));
		return -1;
	}
	return 0;
}

int
priv_drop(const char *user, char *err, size_t errlen)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct none[_LINUX_CAPABILITY_U32S_3];
	uid_t uid = getuid();
	gid_t gid = getgid();

	if (priv_raise(err, errlen) < 0) /* switching identity needs CAP_SETUID/SETGID */
		return -1;
	if (uid == 0 || geteuid() == 0) {
		if (target_user(user, &uid, &gid, err, errlen) < 0 ||
		    become(uid, gid, err, errlen) < 0)
			return -1;
	} else if (geteuid() != uid || getegid() != gid) {
		/* A setuid install: become the user who ran us, for good. */
		if (become(uid, gid, err, errlen) < 0)
			return -1;
	}
	memset(none, 0, sizeof(none));
	if (syscall(SYS_capset, &hdr, none) < 0) {
		snprintf(err, errlen, _("cannot drop capabilities: %s"), strerror(errno));
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
	snprintf(
		buf, len,
		_("raw sockets need CAP_NET_RAW: run as root (sudo %s ...) or once: sudo setcap cap_net_raw+ep %s"),
		self, self);
}
