//! Attached files: where their bytes are kept (by SHA-256), the virus-scan hook, and the limits.

use std::io::Read;
use std::path::{Path, PathBuf};

mod handed_out;
mod local;

pub use local::LocalFiles;

use madoguchi_core::{AttachmentId, TenantId};
use madoguchi_records::AttachmentRecord;

use crate::kernel::AppError;

/// Largest file accepted.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Largest total of one filing's files.
pub const MAX_FILING_BYTES: i64 = 30 * 1024 * 1024;

/// Files per file question.
pub const MAX_FILES_PER_QUESTION: usize = 5;

/// The bytes of a file being attached, read as often as the checks need, in bounded
/// chunks: an upload is a file on disk (streamed there by the web layer), never held
/// whole in memory; tests and small callers pass bytes.
pub trait FileContent {
    fn size(&self) -> std::io::Result<u64>;
    /// A reader from the first byte.
    fn reader(&self) -> std::io::Result<Box<dyn Read + '_>>;
}

impl FileContent for [u8] {
    fn size(&self) -> std::io::Result<u64> {
        Ok(self.len() as u64)
    }
    fn reader(&self) -> std::io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(self))
    }
}

impl FileContent for Vec<u8> {
    fn size(&self) -> std::io::Result<u64> {
        self.as_slice().size()
    }
    fn reader(&self) -> std::io::Result<Box<dyn Read + '_>> {
        self.as_slice().reader()
    }
}

impl<const N: usize> FileContent for [u8; N] {
    fn size(&self) -> std::io::Result<u64> {
        self.as_slice().size()
    }
    fn reader(&self) -> std::io::Result<Box<dyn Read + '_>> {
        self.as_slice().reader()
    }
}

impl FileContent for Path {
    fn size(&self) -> std::io::Result<u64> {
        Ok(std::fs::metadata(self)?.len())
    }
    fn reader(&self) -> std::io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(std::io::BufReader::new(std::fs::File::open(
            self,
        )?)))
    }
}

impl FileContent for PathBuf {
    fn size(&self) -> std::io::Result<u64> {
        self.as_path().size()
    }
    fn reader(&self) -> std::io::Result<Box<dyn Read + '_>> {
        self.as_path().reader()
    }
}

/// The first `n` bytes of `content` (fewer if it is shorter).
pub(crate) fn head_of(content: &(impl FileContent + ?Sized), n: u64) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::new();
    content.reader()?.take(n).read_to_end(&mut head)?;
    Ok(head)
}

/// Where the bytes of attached files live: by municipality and SHA-256 (the key
/// `<tenant_id>/<sha256>`), so one city's files are never found under another's name.
/// A local folder ([`LocalFiles`]) or an S3-compatible bucket (the server's `storage`).
pub trait FileStore: Send + Sync + std::fmt::Debug {
    /// Stores the content (durably) and returns its SHA-256 (hex), the key to get it.
    /// The content is read in chunks, never held whole.
    fn put(&self, tenant: &TenantId, content: &dyn FileContent) -> Result<String, AppError>;
    /// The stored bytes, as a reader (read in chunks as the client takes them).
    fn get(&self, tenant: &TenantId, sha256: &str) -> Result<FileReader, AppError>;
    /// Deletes the bytes if they were not written or reused after `fresh_after` and, checked
    /// once they are out of reach, `in_use` still says nothing names them (else they are put
    /// back). Returns whether they were deleted. A store that cannot delete keeps them.
    fn remove_unused(
        &self,
        _tenant: &TenantId,
        _sha256: &str,
        _fresh_after: std::time::SystemTime,
        _in_use: &dyn Fn() -> Result<bool, AppError>,
    ) -> Result<bool, AppError> {
        Ok(false)
    }
}

/// Stored bytes being read.
pub struct FileReader(pub Box<dyn Read + Send>);

impl std::fmt::Debug for FileReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FileReader")
    }
}

impl FileReader {
    /// Everything left, in memory (tests and small files).
    pub fn into_bytes(mut self) -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.0.read_to_end(&mut bytes)?;
        Ok(bytes)
    }
}

/// A key's parts checked: a tenant id of letters, digits, `-` and `_` (no `/`, never
/// empty) and 64 hex digits. Anything else is not found.
pub fn checked_key<'a>(
    tenant: &'a TenantId,
    sha256: &'a str,
) -> Result<(&'a str, &'a str), AppError> {
    let t = tenant.as_str();
    let tenant_ok = !t.is_empty()
        && t.len() <= 64
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let sha_ok = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
    if tenant_ok && sha_ok {
        Ok((t, sha256))
    } else {
        Err(AppError::NotFound)
    }
}

/// SHA-256 (hex) of `content`, read in chunks.
pub fn sha256_of(content: &dyn FileContent) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    let mut reader = content.reader()?;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// What a virus scan says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScanVerdict {
    Clean,
    Infected(String),
}

/// The virus-scan hook. An `Err` (scanner down, timed out) refuses the file: fail closed.
/// The file comes as a reader (it may be larger than is wise to hold in memory).
pub trait VirusScanner: Send + Sync + std::fmt::Debug {
    fn scan(&self, file: &mut dyn Read) -> Result<ScanVerdict, String>;
}

