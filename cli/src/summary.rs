//! Readable summaries of a decision and of a rate, in French (or English).

use std::fmt::Write;

use duplicata_core::{Decision, Money, RateAnswer};

fn conf_fr(c: &str) -> &str {
    match c {
        "high" => "élevée",
        "medium" => "moyenne",
        _ => "faible",
    }
}

/// An amount without useless decimals, as in "41 + 4 + 2.76".
fn short(m: Money) -> String {
    let s = m.to_string();
    s.strip_suffix(".00").map(str::to_owned).unwrap_or(s)
}

/// An amount of the JSON contract as people read it: "2,76 €" in French, "2.76 €" in English.
fn money_text(amount: &str, en: bool) -> String {
    if en {
        format!("{amount} €")
    } else {
        format!("{} €", amount.replace('.', ","))
    }
}

/// The decision as text. Amounts use the decimal point, as in the JSON contract.
pub(crate) fn decision(d: &Decision, en: bool) -> String {
    let v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap_or_default();
    let t = |fr: &'static str, english: &'static str| if en { english } else { fr };
    let lang = if en { "en" } else { "fr" };
    let label = |o: &serde_json::Value, key: &str| {
        o[format!("{key}_{lang}")].as_str().unwrap_or("").to_owned()
    };
    let mut out = String::new();
    let proc_name = v["procedure"]["name"].as_str().unwrap_or("");
    let _ = writeln!(
        out,
        "{} — {} {}",
        if proc_name == "cmi_second_exemplaire" {
            t("Demande de second exemplaire", "Second exemplaire request")
        } else {
            t("Demande de duplicata", "Duplicata request")
        },
        proc_name,
        d.date
    );
    if let Some(p) = v.get("plate") {
        let _ = writeln!(
            out,
            "{} : {} ({})",
            t("Immatriculation", "Registration"),
            p["normalized"].as_str().unwrap_or(""),
            p["system"].as_str().unwrap_or("")
        );
        if p["conversion"].as_bool() == Some(true) {
            let _ = writeln!(
                out,
                "  {}",
                t(
                    "numéro FNI : un nouveau numéro SIV sera attribué, il faudra changer les plaques",
                    "FNI number: a new SIV number will be assigned, the plates must be changed"
                )
            );
        }
    }
    if let (Some(f), Some(fees)) = (v.get("fees"), &d.fees) {
        let _ = writeln!(out);
        match fees.total {
            Some(total) => {
                let parts: Vec<String> = fees
                    .lines
                    .iter()
                    .filter_map(|l| l.amount)
                    .filter(|a| *a != Money::ZERO)
                    .map(short)
                    .collect();
                let breakdown = if parts.is_empty() {
                    String::new()
                } else {
                    format!(" = {}", parts.join(" + "))
                };
                let _ = writeln!(
                    out,
                    "{} : {total} €{breakdown}   ({} : {})",
                    t("Coût", "Cost"),
                    t("confiance", "confidence"),
                    if en {
                        fees.confidence.as_str().to_owned()
                    } else {
                        conf_fr(fees.confidence.as_str()).to_owned()
                    }
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "{}",
                    t(
                        "Coût : inconnu (une valeur manque dans les sources, voir ci-dessous)",
                        "Cost: unknown (a value is missing from the sources, see below)"
                    )
                );
            }
        }
        for l in f["lines"].as_array().into_iter().flatten() {
            let amount = l["amount"]
                .as_str()
                .map_or_else(|| t("inconnu", "unknown").to_owned(), |a| format!("{a} €"));
            let _ = writeln!(
                out,
                "  {} {:<42} {:>10}  {}",
                l["code"].as_str().unwrap_or(""),
                label(l, "label"),
                amount,
                label(l, "explanation")
            );
            if l["status"] != "not_due" || l["code"] == "Y1" {
                let _ = writeln!(
                    out,
                    "     {} : {} ({} {})",
                    t("source", "source"),
                    l["source"].as_str().unwrap_or(""),
                    t("confiance", "confidence"),
                    l["confidence"]
                        .as_str()
                        .map(|c| if en { c } else { conf_fr(c) })
                        .unwrap_or("")
                );
            }
        }
    }
    if let Some(b) = v["fees"].get("bounds") {
        let amount = |k: &str| money_text(b[k].as_str().unwrap_or(""), en);
        let _ = writeln!(
            out,
            "  {} : {} – {} [{}]",
            t(
                "entre, d'après les valeurs connues autour de la lacune",
                "between, from the known values around the gap"
            ),
            amount("low"),
            amount("high"),
            v["fees"]["unknown_reason"].as_str().unwrap_or("")
        );
    }
    for a in v["alternatives"].as_array().into_iter().flatten() {
        let total = a["total"]
            .as_str()
            .map_or_else(|| t("inconnu", "unknown").to_owned(), |x| money_text(x, en));
        let _ = writeln!(
            out,
            "  {} : {total} ({} ; {} : {})",
            t(
                "selon une autre lecture des textes",
                "on another reading of the texts"
            ),
            label(a, "assumption"),
            t("sources", "sources"),
            a["sources"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for w in v["warnings"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "  {} : {} ({})",
            t("attention", "warning"),
            w[format!("message_{lang}")].as_str().unwrap_or(""),
            w["source"].as_str().unwrap_or("")
        );
    }
    if let Some(c) = v.get("cmi") {
        let fee = c["fee"]
            .as_str()
            .map_or_else(|| t("inconnu", "unknown").to_owned(), |f| format!("{f} €"));
        let _ = writeln!(out, "\n{} : {fee}", t("Coût", "Cost"));
        for e in c["effects"].as_array().into_iter().flatten() {
            let _ = writeln!(out, "  - {}", label(e, "message"));
        }
    }
    let el = &v["eligibility"];
    let _ = writeln!(out);
    if el["eligible"].as_bool() == Some(true) {
        let _ = writeln!(
            out,
            "{} ({} : {})",
            t("Demande recevable", "Request eligible"),
            t("demandeur", "applicant"),
            el["applicant"].as_str().unwrap_or("")
        );
    } else {
        let _ = writeln!(
            out,
            "{}",
            t("Demande non recevable :", "Request not eligible:")
        );
        for r in el["reasons"].as_array().into_iter().flatten() {
            let _ = writeln!(
                out,
                "  - {} [{}]",
                label(r, "message"),
                r["code"].as_str().unwrap_or("")
            );
        }
        let remedies: Vec<_> = el["remedies"].as_array().into_iter().flatten().collect();
        if !remedies.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                t("Pour la rendre recevable :", "To make it eligible:")
            );
            for r in remedies {
                let _ = writeln!(out, "  - {}", label(r, "message"));
            }
        }
    }
    let conditions: Vec<_> = el["conditions"].as_array().into_iter().flatten().collect();
    if !conditions.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            t("Recevable sous conditions :", "Eligible provided:")
        );
        for c in conditions {
            let _ = writeln!(
                out,
                "  - {} [{}]",
                label(c, "message"),
                c["code"].as_str().unwrap_or("")
            );
        }
    }
    let who: Vec<_> = el["who_may_apply"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    if !who.is_empty() {
        let _ = writeln!(out, "{}", t("Peuvent faire la demande :", "Who may apply:"));
        for w in who {
            let _ = writeln!(out, "  - {}", label(w, "message"));
        }
    }
    let proc_ = &v["procedure"];
    if let Some(channel) = proc_["channel"].as_str() {
        let ch = match (channel, en) {
            ("online", false) => "en ligne",
            ("online", true) => "online",
            (_, false) => "préfecture (guichet ou courrier)",
            (_, true) => "prefecture (counter or post)",
        };
        let _ = writeln!(out, "\n{} : {ch}", t("Démarche", "Procedure"));
        if proc_["held_for_review"].as_bool() == Some(true) {
            let _ = writeln!(
                out,
                "  {}",
                t(
                    "la demande sera mise en attente pour contrôle de la déclaration de vol",
                    "the request will be held for review of the theft declaration"
                )
            );
        }
        for (i, s) in proc_["steps"].as_array().into_iter().flatten().enumerate() {
            let _ = writeln!(out, "  {}. {}", i + 1, label(s, "label"));
        }
    }
    let docs: Vec<_> = v["documents"].as_array().into_iter().flatten().collect();
    if !docs.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            t("Pièces à préparer :", "Documents to prepare:")
        );
        for doc in docs {
            let mark = if doc["required"].as_bool() == Some(true) {
                "-"
            } else {
                "o"
            };
            let _ = writeln!(
                out,
                "  {mark} {}  ({})",
                label(doc, "label"),
                label(doc, "condition")
            );
        }
    }
    let validity: Vec<_> = v["validity"].as_array().into_iter().flatten().collect();
    if !validity.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            t("Validité et délais :", "Validity and timing:")
        );
        for item in validity {
            let dur = match (
                item["duration"]["amount"].as_u64(),
                item["duration"]["unit"].as_str(),
            ) {
                (Some(n), Some("month")) => format!(" : {n} {}", t("mois", "month(s)")),
                (Some(n), Some("year")) => format!(" : {n} {}", t("ans", "year(s)")),
                _ => String::new(),
            };
            let _ = writeln!(out, "  - {}{dur}", label(item, "label"));
        }
    }
    let _ = writeln!(
        out,
        "\n{} : {} ({})",
        t("Paramètres", "Parameters"),
        v["parameters"]["name"].as_str().unwrap_or(""),
        v["parameters"]["fingerprint"].as_str().unwrap_or("")
    );
    if let Some(day) = v["parameters"]["as_known_on"].as_str() {
        let _ = writeln!(out, "  {} {day}", t("tels que connus le", "as known on"));
    }
    out
}

