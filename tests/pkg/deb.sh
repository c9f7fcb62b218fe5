#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The Debian package as a user gets it: scripts/deb builds it, lintian must
# report no error and no warning, and dpkg installs it into an empty root
# (dpkg --root, maintainer script run outside a chroot with DPKG_ROOT set).
# Then the installed files, the capability, the binary and the completion.
# usage: deb.sh SOURCE_ROOT WORKDIR. Needs root (dpkg --root, setcap): 77 otherwise.
set -euo pipefail
src=$1 work=$2
[[ $(id -u) -eq 0 ]] || { echo "skip: needs root (dpkg --root, setcap)"; exit 77; }
for t in dpkg-deb dpkg-shlibdeps lintian setcap getcap readelf; do
	command -v "$t" >/dev/null || { echo "skip: $t not installed (scripts/deps)"; exit 77; }
done
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

rm -rf "$work" && mkdir -p "$work"
root="$work/installed"
cleanup() { rm -rf "$root"; }
trap cleanup EXIT

deb=$("$src/scripts/deb" "$work/out" | tail -1)
version=$(sed -n "s/^ *version *: *'\([^']*\)'.*/\1/p" "$src/meson.build" | head -1)
[[ $(basename "$deb") == "mtuprobe_${version}-1_$(dpkg --print-architecture).deb" ]] &&
	ok "built $(basename "$deb")" || fail "package name: $deb"

# lintian: every tag shown (info, pedantic, experimental, overrides) for the
# log; the exit status counts errors and warnings that are not overridden.
lintian -I --pedantic --display-experimental --show-overrides "$deb" 2>/dev/null | sed 's/^/lintian: /' || true
if lintian -I --pedantic --display-experimental --fail-on error,warning "$deb" >/dev/null 2>&1; then
	ok "lintian: no errors, no warnings"
else
	fail "lintian reports errors or warnings"
fi

# Control fields.
ctl=$(dpkg-deb -f "$deb")
grep -qE '^Depends: .*libc6 .*libnet1 .*libpcap0.8' <<<"$ctl" && ok "Depends from dpkg-shlibdeps" ||
	fail "Depends: $(grep ^Depends <<<"$ctl")"
grep -qx 'Recommends: libcap2-bin, bash-completion' <<<"$ctl" && ok "Recommends: libcap2-bin, bash-completion" || fail "no Recommends: libcap2-bin, bash-completion"

# The binary: stripped, and built with Debian's hardening flags.
x="$work/x" && rm -rf "$x" && dpkg-deb -x "$deb" "$x"
bin="$x/usr/bin/mtuprobe"
# (readelf's output is kept first: grep -q would end a pipe early, and
# pipefail would read readelf's SIGPIPE as a failed check.)
sections=$(readelf -SW "$bin") header=$(readelf -hW "$bin") segments=$(readelf -lW "$bin")
dynamic=$(readelf -dW "$bin") dynsyms=$(readelf -W --dyn-syms "$bin")
grep -q '\.symtab' <<<"$sections" && fail "binary not stripped" || ok "binary stripped"
grep -q 'DYN (Position-Independent' <<<"$header" && ok "PIE" || fail "not PIE"
grep -q GNU_RELRO <<<"$segments" && ok "RELRO" || fail "no RELRO"
grep -qE 'BIND_NOW|FLAGS.*NOW' <<<"$dynamic" && ok "BIND_NOW" || fail "no BIND_NOW"
grep -q '__stack_chk_fail' <<<"$dynsyms" && ok "stack protector" || fail "no stack protector"
grep -qE '__[a-z]+_chk@' <<<"$dynsyms" && ok "_FORTIFY_SOURCE" || fail "no fortified calls"

# Install into an empty root.
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
# The root holds no libc6, libnet1 or libpcap0.8: the host's serve.
if dpkg --root="$root" --force-script-chrootless --force-depends -i "$deb" >"$work/dpkg.log" 2>&1; then
	ok "dpkg --root -i"
else
	cat "$work/dpkg.log"; fail "dpkg --root -i"
fi
[[ $(dpkg-query --root="$root" -W -f='${Status}' mtuprobe) == "install ok installed" ]] &&
	ok "status: install ok installed" || fail "status: $(dpkg-query --root="$root" -W -f='${Status}' mtuprobe)"
