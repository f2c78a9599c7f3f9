//! `madoguchi-bench`: write and page throughput of a Madoguchi binary, each figure printed
//! as a ratio to a limit measured in the same run on the same machine, so that the ratio
//! means something even on a loaded machine. See docs/performance.md.
//!
//! ```text
//! cargo build --release -p madoguchi-server -p madoguchi-bench
//! target/release/madoguchi-bench --engine both --seconds 10
//! target/release/madoguchi-bench --storm --residents 500 --seconds 60
//! target/release/madoguchi-bench --cities 1741 --seconds 10
//! target/release/madoguchi-bench --bookings 100 --seconds 10 --engine both
//! ```
// A benchmark's report is its output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod bookings;
mod cities;
mod engine;
mod http;
mod storm;
mod wire;

use std::path::PathBuf;

use std::time::Duration;

use clap::{Parser, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Engine {
    Sqlite,
    Postgres,
    Both,
}

#[derive(Debug, Parser)]
#[command(
    about = "Submissions/s and page req/s of a Madoguchi binary as ratios to same-run limits"
)]
struct Args {
    /// Which storage engine(s) to measure.
    #[arg(long, value_enum, default_value = "sqlite")]
    engine: Engine,
    /// Seconds per figure.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// The Madoguchi binary to start (a release build).
    #[arg(long, default_value = "target/release/madoguchi")]
    binary: PathBuf,
    /// A PostgreSQL server's URL (any database on it); the run makes and drops its own.
    #[arg(
        long,
        env = "TEST_DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/test"
    )]
    postgres: String,
    /// The procedure filed and whose page is loaded.
    #[arg(long, default_value = "suido-shiyo-kaishi-chushi")]
    procedure: String,
    /// The answers filed (a valid example of the procedure).
    #[arg(
        long,
        default_value = "forms/suido-shiyo-kaishi-chushi/examples/valid/name-change.json"
    )]
    answers: PathBuf,
    /// Client counts (connections) for the filings.
    #[arg(long, value_delimiter = ',', default_value = "8,64")]
    connections: Vec<usize>,
    /// Each submissions figure and its limit are measured in this many alternating
    /// slices (limit, figure, limit, figure, …) of `--seconds / rounds` each and added up,
    /// so that a machine whose speed drifts during the run (a shared host, a checkpoint)
    /// weighs on both alike.
    #[arg(long, default_value_t = 3)]
    rounds: u32,
    /// Skip the page figures.
    #[arg(long)]
    no_pages: bool,
    /// Instead of the figures above: the deadline storm, residents filing a benefit
    /// procedure through the HTML pages at once for `--seconds` (docs/performance.md).
    #[arg(long)]
    storm: bool,
    /// Residents filing at once in the storm (each its own connection and cookies).
    #[arg(long, default_value_t = 500)]
    residents: usize,
    /// The procedure the storm's residents file.
    #[arg(long, default_value = "kyufukin-shinsei")]
    storm_procedure: String,
    /// The answers they type: a valid example of that procedure's form.
    #[arg(
        long,
        default_value = "forms/kyufukin-shinsei/examples/valid/confirmation-public-account.json"
    )]
    storm_example: PathBuf,
    /// Instead of the figures above: this many municipalities added through the operator
    /// API, then a restart, its time, memory and page latency (docs/performance.md).
    #[arg(long)]
    cities: Option<usize>,
    /// Keep the `--cities` run's database and files in this (empty or new) folder, to
    /// start the server on them again (profiling a restart) instead of a folder removed
    /// at the end.
    #[arg(long)]
    keep_data: Option<PathBuf>,
    /// The folder of the demo's organisation files the bench cities copy (`--cities`).
    #[arg(long, default_value = "deploy/data/municipalities")]
    municipalities: PathBuf,
    /// The folder of the procedures' forms.
    #[arg(long, default_value = "forms")]
    forms_dir: PathBuf,
    /// Instead of the figures above: this many counters defined on the department's page,
    /// then the availability query (a month of slots, the counters in turn) and booking
    /// under contention (docs/performance.md).
    #[arg(long)]
    bookings: Option<usize>,
    /// Residents filing at once for one place (`--bookings`).
    #[arg(long, default_value_t = 200)]
    contenders: usize,
}

