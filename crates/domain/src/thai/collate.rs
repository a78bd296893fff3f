//! Thai dictionary order (ราชบัณฑิตยสถาน), for name lists and committee rosters.
//!
//! Code-point order puts every เ/แ/โ/ใ/ไ word after ฮ, which no Thai reader expects. The
//! dictionary reads a leading vowel after the consonant it is written before ("เกษม" is filed
//! under ก as ก-เ-ษ-ม), ranks a consonant directly after the initial before any vowel, and ranks
//! vowels ะ ั า ๅ ำ ิ ี ึ ื ุ ู เ แ โ ใ ไ. So "กุ้ง" < "เกษม" < "แกง" < "ขนม". Tone marks and other
//! diacritics only break ties ("กา" < "ก่า" < "ก้า"). This matches glibc's th_TH collation on
//! every test below made of Thai letters only (checked with `sort` under that locale).
//!
//! Beyond the dictionary: whitespace sorts before everything, so a name list reads word by word
//! ("สมชาย ใจดี" before "สมชายา ..."); then punctuation, digits (๑ like 1), Latin letters
//! (case-insensitive), Thai, and anything else by code point. Strings that tie on all of that
//! (only case or digit script differ) fall back to code-point order, so the order is total and
//! only equal strings compare equal.

use std::cmp::Ordering;

/// Vowels in dictionary order; ั ิ ี ึ ื ุ ู are written above or below but still count here.
const VOWELS: [char; 16] = [
    'ะ', 'ั', 'า', 'ๅ', 'ำ', 'ิ', 'ี', 'ึ', 'ื', 'ุ', 'ู', 'เ', 'แ', 'โ', 'ใ', 'ไ',
];

/// Diacritics ignored at the first level, in tie-break order (glibc th_TH's order for the first
/// seven): ์ ็ ่ ้ ๊ ๋, then nikhahit, phinthu and yamakkan.
const DIACRITICS: [char; 9] = ['์', '็', '่', '้', '๊', '๋', 'ํ', 'ฺ', '๎'];

/// The written-before-the-consonant vowels.
const LEADING_VOWELS: [char; 5] = ['เ', 'แ', 'โ', 'ใ', 'ไ'];

/// What [`compare`] compares: sort a list by it to avoid rebuilding keys on every comparison.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortKey {
    /// One weight per letter, vowel, digit or symbol, in reading order.
    primary: Vec<u32>,
    /// The diacritics on each primary element, slot 0 holding any before the first.
    secondary: Vec<u32>,
    /// The text itself, so that keys are equal only for equal strings.
    text: String,
}

/// Orders two strings as a Thai dictionary would.
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

/// The key [`compare`] uses; `names.sort_by_cached_key(|n| sort_key(n))` sorts a roster.
pub fn sort_key(text: &str) -> SortKey {
    let mut primary = Vec::with_capacity(text.len());
    let mut secondary: Vec<u32> = vec![0];
    // Index in `secondary` of the element the next diacritic belongs to.
    let mut base = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(weight) = diacritic_weight(c) {
            secondary[base] = secondary[base].saturating_mul(16).saturating_add(weight);
            continue;
        }
        let swapped = match chars.peek() {
            Some(&next) if LEADING_VOWELS.contains(&c) && is_consonant(next) => {
                chars.next();
                Some(next)
            }
            _ => None,
        };
        if let Some(consonant) = swapped {
            primary.push(primary_weight(consonant));
            secondary.push(0);
        }
        primary.push(primary_weight(c));
        secondary.push(0);
        // A tone after "เก" sits on ก, so it belongs to the consonant's slot.
        base = if swapped.is_some() {
            secondary.len() - 2
        } else {
            secondary.len() - 1
        };
    }
    SortKey {
        primary,
        secondary,
        text: text.to_owned(),
    }
}

fn is_consonant(c: char) -> bool {
    ('ก'..='ฮ').contains(&c)
}

fn diacritic_weight(c: char) -> Option<u32> {
    let i = DIACRITICS.iter().position(|&d| d == c)?;
    u32::try_from(i + 1).ok()
}

