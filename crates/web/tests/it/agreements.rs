//! The maker's PA 1 over HTTP: starting it from the catalog and the profile, autosave with its
//! Thai refusals that change nothing, conflicts between two tabs, submission.

use crate::common;

use common::{TestApp, spawn_app};
use domain::agreement::Agreement;
use domain::workflow::AgreementState;
use reqwest::{Client, StatusCode};
use serde_json::Value;
use store::{AgreementId, PersonId};

/// `demo-s01-5` is a ครูชำนาญการ of school 1 with no agreement yet.
const FRESH_TEACHER: &str = "demo-s01-5";

struct Started {
    client: Client,
    csrf: String,
    id: AgreementId,
}

async fn start(app: &TestApp, login: &str, from: &str) -> Started {
    let client = app.signed_in(login).await;
    let csrf = app.csrf(&client).await;
    let r = client
        .post(app.url("/agreements"))
        .form(&[("csrf", csrf.as_str()), ("from", from)])
        .send()
        .await
        .expect("start");
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "start as {login}");
    let location = r.headers()["location"].to_str().expect("location");
    let id = location
        .strip_prefix("/agreements/")
        .and_then(|rest| rest.strip_suffix("/edit"))
        .unwrap_or_else(|| panic!("redirect to the editor, got {location}"))
        .to_owned();
    Started {
        client,
        csrf,
        id: AgreementId(id),
    }
}

impl Started {
    async fn save(
        &self,
        app: &TestApp,
        version: i64,
        fields: &[(&str, &str)],
    ) -> (StatusCode, Value) {
        let version = version.to_string();
        let mut form: Vec<(&str, &str)> = vec![("csrf", &self.csrf), ("version", &version)];
        form.extend_from_slice(fields);
        let r = self
            .client
            .post(app.url(&format!("/agreements/{}/save", self.id)))
            .header("Accept", "application/json")
            .form(&form)
            .send()
            .await
            .expect("save");
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn page(&self, app: &TestApp, path: &str) -> (StatusCode, String) {
        let r = self
            .client
            .get(app.url(&format!("/agreements/{}{path}", self.id)))
            .send()
            .await
            .expect("get");
        (r.status(), r.text().await.expect("body"))
    }
}

async fn stored(app: &TestApp, id: &AgreementId) -> store::agreements::StoredAgreement {
    app.store.agreement(id).await.expect("stored agreement")
}

#[tokio::test]
async fn a_teacher_starts_a_blank_agreement_with_the_header_from_their_profile() {
    let app = spawn_app().await;
    let s = start(&app, FRESH_TEACHER, "blank").await;
    let a = stored(&app, &s.id).await;
    assert_eq!(a.state, AgreementState::Draft);
    assert_eq!(a.form_id, "teacher-obec-w9-2564-v1");
    assert_eq!(a.content.maker.standing_title, "ครูชำนาญการ");
    assert_eq!(a.content.maker.unit, "โรงเรียนบ้านหนองบัว");
    assert_eq!(a.content.part1.len(), 3, "one row per area");
    let (status, page) = s.page(&app, "/edit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&a.content.maker.full_name()), "header shown");
    assert!(
        page.contains("name=\"/part1/0/tasks\""),
        "inputs named by path"
    );
    assert!(
        page.contains("ลักษณะงานที่เสนอ"),
        "the area's scope text is offered"
    );
}

#[tokio::test]
async fn starting_twice_opens_the_same_agreement() {
    let app = spawn_app().await;
    let first = start(&app, FRESH_TEACHER, "blank").await;
    let second = start(&app, FRESH_TEACHER, "blank").await;
    assert_eq!(first.id, second.id);
}

#[tokio::test]
async fn an_assistant_teacher_is_told_in_thai_that_they_make_no_agreement() {
    let app = spawn_app().await;
    let client = app.signed_in("demo-s01-3").await;
    let csrf = app.csrf(&client).await;
    let r = client
        .post(app.url("/agreements"))
        .form(&[("csrf", csrf.as_str()), ("from", "blank")])
        .send()
        .await
        .expect("start");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("ครูผู้ช่วยไม่ต้องจัดทำ"));
}

#[tokio::test]
async fn an_autosave_stores_the_fields_and_answers_with_the_checkers_findings() {
    let app = spawn_app().await;
    let s = start(&app, FRESH_TEACHER, "blank").await;
    let before = stored(&app, &s.id).await;
    let (status, body) = s
        .save(
            &app,
            before.version,
            &[
                ("/part1/0/tasks", "1. จัดทำแผนการจัดการเรียนรู้รายวิชาคณิตศาสตร์"),
                ("/workload/items/0/hours", "18"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["version"], before.version + 1);
    assert!(
        body["errors"].as_u64().expect("error count") > 0,
        "a blank PA has empty cells"
    );
    assert!(
        body["findings_html"]
            .as_str()
            .expect("html")
            .contains("data-path=")
    );
    let after = stored(&app, &s.id).await;
    assert_eq!(
        after.content.part1[0].tasks,
        "1. จัดทำแผนการจัดการเรียนรู้รายวิชาคณิตศาสตร์"
    );
    assert_eq!(after.content.workload.items[0].hours, Some(18.0));
}

#[tokio::test]
async fn text_pasted_from_a_pdf_is_cleaned_before_it_is_saved() {
    let app = spawn_app().await;
    let s = start(&app, FRESH_TEACHER, "blank").await;
    let v = stored(&app, &s.id).await.version;
    let (status, body) = s
        .save(&app, v, &[("/part1/0/tasks", "ประสานงานกับส านักงานเขต")])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        stored(&app, &s.id).await.content.part1[0].tasks,
        "ประสานงานกับสำนักงานเขต"
    );
    assert_eq!(body["normalized"][0][0], "/part1/0/tasks");
}

/// Each bad input gets a Thai message at its field, and the stored PA does not change.
#[tokio::test]
async fn bad_input_is_refused_at_its_field_and_changes_nothing() {
    let app = spawn_app().await;
    let s = start(&app, FRESH_TEACHER, "blank").await;
    let (v, _) = s
        .save(
            &app,
            stored(&app, &s.id).await.version,
            &[("/part1/0/tasks", "ข้อความเดิม")],
        )
        .await;
    assert_eq!(v, StatusCode::OK);
    let before = stored(&app, &s.id).await;
    let long = "ก".repeat(domain::editing::MAX_TEXT_CHARS + 1);
    let cases: [(&str, &str); 5] = [
        ("/part1/0/tasks", long.as_str()),
        ("/workload/items/0/hours", "-3"),
        ("/workload/items/0/hours", "สิบแปด"),
        ("/part1/0/tasks", "<script>alert(1)</script>"),
        ("/challenges/0/quantitative/0/value", "80%x"),
    ];
    for (path, value) in cases {
        let (status, body) = s.save(&app, before.version, &[(path, value)]).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}={value}: {body}"
        );
        let errors = body["errors"].as_array().expect("field errors");
        assert!(
            errors.iter().any(|e| e["path"] == path
                && e["message"]
                    .as_str()
                    .is_some_and(|m| m.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)))),
            "a Thai message at {path}: {body}"
        );
        let now = stored(&app, &s.id).await;
        assert_eq!(now.version, before.version, "{path}: nothing saved");
        assert_eq!(now.content, before.content, "{path}: content unchanged");
    }
}

