//! [`Engine`]: a parameter set compiled once, evaluated many times, from any number of threads.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use once_cell::sync::Lazy;
use serde::Serialize;

use crate::carte_grise::documents;
use crate::carte_grise::eligibility;
use crate::carte_grise::fees::explain::fee_trace;
use crate::carte_grise::fees::{self, FeeBreakdown, FeeQuery};
use crate::carte_grise::{channel, validity};
use crate::cmi;
use crate::contract::decision::{Decision, PlateOutcome};
use crate::contract::json;
use crate::contract::request::{ProcedureKind, Request};
use crate::error::{Error, ErrorKind};
use crate::explain::trace::{SourceRef, TraceEntry, TraceValue};
use crate::model::department::Department;
use crate::model::money::{Confidence, Money};
use crate::model::plate::{Plate, parse_plate};
use crate::params::{OPEN_END, ParameterSet, Rate, RateComponent};

static EMBEDDED: Lazy<Result<Engine, Error>> =
    Lazy::new(|| ParameterSet::embedded().map(Engine::new));

/// The rules engine. Built from a parameter set, immutable, `Send + Sync` and cheap to clone (an
/// `Arc`): share one engine between threads, and build a new one to change the parameters.
///
/// ```
/// use duplicata_core::Engine;
/// let engine = Engine::embedded()?;
/// let decision = engine.evaluate_json(r#"{
///     "procedure": "carte_grise_duplicata", "date": "2019-06-01", "reason": "loss",
///     "holder": {"department": "33"},
///     "vehicle": {"plate": "AB-123-CD", "category": "car", "energy": "petrol"}
/// }"#)?;
/// assert_eq!(decision.total().map(|t| t.to_string()), Some("47.76".to_string()));
/// # Ok::<(), duplicata_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    params: Arc<ParameterSet>,
    /// The fees of plain queries, by stretch of days (`carte_grise/fees/plain.rs`), made from
    /// `params` when the engine is built.
    plain: Arc<fees::PlainFees>,
    /// The first day of `plain` (one comparison sends an earlier date to the general path).
    plain_from: NaiveDate,
}

/// The answer of a regional-rate lookup.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateAnswer {
    /// The department asked about, as parsed.
    pub department: Department,
    /// The day asked about.
    pub date: NaiveDate,
    /// Code of the administrative region the department belongs to on that day.
    pub region: String,
    /// Name of that region.
    pub region_name: String,
    /// Code of the rate zone (the region, or a former region of a merged one).
    pub zone: String,
    /// Name of that zone.
    pub zone_name: String,
    /// `known` or `unknown` (a documented gap).
    pub status: &'static str,
    /// € per CV, every component included.
    pub rate: Option<Money>,
    /// The parts of the rate when there are several (regional tariff, IDFM majoration).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<RateComponent>,
    /// First day of the rate's period.
    pub period_from: NaiveDate,
    /// Last day of the rate's period (inclusive), `None` when open-ended.
    pub period_to: Option<NaiveDate>,
    /// How sure the rate is, as graded in the parameter file.
    pub confidence: Confidence,
    /// Source ids of the rate, as written in the parameter file.
    pub source: String,
    /// The titles of the cited sources.
    pub source_titles: Vec<String>,
    /// The parameter file's note on the rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For a gap: why no value is known, and the known values around it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown_reason: Option<String>,
    /// The last known rate before the gap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_before: Option<KnownRate>,
    /// The first known rate after the gap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_after: Option<KnownRate>,
}

/// A rate period borrowed from the parameters (see [`Engine::rate_period`]).
#[derive(Debug, Clone, Copy)]
pub struct RatePeriod<'e> {
    /// The rate zone the period belongs to.
    pub zone: &'e crate::params::Zone,
    /// The period of the zone's rate series in force on the day asked.
    pub period: &'e crate::params::Period<Rate>,
    /// How sure the rate is.
    pub confidence: Confidence,
}

impl RatePeriod<'_> {
    /// € per CV, every component included; `None` for a documented gap.
    #[must_use]
    pub fn per_cv(&self) -> Option<Money> {
        self.period.value.as_ref().map(|r| r.per_cv)
    }
    /// Last day of the period, `None` when open-ended.
    #[must_use]
    pub fn to(&self) -> Option<NaiveDate> {
        (self.period.to != OPEN_END).then_some(self.period.to)
    }
}

