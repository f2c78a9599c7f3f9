//! One resident filing a procedure through the HTML pages, as a browser without JavaScript
//! does: the procedure's page, each step (its page, then its form posted with the page's
//! CSRF token), wherever each `303` leads, the check page, "submit" with the check page's
//! idempotency key, and the receipt with the 到達番号.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use madoguchi_forms::Form;
use madoguchi_forms::input::posted_from_data;

use super::browser::{Answer, Browser, input_value};

/// What every resident types: the posted fields of each step, from one of the form's own
/// valid examples (`forms/<id>/examples/valid/`), as the step's inputs name them.
#[derive(Debug, Clone)]
pub struct Answers {
    pub procedure: String,
    pub first_step: String,
    /// Step id → the (name, value) pairs its form posts.
    pub steps: HashMap<String, Vec<(String, String)>>,
}

impl Answers {
    /// The answers of `example` for the form in `forms_dir/<procedure>/form.json`.
    pub fn from_example(
        forms_dir: &Path,
        procedure: &str,
        example: &Path,
    ) -> Result<Answers, String> {
        let path = forms_dir.join(procedure).join("form.json");
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let form = Form::from_json(&path, &text).map_err(|p| format!("{p:?}"))?;
        let (_, data) = madoguchi_forms::examples::read_valid(example)
            .map_err(|p| format!("{}: {p:?}", example.display()))?;
        let first_step = form
            .steps()
            .first()
            .map(|s| s.id.clone())
            .ok_or("the form has no step")?;
        let steps = form
            .steps()
            .iter()
            .map(|s| (s.id.clone(), posted_from_data(s, &data)))
            .collect();
        Ok(Answers {
            procedure: procedure.to_string(),
            first_step,
            steps,
        })
    }
}

/// How long each kind of request took, by the step of the filing it belongs to, in the
/// order a resident meets them.
#[derive(Debug, Default)]
pub struct Timings(pub Vec<(String, Vec<Duration>)>);

impl Timings {
    pub fn add(&mut self, name: &str, took: Duration) {
        match self.0.iter_mut().find(|(n, _)| n == name) {
            Some((_, all)) => all.push(took),
            None => self.0.push((name.to_string(), vec![took])),
        }
    }

    pub fn merge(&mut self, other: Timings) {
        for (name, took) in other.0 {
            match self.0.iter_mut().find(|(n, _)| *n == name) {
                Some((_, all)) => all.extend(took),
                None => self.0.push((name, took)),
            }
        }
    }
}

/// Why a filing stopped before its receipt.
#[derive(Debug)]
pub struct Failed {
    pub at: String,
    pub why: String,
    /// The resident had been given a 到達番号 already (the receipt page failed after).
    pub acknowledged: Option<String>,
}

/// Steps a filing may pass through before its check page (a loop guard).
const MAX_STEPS: usize = 32;

/// Files once as a new visitor; returns the 到達番号 the server gave back.
pub async fn file_once(
    browser: &mut Browser,
    answers: &Answers,
    timings: &mut Timings,
) -> Result<String, Failed> {
    browser.forget();
    let id = &answers.procedure;
    let mut ask = Asker {
        browser,
        timings,
        acknowledged: None,
    };
    let open = ask.get("open /p/{id}", &format!("/p/{id}")).await?;
    let mut path = format!("/p/{id}/{}", answers.first_step);
    if !open.body.contains(&format!("href=\"{path}\"")) {
        return Err(ask.fail("open /p/{id}", "the page does not link the first step"));
    }
    let check = format!("/p/{id}/check");
    for _ in 0..MAX_STEPS {
        if path == check {
            break;
        }
        let step = path.rsplit('/').next().unwrap_or_default().to_string();
        let page = ask.get(&format!("step {step}: page"), &path).await?;
        let csrf = ask.hidden(&page, &format!("step {step}: page"), "csrf_token")?;
        let mut form = vec![("csrf_token".to_string(), csrf)];
        form.extend(answers.steps.get(&step).cloned().unwrap_or_default());
        let saved = ask
            .post(&format!("step {step}: save"), &path, &form)
            .await?;
        path = ask.see_other(saved, &format!("step {step}: save"))?;
    }
    if path != check {
        return Err(ask.fail(
            "check",
            &format!("never reached the check page (last {path})"),
        ));
    }
    let page = ask.get("check page", &check).await?;
    let csrf = ask.hidden(&page, "check page", "csrf_token")?;
    let key = ask.hidden(&page, "check page", "idempotency_key")?;
    let form = [
        ("csrf_token".to_string(), csrf),
        ("idempotency_key".to_string(), key),
    ];
    let submitted = ask
        .post("submit", &format!("/p/{id}/submit"), &form)
        .await?;
    let receipt = ask.see_other(submitted, "submit")?;
    let Some(number) = receipt.strip_prefix("/receipts/").map(str::to_string) else {
        return Err(ask.fail("submit", &format!("led to {receipt}, not a receipt")));
    };
    ask.acknowledged = Some(number.clone());
    let page = ask.get("receipt", &receipt).await?;
    if !page.body.contains(&number) {
        return Err(ask.fail("receipt", "the receipt does not show its 到達番号"));
    }
    Ok(number)
}

