//! `--cities N`: many municipalities on one node. The demo's three cities, then N more added
//! one by one through the operator API (each adopting the whole catalogue, as Sendai's
//! organisation file does), then the node restarted on the same database; reported: each
//! add's time, the restart's time to its first answer, resident memory, and the home page's
//! latency on hosts of random cities against the same page on one city in the same run.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::http::{self, Server};
use crate::storm::{memory, quantile};
use crate::wire::Target;

const TOKEN: &str = "operator-token-of-the-cities-bench";

pub struct Cities<'a> {
    pub binary: &'a Path,
    pub count: usize,
    pub seconds: u64,
    pub connections: usize,
    /// The folder of the demo's organisation files (`deploy/data/municipalities`).
    pub municipalities: &'a Path,
}

/// The `i`th bench city's local-government code: a real prefecture's two digits, a
/// municipality number no demo city has, and the check digit the server checks.
fn code(i: usize) -> String {
    let five = format!("{:02}{:03}", 1 + i % 47, 300 + i / 47);
    let sum: u32 = five
        .chars()
        .filter_map(|c| c.to_digit(10))
        .zip([6, 5, 4, 3, 2])
        .map(|(d, w)| d * w)
        .sum();
    format!("{five}{}", (11 - sum % 11) % 10)
}

fn host(code: &str) -> String {
    format!("m{code}.localhost")
}

