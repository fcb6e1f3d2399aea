/*!
This crate holds the rules of the duplicata engine: for any date since the SIV opened (2009-04-15),
who may ask for a duplicata of a carte grise or of a carte mobilité inclusion (CMI), what it costs,
which documents are needed, what happens to the registration number, how long each paper is valid
and how the procedure runs. Every answer is explained by the rules, values and sources it used.

Rules live in code, each citing its text; amounts, rates, dates and default choices live in
`core/params/duplicata.toml`, each with its period, source and confidence.

# Overview

The primary type is [`Engine`]: built once from a [`ParameterSet`] (the embedded reference file,
another file, or the file as it was known on an earlier day), immutable, `Send + Sync` and cheap to
clone. Its methods are the whole API of the rules:

- [`Engine::evaluate`] (or [`Engine::evaluate_json`]) answers a [`Request`] with a [`Decision`]:
  eligibility, documents, fees, the registration number's outcome, validity, the procedure, and a
  trace of every rule and value used, with its source. [`Decision::to_json`] writes the contract's
  JSON.
- [`Engine::fees`] gives the fees alone for a [`FeeQuery`] (the fast path of the surfaces and of
  batches), [`Engine::rate`] the regional rate of a department on a day, [`parse_plate`] the reading
  of a registration number.
- [`Engine::procedure_start`] and [`Engine::procedure_apply`] run the procedures as pure state
  machines over a plain-data [`ProcedureState`] and [`Event`]s.
- [`ParameterSet`] and [`ParameterFile`] read, check, compare ([`diff`]) and edit parameter files;
  [`coverage`] reports which days and departments have known values; [`era`] holds the rule of
  dated sources and of the last review.

Every other public type is a part of those answers or inputs: the request's parts ([`Holder`],
[`Vehicle`], [`CmiRequest`], …), the decision's ([`Eligibility`], [`Document`], [`FeeBreakdown`],
[`ValidityItem`], [`ProcedureInfo`], [`TraceEntry`], …) and the parameter set's ([`Series`],
[`Period`], [`Zone`], [`Regime`], …). The modules of the crate are private: what is public is
named from the root, so a reorganisation of the rules moves no surface's `use` line.

# Usage

Build one [`Engine`] and share it between threads:

```
use duplicata_core::Engine;

let engine = Engine::embedded()?;
let decision = engine.evaluate_json(r#"{
    "procedure": "carte_grise_duplicata", "date": "2019-06-01", "reason": "loss",
    "holder": {"department": "33"},
    "vehicle": {"plate": "AB-123-CD", "category": "car", "energy": "petrol"}
}"#)?;
assert_eq!(decision.total().map(|t| t.to_string()), Some("47.76".to_string()));
assert!(decision.eligibility.eligible);
# Ok::<(), duplicata_core::Error>(())
```

# Example: fees only, fast

A surface that only needs the fees (a simulator, a batch) reads the fields once with
[`FeeQuery::from_fields`], which makes the checks [`Engine::evaluate`] makes on them (a
cyclomoteur number needs the `moped_le_50` category), then asks [`Engine::fees`]. Each line says
whether it is due, not due or unknown with [`FeeLine::status`].

```
use duplicata_core::{Category, Energy, Engine, FeeQuery, LineCode, LineStatus};

let engine = Engine::embedded()?;
let date = "2019-06-01".parse().expect("date");
let (query, _plate) =
    FeeQuery::from_fields(date, Some("33"), "AB-123-CD", Category::Car, Energy::Petrol)?;
let fees = engine.fees(&query)?;
assert_eq!(fees.total.map(|t| t.to_string()), Some("47.76".to_string()));
assert_eq!(fees.line(LineCode::Y1).status(), LineStatus::Due);

// A cyclomoteur number with a car category is refused, naming the field.
let err = FeeQuery::from_fields(date, None, "AB 123 C", Category::Car, Energy::Petrol).unwrap_err();
assert_eq!((err.code(), err.field()), ("request.inconsistent", Some("vehicle.category")));
# Ok::<(), duplicata_core::Error>(())
```

For batches, [`DateClasses::key`] gives equal keys to queries with equal fees, so that each key is
computed once.

# Example: a procedure, step by step

The host keeps the state (plain JSON); the engine says which events may come next and applies one,
returning a new state. An event that is not allowed is an error that lists the allowed ones.

```
use duplicata_core::{Engine, Event, MachineStep, Machine, Request};

let engine = Engine::embedded()?;
let request: Request = duplicata_core::from_json(r#"{
    "procedure": "carte_grise_duplicata", "date": "2023-06-01", "reason": "loss",
    "holder": {"department": "33"},
    "vehicle": {"plate": "AB-123-CD", "category": "car", "energy": "petrol"}
}"#)?;
let state = engine.procedure_start(&request)?;
assert_eq!((state.machine, state.step), (Machine::CarteGriseOnline, MachineStep::Start));
let state = engine.procedure_apply(&state, &Event::SignIn)?;
assert!(!state.allowed_events().is_empty());
# Ok::<(), duplicata_core::Error>(())
```

# Example: another parameter file

A file with any problem is refused as a whole, with every problem's code, path, line and column.

```
use duplicata_core::{DEFAULT_PARAMETERS, Engine};

let broken = DEFAULT_PARAMETERS.replacen("starts = ", "begins = ", 1);
let err = Engine::from_toml(&broken).unwrap_err();
assert_eq!(err.code(), "params.invalid");
assert!(err.problems().iter().any(|p| p.code == "params.unknown_key"));
```

# Errors

Every error is an [`Error`]: a stable code from the registry [`ErrorCode`] (documented in
`docs/errors.md`), the field path concerned, and a message in French and in English. Surfaces
print it as is ([`Error::to_json`]); they never rewrite it.

# Untrusted input

Requests and parameter files may come from anyone. A request is at most [`MAX_REQUEST_BYTES`], a
parameter file at most [`MAX_PARAMS_BYTES`]; dates lie between [`DATE_FLOOR`] and
[`DATE_CEILING`]; no input makes the engine panic (fuzzed: `fuzz/`), and nothing is truncated
silently: an input over a limit is an error naming the limit.

# Contract lists

Every contract enum ([`Category`], [`Energy`], [`Reason`], [`Applicant`], [`Regime`], …) has
`ALL` and `code()`, the list and the names the C header, the TypeScript types, the Python stubs and
the page are tested against.
*/

