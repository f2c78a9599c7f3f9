//! A small but real SMTP server for tests (RFC 5321 commands a client like lettre uses).

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// One message as the server received it.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent after DATA (headers and body), dot-unstuffed.
    pub data: String,
}

impl ReceivedMail {
    /// The body with any base64 or quoted-printable transfer encoding undone, so tests can
    /// look for text the way a person would read it.
    pub fn text(&self) -> String {
        decode_parts(&self.data)
    }

    /// The decoded body of the first MIME part whose content type starts with `kind`
    /// (`text/calendar`), with its content type: line ends as sent (CRLF).
    pub fn part(&self, kind: &str) -> Option<(String, String)> {
        let lines: Vec<&str> = self.data.split("\r\n").collect();
        let is_type = |l: &str| {
            l.to_ascii_lowercase()
                .strip_prefix("content-type:")
                .is_some_and(|v| v.trim().starts_with(kind))
        };
        let start = lines.iter().position(|l| is_type(l))?;
        // The part's headers (folded lines joined) up to the blank line, then its body up
        // to the next boundary.
        let blank = (start..lines.len()).find(|&j| lines[j].is_empty())?;
        let mut headers: Vec<String> = Vec::new();
        for l in &lines[start..blank] {
            match (l.starts_with([' ', '\t']), headers.last_mut()) {
                (true, Some(last)) => last.push_str(l),
                _ => headers.push((*l).to_string()),
            }
        }
        let header = |name: &str| {
            headers.iter().find_map(|h| {
                let (n, v) = h.split_once(':')?;
                n.trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| v.trim().to_string())
            })
        };
        let end = (blank + 1..lines.len())
            .find(|&j| lines[j].starts_with("--"))
            .unwrap_or(lines.len());
        let raw = lines[blank + 1..end].join("\r\n");
        let body = match header("content-transfer-encoding")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .as_str()
        {
            "base64" => {
                String::from_utf8_lossy(&base64_decode(&raw.replace("\r\n", ""))).into_owned()
            }
            "quoted-printable" => qp_decode(&raw.replace("=\r\n", "")),
            _ => raw,
        };
        Some((header("content-type").unwrap_or_default(), body))
    }

    /// The subject as a person reads it: its folded lines joined and its encoded words
    /// (RFC 2047, `=?UTF-8?B?…?=` or `?Q?`) decoded.
    pub fn subject(&self) -> String {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        let Some(value) = unfolded.lines().find_map(|l| {
            l.get(..8)
                .filter(|p| p.eq_ignore_ascii_case("subject:"))
                .map(|_| l[8..].trim().to_string())
        }) else {
            return String::new();
        };
        let mut out = String::new();
        let mut last_encoded = false;
        for word in value.split(' ') {
            let decoded = word
                .strip_prefix("=?")
                .and_then(|w| w.strip_suffix("?="))
                .and_then(|w| {
                    let mut parts = w.splitn(3, '?');
                    let (_, how, text) = (parts.next()?, parts.next()?, parts.next()?);
                    Some(match how {
                        "B" | "b" => String::from_utf8_lossy(&base64_decode(text)).into_owned(),
                        _ => qp_decode(&text.replace('_', " ")),
                    })
                });
            match decoded {
                Some(text) => {
                    out.push_str(&text);
                    last_encoded = true;
                }
                None => {
                    if !out.is_empty() || last_encoded {
                        out.push(' ');
                    }
                    out.push_str(word);
                    last_encoded = false;
                }
            }
        }
        out
    }

    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let prefix = format!("{}:", name.to_ascii_lowercase());
        head.lines()
            .find(|l| l.to_ascii_lowercase().starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().to_string())
    }
}

#[derive(Default)]
struct Shared {
    mails: Mutex<Vec<ReceivedMail>>,
    arrived: Condvar,
    refuse: AtomicBool,
    stop: AtomicBool,
    sessions: Mutex<u32>,
}

