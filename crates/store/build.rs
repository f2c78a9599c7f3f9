// Re-embed migrations when their files change (embed_migrations! cannot see new files),
// and compile the PostgreSQL variants of the store tests in when a test database is named.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
    println!("cargo:rerun-if-env-changed=TEST_DATABASE_URL");
    println!("cargo::rustc-check-cfg=cfg(pg_tests)");
    if std::env::var_os("TEST_DATABASE_URL").is_some_and(|v| !v.is_empty()) {
        println!("cargo:rustc-cfg=pg_tests");
    }
}
