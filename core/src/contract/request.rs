//! The request: what the applicant asks for, as the JSON contract names it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which procedure is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcedureKind {
    /// Duplicata of the certificat d'immatriculation (code de la route R322-10).
    CarteGriseDuplicata,
    /// Duplicata of a carte mobilité inclusion.
    CmiDuplicata,
    /// Second exemplaire of a CMI bearing the mention "stationnement".
    CmiSecondExemplaire,
}

impl ProcedureKind {
    /// The contract name (same as [`ProcedureKind::code`]).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.code()
    }
}

/// Why a duplicata is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The certificate was lost (perte).
    Loss,
    /// The certificate was stolen (vol): a theft declaration is needed.
    Theft,
    /// The certificate is damaged (détérioration).
    Damage,
}

/// Who files the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicant {
    /// The holder named on the certificate (the default).
    #[default]
    Holder,
    /// One of the co-holders named on the certificate.
    CoHolder,
    /// A third party holding the holder's mandate (cerfa 13757).
    MandateHolder,
    /// The parental authority of a minor holder (refused for an adult holder).
    LegalGuardian,
    /// The lessee of a vehicle whose holder is a leasing company.
    Lessee,
    /// An heir of a deceased holder.
    Heir,
    /// A motor-trade professional authorised in the SIV, acting for the holder.
    Professional,
}

impl Applicant {
    /// The contract name (same as [`Applicant::code`]).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.code()
    }
}

/// Who the certificate is in the name of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolderKind {
    /// A natural person (the default).
    #[default]
    Person,
    /// A company or other legal person (its Kbis replaces the identity document).
    Company,
    /// A leasing company, the vehicle being used by a lessee.
    LeasingCompany,
}

/// The holder of the certificate.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holder {
    /// Whether the holder is a person, a company or a leasing company.
    #[serde(default)]
    pub kind: HolderKind,
    /// Department of the holder's domicile (of the establishment for a company): it decides the
    /// regional rate (CGI art. 1599 octodecies; CIBS L421-43).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The holder is a minor (not emancipated).
    #[serde(default)]
    pub minor: bool,
    /// The holder has died (heirs apply).
    #[serde(default)]
    pub deceased: bool,
    /// A minor holder who is emancipated acts as an adult: the documents for a "mineur non
    /// émancipé" (service-public F1726, 2019-12-19 onwards, seed 002) do not apply.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub emancipated: bool,
}

impl Holder {
    /// A minor who is not emancipated: the parental authority signs (service-public F1726).
    #[must_use]
    pub fn minor_not_emancipated(&self) -> bool {
        self.minor && !self.emancipated
    }
}

/// The vehicle's category, as far as the fees and documents depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Passenger car (VP).
    Car,
    /// Light utility vehicle (CTTE).
    Utility,
    /// Motor caravan.
    Motorhome,
    /// Motorcycle over 125 cm³.
    Motorcycle,
    /// Vélomoteur or motorcycle up to 125 cm³ (1/4 CV until 2020).
    #[serde(rename = "motorcycle_le_125")]
    MotorcycleLe125,
    /// Two- or three-wheel cyclomoteur up to 50 cm³.
    #[serde(rename = "moped_le_50")]
    MopedLe50,
    /// Any other category (no rule of its own).
    Other,
}

impl Category {
    /// A motorcycle, vélomoteur or cyclomoteur (two or three wheels).
    #[must_use]
    pub fn is_two_or_three_wheeler(self) -> bool {
        matches!(
            self,
            Category::Motorcycle | Category::MotorcycleLe125 | Category::MopedLe50
        )
    }
}

/// The vehicle's energy (field P.3 of the certificate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Energy {
    /// Petrol (essence).
    Petrol,
    /// Diesel (gazole).
    Diesel,
    /// Electricity only.
    Electric,
    /// Hydrogen only.
    Hydrogen,
    /// Hybrid (electricity and a fuel).
    Hybrid,
    /// Liquefied petroleum gas (GPL).
    Lpg,
    /// Compressed natural gas (GNV).
    Cng,
    /// Superethanol E85.
    E85,
    /// Any other energy (no clean-vehicle exemption).
    Other,
}

impl Energy {
    /// Running exclusively on electricity and/or hydrogen ("véhicules propres", LF 2020).
    #[must_use]
    pub fn is_zero_emission(self) -> bool {
        matches!(self, Energy::Electric | Energy::Hydrogen)
    }
    /// Eligible to a regional clean-vehicle exemption (CGI art. 1599 novodecies A).
    #[must_use]
    pub fn is_clean(self) -> bool {
        matches!(
            self,
            Energy::Electric
                | Energy::Hydrogen
                | Energy::Hybrid
                | Energy::Lpg
                | Energy::Cng
                | Energy::E85
        )
    }
}

