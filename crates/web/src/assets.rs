//! Static files embedded in the binary: nothing is fetched at run time.

use axum::Router;
use axum::extract::Path;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::{AppState, WebError};

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/htmx.min.js"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "editor.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/editor.css"),
    ),
    (
        "editor.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/editor.js"),
    ),
    (
        "evidence.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/evidence.js"),
    ),
    (
        "fonts/sarabun-thai-400-normal.woff2",
        "font/woff2",
        include_bytes!("../assets/fonts/sarabun-thai-400-normal.woff2"),
    ),
    (
        "fonts/sarabun-thai-700-normal.woff2",
        "font/woff2",
        include_bytes!("../assets/fonts/sarabun-thai-700-normal.woff2"),
    ),
    (
        "fonts/sarabun-latin-400-normal.woff2",
        "font/woff2",
        include_bytes!("../assets/fonts/sarabun-latin-400-normal.woff2"),
    ),
    (
        "fonts/sarabun-latin-700-normal.woff2",
        "font/woff2",
        include_bytes!("../assets/fonts/sarabun-latin-700-normal.woff2"),
    ),
];

pub fn router() -> Router<AppState> {
    Router::new().route("/assets/{*path}", get(asset))
}

async fn asset(Path(path): Path<String>) -> Result<impl IntoResponse, WebError> {
    let (_, mime, bytes) = FILES
        .iter()
        .find(|(p, _, _)| *p == path)
        .ok_or(WebError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, *mime),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        *bytes,
    ))
}
