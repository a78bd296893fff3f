//! Reading positions, standings, salary scales and affiliations as people write them in a
//! spreadsheet: the code (`teacher`), the official Thai name, or a common short form ("ผอ.").

use thiserror::Error;

use super::text::{is_blank_marker, key, lookup};
use crate::people::{Affiliation, Position, Standing};

/// Short and long names by which people write each position, compared in [`key`] form.
/// "ผู้อำนวยการ" alone means a school director, as it does on a school's staff list.
const POSITION_NAMES: &[(&str, Position)] = &[
    ("teacher", Position::Teacher),
    ("ครู", Position::Teacher),
    ("school_director", Position::SchoolDirector),
    ("ผู้อำนวยการสถานศึกษา", Position::SchoolDirector),
    ("ผู้อำนวยการโรงเรียน", Position::SchoolDirector),
    ("ผู้อำนวยการ", Position::SchoolDirector),
    ("ผอ.", Position::SchoolDirector),
    ("ผอ.รร.", Position::SchoolDirector),
    ("deputy_school_director", Position::DeputySchoolDirector),
    ("รองผู้อำนวยการสถานศึกษา", Position::DeputySchoolDirector),
    ("รองผู้อำนวยการโรงเรียน", Position::DeputySchoolDirector),
    ("รองผู้อำนวยการ", Position::DeputySchoolDirector),
    ("รอง ผอ.", Position::DeputySchoolDirector),
    ("รอง ผอ.รร.", Position::DeputySchoolDirector),
    ("supervisor", Position::Supervisor),
    ("ศึกษานิเทศก์", Position::Supervisor),
    ("ศน.", Position::Supervisor),
    ("esa_director", Position::EsaDirector),
    ("ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", Position::EsaDirector),
    (
        "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษา",
        Position::EsaDirector,
    ),
    (
        "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษา",
        Position::EsaDirector,
    ),
    ("ผอ.สพท.", Position::EsaDirector),
    ("ผอ.สพป.", Position::EsaDirector),
    ("ผอ.สพม.", Position::EsaDirector),
    ("deputy_esa_director", Position::DeputyEsaDirector),
    (
        "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",
        Position::DeputyEsaDirector,
    ),
    (
        "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษา",
        Position::DeputyEsaDirector,
    ),
    (
        "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษา",
        Position::DeputyEsaDirector,
    ),
    ("รอง ผอ.สพท.", Position::DeputyEsaDirector),
    ("รอง ผอ.สพป.", Position::DeputyEsaDirector),
    ("รอง ผอ.สพม.", Position::DeputyEsaDirector),
];

/// The rank words, longest first so that "ชำนาญการพิเศษ" is not read as "ชำนาญการ".
const RANK_WORDS: &[(&str, Standing)] = &[
    ("ชำนาญการพิเศษ", Standing::SeniorProfessional),
    ("ชำนาญการ", Standing::Professional),
    ("เชี่ยวชาญพิเศษ", Standing::SeniorExpert),
    ("เชี่ยวชาญ", Standing::Expert),
];

const STANDING_CODES: &[(&str, Standing)] = &[
    ("assistant", Standing::Assistant),
    ("none", Standing::None),
    ("professional", Standing::Professional),
    ("senior_professional", Standing::SeniorProfessional),
    ("expert", Standing::Expert),
    ("senior_expert", Standing::SeniorExpert),
    ("ไม่มีวิทยฐานะ", Standing::None),
];

/// Words that may precede a rank ("ครูชำนาญการ", "รอง ผอ.เชี่ยวชาญ"), in [`key`] form, each
/// with the [`Position::rank_prefix`] it stands for. Longest first.
const RANK_PREFIXES: &[(&str, &str)] = &[
    ("รองผู้อำนวยการ", "รองผู้อำนวยการ"),
    ("รองผอ", "รองผู้อำนวยการ"),
    ("ผู้อำนวยการ", "ผู้อำนวยการ"),
    ("ผอ", "ผู้อำนวยการ"),
    ("ศึกษานิเทศก์", "ศึกษานิเทศก์"),
    ("ศน", "ศึกษานิเทศก์"),
    ("ครู", "ครู"),
];

const ASSISTANT_TEACHER: &str = "ครูผู้ช่วย";

/// A position as written, and the standing the text itself carries: "ครูผู้ช่วย" is a teacher
/// who is an assistant, "ครูชำนาญการพิเศษ" a teacher of senior professional standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PositionText {
    pub position: Position,
    pub implied_standing: Option<Standing>,
}

/// Reads a position from its code, its Thai name or a short form, possibly followed by a rank.
pub fn parse_position(text: &str) -> Option<PositionText> {
    let k = key(text);
    if k == ASSISTANT_TEACHER || k == "assistantteacher" {
        return Some(PositionText {
            position: Position::Teacher,
            implied_standing: Some(Standing::Assistant),
        });
    }
    if let Some(position) = position_by_name(&k) {
        return Some(PositionText {
            position,
            implied_standing: None,
        });
    }
    RANK_WORDS.iter().find_map(|&(word, standing)| {
        let position = position_by_name(k.strip_suffix(word)?)?;
        Some(PositionText {
            position,
            implied_standing: Some(standing),
        })
    })
}

