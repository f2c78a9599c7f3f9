//! Duplicate filings (issue 44 item 4): the same applicant and key answers as an open
//! filing of the procedure are flagged for the clerk with a link to the other; the resident
//! is warned about their own before sending and may go on; a procedure whose second filing
//! is void refuses it while the same resident's first is open.

use madoguchi_app::AppError;
use madoguchi_app::review::QueueQuery;
use madoguchi_core::{ProcedureId, SubmissionState};
use madoguchi_forms::FormErrorCode;
use madoguchi_testkit::catalogue::{reissue, reissue_answers};
use madoguchi_testkit::{TestApp, db_test};
use serde_json::Value;

use crate::support::answer_steps;

/// The catalogue's rule, as the catalogue writes it.
#[test]
fn the_catalogue_names_the_householder_member_and_document() {
    let rule = reissue("flagged");
    let rule = rule.duplicate_rule().unwrap();
    assert_eq!(rule.keys, vec!["/member_my_number", "/document_type"]);
    assert!(rule.applicant.is_empty(), "the applicant by meaning");
}

fn pid() -> ProcedureId {
    ProcedureId::new("kokuho-saikofu")
}

/// A browser that answered every step with `data`.
fn browser(t: &TestApp, data: &Value, mode: &str) -> String {
    let session = madoguchi_app::kernel::new_token().unwrap();
    answer_steps(t, &reissue(mode), &session, data);
    session
}

/// Files the browser's draft: its arrival number and the filing's id.
fn file(t: &TestApp, session: &str) -> Result<(String, String), AppError> {
    let key = uuid::Uuid::new_v4().to_string();
    let outcome = t
        .app
        .filing(&t.tenant())
        .submit(Some(session), &pid(), &key)?;
    let receipt = outcome.receipt();
    Ok((
        receipt.arrival_number.to_string(),
        receipt.submission_id.to_string(),
    ))
}

db_test!(fn the_same_request_twice_is_flagged_for_the_clerk_and_the_resident_warned(db) {
    let t = TestApp::builder()
        .db(db)
        .form_definitions([reissue("flagged")])
        .clerk_of("hoken-nenkin")
        .build();
    let city = t.tenant();
    let data = reissue_answers("仙台 花子", "111111111118");
    let taro = browser(&t, &data, "flagged");
    // Nothing open yet: nothing to warn about.
    let check = t.app.filing(&city).check(Some(&taro), &pid()).unwrap();
    assert!(check.alike.is_empty() && !check.second_is_void);
    let (first, _) = file(&t, &taro).unwrap();

    // The same browser the next day, the same request written with other spaces and widths.
    let mut again = data.clone();
    again["householder_name"] = "仙台　太郎".into();
    answer_steps(&t, &reissue("flagged"), &taro, &again);
    let check = t.app.filing(&city).check(Some(&taro), &pid()).unwrap();
    assert_eq!(
        check.alike.iter().map(|a| a.arrival_number.as_str()).collect::<Vec<_>>(),
        vec![first.as_str()],
        "the resident is told of their open request"
    );
    assert_eq!(check.alike[0].state, SubmissionState::Arrived);
    // A warning, not a refusal.
    let (_, second) = file(&t, &taro).unwrap();

    // Another browser with the same answers is never told of someone's filing …
    let stranger = browser(&t, &data, "flagged");
    assert!(t.app.filing(&city).check(Some(&stranger), &pid()).unwrap().alike.is_empty());
    let (third, _) = file(&t, &stranger).unwrap();
    // … and another member's request is not the same.
    let other = browser(&t, &reissue_answers("仙台 次郎", "222222222225"), "flagged");
    let (_, unrelated) = file(&t, &other).unwrap();

    // The clerk sees each filing linked to the others, oldest first.
    let clerk = t.clerk().clone();
    let review = t.app.review(&city);
    let detail = review.submission_detail(&clerk, &second).unwrap();
    let numbers = |d: &madoguchi_app::review::SubmissionDetail| {
        d.alike.iter().map(|a| a.arrival_number.clone()).collect::<Vec<_>>()
    };
    assert_eq!(numbers(&detail), vec![first.clone(), third.clone()]);
    assert_eq!(detail.alike_elsewhere, 0);
    assert!(!detail.second_is_void);
    let detail = review.submission_detail(&clerk, &unrelated).unwrap();
    assert!(detail.alike.is_empty(), "{:?}", detail.alike);

    // The queue flags the three alike, not the other member's.
    let flagged = |review: &madoguchi_app::review::Review<'_>| {
        let queue = review.queue(&clerk, &QueueQuery::default()).unwrap();
        let mut alike: Vec<String> = queue
            .items
            .iter()
            .filter(|i| i.alike)
            .map(|i| i.arrival_number.to_string())
            .collect();
        alike.sort();
        (alike, queue.items.len())
    };
    let (alike, listed) = flagged(&review);
    assert_eq!((alike.len(), listed), (3, 4));
    assert!(alike.contains(&first) && alike.contains(&third), "{alike:?}");
    // Approving together (一括処理) leaves the alike ones to be looked at one by one.
    let preview = review.bulk_decision_preview(&clerk, &[second.clone(), unrelated.clone()]).unwrap();
    let blocks: Vec<_> = preview.rows.iter().map(|r| r.block).collect();
    assert_eq!(blocks, [Some(madoguchi_app::review::BulkBlock::Alike), None]);
    assert!(matches!(
        review.approve_many(&clerk, &[second.clone(), unrelated.clone()], &Default::default()),
        Err(AppError::InvalidTransition)
    ));

    // A filing no longer open is no longer a duplicate of anything.
    t.app.filing(&city).withdraw_by_receipt(Some(&taro), &first).unwrap();
    let detail = review.submission_detail(&clerk, &second).unwrap();
    assert_eq!(numbers(&detail), vec![third.clone()]);
    let (alike, _) = flagged(&review);
    assert_eq!(alike.len(), 2);
    assert!(!alike.contains(&first) && alike.contains(&third), "{alike:?}");
});

