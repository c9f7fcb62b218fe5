#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Messages in Japanese (po/ja.po), and what must not change with the locale.
#  1. The catalogue compiles (msgfmt --check) with every message translated,
#     none fuzzy; and every string the sources mark (xgettext, as po/meson.build
#     runs it) has a translation: a new _() without one fails here.
#  2. Golden runs under LANG=ja_JP.UTF-8 (tests/golden/ja/NAME.ja) and the
#     same runs under LC_ALL=C (NAME.en): exact stdout+stderr and exit code.
#     The system's own words (gai_strerror, strerror) follow the locale too.
#  3. --json, --format value and router lines are byte-identical in both.
#  4. No English word escapes translation in the .ja goldens: every ASCII word
#     of three letters or more is an option, a value, a command, a protocol
#     or a name from the allowlist below.
# Name lookups and probes run in a network namespace of their own with no
# interface up (unshare -n): nothing leaves the machine.
# Usage: i18n.sh MTUPROBE SRCDIR LOCALEDIR [--update]
set -uo pipefail
bin=$1 src=$(cd "$2" && pwd) localedir=$3 update=${4:-}
fail=0 pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
export MTUPROBE_LOCALEDIR=$localedir
unset LANGUAGE LC_MESSAGES LC_ALL MTUPROBE_VENDOR
# Not the user's defaults; a path nobody (no-privilege) may look up too.
export XDG_CONFIG_HOME=/nonexistent/mtuprobe-i18n-test

if ! locale -a 2>/dev/null | grep -qix 'ja_JP.utf-\?8'; then
	echo "SKIP: the ja_JP.UTF-8 locale is not generated (scripts/deps generates it)"; exit 77
fi

# 1. The catalogue.
stats=$(msgfmt --check --statistics -o "$tmp/ja.mo" "$src/po/ja.po" 2>&1)
[[ $stats =~ ^[0-9]+\ translated\ messages\.$ ]] && ok || bad "msgfmt: $stats"
(cd "$src" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=NL:1,2 --add-comments=TRANSLATORS: \
	-f po/POTFILES -o "$tmp/now.pot") || bad "xgettext"
