//! Thai digits (เลขไทย) ๐–๙ and Arabic digits 0–9.
//!
//! Official-style forms print numbers in Thai digits while worked examples use Arabic ones
//! (DOMAIN.md §4: seeds S001, S002, S004 vs S000, S003), so every number we print goes through
//! [`Digits::apply`] and every number we read goes through [`to_arabic`] first.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

const THAI: [char; 10] = ['๐', '๑', '๒', '๓', '๔', '๕', '๖', '๗', '๘', '๙'];
const ARABIC: [char; 10] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/// Which digit set a document prints numbers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Digits {
    /// 0–9, the default: what users type and what most examples show.
    #[default]
    Arabic,
    /// ๐–๙, for documents in the official style.
    Thai,
}

impl Digits {
    /// Writes the Arabic digits of `text` in this digit set; other characters are untouched.
    pub fn apply(self, text: &str) -> String {
        match self {
            Digits::Arabic => text.to_owned(),
            Digits::Thai => to_thai(text),
        }
    }
}

/// Replaces 0–9 with ๐–๙ and leaves everything else alone.
pub fn to_thai(text: &str) -> String {
    text.chars().map(|c| swap(c, &ARABIC, &THAI)).collect()
}

/// Replaces ๐–๙ with 0–9 and leaves everything else alone.
pub fn to_arabic(text: &str) -> String {
    text.chars().map(|c| swap(c, &THAI, &ARABIC)).collect()
}

fn swap(c: char, from: &[char; 10], to: &[char; 10]) -> char {
    from.iter().position(|&d| d == c).map_or(c, |i| to[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn arabic_digits_become_thai_and_letters_stay() {
        assert_eq!(
            to_thai("ปีงบประมาณ 2567 (PA 1/ส)"),
            "ปีงบประมาณ ๒๕๖๗ (PA ๑/ส)"
        );
    }

    #[test]
    fn thai_digits_become_arabic_and_letters_stay() {
        assert_eq!(
            to_arabic("๑ ตุลาคม ๒๕๖๖ - ๓๐ กันยายน ๒๕๖๗"),
            "1 ตุลาคม 2566 - 30 กันยายน 2567"
        );
    }

    #[test]
    fn every_digit_maps_to_its_thai_twin() {
        assert_eq!(to_thai("0123456789"), "๐๑๒๓๔๕๖๗๘๙");
    }

    #[test]
    fn arabic_setting_leaves_text_as_typed() {
        assert_eq!(Digits::Arabic.apply("ข้อ 3.2"), "ข้อ 3.2");
        assert_eq!(Digits::Thai.apply("ข้อ 3.2"), "ข้อ ๓.๒");
    }

    #[test]
    fn the_default_is_arabic() {
        assert_eq!(Digits::default(), Digits::Arabic);
    }

    #[test]
    fn digit_setting_serializes_in_snake_case() {
        assert_eq!(
            serde_json::to_string(&Digits::Thai).ok().as_deref(),
            Some("\"thai\"")
        );
        let parsed: Result<Digits, _> = serde_json::from_str("\"arabic\"");
        assert_eq!(parsed.ok(), Some(Digits::Arabic));
    }

    proptest! {
        #[test]
        fn thai_then_arabic_restores_text_without_thai_digits(s in "[^๐-๙]*") {
            prop_assert_eq!(to_arabic(&to_thai(&s)), s);
        }

        #[test]
        fn arabic_then_thai_restores_text_without_arabic_digits(s in "[^0-9]*") {
            prop_assert_eq!(to_thai(&to_arabic(&s)), s);
        }

        #[test]
        fn conversion_never_changes_the_character_count(s in ".*") {
            prop_assert_eq!(to_thai(&s).chars().count(), s.chars().count());
        }
    }
}
