//! Periods in months and years, counted as Japanese law counts them (民法 第140条〜第143条):
//! the day of the event is not counted (第140条, 初日不算入), so the period begins the next
//! day; a period in months or years runs by the calendar (第143条第1項) and ends at the end
//! of the day before the day of the last month that corresponds to its first day, or on the
//! last day of that month when it has no such day (第143条第2項); a period that begins on
//! the first day of a month ends on the last day of a month (第143条第1項, counted from the
//! start of a month).
//!
//! [`months_after`] is the last day of such a period: "within n months of X" accepts every
//! day up to `months_after(X, n)`. Counted out, that is the day of X's day-of-month n
//! months later — 15 January + 1 month is 15 February — except that a month-end goes to a
//! month-end (31 January, 30 April and 28 February 2023 + 1 month are 28 February, 31 May
//! and 31 March) and a day the later month lacks goes to its last day (30 January + 1 month
//! is 28 February, 29 February 2024 + 1 year is 28 February 2025).
//!
//! Ages count a period that begins on the birth date itself (年齢計算ニ関スル法律: the day of
//! birth is counted), so n months of age are completed at the end of
//! `months_after(birth − 1 day, n)`.

use chrono::{Datelike, Days, Months, NaiveDate};

/// Months further than this from the day counted from are not a period anyone means.
pub(crate) const MAX_MONTHS: i64 = 1_200;

