#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# CLI contract tests: exact stdout for the golden cases, exact stderr and exit
# code for bad input. Usage: run.sh MTUPROBE SRCDIR [--update]
# --update rewrites the golden files; review the diff by hand before committing.
set -uo pipefail
bin=$1 src=$(cd "$2" && pwd) update=${3:-}
fail=0 pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

while IFS=$'\t' read -r name args; do
	[[ -z "$name" || "$name" == \#* ]] && continue
	eval "set -- $args"
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	golden="$src/tests/golden/$name.out"
	# stderr must be empty, or equal NAME.err where a case has one (-q and
	# --format value print the model's warnings there)
	goldenerr="$src/tests/golden/$name.err"
	[[ -f "$goldenerr" ]] || goldenerr=/dev/null
	if [[ "$update" == --update ]]; then cp "$tmp/out" "$golden"; [[ -s "$tmp/err" ]] && cp "$tmp/err" "$src/tests/golden/$name.err"; fi
	if [[ $rc -ne 0 ]] || ! diff -u "$goldenerr" "$tmp/err" >"$tmp/diff" || ! diff -u "$golden" "$tmp/out" >>"$tmp/diff"; then
		echo "FAIL golden $name (exit $rc): mtuprobe $args"; cat "$tmp/diff"; fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done <"$src/tests/cli/golden.tsv"

while IFS=$'\t' read -r want args expect; do
	[[ -z "$want" || "$want" == \#* ]] && continue
	eval "set -- $args"
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	got=$(sed "s|$src|/SRC|g" "$tmp/err")   # file names: relative to the tree
	if [[ $rc -ne $want || "$got" != "$expect" || -s "$tmp/out" ]]; then
		echo "FAIL bad input: mtuprobe $args"
		echo "  want exit $want: $expect"
		echo "  got  exit $rc: $got"
		[[ -s "$tmp/out" ]] && echo "  and stdout was not empty"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done <"$src/tests/cli/bad_input.tsv"

# Writes are checked: a report that cannot be written is exit 6 with one line.
for args in "calc --line ethernet" "calc --line ethernet --json" "calc --line ethernet -q" "--help"; do
	eval "set -- $args"
	"$bin" "$@" >/dev/full 2>"$tmp/err"
	rc=$?
	if [[ $rc -eq 6 && $(wc -l <"$tmp/err") -eq 1 ]] && grep -q "cannot write the report to standard output: No space left on device" "$tmp/err"; then
		pass=$((pass + 1))
	else
		echo "FAIL output: mtuprobe $args >/dev/full: exit $rc"; cat "$tmp/err"; fail=$((fail + 1))
	fi
	"$bin" "$@" >&- 2>"$tmp/err"
	rc=$?
	if [[ $rc -eq 6 ]] && grep -q "standard output is closed" "$tmp/err"; then
		pass=$((pass + 1))
	else
		echo "FAIL output: mtuprobe $args >&-: exit $rc"; cat "$tmp/err"; fail=$((fail + 1))
	fi
done

# A file name is data: ESC and newline are escaped in text, and JSON stays valid
# UTF-8 (issue 9): a Latin-1 byte becomes U+FFFD.
weird=$tmp/$'we\e[31mird\nname\xe9.pcap'
cp "$src/tests/cli/captures/raw-v4.pcap" "$weird"
if [[ "$("$bin" inspect "$weird" | head -1)" == "$tmp/we\x1b[31mird\x0aname"$'\xe9'".pcap: link type RAW, 2 probe streams" ]] &&
	"$bin" inspect --json "$weird" | python3 -c 'import json,sys; d=json.loads(sys.stdin.buffer.read().decode("utf-8")); sys.exit(0 if d["file"].endswith("we\x1b[31mird\nname\ufffd.pcap") else 1)'; then
	pass=$((pass + 1))
else
	echo "FAIL file names: control characters or invalid UTF-8 reach the output raw"; fail=$((fail + 1))
fi

# The completion script comes from the option table: it must complete real
# options and values, and bash must accept it.
complete_is() { # WANT WORDS...: the words after "mtuprobe", last one being completed
	local want=$1
	shift
	COMP_WORDS=(mtuprobe "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_mtuprobe
	if [[ "${COMPREPLY[*]}" == "$want" ]]; then
		pass=$((pass + 1))
	else
		echo "FAIL completion: mtuprobe $*<TAB> gave '${COMPREPLY[*]}', want '$want'"; fail=$((fail + 1))
	fi
}
if "$bin" completion bash >"$tmp/comp.bash" && bash -n "$tmp/comp.bash" && . "$tmp/comp.bash"; then
	complete_is "calc" ca
	complete_is "--line" calc --li
	complete_is "flets-pppoe flets-premium-west" calc --line fl
	complete_is "linux linux-iptables" calc --vendor li
	complete_is "rtx840 rtx830" probe --rtx-model rtx8
	complete_is "--max --max-hops --max-probes" probe --ma
	complete_is "" inspect --line
else
	echo "FAIL completion: mtuprobe completion bash did not produce a script bash accepts"; fail=$((fail + 1))
fi

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
