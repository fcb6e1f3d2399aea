//! `duplicata evaluate`: one request (a file or standard input), or one per line with `--jsonl`.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use duplicata_core::{Request, from_json};

use crate::date::parse_date;
use crate::failure::Failure;
use crate::output::Out;
use crate::{input, jsonl, summary};

#[derive(Args)]
pub(crate) struct EvaluateArgs {
    /// Request file, or - for standard input.
    input: String,
    /// Print the decision as JSON.
    #[arg(long, conflicts_with = "jsonl")]
    pub(crate) json: bool,
    /// Read one request per line and write one record per line: {"line": N, "decision"|"error"|"skipped": ...}.
    #[arg(long)]
    pub(crate) jsonl: bool,
    /// Answer with the parameters as they were known on this day (YYYY-MM-DD): the request's
    /// `as_known_on`, which this option sets or replaces.
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "jsonl")]
    as_known_on: Option<String>,
    /// Language of the summary.
    #[arg(long, value_enum, default_value_t = Lang::Fr)]
    lang: Lang,
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    Fr,
    En,
}

pub(crate) fn run(
    args: EvaluateArgs,
    ctx: &crate::Context,
    out: &mut Out,
) -> Result<ExitCode, Failure> {
    let engine = ctx.engine()?;
    if args.jsonl {
        return jsonl::run(&engine, &args.input, out);
    }
    let text = input::read_request(&args.input, "input")?;
    let decision = match &args.as_known_on {
        None => engine.evaluate_json(&text)?,
        Some(day) => {
            let day = parse_date(day, "as_known_on")?;
            let mut request: Request = from_json(&text)?;
            request.as_known_on = Some(day);
            engine.evaluate(&request)?
        }
    };
    if args.json {
        out.line(&decision.to_json_pretty())?;
    } else {
        out.text(&summary::decision(&decision, matches!(args.lang, Lang::En)))?;
    }
    Ok(ExitCode::SUCCESS)
}
