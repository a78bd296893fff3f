//! หน่วยงาน: the units people belong to, from the headquarters down to a school.

use serde::{Deserialize, Serialize};

use super::FieldError;
use super::text::{clean, lookup, optional};
use super::vocab::parse_affiliation;
use crate::people::Affiliation;
use crate::thai::digits::to_arabic;

/// ประเภทหน่วยงาน: where a unit sits in the chain of command that approves and evaluates PAs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// ส่วนกลาง/สังกัด: the body whose rules apply, e.g. สพฐ.
    Headquarters,
    /// สำนักงานเขตพื้นที่การศึกษา, or the อปท. that runs local-government schools.
    AreaOffice,
    /// สถานศึกษา.
    School,
}

/// Names accepted for each kind, compared in the form of `text::key`.
const KIND_NAMES: &[(&str, UnitKind)] = &[
    ("headquarters", UnitKind::Headquarters),
    ("ส่วนกลาง", UnitKind::Headquarters),
    ("หน่วยงานส่วนกลาง", UnitKind::Headquarters),
    ("สังกัด", UnitKind::Headquarters),
    ("area_office", UnitKind::AreaOffice),
    ("สำนักงานเขตพื้นที่การศึกษา", UnitKind::AreaOffice),
    ("เขตพื้นที่การศึกษา", UnitKind::AreaOffice),
    ("เขตพื้นที่", UnitKind::AreaOffice),
    ("สพท.", UnitKind::AreaOffice),
    ("สพป.", UnitKind::AreaOffice),
    ("สพม.", UnitKind::AreaOffice),
    ("อปท.", UnitKind::AreaOffice),
    ("องค์กรปกครองส่วนท้องถิ่น", UnitKind::AreaOffice),
    ("school", UnitKind::School),
    ("สถานศึกษา", UnitKind::School),
    ("โรงเรียน", UnitKind::School),
];

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [
        UnitKind::Headquarters,
        UnitKind::AreaOffice,
        UnitKind::School,
    ];

    pub fn thai(self) -> &'static str {
        match self {
            UnitKind::Headquarters => "ส่วนกลาง",
            UnitKind::AreaOffice => "สำนักงานเขตพื้นที่การศึกษา",
            UnitKind::School => "สถานศึกษา",
        }
    }

    /// Reads a kind from its code (`area_office`), its Thai name or an abbreviation (สพป.).
    pub fn parse(text: &str) -> Option<UnitKind> {
        lookup(KIND_NAMES, text)
    }
}

/// A unit as a form or a spreadsheet row gives it: every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitRow {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_code: String,
    pub affiliation: String,
}

/// A unit whose fields have all been read. Whether `parent_code` names a unit that exists, and
/// whether the kinds nest (a school under an area office), is for whoever holds the whole
/// directory to decide: one row cannot know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRecord {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent_code: Option<String>,
    pub affiliation: Affiliation,
}

const CODE_MAX: usize = 20;

/// A unit code: the ministry's school code (10 digits), the SMIS code (8 digits) or an office's
/// own code. Letters, digits, "-", "_" and "." only, so it is safe in a URL and in a cell.
pub(crate) fn parse_code(field: &'static str, text: &str) -> Result<Option<String>, FieldError> {
    let Some(code) = optional(text).map(|c| to_arabic(&c)) else {
        return Ok(None);
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if code.chars().count() > CODE_MAX || !code.chars().all(allowed) {
        return Err(FieldError::new(
            field,
            format!(
                "รหัสหน่วยงาน “{code}” ไม่ถูกต้อง: ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ - _ . ไม่เกิน {CODE_MAX} ตัว"
            ),
        ));
    }
    Ok(Some(code))
}

impl TryFrom<UnitRow> for UnitRecord {
    type Error = Vec<FieldError>;

    fn try_from(row: UnitRow) -> Result<Self, Self::Error> {
        let mut errors = Vec::new();
        let code = match parse_code("code", &row.code) {
            Ok(Some(code)) => Some(code),
            Ok(None) => {
                errors.push(FieldError::new("code", "กรุณากรอกรหัสหน่วยงาน"));
                None
            }
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let name = clean(&row.name);
        if name.is_empty() {
            errors.push(FieldError::new("name", "กรุณากรอกชื่อหน่วยงาน"));
        }
        let kind = UnitKind::parse(&row.kind);
        if kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                format!(
                    "ไม่รู้จักประเภทหน่วยงาน “{}”: กรอกเป็น ส่วนกลาง, สำนักงานเขตพื้นที่การศึกษา (หรือ อปท.) หรือ สถานศึกษา",
                    row.kind.trim()
                ),
            ));
        }
        let parent_code = parse_code("parent_code", &row.parent_code).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        if parent_code.is_some() && parent_code == code {
            errors.push(FieldError::new(
                "parent_code",
                "หน่วยงานเป็นต้นสังกัดของตัวเองไม่ได้: กรอกรหัสของหน่วยงานที่อยู่เหนือขึ้นไป หรือเว้นว่าง",
            ));
        }
        let affiliation = parse_affiliation(&row.affiliation);
        if affiliation.is_none() {
            errors.push(FieldError::new(
                "affiliation",
                format!(
                    "ไม่รู้จักสังกัด “{}”: กรอกเป็น สพฐ., อปท. หรือ ทุกสังกัด",
                    row.affiliation.trim()
                ),
            ));
        }
        match (code, kind, affiliation) {
            (Some(code), Some(kind), Some(affiliation)) if errors.is_empty() => Ok(UnitRecord {
                code,
                name,
                kind,
                parent_code,
                affiliation,
            }),
            _ => Err(errors),
        }
    }
}
