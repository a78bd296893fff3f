//! ตำแหน่ง วิทยฐานะ และอันดับ read together: the three columns describe one fact and must agree.

use super::FieldError;
use super::vocab::{
    PositionText, StandingText, expected_salary_scale, parse_position, parse_salary_scale,
    parse_standing,
};
use crate::people::{Position, Standing};

/// Position, standing and salary scale of one person, each read and checked against the others.
pub(crate) struct Rank {
    pub position: Position,
    pub standing: Standing,
    pub salary_scale: Option<String>,
}

/// The name of a standing in a message; "ไม่มีวิทยฐานะ" where [`Standing::thai`] is empty.
fn standing_name(standing: Standing) -> &'static str {
    match standing {
        Standing::None => "ไม่มีวิทยฐานะ",
        other => other.thai(),
    }
}

/// Reads the three cells; every disagreement is reported, each naming both values.
pub(crate) fn read_rank(
    position: &str,
    standing: &str,
    salary_scale: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Rank> {
    let position_text = parse_position(position);
    if position_text.is_none() {
        let message = if position.trim().is_empty() {
            "กรุณากรอกตำแหน่ง".to_owned()
        } else {
            format!(
                "ไม่รู้จักตำแหน่ง “{}”: กรอกเป็น ครู, ครูผู้ช่วย, ผู้อำนวยการสถานศึกษา (ผอ.), รองผู้อำนวยการสถานศึกษา (รอง ผอ.), ศึกษานิเทศก์, ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา (ผอ.สพท.) หรือ รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา (รอง ผอ.สพท.)",
                position.trim()
            )
        };
        errors.push(FieldError::new("position", message));
    }
    let written = parse_standing(standing)
        .map_err(|e| errors.push(FieldError::new("standing", e.to_string())))
        .ok();
    let scale = parse_salary_scale(salary_scale)
        .map_err(|e| errors.push(FieldError::new("salary_scale", e.to_string())))
        .ok();
    let position_text = position_text?;
    let standing = resolve_standing(position, &position_text, written?, standing, errors)?;
    let scale = scale?;
    if let Some(given) = &scale {
        let expected = expected_salary_scale(standing);
        if given != expected {
            errors.push(FieldError::new(
                "salary_scale",
                format!(
                    "อันดับ {given} ไม่ตรงกับวิทยฐานะ {} (วิทยฐานะนี้รับเงินเดือนอันดับ {expected}): แก้อันดับหรือวิทยฐานะให้ตรงกัน",
                    standing_name(standing)
                ),
            ));
            return None;
        }
    }
    Some(Rank {
        position: position_text.position,
        standing,
        salary_scale: scale,
    })
}

/// Combines the standing the position text carries ("ครูชำนาญการ") with the standing column.
fn resolve_standing(
    position_cell: &str,
    position_text: &PositionText,
    written: Option<StandingText>,
    standing_cell: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Standing> {
    let position = position_text.position;
    let standing = match (position_text.implied_standing, written) {
        (None, None) => Standing::None,
        (Some(implied), None) => implied,
        (None, Some(w)) => w.standing,
        (Some(implied), Some(w)) if implied == w.standing => implied,
        (Some(implied), Some(w)) => {
            errors.push(FieldError::new(
                "standing",
                format!(
                    "ตำแหน่ง “{}” บอกวิทยฐานะ {} แต่ช่องวิทยฐานะเป็น “{}” ({}): แก้ให้ตรงกัน หรือเว้นช่องวิทยฐานะว่าง",
                    position_cell.trim(),
                    standing_name(implied),
                    standing_cell.trim(),
                    standing_name(w.standing)
                ),
            ));
            return None;
        }
    };
    let prefix = written.and_then(|w| w.prefix);
    if let Some(prefix) =
        prefix.filter(|&p| standing != Standing::Assistant && p != position.rank_prefix())
    {
        errors.push(FieldError::new(
            "standing",
            format!(
                "วิทยฐานะ “{}” เป็นของตำแหน่ง{prefix} แต่ตำแหน่งเป็น {}: แก้ตำแหน่งหรือวิทยฐานะให้ตรงกัน",
                standing_cell.trim(),
                position.thai()
            ),
        ));
        return None;
    }
    if standing == Standing::Assistant && position != Position::Teacher {
        errors.push(FieldError::new(
            "standing",
            format!("ครูผู้ช่วยใช้ได้กับตำแหน่งครูเท่านั้น แต่ตำแหน่งเป็น {}", position.thai()),
        ));
        return None;
    }
    Some(standing)
}
