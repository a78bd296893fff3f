//! The approver's side over HTTP: the inbox, the review page, returning and approving, what
//! changed since a return, amendment requests, and who may do none of it.

use crate::common;

use common::{TestApp, hidden, spawn_app, this_fiscal_year, this_year};
use domain::agreement::Agreement;
use domain::workflow::AgreementState;
use reqwest::StatusCode;
use store::AgreementId;
use store::workflow::{Notify, ReviewKind};

/// Creates `content` for `login` and submits it; returns its id.
async fn submitted_by(app: &TestApp, login: &str, content: &Agreement) -> AgreementId {
    let maker = app.person(login).await;
    let id = app
        .store
        .create_agreement(&maker, content)
        .await
        .expect("create");
    let version = app.store.agreement(&id).await.expect("read").version;
    app.store
        .submit_agreement(&maker, &id, version, &Notify::default())
        .await
        .expect("submit");
    id
}

async fn submitted(app: &TestApp) -> AgreementId {
    submitted_by(app, "teacher", &this_year(|_| {})).await
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    let r = client.get(app.url(path)).send().await.expect("get");
    (r.status(), r.text().await.expect("body"))
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = app.csrf(client).await;
    let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    client
        .post(app.url(path))
        .form(&form)
        .send()
        .await
        .expect("post")
}

async fn state_of(app: &TestApp, id: &AgreementId) -> AgreementState {
    app.store.agreement(id).await.expect("read").state
}

#[tokio::test]
async fn the_directors_inbox_lists_a_submitted_agreement_with_its_maker_and_state() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let director = app.signed_in("director").await;

    let (status, html) = page(&app, &director, "/reviews").await;

    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("href=\"/reviews/{id}\"")), "{html}");
    assert!(html.contains("ครู วิทยฐานะครูชำนาญการพิเศษ"), "{html}");
    assert!(
        html.contains("รอการพิจารณา 2"),
        "the deputy's and the teacher's: {html}"
    );
}

#[tokio::test]
async fn the_inbox_filters_by_position_without_javascript() {
    let app = spawn_app().await;
    let teachers = submitted(&app).await;
    // The demo's deputy director has this year's agreement waiting for the director too.
    let deputies = app
        .store
        .agreement_of(
            &app.person("demo-s01-2").await,
            i64::from(this_fiscal_year()),
        )
        .await
        .expect("lookup")
        .expect("the demo deputy's agreement")
        .id;
    let director = app.signed_in("director").await;

    let (_, all) = page(&app, &director, "/reviews").await;
    let (_, only) = page(&app, &director, "/reviews?position=teacher&unit=&state=").await;

    assert!(all.contains(&format!("/reviews/{deputies}")), "{all}");
    assert!(all.contains(&format!("/reviews/{teachers}")), "{all}");
    assert!(only.contains(&format!("/reviews/{teachers}")), "{only}");
    assert!(!only.contains(&format!("/reviews/{deputies}")), "{only}");
    assert!(
        only.contains("<option value=\"teacher\" selected>"),
        "{only}"
    );
}

#[tokio::test]
async fn the_review_page_prints_the_form_with_paths_and_comment_boxes() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let director = app.signed_in("director").await;

    let (status, html) = page(&app, &director, &format!("/reviews/{id}")).await;

    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("PA 1/ส"), "form code");
    assert!(html.contains("data-path=\"/part1/0/tasks\""), "{html}");
    assert!(html.contains("name=\"comment:/part1/0/tasks\""), "{html}");
    assert!(html.contains("id=\"decision\""), "{html}");
    assert!(html.contains("ผลการตรวจของระบบ"), "{html}");
}

#[tokio::test]
async fn the_maker_opening_the_review_page_lands_on_their_own_page() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let teacher = app.signed_in("teacher").await;

    let r = teacher
        .get(app.url(&format!("/reviews/{id}")))
        .send()
        .await
        .expect("get");

    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"],
        format!("/agreements/{id}").as_str()
    );
}

#[tokio::test]
async fn another_schools_director_neither_sees_nor_decides() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let other = app.signed_in("demo-s02-1").await;

    let (status, _) = page(&app, &other, &format!("/reviews/{id}")).await;
    let r = post(
        &app,
        &other,
        &format!("/reviews/{id}/decision"),
        &[("decision", "approve"), ("suggestions", "")],
    )
    .await;

    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(state_of(&app, &id).await, AgreementState::Submitted);
    assert!(app.store.reviews(&id).await.expect("reviews").is_empty());
}

#[tokio::test]
async fn returning_without_suggestions_is_refused_in_thai_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let director = app.signed_in("director").await;

    let r = post(
        &app,
        &director,
        &format!("/reviews/{id}/decision"),
        &[
            ("decision", "return"),
            ("suggestions", "  "),
            ("comment:/part1/0/tasks", "ระบุจำนวนคาบที่สอน"),
        ],
    )
    .await;

    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("กรุณาระบุข้อเสนอแนะเพื่อนำไปแก้ไข"), "{html}");
    assert!(html.contains("ระบุจำนวนคาบที่สอน"), "the comment is kept");
    assert!(
        html.contains("value=\"return\" checked"),
        "the choice is kept"
    );
    assert_eq!(state_of(&app, &id).await, AgreementState::Submitted);
}

