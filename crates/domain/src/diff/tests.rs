//! What the approver sees changed between two versions.

use std::path::PathBuf;

use super::*;
use crate::agreement::Step;
use crate::catalog::Catalog;

const TEACHER: &str = "teacher-obec-senior-professional.json";

fn load(name: &str) -> Agreement {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Agreement::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn form(a: &Agreement) -> &'static Form {
    Catalog::embedded()
        .get(&a.form)
        .unwrap_or_else(|| panic!("form {}", a.form))
}

fn paths(changes: &[Change]) -> Vec<&str> {
    changes.iter().map(|c| c.path.as_str()).collect()
}

#[test]
fn flatten_gives_every_field_the_maker_writes_as_display_text() {
    let a = load(TEACHER);
    let flat = flatten(&a);
    let at = |p: &str| flat.get(p).map(String::as_str);
    assert_eq!(at("/maker/first_name"), Some("สุภาพร"));
    assert_eq!(at("/maker/standing"), Some("ครูชำนาญการพิเศษ"));
    assert_eq!(at("/types"), Some("general"));
    assert_eq!(at("/workload/items/0/hours"), Some("16"));
    assert_eq!(at("/workload/items/0/subjects/1/hours"), Some("4"));
    assert_eq!(at("/challenges/0/method/steps/0/start"), Some("2024-10"));
    assert_eq!(at("/challenges/0/quantitative/0/value"), Some("75"));
    assert_eq!(
        at("/part1/0/outcomes/learners"),
        Some(a.part1[0].outcomes["learners"].as_str())
    );
    assert_eq!(at("/workload/full_time"), Some(""));
    assert_eq!(at("/booklet/preface"), None);
}

#[test]
fn flatten_writes_full_time_in_thai() {
    let mut a = load(TEACHER);
    a.workload.full_time = Some(false);
    assert_eq!(flatten(&a)["/workload/full_time"], "ไม่เต็มเวลา");
    a.workload.full_time = Some(true);
    assert_eq!(flatten(&a)["/workload/full_time"], "เต็มเวลา");
}

#[test]
fn flatten_joins_the_preface_paragraphs_with_a_blank_line() {
    let a = load("seed-004-esa-director.json");
    let preface = a.booklet.as_ref().map(|b| b.preface.join("\n\n"));
    assert_eq!(flatten(&a).get("/booklet/preface").cloned(), preface);
}

#[test]
fn identical_versions_have_no_changes() {
    let a = load(TEACHER);
    assert!(diff(form(&a), &a, &a.clone()).is_empty());
}

#[test]
fn a_changed_text_is_reported_with_its_label_and_both_texts() {
    let before = load(TEACHER);
    let mut after = before.clone();
    after.part1[0].tasks = "งานใหม่".into();
    let changes = diff(form(&after), &before, &after);
    assert_eq!(paths(&changes), vec!["/part1/0/tasks"]);
    let c = &changes[0];
    assert_eq!(
        c.label,
        "ส่วนที่ 1 ตัวชี้วัด 1.1 สร้างและหรือพัฒนาหลักสูตร: งาน (Tasks)"
    );
    assert_eq!(c.before, before.part1[0].tasks);
    assert_eq!(c.after, "งานใหม่");
}

#[test]
fn spans_are_character_runs_with_neighbours_of_one_kind_merged() {
    let before = load(TEACHER);
    let mut after = before.clone();
    after.challenges[0].qualitative[0] = "ร้อยละ 70 ดี".into();
    let mut base = before.clone();
    base.challenges[0].qualitative[0] = "ร้อยละ 65 ดี".into();
    let changes = diff(form(&after), &base, &after);
    let spans: Vec<(SpanKind, &str)> = changes[0]
        .spans
        .iter()
        .map(|s| (s.kind, s.text.as_str()))
        .collect();
    assert_eq!(
        spans,
        vec![
            (SpanKind::Same, "ร้อยละ "),
            (SpanKind::Removed, "65"),
            (SpanKind::Added, "70"),
            (SpanKind::Same, " ดี"),
        ]
    );
}

#[test]
fn changes_come_in_document_order() {
    let before = load(TEACHER);
    let mut after = before.clone();
    after.part1[10].tasks.push_str(" เพิ่ม");
    after.part1[2].tasks.push_str(" เพิ่ม");
    after.challenges[0].title.push_str(" เพิ่ม");
    after.workload.items[0].hours = Some(17.0);
    after.maker.unit = "โรงเรียนใหม่".into();
    assert_eq!(
        paths(&diff(form(&after), &before, &after)),
        vec![
            "/maker/unit",
            "/workload/items/0/hours",
            "/part1/2/tasks",
            "/part1/10/tasks",
            "/challenges/0/title",
        ]
    );
}

#[test]
fn a_removed_row_is_listed_after_the_fields_of_the_new_version() {
    let before = load(TEACHER);
    let mut after = before.clone();
    let last = after.challenges[0].method.steps.len() - 1;
    after.challenges[0].method.steps.pop();
    after.maker.unit = "โรงเรียนใหม่".into();
    let changes = diff(form(&after), &before, &after);
    let steps = format!("/challenges/0/method/steps/{last}");
    assert_eq!(
        paths(&changes),
        vec![
            "/maker/unit".to_owned(),
            format!("{steps}/text"),
            format!("{steps}/start"),
            format!("{steps}/end"),
        ]
    );
    assert!(changes[1].after.is_empty() && !changes[1].before.is_empty());
    assert!(changes[1].spans.iter().all(|s| s.kind == SpanKind::Removed));
}

#[test]
fn an_added_row_shows_what_it_holds_and_an_added_empty_row_is_no_change() {
    let before = load(TEACHER);
    let mut after = before.clone();
    after.challenges[0].method.steps.push(Step::default());
    assert!(diff(form(&after), &before, &after).is_empty());
    after.challenges[0].qualitative.push("ข้อใหม่".into());
    let changes = diff(form(&after), &before, &after);
    assert_eq!(paths(&changes), vec!["/challenges/0/qualitative/3"]);
    assert!(changes[0].before.is_empty());
    assert_eq!(
        changes[0].spans,
        vec![Span {
            kind: SpanKind::Added,
            text: "ข้อใหม่".into()
        }]
    );
}

#[test]
fn a_changed_tick_and_number_are_changes() {
    let before = load(TEACHER);
    let mut after = before.clone();
    after.types.push("vocational".into());
    after.challenges[0].quantitative[0].value = Some(80.5);
    let changes = diff(form(&after), &before, &after);
    assert_eq!(
        paths(&changes),
        vec!["/types", "/challenges/0/quantitative/0/value"]
    );
    assert_eq!(changes[0].after, "general, vocational");
    assert_eq!(changes[1].after, "80.5");
}

#[test]
fn spans_of_two_long_unrelated_texts_still_rebuild_both_texts() {
    let text = |step: u32| -> String {
        (0..10_000u32)
            .filter_map(|i| char::from_u32(0x0E01 + i * step % 40))
            .collect()
    };
    let (before, after) = (text(7), text(13));
    let s = spans(&before, &after);
    let side = |skip: SpanKind| -> String {
        s.iter()
            .filter(|x| x.kind != skip)
            .map(|x| x.text.as_str())
            .collect()
    };
    assert_eq!(side(SpanKind::Added), before);
    assert_eq!(side(SpanKind::Removed), after);
}
