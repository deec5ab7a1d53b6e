//! The activity report as JSON, for any period: the reporting year by default.

use super::body::not_in_list;
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use havre_report::tables::Section;
use havre_report::{ActivityReport, Period};
use havre_store::audit::{Action, Event};
use serde::{Deserialize, Serialize};

type Problem = crate::error::Problem;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The first day (YYYY-MM-DD); the current reporting year's first day when absent.
    pub from: Option<NaiveDate>,
    /// The last day (YYYY-MM-DD); the current reporting year's last day when absent.
    pub to: Option<NaiveDate>,
    /// json (the default), pdf (printable, the team's text before each section's figures),
    /// xlsx (one sheet per section) or csv (a ZIP archive of one CSV file per table).
    pub format: Option<String>,
    /// true: the publishable version, every count from 1 to 4 hidden.
    pub publishable: Option<bool>,
}

impl ReportQuery {
    /// The period asked for, the current reporting year by default.
    pub fn period(
        &self,
        state: &AppState,
        zone: havre_domain::zone::Zone,
        year_start: havre_domain::year::YearStart,
    ) -> Period {
        let today = zone.day_of(state.store.now());
        let year = Period::reporting_year(today, year_start);
        Period {
            first: self.from.unwrap_or(year.first),
            last: self.to.unwrap_or(year.last),
        }
    }
}

/// Computes the report and notes in the audit log who exported which period, in what form.
pub async fn compute(
    state: &AppState,
    auth: &crate::ctx::Authenticated,
    ctx: &crate::ctx::RequestCtx,
    period: Period,
    format: &str,
    publishable: bool,
) -> Result<std::sync::Arc<ActivityReport>, WebError> {
    let reader = auth.reader(ctx);
    let report = state
        .reports
        .activity(&state.store, &reader, period, ctx.lang)
        .await?;
    state
        .store
        .audit(
            &reader.actor,
            Event::new(Action::ReportExported).detail(serde_json::json!({
                "from": period.first,
                "to": period.last,
                "format": format,
                "publishable": publishable,
            })),
        )
        .await?;
    Ok(report)
}

/// The activity report of a period, with the period before it for comparison: new requests
/// and their profile, the wait list, services, referrals, groups, drop-ins, prevention and
/// hours invested. Labels are in the request's language. With `publishable=true`, only the
/// report's tables, every count from 1 to 4 hidden.
#[utoipa::path(get, path = "/api/v1/reports/activity", tag = "reports", params(ReportQuery),
    responses((status = 200, description = "The activity report: JSON (its figures, or its published tables with publishable=true), a PDF, an XLSX workbook or a ZIP of CSV files",
            content((ReportJson = "application/json"), (String = "application/pdf"),
                (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (String = "application/zip"))),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn activity(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    super::body::Params(query): super::body::Params<ReportQuery>,
) -> Result<Response, WebError> {
    let format = query.format.as_deref().unwrap_or("json");
    if !["json", "pdf", "xlsx", "csv"].contains(&format) {
        return Err(not_in_list("format"));
    }
    let period = query.period(&state, ctx.zone(), ctx.year_start());
    let publishable = query.publishable.unwrap_or(false);
    let report = compute(&state, &auth, &ctx, period, format, publishable).await?;
    let lang = ctx.lang;
    if format != "json" {
        return document(&report, period, format, publishable, lang);
    }
    if !publishable {
        return Ok(Json(ReportJson::Figures(Box::new(ActivityReport::clone(
            &report,
        ))))
        .into_response());
    }
    // Published: only the tables, with their small counts hidden; the raw figures would
    // give them away.
    Ok(Json(ReportJson::Published(Published {
        organization: report.organization.clone(),
        period: report.period,
        previous_period: report.previous_period,
        publishable: true,
        narratives: report.narratives.clone(),
        sections: crate::sections::report_sections(&report, lang, true),
    }))
    .into_response())
}

/// The report as a file to download: a PDF, an XLSX workbook or a ZIP of CSV files.
fn document(
    report: &ActivityReport,
    period: Period,
    format: &str,
    publishable: bool,
    lang: crate::i18n::Lang,
) -> Result<Response, WebError> {
    let translate = |key: &str| crate::i18n::t(lang, key);
    let tables = crate::sections::report_sections(report, lang, publishable);
    let title = format!(
        "{} — {}",
        report.organization,
        crate::i18n::t_args(lang, "report-heading", &[("period", period.title())])
    );
    let (bytes, content_type, extension) = if format == "pdf" {
        (
            pdf(report, &title, &tables, publishable, lang)?,
            "application/pdf",
            "pdf",
        )
    } else if format == "xlsx" {
        (
            havre_report::spreadsheet::workbook(&title, &tables, lang)
                .map_err(|e| WebError::Internal(e.to_string()))?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    } else {
        (
            havre_report::archive::csv_archive(&tables, lang, &translate)
                .map_err(|e| WebError::Internal(e.to_string()))?,
            "application/zip",
            "zip",
        )
    };
    let name = format!(
        "rapport-{}-{}{}.{extension}",
        period.first,
        period.last,
        if publishable { "-publiable" } else { "" }
    );
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The report as a PDF.
fn pdf(
    report: &ActivityReport,
    title: &str,
    tables: &[Section],
    publishable: bool,
    lang: crate::i18n::Lang,
) -> Result<Vec<u8>, WebError> {
    // Said on the title page: whether small counts are hidden, or this copy stays in.
    let subtitle = format!(
        "{} — {}",
        crate::i18n::t_args(
            lang,
            "report-compared",
            &[("period", report.previous_period.title())],
        ),
        crate::i18n::t(
            lang,
            if publishable {
                "report-hidden-legend"
            } else {
                "report-not-for-publication"
            }
        )
    );
    havre_report::pdf::document(title, &subtitle, tables, lang)
        .map_err(|e| WebError::Internal(e.to_string()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NarrativeBody {
    /// The period's first day (YYYY-MM-DD); the current reporting year's when absent.
    pub from: Option<NaiveDate>,
    /// The period's last day.
    pub to: Option<NaiveDate>,
    /// requests, wait_list, individual, accompaniments, referrals, exploitation, groups,
    /// prevention, hours or comparison.
    #[serde(default)]
    pub section: String,
    /// The text, paragraphs separated by a blank line; empty removes it.
    #[serde(default)]
    pub text: String,
}

/// Saves the team's text of one section of a period's report, placed before its figures.
#[utoipa::path(put, path = "/api/v1/reports/narratives", tag = "reports", request_body = NarrativeBody,
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn save_narrative(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    super::body::Body(body): super::body::Body<NarrativeBody>,
) -> Result<axum::http::StatusCode, WebError> {
    let period = ReportQuery {
        from: body.from,
        to: body.to,
        format: None,
        publishable: None,
    }
    .period(&state, ctx.zone(), ctx.year_start());
    state
        .store
        .save_narrative(
            &auth.reader(&ctx),
            period.first,
            period.last,
            &body.section,
            &body.text,
        )
        .await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// The report as JSON: every figure, or with publishable=true only its tables.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum ReportJson {
    Figures(Box<ActivityReport>),
    Published(Published),
}

/// The publishable report: its tables only, small counts hidden.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Published {
    pub organization: String,
    pub period: Period,
    pub previous_period: Period,
    pub publishable: bool,
    /// The team's text of each section.
    pub narratives: std::collections::BTreeMap<String, String>,
    pub sections: Vec<Section>,
}
