//! Login and home-page latency under concurrent clients, on SQLite and on PostgreSQL.
//!
//! `cargo bench -p thaipa-web --bench load [-- --seconds 20 --clients 100 --engine all]` starts
//! the app in-process, as `tests/common` does but with production argon2id cost (login cost is
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

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::SET_COOKIE;
use tokio::sync::Barrier;
use web::{AppState, Config};

const USAGE: &str = "usage: cargo bench -p thaipa-web --bench load -- \
                     [--seconds N] [--clients N] [--engine sqlite|postgres|all]";

struct Settings {
    seconds: u64,
    clients: usize,
    engines: Vec<String>,
}

impl Settings {
    /// Environment first, then arguments. Cargo adds `--bench` to a bench's arguments.
    fn read() -> Result<Settings, String> {
        let env = |name: &str| std::env::var(name).ok();
        let mut seconds = env("THAIPA_BENCH_SECONDS").unwrap_or_else(|| "20".into());
        let mut clients = env("THAIPA_BENCH_CLIENTS").unwrap_or_else(|| "100".into());
        let mut engines = env("THAIPA_BENCH_ENGINES").unwrap_or_else(|| "all".into());
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let slot = match arg.as_str() {
                "--bench" => continue,
                "--seconds" => &mut seconds,
                "--clients" => &mut clients,
                "--engine" | "--engines" => &mut engines,
                _ => return Err(format!("unknown argument {arg}")),
            };
            *slot = args.next().ok_or(format!("{arg} needs a value"))?;
        }
        let engines = match engines.as_str() {
            "all" => vec!["sqlite".to_owned(), "postgres".to_owned()],
            list => list.split(',').map(|e| e.trim().to_owned()).collect(),
        };
        if let Some(e) = engines
            .iter()
            .find(|e| !["sqlite", "postgres"].contains(&e.as_str()))
        {
            return Err(format!("unknown engine {e}"));
        }
        Ok(Settings {
            seconds: seconds.parse().map_err(|_| format!("seconds: {seconds}"))?,
            clients: match clients.parse() {
                Ok(n) if n > 0 => n,
                _ => return Err(format!("clients: {clients}")),
            },
            engines,
        })
    }
}

/// Latencies of the successful requests of one kind, and the failures by what went wrong.
#[derive(Default)]
struct Sample {
    millis: Vec<f64>,
    errors: BTreeMap<String, usize>,
}

impl Sample {
    fn ok(&mut self, started: Instant) {
        self.millis.push(started.elapsed().as_secs_f64() * 1000.0);
    }

    fn fail(&mut self, what: String) {
        *self.errors.entry(what).or_default() += 1;
    }

    fn merge(&mut self, other: Sample) {
        self.millis.extend(other.millis);
        for (what, n) in other.errors {
            *self.errors.entry(what).or_default() += n;
        }
    }

    /// Nearest-rank percentile over the sorted latencies.
    fn percentile(&self, p: f64) -> f64 {
        let n = self.millis.len();
        let rank = ((p * n as f64).ceil() as usize).clamp(1, n.max(1));
        self.millis.get(rank - 1).copied().unwrap_or(0.0)
    }

    fn row(&mut self, what: &str, wall: Duration, cpu: &str) -> String {
        self.millis.sort_by(f64::total_cmp);
        format!(
            "| {what} | {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {cpu} |",
            self.millis.len(),
            self.errors.values().sum::<usize>(),
            self.millis.len() as f64 / wall.as_secs_f64(),
            self.percentile(0.50),
            self.percentile(0.90),
            self.percentile(0.99),
            self.millis.last().copied().unwrap_or(0.0),
        )
    }
}

/// Busy and total jiffies of the whole machine (`/proc/stat`), where there is one: the load
/// generator, the app and PostgreSQL all share these cores.
fn cpu_jiffies() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let fields: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    let total: u64 = fields.iter().take(8).sum();
    let idle = fields.get(3)? + fields.get(4)?;
    Some((total - idle, total))
}

fn cpu_busy(before: Option<(u64, u64)>) -> String {
    match (before, cpu_jiffies()) {
        (Some((b0, t0)), Some((b1, t1))) if t1 > t0 => {
            format!("{:.0} %", 100.0 * (b1 - b0) as f64 / (t1 - t0) as f64)
        }
        _ => "-".into(),
    }
}

/// Resident memory of this process (app and load generator), now and at its peak so far, where
/// `/proc` has it: each argon2id hash holds `argon2_memory_kib` while it runs.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or("-".to_owned(), |kib| format!("{} MiB", kib / 1024))
    };
    format!(
        "{} resident, peak so far {}",
        field("VmRSS:"),
        field("VmHWM:")
    )
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(120))
        .build()
        .expect("HTTP client")
}

fn sets_cookie(response: &reqwest::Response, name: &str) -> bool {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.starts_with(&format!("{name}="))))
}

fn transport(step: &str, e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connect"
    } else {
        "transport"
    };
    format!("{step}: {kind} error")
}

fn unexpected(step: &str, status: StatusCode) -> String {
    format!("{step}: {status}")
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
    let marker = "name=\"csrf\" value=\"";
    let Some(csrf) = body
        .split_once(marker)
        .and_then(|(_, rest)| rest.split('"').next())
    else {
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
    let (store, _dir) = match engine {
        "postgres" => (store::testing::postgres().await, None),
        _ => {
            let (store, dir) = store::testing::sqlite().await;
            (store, Some(dir))
        }
    };
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
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(web::serve(
        listener,
        AppState::new(store, config),
        async move {
            let _ = stopped.await;
        },
    ));

    let n = settings.clients;
    let cpu = cpu_jiffies();
    let (signed_in, [mut logins, mut pages, mut posts], login_wall) = sign_in_all(&base, n).await;
    let login_cpu = cpu_busy(cpu);
    let login_memory = memory();
    let cpu = cpu_jiffies();
    let (mut home, slowest, home_wall) = browse_all(&base, signed_in, settings.seconds).await;
    let home_cpu = cpu_busy(cpu);
    let _ = stop.send(());
    let _ = server.await;

    let mut report = vec![
        format!(
            "### {engine}: {n} concurrent clients, {cores} cores, home page for {} s",
            settings.seconds
        ),
        String::new(),
        "| request | count | errors | per second | p50 ms | p90 ms | p99 ms | max ms | machine CPU |"
            .into(),
        "|---|---|---|---|---|---|---|---|---|".into(),
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
    let errors: BTreeMap<&String, &usize> = pages
        .errors
        .iter()
        .chain(&posts.errors)
        .chain(&home.errors)
        .collect();
    if !errors.is_empty() {
        report.push("Errors:".into());
        report.extend(errors.iter().map(|(what, n)| format!("- {what}: {n}")));
        report.push(String::new());
    }
    report.join("\n")
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` (or `--all-targets`) runs this
    // binary without it, and a minute of load with production hashing is no test.
    if !std::env::args().any(|a| a == "--bench") {
        println!("load benchmark skipped: run it with `cargo bench -p thaipa-web --bench load`");
        return;
    }
    let settings = match Settings::read() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            std::process::exit(2);
        }
    };
    let filter = std::env::var("THAIPA_LOG").unwrap_or_else(|_| "warn".into());
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .init();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!("cores: {cores}\n");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let out = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out).expect("target/bench folder");
    for engine in &settings.engines {
        let report = runtime.block_on(run(engine, &settings, cores));
        println!("{report}");
        let file = out.join(format!("load-{engine}.md"));
        std::fs::write(&file, &report).expect("write the report");
    }
}
