//! PA 2 (one member's evaluation form) and PA 3 (the committee's summary), worded for print.
//!
//! The levels and totals come from `domain::scoring`; this only words them the way the forms
//! print them (DOMAIN.md §1.5): the rubric with the member's level ticked per indicator, the
//! Part 2 items with their points, and the summary with the 70 % rule and the verdict.

use domain::agreement::Agreement;
use domain::catalog::Form;
use domain::people::Position;
use domain::scoring::{Evaluation, Level, Seat, Sheet};
use domain::thai::Digits;
use serde::Serialize;

use crate::Options;
use crate::wording::{self, Wording};

/// Who is evaluated, as the heading of PA 2 and PA 3 prints it; the self-report prints its
/// maker the same way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluee {
    /// What the name line is headed: "ชื่อผู้รับการประเมิน", or "ชื่อผู้รายงาน" on the
    /// self-report.
    pub label: String,
    pub name: String,
    pub position: String,
    pub standing: String,
    pub unit: String,
    pub affiliation: String,
    pub fiscal_year: String,
}

/// The name line's heading on PA 2 and PA 3.
const EVALUEE: &str = "ชื่อผู้รับการประเมิน";

impl Evaluee {
    pub(crate) fn new(form: &Form, a: Option<&Agreement>, digits: Digits, label: &str) -> Evaluee {
        let Some(a) = a else {
            return Evaluee {
                label: label.to_owned(),
                name: String::new(),
                position: form.position.thai().to_owned(),
                standing: String::new(),
                unit: String::new(),
                affiliation: String::new(),
                fiscal_year: String::new(),
            };
        };
        let m = &a.maker;
        let position: Position = m.position.unwrap_or(form.position);
        Evaluee {
            label: label.to_owned(),
            name: m.full_name(),
            position: position.thai().to_owned(),
            standing: if m.standing_title.trim().is_empty() {
                m.standing.map(|s| s.title(position)).unwrap_or_default()
            } else {
                m.standing_title.clone()
            },
            unit: m.unit.clone(),
            affiliation: m.affiliation.clone(),
            fiscal_year: digits.apply(&a.fiscal_year.to_string()),
        }
    }
}

