//! The organization's closed lists, for its administrator: add a value, rename one, retire
//! one. Past requests keep the values they were recorded with. The categories of hours, per
//! service area, are managed here too: renamed or retired, their hours stay in the report.

use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use havre_domain::care::ProfessionKind;
use havre_domain::hours::HoursArea;
use havre_domain::ids::{HourCategoryId, ListValueId, OrganizationId};
use havre_domain::lists::ListKind;
use havre_store::StoreError;
use havre_store::hours::HourCategory;
use havre_store::lists::ListValue;
use serde::Deserialize;

pub struct ListBlock {
    pub key: &'static str,
    pub title: String,
    /// Each value, with the label of its kind for a profession.
    pub values: Vec<(ListValue, String)>,
    /// The kinds a new profession may have; empty for the other lists.
    pub kinds: Vec<super::intake::SelectOption>,
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
        let kind_label = |key: &str| t(ctx.lang, &format!("profession_kind-{key}"));
        lists.push(ListBlock {
            key: kind.key(),
            title: t(ctx.lang, &format!("list-{}", kind.key())),
            values: state
                .store
                .list_values(org, kind, true)
                .await?
                .into_iter()
                .map(|v| {
                    let label = v.category.as_deref().map(kind_label).unwrap_or_default();
                    (v, label)
                })
                .collect(),
            kinds: if kind == ListKind::Profession {
                ProfessionKind::ALL
                    .iter()
                    .map(|k| super::intake::SelectOption {
                        value: k.key().to_owned(),
                        label: kind_label(k.key()),
                        selected: false,
                    })
                    .collect()
            } else {
                Vec::new()
            },
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

/// A value of a list, or a category of hours, with its labels as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct LabelsForm {
    label_fr: String,
    label_en: String,
    /// The service area of a category of hours.
    area: String,
    /// The kind of a profession.
    category: String,
}

pub async fn add(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    Path(list): Path<String>,
    Form(form): Form<LabelsForm>,
) -> Result<Response, WebError> {
    let kind = ListKind::parse(&list).ok_or(WebError::NotFound)?;
    let result = state
        .store
        .add_list_value_with_category(
            auth.organization.id,
            kind,
            &form.label_fr,
            &form.label_en,
            &form.category,
        )
        .await
        .map(|_| ());
    after(&state, &ctx, auth.organization.id, result).await
}

pub async fn rename(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    Path(id): Path<ListValueId>,
    Form(form): Form<LabelsForm>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .rename_list_value(auth.organization.id, id, &form.label_fr, &form.label_en)
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
    Form(form): Form<LabelsForm>,
) -> Result<Response, WebError> {
    let result = match HoursArea::parse(&form.area) {
        Some(area) => state
            .store
            .add_hour_category(&auth.reader(&ctx), area, &form.label_fr, &form.label_en)
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
    Form(form): Form<LabelsForm>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .rename_hour_category(&auth.reader(&ctx), id, &form.label_fr, &form.label_en)
        .await;
    after(&state, &ctx, auth.organization.id, result).await
}

/// Whether a category is to be retired: `false` to offer it again, retired otherwise.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct RetiredForm {
    retired: String,
}

/// Retires a category from the timesheet, or offers it again (`retired` says which).
pub async fn retire_hour_category(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    Path(id): Path<HourCategoryId>,
    Form(form): Form<RetiredForm>,
) -> Result<Response, WebError> {
    let retired = form.retired != "false";
    let result = state
        .store
        .set_hour_category_retired(&auth.reader(&ctx), id, retired)
        .await;
    after(&state, &ctx, auth.organization.id, result).await
}
