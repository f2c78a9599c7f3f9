//! Where attached files are kept (`[storage]`): the local folder `data_dir/files` (the
//! default; one node, or a shared file system) or an S3-compatible bucket (several nodes).
//! In a bucket a file's key is `<tenant_id>/<sha256>`: content addressed, and one city's
//! files are never found under another's name.
//!
//! The use cases are synchronous (diesel, run on the blocking pool) and the S3 client
//! (the `object_store` crate) is async: its requests run on a small runtime of their own,
//! and a use case waits for each on a channel, never with a nested `block_on` (which
//! panics inside a runtime). Uploads go up in parts of [`PART_BYTES`] read from the staged
//! file, downloads come down as the client reads: no file is held whole in memory.

use std::future::Future;
use std::io::Read;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use actix_web::web::Bytes;
use futures_util::StreamExt;
use madoguchi_app::AppError;
use madoguchi_app::kernel::files::{checked_key, sha256_of};
use madoguchi_app::kernel::{FileContent, FileReader, FileStore, MAX_FILE_BYTES};
use madoguchi_core::TenantId;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, RetryConfig};
use serde::Deserialize;

use crate::StartError;

/// The size of an upload's parts (S3's least, but for the last part).
pub const PART_BYTES: usize = 5 * 1024 * 1024;

/// `[storage]` in the settings.
#[derive(Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StorageSettings {
    /// `local` (the default: `data_dir/files`) or `s3`.
    pub kind: String,
    pub bucket: String,
    /// The S3 service's address (`https://s3.example.jp`; empty: AWS for `region`).
    pub endpoint: String,
    /// Empty: `us-east-1` (what most S3-compatible servers expect).
    pub region: String,
    pub access_key_id: String,
    /// Also `MADOGUCHI_STORAGE_SECRET_ACCESS_KEY` or `…_FILE`.
    pub secret_access_key: String,
    /// Allow an `http://` endpoint: only on a loopback address (a test or a local proxy).
    pub allow_http: bool,
}

impl std::fmt::Debug for StorageSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StorageSettings")
            .field("kind", &self.kind)
            .field("bucket", &self.bucket)
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

impl StorageSettings {
    /// The bucket these settings name, checked (a file written, read and deleted), or
    /// `None` for the local folder. Wrong credentials or a missing bucket stop the start
    /// here, naming the setting to look at.
    pub fn open(&self) -> Result<Option<Arc<S3Files>>, StartError> {
        match self.kind.as_str() {
            "" | "local" => Ok(None),
            "s3" => {
                let store = S3Files::new(self)?;
                store.check().map_err(|e| {
                    StartError::Config(format!(
                        "[storage] the bucket {:?} at {:?} cannot be used (check bucket, endpoint, access_key_id and secret_access_key / MADOGUCHI_STORAGE_SECRET_ACCESS_KEY): {e}",
                        self.bucket,
                        self.endpoint_or_aws()
                    ))
                })?;
                Ok(Some(Arc::new(store)))
            }
            other => Err(StartError::Config(format!(
                "[storage] kind = {other:?} is not known (local or s3)"
            ))),
        }
    }

    fn endpoint_or_aws(&self) -> &str {
        if self.endpoint.is_empty() {
            "AWS"
        } else {
            &self.endpoint
        }
    }

    /// `http://` only with `allow_http`, and only on a loopback address.
    fn check_endpoint(&self) -> Result<(), StartError> {
        let Some(rest) = self.endpoint.strip_prefix("http://") else {
            return Ok(());
        };
        let authority = rest.split(['/', '?']).next().unwrap_or_default();
        let host = match authority.rsplit_once(':') {
            Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
            _ => authority,
        };
        let loopback = host == "localhost"
            || host == "[::1]"
            || host
                .parse::<std::net::Ipv4Addr>()
                .is_ok_and(|ip| ip.is_loopback());
        if self.allow_http && loopback {
            return Ok(());
        }
        Err(StartError::Config(format!(
            "[storage] endpoint = {:?}: residents' files travel unencrypted over http://; use https://, or allow_http = true for a loopback address only",
            self.endpoint
        )))
    }
}

