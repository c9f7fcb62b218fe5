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

# t_rounds N [SECONDS]: wait (30 s unless said) until the watcher has printed N
# rounds; without them the case ends there (every later step waits for rounds too).
t_rounds() {
	t_wait_lines "$T_TMP/out" "$1" "${2:-30}" && return 0
	t_fail "no $1 rounds in ${2:-30} s (have $(wc -l <"$T_TMP/out"))"
	t_show_stderr
	t_finish
}

# A watch across a deleted default route and across the client's LAN interface taken
# down and up (issue 20): every outage round is reported, with its reason, as a JSON
# line with events, and the textfile is rewritten each round (read back with the
# Prometheus client's parser by a reader that keeps every version it saw).
case_outage() {
	local dir=$T_TMP/prom n reader rc
	t_prom_python
	t_lab_up --wan-mtu 1454
	mkdir -m 1777 "$dir"
	chmod 755 "$T_TMP"
	# The reader keeps each version of the file, by its mtuprobe_rounds_total, until STOP.
	"$T_PY" - "$dir/node.prom" "$T_TMP/versions.json" "$T_TMP/stop" <<'PY' &
import json, os, sys, time
from prometheus_client.parser import text_string_to_metric_families
path, out, stop = sys.argv[1:]
seen, end = {}, time.time() + 110   # meson's budget: never outlive the case
while not os.path.exists(stop) and os.path.isdir(os.path.dirname(stop)) and time.time() < end:
    try:
        text = open(path).read()
    except FileNotFoundError:
        time.sleep(0.02)
        continue
    got = {}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            key = s.name + "".join(f"|{s.labels[k]}" for k in ("path", "reason") if k in s.labels)
            got[key] = s.value
    seen.setdefault(str(int(got["mtuprobe_rounds_total"])), got)
    time.sleep(0.02)
json.dump(seen, open(out, "w"))
PY
	reader=$!
	t_watch -4 --json --interval 1 --prometheus "$dir/node.prom" "$LAB_WAN_PEER_V4" "$LAB_SERVER_V4"
	t_rounds 2
	t_say "# ip route del default (client)"
	ip -n "$LAB_CLIENT" route del default
	n=$(wc -l <"$T_TMP/out")
	t_rounds $((n + 3))
	ip -n "$LAB_CLIENT" route add default via 192.0.2.1
	t_say "# ip route add default (client)"
	n=$(wc -l <"$T_TMP/out")
	t_rounds $((n + 2))
	t_say "# ip link set lan0 down (client)"
	ip -n "$LAB_CLIENT" link set dev lan0 down
	n=$(wc -l <"$T_TMP/out")
	t_rounds $((n + 3))
	# Taken down, the interface lost its routes: up again, the default route is re-added.
	ip -n "$LAB_CLIENT" link set dev lan0 up
	ip -n "$LAB_CLIENT" route add default via 192.0.2.1
	t_say "# ip link set lan0 up; ip route add default (client)"
	n=$(wc -l <"$T_TMP/out")
	t_rounds $((n + 2))
	# The round's line can come before its textfile is renamed into place: wait
	# (5 s at most) for the textfile of the last round printed, and for the
	# reader's next look at it, before stopping the watcher.
	n=$(wc -l <"$T_TMP/out")
	for _ in $(seq 50); do
		[[ $(sed -n 's/^mtuprobe_rounds_total \([0-9]*\).*/\1/p' "$dir/node.prom" 2>/dev/null) -ge $n ]] && break
		sleep 0.1
	done
	sleep 0.2
	t_stop TERM
	touch "$T_TMP/stop"
	wait "$reader" || t_fail "the textfile reader failed"
	t_check "SIGTERM after the path came back: exit 0 ($T_RC), nothing on stderr" \
		eval '((T_RC == 0)) && [[ ! -s $T_TMP/err ]]'
	rc=0
	python3 - "$T_TMP/out" "$T_TMP/versions.json" "$T_TMP/probes.jsonl" <<'PY' || rc=$?
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
seen = json.load(open(sys.argv[2]))
bad = []
faults, up = [], []
with open(sys.argv[3], "w") as probes:
    for i, d in enumerate(lines, 1):
        probes.write(json.dumps(d["probe"]) + "\n")
        if d["round"] != i:
            bad.append(f"line {i} is round {d['round']}")
        p = d["probe"]
        f = [p["wan"]["fault"], p["tunnel"]["fault"]]
        if f == [None, None]:
            if [p["wan_pmtu"], p["tunnel_pmtu"], p["verified"]] != [1454, 1454, True]:
                bad.append(f"round {i}: measured {p['wan_pmtu']} {p['tunnel_pmtu']} {p['verified']}")
            faults.append("up")
        elif f[0] == f[1] and f[0] in ("no_route", "interface_down"):
            if p["wan_pmtu"] is not None or p["verified"] or not p["wan"]["error"]:
                bad.append(f"round {i}: {f[0]} with pmtu {p['wan_pmtu']}, error {p['wan']['error']!r}")
            faults.append(f[0])
        else:
            bad.append(f"round {i}: faults {f}")
        up.append([e["to"] for e in d["events"] if e["what"] == "up"])
# the story, each outage merged into runs: up, no route, up, interface down, up (a
# round between `link up` and `route add` may say no_route)
runs = [k for j, k in enumerate(faults) if j == 0 or faults[j - 1] != k]
print("  rounds:", " ".join(faults))
if runs[:4] != ["up", "no_route", "up", "interface_down"] or runs[-1] != "up":
    bad.append(f"runs {runs}")
if faults.count("no_route") < 3 or faults.count("interface_down") < 3:
    bad.append("fewer than 3 rounds of each outage")
# up events: false when each outage begins, true when it ends, once per path
events = [u for u in up if u]
if events != [[False, False], [True, True], [False, False], [True, True]]:
    bad.append(f"up events {events}")
# the textfile, rewritten every round
want = [str(i) for i in range(1, len(lines) + 1)]
missing = [r for r in want if r not in seen]
if missing:
    bad.append(f"textfile versions missing for rounds {missing}")
last_ok, counts = None, {"no_route": 0, "interface_down": 0}
for i, k in enumerate(faults, 1):
    v = seen.get(str(i))
    if v is None:
        continue
    for path in ("wan", "tunnel"):
        g = lambda m, reason=None: v.get(f"mtuprobe_{m}|{path}" + (f"|{reason}" if reason else ""))
        exp_up = 1 if k == "up" else 0
        if g("path_up") != exp_up or g("path_verified") != exp_up:
            bad.append(f"round {i} {path}: up {g('path_up')} verified {g('path_verified')}, want {exp_up}")
        # the MTU last measured is kept through the outage (mtuprobe(1))
        if g("path_mtu_bytes") != 1454:
            bad.append(f"round {i} {path}: mtu_bytes {g('path_mtu_bytes')}")
        ts = g("path_last_success_timestamp_seconds")
        if k != "up" and path == "wan" and ts != last_ok:
            bad.append(f"round {i}: last_success moved during the outage ({last_ok} -> {ts})")
        for reason in counts:
            want_n = counts[reason] + (k == reason)
            if g("round_errors_total", reason) != want_n:
                bad.append(f"round {i} {path}: errors_total {reason} {g('round_errors_total', reason)}, want {want_n}")
        for reason in ("blocked", "send_failed", "receive_failed", "unreachable", "no_answer"):
            if g("round_errors_total", reason) != 0:
                bad.append(f"round {i} {path}: errors_total {reason} {g('round_errors_total', reason)}")
    if k in counts:
        counts[k] += 1
    if k == "up":
        last_ok = v.get("mtuprobe_path_last_success_timestamp_seconds|wan")
print(f"  {len(lines)} rounds, {len(seen)} textfile versions seen")
print(*bad[:20], sep="\n  ")
sys.exit(1 if bad else 0)
PY
	t_check "every round reported, outage rounds with their reason; the textfile each round" eval '((rc == 0))'
	t_check "every round's probe object against the documented types" \
		python3 "$T_ROOT/tests/cli/check_json.py" --probe "$T_TMP/probes.jsonl"
	t_check "no temporary file left" eval '[[ $(ls "$dir") == node.prom ]]'
}

