#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Records the real-*.pcap fixtures: mtuprobe probe --pcap (LINKTYPE_RAW) over a
# three-namespace lab, with tcpdump on the client's Ethernet interface
# (LINKTYPE_ETHERNET) and on "any" (LINKTYPE_LINUX_SLL2, and LINUX_SLL with -y)
# at the same time.
#
#   client 192.0.2.10, 2001:db8:1::10 -- router -- server 198.51.100.20, 2001:db8:2::20
#                                  MTU 1500      MTU 1454
#
# Usage (root): record-real.sh MTUPROBE OUTDIR. Nothing leaves the namespaces
# (documentation addresses only, RFC 5737 / RFC 3849), and they are deleted
# on exit. Not run by the tests: the fixtures it wrote are committed, with a
# random cookie and real time stamps, and tests/cli/inspect.sh compares
# inspect's output for them with the .out files next to them.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 MTUPROBE OUTDIR" >&2; exit 2; }
bin=$(realpath "$1") out=$(realpath "$2")
p=insp$$- # unique per run, so a parallel run or a leftover cannot collide
c=${p}c r=${p}r s=${p}s
dumps=()

cleanup() {
	local pid n
	for pid in "${dumps[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${dumps[@]}"; do wait "$pid" 2>/dev/null || true; done
	for n in "$c" "$r" "$s"; do ip netns del "$n" 2>/dev/null || true; done
}
trap cleanup EXIT

for n in "$c" "$r" "$s"; do
	ip netns add "$n"
	ip -n "$n" link set lo up
done
ip -n "$c" link add ic type veth peer name ir netns "$r"
ip -n "$r" link add rs type veth peer name sr netns "$s"
ip -n "$c" addr add 192.0.2.10/24 dev ic
ip -n "$c" addr add 2001:db8:1::10/64 dev ic nodad
ip -n "$r" addr add 192.0.2.1/24 dev ir
ip -n "$r" addr add 2001:db8:1::1/64 dev ir nodad
ip -n "$r" addr add 198.51.100.1/24 dev rs
ip -n "$r" addr add 2001:db8:2::1/64 dev rs nodad
ip -n "$s" addr add 198.51.100.20/24 dev sr
ip -n "$s" addr add 2001:db8:2::20/64 dev sr nodad
# the bottleneck: the router cannot forward more than 1454 bytes to the server
ip -n "$r" link set rs mtu 1454
ip -n "$s" link set sr mtu 1454
for nd in "$c ic" "$r ir" "$r rs" "$s sr"; do
	read -r n d <<<"$nd"
	ip -n "$n" link set "$d" up
done
ip -n "$c" route add default via 192.0.2.1
ip -n "$c" -6 route add default via 2001:db8:1::1
ip -n "$s" route add default via 198.51.100.1
ip -n "$s" -6 route add default via 2001:db8:2::1
ip netns exec "$r" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
# resolve neighbours first, so that the captures hold probes, not ND and ARP
ip netns exec "$c" ping -c2 -w5 198.51.100.20 >/dev/null || true
ip netns exec "$c" ping -6 -c2 -w5 2001:db8:2::20 >/dev/null || true

ip netns exec "$c" tcpdump -U -q -i ic -w "$out/real-ether.pcap" icmp or icmp6 2>/dev/null &
dumps+=($!)
ip netns exec "$c" tcpdump -U -q -i any -w "$out/real-any.pcap" icmp or icmp6 2>/dev/null &
dumps+=($!)
ip netns exec "$c" tcpdump -U -q -i any -y LINUX_SLL -w "$out/real-any-sll1.pcap" icmp or icmp6 2>/dev/null &
dumps+=($!)
sleep 1
ip netns exec "$c" timeout 60 "$bin" probe -q --vendor none --pcap "$out/real-v4.pcap" 198.51.100.20
ip netns exec "$c" timeout 60 "$bin" probe -6 -q --vendor none --pcap "$out/real-v6.pcap" 2001:db8:2::20
sleep 1