want="/usr/bin/mtuprobe
/usr/share/bash-completion/completions/mtuprobe
/usr/share/doc/mtuprobe/README.ja.md.gz
/usr/share/doc/mtuprobe/README.md.gz
/usr/share/doc/mtuprobe/changelog.Debian.gz
/usr/share/doc/mtuprobe/copyright
/usr/share/doc/mtuprobe/field-cases.md.gz
/usr/share/fish/vendor_completions.d/mtuprobe.fish
/usr/share/lintian/overrides/mtuprobe
/usr/share/locale/ja/LC_MESSAGES/mtuprobe.mo
/usr/share/man/ja/man1/mtuprobe.1.gz
/usr/share/man/man1/mtuprobe.1.gz
/usr/share/zsh/vendor-completions/_mtuprobe"
got=$(dpkg-query --root="$root" -L mtuprobe | while read -r f; do [[ -f $root$f ]] && echo "$f"; done | sort)
[[ $got == "$want" ]] && ok "installed files" || fail "installed files differ:"$'\n'"$(diff <(echo "$want") <(echo "$got"))"
(cd "$root" && md5sum --quiet -c var/lib/dpkg/info/mtuprobe.md5sums) && ok "md5sums match" || fail "md5sums"
[[ $(stat -c '%U:%G %a' "$root/usr/bin/mtuprobe") == "root:root 755" ]] && ok "binary root:root 0755" ||
	fail "binary $(stat -c '%U:%G %a' "$root/usr/bin/mtuprobe")"
[[ $(getcap "$root/usr/bin/mtuprobe") == *cap_net_raw=ep* ]] && ok "postinst set cap_net_raw=ep" ||
	fail "capability: '$(getcap "$root/usr/bin/mtuprobe")'"
grep -q '^License: BSD-2-Clause' "$root/usr/share/doc/mtuprobe/copyright" &&
	grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' "$root/usr/share/doc/mtuprobe/copyright" &&
	ok "machine-readable copyright" || fail "copyright"
man=$(zcat "$root/usr/share/man/man1/mtuprobe.1.gz") && grep -q "^\.Sh NAME" <<<"$man" && ok "man page gzipped, readable" || fail "man page"
# The Japanese page where man -L ja looks (mandir/ja/man1), in Japanese.
man=$(zcat "$root/usr/share/man/ja/man1/mtuprobe.1.gz") && grep -q "^\.Sh NAME" <<<"$man" && grep -q '経路MTU' <<<"$man" &&
	ok "Japanese man page gzipped, readable" || fail "Japanese man page"

# The postinst without setcap: says so on stderr, does not fail the install.
setcap -r "$root/usr/bin/mtuprobe"
msg=$(env -i PATH=/nonexistent DPKG_ROOT="$root" /bin/sh "$root/var/lib/dpkg/info/mtuprobe.postinst" configure 2>&1) &&
	[[ $msg == *"setcap not found (install libcap2-bin)"* ]] && [[ -z $(getcap "$root/usr/bin/mtuprobe") ]] &&
	ok "postinst without setcap: warns, exit 0" || fail "postinst without setcap: '$msg'"

# The installed binary works.
out=$("$root/usr/bin/mtuprobe" calc --line flets-pppoe --esp aes128-sha1 --nat-t --vendor none 2>&1) || fail "calc exit $?"
grep -q 'tunnel MTU   1374   MSS IPv4 1334   MSS IPv6 1314' <<<"$out" && ok "installed calc --line flets-pppoe" ||
	fail "calc output:"$'\n'"$out"
[[ $("$root/usr/bin/mtuprobe" --version) == *"$version"* ]] && ok "--version $version" || fail "--version"
# The installed catalogue speaks Japanese (the capability was removed above,
# so MTUPROBE_LOCALEDIR is honoured; scripts/deps generates ja_JP.UTF-8).
out=$(LC_ALL= LANG=ja_JP.UTF-8 MTUPROBE_LOCALEDIR="$root/usr/share/locale" "$root/usr/bin/mtuprobe" calc --line flets-pppoe --vendor none 2>&1) &&
	grep -q '回線MTU: フレッツ PPPoE' <<<"$out" && ok "installed catalogue: calc in Japanese" || fail "calc under ja_JP.UTF-8:"$'\n'"$out"

# The completion: valid bash, and it completes.
comp="$root/usr/share/bash-completion/completions/mtuprobe"
bash -n "$comp" && ok "completion parses (bash -n)" || fail "completion: bash -n"
words=$(bash -c 'source "$1"; complete -p mtuprobe >/dev/null || exit 1
	for COMP_LINE in "mtuprobe probe --expect" "mtuprobe calc --line fl"; do
		COMP_POINT=${#COMP_LINE}; _mtuprobe; echo "${COMPREPLY[*]}"
	done' _ "$comp")
[[ $words == $'--expect-mtu\nflets-pppoe flets-premium-west' ]] && ok "completion completes options and presets" ||
	fail "completion gave: $words"

# Removal leaves nothing behind.
dpkg --root="$root" --force-script-chrootless --purge mtuprobe >>"$work/dpkg.log" 2>&1 && [[ ! -e $root/usr/bin/mtuprobe ]] &&
	ok "dpkg --purge" || fail "purge"

echo "$fails failed"
((fails == 0))
