//! Registration numbers: reading, checking and normalising every form a duplicata request can carry.
//!
//! | system | form | rules |
//! |---|---|---|
//! | SIV (2009-04-15 →) | `AB-123-CD` | letters without I, O, U; no `SS` block; `WW` on the left is a provisional number; `000` unused (SP-F17638-2020) |
//! | FNI (1950 → 2009) | `123 AB 45`, `1234 ABC 75`, `12 A 2B`, `123 AB 971` | 1–4 digits, 1–3 letters (never I or O; U existed until Nov 1984; SS banned), department 01–95, 2A/2B (20 before 1976), 971–976 |
//! | cyclomoteur before 2015-07-01 | `A 11 A`, `AB 123 C` | 1–2 letters, 2–3 digits, 1 letter (SP-F17638-2020) |
//! | WW provisional | `WW-123-AB`, `123 WW 75` | |
//! | W garage | `W-123-AB` (SIV form unconfirmed), `1234 W 75` | |
//!
//! The parser works on the bytes of the input, allocates nothing and never panics.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::error::{Error, ErrorKind};

/// The numbering system a registration number belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlateSystem {
    /// Système d'immatriculation des véhicules, `AB-123-CD`, number for life.
    Siv,
    /// Former Fichier national des immatriculations, `123 AB 45`: a duplicata converts it to SIV.
    Fni,
    /// Cyclomoteur number issued before 2015-07-01, `A 11 A`.
    Moped,
    /// Provisional `WW` number.
    Ww,
    /// Garage `W` number held by a professional.
    W,
}

impl PlateSystem {
    /// The contract name (same as [`PlateSystem::code`]).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.code()
    }
}

contract_names!(PlateSystem { Siv => "siv", Fni => "fni", Moped => "moped", Ww => "ww", W => "w" });

/// A short ASCII string stored inline (no allocation).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct InlineStr<const N: usize> {
    buf: [u8; N],
    len: u8,
}

impl<const N: usize> InlineStr<N> {
    fn new() -> Self {
        Self {
            buf: [0; N],
            len: 0,
        }
    }
    fn push(&mut self, b: u8) {
        if usize::from(self.len) < N {
            self.buf[usize::from(self.len)] = b;
            self.len += 1;
        }
    }
    fn push_all(&mut self, s: &[u8]) {
        let start = usize::from(self.len);
        if let Some(dst) = self.buf.get_mut(start..start + s.len()) {
            dst.copy_from_slice(s);
            self.len += s.len() as u8;
        }
    }

    /// The parts joined by `sep` (the caller keeps the total within `N`).
    fn joined(parts: &[&[u8]], sep: u8) -> Self {
        let mut out = Self::new();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push(sep);
            }
            out.push_all(part);
        }
        out
    }
    /// The text held.
    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or("")
    }
}

impl<const N: usize> fmt::Debug for InlineStr<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl<const N: usize> Serialize for InlineStr<N> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A registration number that was read successfully.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Plate {
    /// The numbering system the number belongs to.
    pub system: PlateSystem,
    /// The canonical form: `AB-123-CD`, `123 AB 45`, `A 11 A`, `WW-123-AB`, `1234 W 75`.
    pub normalized: InlineStr<12>,
    /// For a number of the former FNI (and FNI-era W and WW numbers): its department code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<InlineStr<3>>,
}

impl Plate {
    /// The canonical form (`AB-123-CD`, `123 AB 45`, …).
    #[must_use]
    pub fn normalized(&self) -> &str {
        self.normalized.as_str()
    }
    /// For a number of the former FNI: its department code.
    pub fn department(&self) -> Option<&str> {
        self.department.as_ref().map(InlineStr::as_str)
    }
}

/// Longest input accepted, in bytes as given (spaces around included); a longer one is rejected,
/// never cut.
pub(crate) const MAX_INPUT_LEN: usize = 32;

fn too_long() -> Error {
    plate_error(
        "plate.too_long",
        format!("le numéro d'immatriculation est trop long : {MAX_INPUT_LEN} caractères au plus"),
        format!("the registration number is longer than {MAX_INPUT_LEN} characters"),
    )
}

