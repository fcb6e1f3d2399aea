//! The one table of the dated series the engine reads: each series' key in the parameter file,
//! its field of [`Scalars`], its type, and whether it starts with the CMI (`cmi_start`) rather than
//! with the file. The struct, the list of keys the loader accepts, the loader's reading and the
//! spans the batch memo counts as boundaries all come from this table.

use chrono::NaiveDate;

use super::model::{MetaId, ProfessionalRule, Regime, Series};
use crate::model::money::{Confidence, Money, Share};

/// Reads one series of the table (implemented by the loader).
pub(super) trait SeriesReader {
    /// The series of `key`, with values read as `T`; `None` (a problem recorded) when it is refused.
    fn read<T: FromParam>(&mut self, key: &'static str, from_cmi_start: bool) -> Option<Series<T>>;
}

/// A value type of the parameter file, read from its text form.
pub(super) trait FromParam: Sized {
    /// The value of a text, `None` when it is not one.
    fn from_param(s: &str) -> Option<Self>;
    /// Whether the value lies within the documented range of the series `key` (see the loader).
    fn in_range(&self, _key: &str) -> bool {
        true
    }
}

/// A value type of the parameter file, written back as its text form.
pub(crate) trait ToParam {
    fn to_param(&self) -> String;
}

macro_rules! to_param {
    ($($t:ty => $f:expr),* $(,)?) => {
        $( impl ToParam for $t {
            fn to_param(&self) -> String {
                let f: fn(&$t) -> String = $f;
                f(self)
            }
        } )*
    };
}

to_param! {
    Money => |v| v.to_string(),
    Share => |v| v.to_string(),
    Confidence => |v| v.to_string(),
    bool => |v| v.to_string(),
    u32 => |v| v.to_string(),
    Regime => |v| v.code().to_owned(),
    ProfessionalRule => |v| v.code().to_owned(),
}

macro_rules! series_table {
    ($( $(#[$doc:meta])* $field:ident: $ty:ty = $key:literal $(, $cmi:ident)?; )*) => {
        /// The dated scalar values the engine needs, one field per series of the file.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Scalars {
            $( $(#[$doc])* pub $field: Series<$ty>, )*
        }

        /// The keys of the dated series the engine reads, in the order of [`Scalars`].
        pub(super) const SERIES_KEYS: &[&str] = &[$($key),*];

        /// For a class of days (`params/days.rs`): the index of the period in force of every
        /// series, one field per field of [`Scalars`] ([`Series::index_at`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) struct InForce {
            $( pub(crate) $field: u8, )*
        }

        impl Scalars {
            /// The index of the period of every series in force on `date`.
            pub(crate) fn in_force(&self, date: NaiveDate) -> InForce {
                InForce { $( $field: self.$field.index_at(date), )* }
            }

            /// Every period of every series, as its key, first and last day.
            #[must_use]
            pub fn spans(&self) -> Vec<(&'static str, NaiveDate, NaiveDate)> {
                let mut out = Vec::new();
                $( out.extend(self.$field.periods.iter().map(|p| ($key, p.from, p.to))); )*
                out
            }

            /// Every series as its key and its periods written as text (for a comparison of files).
            pub(crate) fn texts(&self) -> Vec<(&'static str, Vec<(NaiveDate, NaiveDate, Option<String>, Option<String>, super::model::MetaId)>)> {
                vec![$( ($key, self.$field.periods.iter().map(|p| (p.from, p.to, p.value.as_ref().map(ToParam::to_param), p.unknown.clone(), p.meta)).collect()), )*]
}

            /// Replaces the value of the period whose metadata is `meta` by `text`, read as the
            /// series' type: `None` when no period of the table has that metadata, `Some(false)`
            /// when the text is not a value of that type.
            pub(super) fn set_text(&mut self, meta: MetaId, text: &str) -> Option<bool> {
                $(
                    if let Some(p) = self.$field.periods.iter_mut().find(|p| p.meta == meta) {
                        return Some(match <$ty as FromParam>::from_param(text) {
                            Some(v) => {
                                p.value = Some(v);
                                p.unknown = None;
                                true
                            }
                            None => false,
                        });
                    }
                )*
                None
            }

            /// Whether `text` is a value of the type of the series holding the period whose
            /// metadata is `meta` (`None` when no period of the table has it).
            pub(super) fn check_text(&self, meta: MetaId, text: &str) -> Option<bool> {
                $(
                    if self.$field.periods.iter().any(|p| p.meta == meta) {
                        return Some(<$ty as FromParam>::from_param(text).is_some());
                    }
                )*
                None
            }

            /// Reads every series (all of them, so that every problem is reported), then the set.
            pub(super) fn read(r: &mut impl SeriesReader) -> Option<Scalars> {
                $( let $field = r.read::<$ty>($key, series_table!(@cmi $($cmi)?)); )*
                Some(Scalars { $( $field: $field?, )* })
            }
        }
    };
    (@cmi cmi) => { true };
    (@cmi) => { false };
}

series_table! {
    /// The legal regime of the fees (`cgi`, `taxe_fixe_2021`, `cibs`).
    regime: Regime = "fees.regime";
    /// Y4: taxe de gestion, then taxe fixe.
    y4_amount: Money = "y4.amount";
    /// Y5: redevance d'acheminement.
    y5_amount: Money = "y5.amount";
    /// The confidence of Y5 on the day its amount changed.
    y5_first_day_confidence: Confidence = "y5.first_day_confidence";
    /// The share of one CV due for a two-wheeler up to 125 cm³.
    two_wheeler_le_125_share: Share = "y1.two_wheeler_le_125_share";
    /// The national exemption of electric and hydrogen vehicles.
    national_ev_h2_exemption: Share = "exemption.national_ev_h2";
    /// Y4 due in full under a partial regional exemption.
    y4_due_under_partial_exemption: bool = "y4.due_under_partial_exemption";
    /// Y4 due on an FNI → SIV conversion.
    y4_due_on_fni_conversion: bool = "y4.due_on_fni_conversion";
    /// Y4 due for a cyclomoteur.
    y4_due_on_moped: bool = "y4.due_on_moped";
    /// Y1 and Y4 not due after a natural disaster.
    natural_disaster_dispensed: bool = "y1_y4.natural_disaster_dispensed";
    /// With a change of address at the same time, only the highest event is charged.
    highest_event_only: bool = "fees.highest_event_only";
    /// Validity of the CPI, in months.
    cpi_months: u32 = "validity.cpi_months";
    /// Validity of the declaration as a driving permit, in months.
    declaration_months: u32 = "validity.declaration_months";
    /// How long the damaged card is kept, in years.
    damaged_card_retention_years: u32 = "validity.damaged_card_retention_years";
    /// Age from which a valid contrôle technique is required, in years.
    technical_inspection_age_years: u32 = "documents.technical_inspection_age_years";
    /// Largest age of a Kbis extract, in years.
    kbis_max_age_years: u32 = "documents.kbis_max_age_years";
    /// Largest age of a proof of address, in months.
    address_proof_max_age_months: u32 = "documents.address_proof_max_age_months";
    /// Who may file as a professional.
    professional: ProfessionalRule = "eligibility.professional";
    /// The price of a CMI duplicata or second exemplaire.
    cmi_fee: Money = "cmi.fee", cmi;
    /// Validity of the CMI attestation of request, in months.
    cmi_attestation_months: u32 = "cmi.attestation_months", cmi;
}
