//! Networks, the JSON twin of `/network` (docs/networks.md). A network's administrator keeps
//! its members and imports the submissions sent as files; its analysts, administrator and
//! coordinator read its report, every small count kept back. A member's administrator or
//! coordinator chooses what it shares with each network, previews its year, and approves it.

use super::body::{Body, Params, not_in_list};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use havre_domain::ids::{NetworkMemberId, NetworkShareId};
use havre_domain::network::{NetworkSection, Submission, SubmissionFile};
use havre_report::Period;
use havre_report::network::{MemberStanding, NetworkReport};
use havre_report::tables::Section;
use havre_store::audit::{Action, Event};
use havre_store::networks::{MemberForm, NetworkMember, NetworkShare, Received};
use serde::{Deserialize, Serialize};

type Problem = crate::error::Problem;
type Created = crate::api::calls::Created;

// ----- The network's side -----

/// The network's members, by name.
#[utoipa::path(get, path = "/api/v1/network/members", tag = "network",
    responses((status = 200, body = [NetworkMember]), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn members(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageNetwork>,
) -> Result<Json<Vec<NetworkMember>>, WebError> {
    Ok(Json(state.store.network_members(&auth.reader(&ctx)).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct MemberBody {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    /// The region it serves, as the network groups its figures.
    #[serde(default)]
    #[schema(required = true)]
    pub region: String,
    #[schema(required = true)]
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    /// The day its house opened, or its services began; absent while under construction.
    pub opened_on: Option<NaiveDate>,
    /// Its public key (base64), as it reads it on its own Havre: its submissions are checked
    /// with it.
    pub public_key: Option<String>,
    /// The address of its public page (/o/{slug}) when it works on this Havre: its key is
    /// taken from there and its submissions come without a file.
    pub organization_slug: Option<String>,
}

impl MemberBody {
    fn form(self) -> MemberForm {
        MemberForm {
            name: self.name,
            region: self.region,
            joined_on: self.joined_on,
            left_on: self.left_on,
            opened_on: self.opened_on,
            public_key: self.public_key,
            organization_slug: self.organization_slug,
        }
    }
}

/// Adds a member to the network.
#[utoipa::path(post, path = "/api/v1/network/members", tag = "network", request_body = MemberBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_member(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageNetwork>,
    Body(body): Body<MemberBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .add_network_member(&auth.reader(&ctx), &body.form())
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// Changes a member's name, region, dates or key.
#[utoipa::path(put, path = "/api/v1/network/members/{id}", tag = "network", request_body = MemberBody,
    params(("id" = uuid::Uuid, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn change_member(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageNetwork>,
    Path(id): Path<NetworkMemberId>,
    Body(body): Body<MemberBody>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .change_network_member(&auth.reader(&ctx), id, &body.form())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Imports a member's submission, the file as its Havre wrote it: kept only when its signature
/// is the one of a member's key; a second one for the same year replaces the first, which
/// stays in the history.
#[utoipa::path(post, path = "/api/v1/network/submissions", tag = "network", request_body = SubmissionFile,
    responses((status = 200, body = Received), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn import(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageNetwork>,
    Body(file): Body<SubmissionFile>,
) -> Result<Json<Received>, WebError> {
    let text = serde_json::to_string(&file).map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(Json(
        state
            .store
            .receive_submission(&auth.reader(&ctx), &text)
            .await?,
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NetworkReportQuery {
    /// The first day (YYYY-MM-DD); the network's current reporting year's when absent.
    pub from: Option<NaiveDate>,
    /// The last day (YYYY-MM-DD).
    pub to: Option<NaiveDate>,
    /// json (the default), pdf, xlsx or csv (a ZIP of one CSV file per table).
    pub format: Option<String>,
}

/// The network's report as JSON: its members and where each stands, and its tables, every
/// count from 1 to 4 hidden and what would give one away withheld.
#[derive(Serialize, utoipa::ToSchema)]
pub struct NetworkReportJson {
    pub network: String,
    pub period: Period,
    pub members: Vec<MemberStanding>,
    pub sections: Vec<Section>,
}

/// The network's report of a year (docs/networks.md): members that reported and why the
/// others did not, housing and help figures in all and per region, the change over the
/// members comparable with last year. Only ever published: no count from 1 to 4.
#[utoipa::path(get, path = "/api/v1/network/report", tag = "network", params(NetworkReportQuery),
    responses((status = 200, description = "The network's report: JSON, a PDF, an XLSX workbook or a ZIP of CSV files",
            content((NetworkReportJson = "application/json"), (String = "application/pdf"),
                (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (String = "application/zip"))),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn report(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeNetworkAggregates>,
    Params(query): Params<NetworkReportQuery>,
) -> Result<Response, WebError> {
    let format = query.format.as_deref().unwrap_or("json");
    if !["json", "pdf", "xlsx", "csv"].contains(&format) {
        return Err(not_in_list("format"));
    }
    let period = network_period(&state, &ctx, query.from, query.to);
    let report = compute(&state, &auth, &ctx, period, format).await?;
    let lang = ctx.lang;
    let sections = crate::sections::network_sections(&report, lang);
    if format == "json" {
        return Ok(Json(NetworkReportJson {
            network: report.network.clone(),
            period,
            members: report.members.clone(),
            sections,
        })
        .into_response());
    }
    let title = format!(
        "{} — {}",
        report.network,
        crate::i18n::t_args(lang, "report-heading", &[("period", period.title())])
    );
    let translate = |key: &str| crate::i18n::t(lang, key);
    let (bytes, content_type, extension) = match format {
        "pdf" => (
            havre_report::pdf::document(
                &title,
                &crate::i18n::t(lang, "report-hidden-legend"),
                &sections,
                lang,
            )
            .map_err(|e| WebError::Internal(e.to_string()))?,
            "application/pdf",
            "pdf",
        ),
        "xlsx" => (
            havre_report::spreadsheet::workbook(&title, &sections, lang)
                .map_err(|e| WebError::Internal(e.to_string()))?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => (
            havre_report::archive::csv_archive(&sections, lang, &translate)
                .map_err(|e| WebError::Internal(e.to_string()))?,
            "application/zip",
            "zip",
        ),
    };
    let name = format!("regroupement-{}-{}.{extension}", period.first, period.last);
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

/// The period asked for, the network's current reporting year by default.
pub fn network_period(
    state: &AppState,
    ctx: &crate::ctx::RequestCtx,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Period {
    let today = ctx.zone().day_of(state.store.now());
    let year = Period::reporting_year(today, ctx.year_start());
    Period {
        first: from.unwrap_or(year.first),
        last: to.unwrap_or(year.last),
    }
}

/// Computes the network's report and notes in the audit log who read which year, in what
/// form.
pub async fn compute(
    state: &AppState,
    auth: &crate::ctx::Authenticated,
    ctx: &crate::ctx::RequestCtx,
    period: Period,
    format: &str,
) -> Result<NetworkReport, WebError> {
    let reader = auth.reader(ctx);
    let report = NetworkReport::compute(&state.store, &reader, period).await?;
    state
        .store
        .audit(
            &reader.actor,
            Event::new(Action::ReportExported).detail(serde_json::json!({
                "network": true,
                "from": period.first,
                "to": period.last,
                "format": format,
            })),
        )
        .await?;
    Ok(report)
}

// ----- A member's side -----

/// The networks the organization shares with, or that list it on this Havre, and what it
/// shares with each.
#[utoipa::path(get, path = "/api/v1/network/shares", tag = "network",
    responses((status = 200, body = [NetworkShare]), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn shares(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ShareWithNetwork>,
) -> Result<Json<Vec<NetworkShare>>, WebError> {
    Ok(Json(state.store.network_shares(&auth.reader(&ctx)).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ShareBody {
    /// A network on this Havre that lists the organization: its `network_member_id` from
    /// the list of shares.
    pub network_member_id: Option<NetworkMemberId>,
    /// A network on another Havre: its name.
    #[serde(default)]
    pub network: String,
    /// What is shared: housing, help. Empty shares nothing.
    #[serde(default)]
    pub sections: Vec<String>,
}

/// Says what the organization shares with a network.
#[utoipa::path(put, path = "/api/v1/network/shares", tag = "network", request_body = ShareBody,
    responses((status = 200, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn share(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ShareWithNetwork>,
    Body(body): Body<ShareBody>,
) -> Result<Json<Created>, WebError> {
    let mut sections = Vec::new();
    for key in &body.sections {
        sections.push(NetworkSection::parse(key).ok_or_else(|| not_in_list("sections"))?);
    }
    let id = state
        .store
        .share_with_network(
            &auth.reader(&ctx),
            body.network_member_id,
            &body.network,
            &sections,
        )
        .await?;
    Ok(Json(Created { id: id.into() }))
}

#[derive(Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// The year's first day (YYYY-MM-DD); the organization's current reporting year's when
    /// absent.
    pub from: Option<NaiveDate>,
    /// The year's last day.
    pub to: Option<NaiveDate>,
}

/// What the organization would send the network for a year: the parts it shares, counting
/// only the women who consented to be counted. Nothing is sent.
#[utoipa::path(get, path = "/api/v1/network/shares/{id}/submission", tag = "network",
    params(("id" = uuid::Uuid, Path), YearQuery),
    responses((status = 200, body = Submission), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn preview(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ShareWithNetwork>,
    Path(id): Path<NetworkShareId>,
    Params(query): Params<YearQuery>,
) -> Result<Json<Submission>, WebError> {
    let period = network_period(&state, &ctx, query.from, query.to);
    Ok(Json(
        state
            .store
            .submission_preview(&auth.reader(&ctx), id, period.first, period.last)
            .await?,
    ))
}

/// Approves the year's submission: signed with the organization's key, handed to the network
/// when it works on this Havre. The answer is the file, to send to a network on another
/// Havre.
#[utoipa::path(post, path = "/api/v1/network/shares/{id}/submission", tag = "network",
    params(("id" = uuid::Uuid, Path)), request_body = YearQuery,
    responses((status = 200, body = SubmissionFile), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn approve(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ShareWithNetwork>,
    Path(id): Path<NetworkShareId>,
    Body(body): Body<YearQuery>,
) -> Result<Json<SubmissionFile>, WebError> {
    let period = network_period(&state, &ctx, body.from, body.to);
    Ok(Json(
        state
            .store
            .submit_to_network(&auth.reader(&ctx), id, period.first, period.last)
            .await?,
    ))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicKey {
    /// The organization's Ed25519 public key, base64: what a network on another Havre enters
    /// to check its submissions.
    pub public_key: String,
}

/// The organization's public key, to give to its networks.
#[utoipa::path(get, path = "/api/v1/network/public-key", tag = "network",
    responses((status = 200, body = PublicKey), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn public_key(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ShareWithNetwork>,
) -> Result<Json<PublicKey>, WebError> {
    Ok(Json(PublicKey {
        public_key: state.store.public_key(&auth.reader(&ctx)).await?,
    }))
}

/// A submission as a file to download.
pub fn submission_download(file: &SubmissionFile, first: NaiveDate) -> Response {
    let body = serde_json::to_vec_pretty(file).unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"soumission-{first}.json\""),
            ),
        ],
        body,
    )
        .into_response()
}
