#!/bin/bash
# cases.sh MTUPROBE CASE: one lab scenario per CASE; meson runs each as its own test
# (tests/lab/meson.build). Each case builds its own lab, asserts exact numbers and prints
# what it measured. Targets: r2's WAN address ("wan peer", the far end of the bottleneck)
# and the server behind it. Address plan: scripts/lab.sh.
# The case_* functions are called by name at the bottom:
# shellcheck disable=SC2317
set -euo pipefail
# shellcheck source=tests/lab/lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

case_clean_v4() {
	t_lab_up --wan-mtu 1454
	t_expect_pmtu "IPv4 wan peer, clean" 1454 -4 "$LAB_WAN_PEER_V4"
	# No flush: the client kernel has now cached mtu 1454 for this destination; the tool
	# must measure the path, not read (or be blocked by) that cache.
	t_expect_pmtu "IPv4 wan peer, warm PMTU cache" 1454 -4 "$LAB_WAN_PEER_V4"
	t_flush
	t_expect_pmtu "IPv4 server through the WAN" 1454 -4 "$LAB_SERVER_V4"
}

case_clean_v6() {
	t_lab_up --wan-mtu 1454
	t_expect_pmtu "IPv6 wan peer, clean" 1454 -6 "$LAB_WAN_PEER_V6"
	t_flush
	t_expect_pmtu "IPv6 server through the WAN" 1454 -6 "$LAB_SERVER_V6"
}

case_blackhole_v4() {
	t_lab_up --wan-mtu 1454 --blackhole
	t_expect_pmtu "IPv4 wan peer, PTB blackhole" 1454 -4 "$LAB_WAN_PEER_V4"
}

case_blackhole_v6() {
	t_lab_up --wan-mtu 1454 --blackhole
	t_expect_pmtu "IPv6 wan peer, PTB blackhole" 1454 -6 "$LAB_WAN_PEER_V6"
}

# 20% per direction at r2: a probe's round trip is lost 36% of the time.
case_loss_v4() {
	t_lab_up --wan-mtu 1454 --loss 20
	t_expect_pmtu "IPv4 wan peer, 20% loss" 1454 -4 "$LAB_WAN_PEER_V4"
	t_flush
	t_expect_pmtu "IPv4 server, 20% loss" 1454 -4 "$LAB_SERVER_V4"
}

case_ptb_ratelimit() {
	t_lab_up --wan-mtu 1454 --ptb-ratelimit
	t_expect_pmtu "IPv4 wan peer, PTB limited to 1/s" 1454 -4 "$LAB_WAN_PEER_V4"
	t_flush
	t_expect_pmtu "IPv6 wan peer, PTB limited to 1/s" 1454 -6 "$LAB_WAN_PEER_V6"
}

case_mtu_1500() {
	t_lab_up --wan-mtu 1500
	t_expect_pmtu "IPv4 wan peer, plain Ethernet" 1500 -4 "$LAB_WAN_PEER_V4"
	t_expect_pmtu "IPv6 wan peer, plain Ethernet" 1500 -6 "$LAB_WAN_PEER_V6"
}

case_mtu_1280() {
	t_lab_up --wan-mtu 1280
	t_expect_pmtu "IPv4 wan peer, 1280 WAN" 1280 -4 "$LAB_WAN_PEER_V4"
	t_expect_pmtu "IPv6 wan peer, 1280 WAN (IPv6 minimum)" 1280 -6 "$LAB_WAN_PEER_V6"
}

case_mtu_1400() {
	t_lab_up --wan-mtu 1400
	t_expect_pmtu "IPv4 wan peer, 1400 WAN" 1400 -4 "$LAB_WAN_PEER_V4"
	t_expect_pmtu "IPv6 server, 1400 WAN" 1400 -6 "$LAB_SERVER_V6"
}

# Two bottlenecks: r1 reports 1454 first, then r2 reports 1400 for the server.
case_two_bottlenecks() {
	t_lab_up --wan-mtu 1454 --server-mtu 1400
	t_expect_pmtu "IPv4 server behind 1454 then 1400" 1400 -4 "$LAB_SERVER_V4"
	t_expect_pmtu "IPv6 server behind 1454 then 1400" 1400 -6 "$LAB_SERVER_V6"
	t_flush
	t_expect_pmtu "IPv4 wan peer (only the 1454 hop)" 1454 -4 "$LAB_WAN_PEER_V4"
}

case_expect_mtu() {
	t_lab_up --wan-mtu 1454
	t_expect_rc "--expect-mtu 1500 on a 1454 path" 3 -- -4 --expect-mtu 1500 "$LAB_WAN_PEER_V4"
	t_flush
	t_expect_rc "--expect-mtu 1454 on a 1454 path" 0 -- -4 --expect-mtu 1454 "$LAB_WAN_PEER_V4"
}

case_unreachable() {
	t_lab_up --wan-mtu 1454
	t_expect_rc "IPv4 unused address $LAB_UNUSED_V4" 1 -- -4 "$LAB_UNUSED_V4"
	t_expect_rc "IPv6 unused address $LAB_UNUSED_V6" 1 -- -6 "$LAB_UNUSED_V6"
}

# t_expect_setcap_hint LABEL: the exit-4 message must say how to fix it.
t_expect_setcap_hint() {
	if grep -qi setcap "$T_TMP/err"; then
		t_say "ok: $1: stderr mentions setcap"
	else
		t_fail "$1: stderr does not mention setcap"
		t_show_stderr
	fi
}

# A fresh namespace keeps net.ipv4.ping_group_range at "1 0", so no unprivileged ICMP
# socket exists here either: without CAP_NET_RAW the tool has no way to probe.
case_no_privilege() {
	t_lab_up --wan-mtu 1454
	# Root, but CAP_NET_RAW removed from the inheritable and bounding sets: execve
	# cannot grant it, not even through a file capability on the binary.
	t_expect_rc "root without CAP_NET_RAW" 4 \
		setpriv --inh-caps=-net_raw --bounding-set=-net_raw -- -4 "$LAB_WAN_PEER_V4"
	t_expect_setcap_hint "root without CAP_NET_RAW"
	local nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all
		--bounding-set=-net_raw)
	if ip netns exec "$LAB_CLIENT" "${nobody[@]}" test -x "$EXE"; then
		t_expect_rc "uid 65534 without CAP_NET_RAW" 4 "${nobody[@]}" -- -4 "$LAB_WAN_PEER_V4"
		t_expect_setcap_hint "uid 65534 without CAP_NET_RAW"
	else
		t_say "note: uid 65534 cannot execute $EXE (a parent directory is private); skipped that half"
	fi
}

t_init "$@"
fn=case_${T_CASE//-/_}
declare -F "$fn" >/dev/null || t_hard "unknown case '$T_CASE'"
t_say "# case $T_CASE, mtuprobe $EXE"
"$fn"
t_finish
