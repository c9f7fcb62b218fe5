#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# locate.sh MTUPROBE CASE: `probe --locate` (issue 11 item 3) in the lab. After measuring
# the path MTU P, TTL-limited probes of P and P + 1 bytes must name the last hop the big
# packets reach ("blackhole_after") and the first they never reach ("first_silent").
# Address plan: scripts/lab.sh. Hops seen from the client toward the server:
#   hop 1  r1       time exceeded from its LAN side  192.0.2.1    2001:db8:1::1
#   hop 2  r2       time exceeded from its WAN side  198.51.100.2 2001:db8:2::2
#   hop 3  server   the target                       203.0.113.2  2001:db8:3::2
# (a router's time exceeded leaves by the interface toward the client, and Linux takes
# that interface's address as the source). Needs root (exit 77 otherwise).
#
#   blackhole   --blackhole (r1 drops its frag-needed / PTB): the hole is r1's 1454 WAN
#               egress: after hop 1 (192.0.2.1), hop 2 first silent; text report too.
#   far         --wan-mtu 1500 --server-mtu 1400 --drop-ptb: r2's egress to the server is
#               1400 and r2's PTBs are dropped: after hop 2 (198.51.100.2), the target
#               (hop 3) first silent.
#   ptb         plain 1454 lab, PTBs delivered: not a black hole, r1 answers 'too big'
#               1454 for the TTL-2 big probe (by_ptb).
#   methods     --method tcp (a listener on the server, echo dropped there; `ss` shows
#               nothing half-open afterwards) and --method udp, with the black hole.
#   ratelimit   r1's time-exceeded tokens for the client drained by 20 TTL-1 pings just
#               before the run (Linux: a burst of 6, then 1 per icmp_ratelimit): the
#               first TTL-1 probes go unanswered and the retries still name r1.
#   bad         --max-hops 1 (the boundary is out of reach: not located, no hop named),
#               --max-hops 2 (just reachable), and --max 1400 on the 1454 path (the
#               largest size passed: locate not run, exit as without --locate).
#   mute-first, mute-far  r1, resp. r2, sends no time exceeded at all: the finding is
#               the span from the hop before it to the hop after it (see l_mute_check).
# The case_* functions are called by name at the bottom:
# shellcheck disable=SC2317
set -euo pipefail
# shellcheck source=tests/lab/lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PORT=8080
# l_locate LABEL PMTU EXPECT_JSON ARGS...: `probe --locate --json ARGS` must exit 0 with
# wan_pmtu PMTU, and every key of EXPECT_JSON (an object) must equal the same key of
# wan.locate; the top-level blackhole_after must be locate's blackhole_after when it
# located something, else null. Prints what it saw, hop by hop.
l_locate() {
	local label=$1 pmtu=$2 want=$3
	shift 3
	t_run -- --json --locate --vendor none "$@"
	if ((T_RC != 0)); then
		t_fail "$label: exit $T_RC, expected 0"
		t_show_stderr
	fi
	if python3 - "$T_TMP/out" "$pmtu" "$want" <<'PY'; then
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception as e:  # noqa: BLE001 - any parse failure is a test failure
    print(f"  output is not one JSON object: {e}")
    sys.exit(1)
pmtu, want = int(sys.argv[2]), json.loads(sys.argv[3])
loc = (d.get("wan") or {}).get("locate")
errs = []
if d.get("wan_pmtu") != pmtu:
    errs.append(f"wan_pmtu {d.get('wan_pmtu')!r}, expected {pmtu}")
if not isinstance(loc, dict):
    print(f"  wan.locate is {loc!r}")
    sys.exit(1)
print(f"  wan_pmtu={d.get('wan_pmtu')} located={loc.get('located')} by_ptb={loc.get('by_ptb')} "
      f"ptb_mtu={loc.get('ptb_mtu')} target_ttl={loc.get('target_ttl')} sizes={loc.get('sizes')} "
      f"probes_sent={loc.get('probes_sent')} elapsed_ms={loc.get('elapsed_ms')} ignored={loc.get('ignored')}")
print(f"  blackhole_after={json.dumps(loc.get('blackhole_after'))} "
      f"first_silent={json.dumps(loc.get('first_silent'))} top-level={json.dumps(d.get('blackhole_after'))}")
print(f"  reason: {loc.get('reason')}")
for h in loc.get("hops", []):
    cells = []
    for k in ("small", "large"):
        o = h.get(k) or {}
        mtu = f" mtu {o.get('mtu')}" if o.get("mtu") is not None else ""
        cells.append(f"{k} {o.get('answer')} x{o.get('tries')} from {o.get('address')}{mtu}")
    print(f"    hop {h.get('ttl')}: " + "; ".join(cells))
for key, v in want.items():
    if loc.get(key) != v:
        errs.append(f"locate.{key} is {json.dumps(loc.get(key))}, expected {json.dumps(v)}")
top = loc.get("blackhole_after") if loc.get("located") else None
if "blackhole_after" not in d or d["blackhole_after"] != top:
    errs.append(f"top-level blackhole_after {json.dumps(d.get('blackhole_after'))}, expected {json.dumps(top)}")
for e in errs:
    print("  " + e)
sys.exit(1 if errs else 0)
PY
		t_check "$label: the JSON contract (check_json.py)" \
			python3 "$T_ROOT/tests/cli/check_json.py" --probe "$T_TMP/out"
		t_say "ok: $label"
	else
		t_fail "$label"
		t_show_stderr
	fi
}