pub async fn run(c: &Cities<'_>, database_url: &str, data: &Path) -> Result<(), String> {
    // The demo's files and one per bench city, in the deployment's municipality folder.
    let folder = data.join("municipalities");
    std::fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
    // Each with the parameters file beside it (its values for the catalogue's templates).
    for city in ["sendai", "akita", "shiroishi"] {
        for name in [format!("{city}.json"), format!("{city}.parameters.json")] {
            std::fs::copy(c.municipalities.join(&name), folder.join(&name))
                .map_err(|e| format!("{}: {e}", c.municipalities.join(&name).display()))?;
        }
    }
    let sendai: Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("sendai.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let sendai_values: Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("sendai.parameters.json"))
            .map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let codes: Vec<String> = (0..c.count).map(code).collect();
    for (i, code) in codes.iter().enumerate() {
        let mut file = sendai.clone();
        file["tenant"]["id"] = code.as_str().into();
        file["tenant"]["name"] =
            json!({ "ja": format!("試験市{i}"), "en": format!("Bench City {i}") });
        file["tenant"]["authority"] =
            json!({ "ja": format!("試験市{i}長"), "en": format!("Mayor of Bench City {i}") });
        std::fs::write(folder.join(format!("{code}.json")), file.to_string())
            .map_err(|e| e.to_string())?;
        // Sendai's values, as a city adopting the whole catalogue gives its own.
        let mut values = sendai_values.clone();
        values["tenant"] = code.as_str().into();
        std::fs::write(
            folder.join(format!("{code}.parameters.json")),
            values.to_string(),
        )
        .map_err(|e| e.to_string())?;
    }
    let sendai_file = folder.join("sendai.json");
    let env = [
        ("MADOGUCHI_OPERATOR_TOKEN", TOKEN),
        (
            "MADOGUCHI_MUNICIPALITY_FILE",
            sendai_file.to_str().unwrap_or_default(),
        ),
    ];

    let started = Instant::now();
    let server = http::start_with(c.binary, database_url, data, &env).await?;
    println!(
        "first start (the demo's 3 cities): {:.2} s, VmRSS {}",
        started.elapsed().as_secs_f64(),
        memory(server.pid(), "VmRSS")
    );
    // Sendai answers on `localhost` (the demo gives it that host).
    let single = page_load(&server, &["localhost".to_string()], c).await?;
    let adds = add_all(&server, &codes).await?;
    report_adds(&adds);
    println!(
        "after {} adds: VmRSS {}, VmHWM {}",
        codes.len(),
        memory(server.pid(), "VmRSS"),
        memory(server.pid(), "VmHWM")
    );
    drop(server);

    let started = Instant::now();
    let server = http::start_with(c.binary, database_url, data, &env).await?;
    let restart = started.elapsed();
    println!(
        "restart with {} cities: {:.2} s to its first answer (target < 5 s), VmRSS {} (target ≤ 250 MB)",
        codes.len() + 3,
        restart.as_secs_f64(),
        memory(server.pid(), "VmRSS"),
    );
    let hosts: Vec<String> = codes.iter().map(|c| host(c)).collect();
    let many = page_load(&server, &hosts, c).await?;
    println!(
        "home page /procedures, {} conns, {} s each, as browsers ask:",
        c.connections, c.seconds
    );
    for (name, figure) in [
        ("one city (Sendai), before the adds", &single),
        ("a random city of all, after restart", &many),
    ] {
        println!(
            "  {name:<38} {:>8.0}/s  p50 {:>6.2} ms  p99 {:>6.2} ms  unexpected {}",
            figure.per_second, figure.p50_ms, figure.p99_ms, figure.unexpected
        );
    }
    println!(
        "  ratio of the p99s (many / one): {:.2}; after the page load: VmRSS {}, VmHWM {}",
        many.p99_ms / single.p99_ms,
        memory(server.pid(), "VmRSS"),
        memory(server.pid(), "VmHWM")
    );
    Ok(())
}

/// Adds every city through the operator API, one at a time: each add's time.
async fn add_all(server: &Server, codes: &[String]) -> Result<Vec<Duration>, String> {
    let client = reqwest::Client::new();
    let url = format!("{}/operator/v1/tenants", server.base);
    let mut took = Vec::with_capacity(codes.len());
    for (i, code) in codes.iter().enumerate() {
        let body = json!({
            "code": code, "name_ja": format!("試験市{i}"), "name_en": format!("Bench City {i}"),
            "hosts": [host(code)], "municipality_file": format!("{code}.json"),
            "admin_email": format!("admin@{code}.bench.example"),
        });
        let sent = Instant::now();
        let res = client
            .post(&url)
            .bearer_auth(TOKEN)
            .json(&body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        took.push(sent.elapsed());
        if res.status() != reqwest::StatusCode::CREATED {
            let status = res.status();
            return Err(format!(
                "adding city {code} answered {status}: {}",
                res.text().await.unwrap_or_default()
            ));
        }
    }
    Ok(took)
}

fn report_adds(adds: &[Duration]) {
    let summary = |part: &[Duration]| {
        let mut sorted = part.to_vec();
        sorted.sort_unstable();
        format!(
            "p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            quantile(&sorted, 0.5),
            quantile(&sorted, 0.99),
            sorted.last().map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
        )
    };
    let last = &adds[adds.len().saturating_sub(100)..];
    println!(
        "adding a city through the operator API (target < 20 ms): all {}: {}; the last {}: {}",
        adds.len(),
        summary(adds),
        last.len(),
        summary(last)
    );
}

/// The home page as a browser asks for it, each request on the host of a city picked in
/// turn from `hosts` (the connections start at different cities).
async fn page_load(
    server: &Server,
    hosts: &[String],
    c: &Cities<'_>,
) -> Result<http::Figure, String> {
    let target = Target::parse(&format!("{}/procedures", server.base))?;
    let requests: Vec<Vec<u8>> = hosts
        .iter()
        .map(|h| {
            format!(
                "GET /procedures HTTP/1.1\r\nHost: {h}\r\nConnection: keep-alive\r\n\
                 Accept: text/html\r\nAccept-Encoding: gzip, deflate, br, zstd\r\n\
                 Accept-Language: ja\r\n\r\n"
            )
            .into_bytes()
        })
        .collect();
    let run = Duration::from_secs(c.seconds);
    http::in_turn(&target, std::sync::Arc::new(requests), c.connections, run).await
}