const MAX_RUNS: usize = 5;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
}

/// Reads a registration number in any of the forms above (case, spaces and hyphens are free).
///
/// # Errors
///
/// `plate.empty`, `plate.too_long`, `plate.invalid_character`, `plate.invalid_format`,
/// `plate.forbidden_letter`, `plate.forbidden_series`, `plate.zero_number` or
/// `plate.invalid_department`.
pub fn parse_plate(input: &str) -> Result<Plate, Error> {
    // Only spaces around the number are ignored: a tab, a newline or any other control character
    // is refused below, and the length counts the input as given (never cut).
    let raw = trim(input);
    if input.len() > MAX_INPUT_LEN && !raw.is_empty() {
        return Err(too_long());
    }
    if raw.is_empty() {
        return Err(plate_error(
            "plate.empty",
            "indiquez le numéro d'immatriculation, par exemple AB-123-CD".into(),
            "the registration number is empty".into(),
        ));
    }
    if let Some((l, d, r)) = canonical_siv(raw) {
        return siv(raw, l, d, r);
    }

    // Compact the input to upper-case letters and digits, splitting it into runs of one class.
    let mut compact = [0u8; MAX_INPUT_LEN];
    let mut n = 0;
    let mut runs: [(Class, usize, usize); MAX_RUNS] = [(Class::Digit, 0, 0); MAX_RUNS];
    let mut run_count = 0;
    // Bytes, not chars: every accepted character is ASCII, so a non-ASCII byte is an error
    // whose character is read only then.
    for (i, &b) in raw.as_bytes().iter().enumerate() {
        let class = match b {
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Digit,
            b' ' | b'-' => continue,
            _ => {
                // Control characters are quoted as `\u0000`, so that the message stays one line.
                let shown = |c: char| {
                    if c.is_control() {
                        format!("\\u{:04x}", u32::from(c))
                    } else {
                        c.to_string()
                    }
                };
                let other = raw[i..]
                    .chars()
                    .next()
                    .map_or_else(|| "?".to_owned(), shown);
                let raw: String = raw.chars().map(shown).collect();
                return Err(plate_error(
                    "plate.invalid_character",
                    format!(
                        "« {raw} » contient « {other} » : un numéro d'immatriculation ne comporte que des lettres, des chiffres, des tirets et des espaces"
                    ),
                    format!("character '{other}' is not allowed in '{raw}'"),
                ));
            }
        };
        compact[n] = b.to_ascii_uppercase();
        if run_count > 0 && runs[run_count - 1].0 == class {
            runs[run_count - 1].2 += 1;
        } else {
            if run_count == MAX_RUNS {
                return Err(invalid_format(raw));
            }
            runs[run_count] = (class, n, n + 1);
            run_count += 1;
        }
        n += 1;
    }
    let runs = &runs[..run_count];
    let text = |r: &(Class, usize, usize)| &compact[r.1..r.2];
    use Class::{Digit as D, Letter as L};
    match runs {
        [l @ (L, ..), d @ (D, ..), r @ (L, ..)] => {
            let (l, d, r) = (text(l), text(d), text(r));
            match (l.len(), d.len(), r.len()) {
                (2, 3, 2) => siv(raw, l, d, r),
                (1, 3, 2) if l == b"W" => garage_siv(raw, d, r),
                (1..=2, 2..=3, 1) => moped(raw, l, d, r),
                _ => Err(invalid_format(raw)),
            }
        }
        [s @ (D, ..), l @ (L, ..), d @ (D, ..)] => fni(raw, text(s), text(l), text(d)),
        // FNI in Corsica: the department 2A or 2B splits into a digit run and a letter run.
        [s @ (D, ..), l @ (L, ..), d @ (D, ..), c @ (L, ..)] => {
            let (d, c) = (text(d), text(c));
            if d == b"2" && (c == b"A" || c == b"B") {
                fni(raw, text(s), text(l), &compact[runs[2].1..runs[3].2])
            } else {
                Err(invalid_format(raw))
            }
        }
        _ => Err(invalid_format(raw)),
    }
}