/// A known rate next to a gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnownRate {
    /// First day of the known period.
    pub from: NaiveDate,
    /// Last day of the known period (inclusive), `None` when open-ended.
    pub to: Option<NaiveDate>,
    /// € per CV, every component included.
    pub rate: Money,
}

impl Engine {
    /// An engine over a validated parameter set.
    #[must_use]
    pub fn new(params: ParameterSet) -> Self {
        let plain = fees::PlainFees::new(&params);
        Self {
            params: Arc::new(params),
            plain_from: plain.from(),
            plain: Arc::new(plain),
        }
    }

    /// An engine over the embedded reference parameters (read once per process).
    ///
    /// # Errors
    ///
    /// `params.invalid` if the embedded file were refused (a build of the crate checks it: it is
    /// not).
    pub fn embedded() -> Result<Self, Error> {
        EMBEDDED.clone()
    }

    /// An engine over a parameter file's text; every problem of a bad file is in the error.
    ///
    /// # Errors
    ///
    /// `params.invalid`, with every problem of the file ([`Error::problems`]).
    pub fn from_toml(text: &str) -> Result<Self, Error> {
        ParameterSet::from_toml(text).map(Self::new)
    }

    /// An engine over a parameter file.
    ///
    /// # Errors
    ///
    /// `io.read` when the file cannot be read; `request.too_large` over 4 MiB (no more is read);
    /// `params.invalid` as [`Engine::from_bytes`].
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, Error> {
        use std::io::Read;
        let path = path.as_ref();
        let io = |e: std::io::Error| {
            Error::new(
                ErrorKind::Io,
                "io.read",
                None,
                format!("lecture impossible de « {} » : {e}", path.display()),
                format!("cannot read '{}': {e}", path.display()),
            )
        };
        // Read at most one byte past the limit, whatever the file is (a pipe, /dev/zero).
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .map_err(io)?
            .take(crate::params::MAX_PARAMS_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        Self::from_bytes(&bytes)
    }

    /// An engine over a parameter file's bytes (see [`ParameterSet::from_bytes`]).
    ///
    /// # Errors
    ///
    /// `request.too_large` over 4 MiB; `params.invalid` with every problem, bytes that are not
    /// UTF-8 included (with their line and column).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        ParameterSet::from_bytes(bytes).map(Self::new)
    }

    /// An engine over the parameters as they were known on `day` (a view built when the file was
    /// read: no copy): every call answers as the file stood that day.
    ///
    /// # Errors
    ///
    /// `request.date_out_of_range` (field `as_known_on`) for a day before the file records
    /// anything ([`ParameterSet::known_since`]).
    pub fn as_known_on(&self, day: NaiveDate) -> Result<Engine, Error> {
        Ok(match self.params.view_on(day)? {
            // An earlier view takes the general fee path (no table made for a view).
            Some(view) => Engine {
                params: Arc::clone(view),
                plain: Arc::default(),
                plain_from: NaiveDate::MAX,
            },
            None => self.clone(),
        })
    }

    /// The parameter set the engine evaluates with.
    #[must_use]
    pub fn params(&self) -> &ParameterSet {
        &self.params
    }

    /// `sha256:` digest of the parameter file the engine was built from.
    #[must_use]
    pub fn fingerprint(&self) -> &str {
        &self.params.fingerprint
    }

    /// Reads a JSON request and evaluates it.
    ///
    /// # Errors
    ///
    /// Those of [`from_json`](crate::from_json) for the text, then those of [`Engine::evaluate`].
    pub fn evaluate_json(&self, request: &str) -> Result<Decision, Error> {
        let req = json::read_request(request)?;
        self.evaluate(&req)
    }

    /// Evaluates a request: eligibility, fees, plate, documents, validity, procedure and trace.
    ///
    /// # Errors
    ///
    /// `request.missing_field` (`reason`, `vehicle`, `cmi`…), `request.date_out_of_range`,
    /// `plate.*`, `department.unknown`, `request.inconsistent` or `request.invalid_value`, naming
    /// the field; `cmi.address.*` for a CMI delivery address.
    pub fn evaluate(&self, req: &Request) -> Result<Decision, Error> {
        match req.as_known_on {
            None => self.evaluate_in_force(req),
            Some(day) => self.replay(req, day),
        }
    }

