#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
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

# The -Dstatic=true binary (issue 24) measures a path where no shared library
# is: in a chroot holding only itself and the passwd/group lines it needs to
# become nobody after opening its sockets (a statically linked glibc still
# reads users through NSS's built-in files backend). Registered only for
# that build (tests/lab/meson.build).
case_static_chroot() {
	local root=$T_TMP/root
	file -L "$EXE" | grep -q 'statically linked' || t_hard "$EXE is not statically linked"
	mkdir -p "$root/etc"
	cp "$EXE" "$root/mtuprobe"
	echo 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' >"$root/etc/passwd"
	echo 'nogroup:x:65534:' >"$root/etc/group"
	t_check "the chroot holds no library" test -z "$(find "$root" -name '*.so*' -o -name 'ld-linux*')"
	t_lab_up --wan-mtu 1454
	EXE=/mtuprobe
	t_run chroot "$root" -- --json -4 "$LAB_WAN_PEER_V4"
	if ((T_RC == 0)) && t_json_check 1454; then
		t_say "ok: static binary in an empty chroot = 1454"
	else
		t_fail "static binary in an empty chroot: exit $T_RC, expected 0 and 1454"
		t_show_stderr
	fi
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
	# A tunnel target without --esp: no layers to draw, so no empty "Packet at the
	# tunnel MTU (0 of 1454 bytes)" section (issue 20); the arithmetic runs into the result.
	t_probe_to "$T_TMP/out" -4 --vendor none "$LAB_WAN_PEER_V4" "$LAB_SERVER_V4"
	t_check "tunnel target without --esp: no empty packet picture (exit $T_RC)" \
		eval '((T_RC == 0)) && [[ $(sed -n "/^Arithmetic/,/^Result/p" "$T_TMP/out") == $'"'"'Arithmetic\n     1454  WAN path MTU as measured\n\nResult'"'"' ]]'
	# A bound is not a verified answer (issue 20): exit 1 in text, JSON and value alike.
	t_probe_to "$T_TMP/out" -4 --vendor none --max 1400 "$LAB_WAN_PEER_V4"
	t_check "--max 1400 on a 1454 path: exit 1 ($T_RC), 'at least 1400 (bounded by --max), NOT verified'" \
		eval '((T_RC == 1)) && grep -qx "  WAN    $LAB_WAN_PEER_V4: path MTU at least 1400 (bounded by --max), NOT verified" "$T_TMP/out" &&
			grep -q "^          path MTU at least 1400 (bounded by --max): larger sizes were not tried" "$T_TMP/out"'
	t_probe_to "$T_TMP/out" -4 --json --max 1400 "$LAB_WAN_PEER_V4"
	t_check "--max 1400 --json: exit 1 ($T_RC), verified false, at_max and bounded true" \
		eval '((T_RC == 1)) && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); w=d[\"wan\"]; sys.exit(0 if (d[\"verified\"], w[\"verified\"], w[\"at_max\"], w[\"bounded\"], d[\"wan_pmtu\"]) == (False, False, True, True, 1400) else 1)" "$T_TMP/out"'
	t_probe_to "$T_TMP/out" -4 --format value --max 1400 "$LAB_WAN_PEER_V4"
	t_check "--max 1400 --format value: '- - -', exit 1 ($T_RC)" \
		eval '((T_RC == 1)) && [[ $(cat "$T_TMP/out") == "- - -" ]]'
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
	t_check "--user unknown: exit 2 ($T_RC) before any socket, with the name" \
		eval '((T_RC == 2)) && [[ $(cat "$T_TMP/err") == "mtuprobe probe: no user '"'"'no-such-user-here'"'"' to run as after opening the sockets (--user)" ]]'
}

