// Compile the PostgreSQL variants in when a test database is named, and the browser tests
// when MADOGUCHI_BROWSER_TESTS is set (CI installs Chromium and sets it). Without them the
// tests are reported as ignored, never as passed.
fn main() {
    println!("cargo:rerun-if-env-changed=TEST_DATABASE_URL");
    println!("cargo:rerun-if-env-changed=MADOGUCHI_BROWSER_TESTS");
    println!("cargo::rustc-check-cfg=cfg(pg_tests)");
    println!("cargo::rustc-check-cfg=cfg(browser_tests)");
    if std::env::var_os("TEST_DATABASE_URL").is_some_and(|v| !v.is_empty()) {
        println!("cargo:rustc-cfg=pg_tests");
    }
    if std::env::var_os("MADOGUCHI_BROWSER_TESTS").is_some_and(|v| !v.is_empty() && v != "0") {
        println!("cargo:rustc-cfg=browser_tests");
    }
}
