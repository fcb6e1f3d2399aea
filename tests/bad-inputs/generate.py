#!/usr/bin/env python3
"""Writes the generated part of the bad-input corpus: one file per hostile request in
tests/bad-inputs/generated/, and generated/expected.tsv with the error each must get.

    python3 tests/bad-inputs/generate.py          # rewrite generated/
    python3 tests/bad-inputs/generate.py --check  # exit 1 if generated/ is not what this writes

Each expectation is written here from the contract (docs/errors.md, docs/schema/request.schema.json),
never taken from the engine's answer. The format of expected.tsv is described in README.md.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "generated")

# A valid carte-grise request and a valid CMI request: every case changes one thing.
CARTE_GRISE = {
    "procedure": "carte_grise_duplicata",
    "date": "2019-06-01",
    "reason": "loss",
    "holder": {"department": "33"},
    "vehicle": {"plate": "AB-123-CD", "category": "car", "energy": "petrol"},
}
CMI = {
    "procedure": "cmi_duplicata",
    "date": "2021-05-01",
    "cmi": {
        "terms_accepted": True,
        "titles": [
            {
                "number": "CMI-2019-000123",
                "mention": "invalidite",
                "status": "revoked",
                "valid_until": "2029-06-30",
            }
        ],
        "title_number": "CMI-2019-000123",
        "revocation_motive": "loss",
        "sworn_statement": True,
        "delivery_address": {
            "name": "Jeanne Martin",
            "line1": "1 rue de la Paix",
            "postal_code": "75002",
            "city": "Paris",
            "country": "France",
        },
    },
}

cases = []  # (slug, bytes, code, field or "-")


def add(slug, request, code, field="-"):
    """A case: `request` is a dict (written as JSON), a str (written as UTF-8) or bytes."""
    if isinstance(request, dict):
        data = json.dumps(request, ensure_ascii=False).encode("utf-8")
    elif isinstance(request, str):
        data = request.encode("utf-8", "surrogatepass")
    else:
        data = request
    cases.append((slug, data, code, field))


def copy(base):
    return json.loads(json.dumps(base))


def at(base, path, value):
    """`base` with the value at the dotted path set (`cmi.titles.0.valid_until`); None deletes."""
    r = copy(base)
    parts = path.split(".")
    node = r
    for p in parts[:-1]:
        node = node[int(p)] if isinstance(node, list) else node.setdefault(p, {})
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = value
    elif value is None:
        node.pop(last, None)
    else:
        node[last] = value
    return r


def field_name(path):
    """The contract's field path of a dotted path: `cmi.titles.0.x` → `cmi.titles[0].x`."""
    out = []
    for p in path.split("."):
        if p.isdigit():
            out[-1] += f"[{p}]"
        else:
            out.append(p)
    return ".".join(out)


# --- Dates: exactly YYYY-MM-DD, a real day, 1900-01-01 to 2099-12-31 (docs/errors.md). ----------
BAD_DATES = [
    "+2019-06-01", "2019-6-1", " 2019-06-01", "2019-06-01 ", "+0002019-06-01", "+99999-12-31",
    "2019-02-30", "2023-02-29", "2100-02-29", "2019-13-01", "2019-00-10", "2019-06-00",
    "2019-06-31", "0000-01-01", "0001-01-01", "1899-12-31", "2100-01-01", "9999-12-31",
    "2019/06/01", "20190601", "2019-06-01T00:00:00", "2019-06-01Z", "01/06/2019", "2019-06",
    "２０１９-06-01", "2019\u201106\u201101", "2019-06-01\n", "\t2019-06-01", "-2019-06-01",
    "", "null", "today",
]
DATE_FIELDS = [
    (CARTE_GRISE, "date"),
    (CARTE_GRISE, "vehicle.first_registration"),
    (CMI, "cmi.titles.0.valid_until"),
]
for base, path in DATE_FIELDS:
    for i, text in enumerate(BAD_DATES):
        # The request date is checked first; the other dates in a request that is otherwise valid.
        add(f"date-{field_name(path)}-{i:02}", at(base, path, text), "request.invalid_date",
            field_name(path))
    for j, value in enumerate([20190601, 2019.5, True, [2019, 6, 1], {"y": 2019}]):
        add(f"date-type-{field_name(path)}-{j}", at(base, path, value), "request.invalid_type",
            field_name(path))
