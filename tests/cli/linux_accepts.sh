#!/usr/bin/env bash
# The Linux lines must be accepted by Linux: run them, as printed, in a network
# namespace of our own with interfaces of the printed names, and check that
# the kernel holds what we asked for. Needs root: exit 77 (skipped) otherwise.
set -euo pipefail
bin=$1
[[ $(id -u) -eq 0 ]] && command -v ip >/dev/null && command -v nft >/dev/null || { echo "skip: needs root, ip and nft"; exit 77; }
ns="mtpla-$$-$RANDOM"
tmp=$(mktemp -d)
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
ip netns add "$ns"
for ifname in ppp0 vti0; do ip -n "$ns" link add "$ifname" type veth peer name "${ifname}p"; done
"$bin" calc --line flets-pppoe --esp aes128-sha1 --nat-t --vendor linux -q >"$tmp/lines"
grep -v '^#' "$tmp/lines" >"$tmp/run.sh"
if ! command -v iptables >/dev/null; then
	echo "note: iptables not installed: checking the nftables lines only"
	grep -v 'iptables' "$tmp/run.sh" >"$tmp/run2.sh"; mv "$tmp/run2.sh" "$tmp/run.sh"
fi
ip netns exec "$ns" bash -e "$tmp/run.sh"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
check "ppp0 MTU 1454" '[[ $(ip -n "$ns" -o link show ppp0) == *"mtu 1454"* ]]'
check "vti0 MTU 1374" '[[ $(ip -n "$ns" -o link show vti0) == *"mtu 1374"* ]]'
rules=$(ip netns exec "$ns" nft list table inet mtuprobe)
check "nft clamps vti0 IPv4 to 1334" 'grep -q "oifname \"vti0\" meta nfproto ipv4 .*maxseg size 1335-65535 tcp option maxseg size set 1334" <<<"$rules"'
check "nft clamps vti0 IPv6 to 1314" 'grep -q "oifname \"vti0\" meta nfproto ipv6 .*maxseg size set 1314" <<<"$rules"'
if command -v iptables >/dev/null; then
	check "iptables TCPMSS 1334 on vti0" 'ip netns exec "$ns" iptables -t mangle -S FORWARD | grep -q -- "-o vti0 .*TCPMSS --set-mss 1334"'
	check "ip6tables TCPMSS 1314 on vti0" 'ip netns exec "$ns" ip6tables -t mangle -S FORWARD | grep -q -- "-o vti0 .*TCPMSS --set-mss 1314"'
fi
exit $fail
