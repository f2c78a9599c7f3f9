//! The platform operator's API (`/operator/v1`): the municipalities of the deployment, as
//! the `madoguchi tenant` commands manage them — list, add (with its first administrator),
//! hosts, suspend and resume. It exists only when `[operator] token`
//! (`MADOGUCHI_OPERATOR_TOKEN`) is set, answers on any host (it is no city's), and asks for
//! that token as `Authorization: Bearer …` on every call (compared in constant time). A
//! city's staff and API tokens are no operator's.
//!
//! A new city's organisation file is named by its file name only: it must sit in the folder
//! of the configured municipality file (where every node reads it at start), so a caller
//! cannot make the server read any other file.

pub mod openapi;

use std::path::{Path, PathBuf};

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_app::App;
use madoguchi_app::kernel::tenancy::{TenantSettings, check_local_gov_code};
use madoguchi_core::Localized;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::StartError;
use crate::tenants::{self, NewTenant};

/// The `[operator]` table of the settings.
#[derive(Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OperatorSettings {
    /// The bearer token of the operator API. Empty (the default): no operator API.
    pub token: String,
}

impl std::fmt::Debug for OperatorSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OperatorSettings")
            .field("token_set", &!self.token.is_empty())
            .finish()
    }
}

/// Each key of `[operator]` and its environment variable.
pub const OPERATOR_KEYS: [(&str, &str); 1] = [("token", "MADOGUCHI_OPERATOR_TOKEN")];

impl OperatorSettings {
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) {
        if let Some(v) = get(OPERATOR_KEYS[0].1) {
            self.token = v;
        }
    }
}

/// What the operator API needs: the app, its token, and where organisation files and
/// forms are.
#[derive(Clone)]
pub struct OperatorApi {
    app: App,
    token: String,
    municipalities: PathBuf,
    forms_dir: PathBuf,
}

impl std::fmt::Debug for OperatorApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OperatorApi")
            .field("municipalities", &self.municipalities)
            .finish_non_exhaustive()
    }
}

impl OperatorApi {
    /// `None` when no token is set (no operator API).
    pub fn new(app: &App, settings: &crate::Settings) -> Option<OperatorApi> {
        let token = settings.operator.token.trim();
        (!token.is_empty()).then(|| OperatorApi {
            app: app.clone(),
            token: token.to_string(),
            municipalities: settings
                .municipality_file
                .parent()
                .unwrap_or(Path::new("."))
                .to_path_buf(),
            forms_dir: settings.forms_dir.clone(),
        })
    }

    /// An operator API over `app` with `token`, organisation files in the current folder.
    #[cfg(test)]
    pub(crate) fn for_tests(app: &App, token: &str) -> OperatorApi {
        OperatorApi {
            app: app.clone(),
            token: token.into(),
            municipalities: PathBuf::from("."),
            forms_dir: PathBuf::from("."),
        }
    }

    fn allows(&self, req: &HttpRequest) -> bool {
        let given = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        bool::from(given.trim().as_bytes().ct_eq(self.token.as_bytes()))
    }
}

/// Every route under `/operator/v1`, as (method, path): `configure` registers exactly
/// these (one handler each, in this order) and the OpenAPI document describes exactly these
/// (`openapi.rs`).
pub const ROUTES: [(&str, &str); 7] = [
    ("GET", "/tenants"),
    ("POST", "/tenants"),
    ("POST", "/tenants/{code}/suspend"),
    ("POST", "/tenants/{code}/resume"),
    ("POST", "/tenants/{code}/hosts"),
    ("DELETE", "/hosts/{host}"),
    ("GET", "/openapi.json"),
];

fn route((method, _): (&str, &str)) -> actix_web::Route {
    let method = actix_web::http::Method::from_bytes(method.as_bytes())
        .unwrap_or(actix_web::http::Method::GET);
    web::route().method(method)
}

/// The routes, under `/operator/v1`.
pub fn configure(cfg: &mut web::ServiceConfig, api: &OperatorApi) {
    let [
        list_r,
        add_r,
        suspend_r,
        resume_r,
        add_host_r,
        remove_host_r,
        document_r,
    ] = ROUTES;
    cfg.service(
        web::scope("/operator/v1")
            .app_data(web::Data::new(api.clone()))
            .app_data(web::JsonConfig::default().limit(16 * 1024))
            .route(list_r.1, route(list_r).to(list))
            .route(add_r.1, route(add_r).to(add))
            .route(suspend_r.1, route(suspend_r).to(suspend))
            .route(resume_r.1, route(resume_r).to(resume))
            .route(add_host_r.1, route(add_host_r).to(add_host))
            .route(remove_host_r.1, route(remove_host_r).to(remove_host))
            .route(document_r.1, route(document_r).to(document)),
    );
}

