//! PA 1 downloads against the rest of the site: does rendering PDFs slow the pages everyone
//! else is loading, and how fast are the downloads themselves?
//!
//! `cargo bench -p thaipa-web --bench documents [-- --clients 20 --seconds 20 --interval-ms 50
//! --documents 50 --engine sqlite|postgres|all]` starts the app in-process with the demo data,
//! as `load` does, stores the longest example agreement (`examples/seed-004-esa-director.json`,
//! an ESA director's booklet, laid out twice for its continuation cues) as the demo `esa`
//! login's, and as many more agreements as `--documents` for new people, each the example with
//! every long text made its own (so no two documents share their paragraphs). Then for each
//! engine, one phase after another:
//! 1. a light page (GET /, the signed-in home page of the demo `teacher`) every interval, alone;
//! 2. the PDF of the example (GET /agreements/{id}/pa1.pdf, the whole body read), one download
//!    after another by one client (the maker), alone;
//! 3. as 2, but each download another of the distinct agreements (read by the demo `admin`);
//! 4. the light page as in 1, while the given number of clients (each its own session of the
//!    maker) download the example's PDF back to back, without pause;
//! 5. as 4, the clients (each its own `admin` session) downloading the distinct agreements in
//!    turn.
//!
//! typst memoises layout across compilations, so the same document again (2, 4) is cheaper than
//! another person's (3, 5): both are real (a maker downloads their own PA again and again; an
//! officer downloads a school's), and the second is the cost to plan for. Rendering runs on
//! tokio's blocking pool, so what 4 and 5 show is how the async workers serving the light page
//! fare beside CPU-bound renders on the same cores. Logins, the extra agreements and the
//! warm-up download are setup, not measured. `THAIPA_BENCH_CLIENTS`, `THAIPA_BENCH_SECONDS`,
//! `THAIPA_BENCH_INTERVAL_MS`, `THAIPA_BENCH_DOCUMENTS` and `THAIPA_BENCH_ENGINES` set the same
//! things; arguments win. The report (a Markdown table per engine with the whole machine's CPU
//! use per phase, this process's memory and errors by kind) is printed and written to
//! `target/bench/documents-<engine>.md`; server warnings go to stderr (`THAIPA_LOG` sets the
//! filter). Without `--bench` (that is, under `cargo test`) it does nothing.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{Cpu, Sample, Server, after, client, transport, unexpected};
use domain::agreement::Agreement;
use domain::directory::{CitizenId, PersonRecord, PersonRow};
use reqwest::StatusCode;
use store::{PersonId, Store};
use web::{AppState, Config};

/// The longest example agreement: fifteen sub-elements, three challenge issues, a booklet.
const LONGEST: &str = include_str!("../../../examples/seed-004-esa-director.json");
/// The demo login whose agreement it becomes: the ESA director, as the example is.
const MAKER: &str = "esa";
/// The demo login that reads every agreement, for the distinct documents.
const OFFICER: &str = "admin";
/// The demo login that loads the light page.
const READER: &str = "teacher";
const LIGHT: &str = "/";

struct Settings {
    clients: usize,
    seconds: u64,
    interval: Duration,
    documents: usize,
    engines: Vec<String>,
}

impl common::Bench for Settings {
    const NAME: &'static str = "documents";
    const USAGE: &'static str = "usage: cargo bench -p thaipa-web --bench documents -- \
                                 [--clients N] [--seconds N] [--interval-ms N] [--documents N] \
                                 [--engine sqlite|postgres|all]";

    fn read() -> Result<Settings, String> {
        let [clients, seconds, interval, documents, engines] = common::options([
            ("--clients", "THAIPA_BENCH_CLIENTS", "20"),
            ("--seconds", "THAIPA_BENCH_SECONDS", "20"),
            ("--interval-ms", "THAIPA_BENCH_INTERVAL_MS", "50"),
            ("--documents", "THAIPA_BENCH_DOCUMENTS", "50"),
            ("--engine", "THAIPA_BENCH_ENGINES", "sqlite"),
        ])?;
        Ok(Settings {
            clients: common::positive("clients", &clients)?,
            seconds: common::seconds(&seconds)?,
            interval: Duration::from_millis(
                interval
                    .parse()
                    .map_err(|_| format!("interval-ms: {interval}"))?,
            ),
            documents: common::positive("documents", &documents)?,
            engines: common::engines(&engines)?,
        })
    }

    fn engines(&self) -> &[String] {
        &self.engines
    }

    async fn run(&self, engine: &str, cores: usize) -> String {
        run(engine, self, cores).await
    }
}

