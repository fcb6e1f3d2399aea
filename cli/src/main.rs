//! `duplicata`: the operators' command line of the duplicata engine.
//!
//! Exit status: 0 for a decision (eligible or not), 2 for invalid input, 1 for anything else
//! (a file that cannot be read, standard output closed or full).
//!
//! Each subcommand (or group) lives in its own module with its arguments and its `run`; this file
//! only parses the command line and dispatches. Every input is read with a limit ([`input`]),
//! every output goes through [`output::Out`], whose write errors end the command cleanly.

mod coverage;
mod date;
mod diff;
mod evaluate;
mod failure;
mod history;
mod input;
mod jsonl;
mod output;
mod params;
mod plate;
mod procedure;
mod rate;
mod summary;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use duplicata_core::Engine;

use crate::failure::{Failure, stderr};
use crate::output::Out;

#[derive(Parser)]
#[command(
    name = "duplicata",
    version,
    about = "Règles des demandes de duplicata (carte grise, CMI) / duplicata rules engine"
)]
struct Cli {
    /// Parameter file to use instead of the embedded reference parameters (at most 4 MiB).
    #[arg(long, global = true, value_name = "FILE")]
    params: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate a request (a JSON file, or - for standard input).
    Evaluate(evaluate::EvaluateArgs),
    /// The regional rate per CV in force for a department on a date.
    Rate(rate::RateArgs),
    /// Read a registration number.
    Plate(plate::PlateArgs),
    /// Parameter files.
    Params {
        #[command(subcommand)]
        command: params::ParamsCommand,
    },
    /// Run a procedure step by step from a saved state file.
    Procedure {
        #[command(subcommand)]
        command: procedure::ProcedureCommand,
    },
}

impl Command {
    /// Whether invalid input is answered with the error JSON on standard output.
    fn json_errors(&self) -> bool {
        match self {
            Command::Evaluate(a) => a.json || a.jsonl,
            Command::Rate(a) => a.json,
            Command::Plate(a) => a.json,
            Command::Params { command } => command.json(),
            Command::Procedure { .. } => true,
        }
    }
}

/// What every command may need besides its own arguments.
pub(crate) struct Context {
    pub(crate) params: Option<PathBuf>,
}

impl Context {
    /// The engine: over `--params FILE` (read with its limit), else the embedded parameters.
    pub(crate) fn engine(&self) -> Result<Engine, Failure> {
        Ok(match &self.params {
            Some(path) => Engine::from_toml(&input::read_params(path, "params")?)?,
            None => Engine::embedded()?,
        })
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout, usage errors to stderr; a closed stdout is no panic.
            if let Err(w) = e.print() {
                return Failure::Output(w).report(&mut Out::new(), false);
            }
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let json_errors = cli.command.json_errors();
    let mut out = Out::new();
    let ctx = Context { params: cli.params };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        dispatch(cli.command, &ctx, &mut out).and_then(|code| {
            out.flush()?;
            Ok(code)
        })
    }));
    match result {
        Ok(Ok(code)) => code,
        Ok(Err(failure)) => failure.report(&mut out, json_errors),
        Err(_) => {
            // The panic message was printed by the default hook; the status says it was a bug.
            out.abandon();
            stderr("erreur interne / internal error\n");
            ExitCode::from(1)
        }
    }
}

fn dispatch(command: Command, ctx: &Context, out: &mut Out) -> Result<ExitCode, Failure> {
    match command {
        Command::Evaluate(args) => evaluate::run(args, ctx, out),
        Command::Rate(args) => rate::run(args, ctx, out),
        Command::Plate(args) => plate::run(args, out),
        Command::Params { command } => params::run(command, ctx, out),
        Command::Procedure { command } => procedure::run(command, ctx, out),
    }
}
