use crate::directory::{FieldError, PersonRecord, PersonRow};
use crate::people::{Position, Standing};

fn teacher_row() -> PersonRow {
    PersonRow {
        citizen_id: "1-1017-00203-45-0".into(),
        title: "นาง".into(),
        first_name: " สมศรี ".into(),
        last_name: "ใจดี".into(),
        position: "ครู".into(),
        standing: "ชำนาญการพิเศษ".into(),
        salary_scale: "คศ.3".into(),
        salary: "41,620".into(),
        unit_code: "1065010001".into(),
        email: "Somsri@School.ac.th".into(),
        phone: "081-234-5678".into(),
    }
}

fn parse(row: PersonRow) -> Result<PersonRecord, Vec<FieldError>> {
    PersonRecord::try_from(row)
}

fn error_fields(row: PersonRow) -> Vec<&'static str> {
    parse(row)
        .err()
        .unwrap_or_default()
        .iter()
        .map(|e| e.field)
        .collect()
}

fn first_message(row: PersonRow) -> String {
    parse(row)
        .err()
        .and_then(|errors| errors.into_iter().next())
        .map(|e| e.message)
        .unwrap_or_default()
}

#[test]
fn a_complete_teacher_row_becomes_a_record() {
    let record = parse(teacher_row());
    let Ok(record) = record else {
        panic!("{record:?}");
    };
    assert_eq!(
        record.citizen_id.map(String::from).as_deref(),
        Some("1101700203450")
    );
    assert_eq!(record.first_name, "สมศรี");
    assert_eq!(record.position, Position::Teacher);
    assert_eq!(record.standing, Standing::SeniorProfessional);
    assert_eq!(record.salary_scale.as_deref(), Some("คศ.3"));
    assert_eq!(record.salary, Some(41_620));
    assert_eq!(
        record.email.map(String::from).as_deref(),
        Some("somsri@school.ac.th")
    );
    assert_eq!(record.phone.as_deref(), Some("0812345678"));
}

#[test]
fn only_names_position_and_unit_are_required() {
    let row = PersonRow {
        first_name: "สมชาย".into(),
        last_name: "มั่นคง".into(),
        position: "ครู".into(),
        unit_code: "1065010001".into(),
        ..PersonRow::default()
    };
    let record = parse(row);
    assert!(record.is_ok_and(|r| r.standing == Standing::None
        && r.citizen_id.is_none()
        && r.email.is_none()
        && r.salary.is_none()));
}

#[test]
fn names_are_repaired_and_put_on_one_line() {
    let row = PersonRow {
        first_name: "ส าเริง".into(),
        last_name: "ค า\nแสน".into(),
        ..teacher_row()
    };
    let record = parse(row);
    assert!(record.is_ok_and(|r| r.first_name == "สำเริง" && r.last_name == "คำ แสน"));
}

#[test]
fn every_problem_of_a_person_row_is_reported_at_once() {
    let row = PersonRow {
        citizen_id: "1101700203451".into(),
        first_name: "".into(),
        last_name: " ".into(),
        position: "ภารโรง".into(),
        salary: "สี่หมื่น".into(),
        unit_code: "".into(),
        email: "somsri@".into(),
        phone: "12345".into(),
        ..teacher_row()
    };
    assert_eq!(
        error_fields(row),
        [
            "citizen_id",
            "first_name",
            "last_name",
            "position",
            "salary",
            "unit_code",
            "email",
            "phone"
        ]
    );
}

#[test]
fn an_empty_first_name_asks_for_it() {
    let row = PersonRow {
        first_name: "  ".into(),
        ..teacher_row()
    };
    assert_eq!(first_message(row), "กรุณากรอกชื่อ");
}

#[test]
fn an_assistant_teacher_position_sets_the_standing() {
    let row = PersonRow {
        position: "ครูผู้ช่วย".into(),
        standing: "".into(),
        salary_scale: "ครูผู้ช่วย".into(),
        ..teacher_row()
    };
    let record = parse(row);
    assert!(
        record.is_ok_and(|r| r.position == Position::Teacher && r.standing == Standing::Assistant)
    );
}

#[test]
fn an_assistant_teacher_on_a_standing_scale_is_refused() {
    let row = PersonRow {
        position: "ครูผู้ช่วย".into(),
        standing: "".into(),
        salary_scale: "คศ.1".into(),
        ..teacher_row()
    };
    assert_eq!(error_fields(row), ["salary_scale"]);
}

