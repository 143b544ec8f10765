//! Outgoing mail: replies to applicants who asked for e-mail, reminders to officers.
//!
//! Mails are queued in the database (`outgoing_mail`) by the request that produces them and
//! sent by the background worker, so a slow or failing mail server never holds up a page and
//! nothing is lost when it is down: unsent mail is retried and its error shown on the case.

use std::sync::{Arc, Mutex};

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How to send mail.
#[derive(Debug, Clone, Default)]
pub struct MailSettings {
    /// `smtp://user:password@host:587` (STARTTLS) or `smtps://…:465`; `None` keeps mail queued.
    pub smtp_url: Option<String>,
    /// The sender, e.g. `温州市政务公开办 <xxgk@example.gov.cn>`.
    pub from: String,
    /// Keep sent mail in memory instead (tests).
    pub in_memory: bool,
}

impl MailSettings {
    pub fn in_memory() -> MailSettings {
        MailSettings { smtp_url: None, from: "gongkai <noreply@localhost>".into(), in_memory: true }
    }
}

/// A mail as it was handed to the transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentMail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Memory(Arc<Mutex<Vec<SentMail>>>),
    /// No mail server configured: mail stays queued, marked as not sent.
    Off(String),
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> Mailer {
        if settings.in_memory {
            return Mailer::Memory(Arc::default());
        }
        let Some(url) = &settings.smtp_url else {
            return Mailer::Off("未配置发件服务器（GONGKAI_SMTP_URL）".into());
        };
        let from = match settings.from.parse::<Mailbox>() {
            Ok(f) => f,
            Err(e) => return Mailer::Off(format!("发件人地址“{}”不正确：{e}", settings.from)),
        };
        match AsyncSmtpTransport::<Tokio1Executor>::from_url(url) {
            Ok(b) => Mailer::Smtp { transport: b.build(), from },
            Err(e) => Mailer::Off(format!("发件服务器地址不正确：{e}")),
        }
    }

    /// Sends one mail; the error, if any, is kept with the queued mail.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        match self {
            Mailer::Memory(sent) => {
                sent.lock().expect("mail lock").push(SentMail {
                    to: to.into(),
                    subject: subject.into(),
                    body: body.into(),
                });
                Ok(())
            }
            Mailer::Off(why) => Err(why.clone()),
            Mailer::Smtp { transport, from } => {
                let to: Mailbox = to.parse().map_err(|e| format!("收件地址不正确：{e}"))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(subject)
                    .header(ContentType::TEXT_PLAIN)
                    .body(body.to_string())
                    .map_err(|e| e.to_string())?;
                transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
            }
        }
    }

    /// What an in-memory mailer has sent (tests).
    pub fn sent(&self) -> Vec<SentMail> {
        match self {
            Mailer::Memory(sent) => sent.lock().expect("mail lock").clone(),
            _ => Vec::new(),
        }
    }
}

/// Sends what is queued; called by the worker.
pub async fn deliver(state: &crate::AppState) -> Result<usize, gongkai_store::StoreError> {
    // Without a mail server the queue is left as it is; the case page shows what waits.
    if matches!(state.mailer(), Mailer::Off(_)) {
        return Ok(0);
    }
    let mut sent = 0;
    for m in gongkai_store::cases::pending_mail(state.db()).await? {
        let result = state.mailer().send(&m.recipient, &m.subject, &m.body).await;
        if result.is_ok() {
            sent += 1;
        } else if let Err(e) = &result {
            tracing::warn!(mail = m.id, error = %e, "mail not sent");
        }
        gongkai_store::cases::mail_done(state.db(), m.id, result.err().as_deref()).await?;
    }
    Ok(sent)
}
