// The page in a real browser: Debian's Chromium driven by playwright-core loads web/dist from a local
// static server, fills the form for cases of the conformance corpus and checks what is shown, the
// error of an invalid registration number, keyboard navigation, and that no request leaves the
// page's own files after load. Saves screenshots to web/test-output/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { serve, DIST } from "./serve.mjs";
import { launch } from "./chromium.mjs";
import { euros } from "../src/format.js";

const CASES = fileURLToPath(new URL("../../tests/cases/", import.meta.url));
const OUT = fileURLToPath(new URL("../test-output/", import.meta.url));
const ASSETS = new Set(JSON.parse(readFileSync(join(DIST, "assets.json"), "utf8")));

let server;
let browser;
let page;
let base;
let phase = "load"; // "load" while the page loads, "use" while the form is used
const requests = []; // { url, phase }
const problems = []; // console errors, page errors, failed requests

function readCase(name) {
  return JSON.parse(readFileSync(join(CASES, name), "utf8"));
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await serve(DIST, 0);
  base = server.url;
  browser = await launch();
  page = await browser.context.newPage();
  page.setDefaultTimeout(5000);
  browser.context.on("request", (r) => requests.push({ url: r.url(), phase }));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(base, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });
  await page.waitForLoadState("networkidle");
  phase = "use";
});

after(async () => {
  await browser?.close();
  server?.server.close();
});

/** The fields of a request the form can express (other cases are left to the Node tests). */
function expressible(request, choices) {
  const allowed = {
    "": ["procedure", "date", "reason", "applicant", "holder", "vehicle", "theft"],
    holder: ["department"],
    vehicle: ["plate", "category", "energy", "fiscal_power", "first_registration"],
    theft: ["declared"],
  };
  if (request.procedure !== "carte_grise_duplicata") return false;
  if (!Object.keys(request).every((k) => allowed[""].includes(k))) return false;
  for (const part of ["holder", "vehicle", "theft"]) {
    if (request[part] && !Object.keys(request[part]).every((k) => allowed[part].includes(k))) return false;
  }
  if (request.theft && request.reason !== "theft") return false;
  if (request.reason === undefined || request.vehicle === undefined) return false;
  // A date input holds real dates only; a list offers its options only.
  const realDate = (d) => typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  if (!realDate(request.date)) return false;
  if (request.vehicle.first_registration !== undefined && !realDate(request.vehicle.first_registration)) return false;
  const power = request.vehicle.fiscal_power;
  if (power !== undefined && !Number.isInteger(power)) return false;
  const dept = request.holder?.department;
  if (dept !== undefined && !choices.department.includes(dept)) return false;
  return ["category", "energy", "applicant"].every((k) => {
    const v = k === "applicant" ? request.applicant : request.vehicle[k];
    return v === undefined || choices[k].includes(v);
  }) && ["loss", "theft", "damage"].includes(request.reason);
}

/** The values each list of the form offers. */
async function choices() {
  const values = (id) => page.locator(`#${id} option`).evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  return {
    department: await values("department"),
    category: await values("category"),
    energy: await values("energy"),
    applicant: await values("applicant"),
  };
}

/** Fills the form as a person would, from a request of the JSON contract. */
async function fill(request) {
  await page.fill("#date", request.date);
  await page.selectOption("#department", request.holder?.department ?? "");
  await page.fill("#plate", request.vehicle.plate);
  await page.selectOption("#category", request.vehicle.category);
  await page.selectOption("#energy", request.vehicle.energy);
  await page.fill("#fiscal_power", request.vehicle.fiscal_power === undefined ? "" : String(request.vehicle.fiscal_power));
  await page.fill("#first_registration", request.vehicle.first_registration ?? "");
  // DSFR radios and checkboxes are operated through their labels, as a person does.
  if (!(await page.isChecked(`#reason-${request.reason}`))) await page.click(`label[for=reason-${request.reason}]`);
  if (request.reason === "theft" && (await page.isChecked("#theft_declared")) !== Boolean(request.theft?.declared)) {
    await page.click("label[for=theft_declared]");
  }
  await page.selectOption("#applicant", request.applicant ?? "holder");
  await page.locator("#plate").blur();
}

const text = (selector) => page.locator(selector).innerText();

test("the page loads the engine and shows the title in French", async () => {
  assert.equal(await page.title(), "Simulateur du coût d'un duplicata de carte grise");
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  assert.match(await text("h1"), /Simulateur du coût d'un duplicata de carte grise/);
  // The date of the request defaults to today.
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });
  assert.equal(await page.inputValue("#date"), today);
  assert.equal(await page.locator("#department option").count(), 102);
});

