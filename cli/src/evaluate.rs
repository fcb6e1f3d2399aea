//! `duplicata evaluate`: one request (a file or standard input), or one per line with `--jsonl`.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

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
    let decision = engine.evaluate_json(&input::read_request(&args.input, "input")?)?;
    if args.json {
        out.line(&decision.to_json_pretty())?;
    } else {
        out.text(&summary::decision(&decision, matches!(args.lang, Lang::En)))?;
    }
    Ok(ExitCode::SUCCESS)
}
