//! Contract cases for evidence, uploads and the self-report (crate::evidence), both engines.

use domain::catalog::Catalog;
use domain::report::SelfReport;
use domain::workflow::AgreementState;

use super::workflow_cases::{approve, example, submitted, world};
use crate::evidence::{Details, FileFacts, NewEvidence};
use crate::{AgreementId, PersonId, Store, StoreError};

fn details(indicators: &[&str]) -> Details {
    Details {
        title: "แผนการจัดการเรียนรู้ หน่วยที่ 1".into(),
        description: "แผนที่ใช้สอนจริงภาคเรียนที่ 2".into(),
        date: "2025-11-20".parse().ok(),
        indicators: indicators.iter().map(|c| (*c).to_owned()).collect(),
        challenges: Vec::new(),
    }
}

fn pdf() -> FileFacts {
    FileFacts {
        blob_key: "evidence/a/plan.pdf".into(),
        file_name: "แผน.pdf".into(),
        media_type: "application/pdf".into(),
        size: 12_345,
        sha256: "ab".repeat(32),
        pages: Some(4),
        ..FileFacts::default()
    }
}

async fn approved(s: &Store) -> (PersonId, AgreementId) {
    let w = world(s).await;
    let a = submitted(s, &w.teacher, 2568).await;
    approve(s, &w.director, &a).await;
    (w.teacher, a)
}

fn invalid<T: std::fmt::Debug>(r: Result<T, StoreError>) -> String {
    match r {
        Err(StoreError::Invalid(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

pub(super) async fn evidence_is_added_listed_and_deleted_with_an_audit_trail(s: Store) {
    let (teacher, a) = approved(&s).await;
    let file = s
        .add_evidence(
            &teacher,
            &a,
            &NewEvidence::file(details(&["1.2", "1.1", "1.1"]), pdf(), None),
        )
        .await
        .expect("file");
    s.add_evidence(
        &teacher,
        &a,
        &NewEvidence::link(details(&["1.3"]), "https://youtu.be/abc"),
    )
    .await
    .expect("link");
    let listed = s.evidence_of(&a).await.expect("list");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].id, file);
    assert_eq!(listed[0].details.indicators, ["1.1", "1.2"]);
    assert_eq!(listed[0].file.as_ref().and_then(|f| f.pages), Some(4));
    assert_eq!(listed[1].url, "https://youtu.be/abc");
    let keys = s.delete_evidence(&teacher, &file).await.expect("delete");
    assert_eq!(keys, ["evidence/a/plan.pdf"]);
    assert_eq!(s.evidence_of(&a).await.expect("list").len(), 1);
    assert!(matches!(
        s.delete_evidence(&teacher, &file).await,
        Err(StoreError::NotFound(_))
    ));
    let actions: Vec<String> = s
        .audit_of("agreement", &a.0)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions.iter().filter(|a| *a == "evidence.add").count(), 2);
    assert!(
        actions.contains(&"evidence.delete".to_owned()),
        "{actions:?}"
    );
}

pub(super) async fn evidence_needs_the_makers_approved_agreement_and_real_targets(s: Store) {
    let w = world(&s).await;
    let draft = s
        .create_agreement(&w.teacher, &example(2568))
        .await
        .expect("draft");
    let m = invalid(
        s.add_evidence(&w.teacher, &draft, &NewEvidence::note(details(&["1.1"])))
            .await,
    );
    assert!(m.contains("ได้รับความเห็นชอบแล้ว"), "{m}");
    let a = submitted(&s, &w.director, 2568).await;
    approve(&s, &w.area_director, &a).await;
    let r = s
        .add_evidence(&w.teacher, &a, &NewEvidence::note(details(&["1.1"])))
        .await;
    assert!(
        matches!(r, Err(StoreError::NotFound(_))),
        "someone else's: {r:?}"
    );
    let (teacher, mine) = approved_again(&s, &w.teacher).await;
    let mut bad = details(&["9.9"]);
    bad.title = "  ".into();
    bad.challenges = vec![7];
    let m = invalid(
        s.add_evidence(&teacher, &mine, &NewEvidence::note(bad.clone()))
            .await,
    );
    assert!(
        m.contains("ชื่อหลักฐาน") && m.contains("9.9") && m.contains("ประเด็นท้าทายที่ 8"),
        "{m}"
    );
    let m = invalid(
        s.add_evidence(&teacher, &mine, &NewEvidence::note(details(&[])))
            .await,
    );
    assert!(m.contains("อย่างน้อย 1 รายการ"), "{m}");
    let m = invalid(
        s.create_upload(&teacher, &mine, "x.pdf", 10, &details(&[]))
            .await,
    );
    assert!(m.contains("อย่างน้อย 1 รายการ"), "{m}");
    assert!(s.evidence_of(&mine).await.expect("list").is_empty());
}

/// The teacher's agreement of the year after, approved.
async fn approved_again(s: &Store, teacher: &PersonId) -> (PersonId, AgreementId) {
    let a = submitted(s, teacher, 2569).await;
    let approver = s
        .agreement_approver(&a)
        .await
        .expect("approver")
        .expect("one");
    approve(s, &approver, &a).await;
    (teacher.clone(), a)
}

pub(super) async fn a_submitted_self_report_freezes_itself_and_the_evidence(s: Store) {
    let (teacher, a) = approved(&s).await;
    let content = s.agreement(&a).await.expect("agreement").content;
    let mut report = SelfReport::blank(&content);
    let v = s
        .save_self_report(&teacher, &a, 0, &report)
        .await
        .expect("save");
    assert_eq!(v, 1);
    let m = invalid(s.submit_self_report(&teacher, &a, 1).await);
    assert!(m.contains("ส่งรายงานไม่ได้") && m.contains("ตัวชี้วัด 1.1"), "{m}");
    for row in &mut report.part1 {
        row.done = "สอนตามแผน".into();
        row.achieved = "นักเรียนผ่านเกณฑ์ร้อยละ 85".into();
    }
    for c in &mut report.challenges {
        c.qualitative = "นักเรียนอ่านคล่องขึ้น".into();
        for t in &mut c.targets {
            t.achieved = Some(85.0);
        }
    }
    let stale = s.save_self_report(&teacher, &a, 0, &report).await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { current: 1 })),
        "{stale:?}"
    );
    s.save_self_report(&teacher, &a, 1, &report)
        .await
        .expect("save");
    let codes: Vec<&str> = Catalog::embedded()
        .get(&content.form)
        .expect("form")
        .indicator_codes();
    let proof = s
        .add_evidence(
            &teacher,
            &a,
            &NewEvidence::file(details(&codes), pdf(), None),
        )
        .await
        .expect("evidence");
    s.submit_self_report(&teacher, &a, 2).await.expect("submit");
    assert_eq!(
        s.agreement(&a).await.expect("a").state,
        AgreementState::SelfReportSubmitted
    );
    let stored = s.self_report(&a).await.expect("read").expect("report");
    assert!(stored.submitted);
    let m = invalid(s.delete_evidence(&teacher, &proof).await);
    assert!(m.contains("ส่งรายงานผลการพัฒนางานแล้ว"), "{m}");
    let m = invalid(
        s.add_evidence(&teacher, &a, &NewEvidence::note(details(&["1.1"])))
            .await,
    );
    assert!(m.contains("สถานะ") || m.contains("ส่งรายงาน"), "{m}");
    assert!(s.save_self_report(&teacher, &a, 3, &report).await.is_err());
}

