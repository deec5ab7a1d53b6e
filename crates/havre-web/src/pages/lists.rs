//! The organization's closed lists, for its administrator: add a value, rename one, retire
//! one. Past requests keep the values they were recorded with. The categories of hours, per
//! service area, are managed here too: renamed or retired, their hours stay in the report.

use super::{form_pairs, form_value};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, RequestCtx, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use havre_domain::hours::HoursArea;
use havre_domain::ids::{HourCategoryId, ListValueId, OrganizationId};
use havre_domain::lists::ListKind;
use havre_store::StoreError;
use havre_store::hours::HourCategory;
use havre_store::lists::ListValue;

pub struct ListBlock {
    pub key: &'static str,
    pub title: String,
    pub values: Vec<ListValue>,
}

/// The categories of hours of one service area.
pub struct HourAreaBlock {
    pub key: &'static str,
    pub title: String,
    pub categories: Vec<HourCategory>,
}

#[derive(Template)]
#[template(path = "lists.html")]
struct ListsPage {
    page: Page,
    lists: Vec<ListBlock>,
    hour_areas: Vec<HourAreaBlock>,
}

async fn lists_page(
    state: &AppState,
    ctx: &RequestCtx,
    org: OrganizationId,
    page: Page,
) -> Result<Response, WebError> {
    let mut lists = Vec::new();
    for kind in ListKind::ALL {
        lists.push(ListBlock {
            key: kind.key(),
            title: t(ctx.lang, &format!("list-{}", kind.key())),
            values: state.store.list_values(org, kind, true).await?,
        });
    }
    let categories = state.store.hour_categories(org, true).await?;
    let hour_areas = HoursArea::ALL
        .into_iter()
        .map(|area| HourAreaBlock {
            key: area.key(),
            title: t(ctx.lang, &format!("hours_area-{}", area.key())),
            categories: categories
                .iter()
                .filter(|c| c.area == area.key())
                .cloned()
                .collect(),
        })
        .collect();
    Ok(render(&ListsPage {
        page,
        lists,
        hour_areas,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
) -> Result<Response, WebError> {
    lists_page(
        &state,
        &ctx,
        auth.organization.id,
        Page::new(&ctx, "lists-title"),
    )
    .await
}

async fn after(
    state: &AppState,
    ctx: &RequestCtx,
    org: OrganizationId,
    result: Result<(), StoreError>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(Redirect::to("/organization/lists").into_response()),
        Err(StoreError::Invalid(errors)) => {
            let mut response = lists_page(
                state,
                ctx,
                org,
                Page::new(ctx, "lists-title").with_errors(errors),
            )
            .await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn add(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    Path(list): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let kind = ListKind::parse(&list).ok_or(WebError::NotFound)?;
    let form = form_pairs(&body);
    let result = state
        .store
        .add_list_value(
            auth.organization.id,
            kind,
            &form_value(&form, "label_fr"),
            &form_value(&form, "label_en"),
        )
        .await
        .map(|_| ());
    after(&state, &ctx, auth.organization.id, result).await
}

pub async fn rename(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    Path(id): Path<ListValueId>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = form_pairs(&body);
    let result = state
        .store
        .rename_list_value(
            auth.organization.id,
            id,
            &form_value(&form, "label_fr"),
            &form_value(&form, "label_en"),
        )
        .await
        .map(|_| ());
    after(&state, &ctx, auth.organization.id, result).await
}

pub async fn retire(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    Path(id): Path<ListValueId>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .retire_list_value(auth.organization.id, id)
        .await
        .map(|_| ());
    after(&state, &ctx, auth.organization.id, result).await
}

/// Adds a category of hours to a service area.
pub async fn add_hour_category(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = form_pairs(&body);
    let result = match HoursArea::parse(&form_value(&form, "area")) {
        Some(area) => state
            .store
            .add_hour_category(
                &auth.reader(&ctx),
                area,
                &form_value(&form, "label_fr"),
                &form_value(&form, "label_en"),
            )
            .await
            .map(|_| ()),
        None => Err(StoreError::invalid("area", "value-not-in-list")),
    };
    after(&state, &ctx, auth.organization.id, result).await
}

pub async fn rename_hour_category(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    Path(id): Path<HourCategoryId>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = form_pairs(&body);
    let result = state
        .store
        .rename_hour_category(
            &auth.reader(&ctx),
            id,
            &form_value(&form, "label_fr"),
            &form_value(&form, "label_en"),
        )
        .await;
    after(&state, &ctx, auth.organization.id, result).await
}

/// Retires a category from the timesheet, or offers it again (`retired` says which).
pub async fn retire_hour_category(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    Path(id): Path<HourCategoryId>,
    body: Bytes,
) -> Result<Response, WebError> {
    let retired = form_value(&form_pairs(&body), "retired") != "false";
    let result = state
        .store
        .set_hour_category_retired(&auth.reader(&ctx), id, retired)
        .await;
    after(&state, &ctx, auth.organization.id, result).await
}
