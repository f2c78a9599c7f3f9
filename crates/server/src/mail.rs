//! Real mail transports behind `madoguchi_app::notification::Mailer`.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::MultiPart;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};
use madoguchi_app::{notification::MailError, notification::Mailer, notification::OutgoingMail};

use crate::{Settings, StartError};

/// The transport the settings ask for: SMTP when `[smtp]` is set, otherwise `.eml` files
/// under `data_dir/mail` (so a laptop demo needs no mail server and loses nothing).
pub fn from_settings(settings: &Settings) -> Result<Box<dyn Mailer>, StartError> {
    match &settings.smtp {
        Some(smtp) => {
            let builder = match smtp.tls.as_str() {
                "none" => SmtpTransport::builder_dangerous(&smtp.host),
                "starttls" => SmtpTransport::starttls_relay(&smtp.host)
                    .map_err(|e| StartError::Config(format!("SMTP {}: {e}", smtp.host)))?,
                "tls" => SmtpTransport::relay(&smtp.host)
                    .map_err(|e| StartError::Config(format!("SMTP {}: {e}", smtp.host)))?,
                other => {
                    return Err(StartError::Config(format!(
                        "smtp.tls must be none, starttls or tls, not {other}"
                    )));
                }
            };
            let mut builder = builder
                .port(smtp.port)
                .timeout(Some(Duration::from_secs(smtp.timeout_seconds)));
            if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
                builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
            }
            Ok(Box::new(SmtpMailer {
                transport: builder.build(),
            }))
        }
        None => Ok(Box::new(FileMailer {
            dir: settings.data_dir.join("mail"),
        })),
    }
}

fn build_message(mail: &OutgoingMail) -> Result<Message, MailError> {
    let from = mail
        .from
        .parse()
        .map_err(|e| MailError::Permanent(format!("sender address: {e}")))?;
    let to = mail
        .to
        .parse()
        .map_err(|e| MailError::Permanent(format!("recipient address: {e}")))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(mail.message_id.clone()))
        // Plain text first (what every client shows), the same words as HTML after it.
        .multipart(MultiPart::alternative_plain_html(
            mail.body.clone(),
            madoguchi_app::notification::html_version(&mail.subject, &mail.body),
        ))
        .map_err(|e| MailError::Permanent(format!("message: {e}")))
}

/// SMTP through lettre; one RCPT per message (a notice never goes to several residents).
pub struct SmtpMailer {
    transport: SmtpTransport,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SmtpMailer")
    }
}

impl SmtpMailer {
    pub fn plain(host: &str, port: u16) -> Self {
        SmtpMailer {
            transport: SmtpTransport::builder_dangerous(host)
                .port(port)
                .timeout(Some(Duration::from_secs(10)))
                .build(),
        }
    }
}

impl Mailer for SmtpMailer {
    fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        let message = build_message(mail)?;
        self.transport.send(&message).map(|_| ()).map_err(|e| {
            // 5xx replies will not get better; connection trouble and 4xx might.
            if e.is_permanent() {
                MailError::Permanent(e.to_string())
            } else {
                MailError::Temporary(e.to_string())
            }
        })
    }
}

/// Writes each message as an `.eml` file (for demos and development).
#[derive(Debug)]
pub struct FileMailer {
    dir: PathBuf,
}

impl Mailer for FileMailer {
    fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        let message = build_message(mail)?;
        std::fs::create_dir_all(&self.dir).map_err(|e| MailError::Temporary(e.to_string()))?;
        let name: String = mail
            .message_id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        std::fs::write(self.dir.join(format!("{name}.eml")), message.formatted())
            .map_err(|e| MailError::Temporary(e.to_string()))
    }
}
