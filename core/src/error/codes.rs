//! The registry of error codes: one entry per stable code, with its kind, the field it always
//! concerns (when it is fixed) and a message in French and in English. `docs/errors.md` documents
//! exactly these codes (a test compares both lists and the codes the sources use).

use super::ErrorKind;

macro_rules! codes {
    ($(
        $(#[$doc:meta])*
        $name:ident = $code:literal, $kind:ident, $field:expr, $fr:literal, $en:literal;
    )*) => {
        /// A stable error code. [`ErrorCode::code`] is the contract name (`plate.invalid_format`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[$doc])* $name, )*
        }

        impl ErrorCode {
            /// Every code, in the order of `docs/errors.md`.
            pub const ALL: &'static [Self] = &[$(Self::$name),*];

            /// The contract name, e.g. `plate.invalid_format`.
            #[must_use]
            pub const fn code(self) -> &'static str {
                match self { $(Self::$name => $code),* }
            }

            /// The broad class of the code.
            #[must_use]
            pub const fn kind(self) -> ErrorKind {
                match self { $(Self::$name => ErrorKind::$kind),* }
            }

            /// The field the code always concerns, when it is fixed (`None` when the raiser names it).
            #[must_use]
            pub const fn field(self) -> Option<&'static str> {
                match self { $(Self::$name => $field),* }
            }

            /// The code's general message in French (a raiser may give a more precise one).
            #[must_use]
            pub const fn message_fr(self) -> &'static str {
                match self { $(Self::$name => $fr),* }
            }

            /// The code's general message in English (a raiser may give a more precise one).
            #[must_use]
            pub const fn message_en(self) -> &'static str {
                match self { $(Self::$name => $en),* }
            }

            /// The code of a contract name, if it is one.
            #[must_use]
            pub fn parse(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.code() == code)
            }
        }
    };
}

