//! The service's metrics, kept per process in one registry (no global recorder: every
//! in-process test has its own) and read at `/metrics` in the OpenMetrics text format that
//! Prometheus scrapes.

use std::sync::Arc;

use prometheus_client::encoding::text::{encode_eof, encode_registry};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};

/// Labels of a request: method, route pattern (`/corrections/{token}`, never the path: a
/// path can hold a token or personal data, and each would be a new series) and status.
type RequestLabels = Vec<(&'static str, String)>;

type DurationFamily = Family<RequestLabels, Histogram, fn() -> Histogram>;

/// Latency buckets, in seconds: 5 ms to 30 s (a slow upload's body deadline is longer, but
/// anything past 30 s is one bucket to an operator).
fn duration_histogram() -> Histogram {
    Histogram::new([
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
    ])
}

/// The HTTP layer's metrics, shared by the HTTP workers of a process.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: DurationFamily,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "madoguchi_http_requests",
            "Requests answered, by method, route pattern and status",
            requests.clone(),
        );
        let durations: DurationFamily = Family::new_with_constructor(duration_histogram);
        registry.register_with_unit(
            "madoguchi_http_request_duration",
            "Time to answer a request (headers sent), by method, route pattern and status",
            Unit::Seconds,
            durations.clone(),
        );
        Metrics(Arc::new(Inner {
            registry,
            requests,
            durations,
        }))
    }

    /// Counts one answered request.
    pub fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        // A client may send any word as a method: one series for all the unknown ones.
        let method = match method {
            "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" => method,
            _ => "OTHER",
        };
        let labels = vec![
            ("method", method.to_string()),
            ("route", route.to_string()),
            ("status", status.to_string()),
        ];
        self.0.requests.get_or_create(&labels).inc();
        self.0.durations.get_or_create(&labels).observe(seconds);
    }

    /// The text of a scrape: this process's series, then `more` (figures read from the
    /// database at scrape time), then the end marker.
    pub fn render(&self, more: Option<&Registry>) -> Result<String, std::fmt::Error> {
        let mut text = String::new();
        encode_registry(&mut text, &self.0.registry)?;
        if let Some(more) = more {
            encode_registry(&mut text, more)?;
        }
        encode_eof(&mut text)?;
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_by_route_pattern_and_unknown_methods_share_a_series() {
        let m = Metrics::new();
        m.record("GET", "/receipts/{number}", 200, 0.02);
        m.record("GET", "/receipts/{number}", 200, 0.03);
        m.record("BREW", "(no route)", 404, 0.001);
        m.record("TEAPOT", "(no route)", 404, 0.001);
        let text = m.render(None).unwrap();
        assert!(text.contains(
            r#"madoguchi_http_requests_total{method="GET",route="/receipts/{number}",status="200"} 2"#
        ), "{text}");
        assert!(
            text.contains(
                r#"madoguchi_http_requests_total{method="OTHER",route="(no route)",status="404"} 2"#
            ),
            "{text}"
        );
        assert!(text.contains(
            r#"madoguchi_http_request_duration_seconds_bucket{le="0.025",method="GET",route="/receipts/{number}",status="200"} 1"#
        ) || text.contains(r#"madoguchi_http_request_duration_seconds_bucket{method="GET",route="/receipts/{number}",status="200",le="0.025"} 1"#), "{text}");
        assert!(!text.contains("BREW") && text.ends_with("# EOF\n"));
    }
}
