// The npm package of <duplicata-simulateur> as a website would use it: `npm pack` of web/package,
// the tarball installed into a scratch project, a page that uses the element (and one that imports
// the engine alone) bundled with esbuild, then driven in Chromium at 1280 and 390 px, the
// simulator's page served from another origin for the second element.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { serve } from "./serve.mjs";
import { launch } from "./chromium.mjs";

const WEB = fileURLToPath(new URL("../", import.meta.url));
const PACKAGE = join(WEB, "package");
const SCRATCH = fileURLToPath(new URL("../../target/web-tests/element/", import.meta.url));
const OUT = fileURLToPath(new URL("../test-output/", import.meta.url));

let tarball;
let site;
let far;
let browser;

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8" });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")}: ${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

before(async () => {
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(join(SCRATCH, "project", "src"), { recursive: true });
  mkdirSync(OUT, { recursive: true });
  // npm pack, as a publisher would.
  const packed = JSON.parse(run("npm", ["pack", PACKAGE, "--json", "--pack-destination", SCRATCH], SCRATCH));
  tarball = packed[0];
  // A scratch project installs the tarball (no registry needed: the package has no dependencies).
  const project = join(SCRATCH, "project");
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "site-assureur", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--offline", join(SCRATCH, tarball.filename)], project);
  far = await serve(join(project, "node_modules", "duplicata-simulateur"), 0);
  writeFileSync(join(project, "src", "main.js"), `import { DuplicataSimulateur } from "duplicata-simulateur";
window.heights = [];
for (const el of document.querySelectorAll("duplicata-simulateur")) {
  el.addEventListener("resize", (e) => window.heights.push([el.id, e.detail.height]));
}
window.elementDefined = customElements.get("duplicata-simulateur") === DuplicataSimulateur;
`);
  writeFileSync(join(project, "src", "engine.js"), `import init, { evaluate } from "duplicata-simulateur/engine";
await init();
const d = evaluate({ procedure: "carte_grise_duplicata", date: "2019-06-01", reason: "loss", holder: { department: "33" }, vehicle: { plate: "AB-123-CD", category: "car", energy: "petrol" } });
document.getElementById("engine-total").textContent = d.fees.total;
`);
  const dist = join(project, "dist");
  await esbuild.build({ entryPoints: [join(project, "src", "main.js"), join(project, "src", "engine.js")], bundle: true, format: "esm", outdir: dist, absWorkingDir: project, logLevel: "silent" });
  // What the README says: the page next to the bundle, the .wasm next to the engine's module.
  const installed = join(project, "node_modules", "duplicata-simulateur");
  cpSync(join(installed, "simulateur"), join(dist, "simulateur"), { recursive: true });
  cpSync(join(installed, "simulateur", "pkg", "duplicata_wasm_bg.wasm"), join(dist, "duplicata_wasm_bg.wasm"));
  writeFileSync(join(dist, "index.html"), `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Assurance exemple — coût d'un duplicata</title>
<style>body { font-family: Georgia, serif; margin: 0 auto; max-width: 60rem; padding: 1rem; } h1 { color: #7a1f5c; }</style>
</head><body><main>
<h1>Votre carte grise perdue ?</h1>
<duplicata-simulateur id="near" date="2019-06-01" departement="33" immatriculation="AB-123-CD" categorie="car" energie="petrol" motif="perte"></duplicata-simulateur>
<h2>Le même simulateur servi par un autre site</h2>
<duplicata-simulateur id="far" src="${far.url}simulateur/index.html" date="2015-09-28" departement="13" immatriculation="123 AF 13" motif="vol"></duplicata-simulateur>
<p>Moteur seul : <span id="engine-total"></span></p>
</main>
<script type="module" src="main.js"></script>
<script type="module" src="engine.js"></script>
</body></html>`);
  site = await serve(dist, 0);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.server.close();
  far?.server.close();
});

test("the package: ES module, types, README, exports map, the .wasm next to the engine", () => {
  const files = tarball.files.map((f) => f.path);
  for (const f of ["package.json", "README.md", "duplicata-simulateur.js", "duplicata-simulateur.d.ts", "simulateur/index.html", "simulateur/pkg/duplicata_wasm.js", "simulateur/pkg/duplicata_wasm_bg.wasm", "simulateur/pkg/duplicata_wasm.d.ts"]) {
    assert.ok(files.includes(f), `${f} is in the package`);
  }
  const manifest = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8"));
  assert.equal(manifest.type, "module");
  assert.deepEqual(Object.keys(manifest.exports), [".", "./engine", "./duplicata_wasm_bg.wasm", "./simulateur/*", "./package.json"]);
  assert.equal(manifest.exports["."].types, "./duplicata-simulateur.d.ts");
  const readme = readFileSync(join(PACKAGE, "README.md"), "utf8");
  const example = /```html\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  assert.ok(example.trim().split("\n").length <= 5, "a five-line example");
  assert.match(readme, /CORS/);
  assert.match(readme, /Content-Security-Policy/);
  assert.match(readme, /wasm-unsafe-eval/);
  console.log(`# ${tarball.filename}: ${tarball.size} bytes packed, ${tarball.unpackedSize} unpacked, ${files.length} files`);
});

test("the element's types compile for a strict TypeScript consumer", () => {
  const project = join(SCRATCH, "project");
  writeFileSync(join(project, "src", "typed.ts"), `import { DuplicataSimulateur } from "duplicata-simulateur";
import init, { evaluate, type Decision } from "duplicata-simulateur/engine";
const el: DuplicataSimulateur | null = document.querySelector("duplicata-simulateur");
export const url: string | undefined = el?.url;
export async function total(): Promise<string | null> {
  await init();
  const d: Decision = evaluate({ procedure: "carte_grise_duplicata", date: "2019-06-01", vehicle: { plate: "AB-123-CD", category: "car", energy: "petrol" } });
  return d.fees?.total ?? null;
}
`);
  const tsc = join(WEB, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "--noEmit", "--strict", "--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler", "--lib", "es2022,dom", "src/typed.ts"], { cwd: project, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

for (const width of [1280, 390]) {
  test(`the bundled page drives both elements at ${width} px`, async () => {
    const page = await browser.context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    try {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(site.url, { waitUntil: "load" });
      assert.equal(await page.evaluate(() => window.elementDefined), true);
      const near = page.frameLocator("#near iframe");
      const farFrame = page.frameLocator("#far iframe");
      await near.locator("body[data-ready=true]").waitFor({ timeout: 20000 });
      await farFrame.locator("body[data-ready=true]").waitFor({ timeout: 20000 });
      assert.equal(await near.locator("#total").innerText(), "47,76\u00a0€");
      assert.equal(await farFrame.locator("#total").innerText(), "2,76\u00a0€");
      assert.ok(await farFrame.locator("#reason-theft").isChecked());
      // Embed mode, neutral theme: no State header, no Marianne.
      assert.equal(await near.locator("header").isVisible(), false);
      assert.equal(await near.locator("html").getAttribute("data-theme"), "neutre");
      // The frames take the height their page asks for, same origin and cross origin.
      await page.waitForFunction(() => ["near", "far"].every((id) => window.heights.some(([e]) => e === id)));
      for (const id of ["near", "far"]) {
        const frame = page.frameLocator(`#${id} iframe`);
        const inner = await frame.locator("html").evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
        const outer = await page.locator(`#${id} iframe`).evaluate((e) => e.getBoundingClientRect().height);
        assert.ok(Math.abs(inner - outer) <= 2, `${id}: frame ${outer} px for a page of ${inner} px`);
      }
      assert.notEqual(new URL(await page.locator("#far iframe").getAttribute("src")).origin, new URL(site.url).origin);
      // The form works inside the element.
      await near.locator("#plate").fill("AI-123-CD");
      await near.locator("#plate").blur();
      assert.match(await near.locator("#plate-messages").innerText(), /contient la lettre « I »/);
      // The engine alone, imported from the package and bundled.
      await page.waitForFunction(() => document.getElementById("engine-total").textContent !== "");
      assert.equal(await page.locator("#engine-total").innerText(), "47.76");
      await page.screenshot({ path: join(OUT, `element-${width}.png`), fullPage: true });
      await page.locator("#far").scrollIntoViewIfNeeded();
      await page.locator("#far").screenshot({ path: join(OUT, `element-autre-origine-${width}.png`) });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}
