//! บุคลากร: a person on a school's or an office's staff list.

use serde::{Deserialize, Serialize};

use super::FieldError;
use super::citizen_id::CitizenId;
use super::contact::{Email, parse_phone};
use super::rank::read_rank;
use super::text::{clean, is_blank_marker, optional};
use super::unit::parse_code;
use crate::people::{Position, Standing};
use crate::thai::digits::to_arabic;

/// A person as a form or a spreadsheet row gives it: every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonRow {
    pub citizen_id: String,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub position: String,
    pub standing: String,
    pub salary_scale: String,
    pub salary: String,
    pub unit_code: String,
    pub email: String,
    pub phone: String,
}

/// A person whose fields have all been read and agree with each other.
///
/// `salary` is whole baht as a number, not text: the PA header prints "อัตราเงินเดือน … บาท"
/// from it (in Thai or Arabic digits, with separators), every step of the ก.ค.ศ. salary tables is
/// a whole baht, and a number can be range-checked here once instead of re-read at each use.
/// `u32` holds any salary with room to spare. `salary_scale` is the canonical "คศ.N" (or
/// "ครูผู้ช่วย"), and is `None` when the row left it blank; the standing implies it anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRecord {
    pub citizen_id: Option<CitizenId>,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub position: Position,
    pub standing: Standing,
    pub salary_scale: Option<String>,
    pub salary: Option<u32>,
    pub unit_code: String,
    pub email: Option<Email>,
    /// Digits only, starting with 0: "0812345678".
    pub phone: Option<String>,
}

const NAME_MAX: usize = 100;
/// Far above the top step of the คศ.5 table: a salary beyond it is a typing slip (an extra
/// digit, or satang typed as baht), not a salary.
const SALARY_MAX: u32 = 200_000;

fn required_name(
    field: &'static str,
    what: &str,
    text: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    let name = clean(text);
    if name.is_empty() {
        errors.push(FieldError::new(field, format!("กรุณากรอก{what}")));
    } else if name.chars().count() > NAME_MAX {
        errors.push(FieldError::new(
            field,
            format!("{what}ยาวเกิน {NAME_MAX} ตัวอักษร: ตรวจว่ากรอกข้อมูลหลายช่องรวมกันหรือไม่"),
        ));
    }
    name
}

/// Reads a salary in whole baht: "41,620", "41620.00", "๔๑,๖๒๐ บาท".
fn parse_salary(text: &str) -> Result<Option<u32>, String> {
    if is_blank_marker(text) {
        return Ok(None);
    }
    let cleaned = clean(text);
    let arabic = to_arabic(&cleaned);
    let plain: String = arabic
        .trim_end_matches("บาท")
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let whole = match plain.split_once('.') {
        Some((baht, satang)) if satang.chars().all(|c| c == '0') => baht,
        Some(_) => {
            return Err(format!(
                "เงินเดือน “{cleaned}” มีเศษสตางค์: กรอกเป็นจำนวนเต็มบาท เช่น 41620"
            ));
        }
        None => plain.as_str(),
    };
    match whole.parse::<u32>() {
        Ok(0) | Err(_) => Err(format!(
            "เงินเดือน “{cleaned}” ไม่ใช่จำนวนเงิน: กรอกเป็นตัวเลขบาท เช่น 41620 หรือ 41,620"
        )),
        Ok(baht) if baht > SALARY_MAX => Err(format!(
            "เงินเดือน “{cleaned}” สูงเกินอัตราเงินเดือนข้าราชการครู: ตรวจว่าพิมพ์ตัวเลขเกินหรือไม่"
        )),
        Ok(baht) => Ok(Some(baht)),
    }
}

impl TryFrom<PersonRow> for PersonRecord {
    type Error = Vec<FieldError>;

    fn try_from(row: PersonRow) -> Result<Self, Self::Error> {
        let mut errors = Vec::new();
        let citizen_id = if is_blank_marker(&row.citizen_id) {
            None
        } else {
            CitizenId::parse(&row.citizen_id)
                .map_err(|e| errors.push(FieldError::new("citizen_id", e.to_string())))
                .ok()
        };
        let title = clean(&row.title);
        let first_name = required_name("first_name", "ชื่อ", &row.first_name, &mut errors);
        let last_name = required_name("last_name", "นามสกุล", &row.last_name, &mut errors);
        let rank = read_rank(&row.position, &row.standing, &row.salary_scale, &mut errors);
        let salary = parse_salary(&row.salary)
            .map_err(|m| errors.push(FieldError::new("salary", m)))
            .unwrap_or(None);
        let unit_code = match parse_code("unit_code", &row.unit_code) {
            Ok(Some(code)) => code,
            Ok(None) => {
                errors.push(FieldError::new("unit_code", "กรุณากรอกรหัสหน่วยงาน"));
                String::new()
            }
            Err(e) => {
                errors.push(e);
                String::new()
            }
        };
        let email = optional(&row.email).and_then(|text| {
            Email::parse(&text)
                .map_err(|e| errors.push(FieldError::new("email", e.to_string())))
                .ok()
        });
        let phone = optional(&row.phone).and_then(|text| {
            parse_phone(&text)
                .map_err(|e| errors.push(FieldError::new("phone", e.to_string())))
                .ok()
        });
        match rank {
            Some(rank) if errors.is_empty() => Ok(PersonRecord {
                citizen_id,
                title,
                first_name,
                last_name,
                position: rank.position,
                standing: rank.standing,
                salary_scale: rank.salary_scale,
                salary,
                unit_code,
                email,
                phone,
            }),
            _ => Err(errors),
        }
    }
}
