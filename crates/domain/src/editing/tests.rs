//! Blank and carried-over agreements, posts turned into agreements, and labels.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::*;
use crate::agreement::{Decision, Part1Row, YearMonth};
use crate::catalog::Catalog;
use crate::checker;
use crate::diff;

const TEACHER: &str = "teacher-obec-senior-professional.json";
const TEACHER_FORM: &str = "teacher-obec-w9-2564-v1";
const SCHOOL_DIRECTOR_FORM: &str = "school-director-w10-2564-v1";
const ESA: &str = "seed-004-esa-director.json";
const ESA_FORM: &str = "esa-director-w12-2564-v1";

fn load(name: &str) -> Agreement {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Agreement::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn form(id: &str) -> &'static Form {
    Catalog::embedded()
        .get(id)
        .unwrap_or_else(|| panic!("form {id}"))
}

fn teacher() -> Maker {
    load(TEACHER).maker
}

/// A maker the form serves, named so the header is filled.
fn maker_for(form: &Form) -> Maker {
    Maker {
        title: "นาย".into(),
        first_name: "สมชาย".into(),
        last_name: "ใจดี".into(),
        position: Some(form.position),
        standing: form.standings.first().copied(),
        unit: "โรงเรียนทดสอบ".into(),
        ..Maker::default()
    }
}

fn blank_teacher() -> Agreement {
    blank(form(TEACHER_FORM), teacher(), 2568)
}

fn post(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn applied(form_id: &str, base: &Agreement, pairs: &[(&str, &str)]) -> Applied {
    apply(form(form_id), base, &post(pairs)).unwrap_or_else(|e| panic!("refused: {e:?}"))
}

fn refused(form_id: &str, base: &Agreement, pairs: &[(&str, &str)]) -> Vec<FieldError> {
    match apply(form(form_id), base, &post(pairs)) {
        Ok(a) => panic!("accepted: {:?}", a.normalized),
        Err(e) => e,
    }
}

fn only_error(errors: &[FieldError]) -> &FieldError {
    assert_eq!(errors.len(), 1, "{errors:?}");
    &errors[0]
}

/// What the editor posts for an agreement: every input, by the name the editor gives it.
fn posted_by_editor(a: &Agreement) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, value) in diff::fields(a) {
        if path.starts_with("/maker/") {
            continue;
        }
        match path.as_str() {
            "/types" => out.extend(a.types.iter().map(|t| ("/types".to_owned(), t.clone()))),
            "/workload/full_time" => out.push((
                path,
                a.workload
                    .full_time
                    .map(|b| b.to_string())
                    .unwrap_or_default(),
            )),
            _ => out.push((path, value)),
        }
    }
    out
}

// ── blank ────────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_blank_has_one_part1_row_per_area_on_an_area_layout_form() {
    let a = blank_teacher();
    let rows: Vec<(&str, Option<&str>)> = a
        .part1
        .iter()
        .map(|r| (r.area.as_str(), r.indicator.as_deref()))
        .collect();
    assert_eq!(rows, vec![("1", None), ("2", None), ("3", None)]);
}

