//! The format of a case file: which keys each part of `expect` may have, of which JSON type, and
//! the problems of a case file that break those rules (checked before any comparison).

use std::collections::BTreeSet;

use serde_json::Value;

pub(crate) fn codes(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("code").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The JSON type of a value, as JSON Schema names it.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// An exact decimal amount as the contract writes it ("47.76").
pub(crate) fn is_amount(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        let (units, cents) = s.split_once('.').unwrap_or((s, ""));
        !units.is_empty()
            && units.bytes().all(|b| b.is_ascii_digit())
            && cents.len() == 2
            && cents.bytes().all(|b| b.is_ascii_digit())
    })
}

/// What a value of `expect` may be.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Str,
    Bool,
    /// An amount string, or `null` for an unknown amount.
    AmountOrNull,
    StrOrNull,
    /// A list of strings.
    Strings,
    /// `null`, or `{"low": amount, "high": amount}`.
    Bounds,
    /// An object whose every value has the inner kind.
    Map(&'static Kind),
    /// `{"amount": integer, "unit": string}`.
    Duration,
}

pub(crate) fn kind_problem(v: &Value, kind: Kind) -> Option<String> {
    let ok = match kind {
        Kind::Str => v.is_string(),
        Kind::Bool => v.is_boolean(),
        Kind::AmountOrNull => v.is_null() || is_amount(v),
        Kind::StrOrNull => v.is_null() || v.is_string(),
        Kind::Strings => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        Kind::Bounds => {
            v.is_null()
                || v.as_object()
                    .is_some_and(|o| o.len() == 2 && is_amount(&o["low"]) && is_amount(&o["high"]))
        }
        Kind::Map(inner) => {
            let Some(o) = v.as_object() else {
                return Some(format!("{} is not an object", type_name(v)));
            };
            return o
                .iter()
                .find_map(|(k, x)| kind_problem(x, *inner).map(|p| format!("{k}: {p}")));
        }
        Kind::Duration => v.as_object().is_some_and(|o| {
            o.len() == 2 && o.get("amount").is_some_and(Value::is_u64) && o["unit"].is_string()
        }),
    };
    (!ok).then(|| format!("{v} is not {}", kind_label(kind)))
}

pub(crate) fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Str => "a string",
        Kind::Bool => "true or false",
        Kind::AmountOrNull => "an amount (\"47.76\") or null",
        Kind::StrOrNull => "a string or null",
        Kind::Strings => "a list of strings",
        Kind::Bounds => "null or {\"low\": amount, \"high\": amount}",
        Kind::Map(_) => "an object",
        Kind::Duration => "{\"amount\": integer, \"unit\": string}",
    }
}

pub(crate) const STRINGS: Kind = Kind::Strings;
pub(crate) const AMOUNT_OR_NULL: Kind = Kind::AmountOrNull;
pub(crate) const STR: Kind = Kind::Str;
pub(crate) const DURATION: Kind = Kind::Duration;

/// The keys each part of `expect` may hold, with the kind of their value.
pub(crate) fn part_keys(part: &str) -> Option<&'static [(&'static str, Kind)]> {
    Some(match part {
        "fees" => &[
            ("total", Kind::AmountOrNull),
            ("status", Kind::Str),
            ("confidence", Kind::Str),
            ("regime", Kind::Str),
            ("highest_event_only", Kind::Bool),
            ("unknown_reason", Kind::StrOrNull),
            ("bounds", Kind::Bounds),
            ("lines", Kind::Map(&AMOUNT_OR_NULL)),
            ("line_confidence", Kind::Map(&STR)),
        ],
        "eligibility" => &[
            ("eligible", Kind::Bool),
            ("confidence", Kind::Str),
            ("reasons", Kind::Strings),
            ("conditions", Kind::Strings),
            ("remedies_include", Kind::Strings),
        ],
        "documents" => &[("include", Kind::Strings), ("exclude", Kind::Strings)],
        "validity" => &[
            ("include", Kind::Strings),
            ("exclude", Kind::Strings),
            ("durations", Kind::Map(&DURATION)),
        ],
        "cmi" => &[
            ("listed_titles", Kind::Strings),
            ("fee", Kind::AmountOrNull),
            ("effects", Kind::Strings),
        ],
        "error" => &[("code", Kind::Str), ("field", Kind::Str)],
        _ => return None,
    })
}

/// The problems of a case's `expect` itself: an unknown key, a value of the wrong type, an
/// `error` with other keys. A case with a problem is an error of the case file, whatever the
/// engine answers.
pub(crate) fn case_file_problems(expect: &Value, decision_schema: &Value) -> Vec<String> {
    let Some(exp) = expect.as_object() else {
        return vec![format!("expect is {}, not an object", type_name(expect))];
    };
    let mut bad = Vec::new();
    if exp.contains_key("error") && exp.len() > 1 {
        bad.push(format!(
            "expect has `error` and {:?}: a refused request has no decision to check",
            exp.keys().filter(|k| *k != "error").collect::<Vec<_>>()
        ));
    }
    for (key, want) in exp {
        if let Some(keys) = part_keys(key) {
            let Some(obj) = want.as_object() else {
                bad.push(format!("{key} is {}, not an object", type_name(want)));
                continue;
            };
            for (k, w) in obj {
                match keys.iter().find(|(name, _)| name == k) {
                    Some((_, kind)) => {
                        if let Some(p) = kind_problem(w, *kind) {
                            bad.push(format!("{key}.{k}: {p}"));
                        }
                    }
                    None => bad.push(format!("unknown expect key {key}.{k}")),
                }
            }
            if key == "error" && !obj.contains_key("code") {
                bad.push("error without a code".to_owned());
            }
            continue;
        }
        match key.as_str() {
            "plate" | "procedure" => {
                // The keys and types of the decision's own object (docs/schema/decision.schema.json).
                let props = &decision_schema["$defs"][key.as_str()]["properties"];
                let Some(obj) = want.as_object() else {
                    bad.push(format!("{key} is {}, not an object", type_name(want)));
                    continue;
                };
                for (k, w) in obj {
                    let Some(prop) = props.get(k) else {
                        bad.push(format!("unknown expect key {key}.{k}"));
                        continue;
                    };
                    let allowed = prop.get("enum").and_then(Value::as_array);
                    if allowed.is_some_and(|a| !a.contains(w))
                        || prop["type"].as_str().is_some_and(|t| t != type_name(w))
                    {
                        bad.push(format!("{key}.{k}: {w} is not of the schema's {prop}"));
                    }
                }
            }
            "alternatives" => {
                if let Some(p) = kind_problem(want, Kind::Map(&AMOUNT_OR_NULL)) {
                    bad.push(format!("alternatives: {p}"));
                }
            }
            "warnings" | "trace_rules" => {
                if let Some(p) = kind_problem(want, STRINGS) {
                    bad.push(format!("{key}: {p}"));
                }
            }
            other => bad.push(format!("unknown expect key {other}")),
        }
    }
    bad
}