add("date-null-required", at(CARTE_GRISE, "date", None) | {"date": None}, "request.invalid_type",
    "date")
# Inside the accepted period but before the SIV opened: the engine does not answer.
for d in ["2009-04-14", "1950-01-01", "1900-01-01"]:
    add(f"date-before-siv-{d}", at(CARTE_GRISE, "date", d), "request.date_out_of_range", "date")

# --- Contradictions: request.inconsistent with the field (docs/errors.md). ---------------------
for d in ["2012-03-01", "2019-06-01", "2023-06-01"]:
    r = at(at(CARTE_GRISE, "date", d), "reason", "theft")
    r["natural_disaster"] = True
    add(f"inconsistent-disaster-theft-{d}", r, "request.inconsistent", "natural_disaster")
for reason in ["loss", "damage"]:
    for theft in [{}, {"declared": True}, {"abroad": True, "declared_in_france": True}]:
        r = at(CARTE_GRISE, "reason", reason)
        r["theft"] = theft
        add(f"inconsistent-theft-block-{reason}-{len(theft)}", r, "request.inconsistent", "theft")
for cv in [5, 6, 10, 40, 100, 999]:
    r = at(CARTE_GRISE, "vehicle", {"plate": "AB-123-CD", "category": "moped_le_50",
                                     "energy": "petrol", "fiscal_power": cv})
    add(f"inconsistent-moped-{cv}cv", r, "request.inconsistent", "vehicle.fiscal_power")
for d in ["2019-06-02", "2020-01-01", "2099-12-31"]:
    add(f"inconsistent-first-registration-{d}", at(CARTE_GRISE, "vehicle.first_registration", d),
        "request.inconsistent", "vehicle.first_registration")
add("inconsistent-cmi-on-carte-grise", at(CARTE_GRISE, "cmi", CMI["cmi"]), "request.inconsistent",
    "cmi")
add("inconsistent-empty-cmi-on-carte-grise", at(CARTE_GRISE, "cmi", {}), "request.inconsistent",
    "cmi")
UNUSED_BY_CMI = [
    ("vehicle", CARTE_GRISE["vehicle"]), ("reason", "loss"), ("theft", {"declared": True}),
    ("mandate", {"signed": True}), ("heirs", {}), ("holder", {"department": "33"}),
    ("change_of_address", True), ("natural_disaster", True),
]
for procedure in ["cmi_duplicata", "cmi_second_exemplaire"]:
    for name, value in UNUSED_BY_CMI:
        r = at(at(CMI, "procedure", procedure), name, value)
        add(f"inconsistent-{procedure}-with-{name}", r, "request.inconsistent", name)

# --- Text fields of one line: no control character. --------------------------------------------
CONTROLS = ["\u0000", "\n", "\r", "\t", "\u000b", "\u000c", "\u001b", "\u007f", "\u0085"]
for i, c in enumerate(CONTROLS):
    for where, text in [("inside", f"AB{c}123-CD"), ("end", f"AB-123-CD{c}"),
                        ("start", f"{c}AB-123-CD")]:
        add(f"plate-control-{i}-{where}", at(CARTE_GRISE, "vehicle.plate", text),
            "plate.invalid_character", "vehicle.plate")
for field in ["name", "line1", "city", "country"]:
    for i, c in enumerate(["\u0000", "\n", "\r\n", "\t"]):
        add(f"cmi-address-control-{field}-{i}",
            at(CMI, f"cmi.delivery_address.{field}", f"Jeanne{c}Martin"),
            "request.invalid_value", f"cmi.delivery_address.{field}")

