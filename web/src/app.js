// The simulator page: reads the form, asks the engine (WebAssembly, in this page) and shows its
// decision (render.js). Nothing is computed here: every amount, label, explanation and error comes
// from the engine; this file turns the form into a request, decides when to show an error (when a
// field is left or the form submitted, cleared as soon as the value is valid), and handles the
// embed mode (height sent to the host page, values pre-filled from the URL), the permalink and print.
import init, { evaluate, info, parsePlate } from "./pkg/duplicata_wasm.js";
import { DEPARTMENT_NAMES } from "./departments.js";
import { frenchDate } from "./format.js";
import { APPLICANT_FR, CATEGORY_FR, ENERGY_FR, REASON_FR, REASON_URL, URL_PARAMS } from "./labels.js";
import { Renderer, capitalize, el } from "./render.js";

const $ = (id) => document.getElementById(id);

/** Where each field path of the engine's errors is shown: the input, its DSFR group, its label. */
const FIELDS = {
  date: { input: "date", group: "group-date", kind: "input", label: "Date de la demande" },
  "holder.department": { input: "department", group: "group-department", kind: "select", label: "Département du domicile du titulaire" },
  "vehicle.plate": { input: "plate", group: "group-plate", kind: "input", label: "Numéro d'immatriculation" },
  "vehicle.category": { input: "category", group: "group-category", kind: "select", label: "Catégorie du véhicule" },
  "vehicle.energy": { input: "energy", group: "group-energy", kind: "select", label: "Énergie" },
  "vehicle.fiscal_power": { input: "fiscal_power", group: "group-fiscal_power", kind: "input", label: "Puissance fiscale" },
  "vehicle.first_registration": { input: "first_registration", group: "group-first_registration", kind: "input", label: "Date de première immatriculation" },
  reason: { input: "reason-loss", group: "group-reason", kind: "fieldset", label: "Motif de la demande" },
  applicant: { input: "applicant", group: "group-applicant", kind: "select", label: "Qui fait la demande ?" },
};
const ALIASES = { holder: "holder.department", theft: "reason", "theft.declared": "reason" };
const ORDER = Object.keys(FIELDS);
const messagesOf = (field) => `${FIELDS[field].group.replace(/^group-/, "")}-messages`;
const fieldOfInput = (id) => ORDER.find((f) => FIELDS[f].input === id || (f === "reason" && /^reason-|^theft_declared$/.test(id)));

/** Fields whose errors may be shown: left by the person, pre-filled, or all after a submit. */
const touched = new Set();
/** The errors shown now, by field. */
const shown = new Map();
let renderer;
let about;

function todayIso() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const value = (id) => $(id).value.trim();

/** The request of the JSON contract for the form as it stands. */
function readForm() {
  const reason = document.querySelector('input[name="reason"]:checked')?.value;
  const vehicle = { plate: $("plate").value, category: value("category"), energy: value("energy") };
  if (/^\d{1,6}$/.test(value("fiscal_power"))) vehicle.fiscal_power = Number(value("fiscal_power"));
  if (value("first_registration") !== "") vehicle.first_registration = value("first_registration");
  const request = { procedure: "carte_grise_duplicata", date: value("date"), reason, applicant: value("applicant"), holder: {}, vehicle };
  if (value("department") !== "") request.holder.department = value("department");
  if (reason === "theft") request.theft = { declared: $("theft_declared").checked };
  return request;
}

/** The message of an engine error as a person reads it: the engine's French text, except for the
 * contract-level errors (a missing or unreadable field) that the form words itself. */
function messageOf(field, error) {
  if (error.code === "request.missing_field") {
    return field === "holder.department" ? "Sélectionnez le département du domicile du titulaire" : `Complétez le champ « ${FIELDS[field].label} »`;
  }
  if (error.code === "request.invalid_date") return `Indiquez une date complète (jour, mois et année) pour « ${FIELDS[field].label} »`;
  return capitalize(error.message_fr);
}

function fieldOf(path) {
  if (!path) return null;
  if (FIELDS[path]) return path;
  if (ALIASES[path]) return ALIASES[path];
  const top = path.split(".").slice(0, 2).join(".");
  return FIELDS[top] ? top : ALIASES[path.split(".")[0]] ?? null;
}

/** Every error of the form now, by field, and the decision when there is none. */
function check() {
  const errors = new Map();
  if (value("date") === "") errors.set("date", "Indiquez la date de la demande");
  if ($("plate").value.trim() === "") errors.set("vehicle.plate", "Indiquez le numéro d'immatriculation, par exemple AB-123-CD");
  else {
    try {
      parsePlate($("plate").value);
    } catch (e) {
      if (e?.name !== "DuplicataError") throw e;
      errors.set("vehicle.plate", capitalize(e.message_fr));
    }
  }
  const power = value("fiscal_power");
  if (power !== "" && !/^\d{1,6}$/.test(power)) {
    errors.set("vehicle.fiscal_power", `« ${power} » n'est pas un nombre entier de chevaux fiscaux (par exemple 5)`);
  }
  if (errors.size) return { errors, decision: null, general: null };
  try {
    return { errors, decision: evaluate(readForm()), general: null };
  } catch (e) {
    if (e?.name !== "DuplicataError") throw e;
    const field = fieldOf(e.field);
    if (field) errors.set(field, messageOf(field, e));
    return { errors, decision: null, general: field ? null : capitalize(e.message_fr) };
  }
}

