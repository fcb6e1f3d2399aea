// A consumer of the package's TypeScript definitions, compiled with tsc --strict by
// test/types.test.mjs: the contract's types must accept real use and reject amounts as numbers.
import init, { evaluate, fees, rate, parsePlate, info } from "../../../wasm/pkg/duplicata_wasm";
import type { Decision, DuplicataError, DuplicataRequest, FeeLineView } from "../../../wasm/pkg/duplicata_wasm";

export async function demo(): Promise<string> {
  await init();
  const request: DuplicataRequest = {
    procedure: "carte_grise_duplicata",
    date: "2019-06-01",
    reason: "loss",
    holder: { department: "33" },
    vehicle: { plate: "AB-123-CD", category: "car", energy: "petrol", fiscal_power: 5 },
  };
  const decision: Decision = evaluate(request);
  const lines: FeeLineView[] = decision.fees?.lines ?? [];
  const total: string | null = decision.fees?.total ?? null;
  const fast = fees({ date: "2019-06-01", plate: "AB-123-CD", category: "car", energy: "petrol" });
  const y1: string | null = fast.lines[0].amount;
  const r = rate("33", "2019-06-01");
  const plate = parsePlate("ab123cd");
  const about = info();
  const official = about.sources.filter((s) => s.kind === "official").map((s) => s.title_fr ?? s.title);
  const other: string | undefined = decision.alternatives?.[0]?.total ?? undefined;
  try {
    evaluate("{}");
  } catch (e) {
    const err = e as DuplicataError;
    return `${err.code} ${err.field ?? ""} ${err.message_fr}`;
  }
  return [total, y1, r.rate, plate.system, about.departments[0], lines.length, decision.plate?.conversion, official.length, other].join(" ");
}
