#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The Japanese manual (man/ja/mtuprobe.1) kept in step with the English one
(man/mtuprobe.1): the same sections, options, exit statuses, finding ids and
environment variables (issue 22 item 6).

Options: every option of every command's --help (the option table) must be an
.It item of both pages, and both pages must have the same .It Fl items.
Exit statuses: the .It items of EXIT STATUS, the same in both, and every code
a --help names among them. Finding ids: the .It ID Pq error|warning items of
AUDIT, the same in both, and the same as the check tables in src/core.
Environment: the .It Ev items of ENVIRONMENT, the same in both.

The comparison is then run on copies of the English page that gain an option,
an exit status, a finding id and a variable, and on a Japanese copy that lost
an exit status: each must be reported, or the test fails.

usage: man_ja.py MTUPROBE SOURCE_ROOT"""
import glob
import os
import re
import subprocess
import sys

exe, root = sys.argv[1], sys.argv[2]
EN = os.path.join(root, "man", "mtuprobe.1")
JA = os.path.join(root, "man", "ja", "mtuprobe.1")
COMMANDS = ["", "calc", "probe", "inspect", "audit", "report"]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def section(text, name):
    """The lines of .Sh NAME up to the next .Sh."""
    out, inside = [], False
    for line in text.splitlines():
        if line.startswith(".Sh "):
            inside = line[4:].strip() == name
            continue
        if inside:
            out.append(line)
    return out


def flag_name(tok):
    """An mdoc Fl argument as typed: '\\-wan\\-mtu' is --wan-mtu, 'q' is -q."""
    return "-" + tok.replace("\\-", "-")


def item_options(text):
    """Every option named by an .It line: '.It Fl 4 , Fl \\-ipv4' gives -4 and --ipv4."""
    opts = set()
    for line in text.splitlines():
        if not line.startswith(".It "):
            continue
        toks = line.split()
        for i, t in enumerate(toks[:-1]):
            if t == "Fl" and re.fullmatch(r"(\\-)+[A-Za-z0-9\\-]+|[A-Za-z0-9]", toks[i + 1]):
                opts.add(flag_name(toks[i + 1]))
    return opts


def exit_statuses(text):
    return {m.group(1) for line in section(text, "EXIT STATUS")
            if (m := re.fullmatch(r"\.It (\d+)", line))}


def finding_ids(text):
    return {m.group(1) for line in section(text, "AUDIT")
            if (m := re.fullmatch(r"\.It ([a-z0-9-]+) Pq (error|warning)", line))}


def env_vars(text):
    names = set()
    for line in section(text, "ENVIRONMENT"):
        if line.startswith(".It Ev "):
            names |= {w for w in re.split(r"[ ,]+", line[len(".It Ev "):]) if re.fullmatch(r"[A-Z_]+", w) and w != "Ev"}
    return names


def sh_names(text):
    return [line[4:].strip() for line in text.splitlines() if line.startswith(".Sh ")]


def compare(en, ja):
    """What the Japanese page lacks or has beyond the English one, as lines."""
    diffs = []
    if sh_names(en) != sh_names(ja):
        diffs.append("sections differ: en %s, ja %s" % (sh_names(en), sh_names(ja)))
    for what, get in (("option", item_options), ("exit status", exit_statuses),
                      ("finding id", finding_ids), ("environment variable", env_vars)):
        e, j = get(en), get(ja)
        if not e:
            diffs.append("the English page has no %s at all: the parser is broken" % what)
        for x in sorted(e - j):
            diffs.append("%s %s: in the English page, not in the Japanese one" % (what, x))
        for x in sorted(j - e):
            diffs.append("%s %s: in the Japanese page, not in the English one" % (what, x))
    return diffs


def help_table():
    """Options and exit statuses each command's --help lists (the option table)."""
    opts, codes = {}, set()
    env = dict(os.environ, LC_ALL="C")
    env.pop("MTUPROBE_LOCALEDIR", None)
    for cmd in COMMANDS:
        argv = [exe] + ([cmd] if cmd else []) + ["--help"]
        r = subprocess.run(argv, capture_output=True, text=True, env=env)
        if r.returncode != 0:
            fail("%s exited %d" % (" ".join(argv), r.returncode))
            continue
        for line in r.stdout.splitlines():
            m = re.match(r"^  (-[A-Za-z0-9]), (--[a-z0-9-]+)\b|^      (--[a-z0-9-]+)\b", line)
            if m:
                for o in m.groups():
                    if o:
                        opts.setdefault(o, set()).add(cmd or "mtuprobe")
        text = " ".join(r.stdout.split())
        m = re.search(r"Exit status: (.*?)See mtuprobe", text)
        if cmd and m:
            codes |= set(re.findall(r"(?:^|, )(\d+) ", m.group(1)))
    return opts, codes


