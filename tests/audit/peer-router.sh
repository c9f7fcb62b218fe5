#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# audit --peer-config with a second router's configuration: both ends of
# office-to-office tunnels (tests/audit/pair/: an RTX head office, an IX, a
# swanctl and an ipsec.conf branch, in the published shapes of
# tests/audit/configs and tests/audit/peer). Each clean pair exits 0; a
# variant of it (sed on the clean file) carries each pair check, whose
# id@line on each end is checked exactly from --json, with the schema of the
# "peer_config" member for a router (mtuprobe(1), Auditing both ends), both
# ends' own findings, the same exit code in text and -q mode, and no key of
# the fixtures anywhere in the output. Then detection: a router file is read
# as a router, AWS's JSON still as AWS's, and a file of neither kind exits 2.
# Usage: peer-router.sh MTUPROBE SRCDIR
set -uo pipefail
export LC_ALL=C
bin=$1 src=$2
pair=$src/tests/audit/pair peer=$src/tests/audit/peer cfg=$src/tests/audit/configs
fail=0 pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
leaks() { grep -Eq 'example-secret' "$@"; }

# The variants: one change each to a clean file.
sed 's/^ipsec auto refresh on/ipsec auto refresh off/' "$pair/office-rtx.conf" >"$tmp/rtx-noinit.conf"
sed 's/  ikev2 connect-type auto/  ikev2 negotiation-direction responder/' "$pair/office-ix.conf" >"$tmp/ix-noinit.conf"
sed 's/example-secret-osaka$/example-secret-osaka-rotated/' "$pair/office-ix.conf" >"$tmp/ix-psk.conf"
sed 's/child-proposal enc aes-cbc-128/child-proposal enc aes-cbc-256/' "$pair/office-ix.conf" >"$tmp/ix-esp.conf"
sed 's/version = 2/version = 1/' "$pair/office-swanctl.conf" >"$tmp/swan-ikev1.conf"
sed 's/ip mtu 1280/ip mtu 1200/; s/ip tcp adjust-mss 1240/ip tcp adjust-mss auto/' "$pair/office-ix.conf" >"$tmp/ix-mtu.conf"
sed '/keepalive use 1/d' "$pair/office-rtx.conf" >"$tmp/rtx-nodpd.conf"
sed '/dpd interval 10/d' "$pair/office-ix.conf" >"$tmp/ix-nodpd.conf"
sed 's|  ip address 198.51.100.50/24|  ip address ipcp|' "$pair/office-ix.conf" >"$tmp/ix-ipcp.conf"
sed 's/remote_addrs = 203.0.113.1/remote_addrs = 203.0.113.9/' "$pair/office-swanctl.conf" >"$tmp/swan-stale.conf"
# Behind NAT: neither end writes its own address (the RTX names its peer by
# IKE identity, swanctl takes %any), so the identities pair them.
sed 's/  ipsec ike local address 2 203.0.113.1/  ipsec ike local name 2 hq.example.jp fqdn/; s/  ipsec ike remote address 2 192.0.2.10/  ipsec ike remote name 2 branch.example.jp fqdn/' \
	"$pair/office-rtx.conf" >"$tmp/rtx-nat.conf"
sed '/local_addrs = 192.0.2.10/d; s/remote_addrs = 203.0.113.1/remote_addrs = %any/; s/id = 192.0.2.10/id = @branch.example.jp/; s/            id = 203.0.113.1/            id = @hq.example.jp/' \
	"$pair/office-swanctl.conf" >"$tmp/swan-nat.conf"
sed 's/id = @hq.example.jp/id = @head-office.example.jp/' "$tmp/swan-nat.conf" >"$tmp/swan-nat-other.conf"
# Published pairs whose ends write no local address (tests/audit/configs/SOURCES.md):
# an IX IKEv1 pair (the IX sends from its outgoing interface) and two
# vSRX behind AWS's NAT; their IKE identities pair them. Without the IX
# identities nothing can pair: a note, not a mismatch.
sed '/^ike local-id/d' "$cfg/ix2025-shigehiro-router1.conf" >"$tmp/ix1-noid.conf"
sed '/^ike remote-id/d' "$cfg/ix2025-shigehiro-router2.conf" >"$tmp/ix2-noid.conf"
# A second RTX (Osaka) facing tunnel 1 of the head office: the same file
# with the two addresses of tunnel 1 swapped; then a longer IPsec SA
# lifetime, then a slower keepalive.
sed 's/local address 1 203.0.113.1/local address 1 198.51.100.50/; s/remote address 1 198.51.100.50/remote address 1 203.0.113.1/' \
	"$pair/office-rtx.conf" >"$tmp/rtx-osaka.conf"
