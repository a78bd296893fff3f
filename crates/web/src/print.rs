//! The PA 1 laid out as the official form prints it (seed 001 for a teacher, seed 004 for an
//! ESA director): the form code top-right, the header with the maker's values in the form's
//! blanks, the ticked boxes, the workload, the Part 1 table, the challenge issues with their
//! month-by-month plan, and both signature blocks.
//!
//! Every value carries the path the checker and the editor use (`/part1/0/tasks`), so a
//! finding, a diff line and an approver's comment all point at one printed field. The template
//! (`templates/print.html`) only places what is computed here.

use std::collections::{BTreeMap, BTreeSet};

use domain::agreement::{Agreement, Decision, Signature, YearMonth};
use domain::catalog::Form;
use domain::editing;
use domain::thai::{Digits, date, fiscal};

mod part1;
mod part2;

pub use part1::{Part1View, WorkloadView};
pub use part2::Part2View;

/// ☑ and ☐, as a filled-in form shows a ticked and an empty box.
pub const TICKED: &str = "☑";
pub const EMPTY: &str = "☐";

/// A printed value at its path. `text` is empty for a blank the maker left (the template
/// draws the dotted line).
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub path: String,
    pub text: String,
}

impl Value {
    pub fn blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A place an approver may comment on: the path the comment is stored under, its Thai label,
/// the comment being written (kept when the page comes back with an error), and what was said
/// about it when the agreement was last returned.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub path: String,
    pub label: String,
    pub draft: String,
    pub earlier: Option<String>,
}

/// A run of a header line: literal form wording, or a value of the maker's at its path.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub path: Option<String>,
}

impl Run {
    pub fn blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub ticked: bool,
    pub mark: &'static str,
    pub name: String,
}