/// The vehicle concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vehicle {
    /// Registration number in any usual typing.
    pub plate: String,
    /// The vehicle's category (field J.1 of the certificate): decides the rate and the plate checks.
    pub category: Category,
    /// The vehicle's energy (field P.3): decides the regional clean-vehicle exemption.
    pub energy: Energy,
    /// Fiscal horsepower (CV); a duplicata pays 1 CV whatever it is, so it is only checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_power: Option<u32>,
    /// Date of first registration: over 4 years, a valid contrôle technique is required.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::contract::date::strict_option"
    )]
    pub first_registration: Option<NaiveDate>,
    /// The vehicle itself is declared stolen.
    #[serde(default)]
    pub stolen: bool,
}

/// What the applicant did about a theft of the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theft {
    /// A theft declaration was made to the police or gendarmerie.
    #[serde(default)]
    pub declared: bool,
    /// The theft happened abroad.
    #[serde(default)]
    pub abroad: bool,
    /// For a theft abroad: it was declared again in France on return.
    #[serde(default)]
    pub declared_in_france: bool,
    /// The theft is already recorded in the SIV (otherwise the request is held for review).
    #[serde(default)]
    pub recorded_in_siv: bool,
}

/// The mandate of a third party. A fact left out is not known: the answer is then eligible on
/// condition that it holds; a stated `false` refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mandate {
    /// A mandate (cerfa 13757) signed by the holder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<bool>,
    /// A copy of the holder's identity document (for a company holder: its Kbis under 2 years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_id: Option<bool>,
}

/// Heirs of a deceased holder (a fact left out is a condition, a stated `false` refuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heirs {
    /// A notary's attestation, or a death certificate and the heirs' attestation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_of_inheritance: Option<bool>,
    /// The other heirs' mandate to the heir who applies (or a sole heir).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandate_from_all_heirs: Option<bool>,
}

/// What happened to a lost certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Loss {
    /// The certificate was lost abroad (declared to the local police, then the steps in France:
    /// interieur.gouv.fr 2011-03-03, seed 004).
    #[serde(default)]
    pub abroad: bool,
}

/// A request for a duplicata. The same type carries the three procedures; each reads its own
/// fields and reports the missing ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Which procedure is asked for; it decides which other fields are read.
    pub procedure: ProcedureKind,
    /// Day of the request: every rule is taken as in force that day.
    #[serde(deserialize_with = "crate::contract::date::strict")]
    pub date: NaiveDate,
    /// Why the duplicata is needed (required for a carte-grise duplicata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// Who files the request (the holder when absent).
    #[serde(default)]
    pub applicant: Applicant,
    /// The holder named on the certificate.
    #[serde(default)]
    pub holder: Holder,
    /// The vehicle (required for a carte-grise duplicata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle: Option<Vehicle>,
    /// For a theft: what was declared, and where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theft: Option<Theft>,
    /// For a third party: the holder's mandate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandate: Option<Mandate>,
    /// For a deceased holder: what the heirs hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heirs: Option<Heirs>,
    /// For a loss: where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss: Option<Loss>,
    /// A change of address is asked at the same time.
    #[serde(default)]
    pub change_of_address: bool,
    /// The card was lost or destroyed in a natural disaster (intempéries).
    #[serde(default)]
    pub natural_disaster: bool,
    /// The CMI part of a CMI request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cmi: Option<CmiRequest>,
    /// Replay: answer with the parameters as they were known on this day (values corrected
    /// later are used as they then stood). Absent: what is known now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_known_on: Option<NaiveDate>,
}

impl Request {
    /// A carte-grise duplicata request for `plate`, filed by the holder, with the given vehicle data.
    #[must_use]
    pub fn carte_grise(
        date: NaiveDate,
        reason: Reason,
        department: &str,
        plate: &str,
        category: Category,
        energy: Energy,
    ) -> Self {
        Request {
            procedure: ProcedureKind::CarteGriseDuplicata,
            date,
            reason: Some(reason),
            applicant: Applicant::Holder,
            holder: Holder {
                department: Some(department.to_owned()),
                ..Holder::default()
            },
            vehicle: Some(Vehicle {
                plate: plate.to_owned(),
                category,
                energy,
                fiscal_power: None,
                first_registration: None,
                stolen: false,
            }),
            theft: None,
            mandate: None,
            heirs: None,
            loss: None,
            change_of_address: false,
            natural_disaster: false,
            cmi: None,
            as_known_on: None,
        }
    }
}

