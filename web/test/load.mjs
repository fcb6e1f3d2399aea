// Loads the WebAssembly package (wasm/pkg, built by wasm/build.sh) in Node, synchronously.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as duplicata from "../../wasm/pkg/duplicata_wasm.js";

const wasmPath = fileURLToPath(new URL("../../wasm/pkg/duplicata_wasm_bg.wasm", import.meta.url));
duplicata.initSync({ module: readFileSync(wasmPath) });

export default duplicata;
export const casesDir = fileURLToPath(new URL("../../tests/cases/", import.meta.url));
