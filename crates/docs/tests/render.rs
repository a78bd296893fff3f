//! Every example renders to PDF and Word, and the documents carry every word the maker wrote:
//! the PDF's text as pdftotext reads it, and the Word file as LibreOffice converts it to PDF.
//! The self-report of the teacher example is rendered with results, evidence and a picture.
//!
//! Needs `pdftotext` (poppler-utils) and `soffice` (LibreOffice), which the test command
//! installs; without them these tests fail rather than pass unchecked.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use docs::{Document, Format, Options, Pa1};
use domain::agreement::Agreement;
use domain::catalog::Catalog;
use domain::report::{EvidenceItem, EvidenceKind, SelfReport};
use domain::scoring::Evaluation;
use domain::thai::normalize::normalize;

const AGREEMENTS: [&str; 6] = [
    "deputy-esa-director",
    "deputy-school-director",
    "seed-000-school-director",
    "seed-004-esa-director",
    "teacher-local-senior-expert",
    "teacher-obec-senior-professional",
];

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn agreement(name: &str) -> Agreement {
    let text = std::fs::read_to_string(examples().join(format!("{name}.json"))).unwrap();
    Agreement::from_json(&text).unwrap()
}

fn pa1(name: &str) -> (Agreement, Document) {
    let a = agreement(name);
    let form = Catalog::embedded().get(&a.form).unwrap();
    let doc = Document::pa1(form, &a, &Options::default());
    (a, doc)
}

fn committee() -> String {
    std::fs::read_to_string(examples().join("scores/teacher-committee.json")).unwrap()
}

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?} could not start (is it installed?): {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF in content-stream order (`-raw`): the order typst laid it out in, which
/// keeps each table cell's lines together where poppler's column detection would interleave
/// them.
fn pdf_text(path: &Path) -> String {
    run(Command::new("pdftotext").arg("-raw").arg(path).arg("-"))
}

/// Thai combining marks: vowels and tone marks above or below, and sara am.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E33}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// Text compared without whitespace, after the Thai repairs the checker applies to pasted PDF
/// text (displaced tone marks, doubled marks), and with an immediately repeated cluster of a
/// letter and its marks written once: poppler reads a cluster that typst wraps in ActualText
/// ("ฤทธิ์") twice. Both sides get the same treatment, so a word that is really missing is
/// still missed.
fn squash(text: &str) -> String {
    // Spaces go first: pdftotext puts one where justification widened a gap inside a word
    // ("ฝ่ าย"), and the repair for a sara am split by a space would read that as "ฝ่ำย".
    let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let flat: Vec<char> = normalize(&joined).chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(flat.len());
    let mut i = 0;
    while i < flat.len() {
        let mut end = i + 1;
        while end < flat.len() && is_mark(flat[end]) {
            end += 1;
        }
        let cluster = &flat[i..end];
        let repeated = cluster.len() > 1 && out.ends_with(cluster);
        if !repeated {
            out.extend_from_slice(cluster);
        }
        i = end;
    }
    out.into_iter().collect()
}

/// Whether `wanted` appears in `hay` as runs in order, each at least six letters (the last may
/// be shorter): a table cell that breaks across pages comes out of the PDF in runs with the
/// rest of its row and the repeated table head between them. A missing word ends a run, and
/// the text after it must then start a new run further on, which it cannot.
///
/// Each run is the longest that fits; when the same words also occur elsewhere that choice can
/// overshoot, so the text is also matched from its end backwards.
fn covered(hay: &[char], wanted: &[char]) -> bool {
    let reversed = |s: &[char]| s.iter().rev().copied().collect::<Vec<char>>();
    runs_in_order(hay, wanted) || runs_in_order(&reversed(hay), &reversed(wanted))
}

fn runs_in_order(hay: &[char], wanted: &[char]) -> bool {
    const MIN: usize = 6;
    let mut from = 0;
    let mut rest = wanted;
    while !rest.is_empty() {
        let after = &hay[from.min(hay.len())..];
        // The longest prefix of `rest` found at or after `from`, and its first place.
        let (mut lo, mut hi, mut at) = (0, rest.len(), 0);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            match find(after, &rest[..mid]) {
                Some(p) => {
                    lo = mid;
                    at = from + p;
                }
                None => hi = mid - 1,
            }
        }
        if lo == 0 || (lo < rest.len() && lo < MIN) {
            return false;
        }
        from = at + lo;
        rest = &rest[lo..];
    }
    true
}