/// The example with every long text (more than 40 letters) its own: ` (n)` after it.
fn variant(example: &Agreement, n: usize) -> Agreement {
    fn mark(v: &mut serde_json::Value, n: usize) {
        match v {
            serde_json::Value::String(s) if s.chars().count() > 40 => {
                s.push_str(&format!(" ({n})"));
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|i| mark(i, n)),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(|f| mark(f, n)),
            _ => {}
        }
    }
    let mut json = serde_json::to_value(example).expect("example as JSON");
    mark(&mut json, n);
    serde_json::from_value(json).expect("variant")
}

/// `n` people of school 1, each with their own variant of the example as their agreement;
/// the agreements' ids.
async fn distinct_agreements(store: &Store, example: &Agreement, n: usize) -> Vec<String> {
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let record = PersonRecord::try_from(PersonRow {
            citizen_id: CitizenId::from_number(330_000_000_000 + i as u64)
                .as_str()
                .to_owned(),
            title: "นาง".into(),
            first_name: ["ผกาภรณ์", "วิไลวรรณ", "สุนทร"][i % 3].into(),
            last_name: ["พลายสังข์", "ทองดี", "ศรีสุข"][i % 3].into(),
            position: "ครู".into(),
            standing: "ชำนาญการ".into(),
            salary_scale: "คศ.2".into(),
            salary: String::new(),
            unit_code: "DEMO-S01".into(),
            email: format!("bench-doc{i}@example.org"),
            phone: String::new(),
        })
        .unwrap_or_else(|e| panic!("bench person {i}: {e:?}"));
        let person = store.create_person(None, &record).await.expect("person");
        let id = store
            .create_agreement(&person, &variant(example, i + 1))
            .await
            .expect("agreement");
        ids.push(id.0);
    }
    ids
}

/// A client signed in as `login`, as a browser signs in.
async fn sign_in(base: &str, login: &str) -> Result<reqwest::Client, String> {
    let c = client();
    let page = c.get(format!("{base}/login")).send().await;
    let page = page.map_err(|e| transport("GET /login", &e))?;
    let page = page.text().await.map_err(|e| transport("GET /login", &e))?;
    let csrf = after(&page, "name=\"csrf\" value=\"").ok_or("GET /login: no csrf field")?;
    let form = [
        ("csrf", csrf),
        ("login", login),
        ("password", web::demo::DEMO_PASSWORD),
    ];
    let r = c.post(format!("{base}/login")).form(&form).send().await;
    match r.map_err(|e| transport("POST /login", &e))?.status() {
        StatusCode::SEE_OTHER => Ok(c),
        s => Err(unexpected("POST /login", s)),
    }
}

/// `n` clients signed in as `login`; the failures are counted in `errors`.
async fn sign_in_many(
    base: &str,
    login: &str,
    n: usize,
    errors: &mut Sample,
) -> Vec<reqwest::Client> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        match sign_in(base, login).await {
            Ok(c) => out.push(c),
            Err(e) => errors.fail(e),
        }
    }
    out
}

/// One GET of the light page, the whole body read.
async fn light(base: &str, c: &reqwest::Client, s: &mut Sample) {
    let t = Instant::now();
    match c.get(format!("{base}{LIGHT}")).send().await {
        Ok(r) if r.status() == StatusCode::OK => match r.bytes().await {
            Ok(_) => s.ok(t),
            Err(e) => s.fail(transport("GET / body", &e)),
        },
        Ok(r) => s.fail(unexpected("GET /", r.status())),
        Err(e) => s.fail(transport("GET /", &e)),
    }
}

/// One download of a PDF, checked to be one; its size.
async fn download(url: &str, c: &reqwest::Client, s: &mut Sample) -> Option<usize> {
    let t = Instant::now();
    let body = match c.get(url).send().await {
        Ok(r) if r.status() == StatusCode::OK => r
            .bytes()
            .await
            .map_err(|e| transport("GET pa1.pdf body", &e)),
        Ok(r) => Err(unexpected("GET pa1.pdf", r.status())),
        Err(e) => Err(transport("GET pa1.pdf", &e)),
    };
    match body {
        Ok(b) if b.starts_with(b"%PDF") => {
            s.ok(t);
            Some(b.len())
        }
        Ok(_) => {
            s.fail("GET pa1.pdf: not a PDF".into());
            None
        }
        Err(e) => {
            s.fail(e);
            None
        }
    }
}

/// The light page every `interval` (or as soon as the previous one answered, when it took
/// longer) until `stop` is set.
async fn light_stream(
    base: String,
    c: reqwest::Client,
    interval: Duration,
    stop: Arc<AtomicBool>,
) -> Sample {
    let mut s = Sample::default();
    let mut next = tokio::time::Instant::now();
    while !stop.load(Ordering::Relaxed) {
        light(&base, &c, &mut s).await;
        next += interval;
        let now = tokio::time::Instant::now();
        if next < now {
            next = now;
        }
        tokio::time::sleep_until(next).await;
    }
    s
}

