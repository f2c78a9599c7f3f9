//! The keys as the database knows them (a check per key, a node with another key named)
//! and the rotation of a sealing key; the demo's accounts closed for production.

use madoguchi_app::operations::{DEMO_PASSWORD, KeyCheckError, KeyMismatch, RotatedKey};
use madoguchi_core::ProcedureId;
use madoguchi_store::prelude::SubmissionsRead;
use madoguchi_testkit::{TestApp, db_test, defaults};

const CLERK_ADDRESS: &str = "192.0.2.10";

db_test!(fn a_rotation_reseals_my_numbers_and_authenticator_secrets_under_the_new_key(db) {
    let root = defaults::repo_root();
    let t = TestApp::builder().db(db).forms(["jido-teate-nintei"]).build();
    let old = defaults::keys();
    let named = |k: &madoguchi_app::SecretKeys| [("totp", k.totp), ("mynumber", k.my_number)];
    let check = |app: &madoguchi_app::App, k: &madoguchi_app::SecretKeys| {
        let keys = named(k);
        app.check_keys(&keys.iter().map(|(n, k)| (*n, k)).collect::<Vec<_>>())
    };
    check(&t.app, &old).expect("the first start stores the checks");
    // A My Number sealed in a filing; the demo clerks' authenticator secrets sealed too.
    let example: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("forms/jido-teate-nintei/examples/valid/first-baby-public-account.json")).unwrap()).unwrap();
    let data = example.get("data").cloned().unwrap_or(example);
    let receipt = t.app.filing(&t.tenant()).submit_data(&ProcedureId::new("jido-teate-nintei"), data, &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS).unwrap().receipt().clone();
    let id = receipt.submission_id.to_string();
    let clerk = t.sign_in("hoken-nenkin@sendai.example");
    let pointer = "/claimant_my_number";

    let mut new = old.clone();
    new.my_number = [20; 32];
    new.totp = [10; 32];
    let resealed = t.app.rotate_key(RotatedKey::MyNumber, &new.my_number).unwrap();
    assert!(resealed >= 1, "the filing's My Number: {resealed}");
    let resealed = t.app.rotate_key(RotatedKey::Totp, &new.totp).unwrap();
    assert!(resealed >= 10, "the demo clerks' secrets: {resealed}");

    // A node with the new keys reads them back, and its keys pass the check.
    let rotated = t.another_process_configured(|c| c.keys = new.clone());
    check(&rotated, &new).expect("the new keys are the database's now");
    assert_eq!(rotated.review(&clerk.tenant).reveal_my_number(&clerk, &id, pointer, "照合").unwrap(), "123456789018");
    let session = rotated.staff(&t.tenant()).login("koseki-jumin@sendai.example", DEMO_PASSWORD, CLERK_ADDRESS).unwrap();
    let signed_in = (0..=1).any(|ahead| rotated.staff(&t.tenant()).verify_code(&session.token, &t.demo_code(ahead), CLERK_ADDRESS).is_ok());
    assert!(signed_in, "the authenticator secret opens under the new key");

    // A node with the old keys is refused, naming both keys, and opens nothing.
    let Err(KeyCheckError::Mismatch(KeyMismatch(differ))) = check(&t.app, &old) else {
        panic!("the old keys passed the check");
    };
    assert_eq!(differ, ["totp", "mynumber"]);
    assert!(t.app.review(&clerk.tenant).reveal_my_number(&clerk, &id, pointer, "照合").is_err());
    let session = t.app.staff(&t.tenant()).login("koseki-jumin.kacho@sendai.example", DEMO_PASSWORD, CLERK_ADDRESS).unwrap();
    assert!((0..=1).all(|ahead| t.app.staff(&t.tenant()).verify_code(&session.token, &t.demo_code(ahead), CLERK_ADDRESS).is_err()));
    // Rotating from a key the values were not sealed with changes nothing.
    let stored = || t.db.db.conn().unwrap().find_submission(&t.tenant(), &receipt.submission_id).unwrap().unwrap().data;
    let before = stored();
    assert!(t.app.rotate_key(RotatedKey::MyNumber, &[30; 32]).is_err());
    let after = stored();
    assert_eq!(before, after);
    check(&rotated, &new).expect("a failed rotation keeps the checks");
});

db_test!(fn removed_demo_accounts_cannot_sign_in_and_are_no_longer_found(db) {
    let t = TestApp::builder().db(db).build();
    let tenant = t.tenant();
    let found = t.app.demo_accounts(&tenant).unwrap();
    assert!(found.iter().any(|l| l == "admin@sendai.example"), "{found:?}");
    assert!(found.iter().any(|l| l == madoguchi_app::operations::DEMO_RESIDENT), "{found:?}");
    let token = t.sign_in_token("admin@sendai.example");
    let removed = t.app.remove_demo_accounts(&tenant).unwrap();
    assert_eq!(removed.len(), found.len());
    assert!(t.app.demo_accounts(&tenant).unwrap().is_empty());
    assert!(t.app.remove_demo_accounts(&tenant).unwrap().is_empty(), "a second removal has nothing to do");
    // No password, no session left.
    assert!(t.app.staff(&t.tenant()).login("admin@sendai.example", DEMO_PASSWORD, CLERK_ADDRESS).is_err());
    assert!(t.app.staff(&t.tenant()).clerk_for_session(&token).unwrap().is_none());
});
