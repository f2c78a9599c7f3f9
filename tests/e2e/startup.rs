//! What the server refuses to start with.

use madoguchi_e2e::madoguchi_testkit::{Engine, SmtpSink};
use madoguchi_e2e::test_settings;
use madoguchi_server::Application;

/// Routed procedures need postal codes to find a ward: with none in the database and none
/// to load (no file named, or a file that is not there), the server does not start, and it
/// names the setting to fix.
#[actix_web::test]
async fn the_server_refuses_to_start_with_routed_procedures_and_no_postal_codes() {
    let sink = SmtpSink::start();
    for file in ["", "/no/such/postal-codes.csv.gz"] {
        let db = Engine::Sqlite.database();
        let dir = tempfile::tempdir().unwrap();
        let mut settings = test_settings(&db, &sink, dir.path());
        settings.postal_codes_file = file.into();
        let Err(e) = Application::build(settings) else {
            panic!("started without postal codes ({file:?})");
        };
        let said = e.to_string();
        assert!(
            said.contains("postal_codes_file") && said.contains("routed"),
            "{said}"
        );
    }
}

/// A `font_path` that is not a font stops the server at start, naming the file and the
/// setting (without one, the built-in font is used: every other test server starts so).
#[actix_web::test]
async fn the_server_refuses_to_start_with_a_font_path_that_is_not_a_font() {
    let sink = SmtpSink::start();
    let db = Engine::Sqlite.database();
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_settings(&db, &sink, dir.path());
    settings.font_path = "/no/such/font.ttf".into();
    let Err(e) = Application::build(settings) else {
        panic!("started with a missing font");
    };
    let said = e.to_string();
    assert!(
        said.contains("/no/such/font.ttf") && said.contains("MADOGUCHI_FONT_PATH"),
        "{said}"
    );
}