#[test]
fn a_blank_has_one_part1_row_per_indicator_on_an_indicator_layout_form() {
    let f = form(SCHOOL_DIRECTOR_FORM);
    let a = blank(f, maker_for(f), 2568);
    let want: Vec<(String, Option<String>)> = f
        .indicators()
        .map(|(area, ind)| (area.code.clone(), Some(ind.code.clone())))
        .collect();
    let got: Vec<(String, Option<String>)> = a
        .part1
        .iter()
        .map(|r| (r.area.clone(), r.indicator.clone()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_blank_row_has_an_empty_cell_for_every_target_group() {
    let f = form(SCHOOL_DIRECTOR_FORM);
    let a = blank(f, maker_for(f), 2568);
    let mut groups: Vec<&str> = f
        .part1
        .target_groups
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    groups.sort_unstable();
    for row in &a.part1 {
        assert_eq!(
            row.outcomes.keys().map(String::as_str).collect::<Vec<_>>(),
            groups
        );
        assert_eq!(
            row.indicators
                .keys()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            groups
        );
        assert!(
            row.outcomes
                .values()
                .chain(row.indicators.values())
                .all(String::is_empty)
        );
    }
}

#[test]
fn a_blank_has_the_forms_workload_items_with_one_subject_row_for_teaching_hours() {
    let a = blank_teacher();
    let codes: Vec<&str> = a.workload.items.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, vec!["1.1", "1.2", "1.3", "1.4"]);
    assert_eq!(a.workload.items[0].subjects, vec![SubjectHours::default()]);
    assert!(a.workload.items[1].subjects.is_empty());
    assert!(a.workload.items.iter().all(|l| l.hours.is_none()));
}

#[test]
fn a_blank_leaves_full_time_unanswered() {
    let f = form(ESA_FORM);
    assert!(f.workload.asks_full_time);
    assert_eq!(blank(f, maker_for(f), 2567).workload.full_time, None);
}

#[test]
fn a_blank_has_as_many_challenges_as_the_form_asks_each_with_one_empty_row_per_list() {
    let f = form(ESA_FORM);
    let a = blank(f, maker_for(f), 2567);
    assert_eq!(a.challenges.len(), 3);
    for c in &a.challenges {
        assert_eq!(c.method.steps, vec![Step::default()]);
        assert_eq!(c.quantitative, vec![Target::default()]);
        assert_eq!(c.qualitative, vec![String::new()]);
    }
}

#[test]
fn a_blank_runs_for_the_fiscal_year_on_the_form_it_names() {
    let a = blank_teacher();
    assert_eq!(a.format, FORMAT_VERSION);
    assert_eq!(a.form, TEACHER_FORM);
    assert_eq!(a.fiscal_year, 2568);
    assert_eq!(
        a.period.start,
        NaiveDate::from_ymd_opt(2024, 10, 1).unwrap_or_default()
    );
    assert_eq!(
        a.period.end,
        NaiveDate::from_ymd_opt(2025, 9, 30).unwrap_or_default()
    );
    assert!(a.types.is_empty() && a.approval.is_none() && a.booklet.is_none());
}

#[test]
fn a_blank_signature_names_the_maker_with_position_and_standing() {
    let a = blank_teacher();
    assert_eq!(a.signature.name, "นางสุภาพร วงศ์ศรีทอง");
    assert_eq!(a.signature.position_text, "ครู วิทยฐานะครูชำนาญการพิเศษ");
    assert_eq!(a.signature.date, None);
}

#[test]
fn a_blank_signature_without_a_standing_shows_the_position_only() {
    let f = form(SCHOOL_DIRECTOR_FORM);
    let maker = Maker {
        standing: Some(Standing::None),
        ..maker_for(f)
    };
    assert_eq!(
        blank(f, maker, 2568).signature.position_text,
        "ผู้อำนวยการสถานศึกษา"
    );
}

#[test]
fn the_checker_accepts_the_structure_of_every_forms_blank() {
    let structural = ["PA-E001", "PA-E002", "PA-E003", "PA-E010", "PA-E013"];
    for f in Catalog::embedded().forms() {
        let a = blank(f, maker_for(f), 2568);
        let report = checker::check(f, &a);
        let wrong: Vec<_> = report
            .findings
            .iter()
            .filter(|x| structural.contains(&x.rule) || x.path.ends_with("/code"))
            .collect();
        assert!(wrong.is_empty(), "{}: {wrong:?}", f.id);
        assert!(
            report.has_errors(),
            "{}: a blank has empty cells to fill",
            f.id
        );
    }
}

// ── carry_over ───────────────────────────────────────────────────────────────────────────────

#[test]
fn carrying_over_keeps_the_content_on_the_same_form() {
    let previous = load(TEACHER);
    let next = carry_over(&previous, form(TEACHER_FORM), teacher(), 2569);
    assert_eq!(next.types, previous.types);
    assert_eq!(next.workload, previous.workload);
    assert_eq!(next.part1, previous.part1);
    assert_eq!(next.challenges[0].title, previous.challenges[0].title);
    assert_eq!(
        next.challenges[0].quantitative,
        previous.challenges[0].quantitative
    );
    assert_eq!(
        next.challenges[0].qualitative,
        previous.challenges[0].qualitative
    );
}

#[test]
fn carrying_over_refreshes_the_year_period_form_and_signature_and_drops_the_approval() {
    let previous = load(TEACHER);
    assert!(previous.approval.is_some() && previous.signature.date.is_some());
    let next = carry_over(&previous, form(TEACHER_FORM), teacher(), 2569);
    assert_eq!(next.fiscal_year, 2569);
    assert_eq!(
        next.period.start,
        NaiveDate::from_ymd_opt(2025, 10, 1).unwrap_or_default()
    );
    assert_eq!(next.form, TEACHER_FORM);
    assert_eq!(next.approval, None);
    assert_eq!(next.signature.date, None);
    assert_eq!(next.signature.position_text, "ครู วิทยฐานะครูชำนาญการพิเศษ");
}

#[test]
fn carrying_over_writes_the_new_maker_into_header_and_signature() {
    let previous = load(TEACHER);
    let maker = Maker {
        unit: "โรงเรียนใหม่".into(),
        last_name: "ศรีสุข".into(),
        ..teacher()
    };
    let next = carry_over(&previous, form(TEACHER_FORM), maker.clone(), 2569);
    assert_eq!(next.maker, maker);
    assert_eq!(next.signature.name, "นางสุภาพร ศรีสุข");
}

#[test]
fn carrying_over_moves_step_months_by_the_years_between_fiscal_years() {
    let previous = load(TEACHER);
    let next = carry_over(&previous, form(TEACHER_FORM), teacher(), 2569);
    let ym = |year, month| Some(YearMonth { year, month });
    assert_eq!(previous.challenges[0].method.steps[0].start, ym(2024, 10));
    assert_eq!(next.challenges[0].method.steps[0].start, ym(2025, 10));
    assert_eq!(next.challenges[0].method.steps[7].end, ym(2026, 9));
}

#[test]
fn carrying_over_clears_months_that_fall_outside_the_new_fiscal_year() {
    let mut previous = load(TEACHER);
    previous.challenges[0].method.steps[0].start = Some(YearMonth {
        year: 2024,
        month: 9,
    });
    let next = carry_over(&previous, form(TEACHER_FORM), teacher(), 2569);
    assert_eq!(next.challenges[0].method.steps[0].start, None);
    assert!(next.challenges[0].method.steps[0].end.is_some());
}

#[test]
fn carrying_over_matches_part1_rows_by_code_and_leaves_unmatched_rows_blank() {
    let mut previous = load(TEACHER);
    previous
        .part1
        .retain(|r| r.indicator.as_deref() != Some("2.1"));
    previous.part1.push(Part1Row {
        area: "9".into(),
        tasks: "แถวของด้านที่แบบฟอร์มไม่มี".into(),
        ..Part1Row::default()
    });
    let next = carry_over(&previous, form(TEACHER_FORM), teacher(), 2569);
    let codes: Vec<Option<&str>> = next.part1.iter().map(|r| r.indicator.as_deref()).collect();
    assert_eq!(codes.len(), 15);
    assert!(!next.part1.iter().any(|r| r.area == "9"));
    let row = next
        .part1
        .iter()
        .find(|r| r.indicator.as_deref() == Some("2.1"))
        .unwrap_or_else(|| panic!("row 2.1: {codes:?}"));
    assert!(row.tasks.is_empty());
    assert_eq!(row.outcomes.get("learners").map(String::as_str), Some(""));
    let kept = next
        .part1
        .iter()
        .find(|r| r.indicator.as_deref() == Some("2.2"));
    let was = previous
        .part1
        .iter()
        .find(|r| r.indicator.as_deref() == Some("2.2"));
    assert_eq!(kept, was);
}

#[test]
fn carrying_over_keeps_the_booklet() {
    let previous = load(ESA);
    assert!(previous.booklet.is_some());
    let f = form(ESA_FORM);
    let next = carry_over(&previous, f, previous.maker.clone(), 2568);
    assert_eq!(next.booklet, previous.booklet);
}

// ── apply ────────────────────────────────────────────────────────────────────────────────────

#[test]
fn fields_whose_names_do_not_start_with_a_slash_are_ignored() {
    let base = blank_teacher();
    let a = applied(
        TEACHER_FORM,
        &base,
        &[("csrf", "x"), ("version", "3"), ("foo", "")],
    );
    assert_eq!(a.agreement, base);
}

#[test]
fn posting_the_editors_fields_back_gives_the_same_agreement() {
    let base = load(TEACHER);
    let a = apply(form(TEACHER_FORM), &base, &posted_by_editor(&base))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(a.agreement, base);
    assert!(a.normalized.is_empty(), "{:?}", a.normalized);
}

#[test]
fn ticked_types_replace_the_base_ones() {
    let mut base = blank_teacher();
    base.types = vec!["general".into()];
    let a = applied(
        TEACHER_FORM,
        &base,
        &[("/types", "vocational"), ("/types", "special_education")],
    );
    assert_eq!(a.agreement.types, vec!["vocational", "special_education"]);
}

#[test]
fn no_types_posted_means_no_box_ticked() {
    let mut base = blank_teacher();
    base.types = vec!["general".into()];
    let a = applied(TEACHER_FORM, &base, &[("/part1/0/tasks", "")]);
    assert!(a.agreement.types.is_empty());
}

#[test]
fn an_unknown_type_is_refused() {
    let e = refused(TEACHER_FORM, &blank_teacher(), &[("/types", "rocket")]);
    assert_eq!(only_error(&e).path, "/types");
    assert!(only_error(&e).message.contains("rocket"));
}

#[test]
fn full_time_reads_true_false_or_unanswered() {
    let f = form(ESA_FORM);
    let base = blank(f, maker_for(f), 2567);
    for (posted, want) in [("true", Some(true)), ("false", Some(false)), ("", None)] {
        let a = applied(ESA_FORM, &base, &[("/workload/full_time", posted)]);
        assert_eq!(a.agreement.workload.full_time, want, "{posted:?}");
    }
    let e = refused(ESA_FORM, &base, &[("/workload/full_time", "maybe")]);
    assert_eq!(only_error(&e).path, "/workload/full_time");
}

#[test]
fn workload_hours_and_notes_land_on_the_forms_items_by_index() {
    let mut base = blank_teacher();
    base.workload.items.reverse();
    let a = applied(
        TEACHER_FORM,
        &base,
        &[
            ("/workload/items/1/hours", "4"),
            ("/workload/items/1/note", "ครูที่ปรึกษา"),
        ],
    );
    let line = &a.agreement.workload.items[1];
    assert_eq!(line.code, "1.2");
    assert_eq!(line.hours, Some(4.0));
    assert_eq!(line.note, "ครูที่ปรึกษา");
    assert_eq!(a.agreement.workload.items[0].code, "1.1");
}

#[test]
fn a_workload_item_the_form_does_not_have_is_refused() {
    let e = refused(
        TEACHER_FORM,
        &blank_teacher(),
        &[("/workload/items/4/hours", "1")],
    );
    assert_eq!(only_error(&e).path, "/workload/items/4/hours");
}

#[test]
fn numbers_in_thai_digits_and_with_decimals_are_read() {
    let a = applied(
        TEACHER_FORM,
        &blank_teacher(),
        &[
            ("/workload/items/1/hours", " ๑๘ "),
            ("/workload/items/2/hours", "2.5"),
        ],
    );
    assert_eq!(a.agreement.workload.items[1].hours, Some(18.0));
    assert_eq!(a.agreement.workload.items[2].hours, Some(2.5));
}

#[test]
fn a_value_that_is_not_a_number_is_refused_in_thai() {
    for bad in ["abc", "1,000", "1.2.3", "1e3"] {
        let e = refused(
            TEACHER_FORM,
            &blank_teacher(),
            &[("/workload/items/1/hours", bad)],
        );
        assert_eq!(only_error(&e).message, "กรุณากรอกเป็นตัวเลข", "{bad}");
    }
}

#[test]
fn a_negative_number_is_refused() {
    let e = refused(
        TEACHER_FORM,
        &blank_teacher(),
        &[("/challenges/0/quantitative/0/value", "-5")],
    );
    assert_eq!(only_error(&e).path, "/challenges/0/quantitative/0/value");
    assert!(only_error(&e).message.contains("ติดลบ"));
}

#[test]
fn more_than_168_hours_a_week_is_refused() {
    let base = blank_teacher();
    let e = refused(
        TEACHER_FORM,
        &base,
        &[("/workload/items/0/subjects/0/hours", "169")],
    );
    assert!(only_error(&e).message.contains("168"));
    assert!(
        apply(
            form(TEACHER_FORM),
            &base,
            &post(&[("/workload/items/0/hours", "168")])
        )
        .is_ok()
    );
}

#[test]
fn an_empty_number_is_no_number() {
    let mut base = blank_teacher();
    base.workload.items[1].hours = Some(3.0);
    let a = applied(TEACHER_FORM, &base, &[("/workload/items/1/hours", "  ")]);
    assert_eq!(a.agreement.workload.items[1].hours, None);
}

#[test]
fn subject_rows_are_rebuilt_in_index_order_dropping_empty_ones() {
    let a = applied(
        TEACHER_FORM,
        &blank_teacher(),
        &[
            ("/workload/items/0/subjects/5/subject", "วิทยาศาสตร์"),
            ("/workload/items/0/subjects/5/hours", "3"),
            ("/workload/items/0/subjects/3/subject", ""),
            ("/workload/items/0/subjects/3/hours", ""),
            ("/workload/items/0/subjects/10/subject", "ลูกเสือ"),
            ("/workload/items/0/subjects/2/subject", "คณิตศาสตร์"),
            ("/workload/items/0/subjects/2/hours", "9"),
        ],
    );
    let subjects: Vec<&str> = a.agreement.workload.items[0]
        .subjects
        .iter()
        .map(|s| s.subject.as_str())
        .collect();
    assert_eq!(subjects, vec!["คณิตศาสตร์", "วิทยาศาสตร์", "ลูกเสือ"]);
}

#[test]
fn a_teaching_item_keeps_one_empty_subject_row_when_all_are_cleared() {
    let base = load(TEACHER);
    let a = applied(
        TEACHER_FORM,
        &base,
        &[("/workload/items/0/subjects/0/subject", "")],
    );
    assert_eq!(
        a.agreement.workload.items[0].subjects,
        vec![SubjectHours::default()]
    );
    assert!(a.agreement.workload.items[1].subjects.is_empty());
}

#[test]
fn part1_texts_are_replaced_and_row_codes_kept_from_the_base() {
    let base = load(TEACHER);
    let a = applied(
        TEACHER_FORM,
        &base,
        &[
            ("/part1/3/tasks", "งานใหม่"),
            ("/part1/3/outcomes/learners", "ผลลัพธ์ใหม่"),
            ("/part1/3/indicators/learners", "ตัวชี้วัดใหม่"),
        ],
    );
    let row = &a.agreement.part1[3];
    assert_eq!(
        (row.area.as_str(), row.indicator.as_deref()),
        ("1", Some("1.4"))
    );
    assert_eq!(row.tasks, "งานใหม่");
    assert_eq!(
        row.outcomes.get("learners").map(String::as_str),
        Some("ผลลัพธ์ใหม่")
    );
    assert_eq!(
        row.indicators.get("learners").map(String::as_str),
        Some("ตัวชี้วัดใหม่")
    );
    assert_eq!(a.agreement.part1.len(), base.part1.len());
    assert!(
        a.agreement.part1[0].tasks.is_empty(),
        "not posted, so emptied"
    );
}

#[test]
fn a_part1_row_or_target_group_the_base_does_not_have_is_refused() {
    let e = refused(
        TEACHER_FORM,
        &blank_teacher(),
        &[("/part1/3/tasks", "x"), ("/part1/0/outcomes/teachers", "x")],
    );
    let paths: Vec<&str> = e.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, vec!["/part1/3/tasks", "/part1/0/outcomes/teachers"]);
}

#[test]
fn challenge_texts_steps_and_targets_are_rebuilt_from_the_post() {
    let a = applied(
        TEACHER_FORM,
        &blank_teacher(),
        &[
            ("/challenges/0/title", "เรื่อง"),
            ("/challenges/0/problem", "ปัญหา"),
            ("/challenges/0/method/intro", "แนวทาง"),
            ("/challenges/0/method/steps/1/text", "ขั้นสอง"),
            ("/challenges/0/method/steps/1/start", "2024-11"),
            ("/challenges/0/method/steps/1/end", "2024-12"),
            ("/challenges/0/method/steps/0/text", "ขั้นหนึ่ง"),
            ("/challenges/0/method/steps/0/start", ""),
            ("/challenges/0/quantitative/0/text", "นักเรียนร้อยละ 80"),
            ("/challenges/0/quantitative/0/what", "นักเรียน"),
            ("/challenges/0/quantitative/0/value", "80"),
            ("/challenges/0/quantitative/0/unit", "ร้อยละ"),
            ("/challenges/0/qualitative/0", "มีความสุข"),
            ("/challenges/0/qualitative/1", ""),
        ],
    );
    let c = &a.agreement.challenges[0];
    assert_eq!((c.title.as_str(), c.problem.as_str()), ("เรื่อง", "ปัญหา"));
    assert_eq!(c.method.intro, "แนวทาง");
    let steps: Vec<&str> = c.method.steps.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(steps, vec!["ขั้นหนึ่ง", "ขั้นสอง"]);
    assert_eq!(
        c.method.steps[1].start,
        Some(YearMonth {
            year: 2024,
            month: 11
        })
    );
    assert_eq!(c.method.steps[0].start, None);
    assert_eq!(c.quantitative[0].value, Some(80.0));
    assert_eq!(c.quantitative[0].unit, "ร้อยละ");
    assert_eq!(c.qualitative, vec!["มีความสุข"]);
}

#[test]
fn a_challenge_keeps_one_empty_step_target_and_qualitative_when_none_are_posted() {
    let base = load(TEACHER);
    let a = applied(TEACHER_FORM, &base, &[("/challenges/0/title", "เรื่อง")]);
    let c = &a.agreement.challenges[0];
    assert_eq!(c.method.steps, vec![Step::default()]);
    assert_eq!(c.quantitative, vec![Target::default()]);
    assert_eq!(c.qualitative, vec![String::new()]);
}

#[test]
fn challenges_not_posted_are_emptied_but_their_number_is_kept() {
    let previous = load(ESA);
    let f = form(ESA_FORM);
    let a = applied(ESA_FORM, &previous, &[("/challenges/0/title", "เรื่อง")]);
    assert_eq!(a.agreement.challenges.len(), previous.challenges.len());
    assert!(a.agreement.challenges[2].title.is_empty());
    assert_eq!(f.part2.issue_count, 3);
}

#[test]
fn a_challenge_beyond_the_forms_issue_count_is_refused() {
    let e = refused(
        TEACHER_FORM,
        &blank_teacher(),
        &[("/challenges/1/title", "x")],
    );
    assert_eq!(only_error(&e).path, "/challenges/1/title");
}

#[test]
fn a_month_not_written_yyyy_mm_is_refused() {
    for bad in ["2024-1", "ต.ค. 67", "2024-13"] {
        let e = refused(
            TEACHER_FORM,
            &blank_teacher(),
            &[("/challenges/0/method/steps/0/start", bad)],
        );
        assert!(only_error(&e).message.contains("2024-01"), "{bad}");
    }
}

#[test]
fn texts_are_normalised_and_the_change_is_reported_at_the_posted_name() {
    let a = applied(
        TEACHER_FORM,
        &blank_teacher(),
        &[("/part1/0/tasks", "ส านักงาน  เขตพ้ืนที่ ")],
    );
    assert_eq!(a.agreement.part1[0].tasks, "สำนักงาน เขตพื้นที่");
    assert_eq!(
        a.normalized,
        vec![("/part1/0/tasks".to_owned(), "สำนักงาน เขตพื้นที่".to_owned())]
    );
}

#[test]
fn windows_line_ends_alone_are_not_reported_as_normalised() {
    let a = applied(
        TEACHER_FORM,
        &blank_teacher(),
        &[("/part1/0/tasks", "1. ก\r\n2. ข")],
    );
    assert_eq!(a.agreement.part1[0].tasks, "1. ก\n2. ข");
    assert!(a.normalized.is_empty());
}

#[test]
fn a_text_over_the_limit_is_refused_with_the_limit_and_its_length() {
    let long = "ก".repeat(MAX_TEXT_CHARS + 1);
    let e = refused(TEACHER_FORM, &blank_teacher(), &[("/part1/0/tasks", &long)]);
    let message = &only_error(&e).message;
    assert!(
        message.contains("10,000") && message.contains("10,001"),
        "{message}"
    );
    let exact = "ก".repeat(MAX_TEXT_CHARS);
    assert!(
        apply(
            form(TEACHER_FORM),
            &blank_teacher(),
            &post(&[("/part1/0/tasks", &exact)])
        )
        .is_ok()
    );
}

#[test]
fn a_markup_tag_is_refused() {
    for bad in [
        "ก <b>ข</b>",
        "</p>",
        "<!-- x -->",
        "<?php",
        "<script>alert(1)</script>",
    ] {
        let e = refused(
            TEACHER_FORM,
            &blank_teacher(),
            &[("/challenges/0/problem", bad)],
        );
        assert!(only_error(&e).message.contains("แท็ก"), "{bad}");
    }
}

#[test]
fn a_less_than_sign_that_starts_no_tag_is_text() {
    let a = applied(
        TEACHER_FORM,
        &blank_teacher(),
        &[("/challenges/0/problem", "ร้อยละ < 50 และ <50 และ a<=b")],
    );
    assert_eq!(
        a.agreement.challenges[0].problem,
        "ร้อยละ < 50 และ <50 และ a<=b"
    );
}

#[test]
fn control_characters_are_refused_but_line_breaks_and_tabs_are_not() {
    let e = refused(
        TEACHER_FORM,
        &blank_teacher(),
        &[("/part1/0/tasks", "ก\u{7}ข")],
    );
    assert!(only_error(&e).message.contains("U+0007"));
    assert!(
        apply(
            form(TEACHER_FORM),
            &blank_teacher(),
            &post(&[("/part1/0/tasks", "ก\tข\r\nค")])
        )
        .is_ok()
    );
}

#[test]
fn an_unknown_path_is_refused_by_name() {
    let e = refused(
        TEACHER_FORM,
        &blank_teacher(),
        &[
            ("/maker/first_name", "x"),
            ("/part1/x/tasks", "y"),
            ("/", ""),
        ],
    );
    let messages: Vec<&str> = e.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "ไม่รู้จักช่อง /maker/first_name",
            "ไม่รู้จักช่อง /part1/x/tasks",
            "ไม่รู้จักช่อง /"
        ]
    );
}

