//! Rules read from the free text itself: blanks left unfilled, numbering that repeats,
//! percentages out of range, and characters damaged by copying from a PDF.

use super::Ctx;
use super::rules::{DAMAGED_TEXT, NUMBERING, PERCENT_RANGE, PLACEHOLDER};
use crate::thai::digits::to_arabic;
use crate::thai::normalize::normalize;

pub(super) fn check(ctx: &mut Ctx) {
    for (path, text) in ctx.a.texts() {
        if text.trim().is_empty() {
            continue;
        }
        if let Some(blank) = placeholder(text) {
            ctx.report(
                &PLACEHOLDER,
                path.clone(),
                format!("ยังมีช่องว่างที่ไม่ได้กรอก \"{blank}\": กรอกข้อความจริงแทนจุดไข่ปลา"),
            );
        }
        for n in repeated_numbers(text) {
            ctx.report(
                &NUMBERING,
                path.clone(),
                format!("มีข้อ \"{n}\" ซ้ำกันในข้อความเดียวกัน: เรียงลำดับเลขข้อใหม่"),
            );
        }
        for p in percentages(text)
            .into_iter()
            .filter(|p| !(0.0..=100.0).contains(p))
        {
            ctx.report(
                &PERCENT_RANGE,
                path.clone(),
                format!("ร้อยละ {p} อยู่นอกช่วง 0–100: ตรวจตัวเลขอีกครั้ง"),
            );
        }
        if damaged(text) {
            ctx.report(
                &DAMAGED_TEXT,
                path,
                "ข้อความมีอักขระที่เสียจากการคัดลอก (เช่น สระอำแยก \"ส านักงาน\"): ระบบจะแก้ให้เมื่อบันทึก โปรดตรวจทาน",
            );
        }
    }
}

pub(super) fn has_digit(s: &str) -> bool {
    to_arabic(s).chars().any(|c| c.is_ascii_digit())
}

/// The first unfilled blank in a text: three or more dots (spaces between allowed), two or more
/// ellipsis characters, or three or more underscores (S000: "โดยใช้รูปแบบ ...................").
pub(super) fn placeholder(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '.' | '…' | '_') {
            let start = i;
            let (mut dots, mut ellipses, mut underscores) = (0, 0, 0);
            let mut j = i;
            while j < chars.len() && matches!(chars[j], '.' | '…' | '_' | ' ') {
                match chars[j] {
                    '.' => dots += 1,
                    '…' => ellipses += 1,
                    '_' => underscores += 1,
                    _ => {}
                }
                j += 1;
            }
            if dots >= 3 || ellipses >= 2 || underscores >= 3 || (ellipses >= 1 && dots >= 1) {
                return Some(chars[start..j].iter().collect::<String>().trim().to_owned());
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

/// Item numbers that occur twice in one list. A top-level "N." that repeats before the list
/// restarts at "1." is a duplicate (S000 numbers two outcomes "3."); a multi-level number such
/// as "1.2" is a duplicate anywhere in the text.
pub(super) fn repeated_numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut top: Vec<u64> = Vec::new();
    let mut deep: Vec<String> = Vec::new();
    for line in to_arabic(text).lines() {
        let Some(num) = leading_number(line.trim_start()) else {
            continue;
        };
        let parts: Vec<&str> = num.split('.').collect();
        if let [n] = parts.as_slice() {
            let Ok(n) = n.parse::<u64>() else { continue };
            if n == 1 {
                top.clear();
                deep.clear();
            }
            if top.contains(&n) && !out.contains(&format!("{n}.")) {
                out.push(format!("{n}."));
            }
            top.push(n);
        } else {
            if deep.contains(&num) && !out.contains(&num) {
                out.push(num.clone());
            }
            deep.push(num);
        }
    }
    out
}

/// "3. …" → "3"; "1.2 …" / "1.2. …" → "1.2"; "20 คน" → None (a bare number is not an item).
fn leading_number(line: &str) -> Option<String> {
    let head: String = line
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let trimmed = head.trim_end_matches('.');
    let well_formed = !trimmed.is_empty()
        && trimmed.split('.').all(|p| !p.is_empty() && p.len() <= 2)
        && (head.ends_with('.') || trimmed.contains('.'));
    let next = line[head.len()..].chars().next();
    let followed_ok = next.is_none_or(|c| !c.is_ascii_digit());
    (well_formed && followed_ok).then(|| trimmed.to_owned())
}

/// Every "ร้อยละ N" and "N %" in a text, in any digits.
pub(super) fn percentages(text: &str) -> Vec<f64> {
    let t = to_arabic(text);
    let mut out = Vec::new();
    for (i, _) in t.match_indices("ร้อยละ") {
        if let Some(n) = number_at(t[i + "ร้อยละ".len()..].trim_start()) {
            out.push(n);
        }
    }
    for (i, _) in t.match_indices('%') {
        let before: String = t[..i]
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        let before: String = before.chars().rev().collect();
        if let Some(n) = number_at(&before) {
            out.push(n);
        }
    }
    out
}

fn number_at(s: &str) -> Option<f64> {
    let num: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    num.replace(',', "").trim_end_matches('.').parse().ok()
}

/// Damage normalisation would repair, ignoring plain whitespace tidying.
fn damaged(text: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let fixed = normalize(text);
    squeeze(&fixed) != squeeze(text) || fixed.matches('ำ').count() != text.matches('ำ').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_dots_are_placeholders() {
        assert_eq!(
            placeholder("โดยใช้รูปแบบ ...................").as_deref(),
            Some("...................")
        );
        assert_eq!(placeholder("ชื่อ……").as_deref(), Some("……"));
        assert_eq!(placeholder("สถานศึกษา . . . ."), Some(". . . .".into()));
        assert_eq!(placeholder("ลงชื่อ____"), Some("____".into()));
    }

    #[test]
    fn decimals_abbreviations_and_single_ellipses_are_not_placeholders() {
        assert_eq!(placeholder("ร้อยละ 80.50 ของ ม.1 และ ป.6"), None);
        assert_eq!(placeholder("ฯลฯ และอื่น ๆ…"), None);
    }

    #[test]
    fn a_repeated_top_level_number_is_found() {
        assert_eq!(
            repeated_numbers("1. ก\n2. ข\n3. ค\n3. ง"),
            vec!["3.".to_owned()]
        );
        assert_eq!(repeated_numbers("๑. ก\n๒. ข\n๒. ค"), vec!["2.".to_owned()]);
    }

    #[test]
    fn a_list_that_restarts_or_nests_is_not_repeated() {
        assert!(repeated_numbers("1. ก\n2. ข\n1. ค\n2. ง").is_empty());
        assert!(repeated_numbers("1. ก\n1.1 ข\n1.2 ค\n2. ง\n2.1 จ").is_empty());
        assert!(repeated_numbers("20 คน\n20 คน").is_empty());
    }

    #[test]
    fn a_repeated_sub_item_is_found() {
        assert_eq!(
            repeated_numbers("1.1 ก\n1.2 ข\n1.2 ค"),
            vec!["1.2".to_owned()]
        );
    }

    #[test]
    fn percentages_are_read_in_any_digits() {
        assert_eq!(
            percentages("ร้อยละ 80 และ ร้อยละ ๑๒๐ และ 95.5%"),
            vec![80.0, 120.0, 95.5]
        );
        assert!(percentages("ไม่มีตัวเลข").is_empty());
    }
}
