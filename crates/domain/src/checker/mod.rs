//! The checker: what is wrong with an agreement, in Thai, with where and how to fix it.
//!
//! Every rule of DOMAIN.md §5 that can be read off the content has a stable id (`PA-E…` for
//! errors, which block submission; `PA-W…` for warnings, which do not), a location as a
//! JSON-pointer-like path into the agreement, and a message that tells the maker what to do.

mod header;
mod part1;
mod part2;
mod rules;
mod text;
mod workload;

use serde::Serialize;

pub use rules::{RULES, Rule};

use crate::agreement::Agreement;
use crate::catalog::{Catalog, Form};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn thai(self) -> &'static str {
        match self {
            Severity::Error => "ข้อผิดพลาด",
            Severity::Warning => "คำเตือน",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// Where in the agreement, e.g. `/part1/3/outcomes/learners`.
    pub path: String,
    pub message: String,
}

/// The findings of one run, errors first.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    pub fn rule_ids(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.rule).collect()
    }
}

/// What every rule sees, and where it writes its findings.
struct Ctx<'a> {
    form: &'a Form,
    a: &'a Agreement,
    findings: Vec<Finding>,
}

impl Ctx<'_> {
    fn report(&mut self, rule: &Rule, path: impl Into<String>, message: impl Into<String>) {
        self.findings.push(Finding {
            rule: rule.id,
            severity: rule.severity,
            path: path.into(),
            message: message.into(),
        });
    }
}

/// Checks an agreement against the catalog form it names.
pub fn check_in(catalog: &Catalog, a: &Agreement) -> Report {
    match catalog.get(&a.form) {
        Some(form) => check(form, a),
        None => Report {
            findings: vec![Finding {
                rule: rules::UNKNOWN_FORM.id,
                severity: rules::UNKNOWN_FORM.severity,
                path: "/form".into(),
                message: format!(
                    "ไม่พบแบบฟอร์มรหัส \"{}\" ในแคตตาล็อก: เลือกแบบฟอร์มจากรายการของระบบ (thaipa catalog)",
                    a.form
                ),
            }],
        },
    }
}

/// Checks an agreement against a form.
pub fn check(form: &Form, a: &Agreement) -> Report {
    let mut ctx = Ctx {
        form,
        a,
        findings: Vec::new(),
    };
    header::check(&mut ctx);
    workload::check(&mut ctx);
    part1::check(&mut ctx);
    part2::check(&mut ctx);
    text::check(&mut ctx);
    let mut findings = ctx.findings;
    findings.sort_by_key(|f| f.severity);
    Report { findings }
}

#[cfg(test)]
mod tests;
