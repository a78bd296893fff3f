//! End to end in a real headless Chromium, driven through chromedriver over the WebDriver
//! protocol: every demo role logs in at desktop and phone width and sees its Thai home page.
//! Screenshots go to `target/screenshots/` to be looked at. Without Chromium and chromedriver
//! (Debian's `chromium` and `chromium-driver`, which `scripts/test.sh` installs) the test fails.

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine as _;
use common::{TestApp, spawn_app};
use serde_json::{Value, json};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A chromedriver process, killed when dropped.
struct Driver {
    child: Child,
    url: String,
    http: reqwest::Client,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session.
struct Browser<'a> {
    driver: &'a Driver,
    session: String,
}

async fn start_driver() -> Driver {
    for tool in [CHROMEDRIVER, CHROMIUM] {
        assert!(
            std::path::Path::new(tool).exists(),
            "{tool} is missing: install Debian's chromium and chromium-driver \
             (apt-get install chromium chromium-driver), as scripts/test.sh does"
        );
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("free port")
        .local_addr()
        .expect("addr")
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        http: reqwest::Client::new(),
        _profile: tempfile::tempdir().expect("profile dir"),
    };
    for _ in 0..100 {
        if let Ok(r) = driver
            .http
            .get(format!("{}/status", driver.url))
            .send()
            .await
            && r.status().is_success()
        {
            return driver;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start on port {port}");
}

impl Driver {
    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.url));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp: Value = req
            .send()
            .await
            .expect("webdriver request")
            .json()
            .await
            .expect("webdriver json");
        let value = resp["value"].clone();
        if let Some(err) = value.get("error") {
            panic!(
                "WebDriver {method} {path} failed: {err} {}",
                value["message"]
            );
        }
        value
    }

    async fn browser(&self) -> Browser<'_> {
        let args = [
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-background-networking".to_owned(),
            format!("--user-data-dir={}", self._profile.path().display()),
            "--window-size=1280,900".to_owned(),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args}
        }}});
        let v = self
            .call(reqwest::Method::POST, "/session", Some(caps))
            .await;
        Browser {
            driver: self,
            session: v["sessionId"].as_str().expect("session id").to_owned(),
        }
    }
}

impl Browser<'_> {
    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        self.driver
            .call(method, &format!("/session/{}{path}", self.session), body)
            .await
    }

    async fn goto(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", Some(json!({"url": url})))
            .await;
    }

    async fn find(&self, css: &str) -> String {
        let v = self
            .call(
                reqwest::Method::POST,
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            )
            .await;
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("element id")
            .to_owned()
    }

    async fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{el}/value"),
            Some(json!({"text": text})),
        )
        .await;
    }

    async fn click(&self, css: &str) {
        let el = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{el}/click"),
            Some(json!({})),
        )
        .await;
    }

    async fn script(&self, js: &str) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({"script": js, "args": []})),
        )
        .await
    }

    async fn script_async(&self, js: &str) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/async",
            Some(json!({"script": js, "args": []})),
        )
        .await
    }

    async fn size(&self, width: u32, height: u32) {
        self.call(
            reqwest::Method::POST,
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        )
        .await;
    }

    /// Waits until the page's h1 contains `text`, or fails with what the page shows.
    async fn wait_for_heading(&self, text: &str) {
        for _ in 0..50 {
            let h1 = self
                .script("const h = document.querySelector('h1'); return h ? h.textContent : '';")
                .await;
            if h1.as_str().is_some_and(|h| h.contains(text)) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let body = self.script("return document.body.innerText").await;
        panic!("no heading with {text:?}; the page shows: {body}");
    }

    /// A PNG of the whole page (the window is stretched to the page's height first).
    async fn screenshot(&self, width: u32, path: &PathBuf) {
        let height = self
            .script("return document.documentElement.scrollHeight")
            .await
            .as_u64()
            .unwrap_or(900);
        self.size(
            width,
            u32::try_from(height).unwrap_or(900).clamp(600, 4000) + 140,
        )
        .await;
        let png = self.call(reqwest::Method::GET, "/screenshot", None).await;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().expect("base64"))
            .expect("decode");
        std::fs::write(path, bytes).expect("write screenshot");
    }

    async fn close(self) {
        self.call(reqwest::Method::DELETE, "", None).await;
    }
}

fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

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
