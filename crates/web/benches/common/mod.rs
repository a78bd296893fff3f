//! What the `load` and `editor` benchmarks share: options, the app on a fresh database, latency
//! samples and their table rows, the machine's CPU and this process's memory, the HTTP client
//! and how failures are named.

// Each bench uses part of this.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::SET_COOKIE;
use store::Store;
use web::AppState;

/// A benchmark: its settings, and one report per engine.
pub trait Bench: Sized {
    /// Its `--bench` name, which also names its reports (`target/bench/<NAME>-<engine>.md`).
    const NAME: &'static str;
    const USAGE: &'static str;

    fn read() -> Result<Self, String>;

    fn engines(&self) -> &[String];

    /// The Markdown report of one engine.
    async fn run(&self, engine: &str, cores: usize) -> String;
}

/// Runs a benchmark on each engine it is set to: the report is printed and written to
/// `target/bench/<name>-<engine>.md`.
pub fn main<B: Bench>() {
    // `cargo bench` passes `--bench`; `cargo test --benches` (or `--all-targets`) runs the
    // binary without it, and minutes of load are no test.
    if !std::env::args().any(|a| a == "--bench") {
        println!(
            "{name} benchmark skipped: run it with `cargo bench -p thaipa-web --bench {name}`",
            name = B::NAME
        );
        return;
    }
    let settings = match B::read() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}\n{}", B::USAGE);
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
    for engine in settings.engines() {
        let report = runtime.block_on(settings.run(engine, cores));
        println!("{report}");
        let file = out.join(format!("{}-{engine}.md", B::NAME));
        std::fs::write(&file, &report).expect("write the report");
    }
}

/// The values of the options `specs` names, each as (`--flag`, environment variable, default):
/// environment first, then arguments. Cargo adds `--bench` to a bench's arguments; `--engines`
/// is `--engine`.
pub fn options<const N: usize>(specs: [(&str, &str, &str); N]) -> Result<[String; N], String> {
    let mut values =
        specs.map(|(_, var, default)| std::env::var(var).unwrap_or_else(|_| default.to_owned()));
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let flag = match arg.as_str() {
            "--bench" => continue,
            "--engines" => "--engine",
            flag => flag,
        };
        let Some(i) = specs.iter().position(|(f, _, _)| *f == flag) else {
            return Err(format!("unknown argument {arg}"));
        };
        values[i] = args.next().ok_or(format!("{arg} needs a value"))?;
    }
    Ok(values)
}

/// `all`, or a comma-separated list of `sqlite` and `postgres`.
pub fn engines(list: &str) -> Result<Vec<String>, String> {
    let engines = match list {
        "all" => vec!["sqlite".to_owned(), "postgres".to_owned()],
        list => list.split(',').map(|e| e.trim().to_owned()).collect(),
    };
    if let Some(e) = engines
        .iter()
        .find(|e| !["sqlite", "postgres"].contains(&e.as_str()))
    {
        return Err(format!("unknown engine {e}"));
    }
    Ok(engines)
}

pub fn seconds(value: &str) -> Result<u64, String> {
    value.parse().map_err(|_| format!("seconds: {value}"))
}

/// A count of at least one; `what` names it in the error.
pub fn positive(what: &str, value: &str) -> Result<usize, String> {
    match value.parse() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{what}: {value}")),
    }
}

/// A fresh database of `engine`, and the folder of a SQLite one (removed when dropped).
pub async fn open_store(engine: &str) -> (Store, Option<tempfile::TempDir>) {
    match engine {
        "postgres" => (store::testing::postgres().await, None),
        _ => {
            let (store, dir) = store::testing::sqlite().await;
            (store, Some(dir))
        }
    }
}

/// The app, served on a free local port until stopped.
pub struct Server {
    pub base: String,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Server {
    pub async fn start(state: AppState) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(web::serve(listener, state, async move {
            let _ = stopped.await;
        }));
        Server { base, stop, server }
    }

    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.server.await;
    }
}

/// Latencies of the successful requests of one kind, and the failures by what went wrong.
#[derive(Default)]
pub struct Sample {
    pub millis: Vec<f64>,
    pub errors: BTreeMap<String, usize>,
}

impl Sample {
    pub fn ok(&mut self, started: Instant) {
        self.millis.push(started.elapsed().as_secs_f64() * 1000.0);
    }

    pub fn fail(&mut self, what: String) {
        *self.errors.entry(what).or_default() += 1;
    }

    pub fn merge(&mut self, other: Sample) {
        self.millis.extend(other.millis);
        for (what, n) in other.errors {
            *self.errors.entry(what).or_default() += n;
        }
    }