#[tokio::test]
async fn a_decision_without_a_choice_is_refused() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let director = app.signed_in("director").await;

    let r = post(
        &app,
        &director,
        &format!("/reviews/{id}/decision"),
        &[("suggestions", "ดีมาก")],
    )
    .await;

    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("กรุณาเลือก เห็นชอบ หรือ ไม่เห็นชอบ")
    );
    assert_eq!(state_of(&app, &id).await, AgreementState::Submitted);
}

#[tokio::test]
async fn returning_with_a_field_comment_stores_it_and_tells_the_maker() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let director = app.signed_in("director").await;

    let r = post(
        &app,
        &director,
        &format!("/reviews/{id}/decision"),
        &[
            ("decision", "return"),
            ("suggestions", "ปรับตัวชี้วัดให้วัดได้"),
            ("comment:/part1/0/tasks", "ระบุจำนวนคาบที่สอน"),
            ("comment:/part1/1/tasks", ""),
            ("comment:/not/a/field", "ทิ้ง"),
        ],
    )
    .await;

    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/reviews?done=returned");
    assert_eq!(state_of(&app, &id).await, AgreementState::Returned);
    let reviews = app.store.reviews(&id).await.expect("reviews");
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].kind, ReviewKind::Return);
    assert_eq!(reviews[0].text, "ปรับตัวชี้วัดให้วัดได้");
    assert_eq!(
        reviews[0]
            .field_comments
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
        [("/part1/0/tasks", "ระบุจำนวนคาบที่สอน")]
    );
    let told = app
        .store
        .notifications(&app.person("teacher").await, 10)
        .await
        .expect("notifications");
    assert!(
        told.iter()
            .any(|n| n.agreement_id.as_ref() == Some(&id) && n.message.contains("ไม่เห็นชอบ")),
        "{told:?}"
    );
    let (_, inbox) = page(&app, &director, "/reviews?done=returned").await;
    assert!(inbox.contains("ส่งข้อตกลงกลับพร้อมข้อเสนอแนะแล้ว"), "{inbox}");
}

#[tokio::test]
async fn approving_ticks_the_approval_box_on_the_printed_form() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let director = app.signed_in("director").await;

    let r = post(
        &app,
        &director,
        &format!("/reviews/{id}/decision"),
        &[("decision", "approve"), ("suggestions", "")],
    )
    .await;

    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(state_of(&app, &id).await, AgreementState::Approved);
    let (_, html) = page(&app, &director, &format!("/reviews/{id}")).await;
    assert!(
        html.contains(
            "☑</span><span class=\"sr-only\">(เลือก)</span> เห็นชอบให้เป็นข้อตกลงในการพัฒนางาน"
        ),
        "{html}"
    );
    assert!(!html.contains("id=\"decision\""), "no second decision");
}

#[tokio::test]
async fn the_review_page_of_a_resubmission_shows_what_changed_since_the_return() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let director = app.signed_in("director").await;
    post(
        &app,
        &director,
        &format!("/reviews/{id}/decision"),
        &[
            ("decision", "return"),
            ("suggestions", "ระบุชื่อเรื่องให้ชัด"),
            ("comment:/challenges/0/title", "ชื่อเรื่องกว้างไป"),
        ],
    )
    .await;
    let maker = app.person("teacher").await;
    let stored = app.store.agreement(&id).await.expect("read");
    let mut revised = stored.content.clone();
    revised.challenges[0].title = "การพัฒนาทักษะการแยกตัวประกอบพหุนามด้วย CPA".into();
    let version = app
        .store
        .save_agreement(&maker, &id, stored.version, &revised)
        .await
        .expect("save");
    app.store
        .submit_agreement(&maker, &id, version, &Notify::default())
        .await
        .expect("resubmit");

    let (status, html) = page(&app, &director, &format!("/reviews/{id}")).await;

    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("สิ่งที่แก้ไขตั้งแต่ฉบับที่ส่งกลับ"), "{html}");
    assert!(html.contains("<ins>"), "{html}");
    assert!(html.contains("ส่วนที่ 2 ประเด็นท้าทายที่ 1: เรื่อง"), "{html}");
    assert!(
        html.contains("ชื่อเรื่องกว้างไป"),
        "the earlier comment is shown"
    );
    assert!(
        html.contains("ระบุชื่อเรื่องให้ชัด"),
        "the earlier suggestions are shown"
    );
}

#[tokio::test]
async fn an_officer_reads_the_agreement_without_a_decision_form_and_cannot_decide() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let officer = app.signed_in("officer").await;

    let (status, html) = page(&app, &officer, &format!("/reviews/{id}")).await;
    let r = post(
        &app,
        &officer,
        &format!("/reviews/{id}/decision"),
        &[("decision", "approve")],
    )
    .await;

    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("อ่านข้อตกลงนี้ได้อย่างเดียว"), "{html}");
    assert!(!html.contains("id=\"decision\""), "{html}");
    assert!(!html.contains("name=\"comment:"), "{html}");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(state_of(&app, &id).await, AgreementState::Submitted);
    let (_, inbox) = page(&app, &officer, "/reviews").await;
    assert!(inbox.contains("ข้อตกลงในหน่วยงานที่ดูแล"), "{inbox}");
    assert!(inbox.contains(&format!("/reviews/{id}")), "{inbox}");
}

