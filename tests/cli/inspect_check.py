#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The Python half of tests/cli/inspect.sh, in as few processes as it can be:
a python3 start costs about 0.2 s through a pyenv shim, and the damaged-copy
cases were 4 processes each in the shell (head or cp and dd, timeout, mtuprobe).

Usage: inspect_check.py make CAPTURES DIR   the captures inspect.sh makes: gen.py's
                                            files into DIR/gen, the two libpcap
                                            misreads and the 1,000-run capture
       inspect_check.py check LIST          each line of LIST: LABEL<TAB>KIND<TAB>FILE;
                                            KIND schema (inspect --json as mtuprobe(1),
                                            INSPECT, documents it) or runs (the
                                            1,000-run capture's counts)
       inspect_check.py damaged MTUPROBE DIR FILE...
                                            every cut of each FILE, and each with one
                                            byte overwritten, through inspect (2 at a
                                            time, temporaries in DIR)

check and damaged print a verdict line for each case (verdicts.py); damaged
first prints "rows<TAB>N", the number of cases it will run."""
import concurrent.futures
import json
import os
import signal
import struct
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.append(os.path.dirname(os.path.abspath(__file__)))
import verdicts  # noqa: E402: verdicts.py, the verdict lines verdicts.sh reads


def make(caps, out):
    sys.path.insert(0, caps)
    import gen

    # The synthetic files, as `gen.py DIR` writes them (inspect.sh compares them
    # byte for byte with the committed ones: no hand-edited fixture drifts).
    os.mkdir(os.path.join(out, "gen"))
    for name, data in {**gen.good_files(), **gen.bad_files()}.items():
        with open(os.path.join(out, "gen", name), "wb") as f:
            f.write(data)

    # Files libpcap misreads (issue 20): a pcap whose header gives a snap length of
    # 100 while its records hold whole packets, and a pcapng whose second section
    # is big-endian (each section has its own byte order).
    recs = gen.tunnel_run()
    whole = gen.pcap(gen.LT_RAW, recs)
    hdr = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 100, gen.LT_RAW)
    with open(os.path.join(out, "snaplen-header.pcap"), "wb") as f:
        f.write(hdr + whole[24:])
    with open(os.path.join(out, "two-orders.pcapng"), "wb") as f:
        f.write(gen.pcapng(gen.LT_RAW, recs[:2]) + gen.pcapng(gen.LT_RAW, recs[2:], ">"))

    # 1,000 runs of probe --interval in one capture (issue 20: of 989 runs, inspect
    # followed 16), each a new ident and cookie.
    recs, t = [], 0.0
    for run in range(1000):
        ident, cookie = 0x1000 + run, struct.pack("!II", 0x5EED0000 + run, run)
        for seq, size in enumerate((1454, 1455, 1454)):
            p = gen.probe4(gen.WAN_SRC, gen.WAN_DST, ident, seq, size, cookie)
            recs += [(t, p), (t + 0.0002, gen.reply4(p) if size == 1454 else gen.ptb4(gen.R1, p, 1454))]
            t += 0.001
    with open(os.path.join(out, "runs.pcap"), "wb") as f:
        f.write(gen.pcap(gen.LT_RAW, recs))


TOP = {"mtuprobe", "command", "file", "linktype", "packets", "records", "ignored",
       "snapped", "streams", "answers", "error"}
PKT = {"n", "time", "dir", "size", "seq", "stream", "what", "snapped", "mtu", "from",
       "icmp_type", "icmp_code", "why"}
STREAM = {"stream", "src", "dst", "ident", "cookie", "probes", "sizes", "replies",
          "too_big", "unreach", "time_exceeded", "other", "largest_replied",
          "smallest_too_big", "too_big_mtu", "too_big_from", "never_answered"}
OTHER_TOOL = {"kind", "sport", "match"}  # only on streams of other tools' probes
WHATS = {"probe", "reply", "too-big", "unreach", "time-exceeded", "other", "ignored"}
ANSWER = {"src", "dst", "kind", "streams", "answer", "path_mtu", "largest_answered",
          "untried_to", "at_most", "too_big_size", "too_big_mtu", "too_big_from",
          "silent_from", "silent_to", "silent_sizes"}
VERDICTS = {"exact", "exact-silence", "at-least", "at-most", "nothing", "contradiction"}


def schema(d):
    """What is wrong with D, an inspect --json object (the first five)."""
    errs = []
    if set(d) != TOP:
        errs.append("top keys %s" % sorted(set(d) ^ TOP))
    for p in d["packets"]:
        if set(p) != PKT:
            errs.append("packet keys %s" % sorted(set(p) ^ PKT))
        if p["what"] not in WHATS:
            errs.append("what %r" % p["what"])
        if (p["what"] == "ignored") != (p["why"] is not None):
            errs.append("why in %r" % p)
        if (p["what"] == "too-big") != (p["mtu"] is not None):
            errs.append("mtu in %r" % p)
    for s in d["streams"]:
        want = STREAM | OTHER_TOOL if "kind" in s else STREAM
        if set(s) != want:
            errs.append("stream keys %s" % sorted(set(s) ^ want))
        if "kind" in s and (s["kind"], s["match"]) not in {("ping", "ident-seq"), ("tracepath", "ports-length")}:
            errs.append("kind %r match %r" % (s["kind"], s["match"]))
        if ("kind" in s) != (s["cookie"] is None):
            errs.append("cookie in %r" % s)
    merged = []
    for a in d["answers"]:
        if set(a) != ANSWER:
            errs.append("answer keys %s" % sorted(set(a) ^ ANSWER))
        if a["answer"] not in VERDICTS:
            errs.append("answer %r" % a["answer"])
        if (a["path_mtu"] is not None) != (a["answer"] in ("exact", "exact-silence")):
            errs.append("path_mtu in %r" % a)
        if (a["at_most"] is not None) != (a["answer"] == "at-most"):
            errs.append("at_most in %r" % a)
        if (a["too_big_size"] is None) != (a["too_big_from"] is None):
            errs.append("too_big in %r" % a)
        if (a["silent_from"] is None) != (a["silent_sizes"] == 0):
            errs.append("silent in %r" % a)
        for n in a["streams"]:
            st = d["streams"][n - 1]
            if (st["src"], st["dst"], st.get("kind", "mtuprobe")) != (a["src"], a["dst"], a["kind"]):
                errs.append("stream %d in answer %r" % (n, a))
        merged += a["streams"]
    if sorted(merged) != [s["stream"] for s in d["streams"]]:
        errs.append("streams in answers %r" % merged)
    if d["records"] != len(d["packets"]):
        errs.append("records != len(packets)")
    if d["ignored"] != sum(p["what"] == "ignored" for p in d["packets"]):
        errs.append("ignored count")
    return errs[:5]


def runs(d):
    """The 1,000-run capture: every stream followed, every record matched, one target."""
    a = d["answers"]
    got = (len(d["streams"]), d["records"], d["ignored"], sum(s["probes"] for s in d["streams"]),
           len(a), len(a[0]["streams"]) if a else 0, a[0]["path_mtu"] if a else None)
    want = (1000, 6000, 0, 3000, 1, 1000, 1454)
    if got == want:
        return []
    return ["streams, records, ignored, probes, targets, runs, pmtu: %s, want %s" % (got, want)]


def check(listing):
    def errors_of(kind, path):
        with open(path) as doc:
            return {"schema": schema, "runs": runs}[kind](json.load(doc))
    return verdicts.batch(listing, errors_of)


def damaged_cases(paths):
    """(label, bytes) for every cut (each of the first 64 bytes, then every
    211th) and every 11th byte of the first 2048 overwritten with 0xff."""
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        name = os.path.basename(path)
        cut = 0
        while cut < len(data):
            yield f"{name} cut at {cut}", data[:cut]
            cut += 1 if cut < 64 else 211
        for at in range(0, min(2048, len(data)), 11):
            yield f"{name} with byte {at} = 0xff", data[:at] + b"\xff" + data[at + 1:]


def damaged_one(exe, tmpdir, job):
    """One damaged copy: exit 0, 1 or 2; at most one stderr line, ours; within 20 s."""
    n, (label, data) = job
    path = os.path.join(tmpdir, "damaged-%d" % n)
    with open(path, "wb") as f:
        f.write(data)
    try:
        r = subprocess.run([exe, "inspect", path], stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=20)
        rc, err = r.returncode, r.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        rc, err = 124, (e.stderr or b"").decode(errors="replace")
    finally:
        os.unlink(path)
    if rc < 0:
        rc = 128 - rc  # as the shell says it: 128 + the signal
    if rc > 2:
        return label, [f"exit {rc} (124 is a hang, 128+ a signal{sig_name(rc)}): {err[:300]}"]
    if rc != 0 and (err.count("\n") != 1 or not err.startswith("mtuprobe inspect: ")):
        return label, [f"exit {rc} with stderr: {err[:300]}"]
    if rc == 0 and err:
        return label, [f"exit 0 with stderr: {err[:300]}"]
    return label, []


def sig_name(rc):
    try:
        return ", " + signal.Signals(rc - 128).name if rc > 128 else ""
    except ValueError:
        return ""


def damaged(exe, tmpdir, paths):
    cases = list(damaged_cases(paths))
    print("rows\t%d" % len(cases), flush=True)
    bad = 0
    # Two at a time: the machine CI runs on has two cores (meson runs two tests
    # at once too); results are printed in case order.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for label, errs in pool.map(lambda job: damaged_one(exe, tmpdir, job), enumerate(cases)):
            bad += verdicts.say(label, errs)
    return 1 if bad else 0


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "make" and len(sys.argv) == 4:
        make(sys.argv[2], sys.argv[3])
        return 0
    if cmd == "check" and len(sys.argv) == 3:
        return check(sys.argv[2])
    if cmd == "damaged" and len(sys.argv) > 4:
        return damaged(sys.argv[2], sys.argv[3], sys.argv[4:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