#[tokio::test]
async fn a_save_from_a_stale_tab_is_a_conflict_and_overwrites_nothing() {
    let app = spawn_app().await;
    let s = start(&app, FRESH_TEACHER, "blank").await;
    let v = stored(&app, &s.id).await.version;
    let (first, _) = s.save(&app, v, &[("/part1/0/tasks", "จากแท็บแรก")]).await;
    assert_eq!(first, StatusCode::OK);
    let (second, body) = s.save(&app, v, &[("/part1/0/tasks", "จากแท็บที่สอง")]).await;
    assert_eq!(second, StatusCode::CONFLICT);
    assert!(
        body["message"]
            .as_str()
            .expect("message")
            .contains("ถูกแก้ไขโดยผู้อื่นแล้ว")
    );
    assert_eq!(
        stored(&app, &s.id).await.content.part1[0].tasks,
        "จากแท็บแรก"
    );
}

#[tokio::test]
async fn markup_already_in_an_agreement_is_shown_as_text_never_run() {
    let app = spawn_app().await;
    let s = start(&app, FRESH_TEACHER, "blank").await;
    let a = stored(&app, &s.id).await;
    let mut content = a.content.clone();
    content.part1[0].tasks = "<script>alert('x')</script>".into();
    app.store
        .save_agreement(&a.person_id, &a.id, a.version, &content)
        .await
        .expect("save through the store");
    let (_, page) = s.page(&app, "/edit").await;
    assert!(
        !page.contains("<script>alert('x')"),
        "markup must be escaped"
    );
    assert!(
        page.contains("&lt;script&gt;") || page.contains("&#60;script&#62;"),
        "shown as text"
    );
}

