// The package's TypeScript definitions (wasm-bindgen's and the contract's, wasm/types/contract.d.ts)
// compile with tsc --strict for a real consumer, and reject wrong uses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
const dir = fileURLToPath(new URL("./types/", import.meta.url));

function compile(file) {
  const args = [tsc, "--noEmit", "--strict", "--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler", "--lib", "es2022,dom", file];
  return spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
}

test("a strict TypeScript consumer compiles against the definitions", () => {
  const r = compile("consumer.ts");
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test("the definitions reject an amount used as a number and an unknown category", () => {
  const r = compile("wrong.ts");
  assert.notEqual(r.status, 0);
  assert.match(r.stdout, /wrong\.ts\(4,\d+\): error TS2322: Type 'string \| null' is not assignable to type 'number'/);
  assert.match(r.stdout, /wrong\.ts\(5,\d+\): error TS2322: Type '"truck"' is not assignable/);
});
