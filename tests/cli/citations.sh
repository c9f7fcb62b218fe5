#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Every document a comment, a test, the manual, the README or an output line
# cites must be one a reader of this repository can open: no path outside it
# (the team's shared/ folder is not shipped), and every doc/NAME.md or bare
# NAME.md named exists in the tree. External documents are cited by their
# public repository (doc_source/... of awsdocs) or URL, which this does not
# check. Usage: citations.sh SRCDIR
set -uo pipefail
cd "$1" || exit 2
fail=0
# The published configurations and their fuzz seeds quote public paths
# (other repositories' .md files): they are sources, not citations of ours.
files=$(git ls-files src man tests scripts README.md README.ja.md HACKING.md meson.build 2>/dev/null |
	grep -vE '^tests/(audit/configs|fuzz/corpus)|^tests/cli/citations.sh$')
[[ -n "$files" ]] || { echo "FAIL no files to read"; exit 1; }

# 1. Nothing names the team's shared folder.
if out=$(grep -nIE '(^|[^A-Za-z0-9_])shared/(design|context)/' $files); then
	echo "FAIL cites a path outside the repository:"; echo "$out"; fail=1
fi
# 2. Each cited .md that is not a URL, an installed path or a file of
# AWS's documentation repository exists: doc/X.md from the top, X.md
# beside the citing file, in doc/ or at the top.
while IFS=: read -r file line token; do
	case $token in
	doc/*) [[ -f $token ]] && continue ;;
	*/*) [[ -f $(dirname "$file")/$token || -f $token ]] && continue ;;
	*) [[ -f $(dirname "$file")/$token || -f doc/$token || -f $token ]] && continue ;;
	esac
	echo "FAIL $file:$line cites $token, which is not in the repository"; fail=1
done < <(grep -noIE '(^|[^A-Za-z0-9_/.:$-])[A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)*\.md\b' $files |
	sed -E 's/^([^:]*):([0-9]+):[^A-Za-z0-9_.]*/\1:\2:/' | grep -vE ':[^:]*(doc_source/|^usr/)' | grep -vE ':usr/')
((fail)) && exit 1
echo "citations: every cited document is in the repository"