/// Attached files in an S3-compatible bucket.
#[derive(Debug)]
pub struct S3Files {
    store: Arc<dyn ObjectStore>,
    runtime: tokio::runtime::Handle,
}

impl S3Files {
    pub fn new(settings: &StorageSettings) -> Result<S3Files, StartError> {
        settings.check_endpoint()?;
        let missing =
            |what: &str| StartError::Config(format!("[storage] kind = \"s3\" needs {what}"));
        if settings.bucket.is_empty() {
            return Err(missing("bucket"));
        }
        if settings.access_key_id.is_empty() || settings.secret_access_key.is_empty() {
            return Err(missing(
                "access_key_id and secret_access_key (or MADOGUCHI_STORAGE_SECRET_ACCESS_KEY[_FILE])",
            ));
        }
        let region = if settings.region.is_empty() {
            "us-east-1"
        } else {
            &settings.region
        };
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&settings.bucket)
            .with_region(region)
            .with_access_key_id(&settings.access_key_id)
            .with_secret_access_key(&settings.secret_access_key)
            .with_allow_http(settings.allow_http)
            // Give up on an unreachable service within a request's patience.
            .with_retry(RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(20),
                ..RetryConfig::default()
            });
        if !settings.endpoint.is_empty() {
            builder = builder.with_endpoint(&settings.endpoint);
        }
        let store = builder
            .build()
            .map_err(|e| StartError::Config(format!("[storage]: {e}")))?;
        Ok(S3Files {
            store: Arc::new(store),
            runtime: runtime().map_err(|e| StartError::Config(format!("[storage]: {e}")))?,
        })
    }

    /// Writes, reads back and deletes a small file, so wrong credentials, a missing bucket
    /// or no write permission are found at start rather than at a resident's upload.
    pub fn check(&self) -> Result<(), String> {
        let store = Arc::clone(&self.store);
        let key = Key::from(format!(".madoguchi-check/{}", uuid_like()));
        self.run(async move {
            store
                .put(&key, PutPayload::from_static(b"madoguchi"))
                .await?;
            let back = store.get(&key).await?.bytes().await?;
            store.delete(&key).await?;
            Ok::<_, object_store::Error>(back)
        })
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())
        .and_then(|back| {
            (back.as_ref() == b"madoguchi")
                .then_some(())
                .ok_or_else(|| "a file read back differs from what was written".to_string())
        })
    }

    /// Runs `work` on the store's runtime and waits for it on this (synchronous) thread.
    fn run<T: Send + 'static>(
        &self,
        work: impl Future<Output = T> + Send + 'static,
    ) -> Result<T, AppError> {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        self.runtime.spawn(async move {
            let _ = tx.send(work.await);
        });
        rx.recv()
            .map_err(|e| AppError::internal("file store: the request was dropped", e))
    }

    fn key(tenant: &TenantId, sha256: &str) -> Result<Key, AppError> {
        let (tenant, sha) = checked_key(tenant, sha256)?;
        Ok(Key::from(format!("{tenant}/{sha}")))
    }
}

fn failed(what: &str) -> impl Fn(object_store::Error) -> AppError + '_ {
    move |e| AppError::internal(format!("file store: {what}"), e)
}

impl FileStore for S3Files {
    fn put(&self, tenant: &TenantId, content: &dyn FileContent) -> Result<String, AppError> {
        let io = |e: std::io::Error| AppError::internal("file store", e);
        // The web layer refuses larger uploads while they arrive; this is the last check.
        if content.size().map_err(io)? > MAX_FILE_BYTES as u64 {
            return Err(AppError::internal(
                "file store",
                format!("a file over {MAX_FILE_BYTES} bytes"),
            ));
        }
        let sha = sha256_of(content).map_err(io)?;
        let key = Self::key(tenant, &sha)?;
        let mut reader = content.reader().map_err(io)?;
        let first = read_part(&mut reader).map_err(io)?;
        let store = Arc::clone(&self.store);
        // Written again when already there: its time says it was used now, so retention
        // leaves it (see `remove_unused`).
        if first.len() < PART_BYTES {
            let put = self.run(async move { store.put(&key, first.into()).await })?;
            put.map_err(failed("put"))?;
            return Ok(sha);
        }
        let mut upload = self
            .run({
                let key = key.clone();
                async move { store.put_multipart(&key).await }
            })?
            .map_err(failed("multipart put"))?;
        let mut part = first;
        loop {
            let sent = self.run(upload.put_part(PutPayload::from(part)))?;
            let next = match sent.map_err(failed("part")) {
                Ok(()) => read_part(&mut reader).map_err(io),
                Err(e) => Err(e),
            };
            match next {
                Ok(p) if p.is_empty() => break,
                Ok(p) => part = p,
                Err(e) => {
                    let _ = self.run(async move { upload.abort().await });
                    return Err(e);
                }
            }
        }
        self.run(async move { upload.complete().await })?
            .map_err(failed("complete"))?;
        Ok(sha)
    }