# --- Plates: length as given (32 at most), characters, forms. ----------------------------------
for n in [33, 34, 40, 64, 1000, 10000]:
    add(f"plate-long-{n}", at(CARTE_GRISE, "vehicle.plate", "A" * n), "plate.too_long",
        "vehicle.plate")
for pad in [24, 30, 100]:
    add(f"plate-padded-{pad}", at(CARTE_GRISE, "vehicle.plate", "AB-123-CD" + " " * pad),
        "plate.too_long", "vehicle.plate")
add("plate-long-33-hyphens", at(CARTE_GRISE, "vehicle.plate", "AB-123-CD" + "-" * 24),
    "plate.too_long", "vehicle.plate")
for i, text in enumerate(["", " ", "   ", "-", "- -"]):
    code = "plate.empty" if text.strip() == "" else "plate.invalid_format"
    add(f"plate-blank-{i}", at(CARTE_GRISE, "vehicle.plate", text), code, "vehicle.plate")
for i, text in enumerate(["AB-123-CD\u200b", "АB-123-CD", "ＡＢ-123-CD", "AB_123_CD", "AB.123.CD",
                          "AB-123-C\u0301D", "AB-123-CD\ufeff", "AB/123/CD", "AB-123-CD;",
                          "<AB-123-CD>", "AB-123-CD\\", "AB-123-CD'"]):
    add(f"plate-character-{i}", at(CARTE_GRISE, "vehicle.plate", text),
        "plate.invalid_character", "vehicle.plate")

# --- Numbers: fiscal power is a whole number of CV from 1 to 999. -------------------------------
for i, v in enumerate([0, 1000, 4294967295, 4294967296, -1]):
    add(f"number-fiscal-power-{i}", at(CARTE_GRISE, "vehicle.fiscal_power", v),
        "request.invalid_value", "vehicle.fiscal_power")
# Past u64, a JSON number is read as a float: the wrong type for a whole number of CV.
for i, v in enumerate([1.5, "7", True, [7], {"cv": 7}, 18446744073709551616, 1e300]):
    add(f"number-fiscal-power-type-{i}", at(CARTE_GRISE, "vehicle.fiscal_power", v),
        "request.invalid_type", "vehicle.fiscal_power")
base_text = json.dumps(CARTE_GRISE)[:-1]
for i, literal in enumerate(["NaN", "Infinity", "-Infinity", "+7", "07", "1e999", "0x10", ".5",
                             "1.", "undefined"]):
    text = base_text[:-1] + f', "fiscal_power": {literal}}}}}'
    add(f"number-literal-{i}", text, "request.invalid_json", "*")

# --- Wrong types, unknown fields, unknown values, missing fields. -------------------------------
for path, value in [
    ("procedure", 1), ("reason", 3), ("reason", True), ("applicant", []),
    ("holder", "33"), ("holder", []), ("holder.department", 33), ("holder.minor", "no"),
    ("holder.deceased", 0), ("vehicle", "AB-123-CD"), ("vehicle.plate", 123),
    ("vehicle.plate", ["AB-123-CD"]), ("vehicle", ["AB-123-CD", "car", "petrol"]), ("vehicle.category", 1),
    ("vehicle.energy", {}), ("vehicle.stolen", "false"), ("change_of_address", "true"),
    ("natural_disaster", 1), ("theft", True), ("mandate", "signed"),
]:
    add(f"type-{path}-{type(value).__name__}", at(CARTE_GRISE, path, value),
        "request.invalid_type", path)
for path, value in [("cmi.titles", {}), ("cmi.titles.0", "CMI-1"), ("cmi.terms_accepted", "yes"),
                    ("cmi.delivery_address", "Paris"), ("cmi.delivery_address.name", 1),
                    ("cmi", [])]:
    add(f"type-{field_name(path)}", at(CMI, path, value), "request.invalid_type", field_name(path))
