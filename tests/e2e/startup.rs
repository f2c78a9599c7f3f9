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