en, ja = open(EN, encoding="utf-8").read(), open(JA, encoding="utf-8").read()

# 1. The pages agree with each other.
diffs = compare(en, ja)
for d in diffs:
    fail(d)
if not diffs:
    print("ok: both pages list %d options, exit statuses %s, %d finding ids, variables %s" % (
        len(item_options(en)), " ".join(sorted(exit_statuses(en))), len(finding_ids(en)),
        " ".join(sorted(env_vars(en)))))

# 2. The option table and the exit statuses --help names are in both pages.
opts, codes = help_table()
if len(opts) < 40:
    fail("only %d options parsed from --help: the parser is broken" % len(opts))
for name, page in (("English", en), ("Japanese", ja)):
    missing = sorted(o for o in opts if o not in item_options(page))
    if missing:
        fail("%s page has no .It item for %s" % (name, ", ".join(
            "%s (%s)" % (o, ",".join(sorted(opts[o]))) for o in missing)))
    lacking = sorted(codes - exit_statuses(page))
    if lacking:
        fail("%s page's EXIT STATUS lacks %s, which --help names" % (name, " ".join(lacking)))
print("ok: %d options and exit statuses %s of --help checked in both pages" % (len(opts), " ".join(sorted(codes))))

# 3. The finding ids are those of the check tables.
ids = set()
for f in glob.glob(os.path.join(root, "src", "core", "*.c")):
    ids |= set(re.findall(r'\{ "([a-z0-9-]+)", AUDIT_(?:ERROR|WARNING)', open(f, encoding="utf-8").read()))
if len(ids) < 10:
    fail("only %d finding ids found in src/core's check tables: the parser is broken" % len(ids))
for x in sorted(ids - finding_ids(en)):
    fail("finding id %s of src/core is not in the English AUDIT section" % x)
for x in sorted(finding_ids(en) - ids):
    fail("finding id %s of the English AUDIT section is in no check table of src/core" % x)
print("ok: %d finding ids of src/core's check tables" % len(ids))


# 4. The comparison fails when it should.
def insert_after(text, anchor, new):
    assert anchor in text, anchor
    return text.replace(anchor, anchor + new, 1)


mutations = [
    ("option", "--bogus-option",
     insert_after(en, ".Sh PROBE OPTIONS\n.Bl -tag -width Ds\n", ".It Fl \\-bogus\\-option\nBogus.\n"), ja),
    ("exit status", "exit status 7",
     insert_after(en, ".Sh EXIT STATUS\n.Bl -tag -width Ds -compact\n", ".It 7\nBogus.\n"), ja),
    ("finding id", "bogus-finding",
     insert_after(en, "what its syntax can express.\n.Bl -tag -width Ds\n",
                  ".It bogus-finding Pq error\nBogus.\n"), ja),
    ("environment variable", "MTUPROBE_BOGUS",
     insert_after(en, ".Sh ENVIRONMENT\n.Bl -tag -width Ds\n", ".It Ev MTUPROBE_BOGUS\nBogus.\n"), ja),
    ("exit status missing from the Japanese page", "exit status 6",
     en, ja.replace("\n.It 6\n", "\n", 1)),
]
for what, needle, e, j in mutations:
    d = compare(e, j)
    if any(needle in x for x in d):
        print("ok: a%s %s is reported" % ("n" if what[0] in "aeiou" else "", what))
    else:
        fail("a changed page (%s) was not reported: %s" % (what, d))

# 5. The Japanese page's .Nd line, which mandb and apropos read raw (lexgrog),
# holds no roff escape (a break point \: there shows as ':' in whatis).
nd = [x for x in ja.splitlines() if x.startswith(".Nd ")]
if len(nd) != 1 or "\\" in nd[0]:
    fail("the Japanese .Nd line must be one line without escapes: %s" % nd)
else:
    print("ok: .Nd is plain text for whatis")
# mandoc's lint and rendering of the page, groff's and man --warnings' (as
# lintian runs it): tests/cli/man.sh, with the English page's.

print("%d failed" % len(failures))
sys.exit(1 if failures else 0)
