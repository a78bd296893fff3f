//! Contract cases for the workflow use cases (crate::workflow), run on both engines.

use std::collections::BTreeMap;

use domain::access::Role;
use domain::agreement::{Agreement, Decision};
use domain::directory::{PersonRecord, PersonRow, UnitKind};
use domain::people::Affiliation;
use domain::workflow::AgreementState;

use crate::audit::Verification;
use crate::jobs::Mail;
use crate::workflow::{Notify, ReviewKind};
use crate::{AgreementId, PersonId, Store, StoreError, UnitId};

/// An area office with two schools: a director approving each school, an area director
/// approving the area office, and a teacher in the first school.
pub(super) struct World {
    pub(super) esa: UnitId,
    pub(super) school: UnitId,
    pub(super) teacher: PersonId,
    pub(super) director: PersonId,
    pub(super) area_director: PersonId,
}

fn record(unit: &str, n: u64, email: &str, first: &str, position: &str) -> PersonRecord {
    PersonRecord::try_from(PersonRow {
        citizen_id: super::cases::citizen(n),
        title: "นาง".into(),
        first_name: first.into(),
        last_name: "ใจดี".into(),
        position: position.into(),
        standing: "ชำนาญการพิเศษ".into(),
        salary_scale: "คศ.3".into(),
        salary: "45000".into(),
        unit_code: unit.into(),
        email: email.into(),
        phone: "0812345678".into(),
    })
    .unwrap_or_else(|e| panic!("valid record: {e:?}"))
}

async fn unit(
    s: &Store,
    parent: Option<&UnitId>,
    kind: UnitKind,
    code: &str,
    name: &str,
) -> UnitId {
    s.create_unit(None, parent, kind, code, name, Affiliation::Obec)
        .await
        .expect("unit")
}

pub(super) async fn person(s: &Store, unit: &str, n: u64, first: &str, position: &str) -> PersonId {
    s.create_person(
        None,
        &record(unit, n, &format!("p{n}@example.org"), first, position),
    )
    .await
    .expect("person")
}

pub(super) async fn world(s: &Store) -> World {
    let hq = unit(s, None, UnitKind::Headquarters, "OBEC", "สพฐ.").await;
    let esa = unit(
        s,
        Some(&hq),
        UnitKind::AreaOffice,
        "PLK2",
        "สพป.พิษณุโลก เขต 2",
    )
    .await;
    let school = unit(
        s,
        Some(&esa),
        UnitKind::School,
        "1065000001",
        "โรงเรียนบ้านหนองกุลา",
    )
    .await;
    unit(
        s,
        Some(&esa),
        UnitKind::School,
        "1065000002",
        "โรงเรียนบ้านนาดี",
    )
    .await;
    let teacher = person(s, "1065000001", 1, "สมศรี", "ครู").await;
    let director = person(s, "1065000001", 2, "ประเสริฐ", "ผู้อำนวยการสถานศึกษา").await;
    let area_director = person(s, "PLK2", 3, "วิไล", "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา").await;
    s.grant_role(None, &director, Role::Approver, Some(&school))
        .await
        .expect("grant");
    s.grant_role(None, &area_director, Role::Approver, Some(&esa))
        .await
        .expect("grant");
    World {
        esa,
        school,
        teacher,
        director,
        area_director,
    }
}

pub(super) fn example(fiscal_year: u16) -> Agreement {
    let mut a = Agreement::from_json(include_str!(
        "../../../../examples/teacher-obec-senior-professional.json"
    ))
    .expect("example");
    a.fiscal_year = fiscal_year;
    a
}

fn mail() -> Notify {
    Notify {
        mail: true,
        base_url: "https://pa.example.go.th/".into(),
    }
}

pub(super) fn quiet() -> Notify {
    Notify::default()
}

fn no_comments() -> BTreeMap<String, String> {
    BTreeMap::new()
}

/// A draft started and submitted by `maker`; returns its id.
pub(super) async fn submitted(s: &Store, maker: &PersonId, fiscal_year: u16) -> AgreementId {
    let a = s
        .create_agreement(maker, &example(fiscal_year))
        .await
        .expect("create");
    s.submit_agreement(maker, &a, 1, &quiet())
        .await
        .expect("submit");
    a
}

