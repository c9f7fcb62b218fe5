#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Validates mtuprobe's JSON against the types and units in mtuprobe(1), JSON OUTPUT
and INSPECT, and checks that the numbers are consistent with each other (layers
sum to packet_bytes, MSS = MTU - 40 / - 60, loss a fraction, times in their units).
Usage: check_json.py MTUPROBE [SOURCE_ROOT]   calc cases; inspect of every capture
       check_json.py --probe FILE...          probe --json output, one object a line
       check_json.py --sites FILE...          probe --targets --json output: the same, each
                                              with "site" (a string) as its first key and
                                              "interrupted" (a boolean) as its second"""
import json
import subprocess
import sys

import glob
import os

INT, STR, BOOL, LIST, OBJ, NULL, FLOAT = int, str, bool, list, dict, type(None), float
NUM = (INT, FLOAT)  # JSON number: with or without a fraction
SCHEMA = {
    "mtuprobe": (STR,), "command": (STR,), "line": (STR, NULL),
    "link_mtu": (INT,), "wan_mtu": (INT,), "wan_mss_ipv4": (INT,),
    "wan_mtu_ipv6": (INT, NULL), "wan_mss_ipv6": (INT, NULL), "esp": (OBJ, NULL), "peer": (STR, NULL),
    "tunnel_mtu_model": (INT, NULL), "tunnel_mtu": (INT, NULL), "capped": (BOOL,),
    "mss_ipv4": (INT,), "mss_ipv6": (INT, NULL), "stack": (LIST,), "layers": (LIST,),
    "packet_bytes": (INT,), "steps": (LIST,), "warnings": (LIST,),
}
PROBE = dict(SCHEMA, **{
    "wan_target": (STR,), "wan_address": (STR,), "source": (STR, NULL), "tunnel_target": (STR, NULL),
    "wan_pmtu": (INT, NULL), "tunnel_pmtu": (INT, NULL), "verified": (BOOL,),
    "tunnel_vs_model": (STR, NULL), "verdict": (STR, NULL), "safe_mss_ipv4": (INT, NULL),
    "safe_mss_ipv6": (INT, NULL), "expect_mtu": (INT, NULL), "probes_sent": (INT,),
    "elapsed_ms": (INT,), "wan": (OBJ,), "tunnel": (OBJ, NULL), "probes": (LIST,), "config": (OBJ, NULL),
    "method": (STR,), "synack_mss": (INT, NULL), "mss_failure": (STR, NULL),
    "blackhole_after": (OBJ, NULL), "tunnels": (LIST,),
})
# probe WAN T1 T2 ...: one entry per tunnel target, the first = "tunnel"
TUNNEL_ITEM = {
    "target": (STR,), "address": (STR,), "pmtu": (INT, NULL), "probes_sent": (INT,), "verified": (BOOL,),
    "fault": (STR, NULL), "tunnel_vs_model": (STR, NULL), "verdict": (STR, NULL),
}
# Without a measured WAN path MTU every computed key is null.
for _k in ("link_mtu", "wan_mtu", "wan_mss_ipv4", "mss_ipv4", "packet_bytes"):
    PROBE[_k] = PROBE[_k] + (NULL,)
PATH = {
    "pmtu": (INT, NULL), "verified": (BOOL,), "confidence": (STR,), "p_wrong": NUM,
    "lower": (INT,), "upper": (INT,), "at_max": (BOOL,), "bounded": (BOOL,), "loss": NUM, "rtt_ms": NUM,
    "probes_sent": (INT,), "elapsed_ms": (INT,), "ignored": (INT,), "stop": (STR,),
    "fault": (STR, NULL), "error": (STR, NULL), "rests_on_silence": (BOOL,), "ptb_sources": (LIST,), "lost_above": (OBJ, NULL),
    "method": (STR,), "port": (INT, NULL), "fell_back": (BOOL,), "synack_mss": (INT, NULL),
    "mss_fits": (BOOL, NULL), "locate": (OBJ, NULL), "rate_limited": (BOOL,), "reply_rate": NUM + (NULL,),
}
# probe --locate: a path's "locate" object, its places and its hops
LOCATE = {"located": (BOOL,), "reason": (STR,), "blackhole_after": (OBJ, NULL),
          "first_silent": (OBJ, NULL), "mute_between": (BOOL,), "by_ptb": (BOOL,),
          "ptb_from": (OBJ, NULL), "ptb_mtu": (INT, NULL),
          "target_ttl": (INT, NULL), "sizes": (LIST,), "probes_sent": (INT,),
          "elapsed_ms": (INT,), "ignored": (INT,), "hops": (LIST,)}
PLACE = {"ttl": (INT,), "address": (STR, NULL)}
HOP = {"ttl": (INT,), "small": (OBJ,), "large": (OBJ,)}
HOP_OBS = {"answer": (STR,), "tries": (INT,), "address": (STR, NULL), "mtu": (INT, NULL)}
PROBE_ONE = {"path": (STR,), "seq": (INT,), "size": (INT,), "outcome": (STR,),
             "rtt_ms": NUM + (NULL,), "responder": (STR, NULL), "reported_mtu": (INT, NULL),
             "late": (BOOL,), "mss": (INT, NULL)}
INSPECT = {"mtuprobe": (STR,), "command": (STR,), "file": (STR,), "linktype": (STR,),
           "packets": (LIST,), "records": (INT,), "ignored": (INT,), "snapped": (INT,),
           "streams": (LIST,), "answers": (LIST,), "error": (STR, NULL)}
# One per target (a tool's streams from one source to one destination, merged).
ANSWER = {"src": (STR,), "dst": (STR,), "kind": (STR,), "streams": (LIST,), "answer": (STR,),
          "path_mtu": (INT, NULL), "largest_answered": (INT, NULL), "untried_to": (INT, NULL),
          "at_most": (INT, NULL), "too_big_size": (INT, NULL), "too_big_mtu": (INT, NULL),
          "too_big_from": (STR, NULL), "silent_from": (INT, NULL), "silent_to": (INT, NULL),
          "silent_sizes": (INT,)}
PACKET = {"n": (INT,), "time": NUM, "dir": (STR, NULL), "size": (INT,), "seq": (INT, NULL),
          "stream": (INT, NULL), "what": (STR,), "snapped": (BOOL,), "mtu": (INT, NULL),
          "from": (STR, NULL), "icmp_type": (INT, NULL), "icmp_code": (INT, NULL), "why": (STR, NULL)}
STREAM = {"stream": (INT,), "src": (STR,), "dst": (STR,), "ident": (INT, NULL), "cookie": (STR, NULL),
          "probes": (INT,), "sizes": (INT,), "replies": (INT,), "too_big": (INT,), "unreach": (INT,),
          "time_exceeded": (INT,), "other": (INT,), "largest_replied": (INT, NULL),
          "smallest_too_big": (INT, NULL), "too_big_mtu": (INT, NULL), "too_big_from": (STR, NULL),
          "never_answered": (LIST,)}
# Streams of other tools' probes (ping, tracepath) have these too; mtuprobe's do not.
OTHER_TOOL = {"kind": (STR,), "sport": (INT, NULL), "match": (STR,)}
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
    """Every documented key with a documented type, and no other key."""
    errors = []
    for key, types in schema.items():
        if key not in obj:
            errors.append(f"{where}: missing key {key}")
        elif type(obj[key]) not in types:
            errors.append(f"{where}: {key} is {type(obj[key]).__name__}")
    for key in obj:
        if key not in schema:
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


def check_locate(loc, where):
    """A path's --locate object: places only when located, hops numbered 1.., sizes P, P+1."""
    errors = check_types(loc, LOCATE, where)
    # a black hole has its places; a hop that says "too big" has ptb_from instead
    hole = bool(loc.get("located") and not loc.get("by_ptb"))
    # first_silent may be null past hops that answer nothing (mute_between)
    for key, want in (("blackhole_after", hole), ("first_silent", None if hole and loc.get("mute_between") else hole),
                      ("ptb_from", bool(loc.get("by_ptb")))):
        if isinstance(loc.get(key), dict):
            errors += check_types(loc[key], PLACE, f"{where}.{key}")
            if want is False:
                errors.append(f"{where}: {key} is set, located={loc.get('located')} by_ptb={loc.get('by_ptb')}")
        elif want:
            errors.append(f"{where}: {key} is null, located={loc.get('located')} by_ptb={loc.get('by_ptb')}")
    if loc.get("sizes") and (len(loc["sizes"]) != 2 or loc["sizes"][1] != loc["sizes"][0] + 1):
        errors.append(f"{where}: sizes {loc['sizes']} are not P, P+1")
    for i, hop in enumerate(loc.get("hops", [])):
        errors += check_types(hop, HOP, f"{where}.hops[{i}]")
        if hop.get("ttl") != i + 1:
            errors.append(f"{where}.hops[{i}]: ttl {hop.get('ttl')}")
        for size in ("small", "large"):
            if isinstance(hop.get(size), dict):
                errors += check_types(hop[size], HOP_OBS, f"{where}.hops[{i}].{size}")
    return errors


