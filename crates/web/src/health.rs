//! `/healthz` for load balancers and `/metrics` in Prometheus text, plus the middleware that
//! counts requests and logs each one.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

/// Request counters, kept as plain atomics: cheap, and enough for a dashboard.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: AtomicU64,
    by_class: [AtomicU64; 5],
    micros: AtomicU64,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    let m = &state.metrics;
    let mut out = String::from(
        "# HELP thaipa_http_requests_total HTTP requests served.\n# TYPE thaipa_http_requests_total counter\n",
    );
    for (i, class) in ["1xx", "2xx", "3xx", "4xx", "5xx"].iter().enumerate() {
        out.push_str(&format!(
            "thaipa_http_requests_total{{class=\"{class}\"}} {}\n",
            m.by_class[i].load(Ordering::Relaxed)
        ));
    }
    out.push_str(&format!(
        "# HELP thaipa_http_request_seconds_sum Time spent serving requests.\n# TYPE thaipa_http_request_seconds_sum counter\nthaipa_http_request_seconds_sum {:.6}\nthaipa_http_request_seconds_count {}\n",
        m.micros.load(Ordering::Relaxed) as f64 / 1e6,
        m.requests.load(Ordering::Relaxed)
    ));
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], out).into_response()
}

/// Counts and logs every request.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    let status = response.status().as_u16();
    let m = &state.metrics;
    m.requests.fetch_add(1, Ordering::Relaxed);
    m.micros.fetch_add(micros, Ordering::Relaxed);
    if let Some(slot) = m.by_class.get(usize::from(status / 100).saturating_sub(1)) {
        slot.fetch_add(1, Ordering::Relaxed);
    }
    tracing::info!(%method, %path, status, micros, "request");
    response
}