fn find(hay: &[char], needle: &[char]) -> Option<usize> {
    hay.windows(needle.len().max(1)).position(|w| w == needle)
}

fn missing<'a>(text: &str, wanted: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let hay: Vec<char> = squash(text).chars().collect();
    wanted
        .into_iter()
        .flat_map(str::lines)
        .filter(|w| {
            let w: Vec<char> = squash(w).chars().collect();
            !w.is_empty() && !covered(&hay, &w)
        })
        .map(|w| w.chars().take(60).collect())
        .collect()
}

#[test]
fn the_run_check_fails_on_missing_or_reordered_words() {
    let chars = |s: &str| squash(s).chars().collect::<Vec<char>>();
    let hay = chars("นักเรียนร้อยละ 80 มีผลสัมฤทธิ์ระดับดี | หัวตาราง | ขึ้นไปในรายวิชาคณิตศาสตร์");
    let cell = "นักเรียนร้อยละ 80 มีผลสัมฤทธิ์ระดับดีขึ้นไปในรายวิชาคณิตศาสตร์";
    assert!(covered(&hay, &chars(cell)));
    assert!(!covered(&hay, &chars("นักเรียนร้อยละ 90 มีผลสัมฤทธิ์ระดับดี")));
    assert!(!covered(
        &hay,
        &chars("ขึ้นไปในรายวิชาคณิตศาสตร์ นักเรียนร้อยละ 80")
    ));
    assert!(!covered(
        &hay,
        &chars("นักเรียนร้อยละ 80 มีผลสัมฤทธิ์ระดับดีมากในรายวิชาคณิตศาสตร์")
    ));
    assert_eq!(squash("ผลสัมฤทธิ์ธิ์สูง"), squash("ผลสัมฤทธิ์สูง"));
}

fn evidence(id: &str, kind: EvidenceKind, title: &str) -> EvidenceItem {
    EvidenceItem {
        id: id.to_owned(),
        kind,
        title: title.to_owned(),
        description: String::new(),
        date: None,
        indicators: Vec::new(),
        challenges: Vec::new(),
        file_name: String::new(),
        media_type: String::new(),
        size: 0,
        url: String::new(),
        pages: None,
        duration_seconds: None,
        inline: false,
    }
}

