//! The editor's side of an agreement: a blank PA 1 from the catalog, last year's carried over,
//! and the fields a browser posts turned into an [`Agreement`] (parse, don't validate).
//!
//! The editor names every input by its JSON-pointer-like path into the agreement
//! (`/part1/0/tasks`, `/challenges/0/quantitative/1/value`), the same paths the checker reports
//! findings at, so a finding, a field error and an approver's comment all point at one input.

mod apply;
mod label;
mod values;

use std::collections::BTreeMap;

pub use apply::apply;
pub use label::label;

use crate::agreement::{
    Agreement, Challenge, FORMAT_VERSION, Maker, Method, Part1Row, Period, Signature, Step,
    SubjectHours, Target, WorkloadEntry, WorkloadLine, YearMonth,
};
use crate::catalog::{Form, RowLayout, WorkloadItem};
use crate::people::Standing;
use crate::thai::fiscal;

/// The longest text a single field may hold, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// Why one posted field was refused, in Thai, at its path.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub path: String,
    pub message: String,
}

/// The agreement built from a post, and the texts the normaliser changed (path, cleaned text),
/// so the page can show the maker what was saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub agreement: Agreement,
    pub normalized: Vec<(String, String)>,
}

/// A new, empty PA 1 of `form` for `maker` in a fiscal year (BE): one Part 1 row per area or
/// per indicator as the form lays it out, the form's workload items, its number of challenge
/// issues, the period 1 ต.ค.–30 ก.ย.
pub fn blank(form: &Form, maker: Maker, fiscal_year: u16) -> Agreement {
    let part1 = form
        .part1
        .areas
        .iter()
        .flat_map(|area| -> Vec<Part1Row> {
            match form.part1.layout {
                RowLayout::Area => vec![empty_row(form, &area.code, None)],
                RowLayout::Indicator => area
                    .indicators
                    .iter()
                    .map(|ind| empty_row(form, &area.code, Some(&ind.code)))
                    .collect(),
            }
        })
        .collect();
    Agreement {
        format: FORMAT_VERSION,
        form: form.id.clone(),
        fiscal_year,
        period: period(fiscal_year),
        signature: signature(form, &maker),
        maker,
        types: Vec::new(),
        workload: WorkloadEntry {
            // Left unanswered on purpose: the maker must say it, the checker asks (seed 004).
            full_time: None,
            part_time_reason: String::new(),
            items: form.workload.items.iter().map(empty_line).collect(),
        },
        part1,
        challenges: (0..form.part2.issue_count)
            .map(|_| empty_challenge())
            .collect(),
        approval: None,
        booklet: None,
    }
}

/// Last year's agreement as the start of this year's: its content kept, the period, header,
/// fiscal year and form refreshed, the approver's opinion and signature date cleared.
///
/// Content is laid onto the new form's shape, so a form that changed between years still gets
/// every row it asks for: Part 1 rows are matched by area and indicator code (a maker who wrote
/// one row per indicator on an area-layout form keeps doing so), workload lines by item code,
/// target-group cells by group id; whatever the new form no longer has is left behind. Step
/// months move by the years between the two fiscal years and are cleared if they still fall
/// outside the new one.
pub fn carry_over(previous: &Agreement, form: &Form, maker: Maker, fiscal_year: u16) -> Agreement {
    let mut next = blank(form, maker, fiscal_year);
    if let Some(choice) = &form.type_choice {
        next.types = previous
            .types
            .iter()
            .filter(|id| choice.options.iter().any(|o| &o.id == *id))
            .cloned()
            .collect();
    }
    next.workload.full_time = previous.workload.full_time;
    next.workload.part_time_reason = previous.workload.part_time_reason.clone();
    for line in &mut next.workload.items {
        if let Some(old) = previous.workload.items.iter().find(|l| l.code == line.code) {
            let per_subject = !line.subjects.is_empty();
            *line = old.clone();
            if per_subject && line.subjects.is_empty() {
                line.subjects.push(SubjectHours::default());
            }
        }
    }
    next.part1 = carried_part1(previous, form);
    let years = i32::from(fiscal_year) - i32::from(previous.fiscal_year);
    let (first, last) = (
        YearMonth::of(next.period.start),
        YearMonth::of(next.period.end),
    );
    let shift = |m: Option<YearMonth>| {
        m.map(|m| YearMonth {
            year: m.year + years,
            month: m.month,
        })
        .filter(|m| first <= *m && *m <= last)
    };
    for (new, old) in next.challenges.iter_mut().zip(&previous.challenges) {
        *new = old.clone();
        for step in &mut new.method.steps {
            step.start = shift(step.start);
            step.end = shift(step.end);
        }
        keep_one_row_each(new);
    }
    next.booklet = previous.booklet.clone();
    next
}

