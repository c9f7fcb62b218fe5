# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=bash
# lib.sh: harness for the lab test cases (sourced by tests/lab/cases.sh).
#
# Contract with meson (tests/lab/meson.build): argv = MTUPROBE CASE. Exit 0 pass, 1 fail,
# 77 skipped (not root, no `ip netns`, cannot create namespaces), 99 harness error.
# Every lab made here is deleted by the EXIT trap, also after a failure, ^C or the
# SIGTERM meson sends on timeout.

# The user's --vendor default (mtuprobe(1), ENVIRONMENT, FILES) must not reach the lab.
unset MTUPROBE_VENDOR
export XDG_CONFIG_HOME=/nonexistent

T_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
T_ROOT=$(cd "$T_DIR/../.." && pwd)
T_LAB=$T_ROOT/scripts/lab
# One tool run may take at most this long; meson's own limit is 120 s per case.
T_RUN_TIMEOUT=${T_RUN_TIMEOUT:-50}
# Lab ids are "$T_PREFIX<pid of scripts/lab>x<random>": unique per test process, and
# the cleanup can find every lab this process made even if it was interrupted between
# `scripts/lab up` returning and the id being recorded.
T_PREFIX=t$$p
T_FAILS=0
T_TMP=""
T_CHILD="" # pid of the running timeout(1) wrapper, if any
T_LISTENER="" # pid of t_tcp_server's listener in the server namespace, if running
EXE=""

t_say() { printf '%s\n' "$*"; }
t_skip() {
	t_say "SKIP: $*"
	exit 77
}
t_hard() {
	t_say "ERROR: $*" >&2
	exit 99
}
t_fail() {
	t_say "FAIL: $*"
	T_FAILS=$((T_FAILS + 1))
}

# t_cleanup [RC]: the EXIT trap; a script's own trap passes the status it caught (a
# `(exit RC)` before calling this would end a `set -e` trap handler right there, and
# leave the lab behind).
t_cleanup() {
	local rc=${1:-$?} dir id
	trap - EXIT INT TERM HUP
	# timeout(1) passes the TERM on to the prober; `lab down` kills whatever is left.
	[[ -z $T_CHILD ]] || kill -TERM "$T_CHILD" 2>/dev/null || true
	if [[ -n $T_LISTENER ]]; then
		kill "$T_LISTENER" 2>/dev/null || true
		wait "$T_LISTENER" 2>/dev/null || true
	fi
	for dir in "${LAB_STATE_ROOT:-/run/mtplab}/$T_PREFIX"*; do
		[[ -d $dir ]] || continue
		id=${dir##*/}
		# In a session of its own: on timeout meson sends SIGTERM to our process group and
		# SIGKILL 0.5 s later; the teardown must not die with us.
		setsid -w "$T_LAB" down "$id" >/dev/null 2>&1 || t_say "warning: could not delete lab $id" >&2
	done
	[[ -z $T_TMP ]] || rm -rf -- "$T_TMP"
	exit "$rc"
}

# t_tcp_server PORT: the server drops ICMP echo (nftables input), as a cloud security
# group does, and listens on TCP PORT in both families (a python3 listener, ended by its
# pid in t_cleanup). Used by methods.sh and locate.sh.
t_tcp_server() {
	ip netns exec "$LAB_SERVER" nft -f - <<'EOF'
table inet mthnoecho {
	chain noechoin {
		type filter hook input priority filter; policy accept;
		icmp type echo-request counter drop
		icmpv6 type echo-request counter drop
	}
}
EOF
	ip netns exec "$LAB_SERVER" python3 -c '
import socket, sys, time
for fam, addr in ((socket.AF_INET, sys.argv[1]), (socket.AF_INET6, sys.argv[2])):
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, int(sys.argv[3])))
    s.listen(1024)
    globals()["keep" + str(fam)] = s
time.sleep(600)' "$LAB_SERVER_V4" "$LAB_SERVER_V6" "$1" &
	T_LISTENER=$!
	local i
	for i in $(seq 50); do
		ip netns exec "$LAB_SERVER" ss -Hltn "sport = :$1" | grep -q . && return 0
		sleep 0.1
	done
	t_hard "listener on port $1 did not start"
}

# t_no_half_open: no SYN-RECV (or any other non-listening TCP state) on the server and
# nothing at all on the client. A RST lost on a lossy path leaves the server retransmitting
# its SYN-ACK, which the client's kernel then resets: allow 20 s for that.
t_no_half_open() {
	local i srv cli
	for i in $(seq 100); do
		srv=$(ip netns exec "$LAB_SERVER" ss -Htan state all exclude listening)
		cli=$(ip netns exec "$LAB_CLIENT" ss -Htan state all exclude listening)
		[[ -z $srv && -z $cli ]] && break
		sleep 0.2
	done
	if [[ -z $srv && -z $cli ]]; then
		t_say "ok: ss: no half-open connection on the server or the client (after $(((i - 1) * 200)) ms)"
	else
		t_fail "ss: connections left: server [${srv//$'\n'/; }] client [${cli//$'\n'/; }]"
	fi
}

