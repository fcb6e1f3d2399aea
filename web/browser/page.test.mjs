// The page in a real browser: Debian's Chromium driven by playwright-core loads web/dist from a local
// static server, at 1280 px and at 390 px. It checks the form's validation (on leaving a field or
// submitting, DSFR error state, cleared when valid), the result summary first and sticky on a
// phone with the detail in accordions, sources for people, the confidence badge and its "Pourquoi ?",
// the other readings of the texts, the embed mode (no State header, height sent to the host page,
// values from the URL, neutral theme), the permalink, accessibility (axe-core, zero violations),
// the printed summary (one A4 page), keyboard use, and that no request leaves the page's own files.
// Screenshots go to web/test-output/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { serve, DIST } from "./serve.mjs";
import { launch } from "./chromium.mjs";
import { euros } from "../src/format.js";
import { CATEGORY_FR, ENERGY_FR, REASON_FR } from "../src/labels.js";

const CASES = fileURLToPath(new URL("../../tests/cases/", import.meta.url));
const OUT = fileURLToPath(new URL("../test-output/", import.meta.url));
const ASSETS = new Set(JSON.parse(readFileSync(join(DIST, "assets.json"), "utf8")));
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WIDTHS = [1280, 390];

let server;
let browser;
let page;
let base;
let phase = "load"; // "load" while the page loads, "use" while the form is used
const requests = []; // { url, phase }
const problems = []; // console errors, page errors, failed requests
let sourceIds = [];

function readCase(name) {
  return JSON.parse(readFileSync(join(CASES, name), "utf8"));
}

async function open(query = "", width = 1280) {
  phase = "load";
  await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
  await page.goto(base + query, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });
  await page.waitForLoadState("networkidle");
  phase = "use";
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await serve(DIST, 0);
  base = server.url;
  browser = await launch();
  page = await browser.context.newPage();
  page.setDefaultTimeout(8000);
  browser.context.on("request", (r) => requests.push({ url: r.url(), phase }));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await open();
  sourceIds = await page.evaluate(async () => (await import("./pkg/duplicata_wasm.js")).info().sources.map((s) => s.id));
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
  return { department: await values("department"), category: await values("category"), energy: await values("energy"), applicant: await values("applicant") };
}

/** Fills the form as a person would, from a request of the JSON contract, leaving the last field. */
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
  await page.locator("#plate").focus();
  await page.locator("#plate").blur();
}

const text = (selector) => page.locator(selector).innerText();

/** Opens every accordion of the result (DSFR collapses) and waits for them to be shown. */
async function openDetails() {
  for (const button of await page.locator("#resultat .fr-accordion__btn").all()) {
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  }
  await page.waitForFunction(() => [...document.querySelectorAll("#resultat .fr-collapse")].every((c) => c.getBoundingClientRect().height > 0 && getComputedStyle(c).visibility !== "hidden"));
}

/** axe-core on the page as it is: the list of violations (empty when none). */
async function axe(context = "document") {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ content: AXE });
  // From the top of the page: nothing scrolled under the sticky summary of a phone.
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.evaluate(async (ctx) => {
    const r = await window.axe.run(ctx === "document" ? document : ctx, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  }, context);
}

/** What a person reads: no contract code, no internal source id, no English. */
async function assertCitizenText(where) {
  const shown = await page.evaluate(() => document.body.innerText);
  const codes = shown.match(/\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g) ?? [];
  assert.deepEqual(codes, [], `${where}: contract codes shown`);
  const ids = sourceIds.filter((id) => new RegExp(`(^|[^\\w-])${id.replace(/[-]/g, "\\-")}([^\\w-]|$)`).test(shown));
  assert.deepEqual(ids, [], `${where}: internal source ids shown`);
  const english = shown.match(/(?<!\p{L})(the|and|onwards|of|from|with|not|is|disagree|source ids?|sha256)(?!\p{L})/giu) ?? [];
  assert.deepEqual(english, [], `${where}: English shown`);
}

test("the page loads the engine and shows the title in French; its lists are the contract's", async () => {
  assert.equal(await page.title(), "Simulateur du coût d'un duplicata de carte grise");
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  assert.match(await text("h1"), /Simulateur du coût d'un duplicata de carte grise/);
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });
  assert.equal(await page.inputValue("#date"), today);
  assert.equal(await page.locator("#department option").count(), 102);
  const c = await choices();
  assert.deepEqual(c.category, Object.keys(CATEGORY_FR));
  assert.deepEqual(c.energy, Object.keys(ENERGY_FR));
  assert.deepEqual(await page.locator("input[name=reason]").evaluateAll((rs) => rs.map((r) => r.value)), Object.keys(REASON_FR));
  // Nothing is shown in error before the person has done anything.
  assert.equal(await page.locator(".fr-message--error").count(), 0);
});

