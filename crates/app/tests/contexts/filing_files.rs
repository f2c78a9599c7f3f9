//! The filing context, continued: files. Each is checked before anything is stored and goes
//! with the filing; a file question the form requires (an agent's letter of proxy) is
//! answered by the file attached to it — never by a posted value, nor by JSON, which
//! attaches none.

use madoguchi_app::{AppError, filing::StepOutcome, kernel::new_token};
use madoguchi_core::{Lang, ProcedureId};
use madoguchi_forms::input::posted_from_data;
use madoguchi_testkit::{TestApp, db_test, defaults};

const JUMINHYO: &str = "juminhyo-copy";

db_test!(fn an_agents_letter_of_proxy_is_a_file_the_filing_needs(db) {
    let t = TestApp::builder().db(db).forms([JUMINHYO]).build();
    let app = &t.app;
    let (tenant, id) = (t.tenant(), ProcedureId::new(JUMINHYO));
    let form = defaults::form(JUMINHYO);
    let data = form.normalize_json(defaults::example(JUMINHYO, "agent-selected-members.json"));
    assert_eq!(data["proxy_letter"], "委任状.pdf", "the example is an agent's request with the letter");
    let token = new_token().unwrap();
    let t_ok = Some(token.as_str());
    let save = |step: &str, extra: &[(&str, &str)]| {
        let (_, s) = form.step(step).unwrap();
        let mut posted = posted_from_data(s, &data);
        posted.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        app.filing(&tenant).save_step(&token, &id, step, &posted, defaults::RESIDENT_ADDRESS).unwrap()
    };
    assert!(matches!(save("applicant", &[]), StepOutcome::Saved { .. }));

    // No file attached: the step that asks for it says so, whatever was posted for it.
    let StepOutcome::Invalid { errors } = save("request", &[("proxy_letter", "偽物.pdf")]) else {
        panic!("the request step was saved without the letter of proxy")
    };
    let missing = errors.iter().find(|e| e.pointer == "/proxy_letter").expect("an error on the letter");
    assert_eq!(form.message_in(missing, Lang::Ja), "委任状のファイルを添付してください");
    assert_eq!(form.message_in(missing, Lang::En), "Attach a file of Letter of proxy");

    // Attached: the step is saved, and the check page and the filing have it.
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();
    let letter = app.filing(&tenant).upload(t_ok, &id, "/proxy_letter", "委任状.pdf", &pdf).unwrap();
    assert!(matches!(save("request", &[]), StepOutcome::Saved { .. }));
    assert!(matches!(save("payment", &[]), StepOutcome::Saved { .. }));
    let check = app.filing(&tenant).check(t_ok, &id).unwrap();
    assert_eq!(check.data["proxy_letter"], "委任状.pdf");

    // Taken back before filing: the check page sends the resident to the step again.
    app.filing(&tenant).remove_upload(t_ok, &letter.id).unwrap();
    let Err(AppError::Validation { step, errors }) = app.filing(&tenant).check(t_ok, &id) else {
        panic!("checked without the letter")
    };
    assert_eq!(step, "request");
    assert!(errors.iter().any(|e| e.pointer == "/proxy_letter"), "{errors:?}");
    let key = uuid::Uuid::new_v4().to_string();
    assert!(matches!(app.filing(&tenant).submit(t_ok, &id, &key), Err(AppError::Validation { .. })), "nothing filed without it");

    // Attached again (two pages): filed with both, named in the answers.
    app.filing(&tenant).upload(t_ok, &id, "/proxy_letter", "委任状1.pdf", &pdf).unwrap();
    app.filing(&tenant).upload(t_ok, &id, "/proxy_letter", "委任状2.pdf", &pdf).unwrap();
    let receipt = app.filing(&tenant).submit(t_ok, &id, &key).unwrap().receipt().clone();
    assert_eq!(receipt.attachments.len(), 2);
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let detail = app.review(&clerk.tenant).submission_detail(&clerk, receipt.submission_id.as_str()).unwrap();
    assert_eq!(detail.data["proxy_letter"], "委任状1.pdf、委任状2.pdf");

    // JSON attaches no file: a file's name is no upload, on the API's validate and filing.
    let checked = app.filing(&tenant).validate_data(&id, data.clone()).unwrap();
    assert!(checked.errors.iter().any(|e| e.pointer == "/proxy_letter"), "{:?}", checked.errors);
    let filed = app.filing(&tenant).submit_data(&id, data, &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS);
    assert!(matches!(filed, Err(AppError::Validation { .. })), "{:?}", filed.map(|_| ()));
});

