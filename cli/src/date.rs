//! Dates given on the command line, read by the core's one strict reader
//! ([`duplicata_core::parse_date`]): exactly `YYYY-MM-DD`, a day that exists, from 1900-01-01 to
//! 2099-12-31. Anything else is `request.invalid_date` naming the argument. Whether the engine
//! answers for a date is the engine's to say (`request.date_out_of_range` before the SIV opened).

/// Reads `text`, the value of the argument `field`, as a calendar date.
pub(crate) use duplicata_core::parse_date;

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn only_real_days_written_yyyy_mm_dd() {
        for ok in [
            "2019-06-01",
            "2024-02-29",
            "2009-04-15",
            "1900-01-01",
            "2099-12-31",
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
            "0000-01-01",
            "0001-01-01",
            "9999-12-31",
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
