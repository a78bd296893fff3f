use crate::directory::{FieldError, UnitKind, UnitRecord, UnitRow};
use crate::people::Affiliation;

fn school_row() -> UnitRow {
    UnitRow {
        code: " 1065010001 ".into(),
        name: "โรงเรียนบ้าน  หนองบัว".into(),
        kind: "สถานศึกษา".into(),
        parent_code: "6502".into(),
        affiliation: "สพฐ.".into(),
    }
}

fn fields(result: Result<UnitRecord, Vec<FieldError>>) -> Vec<&'static str> {
    result
        .err()
        .unwrap_or_default()
        .iter()
        .map(|e| e.field)
        .collect()
}

#[test]
fn a_complete_school_row_becomes_a_record() {
    let record = UnitRecord::try_from(school_row());
    assert_eq!(
        record,
        Ok(UnitRecord {
            code: "1065010001".into(),
            name: "โรงเรียนบ้าน หนองบัว".into(),
            kind: UnitKind::School,
            parent_code: Some("6502".into()),
            affiliation: Affiliation::Obec,
        })
    );
}

#[test]
fn a_headquarters_needs_no_parent() {
    let row = UnitRow {
        code: "OBEC".into(),
        name: "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน".into(),
        kind: "headquarters".into(),
        parent_code: "".into(),
        affiliation: "obec".into(),
    };
    assert!(UnitRecord::try_from(row).is_ok_and(|u| u.parent_code.is_none()));
}

#[test]
fn unit_kinds_are_read_from_codes_thai_names_and_abbreviations() {
    let cases = [
        ("area_office", UnitKind::AreaOffice),
        ("สำนักงานเขตพื้นที่การศึกษา", UnitKind::AreaOffice),
        ("สพป.", UnitKind::AreaOffice),
        ("อปท.", UnitKind::AreaOffice),
        ("ส่วนกลาง", UnitKind::Headquarters),
        ("สังกัด", UnitKind::Headquarters),
        ("โรงเรียน", UnitKind::School),
    ];
    for (text, kind) in cases {
        assert_eq!(UnitKind::parse(text), Some(kind), "{text}");
    }
    for kind in UnitKind::ALL {
        assert_eq!(UnitKind::parse(kind.thai()), Some(kind));
    }
}

#[test]
fn unit_kinds_serialize_in_snake_case() {
    assert_eq!(
        serde_json::to_string(&UnitKind::AreaOffice).ok().as_deref(),
        Some("\"area_office\"")
    );
}

#[test]
fn every_problem_of_a_unit_row_is_reported_at_once() {
    let row = UnitRow {
        code: "".into(),
        name: "  ".into(),
        kind: "กระทรวง".into(),
        parent_code: "".into(),
        affiliation: "สอศ.".into(),
    };
    assert_eq!(
        fields(UnitRecord::try_from(row)),
        ["code", "name", "kind", "affiliation"]
    );
}

#[test]
fn a_code_with_spaces_or_thai_letters_is_refused() {
    for code in ["10650 10001", "รร001", "A".repeat(21).as_str()] {
        let row = UnitRow {
            code: code.into(),
            ..school_row()
        };
        assert_eq!(fields(UnitRecord::try_from(row)), ["code"], "{code}");
    }
}

#[test]
fn thai_digits_in_a_code_become_arabic() {
    let row = UnitRow {
        code: "๑๐๖๕๐๑๐๐๐๑".into(),
        ..school_row()
    };
    assert!(UnitRecord::try_from(row).is_ok_and(|u| u.code == "1065010001"));
}

#[test]
fn a_unit_cannot_be_its_own_parent() {
    let row = UnitRow {
        parent_code: "1065010001".into(),
        ..school_row()
    };
    let errors = UnitRecord::try_from(row).err().unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].field == "parent_code" && errors[0].message.contains("ต้นสังกัด"));
}

#[test]
fn an_unknown_kind_names_the_value_and_the_choices() {
    let row = UnitRow {
        kind: "กระทรวง".into(),
        ..school_row()
    };
    let errors = UnitRecord::try_from(row).err().unwrap_or_default();
    assert!(errors[0].message.contains("“กระทรวง”") && errors[0].message.contains("สถานศึกษา"));
}
