//! Login and home-page latency under concurrent clients, on SQLite and on PostgreSQL.
//!
//! `cargo bench -p thaipa-web --bench load [-- --seconds 20 --clients 100 --engine all]` starts
//! the app in-process, as `tests/it/common` does but with production argon2id cost (login cost is
//! what is measured), and for each engine:
//! 1. every client logs in at the same moment (GET /login, then POST /login → 303 + session);
//! 2. the signed-in clients load the home page back to back for the given number of seconds.
//!
//! `THAIPA_BENCH_SECONDS`, `THAIPA_BENCH_CLIENTS` and `THAIPA_BENCH_ENGINES` (`sqlite,postgres`)
//! set the same things; arguments win. The report (a Markdown table per engine, with the whole
//! machine's CPU use, this process's memory and the slowest home pages by login) is printed and
//! written to `target/bench/load-<engine>.md`. Server warnings and errors (a 5xx logs its
//! cause; sqlx logs slow statements and slow pool acquisitions) go to stderr; `THAIPA_LOG`
//! changes the filter. PostgreSQL comes from `THAIPA_TEST_POSTGRES_URL` or the local server,
//! one fresh database per run. Without `--bench` (that is, under `cargo test`) it does nothing.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Cpu, Sample, Server, after, client, sets_cookie, transport, unexpected};
use reqwest::StatusCode;
use tokio::sync::Barrier;
use web::{AppState, Config};

struct Settings {
    seconds: u64,
    clients: usize,
    engines: Vec<String>,
}

impl common::Bench for Settings {
    const NAME: &'static str = "load";
    const USAGE: &'static str = "usage: cargo bench -p thaipa-web --bench load -- \
                                 [--seconds N] [--clients N] [--engine sqlite|postgres|all]";

    fn read() -> Result<Settings, String> {
        let [seconds, clients, engines] = common::options([
            ("--seconds", "THAIPA_BENCH_SECONDS", "20"),
            ("--clients", "THAIPA_BENCH_CLIENTS", "100"),
            ("--engine", "THAIPA_BENCH_ENGINES", "all"),
        ])?;
        let engines = common::engines(&engines)?;
        Ok(Settings {
            seconds: common::seconds(&seconds)?,
            clients: common::positive("clients", &clients)?,
            engines,
        })
    }

    fn engines(&self) -> &[String] {
        &self.engines
    }

    async fn run(&self, engine: &str, cores: usize) -> String {
        run(engine, self, cores).await
    }
}

/// One sign-in: the login page (its `csrf` field and `thaipa_login` cookie), then the form.
async fn login(base: &str, c: &reqwest::Client, name: &str, page: &mut Sample, post: &mut Sample) {
    let t = Instant::now();
    let response = match c.get(format!("{base}/login")).send().await {
        Ok(r) if r.status() == StatusCode::OK && sets_cookie(&r, "thaipa_login") => r,
        Ok(r) => return page.fail(unexpected("GET /login", r.status())),
        Err(e) => return page.fail(transport("GET /login", &e)),
    };
    let body = match response.text().await {
        Ok(body) => body,
        Err(e) => return page.fail(transport("GET /login body", &e)),
    };
    let Some(csrf) = after(&body, "name=\"csrf\" value=\"") else {
        return page.fail("GET /login: no csrf field".into());
    };
    page.ok(t);
    let t = Instant::now();
    let form = [
        ("csrf", csrf),
        ("login", name),
        ("password", web::demo::DEMO_PASSWORD),
    ];
    match c.post(format!("{base}/login")).form(&form).send().await {
        Ok(r)
            if r.status() == StatusCode::SEE_OTHER
                && sets_cookie(&r, web::auth::SESSION_COOKIE) =>
        {
            post.ok(t)
        }
        Ok(r) => post.fail(unexpected("POST /login", r.status())),
        Err(e) => post.fail(transport("POST /login", &e)),
    }
}

/// GET / until the deadline; a success is a 200 with its whole body read.
async fn browse(base: &str, c: &reqwest::Client, deadline: Instant) -> Sample {
    let mut s = Sample::default();
    while Instant::now() < deadline {
        let t = Instant::now();
        match c.get(format!("{base}/")).send().await {
            Ok(r) if r.status() == StatusCode::OK => match r.bytes().await {
                Ok(_) => s.ok(t),
                Err(e) => s.fail(transport("GET / body", &e)),
            },
            Ok(r) => s.fail(unexpected("GET /", r.status())),
            Err(e) => s.fail(transport("GET /", &e)),
        }
    }
    s
}

