//! French departments: the 96 metropolitan ones (with 2A and 2B for Corsica) and the five overseas
//! departments 971 to 974 and 976 (INSEE Code officiel géographique).

use std::fmt;

use serde::{Serialize, Serializer};

use crate::error::{Error, ErrorKind};

/// Every department code, in INSEE order. [`Department`] is an index into this table.
pub const DEPARTMENT_CODES: [&str; 101] = [
    "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "2A", "2B", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
    "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47",
    "48", "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61", "62", "63",
    "64", "65", "66", "67", "68", "69", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79",
    "80", "81", "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93", "94", "95",
    "971", "972", "973", "974", "976",
];

/// A French department (the holder's domicile decides the regional rate: CGI art. 1599 octodecies,
/// CIBS L421-43).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Department(u8);

impl Department {
    /// Number of departments.
    pub const COUNT: usize = DEPARTMENT_CODES.len();

    /// Reads a department code: `"33"`, `"2A"` (or `"2a"`), `"971"`; a single digit is read with its
    /// leading zero (`"1"` is `"01"`).
    ///
    /// # Errors
    ///
    /// `department.unknown` for a code that is not a French department (`20` included).
    pub fn parse(code: &str) -> Result<Self, Error> {
        Self::lookup(crate::model::plate::trim(code).as_bytes()).ok_or_else(|| unknown(code))
    }

    fn lookup(b: &[u8]) -> Option<Self> {
        let digit = |c: u8| c.is_ascii_digit().then(|| c - b'0');
        let index = match *b {
            [d] => match digit(d)? {
                0 => return None,
                n => n - 1,
            },
            [b'2', l] if l.eq_ignore_ascii_case(&b'a') => 19,
            [b'2', l] if l.eq_ignore_ascii_case(&b'b') => 20,
            [t, u] => match digit(t)? * 10 + digit(u)? {
                n @ 1..=19 => n - 1,
                n @ 21..=95 => n,
                _ => return None,
            },
            [b'9', b'7', u] => match digit(u)? {
                n @ 1..=4 => 95 + n,
                6 => 100,
                _ => return None,
            },
            _ => return None,
        };
        Some(Department(index))
    }

    /// The department at `index` in [`DEPARTMENT_CODES`].
    #[must_use]
    pub fn from_index(index: usize) -> Option<Self> {
        (index < Self::COUNT).then_some(Department(index as u8))
    }

    /// The department's position in [`DEPARTMENT_CODES`].
    #[must_use]
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The INSEE code, e.g. `"2A"`.
    #[must_use]
    pub fn code(self) -> &'static str {
        DEPARTMENT_CODES[self.index()]
    }

    /// Every department, in INSEE order.
    pub fn all() -> impl Iterator<Item = Department> {
        (0..Self::COUNT as u8).map(Department)
    }
}

fn unknown(code: &str) -> Error {
    let shown: String = code.chars().take(40).collect();
    let hint_fr = if code.trim() == "20" {
        " (la Corse est 2A ou 2B)"
    } else {
        ""
    };
    let hint_en = if code.trim() == "20" {
        " (Corsica is 2A or 2B)"
    } else {
        ""
    };
    Error::new(
        ErrorKind::UnknownDepartment,
        "department.unknown",
        None,
        format!("« {shown} » n'est pas un département français{hint_fr}"),
        format!("'{shown}' is not a French department{hint_en}"),
    )
}

impl fmt::Debug for Department {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Department({})", self.code())
    }
}

impl fmt::Display for Department {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Department {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips() {
        for (i, code) in DEPARTMENT_CODES.iter().enumerate() {
            let d = Department::parse(code).expect("known code");
            assert_eq!(d.index(), i);
            assert_eq!(d.code(), *code);
        }
    }

    #[test]
    fn accepts_short_and_lower_case_forms() {
        assert_eq!(Department::parse("1").expect("01").code(), "01");
        assert_eq!(Department::parse("2a").expect("2A").code(), "2A");
        assert_eq!(Department::parse(" 33 ").expect("33").code(), "33");
    }

    #[test]
    fn rejects_what_is_not_a_department() {
        for bad in [
            "", "0", "00", "20", "96", "975", "977", "2C", "ABC", "1234", "٣٣",
        ] {
            let e = Department::parse(bad).expect_err(bad);
            assert_eq!(e.code(), "department.unknown");
        }
        assert!(
            Department::parse("20")
                .expect_err("20")
                .message_en()
                .contains("2A or 2B")
        );
    }
}
