//! Queued mail against a real SMTP server: Python's aiosmtpd, started by each test on its own
//! port (`tests/it/support/smtp_sink.py`), which decodes what it receives with Python's e-mail
//! parser. Without python3 and aiosmtpd these tests fail with a message saying so.

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use store::Store;
use store::jobs::{MAIL, Mail};
use tokio::sync::oneshot;
use web::config::{SmtpConfig, SmtpSecurity};
use web::{AppState, Config};

/// An aiosmtpd process writing each received message, decoded, to a folder.
struct SmtpSink {
    port: u16,
    child: Child,
    dir: tempfile::TempDir,
}

impl SmtpSink {
    fn start_on(port: u16) -> SmtpSink {
        let dir = tempfile::tempdir().expect("temporary folder");
        let messages = dir.path().join("messages");
        std::fs::create_dir(&messages).expect("messages folder");
        let log = dir.path().join("stderr.log");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(&script)
            .arg(port.to_string())
            .arg(&messages)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "the mail tests need python3 with aiosmtpd (scripts/test.sh installs it): \
                     cannot run python3: {e}"
                )
            });
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        if line.trim() != "ready" {
            let status = child.wait().ok();
            let stderr = std::fs::read_to_string(&log).unwrap_or_default();
            panic!(
                "the SMTP test server did not start (exit {status:?}); the mail tests need \
                 python3 with aiosmtpd (scripts/test.sh installs it):\n{stderr}"
            );
        }
        SmtpSink { port, child, dir }
    }

    /// The messages received so far, oldest first.
    fn received(&self) -> Vec<Value> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path().join("messages"))
            .expect("messages folder")
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).expect("message file");
                serde_json::from_str(&text).expect("message JSON")
            })
            .collect()
    }

    async fn wait_for(&self, count: usize, within: Duration) -> Vec<Value> {
        let deadline = Instant::now() + within;
        loop {
            let received = self.received();
            if received.len() >= count || Instant::now() > deadline {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on (yet).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

fn mail_config(port: u16) -> Config {
    Config {
        smtp: Some(SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            security: SmtpSecurity::None,
            from: "ระบบ ThaiPA <noreply@thaipa.test>".into(),
            ..SmtpConfig::default()
        }),
        ..common::test_config()
    }
}

fn somsri_mail() -> Mail {
    Mail {
        to: "somsri@example.org".into(),
        subject: "ข้อตกลงในการพัฒนางาน (PA) ปีงบประมาณ 2568 ได้รับการอนุมัติแล้ว".into(),
        body: "เรียน นางสมศรี ใจดี\n\nผู้อำนวยการโรงเรียนบ้านหนองกุลาอนุมัติข้อตกลงของท่านแล้ว\n\
               ดูรายละเอียดได้ที่ http://127.0.0.1:8080/agreements/1\n"
            .into(),
    }
}

/// The field of a received message, as text.
fn field<'a>(message: &'a Value, name: &str) -> &'a str {
    message[name].as_str().unwrap_or_default()
}

