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
use axum::response::{IntoResponse, Response};

/// The answer to any path that matches no route.
pub async fn not_found() -> Response {
    WebError::NotFound.into_response()
}

/// A route asked with a method it does not answer: a page, or a problem document under /api.
pub async fn method_not_allowed() -> Response {
    WebError::MethodNotAllowed.into_response()
}
