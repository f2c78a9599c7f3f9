//! The service as the server composes it, and a browser that keeps cookies.

use std::cell::RefCell;
use std::collections::BTreeMap;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test::{self, TestRequest};
use madoguchi_server::http::HttpService;
use madoguchi_testkit::{Engine, TestApp};
use madoguchi_web::{WebConfig, WebState};

/// The server's default largest form body (`Settings::max_form_bytes`).
pub const MAX_FORM_BYTES: usize = 64 * 1024;

/// The app for one test: the resident-record request and the demo municipality.
pub fn test_app(engine: Engine) -> TestApp {
    TestApp::builder().engine(engine).build()
}

/// Runs an async test on both engines: `<name>::sqlite` and `<name>::postgres` (ignored
/// unless built with `TEST_DATABASE_URL`, see build.rs).
macro_rules! web_test {
    (async fn $name:ident($t:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($t: madoguchi_testkit::TestApp) $body

            #[actix_web::test]
            async fn sqlite() {
                run($crate::in_process::support::test_app(madoguchi_testkit::Engine::Sqlite)).await;
            }

            #[actix_web::test]
            #[cfg_attr(not(pg_tests), ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)")]
            async fn postgres() {
                run($crate::in_process::support::test_app(madoguchi_testkit::Engine::Postgres)).await;
            }
        }
    };
}

/// The server's default rate limit of the anonymous API (`http.api_requests_per_minute`).
pub const RATE_PER_MINUTE: u32 = 600;

/// The HTTP service exactly as `madoguchi_server::Application` serves it
/// (`madoguchi_server::http::app`), over the test's app, without a socket.
pub async fn service(
    t: &TestApp,
) -> impl Service<
    actix_http::Request,
    Response = ServiceResponse<impl MessageBody>,
    Error = actix_web::Error,
> {
    service_limited(t, RATE_PER_MINUTE).await
}

/// [`service`] with another rate limit for the anonymous API.
pub async fn service_limited(
    t: &TestApp,
    api_requests_per_minute: u32,
) -> impl Service<
    actix_http::Request,
    Response = ServiceResponse<impl MessageBody>,
    Error = actix_web::Error,
> {
    let state = WebState {
        app: t.app.clone(),
        config: WebConfig {
            // The test public URL is https, as in the e2e server.
            secure_cookies: true,
            csrf_key: [7; 32],
            max_form_bytes: MAX_FORM_BYTES,
            trusted_proxies: madoguchi_web::proxies::TrustedProxies::parse::<&str>(&[]).unwrap(),
            limits: madoguchi_web::BodyLimits::default(),
            api_rate: madoguchi_web::ApiRateLimit::new(api_requests_per_minute),
        },
        pages: Default::default(),
    };
    test::init_service(madoguchi_server::http::app(HttpService::new(state))).await
}

/// A response as a test reads it.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    pub headers: actix_web::http::header::HeaderMap,
    pub text: String,
}

impl Page {
    /// A header's value as text (empty when absent).
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

/// A browser: keeps the cookies it is given and sends them back.
#[derive(Debug, Default)]
pub struct Browser {
    cookies: RefCell<BTreeMap<String, String>>,
    /// The host it asks for (the city), when not the test request's default.
    host: Option<String>,
}

impl Browser {
    /// A browser of the city at `host` (`akita.localhost`).
    pub fn on_host(host: &str) -> Browser {
        Browser {
            host: Some(host.to_string()),
            ..Browser::default()
        }
    }

    /// Posts the pairs a form sends, url-encoded, as they are (the token among them).
    pub async fn post_pairs<S, B>(
        &self,
        service: &S,
        path: &str,
        pairs: &[(String, String)],
    ) -> Page
    where
        S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
        B: MessageBody,
    {
        let body = serde_urlencoded::to_string(pairs).unwrap();
        let req = TestRequest::post()
            .uri(path)
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload(body);
        self.send(service, req).await
    }

    pub async fn send<S, B>(&self, service: &S, req: TestRequest) -> Page
    where
        S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
        B: MessageBody,
    {
        let cookie = self
            .cookies
            .borrow()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let req = if cookie.is_empty() {
            req
        } else {
            req.insert_header(("cookie", cookie))
        };
        let req = match &self.host {
            Some(host) => req.insert_header(("host", host.as_str())),
            None => req,
        };
        // An error the framework would turn into a response is read as that response.
        match test::try_call_service(service, req.to_request()).await {
            Ok(res) => {
                for c in res.response().cookies() {
                    self.cookies
                        .borrow_mut()
                        .insert(c.name().to_string(), c.value().to_string());
                }
                let status = res.status();
                let headers = res.headers().clone();
                let body = test::read_body(res).await;
                Page {
                    status,
                    headers,
                    text: String::from_utf8_lossy(&body).into_owned(),
                }
            }
            Err(e) => {
                let res = e.error_response();
                let status = res.status();
                let headers = res.headers().clone();
                let body = actix_web::body::to_bytes(res.into_body())
                    .await
                    .unwrap_or_default();
                Page {
                    status,
                    headers,
                    text: String::from_utf8_lossy(&body).into_owned(),
                }
            }
        }
    }

    /// The value of a cookie this browser holds.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.borrow().get(name).cloned()
    }

    /// Sets a cookie, as a browser that kept an old one would send it.
    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies
            .borrow_mut()
            .insert(name.to_string(), value.to_string());
    }

    pub async fn get<S, B>(&self, service: &S, path: &str) -> Page
    where
        S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
        B: MessageBody,
    {
        self.send(service, TestRequest::get().uri(path)).await
    }

    /// Posts a form, url-encoded, with `csrf` as its token when given.
    pub async fn post_form<S, B>(
        &self,
        service: &S,
        path: &str,
        csrf: Option<&str>,
        fields: &[(&str, &str)],
    ) -> Page
    where
        S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
        B: MessageBody,
    {
        let mut all: Vec<(&str, &str)> = csrf.map(|c| ("csrf_token", c)).into_iter().collect();
        all.extend_from_slice(fields);
        let body = serde_urlencoded::to_string(&all).unwrap();
        let req = TestRequest::post()
            .uri(path)
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload(body);
        self.send(service, req).await
    }
}