impl Check {
    fn new(ticked: bool, name: impl Into<String>) -> Check {
        Check {
            ticked,
            mark: if ticked { TICKED } else { EMPTY },
            name: name.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckGroup {
    pub heading: Option<String>,
    pub options: Vec<Check>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypesView {
    pub label: String,
    pub groups: Vec<CheckGroup>,
    pub slot: Slot,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SignatureView {
    pub name: Value,
    pub position: Value,
    pub caption: String,
    pub date: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApprovalView {
    pub heading: String,
    pub approve: Check,
    pub reject: Check,
    pub suggestions: Value,
    pub signature: SignatureView,
}

/// What the approver's side of the page adds to the printed form.
#[derive(Debug, Clone, Default)]
pub struct Comments {
    /// Whether every field gets a "ให้ข้อเสนอแนะ" box (the recorded approver, deciding).
    pub open: bool,
    /// Comments being written, by path.
    pub drafts: BTreeMap<String, String>,
    /// The comments of the last return, by path.
    pub earlier: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrintView {
    pub code: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub header: Vec<Vec<Run>>,
    pub header_slot: Slot,
    pub types: Option<TypesView>,
    pub intent: String,
    pub workload: WorkloadView,
    pub part1: Part1View,
    pub notes: Vec<String>,
    pub part2: Part2View,
    pub signature: SignatureView,
    pub approval: ApprovalView,
    /// Whether the comment boxes are shown.
    pub commentable: bool,
    slots: BTreeSet<String>,
}

/// Builds values and slots with the page's comments at hand.
pub(crate) struct Ctx<'a> {
    pub form: &'a Form,
    pub a: &'a Agreement,
    pub digits: Digits,
    comments: &'a Comments,
    slots: BTreeSet<String>,
}

impl Ctx<'_> {
    pub fn value(&self, path: impl Into<String>, text: impl Into<String>) -> Value {
        Value {
            path: path.into(),
            text: text.into(),
        }
    }

    pub fn slot(&mut self, path: impl Into<String>) -> Slot {
        let path = path.into();
        self.slots.insert(path.clone());
        Slot {
            label: editing::label(self.form, self.a, &path),
            draft: self.comments.drafts.get(&path).cloned().unwrap_or_default(),
            earlier: self.comments.earlier.get(&path).cloned(),
            path,
        }
    }

    /// Numbering in the form's own digits ("๑." on a form printed with Thai digits).
    pub fn number(&self, n: usize) -> String {
        self.digits.apply(&n.to_string())
    }

    pub fn month(&self, m: Option<YearMonth>) -> String {
        m.map(|m| date::format_month(m.year, m.month, self.digits))
            .unwrap_or_default()
    }

    /// A template sentence with the maker's position and standing filled in.
    pub fn fill(&self, template: &str) -> String {
        runs(template, |name| self.placeholder(name))
            .into_iter()
            .map(|r| r.text)
            .collect()
    }

    /// The value and path of a `{placeholder}` of the catalog's wording.
    fn placeholder(&self, name: &str) -> Option<(String, Option<&'static str>)> {
        let a = self.a;
        let m = &a.maker;
        let position = m.position.unwrap_or(self.form.position);
        let (start, end) = (a.period.start, a.period.end);
        let day = |d: chrono::NaiveDate| self.digits.apply(&chrono::Datelike::day(&d).to_string());
        let month = |d: chrono::NaiveDate| {
            date::MONTHS
                .get(chrono::Datelike::month0(&d) as usize)
                .copied()
                .unwrap_or_default()
                .to_owned()
        };
        let year = |d: chrono::NaiveDate| {
            self.digits
                .apply(&fiscal::ce_to_be(chrono::Datelike::year(&d)).to_string())
        };
        let standing_title = if m.standing_title.trim().is_empty() {
            m.standing.map(|s| s.title(position)).unwrap_or_default()
        } else {
            m.standing_title.clone()
        };
        let expected = m
            .standing
            .and_then(|s| self.form.expected_level(s))
            .map(|l| l.level.clone())
            .unwrap_or_default();
        Some(match name {
            "fiscal_year" => (
                self.digits.apply(&a.fiscal_year.to_string()),
                Some("/fiscal_year"),
            ),
            "start_day" => (day(start), Some("/period/start")),
            "start_month" => (month(start), Some("/period/start")),
            "start_year" => (year(start), Some("/period/start")),
            "end_day" => (day(end), Some("/period/end")),
            "end_month" => (month(end), Some("/period/end")),
            "end_year" => (year(end), Some("/period/end")),
            "period_start" => (date::format_long(start, self.digits), Some("/period/start")),
            "period_end" => (date::format_long(end, self.digits), Some("/period/end")),
            "title" => (m.title.clone(), Some("/maker/title")),
            "first_name" => (m.first_name.clone(), Some("/maker/first_name")),
            "last_name" => (m.last_name.clone(), Some("/maker/last_name")),
            "position" => (position.thai().to_owned(), Some("/maker/position")),
            "standing" => (
                m.standing.map(|s| s.thai()).unwrap_or_default().to_owned(),
                Some("/maker/standing"),
            ),
            "standing_title" => (standing_title, Some("/maker/standing_title")),
            "unit" => (m.unit.clone(), Some("/maker/unit")),
            "affiliation" => (m.affiliation.clone(), Some("/maker/affiliation")),
            "district" => (m.district.clone(), Some("/maker/district")),
            "province" => (m.province.clone(), Some("/maker/province")),
            "salary_scale" => (m.salary_scale.clone(), Some("/maker/salary_scale")),
            "salary" => (m.salary.clone(), Some("/maker/salary")),
            "counterpart" => (self.form.counterpart.clone(), None),
            "expected_level" => (expected, None),
            _ => return None,
        })
    }
}

/// Splits catalog wording at its `{placeholders}`; an unknown one is printed as written.
fn runs(
    template: &str,
    lookup: impl Fn(&str) -> Option<(String, Option<&'static str>)>,
) -> Vec<Run> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let name = &rest[open + 1..close];
        match lookup(name) {
            Some((text, path)) => {
                if open > 0 {
                    out.push(Run {
                        text: rest[..open].to_owned(),
                        path: None,
                    });
                }
                out.push(Run {
                    text,
                    path: path.map(str::to_owned),
                });
            }
            None => out.push(Run {
                text: rest[..=close].to_owned(),
                path: None,
            }),
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Run {
            text: rest.to_owned(),
            path: None,
        });
    }
    out
}

/// The form prints Thai digits when its own code does ("PA ๑/ส").
fn digits_of(form: &Form) -> Digits {
    if form.codes.pa1.chars().any(|c| ('๐'..='๙').contains(&c)) {
        Digits::Thai
    } else {
        Digits::Arabic
    }
}

/// Hours as a person writes them: "18", "2.5"; "" for none.
pub(crate) fn hours(v: Option<f64>) -> String {
    match v {
        Some(h) if h.fract() == 0.0 => format!("{h:.0}"),
        Some(h) => h.to_string(),
        None => String::new(),
    }
}

impl PrintView {
    /// The form as anyone reads it: no comment boxes.
    pub fn new(form: &Form, a: &Agreement) -> PrintView {
        PrintView::with_comments(form, a, &Comments::default())
    }

    pub fn with_comments(form: &Form, a: &Agreement, comments: &Comments) -> PrintView {
        let mut cx = Ctx {
            form,
            a,
            digits: digits_of(form),
            comments,
            slots: BTreeSet::new(),
        };
        let header = form
            .header_lines
            .iter()
            .map(|line| runs(line, |name| cx.placeholder(name)))
            .collect();
        let header_slot = cx.slot("/maker");
        let types = types(&mut cx);
        let workload = part1::workload(&mut cx);
        let part1 = part1::part1(&mut cx);
        let part2 = part2::build(&mut cx);
        let approval = approval(&cx);
        PrintView {
            code: form.codes.pa1.clone(),
            title: form.title.clone(),
            subtitle: form.subtitle.as_deref().map(|s| cx.fill(s)),
            header,
            header_slot,
            types,
            intent: cx.fill(&form.intent),
            workload,
            part1,
            notes: form.notes.clone(),
            part2,
            signature: signature(
                &cx,
                "/signature",
                &a.signature,
                &form.approval.maker_caption,
            ),
            approval,
            commentable: comments.open,
            slots: cx.slots,
        }
    }

    /// Whether the printed form offers a comment box at `path`: posted comments elsewhere are
    /// not the form's and are dropped.
    pub fn has_slot(&self, path: &str) -> bool {
        self.slots.contains(path)
    }

    /// The printed field a finding at `path` should link to: the path itself or the nearest
    /// enclosing field (`/maker/first_name` → the header block).
    pub fn anchor(&self, path: &str) -> Option<String> {
        let mut p = path;
        loop {
            if self.slots.contains(p) {
                return Some(p.to_owned());
            }
            p = &p[..p.rfind('/').filter(|i| *i > 0)?];
        }
    }
}

fn types(cx: &mut Ctx) -> Option<TypesView> {
    let choice = cx.form.type_choice.as_ref()?;
    let mut groups: Vec<CheckGroup> = Vec::new();
    for o in &choice.options {
        let check = Check::new(cx.a.types.contains(&o.id), o.name.clone());
        match groups.last_mut() {
            Some(g) if g.heading == o.group => g.options.push(check),
            _ => groups.push(CheckGroup {
                heading: o.group.clone(),
                options: vec![check],
            }),
        }
    }
    Some(TypesView {
        label: choice.label.clone(),
        groups,
        slot: cx.slot("/types"),
    })
}

fn signature(cx: &Ctx, at: &str, s: &Signature, caption: &str) -> SignatureView {
    SignatureView {
        name: cx.value(format!("{at}/name"), s.name.clone()),
        position: cx.value(format!("{at}/position_text"), s.position_text.clone()),
        caption: caption.to_owned(),
        date: cx.value(
            format!("{at}/date"),
            s.date
                .map(|d| date::format_long_with_era(d, cx.digits))
                .unwrap_or_default(),
        ),
    }
}

fn approval(cx: &Ctx) -> ApprovalView {
    let f = &cx.form.approval;
    let decision = cx.a.approval.as_ref().map(|o| o.decision);
    let opinion = cx.a.approval.as_ref();
    ApprovalView {
        heading: f.opinion_heading.clone(),
        approve: Check::new(decision == Some(Decision::Approve), f.approve_text.clone()),
        reject: Check::new(decision == Some(Decision::Return), f.reject_text.clone()),
        suggestions: cx.value(
            "/approval/suggestions",
            opinion.map(|o| o.suggestions.clone()).unwrap_or_default(),
        ),
        signature: signature(
            cx,
            "/approval/signature",
            &opinion.map(|o| o.signature.clone()).unwrap_or_default(),
            "",
        ),
    }
}

#[cfg(test)]
mod tests;
