#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# sites.sh MTUPROBE CASE: `probe --targets` (issue 23) in the lab. The server namespace
# takes extra addresses 203.0.113.11-30 (one per site) and r2 gives some of them a path
# of their own (nftables table "inet sites" in r2, forward hook):
#   203.0.113.11-24  clean: the WAN's 1454 with r1's frag-needed
#   203.0.113.25-26  black hole: r2 drops, silently, packets to them above 1400 bytes
#   203.0.113.27-28  10% loss: r2 drops 10% of the echo requests to them and of the
#                    replies from them
#   203.0.113.99     unused ("unreachable", as lib.sh's case)
# Every site's WAN target is r2 (198.51.100.2, 1454) and its tunnel target its own server
# address. In r1 (prerouting: before its MTU check drops what is too big; table "inet
# rate") a counter counts every echo request from the client; a second one, behind
# `limit rate over`, those above --total-rate plus 10% and its burst (total / 20) plus 5
# (the sites are measured at once: only the total rate holds them back), and a third
# those to the WAN
# target every site shares above --rate plus 10%: both must stay 0, and the first must
# equal the probes the JSON says were sent (S_LIMIT=N / S_WAN_LIMIT=N set the limits, to
# see the checks fail). Needs root (exit 77 otherwise).
#
#   mixed   20 sites (14 clean, 2 black holes, 2 lossy, 2 more clean) with --json: every
#           answer exact and verified, input order, exit 0; the rate counters (--total-rate
#           150, --rate 50: 20 WAN runs to one target share its 50/s); --out-dir
#           files and --prometheus samples per site; `mtuprobe report` of the JSON
#           Lines; the summary table without --json.
#   worst   3 sites, one of them unreachable: exit 1 (the worst site's), its row says so;
#           with --json read back by `mtuprobe report`: the same table and status.
#   interrupt  SIGTERM by pid mid-run (2 slow sites: r2's one address shared by 34 runs at
#           --rate 30): every site reported once, in order, the measured ones exact, the
#           others "interrupted" (JSON, table, Prometheus, `mtuprobe report`), exit 1; then
#           300 sites cut short before the last 44 start: those still reported.
# The case_* functions are called by name at the bottom:
# shellcheck disable=SC2317
set -euo pipefail
# shellcheck source=tests/lab/lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

TOTAL=150   # --total-rate: all probes of the run
RATE=50     # --rate: per target address

# s_lab: the lab, the server's addresses, r2's per-site paths and r1's counters.
s_lab() {
	local i
	t_lab_up
	for i in $(seq 11 30); do
		ip -n "$LAB_SERVER" addr add "203.0.113.$i/24" dev lan0
	done
	ip netns exec "$LAB_R2" nft -f - <<'EOF'
table inet sites {
	chain forward_sites {
		type filter hook forward priority 0; policy accept;
		ip daddr { 203.0.113.25, 203.0.113.26 } ip length > 1400 drop
		ip daddr { 203.0.113.27, 203.0.113.28 } icmp type echo-request numgen random mod 100 < 10 drop
		ip saddr { 203.0.113.27, 203.0.113.28 } icmp type echo-reply numgen random mod 100 < 10 drop
	}
}
EOF
	# Burst: the scheduler lets total / 20 probes go back to back (probe/sched.h) and
	# spaces those to one address by 1 / --rate (no burst); 5 more allow for timer slack.
	ip netns exec "$LAB_R1" nft -f - <<EOF
table inet rate {
	counter probes { }
	counter over { }
	counter wan_over { }
	chain prerouting_rate {
		type filter hook prerouting priority -150; policy accept;
		ip saddr 192.0.2.2 icmp type echo-request counter name probes
		ip saddr 192.0.2.2 icmp type echo-request limit rate over ${S_LIMIT:-$((TOTAL + TOTAL / 10))}/second burst $((TOTAL / 20 + 5)) packets counter name over
		ip saddr 192.0.2.2 ip daddr 198.51.100.2 icmp type echo-request limit rate over ${S_WAN_LIMIT:-$((RATE + RATE / 10))}/second burst 5 packets counter name wan_over
	}
}
EOF
}

