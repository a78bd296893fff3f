//! The shape of one official form, as read from a catalog TOML file.
//!
//! Everything a rule, a page or a document needs to know about a form lives here as data, so
//! a rule that changes next year is a new catalog file, not a code change (DESIGN.md).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::evaluation::Basis;
use crate::people::{Affiliation, Position, Standing};

/// A value taken from a source DOMAIN.md marks as uncertain (UNC) carries that mark, so
/// `thaipa catalog` can show which numbers still wait for an official text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub value: f64,
    /// Where the number comes from (seed, circular).
    pub source: String,
    /// True when the number is not confirmed against an official text.
    #[serde(default)]
    pub uncertain: bool,
}

/// One form: a regulation's PA 1 for one position and affiliation, in one version.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// Stable id, e.g. `teacher-obec-w9-2564-v1`. Agreements name the form they were written on.
    pub id: String,
    pub position: Position,
    pub affiliation: Affiliation,
    /// The circular, e.g. "ว 9/2564".
    pub regulation: String,
    /// Catalog version of this form; a changed rule is a new version.
    pub version: u32,
    /// First fiscal year (BE) the form applies to.
    pub valid_from_fiscal_year: u16,
    /// The seeds and references this file was transcribed from.
    pub sources: Vec<String>,
    /// The standings (วิทยฐานะ) that write this form.
    pub standings: Vec<Standing>,
    pub codes: DocumentCodes,
    /// Title line, e.g. "แบบข้อตกลงในการพัฒนางาน (PA)".
    pub title: String,
    /// Words under the title naming the position, e.g. "สำหรับข้าราชการครูและบุคลากรทางการศึกษา ตำแหน่งครู".
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The header lines of the maker block, in print order, with field names in braces.
    pub header_lines: Vec<String>,
    /// Intent sentence with `{position}`, `{standing_title}` and `{counterpart}` placeholders.
    pub intent: String,
    /// Who the maker agrees with, as printed in the intent sentence.
    pub counterpart: String,
    /// Classroom types (teacher) or school types (administrator), if the form has them.
    #[serde(default)]
    pub type_choice: Option<TypeChoice>,
    pub workload: Workload,
    pub part1: Part1,
    pub part2: Part2,
    /// หมายเหตุ printed under the Part 1 table.
    #[serde(default)]
    pub notes: Vec<String>,
    pub approval: Approval,
    /// ระดับการปฏิบัติที่คาดหวัง per standing.
    pub expected_levels: Vec<ExpectedLevel>,
    pub scoring: Scoring,
    pub committee: Committee,
}

/// The form codes printed top-right on each document.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentCodes {
    pub pa1: String,
    pub pa2: String,
    pub pa3: String,
}

/// A set of checkboxes, e.g. ประเภทห้องเรียนที่จัดการเรียนรู้.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeChoice {
    pub label: String,
    /// At least this many boxes must be ticked (checker rule 11).
    pub min_selected: usize,
    pub options: Vec<TypeOption>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeOption {
    pub id: String,
    pub name: String,
    /// The heading an option sits under (school types are grouped: ขั้นพื้นฐาน, อาชีวศึกษา, …).
    #[serde(default)]
    pub group: Option<String>,
}

/// ภาระงาน: what the form asks about working hours.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// The sentence opening item 1, e.g. "จะมีภาระงานเป็นไปตามที่ ก.ค.ศ. กำหนด".
    pub statement: String,
    /// Whether the form asks ( ) เต็มเวลา / ( ) ไม่เต็มเวลา เนื่องจาก… (seed 004).
    #[serde(default)]
    pub asks_full_time: bool,
    /// Whether a part-time answer needs a reason.
    #[serde(default)]
    pub part_time_needs_reason: bool,
    /// Text introducing the items, e.g. the ≥ 10 h/week academic-leadership sentence (seed 000).
    #[serde(default)]
    pub items_intro: Option<String>,
    pub items: Vec<WorkloadItem>,
    /// Minimum hours per week over all items.
    #[serde(default)]
    pub min_total_hours: Option<Threshold>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkloadItem {
    /// Item number as printed, e.g. "1.1".
    pub code: String,
    pub name: String,
    /// True for "ชั่วโมงสอนตามตารางสอน": hours come from per-subject rows that must add up.
    #[serde(default)]
    pub per_subject: bool,
    /// Minimum hours per week for this item.
    #[serde(default)]
    pub min_hours: Option<Threshold>,
}

/// ส่วนที่ 1.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part1 {
    pub title: String,
    /// Heading of item 2, e.g. "งานที่จะปฏิบัติตามมาตรฐานตำแหน่ง".
    pub tasks_heading: String,
    /// Instruction under that heading.
    #[serde(default)]
    pub instruction: Option<String>,
    /// The four column headings as printed.
    pub columns: [String; 4],
    /// Whether the table has one row per area (teacher) or one per indicator (admin, ESA).
    pub layout: RowLayout,
    /// Outcome and indicator target groups (ผู้เรียน, ครู, …), in print order.
    pub target_groups: Vec<TargetGroup>,
    /// What the form calls an area and an indicator ("ด้าน"/"ตัวชี้วัด", "องค์ประกอบหลัก"/"องค์ประกอบย่อย").
    pub area_word: String,
    pub indicator_word: String,
    pub areas: Vec<Area>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowLayout {
    /// One row per area; a maker may instead write one row per indicator of the area.
    Area,
    /// One row per indicator, never merged (seed 002 §1).
    Indicator,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetGroup {
    pub id: String,
    pub name: String,
}

/// ด้าน / องค์ประกอบหลัก.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub code: String,
    pub name: String,
    /// "ลักษณะงานที่เสนอให้ครอบคลุมถึง…".
    pub scope: String,
    pub indicators: Vec<Indicator>,
}

