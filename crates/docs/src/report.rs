//! รายงานผลการพัฒนางานตามข้อตกลง (the self-report), worded for print: what the maker did and
//! achieved against each Part 1 row of the approved agreement, each challenge's targets with
//! the value reached and whether it meets the target, the evidence (หลักฐาน/ร่องรอย) behind
//! them, and the pictures the maker chose to print.
//!
//! No ก.ค.ศ. form prescribes this document, so it has no form code; it follows its agreement's
//! shape, wording and digits, and heads its maker as PA 2 and PA 3 head the evaluee.

use domain::agreement::{Agreement, Part1Row};
use domain::catalog::Form;
use domain::report::{EvidenceItem, EvidenceKind, SelfReport, achieved};
use domain::thai::date;
use serde::Serialize;

use crate::Options;
use crate::pa1::{self, SignatureBlock};
use crate::scores::{self, Evaluee};
use crate::wording::Wording;

/// One Part 1 row of the agreement and its results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowReport {
    pub area: String,
    pub indicator: Option<String>,
    pub tasks: String,
    pub done: String,
    pub achieved: String,
    /// The evidence for the row's indicators, each as [`EvidenceLine::listed`] words it.
    pub evidence: Vec<String>,
    /// The row's indicators that have no evidence, each with the maker's explanation.
    pub unproven: Vec<String>,
}

/// A quantitative target, the value reached and the verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetLine {
    pub text: String,
    /// "ร้อยละ 75", "30 คน".
    pub target: String,
    pub result: String,
    pub note: String,
    /// Whether the value reached meets the target; `None` while either is missing.
    pub met: Option<bool>,
    /// "บรรลุ", "ไม่บรรลุ", or "" while `met` is unknown.
    pub verdict: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChallengeReport {
    pub heading: String,
    pub targets: Vec<TargetLine>,
    /// The qualitative outcomes as agreed.
    pub qualitative_goals: Vec<String>,
    /// The qualitative outcomes as reached.
    pub qualitative: String,
    pub evidence: Vec<String>,
}

/// An evidence item in the list of all evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceLine {
    pub number: String,
    pub title: String,
    /// What it is: "PDF 12 หน้า", "วิดีโอ 45 นาที", "ลิงก์".
    pub kind: String,
    pub url: String,
    pub date: String,
    /// What it proves, a line each: "ตัวชี้วัด 1.1, 1.2", "ประเด็นท้าทาย".
    pub proves: Vec<String>,
    pub description: String,
    /// How a row or challenge lists it: "แผนการจัดการเรียนรู้ (PDF 12 หน้า)".
    pub listed: String,
}

/// How a picture's bytes are encoded, told by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ImageFormat {
    #[serde(rename = "png")]
    Png,
    #[serde(rename = "jpg")]
    Jpeg,
}

impl ImageFormat {
    pub fn of(bytes: &[u8]) -> Option<ImageFormat> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageFormat::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageFormat::Jpeg)
        } else {
            None
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
        }
    }
}

