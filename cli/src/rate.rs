//! `duplicata rate DEPARTMENT DATE`: the regional rate per CV in force.

use std::process::ExitCode;

use clap::Args;
use duplicata_core::Department;

use crate::date::parse_date;
use crate::failure::Failure;
use crate::output::Out;
use crate::summary;

#[derive(Args)]
pub(crate) struct RateArgs {
    /// Department code (01–95, 2A, 2B, 971–974, 976).
    department: String,
    /// Date, exactly YYYY-MM-DD.
    date: String,
    /// The rate as the parameter file knew it on this day (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_known_on: Option<String>,
    #[arg(long)]
    pub(crate) json: bool,
}

pub(crate) fn run(
    args: RateArgs,
    ctx: &crate::Context,
    out: &mut Out,
) -> Result<ExitCode, Failure> {
    let mut engine = ctx.engine()?;
    if let Some(day) = &args.as_known_on {
        engine = engine.as_known_on(parse_date(day, "as_known_on")?)?;
    }
    let dept = Department::parse(&args.department).map_err(|e| e.in_field("department"))?;
    let date = parse_date(&args.date, "date")?;
    let answer = engine.rate(dept, date)?;
    if args.json {
        let text =
            serde_json::to_string_pretty(&answer).map_err(|e| Failure::Other(e.to_string()))?;
        out.line(&text)?;
    } else {
        out.text(&summary::rate(&answer))?;
    }
    Ok(ExitCode::SUCCESS)
}