# l_hops PYTHON_EXPR LABEL: one more assertion on the last run's wan.locate, with `loc` the
# object and `hop(t)` its hop t (None if not listed).
l_hops() {
	if python3 - "$T_TMP/out" "$1" <<'PY'; then
import json, sys
loc = json.load(open(sys.argv[1]))["wan"]["locate"]
def hop(t):
    return next((h for h in loc.get("hops", []) if h.get("ttl") == t), None)
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
		t_say "ok: $2"
	else
		t_fail "$2 (not: $1)"
	fi
}

# l_drops NS CHAIN: packets counted by the drop rules of chain CHAIN in table inet mtplab.
l_drops() {
	ip netns exec "$1" nft list chain inet mtplab "$2" |
		sed -n 's/.*counter packets \([0-9]*\) .*/\1/p' | awk '{ n += $1 } END { print n + 0 }'
}

# l_arith EXPR: EXPR is true in bash arithmetic (for t_check; variables by name).
l_arith() { (($1)); }

# l_text_located ADDRESS: the last run exited 0 and its text report has a line
# "=> located: ..." naming "(ADDRESS)".
l_text_located() {
	((T_RC == 0)) && grep -E '^[[:space:]]*=> located:' "$T_TMP/out" | grep -qF "($1)"
}

# l_place TTL ADDRESS: the JSON of a hop as locate names it.
l_place() { printf '{"ttl": %s, "address": "%s"}' "$1" "$2"; }

# --- blackhole ------------------------------------------------------------------------

blackhole_family() {
	local fam=$1 target=$2 r1=$3 r2=$4
	l_locate "IPv$fam server, PTB black hole at r1: after hop 1 $r1, hop 2 $r2 first silent" 1454 \
		"{\"located\": true, \"by_ptb\": false, \"ptb_mtu\": null, \"target_ttl\": 3,
		  \"blackhole_after\": $(l_place 1 "$r1"), \"first_silent\": $(l_place 2 "$r2")}" \
		"-$fam" "$target"
	t_flush
	t_run -- --locate --vendor none "-$fam" "$target"
	t_check "IPv$fam text report: exit 0 ($T_RC) and a line '=> located:' naming ($r1)" \
		l_text_located "$r1"
	sed -n '/--locate:/,/located:/s/^/  text: /p' "$T_TMP/out"
	t_flush
}

case_blackhole() {
	t_lab_up --wan-mtu 1454 --blackhole
	blackhole_family 4 "$LAB_SERVER_V4" "$LAB_R1_LAN_V4" "$LAB_WAN_PEER_V4"
	blackhole_family 6 "$LAB_SERVER_V6" "$LAB_R1_LAN_V6" "$LAB_WAN_PEER_V6"
	local n
	n=$(l_drops "$LAB_R1" ptbout)
	t_check "the black hole is real: r1 dropped $n frag-needed / PTB of its own" l_arith "n > 0"
}

# --- far ------------------------------------------------------------------------------

