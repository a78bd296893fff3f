//! Repairs Thai text pasted from PDFs and Word before anything reads it.
//!
//! PDF text extraction of Thai fonts damages words in a few regular ways (DOMAIN.md §4; all
//! examples below are from seed S004, an ESA director's PA exported to text):
//! - sara am ำ loses its nikhahit and comes out as a space before า: "ส านักงาน" (526 times in
//!   S004), or as the two halves "สํานกังาน", or reversed "ผูอ้าํนวยการ";
//! - a tone mark lands before the vowel it sits on: "เขตพ้ืนที่", "ตัวช้ีวัด" (289 times);
//! - a tone mark is pushed off its syllable by a space: "รายได ้", "ดังนี ้";
//! - glyphs the extractor could not map become U+FFFD: "วทิยฐานะเชี�ยวชาญ".
//!
//! Word adds zero-width and soft-hyphen characters, non-breaking spaces and CRLF line ends.
//! [`normalize`] fixes all of these so that a checker searching for "สำนักงาน" finds it.
//! Not repaired, because no rule can tell damage from spelling: a vowel displaced onto the next
//! consonant ("สํานกังาน" keeps its "นกั"), and the character a U+FFFD replaced.

/// Sara am, and the nikhahit and sara aa it is drawn from.
const SARA_AM: char = 'ำ';
const NIKHAHIT: char = 'ํ';
const SARA_AA: char = 'า';

/// Dropped outright: the replacement character, zero-width characters and soft hyphens.
const INVISIBLE: [char; 7] = [
    '\u{FFFD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
];

/// Line breaks other than LF: Word's manual break (VT), pdftotext's page break (FF), U+2028/9.
const OTHER_LINE_BREAKS: [char; 4] = ['\u{000B}', '\u{000C}', '\u{2028}', '\u{2029}'];

/// Repairs PDF/Word damage; see the module docs. Idempotent, and leaves clean text untouched.
///
/// Whitespace: CRLF and lone CR become LF, other spaces (tab, NBSP) become one space per run,
/// and spaces at the end of a line go; line breaks themselves are kept. A space is never
/// removed across a line break, so "ส\nานักงาน" stays as it is: we cannot tell it from a layout
/// choice, and it has not been seen in the seeds.
pub fn normalize(text: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_line(&mut out);
            }
            _ if OTHER_LINE_BREAKS.contains(&c) => end_line(&mut out),
            _ if INVISIBLE.contains(&c) => {}
            _ if c.is_whitespace() => {
                if out.last() != Some(&' ') {
                    out.push(' ');
                }
            }
            _ => push_char(&mut out, c),
        }
    }
    trim_trailing_spaces(&mut out);
    out.into_iter().collect()
}

/// True when [`normalize`] would change nothing: the text needs no repair.
pub fn is_clean(text: &str) -> bool {
    normalize(text) == text
}

fn end_line(out: &mut Vec<char>) {
    trim_trailing_spaces(out);
    out.push('\n');
}

fn trim_trailing_spaces(out: &mut Vec<char>) {
    while out.last() == Some(&' ') {
        out.pop();
    }
}

/// Appends `c`, repairing it against what is already written (which is already repaired).
fn push_char(out: &mut Vec<char>, c: char) {
    let lost_nikhahit = close_gap(out, c);
    match c {
        SARA_AA if out.last() == Some(&NIKHAHIT) => replace_last(out, SARA_AM),
        SARA_AA if lost_nikhahit => out.push(SARA_AM),
        // "ผูอ้าํนวยการ": the two halves of sara am in reverse order.
        NIKHAHIT if out.last() == Some(&SARA_AA) => replace_last(out, SARA_AM),
        _ if is_vowel_mark(c) => insert_before_run(out, c, is_tone_mark),
        // A tone goes before nikhahit, so that a following sara aa can still merge with it.
        _ if is_tone_mark(c) => insert_before_run(out, c, |m| m == NIKHAHIT),
        _ if is_mark(c) => insert_before_run(out, c, |_| false),
        _ => out.push(c),
    }
}

/// Removes a space that splits a syllable before `c`. Returns true when the space stood for
/// the nikhahit of a sara am, as in "ส านักงาน".
fn close_gap(out: &mut Vec<char>, c: char) -> bool {
    let Some((&' ', before)) = out.split_last() else {
        return false;
    };
    if is_mark(c) {
        // A mark cannot start a word, so it belongs to the Thai letter before the space.
        if before.last().is_some_and(|&p| is_thai_letter_or_mark(p)) {
            out.pop();
        }
        return false;
    }
    if !is_following_vowel(c) {
        return false;
    }
    // No Thai word starts with ะ า ำ ๅ, so after a consonant (and its tone, "ล้ า") the space is
    // damage.
    let base = before
        .iter()
        .rev()
        .find(|&&p| !is_tone_mark(p) && p != NIKHAHIT);
    if !base.is_some_and(|&p| is_consonant(p)) {
        return false;
    }
    let had_nikhahit = before.last() == Some(&NIKHAHIT);
    out.pop();
    c == SARA_AA && !had_nikhahit
}

