#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The manuals state the facts the code defines once (issue 24 item 2):

- Exit statuses: the values of enum exit_code (src/cli/options.h) are the
  .It items of EXIT STATUS in man/mtuprobe.1 and man/ja/mtuprobe.1, and
  every status a command's --help footer names is one of them.
- Defaults: each numeric option whose row in src/cli/options.c names a
  default (its last field, a constant the code uses too) says "default N"
  in --help, and its .It Fl item in both manuals says that number
  ("default N"; Japanese "既定 N" or "既定は N").
- Ranges: each numeric option's range in the table (min, max) is what an
  item stating one says ("A to B"; "A から B"), and a few defaults the table
  cannot hold (ports, the smallest probe) are checked by their constants.

Numbers in the table are resolved through the #define lines of src/. The
test then checks that it can fail: a table with a changed default, range or
exit status must be reported.

usage: facts.py MTUPROBE SOURCE_ROOT"""
import glob
import os
import re
import subprocess
import sys

exe, root = sys.argv[1], sys.argv[2]
MANS = {"en": os.path.join(root, "man", "mtuprobe.1"),
        "ja": os.path.join(root, "man", "ja", "mtuprobe.1")}
COMMANDS = ["calc", "probe", "inspect", "audit", "report"]
# Defaults that are not one number in the table: option -> constants its
# manual item states as defaults.
MORE_DEFAULTS = {"port": ["DEFAULT_TCP_PORT", "DEFAULT_UDP_PORT"],
                 "min": ["IP_MIN_MTU4", "IP_MIN_MTU6"]}


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def constants():
    """NAME -> number for every '#define NAME number' and enumerator 'NAME = number' in src/."""
    out = {}
    for path in glob.glob(os.path.join(root, "src", "*", "*.[ch]")):
        text = read(path)
        for m in re.finditer(r"^#define\s+([A-Z][A-Z0-9_]*)\s+(\d+)u?\b", text, re.M):
            out.setdefault(m.group(1), int(m.group(2)))
        for m in re.finditer(r"^\s*([A-Z][A-Z0-9_]*)\s*=\s*(\d+),", text, re.M):
            out.setdefault(m.group(1), int(m.group(2)))
    return out


def value(tok, consts):
    tok = tok.strip()
    if re.fullmatch(r"\d+", tok):
        return int(tok)
    if tok in consts:
        return consts[tok]
    raise SystemExit("facts.py: cannot resolve %r (a constant not defined as a number)" % tok)


def exit_codes():
    m = re.search(r"enum exit_code \{(.*?)\};", read(os.path.join(root, "src", "cli", "options.h")), re.S)
    return {name: int(v) for name, v in re.findall(r"(EXIT_[A-Z_]+)\s*=\s*(\d+)", m.group(1))}


def options(consts):
    """name -> (min, max, default or None) for the K_NUM rows of opts[]."""
    text = read(os.path.join(root, "src", "cli", "options.c"))
    table = re.search(r"static const struct opt opts\[\] = \{(.*?)\n\};", text, re.S).group(1)
    out = {}
    for row in re.finditer(r'\{ "([a-z0-9-]+)", \w+, K_NUM, [^,]+, OFF\(\w+\), (\w+), (\w+), '
                           r'"[^"]*",\s*N_\((?:\s*"(?:[^"\\]|\\.)*")+\)(?:,\s*(\w+))?\s*\}', table):
        name, lo, hi, d = row.groups()
        out[name] = (value(lo, consts), value(hi, consts), value(d, consts) if d else None)
    if len(out) < 10:
        raise SystemExit("facts.py: read only %d numeric options from the table" % len(out))
    return out


def man_items(text):
    """'--name' -> the lines of its .It Fl item, for every option item."""
    items, cur = {}, None
    for line in text.splitlines():
        if line.startswith(".It "):
            cur = None
            m = re.match(r"\.It Fl \\-([a-z0-9\\-]+)", line)
            if m:
                cur = m.group(1).replace("\\-", "-")
                items.setdefault(cur, [])
            continue
        if line.startswith((".Sh", ".El")):
            cur = None
        if cur:
            items[cur].append(line)
    return items


def man_exit_statuses(text):
    out, inside = set(), False
    for line in text.splitlines():
        if line.startswith(".Sh "):
            inside = line[4:].strip() in ("EXIT STATUS", "終了ステータス")
            continue
        m = re.match(r"\.It (\d+)\s*$", line)
        if inside and m:
            out.add(int(m.group(1)))
    return out


def plain(lines):
    """Item text without mdoc macros' names, escapes and Japanese break marks."""
    text = " ".join(re.sub(r"^\.\w+\s*", "", l) for l in lines if not l.startswith(".\\\""))
    return text.replace("\\:", "").replace("\\-", "-").replace("\\&", "")