pub(super) async fn approve(s: &Store, approver: &PersonId, a: &AgreementId) {
    s.review_agreement(approver, a, Decision::Approve, "", &no_comments(), &quiet())
        .await
        .expect("approve");
}

async fn mails(s: &Store) -> Vec<Mail> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT payload FROM jobs WHERE kind = $1 ORDER BY created_at, id")
            .bind(crate::jobs::MAIL)
            .fetch_all(s.pool())
            .await
            .expect("jobs");
    rows.into_iter()
        .map(|(p,)| serde_json::from_str(&p).expect("mail payload"))
        .collect()
}

pub(super) async fn intact(s: &Store) -> i64 {
    match s.verify_audit().await.expect("verify") {
        Verification::Intact { events } => events,
        broken => panic!("audit chain broken: {broken:?}"),
    }
}

pub(super) async fn submitting_freezes_a_version_records_the_director_and_mails_them(s: Store) {
    let w = world(&s).await;
    let a = s
        .create_agreement(&w.teacher, &example(2568))
        .await
        .expect("create");

    let number = s
        .submit_agreement(&w.teacher, &a, 1, &mail())
        .await
        .expect("submit");

    assert_eq!(number, 1);
    let stored = s.agreement(&a).await.expect("read");
    assert_eq!(stored.state, AgreementState::Submitted);
    assert_eq!(stored.version, 2);
    let versions = s.agreement_versions(&a).await.expect("versions");
    assert_eq!(versions.len(), 1);
    assert_eq!(
        versions[0].1.approval, None,
        "the opinion box waits for the approver"
    );
    assert_eq!(
        versions[0].1.challenges,
        example(2568).challenges,
        "the frozen version is what the maker wrote"
    );
    assert_eq!(
        s.agreement_approver(&a).await.expect("approver"),
        Some(w.director.clone())
    );
    let notes = s
        .notifications(&w.director, 10)
        .await
        .expect("notifications");
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].message,
        "นางสมศรี ใจดี เสนอข้อตกลงในการพัฒนางาน ปีงบประมาณ 2568 รอการพิจารณา"
    );
    assert_eq!(notes[0].agreement_id.as_ref(), Some(&a));
    assert!(!notes[0].read);
    let mails = mails(&s).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].to, "p2@example.org");
    assert!(
        mails[0]
            .body
            .contains(&format!("https://pa.example.go.th/reviews/{a}")),
        "{}",
        mails[0].body
    );
    assert!(
        s.notifications(&w.teacher, 10)
            .await
            .expect("maker")
            .is_empty()
    );
    intact(&s).await;
}

pub(super) async fn without_mail_only_the_in_app_notification_is_written(s: Store) {
    let w = world(&s).await;

    submitted(&s, &w.teacher, 2568).await;

    assert_eq!(
        s.unread_notifications(&w.director).await.expect("unread"),
        1
    );
    assert!(mails(&s).await.is_empty());
    intact(&s).await;
}

pub(super) async fn a_director_is_approved_by_the_area_director_never_by_themselves(s: Store) {
    let w = world(&s).await;

    let a = submitted(&s, &w.director, 2568).await;
    let b = submitted(&s, &w.area_director, 2568).await;

    assert_eq!(
        s.agreement_approver(&a).await.expect("approver"),
        Some(w.area_director.clone())
    );
    assert_eq!(
        s.agreement_approver(&b).await.expect("approver"),
        None,
        "nobody above the area office holds a grant, and nobody approves themselves"
    );
    assert_eq!(
        s.agreement(&b).await.expect("read").state,
        AgreementState::Submitted
    );
    assert_eq!(
        s.approver_of(&w.teacher)
            .await
            .expect("approver")
            .map(|p| p.id()),
        Some(w.director.clone())
    );
    intact(&s).await;
}

pub(super) async fn an_inactive_director_is_passed_over(s: Store) {
    let w = world(&s).await;
    s.set_person_active(None, &w.director, 1, false)
        .await
        .expect("deactivate");

    let approver = s.approver_of(&w.teacher).await.expect("approver");

    assert_eq!(approver.map(|p| p.id()), Some(w.area_director.clone()));
    intact(&s).await;
}

