//! The ThaiPA web application: one router per feature, an extractor per role, askama pages
//! with htmx, static assets embedded in the binary, and a JSON API mirroring the main actions.

mod api;
mod assets;
pub mod auth;
pub mod config;
pub mod demo;
mod error;
mod health;
mod home;
mod import;
mod pages;
mod people;
mod units;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use store::Store;
use tokio::net::TcpListener;

pub use config::Config;
pub use error::WebError;
pub use health::Metrics;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub metrics: Arc<Metrics>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> AppState {
        AppState {
            store,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
        }
    }
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(home::router())
        .merge(auth::router())
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

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