sed 's/duration ipsec-sa 1 3600/duration ipsec-sa 1 28800/' "$tmp/rtx-osaka.conf" >"$tmp/rtx-osaka-life.conf"
sed 's/keepalive use 1 on rfc4306 10 3/keepalive use 1 on rfc4306 30 6/' "$tmp/rtx-osaka.conf" >"$tmp/rtx-osaka-slow.conf"

# Two IOS crypto-map routers (the homelab pair, tests/audit/configs/SOURCES.md
# 72): each sends IKE from the interface its map is applied to. Then GTL-R2
# with the map's IKE moved to Loopback0 (crypto map CMAP local-address), once
# with AWS-R5 still peering with GigabitEthernet1/0's address (a stale peer) and
# once with AWS-R5 peering with the loopback.
sed 's/^crypto map CMAP 1 ipsec-isakmp/crypto map CMAP local-address Loopback0\n&/' \
	"$cfg/cisco-ios-homelab-cryptomap-gtlr2.conf" >"$tmp/ios-gtlr2-lo.conf"
sed 's/198\.51\.100\.2/192.0.2.2/' "$cfg/cisco-ios-homelab-cryptomap-awsr5.conf" >"$tmp/ios-awsr5-to-lo.conf"

# findings as id@LINE_A/LINE_B, pairs as A<->B:by; the schema of peer_config
# (pair_json.py): queued here, checked in one process at the end.
check_json() { (IFS=$'\t'; echo "$*") >>"$tmp/batch"; } # LABEL FILE A B PAIRS FINDINGS
mkdir "$tmp/docs"
# verdicts TOOL FILE ROWS: pair_json.py's lines counted, each case once
# shellcheck source=../cli/verdicts.sh
. "$src/tests/cli/verdicts.sh"