#[test]
fn every_bad_field_is_reported_and_nothing_is_applied() {
    let e = refused(
        TEACHER_FORM,
        &blank_teacher(),
        &[
            ("/workload/items/1/hours", "x"),
            ("/part1/0/tasks", "ดี"),
            ("/challenges/0/qualitative/0", "<b>"),
        ],
    );
    let paths: Vec<&str> = e.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        vec!["/workload/items/1/hours", "/challenges/0/qualitative/0"]
    );
}

#[test]
fn the_header_period_signature_and_approval_are_kept_from_the_base() {
    let mut base = load(TEACHER);
    if let Some(op) = base.approval.as_mut() {
        op.decision = Decision::Return;
    }
    let a = applied(TEACHER_FORM, &base, &[]).agreement;
    assert_eq!(a.maker, base.maker);
    assert_eq!(a.period, base.period);
    assert_eq!(a.fiscal_year, base.fiscal_year);
    assert_eq!(a.signature, base.signature);
    assert_eq!(a.approval, base.approval);
}

#[test]
fn the_preface_is_split_into_paragraphs_when_the_base_has_a_booklet() {
    let base = load(ESA);
    let a = applied(
        ESA_FORM,
        &base,
        &[(
            "/booklet/preface",
            "ย่อหน้าแรก\r\nบรรทัดสอง\r\n\r\n \r\nย่อหน้าสอง\r\n",
        )],
    );
    let preface = a.agreement.booklet.map(|b| b.preface).unwrap_or_default();
    assert_eq!(preface, vec!["ย่อหน้าแรก\nบรรทัดสอง", "ย่อหน้าสอง"]);
}

