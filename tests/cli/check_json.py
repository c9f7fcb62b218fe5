#!/usr/bin/env python3
"""Validates `mtuprobe calc --json` against the schema in mtuprobe(1), JSON OUTPUT,
and checks that the numbers are consistent with each other (layers sum to
packet_bytes, MSS = MTU - 40 / - 60). Usage: check_json.py MTUPROBE"""
import json
import subprocess
import sys

INT, STR, BOOL, LIST, OBJ, NULL = int, str, bool, list, dict, type(None)
SCHEMA = {
    "mtuprobe": (STR,), "command": (STR,), "line": (STR, NULL),
    "link_mtu": (INT,), "wan_mtu": (INT,), "wan_mss_ipv4": (INT,),
    "wan_mtu_ipv6": (INT, NULL), "wan_mss_ipv6": (INT, NULL), "esp": (OBJ, NULL), "peer": (STR, NULL),
    "tunnel_mtu_model": (INT, NULL), "tunnel_mtu": (INT, NULL), "capped": (BOOL,),
    "mss_ipv4": (INT,), "mss_ipv6": (INT, NULL), "stack": (LIST,), "layers": (LIST,),
    "packet_bytes": (INT,), "steps": (LIST,), "warnings": (LIST,),
}
ESP = {"proposal": (STR,), "cipher": (STR,), "integrity": (STR, NULL), "mode": (STR,),
       "iv": (INT,), "block": (INT,), "icv": (INT,), "pad": (INT,)}

CASES = [
    (["calc", "--line", "flets-pppoe", "--esp", "aes128-sha1", "--nat-t", "--peer", "aws"],
     {"wan_mtu": 1454, "tunnel_mtu": 1374, "mss_ipv4": 1334, "mss_ipv6": 1314, "packet_bytes": 1440}),
    (["calc", "--wan-mtu", "1454", "--esp", "aes128gcm16", "--nat-t"],
     {"tunnel_mtu": 1390, "mss_ipv4": 1350, "mss_ipv6": 1330}),
    (["calc", "--wan-mtu", "1500", "--esp", "null-sha1", "--peer", "aws"],
     {"tunnel_mtu": 1446, "tunnel_mtu_model": 1458, "capped": True, "mss_ipv4": 1406}),
    (["calc", "--line", "pppoe"], {"wan_mtu": 1492, "tunnel_mtu": None, "mss_ipv4": 1452}),
    (["calc", "--ping-payload", "1252", "--esp", "aes128-sha1", "--nat-t"],
     {"wan_mtu": 1280, "tunnel_mtu": 1214, "mss_ipv6": None}),
    (["calc", "--wan-mtu", "1500", "--stack", "pppoe,ipv4,udp,wireguard"],
     {"link_mtu": 1500, "wan_mtu": 1492, "tunnel_mtu": 1432}),
    # MAP-E: 1460 is IPv4 inside the 4in6 tunnel; IPv6 is native at 1500 (RFC 7597),
    # so the WAN's IPv6 MSS is 1500 - 60, never 1460 - 60.
    (["calc", "--line", "map-e", "--esp", "aes128-sha1", "--nat-t"],
     {"wan_mtu": 1460, "wan_mtu_ipv6": 1500, "wan_mss_ipv4": 1420, "wan_mss_ipv6": 1440}),
    (["calc", "--wan-mtu", "1500", "--stack", "ds-lite,ipv4,esp", "--esp", "aes128-sha1"],
     {"link_mtu": 1500, "wan_mtu": 1460, "wan_mtu_ipv6": 1500, "wan_mss_ipv6": 1440}),
    (["calc", "--line", "flets-pppoe"], {"wan_mtu": 1454, "wan_mtu_ipv6": 1454, "wan_mss_ipv6": 1394}),
]


def check_types(obj, schema, where):
    errors = []
    for key, types in schema.items():
        if key not in obj:
            errors.append(f"{where}: missing key {key}")
        elif type(obj[key]) not in types:
            errors.append(f"{where}: {key} is {type(obj[key]).__name__}")
    for key in obj:
        if key not in schema and where == "top":
            errors.append(f"{where}: undocumented key {key}")
    return errors


def check_one(binary, args, want):
    out = subprocess.run([binary, *args, "--json"], capture_output=True, text=True, check=False)
    if out.returncode != 0 or out.stderr:
        return [f"exit {out.returncode}: {out.stderr.strip()}"]
    doc = json.loads(out.stdout)
    errors = check_types(doc, SCHEMA, "top")
    if doc.get("esp") is not None:
        errors += check_types(doc["esp"], ESP, "esp")
    for key, value in want.items():
        if doc.get(key) != value:
            errors.append(f"{key} = {doc.get(key)!r}, want {value!r}")
    if doc["layers"] and sum(l["bytes"] for l in doc["layers"]) != doc["packet_bytes"]:
        errors.append("layers do not sum to packet_bytes")
    if doc["packet_bytes"] > doc["link_mtu"]:
        errors.append("packet_bytes above link_mtu")
    mtu = doc["tunnel_mtu"] if doc["tunnel_mtu"] is not None else doc["wan_mtu"]
    if doc["mss_ipv4"] != min(mtu - 40, 1406 if doc["peer"] == "aws" else 65535):
        errors.append("mss_ipv4 is not MTU - 40")
    if doc["mss_ipv6"] is not None and doc["mss_ipv6"] != mtu - 60:
        errors.append("mss_ipv6 is not MTU - 60")
    if not all(isinstance(w, str) for w in doc["warnings"]):
        errors.append("warnings must be strings")
    return errors


def main():
    binary = sys.argv[1]
    passed = failed = 0
    for args, want in CASES:
        errors = check_one(binary, args, want)
        if errors:
            failed += 1
            print("FAIL", " ".join(args), *errors, sep="\n  ")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