/// What the downloaders of a phase share: the documents' addresses, taken in turn, and the
/// bytes received.
struct Urls {
    urls: Vec<String>,
    next: AtomicUsize,
    bytes: AtomicU64,
    stop: AtomicBool,
}

impl Urls {
    fn new(urls: Vec<String>) -> Arc<Urls> {
        Arc::new(Urls {
            urls,
            next: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            stop: AtomicBool::new(false),
        })
    }
}

/// Downloads back to back, each the next document in turn, until the phase stops.
async fn download_loop(c: reqwest::Client, urls: Arc<Urls>) -> Sample {
    let mut s = Sample::default();
    while !urls.stop.load(Ordering::Relaxed) {
        let i = urls.next.fetch_add(1, Ordering::Relaxed) % urls.urls.len();
        if let Some(n) = download(&urls.urls[i], &c, &mut s).await {
            urls.bytes.fetch_add(n as u64, Ordering::Relaxed);
        }
    }
    s
}

/// A phase's results: the light page's and its wall time, the downloads' (merged), the
/// phase's wall time (until the last download in flight answered) and the machine's CPU use
/// over it.
struct Phase {
    light: Sample,
    light_wall: Duration,
    pdf: Sample,
    bytes: u64,
    wall: Duration,
    cpu: String,
}

/// Runs for `seconds`: `downloaders` clients downloading from `urls` back to back, and the
/// light page every `interval` by `reader` if there is one.
async fn phase(
    seconds: u64,
    urls: Vec<String>,
    downloaders: &[reqwest::Client],
    reader: Option<(&str, &reqwest::Client, Duration)>,
) -> Phase {
    let urls = Urls::new(urls);
    let cpu = Cpu::now();
    let started = Instant::now();
    let pdf_tasks: Vec<_> = downloaders
        .iter()
        .map(|c| tokio::spawn(download_loop(c.clone(), urls.clone())))
        .collect();
    let stop_light = Arc::new(AtomicBool::new(false));
    let light_task = reader.map(|(base, c, interval)| {
        tokio::spawn(light_stream(
            base.to_owned(),
            c.clone(),
            interval,
            stop_light.clone(),
        ))
    });
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    urls.stop.store(true, Ordering::Relaxed);
    stop_light.store(true, Ordering::Relaxed);
    let light = match light_task {
        Some(t) => t.await.expect("light task"),
        None => Sample::default(),
    };
    let light_wall = started.elapsed();
    let mut pdf = Sample::default();
    for t in pdf_tasks {
        pdf.merge(t.await.expect("download task"));
    }
    Phase {
        light,
        light_wall,
        pdf,
        bytes: urls.bytes.load(Ordering::Relaxed),
        wall: started.elapsed(),
        cpu: Cpu::busy_since_with_process(cpu),
    }
}