s_counter() { # s_counter NAME: packets counted in r1
	ip netns exec "$LAB_R1" nft list counter inet rate "$1" | sed -n 's/.*packets \([0-9]*\).*/\1/p'
}

s_inventory() { # s_inventory FILE: the 20 sites, as CSV with a header
	local i kind
	{
		echo "# 20 sites of the lab (tests/lab/sites.sh)"
		echo "name,wan,tunnel"
		for i in $(seq 11 30); do
			kind=clean
			((i == 25 || i == 26)) && kind=bh
			((i == 27 || i == 28)) && kind=loss
			echo "$kind-$i,198.51.100.2,203.0.113.$i"
		done
	} >"$1"
}

# s_json_report RC: the JSON Lines in $T_TMP/out are each probe --json's object with
# "site" and "interrupted" first (check_json.py --sites), and `mtuprobe report` of them
# (into $T_TMP/report) exits RC.
s_json_report() {
	local rc=0
	t_check "JSON Lines: probe --json's objects, site and interrupted first (check_json.py --sites)" \
		python3 "$T_ROOT/tests/cli/check_json.py" --sites "$T_TMP/out"
	"$EXE" report "$T_TMP/out" >"$T_TMP/report" 2>"$T_TMP/report.err" || rc=$?
	t_check "report: exit $1 ($rc)" test "$rc" -eq "$1"
}

case_mixed() {
	local inv=$T_TMP/sites.csv
	s_lab
	s_inventory "$inv"
	# the inventory is read, and the files written, as the user mtuprobe becomes (nobody)
	chmod 755 "$T_TMP"
	mkdir -m 1777 "$T_TMP/w"
	t_flush
	T_RUN_TIMEOUT=100
	t_run -- -4 --rate "$RATE" --total-rate "$TOTAL" --targets "$inv" --json --out-dir "$T_TMP/w/out.d" \
		--prometheus "$T_TMP/w/sites.prom" --vendor rtx,linux
	if ((T_RC != 0)); then
		t_fail "exit $T_RC, expected 0"
		t_show_stderr
	fi
	local probes over wan_over
	probes=$(s_counter probes)
	over=$(s_counter over)
	wan_over=$(s_counter wan_over)
	if python3 - "$T_TMP/out" "$probes" "$over" "$T_TMP/w/out.d" "$T_TMP/w/sites.prom" "$wan_over" <<'PY'; then
import json, os, sys
out, probes, over, outdir, prom = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
wan_over = int(sys.argv[6])
errs = []
rows = [json.loads(l) for l in open(out)]
names = [r.get("site") for r in rows]
want = [("bh" if i in (25, 26) else "loss" if i in (27, 28) else "clean") + f"-{i}" for i in range(11, 31)]
if names != want:
    errs.append(f"sites {names}, want {want} (input order)")
sent = 0
for r in rows:
    n = r.get("site", "?")
    exp = 1400 if n.startswith("bh-") else 1454
    if r.get("wan_pmtu") != 1454:
        errs.append(f"{n}: wan_pmtu {r.get('wan_pmtu')}, want 1454")
    if r.get("tunnel_pmtu") != exp:
        errs.append(f"{n}: tunnel_pmtu {r.get('tunnel_pmtu')}, want {exp}")
    if r.get("verified") is not True:
        errs.append(f"{n}: not verified")
    if list(r)[0] != "site":
        errs.append(f"{n}: 'site' is not the first key")
    sent += r.get("probes_sent", 0)
    for v in ("rtx", "linux"):
        p = os.path.join(outdir, f"{n}.{v}")
        if not os.path.isfile(p):
            errs.append(f"{n}: no {p}")
        elif v == "linux" and f"mtu {exp}" not in open(p).read():
            errs.append(f"{n}: {p} does not set mtu {exp}")
if sent != probes:
    errs.append(f"r1 counted {probes} probes, the JSON says {sent} were sent")
if over != 0:
    errs.append(f"{over} probes above --total-rate (+10%, its burst + 5)")
if wan_over != 0:
    errs.append(f"{wan_over} probes to the shared WAN target above --rate (+10%, burst 5)")
text = open(prom).read()
for n in want:
    exp = 1400 if n.startswith("bh-") else 1454
    line = f'mtuprobe_path_mtu_bytes{{site="{n}",path="tunnel",target="203.0.113.{n.split("-")[1]}"}} {exp}'
    if line not in text.splitlines():
        errs.append(f"prometheus: no line {line}")
if text.count("# TYPE mtuprobe_path_mtu_bytes ") != 1:
    errs.append("prometheus: the family's TYPE line is not there once")
print(f"  {len(rows)} sites, {sent} probes (r1: {probes}, over the total: {over}, "
      f"over the WAN target's rate: {wan_over})")
for e in errs:
    print(f"  {e}")
sys.exit(1 if errs else 0)
PY
		t_say "ok: 20 sites exact, in order, rate kept, files and samples per site"
	else
		t_fail "20 sites"
	fi
	s_json_report 0
	t_check "report: the black hole's row" grep -Eq '^bh-26 +1454 +1400 +lost +yes +[0-9.]+s +0$' "$T_TMP/report"
	t_check "report: 21 lines" test "$(wc -l <"$T_TMP/report")" -eq 21
	# the same inventory without --json: the table, one row per site
	t_flush
	t_run -- -4 --rate 1000 --targets "$inv" --vendor none
	t_check "table: exit 0" test "$T_RC" -eq 0
	t_check "table: header" grep -q '^site  *WAN MTU  *tunnel MTU  *verdict  *verified  *time  *status$' "$T_TMP/out"
	t_check "table: black hole row" grep -Eq '^bh-25 +1454 +1400 +lost +yes +[0-9.]+s +0$' "$T_TMP/out"
	t_check "table: 21 lines" test "$(wc -l <"$T_TMP/out")" -eq 21
	sed 's/^/  /' "$T_TMP/out"
}