# name, exit, first file's findings, second's, pairs, pair findings, files
while IFS=$'\t' read -r name want fa fb pairs pf a b; do
	[[ -z "$name" || "$name" == \#* ]] && continue
	a=${a/\$pair/$pair} a=${a/\$tmp/$tmp} a=${a/\$cfg/$cfg} b=${b/\$pair/$pair} b=${b/\$tmp/$tmp} b=${b/\$cfg/$cfg}
	json=$tmp/docs/$name.json
	"$bin" audit --json --peer-config "$b" "$a" >"$json" 2>"$tmp/err"
	rc=$?
	if [[ $rc -ne $want || -s "$tmp/err" ]]; then
		bad "pair $name --json (exit $rc, want $want)"; cat "$tmp/err"; continue
	fi
	"$bin" audit --peer-config "$b" "$a" >"$tmp/text" 2>>"$tmp/err"; rc1=$?
	"$bin" audit -q --peer-config "$b" "$a" >"$tmp/quiet" 2>>"$tmp/err"; rc2=$?
	if [[ $rc1 -ne $want || $rc2 -ne $want || -s "$tmp/err" ]]; then
		bad "pair $name text/-q (exit $rc1, $rc2, want $want)"; cat "$tmp/err"; continue
	fi
	if leaks "$json" "$tmp/text" "$tmp/quiet"; then
		bad "pair $name: a pre-shared key was printed"; continue
	fi
	# the case's verdict is its JSON's, at the end
	check_json "pair $name --json" "$json" "$fa" "$fb" "$pairs" "$pf"
done <<'CASES'
# clean pairs: RTX to IX (the IX's address is its outgoing interface's), RTX to swanctl, swanctl to ipsec.conf, and the other way round
rtx-ix	0	-	-	tunnel1<->Tunnel0.0:outside	-	$pair/office-rtx.conf	$pair/office-ix.conf
ix-rtx	0	-	-	Tunnel0.0<->tunnel1:outside	-	$pair/office-ix.conf	$pair/office-rtx.conf
# an IX whose interface takes its address by IPCP (PPPoE) writes none: one way
rtx-ix-ipcp	0	-	-	tunnel1<->Tunnel0.0:outside-one-way	-	$pair/office-rtx.conf	$tmp/ix-ipcp.conf
rtx-swanctl	0	-	-	tunnel2<->to-tokyo:outside	-	$pair/office-rtx.conf	$pair/office-swanctl.conf
swanctl-ipsec	0	-	-	to-nagoya<->to-swan:outside	-	$pair/office-swanctl.conf	$pair/office-ipsec.conf
rtx-rtx	0	-	-	tunnel1<->tunnel1:outside	-	$pair/office-rtx.conf	$tmp/rtx-osaka.conf
# no outside address on either end: the IKE identities (and when they differ, nothing pairs)
nat-identity	0	-	-	tunnel2<->to-tokyo:identity	-	$tmp/rtx-nat.conf	$tmp/swan-nat.conf
nat-other-identity	5	-	-	-	peer-address-mismatch@20/0,peer-address-mismatch@24/0,peer-address-mismatch@0/22,peer-address-mismatch@0/33	$tmp/rtx-nat.conf	$tmp/swan-nat-other.conf
ix-ikev1-identity	5	no-dead-peer-detection@33	no-dead-peer-detection@32	Tunnel0.0<->Tunnel0.0:identity	-	$cfg/ix2025-shigehiro-router1.conf	$cfg/ix2025-shigehiro-router2.conf
junos-nat-identity	5	no-mss-clamp@379,no-dead-peer-detection@95	no-mss-clamp@512,no-dead-peer-detection@93	st0.0<->st0.0:identity	dpd-off-both-ends@379/512	$cfg/junos-vsrx-71H725.conf	$cfg/junos-vsrx-87E960.conf
# two IOS crypto maps: the address of the interface each map is applied to
# (AWS-R5 writes it 'ip add'); with crypto map local-address, the loopback's
ios-cryptomap	5	no-mss-clamp@14,no-dead-peer-detection@14	no-mss-clamp@14,no-dead-peer-detection@14	CMAP 1<->CMAP 1:outside	dpd-off-both-ends@14/14	$cfg/cisco-ios-homelab-cryptomap-gtlr2.conf	$cfg/cisco-ios-homelab-cryptomap-awsr5.conf
ios-cryptomap-local-address	5	no-mss-clamp@15,no-dead-peer-detection@15	no-mss-clamp@14,no-dead-peer-detection@14	CMAP 1<->CMAP 1:outside	dpd-off-both-ends@15/14	$tmp/ios-gtlr2-lo.conf	$tmp/ios-awsr5-to-lo.conf
ios-cryptomap-local-address-stale	5	no-mss-clamp@15,no-dead-peer-detection@15	no-mss-clamp@14,no-dead-peer-detection@14	-	peer-address-mismatch@16/16	$tmp/ios-gtlr2-lo.conf	$cfg/cisco-ios-homelab-cryptomap-awsr5.conf
# nothing to pair by: no finding (the note is checked below)
ix-ikev1-undecided	5	no-dead-peer-detection@33	no-dead-peer-detection@32	-	-	$tmp/ix1-noid.conf	$tmp/ix2-noid.conf
# each check
nobody-initiates	5	-	-	tunnel1<->Tunnel0.0:outside	nobody-initiates@40/27	$tmp/rtx-noinit.conf	$tmp/ix-noinit.conf
psk-mismatch	5	-	-	tunnel1<->Tunnel0.0:outside	psk-mismatch@19/9	$pair/office-rtx.conf	$tmp/ix-psk.conf
proposal-esp	5	-	-	tunnel1<->Tunnel0.0:outside	proposal-mismatch@11/13	$pair/office-rtx.conf	$tmp/ix-esp.conf
proposal-ike	5	-	-	tunnel2<->to-tokyo:outside	proposal-mismatch@27/9	$pair/office-rtx.conf	$tmp/swan-ikev1.conf
mss-above-peer-mtu	5	-	-	tunnel1<->Tunnel0.0:outside	mss-above-peer-mtu@22/25	$pair/office-rtx.conf	$tmp/ix-mtu.conf
# the RTX end is IKEv2 without keepalive use: rfc4306 with switch auto only answers (15.20)
dpd-off-both-ends	5	no-dead-peer-detection@11	no-dead-peer-detection@28	tunnel1<->Tunnel0.0:outside	dpd-off-both-ends@9/21	$tmp/rtx-nodpd.conf	$tmp/ix-nodpd.conf
dpd-hold-mismatch	5	-	-	tunnel1<->tunnel1:outside	dpd-hold-mismatch@17/17	$pair/office-rtx.conf	$tmp/rtx-osaka-slow.conf
lifetime-mismatch	5	-	-	tunnel1<->tunnel1:outside	lifetime-mismatch@13/13	$pair/office-rtx.conf	$tmp/rtx-osaka-life.conf
# unpaired: a stale remote address (the two tunnels that should have met), and nothing in common at all
stale-address	5	-	-	-	peer-address-mismatch@35/11	$pair/office-rtx.conf	$tmp/swan-stale.conf
nothing-pairs	5	-	-	-	peer-address-mismatch@20/0,peer-address-mismatch@35/0,peer-address-mismatch@0/21	$pair/office-rtx.conf	$pair/office-ipsec.conf
CASES

# Undecided pairing: a note in the text and in --json's notes, no finding,
# and the last line says nothing was checked; a decided pair has no note.
"$bin" audit --json --peer-config "$tmp/ix2-noid.conf" "$tmp/ix1-noid.conf" >"$tmp/json" 2>&1
"$bin" audit --peer-config "$tmp/ix2-noid.conf" "$tmp/ix1-noid.conf" >"$tmp/text" 2>&1
python3 - "$tmp/json" <<'PY' && grep -q "^  note: could not pair: neither end states its local address" "$tmp/text" \
	&& grep -qx "the pair's own checks: 0 errors, 0 warnings: nothing was paired, so no check of the pair was made" "$tmp/text" \
	&& ok || { bad "undecided pairing: a note"; sed -n '/^both ends/,$p' "$tmp/text"; }
import json, sys
p = json.load(open(sys.argv[1]))["peer_config"]
assert len(p["notes"]) == 1 and p["notes"][0].startswith("could not pair: neither end states its local address"), p["notes"]
assert not p["pairs"] and not p["findings"] and p["errors"] == 0, p
PY
"$bin" audit --json --peer-config "$pair/office-ix.conf" "$pair/office-rtx.conf" >"$tmp/json" 2>&1
python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["peer_config"]["notes"] != [])' "$tmp/json" \
	&& ok || bad "a paired pair has a note"

# The pair's count is its own checks' only, and says so: the homelab pair's
# ends have 1 error and 1 warning each, the pair 1 warning (issue 21: the line
# read "both ends: 0 errors, 1 warning", as if it were the total).
"$bin" audit --peer-config "$cfg/cisco-ios-homelab-cryptomap-awsr5.conf" "$cfg/cisco-ios-homelab-cryptomap-gtlr2.conf" >"$tmp/text" 2>&1
[[ $(grep -cx "1 error, 1 warning" "$tmp/text") -eq 2 && "$(tail -1 "$tmp/text")" == "the pair's own checks: 0 errors, 1 warning" ]] \
	&& ! grep -q '^both ends: [0-9]' "$tmp/text" && ok || { bad "the pair's count"; tail -3 "$tmp/text"; }

# Two IOS routers' DPD is cited from Cisco's documents, never the RTX command
# reference; an RTX pair keeps the RTX's.
"$bin" audit --json --peer-config "$cfg/cisco-ios-homelab-cryptomap-awsr5.conf" "$cfg/cisco-ios-homelab-cryptomap-gtlr2.conf" 2>&1 |
	python3 -c 'import json,sys; f=json.load(sys.stdin)["peer_config"]["findings"][0]; print(f["id"], "Yamaha" in f["source"], "Cisco IPsec Dead Peer Detection" in f["source"])' >"$tmp/src"
"$bin" audit --json --peer-config "$tmp/rtx-osaka-slow.conf" "$pair/office-rtx.conf" 2>&1 |
	python3 -c 'import json,sys; f=json.load(sys.stdin)["peer_config"]["findings"][0]; print(f["id"], "Yamaha RTX command reference 15.20" in f["source"])' >>"$tmp/src"
[[ "$(cat "$tmp/src")" == $'dpd-off-both-ends False True\ndpd-hold-mismatch True' ]] && ok || bad "pair sources by format: $(cat "$tmp/src")"

# The fixes are in each end's own syntax: the RTX line on the RTX side, the
# IX interface block on the IX side.
"$bin" audit --json --peer-config "$tmp/ix-noinit.conf" "$tmp/rtx-noinit.conf" >"$tmp/json" 2>&1
python3 - "$tmp/json" <<'PY' && ok || bad "nobody-initiates: each end's fix in its syntax"
import json, sys
f = json.load(open(sys.argv[1]))["peer_config"]["findings"][0]
assert "ipsec auto refresh on" in f["config"]["fix"], f["config"]["fix"]
assert "interface Tunnel0.0" in f["peer"]["fix"] and "  ikev2 connect-type auto" in f["peer"]["fix"], f["peer"]["fix"]
PY

# -q: each end's lines after a comment naming its file, in its comment syntax;
# a clean pair prints nothing.
"$bin" audit -q --peer-config "$tmp/ix-noinit.conf" "$tmp/rtx-noinit.conf" >"$tmp/quiet" 2>&1
grep -qx "# $tmp/rtx-noinit.conf" "$tmp/quiet" && grep -qx "! $tmp/ix-noinit.conf" "$tmp/quiet" \
	&& [[ $(grep -n "ipsec auto refresh on" "$tmp/quiet" | cut -d: -f1) -lt $(grep -n "^! $tmp/ix-noinit.conf" "$tmp/quiet" | cut -d: -f1) ]] \
	&& grep -qx "  ikev2 connect-type auto" "$tmp/quiet" && ok || { bad "-q with two routers"; cat "$tmp/quiet"; }
"$bin" audit -q --peer-config "$pair/office-ix.conf" "$pair/office-rtx.conf" >"$tmp/quiet" 2>&1
[[ $? -eq 0 && ! -s "$tmp/quiet" ]] && ok || { bad "-q of a clean pair"; cat "$tmp/quiet"; }

# The text output names both files and lines, never a key.
"$bin" audit --peer-config "$tmp/ix-psk.conf" "$pair/office-rtx.conf" >"$tmp/text" 2>&1
grep -qx "  $pair/office-rtx.conf:19 tunnel1 | (a key: not printed)" "$tmp/text" \
	&& grep -qx "  $tmp/ix-psk.conf:9 Tunnel0.0 | (a key: not printed)" "$tmp/text" && ! leaks "$tmp/text" \
	&& ok || { bad "psk-mismatch text"; sed -n '/psk-mismatch/,/source/p' "$tmp/text"; }

# Detection: AWS's JSON is still AWS's side (no "kind"), a router file as
# --peer-config on standard input is a router, and a file of neither kind
# exits 2 with the router detector's line.
"$bin" audit --json --peer-config "$peer/defaults.json" "$pair/office-rtx.conf" >"$tmp/json" 2>"$tmp/err"
python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["peer_config"]; sys.exit(p["format"] != "aws-describe-vpn-connections" or "kind" in p)' "$tmp/json" \
	&& ok || bad "AWS JSON as --peer-config: $(head -c 300 "$tmp/json") $(cat "$tmp/err")"
"$bin" audit --json --peer-config - "$pair/office-rtx.conf" <"$pair/office-ix.conf" >"$tmp/json" 2>"$tmp/err"
[[ $? -eq 0 ]] && python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["peer_config"]; sys.exit(p["file"] != "(stdin)" or p["format"] != "ix")' "$tmp/json" \
	&& ok || bad "router on standard input as --peer-config: $(cat "$tmp/err")"
"$bin" audit --peer-config "$cfg/foreign-cisco-asa.conf" "$pair/office-rtx.conf" >"$tmp/out" 2>"$tmp/err"
rc=$?
[[ $rc -eq 2 && ! -s "$tmp/out" && $(wc -l <"$tmp/err") -eq 1 ]] \
	&& grep -q "^mtuprobe audit: --peer-config $cfg/foreign-cisco-asa.conf: looks like Cisco ASA" "$tmp/err" \
	&& ok || bad "foreign file as --peer-config (exit $rc): $(cat "$tmp/err")"
# probe pairs only with AWS's side: a router is refused before anything is sent.
"$bin" probe --config "$pair/office-rtx.conf" --peer-config "$pair/office-ix.conf" 192.0.2.1 >"$tmp/out" 2>"$tmp/err"
rc=$?
[[ $rc -eq 2 && ! -s "$tmp/out" && "$(cat "$tmp/err")" == "mtuprobe probe: --peer-config $pair/office-ix.conf: a router configuration: probe pairs --config only with AWS's side (describe-vpn-connections, the XML, terraform show -json); audit CONFIG --peer-config FILE pairs two routers" ]] \
	&& ok || bad "probe with a router as --peer-config (exit $rc): $(cat "$tmp/err")"

# The JSON documents queued above, in one process.
python3 "$src/tests/audit/pair_json.py" --batch "$tmp/batch" >"$tmp/verdicts"
verdicts pair_json.py "$tmp/verdicts" "$(wc -l <"$tmp/batch")"

echo "peer-router: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
