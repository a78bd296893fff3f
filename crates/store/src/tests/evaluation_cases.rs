//! Contract cases for the committee's evaluation (crate::workflow::evaluation), both engines.

use domain::catalog::Catalog;
use domain::evaluation::Basis;
use domain::scoring::{Level, Seat};
use domain::workflow::{Actor, AgreementState, SheetState};

use super::workflow_cases::{World, approve, intact, person, quiet, submitted, world};
use crate::workflow::evaluation::{
    Appointment, CommitteeId, CommitteeStatus, Expert, SeatChoice, SheetDraft,
};
use crate::{AgreementId, PersonId, Store, StoreError};

/// The world, an approved teacher's agreement, and three eligible people: the school's
/// director (chair), a supervisor of the area office, a teacher of the other school.
struct Setup {
    w: World,
    agreement: AgreementId,
    supervisor: PersonId,
    other_teacher: PersonId,
}

async fn setup(s: &Store) -> Setup {
    let w = world(s).await;
    let supervisor = person(s, "PLK2", 10, "มานพ", "ศึกษานิเทศก์").await;
    let other_teacher = person(s, "1065000002", 11, "สุดา", "ครู").await;
    let agreement = submitted(s, &w.teacher, 2568).await;
    approve(s, &w.director, &agreement).await;
    Setup {
        w,
        agreement,
        supervisor,
        other_teacher,
    }
}

fn seats(chair: &PersonId, one: (&PersonId, Basis), two: (&PersonId, Basis)) -> Appointment {
    Appointment {
        seats: vec![
            SeatChoice {
                seat: Seat::Chair,
                basis: Basis::Approver,
                person: chair.clone(),
            },
            SeatChoice {
                seat: Seat::Member,
                basis: one.1,
                person: one.0.clone(),
            },
            SeatChoice {
                seat: Seat::Member,
                basis: two.1,
                person: two.0.clone(),
            },
        ],
        period: 0,
        deadline: Some("2025-09-15".into()),
    }
}

fn standard(x: &Setup) -> Appointment {
    seats(
        &x.w.director,
        (&x.supervisor, Basis::Supervisor),
        (&x.other_teacher, Basis::TeacherOtherSchool),
    )
}

async fn appointed(s: &Store, x: &Setup) -> CommitteeId {
    s.appoint_committee(
        &x.w.area_director,
        Actor::UnitOfficer,
        &x.agreement,
        &standard(x),
        &quiet(),
    )
    .await
    .expect("appoint")
}

/// Every indicator and Part 2 item at `level`, workload met.
fn full(level: Level) -> SheetDraft {
    let form = Catalog::embedded()
        .get("teacher-obec-w9-2564-v1")
        .expect("form");
    SheetDraft {
        part1: form
            .indicator_codes()
            .into_iter()
            .map(|c| (c.to_owned(), level))
            .collect(),
        part2: form
            .scoring
            .part2_items
            .iter()
            .map(|i| (i.id.clone(), level))
            .collect(),
        workload_met: Some(true),
        comment: "ปฏิบัติได้ตามข้อตกลง".into(),
    }
}

async fn score(s: &Store, c: &CommitteeId, who: &PersonId, level: Level) {
    let version = sheet_version(s, c, who).await;
    s.save_sheet(who, c, version, &full(level))
        .await
        .expect("save");
    s.sign_sheet(who, c, version + 1).await.expect("sign");
}

async fn sheet_version(s: &Store, c: &CommitteeId, who: &PersonId) -> i64 {
    let committee = s.committee(c).await.expect("committee");
    committee.member_of(who).expect("seat").sheet.version
}

