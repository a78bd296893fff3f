use crate::directory::{
    PositionText, StandingError, StandingText, parse_affiliation, parse_position,
    parse_salary_scale, parse_standing,
};
use crate::people::{Affiliation, Position, Standing};

fn plain(position: Position) -> Option<PositionText> {
    Some(PositionText {
        position,
        implied_standing: None,
    })
}

#[test]
fn every_position_is_read_from_its_code_and_its_thai_name() {
    for position in Position::ALL {
        let code = serde_json::to_value(position)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        assert_eq!(parse_position(&code), plain(position), "{code}");
        assert_eq!(parse_position(position.thai()), plain(position));
    }
}

#[test]
fn common_short_forms_of_positions_are_read() {
    let cases = [
        ("ผอ.", Position::SchoolDirector),
        ("รอง ผอ.", Position::DeputySchoolDirector),
        ("รองผอ.", Position::DeputySchoolDirector),
        ("ผอ.สพท.", Position::EsaDirector),
        ("ผอ. สพป.", Position::EsaDirector),
        ("รอง ผอ.สพท.", Position::DeputyEsaDirector),
        ("ศน.", Position::Supervisor),
        ("ผู้อำนวยการโรงเรียน", Position::SchoolDirector),
    ];
    for (text, position) in cases {
        assert_eq!(parse_position(text), plain(position), "{text}");
    }
}

#[test]
fn an_assistant_teacher_is_a_teacher_with_assistant_standing() {
    assert_eq!(
        parse_position("ครูผู้ช่วย"),
        Some(PositionText {
            position: Position::Teacher,
            implied_standing: Some(Standing::Assistant),
        })
    );
}

#[test]
fn a_position_written_with_its_rank_carries_the_standing() {
    assert_eq!(
        parse_position("ครูชำนาญการพิเศษ"),
        Some(PositionText {
            position: Position::Teacher,
            implied_standing: Some(Standing::SeniorProfessional),
        })
    );
    assert_eq!(
        parse_position("รอง ผอ.สพท. เชี่ยวชาญ"),
        Some(PositionText {
            position: Position::DeputyEsaDirector,
            implied_standing: Some(Standing::Expert),
        })
    );
}

#[test]
fn unknown_positions_are_not_guessed() {
    for text in ["ภารโรง", "ครูอัตราจ้าง", "", "director"] {
        assert_eq!(parse_position(text), None, "{text}");
    }
}

#[test]
fn blank_standing_cells_mean_nothing_was_written() {
    for text in ["", "  ", "-", "–", "ไม่มี"] {
        assert_eq!(parse_standing(text), Ok(None), "{text:?}");
    }
}

#[test]
fn no_standing_written_out_is_an_explicit_none() {
    let parsed = parse_standing("ไม่มีวิทยฐานะ").map(|s| s.map(|s| s.standing));
    assert_eq!(parsed, Ok(Some(Standing::None)));
}

#[test]
fn standings_are_read_with_or_without_the_position_prefix() {
    let cases = [
        ("ชำนาญการ", Standing::Professional, None),
        ("ชำนาญการพิเศษ", Standing::SeniorProfessional, None),
        ("เชี่ยวชาญ", Standing::Expert, None),
        ("เชี่ยวชาญพิเศษ", Standing::SeniorExpert, None),
        ("senior_professional", Standing::SeniorProfessional, None),
        ("Senior Professional", Standing::SeniorProfessional, None),
        ("ครูชำนาญการพิเศษ", Standing::SeniorProfessional, Some("ครู")),
        ("ผอ.เชี่ยวชาญ", Standing::Expert, Some("ผู้อำนวยการ")),
        (
            "รองผู้อำนวยการชำนาญการ",
            Standing::Professional,
            Some("รองผู้อำนวยการ"),
        ),
        ("วิทยฐานะ ชำนาญการ", Standing::Professional, None),
    ];
    for (text, standing, prefix) in cases {
        assert_eq!(
            parse_standing(text),
            Ok(Some(StandingText { standing, prefix })),
            "{text}"
        );
    }
}

#[test]
fn a_salary_scale_in_the_standing_column_is_refused_with_a_hint() {
    for text in ["คศ.3", "ค.ศ. ๓", "อันดับ คศ.2"] {
        let parsed = parse_standing(text);
        assert!(
            matches!(parsed, Err(StandingError::SalaryScale(_))),
            "{text}"
        );
        assert!(parsed.is_err_and(|e| e.to_string().contains("ช่องอันดับ")));
    }
}

#[test]
fn an_unknown_standing_is_refused_listing_the_valid_ones() {
    let parsed = parse_standing("ชำนาญงาน");
    assert_eq!(parsed, Err(StandingError::Unknown("ชำนาญงาน".into())));
    assert!(parsed.is_err_and(|e| e.to_string().contains("ชำนาญการพิเศษ")));
}

#[test]
fn salary_scales_are_written_canonically() {
    let cases = [
        ("คศ.3", "คศ.3"),
        ("ค.ศ. ๓", "คศ.3"),
        ("คศ 1", "คศ.1"),
        ("อันดับ คศ.5", "คศ.5"),
        ("2", "คศ.2"),
        ("ครูผู้ช่วย", "ครูผู้ช่วย"),
    ];
    for (text, canonical) in cases {
        assert_eq!(
            parse_salary_scale(text),
            Ok(Some(canonical.to_owned())),
            "{text}"
        );
    }
    assert_eq!(parse_salary_scale("-"), Ok(None));
}

#[test]
fn salary_scales_outside_one_to_five_are_refused() {
    for text in ["คศ.6", "คศ.0", "ชำนาญการ", "k3"] {
        assert!(parse_salary_scale(text).is_err(), "{text}");
    }
}

#[test]
fn affiliations_are_read_from_codes_names_and_abbreviations() {
    let cases = [
        ("สพฐ.", Affiliation::Obec),
        ("obec", Affiliation::Obec),
        ("สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", Affiliation::Obec),
        ("อปท.", Affiliation::LocalGovernment),
        ("อบต.", Affiliation::LocalGovernment),
        ("องค์กรปกครองส่วนท้องถิ่น", Affiliation::LocalGovernment),
        ("ทุกสังกัด", Affiliation::All),
    ];
    for (text, affiliation) in cases {
        assert_eq!(parse_affiliation(text), Some(affiliation), "{text}");
    }
    assert_eq!(parse_affiliation("สอศ."), None);
}
