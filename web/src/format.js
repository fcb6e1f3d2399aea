// French display of the engine's values. Amounts stay strings from end to end: the engine's exact
// decimal text ("1234.50") is re-punctuated ("1 234,50 €"), never converted to a number.

const NNBSP = "\u202f"; // narrow no-break space, the French thousands separator

/** "47.76" → "47,76 €"; "1234.5" → "1 234,50 €"; null → "inconnu". */
export function euros(amount) {
  if (amount === null || amount === undefined) return "inconnu";
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(amount));
  if (!m) throw new Error(`not a decimal amount: ${amount}`);
  const [, sign, int, frac = ""] = m;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  const cents = (frac + "00").slice(0, Math.max(2, frac.length));
  return `${sign}${grouped},${cents}${NBSP_EURO}`;
}
const NBSP_EURO = "\u00a0€";

/** "2019-06-01" → "1 juin 2019" (no time zone involved: the date is read as written). */
export function frenchDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!m) return iso;
  const months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
  const day = Number(m[3]) === 1 ? "1er" : String(Number(m[3]));
  return `${day} ${months[Number(m[2]) - 1]} ${m[1]}`;
}