# r2's srv0 (toward the server) is 1400 and --drop-ptb drops every frag-needed / PTB in
# r1's and r2's output and forward hooks: r2 can only discard the big probes. r2 answers
# the TTL-2 probes from 198.51.100.2, its WAN address (the way back to the client).
case_far() {
	t_lab_up --wan-mtu 1500 --server-mtu 1400 --drop-ptb
	local mtu
	mtu=$(ip -n "$LAB_R2" -o link show dev srv0 | sed -n 's/.* mtu \([0-9]*\) .*/\1/p')
	t_check "r2's egress toward the server (srv0) has MTU 1400 (${mtu:-?})" l_arith "${mtu:-0} == 1400"
	l_locate "IPv4 server, black hole at r2's egress: after hop 2 $LAB_WAN_PEER_V4, the target first silent" 1400 \
		"{\"located\": true, \"by_ptb\": false, \"target_ttl\": 3,
		  \"blackhole_after\": $(l_place 2 "$LAB_WAN_PEER_V4"),
		  \"first_silent\": $(l_place 3 "$LAB_SERVER_V4")}" -4 "$LAB_SERVER_V4"
	t_flush
	l_locate "IPv6 server, black hole at r2's egress: after hop 2 $LAB_WAN_PEER_V6, the target first silent" 1400 \
		"{\"located\": true, \"by_ptb\": false, \"target_ttl\": 3,
		  \"blackhole_after\": $(l_place 2 "$LAB_WAN_PEER_V6"),
		  \"first_silent\": $(l_place 3 "$LAB_SERVER_V6")}" -6 "$LAB_SERVER_V6"
	local n1 n2
	n1=$(l_drops "$LAB_R1" dropptboutput)
	n2=$(l_drops "$LAB_R2" dropptboutput)
	t_check "the hole is r2's: r2 dropped $n2 PTBs of its own, r1 $n1" l_arith "n2 > 0 && n1 == 0"
}

# --- ptb ------------------------------------------------------------------------------

case_ptb() {
	t_lab_up --wan-mtu 1454
	l_locate "IPv4 server, PTBs delivered: r1 answers 'too big' 1454 (not a black hole)" 1454 \
		"{\"located\": true, \"by_ptb\": true, \"ptb_mtu\": 1454, \"blackhole_after\": null,
		  \"first_silent\": null, \"ptb_from\": $(l_place 1 "$LAB_R1_LAN_V4")}" -4 "$LAB_SERVER_V4"
	l_hops "hop(2)['large']['answer'] == 'too-big' and hop(2)['large']['address'] == '$LAB_R1_LAN_V4'" \
		"IPv4: the TTL-2 big probe drew 'too big' from r1"
	t_flush
	l_locate "IPv6 server, PTBs delivered: r1 answers 'too big' 1454 (not a black hole)" 1454 \
		"{\"located\": true, \"by_ptb\": true, \"ptb_mtu\": 1454, \"blackhole_after\": null,
		  \"first_silent\": null, \"ptb_from\": $(l_place 1 "$LAB_R1_LAN_V6")}" -6 "$LAB_SERVER_V6"
	l_hops "hop(2)['large']['answer'] == 'too-big' and hop(2)['large']['address'] == '$LAB_R1_LAN_V6'" \
		"IPv6: the TTL-2 big probe drew 'too big' from r1"
}

# --- methods --------------------------------------------------------------------------

# l_method METHOD: the last run's JSON says METHOD measured the path.
l_method() {
	if python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["wan"]["method"] == sys.argv[2] else 1)' \
		"$T_TMP/out" "$1"; then
		t_say "ok: measured and located with --method $1"
	else
		t_fail "wan.method is not $1"
	fi
}