db_test!(fn files_are_checked_before_anything_is_stored_and_go_with_the_filing(db) {
    let test = TestApp::builder().db(db).forms(["jido-teate-nintei"]).build();
    let app = &test.app;
    let token = new_token().unwrap();
    let t = Some(token.as_str());
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();
    let up = |name: &str, bytes: &[u8]| app.filing(&test.tenant()).upload(t, &ProcedureId::new("jido-teate-nintei"), "/bankbook_copy", name, bytes);
    let code = |r: Result<madoguchi_app::kernel::AttachmentView, AppError>| match r {
        Err(AppError::Refused(c)) => c,
        other => panic!("{other:?}"),
    };
    use madoguchi_core::ErrorCode as E;
    assert_eq!(code(up("../../etc/passwd", &pdf)), E::FileNameInvalid);
    assert_eq!(code(up("通帳.pdf", b"MZ\x90\0 not a pdf at all")), E::FileTypeNotAllowed, "the content decides, not the name");
    assert_eq!(code(up("big.pdf", &[pdf.as_slice(), &vec![b' '; madoguchi_app::kernel::MAX_FILE_BYTES]].concat())), E::FileTooLarge);
    let eicar = [pdf.as_slice(), br"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].concat();
    assert_eq!(code(up("virus.pdf", &eicar)), E::FileRejected);
    assert!(matches!(app.filing(&test.tenant()).upload(t, &ProcedureId::new("jido-teate-nintei"), "/claimant_name", "a.pdf", &pdf), Err(AppError::NotFound)), "only file questions take files");
    assert!(app.filing(&test.tenant()).draft_files(t, &ProcedureId::new("jido-teate-nintei")).unwrap().is_empty(), "nothing stored by the refusals");

    let first = up("通帳.pdf", &pdf).unwrap();
    assert_eq!((first.content_type.as_str(), first.size_bytes), ("application/pdf", pdf.len() as i64));
    for i in 1..madoguchi_app::kernel::MAX_FILES_PER_QUESTION {
        up(&format!("page{i}.pdf"), &pdf).unwrap();
    }
    assert_eq!(code(up("one-too-many.pdf", &pdf)), E::TooManyFiles);
    // Another browser cannot remove it; the owner can.
    let stranger = new_token().unwrap();
    assert!(matches!(app.filing(&test.tenant()).remove_upload(Some(&stranger), &first.id), Err(AppError::NotFound)));
    app.filing(&test.tenant()).remove_upload(t, &first.id).unwrap();
    assert_eq!(app.filing(&test.tenant()).draft_files(t, &ProcedureId::new("jido-teate-nintei")).unwrap().len(), madoguchi_app::kernel::MAX_FILES_PER_QUESTION - 1);

    // Filed: the files go with the submission, listed on the receipt; the clerk can open them.
    test.resident_session(&token).fill("jido-teate-nintei", &defaults::example("jido-teate-nintei", "first-baby-public-account.json"));
    let receipt = app.filing(&test.tenant()).submit(t, &ProcedureId::new("jido-teate-nintei"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    assert_eq!(receipt.attachments.len(), madoguchi_app::kernel::MAX_FILES_PER_QUESTION - 1);
    assert!(app.filing(&test.tenant()).draft_files(t, &ProcedureId::new("jido-teate-nintei")).unwrap().is_empty());
        let other = test.sign_in("koseki-jumin@sendai.example");
    let clerk = test.sign_in("hoken-nenkin@sendai.example");
    let detail = app.review(&clerk.tenant).submission_detail(&clerk, receipt.submission_id.as_str()).unwrap();
    assert_eq!(detail.attachments.len(), madoguchi_app::kernel::MAX_FILES_PER_QUESTION - 1);
    let file = app.review(&clerk.tenant).attachment_for_clerk(&clerk, receipt.submission_id.as_str(), &detail.attachments[0].id).unwrap();
    assert_eq!(file.size_bytes, pdf.len() as i64);
    assert_eq!(file.content.into_bytes().unwrap(), pdf);
    assert!(matches!(app.review(&other.tenant).attachment_for_clerk(&other, receipt.submission_id.as_str(), &detail.attachments[0].id), Err(AppError::NotFound)));
});
