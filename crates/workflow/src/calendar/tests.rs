use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The Cabinet Office's published list for 2026 (内閣府「国民の祝日について」).
#[test]
fn holidays_of_2026_match_the_cabinet_office_list() {
    let expected = [
        d(2026, 1, 1),
        d(2026, 1, 12),
        d(2026, 2, 11),
        d(2026, 2, 23),
        d(2026, 3, 20),
        d(2026, 4, 29),
        d(2026, 5, 3),
        d(2026, 5, 4),
        d(2026, 5, 5),
        d(2026, 5, 6),
        d(2026, 7, 20),
        d(2026, 8, 11),
        d(2026, 9, 21),
        d(2026, 9, 22),
        d(2026, 9, 23),
        d(2026, 10, 12),
        d(2026, 11, 3),
        d(2026, 11, 23),
    ];
    let found: Vec<NaiveDate> = d(2026, 1, 1)
        .iter_days()
        .take_while(|day| day.year() == 2026)
        .filter(|&day| is_holiday(day))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn substitute_and_citizens_holidays() {
    // 2027-03-21 (vernal equinox) is a Sunday, so Monday the 22nd is off.
    assert_eq!(statutory_holiday_name(d(2027, 3, 21)), Some("春分の日"));
    assert!(is_substitute_holiday(d(2027, 3, 22)));
    // 2026-09-22 lies between 敬老の日 and 秋分の日.
    assert!(is_citizens_holiday(d(2026, 9, 22)));
    // 2020 Olympic moves.
    assert_eq!(statutory_holiday_name(d(2020, 7, 24)), Some("スポーツの日"));
    assert_eq!(statutory_holiday_name(d(2020, 10, 12)), None);
}

#[test]
fn business_days_skip_weekends_holidays_and_the_year_end_closure() {
    let cal = BusinessCalendar::new();
    // Fri 2026-12-25 + 3 business days: 28 (Mon), then 12/29–1/3 closed, 1/4 (Mon), 1/5.
    assert_eq!(cal.add_business_days(d(2026, 12, 25), 3), d(2027, 1, 5));
    // Arrival on Fri 2026-11-20: 11/23 is 勤労感謝の日, so 3 days end on Thu 11/26.
    assert_eq!(cal.add_business_days(d(2026, 11, 20), 3), d(2026, 11, 26));
    // Arrival on a Sunday, 0 days: the next business day.
    assert_eq!(cal.add_business_days(d(2026, 11, 22), 0), d(2026, 11, 24));
    assert_eq!(
        cal.business_days_between(d(2026, 11, 20), d(2026, 11, 26)),
        3
    );
    assert_eq!(
        cal.business_days_between(d(2026, 11, 26), d(2026, 11, 20)),
        0
    );
}

#[test]
fn a_city_can_close_extra_days() {
    let cal = BusinessCalendar::new().with_closed_days([d(2026, 11, 24)]);
    assert!(!cal.is_business_day(d(2026, 11, 24)));
    assert_eq!(cal.add_business_days(d(2026, 11, 20), 1), d(2026, 11, 25));
}

/// Every holiday of `year` by `name_of`, as (date, name) pairs.
fn holidays_of<'a>(
    year: i32,
    name_of: impl Fn(NaiveDate) -> Option<&'a str>,
) -> Vec<(NaiveDate, &'a str)> {
    d(year, 1, 1)
        .iter_days()
        .take_while(|day| day.year() == year)
        .filter_map(|day| name_of(day).map(|name| (day, name)))
        .collect()
}