/// Phase 1: every client logs in at the same moment (they wait at a barrier first). Returns the
/// signed-in clients with their logins, the samples (whole login, GET, POST) and the wall time.
async fn sign_in_all(
    base: &str,
    n: usize,
) -> (Vec<(String, reqwest::Client)>, [Sample; 3], Duration) {
    let names = web::demo::all_logins();
    let start = Arc::new(Barrier::new(n + 1));
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let (base, name, start) = (
                base.to_owned(),
                names[i % names.len()].clone(),
                start.clone(),
            );
            tokio::spawn(async move {
                let (c, mut whole, mut page, mut post) = (
                    client(),
                    Sample::default(),
                    Sample::default(),
                    Sample::default(),
                );
                start.wait().await;
                let t = Instant::now();
                login(&base, &c, &name, &mut page, &mut post).await;
                let signed_in = page.errors.is_empty() && post.errors.is_empty();
                if signed_in {
                    whole.ok(t);
                } else {
                    whole.fail("login (see the steps below)".into());
                }
                (signed_in.then_some((name, c)), [whole, page, post])
            })
        })
        .collect();
    start.wait().await;
    let started = Instant::now();
    let mut samples: [Sample; 3] = Default::default();
    let mut signed_in = Vec::with_capacity(n);
    for task in tasks {
        let (c, steps) = task.await.expect("login task");
        signed_in.extend(c);
        for (all, one) in samples.iter_mut().zip(steps) {
            all.merge(one);
        }
    }
    (signed_in, samples, started.elapsed())
}

/// Phase 2: the signed-in clients load the home page until the deadline. Only they do: the
/// others would measure redirects to /login. Returns all home-page loads, the logins slowest
/// first (by median), and the wall time.
async fn browse_all(
    base: &str,
    clients: Vec<(String, reqwest::Client)>,
    seconds: u64,
) -> (Sample, Vec<(String, Sample)>, Duration) {
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|(name, c)| {
            let base = base.to_owned();
            tokio::spawn(async move { (name, browse(&base, &c, deadline).await) })
        })
        .collect();
    let mut by_login: BTreeMap<String, Sample> = BTreeMap::new();
    for task in tasks {
        let (name, sample) = task.await.expect("home task");
        by_login.entry(name).or_default().merge(sample);
    }
    let wall = started.elapsed();
    let mut home = Sample::default();
    let mut slowest: Vec<(String, Sample)> = by_login.into_iter().collect();
    for (_, sample) in &mut slowest {
        sample.millis.sort_by(f64::total_cmp);
        home.millis.extend(&sample.millis);
        for (what, n) in &sample.errors {
            *home.errors.entry(what.clone()).or_default() += n;
        }
    }
    slowest.sort_by(|(_, a), (_, b)| b.percentile(0.5).total_cmp(&a.percentile(0.5)));
    (home, slowest, wall)
}

async fn run(engine: &str, settings: &Settings, cores: usize) -> String {
    let (store, _dir) = common::open_store(engine).await;
    // Production argon2id cost; the per-address throttle out of the way, as every client is
    // 127.0.0.1 (it only counts failures, but a failed login must not hide the next ones).
    let config = Config {
        login_failures_per_address: i64::MAX,
        ..Config::default()
    };
    assert!(
        web::demo::seed(&store, &config).await.expect("demo data"),
        "fresh database"
    );
    let server = Server::start(AppState::new(store, config)).await;
    let base = &server.base;

    let n = settings.clients;
    let cpu = Cpu::now();
    let (signed_in, [mut logins, mut pages, mut posts], login_wall) = sign_in_all(base, n).await;
    let login_cpu = Cpu::busy_since(cpu);
    // Each argon2id hash holds `argon2_memory_kib` while it runs.
    let login_memory = common::memory();
    let cpu = Cpu::now();
    let (mut home, slowest, home_wall) = browse_all(base, signed_in, settings.seconds).await;
    let home_cpu = Cpu::busy_since(cpu);
    server.stop().await;

    let mut report = vec![
        format!(
            "### {engine}: {n} concurrent clients, {cores} cores, home page for {} s",
            settings.seconds
        ),
        String::new(),
        common::TABLE_HEADER[0].into(),
        common::TABLE_HEADER[1].into(),
        logins.row("login (GET + POST, argon2id)", login_wall, &login_cpu),
        pages.row("  of which GET /login", login_wall, ""),
        posts.row("  of which POST /login", login_wall, ""),
        home.row("home page (GET /)", home_wall, &home_cpu),
        String::new(),
    ];
    report.push(format!("Process memory after the logins: {login_memory}."));
    report.push(String::new());
    // The home page does more for some roles (approvers count their people, officers their
    // units, the administrator verifies the audit chain): the slowest show which.
    report.push(
        "Slowest home pages by login (p50 / p99 ms): ".to_owned()
            + &slowest
                .iter()
                .take(5)
                .map(|(name, s)| {
                    format!(
                        "`{name}` {:.1} / {:.1}",
                        s.percentile(0.5),
                        s.percentile(0.99)
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
    );
    report.push(String::new());
    report.extend(common::error_lines([&pages, &posts, &home]));
    report.join("\n")
}

fn main() {
    common::main::<Settings>();
}
