//! Positions, ranks and affiliations: who makes an agreement, and under which rules.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// ตำแหน่ง: the position a maker holds. Each has its own circular (ว 9–12/2564) and form.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// ครู (ว 9/2564).
    Teacher,
    /// ผู้อำนวยการสถานศึกษา (ว 10/2564).
    SchoolDirector,
    /// รองผู้อำนวยการสถานศึกษา (ว 10/2564).
    DeputySchoolDirector,
    /// ศึกษานิเทศก์ (ว 11/2564).
    Supervisor,
    /// ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา (ว 12/2564).
    EsaDirector,
    /// รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา (ว 12/2564).
    DeputyEsaDirector,
}

impl Position {
    pub const ALL: [Position; 6] = [
        Position::Teacher,
        Position::SchoolDirector,
        Position::DeputySchoolDirector,
        Position::Supervisor,
        Position::EsaDirector,
        Position::DeputyEsaDirector,
    ];

    /// The position's name as printed on the forms.
    pub fn thai(self) -> &'static str {
        match self {
            Position::Teacher => "ครู",
            Position::SchoolDirector => "ผู้อำนวยการสถานศึกษา",
            Position::DeputySchoolDirector => "รองผู้อำนวยการสถานศึกษา",
            Position::Supervisor => "ศึกษานิเทศก์",
            Position::EsaDirector => "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",
            Position::DeputyEsaDirector => "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",
        }
    }

    /// The word that prefixes a rank in this position's title: "ครูชำนาญการ",
    /// "ผู้อำนวยการชำนาญการ", "รองผู้อำนวยการชำนาญการพิเศษ" (seeds 000, 001, 004).
    pub fn rank_prefix(self) -> &'static str {
        match self {
            Position::Teacher => "ครู",
            Position::SchoolDirector | Position::EsaDirector => "ผู้อำนวยการ",
            Position::DeputySchoolDirector | Position::DeputyEsaDirector => "รองผู้อำนวยการ",
            Position::Supervisor => "ศึกษานิเทศก์",
        }
    }
}

/// วิทยฐานะ: the academic standing (rank) within a position, with its salary scale คศ.
///
/// `Assistant` (ครูผู้ช่วย) is not a standing in law but sits on the same ladder of expected
/// practice levels (seed 001); an assistant teacher makes no PA.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// ครูผู้ช่วย: makes no PA (seed 001).
    Assistant,
    /// ไม่มีวิทยฐานะ (คศ.1).
    None,
    /// ชำนาญการ (คศ.2).
    Professional,
    /// ชำนาญการพิเศษ (คศ.3).
    SeniorProfessional,
    /// เชี่ยวชาญ (คศ.4).
    Expert,
    /// เชี่ยวชาญพิเศษ (คศ.5).
    SeniorExpert,
}

impl Standing {
    pub const ALL: [Standing; 6] = [
        Standing::Assistant,
        Standing::None,
        Standing::Professional,
        Standing::SeniorProfessional,
        Standing::Expert,
        Standing::SeniorExpert,
    ];

    /// The rank word without the position prefix ("ชำนาญการพิเศษ"); empty for no standing.
    pub fn thai(self) -> &'static str {
        match self {
            Standing::Assistant => "ครูผู้ช่วย",
            Standing::None => "",
            Standing::Professional => "ชำนาญการ",
            Standing::SeniorProfessional => "ชำนาญการพิเศษ",
            Standing::Expert => "เชี่ยวชาญ",
            Standing::SeniorExpert => "เชี่ยวชาญพิเศษ",
        }
    }

    /// The full title as a position holder writes it: "ครูชำนาญการพิเศษ", "ผู้อำนวยการเชี่ยวชาญ".
    pub fn title(self, position: Position) -> String {
        match self {
            Standing::Assistant => "ครูผู้ช่วย".to_owned(),
            Standing::None => "-".to_owned(),
            other => format!("{}{}", position.rank_prefix(), other.thai()),
        }
    }

    /// The salary scale (อันดับ คศ.) that goes with the standing, e.g. "คศ.3".
    pub fn salary_scale(self) -> Option<&'static str> {
        match self {
            Standing::Assistant => None,
            Standing::None => Some("คศ.1"),
            Standing::Professional => Some("คศ.2"),
            Standing::SeniorProfessional => Some("คศ.3"),
            Standing::Expert => Some("คศ.4"),
            Standing::SeniorExpert => Some("คศ.5"),
        }
    }
}

/// สังกัด: which body's rules a form follows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Affiliation {
    /// สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน (สพฐ.), rules of ก.ค.ศ.
    Obec,
    /// องค์กรปกครองส่วนท้องถิ่น (อบจ./เทศบาล/อบต.), rules of ก.จ. ก.ท. ก.อบต. (seed 001).
    LocalGovernment,
    /// ทุกสังกัด: a form used by every affiliation under ก.ค.ศ. (seed 000).
    All,
}

impl Affiliation {
    pub fn thai(self) -> &'static str {
        match self {
            Affiliation::Obec => "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
            Affiliation::LocalGovernment => "องค์กรปกครองส่วนท้องถิ่น",
            Affiliation::All => "ทุกสังกัด",
        }
    }
}
