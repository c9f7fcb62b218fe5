#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The JSON of `mtuprobe audit --json --peer-config ROUTER2 ROUTER1`
(tests/audit/peer-router.sh): both files' findings, the pairs and the pair
findings as id@LINE_A/LINE_B, and the schema of peer_config.
Usage: pair_json.py FILE.json A B PAIRS FINDINGS   one document; each a
                            comma-separated list, or - for none
       pair_json.py --batch LIST   each line of LIST: LABEL<TAB>FILE.json<TAB>A<TAB>B<TAB>PAIRS<TAB>FINDINGS;
                            a verdict line for each (tests/cli/verdicts.py)"""
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import verdicts  # noqa: E402: tests/cli/verdicts.py, the verdict lines verdicts.sh reads


def pair_errors(doc, want_a, want_b, want_pairs, want_f):
    errors = []
    p = doc.get("peer_config")
    if not isinstance(p, dict):
        return ["no peer_config object"]
    KEYS = {"file": str, "kind": str, "format": str, "audit": dict, "errors": int, "warnings": int,
            "pairs": list, "notes": list, "findings": list, "fix": list, "peer_fix": list}
    for k, t in KEYS.items():
        if not isinstance(p.get(k), t):
            errors.append(f"peer_config.{k}: {p.get(k)!r}")
    for k in set(p) - set(KEYS):
        errors.append(f"peer_config: unknown key {k}")
    if p.get("kind") != "router" or p.get("format") not in ("rtx", "ix", "strongswan", "ipsec-conf", "junos", "cisco-ios"):
        errors.append(f"kind {p.get('kind')} format {p.get('format')}")
    if p.get("audit", {}).get("command") != "audit" or p["audit"].get("vendor") != p.get("format"):
        errors.append("peer_config.audit is not the second file's audit object")
    ids = lambda fs: [f"{f['id']}@{f['line']}" for f in fs]
    if ids(doc["findings"]) != want_a:
        errors.append(f"first file's findings {ids(doc['findings'])}, want {want_a}")
    if ids(p["audit"]["findings"]) != want_b:
        errors.append(f"second file's findings {ids(p['audit']['findings'])}, want {want_b}")
    got = [f"{x['config_tunnel']}<->{x['peer_tunnel']}:{x['by']}" for x in p["pairs"]]
    if got != want_pairs:
        errors.append(f"pairs {got}, want {want_pairs}")
    for x in p["pairs"]:
        if x["by"] not in ("outside", "outside-one-way", "inside", "identity") or not all(isinstance(s, str) for s in x["not_checked"]):
            errors.append(f"pair {x}")
    END = {"tunnel": (str, type(None)), "line": int, "text": str, "fix": list}
    got = []
    for f in p["findings"]:
        for k in ("id", "severity", "message", "source"):
            if not isinstance(f.get(k), str) or not f[k]:
                errors.append(f"finding {f.get('id')}: {k}")
        for e in ("config", "peer"):
            for k, t in END.items():
                if not isinstance(f[e].get(k), t):
                    errors.append(f"finding {f['id']}.{e}.{k}")
            if not all(isinstance(s, str) for s in f[e]["fix"]):
                errors.append(f"finding {f['id']}.{e}.fix")
        got.append(f"{f['id']}@{f['config']['line']}/{f['peer']['line']}")
    if got != want_f:
        errors.append(f"pair findings {got}, want {want_f}")
    sev = [f["severity"] for f in p["findings"]]
    if p["errors"] != sev.count("error") or p["warnings"] != sev.count("warning"):
        errors.append("peer_config errors/warnings do not count its findings")
    return errors


def errors_of_row(path, *wants):
    with open(path) as f:
        doc = json.load(f)
    return pair_errors(doc, *[[] if a == "-" else a.split(",") for a in wants])


if __name__ == "__main__":
    sys.exit(verdicts.main(errors_of_row, __doc__))
