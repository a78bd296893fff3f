//! Rendering benchmark: the seed-004 ESA booklet (the longest example) to PDF and to DOCX,
//! cold (a fresh process: fonts parsed, templates compiled, nothing memoised) and warm (the
//! same process, a changed document each time, as a server sees it), with peak memory; and the
//! same document converted from DOCX to PDF by LibreOffice, which is what offices do today.
//!
//! Not part of `cargo test`; run `cargo bench -p thaipa-docs --bench render`. Needs GNU time
//! (`/usr/bin/time`) and LibreOffice (`soffice`), both installed by `scripts/test.sh`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use docs::{Document, Format, Options};
use domain::agreement::Agreement;
use domain::catalog::Catalog;

const ONCE: &str = "THAIPA_RENDER_ONCE";
const WARM_RUNS: usize = 15;
const COLD_RUNS: usize = 5;

fn example() -> Agreement {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seed-004-esa-director.json");
    Agreement::from_json(&std::fs::read_to_string(path).expect("example")).expect("valid example")
}

fn document(a: &Agreement) -> Document {
    let form = Catalog::embedded().get(&a.form).expect("form in catalog");
    Document::pa1(form, a, &Options::default())
}

fn format_of(name: &str) -> Format {
    if name == "docx" {
        Format::Docx
    } else {
        Format::Pdf
    }
}

fn main() {
    // Child mode: render once and exit; the parent times the whole process.
    if let Ok(name) = std::env::var(ONCE) {
        let bytes = document(&example())
            .render(format_of(&name))
            .expect("render");
        if let Ok(out) = std::env::var("THAIPA_RENDER_OUT") {
            std::fs::write(out, bytes).expect("write");
        }
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    println!("seed-004 ESA booklet (examples/seed-004-esa-director.json)");
    println!(
        "{:<40} {:>10} {:>10} {:>12}",
        "", "median", "min", "peak RSS"
    );
    let mut pdf_cold = Duration::ZERO;
    for name in ["pdf", "docx"] {
        let out = dir.path().join(format!("seed-004.{name}"));
        let (times, rss) = repeat(COLD_RUNS, || {
            let mut cmd = Command::new(std::env::current_exe().expect("exe"));
            cmd.env(ONCE, name).env("THAIPA_RENDER_OUT", &out);
            cmd
        });
        if name == "pdf" {
            pdf_cold = median(&times);
        }
        row(
            &format!("{name}: cold (new process, whole run)"),
            &times,
            Some(rss),
        );
        let a = example();
        let mut times = Vec::new();
        for i in 0..WARM_RUNS + 1 {
            // A changed task text each time, so nothing is served from typst's memo cache.
            let mut changed = a.clone();
            changed.part1[0].tasks.push_str(&format!(" (ฉบับที่ {i})"));
            let doc = document(&changed);
            let t = Instant::now();
            let bytes = doc.render(format_of(name)).expect("render");
            if i > 0 {
                times.push(t.elapsed());
            }
            assert!(!bytes.is_empty());
        }
        row(
            &format!("{name}: warm (in process, changed document)"),
            &times,
            None,
        );
    }
    let docx = dir.path().join("seed-004.docx");
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    // The first LibreOffice start creates its profile; offices have one already.
    let _ = convert(&profile, &docx, dir.path()).status();
    let (times, rss) = repeat(COLD_RUNS, || convert(&profile, &docx, dir.path()));
    row("LibreOffice DOCX -> PDF (soffice)", &times, Some(rss));
    let lo = median(&times);
    println!(
        "\nPDF (cold, whole process) is {:.1}x faster than LibreOffice's conversion",
        lo.as_secs_f64() / pdf_cold.as_secs_f64()
    );
}

fn convert(profile: &str, docx: &Path, out: &Path) -> Command {
    let mut cmd = Command::new("soffice");
    cmd.args([profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out.join("lo"))
        .arg(docx);
    cmd
}

/// Runs a command `n` times under GNU time: wall times and the largest peak RSS in KiB.
fn repeat(n: usize, make: impl Fn() -> Command) -> (Vec<Duration>, u64) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..n {
        let inner = make();
        let report: PathBuf =
            std::env::temp_dir().join(format!("thaipa-time-{}", std::process::id()));
        let mut cmd = Command::new("/usr/bin/time");
        cmd.arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&report)
            .arg(inner.get_program());
        cmd.args(inner.get_args());
        for (k, v) in inner.get_envs() {
            if let Some(v) = v {
                cmd.env(k, v);
            }
        }
        let t = Instant::now();
        let status = cmd.status().expect("GNU time (/usr/bin/time) runs");
        times.push(t.elapsed());
        assert!(status.success(), "{cmd:?} failed");
        let kib: u64 = std::fs::read_to_string(&report)
            .ok()
            .and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok()))
            .unwrap_or(0);
        peak = peak.max(kib);
    }
    (times, peak)
}

fn median(times: &[Duration]) -> Duration {
    let mut t = times.to_vec();
    t.sort();
    t[t.len() / 2]
}

fn row(label: &str, times: &[Duration], rss_kib: Option<u64>) {
    let min = times.iter().min().copied().unwrap_or_default();
    let rss = rss_kib.map_or("-".to_owned(), |k| format!("{:.0} MiB", k as f64 / 1024.0));
    println!(
        "{label:<40} {:>8.0}ms {:>8.0}ms {rss:>12}",
        median(times).as_secs_f64() * 1000.0,
        min.as_secs_f64() * 1000.0
    );
}
