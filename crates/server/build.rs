// Compile the PostgreSQL variants of the server's tests in when a test database is named,
// and the tests that mount a small file system (root only) when MADOGUCHI_FS_TESTS is set
// (CI does both); without them they are reported as ignored, never as passed.
fn main() {
    println!("cargo:rerun-if-env-changed=TEST_DATABASE_URL");
    println!("cargo:rerun-if-env-changed=MADOGUCHI_FS_TESTS");
    println!("cargo::rustc-check-cfg=cfg(pg_tests)");
    println!("cargo::rustc-check-cfg=cfg(fs_tests)");
    if std::env::var_os("TEST_DATABASE_URL").is_some_and(|v| !v.is_empty()) {
        println!("cargo:rustc-cfg=pg_tests");
    }
    if std::env::var_os("MADOGUCHI_FS_TESTS").is_some_and(|v| !v.is_empty()) {
        println!("cargo:rustc-cfg=fs_tests");
    }
}