# A watch stopped in its first round reports nothing (issue 20): no line, and the
# textfile left as it was. The round is made long (2 probes a second) and the signal
# sent 30 ms after the prober has its sockets.
case_first_round() {
	local dir=$T_TMP/prom sig before
	t_lab_up --wan-mtu 1454
	mkdir -m 1777 "$dir"
	chmod 755 "$T_TMP"
	for sig in TERM HUP INT; do
		printf 'mtuprobe_rounds_total 41\n' >"$dir/node.prom"
		# shellcheck disable=SC2034 # read by the eval below
		before=$(stat -c %Y.%i "$dir/node.prom")
		t_watch -4 --json --interval 1 --rate 2 --prometheus "$dir/node.prom" "$LAB_WAN_PEER_V4"
		t_sockets || true
		sleep 0.03
		t_stop "$sig"
		t_check "SIG$sig in round 1: exit 1 ($T_RC: nothing was measured), stdout empty, stderr empty" \
			eval '((T_RC == 1)) && [[ ! -s $T_TMP/out && ! -s $T_TMP/err ]]'
		t_check "SIG$sig in round 1: the textfile not rewritten" \
			eval '[[ $(stat -c %Y.%i "$dir/node.prom") == "$before" && $(cat "$dir/node.prom") == "mtuprobe_rounds_total 41" ]]'
		t_check "SIG$sig in round 1: no temporary file left" eval '[[ $(ls "$dir") == node.prom ]]'
	done
}