fn position_by_name(k: &str) -> Option<Position> {
    lookup(POSITION_NAMES, k)
}

/// A standing as written, with the position word written before it, if any (as its
/// [`Position::rank_prefix`]), so that "ครูชำนาญการ" beside a director can be questioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandingText {
    pub standing: Standing,
    pub prefix: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StandingError {
    #[error(
        "“{0}” เป็นอันดับเงินเดือน ไม่ใช่วิทยฐานะ: ใส่ไว้ในช่องอันดับ และกรอกวิทยฐานะเป็น ไม่มีวิทยฐานะ, ชำนาญการ, ชำนาญการพิเศษ, เชี่ยวชาญ หรือ เชี่ยวชาญพิเศษ"
    )]
    SalaryScale(String),
    #[error(
        "ไม่รู้จักวิทยฐานะ “{0}”: กรอกเป็น ไม่มีวิทยฐานะ (หรือ -), ชำนาญการ, ชำนาญการพิเศษ, เชี่ยวชาญ หรือ เชี่ยวชาญพิเศษ"
    )]
    Unknown(String),
}

/// Reads a standing. `Ok(None)` means the cell is blank ("", "-", "ไม่มี"), which the caller
/// reads as no standing unless the position text carries one; "ไม่มีวิทยฐานะ" is an explicit
/// [`Standing::None`].
pub fn parse_standing(text: &str) -> Result<Option<StandingText>, StandingError> {
    if is_blank_marker(text) {
        return Ok(None);
    }
    let k = key(text);
    let unknown = || StandingError::Unknown(text.trim().to_owned());
    if k.starts_with("คศ") || k.starts_with("อันดับ") {
        return Err(StandingError::SalaryScale(text.trim().to_owned()));
    }
    if k == ASSISTANT_TEACHER {
        return Ok(Some(StandingText {
            standing: Standing::Assistant,
            prefix: Some("ครู"),
        }));
    }
    if let Some(standing) = lookup(STANDING_CODES, &k) {
        return Ok(Some(StandingText {
            standing,
            prefix: None,
        }));
    }
    let rest = k.strip_prefix("วิทยฐานะ").unwrap_or(&k);
    let (prefix, rank) = match RANK_PREFIXES
        .iter()
        .find_map(|&(written, prefix)| Some((Some(prefix), rest.strip_prefix(written)?)))
    {
        Some(split) => split,
        None => (None, rest),
    };
    if rank.is_empty() {
        // "ครู" or "ผู้อำนวยการ" alone: the position with no standing.
        return Ok(Some(StandingText {
            standing: Standing::None,
            prefix,
        }));
    }
    let standing = RANK_WORDS
        .iter()
        .find(|(word, _)| *word == rank)
        .map(|&(_, standing)| standing)
        .ok_or_else(unknown)?;
    Ok(Some(StandingText { standing, prefix }))
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("ไม่รู้จักอันดับ “{0}”: กรอกเป็น คศ.1 ถึง คศ.5 หรือ ครูผู้ช่วย")]
pub struct SalaryScaleError(pub String);

/// Reads a salary scale (อันดับ) into its canonical form "คศ.3" (or "ครูผู้ช่วย", the assistant
/// teacher's scale). Also reads "ค.ศ. ๓", "อันดับ คศ.3" and a bare 1–5, since the column is
/// already headed อันดับ. `Ok(None)` for a blank cell.
pub fn parse_salary_scale(text: &str) -> Result<Option<String>, SalaryScaleError> {
    if is_blank_marker(text) {
        return Ok(None);
    }
    let k = key(text);
    let rest = k.strip_prefix("อันดับ").unwrap_or(&k);
    if rest == ASSISTANT_TEACHER || rest == "assistant" {
        return Ok(Some(ASSISTANT_TEACHER.to_owned()));
    }
    let number = rest.strip_prefix("คศ").unwrap_or(rest);
    match number {
        "1" | "2" | "3" | "4" | "5" => Ok(Some(format!("คศ.{number}"))),
        _ => Err(SalaryScaleError(text.trim().to_owned())),
    }
}

/// The salary scale a standing is paid on, as [`parse_salary_scale`] writes it.
pub(crate) fn expected_salary_scale(standing: Standing) -> &'static str {
    standing.salary_scale().unwrap_or(ASSISTANT_TEACHER)
}

const AFFILIATION_NAMES: &[(&str, Affiliation)] = &[
    ("obec", Affiliation::Obec),
    ("สพฐ.", Affiliation::Obec),
    ("สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", Affiliation::Obec),
    ("local_government", Affiliation::LocalGovernment),
    ("อปท.", Affiliation::LocalGovernment),
    ("องค์กรปกครองส่วนท้องถิ่น", Affiliation::LocalGovernment),
    ("ท้องถิ่น", Affiliation::LocalGovernment),
    ("อบจ.", Affiliation::LocalGovernment),
    ("เทศบาล", Affiliation::LocalGovernment),
    ("อบต.", Affiliation::LocalGovernment),
    ("all", Affiliation::All),
    ("ทุกสังกัด", Affiliation::All),
];

/// Reads an affiliation from its code, its Thai name or an abbreviation (สพฐ., อปท., อบต.).
pub fn parse_affiliation(text: &str) -> Option<Affiliation> {
    lookup(AFFILIATION_NAMES, text)
}
