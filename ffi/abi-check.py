#!/usr/bin/env python3
"""The ABI check of libduplicata.so against the baseline kept in the repository, with libabigail.

  abi-check.py dump LIB DEBUG_DIR OUT.abi     write the ABI of LIB (abidw) to OUT.abi
  abi-check.py check BASELINE.abi LIB DEBUG_DIR
  abi-check.py selftest BASELINE.abi          the rules below catch what they must

The ABI of the built library is read by abidw from its debug info (ffi/build-lib.sh keeps it in a
separate file) and compared with the baseline by abidiff. Within one major version (the SONAME)
the only changes allowed are those of the compatibility promise of include/duplicata.h:
  - added functions;
  - a struct that grows at its end (every inserted member at or after the old size);
  - enumerators appended to an enum.
Anything else abidiff reports (a removed or changed function, a moved, removed or retyped member,
a changed enumerator value, ...) fails, unless the new library has another major version. Every
line of abidiff's report must be understood by the rules: an unknown line fails too. The members
of the opaque structs (duplicata_engine, duplicata_error: the library's own Rust types) are left
out by tests/c/abi/opaque.suppr.
"""
import os
import re
import subprocess
import sys
import tempfile

# The opaque structs' members are not part of the ABI (see the file).
SUPPRESSIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "c", "abi",
                            "opaque.suppr")

ABIDIFF_ERROR, ABIDIFF_USAGE_ERROR, ABIDIFF_ABI_CHANGE, ABIDIFF_INCOMPATIBLE = 1, 2, 4, 8

# Lines of abidiff's report that structure it or describe an allowed change.
NEUTRAL = [
    r"Functions changes summary: .*",
    r"Variables changes summary: .*",
    r"Function symbols changes summary: .*",
    r"Variable symbols changes summary: .*",
    r"\d+ Added functions?:",
    r"\[A\] .*",
    r"\d+ functions? with some indirect sub-type change:",
    r"\[C\] '.*' .*has some indirect sub-type changes:",
    r"parameter \d+ of type '.*' has sub-type changes:",
    r"in pointed to type '.*'( at .*)?:",
    r"in unqualified underlying type '.*'( at .*)?:",
    r"in referenced type '.*'( at .*)?:",
    r"\d+ data member insertions?:",
    r"\d+ enumerator insertions?:",
    r"'\w+' value '\d+'",
    r"type size hasn't changed",
]


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def soname_major(abi_text):
    m = re.search(r"soname='libduplicata\.so\.(\d+)'", abi_text)
    return m.group(1) if m else None


def judge(report):
    """The lines of an abidiff report that break the promise (empty: compatible)."""
    bad = []
    old_size = None
    for raw in report.splitlines():
        line = raw.strip()
        if not line:
            continue
        m = re.fullmatch(r"type size changed from (\d+) to (\d+) \(in bits\)", line)
        if m:
            old_size = int(m.group(1))
            if int(m.group(2)) < old_size:
                bad.append(raw)
            continue
        m = re.fullmatch(r"'.*', at offset (\d+) \(in bits\)( at .*)?", line)
        if m:
            if old_size is None or int(m.group(1)) < old_size:
                bad.append(raw + "   <- inserted inside the old layout")
            continue
        if any(re.fullmatch(p, line) for p in NEUTRAL):
            continue
        bad.append(raw)
    return bad


def dump(lib, debug_dir, out):
    r = run(["abidw", "--no-corpus-path", "--no-comp-dir-path", "--no-show-locs",
             "--debug-info-dir", debug_dir, "--out-file", out, lib])
    if r.returncode != 0:
        sys.exit(f"abidw failed ({r.returncode}): {r.stderr}")
    text = open(out, encoding="utf-8").read()
    if "duplicata_fee_query" not in text:
        sys.exit("abidw found no type of the C ABI: is the debug info there?")


def compare(baseline, new_abi):
    """(ok, report) for two ABI files."""
    r = run(["abidiff", "--suppressions", SUPPRESSIONS, baseline, new_abi])
    if r.returncode & (ABIDIFF_ERROR | ABIDIFF_USAGE_ERROR):
        return False, f"abidiff failed ({r.returncode}):\n{r.stderr}{r.stdout}"
    old_major = soname_major(open(baseline, encoding="utf-8").read())
    new_major = soname_major(open(new_abi, encoding="utf-8").read())
    if old_major is None or new_major is None:
        return False, "no SONAME libduplicata.so.N in the ABI files"
    if new_major != old_major:
        return True, (f"major version {old_major} -> {new_major}: any change allowed; "
                      f"write a new baseline\n{r.stdout}")
    if r.returncode == 0:
        return True, "no ABI change"
    bad = judge(r.stdout)
    if r.returncode & ABIDIFF_INCOMPATIBLE and not bad:
        bad = ["abidiff reports an incompatible change"]
    if bad:
        return False, ("changes a minor version may not make (the major version must change):\n"
                       + "\n".join(bad) + "\n\nabidiff's report:\n" + r.stdout)
    return True, "compatible additions only:\n" + r.stdout