# t_forged MODE MTU: an on-path liar on r1 (tests/lab/forge.py) answers every DF probe
# above MTU with a forged "fragmentation needed, MTU"; the real replies still come back.
# The answer must be the right PMTU or "not verified" (exit 1), never a wrong PMTU
# reported as verified, and never exit 0 with a wrong number (issue 9).
t_forged() {
	local mode=$1 mtu=$2 pid i
	rm -f "$T_TMP/forged" "$T_TMP/forge.ready"
	ip netns exec "$LAB_R1" python3 "$T_DIR/forge.py" lan0 "$mtu" "$mode" \
		--count-file "$T_TMP/forged" --ready-file "$T_TMP/forge.ready" &
	pid=$!
	# the sniffer must be up before the first probe
	for i in $(seq 100); do
		[[ -e $T_TMP/forge.ready ]] && break
		sleep 0.1
	done
	[[ -e $T_TMP/forge.ready ]] || t_hard "forge.py did not start in 10 s"
	t_run -- -4 --json --vendor none "$LAB_WAN_PEER_V4"
	kill -TERM "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	if python3 - "$T_TMP/out" "$T_RC" "$mode" "$mtu" "$(cat "$T_TMP/forged" 2>/dev/null)" <<'PY'; then
import json, sys
path, rc, mode, mtu, forged = sys.argv[1:]
rc = int(rc)
d = json.load(open(path))
pmtu, ok = d.get("wan_pmtu"), d.get("verified")
print(f"  {mode} quote, forged MTU {mtu}: {forged or '?'} forgeries; pmtu={pmtu} verified={ok} exit={rc}")
print(f"  warnings: {json.dumps(d.get('warnings'))[:300]}")
errs = []
if not forged or int(forged) < 1:
    errs.append("the forger sent nothing: the scenario did not happen")
if pmtu != 1454 and ok:
    errs.append(f"a wrong PMTU {pmtu} reported as verified")
if rc == 0 and pmtu != 1454:
    errs.append(f"exit 0 with a wrong PMTU {pmtu}")
if rc not in (0, 1):
    errs.append(f"exit {rc}")
for e in errs:
    print("  " + e)
sys.exit(1 if errs else 0)
PY
		t_say "ok: forged $mode-quote PTBs (MTU $mtu) did not make a wrong answer"
	else
		t_fail "forged $mode-quote PTBs (MTU $mtu)"
		t_show_stderr
	fi
}

# 20 ms round trip (scripts/lab --rtt): the forger on r1 answers within a millisecond,
# the real replies come 20 ms later, as in the issue's attack.
case_forged_ptb() {
	t_lab_up --wan-mtu 1454 --rtt 20
	t_forged short 1280
	t_flush
	t_forged full 576
	t_flush
	t_forged full 1280
}

# t_ping ARGS...: `ping -n ARGS` from the client, bounded; output in $T_TMP/ping, T_RC.
t_ping() {
	T_RC=0
	timeout -k 5 "$T_RUN_TIMEOUT" ip netns exec "$LAB_CLIENT" ping -n "$@" >"$T_TMP/ping" 2>&1 &
	T_CHILD=$!
	wait "$T_CHILD" || T_RC=$?
	T_CHILD=""
}

t_show_ping() { sed -n '1,8s/^/  ping: /p' "$T_TMP/ping"; }

# t_ping_expect LABEL REGEX ARGS...: one ping whose output must match REGEX (ERE).
t_ping_expect() {
	local label=$1 re=$2
	shift 2
	t_ping "$@"
	if grep -Eq -- "$re" "$T_TMP/ping"; then
		t_say "ok: $label: $(grep -Eo -- "$re" "$T_TMP/ping" | head -1)"
	else
		t_fail "$label: no line matches '$re' (ping exit $T_RC)"
		t_show_ping
	fi
}

