#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# audit contract tests: every case in cases.tsv (exact text output, exit
# code, and the --json findings by id and line), then hostile input: CRLF,
# standard input, a 10 MB file, a 1 MB line, a file over the 16 MB cap.
# Usage: run.sh MTUPROBE SRCDIR [--update]  (--update rewrites expected/*.out)
set -uo pipefail
# One locale for the goldens: descriptions print as the locale's charset allows
# (tests/cli/i18n.sh shows them in Japanese), messages in English.
export LC_ALL=C
bin=$1 src=$2 update=${3:-}
here=$src/tests/audit cfg=$src/tests/audit/configs
fail=0 pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

# Every --json document is checked by one check_json.py at the end (--batch):
# a row LABEL, FILE, expected findings per document, one verdict line each.
json_check() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$tmp/batch"; }
declare -A json_of # a case's arguments (as cases.tsv writes them): its --json document
mkdir "$tmp/json"
# verdicts TOOL FILE ROWS: the lines of a --batch run counted, each case once
# shellcheck source=../cli/verdicts.sh
. "$src/tests/cli/verdicts.sh"

while IFS=$'\t' read -r name want findings args; do
	[[ -z "$name" || "$name" == \#* ]] && continue
	eval "set -- $args"
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	expected="$here/expected/$name.out"
	# file names in the output are relative to the source tree
	sed -i "s|$cfg/|configs/|g" "$tmp/out"
	[[ "$update" == --update ]] && cp "$tmp/out" "$expected"
	if [[ $rc -ne $want || -s "$tmp/err" ]] || ! diff -u "$expected" "$tmp/out" >"$tmp/diff"; then
		bad "audit $name (exit $rc, want $want): mtuprobe $args"; cat "$tmp/diff" "$tmp/err"
		continue
	fi
	[[ " $* " == *" -q "* ]] && { ok; continue; }
	json=$tmp/json/$name.json
	"$bin" "$@" --json >"$json" 2>"$tmp/err"
	rc=$?
	if [[ $rc -ne $want || -s "$tmp/err" ]]; then
		bad "audit $name --json (exit $rc, want $want)"; cat "$tmp/err"
	else
		json_check "audit $name --json" "$json" "$findings"
		json_of[$args]=$json
	fi
done <"$here/cases.tsv"

# CRLF line endings and standard input: the same findings as the LF file.
"$bin" audit --peer aws --json "$cfg/aws-yamaha-crlf.conf" >"$tmp/crlf.json"
grep -q '"text":"ip tunnel tcp mss limit 1387"' "$tmp/crlf.json" &&
	json_check "CRLF config" "$tmp/crlf.json" \
		"mss-above-tunnel-mtu@28,mss-above-tunnel-mtu@56,outer-df-clear@21,outer-df-clear@50" ||
	bad "CRLF config: no 'ip tunnel tcp mss limit 1387' fix"
"$bin" audit --peer aws - <"$cfg/aws-yamaha.conf" >"$tmp/stdin.out"
sed "s|configs/aws-yamaha.conf|(stdin)|g" "$here/expected/aws-yamaha.out" | diff -u - "$tmp/stdin.out" && ok || bad "standard input"

# Empty standard input with a format given: exit 2, one line.
"$bin" audit --vendor strongswan - </dev/null >"$tmp/out" 2>"$tmp/err"
[[ $? -eq 2 && ! -s "$tmp/out" && "$(cat "$tmp/err")" == "mtuprobe audit: (stdin): the file is empty: expected a strongSwan swanctl.conf" ]] \
	&& ok || bad "empty stdin: $(cat "$tmp/err")"

# 10 MB: 300,000 commands the audit does not read, then AWS's sample; one
# pass, no quadratic work: it must finish well within the timeout (about a
# second; quadratic work takes minutes). The sanitizer pass of scripts/test
# runs the binary several times slower and says so in MTUPROBE_SLOW.
limit=$((20 * ${MTUPROBE_SLOW:-1}))
python3 -c "
import sys
sys.stdout.write('ip filter 1 pass * * * * *\n' * 380000)
sys.stdout.write(open('$cfg/aws-yamaha.conf').read())" >"$tmp/big.conf"
size=$(stat -c %s "$tmp/big.conf")
start=$(date +%s%N)
timeout "$limit" "$bin" audit --json "$tmp/big.conf" >"$tmp/big.json"
rc=$? ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [[ $rc -eq 5 && $size -gt 10000000 ]]; then
	json_check "10 MB config ($size bytes)" "$tmp/big.json" \
		"mss-above-tunnel-mtu@380028,mss-above-tunnel-mtu@380056,outer-df-clear@380021,outer-df-clear@380050"
	echo "10 MB config ($size bytes): ${ms} ms"
else
	bad "10 MB config (exit $rc, $size bytes, $ms ms)"
fi

# A hub of 10,000 VyOS peers, each a finding with a fix: the change set is
# one pass (it was a walk over every line per block and every finding per
# finding: about a minute here); about 3 s, far inside the limit.
python3 -c "
import sys
w = sys.stdout.write
w(\"set vpn ipsec esp-group ESP proposal 1 encryption 'aes256'\\n\")
w(\"set vpn ipsec esp-group ESP proposal 1 hash 'sha1'\\n\")
w(\"set vpn ipsec ike-group IKE proposal 1 encryption 'aes256'\\n\")
for i in range(10000):
    p = 'set vpn ipsec site-to-site peer 198.%d.%d.%d ' % (18 + i // 65025, i // 255 % 255, i % 255 + 1)
    for k in (\"authentication mode 'pre-shared-secret'\", \"ike-group 'IKE'\",
              \"default-esp-group 'ESP'\", \"local-address '203.0.113.1'\", \"vti bind 'vti%d'\" % i):
        w(p + k + '\\n')
    w(\"set interfaces vti vti%d mtu '1500'\\n\" % i)" >"$tmp/hub.conf"
start=$(date +%s%N)
timeout "$((30 * ${MTUPROBE_SLOW:-1}))" "$bin" audit --wan-mtu 1500 "$tmp/hub.conf" >"$tmp/hub.out"
rc=$? ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [[ $rc -eq 5 && "$(tail -1 "$tmp/hub.out")" == "20000 errors, 10000 warnings" ]] &&
	[[ $(grep -c "^set interfaces vti vti[0-9]* mtu 1438$" "$tmp/hub.out") -ge 10000 ]]; then
	ok
	echo "hub of 10000 peers: ${ms} ms"
else
	bad "hub of 10000 peers (exit $rc, $ms ms, last line: $(tail -1 "$tmp/hub.out"))"
fi

# A name longer than the tables keep (refused-swanctl-longnames.conf: two of 61
# bytes that begin alike for 60): refused with its line, exit 2, nothing on
# standard output, detected or named; never one connection made of two.
for v in "" strongswan; do
	"$bin" audit ${v:+--vendor "$v"} --peer aws "$cfg/refused-swanctl-longnames.conf" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [[ $rc -eq 2 && ! -s "$tmp/out" && $(wc -l <"$tmp/err") -eq 1 ]] &&
		grep -q ": line 6: the name 'aws-site-to-site-vpn-0123456789abcdef0-tokyo-primary-tunnel-1' is 61 bytes" "$tmp/err"; then
		ok
	else
		bad "long names ${v:-detected} (exit $rc): $(cat "$tmp/err")"
	fi
done

# Formats mtuprobe does not read: exit 2 naming the format, nothing on
# standard output, never an all-clear; also when --vendor names one we read.
while IFS=$'\t' read -r file name vendor; do
	[[ -z "$file" || "$file" == \#* ]] && continue
	"$bin" audit ${vendor:+--vendor "$vendor"} --peer aws "$cfg/$file" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [[ $rc -eq 2 && ! -s "$tmp/out" && "$(cat "$tmp/err")" == "mtuprobe audit: $cfg/$file: looks like $name (line "*"): not supported yet; supported: "* ]]; then
		ok
	else
		bad "foreign $file ${vendor:-detected} (exit $rc): $(cat "$tmp/err")"
	fi
done <<'FOREIGN'
foreign-cisco-asa.conf	Cisco ASA
foreign-cisco-asa.conf	Cisco ASA	cisco-ios
FOREIGN

# FortiOS pre-shared keys (set psksecret K, in clear or ENC): never in the
# text or JSON output, in an invalid line or a finding's quoted line. A
# template's placeholder ("${pre-shared-key}") is a name, not a key: the
# placeholder note may name it.
for f in "$cfg"/fortios-*.conf; do
	keys=$(sed -n 's/^[[:space:]]*set psksecret \(ENC \)\{0,1\}//p' "$f" | grep -v '^"\{0,1\}\${')
	grep -q '^[[:space:]]*set psksecret "\{0,1\}\${' "$f" && [[ -z "$keys" ]] && { ok; continue; }
	"$bin" audit --peer aws "$f" >"$tmp/out" 2>&1
	"$bin" audit --peer aws --json "$f" >>"$tmp/out" 2>&1
	leak=
	for k in $keys; do grep -qF -- "$k" "$tmp/out" && leak=$k; done
	[[ -n "$keys" && -z "$leak" ]] && ok || bad "FortiOS key printed or none found: $f ${leak:+($leak)}"
done

# A file whose lines mostly fail the grammar is refused, not audited: a
# few RTX words in a letter.
{ echo "tunnel select 1"; for i in $(seq 20); do echo "dear engineer, line $i of a letter"; done; } >"$tmp/letter.conf"
"$bin" audit "$tmp/letter.conf" >"$tmp/out" 2>"$tmp/err"
[[ $? -eq 2 && ! -s "$tmp/out" && "$(cat "$tmp/err")" == "mtuprobe audit: $tmp/letter.conf: not a Yamaha RTX config (show config): 20 of 21 command lines are not Yamaha RTX commands (line 2: dear engineer, line 1 of a letter)" ]] \
	&& ok || bad "mostly invalid: $(cat "$tmp/err")"

# Junos and VyOS: one configuration in set form and in the hierarchy
# (config/tree.c flattens both into the same paths) audits the same.
for pair in junos-aws junos-aws-mss junos-aws-nodpd junos-aws-noinit junos-aws-bgp \
	vyos-aws vyos-aws-mss vyos-aws-nodpd vyos-aws-noinit vyos-aws-bgp; do
	# the document of the golden case with these arguments, made once (a case
	# that failed has none: made here)
	printf 'forms %s' "$pair"
	for form in "$pair" "$pair-tree"; do
		json=${json_of[audit --peer aws \"\$cfg/$form.conf\"]:-}
		if [[ -z "$json" ]]; then
			json=$tmp/json/forms-$form.json
			"$bin" audit --peer aws --json "$cfg/$form.conf" >"$json"
		fi
		printf '\t%s' "$json"
	done
	echo
done >"$tmp/forms"
python3 "$here/forms.py" --batch "$tmp/forms" >"$tmp/forms.verdicts"
verdicts forms.py "$tmp/forms.verdicts" "$(wc -l <"$tmp/forms")"

# 60,000 tunnels (template names: no number range caps them) and 3,000
# clamped ones with a finding each: every table is indexed, so this is
# linear (about a second; a linear search per line took minutes). All of
# them are read: none dropped.
python3 -c "
import sys
w = sys.stdout.write
for i in range(60000): w('tunnel select <t%d>\nip tunnel mtu 1280\n' % i)
for i in range(1, 3001): w('tunnel select %d\nipsec tunnel %d\nipsec sa policy %d %d esp aes-cbc sha-hmac\nipsec ike keepalive use %d on dpd 10 3\nip tunnel tcp mss limit 1400\n' % (i, i, i, i, i))
w('ipsec auto refresh on\n')" >"$tmp/hub.conf"
timeout "$limit" "$bin" audit --json "$tmp/hub.conf" >"$tmp/hub.json"
rc=$?
if [[ $rc -eq 5 ]] && python3 -c "
import json, sys
d = json.load(open('$tmp/hub.json'))
ids = [f['id'] for f in d['findings']]
sys.exit(0 if len(d['tunnels']) == 63000 and ids.count('mss-above-tunnel-mtu') == 3000 else 1)"; then
	ok
else
	bad "63,000-tunnel hub (exit $rc): not every tunnel read, or too slow"
fi

# A 1 MB line (a pasted blob) is read as one invalid line, not a command.
{ printf '# RTX1210 Rev.14.01.38\n'; head -c 1048576 /dev/zero | tr '\0' 'x'; printf '\n'; cat "$cfg/field1-before.conf"; } >"$tmp/longline.conf"
"$bin" audit --json "$tmp/longline.conf" >"$tmp/long.json"
rc=$?
[[ $rc -eq 5 ]] && grep -q '"unread":3,' "$tmp/long.json" &&
	json_check "1 MB line" "$tmp/long.json" "mss-above-tunnel-mtu@20,invalid-line@2" ||
	bad "1 MB line (exit $rc)"

# Beyond the 16 MB cap: exit 2, one line.
head -c $((17 << 20)) /dev/zero | tr '\0' '#' >"$tmp/huge.conf"
"$bin" audit "$tmp/huge.conf" >"$tmp/out" 2>"$tmp/err"
[[ $? -eq 2 && ! -s "$tmp/out" && "$(cat "$tmp/err")" == "mtuprobe audit: $tmp/huge.conf is larger than 16 MB: not a router configuration" ]] \
	&& ok || bad "17 MB file: $(cat "$tmp/err")"

# The documents queued above, in one process.
python3 "$here/check_json.py" --batch "$tmp/batch" >"$tmp/verdicts"
verdicts check_json.py "$tmp/verdicts" "$(wc -l <"$tmp/batch")"

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
