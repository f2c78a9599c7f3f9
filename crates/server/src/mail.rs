//! Real mail transports behind `madoguchi_app::notification::Mailer`.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, MultiPart};
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
    // Plain text first (what every client shows), the same words as HTML after it.
    let text = MultiPart::alternative_plain_html(
        mail.body.clone(),
        madoguchi_app::notification::html_version(&mail.subject, &mail.body),
    );
    let body = match &mail.calendar {
        None => text,
        // A booking's calendar entry rides along as `invite.ics`, its iTIP method (REQUEST
        // or CANCEL) in the content type, as calendars expect it.
        Some(ics) => {
            let method = if ics.contains("\r\nMETHOD:CANCEL\r\n") {
                "CANCEL"
            } else {
                "REQUEST"
            };
            let kind =
                ContentType::parse(&format!("text/calendar; charset=UTF-8; method={method}"))
                    .map_err(|e| MailError::Permanent(format!("calendar type: {e}")))?;
            MultiPart::mixed()
                .multipart(text)
                .singlepart(Attachment::new("invite.ics".into()).body(ics.clone(), kind))
        }
    };
    Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(mail.message_id.clone()))
        .multipart(body)
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::time::Duration;

    use chrono::NaiveDateTime;
    use madoguchi_app::notification::{Mailer, OutgoingMail};
    use madoguchi_bookings::ical::{EventStatus, Invitation, Method, calendar};
    use madoguchi_testkit::SmtpSink;
    use madoguchi_testkit::calendar::read_invite;

    use super::SmtpMailer;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn booking_mail(method: Method, sequence: u32) -> OutgoingMail {
        let ics = calendar(&Invitation {
            uid: "booking-0193@sendai.example.jp",
            sequence,
            method,
            status: match method {
                Method::Request => EventStatus::Confirmed,
                Method::Cancel => EventStatus::Cancelled,
            },
            starts: at("2026-12-01 00:00"),
            ends: at("2026-12-01 00:30"),
            stamp: at("2026-11-20 01:00"),
            summary: "青葉区役所 マイナンバーカード窓口",
            location: "青葉区役所 1階 市民課",
            description: "到達番号 2026-0001234",
            url: None,
            organizer: ("仙台市", "noreply@sendai.example.jp"),
            attendee: "hanako@example.jp",
            alarm_before: Some(chrono::Duration::days(1)),
        });
        OutgoingMail {
            from: "仙台市 <noreply@sendai.example.jp>".into(),
            to: "hanako@example.jp".into(),
            subject: "【仙台市】予約のお知らせ".into(),
            body: "次のとおり予約しました。".into(),
            message_id: format!("<{sequence}-{}@sendai.example.jp>", method.as_str()),
            calendar: Some(ics),
        }
    }

    #[test]
    fn a_booking_mail_carries_its_calendar_entry_as_an_itip_attachment() {
        let sink = SmtpSink::start();
        let mailer = SmtpMailer::plain("127.0.0.1", sink.port());
        mailer.send(&booking_mail(Method::Request, 0)).unwrap();
        mailer.send(&booking_mail(Method::Cancel, 1)).unwrap();
        let got = sink.wait_for(2, Duration::from_secs(20));
        assert_eq!(got.len(), 2);
        // The words as before, and the entry as `invite.ics` with its iTIP method.
        assert!(
            got[0].text().contains("次のとおり予約しました。"),
            "{}",
            got[0].data
        );
        assert!(got[0].data.contains("invite.ics"), "{}", got[0].data);
        let (kind, ics) = got[0].part("text/calendar").expect("a calendar part");
        assert!(kind.contains("method=REQUEST"), "{kind}");
        let request = read_invite(&ics);
        assert_eq!(
            (
                request.method.as_str(),
                request.sequence,
                request.start.as_str()
            ),
            ("REQUEST", 0, "20261201T000000Z")
        );
        assert_eq!(request.summary, "青葉区役所 マイナンバーカード窓口");
        let (kind, ics) = got[1].part("text/calendar").expect("a calendar part");
        assert!(kind.contains("method=CANCEL"), "{kind}");
        let cancel = read_invite(&ics);
        assert_eq!(
            (cancel.method.as_str(), cancel.uid.as_str(), cancel.sequence),
            ("CANCEL", request.uid.as_str(), 1)
        );
        // A mail without one is the plain alternative, as before.
        let mut plain = booking_mail(Method::Request, 2);
        plain.calendar = None;
        mailer.send(&plain).unwrap();
        let got = sink.wait_for(3, Duration::from_secs(20));
        assert!(got[2].part("text/calendar").is_none());
        assert!(
            got[2]
                .data
                .to_ascii_lowercase()
                .contains("multipart/alternative")
        );
    }
}
