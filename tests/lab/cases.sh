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

# t_probe_to OUT ARGS...: run probe with stdout sent to OUT (a path, or - for closed);
# sets T_RC, stderr in $T_TMP/err.
t_probe_to() {
	local out=$1
	shift
	T_RC=0
	if [[ $out == - ]]; then
		timeout -k 5 "$T_RUN_TIMEOUT" ip netns exec "$LAB_CLIENT" "$EXE" probe "$@" >&- 2>"$T_TMP/err" || T_RC=$?
	else
		timeout -k 5 "$T_RUN_TIMEOUT" ip netns exec "$LAB_CLIENT" "$EXE" probe "$@" >"$out" 2>"$T_TMP/err" || T_RC=$?
	fi
}

# Every write is checked (exit 6), and nothing hangs on a FIFO; bounds are said as bounds.
case_output_errors() {
	local fifo=$T_TMP/fifo
	t_lab_up --wan-mtu 1454
	t_probe_to /dev/full -4 --vendor none "$LAB_WAN_PEER_V4"
	t_check "report to /dev/full: exit 6 ($T_RC) and says so" \
		eval '((T_RC == 6)) && grep -q "cannot write the report to standard output" "$T_TMP/err"'
	t_probe_to - -4 --json "$LAB_WAN_PEER_V4"
	t_check "standard output closed: exit 6 ($T_RC)" eval '((T_RC == 6)) && grep -q "standard output is closed" "$T_TMP/err"'
	t_probe_to "$T_TMP/out" -4 -q --vendor none --pcap /dev/full "$LAB_WAN_PEER_V4"
	t_check "--pcap /dev/full: exit 6 ($T_RC)" eval '((T_RC == 6)) && grep -q "cannot write the capture file" "$T_TMP/err"'
	mkfifo -m 666 "$fifo"
	chmod 755 "$T_TMP"
	t_probe_to "$T_TMP/out" -4 -q --vendor none --pcap "$fifo" "$LAB_WAN_PEER_V4"
	t_check "--pcap FIFO nobody reads: exit 2 ($T_RC), no hang" \
		eval '((T_RC == 2)) && grep -q "a FIFO that nobody is reading" "$T_TMP/err"'
	t_probe_to "$T_TMP/out" -4 --vendor none --min 1455 "$LAB_WAN_PEER_V4"
	t_check "--min 1455 on a 1454 path: exit 1 ($T_RC), names the router's 1454" \
		eval '((T_RC == 1)) && grep -q "below the smallest size tried (1455): a router reported MTU 1454" "$T_TMP/out"'
	t_flush
	t_probe_to "$T_TMP/out" -4 --vendor none --max 1400 "$LAB_WAN_PEER_V4"
	t_check "--max 1400 on a 1454 path: 'at least 1400'" grep -q "path MTU at least 1400" "$T_TMP/out"
	t_probe_to "$T_TMP/out" -4 --vendor none --max 100 --esp aes128-sha1 "$LAB_WAN_PEER_V4"
	t_check "--max 100 with ESP: exit 2 ($T_RC), the measurement still printed" \
		eval '((T_RC == 2)) && grep -q "path MTU at least 100" "$T_TMP/out" && grep -q "No configuration: the stack leaves no room" "$T_TMP/out"'
}

# Run as root, the prober becomes the sudo caller or --user (default nobody) once the
# sockets are open, and writes the capture file as that user (like tcpdump -Z).
case_privilege_drop() {
	local d=$T_TMP/drop
	t_lab_up --wan-mtu 1454
	chmod 755 "$T_TMP"
	mkdir -m 1777 "$d"
	mkdir -m 700 "$d/private"
	t_probe_to "$T_TMP/out" -4 -q --vendor none --pcap "$d/nobody.pcap" "$LAB_WAN_PEER_V4"
	t_check "root: capture written as nobody (65534)" eval '((T_RC == 0)) && [[ $(stat -c %u "$d/nobody.pcap") == 65534 ]]'
	t_probe_to "$T_TMP/out" -4 -q --vendor none --pcap "$d/private/x.pcap" "$LAB_WAN_PEER_V4"
	t_check "root: a root-only directory is refused after the drop ($T_RC)" \
		eval '((T_RC == 2)) && grep -q "written as uid 65534" "$T_TMP/err" && [[ ! -e $d/private/x.pcap ]]'
	SUDO_UID=4242 SUDO_GID=4343 t_probe_to "$T_TMP/out" -4 -q --vendor none --pcap "$d/sudo.pcap" "$LAB_WAN_PEER_V4"
	t_check "sudo: capture written as the caller 4242:4343" \
		eval '((T_RC == 0)) && [[ $(stat -c %u:%g "$d/sudo.pcap") == 4242:4343 ]]'
	t_probe_to "$T_TMP/out" -4 -q --vendor none --user root --pcap "$d/root.pcap" "$LAB_WAN_PEER_V4"
	t_check "--user root keeps root (explicit)" eval '((T_RC == 0)) && [[ $(stat -c %u "$d/root.pcap") == 0 ]]'
	t_probe_to "$T_TMP/out" -4 -q --vendor none --user no-such-user-here "$LAB_WAN_PEER_V4"
	t_check "--user unknown: exit 1 ($T_RC) with the name" eval '((T_RC == 1)) && grep -q "no user .no-such-user-here." "$T_TMP/err"'
}

t_init "$@"
fn=case_${T_CASE//-/_}
declare -F "$fn" >/dev/null || t_hard "unknown case '$T_CASE'"
t_say "# case $T_CASE, mtuprobe $EXE"
"$fn"
t_finish
