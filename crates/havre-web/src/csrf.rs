//! CSRF protection for every state-changing request made with cookies (docs/safety.md). The
//! token comes in the `csrf` field of a form or the `X-CSRF-Token` header (scripts using the
//! session) and must equal the session's, or the anonymous one of the login form. Requests
//! with an API token carry no cookie and need none.
//!
//! A form carrying a document (multipart) is not read here: it is let through only to the
//! routes declared as uploads, with its body set aside, and the one way to read that body is
//! `CheckedMultipart`, which requires the token as the form's first field.

use crate::ctx::RequestCtx;
use crate::ctx::Via;
use crate::error::WebError;
use axum::body::{Body, to_bytes};
use axum::extract::multipart::{Field, MultipartError};
use axum::extract::{FromRequest, MatchedPath, Multipart, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use subtle::ConstantTimeEq;

/// Forms are small; documents come as multipart.
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// The routes that take a document, by their path as declared: the only ones a multipart
/// form may reach.
#[derive(Clone)]
pub struct UploadRoutes(Arc<HashSet<&'static str>>);

impl UploadRoutes {
    pub fn new(paths: impl IntoIterator<Item = &'static str>) -> Self {
        UploadRoutes(Arc::new(paths.into_iter().collect()))
    }
}

/// The forms of the public page, by their path as declared: sent without a session.
const PUBLIC_FORMS: [&str; 2] = ["/o/{slug}/complaint", "/o/{slug}/help"];

/// What this layer concluded about a state-changing request, for `CheckedMultipart`.
#[derive(Clone)]
enum Verdict {
    /// Checked here: by the header or the form's field, or not needed with an API token.
    Passed,
    /// A multipart form: its first field must be the token. Its body waits here, out of reach
    /// of any other extractor, which reads an empty body instead.
    InFirstField {
        expected: String,
        body: Arc<Mutex<Option<Body>>>,
    },
}

/// The token given equals the one expected, compared in constant time; an empty token never
/// matches.
fn matches(given: &[u8], expected: &str) -> bool {
    !expected.is_empty() && bool::from(given.ct_eq(expected.as_bytes()))
}

async fn pass(mut req: Request, next: Next) -> Response {
    req.extensions_mut().insert(Verdict::Passed);
    next.run(req).await
}

pub async fn protect(State(uploads): State<UploadRoutes>, req: Request, next: Next) -> Response {
    if req.method().is_safe() {
        return next.run(req).await;
    }
    let Some(ctx) = req.extensions().get::<RequestCtx>().cloned() else {
        return WebError::Internal("request context missing".into()).into_response();
    };
    if let Some(auth) = &ctx.auth
        && matches!(auth.via, Via::Token(_))
    {
        return pass(req, next).await;
    }
    // The public page's forms are sent by visitors who have no session and get no cookie
    // (docs/privacy.md "The public complaint form"): nothing of anyone's is changed by them, so there
    // is nothing to forge; their abuse is throttled by address instead.
    if ctx.auth.is_none()
        && req
            .extensions()
            .get::<MatchedPath>()
            .is_some_and(|path| PUBLIC_FORMS.contains(&path.as_str()))
    {
        return pass(req, next).await;
    }
    let expected = ctx.csrf;
    if let Some(given) = req.headers().get("x-csrf-token") {
        if matches(given.as_bytes(), &expected) {
            return pass(req, next).await;
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
        let to_upload = req
            .extensions()
            .get::<MatchedPath>()
            .is_some_and(|path| uploads.0.contains(path.as_str()));
        if !to_upload {
            return WebError::Csrf.into_response();
        }
        let (mut parts, body) = req.into_parts();
        parts.extensions.insert(Verdict::InFirstField {
            expected,
            body: Arc::new(Mutex::new(Some(body))),
        });
        return next.run(Request::from_parts(parts, Body::empty())).await;
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
    if !given.is_some_and(|g| matches(g.as_bytes(), &expected)) {
        return WebError::Csrf.into_response();
    }
    pass(Request::from_parts(parts, Body::from(bytes)), next).await
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// The fields of a multipart form whose CSRF token is checked: the only way a handler reads a
/// multipart body. From a form sent with cookies, the first field must be `csrf` and hold the
/// token (the templates put it first); anything else is refused before the handler runs.
///
/// Rejects with `WebError::Csrf` when the token is missing, wrong or not first, and with
/// `WebError::Invalid` when a request already checked carries no multipart body.
pub struct CheckedMultipart(Multipart);

impl CheckedMultipart {
    /// The next field after the token.
    pub async fn next_field(&mut self) -> Result<Option<Field<'_>>, MultipartError> {
        self.0.next_field().await
    }
}

impl<S: Send + Sync> FromRequest<S> for CheckedMultipart {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        match parts.extensions.remove::<Verdict>() {
            Some(Verdict::Passed) => {
                Multipart::from_request(Request::from_parts(parts, body), state)
                    .await
                    .map(CheckedMultipart)
                    .map_err(|_| WebError::Invalid(vec![]))
            }
            Some(Verdict::InFirstField { expected, body }) => {
                let body = body
                    .lock()
                    .ok()
                    .and_then(|mut kept| kept.take())
                    .ok_or(WebError::Csrf)?;
                let mut multipart =
                    Multipart::from_request(Request::from_parts(parts, body), state)
                        .await
                        .map_err(|_| WebError::Csrf)?;
                let first = multipart
                    .next_field()
                    .await
                    .ok()
                    .flatten()
                    .ok_or(WebError::Csrf)?;
                if first.name() != Some("csrf") {
                    return Err(WebError::Csrf);
                }
                let given = first.bytes().await.map_err(|_| WebError::Csrf)?;
                if !matches(&given, &expected) {
                    return Err(WebError::Csrf);
                }
                Ok(CheckedMultipart(multipart))
            }
            // A safe method, or a request this layer did not see: nothing proves the token.
            None => Err(WebError::Csrf),
        }
    }
}
