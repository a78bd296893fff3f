//! A real headless Chromium driven through chromedriver over the WebDriver protocol, for the
//! end-to-end tests. Without Chromium and chromedriver (Debian's `chromium` and
//! `chromium-driver`, which `scripts/test.sh` installs) the tests fail; they never skip.
#![allow(dead_code)] // the journeys each use their own subset

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine as _;
use serde_json::{Value, json};

pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// How many Chromiums may run at once. The journeys share one test binary, and on the 2-core CI
/// machine more browsers side by side than cores only make every journey slower.
static BROWSERS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// A chromedriver process, killed when dropped.
pub struct Driver {
    child: Child,
    url: String,
    http: reqwest::Client,
    _profile: tempfile::TempDir,
    _slot: tokio::sync::SemaphorePermit<'static>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session.
pub struct Browser<'a> {
    driver: &'a Driver,
    session: String,
}

pub async fn start_driver() -> Driver {
    let slot = BROWSERS
        .acquire()
        .await
        .expect("the browser gate is never closed");
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
        _slot: slot,
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
    pub async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
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

    pub async fn browser(&self) -> Browser<'_> {
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
    pub async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        self.driver
            .call(method, &format!("/session/{}{path}", self.session), body)
            .await
    }

    pub async fn goto(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", Some(json!({"url": url})))
            .await;
    }

    pub async fn find(&self, css: &str) -> String {
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

    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{el}/value"),
            Some(json!({"text": text})),
        )
        .await;
    }

    pub async fn click(&self, css: &str) {
        let el = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{el}/click"),
            Some(json!({})),
        )
        .await;
    }

    pub async fn script(&self, js: &str) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({"script": js, "args": []})),
        )
        .await
    }

    pub async fn script_async(&self, js: &str) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/async",
            Some(json!({"script": js, "args": []})),
        )
        .await
    }

    pub async fn size(&self, width: u32, height: u32) {
        self.call(
            reqwest::Method::POST,
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        )
        .await;
    }

    /// Waits until the page's h1 contains `text`, or fails with what the page shows.
    pub async fn wait_for_heading(&self, text: &str) {
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
    pub async fn screenshot(&self, width: u32, path: &PathBuf) {
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

    /// Waits until the script `condition` (an expression) is true, or fails with `what` and
    /// what the page shows.
    pub async fn wait_until(&self, condition: &str, what: &str) {
        for _ in 0..150 {
            if self.script(&format!("return !!({condition});")).await == json!(true) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let body = self.script("return document.body.innerText").await;
        panic!("timed out waiting for {what} ({condition}); the page shows: {body}");
    }

    /// Clears an input and types `text` into it, as a person would.
    pub async fn fill(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{el}/clear"),
            Some(json!({})),
        )
        .await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{el}/value"),
            Some(json!({"text": text})),
        )
        .await;
    }

    /// The visible text of the page.
    pub async fn text(&self) -> String {
        self.script("return document.body.innerText")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub async fn url(&self) -> String {
        self.call(reqwest::Method::GET, "/url", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Signs in through the login page and waits for the home page.
    pub async fn log_in(&self, base: &str, login: &str, password: &str) {
        self.call(reqwest::Method::DELETE, "/cookie", None).await;
        self.goto(&format!("{base}/login")).await;
        self.type_into("#login", login).await;
        self.type_into("#password", password).await;
        self.click("form button[type=submit]").await;
        self.wait_for_heading("สวัสดี").await;
    }

    /// Cuts the browser off the network (`offline`) or gives it back.
    pub async fn offline(&self, offline: bool) {
        self.network(offline, None).await;
    }

    /// Cuts the connection, or gives it back with uploads held to `upload` bytes per second
    /// (unlimited when `None`).
    pub async fn network(&self, offline: bool, upload: Option<u64>) {
        let upload = upload.map_or(-1, |b| b as i64);
        self.call(
            reqwest::Method::POST,
            "/chromium/network_conditions",
            Some(json!({"network_conditions": {
                "offline": offline, "latency": 0,
                "download_throughput": -1, "upload_throughput": upload
            }})),
        )
        .await;
    }

    /// Opens a second tab and returns (this tab, the new tab) window handles.
    pub async fn new_tab(&self) -> (String, String) {
        let current = self.call(reqwest::Method::GET, "/window", None).await;
        let new = self
            .call(
                reqwest::Method::POST,
                "/window/new",
                Some(json!({"type": "tab"})),
            )
            .await;
        (
            current.as_str().unwrap_or_default().to_owned(),
            new["handle"].as_str().unwrap_or_default().to_owned(),
        )
    }

    pub async fn switch_to(&self, handle: &str) {
        self.call(
            reqwest::Method::POST,
            "/window",
            Some(json!({"handle": handle})),
        )
        .await;
    }

    /// The first four bytes of what `href` answers, fetched with the page's session, or
    /// "error STATUS".
    pub async fn head_of(&self, href: &str) -> String {
        let v = self
            .script_async(&format!(
                "const done = arguments[arguments.length - 1];
                 fetch('{href}').then(r => r.ok ? r.arrayBuffer() : Promise.reject(r.status))
                   .then(buf => done(String.fromCharCode(...new Uint8Array(buf).slice(0, 4))))
                   .catch(e => done('error ' + e));"
            ))
            .await;
        v.as_str().unwrap_or_default().to_owned()
    }

    pub async fn close(self) {
        self.call(reqwest::Method::DELETE, "", None).await;
    }
}

pub fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}
