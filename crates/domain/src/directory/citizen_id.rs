//! เลขประจำตัวประชาชน: the 13-digit Thai citizen identification number.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::text::clean;
use crate::thai::digits::to_arabic;

/// A citizen id whose check digit is right, kept as 13 Arabic digits.
///
/// The check digit is the one the Department of Provincial Administration (กรมการปกครอง)
/// prints on every card: the first twelve digits are weighted 13, 12, …, 2, and the last digit
/// is `(11 − sum mod 11) mod 10`. The scheme catches most typing slips but not all: a change to
/// the third digit (weight 11) never shows, and sums leaving remainders 0 and 10 share a check
/// digit. It tells a typo from a real id only that far.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CitizenId(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CitizenIdError {
    #[error("กรุณากรอกเลขประจำตัวประชาชน")]
    Empty,
    #[error(
        "เลขประจำตัวประชาชน “{0}” ถูก Excel แปลงเป็นเลขยกกำลังจนตัวเลขหายไป: จัดรูปแบบคอลัมน์เป็นข้อความ (Text) แล้วพิมพ์เลขใหม่"
    )]
    Scientific(String),
    #[error("เลขประจำตัวประชาชน “{0}” มีอักขระที่ไม่ใช่ตัวเลข: ใช้ได้เฉพาะตัวเลข ขีด (-) และเว้นวรรค")]
    NotDigits(String),
    #[error("เลขประจำตัวประชาชน “{text}” มี {count} หลัก: ต้องมี 13 หลัก")]
    Length { text: String, count: usize },
    #[error(
        "เลขประจำตัวประชาชน “{0}” ไม่ถูกต้อง (หลักสุดท้ายไม่ตรงกับเลขตรวจสอบ): ตรวจดูว่าพิมพ์ตัวเลขผิดหรือสลับหลักหรือไม่"
    )]
    Checksum(String),
}

impl CitizenId {
    /// The 13 digits without separators, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as printed on the card: `1-2345-67890-12-3`.
    pub fn formatted(&self) -> String {
        let d = &self.0;
        format!(
            "{}-{}-{}-{}-{}",
            &d[0..1],
            &d[1..5],
            &d[5..10],
            &d[10..12],
            &d[12..13]
        )
    }

    /// The check digit for the first twelve digits (each 0–9).
    pub fn check_digit(first_twelve: &[u8; 12]) -> u8 {
        let sum: u32 = first_twelve
            .iter()
            .zip((2..=13u32).rev())
            .map(|(&d, weight)| u32::from(d) * weight)
            .sum();
        ((11 - sum % 11) % 10) as u8
    }

    /// The valid id whose first twelve digits are `n` (zero-padded): demo data and tests need
    /// many distinct, valid ids.
    pub fn from_number(n: u64) -> CitizenId {
        let body = format!("{:012}", n % 1_000_000_000_000);
        let mut digits = [0u8; 12];
        for (d, c) in digits.iter_mut().zip(body.bytes()) {
            *d = c - b'0';
        }
        CitizenId(format!("{body}{}", Self::check_digit(&digits)))
    }

    pub fn parse(text: &str) -> Result<CitizenId, CitizenIdError> {
        let cleaned = clean(text);
        if cleaned.is_empty() {
            return Err(CitizenIdError::Empty);
        }
        let arabic = to_arabic(&cleaned);
        if arabic.contains(['E', 'e']) && arabic.contains('+') {
            return Err(CitizenIdError::Scientific(cleaned));
        }
        let kept: String = arabic.chars().filter(|c| *c != '-' && *c != ' ').collect();
        if !kept.chars().all(|c| c.is_ascii_digit()) {
            return Err(CitizenIdError::NotDigits(cleaned));
        }
        let digits: Vec<u8> = kept.bytes().map(|b| b - b'0').collect();
        let Ok(all) = <[u8; 13]>::try_from(digits.as_slice()) else {
            return Err(CitizenIdError::Length {
                text: cleaned,
                count: digits.len(),
            });
        };
        let mut first_twelve = [0u8; 12];
        first_twelve.copy_from_slice(&all[..12]);
        if Self::check_digit(&first_twelve) != all[12] {
            return Err(CitizenIdError::Checksum(cleaned));
        }
        Ok(CitizenId(kept))
    }
}

impl TryFrom<String> for CitizenId {
    type Error = CitizenIdError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        CitizenId::parse(&text)
    }
}

impl From<CitizenId> for String {
    fn from(id: CitizenId) -> String {
        id.0
    }
}

impl fmt::Display for CitizenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.formatted())
    }
}
