#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# watch.sh MTUPROBE CASE: probe --interval, --prometheus and --format value in a lab
# (tests/lab/meson.build). rounds: rounds every second, the WAN MTU lowered on both
# routers between rounds, one JSON line per round with the change as an event, the
# textfile read back by a Prometheus parser, a clean exit on SIGTERM.
# shellcheck disable=SC2317
set -euo pipefail
# shellcheck source=tests/lab/lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

# t_wait_lines FILE N SECONDS: until FILE has N lines; 1 on timeout.
t_wait_lines() {
	local i
	for ((i = 0; i < $3 * 10; i++)); do
		(($(wc -l <"$1") >= $2)) && return 0
		sleep 0.1
	done
	return 1
}

case_rounds() {
	local dir=$T_TMP/prom out=$T_TMP/rounds.jsonl pid rc=0 n
	local py
	# Debian's python3-prometheus-client is for Debian's python3, which another
	# python3 first in PATH (pyenv, a venv) may not be.
	for py in python3 /usr/bin/python3 ""; do
		[[ -n $py ]] && "$py" -c 'import prometheus_client.parser' 2>/dev/null && break
	done
	[[ -n $py ]] || t_skip "python3-prometheus-client missing (scripts/deps)"
	t_lab_up --wan-mtu 1454
	# The file is written after root is dropped (to nobody): its directory must let it.
	mkdir -m 1777 "$dir"
	chmod 755 "$T_TMP"
	: >"$out"
	ip netns exec "$LAB_CLIENT" "$EXE" probe -4 --json --interval 1 --prometheus "$dir/node.prom" \
		"$LAB_WAN_PEER_V4" "$LAB_SERVER_V4" >"$out" 2>"$T_TMP/err" &
	pid=$!
	T_CHILD=$pid
	t_wait_lines "$out" 2 15 || t_fail "no two rounds in 15 s"
	ip -n "$LAB_R1" link set dev wan0 mtu 1400
	ip -n "$LAB_R2" link set dev wan0 mtu 1400
	n=$(wc -l <"$out")
	t_wait_lines "$out" $((n + 2)) 15 || t_fail "no two rounds after the MTU change in 15 s"
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	T_CHILD=""
	t_check "SIGTERM between rounds: exit 0 ($rc)" eval '((rc == 0))'
	t_check "nothing on stderr" eval '[[ ! -s $T_TMP/err ]]'
	python3 - "$out" "$T_TMP/probes.jsonl" <<'PY' && t_say "ok: rounds and events" || t_fail "rounds and events"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
bad = []
with open(sys.argv[2], "w") as probes:
    for i, d in enumerate(lines, 1):
        if sorted(d) != ["events", "probe", "round", "time"] or d["round"] != i or not isinstance(d["time"], int):
            bad.append(f"line {i}: keys {sorted(d)}, round {d.get('round')}")
        probes.write(json.dumps(d["probe"]) + "\n")
wan = [d["probe"]["wan_pmtu"] for d in lines]
events = [e for d in lines for e in d["events"]]
print("  wan_pmtu per round:", wan, "events:", events)
if wan[0] != 1454 or wan[-1] != 1400:
    bad.append(f"wan_pmtu {wan}")
if lines[0]["events"]:
    bad.append("the first round has events")
for path in ("wan", "tunnel"):
    want = {"what": "pmtu", "path": path, "from": 1454, "to": 1400}
    if events.count(want) != 1:
        bad.append(f"want one event {want}")
if any(e["what"] != "pmtu" for e in events):
    bad.append("events other than the PMTU change")
print(*bad, sep="\n  ")
sys.exit(1 if bad else 0)
PY
	t_check "every round's probe object against the documented types and units" \
		python3 "$T_ROOT/tests/cli/check_json.py" --probe "$T_TMP/probes.jsonl"
	t_check "no temporary file left" eval '[[ $(ls "$dir") == node.prom ]]'
	"$py" - "$dir/node.prom" "$(wc -l <"$out")" <<'PY' && t_say "ok: textfile parsed" || t_fail "textfile"
import sys, time
from prometheus_client.parser import text_string_to_metric_families
text = open(sys.argv[1]).read()
got = {}
for fam in text_string_to_metric_families(text):
    for s in fam.samples:
        got[(s.name, s.labels.get("path"))] = s.value
print("  " + text.replace("\n", "\n  ").rstrip())
want = {("mtuprobe_path_mtu_bytes", "wan"): 1400, ("mtuprobe_path_mtu_bytes", "tunnel"): 1400,
        ("mtuprobe_path_verified", "wan"): 1, ("mtuprobe_path_verified", "tunnel"): 1,
        ("mtuprobe_rounds_total", None): int(sys.argv[2])}
bad = [f"{k} = {got.get(k)}, want {v}" for k, v in want.items() if got.get(k) != v]
for path in ("wan", "tunnel"):
    if not got.get(("mtuprobe_path_probes", path), 0) >= 2:
        bad.append(f"probes {path}")
    if not 0 < got.get(("mtuprobe_path_elapsed_seconds", path), 0) < 30:
        bad.append(f"elapsed_seconds {path} not seconds")
    if abs(got.get(("mtuprobe_path_last_success_timestamp_seconds", path), 0) - time.time()) > 60:
        bad.append(f"last_success {path} is not now")
print(*bad, sep="\n  ")
sys.exit(1 if bad else 0)
PY
}

