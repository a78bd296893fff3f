use super::*;
use crate::catalog::Catalog;

fn teacher_form() -> &'static Form {
    Catalog::embedded()
        .get("teacher-obec-w9-2564-v1")
        .expect("teacher form")
}

fn evaluee() -> Evaluee {
    Evaluee {
        person_id: "teacher".into(),
        unit_id: "school-a".into(),
        approver_id: Some("director-a".into()),
    }
}

fn nominee(id: &str, unit: &str, position: Position, standing: Standing) -> Nominee {
    Nominee {
        person_id: id.into(),
        unit_id: unit.into(),
        position: Some(position),
        standing: Some(standing),
        external: false,
    }
}

fn outsider(id: &str) -> Nominee {
    Nominee {
        person_id: id.into(),
        unit_id: "school-a".into(),
        position: None,
        standing: None,
        external: true,
    }
}

fn seat(seat: Seat, basis: Basis, nominee: Nominee) -> Proposed {
    Proposed {
        seat,
        basis,
        nominee,
    }
}

fn good() -> Vec<Proposed> {
    vec![
        seat(
            Seat::Chair,
            Basis::Approver,
            nominee(
                "director-a",
                "school-a",
                Position::SchoolDirector,
                Standing::Professional,
            ),
        ),
        seat(
            Seat::Member,
            Basis::Supervisor,
            nominee(
                "supervisor",
                "esa",
                Position::Supervisor,
                Standing::SeniorProfessional,
            ),
        ),
        seat(Seat::Member, Basis::Academic, outsider("professor")),
    ]
}

#[test]
fn the_director_a_supervisor_and_an_academic_make_a_valid_committee() {
    assert_eq!(
        check_committee(teacher_form(), &evaluee(), &good()),
        Vec::<String>::new()
    );
}

#[test]
fn nobody_evaluates_themselves() {
    let mut seats = good();
    seats[2] = seat(
        Seat::Member,
        Basis::TeacherOtherSchool,
        nominee(
            "teacher",
            "school-b",
            Position::Teacher,
            Standing::SeniorProfessional,
        ),
    );
    let errors = check_committee(teacher_form(), &evaluee(), &seats);
    assert_eq!(errors, ["ผู้จัดทำข้อตกลงเป็นกรรมการประเมินตนเองไม่ได้"]);
}

#[test]
fn one_person_holds_one_seat() {
    let mut seats = good();
    seats[2] = seats[1].clone();
    let errors = check_committee(teacher_form(), &evaluee(), &seats);
    assert_eq!(errors, ["บุคคลหนึ่งดำรงตำแหน่งในคณะกรรมการได้เพียงตำแหน่งเดียว"]);
}

#[test]
fn a_teacher_of_the_same_school_or_below_senior_professional_is_not_eligible() {
    for (unit, standing) in [
        ("school-a", Standing::SeniorProfessional),
        ("school-b", Standing::Professional),
    ] {
        let mut seats = good();
        seats[2] = seat(
            Seat::Member,
            Basis::TeacherOtherSchool,
            nominee("colleague", unit, Position::Teacher, standing),
        );
        let errors = check_committee(teacher_form(), &evaluee(), &seats);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("กรรมการคนที่ 2:"), "{errors:?}");
    }
    let mut seats = good();
    seats[2] = seat(
        Seat::Member,
        Basis::TeacherOtherSchool,
        nominee("colleague", "school-b", Position::Teacher, Standing::Expert),
    );
    assert!(check_committee(teacher_form(), &evaluee(), &seats).is_empty());
}

#[test]
fn a_supervisor_below_senior_professional_is_not_eligible() {
    let mut seats = good();
    seats[1].nominee.standing = Some(Standing::Professional);
    let errors = check_committee(teacher_form(), &evaluee(), &seats);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("ศึกษานิเทศก์"), "{errors:?}");
}

