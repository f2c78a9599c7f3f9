//! Days of the year written `MM-DD` (a closed-days rule's list, an error's `related`):
//! read, and named as a message names them. A leaf: the rules and the messages both use
//! it, and it uses neither.

use chrono::NaiveDate;

/// `MM-DD` of a day that some year has (29 February included).
pub(crate) fn month_day(text: &str) -> Option<(u32, u32)> {
    let (m, d) = text.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
    NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
}

/// The days of an error's `related` (`01-01,01-02`) as the message names them.
pub(crate) fn named_days(related: &str, lang: madoguchi_core::Lang) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let days = related.split(',').filter_map(month_day);
    match lang {
        madoguchi_core::Lang::Ja => days
            .map(|(m, d)| format!("{m}月{d}日"))
            .collect::<Vec<_>>()
            .join("、"),
        _ => days
            .map(|(m, d)| format!("{d} {}", MONTHS[m as usize - 1]))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_days_in_each_language() {
        assert_eq!(
            named_days("01-01,01-02", madoguchi_core::Lang::Ja),
            "1月1日、1月2日"
        );
        assert_eq!(
            named_days("01-01,01-02", madoguchi_core::Lang::En),
            "1 January, 2 January"
        );
    }
}