    /// Evaluates a request with the parameters as they were known on `day` (the view is built
    /// once, when the file is read); the decision records the day.
    fn replay(&self, req: &Request, day: NaiveDate) -> Result<Decision, Error> {
        let mut decision = self.as_known_on(day)?.evaluate_in_force(req)?;
        decision.as_known_on = Some(day);
        Ok(decision)
    }

    fn evaluate_in_force(&self, req: &Request) -> Result<Decision, Error> {
        let p = &*self.params;
        // A request built in code did not go through the reader: its dates are checked here too.
        crate::contract::date::check_date(req.date, "date")?;
        crate::contract::consistency::check(req)?;
        if req.date < p.dates.siv_start.date {
            return Err(Error::new(
                ErrorKind::DateOutOfRange,
                "request.date_out_of_range",
                Some("date"),
                format!(
                    "le moteur répond à partir de l'ouverture du SIV, le {}",
                    p.dates.siv_start.date
                ),
                format!(
                    "the engine answers from the opening of the SIV, on {}",
                    p.dates.siv_start.date
                ),
            ));
        }
        match req.procedure {
            ProcedureKind::CarteGriseDuplicata => self.carte_grise(req),
            ProcedureKind::CmiDuplicata | ProcedureKind::CmiSecondExemplaire => self.cmi(req),
        }
    }

    fn carte_grise(&self, req: &Request) -> Result<Decision, Error> {
        let p = &*self.params;
        if req.reason.is_none() {
            return Err(Error::missing_field("reason"));
        }
        let vehicle = req
            .vehicle
            .as_ref()
            .ok_or_else(|| Error::missing_field("vehicle"))?;
        let (mut query, plate) = FeeQuery::from_fields(
            req.date,
            req.holder.department.as_deref(),
            &vehicle.plate,
            vehicle.category,
            vehicle.energy,
        )?;
        query.change_of_address = req.change_of_address;
        query.natural_disaster = req.natural_disaster;
        if let Some(cv) = vehicle.fiscal_power {
            if !(1..=999).contains(&cv) {
                return Err(Error::invalid_request(
                    "request.invalid_value",
                    "vehicle.fiscal_power",
                    format!("puissance fiscale {cv} hors de 1 à 999 CV"),
                    format!("fiscal power {cv} outside 1 to 999 CV"),
                ));
            }
        }
        if let Some(first) = vehicle.first_registration {
            crate::contract::date::check_date(first, "vehicle.first_registration")?;
        }
        let fees = fees::compute(p, &query)?;
        let eligibility = eligibility::decide(p, req, Some(plate.system));
        let documents = documents::checklist(p, req);
        let validity = validity::validity(p, req, fees.conversion);
        let procedure = channel::procedure(p, req);

        let mut trace = Vec::with_capacity(12);
        trace.push(
            TraceEntry::new(
                "plate.system",
                "système d'immatriculation du numéro ; un numéro FNI est converti au SIV par le duplicata",
                "numbering system of the number; an FNI number is converted to SIV by the duplicata",
                SourceRef::Param(p.dates.fni_conversion_start.meta),
                Confidence::High,
            )
            .values([
                ("system", TraceValue::Text(plate.system.as_str())),
                ("conversion", TraceValue::Bool(fees.conversion)),
            ]),
        );
        fee_trace(p, &fees, &mut trace);
        trace.push(
            TraceEntry::new(
                "procedure.channel",
                "guichet ou courrier avant la date du tout en ligne (online_only_from), uniquement en ligne ensuite",
                "counter or post before the online-only date (online_only_from), online only afterwards",
                SourceRef::Param(p.dates.online_only_start.meta),
                p.meta(p.dates.online_only_start.meta).confidence,
            )
            .values([(
                "online_only_from",
                TraceValue::Date(p.dates.online_only_start.date),
            )]),
        );
        trace.push(
            TraceEntry::new(
                "eligibility.applicant",
                "qui peut demander le duplicata",
                "who may apply for the duplicata",
                SourceRef::Param(p.dates.co_holder_and_mandate_start.meta),
                eligibility.confidence,
            )
            .values([("eligible", TraceValue::Bool(eligibility.eligible))]),
        );
        Ok(Decision {
            params: Arc::clone(&self.params),
            procedure_kind: req.procedure,
            date: req.date,
            eligibility,
            fees: Some(fees),
            alternatives: fees::alternatives(p, &query, &fees),
            warnings: fees::warnings(p, &fees),
            plate: Some(PlateOutcome::new(&plate, fees.conversion)),
            documents,
            validity,
            procedure: Some(procedure),
            cmi: None,
            trace,
            as_known_on: None,
        })
    }