async fn run(engine: &str, settings: &Settings, cores: usize) -> String {
    let (store, _dir) = common::open_store(engine).await;
    // Cheap hashing: logins are setup here, and every client is 127.0.0.1.
    let config = Config {
        argon2_memory_kib: 1024,
        argon2_iterations: 1,
        login_failures_per_address: i64::MAX,
        ..Config::default()
    };
    let setup = Instant::now();
    assert!(
        web::demo::seed(&store, &config).await.expect("demo data"),
        "fresh database"
    );
    let maker = PersonId(
        store
            .account_by_login(MAKER)
            .await
            .expect("lookup")
            .expect("demo login")
            .person_id,
    );
    let example = Agreement::from_json(LONGEST).expect("seed 004");
    let id = store
        .create_agreement(&maker, &example)
        .await
        .expect("the example as the ESA director's agreement");
    let others = distinct_agreements(&store, &example, settings.documents).await;
    let server = Server::start(AppState::new(store.clone(), config)).await;
    let base = server.base.clone();
    let same = vec![format!("{base}/agreements/{id}/pa1.pdf")];
    let distinct: Vec<String> = others
        .iter()
        .map(|id| format!("{base}/agreements/{id}/pa1.pdf"))
        .collect();

    let n = settings.clients;
    let mut setup_errors = Sample::default();
    let readers = sign_in_many(&base, READER, 1, &mut setup_errors).await;
    let makers = sign_in_many(&base, MAKER, n, &mut setup_errors).await;
    let officers = sign_in_many(&base, OFFICER, n, &mut setup_errors).await;
    let (Some(reader), Some(maker), Some(officer)) =
        (readers.first(), makers.first(), officers.first())
    else {
        server.stop().await;
        return format!(
            "### {engine}: setup failed\n\nSetup errors: {:?}\n",
            setup_errors.errors
        );
    };
    // Warm-up, not measured: the first render loads the fonts and the templates.
    let mut warm = Sample::default();
    let pdf_bytes = download(&same[0], maker, &mut warm).await.unwrap_or(0);
    light(&base, reader, &mut Sample::default()).await;
    let setup_wall = setup.elapsed();

    let (secs, interval) = (settings.seconds, settings.interval);
    let light_by = Some((base.as_str(), reader, interval));
    let mut alone = phase(secs, Vec::new(), &[], light_by).await;
    let mut same_one = phase(secs, same.clone(), std::slice::from_ref(maker), None).await;
    let mut distinct_one = phase(secs, distinct.clone(), std::slice::from_ref(officer), None).await;
    let mut same_many = phase(secs, same.clone(), &makers, light_by).await;
    let mut distinct_many = phase(secs, distinct.clone(), &officers, light_by).await;
    let memory = common::memory();
    server.stop().await;

    let (m, d) = (makers.len(), officers.len());
    let ms = interval.as_millis();
    let mut report = vec![
        format!(
            "### {engine}: PA 1 PDF downloads beside a light page, {cores} cores, {secs} s per phase"
        ),
        String::new(),
        common::TABLE_HEADER[0].into(),
        common::TABLE_HEADER[1].into(),
        alone.light.row(
            &format!("1. light page (GET {LIGHT}) every {ms} ms, alone"),
            alone.light_wall,
            &alone.cpu,
        ),
        same_one.pdf.row(
            "2. PDF of seed 004, the same again, 1 client",
            same_one.wall,
            &same_one.cpu,
        ),
        distinct_one.pdf.row(
            &format!(
                "3. PDF, {} distinct documents in turn, 1 client",
                distinct.len()
            ),
            distinct_one.wall,
            &distinct_one.cpu,
        ),
        same_many.light.row(
            &format!("4a. light page every {ms} ms, beside {m} clients downloading as 2"),
            same_many.light_wall,
            &same_many.cpu,
        ),
        same_many.pdf.row(
            &format!("4b. PDF of seed 004, the same again, {m} clients back to back"),
            same_many.wall,
            "",
        ),
        distinct_many.light.row(
            &format!("5a. light page every {ms} ms, beside {d} clients downloading as 3"),
            distinct_many.light_wall,
            &distinct_many.cpu,
        ),
        distinct_many.pdf.row(
            &format!("5b. PDF, distinct documents in turn, {d} clients back to back"),
            distinct_many.wall,
            "",
        ),
        String::new(),
    ];
    // `row` sorted the samples, so the percentiles below read them in order.
    let times = |p: &Phase, q: f64| {
        let alone = alone.light.percentile(q);
        if alone > 0.0 {
            p.light.percentile(q) / alone
        } else {
            0.0
        }
    };
    let per_s = |p: &Phase| p.pdf.millis.len() as f64 / p.wall.as_secs_f64();
    let mb_s = |p: &Phase| p.bytes as f64 / 1e6 / p.wall.as_secs_f64();
    report.push(format!(
        "The light page beside {m} downloaders of one document: p50 ×{:.1}, p99 ×{:.1} of its \
         time alone; beside {d} downloaders of distinct documents: p50 ×{:.1}, p99 ×{:.1}. \
         PDFs per second: {:.2} (1 client) and {:.2} ({m} clients, {:.2} MB/s) for one document \
         again, {:.2} (1 client) and {:.2} ({d} clients, {:.2} MB/s) for distinct documents. \
         Seed 004 (ESA director, booklet) is {:.0} KB of PDF. Setup (demo data, {} more \
         agreements, {} sign-ins, one warm-up render of {:.0} ms) took {:.1} s, not measured. \
         Memory after phase 5: {memory}. Machine CPU is the whole machine's over each phase: \
         this process is the app and the load generator, the rest anything else running.",
        times(&same_many, 0.50),
        times(&same_many, 0.99),
        times(&distinct_many, 0.50),
        times(&distinct_many, 0.99),
        per_s(&same_one),
        per_s(&same_many),
        mb_s(&same_many),
        per_s(&distinct_one),
        per_s(&distinct_many),
        mb_s(&distinct_many),
        pdf_bytes as f64 / 1024.0,
        distinct.len(),
        1 + m + d,
        warm.millis.first().copied().unwrap_or(0.0),
        setup_wall.as_secs_f64(),
    ));
    report.push(String::new());
    report.extend(common::error_lines([
        &setup_errors,
        &warm,
        &alone.light,
        &same_one.pdf,
        &distinct_one.pdf,
        &same_many.light,
        &same_many.pdf,
        &distinct_many.light,
        &distinct_many.pdf,
    ]));
    report.join("\n")
}

fn main() {
    common::main::<Settings>();
}
