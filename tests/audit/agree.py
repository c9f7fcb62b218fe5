#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""calc and audit give one answer (issue 18): for the same line, ESP and
NAT-T, the tunnel MTU and MSS that `calc` prints are the ones the audit's
change set sets on a configuration using that ESP (one policy: the largest
MTU the line and ESP allow, the clamp MTU - 40). A table of lines x
transforms x NAT-T x vendor; each row builds a small configuration in the
vendor's own words with a clamp that is too big, so the audit must fix it.
(probe is held to the same numbers by tests/lab/advice.sh --config.)
Usage: agree.py MTUPROBE"""
import json
import subprocess
import sys

LINES = ["flets-pppoe", "map-e", "flets-premium-west", "ethernet", "pppoe"]
# strongSwan proposal, RTX words, IX IKEv2 child-proposal words
ESP = [
    ("aes128-sha1", "aes-cbc sha-hmac", "aes-cbc-128", "sha1"),
    ("aes256-sha256", "aes256-cbc sha256-hmac", "aes-cbc-256", "sha2-256"),
    ("aes256-sha1", "aes256-cbc sha-hmac", "aes-cbc-256", "sha1"),
    ("aes256gcm16", "aes256-gcm", "aes-gcm-256-16", "sha2-512"),
]


def rtx(words, natt):
    return ("tunnel select 1\nipsec tunnel 101\nipsec sa policy 101 1 esp %s\n"
            "ipsec ike keepalive use 1 on dpd 10 3\nipsec ike nat-traversal 1 %s\n"
            "ip tunnel mtu 1500\nip tunnel tcp mss limit 1460\ntunnel select none\n"
            "ipsec auto refresh on\n" % (words, "on" if natt else "off"))


def ix(enc, integ, natt):
    return ("ikev2 default-profile\n dpd interval 10\n child-proposal enc %s\n"
            " child-proposal integrity %s\n!\ninterface Tunnel0.0\n tunnel mode ipsec-ikev2\n"
            " ip mtu 1500\n ip tcp adjust-mss 1460\n ikev2 connect-type auto\n%s"
            " ikev2 peer 198.51.100.1 authentication psk id ipv4 198.51.100.1\n!\n"
            % (enc, integ, " ikev2 nat-traversal keepalive 30 force\n" if natt else ""))


def run(binary, args, text=None):
    p = subprocess.run([binary, *args], input=text.encode() if text else None,
                       capture_output=True, check=False)
    return p.returncode, json.loads(p.stdout) if p.stdout else None, p.stderr.decode()


def main():
    binary = sys.argv[1]
    failed = rows = 0
    for line in LINES:
        for proposal, rtx_words, enc, integ in ESP:
            for natt in (False, True):
                rc, calc, err = run(binary, ["calc", "--line", line, "--esp", proposal, "--peer", "aws",
                                             "--json"] + (["--nat-t"] if natt else []))
                if rc != 0:
                    print(f"FAIL calc {line} {proposal}: exit {rc} {err}")
                    failed += 1
                    continue
                want = (calc["tunnel_mtu"], calc["mss_ipv4"])
                for vendor, text in (("rtx", rtx(rtx_words, natt)), ("ix", ix(enc, integ, natt))):
                    rows += 1
                    rc, doc, err = run(binary, ["audit", "--json", "--peer", "aws", "--line", line,
                                                "--vendor", vendor, "-"], text)
                    t = doc["tunnels"][0] if doc and doc["tunnels"] else {}
                    got = (t.get("fix_mtu"), t.get("mss"))
                    fixed = any(f"{want[1]}" in x for x in (doc or {}).get("fix", []))
                    if rc != 5 or got != want or not fixed:
                        print(f"FAIL {vendor} {line} {proposal} nat-t={natt}: calc {want}, audit {got}"
                              f" (exit {rc}, fix {(doc or {}).get('fix')}) {err}")
                        failed += 1
    print(f"{rows - failed} of {rows} rows agree")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
