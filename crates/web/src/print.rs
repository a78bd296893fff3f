//! The PA 1 laid out as the official form prints it (seed 001 for a teacher, seed 004 for an
//! ESA director): the form code top-right, the header with the maker's values in the form's
//! blanks, the ticked boxes, the workload, the Part 1 table, the challenge issues with their
//! month-by-month plan, and both signature blocks.
//!
//! Every value carries the path the checker and the editor use (`/part1/0/tasks`), so a
//! finding, a diff line and an approver's comment all point at one printed field. The template
//! (`templates/print.html`) only places what is computed here.

use std::collections::{BTreeMap, BTreeSet};

pub use docs::wording::Run;
use docs::wording::Wording;
use domain::agreement::{Agreement, Decision, Signature};
use domain::catalog::Form;
use domain::editing;

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

/// Builds values and slots with the page's comments at hand, wording the form as the
/// documents do.
pub(crate) struct Ctx<'a> {
    pub form: &'a Form,
    pub a: &'a Agreement,
    pub w: Wording<'a>,
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
            w: Wording::new(form, a),
            comments,
            slots: BTreeSet::new(),
        };
        let header = form
            .header_lines
            .iter()
            .map(|line| cx.w.runs(line))
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
            subtitle: form.subtitle.as_deref().map(|s| cx.w.fill(s)),
            header,
            header_slot,
            types,
            intent: cx.w.fill(&form.intent),
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
        date: cx.value(format!("{at}/date"), cx.w.signed(s.date)),
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
