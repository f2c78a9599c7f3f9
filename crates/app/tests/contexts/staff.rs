//! Staff sign-in with a second factor, sessions, throttling and staff administration.

use madoguchi_app::{AppError, review::QueueQuery};
use madoguchi_testkit::{TestApp, db_test, defaults::CLERK_ADDRESS as ADDRESS};

db_test!(fn sign_in_fails_the_same_way_for_every_wrong_answer(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    for (login, password) in [("koseki-jumin@sendai.example", "wrong password"), ("nobody@sendai.example", "madoguchi-demo"), ("", "")] {
        assert!(matches!(app.staff(&t.tenant()).login(login, password, ADDRESS), Err(AppError::LoginFailed)), "{login}");
    }
    let token = t.sign_in_token("koseki-jumin@sendai.example");
    assert!(app.staff(&t.tenant()).clerk_for_session(&token).unwrap().is_some());
    // A session and a password of this city are nothing through another city's door.
    let elsewhere = madoguchi_core::TenantId::new("000000");
    assert!(app.staff(&elsewhere).clerk_for_session(&token).unwrap().is_none());
    assert!(matches!(app.staff(&elsewhere).login("koseki-jumin@sendai.example", madoguchi_app::operations::DEMO_PASSWORD, ADDRESS), Err(AppError::LoginFailed)));
    let pending = app.staff(&t.tenant()).login("koseki-jumin@sendai.example", madoguchi_app::operations::DEMO_PASSWORD, ADDRESS).unwrap();
    assert!(app.staff(&elsewhere).pending_sign_in(&pending.token).unwrap().is_none());
    assert!(matches!(app.staff(&elsewhere).verify_code(&pending.token, &t.demo_code(0), ADDRESS), Err(AppError::LoginRequired)));
    assert!(app.staff(&t.tenant()).clerk_for_session(&token).unwrap().is_some(), "still signed in at home");
    app.staff(&t.tenant()).logout(&token).unwrap();
    assert!(app.staff(&t.tenant()).clerk_for_session(&token).unwrap().is_none());
});

db_test!(fn the_password_alone_opens_nothing_and_a_code_works_once(db) {
    let t = TestApp::builder().db(db).build();
    let (app, clock) = (&t.app, &t.clock);
    let session = app.staff(&t.tenant()).login("koseki-jumin@sendai.example", madoguchi_app::operations::DEMO_PASSWORD, ADDRESS).unwrap();
    assert!(app.staff(&t.tenant()).clerk_for_session(&session.token).unwrap().is_none(), "no second factor yet");
    assert!(matches!(app.staff(&t.tenant()).verify_code(&session.token, "000000", ADDRESS), Err(AppError::CodeInvalid)));
    let now = t.demo_code(0);
    let signed_in = app.staff(&t.tenant()).verify_code(&session.token, &now, ADDRESS).unwrap();
    // The second factor gives a new token; the password step's opens nothing, before or
    // after, and cannot be used for a second code either.
    assert_ne!(signed_in.token, session.token);
    assert!(app.staff(&t.tenant()).clerk_for_session(&signed_in.token).unwrap().is_some());
    assert!(app.staff(&t.tenant()).clerk_for_session(&session.token).unwrap().is_none(), "the pending token is dropped");
    assert!(app.staff(&t.tenant()).pending_sign_in(&session.token).unwrap().is_none());
    assert!(matches!(app.staff(&t.tenant()).verify_code(&session.token, &t.demo_code(1), ADDRESS), Err(AppError::LoginRequired)));
    let session = signed_in;
    // The same code again, for a new session: refused (replay).
    let again = app.staff(&t.tenant()).login("koseki-jumin@sendai.example", madoguchi_app::operations::DEMO_PASSWORD, ADDRESS).unwrap();
    assert!(matches!(app.staff(&t.tenant()).verify_code(&again.token, &now, ADDRESS), Err(AppError::CodeInvalid)));
    // Idle for longer than the idle timeout: the session is gone.
    clock.advance(chrono::Duration::minutes(31));
    assert!(app.staff(&t.tenant()).clerk_for_session(&session.token).unwrap().is_none());
    // Active all day: still ends at the absolute limit.
    let token = t.sign_in_token("koseki-jumin@sendai.example");
    let mut active_for = chrono::Duration::zero();
    for _ in 0..25 {
        clock.advance(chrono::Duration::minutes(29));
        active_for += chrono::Duration::minutes(29);
        if app.staff(&t.tenant()).clerk_for_session(&token).unwrap().is_none() {
            break;
        }
    }
    assert!(app.staff(&t.tenant()).clerk_for_session(&token).unwrap().is_none(), "a session ends after 10 hours however active");
    assert!(active_for >= chrono::Duration::hours(10) && active_for < chrono::Duration::hours(11), "{active_for}");
});