/// The built-in scanner: recognises the EICAR test file (so the path is testable end to end)
/// and nothing else. Deployments plug a real engine (e.g. ClamAV over its socket) in here.
#[derive(Clone, Copy, Debug, Default)]
pub struct SignatureScanner;

impl VirusScanner for SignatureScanner {
    fn scan(&self, file: &mut dyn Read) -> Result<ScanVerdict, String> {
        // Chunk by chunk, keeping the last bytes of each so a signature across two
        // chunks is still seen.
        let mut window: Vec<u8> = Vec::with_capacity(64 * 1024 + EICAR.len());
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = file.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                return Ok(ScanVerdict::Clean);
            }
            window.extend_from_slice(&buf[..n]);
            if window.windows(EICAR.len()).any(|w| w == EICAR) {
                return Ok(ScanVerdict::Infected("EICAR-Test-File".into()));
            }
            let keep = window.len().min(EICAR.len() - 1);
            window.drain(..window.len() - keep);
        }
    }
}

const EICAR: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

/// The kind of a file by its first bytes; `None`: not one we accept.
pub fn detect_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && matches!(
            &bytes[8..12],
            b"heic" | b"heix" | b"mif1" | b"msf1" | b"heim" | b"heis"
        )
    {
        Some("image/heic")
    } else {
        None
    }
}

/// A file name as given, if it is a plain name: no folders, no control characters, not
/// empty or dots only, at most 200 characters.
pub fn clean_file_name(name: &str) -> Option<String> {
    let name = name.trim();
    let ok = !name.is_empty()
        && name.chars().count() <= 200
        && !name.contains(['/', '\\'])
        && !name.chars().any(char::is_control)
        && name.chars().any(|c| c != '.');
    ok.then(|| name.to_string())
}

/// A file as the pages show it.
#[derive(Clone, Debug)]
pub struct AttachmentView {
    pub id: AttachmentId,
    /// Pointer of the question it answers.
    pub field: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// Sent in answer to a correction request.
    pub from_correction: bool,
}

impl From<AttachmentRecord> for AttachmentView {
    fn from(r: AttachmentRecord) -> Self {
        AttachmentView {
            from_correction: r.correction_id.is_some(),
            id: r.id,
            field: r.field,
            file_name: r.file_name,
            content_type: r.content_type,
            size_bytes: r.size_bytes,
        }
    }
}

/// A file to hand out.
#[derive(Debug)]
pub struct FileDownload {
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub content: FileReader,
}

/// "1.2 MB", "350 KB".
pub fn human_size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        let tenths = bytes * 10 / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_content() {
        assert_eq!(detect_type(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(
            detect_type(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
            Some("image/jpeg")
        );
        assert_eq!(
            detect_type(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]),
            Some("image/png")
        );
        assert_eq!(
            detect_type(b"\0\0\0\x18ftypheic\0\0\0\0"),
            Some("image/heic")
        );
        assert_eq!(detect_type(b"MZ\x90\0 a program"), None);
        assert_eq!(detect_type(b"<html><script>"), None);
        assert_eq!(detect_type(b""), None);
    }

    #[test]
    fn names_are_plain_names() {
        assert_eq!(clean_file_name(" 通帳.pdf ").as_deref(), Some("通帳.pdf"));
        assert_eq!(clean_file_name("../../etc/passwd"), None);
        assert_eq!(clean_file_name("C:\\Users\\a.pdf"), None);
        assert_eq!(clean_file_name(".."), None);
        assert_eq!(clean_file_name(""), None);
        assert_eq!(clean_file_name("a\u{0}b.pdf"), None);
        assert_eq!(clean_file_name(&"あ".repeat(201)), None);
    }

    #[test]
    fn the_test_virus_is_found() {
        assert_eq!(
            SignatureScanner.scan(&mut &[b"%PDF-1.4 ".as_slice(), EICAR].concat()[..]),
            Ok(ScanVerdict::Infected("EICAR-Test-File".into()))
        );
        // Across the scanner's chunks too, wherever the signature starts.
        for at in [
            64 * 1024 - EICAR.len(),
            64 * 1024 - 10,
            64 * 1024 - 1,
            64 * 1024,
        ] {
            let mut file = vec![b' '; at];
            file.extend_from_slice(EICAR);
            file.extend_from_slice(&[b' '; 100]);
            assert_eq!(
                SignatureScanner.scan(&mut Uneven(&file[..])),
                Ok(ScanVerdict::Infected("EICAR-Test-File".into())),
                "signature at {at}"
            );
        }
        assert_eq!(
            SignatureScanner.scan(&mut &b"%PDF-1.4 clean"[..]),
            Ok(ScanVerdict::Clean)
        );
    }

    /// A reader whose pieces (64 KiB less one byte) do not line up with the scanner's chunks.
    struct Uneven<'a>(&'a [u8]);

    impl Read for Uneven<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.0.len()).min(64 * 1024 - 1);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn sizes_read_like_people_say_them() {
        assert_eq!(human_size(1), "1 KB");
        assert_eq!(human_size(350 * 1024), "350 KB");
        assert_eq!(human_size(1_300_000), "1.2 MB");
    }
}
