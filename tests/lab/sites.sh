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
	t_check "JSON Lines: each probe --json's object with site first (check_json.py --sites)" \
		python3 "$T_ROOT/tests/cli/check_json.py" --sites "$T_TMP/out"
	# mtuprobe report: the same table from the JSON Lines
	local rc=0
	"$EXE" report "$T_TMP/out" >"$T_TMP/report" 2>"$T_TMP/err" || rc=$?
	t_check "report: exit 0" test "$rc" -eq 0
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

t_init "$@"
t_dispatch sites