pub(super) async fn an_upload_keeps_its_details_until_it_becomes_evidence(s: Store) {
    let (teacher, a) = approved(&s).await;
    let id = s
        .create_upload(
            &teacher,
            &a,
            "คลิปการสอน.mp4",
            200 * 1024 * 1024,
            &details(&["1.3"]),
        )
        .await
        .expect("upload");
    let u = s.upload(&id).await.expect("read");
    assert_eq!(
        (u.size, u.person_id.clone()),
        (200 * 1024 * 1024, teacher.clone())
    );
    s.add_evidence(
        &teacher,
        &a,
        &NewEvidence::file(u.details.clone(), pdf(), Some(&id)),
    )
    .await
    .expect("evidence");
    assert!(matches!(s.upload(&id).await, Err(StoreError::NotFound(_))));
}

pub(super) async fn a_sweep_finds_the_uploads_opened_before_a_time(s: Store) {
    let (teacher, a) = approved(&s).await;
    let before = crate::now_ms();
    let id = s
        .create_upload(&teacher, &a, "คลิป.mp4", 1024, &details(&["1.3"]))
        .await
        .expect("upload");
    assert!(
        s.uploads_opened_before(before)
            .await
            .expect("list")
            .is_empty()
    );
    let later = crate::now_ms() + 1;
    assert_eq!(
        s.uploads_opened_before(later).await.expect("list"),
        vec![id.clone()]
    );
    s.drop_upload(&id).await.expect("drop");
    assert!(
        s.uploads_opened_before(later)
            .await
            .expect("list")
            .is_empty()
    );
}