case_worst() {
	s_lab
	chmod 755 "$T_TMP"   # the inventory is read as the user mtuprobe becomes (nobody)
	printf 'a 198.51.100.2 203.0.113.11\nlost 203.0.113.99\nb 198.51.100.2\n' >"$T_TMP/sites.txt"
	T_RUN_TIMEOUT=100
	t_run -- -4 --targets "$T_TMP/sites.txt" --vendor none
	t_check "worst: exit 1 (the unreachable site's)" test "$T_RC" -eq 1
	t_check "worst: its row" grep -Eq '^lost +- +- +wan [a-z_]+ +no +[0-9.]+s +1$' "$T_TMP/out"
	t_check "worst: the others measured" grep -Eq '^a +1454 +1454 +- +yes .* 0$' "$T_TMP/out"
	sed 's/^/  /' "$T_TMP/out"
	# the same with --json, read back by mtuprobe report: the same rows, the same status
	sed -E 's/ +[0-9.]+s / TIME /' "$T_TMP/out" >"$T_TMP/table"
	t_run -- -4 --targets "$T_TMP/sites.txt" --vendor none --json
	t_check "worst --json: exit 1" test "$T_RC" -eq 1
	local rc=0
	"$EXE" report "$T_TMP/out" >"$T_TMP/report" 2>"$T_TMP/err" || rc=$?
	t_check "report: exit 1" test "$rc" -eq 1
	sed -E 's/ +[0-9.]+s / TIME /' "$T_TMP/report" >"$T_TMP/report.t"
	t_check "report: the table probe printed (times aside)" diff -u "$T_TMP/table" "$T_TMP/report.t"
}

# s_cut_inventory FILE: 20 sites, 2 of them slow, fifth and fifteenth in the file. Each
# fast site probes its own server address (WAN and tunnel: --rate is per address, they
# share it with no other site); a slow one sends its WAN and 16 tunnel targets all to r2
# (198.51.100.2), and both slow sites share that one address's --rate: at --rate 30,
# 34 runs of 5 probes or more take 5 s or more, the fast ones well under 1 s.
s_cut_inventory() {
	local i kind r2=198.51.100.2 many
	many=$(printf "$r2;%.0s" $(seq 16))
	{
		echo "name,wan,tunnel"
		for i in 11 12 13 14 29 15 16 17 18 19 20 21 22 23 30 24 25 26 27 28; do
			kind=clean
			((i == 25 || i == 26)) && kind=bh
			((i == 27 || i == 28)) && kind=loss
			if ((i >= 29)); then
				echo "slow-$i,$r2,${many%;}"
			else
				echo "$kind-$i,203.0.113.$i,203.0.113.$i"
			fi
		done
	} >"$1"
}

