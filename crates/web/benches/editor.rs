//! The PA editor under many makers at once: page load and autosave latency, on SQLite and on
//! PostgreSQL.
//!
//! `cargo bench -p thaipa-web --bench editor [-- --makers 200 --seconds 30 --think-ms 1000-2000
//! --engine sqlite|postgres|all]` starts the app in-process with the demo data, as `load` does,
//! and for each engine:
//! 1. setup, not measured: adds the makers (ครูชำนาญการ in the demo schools, each with an
//!    account), signs each in over HTTP and starts their blank agreement (POST /agreements);
//! 2. every maker, for the given seconds, loads the editor (GET /agreements/{id}/edit, the whole
//!    body read), then autosaves three times (POST /agreements/{id}/save as the editor's script
//!    does: the whole form, ~50 fields of which ~20 are Thai texts of a few hundred characters,
//!    each save on the version the previous one answered), thinking 1–2 s before each save.
//!
//! The think time makes the figure one of a realistic load (people type between autosaves), not
//! of the most requests the server can take; `--think-ms 0` measures that instead. Password
//! hashing is cheap here: logins are setup. `THAIPA_BENCH_MAKERS`, `THAIPA_BENCH_SECONDS`,
//! `THAIPA_BENCH_THINK_MS` and `THAIPA_BENCH_ENGINES` set the same things; arguments win. The
//! report (a Markdown table per engine with the whole machine's CPU use, errors by kind, and a
//! check that every acknowledged save is in the database) is printed and written to
//! `target/bench/editor-<engine>.md`; server warnings go to stderr (`THAIPA_LOG` sets the
//! filter). Without `--bench` (that is, under `cargo test`) it does nothing.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Cpu, Sample, Server, after, client, transport, unexpected};
use domain::directory::{CitizenId, PersonRecord, PersonRow};
use rand::{Rng, SeedableRng};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, LOCATION};
use store::{AgreementId, Store};
use tokio::sync::Semaphore;
use web::{AppState, Config};

/// Autosaves per page load: someone opens the editor, types a while, and opens it again later.
const SAVES_PER_LOAD: usize = 3;

struct Settings {
    makers: usize,
    seconds: u64,
    /// Think time before each autosave, drawn uniformly from this range (ms).
    think_ms: (u64, u64),
    engines: Vec<String>,
}

impl common::Bench for Settings {
    const NAME: &'static str = "editor";
    const USAGE: &'static str = "usage: cargo bench -p thaipa-web --bench editor -- \
                                 [--makers N] [--seconds N] [--think-ms MIN-MAX] \
                                 [--engine sqlite|postgres|all]";