pub(super) async fn a_stale_submit_is_a_conflict_and_changes_nothing(s: Store) {
    let w = world(&s).await;
    let a = s
        .create_agreement(&w.teacher, &example(2568))
        .await
        .expect("create");
    s.save_agreement(&w.teacher, &a, 1, &example(2568))
        .await
        .expect("save in another tab");
    let events = intact(&s).await;

    let err = s
        .submit_agreement(&w.teacher, &a, 1, &mail())
        .await
        .unwrap_err();

    assert!(
        matches!(err, StoreError::Conflict { current: 2 }),
        "{err:?}"
    );
    let stored = s.agreement(&a).await.expect("read");
    assert_eq!((stored.state, stored.version), (AgreementState::Draft, 2));
    assert!(s.agreement_versions(&a).await.expect("versions").is_empty());
    assert_eq!(
        s.unread_notifications(&w.director).await.expect("unread"),
        0
    );
    assert!(mails(&s).await.is_empty());
    assert_eq!(intact(&s).await, events);
}

pub(super) async fn someone_else_cannot_submit_the_makers_agreement(s: Store) {
    let w = world(&s).await;
    let a = s
        .create_agreement(&w.teacher, &example(2568))
        .await
        .expect("create");

    let err = s
        .submit_agreement(&w.director, &a, 1, &quiet())
        .await
        .unwrap_err();

    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    assert_eq!(
        s.agreement(&a).await.expect("read").state,
        AgreementState::Draft
    );
    intact(&s).await;
}

pub(super) async fn a_return_without_suggestions_is_refused_and_changes_nothing(s: Store) {
    let w = world(&s).await;
    let a = submitted(&s, &w.teacher, 2568).await;
    let before = s.agreement(&a).await.expect("read");
    let events = intact(&s).await;

    let err = s
        .review_agreement(
            &w.director,
            &a,
            Decision::Return,
            "  ",
            &no_comments(),
            &mail(),
        )
        .await
        .unwrap_err();

    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(s.agreement(&a).await.expect("read"), before);
    assert!(s.reviews(&a).await.expect("reviews").is_empty());
    assert_eq!(s.unread_notifications(&w.teacher).await.expect("unread"), 0);
    assert_eq!(intact(&s).await, events);
}

pub(super) async fn a_return_stores_field_comments_and_tells_the_maker(s: Store) {
    let w = world(&s).await;
    let a = submitted(&s, &w.teacher, 2568).await;
    let comments = BTreeMap::from([
        (
            "/challenges/0/title".to_owned(),
            "ระบุกลุ่มเป้าหมายให้ชัด".to_owned(),
        ),
        ("/part1/0/text".to_owned(), "  ".to_owned()),
    ]);

    let state = s
        .review_agreement(
            &w.director,
            &a,
            Decision::Return,
            "ปรับตัวชี้วัดเชิงคุณภาพ",
            &comments,
            &mail(),
        )
        .await
        .expect("return");

    assert_eq!(state, AgreementState::Returned);
    let reviews = s.reviews(&a).await.expect("reviews");
    assert_eq!(reviews.len(), 1);
    let r = &reviews[0];
    assert_eq!(r.kind, ReviewKind::Return);
    assert_eq!(r.version_number, 1);
    assert_eq!(r.reviewer_id, w.director);
    assert_eq!(r.reviewer_name, "นางประเสริฐ ใจดี");
    assert_eq!(r.text, "ปรับตัวชี้วัดเชิงคุณภาพ");
    assert_eq!(
        r.field_comments,
        BTreeMap::from([(
            "/challenges/0/title".to_owned(),
            "ระบุกลุ่มเป้าหมายให้ชัด".to_owned()
        )]),
        "blank comments are not stored"
    );
    let content = s.agreement(&a).await.expect("read").content;
    let opinion = content.approval.expect("opinion in the content");
    assert_eq!(opinion.decision, Decision::Return);
    assert_eq!(opinion.suggestions, "ปรับตัวชี้วัดเชิงคุณภาพ");
    assert_eq!(opinion.signature.name, "นางประเสริฐ ใจดี");
    assert!(
        opinion
            .signature
            .position_text
            .starts_with("ผู้อำนวยการสถานศึกษา")
    );
    assert!(opinion.signature.date.is_some());
    assert_eq!(
        s.agreement_versions(&a).await.expect("versions")[0]
            .1
            .approval,
        None,
        "the frozen version is not touched"
    );
    let notes = s
        .notifications(&w.teacher, 10)
        .await
        .expect("notifications");
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].message.contains("ไม่เห็นชอบ"),
        "{}",
        notes[0].message
    );
    let mails = mails(&s).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "p1@example.org");
    assert!(mails[0].body.contains(&format!("/agreements/{a}")));
    intact(&s).await;
}

