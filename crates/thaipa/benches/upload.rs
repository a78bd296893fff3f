//! Upload benchmark: a 1 GiB video sent to a running `thaipa serve --demo` (its own process,
//! so its memory is its own) in the resumable protocol's 8 MiB chunks, as the browser does.
//! Reports throughput and the server's resident memory: idle, peak while receiving and
//! finishing (SHA-256, examination, the move into storage), and the difference, against the
//! target of staying under 64 MB above idle.
//!
//! `cargo bench -p thaipa --bench upload` (release build). Not part of `cargo test`.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const SIZE: u64 = 1024 * 1024 * 1024;
const CHUNK: usize = 8 * 1024 * 1024;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// VmRSS of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn hidden(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker)? + marker.len();
    Some(page[start..].split('"').next()?.to_owned())
}

fn meta(page: &str) -> Option<String> {
    let marker = "<meta name=\"csrf-token\" content=\"";
    let start = page.find(marker)? + marker.len();
    Some(page[start..].split('"').next()?.to_owned())
}

/// The chunk at `offset` of a 1 GiB MP4: `ftyp`, `moov` with a 60-minute `mvhd`, then `mdat`.
fn chunk(offset: u64) -> Vec<u8> {
    let mut head = Vec::new();
    head.extend_from_slice(&20u32.to_be_bytes());
    head.extend_from_slice(b"ftypisom\0\0\x02\0isom");
    let mut mvhd = vec![0u8; 100];
    mvhd[12..16].copy_from_slice(&1000u32.to_be_bytes());
    mvhd[16..20].copy_from_slice(&(3600 * 1000u32).to_be_bytes());
    head.extend_from_slice(&116u32.to_be_bytes());
    head.extend_from_slice(b"moov");
    head.extend_from_slice(&108u32.to_be_bytes());
    head.extend_from_slice(b"mvhd");
    head.extend_from_slice(&mvhd);
    let mdat = SIZE - head.len() as u64;
    head.extend_from_slice(&1u32.to_be_bytes());
    head.extend_from_slice(b"mdat");
    head.extend_from_slice(&(mdat).to_be_bytes());
    let len = usize::try_from((SIZE - offset).min(CHUNK as u64)).unwrap_or(CHUNK);
    let mut out = vec![5u8; len];
    if offset == 0 {
        out[..head.len()].copy_from_slice(&head);
    }
    out
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let db = format!("sqlite://{}", dir.path().join("bench.db").display());
    let child = Command::new(env!("CARGO_BIN_EXE_thaipa"))
        .args(["serve", "--demo", "--addr", &format!("127.0.0.1:{port}")])
        .env("THAIPA_DATABASE_URL", &db)
        .env("THAIPA_BLOBS_DIR", dir.path().join("blobs"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start thaipa serve");
    let pid = child.id();
    let _server = Server(child);
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let mut up = false;
    for _ in 0..600 {
        if http.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "thaipa serve did not start");
    let login = http
        .get(format!("{base}/login"))
        .send()
        .await
        .expect("login page")
        .text()
        .await
        .expect("body");
    let csrf = hidden(&login, "csrf").expect("csrf");
    let r = http
        .post(format!("{base}/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("login", "teacher"),
            ("password", web::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    let home = http
        .get(format!("{base}/"))
        .send()
        .await
        .expect("home")
        .text()
        .await
        .expect("body");
    let token = meta(&home).expect("csrf token");
    // The demo teacher's approved agreement of last year.
    let store = store::Store::open(&db)
        .await
        .expect("open the server's database");
    let teacher = store
        .account_by_login("teacher")
        .await
        .expect("lookup")
        .expect("teacher")
        .person_id;
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    let fy = i64::from(domain::thai::fiscal::fiscal_year(today)) - 1;
    let agreement = store
        .agreement_of(&store::PersonId(teacher), fy)
        .await
        .expect("lookup")
        .expect("the demo's approved agreement")
        .id;
    store.close().await;

    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = rss_kib(pid);
    let peak = Arc::new(AtomicU64::new(idle));
    let running = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (peak, running) = (peak.clone(), running.clone());
        tokio::spawn(async move {
            while running.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(pid), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let r = http
        .post(format!("{base}/agreements/{agreement}/uploads"))
        .header("x-csrf-token", &token)
        .form(&[
            ("file_name", "คลิปการสอน 60 นาที.mp4".to_owned()),
            ("size", SIZE.to_string()),
            ("title", "คลิปการสอนในชั้นเรียน".to_owned()),
            ("indicator", "1.3".to_owned()),
        ])
        .send()
        .await
        .expect("create upload");
    assert_eq!(
        r.status(),
        reqwest::StatusCode::CREATED,
        "{}",
        r.text().await.unwrap_or_default()
    );
    let uid = r.json::<serde_json::Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let started = Instant::now();
    let mut offset = 0u64;
    let mut finish = Duration::ZERO;
    while offset < SIZE {
        let body = chunk(offset);
        let len = body.len() as u64;
        let sent = Instant::now();
        let r = http
            .patch(format!("{base}/uploads/{uid}"))
            .header("x-csrf-token", &token)
            .header("upload-offset", offset.to_string())
            .body(body)
            .send()
            .await
            .expect("patch");
        offset += len;
        if offset == SIZE {
            assert_eq!(
                r.status(),
                reqwest::StatusCode::CREATED,
                "{}",
                r.text().await.unwrap_or_default()
            );
            finish = sent.elapsed();
        } else {
            assert_eq!(r.status(), reqwest::StatusCode::OK);
        }
    }
    let elapsed = started.elapsed();
    running.store(false, Ordering::Relaxed);
    sampler.await.expect("sampler");
    let peak = peak.load(Ordering::Relaxed);
    let mib = |kib: u64| kib as f64 / 1024.0;
    let report = format!(
        "# Upload benchmark\n\n1 GiB MP4 in 8 MiB chunks to `thaipa serve --demo` (SQLite, local blobs), one client, this machine.\n\n\
         | measure | value |\n|---|---|\n\
         | total time | {:.1} s |\n| throughput | {:.0} MiB/s |\n| last chunk + finishing (SHA-256, examine, store) | {:.2} s |\n\
         | server RSS idle | {:.1} MiB |\n| server RSS peak | {:.1} MiB |\n| above idle | {:.1} MiB (target < 64 MB) |\n",
        elapsed.as_secs_f64(),
        1024.0 / elapsed.as_secs_f64(),
        finish.as_secs_f64(),
        mib(idle),
        mib(peak),
        mib(peak.saturating_sub(idle)),
    );
    println!("{report}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out).expect("bench dir");
    std::fs::write(out.join("upload.md"), report).expect("write report");
}
