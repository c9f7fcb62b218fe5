#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# audit --peer-config: router configurations paired with the JSON of
# aws ec2 describe-vpn-connections (tests/audit/peer/*.json, shapes from the
# EC2 API reference: see tests/audit/peer/README.md). For each case: the exit
# code, the router's findings and the pair's findings by id@line from --json
# (exactly, in order), the peer_config schema, the same exit code in text and
# -q mode with nothing on stderr, and no secret of the fixtures (PreSharedKey,
# the keys inside CustomerGatewayConfiguration) anywhere in the output. Then
# the field case 2 text output exactly, and bad input: exit 2, one exact line.
# Usage: peer.sh MTUPROBE SRCDIR [--update]  (--update rewrites peer/expected/*.out)
set -uo pipefail
bin=$1 src=$2 update=${3:-}
here=$src/tests/audit peer=$src/tests/audit/peer cfg=$src/tests/audit/configs
fail=0 pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

# Every secret the fixtures carry; none may be printed, in any mode.
secrets='psk-must-not-leak|cgwconf-psk-must-not-leak|example-secret'
leaks() { grep -Eq "$secrets" "$@"; }

# The JSON: the router's findings, the pair's findings, the schema of the
# "peer_config" member (mtuprobe(1), Auditing both ends); the router's part
# must still pass check_json.py once peer_config is taken out.
check_json() {
	python3 - "$1" "$2" "$3" "$here/check_json.py" <<'PY'
import json, os, subprocess, sys, tempfile
doc = json.load(open(sys.argv[1]))
want_router = [] if sys.argv[2] == "-" else sys.argv[2].split(",")
want_pair = [] if sys.argv[3] == "-" else sys.argv[3].split(",")
errors = []
p = doc.pop("peer_config", None)
if p is None:
    sys.exit("no peer_config member")
INT, STR, BOOL, LIST, NULL, OBJ = int, str, bool, list, type(None), dict
PEER = {"file": (STR,), "format": (STR,), "secrets_not_read": (INT,), "errors": (INT,),
        "warnings": (INT,), "connections": (LIST,), "tunnels": (LIST,), "findings": (LIST,),
        "fix": (LIST,), "rollback": (LIST,), "aws_fix": (LIST,)}
CONN = {"id": (STR,), "customer_gateway": (STR, NULL), "category": (STR, NULL),
        "gateway": (STR, NULL), "transit_gateway": (BOOL,), "static_routes_only": (BOOL,),
        "static_routes_only_default": (BOOL,), "acceleration": (BOOL,),
        "acceleration_default": (BOOL,), "local_ipv4_cidr": (STR,), "remote_ipv4_cidr": (STR,),
        "tunnel_inside_ip_version": (STR,), "outside_ip_address_type": (STR,)}
TUN = {"outside": (STR,), "connection": (STR,), "inside_cidr": (STR, NULL),
       "dpd_timeout_seconds": (INT,), "dpd_timeout_action": (STR,), "startup_action": (STR,),
       "ike_versions": (STR,), "phase1_lifetime": (INT,), "phase2_lifetime": (INT,),
       "defaults": (LIST,), "telemetry": (OBJ, NULL), "router_tunnel": (STR, NULL),
       "paired_by": (STR, NULL)}
FIND = {"id": (STR,), "severity": (STR,), "line": (INT,), "interface": (STR,),
        "router_tunnel": (STR, NULL), "text": (STR,), "message": (STR,), "source": (STR,),
        "fix": (LIST,), "aws_fix": (LIST,)}
IDS = {"peer-address-mismatch", "dpd-clear-router-never-initiates",
       "startup-add-router-never-initiates", "static-router-on-bgp-connection",
       "bgp-router-on-static-connection", "nat-t-off-accelerated", "mss-above-aws-max",
       "mtu-above-aws-max", "tunnel-down-telemetry"}
sys.path.insert(0, os.path.dirname(sys.argv[4]))
from check_json import check as check_keys   # the audit's own schema checker
def check(obj, schema, where):
    errors.extend(check_keys(obj, schema, where, True))
check(p, PEER, "peer_config")
for i, c in enumerate(p.get("connections", [])):
    check(c, CONN, f"connections[{i}]")
for i, t in enumerate(p.get("tunnels", [])):
    check(t, TUN, f"tunnels[{i}]")
    if t.get("paired_by") not in ("outside", "inside", None):
        errors.append(f"tunnels[{i}]: paired_by {t.get('paired_by')}")
for i, f in enumerate(p.get("findings", [])):
    check(f, FIND, f"findings[{i}]")
    if f.get("id") not in IDS:
        errors.append(f"findings[{i}]: unknown id {f.get('id')}")
    if not all(isinstance(x, str) for x in f.get("fix", []) + f.get("aws_fix", [])):
        errors.append(f"findings[{i}]: fix lines must be strings")
got = [f"{f['id']}@{f['line']}" for f in p.get("findings", [])]
if got != want_pair:
    errors.append(f"pair findings {got}, want {want_pair}")
sev = [f["severity"] for f in p.get("findings", [])]
if p.get("errors") != sev.count("error") or p.get("warnings") != sev.count("warning"):
    errors.append("peer_config errors/warnings do not count its findings")
with tempfile.NamedTemporaryFile("w", suffix=".json") as t:
    json.dump(doc, t)
    t.flush()
    r = subprocess.run([sys.executable, sys.argv[4], t.name, sys.argv[2]], capture_output=True, text=True)
    if r.returncode:
        errors.append("router part: " + r.stdout.strip() + r.stderr.strip())
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
PY
}

