#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The -Dstatic=true binary runs where no shared library is: in a chroot
# holding nothing but itself and a configuration (no /lib, no /usr/lib, no
# ld.so, no /etc), calc and audit print what the goldens of the dynamically
# linked build say, with their exit status. Needs root (chroot): exit 77
# (skipped) otherwise. Usage: static.sh MTUPROBE SRCDIR
set -uo pipefail
bin=$1 src=$2
[[ $(id -u) -eq 0 ]] || { echo "SKIP: chroot needs root"; exit 77; }
fail=0 n=0
ok() { n=$((n + 1)); echo "ok $1"; }
bad() { fail=1; echo "FAIL $1"; }
file -L "$bin" | grep -q 'statically linked' || bad "$bin is not statically linked: $(file -L "$bin")"
root=$(mktemp -d /tmp/mtuprobe-static.XXXXXX)
trap 'rm -rf "$root"' EXIT
mkdir "$root/configs"
cp "$bin" "$root/mtuprobe"
cp "$src/tests/audit/configs/aws-yamaha.conf" "$root/configs/"
[[ $(find "$root" -type f | wc -l) -eq 2 ]] || bad "the chroot holds more than the binary and the configuration"

# calc: tests/cli/golden.tsv's row flets-aws-rtx, its golden, exit 0 (-q
# keeps the AWS warning on stderr)
chroot "$root" /mtuprobe calc --line flets-pppoe --esp aes128-sha1 --nat-t --peer aws --vendor rtx -q \
	>"$root/out" 2>"$root/err"
rc=$?
if [[ $rc -eq 0 ]] && diff -u "$src/tests/golden/flets-aws-rtx.out" "$root/out"; then
	ok "calc in a chroot without libraries"
else
	bad "calc (exit $rc): $(cat "$root/err")"
fi
# audit: tests/audit/cases.tsv's row aws-yamaha, its golden, exit 5
(cd "$root" && chroot . /mtuprobe audit --peer aws configs/aws-yamaha.conf) >"$root/out" 2>"$root/err"
rc=$?
if [[ $rc -eq 5 && ! -s $root/err ]] && diff -u "$src/tests/audit/expected/aws-yamaha.out" "$root/out"; then
	ok "audit in a chroot without libraries"
else
	bad "audit (exit $rc): $(cat "$root/err")"
fi
echo "static: $n passed"
exit $fail
