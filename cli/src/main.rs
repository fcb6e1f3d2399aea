//! `duplicata`: the operators' command line of the duplicata engine.
//!
//! Exit status: 0 for a decision (eligible or not), 2 for invalid input, 1 for anything else.

mod coverage;
mod summary;

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use duplicata_core::procedure::{Event, ProcedureState};
use duplicata_core::{Department, Engine, Error, ErrorKind, ParameterSet, Request};

#[derive(Parser)]
#[command(
    name = "duplicata",
    version,
    about = "Règles des demandes de duplicata (carte grise, CMI) / duplicata rules engine"
)]
struct Cli {
    /// Parameter file to use instead of the embedded reference parameters.
    #[arg(long, global = true, value_name = "FILE")]
    params: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate a request (a JSON file, or - for standard input).
    Evaluate {
        /// Request file, or - for standard input.
        input: String,
        /// Print the decision as JSON.
        #[arg(long, conflicts_with = "jsonl")]
        json: bool,
        /// Read one request per line and write one decision (or error) per line.
        #[arg(long)]
        jsonl: bool,
        /// Language of the summary.
        #[arg(long, value_enum, default_value_t = Lang::Fr)]
        lang: Lang,
    },
    /// The regional rate per CV in force for a department on a date.
    Rate {
        department: String,
        /// Date (YYYY-MM-DD).
        date: String,
        #[arg(long)]
        json: bool,
    },
    /// Read a registration number.
    Plate {
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Parameter files.
    Params {
        #[command(subcommand)]
        command: ParamsCommand,
    },
    /// Run a procedure step by step from a saved state file.
    Procedure {
        #[command(subcommand)]
        command: ProcedureCommand,
    },
}

#[derive(Subcommand)]
enum ParamsCommand {
    /// Check a parameter file and list every problem.
    Check {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Share of days with a known rate and clean-vehicle share, per zone and year; every gap and its reason.
    Coverage(coverage::Args),
}

#[derive(Subcommand)]
enum ProcedureCommand {
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

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    Fr,
    En,
}

/// Failures of the command line: invalid input (exit 2) or anything else (exit 1).
enum Failure {
    Input(Error),
    Other(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e.kind() {
            ErrorKind::Io | ErrorKind::Internal => Failure::Other(e.to_string()),
            _ => Failure::Input(e),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Other(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json_errors = wants_json(&cli.command);
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Input(e)) => {
            if json_errors {
                println!("{}", e.to_json());
            } else {
                eprintln!(
                    "erreur : {} [{}]{}",
                    e.message_fr(),
                    e.code(),
                    e.field().map(|f| format!(" ({f})")).unwrap_or_default()
                );
                eprintln!("error: {}", e.message_en());
                for p in e.problems() {
                    eprintln!(
                        "  ligne {}, colonne {} : {} [{}] {}",
                        p.line, p.column, p.path, p.code, p.message_fr
                    );
                }
            }
            ExitCode::from(2)
        }
        Err(Failure::Other(msg)) => {
            eprintln!("erreur / error: {msg}");
            ExitCode::from(1)
        }
    }
}

fn wants_json(c: &Command) -> bool {
    match c {
        Command::Evaluate { json, jsonl, .. } => *json || *jsonl,
        Command::Rate { json, .. } | Command::Plate { json, .. } => *json,
        Command::Params {
            command: ParamsCommand::Check { json, .. },
        } => *json,
        Command::Params {
            command: ParamsCommand::Coverage(args),
        } => args.json,
        Command::Procedure { .. } => true,
    }
}

fn engine(params: &Option<PathBuf>) -> Result<Engine, Failure> {
    Ok(match params {
        Some(path) => Engine::from_file(path)?,
        None => Engine::embedded()?,
    })
}

fn read_input(input: &str) -> Result<String, Failure> {
    let mut text = String::new();
    if input == "-" {
        io::stdin().read_to_string(&mut text)?;
    } else {
        text =
            std::fs::read_to_string(input).map_err(|e| Failure::Other(format!("{input}: {e}")))?;
    }
    Ok(text)
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Evaluate {
            input,
            json,
            jsonl,
            lang,
        } => {
            let engine = engine(&cli.params)?;
            if jsonl {
                return evaluate_lines(&engine, &input);
            }
            let decision = engine.evaluate_json(&read_input(&input)?)?;
            if json {
                println!("{}", decision.to_json_pretty());
            } else {
                print!("{}", summary::decision(&decision, matches!(lang, Lang::En)));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rate {
            department,
            date,
            json,
        } => {
            let engine = engine(&cli.params)?;
            let dept = Department::parse(&department).map_err(Failure::Input)?;
            let date = parse_date(&date)?;
            let answer = engine.rate(dept, date)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&answer)
                        .map_err(|e| Failure::Other(e.to_string()))?
                );
            } else {
                print!("{}", summary::rate(&answer));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Plate { number, json } => {
            let plate = duplicata_core::parse_plate(&number).map_err(|e| e.in_field("plate"))?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&plate).map_err(|e| Failure::Other(e.to_string()))?
                );
            } else {
                println!("{} ({})", plate.normalized(), plate.system.as_str());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Params {
            command: ParamsCommand::Check { file, json },
        } => params_check(&file, json),
        Command::Params {
            command: ParamsCommand::Coverage(args),
        } => coverage::run(&cli.params, &args),
        Command::Procedure { command } => procedure(&cli.params, command),
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, Failure> {
    s.parse().map_err(|_| {
        Failure::Input(Error::new(
            ErrorKind::InvalidRequest,
            "request.invalid_date",
            Some("date"),
            format!("« {s} » n'est pas une date (AAAA-MM-JJ)"),
            format!("'{s}' is not a date (YYYY-MM-DD)"),
        ))
    })
}

/// One request per line in, one decision or error per line out, in constant memory.
fn evaluate_lines(engine: &Engine, input: &str) -> Result<ExitCode, Failure> {
    let (reader, size): (Box<dyn BufRead>, Option<u64>) = if input == "-" {
        (
            Box::new(BufReader::with_capacity(1 << 16, io::stdin().lock())),
            None,
        )
    } else {
        let f = File::open(input).map_err(|e| Failure::Other(format!("{input}: {e}")))?;
        let size = f.metadata().ok().map(|m| m.len());
        (Box::new(BufReader::with_capacity(1 << 16, f)), size)
    };
    let progress = io::stderr().is_terminal();
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let (mut lines, mut invalid, mut bytes) = (0u64, 0u64, 0u64);
    for (i, line) in reader.lines().enumerate() {
        let line = line?;
        bytes += line.len() as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        lines += 1;
        match engine.evaluate_json(&line) {
            Ok(d) => out.write_all(d.to_json().as_bytes())?,
            Err(e) => {
                invalid += 1;
                let v = serde_json::json!({"line": i + 1, "error": e});
                out.write_all(v.to_string().as_bytes())?;
            }
        }
        out.write_all(b"\n")?;
        if progress && lines % 20_000 == 0 {
            match size {
                Some(total) if total > 0 => {
                    eprint!("\r{lines} requêtes ({} %)", bytes * 100 / total)
                }
                _ => eprint!("\r{lines} requêtes"),
            }
        }
    }
    out.flush()?;
    if progress {
        eprintln!("\r{lines} requêtes, {invalid} invalides");
    }
    Ok(if invalid > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn params_check(file: &Path, json: bool) -> Result<ExitCode, Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::Other(format!("{}: {e}", file.display())))?;
    match ParameterSet::from_toml(&text) {
        Ok(p) => {
            if json {
                let v = serde_json::json!({"valid": true, "name": p.name, "fingerprint": p.fingerprint,
                    "zones": p.zones.len(), "regions": p.regions.len(), "sources": p.sources.len()});
                println!("{v}");
            } else {
                println!("{} : valide / valid", file.display());
                println!(
                    "  {} ({}), {} zones, {} régions, {} sources",
                    p.name,
                    p.fingerprint,
                    p.zones.len(),
                    p.regions.len(),
                    p.sources.len()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if json {
                println!("{}", e.to_json());
            } else {
                println!(
                    "{} : {} problème(s) / problem(s)",
                    file.display(),
                    e.problems().len()
                );
                for p in e.problems() {
                    println!(
                        "  {}:{}:{}: [{}] {}",
                        file.display(),
                        p.line,
                        p.column,
                        p.code,
                        p.message_fr
                    );
                    println!("      {} — {}", p.path, p.message_en);
                }
            }
            Ok(ExitCode::from(2))
        }
    }
}

fn procedure(params: &Option<PathBuf>, command: ProcedureCommand) -> Result<ExitCode, Failure> {
    let engine = engine(params)?;
    match command {
        ProcedureCommand::Start { request, state } => {
            let req: Request = duplicata_core::from_json(&read_input(&request)?)?;
            let s = engine.procedure_start(&req)?;
            write_state(&state, &s)?;
            print_state(&s);
        }
        ProcedureCommand::Next { state } => print_state(&read_state(&state)?),
        ProcedureCommand::Apply { state, event } => {
            let current = read_state(&state)?;
            let text = match event.strip_prefix('@') {
                Some(path) => read_input(path)?,
                None => event,
            };
            let ev: Event = duplicata_core::from_json(&text)?;
            let next = engine.procedure_apply(&current, &ev)?;
            write_state(&state, &next)?;
            print_state(&next);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn read_state(path: &Path) -> Result<ProcedureState, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Other(format!("{}: {e}", path.display())))?;
    Ok(duplicata_core::from_json(&text).map_err(|e| e.in_field("state"))?)
}

/// Writes the state atomically: a reader never sees half a file.
fn write_state(path: &Path, state: &ProcedureState) -> Result<(), Failure> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, state.to_json())?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

fn print_state(s: &ProcedureState) {
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
    println!("{v}");
}