#[test]
fn the_chair_by_default_is_the_recorded_approver_or_a_director_substituting() {
    let mut seats = good();
    seats[0].nominee.person_id = "director-b".into();
    let errors = check_committee(teacher_form(), &evaluee(), &seats);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with("ประธานกรรมการ:"), "{errors:?}");
    seats[0].basis = Basis::SubstituteChair;
    assert!(check_committee(teacher_form(), &evaluee(), &seats).is_empty());
    seats[0].nominee.position = Some(Position::Teacher);
    assert_eq!(check_committee(teacher_form(), &evaluee(), &seats).len(), 1);
}

#[test]
fn a_member_basis_is_refused_for_the_chair_and_the_wrong_size_is_reported() {
    let mut seats = good();
    seats[0].basis = Basis::Qualified;
    seats.pop();
    let errors = check_committee(teacher_form(), &evaluee(), &seats);
    assert!(
        errors.iter().any(|e| e.contains("ต้องมี 3 คน แต่เสนอมา 2 คน")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("ประธานกรรมการ: แบบฟอร์ม")),
        "{errors:?}"
    );
}

#[test]
fn staff_of_the_makers_own_school_are_not_outside_experts() {
    let mut seats = good();
    seats[2] = seat(
        Seat::Member,
        Basis::Qualified,
        nominee("colleague", "school-a", Position::Teacher, Standing::Expert),
    );
    assert_eq!(check_committee(teacher_form(), &evaluee(), &seats).len(), 1);
    seats[2].nominee.unit_id = "school-b".into();
    assert!(check_committee(teacher_form(), &evaluee(), &seats).is_empty());
}

#[test]
fn forms_without_a_confirmed_rule_accept_qualified_members_only() {
    let form = Catalog::embedded()
        .forms()
        .iter()
        .find(|f| f.committee.uncertain && f.position == Position::SchoolDirector)
        .expect("a director form");
    assert_eq!(form.committee.member_rules, [Basis::Qualified]);
}

#[test]
fn others_scores_stay_hidden_until_every_sheet_is_signed() {
    assert!(!may_see_others(Reader::Member, true, false, false));
    assert!(!may_see_others(Reader::Officer, true, false, false));
    assert!(may_see_others(Reader::Member, true, true, false));
    assert!(may_see_others(Reader::Member, false, false, false));
    assert!(!may_see_others(Reader::Maker, false, true, false));
    assert!(may_see_others(Reader::Maker, true, true, true));
}

fn year(fy: i64, standing: Standing, passed: Option<bool>) -> YearResult {
    YearResult {
        fiscal_year: fy,
        standing: Some(standing),
        passed,
    }
}

#[test]
fn the_hint_counts_consecutive_passed_years_at_the_current_standing() {
    let s = Settings::default();
    let p = Standing::Professional;
    let years = [
        year(2566, Standing::None, Some(true)),
        year(2567, p, Some(true)),
        year(2568, p, Some(true)),
        year(2569, p, Some(true)),
    ];
    let hint = rank_hint(&years, Some(p), &s);
    assert!(hint.contains("ติดต่อกัน 3 ปี"), "{hint}");
    assert!(hint.contains("ครบ 3 ปี"), "{hint}");
    assert!(hint.contains("ไม่ใช่ผลการพิจารณา"), "{hint}");
    let gap = [year(2567, p, Some(true)), year(2569, p, Some(true))];
    assert!(rank_hint(&gap, Some(p), &s).contains("ติดต่อกัน 1 ปี"));
    let failed = [year(2568, p, Some(true)), year(2569, p, Some(false))];
    assert!(rank_hint(&failed, Some(p), &s).contains("ติดต่อกัน 0 ปี"));
    let four = Settings {
        rank_years: 4,
        ..Settings::default()
    };
    assert!(rank_hint(&years, Some(p), &four).contains("ยังขาดอีก 1 ปี"));
}

#[test]
fn basis_codes_round_trip() {
    for b in Basis::ALL {
        assert_eq!(Basis::from_code(b.code()), Some(b));
    }
}
