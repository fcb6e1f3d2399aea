// The decision of the engine shown to people, in French: builds DOM nodes, computes nothing. Every
// amount, label and explanation comes from the engine; this file chooses words and order only.
// Used by the page (app.js) and testable on its own (the browser test renders decisions with it).
import { euros, frenchDate } from "./format.js";
import { CONFIDENCE_FR, REGIME_FR, SYSTEM_FR } from "./labels.js";

/** Builds an element: el("p", { class: "x" }, "text", child, null). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

export function capitalize(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** The ids of the parameter file's sources in a `source` field ("SP-F19211-2019, S21"). */
function sourceIds(field, sources) {
  return String(field ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => sources.has(s));
}

/** Official first, then by date, newest first. */
function bySourceOrder(a, b) {
  const off = (s) => (s.kind === "official" ? 0 : 1);
  return off(a) - off(b) || String(b.date ?? "").localeCompare(String(a.date ?? "")) || a.title_fr.localeCompare(b.title_fr, "fr");
}

const KIND_FR = { press: "presse", commercial: "site commercial", other: "autre site" };

/**
 * The citations written in the rules (documents, who may apply) read as French for people: the
 * official texts they name, with a link to service-public.fr fiches. Parts that are not an
 * official text (notes for reviewers) are left to the decision JSON.
 */
export function officialCitations(text) {
  const out = [];
  for (const part of String(text ?? "").split(";").map((p) => p.trim())) {
    let m;
    if ((m = /^service-public (F\d+)\b/.exec(part))) {
      out.push({ key: m[1], title: `Service-public.fr, fiche ${m[1]}`, url: `https://www.service-public.fr/particuliers/vosdroits/${m[1]}` });
    } else if ((m = /^code de la route ([LRD]\d[\d-]*)/i.exec(part))) {
      out.push({ key: `cr-${m[1]}`, title: `Code de la route, article ${m[1]}` });
    } else if ((m = /^(décret n° [\d-]+ du \d+ \S+ \d{4})/.exec(part))) {
      out.push({ key: m[1], title: capitalize(m[1]) });
    } else if ((m = /^(arrêté du \d+ \S+ \d{4})/.exec(part))) {
      out.push({ key: m[1], title: capitalize(m[1]) });
    } else if ((m = /^CGI art\. ([\d\w -]+?)(?: \d-?\w?)?$/.exec(part))) {
      out.push({ key: `cgi-${m[1]}`, title: `Code général des impôts, article ${m[1]}` });
    } else if ((m = /^cerfa (\d+\*\d+)/.exec(part))) {
      out.push({ key: `cerfa-${m[1]}`, title: `Formulaire cerfa n° ${m[1]}` });
    }
  }
  return out;
}

/** A source of the parameter file as people read it: title, date, link, kind. */
function sourceItem(s, id) {
  return el("li", { id },
    s.url ? el("a", { class: "fr-link", href: s.url, rel: "noopener", target: "_blank", title: `${s.title_fr} (nouvelle fenêtre)` }, s.title_fr) : s.title_fr,
    s.date ? el("span", { class: "fr-text--sm source-date" }, ` — ${frenchDate(s.date)}`) : null,
    s.kind && s.kind !== "official" ? el("span", { class: "fr-text--sm source-date" }, ` (${KIND_FR[s.kind] ?? "autre site"})`) : null,
  );
}

export class Renderer {
  /** `sources`: the engine's info().sources by id. `prefix`: for the ids of the nodes built. */
  constructor(sources, prefix = "") {
    this.sources = sources;
    this.prefix = prefix;
  }

  id(name) {
    return `${this.prefix}${name}`;
  }

  /** The sources (of the parameter file) a decision cites, in reading order. */
  cited(decision) {
    const ids = new Set();
    for (const l of decision.fees?.lines ?? []) for (const id of sourceIds(l.source, this.sources)) ids.add(id);
    for (const t of decision.trace ?? []) for (const id of sourceIds(t.source, this.sources)) ids.add(id);
    for (const a of decision.alternatives ?? []) for (const id of a.sources ?? []) if (this.sources.has(id)) ids.add(id);
    return [...ids].map((id) => ({ id, ...this.sources.get(id) })).sort(bySourceOrder);
  }

  /** "Source officielle : …" for a fee line, linking to the list of sources. */
  lineSources(line) {
    const list = sourceIds(line.source, this.sources).map((id) => ({ id, ...this.sources.get(id) })).sort(bySourceOrder);
    const official = list.filter((s) => s.kind === "official");
    const others = list.length - official.length;
    const span = el("span", { class: "fr-text--xs source" });
    if (official.length) {
      span.append(official.length > 1 ? "Sources officielles : " : "Source officielle : ");
      official.forEach((s, i) => {
        if (i > 0) span.append(" ; ");
        span.append(el("a", { href: `#${this.id(`source-${s.id}`)}`, class: "fr-link fr-text--xs" }, s.title_fr));
      });
      if (others) span.append(others > 1 ? ` et ${others} autres sources consultées` : " et une autre source consultée");
    } else if (others) {
      span.append(el("a", { href: `#${this.id("sources-other")}`, class: "fr-link fr-text--xs" },
        others > 1 ? `Aucun texte officiel : ${others} autres sources consultées` : "Aucun texte officiel : une autre source consultée"));
    } else if (line.source) {
      const texts = officialCitations(line.source);
      if (texts.length) span.append(texts.length > 1 ? "Sources officielles : " : "Source officielle : ", texts.map((t) => t.title).join(" ; "));
      else return null;
    } else {
      return null;
    }
    return span;
  }

