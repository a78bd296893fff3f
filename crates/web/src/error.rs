//! One error type for the web layer. A 4xx tells the user, in Thai, what to do; a 5xx is logged
//! with its cause chain and shows only an apology and a reference id to quote.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use store::StoreError;

use crate::pages::{ErrorPage, render};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Not signed in: go to the login page.
    #[error("กรุณาเข้าสู่ระบบ")]
    Unauthenticated,
    #[error("คุณไม่มีสิทธิ์เข้าถึงหน้านี้")]
    Forbidden,
    #[error("ไม่พบหน้าที่ต้องการ")]
    NotFound,
    /// A 404 that says what is missing (a version of an agreement the person may see), where
    /// the generic one would leave them guessing.
    #[error("{0}")]
    Missing(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("คำขอถูกปฏิเสธเพื่อความปลอดภัย (CSRF): กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง")]
    Csrf,
    #[error("{0}")]
    TooManyRequests(String),
    #[error(transparent)]
    Internal(#[from] InternalError),
}

/// A failure the user cannot fix.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InternalError(pub String);

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> WebError {
        match e {
            StoreError::NotFound(_) => WebError::NotFound,
            StoreError::Conflict { .. } | StoreError::Duplicate { .. } => {
                WebError::Conflict(e.to_string())
            }
            StoreError::Invalid(m) => WebError::BadRequest(m),
            StoreError::Database(_) | StoreError::Corrupt(_) => {
                WebError::Internal(InternalError(format!("{e:?}")))
            }
        }
    }
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::Unauthenticated => StatusCode::UNAUTHORIZED,
            WebError::Forbidden | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::NotFound | WebError::Missing(_) => StatusCode::NOT_FOUND,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::BadRequest(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let WebError::Unauthenticated = self {
            return axum::response::Redirect::to("/login").into_response();
        }
        let status = self.status();
        let message = match &self {
            WebError::Internal(cause) => {
                let reference = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
                tracing::error!(%reference, cause = %cause.0, "request failed");
                format!(
                    "ขออภัย ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง หากยังพบปัญหา แจ้งผู้ดูแลระบบพร้อมรหัสอ้างอิง {reference}"
                )
            }
            other => other.to_string(),
        };
        (status, render(&ErrorPage::new(status.as_u16(), message))).into_response()
    }
}

/// The fallback for unknown paths.
pub async fn not_found() -> WebError {
    WebError::NotFound
}

/// Rejections produced outside our handlers (a body over the size limit, a form missing a
/// field, a wrong method) arrive as English plain text; people get a Thai page instead.
pub async fn friendly(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let is_html = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    if api || is_html || !status.is_client_error() {
        return response;
    }
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "ไฟล์หรือข้อมูลที่ส่งมีขนาดใหญ่เกินไป ส่งได้ไม่เกิน {} MB ต่อครั้ง",
            state.config.max_body_bytes / (1024 * 1024)
        ),
        StatusCode::METHOD_NOT_ALLOWED => {
            "หน้านี้ไม่รองรับการส่งข้อมูลแบบนี้ กรุณากลับไปหน้าก่อนแล้วลองใหม่".to_owned()
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "รูปแบบข้อมูลที่ส่งมาไม่ถูกต้อง กรุณาส่งจากแบบฟอร์มของระบบ".to_owned()
        }
        StatusCode::NOT_FOUND => WebError::NotFound.to_string(),
        _ => "ข้อมูลในแบบฟอร์มไม่ครบหรือไม่ถูกต้อง กรุณาตรวจแล้วส่งใหม่".to_owned(),
    };
    (status, render(&ErrorPage::new(status.as_u16(), message))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body(r: Response) -> String {
        let bytes = axum::body::to_bytes(r.into_body(), 1 << 20)
            .await
            .expect("body");
        String::from_utf8(bytes.to_vec()).expect("utf-8")
    }

    #[tokio::test]
    async fn a_server_error_shows_an_apology_and_a_reference_but_never_its_cause() {
        let r = WebError::Internal(InternalError("password column missing in SELECT".into()))
            .into_response();
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let html = body(r).await;
        assert!(html.contains("รหัสอ้างอิง"), "{html}");
        assert!(!html.contains("password column"), "{html}");
    }

    #[tokio::test]
    async fn a_conflict_tells_the_user_what_happened() {
        let r = WebError::from(StoreError::Conflict { current: 3 }).into_response();
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(body(r).await.contains("ถูกแก้ไขโดยผู้อื่นแล้ว"));
    }
}
