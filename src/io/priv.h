/* SPDX-License-Identifier: BSD-2-Clause */
/* Privileges: the only code that touches them. The order (priv.c): lower at
 * start, raise only to open the sockets, then drop for good. */
#ifndef MTUPROBE_PRIV_H
#define MTUPROBE_PRIV_H

#include <stddef.h>

/* Keep capabilities permitted but not effective (before resolving names). */
int priv_lower(char *err, size_t errlen);
/* Make the permitted capabilities effective again (to open raw sockets). */
int priv_raise(char *err, size_t errlen);

/* Give up every capability and any setuid identity; as root, become the
 * sudo caller (SUDO_UID/SUDO_GID) or user (NULL: nobody). Call once every
 * raw socket is open. Returns 0, or -1 with a message. */
int priv_drop(const char *user, char *err, size_t errlen);
/* --user names a user that exists: checked before any socket is opened, so
 * a typo is a usage error (exit 2), not a failure after the sockets. */
int priv_check_user(const char *user, char *err, size_t errlen);

/* One line telling the user exactly how to get CAP_NET_RAW. */
void priv_advice(char *buf, size_t len);

#endif
