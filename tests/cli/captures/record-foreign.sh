#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Records the real-ping*.pcap and real-tracepath.pcap fixtures: what other
# tools' DF probes look like on the wire, for `mtuprobe inspect` to recognise. In the lab of scripts/lab
# (client -- r1 == 1454-byte WAN == r2 -- server), tcpdump on the client's
# Ethernet interface while the client runs
#   real-ping.pcap          ping -M do -s 1426 -c 2 (1454 bytes: passes) and
#                           ping -M do -s 1427 -c 2 (1455: r1's frag-needed)
#                           to r2's WAN address 198.51.100.2
#   real-ping6.pcap         ping -6 -M do -s 1406 / -s 1407 to 2001:db8:2::2
#   real-tracepath.pcap     tracepath -n 198.51.100.2
# Windows ping -f -l N cannot run here: gen.py makes windows-ping.pcap.
#
# Usage (root): record-foreign.sh OUTDIR. Documentation addresses only
# (RFC 5737 / RFC 3849), all inside the lab's namespaces, which are deleted
# on exit. Not run by the tests: the files it wrote are committed, and
# tests/cli/inspect.sh compares inspect's output for them with expected/.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
out=$(realpath "$1")
lab=$(cd "$(dirname "$0")/../../../scripts" && pwd)/lab
id="" dump=""

cleanup() {
	if [[ -n $dump ]]; then
		kill "$dump" 2>/dev/null || true
		wait "$dump" 2>/dev/null || true
	fi
	[[ -z $id ]] || "$lab" down "$id" >/dev/null 2>&1 || true
}
trap cleanup EXIT

eval "$("$lab" up --prefix insf)"
id=$LAB_ID
c() { "$lab" exec "$id" client "$@"; }

# Resolve the neighbours first, so that the captures hold the probes only.
c ping -c1 -w5 198.51.100.2 >/dev/null || true
c ping -6 -c1 -w5 2001:db8:2::2 >/dev/null || true

# record FILE FILTER CMD...: tcpdump on lan0 around one command.
record() {
	local file=$1 filter=$2
	shift 2
	# not through c(): $! must be tcpdump itself (lab exec execs it)
	"$lab" exec "$id" client tcpdump -U -q -s 0 -i lan0 -w "$out/$file" "$filter" 2>/dev/null &
	dump=$!
	sleep 1
	c "$@" || true
	sleep 1
	kill "$dump"
	wait "$dump" 2>/dev/null || true
	dump=""
}

record real-ping.pcap icmp \
	sh -c 'ping -n -M do -s 1426 -c 2 -i 0.2 198.51.100.2; ping -n -M do -s 1427 -c 2 -i 0.2 198.51.100.2'
record real-ping6.pcap 'icmp6 and not ip6[40] >= 133' \
	sh -c 'ping -6 -n -M do -s 1406 -c 2 -i 0.2 2001:db8:2::2; ping -6 -n -M do -s 1407 -c 2 -i 0.2 2001:db8:2::2'
"$lab" flush "$id" # forget the PMTU the pings taught the client
record real-tracepath.pcap 'icmp or udp' tracepath -n 198.51.100.2
