#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The same configuration in set form and in the hierarchy must audit the
same: every finding (id, severity, interface, the statement it quotes, its
message and fix), the tunnels, the notes, the change set and the rollback,
with line numbers left out (the two files number their lines differently).
Usage: forms.py SET.json TREE.json
       forms.py --batch LIST   each line of LIST: LABEL<TAB>SET.json<TAB>TREE.json;
                               a verdict line for each (tests/cli/verdicts.py)"""
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import verdicts  # noqa: E402: tests/cli/verdicts.py, the verdict lines verdicts.sh reads

LINE = re.compile(r"\blines? \d+(-\d+)?")


def view(path):
    d = json.load(open(path))
    strip = lambda s: LINE.sub("line N", s) if isinstance(s, str) else s
    findings = [{k: (strip(v) if k != "fix" else [strip(x) for x in v]) for k, v in f.items() if k != "line"}
                for f in d["findings"]]
    return {"findings": findings, "tunnels": d["tunnels"], "notes": [strip(n) for n in d["notes"]],
            "fix": d["fix"], "rollback": d["rollback"], "vendor": d["vendor"],
            "errors": d["errors"], "warnings": d["warnings"], "invalid": d["invalid"]}


def differences(set_path, tree_path):
    """What differs between the two forms' views, one line each (none: the same)."""
    a, b = view(set_path), view(tree_path)
    return [f"{k} differ:\n  set:  {a[k]}\n  tree: {b[k]}" for k in a if a[k] != b[k]]


if __name__ == "__main__":
    sys.exit(verdicts.main(differences, __doc__))