db_test!(fn repeated_failures_pause_sign_in_for_that_account_from_that_address(db) {
    let t = TestApp::builder().db(db).build();
    let (app, clock) = (&t.app, &t.clock);
    let (koseki, right) = ("koseki-jumin@sendai.example", madoguchi_app::operations::DEMO_PASSWORD);
    for _ in 0..5 {
        assert!(matches!(app.staff(&t.tenant()).login(koseki, "guess", "198.51.100.7"), Err(AppError::LoginFailed)));
    }
    // From that address even the right password is not checked now…
    assert!(matches!(app.staff(&t.tenant()).login(koseki, right, "198.51.100.7"), Err(AppError::TooManyAttempts)));
    // …but whoever guessed cannot lock the clerk out: from the office it still works.
    app.staff(&t.tenant()).login(koseki, right, ADDRESS).unwrap();
    // Other accounts are not paused from that address either; the pause ends after 15 minutes.
    app.staff(&t.tenant()).login("hoken-nenkin@sendai.example", right, "198.51.100.7").unwrap();
    clock.advance(chrono::Duration::minutes(16));
    app.staff(&t.tenant()).login(koseki, right, "198.51.100.7").unwrap();
});

db_test!(fn an_ipv6_network_counts_as_one_address(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let (koseki, right) = ("koseki-jumin@sendai.example", madoguchi_app::operations::DEMO_PASSWORD);
    // A subscriber's /64 holds 2^64 addresses: a new one per guess is still one client.
    for i in 1..=5 {
        let address = format!("2001:db8:7:9::{i:x}");
        assert!(matches!(app.staff(&t.tenant()).login(koseki, "guess", &address), Err(AppError::LoginFailed)));
    }
    assert!(matches!(app.staff(&t.tenant()).login(koseki, right, "2001:db8:7:9:ffff::1"), Err(AppError::TooManyAttempts)));
    app.staff(&t.tenant()).login(koseki, right, "2001:db8:7:10::1").unwrap();
});

db_test!(fn one_login_fails_alike_in_each_city_apart(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let right = madoguchi_app::operations::DEMO_PASSWORD;
    // Guesses at a login of another city (the same login text) count there, not here.
    let other = madoguchi_core::TenantId::new("999999");
    for _ in 0..6 {
        let _ = app.staff(&other).login("koseki-jumin@sendai.example", "guess", "198.51.100.8");
    }
    app.staff(&t.tenant()).login("koseki-jumin@sendai.example", right, "198.51.100.8").unwrap();
});

