//! `[worker]`: where the background lanes run.

use serde::Deserialize;

use crate::StartError;

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkerSettings {
    /// `serve` runs the shared lanes (mail, webhooks, payments, reminders, retention) in
    /// its own process. Set false when `madoguchi worker` processes run them.
    pub in_process: bool,
    /// Where `madoguchi worker` answers `/healthz`, `/readyz` and `/metrics` (its jobs' runs
    /// and errors, its pool, the queues), e.g. `127.0.0.1:9187`. Empty (the default): it
    /// listens nowhere. `/metrics` takes the `[metrics] token` as `serve`'s does.
    pub listen: String,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            in_process: true,
            listen: String::new(),
        }
    }
}

/// Each key of `[worker]` and its environment variable (a test checks that
/// deploy/config.example.toml and docs/operations.md name them all).
pub const WORKER_KEYS: [(&str, &str); 2] = [
    ("in_process", "MADOGUCHI_WORKER_IN_PROCESS"),
    ("listen", "MADOGUCHI_WORKER_LISTEN"),
];

impl WorkerSettings {
    /// Applies the `MADOGUCHI_WORKER_*` overrides read through `get`.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<(), StartError> {
        if let Some(v) = get("MADOGUCHI_WORKER_IN_PROCESS") {
            self.in_process = match v.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => true,
                "0" | "false" | "no" | "off" => false,
                _ => {
                    return Err(StartError::Config(format!(
                        "MADOGUCHI_WORKER_IN_PROCESS={v} is not valid: true or false (worker.in_process)"
                    )));
                }
            };
        }
        if let Some(v) = get("MADOGUCHI_WORKER_LISTEN") {
            self.listen = v.trim().to_string();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_can_take_the_lanes_out_of_serve() {
        let mut s = WorkerSettings::default();
        assert!(s.in_process, "serve runs its lanes unless told otherwise");
        s.apply_env(|k| (k == "MADOGUCHI_WORKER_IN_PROCESS").then(|| "false".into()))
            .unwrap();
        assert!(!s.in_process);
        let refused = s
            .apply_env(|k| (k == "MADOGUCHI_WORKER_IN_PROCESS").then(|| "maybe".into()))
            .unwrap_err();
        assert!(
            refused.to_string().contains("worker.in_process"),
            "{refused}"
        );
    }

    #[test]
    fn the_example_and_the_operations_guide_name_every_key() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let example =
            std::fs::read_to_string(format!("{root}/deploy/config.example.toml")).unwrap();
        let operations = std::fs::read_to_string(format!("{root}/docs/operations.md")).unwrap();
        let table = &example[example
            .find("\n[worker]")
            .expect("the example has a [worker] table")
            + 1..];
        let table = &table[..table[1..].find("\n[").map_or(table.len(), |end| end + 1)];
        for (key, var) in WORKER_KEYS {
            assert!(
                table.contains(&format!("{key} = ")),
                "the example's [worker] table sets {key}"
            );
            assert!(example.contains(var), "the example names {var}");
            assert!(
                operations.contains(&format!("worker.{key}")) && operations.contains(var),
                "docs/operations.md explains worker.{key} ({var})"
            );
        }
    }
}
