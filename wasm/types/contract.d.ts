// ---------------------------------------------------------------------------------------------
// The JSON contract of the duplicata engine (core/src/request.rs, core/src/decision.rs,
// core/src/error.rs). Money amounts are exact decimal strings ("47.76"), never numbers.
// ---------------------------------------------------------------------------------------------

/** An exact amount in euros as a decimal string with two decimals, e.g. "47.76". */
export type Amount = string;
/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

export type ProcedureKind = "carte_grise_duplicata" | "cmi_duplicata" | "cmi_second_exemplaire";
export type Reason = "loss" | "theft" | "damage";
export type Applicant =
  | "holder" | "co_holder" | "mandate_holder" | "legal_guardian" | "lessee" | "heir" | "professional";
export type HolderKind = "person" | "company" | "leasing_company";
export type Category =
  | "car" | "utility" | "motorhome" | "motorcycle" | "motorcycle_le_125" | "moped_le_50" | "other";
export type Energy =
  | "petrol" | "diesel" | "electric" | "hydrogen" | "hybrid" | "lpg" | "cng" | "e85" | "other";
export type Confidence = "low" | "medium" | "high";
export type PlateSystem = "siv" | "fni" | "moped" | "ww" | "w";
export type Regime = "cgi" | "taxe_fixe_2021" | "cibs";
export type LineCodeName = "Y1" | "Y2" | "Y3" | "Y4" | "Y5";

/** A request for a duplicata (core/src/request.rs); named so as not to shadow the fetch API's `Request`. Unknown fields are rejected. */
export interface DuplicataRequest {
  procedure: ProcedureKind;
  /** Day of the request: every rule is taken as in force that day. */
  date: IsoDate;
  reason?: Reason;
  applicant?: Applicant;
  holder?: {
    kind?: HolderKind;
    /** Department of the holder's domicile: "33", "2A", "971". */
    department?: string;
    minor?: boolean;
    deceased?: boolean;
    emancipated?: boolean;
  };
  vehicle?: {
    /** Registration number in any usual typing: "AB-123-CD", "123 AB 45", "A 11 A". */
    plate: string;
    category: Category;
    energy: Energy;
    /** Fiscal horsepower, 1 to 999 (checked only: a duplicata pays 1 CV). */
    fiscal_power?: number;
    first_registration?: IsoDate;
    stolen?: boolean;
  };
  theft?: { declared?: boolean; abroad?: boolean; declared_in_france?: boolean; recorded_in_siv?: boolean };
  mandate?: { signed?: boolean; holder_id?: boolean };
  heirs?: { proof_of_inheritance?: boolean; mandate_from_all_heirs?: boolean };
  loss?: { abroad?: boolean };
  change_of_address?: boolean;
  natural_disaster?: boolean;
  cmi?: CmiRequest;
}

export interface CmiTitle {
  number: string;
  mention: "invalidite" | "priorite" | "stationnement";
  status: "valid" | "revoked" | "expired";
  valid_until?: IsoDate;
  later_duplicata_requested?: boolean;
}

export interface CmiRequest {
  terms_accepted?: boolean;
  titles?: CmiTitle[];
  title_number?: string;
  other_title_numbers?: string[];
  revocation_motive?: "loss" | "theft" | "destruction";
  sworn_statement?: boolean;
  delivery_address?: {
    name: string; line1: string; line2?: string; line3?: string; line4?: string;
    postal_code?: string; city: string; country: string;
  };
  former_card?: boolean;
}

/** A coded, sourced statement (eligibility reasons and remedies, who may apply, CMI effects). */
export interface Note {
  code: string;
  message_fr: string;
  message_en: string;
  source: string;
}

export interface Labelled {
  code: string;
  label_fr: string;
  label_en: string;
}

export interface FeeLineView extends Labelled {
  code: LineCodeName;
  /** null when the amount cannot be known (a documented gap of the sources). */
  amount: Amount | null;
  status: "due" | "not_due" | "unknown";
  confidence: Confidence;
  explanation_fr: string;
  explanation_en: string;
  /** Source ids of the parameter file ("SP-F19211-2019, S15") or the text cited. */
  source: string;
}

export interface DecisionFees {
  status: "known" | "unknown";
  total: Amount | null;
  currency: "EUR";
  /** The lowest confidence of the lines: below "high" where the sources disagree or are thin. */
  confidence: Confidence;
  regime: Regime;
  highest_event_only: boolean;
  /** Why the total is unknown (present only when status is "unknown"; docs/confidence.md). */
  unknown_reason?: "fees.y1.unknown_rate" | "fees.y1.unknown_exemption";
  /** The lowest and highest totals the known values around the gap imply (unknown total only). */
  bounds?: { low: Amount; high: Amount };
  lines: FeeLineView[];
}

/** A warning of the decision: later sources only, or a date after the last review. */
export interface Warning {
  code: "sources.later_only" | "parameters.after_review" | "parameters.long_after_review";
  message_fr: string;
  message_en: string;
  /** The fee line it is about. */
  line?: LineCodeName;
  source: string;
}

export interface PlateOutcome {
  system: PlateSystem;
  normalized: string;
  department?: string;
  /** The duplicata converts an FNI number: a new SIV number for life. */
  conversion: boolean;
  /** New plates must be fitted with the new number. */
  plates_must_change: boolean;
}

/** The period in which an item applies (both days included) and the source that dates it. */
export interface Period {
  from: IsoDate | null;
  until: IsoDate | null;
  source: string;
}

