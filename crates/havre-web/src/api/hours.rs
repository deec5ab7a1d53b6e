//! Hours that are not about one person: categories, one's own entries, the totals per
//! category, trainings received and the figures entered by hand.

use super::body::{Body, missing, not_in_list};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use havre_store::hours::NewEntry;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

type Problem = crate::error::Problem;
type Created = crate::api::calls::Created;

#[derive(Serialize, utoipa::ToSchema)]
pub struct CategoryView {
    pub id: Uuid,
    /// internal_management, direct_help, prevention, representation, exploitation, activism.
    pub area: String,
    pub label_fr: String,
    pub label_en: String,
    pub retired: bool,
}

/// The categories of hours, by service area.
#[utoipa::path(get, path = "/api/v1/hours/categories", tag = "hours",
    responses((status = 200, body = Vec<CategoryView>)))]
pub async fn categories(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::LogOwnHours>,
) -> Result<Json<Vec<CategoryView>>, WebError> {
    Ok(Json(
        state
            .store
            .hour_categories(auth.organization.id, true)
            .await?
            .into_iter()
            .map(|c| CategoryView {
                id: c.id,
                area: c.area,
                label_fr: c.label_fr,
                label_en: c.label_en,
                retired: c.retired,
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct EntryBody {
    pub category_id: Uuid,
    pub day: NaiveDate,
    pub minutes: i64,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HoursBody {
    #[serde(default)]
    pub entries: Vec<EntryBody>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LoggedView {
    pub entries: usize,
}

/// Logs one's own hours; a day holds at most 24 hours with what is already logged.
#[utoipa::path(post, path = "/api/v1/hours", tag = "hours", request_body = HoursBody,
    responses((status = 201, body = LoggedView), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn log(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::LogOwnHours>,
    Body(body): Body<HoursBody>,
) -> Result<(StatusCode, Json<LoggedView>), WebError> {
    let entries: Vec<NewEntry> = body
        .entries
        .iter()
        .map(|e| NewEntry {
            category_id: e.category_id,
            day: e.day,
            minutes: e.minutes,
        })
        .collect();
    let n = state.store.log_hours(&auth.reader(&ctx), &entries).await?;
    Ok((StatusCode::CREATED, Json(LoggedView { entries: n })))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct Days {
    /// The first day (YYYY-MM-DD); the reporting year's first day when absent.
    pub from: Option<NaiveDate>,
    /// The last day (YYYY-MM-DD); the reporting year's last day when absent.
    pub to: Option<NaiveDate>,
}

impl Days {
    fn bounds(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(NaiveDate, NaiveDate), WebError> {
        let (first, last) = havre_domain::prevention::reporting_year(
            now.with_timezone(&chrono::Local).date_naive(),
        );
        let (from, to) = (self.from.unwrap_or(first), self.to.unwrap_or(last));
        if from > to {
            return Err(not_in_list("to"));
        }
        Ok((from, to))
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EntryView {
    pub id: Uuid,
    pub category_id: Uuid,
    pub day: NaiveDate,
    pub minutes: i32,
}

/// One's own entries over a period.
#[utoipa::path(get, path = "/api/v1/hours/mine", tag = "hours", params(Days),
    responses((status = 200, body = Vec<EntryView>)))]
pub async fn mine(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::LogOwnHours>,
    Query(days): Query<Days>,
) -> Result<Json<Vec<EntryView>>, WebError> {
    let (from, to) = days.bounds(state.store.now())?;
    Ok(Json(
        state
            .store
            .my_hours(&auth.reader(&ctx), from, to)
            .await?
            .into_iter()
            .map(|e| EntryView {
                id: e.id,
                category_id: e.category_id,
                day: e.day,
                minutes: e.minutes,
            })
            .collect(),
    ))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CategoryTotal {
    pub category_id: Uuid,
    pub area: String,
    pub minutes: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AreaTotal {
    pub area: String,
    pub minutes: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TotalsView {
    pub categories: Vec<CategoryTotal>,
    /// Per service area, in the report's order.
    pub areas: Vec<AreaTotal>,
    pub minutes: i64,
}

/// The organization's hours over a period, per category and per service area.
#[utoipa::path(get, path = "/api/v1/hours/totals", tag = "hours", params(Days),
    responses((status = 200, body = TotalsView), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn totals(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::RunReports>,
    Query(days): Query<Days>,
) -> Result<Json<TotalsView>, WebError> {
    let (from, to) = days.bounds(state.store.now())?;
    let org = auth.organization.id;
    let categories = state.store.hour_categories(org, true).await?;
    let per = state.store.hours_per_category(org, from, to).await?;
    let area_of = |id: Uuid| {
        categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.area.clone())
            .unwrap_or_default()
    };
    let areas = havre_domain::hours::HoursArea::ALL
        .iter()
        .map(|a| AreaTotal {
            area: a.key().to_owned(),
            minutes: per
                .iter()
                .filter(|(c, _)| area_of(*c) == a.key())
                .map(|(_, m)| m)
                .sum(),
        })
        .collect();
    Ok(Json(TotalsView {
        minutes: per.iter().map(|(_, m)| m).sum(),
        categories: per
            .iter()
            .map(|(c, m)| CategoryTotal {
                category_id: *c,
                area: area_of(*c),
                minutes: *m,
            })
            .collect(),
        areas,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TrainingReceivedBody {
    pub day: Option<NaiveDate>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub trainer: String,
    pub minutes: Option<i64>,
    /// How many workers went.
    pub workers: Option<i32>,
}

/// Records a training the team received.
#[utoipa::path(post, path = "/api/v1/hours/trainings-received", tag = "hours", request_body = TrainingReceivedBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn training_received(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::LogOwnHours>,
    Body(body): Body<TrainingReceivedBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .record_training_received(
            &auth.reader(&ctx),
            body.day.ok_or_else(|| missing("day"))?,
            &body.title,
            &body.trainer,
            body.minutes.ok_or_else(|| missing("minutes"))?,
            body.workers.ok_or_else(|| missing("workers"))?,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FigureBody {
    pub day: Option<NaiveDate>,
    /// material or social_media.
    #[serde(default)]
    pub kind: String,
    /// "T-shirts de la journée d'action", "Publications Facebook"…
    #[serde(default)]
    pub label: String,
    pub quantity: Option<i64>,
}

/// Records a figure entered by hand: material distributed, social media.
#[utoipa::path(post, path = "/api/v1/hours/figures", tag = "hours", request_body = FigureBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn figure(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Body(body): Body<FigureBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .record_outreach_figure(
            &auth.reader(&ctx),
            body.day.ok_or_else(|| missing("day"))?,
            &body.kind,
            &body.label,
            body.quantity.ok_or_else(|| missing("quantity"))?,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}
