//! The language switch: a cookie that wins over Accept-Language and the account's setting.

use crate::AppState;
use crate::auth::{LANG_COOKIE, set_cookie};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use havre_domain::text::Lang;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Switch {
    lang: String,
    #[serde(default)]
    back: String,
}

/// Only a local path is followed back, never another site (no open redirect).
fn safe_back(back: &str) -> &str {
    if back.starts_with('/') && !back.starts_with("//") && !back.contains('\\') {
        back
    } else {
        "/"
    }
}

pub async fn switch(State(state): State<AppState>, Query(q): Query<Switch>) -> Response {
    let mut response = Redirect::to(safe_back(&q.back)).into_response();
    if let Some(lang) = Lang::parse(&q.lang) {
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(&state, LANG_COOKIE, lang.code(), Some(365 * 24 * 3600)),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(super::safe_back("/users"), "/users");
        assert_eq!(super::safe_back("//evil.example"), "/");
        assert_eq!(super::safe_back("https://evil.example"), "/");
        assert_eq!(super::safe_back("/\\evil.example"), "/");
    }
}
