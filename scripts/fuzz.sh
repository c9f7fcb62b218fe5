#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Fuzz the parsers with libFuzzer: the reply parser (tests/fuzz/fuzz_reply.c),
# the whole inspect path from capture-file bytes (tests/fuzz/fuzz_inspect.c),
# the configuration parsers with the audit behind them
# (tests/fuzz/fuzz_config.c), and the peer front ends with the pairing of
# both ends (tests/fuzz/fuzz_peer.c, built three times: fuzz_peer through the
# format detection and the describe-vpn-connections JSON, fuzz_peer_xml for
# the CustomerGatewayConfiguration XML, fuzz_peer_tf for terraform show -json).
#
#   scripts/fuzz.sh [SECONDS]      reply and inspect share SECONDS (default 60);
#                                  fuzz_config gets FUZZ_CONFIG_SECONDS (default 30),
#                                  fuzz_peer, fuzz_peer_xml and fuzz_peer_tf
#                                  FUZZ_PEER_SECONDS each (default 30)
#
# Builds with clang into build-fuzz/ (its own build directory, -Dfuzz=true),
# fuzzes scratch copies of the seeds (tests/fuzz/corpus for the replies, the
# captures of tests/cli/captures for inspect, tests/fuzz/corpus-config for
# the configurations, tests/fuzz/corpus-peer, corpus-peer-xml and
# corpus-peer-tf for the peer's files, tests/fuzz/corpus-inventory for
# probe --targets' inventory parser, fuzz_inventory) so the seeds
# under version control stay as they are,
# and exits non-zero if a harness crashes, leaks, or hits undefined
# behaviour. The input that did it is kept as tests/fuzz/crash-* (or leak-*,
# timeout-*); reproduce with
#   build-fuzz/tests/fuzz/fuzz_reply tests/fuzz/crash-...   (or fuzz_inspect, fuzz_config, fuzz_peer,
#   fuzz_peer_xml, fuzz_peer_tf)
set -eu

secs=${1:-60}
config_secs=${FUZZ_CONFIG_SECONDS:-30}
peer_secs=${FUZZ_PEER_SECONDS:-30}
for n in "$secs" "$config_secs" "$peer_secs"; do
	case $n in
	'' | *[!0-9]*)
		echo "usage: $0 [seconds]  (FUZZ_CONFIG_SECONDS=N for fuzz_config, FUZZ_PEER_SECONDS=N for fuzz_peer)" >&2
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
meson compile -C "$build" tests/fuzz/fuzz_reply tests/fuzz/fuzz_inspect tests/fuzz/fuzz_config \
	tests/fuzz/fuzz_peer tests/fuzz/fuzz_peer_xml tests/fuzz/fuzz_peer_tf tests/fuzz/fuzz_inventory

work=$(mktemp -d "${TMPDIR:-/tmp}/mtuprobe-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/reply" "$work/inspect" "$work/config" "$work/peer" "$work/peer_xml" "$work/peer_tf" \
	"$work/inventory"
cp "$root"/tests/fuzz/corpus/* "$work/reply/"
cp "$root"/tests/cli/captures/*.pcap "$root"/tests/cli/captures/*.pcapng "$work/inspect/"
cp "$root"/tests/fuzz/corpus-config/* "$work/config/"
cp "$root"/tests/fuzz/corpus-peer/* "$work/peer/"
cp "$root"/tests/fuzz/corpus-peer-xml/* "$work/peer_xml/"
cp "$root"/tests/fuzz/corpus-peer-tf/* "$work/peer_tf/"
cp "$root"/tests/fuzz/corpus-inventory/* "$work/inventory/"

# The reply parser is small and fast; inspect goes through libpcap and two
# passes, so it gets the larger share.
reply_secs=$((secs / 3))
inspect_secs=$((secs - reply_secs))
[ "$reply_secs" -ge 1 ] || reply_secs=1
[ "$inspect_secs" -ge 1 ] || inspect_secs=1

# fuzz NAME SECONDS [libFuzzer options]: one harness on its scratch corpus.
fuzz() {
	name=$1 t=$2
	shift 2
	echo "$name: ${t}s on a copy of its seeds ($work/$name)" >&2
	status=0
	"$build/tests/fuzz/fuzz_$name" -max_total_time="$t" -print_final_stats=1 \
		-artifact_prefix="$root/tests/fuzz/" "$@" "$work/$name" || status=$?
	if [ "$status" -ne 0 ]; then
		echo "fuzz_$name FAILED (exit $status): input saved in $root/tests/fuzz/" >&2
		exit "$status"
	fi
}

# Two lanes, one harness per core at a time (each libFuzzer run uses one):
# the wall time is the longer lane's, not the sum. A lane stops at its
# first failure; the script fails when either lane did.
(
	fuzz reply "$reply_secs"
	fuzz inspect "$inspect_secs"
	# Configurations are text: inputs up to 16 KB, 10 s per input at most
	# (one input is parsed four ways and audited for four peers; all of it
	# is linear).
	fuzz config "$config_secs" -max_len=16384 -timeout=10
	# probe --targets' inventory (tests/fuzz/fuzz_inventory.c): lines or
	# CSV, FUZZ_CONFIG_SECONDS as the configurations get.
	fuzz inventory "$config_secs" -max_len=16384 -timeout=10
) &
lane_a=$!
(
	# The peer JSON: inputs up to 16 KB (a describe-vpn-connections
	# document of a few connections), each parsed once and paired with
	# three routers.
	fuzz peer "$peer_secs" -max_len=16384 -timeout=10
	# The XML (libxml2 with entities refused) and Terraform front ends
	# alone, the same bounds (the plan seed is 15 KB).
	fuzz peer_xml "$peer_secs" -max_len=16384 -timeout=10
	fuzz peer_tf "$peer_secs" -max_len=16384 -timeout=10
) &
lane_b=$!
failed=0
wait "$lane_a" || failed=1
wait "$lane_b" || failed=1
[ "$failed" -eq 0 ] || exit 1
echo "fuzz: no crash in ${secs}s + ${config_secs}s + 3 x ${peer_secs}s; corpora grew to" \
	"$(find "$work/reply" -type f | wc -l) (reply), $(find "$work/inspect" -type f | wc -l) (inspect)," \
	"$(find "$work/config" -type f | wc -l) (config), $(find "$work/peer" -type f | wc -l) (peer)," \
	"$(find "$work/peer_xml" -type f | wc -l) (peer_xml) and $(find "$work/peer_tf" -type f | wc -l) (peer_tf) inputs" >&2