/// One indicator row of the rubric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RubricRow {
    /// The area heading printed above its first indicator.
    pub area: Option<String>,
    pub indicator: String,
    /// 1–4, or 0 when the member has not scored it.
    pub level: u8,
    pub points: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRow {
    pub name: String,
    pub criterion: String,
    pub level: u8,
    /// The points a level converts to, "20" "15" "10" "5", for the column heads.
    pub scale: Vec<String>,
    pub points: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pa2 {
    pub code: String,
    pub title: String,
    pub subtitle: String,
    pub evaluee: Evaluee,
    pub member: String,
    /// "ประธานกรรมการผู้ประเมิน" or "กรรมการผู้ประเมิน".
    pub seat: String,
    /// What levels 1–4 mean, for the legend.
    pub levels: Vec<String>,
    pub expected: String,
    pub workload_met: bool,
    pub part1_name: String,
    pub part1_heading: String,
    pub rubric: Vec<RubricRow>,
    pub part1_total: String,
    pub part1_max: String,
    pub part2_name: String,
    pub part2_heading: String,
    pub items: Vec<ItemRow>,
    pub part2_total: String,
    pub part2_max: String,
    pub total: String,
    pub max: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberColumn {
    pub heading: String,
    pub name: String,
    pub seat: String,
    /// Whether this is the chair, who signs first.
    pub chair: bool,
    pub part1: String,
    pub part2: String,
    pub total: String,
    pub passed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pa3 {
    pub code: String,
    pub title: String,
    pub subtitle: String,
    pub evaluee: Evaluee,
    pub part1_label: String,
    pub part2_label: String,
    pub total_label: String,
    pub members: Vec<MemberColumn>,
    pub rule: String,
    pub summary: String,
    pub workload_met: bool,
    pub passed: bool,
    pub reasons: Vec<String>,
}

fn seat_title(seat: Seat) -> &'static str {
    match seat {
        Seat::Chair => "ประธานกรรมการผู้ประเมิน",
        Seat::Member => "กรรมการผู้ประเมิน",
    }
}

/// Scores as the forms print them: whole numbers plain, halves with two places ("7.50").
fn points(v: f64, digits: Digits) -> String {
    let text = if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    };
    digits.apply(&text)
}

pub(crate) fn digits_for(form: &Form, options: &Options) -> Digits {
    options.digits.unwrap_or_else(|| wording::form_digits(form))
}

pub(crate) fn subtitle(form: &Form, a: Option<&Agreement>) -> String {
    match (a, form.subtitle.as_deref()) {
        (Some(a), Some(s)) => Wording::new(form, a).fill(s),
        (None, Some(s)) if !s.contains('{') => s.to_owned(),
        _ => format!("ตำแหน่ง{}", form.position.thai()),
    }
}

impl Pa2 {
    pub fn new(e: &Evaluation, sheet: &Sheet, a: Option<&Agreement>, options: &Options) -> Pa2 {
        let form = e.form;
        let digits = digits_for(form, options);
        let sc = &form.scoring;
        let p1 = &form.part1;
        let mut rubric = Vec::new();
        for area in &p1.areas {
            for (k, ind) in area.indicators.iter().enumerate() {
                let level = sheet.part1.get(&ind.code).map_or(0, |l| l.value());
                rubric.push(RubricRow {
                    area: (k == 0).then(|| {
                        digits.apply(&format!("{} {} {}", p1.area_word, area.code, area.name))
                    }),
                    indicator: digits.apply(&format!("{} {}", ind.code, ind.name)),
                    level,
                    points: if level == 0 {
                        String::new()
                    } else {
                        digits.apply(&level.to_string())
                    },
                });
            }
        }
        let items: Vec<ItemRow> = sc
            .part2_items
            .iter()
            .map(|item| {
                let level = sheet.part2.get(&item.id).copied();
                ItemRow {
                    name: digits.apply(&item.name),
                    criterion: item.criterion.clone(),
                    level: level.map_or(0, Level::value),
                    scale: item.points.iter().map(|p| points(*p, digits)).collect(),
                    points: level
                        .map(|l| points(item.points[usize::from(l.value() - 1)], digits))
                        .unwrap_or_default(),
                }
            })
            .collect();
        let result = e.outcome();
        let mine = result.members.iter().find(|m| m.name == sheet.name);
        let expected = a
            .and_then(|a| a.maker.standing)
            .and_then(|s| form.expected_level(s))
            .map(|l| format!("{} ({})", l.level, l.level_en))
            .unwrap_or_default();
        Pa2 {
            code: digits.apply(&form.codes.pa2),
            title: "แบบประเมินผลการพัฒนางานตามข้อตกลง (PA)".to_owned(),
            subtitle: subtitle(form, a),
            evaluee: Evaluee::new(form, a, digits, EVALUEE),
            member: sheet.name.clone(),
            seat: seat_title(sheet.seat).to_owned(),
            levels: sc
                .levels
                .iter()
                .enumerate()
                .map(|(i, l)| digits.apply(&format!("ระดับ {} หมายถึง {l}", i + 1)))
                .collect(),
            expected,
            workload_met: e.workload_met,
            part1_name: digits.apply(&p1.title),
            part1_heading: digits.apply(&format!(
                "{} ({} คะแนน)",
                p1.title,
                points(sc.part1_max, Digits::Arabic)
            )),
            rubric,
            part1_total: mine.map(|m| points(m.part1, digits)).unwrap_or_default(),
            part1_max: points(sc.part1_max, digits),
            part2_name: digits.apply(&form.part2.title),
            part2_heading: digits.apply(&format!(
                "{} ({} คะแนน)",
                form.part2.title,
                points(sc.part2_max, Digits::Arabic)
            )),
            items,
            part2_total: mine.map(|m| points(m.part2, digits)).unwrap_or_default(),
            part2_max: points(sc.part2_max, digits),
            total: mine.map(|m| points(m.total, digits)).unwrap_or_default(),
            max: points(sc.part1_max + sc.part2_max, digits),
            comment: sheet.comment.clone(),
        }
    }
}

impl Pa3 {
    pub fn new(e: &Evaluation, a: Option<&Agreement>, options: &Options) -> Pa3 {
        let form = e.form;
        let digits = digits_for(form, options);
        let sc = &form.scoring;
        let result = e.outcome();
        let n = result.members.len();
        let pct = points(sc.pass_percent.value, digits);
        Pa3 {
            code: digits.apply(&form.codes.pa3),
            title: "แบบสรุปผลการประเมินการพัฒนางานตามข้อตกลง (PA)".to_owned(),
            subtitle: subtitle(form, a),
            evaluee: Evaluee::new(form, a, digits, EVALUEE),
            part1_label: format!(
                "ส่วนที่ {} ({} คะแนน)",
                digits.apply("1"),
                points(sc.part1_max, digits)
            ),
            part2_label: format!(
                "ส่วนที่ {} ({} คะแนน)",
                digits.apply("2"),
                points(sc.part2_max, digits)
            ),
            total_label: format!(
                "รวม ({} คะแนน)",
                points(sc.part1_max + sc.part2_max, digits)
            ),
            members: result
                .members
                .iter()
                .enumerate()
                .map(|(i, m)| MemberColumn {
                    heading: format!("กรรมการคนที่ {}", digits.apply(&(i + 1).to_string())),
                    name: m.name.clone(),
                    seat: seat_title(m.seat).to_owned(),
                    chair: m.seat == Seat::Chair,
                    part1: points(m.part1, digits),
                    part2: points(m.part2, digits),
                    total: points(m.total, digits),
                    passed: m.passed,
                })
                .collect(),
            rule: format!("เกณฑ์ผ่านต้องได้คะแนนจากกรรมการแต่ละคนไม่ต่ำกว่าร้อยละ {pct}"),
            summary: format!(
                "สรุปผลการประเมินทั้ง {} ส่วน จากกรรมการ {} คน",
                digits.apply("2"),
                digits.apply(&n.to_string())
            ),
            workload_met: e.workload_met,
            passed: result.passed,
            reasons: result.reasons.iter().map(|r| digits.apply(r)).collect(),
        }
    }
}
