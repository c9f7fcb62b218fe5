#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The manuals as the tools show them: man/mtuprobe.1 and man/ja/mtuprobe.1 lint
# clean with mandoc, the Japanese page renders, groff (as man(1) shows a page on
# Debian 12) prints no "BSD" volume header and no quote macro broken by nesting,
# and man --warnings (as lintian runs it) has nothing to say of the Japanese
# page. What the pages say (the same options, exit statuses, finding ids in
# both) is tests/cli/man_ja.py's. Skipped (77) without mandoc: scripts/deps
# installs it.
# Usage: man.sh SRCDIR
set -uo pipefail
src=$1
en=$src/man/mtuprobe.1 ja=$src/man/ja/mtuprobe.1
fail=0 pass=0
ok() { pass=$((pass + 1)); }
bad() {
	echo "FAIL $*"
	fail=$((fail + 1))
}

if ! command -v mandoc >/dev/null; then
	echo "SKIP: mandoc is not installed (scripts/deps installs it): the manuals are not linted"
	exit 77
fi

# STYLE messages, the operating system line mandoc cannot know, and the missing
# mandoc.db of a system without makewhatis are not faults of the page.
lint=$(mandoc -Tlint "$en" 2>&1 | grep -vE 'STYLE|operating system|mandoc.db')
[[ -z "$lint" ]] && ok || bad "mandoc -Tlint $en: $lint"
# The Japanese page: -Wwarning leaves STYLE out in mandoc itself (its long
# UTF-8 lines make many, whose lines a grep could split).
lint=$(mandoc -Tlint -Wwarning "$ja" 2>&1 | grep -v 'mandoc.db')
[[ -z "$lint" ]] && ok || bad "mandoc -Tlint -Wwarning $ja: $lint"
shown=$(mandoc -Tutf8 "$ja" 2>/dev/null)
[[ $? -eq 0 && "$shown" == *経路MTU* ]] && ok || bad "mandoc -Tutf8 did not render $ja"

# As man(1) shows it on Debian 12 (groff 1.22.4): no "BSD" volume header, and
# no quote macro broken by nesting (a `` or a quote left open before a comma).
if command -v groff >/dev/null && command -v preconv >/dev/null; then
	for page in "$en" "$ja"; do
		# preconv: what man-db runs first, for the Japanese page's UTF-8
		shown=$(preconv "$page" | groff -mandoc -Tutf8 -P-c 2>&1)
		if grep -q 'BSD General Commands Manual' <<<"$shown"; then
			bad "groff: the BSD volume header in $page"
		elif broken=$(grep -nE "\`\`|''|‘[^’]*, ‘" <<<"$shown"); then
			bad "groff: broken quotes in $page: $broken"
		else
			ok
		fi
	done
else
	echo "note: groff or preconv not installed: the pages as man(1) shows them not checked"
fi

# As lintian runs man on it (manpage-has-errors-from-man): groff 1.22.4 cannot
# break a Japanese run without a break point, and says so at 80 columns.
if command -v man >/dev/null && command -v groff >/dev/null; then
	err=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$ja" 2>&1 >/dev/null)
	rc=$?
	[[ $rc -eq 0 && -z "${err//[[:space:]]/}" ]] && ok || bad "man --warnings $ja (as lintian runs it), exit $rc: $err"
else
	echo "note: man or groff not installed: groff's warnings (lintian's) not checked"
fi

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
