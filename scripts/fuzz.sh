#!/bin/sh
# Fuzz the reply parsers (tests/fuzz/fuzz_reply.c) with libFuzzer.
#
#   scripts/fuzz.sh [SECONDS]      default 60
#
# Builds with clang into build-fuzz/ (its own build directory, -Dfuzz=true),
# fuzzes a scratch copy of tests/fuzz/corpus so the seeds under version
# control stay as they are, and exits non-zero if the harness crashes,
# leaks, or hits undefined behaviour. The input that did it is kept as
# tests/fuzz/crash-* (or leak-*, timeout-*); reproduce with
#   build-fuzz/tests/fuzz/fuzz_reply tests/fuzz/crash-...
set -eu

secs=${1:-60}
case $secs in
'' | *[!0-9]*)
	echo "usage: $0 [seconds]" >&2
	exit 2
	;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
harness=$build/tests/fuzz/fuzz_reply

command -v clang >/dev/null || {
	echo "$0: clang not found (libFuzzer ships with it): apt-get install clang" >&2
	exit 2
}
if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" "$root" -Dfuzz=true
else
	meson configure "$build" -Dfuzz=true
fi
meson compile -C "$build" tests/fuzz/fuzz_reply

work=$(mktemp -d "${TMPDIR:-/tmp}/mtuprobe-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cp "$root"/tests/fuzz/corpus/* "$work"/

echo "fuzz_reply: ${secs}s on a copy of tests/fuzz/corpus ($work)" >&2
status=0
"$harness" -max_total_time="$secs" -print_final_stats=1 \
	-artifact_prefix="$root/tests/fuzz/" "$work" || status=$?
if [ "$status" -ne 0 ]; then
	echo "fuzz_reply FAILED (exit $status): input saved in $root/tests/fuzz/" >&2
	exit "$status"
fi
echo "fuzz_reply: no crash in ${secs}s; corpus grew to $(find "$work" -type f | wc -l) inputs" >&2