# t_rtt_check LABEL MIN MED_LO MED_HI MAX MDEV_MIN: the last ping (without -q) lost
# nothing; no round trip was shorter than MIN ms; the median is within MED_LO..MED_HI;
# at most 1 in 4 exceeded MAX (a busy 2-core host can delay a softirq by milliseconds
# now and then: that is the host, not the delay element; 5 of 40 pings at 22-23 ms with
# the median at 20.2 failed a 1-in-10 bound in a CI run on 2026-11-29, and a delay
# element that is off shows in the median); the mdev is at least MDEV_MIN.
t_rtt_check() {
	local label=$1
	shift
	if python3 - "$T_TMP/ping" "$label" "$@" <<'PY'; then
import re, statistics, sys
path, label = sys.argv[1:3]
lo, med_lo, med_hi, hi, mdev_min = map(float, sys.argv[3:])
text = open(path).read()
times = [float(t) for t in re.findall(r"time=([0-9.]+) ms", text)]
summary = re.search(r"rtt min/avg/max/mdev = ([0-9.]+)/([0-9.]+)/([0-9.]+)/([0-9.]+) ms", text)
if not summary or " 0% packet loss" not in text or not times:
    print(f"  {label}: no RTT summary, or packets lost")
    sys.exit(1)
mn, av, mx, md = map(float, summary.groups())
med = statistics.median(times)
over = sum(1 for t in times if t > hi)
print(f"  {label}: {len(times)} pings, rtt min/avg/max/mdev = {mn}/{av}/{mx}/{md} ms, median {round(med, 3)}"
      f" (want min >= {lo:g}, median {med_lo:g}..{med_hi:g}, at most 25% above {hi:g}: {over},"
      f" mdev >= {mdev_min:g})")
ok = mn >= lo and med_lo <= med <= med_hi and over * 4 <= len(times) and md >= mdev_min
sys.exit(0 if ok else 1)
PY
		t_say "ok: $label"
	else
		t_fail "$label: RTT outside the bounds"
		t_show_ping
	fi
}

