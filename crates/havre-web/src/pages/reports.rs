//! The activity report's page: a period (the reporting year by default), every section's
//! tables as the seed report prints them, the publishable version, and the exports.

use crate::AppState;
use crate::api::body::Form;
use crate::api::reports::{ReportQuery, compute};
use crate::auth::{Require, perm};
use crate::ctx::Authenticated;
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use havre_report::Period;
use havre_report::tables::{Cell, Table};
use havre_store::StoreError;
use serde::Deserialize;

/// A cell as shown, and whether it is a figure (aligned right).
pub struct CellView {
    pub text: String,
    pub figure: bool,
}

pub struct TableView {
    pub key: String,
    /// The table's bar chart, as SVG written by the report (its text escaped there).
    pub chart: Option<String>,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<CellView>>,
    pub total: Option<Vec<CellView>>,
}

pub struct SectionView {
    pub key: String,
    pub title: String,
    /// The section's figures in one sentence, when it has one.
    pub lead: Option<String>,
    /// The team's text, a paragraph each.
    pub paragraphs: Vec<String>,
    /// The text in its form: as saved, or as typed when it was refused.
    pub text: String,
    /// The text was refused: its form is shown open, with the message.
    pub refused: bool,
    pub tables: Vec<TableView>,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    page: Page,
    heading: String,
    compared: String,
    from: String,
    to: String,
    this_year: (String, String, String),
    last_year: (String, String, String),
    publishable: bool,
    query: String,
    sections: Vec<SectionView>,
}

pub(crate) fn view(table: Table, lang: havre_domain::text::Lang) -> TableView {
    let row = |cells: Vec<Cell>| {
        cells
            .into_iter()
            .map(|c| CellView {
                text: c.display(lang),
                figure: c.is_figure(),
            })
            .collect()
    };
    TableView {
        chart: havre_report::charts::bar_chart(&table, lang),
        key: table.key,
        title: table.title,
        columns: table.columns,
        rows: table.rows.into_iter().map(row).collect(),
        total: table.total.map(row),
    }
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "report-title");
    report_page(&state, &auth, &ctx, &query, page, None).await
}

/// The report page; `typed` is a section's text as typed, shown again when it was refused.
async fn report_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    query: &ReportQuery,
    page: Page,
    typed: Option<(&str, &str)>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let period = query.period(state, ctx.zone(), ctx.year_start());
    let publishable = query.publishable.unwrap_or(false);
    let report = compute(state, auth, ctx, period, "page", publishable).await?;
    let sections = crate::sections::report_sections(&report, lang, publishable)
        .into_iter()
        .map(|s| {
            let saved = s.narrative.clone().unwrap_or_default();
            SectionView {
                lead: s.lead,
                paragraphs: saved
                    .split("\n\n")
                    .map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                    .collect(),
                refused: typed.is_some_and(|(section, _)| section == s.key),
                text: match typed {
                    Some((section, text)) if section == s.key => text.to_owned(),
                    _ => saved,
                },
                key: s.key,
                title: s.title,
                tables: s
                    .tables
                    .into_iter()
                    .map(|table| view(table, lang))
                    .collect(),
            }
        })
        .collect();
    let today = ctx.zone().day_of(state.store.now());
    let year = Period::reporting_year(today, ctx.year_start());
    let quick = |p: Period| (p.first.to_string(), p.last.to_string(), p.title());
    Ok(render(&ReportPage {
        page,
        heading: crate::i18n::t_args(lang, "report-heading", &[("period", period.title())]),
        compared: crate::i18n::t_args(
            lang,
            "report-compared",
            &[("period", report.previous_period.title())],
        ),
        from: period.first.to_string(),
        to: period.last.to_string(),
        this_year: quick(year),
        last_year: quick(year.previous().unwrap_or(year)),
        query: format!(
            "from={}&to={}{}",
            period.first,
            period.last,
            if publishable { "&publishable=true" } else { "" }
        ),
        publishable,
        sections,
    }))
}

/// A section's text, for the period shown.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NarrativeForm {
    from: String,
    to: String,
    section: String,
    text: String,
}

/// Saves a section's text for the period shown, then shows the report at that section.
pub async fn save_narrative(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    Form(form): Form<NarrativeForm>,
) -> Result<Response, WebError> {
    let query = ReportQuery {
        from: form.from.parse().ok(),
        to: form.to.parse().ok(),
        format: None,
        publishable: None,
    };
    let period = query.period(&state, ctx.zone(), ctx.year_start());
    let NarrativeForm { section, text, .. } = form;
    match state
        .store
        .save_narrative(
            &auth.reader(&ctx),
            period.first,
            period.last,
            &section,
            &text,
        )
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/reports?from={}&to={}#{}",
            period.first,
            period.last,
            havre_domain::report::SECTIONS
                .iter()
                .find(|s| **s == section)
                .unwrap_or(&"requests")
        ))
        .into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "report-title").with_errors(errors);
            let mut response =
                report_page(&state, &auth, &ctx, &query, page, Some((&section, &text))).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}