fn csv(rows: &[&str]) -> String {
    let mut text = format!("{CABINET_OFFICE_CSV_HEADER}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

#[test]
fn embedded_holiday_data_parses() {
    let table = HolidayTable::parse(EMBEDDED_HOLIDAYS_CSV)
        .unwrap_or_else(|e| panic!("data/holidays.csv: {e}"));
    assert!(table.first_day <= d(2016, 1, 1), "data must start by 2016");
    // Later updates may only extend the data, never shorten it.
    assert!(table.last_day >= d(2027, 12, 31), "data must cover 2027");
    assert_eq!(
        BusinessCalendar::japan().holidays_cover_until(),
        table.last_day
    );
}

/// Two independent sources: the Cabinet Office list and the rules. From 2016 (山の日)
/// the rules describe the law, so any difference is an error in one of them — or a
/// new law or equinox date the rules must learn to stay a sound fallback.
#[test]
fn embedded_data_agrees_with_the_rules_every_day() {
    let cal = BusinessCalendar::japan();
    let mismatches: Vec<String> = d(2016, 1, 1)
        .iter_days()
        .take_while(|&day| day <= cal.holidays_cover_until())
        .filter(|&day| cal.holiday_name(day) != holiday_name_by_rules(day))
        .map(|day| {
            format!(
                "{day}: data {:?}, rules {:?}",
                cal.holiday_name(day),
                holiday_name_by_rules(day)
            )
        })
        .collect();
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// A third source for the irregular years: the official lists written out by hand.
#[test]
fn irregular_years_match_the_cabinet_office_list() {
    let cal = BusinessCalendar::japan();
    let y2019 = [
        (d(2019, 1, 1), "元日"),
        (d(2019, 1, 14), "成人の日"),
        (d(2019, 2, 11), "建国記念の日"),
        (d(2019, 3, 21), "春分の日"),
        (d(2019, 4, 29), "昭和の日"),
        (d(2019, 4, 30), "休日"),
        (d(2019, 5, 1), "休日（祝日扱い）"),
        (d(2019, 5, 2), "休日"),
        (d(2019, 5, 3), "憲法記念日"),
        (d(2019, 5, 4), "みどりの日"),
        (d(2019, 5, 5), "こどもの日"),
        (d(2019, 5, 6), "休日"),
        (d(2019, 7, 15), "海の日"),
        (d(2019, 8, 11), "山の日"),
        (d(2019, 8, 12), "休日"),
        (d(2019, 9, 16), "敬老の日"),
        (d(2019, 9, 23), "秋分の日"),
        (d(2019, 10, 14), "体育の日（スポーツの日）"),
        (d(2019, 10, 22), "休日（祝日扱い）"),
        (d(2019, 11, 3), "文化の日"),
        (d(2019, 11, 4), "休日"),
        (d(2019, 11, 23), "勤労感謝の日"),
    ];
    assert_eq!(holidays_of(2019, |day| cal.holiday_name(day)), y2019);
    let y2020 = [
        (d(2020, 1, 1), "元日"),
        (d(2020, 1, 13), "成人の日"),
        (d(2020, 2, 11), "建国記念の日"),
        (d(2020, 2, 23), "天皇誕生日"),
        (d(2020, 2, 24), "休日"),
        (d(2020, 3, 20), "春分の日"),
        (d(2020, 4, 29), "昭和の日"),
        (d(2020, 5, 3), "憲法記念日"),
        (d(2020, 5, 4), "みどりの日"),
        (d(2020, 5, 5), "こどもの日"),
        (d(2020, 5, 6), "休日"),
        (d(2020, 7, 23), "海の日"),
        (d(2020, 7, 24), "スポーツの日"),
        (d(2020, 8, 10), "山の日"),
        (d(2020, 9, 21), "敬老の日"),
        (d(2020, 9, 22), "秋分の日"),
        (d(2020, 11, 3), "文化の日"),
        (d(2020, 11, 23), "勤労感謝の日"),
    ];
    assert_eq!(holidays_of(2020, |day| cal.holiday_name(day)), y2020);
    let y2021 = [
        (d(2021, 1, 1), "元日"),
        (d(2021, 1, 11), "成人の日"),
        (d(2021, 2, 11), "建国記念の日"),
        (d(2021, 2, 23), "天皇誕生日"),
        (d(2021, 3, 20), "春分の日"),
        (d(2021, 4, 29), "昭和の日"),
        (d(2021, 5, 3), "憲法記念日"),
        (d(2021, 5, 4), "みどりの日"),
        (d(2021, 5, 5), "こどもの日"),
        (d(2021, 7, 22), "海の日"),
        (d(2021, 7, 23), "スポーツの日"),
        (d(2021, 8, 8), "山の日"),
        (d(2021, 8, 9), "休日"),
        (d(2021, 9, 20), "敬老の日"),
        (d(2021, 9, 23), "秋分の日"),
        (d(2021, 11, 3), "文化の日"),
        (d(2021, 11, 23), "勤労感謝の日"),
    ];
    assert_eq!(holidays_of(2021, |day| cal.holiday_name(day)), y2021);
    // Published February 2026, once the observatory fixed the 2027 equinoxes.
    let y2027 = [
        (d(2027, 1, 1), "元日"),
        (d(2027, 1, 11), "成人の日"),
        (d(2027, 2, 11), "建国記念の日"),
        (d(2027, 2, 23), "天皇誕生日"),
        (d(2027, 3, 21), "春分の日"),
        (d(2027, 3, 22), "休日"),
        (d(2027, 4, 29), "昭和の日"),
        (d(2027, 5, 3), "憲法記念日"),
        (d(2027, 5, 4), "みどりの日"),
        (d(2027, 5, 5), "こどもの日"),
        (d(2027, 7, 19), "海の日"),
        (d(2027, 8, 11), "山の日"),
        (d(2027, 9, 20), "敬老の日"),
        (d(2027, 9, 23), "秋分の日"),
        (d(2027, 10, 11), "スポーツの日"),
        (d(2027, 11, 3), "文化の日"),
        (d(2027, 11, 23), "勤労感謝の日"),
    ];
    assert_eq!(holidays_of(2027, |day| cal.holiday_name(day)), y2027);
    // 2026 by data, against the list the rules test above checks.
    let dates_2026: Vec<NaiveDate> = holidays_of(2026, |day| cal.holiday_name(day))
        .into_iter()
        .map(|(day, _)| day)
        .collect();
    let rules_2026: Vec<NaiveDate> = holidays_of(2026, holiday_name_by_rules)
        .into_iter()
        .map(|(day, _)| day)
        .collect();
    assert_eq!(dates_2026, rules_2026);
    assert_eq!(dates_2026.len(), 18);
}

#[test]
fn new_and_default_are_japan() {
    let japan = BusinessCalendar::japan();
    for cal in [BusinessCalendar::new(), BusinessCalendar::default()] {
        assert_eq!(cal.holidays_cover_until(), japan.holidays_cover_until());
        assert_eq!(cal.holiday_name(d(2019, 5, 1)), Some("休日（祝日扱い）"));
    }
}

#[test]
fn a_file_can_add_a_one_off_holiday() {
    // A hypothetical special law closing Tuesday 2026-11-24.
    let text = format!("{EMBEDDED_HOLIDAYS_CSV}2026/11/24,臨時の休日\n");
    let cal = BusinessCalendar::from_cabinet_office_csv(&text).expect("valid file");
    assert!(!cal.is_business_day(d(2026, 11, 24)));
    assert_eq!(cal.holiday_name(d(2026, 11, 24)), Some("臨時の休日"));
    // Fri 11/20 + 1 business day: Mon 11/23 and Tue 11/24 are both off.
    assert_eq!(cal.add_business_days(d(2026, 11, 20), 1), d(2026, 11, 25));
    assert!(BusinessCalendar::japan().is_business_day(d(2026, 11, 24)));
}

#[test]
fn a_file_is_the_truth_for_the_years_it_lists() {
    // Only 元日 listed for 2026: 勤労感謝の日 is then a working day, whatever the
    // rules say, because a listed year is taken as complete.
    let cal =
        BusinessCalendar::from_cabinet_office_csv(&csv(&["2026/1/1,元日"])).expect("valid file");
    assert!(cal.is_business_day(d(2026, 11, 23)));
    assert_eq!(cal.holidays_cover_until(), d(2026, 12, 31));
}

#[test]
fn days_after_the_data_fall_back_to_the_rules() {
    let japan = BusinessCalendar::japan();
    let after = japan.holidays_cover_until() + Days::new(1);
    let seijin = after
        .iter_days()
        .find(|&day| holiday_name_by_rules(day) == Some("成人の日"))
        .expect("a 成人の日 after the data");
    assert!(!japan.is_business_day(seijin));
    assert_eq!(japan.holiday_name(seijin), Some("成人の日"));

    let cal =
        BusinessCalendar::from_cabinet_office_csv(&csv(&["2026/1/1,元日"])).expect("valid file");
    // After 2026: the rules' 2027 substitute holiday.
    assert_eq!(cal.holiday_name(d(2027, 3, 22)), Some("休日"));
    assert!(!cal.is_business_day(d(2027, 3, 22)));
    // Before 2026 too (there is no other source for them).
    assert!(!cal.is_business_day(d(2025, 11, 24)));
}

#[test]
fn closed_days_apply_on_top_of_a_supplied_file() {
    let cal = BusinessCalendar::from_cabinet_office_csv(EMBEDDED_HOLIDAYS_CSV)
        .expect("valid file")
        .with_closed_days([d(2026, 11, 24)]);
    assert!(!cal.is_business_day(d(2026, 11, 24)));
    assert!(
        !cal.is_holiday(d(2026, 11, 24)),
        "a city closure is not a holiday"
    );
}

#[test]
fn the_official_layout_variants_are_accepted() {
    // As iconv leaves the official file: CRLF line ends, and perhaps a BOM.
    let text = format!(
        "\u{feff}{CABINET_OFFICE_CSV_HEADER}\r\n2026/1/1,元日\r\n2026/01/12,成人の日\r\n\r\n"
    );
    let cal = BusinessCalendar::from_cabinet_office_csv(&text).expect("valid file");
    assert_eq!(cal.holiday_name(d(2026, 1, 12)), Some("成人の日"));
    assert_eq!(cal.holidays_cover_until(), d(2026, 12, 31));
}

fn parse_error(text: &str) -> HolidayDataError {
    match BusinessCalendar::from_cabinet_office_csv(text) {
        Ok(_) => panic!("accepted a bad file:\n{text}"),
        Err(e) => e,
    }
}

#[test]
fn a_bad_date_is_reported_with_its_line() {
    for bad in [
        "2026/2/30",
        "2026-01-01",
        "26/1/1",
        "2026/1",
        "2026/1/1/1",
        "元日",
    ] {
        let e = parse_error(&csv(&["2026/1/1,元日", &format!("{bad},成人の日")]));
        assert_eq!(
            e,
            HolidayDataError::BadDate {
                line: 3,
                value: bad.to_owned()
            }
        );
        assert!(e.to_string().starts_with("line 3: "), "{e}");
    }
}

#[test]
fn a_missing_header_is_reported_with_line_1() {
    let e = parse_error("2026/1/1,元日\n");
    assert_eq!(e.line(), Some(1));
    assert!(e.to_string().starts_with("line 1: "), "{e}");
    // Shift_JIS read as if it were UTF-8 cannot match; the message says what to do.
    assert!(e.to_string().contains("iconv -f SHIFT_JIS -t UTF-8"), "{e}");
    assert!(matches!(
        parse_error(""),
        HolidayDataError::MissingHeader { .. }
    ));
}

#[test]
fn a_wrong_column_count_is_reported_with_its_line() {
    let e = parse_error(&csv(&["2026/1/1,元日", "2026/1/12"]));
    assert_eq!(e, HolidayDataError::WrongColumnCount { line: 3, found: 1 });
    assert_eq!(
        e.to_string(),
        "line 3: expected 2 columns (date,name), found 1"
    );
    let e = parse_error(&csv(&["2026/1/1,元日,祝日"]));
    assert_eq!(e, HolidayDataError::WrongColumnCount { line: 2, found: 3 });
}

#[test]
fn other_damage_is_refused() {
    let e = parse_error(&csv(&["2026/1/1,元日", "2026/1/12,"]));
    assert_eq!(
        e,
        HolidayDataError::MissingName {
            line: 3,
            date: d(2026, 1, 12)
        }
    );
    let e = parse_error(&csv(&[
        "2026/1/1,元日",
        "2026/1/12,成人の日",
        "2026/1/1,元日",
    ]));
    assert_eq!(
        e,
        HolidayDataError::DuplicateDate {
            line: 4,
            date: d(2026, 1, 1),
            first_line: 2
        }
    );
    assert_eq!(parse_error(&csv(&[])), HolidayDataError::NoHolidays);
    let e = parse_error(&csv(&["2025/1/1,元日", "2027/1/1,元日"]));
    assert_eq!(e, HolidayDataError::MissingYear { year: 2026 });
    assert_eq!(e.line(), None);
}

#[test]
fn a_closure_says_why_and_a_weekend_is_not_one() {
    let cal = BusinessCalendar::japan().with_closed_days([d(2027, 6, 1)]);
    assert_eq!(
        cal.closure(d(2027, 1, 11)),
        Some(Closure::Holiday("成人の日".into()))
    );
    assert_eq!(cal.closure(d(2026, 12, 30)), Some(Closure::YearEnd));
    assert_eq!(cal.closure(d(2027, 6, 1)), Some(Closure::CityClosed));
    // A Saturday is no closure (a session may be held on it); a working Tuesday neither.
    assert_eq!(cal.closure(d(2027, 6, 5)), None);
    assert_eq!(cal.closure(d(2027, 6, 8)), None);
    // 元日 is both a holiday and the year-end closure: the holiday's name is the reason.
    assert_eq!(
        cal.closure(d(2027, 1, 1)),
        Some(Closure::Holiday("元日".into()))
    );
}
