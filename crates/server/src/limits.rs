//! What one process lets clients hold: connections, how long bodies and idle connections
//! may take, uploads at once, and the open-file limit they all count against.
//!
//! Every open connection is a file descriptor. `max_connections` per worker, times the
//! workers, plus the backlog, the database pool, the mail connection and the files being
//! read must stay under the process's open-file limit (`LimitNOFILE=` in
//! deploy/madoguchi.service); the process raises its soft limit to the hard one at start.
//! Past `max_connections` a worker stops accepting (new connections wait in the backlog), so
//! a flood of slow clients delays others until the body deadline frees their places instead
//! of running the process out of descriptors.

use std::time::Duration;

use serde::Deserialize;

use crate::StartError;

/// The `[http]` table of the settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpLimits {
    /// Seconds a form or JSON body may take to arrive, from the end of its headers (408
    /// after).
    pub body_timeout_seconds: u64,
    /// Seconds a body with a file (`multipart/form-data`) may take to arrive (408 after).
    pub upload_timeout_seconds: u64,
    /// Seconds an idle kept-alive connection stays open.
    pub keep_alive_seconds: u64,
    /// Open connections per HTTP worker; past it the worker stops accepting.
    pub max_connections: usize,
    /// TLS handshakes in progress per worker. This server speaks plain HTTP (TLS ends at
    /// the proxy), so it matters only if TLS is ever terminated here.
    pub max_connection_rate: usize,
    /// Connections the kernel holds waiting to be accepted (`listen(2)` backlog; capped by
    /// `net.core.somaxconn`).
    pub backlog: u32,
    /// Uploads (steps with a file) read at the same time, in the whole process; more are
    /// answered 503 with `Retry-After`.
    pub max_uploads: usize,
    /// Requests per client address and minute to the anonymous API's validate, file and
    /// postal-code routes, counted across nodes; more are answered 429 with `Retry-After`.
    pub api_requests_per_minute: u32,
    /// Threads per HTTP worker that run use cases (diesel is synchronous). Requests past
    /// it queue, holding no thread, until one is free; actix's own default (512 divided by
    /// the cores) let hundreds of requests waiting for the database pool each hold a
    /// thread, its stack and its share of the allocator's arenas.
    pub max_blocking_threads: usize,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            body_timeout_seconds: 30,
            upload_timeout_seconds: 300,
            keep_alive_seconds: 5,
            max_connections: 1024,
            max_connection_rate: 256,
            backlog: 1024,
            max_uploads: 16,
            api_requests_per_minute: 600,
            max_blocking_threads: 32,
        }
    }
}

/// Each key of `[http]` and its environment variable (a test checks that
/// deploy/config.example.toml and docs/operations.md name them all).
pub const HTTP_KEYS: [(&str, &str); 9] = [
    (
        "body_timeout_seconds",
        "MADOGUCHI_HTTP_BODY_TIMEOUT_SECONDS",
    ),
    (
        "upload_timeout_seconds",
        "MADOGUCHI_HTTP_UPLOAD_TIMEOUT_SECONDS",
    ),
    ("keep_alive_seconds", "MADOGUCHI_HTTP_KEEP_ALIVE_SECONDS"),
    ("max_connections", "MADOGUCHI_HTTP_MAX_CONNECTIONS"),
    ("max_connection_rate", "MADOGUCHI_HTTP_MAX_CONNECTION_RATE"),
    ("backlog", "MADOGUCHI_HTTP_BACKLOG"),
    ("max_uploads", "MADOGUCHI_HTTP_MAX_UPLOADS"),
    (
        "api_requests_per_minute",
        "MADOGUCHI_HTTP_API_REQUESTS_PER_MINUTE",
    ),
    (
        "max_blocking_threads",
        "MADOGUCHI_HTTP_MAX_BLOCKING_THREADS",
    ),
];

