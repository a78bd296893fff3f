//! PA 1, the agreement, as the document prints it: every string already worded, numbered in
//! the document's digits and dated in BE, so both renderers only place what is here.
//!
//! The order and wording follow the official forms (seed 001 for a teacher, seed 000 for a
//! school director, seed 004 for an ESA director's bound booklet).

use std::collections::BTreeMap;

use domain::agreement::{Agreement, Decision, Part1Row, Signature};
use domain::catalog::Form;
use domain::people::Position;
use serde::Serialize;

use crate::Options;
use crate::wording::{self, Run, Wording, hours};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub ticked: bool,
    pub name: String,
}

impl Check {
    fn new(ticked: bool, name: impl Into<String>) -> Check {
        Check {
            ticked,
            name: name.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckGroup {
    pub heading: Option<String>,
    pub options: Vec<Check>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Types {
    pub label: String,
    pub groups: Vec<CheckGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FullTime {
    pub full: Check,
    pub part: Check,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubjectLine {
    pub subject: String,
    pub hours: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkloadLine {
    pub code: String,
    pub name: String,
    pub hours: String,
    pub note: String,
    pub subjects: Vec<SubjectLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Workload {
    pub heading: String,
    pub statement: String,
    pub full_time: Option<FullTime>,
    pub intro: Option<String>,
    pub items: Vec<WorkloadLine>,
    /// "รวม … ชั่วโมง/สัปดาห์" over the stated lines.
    pub total: Option<String>,
}

/// One target group's text in the outcomes or indicators column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// The group's name, printed only when the form has more than one group.
    pub group: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub area: String,
    pub scope: Option<String>,
    pub indicator: Option<String>,
    pub tasks: String,
    pub outcomes: Vec<Cell>,
    pub indicators: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part1 {
    pub title: String,
    pub workload: Workload,
    pub tasks_heading: String,
    pub instruction: Option<String>,
    pub columns: [String; 4],
    /// The headings up to their English gloss ("งาน (Tasks)"): the table head repeated on
    /// every page.
    pub short_columns: [String; 4],
    /// The rest of each heading ("ที่จะดำเนินการพัฒนา… (โปรดระบุ)"), printed once under the
    /// head where the table starts, so the first page carries the form's full wording.
    pub column_rest: [String; 4],
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub number: String,
    pub text: String,
    pub start: String,
    pub end: String,
    /// One flag per month of the fiscal year, October first.
    pub cells: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Challenge {
    pub heading: String,
    pub title: String,
    /// The policy line (label, text) on forms that ask for it.
    pub policy: Option<(String, String)>,
    pub problem_label: String,
    pub problem: String,
    pub method_label: String,
    pub intro: String,
    pub steps: Vec<Step>,
    /// Whether any step has months, so the plan is worth drawing.
    pub planned: bool,
    pub outcomes_label: String,
    pub quantitative_label: String,
    pub quantitative: Vec<String>,
    pub qualitative_label: String,
    pub qualitative: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part2 {
    pub title: String,
    pub preamble: String,
    /// The Gantt chart's column heads, "ต.ค." … "ก.ย.".
    pub months: Vec<&'static str>,
    /// What the twelve columns span, "ต.ค. 2567 – ก.ย. 2568".
    pub span: String,
    pub challenges: Vec<Challenge>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignatureBlock {
    pub name: String,
    pub position: String,
    pub caption: String,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Approval {
    pub heading: String,
    pub approve: Check,
    pub reject: Check,
    pub suggestions: String,
    pub signature: SignatureBlock,
}

/// The cover and คำนำ of a bound agreement (seed 004).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Booklet {
    pub cover_title: Vec<String>,
    pub cover_lines: Vec<String>,
    pub preface: Vec<String>,
    pub preface_signer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pa1 {
    pub code: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// The maker's header lines, form wording and values in runs.
    pub header: Vec<Vec<Run>>,
    pub types: Option<Types>,
    pub intent: String,
    pub part1: Part1,
    pub part2: Part2,
    pub signature: SignatureBlock,
    pub approval: Approval,
    pub booklet: Option<Booklet>,
    /// Whether numbers print in Thai digits (page numbers follow).
    pub thai_digits: bool,
}

impl Pa1 {
    pub fn new(form: &Form, a: &Agreement, options: &Options) -> Pa1 {
        let w = Wording {
            digits: options.digits.unwrap_or_else(|| wording::form_digits(form)),
            ..Wording::new(form, a)
        };
        Pa1 {
            code: w.digits.apply(&form.codes.pa1),
            title: form.title.clone(),
            subtitle: form.subtitle.as_deref().map(|s| w.fill(s)),
            header: form
                .header_lines
                .iter()
                .map(|line| digits_runs(&w, w.runs(line)))
                .collect(),
            types: types(form, a),
            intent: w.fill(&form.intent),
            part1: part1(&w),
            part2: part2(&w),
            signature: signature(&w, &a.signature, &form.approval.maker_caption),
            approval: approval(&w),
            booklet: options
                .booklet
                .unwrap_or(a.booklet.is_some() || form.position != Position::Teacher)
                .then(|| booklet(&w)),
            thai_digits: w.digits == domain::thai::Digits::Thai,
        }
    }

    /// Every text of the maker's that the document must carry, for checking a rendering.
    pub fn maker_texts(a: &Agreement) -> Vec<&str> {
        let mut out = Vec::new();
        for r in &a.part1 {
            out.push(r.tasks.as_str());
            out.extend(r.outcomes.values().map(String::as_str));
            out.extend(r.indicators.values().map(String::as_str));
        }
        for c in &a.challenges {
            out.extend([
                c.title.as_str(),
                c.problem.as_str(),
                c.method.intro.as_str(),
            ]);
            out.extend(c.method.steps.iter().map(|s| s.text.as_str()));
            out.extend(c.quantitative.iter().map(|t| t.text.as_str()));
            out.extend(c.qualitative.iter().map(String::as_str));
        }
        out.retain(|t| !t.trim().is_empty());
        out
    }
}

/// Header values keep the maker's digits; the form's own wording between them follows the
/// document's digit set.
fn digits_runs(w: &Wording, runs: Vec<Run>) -> Vec<Run> {
    runs.into_iter()
        .map(|r| match r.path {
            None => Run {
                text: w.digits.apply(&r.text),
                path: None,
            },
            Some(_) => r,
        })
        .collect()
}

fn types(form: &Form, a: &Agreement) -> Option<Types> {
    let choice = form.type_choice.as_ref()?;
    let mut groups: Vec<CheckGroup> = Vec::new();
    for o in &choice.options {
        let check = Check::new(a.types.contains(&o.id), o.name.clone());
        match groups.last_mut() {
            Some(g) if g.heading == o.group => g.options.push(check),
            _ => groups.push(CheckGroup {
                heading: o.group.clone(),
                options: vec![check],
            }),
        }
    }
    Some(Types {
        label: choice.label.clone(),
        groups,
    })
}

fn workload(w: &Wording) -> Workload {
    let spec = &w.form.workload;
    let entry = &w.a.workload;
    let items = entry
        .items
        .iter()
        .map(|line| WorkloadLine {
            code: w.digits.apply(&line.code),
            name: spec
                .items
                .iter()
                .find(|it| it.code == line.code)
                .map(|it| it.name.clone())
                .unwrap_or_default(),
            hours: w.digits.apply(&hours(line.hours)),
            note: line.note.clone(),
            subjects: line
                .subjects
                .iter()
                .map(|s| SubjectLine {
                    subject: s.subject.clone(),
                    hours: w.digits.apply(&hours(s.hours)),
                })
                .collect(),
        })
        .collect();
    let stated: Vec<f64> = entry.items.iter().filter_map(|l| l.hours).collect();
    Workload {
        heading: format!("{}. ภาระงาน", w.number(1)),
        statement: spec.statement.clone(),
        full_time: spec.asks_full_time.then(|| FullTime {
            full: Check::new(entry.full_time == Some(true), "เต็มเวลา"),
            part: Check::new(entry.full_time == Some(false), "ไม่เต็มเวลา"),
            reason: entry.part_time_reason.clone(),
        }),
        intro: spec.items_intro.clone(),
        items,
        total: (!stated.is_empty()).then(|| w.digits.apply(&hours(Some(stated.iter().sum())))),
    }
}

fn part1(w: &Wording) -> Part1 {
    let p1 = &w.form.part1;
    Part1 {
        title: p1.title.clone(),
        workload: workload(w),
        tasks_heading: format!("{}. {}", w.number(2), p1.tasks_heading),
        instruction: p1.instruction.clone(),
        columns: p1.columns.clone().map(|c| w.digits.apply(&c)),
        short_columns: p1
            .columns
            .clone()
            .map(|c| w.digits.apply(&wording::column_short(&c))),
        column_rest: p1
            .columns
            .clone()
            .map(|c| w.digits.apply(wording::column_rest(&c))),
        rows: w.a.part1.iter().map(|r| row(w, r)).collect(),
        notes: w.form.notes.iter().map(|n| w.digits.apply(n)).collect(),
    }
}

fn row(w: &Wording, row: &Part1Row) -> Row {
    let form = w.form;
    let p1 = &form.part1;
    let area = form.area(&row.area);
    let indicator = row
        .indicator
        .as_deref()
        .map(|code| indicator_heading(w, code));
    let many = p1.target_groups.len() > 1;
    let cells = |texts: &BTreeMap<String, String>| -> Vec<Cell> {
        let known = p1
            .target_groups
            .iter()
            .map(|g| (g.id.as_str(), g.name.as_str()));
        let extra = texts
            .keys()
            .filter(|k| !p1.target_groups.iter().any(|g| &g.id == *k))
            .map(|k| (k.as_str(), k.as_str()));
        known
            .map(|(id, name)| (id, name, many))
            .chain(extra.map(|(id, name)| (id, name, true)))
            .filter_map(|(id, name, named)| {
                let text = texts.get(id)?;
                Some(Cell {
                    group: named.then(|| name.to_owned()),
                    text: text.clone(),
                })
            })
            .collect()
    };
    Row {
        area: area_heading(w, &row.area),
        // A row for a whole area prints the area's scope under its name, as the form does.
        scope: match (&row.indicator, area) {
            (None, Some(a)) => Some(a.scope.clone()),
            _ => None,
        },
        indicator,
        tasks: row.tasks.clone(),
        outcomes: cells(&row.outcomes),
        indicators: cells(&row.indicators),
    }
}

/// A Part 1 row's area as the form heads it, "1. ด้านการจัดการเรียนรู้"; an area the form
/// lacks is named by its word and code, "ด้าน 4".
pub(crate) fn area_heading(w: &Wording, code: &str) -> String {
    let p1 = &w.form.part1;
    match w.form.area(code) {
        Some(a) => format!("{}. {}", w.digits.apply(&a.code), a.name),
        None => format!("{} {}", p1.area_word, w.digits.apply(code)),
    }
}

/// An indicator as a row names it, "ตัวชี้วัด 1.1 การสร้างและหรือพัฒนาหลักสูตร".
pub(crate) fn indicator_heading(w: &Wording, code: &str) -> String {
    let name = w
        .form
        .indicator(code)
        .map(|ind| ind.name.as_str())
        .unwrap_or_default();
    format!(
        "{} {} {name}",
        w.form.part1.indicator_word,
        w.digits.apply(code)
    )
    .trim_end()
    .to_owned()
}

/// The heading of challenge `index` (from 0) as the form words it: "ประเด็นท้าทาย เรื่อง …",
/// "ประเด็นท้าทายเรื่องที่ ๒ …".
pub(crate) fn challenge_heading(w: &Wording, index: usize, title: &str) -> String {
    let p2 = &w.form.part2;
    let label = if p2.issue_label.ends_with("ที่") {
        format!("{} {}", p2.issue_label, w.number(index + 1))
    } else {
        p2.issue_label.clone()
    };
    if label.ends_with("เรื่อง") {
        format!("{label} {title}")
    } else {
        format!("{label} เรื่อง {title}")
    }
}

fn part2(w: &Wording) -> Part2 {
    let months = wording::fiscal_months(w.a.fiscal_year);
    let span = match (months.first(), months.last()) {
        (Some(first), Some(last)) => {
            format!("{} – {}", w.month(Some(*first)), w.month(Some(*last)))
        }
        _ => String::new(),
    };
    let p2 = &w.form.part2;
    let challenges =
        w.a.challenges
            .iter()
            .enumerate()
            .map(|(i, c)| Challenge {
                heading: challenge_heading(w, i, &c.title),
                title: c.title.clone(),
                policy: p2.requires_policy.then(|| {
                    (
                        p2.policy_label
                            .clone()
                            .unwrap_or_else(|| "นโยบายที่ตอบสนอง".to_owned()),
                        c.policy.clone(),
                    )
                }),
                problem_label: format!("{}. {}", w.number(1), p2.problem_label),
                problem: c.problem.clone(),
                method_label: format!("{}. {}", w.number(2), p2.method_label),
                intro: c.method.intro.clone(),
                planned: c
                    .method
                    .steps
                    .iter()
                    .any(|s| s.start.is_some() || s.end.is_some()),
                steps: c
                    .method
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(j, s)| Step {
                        number: w.number(j + 1),
                        text: s.text.clone(),
                        start: w.month(s.start),
                        end: w.month(s.end),
                        cells: wording::planned(&months, s.start, s.end),
                    })
                    .collect(),
                outcomes_label: format!("{}. {}", w.number(3), p2.outcomes_label),
                quantitative_label: format!("{} {}", w.digits.apply("3.1"), p2.quantitative_label),
                quantitative: c.quantitative.iter().map(|t| t.text.clone()).collect(),
                qualitative_label: format!("{} {}", w.digits.apply("3.2"), p2.qualitative_label),
                qualitative: c.qualitative.clone(),
            })
            .collect();
    Part2 {
        title: p2.title.clone(),
        preamble: w.fill(&p2.preamble),
        months: months.iter().map(|m| wording::month_short(*m)).collect(),
        span,
        challenges,
    }
}

fn signature(w: &Wording, s: &Signature, caption: &str) -> SignatureBlock {
    SignatureBlock {
        name: s.name.clone(),
        position: s.position_text.clone(),
        caption: caption.to_owned(),
        date: w.signed(s.date),
    }
}

fn approval(w: &Wording) -> Approval {
    let f = &w.form.approval;
    let opinion = w.a.approval.as_ref();
    let decision = opinion.map(|o| o.decision);
    Approval {
        heading: f.opinion_heading.clone(),
        approve: Check::new(decision == Some(Decision::Approve), f.approve_text.clone()),
        reject: Check::new(decision == Some(Decision::Return), f.reject_text.clone()),
        suggestions: opinion.map(|o| o.suggestions.clone()).unwrap_or_default(),
        signature: signature(
            w,
            &opinion.map(|o| o.signature.clone()).unwrap_or_default(),
            "",
        ),
    }
}

fn booklet(w: &Wording) -> Booklet {
    let (form, a) = (w.form, w.a);
    let given = a.booklet.clone().unwrap_or_default();
    let m = &a.maker;
    let position = m.position.unwrap_or(form.position);
    let standing = if m.standing_title.trim().is_empty() {
        m.standing.map(|s| s.title(position)).unwrap_or_default()
    } else {
        m.standing_title.clone()
    };
    let cover_lines = if given.cover_lines.is_empty() {
        [
            m.full_name(),
            format!("ตำแหน่ง {} {standing}", position.thai()),
            m.unit.clone(),
        ]
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect()
    } else {
        given.cover_lines
    };
    Booklet {
        cover_title: vec![
            "ข้อตกลงในการพัฒนางาน".to_owned(),
            "(Performance Agreement : PA)".to_owned(),
            format!(
                "ประจำปีงบประมาณ พ.ศ. {}",
                w.number(usize::from(a.fiscal_year))
            ),
        ],
        cover_lines,
        preface: given.preface,
        preface_signer: given.preface_signer,
    }
}
