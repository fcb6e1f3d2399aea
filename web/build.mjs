// Builds the static page into web/dist: the page (src/), the WebAssembly package (wasm/pkg, built
// by wasm/build.sh) and the DSFR files it uses, vendored so that the page makes no request outside
// its own folder. Serve dist/ from any static file server.
// Then the npm package of the custom element into web/package (element/ + the page as simulateur/),
// ready for `npm pack`.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

const web = dirname(fileURLToPath(import.meta.url));
const dist = join(web, "dist");
const pkg = join(web, "..", "wasm", "pkg");
const dsfr = join(web, "node_modules", "@gouvfr", "dsfr", "dist");

for (const [path, hint] of [[join(pkg, "duplicata_wasm_bg.wasm"), "run wasm/build.sh"], [dsfr, "run npm ci in web/"]]) {
  if (!existsSync(path)) {
    console.error(`web/build.mjs: ${relative(join(web, ".."), path)} is missing: ${hint}`);
    process.exit(1);
  }
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
cpSync(join(web, "src"), dist, { recursive: true });
for (const f of ["duplicata_wasm.js", "duplicata_wasm_bg.wasm", "duplicata_wasm.d.ts", "snippets"]) {
  cpSync(join(pkg, f), join(dist, "pkg", f), { recursive: true });
}
// The DSFR: the main stylesheet (its only external references are the fonts), the module script,
// the fonts and the favicon.
// The icons the stylesheet references are inlined as data: URIs, so that an icon first shown while
// the form is used (an error, a badge) needs no request.
let inlined = 0;
const css = readFileSync(join(dsfr, "dsfr.min.css"), "utf8").replace(/url\((icons\/[^)]+\.svg)\)/g, (_, path) => {
  inlined++;
  const svg = readFileSync(join(dsfr, path));
  return `url("data:image/svg+xml;base64,${svg.toString("base64")}")`;
});
mkdirSync(join(dist, "dsfr"), { recursive: true });
writeFileSync(join(dist, "dsfr", "dsfr.min.css"), css);
if (/url\((?!["']?data:|fonts\/)/.test(css)) {
  console.error("web/build.mjs: dsfr.min.css references a file that is not vendored");
  process.exit(1);
}
cpSync(join(dsfr, "dsfr.module.min.js"), join(dist, "dsfr", "dsfr.module.min.js"));
for (const f of readdirSync(join(dsfr, "fonts"))) {
  if (/\.woff2?$/.test(f)) cpSync(join(dsfr, "fonts", f), join(dist, "dsfr", "fonts", f));
}
cpSync(join(dsfr, "favicon", "favicon.svg"), join(dist, "dsfr", "favicon", "favicon.svg"));

// The list of the page's own files: the browser test allows requests for these only.
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(relative(dist, p).split("\\").join("/"));
  }
};
walk(dist);
files.sort();
writeFileSync(join(dist, "assets.json"), JSON.stringify(files, null, 1) + "\n");

// The npm package: the element, its types and README, and the page (with the engine) as simulateur/.
const out = join(web, "package");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const f of ["duplicata-simulateur.js", "duplicata-simulateur.d.ts", "README.md"]) cpSync(join(web, "element", f), join(out, f));
cpSync(dist, join(out, "simulateur"), { recursive: true });
const version = /^version = "([^"]+)"/m.exec(readFileSync(join(web, "..", "Cargo.toml"), "utf8"))[1];
const manifest = {
  name: "duplicata-simulateur",
  version,
  description: "Simulateur du coût d'un duplicata de carte grise : élément <duplicata-simulateur> et moteur de règles en WebAssembly",
  license: "MIT OR Apache-2.0",
  type: "module",
  main: "./duplicata-simulateur.js",
  types: "./duplicata-simulateur.d.ts",
  exports: {
    ".": { types: "./duplicata-simulateur.d.ts", default: "./duplicata-simulateur.js" },
    "./engine": { types: "./simulateur/pkg/duplicata_wasm.d.ts", default: "./simulateur/pkg/duplicata_wasm.js" },
    "./duplicata_wasm_bg.wasm": "./simulateur/pkg/duplicata_wasm_bg.wasm",
    "./simulateur/*": "./simulateur/*",
    "./package.json": "./package.json",
  },
  files: ["duplicata-simulateur.js", "duplicata-simulateur.d.ts", "README.md", "simulateur/"],
  sideEffects: ["./duplicata-simulateur.js"],
  keywords: ["carte grise", "duplicata", "simulateur", "webassembly", "custom element", "dsfr"],
};
writeFileSync(join(out, "package.json"), JSON.stringify(manifest, null, 2) + "\n");

const wasm = readFileSync(join(dist, "pkg", "duplicata_wasm_bg.wasm"));
const total = files.reduce((n, f) => n + statSync(join(dist, f)).size, 0);
console.error(
  `web/dist: ${files.length} files, ${total} bytes (${inlined} DSFR icons inlined); wasm ${wasm.length} bytes (${gzipSync(wasm, { level: 9 }).length} gzip)`,
);
