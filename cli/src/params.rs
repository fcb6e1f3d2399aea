//! `duplicata params ...`: parameter files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use duplicata_core::ParameterSet;

use crate::failure::Failure;
use crate::input;
use crate::output::Out;

#[derive(Subcommand)]
pub(crate) enum ParamsCommand {
    /// Check a parameter file and list every problem.
    Check {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Share of days with a known rate and clean-vehicle share, per zone and year; every gap and its reason.
    Coverage(crate::coverage::Args),
    /// Every value added, removed or changed from OLD to NEW, by zone and period, with sources.
    Diff(crate::diff::Args),
    /// A zone's rates and clean-vehicle shares over time, with the corrections the file recorded.
    History(crate::history::Args),
}

impl ParamsCommand {
    /// Whether errors are printed as JSON on standard output.
    pub(crate) fn json(&self) -> bool {
        match self {
            ParamsCommand::Check { json, .. } => *json,
            ParamsCommand::Coverage(args) => args.json,
            ParamsCommand::Diff(args) => args.json,
            ParamsCommand::History(args) => args.json,
        }
    }
}

pub(crate) fn run(
    command: ParamsCommand,
    ctx: &crate::Context,
    out: &mut Out,
) -> Result<ExitCode, Failure> {
    match command {
        ParamsCommand::Check { file, json } => check(&file, json, out),
        ParamsCommand::Coverage(args) => crate::coverage::run(ctx.params.as_ref(), &args, out),
        ParamsCommand::Diff(args) => crate::diff::run(&args, out),
        ParamsCommand::History(args) => crate::history::run(ctx.params.as_ref(), &args, out),
    }
}

fn check(file: &Path, json: bool, out: &mut Out) -> Result<ExitCode, Failure> {
    let text = input::read_params(file, "file")?;
    match ParameterSet::from_toml(&text) {
        Ok(p) => {
            if json {
                let v = serde_json::json!({"valid": true, "name": p.name, "fingerprint": p.fingerprint,
                    "zones": p.zones.len(), "regions": p.regions.len(), "sources": p.sources.len(),
                    "known_since": p.known_since(), "knowledge_days": p.knowledge_days()});
                out.line(&v.to_string())?;
            } else {
                out.line(&format!("{} : valide / valid", file.display()))?;
                out.line(&format!(
                    "  {} ({}), {} zones, {} régions, {} sources",
                    p.name,
                    p.fingerprint,
                    p.zones.len(),
                    p.regions.len(),
                    p.sources.len()
                ))?;
                let days: Vec<String> =
                    p.knowledge_days().iter().map(ToString::to_string).collect();
                if !days.is_empty() {
                    out.line(&format!(
                        "  connaissances changées le / knowledge changed on : {} (as_known_on)",
                        days.join(", ")
                    ))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if json {
                out.line(&e.to_json())?;
            } else {
                out.line(&format!(
                    "{} : {} problème(s) / problem(s)",
                    file.display(),
                    e.problems().len()
                ))?;
                for p in e.problems() {
                    out.line(&format!(
                        "  {}:{}:{}: [{}] {}",
                        file.display(),
                        p.line,
                        p.column,
                        p.code,
                        p.message_fr
                    ))?;
                    out.line(&format!("      {} — {}", p.path, p.message_en))?;
                }
            }
            Ok(ExitCode::from(2))
        }
    }
}