def selftest(baseline):
    """Edits the baseline the way a careless change would, and checks the verdicts."""
    text = open(baseline, encoding="utf-8").read()

    def struct_block(name):
        m = re.search(r"<class-decl name='%s' size-in-bits='(\d+)'[^>]*>(.*?)</class-decl>" % name,
                      text, re.S)
        if not m:
            sys.exit(f"selftest: no struct {name} in the baseline")
        return m

    def grown(t):
        m = struct_block("duplicata_fees")
        size = int(m.group(1))
        first = re.search(r"<var-decl name='size' type-id='([^']+)'", m.group(2)).group(1)
        member = (f"<data-member access='public' layout-offset-in-bits='{size}'>"
                  f"<var-decl name='added_later' type-id='{first}' visibility='default'/>"
                  f"</data-member>\n")
        head = m.group(0).replace(f"size-in-bits='{size}'", f"size-in-bits='{size + 64}'", 1)
        head = head.replace("</class-decl>", member + "</class-decl>")
        return t.replace(m.group(0), head)

    def moved(t):
        m = struct_block("duplicata_fee_query")
        block = m.group(0)
        offsets = re.findall(r"layout-offset-in-bits='(\d+)'", block)
        a, b = offsets[1], offsets[2]
        swapped = block.replace(f"layout-offset-in-bits='{a}'", "@A@", 1)
        swapped = swapped.replace(f"layout-offset-in-bits='{b}'", f"layout-offset-in-bits='{a}'", 1)
        swapped = swapped.replace("@A@", f"layout-offset-in-bits='{b}'", 1)
        return t.replace(block, swapped)

    def removed(t):
        t = re.sub(r"\s*<elf-symbol name='duplicata_version_number'[^>]*/>", "", t)
        return re.sub(r"\s*<function-decl name='duplicata_version_number'.*?</function-decl>", "",
                      t, flags=re.S)

    # In the debug info the enumerators have their Rust names (`Panic` is DUPLICATA_STATUS_PANIC).
    def renumbered(t):
        return t.replace("<enumerator name='Panic' value='13'/>",
                         "<enumerator name='Panic' value='15'/>")

    def appended(t):
        return t.replace("<enumerator name='Panic' value='13'/>",
                         "<enumerator name='Panic' value='13'/><enumerator name='Later' value='99'/>")

    def new_major(t):
        return removed(t).replace("soname='libduplicata.so.0'", "soname='libduplicata.so.1'")

    cases = [("unchanged", lambda t: t, True),
             ("a struct grown at its end", grown, True),
             ("two members swapped", moved, False),
             ("a function removed", removed, False),
             ("an enumerator appended", appended, True),
             ("an enumerator renumbered", renumbered, False),
             ("a function removed with a new major version", new_major, True)]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, edit, expected in cases:
            edited = edit(text)
            if name != "unchanged" and edited == text:
                sys.exit(f"selftest: the edit '{name}' changed nothing: review the baseline")
            path = os.path.join(tmp, "edited.abi")
            open(path, "w", encoding="utf-8").write(edited)
            ok, report = compare(baseline, path)
            verdict = "accepted" if ok else "refused"
            good = ok == expected
            failures += not good
            print(f"abi selftest: {name}: {verdict}{'' if good else '  <- WRONG'}")
            if not good:
                print(report)
    if failures:
        sys.exit(f"abi selftest: {failures} wrong verdict(s)")


def main():
    args = sys.argv[1:]
    if args[:1] == ["dump"] and len(args) == 4:
        dump(args[1], args[2], args[3])
    elif args[:1] == ["check"] and len(args) == 4:
        with tempfile.TemporaryDirectory() as tmp:
            new_abi = os.path.join(tmp, "new.abi")
            dump(args[2], args[3], new_abi)
            ok, report = compare(args[1], new_abi)
        print(report)
        if not ok:
            sys.exit(1)
    elif args[:1] == ["selftest"] and len(args) == 2:
        selftest(args[1])
    else:
        sys.exit(__doc__)


main()
