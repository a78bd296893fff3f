//! Dates in พุทธศักราช (BE), the only era official PA documents use (DOMAIN.md §4).
//!
//! Forms print "๑ ตุลาคม ๒๕๖๖" (S004), signatures "19 ธันวาคม พ.ศ. 2566" (S000), tables and
//! charts "1 ต.ค. 66"; users type any of these, in either digit set, or "1/10/2566". We print
//! exactly three shapes and read all of them back.
//!
//! Two-digit years are BE 25yy: "66" is 2566 (CE 2023). That covers CE 1957–2056, so the short
//! form only round-trips inside that window; outside it use a four-digit form.

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

use super::digits::{self, Digits};
use super::fiscal::{be_to_ce, ce_to_be};

/// Month names as the Royal Institute writes them, January first.
pub const MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// Standard abbreviations, January first.
pub const MONTHS_SHORT: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// Spoken short names people also type ("1 ตุลา 66").
const MONTHS_SPOKEN: [&str; 12] = [
    "มกรา",
    "กุมภา",
    "มีนา",
    "เมษา",
    "พฤษภา",
    "มิถุนา",
    "กรกฎา",
    "สิงหา",
    "กันยา",
    "ตุลา",
    "พฤศจิกา",
    "ธันวา",
];

/// Why a typed date was refused; each message says what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    #[error("กรุณากรอกวันที่ เช่น 1 ตุลาคม 2566")]
    Empty,
    #[error("อ่านวันที่ \"{0}\" ไม่ได้ กรุณากรอกในรูปแบบ 1 ตุลาคม 2566, 1 ต.ค. 66 หรือ 1/10/2566")]
    Unrecognised(String),
    #[error("ไม่รู้จักเดือน \"{0}\" กรุณาใช้ชื่อเต็ม เช่น ตุลาคม หรือชื่อย่อ เช่น ต.ค.")]
    UnknownMonth(String),
    #[error("เดือน {0} ไม่ถูกต้อง เดือนต้องเป็นตัวเลข 1 ถึง 12 เช่น 1/10/2566")]
    MonthOutOfRange(u32),
    #[error("ปี {0} ดูเป็นปีคริสต์ศักราช กรุณากรอกปีพุทธศักราช เช่น 2566")]
    ChristianEra(u32),
    #[error("ปี \"{0}\" ไม่ถูกต้อง กรุณากรอกปีพุทธศักราช 4 หลัก เช่น 2566 หรือ 2 หลัก เช่น 66")]
    InvalidYear(String),
    #[error("ไม่มีวันที่ {day} {month} {year} ในปฏิทิน กรุณาตรวจสอบวันที่")]
    NoSuchDay {
        day: u32,
        month: &'static str,
        year: i32,
    },
}

/// "1 ตุลาคม 2566": the body-text form.
pub fn format_long(date: NaiveDate, digits: Digits) -> String {
    let (day, month, be) = parts(date);
    digits.apply(&format!("{day} {} {be}", MONTHS[month]))
}

/// "19 ธันวาคม พ.ศ. 2566": the signature-line form.
pub fn format_long_with_era(date: NaiveDate, digits: Digits) -> String {
    let (day, month, be) = parts(date);
    digits.apply(&format!("{day} {} พ.ศ. {be}", MONTHS[month]))
}

/// "1 ต.ค. 66": the table form, with the last two digits of the BE year.
pub fn format_short(date: NaiveDate, digits: Digits) -> String {
    let (day, month, be) = parts(date);
    digits.apply(&format!(
        "{day} {} {:02}",
        MONTHS_SHORT[month],
        be.rem_euclid(100)
    ))
}

/// "ต.ค. 2566": a Gantt-chart column. `year` is CE, as [`super::fiscal::months`] returns it;
/// a month outside 1–12 is printed as its number rather than guessed.
pub fn format_month(year: i32, month: u32, digits: Digits) -> String {
    let be = ce_to_be(year);
    let text = match month
        .checked_sub(1)
        .and_then(|i| MONTHS_SHORT.get(i as usize))
    {
        Some(name) => format!("{name} {be}"),
        None => format!("{month}/{be}"),
    };
    digits.apply(&text)
}

fn parts(date: NaiveDate) -> (u32, usize, i32) {
    (date.day(), date.month0() as usize, ce_to_be(date.year()))
}

