# SPDX-License-Identifier: BSD-2-Clause
"""The writing half of tests/cli/verdicts.sh: a checker that judges many cases
in one process (tests/audit/check_json.py, forms.py and peer_json.py --batch,
tests/cli/inspect_check.py) prints one verdict per case, in order:
"ok<TAB>LABEL" or "bad<TAB>LABEL" and what is wrong, indented, every line
(so that a quoted stderr is never read as a verdict). One process instead of
one per case: a python3 start costs about 0.2 s through a pyenv shim."""
import inspect
import sys


def say(label, errors):
    """Prints the verdict of the case LABEL; true when ERRORS says it failed."""
    print(("bad\t" if errors else "ok\t") + label)
    for e in errors:
        print("  " + str(e).replace("\n", "\n  "))
    sys.stdout.flush()
    return bool(errors)


def batch(listing, errors_for):
    """Each line of the file LISTING is LABEL<TAB>FIELD...: errors_for(FIELD...)
    returns what is wrong with that case (an empty list: nothing). A case whose
    check raises (a file that is not JSON, a document shaped too badly to read)
    fails with the exception, and the others are still judged. Returns the exit
    status: 1 if a case failed."""
    bad = 0
    with open(listing) as f:
        for row in f:
            label, *fields = row.rstrip("\n").split("\t")
            try:
                errors = errors_for(*fields)
            except Exception as e:  # noqa: BLE001: any failure is this case's
                errors = [f"{type(e).__name__}: {e}"]
            bad += say(label, errors)
    return 1 if bad else 0


def main(errors_for, usage):
    """A checker's command line: `--batch LISTING` judges every row (batch());
    otherwise the arguments are one case's fields, and what is wrong with it is
    printed a line each (exit 1), as the checker did before it had a batch."""
    args = sys.argv[1:]
    if args[:1] == ["--batch"] and len(args) == 2:
        return batch(args[1], errors_for)
    if len(args) != len(inspect.signature(errors_for).parameters):
        sys.exit(usage)
    errors = errors_for(*args)
    for e in errors:
        print(e)
    return 1 if errors else 0
