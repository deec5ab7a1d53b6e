//! CSRF protection for every state-changing request made with cookies (safety.md). The token
//! comes in the `csrf` field of a form or the `X-CSRF-Token` header (htmx, scripts using the
//! session) and must equal the session's, or the anonymous one of the login form. Requests
//! with an API token carry no cookie and need none.

use crate::auth::Via;
use crate::error::WebError;
use crate::page::RequestCtx;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Forms are small; documents come as multipart.
const MAX_FORM_BYTES: usize = 1024 * 1024;

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub async fn protect(req: Request, next: Next) -> Response {
    if req.method().is_safe() {
        return next.run(req).await;
    }
    let Some(ctx) = req.extensions().get::<RequestCtx>().cloned() else {
        return WebError::Internal("request context missing".into()).into_response();
    };
    if let Some(auth) = &ctx.auth
        && matches!(auth.via, Via::Token(_))
    {
        return next.run(req).await;
    }
    let expected = ctx.csrf.as_bytes().to_vec();
    if let Some(given) = req.headers().get("x-csrf-token") {
        if !expected.is_empty() && constant_time_eq(given.as_bytes(), &expected) {
            return next.run(req).await;
        }
        return WebError::Csrf.into_response();
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if expected.is_empty() {
        return WebError::Csrf.into_response();
    }
    if content_type.starts_with("multipart/form-data") {
        return multipart(req, next, &expected).await;
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return WebError::Csrf.into_response();
    }
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, MAX_FORM_BYTES).await {
        Ok(b) => b,
        Err(_) => return WebError::Invalid(vec![]).into_response(),
    };
    let given = form_urlencoded_field(&bytes, "csrf");
    if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), &expected)) {
        return WebError::Csrf.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// A form carrying a document: the token is its `csrf` field, read from a copy of the body
/// before the handler reads the document.
async fn multipart(req: Request, next: Next, expected: &[u8]) -> Response {
    use axum::extract::{FromRequest, Multipart};
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, crate::routes::UPLOAD_BODY_BYTES).await {
        Ok(b) => b,
        Err(_) => return WebError::TooLarge.into_response(),
    };
    let copy = Request::from_parts(parts.clone(), Body::from(bytes.clone()));
    let mut given = None;
    if let Ok(mut form) = Multipart::from_request(copy, &()).await {
        while let Ok(Some(field)) = form.next_field().await {
            if field.name() == Some("csrf") {
                given = field.text().await.ok();
                break;
            }
        }
    }
    if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), expected)) {
        return WebError::Csrf.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
