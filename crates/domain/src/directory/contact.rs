//! E-mail addresses and Thai telephone numbers.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::text::clean;
use crate::thai::digits::to_arabic;

/// An e-mail address, lower-cased so that one address is one account however it was typed.
///
/// Checked for the mistakes people make in a spreadsheet (no @, two @, spaces, a missing or
/// one-letter top-level domain, doubled dots), not against every corner of RFC 5322: whether the
/// address really receives mail only sending to it can tell.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EmailError {
    #[error("กรุณากรอกอีเมล")]
    Empty,
    #[error("อีเมล “{0}” ไม่ถูกต้อง: ต้องมีรูปแบบ ชื่อ@โดเมน เช่น somchai@school.ac.th")]
    Invalid(String),
}

const LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";

impl Email {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn parse(text: &str) -> Result<Email, EmailError> {
        let cleaned = clean(text);
        if cleaned.is_empty() {
            return Err(EmailError::Empty);
        }
        let lower = cleaned.to_lowercase();
        let valid = lower
            .split_once('@')
            .is_some_and(|(local, domain)| valid_local(local) && valid_domain(domain));
        if valid {
            Ok(Email(lower))
        } else {
            Err(EmailError::Invalid(cleaned))
        }
    }
}

fn valid_local(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c))
}

/// Labels of letters, digits and inner hyphens (Thai letters allowed, for .ไทย domains), at
/// least two of them, and a top-level domain of letters only.
fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let tld_ok = labels
        .last()
        .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    domain.len() <= 253 && labels.len() >= 2 && labels.iter().all(label_ok) && tld_ok
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Email::parse(&text)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhoneError {
    #[error("หมายเลขโทรศัพท์ “{0}” มีอักขระที่ใช้ไม่ได้: ใช้ได้เฉพาะตัวเลข ขีด (-) และเว้นวรรค")]
    NotDigits(String),
    #[error(
        "หมายเลขโทรศัพท์ “{0}” ไม่ถูกต้อง: ต้องขึ้นต้นด้วย 0 และมี 9–10 หลัก เช่น 081-234-5678 หรือ 02-123-4567"
    )]
    Shape(String),
}

/// A Thai telephone number as its digits only ("0812345678"): 9 digits for a landline, 10 for a
/// mobile, always starting with 0 (the national trunk prefix). Dashes, spaces and Thai digits are
/// accepted, and an international "+66" prefix is read as the 0 it stands for.
pub fn parse_phone(text: &str) -> Result<String, PhoneError> {
    let cleaned = clean(text);
    let arabic = to_arabic(&cleaned);
    let national = match arabic.strip_prefix("+66") {
        Some(rest) => format!("0{}", rest.trim_start_matches([' ', '-'])),
        None => arabic,
    };
    let digits: String = national
        .chars()
        .filter(|c| *c != '-' && *c != ' ')
        .collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(PhoneError::NotDigits(cleaned));
    }
    if !digits.starts_with('0') || !(9..=10).contains(&digits.len()) {
        return Err(PhoneError::Shape(cleaned));
    }
    Ok(digits)
}