/// A filing's requests, each timed under its step's name and checked for its status.
struct Asker<'a> {
    browser: &'a mut Browser,
    timings: &'a mut Timings,
    acknowledged: Option<String>,
}

impl Asker<'_> {
    fn fail(&self, at: &str, why: &str) -> Failed {
        Failed {
            at: at.to_string(),
            why: why.to_string(),
            acknowledged: self.acknowledged.clone(),
        }
    }

    fn timed(&mut self, name: &str, answer: Result<Answer, String>) -> Result<Answer, Failed> {
        let answer = answer.map_err(|e| self.fail(name, &e))?;
        self.timings.add(name, answer.took);
        Ok(answer)
    }

    async fn get(&mut self, name: &str, path: &str) -> Result<Answer, Failed> {
        let answer = self.browser.get(path).await;
        let answer = self.timed(name, answer)?;
        if answer.status != reqwest::StatusCode::OK {
            return Err(self.fail(name, &format!("{path} answered {}", answer.status)));
        }
        Ok(answer)
    }

    async fn post(
        &mut self,
        name: &str,
        path: &str,
        form: &[(String, String)],
    ) -> Result<Answer, Failed> {
        let answer = self.browser.post(path, form).await;
        self.timed(name, answer)
    }

    /// The `303`'s destination; anything else (a page with errors, 422) is a failure.
    fn see_other(&self, answer: Answer, name: &str) -> Result<String, Failed> {
        match (answer.status, answer.location) {
            (reqwest::StatusCode::SEE_OTHER, Some(to)) => Ok(to),
            (status, _) => Err(self.fail(
                name,
                &format!("answered {status}: {}", excerpt(&answer.body)),
            )),
        }
    }

    fn hidden(&self, page: &Answer, name: &str, input: &str) -> Result<String, Failed> {
        input_value(&page.body, input).ok_or_else(|| self.fail(name, &format!("no {input}")))
    }
}

/// The start of an error page's visible text, for the report.
fn excerpt(body: &str) -> String {
    let title = body
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or(body);
    title.chars().take(160).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn repo() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    #[test]
    fn the_answers_are_the_examples_as_each_step_posts_them() {
        let root = repo();
        let answers = Answers::from_example(
            &root.join("forms"),
            "kyufukin-shinsei",
            &root.join("forms/kyufukin-shinsei/examples/valid/confirmation-public-account.json"),
        )
        .unwrap();
        assert_eq!(answers.first_step, "kind");
        let step = |id: &str| answers.steps.get(id).unwrap();
        let has = |id: &str, name: &str, value: &str| {
            step(id).iter().any(|(n, v)| n == name && v == value)
        };
        assert!(has("kind", "form_type", "confirmation"));
        assert!(has("kind", "confirmation_number", "2026-0123456"));
        // A birth date is four inputs in the era calendar (1952 is 昭和27年), month and day
        // as typed; a group is one input per part.
        assert!(has("householder", "householder_birth_date.era", "showa"));
        assert!(has("householder", "householder_birth_date.year", "27"));
        assert!(has("householder", "householder_birth_date.month", "8"));
        assert!(has("householder", "householder_address.town", "榴岡四丁目"));
        // A repeatable group's item, and a ticked box.
        assert!(
            step("household")
                .iter()
                .any(|(n, v)| n.ends_with("._item") && v == "1")
        );
        assert!(has("household", "not_dependent_on_taxed", "true"));
        assert!(has("payment", "payment_account", "public_benefit_account"));
        // What the example does not answer is not posted.
        assert!(!step("kind").iter().any(|(n, _)| n == "application_reason"));
    }
}
