//! Answers another system checks (`x-external-check`: a library card's number and
//! password, checked by the library's own system).
//!
//! The answers the form names are POSTed as JSON to the system the city's operator
//! configured (`AppConfig::external_checks`), with its bearer secret and a bounded wait;
//! it answers `{"ok": true}` or `{"ok": false, "reason": "…"}`. The secret is read here and
//! nowhere else: the caller drops it before anything is stored, hashed or logged. A draft
//! keeps a [`CheckMark`] instead (the system, when, and a digest of the other answers it
//! checked), which a filing must carry. An unreachable system is never a pass. Refusals
//! are counted like sign-in failures (`App::begin_guess`): per card (the answers sent but
//! the secret) from the client, per card, and per client, so one client cannot pause a
//! card's check for its owner.

use std::time::Duration;

use madoguchi_forms::registry::ExternalCheck;
use madoguchi_forms::{FieldError, Form, FormErrorCode};
use serde::Deserialize;
use serde_json::Value;

use super::Filing;
use crate::kernel::AppError;
use crate::kernel::throttle::GuessLimits;
use crate::submission::check_mark::{CheckMark, answers_digest, error_of};
pub(crate) use crate::submission::check_mark::{check_needed, mark_holds};

/// How long the system has to answer (connecting included).
const ANSWER_WITHIN: Duration = Duration::from_secs(5);

/// The most of an answer read: `{"ok": false, "reason": "…"}` is a few dozen bytes, and a
/// system that sends more (a misconfigured address serving a page) must not fill memory.
const MAX_ANSWER_BYTES: u64 = 4 * 1024;

/// The most of the system's reason written to the log (it is the system's text, not ours).
const MAX_REASON_CHARS: usize = 200;

/// Refusals in `THROTTLE_WINDOW` before the check pauses: 5 of one card from one address,
/// 30 of one card from all addresses, 50 from one address over every card.
const REFUSAL_LIMITS: GuessLimits = GuessLimits {
    per_client: 5,
    per_thing: 30,
    per_address: 50,
};

/// What the system said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// It checked and accepted the answers: the mark to keep in the draft.
    Passed(CheckMark),
    /// Not passed: the error to show on the form's `error_field` (refused, unreachable,
    /// paused).
    Failed(FieldError),
}

#[derive(Deserialize)]
struct Answer {
    ok: bool,
    #[serde(default)]
    reason: Option<String>,
}

impl Filing<'_> {
    /// Sends the answers `form`'s check names (the secret included) from `data` to the
    /// system configured for the city. `None` when the form has no check.
    pub(crate) fn external_check(
        &self,
        form: &Form,
        data: &Value,
        address: &str,
    ) -> Result<Option<Verdict>, AppError> {
        let Some(check) = form.external_check() else {
            return Ok(None);
        };
        let card = answers_digest(form, check, data);
        let Some(attempt) =
            self.app
                .begin_guess(self.city, "external-check", &card, address, REFUSAL_LIMITS)?
        else {
            tracing::warn!(system = %check.system, "external check paused after refusals");
            return Ok(Some(Verdict::Failed(error_of(
                check,
                FormErrorCode::ExternalCheckPaused,
            ))));
        };
        let asked = self.ask_system(check, &Value::Object(check.payload(data)));
        let verdict = match asked {
            Ok(answer) if answer.ok => {
                self.app.attempt_succeeded(attempt)?;
                Verdict::Passed(CheckMark {
                    system: check.system.clone(),
                    checked_at: self.app.now(),
                    answers: card,
                })
            }
            Ok(answer) => {
                // The reason is the system's word for the operator; the resident reads ours.
                let reason: String = answer
                    .reason
                    .as_deref()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(MAX_REASON_CHARS)
                    .collect();
                tracing::info!(system = %check.system, reason = %reason, "external check refused");
                // A refusal stays counted.
                drop(attempt);
                Verdict::Failed(error_of(check, FormErrorCode::ExternalCheckRefused))
            }
            Err(why) => {
                tracing::warn!(system = %check.system, error = %why, "external check unreachable");
                // Not the resident's failure: it does not count towards the pause.
                self.app.attempt_succeeded(attempt)?;
                Verdict::Failed(error_of(check, FormErrorCode::ExternalCheckUnavailable))
            }
        };
        Ok(Some(verdict))
    }

    /// One POST to the system; any answer but a 200 with `{"ok": …}` is an error. The
    /// body (with the secret) is never logged.
    fn ask_system(&self, check: &ExternalCheck, body: &Value) -> Result<Answer, String> {
        let endpoint = self
            .app
            .config
            .external_checks
            .get(&(self.city.clone(), check.system.clone()))
            .ok_or_else(|| format!("no {} system configured for {}", check.system, self.city))?;
        // Built and dropped on this (blocking) thread: reqwest's blocking client must not
        // live inside the async runtime.
        let client = reqwest::blocking::Client::builder()
            .timeout(ANSWER_WITHIN)
            .connect_timeout(ANSWER_WITHIN)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("madoguchi-checks/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("client: {e}"))?;
        let response = client
            .post(&endpoint.url)
            .bearer_auth(&endpoint.token)
            .json(body)
            .send()
            .map_err(|e| format!("request: {}", e.without_url()))?;
        if response.status() != reqwest::StatusCode::OK {
            return Err(format!("answered {}", response.status()));
        }
        read_answer(response)
    }
}

/// The answer's body, at most [`MAX_ANSWER_BYTES`] (a longer one is an error, not read
/// further), as `{"ok": …}`.
fn read_answer(response: impl std::io::Read) -> Result<Answer, String> {
    use std::io::Read as _;
    let mut body = Vec::new();
    response
        .take(MAX_ANSWER_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| format!("answer: {e}"))?;
    if body.len() as u64 > MAX_ANSWER_BYTES {
        return Err(format!("answer longer than {MAX_ANSWER_BYTES} bytes"));
    }
    serde_json::from_slice(&body).map_err(|e| format!("answer: {e}"))
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    #[test]
    fn an_answer_is_read_only_up_to_its_bound() {
        let ok = read_answer(&br#"{"ok": true}"#[..]).map(|a| a.ok);
        assert_eq!(ok, Ok(true));
        let refused = read_answer(&br#"{"ok": false, "reason": "card_or_password"}"#[..]);
        assert_eq!(refused.map(|a| a.ok), Ok(false));
        // A huge body (a page, an endless stream) is refused after the bound, never a pass.
        let huge = std::io::repeat(b' ').take(10 * MAX_ANSWER_BYTES);
        let refused = read_answer(huge);
        assert!(refused.is_err_and(|e| e.contains("longer than")));
        assert!(read_answer(&b"<html>ok</html>"[..]).is_err());
    }
}
