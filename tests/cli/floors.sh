#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The floors of HACKING.md ("Floors, and what each may include"), read off
# the #include lines: a floor includes only the floors below it, so no two
# floors include each other. Usage: floors.sh SRCDIR
set -uo pipefail
cd "$1/src" || exit 2
# floor: the floors it may include (base is below all of them).
declare -A may=(
	[base]=""
	[config]="base"
	[core]="base config"
	[wire]="base core"
	[probe]="base core wire"
	[inspect]="base core wire"
	[io]="base core probe wire"
	[render]="base core probe wire inspect"
	[cli]="base config core wire probe inspect io render"
)
fail=0
for floor in "${!may[@]}"; do
	[[ -d $floor ]] || { echo "FAIL src/$floor: no such floor"; fail=1; continue; }
	while IFS=: read -r file line what; do
		inc=${what#*\"}; inc=${inc%%\"*}
		dir=${inc%%/*}
		[[ $inc == */* ]] || dir=""
		# the build's own config.h (version, locale directory): the edge only
		[[ -z $dir && $inc == config.h && ($floor == render || $floor == cli) ]] && continue
		[[ $dir == "$floor" ]] && continue
		[[ " ${may[$floor]} " == *" $dir "* ]] && continue
		echo "FAIL src/$file:$line: $floor/ includes \"$inc\" (may include: ${may[$floor]:-nothing of ours})"
		fail=1
	done < <(grep -Hn '^#include "' $floor/*.[ch])
done
[[ $fail -eq 0 ]] && echo "ok every floor includes only the floors below it"
exit $fail
