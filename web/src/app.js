// The simulator page: reads the form, asks the engine (WebAssembly, in this page) and shows its
// decision. Nothing is computed here: every amount, label, explanation and error comes from the
// engine; this file only turns the form into a request and the decision into French text.
import init, { evaluate, info } from "./pkg/duplicata_wasm.js";
import { DEPARTMENT_NAMES } from "./departments.js";
import { CONFIDENCE_FR, SYSTEM_FR, euros, frenchDate } from "./format.js";

const $ = (id) => document.getElementById(id);

/** Where each field path of the engine's errors is shown: the input, and its DSFR group. */
const FIELDS = {
  date: { input: "date", group: "group-date", kind: "input" },
  "holder.department": { input: "department", group: "group-department", kind: "select" },
  "holder": { input: "department", group: "group-department", kind: "select" },
  "vehicle.plate": { input: "plate", group: "group-plate", kind: "input" },
  "vehicle.category": { input: "category", group: "group-category", kind: "select" },
  "vehicle.energy": { input: "energy", group: "group-energy", kind: "select" },
  "vehicle.fiscal_power": { input: "fiscal_power", group: "group-fiscal_power", kind: "input" },
  "vehicle.first_registration": { input: "first_registration", group: "group-first_registration", kind: "input" },
  reason: { input: "reason-loss", group: "group-reason", kind: "fieldset" },
  theft: { input: "theft_declared", group: "group-reason", kind: "fieldset" },
  applicant: { input: "applicant", group: "group-applicant", kind: "select" },
};
const MESSAGES = (field) => `${FIELDS[field].group.replace(/^group-/, "")}-messages`;

/** Fields the person has already filled or left: their errors are shown next to them. */
const touched = new Set();
let sources = new Map();

function todayIso() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function value(id) {
  return $(id).value.trim();
}

/** The request of the JSON contract for the form as it stands, or a local input error. */
function readForm() {
  const reason = document.querySelector('input[name="reason"]:checked')?.value;
  const vehicle = { plate: $("plate").value, category: value("category"), energy: value("energy") };
  const power = value("fiscal_power");
  if (power !== "") {
    if (!/^\d{1,6}$/.test(power)) {
      return {
        inputError: {
          field: "vehicle.fiscal_power",
          message_fr: `« ${power} » n'est pas un nombre entier de chevaux fiscaux (par exemple 5)`,
        },
      };
    }
    vehicle.fiscal_power = Number(power);
  }
  if (value("first_registration") !== "") vehicle.first_registration = value("first_registration");
  const request = {
    procedure: "carte_grise_duplicata",
    date: value("date"),
    reason,
    applicant: value("applicant"),
    holder: {},
    vehicle,
  };
  if (value("department") !== "") request.holder.department = value("department");
  if (reason === "theft") request.theft = { declared: $("theft_declared").checked };
  return { request };
}

function fieldOf(error) {
  if (!error.field) return null;
  if (FIELDS[error.field]) return error.field;
  const top = error.field.split(".").slice(0, 2).join(".");
  return FIELDS[top] ? top : FIELDS[error.field.split(".")[0]] ? error.field.split(".")[0] : null;
}

function clearFieldErrors() {
  for (const [field, f] of Object.entries(FIELDS)) {
    const group = $(f.group);
    group.classList.remove(`fr-${f.kind === "fieldset" ? "fieldset" : f.kind === "select" ? "select-group" : "input-group"}--error`);
    const input = $(f.input);
    input.classList.remove("fr-input--error", "fr-select--error");
    if (f.kind !== "fieldset") input.removeAttribute("aria-invalid");
    $(MESSAGES(field)).replaceChildren();
  }
}

function showFieldError(field, message) {
  const f = FIELDS[field];
  const groupClass = f.kind === "fieldset" ? "fr-fieldset--error" : f.kind === "select" ? "fr-select-group--error" : "fr-input-group--error";
  $(f.group).classList.add(groupClass);
  const input = $(f.input);
  if (f.kind === "input") input.classList.add("fr-input--error");
  if (f.kind === "select") input.classList.add("fr-select--error");
  if (f.kind !== "fieldset") input.setAttribute("aria-invalid", "true");
  const p = document.createElement("p");
  p.className = "fr-message fr-message--error";
  p.id = `${f.input}-error`;
  p.textContent = capitalize(message);
  $(MESSAGES(field)).replaceChildren(p);
}

