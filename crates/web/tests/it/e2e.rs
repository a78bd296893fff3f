//! End to end in a real headless Chromium, driven through chromedriver over the WebDriver
//! protocol: every demo role logs in at desktop and phone width and sees its Thai home page.
//! Screenshots go to `target/screenshots/` to be looked at. Without Chromium and chromedriver
//! (Debian's `chromium` and `chromium-driver`, which `scripts/test.sh` installs) the test fails.

use crate::browser;
use crate::common;

use browser::{Browser, screenshots, start_driver};
use common::{TestApp, spawn_app};
use serde_json::{Value, json};

/// The h2 headings of the page.
async fn cards(b: &Browser<'_>) -> Vec<String> {
    let v = b
        .script("return Array.from(document.querySelectorAll('h2')).map(h => h.textContent.trim())")
        .await;
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_owned))
        .collect()
}

async fn log_in(app: &TestApp, b: &Browser<'_>, login: &str) {
    b.goto(&app.url("/login")).await;
    b.type_into("#login", login).await;
    b.type_into("#password", web::demo::DEMO_PASSWORD).await;
    b.click("form button[type=submit]").await;
    b.wait_for_heading("สวัสดี").await;
}

#[tokio::test]
async fn every_demo_role_logs_in_and_sees_its_own_thai_home_page_on_desktop_and_phone() {
    let app = spawn_app().await;
    let driver = start_driver().await;
    let dir = screenshots();
    let expected: [(&str, &[&str], &[&str]); 5] = [
        (
            "teacher",
            &["ข้อมูลของฉัน"],
            &["เจ้าหน้าที่หน่วยงาน", "ผู้ดูแลระบบ", "ผู้ให้ความเห็นชอบข้อตกลง"],
        ),
        (
            "director",
            &["ข้อมูลของฉัน", "ผู้ให้ความเห็นชอบข้อตกลง"],
            &["เจ้าหน้าที่หน่วยงาน", "ผู้ดูแลระบบ"],
        ),
        ("esa", &["ข้อมูลของฉัน", "ผู้ให้ความเห็นชอบข้อตกลง"], &["ผู้ดูแลระบบ"]),
        ("officer", &["ข้อมูลของฉัน", "เจ้าหน้าที่หน่วยงาน"], &["ผู้ดูแลระบบ"]),
        ("admin", &["ข้อมูลของฉัน", "เจ้าหน้าที่หน่วยงาน", "ผู้ดูแลระบบ"], &[]),
    ];
    for (width, height, label) in [(1280, 900, "desktop"), (390, 844, "phone")] {
        let b = driver.browser().await;
        b.size(width, height).await;
        for (login, present, absent) in expected {
            log_in(&app, &b, login).await;
            let h2 = cards(&b).await;
            for card in present {
                assert!(
                    h2.iter().any(|h| h == card),
                    "{login} ({label}) should see {card}: {h2:?}"
                );
            }
            for card in absent {
                assert!(
                    !h2.iter().any(|h| h == card),
                    "{login} ({label}) must not see {card}: {h2:?}"
                );
            }
            let font = b.script_async("const done = arguments[0]; document.fonts.ready.then(() => done(document.fonts.check('16px Sarabun')));").await;
            assert_eq!(
                font,
                json!(true),
                "the Sarabun webfont is served and used ({login}, {label})"
            );
            b.screenshot(width, &dir.join(format!("home-{login}-{label}.png")))
                .await;
            b.size(width, height).await;
            b.call(reqwest::Method::DELETE, "/cookie", None).await;
        }
        b.close().await;
    }
}

/// Key actions typing `text`, where `\u{E004}` is Tab and `\u{E007}` is Enter.
fn keys(text: &str) -> Value {
    let actions: Vec<Value> = text
        .chars()
        .flat_map(|c| {
            [
                json!({"type": "keyDown", "value": c.to_string()}),
                json!({"type": "keyUp", "value": c.to_string()}),
            ]
        })
        .collect();
    json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})
}

#[tokio::test]
async fn a_keyboard_user_logs_in_without_a_mouse() {
    let app = spawn_app().await;
    let driver = start_driver().await;
    let b = driver.browser().await;
    b.goto(&app.url("/login")).await;
    let focused = b.script("return document.activeElement.id").await;
    assert_eq!(
        focused,
        json!("login"),
        "the login field has the focus on arrival"
    );
    b.screenshot(1280, &screenshots().join("login-desktop.png"))
        .await;
    let typed = format!("teacher\u{E004}{}\u{E007}", web::demo::DEMO_PASSWORD);
    b.call(reqwest::Method::POST, "/actions", Some(keys(&typed)))
        .await;
    b.wait_for_heading("สวัสดี").await;
    b.close().await;
}
