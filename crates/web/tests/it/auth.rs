//! Signing in and out, CSRF, throttling, password changes.

use crate::common;

use common::{Engine, hidden, spawn_app, spawn_app_on, test_config};
use reqwest::StatusCode;

#[tokio::test]
async fn an_anonymous_visitor_is_sent_to_the_login_page() {
    let app = spawn_app().await;
    let r = app.client().get(app.url("/")).send().await.expect("get");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/login");
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = spawn_app().await;
    let client = app.client();
    let page = client
        .get(app.url("/login"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let csrf = hidden(&page, "csrf").expect("csrf");
    let r = client
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("login", "teacher"),
            ("password", web::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("post");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("thaipa_session="))
        .expect("session cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain HTTP in tests");
}

#[tokio::test]
async fn a_wrong_password_is_refused_in_thai_and_keeps_the_login() {
    let app = spawn_app().await;
    let client = app.client();
    assert_eq!(
        app.login(&client, "teacher", "wrong-password").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let page = client.get(app.url("/")).send().await.expect("get");
    assert_eq!(page.status(), StatusCode::SEE_OTHER, "still signed out");
}

#[tokio::test]
async fn a_login_without_the_form_token_is_refused() {
    let app = spawn_app().await;
    let r = app
        .client()
        .post(app.url("/login"))
        .form(&[
            ("csrf", "forged"),
            ("login", "teacher"),
            ("password", web::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.expect("body").contains("CSRF"));
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while_even_with_the_right_password() {
    let app = spawn_app().await;
    let client = app.client();
    for _ in 0..app.config.login_failures_per_account {
        assert_eq!(
            app.login(&client, "teacher", "wrong-password").await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        app.login(&client, "teacher", web::demo::DEMO_PASSWORD)
            .await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another account from the same address is not locked by the teacher's failures.
    assert_eq!(
        app.login(&app.client(), "director", web::demo::DEMO_PASSWORD)
            .await,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn too_many_failures_from_one_address_are_throttled_across_accounts() {
    let config = web::Config {
        login_failures_per_address: 3,
        ..test_config()
    };
    let app = spawn_app_on(Engine::Sqlite, config).await;
    let client = app.client();
    for login in ["a", "b", "c"] {
        assert_eq!(
            app.login(&client, login, "x").await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        app.login(&client, "teacher", web::demo::DEMO_PASSWORD)
            .await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn logout_needs_the_csrf_token_and_ends_the_session() {
    let app = spawn_app().await;
    let client = app.signed_in("teacher").await;
    let r = client
        .post(app.url("/logout"))
        .form(&[("csrf", "forged")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let csrf = app.csrf(&client).await;
    let r = client
        .post(app.url("/logout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        client.get(app.url("/")).send().await.expect("get").status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn changing_the_password_requires_the_current_one_and_then_the_new_one_works() {
    let app = spawn_app().await;
    let client = app.signed_in("teacher").await;
    let csrf = app.csrf(&client).await;
    let wrong = [
        ("csrf", csrf.as_str()),
        ("current", "nope"),
        ("new", "รหัสใหม่ที่ยาวพอ1"),
        ("confirm", "รหัสใหม่ที่ยาวพอ1"),
    ];
    let r = client
        .post(app.url("/password"))
        .form(&wrong)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("รหัสผ่านปัจจุบันไม่ถูกต้อง"));
    let right = [
        ("csrf", csrf.as_str()),
        ("current", web::demo::DEMO_PASSWORD),
        ("new", "รหัสใหม่ที่ยาวพอ1"),
        ("confirm", "รหัสใหม่ที่ยาวพอ1"),
    ];
    let r = client
        .post(app.url("/password"))
        .form(&right)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.login(&app.client(), "teacher", web::demo::DEMO_PASSWORD)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.login(&app.client(), "teacher", "รหัสใหม่ที่ยาวพอ1").await,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_app_serves_on_postgresql_too() {
    let app = spawn_app_on(Engine::Postgres, test_config()).await;
    let client = app.signed_in("officer").await;
    let home = client.get(app.url("/")).send().await.expect("get");
    assert_eq!(home.status(), StatusCode::OK);
    assert!(home.text().await.expect("body").contains("เจ้าหน้าที่หน่วยงาน"));
}

#[tokio::test]
async fn an_oversized_or_malformed_post_gets_a_thai_page() {
    let config = web::Config {
        max_body_bytes: 1024,
        ..test_config()
    };
    let app = spawn_app_on(Engine::Sqlite, config).await;
    let client = app.client();
    let r = client
        .post(app.url("/login"))
        .body(vec![b'a'; 4096])
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body = r.text().await.expect("body");
    assert!(body.contains("ขนาดใหญ่เกินไป"), "{body}");
    let r = client
        .post(app.url("/login"))
        .form(&[("login", "teacher")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("ไม่ครบหรือไม่ถูกต้อง"));
    let r = client
        .delete(app.url("/login"))
        .send()
        .await
        .expect("delete");
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.text().await.expect("body").contains("ไม่รองรับ"));
}

#[tokio::test]
async fn behind_an_https_proxy_the_session_cookie_is_secure() {
    let app = spawn_app().await;
    let client = app.client();
    let page = client
        .get(app.url("/login"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .expect("page");
    let pre = page.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_owned();
    assert!(pre.contains("; Secure"), "{pre}");
    let csrf = hidden(&page.text().await.expect("body"), "csrf").expect("csrf");
    let r = client
        .post(app.url("/login"))
        .header("x-forwarded-proto", "https")
        .form(&[
            ("csrf", csrf.as_str()),
            ("login", "teacher"),
            ("password", web::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("post");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("thaipa_session="))
        .expect("session")
        .to_owned();
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test]
async fn every_demo_login_signs_in() {
    let app = spawn_app().await;
    for login in web::demo::all_logins() {
        assert_eq!(
            app.login(&app.client(), &login, web::demo::DEMO_PASSWORD)
                .await,
            StatusCode::SEE_OTHER,
            "{login}"
        );
    }
}
