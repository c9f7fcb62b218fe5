#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# audit --peer-config: router configurations paired with the JSON of
# aws ec2 describe-vpn-connections (tests/audit/peer/*.json, shapes from the
# EC2 API reference), AWS's CustomerGatewayConfiguration XML (generic.xml)
# and terraform show -json of a state and a plan (tf-*.json): see
# tests/audit/peer/README.md. For each case: the exit
# code, the router's findings and the pair's findings by id@line from --json
# (exactly, in order), the peer_config schema, the same exit code in text and
# -q mode with nothing on stderr, and no secret of the fixtures (PreSharedKey,
# the keys inside CustomerGatewayConfiguration) anywhere in the output. Then
# the field case 2 text output exactly, and bad input: exit 2, one exact line.
# Usage: peer.sh MTUPROBE SRCDIR [--update]  (--update rewrites peer/expected/*.out)
set -uo pipefail
# One locale for the goldens: descriptions print as the locale's charset allows
# (tests/cli/i18n.sh shows them in Japanese), messages in English.
export LC_ALL=C
bin=$1 src=$2 update=${3:-}
here=$src/tests/audit peer=$src/tests/audit/peer cfg=$src/tests/audit/configs
fail=0 pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

# Every secret the fixtures carry; none may be printed, in any mode:
# PreSharedKey, the pre_shared_key of the XML (in a file and inside the
# JSON), Terraform's tunnelN_preshared_key and customer_gateway_configuration,
# the router's keys, and what an XXE entity would read.
secrets='psk-must-not-leak|cgwconf-psk-must-not-leak|xml-psk-must-not-leak|embedded-psk-must-not-leak|tf-psk-must-not-leak|tf-cgwconf-psk-must-not-leak|example-secret|plain-text-password|example-psk-|xxe-file-must-not-be-read'
leaks() { grep -Eq "$secrets" "$@"; }

# The JSON: the router's findings, the pair's findings, the schema of the
# "peer_config" member (mtuprobe(1), Auditing both ends); the router's part
# must still pass check_json.py once peer_config is taken out (peer_json.py).
# Queued here, checked in one process at the end: LABEL FILE ROUTER PAIR.
check_json() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$tmp/batch"; }
mkdir "$tmp/json"
# verdicts TOOL FILE ROWS: peer_json.py's lines counted, each case once
# shellcheck source=../cli/verdicts.sh
. "$src/tests/cli/verdicts.sh"

