//! Integrations: a department's API tokens.

use madoguchi_app::AppError;
use madoguchi_core::ErrorCode;
use madoguchi_testkit::{TestApp, db_test};

db_test!(fn a_token_acts_for_its_section_until_revoked(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy", "sodai-gomi-jiko-hannyu"]).build();
    let app = &t.app;
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    assert!(matches!(app.integrations(&clerk.tenant).create_api_token(&clerk, "x", true), Err(AppError::Forbidden)));
    let made = app.integrations(&author.tenant).create_api_token(&author, "基幹システム", true).unwrap();
    assert!(made.secret.starts_with("mdg_") && made.secret.len() == 47);

    let client = app.integrations(&t.tenant()).api_client(&made.secret).unwrap();
    assert!(client.can_write);
    app.authoring(&client.writer().unwrap().tenant).start_procedure(client.writer().unwrap(), "api-made", None).unwrap();
    let listed = app.integrations(&author.tenant).api_tokens(&author).unwrap();
    assert!(listed[0].last_used_at.is_some(), "use is recorded");

    // Its secret is not kept: a near miss is refused.
    let mut near = made.secret.clone();
    near.pop();
    near.push('x');
    assert!(matches!(app.integrations(&t.tenant()).api_client(&near), Err(AppError::Refused(ErrorCode::ApiTokenInvalid))));
    let read = app.integrations(&author.tenant).create_api_token(&author, "閲覧", false).unwrap();
    assert!(matches!(
        app.integrations(&t.tenant()).api_client(&read.secret).unwrap().writer(),
        Err(AppError::Refused(ErrorCode::ApiTokenReadOnly))
    ));

    // Bound to its city: through another city's door the token is no token, and the
    // author's tokens are not found.
    let elsewhere = madoguchi_core::TenantId::new("000000");
    assert!(matches!(app.integrations(&elsewhere).api_client(&made.secret), Err(AppError::Refused(ErrorCode::ApiTokenInvalid))));
    assert!(matches!(app.integrations(&elsewhere).api_tokens(&author), Err(AppError::NotFound)));
    assert!(matches!(app.integrations(&elsewhere).revoke_api_token(&author, made.id.as_str()), Err(AppError::NotFound)));
    assert!(app.integrations(&t.tenant()).api_client(&made.secret).is_ok(), "still valid at home");

    app.integrations(&author.tenant).revoke_api_token(&author, made.id.as_str()).unwrap();
    assert!(matches!(app.integrations(&t.tenant()).api_client(&made.secret), Err(AppError::Refused(ErrorCode::ApiTokenInvalid))));
    assert!(matches!(app.integrations(&author.tenant).revoke_api_token(&author, made.id.as_str()), Err(AppError::NotFound)));
});
