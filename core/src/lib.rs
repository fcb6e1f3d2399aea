/*!
This crate holds the rules of the duplicata engine: for any date since the SIV opened (2009-04-15),
who may ask for a duplicata of a carte grise or of a carte mobilité inclusion (CMI), what it costs,
which documents are needed, what happens to the registration number, how long each paper is valid
and how the procedure runs. Every answer is explained by the rules, values and sources it used.

Rules live in code, each citing its text; amounts, rates, dates and default choices live in
`core/params/duplicata.toml`, each with its period, source and confidence.

# Usage

Build one [`Engine`] (from the embedded parameters or another file) and share it between threads:
it is immutable, `Send + Sync` and cheap to clone.

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

# Errors

Every error is an [`Error`]: a stable code from the registry [`ErrorCode`] (documented in
`docs/errors.md`), the field path concerned, and a message in French and in English. Surfaces
print it as is ([`Error::to_json`]); they never rewrite it.

# Overview

- [`Engine`]: [`Engine::evaluate`] answers a [`Request`] with a [`Decision`];
  [`Engine::fees`], [`Engine::rate`] and [`parse_plate`] give the parts directly.
- [`procedure`]: the procedures as pure state machines over plain-data states and events
  ([`Engine::procedure_start`], [`Engine::procedure_apply`]).
- [`params`]: the parameter set, its dated series and its loader, which reports every problem of a
  file with its line and column.
- The rules by legal subject: the carte grise ([`eligibility`], [`documents`], [`fees`] and their
  legal regimes; validity and channel are reported in the [`Decision`]) and the [`cmi`].
- [`contract`]: the request and decision as the JSON contract names them (no rule lives there).
- Every contract enum ([`Category`], [`Energy`], [`Reason`], [`Applicant`], [`params::Regime`],
  …) has `ALL` and `code()`, the list and the names surfaces are tested against.
*/

#![warn(missing_docs)]

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

pub(crate) mod carte_grise;
pub mod cmi;
pub mod contract;
mod engine;
mod error;
pub(crate) mod explain;
pub(crate) mod model;
pub mod params;
pub mod procedure;

// Former module paths, kept for the surfaces.
pub use carte_grise::{documents, eligibility, fees};
pub use contract::{decision, request};
pub use explain::{era, trace};
pub use model::{department, money, plate};
pub use params::coverage;

pub use carte_grise::fees::memo::DateClasses;
pub use carte_grise::fees::{
    Bounds, FeeAlternative, FeeBreakdown, FeeLine, FeeQuery, LineCode, LineStatus, UnknownReason,
    Warning,
};
pub use contract::date::{DATE_CEILING, DATE_FLOOR, parse_date};
pub use contract::decision::{Decision, PlateOutcome};
pub use contract::json::{MAX_REQUEST_BYTES, from_json, read_request};
pub use contract::request::{
    Applicant, Category, Energy, HolderKind, ProcedureKind, Reason, Request,
};
pub use engine::{Engine, KnownRate, RateAnswer, RatePeriod};
pub use error::{Error, ErrorCode, ErrorKind, Problem};
pub use model::department::Department;
pub use model::money::{Confidence, Money, Share};
pub use model::plate::{Plate, PlateSystem, parse_plate, plate_system};
pub use params::{ParameterFile, ParameterSet};

/// The library's version (one version for the whole workspace).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
