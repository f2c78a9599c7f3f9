//! Each municipality's office calendar: its office hours and its own closing days
//! (`TenantSettings::office_hours`, `closing_days`) over the deployment's national
//! holidays and year-end closure. Deadlines, processing days and the "received on" of a
//! filing follow the filing's municipality, never another's.

use chrono::{Datelike, NaiveDate, NaiveTime};
use madoguchi_core::TenantId;
use madoguchi_forms::{ClosedDays, FilingDay};
use madoguchi_workflow::{BusinessCalendar, OfficeHours};

use crate::kernel::App;
use crate::kernel::tenancy::TenancyError;

/// Closing days written `MM-DD` recur every year; these years around today are closed.
const YEARS_AROUND: i32 = 3;

/// A municipality's business days and hours.
#[derive(Clone, Debug)]
pub struct OfficeCalendar {
    pub days: BusinessCalendar,
    pub hours: OfficeHours,
}

/// `8:30–17:15` (an en dash, a hyphen, `~` or `〜` between) as office hours.
pub fn parse_office_hours(text: &str) -> Result<OfficeHours, TenancyError> {
    let wrong = || TenancyError::OfficeHours(text.to_string());
    let (opens, closes) = text.split_once(['–', '-', '~', '〜']).ok_or_else(wrong)?;
    let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| wrong());
    let (opens, closes) = (time(opens)?, time(closes)?);
    if opens >= closes {
        return Err(wrong());
    }
    Ok(OfficeHours { opens, closes })
}

/// `MM-DD` as (month, day); 02-29 is allowed (closed in leap years only).
pub fn parse_closing_day(text: &str) -> Result<(u32, u32), TenancyError> {
    let wrong = || TenancyError::ClosingDay(text.to_string());
    let (m, d) = text.split_once('-').ok_or_else(wrong)?;
    let (m, d): (u32, u32) = (
        m.parse().map_err(|_| wrong())?,
        d.parse().map_err(|_| wrong())?,
    );
    if text.len() != 5 || NaiveDate::from_ymd_opt(2024, m, d).is_none() {
        return Err(wrong());
    }
    Ok((m, d))
}

impl App {
    /// The filing day ([`App::filing_day`]) under `tenant`'s office calendar: a window end
    /// of a form that moves to the next opening day moves past the days this office is
    /// closed (weekends, national holidays, 12/29–1/3 and the city's own closing days).
    pub fn filing_day_in(&self, tenant: &TenantId) -> FilingDay {
        FilingDay::new(self.filing_day()).with_closed_days(self.closed_days(tenant))
    }

    /// The days `tenant`'s office is closed, for the forms engine.
    pub fn closed_days(&self, tenant: &TenantId) -> ClosedDays {
        let days = self.office_calendar(tenant).days;
        ClosedDays::new(move |d| !days.is_business_day(d))
    }

    /// The office calendar of `tenant`: its own hours and closing days where its settings
    /// give them, the deployment's otherwise (settings are checked when stored, so a
    /// value that does not parse is not met here; it would fall back).
    pub fn office_calendar(&self, tenant: &TenantId) -> OfficeCalendar {
        let settings = self.tenant(tenant).map(|t| t.settings).unwrap_or_default();
        let hours = settings
            .office_hours
            .as_deref()
            .and_then(|h| parse_office_hours(h).ok())
            .unwrap_or(self.config.office_hours);
        let days = (*self.calendar).clone();
        if settings.closing_days.is_empty() {
            return OfficeCalendar { days, hours };
        }
        let year = madoguchi_core::jst::date(self.now()).year();
        let closed = settings
            .closing_days
            .iter()
            .filter_map(|d| parse_closing_day(d).ok())
            .flat_map(|(m, d)| {
                (year - YEARS_AROUND..=year + YEARS_AROUND)
                    .filter_map(move |y| NaiveDate::from_ymd_opt(y, m, d))
            });
        OfficeCalendar {
            days: days.with_closed_days(closed),
            hours,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_hours_read_as_residents_see_them() {
        let h = parse_office_hours("8:30–17:15").unwrap();
        assert_eq!(h.opens, NaiveTime::from_hms_opt(8, 30, 0).unwrap());
        assert_eq!(h.closes, NaiveTime::from_hms_opt(17, 15, 0).unwrap());
        assert_eq!(
            parse_office_hours("08:30〜17:00")
                .unwrap()
                .closes
                .to_string(),
            "17:00:00"
        );
        for wrong in ["", "8:30", "17:00–8:30", "8:30–25:00", "朝–夕"] {
            assert_eq!(
                parse_office_hours(wrong),
                Err(TenancyError::OfficeHours(wrong.into())),
                "{wrong}"
            );
        }
    }

    #[test]
    fn closing_days_are_month_and_day() {
        assert_eq!(parse_closing_day("12-29"), Ok((12, 29)));
        assert_eq!(parse_closing_day("02-29"), Ok((2, 29)));
        for wrong in ["12/29", "13-01", "04-31", "1-3", "12-29-2026"] {
            assert!(parse_closing_day(wrong).is_err(), "{wrong}");
        }
    }
}
