//! The keys of the dated series the engine reads.

/// The dated series the engine reads.
pub(super) const SERIES_KEYS: [&str; 20] = [
    "fees.regime",
    "y4.amount",
    "y5.amount",
    "y5.first_day_confidence",
    "y1.two_wheeler_le_125_share",
    "exemption.national_ev_h2",
    "y4.due_under_partial_exemption",
    "y4.due_on_fni_conversion",
    "y4.due_on_moped",
    "y1_y4.natural_disaster_dispensed",
    "fees.highest_event_only",
    "validity.cpi_months",
    "validity.declaration_months",
    "validity.damaged_card_retention_years",
    "documents.technical_inspection_age_years",
    "documents.kbis_max_age_years",
    "documents.address_proof_max_age_months",
    "eligibility.professional",
    "cmi.fee",
    "cmi.attestation_months",
];
