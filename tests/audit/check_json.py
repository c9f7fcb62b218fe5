#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Validates `mtuprobe audit --json` documents against the schema in
mtuprobe(1), AUDIT JSON, and checks that their findings are exactly the
expected ones.
Usage: check_json.py FILE.json 'id@line,id@line' (or '-')     one document
       check_json.py --batch LIST                            many: each line of LIST is
              LABEL<TAB>FILE.json<TAB>id@line,... (or -); a verdict line for
              each (tests/cli/verdicts.py).
One process for a whole run: tests/audit/run.sh checks over 200 documents, and
a python3 start costs more than the audit it checks (0.2 s through a pyenv shim)."""
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import verdicts  # noqa: E402: tests/cli/verdicts.py, the verdict lines verdicts.sh reads

INT, STR, BOOL, LIST, NULL = int, str, bool, list, type(None)
TOP = {"mtuprobe": (STR,), "command": (STR,), "file": (STR,), "vendor": (STR,),
       "peer": (STR,), "peer_hint": (STR, NULL), "line_mtu": (INT, NULL), "line_mtu_from": (STR, NULL), "lines": (INT,),
       "unread": (INT,), "read": (INT,), "invalid": (INT,), "unread_lines": (LIST,),
       "placeholders": (LIST,), "errors": (INT,), "warnings": (INT,), "findings": (LIST,),
       "tunnels": (LIST,), "notes": (LIST,), "fix": (LIST,), "rollback": (LIST,),
       "policy": (STR,)}
FINDING = {"id": (STR,), "severity": (STR,), "line": (INT,), "interface": (STR,), "description": (STR, NULL),
           "text": (STR,), "message": (STR,), "source": (STR,), "fix": (LIST,)}
TUNNEL = {"name": (STR,), "mtu": (INT, NULL), "mtu_default": (BOOL,), "esp": (STR, NULL), "esp_offered": (LIST,),
          "nat_t": (BOOL,), "nat_t_auto": (BOOL,), "outer": (STR,), "limit": (INT, NULL), "limit_nat_t": (INT, NULL), "mss": (INT, NULL), "kind": (STR,),
          "checked": (BOOL,), "not_checked": (STR, NULL), "fix_mtu": (INT, NULL),
          "alt_mtu": (INT, NULL), "alt_mss": (INT, NULL), "clamp": (STR, NULL)}
KINDS = {"ipsec", "l2tpv3-ipsec", "l2tpv3", "l2tp", "map-e", "ipip", "ipip4", "gre", "transport", "other"}
IDS = {"mss-above-tunnel-mtu", "tunnel-mtu-above-model", "no-mss-clamp", "outer-df-clear",
       "no-dead-peer-detection", "slow-dead-peer-detection", "no-ike-initiator", "initiator-against-responder-peer",
       "ikev1-backward-compat", "narrow-selectors-with-bgp", "nat-t-off", "no-reinitiation",
       "invalid-line", "undefined-reference", "line-mtu-above-path", "ike-address-not-held"}


def check(obj, schema, where, strict):
    errors = [f"{where}: missing {k}" for k in schema if k not in obj]
    errors += [f"{where}: {k} is {type(obj[k]).__name__}" for k, t in schema.items()
               if k in obj and type(obj[k]) not in t]
    if strict:
        errors += [f"{where}: undocumented key {k}" for k in obj if k not in schema]
    return errors


def errors_of(doc, want):
    """The list of what is wrong with DOC (an audit --json object) whose
    findings should be WANT (a list of "id@line"); empty when it is right."""
    errors = check(doc, TOP, "top", True)
    if doc.get("vendor") not in ("rtx", "ix", "strongswan", "ipsec-conf", "fortigate", "routeros", "junos", "vyos", "cisco-ios"):
        errors.append(f"vendor {doc.get('vendor')}: not one of the documented formats")
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
        if t.get("kind") not in KINDS:
            errors.append(f"tunnels[{i}]: kind {t.get('kind')}")
        if t.get("checked") != (t.get("not_checked") is None):
            errors.append(f"tunnels[{i}]: checked and not_checked disagree")
        offered = t.get("esp_offered", [])
        if (t.get("esp") is None) != (offered == []) or (t.get("esp") and t["esp"] not in offered):
            errors.append(f"tunnels[{i}]: esp {t.get('esp')} is not one of esp_offered {offered}")
    # every line accounted for: unread spans are ordered, disjoint, within
    # the file, and count what "unread" says; read + unread + invalid <= lines
    spans, last, total = doc.get("unread_lines", []), 0, 0
    for s in spans:
        if not (isinstance(s, list) and len(s) == 2 and last < s[0] <= s[1] <= doc.get("lines", 0)):
            errors.append(f"unread_lines: bad span {s}")
            break
        last, total = s[1], total + s[1] - s[0] + 1
    if total != doc.get("unread"):
        errors.append(f"unread_lines cover {total} lines, unread says {doc.get('unread')}")
    if doc.get("read", 0) + doc.get("unread", 0) + doc.get("invalid", 0) > doc.get("lines", 0):
        errors.append("read + unread + invalid exceed the lines")
    invalid = sum(1 for f in doc.get("findings", []) if f.get("id") == "invalid-line")
    if invalid != doc.get("invalid"):
        errors.append(f"{invalid} invalid-line findings, invalid says {doc.get('invalid')}")
    # peer_hint: only without --peer, and a note names the --peer it suggests
    hint = doc.get("peer_hint")
    if hint is not None and (doc.get("peer") != "generic" or
                             not any(f"--peer {hint} " in n for n in doc.get("notes", []))):
        errors.append(f"peer_hint {hint} with peer {doc.get('peer')} and no note suggesting --peer {hint}")
    for i, p in enumerate(doc.get("placeholders", [])):
        if set(p) != {"line", "token"} or not isinstance(p["line"], int) or not isinstance(p["token"], str):
            errors.append(f"placeholders[{i}]: {p}")
    return errors + counted(doc, want, "")


def counted(obj, want, where):
    """OBJ's findings are exactly WANT ("id@line", in order), and its errors
    and warnings count them (the router's document, or peer_config: WHERE)."""
    errors = []
    got = [f"{f['id']}@{f['line']}" for f in obj.get("findings", [])]
    if got != want:
        errors.append(f"{where}findings {got}, want {want}")
    sev = [f["severity"] for f in obj.get("findings", [])]
    if obj.get("errors") != sev.count("error") or obj.get("warnings") != sev.count("warning"):
        errors.append(f"{where}errors/warnings do not count the findings")
    return errors


def errors_in(path, findings):
    """errors_of() for the file PATH and FINDINGS as written in cases.tsv."""
    with open(path) as f:
        doc = json.load(f)
    return errors_of(doc, [] if findings == "-" else findings.split(","))


if __name__ == "__main__":
    sys.exit(verdicts.main(errors_in, __doc__))