# SIGHUP ends a watch the way SIGTERM does (issue 20): the same exit status, the
# textfile written by the last round and no temporary file, the capture complete.
case_sighup() {
	local dir=$T_TMP/prom sig rounds
	t_prom_python
	t_lab_up --wan-mtu 1454
	mkdir -m 1777 "$dir"
	chmod 755 "$T_TMP"
	for sig in TERM HUP; do
		rm -f "$dir"/*
		t_watch -4 --interval 1 --prometheus "$dir/node.prom" --pcap "$dir/c.pcap" \
			"$LAB_WAN_PEER_V4" "$LAB_SERVER_V4"
		t_rounds 2
		t_stop "$sig"
		rounds=$(grep -c ' round ' "$T_TMP/out")
		t_check "SIG$sig between rounds: exit 0 ($T_RC), nothing on stderr" \
			eval '((T_RC == 0)) && [[ ! -s $T_TMP/err ]]'
		t_check "SIG$sig: the textfile and the capture, no temporary file ($(ls "$dir" | tr '\n' ' '))" \
			eval '[[ $(ls "$dir" | tr "\n" " ") == "c.pcap node.prom " ]]'
		t_check "SIG$sig: the textfile says $rounds rounds" \
			"$T_PY" -c 'import sys
from prometheus_client.parser import text_string_to_metric_families as p
v = [s.value for f in p(open(sys.argv[1]).read()) for s in f.samples if s.name == "mtuprobe_rounds_total"]
sys.exit(v != [int(sys.argv[2])])' "$dir/node.prom" "$rounds"
		t_check "SIG$sig: the capture reads to its end (inspect exit 0)" \
			"$EXE" inspect "$dir/c.pcap"
	done
	# Under nohup(1) SIGHUP is ignored when the prober starts: it stays ignored.
	t_say "\$ (SIGHUP ignored, as nohup does) mtuprobe probe -4 --interval 1 --format measured $LAB_WAN_PEER_V4 &"
	: >"$T_TMP/out"
	(
		trap '' HUP
		exec ip netns exec "$LAB_CLIENT" "$EXE" probe -4 --interval 1 --format measured \
			"$LAB_WAN_PEER_V4" >"$T_TMP/out" 2>"$T_TMP/err"
	) &
	T_WATCH=$!
	T_CHILD=$T_WATCH
	t_rounds 1
	kill -HUP "$T_WATCH"
	rounds=$(wc -l <"$T_TMP/out")
	t_rounds $((rounds + 2))
	t_check "SIGHUP ignored at the start: still watching after it" kill -0 "$T_WATCH"
	t_stop TERM
	t_check "then SIGTERM: exit 0 ($T_RC)" eval '((T_RC == 0))'
}

# No memory or descriptor growth over failed rounds (issue 20: ~19 kB leaked per
# failed round). One good round, then the route is deleted, so that every round fails
# in the engine's sends (the leak's path); VmRSS and the open descriptors after 5 and
# after 50 failed rounds at --interval 1 (the smallest): the descriptors exactly equal,
# VmRSS within 64 kB (16 pages: the leak would be about 850 kB).
case_leak() {
	local n5 n50 rss5 rss50 fd5 fd50
	t_lab_up --wan-mtu 1454
	# AddressSanitizer keeps freed memory in quarantine, which would look like growth.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
		t_watch -4 --interval 1 --format measured "$LAB_WAN_PEER_V4" "$LAB_SERVER_V4"
	t_rounds 1
	ip -n "$LAB_CLIENT" route del default
	n5=$(($(wc -l <"$T_TMP/out") + 5))
	n50=$((n5 + 45))
	t_rounds "$n5"
	rss5=$(awk '/^VmRSS/ {print $2}' "/proc/$T_WATCH/status")
	fd5=$(ls "/proc/$T_WATCH/fd" | wc -l)
	t_rounds "$n50" 90
	rss50=$(awk '/^VmRSS/ {print $2}' "/proc/$T_WATCH/status")
	fd50=$(ls "/proc/$T_WATCH/fd" | wc -l)
	t_stop TERM
	t_check "the failed rounds were reported ('- -')" eval '[[ $(tail -1 "$T_TMP/out") == "- -" ]]'
	t_check "after 5 and 50 failed rounds: VmRSS $rss5 kB and $rss50 kB (within 64 kB)" \
		eval '((rss50 - rss5 <= 64))'
	t_check "after 5 and 50 failed rounds: $fd5 and $fd50 open descriptors (equal)" eval '((fd5 == fd50))'
	t_check "SIGTERM during the outage: exit 1 ($T_RC: the last round measured nothing)" eval '((T_RC == 1))'
}

# `probe --json` with no route at the start prints what was learned: the report, each
# path "not measured" with its reason (issue 20: it printed 0 bytes).
case_no_route() {
	t_lab_up --wan-mtu 1454
	ip -n "$LAB_CLIENT" route del default
	t_run -- -4 --json "$LAB_WAN_PEER_V4" "$LAB_SERVER_V4"
	t_check "no route: exit 1 ($T_RC), one line per path on stderr" eval '((T_RC == 1)) && [[ $(cat "$T_TMP/err") == "mtuprobe probe: no route to $LAB_WAN_PEER_V4: Network is unreachable
mtuprobe probe: no route to $LAB_SERVER_V4: Network is unreachable" ]]'
	t_check "no route: the JSON report against the documented types" \
		python3 "$T_ROOT/tests/cli/check_json.py" --probe "$T_TMP/out"
	t_check "no route: wan and tunnel say fault no_route, the error, source null" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
want = ["no_route", "no route to " + sys.argv[2] + ": Network is unreachable"]
sys.exit(not ([d["wan"]["fault"], d["wan"]["error"]] == want and d["tunnel"]["fault"] == "no_route"
              and d["source"] is None and d["wan_pmtu"] is None))' "$T_TMP/out" "$LAB_WAN_PEER_V4"
	t_run -- -4 --vendor none "$LAB_WAN_PEER_V4"
	t_check "no route, text: the answer says why" \
		grep -qx "  WAN    $LAB_WAN_PEER_V4: not measured (no route to the target)" "$T_TMP/out"
}

t_init "$@"
"case_${T_CASE//-/_}"
t_finish