/// Reads any form printed above, plus "1/10/2566", either digit set, with or without "พ.ศ."
/// or a leading "วันที่", and abbreviations with or without dots and spaces ("ต. ค.", "ตค").
pub fn parse(input: &str) -> Result<NaiveDate, DateError> {
    let arabic = digits::to_arabic(input);
    let text = arabic.trim();
    let text = text.strip_prefix("วันที่").unwrap_or(text).trim();
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    let (day, month, year) = if text.contains('/') {
        parse_numeric(text)?
    } else {
        parse_words(text)?
    };
    let be = parse_year(year)?;
    NaiveDate::from_ymd_opt(be_to_ce(be), month, day).ok_or(DateError::NoSuchDay {
        day,
        month: MONTHS[(month - 1) as usize],
        year: be,
    })
}

/// "1/10/2566" → (1, 10, "2566").
fn parse_numeric(text: &str) -> Result<(u32, u32, &str), DateError> {
    let unrecognised = || DateError::Unrecognised(text.to_owned());
    let fields: Vec<&str> = text.split('/').map(str::trim).collect();
    let [day, month, year] = fields[..] else {
        return Err(unrecognised());
    };
    let day = parse_day(day).ok_or_else(unrecognised)?;
    let month = parse_number(month, 2).ok_or_else(unrecognised)?;
    if !(1..=12).contains(&month) {
        return Err(DateError::MonthOutOfRange(month));
    }
    Ok((day, month, year))
}

/// "19 ธันวาคม พ.ศ. 2566" → (19, 12, "2566"): leading digits, a month name, trailing digits.
fn parse_words(text: &str) -> Result<(u32, u32, &str), DateError> {
    let unrecognised = || DateError::Unrecognised(text.to_owned());
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    let day = parse_day(&text[..text.len() - rest.len()]).ok_or_else(unrecognised)?;
    let name = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    let year = &rest[name.len()..];
    if year.is_empty() || name.contains(|c: char| c.is_ascii_digit()) {
        return Err(unrecognised());
    }
    let month =
        month_number(name).ok_or_else(|| DateError::UnknownMonth(name.trim().to_owned()))?;
    Ok((day, month, year))
}

/// Matches a month name after dropping spaces, dots and a trailing "พ.ศ.".
fn month_number(name: &str) -> Option<u32> {
    let squeezed: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    let key = squeezed.strip_suffix("พศ").unwrap_or(&squeezed);
    let undotted = |s: &&str| s.replace('.', "") == key;
    let index = MONTHS
        .iter()
        .position(|m| *m == key)
        .or_else(|| MONTHS_SHORT.iter().position(undotted))
        .or_else(|| MONTHS_SPOKEN.iter().position(|m| *m == key))?;
    u32::try_from(index + 1).ok()
}

fn parse_day(text: &str) -> Option<u32> {
    parse_number(text, 2).filter(|d| (1..=31).contains(d))
}

fn parse_number(text: &str, max_len: usize) -> Option<u32> {
    let all_digits = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
    (all_digits && text.len() <= max_len)
        .then(|| text.parse().ok())
        .flatten()
}