/// A small picture that is plainly a picture: a blue-to-green gradient with a red band.
fn png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(160, 100, |x, y| {
        if (40..60).contains(&y) {
            image::Rgb([200, 30, 30])
        } else {
            image::Rgb([0, (x * 255 / 160) as u8, (255 - y * 2) as u8])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// The teacher example's self-report, filled in: a result per row, a value reached for every
/// target (the second short of its target), a PDF, a clip and a link as evidence, an
/// explanation for an indicator without any, and the clip's thumbnail to print. Returns the
/// document and the texts it must carry.
fn self_report() -> (Document, Vec<String>) {
    let a = agreement("teacher-obec-senior-professional");
    let form = Catalog::embedded().get(&a.form).unwrap();
    let mut r = SelfReport::blank(&a);
    for (i, row) in r.part1.iter_mut().enumerate() {
        row.done = format!(
            "ดำเนินการตามขั้นตอนที่วางไว้ในแถวที่ {} ครบถ้วนและบันทึกผลหลังการสอนทุกครั้ง",
            i + 1
        );
        row.achieved = format!(
            "นักเรียนร้อยละ {} ผ่านเกณฑ์การประเมินตามตัวชี้วัดของแถวที่ {}",
            70 + i,
            i + 1
        );
    }
    let reached = [82.5, 80.0, 72.0];
    for (t, v) in r.challenges[0].targets.iter_mut().zip(reached) {
        t.achieved = Some(v);
    }
    r.challenges[0].qualitative =
        "นักเรียนอธิบายขั้นตอนการแยกตัวประกอบด้วยแผ่นพีชคณิตได้และช่วยเหลือกันในกลุ่ม".to_owned();
    r.explanations.insert(
        "3.3".to_owned(),
        "กิจกรรมชุมชนการเรียนรู้ทางวิชาชีพรอบที่สองเลื่อนไปภาคเรียนหน้า".to_owned(),
    );
    let mut plan = evidence(
        "ev-plan",
        EvidenceKind::File,
        "แผนการจัดการเรียนรู้หน่วยการแยกตัวประกอบของพหุนาม",
    );
    plan.media_type = "application/pdf".to_owned();
    plan.file_name = "plan.pdf".to_owned();
    plan.pages = Some(12);
    plan.date = NaiveDate::from_ymd_opt(2024, 11, 15);
    plan.indicators = vec!["1.1".to_owned(), "1.2".to_owned()];
    plan.description = "แผนที่ใช้สอนจริงในภาคเรียนที่ 2/2567".to_owned();
    let mut clip = evidence("ev-clip", EvidenceKind::File, "คลิปการสอนเรื่องแผ่นพีชคณิต");
    clip.media_type = "video/mp4".to_owned();
    clip.file_name = "lesson.mp4".to_owned();
    clip.duration_seconds = Some(2700.0);
    clip.indicators = vec!["1.3".to_owned()];
    clip.challenges = vec![0];
    let mut link = evidence("ev-link", EvidenceKind::Link, "แฟ้มผลงานนักเรียนออนไลน์");
    link.url = "https://drive.google.com/drive/folders/portfolio-m2".to_owned();
    link.indicators = vec!["2.1".to_owned()];
    let items = vec![plan, clip, link];
    let images = vec![("ev-clip".to_owned(), png())];
    let doc = Document::report(form, &a, &r, &items, &images, &Options::default());

    let mut texts: Vec<String> = r
        .part1
        .iter()
        .flat_map(|row| [row.done.clone(), row.achieved.clone()])
        .collect();
    texts.extend(a.challenges[0].quantitative.iter().map(|t| t.text.clone()));
    texts.push(r.challenges[0].qualitative.clone());
    texts.extend(r.explanations.values().cloned());
    texts.extend([
        "แผนการจัดการเรียนรู้หน่วยการแยกตัวประกอบของพหุนาม (PDF 12 หน้า)".to_owned(),
        "คลิปการสอนเรื่องแผ่นพีชคณิต (วิดีโอ 45 นาที)".to_owned(),
        "แฟ้มผลงานนักเรียนออนไลน์ (ลิงก์ https://drive.google.com/drive/folders/portfolio-m2)".to_owned(),
        "ภาพที่ 1 คลิปการสอนเรื่องแผ่นพีชคณิต".to_owned(),
        a.maker.full_name(),
    ]);
    (doc, texts)
}

/// Each target's row as the table prints it: the value promised, the value reached, the verdict.
const VERDICTS: [&str; 3] = [
    "ร้อยละ 75 ร้อยละ 82.5 บรรลุ",
    "ร้อยละ 85 ร้อยละ 80 ไม่บรรลุ",
    "ร้อยละ 70 ร้อยละ 72 บรรลุ",
];

#[test]
fn the_self_report_prints_each_target_against_its_result_with_the_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let (doc, _) = self_report();
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, doc.render(Format::Pdf).unwrap()).unwrap();
    let docx = dir.path().join("report.docx");
    std::fs::write(&docx, doc.render(Format::Docx).unwrap()).unwrap();
    for (name, text) in [("PDF", pdf_text(&pdf)), ("DOCX", docx_text(&docx))] {
        let text = squash(&text);
        for v in VERDICTS {
            assert!(text.contains(&squash(v)), "{name} lacks {v}");
        }
    }
}

#[test]
fn the_self_report_embeds_its_picture_in_both_formats() {
    let (doc, _) = self_report();
    let pdf = doc.render(Format::Pdf).unwrap();
    let needle = b"/Subtype/Image";
    assert!(
        pdf.windows(needle.len()).any(|w| w == needle),
        "no image in the PDF"
    );
    let docx = doc.render(Format::Docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let media: Vec<String> = zip
        .file_names()
        .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
        .map(str::to_owned)
        .collect();
    assert_eq!(media.len(), 1, "{media:?}");
    let mut png = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name(&media[0]).unwrap(), &mut png).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "Word gets the picture as PNG");
}

