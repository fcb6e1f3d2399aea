//! `duplicata procedure ...`: a procedure run step by step from a saved state file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use duplicata_core::Request;
use duplicata_core::{Event, ProcedureState};

use crate::failure::Failure;
use crate::input;
use crate::output::Out;

#[derive(Subcommand)]
pub(crate) enum ProcedureCommand {
    /// Start the procedure of a request and write its state.
    Start {
        /// Request file, or - for standard input.
        request: String,
        /// State file to write.
        #[arg(long)]
        state: PathBuf,
    },
    /// List the events allowed in a saved state.
    Next {
        #[arg(long)]
        state: PathBuf,
    },
    /// Apply one event (JSON text, or @FILE) to a saved state and write the new state.
    Apply {
        #[arg(long)]
        state: PathBuf,
        /// The event, e.g. '{"event":"reviewer_reject","message":"illisible"}', or @event.json.
        event: String,
    },
}

pub(crate) fn run(
    command: ProcedureCommand,
    ctx: &crate::Context,
    out: &mut Out,
) -> Result<ExitCode, Failure> {
    let engine = ctx.engine()?;
    match command {
        ProcedureCommand::Start { request, state } => {
            let req: Request =
                duplicata_core::from_json(&input::read_request(&request, "request")?)?;
            let s = engine.procedure_start(&req)?;
            write_state(&state, &s)?;
            print_state(&s, out)?;
        }
        ProcedureCommand::Next { state } => print_state(&read_state(&state)?, out)?,
        ProcedureCommand::Apply { state, event } => {
            let current = read_state(&state)?;
            let text = match event.strip_prefix('@') {
                Some(path) => input::read_request(path, "event")?,
                None => event,
            };
            let ev: Event = duplicata_core::from_json(&text).map_err(|e| e.in_field("event"))?;
            let next = engine.procedure_apply(&current, &ev)?;
            write_state(&state, &next)?;
            print_state(&next, out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn read_state(path: &Path) -> Result<ProcedureState, Failure> {
    let text = input::read_state(path)?;
    Ok(duplicata_core::from_json(&text).map_err(|e| e.in_field("state"))?)
}

/// Writes the state atomically: a reader never sees half a file, and a failed write (a full disk)
/// leaves the previous state in place and no temporary file behind.
fn write_state(path: &Path, state: &ProcedureState) -> Result<(), Failure> {
    let tmp = path.with_extension("tmp");
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(state.to_json().as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(Failure::file(path, &e));
    }
    Ok(())
}

fn print_state(s: &ProcedureState, out: &mut Out) -> Result<(), Failure> {
    let v = serde_json::json!({
        "machine": s.machine,
        "step": s.step,
        "allowed_events": s.allowed_events(),
        "payment_recorded": s.payment_recorded,
        "may_drive": s.may_drive,
        "file_number": s.file_number,
        "cpi_valid_until": s.cpi_valid_until,
        "attestation_valid_until": s.attestation_valid_until,
        "end_products": s.end_products,
    });
    Ok(out.line(&v.to_string())?)
}
