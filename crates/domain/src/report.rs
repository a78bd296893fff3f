//! รายงานผลการพัฒนางานตามข้อตกลง: what the maker actually did and achieved against each Part 1
//! row and each challenge's targets, the evidence (หลักฐาน/ร่องรอย) attached to indicators and
//! challenges through the year, the checks before the report is submitted, and the optional
//! warnings against the DPA evidence limits (DOMAIN.md §3).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::agreement::{Agreement, Target};
use crate::catalog::Form;

/// The self-report, shaped after its agreement: one result per Part 1 row and per challenge.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfReport {
    pub part1: Vec<RowResult>,
    pub challenges: Vec<ChallengeResult>,
    /// Why an indicator has no evidence, by indicator code ("1.3").
    #[serde(default)]
    pub explanations: BTreeMap<String, String>,
}

/// What was done for a Part 1 row, and what it achieved.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowResult {
    #[serde(default)]
    pub done: String,
    #[serde(default)]
    pub achieved: String,
}

/// A challenge's results: one per quantitative target, in order, and the qualitative results.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeResult {
    pub targets: Vec<TargetResult>,
    #[serde(default)]
    pub qualitative: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetResult {
    /// The value reached, in the target's unit.
    #[serde(default)]
    pub achieved: Option<f64>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    File,
    Link,
    Note,
}

/// A piece of evidence as the report lists it and the checks read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub id: String,
    pub kind: EvidenceKind,
    pub title: String,
    pub description: String,
    pub date: Option<NaiveDate>,
    /// Indicator codes it proves ("1.1").
    pub indicators: Vec<String>,
    /// Indexes of the challenges it proves.
    pub challenges: Vec<usize>,
    /// For a file: its name and the type its content was found to be (`application/pdf`).
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    /// For a link.
    pub url: String,
    /// What was read from the file: a PDF's pages, a clip's length, an image's size.
    pub pages: Option<u32>,
    pub duration_seconds: Option<f64>,
    /// The maker wants an image printed in the report, not just listed.
    pub inline: bool,
}

/// A problem that keeps the report from being submitted, at the path of its field
/// (`/part1/0/done`, `/challenges/0/targets/1`, `/evidence/1.3`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub path: String,
    pub message: String,
}

impl SelfReport {
    /// An empty report with a slot for every row, challenge and target of the agreement.
    pub fn blank(a: &Agreement) -> SelfReport {
        SelfReport {
            part1: a.part1.iter().map(|_| RowResult::default()).collect(),
            challenges: a
                .challenges
                .iter()
                .map(|c| ChallengeResult {
                    targets: c
                        .quantitative
                        .iter()
                        .map(|_| TargetResult::default())
                        .collect(),
                    qualitative: String::new(),
                })
                .collect(),
            explanations: BTreeMap::new(),
        }
    }

    /// This report reshaped to `a` (rows or targets added since are blank, extra ones dropped).
    pub fn fitted(mut self, a: &Agreement) -> SelfReport {
        let blank = SelfReport::blank(a);
        self.part1.resize(blank.part1.len(), RowResult::default());
        self.challenges
            .resize(blank.challenges.len(), ChallengeResult::default());
        for (c, b) in self.challenges.iter_mut().zip(&blank.challenges) {
            c.targets.resize(b.targets.len(), TargetResult::default());
        }
        self
    }

