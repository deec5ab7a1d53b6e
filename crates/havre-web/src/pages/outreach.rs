//! Outreach figures entered by hand (docs/domain.md §4): material distributed (leaflets, bookmarks,
//! the action day's T-shirts) and social-media figures (posts, reach), with the year's sums per
//! kind and label as the report prints them.

use super::intake::{Select, SelectOption};
use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::ctx::Authenticated;
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use havre_domain::ids::OutreachFigureId;
use havre_domain::policy::{Action, Record, RecordKind};
use havre_domain::prevention::OUTREACH_KINDS;
use havre_domain::text::format_count;
use havre_store::{FieldError, StoreError};
use serde::Deserialize;

pub struct FigureRow {
    /// The figure entered, and whether the reader may take it back; none for a year's sum.
    pub id: Option<OutreachFigureId>,
    pub removable: bool,
    pub day: String,
    pub kind: String,
    pub label: String,
    pub quantity: String,
}

#[derive(Template)]
#[template(path = "outreach.html")]
struct OutreachPage {
    page: Page,
    year: String,
    kinds: Select,
    day: String,
    label: String,
    quantity: String,
    totals: Vec<FigureRow>,
    figures: Vec<FigureRow>,
}

async fn outreach_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    typed: Option<FigureForm>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let org = auth.organization.id;
    let today = ctx.zone().day_of(state.store.now());
    let (first, last) = ctx.year_start().year_of(today);
    let kind_label = |k: &str| t(lang, &format!("outreach_kind-{k}"));
    let row = |day: String, kind: &str, label: String, quantity: i64| FigureRow {
        id: None,
        removable: false,
        day,
        kind: kind_label(kind),
        label,
        quantity: format_count(quantity, lang),
    };
    let totals = state
        .store
        .outreach_totals(org, first, last)
        .await?
        .into_iter()
        .map(|(kind, label, quantity)| row(String::new(), &kind, label, quantity))
        .collect();
    let figures = state
        .store
        .outreach_figures(org, first, last)
        .await?
        .into_iter()
        .map(|f| FigureRow {
            id: Some(f.id.into()),
            removable: auth.may(
                Action::TakeBack,
                &Record::new(RecordKind::OutreachFigure).noted_by(f.created_by),
            ),
            ..row(f.day.to_string(), &f.kind, f.label, f.quantity)
        })
        .collect();
    let form = typed.unwrap_or_else(|| FigureForm {
        day: today.to_string(),
        ..FigureForm::default()
    });
    let chosen = form.kind.as_str();
    Ok(render(&OutreachPage {
        year: format!("{}-{}", first.format("%Y"), last.format("%Y")),
        kinds: Select {
            name: "kind",
            label: t(lang, "field-outreach_kind"),
            options: OUTREACH_KINDS
                .iter()
                .map(|k| SelectOption {
                    value: (*k).to_owned(),
                    label: kind_label(k),
                    selected: chosen == *k,
                })
                .collect(),
        },
        day: form.day,
        label: form.label,
        quantity: form.quantity,
        totals,
        figures,
        page,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "outreach-title");
    outreach_page(&state, &auth, &ctx, page, None).await
}

/// A figure, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct FigureForm {
    day: String,
    kind: String,
    label: String,
    quantity: String,
}

pub async fn record(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Form(form): Form<FigureForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let day = form.day.trim().parse::<NaiveDate>().ok();
    if day.is_none() {
        problems.push(FieldError {
            field: "day",
            message_key: "date-time-required",
        });
    }
    // Figures are written as people write them: "1 200" or "1200".
    let quantity = form
        .quantity
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .parse::<i64>()
        .ok();
    if quantity.is_none() {
        problems.push(FieldError {
            field: "quantity",
            message_key: "number-invalid",
        });
    }
    let result = match (day, quantity) {
        (Some(day), Some(quantity)) if problems.is_empty() => state
            .store
            .record_outreach_figure(&auth.reader(&ctx), day, &form.kind, &form.label, quantity)
            .await
            .map(|_| ()),
        _ => Err(StoreError::Invalid(problems)),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/prevention/outreach").into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "outreach-title").with_errors(errors);
            let mut response = outreach_page(&state, &auth, &ctx, page, Some(form)).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// Takes back a figure entered in error, then shows the figures again.
pub async fn remove(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    axum::extract::Path(id): axum::extract::Path<OutreachFigureId>,
) -> Result<Response, WebError> {
    state
        .store
        .remove_outreach_figure(&auth.reader(&ctx), id)
        .await?;
    Ok(Redirect::to("/prevention/outreach").into_response())
}
