//! Each city's office calendar: its office hours and closing days decide when a filing
//! counts from and when it is due, not another city's.

use chrono::{NaiveDate, TimeZone, Utc};
use madoguchi_app::kernel::tenancy::{TenancyError, TenantSettings};
use madoguchi_core::{Localized, ProcedureId, TenantId};
use madoguchi_testkit::{TestApp, db_test, defaults};

/// Akita with Sendai's organisation (so it offers 住民票の写し, 3 business days) and `settings`.
fn akita(t: &TestApp, settings: TenantSettings) -> TenantId {
    let name = Localized::new("秋田市", "Akita City");
    let id = t
        .app
        .add_tenant("052019", &name, &settings)
        .unwrap()
        .unwrap();
    let mut org = defaults::municipality();
    org.tenant.id = id.clone();
    org.tenant.name = name;
    org.tenant.authority = None;
    t.app.apply_municipality(&org).unwrap();
    id
}

/// The due date of 住民票の写し filed now in `tenant`.
fn due_on(t: &TestApp, tenant: &TenantId, day: NaiveDate) -> NaiveDate {
    let data = defaults::example_on("juminhyo-copy", "self-whole-household.json", day);
    let key = uuid::Uuid::new_v4().to_string();
    let outcome = t
        .app
        .filing(tenant)
        .submit_data(
            &ProcedureId::new("juminhyo-copy"),
            data,
            &key,
            defaults::RESIDENT_ADDRESS,
        )
        .unwrap();
    outcome
        .receipt()
        .due_on
        .expect("a standard processing period")
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

db_test!(fn a_city_closing_day_moves_its_due_dates_only(db) {
    // Friday 12 June 2026, 10:00 in Japan: both offices are open.
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"])
        .clock_at(Utc.with_ymd_and_hms(2026, 6, 12, 1, 0, 0).unwrap()).build();
    let sendai = t.tenant();
    let closed = TenantSettings { closing_days: vec!["06-16".into()], ..TenantSettings::default() };
    let akita = akita(&t, closed);
    // Sendai: Mon 15, Tue 16, Wed 17. Akita is closed on the 16th: Mon 15, Wed 17, Thu 18.
    assert_eq!(due_on(&t, &sendai, d(6, 12)), d(6, 17));
    assert_eq!(due_on(&t, &akita, d(6, 12)), d(6, 18));
    assert!(!t.app.office_calendar(&akita).days.is_business_day(d(6, 16)));
    assert!(t.app.office_calendar(&sendai).days.is_business_day(d(6, 16)));
});

db_test!(fn a_filing_after_one_city_closes_counts_from_its_next_business_day(db) {
    // Friday 12 June 2026, 17:05 in Japan: Sendai (8:30–17:00) has closed, Akita
    // (8:30–17:15, its file's hours) has not.
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"])
        .clock_at(Utc.with_ymd_and_hms(2026, 6, 12, 8, 5, 0).unwrap()).build();
    let sendai = t.tenant();
    let hours = TenantSettings { office_hours: Some("8:30–17:15".into()), ..TenantSettings::default() };
    let akita = akita(&t, hours);
    // Sendai counts from Monday 15th (due Thu 18); Akita from Friday 12th (due Wed 17).
    assert_eq!(due_on(&t, &sendai, d(6, 12)), d(6, 18));
    assert_eq!(due_on(&t, &akita, d(6, 12)), d(6, 17));
});

db_test!(fn office_hours_and_closing_days_that_do_not_read_are_refused(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"]).build();
    let name = Localized::new("秋田市", "Akita City");
    let backwards = TenantSettings { office_hours: Some("17:15–8:30".into()), ..TenantSettings::default() };
    assert_eq!(t.app.add_tenant("052019", &name, &backwards).unwrap(), Err(TenancyError::OfficeHours("17:15–8:30".into())));
    let slash = TenantSettings { closing_days: vec!["12/29".into()], ..TenantSettings::default() };
    assert_eq!(t.app.add_tenant("052019", &name, &slash).unwrap(), Err(TenancyError::ClosingDay("12/29".into())));
});

// The organisation file's office hours and closing days are applied to its city's settings.
db_test!(fn the_organisation_file_gives_the_city_its_hours(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"]).build();
    let id = t.app.add_tenant("052019", &Localized::new("秋田市", "Akita City"), &TenantSettings::default()).unwrap().unwrap();
    let mut org = defaults::municipality();
    org.tenant.id = id.clone();
    org.tenant.office_hours = Some("8:30–17:15".into());
    org.tenant.closing_days = vec!["08-13".into()];
    t.app.apply_municipality(&org).unwrap();
    let settings = t.app.tenant(&id).unwrap().settings;
    assert_eq!(settings.office_hours.as_deref(), Some("8:30–17:15"));
    assert_eq!(settings.closing_days, ["08-13"]);
    let hours = t.app.office_calendar(&id).hours;
    assert_eq!(hours.closes, chrono::NaiveTime::from_hms_opt(17, 15, 0).unwrap());
    assert_eq!(t.app.office_calendar(&t.tenant()).hours.closes, chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap(), "Sendai's stay");
});

db_test!(fn a_city_closing_day_moves_a_form_deadline_in_that_city_only(db) {
    // Friday 12 June 2026, 10:00 in Japan. A child born that day: day 14 of the 出生届 is
    // Thursday 25 June, a closing day in Akita only, so a visit on Friday 26 June is late
    // in Sendai (warned) and in time in Akita (the deadline moves to its next opening day).
    let t = TestApp::builder().db(db).forms(["shussei-todoke"])
        .clock_at(Utc.with_ymd_and_hms(2026, 6, 12, 1, 0, 0).unwrap()).build();
    let sendai = t.tenant();
    let closed = TenantSettings { closing_days: vec!["06-25".into()], ..TenantSettings::default() };
    let akita = akita(&t, closed);
    let mut data = defaults::example("shussei-todoke", "day-14-counting-the-birth-day.json");
    data["child_birth_date"] = "2026-06-12".into();
    data["visit_date"] = "2026-06-26".into();
    let warned = |tenant: &TenantId| -> Vec<String> {
        let checked = t.app.filing(tenant).validate_data(&ProcedureId::new("shussei-todoke"), data.clone()).unwrap();
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        checked.warnings.iter().map(|w| format!("{} {}", w.pointer, w.code.code())).collect()
    };
    assert_eq!(warned(&sendai), ["/visit_date date_too_late"]);
    assert_eq!(warned(&akita), Vec::<String>::new());
});
