//! The OpenAPI 3.1 document of the platform operator's API (`/operator/v1`), served at
//! `/operator/v1/openapi.json` (with the operator token, like every call) when the API is
//! on. Kept apart from the cities' `/api/v1` document: no city's caller may use these.
//! Every route of [`super::ROUTES`] is described, and nothing else (a test
//! checks both, and calls each described route).

use serde_json::{Value, json};

use super::ROUTES;

/// One operation: its summary, its request body schema (if any), its success status and
/// body schema (none: no body), and whether it names a city's `code` or a `host`.
struct Operation {
    summary: &'static str,
    body: Option<Value>,
    success: (&'static str, &'static str, Option<Value>),
}

fn tenant_schema() -> Value {
    json!({
        "type": "object",
        "required": ["code", "name", "status", "hosts"],
        "properties": {
            "code": { "type": "string", "description": "6-digit local-government code with its check digit (JIS X 0402)", "example": "052019" },
            "name": { "type": "object", "properties": { "ja": { "type": "string" }, "en": { "type": "string" } } },
            "status": { "type": "string", "enum": ["active", "suspended"] },
            "hosts": { "type": "array", "items": { "type": "string" } }
        }
    })
}

fn add_schema() -> Value {
    let text = |d: &str| json!({ "type": "string", "description": d });
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["code", "name_ja", "name_en", "municipality_file", "admin_email"],
        "properties": {
            "code": text("6-digit local-government code; a wrong check digit is named"),
            "name_ja": text("秋田市"),
            "name_en": text("Akita City"),
            "hosts": { "type": "array", "items": { "type": "string" }, "description": "host names (lower case, no port) that serve it" },
            "municipality_file": text("file name (…json) of its organisation file, in the deployment's municipality folder"),
            "admin_email": text("login of its first administrator"),
            "public_url": text("base of its links; default https://<first host>"),
            "mail_from": text("sender of its residents' mail; default the deployment's"),
            "accent": text("accent colour #rrggbb, at least 4.5:1 against white"),
            "identity_provider": text("a name of [oidc.providers]; default the deployment's [oidc]"),
            "payment_provider": text("a name of [payment.providers]; default the deployment's [payment]")
        }
    })
}

fn operation(method: &str, path: &str) -> Option<Operation> {
    let op = |summary, body, success| Operation {
        summary,
        body,
        success,
    };
    Some(match (method, path) {
        ("GET", "/tenants") => op(
            "Every municipality with its status and hosts",
            None,
            (
                "200",
                "the municipalities",
                Some(json!({ "type": "array", "items": tenant_schema() })),
            ),
        ),
        ("POST", "/tenants") => op(
            "Add a municipality: its settings, organisation, hosts and first administrator",
            Some(add_schema()),
            (
                "201",
                "added; the administrator's one-time password is shown this once",
                Some(json!({
                    "type": "object",
                    "properties": {
                        "code": { "type": "string" },
                        "admin_login": { "type": "string" },
                        "admin_one_time_password": { "type": "string" },
                        "sign_in_url": { "type": "string" }
                    }
                })),
            ),
        ),
        ("POST", "/tenants/{code}/suspend") => op(
            "Suspend a municipality: its hosts answer 503 until it is resumed",
            None,
            ("204", "suspended", None),
        ),
        ("POST", "/tenants/{code}/resume") => op(
            "Resume a suspended municipality",
            None,
            ("204", "resumed", None),
        ),
        ("POST", "/tenants/{code}/hosts") => op(
            "Let a host name serve the municipality",
            Some(
                json!({ "type": "object", "required": ["host"], "properties": { "host": { "type": "string" } } }),
            ),
            (
                "201",
                "the host as stored (lower case, no port)",
                Some(json!({
                    "type": "object",
                    "properties": { "host": { "type": "string" }, "code": { "type": "string" } }
                })),
            ),
        ),
        ("DELETE", "/hosts/{host}") => op(
            "Stop a host name serving anyone",
            None,
            ("204", "removed", None),
        ),
        ("GET", "/openapi.json") => op(
            "This document",
            None,
            (
                "200",
                "the OpenAPI document",
                Some(json!({ "type": "object" })),
            ),
        ),
        _ => return None,
    })
}

fn parameters(path: &str) -> Vec<Value> {
    ["code", "host"]
        .into_iter()
        .filter(|name| path.contains(&format!("{{{name}}}")))
        .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }))
        .collect()
}

