#!/bin/sh
# Fuzz the parsers with libFuzzer: the reply parser (tests/fuzz/fuzz_reply.c)
# and the whole inspect path from capture-file bytes (tests/fuzz/fuzz_inspect.c).
#
#   scripts/fuzz.sh [SECONDS]      default 60, shared by the two harnesses
#
# Builds with clang into build-fuzz/ (its own build directory, -Dfuzz=true),
# fuzzes scratch copies of the seeds (tests/fuzz/corpus for the replies, the
# captures of tests/cli/captures for inspect) so the seeds under version
# control stay as they are, and exits non-zero if a harness crashes, leaks,
# or hits undefined behaviour. The input that did it is kept as
# tests/fuzz/crash-* (or leak-*, timeout-*); reproduce with
#   build-fuzz/tests/fuzz/fuzz_reply tests/fuzz/crash-...   (or fuzz_inspect)
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

command -v clang >/dev/null || {
	echo "$0: clang not found (libFuzzer ships with it): apt-get install clang" >&2
	exit 2
}
if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" "$root" -Dfuzz=true
else
	meson configure "$build" -Dfuzz=true
fi
meson compile -C "$build" tests/fuzz/fuzz_reply tests/fuzz/fuzz_inspect

work=$(mktemp -d "${TMPDIR:-/tmp}/mtuprobe-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/reply" "$work/inspect"
cp "$root"/tests/fuzz/corpus/* "$work/reply/"
cp "$root"/tests/cli/captures/*.pcap "$root"/tests/cli/captures/*.pcapng "$work/inspect/"

# The reply parser is small and fast; inspect goes through libpcap and two
# passes, so it gets the larger share.
reply_secs=$((secs / 3))
inspect_secs=$((secs - reply_secs))
[ "$reply_secs" -ge 1 ] || reply_secs=1
[ "$inspect_secs" -ge 1 ] || inspect_secs=1

# fuzz NAME SECONDS: one harness on its scratch corpus.
fuzz() {
	echo "$1: ${2}s on a copy of its seeds ($work/$1)" >&2
	status=0
	"$build/tests/fuzz/fuzz_$1" -max_total_time="$2" -print_final_stats=1 \
		-artifact_prefix="$root/tests/fuzz/" "$work/$1" || status=$?
	if [ "$status" -ne 0 ]; then
		echo "fuzz_$1 FAILED (exit $status): input saved in $root/tests/fuzz/" >&2
		exit "$status"
	fi
}

fuzz reply "$reply_secs"
fuzz inspect "$inspect_secs"
echo "fuzz: no crash in ${secs}s; corpora grew to $(find "$work/reply" -type f | wc -l)" \
	"(reply) and $(find "$work/inspect" -type f | wc -l) (inspect) inputs" >&2