/// A picture printed in the ภาพประกอบ section. Its bytes reach typst as a file of their own
/// at `path`, never inside `/data.json`.
#[derive(Clone, PartialEq, Serialize)]
pub struct Figure {
    pub caption: String,
    pub path: String,
    /// `None` when the bytes are neither PNG nor JPEG, which the renderers refuse.
    pub format: Option<ImageFormat>,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Figure")
            .field("caption", &self.caption)
            .field("path", &self.path)
            .field("format", &self.format)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl Figure {
    /// The picture's format, or the error a renderer reports for it.
    pub fn checked_format(&self) -> Result<ImageFormat, String> {
        self.format
            .ok_or_else(|| format!("ภาพประกอบ \"{}\" ไม่ใช่ไฟล์ภาพ JPEG หรือ PNG", self.caption))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub title: String,
    pub subtitle: String,
    pub evaluee: Evaluee,
    pub part1_title: String,
    /// The labels of a row's table: tasks, done, achieved, evidence.
    pub row_labels: [String; 4],
    pub rows: Vec<RowReport>,
    pub part2_title: String,
    /// The heads of a challenge's target table.
    pub target_columns: [String; 4],
    /// The labels of a challenge's qualitative outcomes: as agreed, as reached.
    pub qualitative_labels: [String; 2],
    pub challenges: Vec<ChallengeReport>,
    pub evidence_title: String,
    pub evidence_columns: [String; 4],
    pub evidence: Vec<EvidenceLine>,
    pub figures_title: String,
    pub figures: Vec<Figure>,
    pub signature: SignatureBlock,
}

impl Report {
    /// The report of `report` on agreement `a`, listing `evidence` and printing `images`
    /// (evidence id, JPEG or PNG bytes of a thumbnail) in their order.
    pub fn new(
        form: &Form,
        a: &Agreement,
        report: &SelfReport,
        evidence: &[EvidenceItem],
        images: &[(String, Vec<u8>)],
        options: &Options,
    ) -> Report {
        let w = Wording {
            digits: scores::digits_for(form, options),
            ..Wording::new(form, a)
        };
        let report = report.clone().fitted(a);
        let lines: Vec<EvidenceLine> = evidence
            .iter()
            .enumerate()
            .map(|(i, e)| evidence_line(&w, i, e))
            .collect();
        let listed = |keep: &dyn Fn(&EvidenceItem) -> bool| -> Vec<String> {
            evidence
                .iter()
                .zip(&lines)
                .filter(|(e, _)| keep(e))
                .map(|(_, l)| l.listed.clone())
                .collect()
        };
        let rows = a
            .part1
            .iter()
            .zip(&report.part1)
            .map(|(row, r)| {
                let codes = indicator_codes(form, row);
                RowReport {
                    area: pa1::area_heading(&w, &row.area),
                    indicator: row
                        .indicator
                        .as_deref()
                        .map(|c| pa1::indicator_heading(&w, c)),
                    tasks: row.tasks.clone(),
                    done: r.done.clone(),
                    achieved: r.achieved.clone(),
                    evidence: listed(&|e| e.indicators.iter().any(|c| codes.contains(c))),
                    unproven: codes
                        .iter()
                        .filter(|c| !evidence.iter().any(|e| e.indicators.contains(c)))
                        .map(|c| unproven(&w, c, &report))
                        .collect(),
                }
            })
            .collect();
        let challenges = a
            .challenges
            .iter()
            .zip(&report.challenges)
            .enumerate()
            .map(|(i, (c, r))| ChallengeReport {
                heading: pa1::challenge_heading(&w, i, &c.title),
                targets: c
                    .quantitative
                    .iter()
                    .zip(&r.targets)
                    .map(|(t, result)| {
                        let met = achieved(t, result);
                        TargetLine {
                            text: t.text.clone(),
                            target: t.value.map(|v| amount(&w, v, &t.unit)).unwrap_or_default(),
                            result: result
                                .achieved
                                .map(|v| amount(&w, v, &t.unit))
                                .unwrap_or_default(),
                            note: result.note.clone(),
                            met,
                            verdict: match met {
                                Some(true) => "บรรลุ",
                                Some(false) => "ไม่บรรลุ",
                                None => "",
                            }
                            .to_owned(),
                        }
                    })
                    .collect(),
                qualitative_goals: c.qualitative.clone(),
                qualitative: r.qualitative.clone(),
                evidence: listed(&|e| e.challenges.contains(&i)),
            })
            .collect();
        let figures = images
            .iter()
            .enumerate()
            .map(|(i, (id, bytes))| {
                let format = ImageFormat::of(bytes);
                let title = evidence
                    .iter()
                    .find(|e| &e.id == id)
                    .map(|e| e.title.as_str())
                    .unwrap_or_default();
                Figure {
                    caption: format!("ภาพที่ {} {title}", w.number(i + 1))
                        .trim_end()
                        .to_owned(),
                    // Evidence ids are the store's and need not be valid file names.
                    path: format!(
                        "/images/{i}.{}",
                        format.map_or("bin", ImageFormat::extension)
                    ),
                    format,
                    bytes: bytes.clone(),
                }
            })
            .collect();
        let position = if a.signature.position_text.trim().is_empty() {
            let e = Evaluee::new(form, Some(a), w.digits, "");
            format!("{} วิทยฐานะ{}", e.position, e.standing)
                .trim_end_matches(" วิทยฐานะ")
                .to_owned()
        } else {
            a.signature.position_text.clone()
        };
        Report {
            title: "รายงานผลการพัฒนางานตามข้อตกลง (PA)".to_owned(),
            subtitle: scores::subtitle(form, Some(a)),
            evaluee: Evaluee::new(form, Some(a), w.digits, "ชื่อผู้รายงาน"),
            part1_title: w.digits.apply(&result_title(
                &form.part1.title,
                "ส่วนที่ 1 ผลการพัฒนางานตามมาตรฐานตำแหน่ง",
            )),
            row_labels: ["งานตามข้อตกลง", "สิ่งที่ได้ดำเนินการ", "ผลที่เกิดขึ้น", "หลักฐาน/ร่องรอย"]
                .map(str::to_owned),
            rows,
            part2_title: w.digits.apply(&result_title(
                &form.part2.title,
                "ส่วนที่ 2 ผลการพัฒนางานที่เป็นประเด็นท้าทาย",
            )),
            target_columns: ["เป้าหมายเชิงปริมาณ", "ค่าเป้าหมาย", "ผลที่ได้", "บรรลุ/ไม่บรรลุ"]
                .map(str::to_owned),
            qualitative_labels: ["เป้าหมายเชิงคุณภาพตามข้อตกลง", "ผลลัพธ์เชิงคุณภาพที่เกิดขึ้น"]
                .map(str::to_owned),
            challenges,
            evidence_title: "รายการหลักฐานทั้งหมด".to_owned(),
            evidence_columns: ["ที่", "หลักฐาน", "วันที่", "ใช้เป็นหลักฐานของ"].map(str::to_owned),
            evidence: lines,
            figures_title: "ภาพประกอบ".to_owned(),
            figures,
            signature: SignatureBlock {
                name: if a.signature.name.trim().is_empty() {
                    a.maker.full_name()
                } else {
                    a.signature.name.clone()
                },
                position,
                caption: "ผู้รายงาน".to_owned(),
                // The report carries no date of its own: the maker dates it on signing.
                date: String::new(),
            },
        }
    }
}

/// The form's title of a part with "ข้อตกลงในการพัฒนางาน" read as its results, "ส่วนที่ 1
/// ผลการพัฒนางานตามมาตรฐานตำแหน่ง"; `fallback` where the title does not say it that way.
fn result_title(title: &str, fallback: &str) -> String {
    const AGREED: &str = "ข้อตกลงในการพัฒนางาน";
    if title.contains(AGREED) {
        title.replacen(AGREED, "ผลการพัฒนางาน", 1)
    } else {
        fallback.to_owned()
    }
}

/// The indicators a row reports on: its own, or every indicator of its area for a row that
/// covers the whole area.
fn indicator_codes(form: &Form, row: &Part1Row) -> Vec<String> {
    match &row.indicator {
        Some(code) => vec![code.clone()],
        None => form
            .area(&row.area)
            .map(|a| a.indicators.iter().map(|i| i.code.clone()).collect())
            .unwrap_or_default(),
    }
}

fn unproven(w: &Wording, code: &str, report: &SelfReport) -> String {
    let who = format!("{} {}", w.form.part1.indicator_word, w.digits.apply(code));
    match report.explanations.get(code).map(|t| t.trim()) {
        Some(why) if !why.is_empty() => format!("{who} ไม่มีหลักฐาน เนื่องจาก {why}"),
        _ => format!("{who} ยังไม่มีหลักฐาน"),
    }
}

/// A number with its unit as Thai writes it: "ร้อยละ 75" before, "30 คน" after.
fn amount(w: &Wording, value: f64, unit: &str) -> String {
    let number = w.digits.apply(&number(value));
    let unit = unit.trim();
    if unit.is_empty() {
        number
    } else if unit.starts_with("ร้อยละ") {
        format!("{unit} {number}")
    } else {
        format!("{number} {unit}")
    }
}

/// "75", "82.5", "66.67": at most two places, no trailing zeros.
fn number(v: f64) -> String {
    let text = format!("{v:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A clip's length: "45 นาที", "45 นาที 30 วินาที", "40 วินาที". Seconds are kept, since
/// DPA's limits are whole minutes and a clip a few seconds over one is refused.
fn duration(w: &Wording, seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    let (m, s) = (total / 60, total % 60);
    let text = match (m, s) {
        (0, s) => format!("{s} วินาที"),
        (m, 0) => format!("{m} นาที"),
        (m, s) => format!("{m} นาที {s} วินาที"),
    };
    w.digits.apply(&text)
}

/// What kind of evidence an item is, as a reader would call it.
fn kind(w: &Wording, e: &EvidenceItem) -> String {
    let what = match e.kind {
        EvidenceKind::Link => return "ลิงก์".to_owned(),
        EvidenceKind::Note => return "บันทึก".to_owned(),
        EvidenceKind::File => file_kind(e),
    };
    let mut out = vec![what];
    if let Some(p) = e.pages {
        out.push(format!("{} หน้า", w.number(p as usize)));
    }
    if let Some(s) = e.duration_seconds {
        out.push(duration(w, s));
    }
    out.join(" ")
}

fn file_kind(e: &EvidenceItem) -> String {
    let media = e.media_type.as_str();
    let named = match media {
        "application/pdf" => Some("PDF"),
        "application/msword"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            Some("เอกสาร Word")
        }
        "application/vnd.ms-excel"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => {
            Some("ตาราง Excel")
        }
        "application/vnd.ms-powerpoint"
        | "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            Some("งานนำเสนอ PowerPoint")
        }
        _ if media.starts_with("video/") => Some("วิดีโอ"),
        _ if media.starts_with("audio/") => Some("เสียง"),
        _ if media.starts_with("image/") => Some("ภาพ"),
        _ => None,
    };
    match named {
        Some(n) => n.to_owned(),
        None => match e.file_name.rsplit_once('.') {
            Some((_, ext)) if !ext.is_empty() => format!("ไฟล์ {}", ext.to_uppercase()),
            _ => "ไฟล์".to_owned(),
        },
    }
}

fn evidence_line(w: &Wording, i: usize, e: &EvidenceItem) -> EvidenceLine {
    let kind = kind(w, e);
    let mut proves = Vec::new();
    if !e.indicators.is_empty() {
        let codes: Vec<String> = e.indicators.iter().map(|c| w.digits.apply(c)).collect();
        proves.push(format!(
            "{} {}",
            w.form.part1.indicator_word,
            codes.join(", ")
        ));
    }
    for c in &e.challenges {
        proves.push(if w.a.challenges.len() > 1 {
            format!("ประเด็นท้าทายที่ {}", w.number(c + 1))
        } else {
            "ประเด็นท้าทาย".to_owned()
        });
    }
    let listed = match e.kind {
        EvidenceKind::Link if !e.url.trim().is_empty() => {
            format!("{} (ลิงก์ {})", e.title, e.url.trim())
        }
        _ => format!("{} ({kind})", e.title),
    };
    EvidenceLine {
        number: w.number(i + 1),
        title: e.title.clone(),
        kind,
        url: e.url.trim().to_owned(),
        date: e
            .date
            .map(|d| date::format_short(d, w.digits))
            .unwrap_or_default(),
        proves,
        description: e.description.clone(),
        listed,
    }
}

#[cfg(test)]
mod tests;
