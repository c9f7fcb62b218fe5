#!/bin/sh
# Fuzz the reply parsers (tests/fuzz/fuzz_reply.c) and the configuration
# parsers with the audit behind them (tests/fuzz/fuzz_config.c) with
# libFuzzer.
#
#   scripts/fuzz.sh [SECONDS]      fuzz_reply for SECONDS (default 60),
#                                  fuzz_config for FUZZ_CONFIG_SECONDS (default 30)
#
# Builds with clang into build-fuzz/ (its own build directory, -Dfuzz=true),
# fuzzes scratch copies of the seed corpora so the seeds under version
# control stay as they are, and exits non-zero if a harness crashes, leaks,
# or hits undefined behaviour. The input that did it is kept as
# tests/fuzz/crash-* (or leak-*, timeout-*); reproduce with
#   build-fuzz/tests/fuzz/fuzz_reply tests/fuzz/crash-...
set -eu

secs=${1:-60}
config_secs=${FUZZ_CONFIG_SECONDS:-30}
for n in "$secs" "$config_secs"; do
	case $n in
	'' | *[!0-9]*)
		echo "usage: $0 [seconds]  (FUZZ_CONFIG_SECONDS=N for fuzz_config)" >&2
		exit 2
		;;
	esac
done

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
meson compile -C "$build" tests/fuzz/fuzz_reply tests/fuzz/fuzz_config

work=$(mktemp -d "${TMPDIR:-/tmp}/mtuprobe-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# run NAME CORPUS SECONDS [libFuzzer options]
run() {
	name=$1 corpus=$2 t=$3
	shift 3
	mkdir -p "$work/$name"
	cp "$root/tests/fuzz/$corpus"/* "$work/$name"/
	echo "$name: ${t}s on a copy of tests/fuzz/$corpus ($work/$name)" >&2
	status=0
	"$build/tests/fuzz/$name" -max_total_time="$t" -print_final_stats=1 \
		-artifact_prefix="$root/tests/fuzz/" "$@" "$work/$name" || status=$?
	if [ "$status" -ne 0 ]; then
		echo "$name FAILED (exit $status): input saved in $root/tests/fuzz/" >&2
		exit "$status"
	fi
	echo "$name: no crash in ${t}s; corpus grew to $(find "$work/$name" -type f | wc -l) inputs" >&2
}

run fuzz_reply corpus "$secs"
# Configurations are text: inputs up to 16 KB, 10 s per input at most (one
# input is parsed four ways and audited for four peers; all of it is linear).
run fuzz_config corpus-config "$config_secs" -max_len=16384 -timeout=10
