//! `--bookings N`: the availability query and booking under contention (issue 49, item 9).
//! The section's head signs in and defines N counters on the department's page, as a
//! person does (weekdays 08:30–17:00 in 15-minute slots, bookable 45 days ahead); then:
//!
//! - **availability**: a month of one counter's slots (`GET /api/v1/booking-resources/{id}/
//!   slots?from=…&to=…`, what a booking page reads), asked for the N counters in turn by
//!   `connections` clients as browsers ask (gzip, keep-alive), against a bare actix-web
//!   server sending the same bytes gzip'd per request in the same run;
//! - **contention**: `contenders` residents file Sendai's My Number Card appointment (its
//!   time asked on the slots) over the API at once for the same place of capacity 1 —
//!   exactly one must win, every other answer must be "full" (422 `slot_full`) — against
//!   the same number filing at once for as many different places (all win), same run.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, Utc};
use serde_json::Value;

use crate::http::{self, Bare, Server};
use crate::storm::browser::{Browser, input_value};
use crate::storm::quantile;
use crate::wire::{Connection, Target};

const HEAD: &str = "koseki-jumin.kacho@sendai.example";
const PROCEDURE: &str = "mynumber-card-appointment";
/// The counter the appointment's Aoba office books (`madoguchi_testkit::bookings`).
const CONTENDED: &str = "mynumber-aoba";

pub struct Bookings<'a> {
    pub binary: &'a Path,
    /// The shipped procedures' folder.
    pub forms: &'a Path,
    pub resources: usize,
    pub seconds: u64,
    pub connections: usize,
    pub contenders: usize,
}

pub async fn run(b: &Bookings<'_>, database_url: &str, data: &Path) -> Result<(), String> {
    let forms = data.join("forms");
    forms_with_the_appointment_on_slots(b.forms, &forms)?;
    let forms_dir = forms.display().to_string();
    let server = http::start_with(
        b.binary,
        database_url,
        data,
        &[("MADOGUCHI_FORMS_DIR", forms_dir.as_str())],
    )
    .await?;
    let mut head = Browser::new(&server.base)?;
    sign_in(&mut head).await?;
    let ids: Vec<String> = (0..b.resources.max(1))
        .map(|i| match i {
            0 => CONTENDED.to_string(),
            i => format!("bench-counter-{i:03}"),
        })
        .collect();
    define_all(&mut head, &ids).await?;
    availability(&server, &ids, b).await?;
    contention(&server, b.contenders).await
}

/// The shipped procedures, with the appointment asked on slots in place of its own.
fn forms_with_the_appointment_on_slots(shipped: &Path, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir.join(PROCEDURE)).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(shipped).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_name() != PROCEDURE {
            std::os::unix::fs::symlink(entry.path(), dir.join(entry.file_name()))
                .map_err(|e| e.to_string())?;
        }
    }
    let form = madoguchi_testkit::bookings::appointment_on_slots_json();
    std::fs::write(dir.join(PROCEDURE).join("form.json"), form.to_string())
        .map_err(|e| e.to_string())
}