for where in ["", "holder.", "vehicle."]:
    for name in ["extra", "Date", "plate_number", "__proto__", "total", "error_code"]:
        r = at(CARTE_GRISE, where + name, 1)
        add(f"unknown-{where}{name}", r, "request.unknown_field", where + name)
for path in ["cmi.", "cmi.delivery_address.", "cmi.titles.0."]:
    add(f"unknown-{field_name(path + 'extra')}", at(CMI, path + "extra", 1),
        "request.unknown_field", field_name(path + "extra"))
for path, value in [
    ("procedure", "duplicata"), ("procedure", "CARTE_GRISE_DUPLICATA"), ("reason", "lost"),
    ("reason", "Theft"), ("reason", ""), ("applicant", "owner"), ("holder.kind", "human"),
    ("vehicle.category", "CAR"), ("vehicle.category", "voiture"), ("vehicle.energy", "Petrol"),
    ("vehicle.energy", "gasoline"),
]:
    add(f"value-{path}-{value or 'empty'}", at(CARTE_GRISE, path, value),
        "request.invalid_value", path)
for path, value in [("cmi.titles.0.mention", "parking"), ("cmi.titles.0.status", "VALID"),
                    ("cmi.revocation_motive", "vol")]:
    add(f"value-{field_name(path)}", at(CMI, path, value), "request.invalid_value",
        field_name(path))
for path in ["procedure", "date", "vehicle.plate", "vehicle.category", "vehicle.energy"]:
    r = copy(CARTE_GRISE)
    node = r
    parts = path.split(".")
    for p in parts[:-1]:
        node = node[p]
    del node[parts[-1]]
    add(f"missing-{path}", r, "request.missing_field", path)
for path in ["reason", "vehicle"]:
    add(f"missing-{path}", at(CARTE_GRISE, path, None), "request.missing_field", path)
# null stands for an absent value where the field is optional, and is the wrong type elsewhere.
for path, code in [("procedure", "request.invalid_type"), ("reason", "request.missing_field"),
                   ("vehicle", "request.missing_field"), ("vehicle.plate", "request.invalid_type"),
                   ("holder", "request.invalid_type")]:
    r = copy(CARTE_GRISE)
    node = r
    for p in path.split(".")[:-1]:
        node = node[p]
    node[path.split(".")[-1]] = None
    add(f"null-{path}", r, code, path)
add("missing-cmi", at(CMI, "cmi", None), "request.missing_field", "cmi")
for path in ["cmi.titles.0.number", "cmi.titles.0.mention", "cmi.delivery_address.name"]:
    r = copy(CMI)
    node = r
    parts = path.split(".")
    for p in parts[:-1]:
        node = node[int(p)] if isinstance(node, list) else node[p]
    del node[parts[-1]]
    add(f"missing-{field_name(path)}", r, "request.missing_field", field_name(path))

# --- Departments. -------------------------------------------------------------------------------
for d in ["00", "20", "96", "999", "2C", "A", "٣٣", "3 3"]:
    add(f"department-{d.strip() or 'blank'}-{len(d)}", at(CARTE_GRISE, "holder.department", d),
        "department.unknown", "holder.department")

# --- Not JSON, or not a JSON object. ------------------------------------------------------------
for i, text in enumerate([
    "", " ", "\n", "{", "}", "{\"procedure\":", "{'procedure': 'carte_grise_duplicata'}",
    "{procedure: 1}", json.dumps(CARTE_GRISE) + ",", json.dumps(CARTE_GRISE) + "}",
    json.dumps(CARTE_GRISE) + " {}", "// comment\n" + json.dumps(CARTE_GRISE),
    json.dumps(CARTE_GRISE)[:-1] + ",}", "\ufeff" + json.dumps(CARTE_GRISE),
    "{\"procedure\":\"carte_grise_duplicata\",\"date\":\"2019-06-01\"\"reason\":\"loss\"}",
    "{\"vehicle\":{\"plate\":\"AB\\x41\"}}", "{\"vehicle\":{\"plate\":\"\\ud800\"}}",
    "{\"vehicle\":{\"plate\":\"\\uZZZZ\"}}", "{\"vehicle\":{\"plate\":\"AB\u0001\"}}",
    "NaN", "undefined", "{\"procedure\":\"carte_grise_duplicata\"" + " " * 100,
]):
    add(f"json-syntax-{i:02}", text, "request.invalid_json", "*")
