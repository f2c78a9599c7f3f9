//! Figures read from the database when `/metrics` is scraped: the mail outbox's and the
//! webhook deliveries' backlog, payments whose provider calls fail, submissions by
//! procedure and state, and this process's connection pool and background jobs. Read on the
//! blocking pool.

use std::sync::atomic::AtomicU64;

use actix_web::HttpRequest;
use madoguchi_app::operations::{OperationalVitals, QueueVitals};
use madoguchi_core::Lang;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

use crate::WebError;
use crate::blocking::run_blocking;

/// The figures as a registry to render after the process's own series (`None` when the
/// route runs without an application, as in a bare test service).
pub(super) async fn read(req: &HttpRequest) -> Result<Option<Registry>, WebError> {
    let Some(app) = super::app_of(req) else {
        return Ok(None);
    };
    let vitals = run_blocking(move || app.vitals())
        .await
        .map_err(|e| WebError::internal(e, Lang::En))?
        .map_err(|e| WebError::from_app(e, Lang::En))?;
    Ok(Some(registry(&vitals)))
}

fn gauge(registry: &mut Registry, name: &str, help: &str, value: f64) {
    let g = Gauge::<f64, AtomicU64>::default();
    g.set(value);
    registry.register(name, help, g);
}

fn queue(registry: &mut Registry, name: &str, what: &str, q: &QueueVitals, v: &OperationalVitals) {
    gauge(
        registry,
        &format!("madoguchi_{name}_backlog"),
        &format!("{what} waiting to be delivered (not given up)"),
        q.backlog as f64,
    );
    gauge(
        registry,
        &format!("madoguchi_{name}_oldest_age_seconds"),
        &format!("Age of the oldest of the {what} waiting (0: none waits)"),
        v.age_seconds(q.oldest),
    );
    gauge(
        registry,
        &format!("madoguchi_{name}_failing"),
        &format!("{what} waiting whose last attempt failed (to be retried)"),
        q.retrying as f64,
    );
    gauge(
        registry,
        &format!("madoguchi_{name}_given_up"),
        &format!("{what} given up after the last attempt"),
        q.given_up as f64,
    );
}

fn registry(v: &OperationalVitals) -> Registry {
    let mut r = Registry::default();
    queue(&mut r, "outbox", "Mails", &v.vitals.outbox, v);
    queue(
        &mut r,
        "webhook",
        "Webhook deliveries",
        &v.vitals.webhooks,
        v,
    );
    gauge(
        &mut r,
        "madoguchi_payments_failing",
        "Payments whose last call to the payment provider failed",
        v.vitals.payments_failing as f64,
    );
    let submissions = Family::<Vec<(&'static str, String)>, Gauge>::default();
    for (procedure, state, n) in &v.vitals.submissions {
        submissions
            .get_or_create(&vec![
                ("procedure", procedure.clone()),
                ("state", state.clone()),
            ])
            .set(*n);
    }
    r.register(
        "madoguchi_submissions",
        "Submissions by procedure and state",
        submissions,
    );
    let free = Family::<Vec<(&'static str, String)>, Gauge>::default();
    for f in &v.disk {
        free.get_or_create(&vec![("folder", f.folder.display().to_string())])
            .set(i64::try_from(f.free_bytes).unwrap_or(i64::MAX));
    }
    r.register(
        "madoguchi_disk_free_bytes",
        "Bytes free on the file system of each folder this process writes to",
        free,
    );
    let floor: Gauge = Gauge::default();
    floor.set(i64::try_from(v.disk_floor_bytes).unwrap_or(i64::MAX));
    r.register(
        "madoguchi_disk_free_floor_bytes",
        "Free bytes below which /readyz answers 503 (min_free_mb; 0: not watched)",
        floor,
    );
    let engine = vec![("engine", v.engine.to_string())];
    let pool = [
        (
            "connections",
            "Database connections open in this process",
            v.pool.connections,
        ),
        ("idle", "Of those, idle", v.pool.idle),
        ("max", "Most connections the pool opens", v.pool.max),
    ];
    for (name, help, n) in pool {
        let g = Family::<Vec<(&'static str, String)>, Gauge>::default();
        g.get_or_create(&engine).set(i64::from(n));
        r.register(format!("madoguchi_db_pool_{name}"), help, g);
    }
    let counters = [
        (
            "checkouts",
            "Connections handed out by the pool",
            v.pool.checkouts as f64,
        ),
        (
            "wait_seconds",
            "Seconds callers waited for a connection, in all",
            v.pool.wait_seconds,
        ),
        (
            "timeouts",
            "Callers who gave up waiting for a connection",
            v.pool.timeouts as f64,
        ),
    ];
    for (name, help, n) in counters {
        let c = Family::<Vec<(&'static str, String)>, Counter<f64, AtomicU64>>::default();
        c.get_or_create(&engine).inc_by(n);
        r.register(format!("madoguchi_db_pool_{name}"), help, c);
    }
    let batches = [
        (
            "madoguchi_filing_batches",
            "Batches the API's filings were written in by this process",
            v.filing_batches.batches,
        ),
        (
            "madoguchi_filing_batch_filings",
            "Filings those batches took (over the batches: the mean batch size)",
            v.filing_batches.jobs,
        ),
    ];
    for (name, help, n) in batches {
        let c = Counter::<u64>::default();
        c.inc_by(n);
        r.register(name, help, c);
    }
    let runs = Family::<Vec<(&'static str, String)>, Counter>::default();
    let errors = Family::<Vec<(&'static str, String)>, Counter>::default();
    for (job, n, failed) in &v.jobs {
        let job = vec![("job", (*job).to_string())];
        runs.get_or_create(&job).inc_by(*n);
        errors.get_or_create(&job).inc_by(*failed);
    }
    r.register(
        "madoguchi_job_runs",
        "Rounds of each background job run in this process",
        runs,
    );
    r.register(
        "madoguchi_job_errors",
        "Rounds of each background job that failed in this process",
        errors,
    );
    r
}
