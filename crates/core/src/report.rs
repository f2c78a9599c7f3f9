//! An error and its causes on one line, for logs.

use std::error::Error;

/// `what failed: why: why that` — the error's message and each `source()` under it.
pub fn error_chain(e: &(dyn Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut next = e.source();
    while let Some(cause) = next {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        next = cause.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Outer(std::io::Error);
    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("storing the file")
        }
    }
    impl Error for Outer {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn every_cause_is_on_the_line() {
        let e = Outer(std::io::Error::other("disk full"));
        assert_eq!(error_chain(&e), "storing the file: disk full");
        assert_eq!(error_chain(&std::io::Error::other("alone")), "alone");
    }
}
