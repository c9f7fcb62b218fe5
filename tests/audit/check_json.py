#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Validates one `mtuprobe audit --json` document against the schema in
mtuprobe(1), AUDIT JSON, and checks that its findings are exactly the
expected ones. Usage: check_json.py FILE.json 'id@line,id@line' (or '-')"""
import json
import sys

INT, STR, BOOL, LIST, NULL = int, str, bool, list, type(None)
TOP = {"mtuprobe": (STR,), "command": (STR,), "file": (STR,), "vendor": (STR,),
       "peer": (STR,), "line_mtu": (INT, NULL), "lines": (INT,), "unread": (INT,),
       "errors": (INT,), "warnings": (INT,), "findings": (LIST,), "tunnels": (LIST,),
       "notes": (LIST,), "fix": (LIST,)}
FINDING = {"id": (STR,), "severity": (STR,), "line": (INT,), "interface": (STR,),
           "text": (STR,), "message": (STR,), "source": (STR,), "fix": (LIST,)}
TUNNEL = {"name": (STR,), "mtu": (INT, NULL), "mtu_default": (BOOL,), "esp": (STR, NULL),
          "nat_t": (BOOL,), "limit": (INT, NULL), "mss": (INT, NULL)}
IDS = {"mss-above-tunnel-mtu", "tunnel-mtu-above-model", "no-mss-clamp", "outer-df-clear",
       "no-dead-peer-detection", "no-ike-initiator", "initiator-against-responder-peer",
       "ikev1-backward-compat", "narrow-selectors-with-bgp", "nat-t-off"}


def check(obj, schema, where, strict):
    errors = [f"{where}: missing {k}" for k in schema if k not in obj]
    errors += [f"{where}: {k} is {type(obj[k]).__name__}" for k, t in schema.items()
               if k in obj and type(obj[k]) not in t]
    if strict:
        errors += [f"{where}: undocumented key {k}" for k in obj if k not in schema]
    return errors


def main():
    doc = json.load(open(sys.argv[1]))
    want = [] if sys.argv[2] == "-" else sys.argv[2].split(",")
    errors = check(doc, TOP, "top", True)
    for i, f in enumerate(doc.get("findings", [])):
        errors += check(f, FINDING, f"findings[{i}]", True)
        if f.get("id") not in IDS:
            errors.append(f"findings[{i}]: unknown id {f.get('id')}")
        if f.get("severity") not in ("error", "warning", "info"):
            errors.append(f"findings[{i}]: severity {f.get('severity')}")
        if not all(isinstance(x, str) for x in f.get("fix", [])):
            errors.append(f"findings[{i}]: fix lines must be strings")
    for i, t in enumerate(doc.get("tunnels", [])):
        errors += check(t, TUNNEL, f"tunnels[{i}]", True)
    got = [f"{f['id']}@{f['line']}" for f in doc.get("findings", [])]
    if got != want:
        errors.append(f"findings {got}, want {want}")
    sev = [f["severity"] for f in doc.get("findings", [])]
    if doc.get("errors") != sev.count("error") or doc.get("warnings") != sev.count("warning"):
        errors.append("errors/warnings do not count the findings")
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
