//! # duplicata-core
//!
//! The rules of the duplicata engine: for any date since the SIV opened (2009-04-15), who may ask
//! for a duplicata of a carte grise or of a carte mobilité inclusion, what it costs, which documents
//! are needed, what happens to the registration number, how long each paper is valid and how the
//! procedure runs, each answer explained by the rules, values and sources it used.
//!
//! The main types:
//! - [`Engine`]: built once from a [`ParameterSet`] (the embedded reference file or another one),
//!   immutable, `Send + Sync`; [`Engine::evaluate`] answers a [`Request`] with a [`Decision`].
//! - [`Engine::fees`], [`parse_plate`] and [`Engine::rate`]: the parts, directly, for hot paths.
//! - [`Error`]: a stable code, the field path and messages in French and English.
//! - [`procedure`]: the procedures as pure state machines over plain-data states and events.

//!
//! Rules live in code, each citing its text; amounts, rates, dates and default choices live in
//! `core/params/duplicata.toml`, each with its period, source and confidence.

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

pub mod carte_grise;
pub mod cmi;
pub mod contract;
mod engine;
pub mod error;
pub mod explain;
pub mod model;
pub mod params;
pub mod procedure;

// Former module paths, kept for the surfaces.
pub use carte_grise::{documents, eligibility, fees};
pub use contract::{decision, request};
pub use explain::trace;
pub use model::{department, money, plate};

pub use carte_grise::fees::memo::DateClasses;
pub use carte_grise::fees::{FeeBreakdown, FeeLine, FeeQuery, LineCode, LineStatus};
pub use contract::decision::{Decision, PlateOutcome};
pub use contract::json::{MAX_REQUEST_BYTES, from_json};
pub use contract::request::{
    Applicant, Category, Energy, HolderKind, ProcedureKind, Reason, Request,
};
pub use engine::{Engine, KnownRate, RateAnswer, RatePeriod};
pub use error::{Error, ErrorCode, ErrorKind, Problem};
pub use model::department::Department;
pub use model::money::{Confidence, Money, Share};
pub use model::plate::{Plate, PlateSystem, parse_plate};
pub use params::ParameterSet;

/// The library's version (one version for the whole workspace).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