#[test]
fn a_director_cannot_be_an_assistant() {
    let row = PersonRow {
        position: "ผอ.".into(),
        standing: "ครูผู้ช่วย".into(),
        salary_scale: "".into(),
        ..teacher_row()
    };
    assert!(first_message(row).contains("ครูผู้ช่วยใช้ได้กับตำแหน่งครูเท่านั้น"));
}

#[test]
fn a_rank_in_the_position_column_fills_a_blank_standing() {
    let row = PersonRow {
        position: "ครูชำนาญการพิเศษ".into(),
        standing: "-".into(),
        ..teacher_row()
    };
    assert!(parse(row).is_ok_and(|r| r.standing == Standing::SeniorProfessional));
}

#[test]
fn a_rank_in_the_position_column_must_agree_with_the_standing_column() {
    let row = PersonRow {
        position: "ครูชำนาญการ".into(),
        standing: "เชี่ยวชาญ".into(),
        ..teacher_row()
    };
    let message = first_message(row);
    assert!(
        message.contains("ชำนาญการ") && message.contains("“เชี่ยวชาญ”"),
        "{message}"
    );
}

#[test]
fn a_teacher_standing_beside_a_director_position_is_refused() {
    let row = PersonRow {
        position: "ผู้อำนวยการสถานศึกษา".into(),
        standing: "ครูชำนาญการพิเศษ".into(),
        ..teacher_row()
    };
    let message = first_message(row);
    assert!(
        message.contains("ตำแหน่งครู") && message.contains("ผู้อำนวยการสถานศึกษา"),
        "{message}"
    );
}

#[test]
fn a_director_standing_with_the_director_prefix_is_accepted() {
    let row = PersonRow {
        position: "ผอ.".into(),
        standing: "ผู้อำนวยการชำนาญการพิเศษ".into(),
        ..teacher_row()
    };
    assert!(parse(row).is_ok_and(|r| r.position == Position::SchoolDirector));
}

#[test]
fn a_salary_scale_that_does_not_match_the_standing_names_both() {
    let row = PersonRow {
        standing: "ชำนาญการ".into(),
        salary_scale: "คศ.3".into(),
        ..teacher_row()
    };
    let message = first_message(row);
    assert!(
        message.contains("คศ.3") && message.contains("ชำนาญการ") && message.contains("คศ.2"),
        "{message}"
    );
}

#[test]
fn no_standing_goes_with_the_first_salary_scale_only() {
    let ok = PersonRow {
        standing: "ไม่มีวิทยฐานะ".into(),
        salary_scale: "คศ.1".into(),
        ..teacher_row()
    };
    assert!(parse(ok).is_ok());
    let wrong = PersonRow {
        standing: "".into(),
        salary_scale: "คศ.3".into(),
        ..teacher_row()
    };
    assert!(first_message(wrong).contains("ไม่มีวิทยฐานะ"));
}

#[test]
fn a_salary_scale_alone_in_the_standing_column_is_not_a_standing() {
    let row = PersonRow {
        standing: "คศ.3".into(),
        ..teacher_row()
    };
    assert_eq!(error_fields(row), ["standing"]);
}

#[test]
fn salaries_are_read_in_whole_baht() {
    for (text, baht) in [
        ("41620", 41_620),
        ("41,620.00", 41_620),
        ("๔๑,๖๒๐ บาท", 41_620),
    ] {
        let row = PersonRow {
            salary: text.into(),
            ..teacher_row()
        };
        assert!(parse(row).is_ok_and(|r| r.salary == Some(baht)), "{text}");
    }
}

#[test]
fn satang_zero_and_implausible_salaries_are_refused() {
    for text in ["41620.50", "0", "4162000", "-41620"] {
        let row = PersonRow {
            salary: text.into(),
            ..teacher_row()
        };
        assert_eq!(error_fields(row), ["salary"], "{text}");
    }
}

#[test]
fn a_blank_citizen_id_is_allowed_but_a_wrong_one_is_not() {
    let blank = PersonRow {
        citizen_id: "-".into(),
        ..teacher_row()
    };
    assert!(parse(blank).is_ok_and(|r| r.citizen_id.is_none()));
    let wrong = PersonRow {
        citizen_id: "1101700203451".into(),
        ..teacher_row()
    };
    assert!(first_message(wrong).contains("เลขตรวจสอบ"));
}

#[test]
fn an_overlong_name_is_refused() {
    let row = PersonRow {
        last_name: "ก".repeat(101),
        ..teacher_row()
    };
    assert_eq!(error_fields(row), ["last_name"]);
}