  /** The badge of a confidence below high, or null. */
  badge(confidence, extra = {}) {
    if (confidence === "high") return null;
    const kind = confidence === "low" ? "fr-badge--warning" : "fr-badge--info";
    return el("p", { class: `fr-badge fr-badge--sm fr-badge--no-icon ${kind}`, ...extra }, `Fiabilité ${CONFIDENCE_FR[confidence] ?? ""}`);
  }

  /** "selon une autre lecture des textes : 2,76 €" and what that reading assumes. */
  alternative(alt) {
    const total = alt.total === null || alt.total === undefined ? "montant inconnu" : euros(alt.total);
    const sources = (alt.sources ?? []).filter((id) => this.sources.has(id)).map((id) => this.sources.get(id).title_fr);
    const changed = (alt.lines ?? []).map((l) => `${l.code} : ${l.amount === null || l.amount === undefined ? "inconnu" : euros(l.amount)}`);
    return el("li", { class: "alternative", "data-alternative": alt.id },
      el("strong", {}, `Selon une autre lecture des textes : ${total}`),
      alt.assumption_fr ? el("span", {}, ` — ${capitalize(alt.assumption_fr)}`) : null,
      changed.length ? el("span", { class: "fr-text--sm" }, ` (${changed.join(", ")})`) : null,
      sources.length ? el("span", { class: "fr-text--xs source" }, el("br"), `Sources : ${sources.join(" ; ")}`) : null,
    );
  }

  /** What a confidence below high means for this decision, and the other readings. */
  why(decision) {
    const fees = decision.fees;
    const weak = (fees?.lines ?? []).filter((l) => l.confidence !== "high");
    const parts = [];
    const meaning = {
      medium: "cette valeur vient d'articles de presse ou de sites spécialisés : aucun texte officiel la donnant n'a été trouvé.",
      low: "les sources ne concordent pas, ou seule une source non officielle donne cette valeur : le simulateur retient la lecture la plus probable (celle du texte le plus officiel, ou à défaut la date la plus récente).",
    };
    parts.push(el("p", { class: "fr-text--sm fr-mb-1w" },
      `Fiabilité ${CONFIDENCE_FR[fees.confidence]} : ${meaning[fees.confidence] ?? ""}`));
    if (weak.length) {
      parts.push(el("ul", { class: "fr-text--sm why-lines" },
        weak.map((l) => el("li", {}, `${l.code} ${l.label_fr} : fiabilité ${CONFIDENCE_FR[l.confidence]}`))));
    }
    const alts = decision.alternatives ?? [];
    if (alts.length) {
      parts.push(el("ul", { class: "fr-text--sm alternatives", id: this.id("alternatives") }, alts.map((a) => this.alternative(a))));
    } else {
      parts.push(el("p", { class: "fr-text--sm fr-mb-0" }, "Le montant à payer est celui que calculera l'administration lors de la démarche officielle."));
    }
    return parts;
  }

  /** The summary: total, confidence and its explanation, what happens to the number. */
  summary(decision) {
    const fees = decision.fees;
    const plate = decision.plate;
    const nodes = [
      el("p", { class: "summary-total fr-mb-0" },
        el("span", { class: "total-label" }, "Montant total à payer : "),
        el("span", { id: this.id("total"), class: "total" }, euros(fees.total))),
    ];
    if (fees.status === "unknown") nodes.push(el("p", { class: "fr-text--sm fr-mb-0" }, "Un taux manque dans les sources pour cette date : le total ne peut pas être calculé."));
    const badge = this.badge(fees.confidence, { id: this.id("confidence") });
    if (badge) {
      const panel = this.id("why");
      nodes.push(el("div", { class: "summary-confidence" },
        badge,
        el("button", { type: "button", class: "fr-btn fr-btn--tertiary-no-outline fr-btn--sm why-button", id: this.id("why-button"), "aria-expanded": "false", "aria-controls": panel }, "Pourquoi ?")));
      nodes.push(el("div", { class: "why", id: panel, hidden: true }, this.why(decision)));
    }
    nodes.push(el("p", { id: this.id("plate-summary"), class: "fr-text--sm fr-mb-0" },
      plate.plates_must_change
        ? `Un nouveau numéro sera attribué : de nouvelles plaques sont à poser.`
        : `Le numéro ${plate.normalized} est conservé.`));
    return nodes;
  }

