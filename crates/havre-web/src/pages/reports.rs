//! The activity report's page: a period (the reporting year by default), every section's
//! tables as the seed report prints them, the publishable version, and the exports.

use crate::AppState;
use crate::api::reports::{ReportQuery, compute};
use crate::auth::{Require, perm};
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use havre_report::Period;
use havre_report::tables::{Cell, Table, sections};

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

fn view(table: Table, lang: havre_domain::text::Lang) -> TableView {
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
    let lang = ctx.lang;
    let period = query.period(&state);
    let report = compute(&state, &auth, &ctx, period, "page").await?;
    let publishable = query.publishable.unwrap_or(false);
    let translate = |key: &str| t(lang, key);
    let sections = sections(&report, &translate, publishable)
        .into_iter()
        .map(|s| SectionView {
            key: s.key,
            title: s.title,
            tables: s
                .tables
                .into_iter()
                .map(|table| view(table, lang))
                .collect(),
        })
        .collect();
    let today = state.store.now().with_timezone(&chrono::Local).date_naive();
    let year = Period::reporting_year(today);
    let quick = |p: Period| (p.first.to_string(), p.last.to_string(), p.title());
    Ok(render(&ReportPage {
        page: Page::new(&ctx, "report-title"),
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