case_methods() {
	t_lab_up --wan-mtu 1454 --blackhole
	t_tcp_server "$PORT"
	if ip netns exec "$LAB_CLIENT" ping -c 1 -W 1 "$LAB_SERVER_V4" >/dev/null 2>&1; then
		t_fail "$LAB_SERVER_V4 answers ping: the server's echo filter is not working"
	fi
	l_locate "IPv4 --method tcp: after hop 1 $LAB_R1_LAN_V4" 1454 \
		"{\"located\": true, \"by_ptb\": false, \"target_ttl\": 3,
		  \"blackhole_after\": $(l_place 1 "$LAB_R1_LAN_V4"),
		  \"first_silent\": $(l_place 2 "$LAB_WAN_PEER_V4")}" \
		-4 --method tcp --port "$PORT" "$LAB_SERVER_V4"
	l_method tcp
	t_no_half_open
	t_flush
	l_locate "IPv6 --method tcp: after hop 1 $LAB_R1_LAN_V6" 1454 \
		"{\"located\": true, \"by_ptb\": false, \"target_ttl\": 3,
		  \"blackhole_after\": $(l_place 1 "$LAB_R1_LAN_V6"),
		  \"first_silent\": $(l_place 2 "$LAB_WAN_PEER_V6")}" \
		-6 --method tcp --port "$PORT" "$LAB_SERVER_V6"
	l_method tcp
	t_no_half_open
	t_flush
	# As methods.sh's udp-blackhole: the server's port-unreachable limit off and the rate
	# raised, or the black-hole search alone takes 40 s at the default 1/s.
	ip netns exec "$LAB_SERVER" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0
	l_locate "IPv4 --method udp: after hop 1 $LAB_R1_LAN_V4" 1454 \
		"{\"located\": true, \"by_ptb\": false, \"target_ttl\": 3,
		  \"blackhole_after\": $(l_place 1 "$LAB_R1_LAN_V4"),
		  \"first_silent\": $(l_place 2 "$LAB_WAN_PEER_V4")}" \
		-4 --method udp --rate 100 "$LAB_SERVER_V4"
	l_method udp
	t_flush
	l_locate "IPv6 --method udp: after hop 1 $LAB_R1_LAN_V6" 1454 \
		"{\"located\": true, \"by_ptb\": false, \"target_ttl\": 3,
		  \"blackhole_after\": $(l_place 1 "$LAB_R1_LAN_V6"),
		  \"first_silent\": $(l_place 2 "$LAB_WAN_PEER_V6")}" \
		-6 --method udp --rate 100 "$LAB_SERVER_V6"
	l_method udp
}

# --- ratelimit ------------------------------------------------------------------------

# l_drain TARGET: 20 TTL-1 pings 10 ms apart from the client: r1 answers the first ones
# (its burst) and then nothing until a token comes back; prints how many it answered.
l_drain() {
	ip netns exec "$LAB_CLIENT" ping -n -t 1 -c 20 -i 0.01 -W 0.2 "$1" 2>&1 | grep -ci 'exceeded' || true
}

# ratelimit_family FAM TARGET R1 R2: drain, then --locate at once. The measurement before
# the TTL-limited probes takes about 0.2 s, far less than a token, so r1 ignores the
# first TTL-1 probes; the boundary's retries (1 s apart) must still place the hole after
# r1, and the JSON must show the tries that went unanswered.
ratelimit_family() {
	local fam=$1 target=$2 r1=$3 r2=$4 n
	n=$(l_drain "$target")
	t_check "IPv$fam: r1 rate-limits time exceeded: $n of 20 TTL-1 pings answered" l_arith "n >= 1 && n <= 8"
	l_locate "IPv$fam server after the drain: still after hop 1 $r1" 1454 \
		"{\"located\": true, \"by_ptb\": false, \"target_ttl\": 3,
		  \"blackhole_after\": $(l_place 1 "$r1"), \"first_silent\": $(l_place 2 "$r2")}" \
		"-$fam" "$target"
	l_hops "hop(1)['large']['tries'] >= 2 and hop(1)['large']['answer'] == 'time-exceeded'" \
		"IPv$fam: hop 1's first big probe went unanswered (rate limit) and a retry was answered"
	t_flush
}

case_ratelimit() {
	t_lab_up --wan-mtu 1454 --blackhole
	local rl mask
	rl=$(ip netns exec "$LAB_R1" sysctl -n net.ipv4.icmp_ratelimit)
	mask=$(ip netns exec "$LAB_R1" sysctl -n net.ipv4.icmp_ratemask)
	t_check "r1: IPv4 kernel defaults, icmp_ratelimit $rl ms, time exceeded (11) in icmp_ratemask $mask" \
		l_arith "rl == 1000 && (mask >> 11) & 1"
	ratelimit_family 4 "$LAB_SERVER_V4" "$LAB_R1_LAN_V4" "$LAB_WAN_PEER_V4"
	# IPv6: this kernel's default is 100 ms (a token every 100 ms: no drain survives the
	# measurement). 2000 ms, a token every 2 s: the TTL-1 probes of the first round and of
	# the first retry go unanswered, the last retry gets the token.
	ip netns exec "$LAB_R1" sysctl -qw net.ipv6.icmp.ratelimit=2000
	ratelimit_family 6 "$LAB_SERVER_V6" "$LAB_R1_LAN_V6" "$LAB_WAN_PEER_V6"
}

