//! The agreement as the official PA 1 over HTTP: PDF and Word downloads of the current content
//! and of each submitted version, the buttons on the maker's and the reviewer's pages, and who
//! may download nothing.

use crate::common;

use std::collections::BTreeMap;

use common::{TestApp, spawn_app, this_year};
use domain::agreement::Decision;
use reqwest::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::{Client, StatusCode};
use store::AgreementId;
use store::workflow::Notify;

const PDF: &str = "application/pdf";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The `teacher`'s draft of this year; the `director` of their school approves it.
async fn draft(app: &TestApp) -> AgreementId {
    let maker = app.person("teacher").await;
    app.store
        .create_agreement(&maker, &this_year(|_| {}))
        .await
        .expect("create")
}

async fn submit(app: &TestApp, id: &AgreementId) -> i64 {
    let maker = app.person("teacher").await;
    let version = app.store.agreement(id).await.expect("read").version;
    app.store
        .submit_agreement(&maker, id, version, &Notify::default())
        .await
        .expect("submit")
}

/// A download: its status, three headers (empty when absent) and its body.
struct Got {
    status: StatusCode,
    content_type: String,
    disposition: String,
    cache: String,
    body: Vec<u8>,
}

impl Got {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn get(app: &TestApp, client: &Client, path: &str) -> Got {
    let r = client.get(app.url(path)).send().await.expect("get");
    let header = |name| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (content_type, disposition, cache) = (
        header(CONTENT_TYPE),
        header(CONTENT_DISPOSITION),
        header(CACHE_CONTROL),
    );
    Got {
        status: r.status(),
        content_type,
        disposition,
        cache,
        body: r.bytes().await.expect("body").to_vec(),
    }
}

fn assert_pdf(g: &Got) {
    assert_eq!(g.status, StatusCode::OK, "{}", g.text());
    assert_eq!(g.content_type, PDF);
    assert!(g.body.starts_with(b"%PDF"), "a PDF file");
}

fn assert_docx(g: &Got) {
    assert_eq!(g.status, StatusCode::OK, "{}", g.text());
    assert_eq!(g.content_type, DOCX);
    assert!(g.body.starts_with(b"PK"), "a zip (Word) file");
}

#[tokio::test]
async fn the_maker_downloads_the_current_agreement_as_pdf_and_word() {
    let app = spawn_app().await;
    let id = draft(&app).await;
    let fy = this_year(|_| {}).fiscal_year;
    let teacher = app.signed_in("teacher").await;

    let pdf = get(&app, &teacher, &format!("/agreements/{id}/pa1.pdf")).await;
    let docx = get(&app, &teacher, &format!("/agreements/{id}/pa1.docx")).await;

    assert_pdf(&pdf);
    assert!(
        pdf.disposition
            .starts_with(&format!("attachment; filename=\"PA1-{fy}-current.pdf\"")),
        "{}",
        pdf.disposition
    );
    assert!(
        pdf.disposition.contains("filename*=UTF-8''"),
        "{}",
        pdf.disposition
    );
    assert_eq!(
        pdf.cache, "private, no-cache",
        "the current content changes"
    );
    assert_docx(&docx);
    assert!(
        docx.disposition
            .contains(&format!("filename=\"PA1-{fy}-current.docx\"")),
        "{}",
        docx.disposition
    );
}

#[tokio::test]
async fn a_submitted_version_downloads_by_number_and_stays_as_it_was_submitted() {
    let app = spawn_app().await;
    let id = draft(&app).await;
    let fy = this_year(|_| {}).fiscal_year;
    let teacher = app.signed_in("teacher").await;
    let before = get(
        &app,
        &teacher,
        &format!("/agreements/{id}/pa1.pdf?version=1"),
    )
    .await;
    assert_eq!(
        before.status,
        StatusCode::NOT_FOUND,
        "nothing submitted yet"
    );

    assert_eq!(submit(&app, &id).await, 1);
    let v1 = get(
        &app,
        &teacher,
        &format!("/agreements/{id}/pa1.pdf?version=1"),
    )
    .await;
    let v1_docx = get(
        &app,
        &teacher,
        &format!("/agreements/{id}/pa1.docx?version=1"),
    )
    .await;

    assert_pdf(&v1);
    assert!(
        v1.disposition
            .starts_with(&format!("attachment; filename=\"PA1-{fy}-1.pdf\"")),
        "{}",
        v1.disposition
    );
    assert_eq!(v1.cache, "private, max-age=31536000, immutable");
    assert_docx(&v1_docx);

    // Returned, then changed by the maker: the current document follows, version 1 does not.
    let director = app.person("director").await;
    app.store
        .review_agreement(
            &director,
            &id,
            Decision::Return,
            "ขอให้ระบุตัวชี้วัดให้ชัดเจนขึ้น",
            &BTreeMap::new(),
            &Notify::default(),
        )
        .await
        .expect("return");
    let stored = app.store.agreement(&id).await.expect("read");
    let mut changed = stored.content.clone();
    changed.part1[0].tasks = "งานที่แก้ไขหลังจากส่งกลับ ครั้งที่หนึ่ง".to_owned();
    app.store
        .save_agreement(&stored.person_id, &id, stored.version, &changed)
        .await
        .expect("save");
    let current = get(&app, &teacher, &format!("/agreements/{id}/pa1.pdf")).await;
    let again = get(
        &app,
        &teacher,
        &format!("/agreements/{id}/pa1.pdf?version=1"),
    )
    .await;
    let again_docx = get(
        &app,
        &teacher,
        &format!("/agreements/{id}/pa1.docx?version=1"),
    )
    .await;

    assert_pdf(&current);
    assert_ne!(current.body, v1.body, "the current content has changed");
    assert_pdf(&again);
    assert_eq!(again.body, v1.body, "version 1 prints as it did on the day");
    assert_docx(&again_docx);
    assert_eq!(
        again_docx.body, v1_docx.body,
        "and its Word file is the same file"
    );
}

#[tokio::test]
async fn a_version_that_does_not_exist_is_a_thai_404() {
    let app = spawn_app().await;
    let id = draft(&app).await;
    submit(&app, &id).await;
    let teacher = app.signed_in("teacher").await;

    for path in [
        format!("/agreements/{id}/pa1.pdf?version=2"),
        format!("/agreements/{id}/pa1.docx?version=2"),
    ] {
        let g = get(&app, &teacher, &path).await;
        assert_eq!(g.status, StatusCode::NOT_FOUND, "{path}");
        assert!(g.content_type.starts_with("text/html"), "{path}");
        assert!(g.text().contains("ไม่พบข้อตกลงฉบับที่ 2"), "{}", g.text());
    }
    for bad in ["0", "abc"] {
        let g = get(
            &app,
            &teacher,
            &format!("/agreements/{id}/pa1.pdf?version={bad}"),
        )
        .await;
        assert_eq!(g.status, StatusCode::NOT_FOUND, "version={bad}");
        assert!(g.text().contains("ไม่พบข้อตกลงฉบับที่"), "{}", g.text());
    }
}

#[tokio::test]
async fn someone_unrelated_to_the_agreement_gets_404_and_a_stranger_the_login_page() {
    let app = spawn_app().await;
    let id = draft(&app).await;
    submit(&app, &id).await;
    // The director of another school: no relation to this teacher.
    let other = app.signed_in("demo-s02-1").await;

    for path in [
        format!("/agreements/{id}/pa1.pdf"),
        format!("/agreements/{id}/pa1.docx"),
        format!("/agreements/{id}/pa1.pdf?version=1"),
        format!("/agreements/{id}/pa1.docx?version=1"),
        "/agreements/no-such-id/pa1.pdf".to_owned(),
    ] {
        let g = get(&app, &other, &path).await;
        assert_eq!(g.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!g.body.starts_with(b"%PDF"), "{path}");
        assert!(g.text().contains("ไม่พบหน้าที่ต้องการ"), "{path}: {}", g.text());
    }
    let stranger = app.client();
    let g = get(&app, &stranger, &format!("/agreements/{id}/pa1.pdf")).await;
    assert_eq!(g.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_approver_and_an_officer_download_what_they_read() {
    let app = spawn_app().await;
    let id = draft(&app).await;
    submit(&app, &id).await;

    for login in ["director", "officer"] {
        let c = app.signed_in(login).await;
        assert_pdf(&get(&app, &c, &format!("/agreements/{id}/pa1.pdf?version=1")).await);
        assert_docx(&get(&app, &c, &format!("/agreements/{id}/pa1.docx")).await);
    }
}

#[tokio::test]
async fn the_maker_and_review_pages_offer_the_current_content_and_each_version() {
    let app = spawn_app().await;
    let id = draft(&app).await;
    let teacher = app.signed_in("teacher").await;
    let page = |client: Client, path: String| {
        let app = &app;
        async move {
            let r = client.get(app.url(&path)).send().await.expect("page");
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            r.text().await.expect("body")
        }
    };

    let draft_page = page(teacher.clone(), format!("/agreements/{id}")).await;
    assert!(draft_page.contains(&format!("href=\"/agreements/{id}/pa1.pdf\"")));
    assert!(draft_page.contains(&format!("href=\"/agreements/{id}/pa1.docx\"")));
    assert!(draft_page.contains("ดาวน์โหลด PDF") && draft_page.contains("ดาวน์โหลด Word"));
    assert!(
        !draft_page.contains("?version="),
        "no version before a submission"
    );

    submit(&app, &id).await;
    let mine = page(teacher, format!("/agreements/{id}")).await;
    let review = page(app.signed_in("director").await, format!("/reviews/{id}")).await;
    for html in [&mine, &review] {
        assert!(html.contains(&format!("href=\"/agreements/{id}/pa1.pdf\"")));
        assert!(html.contains(&format!("href=\"/agreements/{id}/pa1.pdf?version=1\"")));
        assert!(html.contains(&format!("href=\"/agreements/{id}/pa1.docx?version=1\"")));
        assert!(html.contains("ฉบับที่ 1"));
        assert!(!html.contains("?version=2"), "one version only");
    }
}