# mtuprobe(1), JSON OUTPUT: why a path was not measured
FAULTS = {"no_route", "interface_down", "no_source_address", "blocked", "send_failed",
          "receive_failed", "unreachable", "no_answer", "interrupted"}
ERRORS = FAULTS - {"unreachable", "no_answer", "interrupted"}


def check_fault(path, where):
    """fault names why pmtu is null; error and stop "error" go with a system error."""
    fault, errors = path.get("fault"), []
    if fault is not None and fault not in FAULTS:
        errors.append(f"{where}: fault {fault!r} is not documented")
    if (path.get("pmtu") is None) != (fault is not None):
        errors.append(f"{where}: pmtu {path.get('pmtu')} with fault {fault!r}")
    system = fault in ERRORS
    if system != (path.get("error") is not None) or system != (path.get("stop") == "error"):
        errors.append(f"{where}: fault {fault!r}, error {path.get('error')!r}, stop {path.get('stop')!r}")
    return errors


def check_probe(doc, where):
    """One probe --json object: types, then units (loss a fraction, times in ms)."""
    errors = check_types(doc, PROBE, where)
    for name in ("wan", "tunnel"):
        path = doc.get(name)
        if not isinstance(path, dict):
            continue
        errors += check_types(path, PATH, f"{where}.{name}")
        if not 0 <= path.get("loss", -1) <= 1:
            errors.append(f"{where}.{name}: loss {path.get('loss')} is not a fraction")
        rate = path.get("reply_rate")
        if path.get("rate_limited") is True and not (isinstance(rate, (int, float)) and rate > 0):
            errors.append(f"{where}.{name}: rate_limited with reply_rate {rate!r}")
        if not 0 <= path.get("p_wrong", -1) <= 1:
            errors.append(f"{where}.{name}: p_wrong {path.get('p_wrong')} is not a probability")
        # rtt_ms in milliseconds: a lab round trip is well under a second (not us, not s)
        if not 0 <= path.get("rtt_ms", -1) < 1000:
            errors.append(f"{where}.{name}: rtt_ms {path.get('rtt_ms')} out of range")
        if isinstance(path.get("locate"), dict):
            errors += check_locate(path["locate"], f"{where}.{name}.locate")
        errors += check_fault(path, f"{where}.{name}")
    top = doc.get("blackhole_after")
    holes = [n for n in ("wan", "tunnel") if isinstance(doc.get(n), dict)
             and isinstance(doc[n].get("locate"), dict) and doc[n]["locate"].get("located")
             and not doc[n]["locate"].get("by_ptb")]
    if top is None and holes:
        errors.append(f"{where}: blackhole_after null although {holes} located a black hole")
    if isinstance(top, dict):
        errors += check_types(top, PLACE, f"{where}.blackhole_after")
        found = [doc[n]["locate"]["blackhole_after"] for n in ("wan", "tunnel")
                 if isinstance(doc.get(n), dict) and isinstance(doc[n].get("locate"), dict)
                 and doc[n]["locate"].get("located") and not doc[n]["locate"].get("by_ptb")]
        if not found or top != found[0]:
            errors.append(f"{where}: blackhole_after {top} is not the first path's finding {found}")
    for i, t in enumerate(doc.get("tunnels", [])):
        errors += check_types(t, TUNNEL_ITEM, f"{where}.tunnels[{i}]")
        if t.get("fault") is not None and (t["fault"] not in FAULTS or t.get("pmtu") is not None):
            errors.append(f"{where}.tunnels[{i}]: fault {t['fault']!r} with pmtu {t.get('pmtu')}")
    if doc.get("tunnels") and isinstance(doc.get("tunnel"), dict) and \
            doc["tunnels"][0].get("fault") != doc["tunnel"].get("fault"):
        errors.append(f"{where}: tunnels[0].fault is not tunnel.fault")
    if doc.get("tunnel_target") and (not doc.get("tunnels") or doc["tunnels"][0].get("target") != doc["tunnel_target"]):
        errors.append(f"{where}: tunnels[0] is not the tunnel target")
    sent = [doc["wan"]["probes_sent"]] if isinstance(doc.get("wan"), dict) else []
    sent += [t.get("probes_sent", 0) for t in doc.get("tunnels", [])]
    if doc.get("probes_sent") != sum(sent):
        errors.append(f"{where}: probes_sent {doc.get('probes_sent')} is not the paths' {sent}")
    # A run a system error stopped keeps its count but not its records (engine.h).
    stopped = any(isinstance(doc.get(n), dict) and doc[n].get("error") for n in ("wan", "tunnel"))
    if len(doc.get("probes", [])) != doc.get("probes_sent") and not (
            stopped and len(doc.get("probes", [])) <= (doc.get("probes_sent") or 0)):
        errors.append(f"{where}: {len(doc.get('probes', []))} probes listed, probes_sent {doc.get('probes_sent')}")
    for i, one in enumerate(doc.get("probes", [])):
        errors += check_types(one, PROBE_ONE, f"{where}.probes[{i}]")
        if one.get("rtt_ms") is not None and not 0 < one["rtt_ms"] < 60000:
            errors.append(f"{where}.probes[{i}]: rtt_ms {one['rtt_ms']} out of range")
    return errors