    fn cmi(&self, req: &Request) -> Result<Decision, Error> {
        let parts = cmi::evaluate(&self.params, req)?;
        Ok(Decision {
            params: Arc::clone(&self.params),
            procedure_kind: req.procedure,
            date: req.date,
            eligibility: parts.eligibility,
            fees: None,
            alternatives: Vec::new(),
            warnings: Vec::new(),
            plate: None,
            documents: Vec::new(),
            validity: parts.validity,
            procedure: Some(if req.procedure == ProcedureKind::CmiSecondExemplaire {
                &cmi::PROCEDURE_SECOND
            } else {
                &cmi::PROCEDURE
            }),
            cmi: Some(parts.outcome),
            trace: parts.trace,
            as_known_on: None,
        })
    }

    /// The fees of a carte-grise duplicata only: the fast path (no allocation).
    ///
    /// # Errors
    ///
    /// `request.date_out_of_range` for a date before the SIV opened or before the parameter set
    /// starts; `params.unknown_value` when a value the rules need is a gap of the parameters (a
    /// bug of the rules, the request is not at fault); `holder.department` missing
    /// (`request.missing_field`) when Y1 is due and the query has no department.
    pub fn fees(&self, query: &FeeQuery) -> Result<FeeBreakdown, Error> {
        // A plain query on a day of the table (from 2021): its answer, worked out when the
        // engine was built (`carte_grise/fees/plain.rs`).
        if query.date >= self.plain_from {
            return self.fees_from_table(query);
        }
        if query.date < self.params.dates.siv_start.date {
            return Err(fees::out_of_range(
                query.date,
                self.params.dates.siv_start.date,
            ));
        }
        fees::compute(&self.params, query)
    }

    /// [`Engine::fees`] on a day of the table of plain queries (after the SIV's start): the
    /// table's answer, or [`fees::compute`] for a query the table does not answer. Out of line,
    /// so that the path of earlier dates pays one comparison for it.
    #[inline(never)]
    fn fees_from_table(&self, query: &FeeQuery) -> Result<FeeBreakdown, Error> {
        match self.plain.get(query) {
            Some(f) => Ok(f),
            None => fees::compute(&self.params, query),
        }
    }

    /// Starts the procedure that applies to the request on its date.
    ///
    /// # Errors
    ///
    /// The errors of [`Engine::evaluate`] for the same request (the request is evaluated first),
    /// or `procedure.not_eligible` when `evaluate` answers it as not eligible. A CMI request may
    /// leave out what the portal's pages collect (terms, title, motive, sworn statement).
    pub fn procedure_start(
        &self,
        request: &Request,
    ) -> Result<crate::procedure::ProcedureState, Error> {
        let decision = self.evaluate(request)?;
        let el = &decision.eligibility;
        let blocking: Vec<&str> = el
            .reasons
            .iter()
            .map(|r| r.code)
            .filter(|code| {
                request.procedure == ProcedureKind::CarteGriseDuplicata
                    || !cmi::COLLECTED_BY_THE_PORTAL.contains(code)
            })
            .collect();
        if !blocking.is_empty() {
            let list = blocking.join(", ");
            return Err(Error::new(
                ErrorKind::EventNotAllowed,
                "procedure.not_eligible",
                Some("eligibility"),
                format!(
                    "la demande n'est pas recevable ({list}) : voir eligibility.reasons de evaluate"
                ),
                format!(
                    "the request is not eligible ({list}): see eligibility.reasons of evaluate"
                ),
            ));
        }
        crate::procedure::start(&self.params, request)
    }

    /// Applies an event to a saved procedure state; the given state is left unchanged.
    ///
    /// # Errors
    ///
    /// `procedure.event_not_allowed` (with the allowed events) or another `procedure.*` / `cmi.*`
    /// code when the event's data are refused; the given state is unchanged.
    pub fn procedure_apply(
        &self,
        state: &crate::procedure::ProcedureState,
        event: &crate::procedure::Event,
    ) -> Result<crate::procedure::ProcedureState, Error> {
        crate::procedure::apply(&self.params, state, event)
    }