function capitalize(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function confidenceBadge(confidence, what) {
  if (confidence === "high") return null;
  const kind = confidence === "low" ? "fr-badge--error" : "fr-badge--warning";
  return el("p", { class: `fr-badge fr-badge--sm ${kind}`, title: `${what} : les sources divergent ou sont incomplètes` },
    `Fiabilité ${CONFIDENCE_FR[confidence] ?? confidence}`);
}

/** "SP-F19211-2019, S15" → links to the sources list; a free text citation stays text. */
function sourceMention(source, cited) {
  const span = el("span", { class: "source fr-text--xs" }, "Source : ");
  const parts = source.split(",").map((s) => s.trim()).filter(Boolean);
  const known = parts.every((p) => sources.has(p));
  if (!known) {
    span.append(source);
    return span;
  }
  parts.forEach((id, i) => {
    cited.add(id);
    if (i > 0) span.append(", ");
    span.append(el("a", { href: `#source-${id}`, class: "fr-link fr-text--xs", title: sources.get(id).title }, id));
  });
  return span;
}

function setStatus(kind, html) {
  const status = $("status");
  status.className = `fr-callout ${kind}`;
  $("status-text").replaceChildren(...html);
}

function render(decision) {
  const fees = decision.fees;
  const cited = new Set();
  const total = el("span", { id: "total", class: "total" }, euros(fees.total));
  const statusParts = [
    el("span", { class: "total-label" }, "Montant total à payer : "),
    total,
  ];
  const badge = confidenceBadge(fees.confidence, "Montant");
  if (badge) statusParts.push(" ", badge);
  if (fees.status === "unknown") statusParts.push(el("span", { class: "fr-text--sm" }, " (un taux manque dans les sources pour cette date)"));
  const plate = decision.plate;
  statusParts.push(
    el("br"),
    el("span", { id: "plate-summary", class: "fr-text--sm" },
      plate.plates_must_change
        ? `Nouveau numéro SIV attribué : de nouvelles plaques sont à poser (${plate.normalized}).`
        : `Le numéro ${plate.normalized} est conservé.`),
  );
  setStatus(fees.confidence === "high" ? "fr-callout--blue-ecume" : "fr-callout--yellow-moutarde", statusParts);

  $("fees-lines").replaceChildren(
    ...fees.lines.map((l) =>
      el("tr", { "data-line": l.code },
        el("th", { scope: "row" },
          el("span", { class: "line-code" }, l.code), " ", el("span", { class: "line-label" }, l.label_fr),
          el("br"),
          el("span", { class: "fr-text--sm line-explanation" }, capitalize(l.explanation_fr)),
          el("br"),
          sourceMention(l.source, cited)),
        el("td", { class: "amount" }, euros(l.amount), confidenceBadge(l.confidence, l.code) ? el("br") : null, confidenceBadge(l.confidence, l.code)),
      ),
    ),
  );
  $("fees-total-cell").textContent = euros(fees.total);
  const regimes = { cgi: "Code général des impôts (jusqu'en 2020)", taxe_fixe_2021: "Taxe fixe (2021)", cibs: "Code des impositions sur les biens et services (depuis 2022)" };
  $("fees-regime").textContent = `Régime : ${regimes[fees.regime] ?? fees.regime}. Règles en vigueur le ${frenchDate(decision.date)}.`;

  $("plate-outcome").replaceChildren(
    plate.conversion
      ? el("div", { class: "fr-alert fr-alert--warning fr-alert--sm", id: "plate-change" },
          el("p", {},
            el("strong", {}, `Le numéro ${plate.normalized} (${SYSTEM_FR[plate.system]}) sera remplacé. `),
            "Le duplicata convertit l'ancien numéro FNI au SIV : un nouveau numéro est attribué à vie et les plaques doivent être changées."))
      : el("p", { id: "plate-kept" }, `Le numéro ${plate.normalized} (${SYSTEM_FR[plate.system] ?? plate.system}) est conservé : les plaques ne changent pas.`),
  );

  const elig = decision.eligibility;
  const eligParts = [];
  eligParts.push(el("p", { id: "eligible", class: elig.eligible ? "fr-badge fr-badge--success" : "fr-badge fr-badge--error" },
    elig.eligible ? "Demande recevable" : "Demande non recevable en l'état"));
  const eligBadge = confidenceBadge(elig.confidence, "Recevabilité");
  if (eligBadge) eligParts.push(" ", eligBadge);
  if (elig.reasons.length) {
    eligParts.push(el("ul", { id: "eligibility-reasons" }, ...elig.reasons.map((r) => el("li", {}, capitalize(r.message_fr), " ", el("span", { class: "fr-text--xs source" }, `(${r.source})`)))));
  }
  if (elig.remedies.length) {
    eligParts.push(el("p", { class: "fr-mb-1v" }, "Pour régulariser :"),
      el("ul", {}, ...elig.remedies.map((r) => el("li", {}, capitalize(r.message_fr)))));
  }
  eligParts.push(el("p", { class: "fr-mb-1v" }, "Peuvent faire la demande :"),
    el("ul", { id: "who-may-apply" }, ...elig.who_may_apply.map((w) => el("li", {}, capitalize(w.message_fr), " ", el("span", { class: "fr-text--xs source" }, `(${w.source})`)))));
  $("eligibility").replaceChildren(...eligParts);

  $("documents").replaceChildren(
    ...decision.documents.map((d) =>
      el("li", { "data-code": d.code },
        el("strong", {}, d.label_fr),
        d.required ? null : el("span", { class: "fr-text--sm" }, " (selon le cas)"),
        el("br"),
        el("span", { class: "fr-text--sm" }, capitalize(d.condition_fr)),
        d.accepted?.length ? el("span", { class: "fr-text--sm" }, ` — acceptés : ${d.accepted.map((a) => a.label_fr).join(" ; ")}`) : null,
        d.refused?.length ? el("span", { class: "fr-text--sm" }, ` — refusés : ${d.refused.map((a) => a.label_fr).join(" ; ")}`) : null,
      ),
    ),
  );

  $("sources").replaceChildren(
    ...[...cited].sort().map((id) => el("li", { id: `source-${id}`, tabindex: "-1" }, el("strong", {}, id), ` — ${sources.get(id).title}`)),
  );
  $("parameters").textContent = `Paramètres : ${decision.parameters.name} (${decision.parameters.fingerprint.slice(0, 19)}…).`;
  $("details").hidden = false;
}

function update() {
  clearFieldErrors();
  $("general-error").hidden = true;
  const { request, inputError } = readForm();
  let error = inputError;
  if (!error) {
    try {
      render(evaluate(request));
      return;
    } catch (e) {
      if (!e || e.name !== "DuplicataError") throw e;
      error = e;
    }
  }
  $("details").hidden = true;
  const field = fieldOf(error);
  const inputId = field ? FIELDS[field].input : null;
  const shown = field && (touched.has(inputId) || touched.has(FIELDS[field].group));
  if (field && shown) {
    showFieldError(field, error.message_fr);
    setStatus("fr-callout--pink-tuile", [`Corrigez le champ signalé pour obtenir le montant : ${error.message_fr}.`]);
  } else if (field) {
    const label = document.querySelector(`label[for="${FIELDS[field].input}"]`)?.firstChild?.textContent?.trim()
      ?? document.getElementById("reason-legend").textContent;
    setStatus("", [`Complétez le champ « ${label} » pour obtenir le montant.`]);
  } else {
    $("general-error-text").textContent = capitalize(error.message_fr);
    $("general-error").hidden = false;
    setStatus("fr-callout--pink-tuile", ["Le calcul n'a pas abouti."]);
  }
}

async function main() {
  try {
    await init();
  } catch (e) {
    $("load-error-text").textContent = String(e?.message ?? e);
    $("load-error").hidden = false;
    $("status-text").textContent = "Le moteur de calcul n'est pas disponible.";
    return;
  }
  const about = info();
  sources = new Map(about.sources.map((s) => [s.id, s]));
  const select = $("department");
  for (const code of about.departments) {
    select.append(new Option(`${code} – ${DEPARTMENT_NAMES[code] ?? code}`, code));
  }
  $("date").value = todayIso();
  const form = $("simulateur");
  const mark = (event) => {
    const t = event.target;
    touched.add(t.id);
    if (t.name === "reason") touched.add("group-reason");
  };
  form.addEventListener("input", (e) => { mark(e); onChange(); });
  form.addEventListener("change", (e) => { mark(e); onChange(); });
  form.addEventListener("focusout", (e) => { mark(e); update(); });
  form.addEventListener("submit", (e) => e.preventDefault());
  document.documentElement.dataset.engine = about.version;
  onChange();
  document.body.dataset.ready = "true";
}

function onChange() {
  $("theft-declared-element").hidden = document.querySelector('input[name="reason"]:checked')?.value !== "theft";
  update();
}

main();