case_value() {
	t_lab_up --wan-mtu 1454
	t_run -- -4 -q --format measured "$LAB_WAN_PEER_V4" "$LAB_SERVER_V4"
	t_check "--format measured, two paths: '1454 1454', exit 0 ($T_RC)" \
		eval '((T_RC == 0)) && [[ $(cat "$T_TMP/out") == "1454 1454" ]]'
	# value: what to set (no --esp: the measured tunnel path is the tunnel MTU)
	t_run -- -4 -q --format value "$LAB_WAN_PEER_V4" "$LAB_SERVER_V4"
	t_check "--format value, two paths: '1454 1454 1414', exit 0 ($T_RC)" \
		eval '((T_RC == 0)) && [[ $(cat "$T_TMP/out") == "1454 1454 1414" ]]'
	t_run -- -4 --format measured --timeout 100 --max-probes 8 "$LAB_WAN_PEER_V4" "$LAB_UNUSED_V4"
	t_check "--format measured, tunnel target silent: '1454 -', exit 1 ($T_RC)" \
		eval '((T_RC == 1)) && [[ $(cat "$T_TMP/out") == "1454 -" ]]'
	t_run -- -4 --format value --timeout 100 --max-probes 8 "$LAB_WAN_PEER_V4" "$LAB_UNUSED_V4"
	t_check "--format value, tunnel target silent: '1454 - -', exit 1 ($T_RC)" \
		eval '((T_RC == 1)) && [[ $(cat "$T_TMP/out") == "1454 - -" ]]'
	t_run -- -4 --format value --prometheus /nonexistent/node.prom "$LAB_WAN_PEER_V4"
	t_check "--prometheus in a missing directory: exit 6 ($T_RC), says so" \
		eval '((T_RC == 6)) && [[ $(cat "$T_TMP/err") == "mtuprobe probe: --prometheus: cannot create a file beside /nonexistent/node.prom: No such file or directory" ]]'
}

# t_prom_python: a python3 with prometheus_client (Debian's, which a pyenv or venv
# python3 first in PATH may not see), in $T_PY; skips without one.
t_prom_python() {
	for T_PY in python3 /usr/bin/python3 ""; do
		[[ -n $T_PY ]] && "$T_PY" -c 'import prometheus_client.parser' 2>/dev/null && return 0
	done
	t_skip "python3-prometheus-client missing (scripts/deps)"
}

