#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The JSON of `mtuprobe audit --json --peer-config` (tests/audit/peer.sh): the
router's findings, the pair's findings, the schema of the "peer_config" member
(mtuprobe(1), Auditing both ends); the router's part must still pass
check_json.py once peer_config is taken out.
Usage: peer_json.py FILE.json ROUTER PAIR   one document (ROUTER, PAIR: as below)
       peer_json.py --batch LIST   each line of LIST:
           LABEL<TAB>FILE.json<TAB>router id@line,... (or -)<TAB>pair id@line,... (or -);
           a verdict line for each (tests/cli/verdicts.py): one process for
           every case of peer.sh"""
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_json import check as check_keys, counted, errors_of, verdicts  # noqa: E402: the audit's own checks

INT, STR, BOOL, LIST, NULL, OBJ = int, str, bool, list, type(None), dict
PEER = {"file": (STR,), "format": (STR,), "secrets_not_read": (INT,), "errors": (INT,),
        "warnings": (INT,), "connections": (LIST,), "tunnels": (LIST,), "findings": (LIST,),
        "fix": (LIST,), "rollback": (LIST,), "aws_fix": (LIST,)}
CONN = {"id": (STR,), "customer_gateway": (STR, NULL), "category": (STR, NULL),
        "gateway": (STR, NULL), "transit_gateway": (BOOL,), "static_routes_only": (BOOL,),
        "static_routes_only_default": (BOOL,), "acceleration": (BOOL,),
        "acceleration_default": (BOOL,), "local_ipv4_cidr": (STR,), "remote_ipv4_cidr": (STR,),
        "tunnel_inside_ip_version": (STR,), "outside_ip_address_type": (STR,),
        "terraform_address": (STR, NULL), "unknown": (LIST,)}
TUN = {"outside": (STR,), "connection": (STR,), "inside_cidr": (STR, NULL),
       "dpd_timeout_seconds": (INT,), "dpd_timeout_action": (STR,), "startup_action": (STR,),
       "ike_versions": (STR,), "phase1_lifetime": (INT,), "phase2_lifetime": (INT,),
       "rekey_margin_seconds": (INT,), "rekey_fuzz_percentage": (INT,),
       "phase1_encryption": (LIST,), "phase2_encryption": (LIST,), "phase1_integrity": (LIST,),
       "phase2_integrity": (LIST,), "phase1_dh_groups": (LIST,), "phase2_dh_groups": (LIST,),
       "defaults": (LIST,), "not_checked": (LIST,), "telemetry": (OBJ, NULL), "router_tunnel": (STR, NULL),
       "paired_by": (STR, NULL), "customer_gateway_outside": (STR, NULL),
       "customer_gateway_inside": (STR, NULL), "aws_inside": (STR, NULL),
       "customer_gateway_asn": (INT, NULL), "aws_asn": (INT, NULL), "bgp_hold_time": (INT, NULL),
       "tcp_mss_adjustment": (INT, NULL), "unknown": (LIST,)}
FORMATS = {"aws-describe-vpn-connections", "aws-customer-gateway-xml", "terraform-state",
           "terraform-plan"}
FIND = {"id": (STR,), "severity": (STR,), "line": (INT,), "interface": (STR,),
        "router_tunnel": (STR, NULL), "text": (STR,), "message": (STR,), "source": (STR,),
        "fix": (LIST,), "aws_fix": (LIST,)}
IDS = {"peer-address-mismatch", "dpd-clear-router-never-initiates",
       "startup-add-router-never-initiates", "static-router-on-bgp-connection",
       "bgp-router-on-static-connection", "nat-t-off-accelerated", "mss-above-aws-max",
       "mtu-above-aws-max", "tunnel-down-telemetry", "inside-address-mismatch", "psk-mismatch",
       "proposal-mismatch", "dpd-hold-mismatch", "lifetime-mismatch", "narrow-selectors-with-bgp"}
ENC = {"AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16", "other"}
INTEG = {"SHA1", "SHA2-256", "SHA2-384", "SHA2-512", "other"}


def peer_errors(doc, want_router, want_pair):
    errors = []

    def check(obj, schema, where):
        errors.extend(check_keys(obj, schema, where, True))

    p = doc.pop("peer_config", None)
    if p is None:
        return ["no peer_config member"]
    check(p, PEER, "peer_config")
    if p.get("format") not in FORMATS:
        errors.append(f"peer_config: format {p.get('format')}")
    for i, c in enumerate(p.get("connections", [])):
        check(c, CONN, f"connections[{i}]")
    for i, t in enumerate(p.get("tunnels", [])):
        check(t, TUN, f"tunnels[{i}]")
        for key, names in (("phase1_encryption", ENC), ("phase2_encryption", ENC),
                           ("phase1_integrity", INTEG), ("phase2_integrity", INTEG)):
            if not set(t.get(key, [])) <= names:
                errors.append(f"tunnels[{i}]: {key} {t.get(key)}")
        if not all(isinstance(g, int) and 1 <= g <= 30 for g in t.get("phase1_dh_groups", []) + t.get("phase2_dh_groups", [])):
            errors.append(f"tunnels[{i}]: DH groups")
        if not all(isinstance(x, str) for x in t.get("not_checked", [])):
            errors.append(f"tunnels[{i}]: not_checked must be strings")
        if t.get("paired_by") not in ("outside", "inside", None):
            errors.append(f"tunnels[{i}]: paired_by {t.get('paired_by')}")
    for i, f in enumerate(p.get("findings", [])):
        check(f, FIND, f"findings[{i}]")
        if f.get("id") not in IDS:
            errors.append(f"findings[{i}]: unknown id {f.get('id')}")
        if not all(isinstance(x, str) for x in f.get("fix", []) + f.get("aws_fix", [])):
            errors.append(f"findings[{i}]: fix lines must be strings")
    errors += counted(p, want_pair, "peer_config: ")
    # the router's part, peer_config taken out: what check_json.py says of it
    errors += ["router part: " + e for e in errors_of(doc, want_router)]
    return errors


def errors_of_row(path, router, pair):
    with open(path) as f:
        doc = json.load(f)
    return peer_errors(doc, *[[] if w == "-" else w.split(",") for w in (router, pair)])


if __name__ == "__main__":
    sys.exit(verdicts.main(errors_of_row, __doc__))
