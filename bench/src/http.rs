//! The project's figures: a Madoguchi binary started on a fresh database, loaded over HTTP
//! by `connections` clients (one keep-alive connection each, one request at a time), and
//! the page limit: a bare actix-web server answering a fixed page of the same size.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What one load run measured.
#[derive(Debug, Clone)]
pub struct Figure {
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Answers other than the expected status, and requests that failed outright.
    pub unexpected: u64,
}

/// A started Madoguchi server, stopped when dropped.
#[derive(Debug)]
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// The server's process id (for its memory in `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Starts `binary serve` with the demo data on `database_url`, the API's rate limit lifted
/// (the benchmark is one address sending thousands of filings a minute).
pub async fn start(binary: &Path, database_url: &str, data_dir: &Path) -> Result<Server, String> {
    start_with(binary, database_url, data_dir, &[]).await
}

/// [`start`] with more settings from the environment.
pub async fn start_with(
    binary: &Path,
    database_url: &str,
    data_dir: &Path,
    env: &[(&str, &str)],
) -> Result<Server, String> {
    let port = free_port()?;
    let log = std::fs::File::create(data_dir.join("server.log")).map_err(|e| e.to_string())?;
    // The allocator's arenas as deploy/madoguchi.service sets them, unless the caller's
    // environment says otherwise: the figures are those of the deployed service.
    let arenas = std::env::var("MALLOC_ARENA_MAX").unwrap_or_else(|_| "2".into());
    let child = Command::new(binary)
        .arg("serve")
        .env("MALLOC_ARENA_MAX", arenas)
        .envs(env.iter().copied())
        .env("MADOGUCHI_LISTEN", format!("127.0.0.1:{port}"))
        .env("MADOGUCHI_DATA_DIR", data_dir)
        .env("MADOGUCHI_DATABASE_URL", database_url)
        .env("MADOGUCHI_DEMO", "true")
        .env("MADOGUCHI_HTTP_API_REQUESTS_PER_MINUTE", "4000000000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    // Asked often, so that the time to the first answer is a figure (`--cities`).
    for _ in 0..6000 {
        if let Ok(res) = client.get(format!("{}/healthz", server.base)).send().await
            && res.status().is_success()
        {
            return Ok(server);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let log = std::fs::read_to_string(data_dir.join("server.log")).unwrap_or_default();
    Err(format!(
        "the server did not answer /healthz in 120 s:\n{log}"
    ))
}

/// One request of a load run.
#[derive(Debug, Clone)]
pub enum Request {
    Get(String),
    /// A GET as a browser asks for a page (`wire::get_as_browser`): gzip accepted, with the
    /// session's cookies.
    Browse {
        url: String,
        cookies: Option<String>,
    },
    /// A filing: the JSON body, sent with a fresh `Idempotency-Key` each time.
    File {
        url: String,
        body: String,
    },
}

/// `connections` clients sending `request` one after another for `seconds`.
pub async fn load(request: &Request, connections: usize, seconds: u64) -> Result<Figure, String> {
    Ok(
        Sample::load(request, connections, Duration::from_secs(seconds))
            .await?
            .figure(),
    )
}

/// `connections` clients asking `requests` in turn for `run`, each on one keep-alive
/// connection: a prime stride (larger than any count here) walks every request before one
/// comes again, and the connections start apart.
pub async fn in_turn(
    target: &crate::wire::Target,
    requests: std::sync::Arc<Vec<Vec<u8>>>,
    connections: usize,
    run: Duration,
) -> Result<Figure, String> {
    let deadline = Instant::now() + run;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for n in 0..connections {
        let (target, requests) = (target.clone(), requests.clone());
        tasks.push(tokio::spawn(async move {
            let mut connection = crate::wire::Connection::new(&target);
            let (mut latencies, mut unexpected) = (Vec::new(), 0u64);
            let mut at = n * 997 % requests.len();
            while Instant::now() < deadline {
                at = (at + 7919) % requests.len();
                let sent = Instant::now();
                let answer = connection
                    .send(&requests[at], Duration::from_secs(60))
                    .await;
                latencies.push(sent.elapsed());
                if answer != Ok(200) {
                    unexpected += 1;
                }
            }
            (latencies, unexpected)
        }));
    }
    let (mut latencies, mut unexpected) = (Vec::new(), 0);
    for task in tasks {
        let (mine, bad) = task.await.map_err(|e| e.to_string())?;
        latencies.extend(mine);
        unexpected += bad;
    }
    latencies.sort_unstable();
    Ok(Figure {
        per_second: (latencies.len() as u64 - unexpected) as f64 / started.elapsed().as_secs_f64(),
        p50_ms: crate::storm::quantile(&latencies, 0.5),
        p99_ms: crate::storm::quantile(&latencies, 0.99),
        unexpected,
    })
}

/// What clients saw in one run: every request's time, the unexpected answers, how long.
#[derive(Debug, Default)]
pub struct Sample {
    latencies: Vec<Duration>,
    unexpected: u64,
    seconds: f64,
}

impl Sample {
    /// Two runs counted as one (slices of one figure, see `--rounds`).
    pub fn and(mut self, mut other: Sample) -> Sample {
        self.latencies.append(&mut other.latencies);
        self.unexpected += other.unexpected;
        self.seconds += other.seconds;
        self
    }

    /// Requests answered as expected per second, p50 and p99.
    pub fn figure(mut self) -> Figure {
        let latencies = &mut self.latencies;
        latencies.sort_unstable();
        let at = |q: f64| -> f64 {
            if latencies.is_empty() {
                return f64::NAN;
            }
            let i = ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len()) - 1;
            latencies[i].as_secs_f64() * 1000.0
        };
        Figure {
            per_second: (latencies.len() as u64 - self.unexpected) as f64 / self.seconds,
            p50_ms: at(0.50),
            p99_ms: at(0.99),
            unexpected: self.unexpected,
        }
    }

    /// `connections` clients sending `request` one after another for `run`, each on one
    /// keep-alive connection (`wire.rs`).
    pub async fn load(
        request: &Request,
        connections: usize,
        run: Duration,
    ) -> Result<Sample, String> {
        let (url, expected) = match request {
            Request::Get(url) | Request::Browse { url, .. } => (url, 200),
            Request::File { url, .. } => (url, 201),
        };
        let target = crate::wire::Target::parse(url)?;
        let bytes = match request {
            Request::Get(_) => crate::wire::get(&target),
            Request::Browse { cookies, .. } => {
                crate::wire::get_as_browser(&target, cookies.as_deref())
            }
            Request::File { body, .. } => crate::wire::post_json(&target, body),
        };
        let deadline = Instant::now() + run;
        let started = Instant::now();
        let mut tasks = Vec::with_capacity(connections);
        for _ in 0..connections {
            let (target, mut bytes) = (target.clone(), bytes.clone());
            tasks.push(tokio::spawn(async move {
                let mut connection = crate::wire::Connection::new(&target);
                let mut latencies = Vec::new();
                let mut unexpected = 0u64;
                while Instant::now() < deadline {
                    if let Some(at) = bytes.key_at {
                        let key = uuid::Uuid::new_v4();
                        key.hyphenated()
                            .encode_lower(&mut bytes.head_and_body[at..at + 36]);
                    }
                    let sent = Instant::now();
                    let answer = connection
                        .send(&bytes.head_and_body, Duration::from_secs(60))
                        .await;
                    latencies.push(sent.elapsed());
                    if answer != Ok(expected) {
                        unexpected += 1;
                    }
                }
                (latencies, unexpected)
            }));
        }
        let mut latencies = Vec::new();
        let mut unexpected = 0;
        for task in tasks {
            let (mine, bad) = task.await.map_err(|e| e.to_string())?;
            latencies.extend(mine);
            unexpected += bad;
        }
        Ok(Sample {
            latencies,
            unexpected,
            seconds: started.elapsed().as_secs_f64(),
        })
    }
}

/// How the bare server sends its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bare {
    /// As it is (what a client asking for no compression gets).
    Plain,
    /// Compressed anew for every request, whole, as gzip at the fast level (what any
    /// actix-web service answering a browser must do for a page it renders per request),
    /// on sockets with TCP_NODELAY.
    GzipEachRequest,
    /// The same gzip bytes, compressed once: the transport alone.
    GzipOnce,
}

/// A bare actix-web server (two workers, like the service on this machine) answering
/// `page` at `/` as `how` says, on its own thread; returns its address.
pub fn bare_page(page: Vec<u8>, how: Bare) -> Result<String, String> {
    let port = free_port()?;
    let zipped = actix_web::web::Bytes::from(gzip(&page)?);
    let page = actix_web::web::Bytes::from(page);
    let server = actix_web::HttpServer::new(move || {
        let (page, zipped) = (page.clone(), zipped.clone());
        actix_web::App::new().route(
            "/",
            actix_web::web::get().to(move || {
                let (page, zipped) = (page.clone(), zipped.clone());
                async move {
                    let mut res = actix_web::HttpResponse::Ok();
                    res.content_type("text/html; charset=utf-8");
                    let body = match how {
                        Bare::Plain => return res.body(page),
                        Bare::GzipOnce => zipped,
                        Bare::GzipEachRequest => match gzip(&page) {
                            Ok(z) => actix_web::web::Bytes::from(z),
                            Err(_) => {
                                return actix_web::HttpResponse::InternalServerError().finish();
                            }
                        },
                    };
                    res.insert_header(("Content-Encoding", "gzip"))
                        .insert_header(("Vary", "accept-encoding"))
                        .body(body)
                }
            }),
        )
    })
    .workers(2)
    .tcp_nodelay(true)
    .bind(("127.0.0.1", port))
    .map_err(|e| e.to_string())?
    .run();
    std::thread::spawn(move || actix_web::rt::System::new().block_on(server));
    Ok(format!("http://127.0.0.1:{port}/"))
}

/// `bytes` as one gzip member at the fast level (the level actix-web's and Madoguchi's
/// compression use).
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    encoder.finish().map_err(|e| e.to_string())
}