test("every field has a label", async () => {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("#simulateur input, #simulateur select")]
      .filter((el) => !el.labels || el.labels.length === 0 || !el.labels[0].textContent.trim())
      .map((el) => el.id),
  );
  assert.deepEqual(unlabelled, []);
});

const SHOWN = ["naq-2019-siv-car-loss.json", "siv-car-2023-any-region.json", "moped-2019-free.json", "paca-2015-09-28-fni-conversion.json"];

for (const width of WIDTHS) {
  describe(`at ${width} px`, () => {
    before(async () => open("", width));

    for (const file of SHOWN) {
      test(`case ${file}: summary, lines, plate, who may apply, documents, sources for people`, async () => {
        const kase = readCase(file);
        await fill(kase.request);
        const want = kase.expect.fees;
        assert.equal(await text("#total"), euros(want.total));
        await openDetails();
        assert.equal(await text("#fees-total-cell"), euros(want.total));
        for (const [code, amount] of Object.entries(want.lines ?? {})) {
          const cell = await text(`tr[data-line=${code}] td.amount`);
          assert.equal(cell.split("\n")[0].trim(), euros(amount), `line ${code}`);
        }
        assert.equal(await page.locator("#fees-lines tr").count(), 5);
        for (const code of ["Y1", "Y2", "Y3", "Y4", "Y5"]) assert.match(await text(`tr[data-line=${code}]`), new RegExp(`^${code} `));
        // Links of the lines lead to the list of sources.
        const links = await page.locator('#fees-lines a[href^="#"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        assert.ok(links.length > 0, "sources are linked");
        for (const href of links) assert.equal(await page.locator(href).count(), 1, `${href} is listed`);
        // Official sources first, each with a French title, a date, and a link where one exists;
        // press and commercial sites only under "Autres sources consultées".
        const official = await page.locator("#sources-official li").allInnerTexts();
        assert.ok(official.length > 0, "official sources are listed");
        assert.ok((await page.locator("#sources-official a[href^='https://']").count()) > 0, "official links");
        const headings = await page.locator("#sources h4").allInnerTexts();
        assert.equal(headings[0], "Sources officielles");
        if (headings.length > 1) assert.equal(headings[1], "Autres sources consultées");
        const kinds = await page.evaluate(async () => {
          const m = await import("./pkg/duplicata_wasm.js");
          const byTitle = new Map(m.info().sources.map((s) => [s.title_fr, s.kind]));
          const kindsOf = (sel) => [...document.querySelectorAll(`${sel} li`)].map((li) => byTitle.get(li.firstChild.textContent)).filter(Boolean);
          return { official: kindsOf("#sources-official"), other: kindsOf("#sources-other") };
        });
        assert.ok(kinds.official.every((k) => k === "official"), `official list: ${kinds.official}`);
        assert.ok(kinds.other.every((k) => k !== "official"), `other list: ${kinds.other}`);
        assert.ok((await page.locator("#who-may-apply li").count()) > 0, "who may apply is shown");
        assert.ok((await page.locator("#documents li").count()) > 0, "documents are shown");
        if (kase.expect.plate?.plates_must_change) {
          assert.match(await text("#plate-change"), /123 AF 13.*sera remplacé/s);
          assert.match(await text("#plate-change"), /plaques doivent être changées/);
          assert.match(await text("#plate-summary"), /nouvelles plaques/);
        } else {
          assert.match(await text("#plate-kept"), /est conservé/);
        }
        await assertCitizenText(file);
        if (file === SHOWN[0] || file === SHOWN[3]) {
          await page.screenshot({ path: join(OUT, `resultat-${file.replace(/\.json$/, "")}-${width}.png`), fullPage: true });
        }
      });
    }

    test("the summary with the total comes first; on a phone it stays in view while the form scrolls", async () => {
      await open("", width);
      await fill(readCase("naq-2019-siv-car-loss.json").request);
      const box = async (sel) => page.locator(sel).evaluate((e) => e.getBoundingClientRect().toJSON());
      await page.evaluate(() => window.scrollTo(0, 0));
      if (width < 500) {
        assert.ok((await box("#total")).top < (await box("#simulateur")).top, "the total is above the form");
        assert.ok((await box("#total")).bottom < 844, "the total is in the first screen");
        await page.locator("#applicant").scrollIntoViewIfNeeded();
        await page.evaluate(() => window.scrollBy(0, 200));
        const t = await box("#total");
        assert.ok(t.top >= 0 && t.bottom <= 844, `the total stays in view (top ${t.top})`);
        await page.screenshot({ path: join(OUT, `telephone-formulaire-defile-${width}.png`) });
      } else {
        const [t, f] = [await box("#total"), await box("#simulateur")];
        assert.ok(t.left > f.right - 1, "the summary is beside the form");
        assert.ok(t.top < 400, "the total is near the top");
      }
      // The detail is folded: the accordions are closed until opened.
      assert.equal(await page.locator("#resultat .fr-accordion__btn[aria-expanded=true]").count(), 0);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      console.log(`# ${width} px: page height ${height} px with the result folded`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(OUT, `simulateur-${width}.png`), fullPage: true });
    });

    test("a field is checked when it is left, not while it is typed; the error clears once valid", async () => {
      await open("", width);
      await page.fill("#date", "2019-06-01");
      await page.selectOption("#department", "33");
      const message = page.locator("#plate-messages .fr-message--error");
      await page.locator("#plate").focus();
      for (const ch of "1234 AB 35") {
        await page.keyboard.type(ch);
        assert.equal(await message.count(), 0, `no error while typing (after « ${ch} »)`);
      }
      await page.keyboard.press("Tab");
      assert.equal(await message.count(), 0, "1234 AB 35 is a valid number");
      // Unfinished, left: too short.
      await page.fill("#plate", "");
      await page.locator("#plate").focus();
      await page.keyboard.type("AB-1");
      assert.equal(await message.count(), 0);
      await page.keyboard.press("Tab");
      assert.match(await message.innerText(), /« AB-1 » est trop court/);
      // Forbidden letter, in plain French, with the DSFR error state, announced.
      await page.fill("#plate", "");
      await page.locator("#plate").focus();
      for (const ch of "AI-12-C") {
        await page.keyboard.type(ch);
        assert.ok((await message.count()) === 0 || /trop court/.test(await message.innerText()), "no new error while typing");
      }
      await page.keyboard.press("Tab");
      assert.match(await message.innerText(), /« AI-12-C » contient la lettre « I », jamais utilisée dans un numéro d'immatriculation car elle se confond avec le chiffre 1/);
      assert.equal(await page.getAttribute("#plate", "aria-invalid"), "true");
      assert.equal(await page.getAttribute("#plate", "aria-describedby"), "plate-messages");
      assert.equal(await page.getAttribute("#plate-messages", "aria-live"), "polite");
      assert.ok(await page.locator("#group-plate.fr-input-group--error").count());
      assert.ok(await page.locator("#plate.fr-input--error").count());
      assert.equal(await page.locator("#resultat").isVisible(), false, "no detail for an invalid number");
      assert.match(await text("#status"), /Corrigez le champ « Numéro d'immatriculation »/);
      await page.screenshot({ path: join(OUT, `erreur-immatriculation-${width}.png`), fullPage: true });
      // Unknown form.
      await page.fill("#plate", "AB-12-CD");
      await page.locator("#plate").blur();
      assert.match(await message.innerText(), /n'a la forme d'aucun numéro d'immatriculation/);
      // Corrected by typing: the error goes as soon as the number is valid, before leaving.
      await page.fill("#plate", "");
      await page.locator("#plate").focus();
      await page.keyboard.type("AB-123-C");
      await page.keyboard.type("D");
      assert.equal(await message.count(), 0, "cleared as soon as valid");
      assert.equal(await page.getAttribute("#plate", "aria-invalid"), null);
      assert.equal(await page.locator("#group-plate.fr-input-group--error").count(), 0);
      assert.equal(await text("#total"), euros("47.76"));
    });

    test("submitting shows every error at once and focuses the first; a cyclomoteur number asks for the category", async () => {
      await open("", width);
      await page.fill("#date", "2019-06-01");
      await page.click("#submit");
      assert.match(await text("#plate-messages"), /Indiquez le numéro d'immatriculation/);
      assert.equal(await page.evaluate(() => document.activeElement.id), "plate");
      await page.fill("#plate", "A 11 A");
      await page.selectOption("#department", "33");
      await page.click("#submit");
      const category = await text("#category-messages");
      assert.match(category, /« A 11 A » est un numéro de cyclomoteur : choisissez la catégorie « cyclomoteur de 50 cm³ au plus »/);
      assert.doesNotMatch(category, /moped_le_50/);
      assert.ok(await page.locator("#group-category.fr-select-group--error").count());
      await page.selectOption("#category", "moped_le_50");
      assert.equal(await page.locator("#category-messages .fr-message--error").count(), 0);
      assert.equal(await text("#total"), euros("0.00"));
    });

    test("a confidence below high has a badge that says why", async () => {
      await open("", width);
      const offered = await choices();
      const kase = readdirSync(CASES).filter((f) => f.endsWith(".json")).sort().map(readCase)
        .find((c) => expressible(c.request, offered) && c.expect.fees?.confidence === "low");
      assert.ok(kase, "the corpus has a case with a low confidence the form can express");
      await fill(kase.request);
      assert.equal(await page.locator("#confidence").textContent(), "Fiabilité faible");
      const why = page.locator("#why-button");
      assert.equal(await why.innerText(), "Pourquoi ?");
      assert.equal(await why.getAttribute("aria-expanded"), "false");
      assert.equal(await page.locator("#why").isVisible(), false);
      await why.click();
      assert.equal(await why.getAttribute("aria-expanded"), "true");
      assert.match(await text("#why"), /Fiabilité faible : les sources ne concordent pas/);
      assert.match(await text("#why"), /fiabilité faible/);
      await assertCitizenText("confidence");
      await page.screenshot({ path: join(OUT, `fiabilite-pourquoi-${width}.png`) });
    });

    test("embed mode: no State header or footer, values from the URL, neutral theme, zero axe violations", async () => {
      const query = "?embed=1&date=2019-06-01&departement=33&immatriculation=AB-123-CD&categorie=car&energie=petrol&motif=perte";
      const before = requests.length;
      await open(query, width);
      assert.equal(await page.locator("header").isVisible(), false);
      assert.equal(await page.locator("footer").isVisible(), false);
      const body = await page.evaluate(() => document.body.innerText);
      assert.doesNotMatch(body, /République/i);
      assert.equal(await text("#total"), euros("47.76"));
      assert.equal(await page.inputValue("#department"), "33");
      assert.equal(await page.inputValue("#plate"), "AB-123-CD");
      assert.ok(await page.isChecked("#reason-loss"));
      const fonts = await page.evaluate(() => [...document.querySelectorAll("body, h1, .fr-btn, .fr-input, .fr-label, .total")].map((e) => getComputedStyle(e).fontFamily));
      assert.ok(fonts.every((f) => !/Marianne/i.test(f)), `fonts: ${[...new Set(fonts)]}`);
      const marianne = requests.slice(before).filter((r) => /Marianne/i.test(r.url));
      assert.deepEqual(marianne, [], "no Marianne font loaded in the neutral theme");
      assert.deepEqual(await axe(), [], `embed mode at ${width} px`);
      await page.screenshot({ path: join(OUT, `integration-${width}.png`), fullPage: true });
      // Invalid values from the URL are shown as errors at once (the person did not type them).
      await open("?embed=1&date=2019-06-01&departement=33&immatriculation=AI-123-CD", width);
      assert.match(await text("#plate-messages"), /contient la lettre « I »/);
      // theme=etat keeps the State's brand for State hosts (the header stays hidden in embed mode).
      await open("?embed=1&theme=etat", width);
      assert.equal(await page.getAttribute("html", "data-theme"), "etat");
    });

    test("embed mode in a frame of another site: the height is sent to the host page", async () => {
      // The host: another origin (localhost, not 127.0.0.1), a page of an insurer that frames the simulator.
      const hostDir = fileURLToPath(new URL("../../target/web-tests/hote/", import.meta.url));
      mkdirSync(hostDir, { recursive: true });
      writeFileSync(join(hostDir, "index.html"), `<!doctype html><html lang="fr"><title>Hôte</title><link rel="icon" href="data:,"><body><h1>Assurance exemple</h1>
          <iframe id="f" title="Simulateur" style="width:100%;border:0;height:300px" src="${base}?embed=1&departement=33&immatriculation=AB-123-CD&date=2019-06-01"></iframe>
          <script>window.heights = []; addEventListener("message", (e) => { if (e.data && e.data.type === "duplicata-simulateur:height") { window.heights.push([e.origin, e.data.height]); document.getElementById("f").style.height = e.data.height + "px"; } });</script></body></html>`);
      const host = await serve(hostDir, 0);
      try {
        phase = "load";
        await page.setViewportSize({ width, height: 900 });
        await page.goto(host.url.replace("127.0.0.1", "localhost"));
        const frame = page.frameLocator("#f");
        await frame.locator("body[data-ready=true]").waitFor({ timeout: 20000 });
        phase = "use";
        await page.waitForFunction(() => window.heights.length > 0, null, { timeout: 20000 });
        const [origin, height] = (await page.evaluate(() => window.heights)).at(-1);
        assert.equal(origin, new URL(base).origin);
        const inner = await frame.locator("html").evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
        assert.ok(Math.abs(height - inner) <= 2, `height ${height} = the page's ${inner}`);
        assert.equal(await frame.locator("#total").innerText(), euros("47.76"));
        // The height follows the page: at the other width the page has another height, sent again.
        await page.screenshot({ path: join(OUT, `integration-iframe-${width}.png`), fullPage: true });
        const n = await page.evaluate(() => window.heights.length);
        await page.setViewportSize({ width: width > 500 ? 390 : 1280, height: 900 });
        await page.waitForFunction((n) => window.heights.length > n, n);
        await page.waitForTimeout(200);
        const after = await page.evaluate(() => window.heights.at(-1)[1]);
        const innerAfter = await frame.locator("html").evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
        assert.notEqual(after, height);
        assert.ok(Math.abs(after - innerAfter) <= 2, `height ${after} = the page's ${innerAfter}`);
      } finally {
        host.server.close();
      }
    });

    test("the permalink gives the same simulation back", async () => {
      await open("", width);
      await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(base).origin });
      await fill(readCase("paca-2015-09-28-fni-conversion.json").request);
      const total = await text("#total");
      await page.click("#permalink");
      const href = await page.inputValue("#permalink-url");
      assert.match(href, /[?&]immatriculation=123(\+|%20)AF(\+|%20)?13/);
      await page.waitForFunction(() => /copié/.test(document.getElementById("permalink-status").textContent));
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), href);
      await open(href.slice(base.length), width);
      assert.equal(await text("#total"), total);
      assert.equal(await page.inputValue("#date"), "2015-09-28");
      assert.equal(await page.inputValue("#department"), "13");
    });

    test("zero axe violations on the full page, result and detail shown", async () => {
      await open("", width);
      assert.deepEqual(await axe(), [], `empty form at ${width} px`);
      await fill(readCase("naq-2019-siv-car-loss.json").request);
      await openDetails();
      assert.deepEqual(await axe(), [], `result at ${width} px`);
      await page.fill("#plate", "AI-123-CD");
      await page.locator("#plate").blur();
      assert.deepEqual(await axe(), [], `error state at ${width} px`);
    });

    test("print: a one-page A4 summary with the request, total, lines, documents, sources, date and parameters", async () => {
      await open("", width);
      await fill(readCase("naq-2019-siv-car-loss.json").request);
      await page.emulateMedia({ media: "print" });
      try {
        const shown = await page.evaluate(() => document.body.innerText);
        for (const want of ["Demande simulée", "Date de la demande", "1er juin 2019", "AB-123-CD", "Montant total à payer", "47,76", "Y5", "Pièces à préparer", "Sources officielles", "Simulation faite le", "Paramètres : version du"]) {
          assert.ok(shown.includes(want) || (await page.locator(`text=${want}`).count()) > 0, `printed: ${want}`);
        }
        for (const hidden of ["#simulateur", "#actions", "header", "footer"]) assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} not printed`);
        assert.ok(await page.locator("#fees-lines").isVisible(), "the lines are printed without opening the accordion");
        await page.screenshot({ path: join(OUT, `impression-${width}.png`), fullPage: true });
        const pdf = await page.pdf({ format: "A4", printBackground: true });
        writeFileSync(join(OUT, `impression-${width}.pdf`), pdf);
        const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
        assert.equal(pages, 1, `${pages} A4 pages`);
      } finally {
        await page.emulateMedia({ media: "screen" });
      }
    });
  });
}

test("the other readings of the texts are shown with their amount", async () => {
  await open("", 1280);
  const out = await page.evaluate(async () => {
    const m = await import("./pkg/duplicata_wasm.js");
    const { Renderer } = await import("./render.js");
    const decision = m.evaluate({ procedure: "carte_grise_duplicata", date: "2021-06-01", reason: "loss", holder: { department: "33" }, vehicle: { plate: "AB-123-CD", category: "car", energy: "petrol" } });
    decision.fees.confidence = "low";
    decision.alternatives = [
      { id: "y1-due-2021", assumption_fr: "la taxe régionale reste due sur un duplicata en 2021", assumption_en: "the regional tax is still due in 2021", sources: ["LEGIBASE-2021", "SP-F19211-2020"], total: "2.76", lines: [{ code: "Y1", amount: "0.00" }] },
      { id: "unknown", assumption_fr: "le taux de la région n'est pas connu", assumption_en: "unknown", sources: [], total: null, lines: [{ code: "Y1", amount: null }] },
    ];
    const r = new Renderer(new Map(m.info().sources.map((s) => [s.id, s])), "t-");
    const box = document.createElement("div");
    box.id = "alternatives-test";
    box.append(...r.summary(decision), ...r.sourcesBlock(decision));
    document.body.append(box);
    document.getElementById("t-why").hidden = false;
    return { why: document.getElementById("t-why").innerText, items: [...box.querySelectorAll("[data-alternative]")].map((li) => li.dataset.alternative), text: box.innerText };
  });
  assert.match(out.why, /Selon une autre lecture des textes : 2,76\s€ — La taxe régionale reste due sur un duplicata en 2021 \(Y1 : 0,00\s€\)/);
  assert.match(out.why, /Selon une autre lecture des textes : montant inconnu/);
  assert.match(out.why, /Sources : .*Legibase/);
  assert.deepEqual(out.items, ["y1-due-2021", "unknown"]);
  assert.doesNotMatch(out.text, /LEGIBASE-2021|assumption|the regional/);
  await page.locator("#alternatives-test").screenshot({ path: join(OUT, "autres-lectures.png") });
});

test("the corpus cases the form can express give the core's answers", async () => {
  await open("", 1280);
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
      await page.click("#submit");
      const shown = await page.locator(`#${input}-messages .fr-message--error`).allInnerTexts();
      if (shown.length !== 1 || !shown[0]) bad.push(`${file}: no error shown next to #${input}`);
      else if (/\b[a-z]+_[a-z_]+\b/.test(shown[0])) bad.push(`${file}: contract code in « ${shown[0]} »`);
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
  await open("", 1280);
  const order = [];
  const invisible = [];
  await page.locator("body").focus();
  for (let i = 0; i < 40 && !order.includes("applicant"); i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      const ring = (node) =>
        [getComputedStyle(node), getComputedStyle(node, "::before")].some((style) => style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0);
      let visible = el.matches(":focus-visible") && ring(el);
      for (let up = el.parentElement, n = 0; !visible && up && n < 4; up = up.parentElement, n++) visible = up.matches(":focus-within") && ring(up);
      return { id: el.id, tag: el.tagName, visible };
    });
    if (order.at(-1) !== focus.id || !focus.id) {
      if (!focus.visible) invisible.push(focus.id || focus.tag);
    }
    order.push(focus.id);
  }
  const fields = ["date", "department", "plate", "category", "energy", "fiscal_power", "first_registration", "reason-loss", "applicant"];
  const reached = order.filter((id, i) => fields.includes(id) && order[i - 1] !== id);
  assert.deepEqual(reached, fields, `Tab order: ${order.join(", ")}`);
  assert.deepEqual(invisible, [], "focus is visible on every element reached");

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
  // Enter in a field submits: the result summary gets the focus.
  await page.focus("#plate");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "summary");
});

test("no request after load goes beyond the page's own files, and nothing failed", async () => {
  const origin = new URL(base).origin;
  const outside = requests.filter((r) => new URL(r.url).origin !== origin && new URL(r.url).hostname !== "localhost");
  assert.deepEqual(outside, [], "every request stays on the local server");
  const own = (r) => {
    if (new URL(r.url).hostname === "localhost") return true; // the host page of the embed test
    const path = decodeURIComponent(new URL(r.url).pathname).replace(/^\//, "");
    return path === "" || ASSETS.has(path);
  };
  assert.deepEqual(requests.filter((r) => !own(r)).map((r) => r.url), [], "only the page's own files are requested");
  const afterLoad = requests.filter((r) => r.phase === "use").map((r) => new URL(r.url).pathname);
  assert.deepEqual(afterLoad.filter((p) => !/^\/dsfr\/fonts\/[\w-]+\.woff2$/.test(p)), [], "requests after load");
  assert.deepEqual(problems, []);
  console.log(`# ${requests.length} requests in all, ${afterLoad.length} after load`);
});
