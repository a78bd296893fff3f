//! Scoring a committee's PA 2 sheets into the PA 3 result (seed 001, แนวทางการประเมิน).
//!
//! Part 1 is the sum of the indicator levels (15 × 4 = 60); Part 2 converts each item's level
//! through the form's table (20/15/10/5 and 10/7.5/5/2.5); the agreement passes only if the
//! workload is met and *every* member's total reaches the pass mark: the mean is information only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use crate::catalog::{Catalog, Form};

/// ระดับการปฏิบัติ 1–4 on the rubric. Only these four values exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Level {
    /// ปฏิบัติได้ต่ำกว่าระดับที่คาดหวังมาก.
    One = 1,
    /// ปฏิบัติได้ต่ำกว่าระดับที่คาดหวัง.
    Two = 2,
    /// ปฏิบัติได้ตามระดับที่คาดหวัง.
    Three = 3,
    /// ปฏิบัติได้สูงกว่าระดับที่คาดหวัง.
    Four = 4,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::One, Level::Two, Level::Three, Level::Four];

    pub fn value(self) -> u8 {
        self as u8
    }

    fn index(self) -> usize {
        usize::from(self.value() - 1)
    }
}

impl TryFrom<u8> for Level {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, Self::Error> {
        match v {
            1 => Ok(Level::One),
            2 => Ok(Level::Two),
            3 => Ok(Level::Three),
            4 => Ok(Level::Four),
            other => Err(format!("ระดับคะแนนต้องเป็นจำนวนเต็ม 1 ถึง 4 แต่ได้ {other}")),
        }
    }
}

impl From<Level> for u8 {
    fn from(l: Level) -> u8 {
        l.value()
    }
}

impl TryFrom<&Value> for Level {
    type Error = String;
    fn try_from(v: &Value) -> Result<Self, Self::Error> {
        match v.as_u64() {
            Some(n) if (1..=4).contains(&n) => Level::try_from(n as u8),
            _ => Err(format!("ระดับคะแนนต้องเป็นจำนวนเต็ม 1 ถึง 4 แต่ได้ {v}")),
        }
    }
}

/// A member's seat on the committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seat {
    /// ประธานกรรมการผู้ประเมิน.
    Chair,
    /// กรรมการผู้ประเมิน.
    Member,
}

/// One member's PA 2 levels, already checked against the form.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub seat: Seat,
    pub part1: BTreeMap<String, Level>,
    pub part2: BTreeMap<String, Level>,
    /// ความเห็นเพิ่มเติม / ข้อเสนอแนะ written on the member's PA 2.
    pub comment: String,
}

/// The committee's sheets for one agreement, checked against the form.
#[derive(Debug, Clone)]
pub struct Evaluation<'f> {
    pub form: &'f Form,
    pub workload_met: bool,
    pub sheets: Vec<Sheet>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberResult {
    pub name: String,
    pub seat: Seat,
    pub part1: f64,
    pub part2: f64,
    pub total: f64,
    pub passed: bool,
}

/// PA 3: the per-member totals and the verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub members: Vec<MemberResult>,
    pub passed: bool,
    pub mean_total: f64,
    /// Why it did not pass, in Thai; empty when it passed.
    pub reasons: Vec<String>,
}

/// Everything wrong with a score request, each message in Thai naming the place.
#[derive(Debug, Error, PartialEq)]
#[error("{}", .0.join("\n"))]
pub struct ScoreInputError(pub Vec<String>);

/// The raw request as `thaipa score` reads it; levels stay untyped until checked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    form: String,
    workload_met: bool,
    members: Vec<RawMember>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMember {
    name: String,
    role: String,
    part1: BTreeMap<String, Value>,
    part2: BTreeMap<String, Value>,
    #[serde(default)]
    comment: String,
}

