//! The agreement (PA 1) as a typed document, and its JSON interchange format.
//!
//! The content a maker writes is one JSON document; the workflow state, reviews and scores live
//! beside it. Free text keeps the maker's own numbering and wording, because the printed form
//! shows it verbatim; structured values (hours, targets, months) are typed so rules can read them.
//! `docs/agreement-format.md` documents the format; its JSON Schema is generated from these types.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::people::{Position, Standing};

/// The interchange format number written into every file. Bump it on an incompatible change.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Interchange format number; must equal [`FORMAT_VERSION`].
    pub format: u32,
    /// The catalog form id this agreement is written on.
    pub form: String,
    /// ปีงบประมาณ, Buddhist era (e.g. 2567 runs 1 ต.ค. 2566 – 30 ก.ย. 2567).
    pub fiscal_year: u16,
    /// ระหว่างวันที่ … ถึงวันที่ … (ISO dates, Gregorian; printed in BE).
    pub period: Period,
    pub maker: Maker,
    /// Ids of the ticked classroom or school types (catalog `type_choice`).
    #[serde(default)]
    pub types: Vec<String>,
    pub workload: WorkloadEntry,
    /// ส่วนที่ 1 rows, in table order.
    pub part1: Vec<Part1Row>,
    /// ส่วนที่ 2 ประเด็นท้าทาย.
    pub challenges: Vec<Challenge>,
    /// The maker's signature block.
    #[serde(default)]
    pub signature: Signature,
    /// The approver's opinion; absent until the approver decides.
    #[serde(default)]
    pub approval: Option<ApprovalOpinion>,
    /// คำนำ and cover lines for booklet-bound agreements (seed 004).
    #[serde(default)]
    pub booklet: Option<Booklet>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// ผู้จัดทำข้อตกลง: the header block, as it will print.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Maker {
    /// คำนำหน้า: นาย, นาง, นางสาว, ดร., ว่าที่ร้อยตรี …
    #[serde(default)]
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub position: Option<Position>,
    pub standing: Option<Standing>,
    /// วิทยฐานะ as written on the form, e.g. "ครูชำนาญการพิเศษ" (checked against `standing`).
    #[serde(default)]
    pub standing_title: String,
    /// สถานศึกษา / หน่วยงาน.
    #[serde(default)]
    pub unit: String,
    /// สังกัด.
    #[serde(default)]
    pub affiliation: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub province: String,
    /// รับเงินเดือนในอันดับ, e.g. "คศ.3".
    #[serde(default)]
    pub salary_scale: String,
    /// อัตราเงินเดือน (บาท), as written.
    #[serde(default)]
    pub salary: String,
}

impl Maker {
    pub fn full_name(&self) -> String {
        let name = format!("{} {}", self.first_name, self.last_name);
        if self.title.is_empty() {
            name
        } else {
            format!("{}{}", self.title, name)
        }
    }
}

/// ภาระงาน as answered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkloadEntry {
    /// ( ) เต็มเวลา / ( ) ไม่เต็มเวลา; absent when the form does not ask.
    #[serde(default)]
    pub full_time: Option<bool>,
    /// เนื่องจาก… (required when not full time on ESA forms).
    #[serde(default)]
    pub part_time_reason: String,
    #[serde(default)]
    pub items: Vec<WorkloadLine>,
}

/// One workload item: hours per week, or for teaching hours the per-subject rows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkloadLine {
    /// The catalog item code, e.g. "1.1".
    pub code: String,
    /// ชั่วโมง/สัปดาห์ as stated on the line (for 1.1, the stated total).
    #[serde(default)]
    pub hours: Option<f64>,
    /// กลุ่มสาระการเรียนรู้/รายวิชา rows.
    #[serde(default)]
    pub subjects: Vec<SubjectHours>,
    /// Free text the maker adds to the line.
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectHours {
    pub subject: String,
    pub hours: Option<f64>,
}

