//! Static files, served by Havre itself: no CDN, nothing from elsewhere (docs/safety.md).

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

pub async fn file(Path(name): Path<String>) -> Response {
    let (body, content_type): (&'static [u8], &'static str) = match name.as_str() {
        "havre.css" => (
            include_bytes!("../../static/havre.css"),
            "text/css; charset=utf-8",
        ),
        "havre.js" => (
            include_bytes!("../../static/havre.js"),
            "text/javascript; charset=utf-8",
        ),
        _ => return crate::error::WebError::NotFound.into_response(),
    };
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}
