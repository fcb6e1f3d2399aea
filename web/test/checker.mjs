// The conformance checker of tests/cases/README.md, the same checks as core/tests/conformance.rs:
// every mismatch is reported, and any unknown key of `expect` is an error of the case file.

/** Deep equality of JSON values (what serde_json's `Value == Value` does). */
export function jsonEqual(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** `value[key]` the way serde_json indexes: missing keys and non-objects give null. */
function at(value, key) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  return Object.hasOwn(value, key) ? value[key] : null;
}

const show = (v) => (v === undefined ? "null" : JSON.stringify(v));

function codes(v) {
  return new Set(Array.isArray(v) ? v.map((x) => at(x, "code")).filter((c) => typeof c === "string") : []);
}

function strings(v) {
  return new Set(Array.isArray(v) ? v.filter((x) => typeof x === "string") : []);
}

function setEqual(a, b) {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function object(v, what) {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new Error(`${what} is not an object`);
  return v;
}

/**
 * Checks `expect` against an outcome: `{ decision }` or `{ error }` (the error's JSON object, with
 * `code` and `field`). Returns the list of mismatches (empty when the case holds).
 */
export function check(expect, outcome) {
  const bad = [];
  const exp = object(expect, "expect");
  const want = Object.hasOwn(exp, "error") ? exp.error : undefined;
  if ("error" in outcome) {
    if (want === undefined) return [`unexpected error ${show(outcome.error)}`];
    if (!jsonEqual(at(outcome.error, "code"), at(want, "code"))) {
      bad.push(`error code ${show(at(outcome.error, "code"))} != expected ${show(at(want, "code"))}`);
    }
    if (want !== null && typeof want === "object" && Object.hasOwn(want, "field")) {
      if (!jsonEqual(at(outcome.error, "field"), want.field)) {
        bad.push(`error field ${show(at(outcome.error, "field"))} != expected ${show(want.field)}`);
      }
    }
    return bad;
  }
  if (want !== undefined) return [`expected error ${show(want)}, got a decision`];
  const decision = outcome.decision;
  for (const [key, w] of Object.entries(exp)) {
    switch (key) {
      case "fees": {
        const fees = at(decision, "fees");
        for (const [k, wk] of Object.entries(object(w, "fees"))) {
          switch (k) {
            case "total":
            case "status":
            case "confidence":
            case "regime":
            case "highest_event_only":
              if (!jsonEqual(at(fees, k), wk)) bad.push(`fees.${k} = ${show(at(fees, k))} (expected ${show(wk)})`);
              break;
            case "lines":
            case "line_confidence": {
              const field = k === "lines" ? "amount" : "confidence";
              for (const [code, wl] of Object.entries(object(wk, "lines"))) {
                const lines = at(fees, "lines");
                const line = Array.isArray(lines) ? lines.find((l) => at(l, "code") === code) : undefined;
                if (line === undefined) bad.push(`fees line ${code} missing`);
                else if (!jsonEqual(at(line, field), wl)) {
                  bad.push(`fees ${code}.${field} = ${show(at(line, field))} (expected ${show(wl)})`);
                }
              }
              break;
            }
            default:
              bad.push(`unknown expect key fees.${k}`);
          }
        }
        break;
      }
      case "eligibility": {
        const el = at(decision, "eligibility");
        for (const [k, wk] of Object.entries(object(w, "eligibility"))) {
          switch (k) {
            case "eligible":
            case "confidence":
              if (!jsonEqual(at(el, k), wk)) bad.push(`eligibility.${k} = ${show(at(el, k))} (expected ${show(wk)})`);
              break;
            case "reasons": {
              const have = codes(at(el, "reasons"));
              if (!setEqual(have, strings(wk))) bad.push(`eligibility.reasons = ${show([...have])} (expected ${show(wk)})`);
              break;
            }
            case "remedies_include": {
              const have = codes(at(el, "remedies"));
              for (const c of strings(wk)) if (!have.has(c)) bad.push(`remedy ${c} missing from ${show([...have])}`);
              break;
            }
            default:
              bad.push(`unknown expect key eligibility.${k}`);
          }
        }
        break;
      }
      case "plate":
      case "procedure":
        for (const [k, wk] of Object.entries(object(w, key))) {
          const have = at(at(decision, key), k);
          if (!jsonEqual(have, wk)) bad.push(`${key}.${k} = ${show(have)} (expected ${show(wk)})`);
        }
        break;
      case "documents":
      case "validity": {
        const have = codes(at(decision, key));
        for (const [k, wk] of Object.entries(object(w, key))) {
          if (k === "include") {
            for (const c of strings(wk)) if (!have.has(c)) bad.push(`${key}: ${c} missing from ${show([...have])}`);
          } else if (k === "exclude") {
            for (const c of strings(wk)) if (have.has(c)) bad.push(`${key}: ${c} present`);
          } else if (k === "durations" && key === "validity") {
            for (const [code, dur] of Object.entries(object(wk, "durations"))) {
              const items = at(decision, key);
              const item = Array.isArray(items) ? items.find((i) => at(i, "code") === code) : undefined;
              const got = item === undefined ? undefined : at(item, "duration");
              if (item === undefined || !jsonEqual(got, dur)) {
                bad.push(`validity ${code} duration ${show(got)} (expected ${show(dur)})`);
              }
            }
          } else {
            bad.push(`unknown expect key ${key}.${k}`);
          }
        }
        break;
      }
      case "cmi": {
        const cmi = at(decision, "cmi");
        for (const [k, wk] of Object.entries(object(w, "cmi"))) {
          switch (k) {
            case "listed_titles":
            case "fee":
              if (!jsonEqual(at(cmi, k), wk)) bad.push(`cmi.${k} = ${show(at(cmi, k))} (expected ${show(wk)})`);
              break;
            case "effects": {
              const have = codes(at(cmi, "effects"));
              if (!setEqual(have, strings(wk))) bad.push(`cmi.effects = ${show([...have])} (expected ${show(wk)})`);
              break;
            }
            default:
              bad.push(`unknown expect key cmi.${k}`);
          }
        }
        break;
      }
      case "trace_rules": {
        const trace = at(decision, "trace");
        const have = new Set(Array.isArray(trace) ? trace.map((e) => at(e, "rule")).filter((r) => typeof r === "string") : []);
        for (const r of strings(w)) if (!have.has(r)) bad.push(`trace rule ${r} missing`);
        break;
      }
      default:
        bad.push(`unknown expect key ${key}`);
    }
  }
  return bad;
}
