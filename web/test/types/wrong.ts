// Must NOT compile: amounts are decimal strings, categories are a closed list.
import { evaluate } from "../../../wasm/pkg/duplicata_wasm";

export const total: number = evaluate("{}").fees!.lines[0].amount;
export const bad = evaluate({ procedure: "carte_grise_duplicata", date: "2019-06-01", vehicle: { plate: "x", category: "truck", energy: "petrol" } });