    /// Nearest-rank percentile over the sorted latencies.
    pub fn percentile(&self, p: f64) -> f64 {
        let n = self.millis.len();
        let rank = ((p * n as f64).ceil() as usize).clamp(1, n.max(1));
        self.millis.get(rank - 1).copied().unwrap_or(0.0)
    }

    /// A row of [`TABLE_HEADER`].
    pub fn row(&mut self, what: &str, wall: Duration, cpu: &str) -> String {
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

/// The header of a table of [`Sample::row`]s.
pub const TABLE_HEADER: [&str; 2] = [
    "| request | count | errors | per second | p50 ms | p90 ms | p99 ms | max ms | machine CPU |",
    "|---|---|---|---|---|---|---|---|---|",
];

/// The `Errors:` list of a report, with its blank line; nothing when there are none.
pub fn error_lines<'a>(samples: impl IntoIterator<Item = &'a Sample>) -> Vec<String> {
    let errors: BTreeMap<&String, &usize> = samples.into_iter().flat_map(|s| &s.errors).collect();
    if errors.is_empty() {
        return Vec::new();
    }
    let mut lines = vec!["Errors:".to_owned()];
    lines.extend(errors.iter().map(|(what, n)| format!("- {what}: {n}")));
    lines.push(String::new());
    lines
}

/// Busy and total jiffies of the whole machine (`/proc/stat`), and this process's own
/// (`/proc/self/stat`: the app and the load generator), where there is a `/proc`. Everything
/// else on the machine (PostgreSQL, and anything else running) is the difference.
#[derive(Clone, Copy)]
pub struct Cpu {
    busy: u64,
    total: u64,
    mine: Option<u64>,
}

impl Cpu {
    pub fn now() -> Option<Cpu> {
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
        Some(Cpu {
            busy: total - idle,
            total,
            mine: Self::mine(),
        })
    }

    fn mine() -> Option<u64> {
        let me = std::fs::read_to_string("/proc/self/stat").ok()?;
        // utime and stime are fields 14 and 15, the 12th and 13th after the command's `)`.
        let mine: Vec<u64> = me
            .rsplit_once(')')?
            .1
            .split_whitespace()
            .skip(11)
            .take(2)
            .filter_map(|f| f.parse().ok())
            .collect();
        Some(mine.iter().sum())
    }

    /// The whole machine's CPU use since `before`, as `42 %`; `-` without `/proc`.
    pub fn busy_since(before: Option<Cpu>) -> String {
        match (before, Cpu::now()) {
            (Some(b), Some(a)) if a.total > b.total => {
                format!("{:.0} %", share(b.busy, a.busy, b.total, a.total))
            }
            _ => "-".into(),
        }
    }

    /// The whole machine's CPU use since `before` and this process's part of it, as
    /// `42 % (this process 30 %)`; `-` without `/proc`.
    pub fn busy_since_with_process(before: Option<Cpu>) -> String {
        match (before, Cpu::now()) {
            (Some(b), Some(a)) if a.total > b.total => match (b.mine, a.mine) {
                (Some(m0), Some(m1)) => format!(
                    "{:.0} % (this process {:.0} %)",
                    share(b.busy, a.busy, b.total, a.total),
                    share(m0, m1, b.total, a.total)
                ),
                _ => "-".into(),
            },
            _ => "-".into(),
        }
    }
}

fn share(from: u64, to: u64, total_from: u64, total_to: u64) -> f64 {
    100.0 * (to - from) as f64 / (total_to - total_from) as f64
}

/// Resident memory of this process (app and load generator), now and at its peak so far, where
/// `/proc` has it.
pub fn memory() -> String {
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

/// A client as a browser is: its own cookies, redirects not followed.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(120))
        .build()
        .expect("HTTP client")
}

pub fn sets_cookie(response: &reqwest::Response, name: &str) -> bool {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.starts_with(&format!("{name}="))))
}

/// The value of the first `<prefix>VALUE"` in a page.
pub fn after<'a>(page: &'a str, prefix: &str) -> Option<&'a str> {
    page.split_once(prefix)
        .and_then(|(_, rest)| rest.split('"').next())
}

/// A failure of `step` before any answer, by kind.
pub fn transport(step: &str, e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connect"
    } else {
        "transport"
    };
    format!("{step}: {kind} error")
}

/// An answer of `step` other than the one expected.
pub fn unexpected(step: &str, status: StatusCode) -> String {
    format!("{step}: {status}")
}
