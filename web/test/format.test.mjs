// The French display of amounts: exact string re-punctuation, never floats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { euros, frenchDate } from "../src/format.js";

test("amounts are shown with a comma and the euro sign, digit for digit", () => {
  assert.equal(euros("47.76"), "47,76\u00a0€");
  assert.equal(euros("0.00"), "0,00\u00a0€");
  assert.equal(euros("2.5"), "2,50\u00a0€");
  assert.equal(euros("1234.50"), "1\u202f234,50\u00a0€");
  assert.equal(euros("0.1"), "0,10\u00a0€");
  // A float would print 0.30000000000000004: strings keep the engine's exact value.
  assert.equal(euros("9007199254740993.01"), "9\u202f007\u202f199\u202f254\u202f740\u202f993,01\u00a0€");
  assert.equal(euros(null), "inconnu");
  assert.throws(() => euros("4,00"));
  assert.throws(() => euros(47.76 * 1e21));
});

test("dates are shown in French", () => {
  assert.equal(frenchDate("2019-06-01"), "1er juin 2019");
  assert.equal(frenchDate("2015-09-28"), "28 septembre 2015");
});