/// Renders every document of the examples into `dir`, returning (file stem, texts it must hold).
fn render_all(dir: &Path, format: Format) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for name in AGREEMENTS {
        let (a, doc) = pa1(name);
        let bytes = doc.render(format).unwrap();
        std::fs::write(dir.join(format!("{name}.{}", format.extension())), bytes).unwrap();
        let texts = Pa1::maker_texts(&a)
            .into_iter()
            .map(str::to_owned)
            .collect();
        out.push((name.to_owned(), texts));
    }
    let (doc, texts) = self_report();
    let bytes = doc.render(format).unwrap();
    std::fs::write(dir.join(format!("report.{}", format.extension())), bytes).unwrap();
    out.push(("report".to_owned(), texts));
    let text = committee();
    let e = Evaluation::from_json(&text, Catalog::embedded()).unwrap();
    let teacher = agreement("teacher-obec-senior-professional");
    for (stem, doc) in [
        (
            "pa2",
            Document::pa2(&e, Some(&teacher), None, &Options::default()),
        ),
        (
            "pa3",
            Document::pa3(&e, Some(&teacher), &Options::default()),
        ),
    ] {
        let bytes = doc.render(format).unwrap();
        std::fs::write(dir.join(format!("{stem}.{}", format.extension())), bytes).unwrap();
        let mut texts: Vec<String> = e.sheets.iter().map(|s| s.name.clone()).collect();
        texts.push(teacher.maker.full_name());
        if stem == "pa2" {
            texts.extend(e.sheets.iter().map(|s| s.comment.clone()));
            texts.extend(e.form.indicators().map(|(_, i)| i.name.clone()));
        } else {
            texts.push("ผ่านเกณฑ์".to_owned());
        }
        out.push((stem.to_owned(), texts));
    }
    out
}

#[test]
fn every_example_renders_to_pdf_with_all_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (stem, texts) in render_all(dir.path(), Format::Pdf) {
        let text = pdf_text(&dir.path().join(format!("{stem}.pdf")));
        let lost = missing(&text, texts.iter().map(String::as_str));
        if !lost.is_empty() {
            failures.push(format!(
                "{stem}.pdf lacks {} texts, first: {:?}",
                lost.len(),
                lost[0]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The text of a Word file: its runs, a line per paragraph.
fn docx_text(path: &Path) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        for run in para.split("<w:t").skip(1) {
            // Only `<w:t>` and `<w:t xml:space=…>`, not `<w:tc>`, `<w:tr>` or `<w:tbl>`.
            if !run.starts_with(['>', ' ']) {
                continue;
            }
            let Some(open) = run.find('>') else { continue };
            let body = &run[open + 1..];
            let text = body.split("</w:t>").next().unwrap_or_default();
            out.push_str(
                &text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            );
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_example_renders_to_docx_with_all_its_text_and_libreoffice_converts_it() {
    let dir = tempfile::tempdir().unwrap();
    let docs = render_all(dir.path(), Format::Docx);
    let mut failures = Vec::new();
    for (stem, texts) in &docs {
        let text = docx_text(&dir.path().join(format!("{stem}.docx")));
        let lost = missing(&text, texts.iter().map(String::as_str));
        if !lost.is_empty() {
            failures.push(format!(
                "{stem}.docx lacks {} texts, first: {:?}",
                lost.len(),
                lost[0]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // One LibreOffice start for all files; its profile lives in the temp dir, not in $HOME.
    let out = dir.path().join("converted");
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let mut cmd = Command::new("soffice");
    cmd.args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out);
    for (stem, _) in &docs {
        cmd.arg(dir.path().join(format!("{stem}.docx")));
    }
    run(&mut cmd);
    for (stem, texts) in &docs {
        let pdf = out.join(format!("{stem}.pdf"));
        assert!(pdf.exists(), "LibreOffice did not convert {stem}.docx");
        // LibreOffice writes a table's lines across its cells, so the converted text is checked
        // for what lies outside the tables: the title and the people named.
        let text = pdf_text(&pdf);
        let title = match stem.as_str() {
            "pa3" => "แบบสรุปผลการประเมิน",
            "report" => "รายงานผลการพัฒนางานตามข้อตกลง",
            _ => "แบบ",
        };
        assert!(
            squash(&text).contains(&squash(title)),
            "{stem}: {text:.300}"
        );
        let named = texts
            .iter()
            .filter(|t| !t.contains('\n') && t.chars().count() < 40);
        for t in named.filter(|t| t.starts_with("นา") || t.starts_with("ดร")) {
            assert!(
                squash(&text).contains(&squash(t)),
                "{stem} (LibreOffice) lacks {t}"
            );
        }
    }
}