db_test!(fn a_void_second_filing_is_refused_on_the_question_while_the_first_is_open(db) {
    let t = TestApp::builder()
        .db(db)
        .form_definitions([reissue("void")])
        .clerk_of("hoken-nenkin")
        .build();
    let city = t.tenant();
    let data = reissue_answers("仙台 花子", "111111111118");
    let taro = browser(&t, &data, "void");
    let (first, _) = file(&t, &taro).unwrap();
    let before = t.submissions();

    answer_steps(&t, &reissue("void"), &taro, &data);
    let check = t.app.filing(&city).check(Some(&taro), &pid()).unwrap();
    assert!(check.second_is_void && check.alike.len() == 1);
    match file(&t, &taro) {
        Err(AppError::Validation { step, errors }) => {
            assert_eq!(step, "request");
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].pointer, "/member_my_number");
            assert_eq!(errors[0].code, FormErrorCode::DuplicateFiling);
        }
        other => panic!("refused on the question, not {other:?}"),
    }
    assert_eq!(t.submissions(), before, "nothing stored");

    // Once the first is withdrawn the request can be made again.
    t.app.filing(&city).withdraw_by_receipt(Some(&taro), &first).unwrap();
    assert!(t.app.filing(&city).check(Some(&taro), &pid()).unwrap().alike.is_empty());
    file(&t, &taro).unwrap();
});

db_test!(fn at_a_counter_a_void_second_filing_is_flagged_not_refused(db) {
    let t = TestApp::builder()
        .db(db)
        .form_definitions([reissue("void")])
        .clerk_of("hoken-nenkin")
        .build();
    let city = t.tenant();
    let data = reissue_answers("仙台 花子", "111111111118");
    let taro = browser(&t, &data, "void");
    let (first, _) = file(&t, &taro).unwrap();
    // The same request prepared again, taken to a counter: the clerk files the visit's slip
    // and sees the two filings linked.
    answer_steps(&t, &reissue("void"), &taro, &data);
    let counter = t.app.counter(&city);
    counter.add(Some(&taro), &pid()).unwrap();
    let code = counter.visit(Some(&taro)).unwrap().unwrap().code.unwrap();
    let clerk = t.clerk().clone();
    let visit = counter.open_code(&clerk, &code.qr).unwrap();
    counter.file(&clerk, &visit, "residence_card", true).unwrap();
    let done = counter.visit_for_clerk(&clerk, &visit).unwrap().filed.unwrap();
    let id = t.submission_id(&done.filed[0].2);
    let detail = t.app.review(&city).submission_detail(&clerk, &id).unwrap();
    assert!(detail.second_is_void);
    assert_eq!(
        detail.alike.iter().map(|a| a.arrival_number.as_str()).collect::<Vec<_>>(),
        vec![first.as_str()]
    );
});