/// The OpenAPI document of this API (with the token, as every call).
async fn document(req: HttpRequest, api: web::Data<OperatorApi>) -> HttpResponse {
    guarded(req, api, |_| {
        Ok((StatusCode::OK, Some(openapi::document())))
    })
    .await
}

#[derive(Serialize)]
struct TenantView {
    code: String,
    name: Localized,
    status: &'static str,
    hosts: Vec<String>,
}

#[derive(Serialize)]
struct Problem {
    error: String,
}

fn problem(status: StatusCode, text: impl Into<String>) -> HttpResponse {
    HttpResponse::build(status).json(Problem { error: text.into() })
}

/// What a call answers: its status and JSON body (none: no body).
type Reply = (StatusCode, Option<serde_json::Value>);

fn reply(status: StatusCode, body: impl Serialize) -> Result<Reply, StartError> {
    let body = serde_json::to_value(body)
        .map_err(|e| StartError::Config(format!("cannot write the answer: {e}")))?;
    Ok((status, Some(body)))
}

/// Runs `work` off the async threads once the token is checked; its `Err` is a 400 with
/// the reason (a `StartError::Config` names what is wrong), anything else a 500.
async fn guarded(
    req: HttpRequest,
    api: web::Data<OperatorApi>,
    work: impl FnOnce(&OperatorApi) -> Result<Reply, StartError> + Send + 'static,
) -> HttpResponse {
    if !api.allows(&req) {
        return HttpResponse::Unauthorized()
            .insert_header(("WWW-Authenticate", "Bearer"))
            .json(Problem {
                error: "the operator token is required".into(),
            });
    }
    let api = api.into_inner();
    match web::block(move || work(&api)).await {
        Ok(Ok((status, Some(body)))) => HttpResponse::build(status).json(body),
        Ok(Ok((status, None))) => HttpResponse::build(status).finish(),
        Ok(Err(StartError::Config(reason))) => problem(StatusCode::BAD_REQUEST, reason),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "operator API");
            problem(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
        }
        Err(_) => problem(StatusCode::INTERNAL_SERVER_ERROR, "internal error"),
    }
}

async fn list(req: HttpRequest, api: web::Data<OperatorApi>) -> HttpResponse {
    guarded(req, api, |api| {
        let tenants: Vec<TenantView> = api
            .app
            .list_tenants()?
            .into_iter()
            .map(|(t, hosts)| TenantView {
                code: t.id.to_string(),
                name: t.name,
                status: if t.suspended { "suspended" } else { "active" },
                hosts,
            })
            .collect();
        reply(StatusCode::OK, tenants)
    })
    .await
}

/// A municipality to add (`POST /operator/v1/tenants`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddTenant {
    code: String,
    name_ja: String,
    name_en: String,
    #[serde(default)]
    hosts: Vec<String>,
    /// The file name of its organisation file, in the configured municipality file's folder.
    municipality_file: String,
    admin_email: String,
    #[serde(default)]
    public_url: Option<String>,
    #[serde(default)]
    mail_from: Option<String>,
    #[serde(default)]
    accent: Option<String>,
    /// A name of `[oidc.providers]`; absent: the deployment's `[oidc]`.
    #[serde(default)]
    identity_provider: Option<String>,
    /// A name of `[payment.providers]`; absent: the deployment's `[payment]`.
    #[serde(default)]
    payment_provider: Option<String>,
}

#[derive(Serialize)]
struct Added {
    code: String,
    admin_login: String,
    /// Shown once: the first sign-in enrols the authenticator.
    admin_one_time_password: String,
    sign_in_url: String,
}

