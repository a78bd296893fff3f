use super::*;
use domain::catalog::Catalog;

fn example() -> (&'static Form, Agreement) {
    let a = Agreement::from_json(include_str!(
        "../../../../examples/teacher-obec-senior-professional.json"
    ))
    .expect("example parses");
    let form = Catalog::embedded().get(&a.form).expect("form in catalog");
    (form, a)
}

#[test]
fn header_lines_fill_the_makers_values_at_their_paths() {
    let (form, a) = example();
    let view = PrintView::new(form, &a);
    let runs: Vec<&Run> = view.header.iter().flatten().collect();
    let at = |path: &str| -> Vec<&str> {
        runs.iter()
            .filter(|r| r.path.as_deref() == Some(path))
            .map(|r| r.text.as_str())
            .collect()
    };
    assert_eq!(at("/maker/first_name"), ["สุภาพร"]);
    assert_eq!(at("/fiscal_year"), ["2568"]);
    // 2024-10-01 .. 2025-09-30 prints as 1 ตุลาคม 2567 .. 30 กันยายน 2568.
    assert_eq!(at("/period/start"), ["1", "ตุลาคม", "2567"]);
    assert_eq!(at("/period/end"), ["30", "กันยายน", "2568"]);
    assert!(runs.iter().all(|r| !r.text.contains('{')), "{runs:?}");
    assert_eq!(view.code, "PA 1/ส");
}

#[test]
fn the_ticked_type_and_the_approvers_decision_are_marked() {
    let (form, a) = example();
    let view = PrintView::new(form, &a);
    let types = view.types.expect("teacher form has classroom types");
    let ticked: Vec<&str> = types
        .groups
        .iter()
        .flat_map(|g| &g.options)
        .filter(|o| o.ticked)
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(ticked, ["ห้องเรียนวิชาสามัญหรือวิชาพื้นฐาน"]);
    assert_eq!(view.approval.approve.mark, TICKED);
    assert_eq!(view.approval.reject.mark, EMPTY);
}

#[test]
fn teaching_hours_are_listed_per_subject_with_their_sum() {
    let (form, a) = example();
    let view = PrintView::new(form, &a);
    let teaching = &view.workload.items[0];
    assert_eq!(teaching.subjects.len(), 5);
    assert_eq!(teaching.subject_total.as_deref(), Some("16"));
    assert_eq!(teaching.hours.text, "16");
    assert_eq!(view.workload.total.as_deref(), Some("25"));
}

#[test]
fn steps_are_drawn_over_the_fiscal_years_months_october_first() {
    let (form, a) = example();
    let view = PrintView::new(form, &a);
    assert_eq!(view.part2.months.first(), Some(&"ต.ค."));
    assert_eq!(view.part2.months.last(), Some(&"ก.ย."));
    let steps = &view.part2.challenges[0].steps;
    // Step 2 runs 2024-10 .. 2024-11: October and November.
    let on: Vec<usize> = (0..12).filter(|m| steps[1].cells[*m]).collect();
    assert_eq!(on, [0, 1]);
    assert_eq!(steps[1].start.text, "ต.ค. 2567");
}

#[test]
fn a_finding_links_to_its_field_or_the_nearest_enclosing_one() {
    let (form, a) = example();
    let view = PrintView::new(form, &a);
    assert_eq!(
        view.anchor("/part1/0/tasks").as_deref(),
        Some("/part1/0/tasks")
    );
    assert_eq!(view.anchor("/maker/first_name").as_deref(), Some("/maker"));
    assert_eq!(
        view.anchor("/challenges/0/method/steps/3/start").as_deref(),
        Some("/challenges/0/method")
    );
    assert_eq!(view.anchor("/nowhere"), None);
    assert!(view.has_slot("/part1/0/outcomes/learners"));
    assert!(!view.has_slot("/part1/99/tasks"));
}

#[test]
fn a_form_printed_with_thai_digits_numbers_in_thai_digits() {
    let (_, a) = example();
    let form = Catalog::embedded()
        .get("teacher-local-w9-2564-v1")
        .expect("local teacher form");
    let view = PrintView::new(form, &a);
    assert_eq!(view.workload.heading, "๑. ภาระงาน");
    assert!(view.header.iter().flatten().any(|r| r.text == "๒๕๖๘"));
}

#[test]
fn comments_being_written_and_earlier_ones_land_on_their_fields() {
    let (form, a) = example();
    let comments = Comments {
        open: true,
        drafts: BTreeMap::from([("/part1/0/tasks".to_owned(), "ระบุจำนวนคาบ".to_owned())]),
        earlier: BTreeMap::from([("/challenges/0/title".to_owned(), "ชื่อเรื่องกว้างไป".to_owned())]),
    };
    let view = PrintView::with_comments(form, &a, &comments);
    assert!(view.commentable);
    assert_eq!(view.part1.rows[0].tasks_slot.draft, "ระบุจำนวนคาบ");
    assert_eq!(
        view.part2.challenges[0].title_slot.earlier.as_deref(),
        Some("ชื่อเรื่องกว้างไป")
    );
}