#[test]
fn a_booklet_whose_preface_is_not_posted_is_kept() {
    let base = load(ESA);
    let a = applied(ESA_FORM, &base, &[("/challenges/0/title", "x")]);
    assert_eq!(a.agreement.booklet, base.booklet);
}

#[test]
fn a_preface_without_a_booklet_is_refused() {
    let e = refused(
        TEACHER_FORM,
        &blank_teacher(),
        &[("/booklet/preface", "คำนำ")],
    );
    assert_eq!(only_error(&e).message, "ไม่รู้จักช่อง /booklet/preface");
}

// ── label ────────────────────────────────────────────────────────────────────────────────────

#[test]
fn an_area_row_is_labelled_with_its_area_and_the_forms_column() {
    let a = blank_teacher();
    assert_eq!(
        label(form(TEACHER_FORM), &a, "/part1/0/tasks"),
        "ส่วนที่ 1 ด้านที่ 1 ด้านการจัดการเรียนรู้: งาน (Tasks)"
    );
}

#[test]
fn an_indicator_row_is_labelled_with_its_indicator_and_target_group() {
    let a = load(TEACHER);
    assert_eq!(
        label(form(TEACHER_FORM), &a, "/part1/0/outcomes/learners"),
        "ส่วนที่ 1 ตัวชี้วัด 1.1 สร้างและหรือพัฒนาหลักสูตร: ผลลัพธ์ (Outcomes) ด้านผู้เรียน"
    );
}