/// A rate answer as text.
pub(crate) fn rate(a: &RateAnswer) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Département {} le {} : région {} ({}), zone tarifaire {} ({})",
        a.department, a.date, a.region_name, a.region, a.zone_name, a.zone
    );
    match a.rate {
        Some(rate) => {
            let _ = writeln!(
                out,
                "Tarif : {rate} € par cheval fiscal (confiance : {})",
                conf_fr(a.confidence.as_str())
            );
            for c in &a.components {
                let _ = writeln!(out, "  dont {} : {} €", c.label, c.amount);
            }
        }
        None => {
            let _ = writeln!(
                out,
                "Tarif : inconnu — {}",
                a.unknown_reason.as_deref().unwrap_or("")
            );
            if let Some(b) = &a.known_before {
                let _ = writeln!(
                    out,
                    "  connu avant : {} € du {} au {}",
                    b.rate,
                    b.from,
                    b.to.map_or_else(String::new, |d| d.to_string())
                );
            }
            if let Some(n) = &a.known_after {
                let _ = writeln!(out, "  connu après : {} € à partir du {}", n.rate, n.from);
            }
        }
    }
    let to = a
        .period_to
        .map_or_else(|| "…".to_owned(), |d| d.to_string());
    let _ = writeln!(out, "Période : du {} au {to}", a.period_from);
    if let Some(note) = &a.note {
        let _ = writeln!(out, "Note : {note}");
    }
    let _ = writeln!(out, "Sources :");
    for s in &a.source_titles {
        let _ = writeln!(out, "  - {s}");
    }
    out
}
