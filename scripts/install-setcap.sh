#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# meson install hook: give the installed binary CAP_NET_RAW (and nothing else).
# Turn off with: meson configure -Dsetcap=false
#
# Under DESTDIR (a staged install for a package) the file capability would be
# set on the staging copy and lost when the package is built: skip it, and
# let the package set it at install time (scripts/deb's postinst does). When
# setcap is missing or fails, say so loudly and fail: a binary installed
# without the capability would only work as root, and nobody would notice.
set -eu
if [ -n "${DESTDIR:-}" ]; then
	echo "mtuprobe: DESTDIR install: not setting CAP_NET_RAW on the staged file;" \
		"the package must run: setcap cap_net_raw+ep $1" >&2
	exit 0
fi
if ! command -v setcap >/dev/null 2>&1; then
	echo "mtuprobe: ERROR: setcap not found (apt-get install libcap2-bin): $1 has no CAP_NET_RAW;" \
		"run it as root, or install libcap2-bin and run: sudo setcap cap_net_raw+ep $1" \
		"(or configure with -Dsetcap=false to skip this step)" >&2
	exit 1
fi
if ! setcap cap_net_raw+ep "$1"; then
	echo "mtuprobe: ERROR: could not set CAP_NET_RAW on $1 (needs CAP_SETFCAP: install as root);" \
		"run: sudo setcap cap_net_raw+ep $1 (or configure with -Dsetcap=false)" >&2
	exit 1
fi