/// The last day of the month `months` months after the month of `day`.
fn month_end(day: NaiveDate, months: u32) -> Option<NaiveDate> {
    let first = day.with_day(1)?.checked_add_months(Months::new(months))?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

fn is_month_end(day: NaiveDate) -> bool {
    day.succ_opt().is_some_and(|next| next.day() == 1)
}

/// The last day of a period of `months` months (12 per year) that begins the day after
/// `day` (see the module docs). `None` only far outside any calendar a filing uses.
pub(crate) fn months_after(day: NaiveDate, months: u32) -> Option<NaiveDate> {
    if is_month_end(day) {
        return month_end(day, months);
    }
    // chrono keeps the day of the month and clamps a missing one to the month's last day.
    day.checked_add_months(Months::new(months))
}

/// The earliest day whose period of `months` months still reaches `day`: a date on or
/// after it is "within `months` months before `day`" (`months_after(d, n) >= day`).
pub(crate) fn earliest_reaching(day: NaiveDate, months: u32) -> Option<NaiveDate> {
    // The corresponding day is at most three days (a month-end) away from the answer.
    let mut d = day
        .checked_sub_months(Months::new(months))?
        .checked_sub_days(Days::new(4))?;
    while months_after(d, months)? < day {
        d = d.succ_opt()?;
    }
    Some(d)
}

/// The latest day whose period of `months` months ends on or before `day`: a date on or
/// before it is "at least `months` months before `day`" (`months_after(d, n) <= day`).
pub(crate) fn latest_ended(day: NaiveDate, months: u32) -> Option<NaiveDate> {
    let mut d = day
        .checked_sub_months(Months::new(months))?
        .checked_add_days(Days::new(4))?;
    while months_after(d, months)? > day {
        d = d.pred_opt()?;
    }
    Some(d)
}

/// Completed months of age on `on` for someone born on `birth`, counted as the law counts
/// ages: the n-th month is completed on the day before the day that corresponds to the birth
/// date (the day a year of age is reached, as `legal_age` counts years). Someone not yet
/// born on `on` is -1.
pub fn age_in_months(birth: NaiveDate, on: NaiveDate) -> i64 {
    let Some(eve) = birth.pred_opt() else {
        return -1;
    };
    if birth > on {
        return -1;
    }
    let rough = (on.year() - birth.year()) * 12 + on.month() as i32 - birth.month() as i32;
    let mut n = u32::try_from(rough.max(0)).unwrap_or(0);
    let reached = |n: u32| months_after(eve, n).is_some_and(|end| end <= on);
    while n > 0 && !reached(n) {
        n -= 1;
    }
    while reached(n + 1) {
        n += 1;
    }
    i64::from(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_period_ends_the_day_before_the_corresponding_day() {
        // 民法 第143条第2項: from 15 January (counted from the 16th), one month ends on
        // 15 February.
        assert_eq!(months_after(d(2026, 1, 15), 1), Some(d(2026, 2, 15)));
        assert_eq!(months_after(d(2026, 11, 24), 24), Some(d(2028, 11, 24)));
        // Year ends: December + 1 month is January of the next year.
        assert_eq!(months_after(d(2026, 12, 15), 1), Some(d(2027, 1, 15)));
        assert_eq!(months_after(d(2026, 12, 31), 1), Some(d(2027, 1, 31)));
        assert_eq!(months_after(d(2026, 12, 30), 2), Some(d(2027, 2, 28)));
    }

    #[test]
    fn a_missing_corresponding_day_ends_the_period_on_the_last_day_of_the_month() {
        // Counted from 31 January, February has no 31st: 28 February (29th in leap years).
        assert_eq!(months_after(d(2026, 1, 30), 1), Some(d(2026, 2, 28)));
        assert_eq!(months_after(d(2024, 1, 30), 1), Some(d(2024, 2, 29)));
        assert_eq!(months_after(d(2026, 1, 29), 1), Some(d(2026, 2, 28)));
        assert_eq!(months_after(d(2024, 1, 29), 1), Some(d(2024, 2, 29)));
        assert_eq!(months_after(d(2024, 1, 28), 1), Some(d(2024, 2, 28)));
        // A 31-day month after a 30-day one: counted from 31 March, 30 April.
        assert_eq!(months_after(d(2026, 3, 30), 1), Some(d(2026, 4, 30)));
    }

    #[test]
    fn a_period_beginning_on_the_first_of_a_month_ends_on_a_month_end() {
        // From a month's last day the period begins on the 1st (第143条第1項).
        assert_eq!(months_after(d(2026, 1, 31), 1), Some(d(2026, 2, 28)));
        assert_eq!(months_after(d(2026, 4, 30), 1), Some(d(2026, 5, 31)));
        assert_eq!(months_after(d(2023, 2, 28), 12), Some(d(2024, 2, 29)));
        assert_eq!(months_after(d(2024, 2, 29), 12), Some(d(2025, 2, 28)));
        assert_eq!(months_after(d(2024, 2, 28), 12), Some(d(2025, 2, 28)));
        // 高額療養費: a claim for January 2024 runs from 1 February 2024 for 2 years.
        assert_eq!(months_after(d(2024, 1, 31), 24), Some(d(2026, 1, 31)));
    }

    #[test]
    fn counting_back_finds_the_first_and_last_days_that_fit() {
        // Within 1 month before 15 March: from 15 February (whose month ends on 15 March).
        assert_eq!(earliest_reaching(d(2026, 3, 15), 1), Some(d(2026, 2, 15)));
        // Within 1 month before 31 March: 28 February 2026 ends on 31 March.
        assert_eq!(earliest_reaching(d(2026, 3, 31), 1), Some(d(2026, 2, 28)));
        // 30 March: 28 February reaches 31 March; 27 February only 27 March.
        assert_eq!(earliest_reaching(d(2026, 3, 30), 1), Some(d(2026, 2, 28)));
        // 28 February 2026: 28 January reaches it (and so do 29–31 January).
        assert_eq!(earliest_reaching(d(2026, 2, 28), 1), Some(d(2026, 1, 28)));
        assert_eq!(latest_ended(d(2026, 2, 28), 1), Some(d(2026, 1, 31)));
        assert_eq!(latest_ended(d(2026, 3, 30), 1), Some(d(2026, 2, 27)));
        // Two years back across 29 February.
        assert_eq!(earliest_reaching(d(2026, 2, 28), 24), Some(d(2024, 2, 28)));
        assert_eq!(latest_ended(d(2026, 2, 28), 24), Some(d(2024, 2, 29)));
        for day in [d(2026, 3, 1), d(2025, 12, 31), d(2028, 2, 29)] {
            for n in [1, 2, 12, 24] {
                let from = earliest_reaching(day, n).unwrap();
                assert!(months_after(from, n).unwrap() >= day);
                assert!(months_after(from.pred_opt().unwrap(), n).unwrap() < day);
                let to = latest_ended(day, n).unwrap();
                assert!(months_after(to, n).unwrap() <= day);
                assert!(months_after(to.succ_opt().unwrap(), n).unwrap() > day);
            }
        }
    }

    #[test]
    fn months_of_age_are_completed_the_day_before_the_corresponding_day() {
        // Born 10 May 2024: 18 months on 9 November 2025, 24 months on 9 May 2026.
        let born = d(2024, 5, 10);
        assert_eq!(age_in_months(born, d(2025, 11, 8)), 17);
        assert_eq!(age_in_months(born, d(2025, 11, 9)), 18);
        assert_eq!(age_in_months(born, d(2026, 5, 8)), 23);
        assert_eq!(age_in_months(born, d(2026, 5, 9)), 24);
        // Born on the 1st: a month is completed on the last day of the month.
        assert_eq!(age_in_months(d(2024, 3, 1), d(2025, 8, 30)), 17);
        assert_eq!(age_in_months(d(2024, 3, 1), d(2025, 8, 31)), 18);
        // Born 31 August: February has no day before "31 February", so the 6th month is
        // completed on its last day.
        assert_eq!(age_in_months(d(2024, 8, 31), d(2025, 2, 27)), 5);
        assert_eq!(age_in_months(d(2024, 8, 31), d(2025, 2, 28)), 6);
        // Born 29 February 2024: 18 months on 28 August 2025, 12 on 28 February 2025.
        let leap = d(2024, 2, 29);
        assert_eq!(age_in_months(leap, d(2025, 2, 27)), 11);
        assert_eq!(age_in_months(leap, d(2025, 2, 28)), 12);
        assert_eq!(age_in_months(leap, d(2025, 8, 27)), 17);
        assert_eq!(age_in_months(leap, d(2025, 8, 28)), 18);
        // Not yet born, and the day of birth.
        assert_eq!(age_in_months(born, d(2024, 5, 9)), -1);
        assert_eq!(age_in_months(born, born), 0);
    }

    #[test]
    fn months_of_age_agree_with_years_of_age() {
        let on = d(2026, 11, 24);
        let mut birth = d(2019, 1, 1);
        while birth <= on {
            assert_eq!(
                age_in_months(birth, on) / 12,
                crate::rules::legal_age(birth, on),
                "{birth}"
            );
            birth = birth.succ_opt().unwrap();
        }
    }
}
