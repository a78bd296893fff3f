//! One posted value read as what it stands for: a text fit to store, a number, a month. Each
//! refusal says, in Thai, what to type instead.

use super::MAX_TEXT_CHARS;
use crate::agreement::YearMonth;
use crate::thai::digits::to_arabic;

/// Why a (normalised) text cannot be stored, if it cannot.
pub(super) fn refuse_text(text: &str) -> Option<String> {
    let length = text.chars().count();
    if length > MAX_TEXT_CHARS {
        return Some(format!(
            "ข้อความยาวเกินไป: ช่องนี้รับได้ไม่เกิน {} ตัวอักษร ขณะนี้มี {} ตัวอักษร กรุณาตัดให้สั้นลง",
            thousands(MAX_TEXT_CHARS),
            thousands(length)
        ));
    }
    if let Some(tag) = markup_tag(text) {
        return Some(format!(
            "ข้อความมีแท็ก HTML หรือโค้ด \"{tag}\": กรุณาลบแท็กออก ช่องนี้รับเฉพาะข้อความธรรมดา"
        ));
    }
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Some(format!(
            "ข้อความมีอักขระควบคุมที่มองไม่เห็น (รหัส U+{:04X}): กรุณาลบออกหรือพิมพ์ข้อความนั้นใหม่",
            u32::from(c)
        ));
    }
    None
}

/// The first thing that reads as a markup tag: `<` followed by a letter, `/`, `!` or `?`.
/// A lone `<` ("ร้อยละ < 50") is text.
fn markup_tag(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.windows(2).position(|w| {
        w[0] == '<' && (w[1].is_ascii_alphabetic() || matches!(w[1], '/' | '!' | '?'))
    })?;
    let rest = &chars[at..];
    let end = rest
        .iter()
        .take(40)
        .position(|&c| c == '>')
        .map_or(rest.len().min(12), |p| p + 1);
    Some(rest[..end].iter().collect())
}

/// 10000 → "10,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number as typed: Arabic or Thai digits, "." for decimals, nothing else.
pub(super) fn parse_number(value: &str) -> Result<Option<f64>, String> {
    let t = to_arabic(value.trim());
    if t.is_empty() {
        return Ok(None);
    }
    let unsigned = t.strip_prefix('-').unwrap_or(&t);
    let well_formed = unsigned.chars().any(|c| c.is_ascii_digit())
        && unsigned.chars().all(|c| c.is_ascii_digit() || c == '.')
        && unsigned.matches('.').count() <= 1;
    let parsed = if well_formed {
        t.parse::<f64>().ok().filter(|v| v.is_finite())
    } else {
        None
    };
    match parsed {
        None => Err("กรุณากรอกเป็นตัวเลข".to_owned()),
        Some(v) if v < 0.0 => Err("จำนวนต้องไม่ติดลบ: กรอกเป็น 0 หรือมากกว่า".to_owned()),
        // "-0" is zero.
        Some(v) => Ok(Some(v.abs())),
    }
}

/// A month as the editor's select posts it, "2024-01"; empty for none.
pub(super) fn parse_month(value: &str) -> Result<Option<YearMonth>, String> {
    let t = to_arabic(value.trim());
    if t.is_empty() {
        return Ok(None);
    }
    let b = t.as_bytes();
    let shaped = b.len() == 7
        && b[4] == b'-'
        && b.iter()
            .enumerate()
            .all(|(k, c)| k == 4 || c.is_ascii_digit());
    match shaped.then(|| t.parse::<YearMonth>().ok()).flatten() {
        Some(m) => Ok(Some(m)),
        None => Err(format!(
            "เดือน \"{}\" ไม่ถูกต้อง: เลือกเดือนจากรายการ หรือเขียนเป็น ปปปป-ดด (ค.ศ.) เช่น 2024-01",
            value.trim()
        )),
    }
}