    fn get(&self, tenant: &TenantId, sha256: &str) -> Result<FileReader, AppError> {
        let key = Self::key(tenant, sha256)?;
        let store = Arc::clone(&self.store);
        let found = self
            .run(async move { store.get(&key).await })?
            .map_err(failed(sha256))?;
        // The body comes down as the reader takes it, a few chunks ahead at most.
        let (tx, rx) = std::sync::mpsc::sync_channel::<std::io::Result<Bytes>>(4);
        self.runtime.spawn(async move {
            let mut body = found.into_stream();
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(std::io::Error::other);
                let failed = chunk.is_err();
                let tx = tx.clone();
                // Wait for room off the runtime's threads.
                let sent = tokio::task::spawn_blocking(move || tx.send(chunk).is_ok()).await;
                if failed || !matches!(sent, Ok(true)) {
                    return;
                }
            }
        });
        Ok(FileReader(Box::new(Chunks {
            rx,
            current: Bytes::new(),
        })))
    }

    fn remove_unused(
        &self,
        tenant: &TenantId,
        sha256: &str,
        fresh_after: std::time::SystemTime,
        in_use: &dyn Fn() -> Result<bool, AppError>,
    ) -> Result<bool, AppError> {
        let key = Self::key(tenant, sha256)?;
        let store = Arc::clone(&self.store);
        let head = self.run({
            let key = key.clone();
            async move { store.head(&key).await }
        })?;
        let meta = match head {
            Ok(meta) => meta,
            Err(object_store::Error::NotFound { .. }) => return Ok(false),
            Err(e) => return Err(failed(sha256)(e)),
        };
        let fresh = std::time::SystemTime::from(meta.last_modified) > fresh_after;
        if fresh || in_use().unwrap_or(true) {
            return Ok(false);
        }
        let store = Arc::clone(&self.store);
        self.run(async move { store.delete(&key).await })?
            .map_err(failed(sha256))?;
        Ok(true)
    }
}

/// Up to [`PART_BYTES`] from `reader` (fewer only at its end).
fn read_part(reader: &mut dyn Read) -> std::io::Result<Vec<u8>> {
    let mut part = Vec::with_capacity(64 * 1024);
    reader.take(PART_BYTES as u64).read_to_end(&mut part)?;
    Ok(part)
}

/// A download's chunks as a reader.
struct Chunks {
    rx: std::sync::mpsc::Receiver<std::io::Result<Bytes>>,
    current: Bytes,
}

impl Read for Chunks {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.current.is_empty() {
            match self.rx.recv() {
                Ok(chunk) => self.current = chunk?,
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current.split_to(n));
        Ok(n)
    }
}

/// The runtime of the process's S3 requests: two threads, started once, kept for the
/// life of the process (a runtime dropped inside another one panics).
fn runtime() -> std::io::Result<tokio::runtime::Handle> {
    static HANDLE: OnceLock<tokio::runtime::Handle> = OnceLock::new();
    if let Some(handle) = HANDLE.get() {
        return Ok(handle.clone());
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("object-store")
        .enable_all()
        .build()?;
    let handle = rt.handle().clone();
    std::thread::Builder::new()
        .name("object-store".into())
        .spawn(move || rt.block_on(std::future::pending::<()>()))?;
    Ok(HANDLE.get_or_init(|| handle).clone())
}

/// A name no other start uses at the same moment.
fn uuid_like() -> String {
    let mut bytes = [0u8; 16];
    let _ = getrandom::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
