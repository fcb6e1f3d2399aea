// The French words for the values of the JSON contract. The keys are the core's serde names, one
// per line: wasm/src/api.rs checks each list against the core's enums (and wasm/types/contract.d.ts).

export const CATEGORY_FR = {
  car: "Voiture particulière (VP)",
  utility: "Véhicule utilitaire léger (CTTE)",
  motorhome: "Camping-car",
  motorcycle: "Moto de plus de 125 cm³",
  motorcycle_le_125: "Moto ou vélomoteur de 125 cm³ au plus",
  moped_le_50: "Cyclomoteur de 50 cm³ au plus",
  other: "Autre véhicule",
};

export const ENERGY_FR = {
  petrol: "Essence",
  diesel: "Gazole",
  electric: "Électrique",
  hydrogen: "Hydrogène",
  hybrid: "Hybride",
  lpg: "GPL",
  cng: "GNV",
  e85: "Superéthanol E85",
  other: "Autre",
};

export const REASON_FR = {
  loss: "Perte",
  theft: "Vol",
  damage: "Détérioration",
};

export const REGIME_FR = {
  cgi: "Code général des impôts (jusqu'en 2020)",
  taxe_fixe_2021: "Taxe fixe (2021)",
  cibs: "Code des impositions sur les biens et services (depuis 2022)",
};

export const APPLICANT_FR = {
  holder: "Le titulaire de la carte grise",
  co_holder: "Un cotitulaire",
  mandate_holder: "Une personne mandatée par le titulaire",
  legal_guardian: "Le représentant légal (titulaire mineur ou protégé)",
  lessee: "Le locataire (location longue durée)",
  heir: "Un héritier (titulaire décédé)",
  professional: "Un professionnel de l'automobile habilité",
};

/** The registration systems, as a phrase after "un numéro". */
export const SYSTEM_FR = {
  siv: "du système actuel (SIV)",
  fni: "de l'ancien système (FNI)",
  moped: "de cyclomoteur d'avant juillet 2015",
  ww: "provisoire (WW)",
  w: "de garage (W)",
};

export const CONFIDENCE_FR = {
  high: "élevée",
  medium: "moyenne",
  low: "faible",
};

/** The URL parameters of a simulation (embed pre-filling and permalink) and the form fields. */
export const URL_PARAMS = {
  date: "date",
  departement: "department",
  immatriculation: "plate",
  categorie: "category",
  energie: "energy",
  motif: "reason",
};

/** The reason in the URL may also be written in French. */
export const REASON_URL = { perte: "loss", vol: "theft", deterioration: "damage", "détérioration": "damage" };
