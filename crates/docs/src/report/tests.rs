use domain::agreement::Agreement;
use domain::catalog::Catalog;
use domain::report::{EvidenceItem, EvidenceKind, SelfReport};
use domain::thai::Digits;

use super::*;
use crate::{Document, Format, RenderError};

fn teacher() -> Agreement {
    let path = format!(
        "{}/../../examples/teacher-obec-senior-professional.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Agreement::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn form(a: &Agreement) -> &'static Form {
    Catalog::embedded().get(&a.form).unwrap()
}

fn item(id: &str, kind: EvidenceKind, title: &str) -> EvidenceItem {
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

/// The teacher's report with the first target reached, the second missed, the third blank.
fn results(a: &Agreement) -> SelfReport {
    let mut r = SelfReport::blank(a);
    r.challenges[0].targets[0].achieved = Some(75.0);
    r.challenges[0].targets[1].achieved = Some(84.5);
    r
}

fn report(a: &Agreement, r: &SelfReport, evidence: &[EvidenceItem], options: Options) -> Report {
    Report::new(form(a), a, r, evidence, &[], &options)
}

fn image(format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(40, 20, |x, _| image::Rgb([x as u8 * 6, 90, 160]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

#[test]
fn a_target_reached_is_บรรลุ_one_missed_is_ไม่บรรลุ_and_one_unreported_has_no_verdict() {
    let a = teacher();
    let d = report(&a, &results(&a), &[], Options::default());
    let t = &d.challenges[0].targets;
    assert_eq!(
        (
            t[0].target.as_str(),
            t[0].result.as_str(),
            t[0].verdict.as_str()
        ),
        ("ร้อยละ 75", "ร้อยละ 75", "บรรลุ")
    );
    assert_eq!(
        (t[1].result.as_str(), t[1].verdict.as_str(), t[1].met),
        ("ร้อยละ 84.5", "ไม่บรรลุ", Some(false))
    );
    assert_eq!((t[2].result.as_str(), t[2].verdict.as_str()), ("", ""));
}

#[test]
fn amounts_follow_the_documents_digits_and_a_count_puts_its_unit_after() {
    let mut a = teacher();
    a.challenges[0].quantitative[2].unit = "คน".to_owned();
    a.challenges[0].quantitative[2].value = Some(30.0);
    let mut r = results(&a);
    r.challenges[0].targets[2].achieved = Some(28.0);
    let options = Options {
        digits: Some(Digits::Thai),
        booklet: None,
    };
    let t = &report(&a, &r, &[], options).challenges[0].targets;
    assert_eq!(t[0].target, "ร้อยละ ๗๕");
    assert_eq!(
        (t[2].target.as_str(), t[2].result.as_str()),
        ("๓๐ คน", "๒๘ คน")
    );
}

#[test]
fn evidence_is_listed_by_what_it_is_and_under_the_rows_of_the_indicators_it_proves() {
    let a = teacher();
    let mut pdf = item("p", EvidenceKind::File, "แผนการจัดการเรียนรู้");
    pdf.media_type = "application/pdf".to_owned();
    pdf.pages = Some(12);
    pdf.indicators = vec!["1.1".to_owned()];
    let mut clip = item("c", EvidenceKind::File, "คลิปการสอน");
    clip.media_type = "video/mp4".to_owned();
    clip.duration_seconds = Some(45.0 * 60.0 + 30.0);
    clip.indicators = vec!["1.2".to_owned()];
    clip.challenges = vec![0];
    let mut link = item("l", EvidenceKind::Link, "แฟ้มผลงาน");
    link.url = " https://example.org/portfolio ".to_owned();
    link.indicators = vec!["1.1".to_owned()];
    let mut zip = item("z", EvidenceKind::File, "ภาพกิจกรรม");
    zip.file_name = "photos.zip".to_owned();
    let d = report(
        &a,
        &SelfReport::blank(&a),
        &[pdf, clip, link, zip],
        Options::default(),
    );
    assert_eq!(
        d.rows[0].evidence,
        [
            "แผนการจัดการเรียนรู้ (PDF 12 หน้า)",
            "แฟ้มผลงาน (ลิงก์ https://example.org/portfolio)",
        ]
    );
    assert_eq!(d.rows[1].evidence, ["คลิปการสอน (วิดีโอ 45 นาที 30 วินาที)"]);
    assert_eq!(d.challenges[0].evidence, d.rows[1].evidence);
    assert_eq!(d.evidence[3].kind, "ไฟล์ ZIP");
    assert_eq!(d.evidence[1].proves, ["ตัวชี้วัด 1.2", "ประเด็นท้าทาย"]);
}

#[test]
fn an_indicator_without_evidence_prints_the_makers_explanation_or_says_it_has_none() {
    let a = teacher();
    let mut r = SelfReport::blank(&a);
    r.explanations
        .insert("1.1".to_owned(), "แผนอยู่ระหว่างปรับปรุง".to_owned());
    let d = report(&a, &r, &[], Options::default());
    assert_eq!(
        d.rows[0].unproven,
        ["ตัวชี้วัด 1.1 ไม่มีหลักฐาน เนื่องจาก แผนอยู่ระหว่างปรับปรุง"]
    );
    assert_eq!(d.rows[1].unproven, ["ตัวชี้วัด 1.2 ยังไม่มีหลักฐาน"]);
}

#[test]
fn a_jpeg_picture_prints_in_the_pdf_and_reaches_word_as_png() {
    let a = teacher();
    let clip = item("c", EvidenceKind::File, "คลิปการสอน");
    let images = [("c".to_owned(), image(image::ImageFormat::Jpeg))];
    let doc = Document::report(
        form(&a),
        &a,
        &SelfReport::blank(&a),
        &[clip],
        &images,
        &Options::default(),
    );
    let Document::Report(d) = &doc else {
        unreachable!()
    };
    assert_eq!(d.figures[0].caption, "ภาพที่ 1 คลิปการสอน");
    assert_eq!(d.figures[0].path, "/images/0.jpg");
    assert!(doc.render(Format::Pdf).is_ok());
    let docx = doc.render(Format::Docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let name = zip
        .file_names()
        .find(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .map(str::to_owned)
        .expect("the picture is in the Word file");
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name(&name).unwrap(), &mut bytes).unwrap();
    assert_eq!(ImageFormat::of(&bytes), Some(ImageFormat::Png));
}

#[test]
fn a_picture_that_is_not_one_is_refused_by_its_caption_in_thai() {
    let a = teacher();
    let images = [("x".to_owned(), b"GIF89a not supported".to_vec())];
    let doc = Document::report(
        form(&a),
        &a,
        &SelfReport::blank(&a),
        &[item("x", EvidenceKind::File, "ภาพกิจกรรม")],
        &images,
        &Options::default(),
    );
    for format in [Format::Pdf, Format::Docx] {
        let message = match doc.render(format) {
            Err(RenderError::Pdf(m) | RenderError::Docx(m)) => m,
            Ok(_) => panic!("{format:?} rendered a picture it cannot read"),
        };
        assert!(
            message.contains("ภาพที่ 1 ภาพกิจกรรม") && message.contains("JPEG หรือ PNG"),
            "{message}"
        );
    }
}

#[test]
fn the_makers_results_are_data_never_markup() {
    let a = teacher();
    let mut r = SelfReport::blank(&a);
    let sneaky = "#panic(\"x\") *ตัวหนา* $x^2$ <label> @ref // comment \\ [brackets] #{1+1}";
    r.part1[0].done = sneaky.to_owned();
    let doc = Document::report(form(&a), &a, &r, &[], &[], &Options::default());
    let text = crate::tests::laid_out_text(&doc);
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert!(squash(&text).contains(&squash(sneaky)), "{text}");
}
