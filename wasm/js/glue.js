// JavaScript side of the duplicata WebAssembly module (imported by the generated bindings).
//
// Every failure of the engine reaches JavaScript as a `DuplicataError`: a real `Error` (with a
// stack) carrying the engine's stable `code`, the `field` concerned (e.g. "vehicle.plate"),
// `message_fr`, `message_en`, the broad `kind`, and for a rejected parameter file its `problems`.

export class DuplicataError extends Error {
  constructor(error) {
    const where = error.field ? ` (${error.field})` : "";
    super(`${error.code}${where}: ${error.message_en}`);
    this.name = "DuplicataError";
    this.code = error.code;
    this.field = error.field ?? null;
    this.kind = error.kind ?? "internal";
    this.message_fr = error.message_fr ?? "";
    this.message_en = error.message_en ?? "";
    this.problems = error.problems ?? [];
    this.allowed_events = error.allowed_events ?? [];
  }

  /** The message in `lang` ("fr" or "en"; anything else gives French, the language of the law). */
  messageIn(lang) {
    return String(lang).toLowerCase() === "en" ? this.message_en : this.message_fr;
  }

  /** The error as the JSON object every surface prints: `{"error": {...}}`. */
  toJSON() {
    const error = { kind: this.kind, code: this.code };
    if (this.field) error.field = this.field;
    error.message_fr = this.message_fr;
    error.message_en = this.message_en;
    if (this.problems.length) error.problems = this.problems;
    if (this.allowed_events.length) error.allowed_events = this.allowed_events;
    return { error };
  }
}

/** Builds the error thrown to JavaScript from the engine's `{"error": {...}}` JSON text. */
export function duplicataError(json) {
  return new DuplicataError(JSON.parse(json).error);
}

/** A request object's JSON text. JSON.stringify would write NaN and ±Infinity as null and drop
 * functions and symbols (or write them as null in a list): such a value is refused here, naming
 * its field, with the codes of the engine (`request.invalid_value` for a number JSON cannot
 * write, `request.invalid_type` for a function, symbol, bigint or undefined in a list). A property
 * whose value is `undefined` is absent, as in JSON.stringify. */
export function requestJson(value) {
  const refuse = (code, field, fr, en) => {
    throw new DuplicataError({ kind: "invalid_request", code, field, message_fr: fr, message_en: en });
  };
  const seen = new Set();
  // Past the engine's depth limit (128, that of its JSON reader) the text is refused anyway:
  // the walk stops there, so that a deep object cannot exhaust the stack here.
  const walk = (v, field, key, depth = 0) => {
    if (depth > 128) return;
    if (v !== null && typeof v === "object" && typeof v.toJSON === "function") v = v.toJSON(key);
    const where = field || "requête";
    const at = field || "request";
    switch (typeof v) {
      case "number":
        if (!Number.isFinite(v)) {
          refuse(
            "request.invalid_value",
            field,
            `« ${where} » vaut ${v} : JSON n'a que des nombres finis`,
            `'${at}' is ${v}: JSON has finite numbers only`,
          );
        }
        return;
      case "function":
      case "symbol":
      case "bigint":
        refuse(
          "request.invalid_type",
          field,
          `« ${where} » est de type ${typeof v}, qui n'existe pas en JSON`,
          `'${at}' is of type ${typeof v}, which JSON does not have`,
        );
        return;
      case "object":
        if (v === null) return;
        if (seen.has(v)) {
          refuse("request.invalid_type", field, `« ${where} » se contient lui-même`, `'${at}' contains itself`);
        }
        seen.add(v);
        if (Array.isArray(v)) {
          v.forEach((item, i) => {
            if (item === undefined) {
              refuse(
                "request.invalid_type",
                `${field}[${i}]`,
                `« ${field}[${i}] » vaut undefined, qui n'existe pas en JSON`,
                `'${field}[${i}]' is undefined, which JSON does not have`,
              );
            }
            walk(item, `${field}[${i}]`, String(i), depth + 1);
          });
        } else {
          for (const k of Object.keys(v)) {
            if (v[k] !== undefined) walk(v[k], field ? `${field}.${k}` : k, k, depth + 1);
          }
        }
        seen.delete(v);
        return;
      default:
        return;
    }
  };
  walk(value, "", "");
  try {
    return JSON.stringify(value);
  } catch (e) {
    return refuse(
      "request.invalid_type",
      undefined,
      `l'objet ne peut pas être écrit en JSON (${e.name === "RangeError" ? "imbrication trop profonde" : "valeur non représentable"})`,
      `the object cannot be written as JSON (${e.name === "RangeError" ? "nested too deeply" : e.message})`,
    );
  }
}
