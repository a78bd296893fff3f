use std::io::Read;

use domain::agreement::Agreement;
use domain::catalog::Catalog;
use domain::thai::Digits;

use super::*;

fn example(name: &str) -> Agreement {
    let path = format!("{}/../../examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    Agreement::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn pa1_of(a: &Agreement, options: Options) -> Pa1 {
    let form = Catalog::embedded().get(&a.form).unwrap();
    Pa1::new(form, a, &options)
}

/// The text of a PDF's pages as typst laid them out (no external tool needed).
pub(crate) fn laid_out_text(doc: &Document) -> String {
    let pages = pdf::layout(doc, &[]).unwrap();
    let mut out = String::new();
    for page in pages.pages() {
        collect_text(&page.frame, &mut out);
    }
    out
}

fn collect_text(frame: &typst::layout::Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            typst::layout::FrameItem::Group(g) => collect_text(&g.frame, out),
            typst::layout::FrameItem::Text(t) => out.push_str(&t.text),
            _ => {}
        }
    }
}

#[test]
fn the_esa_form_prints_in_thai_digits_and_binds_as_a_booklet() {
    let d = pa1_of(&example("seed-004-esa-director"), Options::default());
    assert_eq!(d.code, "PA ๑/บก.");
    assert!(d.thai_digits);
    let b = d
        .booklet
        .as_ref()
        .expect("an ESA director's agreement is bound");
    assert!(b.cover_title.iter().any(|l| l.contains("๒๕๖๗")));
    assert!(!b.preface.is_empty());
}

#[test]
fn a_teacher_form_is_not_bound_unless_asked_and_digits_follow_the_option() {
    let a = example("teacher-obec-senior-professional");
    let d = pa1_of(&a, Options::default());
    assert!(d.booklet.is_none());
    assert!(!d.thai_digits);
    let thai = pa1_of(
        &a,
        Options {
            digits: Some(Digits::Thai),
            booklet: Some(true),
        },
    );
    assert!(thai.thai_digits && thai.booklet.is_some());
    assert!(thai.part1.workload.heading.starts_with('๑'));
    assert!(!thai.part1.workload.heading.contains('1'));
}

#[test]
fn ticked_boxes_follow_the_agreement() {
    let a = example("teacher-obec-senior-professional");
    let d = pa1_of(&a, Options::default());
    let types = d.types.expect("a teacher form has classroom types");
    let ticked: usize = types
        .groups
        .iter()
        .flat_map(|g| &g.options)
        .filter(|c| c.ticked)
        .count();
    assert_eq!(ticked, a.types.len());
    assert_eq!(d.approval.approve.ticked, a.approval.is_some());
}

#[test]
fn the_maker_text_is_data_never_markup() {
    let mut a = example("teacher-obec-senior-professional");
    let sneaky = "#panic(\"x\") *ตัวหนา* $x^2$ <label> @ref // comment \\ [brackets] #{1+1}";
    a.part1[0].tasks = sneaky.to_owned();
    let form = Catalog::embedded().get(&a.form).unwrap();
    let doc = Document::pa1(form, &a, &Options::default());
    let text = laid_out_text(&doc);
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert!(squash(&text).contains(&squash(sneaky)), "{text}");
}

#[test]
fn the_pdf_embeds_laksaman() {
    let a = example("teacher-obec-senior-professional");
    let form = Catalog::embedded().get(&a.form).unwrap();
    let pdf = Document::pa1(form, &a, &Options::default())
        .render(Format::Pdf)
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let needle = b"Laksaman";
    assert!(pdf.windows(needle.len()).any(|w| w == needle));
}

#[test]
fn a_booklet_ends_each_page_with_the_first_words_of_the_next() {
    let a = example("seed-004-esa-director");
    let form = Catalog::embedded().get(&a.form).unwrap();
    let doc = Document::pa1(form, &a, &Options::default());
    let first = pdf::layout(&doc, &[]).unwrap();
    let cues = pdf::cues(&first);
    assert_eq!(cues.len(), first.pages().len());
    assert!(
        cues.last().unwrap().is_empty(),
        "the last page has no next page"
    );
    let body: Vec<&String> = cues[3..cues.len() - 1].iter().collect();
    assert!(
        body.iter().all(|c| c.starts_with('/') && c.ends_with('…')),
        "{body:?}"
    );
    // The repeated table head is not the next page's first words.
    let head = &form.part1.columns[0];
    assert!(
        !body
            .iter()
            .any(|c| head.starts_with(c.trim_matches(['/', '…']))),
        "{body:?}"
    );
}

fn docx_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn the_docx_names_th_sarabun_new_for_thai_and_repeats_table_heads() {
    let a = example("seed-000-school-director");
    let form = Catalog::embedded().get(&a.form).unwrap();
    let bytes = Document::pa1(form, &a, &Options::default())
        .render(Format::Docx)
        .unwrap();
    let xml = docx_xml(&bytes);
    assert!(
        xml.contains("w:cs=\"TH Sarabun New\""),
        "complex-script font"
    );
    assert!(
        xml.contains("<w:szCs w:val=\"32\""),
        "complex-script size 16 pt"
    );
    assert!(xml.contains("<w:tblHeader />"));
    assert!(
        xml.contains(
            &a.part1[0]
                .tasks
                .lines()
                .next()
                .unwrap()
                .replace('"', "&quot;")
        )
    );
}

#[test]
fn a_booklet_numbers_its_front_matter_in_letters_and_the_form_from_one() {
    let a = example("seed-004-esa-director");
    let form = Catalog::embedded().get(&a.form).unwrap();
    let pages = pdf::layout(&Document::pa1(form, &a, &Options::default()), &[]).unwrap();
    let texts: Vec<String> = pages
        .pages()
        .iter()
        .map(|p| {
            let mut out = String::new();
            collect_text(&p.frame, &mut out);
            out
        })
        .collect();
    assert!(
        !["- ก -", "- ๑ -", "- 1 -"]
            .iter()
            .any(|n| texts[0].contains(n)),
        "the cover has no number"
    );
    assert!(
        texts[1].contains("- ก -") && texts[1].contains("คำนำ"),
        "{}",
        texts[1]
    );
    let first = texts.iter().position(|t| t.contains("PA ๑/บก.")).unwrap();
    assert!(texts[first].contains("- ๑ -"), "{}", texts[first]);
    assert!(texts[first + 1].contains("- ๒ -"));
}
