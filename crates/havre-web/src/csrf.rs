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

/// A form carrying a document: the token is its `csrf` field, read from the buffered body
/// before the handler reads the document. Only the routes that take documents accept one.
async fn multipart(req: Request, next: Next, expected: &[u8]) -> Response {
    if !req.uri().path().ends_with("/attachments") {
        return WebError::Csrf.into_response();
    }
    let boundary = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(boundary_of);
    let Some(boundary) = boundary else {
        return WebError::Csrf.into_response();
    };
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, crate::routes::UPLOAD_BODY_BYTES).await {
        Ok(b) => b,
        Err(_) => return WebError::TooLarge.into_response(),
    };
    let given = multipart_field(&bytes, &boundary, "csrf");
    if !given.is_some_and(|g| constant_time_eq(g, expected)) {
        return WebError::Csrf.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The boundary of a `multipart/form-data` content type (RFC 7578), quotes removed.
fn boundary_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.trim().split_once('=')?;
        name.eq_ignore_ascii_case("boundary")
            .then(|| value.trim_matches('"').to_owned())
            .filter(|b| !b.is_empty() && b.len() <= 70)
    })
}

/// The value of a small text field of a multipart body: the part whose disposition names it,
/// up to the next delimiter.
fn multipart_field<'a>(body: &'a [u8], boundary: &str, name: &str) -> Option<&'a [u8]> {
    let delimiter = format!("--{boundary}");
    let wanted = format!("name=\"{name}\"");
    let mut rest = body;
    loop {
        let start = find(rest, delimiter.as_bytes())? + delimiter.len();
        rest = &rest[start..];
        let headers_end = find(rest, b"\r\n\r\n")?;
        let headers = &rest[..headers_end];
        let content = &rest[headers_end + 4..];
        let end = find(content, format!("\r\n{delimiter}").as_bytes())?;
        let disposition = String::from_utf8_lossy(headers);
        if disposition.lines().any(|l| {
            l.to_ascii_lowercase().starts_with("content-disposition") && l.contains(&wanted)
        }) {
            return Some(&content[..end]);
        }
        rest = &content[end..];
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_read_from_a_multipart_body() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nTOKEN-123\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 name=\"csrf\"\r\n--XyZ--\r\n";
        assert_eq!(
            multipart_field(body, "XyZ", "csrf"),
            Some(&b"TOKEN-123"[..])
        );
        assert_eq!(multipart_field(body, "XyZ", "other"), None);
        assert_eq!(
            boundary_of("multipart/form-data; boundary=\"XyZ\""),
            Some("XyZ".to_owned())
        );
        assert_eq!(boundary_of("multipart/form-data"), None);
        // A file whose content looks like a token field does not count.
        let forged = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nname=\"csrf\"\r\n\r\nX\r\n--XyZ--\r\n";
        assert_eq!(multipart_field(forged, "XyZ", "csrf"), None);
    }
}
