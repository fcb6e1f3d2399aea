//! `duplicata plate NUMBER`: read a registration number.

use std::process::ExitCode;

use clap::Args;

use crate::failure::Failure;
use crate::output::Out;

#[derive(Args)]
pub(crate) struct PlateArgs {
    number: String,
    #[arg(long)]
    pub(crate) json: bool,
}

pub(crate) fn run(args: PlateArgs, out: &mut Out) -> Result<ExitCode, Failure> {
    let plate = duplicata_core::parse_plate(&args.number).map_err(|e| e.in_field("plate"))?;
    if args.json {
        out.line(&serde_json::to_string(&plate).map_err(|e| Failure::Other(e.to_string()))?)?;
    } else {
        out.line(&format!(
            "{} ({})",
            plate.normalized(),
            plate.system.as_str()
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