# name, exit, router findings, pair findings, router configuration, peer file
while IFS=$'\t' read -r name want router pairf conf pfile; do
	[[ -z "$name" || "$name" == \#* ]] && continue
	conf=${conf/\$cfg/$cfg} conf=${conf/\$peer/$peer}
	"$bin" audit --json --peer-config "$peer/$pfile" "$conf" >"$tmp/json" 2>"$tmp/err"
	rc=$?
	if [[ $rc -ne $want || -s "$tmp/err" ]] || ! check_json "$tmp/json" "$router" "$pairf" >"$tmp/diff"; then
		bad "peer $name --json (exit $rc, want $want)"; cat "$tmp/diff" "$tmp/err"; continue
	fi
	"$bin" audit --peer-config "$peer/$pfile" "$conf" >"$tmp/text" 2>>"$tmp/err"; rc1=$?
	"$bin" audit -q --peer-config "$peer/$pfile" "$conf" >"$tmp/quiet" 2>>"$tmp/err"; rc2=$?
	if [[ $rc1 -ne $want || $rc2 -ne $want || -s "$tmp/err" ]]; then
		bad "peer $name text/-q (exit $rc1, $rc2, want $want)"; cat "$tmp/err"; continue
	fi
	if leaks "$tmp/json" "$tmp/text" "$tmp/quiet" "$tmp/err"; then
		bad "peer $name: a secret of the fixture was printed"; continue
	fi
	ok
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
aws-yamaha-static	5	mss-above-tunnel-mtu@28,mss-above-tunnel-mtu@56,outer-df-clear@21,outer-df-clear@50	bgp-router-on-static-connection@35,bgp-router-on-static-connection@62	$cfg/aws-yamaha.conf	static.json
# accelerated, NAT-T off (AWS's sample has none) and on (the PPPoE site)
aws-yamaha-accelerated	5	mss-above-tunnel-mtu@28,mss-above-tunnel-mtu@56,outer-df-clear@21,outer-df-clear@50	nat-t-off-accelerated@11,nat-t-off-accelerated@41	$cfg/aws-yamaha.conf	accelerated.json
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
# ipsec.conf (config/ipsecconf.c) fills the fields swan.c fills: paired by
# right= (the outside address), its auto/dpdaction read as the router's side
ipsecconf-noinit-defaults	5	-	dpd-clear-router-never-initiates@9,startup-add-router-never-initiates@9,static-router-on-bgp-connection@7,static-router-on-bgp-connection@26	$cfg/ipsecconf-aws-openswan-noinit.conf	defaults.json
ipsecconf-strongswan-bgp-defaults	0	-	-	$cfg/ipsecconf-aws-strongswan.conf	defaults.json
ipsecconf-libreswan-vti-defaults	0	-	-	$cfg/ipsecconf-libreswan-also.conf	defaults.json
ix-ikev2-accelerated	5	mss-above-tunnel-mtu@29,tunnel-mtu-above-model@28	peer-address-mismatch@0,nat-t-off-accelerated@25	$cfg/ix-ikev2.conf	accelerated.json
CASES

# Field case 2 as text, exactly (README shows it), and -q: the lines alone.
for g in "field2:audit --peer-config $peer/defaults.json $peer/rtx-field2.conf" \
	 "field2-quiet:audit -q --peer-config $peer/defaults.json $peer/rtx-field2.conf"; do
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

# The router file from standard input, the peer file named (and the reverse).
"$bin" audit --json --peer-config "$peer/defaults.json" - <"$peer/rtx-field2.conf" >"$tmp/json" 2>"$tmp/err"
[[ $? -eq 5 ]] && check_json "$tmp/json" - "dpd-clear-router-never-initiates@9,dpd-clear-router-never-initiates@26,startup-add-router-never-initiates@9,startup-add-router-never-initiates@26" \
	&& ok || bad "router config on standard input: $(cat "$tmp/err")"
"$bin" audit --json --peer-config - "$peer/rtx-good.conf" <"$peer/down.json" >"$tmp/json" 2>"$tmp/err"
[[ $? -eq 5 ]] && check_json "$tmp/json" - "tunnel-down-telemetry@25" && ok || bad "peer file on standard input: $(cat "$tmp/err")"

# Bad input: exit 2, nothing on standard output, exactly one line on stderr,
# never a secret. name, stderr after "mtuprobe audit: --peer-config FILE: ".
head -c 700 "$peer/restart-start.json" >"$tmp/truncated.json"
printf '{"Reservations": [{"Instances": []}]}\n' >"$tmp/other-command.json"
printf '{"VpnConnection": {"VpnConnectionId": "vpn-0a1b2c3d4e5f67890"}}\n' >"$tmp/one-connection.json"
printf '{"VpnConnections": []}\n' >"$tmp/empty-list.json"
printf '{"VpnConnections": [{"VpnConnectionId": "vpn-1", "Options": {"TunnelOptions": [{"PreSharedKey": "psk-must-not-leak-1", "DpdTimeoutSeconds": "psk-must-not-leak-2"}]}}]}\n' >"$tmp/wrong-type.json"
printf '{"VpnConnections": [{"Options": {"TunnelOptions": [{"PreSharedKey": "psk-must-not-leak-3", "OutsideIpAddress": "198.51.100.1" "x"}]}}]}\n' >"$tmp/psk-before-error.json"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<vpn_connection id="vpn-0a1b2c3d4e5f67890">\n  <ipsec_tunnel/>\n</vpn_connection>\n' >"$tmp/cgw-config.xml"
printf '{"format_version": "1.0", "terraform_version": "1.5.7", "values": {"root_module": {}}}\n' >"$tmp/terraform.json"
: >"$tmp/empty.json"
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
other-command.json	the JSON has no VpnConnections array: not aws ec2 describe-vpn-connections output
one-connection.json	the JSON has one VpnConnection (the output of create-vpn-connection or modify-vpn-tunnel-options), not a VpnConnections array: give the output of aws ec2 describe-vpn-connections
empty-list.json	VpnConnections is empty: the describe-vpn-connections filter matched no VPN connection
wrong-type.json	VpnConnections[0].Options.TunnelOptions[0].DpdTimeoutSeconds is a string, not a number: not describe-vpn-connections output
psk-before-error.json	not valid JSON at byte offset 126 (line 1, column 127): object value separator ',' expected
cgw-config.xml	looks like XML (the CustomerGatewayConfiguration document or the console's download): not supported yet; give the JSON of aws ec2 describe-vpn-connections
terraform.json	looks like Terraform JSON (terraform show -json): not supported yet; give the JSON of aws ec2 describe-vpn-connections
empty.json	the file is empty: expected the JSON of aws ec2 describe-vpn-connections
BAD

# Over the 16 MB bound of cli/readfile.c: refused before it is parsed.
head -c $((17 << 20)) /dev/zero | tr '\0' ' ' >"$tmp/huge.json"
"$bin" audit --peer-config "$tmp/huge.json" "$peer/rtx-good.conf" >"$tmp/out" 2>"$tmp/err"
[[ $? -eq 2 && ! -s "$tmp/out" && "$(cat "$tmp/err")" == "mtuprobe audit: --peer-config: $tmp/huge.json is larger than 16 MB: not a router configuration" ]] \
	&& ok || bad "17 MB peer file: $(cat "$tmp/err")"

# Both on standard input: refused.
"$bin" audit --peer-config - - </dev/null >"$tmp/out" 2>"$tmp/err"
[[ $? -eq 2 && "$(cat "$tmp/err")" == "mtuprobe audit: the configuration and --peer-config cannot both be standard input: give one as a file" ]] \
	&& ok || bad "both on stdin: $(cat "$tmp/err")"

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
