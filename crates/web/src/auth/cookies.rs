//! The two cookies ThaiPA sets: the session, and a login-form token against login CSRF.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

pub const SESSION_COOKIE: &str = "thaipa_session";
pub const LOGIN_COOKIE: &str = "thaipa_login";

/// The value of a cookie in the request.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A `Set-Cookie` value: HttpOnly and SameSite=Lax always, Secure when served over HTTPS.
pub fn set(name: &str, value: &str, max_age_seconds: i64, secure: bool) -> String {
    format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Whether the request reached us over HTTPS: configured, or said by the proxy in front.
pub fn secure(configured: bool, headers: &HeaderMap) -> bool {
    configured
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// Constant-time comparison of two tokens.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
