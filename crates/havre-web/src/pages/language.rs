//! The language switch: a cookie that wins over Accept-Language and the account's setting.

use crate::AppState;
use crate::auth::{LANG_COOKIE, site_cookie};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use havre_domain::text::Lang;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Switch {
    lang: String,
    #[serde(default)]
    back: String,
}

/// Only a local path is followed back, never another site (no open redirect): a single
/// leading slash, and no backslash, space or control character, which browsers strip or
/// rewrite into "//".
fn safe_back(back: &str) -> &str {
    let local = back.starts_with('/')
        && !back[1..].starts_with(['/', '\\'])
        && !back
            .chars()
            .any(|c| c == '\\' || c.is_whitespace() || c.is_control());
    if local { back } else { "/" }
}

pub async fn switch(State(state): State<AppState>, Query(q): Query<Switch>) -> Response {
    let mut jar = CookieJar::new();
    if let Some(lang) = Lang::parse(&q.lang) {
        // A cookie for this browser session only: a lasting one would tell whoever picks up a
        // survivor's phone that she visited the centre's page.
        jar = jar.add(site_cookie(&state, LANG_COOKIE, lang.code().to_owned()));
    }
    (jar, Redirect::to(safe_back(&q.back))).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(super::safe_back("/users"), "/users");
        assert_eq!(super::safe_back("/o/calacs?x=1"), "/o/calacs?x=1");
        assert_eq!(super::safe_back("//evil.example"), "/");
        assert_eq!(super::safe_back("https://evil.example"), "/");
        assert_eq!(super::safe_back("/\\evil.example"), "/");
        // What a browser would turn into "//evil.example".
        assert_eq!(super::safe_back("/\t/evil.example"), "/");
        assert_eq!(super::safe_back("/\n/evil.example"), "/");
        assert_eq!(super::safe_back("/ /evil.example"), "/");
        assert_eq!(super::safe_back(""), "/");
    }
}