/// The numbering system of a registration number, with the same checks and the same errors as
/// [`parse_plate`], for a caller that needs nothing else: the canonical form is not built when the
/// number is typed in the canonical SIV form.
///
/// # Errors
///
/// As [`parse_plate`].
#[inline]
pub fn plate_system(input: &str) -> Result<PlateSystem, Error> {
    match valid_canonical_siv(input.as_bytes()) {
        Some(system) => Ok(system),
        None => plate_system_in_general(input),
    }
}

/// [`plate_system`] of any input but a valid number in the canonical SIV form.
#[inline(never)]
fn plate_system_in_general(input: &str) -> Result<PlateSystem, Error> {
    let raw = trim(input);
    match canonical_siv(raw) {
        Some((l, d, r)) if input.len() <= MAX_INPUT_LEN => siv_system(raw, l, d, r),
        _ => parse_plate(input).map(|p| p.system),
    }
}

/// The blocks of a number typed in the canonical SIV form `AB-123-CD` (as the certificate prints
/// it and most files store it), read in place: for such a number the general path of
/// [`parse_plate`] finds the same runs (2 letters, 3 digits, 2 letters) and makes the same checks.
/// The blocks are slices of the input itself (no copy: bytes just stored and read back as a word
/// would stall on store forwarding).
#[inline]
fn canonical_siv(raw: &str) -> Option<(&[u8], &[u8], &[u8])> {
    let b = raw.as_bytes();
    let &[l1, l2, b'-', d1, d2, d3, b'-', r1, r2] = b else {
        return None;
    };
    let letter = |x: u8| x.is_ascii_uppercase();
    let digit = |x: u8| x.is_ascii_digit();
    (letter(l1) && letter(l2) && digit(d1) && digit(d2) && digit(d3) && letter(r1) && letter(r2))
        .then(|| (&b[0..2], &b[3..6], &b[7..9]))
}

/// The letters never used in an SIV (or cyclomoteur) block (SP-F17638-2020).
const SIV_EXCLUDED: &[u8; 3] = b"IOU";

/// The class of each byte in a canonical SIV number: a letter allowed in its blocks (A–Z but
/// [`SIV_EXCLUDED`]), a digit, or the dash.
const SIV_LETTER: u8 = 1;
const SIV_DIGIT: u8 = 2;
const SIV_DASH: u8 = 4;
const SIV_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = b'A';
    while c <= b'Z' {
        t[c as usize] = SIV_LETTER;
        c += 1;
    }
    let mut k = 0;
    while k < SIV_EXCLUDED.len() {
        t[SIV_EXCLUDED[k] as usize] = 0;
        k += 1;
    }
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = SIV_DIGIT;
        d += 1;
    }
    t[b'-' as usize] = SIV_DASH;
    t
};

/// The system of a number typed exactly in the canonical SIV form `AB-123-CD` that passes every
/// check of [`siv_system`], decided on its nine bytes at once (most numbers of a file); `None` for
/// any other input and for any number [`siv_system`] refuses, which then goes the general way
/// and gets its error there.
#[inline]
fn valid_canonical_siv(b: &[u8]) -> Option<PlateSystem> {
    let &[l1, l2, h1, d1, d2, d3, h2, r1, r2] = b else {
        return None;
    };
    let class = |c: u8| SIV_CLASS[usize::from(c)];
    let letters = class(l1) & class(l2) & class(r1) & class(r2);
    let digits = class(d1) & class(d2) & class(d3);
    let dashes = class(h1) & class(h2);
    // SS is forbidden in both blocks and 000 is no number (as in `siv_system`).
    let ss = u16::from_le_bytes(*b"SS");
    let refused = (u16::from_le_bytes([l1, l2]) == ss)
        | (u16::from_le_bytes([r1, r2]) == ss)
        | ((d1 | d2 | d3) == b'0');
    if (letters & SIV_LETTER) & (digits >> 1) & (dashes >> 2) == 0 || refused {
        return None;
    }
    Some(
        if u16::from_le_bytes([l1, l2]) == u16::from_le_bytes(*b"WW") {
            PlateSystem::Ww
        } else {
            PlateSystem::Siv
        },
    )
}

