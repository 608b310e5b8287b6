//! Dates without a date library: RFC 3339 timestamps and plain dates to Unix seconds.

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(s: &str, range: std::ops::Range<usize>) -> Option<i64> {
    let part = s.get(range)?;
    part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
}

fn byte(s: &str, i: usize) -> Option<u8> {
    s.as_bytes().get(i).copied()
}

/// What [`format`] writes with a four-digit year, and so what [`parse`] may return:
/// 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z. An offset could push a time past either.
const FIRST: i64 = -62_167_219_200;
const LAST: i64 = 253_402_300_799;

fn date_part(s: &str) -> Option<i64> {
    if s.len() < 10 || byte(s, 4) != Some(b'-') || byte(s, 7) != Some(b'-') {
        return None;
    }
    let (y, m, d) = (digits(s, 0..4)?, digits(s, 5..7)?, digits(s, 8..10)?);
    ((1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d)).then(|| days_from_civil(y, m, d))
}

/// Parse `YYYY-MM-DD` (midnight UTC) or an RFC 3339 timestamp such as
/// `2025-05-31T08:30:00+07:00` or `2025-05-31T01:30:00.5Z`, to Unix seconds.
pub fn parse(s: &str) -> Option<i64> {
    let s = s.trim();
    let days = date_part(s)?;
    if s.len() == 10 {
        return Some(days * 86_400);
    }
    if !matches!(byte(s, 10), Some(b'T' | b't' | b' ')) || s.len() < 20 || byte(s, 13) != Some(b':') || byte(s, 16) != Some(b':') {
        return None;
    }
    let (hh, mm, ss) = (digits(s, 11..13)?, digits(s, 14..16)?, digits(s, 17..19)?);
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let mut rest = s.get(19..)?;
    if let Some(frac) = rest.strip_prefix('.') {
        rest = frac.trim_start_matches(|c: char| c.is_ascii_digit());
        if rest.len() == frac.len() {
            return None;
        }
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && byte(rest, 3) == Some(b':') => {
            let sign = match byte(rest, 0) {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let (oh, om) = (digits(rest, 1..3)?, digits(rest, 4..6)?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
        _ => return None,
    };
    let t = days * 86_400 + hh * 3600 + mm * 60 + ss - offset;
    (FIRST..=LAST).contains(&t).then_some(t)
}

/// Unix seconds as an RFC 3339 UTC timestamp.
pub fn format(t: i64) -> String {
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// The current time in Unix seconds, from the platform's clock.
pub fn now() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        crate::platform::hooks().map_or(0, |h| (h.now)())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    }
}

/// The calendar year of a Unix time, in UTC.
pub fn year(t: i64) -> i64 {
    civil_from_days(t.div_euclid(86_400)).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_timestamps() {
        assert_eq!(parse("1970-01-01"), Some(0));
        assert_eq!(parse("2025-05-31T08:30:00+07:00"), parse("2025-05-31T01:30:00Z"));
        assert_eq!(parse("2024-02-29T00:00:00.250Z"), Some(1_709_164_800));
        assert_eq!(format(1_709_164_800), "2024-02-29T00:00:00Z");
        assert_eq!(year(parse("2026-11-22T10:00:00Z").unwrap()), 2026);
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in ["", "2023-02-29", "2025-13-01", "31/05/2025", "2025-05-31T25:00:00Z", "2025-05-31T10:00:00", "2025-05-31T10:00:00+7"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn round_trips_across_eras() {
        for t in [-2_208_988_800, -1, 0, 951_782_400, 4_102_444_800] {
            assert_eq!(parse(&format(t)), Some(t));
        }
    }
}
