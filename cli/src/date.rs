//! Dates given on the command line, read strictly: exactly `YYYY-MM-DD` (four-digit year, two-digit
//! month and day, ASCII digits, no sign, no space), and a day that exists. Anything else is
//! `request.invalid_date` naming the argument. The range of dates the engine answers for is the
//! engine's to check (`request.date_out_of_range` before the SIV opened).

use chrono::NaiveDate;
use duplicata_core::{Error, ErrorKind};

/// Reads `text`, the value of the argument `field`, as a calendar date.
pub(crate) fn parse_date(text: &str, field: &str) -> Result<NaiveDate, Error> {
    strict(text.as_bytes()).ok_or_else(|| {
        // The text is quoted as given, control characters escaped, so the message stays one line.
        let shown: String = text
            .chars()
            .take(40)
            .flat_map(char::escape_default)
            .collect();
        Error::new(
            ErrorKind::InvalidRequest,
            "request.invalid_date",
            Some(field),
            format!("« {shown} » n'est pas une date réelle au format AAAA-MM-JJ ({field})"),
            format!("'{shown}' is not a real date in the form YYYY-MM-DD ({field})"),
        )
    })
}

fn strict(b: &[u8]) -> Option<NaiveDate> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *b else {
        return None;
    };
    let digits = |ds: &[u8]| {
        ds.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(digits(&[y1, y2, y3, y4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&[m1, m2])?, digits(&[d1, d2])?)
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn only_real_days_written_yyyy_mm_dd() {
        for ok in [
            "2019-06-01",
            "2024-02-29",
            "2009-04-15",
            "0001-01-01",
            "9999-12-31",
        ] {
            let d = parse_date(ok, "date").expect(ok);
            assert_eq!(d.format("%Y-%m-%d").to_string(), ok);
        }
        for bad in [
            "+2019-06-01",
            "2019-6-1",
            " 2019-06-01",
            "2019-06-01 ",
            "+0002019-06-01",
            "+99999-12-31",
            "2019-02-30",
            "2023-02-29",
            "2019-13-01",
            "2019-00-10",
            "2019-06-00",
            "2019/06/01",
            "20190601",
            "2019-06-01T00:00",
            "２０１９-06-01",
            "",
        ] {
            let e = parse_date(bad, "date").expect_err(bad);
            assert_eq!(e.code(), "request.invalid_date", "{bad}");
            assert_eq!(e.field(), Some("date"), "{bad}");
        }
    }
}