    /// Everything that must be filled in before submission, in Thai: each row's work and
    /// result, each target's value reached, each challenge's qualitative results, and for
    /// every indicator of the form evidence or an explanation.
    pub fn check(&self, form: &Form, a: &Agreement, evidence: &[EvidenceItem]) -> Vec<Finding> {
        let mut out = Vec::new();
        let report = self.clone().fitted(a);
        for (i, (row, r)) in a.part1.iter().zip(&report.part1).enumerate() {
            let name = row_heading(form, row, i);
            if r.done.trim().is_empty() {
                out.push(Finding {
                    path: format!("/part1/{i}/done"),
                    message: format!("{name}: กรอกสิ่งที่ได้ดำเนินการจริง"),
                });
            }
            if r.achieved.trim().is_empty() {
                out.push(Finding {
                    path: format!("/part1/{i}/achieved"),
                    message: format!("{name}: กรอกผลที่เกิดขึ้นจริง"),
                });
            }
        }
        for (c, (challenge, r)) in a.challenges.iter().zip(&report.challenges).enumerate() {
            for (t, (target, result)) in challenge.quantitative.iter().zip(&r.targets).enumerate() {
                if result.achieved.is_none() {
                    out.push(Finding {
                        path: format!("/challenges/{c}/targets/{t}"),
                        message: format!(
                            "ประเด็นท้าทายที่ {} เป้าหมายเชิงปริมาณข้อ {}: กรอกผลที่ได้จริง ({})",
                            c + 1,
                            t + 1,
                            target.text.trim()
                        ),
                    });
                }
            }
            if r.qualitative.trim().is_empty() {
                out.push(Finding {
                    path: format!("/challenges/{c}/qualitative"),
                    message: format!("ประเด็นท้าทายที่ {}: กรอกผลลัพธ์เชิงคุณภาพที่เกิดขึ้นจริง", c + 1),
                });
            }
        }
        for (_, indicator) in form.indicators() {
            let proven = evidence
                .iter()
                .any(|e| e.indicators.contains(&indicator.code));
            let explained = report
                .explanations
                .get(&indicator.code)
                .is_some_and(|t| !t.trim().is_empty());
            if !proven && !explained {
                out.push(Finding {
                    path: format!("/evidence/{}", indicator.code),
                    message: format!(
                        "ตัวชี้วัด {} {}: แนบหลักฐานอย่างน้อย 1 รายการ หรืออธิบายเหตุที่ไม่มี",
                        indicator.code, indicator.name
                    ),
                });
            }
        }
        out
    }
}

/// "ด้านที่ 1 ด้านการจัดการเรียนรู้ · 1.2 ออกแบบการจัดการเรียนรู้" for a Part 1 row.
pub fn row_heading(form: &Form, row: &crate::agreement::Part1Row, index: usize) -> String {
    let area = form
        .area(&row.area)
        .map(|x| format!("ด้านที่ {} {}", x.code, x.name))
        .unwrap_or_else(|| format!("แถวที่ {}", index + 1));
    match row.indicator.as_deref().and_then(|c| form.indicator(c)) {
        Some(i) => format!("{area} · {} {}", i.code, i.name),
        None => area,
    }
}

/// Whether the value reached meets the target: at least the number promised. `None` when
/// either is missing.
pub fn achieved(target: &Target, result: &TargetResult) -> Option<bool> {
    Some(result.achieved? + 1e-9 >= target.value?)
}

/// The DPA's limits on evidence (DOMAIN.md §3, "DPA พร้อมส่ง"): configurable data, since DPA
/// changes them by announcement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvidenceLimits {
    /// A teaching clip: one continuous take of at most this many minutes.
    pub teaching_clip_minutes: f64,
    /// Any other clip (inspiration, learner outcomes).
    pub other_clip_minutes: f64,
    /// A learner-outcome PDF.
    pub pdf_pages: u32,
}

impl Default for EvidenceLimits {
    fn default() -> EvidenceLimits {
        EvidenceLimits {
            teaching_clip_minutes: 60.0,
            other_clip_minutes: 10.0,
            pdf_pages: 10,
        }
    }
}

/// Warnings (never errors) where a piece of evidence would not pass DPA's limits as it is.
pub fn dpa_warnings(evidence: &[EvidenceItem], limits: &EvidenceLimits) -> Vec<String> {
    let mut out = Vec::new();
    for e in evidence {
        if let Some(seconds) = e.duration_seconds {
            let minutes = seconds / 60.0;
            if minutes > limits.teaching_clip_minutes {
                out.push(format!(
                    "\"{}\" ยาว {:.0} นาที เกินที่ DPA รับสำหรับคลิปการสอน ({} นาที)",
                    e.title, minutes, limits.teaching_clip_minutes
                ));
            } else if minutes > limits.other_clip_minutes {
                out.push(format!(
                    "\"{}\" ยาว {:.0} นาที ใช้เป็นคลิปการสอนได้ แต่เกินที่ DPA รับสำหรับคลิปอื่น ({} นาที)",
                    e.title, minutes, limits.other_clip_minutes
                ));
            }
        }
        if let Some(pages) = e.pages
            && pages > limits.pdf_pages
        {
            out.push(format!(
                "\"{}\" มี {pages} หน้า เกินที่ DPA รับสำหรับไฟล์ผลลัพธ์ของผู้เรียน ({} หน้า)",
                e.title, limits.pdf_pages
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests;