for i, text in enumerate(["[]", "[" + json.dumps(CARTE_GRISE) + "]", "\"text\"", "42", "-1", "true",
                          "false", "null", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"]):
    add(f"json-not-object-{i}", text, "request.invalid_type")
# Deep nesting: serde_json stops at 128 levels (no stack overflow); as a value of a field it is the
# wrong type before any depth is reached.
for depth in [64, 200, 5000]:
    add(f"json-deep-array-{depth}", "[" * depth + "]" * depth, "request.invalid_type")
    add(f"json-deep-field-{depth}",
        json.dumps(at(CARTE_GRISE, "holder", None))[:-1] + ", \"holder\": " + "[" * depth
        + "]" * depth + "}",
        # Past serde_json's depth limit (128) the request cannot be walked: its first element is named.
        "request.invalid_type", "holder" if depth < 128 else "holder[0]")
    add(f"json-deep-object-{depth}", "{\"a\":" * depth + "1" + "}" * depth, "request.unknown_field",
        "a")
add("json-duplicate-key", json.dumps(CARTE_GRISE)[:-1] + ", \"reason\": \"theft\"}",
    "request.invalid_value", "reason")
add("json-empty-object", "{}", "request.missing_field", "procedure")

# --- Bytes that are not UTF-8 (each byte surface names its own code, see README.md). ------------
good = json.dumps(CARTE_GRISE).encode()
for i, bad in enumerate([b"\xff", b"\xc3", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
                         b"\xfe\xff", b"\x80", b"\xe2\x82"]):
    add(f"bytes-plate-{i}", good.replace(b"AB-123-CD", b"AB-123-CD" + bad), "not-utf8", "*")
add("bytes-utf16", json.dumps(CARTE_GRISE).encode("utf-16"), "not-utf8", "*")
# A NUL byte in the text: JSON forbids it unescaped; the C ABI refuses it before reading.
add("bytes-nul-in-string", good.replace(b"AB-123-CD", b"AB-123\x00-CD"), "nul-byte", "*")
add("bytes-nul-after", good + b"\x00", "nul-byte", "*")


def main():
    check = "--check" in sys.argv[1:]
    files = {}
    lines = ["# file\tcode\tfield (written by generate.py: do not edit)"]
    seen = set()
    for n, (slug, data, code, field) in enumerate(cases):
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in slug)
        name = f"{n:03}-{safe}.json"
        assert name not in seen, name
        seen.add(name)
        files[name] = data
        lines.append(f"generated/{name}\t{code}\t{field}")
    files["expected.tsv"] = ("\n".join(lines) + "\n").encode()
    if check:
        present = set(os.listdir(OUT)) if os.path.isdir(OUT) else set()
        stale = [n for n in files if n not in present
                 or open(os.path.join(OUT, n), "rb").read() != files[n]]
        extra = present - set(files)
        if stale or extra:
            print(f"generated/ is stale: {len(stale)} differ, {len(extra)} extra; run {sys.argv[0]}",
                  file=sys.stderr)
            sys.exit(1)
        return
    os.makedirs(OUT, exist_ok=True)
    for n in os.listdir(OUT):
        os.remove(os.path.join(OUT, n))
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print(f"{len(cases)} cases written to {OUT}")


if __name__ == "__main__":
    main()