async fn wait_until_sent(store: &Store) -> i64 {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let pending = store.pending_jobs(MAIL).await.expect("pending");
        if pending == 0 || Instant::now() > deadline {
            return pending;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_queued_mail_is_delivered_to_its_recipient_with_its_thai_subject_and_body_intact() {
    let sink = SmtpSink::start_on(free_port());
    let (store, _db) = store::testing::sqlite().await;
    let state = AppState::new(store.clone(), mail_config(sink.port));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(web::serve(listener, state.clone(), async move {
        let _ = stopped.await;
    }));

    store.enqueue_mail(&somsri_mail()).await.expect("enqueue");
    state.mail.wake();
    let received = sink.wait_for(1, Duration::from_secs(20)).await;

    assert_eq!(received.len(), 1, "one message: {received:?}");
    let message = &received[0];
    assert_eq!(
        message["rcpt_tos"],
        serde_json::json!(["somsri@example.org"])
    );
    assert_eq!(field(message, "mail_from"), "noreply@thaipa.test");
    assert_eq!(field(message, "to"), "somsri@example.org");
    assert_eq!(field(message, "from"), "ระบบ ThaiPA <noreply@thaipa.test>");
    assert_eq!(field(message, "subject"), somsri_mail().subject);
    assert_eq!(field(message, "content_type"), "text/plain");
    assert_eq!(field(message, "charset"), "utf-8");
    assert_eq!(
        field(message, "body").replace("\r\n", "\n"),
        somsri_mail().body
    );
    assert!(
        !field(message, "raw").contains('\u{FFFD}'),
        "the Thai text travels MIME-encoded in 7-bit ASCII: {}",
        field(message, "raw")
    );
    assert_eq!(wait_until_sent(&store).await, 0, "the job is completed");

    let _ = stop.send(());
    let stopped_in_time = tokio::time::timeout(Duration::from_secs(10), server).await;
    assert!(
        matches!(stopped_in_time, Ok(Ok(Ok(())))),
        "the server and its mail worker stop on shutdown: {stopped_in_time:?}"
    );
}

#[tokio::test]
async fn a_mail_queued_while_the_smtp_server_is_down_waits_and_goes_once_the_server_is_back_and_its_retry_time_passes()
 {
    let port = free_port();
    let (store, _db) = store::testing::sqlite().await;
    let state = AppState::new(store.clone(), mail_config(port));
    store.enqueue_mail(&somsri_mail()).await.expect("enqueue");
    let before = store::now_ms();

    let sent_while_down = web::mail::run_once(&state).await;

    assert_eq!(sent_while_down, 0);
    assert_eq!(store.pending_jobs(MAIL).await.expect("pending"), 1);
    let job = store.job_statuses(MAIL).await.expect("jobs").remove(0);
    assert_eq!(job.attempts, 1);
    assert!(job.done_at.is_none(), "still queued: {job:?}");
    assert!(job.locked_until.is_none(), "not leased: {job:?}");
    assert!(
        job.last_error.as_deref().is_some_and(|e| !e.is_empty()),
        "{job:?}"
    );
    assert!(
        job.run_after >= before + 30_000,
        "retried after the backoff: {job:?}"
    );

    let sink = SmtpSink::start_on(port);
    assert_eq!(
        web::mail::run_once(&state).await,
        0,
        "not before its retry time"
    );
    assert!(sink.received().is_empty());

    store
        .retry_now(&job.id)
        .await
        .expect("the retry time passes");
    let sent_when_due = web::mail::run_once(&state).await;

    assert_eq!(sent_when_due, 1);
    let received = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(field(&received[0], "subject"), somsri_mail().subject);
    assert_eq!(store.pending_jobs(MAIL).await.expect("pending"), 0);
    let job = store.job_statuses(MAIL).await.expect("jobs").remove(0);
    assert!(job.done_at.is_some(), "{job:?}");
    assert_eq!(job.attempts, 1);
}

#[tokio::test]
async fn a_mail_to_a_malformed_address_is_given_up_at_once_and_the_rest_still_go() {
    let sink = SmtpSink::start_on(free_port());
    let (store, _db) = store::testing::sqlite().await;
    let state = AppState::new(store.clone(), mail_config(sink.port));
    let broken = Mail {
        to: "สมศรี ไม่มีอีเมล".into(),
        ..somsri_mail()
    };
    store.enqueue_mail(&broken).await.expect("enqueue");
    store.enqueue_mail(&somsri_mail()).await.expect("enqueue");

    let sent = web::mail::run_once(&state).await;

    assert_eq!(sent, 1);
    assert_eq!(store.pending_jobs(MAIL).await.expect("pending"), 0);
    let jobs = store.job_statuses(MAIL).await.expect("jobs");
    let given_up = jobs
        .iter()
        .find(|j| j.last_error.is_some())
        .expect("the broken mail has an error");
    assert_eq!(given_up.attempts, 1);
    assert!(given_up.done_at.is_some(), "{given_up:?}");
    assert_eq!(sink.wait_for(1, Duration::from_secs(10)).await.len(), 1);
}
