//! `duplicata params history ZONE`: a zone's rates and clean-vehicle shares over time, each with
//! the days the file knew it, so that the corrections it recorded show next to what replaced them.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use duplicata_core::HistoryEntry;
use duplicata_core::{Error, ErrorKind, ParameterSet};

use crate::failure::Failure;
use crate::input;
use crate::output::Out;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Zone code, as in the parameter file (e.g. PAC, GES, MIDI_PYRENEES).
    zone: String,
    /// Print the history as JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

pub(crate) fn run(
    params: Option<&PathBuf>,
    args: &Args,
    out: &mut Out,
) -> Result<ExitCode, Failure> {
    let set = match params {
        Some(path) => ParameterSet::from_toml(&input::read_params(path, "params")?)?,
        None => ParameterSet::embedded()?,
    };
    let Some(entries) = set.history(&args.zone) else {
        let codes: Vec<&str> = set.zones.iter().map(|z| z.code.as_str()).collect();
        return Err(Error::new(
            ErrorKind::InvalidRequest,
            "request.invalid_value",
            Some("zone"),
            format!(
                "zone « {} » inconnue ; zones : {}",
                args.zone,
                codes.join(", ")
            ),
            format!("unknown zone '{}'; zones: {}", args.zone, codes.join(", ")),
        )
        .into());
    };
    if args.json {
        let v = serde_json::json!({
            "zone": args.zone,
            "parameter_set": {"name": set.name, "fingerprint": set.fingerprint},
            "known_since": set.known_since(),
            "entries": entries,
        });
        out.line(&v.to_string())?;
    } else {
        out.text(&text(&set, &args.zone, &entries))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn text(set: &ParameterSet, zone: &str, entries: &[HistoryEntry]) -> String {
    let mut out = String::new();
    let name = set.zone(zone).map_or("", |z| z.name.as_str());
    let corrected = entries.iter().filter(|e| e.known_until.is_some()).count();
    let _ = writeln!(
        out,
        "{zone} — {name} : {} valeur(s), {corrected} corrigée(s) / value(s), corrected",
        entries.len()
    );
    let mut series = "";
    for e in entries {
        if e.series != series {
            series = e.series;
            let _ = writeln!(
                out,
                "{}",
                if series == "rates" {
                    "taux par cheval fiscal / rate per CV (€)"
                } else {
                    "part exonérée des véhicules propres / clean-vehicle share"
                }
            );
        }
        let days = match e.to {
            Some(to) => format!("{}..{to}", e.from),
            None => format!("{}..", e.from),
        };
        let shown = match (&e.value, &e.unknown) {
            (Some(v), _) => v.clone(),
            (None, Some(why)) => format!("inconnu ({why})"),
            (None, None) => "inconnu".to_owned(),
        };
        let known = match (e.known_from, e.last_known_day()) {
            (Some(f), Some(l)) => format!(
                "connu du {f} au {l}, corrigé le {} / known {f} to {l}, corrected",
                e.known_until.map_or_else(String::new, |d| d.to_string())
            ),
            (None, Some(l)) => format!("connu jusqu'au {l}, corrigé / known until {l}, corrected"),
            (Some(f), None) => format!("connu depuis le {f} / known since {f}"),
            (None, None) => String::new(),
        };
        let mark = if e.known_until.is_some() { "×" } else { " " };
        let _ = writeln!(
            out,
            " {mark} {days:<24} {shown:<10} {:<6} {}  ({known}; ligne {})",
            e.confidence.to_string(),
            e.source,
            e.line
        );
    }
    out
}
