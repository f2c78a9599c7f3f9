//! TLS for tests: a certificate authority made on the spot, the certificates it issues,
//! and a private PostgreSQL server that speaks TLS only.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use tempfile::TempDir;

/// A CA that exists for one test. Its root certificate is written to a file, as clients
/// that are told about a private CA (libpq's `sslrootcert`, `SSL_CERT_FILE`) want it.
pub struct TestCa {
    issuer: Issuer<'static, KeyPair>,
    root_pem: String,
    dir: TempDir,
}

impl std::fmt::Debug for TestCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestCa")
            .field("root", &self.root_file())
            .finish_non_exhaustive()
    }
}

/// A certificate and its private key, in PEM and DER.
#[derive(Debug, Clone)]
pub struct Issued {
    pub cert_pem: String,
    pub key_pem: String,
    pub cert_der: Vec<u8>,
    pub key_der: Vec<u8>,
}

impl TestCa {
    pub fn new() -> Self {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        // A name of its own: a client that finds a root by the issuer's name must not pick
        // another test's CA.
        params.distinguished_name.push(
            DnType::CommonName,
            format!("Madoguchi test CA {}", uuid::Uuid::new_v4()),
        );
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let root_pem = params.self_signed(&key).unwrap().pem();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("root.crt"), &root_pem).unwrap();
        Self {
            issuer: Issuer::new(params, key),
            root_pem,
            dir,
        }
    }

    /// The root certificate, PEM.
    pub fn root_pem(&self) -> &str {
        &self.root_pem
    }

    /// A file holding the root certificate (PEM).
    pub fn root_file(&self) -> PathBuf {
        self.dir.path().join("root.crt")
    }

    /// A server certificate for `host` (a DNS name), issued by this CA.
    pub fn issue(&self, host: &str) -> Issued {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(vec![host.to_owned()]).unwrap();
        params.distinguished_name.push(DnType::CommonName, host);
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        Issued {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
            cert_der: cert.der().to_vec(),
            key_der: key.serialize_der(),
        }
    }
}

impl Default for TestCa {
    fn default() -> Self {
        Self::new()
    }
}

/// A PostgreSQL server of its own for one test: `initdb` in a temporary folder, a free
/// port, `ssl = on` with a certificate for `localhost` from the given CA, and a
/// `pg_hba.conf` that admits TLS connections only. Stopped when dropped. The programs come
/// from `/usr/lib/postgresql/<version>/bin` (the newest); when the test runs as root they
/// run as the `postgres` user, since PostgreSQL refuses to run as root.
pub struct PrivatePostgres {
    dir: TempDir,
    port: u16,
    bin: PathBuf,
    run_as: Option<String>,
}

impl std::fmt::Debug for PrivatePostgres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrivatePostgres")
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

impl PrivatePostgres {
    pub fn start(ca: &TestCa) -> Self {
        let bin = server_programs();
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::metadata("/proc/self").map(|m| {
            use std::os::unix::fs::MetadataExt;
            m.uid() == 0
        });
        let run_as = root.unwrap_or(false).then(|| "postgres".to_owned());
        let issued = ca.issue("localhost");
        let (cert, key) = (dir.path().join("server.crt"), dir.path().join("server.key"));
        std::fs::write(&cert, &issued.cert_pem).unwrap();
        std::fs::write(&key, &issued.key_pem).unwrap();
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        if let Some(user) = &run_as {
            let (uid, gid) = (id(user, "-u"), id(user, "-g"));
            for path in [dir.path(), &cert, &key] {
                std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
            }
        }
        let port = free_port();
        let server = Self {
            dir,
            port,
            bin,
            run_as,
        };
        let data = server.data();
        server.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        let folder = server.dir.path().display().to_string();
        let conf = format!(
            "\nport = {port}\nlisten_addresses = 'localhost'\nunix_socket_directories = '{folder}'\n\
             ssl = on\nssl_cert_file = '{}'\nssl_key_file = '{}'\nfsync = off\n",
            cert.display(),
            key.display()
        );
        append(&Path::new(&data).join("postgresql.conf"), &conf);
        std::fs::write(
            Path::new(&data).join("pg_hba.conf"),
            "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostssl all all ::1/128 trust\n",
        )
        .unwrap();
        let log = format!("{folder}/server.log");
        let started = server.command(
            "pg_ctl",
            &["-D", &data, "-l", &log, "-w", "-t", "60", "start"],
        );
        if !started.status.success() {
            panic!(
                "the private PostgreSQL did not start: {}\n{}",
                String::from_utf8_lossy(&started.stderr),
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        server
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn command(&self, program: &str, args: &[&str]) -> std::process::Output {
        let program = self.bin.join(program);
        let mut cmd = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&program);
                c
            }
            None => Command::new(&program),
        };
        cmd.args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()))
    }

    fn run(&self, program: &str, args: &[&str]) {
        let out = self.command(program, args);
        assert!(
            out.status.success(),
            "{program} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self.command("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
    }
}

/// The newest `/usr/lib/postgresql/<version>/bin` with `initdb`; a clear failure without.
fn server_programs() -> PathBuf {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).unwrap_or_else(|| {
        panic!(
            "no PostgreSQL server programs in /usr/lib/postgresql/*/bin: \
             install them (`apt-get install postgresql`, or tools/setup-test-machine.sh)"
        )
    })
}

fn id(user: &str, flag: &str) -> u32 {
    let out = Command::new("id").args([flag, user]).output().unwrap();
    assert!(out.status.success(), "no user {user} to run PostgreSQL as");
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn append(path: &Path, text: &str) {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
}
