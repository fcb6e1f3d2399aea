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