# s_cut_run FILE ARGS...: probe --targets FILE ARGS in the background, SIGTERM by its pid
# 2 s after the first 4 sites are reported (the fast sites are measured by then, those
# after the first slow one held back behind it); its status in T_RC.
s_cut_run() {
	local inv=$1
	shift
	t_flush
	t_watch -4 --rate 30 --targets "$inv" --vendor none "$@"
	if [[ " $* " == *" --json "* ]]; then
		t_wait_lines "$T_TMP/out" 4 20 || t_fail "no 4 lines in 20 s"
	else
		sleep 0.5
	fi
	sleep 2
	t_check "still measuring when the signal is sent (the slow sites)" kill -0 "$T_WATCH"
	t_stop TERM 10
}

# A run stopped by SIGTERM reports every site once, in the file's order (issue 23): the
# sites measured before the signal with their results (those held back behind a slow
# site too), the others as interrupted (JSON "interrupted": true, the table's verdict,
# Prometheus reason="interrupted"), exit 1 with one line on stderr. Then 300 sites, with
# the signal before the 256 measured at once are done: the last 44 never start and are
# still reported, each path interrupted with nothing sent.
case_interrupt() {
	local inv=$T_TMP/sites.csv i
	s_lab
	s_cut_inventory "$inv"
	chmod 755 "$T_TMP"
	mkdir -m 1777 "$T_TMP/w"
	s_cut_run "$inv" --json --prometheus "$T_TMP/w/sites.prom"
	t_check "SIGTERM: exit 1 ($T_RC)" test "$T_RC" -eq 1
	t_check "stderr: one line, how many sites were measured" \
		grep -Eqx 'mtuprobe probe: interrupted: 1[4-8] of 20 sites measured' "$T_TMP/err"
	t_check "stderr: nothing else" test "$(wc -l <"$T_TMP/err")" -eq 1
	t_check "every site once, in order; the measured exact, the slow interrupted; Prometheus says which" \
		python3 - "$T_TMP/out" "$inv" "$T_TMP/w/sites.prom" <<'PY'
import json, sys
out, inv, prom = sys.argv[1:]
want = [l.split(",")[0] for l in open(inv).read().split("\n")[1:] if l]
rows = [json.loads(l) for l in open(out)]
errs = []
names = [r.get("site") for r in rows]
if names != want:
    errs.append(f"sites {names}, want each of {want} once, in order")
cut = 0
for r in rows:
    n = r.get("site", "?")
    if r.get("interrupted") is True:
        cut += 1
        stops = [r["wan"]["stop"]] + ([r["tunnel"]["stop"]] if r.get("tunnel") else [])
        if "interrupted" not in stops and not any(t.get("fault") == "interrupted" for t in r["tunnels"]):
            errs.append(f"{n}: interrupted, but no path says so: {stops}")
        if r.get("verified") is not False:
            errs.append(f"{n}: interrupted and verified")
        continue
    if n.startswith(("clean-", "slow-")) and r.get("interrupted") is not False:
        errs.append(f"{n}: interrupted is {r.get('interrupted')!r}")
    if n.startswith("slow-"):
        errs.append(f"{n}: measured before the signal (the slow site was not slow)")
        continue
    exp = 1400 if n.startswith("bh-") else 1454
    if r.get("wan_pmtu") != exp or r.get("tunnel_pmtu") != exp or r.get("verified") is not True:
        errs.append(f"{n}: {r.get('wan_pmtu')}/{r.get('tunnel_pmtu')} verified {r.get('verified')}, want {exp}/{exp} verified")
for n in ("slow-29", "slow-30"):
    if not any(r.get("site") == n and r.get("interrupted") is True for r in rows):
        errs.append(f"{n}: not reported as interrupted")
if not any(r.get("site") == "clean-15" and r.get("interrupted") is False for r in rows):
    errs.append("clean-15 (held back behind slow-29): not reported with its result")
text = open(prom).read().splitlines()
for r in rows:
    n, cut_wan = r["site"], r["wan"]["stop"] == "interrupted"
    up = f'mtuprobe_path_up{{site="{n}",path="wan",target="{r["wan_target"]}"}} {0 if cut_wan else 1}'
    why = f'mtuprobe_round_errors_total{{site="{n}",path="wan",target="{r["wan_target"]}",reason="interrupted"}} {1 if cut_wan else 0}'
    for line in (up, why):
        if line not in text:
            errs.append(f"prometheus: no line {line}")
print(f"  {len(rows)} sites reported, {cut} interrupted", *errs, sep="\n  ")
sys.exit(1 if errs else 0)
PY
	s_json_report 1
	t_check "report of it: slow-29 interrupted" grep -Eq '^slow-29 .* interrupted +no +[0-9.]+s +1$' "$T_TMP/report"
	# the same without --json: the table, every site once
	s_cut_run "$inv"
	t_check "table: exit 1 ($T_RC)" test "$T_RC" -eq 1
	t_check "table: 21 lines" test "$(wc -l <"$T_TMP/out")" -eq 21
	t_check "table: slow-30 interrupted" grep -Eq '^slow-30 .* interrupted +no +[0-9.]+s +1$' "$T_TMP/out"
	t_check "table: clean-24, after slow-30, measured" grep -Eq '^clean-24 +1454 +1454 +- +yes +[0-9.]+s +0$' "$T_TMP/out"
	sed 's/^/  /' "$T_TMP/out"
	# what each site's line is: probe --json's own object, SIGTERMed (no system error)
	t_flush
	t_watch -4 --rate 2 --json --vendor none 198.51.100.2 203.0.113.11
	t_sockets || t_fail "no sockets in 5 s"
	sleep 1
	t_stop TERM 10
	t_check "one probe, SIGTERM: exit 1 ($T_RC)" test "$T_RC" -eq 1
	t_check "one probe, SIGTERM: its object as documented, error null (check_json.py --probe)" \
		python3 "$T_ROOT/tests/cli/check_json.py" --probe "$T_TMP/out"
	t_check "one probe, SIGTERM in the WAN's run: the tunnel reported as interrupted, not null" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["wan"]["stop"] == "interrupted", d["wan"]["stop"]
assert d["tunnel"] and d["tunnel"]["fault"] == "interrupted" and d["tunnel"]["probes_sent"] == 0, d["tunnel"]
' "$T_TMP/out"
	# 300 sites, 256 at once, 21 to each address at --rate 5: the signal 0.3 s in comes
	# before any is measured
	for ((i = 0; i < 300; i++)); do
		echo "s$i 203.0.113.$((11 + i % 14)) 203.0.113.$((11 + i % 14))"
	done >"$T_TMP/300.txt"
	t_flush
	t_watch -4 --rate 5 --targets "$T_TMP/300.txt" --vendor none --json
	t_sockets || t_fail "no sockets in 5 s"
	sleep 0.3
	t_stop TERM 10
	t_check "300 sites, SIGTERM: exit 1 ($T_RC)" test "$T_RC" -eq 1
	t_check "300 sites: stderr says none was measured" \
		grep -Fqx 'mtuprobe probe: interrupted: 0 of 300 sites measured' "$T_TMP/err"
	t_check "300 sites: probe's objects (check_json.py --sites)" \
		python3 "$T_ROOT/tests/cli/check_json.py" --sites "$T_TMP/out"
	t_check "300 sites: each once, in order, interrupted; the last 44 with nothing sent" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r["site"] for r in rows] == [f"s{i}" for i in range(300)], "order"
assert all(r["interrupted"] is True for r in rows), "not all interrupted"
late = rows[256:]
assert all(r["probes_sent"] == 0 and r["wan"]["fault"] == "interrupted" and
           r["tunnel"]["fault"] == "interrupted" for r in late), "a late site sent probes"
' "$T_TMP/out"
}

t_init "$@"
t_dispatch sites
