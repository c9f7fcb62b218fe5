#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The completion scripts, run in each shell non-interactively: bash calls
# the completion function with COMP_LINE, fish answers `complete -C`, zsh
# completes inside a zpty with compadd recording its matches. Each row is
# a command line and the exact candidates; interface names come from this
# machine's /sys/class/net. Then an unknown shell is a usage error (exit 2).
# (An option without a completion row fails the generator, and so the build.)
# Usage: completion.sh MTUPROBE
set -uo pipefail
bin=$1
fail=0 pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

ifaces=$(ls /sys/class/net | sort | tr '\n' ' ')
rtx_ifaces=$(for i in $ifaces; do printf 'rtx=%s ' "$i"; done)
# line | expected candidates, sorted, space-separated
rows=(
	"mtuprobe pr|probe"
	"mtuprobe probe --meth|--method"
	"mtuprobe probe --method |auto icmp tcp udp"
	"mtuprobe calc --vendor rtx,i|rtx,ix"
	"mtuprobe audit --vendor |cisco-ios fortigate ipsec-conf ix junos routeros rtx strongswan vyos"
	"mtuprobe calc --esp aes256g|aes256gcm12 aes256gcm16 aes256gcm8"
	"mtuprobe calc --line fl|flets-pppoe flets-premium-west"
	"mtuprobe calc --wan-if rt|rtx="
	"mtuprobe calc --wan-if rtx=|$rtx_ifaces"
	"mtuprobe calc --stack ipv4,gre-k|ipv4,gre-key ipv4,gre-key-seq"
	"mtuprobe completion |bash fish zsh"
)
norm() { tr ' \t' '\n\n' | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//'; }

mkdir -p "$tmp/zsh"
"$bin" completion bash >"$tmp/bash" && "$bin" completion fish >"$tmp/fish" &&
	"$bin" completion zsh >"$tmp/zsh/_mtuprobe" || { echo "FAIL completion scripts not written"; exit 1; }
bash -n "$tmp/bash" && ok || bad "bash -n"

# bash: readline's word is what follows the last '=' or ':', so the
# candidates are compared with the value typed after them.
for row in "${rows[@]}"; do
	line=${row%%|*} want=$(norm <<<"${row#*|}")
	got=$(bash -c 'source "$1"; COMP_LINE=$2; COMP_POINT=${#2}; _mtuprobe 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}"' _ "$tmp/bash" "$line" | norm)
	w=$want
	[[ $line == *= ]] && w=$(for x in $want; do printf '%s ' "${x#*=}"; done | norm)
	[[ $got == "$w" ]] && ok || bad "bash '$line': got '$got', want '$w'"
done

if command -v fish >/dev/null; then
	fish -n "$tmp/fish" && ok || bad "fish -n"
	for row in "${rows[@]}"; do
		line=${row%%|*} want=$(norm <<<"${row#*|}")
		got=$(fish -N -c 'source $argv[1]; complete -C $argv[2]' "$tmp/fish" "$line" | cut -f1 | norm)
		[[ $got == "$want" ]] && ok || bad "fish '$line': got '$got', want '$want'"
	done
else
	bad "fish is not installed (scripts/deps installs it)"
fi

if command -v zsh >/dev/null; then
	zsh -n "$tmp/zsh/_mtuprobe" && ok || bad "zsh -n"
	cat >"$tmp/cap.zsh" <<'ZSH'
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT='>'; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "compadd() { local -a m; builtin compadd -O m \"\$@\"; print -rl -- \$m >>$3; builtin compadd \"\$@\"; }"
zpty -w z "zstyle ':completion:*' menu no"
zpty -w z "$2"$'\t'
# compinit and the completion itself take a moment in the pty; wait for
# the first match to be written, at most 5 s.
for i in {1..50}; do [[ -s $3 ]] && break; sleep 0.1; done
sleep 0.2
zpty -d z
ZSH
	for row in "${rows[@]}"; do
		line=${row%%|*} want=$(norm <<<"${row#*|}")
		rm -f "$tmp/zout"
		zsh -f "$tmp/cap.zsh" "$tmp/zsh" "$line" "$tmp/zout"
		got=$(norm <"$tmp/zout" 2>/dev/null)
		# zsh completes the part after '=' and ',' itself (compset -P).
		w=$want
		[[ $line == *= ]] && w=$(for x in $want; do printf '%s ' "${x#*=}"; done | norm)
		[[ $line == *,* ]] && w=$(for x in $want; do printf '%s ' "${x##*,}"; done | norm)
		# and adds a VENDOR's '=' as a suffix, not as part of the match.
		w=$(for x in $w; do printf '%s ' "${x%=}"; done | norm)
		[[ $got == "$w" ]] && ok || bad "zsh '$line': got '$got', want '$w'"
	done
else
	bad "zsh is not installed (scripts/deps installs it)"
fi

"$bin" completion tcsh >/dev/null 2>"$tmp/err"; rc=$?
[[ $rc == 2 && $(cat "$tmp/err") == "mtuprobe completion: usage: mtuprobe completion bash|zsh|fish" ]] && ok ||
	bad "completion tcsh: exit $rc, '$(cat "$tmp/err")'"

echo "completion: $pass passed, $fail failed"
((fail == 0))