fn row(figure: &str, conns: usize, value: &http::Figure, limit: f64, limit_name: &str) {
    println!(
        "{figure:<34} {conns:>3} conns {:>9.0}/s  p50 {:>7.1} ms  p99 {:>7.1} ms  unexpected {:>4}  limit {limit:>9.0}/s ({limit_name})  ratio {:.2}",
        value.per_second,
        value.p50_ms,
        value.p99_ms,
        value.unexpected,
        value.per_second / limit,
    );
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("tokio: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&args)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("madoguchi-bench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(args: &Args) -> Result<(), String> {
    if args.storm {
        return storm(args).await;
    }
    if let Some(count) = args.cities {
        return cities(args, count).await;
    }
    if let Some(count) = args.bookings {
        return bookings(args, count).await;
    }
    let answers = std::fs::read_to_string(&args.answers)
        .map_err(|e| format!("{}: {e}", args.answers.display()))?;
    if !args.binary.is_file() {
        return Err(format!(
            "no binary at {} (cargo build --release -p madoguchi-server)",
            args.binary.display()
        ));
    }
    println!(
        "binary {}, {} s per figure in {} alternating slices with its limit, {} cores, load average before: {}",
        args.binary.display(),
        args.seconds,
        args.rounds.max(1),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    if matches!(args.engine, Engine::Sqlite | Engine::Both) {
        sqlite(args, &answers, work.path()).await?;
    }
    if matches!(args.engine, Engine::Postgres | Engine::Both) {
        postgres(args, &answers, work.path()).await?;
    }
    println!("load average after: {}", load_average());
    Ok(())
}

/// The deadline storm on each engine asked for; an error when any filing failed or the
/// database does not hold every acknowledged filing exactly once.
async fn storm(args: &Args) -> Result<(), String> {
    if !args.binary.is_file() {
        return Err(format!("no binary at {}", args.binary.display()));
    }
    let storm = storm::Storm {
        binary: args.binary.clone(),
        residents: args.residents,
        seconds: args.seconds,
        procedure: args.storm_procedure.clone(),
        example: args.storm_example.clone(),
        forms_dir: args.forms_dir.clone(),
    };
    println!(
        "binary {}, {} cores, load average before: {}",
        args.binary.display(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
    let mut exact = true;
    if matches!(args.engine, Engine::Sqlite | Engine::Both) {
        let data = tempfile::tempdir().map_err(|e| e.to_string())?;
        let url = format!("sqlite://{}/madoguchi.db", data.path().display());
        println!("-- SQLite");
        exact &= storm::run(&storm, &url, data.path()).await?;
    }
    if matches!(args.engine, Engine::Postgres | Engine::Both) {
        let name = format!("mdg_storm_{}", std::process::id());
        let url = engine::create_database(&args.postgres, &name)?;
        println!("-- PostgreSQL: {}", engine::postgres_durability(&url)?);
        let data = tempfile::tempdir().map_err(|e| e.to_string())?;
        let result = storm::run(&storm, &url, data.path()).await;
        engine::drop_database(&args.postgres, &name);
        exact &= result?;
    }
    println!("load average after: {}", load_average());
    if exact {
        Ok(())
    } else {
        Err("the storm had errors, or the database does not match the receipts".into())
    }
}

/// `--cities N` on SQLite (the engine asked for first: PostgreSQL with `--engine postgres`).
async fn cities(args: &Args, count: usize) -> Result<(), String> {
    if !args.binary.is_file() {
        return Err(format!("no binary at {}", args.binary.display()));
    }
    println!(
        "binary {}, {} cores, load average before: {}",
        args.binary.display(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
    let run = cities::Cities {
        binary: &args.binary,
        count,
        seconds: args.seconds,
        connections: args.connections.first().copied().unwrap_or(8),
        municipalities: &args.municipalities,
    };
    let temporary = tempfile::tempdir().map_err(|e| e.to_string())?;
    let data = match &args.keep_data {
        Some(folder) => {
            std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
            std::fs::canonicalize(folder).map_err(|e| e.to_string())?
        }
        None => temporary.path().to_path_buf(),
    };
    if args.engine == Engine::Postgres {
        let name = format!("mdg_cities_{}", std::process::id());
        let url = engine::create_database(&args.postgres, &name)?;
        println!("-- PostgreSQL");
        let result = cities::run(&run, &url, &data).await;
        if args.keep_data.is_none() {
            engine::drop_database(&args.postgres, &name);
        }
        result?;
    } else {
        let url = format!("sqlite://{}/madoguchi.db", data.display());
        println!("-- SQLite");
        cities::run(&run, &url, &data).await?;
    }
    println!("load average after: {}", load_average());
    Ok(())
}

/// `--bookings N` on SQLite, PostgreSQL or both (`--engine`).
async fn bookings(args: &Args, count: usize) -> Result<(), String> {
    if !args.binary.is_file() {
        return Err(format!("no binary at {}", args.binary.display()));
    }
    println!(
        "binary {}, {} cores, load average before: {}",
        args.binary.display(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
    let run = bookings::Bookings {
        binary: &args.binary,
        forms: &std::fs::canonicalize(&args.forms_dir)
            .map_err(|e| format!("{}: {e}", args.forms_dir.display()))?,
        resources: count,
        seconds: args.seconds,
        connections: args.connections.first().copied().unwrap_or(8),
        contenders: args.contenders,
    };
    if matches!(args.engine, Engine::Sqlite | Engine::Both) {
        let data = tempfile::tempdir().map_err(|e| e.to_string())?;
        let url = format!("sqlite://{}/madoguchi.db", data.path().display());
        println!("-- SQLite");
        bookings::run(&run, &url, data.path()).await?;
    }
    if matches!(args.engine, Engine::Postgres | Engine::Both) {
        let name = format!("mdg_bookings_{}", std::process::id());
        let url = engine::create_database(&args.postgres, &name)?;
        println!("-- PostgreSQL");
        let data = tempfile::tempdir().map_err(|e| e.to_string())?;
        let result = bookings::run(&run, &url, data.path()).await;
        engine::drop_database(&args.postgres, &name);
        result?;
    }
    println!("load average after: {}", load_average());
    Ok(())
}

fn filing(server: &http::Server, args: &Args, answers: &str) -> http::Request {
    http::Request::File {
        url: format!(
            "{}/api/v1/procedures/{}/submissions",
            server.base, args.procedure
        ),
        body: answers.to_string(),
    }
}

/// A submissions figure and its limit, measured in `--rounds` alternating slices of
/// `--seconds / rounds` each (limit, figure, limit, figure, …) and added up.
async fn alternate(
    args: &Args,
    request: &http::Request,
    conns: usize,
    limit_for: impl Fn(Duration) -> Result<engine::Limit, String> + Clone + Send + 'static,
) -> Result<(engine::Limit, http::Sample), String> {
    let rounds = args.rounds.max(1);
    let run = Duration::from_secs(args.seconds) / rounds;
    let (mut limit, mut sample) = (engine::Limit::default(), http::Sample::default());
    for _ in 0..rounds {
        let measure = limit_for.clone();
        let slice = tokio::task::spawn_blocking(move || measure(run))
            .await
            .map_err(|e| e.to_string())??;
        limit = limit.and(slice);
        sample = sample.and(http::Sample::load(request, conns, run).await?);
    }
    Ok((limit, sample))
}

async fn sqlite(args: &Args, answers: &str, work: &std::path::Path) -> Result<(), String> {
    let dir = work.join("sqlite-limit");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let data = work.join("sqlite-server");
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let database_url = format!("sqlite://{}/madoguchi.db", data.display());
    let server = http::start(&args.binary, &database_url, &data).await?;
    let request = filing(&server, args, answers);
    for &conns in &args.connections {
        let dir = dir.clone();
        let (limit, sample) =
            alternate(args, &request, conns, move |run| engine::sqlite(&dir, run)).await?;
        println!(
            "SQLite limit: {:.0} commits/s (WAL, synchronous=FULL, one writer, 3-row transaction)",
            limit.per_second()
        );
        row(
            "API submissions, SQLite",
            conns,
            &sample.figure(),
            limit.per_second(),
            "SQLite 1 writer",
        );
    }
    if !args.no_pages {
        pages(args, &server).await?;
    }
    Ok(())
}

async fn postgres(args: &Args, answers: &str, _work: &std::path::Path) -> Result<(), String> {
    let name = format!("mdg_bench_{}", std::process::id());
    let url = engine::create_database(&args.postgres, &name)?;
    let result = postgres_in(args, answers, &url).await;
    engine::drop_database(&args.postgres, &name);
    result
}

async fn postgres_in(args: &Args, answers: &str, url: &str) -> Result<(), String> {
    println!("PostgreSQL: {}", engine::postgres_durability(url)?);
    // The server gets a database of its own next to the limit's tables.
    let data = tempfile::tempdir().map_err(|e| e.to_string())?;
    let server = http::start(&args.binary, url, data.path()).await?;
    let request = filing(&server, args, answers);
    for &conns in &args.connections {
        let url = url.to_string();
        let (limit, sample) = alternate(args, &request, conns, move |run| {
            engine::postgres(&url, conns, run)
        })
        .await?;
        println!(
            "PostgreSQL limit, {conns} clients: {:.0} commits/s (3-row transaction)",
            limit.per_second()
        );
        row(
            "API submissions, PostgreSQL",
            conns,
            &sample.figure(),
            limit.per_second(),
            "PostgreSQL same clients",
        );
    }
    Ok(())
}

/// The pages every resident reads — a procedure's page, its first step, the home page —
/// each twice: asked with no compression (against a bare actix-web server answering a
/// fixed page of the same size), and asked as a browser asks, with gzip accepted and the
/// cookies a session holds by then (against a bare actix-web server compressing the same
/// page for every request; the same gzip bytes sent as they are give the transport's
/// figure beside it).
async fn pages(args: &Args, server: &http::Server) -> Result<(), String> {
    let procedure = format!("{}/p/{}", server.base, args.procedure);
    let start_page = fetch(&procedure).await?;
    let step_prefix = format!("href=\"/p/{}/", args.procedure);
    let first_step: String = String::from_utf8_lossy(&start_page)
        .split(&step_prefix)
        .nth(1)
        .map(|rest| rest.chars().take_while(|c| *c != '"').collect())
        .ok_or("the procedure page links no step")?;
    let step = format!("{procedure}/{first_step}");
    // What a browser holds once it has opened the procedure and its first step.
    let cookies = session_cookies(&[procedure.as_str(), step.as_str()]).await?;
    println!(
        "browser-like requests: gzip, deflate, br, zstd accepted; cookies: {}",
        cookies.as_deref().map_or("none".to_string(), |c| {
            c.split("; ")
                .filter_map(|p| p.split('=').next())
                .collect::<Vec<_>>()
                .join(", ")
        })
    );
    let figures = [
        ("procedure page /p/{id}", procedure.clone()),
        ("form step /p/{id}/{step}", step),
        (
            "home page /procedures",
            format!("{}/procedures", server.base),
        ),
    ];
    for (name, url) in figures {
        let page = fetch(&url).await?;
        let size = page.len();
        let zipped = http::gzip(&page)?.len();
        let plain = http::bare_page(page.clone(), http::Bare::Plain)?;
        let each = http::bare_page(page.clone(), http::Bare::GzipEachRequest)?;
        let once = http::bare_page(page, http::Bare::GzipOnce)?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let limit = http::load(&http::Request::Get(plain), 64, args.seconds).await?;
        println!(
            "page limit: bare actix-web, {size} bytes, 64 conns: {:.0} req/s",
            limit.per_second
        );
        let figure = http::load(&http::Request::Get(url.clone()), 64, args.seconds).await?;
        row(
            &format!("{name} ({size} bytes)"),
            64,
            &figure,
            limit.per_second,
            "bare actix-web",
        );
        let browse = |url: String| http::Request::Browse {
            url,
            cookies: cookies.clone(),
        };
        let transport = http::load(&browse(once), 64, args.seconds).await?;
        let limit = http::load(&browse(each), 64, args.seconds).await?;
        println!(
            "page limit as browsers ask: bare actix-web gzipping {size} bytes to {zipped} per request, 64 conns: {:.0} req/s (p50 {:.1} ms; sending the same gzip bytes as they are: {:.0} req/s)",
            limit.per_second, limit.p50_ms, transport.per_second
        );
        let figure = http::load(&browse(url), 64, args.seconds).await?;
        row(
            &format!("{name} as browsers ask"),
            64,
            &figure,
            limit.per_second,
            "bare actix-web gzip",
        );
    }
    Ok(())
}

/// The cookies a browser holds after opening `urls` in turn (`name=value; …`), or none.
async fn session_cookies(urls: &[&str]) -> Result<Option<String>, String> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())?;
    let mut jar: Vec<(String, String)> = Vec::new();
    for url in urls {
        let mut request = client.get(*url);
        if !jar.is_empty() {
            let header: Vec<String> = jar.iter().map(|(n, v)| format!("{n}={v}")).collect();
            request = request.header(reqwest::header::COOKIE, header.join("; "));
        }
        let res = request.send().await.map_err(|e| e.to_string())?;
        for value in res.headers().get_all(reqwest::header::SET_COOKIE) {
            let Some((name, value)) = value
                .to_str()
                .ok()
                .and_then(|v| v.split(';').next())
                .and_then(|p| p.split_once('='))
            else {
                continue;
            };
            jar.retain(|(n, _)| n != name);
            if !value.is_empty() {
                jar.push((name.trim().to_string(), value.trim().to_string()));
            }
        }
    }
    Ok((!jar.is_empty()).then(|| {
        jar.iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }))
}

/// A page's body, which must come with 200.
async fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let res = reqwest::get(url).await.map_err(|e| e.to_string())?;
    if res.status() != reqwest::StatusCode::OK {
        return Err(format!("{url} answered {}", res.status()));
    }
    Ok(res.bytes().await.map_err(|e| e.to_string())?.to_vec())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string())
}
