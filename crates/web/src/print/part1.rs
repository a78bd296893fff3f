//! ส่วนที่ 1: the workload (ภาระงาน) with its teaching hours per subject, and the four-column
//! table of tasks, outcomes and indicators, one row per area or indicator as the form lays it out.

use std::collections::BTreeMap;

use domain::agreement::Part1Row;
use domain::catalog::Part1;

use docs::wording::{column_short, hours};

use super::{Check, Ctx, Slot, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct FullTime {
    pub full: Check,
    pub part: Check,
    pub reason: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubjectRow {
    pub subject: Value,
    pub hours: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorkloadRow {
    pub code: String,
    pub name: String,
    pub hours: Value,
    pub note: Value,
    pub subjects: Vec<SubjectRow>,
    /// The sum of the subject rows, when the item is counted per subject.
    pub subject_total: Option<String>,
    pub slot: Slot,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorkloadView {
    pub heading: String,
    pub statement: String,
    pub full_time: Option<FullTime>,
    pub intro: Option<String>,
    pub items: Vec<WorkloadRow>,
    /// Hours per week over all items, as stated on each line.
    pub total: Option<String>,
    pub slot: Slot,
}

/// One target group's text in the outcomes or indicators column.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The group's name, printed only when the form has more than one group.
    pub group: Option<String>,
    pub value: Value,
    pub slot: Slot,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowView {
    pub area: String,
    pub scope: Option<String>,
    pub indicator: Option<String>,
    pub tasks: Value,
    pub tasks_slot: Slot,
    pub outcomes: Vec<Cell>,
    pub indicators: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part1View {
    pub title: String,
    pub tasks_heading: String,
    pub instruction: Option<String>,
    /// The four column headings as printed.
    pub columns: [String; 4],
    /// The headings up to their English gloss ("งาน (Tasks)"), shown beside each cell when the
    /// table is stacked on a phone.
    pub short: [String; 4],
    pub rows: Vec<RowView>,
}

pub(super) fn workload(cx: &mut Ctx) -> WorkloadView {
    let (form, a) = (cx.form, cx.a);
    let w = &form.workload;
    let entry = &a.workload;
    let full_time = w.asks_full_time.then(|| FullTime {
        full: Check::new(entry.full_time == Some(true), "เต็มเวลา"),
        part: Check::new(entry.full_time == Some(false), "ไม่เต็มเวลา"),
        reason: cx.value("/workload/part_time_reason", entry.part_time_reason.clone()),
    });
    let mut items = Vec::new();
    for (i, line) in entry.items.iter().enumerate() {
        let item = w.items.iter().find(|it| it.code == line.code);
        let at = |rest: &str| format!("/workload/items/{i}/{rest}");
        let subjects: Vec<SubjectRow> = line
            .subjects
            .iter()
            .enumerate()
            .map(|(j, s)| SubjectRow {
                subject: cx.value(at(&format!("subjects/{j}/subject")), s.subject.clone()),
                hours: cx.value(at(&format!("subjects/{j}/hours")), hours(s.hours)),
            })
            .collect();
        let per_subject = item.is_some_and(|it| it.per_subject) || !line.subjects.is_empty();
        let subject_total =
            per_subject.then(|| hours(Some(line.subjects.iter().filter_map(|s| s.hours).sum())));
        items.push(WorkloadRow {
            code: cx.w.digits.apply(&line.code),
            name: item.map(|it| it.name.clone()).unwrap_or_default(),
            hours: cx.value(at("hours"), hours(line.hours)),
            note: cx.value(at("note"), line.note.clone()),
            subjects,
            subject_total,
            slot: cx.slot(format!("/workload/items/{i}")),
        });
    }
    let stated: Vec<f64> = entry.items.iter().filter_map(|l| l.hours).collect();
    WorkloadView {
        heading: format!("{}. ภาระงาน", cx.w.number(1)),
        statement: w.statement.clone(),
        full_time,
        intro: w.items_intro.clone(),
        items,
        total: (!stated.is_empty()).then(|| hours(Some(stated.iter().sum()))),
        slot: cx.slot("/workload"),
    }
}

pub(super) fn part1(cx: &mut Ctx) -> Part1View {
    let (form, a) = (cx.form, cx.a);
    let p1: &Part1 = &form.part1;
    let rows = a
        .part1
        .iter()
        .enumerate()
        .map(|(i, row)| part1_row(cx, i, row))
        .collect();
    Part1View {
        title: p1.title.clone(),
        tasks_heading: format!("{}. {}", cx.w.number(2), p1.tasks_heading),
        instruction: p1.instruction.clone(),
        short: std::array::from_fn(|k| column_short(&p1.columns[k])),
        columns: p1.columns.clone(),
        rows,
    }
}

fn part1_row(cx: &mut Ctx, i: usize, row: &Part1Row) -> RowView {
    let form = cx.form;
    let p1 = &form.part1;
    let area = form.area(&row.area);
    let area_name = match area {
        Some(a) => format!("{}. {}", cx.w.digits.apply(&a.code), a.name),
        None => format!("{} {}", p1.area_word, row.area),
    };
    let indicator = row.indicator.as_ref().map(|code| {
        let name = form
            .indicator(code)
            .map(|ind| ind.name.clone())
            .unwrap_or_default();
        format!("{} {} {name}", p1.indicator_word, cx.w.digits.apply(code))
            .trim_end()
            .to_owned()
    });
    // A row for a whole area prints the area's scope under its name, as the form does.
    let scope = match (&row.indicator, area) {
        (None, Some(a)) => Some(a.scope.clone()),
        _ => None,
    };
    let many = p1.target_groups.len() > 1;
    let mut cells = |column: &str, texts: &BTreeMap<String, String>| -> Vec<Cell> {
        let mut ids: Vec<(String, String)> = p1
            .target_groups
            .iter()
            .map(|g| (g.id.clone(), g.name.clone()))
            .collect();
        ids.extend(
            texts
                .keys()
                .filter(|k| !p1.target_groups.iter().any(|g| &g.id == *k))
                .map(|k| (k.clone(), k.clone())),
        );
        ids.into_iter()
            .map(|(id, name)| {
                let path = format!("/part1/{i}/{column}/{id}");
                Cell {
                    group: (many || !p1.target_groups.iter().any(|g| g.id == id)).then_some(name),
                    value: cx.value(&path, texts.get(&id).cloned().unwrap_or_default()),
                    slot: cx.slot(path),
                }
            })
            .collect()
    };
    let outcomes = cells("outcomes", &row.outcomes);
    let indicators = cells("indicators", &row.indicators);
    RowView {
        area: area_name,
        scope,
        indicator,
        tasks: cx.value(format!("/part1/{i}/tasks"), row.tasks.clone()),
        tasks_slot: cx.slot(format!("/part1/{i}/tasks")),
        outcomes,
        indicators,
    }
}