/// `s.trim_matches(' ')`: only spaces around a number or a code are ignored (a tab, a newline or
/// another control character is refused by the reader). Visible ASCII at both ends is returned as is.
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        [only] if only.is_ascii_graphic() => s,
        _ => s.trim_matches(' '),
    }
}

fn siv(raw: &str, l: &[u8], d: &[u8], r: &[u8]) -> Result<Plate, Error> {
    Ok(siv_like(siv_system(raw, l, d, r)?, l, d, r))
}

/// The checks of a number of the SIV form: its system (SIV, or WW on the left) or the error.
fn siv_system(raw: &str, l: &[u8], d: &[u8], r: &[u8]) -> Result<PlateSystem, Error> {
    check_letters(raw, l, SIV_EXCLUDED, "SIV")?;
    check_letters(raw, r, SIV_EXCLUDED, "SIV")?;
    let system = if l == b"WW" {
        PlateSystem::Ww
    } else {
        PlateSystem::Siv
    };
    // WW is reserved on the left only. SS is forbidden in both blocks (the right-hand block is the engine's default, medium confidence).
    if l == b"SS" || r == b"SS" {
        return Err(forbidden_series(raw, "SS"));
    }
    if d == b"000" {
        return Err(zero_number(raw));
    }
    Ok(system)
}

fn garage_siv(raw: &str, d: &[u8], r: &[u8]) -> Result<Plate, Error> {
    check_letters(raw, r, SIV_EXCLUDED, "SIV")?;
    if r == b"SS" {
        return Err(forbidden_series(raw, "SS"));
    }
    if d == b"000" {
        return Err(zero_number(raw));
    }
    Ok(siv_like(PlateSystem::W, b"W", d, r))
}

fn siv_like(system: PlateSystem, l: &[u8], d: &[u8], r: &[u8]) -> Plate {
    let normalized = InlineStr::joined(&[l, d, r], b'-');
    Plate {
        system,
        normalized,
        department: None,
    }
}

fn moped(raw: &str, l: &[u8], d: &[u8], r: &[u8]) -> Result<Plate, Error> {
    // Cyclomoteur numbers date from 2004 onwards, after U was dropped (Nov 1984): I, O, U excluded.
    check_letters(raw, l, SIV_EXCLUDED, "cyclomoteur")?;
    check_letters(raw, r, SIV_EXCLUDED, "cyclomoteur")?;
    if d.iter().all(|&c| c == b'0') {
        return Err(zero_number(raw));
    }
    let normalized = InlineStr::joined(&[l, d, r], b' ');
    Ok(Plate {
        system: PlateSystem::Moped,
        normalized,
        department: None,
    })
}

fn fni(raw: &str, serial: &[u8], letters: &[u8], dept: &[u8]) -> Result<Plate, Error> {
    if serial.len() > 4 || letters.len() > 3 {
        return Err(invalid_format(raw));
    }
    if serial.iter().all(|&c| c == b'0') {
        return Err(zero_number(raw));
    }
    // I and O were never used in FNI series; U was used until November 1984, so old numbers keep it.
    check_letters(raw, letters, b"IO", "FNI")?;
    if letters == b"SS" {
        return Err(forbidden_series(raw, "SS"));
    }
    if !fni_department(dept) {
        let d = std::str::from_utf8(dept).unwrap_or("?");
        return Err(plate_error(
            "plate.invalid_department",
            format!(
                "« {raw} » se termine par « {d} », qui n'est pas un numéro de département (ancien numéro de la forme 123 AB 45)"
            ),
            format!("'{d}' is not a valid department in '{raw}'"),
        ));
    }
    let system = match letters {
        b"W" => PlateSystem::W,
        b"WW" => PlateSystem::Ww,
        _ => PlateSystem::Fni,
    };
    let normalized = InlineStr::joined(&[serial, letters, dept], b' ');
    let mut department = InlineStr::new();
    department.push_all(dept);
    Ok(Plate {
        system,
        normalized,
        department: Some(department),
    })
}

