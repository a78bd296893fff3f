//! Sends the e-mail that use cases queue (`store::jobs::MAIL` rows written in the transaction of
//! the change they announce): a worker started by [`crate::serve`] claims due mail, hands it
//! to the SMTP server, and retries failures with backoff ([`Retry::MAIL`]). Mail is sent at
//! least once: a worker that dies mid-send leaves its lease to run out and the mail goes again.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use store::jobs::{Job, MAIL, Mail, Retry};
use store::{Store, StoreError, now_ms};
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use crate::AppState;
use crate::config::{SmtpConfig, SmtpSecurity};

/// Mail claimed per round: small, so a lease (below) comfortably covers a slow server.
const BATCH: i64 = 10;
/// How long a claimed mail is ours; longer than a batch can take at [`SEND_TIMEOUT`] each.
const LEASE_MS: i64 = 5 * 60 * 1000;
/// Mail queued without a [`Outbox::wake`] still leaves within this.
const POLL: Duration = Duration::from_secs(5);
const SEND_TIMEOUT: Duration = Duration::from_secs(20);
/// How long shutdown waits for the mail being sent before abandoning it to its lease.
const STOP_GRACE: Duration = Duration::from_secs(30);

/// The handle handlers use to tell the mail worker there is new mail, after their commit.
#[derive(Clone, Debug, Default)]
pub struct Outbox {
    notify: Arc<Notify>,
}

impl Outbox {
    /// Sends queued mail now instead of at the next poll. Harmless without a worker; a wake
    /// while the worker is busy is remembered, so mail committed meanwhile is not left waiting.
    pub fn wake(&self) {
        self.notify.notify_one();
    }
}

/// Sends the mail that is due now, without a worker; returns how many were delivered.
pub async fn run_once(state: &AppState) -> usize {
    let Some(postman) = postman(state) else {
        return 0;
    };
    let mut sent = 0;
    loop {
        match postman.deliver_batch(&state.store).await {
            Ok(round) => {
                sent += round.sent;
                if round.claimed < BATCH {
                    return sent;
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "could not read the mail queue");
                return sent;
            }
        }
    }
}

/// The running worker; [`Worker::stop`] ends it.
pub(crate) struct Worker {
    stop: watch::Sender<bool>,
    handle: JoinHandle<()>,
}

/// Starts the mail worker when SMTP is configured.
pub(crate) fn start(state: &AppState) -> Option<Worker> {
    let postman = postman(state)?;
    if let Some(smtp) = &state.config.smtp {
        tracing::info!(host = %smtp.host, port = smtp.port, security = ?smtp.security, "mail worker started");
    }
    let (stop, stopped) = watch::channel(false);
    let handle = tokio::spawn(work(state.clone(), postman, stopped));
    Some(Worker { stop, handle })
}

impl Worker {
    /// Lets the mail being sent finish (within [`STOP_GRACE`]), then ends the worker.
    pub(crate) async fn stop(self) {
        let Worker { stop, mut handle } = self;
        let _ = stop.send(true);
        if tokio::time::timeout(STOP_GRACE, &mut handle).await.is_err() {
            tracing::warn!("mail worker did not stop in time; its mail will be retried");
            handle.abort();
        }
    }
}

async fn work(state: AppState, postman: Postman, mut stopped: watch::Receiver<bool>) {
    loop {
        while !*stopped.borrow() {
            match postman.deliver_batch(&state.store).await {
                Ok(round) if round.claimed == BATCH => continue,
                Ok(_) => break,
                Err(e) => {
                    tracing::error!(error = %e, "could not read the mail queue");
                    break;
                }
            }
        }
        // A dropped sender (the server's future dropped without shutdown) also means stop.
        let stop = tokio::select! {
            changed = stopped.changed() => changed.is_err() || *stopped.borrow(),
            () = state.mail.notify.notified() => false,
            () = tokio::time::sleep(POLL) => false,
        };
        if stop {
            tracing::info!("mail worker stopped");
            return;
        }
    }
}

fn postman(state: &AppState) -> Option<Postman> {
    let smtp = state.config.smtp.as_ref()?;
    match Postman::new(smtp) {
        Ok(postman) => Some(postman),
        Err(e) => {
            tracing::error!(error = %e, host = %smtp.host, "mail is configured but cannot be sent");
            None
        }
    }
}