function groupClass(f) {
  return f.kind === "fieldset" ? "fr-fieldset--error" : f.kind === "select" ? "fr-select-group--error" : "fr-input-group--error";
}

function clearError(field) {
  const f = FIELDS[field];
  $(f.group).classList.remove(groupClass(f));
  const input = $(f.input);
  input.classList.remove("fr-input--error", "fr-select--error");
  if (f.kind !== "fieldset") input.removeAttribute("aria-invalid");
  $(messagesOf(field)).replaceChildren();
  shown.delete(field);
}

function showError(field, message) {
  const f = FIELDS[field];
  $(f.group).classList.add(groupClass(f));
  const input = $(f.input);
  if (f.kind === "input") input.classList.add("fr-input--error");
  if (f.kind === "select") input.classList.add("fr-select--error");
  if (f.kind !== "fieldset") input.setAttribute("aria-invalid", "true");
  if (shown.get(field) !== message) {
    $(messagesOf(field)).replaceChildren(el("p", { class: "fr-message fr-message--error", id: `${f.input}-error` }, message));
  }
  shown.set(field, message);
}

function setStatus(kind, ...children) {
  $("status").className = `fr-callout fr-mb-0 ${kind}`;
  $("status-text").replaceChildren(...children);
}

/**
 * Recomputes the result and clears the errors of fields now valid. With `show` (a field left, a
 * choice made, the form submitted) the errors of the touched fields are shown too; while typing,
 * errors only go away.
 */
function refresh(show = true) {
  const { errors, decision, general } = check();
  for (const field of [...shown.keys()]) if (!errors.has(field)) clearError(field);
  for (const [field, message] of errors) if (show && touched.has(field)) showError(field, message);
  $("general-error").hidden = !general;
  if (general) $("general-error-text").textContent = general;
  if (decision) {
    render(decision);
  } else {
    $("summary").classList.remove("has-total");
    $("resultat").hidden = true;
    $("actions").hidden = true;
    $("permalink-group").hidden = true;
    const first = ORDER.find((f) => errors.has(f));
    if (general) setStatus("fr-callout--pink-tuile", el("p", {}, "Le calcul n'a pas abouti."));
    else if (first && shown.has(first)) setStatus("fr-callout--pink-tuile", el("p", {}, `Corrigez le champ « ${FIELDS[first].label} » pour obtenir le montant.`));
    else if (first) setStatus("", el("p", {}, `Complétez le champ « ${FIELDS[first].label} » pour obtenir le montant.`));
  }
  postHeight();
  return errors;
}

function render(decision) {
  const r = renderer;
  setStatus(decision.fees.confidence === "high" ? "fr-callout--blue-ecume" : "fr-callout--yellow-moutarde", ...r.summary(decision));
  const why = $("why-button");
  if (why) {
    why.addEventListener("click", () => {
      const open = why.getAttribute("aria-expanded") !== "true";
      why.setAttribute("aria-expanded", String(open));
      $("why").hidden = !open;
      postHeight();
    });
  }
  $("fees-lines").replaceChildren(...r.feeRows(decision));
  $("fees-total-cell").textContent = $("total").textContent;
  $("fees-regime").textContent = r.regime(decision);
  $("plate-outcome").replaceChildren(r.plateOutcome(decision));
  $("eligibility").replaceChildren(...r.eligibility(decision));
  $("documents").replaceChildren(...r.documents(decision));
  $("sources").replaceChildren(...r.sourcesBlock(decision));
  const published = about.parameters.published ? `version du ${frenchDate(about.parameters.published)}` : "version sans date";
  $("parameters").textContent = `Barème du simulateur : ${published}.`;
  $("print-request-list").replaceChildren(...printRequest(decision));
  $("print-date").textContent =
    `Simulation faite le ${frenchDate(todayIso())}, selon les règles en vigueur le ${frenchDate(decision.date)}. ` +
    `Paramètres : ${published} (${decision.parameters.name}, empreinte ${decision.parameters.fingerprint.replace(/^sha256:/, "").slice(0, 12)}).`;
  $("resultat").hidden = false;
  $("actions").hidden = false;
  $("summary").classList.add("has-total");
}

/** The request, in words, for the printed summary. */
function printRequest(decision) {
  const reason = document.querySelector('input[name="reason"]:checked')?.value;
  const dept = value("department");
  const rows = [
    ["Date de la demande", frenchDate(decision.date)],
    ["Département", dept ? `${dept} – ${DEPARTMENT_NAMES[dept] ?? dept}` : "non indiqué"],
    ["Immatriculation", decision.plate.normalized],
    ["Véhicule", `${CATEGORY_FR[value("category")]}, ${ENERGY_FR[value("energy")].toLowerCase()}`],
    ["Motif", REASON_FR[reason] + (reason === "theft" ? ($("theft_declared").checked ? " (déclaré)" : " (non déclaré)") : "")],
    ["Demandeur", APPLICANT_FR[value("applicant")]],
  ];
  return rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]);
}