# --- bad ------------------------------------------------------------------------------

case_bad() {
	t_lab_up --wan-mtu 1454 --blackhole
	# Hop 1 answers both sizes; hop 2, where the big ones vanish, is beyond --max-hops 1.
	l_locate "IPv4 --max-hops 1: not located, no hop named" 1454 \
		'{"located": false, "blackhole_after": null, "first_silent": null, "by_ptb": false}' \
		-4 --max-hops 1 "$LAB_SERVER_V4"
	l_hops "len(loc['hops']) == 1 and hop(1)['large']['answer'] == 'time-exceeded' and 'up to 1' in loc['reason']" \
		"--max-hops 1: one hop listed, and the reason says the big packets were answered up to hop 1"
	t_flush
	l_locate "IPv4 --max-hops 2: the boundary is just in reach" 1454 \
		"{\"located\": true, \"by_ptb\": false,
		  \"blackhole_after\": $(l_place 1 "$LAB_R1_LAN_V4"),
		  \"first_silent\": $(l_place 2 "$LAB_WAN_PEER_V4")}" -4 --max-hops 2 "$LAB_SERVER_V4"
	l_hops "max(h['ttl'] for h in loc['hops']) == 2" "--max-hops 2: nothing sent beyond TTL 2"
	t_flush
	# --max 1400 on the 1454 path: 1400 passed, nothing is known to be lost.
	local rc0 out0=$T_TMP/nolocate.json
	t_run -- --json --vendor none -4 --max 1400 "$LAB_SERVER_V4"
	rc0=$T_RC
	cp "$T_TMP/out" "$out0"
	t_flush
	t_run -- --json --vendor none --locate -4 --max 1400 "$LAB_SERVER_V4"
	t_check "--max 1400 --locate: exit $T_RC, as without --locate ($rc0)" l_arith "T_RC == rc0"
	if python3 - "$T_TMP/out" "$out0" <<'PY'; then
import json, sys
d, d0 = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
loc = d["wan"]["locate"]
print(f"  wan_pmtu={d.get('wan_pmtu')} at_max={d['wan'].get('at_max')} (without --locate: "
      f"{d0.get('wan_pmtu')} at_max={d0['wan'].get('at_max')} locate={json.dumps(d0['wan'].get('locate'))})")
print(f"  locate={json.dumps(loc)} top-level blackhole_after={json.dumps(d.get('blackhole_after'))}")
errs = []
if d.get("wan_pmtu") != 1400 or d["wan"].get("at_max") is not True:
    errs.append("not the at-max 1400 measurement")
if d.get("wan_pmtu") != d0.get("wan_pmtu") or d.get("verified") != d0.get("verified"):
    errs.append("the measurement differs from the run without --locate")
if loc.get("located") is not False:
    errs.append("located is not false")
if "largest size" not in (loc.get("reason") or "") or "passed" not in (loc.get("reason") or ""):
    errs.append("the reason does not say the largest size passed")
if loc.get("probes_sent") != 0 or loc.get("hops") != []:
    errs.append("TTL-limited probes were sent")
if loc.get("blackhole_after") is not None or d.get("blackhole_after") is not None:
    errs.append("a hop is named")
if d0["wan"].get("locate") is not None:
    errs.append("without --locate, wan.locate is not null")
for e in errs:
    print("  " + e)
sys.exit(1 if errs else 0)
PY
		t_say "ok: --max 1400 --locate: locate not run, says the largest size passed"
	else
		t_fail "--max 1400 --locate"
	fi
	t_run -- --vendor none --locate -4 --max 1400 "$LAB_SERVER_V4"
	t_check "text report: '--locate not run: the largest size tried passed' (exit $T_RC)" \
		grep -q -- "--locate not run: the largest size tried passed" "$T_TMP/out"
}

# --- mute hops ---------------------------------------------------------------------------