pub(super) async fn a_second_decision_on_the_same_version_is_refused(s: Store) {
    let w = world(&s).await;
    let a = submitted(&s, &w.teacher, 2568).await;
    approve(&s, &w.director, &a).await;

    let err = s
        .review_agreement(
            &w.director,
            &a,
            Decision::Return,
            "เปลี่ยนใจ",
            &no_comments(),
            &quiet(),
        )
        .await
        .unwrap_err();

    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(
        s.agreement(&a).await.expect("read").state,
        AgreementState::Approved
    );
    assert_eq!(s.reviews(&a).await.expect("reviews").len(), 1);
    intact(&s).await;
}

pub(super) async fn only_the_recorded_approver_can_decide(s: Store) {
    let w = world(&s).await;
    let a = submitted(&s, &w.teacher, 2568).await;
    let colleague = person(&s, "1065000001", 4, "มานี", "ครู").await;

    for someone in [&w.area_director, &colleague, &w.teacher] {
        let err = s
            .review_agreement(someone, &a, Decision::Approve, "", &no_comments(), &quiet())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    }

    assert_eq!(
        s.agreement(&a).await.expect("read").state,
        AgreementState::Submitted
    );
    assert!(s.reviews(&a).await.expect("reviews").is_empty());
    intact(&s).await;
}

pub(super) async fn a_returned_agreement_is_resubmitted_and_approved(s: Store) {
    let w = world(&s).await;
    let a = submitted(&s, &w.teacher, 2568).await;
    s.review_agreement(
        &w.director,
        &a,
        Decision::Return,
        "เพิ่มรายละเอียด",
        &no_comments(),
        &quiet(),
    )
    .await
    .expect("return");
    let returned = s.agreement(&a).await.expect("read");
    let mut edit = returned.content.clone();
    edit.challenges[0].title = "ฉบับแก้ไข".into();
    let saved = s
        .save_agreement(&w.teacher, &a, returned.version, &edit)
        .await
        .expect("edit the returned agreement");

    let number = s
        .submit_agreement(&w.teacher, &a, saved, &quiet())
        .await
        .expect("resubmit");
    let state = s
        .review_agreement(
            &w.director,
            &a,
            Decision::Approve,
            "",
            &no_comments(),
            &quiet(),
        )
        .await
        .expect("approve");

    assert_eq!(number, 2);
    assert_eq!(state, AgreementState::Approved);
    let versions = s.agreement_versions(&a).await.expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1].1.challenges[0].title, "ฉบับแก้ไข");
    assert_eq!(
        versions[1].1.approval, None,
        "the old return's opinion is not resubmitted"
    );
    let kinds: Vec<(ReviewKind, i64)> = s
        .reviews(&a)
        .await
        .expect("reviews")
        .into_iter()
        .map(|r| (r.kind, r.version_number))
        .collect();
    assert_eq!(kinds, [(ReviewKind::Return, 1), (ReviewKind::Approve, 2)]);
    let opinion = s
        .agreement(&a)
        .await
        .expect("read")
        .content
        .approval
        .expect("opinion");
    assert_eq!(opinion.decision, Decision::Approve);
    assert!(s.inbox(&w.director).await.expect("inbox").is_empty());
    intact(&s).await;
}