# t_init "$@": check the environment, install the traps, set EXE and T_CASE.
t_init() {
	[[ $# -eq 2 ]] || t_hard "usage: $0 MTUPROBE CASE"
	EXE=$1
	T_CASE=$2
	[[ $(id -u) -eq 0 ]] || t_skip "needs root (network namespaces)"
	if ! command -v ip >/dev/null || ! ip netns list >/dev/null 2>&1; then
		t_skip "'ip netns' unavailable"
	fi
	unshare --net true 2>/dev/null || t_skip "cannot create network namespaces here"
	command -v python3 >/dev/null || t_skip "python3 missing (JSON checks)"
	[[ -x $EXE ]] || t_hard "mtuprobe binary '$EXE' is not executable"
	[[ -x $T_LAB ]] || t_hard "$T_LAB missing"
	trap t_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/mtplabtest.XXXXXX")
}

# t_lab_up [scripts/lab up switches]: build a lab and import its LAB_* variables.
t_lab_up() {
	local out
	if ! out=$("$T_LAB" up --prefix "$T_PREFIX" "$@" 2>"$T_TMP/lab.err"); then
		cat "$T_TMP/lab.err" >&2
		t_hard "scripts/lab up $* failed"
	fi
	eval "$out"
	t_say "# lab $LAB_ID: wan-mtu $LAB_WAN_MTU server-mtu $LAB_SERVER_MTU" \
		"blackhole $LAB_BLACKHOLE loss $LAB_LOSS% ptb-ratelimit $LAB_PTB_RATELIMIT" \
		"rtt ${LAB_RTT_MS:-0}ms jitter ${LAB_JITTER_PCT:-0}%"
}

t_lab_down() { "$T_LAB" down "$LAB_ID"; }

# Forget PMTUs the kernels learned from earlier runs (doc/lab-notes.md).
t_flush() { "$T_LAB" flush "$LAB_ID"; }

# t_run [WRAPPER...] -- ARGS...: run `mtuprobe probe ARGS` in the client namespace,
# optionally behind a privilege-dropping WRAPPER. Sets T_RC; output in $T_TMP/{out,err}.
t_run() {
	local wrap=()
	while [[ $1 != -- ]]; do
		wrap+=("$1")
		shift
	done
	shift
	t_say "\$ ${wrap[*]}${wrap[*]:+ }mtuprobe probe $*"
	T_RC=0
	# In the background plus `wait`: a trapped signal interrupts `wait` at once, while a
	# foreground child would delay the trap until it exits. (timeout(1) also moves itself
	# into its own process group, out of reach of meson's kill of ours.)
	timeout -k 5 "$T_RUN_TIMEOUT" ip netns exec "$LAB_CLIENT" "${wrap[@]}" "$EXE" probe "$@" \
		>"$T_TMP/out" 2>"$T_TMP/err" &
	T_CHILD=$!
	wait "$T_CHILD" || T_RC=$?
	T_CHILD=""
	if ((T_RC == 124 || T_RC == 137)); then
		t_say "  (killed after ${T_RUN_TIMEOUT}s)"
	fi
}

# t_watch ARGS...: `mtuprobe probe ARGS` in the client namespace, in the background
# (stdout $T_TMP/out, stderr $T_TMP/err); its pid in T_WATCH (`ip netns exec` execs
# it: the pid is the prober's own, for /proc and kill). Ended by t_cleanup if left.
t_watch() {
	t_say "\$ mtuprobe probe $* &"
	: >"$T_TMP/out"
	ip netns exec "$LAB_CLIENT" "$EXE" probe "$@" >"$T_TMP/out" 2>"$T_TMP/err" &
	T_WATCH=$!
	T_CHILD=$T_WATCH
}

# t_stop SIGNAL [SECONDS]: send it to the prober t_watch started and wait; its status
# in T_RC. With SECONDS: killed (137) if it has not ended that long after the signal.
t_stop() {
	local i n=$((${2:-0} * 10))
	T_RC=0
	kill -"$1" "$T_WATCH"
	for ((i = 0; i < n; i++)); do
		kill -0 "$T_WATCH" 2>/dev/null || break
		sleep 0.1
	done
	((n == 0)) || ! kill -0 "$T_WATCH" 2>/dev/null || kill -KILL "$T_WATCH"
	wait "$T_WATCH" || T_RC=$?
	T_CHILD=""
}

# t_sockets: until the prober t_watch started has its sockets (`ip netns exec` has
# sockets of its own: after the exec), at most 5 s; 1 if it has none by then.
t_sockets() {
	local i
	for ((i = 0; i < 500; i++)); do
		[[ $(readlink "/proc/$T_WATCH/exe") == "$(readlink -f "$EXE")" ]] &&
			[[ -n $(find "/proc/$T_WATCH/fd" -lname 'socket:*' 2>/dev/null) ]] && return 0
		sleep 0.01
	done
	return 1
}

# t_wait_lines FILE N SECONDS: until FILE has N lines; 1 on timeout.
t_wait_lines() {
	local i
	for ((i = 0; i < $3 * 10; i++)); do
		(($(wc -l <"$1") >= $2)) && return 0
		sleep 0.1
	done
	return 1
}

t_show_stderr() { sed -n '1,15s/^/  stderr: /p' "$T_TMP/err"; }

# t_json_check EXPECTED_PMTU: the JSON contract for a successful measurement without
# a tunnel target. Prints one summary line; returns 1 with reasons when anything is off.
t_json_check() {
	python3 - "$1" "$T_TMP/out" <<'PY'
import json, sys

expect = int(sys.argv[1])
try:
    with open(sys.argv[2]) as f:
        d = json.load(f)
except Exception as e:  # noqa: BLE001 - any parse failure is a test failure
    print(f"  output is not one JSON object: {e}")
    sys.exit(1)
if not isinstance(d, dict):
    print("  output is not a JSON object")
    sys.exit(1)

def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)

errs = []
types = {
    "wan_pmtu": is_int,
    "tunnel_pmtu": lambda v: v is None or is_int(v),
    "tunnel_mtu": lambda v: v is None or is_int(v),
    "mss_ipv4": lambda v: v is None or is_int(v),
    "mss_ipv6": lambda v: v is None or is_int(v),
    "verified": lambda v: isinstance(v, bool),
    "probes_sent": is_int,
    "elapsed_ms": lambda v: is_int(v) or isinstance(v, float),
    "warnings": lambda v: isinstance(v, list),
    "probes": lambda v: isinstance(v, list),
}
for key, ok in types.items():
    if key not in d:
        errs.append(f"missing key {key!r}")
    elif not ok(d[key]):
        errs.append(f"{key} has the wrong type: {d[key]!r}")
pmtu = d.get("wan_pmtu")
if pmtu != expect:
    errs.append(f"wan_pmtu {pmtu!r}, expected {expect}")
if d.get("verified") is not True:
    errs.append(f"verified is {d.get('verified')!r}, expected true")
if d.get("tunnel_pmtu") is not None:
    errs.append(f"tunnel_pmtu {d.get('tunnel_pmtu')!r} without a tunnel target")
# MSS arithmetic (doc/vendor-syntax.md): IPv4 MTU - 40, IPv6 MTU - 60.
for key, hdr in (("mss_ipv4", 40), ("mss_ipv6", 60)):
    v = d.get(key)
    if is_int(v) and v != expect - hdr:
        errs.append(f"{key} {v}, expected {expect - hdr}")
if is_int(d.get("probes_sent")) and d["probes_sent"] < 1:
    errs.append("probes_sent < 1")
print(f"  measured wan_pmtu={pmtu} verified={d.get('verified')} "
      f"mss_ipv4={d.get('mss_ipv4')} mss_ipv6={d.get('mss_ipv6')} "
      f"probes_sent={d.get('probes_sent')} elapsed_ms={d.get('elapsed_ms')} "
      f"warnings={json.dumps(d.get('warnings'))}")
for e in errs:
    print(f"  {e}")
sys.exit(1 if errs else 0)
PY
}

# t_expect_pmtu LABEL PMTU ARGS...: exit 0 and exactly PMTU.
t_expect_pmtu() {
	local label=$1 pmtu=$2
	shift 2
	t_run -- --json "$@"
	if ((T_RC != 0)); then
		t_fail "$label: exit $T_RC, expected 0 (pmtu $pmtu)"
		t_show_stderr
		return 0
	fi
	if t_json_check "$pmtu"; then
		t_say "ok: $label = $pmtu"
	else
		t_fail "$label: expected pmtu $pmtu"
		t_show_stderr
	fi
}

# t_expect_rc LABEL RC [WRAPPER...] -- ARGS...: only the exit status matters.
t_expect_rc() {
	local label=$1 rc=$2
	shift 2
	t_run "$@"
	if ((T_RC == rc)); then
		t_say "ok: $label: exit $T_RC"
	else
		t_fail "$label: exit $T_RC, expected $rc"
		t_show_stderr
	fi
}

# t_check LABEL CONDITION...: one assertion on the last run's files.
t_check() {
	local label=$1
	shift
	if "$@"; then t_say "ok: $label"; else t_fail "$label"; t_show_stderr; fi
}

# t_dispatch [WHAT]: run case_$T_CASE (dashes as underscores), then report.
t_dispatch() {
	local fn=case_${T_CASE//-/_}
	declare -F "$fn" >/dev/null || t_hard "unknown case '$T_CASE'"
	t_say "# ${1:+$1 }case $T_CASE, mtuprobe $EXE"
	"$fn"
	t_finish
}

t_finish() {
	if ((T_FAILS)); then
		t_say "$T_CASE: $T_FAILS check(s) failed"
		exit 1
	fi
	t_say "$T_CASE: all checks passed"
	exit 0
}
