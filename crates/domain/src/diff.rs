//! What changed between two versions of an agreement, field by field: the approver sees what
//! the maker revised since the version they returned.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use similar::{ChangeTag, TextDiff};

use crate::agreement::{Agreement, YearMonth};
use crate::catalog::Form;
use crate::editing;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    Same,
    Removed,
    Added,
}

/// A run of characters of a changed text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    pub kind: SpanKind,
    pub text: String,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    pub path: String,
    /// Thai label ([`crate::editing::label`]).
    pub label: String,
    /// Empty when the field is new.
    pub before: String,
    /// Empty when the field was removed.
    pub after: String,
    /// Character-level spans of before → after (Thai has no spaces to split words on).
    pub spans: Vec<Span>,
}

/// Every field the maker writes, by path, as display text (numbers as written, months
/// "2024-01", ticked types by id, full-time as "เต็มเวลา"/"ไม่เต็มเวลา").
pub fn flatten(a: &Agreement) -> BTreeMap<String, String> {
    fields(a).into_iter().collect()
}

/// [`flatten`] in document order: the header, the ticked types, the workload, Part 1 row by
/// row, each challenge issue, the preface. Empty fields are listed too, as "".
pub fn fields(a: &Agreement) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut put = |path: String, value: String| out.push((path, value));
    let m = &a.maker;
    let position = m.position.map(|p| p.thai().to_owned()).unwrap_or_default();
    let standing = match (m.standing, m.position) {
        (Some(s), Some(p)) => s.title(p),
        (Some(s), None) => s.thai().to_owned(),
        (None, _) => String::new(),
    };
    for (k, v) in [
        ("title", m.title.clone()),
        ("first_name", m.first_name.clone()),
        ("last_name", m.last_name.clone()),
        ("position", position),
        ("standing", standing),
        ("standing_title", m.standing_title.clone()),
        ("unit", m.unit.clone()),
        ("affiliation", m.affiliation.clone()),
        ("district", m.district.clone()),
        ("province", m.province.clone()),
        ("salary_scale", m.salary_scale.clone()),
        ("salary", m.salary.clone()),
    ] {
        put(format!("/maker/{k}"), v);
    }
    put("/types".into(), a.types.join(", "));
    let w = &a.workload;
    let full_time = match w.full_time {
        Some(true) => "เต็มเวลา",
        Some(false) => "ไม่เต็มเวลา",
        None => "",
    };
    put("/workload/full_time".into(), full_time.into());
    put(
        "/workload/part_time_reason".into(),
        w.part_time_reason.clone(),
    );
    for (i, line) in w.items.iter().enumerate() {
        let at = |rest: &str| format!("/workload/items/{i}/{rest}");
        for (j, s) in line.subjects.iter().enumerate() {
            put(at(&format!("subjects/{j}/subject")), s.subject.clone());
            put(at(&format!("subjects/{j}/hours")), number(s.hours));
        }
        put(at("hours"), number(line.hours));
        put(at("note"), line.note.clone());
    }
    for (i, row) in a.part1.iter().enumerate() {
        put(format!("/part1/{i}/tasks"), row.tasks.clone());
        for (column, cells) in [("outcomes", &row.outcomes), ("indicators", &row.indicators)] {
            for (group, text) in cells {
                put(format!("/part1/{i}/{column}/{group}"), text.clone());
            }
        }
    }
    for (i, c) in a.challenges.iter().enumerate() {
        let at = |rest: &str| format!("/challenges/{i}/{rest}");
        put(at("title"), c.title.clone());
        put(at("policy"), c.policy.clone());
        put(at("problem"), c.problem.clone());
        put(at("method/intro"), c.method.intro.clone());
        for (j, s) in c.method.steps.iter().enumerate() {
            let month = |m: Option<YearMonth>| m.map(|m| m.to_string()).unwrap_or_default();
            put(at(&format!("method/steps/{j}/text")), s.text.clone());
            put(at(&format!("method/steps/{j}/start")), month(s.start));
            put(at(&format!("method/steps/{j}/end")), month(s.end));
        }
        for (j, t) in c.quantitative.iter().enumerate() {
            put(at(&format!("quantitative/{j}/text")), t.text.clone());
            put(at(&format!("quantitative/{j}/what")), t.what.clone());
            put(at(&format!("quantitative/{j}/value")), number(t.value));
            put(at(&format!("quantitative/{j}/unit")), t.unit.clone());
        }
        for (j, q) in c.qualitative.iter().enumerate() {
            put(at(&format!("qualitative/{j}")), q.clone());
        }
    }
    if let Some(b) = &a.booklet {
        put("/booklet/preface".into(), b.preface.join("\n\n"));
    }
    out
}

/// The fields that differ, in document order.
///
/// A field present on one side only is compared with "" on the other, so a row added empty
/// is no change and a row removed shows what it held. Labels are read off `after`, the version
/// the approver is about to read.
pub fn diff(form: &Form, before: &Agreement, after: &Agreement) -> Vec<Change> {
    let old = flatten(before);
    let new = fields(after);
    let in_after: BTreeSet<String> = new.iter().map(|(p, _)| p.clone()).collect();
    let removed = fields(before)
        .into_iter()
        .filter(|(p, _)| !in_after.contains(p))
        .map(|(p, _)| (p, String::new()));
    new.into_iter()
        .chain(removed)
        .filter_map(|(path, after_text)| {
            let before_text = old.get(&path).cloned().unwrap_or_default();
            (before_text != after_text).then(|| Change {
                label: editing::label(form, after, &path),
                spans: spans(&before_text, &after_text),
                path,
                before: before_text,
                after: after_text,
            })
        })
        .collect()
}

/// How long one field's character diff may search for the smallest edit. Two unrelated
/// 10,000-character texts take about a second to diff exactly; past the deadline `similar`
/// settles for a coarser but still correct diff, so a page never waits on one field.
const DIFF_DEADLINE: Duration = Duration::from_millis(50);

/// Character-level runs of before → after, neighbouring characters of one kind merged.
fn spans(before: &str, after: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let diff = TextDiff::configure()
        .timeout(DIFF_DEADLINE)
        .diff_chars(before, after);
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => SpanKind::Same,
            ChangeTag::Delete => SpanKind::Removed,
            ChangeTag::Insert => SpanKind::Added,
        };
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => out.push(Span {
                kind,
                text: change.value().to_owned(),
            }),
        }
    }
    out
}

/// A number as a person writes it: "18", "2.5"; "" for none.
fn number(v: Option<f64>) -> String {
    v.map(|h| {
        if h.fract() == 0.0 {
            format!("{h:.0}")
        } else {
            h.to_string()
        }
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests;