fn invalid(r: Result<impl std::fmt::Debug, StoreError>) -> String {
    match r {
        Err(StoreError::Invalid(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

pub(super) async fn an_appointed_committee_starts_the_evaluation_and_tells_each_member(s: Store) {
    let x = setup(&s).await;
    let c = appointed(&s, &x).await;
    let committee = s.committee(&c).await.expect("committee");
    assert_eq!(committee.round, 1);
    assert_eq!(committee.status, CommitteeStatus::Scoring);
    let order: Vec<_> = committee
        .members
        .iter()
        .map(|m| (m.person.id.clone(), m.seat, m.basis))
        .collect();
    assert_eq!(
        order,
        [
            (x.w.director.0.clone(), Seat::Chair, Basis::Approver),
            (x.supervisor.0.clone(), Seat::Member, Basis::Supervisor),
            (
                x.other_teacher.0.clone(),
                Seat::Member,
                Basis::TeacherOtherSchool
            ),
        ]
    );
    assert!(
        committee.members[0]
            .position_text
            .starts_with("ผู้อำนวยการสถานศึกษา")
    );
    let agreement = s.agreement(&x.agreement).await.expect("agreement");
    assert_eq!(agreement.state, AgreementState::UnderEvaluation);
    for who in [&x.w.director, &x.supervisor, &x.other_teacher] {
        let work = s.assignments(who).await.expect("worklist");
        assert_eq!(work.len(), 1);
        assert_eq!(work[0].committee_id, c);
        assert_eq!(work[0].deadline.as_deref(), Some("2025-09-15"));
        let notes = s.notifications(who, 10).await.expect("notifications");
        assert!(notes[0].message.contains("ได้รับแต่งตั้งเป็น"), "{:?}", notes[0]);
    }
    intact(&s).await;
}

pub(super) async fn an_ineligible_or_conflicting_committee_is_refused_and_changes_nothing(
    s: Store,
) {
    let x = setup(&s).await;
    let colleague = person(&s, "1065000001", 12, "ชูใจ", "ครู").await;
    let cases = [
        (
            seats(
                &x.w.director,
                (&x.w.teacher, Basis::TeacherOtherSchool),
                (&x.supervisor, Basis::Supervisor),
            ),
            "ประเมินตนเองไม่ได้",
        ),
        (
            seats(
                &x.w.director,
                (&x.supervisor, Basis::Supervisor),
                (&x.supervisor, Basis::Supervisor),
            ),
            "เพียงตำแหน่งเดียว",
        ),
        (
            seats(
                &x.w.director,
                (&x.supervisor, Basis::Supervisor),
                (&colleague, Basis::TeacherOtherSchool),
            ),
            "กรรมการคนที่ 2",
        ),
        (
            seats(
                &x.w.area_director,
                (&x.supervisor, Basis::Supervisor),
                (&x.other_teacher, Basis::TeacherOtherSchool),
            ),
            "ประธานกรรมการ",
        ),
    ];
    for (appointment, expected) in cases {
        let m = invalid(
            s.appoint_committee(
                &x.w.area_director,
                Actor::UnitOfficer,
                &x.agreement,
                &appointment,
                &quiet(),
            )
            .await,
        );
        assert!(m.contains(expected), "{m}");
    }
    assert!(
        s.committees_of(&x.agreement)
            .await
            .expect("rounds")
            .is_empty()
    );
    let agreement = s.agreement(&x.agreement).await.expect("agreement");
    assert_eq!(agreement.state, AgreementState::Approved);
    // A draft agreement has nothing to evaluate.
    let draft = s
        .create_agreement(&x.other_teacher, &super::workflow_cases::example(2568))
        .await
        .expect("draft");
    let m = invalid(
        s.appoint_committee(
            &x.w.area_director,
            Actor::UnitOfficer,
            &draft,
            &standard(&x),
            &quiet(),
        )
        .await,
    );
    assert!(m.contains("สถานะ"), "{m}");
}

pub(super) async fn only_a_seat_holder_changes_a_sheet_and_unknown_items_are_refused(s: Store) {
    let x = setup(&s).await;
    let c = appointed(&s, &x).await;
    for outsider in [&x.w.teacher, &x.w.area_director] {
        let r = s.save_sheet(outsider, &c, 1, &full(Level::Four)).await;
        assert!(matches!(r, Err(StoreError::NotFound(_))), "{r:?}");
    }
    let mut bad = full(Level::Three);
    bad.part1.insert("9.9".into(), Level::Two);
    bad.part2.insert("bonus".into(), Level::Four);
    let m = invalid(s.save_sheet(&x.supervisor, &c, 1, &bad).await);
    assert!(m.contains("\"9.9\"") && m.contains("\"bonus\""), "{m}");
    let committee = s.committee(&c).await.expect("committee");
    assert!(committee.members.iter().all(|m| m.sheet.part1.is_empty()));
    // A partial draft saves; a stale one is a conflict.
    let mut partial = SheetDraft::default();
    partial.part1.insert("1.1".into(), Level::Three);
    assert_eq!(
        s.save_sheet(&x.supervisor, &c, 1, &partial)
            .await
            .expect("save"),
        2
    );
    let r = s.save_sheet(&x.supervisor, &c, 1, &full(Level::One)).await;
    assert!(
        matches!(r, Err(StoreError::Conflict { current: 2 })),
        "{r:?}"
    );
    let sheet = s.committee(&c).await.expect("committee").members[1]
        .sheet
        .clone();
    assert_eq!(sheet.part1.len(), 1);
    assert_eq!(sheet.part1["1.1"], Level::Three);
}

pub(super) async fn signing_needs_every_level_and_a_second_signature_is_refused(s: Store) {
    let x = setup(&s).await;
    let c = appointed(&s, &x).await;
    let mut partial = full(Level::Three);
    partial.part1.remove("2.1");
    partial.workload_met = None;
    s.save_sheet(&x.supervisor, &c, 1, &partial)
        .await
        .expect("save");
    let m = invalid(s.sign_sheet(&x.supervisor, &c, 2).await);
    assert!(m.contains("ตัวชี้วัด 2.1") && m.contains("ภาระงาน"), "{m}");
    s.save_sheet(&x.supervisor, &c, 2, &full(Level::Three))
        .await
        .expect("save");
    s.sign_sheet(&x.supervisor, &c, 3).await.expect("sign");
    let m = invalid(s.sign_sheet(&x.supervisor, &c, 4).await);
    assert!(m.contains("ลงนามแล้ว"), "{m}");
    let m = invalid(s.save_sheet(&x.supervisor, &c, 4, &full(Level::One)).await);
    assert!(m.contains("ลงนามแล้ว"), "{m}");
    let sheet = s.committee(&c).await.expect("committee").members[1]
        .sheet
        .clone();
    assert_eq!(sheet.state, SheetState::Signed);
    assert!(sheet.part1.values().all(|l| *l == Level::Three));
}

pub(super) async fn the_chair_finalises_the_domain_outcome_once_all_have_signed(s: Store) {
    let x = setup(&s).await;
    let c = appointed(&s, &x).await;
    score(&s, &c, &x.w.director, Level::Three).await;
    score(&s, &c, &x.supervisor, Level::Four).await;
    let m = invalid(s.finalize_committee(&x.w.director, &c, &quiet()).await);
    assert!(m.contains("ยังไม่ได้ลงนาม") && m.contains("สุดา"), "{m}");
    score(&s, &c, &x.other_teacher, Level::Two).await;
    let m = invalid(s.finalize_committee(&x.supervisor, &c, &quiet()).await);
    assert!(m.contains("ประธาน"), "{m}");
    let r = s.finalize_committee(&x.w.teacher, &c, &quiet()).await;
    assert!(matches!(r, Err(StoreError::NotFound(_))), "{r:?}");
    let form = Catalog::embedded()
        .get("teacher-obec-w9-2564-v1")
        .expect("form");
    let expected = s.committee(&c).await.expect("c").evaluation(form).outcome();
    let outcome = s
        .finalize_committee(&x.w.director, &c, &quiet())
        .await
        .expect("finalize");
    assert_eq!(outcome, expected);
    // Level 2 everywhere: 30 + 20 = 50 < 70 for the third member; the others pass.
    assert!(!outcome.passed);
    assert_eq!(
        outcome.members.iter().map(|m| m.total).collect::<Vec<_>>(),
        [75.0, 100.0, 50.0]
    );
    let committee = s.committee(&c).await.expect("committee");
    assert_eq!(committee.status, CommitteeStatus::Finalized);
    assert_eq!(committee.outcome.as_ref(), Some(&outcome));
    let agreement = s.agreement(&x.agreement).await.expect("agreement");
    assert_eq!(agreement.state, AgreementState::Evaluated);
    let note = &s.notifications(&x.w.teacher, 1).await.expect("notes")[0];
    assert!(note.message.contains("ไม่ผ่านเกณฑ์"), "{note:?}");
    let m = invalid(s.finalize_committee(&x.w.director, &c, &quiet()).await);
    assert!(m.contains("ยืนยันไปแล้ว"), "{m}");
    intact(&s).await;
}

pub(super) async fn after_finalisation_only_a_reopening_with_a_reason_changes_anything(s: Store) {
    let x = setup(&s).await;
    let c = appointed(&s, &x).await;
    for who in [&x.w.director, &x.supervisor, &x.other_teacher] {
        score(&s, &c, who, Level::Three).await;
    }
    let outcome = s
        .finalize_committee(&x.w.director, &c, &quiet())
        .await
        .expect("finalize");
    assert!(outcome.passed);
    let version = sheet_version(&s, &c, &x.supervisor).await;
    let m = invalid(
        s.save_sheet(&x.supervisor, &c, version, &full(Level::One))
            .await,
    );
    assert!(m.contains("ยืนยันแล้ว"), "{m}");
    let m = invalid(s.reopen_committee(&x.w.area_director, &c, "  ", &[]).await);
    assert!(m.contains("เหตุผล"), "{m}");
    let before = s.committee(&c).await.expect("committee");
    assert_eq!(before.outcome.as_ref(), Some(&outcome));
    let member = before.members[1].id.clone();
    s.reopen_committee(
        &x.w.area_director,
        &c,
        "กรรมการบันทึกคะแนนตัวชี้วัดผิดข้อ",
        &[member],
    )
    .await
    .expect("reopen");
    let after = s.committee(&c).await.expect("committee");
    assert_eq!(after.status, CommitteeStatus::Scoring);
    assert_eq!(after.outcome, None);
    assert_eq!(after.members[1].sheet.state, SheetState::Draft);
    assert_eq!(after.members[2].sheet.state, SheetState::Signed);
    let version = after.members[1].sheet.version;
    s.save_sheet(&x.supervisor, &c, version, &full(Level::Four))
        .await
        .expect("save after reopening");
    let audit = s.audit_of("committee", &c.0).await.expect("audit");
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"committee.reopen"), "{actions:?}");
    assert!(actions.contains(&"committee.finalize"), "{actions:?}");
    assert_eq!(
        actions.iter().filter(|a| **a == "score_sheet.sign").count(),
        3
    );
}

pub(super) async fn a_failed_result_goes_to_a_new_round_linked_to_the_first(s: Store) {
    let x = setup(&s).await;
    let c = appointed(&s, &x).await;
    for (who, level) in [
        (&x.w.director, Level::Three),
        (&x.supervisor, Level::Three),
        (&x.other_teacher, Level::Two),
    ] {
        score(&s, &c, who, level).await;
    }
    assert!(
        !s.finalize_committee(&x.w.director, &c, &quiet())
            .await
            .expect("f")
            .passed
    );
    let next = s
        .start_next_round(
            &x.w.area_director,
            Actor::UnitOfficer,
            &c,
            &standard(&x),
            &quiet(),
        )
        .await
        .expect("next round");
    let second = s.committee(&next).await.expect("second");
    assert_eq!((second.round, second.follows.as_ref()), (2, Some(&c)));
    assert_eq!(
        s.agreement(&x.agreement).await.expect("a").state,
        AgreementState::UnderEvaluation
    );
    for who in [&x.w.director, &x.supervisor, &x.other_teacher] {
        score(&s, &next, who, Level::Three).await;
    }
    assert!(
        s.finalize_committee(&x.w.director, &next, &quiet())
            .await
            .expect("f")
            .passed
    );
    // A passed result is not evaluated again in the same period, and an old round cannot
    // start another.
    let m = invalid(
        s.start_next_round(
            &x.w.area_director,
            Actor::UnitOfficer,
            &next,
            &standard(&x),
            &quiet(),
        )
        .await,
    );
    assert!(m.contains("รอบการประเมินถัดไป"), "{m}");
    let m = invalid(
        s.start_next_round(
            &x.w.area_director,
            Actor::UnitOfficer,
            &c,
            &standard(&x),
            &quiet(),
        )
        .await,
    );
    assert!(m.contains("รอบล่าสุด"), "{m}");
    let history = s.evaluation_history(&x.w.teacher).await.expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].rounds, 2);
    assert!(history[0].outcome.as_ref().expect("outcome").passed);
}