pub(super) async fn an_allowed_amendment_reopens_a_draft_and_keeps_the_approved_version(s: Store) {
    let w = world(&s).await;
    let a = submitted(&s, &w.teacher, 2568).await;
    approve(&s, &w.director, &a).await;

    s.request_amendment(&w.teacher, &a, "ย้ายไปสอนชั้นอื่นกลางปี", &mail())
        .await
        .expect("request");
    let inbox = s.inbox(&w.director).await.expect("inbox");
    let state = s
        .decide_amendment(&w.director, &a, true, "", &mail())
        .await
        .expect("allow");

    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].state, AgreementState::AmendmentRequested);
    assert_eq!(state, AgreementState::Draft);
    let stored = s.agreement(&a).await.expect("read");
    assert_eq!(
        stored.content.approval, None,
        "the new draft has no opinion yet"
    );
    let mut edit = stored.content.clone();
    edit.challenges[0].title = "ข้อตกลงที่แก้ไขระหว่างปี".into();
    s.save_agreement(&w.teacher, &a, stored.version, &edit)
        .await
        .expect("the draft is editable again");
    let versions = s.agreement_versions(&a).await.expect("versions");
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].1.challenges, example(2568).challenges);
    let reviews = s.reviews(&a).await.expect("reviews");
    let kinds: Vec<ReviewKind> = reviews.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            ReviewKind::Approve,
            ReviewKind::AmendmentRequest,
            ReviewKind::AmendmentAllowed
        ]
    );
    assert_eq!(reviews[1].text, "ย้ายไปสอนชั้นอื่นกลางปี");
    assert_eq!(reviews[1].reviewer_id, w.teacher);
    assert_eq!(
        s.unread_notifications(&w.director).await.expect("unread"),
        2
    );
    assert_eq!(s.unread_notifications(&w.teacher).await.expect("unread"), 2);
    let to: Vec<String> = mails(&s).await.into_iter().map(|m| m.to).collect();
    assert_eq!(to, ["p2@example.org", "p1@example.org"]);
    intact(&s).await;
}

pub(super) async fn refusing_an_amendment_needs_a_reason(s: Store) {
    let w = world(&s).await;
    let a = submitted(&s, &w.teacher, 2568).await;
    approve(&s, &w.director, &a).await;
    s.request_amendment(&w.teacher, &a, "เปลี่ยนประเด็นท้าทาย", &quiet())
        .await
        .expect("request");

    let without = s
        .decide_amendment(&w.director, &a, false, " ", &quiet())
        .await
        .unwrap_err();
    let stranger = s
        .decide_amendment(&w.area_director, &a, false, "ไม่", &quiet())
        .await
        .unwrap_err();
    let with = s
        .decide_amendment(&w.director, &a, false, "ประเด็นเดิมยังเหมาะสม", &quiet())
        .await
        .expect("refuse");

    assert!(matches!(without, StoreError::Invalid(_)), "{without:?}");
    assert!(matches!(stranger, StoreError::NotFound(_)), "{stranger:?}");
    assert_eq!(with, AgreementState::Approved);
    let last = s
        .reviews(&a)
        .await
        .expect("reviews")
        .pop()
        .expect("a review");
    assert_eq!(
        (last.kind, last.text.as_str()),
        (ReviewKind::AmendmentRefused, "ประเด็นเดิมยังเหมาะสม")
    );
    assert!(
        s.agreement(&a)
            .await
            .expect("read")
            .content
            .approval
            .is_some(),
        "the approval still stands"
    );
    intact(&s).await;
}

pub(super) async fn the_inbox_lists_oldest_first_and_only_that_approvers(s: Store) {
    let w = world(&s).await;
    let second_teacher = person(&s, "1065000001", 4, "มานี", "ครู").await;
    let other_school_teacher = person(&s, "1065000002", 5, "ชูใจ", "ครู").await;
    let other_director = person(&s, "1065000002", 6, "ปิติ", "ผู้อำนวยการสถานศึกษา").await;
    let other_school = s
        .unit_by_code("1065000002")
        .await
        .expect("unit")
        .expect("school");
    s.grant_role(
        None,
        &other_director,
        Role::Approver,
        Some(&UnitId(other_school.id.clone())),
    )
    .await
    .expect("grant");
    let first = s
        .create_agreement(&w.teacher, &example(2568))
        .await
        .expect("create");
    let later = submitted(&s, &second_teacher, 2568).await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    s.submit_agreement(&w.teacher, &first, 1, &quiet())
        .await
        .expect("submit");
    let elsewhere = submitted(&s, &other_school_teacher, 2568).await;

    let mine: Vec<AgreementId> = s
        .inbox(&w.director)
        .await
        .expect("inbox")
        .into_iter()
        .map(|i| i.agreement_id)
        .collect();
    let theirs = s.inbox(&other_director).await.expect("inbox");

    assert_eq!(
        mine,
        [later.clone(), first.clone()],
        "oldest submission first"
    );
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].agreement_id, elsewhere);
    assert_eq!(theirs[0].maker.first_name, "ชูใจ");
    assert_eq!(theirs[0].unit_name, "โรงเรียนบ้านนาดี");
    assert_eq!(theirs[0].version_number, 1);
    assert_eq!(theirs[0].state, AgreementState::Submitted);
    approve(&s, &w.director, &later).await;
    assert_eq!(s.inbox(&w.director).await.expect("inbox").len(), 1);
    let school_all = s
        .agreements_in_units(std::slice::from_ref(&w.school), &[])
        .await
        .expect("school");
    assert_eq!(school_all.len(), 2);
    let approved = s
        .agreements_in_units(
            &[w.school.clone(), w.esa.clone(), UnitId(other_school.id)],
            &[AgreementState::Approved],
        )
        .await
        .expect("approved");
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].agreement_id, later);
    assert!(
        s.agreements_in_units(&[], &[])
            .await
            .expect("none")
            .is_empty()
    );
    intact(&s).await;
}

