//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' descriptions and the
//! body types, served at `/api/v1/openapi.json`. `static/openapi.json` is the same
//! document committed for readers; a test fails when the two differ (regenerate it with
//! `MADOGUCHI_WRITE_OPENAPI=1 cargo test -p madoguchi-web --lib openapi`).

use std::sync::LazyLock;

use actix_web::HttpResponse;
use actix_web::http::header::CONTENT_TYPE;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::bodies;
use super::department::{bookings, drafts, filings, publish, status};
use super::{files, postal, procedures, submissions, validate};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Madoguchi API",
        version = "1",
        description = "Online administrative procedures of a Japanese municipality. Answers are checked by the same engine as the resident pages. Every failure that is not about the answers uses one error envelope (Error); problems with the answers are 422 with every problem (Invalid). See docs/API.md. Department routes take a department token (Authorization: Bearer mdg_…); webhooks are described in docs/webhooks.md.",
        license(name = "Apache-2.0 OR MIT")
    ),
    servers((url = "/api/v1")),
    paths(
        procedures::procedures,
        procedures::procedure,
        validate::validate,
        submissions::submit,
        files::upload,
        postal::postal_code,
        drafts::list,
        drafts::create,
        drafts::draft,
        drafts::update,
        publish::publish,
        publish::retire,
        status::versions,
        status::submission,
        filings::list,
        filings::filing,
        filings::file,
        bookings::define,
        bookings::slots,
    ),
    components(
        schemas(
            bodies::ErrorEnvelope,
            bodies::ErrorBody,
            bodies::Invalid,
            bodies::FieldProblem
        ),
        responses(bodies::ErrorEnvelope, bodies::Invalid)
    ),
    modifiers(&DepartmentToken),
    tags(
        (name = "residents", description = "Procedures open for filing, validation, filing, postal codes: at the trust level of the anonymous resident pages"),
        (name = "departments", description = "A department's procedures and filings, with the department's API token")
    )
)]
struct ApiDoc;

/// The department token's security scheme.
struct DepartmentToken;

impl Modify for DepartmentToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "departmentToken",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A department's API token (mdg_…), made on /office/integrations by the department's author. Read tokens read; write tokens also change working copies, publish and retire. Revocable.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as served (and as committed in `static/openapi.json`).
pub fn document_json() -> Result<String, serde_json::Error> {
    ApiDoc::openapi().to_pretty_json().map(|mut text| {
        text.push('\n');
        text
    })
}

static DOCUMENT: LazyLock<Result<String, String>> =
    LazyLock::new(|| document_json().map_err(|e| e.to_string()));

/// `GET /api/v1/openapi.json`.
pub(super) async fn document() -> HttpResponse {
    match &*DOCUMENT {
        Ok(text) => HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, "application/json"))
            .insert_header(("Cache-Control", "public, max-age=3600"))
            .body(text.clone()),
        Err(e) => {
            tracing::error!(error = %e, "the OpenAPI document could not be written");
            actix_web::ResponseError::error_response(&super::error::ApiError::Code(
                madoguchi_core::ErrorCode::Internal,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMITTED: &str = include_str!("../../../static/openapi.json");

    #[test]
    fn the_committed_document_is_the_generated_one() {
        let generated = document_json().unwrap();
        if std::env::var_os("MADOGUCHI_WRITE_OPENAPI").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/static/openapi.json");
            std::fs::write(path, &generated).unwrap();
            return;
        }
        assert!(
            generated == COMMITTED,
            "static/openapi.json differs from the API's types: regenerate it with \
             MADOGUCHI_WRITE_OPENAPI=1 cargo test -p madoguchi-web --lib openapi"
        );
    }

    #[test]
    fn bodies_are_described_concretely() {
        let doc: serde_json::Value = serde_json::from_str(&document_json().unwrap()).unwrap();
        let schemas = &doc["components"]["schemas"];
        // The receipt of a filing, field by field.
        let receipt = &schemas["Receipt"]["properties"];
        for field in [
            "arrival_number",
            "arrived_at",
            "state",
            "fee_yen",
            "payment",
        ] {
            assert!(receipt.get(field).is_some(), "Receipt.{field}");
        }
        // The answers: an object with an example, not just "an object".
        let answers = &schemas["Answers"];
        assert_eq!(answers["type"], "object");
        assert_eq!(answers["examples"][0]["applicant_phone"], "022-214-1111");
        let submit = &doc["paths"]["/procedures/{id}/submissions"]["post"];
        assert_eq!(
            submit["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Answers"
        );
        assert_eq!(
            submit["responses"]["201"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Receipt"
        );
        // Every reference resolves: the envelopes' own types are in the components too.
        for name in ["Error", "ErrorBody", "Invalid", "FieldProblem", "Localized"] {
            assert!(schemas[name].is_object(), "{name}");
        }
        // Department bodies too.
        assert!(schemas["Draft"]["properties"]["problems"].is_object());
        assert!(schemas["SubmissionStatus"]["properties"]["history"].is_object());
        assert!(schemas["FilingList"]["properties"]["next_cursor"].is_object());
        for field in ["layout", "answers", "files", "payments"] {
            assert!(
                schemas["DepartmentFiling"]["properties"]
                    .get(field)
                    .is_some(),
                "DepartmentFiling.{field}"
            );
        }
    }
}