impl<'f> Evaluation<'f> {
    /// Reads a score request (see `thaipa score`) and checks it against the catalog form.
    pub fn from_json(text: &str, catalog: &'f Catalog) -> Result<Evaluation<'f>, ScoreInputError> {
        let raw: RawRequest = serde_json::from_str(text)
            .map_err(|e| ScoreInputError(vec![format!("อ่านแฟ้มคะแนน JSON ไม่ได้: {e}")]))?;
        let form = catalog.get(&raw.form).ok_or_else(|| {
            ScoreInputError(vec![format!("ไม่พบแบบฟอร์มรหัส \"{}\" ในแคตตาล็อก", raw.form)])
        })?;
        let mut errors = Vec::new();
        let size = form.committee.size;
        if raw.members.len() != size {
            errors.push(format!(
                "คณะกรรมการต้องมี {size} คน แต่แฟ้มมี {} คน",
                raw.members.len()
            ));
        }
        let sheets: Vec<Sheet> = raw
            .members
            .into_iter()
            .enumerate()
            .filter_map(|(i, m)| member(form, i + 1, m, &mut errors))
            .collect();
        let chairs = sheets.iter().filter(|s| s.seat == Seat::Chair).count();
        if chairs != 1 && sheets.len() == size {
            errors.push(format!(
                "คณะกรรมการต้องมีประธาน (role \"chair\") 1 คน แต่มี {chairs} คน"
            ));
        }
        if errors.is_empty() {
            Ok(Evaluation {
                form,
                workload_met: raw.workload_met,
                sheets,
            })
        } else {
            Err(ScoreInputError(errors))
        }
    }

    pub fn outcome(&self) -> Outcome {
        let sc = &self.form.scoring;
        let max = sc.part1_max + sc.part2_max;
        let pass_mark = sc.pass_percent.value / 100.0 * max;
        let members: Vec<MemberResult> = self
            .sheets
            .iter()
            .map(|s| {
                let part1: f64 = s.part1.values().map(|l| f64::from(l.value())).sum();
                let part2: f64 = sc
                    .part2_items
                    .iter()
                    .filter_map(|item| s.part2.get(&item.id).map(|l| item.points[l.index()]))
                    .sum();
                let total = part1 + part2;
                MemberResult {
                    name: s.name.clone(),
                    seat: s.seat,
                    part1,
                    part2,
                    total,
                    passed: total + 1e-9 >= pass_mark,
                }
            })
            .collect();
        let mut reasons = Vec::new();
        if sc.workload_gate && !self.workload_met {
            reasons.push("ภาระงานไม่เป็นไปตามที่กำหนด จึงไม่ผ่านเกณฑ์".to_owned());
        }
        for (i, m) in members.iter().enumerate().filter(|(_, m)| !m.passed) {
            reasons.push(format!(
                "กรรมการคนที่ {} ({}) ให้คะแนนรวม {:.2} ต่ำกว่าเกณฑ์ร้อยละ {} ({:.2} คะแนน)",
                i + 1,
                m.name,
                m.total,
                sc.pass_percent.value,
                pass_mark
            ));
        }
        let mean_total = if members.is_empty() {
            0.0
        } else {
            members.iter().map(|m| m.total).sum::<f64>() / members.len() as f64
        };
        Outcome {
            passed: reasons.is_empty() && !members.is_empty(),
            members,
            mean_total,
            reasons,
        }
    }
}

fn member(form: &Form, n: usize, m: RawMember, errors: &mut Vec<String>) -> Option<Sheet> {
    let before = errors.len();
    let who = format!("กรรมการคนที่ {n} ({})", m.name);
    let seat = match m.role.as_str() {
        "chair" => Some(Seat::Chair),
        "member" => Some(Seat::Member),
        other => {
            errors.push(format!(
                "{who}: role ต้องเป็น \"chair\" หรือ \"member\" แต่ได้ \"{other}\""
            ));
            None
        }
    };
    let codes = form.indicator_codes();
    let part1 = levels(&who, "ส่วนที่ 1 ตัวชี้วัด", &codes, m.part1, errors);
    let ids: Vec<&str> = form
        .scoring
        .part2_items
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    let part2 = levels(&who, "ส่วนที่ 2 รายการ", &ids, m.part2, errors);
    let seat = seat.filter(|_| errors.len() == before)?;
    Some(Sheet {
        name: m.name,
        seat,
        part1,
        part2,
        comment: m.comment,
    })
}

fn levels(
    who: &str,
    what: &str,
    expected: &[&str],
    given: BTreeMap<String, Value>,
    errors: &mut Vec<String>,
) -> BTreeMap<String, Level> {
    for key in given.keys().filter(|k| !expected.contains(&k.as_str())) {
        errors.push(format!("{who}: {what} \"{key}\" ไม่มีในแบบฟอร์มนี้"));
    }
    let mut out = BTreeMap::new();
    for code in expected {
        match given.get(*code) {
            None => errors.push(format!("{who}: ยังไม่ได้ให้คะแนน{what} {code}")),
            Some(v) => match Level::try_from(v) {
                Ok(level) => {
                    out.insert((*code).to_owned(), level);
                }
                Err(e) => errors.push(format!("{who}: {what} {code}: {e}")),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests;