/// Bands: whitespace, ASCII punctuation, digits, Latin, Thai consonants, Thai vowels, the rest.
fn primary_weight(c: char) -> u32 {
    let code = u32::from(c);
    match c {
        _ if c.is_whitespace() => 1,
        '0'..='9' => 0x100 + code - u32::from('0'),
        '๐'..='๙' => 0x100 + code - u32::from('๐'),
        'a'..='z' => 0x200 + code - u32::from('a'),
        'A'..='Z' => 0x200 + code - u32::from('A'),
        // Unicode already files ฤ after ร and ฦ after ล, as the dictionary does.
        'ก'..='ฮ' => 0x300 + code - u32::from('ก'),
        _ if c.is_ascii() => 0x10 + code,
        _ => match VOWELS.iter().position(|&v| v == c) {
            Some(i) => 0x400 + i as u32,
            None => 0x1000 + code,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn assert_sorted(words: &[&str]) {
        for pair in words.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(compare(a, b).is_lt(), "{a} < {b}");
            assert!(compare(b, a).is_gt(), "{b} > {a}");
        }
    }

    #[test]
    fn a_leading_vowel_word_files_under_its_consonant_after_the_other_vowels() {
        assert_sorted(&["กสิกร", "กุ้ง", "เกษม", "แกง", "โกง", "ใกล้", "ไก่", "ขนม"]);
    }

    #[test]
    fn a_consonant_after_the_initial_ranks_before_any_vowel() {
        assert_sorted(&["กก", "กฮ", "กะ", "กัน", "กา", "กำ", "กิน", "กุ้ง"]);
    }

    #[test]
    fn mai_han_akat_ranks_between_sara_a_and_sara_aa() {
        assert_sorted(&["กะทิ", "กันยา", "กานดา"]);
    }

    #[test]
    fn only_the_first_consonant_swaps_with_a_leading_vowel() {
        assert_sorted(&["เก", "เกก", "เก่ง", "เกม", "เกะ", "เกา"]);
        assert_sorted(&["เปรี้ยว", "เปล", "เปลี่ยน", "เปา"]);
    }

    #[test]
    fn tone_marks_only_break_ties() {
        assert_sorted(&["กา", "ก่า", "ก้า", "ก๊า", "ก๋า", "กาก"]);
        assert_sorted(&["เกบ", "เก็บ", "เกม"]);
        assert_sorted(&["กก", "กก่", "ก่ก"]);
    }

    #[test]
    fn ru_files_after_ro_and_lu_after_lo() {
        assert_sorted(&["รถ", "รื่น", "ฤดู", "ฤทธิ์", "ฤๅษี", "ลม", "ฦๅ", "วัด"]);
    }

    #[test]
    fn thai_digits_rank_like_arabic_digits() {
        assert_sorted(&["ห้อง 1", "ห้อง ๑", "ห้อง 10", "ห้อง 2", "ห้อง ๒", "ห้อง ๓"]);
    }

    #[test]
    fn latin_letters_ignore_case_and_come_before_thai() {
        assert_sorted(&["1", "apple", "Banana", "banana", "cherry", "ก"]);
    }

    #[test]
    fn a_space_ends_a_word_before_any_longer_word() {
        assert_sorted(&["สมชาย ใจดี", "สมชาย ทองคำ", "สมชายา กล้าหาญ"]);
    }

    #[test]
    fn a_roster_of_real_names_sorts_in_dictionary_order() {
        let shuffled = "ไพโรจน์ เฉลิม กนกวรรณ ชนิดา โชคชัย จิราพร เกศินี ฉัตรชัย ผกาภรณ์ \
                        ณัฐพล เจษฎา ขวัญใจ กมล ธีระ ดวงใจ นภา ภัทรา จันทร์เพ็ญ";
        let mut names: Vec<&str> = shuffled.split_whitespace().collect();
        names.sort_by_cached_key(|n| sort_key(n));
        // The same order as `sort` under glibc's th_TH.UTF-8 locale.
        let expected = "กนกวรรณ กมล เกศินี ขวัญใจ จันทร์เพ็ญ จิราพร เจษฎา ฉัตรชัย เฉลิม ชนิดา \
                        โชคชัย ณัฐพล ดวงใจ ธีระ นภา ผกาภรณ์ ไพโรจน์ ภัทรา";
        assert_eq!(names, expected.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn only_identical_strings_compare_equal() {
        assert_eq!(compare("เกษม", "เกษม"), Ordering::Equal);
        assert_ne!(compare("Apple", "apple"), Ordering::Equal);
    }

    fn text() -> impl Strategy<Value = String> {
        "[ก-ฮะ-ฺเ-๎๐-๙a-zA-Z0-9 .]{0,8}"
    }

    proptest! {
        #[test]
        fn compare_agrees_with_sort_key(a in text(), b in text()) {
            prop_assert_eq!(compare(&a, &b), sort_key(&a).cmp(&sort_key(&b)));
        }

        #[test]
        fn compare_is_antisymmetric_and_equal_only_for_equal_strings(a in text(), b in text()) {
            prop_assert_eq!(compare(&a, &b), compare(&b, &a).reverse());
            prop_assert_eq!(compare(&a, &b) == Ordering::Equal, a == b);
        }

        #[test]
        fn compare_is_transitive(a in text(), b in text(), c in text()) {
            let orders = [(&a, &b, &c), (&a, &c, &b), (&b, &a, &c), (&b, &c, &a), (&c, &a, &b), (&c, &b, &a)];
            for (x, y, z) in orders {
                if compare(x, y).is_le() && compare(y, z).is_le() {
                    prop_assert!(compare(x, z).is_le(), "{x} <= {y} <= {z}");
                }
            }
        }
    }
}
