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
	t_check "no FILE.tmp left" eval '[[ ! -e $dir/node.prom.tmp ]]'
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
		eval '((T_RC == 6)) && grep -q "cannot write /nonexistent/node.prom.tmp" "$T_TMP/err"'
}

t_init "$@"
"case_${T_CASE//-/_}"
t_finish
