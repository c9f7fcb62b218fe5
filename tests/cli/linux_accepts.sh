#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The Linux lines must be accepted by Linux exactly as printed: run each form's
# whole output (comments, heredoc and all) as a script, twice, in a network
# namespace of our own with interfaces of the printed names, and check that the
# kernel holds what we asked for, in both directions, once. Needs root: exit 77
# (skipped) otherwise. The lab's advice tests prove the same lines carry TCP.
set -euo pipefail
bin=$1
[[ $(id -u) -eq 0 ]] && command -v ip >/dev/null && command -v nft >/dev/null || { echo "skip: needs root, ip and nft"; exit 77; }
ns="mtpla-$$-$RANDOM"
tmp=$(mktemp -d)
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
ip netns add "$ns"
for ifname in ppp0 vti0 vti1; do ip -n "$ns" link add "$ifname" type veth peer name "${ifname}p"; done
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
calc=(calc --line flets-pppoe --esp aes128-sha1 --nat-t -q)

"$bin" "${calc[@]}" --vendor linux >"$tmp/nft.sh"
ip netns exec "$ns" bash -e "$tmp/nft.sh"
ip netns exec "$ns" bash -e "$tmp/nft.sh"   # pasting twice must not stack rules
check "ppp0 MTU 1454" '[[ $(ip -n "$ns" -o link show ppp0) == *"mtu 1454"* ]]'
check "vti0 MTU 1374" '[[ $(ip -n "$ns" -o link show vti0) == *"mtu 1374"* ]]'
rules=$(ip netns exec "$ns" nft list table inet mtuprobe)
# 2 interfaces x 2 families x 2 directions, once each after two pastes
check "nft: 8 clamp rules after two pastes" '[[ $(grep -c "maxseg size set" <<<"$rules") -eq 8 ]]'
for dir in oifname iifname; do
	check "nft $dir vti0 IPv4 1334" 'grep -q "$dir \"vti0\" meta nfproto ipv4 .*maxseg size 1335-65535 tcp option maxseg size set 1334" <<<"$rules"'
	check "nft $dir vti0 IPv6 1314" 'grep -q "$dir \"vti0\" meta nfproto ipv6 .*maxseg size set 1314" <<<"$rules"'
	check "nft $dir ppp0 IPv4 1414" 'grep -q "$dir \"ppp0\" meta nfproto ipv4 .*maxseg size set 1414" <<<"$rules"'
done
check "nft chain at priority mangle (-150)" 'grep -q "hook forward priority mangle" <<<"$rules"'

if command -v iptables >/dev/null; then
	"$bin" "${calc[@]}" --vendor linux-iptables >"$tmp/ipt.sh"
	ip netns exec "$ns" bash -e "$tmp/ipt.sh"
	ip netns exec "$ns" bash -e "$tmp/ipt.sh"
	v4=$(ip netns exec "$ns" iptables -t mangle -S)
	v6=$(ip netns exec "$ns" ip6tables -t mangle -S)
	check "iptables: 4 TCPMSS rules after two pastes" '[[ $(grep -c -- "-j TCPMSS" <<<"$v4") -eq 4 ]]'
	check "ip6tables: 4 TCPMSS rules after two pastes" '[[ $(grep -c -- "-j TCPMSS" <<<"$v6") -eq 4 ]]'
	check "iptables: one jump from FORWARD" '[[ $(grep -c -- "-A FORWARD -j MTUPROBE" <<<"$v4") -eq 1 ]]'
	for dir in -o -i; do
		check "iptables $dir vti0 1334" 'grep -q -- "$dir vti0 .*TCPMSS --set-mss 1334" <<<"$v4"'
		check "ip6tables $dir vti0 1314" 'grep -q -- "$dir vti0 .*TCPMSS --set-mss 1314" <<<"$v6"'
	done
else
	echo "note: iptables not installed: the nftables form only"
fi

# Both AWS tunnels on one run (--tunnel-if linux=vti0,vti1, issue 18): each
# device gets the tunnel MTU and its own clamp rules, once after two pastes.
"$bin" "${calc[@]}" --vendor linux --tunnel-if linux=vti0,vti1 >"$tmp/nft2.sh"
ip netns exec "$ns" bash -e "$tmp/nft2.sh"
ip netns exec "$ns" bash -e "$tmp/nft2.sh"
check "two tunnels: vti0 and vti1 MTU 1374" '[[ $(ip -n "$ns" -o link show vti0) == *"mtu 1374"* && $(ip -n "$ns" -o link show vti1) == *"mtu 1374"* ]]'
rules=$(ip netns exec "$ns" nft list table inet mtuprobe)
check "two tunnels: 12 clamp rules after two pastes" '[[ $(grep -c "maxseg size set" <<<"$rules") -eq 12 ]]'
check "two tunnels: vti1 in and out, IPv4 1334" 'grep -q "oifname \"vti1\" meta nfproto ipv4 .*set 1334" <<<"$rules" && grep -q "iifname \"vti1\" meta nfproto ipv4 .*set 1334" <<<"$rules"'
exit $fail
