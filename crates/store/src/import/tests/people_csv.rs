use super::fixtures::{ENGLISH_HEADERS, THAI_HEADERS, csv_text, staff_list};
use crate::import::{ImportError, Parsed, import_people};
use domain::directory::PersonRecord;

/// Each bad row is reported once, with exactly one message containing its reason, and every
/// other row is imported.
pub fn assert_only_bad_rows_refused(
    parsed: &Parsed<PersonRecord>,
    expected: &[(usize, &'static str)],
) {
    let rows: Vec<usize> = parsed.errors.iter().map(|e| e.row).collect();
    let expected_rows: Vec<usize> = expected.iter().map(|(row, _)| *row).collect();
    assert_eq!(rows, expected_rows);
    for (error, (_, reason)) in parsed.errors.iter().zip(expected) {
        assert_eq!(error.messages.len(), 1, "{error:?}");
        assert!(
            error.messages[0].contains(reason),
            "row {}: {:?} should mention {reason}",
            error.row,
            error.messages
        );
    }
    assert_eq!(parsed.ok.len(), 1000);
    let imported: Vec<usize> = parsed.ok.iter().map(|(row, _)| *row).collect();
    let all: Vec<usize> = (2..2 + 1008)
        .filter(|r| !expected_rows.contains(r))
        .collect();
    assert_eq!(imported, all);
}

#[test]
fn a_thai_csv_of_a_thousand_people_imports_all_but_the_bad_rows() {
    let (rows, expected) = staff_list();
    let parsed = import_people(csv_text(&THAI_HEADERS, &rows).as_bytes());
    let Ok(parsed) = parsed else {
        panic!("{parsed:?}");
    };
    assert_only_bad_rows_refused(&parsed, &expected);
    assert!(parsed.warnings.is_empty());
}

#[test]
fn an_english_csv_reads_the_same_and_names_columns_in_english() {
    let (rows, expected) = staff_list();
    let parsed = import_people(csv_text(&ENGLISH_HEADERS, &rows).as_bytes());
    let Ok(parsed) = parsed else {
        panic!("{parsed:?}");
    };
    assert_only_bad_rows_refused(&parsed, &expected);
    assert!(parsed.errors[0].messages[0].starts_with("citizen_id: "));
}

#[test]
fn messages_name_the_column_as_the_user_wrote_it() {
    let (rows, _) = staff_list();
    let parsed = import_people(csv_text(&THAI_HEADERS, &rows).as_bytes());
    let first = parsed.ok().and_then(|p| p.errors.into_iter().next());
    assert!(first.is_some_and(|e| e.messages[0].starts_with("เลขประจำตัวประชาชน: ")));
}

#[test]
fn a_csv_with_a_byte_order_mark_reads_its_first_header() {
    let (rows, expected) = staff_list();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(csv_text(&THAI_HEADERS, &rows).into_bytes());
    let parsed = import_people(&bytes);
    let Ok(parsed) = parsed else {
        panic!("{parsed:?}");
    };
    assert_only_bad_rows_refused(&parsed, &expected);
}

#[test]
fn imported_records_carry_the_parsed_values() {
    let (rows, _) = staff_list();
    let parsed = import_people(csv_text(&THAI_HEADERS, &rows).as_bytes());
    let second = parsed.ok().and_then(|p| p.ok.into_iter().nth(1));
    let Some((row, person)) = second else {
        panic!("no second record");
    };
    // Valid person 1: "ครู" / "ชำนาญการพิเศษ" / "คศ.3".
    assert_eq!(row, 4);
    assert_eq!(person.first_name, "สมศรี");
    assert_eq!(
        person.standing,
        domain::people::Standing::SeniorProfessional
    );
    assert_eq!(person.salary, Some(18_500));
}

#[test]
fn a_repeated_citizen_id_names_the_earlier_row() {
    let csv = "ชื่อ,นามสกุล,ตำแหน่ง,รหัสหน่วยงาน,เลขประจำตัวประชาชน\n\
               สมชาย,ใจดี,ครู,1065010001,1-1017-00203-45-0\n\
               สมศรี,ใจดี,ครู,1065010001,1101700203450\n";
    let parsed = import_people(csv.as_bytes());
    let errors = parsed.map(|p| p.errors);
    let Ok([error]) = errors.as_deref() else {
        panic!("{errors:?}");
    };
    assert_eq!(error.row, 3);
    assert_eq!(
        error.messages,
        ["เลขประจำตัวประชาชน: เลขประจำตัวประชาชนซ้ำกับแถวที่ 2"]
    );
}

#[test]
fn a_duplicate_row_with_other_problems_reports_them_all() {
    let csv = "first_name,last_name,position,unit_code,email\n\
               สมชาย,ใจดี,ครู,1065010001,a@b.co\n\
               ,ใจดี,ภารโรง,1065010001,A@B.CO\n";
    let parsed = import_people(csv.as_bytes());
    let messages = parsed.map(|p| p.errors.into_iter().flat_map(|e| e.messages).count());
    assert_eq!(messages, Ok(3));
}

#[test]
fn an_excel_formula_error_is_reported_instead_of_the_field_rule() {
    let csv = "ชื่อ,นามสกุล,ตำแหน่ง,รหัสหน่วยงาน\n#N/A,ใจดี,ครู,1065010001\n";
    let parsed = import_people(csv.as_bytes());
    let messages = parsed.map(|p| {
        p.errors
            .into_iter()
            .flat_map(|e| e.messages)
            .collect::<Vec<_>>()
    });
    let Ok([message]) = messages.as_deref() else {
        panic!("{messages:?}");
    };
    assert!(
        message.starts_with("ชื่อ: ") && message.contains("(#N/A)"),
        "{message}"
    );
}

#[test]
fn a_tis620_csv_is_refused_with_instructions_to_save_as_utf8() {
    // "ชื่อ,นามสกุล" in TIS-620: each Thai code point U+0E01.. becomes one byte 0xA1..
    let tis620: Vec<u8> = "ชื่อ,นามสกุล\nสมชาย,ใจดี\n"
        .chars()
        .map(|c| match c as u32 {
            cp @ 0x0E01..=0x0E5B => (cp - 0x0E01 + 0xA1) as u8,
            cp => cp as u8,
        })
        .collect();
    let error = import_people(&tis620).err();
    assert_eq!(
        error,
        Some(ImportError::NotUtf8 {
            encoding: "TIS-620 / Windows-874"
        })
    );
    assert!(error.is_some_and(|e| e.to_string().contains("CSV UTF-8")));
}

#[test]
fn a_utf16_text_file_is_refused_as_not_utf8() {
    let bytes = [0xFF, 0xFE, b'a', 0, b',', 0, b'b', 0];
    assert!(matches!(
        import_people(&bytes),
        Err(ImportError::NotUtf8 { .. })
    ));
}