#[test]
fn a_challenge_step_is_labelled_with_its_issue_and_step_number() {
    let f = form(ESA_FORM);
    let a = blank(f, maker_for(f), 2567);
    assert_eq!(
        label(f, &a, "/challenges/1/method/steps/2/text"),
        "ส่วนที่ ๒ ประเด็นท้าทายที่ 2: วิธีดำเนินการให้บรรลุผล ขั้นที่ 3"
    );
}

#[test]
fn a_quantitative_target_value_is_labelled_with_the_forms_words() {
    let a = blank_teacher();
    assert_eq!(
        label(form(TEACHER_FORM), &a, "/challenges/0/quantitative/1/value"),
        "ส่วนที่ 2 ประเด็นท้าทายที่ 1: ผลลัพธ์การพัฒนาที่คาดหวัง เชิงปริมาณ ข้อ 2 (ตัวเลขเป้าหมาย)"
    );
}

#[test]
fn a_workload_item_is_labelled_with_its_code_and_name() {
    let a = blank_teacher();
    assert_eq!(
        label(form(TEACHER_FORM), &a, "/workload/items/0/hours"),
        "ภาระงาน: 1.1 ชั่วโมงสอนตามตารางสอน (ชั่วโมง/สัปดาห์)"
    );
}

#[test]
fn header_and_type_paths_are_labelled() {
    let f = form(TEACHER_FORM);
    let a = blank_teacher();
    assert_eq!(label(f, &a, "/maker/first_name"), "ผู้จัดทำข้อตกลง: ชื่อ");
    assert_eq!(label(f, &a, "/types"), "ประเภทห้องเรียนที่จัดการเรียนรู้");
    assert_eq!(label(f, &a, "/period"), "ระยะเวลาของข้อตกลง");
}