msgmerge -q --no-fuzzy-matching -o "$tmp/merged.po" "$src/po/ja.po" "$tmp/now.pot" 2>/dev/null || bad "msgmerge"
stats=$(msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
[[ $stats =~ ^[0-9]+\ translated\ messages\.$ ]] && ok ||
	bad "a marked string has no Japanese translation ($stats): run meson compile mtuprobe-update-po, translate po/ja.po"
# Every file with a marked string is in POTFILES.
for f in $(cd "$src" && grep -lE '\b_\("|\bN_\("' src/*/*.c); do
	grep -qx "$f" "$src/po/POTFILES" && ok || bad "$f marks strings but is not in po/POTFILES"
done

# 2. Goldens: NAME, how it runs (netns: in an empty network namespace;
# noraw: and without CAP_NET_RAW), arguments.
cases=(
	"help|-|--help"
	"calc-help|-|calc --help"
	"probe-help|-|probe --help"
	"audit-help|-|audit --help"
	"unknown-preset|-|calc --line fletz"
	"bad-option|-|calc --bogus"
	"bad-number|-|calc --wan-mtu 99999"
	"unknown-host|netns|probe -4 host.invalid"
	"not-unicast|-|probe 224.0.0.1"
	"no-route|netns|probe -4 --format measured 192.0.2.1"
	"no-privilege|noraw|probe -4 192.0.2.1"
	"calc-report|-|calc --line flets-pppoe --esp aes128-sha1 --nat-t --peer aws --vendor none"
	"calc-ping|-|calc --ping-payload 1252 --esp aes256gcm16 --vendor none"
	"calc-quiet|-|calc --line flets-pppoe --esp aes128-sha1 --nat-t --peer aws --vendor rtx -q"
	"line-list|-|calc --line list"
	"audit-sjis|-|audit --peer aws $src/tests/audit/configs/rtx-sjis-desc.conf"
	"audit-sjis-json|-|audit --json --peer aws $src/tests/audit/configs/rtx-sjis-desc.conf"
	"audit-peer-field2|-|audit --peer-config $src/tests/audit/peer/defaults.json $src/tests/audit/peer/rtx-field2.conf"
	"audit-peer-xml-truncated|-|audit --peer-config $src/tests/audit/peer/truncated.xml $src/tests/audit/peer/rtx-good.conf"
	"audit-line-from|-|audit --peer aws $src/tests/audit/configs/rtx-pppoe-aws.conf"
	"audit-wan-mtu|-|audit --peer aws --wan-mtu 1400 $src/tests/audit/configs/rtx-pppoe-aws.conf"
	"audit-esp-model|-|audit --peer aws --wan-mtu 80 $src/tests/audit/configs/swanctl-aws-gcm-integrity.conf"
	"audit-invalid|-|audit $src/tests/audit/configs/unknown-commands.conf"
	"audit-invalid-typo|-|audit --peer aws $src/tests/audit/configs/aws-yamaha-typo.conf"
	"audit-undefined-ix|-|audit --peer aws $src/tests/audit/configs/ix-profiles.conf"
	"audit-undefined-ipsecconf|-|audit --peer aws $src/tests/audit/configs/ipsecconf-bad.conf"
	"audit-undefined-vyos|-|audit --peer aws $src/tests/audit/configs/vyos-bad.conf"
	"audit-kind-l2tpv3|-|audit $src/tests/audit/configs/rtx-l2tpv3.conf"
	"audit-kind-mape|-|audit $src/tests/audit/configs/rtx-mape.conf"
	"inspect-blackhole|-|inspect $src/tests/cli/captures/blackhole.pcap"
	"inspect-tracepath|-|inspect $src/tests/cli/captures/real-tracepath.pcap"
	"esp-unknown|-|calc --wan-mtu 1500 --esp foo"
	"esp-no-integrity|-|calc --wan-mtu 1500 --esp aes128"
	"stack-unknown|-|calc --wan-mtu 1500 --stack bogus"
	"stack-no-esp|-|calc --wan-mtu 1500 --stack ipv4,esp"
	"stack-no-room|-|calc --wan-mtu 100 --esp aes256-sha512 --nat-t"
	"not-config|-|audit - <$src/tests/audit/configs/garbage.bin"
	"not-format|-|audit --vendor ix $src/tests/audit/configs/aws-yamaha.conf"
	"audit-empty|-|audit $src/tests/audit/configs/empty.conf"
	"audit-empty-vendor|-|audit --vendor strongswan - </dev/null"
	"audit-foreign|-|audit $src/tests/audit/configs/foreign-cisco-asa.conf"
	"audit-name-cut|-|audit $src/tests/audit/configs/refused-swanctl-longnames.conf"
	"audit-not-fit|-|audit $src/tests/cli/not-fit.conf"
	"inspect-not-regular|-|inspect /dev/null"
	"inspect-not-pcap|-|inspect $src/tests/cli/captures/garbage.pcap"
	"inspect-empty|-|inspect $src/tests/cli/captures/empty.pcap"
	"inspect-cut|-|inspect $src/tests/cli/captures/cut-mid-record.pcap"
)
run() { # how args...
	local how=$1; shift
	case $how in
	-) "$bin" "$@" ;;
	netns) unshare -n "$bin" "$@" ;;
	noraw) unshare -n setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		--bounding-set=-net_raw "$bin" "$@" ;;
	esac
}
for row in "${cases[@]}"; do
	IFS='|' read -r name how args <<<"$row"
	if [[ $how != - ]] && [[ $(id -u) -ne 0 ]]; then continue; fi
	for lang in ja en; do
		if [[ $lang == ja ]]; then
			(export LANG=ja_JP.UTF-8; eval "run $how $args") >"$tmp/out" 2>&1
		else
			(export LANG=ja_JP.UTF-8 LC_ALL=C; eval "run $how $args") >"$tmp/out" 2>&1
		fi
		echo "exit $?" >>"$tmp/out"
		sed -i -e "s|$(realpath "$bin")|mtuprobe|g" -e "s|$bin|mtuprobe|g" -e "s|$src/||g" "$tmp/out"
		golden=$src/tests/golden/ja/$name.$lang
		[[ $update == --update ]] && cp "$tmp/out" "$golden"
		diff -u "$golden" "$tmp/out" >"$tmp/diff" && ok || { bad "$name ($lang)"; cat "$tmp/diff"; }
	done
done
# A lab probe, clean and through a PMTU black hole (root: network
# namespaces of its own, scripts/lab, removed on exit): the times in the
# statistics line vary from run to run and are left out. A third field is
# more of probe's options (--locate: its hops and finding, worded by
# render/locate_words.c).
labs=(
	"probe-clean|--wan-mtu 1454"
	"probe-blackhole|--wan-mtu 1454 --blackhole"
	"probe-locate-blackhole|--wan-mtu 1454 --blackhole|--locate"
)
lab_ids=()
lab_down() { for id in "${lab_ids[@]}"; do "$src/scripts/lab" down "$id" >/dev/null 2>&1; done; }
trap 'lab_down; rm -rf "$tmp"' EXIT
if [[ $(id -u) -eq 0 ]] && ip netns list >/dev/null 2>&1; then
	for row in "${labs[@]}"; do
		IFS='|' read -r name up more <<<"$row"
		# shellcheck disable=SC2086 # the switches split on purpose
		if ! env=$("$src/scripts/lab" up --prefix "i18n$$" $up 2>"$tmp/lab.err"); then
			bad "$name: scripts/lab up $up: $(head -3 "$tmp/lab.err")"
			continue
		fi
		eval "$env"
		lab_ids+=("$LAB_ID")
		for lang in ja en; do
			"$src/scripts/lab" flush "$LAB_ID" >/dev/null 2>&1
			# shellcheck disable=SC2086 # $more splits on purpose
			if [[ $lang == ja ]]; then
				(export LANG=ja_JP.UTF-8; ip netns exec "$LAB_CLIENT" "$bin" probe -4 --vendor none $more "$LAB_WAN_PEER_V4") >"$tmp/out" 2>&1
			else
				(export LANG=ja_JP.UTF-8 LC_ALL=C; ip netns exec "$LAB_CLIENT" "$bin" probe -4 --vendor none $more "$LAB_WAN_PEER_V4") >"$tmp/out" 2>&1
			fi
			echo "exit $?" >>"$tmp/out"
			sed -i -E -e "s|$(realpath "$bin")|mtuprobe|g" -e "s|$bin|mtuprobe|g" \
				-e 's/[0-9]+\.[0-9]+ (s|ms|秒)/N.NN \1/g' "$tmp/out"
			golden=$src/tests/golden/ja/$name.$lang
			[[ $update == --update ]] && cp "$tmp/out" "$golden"
			diff -u "$golden" "$tmp/out" >"$tmp/diff" && ok || { bad "$name ($lang)"; cat "$tmp/diff"; }
		done
		"$src/scripts/lab" down "$LAB_ID" >/dev/null 2>&1
	done
fi

# English without any locale is the LC_ALL=C output.
(env -u LANG "$bin" calc --line fletz) >"$tmp/c" 2>&1; echo "exit $?" >>"$tmp/c"
diff -q "$tmp/c" "$src/tests/golden/ja/unknown-preset.en" >/dev/null && ok || bad "no locale differs from LC_ALL=C"

# 3. What does not follow the locale.
for args in "calc --line flets-pppoe --esp aes128-sha1 --nat-t --json" \
	"calc --line flets-pppoe --esp aes128-sha1 --nat-t --format value" \
	"calc --line flets-pppoe --esp aes128-sha1 --nat-t --vendor rtx,ix,linux -q" \
	"audit --json $src/tests/audit/configs/aws-yamaha.conf" \
	"audit --json $src/tests/audit/configs/rtx-sjis-desc.conf" \
	"audit --json --peer-config $src/tests/audit/peer/defaults.json $src/tests/audit/peer/rtx-field2.conf" \
	"audit --json --peer aws --wan-mtu 1400 $src/tests/audit/configs/rtx-pppoe-aws.conf" \
	"audit --json --line flets-pppoe $src/tests/audit/configs/rtx-mape.conf"; do
	LANG=ja_JP.UTF-8 $bin $args >"$tmp/ja" 2>&1
	LC_ALL=C $bin $args >"$tmp/c" 2>&1
	cmp -s "$tmp/ja" "$tmp/c" && ok || bad "differs with the locale: mtuprobe $args"
done

# 4. No English escapes in the Japanese goldens. Left out of the count:
# sources in parentheses (RFC and vendor document titles are cited as
# written), the packet picture's layer names, file names, inspect's cookies
# (hex), and calc-quiet, whose stdout
# is router lines (never translated; its stderr warning is checked by the
# same words in calc-report). Allowed as written: router commands and values
# (ipsec auto refresh, ikev1) and the EC2 API's field names and values
# (DpdTimeoutAction clear, PreSharedKey), which audit --peer-config quotes,
# the --esp and --stack values a refusal lists (aes128ctr, esp-transport),
# (stdin) as audit names it, /dev/null, and the formats' own commands (show configuration).
allow='^(mtuprobe|calc|probe|inspect|audit|completion|bash|zsh|fish|help|MTU|MSS|TCP|UDP|ICMP|IPv4|IPv6|ipv4|ipv6|ESP|NAT|RFC|WAN|PTB|DPD|BGP|JSON|AWS|RTX|SYN|TTL|IKE|sudo|setcap|cap_net_raw|CAP_NET_RAW|root|raw|socket|nobody|uid|SIGINT|SIGTERM|SIGHUP|ping|tracepath|tcpdump|Wireshark|strongSwan|swanctl|conf|running|config|Yamaha|NEC|pcap|pcapng|Ethernet|Linux|cooked|Windows|node_exporter|textfile|auto|text|json|value|measured|icmp|udp|tcp|none|all|aws|accelerated|sakura|generic|PEERS|AUDIT|INSPECT|OUTPUT|vendor|rtx|nftables|iptables|cisco|ios|asa|ASA|junos|fortigate|vyos|routeros|strongswan|aes128|sha1|aes256gcm16|gre|key|udp|wireguard|Dialer1|GigaEthernet0|ppp0|pp0|pp1|wan1|pppoe0|tunnel1|tunnel2|Tunnel0|vti0|Tunnel1|st0|vti1|rtx830|rtx1300|describe|vpn|connections|ec2|terraform|show|Terraform|XML|CLI|CustomerGatewayConfiguration|Auditing|both|ends|ipoe|flets|pppoe|premium|west|map|v6plus|ocn|lite|transix|ethernet|nuro|fletz|linux|list|line|Site|VPN|AES|AEAD|CBC|GCM|HMAC|SHA1|NGN|NTT|DHCP|IPoE|PPPoE|PPP|MAP|Lite|DS|OCN|NURO|Hikari|mtuprobe|NAT|SPI|ICV|ESP|DF|transix|v6plus|ipoe|IPv4|IPv6|over|in|GRE|VXLAN|WireGuard|Poly1305|SHA|ICMP|bogus|host|invalid|PRESET|FILE|MODEL|LIST|PEER|VENDOR|PROPOSAL|SECONDS|USER|WAN_TARGET|TUNNEL_TARGET|ADDR|PPS|exit|INSPECT|Libreswan|Openswan|libreswan|openswan|FortiGate|FortiOS|fortios|ipsec|Cisco|IOS|CSV|DIR|INVENTORY|NAME|SITE|TUNNEL|report|RTT|RAW|EN10MB|error|warning|info|Site|tunnel|off|startup|action|add|ident|seq|cookie|mtu|dir|out|type|code|MikroTik|RouterOS|export|set|Juniper|Junos|VyOS|refresh|clear|copy|dpd|interval|conn|IPsec|UNIVERGE|L2TP|L2TPv3|IPIP|Amazon|ASN|ikev1|ikev2|DpdTimeoutAction|StartupAction|PreSharedKey|pre_shared_key|aes(128|192|256)[a-z0-9]*|aesxcbc|md5|sha(256|384|512)|des|chacha20poly1305|null|esp|ipip|vxlan|nat|transport|in6|stdin|XE|configuration|dev)$'
# What of a golden is words: calc-quiet's stdout is router lines, so only
# its messages (mtuprobe ...: on stderr); audit's report quotes the
# configuration (its lines, the firmware comment, a refusal's "(N 行目: line)", the names and descriptions
# after a finding's id and before a tunnel's numbers, a key= of its syntax),
# its fixes and change set are router lines and its sources citations, all
# as written. The --json
# golden is no words but the contract, byte-identical to its .en (3. above).
words_of() {
	case $1 in
	*/calc-quiet.ja) grep '^mtuprobe' "$1" ;;
	*/audit-*json.ja) ;;
	*/audit-*.ja) awk '/^$/ { block = 0 } block { next }
		/(変更内容|切り戻し).*:$/ { block = 1; next }
		/^    / || /^ +[0-9]+ \| / || /^  出典: / || /^ファームウェア: / { next }
		/^(error|warning|info) / { next }
		/(, ESP |: 検査せず: )/ { sub(/^[^:]*: /, "") }
		{ print }' "$1" | sed -E 's/\b[a-z0-9]+(-[a-z0-9]+)+\b//g; s/\b[a-z_]+=//g; s/\([0-9]+ 行目: [^)]*\)//g' ;;
	*) cat "$1" ;;
	esac
}
for g in "$src"/tests/golden/ja/*.ja; do
	words=$(words_of "$g" | sed -E "s/[A-Za-z0-9_.\/-]+\.(pcap|pcapng|conf|json|xml)\b//g; s/\b[0-9a-f]{16}\b//g; s/\([^()]*(RFC|doc\/|specification|paper)[^()]*\)//g; s/\[[a-z0-9-]+ [0-9]+\]//g; s/'[^']*'//g; s/(^|[][[:space:](,=|。、])-[-A-Za-z0-9_=|.,]*//g" |
		grep -oE '[A-Za-z_][A-Za-z0-9_]{2,}' | sort -u | grep -vE "$allow" | tr '\n' ' ')
	[[ -z $words ]] && ok || bad "$(basename "$g"): English left untranslated: $words"
done

echo "i18n: $pass passed, $fail failed"
((fail == 0))
