//! The ThaiPA web application: one router per feature, an extractor per role, askama pages
//! with htmx, static assets embedded in the binary, and a JSON API mirroring the main actions.

mod agreements;
mod api;
mod assets;
pub mod auth;
pub mod config;
pub mod demo;
mod error;
mod evaluations;
mod evidence;
mod health;
mod home;
mod import;
pub mod mail;
mod notifications;
mod pages;
mod people;
mod print;
mod reviews;
mod units;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use store::Store;
use tokio::net::TcpListener;

pub use config::Config;
pub use error::WebError;
pub use evidence::sweep_uploads;
pub use health::Metrics;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub metrics: Arc<Metrics>,
    /// Poke after committing a change that queued mail: `state.mail.wake()`.
    pub mail: mail::Outbox,
    /// Where evidence files live (a local directory, or S3).
    pub blobs: store::blobs::Blobs,
    /// The key evidence download links are signed with.
    pub link_key: Arc<Vec<u8>>,
    /// Uploads whose bytes are arriving on this node now.
    pub(crate) streaming: evidence::Streaming,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> AppState {
        let blobs = match &config.s3 {
            Some(s3) => store::blobs::Blobs::s3(
                &s3.endpoint,
                &s3.bucket,
                &s3.region,
                &s3.access_key,
                s3.secret_key
                    .as_ref()
                    .map(|p| p.expose())
                    .unwrap_or_default(),
            ),
            None => store::blobs::Blobs::local(config.blobs_dir.join("store")),
        };
        let link_key = match &config.link_secret {
            Some(secret) => secret.expose().as_bytes().to_vec(),
            None => [uuid::Uuid::new_v4(), uuid::Uuid::new_v4()]
                .iter()
                .flat_map(|u| u.as_bytes().to_vec())
                .collect(),
        };
        AppState {
            store,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
            mail: mail::Outbox::default(),
            blobs,
            link_key: Arc::new(link_key),
            streaming: evidence::Streaming::default(),
        }
    }
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(home::router())
        .merge(auth::router())
        .merge(agreements::router())
        .merge(reviews::router())
        .merge(evaluations::router())
        .merge(evidence::router())
        .merge(notifications::router())
        .merge(people::router())
        .merge(units::router())
        .merge(import::router())
        .merge(api::router())
        .merge(health::router())
        .merge(assets::router())
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            health::track,
        ))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            state.config.max_body_bytes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            error::friendly,
        ))
        .with_state(state)
}

/// Serves until `shutdown` completes, then finishes the requests in flight. The mail worker
/// (when SMTP is configured) runs alongside and stops after the last request; so does the
/// hourly sweep of unfinished uploads.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let mail_worker = mail::start(&state);
    let sweeper = tokio::spawn({
        let state = state.clone();
        async move {
            let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
            loop {
                hourly.tick().await;
                evidence::sweep_uploads(&state, std::time::SystemTime::now()).await;
            }
        }
    });
    let app = app(state).into_make_service_with_connect_info::<SocketAddr>();
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    sweeper.abort();
    if let Some(worker) = mail_worker {
        worker.stop().await;
    }
    served
}