def says_default(text, lang, n):
    if lang == "en":
        return re.search(r"default(?: is)?:? \(?%d\b" % n, text) is not None
    return re.search(r"既定(?:は|値は|値)? ?%d\b" % n, text) is not None


def ranges(text, lang):
    word = "to" if lang == "en" else "から"
    return [(int(a), int(b)) for a, b in re.findall(r"\b(\d+) %s (\d+)\b" % word, text)]


def check(codes, opts, consts, mans, helps):
    bad = []
    want = set(codes.values())
    for lang, text in mans.items():
        got = man_exit_statuses(text)
        if got != want:
            bad.append("%s manual EXIT STATUS lists %s, enum exit_code has %s" % (lang, sorted(got), sorted(want)))
    for cmd, out in helps.items():
        foot = out.split("Exit status:", 1)[-1]
        for n in re.findall(r"(?:^|[\s,(])(\d)\s+[a-z-]", foot):
            if int(n) not in want:
                bad.append("%s --help names exit status %s, not in enum exit_code" % (cmd, n))
    for name, (lo, hi, d) in sorted(opts.items()):
        for lang, text in mans.items():
            item = man_items(text).get(name)
            if item is None:
                bad.append("%s manual: no item for --%s" % (lang, name))
                continue
            words = plain(item)
            if d is not None and not says_default(words, lang, d):
                bad.append("%s manual: --%s does not say its default %d" % (lang, name, d))
            for a, b in ranges(words, lang):
                if (a, b) != (lo, hi) and a == lo or (a, b) != (lo, hi) and b == hi:
                    bad.append("%s manual: --%s says %d to %d, the table %d to %d" % (lang, name, a, b, lo, hi))
            for c in MORE_DEFAULTS.get(name, []):
                if not says_default(words, lang, consts[c]) and str(consts[c]) not in words:
                    bad.append("%s manual: --%s does not state %s (%d)" % (lang, name, c, consts[c]))
        if d is not None:
            shown = [l for out in helps.values() for l in out.splitlines() if re.match(r"\s+(-\w, )?--%s\b" % name, l)]
            if shown and not all("(default %d)" % d in l for l in shown):
                bad.append("--help: --%s does not say (default %d)" % (name, d))
    return bad


consts = constants()
codes = exit_codes()
opts = options(consts)
mans = {lang: read(p) for lang, p in MANS.items()}
env = dict(os.environ, LANGUAGE="C", LC_ALL="C")
helps = {c: subprocess.run([exe, c, "--help"], capture_output=True, text=True, env=env).stdout for c in COMMANDS}

failures = check(codes, opts, consts, mans, helps)
for f in failures:
    print("FAIL: " + f)
checked = sum(1 for o in opts.values() if o[2] is not None)
print("%s exit statuses, %d defaults, %d ranges against both manuals and --help"
      % (len(codes), checked, len(opts)))

# It must be able to fail: a changed default, range or exit status is seen.
name = next(n for n, o in opts.items() if o[2] is not None)
mutants = [
    ("default", codes, dict(opts, **{name: (opts[name][0], opts[name][1], opts[name][2] + 1)})),
    ("range", codes, dict(opts, **{"max-hops": (opts["max-hops"][0], opts["max-hops"][1] + 1, opts["max-hops"][2])})),
    ("exit status", dict(codes, EXIT_NEW=7), opts),
]
for what, c, o in mutants:
    if not check(c, o, consts, mans, helps):
        failures.append("a changed %s went unnoticed" % what)
        print("FAIL: a changed %s went unnoticed" % what)
sys.exit(1 if failures else 0)
