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

pub mod cmi;
pub mod coverage;
pub mod decision;
pub mod department;
pub mod documents;
pub mod eligibility;
mod engine;
pub mod error;
mod fastjson;
pub mod fees;
mod json;
pub mod money;
pub mod outcome;
pub mod params;
pub mod plate;
pub mod procedure;
pub mod request;
pub mod trace;

pub use decision::{Decision, PlateOutcome};
pub use department::Department;
pub use engine::{Engine, KnownRate, RateAnswer, RatePeriod};
pub use error::{Error, ErrorKind, Problem};
pub use fees::{FeeBreakdown, FeeLine, FeeQuery, LineCode};
pub use json::{MAX_REQUEST_BYTES, from_json};
pub use money::{Confidence, Money, Share};
pub use params::ParameterSet;
pub use plate::{Plate, PlateSystem, parse_plate};
pub use request::{Applicant, Category, Energy, HolderKind, ProcedureKind, Reason, Request};

/// The library's version (one version for the whole workspace).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
