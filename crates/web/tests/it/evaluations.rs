//! The committee's evaluation over HTTP: appointment and its refusals, independent scoring,
//! what each reader sees, finalisation, and every bad input the issue names: a level outside
//! 1–4, a forged request on someone else's sheet, a second signature, a change after
//! finalisation. Each refusal is in Thai and leaves what is stored unchanged.

use crate::common;

use common::committee::{
    CHAIR, Levels, OTHER_TEACHER, SUPERVISOR, appoint, appoint_usual, approved, committee_of,
    finalize, post, score, taken, version,
};
use common::{TestApp, spawn_app, this_year};
use domain::workflow::{AgreementState, SheetState};
use reqwest::StatusCode;
use store::AgreementId;
use store::workflow::evaluation::{Committee, CommitteeId, CommitteeStatus};

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    let r = client.get(app.url(path)).send().await.expect("get");
    (r.status(), r.text().await.expect("body"))
}

async fn stored(app: &TestApp, c: &CommitteeId) -> Committee {
    app.store.committee(c).await.expect("committee")
}

/// The teacher's approved agreement of this year with the usual committee appointed.
async fn under_evaluation(app: &TestApp) -> (AgreementId, CommitteeId) {
    let agreement = approved(app, "teacher", &this_year(|_| {})).await;
    let officer = app.signed_in("officer").await;
    let r = appoint_usual(app, &officer, &[&agreement]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    assert!(html.contains("แต่งตั้งคณะกรรมการแล้ว 1 ราย"), "{html}");
    (agreement.clone(), committee_of(app, &agreement).await)
}

#[tokio::test]
async fn an_officer_appoints_for_a_whole_school_and_each_member_finds_it_in_their_worklist() {
    let app = spawn_app().await;
    let first = approved(&app, "teacher", &this_year(|_| {})).await;
    let second = approved(&app, "demo-s01-5", &this_year(|_| {})).await;
    let officer = app.signed_in("officer").await;
    let unit = web::demo::unit_of(&app.store, "DEMO-S01")
        .await
        .expect("school");
    let (status, html) = page(&app, &officer, &format!("/evaluations/appoint?unit={unit}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!("value=\"{first}\" checked")),
        "{html}"
    );
    assert!(
        html.contains(&format!("value=\"{second}\" checked")),
        "{html}"
    );
    assert!(html.contains("ศึกษานิเทศก์ ชำนาญการพิเศษขึ้นไป"), "{html}");
    let r = appoint_usual(&app, &officer, &[&first, &second]).await;
    let html = r.text().await.expect("body");
    assert!(html.contains("แต่งตั้งคณะกรรมการแล้ว 2 ราย"), "{html}");
    for a in [&first, &second] {
        let state = app.store.agreement(a).await.expect("agreement").state;
        assert_eq!(state, AgreementState::UnderEvaluation);
    }
    for login in [CHAIR, SUPERVISOR, OTHER_TEACHER] {
        let client = app.signed_in(login).await;
        let (_, html) = page(&app, &client, "/evaluations").await;
        assert!(html.contains("รอให้คะแนน"), "{login}: {html}");
        assert!(html.contains("15 กันยายน 2569"), "deadline in Thai: {html}");
        let (_, home) = page(&app, &client, "/").await;
        assert!(
            home.contains("ใบประเมินรอให้คะแนน"),
            "{login}'s menu shows the count: {home}"
        );
    }
}

