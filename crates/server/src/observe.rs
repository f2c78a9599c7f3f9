//! What the process tells its operator: the log's format, and who may read `/metrics`
//! (docs/operations.md, Observability).

use std::io::IsTerminal;

use serde::Deserialize;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::{Layer, Registry};

use crate::StartError;

/// The `[metrics]` table of the settings.
#[derive(Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsSettings {
    /// The bearer token a scraper sends (`Authorization: Bearer …`). Empty (the default):
    /// `/metrics` answers 404 to everyone.
    pub token: String,
}

impl std::fmt::Debug for MetricsSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetricsSettings")
            .field("token_set", &!self.token.is_empty())
            .finish()
    }
}

/// Each key of `[metrics]` and its environment variable, and the log format's variable
/// (environment only: the log starts before the settings are read). A test checks that
/// deploy/config.example.toml and docs/operations.md name them all.
pub const METRICS_KEYS: [(&str, &str); 1] = [("token", "MADOGUCHI_METRICS_TOKEN")];
pub const LOG_FORMAT_VAR: &str = "MADOGUCHI_LOG_FORMAT";

impl MetricsSettings {
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) {
        if let Some(v) = get(METRICS_KEYS[0].1) {
            self.token = v;
        }
    }

    /// The web layer's token (`None`: no one may read the metrics).
    pub fn token(&self) -> Option<madoguchi_web::observe::MetricsToken> {
        madoguchi_web::observe::MetricsToken::new(&self.token)
    }
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// One JSON object per line (a file, journald, a collector).
    Json,
    /// Text for a person at a terminal, in colour.
    Text,
}

impl LogFormat {
    /// `MADOGUCHI_LOG_FORMAT`: `json`, `text` or `auto` (the default: JSON unless standard
    /// output is a terminal).
    pub fn from_setting(value: Option<&str>, terminal: bool) -> Result<LogFormat, StartError> {
        match value.map(str::trim).unwrap_or("auto") {
            "json" => Ok(LogFormat::Json),
            "text" => Ok(LogFormat::Text),
            "auto" | "" if terminal => Ok(LogFormat::Text),
            "auto" | "" => Ok(LogFormat::Json),
            other => Err(StartError::Config(format!(
                "MADOGUCHI_LOG_FORMAT={other} is not valid: json, text or auto"
            ))),
        }
    }
}

/// The format the process's log was started with.
static FORMAT: std::sync::OnceLock<LogFormat> = std::sync::OnceLock::new();

/// Says `line` of the start-up banner (the address, the demo logins, what runs) to the
/// person who started the process: as text on a terminal; as a log event among the JSON
/// lines otherwise, so a collector reading standard output gets JSON only. Empty lines
/// (spacing for the eye) are left out of the log.
#[allow(clippy::print_stdout)]
pub fn announce(line: &str) {
    if FORMAT.get() == Some(&LogFormat::Json) {
        if !line.trim().is_empty() {
            tracing::info!(target: "madoguchi::start", "{}", line.trim());
        }
    } else {
        println!("{line}");
    }
}

/// Starts the process's log: `RUST_LOG` filters (default `info`), `MADOGUCHI_LOG_FORMAT`
/// picks the format. Colours only on a terminal, never in a file. With an OTLP endpoint in
/// the environment, spans are exported too (`crate::traces`).
pub fn init_logging() -> Result<(), StartError> {
    use tracing_subscriber::util::SubscriberInitExt;
    let terminal = std::io::stdout().is_terminal();
    let format = LogFormat::from_setting(std::env::var(LOG_FORMAT_VAR).ok().as_deref(), terminal);
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,actix_server=warn"));
    // A bad format still leaves a log (text) to say so in.
    let chosen = *format.as_ref().unwrap_or(&LogFormat::Text);
    let _ = FORMAT.set(chosen);
    let traces = crate::traces::layer();
    let (traces, traces_err) = match traces {
        Ok(layer) => (layer, None),
        Err(e) => (None, Some(e)),
    };
    subscriber(chosen, filter, terminal, std::io::stdout, traces).init();
    format?;
    traces_err.map_or(Ok(()), Err)
}

/// A layer of the log's subscriber.
pub type LogLayer = Box<dyn Layer<Registry> + Send + Sync>;

/// The log's subscriber writing to `writer`: JSON (one object per line, the event's fields
/// at the top level, the request's span as `span`: its `request_id`) or text, in colour
/// when `ansi`; and `more` (the trace exporter) beside it.
pub fn subscriber<W>(
    format: LogFormat,
    filter: tracing_subscriber::EnvFilter,
    ansi: bool,
    writer: W,
    more: Option<LogLayer>,
) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let lines: LogLayer = match format {
        LogFormat::Json => Box::new(
            tracing_subscriber::fmt::layer()
                .json()
                .flatten_event(true)
                .with_current_span(true)
                .with_span_list(false)
                .with_writer(writer),
        ),
        LogFormat::Text => Box::new(
            tracing_subscriber::fmt::layer()
                .with_ansi(ansi)
                .with_writer(writer),
        ),
    };
    let layers: Vec<LogLayer> = std::iter::once(lines).chain(more).collect();
    tracing_subscriber::registry().with(layers.with_filter(filter))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_unless_a_terminal_or_asked() {
        assert_eq!(
            LogFormat::from_setting(None, false).unwrap(),
            LogFormat::Json
        );
        assert_eq!(
            LogFormat::from_setting(None, true).unwrap(),
            LogFormat::Text
        );
        assert_eq!(
            LogFormat::from_setting(Some("text"), false).unwrap(),
            LogFormat::Text
        );
        assert_eq!(
            LogFormat::from_setting(Some("json"), true).unwrap(),
            LogFormat::Json
        );
        let err = LogFormat::from_setting(Some("xml"), true).unwrap_err();
        assert!(err.to_string().contains("MADOGUCHI_LOG_FORMAT"), "{err}");
    }

    #[test]
    fn the_example_config_and_the_operations_guide_name_every_key() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let example =
            std::fs::read_to_string(format!("{root}/deploy/config.example.toml")).unwrap();
        let operations = std::fs::read_to_string(format!("{root}/docs/operations.md")).unwrap();
        let parsed: crate::Settings = toml::from_str(&example).unwrap();
        assert!(
            parsed.metrics.token().is_none(),
            "the example keeps /metrics closed"
        );
        assert!(
            example.contains("\n[metrics]\ntoken = \"\"\n"),
            "the example has [metrics]"
        );
        for (key, var) in METRICS_KEYS {
            assert!(example.contains(var), "the example names {var}");
            assert!(
                operations.contains(&format!("`[metrics] {key}`")) && operations.contains(var),
                "docs/operations.md explains metrics.{key} ({var})"
            );
        }
        assert!(example.contains(LOG_FORMAT_VAR) && operations.contains(LOG_FORMAT_VAR));
    }

    #[test]
    fn the_token_is_never_printed() {
        let mut s = MetricsSettings::default();
        assert!(s.token().is_none(), "closed by default");
        s.apply_env(|k| (k == "MADOGUCHI_METRICS_TOKEN").then(|| "s3cret-token".into()));
        assert!(s.token().is_some());
        assert!(!format!("{s:?}").contains("s3cret"));
        assert!(!format!("{:?}", s.token()).contains("s3cret"));
    }
}