/// Part 1 of `previous` on the rows `form` asks for.
fn carried_part1(previous: &Agreement, form: &Form) -> Vec<Part1Row> {
    let find = |area: &str, indicator: Option<&str>| {
        previous
            .part1
            .iter()
            .find(|r| r.area == area && r.indicator.as_deref() == indicator)
    };
    let mut rows = Vec::new();
    for area in &form.part1.areas {
        let by_indicator = form.part1.layout == RowLayout::Indicator
            || area
                .indicators
                .iter()
                .any(|ind| find(&area.code, Some(&ind.code)).is_some());
        let codes: Vec<Option<&str>> = if by_indicator {
            area.indicators
                .iter()
                .map(|ind| Some(ind.code.as_str()))
                .collect()
        } else {
            vec![None]
        };
        for code in codes {
            let mut row = empty_row(form, &area.code, code);
            if let Some(old) = find(&area.code, code) {
                row.tasks = old.tasks.clone();
                for (mine, theirs) in [
                    (&mut row.outcomes, &old.outcomes),
                    (&mut row.indicators, &old.indicators),
                ] {
                    for (group, text) in mine.iter_mut() {
                        if let Some(t) = theirs.get(group) {
                            text.clone_from(t);
                        }
                    }
                }
            }
            rows.push(row);
        }
    }
    rows
}

fn period(fiscal_year: u16) -> Period {
    let (start, end) = fiscal::period(fiscal_year);
    Period { start, end }
}

/// The signature block as the examples print it: "ครู วิทยฐานะครูชำนาญการพิเศษ".
fn signature(form: &Form, maker: &Maker) -> Signature {
    let position = maker.position.unwrap_or(form.position);
    let standing_title = if !maker.standing_title.trim().is_empty() {
        Some(maker.standing_title.trim().to_owned())
    } else {
        match maker.standing {
            Some(Standing::Assistant | Standing::None) | None => None,
            Some(s) => Some(s.title(position)),
        }
    };
    let position_text = match standing_title {
        Some(t) => format!("{} วิทยฐานะ{t}", position.thai()),
        None => position.thai().to_owned(),
    };
    Signature {
        name: maker.full_name(),
        position_text,
        date: None,
    }
}

fn empty_line(item: &WorkloadItem) -> WorkloadLine {
    WorkloadLine {
        code: item.code.clone(),
        hours: None,
        subjects: if item.per_subject {
            vec![SubjectHours::default()]
        } else {
            Vec::new()
        },
        note: String::new(),
    }
}

/// A row with an empty cell for every target group the form prints.
fn empty_row(form: &Form, area: &str, indicator: Option<&str>) -> Part1Row {
    let cells: BTreeMap<String, String> = form
        .part1
        .target_groups
        .iter()
        .map(|g| (g.id.clone(), String::new()))
        .collect();
    Part1Row {
        area: area.to_owned(),
        indicator: indicator.map(str::to_owned),
        tasks: String::new(),
        outcomes: cells.clone(),
        indicators: cells,
    }
}

fn empty_challenge() -> Challenge {
    Challenge {
        method: Method {
            intro: String::new(),
            steps: vec![Step::default()],
        },
        quantitative: vec![Target::default()],
        qualitative: vec![String::new()],
        ..Challenge::default()
    }
}

/// The editor shows one input per list even when the list is empty.
fn keep_one_row_each(c: &mut Challenge) {
    if c.method.steps.is_empty() {
        c.method.steps.push(Step::default());
    }
    if c.quantitative.is_empty() {
        c.quantitative.push(Target::default());
    }
    if c.qualitative.is_empty() {
        c.qualitative.push(String::new());
    }
}

/// A list index as the editor writes it: plain decimal digits.
fn index(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests;