test("every field has a label", async () => {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("#simulateur input, #simulateur select")]
      .filter((el) => !el.labels || el.labels.length === 0 || !el.labels[0].textContent.trim())
      .map((el) => el.id),
  );
  assert.deepEqual(unlabelled, []);
});

const SHOWN = [
  ["naq-2019-siv-car-loss.json", (d) => d.plate.conversion === false],
  ["siv-car-2023-any-region.json", null],
  ["moped-2019-free.json", null],
  ["paca-2015-09-28-fni-conversion.json", null],
];

for (const [file] of SHOWN) {
  test(`case ${file}: total, lines, plate, who may apply, documents, sources`, async () => {
    const kase = readCase(file);
    await fill(kase.request);
    const want = kase.expect.fees;
    assert.equal(await text("#total"), euros(want.total));
    assert.equal(await text("#fees-total-cell"), euros(want.total));
    for (const [code, amount] of Object.entries(want.lines ?? {})) {
      const cell = await text(`tr[data-line=${code}] td.amount`);
      assert.equal(cell.split("\n")[0].trim(), euros(amount), `line ${code}`);
    }
    // Every line Y1..Y5 is shown with its label, explanation and source.
    assert.equal(await page.locator("#fees-lines tr").count(), 5);
    for (const code of ["Y1", "Y2", "Y3", "Y4", "Y5"]) {
      const row = await text(`tr[data-line=${code}]`);
      assert.match(row, new RegExp(`^${code} `));
      assert.match(row, /Source : /);
    }
    // Source links lead to the list of cited sources.
    const links = await page.locator('#fees-lines a[href^="#source-"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.ok(links.length > 0, "sources are linked");
    for (const href of links) assert.equal(await page.locator(href).count(), 1, `${href} is listed`);
    assert.ok((await page.locator("#who-may-apply li").count()) > 0, "who may apply is shown");
    assert.ok((await page.locator("#documents li").count()) > 0, "documents are shown");
    if (kase.expect.plate?.plates_must_change) {
      assert.ok(await page.locator("#plate-change").isVisible());
      assert.match(await text("#plate-change"), /123 AF 13.*sera remplacé/s);
      assert.match(await text("#plate-change"), /plaques doivent être changées/);
      assert.match(await text("#plate-summary"), /nouvelles plaques/);
    } else {
      assert.ok(await page.locator("#plate-kept").isVisible());
      assert.match(await text("#plate-kept"), /est conservé/);
    }
    if (file === SHOWN[0][0]) await page.screenshot({ path: join(OUT, "simulateur.png"), fullPage: true });
  });
}

test("a confidence below high is shown where the sources disagree", async () => {
  // Find a case of the corpus with a medium or low total confidence that the form can express.
  const offered = await choices();
  const kase = readdirSync(CASES)
    .filter((f) => f.endsWith(".json"))
    .map(readCase)
    .find((c) => expressible(c.request, offered) && ["medium", "low"].includes(c.expect.fees?.confidence));
  assert.ok(kase, "the corpus has a case with a medium or low confidence");
  await fill(kase.request);
  assert.match(await text("#status"), new RegExp(`Fiabilité ${kase.expect.fees.confidence === "low" ? "faible" : "moyenne"}`, "i"));
});

test("an invalid registration number is reported next to the field, announced, then cleared", async () => {
  await fill(readCase("naq-2019-siv-car-loss.json").request);
  await page.fill("#plate", "AI-123-CD");
  const message = page.locator("#plate-messages .fr-message--error");
  assert.match(await message.innerText(), /La lettre « I » n'est pas utilisée dans les numéros SIV \(confusion avec 1\)/);
  assert.equal(await page.getAttribute("#plate", "aria-invalid"), "true");
  assert.equal(await page.getAttribute("#plate", "aria-describedby"), "plate-messages");
  assert.equal(await page.getAttribute("#plate-messages", "aria-live"), "polite");
  assert.ok(await page.locator("#group-plate.fr-input-group--error").count());
  assert.ok(await page.locator("#plate.fr-input--error").count());
  assert.equal(await page.locator("#details").isVisible(), false, "no amount is shown for an invalid number");
  await page.screenshot({ path: join(OUT, "erreur-immatriculation.png"), fullPage: true });
  await page.fill("#plate", "AB-123-CD");
  assert.equal(await message.count(), 0);
  assert.equal(await page.getAttribute("#plate", "aria-invalid"), null);
  assert.equal(await text("#total"), euros("47.76"));
});

test("the corpus cases the form can express give the core's answers", async () => {
  const offered = await choices();
  const files = readdirSync(CASES).filter((f) => f.endsWith(".json")).sort();
  const fields = {
    date: "date", "holder.department": "department", "vehicle.plate": "plate", "vehicle.category": "category",
    "vehicle.energy": "energy", "vehicle.fiscal_power": "fiscal_power", "vehicle.first_registration": "first_registration",
  };
  let checked = 0;
  const bad = [];
  for (const file of files) {
    const kase = readCase(file);
    if (!expressible(kase.request, offered)) continue;
    await fill(kase.request);
    if (kase.expect.error) {
      const input = fields[kase.expect.error.field];
      if (!input) continue;
      const shown = await page.locator(`#${input}-messages .fr-message--error`).allInnerTexts();
      if (shown.length !== 1 || !shown[0]) bad.push(`${file}: no error shown next to #${input}`);
    } else if (kase.expect.fees?.total !== undefined) {
      const total = await text("#total").catch(() => "(none)");
      if (total !== euros(kase.expect.fees.total)) bad.push(`${file}: total ${total}, expected ${euros(kase.expect.fees.total)}`);
    } else {
      continue;
    }
    checked++;
  }
  assert.deepEqual(bad, []);
  assert.ok(checked >= 20, `only ${checked} cases checked in the page`);
  console.log(`# ${checked} corpus cases checked in the page`);
});

test("keyboard: Tab reaches every field in order, focus is visible, the form works from the keyboard", async () => {
  phase = "load";
  await page.goto(base, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForLoadState("networkidle");
  phase = "use";
  const order = [];
  const invisible = [];
  await page.locator("body").focus();
  for (let i = 0; i < 40 && !order.includes("applicant"); i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      // The focus ring is on the element, on its ::before (DSFR "enlarge link": a ring around the
      // whole block), or on a block around it.
      const ring = (node) =>
        [getComputedStyle(node), getComputedStyle(node, "::before")].some(
          (style) => style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        );
      let visible = el.matches(":focus-visible") && ring(el);
      for (let up = el.parentElement, n = 0; !visible && up && n < 4; up = up.parentElement, n++) {
        visible = up.matches(":focus-within") && ring(up);
      }
      return { id: el.id, tag: el.tagName, visible };
    });
    // A date input stops once per part (day, month, year, calendar button): check its first stop.
    if (order.at(-1) !== focus.id || !focus.id) {
      if (!focus.visible) invisible.push(focus.id || focus.tag);
    }
    order.push(focus.id);
  }
  const fields = ["date", "department", "plate", "category", "energy", "fiscal_power", "first_registration", "reason-loss", "applicant"];
  // A date input takes one Tab stop per part (day, month, year): count each field once.
  const reached = order.filter((id, i) => fields.includes(id) && order[i - 1] !== id);
  assert.deepEqual(reached, fields, `Tab order: ${order.join(", ")}`);
  assert.deepEqual(invisible, [], "focus is visible on every element reached");

  // Keyboard only: type the number, move the reason radio with the arrows, pick from a list.
  await page.focus("#department");
  await page.keyboard.press("Home");
  await page.keyboard.type("75");
  await page.focus("#plate");
  await page.keyboard.type("ab-123-cd");
  await page.focus("#reason-loss");
  await page.keyboard.press("ArrowDown");
  assert.ok(await page.isChecked("#reason-theft"), "arrow keys move the reason");
  assert.ok(await page.locator("#theft_declared").isVisible(), "the theft question appears");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "theft_declared");
  await page.keyboard.press("Space");
  assert.ok(await page.isChecked("#theft_declared"));
  assert.equal(await page.inputValue("#department"), "75");
  assert.ok(await page.locator("#total").isVisible(), "a total is shown");
});

test("no request after load goes beyond the page's own files, and nothing failed", async () => {
  const origin = new URL(base).origin;
  const outside = requests.filter((r) => new URL(r.url).origin !== origin);
  assert.deepEqual(outside, [], "every request stays on the local server");
  const own = (r) => {
    const path = decodeURIComponent(new URL(r.url).pathname).replace(/^\//, "");
    return path === "" || ASSETS.has(path);
  };
  assert.deepEqual(requests.filter((r) => !own(r)).map((r) => r.url), [], "only the page's own files are requested");
  // After load, using the form requests nothing but, at most, a font face first needed by new text.
  const afterLoad = requests.filter((r) => r.phase === "use").map((r) => new URL(r.url).pathname);
  assert.deepEqual(afterLoad.filter((p) => !/^\/dsfr\/fonts\/[\w-]+\.woff2$/.test(p)), [], "requests after load");
  assert.deepEqual(problems, []);
  console.log(`# ${requests.length} requests in all, ${afterLoad.length} after load: ${afterLoad.join(" ") || "none"}`);
});