    fn read() -> Result<Settings, String> {
        let [makers, seconds, think, engines] = common::options([
            ("--makers", "THAIPA_BENCH_MAKERS", "200"),
            ("--seconds", "THAIPA_BENCH_SECONDS", "30"),
            ("--think-ms", "THAIPA_BENCH_THINK_MS", "1000-2000"),
            ("--engine", "THAIPA_BENCH_ENGINES", "all"),
        ])?;
        let engines = common::engines(&engines)?;
        let (low, high) = think.split_once('-').unwrap_or((&think, &think));
        let think_ms = match (low.trim().parse(), high.trim().parse()) {
            (Ok(l), Ok(h)) if l <= h => (l, h),
            _ => return Err(format!("think-ms: {think}")),
        };
        Ok(Settings {
            makers: common::positive("makers", &makers)?,
            seconds: common::seconds(&seconds)?,
            think_ms,
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

/// Thai texts as a teacher writes them in a PA 1, for the long fields.
const SENTENCES: [&str; 8] = [
    "จัดทำแผนการจัดการเรียนรู้รายวิชาภาษาไทย ชั้นประถมศึกษาปีที่ 4 จำนวน 20 แผน โดยเน้นกิจกรรมการอ่านจับใจความและการคิดวิเคราะห์ ",
    "ออกแบบกิจกรรมการเรียนรู้แบบร่วมมือ ใช้สื่อเทคโนโลยีและแหล่งเรียนรู้ในชุมชน เพื่อให้ผู้เรียนได้ฝึกปฏิบัติจริงและสร้างองค์ความรู้ด้วยตนเอง ",
    "วัดและประเมินผลตามสภาพจริงด้วยเครื่องมือที่หลากหลาย ได้แก่ แบบสังเกตพฤติกรรม แบบประเมินชิ้นงาน และแบบทดสอบวัดผลสัมฤทธิ์ทางการเรียน ",
    "นำผลการประเมินมาวิเคราะห์เพื่อปรับปรุงการจัดการเรียนรู้ และจัดกิจกรรมซ่อมเสริมให้ผู้เรียนที่มีผลการเรียนต่ำกว่าเกณฑ์ทุกสัปดาห์ ",
    "ร่วมกิจกรรมชุมชนการเรียนรู้ทางวิชาชีพกับเพื่อนครูในกลุ่มสาระ เพื่อแลกเปลี่ยนเรียนรู้และสะท้อนผลการจัดการเรียนรู้ภาคเรียนละไม่น้อยกว่า 10 ครั้ง ",
    "ประสานความร่วมมือกับผู้ปกครองผ่านการเยี่ยมบ้านและกลุ่มไลน์ของห้องเรียน เพื่อติดตามพฤติกรรมการเรียนและส่งเสริมนิสัยรักการอ่านที่บ้าน ",
    "ผู้เรียนร้อยละ 80 มีผลสัมฤทธิ์ทางการเรียนรายวิชาภาษาไทยอยู่ในระดับดีขึ้นไป และสามารถอ่านจับใจความสำคัญจากเรื่องที่อ่านได้อย่างถูกต้อง ",
    "จัดทำรายงานผลการพัฒนางานตามข้อตกลงพร้อมหลักฐานร่องรอยการปฏิบัติงาน และเผยแพร่ผ่านเว็บไซต์ของโรงเรียนเมื่อสิ้นปีงบประมาณ ",
];

/// The whole form the editor's script posts, learnt once from a blank editor page: every input
/// it names, each list grown to a realistic number of rows, each field given a plausible value.
struct FullForm {
    fields: Vec<(String, String)>,
    /// The field each save changes, as typing does.
    edited: usize,
    long_texts: usize,
}

impl FullForm {
    fn learn(page: &str) -> Result<FullForm, String> {
        let quoted = |marker: &str| -> Vec<String> {
            page.split(marker)
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .map(str::to_owned)
                .collect()
        };
        let mut seen = BTreeSet::new();
        let names: Vec<String> = quoted(" name=\"")
            .into_iter()
            .filter(|n| n.starts_with('/') && seen.insert(n.clone()))
            .collect();
        let lists = quoted("data-list=\"");
        let months: Vec<String> = quoted("<option value=\"")
            .into_iter()
            .filter(|m| !m.is_empty())
            .take(12)
            .collect();
        let first_type = after(page, "name=\"/types\" value=\"").map(str::to_owned);
        if names.is_empty() || months.is_empty() {
            return Err("the editor page names no fields or months".into());
        }
        let mut form = FullForm {
            fields: Vec::new(),
            edited: 0,
            long_texts: 0,
        };
        for name in names {
            let list = lists
                .iter()
                .find(|l| name == format!("{l}/0") || name.starts_with(&format!("{l}/0/")));
            let Some(list) = list else {
                form.push(&name, 0, &months, first_type.as_deref());
                continue;
            };
            let rows = if list.ends_with("/steps") { 6 } else { 2 };
            let rest = &name[list.len() + 2..];
            for r in 0..rows {
                form.push(
                    &format!("{list}/{r}{rest}"),
                    r,
                    &months,
                    first_type.as_deref(),
                );
            }
        }
        Ok(form)
    }

    /// One field of row `r` of its list, valued by what its name says it holds.
    fn push(&mut self, name: &str, r: usize, months: &[String], first_type: Option<&str>) {
        let last = name.rsplit('/').next().unwrap_or_default();
        let month = |i: usize| months[i.min(months.len() - 1)].clone();
        let value = match last {
            "types" => first_type.unwrap_or_default().to_owned(),
            "full_time" => "true".into(),
            "part_time_reason" => String::new(),
            "hours" if name.contains("/subjects/") => ["8", "6"][r % 2].into(),
            "hours" if name.starts_with("/workload/items/0/") => "14".into(),
            "hours" => "2".into(),
            "subject" => ["ภาษาไทย ป.4", "ภาษาไทย ป.5"][r % 2].into(),
            "start" => month(2 * r),
            "end" => month(2 * r + 1),
            "value" => ["80", "75"][r % 2].into(),
            "unit" => "ร้อยละ".into(),
            "what" => "ผู้เรียนที่มีผลสัมฤทธิ์ทางการเรียนระดับดีขึ้นไป".into(),
            "note" | "intro" | "policy" => SENTENCES[self.fields.len() % 8].trim().into(),
            "title" => "การพัฒนาความสามารถในการอ่านจับใจความของผู้เรียนชั้นประถมศึกษาปีที่ 4 โดยใช้กิจกรรมการเรียนรู้แบบร่วมมือ".into(),
            _ => {
                if last == "problem" || self.long_texts == 0 {
                    self.edited = self.fields.len();
                }
                self.long_texts += 1;
                let k = self.fields.len();
                (0..3).map(|i| SENTENCES[(k + i) % 8]).collect::<String>()
            }
        };
        self.fields.push((name.to_owned(), value));
    }

    /// The post of a maker's `n`-th save: the form on `version`, one text changed.
    fn post(&self, csrf: &str, version: i64, n: usize) -> Vec<(String, String)> {
        let mut out = Vec::with_capacity(self.fields.len() + 2);
        out.push(("csrf".to_owned(), csrf.to_owned()));
        out.push(("version".to_owned(), version.to_string()));
        out.extend(self.fields.iter().cloned());
        if let Some((_, text)) = out.get_mut(self.edited + 2) {
            text.push_str(&mark(n));
        }
        out
    }
}

/// Whether the stored content holds the text the `n`-th save changed.
fn has_mark(content: &domain::agreement::Agreement, n: usize) -> bool {
    serde_json::to_string(content).is_ok_and(|json| json.contains(&mark(n)))
}

fn mark(n: usize) -> String {
    format!("ปรับปรุงครั้งที่ {n}")
}

/// A maker ready to edit: signed in, agreement started.
struct Maker {
    client: reqwest::Client,
    csrf: String,
    id: String,
}

/// Adds `n` ครูชำนาญการ with accounts to the demo schools; returns their logins.
async fn add_makers(store: &Store, config: &Config, n: usize) -> Vec<String> {
    let hash = web::auth::hash_password(config, web::demo::DEMO_PASSWORD.into())
        .await
        .expect("hash");
    let (first, last) = (["สมใจ", "ศิริพร", "อนุชา", "มาลัย"], ["รักเรียน", "ดีงาม", "สอนดี"]);
    let mut logins = Vec::with_capacity(n);
    for i in 0..n {
        let record = PersonRecord::try_from(PersonRow {
            citizen_id: CitizenId::from_number(320_000_000_000 + i as u64)
                .as_str()
                .to_owned(),
            title: "นาง".into(),
            first_name: first[i % first.len()].into(),
            last_name: last[i % last.len()].into(),
            position: "ครู".into(),
            standing: "ชำนาญการ".into(),
            salary_scale: "คศ.2".into(),
            salary: String::new(),
            unit_code: format!("DEMO-S{:02}", i % 10 + 1),
            email: format!("bench{i}@example.org"),
            phone: String::new(),
        })
        .unwrap_or_else(|e| panic!("bench maker {i}: {e:?}"));
        let id = store.create_person(None, &record).await.expect("person");
        let login = format!("bench-maker-{i}");
        store
            .set_account(None, &id, &login, &hash, false)
            .await
            .expect("account");
        logins.push(login);
    }
    logins
}

/// Signs one maker in and starts their blank agreement, as a browser does.
async fn prepare(base: &str, login: &str) -> Result<Maker, String> {
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
        StatusCode::SEE_OTHER => {}
        s => return Err(unexpected("POST /login", s)),
    }
    let home = c.get(format!("{base}/")).send().await;
    let home = home.map_err(|e| transport("GET /", &e))?;
    let home = home.text().await.map_err(|e| transport("GET /", &e))?;
    let csrf = after(&home, "<meta name=\"csrf-token\" content=\"")
        .ok_or("GET /: no csrf meta tag")?
        .to_owned();
    let form = [("csrf", csrf.as_str()), ("from", "blank")];
    let r = c
        .post(format!("{base}/agreements"))
        .form(&form)
        .send()
        .await;
    let r = r.map_err(|e| transport("POST /agreements", &e))?;
    let location = r.headers().get(LOCATION).and_then(|l| l.to_str().ok());
    let id = location
        .and_then(|l| l.strip_prefix("/agreements/")?.strip_suffix("/edit"))
        .ok_or(format!("POST /agreements: {} to {location:?}", r.status()))?
        .to_owned();
    Ok(Maker {
        client: c,
        csrf,
        id,
    })
}

/// The editor page, whole, and its `version` field; a failure is counted in `s`.
async fn load_editor(base: &str, m: &Maker, s: &mut Sample) -> Option<(i64, String)> {
    let t = Instant::now();
    let url = format!("{base}/agreements/{}/edit", m.id);
    let page = match m.client.get(url).send().await {
        Ok(r) if r.status() == StatusCode::OK => {
            r.text().await.map_err(|e| transport("GET edit body", &e))
        }
        Ok(r) => Err(unexpected("GET edit", r.status())),
        Err(e) => Err(transport("GET edit", &e)),
    };
    let version = page.and_then(|page| {
        let version = after(&page, "name=\"version\" value=\"").and_then(|v| v.parse().ok());
        Ok((version.ok_or("GET edit: no version field")?, page))
    });
    match version {
        Ok(v) => {
            s.ok(t);
            Some(v)
        }
        Err(e) => {
            s.fail(e);
            None
        }
    }
}

/// What an autosave answered.
enum Saved {
    /// Stored as this version.
    As(i64),
    /// Refused as stale; the current version.
    Stale(Option<i64>),
    Failed,
}

async fn autosave(base: &str, m: &Maker, post: &[(String, String)], s: &mut Sample) -> Saved {
    let t = Instant::now();
    let url = format!("{base}/agreements/{}/save", m.id);
    let sent = m
        .client
        .post(url)
        .header(ACCEPT, "application/json")
        .form(post)
        .send()
        .await;
    let answer = match sent {
        Ok(r) => {
            let status = r.status();
            r.json::<serde_json::Value>()
                .await
                .map(|body| (status, body))
                .map_err(|e| format!("POST save: {status}, {}", transport("JSON", &e)))
        }
        Err(e) => Err(transport("POST save", &e)),
    };
    let (status, body) = match answer {
        Ok(answer) => answer,
        Err(e) => {
            s.fail(e);
            return Saved::Failed;
        }
    };
    match (status, body["version"].as_i64()) {
        (StatusCode::OK, Some(v)) => {
            s.ok(t);
            Saved::As(v)
        }
        (StatusCode::CONFLICT, _) => {
            s.fail("POST save: 409 Conflict".into());
            Saved::Stale(body["current"].as_i64())
        }
        _ => {
            // A 422 names the first field refused.
            let field = body["errors"][0]["path"].as_str().unwrap_or_default();
            s.fail(format!("POST save: {status} {field}").trim_end().to_owned());
            Saved::Failed
        }
    }
}

/// Sleeps for a think time, but not past the deadline; false when the deadline has passed.
async fn think(rng: &mut rand::rngs::StdRng, (low, high): (u64, u64), deadline: Instant) -> bool {
    let pause = Duration::from_millis(rng.gen_range(low..=high));
    let left = deadline.saturating_duration_since(Instant::now());
    tokio::time::sleep(pause.min(left)).await;
    Instant::now() < deadline
}

/// One maker until the deadline: load the editor, then autosave three times. Returns the page
/// loads, the saves and how many saves were acknowledged.
async fn edit_loop(
    base: &str,
    m: &Maker,
    form: &FullForm,
    seed: u64,
    think_ms: (u64, u64),
    deadline: Instant,
) -> (Sample, Sample, usize) {
    let (mut pages, mut saves, mut n) = (Sample::default(), Sample::default(), 0);
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    // Makers open the editor at different moments, not all in one burst.
    let _ = think(&mut rng, (0, think_ms.1), deadline).await;
    while Instant::now() < deadline {
        let Some((mut version, _)) = load_editor(base, m, &mut pages).await else {
            let _ = think(&mut rng, think_ms, deadline).await;
            continue;
        };
        for _ in 0..SAVES_PER_LOAD {
            if !think(&mut rng, think_ms, deadline).await {
                break;
            }
            match autosave(base, m, &form.post(&m.csrf, version, n + 1), &mut saves).await {
                Saved::As(v) => {
                    version = v;
                    n += 1;
                }
                Saved::Stale(Some(current)) => version = current,
                Saved::Stale(None) | Saved::Failed => break,
            }
        }
    }
    (pages, saves, n)
}

async fn run(engine: &str, settings: &Settings, cores: usize) -> String {
    let (store, _dir) = common::open_store(engine).await;
    // Cheap hashing (logins are setup here), the per-address throttle out of the way: every
    // maker is 127.0.0.1.
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
    let logins = add_makers(&store, &config, settings.makers).await;
    let server = Server::start(AppState::new(store.clone(), config)).await;
    let base = server.base.clone();

    let gate = Arc::new(Semaphore::new(16));
    let tasks: Vec<_> = logins
        .into_iter()
        .map(|login| {
            let (base, gate) = (base.clone(), gate.clone());
            tokio::spawn(async move {
                let _permit = gate.acquire().await.expect("semaphore");
                prepare(&base, &login).await
            })
        })
        .collect();
    let (mut makers, mut setup_errors) = (Vec::new(), Sample::default());
    for task in tasks {
        match task.await.expect("setup task") {
            Ok(m) => makers.push(m),
            Err(e) => setup_errors.fail(e),
        }
    }
    let mut learn_errors = Sample::default();
    let form = match makers.first() {
        Some(m) => match load_editor(&base, m, &mut learn_errors).await {
            Some((_, page)) => FullForm::learn(&page).map(|form| (form, page.len())),
            None => Err(format!("{:?}", learn_errors.errors)),
        },
        None => Err("no maker could start an agreement".into()),
    };
    let (form, page_bytes) = match form {
        Ok((form, page_bytes)) => (Arc::new(form), page_bytes),
        Err(e) => {
            server.stop().await;
            return format!(
                "### {engine}: setup failed\n\n{e}\n\nSetup errors: {:?}\n",
                setup_errors.errors
            );
        }
    };
    let setup_wall = setup.elapsed();
    let body_bytes = serde_urlencoded::to_string(form.post("x", 1, 1)).map_or(0, |b| b.len());

    let cpu = Cpu::now();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(settings.seconds);
    let think_ms = settings.think_ms;
    let tasks: Vec<_> = makers
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let (base, form) = (base.clone(), form.clone());
            tokio::spawn(async move {
                let result = edit_loop(&base, &m, &form, i as u64, think_ms, deadline).await;
                (m.id, result)
            })
        })
        .collect();
    let (mut pages, mut saves, mut acknowledged) =
        (Sample::default(), Sample::default(), Vec::new());
    for task in tasks {
        let (id, (p, s, n)) = task.await.expect("maker task");
        pages.merge(p);
        saves.merge(s);
        acknowledged.push((id, n));
    }
    let wall = started.elapsed();
    let cpu = Cpu::busy_since_with_process(cpu);
    server.stop().await;

    // Every acknowledged save must be in the database: version 1 at the start, one per save.
    let mut lost = Vec::new();
    for (id, n) in &acknowledged {
        let stored = store.agreement(&AgreementId(id.clone())).await;
        match stored {
            Ok(a) if a.version == 1 + *n as i64 && (*n == 0 || has_mark(&a.content, *n)) => {}
            Ok(a) if a.version == 1 + *n as i64 => {
                lost.push(format!("{id}: the text of save {n} is missing"))
            }
            Ok(a) => lost.push(format!("{id}: version {} after {n} saves", a.version)),
            Err(e) => lost.push(format!("{id}: {e}")),
        }
    }

    let n = acknowledged.len();
    let mut report = vec![
        format!(
            "### {engine}: {n} concurrent makers, {cores} cores, {} s, think time {}–{} ms before each autosave",
            settings.seconds, think_ms.0, think_ms.1
        ),
        String::new(),
        common::TABLE_HEADER[0].into(),
        common::TABLE_HEADER[1].into(),
        pages.row("page load (GET /agreements/{id}/edit)", wall, &cpu),
        saves.row("autosave (POST /agreements/{id}/save)", wall, ""),
        String::new(),
        format!(
            "Each maker loads the editor, then autosaves {SAVES_PER_LOAD} times, thinking {}–{} ms \
             before each save: a realistic load, not the server's limit. A save posts the whole \
             form: {} fields, {} of them Thai texts of a few hundred characters, {:.0} KB \
             urlencoded; a blank editor page is {:.0} KB. Setup (demo data, {n} makers signed in, \
             agreements started) took {:.1} s, not measured. Machine CPU is the whole machine's \
             over the measured phase: this process is the app and the load generator, the rest \
             PostgreSQL and anything else running.",
            think_ms.0,
            think_ms.1,
            form.fields.len(),
            form.long_texts,
            body_bytes as f64 / 1024.0,
            page_bytes as f64 / 1024.0,
            setup_wall.as_secs_f64(),
        ),
        String::new(),
        if lost.is_empty() {
            format!(
                "All {n} agreements are at the version, and hold the text, of their last \
                 acknowledged save."
            )
        } else {
            format!(
                "Agreements not as their last acknowledged save left them: {}",
                lost.join("; ")
            )
        },
        String::new(),
    ];
    report.extend(common::error_lines([&setup_errors, &pages, &saves]));
    report.join("\n")
}

fn main() {
    common::main::<Settings>();
}