/// The demo's section head signs in: password, then the code the demo's page shows.
async fn sign_in(b: &mut Browser) -> Result<(), String> {
    let page = b.get("/office/login").await?;
    let csrf = input_value(&page.body, "csrf_token").ok_or("no token on the sign-in page")?;
    let pairs = [
        ("csrf_token", csrf.as_str()),
        ("login", HEAD),
        ("password", "madoguchi-demo"),
    ];
    b.post("/office/login", &owned(&pairs)).await?;
    let page = b.get("/office/login/code").await?;
    let csrf = input_value(&page.body, "csrf_token").ok_or("no token on the code page")?;
    let shown = page
        .body
        .split("id=\"code-hint\"><strong>")
        .nth(1)
        .and_then(|rest| rest.split("</strong>").next())
        .ok_or("the demo's code is not shown")?;
    let code: String = shown.chars().filter(char::is_ascii_digit).collect();
    let signed = b
        .post(
            "/office/login/code",
            &owned(&[("csrf_token", csrf.as_str()), ("code", code.as_str())]),
        )
        .await?;
    if signed.status != 303 {
        return Err(format!("the code was refused: {}", signed.status));
    }
    Ok(())
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Each counter added on the page; reports each save's time and the slots opened.
async fn define_all(b: &mut Browser, ids: &[String]) -> Result<(), String> {
    let page = b.get("/office/bookings/resources/new").await?;
    let csrf = input_value(&page.body, "csrf_token").ok_or("no token on the form")?;
    let (mut took, mut opened) = (Vec::new(), 0u64);
    for (i, id) in ids.iter().enumerate() {
        let name = format!("ベンチ窓口 {i}");
        let mut pairs = vec![
            ("csrf_token", csrf.as_str()),
            ("id", id.as_str()),
            ("name-ja", name.as_str()),
            ("place-ja", "青葉区役所 1階"),
            ("unit", "persons"),
            ("confirm", "on_filing"),
            ("s0-from", "08:30"),
            ("s0-until", "17:00"),
            ("s0-every", "15"),
            ("s0-capacity", "1"),
            ("opens", "45"),
            ("closes", "2"),
        ];
        for day in ["mon", "tue", "wed", "thu", "fri"] {
            pairs.push(("s0-day", day));
        }
        let answer = b.post("/office/bookings/resources", &owned(&pairs)).await?;
        let location = answer.location.unwrap_or_default();
        if answer.status != 303 {
            return Err(format!("{id} was not saved: {}", answer.status));
        }
        opened += location
            .rsplit("slots=")
            .next()
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0);
        took.push(answer.took);
    }
    took.sort_unstable();
    println!(
        "defined {} counters on the page: {opened} slots opened; a save took p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ids.len(),
        quantile(&took, 0.5),
        quantile(&took, 0.99),
        quantile(&took, 1.0)
    );
    Ok(())
}

/// Today in Japan.
fn today() -> chrono::NaiveDate {
    (Utc::now() + Days::hours(9)).date_naive()
}

async fn availability(server: &Server, ids: &[String], b: &Bookings<'_>) -> Result<(), String> {
    let (from, to) = (today(), today() + Days::days(30));
    let path = |id: &str| format!("/api/v1/booking-resources/{id}/slots?from={from}&to={to}");
    let one = reqwest::get(format!("{}{}", server.base, path(&ids[0])))
        .await
        .map_err(|e| e.to_string())?;
    let body = one.bytes().await.map_err(|e| e.to_string())?.to_vec();
    let list: Value = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
    let slots = list["slots"].as_array().map_or(0, Vec::len);
    println!(
        "availability: a month ({from} to {to}) of one counter = {slots} slots, {} bytes ({} gzip'd)",
        body.len(),
        http::gzip(&body)?.len()
    );
    let target = Target::parse(&server.base)?;
    let requests: Vec<Vec<u8>> = ids
        .iter()
        .map(|id| {
            format!(
                "GET {} HTTP/1.1\r\nHost: {}\r\nConnection: keep-alive\r\nAccept: application/json\r\n\
                 Accept-Encoding: gzip, deflate, br, zstd\r\n\r\n",
                path(id),
                target.authority
            )
            .into_bytes()
        })
        .collect();
    let bare = http::bare_page(body, Bare::GzipEachRequest)?;
    let limit = http::Request::Browse {
        url: bare,
        cookies: None,
    };
    let run = Duration::from_secs(b.seconds);
    let first = http::Sample::load(&limit, b.connections, run / 2).await?;
    let figure = http::in_turn(&target, Arc::new(requests), b.connections, run).await?;
    let limit = first
        .and(http::Sample::load(&limit, b.connections, run / 2).await?)
        .figure();
    println!(
        "  {} counters in turn, {} connections: {:.0} req/s (p50 {:.1} ms, p99 {:.1} ms, {} unexpected) \
         = {:.2} of the bare server's {:.0} req/s (p99 {:.1} ms)",
        ids.len(),
        b.connections,
        figure.per_second,
        figure.p50_ms,
        figure.p99_ms,
        figure.unexpected,
        figure.per_second / limit.per_second,
        limit.per_second,
        limit.p99_ms
    );
    Ok(())
}

