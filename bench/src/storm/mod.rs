//! The deadline storm (issue 19, item 4): the real server on a fresh database, and many
//! residents at once each filing a benefit procedure through the HTML pages, over and over
//! (each filing as a new visitor), for a bounded time. Reports filings/s, p50/p99 per step,
//! the errors, the server's peak memory, and — after killing the server — a count from the
//! database that every 到達番号 a resident got back is stored exactly once.

pub(crate) mod browser;
mod resident;
mod stored;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::http;
use resident::{Answers, Timings};

/// What a storm run is given.
#[derive(Debug, Clone)]
pub struct Storm {
    pub binary: PathBuf,
    pub residents: usize,
    pub seconds: u64,
    pub procedure: String,
    pub example: PathBuf,
    pub forms_dir: PathBuf,
}

/// What the residents brought back.
#[derive(Default)]
struct Outcome {
    timings: Timings,
    acknowledged: Vec<String>,
    filed: u64,
    errors: Vec<String>,
    resent: u64,
}

/// Runs the storm against a server on `database_url` (data files under `data_dir`).
pub async fn run(storm: &Storm, database_url: &str, data_dir: &Path) -> Result<bool, String> {
    let answers = Answers::from_example(&storm.forms_dir, &storm.procedure, &storm.example)?;
    // Identity is checked at the provider (the My Number Card) or by a code mailed to the
    // guest: neither is this server's load, so the storm files as the e2e tests do.
    let server = http::start_with(
        &storm.binary,
        database_url,
        data_dir,
        &[("MADOGUCHI_REQUIRE_IDENTITY", "false")],
    )
    .await?;
    let pid = server.pid();
    let rss_idle = memory(pid, "VmRSS");
    // The browsers first (each is a client of its own): the clock starts after.
    let mut browsers = Vec::with_capacity(storm.residents);
    for _ in 0..storm.residents {
        browsers.push(browser::Browser::new(&server.base)?);
    }
    println!(
        "storm: {} residents filing {} through the pages for {} s (server pid {pid}, VmRSS {rss_idle} before)",
        storm.residents, storm.procedure, storm.seconds
    );
    let deadline = Instant::now() + Duration::from_secs(storm.seconds);
    let started = Instant::now();
    let tasks: Vec<_> = browsers
        .into_iter()
        .map(|mut browser| {
            let answers = answers.clone();
            tokio::spawn(async move {
                let mut out = Outcome::default();
                // A filing begun before the deadline is finished: every answer counts.
                while Instant::now() < deadline {
                    match resident::file_once(&mut browser, &answers, &mut out.timings).await {
                        Ok(number) => {
                            out.filed += 1;
                            out.acknowledged.push(number);
                        }
                        Err(failed) => {
                            out.acknowledged.extend(failed.acknowledged);
                            out.errors.push(format!("{}: {}", failed.at, failed.why));
                        }
                    }
                }
                out.resent = browser.resent;
                out
            })
        })
        .collect();
    let mut all = Outcome::default();
    for task in tasks {
        let out = task.await.map_err(|e| e.to_string())?;
        all.timings.merge(out.timings);
        all.acknowledged.extend(out.acknowledged);
        all.filed += out.filed;
        all.errors.extend(out.errors);
        all.resent += out.resent;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let peak = memory(pid, "VmHWM");
    let rss_after = memory(pid, "VmRSS");
    report(&all, elapsed, storm.residents);
    println!(
        "server memory: VmHWM (peak RSS) {peak}, VmRSS {rss_after} after (target: peak ≤ 150 MB)"
    );
    // Killed, not stopped: what it acknowledged must be on disk without a clean shutdown.
    drop(server);
    let stored = tokio::task::spawn_blocking({
        let (url, procedure) = (database_url.to_string(), storm.procedure.clone());
        move || stored::stored(&url, &procedure)
    })
    .await
    .map_err(|e| e.to_string())??;
    let tally = stored::tally(&all.acknowledged, &stored);
    println!(
        "database after SIGKILL: {} 到達番号 given back, {} stored exactly once, {} missing, {} stored twice or more, {} given twice, {} stored without an answer",
        tally.acknowledged,
        tally.once,
        tally.missing,
        tally.duplicated,
        tally.given_twice,
        tally.unacknowledged
    );
    Ok(all.errors.is_empty() && tally.exact())
}

fn report(all: &Outcome, elapsed: f64, residents: usize) {
    println!(
        "filings: {} in {elapsed:.1} s = {:.1} filings/s ({residents} residents); errors: {}",
        all.filed,
        all.filed as f64 / elapsed,
        all.errors.len()
    );
    println!(
        "requests sent again after the connection closed without an answer (as browsers do): {}",
        all.resent
    );
    let mut kinds: Vec<_> = all.errors.iter().collect();
    kinds.sort();
    kinds.dedup();
    for kind in kinds.iter().take(10) {
        let n = all.errors.iter().filter(|e| e == kind).count();
        println!("  error ×{n}: {kind}");
    }
    println!(
        "{:<28} {:>8} {:>10} {:>10}",
        "step", "requests", "p50 ms", "p99 ms"
    );
    for (name, took) in &all.timings.0 {
        let mut took = took.clone();
        took.sort_unstable();
        println!(
            "{name:<28} {:>8} {:>10.1} {:>10.1}",
            took.len(),
            quantile(&took, 0.50),
            quantile(&took, 0.99)
        );
    }
}

pub(crate) fn quantile(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

/// A `/proc/<pid>/status` memory line (`VmHWM`, `VmRSS`), in MB.
pub(crate) fn memory(pid: u32, key: &str) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(|| "unknown".into(), |kb| format!("{:.1} MiB", kb / 1024.0))
}
