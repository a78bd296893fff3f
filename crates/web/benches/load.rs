//! Login and home-page latency under concurrent clients, on SQLite and on PostgreSQL.
//!
//! `cargo bench -p thaipa-web --bench load` starts the app in-process with the demo data and
//! production password hashing, then (1) signs 100 clients in at the same moment and (2) lets the
//! signed-in clients load the home page for 15 seconds. Settings: `THAIPA_BENCH_CLIENTS`,
//! `THAIPA_BENCH_SECONDS`, `THAIPA_BENCH_ENGINES` (`sqlite,postgres`). Results are printed and
//! written to `target/bench/load-<engine>.md`.

use std::time::{Duration, Instant};

use store::Store;
use web::{AppState, Config};

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Latencies of one kind of request.
#[derive(Default)]
struct Sample {
    millis: Vec<f64>,
    errors: usize,
}

impl Sample {
    fn row(&mut self, what: &str, wall: Duration) -> String {
        self.millis.sort_by(f64::total_cmp);
        let q = |p: f64| {
            if self.millis.is_empty() {
                return 0.0;
            }
            let i = ((self.millis.len() as f64 - 1.0) * p).round() as usize;
            self.millis[i]
        };
        format!(
            "| {what} | {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
            self.millis.len(),
            self.errors,
            self.millis.len() as f64 / wall.as_secs_f64(),
            q(0.50),
            q(0.90),
            q(0.99),
            q(1.0)
        )
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(120))
        .build()
        .expect("client")
}

/// GET /login, then POST the form; true when a session was issued.
async fn login(base: &str, client: &reqwest::Client, login: &str) -> bool {
    let Ok(page) = client.get(format!("{base}/login")).send().await else {
        return false;
    };
    let Ok(page) = page.text().await else {
        return false;
    };
    let marker = "name=\"csrf\" value=\"";
    let Some(start) = page.find(marker).map(|i| i + marker.len()) else {
        return false;
    };
    let csrf = page[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned();
    let form = [
        ("csrf", csrf.as_str()),
        ("login", login),
        ("password", web::demo::DEMO_PASSWORD),
    ];
    matches!(client.post(format!("{base}/login")).form(&form).send().await, Ok(r) if r.status() == reqwest::StatusCode::SEE_OTHER)
}

async fn run(engine: &str, clients: usize, seconds: u64) -> String {
    let store: Store;
    let _dir;
    match engine {
        "postgres" => {
            store = store::testing::postgres().await;
            _dir = None;
        }
        _ => {
            let (s, d) = store::testing::sqlite().await;
            store = s;
            _dir = Some(d);
        }
    }
    // Production hashing cost; the address throttle off, as every client shares 127.0.0.1.
    let config = Config {
        login_failures_per_address: i64::MAX,
        ..Config::default()
    };
    web::demo::seed(&store, &config).await.expect("demo data");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(web::serve(
        listener,
        AppState::new(store, config),
        async move {
            let _ = stopped.await;
        },
    ));

    let names = web::demo::all_logins();
    let sessions: Vec<reqwest::Client> = (0..clients).map(|_| client()).collect();
    let started = Instant::now();
    let tasks: Vec<_> = sessions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (base, name, c) = (base.clone(), names[i % names.len()].clone(), c.clone());
            tokio::spawn(async move {
                let t = Instant::now();
                let ok = login(&base, &c, &name).await;
                (ok, t.elapsed())
            })
        })
        .collect();
    let mut logins_sample = Sample::default();
    let mut signed_in = Vec::with_capacity(clients);
    for (t, c) in tasks.into_iter().zip(sessions) {
        match t.await {
            Ok((true, d)) => {
                logins_sample.millis.push(d.as_secs_f64() * 1000.0);
                signed_in.push(c);
            }
            _ => logins_sample.errors += 1,
        }
    }
    let login_wall = started.elapsed();

    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    // Only signed-in clients load the home page: a failed login would only measure redirects.
    let tasks: Vec<_> = signed_in
        .into_iter()
        .map(|c| {
            let base = base.clone();
            tokio::spawn(async move {
                let mut s = Sample::default();
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let ok = match c.get(format!("{base}/")).send().await {
                        Ok(r) => r.status() == reqwest::StatusCode::OK && r.bytes().await.is_ok(),
                        Err(_) => false,
                    };
                    if ok {
                        s.millis.push(t.elapsed().as_secs_f64() * 1000.0);
                    } else {
                        s.errors += 1;
                    }
                }
                s
            })
        })
        .collect();
    let mut home = Sample::default();
    for t in tasks {
        if let Ok(s) = t.await {
            home.millis.extend(s.millis);
            home.errors += s.errors;
        }
    }
    let home_wall = started.elapsed();
    let _ = stop.send(());
    let _ = server.await;

    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    [
        format!(
            "### {engine}: {clients} concurrent clients, {cores} cores, home page for {seconds} s"
        ),
        String::new(),
        "| request | count | errors | per second | p50 ms | p90 ms | p99 ms | max ms |".into(),
        "|---|---|---|---|---|---|---|---|".into(),
        logins_sample.row("login (GET + POST, argon2id)", login_wall),
        home.row("home page (GET /)", home_wall),
        String::new(),
    ]
    .join("\n")
}

fn main() {
    let clients = usize::try_from(setting("THAIPA_BENCH_CLIENTS", 100)).unwrap_or(100);
    let seconds = setting("THAIPA_BENCH_SECONDS", 15);
    let engines =
        std::env::var("THAIPA_BENCH_ENGINES").unwrap_or_else(|_| "sqlite,postgres".into());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let out = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out).expect("bench folder");
    for engine in engines.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let report = runtime.block_on(run(engine, clients, seconds));
        println!("{report}");
        std::fs::write(out.join(format!("load-{engine}.md")), &report).expect("write report");
    }
}
