//! Hours that are not about one person: categories, one's own entries, the totals per
//! category, trainings received and the figures entered by hand.

use super::body::{Body, InBody, missing, not_in_list};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use havre_domain::hours::HoursArea;
use havre_domain::ids::{HourCategoryId, HourEntryId, TrainingReceivedId};
use havre_domain::zone::Zone;
use havre_store::hours::{Cell, NewEntry};
use serde::{Deserialize, Serialize};

type Problem = crate::error::Problem;
type Created = crate::api::calls::Created;

#[derive(Serialize, utoipa::ToSchema)]
pub struct CategoryView {
    pub id: HourCategoryId,
    /// internal_management, direct_help, prevention, representation, exploitation, activism.
    pub area: String,
    pub label_fr: String,
    pub label_en: String,
    pub retired: bool,
    /// The activity whose records carry its hours (individual_meetings, groups, animations…):
    /// such a category takes no entry of the timesheet. None for the timesheet's categories.
    pub recorded: Option<String>,
}

impl From<havre_store::hours::HourCategory> for CategoryView {
    fn from(c: havre_store::hours::HourCategory) -> Self {
        CategoryView {
            id: c.id,
            area: c.area,
            label_fr: c.label_fr,
            label_en: c.label_en,
            retired: c.retired,
            recorded: c.recorded.map(|r| r.key().to_owned()),
        }
    }
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
            .map(CategoryView::from)
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CategoryBody {
    /// internal_management, direct_help, prevention, representation, exploitation, activism.
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub label_fr: String,
    /// The French label when absent.
    #[serde(default)]
    pub label_en: String,
}

/// Adds a category of hours to a service area (the administrator's).
#[utoipa::path(post, path = "/api/v1/hours/categories", tag = "hours", request_body = CategoryBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_category(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    Body(body): Body<CategoryBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let area = HoursArea::parse(&body.area).ok_or_else(|| not_in_list("area"))?;
    let id = state
        .store
        .add_hour_category(&auth.reader(&ctx), area, &body.label_fr, &body.label_en)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CategoryPatch {
    pub label_fr: Option<String>,
    pub label_en: Option<String>,
    /// true retires it from the timesheet (its hours stay in the report); false offers it again.
    pub retired: Option<bool>,
}

/// Renames a category, retires it or offers it again.
#[utoipa::path(patch, path = "/api/v1/hours/categories/{id}", tag = "hours", request_body = CategoryPatch,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CategoryView), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn update_category(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    Path(id): Path<HourCategoryId>,
    Body(body): Body<CategoryPatch>,
) -> Result<Json<CategoryView>, WebError> {
    let reader = auth.reader(&ctx);
    let org = auth.organization.id;
    let current = state
        .store
        .hour_categories(org, true)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(WebError::NotFound)?;
    if body.label_fr.is_some() || body.label_en.is_some() {
        state
            .store
            .rename_hour_category(
                &reader,
                id,
                body.label_fr.as_deref().unwrap_or(&current.label_fr),
                // An English label that only repeated the French one follows the new French.
                match body.label_en.as_deref() {
                    Some(en) => en,
                    None if current.label_en == current.label_fr => "",
                    None => &current.label_en,
                },
            )
            .await?;
    }
    if let Some(retired) = body.retired {
        state
            .store
            .set_hour_category_retired(&reader, id, retired)
            .await?;
    }
    state
        .store
        .hour_categories(org, true)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .map(|c| Json(c.into()))
        .ok_or(WebError::NotFound)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct EntryBody {
    pub category_id: HourCategoryId,
    pub day: NaiveDate,
    pub minutes: i64,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HoursBody {
    /// At least one.
    #[serde(default)]
    #[schema(required = true)]
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
    if body.entries.is_empty() {
        return Err(missing("entries"));
    }
    let entries: Vec<NewEntry> = body
        .entries
        .iter()
        .map(|e| NewEntry {
            category_id: e.category_id,
            day: e.day,
            minutes: e.minutes,
        })
        .collect();
    // Each problem is about the entries sent.
    let n = state
        .store
        .log_hours(&auth.reader(&ctx), &entries)
        .await
        .named(&[
            ("minutes", "entries.minutes"),
            ("day", "entries.day"),
            ("category_id", "entries.category_id"),
        ])?;
    Ok((StatusCode::CREATED, Json(LoggedView { entries: n })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CellBody {
    pub category_id: HourCategoryId,
    pub day: NaiveDate,
    /// Her minutes on this category that day from now on; 0 clears them.
    pub minutes: i64,
    /// What the cell held when she read it: if it changed meanwhile, nothing is written.
    pub was_minutes: Option<i64>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CellsBody {
    #[serde(default)]
    pub cells: Vec<CellBody>,
}

/// Sets cells of one's own timesheet, as the weekly page does: each cell is one's minutes on a
/// category on a day, replaced (0 clears it); each day stays within 24 hours.
#[utoipa::path(put, path = "/api/v1/hours/cells", tag = "hours", request_body = CellsBody,
    responses((status = 200, body = LoggedView), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_cells(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::LogOwnHours>,
    Body(body): Body<CellsBody>,
) -> Result<Json<LoggedView>, WebError> {
    let cells: Vec<Cell> = body
        .cells
        .iter()
        .map(|c| Cell {
            category_id: c.category_id,
            day: c.day,
            minutes: c.minutes,
            was: c.was_minutes,
        })
        .collect();
    let n = state.store.set_hours(&auth.reader(&ctx), &cells).await?;
    Ok(Json(LoggedView { entries: n }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
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
        zone: Zone,
        year_start: havre_domain::year::YearStart,
    ) -> Result<(NaiveDate, NaiveDate), WebError> {
        let (first, last) = year_start.year_of(zone.day_of(now));
        let (from, to) = (self.from.unwrap_or(first), self.to.unwrap_or(last));
        if from > to {
            return Err(not_in_list("to"));
        }
        Ok((from, to))
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EntryView {
    pub id: HourEntryId,
    pub category_id: HourCategoryId,
    pub day: NaiveDate,
    pub minutes: i32,
}

/// One's own entries over a period.
#[utoipa::path(get, path = "/api/v1/hours/mine", tag = "hours", params(Days),
    responses((status = 200, body = Vec<EntryView>)))]
pub async fn mine(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::LogOwnHours>,
    super::body::Params(days): super::body::Params<Days>,
) -> Result<Json<Vec<EntryView>>, WebError> {
    let (from, to) = days.bounds(state.store.now(), ctx.zone(), ctx.year_start())?;
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
    pub category_id: HourCategoryId,
    pub area: String,
    pub minutes: i64,
    /// The activity whose records carry these hours (individual_meetings, groups,
    /// animations…); none for the timesheet's.
    pub recorded: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AreaTotal {
    pub area: String,
    pub minutes: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct HoursTotalsView {
    pub categories: Vec<CategoryTotal>,
    /// Per service area, in the report's order.
    pub areas: Vec<AreaTotal>,
    pub minutes: i64,
}

/// The organization's hours invested over a period, per category and per service area: the
/// hours the records carry (meetings, groups, animations, trainings…) and the timesheet's,
/// as the activity report counts them.
#[utoipa::path(get, path = "/api/v1/hours/totals", tag = "hours", params(Days),
    responses((status = 200, body = HoursTotalsView), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn totals(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    super::body::Params(days): super::body::Params<Days>,
) -> Result<Json<HoursTotalsView>, WebError> {
    let (first, last) = days.bounds(state.store.now(), ctx.zone(), ctx.year_start())?;
    let hours = havre_report::activity::invested_hours(
        &state.store,
        auth.organization.id,
        havre_report::Period { first, last },
        ctx.lang,
    )
    .await?;
    Ok(Json(HoursTotalsView {
        minutes: hours.iter().map(|a| a.minutes).sum(),
        categories: hours
            .iter()
            .flat_map(|a| {
                a.categories.iter().map(|c| CategoryTotal {
                    category_id: c.category_id,
                    area: a.area.clone(),
                    minutes: c.minutes,
                    recorded: c.recorded.map(|r| r.key().to_owned()),
                })
            })
            .collect(),
        areas: hours
            .iter()
            .map(|a| AreaTotal {
                area: a.area.clone(),
                minutes: a.minutes,
            })
            .collect(),
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TrainingReceivedBody {
    #[schema(required = true)]
    pub day: Option<NaiveDate>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub trainer: String,
    #[schema(required = true)]
    pub minutes: Option<i64>,
    /// How many workers went.
    #[schema(required = true)]
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
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// Takes back a training received noted in error (whoever noted it, or those who run the
/// reports); the audit keeps what it said.
#[utoipa::path(post, path = "/api/v1/hours/trainings-received/{id}/remove", tag = "hours",
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn remove_training_received(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::LogOwnHours>,
    Path(id): Path<TrainingReceivedId>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .remove_training_received(&auth.reader(&ctx), id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