async fn add(
    req: HttpRequest,
    api: web::Data<OperatorApi>,
    body: web::Json<AddTenant>,
) -> HttpResponse {
    let body = body.into_inner();
    guarded(req, api, move |api| {
        let name = Path::new(&body.municipality_file);
        let plain = name.components().count() == 1
            && name.extension().is_some_and(|x| x == "json")
            && !body.municipality_file.starts_with('.');
        if !plain {
            return Err(StartError::Config(
                "municipality_file: the file name of an organisation file (…json) in the deployment's municipality folder".into(),
            ));
        }
        let public_url = body
            .public_url
            .or_else(|| body.hosts.first().map(|h| format!("https://{h}")));
        let new = NewTenant {
            code: body.code,
            name: Localized::new(body.name_ja, body.name_en),
            hosts: body.hosts,
            municipality_file: api.municipalities.join(name),
            forms_dir: api.forms_dir.clone(),
            admin_email: body.admin_email,
            settings: TenantSettings {
                public_url,
                mail_from: body.mail_from,
                accent: body.accent,
                identity_provider: body.identity_provider,
                payment_provider: body.payment_provider,
                ..TenantSettings::default()
            },
        };
        let admin = tenants::add_tenant(&api.app, &new)?;
        reply(StatusCode::CREATED, Added {
            code: new.code,
            admin_login: admin.login,
            admin_one_time_password: admin.one_time_password,
            sign_in_url: admin.sign_in_url,
        })
    })
    .await
}

fn refused(e: madoguchi_app::kernel::tenancy::TenancyError) -> StartError {
    StartError::Config(e.to_string())
}

async fn set_active(
    req: HttpRequest,
    api: web::Data<OperatorApi>,
    code: String,
    active: bool,
) -> HttpResponse {
    guarded(req, api, move |api| {
        let id = check_local_gov_code(&code).map_err(refused)?;
        api.app.set_tenant_active(&id, active)?.map_err(refused)?;
        Ok((StatusCode::NO_CONTENT, None))
    })
    .await
}

async fn suspend(
    req: HttpRequest,
    api: web::Data<OperatorApi>,
    code: web::Path<String>,
) -> HttpResponse {
    set_active(req, api, code.into_inner(), false).await
}

async fn resume(
    req: HttpRequest,
    api: web::Data<OperatorApi>,
    code: web::Path<String>,
) -> HttpResponse {
    set_active(req, api, code.into_inner(), true).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewHost {
    host: String,
}

async fn add_host(
    req: HttpRequest,
    api: web::Data<OperatorApi>,
    code: web::Path<String>,
    body: web::Json<NewHost>,
) -> HttpResponse {
    let code = code.into_inner();
    let host = body.into_inner().host;
    guarded(req, api, move |api| {
        let id = check_local_gov_code(&code).map_err(refused)?;
        let host = api.app.add_tenant_host(&id, &host)?.map_err(refused)?;
        reply(
            StatusCode::CREATED,
            serde_json::json!({ "host": host, "code": id.to_string() }),
        )
    })
    .await
}

async fn remove_host(
    req: HttpRequest,
    api: web::Data<OperatorApi>,
    host: web::Path<String>,
) -> HttpResponse {
    let host = host.into_inner();
    guarded(req, api, move |api| {
        api.app.remove_tenant_host(&host)?.map_err(refused)?;
        Ok((StatusCode::NO_CONTENT, None))
    })
    .await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_example_and_the_operations_guide_name_the_setting_and_keep_it_off() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let example = std::fs::read_to_string(root.join("deploy/config.example.toml")).unwrap();
        let operations = std::fs::read_to_string(root.join("docs/operations.md")).unwrap();
        let parsed: crate::Settings = toml::from_str(&example).unwrap();
        assert!(
            parsed.operator.token.is_empty(),
            "the example has no operator API"
        );
        for (key, var) in OPERATOR_KEYS {
            assert!(example.contains(var), "the example names {var}");
            assert!(
                operations.contains(&format!("`[operator]` `{key}`")) && operations.contains(var),
                "docs/operations.md explains operator.{key} ({var})"
            );
        }
    }

    #[test]
    fn the_token_is_never_printed() {
        let settings = OperatorSettings {
            token: "s3cr3t-operator".into(),
        };
        assert!(!format!("{settings:?}").contains("s3cr3t"));
        let mut from_env = OperatorSettings::default();
        from_env.apply_env(|v| (v == "MADOGUCHI_OPERATOR_TOKEN").then(|| "x".into()));
        assert_eq!(from_env.token, "x");
    }
}
