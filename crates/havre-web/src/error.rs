//! Errors of the web layer. A handler returns a `WebError`; `auth::resolve` turns it, through
//! `page::render_error`, into a page or an RFC 9457 problem document in the user's language, so that every error
//! is shown the same way and none leaks internals.

use crate::i18n::{Lang, t};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use havre_store::{FieldError, StoreError};
use serde::Serialize;

#[derive(Clone, Debug)]
pub enum WebError {
    NotFound,
    /// Not logged in.
    Unauthorized,
    /// Logged in, not allowed.
    Forbidden,
    /// A file that is not hers: she may open it after writing why (break the glass).
    AccessNeedsReason,
    /// A state-changing request without a valid CSRF token.
    Csrf,
    /// Bad input; nothing was written.
    Invalid(Vec<FieldError>),
    /// A body or a query that does not parse, at the fields named as the client sent them
    /// (`entries[0].day`), with the translation key of each message.
    InvalidAt(Vec<(String, &'static str)>),
    /// A worker asked on a mission while she is on another at the same time (the other
    /// named, on the organization's clock); nothing was written.
    Busy {
        worker: String,
        from: chrono::NaiveDateTime,
        to: chrono::NaiveDateTime,
    },
    /// The second factor must be set up before anything else.
    SecondFactorRequired,
    /// A body over the limit (an attachment too large to even read).
    TooLarge,
    /// A route that exists, asked with a method it does not answer.
    MethodNotAllowed,
    /// Too many requests waiting.
    Unavailable,
    /// Too many of one kind from one address (complaints from the public page): wait.
    TooManyRequests,
    /// A bug or an outage; the details go to the log, not to the user.
    Internal(String),
}

impl From<havre_report::ReportError> for WebError {
    fn from(e: havre_report::ReportError) -> Self {
        match e {
            havre_report::ReportError::Store(e) => e.into(),
            havre_report::ReportError::Period => WebError::Invalid(vec![FieldError {
                field: "to",
                message_key: "report-period-invalid",
            }]),
        }
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => WebError::NotFound,
            StoreError::Forbidden => WebError::Forbidden,
            StoreError::AccessNeedsReason => WebError::AccessNeedsReason,
            StoreError::Invalid(fields) => WebError::Invalid(fields),
            StoreError::Busy { worker, from, to } => WebError::Busy { worker, from, to },
            other => WebError::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        WebError::Internal(format!("template: {e}"))
    }
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::Forbidden
            | WebError::AccessNeedsReason
            | WebError::Csrf
            | WebError::SecondFactorRequired => StatusCode::FORBIDDEN,
            WebError::Invalid(_) | WebError::InvalidAt(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Busy { .. } => StatusCode::CONFLICT,
            WebError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            WebError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            WebError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem type's last path segment and the translation key of its title.
    fn kind(&self) -> &'static str {
        match self {
            WebError::NotFound => "not-found",
            WebError::Unauthorized => "unauthorized",
            WebError::Forbidden => "forbidden",
            WebError::AccessNeedsReason => "access-reason-required",
            WebError::Csrf => "csrf",
            WebError::Invalid(_) | WebError::InvalidAt(_) => "invalid",
            WebError::Busy { .. } => "conflict",
            WebError::SecondFactorRequired => "second-factor-required",
            WebError::TooLarge => "too-large",
            WebError::MethodNotAllowed => "method-not-allowed",
            WebError::Unavailable => "unavailable",
            WebError::TooManyRequests => "too-many-requests",
            WebError::Internal(_) => "internal",
        }
    }
}

/// Carried in the response until `render` replaces it.
#[derive(Clone)]
pub(crate) struct Pending(pub WebError);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let WebError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        let mut response = self.status().into_response();
        response.extensions_mut().insert(Pending(self));
        response
    }
}

/// One field's problem in a problem document.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// An RFC 9457 problem document.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

pub fn problem(error: &WebError, lang: Lang) -> Problem {
    let kind = error.kind();
    let errors = match error {
        WebError::Invalid(fields) => fields
            .iter()
            .map(|f| FieldProblem {
                field: f.field.to_owned(),
                message: t(lang, f.message_key),
            })
            .collect(),
        WebError::InvalidAt(fields) => fields
            .iter()
            .map(|(field, key)| FieldProblem {
                field: field.clone(),
                message: t(lang, key),
            })
            .collect(),
        WebError::Busy { .. } => vec![FieldProblem {
            field: "workers".into(),
            message: busy_message(error, lang).unwrap_or_default(),
        }],
        _ => Vec::new(),
    };
    Problem {
        kind: format!("/api/v1/problems/{kind}"),
        title: t(lang, &format!("problem-{kind}")),
        status: error.status().as_u16(),
        detail: Some(t(lang, &format!("problem-{kind}-detail"))),
        errors,
    }
}

/// What a busy worker's refusal says: who, and the other mission's day and hours as the
/// organization writes them ("Line est déjà en mission le 3 mars 2027 de 9 h à 12 h").
pub fn busy_message(error: &WebError, lang: Lang) -> Option<String> {
    let WebError::Busy { worker, from, to } = error else {
        return None;
    };
    Some(crate::i18n::t_args(
        lang,
        "worker-busy",
        &[
            ("worker", worker.clone()),
            ("day", crate::i18n::long_date(from.date(), lang)),
            ("from", crate::i18n::clock_time(from.time())),
            ("to", crate::i18n::clock_time(to.time())),
        ],
    ))
}
