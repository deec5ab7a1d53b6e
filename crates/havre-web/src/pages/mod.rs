//! The pages, one module per capability. Each has its JSON twin in `api`.

pub mod account;
pub mod assets;
pub mod audit;
pub mod calls;
pub mod care;
pub mod complaints;
pub mod files;
pub mod fund;
pub mod governance;
pub mod groups;
pub mod home;
pub mod hours;
pub mod housing;
pub mod imports;
pub mod intake;
pub mod language;
pub mod lists;
pub mod login;
pub mod missions;
pub mod network;
pub mod organization;
pub mod outreach;
pub mod prevention;
pub mod privacy;
pub mod public;
pub mod reports;
pub mod season;
pub mod texts;
pub mod users;
pub mod waitlist;

use crate::error::WebError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use havre_domain::ids::{OrganizationId, UserId};
use havre_store::StoreError;
use std::collections::HashMap;

/// The label of a value of one of the organization's lists (a place, a profession, a room),
/// in the reader's language; empty for a value not in it.
pub(crate) fn value_label(
    values: &[havre_store::lists::ListValue],
    id: havre_domain::ids::ListValueId,
    lang: crate::i18n::Lang,
) -> String {
    values
        .iter()
        .find(|v| v.id == id)
        .map(|v| havre_domain::text::in_lang(lang, &v.label_fr, &v.label_en).to_owned())
        .unwrap_or_default()
}

/// What a form's result becomes: where to go once it is done, or its page again with the
/// problems at their fields (422). Any other refusal is the error page.
pub(crate) async fn answered<T>(
    result: Result<T, StoreError>,
    ctx: &crate::ctx::RequestCtx,
    title: &str,
    then: impl FnOnce(T) -> String,
    again: impl AsyncFnOnce(crate::page::Page) -> Result<Response, WebError>,
) -> Result<Response, WebError> {
    match result {
        Ok(value) => Ok(Redirect::to(&then(value)).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let mut response =
                again(crate::page::Page::new(ctx, title).with_errors(errors)).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

/// The answer to any path that matches no route.
pub async fn not_found() -> Response {
    WebError::NotFound.into_response()
}

/// A route asked with a method it does not answer: a page, or a problem document under /api.
pub async fn method_not_allowed() -> Response {
    WebError::MethodNotAllowed.into_response()
}

/// The active team as checkboxes named `name`: those `chosen` ticked or, when nothing was
/// chosen yet (`None`, the form as it opens), the account filling the form.
pub(crate) fn team_boxes(
    name: &'static str,
    label: String,
    team: &[havre_store::accounts::User],
    chosen: Option<&[UserId]>,
    me: UserId,
) -> intake::Boxes {
    intake::Boxes {
        name,
        label,
        options: team
            .iter()
            .filter(|u| u.active)
            .map(|u| intake::BoxOption {
                name: name.to_owned(),
                value: u.id.to_string(),
                label: u.name.clone(),
                selected: match chosen {
                    None => u.id == me,
                    Some(chosen) => chosen.contains(&u.id),
                },
            })
            .collect(),
    }
}

/// The team's names by account, for who noted or did what.
pub(crate) async fn team_names(
    state: &crate::AppState,
    org: OrganizationId,
) -> Result<HashMap<UserId, String>, WebError> {
    Ok(state
        .store
        .users(org)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}