/// Inserts `c` before the trailing run of marks `in_run` matches, unless it is already there:
/// this both restores vowel-before-tone order and drops doubled marks ("่่").
fn insert_before_run(out: &mut Vec<char>, c: char, in_run: impl Fn(char) -> bool) {
    let mut at = out.len();
    while at > 0 && in_run(out[at - 1]) {
        at -= 1;
    }
    if at > 0 && out[at - 1] == c {
        return;
    }
    out.insert(at, c);
}

fn replace_last(out: &mut [char], c: char) {
    if let Some(last) = out.last_mut() {
        *last = c;
    }
}

fn is_consonant(c: char) -> bool {
    ('ก'..='ฮ').contains(&c)
}

/// Vowels written above or below, and mai taikhu: they come before a tone mark.
fn is_vowel_mark(c: char) -> bool {
    matches!(c, 'ั' | 'ิ'..='ฺ' | '็')
}

/// Mai ek, mai tho, mai tri, mai chattawa and thanthakhat.
fn is_tone_mark(c: char) -> bool {
    ('่'..='์').contains(&c)
}

/// Every combining mark: vowel marks, tone marks, nikhahit and yamakkan.
fn is_mark(c: char) -> bool {
    is_vowel_mark(c) || is_tone_mark(c) || c == NIKHAHIT || c == '๎'
}

/// Vowels written after the consonant on the line: ะ า ำ ๅ.
fn is_following_vowel(c: char) -> bool {
    matches!(c, 'ะ' | 'า' | 'ำ' | 'ๅ')
}

