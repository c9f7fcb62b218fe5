#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Records handstep-ping.pcap and handstep-silent.pcap: what an engineer's
# hand-stepped DF pings look like on the wire, six runs of one ping each,
#   ping -M do -c 1 -s N 203.0.113.2   for N in 1472 1372 1373 1422 1400 1372
# (IP packets of 1500 1400 1401 1450 1428 1400 bytes), each run a new ping
# process with an ident of its own, for `mtuprobe inspect` to merge into one
# search and answer "path MTU to 203.0.113.2: 1400". In the lab of
# scripts/lab with a 1400-byte WAN (client -- r1 == 1400 == r2 -- server),
# tcpdump on the client's interface:
#   handstep-ping.pcap      r1 answers every packet above 1400 with
#                           "fragmentation needed, mtu 1400"
#   handstep-silent.pcap    the same runs with r1 dropping those (scripts/lab
#                           --blackhole: nft drop of ICMP type 3 code 4 on r1's
#                           output), so the answer rests on silence
# The learned PMTU is flushed before every run (scripts/lab flush), as it
# must be: after one "fragmentation needed" the client's kernel refuses a
# larger `ping -M do` itself ("message too long") and nothing is sent.
#
# To re-record (root): tests/cli/captures/record-handstep.sh tests/cli/captures,
# then tests/cli/inspect.sh BUILD/src/cli/mtuprobe . --update and review the
# diff of expected/handstep-*: the times and idents change, the answers not.
#
# Usage (root): record-handstep.sh OUTDIR. Documentation addresses only
# (RFC 5737), all inside the lab's namespaces (prefix "insh"), which are
# deleted on exit. Not run by the tests: the files it wrote are committed,
# and tests/cli/inspect.sh compares inspect's output for them with expected/.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
out=$(realpath "$1")
lab=$(cd "$(dirname "$0")/../../../scripts" && pwd)/lab
sizes=(1472 1372 1373 1422 1400 1372)
target=203.0.113.2
id="" dump=""

cleanup() {
	if [[ -n $dump ]]; then
		kill "$dump" 2>/dev/null || true
		wait "$dump" 2>/dev/null || true
	fi
	[[ -z $id ]] || "$lab" down "$id" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# record FILE [LAB OPTIONS...]: one lab, six hand-stepped runs, one capture.
record() {
	local file=$1 n
	shift
	eval "$("$lab" up --prefix insh --wan-mtu 1400 "$@")"
	id=$LAB_ID
	# Resolve the neighbours first, so that the capture holds the probes only.
	"$lab" exec "$id" client ping -n -c1 -w5 "$target" >/dev/null
	# not through a function: $! must be tcpdump itself (lab exec execs it)
	"$lab" exec "$id" client tcpdump -U -q -s 0 -i lan0 -w "$out/$file" icmp 2>/dev/null &
	dump=$!
	sleep 1
	for n in "${sizes[@]}"; do
		"$lab" flush "$id"
		"$lab" exec "$id" client ping -n -M 'do' -c 1 -W 1 -s "$n" "$target" || true
		sleep 0.5
	done
	sleep 1
	kill "$dump"
	wait "$dump" 2>/dev/null || true
	dump=""
	"$lab" down "$id" >/dev/null
	id=""
}

record handstep-ping.pcap
record handstep-silent.pcap --blackhole