db_test!(fn administrators_manage_staff_and_changes_end_old_sessions(db) {
    let t = TestApp::builder().db(db).build();
    let (app, clock) = (&t.app, &t.clock);
    let admin = t.sign_in("admin@sendai.example");
    let chief = t.sign_in("koseki-jumin.kacho@sendai.example");
    assert!(matches!(app.staff(&chief.tenant).members(&chief), Err(AppError::Forbidden)), "only administrators");
    assert!(matches!(app.review(&admin.tenant).queue(&admin, &QueueQuery::default()), Err(AppError::Forbidden)), "administrators see no filings");

    let new = madoguchi_app::kernel::NewClerk {
        tenant: t.tenant(),
        department_code: "koseki-jumin".into(),
        ward_code: Some("04101".into()),
        login: "aoba.tanto@sendai.example".into(),
        display_name: "青葉 担当".into(),
        password: "short".into(),
        role: madoguchi_workflow::Role::Clerk,
    };
    assert!(matches!(app.staff(&admin.tenant).create_staff(&admin, &new), Err(AppError::Refused(madoguchi_core::ErrorCode::PasswordWeak))));
    let new = madoguchi_app::kernel::NewClerk { password: "青葉通りのけやき並木を歩く".into(), ..new };
    let id = app.staff(&admin.tenant).create_staff(&admin, &new).unwrap();
    assert!(matches!(app.staff(&admin.tenant).create_staff(&admin, &new), Err(AppError::Refused(madoguchi_core::ErrorCode::LoginTaken))));

    // First sign-in: enrol an authenticator with the secret shown, then its code.
    let session = app.staff(&t.tenant()).login("aoba.tanto@sendai.example", "青葉通りのけやき並木を歩く", ADDRESS).unwrap();
    assert_eq!(session.next, madoguchi_app::staff::SignInStep::Enrol);
    let enrolment = app.staff(&t.tenant()).enrolment(&session.token).unwrap();
    assert!(enrolment.uri.starts_with("otpauth://totp/Madoguchi:aoba.tanto@sendai.example?secret="));
    let step = madoguchi_app::kernel::totp::step_of(app.now().timestamp());
    let code = madoguchi_app::kernel::totp::code_at_step(&enrolment.secret, step).unwrap();
    let signed_in = app.staff(&t.tenant()).verify_code(&session.token, &code, ADDRESS).unwrap();
    let tanto = app.staff(&t.tenant()).clerk_for_session(&signed_in.token).unwrap().unwrap();
    assert_eq!(tanto.ward.as_ref().unwrap().code, "04101");

    // Moved to 泉区: the old session stops at once.
    let change = madoguchi_app::staff::StaffChange {
        display_name: "青葉 担当".into(),
        department_code: "koseki-jumin".into(),
        ward_code: "04105".into(),
        role: "clerk".into(),
        post: String::new(),
        active: true,
    };
    app.staff(&admin.tenant).update_staff(&admin, id.as_str(), &change).unwrap();
    assert!(app.staff(&t.tenant()).clerk_for_session(&signed_in.token).unwrap().is_none());
    // Disabled: cannot sign in.
    app.staff(&admin.tenant).update_staff(&admin, id.as_str(), &madoguchi_app::staff::StaffChange { active: false, ..change.clone() }).unwrap();
    assert!(matches!(app.staff(&t.tenant()).login("aoba.tanto@sendai.example", "青葉通りのけやき並木を歩く", ADDRESS), Err(AppError::LoginFailed)));
    // An administrator cannot lock themselves out.
    let me = madoguchi_app::staff::StaffChange { display_name: "管理者".into(), department_code: "digital".into(), ward_code: String::new(), role: "administrator".into(), post: String::new(), active: false };
    assert!(matches!(app.staff(&admin.tenant).update_staff(&admin, admin.id.as_str(), &me), Err(AppError::Refused(madoguchi_core::ErrorCode::StaffSelf))));
    // A lost phone: the authenticator is forgotten and enrolled again next time.
    app.staff(&admin.tenant).update_staff(&admin, id.as_str(), &change).unwrap();
    app.staff(&admin.tenant).reset_staff_totp(&admin, id.as_str()).unwrap();
    clock.advance(chrono::Duration::minutes(1));
    let session = app.staff(&t.tenant()).login("aoba.tanto@sendai.example", "青葉通りのけやき並木を歩く", ADDRESS).unwrap();
    assert_eq!(session.next, madoguchi_app::staff::SignInStep::Enrol);
    let staff = app.staff(&admin.tenant).members(&admin).unwrap();
    assert!(staff.iter().any(|s| s.login == "aoba.tanto@sendai.example" && !s.enrolled && s.active));
    // Through another city's door the administrator manages no one and reads no trail.
    let elsewhere = madoguchi_core::TenantId::new("000000");
    assert!(matches!(app.staff(&elsewhere).members(&admin), Err(AppError::NotFound)));
    assert!(matches!(app.staff(&elsewhere).reset_staff_totp(&admin, id.as_str()), Err(AppError::NotFound)));
    assert!(matches!(app.staff(&elsewhere).audit_staff_choices(&admin), Err(AppError::NotFound)));
});

db_test!(fn simultaneous_guesses_are_counted_together(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let tenant = t.tenant();
    let tenant = &tenant;
    let guess_at_once = |addresses: Vec<String>| -> (usize, usize) {
        let results: Vec<Result<madoguchi_app::staff::ClerkSession, AppError>> = std::thread::scope(|s| {
            let guesses: Vec<_> = addresses
                .iter()
                .map(|address| s.spawn(move || app.staff(tenant).login("koseki-jumin@sendai.example", "wrong password", address)))
                .collect();
            guesses.into_iter().map(|g| g.join().unwrap()).collect()
        });
        let checked = results.iter().filter(|r| matches!(r, Err(AppError::LoginFailed))).count();
        let refused = results.iter().filter(|r| matches!(r, Err(AppError::TooManyAttempts))).count();
        assert_eq!(checked + refused, addresses.len(), "{results:?}");
        (checked, refused)
    };
    // Twelve guesses at one clerk's password at the same moment from one address: each is
    // written down before its password is checked, so no more than the five one address
    // may fail at a login get an answer; the rest are refused unchecked.
    let (checked, _) = guess_at_once(vec!["192.0.2.1".to_string(); 12]);
    assert!(checked <= 5, "{checked} guesses from one address were checked");
    // Forty at once from forty addresses: no more than the thirty a login may fail in all.
    let (checked, _) = guess_at_once((10..50).map(|i| format!("192.0.2.{i}")).collect());
    assert!(checked <= 30, "{checked} guesses from many addresses were checked");
    // Guessed at from that many addresses, the login is paused: even the right password waits.
    assert!(matches!(app.staff(&t.tenant()).login("koseki-jumin@sendai.example", "madoguchi-demo", "192.0.2.99"), Err(AppError::TooManyAttempts)));
    // A right password is not a failure: another clerk signs in repeatedly.
    for _ in 0..6 {
        app.staff(&t.tenant()).login("hoken-nenkin@sendai.example", "madoguchi-demo", "192.0.2.100").unwrap();
    }
});
