//! Optional trace export: with `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
//! `OTEL_EXPORTER_OTLP_ENDPOINT` set (OpenTelemetry's own variables, as every collector's
//! guide names them), each request's span and the spans under it go to that collector over
//! OTLP/HTTP (protobuf), in batches from a thread of their own. Unset (the default), nothing
//! is exported and no exporter runs.
//!
//! The spans carry what the log lines carry — the route pattern, the method, the request
//! id — never a path, a query string or personal data.

use std::sync::OnceLock;

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{Protocol, SpanExporter, WithExportConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_subscriber::Layer;
use tracing_subscriber::registry::LookupSpan;

use crate::StartError;

/// The variables that switch the export on (either; the first is used as it is, the second
/// gets `/v1/traces` appended, as the OpenTelemetry specification says).
pub const ENDPOINT_VARS: [&str; 2] = [
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
];

/// The service's name in the traces unless `OTEL_SERVICE_NAME` says otherwise.
const SERVICE_NAME: &str = "madoguchi";

/// The exporter of this process, flushed at exit.
static PROVIDER: OnceLock<SdkTracerProvider> = OnceLock::new();

/// The layer that hands spans to the exporter, when an endpoint is set.
pub fn layer<S>() -> Result<Option<Box<dyn Layer<S> + Send + Sync>>, StartError>
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a> + Send + Sync,
{
    let set = ENDPOINT_VARS
        .iter()
        .any(|var| std::env::var(var).is_ok_and(|v| !v.trim().is_empty()));
    if !set {
        return Ok(None);
    }
    let exporter = SpanExporter::builder()
        .with_http()
        .with_protocol(Protocol::HttpBinary)
        .build()
        .map_err(|e| StartError::Config(format!("OTLP trace export ({ENDPOINT_VARS:?}): {e}")))?;
    let mut resource = Resource::builder();
    if std::env::var("OTEL_SERVICE_NAME").is_err() {
        resource = resource.with_service_name(SERVICE_NAME);
    }
    let provider = SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(resource.build())
        .build();
    let tracer = provider.tracer(SERVICE_NAME);
    let _ = PROVIDER.set(provider);
    Ok(Some(Box::new(
        tracing_opentelemetry::layer().with_tracer(tracer),
    )))
}

/// Sends the spans still waiting, before the process ends (bounded by the exporter's own
/// timeout). Does nothing when no exporter runs.
pub fn flush() {
    if let Some(Err(e)) = PROVIDER.get().map(SdkTracerProvider::shutdown) {
        tracing::warn!(error = %e, "the last traces could not be exported");
    }
}
