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

/// Forms are small; attachments will come as multipart with the header.
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
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form || expected.is_empty() {
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