/// One row of the Part 1 table.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part1Row {
    /// Area code ("1").
    pub area: String,
    /// Indicator code ("1.1"); absent on a row that covers a whole area.
    #[serde(default)]
    pub indicator: Option<String>,
    /// งาน (Tasks): how the work will be done, in the maker's words and numbering.
    pub tasks: String,
    /// ผลลัพธ์ (Outcomes) per target group id (`learners`, `teachers`, …).
    pub outcomes: BTreeMap<String, String>,
    /// ตัวชี้วัด (Indicators) per target group id.
    pub indicators: BTreeMap<String, String>,
}

/// ประเด็นท้าทาย.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    /// เรื่อง.
    pub title: String,
    /// The policy item it answers (required on ESA forms, seed 002).
    #[serde(default)]
    pub policy: String,
    /// 1. สภาพปัญหา…
    pub problem: String,
    /// 2. วิธีการดำเนินการให้บรรลุผล.
    pub method: Method,
    /// 3.1 เชิงปริมาณ.
    pub quantitative: Vec<Target>,
    /// 3.2 เชิงคุณภาพ: one statement per item.
    pub qualitative: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// Text before the steps (the model or approach).
    #[serde(default)]
    pub intro: String,
    pub steps: Vec<Step>,
}

/// One ordered step, with the months it is planned for (drawn as a Gantt chart).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub text: String,
    #[serde(default)]
    pub start: Option<YearMonth>,
    #[serde(default)]
    pub end: Option<YearMonth>,
}

/// A month, written "2024-01" (Gregorian; printed as "ม.ค. 2567").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    /// The month a date falls in.
    pub fn of(d: NaiveDate) -> YearMonth {
        use chrono::Datelike;
        YearMonth {
            year: d.year(),
            month: d.month(),
        }
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for YearMonth {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("เดือน \"{s}\" ต้องเขียนเป็น ปปปป-ดด (ค.ศ.) เช่น 2024-01");
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if y.len() != 4 || m.len() != 2 || !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(YearMonth { year, month })
    }
}

impl JsonSchema for YearMonth {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "YearMonth".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
            "description": "A month, Gregorian, e.g. 2024-01"
        })
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A quantitative target: the sentence as written plus the number it promises.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The whole statement as printed, e.g. "นักเรียนร้อยละ 80 มีผลสัมฤทธิ์…".
    pub text: String,
    /// What is counted ("นักเรียนชั้น ม.2 ที่มีผลสัมฤทธิ์ระดับดีขึ้นไป").
    #[serde(default)]
    pub what: String,
    /// The number promised; a target without one is an error.
    #[serde(default)]
    pub value: Option<f64>,
    /// "ร้อยละ", "คน", "โรงเรียน", …
    #[serde(default)]
    pub unit: String,
}

/// ลงชื่อ … ผู้จัดทำข้อตกลงในการพัฒนางาน.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Name in brackets under the signature line.
    #[serde(default)]
    pub name: String,
    /// ตำแหน่ง line as written, e.g. "ครู วิทยฐานะครูชำนาญการพิเศษ".
    #[serde(default)]
    pub position_text: String,
    #[serde(default)]
    pub date: Option<NaiveDate>,
}

/// ความเห็นของผู้บังคับบัญชา.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalOpinion {
    pub decision: Decision,
    /// ข้อเสนอแนะ (required when returning).
    #[serde(default)]
    pub suggestions: String,
    #[serde(default)]
    pub signature: Signature,
}

/// The one box ticked in the approver's opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// เห็นชอบให้เป็นข้อตกลงในการพัฒนางาน.
    Approve,
    /// ไม่เห็นชอบ … โดยมีข้อเสนอแนะเพื่อนำไปแก้ไข.
    Return,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Booklet {
    /// Lines printed on the cover under the title (unit, area office, …).
    #[serde(default)]
    pub cover_lines: Vec<String>,
    /// คำนำ, one string per paragraph.
    #[serde(default)]
    pub preface: Vec<String>,
    /// Name and position signing the preface.
    #[serde(default)]
    pub preface_signer: String,
}

