// The JavaScript surface of the WebAssembly module: exports, errors as Error objects carrying the
// engine's code, field and messages, panics that never leave a dead module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import duplicata from "./load.mjs";

const request = {
  procedure: "carte_grise_duplicata",
  date: "2019-06-01",
  reason: "loss",
  holder: { department: "33" },
  vehicle: { plate: "AB-123-CD", category: "car", energy: "petrol" },
};

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected an exception");
}

test("evaluate answers with exact decimal strings", () => {
  const d = duplicata.evaluate(request);
  assert.equal(d.fees.total, "47.76");
  assert.deepEqual(
    d.fees.lines.map((l) => [l.code, l.amount]),
    [["Y1", "41.00"], ["Y2", "0.00"], ["Y3", "0.00"], ["Y4", "4.00"], ["Y5", "2.76"]],
  );
  for (const l of d.fees.lines) {
    assert.equal(typeof l.amount, "string");
    assert.ok(l.label_fr && l.explanation_fr && l.source, `line ${l.code} explained`);
  }
  assert.equal(d.plate.conversion, false);
  assert.ok(d.eligibility.who_may_apply.length > 0);
  assert.ok(d.documents.length > 0);
  assert.match(d.parameters.fingerprint, /^sha256:[0-9a-f]{64}$/);
});

test("errors are Error objects with code, field and both messages", () => {
  const e = thrown(() =>
    duplicata.evaluate({ ...request, vehicle: { ...request.vehicle, plate: "AI-123-CD" } }),
  );
  assert.ok(e instanceof Error);
  assert.equal(e.name, "DuplicataError");
  assert.equal(e.code, "plate.forbidden_letter");
  assert.equal(e.field, "vehicle.plate");
  assert.equal(e.kind, "invalid_plate");
  assert.match(e.message_fr, /la lettre « I »/);
  assert.match(e.message_en, /the letter 'I'/);
  assert.match(e.message, /^plate\.forbidden_letter \(vehicle\.plate\): /);
  assert.ok(e.stack.length > 0);
  assert.deepEqual(e.toJSON().error.code, "plate.forbidden_letter");
  assert.equal(e.messageIn("en"), e.message_en);

  const bad = thrown(() => duplicata.evaluate("{not json"));
  assert.equal(bad.code, "request.invalid_json");
  const unknown = thrown(() => duplicata.evaluate({ ...request, colour: "red" }));
  assert.equal(unknown.code, "request.unknown_field");
  assert.equal(unknown.field, "colour");
  const dept = thrown(() => duplicata.evaluate({ ...request, holder: { department: "99" } }));
  assert.deepEqual([dept.code, dept.field], ["department.unknown", "holder.department"]);
  const type = thrown(() => duplicata.evaluate(42));
  assert.equal(type.code, "request.invalid_type");
  // The module still answers after errors.
  assert.equal(duplicata.evaluate(request).fees.total, "47.76");
});

test("a panic surfaces as an error and the module answers again", () => {
  const before = duplicata.info().parameters.fingerprint;
  const e = thrown(() => duplicata.selfTestPanic("boom"));
  assert.ok(e instanceof Error, `${e}`);
  assert.equal(e.name, "DuplicataError");
  assert.equal(e.code, "internal.panic");
  assert.equal(e.kind, "internal");
  assert.match(e.message_en, /internal engine error: boom/);
  assert.match(e.message_fr, /erreur interne du moteur : boom/);
  // Not a dead module: the next calls get a fresh instance and answer.
  assert.equal(duplicata.evaluate(request).fees.total, "47.76");
  assert.equal(duplicata.info().parameters.fingerprint, before);
  for (let i = 0; i < 3; i++) {
    assert.equal(thrown(() => duplicata.selfTestPanic(`again ${i}`)).code, "internal.panic");
    assert.equal(duplicata.parsePlate("ab123cd").normalized, "AB-123-CD");
  }
});

test("fees: the fast path gives the decision's amounts", () => {
  const f = duplicata.fees({ date: "2019-06-01", department: "33", plate: "AB-123-CD", category: "car", energy: "petrol" });
  assert.equal(f.total, "47.76");
  assert.deepEqual(f.lines.map((l) => l.amount), duplicata.evaluate(request).fees.lines.map((l) => l.amount));
  const fni = duplicata.fees({ date: "2015-09-28", department: "13", plate: "123 AF13", category: "car", energy: "petrol" });
  assert.deepEqual([fni.total, fni.conversion], ["2.76", true]);
  const e = thrown(() => duplicata.fees({ date: "2019-06-01", plate: "AB-123-CD", category: "car", energy: "diesel", department: "2C" }));
  assert.deepEqual([e.code, e.field], ["department.unknown", "department"]);
});

test("rate lookup and plate parsing", () => {
  const r = duplicata.rate("33", "2019-06-01");
  assert.deepEqual([r.status, r.rate, r.region], ["known", "41.00", "NAQ"]);
  const e = thrown(() => duplicata.rate("33", "1er juin"));
  assert.deepEqual([e.code, e.field], ["request.invalid_date", "date"]);
  const p = duplicata.parsePlate(" 123 af13 ");
  assert.deepEqual(p, { system: "fni", normalized: "123 AF 13", department: "13" });
  const pe = thrown(() => duplicata.parsePlate("AB-000-CD"));
  assert.equal(pe.code, "plate.zero_number");
  assert.equal(pe.field, null);
});

test("info: version, parameters, departments and sources", () => {
  const i = duplicata.info();
  assert.match(i.version, /^\d+\.\d+\.\d+/);
  assert.equal(i.departments.length, 101);
  assert.ok(i.departments.includes("2A") && i.departments.includes("976"));
  assert.ok(i.sources.some((s) => s.id === "SP-F19211-2019" && s.title.includes("service-public")));
  // For people: a French title, a date, an official link where one exists, a kind.
  const sp = i.sources.find((s) => s.id === "SP-F19211-2019");
  assert.deepEqual([sp.date, sp.kind, sp.url], ["2019-04-24", "official", "https://www.service-public.fr/particuliers/vosdroits/F19211"]);
  assert.match(sp.title_fr, /^Service-public\.fr, fiche « Coût de la carte grise »/);
  for (const s of i.sources) {
    assert.ok(s.title_fr && ["official", "press", "commercial", "other"].includes(s.kind), s.id);
    if (s.url) assert.match(s.url, /^https:\/\//, s.id);
  }
});

test("the package has TypeScript definitions of the contract", () => {
  const dts = readFileSync(new URL("../../wasm/pkg/duplicata_wasm.d.ts", import.meta.url), "utf8");
  for (const name of ["export function evaluate(request: DuplicataRequest | string): Decision;", "export interface Decision", "export interface DuplicataRequest", "export interface DuplicataError", "export function parsePlate(input: string): Plate;"]) {
    assert.ok(dts.includes(name), `duplicata_wasm.d.ts declares ${name}`);
  }
});
