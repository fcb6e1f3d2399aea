//! `duplicata params coverage [FILE]`: how much of the calendar a parameter file covers, per zone and
//! year, and every gap with its reason.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use duplicata_core::ParameterSet;
use duplicata_core::coverage::{Coverage, Tally, Unknown, YearTally, end_of_data, percent};

use crate::date::parse_date;
use crate::failure::Failure;
use crate::input;
use crate::output::Out;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Parameter file (default: the file given by --params, or the embedded reference parameters).
    file: Option<PathBuf>,
    /// Print the coverage as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    /// First day (default: the opening of the SIV, dates.siv_start).
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// Last day (default: 31 December of the year the file was published).
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
}

/// Exit 0, or 2 when a gap has no reason (a defect of the file).
pub(crate) fn run(
    params: Option<&PathBuf>,
    args: &Args,
    out: &mut Out,
) -> Result<ExitCode, Failure> {
    let set = match args.file.as_ref().or(params) {
        Some(path) => load(path)?,
        None => ParameterSet::embedded()?,
    };
    let from = match &args.from {
        Some(s) => parse_date(s, "from")?,
        None => set.dates.siv_start.date,
    };
    let to = match &args.to {
        Some(s) => parse_date(s, "to")?,
        None => end_of_data(&set),
    };
    let c = Coverage::between(&set, from, to);
    if args.json {
        let mut v = serde_json::to_value(&c).map_err(|e| Failure::Other(e.to_string()))?;
        v["parameter_set"] = serde_json::json!({"name": set.name, "fingerprint": set.fingerprint});
        v["gaps_without_reason"] = c.gaps_without_reason().count().into();
        out.line(&v.to_string())?;
    } else {
        out.text(&text(&set, &c))?;
    }
    Ok(if c.gaps_without_reason().next().is_some() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn load(path: &Path) -> Result<ParameterSet, Failure> {
    Ok(ParameterSet::from_toml(&input::read_params(path, "file")?)?)
}

/// Whole percent, truncated, right-aligned in 4 columns; blank when the zone does not exist that year.
/// Which count of a [`Tally`] a table shows.
type Part = fn(&Tally) -> u64;

fn cell(y: Option<&YearTally>, part: Part) -> String {
    match y {
        Some(y) if y.tally.days > 0 => format!("{:>4}", part(&y.tally) * 100 / y.tally.days),
        _ => "    ".to_owned(),
    }
}

fn text(set: &ParameterSet, c: &Coverage) -> String {
    let mut out = String::new();
    let t = &c.total;
    let w = &c.department_days;
    let _ = writeln!(
        out,
        "Couverture des paramètres / parameter coverage : {} ({})",
        set.name, set.fingerprint
    );
    let _ = writeln!(
        out,
        "Du {} au {} : {} zones, {} jours-zones / zone-days\n",
        c.from,
        c.to,
        c.zones.iter().filter(|z| z.total.days > 0).count(),
        t.days
    );
    let _ = writeln!(
        out,
        "Jours-zones couverts (taux et part véhicules propres connus) : {} %",
        percent(t.both_known, t.days)
    );
    let _ = writeln!(
        out,
        "  taux connu / rate known {} %, part véhicules propres connue / clean-vehicle share known {} %",
        percent(t.rate_known, t.days),
        percent(t.clean_known, t.days)
    );
    let _ = writeln!(
        out,
        "Jours-départements / department-days : les deux {} %, taux {} %, part {} %",
        percent(w.both_known, w.days),
        percent(w.rate_known, w.days),
        percent(w.clean_known, w.days)
    );
    let years: Vec<i32> = c.years.iter().map(|y| y.year).collect();
    let tables: [(&str, Part); 2] = [
        ("Taux connu, % des jours / rate known, % of days", |t| {
            t.rate_known
        }),
        (
            "Part véhicules propres connue, % des jours / clean-vehicle share known, % of days",
            |t| t.clean_known,
        ),
    ];
    for (title, part) in tables {
        let _ = writeln!(out, "\n{title}");
        let _ = write!(out, "{:<20}", "zone");
        for y in &years {
            let _ = write!(out, "  {:02}", y % 100);
        }
        out.push('\n');
        for z in c.zones.iter().filter(|z| z.total.days > 0) {
            let _ = write!(out, "{:<20}", z.zone);
            for y in &years {
                out.push_str(&cell(z.years.iter().find(|t| t.year == *y), part));
            }
            out.push('\n');
        }
        let _ = write!(out, "{:<20}", "toutes / all");
        for y in &c.years {
            out.push_str(&cell(Some(y), part));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\nLacunes / gaps : {}", c.gaps.len());
    for g in &c.gaps {
        let what = match g.unknown {
            Unknown::Rate => "taux / rate",
            Unknown::CleanExemption => "part / share",
        };
        let _ = writeln!(
            out,
            "  {:<20} {:<12} {} → {} {:>5} j  {}  [{}, ligne {}]",
            g.zone,
            what,
            g.from,
            g.to,
            g.days,
            g.reason.as_deref().unwrap_or("SANS RAISON / NO REASON"),
            g.source,
            g.line
        );
    }
    let blank = c.gaps_without_reason().count();
    if blank > 0 {
        let _ = writeln!(
            out,
            "\n{blank} lacune(s) sans raison : écrire unknown = \"pourquoi\" / {blank} gap(s) without a reason"
        );
    }
    out
}