  feeRows(decision) {
    return decision.fees.lines.map((l) =>
      el("tr", { "data-line": l.code },
        el("th", { scope: "row" },
          el("span", { class: "line-code" }, l.code), " ", el("span", { class: "line-label" }, l.label_fr),
          el("br"),
          el("span", { class: "fr-text--sm line-explanation" }, capitalize(l.explanation_fr)),
          ...((s) => (s ? [el("br"), s] : []))(this.lineSources(l))),
        el("td", { class: "amount" }, euros(l.amount), this.badge(l.confidence) ? el("br") : null, this.badge(l.confidence)),
      ),
    );
  }

  regime(decision) {
    return `Régime : ${REGIME_FR[decision.fees.regime] ?? "autre"}. Règles en vigueur le ${frenchDate(decision.date)}.`;
  }

  plateOutcome(decision) {
    const plate = decision.plate;
    return plate.conversion
      ? el("div", { class: "fr-alert fr-alert--warning fr-alert--sm", id: this.id("plate-change") },
          el("p", {},
            el("strong", {}, `Le numéro ${plate.normalized}, un numéro ${SYSTEM_FR[plate.system] ?? ""}, sera remplacé. `),
            "Le duplicata fait passer le véhicule au système actuel : un nouveau numéro est attribué à vie et les plaques doivent être changées."))
      : el("p", { id: this.id("plate-kept") }, `Le numéro ${plate.normalized}, un numéro ${SYSTEM_FR[plate.system] ?? ""}, est conservé : les plaques ne changent pas.`);
  }

  eligibility(decision) {
    const elig = decision.eligibility;
    const parts = [el("p", { id: this.id("eligible"), class: elig.eligible ? "fr-badge fr-badge--success" : "fr-badge fr-badge--error" },
      elig.eligible ? "Demande recevable" : "Demande non recevable en l'état")];
    const badge = this.badge(elig.confidence);
    if (badge) parts.push(" ", badge);
    if (elig.reasons.length) parts.push(el("ul", { id: this.id("eligibility-reasons") }, elig.reasons.map((r) => el("li", {}, capitalize(r.message_fr)))));
    if (elig.remedies.length) {
      parts.push(el("p", { class: "fr-mb-1v" }, "Pour régulariser :"), el("ul", {}, elig.remedies.map((r) => el("li", {}, capitalize(r.message_fr)))));
    }
    parts.push(el("p", { class: "fr-mb-1v" }, "Peuvent faire la demande :"),
      el("ul", { id: this.id("who-may-apply") }, elig.who_may_apply.map((w) => el("li", {}, capitalize(w.message_fr)))));
    return parts;
  }

  documents(decision) {
    return decision.documents.map((d) =>
      el("li", { "data-code": d.code },
        el("strong", {}, d.label_fr),
        d.required ? null : el("span", { class: "fr-text--sm" }, " (selon le cas)"),
        el("br"),
        el("span", { class: "fr-text--sm doc-condition" }, capitalize(d.condition_fr)),
        d.accepted?.length ? el("span", { class: "fr-text--sm doc-accepted" }, ` — acceptés : ${d.accepted.map((a) => a.label_fr).join(" ; ")}`) : null,
        d.refused?.length ? el("span", { class: "fr-text--sm doc-accepted" }, ` — refusés : ${d.refused.map((a) => a.label_fr).join(" ; ")}`) : null,
      ),
    );
  }

  /** Official sources first; press and commercial ones under "Autres sources consultées". */
  sourcesBlock(decision) {
    const cited = this.cited(decision);
    const official = cited.filter((s) => s.kind === "official");
    const others = cited.filter((s) => s.kind !== "official");
    // The official texts the rules on documents and applicants name.
    const texts = new Map();
    for (const item of [...decision.documents, ...decision.eligibility.who_may_apply, ...decision.eligibility.reasons]) {
      for (const t of officialCitations(item.source)) texts.set(t.key, t);
    }
    const officialTitles = new Set(official.map((s) => s.title_fr));
    const extra = [...texts.values()].filter((t) => !officialTitles.has(t.title)).sort((a, b) => a.title.localeCompare(b.title, "fr"));
    const nodes = [
      el("h4", { class: "fr-h6 fr-mb-1w", id: this.id("sources-official-title") }, "Sources officielles"),
      el("ul", { class: "fr-text--sm sources", id: this.id("sources-official"), "aria-labelledby": this.id("sources-official-title") },
        official.map((s) => sourceItem(s, this.id(`source-${s.id}`))),
        extra.map((t) => el("li", {}, t.url ? el("a", { class: "fr-link", href: t.url, rel: "noopener", target: "_blank", title: `${t.title} (nouvelle fenêtre)` }, t.title) : t.title))),
    ];
    if (others.length) {
      nodes.push(
        el("h4", { class: "fr-h6 fr-mb-1w", id: this.id("sources-other-title") }, "Autres sources consultées"),
        el("p", { class: "fr-text--xs fr-mb-1w" }, "Articles de presse et sites non officiels, consultés là où aucun texte officiel ne donnait la valeur. Ils ne font pas foi."),
        el("ul", { class: "fr-text--sm sources", id: this.id("sources-other"), "aria-labelledby": this.id("sources-other-title") },
          others.map((s) => sourceItem(s, this.id(`source-${s.id}`)))),
      );
    }
    return nodes;
  }
}
