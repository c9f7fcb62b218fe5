# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=bash
# verdicts TOOL FILE ROWS: count the verdicts a checker run once over many
# cases wrote into FILE (tests/audit/check_json.py --batch, forms.py --batch,
# tests/cli/inspect_check.py): a line "ok<TAB>LABEL" calls the caller's ok,
# "bad<TAB>LABEL" its bad LABEL, an indented line (what was wrong with the
# case before) is shown. ROWS is the number of cases, or - when FILE says it
# in a line "rows<TAB>N" first. One process for a few hundred cases instead of
# one each (a python3 start costs about 0.2 s through a pyenv shim); a checker
# that stops early is a failure of its own, never fewer checks.
verdicts() {
	local tool=$1 file=$2 rows=$3 verdict label seen=0
	while IFS=$'\t' read -r verdict label; do
		case $verdict in
		ok) ok; seen=$((seen + 1)) ;;
		bad) bad "$label"; seen=$((seen + 1)) ;;
		rows) [[ $rows == - ]] && rows=$label ;;
		*) echo "$verdict" ;;
		esac
	done <"$file"
	[[ $rows != - && $seen -eq $rows ]] || bad "$tool stopped: $seen verdicts for ${rows/-/its} cases"
}