/// The server. Stops when dropped.
pub struct SmtpSink {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl std::fmt::Debug for SmtpSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SmtpSink({})", self.addr)
    }
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind SMTP sink");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared::default());
        let accept_shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accept_shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let conn_shared = Arc::clone(&accept_shared);
                std::thread::spawn(move || {
                    let _ = serve(stream, &conn_shared);
                });
            }
        });
        SmtpSink { addr, shared }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn host(&self) -> String {
        self.addr.ip().to_string()
    }

    /// While true, every MAIL FROM is answered `451` (temporary failure), as a relay that is
    /// down or overloaded answers.
    pub fn set_refusing(&self, refuse: bool) {
        self.shared.refuse.store(refuse, Ordering::SeqCst);
    }

    /// How many SMTP sessions (connections that got past the greeting) were served.
    pub fn sessions(&self) -> u32 {
        *self.shared.sessions.lock().expect("lock")
    }

    pub fn received(&self) -> Vec<ReceivedMail> {
        self.shared.mails.lock().expect("lock").clone()
    }

    /// Waits until at least `n` messages arrived, or panics after `timeout`.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = Instant::now() + timeout;
        let mut mails = self.shared.mails.lock().expect("lock");
        while mails.len() < n {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "expected {n} email(s) within {timeout:?}, got {}",
                mails.len()
            );
            mails = self
                .shared
                .arrived
                .wait_timeout(mails, left)
                .expect("lock")
                .0;
        }
        mails.clone()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

fn serve(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut out = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    out.write_all(b"220 sink.madoguchi.test ESMTP ready\r\n")?;
    *shared.sessions.lock().expect("lock") += 1;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let upper = command.to_ascii_uppercase();
        if upper.starts_with("EHLO") {
            out.write_all(b"250-sink.madoguchi.test\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n")?;
        } else if upper.starts_with("HELO") {
            out.write_all(b"250 sink.madoguchi.test\r\n")?;
        } else if upper.starts_with("MAIL FROM:") {
            if shared.refuse.load(Ordering::SeqCst) {
                out.write_all(b"451 4.3.0 Temporarily unavailable, try again later\r\n")?;
                continue;
            }
            from = address(&command[10..]);
            to.clear();
            out.write_all(b"250 2.1.0 OK\r\n")?;
        } else if upper.starts_with("RCPT TO:") {
            to.push(address(&command[8..]));
            out.write_all(b"250 2.1.5 OK\r\n")?;
        } else if upper == "DATA" {
            out.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")?;
            let mut data = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                let unstuffed = line.strip_prefix('.').unwrap_or(&line);
                data.push_str(unstuffed);
            }
            shared.mails.lock().expect("lock").push(ReceivedMail {
                from: from.clone(),
                to: std::mem::take(&mut to),
                data,
            });
            shared.arrived.notify_all();
            out.write_all(b"250 2.0.0 Queued\r\n")?;
        } else if upper == "RSET" {
            to.clear();
            out.write_all(b"250 2.0.0 OK\r\n")?;
        } else if upper == "NOOP" {
            out.write_all(b"250 2.0.0 OK\r\n")?;
        } else if upper == "QUIT" {
            out.write_all(b"221 2.0.0 Bye\r\n")?;
            return Ok(());
        } else {
            out.write_all(b"502 5.5.2 Command not recognised\r\n")?;
        }
    }
}

fn address(arg: &str) -> String {
    let arg = arg.trim();
    let inner = arg
        .strip_prefix('<')
        .and_then(|a| a.split('>').next())
        .unwrap_or(arg);
    inner.to_string()
}

/// Undoes base64 and quoted-printable bodies of each MIME part (enough for lettre's output).
fn decode_parts(data: &str) -> String {
    let mut out = String::new();
    let mut encoding = String::new();
    let mut in_body = false;
    let mut body = String::new();
    let flush = |encoding: &str, body: &mut String, out: &mut String| {
        match encoding {
            "base64" => out.push_str(&String::from_utf8_lossy(&base64_decode(body))),
            "quoted-printable" => out.push_str(&qp_decode(body)),
            _ => out.push_str(body),
        }
        body.clear();
    };
    for line in data.split("\r\n") {
        if line.starts_with("--") {
            flush(&encoding, &mut body, &mut out);
            in_body = false;
            encoding.clear();
            continue;
        }
        if !in_body {
            let lower = line.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-transfer-encoding:") {
                encoding = v.trim().to_string();
            }
            if line.is_empty() {
                in_body = true;
            }
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if encoding == "base64" {
            body.push_str(line.trim());
        } else {
            body.push_str(line);
            body.push('\n');
        }
    }
    flush(&encoding, &mut body, &mut out);
    out
}

fn base64_decode(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes() {
        let Some(v) = ALPHABET.iter().position(|&a| a == c) else {
            continue;
        };
        bits = (bits << 6) | v as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    out
}

fn qp_decode(s: &str) -> String {
    let mut bytes = Vec::new();
    let raw = s.replace("=\n", "");
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'='
            && i + 2 < b.len() + 1
            && let Ok(v) = u8::from_str_radix(
                std::str::from_utf8(&b[i + 1..(i + 3).min(b.len())]).unwrap_or(""),
                16,
            )
        {
            bytes.push(v);
            i += 3;
            continue;
        }
        bytes.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}
