#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The same configuration in set form and in the hierarchy must audit the
same: every finding (id, severity, interface, the statement it quotes, its
message and fix), the tunnels, the notes, the change set and the rollback,
with line numbers left out (the two files number their lines differently).
Usage: forms.py SET.json TREE.json"""
import json
import re
import sys

LINE = re.compile(r"\blines? \d+(-\d+)?")


def view(path):
    d = json.load(open(path))
    strip = lambda s: LINE.sub("line N", s) if isinstance(s, str) else s
    findings = [{k: (strip(v) if k != "fix" else [strip(x) for x in v]) for k, v in f.items() if k != "line"}
                for f in d["findings"]]
    return {"findings": findings, "tunnels": d["tunnels"], "notes": [strip(n) for n in d["notes"]],
            "fix": d["fix"], "rollback": d["rollback"], "vendor": d["vendor"],
            "errors": d["errors"], "warnings": d["warnings"], "invalid": d["invalid"]}


def main():
    a, b = view(sys.argv[1]), view(sys.argv[2])
    if a == b:
        return 0
    for k in a:
        if a[k] != b[k]:
            print(f"{k} differ:\n  set:  {a[k]}\n  tree: {b[k]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
