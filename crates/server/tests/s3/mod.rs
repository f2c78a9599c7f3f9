//! A real S3-compatible server on loopback for the tests: the `s3s-fs` crate's server
//! (Apache-2.0; 0.14.1, the newest that builds with our Rust), run in this process on
//! 127.0.0.1 with a port the system picks and a temporary folder for its buckets. In
//! process rather than its binary: nothing to install, and it stops with the test.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;

pub const ACCESS_KEY: &str = "madoguchi-test";
pub const SECRET_KEY: &str = "madoguchi-test-secret";
pub const BUCKET: &str = "attachments";

/// A running server; its folder (one subfolder per bucket) goes with it.
pub struct S3Server {
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
}

impl S3Server {
    /// A server with the bucket [`BUCKET`], taking [`ACCESS_KEY`] and [`SECRET_KEY`].
    pub fn start() -> S3Server {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(BUCKET)).unwrap();
        let fs = s3s_fs::FileSystem::new(dir.path()).unwrap();
        let mut builder = S3ServiceBuilder::new(fs);
        builder.set_auth(SimpleAuth::from_single(ACCESS_KEY, SECRET_KEY));
        let service = builder.build();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        // Its own runtime on its own thread, for the life of the test process.
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                loop {
                    let Ok((socket, _)) = listener.accept().await else {
                        continue;
                    };
                    let service = service.clone();
                    tokio::spawn(async move {
                        let conn = ConnBuilder::new(TokioExecutor::new());
                        let _ = conn.serve_connection(TokioIo::new(socket), service).await;
                    });
                }
            });
        });
        S3Server { addr, dir }
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `[storage]` for this server (the secret as given).
    pub fn settings(&self, secret: &str) -> madoguchi_server::storage::StorageSettings {
        madoguchi_server::storage::StorageSettings {
            kind: "s3".into(),
            bucket: BUCKET.into(),
            endpoint: self.endpoint(),
            region: String::new(),
            access_key_id: ACCESS_KEY.into(),
            secret_access_key: secret.into(),
            allow_http: true,
        }
    }

    /// The `[storage]` table of a `madoguchi.toml` for this server.
    pub fn toml(&self) -> String {
        format!(
            "\n[storage]\nkind = \"s3\"\nbucket = \"{BUCKET}\"\nendpoint = \"{}\"\naccess_key_id = \"{ACCESS_KEY}\"\nsecret_access_key = \"{SECRET_KEY}\"\nallow_http = true\n",
            self.endpoint()
        )
    }

    /// Every object's key in the bucket (the files under its folder).
    pub fn keys(&self) -> Vec<String> {
        let root = self.dir.path().join(BUCKET);
        let mut keys = Vec::new();
        let mut folders = vec![root.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    let key = path.strip_prefix(&root).unwrap().display().to_string();
                    // s3s-fs keeps its own bookkeeping beside the objects.
                    if !key.starts_with(".") && !key.contains("/.") {
                        keys.push(key);
                    }
                }
            }
        }
        keys.sort();
        keys
    }
}