/// Why a file could not be read as an agreement.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("อ่านแฟ้ม JSON ไม่ได้: {0}")]
    Json(#[from] serde_json::Error),
    #[error("แฟ้มนี้เป็นรูปแบบรุ่น {found} แต่ระบบอ่านได้รุ่น {FORMAT_VERSION}")]
    Format { found: u32 },
}

impl Agreement {
    /// The same agreement as a fresh draft for fiscal year `fiscal_year` (BE): its period is
    /// that year's, every planned month moves by the same number of years, and the approver's
    /// opinion is dropped. How the demo and the tests bring an example into the current year.
    pub fn moved_to(mut self, fiscal_year: u16) -> Agreement {
        let shift = i32::from(fiscal_year) - i32::from(self.fiscal_year);
        self.fiscal_year = fiscal_year;
        let (start, end) = crate::thai::fiscal::period(fiscal_year);
        self.period = Period { start, end };
        for step in self
            .challenges
            .iter_mut()
            .flat_map(|c| c.method.steps.iter_mut())
        {
            for m in [&mut step.start, &mut step.end].into_iter().flatten() {
                m.year += shift;
            }
        }
        self.approval = None;
        self
    }

    /// Parses an interchange file and checks its format number.
    pub fn from_json(text: &str) -> Result<Agreement, ParseError> {
        let agreement: Agreement = serde_json::from_str(text)?;
        if agreement.format != FORMAT_VERSION {
            return Err(ParseError::Format {
                found: agreement.format,
            });
        }
        Ok(agreement)
    }

    /// Every free-text field with its path, in document order: what text rules read.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = Vec::new();
        let m = &self.maker;
        for (k, v) in [
            ("title", &m.title),
            ("first_name", &m.first_name),
            ("last_name", &m.last_name),
            ("standing_title", &m.standing_title),
            ("unit", &m.unit),
            ("affiliation", &m.affiliation),
            ("district", &m.district),
            ("province", &m.province),
            ("salary_scale", &m.salary_scale),
            ("salary", &m.salary),
        ] {
            out.push((format!("/maker/{k}"), v));
        }
        out.push((
            "/workload/part_time_reason".into(),
            &self.workload.part_time_reason,
        ));
        for (i, l) in self.workload.items.iter().enumerate() {
            out.push((format!("/workload/items/{i}/note"), &l.note));
            for (j, s) in l.subjects.iter().enumerate() {
                out.push((
                    format!("/workload/items/{i}/subjects/{j}/subject"),
                    &s.subject,
                ));
            }
        }
        for (i, r) in self.part1.iter().enumerate() {
            out.push((format!("/part1/{i}/tasks"), &r.tasks));
            for (col, map) in [("outcomes", &r.outcomes), ("indicators", &r.indicators)] {
                for (g, t) in map {
                    out.push((format!("/part1/{i}/{col}/{g}"), t));
                }
            }
        }
        for (i, c) in self.challenges.iter().enumerate() {
            let at = |rest: &str| format!("/challenges/{i}/{rest}");
            out.push((at("title"), &c.title));
            out.push((at("policy"), &c.policy));
            out.push((at("problem"), &c.problem));
            out.push((at("method/intro"), &c.method.intro));
            for (j, s) in c.method.steps.iter().enumerate() {
                out.push((at(&format!("method/steps/{j}/text")), &s.text));
            }
            for (j, t) in c.quantitative.iter().enumerate() {
                out.push((at(&format!("quantitative/{j}/text")), &t.text));
                out.push((at(&format!("quantitative/{j}/what")), &t.what));
            }
            for (j, q) in c.qualitative.iter().enumerate() {
                out.push((at(&format!("qualitative/{j}")), q));
            }
        }
        out.push(("/signature/name".into(), &self.signature.name));
        out.push((
            "/signature/position_text".into(),
            &self.signature.position_text,
        ));
        if let Some(op) = &self.approval {
            out.push(("/approval/suggestions".into(), &op.suggestions));
        }
        out
    }

    /// The JSON Schema of the interchange format.
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(Agreement)).unwrap_or_default()
    }
}
