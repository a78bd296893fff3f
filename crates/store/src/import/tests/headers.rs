use crate::import::{ImportError, import_people, import_units};

fn people_header_error(csv: &str) -> Option<ImportError> {
    import_people(csv.as_bytes()).err()
}

#[test]
fn headers_are_matched_whatever_their_case_spacing_and_notes() {
    let csv = "First Name,LAST-NAME,ตำแหน่ง*,รหัส หน่วยงาน,เลขประจำตัวประชาชน (13 หลัก),E-mail,อีเมล์\n";
    // Two e-mail columns under different names are one field twice.
    assert!(matches!(
        people_header_error(csv),
        Some(ImportError::DuplicateHeader { .. })
    ));
    let csv = "First Name,LAST-NAME,ตำแหน่ง*,รหัส หน่วยงาน,เลขประจำตัวประชาชน (13 หลัก),E-mail\n";
    assert_eq!(people_header_error(csv), None);
}

#[test]
fn an_unknown_header_is_named_with_the_accepted_ones() {
    let error = people_header_error("ชื่อ-นามสกุล,ตำแหน่ง,รหัสหน่วยงาน,ที่อยู่\n");
    let Some(ImportError::UnknownHeaders { names, accepted }) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(names, &["ชื่อ-นามสกุล", "ที่อยู่"]);
    assert!(accepted.contains(&"นามสกุล") && accepted.contains(&"first_name"));
    assert!(error.is_some_and(|e| e.to_string().contains("“ที่อยู่”")));
}

#[test]
fn missing_required_headers_are_all_named() {
    let error = people_header_error("ชื่อ,อีเมล\nสมชาย,a@b.co\n");
    assert_eq!(
        error,
        Some(ImportError::MissingHeaders {
            names: vec!["นามสกุล", "ตำแหน่ง", "รหัสหน่วยงาน"]
        })
    );
}

#[test]
fn a_doubled_column_names_both_letters() {
    let error = people_header_error("ชื่อ,นามสกุล,ตำแหน่ง,รหัสหน่วยงาน,first_name\n");
    assert_eq!(
        error,
        Some(ImportError::DuplicateHeader {
            name: "ชื่อ".into(),
            first: "A".into(),
            second: "E".into(),
        })
    );
}

#[test]
fn data_under_a_blank_header_is_refused_naming_the_column() {
    let error = people_header_error("ชื่อ,นามสกุล,ตำแหน่ง,รหัสหน่วยงาน,\nก,ข,ครู,1,เกิน\n");
    assert_eq!(error, Some(ImportError::BlankHeader { column: "E".into() }));
}

#[test]
fn an_empty_column_between_headers_is_ignored() {
    let parsed = import_people("ชื่อ,,นามสกุล,ตำแหน่ง,รหัสหน่วยงาน\nก,,ข,ครู,1\n".as_bytes());
    assert_eq!(parsed.map(|p| p.ok.len()), Ok(1));
}

#[test]
fn a_people_file_is_not_taken_for_a_unit_file() {
    let error = import_units("ชื่อ,นามสกุล,ตำแหน่ง,รหัสหน่วยงาน\n".as_bytes()).err();
    assert!(matches!(error, Some(ImportError::UnknownHeaders { .. })));
}
