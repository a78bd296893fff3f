//! ส่วนที่ 1: the rows the form requires, each with tasks, outcomes and indicators.

use std::collections::BTreeMap;

use super::Ctx;
use super::rules::{EMPTY_CELL, ROWS, SUBJECT_TASKS, TASK_TITLE_ONLY};
use crate::catalog::{Area, RowLayout};

/// Shorter than this, a task is a title, not a description of how the work will be done.
const MIN_TASK_CHARS: usize = 40;

pub(super) fn check(ctx: &mut Ctx) {
    rows(ctx);
    cells(ctx);
    subjects(ctx);
}

fn rows(ctx: &mut Ctx) {
    let form = ctx.form;
    let word = &form.part1.indicator_word;
    // Rows per area, by indicator (None = a row for the whole area).
    let mut seen: BTreeMap<&str, Vec<(usize, Option<&str>)>> = BTreeMap::new();
    for (i, row) in ctx.a.part1.iter().enumerate() {
        let Some(area) = form.area(&row.area) else {
            ctx.report(
                &ROWS,
                format!("/part1/{i}/area"),
                format!("แบบฟอร์มนี้ไม่มี{} \"{}\"", form.part1.area_word, row.area),
            );
            continue;
        };
        if let Some(code) = &row.indicator
            && !area.indicators.iter().any(|ind| &ind.code == code)
        {
            ctx.report(
                &ROWS,
                format!("/part1/{i}/indicator"),
                format!(
                    "{} {} ไม่อยู่ใน{} {}",
                    word, code, form.part1.area_word, area.code
                ),
            );
            continue;
        }
        seen.entry(area.code.as_str())
            .or_default()
            .push((i, row.indicator.as_deref()));
    }
    for area in &form.part1.areas {
        let got = seen
            .get(area.code.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        area_rows(ctx, area, got);
    }
}

fn area_rows(ctx: &mut Ctx, area: &Area, got: &[(usize, Option<&str>)]) {
    let p1 = &ctx.form.part1;
    let whole: Vec<usize> = got
        .iter()
        .filter(|(_, ind)| ind.is_none())
        .map(|(i, _)| *i)
        .collect();
    let by_indicator = got.len() - whole.len();
    match (p1.layout, whole.len(), by_indicator) {
        (RowLayout::Area, 1, 0) => return,
        (RowLayout::Area, 0, 0) | (RowLayout::Indicator, 0, 0) => {
            ctx.report(
                &ROWS,
                "/part1",
                format!(
                    "ยังไม่มีแถวของ{} {} {}: เพิ่มงานที่จะดำเนินการในด้านนี้",
                    p1.area_word, area.code, area.name
                ),
            );
            return;
        }
        (RowLayout::Indicator, _, _) if !whole.is_empty() => {
            ctx.report(
                &ROWS,
                format!("/part1/{}/indicator", whole[0]),
                format!(
                    "แบบฟอร์มนี้ให้เขียนแยกแถวตาม{} ไม่รวมเป็นแถวเดียวต่อ{}: ระบุ{}ของแถวนี้",
                    p1.indicator_word, p1.area_word, p1.indicator_word
                ),
            );
        }
        (RowLayout::Area, w, i) if w > 1 || (w == 1 && i > 0) => {
            ctx.report(
                &ROWS,
                format!("/part1/{}", whole.last().copied().unwrap_or_default()),
                format!(
                    "{} {} มีหลายแถว: เขียนเป็นแถวเดียวต่อ{} หรือแยกแถวละหนึ่ง{}ให้ครบ",
                    p1.area_word, area.code, p1.area_word, p1.indicator_word
                ),
            );
            return;
        }
        _ => {}
    }
    // Rows by indicator: every indicator once.
    for ind in &area.indicators {
        let rows: Vec<usize> = got
            .iter()
            .filter(|(_, c)| *c == Some(ind.code.as_str()))
            .map(|(i, _)| *i)
            .collect();
        match rows.as_slice() {
            [] => ctx.report(
                &ROWS,
                "/part1",
                format!("ยังไม่มีแถวของ{} {} {}", p1.indicator_word, ind.code, ind.name),
            ),
            [_] => {}
            [_, dup, ..] => ctx.report(
                &ROWS,
                format!("/part1/{dup}/indicator"),
                format!(
                    "{} {} มีซ้ำกันหลายแถว: รวมเป็นแถวเดียว",
                    p1.indicator_word, ind.code
                ),
            ),
        }
    }
}

fn cells(ctx: &mut Ctx) {
    let groups = &ctx.form.part1.target_groups;
    for (i, row) in ctx.a.part1.iter().enumerate() {
        let what = match &row.indicator {
            Some(code) => format!("{} {code}", ctx.form.part1.indicator_word),
            None => format!("{} {}", ctx.form.part1.area_word, row.area),
        };
        let tasks = row.tasks.trim();
        if tasks.is_empty() {
            ctx.report(
                &EMPTY_CELL,
                format!("/part1/{i}/tasks"),
                format!("{what}: กรอกงาน (Tasks) ที่จะดำเนินการ"),
            );
        } else if tasks.chars().count() < MIN_TASK_CHARS {
            ctx.report(
                &TASK_TITLE_ONLY,
                format!("/part1/{i}/tasks"),
                format!("{what}: งานเขียนไว้เพียงชื่องาน ควรบอกว่าจะทำอย่างไร เป็นขั้นตอน และอาจระบุระยะเวลา"),
            );
        }
        for (column, cells, label) in [
            ("outcomes", &row.outcomes, "ผลลัพธ์ (Outcomes)"),
            ("indicators", &row.indicators, "ตัวชี้วัด (Indicators)"),
        ] {
            for key in cells.keys().filter(|k| !groups.iter().any(|g| &g.id == *k)) {
                ctx.report(
                    &EMPTY_CELL,
                    format!("/part1/{i}/{column}/{key}"),
                    format!("{what}: แบบฟอร์มนี้ไม่มีกลุ่มเป้าหมาย \"{key}\""),
                );
            }
            if cells.values().all(|t| t.trim().is_empty()) {
                ctx.report(
                    &EMPTY_CELL,
                    format!("/part1/{i}/{column}"),
                    format!("{what}: กรอก{label}"),
                );
            }
        }
    }
}

/// Seed 001 หมายเหตุ ๒: tasks present the main subject taught. Only asked where the form
/// counts teaching hours per subject and the maker listed subjects.
fn subjects(ctx: &mut Ctx) {
    let per_subject: Vec<&str> = ctx
        .form
        .workload
        .items
        .iter()
        .filter(|i| i.per_subject)
        .map(|i| i.code.as_str())
        .collect();
    let subjects: Vec<String> = ctx
        .a
        .workload
        .items
        .iter()
        .filter(|l| per_subject.contains(&l.code.as_str()))
        .flat_map(|l| &l.subjects)
        .filter_map(|s| subject_word(&s.subject))
        .collect();
    let Some(first_area) = ctx.form.part1.areas.first() else {
        return;
    };
    if subjects.is_empty() {
        return;
    }
    let mentions = ctx
        .a
        .part1
        .iter()
        .filter(|r| r.area == first_area.code)
        .any(|r| subjects.iter().any(|s| r.tasks.contains(s.as_str())));
    if !mentions {
        ctx.report(
            &SUBJECT_TASKS,
            "/part1",
            format!(
                "งานใน{} ไม่ได้กล่าวถึงรายวิชาที่สอน ({}): ระบุรายวิชาหลักที่สอนในงานที่เสนอ",
                first_area.name,
                subjects.join(", ")
            ),
        );
    }
}

/// The subject's name without its code or grade: "ค21101 คณิตศาสตร์ ม.1" → "คณิตศาสตร์".
fn subject_word(subject: &str) -> Option<String> {
    subject
        .split_whitespace()
        .map(|w| {
            w.trim_start_matches("กลุ่มสาระการเรียนรู้")
                .trim_start_matches("รายวิชา")
        })
        .find(|w| w.chars().count() >= 3 && !w.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_owned)
}