codes! {
    /// The text is not JSON.
    RequestInvalidJson = "request.invalid_json", InvalidRequest, None,
        "la requête n'est pas du JSON valide", "the request is not valid JSON";
    /// The request is over 1 MiB.
    RequestTooLarge = "request.too_large", InvalidRequest, None,
        "requête trop volumineuse", "request too large";
    /// A required field is absent.
    RequestMissingField = "request.missing_field", InvalidRequest, None,
        "champ obligatoire manquant", "missing required field";
    /// A field the contract does not know.
    RequestUnknownField = "request.unknown_field", InvalidRequest, None,
        "champ inconnu", "unknown field";
    /// A value outside its list or range.
    RequestInvalidValue = "request.invalid_value", InvalidRequest, None,
        "valeur non acceptée", "value not accepted";
    /// A value of the wrong JSON type.
    RequestInvalidType = "request.invalid_type", InvalidRequest, None,
        "valeur d'un type inattendu", "value of an unexpected type";
    /// A date that is not `YYYY-MM-DD` or does not exist.
    RequestInvalidDate = "request.invalid_date", InvalidRequest, None,
        "date invalide (AAAA-MM-JJ)", "invalid date (YYYY-MM-DD)";
    /// Fields that contradict each other.
    RequestInconsistent = "request.inconsistent", InvalidRequest, None,
        "champs contradictoires", "contradictory fields";
    /// An Arrow batch whose columns do not follow the contract (Python batches).
    RequestInvalidArrow = "request.invalid_arrow", InvalidRequest, None,
        "lot Arrow non conforme", "Arrow batch not as the contract says";
    /// A date before the SIV opened.
    RequestDateOutOfRange = "request.date_out_of_range", DateOutOfRange, Some("date"),
        "date hors de la période couverte", "date outside the period covered";
    /// Not a French department.
    DepartmentUnknown = "department.unknown", UnknownDepartment, None,
        "département inconnu", "unknown department";
    /// Empty registration number.
    PlateEmpty = "plate.empty", InvalidPlate, None,
        "numéro d'immatriculation vide", "empty registration number";
    /// More than 32 characters.
    PlateTooLong = "plate.too_long", InvalidPlate, None,
        "numéro d'immatriculation trop long", "registration number too long";
    /// A character other than letters, digits, spaces and hyphens.
    PlateInvalidCharacter = "plate.invalid_character", InvalidPlate, None,
        "caractère non accepté dans le numéro", "character not accepted in the number";
    /// No known form.
    PlateInvalidFormat = "plate.invalid_format", InvalidPlate, None,
        "numéro d'immatriculation illisible", "unreadable registration number";
    /// I, O or U where the numbering system forbids them.
    PlateForbiddenLetter = "plate.forbidden_letter", InvalidPlate, None,
        "lettre interdite dans le numéro", "letter forbidden in the number";
    /// The series SS.
    PlateForbiddenSeries = "plate.forbidden_series", InvalidPlate, None,
        "série interdite", "forbidden series";
    /// `000` in a SIV number, a serial of zero.
    PlateZeroNumber = "plate.zero_number", InvalidPlate, None,
        "numéro zéro non attribué", "number zero is not issued";
    /// The department of an FNI number is not a department.
    PlateInvalidDepartment = "plate.invalid_department", InvalidPlate, None,
        "département du numéro FNI invalide", "invalid department in the FNI number";
    /// A CMI delivery address field over its limit.
    CmiAddressTooLong = "cmi.address.too_long", InvalidRequest, None,
        "champ de l'adresse trop long", "address field too long";
    /// A required CMI delivery address field is empty.
    CmiAddressMissingField = "cmi.address.missing_field", InvalidRequest, None,
        "champ de l'adresse manquant", "address field missing";
    /// No postal code for an address in France.
    CmiAddressPostalCodeRequired = "cmi.address.postal_code_required", InvalidRequest,
        Some("cmi.delivery_address.postal_code"),
        "code postal obligatoire en France", "postal code required in France";
    /// A French postal code that is not 5 digits with a department prefix.
    CmiAddressPostalCodeInvalid = "cmi.address.postal_code_invalid", InvalidRequest,
        Some("cmi.delivery_address.postal_code"),
        "code postal invalide", "invalid postal code";
    /// The event is not allowed at this step.
    ProcedureEventNotAllowed = "procedure.event_not_allowed", EventNotAllowed, Some("event"),
        "événement impossible à cette étape", "event not allowed at this step";
    /// Cash or cheque online.
    ProcedurePaymentMeansNotAccepted = "procedure.payment_means_not_accepted", EventNotAllowed,
        Some("means"),
        "en ligne, le paiement se fait uniquement par carte bancaire",
        "online, payment is by bank card only";
    /// A counter payment without its means.
    ProcedurePaymentMeansMissing = "procedure.payment_means_missing", EventNotAllowed,
        Some("means"),
        "préciser le moyen de paiement : espèces, chèque ou carte bancaire",
        "give the means of payment: cash, cheque or bank card";
    /// `procedure start` on a request that `evaluate` answers as not eligible.
    ProcedureNotEligible = "procedure.not_eligible", EventNotAllowed, Some("eligibility"),
        "la demande n'est pas recevable : voir eligibility.reasons de evaluate",
        "the request is not eligible: see eligibility.reasons of evaluate";
    /// A date carried by an event lies before the request or too far after it.
    ProcedureEventDateOutOfRange = "procedure.event_date_out_of_range", EventNotAllowed,
        Some("date"),
        "date de l'événement hors de la période de la demande",
        "the event's date is outside the request's period";
    /// The CMI portal choice is neither duplicata nor second exemplaire.
    ProcedureInvalidChoice = "procedure.invalid_choice", EventNotAllowed, Some("kind"),
        "choisir cmi_duplicata ou cmi_second_exemplaire",
        "choose cmi_duplicata or cmi_second_exemplaire";
    /// The CMI portal refuses a title it does not list.
    CmiTitleNotListed = "cmi.title_not_listed", EventNotAllowed, Some("title_number"),
        "ce titre ne peut pas faire l'objet de la demande", "this title cannot be requested";
    /// The CMI portal asks for a revocation motive.
    CmiRevocationMotiveMissing = "cmi.revocation_motive_missing", EventNotAllowed,
        Some("revocation_motive"),
        "Veuillez sélectionner un motif de révocation", "please select a revocation motive";
    /// The CMI portal asks for the sworn statement.
    CmiSwornStatementMissing = "cmi.sworn_statement_missing", EventNotAllowed,
        Some("sworn_statement"),
        "Veuillez cocher la case « Je déclare sur l'honneur que les informations fournies ci-dessus sont exactes »",
        "please tick the sworn statement box";
    /// A second exemplaire for a card without the mention stationnement.
    CmiSecondExemplaireRequiresStationnement = "cmi.second_exemplaire_requires_stationnement",
        EventNotAllowed, Some("title_number"),
        "une commande de second exemplaire ne concerne que les cartes CMI portant la mention « stationnement »",
        "a second exemplaire can only be ordered for a CMI card bearing the mention 'stationnement'";
    /// A parameter file was rejected; `problems` lists each problem.
    ParamsInvalid = "params.invalid", InvalidParameters, None,
        "fichier de paramètres refusé", "parameter file rejected";
    /// A value the parameters leave unknown is needed (a documented gap reached by a computation).
    ParamsUnknownValue = "params.unknown_value", Internal, None,
        "valeur inconnue des paramètres", "value unknown to the parameters";
    /// A file could not be read.
    IoRead = "io.read", Io, None,
        "lecture impossible", "cannot read";
    /// An answer could not be serialised.
    InternalSerialize = "internal.serialize", Internal, None,
        "erreur interne : réponse non sérialisable", "internal error: answer not serialisable";
    /// An output could not be written.
    InternalOutput = "internal.output", Internal, None,
        "erreur interne : sortie impossible", "internal error: output failed";
    /// An Arrow output could not be built (Python batches).
    InternalArrow = "internal.arrow", Internal, None,
        "erreur interne : lot Arrow impossible", "internal error: Arrow batch failed";
    /// A bug caught at a boundary instead of aborting the host.
    InternalPanic = "internal.panic", Internal, None,
        "erreur interne de la bibliothèque", "internal error of the library";
    /// A required pointer is NULL (C ABI).
    FfiNullArgument = "ffi.null_argument", InvalidRequest, None,
        "argument NULL", "NULL argument";
    /// Text that is not UTF-8 (C ABI).
    FfiInvalidUtf8 = "ffi.invalid_utf8", InvalidRequest, None,
        "texte non UTF-8", "text is not UTF-8";
    /// A NUL byte inside the request buffer (C ABI).
    FfiEmbeddedNul = "ffi.embedded_nul", InvalidRequest, None,
        "octet NUL dans la requête", "NUL byte inside the request";
    /// An enum value or a date out of range in a typed call (C ABI).
    FfiInvalidArgument = "ffi.invalid_argument", InvalidRequest, None,
        "argument hors limites", "argument out of range";
    /// A struct whose `size` is too small, absurd, or sets fields this library does not know (C ABI).
    FfiInvalidSize = "ffi.invalid_size", InvalidRequest, None,
        "taille de structure invalide", "invalid struct size";
    /// A name that is not one of the contract's names for an enum (C ABI `_from_str` helpers).
    FfiUnknownName = "ffi.unknown_name", InvalidRequest, None,
        "nom inconnu", "unknown name";
    /// The file is not TOML.
    ParamsSyntax = "params.syntax", InvalidParameters, None, "syntaxe TOML invalide", "invalid TOML syntax";
    /// A section is missing.
    ParamsMissingSection = "params.missing_section", InvalidParameters, None, "section manquante", "missing section";
    /// A key is missing.
    ParamsMissingKey = "params.missing_key", InvalidParameters, None, "clé manquante", "missing key";
    /// A key the engine does not know.
    ParamsUnknownKey = "params.unknown_key", InvalidParameters, None, "clé inconnue", "unknown key";
    /// A key written twice.
    ParamsDuplicate = "params.duplicate", InvalidParameters, None, "défini deux fois", "defined twice";
    /// A date that cannot be read.
    ParamsInvalidDate = "params.invalid_date", InvalidParameters, None, "date invalide", "invalid date";
    /// A value that cannot be read.
    ParamsInvalidValue = "params.invalid_value", InvalidParameters, None, "valeur invalide", "invalid value";
    /// A confidence other than high, medium or low.
    ParamsInvalidConfidence = "params.invalid_confidence", InvalidParameters, None, "confiance invalide", "invalid confidence";
    /// A negative amount.
    ParamsNegativeAmount = "params.negative_amount", InvalidParameters, None, "montant négatif", "negative amount";
    /// A period without value nor `unknown`.
    ParamsMissingValue = "params.missing_value", InvalidParameters, None, "valeur manquante", "missing value";
    /// A value without its source.
    ParamsMissingSource = "params.missing_source", InvalidParameters, None, "source manquante", "missing source";
    /// A source id not declared.
    ParamsUnknownSource = "params.unknown_source", InvalidParameters, None, "source inconnue", "unknown source";
    /// A region code not declared.
    ParamsUnknownRegion = "params.unknown_region", InvalidParameters, None, "région inconnue", "unknown region";
    /// A department code that is not a department.
    ParamsUnknownDepartment = "params.unknown_department", InvalidParameters, None, "département inconnu", "unknown department";
    /// Periods out of order.
    ParamsUnordered = "params.unordered", InvalidParameters, None, "périodes dans le désordre", "periods out of order";
    /// Two periods that overlap.
    ParamsOverlap = "params.overlap", InvalidParameters, None, "périodes qui se chevauchent", "overlapping periods";
    /// A gap between two periods.
    ParamsGap = "params.gap", InvalidParameters, None, "trou entre deux périodes", "gap between two periods";
    /// A department without a zone on some day.
    ParamsUncoveredDepartment = "params.uncovered_department", InvalidParameters, None, "département sans zone", "department without a zone";
}