/// The places of the contended counter that may be booked now, earliest first.
async fn bookable(server: &Server) -> Result<Vec<String>, String> {
    let url = format!(
        "{}/api/v1/booking-resources/{CONTENDED}/slots?from={}&to={}",
        server.base,
        today(),
        today() + Days::days(44)
    );
    let list: Value = reqwest::get(url)
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    Ok(list["slots"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["bookable"] == true && s["free"].as_u64() >= Some(1))
        .filter_map(|s| s["answer"].as_str().map(str::to_string))
        .collect())
}

async fn contention(server: &Server, contenders: usize) -> Result<(), String> {
    let places = bookable(server).await?;
    if places.len() < contenders + 1 {
        return Err(format!(
            "{} places to book, {} needed",
            places.len(),
            contenders + 1
        ));
    }
    let same: Vec<String> = vec![places[0].clone(); contenders];
    let apart: Vec<String> = places[1..=contenders].to_vec();
    let (apart_took, apart_codes) = file_at_once(server, &apart).await?;
    let (same_took, same_codes) = file_at_once(server, &same).await?;
    let count = |codes: &[u16], code: u16| codes.iter().filter(|&&c| c == code).count();
    println!(
        "contention: {contenders} residents filing at once for one place of capacity 1: \
         {} won (201), {} told it is full (422), {} other answers; all answered in {:.0} ms \
         = {:.2} of the {:.0} ms the same number took for {contenders} different places \
         ({} won, {} other answers)",
        count(&same_codes, 201),
        count(&same_codes, 422),
        same_codes.len() - count(&same_codes, 201) - count(&same_codes, 422),
        same_took.as_secs_f64() * 1000.0,
        same_took.as_secs_f64() / apart_took.as_secs_f64(),
        apart_took.as_secs_f64() * 1000.0,
        count(&apart_codes, 201),
        apart_codes.len() - count(&apart_codes, 201),
    );
    if count(&same_codes, 201) != 1 || count(&same_codes, 422) != contenders - 1 {
        return Err("the contended place was not booked exactly once".into());
    }
    if count(&apart_codes, 201) != contenders {
        return Err("not every different place was booked".into());
    }
    Ok(())
}

/// One filing per place, each on its own connection, all sent at once; the time until the
/// last answer and every status.
async fn file_at_once(server: &Server, places: &[String]) -> Result<(Duration, Vec<u16>), String> {
    let target = Target::parse(&format!(
        "{}/api/v1/procedures/{PROCEDURE}/submissions",
        server.base
    ))?;
    let mut connections = Vec::new();
    let mut bodies = Vec::new();
    for (i, place) in places.iter().enumerate() {
        let mut answers = madoguchi_testkit::bookings::appointment("09:00", "青葉 花子");
        answers["visit_time"] = place.as_str().into();
        answers["applicant_name"] = format!("青葉 花子{i}").into();
        let mut bytes = crate::wire::post_json(&target, &answers.to_string());
        if let Some(at) = bytes.key_at {
            uuid::Uuid::new_v4()
                .hyphenated()
                .encode_lower(&mut bytes.head_and_body[at..at + 36]);
        }
        bodies.push(bytes.head_and_body);
        connections.push(Connection::new(&target));
    }
    let gate = Arc::new(tokio::sync::Barrier::new(places.len() + 1));
    let mut tasks = Vec::new();
    for (mut connection, body) in connections.into_iter().zip(bodies) {
        let gate = gate.clone();
        tasks.push(tokio::spawn(async move {
            gate.wait().await;
            connection
                .send(&body, Duration::from_secs(120))
                .await
                .unwrap_or(0)
        }));
    }
    gate.wait().await;
    let started = Instant::now();
    let mut codes = Vec::new();
    for task in tasks {
        codes.push(task.await.map_err(|e| e.to_string())?);
    }
    Ok((started.elapsed(), codes))
}