fn is_thai_letter_or_mark(c: char) -> bool {
    ('ก'..='๎').contains(&c) && c != '฿' && c != 'ฯ'
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Damaged text exactly as it appears in seed S004, and what it should read.
    const SEED_S004: &[(&str, &str)] = &[
        // Sara am split into a space and sara aa.
        ("ส านักงาน", "สำนักงาน"),
        ("ต าแหน่ง", "ตำแหน่ง"),
        ("ก าหนด", "กำหนด"),
        ("ด าเนินการ", "ดำเนินการ"),
        ("จ านวน", "จำนวน"),
        ("ประจ าปีงบประมาณ", "ประจำปีงบประมาณ"),
        ("ผู้อ านวยการ", "ผู้อำนวยการ"),
        ("จัดท าข้อตกลง", "จัดทำข้อตกลง"),
        ("ส าหรับ", "สำหรับ"),
        ("ก ากับติดตาม", "กำกับติดตาม"),
        ("ที่จ าเป็น", "ที่จำเป็น"),
        ("ความส าคัญ", "ความสำคัญ"),
        ("โดยค านึงถึง", "โดยคำนึงถึง"),
        ("น านโยบาย", "นำนโยบาย"),
        ("การท างาน", "การทำงาน"),
        ("ค าปรึกษา", "คำปรึกษา"),
        ("อ าเภอ", "อำเภอ"),
        ("ต าบล", "ตำบล"),
        ("ส ารวจ", "สำรวจ"),
        ("ส าเร็จ", "สำเร็จ"),
        ("ล าดับ", "ลำดับ"),
        ("ก าลังใจ", "กำลังใจ"),
        ("จ าแนก", "จำแนก"),
        ("ต ารวจภูธร", "ตำรวจภูธร"),
        ("จ าหน่าย", "จำหน่าย"),
        ("เจตจ านง", "เจตจำนง"),
        ("ด ารงชีวิต", "ดำรงชีวิต"),
        ("แกนน า", "แกนนำ"),
        ("ค าแนะน าในการ", "คำแนะนำในการ"),
        ("ตามที่ส านักงาน ก.ค.ศ. ก าหนด", "ตามที่สำนักงาน ก.ค.ศ. กำหนด"),
        // ...with a tone mark between the consonant and the space.
        ("ความเหลื่อมล้ า", "ความเหลื่อมล้ำ"),
        ("เน้นย้ า", "เน้นย้ำ"),
        // Tone mark before the vowel it sits on.
        ("เขตพ้ืนที่", "เขตพื้นที่"),
        ("ตัวช้ีวัด", "ตัวชี้วัด"),
        ("สูงข้ึน", "สูงขึ้น"),
        ("เพ่ือ", "เพื่อ"),
        ("การศึกษาท่ีมี", "การศึกษาที่มี"),
        ("ที่เก่ียวข้อง", "ที่เกี่ยวข้อง"),
        ("สถาบันอ่ืน", "สถาบันอื่น"),
        ("ข้ันพ้ืนฐาน", "ขั้นพื้นฐาน"),
        // A space pushing a mark off its syllable.
        ("รายได ้", "รายได้"),
        ("เข้าสู ่การเรียน", "เข้าสู่การเรียน"),
        ("ดังนี ้", "ดังนี้"),
        ("นางผกาภรณ ์", "นางผกาภรณ์"),
        // Nikhahit and sara aa as two characters, in either order; the displaced ั stays.
        ("สํานกังาน", "สำนกังาน"),
        ("ผูอ้าํนวยการ", "ผูอ้ำนวยการ"),
        // U+FFFD dropped; the tone it replaced cannot be recovered.
        ("วทิยฐานะเชี\u{FFFD}ยวชาญ", "วทิยฐานะเชียวชาญ"),
        // Spaces: runs collapse, line ends are trimmed, a private-use bullet is kept.
        (
            "ข้าพเจ้า นางผกาภรณ์  พลายสังข์  ได้จัดท า",
            "ข้าพเจ้า นางผกาภรณ์ พลายสังข์ ได้จัดทำ",
        ),
        ("ข้อตกลง     \nในการพัฒนางาน", "ข้อตกลง\nในการพัฒนางาน"),
        ("ภาระงาน   \u{F052}   เต็มเวลา", "ภาระงาน \u{F052} เต็มเวลา"),
    ];

    #[test]
    fn damage_seen_in_seed_s004_is_repaired() {
        for (damaged, repaired) in SEED_S004 {
            assert_eq!(normalize(damaged), *repaired, "{damaged:?}");
        }
    }

    #[test]
    fn repaired_seed_text_is_already_clean() {
        for (_, repaired) in SEED_S004 {
            assert!(is_clean(repaired), "{repaired:?}");
        }
    }

    #[test]
    fn every_split_form_of_sara_am_becomes_one_character() {
        for damaged in [
            "ท า",
            "ท  า",
            "ท\tา",
            "ท\u{A0}า",
            "ทํา",
            "ท ํา",
            "ทาํ",
            "ท\u{200B} า",
        ] {
            assert_eq!(normalize(damaged), "ทำ", "{damaged:?}");
        }
    }

    #[test]
    fn a_tone_mark_stays_before_the_repaired_sara_am() {
        for damaged in ["ค้ า", "ค้ํา", "คํ้า", "ค ้ า"] {
            assert_eq!(normalize(damaged), "ค้ำ", "{damaged:?}");
        }
    }

    #[test]
    fn a_space_before_other_following_vowels_is_removed_without_adding_nikhahit() {
        assert_eq!(normalize("ก ะ"), "กะ");
        assert_eq!(normalize("ก ำ"), "กำ");
    }

    #[test]
    fn a_doubled_mark_is_kept_once() {
        assert_eq!(normalize("ไม่่"), "ไม่");
        assert_eq!(normalize("กุุ"), "กุ");
        assert_eq!(normalize("ก่ ่"), "ก่");
    }

    #[test]
    fn a_space_between_words_is_kept() {
        assert_eq!(normalize("นาย สมชาย"), "นาย สมชาย");
        assert_eq!(normalize("ที่ า"), "ที่ า");
    }

    #[test]
    fn a_line_break_is_never_merged_away() {
        assert_eq!(normalize("ส \nานักงาน"), "ส\nานักงาน");
        assert_eq!(normalize("ทำ\n ่"), "ทำ\n ่");
    }

    #[test]
    fn word_and_windows_whitespace_becomes_plain() {
        assert_eq!(normalize("ก\r\nข\rค\u{000B}ง \r\n"), "ก\nข\nค\nง\n");
        assert_eq!(normalize("ก\u{A0}\u{A0}ข\u{FEFF}\u{00AD}ค"), "ก ขค");
    }

    #[test]
    fn clean_text_is_reported_clean_and_damaged_text_is_not() {
        assert!(is_clean("สำนักงานเขตพื้นที่การศึกษา\nปีงบประมาณ ๒๕๖๗"));
        assert!(!is_clean("ส านักงาน"));
        assert!(!is_clean("trailing \n"));
    }

    fn messy() -> impl Strategy<Value = String> {
        "[กขดตนสอะ-ฺเแ็-๎ a-z\t\n\r\u{A0}\u{200B}\u{FFFD}]{0,40}"
    }

    fn clean_ascii() -> impl Strategy<Value = String> {
        let line = proptest::collection::vec("[!-~]{1,8}", 0..6).prop_map(|w| w.join(" "));
        proptest::collection::vec(line, 0..5).prop_map(|l| l.join("\n"))
    }

    proptest! {
        #[test]
        fn normalizing_twice_changes_nothing_more(s in messy()) {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone());
            prop_assert!(is_clean(&once));
        }

        #[test]
        fn normalizing_arbitrary_text_is_idempotent(s in ".{0,40}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn clean_ascii_text_is_left_alone(s in clean_ascii()) {
            prop_assert_eq!(normalize(&s), s);
        }

        #[test]
        fn line_count_is_preserved_without_carriage_returns(s in "[ก-ฮ ่-์ัา\n]{0,40}") {
            prop_assert_eq!(normalize(&s).lines().count(), s.trim_end_matches([' ']).lines().count());
        }
    }
}