pub(super) async fn the_history_reads_in_thai_in_order(s: Store) {
    let w = world(&s).await;
    let a = s
        .create_agreement(&w.teacher, &example(2568))
        .await
        .expect("create");
    s.save_agreement(&w.teacher, &a, 1, &example(2568))
        .await
        .expect("save");
    s.save_agreement(&w.teacher, &a, 2, &example(2568))
        .await
        .expect("save");
    s.submit_agreement(&w.teacher, &a, 3, &quiet())
        .await
        .expect("submit");
    s.review_agreement(
        &w.director,
        &a,
        Decision::Return,
        "เพิ่มตัวชี้วัด",
        &no_comments(),
        &quiet(),
    )
    .await
    .expect("return");
    let v = s.agreement(&a).await.expect("read").version;
    s.save_agreement(&w.teacher, &a, v, &example(2568))
        .await
        .expect("save");
    s.submit_agreement(&w.teacher, &a, v + 1, &quiet())
        .await
        .expect("resubmit");
    approve(&s, &w.director, &a).await;
    s.request_amendment(&w.teacher, &a, "ย้ายชั้นเรียน", &quiet())
        .await
        .expect("request");
    s.decide_amendment(&w.director, &a, false, "ยังไม่จำเป็น", &quiet())
        .await
        .expect("refuse");

    let history = s.agreement_history(&a).await.expect("history");

    let lines: Vec<(String, String)> = history
        .into_iter()
        .map(|h| (h.actor_name, h.what))
        .collect();
    let maker = "นางสมศรี ใจดี".to_owned();
    let director = "นางประเสริฐ ใจดี".to_owned();
    assert_eq!(
        lines,
        [
            (maker.clone(), "สร้างข้อตกลง".to_owned()),
            (maker.clone(), "บันทึกร่าง 2 ครั้ง".to_owned()),
            (maker.clone(), "เสนอข้อตกลง ฉบับที่ 1".to_owned()),
            (
                director.clone(),
                "ไม่เห็นชอบ พร้อมข้อเสนอแนะ: เพิ่มตัวชี้วัด".to_owned()
            ),
            (maker.clone(), "บันทึกร่าง".to_owned()),
            (maker.clone(), "เสนอข้อตกลง ฉบับที่ 2".to_owned()),
            (director.clone(), "เห็นชอบ ฉบับที่ 2".to_owned()),
            (maker.clone(), "ขอแก้ไขข้อตกลง: เหตุผล ย้ายชั้นเรียน".to_owned()),
            (director, "ไม่อนุญาตให้แก้ไขข้อตกลง: เหตุผล ยังไม่จำเป็น".to_owned()),
        ]
    );
    intact(&s).await;
}