def check_inspect(binary, capture):
    out = subprocess.run([binary, "inspect", "--json", capture], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        return None  # damaged or probe-less files: their exit codes are inspect.sh's business
    doc = json.loads(out.stdout)
    where = os.path.basename(capture)
    errors = check_types(doc, INSPECT, where)
    for pkt in doc["packets"]:
        errors += check_types(pkt, PACKET, f"{where} packet {pkt.get('n')}")
        # seconds since the first record: these captures last well under a minute
        if not 0 <= pkt["time"] < 60:
            errors.append(f"{where} packet {pkt['n']}: time {pkt['time']} is not seconds")
    for st in doc["streams"]:
        schema = dict(STREAM, **OTHER_TOOL) if "kind" in st else STREAM
        errors += check_types(st, schema, f"{where} stream {st.get('stream')}")
        errors += check_tool(st, f"{where} stream {st.get('stream')}")
        if not all(isinstance(x, int) for x in st["never_answered"]):
            errors.append(f"{where}: never_answered must be integers")
    for a in doc["answers"]:
        errors += check_types(a, ANSWER, f"{where} answer to {a.get('dst')}")
        if not all(isinstance(x, int) for x in a.get("streams", [None])):
            errors.append(f"{where}: answer streams must be integers")
    return errors


def check_tool(st, where):
    """mtuprobe's streams have an ident and a cookie; a ping's an ident and no
    cookie; tracepath's a source port and neither."""
    kind = st.get("kind", "mtuprobe")
    want = {"mtuprobe": (True, True, False), "ping": (True, False, False),
            "tracepath": (False, False, True)}.get(kind)
    if want is None:
        return [f"{where}: kind {kind!r}"]
    have = (st["ident"] is not None, st["cookie"] is not None, st.get("sport") is not None)
    errors = [] if have == want else [f"{where}: {kind} with ident/cookie/sport {have}"]
    if kind != "mtuprobe" and st["match"] != {"ping": "ident-seq", "tracepath": "ports-length"}[kind]:
        errors.append(f"{where}: match {st['match']!r} for {kind}")
    return errors


def report(results):
    passed = failed = 0
    for name, errors in results:
        if errors is None:
            continue
        if errors:
            failed += 1
            print(f"FAIL {name}", *errors, sep="\n  ")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


def main():
    if sys.argv[1] in ("--probe", "--sites"):
        results = []
        for path in sys.argv[2:]:
            for n, line in enumerate(open(path), 1):
                doc, where, errors = json.loads(line), f"{path}:{n}", []
                if sys.argv[1] == "--sites":
                    if list(doc)[:1] != ["site"] or not isinstance(doc["site"], str):
                        errors.append(f"{where}: the first key is not \"site\" (a string)")
                    # mtuprobe(1), INVENTORY, Output: a signal cut the site short
                    if list(doc)[1:2] != ["interrupted"] or not isinstance(doc["interrupted"], bool):
                        errors.append(f"{where}: the second key is not \"interrupted\" (a boolean)")
                    doc = {k: v for k, v in doc.items() if k not in ("site", "interrupted")}
                results.append((where, errors + check_probe(doc, where)))
        report(results)
    binary = sys.argv[1]
    results = [(" ".join(args), check_one(binary, args, want)) for args, want in CASES]
    if len(sys.argv) > 2:
        for cap in sorted(glob.glob(os.path.join(sys.argv[2], "tests/cli/captures/*.pcap*"))):
            results.append((f"inspect {os.path.basename(cap)}", check_inspect(binary, cap)))
    report(results)


if __name__ == "__main__":
    main()