export interface DocumentItem extends Labelled {
  period: Period;
  required: boolean;
  condition_fr: string;
  condition_en: string;
  source: string;
  accepted?: Labelled[];
  refused?: Labelled[];
}

export interface ValidityItem extends Labelled {
  period: Period;
  duration?: { amount: number; unit: "month" | "year" };
  source: string;
}

export interface TraceEntry {
  rule: string;
  explanation_fr: string;
  explanation_en: string;
  values?: Record<string, string | number | boolean | null>;
  source: string;
  note?: string;
  parameter_line?: number;
  confidence: Confidence;
}

export interface Decision {
  procedure: {
    name: ProcedureKind;
    variant?: string;
    channel?: "prefecture" | "online";
    held_for_review?: boolean;
    payment_means?: string[];
    steps?: Labelled[];
    end_products?: Labelled[];
    source?: string;
  };
  date: IsoDate;
  eligibility: {
    eligible: boolean;
    applicant: Applicant;
    confidence: Confidence;
    reasons: Note[];
    remedies: Note[];
    who_may_apply: Note[];
    /** Facts the request leaves out: eligible provided each holds (each also a document code). */
    conditions: Note[];
  };
  /** Carte-grise duplicata only (a CMI request has its fee in `cmi`). */
  fees?: DecisionFees;
  plate?: PlateOutcome;
  documents: DocumentItem[];
  validity: ValidityItem[];
  cmi?: {
    listed_titles: string[];
    title?: CmiTitle;
    effects: Note[];
    fee: Amount | null;
    fee_confidence: Confidence;
    fee_source: string;
  };
  trace: TraceEntry[];
  /** Other readings of the texts, where the sources disagree (absent when there is none). */
  alternatives?: Alternative[];
  /** Later sources only, date after the last review (absent when there is none). */
  warnings?: Warning[];
  parameters: { name: string; fingerprint: string };
}

/** The input of `fees()`: checked as `evaluate` checks these fields (the number is read, a
 * cyclomoteur number needs the "moped_le_50" category); errors name `plate`, `department`, `category`. */
export interface FeeQuery {
  date: IsoDate;
  department?: string;
  plate: string;
  category: Category;
  energy: Energy;
  change_of_address?: boolean;
  natural_disaster?: boolean;
}

export interface FeesAnswer {
  date: IsoDate;
  status: "known" | "unknown";
  total: Amount | null;
  currency: "EUR";
  confidence: Confidence;
  regime: Regime;
  highest_event_only: boolean;
  conversion: boolean;
  lines: Array<Labelled & { code: LineCodeName; amount: Amount | null; status: "due" | "not_due" | "unknown"; confidence: Confidence }>;
}

export interface KnownRate { from: IsoDate; to: IsoDate | null; rate: Amount }

export interface RateAnswer {
  department: string;
  date: IsoDate;
  region: string;
  region_name: string;
  zone: string;
  zone_name: string;
  status: "known" | "unknown";
  /** € per CV, every component included; null for a documented gap. */
  rate: Amount | null;
  components?: Array<Record<string, unknown>>;
  period_from: IsoDate;
  period_to: IsoDate | null;
  confidence: Confidence;
  source: string;
  source_titles: string[];
  note?: string;
  unknown_reason?: string;
  known_before?: KnownRate;
  known_after?: KnownRate;
}

/** A source of the parameter file: `title` for reviewers; `title_fr`, `date`, `url`, `kind` for people. */
export interface SourceInfo {
  id: string;
  grade: string;
  title: string;
  title_fr: string | null;
  date: IsoDate | null;
  /** An official link, where one exists. */
  url: string | null;
  kind: "official" | "press" | "commercial" | "other" | null;
}

/** Another reading of the texts where the sources disagree, with the amounts it would give. */
export interface Alternative {
  id: string;
  assumption_fr: string;
  assumption_en: string;
  /** Source ids of the parameter file. */
  sources: string[];
  total: Amount | null;
  lines: Array<{ code: LineCodeName; amount: Amount | null }>;
}

export interface Plate {
  system: PlateSystem;
  normalized: string;
  department?: string;
}

export interface EngineInfo {
  version: string;
  parameters: {
    name: string;
    description: string | null;
    published: IsoDate | null;
    starts: IsoDate;
    siv_start: IsoDate;
    fingerprint: string;
  };
  /** Every department code the engine knows, in INSEE order. */
  departments: string[];
  /** The sources cited by the parameter file: `source` fields name them by id. */
  sources: SourceInfo[];
}

/**
 * What every export throws on failure: a JavaScript `Error` (name "DuplicataError") with the
 * engine's stable code, the field path concerned and messages in French and English. A panic of
 * the engine throws one with code "internal.panic"; the module answers again on the next call.
 */
export interface DuplicataError extends Error {
  name: "DuplicataError";
  /** Stable machine code, e.g. "plate.forbidden_letter". */
  code: string;
  /** The field path concerned, e.g. "vehicle.plate", or null. */
  field: string | null;
  kind:
    | "invalid_request" | "invalid_plate" | "unknown_department" | "date_out_of_range"
    | "invalid_parameters" | "event_not_allowed" | "io" | "internal";
  message_fr: string;
  message_en: string;
  problems: Array<{ code: string; path: string; line: number; column: number; message_fr: string; message_en: string }>;
  allowed_events: string[];
  messageIn(lang: "fr" | "en"): string;
  toJSON(): { error: Record<string, unknown> };
}
