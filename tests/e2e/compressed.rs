//! Compressed answers on a keep-alive connection do not wait for the client's delayed ACK
//! (issue 42, item 1). Every browser asks for gzip; a compressed body that left in several
//! small writes had its last one held back by Nagle's algorithm until the client's delayed
//! ACK, about 40 ms a page. The evidence here is timing-free: a whole body (a page, an error
//! page, JSON, a CSV export) arrives compressed with its `Content-Length` (one body, not
//! chunks), and the server's end of the very connection has `TCP_NODELAY`, which a streamed
//! body (a download) relies on.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read as _;
use std::net::SocketAddr;

use madoguchi_e2e::e2e_test;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One answer read off the connection: status, headers (names lower-cased), body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `GET path` as a browser does (gzip, deflate and br accepted, keep-alive) and reads
/// the answer, which must carry its length: a chunked answer fails the test.
async fn get_as_browser(conn: &mut TcpStream, host: &str, path: &str) -> Answer {
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/html,application/json,*/*\r\n\
         Accept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: ja\r\n\
         Connection: keep-alive\r\n\r\n"
    );
    conn.write_all(request.as_bytes()).await.unwrap();
    let mut buffer = Vec::new();
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let mut chunk = [0u8; 8192];
        let n = conn.read(&mut chunk).await.unwrap();
        assert!(
            n > 0,
            "{path}: the connection closed before the answer's head"
        );
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buffer[..head_end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let answer = Answer {
        status,
        headers,
        body: Vec::new(),
    };
    assert_eq!(
        answer.header("transfer-encoding"),
        None,
        "{path}: a whole body goes with its length, not in chunks"
    );
    let length: usize = answer
        .header("content-length")
        .unwrap_or_else(|| panic!("{path}: no Content-Length"))
        .parse()
        .unwrap();
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let mut chunk = [0u8; 8192];
        let n = conn.read(&mut chunk).await.unwrap();
        assert!(n > 0, "{path}: the connection closed inside the body");
        body.extend_from_slice(&chunk[..n]);
    }
    assert_eq!(body.len(), length, "{path}: nothing after the body");
    Answer { body, ..answer }
}

fn gunzip(path: &str, body: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(body)
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{path}: not gzip: {e}"));
    text
}

/// Whether the server's socket of the connection from `client` to `server` has
/// `TCP_NODELAY`. The server runs in this process: its accepted socket is one of this
/// process's descriptors, duplicated here by `pidfd_getfd` to read the option.
fn server_side_nodelay(server: SocketAddr, client: SocketAddr) -> bool {
    use rustix::net::{SocketAddrAny, getpeername, getsockname, sockopt};
    use rustix::process::{PidfdFlags, PidfdGetfdFlags, getpid, pidfd_getfd, pidfd_open};
    let me = pidfd_open(getpid(), PidfdFlags::empty()).unwrap();
    let as_std = |addr: SocketAddrAny| SocketAddr::try_from(addr).ok();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc/self/fd").unwrap() {
        let entry = entry.unwrap();
        let Ok(target) = std::fs::read_link(entry.path()) else {
            continue;
        };
        if !target.to_string_lossy().starts_with("socket:") {
            continue;
        }
        let Ok(number) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(fd) = pidfd_getfd(&me, number, PidfdGetfdFlags::empty()) else {
            continue;
        };
        let local = getsockname(&fd).ok().and_then(as_std);
        let peer = getpeername(&fd).ok().flatten().and_then(as_std);
        if local == Some(server) && peer == Some(client) {
            found.push(sockopt::tcp_nodelay(&fd).unwrap());
        }
    }
    assert_eq!(found.len(), 1, "the server's end of the connection, once");
    found[0]
}

e2e_test!(async fn compressed_answers_leave_whole_on_a_socket_that_does_not_wait(server) {
    let base = server.base.trim_start_matches("http://").to_string();
    let server_addr: SocketAddr = base.parse().unwrap();
    let mut conn = TcpStream::connect(server_addr).await.unwrap();
    let client_addr = conn.local_addr().unwrap();
    // A blank form step, rendered per request (its CSRF token): the first step's link.
    let start = get_as_browser(&mut conn, &base, "/p/juminhyo-copy").await;
    let start = gunzip("/p/juminhyo-copy", &start.body);
    let step = start
        .split("href=\"/p/juminhyo-copy/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the procedure page links its first step")
        .to_string();
    let step_path = format!("/p/juminhyo-copy/{step}");
    // Every kind of whole answer, one after another on the one keep-alive connection.
    let kinds = [
        ("/procedures", 200, "text/html", "手続の一覧"),
        ("/p/juminhyo-copy", 200, "text/html", "住民票"),
        (step_path.as_str(), 200, "text/html", "csrf_token"),
        ("/no-such-page", 404, "text/html", "<html"),
        ("/api/v1/procedures", 200, "application/json", "juminhyo-copy"),
        ("/api/v1/procedures/no-such-procedure", 404, "application/json", "\"code\""),
        ("/statistics.csv", 200, "text/csv", "fiscal_year,procedure_id"),
    ];
    for (path, status, kind, holds) in kinds {
        let answer = get_as_browser(&mut conn, &base, path).await;
        assert_eq!(answer.status, status, "{path}");
        assert!(answer.header("content-type").unwrap().starts_with(kind), "{path}");
        assert_eq!(answer.header("content-encoding"), Some("gzip"), "{path}: compressed");
        assert!(
            answer.headers.iter().any(|(n, v)| n == "vary" && v.eq_ignore_ascii_case("accept-encoding")),
            "{path}: caches told the encoding varies"
        );
        let text = gunzip(path, &answer.body);
        assert!(text.contains(holds), "{path}: {}", &text[..text.len().min(300)]);
    }
    assert!(
        server_side_nodelay(server_addr, client_addr),
        "the server's socket sends small writes at once (TCP_NODELAY)"
    );
});