/// "66" → 2566; "2566" → 2566; "2023" is refused as a CE year.
fn parse_year(text: &str) -> Result<i32, DateError> {
    let invalid = || DateError::InvalidYear(text.to_owned());
    let number = parse_number(text, 4).ok_or_else(invalid)?;
    match text.len() {
        2 => Ok(2500 + number as i32),
        4 if number < 2400 => Err(DateError::ChristianEra(number)),
        4 => Ok(number as i32),
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test dates are valid")
    }

    #[test]
    fn long_form_writes_the_buddhist_year_in_full() {
        assert_eq!(
            format_long(date(2023, 10, 1), Digits::Arabic),
            "1 ตุลาคม 2566"
        );
        assert_eq!(format_long(date(2023, 10, 1), Digits::Thai), "๑ ตุลาคม ๒๕๖๖");
    }

    #[test]
    fn signature_form_names_the_era() {
        let d = date(2023, 12, 19);
        assert_eq!(
            format_long_with_era(d, Digits::Arabic),
            "19 ธันวาคม พ.ศ. 2566"
        );
        assert_eq!(format_long_with_era(d, Digits::Thai), "๑๙ ธันวาคม พ.ศ. ๒๕๖๖");
    }

    #[test]
    fn short_form_keeps_two_year_digits() {
        assert_eq!(format_short(date(2023, 10, 1), Digits::Arabic), "1 ต.ค. 66");
        assert_eq!(format_short(date(1962, 2, 3), Digits::Thai), "๓ ก.พ. ๐๕");
    }

    #[test]
    fn month_label_converts_a_ce_year_to_be() {
        assert_eq!(format_month(2023, 10, Digits::Arabic), "ต.ค. 2566");
        assert_eq!(format_month(2024, 9, Digits::Thai), "ก.ย. ๒๕๖๗");
        assert_eq!(format_month(2024, 13, Digits::Arabic), "13/2567");
    }

    #[test]
    fn every_written_form_parses_to_the_same_day() {
        let expected = Ok(date(2023, 10, 1));
        for text in [
            "1 ตุลาคม 2566",
            "๑ ตุลาคม ๒๕๖๖",
            "1 ตุลาคม พ.ศ. 2566",
            "วันที่ ๑ ตุลาคม พ.ศ.๒๕๖๖",
            "  1   ตุลาคม   2566 ",
            "1ตุลาคม2566",
            "1 ต.ค. 66",
            "1 ต.ค. 2566",
            "1 ต. ค. 66",
            "1 ตค 66",
            "1 ตค. 66",
            "1 ตุลา 66",
            "01 ต.ค. ๖๖",
            "1/10/2566",
            "๑/๑๐/๒๕๖๖",
            "01 / 10 / 66",
        ] {
            assert_eq!(parse(text), expected, "{text}");
        }
    }

    #[test]
    fn every_month_abbreviation_is_recognised() {
        for (i, short) in MONTHS_SHORT.iter().enumerate() {
            let parsed = parse(&format!("1 {short} 67"));
            assert_eq!(parsed.map(|d| d.month0() as usize), Ok(i), "{short}");
        }
    }

    #[test]
    fn the_thirty_first_of_february_is_refused() {
        assert_eq!(
            parse("31 ก.พ. 2567"),
            Err(DateError::NoSuchDay {
                day: 31,
                month: "กุมภาพันธ์",
                year: 2567
            })
        );
    }

    #[test]
    fn the_twenty_ninth_of_february_exists_only_in_leap_years() {
        assert_eq!(parse("29 กุมภาพันธ์ 2567"), Ok(date(2024, 2, 29)));
        assert!(matches!(
            parse("29 กุมภาพันธ์ 2566"),
            Err(DateError::NoSuchDay { .. })
        ));
    }

    #[test]
    fn a_christian_era_year_is_refused_with_a_hint() {
        let err = parse("1 ตุลาคม 2023");
        assert_eq!(err, Err(DateError::ChristianEra(2023)));
        assert!(err.unwrap_err().to_string().contains("พุทธศักราช"));
    }

    #[test]
    fn malformed_dates_say_what_was_wrong() {
        assert_eq!(parse("  "), Err(DateError::Empty));
        assert_eq!(
            parse("1 ตุลาคอม 2566"),
            Err(DateError::UnknownMonth("ตุลาคอม".into()))
        );
        assert_eq!(parse("1/13/2566"), Err(DateError::MonthOutOfRange(13)));
        assert_eq!(
            parse("1 ต.ค. 566"),
            Err(DateError::InvalidYear("566".into()))
        );
        assert!(matches!(
            parse("ตุลาคม 2566"),
            Err(DateError::Unrecognised(_))
        ));
        assert!(matches!(parse("1 ตุลาคม"), Err(DateError::Unrecognised(_))));
        assert!(matches!(
            parse("32 ตุลาคม 2566"),
            Err(DateError::Unrecognised(_))
        ));
        assert!(matches!(parse("1/10"), Err(DateError::Unrecognised(_))));
    }

    #[test]
    fn error_messages_show_an_example_to_copy() {
        let message = DateError::Unrecognised("x".into()).to_string();
        assert!(message.contains("1 ตุลาคม 2566") && message.contains("1/10/2566"));
    }

    /// Exhaustive rather than sampled: 110 thousand days is cheap and leaves no gap.
    #[test]
    fn every_date_from_1900_to_2200_round_trips_through_every_form() {
        let mut d = date(1900, 1, 1);
        while d < date(2200, 1, 1) {
            for digits in [Digits::Arabic, Digits::Thai] {
                assert_eq!(parse(&format_long(d, digits)), Ok(d));
                assert_eq!(parse(&format_long_with_era(d, digits)), Ok(d));
                if (1957..=2056).contains(&d.year()) {
                    assert_eq!(parse(&format_short(d, digits)), Ok(d));
                }
            }
            d = d.succ_opt().expect("2200 is inside chrono's range");
        }
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics(s in ".{0,30}") {
            let _ = parse(&s);
        }

        #[test]
        fn parsing_date_like_text_never_panics(s in "[0-9๐-๙ ./]{0,4}[ก-ฮะ-ู ./]{0,8}[0-9๐-๙ ]{0,6}") {
            let _ = parse(&s);
        }
    }
}
