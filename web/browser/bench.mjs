// Benchmark of the engine inside the page: Debian's Chromium loads web/dist from the local server,
// then times evaluations in the page with performance.now() over many iterations.
//   node browser/bench.mjs [--json]
import { readFileSync, readdirSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, DIST } from "./serve.mjs";
import { launch } from "./chromium.mjs";

const CASES = fileURLToPath(new URL("../../tests/cases/", import.meta.url));
const request = JSON.parse(readFileSync(join(CASES, "naq-2019-siv-car-loss.json"), "utf8")).request;
const fni = JSON.parse(readFileSync(join(CASES, "paca-2015-09-28-fni-conversion.json"), "utf8")).request;

const server = await serve(DIST, 0);
const { context, close } = await launch();
try {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(server.url, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready=true]");
  const ready = Date.now() - t0;
  const results = await page.evaluate(
    async ({ request, fni }) => {
      // The same module instance as the page's (same URL): already initialised.
      const m = await import("./pkg/duplicata_wasm.js");
      const text = JSON.stringify(request);
      const feeQuery = { date: request.date, department: "33", plate: request.vehicle.plate, category: "car", energy: "petrol" };
      const runs = {
        "evaluate(object) → object (what the page does)": () => m.evaluate(request),
        "evaluate(object) → object, FNI conversion case": () => m.evaluate(fni),
        "evaluateJson(text) → text": () => m.evaluateJson(text),
        "fees(object) → object (fast path)": () => m.fees(feeQuery),
        "parsePlate(text)": () => m.parsePlate("ab-123-cd"),
      };
      const out = {};
      for (const [name, fn] of Object.entries(runs)) {
        for (let i = 0; i < 2000; i++) fn(); // warm-up
        const batches = [];
        const per = 200;
        const start = performance.now();
        for (let b = 0; b < 100; b++) {
          const s = performance.now();
          for (let i = 0; i < per; i++) fn();
          batches.push((performance.now() - s) / per);
        }
        const total = performance.now() - start;
        batches.sort((a, b) => a - b);
        out[name] = {
          iterations: 100 * per,
          mean_us: (total / (100 * per)) * 1000,
          median_us: batches[50] * 1000,
          p90_us: batches[90] * 1000,
        };
      }
      // The whole reaction to a keystroke: event, plate reading, request, evaluation and DOM update.
      const plate = document.getElementById("plate");
      const n = 2000;
      const s = performance.now();
      for (let i = 0; i < n; i++) {
        plate.value = i % 2 ? "AB-123-CD" : "AB-123-CE";
        plate.dispatchEvent(new Event("input", { bubbles: true }));
      }
      out["keystroke: input event → evaluate → DOM update"] = { iterations: n, mean_us: ((performance.now() - s) / n) * 1000 };
      out.decision_json_bytes = m.evaluateJson(text).length;
      return out;
    },
    { request, fni },
  );
  // What the first view downloads (every request of the load), and the whole folder.
  const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => new URL(r.name).pathname));
  const sized = (paths) => paths.reduce((acc, p) => {
    const body = readFileSync(join(DIST, decodeURIComponent(p).replace(/^\//, "") || "index.html"));
    return { raw: acc.raw + body.length, gzip: acc.gzip + gzipSync(body, { level: 9 }).length };
  }, { raw: 0, gzip: 0 });
  const first = sized(["/index.html", ...loaded]);
  const all = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else all.push("/" + p.slice(DIST.length));
    }
  };
  walk(DIST);
  const folder = sized(all);
  const pack = spawnSync("npm", ["pack", "--dry-run", "--json", fileURLToPath(new URL("../package/", import.meta.url))], { encoding: "utf8" });
  const packed = pack.status === 0 ? JSON.parse(pack.stdout)[0] : null;
  const wasm = readFileSync(join(DIST, "pkg", "duplicata_wasm_bg.wasm"));
  const js = readFileSync(join(DIST, "pkg", "duplicata_wasm.js"));
  const browserVersion = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
  const report = {
    browser: browserVersion,
    page_ready_ms: ready,
    wasm_bytes: wasm.length,
    wasm_gzip_bytes: gzipSync(wasm, { level: 9 }).length,
    glue_js_gzip_bytes: gzipSync(js, { level: 9 }).length,
    first_view_files: loaded.length + 1,
    first_view_bytes: first.raw,
    first_view_gzip_bytes: first.gzip,
    dist_files: all.length,
    dist_bytes: folder.raw,
    npm_package_bytes: packed?.size ?? null,
    npm_package_unpacked_bytes: packed?.unpackedSize ?? null,
    ...results,
  };
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(`browser: ${report.browser}`);
    console.log(`page load to engine ready: ${report.page_ready_ms} ms (local server)`);
    console.log(`wasm: ${report.wasm_bytes} bytes, ${report.wasm_gzip_bytes} gzip -9; glue JS ${report.glue_js_gzip_bytes} gzip -9`);
    console.log(`first view: ${report.first_view_files} files, ${report.first_view_bytes} bytes (${report.first_view_gzip_bytes} gzip -9); web/dist: ${report.dist_files} files, ${report.dist_bytes} bytes`);
    console.log(`npm package duplicata-simulateur: ${report.npm_package_bytes} bytes packed, ${report.npm_package_unpacked_bytes} unpacked`);
    console.log(`decision JSON: ${report.decision_json_bytes} bytes`);
    for (const [name, r] of Object.entries(results)) {
      if (typeof r !== "object") continue;
      const extra = r.median_us === undefined ? "" : `, median of batches ${r.median_us.toFixed(1)} µs, p90 ${r.p90_us.toFixed(1)} µs`;
      console.log(`${name}: mean ${r.mean_us.toFixed(1)} µs over ${r.iterations}${extra}`);
    }
  }
} finally {
  await close();
  server.server.close();
}
