//! `spawn_app()`: the application on a random port with a fresh database and the demo data,
//! plus a client per demo role. No shared database, no ordering between tests.
#![allow(dead_code)] // each test module (and crates/thaipa's committee table) uses its own subset

pub mod committee;

use std::net::SocketAddr;

use domain::agreement::Agreement;
use domain::thai::fiscal;
use store::{PersonId, Store};
use tokio::sync::oneshot;
use web::{AppState, Config};

pub struct TestApp {
    pub addr: SocketAddr,
    pub store: Store,
    pub config: Config,
    shutdown: Option<oneshot::Sender<()>>,
    _dir: Option<tempfile::TempDir>,
    _blobs: tempfile::TempDir,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Cheap password hashing: tests log in many times.
pub fn test_config() -> Config {
    Config {
        argon2_memory_kib: 1024,
        argon2_iterations: 1,
        ..Config::default()
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_on(Engine::Sqlite, test_config()).await
}

pub async fn spawn_app_on(engine: Engine, mut config: Config) -> TestApp {
    // Evidence files go to this app's own folder, never a shared one.
    let blobs = tempfile::tempdir().expect("blobs folder");
    config.blobs_dir = blobs.path().to_path_buf();
    let (store, dir) = match engine {
        Engine::Sqlite => {
            let (s, d) = store::testing::sqlite().await;
            (s, Some(d))
        }
        Engine::Postgres => (store::testing::postgres().await, None),
    };
    assert!(
        web::demo::seed(&store, &config).await.expect("demo data"),
        "fresh database"
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = oneshot::channel::<()>();
    let state = AppState::new(store.clone(), config.clone());
    tokio::spawn(async move {
        let _ = web::serve(listener, state, async move {
            let _ = rx.await;
        })
        .await;
    });
    TestApp {
        addr,
        store,
        config,
        shutdown: Some(tx),
        _dir: dir,
        _blobs: blobs,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl TestApp {
    /// The person behind a demo login.
    pub async fn person(&self, login: &str) -> PersonId {
        PersonId(
            self.store
                .account_by_login(login)
                .await
                .expect("lookup")
                .expect("demo login")
                .person_id,
        )
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A client that keeps cookies and does not follow redirects (tests look at them).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// A client signed in as a demo login.
    pub async fn signed_in(&self, login: &str) -> reqwest::Client {
        let client = self.client();
        let status = self.login(&client, login, web::demo::DEMO_PASSWORD).await;
        assert_eq!(status, reqwest::StatusCode::SEE_OTHER, "login as {login}");
        client
    }

    /// Posts the login form (with the token from the login page); returns the status.
    pub async fn login(
        &self,
        client: &reqwest::Client,
        login: &str,
        password: &str,
    ) -> reqwest::StatusCode {
        let page = client
            .get(self.url("/login"))
            .send()
            .await
            .expect("login page")
            .text()
            .await
            .expect("body");
        let csrf = hidden(&page, "csrf").expect("csrf field on the login page");
        client
            .post(self.url("/login"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("login", login),
                ("password", password),
            ])
            .send()
            .await
            .expect("post login")
            .status()
    }

    /// The session's CSRF token, read from a page the client can see.
    pub async fn csrf(&self, client: &reqwest::Client) -> String {
        let page = client
            .get(self.url("/"))
            .send()
            .await
            .expect("home")
            .text()
            .await
            .expect("body");
        meta(&page, "csrf-token").expect("csrf meta tag")
    }
}

/// The value of a hidden input in a page.
pub fn hidden(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker)? + marker.len();
    Some(page[start..].split('"').next()?.to_owned())
}

fn meta(page: &str, name: &str) -> Option<String> {
    let marker = format!("<meta name=\"{name}\" content=\"");
    let start = page.find(&marker)? + marker.len();
    Some(page[start..].split('"').next()?.to_owned())
}

/// The OBEC teacher example, every test's agreement.
pub const EXAMPLE: &str =
    include_str!("../../../../../examples/teacher-obec-senior-professional.json");

/// This fiscal year (BE) in Thailand: the demo holds the teacher's agreement of last year.
pub fn this_fiscal_year() -> u16 {
    fiscal::fiscal_year((chrono::Utc::now() + chrono::Duration::hours(7)).date_naive())
}

/// The example teacher agreement moved to this fiscal year, as `edit` leaves it.
pub fn this_year(edit: impl FnOnce(&mut Agreement)) -> Agreement {
    let mut a = Agreement::from_json(EXAMPLE)
        .expect("example")
        .moved_to(this_fiscal_year());
    edit(&mut a);
    a
}
