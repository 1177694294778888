//! Calendar arithmetic and how dates and moments are written, without a date crate (the browser
//! build uses it too): Unix seconds to calendar dates and months and back, Belgian time with its
//! summer time, and dates, months and moments as each language writes them.

/// A date (from Unix seconds, UTC) as the reader writes it: 29-11-2026, 29/11/2026, 29.11.2026.
pub fn format_date(unix_seconds: i64, lang: crate::i18n::Lang) -> String {
    let (y, m, d) = civil(unix_seconds);
    let sep = lang.pick(["-", "/", ".", "/"]);
    format!("{d:02}{sep}{m:02}{sep}{y}")
}

/// A date the server wrote as `2027-03-01`, as the reader writes it: French readers get
/// 01/03/2027; the other languages keep it as written.
pub fn reader_date(iso: &str, lang: crate::i18n::Lang) -> String {
    match (lang, iso.split('-').collect::<Vec<_>>().as_slice()) {
        (crate::i18n::Lang::Fr, [y, m, d]) => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// The UTC calendar date `(year, month, day)` of a Unix time (Howard Hinnant's algorithm), so
/// the browser build needs no date crate.
pub fn civil(unix_seconds: i64) -> (i64, i64, i64) {
    let z = unix_seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The offset of Belgian time from UTC at a moment, in seconds: one hour, and two in summer
/// time (from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October).
pub fn brussels_offset(unix_seconds: i64) -> i64 {
    let (y, _, _) = civil(unix_seconds);
    // The last Sunday of a month that has 31 days, at 01:00 UTC (1 January 1970 was a Thursday).
    let last_sunday = |month: i64| {
        let day = month_start(y * 12 + month - 1).div_euclid(86_400) + 30;
        (day - (day + 4).rem_euclid(7)) * 86_400 + 3_600
    };
    if (last_sunday(3)..last_sunday(10)).contains(&unix_seconds) { 7_200 } else { 3_600 }
}

/// A moment as the reader writes it, in Belgian time: 29-11-2026 21:05, 29/11/2026 21:05.
pub fn format_date_time(unix_seconds: i64, lang: crate::i18n::Lang) -> String {
    let local = unix_seconds + brussels_offset(unix_seconds);
    let minutes = local.rem_euclid(86_400) / 60;
    format!("{} {:02}:{:02}", format_date(local, lang), minutes / 60, minutes % 60)
}

/// A moment as a `datetime-local` field holds it, in Belgian time: `2026-11-29T21:05`.
pub fn local_input(unix_seconds: i64) -> String {
    let local = unix_seconds + brussels_offset(unix_seconds);
    let (y, m, d) = civil(local);
    let minutes = local.rem_euclid(86_400) / 60;
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Reads a `datetime-local` value (`2026-11-29T21:05`, seconds allowed) as Belgian time, into
/// Unix seconds; `None` when it is not a real moment.
pub fn parse_local_input(value: &str) -> Option<i64> {
    let (date, time) = value.trim().split_once('T')?;
    let mut date = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (date.next()??, date.next()??, date.next()??);
    let mut time = time.split(':').map(|p| p.parse::<f64>().ok());
    let (h, min) = (time.next()?? as i64, time.next()?? as i64);
    if !(1900..=9999).contains(&y) || !(1..=12).contains(&m) || !(0..24).contains(&h) || !(0..60).contains(&min) {
        return None;
    }
    let day = month_start(y * 12 + m - 1) + (d - 1) * 86_400;
    if d < 1 || civil(day).1 != m {
        return None;
    }
    let local = day + h * 3_600 + min * 60;
    // The offset that holds at that moment (an hour either way around the change is as said).
    Some(local - brussels_offset(local - 3_600))
}

/// The calendar month of a Unix time as one number: `year * 12 + month - 1`.
pub fn month_of(unix_seconds: i64) -> i64 {
    let (y, m, _) = civil(unix_seconds);
    y * 12 + m - 1
}

/// The first second of a month number of [`month_of`] (UTC).
pub fn month_start(month: i64) -> i64 {
    let (y, m) = (month.div_euclid(12), month.rem_euclid(12) + 1);
    // Days from civil (Howard Hinnant's algorithm), for the first day of the month.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

/// A month number of [`month_of`] as the reader says it: "nov 2026", "nov. 2026", "Nov. 2026".
pub fn format_month(month: i64, lang: crate::i18n::Lang) -> String {
    const NAMES: [[&str; 4]; 12] = [
        ["jan", "janv.", "Jan.", "Jan"],
        ["feb", "févr.", "Feb.", "Feb"],
        ["mrt", "mars", "März", "Mar"],
        ["apr", "avr.", "Apr.", "Apr"],
        ["mei", "mai", "Mai", "May"],
        ["jun", "juin", "Juni", "Jun"],
        ["jul", "juil.", "Juli", "Jul"],
        ["aug", "août", "Aug.", "Aug"],
        ["sep", "sept.", "Sept.", "Sep"],
        ["okt", "oct.", "Okt.", "Oct"],
        ["nov", "nov.", "Nov.", "Nov"],
        ["dec", "déc.", "Dez.", "Dec"],
    ];
    let name = lang.pick(NAMES[month.rem_euclid(12) as usize]);
    format!("{name} {}", month.div_euclid(12))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_numbered_across_years_and_named_in_each_language() {
        use crate::i18n::Lang;
        // 2026-11-29 12:00 UTC and 2024-02-29 (a leap day).
        assert_eq!(civil(1_795_953_600), (2026, 11, 29));
        assert_eq!(civil(1_709_164_800), (2024, 2, 29));
        assert_eq!(month_of(1_795_953_600), 2026 * 12 + 10);
        assert_eq!(month_of(1_795_953_600) - month_of(1_709_164_800), 33);
        assert_eq!(format_month(2026 * 12 + 10, Lang::Nl), "nov 2026");
        assert_eq!(month_start(2024 * 12 + 1), 1_706_745_600, "1 February 2024");
        assert_eq!(month_start(1970 * 12), 0);
        for month in [1970 * 12, 2000 * 12 + 1, 2024 * 12 + 2, 2026 * 12 + 11] {
            assert_eq!(month_of(month_start(month)), month);
            assert_eq!(month_of(month_start(month) - 1), month - 1);
        }
        assert_eq!(format_month(2027 * 12, Lang::Fr), "janv. 2027");
        assert_eq!(format_month(2024 * 12 + 2, Lang::De), "März 2024");
    }

    #[test]
    fn dates_are_written_day_first_in_each_language() {
        use crate::i18n::Lang;
        assert_eq!(format_date(0, Lang::Nl), "01-01-1970");
        assert_eq!(format_date(1_796_000_000, Lang::De), "30.11.2026");
        assert_eq!(format_date(951_782_400, Lang::Fr), "29/02/2000");
        assert_eq!(reader_date("2027-03-01", Lang::Fr), "01/03/2027");
        assert_eq!(reader_date("2027-03-01", Lang::Nl), "2027-03-01");
        assert_eq!(reader_date("soon", Lang::Fr), "soon");
    }

    #[test]
    fn belgian_time_is_one_hour_ahead_and_two_in_summer() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let start = 1_774_746_000; // 2026-03-29 01:00:00 UTC
        let end = 1_792_890_000; // 2026-10-25 01:00:00 UTC
        assert_eq!(brussels_offset(start - 1), 3_600);
        assert_eq!(brussels_offset(start), 7_200);
        assert_eq!(brussels_offset(end - 1), 7_200);
        assert_eq!(brussels_offset(end), 3_600);
        assert_eq!(format_date_time(1_796_329_800, crate::i18n::Lang::Nl), "03-12-2026 21:30");
        assert_eq!(local_input(1_796_329_800), "2026-12-03T21:30");
        assert_eq!(local_input(start), "2026-03-29T03:00");
    }

    #[test]
    fn a_local_moment_reads_back_as_the_same_instant() {
        for t in [1_796_329_800, 1_774_746_000 + 86_400, 1_779_999_960] {
            assert_eq!(parse_local_input(&local_input(t)), Some(t), "{}", local_input(t));
        }
        assert_eq!(parse_local_input("2026-12-03T21:30:00"), Some(1_796_329_800));
        for bad in ["", "2026-02-30T10:00", "2026-13-01T10:00", "2026-12-03", "2026-12-03T24:00", "x-y-zTa:b"] {
            assert_eq!(parse_local_input(bad), None, "{bad}");
        }
    }
}
