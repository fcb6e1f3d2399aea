// The bad-input corpus (tests/bad-inputs/README.md) through the WebAssembly module: each hostile
// request, as JSON text and (when it is an object) as an object, throws a DuplicataError with its
// code and field and a French message free of the JSON parser's English. Object requests with
// values JSON cannot write (NaN, ±Infinity, functions, symbols, bigints) are refused with their
// field instead of being written as null.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import duplicata from "./load.mjs";

const corpus = fileURLToPath(new URL("../../tests/bad-inputs/", import.meta.url));
const ENGLISH = ["EOF", "while parsing", "expected", "invalid type", "invalid value", "unknown field",
  "missing field", " at line ", "trailing", "recursion"];

function cases() {
  const out = [];
  for (const part of ["generated", "hand"]) {
    for (const line of readFileSync(`${corpus}${part}/expected.tsv`, "utf8").split("\n")) {
      if (!line || line.startsWith("#")) continue;
      const [file, code, field] = line.split("\t");
      out.push({ file, code, field });
    }
  }
  return out;
}

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

function check(what, e, code, field) {
  assert.ok(e, `${what}: accepted`);
  assert.equal(e.name, "DuplicataError", `${what}: ${e}`);
  assert.equal(e.code, code, `${what}: ${e.message}`);
  if (field === "-") assert.equal(e.field, null, `${what}: field ${e.field}`);
  else if (field !== "*") assert.equal(e.field, field, `${what}: ${e.message}`);
  assert.ok(e.message_fr && e.message_en && !e.message_fr.includes("\n"), what);
  for (const w of ENGLISH) assert.ok(!e.message_fr.includes(w), `${what}: French message with '${w}': ${e.message_fr}`);
}

test("every bad input gets its code and field, as text and as an object", () => {
  const all = cases();
  assert.ok(all.length >= 300, `${all.length} cases`);
  let text = 0;
  let objects = 0;
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  for (const { file, code, field } of all) {
    let source;
    try {
      source = decoder.decode(readFileSync(corpus + file));
    } catch {
      assert.equal(code, "not-utf8", `${file} is not UTF-8`);
      continue; // a JavaScript string cannot carry these bytes
    }
    const expected = code === "nul-byte" ? "request.invalid_json" : code;
    check(file, thrown(() => duplicata.evaluate(source)), expected, field);
    check(`${file} (evaluateJson)`, thrown(() => duplicata.evaluateJson(source)), expected, field);
    text++;
    // As an object, when the text is a JSON object JavaScript reads without loss (no duplicate key,
    // no integer past 2^53, no lone surrogate): the same error.
    let value;
    try {
      value = JSON.parse(source);
    } catch {
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) continue;
    try {
      JSON.stringify(value);
    } catch {
      // Too deep for JSON.stringify itself: still an engine error, never a RangeError.
      const e = thrown(() => duplicata.evaluate(value));
      assert.ok(e && e.name === "DuplicataError" && e.code === "request.invalid_type", `${file}: ${e}`);
      continue;
    }
    if (/\d{16,}|e\d{3}|\\ud[89ab]/i.test(source) || file.includes("duplicate")) continue;
    check(`${file} (object)`, thrown(() => duplicata.evaluate(value)), expected, field);
    objects++;
  }
  assert.ok(text >= 300 && objects >= 250, `${text} texts, ${objects} objects`);
});

const request = () => ({
  procedure: "carte_grise_duplicata",
  date: "2019-06-01",
  reason: "loss",
  holder: { department: "33" },
  vehicle: { plate: "AB-123-CD", category: "car", energy: "petrol" },
});

test("values JSON cannot write are refused with their field, never written as null", () => {
  const cases = [
    [(r) => { r.vehicle.fiscal_power = NaN; }, "request.invalid_value", "vehicle.fiscal_power"],
    [(r) => { r.vehicle.fiscal_power = Infinity; }, "request.invalid_value", "vehicle.fiscal_power"],
    [(r) => { r.vehicle.fiscal_power = -Infinity; }, "request.invalid_value", "vehicle.fiscal_power"],
    [(r) => { r.vehicle.plate = Symbol("AB-123-CD"); }, "request.invalid_type", "vehicle.plate"],
    [(r) => { r.reason = () => "loss"; }, "request.invalid_type", "reason"],
    [(r) => { r.vehicle.fiscal_power = 7n; }, "request.invalid_type", "vehicle.fiscal_power"],
    [(r) => { r.holder = { department: "33", minor: Symbol.iterator }; }, "request.invalid_type", "holder.minor"],
    [(r) => { r.vehicle.stolen = NaN; }, "request.invalid_value", "vehicle.stolen"],
  ];
  for (const [change, code, field] of cases) {
    const r = request();
    change(r);
    check(`${field} = ${String(field)}`, thrown(() => duplicata.evaluate(r)), code, field);
  }
  const cmi = {
    procedure: "cmi_duplicata",
    date: "2021-05-01",
    cmi: { terms_accepted: true, titles: [{ number: "1", mention: "invalidite", status: "valid" }, undefined] },
  };
  check("undefined in a list", thrown(() => duplicata.evaluate(cmi)), "request.invalid_type", "cmi.titles[1]");
  const cycle = request();
  cycle.vehicle.self = cycle.vehicle;
  check("a cycle", thrown(() => duplicata.evaluate(cycle)), "request.invalid_type", "vehicle.self");
  // undefined is an absent property, as JSON.stringify has it; a Date is written by its toJSON.
  const absent = request();
  absent.vehicle.fiscal_power = undefined;
  assert.equal(duplicata.evaluate(absent).fees.total, "47.76");
  const dated = request();
  dated.date = new Date("2019-06-01T00:00:00Z");
  check("a Date object", thrown(() => duplicata.evaluate(dated)), "request.invalid_date", "date");
});

test("fees and rate read dates strictly too", () => {
  for (const date of ["+2019-06-01", " 2019-06-01", "2019-6-1", "+99999-12-31", "9999-12-31"]) {
    check(`rate ${date}`, thrown(() => duplicata.rate("33", date)), "request.invalid_date", "date");
    const q = { date, department: "33", plate: "AB-123-CD", category: "car", energy: "petrol" };
    check(`fees ${date}`, thrown(() => duplicata.fees(q)), "request.invalid_date", "date");
  }
});