/// What became of one mail.
enum Outcome {
    Sent,
    /// Worth trying again later (server down, busy, or a 4xx reply).
    Retry(String),
    /// Will never go (not a mail, a bad address, a 5xx reply).
    GiveUp(String),
}

struct Round {
    claimed: i64,
    sent: usize,
}

struct Postman {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Postman {
    fn new(smtp: &SmtpConfig) -> Result<Postman, String> {
        let from = smtp.sender().map_err(|e| e.to_string())?;
        let builder = match smtp.security {
            SmtpSecurity::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
            }
            SmtpSecurity::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
                    .map_err(|e| e.to_string())?
            }
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)
                .map_err(|e| e.to_string())?,
        };
        let mut builder = builder.port(smtp.port).timeout(Some(SEND_TIMEOUT));
        if let Some(username) = &smtp.username {
            let password = smtp.password.as_ref().map_or("", |p| p.expose());
            builder = builder.credentials(Credentials::new(username.clone(), password.into()));
        }
        Ok(Postman {
            transport: builder.build(),
            from,
        })
    }

    async fn deliver_batch(&self, store: &Store) -> Result<Round, StoreError> {
        let jobs = store.claim_due(MAIL, BATCH, LEASE_MS).await?;
        let claimed = i64::try_from(jobs.len()).unwrap_or(BATCH);
        let mut sent = 0;
        for job in jobs {
            let outcome = self.deliver(&job).await;
            if matches!(outcome, Outcome::Sent) {
                sent += 1;
            }
            if let Err(e) = record(store, &job, outcome).await {
                tracing::error!(job = %job.id, error = %e, "could not record the mail's outcome");
            }
        }
        Ok(Round { claimed, sent })
    }

    async fn deliver(&self, job: &Job) -> Outcome {
        let mail: Mail = match serde_json::from_value(job.payload.clone()) {
            Ok(mail) => mail,
            Err(e) => return Outcome::GiveUp(format!("the job is not a mail: {e}")),
        };
        let to: Mailbox = match mail.to.parse() {
            Ok(to) => to,
            Err(e) => return Outcome::GiveUp(format!("bad recipient address: {e}")),
        };
        let message = match Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body)
        {
            Ok(message) => message,
            Err(e) => return Outcome::GiveUp(format!("the mail cannot be built: {e}")),
        };
        match self.transport.send(message).await {
            Ok(_) => Outcome::Sent,
            Err(e) if e.is_permanent() => Outcome::GiveUp(e.to_string()),
            Err(e) => Outcome::Retry(e.to_string()),
        }
    }
}

async fn record(store: &Store, job: &Job, outcome: Outcome) -> Result<(), StoreError> {
    match outcome {
        Outcome::Sent => {
            tracing::info!(job = %job.id, "mail sent");
            store.complete(&job.id).await
        }
        Outcome::Retry(error) => {
            let retry_at = Retry::MAIL.after_failure(job.attempts, now_ms());
            match retry_at {
                Some(at) => {
                    tracing::warn!(job = %job.id, attempts = job.attempts + 1, %error, retry_in_ms = at - now_ms(), "mail not sent; will retry")
                }
                None => {
                    tracing::error!(job = %job.id, attempts = job.attempts + 1, %error, "mail not sent; giving up")
                }
            }
            store.fail(&job.id, &error, retry_at).await
        }
        Outcome::GiveUp(error) => {
            tracing::error!(job = %job.id, %error, "mail cannot be sent; giving up");
            store.fail(&job.id, &error, None).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn smtp(security: SmtpSecurity) -> SmtpConfig {
        SmtpConfig {
            host: "smtp.example.go.th".into(),
            username: Some("thaipa".into()),
            password: Some(crate::config::Password::new("secret")),
            security,
            ..SmtpConfig::default()
        }
    }

    #[test]
    fn a_transport_is_built_for_every_kind_of_security() {
        for security in [
            SmtpSecurity::None,
            SmtpSecurity::Starttls,
            SmtpSecurity::Tls,
        ] {
            let postman = Postman::new(&smtp(security));
            assert!(postman.is_ok(), "{security:?}: {:?}", postman.err());
        }
    }

    #[test]
    fn a_bad_sender_is_refused_before_any_mail_is_claimed() {
        let config = SmtpConfig {
            from: "ThaiPA".into(),
            ..smtp(SmtpSecurity::None)
        };
        assert!(Postman::new(&config).is_err());
    }
}