/** The URL of the simulation as filled in (the parameters read by prefill()). */
function permalink() {
  const url = new URL(location.href);
  url.search = "";
  url.hash = "";
  const reason = document.querySelector('input[name="reason"]:checked')?.value;
  const values = { date: value("date"), departement: value("department"), immatriculation: $("plate").value.trim(), categorie: value("category"), energie: value("energy"), motif: reason };
  for (const [k, v] of Object.entries(values)) if (v) url.searchParams.set(k, v);
  if (document.documentElement.dataset.theme === "neutre") url.searchParams.set("theme", "neutre");
  return url.href;
}

async function copyPermalink() {
  const href = permalink();
  $("permalink-url").value = href;
  $("permalink-group").hidden = false;
  let copied = false;
  try {
    await navigator.clipboard.writeText(href);
    copied = true;
  } catch {
    // No clipboard (permission refused, insecure context): the link stays shown, selected.
    $("permalink-url").select();
  }
  $("permalink-status").textContent = copied ? "Lien de la simulation copié dans le presse-papiers." : "Copiez le lien affiché.";
  postHeight();
}

/** Values of the URL (date, departement, immatriculation, categorie, energie, motif). */
function prefill() {
  const params = new URLSearchParams(location.search);
  for (const [param, id] of Object.entries(URL_PARAMS)) {
    const raw = params.get(param);
    if (raw === null) continue;
    if (id === "reason") {
      const v = REASON_URL[raw.toLowerCase()] ?? raw;
      const radio = $(`reason-${v}`);
      if (radio) {
        radio.checked = true;
        touched.add("reason");
      }
      continue;
    }
    const input = $(id);
    if (input.tagName === "SELECT" && ![...input.options].some((o) => o.value === raw)) continue;
    input.value = raw;
    touched.add(fieldOfInput(id));
  }
}

/** In an iframe, tells the host page the height the page needs (no scroll bar in the frame). */
let lastHeight = 0;
function postHeight() {
  if (window.parent === window) return;
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === lastHeight) return;
  lastHeight = height;
  window.parent.postMessage({ type: "duplicata-simulateur:height", height }, "*");
}

function fillLists(departments) {
  const select = $("department");
  for (const code of departments) select.append(new Option(`${code} – ${DEPARTMENT_NAMES[code] ?? code}`, code));
  for (const [id, labels, first] of [["category", CATEGORY_FR, "car"], ["energy", ENERGY_FR, "petrol"], ["applicant", APPLICANT_FR, "holder"]]) {
    $(id).replaceChildren(...Object.entries(labels).map(([v, label]) => new Option(label, v, v === first, v === first)));
  }
}

async function main() {
  try {
    await init();
  } catch (e) {
    $("load-error-text").textContent = String(e?.message ?? e);
    $("load-error").hidden = false;
    setStatus("", el("p", {}, "Le moteur de calcul n'est pas disponible."));
    return;
  }
  about = info();
  renderer = new Renderer(new Map(about.sources.map((s) => [s.id, s])));
  fillLists(about.departments);
  $("date").value = todayIso();
  prefill();

  const form = $("simulateur");
  const theft = () => {
    $("theft-declared-element").hidden = document.querySelector('input[name="reason"]:checked')?.value !== "theft";
  };
  // Typing updates the result (and clears an error as soon as the value is valid), never adds one.
  form.addEventListener("input", () => {
    theft();
    refresh(false);
  });
  // A choice made (list, radio, box) or a field left: its error may show.
  form.addEventListener("change", (e) => {
    theft();
    const field = fieldOfInput(e.target.id);
    if (field && (e.target.tagName === "SELECT" || e.target.type === "radio" || e.target.type === "checkbox")) touched.add(field);
    refresh();
  });
  form.addEventListener("focusout", (e) => {
    const field = fieldOfInput(e.target.id);
    // Leaving a date input for its own next part (day → month) is not leaving the field.
    if (!field || (e.relatedTarget && e.relatedTarget === e.target)) return;
    touched.add(field);
    refresh();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    for (const f of ORDER) touched.add(f);
    const errors = refresh();
    const first = ORDER.find((f) => errors.has(f));
    if (first) $(FIELDS[first].input).focus();
    else $("summary").focus();
  });
  $("permalink").addEventListener("click", copyPermalink);
  $("print").addEventListener("click", () => window.print());
  if (window.parent !== window) {
    new ResizeObserver(postHeight).observe(document.body);
    window.addEventListener("load", postHeight);
  }

  document.documentElement.dataset.engine = about.version;
  theft();
  refresh();
  document.body.dataset.ready = "true";
}

main();