# l_mute NS: that router sends no time exceeded at all (many filter it), both families.
l_mute() {
	ip netns exec "$1" nft -f - <<'EOF'
table inet locmute {
	chain muteout {
		type filter hook output priority filter; policy accept;
		icmp type time-exceeded counter drop
		icmpv6 type time-exceeded counter drop
	}
}
EOF
}

# l_mute_check MUTE_TTL [ADDRESS OF HOP MUTE_TTL - 1]: hop MUTE_TTL answered nothing, the
# hop after it answered the small probe only. All the evidence says is that the big
# packets are lost somewhere between hop MUTE_TTL - 1 and hop MUTE_TTL + 1: the finding
# must say exactly that (blackhole_after the hop before, first_silent the hop after,
# mute_between), never that they go no further than hop MUTE_TTL - 1, nor name hop
# MUTE_TTL (no address) as the first they never reach. (Before this was fixed the engine
# said "big packets reach hop 1 (192.0.2.1) and go no further" in case mute-far, where
# r2 does receive them and drops them on its 1400 egress.)
l_mute_check() {
	t_run -- --json --locate --vendor none -4 "$LAB_SERVER_V4"
	if python3 - "$T_TMP/out" "$1" "${2-}" <<'PY'; then
import json, sys
d = json.load(open(sys.argv[1]))
b = int(sys.argv[2])
loc = d["wan"]["locate"]
print(f"  located={loc['located']} blackhole_after={json.dumps(loc['blackhole_after'])} "
      f"first_silent={json.dumps(loc['first_silent'])} top-level={json.dumps(d['blackhole_after'])}")
print(f"  reason: {loc['reason']}")
hops = {h["ttl"]: h for h in loc["hops"]}
for t, h in sorted(hops.items()):
    print(f"    hop {t}: small {h['small']['answer']} x{h['small']['tries']} from {h['small']['address']}, "
          f"large {h['large']['answer']} x{h['large']['tries']} from {h['large']['address']}")
errs = []
if b not in hops or hops[b]["small"]["answer"] != "none" or hops[b]["large"]["answer"] != "none":
    errs.append(f"hop {b} answered: the scenario did not happen")
if "go no further" in loc.get("reason", ""):
    errs.append("the reason says the big packets go no further than " + (f"hop {b - 1}" if b > 1 else "this host"))
if loc.get("first_silent") == {"ttl": b, "address": None}:
    errs.append(f"first_silent names hop {b}, which answers nothing, as never reached")
# What the evidence does say: the last hop answering for the big size is hop b - 1
# (0: this host), the first hop known never to see them is hop b + 1, the span between
# answers nothing, and the top level repeats it.
last = {"ttl": b - 1, "address": sys.argv[3] if b > 1 else None}
if not loc.get("located") or loc.get("blackhole_after") != last:
    errs.append(f"blackhole_after {json.dumps(loc.get('blackhole_after'))}, expected {json.dumps(last)}")
if (loc.get("first_silent") or {}).get("ttl") != b + 1 or not (loc.get("first_silent") or {}).get("address"):
    errs.append(f"first_silent {json.dumps(loc.get('first_silent'))}, expected hop {b + 1} with its address")
if loc.get("mute_between") is not True:
    errs.append(f"mute_between {loc.get('mute_between')!r}, expected true")
if d.get("blackhole_after") != loc.get("blackhole_after"):
    errs.append(f"top-level blackhole_after {json.dumps(d.get('blackhole_after'))}")
if f"hop {b} answers no TTL probe at all" not in loc.get("reason", ""):
    errs.append("the reason does not name the mute hop")
for e in errs:
    print("  " + e)
sys.exit(1 if errs else 0)
PY
		t_say "ok: mute hop $1 is not reported as the place the big packets stop"
	else
		t_fail "mute hop $1 (exit $T_RC)"
	fi
}

# r1 (hop 1) mute, its own PTBs dropped: this host (ttl 0) .. r2.
case_mute_first() {
	t_lab_up --wan-mtu 1454 --blackhole
	l_mute "$LAB_R1"
	l_mute_check 1
}

# r2 (hop 2) mute, the hole at its 1400 egress: r1 .. the server.
case_mute_far() {
	t_lab_up --wan-mtu 1500 --server-mtu 1400 --drop-ptb
	l_mute "$LAB_R2"
	l_mute_check 2 "$LAB_R1_LAN_V4"
}

t_init "$@"
t_dispatch locate
