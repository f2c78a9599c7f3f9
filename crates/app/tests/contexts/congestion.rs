//! Congestion now (issue 49 item 8): a supervisor adds a counter, desks hand out numbers
//! and call them, and anyone reads each counter's waiting count and expected wait — on
//! both engines, with desks acting at the same moment.

use chrono::Duration;
use madoguchi_app::AppError;
use madoguchi_app::congestion::{LineField, LineProblem, NewLine};
use madoguchi_core::{CounterLineId, TenantId};
use madoguchi_testkit::{TestApp, db_test};

fn shimin() -> NewLine {
    NewLine {
        id: "aoba-shimin".into(),
        name_ja: "青葉区役所 市民課".into(),
        name_en: "Aoba Ward Office, Citizens Division".into(),
        place_ja: "1階 3番窓口".into(),
        place_en: String::new(),
    }
}

fn line() -> CounterLineId {
    CounterLineId::new("aoba-shimin")
}

db_test!(fn a_supervisor_adds_a_counter_once_with_each_fault_named(db) {
    let t = TestApp::builder().db(db).build();
    let city = t.tenant();
    let congestion = t.app.congestion(&city);
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    // Clerks and authors work the numbers or procedures, not the list of counters.
    for login in ["koseki-jumin@sendai.example", "koseki-jumin.author@sendai.example"] {
        let who = t.sign_in(login);
        assert!(!congestion.may_define(&who));
        assert!(matches!(congestion.add_line(&who, &shimin()), Err(AppError::Forbidden)));
    }
    // Another city's handle knows no one of this one.
    let elsewhere = TenantId::new("000000");
    assert!(matches!(
        t.app.congestion(&elsewhere).add_line(&kacho, &shimin()),
        Err(AppError::NotFound)
    ));
    // Faults are returned at their inputs, nothing stored.
    let faults = congestion
        .add_line(&kacho, &NewLine { id: "Aoba!".into(), place_ja: String::new(), ..shimin() })
        .unwrap();
    let at: Vec<_> = faults.iter().map(|f| (f.field, f.problem)).collect();
    assert_eq!(at, [(LineField::Id, LineProblem::BadId), (LineField::PlaceJa, LineProblem::Missing)]);
    assert!(congestion.board().unwrap().lines.is_empty());
    // Added; the same id again is taken, the first kept as it was.
    assert!(congestion.add_line(&kacho, &shimin()).unwrap().is_empty());
    let again = NewLine { name_ja: "別の窓口".into(), ..shimin() };
    let faults = congestion.add_line(&kacho, &again).unwrap();
    assert_eq!(faults.iter().map(|f| (f.field, f.problem)).collect::<Vec<_>>(), [(LineField::Id, LineProblem::Taken)]);
    let board = congestion.board().unwrap();
    assert_eq!(board.lines.len(), 1);
    let l = &board.lines[0];
    assert_eq!((l.name.ja.as_str(), l.place.en.as_str()), ("青葉区役所 市民課", "1階 3番窓口"));
    assert_eq!((l.waiting, l.calling, l.expected_minutes), (0, None, Some(0)));
    // Another city's board does not show it.
    let other = t.app.congestion(&elsewhere).board().unwrap();
    assert!(other.lines.is_empty());
});

db_test!(fn numbers_are_handed_out_in_turn_and_called_lowest_first(db) {
    // Friday 20 November 2026, 10:00 in Japan.
    let t = TestApp::builder().db(db).build();
    let city = t.tenant();
    let congestion = t.app.congestion(&city);
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    assert!(congestion.add_line(&kacho, &shimin()).unwrap().is_empty());
    let desk = t.sign_in("koseki-jumin@sendai.example");
    assert!(congestion.may_work(&desk));
    // An author works no desk; an unknown counter is not found.
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    assert!(matches!(congestion.issue(&author, &line()), Err(AppError::Forbidden)));
    assert!(matches!(congestion.issue(&desk, &CounterLineId::new("nowhere")), Err(AppError::NotFound)));
    assert!(matches!(congestion.call_next(&desk, &CounterLineId::new("nowhere")), Err(AppError::NotFound)));
    // No one waiting: nothing to call.
    assert_eq!(congestion.call_next(&desk, &line()).unwrap(), None);
    let numbers: Vec<i32> = (0..5).map(|_| congestion.issue(&desk, &line()).unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    let board = congestion.board().unwrap();
    let l = &board.lines[0];
    // Five waiting and no call yet: no pace to estimate from.
    assert_eq!((l.waiting, l.calling, l.expected_minutes, l.issued_today), (5, None, None, 5));
    // Called every 4 minutes: 1, then 2.
    t.clock.advance(Duration::minutes(4));
    assert_eq!(congestion.call_next(&desk, &line()).unwrap(), Some(1));
    t.clock.advance(Duration::minutes(4));
    assert_eq!(congestion.call_next(&desk, &line()).unwrap(), Some(2));
    let l = &congestion.board().unwrap().lines[0];
    // 3 waiting; two calls in the 4 minutes since the first: 2 minutes each → 6 minutes.
    assert_eq!((l.waiting, l.calling, l.expected_minutes, l.called_today), (3, Some(2), Some(6), 2));
    // The next day starts at number 1 again, and yesterday's are no longer waiting.
    t.clock.advance(Duration::days(1));
    let l = &congestion.board().unwrap().lines[0];
    assert_eq!((l.waiting, l.calling, l.issued_today), (0, None, 0));
    assert_eq!(congestion.issue(&desk, &line()).unwrap(), 1);
    // Another city's desk is told "not found".
    let elsewhere = TenantId::new("000000");
    assert!(matches!(t.app.congestion(&elsewhere).issue(&desk, &line()), Err(AppError::NotFound)));
});

db_test!(fn desks_at_the_same_moment_never_share_or_repeat_a_number(db) {
    let t = TestApp::builder().db(db).build();
    let city = t.tenant();
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    assert!(t.app.congestion(&city).add_line(&kacho, &shimin()).unwrap().is_empty());
    let desk = t.sign_in("koseki-jumin@sendai.example");
    let at_once = |call: bool| -> Vec<Option<i32>> {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..40)
                .map(|_| {
                    let (app, city, desk) = (&t.app, &city, &desk);
                    s.spawn(move || {
                        let congestion = app.congestion(city);
                        if call {
                            congestion.call_next(desk, &line()).unwrap()
                        } else {
                            Some(congestion.issue(desk, &line()).unwrap())
                        }
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        })
    };
    let mut issued: Vec<i32> = at_once(false).into_iter().flatten().collect();
    issued.sort_unstable();
    assert_eq!(issued, (1..=40).collect::<Vec<_>>());
    let mut called: Vec<i32> = at_once(true).into_iter().flatten().collect();
    called.sort_unstable();
    assert_eq!(called, (1..=40).collect::<Vec<_>>(), "each number called once");
    let l = &t.app.congestion(&city).board().unwrap().lines[0];
    assert_eq!((l.waiting, l.issued_today, l.called_today), (0, 40, 40));
});
