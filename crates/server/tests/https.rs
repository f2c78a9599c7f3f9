//! Outbound HTTPS in the default build: a webhook delivery to a receiver on loopback that
//! speaks TLS (rustls) with a certificate from a CA made in the test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use madoguchi_app::integrations::{HookAttempt, HookSender};
use madoguchi_server::hooks::HttpHookSender;
use madoguchi_testkit::tls::TestCa;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// An HTTPS receiver for `localhost` on a free port: answers 204 to every POST and passes
/// on the bodies it read. Runs until the test ends.
fn receiver(ca: &TestCa) -> (u16, Receiver<String>) {
    let issued = ca.issue("localhost");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(issued.cert_der)],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(issued.key_der)),
        )
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let conn = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = BufReader::new(rustls::StreamOwned::new(conn, stream));
            // A client that refuses the certificate ends the handshake: read fails.
            let mut length = 0;
            let mut line = String::new();
            loop {
                line.clear();
                if tls.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                if line == "\r\n" {
                    let mut body = vec![0; length];
                    tls.read_exact(&mut body).unwrap();
                    let tls = tls.get_mut();
                    tls.write_all(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                        .unwrap();
                    tls.flush().unwrap();
                    tx.send(String::from_utf8(body).unwrap()).unwrap();
                    break;
                }
            }
        }
    });
    (port, rx)
}

fn attempt(url: String) -> HookAttempt {
    HookAttempt {
        url,
        body: r#"{"event":"submission.received"}"#.into(),
        headers: vec![("content-type".into(), "application/json".into())],
    }
}

#[test]
fn a_webhook_is_delivered_over_https_to_a_receiver_whose_ca_is_trusted() {
    let ca = TestCa::new();
    let (port, bodies) = receiver(&ca);
    let trusting = HttpHookSender::trusting(ca.root_pem().as_bytes()).unwrap();

    let status = trusting
        .post(&attempt(format!("https://localhost:{port}/hook")))
        .unwrap();
    assert_eq!(status, 204);
    assert_eq!(bodies.recv().unwrap(), r#"{"event":"submission.received"}"#);

    // The system's roots alone do not know the test CA: the certificate is refused.
    let why = HttpHookSender::default()
        .post(&attempt(format!("https://localhost:{port}/hook")))
        .unwrap_err();
    assert!(why.to_lowercase().contains("certificate"), "{why}");

    // The certificate names `localhost`, not the address.
    let why = trusting
        .post(&attempt(format!("https://127.0.0.1:{port}/hook")))
        .unwrap_err();
    assert!(why.to_lowercase().contains("certificate"), "{why}");
    assert!(
        bodies.try_recv().is_err(),
        "nothing was delivered to an unchecked peer"
    );
}
