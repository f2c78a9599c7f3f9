//! The load client's HTTP/1.1: one keep-alive connection, one request at a time, the request
//! written from bytes made once and the answer read by its `Content-Length` (or its chunks),
//! as wrk does. The figures are the server's: a general-purpose client (reqwest: a pool,
//! header maps, a URL parsed on every request) cost about 0.05 ms of CPU a request on the
//! same two cores, an eighth of what a filing costs the server at 8 connections
//! (docs/performance.md, 2026-11-26, 09:00 UTC).

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Where a request goes, split once from its URL (`http://host:port/path`).
#[derive(Debug, Clone)]
pub struct Target {
    /// `host:port`, to connect to and to send as `Host`.
    pub authority: String,
    pub path: String,
}

impl Target {
    pub fn parse(url: &str) -> Result<Target, String> {
        let rest = url
            .strip_prefix("http://")
            .ok_or_else(|| format!("{url}: the load client speaks plain http only"))?;
        let (authority, path) = match rest.find('/') {
            Some(at) => (&rest[..at], &rest[at..]),
            None => (rest, "/"),
        };
        Ok(Target {
            authority: authority.to_string(),
            path: path.to_string(),
        })
    }
}

/// A request's bytes, made once: `key_at` is where a POST's `Idempotency-Key` (36
/// characters, a UUID) goes, written anew for each request.
#[derive(Debug, Clone)]
pub struct Bytes {
    pub head_and_body: Vec<u8>,
    pub key_at: Option<usize>,
}

/// A GET of `target`.
pub fn get(target: &Target) -> Bytes {
    let head = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nAccept: */*\r\n\r\n",
        target.path, target.authority
    );
    Bytes {
        head_and_body: head.into_bytes(),
        key_at: None,
    }
}

/// What Chromium sends beside the request line and `Host` when it opens a page: the page
/// kinds it takes, compression, its language and who it is (about 400 bytes, which the
/// server reads on every request).
const BROWSER_HEADERS: &str = "Connection: keep-alive\r\n\
     Upgrade-Insecure-Requests: 1\r\n\
     User-Agent: Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36\r\n\
     Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8\r\n\
     Sec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: document\r\n\
     Accept-Encoding: gzip, deflate, br, zstd\r\n\
     Accept-Language: ja,en-US;q=0.9,en;q=0.8\r\n";

/// A GET of `target` as a browser asks for a page: compression accepted, and the cookies a
/// session holds by then (`Cookie: …`, none for a first visit).
pub fn get_as_browser(target: &Target, cookies: Option<&str>) -> Bytes {
    let mut head = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\n{BROWSER_HEADERS}",
        target.path, target.authority
    );
    if let Some(cookies) = cookies {
        head.push_str(&format!("Cookie: {cookies}\r\n"));
    }
    head.push_str("\r\n");
    Bytes {
        head_and_body: head.into_bytes(),
        key_at: None,
    }
}

/// A POST of the JSON `body` to `target` with a placeholder `Idempotency-Key`.
pub fn post_json(target: &Target, body: &str) -> Bytes {
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {}\r\nAccept: */*\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nIdempotency-Key: ",
        target.path,
        target.authority,
        body.len()
    );
    let key_at = head.len();
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(&[b'0'; 36]);
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes.extend_from_slice(body.as_bytes());
    Bytes {
        head_and_body: bytes,
        key_at: Some(key_at),
    }
}

/// One keep-alive connection.
#[derive(Debug)]
pub struct Connection {
    authority: String,
    stream: Option<TcpStream>,
    /// Bytes read past the last answer (none with one request at a time, kept anyway).
    buffer: Vec<u8>,
}

impl Connection {
    pub fn new(target: &Target) -> Connection {
        Connection {
            authority: target.authority.clone(),
            stream: None,
            buffer: Vec::with_capacity(64 * 1024),
        }
    }

    /// Sends `request` and reads the whole answer: its status. A connection the server
    /// closed, or one that failed, is opened again for the next request.
    pub async fn send(&mut self, request: &[u8], timeout: Duration) -> Result<u16, String> {
        let answer = tokio::time::timeout(timeout, self.exchange(request)).await;
        match answer {
            Ok(Ok((status, keep))) => {
                if !keep {
                    self.stream = None;
                }
                Ok(status)
            }
            Ok(Err(e)) => {
                self.stream = None;
                Err(e)
            }
            Err(_) => {
                self.stream = None;
                Err(format!("no answer in {} s", timeout.as_secs()))
            }
        }
    }

