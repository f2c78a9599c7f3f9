//! Departments writing procedures: the lint at every save, publishing as numbered versions,
//! the department scope, approval, rollback, retirement, and a restart (or another process)
//! that keeps what was published.

use madoguchi_app::{
    AppError, authoring::DiffLine, authoring::ProcedureStatus, authoring::Publication,
};
use madoguchi_core::ProcedureId;
use madoguchi_core::{ErrorCode, Lang};
use madoguchi_i18n::msg;
use madoguchi_testkit::{TestApp, db_test, defaults};

use crate::support::written;

db_test!(fn an_author_drafts_checks_publishes_rolls_back_and_retires(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy", "sodai-gomi-jiko-hannyu"]).build();
    let app = &t.app;
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    let clerk = t.sign_in("koseki-jumin@sendai.example");

    // Only authors author; ids are kebab-case and new.
    assert!(matches!(app.authoring(&clerk.tenant).start_procedure(&clerk, "inu-sanpo", None), Err(AppError::Forbidden)));
    assert!(matches!(
        app.authoring(&author.tenant).start_procedure(&author, "Inu Sanpo", None),
        Err(AppError::Refused(ErrorCode::ProcedureIdInvalid))
    ));
    assert!(matches!(
        app.authoring(&author.tenant).start_procedure(&author, "juminhyo-copy", None),
        Err(AppError::Refused(ErrorCode::ProcedureIdTaken))
    ));

    // From the template: the lint points at the missing legal basis; it cannot be published.
    app.authoring(&author.tenant).start_procedure(&author, "madoguchi-soudan", None).unwrap();
    let draft = app.authoring(&author.tenant).procedure_draft(&author, &ProcedureId::new("madoguchi-soudan")).unwrap();
    assert_eq!(draft.status, ProcedureStatus::Draft);
    // …and at the procedure page's texts the template asks the author to write, which
    // residents must never read as they stand.
    let pointers: Vec<&str> = draft.problems.iter().map(|p| p.pointer.as_str()).collect();
    assert_eq!(pointers, [
        "/procedure/legal_basis",
        "/procedure/summary/ja", "/procedure/summary/en",
        "/procedure/who_may_file/ja", "/procedure/who_may_file/en",
        "/procedure/result_delivery/ja", "/procedure/result_delivery/en",
    ], "{:?}", draft.problems);
    assert_eq!(
        draft.problems[3].message.ja,
        "申請できる方がテンプレートの文のままです。住民が読む文に書き換えてください(今の文:「申請できる方を書いてください。」)"
    );
    assert!(matches!(
        app.authoring(&author.tenant).publish_procedure(&author, &ProcedureId::new("madoguchi-soudan"), "初版"),
        Err(AppError::Refused(ErrorCode::DefinitionInvalid))
    ));
    assert!(app.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").is_none(), "drafts are private");

    // Broken JSON is saved as typed (nothing lost) and reported.
    let broken = app.authoring(&author.tenant).save_procedure_draft(&author, &ProcedureId::new("madoguchi-soudan"), "{ \"procedure\": ").unwrap();
    assert!(broken.problems[0].message.en.starts_with("not valid JSON"), "{:?}", broken.problems);
    assert_eq!(app.authoring(&author.tenant).procedure_draft(&author, &ProcedureId::new("madoguchi-soudan")).unwrap().text, "{ \"procedure\": ");

    // Fixed: published as version 1, open for filing at once.
    let fixed = written(&draft.text).replace("\"legal_basis\": \"\"", "\"legal_basis\": \"地方自治法 第2条\"");
    let saved = app.authoring(&author.tenant).save_procedure_draft(&author, &ProcedureId::new("madoguchi-soudan"), &fixed).unwrap();
    assert!(saved.problems.is_empty(), "{:?}", saved.problems);
    assert!(matches!(
        app.authoring(&author.tenant).publish_procedure(&author, &ProcedureId::new("madoguchi-soudan"), "  "),
        Err(AppError::Refused(ErrorCode::ReasonRequired))
    ));
    assert_eq!(app.authoring(&author.tenant).publish_procedure(&author, &ProcedureId::new("madoguchi-soudan"), "初版").unwrap(), Publication::Published(1));
    assert!(app.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").is_some());

    // Version 2 changes the title; the difference shows it; rollback publishes 1 again as 3.
    let v2 = fixed.replace("新しい手続", "窓口の相談予約");
    app.authoring(&author.tenant).save_procedure_draft(&author, &ProcedureId::new("madoguchi-soudan"), &v2).unwrap();
    assert_eq!(app.authoring(&author.tenant).publish_procedure(&author, &ProcedureId::new("madoguchi-soudan"), "名前を変更").unwrap(), Publication::Published(2));
    assert_eq!(app.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").unwrap().title().ja, "窓口の相談予約");
    let diff = app.authoring(&author.tenant).procedure_diff(&author, &ProcedureId::new("madoguchi-soudan"), 1, 2).unwrap();
    assert!(diff.iter().any(|l| matches!(l, DiffLine::Added(t) if t.contains("窓口の相談予約"))));
    assert!(diff.iter().any(|l| matches!(l, DiffLine::Removed(t) if t.contains("新しい手続"))));
    assert_eq!(app.authoring(&author.tenant).republish_procedure(&author, &ProcedureId::new("madoguchi-soudan"), 1, "元に戻す").unwrap(), 3);
    assert_eq!(app.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").unwrap().title().ja, "新しい手続");
    let versions = app.authoring(&author.tenant).procedure_versions(&author, &ProcedureId::new("madoguchi-soudan")).unwrap();
    assert_eq!(versions.iter().map(|v| v.number).collect::<Vec<_>>(), [3, 2, 1]);
    assert_eq!(versions[0].content_hash, versions[2].content_hash, "the same content");

    // Another department's procedure cannot be edited or retired.
    assert!(matches!(
        app.authoring(&author.tenant).procedure_draft(&author, &ProcedureId::new("sodai-gomi-jiko-hannyu")),
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        app.authoring(&author.tenant).retire_procedure(&author, &ProcedureId::new("sodai-gomi-jiko-hannyu"), "x"),
        Err(AppError::Forbidden)
    ));

    // Retired: closed to new filings; publishing reopens.
    app.authoring(&author.tenant).retire_procedure(&author, &ProcedureId::new("madoguchi-soudan"), "事業終了").unwrap();
    assert!(app.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").is_none());
    let list = app.authoring(&author.tenant).authored_procedures(&author).unwrap();
    // Through another city's door the author has no procedures and starts none.
    let elsewhere = madoguchi_core::TenantId::new("000000");
    assert!(matches!(app.authoring(&elsewhere).authored_procedures(&author), Err(AppError::NotFound)));
    assert!(matches!(app.authoring(&elsewhere).start_procedure(&author, "elsewhere-soudan", None), Err(AppError::NotFound)));
    let item = list.iter().find(|p| p.id == "madoguchi-soudan").unwrap();
    assert_eq!((item.status, item.version), (ProcedureStatus::Retired, Some(3)));
    assert!(list.iter().any(|p| p.id == "juminhyo-copy"), "the department's seeded procedures");

    // A restart keeps what was published and retired.
    let again = t.another_process();
    assert!(again.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").is_none());
    again.authoring(&author.tenant).republish_procedure(&author, &ProcedureId::new("madoguchi-soudan"), 2, "再開").unwrap();
    let third = t.another_process();
    assert_eq!(third.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").unwrap().title().ja, "窓口の相談予約");
});

db_test!(fn an_author_builds_a_procedure_in_the_structured_editor_and_publishes_it(db) {
    use madoguchi_app::{authoring::QuestionInput, authoring::SettingsInput, authoring::StructureEdit, authoring::StructureOutcome};
    use madoguchi_core::Localized;

    let t = TestApp::builder().db(db).forms(["juminhyo-copy", "sodai-gomi-jiko-hannyu"]).build();
    let app = &t.app;
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    app.authoring(&author.tenant).start_procedure(&author, "inu-sanpo", None).unwrap();
    let edit = |e: StructureEdit| app.authoring(&author.tenant).edit_procedure_structure(&author, &ProcedureId::new("inu-sanpo"), &e);

    edit(StructureEdit::Settings(SettingsInput {
        title: Localized::new("犬の散歩許可", "Dog walk permit"),
        summary: Localized::new("公園で犬を散歩させる許可です。", "A permit to walk dogs in parks."),
        who_may_file: Localized::new("犬を飼っている市民の方", "Residents who keep a dog"),
        result_delivery: Localized::new("許可証を郵送します。", "The permit is posted to you."),
        what_to_prepare: Localized::new("犬の登録番号", "The dog's registration number"),
        identity: "none".into(),
        processing_days: "5".into(),
        legal_basis: "仙台市公園条例 第3条".into(),
    }))
    .unwrap();
    edit(StructureEdit::AddStep { id: "dog".into(), title: Localized::new("犬について", "About the dog") })
        .unwrap();
    edit(StructureEdit::AddQuestion {
        step: "dog".into(),
        key: "dog_size".into(),
        question: QuestionInput {
            kind: "radios".into(),
            label: Localized::new("犬の大きさ", "Size of the dog"),
            required: true,
            options: "small | 小型犬 | Small\nlarge | 大型犬 | Large".into(),
            ..Default::default()
        },
    })
    .unwrap();
    edit(StructureEdit::AddQuestion {
        step: "dog".into(),
        key: "muzzle".into(),
        question: QuestionInput {
            kind: "text".into(),
            label: Localized::new("口輪の種類", "Kind of muzzle"),
            hint: Localized::new("例: かご型", "For example: basket"),
            required: true,
            ..Default::default()
        },
    })
    .unwrap();
    let draft = edit(StructureEdit::SetCondition {
        key: "muzzle".into(),
        field: "dog_size".into(),
        equals: "large".into(),
    })
    .unwrap();
    assert!(draft.problems.is_empty(), "{:?}", draft.problems);

    // The JSON editor sees the same working copy.
    let text = app.authoring(&author.tenant).procedure_draft(&author, &ProcedureId::new("inu-sanpo")).unwrap().text;
    assert!(text.contains("\"muzzle\"") && text.contains("\"show_if\""), "{text}");

    // A taken key is refused at its input, and nothing is saved.
    let taken = StructureEdit::AddQuestion {
        step: "dog".into(),
        key: "muzzle".into(),
        question: QuestionInput {
            kind: "text".into(),
            label: Localized::new("重複", "Twice"),
            ..Default::default()
        },
    };
    assert!(matches!(edit(taken.clone()), Err(AppError::Refused(ErrorCode::ValidationFailed))));
    match app.authoring(&author.tenant).apply_procedure_structure(&author, &ProcedureId::new("inu-sanpo"), &taken).unwrap() {
        StructureOutcome::Refused { problems, draft } => {
            assert_eq!(problems[0].input, "key");
            assert_eq!(draft.text, text, "unchanged");
        }
        StructureOutcome::Saved(_) => panic!("a taken key was saved"),
    }

    // Published, the residents' form asks about the muzzle only for large dogs.
    let published = app.authoring(&author.tenant).publish_procedure(&author, &ProcedureId::new("inu-sanpo"), "初版").unwrap();
    assert_eq!(published, Publication::Published(1));
    let form = app.forms_for(&defaults::tenant_id()).get("inu-sanpo").unwrap();
    assert_eq!(form.title().en, "Dog walk permit");
    let (_, dog) = form.step("dog").unwrap();
    assert_eq!(dog.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["dog_size", "muzzle"]);
    assert!(dog.fields[1].show_if.is_some());
    let answers = serde_json::json!({ "name": "仙台 太郎", "name_kana": "センダイタロウ", "dog_size": "small" });
    assert!(form.validate(&answers, app.filing_day()).is_empty());
    let mut large = answers.clone();
    large["dog_size"] = "large".into();
    assert_eq!(form.validate(&large, app.filing_day())[0].pointer, "/muzzle");

    // A working copy that is not JSON is not edited here.
    app.authoring(&author.tenant).save_procedure_draft(&author, &ProcedureId::new("inu-sanpo"), "{ broken").unwrap();
    assert!(matches!(
        app.authoring(&author.tenant).apply_procedure_structure(&author, &ProcedureId::new("inu-sanpo"), &StructureEdit::ClearCondition { key: "muzzle".into() }),
        Ok(StructureOutcome::Refused { .. })
    ));
    assert_eq!(app.authoring(&author.tenant).procedure_draft(&author, &ProcedureId::new("inu-sanpo")).unwrap().text, "{ broken");
});

db_test!(fn a_section_that_approves_publications_publishes_only_on_its_supervisors_word(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy", "sodai-gomi-jiko-hannyu"]).build();
    let app = &t.app;
    // The municipality's data turns approval on for the section.
    let text = std::fs::read_to_string(defaults::municipality_file()).unwrap();
    let mut data: serde_json::Value = serde_json::from_str(&text).unwrap();
    for d in data["departments"].as_array_mut().unwrap() {
        if d["code"] == "koseki-jumin" {
            d["publish_needs_approval"] = true.into();
        }
    }
    app.apply_municipality(&madoguchi_app::operations::Municipality::from_json(&data.to_string()).unwrap())
        .unwrap();
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    let chief = t.sign_in("koseki-jumin.kacho@sendai.example");
    let clerk = t.sign_in("koseki-jumin@sendai.example");

    app.authoring(&author.tenant).start_procedure(&author, "madoguchi-soudan", None).unwrap();
    let text = app.authoring(&author.tenant).procedure_draft(&author, &ProcedureId::new("madoguchi-soudan")).unwrap().text;
    let fixed = written(&text).replace("\"legal_basis\": \"\"", "\"legal_basis\": \"地方自治法\"");
    app.authoring(&author.tenant).save_procedure_draft(&author, &ProcedureId::new("madoguchi-soudan"), &fixed).unwrap();

    // Publishing sends it to the supervisor; nothing is open yet.
    assert_eq!(
        app.authoring(&author.tenant).publish_procedure(&author, &ProcedureId::new("madoguchi-soudan"), "初版").unwrap(),
        Publication::AwaitingApproval
    );
    assert!(app.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").is_none());
    assert!(app.authoring(&author.tenant).procedure_draft(&author, &ProcedureId::new("madoguchi-soudan")).unwrap().awaiting_approval);

    // Only a supervisor of the section sees and decides it.
    assert!(matches!(app.authoring(&clerk.tenant).procedures_awaiting_approval(&clerk), Err(AppError::Forbidden)));
    assert!(matches!(app.authoring(&author.tenant).approve_procedure(&author, &ProcedureId::new("madoguchi-soudan")), Err(AppError::Forbidden)));
    let pending = app.authoring(&chief.tenant).procedures_awaiting_approval(&chief).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].note, "初版");
    assert!(pending[0].diff.iter().any(|l| matches!(l, DiffLine::Added(t) if t.contains("地方自治法"))));

    // Sent back with a reason: it waits no more, and the copy is as the author left it.
    assert!(matches!(
        app.authoring(&chief.tenant).return_procedure(&chief, &ProcedureId::new("madoguchi-soudan"), " "),
        Err(AppError::Refused(ErrorCode::ReasonRequired))
    ));
    assert!(matches!(
        app.authoring(&chief.tenant).return_procedure(&chief, &ProcedureId::new("madoguchi-soudan"), &"長".repeat(501)),
        Err(AppError::Refused(ErrorCode::ReasonTooLong))
    ));
    app.authoring(&chief.tenant).return_procedure(&chief, &ProcedureId::new("madoguchi-soudan"), "連絡先を追記してください").unwrap();
    assert!(app.authoring(&chief.tenant).procedures_awaiting_approval(&chief).unwrap().is_empty());
    assert!(matches!(app.authoring(&chief.tenant).approve_procedure(&chief, &ProcedureId::new("madoguchi-soudan")), Err(AppError::InvalidTransition)));
    assert_eq!(app.authoring(&author.tenant).procedure_draft(&author, &ProcedureId::new("madoguchi-soudan")).unwrap().text, fixed);

    // Sent again and approved: published as version 1 with the author's note.
    app.authoring(&author.tenant).publish_procedure(&author, &ProcedureId::new("madoguchi-soudan"), "初版(連絡先を追記)").unwrap();
    assert_eq!(app.authoring(&chief.tenant).approve_procedure(&chief, &ProcedureId::new("madoguchi-soudan")).unwrap(), 1);
    assert!(app.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").is_some());
    let versions = app.authoring(&author.tenant).procedure_versions(&author, &ProcedureId::new("madoguchi-soudan")).unwrap();
    assert_eq!(versions[0].change_note, "初版(連絡先を追記)");
});

db_test!(fn another_process_picks_up_a_publication_and_a_retirement(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy", "sodai-gomi-jiko-hannyu"]).build();
    let one = &t.app;
    let other = t.another_process();
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    assert!(!other.refresh_published().unwrap(), "nothing new yet");

    one.authoring(&author.tenant).start_procedure(&author, "madoguchi-soudan", None).unwrap();
    let text = one.authoring(&author.tenant).procedure_draft(&author, &ProcedureId::new("madoguchi-soudan")).unwrap().text;
    let fixed = written(&text).replace("\"legal_basis\": \"\"", "\"legal_basis\": \"地方自治法\"");
    one.authoring(&author.tenant).save_procedure_draft(&author, &ProcedureId::new("madoguchi-soudan"), &fixed).unwrap();
    one.authoring(&author.tenant).publish_procedure(&author, &ProcedureId::new("madoguchi-soudan"), "初版").unwrap();
    assert!(other.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").is_none(), "not until it looks");
    assert!(other.refresh_published().unwrap());
    assert!(other.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").is_some(), "open in the other process too");

    one.authoring(&author.tenant).retire_procedure(&author, &ProcedureId::new("madoguchi-soudan"), "終了").unwrap();
    assert!(other.refresh_published().unwrap());
    assert!(other.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").is_none(), "closed there too");
    assert!(!other.refresh_published().unwrap());
});

db_test!(fn a_misspelt_or_ambiguous_definition_cannot_be_published(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"]).build();
    let app = &t.app;
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    app.authoring(&author.tenant).start_procedure(&author, "madoguchi-soudan", None).unwrap();
    let text = app.authoring(&author.tenant).procedure_draft(&author, &ProcedureId::new("madoguchi-soudan")).unwrap().text;
    let good = written(&text).replace("\"legal_basis\": \"\"", "\"legal_basis\": \"地方自治法 第2条\"");
    assert!(app.authoring(&author.tenant).save_procedure_draft(&author, &ProcedureId::new("madoguchi-soudan"), &good).unwrap().problems.is_empty());

    // (the mistake, where the lint says it is, words of its message)
    let cases = [
        (
            good.replace("\"maxLength\": 50", "\"maxLenght\": 50"),
            "/schema/properties/name/maxLenght",
            "Did you mean `maxLength`?",
        ),
        (
            good.replace("\"autocomplete\": \"name\"", "\"autocomplete\": \"name\", \"errors\": { \"patern\": { \"ja\": \"例\", \"en\": \"e.g.\" } }"),
            "/ui/fields/name/errors/patern",
            "never be shown",
        ),
        (
            good.replace("\"minLength\": 1,", "\"minLength\": 1, \"minLength\": 2,"),
            "/schema/properties/name",
            "`minLength` appears twice",
        ),
    ];
    for (mistake, pointer, words) in cases {
        assert_ne!(mistake, good, "{pointer}: the mistake was not made");
        let saved = app.authoring(&author.tenant).save_procedure_draft(&author, &ProcedureId::new("madoguchi-soudan"), &mistake).unwrap();
        assert!(
            saved.problems.iter().any(|p| p.pointer == pointer && p.message.en.contains(words)),
            "{pointer}: {:?}",
            saved.problems
        );
        assert!(matches!(
            app.authoring(&author.tenant).publish_procedure(&author, &ProcedureId::new("madoguchi-soudan"), "初版"),
            Err(AppError::Refused(ErrorCode::DefinitionInvalid))
        ));
        assert!(app.forms_for(&defaults::tenant_id()).get("madoguchi-soudan").is_none(), "{pointer}");
    }

    // An imported document with a key twice keeps its text, and its lint says where.
    let export = app.authoring(&author.tenant).export_procedure(&author, &ProcedureId::new("juminhyo-copy")).unwrap();
    let ambiguous = export
        .replacen("\"juminhyo-copy\"", "\"juminhyo-nikai\"", 1)
        .replacen("\"retention\":", "\"retention\": \"1y\", \"retention\":", 1);
    let id = app.authoring(&author.tenant).import_procedure(&author, &ambiguous).unwrap();
    let draft = app.authoring(&author.tenant).procedure_draft(&author, &id).unwrap();
    assert_eq!(draft.text, ambiguous);
    assert!(
        draft.problems.iter().any(|p| p.pointer == "/procedure" && p.message.en.contains("`retention` appears twice")),
        "{:?}",
        draft.problems
    );
    assert!(matches!(
        app.authoring(&author.tenant).publish_procedure(&author, &id, "初版"),
        Err(AppError::Refused(ErrorCode::DefinitionInvalid))
    ));
});

db_test!(fn the_lint_speaks_the_authors_language(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"]).build();
    let app = &t.app;
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    app.authoring(&author.tenant).start_procedure(&author, "madoguchi-soudan", None).unwrap();
    let draft = app.authoring(&author.tenant).procedure_draft(&author, &ProcedureId::new("madoguchi-soudan")).unwrap();
    let problem = &draft.problems[0];
    assert_eq!(problem.pointer, "/procedure/legal_basis");
    assert_eq!(problem.message.get(Lang::Ja), msg::forms_lint_legal_basis::text(Lang::Ja));
    assert_eq!(problem.message.get(Lang::En), msg::forms_lint_legal_basis::text(Lang::En));
    assert_ne!(problem.message.ja, problem.message.en);

    // A slip, an id changed and another department: the forms lint's words and the
    // editor's own, each in Japanese with the names it found.
    let mistaken = draft
        .text
        .replace("\"maxLength\": 50", "\"maxLenght\": 50")
        .replace("\"madoguchi-soudan\"", "\"madoguchi-soudan-2\"");
    let department = draft.text.split("\"department\": \"").nth(1).unwrap().split('"').next().unwrap();
    let mistaken = mistaken.replace(&format!("\"department\": \"{department}\""), "\"department\": \"zeimu\"");
    let saved = app.authoring(&author.tenant).save_procedure_draft(&author, &ProcedureId::new("madoguchi-soudan"), &mistaken).unwrap();
    // Every message the lint found at `pointer`, in Japanese.
    let ja = |pointer: &str| -> Vec<String> {
        let found: Vec<String> = saved
            .problems
            .iter()
            .filter(|p| p.pointer == pointer)
            .map(|p| p.message.get(Lang::Ja).to_string())
            .collect();
        assert!(!found.is_empty(), "{pointer}: {:?}", saved.problems);
        found
    };
    let said = |pointer: &str, words: &[&str]| {
        let found = ja(pointer);
        assert!(found.iter().any(|m| words.iter().all(|w| m.contains(w))), "{pointer}: {found:?}");
    };
    said("/schema/properties/name/maxLenght", &["`maxLenght`", "`maxLength`", "誤り"]);
    said("/procedure/id", &["`madoguchi-soudan`", "複製"]);
    said("/procedure/id", &["`madoguchi-soudan-2`", "フォルダ"]);
    said("/procedure/department", &[&format!("`{department}`"), "担当課"]);
    for p in &saved.problems {
        assert!(!p.message.ja.is_ascii(), "not in Japanese: {p:?}");
    }
});

db_test!(fn a_draft_begun_before_a_question_was_removed_files_without_it(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"]).build();
    let app = &t.app;
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    let id = ProcedureId::new("madoguchi-soudan");
    app.authoring(&author.tenant).start_procedure(&author, "madoguchi-soudan", None).unwrap();
    let v1 = written(&app.authoring(&author.tenant).procedure_draft(&author, &id).unwrap().text).replace("\"legal_basis\": \"\"", "\"legal_basis\": \"地方自治法 第2条\"");
    app.authoring(&author.tenant).save_procedure_draft(&author, &id, &v1).unwrap();
    app.authoring(&author.tenant).publish_procedure(&author, &id, "初版").unwrap();

    // A resident answers the one step of version 1, email included.
    let token = madoguchi_app::kernel::new_token().unwrap();
    let answers = [("name", "仙台 太郎"), ("name_kana", "センダイ タロウ"), ("email", "taro@example.jp")]
        .map(|(k, v)| (k.to_string(), v.to_string()));
    app.filing(&t.tenant()).save_step(&token, &id, "applicant", &answers, defaults::RESIDENT_ADDRESS).unwrap();

    // Version 2 no longer asks for the name in katakana.
    let mut v2: serde_json::Value = serde_json::from_str(&v1).unwrap();
    v2["schema"]["properties"].as_object_mut().unwrap().remove("name_kana");
    v2["schema"]["required"] = serde_json::json!(["name"]);
    v2["ui"]["fields"].as_object_mut().unwrap().remove("name_kana");
    v2["ui"]["steps"][0]["fields"] = serde_json::json!(["name", "email"]);
    let saved = app.authoring(&author.tenant).save_procedure_draft(&author, &id, &serde_json::to_string_pretty(&v2).unwrap()).unwrap();
    assert!(saved.problems.is_empty(), "{:?}", saved.problems);
    app.authoring(&author.tenant).publish_procedure(&author, &id, "フリガナを聞かない").unwrap();

    // The draft is checked and filed under version 2, without the answer it no longer asks.
    let view = app.filing(&t.tenant()).draft(Some(&token), &id).unwrap();
    assert_eq!(view.data, serde_json::json!({"name": "仙台 太郎", "email": "taro@example.jp"}));
    let check = app.filing(&t.tenant()).check(Some(&token), &id);
    assert!(check.is_ok(), "the check page names no question the resident cannot see: {:?}", check.err());
    app.filing(&t.tenant()).submit(Some(&token), &id, &uuid::Uuid::new_v4().to_string()).unwrap();
    assert_eq!(t.submissions(), 1);
});