# name, exit, router findings, pair findings, router configuration, peer file
while IFS=$'\t' read -r name want router pairf conf pfile; do
	[[ -z "$name" || "$name" == \#* ]] && continue
	conf=${conf/\$cfg/$cfg} conf=${conf/\$peer/$peer}
	json=$tmp/json/$name.json
	"$bin" audit --json --peer-config "$peer/$pfile" "$conf" >"$json" 2>"$tmp/err"
	rc=$?
	if [[ $rc -ne $want || -s "$tmp/err" ]]; then
		bad "peer $name --json (exit $rc, want $want)"; cat "$tmp/err"; continue
	fi
	"$bin" audit --peer-config "$peer/$pfile" "$conf" >"$tmp/text" 2>>"$tmp/err"; rc1=$?
	"$bin" audit -q --peer-config "$peer/$pfile" "$conf" >"$tmp/quiet" 2>>"$tmp/err"; rc2=$?
	if [[ $rc1 -ne $want || $rc2 -ne $want || -s "$tmp/err" ]]; then
		bad "peer $name text/-q (exit $rc1, $rc2, want $want)"; cat "$tmp/err"; continue
	fi
	if leaks "$json" "$tmp/text" "$tmp/quiet" "$tmp/err"; then
		bad "peer $name: a secret of the fixture was printed"; continue
	fi
	# the case's verdict is its JSON's, at the end
	check_json "peer $name --json" "$json" "$router" "$pairf"
done <<'CASES'
# field case 2: AWS defaults (clear, add) and an RTX that never starts IKE
field2-rtx	5	-	dpd-clear-router-never-initiates@9,dpd-clear-router-never-initiates@26,startup-add-router-never-initiates@9,startup-add-router-never-initiates@26	$peer/rtx-field2.conf	defaults.json
# the same RTX, AWS fixed on its side: AWS restarts and starts IKE
field2-rtx-aws-fixed	0	-	-	$peer/rtx-field2.conf	restart-start.json
# the router fixed on its side (ipsec auto refresh on), AWS at its defaults
field2-rtx-router-fixed	0	-	-	$peer/rtx-good.conf	defaults.json
# AWS's Yamaha sample: the pair is clean, the router's own MSS/df findings stay
aws-yamaha-defaults	5	mss-above-tunnel-mtu@28,mss-above-tunnel-mtu@56,outer-df-clear@21,outer-df-clear@50	-	$cfg/aws-yamaha.conf	defaults.json
# a static connection, a router that runs BGP toward it (field case 3)
aws-yamaha-static	5	mss-above-tunnel-mtu@28,mss-above-tunnel-mtu@56,outer-df-clear@21,outer-df-clear@50	bgp-router-on-static-connection@35,bgp-router-on-static-connection@62,psk-mismatch@15,psk-mismatch@45	$cfg/aws-yamaha.conf	static.json
# accelerated, NAT-T off (AWS's sample has none) and on (the PPPoE site)
# AWS's FortiGate sample (FortiOS): clean with the defaults; BGP toward a
# static connection and another key; NAT-T not forced for an accelerated one
fortios-aws-defaults	0	-	-	$cfg/fortios-aws.conf	defaults.json
fortios-aws-static	5	-	bgp-router-on-static-connection@44,bgp-router-on-static-connection@122,psk-mismatch@17,psk-mismatch@95	$cfg/fortios-aws.conf	static.json
fortios-aws-accelerated	5	-	nat-t-off-accelerated@9,nat-t-off-accelerated@87,psk-mismatch@17,psk-mismatch@95	$cfg/fortios-aws.conf	accelerated.json
aws-yamaha-accelerated	5	mss-above-tunnel-mtu@28,mss-above-tunnel-mtu@56,outer-df-clear@21,outer-df-clear@50	nat-t-off-accelerated@11,nat-t-off-accelerated@41,psk-mismatch@15,psk-mismatch@45	$cfg/aws-yamaha.conf	accelerated.json
rtx-pppoe-accelerated	5	mss-above-tunnel-mtu@44,mss-above-tunnel-mtu@62,outer-df-clear@41,outer-df-clear@59	static-router-on-bgp-connection@28,static-router-on-bgp-connection@46	$cfg/rtx-pppoe-aws.conf	accelerated.json
# tunnels set for an Ethernet site: MTU 1500 and MSS 1460, above AWS's 1446 / 1406
rtx-ethernet-defaults	5	-	mss-above-aws-max@23,mss-above-aws-max@40,mtu-above-aws-max@22,mtu-above-aws-max@39	$peer/rtx-ethernet.conf	defaults.json
# one tunnel DOWN in VgwTelemetry
field2-rtx-down	5	-	tunnel-down-telemetry@25	$peer/rtx-good.conf	down.json
# the VPN connection was re-created: new outside addresses, the router still has the old
aws-yamaha-recreated	5	mss-above-tunnel-mtu@28,mss-above-tunnel-mtu@56,outer-df-clear@21,outer-df-clear@50	peer-address-mismatch@0,peer-address-mismatch@0,peer-address-mismatch@25,peer-address-mismatch@53,tunnel-down-telemetry@0,tunnel-down-telemetry@0	$cfg/aws-yamaha.conf	recreated.json
# strongSwan: start_action = start without dpd_action (field case 2), no BGP in a dynamic connection
swanctl-defaults	5	-	dpd-clear-router-never-initiates@17,dpd-clear-router-never-initiates@45,startup-add-router-never-initiates@17,startup-add-router-never-initiates@45,static-router-on-bgp-connection@34,static-router-on-bgp-connection@62	$cfg/swanctl-noaction.conf	defaults.json
swanctl-static-restart	0	-	-	$cfg/swanctl-noaction.conf	static.json
# IX with one tunnel: AWS's second tunnel has no router tunnel
ix-ikev2-defaults	5	mss-above-tunnel-mtu@29,tunnel-mtu-above-model@28	peer-address-mismatch@0	$cfg/ix-ikev2.conf	defaults.json
# the IX's inside addresses (169.254.1.0/30) are not in AWS's TunnelInsideCidr 169.254.255.0/30
ix-ikev2-accelerated	5	mss-above-tunnel-mtu@29,tunnel-mtu-above-model@28	peer-address-mismatch@0,nat-t-off-accelerated@25,inside-address-mismatch@27,inside-address-mismatch@37,psk-mismatch@6	$cfg/ix-ikev2.conf	accelerated.json
# inside addresses, IKE versions, proposals, lifetimes and AWS's selectors: each
# fixture against an RTX, an IX and a swanctl router; restart-start.json (AWS
# defaults for all of these, inside CIDRs the routers use) is the clean pair
rtx-restart-start	0	-	-	$peer/rtx-good.conf	restart-start.json
ix-restart-start	0	-	-	$peer/ix-aws.conf	restart-start.json
swanctl-restart-start	0	-	-	$peer/swanctl-aws.conf	restart-start.json
# IKEv2 only: the RTX speaks IKEv1 (no ipsec ike version line), the IX IKEv2,
# the swanctl router IKEv2 on tunnel 1 and IKEv1 (version = 1) on tunnel 2
rtx-ikev2-only	5	-	proposal-mismatch@8,proposal-mismatch@25	$peer/rtx-good.conf	ikev2-only.json
ix-ikev2-only	0	-	-	$peer/ix-aws.conf	ikev2-only.json
swanctl-ikev2-only	5	-	proposal-mismatch@32	$peer/swanctl-aws.conf	ikev2-only.json
# phase 2 AES256(-GCM-16) with SHA2-256 only: RTX aes-cbc (AES128), IX sha1,
# swanctl aes256-sha256 on tunnel 1 (passes) and aes128-sha1 on tunnel 2
rtx-custom-proposals	5	-	proposal-mismatch@10,proposal-mismatch@27	$peer/rtx-good.conf	custom-proposals.json
ix-custom-proposals	5	-	proposal-mismatch@12,proposal-mismatch@12	$peer/ix-aws.conf	custom-proposals.json
swanctl-custom-proposals	5	-	proposal-mismatch@49	$peer/swanctl-aws.conf	custom-proposals.json
# phase 2 1800 s on tunnel 1 (the RTX keeps 3600), a rekey margin out of range
# on tunnel 2 (AWS's own value: every router); IX and swanctl lifetimes are not read
rtx-lifetimes	5	-	lifetime-mismatch@11,lifetime-mismatch@25	$peer/rtx-good.conf	lifetimes.json
ix-lifetimes	5	-	lifetime-mismatch@31	$peer/ix-aws.conf	lifetimes.json
swanctl-lifetimes	5	-	lifetime-mismatch@46	$peer/swanctl-aws.conf	lifetimes.json
# AWS's own selectors narrower than the inside addresses on a BGP connection
rtx-narrow-local	5	-	narrow-selectors-with-bgp@8,narrow-selectors-with-bgp@25	$peer/rtx-good.conf	narrow-local.json
ix-narrow-local	5	-	narrow-selectors-with-bgp@21,narrow-selectors-with-bgp@31	$peer/ix-aws.conf	narrow-local.json
swanctl-narrow-local	5	-	narrow-selectors-with-bgp@22,narrow-selectors-with-bgp@46	$peer/swanctl-aws.conf	narrow-local.json
# pre-shared keys: the fixtures carry example-secret-1/-2 as the routers do
# (AWS's Yamaha sample keeps plain-text-password1/2: psk-mismatch above);
# psk-rotated.json changed tunnel 2's key on the AWS side only
rtx-psk-rotated	5	-	psk-mismatch@35	$peer/rtx-good.conf	psk-rotated.json
ix-psk-rotated	5	-	psk-mismatch@8	$peer/ix-aws.conf	psk-rotated.json
swanctl-psk-rotated	5	-	psk-mismatch@63	$peer/swanctl-aws.conf	psk-rotated.json
# the RTX's DPD slowed to 30 s x 5 = 150 s against AWS's 40 s (clear and restart alike)
rtx-slow-dpd-defaults	5	-	dpd-hold-mismatch@16,dpd-hold-mismatch@33	$peer/rtx-slow-dpd.conf	defaults.json
rtx-slow-dpd-restart	5	-	dpd-hold-mismatch@16,dpd-hold-mismatch@33	$peer/rtx-slow-dpd.conf	restart-start.json
# AWS's J-Series sample against a published XML (and the same connection as
# describe JSON with DpdTimeoutSeconds 40 written out): Junos's bare
# dead-peer-detection (10 s x 5 = 50 s) is above AWS's 40 s, as --peer aws says
# (tests/audit/cases.tsv junos-jseries-netbrain-aws; issue 21: the pair said nothing)
junos-jseries-netbrain-xml	5	outer-df-clear@26,outer-df-clear@62	dpd-hold-mismatch@27,dpd-hold-mismatch@63	$peer/junos-jseries-netbrain.conf	aws-xml-netbrain-csr2.xml
junos-jseries-netbrain-describe	5	outer-df-clear@26,outer-df-clear@62	dpd-hold-mismatch@27,dpd-hold-mismatch@63	$peer/junos-jseries-netbrain.conf	netbrain-describe.json
# AWS's IOS sample with crypto isakmp keepalive 60 10: at least 70 s, a check every 60 s
cisco-ios-slowdpd-defaults	5	-	static-router-on-bgp-connection@105,dpd-hold-mismatch@43,dpd-hold-mismatch@43	$cfg/cisco-ios-aws-slowdpd.conf	defaults.json
# field case 2 through the other formats: the XML download, the describe JSON
# with its whole CustomerGatewayConfiguration, a Terraform state: the same findings
field2-rtx-xml	5	-	dpd-clear-router-never-initiates@9,dpd-clear-router-never-initiates@26,startup-add-router-never-initiates@9,startup-add-router-never-initiates@26	$peer/rtx-field2.conf	generic.xml
field2-rtx-router-fixed-xml	0	-	-	$peer/rtx-good.conf	generic.xml
field2-rtx-embedded	5	-	dpd-clear-router-never-initiates@9,dpd-clear-router-never-initiates@26,startup-add-router-never-initiates@9,startup-add-router-never-initiates@26	$peer/rtx-field2.conf	embedded.json
field2-rtx-tf-state	5	-	dpd-clear-router-never-initiates@9,dpd-clear-router-never-initiates@26,startup-add-router-never-initiates@9,startup-add-router-never-initiates@26	$peer/rtx-field2.conf	tf-state.json
field2-rtx-router-fixed-tf	0	-	-	$peer/rtx-good.conf	tf-state.json
# the plan fixes tunnel1 on AWS's side only; the created connection's addresses are unknown: no mismatch claimed
field2-rtx-tf-plan	5	-	dpd-clear-router-never-initiates@26,startup-add-router-never-initiates@26	$peer/rtx-field2.conf	tf-plan.json
field2-rtx-router-fixed-tf-plan	0	-	-	$peer/rtx-good.conf	tf-plan.json
# strongSwan through the XML: its bgp elements say the connection is dynamic, as the JSON does
swanctl-xml	5	-	dpd-clear-router-never-initiates@17,dpd-clear-router-never-initiates@45,startup-add-router-never-initiates@17,startup-add-router-never-initiates@45,static-router-on-bgp-connection@34,static-router-on-bgp-connection@62	$cfg/swanctl-noaction.conf	generic.xml
aws-yamaha-tf-state	5	mss-above-tunnel-mtu@28,mss-above-tunnel-mtu@56,outer-df-clear@21,outer-df-clear@50	-	$cfg/aws-yamaha.conf	tf-state.json
ix-ikev2-xml	5	mss-above-tunnel-mtu@29,tunnel-mtu-above-model@28	peer-address-mismatch@0,inside-address-mismatch@27,inside-address-mismatch@37	$cfg/ix-ikev2.conf	generic.xml
# ipsec.conf (config/ipsecconf.c) fills the fields swan.c fills: paired by
# right= (the outside address), its auto/dpdaction read as the router's side
ipsecconf-noinit-defaults	5	-	dpd-clear-router-never-initiates@9,startup-add-router-never-initiates@9,static-router-on-bgp-connection@7,static-router-on-bgp-connection@26	$cfg/ipsecconf-aws-openswan-noinit.conf	defaults.json
ipsecconf-strongswan-bgp-defaults	0	-	-	$cfg/ipsecconf-aws-strongswan.conf	defaults.json
ipsecconf-libreswan-vti-defaults	0	-	-	$cfg/ipsecconf-libreswan-also.conf	defaults.json
CASES

# The same pair through each format: the same findings, by id, line and AWS
# tunnel (field case 2: describe JSON, XML, the JSON with its XML, Terraform).
for f in defaults.json generic.xml embedded.json tf-state.json; do
	"$bin" audit --json --peer-config "$peer/$f" "$peer/rtx-field2.conf" 2>&1 |
		python3 -c 'import json,sys; print([(f["id"], f["line"], f["interface"]) for f in json.load(sys.stdin)["peer_config"]["findings"]])' >"$tmp/same-$f"
done
if cmp -s "$tmp/same-defaults.json" "$tmp/same-generic.xml" && cmp -s "$tmp/same-defaults.json" "$tmp/same-embedded.json" &&
   cmp -s "$tmp/same-defaults.json" "$tmp/same-tf-state.json" && grep -q dpd-clear "$tmp/same-defaults.json"; then
	ok
else
	bad "field case 2: the formats disagree"; cat "$tmp"/same-*
fi

# What each format adds: the XML's inside addresses and BGP in the describe
# JSON (TunnelInsideCidr absent), the plan's unknowns by attribute.
"$bin" audit --json --peer-config "$peer/embedded.json" "$peer/rtx-field2.conf" 2>/dev/null |
	python3 -c 'import json,sys; d=json.load(sys.stdin)["peer_config"]; print(d["secrets_not_read"], [(t["inside_cidr"], t["aws_inside"], t["customer_gateway_inside"], t["aws_asn"], t["customer_gateway_asn"], t["bgp_hold_time"]) for t in d["tunnels"]])' >"$tmp/embedded"
[[ "$(cat "$tmp/embedded")" == "2 [('169.254.255.0/30', '169.254.255.1/30', '169.254.255.2/30', 64512, 65000, 30), ('169.254.255.4/30', '169.254.255.5/30', '169.254.255.6/30', 64512, 65000, 30)]" ]] \
	&& ok || bad "embedded CustomerGatewayConfiguration: $(cat "$tmp/embedded")"
"$bin" audit --json --peer-config "$peer/tf-plan.json" "$peer/rtx-field2.conf" 2>/dev/null |
	python3 -c 'import json,sys; d=json.load(sys.stdin)["peer_config"]; print(d["format"], [c["terraform_address"] for c in d["connections"]], [c["unknown"] for c in d["connections"]], [t["unknown"] for t in d["tunnels"]], [t["paired_by"] for t in d["tunnels"]])' >"$tmp/plan"
[[ "$(cat "$tmp/plan")" == "terraform-plan ['aws_vpn_connection.main', 'aws_vpn_connection.backup'] [[], ['id', 'static_routes_only', 'enable_acceleration']] [[], [], ['tunnel1_address', 'tunnel1_inside_cidr', 'tunnel1_cgw_inside_address', 'tunnel1_bgp_asn'], ['tunnel2_address', 'tunnel2_inside_cidr', 'tunnel2_cgw_inside_address', 'tunnel2_bgp_asn']] ['outside', 'outside', None, None]" ]] \
	&& ok || bad "terraform plan unknowns: $(cat "$tmp/plan")"

# A 4-byte BGP ASN (RFC 6793) in the XML is a number like any other.
sed 's/<asn>65000</<asn>4200000001</' "$peer/generic.xml" >"$tmp/asn4.xml"
"$bin" audit --json --peer-config "$tmp/asn4.xml" "$peer/rtx-good.conf" 2>"$tmp/err" |
	python3 -c 'import json,sys; print([t["customer_gateway_asn"] for t in json.load(sys.stdin)["peer_config"]["tunnels"]])' >"$tmp/asn"
[[ "$(cat "$tmp/asn")" == "[4200000001, 4200000001]" && ! -s "$tmp/err" ]] && ok || bad "4-byte ASN: $(cat "$tmp/asn" "$tmp/err")"

# Terraform fixes that AWS cannot make in place: a static connection whose
# router runs BGP (field case 3) prints static_routes_only = false with its
# warning; an address with a control character (a for_each key) is not
# pasted as a line of its own.
python3 - "$peer/tf-state.json" "$tmp/tf-static.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = d["values"]["root_module"]["child_modules"][0]["resources"][0]
r["values"]["static_routes_only"] = True
r["address"] = 'module.vpn.aws_vpn_connection.main["a\nrm -rf /"]'
json.dump(d, open(sys.argv[2], "w"))
PY
"$bin" audit -q --peer-config "$tmp/tf-static.json" "$cfg/aws-yamaha.conf" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [[ $rc -eq 5 && ! -s "$tmp/err" ]] && grep -qx 'static_routes_only = false  # forces a new VPN connection (new outside addresses and keys): the router-side fix is the preferred one' "$tmp/out" &&
   grep -qx '# (the aws_vpn_connection resource of vpn-0a1b2c3d4e5f67890: its address is not printable)' "$tmp/out" &&
   ! grep -q '^rm -rf' "$tmp/out" && ! grep -q 'tunnel1_dpd_timeout_action' "$tmp/out" && ! leaks "$tmp/out"; then
	ok
else
	bad "terraform static fix (exit $rc)"; cat "$tmp/out" "$tmp/err"
fi

# Field case 2 as text, exactly (doc/examples.md shows it), and -q: the lines alone.
# AWS's RTX sample against a published XML whose tunnels it does not match:
# an unmatched AWS tunnel is cited by the XML's connection and tunnel, never ":0".
for g in "field2:audit --peer-config $peer/defaults.json $peer/rtx-field2.conf" \
	 "field2-quiet:audit -q --peer-config $peer/defaults.json $peer/rtx-field2.conf" \
	 "field2-tf-quiet:audit -q --peer-config $peer/tf-state.json $peer/rtx-field2.conf" \
	 "tf-plan:audit --peer-config $peer/tf-plan.json $peer/rtx-field2.conf" \
	 "generic-xml:audit --peer-config $peer/generic.xml $peer/rtx-good.conf" \
	 "rtx-aws-official-xml:audit --peer-config $peer/aws-xml-cloudwanderer.xml $peer/rtx-aws-official-clean.conf"; do
	name=${g%%:*} args=${g#*:}
	# shellcheck disable=SC2086
	"$bin" $args >"$tmp/out" 2>"$tmp/err"
	sed -i "s|$peer/|peer/|g" "$tmp/out"
	[[ "$update" == --update ]] && cp "$tmp/out" "$peer/expected/$name.out"
	if diff -u "$peer/expected/$name.out" "$tmp/out" >"$tmp/diff" && [[ ! -s "$tmp/err" ]]; then
		ok
	else
		bad "peer golden $name"; cat "$tmp/diff" "$tmp/err"
	fi
done

# A Junos router's DPD is worded and cited from Juniper's documents, never the
# RTX command reference (issue 21); an RTX's from the RTX's.
"$bin" audit --json --peer-config "$peer/netbrain-describe.json" "$peer/junos-jseries-netbrain.conf" 2>&1 |
	python3 -c 'import json,sys; f=json.load(sys.stdin)["peer_config"]["findings"][0]; print(f["id"], "RTX" in f["message"] or "Yamaha" in f["source"], "dead-peer-detection interval 10 s, threshold 5" in f["message"], "Juniper CLI reference" in f["source"])' >"$tmp/junos-dpd"
"$bin" audit --json --peer-config "$peer/defaults.json" "$peer/rtx-slow-dpd.conf" 2>&1 |
	python3 -c 'import json,sys; f=json.load(sys.stdin)["peer_config"]["findings"][0]; print(f["id"], "keepalive interval 30 s, count 5; Yamaha RTX command reference 15.20" in f["message"], "Yamaha RTX command reference 15.20" in f["source"])' >>"$tmp/junos-dpd"
"$bin" audit --json --peer-config "$peer/defaults.json" "$cfg/cisco-ios-aws-slowdpd.conf" 2>&1 |
	python3 -c 'import json,sys; f=json.load(sys.stdin)["peer_config"]["findings"][1]; print(f["id"], "at least 70 s (a DPD check every 60 s, its retries on top)" in f["message"], "Yamaha" in f["source"])' >>"$tmp/junos-dpd"
[[ "$(cat "$tmp/junos-dpd")" == $'dpd-hold-mismatch False True True\ndpd-hold-mismatch True True\ndpd-hold-mismatch True False' ]] \
	&& ok || bad "dpd-hold-mismatch words and source by format: $(cat "$tmp/junos-dpd")"

# The router file from standard input, the peer file named (and the reverse).
"$bin" audit --json --peer-config "$peer/defaults.json" - <"$peer/rtx-field2.conf" >"$tmp/json/stdin-router.json" 2>"$tmp/err"
[[ $? -eq 5 ]] && check_json "router config on standard input" "$tmp/json/stdin-router.json" - "dpd-clear-router-never-initiates@9,dpd-clear-router-never-initiates@26,startup-add-router-never-initiates@9,startup-add-router-never-initiates@26" \
	|| bad "router config on standard input: $(cat "$tmp/err")"
"$bin" audit --json --peer-config - "$peer/rtx-good.conf" <"$peer/down.json" >"$tmp/json/stdin-peer.json" 2>"$tmp/err"
[[ $? -eq 5 ]] && check_json "peer file on standard input" "$tmp/json/stdin-peer.json" - "tunnel-down-telemetry@25" || bad "peer file on standard input: $(cat "$tmp/err")"

# Bad input: exit 2, nothing on standard output, exactly one line on stderr,
# never a secret. name, stderr after "mtuprobe audit: --peer-config FILE: ".
head -c 700 "$peer/restart-start.json" >"$tmp/truncated.json"
printf '{"Reservations": [{"Instances": []}]}\n' >"$tmp/other-command.json"
printf '{"VpnConnection": {"VpnConnectionId": "vpn-0a1b2c3d4e5f67890"}}\n' >"$tmp/one-connection.json"
printf '{"VpnConnections": []}\n' >"$tmp/empty-list.json"
printf '{"VpnConnections": [{"VpnConnectionId": "vpn-1", "Options": {"TunnelOptions": [{"PreSharedKey": "psk-must-not-leak-1", "DpdTimeoutSeconds": "psk-must-not-leak-2"}]}}]}\n' >"$tmp/wrong-type.json"
printf '{"VpnConnections": [{"Options": {"TunnelOptions": [{"PreSharedKey": "psk-must-not-leak-3", "OutsideIpAddress": "198.51.100.1" "x"}]}}]}\n' >"$tmp/psk-before-error.json"
printf '{"format_version": "1.0", "terraform_version": "1.5.7", "values": {"root_module": {}}}\n' >"$tmp/terraform.json"
: >"$tmp/empty.json"
# XML: truncated, an entity bomb, an external entity naming a file that holds
# a marker (it must not be read), a DTD to fetch, another root, no tunnel.
head -c 1500 "$peer/generic.xml" >"$tmp/truncated.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE vpn_connection [\n <!ENTITY a "xxxxxxxxxx">\n <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">\n]>\n<vpn_connection id="vpn-0a1b2c3d4e5f67890"><customer_gateway_id>&d;&d;&d;&d;</customer_gateway_id></vpn_connection>\n' >"$tmp/entity-bomb.xml"
echo xxe-file-must-not-be-read >"$tmp/xxe-secret"
printf '<?xml version="1.0"?>\n<!DOCTYPE vpn_connection [ <!ENTITY x SYSTEM "file://%s"> ]>\n<vpn_connection id="vpn-0a1b2c3d4e5f67890"><customer_gateway_id>&x;</customer_gateway_id><ipsec_tunnel/></vpn_connection>\n' "$tmp/xxe-secret" >"$tmp/xxe.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE vpn_connection SYSTEM "file://%s">\n<vpn_connection id="vpn-0a1b2c3d4e5f67890"/>\n' "$tmp/xxe-secret" >"$tmp/external-dtd.xml"
printf '<?xml version="1.0"?>\n<CreateVpnConnectionResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"/>\n' >"$tmp/other-root.xml"
printf '<vpn_connection id="vpn-0a1b2c3d4e5f67890"><customer_gateway_id>cgw-1</customer_gateway_id></vpn_connection>\n' >"$tmp/no-tunnel.xml"
printf '<vpn_connection id="vpn-1"><ipsec_tunnel><ike><lifetime>eight hours</lifetime></ike></ipsec_tunnel></vpn_connection>\n' >"$tmp/xml-not-number.xml"
# The describe JSON with a broken CustomerGatewayConfiguration.
printf '{"VpnConnections": [{"VpnConnectionId": "vpn-1", "CustomerGatewayConfiguration": "<vpn_connection id=\\"vpn-1\\">\\n<ipsec_tunnel><ike><pre_shared_key>embedded-psk-must-not-leak-9"}]}\n' >"$tmp/embedded-truncated.json"
# Terraform: another resource only, a raw state file, a value of the wrong
# type, a plan without its after, truncated.
printf '{"format_version": "1.0", "terraform_version": "1.5.7", "values": {"root_module": {"resources": [{"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web", "values": {"id": "i-0123456789abcdef0"}}]}}}\n' >"$tmp/tf-other-resource.json"
printf '{"version": 4, "terraform_version": "1.5.7", "serial": 3, "lineage": "x", "outputs": {}, "resources": []}\n' >"$tmp/raw.tfstate"
printf '{"format_version": "1.0", "terraform_version": "1.5.7", "values": {"root_module": {"resources": [{"address": "aws_vpn_connection.main", "mode": "managed", "type": "aws_vpn_connection", "values": {"tunnel1_preshared_key": "tf-psk-must-not-leak-9", "tunnel1_dpd_timeout_seconds": "forty"}}]}}}\n' >"$tmp/tf-wrong-type.json"
printf '{"format_version": "1.2", "terraform_version": "1.5.7", "resource_changes": [{"address": "aws_vpn_connection.main", "mode": "managed", "type": "aws_vpn_connection", "change": {"actions": ["create"]}}]}\n' >"$tmp/tf-plan-no-after.json"
head -c 3000 "$peer/tf-state.json" >"$tmp/tf-truncated.json"
while IFS=$'\t' read -r file want; do
	[[ -z "$file" || "$file" == \#* ]] && continue
	"$bin" audit --peer-config "$tmp/$file" "$peer/rtx-good.conf" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [[ $rc -eq 2 && ! -s "$tmp/out" && "$(cat "$tmp/err")" == "mtuprobe audit: --peer-config $tmp/$file: $want" ]] && ! leaks "$tmp/err"; then
		ok
	else
		bad "bad peer file $file (exit $rc): $(cat "$tmp/err")"
	fi
done <<'BAD'
truncated.json	the JSON ends after 700 bytes (line 6) before the document is complete: truncated
other-command.json	the JSON has no VpnConnections array (aws ec2 describe-vpn-connections) and no format_version and terraform_version (terraform show -json): not a peer configuration
one-connection.json	the JSON has one VpnConnection (the output of create-vpn-connection or modify-vpn-tunnel-options), not a VpnConnections array: give the output of aws ec2 describe-vpn-connections
empty-list.json	VpnConnections is empty: the describe-vpn-connections filter matched no VPN connection
wrong-type.json	VpnConnections[0].Options.TunnelOptions[0].DpdTimeoutSeconds is a string, not a number: not describe-vpn-connections output
psk-before-error.json	not valid JSON at byte offset 126 (line 1, column 127): object value separator ',' expected
terraform.json	the Terraform JSON has no aws_vpn_connection resource (0 resources of other types): nothing to pair with the router
empty.json	the file is empty: expected the JSON of aws ec2 describe-vpn-connections, AWS's CustomerGatewayConfiguration XML, or terraform show -json
truncated.xml	not well-formed XML at line 33, column 19: the XML ends before its elements are closed: truncated
entity-bomb.xml	the XML declares an entity or names an external DTD (line 3): refused, entities are never expanded or fetched (AWS's CustomerGatewayConfiguration has no DTD)
xxe.xml	the XML declares an entity or names an external DTD (line 2): refused, entities are never expanded or fetched (AWS's CustomerGatewayConfiguration has no DTD)
external-dtd.xml	the XML declares an entity or names an external DTD (line 2): refused, entities are never expanded or fetched (AWS's CustomerGatewayConfiguration has no DTD)
other-root.xml	the XML's root element is <CreateVpnConnectionResponse>, not <vpn_connection>: not AWS's CustomerGatewayConfiguration
no-tunnel.xml	the vpn_connection has no ipsec_tunnel: nothing to pair
xml-not-number.xml	ipsec_tunnel[0] ike lifetime is not a number (line 1)
embedded-truncated.json	VpnConnections[0].CustomerGatewayConfiguration: not well-formed XML at line 2, column 64: the XML ends before its elements are closed: truncated
tf-other-resource.json	the Terraform JSON has no aws_vpn_connection resource (1 resource of other types): nothing to pair with the router
raw.tfstate	looks like a raw Terraform state file (terraform.tfstate), not terraform show -json: give the output of terraform show -json
tf-wrong-type.json	values.root_module.resources[0].values.tunnel1_dpd_timeout_seconds is a string, not a number: not an aws_vpn_connection of the Terraform AWS provider
tf-plan-no-after.json	resource_changes[0].change.after is missing: not terraform show -json of a plan
tf-truncated.json	the JSON ends after 3000 bytes (line 59) before the document is complete: truncated
BAD

# Over the 16 MB bound of cli/readfile.c: refused before it is parsed, in
# each format (17 MB of JSON; 50 MB of XML and of Terraform JSON, from a
# file and from standard input), in bounded time.
head -c $((17 << 20)) /dev/zero | tr '\0' ' ' >"$tmp/huge.json"
{ printf '<vpn_connection id="vpn-1">'; head -c $((50 << 20)) /dev/zero | tr '\0' ' '; } >"$tmp/huge.xml"
{ printf '{"format_version": "1.0", "terraform_version": "1.5.7", "values": {"root_module": {"resources": ['; head -c $((50 << 20)) /dev/zero | tr '\0' ' '; } >"$tmp/huge-tf.json"
for f in huge.json huge.xml huge-tf.json; do
	timeout 60 "$bin" audit --peer-config "$tmp/$f" "$peer/rtx-good.conf" >"$tmp/out" 2>"$tmp/err"
	[[ $? -eq 2 && ! -s "$tmp/out" && "$(cat "$tmp/err")" == "mtuprobe audit: --peer-config: $tmp/$f is larger than 16 MB: not a router configuration" ]] \
		&& ok || bad "large peer file $f: $(cat "$tmp/err")"
done
timeout 60 "$bin" audit --peer-config - "$peer/rtx-good.conf" <"$tmp/huge.xml" >"$tmp/out" 2>"$tmp/err"
[[ $? -eq 2 && ! -s "$tmp/out" && "$(cat "$tmp/err")" == "mtuprobe audit: --peer-config: standard input is larger than 16 MB: not a router configuration" ]] \
	&& ok || bad "50 MB XML on standard input: $(cat "$tmp/err")"
rm -f "$tmp"/huge*

# Terraform input: every AWS-side fix a finding carries is a Terraform line
# (none dropped because the input was Terraform): the IKE versions list and
# the connection's CIDRs, from tf-state.json with tunnel1 IKEv2-only and a
# narrow local CIDR, against the RTX that speaks IKEv1.
python3 - "$peer/tf-state.json" "$tmp/tf-ike.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def walk(m):
    for r in m.get("resources", []):
        if r["type"] == "aws_vpn_connection":
            r["values"]["tunnel1_ike_versions"] = ["ikev2"]
            r["values"]["local_ipv4_network_cidr"] = "192.0.2.0/24"
    for c in m.get("child_modules", []):
        walk(c)
walk(d["values"]["root_module"])
json.dump(d, open(sys.argv[2], "w"))
PY
"$bin" audit --peer-config "$tmp/tf-ike.json" "$peer/rtx-good.conf" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [[ $rc -eq 5 ]] && grep -qx 'tunnel1_ike_versions = \["ikev1", "ikev2"\]' "$tmp/out" &&
	grep -q '^local_ipv4_network_cidr  = "0.0.0.0/0"' "$tmp/out" && grep -qx 'remote_ipv4_network_cidr = "0.0.0.0/0"' "$tmp/out" &&
	! grep -q 'aws ec2 ' "$tmp/out"; then
	ok
else
	bad "terraform: the list and CIDR fixes as Terraform lines (exit $rc)"; sed -n '/AWS side/,$p' "$tmp/out" | head -12
fi

# probe --peer-config: needs --config (exit 2 before anything), and a bad peer
# file is exit 2 with audit's line before the first probe. The second runs in a
# network namespace of its own holding only loopback (unshare -n) toward
# 127.0.0.1, so that nothing could leave even if it did probe; the measurement
# itself is tests/lab/tunnel.sh config-peer.
"$bin" probe --peer-config "$peer/defaults.json" 192.0.2.1 >"$tmp/out" 2>"$tmp/err"
[[ $? -eq 2 && ! -s "$tmp/out" && "$(cat "$tmp/err")" == "mtuprobe probe: --peer-config needs --config: the pair is the router's configuration and the peer's" ]] \
	&& ok || bad "probe --peer-config without --config: $(cat "$tmp/err")"
if unshare -n true 2>/dev/null; then
	chmod 755 "$tmp"          # probe reads the files as nobody when run as root
	unshare -n sh -c 'ip link set lo up && exec "$@"' sh "$bin" probe --config "$peer/rtx-good.conf" \
		--peer-config "$tmp/truncated.json" 127.0.0.1 >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[[ $rc -eq 2 && ! -s "$tmp/out" && "$(cat "$tmp/err")" == "mtuprobe probe: --peer-config $tmp/truncated.json: the JSON ends after 700 bytes (line 6) before the document is complete: truncated" ]] \
		&& ok || bad "probe with a truncated peer file (exit $rc): $(cat "$tmp/err")"
else
	echo "SKIP probe with a bad peer file: unshare -n not permitted (not counted)"
fi

# Both on standard input: refused.
"$bin" audit --peer-config - - </dev/null >"$tmp/out" 2>"$tmp/err"
[[ $? -eq 2 && "$(cat "$tmp/err")" == "mtuprobe audit: the configuration and --peer-config cannot both be standard input: give one as a file" ]] \
	&& ok || bad "both on stdin: $(cat "$tmp/err")"

# The JSON documents queued above, in one process.
python3 "$here/peer_json.py" --batch "$tmp/batch" >"$tmp/verdicts"
verdicts peer_json.py "$tmp/verdicts" "$(wc -l <"$tmp/batch")"

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