/// The document.
pub fn document() -> Value {
    let problem = json!({ "type": "object", "required": ["error"], "properties": { "error": { "type": "string", "description": "the reason, naming the field (as the `madoguchi tenant` commands word it)" } } });
    let mut paths = serde_json::Map::new();
    for (method, path) in ROUTES {
        let Some(op) = operation(method, path) else {
            continue;
        };
        let (status, description, body) = op.success;
        let mut success = json!({ "description": description });
        if let Some(schema) = body {
            success["content"] = json!({ "application/json": { "schema": schema } });
        }
        let mut operation = json!({
            "summary": op.summary,
            "tags": ["operator"],
            "parameters": parameters(path),
            "responses": {
                status: success,
                "400": { "description": "refused: the reason", "content": { "application/json": { "schema": problem } } },
                "401": { "description": "no operator token, or another" }
            }
        });
        if let Some(schema) = op.body {
            operation["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": schema } } });
        }
        let entry = paths.entry(path.to_string()).or_insert_with(|| json!({}));
        entry[method.to_ascii_lowercase()] = operation;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Madoguchi operator API",
            "version": "1",
            "description": "The platform operator's API: the municipalities of one deployment, as the `madoguchi tenant` commands manage them (docs/tenancy.md). On only when [operator] token is set; answers on any host; every call needs that token as Authorization: Bearer …",
            "license": { "name": "Apache-2.0 OR MIT" }
        },
        "servers": [{ "url": "/operator/v1" }],
        "security": [{ "operatorToken": [] }],
        "components": {
            "securitySchemes": {
                "operatorToken": { "type": "http", "scheme": "bearer", "description": "[operator] token (MADOGUCHI_OPERATOR_TOKEN)" }
            }
        },
        "tags": [{ "name": "operator", "description": "Municipalities, their hosts and status" }],
        "paths": paths
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use actix_web::http::{Method, StatusCode};
    use actix_web::test::{TestRequest, call_service, init_service, read_body_json};

    use super::*;
    use crate::operator_api::{OperatorApi, configure};

    #[test]
    fn every_route_is_described_and_nothing_else() {
        let doc = document();
        let paths = doc["paths"].as_object().unwrap();
        let mut described: Vec<(String, String)> = paths
            .iter()
            .flat_map(|(path, ops)| {
                ops.as_object()
                    .unwrap()
                    .keys()
                    .map(move |m| (m.to_ascii_uppercase(), path.clone()))
            })
            .collect();
        described.sort();
        let mut routes: Vec<(String, String)> = ROUTES
            .iter()
            .map(|(m, p)| (m.to_string(), p.to_string()))
            .collect();
        routes.sort();
        assert_eq!(described, routes);
        for (method, path) in ROUTES {
            let op = &doc["paths"][path][method.to_ascii_lowercase()];
            assert!(op["responses"]["401"].is_object(), "{method} {path}");
            let named = op["parameters"].as_array().unwrap().len();
            assert_eq!(
                named,
                path.matches('{').count(),
                "{method} {path}: its parameters"
            );
        }
        assert_eq!(
            doc["paths"]["/tenants"]["post"]["requestBody"]["content"]["application/json"]["schema"]
                ["properties"]["payment_provider"]["type"],
            "string"
        );
    }

    /// Each described operation exists on the served API: without the token it is 401
    /// (a route that did not exist would be 404 or 405); the document itself is served
    /// with the token, equal to `document()`.
    #[actix_web::test]
    async fn every_described_operation_is_served() {
        let t = madoguchi_testkit::TestApp::builder().build();
        let api = OperatorApi::for_tests(&t.app, "operator-token-for-tests");
        let service =
            init_service(actix_web::App::new().configure(|cfg| configure(cfg, &api))).await;
        let doc = document();
        for (method, path) in ROUTES {
            let uri = format!(
                "/operator/v1{}",
                path.replace("{code}", "052019")
                    .replace("{host}", "akita.example")
            );
            let mut req = TestRequest::default()
                .method(Method::from_bytes(method.as_bytes()).unwrap())
                .uri(&uri);
            // A body of the described shape: every required property, as a string.
            let body = &doc["paths"][path][method.to_ascii_lowercase()]["requestBody"];
            if let Some(required) =
                body["content"]["application/json"]["schema"]["required"].as_array()
            {
                let sample: serde_json::Map<String, Value> = required
                    .iter()
                    .map(|name| (name.as_str().unwrap().to_string(), json!("x")))
                    .collect();
                req = req.set_json(sample);
            }
            let res = call_service(&service, req.to_request()).await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{method} {uri}");
        }
        let req = TestRequest::get()
            .uri("/operator/v1/openapi.json")
            .insert_header(("authorization", "Bearer operator-token-for-tests"))
            .to_request();
        let res = call_service(&service, req).await;
        assert_eq!(res.status(), StatusCode::OK);
        let served: Value = read_body_json(res).await;
        assert_eq!(served, doc);
    }
}
