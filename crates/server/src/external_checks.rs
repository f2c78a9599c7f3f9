//! The systems that check a form's answers for a city (`x-external-check`): read from the
//! settings, their addresses checked, and the demo's stand-in library mounted in the server.

use std::collections::BTreeMap;
use std::sync::Arc;

use madoguchi_core::TenantId;

use crate::{Settings, StartError};

/// The systems that check answers, per city (`[external_checks."<tenant>".<system>]`):
/// those configured, and the demo's stand-in
/// library (`demo_library`: this server's own address and the stand-in's token) for the
/// configured city when it has none of its own.
pub(crate) fn external_checks(
    settings: &Settings,
    demo_library: Option<(&str, &str)>,
) -> Result<BTreeMap<(TenantId, String), madoguchi_app::kernel::CheckEndpoint>, StartError> {
    let mut checks = BTreeMap::new();
    for (tenant, systems) in &settings.external_checks {
        for (system, c) in systems {
            let refused = |why: &str| {
                StartError::Config(format!("[external_checks.\"{tenant}\".{system}]: {why}"))
            };
            check_url_of_a_check(&c.url).map_err(refused)?;
            if c.token.is_empty() {
                return Err(refused(
                    "give its token (MADOGUCHI_EXTERNAL_CHECK_<TENANT>_<SYSTEM>_TOKEN)",
                ));
            }
            checks.insert(
                (TenantId::new(tenant), system.clone()),
                madoguchi_app::kernel::CheckEndpoint {
                    url: c.url.clone(),
                    token: c.token.clone(),
                },
            );
        }
    }
    if let Some((base, token)) = demo_library {
        let library = (TenantId::new(&settings.tenant), "library".to_string());
        checks.entry(library).or_insert_with(|| {
            let url = format!("{base}/stublibrary/check");
            tracing::info!(%url, "stand-in library mounted for the demo");
            madoguchi_app::kernel::CheckEndpoint {
                url,
                token: token.to_string(),
            }
        });
    }
    Ok(checks)
}

/// An external check's address: `https://`, or `http://` whose host is a loopback
/// address (read as a URL: `http://localhost.example.net` or `http://127.0.0.1@host` are
/// not loopback), with no user or password in it (the secret is the token).
fn check_url_of_a_check(url: &str) -> Result<(), &'static str> {
    let parsed =
        reqwest::Url::parse(url).map_err(|_| "url is not an address (https://host/path)")?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err("url must not hold a user or password (give the token instead)");
    }
    let host = parsed.host_str().unwrap_or_default();
    let loopback = host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" if !host.is_empty() => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err("url must be https:// (http:// only on loopback)"),
    }
}

/// The demo's stand-in library, to mount in this server at `/stublibrary` (as the stub
/// payments are at `/stubpay`: no second server), with the token it expects: when the
/// demo is on and the city configured no `library` check of its own.
pub(crate) fn demo_library(
    settings: &Settings,
) -> Result<Option<(Arc<madoguchi_stublibrary::StubLibrary>, String)>, StartError> {
    let configured = settings
        .external_checks
        .get(&settings.tenant)
        .is_some_and(|systems| systems.contains_key("library"));
    if !settings.demo || configured {
        return Ok(None);
    }
    let token = madoguchi_app::kernel::new_token()?;
    let library = madoguchi_stublibrary::StubLibrary::new(&token);
    Ok(Some((Arc::new(library), token)))
}

#[cfg(test)]
mod tests {
    use super::check_url_of_a_check;

    #[test]
    fn an_external_checks_address_is_https_or_loopback_http_read_as_a_url() {
        for fine in [
            "https://opac.library.example/madoguchi/check",
            "http://127.0.0.1:8123/check",
            "http://localhost:8123/check",
            "http://[::1]:8123/check",
        ] {
            assert_eq!(check_url_of_a_check(fine), Ok(()), "{fine}");
        }
        for refused in [
            "http://opac.library.example/check",
            "http://localhost.attacker.example/check",
            "http://127.0.0.1.nip.io/check",
            "http://127.0.0.1@attacker.example/check",
            "https://user:pass@opac.library.example/check",
            "ftp://127.0.0.1/check",
            "opac.library.example/check",
            "",
        ] {
            assert!(check_url_of_a_check(refused).is_err(), "{refused}");
        }
    }
}