#![warn(missing_docs)]
#![warn(unnameable_types)]

/// Gives a plain enum of the contract its list and its contract names: `pub const ALL` (every
/// value, in contract order) and `code()` (the name the JSON contract uses). Both come from one
/// list, and `code()` matches exhaustively, so a variant without a name does not compile; a test
/// checks each name against the serde name (`core/tests/contract_names.rs`).
macro_rules! contract_names {
    ($ty:ident { $($v:ident => $code:literal),* $(,)? }) => {
        impl $ty {
            /// Every value, in contract order (surfaces are tested against this list).
            pub const ALL: &'static [Self] = &[$(Self::$v),*];

            /// The contract name, as in the JSON contract.
            #[must_use]
            pub const fn code(self) -> &'static str {
                match self { $(Self::$v => $code),* }
            }
        }
    };
}

mod carte_grise;
mod cmi;
mod contract;
mod engine;
mod error;
mod explain;
mod model;
mod params;
mod procedure;

// The public surface: every item a surface (C, Python, WebAssembly, the command line) or a test
// needs, named from the root. The modules themselves are private; `era`, `coverage` and `diff`
// are re-exported whole, as namespaces of functions and reports.

// The engine and its answers.
pub use engine::{Engine, KnownRate, RateAnswer, RatePeriod};

// The contract: the request, the decision and their parts.
pub use carte_grise::address::Proof;
pub use carte_grise::documents::Document;
pub use carte_grise::eras::{Coverage as SourceCoverage, Period as EraPeriod};
pub use contract::date::{
    DATE_CEILING, DATE_FLOOR, in_range as date_in_range, parse_date, strict as strict_date,
    strict_option as strict_date_option,
};
pub use contract::decision::{Decision, PlateOutcome};
pub use contract::json::{MAX_REQUEST_BYTES, from_json, read_request};
pub use contract::outcome::{
    Channel, CmiOutcome, Duration, DurationUnit, Eligibility, ProcedureInfo, Step as ProcedureStep,
    ValidityItem,
};
pub use contract::request::{
    Applicant, Category, CmiRequest, CmiTitle, DeliveryAddress, Energy, Heirs, Holder, HolderKind,
    Loss, Mandate, Mention, ProcedureKind, Reason, Request, RevocationMotive, Theft, TitleStatus,
    Vehicle,
};
pub use explain::notes::Note;
pub use explain::trace::{SourceRef, TraceEntry, TraceValue};

// The fee path.
pub use carte_grise::fees::memo::{DateClasses, KeyFields};
pub use carte_grise::fees::{
    Bounds, FeeAlternative, FeeBreakdown, FeeLine, FeeQuery, LineCode, LineRule, LineStatus,
    UnknownReason, Warning,
};

// The procedures as state machines.
pub use procedure::{
    Event, FilingChannel, Machine, PaymentMeans, ProcedureState, ReviewMessage, Step as MachineStep,
};

// Plain values: money, departments, registration numbers.
pub use model::department::{DEPARTMENT_CODES, Department};
pub use model::money::{Confidence, Money, Share};
pub use model::plate::{InlineStr, Plate, PlateSystem, parse_plate, plate_system};

// The parameter set.
pub use params::{
    Alternative, AlternativeRef, DEFAULT_PARAMETERS, HistoryEntry, KeyDate, KeyDates,
    MAX_PARAMS_BYTES, MetaId, OPEN_END, ParameterFile, ParameterSet, Period, ProfessionalRule,
    Rate, RateComponent, Regime, Region, Scalars, Series, Source, ValueMeta, WHAT_IF_SOURCE, Zone,
};
pub use params::{coverage, diff};

// Errors.
pub use error::{Error, ErrorCode, ErrorKind, Problem};

// Dated sources and the last review.
pub use explain::era;

/// The library's version (one version for the whole workspace).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