#[tokio::test]
async fn an_ineligible_member_is_refused_with_the_reason_and_nothing_is_appointed() {
    let app = spawn_app().await;
    let agreement = approved(&app, "teacher", &this_year(|_| {})).await;
    let officer = app.signed_in("officer").await;
    let unit = web::demo::unit_of(&app.store, "DEMO-S01")
        .await
        .expect("school");
    let supervisor = app.person(SUPERVISOR).await;
    // A ครูเชี่ยวชาญ of the teacher's own school is not "a teacher of another school".
    let colleague = app.person("demo-s01-7").await;
    let r = appoint(
        &app,
        &officer,
        &unit.0,
        &[&agreement],
        [
            (&supervisor, "supervisor"),
            (&colleague, "teacher_other_school"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("แต่งตั้งไม่สำเร็จ 1 ราย"), "{html}");
    assert!(html.contains("กรรมการคนที่ 2"), "{html}");
    // The teacher themselves.
    let me = app.person("teacher").await;
    let r = appoint(
        &app,
        &officer,
        &unit.0,
        &[&agreement],
        [(&supervisor, "supervisor"), (&me, "teacher_other_school")],
    )
    .await;
    let html = r.text().await.expect("body");
    assert!(html.contains("ประเมินตนเองไม่ได้"), "{html}");
    assert!(
        app.store
            .committees_of(&agreement)
            .await
            .expect("rounds")
            .is_empty()
    );
    // A teacher cannot appoint at all.
    let teacher = app.signed_in("teacher").await;
    let (status, _) = page(&app, &teacher, &format!("/evaluations/appoint?unit={unit}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn members_score_independently_and_see_the_others_only_after_all_have_signed() {
    let app = spawn_app().await;
    let (_, c) = under_evaluation(&app).await;
    let chair = app.signed_in(CHAIR).await;
    let supervisor = app.signed_in(SUPERVISOR).await;
    let path = format!("/evaluations/{c}");
    let r = score(&app, &chair, CHAIR, &c, &Levels::all(4), "sign").await;
    taken(&r, "the chair signs");
    let (status, html) = page(&app, &supervisor, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("คะแนนของกรรมการท่านอื่นจะแสดงเมื่อกรรมการลงนามครบทุกคน"),
        "{html}"
    );
    assert!(
        !html.contains(">100<"),
        "the chair's total is hidden: {html}"
    );
    let r = supervisor
        .get(app.url(&format!("{path}/pa2.pdf?member=0")))
        .send()
        .await
        .expect("get");
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "the chair's PA 2 is not theirs yet"
    );
    // A draft saves and shows its own totals from the domain's scoring.
    let mut mine = Levels::all(3);
    mine.part2 = [3, 2, 3];
    let r = score(&app, &supervisor, SUPERVISOR, &c, &mine, "save").await;
    taken(&r, "draft");
    let (_, html) = page(&app, &supervisor, &path).await;
    assert!(
        html.contains("<strong id=\"my-total\">72.50</strong>"),
        "{html}"
    );
    let r = score(&app, &supervisor, SUPERVISOR, &c, &mine, "sign").await;
    taken(&r, "sign");
    let other = app.signed_in(OTHER_TEACHER).await;
    let r = score(&app, &other, OTHER_TEACHER, &c, &Levels::all(2), "sign").await;
    taken(&r, "sign");
    let (_, html) = page(&app, &supervisor, &path).await;
    assert!(!html.contains("blind-note"), "{html}");
    assert!(html.contains(">100<") && html.contains(">50<"), "{html}");
    // The chair sees the result before finalising it: one member below 70 fails it.
    let (_, html) = page(&app, &chair, &path).await;
    assert!(html.contains("id=\"finalize\""), "{html}");
    assert!(html.contains("ไม่ผ่านเกณฑ์"), "{html}");
}

#[tokio::test]
async fn where_the_deployment_turns_blind_scoring_off_a_member_sees_a_signed_sheet_at_once() {
    let mut config = common::test_config();
    config.evaluation.blind_until_signed = false;
    let app = common::spawn_app_on(common::Engine::Sqlite, config).await;
    let (_, c) = under_evaluation(&app).await;
    let chair = app.signed_in(CHAIR).await;
    let supervisor = app.signed_in(SUPERVISOR).await;
    let path = format!("/evaluations/{c}");
    taken(
        &score(&app, &chair, CHAIR, &c, &Levels::all(4), "sign").await,
        "the chair signs",
    );
    let (status, html) = page(&app, &supervisor, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("blind-note"), "{html}");
    assert!(html.contains(">100<"), "the chair's total shows: {html}");
    let r = supervisor
        .get(app.url(&format!("{path}/pa2.pdf?member=0")))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), StatusCode::OK, "the chair's signed PA 2");
}

#[tokio::test]
async fn the_teacher_sees_the_result_and_comments_only_after_the_chair_finalises() {
    let app = spawn_app().await;
    let (agreement, c) = under_evaluation(&app).await;
    let teacher = app.signed_in("teacher").await;
    let path = format!("/evaluations/{c}");
    let (status, _) = page(&app, &teacher, &path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, html) = page(&app, &teacher, &format!("/agreements/{agreement}")).await;
    assert!(html.contains("คณะกรรมการกำลังประเมิน"), "{html}");
    let mut clients = Vec::new();
    for login in [CHAIR, SUPERVISOR, OTHER_TEACHER] {
        let client = app.signed_in(login).await;
        let mut levels = Levels::all(3);
        levels.comment = format!("ความเห็นของ {login}");
        taken(
            &score(&app, &client, login, &c, &levels, "sign").await,
            login,
        );
        clients.push(client);
    }
    let r = finalize(&app, &clients[1], &c).await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a member is not the chair"
    );
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("ประธานกรรมการผู้ประเมินเท่านั้น")
    );
    taken(&finalize(&app, &clients[0], &c).await, "finalise");
    let (status, html) = page(&app, &teacher, &format!("/agreements/{agreement}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("ผ่านเกณฑ์"), "{html}");
    assert!(html.contains("ความเห็นของ supervisor"), "{html}");
    let (status, _) = page(&app, &teacher, &path).await;
    assert_eq!(status, StatusCode::OK);
    for doc in ["pa3.pdf", "pa2.pdf?member=1", "pa3.docx"] {
        let r = teacher
            .get(app.url(&format!("{path}/{doc}")))
            .send()
            .await
            .expect("download");
        assert_eq!(r.status(), StatusCode::OK, "{doc}");
        let bytes = r.bytes().await.expect("bytes");
        assert!(
            bytes.starts_with(b"%PDF") || bytes.starts_with(b"PK"),
            "{doc}"
        );
    }
    let (_, html) = page(
        &app,
        &teacher,
        &format!("/people/{}/evaluations", app.person("teacher").await),
    )
    .await;
    assert!(
        html.contains("ผ่านเกณฑ์") && html.contains("id=\"rank-hint\""),
        "{html}"
    );
}

#[tokio::test]
async fn a_level_outside_one_to_four_is_refused_in_thai_and_nothing_is_stored() {
    let app = spawn_app().await;
    let (_, c) = under_evaluation(&app).await;
    let supervisor = app.signed_in(SUPERVISOR).await;
    taken(
        &score(&app, &supervisor, SUPERVISOR, &c, &Levels::all(3), "save").await,
        "a first draft",
    );
    let before = stored(&app, &c).await;
    for bad in ["5", "0", "-1", "สาม", "3.5"] {
        let mut fields = Levels::all(4).fields();
        fields.retain(|(k, _)| k != "l:1.3");
        fields.push(("l:1.3".into(), bad.into()));
        fields.push((
            "version".into(),
            version(&app, &c, SUPERVISOR).await.to_string(),
        ));
        fields.push(("action".into(), "save".into()));
        let r = post(
            &app,
            &supervisor,
            &format!("/evaluations/{c}/sheet"),
            &fields,
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let html = r.text().await.expect("body");
        assert!(
            html.contains("ตัวชี้วัด 1.3: ระดับคะแนนต้องเป็นจำนวนเต็ม 1 ถึง 4"),
            "{bad}: {html}"
        );
        assert_eq!(stored(&app, &c).await, before, "{bad}");
    }
}

#[tokio::test]
async fn a_forged_request_on_someone_elses_sheet_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let (_, c) = under_evaluation(&app).await;
    let before = stored(&app, &c).await;
    // The maker, a colleague, and the area director (who may read the agreement) hold no seat.
    for login in ["teacher", "demo-s01-7", "esa", "officer"] {
        let client = app.signed_in(login).await;
        let mut fields = Levels::all(4).fields();
        fields.push(("version".into(), "1".into()));
        fields.push(("action".into(), "sign".into()));
        let r = post(&app, &client, &format!("/evaluations/{c}/sheet"), &fields).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{login}");
        let r = post(&app, &client, &format!("/evaluations/{c}/finalize"), &[]).await;
        assert!(
            matches!(
                r.status(),
                StatusCode::NOT_FOUND | StatusCode::UNPROCESSABLE_ENTITY
            ),
            "{login}: {}",
            r.status()
        );
    }
    // A member's form without the session's token.
    let supervisor = app.signed_in(SUPERVISOR).await;
    let mut fields = Levels::all(4).fields();
    fields.push(("csrf".into(), "forged".into()));
    fields.push(("version".into(), "1".into()));
    let r = supervisor
        .post(app.url(&format!("/evaluations/{c}/sheet")))
        .form(&fields)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(stored(&app, &c).await, before);
}

#[tokio::test]
async fn a_second_signature_and_a_change_after_finalisation_are_refused() {
    let app = spawn_app().await;
    let (_, c) = under_evaluation(&app).await;
    let mut clients = Vec::new();
    for login in [CHAIR, SUPERVISOR, OTHER_TEACHER] {
        let client = app.signed_in(login).await;
        taken(
            &score(&app, &client, login, &c, &Levels::all(3), "sign").await,
            login,
        );
        clients.push(client);
    }
    let signed = stored(&app, &c).await;
    let r = score(&app, &clients[1], SUPERVISOR, &c, &Levels::all(4), "sign").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("ลงนามแล้ว"));
    assert_eq!(stored(&app, &c).await, signed);
    taken(&finalize(&app, &clients[0], &c).await, "finalise");
    let finalized = stored(&app, &c).await;
    assert_eq!(finalized.status, CommitteeStatus::Finalized);
    let r = score(
        &app,
        &clients[2],
        OTHER_TEACHER,
        &c,
        &Levels::all(1),
        "save",
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("ยืนยันแล้ว"));
    let r = finalize(&app, &clients[0], &c).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("ยืนยันไปแล้ว"));
    assert_eq!(stored(&app, &c).await, finalized);
    assert!(
        finalized
            .members
            .iter()
            .all(|m| m.sheet.state == SheetState::Signed)
    );
    // Only an officer reopens, and only with a reason.
    let r = post(
        &app,
        &clients[0],
        &format!("/evaluations/{c}/reopen"),
        &[("reason".into(), "แก้ไข".into())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let officer = app.signed_in("officer").await;
    let r = post(
        &app,
        &officer,
        &format!("/evaluations/{c}/reopen"),
        &[("reason".into(), " ".into())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("กรุณาระบุเหตุผล"));
    assert_eq!(stored(&app, &c).await, finalized);
    let member = finalized.members[2].id.clone();
    let r = post(
        &app,
        &officer,
        &format!("/evaluations/{c}/reopen"),
        &[
            ("reason".into(), "กรรมการแจ้งว่าบันทึกระดับผิด".into()),
            ("unlock".into(), member),
        ],
    )
    .await;
    taken(&r, "reopen");
    let reopened = stored(&app, &c).await;
    assert_eq!(reopened.status, CommitteeStatus::Scoring);
    assert_eq!(reopened.members[2].sheet.state, SheetState::Draft);
}

#[tokio::test]
async fn an_outside_expert_is_registered_with_a_one_time_password_and_sits_on_a_committee() {
    let app = spawn_app().await;
    let agreement = approved(&app, "teacher", &this_year(|_| {})).await;
    let officer = app.signed_in("officer").await;
    let unit = web::demo::unit_of(&app.store, "DEMO-S01")
        .await
        .expect("school");
    let expert = [
        ("unit".to_owned(), unit.0.clone()),
        ("title".to_owned(), "ผศ.ดร.".to_owned()),
        ("first_name".to_owned(), "กมล".to_owned()),
        ("last_name".to_owned(), "รักเรียน".to_owned()),
        (
            "position_text".to_owned(),
            "ผู้ช่วยศาสตราจารย์ มหาวิทยาลัยนเรศวร".to_owned(),
        ),
        ("email".to_owned(), "kamol@example.ac.th".to_owned()),
    ];
    let r = post(&app, &officer, "/evaluations/experts", &expert).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    let password = html
        .split("รหัสผ่านชั่วคราว: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("a one-time password")
        .to_owned();
    assert!(html.contains("ผู้ทรงคุณวุฒิในสถาบันอุดมศึกษา"), "{html}");
    let client = app.client();
    assert_eq!(
        app.login(&client, "kamol@example.ac.th", &password).await,
        StatusCode::SEE_OTHER
    );
    let id = store::PersonId(
        app.store
            .account_by_login("kamol@example.ac.th")
            .await
            .expect("lookup")
            .expect("account")
            .person_id,
    );
    let supervisor = app.person(SUPERVISOR).await;
    let r = appoint(
        &app,
        &officer,
        &unit.0,
        &[&agreement],
        [(&supervisor, "supervisor"), (&id, "academic")],
    )
    .await;
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("แต่งตั้งคณะกรรมการแล้ว 1 ราย")
    );
    let (_, html) = page(&app, &client, "/evaluations").await;
    assert!(html.contains("รอให้คะแนน"), "{html}");
    // A bad e-mail is refused with the typed values kept.
    let mut bad = expert.to_vec();
    bad.retain(|(k, _)| k != "email");
    bad.push(("email".into(), "kamol-at-example".into()));
    let r = post(&app, &officer, "/evaluations/experts", &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("อีเมล") && html.contains("value=\"กมล\""),
        "{html}"
    );
}
