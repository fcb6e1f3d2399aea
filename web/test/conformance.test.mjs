// Every case of tests/cases/ evaluated in Node through the WebAssembly module, with the checks of
// core/tests/conformance.rs (tests/cases/README.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import duplicata, { casesDir } from "./load.mjs";
import { check } from "./checker.mjs";

const files = readdirSync(casesDir).filter((f) => f.endsWith(".json")).sort();

/** Evaluates a request through the module: `{ decision }` or `{ error }`. */
function outcome(request) {
  try {
    return { decision: duplicata.evaluate(request) };
  } catch (e) {
    assert.ok(e instanceof Error, `a thrown error is an Error: ${e}`);
    assert.equal(e.name, "DuplicataError", `${e}`);
    return { error: { code: e.code, field: e.field } };
  }
}

test("the corpus is there", () => {
  assert.ok(files.length >= 60, `the corpus has ${files.length} cases`);
});

for (const file of files) {
  test(`case ${file}`, () => {
    const kase = JSON.parse(readFileSync(join(casesDir, file), "utf8"));
    for (const k of ["name", "description", "source", "request", "expect"]) {
      assert.ok(Object.hasOwn(kase, k), `${file}: missing ${k}`);
    }
    // The request as an object, then as JSON text: both give the same answer.
    const fromObject = outcome(kase.request);
    assert.deepEqual(check(kase.expect, fromObject), []);
    const fromText = outcome(JSON.stringify(kase.request));
    assert.deepEqual(fromText, fromObject);
    if ("decision" in fromObject) {
      assert.equal(duplicata.evaluateJson(JSON.stringify(kase.request)), JSON.stringify(fromObject.decision));
    }
  });
}

test("the checker catches mismatches", () => {
  // A checker that cannot fail proves nothing: feed it wrong expectations (as the Rust test does).
  const decision = {
    fees: { total: "47.76", lines: [{ code: "Y1", amount: "41.00", confidence: "high" }] },
    eligibility: { eligible: true, reasons: [], remedies: [] },
    documents: [{ code: "identity_proof" }],
    trace: [{ rule: "fees.regime" }],
  };
  const wrong = {
    fees: { total: "13.76", lines: { Y1: "0.00" } },
    eligibility: { eligible: false },
    documents: { include: ["kbis"], exclude: ["identity_proof"] },
    trace_rules: ["fees.rounding"],
    typo: true,
  };
  assert.equal(check(wrong, { decision }).length, 7);
  assert.deepEqual(check({ fees: { totl: "1.00" } }, { decision }), ["unknown expect key fees.totl"]);
  assert.deepEqual(check({ error: { code: "plate.empty" } }, { decision }).length, 1);
  assert.deepEqual(check({ fees: { total: "47.76" } }, { error: { code: "plate.empty", field: null } }).length, 1);
  assert.deepEqual(
    check({ error: { code: "plate.empty", field: "vehicle.plate" } }, { error: { code: "plate.empty", field: null } }),
    ['error field null != expected "vehicle.plate"'],
  );
  // Amounts are compared as exact strings: "47.760" is not "47.76".
  assert.equal(check({ fees: { total: "47.760" } }, { decision }).length, 1);
});
