//! The pages, one module per capability. Each has its JSON twin in `api`.

pub mod account;
pub mod assets;
pub mod audit;
pub mod calls;
pub mod files;
pub mod fund;
pub mod governance;
pub mod groups;
pub mod home;
pub mod hours;
pub mod intake;
pub mod language;
pub mod lists;
pub mod login;
pub mod organization;
pub mod outreach;
pub mod prevention;
pub mod public;
pub mod reports;
pub mod season;
pub mod sections;
pub mod users;
pub mod waitlist;

use crate::error::WebError;
use crate::page::{Page, RequestCtx, render};
use askama::Template;
use axum::response::{IntoResponse, Response};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    detail: String,
}

pub(crate) fn error_page(ctx: &RequestCtx, error: &WebError) -> Response {
    let kind = match error {
        WebError::NotFound => "not-found",
        WebError::Forbidden => "forbidden",
        WebError::AccessNeedsReason => "access-reason-required",
        WebError::Csrf => "csrf",
        WebError::Invalid(_) | WebError::InvalidAt(_) => "invalid",
        WebError::TooLarge => "too-large",
        WebError::MethodNotAllowed => "method-not-allowed",
        WebError::Unavailable => "unavailable",
        _ => "internal",
    };
    let page = Page::new(ctx, &format!("problem-{kind}"));
    let detail = page.t(&format!("problem-{kind}-detail"));
    let mut response = render(&ErrorPage { page, detail });
    *response.status_mut() = error.status();
    response
}

/// The answer to any path that matches no route.
pub async fn not_found() -> Response {
    WebError::NotFound.into_response()
}

/// A route asked with a method it does not answer: a page, or a problem document under /api.
pub async fn method_not_allowed() -> Response {
    WebError::MethodNotAllowed.into_response()
}
