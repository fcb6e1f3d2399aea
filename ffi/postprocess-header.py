#!/usr/bin/env python3
"""Makes cbindgen's header acceptable to old compilers: C89 and C++98 with -pedantic -Werror.

cbindgen 0.29 writes `//` comments (after `#endif` even with C-style documentation), a comma
after the last enumerator and, with cpp_compat, `enum X : uint32_t` for every C++ standard. This
step rewrites exactly those three things and checks that nothing else of the kind is left:
  - each run of `//` comment lines becomes one `/* ... */` block, `#endif // X` and
    `}  // extern "C"` end with `/* X */`;
  - the last enumerator of each enum loses its comma;
  - the fixed underlying type is kept for C++11 and later and C23 only (C++98 has none; the
    values fit in an `int` either way, so the size and the ABI are the same).

Usage: postprocess-header.py IN OUT
"""
import re
import sys

TYPED_ENUM_OLD = "#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L"
TYPED_ENUM_NEW = ("#if (defined(__cplusplus) && __cplusplus >= 201103L) || "
                  "(defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L)")
C23_OLD = "#if __STDC_VERSION__ >= 202311L"
C23_NEW = "#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L"


def fail(message):
    sys.exit(f"postprocess-header: {message}")


def comments(lines):
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^(\s*)// ?(.*)$", line)
        if not m:
            d = re.match(r"^(\s*(?:#\s*(?:endif|else)\b|\})\s*)// ?(.*)$", line)
            if d:
                line = f"{d.group(1)}/* {d.group(2)} */"
            out.append(line)
            i += 1
            continue
        indent = m.group(1)
        run = []
        while i < len(lines):
            m = re.match(r"^(\s*)// ?(.*)$", lines[i])
            if not m or m.group(1) != indent:
                break
            run.append(m.group(2))
            i += 1
        for text in run:
            if "*/" in text or "/*" in text:
                fail(f"a comment holds a comment delimiter: {text!r}")
        if len(run) == 1:
            out.append(f"{indent}/* {run[0]} */")
        else:
            out.append(f"{indent}/* {run[0]}".rstrip())
            out.extend(f"{indent}   {t}".rstrip() for t in run[1:-1])
            out.append(f"{indent}   {run[-1]} */")
    return out


def main():
    if len(sys.argv) != 3:
        fail("usage: postprocess-header.py IN OUT")
    text = open(sys.argv[1], encoding="utf-8").read()
    n_typed = text.count(TYPED_ENUM_OLD)
    n_c23 = text.count(C23_OLD)
    if n_typed == 0 or n_c23 == 0:
        fail("cbindgen's enum guards changed: review this step")
    text = text.replace(TYPED_ENUM_OLD, TYPED_ENUM_NEW).replace(C23_OLD, C23_NEW)
    # The comment after a guard names it: keep it in step.
    text = text.replace("#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L",
                        "#endif // fixed underlying type")
    text = text.replace("#endif // __STDC_VERSION__ >= 202311L", "#endif // C23")
    lines = comments(text.split("\n"))
    text = "\n".join(lines)
    # A comma after the last enumerator (possibly followed by comment lines) before `};`.
    text, n_commas = re.subn(r",(\n(?:\s*/\*[^\n]*\*/\n)*)\};", r"\1};", text)
    if n_commas != n_typed:
        fail(f"{n_typed} enums but {n_commas} trailing commas removed")
    # Checks: what C89 / C++98 -pedantic refuse is gone.
    code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    for line in code.split("\n"):
        if "//" in line:
            fail(f"a // comment is left: {line!r}")
        if re.search(r"\bbool\b", line):
            fail(f"bool is C99, use duplicata_bool: {line!r}")
    if re.search(r",\s*\n\s*\};", text):
        fail("an enum keeps a trailing comma")
    if "/*" in re.sub(r"/\*.*?\*/", "", text, flags=re.S):
        fail("an unterminated comment")
    open(sys.argv[2], "w", encoding="utf-8").write(text)


main()
