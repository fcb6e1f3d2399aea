// Every case of tests/cases/ evaluated in Node through the WebAssembly module and compared byte for
// byte with the core's own answer (written by the core's `corpus_reference` example, as for
// the C tests): only the core interprets the cases' `expect`.
// scripts/test-web.sh writes the answers and sets DUPLICATA_REFERENCE to their folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import duplicata, { casesDir } from "./load.mjs";

const reference = process.env.DUPLICATA_REFERENCE;
const cases = readdirSync(casesDir).filter((f) => f.endsWith(".json")).sort();

test("the core's reference answers are there", () => {
  assert.ok(reference && existsSync(join(reference, "expected")), "DUPLICATA_REFERENCE unset: run scripts/test-web.sh");
  assert.ok(cases.length >= 60, `the corpus has ${cases.length} cases`);
  assert.deepEqual(readdirSync(join(reference, "expected")).sort(), cases, "one answer per case");
});

/** The module's answer as JSON text: the decision, or the thrown error's JSON. */
function answer(run) {
  try {
    return run();
  } catch (e) {
    assert.ok(e instanceof Error && e.name === "DuplicataError", `a thrown error is a DuplicataError: ${e}`);
    return JSON.stringify(e.toJSON());
  }
}

for (const file of cases) {
  test(`case ${file}: the module's answer is the core's, byte for byte`, { skip: !reference }, () => {
    const request = readFileSync(join(reference, "requests", file), "utf8");
    const expected = readFileSync(join(reference, "expected", file), "utf8");
    assert.equal(answer(() => duplicata.evaluateJson(request)), expected);
    // The request as an object gives the same answer, as objects.
    const fromObject = answer(() => JSON.stringify(duplicata.evaluate(JSON.parse(request))));
    assert.deepEqual(JSON.parse(fromObject), JSON.parse(expected));
  });
}

test("a wrong answer is caught: the comparison is of bytes", { skip: !reference }, () => {
  const file = "naq-2019-siv-car-loss.json";
  const request = readFileSync(join(reference, "requests", file), "utf8");
  const expected = readFileSync(join(reference, "expected", file), "utf8");
  const other = duplicata.evaluateJson(request.replace('"33"', '"75"'));
  assert.notEqual(other, expected);
  assert.notEqual(expected.replace('"47.76"', '"47.760"'), expected);
});

test("fees() agrees with evaluate() on every case it can express, errors included", { skip: !reference }, () => {
  let compared = 0;
  for (const file of cases) {
    const r = JSON.parse(readFileSync(join(reference, "requests", file), "utf8"));
    // A replay (as_known_on) is for evaluate() only: fees() answers as known now.
    if (r.procedure !== "carte_grise_duplicata" || !r.vehicle || typeof r.date !== "string" || r.as_known_on !== undefined) continue;
    const query = { date: r.date, plate: r.vehicle.plate, category: r.vehicle.category, energy: r.vehicle.energy };
    if (r.holder?.department !== undefined) query.department = r.holder.department;
    if (r.change_of_address) query.change_of_address = true;
    if (r.natural_disaster) query.natural_disaster = true;
    let full;
    try {
      full = { decision: duplicata.evaluate(r) };
    } catch (e) {
      full = { error: e };
    }
    let fast;
    try {
      fast = { answer: duplicata.fees(query) };
    } catch (e) {
      fast = { error: e };
    }
    if (full.decision) {
      assert.ok(fast.answer, `${file}: fees() refused what evaluate() accepts: ${fast.error?.code}`);
      assert.equal(fast.answer.total, full.decision.fees.total, file);
      assert.deepEqual(fast.answer.lines.map((l) => [l.code, l.amount, l.status]), full.decision.fees.lines.map((l) => [l.code, l.amount, l.status]), file);
      compared++;
    } else if (fast.error && ["vehicle.plate", "vehicle.category", "holder.department"].includes(full.error.field)) {
      // The fields fees() reads: the same code and messages, the query's own field name.
      assert.deepEqual([fast.error.code, fast.error.message_fr, fast.error.message_en], [full.error.code, full.error.message_fr, full.error.message_en], file);
      assert.equal(fast.error.field, full.error.field.split(".")[1], file);
      compared++;
    }
  }
  assert.ok(compared >= 40, `${compared} cases compared`);
});

test("a cyclomoteur number with a car category is refused by fees() as by evaluate()", () => {
  const e = (() => {
    try {
      duplicata.fees({ date: "2019-06-01", department: "33", plate: "A 11 A", category: "car", energy: "petrol" });
    } catch (err) {
      return err;
    }
    return null;
  })();
  assert.ok(e, "refused");
  assert.deepEqual([e.code, e.field], ["request.inconsistent", "category"]);
  assert.doesNotMatch(e.message_fr, /moped_le_50/);
});