# A reader that quits is exit 6 and one line on stderr, never SIGPIPE's silent 141
# (issue 20): `| true` (gone before the report), `| head -1` (gone after the first
# watch round), and a --pcap FIFO whose reader quits (the report still printed).
case_pipes() {
	local fifo=$T_TMP/fifo rc reader
	local broken="mtuprobe probe: cannot write the report to standard output: Broken pipe"
	t_lab_up --wan-mtu 1454
	t_say "\$ mtuprobe probe -4 --json $LAB_WAN_PEER_V4 | true"
	rc=$( { timeout -k 5 "$T_RUN_TIMEOUT" ip netns exec "$LAB_CLIENT" "$EXE" probe -4 --json \
		"$LAB_WAN_PEER_V4" 2>"$T_TMP/err"; echo $? >"$T_TMP/rc"; } | true; cat "$T_TMP/rc")
	t_check "| true: exit 6 ($rc), '$broken'" eval '((rc == 6)) && [[ $(cat "$T_TMP/err") == "$broken" ]]'
	t_say "\$ mtuprobe probe -4 --json --interval 1 $LAB_WAN_PEER_V4 | head -1"
	rc=$( { timeout -k 5 "$T_RUN_TIMEOUT" ip netns exec "$LAB_CLIENT" "$EXE" probe -4 --json \
		--interval 1 "$LAB_WAN_PEER_V4" 2>"$T_TMP/err"; echo $? >"$T_TMP/rc"; } |
		head -1 >"$T_TMP/out"; cat "$T_TMP/rc")
	t_check "| head -1: round 1 read, then exit 6 ($rc), '$broken'" \
		eval '((rc == 6)) && [[ $(cat "$T_TMP/err") == "$broken" ]] && [[ $(head -c 10 "$T_TMP/out") == "{\"round\":1" ]]'
	# The capture is written as nobody once root is dropped.
	mkfifo -m 666 "$fifo"
	chmod 755 "$T_TMP"
	head -c 24 "$fifo" >/dev/null &   # the pcap file header, then it quits
	reader=$!
	sleep 0.3                         # open(O_NONBLOCK) of a FIFO needs its reader there
	t_run -- -4 --vendor none --pcap "$fifo" "$LAB_WAN_PEER_V4"
	wait "$reader" || true
	t_check "--pcap FIFO whose reader quits: exit 6 ($T_RC), one line" \
		eval '((T_RC == 6)) && [[ $(cat "$T_TMP/err") == "mtuprobe probe: cannot write the capture file: Broken pipe" ]]'
	t_check "--pcap FIFO whose reader quits: the report is on stdout" \
		grep -q "WAN    $LAB_WAN_PEER_V4: path MTU 1454, verified" "$T_TMP/out"
}

# Two watchers write one textfile (per-process temporary names, issue 20): both stay
# alive for 20 s, and every read of the file parses with the Prometheus client's parser.
case_two_watchers() {
	local dir=$T_TMP/prom pids=() i rc
	t_prom_python
	t_lab_up --wan-mtu 1454
	mkdir -m 1777 "$dir"
	chmod 755 "$T_TMP"
	for i in 1 2; do
		ip netns exec "$LAB_CLIENT" "$EXE" probe -4 --interval 1 --format measured \
			--prometheus "$dir/node.prom" "$LAB_WAN_PEER_V4" "$LAB_SERVER_V4" \
			>"$T_TMP/out$i" 2>"$T_TMP/err$i" &
		pids+=($!)   # left behind on a failure: `scripts/lab down` kills them
	done
	"$T_PY" - "$dir/node.prom" 20 <<'PY' && t_say "ok: every read parsed" || t_fail "a read of the textfile did not parse"
import os, sys, time
from prometheus_client.parser import text_string_to_metric_families
path, secs = sys.argv[1], float(sys.argv[2])
end, reads, bad, missing = time.time() + secs, 0, [], 0
while time.time() < end:
    try:
        text = open(path).read()
    except FileNotFoundError:
        missing += 1          # before the first round
        time.sleep(0.01)
        continue
    reads += 1
    try:
        got = {(s.name, s.labels.get("path")): s.value
               for fam in text_string_to_metric_families(text) for s in fam.samples}
        if got.get(("mtuprobe_path_mtu_bytes", "wan")) != 1454:
            bad.append("wan mtu %r" % got.get(("mtuprobe_path_mtu_bytes", "wan")))
    except Exception as e:  # noqa: BLE001 - any parse failure is a test failure
        bad.append(repr(e))
    time.sleep(0.005)
print(f"  {reads} reads in {secs:.0f} s ({missing} before the first write), {len(bad)} bad", *bad[:5], sep="\n  ")
sys.exit(1 if bad or reads < 100 else 0)
PY
	for i in 0 1; do
		t_check "watcher $((i + 1)) alive after 20 s" \
			eval 'kill -0 "${pids[i]}" || ! sed "s/^/  its stderr: /" "$T_TMP/err$((i + 1))"'
	done
	for i in 0 1; do
		kill -TERM "${pids[i]}" 2>/dev/null || true
		rc=0
		wait "${pids[i]}" || rc=$?
		t_check "watcher $((i + 1)): exit 0 on SIGTERM ($rc), nothing on stderr" \
			eval '((rc == 0)) && [[ ! -s $T_TMP/err$((i + 1)) ]]'
	done
	t_check "rounds written: $(wc -l <"$T_TMP/out1") and $(wc -l <"$T_TMP/out2")" \
		eval '(($(wc -l <"$T_TMP/out1") >= 5 && $(wc -l <"$T_TMP/out2") >= 5))'
	t_check "no temporary file left ($(ls "$dir" | tr '\n' ' '))" eval '[[ $(ls "$dir") == node.prom ]]'
}

t_init "$@"
"case_${T_CASE//-/_}"
t_finish