/// FNI department codes: 01–95 (20 for Corsica before 1976), 2A, 2B, 971–976.
fn fni_department(d: &[u8]) -> bool {
    match *d {
        [b'2', b'A' | b'B'] => true,
        [t @ b'0'..=b'9', u @ b'0'..=b'9'] => (1..=95).contains(&((t - b'0') * 10 + (u - b'0'))),
        [b'9', b'7', b'1'..=b'6'] => true,
        _ => false,
    }
}

/// Whether `block` (upper-case letters) holds one of `excluded`, as a bit test per letter.
#[inline]
fn check_letters(raw: &str, block: &[u8], excluded: &[u8], system: &str) -> Result<(), Error> {
    let bit = |c: u8| 1u32 << (c.wrapping_sub(b'A') & 31);
    let mask = excluded.iter().fold(0, |m, &c| m | bit(c));
    if block.iter().fold(0, |m, &c| m | bit(c)) & mask == 0 {
        Ok(())
    } else {
        Err(forbidden_letter(raw, block, excluded, system))
    }
}

#[cold]
fn forbidden_letter(raw: &str, block: &[u8], excluded: &[u8], system: &str) -> Error {
    match block.iter().find(|c| excluded.contains(c)) {
        None => invalid_format(raw),
        Some(&c) => {
            let c = char::from(c);
            let why_fr = match c {
                'I' => {
                    "jamais utilisée dans un numéro d'immatriculation car elle se confond avec le chiffre 1"
                }
                'O' => {
                    "jamais utilisée dans un numéro d'immatriculation car elle se confond avec le chiffre 0"
                }
                _ => {
                    "plus utilisée dans les numéros attribués depuis 1984 car elle se confond avec la lettre V"
                }
            };
            let why_en = match c {
                'I' => "it looks like 1",
                'O' => "it looks like 0",
                _ => "it looks like V",
            };
            plate_error(
                "plate.forbidden_letter",
                format!("« {raw} » contient la lettre « {c} », {why_fr}"),
                format!("the letter '{c}' is not used in {system} numbers ({why_en}): '{raw}'"),
            )
        }
    }
}

fn forbidden_series(raw: &str, series: &str) -> Error {
    plate_error(
        "plate.forbidden_series",
        format!("« {raw} » contient la série de lettres « {series} », qui n'est jamais attribuée"),
        format!("the series '{series}' is forbidden: '{raw}'"),
    )
}

fn zero_number(raw: &str) -> Error {
    plate_error(
        "plate.zero_number",
        format!("« {raw} » : les chiffres du numéro ne peuvent pas être tous des zéros"),
        format!("the number part cannot be zero: '{raw}'"),
    )
}

fn invalid_format(raw: &str) -> Error {
    // Fewer than three groups of letters and digits: the number is unfinished, not malformed.
    let groups = raw
        .as_bytes()
        .iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(u8::is_ascii_digit)
        .fold((0, None), |(n, last), digit| {
            (if last == Some(digit) { n } else { n + 1 }, Some(digit))
        })
        .0;
    plate_error(
        "plate.invalid_format",
        if groups < 3 {
            format!(
                "« {raw} » est trop court : un numéro d'immatriculation a la forme AB-123-CD, 123 AB 45 ou A 11 A"
            )
        } else {
            format!(
                "« {raw} » n'a la forme d'aucun numéro d'immatriculation : AB-123-CD (depuis 2009), 123 AB 45 (ancien numéro) ou A 11 A (cyclomoteur)"
            )
        },
        format!(
            "'{raw}' is not a recognised registration number (forms: AB-123-CD, 123 AB 45, A 11 A)"
        ),
    )
}

fn plate_error(code: &'static str, fr: String, en: String) -> Error {
    Error::new(ErrorKind::InvalidPlate, code, None, fr, en)
}

#[cfg(test)]
#[path = "plate_tests.rs"]
mod tests;
