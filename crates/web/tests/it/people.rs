//! Officers adding and editing people: field errors in Thai beside the fields, nothing lost,
//! conflicts instead of silent overwrites, one-time passwords.

use crate::common;

use common::{hidden, spawn_app};
use reqwest::StatusCode;

fn form<'a>(
    csrf: &'a str,
    version: &'a str,
    first_name: &'a str,
    email: &'a str,
    citizen: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("version", version),
        ("title", "นางสาว"),
        ("first_name", first_name),
        ("last_name", "รักเรียน"),
        ("citizen_id", citizen),
        ("position", "ครู"),
        ("standing", "ชำนาญการ"),
        ("salary_scale", "คศ.2"),
        ("salary", "32000"),
        ("unit_code", "DEMO-S02"),
        ("email", email),
        ("phone", "0891234567"),
    ]
}

fn citizen(n: u64) -> String {
    domain::directory::CitizenId::from_number(520_000_000_000 + n)
        .as_str()
        .to_owned()
}

#[tokio::test]
async fn an_officer_adds_a_person_who_then_appears_in_the_school() {
    let app = spawn_app().await;
    let officer = app.signed_in("officer").await;
    let csrf = app.csrf(&officer).await;
    let id = citizen(1);
    let r = officer
        .post(app.url("/people"))
        .form(&form(&csrf, "0", "มาลัย", "malai@example.org", &id))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let page = officer
        .get(app.url(&location))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(page.contains("นางสาวมาลัย รักเรียน"), "{page}");
    assert!(page.contains("ครูชำนาญการ"));
}

#[tokio::test]
async fn invalid_fields_come_back_in_thai_beside_the_fields_with_the_input_kept() {
    let app = spawn_app().await;
    let officer = app.signed_in("officer").await;
    let csrf = app.csrf(&officer).await;
    let mut f = form(&csrf, "0", "มาลัย", "not-an-email", "1234567890123");
    f.retain(|(k, _)| *k != "salary_scale");
    f.push(("salary_scale", "คศ.4"));
    let r = officer
        .post(app.url("/people"))
        .form(&f)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.expect("body");
    assert!(page.contains("field-error"), "{page}");
    assert!(page.contains("value=\"มาลัย\""), "typed values are kept");
    assert!(page.contains("value=\"not-an-email\""));
    assert!(
        page.matches("class=\"field-error\"").count() >= 3,
        "citizen id, e-mail and salary scale: {page}"
    );
    let school = web::demo::unit_of(&app.store, "DEMO-S02")
        .await
        .expect("school");
    let people = app.store.people_under(&school).await.expect("people");
    assert!(
        people.iter().all(|p| p.first_name != "มาลัย"),
        "nothing stored"
    );
}

#[tokio::test]
async fn a_duplicate_email_is_a_conflict_shown_beside_the_email_field() {
    let app = spawn_app().await;
    let officer = app.signed_in("officer").await;
    let csrf = app.csrf(&officer).await;
    let r = officer
        .post(app.url("/people"))
        .form(&form(&csrf, "0", "มาลัย", "demo1@example.org", &citizen(2)))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let page = r.text().await.expect("body");
    assert!(page.contains("อีเมล demo1@example.org มีผู้ใช้แล้ว"), "{page}");
}

#[tokio::test]
async fn a_stale_edit_is_refused_and_the_newer_edit_survives() {
    let app = spawn_app().await;
    let officer = app.signed_in("officer").await;
    let csrf = app.csrf(&officer).await;
    let id = citizen(3);
    let r = officer
        .post(app.url("/people"))
        .form(&form(&csrf, "0", "ฉบับแรก", "v@example.org", &id))
        .send()
        .await
        .expect("post");
    let path = r.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let first = officer
        .post(app.url(&path))
        .form(&form(&csrf, "1", "แท็บหนึ่ง", "v@example.org", &id))
        .send()
        .await
        .expect("post");
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let second = officer
        .post(app.url(&path))
        .form(&form(&csrf, "1", "แท็บสอง", "v@example.org", &id))
        .send()
        .await
        .expect("post");
    assert_eq!(second.status(), StatusCode::CONFLICT);
    assert!(
        second
            .text()
            .await
            .expect("body")
            .contains("ถูกแก้ไขโดยผู้อื่นแล้ว")
    );
    let page = officer
        .get(app.url(&path))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(page.contains("แท็บหนึ่ง") && !page.contains("แท็บสอง"));
}

#[tokio::test]
async fn a_reset_password_is_shown_once_and_must_be_changed_at_first_login() {
    let app = spawn_app().await;
    let officer = app.signed_in("officer").await;
    let csrf = app.csrf(&officer).await;
    let teacher = app
        .store
        .account_by_login("teacher")
        .await
        .expect("lookup")
        .expect("teacher")
        .person_id;
    let page = officer
        .post(app.url(&format!("/people/{teacher}/password-reset")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("post")
        .text()
        .await
        .expect("body");
    let start = page
        .find("<strong><code>")
        .expect("temporary password shown")
        + "<strong><code>".len();
    let temporary = &page[start..start + 12];
    let client = app.client();
    assert_eq!(
        app.login(&client, "teacher", web::demo::DEMO_PASSWORD)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let page = client
        .get(app.url("/login"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let login_csrf = hidden(&page, "csrf").expect("csrf");
    let r = client
        .post(app.url("/login"))
        .form(&[
            ("csrf", login_csrf.as_str()),
            ("login", "teacher"),
            ("password", temporary),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.headers()["location"], "/password");
    let home = client.get(app.url("/")).send().await.expect("get");
    assert_eq!(
        home.headers()["location"],
        "/password",
        "home sends them to change it first"
    );
}