/// A mention borne by a CMI card (one card per mention).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mention {
    /// Carte mobilité inclusion, mention "invalidité".
    Invalidite,
    /// Carte mobilité inclusion, mention "priorité".
    Priorite,
    /// Carte mobilité inclusion, mention "stationnement" (the only one with a second exemplaire).
    Stationnement,
}

/// The state of a title in the CMI database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleStatus {
    /// The title is valid.
    Valid,
    /// The title was revoked (after a duplicata request, for instance).
    Revoked,
    /// The title's validity has ended.
    Expired,
}

/// One of the holder's CMI titles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CmiTitle {
    /// The title's number in the CMI database.
    pub number: String,
    /// The mention the card bears.
    pub mention: Mention,
    /// The title's state in the CMI database.
    pub status: TitleStatus,
    /// End of validity; absent for a title of unlimited duration.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::contract::date::strict_option"
    )]
    pub valid_until: Option<NaiveDate>,
    /// A duplicata was requested later for the same mention.
    #[serde(default)]
    pub later_duplicata_requested: bool,
}

/// The three revocation motives (the list is only in the guide's screenshots: the engine takes the
/// three events of the duplicata definition, perte, vol, destruction, medium confidence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevocationMotive {
    /// The card was lost (perte).
    Loss,
    /// The card was stolen (vol).
    Theft,
    /// The card was destroyed (destruction).
    Destruction,
}

/// The delivery address of the new card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryAddress {
    /// Name of the addressee (at most 38 characters, never truncated).
    pub name: String,
    /// Address line 1, required (at most 38 characters).
    pub line1: String,
    /// Address line 2, may be empty (at most 38 characters).
    #[serde(default)]
    pub line2: String,
    /// Address line 3, may be empty (at most 38 characters).
    #[serde(default)]
    pub line3: String,
    /// Address line 4, may be empty (at most 38 characters).
    #[serde(default)]
    pub line4: String,
    /// Postal code: required and checked for an address in France, optional abroad.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// City (at most 32 characters).
    pub city: String,
    /// Country (at most 38 characters; decides whether the postal code is required).
    pub country: String,
}

/// The CMI part of a request.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CmiRequest {
    /// The Conditions Générales d'Utilisation et de Délivrance were accepted.
    #[serde(default)]
    pub terms_accepted: bool,
    /// The holder's titles as the CMI database knows them.
    #[serde(default)]
    pub titles: Vec<CmiTitle>,
    /// Number of the title selected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_number: Option<String>,
    /// Further titles of the same order (one card per mention, so a lost wallet may hold two:
    /// "le récapitulatif de votre (vos) demande(s)", seed 000); each is checked as the first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_title_numbers: Vec<String>,
    /// Duplicata only: why the initial title is revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revocation_motive: Option<RevocationMotive>,
    /// "Je déclare sur l'honneur que les informations fournies ci-dessus sont exactes".
    #[serde(default)]
    pub sworn_statement: bool,
    /// Where the new card is sent (checked by the CMI address rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_address: Option<DeliveryAddress>,
    /// The card to replace is a former paper card (carte d'invalidité, de priorité or européenne de
    /// stationnement issued before 2017).
    #[serde(default)]
    pub former_card: bool,
}

contract_names!(ProcedureKind {
    CarteGriseDuplicata => "carte_grise_duplicata",
    CmiDuplicata => "cmi_duplicata",
    CmiSecondExemplaire => "cmi_second_exemplaire",
});
contract_names!(Reason { Loss => "loss", Theft => "theft", Damage => "damage" });
contract_names!(Applicant {
    Holder => "holder",
    CoHolder => "co_holder",
    MandateHolder => "mandate_holder",
    LegalGuardian => "legal_guardian",
    Lessee => "lessee",
    Heir => "heir",
    Professional => "professional",
});
contract_names!(HolderKind {
    Person => "person",
    Company => "company",
    LeasingCompany => "leasing_company",
});
contract_names!(Category {
    Car => "car",
    Utility => "utility",
    Motorhome => "motorhome",
    Motorcycle => "motorcycle",
    MotorcycleLe125 => "motorcycle_le_125",
    MopedLe50 => "moped_le_50",
    Other => "other",
});
contract_names!(Energy {
    Petrol => "petrol",
    Diesel => "diesel",
    Electric => "electric",
    Hydrogen => "hydrogen",
    Hybrid => "hybrid",
    Lpg => "lpg",
    Cng => "cng",
    E85 => "e85",
    Other => "other",
});
contract_names!(Mention {
    Invalidite => "invalidite",
    Priorite => "priorite",
    Stationnement => "stationnement",
});
contract_names!(TitleStatus { Valid => "valid", Revoked => "revoked", Expired => "expired" });
contract_names!(RevocationMotive {
    Loss => "loss",
    Theft => "theft",
    Destruction => "destruction",
});
