#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target from tests/cases (and the reference parameter
file), and a libFuzzer dictionary of the request contract's keys and values from its JSON schema.

Usage: fuzz/seeds.py  (writes fuzz/corpus/<target>/seed-*, fuzz/corpus/request.dict)
"""
import json
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def write(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / f"seed-{name}").write_bytes(data if isinstance(data, bytes) else data.encode())


def walk(o, found):
    """Collects the plates, departments and dates of a request."""
    if isinstance(o, dict):
        for k, v in o.items():
            if isinstance(v, str):
                if k == "plate":
                    found["plate"].add(v)
                elif k == "department":
                    found["department"].add(v)
                elif k in ("date", "first_registration", "valid_until"):
                    found["date"].add(v)
            walk(v, found)
    elif isinstance(o, list):
        for x in o:
            walk(x, found)


def ffi_date(text):
    """The 7 date bytes of the ffi target (flags 0: year 2000 + b1, month b5, day b6)."""
    try:
        y, m, d = (int(p) for p in text.split("-"))
    except ValueError:
        y, m, d = 2019, 6, 1
    return bytes([0, max(0, min(255, y - 2000)), 0, 0, 0, m % 256, d % 256])


def main():
    found = {"plate": set(), "department": set(), "date": set()}
    cases = sorted((ROOT / "tests" / "cases").glob("*.json"))
    for path in cases:
        case = json.loads(path.read_text(encoding="utf-8"))
        request = case.get("request")
        if request is None:
            continue
        text = json.dumps(request, ensure_ascii=False, separators=(",", ":"))
        write("request_json", path.stem, text)
        write("ffi", "evaluate-" + path.stem, b"\x00" + text.encode())
        walk(request, found)
    found["plate"].update(["AB-123-CD", "ab123cd", "123 AB 45", "12 A 2B", "A 11 A", "WW-123-AB",
                           "W-123-AB", "1234 W 75"])
    # The hostile forms of issue reports: loose dates, control characters and overlong plates.
    found["plate"].update(["AB-123-CD\t", "AB\n123-CD", "A" * 33, "ww-123-ab", ""])
    found["date"].update(["2009-04-15", "2019-06-01", "2024-02-29", "2019-02-30", "+2019-06-01",
                          "2019-6-1", " 2019-06-01", "+0002019-06-01", "+99999-12-31", "0000-01-01",
                          "9999-12-31", "2040-01-01"])
    for i, p in enumerate(sorted(found["plate"])):
        write("plate", f"{i:03}", p)
        write("ffi", f"plate-{i:03}", b"\x01" + p.encode())
    for i, d in enumerate(sorted(found["date"])):
        write("date", f"{i:03}", d)
    for i, dept in enumerate(sorted(found["department"])):
        for j, d in enumerate(sorted(found["date"])[:4]):
            write("ffi", f"rate-{i:03}-{j}", b"\x02" + ffi_date(d) + dept.encode())
            write("ffi", f"typed-rate-{i:03}-{j}", b"\x03" + ffi_date(d) + dept.encode())
            for k, plate in enumerate(["AB-123-CD", "123 AB 45", "A 11 A"]):
                write("ffi", f"fees-{i:03}-{j}-{k}",
                      b"\x04" + ffi_date(d) + bytes([k, 0, k]) + dept.encode() + b"\x00" + plate.encode())
    params = (ROOT / "core" / "params" / "duplicata.toml").read_bytes()
    write("params_toml", "reference", params)
    write("params_toml", "broken", params.replace(b"per_cv = \"41\"", b"per_cv = \"-41\"", 1))
    write("params_toml", "siv-start-9999",
          params.replace(b"siv_start = { date = 2009-04-15", b"siv_start = { date = 9999-12-31", 1))
    at = params.index(b'key = "validity.cpi_months"')
    value = params.index(b'value = "1"', at)
    write("params_toml", "cpi-months-u32-max",
          params[:value] + b'value = "4294967295"' + params[value + len(b'value = "1"'):])
    write("params_toml", "not-utf8", params[:200] + b"\xff\xfe" + params[200:])
    write("ffi", "reload-reference", b"\x05" + params)
    write("ffi", "reload-broken", b"\x05" + params[: len(params) // 2])

    schema = json.loads((ROOT / "docs" / "schema" / "request.schema.json").read_text(encoding="utf-8"))
    tokens = set()

    def collect(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if k == "properties":
                    tokens.update(v.keys())
                if k == "enum":
                    tokens.update(x for x in v if isinstance(x, str))
                collect(v)
        elif isinstance(o, list):
            for x in o:
                collect(x)

    collect(schema)
    lines = [f'"{json.dumps(t)[1:-1]}"' for t in sorted(tokens)]
    lines += [f'"\\"{json.dumps(t)[1:-1]}\\""' for t in sorted(tokens)]
    lines += ['"true"', '"false"', '"null"', '"{"', '"}"', '"["', '"]"', '":"', '","']
    (CORPUS / "request.dict").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"seeds: {len(cases)} cases, {len(found['plate'])} plates, {len(found['date'])} dates")


if __name__ == "__main__":
    main()