    /// Reads a registration number (see [`parse_plate`]).
    ///
    /// # Errors
    ///
    /// The `plate.*` codes of [`parse_plate`](crate::parse_plate).
    pub fn parse_plate(&self, input: &str) -> Result<Plate, Error> {
        parse_plate(input)
    }

    /// The rate period in force for `department` on `date`, borrowed from the parameters: the
    /// allocation-free form of [`Engine::rate`] (`value` is `None` for a documented gap).
    ///
    /// # Errors
    ///
    /// `request.date_out_of_range` for a date before the SIV opened (2009-04-15) or outside the parameters' periods.
    pub fn rate_period(
        &self,
        department: Department,
        date: NaiveDate,
    ) -> Result<RatePeriod<'_>, Error> {
        let p = &*self.params;
        // The engine answers from the first day of the SIV (dates.siv_start: SP-F17638-2020, facts.md
        // §3.2), as evaluate does; the rate series start on 2009-01-01, the first day of their period.
        let siv_start = p.dates.siv_start.date;
        if date < siv_start {
            return Err(fees::out_of_range(date, siv_start));
        }
        let (_, zone) = fees::zone_at(p, department, date)?;
        let period = zone
            .rates
            .at(date)
            .ok_or_else(|| fees::out_of_range(date, zone.from))?;
        let confidence = if period.value.is_some() {
            p.meta(period.meta).confidence
        } else {
            Confidence::Low
        };
        Ok(RatePeriod {
            zone,
            period,
            confidence,
        })
    }

    /// The regional rate per CV in force for `department` on `date`, or an explicit "unknown".
    ///
    /// # Errors
    ///
    /// `request.date_out_of_range` for a date before the SIV opened (2009-04-15) or outside the parameters' periods.
    pub fn rate(&self, department: Department, date: NaiveDate) -> Result<RateAnswer, Error> {
        let p = &*self.params;
        // The engine answers from the first day of the SIV (dates.siv_start: SP-F17638-2020, facts.md
        // §3.2), as evaluate does; the rate series start on 2009-01-01, the first day of their period.
        let siv_start = p.dates.siv_start.date;
        if date < siv_start {
            return Err(fees::out_of_range(date, siv_start));
        }
        let (_, zone) = fees::zone_at(p, department, date)?;
        let region = p.region_at(department, date);
        let period = zone
            .rates
            .at(date)
            .ok_or_else(|| fees::out_of_range(date, zone.from))?;
        let meta = p.meta(period.meta);
        let titles = meta
            .source
            .split(',')
            .map(str::trim)
            .filter_map(|id| p.source(id).map(|s| format!("{id}: {}", s.title)))
            .collect();
        let known = |q: &crate::params::Period<Rate>| KnownRate {
            from: q.from,
            to: (q.to != OPEN_END).then_some(q.to),
            rate: q.value.as_ref().map_or(Money::ZERO, |r| r.per_cv),
        };
        let (before, after) = if period.value.is_none() {
            zone.rates.known_around(date)
        } else {
            (None, None)
        };
        Ok(RateAnswer {
            department,
            date,
            region: region.map_or_else(String::new, |r| r.code.clone()),
            region_name: region.map_or_else(String::new, |r| r.name.clone()),
            zone: zone.code.clone(),
            zone_name: zone.name.clone(),
            status: if period.value.is_some() {
                "known"
            } else {
                "unknown"
            },
            rate: period.value.as_ref().map(|r| r.per_cv),
            components: period
                .value
                .as_ref()
                .map_or_else(Vec::new, |r| r.components.clone()),
            period_from: period.from,
            period_to: (period.to != OPEN_END).then_some(period.to),
            confidence: if period.value.is_some() {
                meta.confidence
            } else {
                Confidence::Low
            },
            source: meta.source.clone(),
            source_titles: titles,
            note: meta.note.clone(),
            unknown_reason: period.unknown.clone(),
            known_before: before.map(known),
            known_after: after.map(known),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn engine_is_send_and_sync() {
        assert_send_sync::<Engine>();
        assert_send_sync::<Decision>();
    }
}
