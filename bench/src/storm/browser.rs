//! What a browser without JavaScript does that the storm needs: ask for gzip and read it,
//! keep the cookies a server sets (and drops), send them back, read a form's hidden inputs,
//! follow a `303` by hand so each request is timed on its own.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, COOKIE, LOCATION, SET_COOKIE};

/// The cookies of one browser: name → value, as the server set them. The storm's server is
/// one host on plain HTTP, so path, domain and `Secure` do not choose between cookies here.
#[derive(Debug, Default)]
pub struct Jar {
    cookies: Vec<(String, String)>,
}

impl Jar {
    /// Takes one `Set-Cookie` value: sets the cookie, or removes it when the server expires
    /// it (`Max-Age=0`, or an empty value with an expiry, as actix's removal cookie does).
    pub fn take(&mut self, set_cookie: &str) {
        let mut parts = set_cookie.split(';');
        let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else {
            return;
        };
        let (name, value) = (name.trim(), value.trim());
        let expired = parts.any(|attr| {
            let attr = attr.trim().to_ascii_lowercase();
            attr == "max-age=0" || attr.starts_with("max-age=-")
        });
        self.cookies.retain(|(n, _)| n != name);
        if !expired && !value.is_empty() {
            self.cookies.push((name.to_string(), value.to_string()));
        }
    }

    /// The `Cookie` header to send, if any.
    pub fn header(&self) -> Option<String> {
        if self.cookies.is_empty() {
            return None;
        }
        Some(
            self.cookies
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
    }
}

/// One answer from the server, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
    pub took: Duration,
}

/// A browser: its own connection to the server and its own cookies.
#[derive(Debug)]
pub struct Browser {
    client: reqwest::Client,
    base: String,
    pub jar: Jar,
    /// Requests sent again because no answer came (see `send`).
    pub resent: u64,
}

impl Browser {
    pub fn new(base: &str) -> Result<Browser, String> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(1)
            // Shorter than the server's keep-alive (5 s): never send on a closing connection.
            .pool_idle_timeout(Duration::from_secs(2))
            .timeout(Duration::from_secs(120))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Browser {
            client,
            base: base.to_string(),
            jar: Jar::default(),
            resent: 0,
        })
    }

    /// A new visitor on the same machine: no cookies (the connection stays).
    pub fn forget(&mut self) {
        self.jar = Jar::default();
    }

    pub async fn get(&mut self, path: &str) -> Result<Answer, String> {
        let url = format!("{}{path}", self.base);
        self.send(|c| c.get(&url)).await
    }

    /// Posts a form, url-encoded, as a browser sends `<form method="post">`.
    pub async fn post(&mut self, path: &str, pairs: &[(String, String)]) -> Result<Answer, String> {
        let url = format!("{}{path}", self.base);
        self.send(|c| c.post(&url).form(pairs)).await
    }

    /// Sends the request; when no answer at all came (the kept-alive connection was closed
    /// under it), sends it once more on a new connection, as browsers do — counted in
    /// `resent`, with the time of both tries.
    async fn send(
        &mut self,
        request: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
    ) -> Result<Answer, String> {
        let sent = Instant::now();
        let res = match self.as_browser(request(&self.client)).send().await {
            Ok(res) => res,
            Err(first) if (first.is_request() || first.is_connect()) && !first.is_timeout() => {
                self.resent += 1;
                self.as_browser(request(&self.client))
                    .send()
                    .await
                    .map_err(|e| format!("{} (after {})", chain(&e), chain(&first)))?
            }
            Err(e) => return Err(chain(&e)),
        };
        for value in res.headers().get_all(SET_COOKIE) {
            if let Ok(value) = value.to_str() {
                self.jar.take(value);
            }
        }
        let status = res.status();
        let location = res
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let zipped = res
            .headers()
            .get(CONTENT_ENCODING)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"gzip"));
        let bytes = res.bytes().await.map_err(|e| chain(&e))?;
        let body = if zipped {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text)
                .map_err(|e| format!("a gzip answer that does not decode: {e}"))?;
            text
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        Ok(Answer {
            status,
            location,
            body,
            took: sent.elapsed(),
        })
    }

    /// What a browser sends with every request: compression accepted (answers are
    /// decoded here), and its cookies.
    fn as_browser(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        let request = request.header(ACCEPT_ENCODING, "gzip, deflate, br, zstd");
        match self.jar.header() {
            Some(cookies) => request.header(COOKIE, cookies),
            None => request,
        }
    }
}

/// An error with its causes: reqwest's own words say little ("error sending request").
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// The value of the first `<input name="{name}" value="…">` of a page.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_jar_keeps_replaces_and_drops_cookies_as_set() {
        let mut jar = Jar::default();
        assert_eq!(jar.header(), None);
        jar.take("mdg_csrf=n1; Path=/; HttpOnly; SameSite=Lax");
        jar.take("mdg_resident=s1; Path=/; HttpOnly; Max-Age=86400");
        assert_eq!(
            jar.header().as_deref(),
            Some("mdg_csrf=n1; mdg_resident=s1")
        );
        jar.take("mdg_csrf=n2; Path=/");
        assert_eq!(
            jar.header().as_deref(),
            Some("mdg_resident=s1; mdg_csrf=n2")
        );
        jar.take("mdg_resident=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(jar.header().as_deref(), Some("mdg_csrf=n2"));
    }

    #[test]
    fn a_hidden_input_is_read_from_the_page() {
        let page = r#"<form><input type="hidden" name="csrf_token" value="abc-1"><input type="hidden" name="idempotency_key" value="k"></form>"#;
        assert_eq!(input_value(page, "csrf_token").as_deref(), Some("abc-1"));
        assert_eq!(input_value(page, "idempotency_key").as_deref(), Some("k"));
        assert_eq!(input_value(page, "missing"), None);
    }
}