    async fn exchange(&mut self, request: &[u8]) -> Result<(u16, bool), String> {
        if self.stream.is_none() {
            let stream = TcpStream::connect(&self.authority)
                .await
                .map_err(|e| e.to_string())?;
            stream.set_nodelay(true).map_err(|e| e.to_string())?;
            self.stream = Some(stream);
            self.buffer.clear();
        }
        let Some(stream) = self.stream.as_mut() else {
            return Err("not connected".into());
        };
        stream.write_all(request).await.map_err(|e| e.to_string())?;
        let head_end = loop {
            if let Some(at) = find(&self.buffer, b"\r\n\r\n") {
                break at + 4;
            }
            read_more(stream, &mut self.buffer).await?;
        };
        let head = std::str::from_utf8(&self.buffer[..head_end])
            .map_err(|_| "an answer's head is not UTF-8".to_string())?;
        let status: u16 = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| "an answer without a status".to_string())?;
        let header = |name: &str| {
            head.split("\r\n").skip(1).find_map(|line| {
                let (n, v) = line.split_once(':')?;
                n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
            })
        };
        let keep = !header("connection").is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let chunked = header("transfer-encoding").is_some_and(|v| v.contains("chunked"));
        let length = header("content-length").and_then(|v| v.parse::<usize>().ok());
        self.buffer.drain(..head_end);
        if chunked {
            read_chunks(stream, &mut self.buffer).await?;
        } else if let Some(length) = length {
            while self.buffer.len() < length {
                read_more(stream, &mut self.buffer).await?;
            }
            self.buffer.drain(..length);
        } else if status != 204 && status != 304 {
            return Err("an answer without Content-Length or chunks".into());
        }
        Ok((status, keep))
    }
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<(), String> {
    buffer.reserve(16 * 1024);
    let n = stream.read_buf(buffer).await.map_err(|e| e.to_string())?;
    if n == 0 {
        return Err("the server closed the connection mid-answer".into());
    }
    Ok(())
}

/// Reads a chunked body to its last chunk and drops it from `buffer`.
async fn read_chunks(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<(), String> {
    loop {
        let line_end = loop {
            if let Some(at) = find(buffer, b"\r\n") {
                break at;
            }
            read_more(stream, buffer).await?;
        };
        let size_text = std::str::from_utf8(&buffer[..line_end]).unwrap_or("");
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("a chunk size that is not hexadecimal: {size_text:?}"))?;
        // The size line, the chunk and its CRLF (the last chunk: its CRLF ends the body).
        let whole = line_end + 2 + size + 2;
        while buffer.len() < whole {
            read_more(stream, buffer).await?;
        }
        buffer.drain(..whole);
        if size == 0 {
            return Ok(());
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_post_leaves_room_for_its_key_and_declares_its_body() {
        let target = Target::parse("http://127.0.0.1:8080/api/v1/x").unwrap();
        let bytes = post_json(&target, "{\"a\":1}");
        let text = String::from_utf8(bytes.head_and_body.clone()).unwrap();
        assert!(text.starts_with("POST /api/v1/x HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"));
        assert!(text.contains("Content-Length: 7\r\n"));
        assert!(text.ends_with("\r\n\r\n{\"a\":1}"));
        let at = bytes.key_at.unwrap();
        assert_eq!(&text[at..at + 36], "0".repeat(36));
        assert_eq!(&text[at - 17..at], "Idempotency-Key: ");
    }

    #[tokio::test]
    async fn reads_answers_by_length_and_by_chunks_on_one_connection() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.unwrap();
            let answers: [&[u8]; 2] = [
                b"HTTP/1.1 201 Created\r\nContent-Length: 5\r\n\r\nhello",
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            ];
            for answer in answers {
                let mut got = Vec::new();
                while find(&got, b"\r\n\r\n").is_none() {
                    let mut b = [0u8; 1024];
                    let n = s.read(&mut b).await.unwrap();
                    got.extend_from_slice(&b[..n]);
                }
                s.write_all(answer).await.unwrap();
            }
        });
        let target = Target::parse(&format!("http://{addr}/")).unwrap();
        let mut c = Connection::new(&target);
        let request = get(&target).head_and_body;
        let wait = Duration::from_secs(5);
        assert_eq!(c.send(&request, wait).await.unwrap(), 201);
        assert_eq!(c.send(&request, wait).await.unwrap(), 200);
        assert!(c.buffer.is_empty());
    }

    #[test]
    fn a_browser_asks_for_compression_and_sends_its_cookies() {
        let target = Target::parse("http://127.0.0.1:8080/p/x").unwrap();
        let text = |b: Bytes| String::from_utf8(b.head_and_body).unwrap();
        let first = text(get_as_browser(&target, None));
        assert!(first.starts_with("GET /p/x HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"));
        assert!(first.contains("\r\nAccept-Encoding: gzip, deflate, br, zstd\r\n"));
        assert!(!first.contains("Cookie:"));
        assert!(first.ends_with("\r\n\r\n") && !first.ends_with("\r\n\r\n\r\n"));
        let later = text(get_as_browser(&target, Some("mdg_csrf=n1; lang=ja")));
        assert!(later.ends_with("\r\nCookie: mdg_csrf=n1; lang=ja\r\n\r\n"));
    }
}