#[tokio::test]
async fn the_maker_cannot_decide_on_their_own_agreement() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let teacher = app.signed_in("teacher").await;

    let r = post(
        &app,
        &teacher,
        &format!("/reviews/{id}/decision"),
        &[("decision", "approve")],
    )
    .await;

    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(state_of(&app, &id).await, AgreementState::Submitted);
}

#[tokio::test]
async fn a_decision_with_a_forged_csrf_token_is_refused() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let director = app.signed_in("director").await;

    let r = director
        .post(app.url(&format!("/reviews/{id}/decision")))
        .form(&[("csrf", "forged"), ("decision", "approve")])
        .send()
        .await
        .expect("post");

    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(state_of(&app, &id).await, AgreementState::Submitted);
}

#[tokio::test]
async fn a_script_typed_into_a_field_is_printed_as_text() {
    let app = spawn_app().await;
    let id = submitted_by(
        &app,
        "teacher",
        &this_year(|a| a.part1[0].tasks = "<script>alert('x')</script>\nบรรทัดสอง".into()),
    )
    .await;
    let director = app.signed_in("director").await;

    let (_, html) = page(&app, &director, &format!("/reviews/{id}")).await;

    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&#60;script&#62;alert("), "{html}");
    assert!(
        html.contains("&#60;/script&#62;\nบรรทัดสอง"),
        "line breaks are kept"
    );
}

#[tokio::test]
async fn an_amendment_request_is_refused_only_with_a_reason_and_allowed_into_a_draft() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let director = app.signed_in("director").await;
    post(
        &app,
        &director,
        &format!("/reviews/{id}/decision"),
        &[("decision", "approve")],
    )
    .await;
    let maker = app.person("teacher").await;
    app.store
        .request_amendment(&maker, &id, "ย้ายไปสอนชั้น ม.3 กลางปี", &Notify::default())
        .await
        .expect("request");

    let (_, html) = page(&app, &director, &format!("/reviews/{id}")).await;
    let refused = post(
        &app,
        &director,
        &format!("/reviews/{id}/amendment"),
        &[("choice", "refuse"), ("reason", "")],
    )
    .await;
    let refused_status = refused.status();
    let refused_html = refused.text().await.expect("body");
    let allowed = post(
        &app,
        &director,
        &format!("/reviews/{id}/amendment"),
        &[("choice", "allow"), ("reason", "")],
    )
    .await;

    assert!(html.contains("ย้ายไปสอนชั้น ม.3 กลางปี"), "{html}");
    assert!(html.contains("action=\"/reviews/"), "{html}");
    assert_eq!(refused_status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused_html.contains("กรุณาระบุเหตุผล"), "{refused_html}");
    assert_eq!(allowed.status(), StatusCode::SEE_OTHER);
    assert_eq!(allowed.headers()["location"], "/reviews?done=allowed");
    assert_eq!(state_of(&app, &id).await, AgreementState::Draft);
}

#[tokio::test]
async fn the_decision_form_posts_to_itself_and_carries_the_session_token() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let director = app.signed_in("director").await;

    let (_, html) = page(&app, &director, &format!("/reviews/{id}")).await;

    assert!(
        html.contains(&format!("action=\"/reviews/{id}/decision\"")),
        "{html}"
    );
    assert_eq!(hidden(&html, "csrf"), Some(app.csrf(&director).await));
}

#[tokio::test]
async fn an_amended_agreement_shows_what_changed_since_the_approved_version() {
    let app = spawn_app().await;
    let id = submitted(&app).await;
    let director = app.signed_in("director").await;
    let decide = format!("/reviews/{id}/decision");
    post(&app, &director, &decide, &[("decision", "approve")]).await;
    let maker = app.person("teacher").await;
    app.store
        .request_amendment(&maker, &id, "เปลี่ยนรายวิชาที่สอน", &Notify::default())
        .await
        .expect("request");
    post(
        &app,
        &director,
        &format!("/reviews/{id}/amendment"),
        &[("choice", "allow")],
    )
    .await;
    let stored = app.store.agreement(&id).await.expect("read");
    let mut revised = stored.content.clone();
    revised.workload.items[0].subjects[0].subject = "คณิตศาสตร์พื้นฐาน ค23101".into();
    let version = app
        .store
        .save_agreement(&maker, &id, stored.version, &revised)
        .await
        .expect("save");
    app.store
        .submit_agreement(&maker, &id, version, &Notify::default())
        .await
        .expect("resubmit");

    let (_, html) = page(&app, &director, &format!("/reviews/{id}")).await;

    assert!(html.contains("สิ่งที่แก้ไขตั้งแต่ฉบับที่เห็นชอบ"), "{html}");
    assert!(html.contains("ค23101"), "{html}");
    assert!(
        html.contains("id=\"decision\""),
        "the new version waits for a decision"
    );
}