/// ตัวชี้วัด / องค์ประกอบย่อย.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub code: String,
    pub name: String,
    /// What the indicator expects at each standing, where a source gives it.
    #[serde(default)]
    pub descriptions: BTreeMap<Standing, String>,
    /// Standings for which no source text was found: said out loud rather than left blank.
    #[serde(default)]
    pub descriptions_missing: Vec<Standing>,
    /// Suggested evidence (หลักฐาน/ร่องรอย), seed 003.
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// ส่วนที่ 2: the challenge issue(s).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part2 {
    pub title: String,
    /// Preamble with `{position}`, `{standing_title}`, `{standing}` and `{expected_level}` placeholders.
    pub preamble: String,
    /// How many challenge issues the form requires (1, or 3 for ESA directors).
    pub issue_count: usize,
    /// Whether each issue must cite a policy item (seed 002).
    #[serde(default)]
    pub requires_policy: bool,
    #[serde(default)]
    pub policy_label: Option<String>,
    pub issue_label: String,
    pub problem_label: String,
    pub method_label: String,
    pub outcomes_label: String,
    pub quantitative_label: String,
    pub qualitative_label: String,
}

/// The signature blocks and the approver's opinion.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// Who approves, e.g. "ผู้อำนวยการสถานศึกษา".
    pub approver_title: String,
    /// "ความเห็นของ…" heading.
    pub opinion_heading: String,
    pub approve_text: String,
    pub reject_text: String,
    /// Line under the maker's signature, "ผู้จัดทำข้อตกลงในการพัฒนางาน".
    pub maker_caption: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectedLevel {
    pub standing: Standing,
    /// Title as the table prints it, e.g. "ครูชำนาญการ".
    pub title: String,
    pub level: String,
    pub level_en: String,
    pub detail: String,
}

/// How the committee scores the form (seed 001 แนวทางการประเมิน).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    pub part1_max: f64,
    pub part2_max: f64,
    /// Meaning of levels 1–4, index 0 = level 1.
    pub levels: [String; 4],
    pub part2_items: Vec<Part2Item>,
    /// Every member's total must reach this percentage.
    pub pass_percent: Threshold,
    /// Whether the workload is a pass/fail gate.
    pub workload_gate: bool,
}

/// One Part 2 scoring item with its conversion table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part2Item {
    /// `method`, `quantitative` or `qualitative`.
    pub id: String,
    pub name: String,
    /// Points for levels 1–4, index 0 = level 1 (seed 001: 5/10/15/20 and 2.50/5.00/7.50/10.00).
    pub points: [f64; 4],
    pub criterion: String,
}

/// Who sits on the committee (seed 001 §2).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    pub size: usize,
    pub appointed_by: String,
    pub chair: String,
    pub member_eligibility: Vec<String>,
    #[serde(default)]
    pub substitute_chair: Vec<String>,
    /// True when the composition is not confirmed for this position (DOMAIN.md UNC).
    #[serde(default)]
    pub uncertain: bool,
    /// The grounds ThaiPA accepts for the chair's seat, checked at appointment.
    #[serde(default = "default_chair_rules")]
    pub chair_rules: Vec<Basis>,
    /// The grounds ThaiPA accepts for a member's seat (`member_eligibility` in checkable form).
    #[serde(default = "default_member_rules")]
    pub member_rules: Vec<Basis>,
}

fn default_chair_rules() -> Vec<Basis> {
    vec![Basis::Approver, Basis::SubstituteChair]
}

/// Without a confirmed rule, any qualified person outside the maker's unit.
fn default_member_rules() -> Vec<Basis> {
    vec![Basis::Qualified]
}

impl Form {
    /// Every indicator of the form, in form order.
    pub fn indicators(&self) -> impl Iterator<Item = (&Area, &Indicator)> {
        self.part1
            .areas
            .iter()
            .flat_map(|a| a.indicators.iter().map(move |i| (a, i)))
    }

    pub fn indicator_codes(&self) -> Vec<&str> {
        self.indicators().map(|(_, i)| i.code.as_str()).collect()
    }

    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators().map(|(_, i)| i).find(|i| i.code == code)
    }

    pub fn area(&self, code: &str) -> Option<&Area> {
        self.part1.areas.iter().find(|a| a.code == code)
    }

    pub fn expected_level(&self, standing: Standing) -> Option<&ExpectedLevel> {
        self.expected_levels.iter().find(|l| l.standing == standing)
    }

    pub fn part2_item(&self, id: &str) -> Option<&Part2Item> {
        self.scoring.part2_items.iter().find(|i| i.id == id)
    }
}
