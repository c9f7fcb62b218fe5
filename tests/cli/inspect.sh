#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# mtuprobe inspect against the capture files in tests/cli/captures: exact
# stdout (tests/cli/captures/expected/NAME.out), exact stderr and exit code;
# the JSON parses and has the keys mtuprobe(1) documents under INSPECT; and
# damaged copies of good files (every cut, a byte overwritten) end in exit 0,
# 1 or 2 with at most one line on stderr, never a crash or a hang.
# Bad input whose stdout must stay empty is in bad_input.tsv (run.sh).
#
# Usage: inspect.sh MTUPROBE SRCDIR [--update]
# --update rewrites the expected files; review the diff before committing.
# The synthetic captures come from captures/gen.py (checked below to still
# produce them byte for byte); real-*.pcap from captures/record-real.sh,
# handstep-*.pcap from captures/record-handstep.sh.
set -uo pipefail
bin=$(realpath "$1") src=$(realpath "$2") update=${3:-}
caps=$src/tests/cli/captures
fail=0 pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$caps" || exit 99 # relative names: the file name is part of the output

ok() { pass=$((pass + 1)); }
bad() {
	echo "FAIL $*"
	fail=$((fail + 1))
}
# verdicts TOOL FILE ROWS: inspect_check.py's lines counted, each case once
# shellcheck source=verdicts.sh
. "$src/tests/cli/verdicts.sh"
check=$src/tests/cli/inspect_check.py
# The captures made here (gen.py's files, the libpcap misreads, 1,000 runs), in
# one python3 process; the JSON checks are queued and run in one at the end.
python3 "$check" make "$caps" "$tmp" || bad "inspect_check.py make: the captures were not made"
json_check() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$tmp/checks"; } # LABEL KIND FILE