# The WAN with a real round-trip time (scripts/lab up --rtt, tests/lab/delayfwd): the
# delay is what was asked for, frames cross it unchanged (DF sizes, PTBs from both sides
# of it, fragments), the prober still measures exactly, and jitter is real and keeps
# each direction in order. About 10 s.
case_rtt() {
	local rtt=20 before after seqs
	# Server LAN at 1400: r2's "mtu 1400" errors then cross the delayed link.
	t_lab_up --wan-mtu 1454 --server-mtu 1400 --rtt "$rtt"
	# The delay element only adds: an idle round trip is never shorter than 2 x MS/2,
	# and the lab's own 0.05 ms plus the forwarder's lateness keep the median within
	# 0.8 ms of it (ping prints 0.1 ms steps at this size; the summary line has more).
	# 0.3 ms failed on 2026-12-03 with a median of 20.35 on a loaded machine; a delay
	# element that is wrong is off by milliseconds, which the bound still catches.
	t_ping -c 40 -i 0.05 -W 2 "$LAB_WAN_PEER_V4"
	t_rtt_check "IPv4 ping RTT to r2's WAN address, --rtt $rtt" "$rtt" "$rtt" "$rtt.8" $((rtt + 1)) 0
	t_ping -c 40 -i 0.05 -W 2 "$LAB_WAN_PEER_V6"
	t_rtt_check "IPv6 ping RTT to r2's WAN address, --rtt $rtt" "$rtt" "$rtt" "$rtt.8" $((rtt + 1)) 0
	# 1454 fits both veth pairs of the delayed WAN, both ways; 1455 is refused by r1.
	t_ping_expect "IPv4 DF 1454 crosses the delayed WAN" '^1434 bytes from 198\.51\.100\.2' \
		-c 1 -W 2 -M "do" -s 1426 "$LAB_WAN_PEER_V4"
	t_ping_expect "IPv4 DF 1455: frag-needed from r1" 'Frag needed and DF set \(mtu = 1454\)' \
		-c 1 -W 2 -M "do" -s 1427 "$LAB_WAN_PEER_V4"
	t_ping_expect "IPv6 1454 crosses the delayed WAN" '^1414 bytes from 2001:db8:2::2' \
		-c 1 -W 2 -M "do" -s 1406 "$LAB_WAN_PEER_V6"
	t_ping_expect "IPv6 1455: packet too big from r1" 'Packet too big: mtu=1454' \
		-c 1 -W 2 -M "do" -s 1407 "$LAB_WAN_PEER_V6"
	t_flush
	# The far router's errors come back across the delay element intact.
	t_ping_expect "IPv4 DF 1400 to the server" '^1380 bytes from 203\.0\.113\.2' \
		-c 1 -W 2 -M "do" -s 1372 "$LAB_SERVER_V4"
	t_ping_expect "IPv4 DF 1401: frag-needed from r2, across the delay" \
		'From 198\.51\.100\.2 .*Frag needed and DF set \(mtu = 1400\)' \
		-c 1 -W 2 -M "do" -s 1373 "$LAB_SERVER_V4"
	t_ping_expect "IPv6 1401: packet too big from r2, across the delay" \
		'From 2001:db8:2::2 .*Packet too big: mtu=1400' -c 1 -W 2 -M "do" -s 1353 "$LAB_SERVER_V6"
	# Fragments both ways: 3028-byte echoes, cut to 1500 by the client and again to
	# 1454 by r1 (5 fragments), the reply cut to 1454 by r2 (3): 8 per echo on the WAN.
	t_flush
	before=$("$T_LAB" frags "$LAB_ID")
	t_ping -q -c 2 -i 0.2 -W 2 -M dont -s 3000 "$LAB_WAN_PEER_V4"
	after=$("$T_LAB" frags "$LAB_ID")
	if ((T_RC == 0 && after - before == 16)); then
		t_say "ok: 2 fragmented 3028-byte echoes answered; $((after - before)) fragments crossed the WAN"
	else
		t_fail "fragmented echoes: ping exit $T_RC, $((after - before)) WAN fragments, expected 16"
		t_show_ping
	fi
	t_flush
	t_expect_pmtu "IPv4 wan peer, clean, --rtt $rtt" 1454 -4 "$LAB_WAN_PEER_V4"
	t_expect_pmtu "IPv6 wan peer, clean, --rtt $rtt" 1454 -6 "$LAB_WAN_PEER_V6"
	t_lab_down

	t_lab_up --wan-mtu 1454 --rtt "$rtt" --blackhole
	t_expect_pmtu "IPv4 wan peer, PTB blackhole, --rtt $rtt" 1454 -4 "$LAB_WAN_PEER_V4"
	t_expect_pmtu "IPv6 wan peer, PTB blackhole, --rtt $rtt" 1454 -6 "$LAB_WAN_PEER_V6"
	t_lab_down

	# +-30% of 10 ms each way: round trips within 14..26 ms (plus the lab's own fraction
	# of a millisecond), spread out (the sum of two uniform draws has a 2.4 ms standard
	# deviation; 40 samples with mdev under 1 ms would mean no jitter), median near 20.
	t_lab_up --wan-mtu 1454 --rtt "$rtt" --jitter 30
	t_ping -c 40 -i 0.05 -W 2 "$LAB_WAN_PEER_V4"
	t_rtt_check "IPv4 ping RTT, --rtt $rtt --jitter 30" 14 18.5 21.5 26.5 1
	# Echoes 2 ms apart, well inside the 6 ms spread of one-way delays: were order not
	# kept per direction, replies would overtake each other.
	t_ping -c 30 -i 0.002 -W 2 "$LAB_WAN_PEER_V4"
	seqs=$(grep -o 'icmp_seq=[0-9]*' "$T_TMP/ping" | cut -d= -f2 | tr '\n' ' ')
	if [[ $seqs == "$(seq -s ' ' 1 30) " ]]; then
		t_say "ok: 30 echoes 2 ms apart answered in order under jitter"
	else
		t_fail "echoes under jitter: replies in order '$seqs', expected 1..30"
	fi
}

t_init "$@"
fn=case_${T_CASE//-/_}
declare -F "$fn" >/dev/null || t_hard "unknown case '$T_CASE'"
t_say "# case $T_CASE, mtuprobe $EXE"
"$fn"
t_finish