impl HttpLimits {
    /// Applies the `MADOGUCHI_HTTP_*` overrides read through `get`; each must be a whole
    /// number above zero.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<(), StartError> {
        for (key, var) in HTTP_KEYS {
            let Some(v) = get(var) else { continue };
            let n: u64 = v.trim().parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                StartError::Config(format!(
                    "{var}={v} is not valid: give a whole number above 0 (http.{key})"
                ))
            })?;
            let size = usize::try_from(n).unwrap_or(usize::MAX);
            match key {
                "body_timeout_seconds" => self.body_timeout_seconds = n,
                "upload_timeout_seconds" => self.upload_timeout_seconds = n,
                "keep_alive_seconds" => self.keep_alive_seconds = n,
                "max_connections" => self.max_connections = size,
                "max_connection_rate" => self.max_connection_rate = size,
                "backlog" => self.backlog = u32::try_from(n).unwrap_or(u32::MAX),
                "max_uploads" => self.max_uploads = size,
                "max_blocking_threads" => self.max_blocking_threads = size,
                _ => self.api_requests_per_minute = u32::try_from(n).unwrap_or(u32::MAX),
            }
        }
        Ok(())
    }

    /// Refuses a zero, which would stop the server serving anything.
    pub fn check(&self) -> Result<(), StartError> {
        let zero = [
            ("body_timeout_seconds", self.body_timeout_seconds == 0),
            ("upload_timeout_seconds", self.upload_timeout_seconds == 0),
            ("keep_alive_seconds", self.keep_alive_seconds == 0),
            ("max_connections", self.max_connections == 0),
            ("max_connection_rate", self.max_connection_rate == 0),
            ("backlog", self.backlog == 0),
            ("max_uploads", self.max_uploads == 0),
            ("api_requests_per_minute", self.api_requests_per_minute == 0),
            ("max_blocking_threads", self.max_blocking_threads == 0),
        ];
        match zero.iter().find(|(_, z)| *z) {
            Some((key, _)) => Err(StartError::Config(format!(
                "http.{key} is 0: give a whole number above 0 (see deploy/config.example.toml)"
            ))),
            None => Ok(()),
        }
    }

    /// The web layer's part: body deadlines and the upload places.
    pub fn body_limits(&self) -> madoguchi_web::BodyLimits {
        madoguchi_web::BodyLimits {
            body_timeout: Duration::from_secs(self.body_timeout_seconds),
            upload_timeout: Duration::from_secs(self.upload_timeout_seconds),
            uploads: madoguchi_web::UploadSlots::new(self.max_uploads),
        }
    }
}

/// Raises the soft open-file limit to the hard one (systemd's `LimitNOFILE=` sets both; a
/// shell often leaves the soft one at 1024). Returns the limit now in force.
pub fn raise_open_file_limit() -> std::io::Result<u64> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if limit.current != limit.maximum {
        limit.current = limit.maximum;
        setrlimit(Resource::Nofile, limit)?;
    }
    let now = getrlimit(Resource::Nofile);
    Ok(now.current.unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_has_its_variable_and_refuses_nonsense() {
        let mut limits = HttpLimits::default();
        limits
            .apply_env(|var| {
                HTTP_KEYS
                    .iter()
                    .position(|(_, v)| *v == var)
                    .map(|i| (i + 2).to_string())
            })
            .unwrap();
        assert_eq!(
            (
                limits.body_timeout_seconds,
                limits.upload_timeout_seconds,
                limits.keep_alive_seconds,
                limits.max_connections,
                limits.max_connection_rate,
                limits.backlog,
                limits.max_uploads,
                limits.api_requests_per_minute,
                limits.max_blocking_threads
            ),
            (2, 3, 4, 5, 6, 7, 8, 9, 10),
            "each variable sets its own key"
        );
        for (key, var) in HTTP_KEYS {
            for bad in ["0", "-1", "ten", ""] {
                let err = HttpLimits::default()
                    .apply_env(|v| (v == var).then(|| bad.to_string()))
                    .unwrap_err()
                    .to_string();
                assert!(err.contains(var) && err.contains(key), "{err}");
            }
            let zero: HttpLimits = toml::from_str(&format!("{key} = 0")).unwrap();
            assert!(zero.check().unwrap_err().to_string().contains(key));
        }
        HttpLimits::default().check().unwrap();
    }

    #[test]
    fn the_soft_open_file_limit_is_raised_to_the_hard_one() {
        let now = raise_open_file_limit().unwrap();
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile);
        assert_eq!(limit.current, limit.maximum);
        assert_eq!(now, limit.current.unwrap_or(u64::MAX));
    }
}
