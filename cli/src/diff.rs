//! `duplicata params diff OLD NEW`: every value added, removed or changed between two parameter
//! files, by zone and period, with the sources on each side.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use duplicata_core::ParameterSet;
use duplicata_core::diff::{Change, ChangeKind, DiffValue, ParamDiff};

use crate::date::parse_date;
use crate::failure::Failure;
use crate::input;
use crate::output::Out;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The older parameter file.
    old: PathBuf,
    /// The newer parameter file.
    new: PathBuf,
    /// Take OLD as it was known on this day (YYYY-MM-DD): with OLD and NEW the same file, the
    /// corrections recorded since.
    #[arg(long, value_name = "YYYY-MM-DD")]
    old_as_known_on: Option<String>,
    /// Print the differences as JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// Exit 0 whether or not the files differ; 2 when a file is refused.
pub(crate) fn run(args: &Args, out: &mut Out) -> Result<ExitCode, Failure> {
    let old = load(&args.old, "old")?;
    let new = load(&args.new, "new")?;
    let old_view = match &args.old_as_known_on {
        Some(day) => old.as_known_on(parse_date(day, "old_as_known_on")?)?,
        None => &old,
    };
    let diff = old_view.diff(&new);
    if args.json {
        let mut v = serde_json::to_value(&diff).map_err(|e| Failure::Other(e.to_string()))?;
        let side = |p: &ParameterSet, path: &Path| serde_json::json!({"file": path.display().to_string(), "name": p.name, "fingerprint": p.fingerprint});
        v["old"] = side(&old, &args.old);
        v["new"] = side(&new, &args.new);
        if let Some(day) = &args.old_as_known_on {
            v["old"]["as_known_on"] = day.as_str().into();
        }
        out.line(&v.to_string())?;
    } else {
        out.text(&text(&diff, &args.old, &args.new))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn load(path: &Path, field: &str) -> Result<ParameterSet, Failure> {
    Ok(ParameterSet::from_toml(&input::read_params(path, field)?)?)
}

fn text(diff: &ParamDiff, old: &Path, new: &Path) -> String {
    let mut out = String::new();
    let count = |k: ChangeKind| diff.changes.iter().filter(|c| c.kind == k).count();
    let _ = writeln!(
        out,
        "{} → {} : {} différence(s) / difference(s) ({} ajoutée(s) / added, {} retirée(s) / removed, {} modifiée(s) / changed)",
        old.display(),
        new.display(),
        diff.changes.len(),
        count(ChangeKind::Added),
        count(ChangeKind::Removed),
        count(ChangeKind::Changed),
    );
    let mut group: Option<(Option<&str>, &str)> = None;
    for c in &diff.changes {
        let here = (c.zone.as_deref(), c.series.as_str());
        if group != Some(here) {
            group = Some(here);
            let _ = match c.zone.as_deref() {
                Some(z) => writeln!(out, "zone {z} · {}", c.series),
                None => writeln!(out, "{}", c.series),
            };
        }
        let _ = writeln!(out, "  {}", line(c));
    }
    out
}

fn line(c: &Change) -> String {
    let days = match c.to {
        Some(to) if to == c.from => c.from.to_string(),
        Some(to) => format!("{}..{to}", c.from),
        None => format!("{}..", c.from),
    };
    match (c.kind, &c.old, &c.new) {
        (ChangeKind::Added, _, Some(n)) => format!("+ {days:<24} {}", value(n)),
        (ChangeKind::Removed, Some(o), _) => format!("- {days:<24} {}", value(o)),
        (_, Some(o), Some(n)) => format!("~ {days:<24} {}  →  {}", value(o), value(n)),
        _ => format!("? {days}"),
    }
}

fn value(v: &DiffValue) -> String {
    let shown = match (&v.value, &v.unknown) {
        (Some(x), _) => x.clone(),
        (None, Some(why)) => format!("inconnu / unknown ({why})"),
        (None, None) => "inconnu / unknown".to_owned(),
    };
    match v.confidence {
        Some(c) => format!("{shown} [{c}; {}; ligne {}]", v.source, v.line),
        None => format!("{shown} [{}; ligne {}]", v.source, v.line),
    }
}
