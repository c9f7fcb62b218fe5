#!/bin/sh
# meson install hook: give the installed binary CAP_NET_RAW (and nothing else).
# Turn off with: meson configure -Dsetcap=false
set -eu
target="${DESTDIR:-}$1"
if ! command -v setcap >/dev/null 2>&1; then
	echo "mtuprobe: setcap not found (apt-get install libcap2-bin); run as root or: setcap cap_net_raw+ep $1" >&2
	exit 0
fi
if ! setcap cap_net_raw+ep "$target"; then
	echo "mtuprobe: could not setcap $target; run as root or: sudo setcap cap_net_raw+ep $1" >&2
fi