# name (expected/NAME.out), exit, exact stderr ("" for none), arguments
while IFS='|' read -r name want experr args; do
	[[ -z "$name" || "$name" == \#* ]] && continue
	read -r -a argv <<<"$args"
	timeout 20 "$bin" inspect "${argv[@]}" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[[ "$update" == --update ]] && cp "$tmp/out" "expected/$name.out"
	if [[ $rc -ne $want ]]; then
		bad "$name: exit $rc, want $want: $(cat "$tmp/err")"
	elif [[ "$(cat "$tmp/err")" != "$experr" ]]; then
		bad "$name: stderr '$(cat "$tmp/err")', want '$experr'"
	elif ! diff -u "expected/$name.out" "$tmp/out" >"$tmp/diff"; then
		bad "$name: stdout differs"
		cat "$tmp/diff"
	else
		ok
	fi
done <<'EOF'
# what probe --pcap writes, and tcpdump beside it (captures/record-real.sh)
real-v4|0||real-v4.pcap
real-v6|0||real-v6.pcap
real-ether|0||real-ether.pcap
real-any|0||real-any.pcap
real-any-sll1|0||real-any-sll1.pcap
real-any-json|0||--json real-any.pcap
# synthetic (captures/gen.py): every link type, and noise
raw-v4|0||raw-v4.pcap
raw-v4-quiet|0||-q raw-v4.pcap
raw-v4-json|0||--json raw-v4.pcap
raw-v4-pcapng|0||raw-v4.pcapng
raw-v6|0||raw-v6.pcap
ipv4-linktype|0||ipv4-linktype.pcap
ipv6-linktype|0||ipv6-linktype.pcap
ether-vlan|0||ether-vlan.pcap
sll-v6|0||sll-v6.pcap
sll2-v4|0||sll2-v4.pcap
swapped-be|0||swapped-be.pcap
snapped|0||snapped.pcap
blackhole|0||blackhole.pcap
lying|0||lying.pcap
lying-json|0||--json lying.pcap
# other tools' DF probes, in captures without mtuprobe's (captures/record-foreign.sh)
real-ping|0||real-ping.pcap
real-ping-json|0||--json real-ping.pcap
real-ping6|0||real-ping6.pcap
real-tracepath|0||real-tracepath.pcap
real-tracepath-json|0||--json real-tracepath.pcap
# and synthetic (gen.py): Windows ping -f -l, answers that do not fit, a DF ping among noise
windows-ping|0||windows-ping.pcap
windows-ping-json|0||--json windows-ping.pcap
foreign-mismatch|0||foreign-mismatch.pcap
foreign-mismatch-json|0||--json foreign-mismatch.pcap
no-probes|0||no-probes.pcap
# six hand-stepped runs of ping -M do -c 1 -s N, merged into one search (captures/record-handstep.sh)
handstep-ping|0||handstep-ping.pcap
handstep-ping-quiet|0||-q handstep-ping.pcap
handstep-ping-json|0||--json handstep-ping.pcap
handstep-silent|0||handstep-silent.pcap
handstep-silent-quiet|0||-q handstep-silent.pcap
handstep-silent-json|0||--json handstep-silent.pcap
# damaged after good records: what was read, then one line and exit 2
cut-mid-record|2|mtuprobe inspect: record 3 is cut short: the file ends inside it|cut-mid-record.pcap
cut-mid-record-json|2|mtuprobe inspect: record 3 is cut short: the file ends inside it|--json cut-mid-record.pcap
cut-record-header|2|mtuprobe inspect: record 2 is cut short: the file ends inside it|-q cut-record-header.pcap
caplen-over-len-late|2|mtuprobe inspect: record 2 is damaged: it holds 1454 bytes of a 100-byte packet|caplen-over-len-late.pcap
cut-mid-block|2|mtuprobe inspect: record 2 is cut short: the file ends inside it|cut-mid-block.pcapng
bad-trailer|2|mtuprobe inspect: record 2 is damaged: its block lengths disagree|-q bad-trailer.pcapng
EOF

# The answer for the hand-stepped runs, spelt out here too: -q is that one
# line per target, and the full output opens with it. With "too big"s
# delivered it rests on them; with them dropped (PMTU black hole), on silence.
answer_is() {
	local f=$1 want=$2 out
	out=$("$bin" inspect -q "$f" 2>&1)
	[[ "$out" == "$want" ]] && ok || bad "$f -q: '$out', want '$want'"
	out=$("$bin" inspect "$f" 2>&1 | head -2)
	[[ "$out" == "$f: link type EN10MB, 6 probe streams"$'\n'"$want" ]] && ok ||
		bad "$f head: '$out'"
}
answer_is handstep-ping.pcap \
	"path MTU to 203.0.113.2: 1400 (largest DF echo answered; 1401 'too big' from 192.0.2.1)"
answer_is handstep-silent.pcap \
	"path MTU to 203.0.113.2: 1400 (largest DF echo answered; 1401 to 1500 never answered (4 sizes): silence, not proof)"

# Standard input (inspect -): a pipe and a redirected file give what the file
# gives, named (stdin); a damaged stream the same message and exit status.
for f in raw-v4.pcap real-tracepath.pcap windows-ping.pcap; do
	"$bin" inspect --json "$f" | sed 's/"file":"[^"]*"/"file":"(stdin)"/' >"$tmp/want"
	for how in pipe redirect; do
		if [[ $how == pipe ]]; then
			cat "$f" | timeout 20 "$bin" inspect --json - >"$tmp/out" 2>"$tmp/err"
		else
			timeout 20 "$bin" inspect --json - <"$f" >"$tmp/out" 2>"$tmp/err"
		fi
		rc=$?
		[[ $rc -eq 0 && ! -s "$tmp/err" ]] && cmp -s "$tmp/want" "$tmp/out" && ok ||
			bad "stdin ($how) $f: exit $rc, $(head -c 300 "$tmp/err")"
	done
done
for f in empty.pcap garbage.pcap short-header.pcap huge-caplen.pcap cut-mid-record.pcap \
	bad-trailer.pcapng nothing.pcap header-only.pcap; do
	"$bin" inspect "$f" >"$tmp/want" 2>"$tmp/wanterr"
	want=$?
	cat "$f" | timeout 20 "$bin" inspect - >"$tmp/out" 2>"$tmp/err"
	rc=$?
	sed -i "s/^$f:/(stdin):/" "$tmp/want"
	[[ $rc -eq $want ]] && cmp -s "$tmp/want" "$tmp/out" && cmp -s "$tmp/wanterr" "$tmp/err" && ok ||
		bad "stdin $f: exit $rc (file: $want), stderr $(cat "$tmp/err")"
done

# Files libpcap misreads (issue 20), made by inspect_check.py make from gen.py's
# packets: a pcap whose header gives a snap length of 100 while its records hold
# whole packets (libpcap cut each to 100 bytes and every answer looked "cut short
# by the snap length"), and a pcapng whose second section is big-endian (each
# section has its own byte order; libpcap reads the next block length in the
# first one's and we said "impossible block length"). What was read before is
# printed, then one line and exit 2.
misread_is() {
	local f=$1 want=$2 out
	timeout 20 "$bin" inspect -q "$tmp/$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[[ $rc -eq 2 && "$(cat "$tmp/err")" == "mtuprobe inspect: $want" ]] && ok ||
		bad "$f: exit $rc, stderr '$(cat "$tmp/err")', want 'mtuprobe inspect: $want'"
}
misread_is snaplen-header.pcap "record 1 holds 1400 bytes, more than the snap length of 100 the file header gives: the header is wrong, and libpcap cuts every such record to 100 bytes"
misread_is two-orders.pcapng "record 3 begins a pcapng section in the other byte order, which libpcap cannot read after the first: rewrite the file in one byte order (editcap FILE NEW.pcapng) and inspect that"
[[ "$(cat "$tmp/out")" == "path MTU to 203.0.113.50: at most 1374 (no DF echo answered; 1400 'too big' from 192.0.2.1 with mtu 1374; the capture breaks off, so answers may be missing)" ]] &&
	ok || bad "two-orders.pcapng: what was read before the second section: '$(cat "$tmp/out")'"

# The JSON: parses, and has exactly the documented keys (mtuprobe(1), INSPECT):
# inspect_check.py's schema, for each file.
mkdir "$tmp/json"
for f in raw-v4.pcap lying.pcap snapped.pcap real-any.pcap cut-mid-record.pcap \
	real-ping.pcap real-tracepath.pcap foreign-mismatch.pcap handstep-ping.pcap \
	handstep-silent.pcap blackhole.pcap; do
	"$bin" inspect --json "$f" >"$tmp/json/$f" 2>/dev/null
	json_check "json schema: $f" schema "$tmp/json/$f"
done

# The synthetic files are what gen.py makes (no hand-edited fixture drifts).
n=0
for f in "$tmp/gen"/*; do
	[[ -e $f ]] || continue
	n=$((n + 1))
	cmp -s "$f" "${f##*/}" && ok || bad "gen.py no longer makes ${f##*/}"
done
[[ $n -gt 0 ]] || bad "gen.py made no file"

# No stream is left out (issue 20: of 989 runs, inspect followed 16 and said
# nothing): 1,000 runs of probe --interval in one capture (inspect_check.py make),
# each a new ident and cookie, every one followed, every record matched, one
# target of 1,000 runs.
timeout 60 "$bin" inspect --json "$tmp/runs.pcap" >"$tmp/runs.json" 2>"$tmp/err"
rc=$?
[[ $rc -eq 0 && ! -s "$tmp/err" ]] && json_check "1,000 runs" runs "$tmp/runs.json" ||
	bad "1,000 runs: exit $rc $(head -c 300 "$tmp/err")"
head=$("$bin" inspect "$tmp/runs.pcap" 2>/dev/null | head -1)
[[ "$head" == "$tmp/runs.pcap: link type RAW, 1000 probe streams" ]] && ok || bad "1,000 runs: text head '$head'"

# Damaged copies of good files, every cut and a byte overwritten: exit 0, 1 or
# 2; at most one stderr line, ours; within 20 s (inspect_check.py damaged: about
# 1,350 cases, 2 at a time).
python3 "$check" damaged "$bin" "$tmp" raw-v4.pcap raw-v4.pcapng ether-vlan.pcap sll2-v4.pcap >"$tmp/damaged"
verdicts "inspect_check.py damaged" "$tmp/damaged" -

# A FIFO with no writer must not block the open.
mkfifo "$tmp/fifo"
out=$(timeout 5 "$bin" inspect "$tmp/fifo" 2>&1)
[[ $? -eq 2 && "$out" == "mtuprobe inspect: $tmp/fifo is not a regular file (inspect reads a capture file twice)" ]] &&
	ok || bad "fifo: $out"

# libpcap's own words for what it refuses at open: ours as a prefix, exit 2.
for f in archaic.pcap bad-block.pcapng; do
	out=$("$bin" inspect "$f" 2>&1 >/dev/null)
	[[ $? -eq 2 && "$out" == "mtuprobe inspect: libpcap cannot read the file: "* ]] && ok || bad "$f: $out"
done

# The JSON documents queued above, in one process.
python3 "$check" check "$tmp/checks" >"$tmp/verdicts"
verdicts "inspect_check.py check" "$tmp/verdicts" "$(wc -l <"$tmp/checks")"

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