pub(super) async fn latest_approved_before_finds_last_years_approved_content(s: Store) {
    let w = world(&s).await;
    let mut old = example(2566);
    old.challenges[0].title = "ปี 2566".into();
    let a = s.create_agreement(&w.teacher, &old).await.expect("create");
    s.submit_agreement(&w.teacher, &a, 1, &quiet())
        .await
        .expect("submit");
    approve(&s, &w.director, &a).await;
    let mut last = example(2567);
    last.challenges[0].title = "ปี 2567 ที่เห็นชอบ".into();
    let b = s.create_agreement(&w.teacher, &last).await.expect("create");
    s.submit_agreement(&w.teacher, &b, 1, &quiet())
        .await
        .expect("submit");
    approve(&s, &w.director, &b).await;
    s.request_amendment(&w.teacher, &b, "แก้ไข", &quiet())
        .await
        .expect("request");
    s.decide_amendment(&w.director, &b, true, "", &quiet())
        .await
        .expect("allow");
    let draft = s.agreement(&b).await.expect("read");
    let mut edit = draft.content.clone();
    edit.challenges[0].title = "ร่างที่ยังไม่เห็นชอบ".into();
    s.save_agreement(&w.teacher, &b, draft.version, &edit)
        .await
        .expect("save");
    s.create_agreement(&w.teacher, &example(2568))
        .await
        .expect("this year");

    let found = s
        .latest_approved_before(&w.teacher, 2568)
        .await
        .expect("lookup")
        .expect("last year's approved agreement");
    let older = s
        .latest_approved_before(&w.teacher, 2567)
        .await
        .expect("lookup")
        .expect("the year before");

    assert_eq!(found.fiscal_year, 2567);
    assert_eq!(found.challenges[0].title, "ปี 2567 ที่เห็นชอบ");
    assert_eq!(older.challenges[0].title, "ปี 2566");
    assert_eq!(
        s.latest_approved_before(&w.teacher, 2566)
            .await
            .expect("lookup"),
        None
    );
    assert_eq!(
        s.latest_approved_before(&w.director, 2568)
            .await
            .expect("lookup"),
        None
    );
    let this_year = s
        .agreement_of(&w.teacher, 2568)
        .await
        .expect("lookup")
        .expect("started");
    assert_eq!(this_year.state, AgreementState::Draft);
    assert_eq!(
        s.agreement_of(&w.teacher, 2570).await.expect("lookup"),
        None
    );
    intact(&s).await;
}

pub(super) async fn a_draft_from_last_year_is_not_carried_over(s: Store) {
    let w = world(&s).await;
    s.create_agreement(&w.teacher, &example(2567))
        .await
        .expect("create");
    let submitted_only = submitted(&s, &w.director, 2567).await;

    assert_eq!(
        s.latest_approved_before(&w.teacher, 2568)
            .await
            .expect("lookup"),
        None
    );
    assert_eq!(
        s.latest_approved_before(&w.director, 2568)
            .await
            .expect("lookup"),
        None
    );
    assert_eq!(
        s.agreement(&submitted_only).await.expect("read").state,
        AgreementState::Submitted
    );
    intact(&s).await;
}

pub(super) async fn notifications_are_newest_first_until_marked_read(s: Store) {
    let w = world(&s).await;
    let a = submitted(&s, &w.teacher, 2568).await;
    s.review_agreement(
        &w.director,
        &a,
        Decision::Return,
        "แก้ไข",
        &no_comments(),
        &quiet(),
    )
    .await
    .expect("return");
    let v = s.agreement(&a).await.expect("read").version;
    s.submit_agreement(&w.teacher, &a, v, &quiet())
        .await
        .expect("resubmit");
    approve(&s, &w.director, &a).await;

    let notes = s
        .notifications(&w.teacher, 10)
        .await
        .expect("notifications");
    let newest = s.notifications(&w.teacher, 1).await.expect("notifications");
    s.mark_notifications_read(&w.teacher).await.expect("read");

    assert_eq!(notes.len(), 2);
    assert!(
        notes[0].message.contains("เห็นชอบข้อตกลง"),
        "{}",
        notes[0].message
    );
    assert!(
        notes[1].message.contains("ไม่เห็นชอบ"),
        "{}",
        notes[1].message
    );
    assert_eq!(newest, notes[..1]);
    assert_eq!(s.unread_notifications(&w.teacher).await.expect("unread"), 0);
    assert!(
        s.notifications(&w.teacher, 10)
            .await
            .expect("notifications")
            .iter()
            .all(|n| n.read)
    );
    assert_eq!(
        s.unread_notifications(&w.director).await.expect("unread"),
        2
    );
    intact(&s).await;
}