#[tokio::test]
async fn nobody_else_reads_or_saves_a_teachers_agreement_by_its_id() {
    let app = spawn_app().await;
    let s = start(&app, FRESH_TEACHER, "blank").await;
    let colleague = app.signed_in("demo-s01-7").await;
    let csrf = app.csrf(&colleague).await;
    for path in ["", "/edit", "/submit"] {
        let r = colleague
            .get(app.url(&format!("/agreements/{}{path}", s.id)))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "GET {path}");
    }
    let r = colleague
        .post(app.url(&format!("/agreements/{}/save", s.id)))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", "1"),
            ("/part1/0/tasks", "แก้โดยผู้อื่น"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(stored(&app, &s.id).await.content.part1[0].tasks, "");
}

/// The demo `teacher` is a ครูชำนาญการพิเศษ (สพฐ.), as the complete example fixture is.
async fn complete_content(app: &TestApp, s: &Started) -> store::agreements::StoredAgreement {
    let a = stored(app, &s.id).await;
    let mut content = Agreement::from_json(include_str!(
        "../../../../examples/teacher-obec-senior-professional.json"
    ))
    .expect("fixture");
    content.fiscal_year = a.content.fiscal_year;
    content.period = a.content.period;
    content.maker = a.content.maker.clone();
    content.signature = a.content.signature.clone();
    for step in content
        .challenges
        .iter_mut()
        .flat_map(|c| c.method.steps.iter_mut())
    {
        step.start = None;
        step.end = None;
    }
    app.store
        .save_agreement(&a.person_id, &a.id, a.version, &content)
        .await
        .expect("save the complete content");
    stored(app, &s.id).await
}

#[tokio::test]
async fn submitting_is_refused_while_the_checker_finds_errors() {
    let app = spawn_app().await;
    let s = start(&app, FRESH_TEACHER, "blank").await;
    let (_, confirm) = s.page(&app, "/submit").await;
    assert!(confirm.contains("ยังเสนอไม่ได้"), "{confirm}");
    let v = stored(&app, &s.id).await.version.to_string();
    let r = s
        .client
        .post(app.url(&format!("/agreements/{}/submit", s.id)))
        .form(&[("csrf", s.csrf.as_str()), ("version", v.as_str())])
        .send()
        .await
        .expect("submit");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stored(&app, &s.id).await.state, AgreementState::Draft);
}

#[tokio::test]
async fn a_complete_agreement_is_submitted_frozen_and_its_approver_notified() {
    let app = spawn_app().await;
    let s = start(&app, "teacher", "blank").await;
    let a = complete_content(&app, &s).await;
    let (_, confirm) = s.page(&app, "/submit").await;
    assert!(confirm.contains("ยืนยันการเสนอข้อตกลง"), "{confirm}");
    let v = a.version.to_string();
    let r = s
        .client
        .post(app.url(&format!("/agreements/{}/submit", s.id)))
        .form(&[("csrf", s.csrf.as_str()), ("version", v.as_str())])
        .send()
        .await
        .expect("submit");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(stored(&app, &s.id).await.state, AgreementState::Submitted);
    assert_eq!(
        app.store
            .agreement_versions(&s.id)
            .await
            .expect("versions")
            .len(),
        1
    );
    let director = app
        .store
        .account_by_login("director")
        .await
        .expect("account")
        .expect("director")
        .person_id;
    let notes = app
        .store
        .notifications(&PersonId(director), 10)
        .await
        .expect("notifications");
    assert!(
        notes.iter().any(|n| n.agreement_id.as_ref() == Some(&s.id)),
        "{notes:?}"
    );
    let (status, _) = s
        .save(
            &app,
            stored(&app, &s.id).await.version,
            &[("/part1/0/tasks", "หลังเสนอ")],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "a submitted PA is frozen");
    let (status, page) = s.page(&app, "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("รอการพิจารณา"), "the state is shown");
    assert!(
        page.contains(
            &a.content.part1[0]
                .tasks
                .lines()
                .next()
                .unwrap_or_default()
                .replace('"', "&quot;")
        ),
        "the agreement as it prints"
    );
    assert!(page.contains("เสนอข้อตกลง ฉบับที่ 1"), "the history: {page}");
}
