//! A mail transport that keeps what it is given, failing on command.

use std::collections::VecDeque;
use std::sync::Mutex;

use madoguchi_app::{notification::MailError, notification::Mailer, notification::OutgoingMail};

/// Records every message it is asked to send; answers from a script first (to test
/// retries and refusals), then accepts everything.
#[derive(Debug, Default)]
pub struct RecordingMailer {
    sent: Mutex<Vec<OutgoingMail>>,
    script: Mutex<VecDeque<Result<(), MailError>>>,
}

impl RecordingMailer {
    pub fn new() -> RecordingMailer {
        RecordingMailer::default()
    }

    /// Answers the next sends with `outcomes`, in order, then accepts.
    pub fn answering(outcomes: impl IntoIterator<Item = Result<(), MailError>>) -> RecordingMailer {
        let mailer = RecordingMailer::default();
        mailer.answer_next(outcomes);
        mailer
    }

    /// Adds outcomes for the next sends.
    pub fn answer_next(&self, outcomes: impl IntoIterator<Item = Result<(), MailError>>) {
        self.script.lock().expect("script").extend(outcomes);
    }

    /// Every message handed over so far, accepted or not, in order.
    pub fn sent(&self) -> Vec<OutgoingMail> {
        self.sent.lock().expect("sent").clone()
    }

    /// The messages handed over for one address.
    pub fn sent_to(&self, to: &str) -> Vec<OutgoingMail> {
        self.sent().into_iter().filter(|m| m.to == to).collect()
    }
}

impl Mailer for RecordingMailer {
    fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        self.sent.lock().expect("sent").push(mail.clone());
        self.script
            .lock()
            .expect("script")
            .pop_front()
            .unwrap_or(Ok(()))
    }
}