pub(super) async fn an_outside_expert_is_registered_once_and_can_sit_as_a_member(s: Store) {
    let x = setup(&s).await;
    let expert = Expert {
        title: "ผศ.ดร.".into(),
        first_name: "กมล".into(),
        last_name: "รักเรียน".into(),
        position_text: "ผู้ช่วยศาสตราจารย์ มหาวิทยาลัยนเรศวร".into(),
        email: "Kamol@Example.ac.th".into(),
    };
    let (id, new) = s
        .register_expert(&x.w.area_director, &x.w.school, &expert)
        .await
        .expect("register");
    assert!(new);
    let (again, new) = s
        .register_expert(&x.w.area_director, &x.w.school, &expert)
        .await
        .expect("register again");
    assert_eq!((again.clone(), new), (id.clone(), false));
    let m = invalid(
        s.register_expert(
            &x.w.area_director,
            &x.w.school,
            &Expert {
                email: "not-an-address".into(),
                first_name: " ".into(),
                ..expert.clone()
            },
        )
        .await,
    );
    assert!(m.contains("อีเมล") && m.contains("ชื่อ"), "{m}");
    let c = s
        .appoint_committee(
            &x.w.area_director,
            Actor::UnitOfficer,
            &x.agreement,
            &seats(
                &x.w.director,
                (&x.supervisor, Basis::Supervisor),
                (&id, Basis::Academic),
            ),
            &quiet(),
        )
        .await
        .expect("appoint with an expert");
    let committee = s.committee(&c).await.expect("committee");
    assert_eq!(
        committee.members[2].position_text,
        "ผู้ช่วยศาสตราจารย์ มหาวิทยาลัยนเรศวร"
    );
}
