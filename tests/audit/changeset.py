#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The change set and its rollback, applied to the parsed model (issue 18).

Routers read a configuration top to bottom, and so does mtuprobe's parser
(a block is reopened by its select/interface line), so pasting lines after
a configuration is the same as appending them to its text. For each case:
  1. audit the configuration (J0);
  2. append the change set (J0 "fix") and audit again (J1): every finding
     that had a fix is gone, and each fixed tunnel has the MTU and clamp
     the change set promised;
  3. append the rollback (J0 "rollback") after the change set and audit
     again (J2): the tunnels' numbers and the findings are those of J0.
Usage: changeset.py MTUPROBE CONFIGDIR"""
import json
import subprocess
import sys

# name, arguments, whether the rollback can be applied (swanctl's rollback
# says "remove the line" where a setting was not there: done by hand)
CASES = [
    ("rtx-pppoe-aws.conf", ["--peer", "aws"], True),
    ("rtx-pppoe-aws.conf", ["--peer", "aws", "--wan-mtu", "1438"], True),
    ("rtx-pppoe-aws.conf", ["--peer", "aws", "--keep-mtu"], True),
    ("rtx-mape.conf", ["--peer", "aws"], True),
    ("aws-yamaha.conf", ["--line", "flets-pppoe"], True),
    ("field1-before.conf", ["--peer", "aws"], True),
    ("sakura-no-dpd.conf", ["--peer", "sakura"], True),
    ("rtx-hub100.conf", ["--peer", "aws"], True),
    ("ix-unindented.conf", ["--peer", "aws"], True),
    ("ix-pppoe.conf", ["--peer", "aws"], True),
    ("ix-ikev2.conf", ["--peer", "aws"], True),
    ("swanctl-noaction.conf", ["--peer", "aws"], False),
    ("swanctl-70.conf", ["--peer", "aws"], False),
    # issue 21's one-change variants of the four oldest formats (cases.tsv)
    ("field1-after-noclamp.conf", ["--peer", "aws"], True),
    ("field1-after.conf", ["--peer", "aws-accelerated"], True),
    ("field1-after-bgp-narrow.conf", ["--peer", "aws"], True),
    ("ix-ikev2-noclamp.conf", ["--peer", "aws"], True),
    ("ix-ikev2-slowdpd.conf", ["--peer", "aws"], True),
    # the IX parser keeps only the widest entry of an access list, so the rollback's
    # "no ip access-list NAME permit ..." of the added any/any entry is not replayed
    ("ix-ikev1-bgp.conf", ["--peer", "aws"], False),
    ("swanctl-aws-slowdpd.conf", ["--peer", "aws"], True),
    ("swanctl-aws-noinit.conf", ["--peer", "aws"], True),
    ("swanctl-aws-include.conf", ["--peer", "sakura"], True),
    ("ipsecconf-aws-openswan-slowdpd.conf", ["--peer", "aws"], True),
    ("ipsecconf-aws-strongswan-slowdpd.conf", ["--peer", "aws"], True),
]
NUMBERS = ("name", "mtu", "mtu_default", "clamp", "nat_t", "esp")


def audit(binary, args, text):
    p = subprocess.run([binary, "audit", "--json", *args, "-"], input=text.encode(),
                       capture_output=True, check=False)
    if p.returncode not in (0, 5):
        raise SystemExit(f"audit {args} exit {p.returncode}: {p.stderr.decode()}")
    return json.loads(p.stdout)


def ids(doc):
    return sorted(f["id"] for f in doc["findings"])


def numbers(doc):
    return [{k: t[k] for k in NUMBERS} for t in doc["tunnels"]]


def main():
    binary, cfgdir = sys.argv[1], sys.argv[2]
    failed = 0
    for name, args, rollback in CASES:
        text = open(f"{cfgdir}/{name}", encoding="latin-1").read()
        j0 = audit(binary, args, text)
        where = f"{name} {' '.join(args)}"
        errors = []
        if not j0["fix"]:
            errors.append("no change set: the case tests nothing")
        changed = text + "\n" + "\n".join(j0["fix"]) + "\n"
        j1 = audit(binary, args, changed)
        fixable = {f["id"] for f in j0["findings"] if f["fix"]}
        left = [f"{f['id']}@{f['line']}" for f in j1["findings"] if f["id"] in fixable]
        if left:
            errors.append(f"after the change set, still: {left}")
        # a number the change set moved is the one it promised (fix_mtu, mss)
        for t0, t1 in zip(j0["tunnels"], j1["tunnels"]):
            if t1["mtu"] != t0["mtu"] and t1["mtu"] != t0["fix_mtu"]:
                errors.append(f"{t0['name']}: MTU {t1['mtu']} after the change, promised {t0['fix_mtu']}")
            if t1["clamp"] != t0["clamp"] and t1["clamp"] not in (str(t0["mss"]), "auto"):
                errors.append(f"{t0['name']}: clamp {t1['clamp']} after the change, promised {t0['mss']}")
        if rollback:
            j2 = audit(binary, args, changed + "\n".join(j0["rollback"]) + "\n")
            if numbers(j2) != numbers(j0):
                diff = [(a, b) for a, b in zip(numbers(j0), numbers(j2)) if a != b]
                errors.append(f"rollback did not restore the tunnels: {diff[:3]}")
            if ids(j2) != ids(j0):
                errors.append(f"rollback findings {ids(j2)}, before {ids(j0)}")
        for e in errors:
            print(f"FAIL {where}: {e}")
        failed += bool(errors)
        if not errors:
            print(f"ok {where}: {len(j0['fix'])} lines, {len(j0['rollback'])} to roll back, "
                  f"{len(j0['findings'])} findings -> {len(j1['findings'])}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
