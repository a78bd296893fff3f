//! In-app notifications over HTTP: the list, the menu badge, marking read.

use crate::common;

use common::{TestApp, spawn_app, this_year};
use reqwest::StatusCode;
use store::AgreementId;
use store::workflow::Notify;

/// The teacher submits this year's agreement: the director is told.
async fn teacher_submits(app: &TestApp) -> AgreementId {
    let a = this_year(|_| {});
    let teacher = app.person("teacher").await;
    let id = app
        .store
        .create_agreement(&teacher, &a)
        .await
        .expect("create");
    app.store
        .submit_agreement(&teacher, &id, 1, &Notify::default())
        .await
        .expect("submit");
    id
}

async fn text(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    client
        .get(app.url(path))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body")
}

#[tokio::test]
async fn the_approver_is_told_of_a_submission_with_a_link_to_the_agreement() {
    let app = spawn_app().await;
    let id = teacher_submits(&app).await;
    let director = app.signed_in("director").await;

    let html = text(&app, &director, "/notifications").await;

    assert!(
        html.contains(&format!("href=\"/agreements/{id}/open\"")),
        "{html}"
    );
    assert!(html.contains("รอการพิจารณา"), "{html}");
    assert!(html.contains("ใหม่"), "{html}");
}

#[tokio::test]
async fn the_menu_shows_the_unread_count_and_the_waiting_count() {
    let app = spawn_app().await;
    teacher_submits(&app).await;
    let director = app.signed_in("director").await;
    let unread = app
        .store
        .unread_notifications(&app.person("director").await)
        .await
        .expect("count");
    let waiting = app
        .store
        .inbox(&app.person("director").await)
        .await
        .expect("inbox")
        .len();

    let html = text(&app, &director, "/").await;

    assert!(unread >= 1 && waiting >= 1);
    assert!(
        html.contains(&format!(
            "<span class=\"nav-count\">{unread}<span class=\"sr-only\"> รายการยังไม่อ่าน</span>"
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "<span class=\"nav-count\">{waiting}<span class=\"sr-only\"> รายการรอพิจารณา</span>"
        )),
        "{html}"
    );
}

#[tokio::test]
async fn marking_everything_read_clears_the_badge() {
    let app = spawn_app().await;
    teacher_submits(&app).await;
    let director = app.signed_in("director").await;
    let csrf = app.csrf(&director).await;

    let r = director
        .post(app.url("/notifications/read"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("post");

    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/notifications");
    let director_id = app.person("director").await;
    assert_eq!(
        app.store
            .unread_notifications(&director_id)
            .await
            .expect("count"),
        0
    );
    let html = text(&app, &director, "/notifications").await;
    assert!(!html.contains("รายการยังไม่อ่าน"), "{html}");
}

#[tokio::test]
async fn marking_read_without_the_session_token_is_refused() {
    let app = spawn_app().await;
    teacher_submits(&app).await;
    let director = app.signed_in("director").await;

    let r = director
        .post(app.url("/notifications/read"))
        .form(&[("csrf", "forged")])
        .send()
        .await
        .expect("post");

    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        app.store
            .unread_notifications(&app.person("director").await)
            .await
            .expect("count")
            > 0
    );
}

#[tokio::test]
async fn a_person_sees_only_their_own_notifications() {
    let app = spawn_app().await;
    let id = teacher_submits(&app).await;
    let colleague = app.signed_in("demo-s01-5").await;

    let html = text(&app, &colleague, "/notifications").await;

    assert!(!html.contains(&id.0), "{html}");
    assert!(html.contains("ยังไม่มีการแจ้งเตือน"), "{html}");
}

#[tokio::test]
async fn a_notification_link_takes_the_approver_to_the_review_page() {
    let app = spawn_app().await;
    let id = teacher_submits(&app).await;
    let director = app.signed_in("director").await;

    let r = director
        .get(app.url(&format!("/agreements/{id}/open")))
        .send()
        .await
        .expect("get");

    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], format!("/reviews/{id}").as_str());
}