#[test]
fn an_unknown_path_is_labelled_with_itself() {
    let a = blank_teacher();
    for path in ["/nothing", "/part1/0/colour", "tasks", "/maker/shoe_size"] {
        assert_eq!(label(form(TEACHER_FORM), &a, path), path);
    }
}

#[test]
fn every_path_the_checker_reports_has_a_label() {
    let catalog = Catalog::embedded();
    let mut agreements: Vec<Agreement> = [
        TEACHER,
        ESA,
        "teacher-local-senior-expert.json",
        "seed-000-school-director.json",
        "deputy-school-director.json",
        "deputy-esa-director.json",
    ]
    .iter()
    .map(|n| load(n))
    .collect();
    agreements.extend(catalog.forms().iter().map(|f| blank(f, maker_for(f), 2568)));
    for a in &agreements {
        let f = form(&a.form);
        for finding in checker::check(f, a).findings {
            assert_ne!(label(f, a, &finding.path), finding.path, "{}", a.form);
        }
    }
}

#[test]
fn every_path_the_editor_posts_has_a_label() {
    for name in [TEACHER, ESA] {
        let a = load(name);
        let f = form(&a.form);
        for (path, _) in posted_by_editor(&a) {
            assert_ne!(label(f, &a, &path), path);
        }
    }
}
