//! The day's agenda of a care unit, the JSON twin of `/agenda` (docs/care.md): the day's
//! appointments with the reception's counts, a booking from a woman's file, a walk-in added in
//! one step, and the moves of an appointment along the day. The team reads
//! (`Permission::ReadAssignedFiles`); the store decides, by the policy, who sees which
//! appointment.

use super::body::{Body, Params, missing};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use havre_domain::care::AppointmentStatus;
use havre_domain::care::{HostingKind, NewHosting};
use havre_domain::ids::{
    AgreementId, AppointmentId, EnrolmentId, ListValueId, PathwayId, PersonId, StepId, UserId,
};
use havre_domain::pathways::{AgreementFigure, AgreementKind, NewAgreement};
use havre_report::activity::Period;
use havre_store::care::{Agenda, Appointment, NewAppointment, WalkIn, WalkInPerson};
use havre_store::care::{CareReport, Hosting};
use havre_store::pathways::{Agreement, NewStep, Pathway, PathwayOnFile};
use serde::{Deserialize, Serialize};

type Problem = crate::error::Problem;
type Created = crate::api::calls::Created;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DayQuery {
    /// The day on the organization's clock (2027-03-15); today when absent.
    pub day: Option<NaiveDate>,
}

/// The day's agenda: every appointment the reader may see, in time order, with the name of
/// the woman expected, and the reception's counts (expected, arrived, seen, gone, walk-ins).
/// Reading it is audited.
#[utoipa::path(get, path = "/api/v1/agenda", tag = "care", params(DayQuery),
    responses((status = 200, body = Agenda), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn agenda(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Params(query): Params<DayQuery>,
) -> Result<Json<Agenda>, WebError> {
    let zone = ctx.zone();
    let day = query.day.unwrap_or_else(|| zone.day_of(state.store.now()));
    Ok(Json(
        state.store.agenda(&auth.reader(&ctx), zone, day).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AppointmentBody {
    #[schema(required = true)]
    pub person_id: Option<PersonId>,
    #[schema(required = true)]
    pub professional_id: Option<UserId>,
    pub room_id: Option<ListValueId>,
    /// The day, on the organization's clock.
    pub date: Option<String>,
    /// The hour, on the organization's clock (09:30).
    pub time: Option<String>,
    /// Its length; 30 minutes when absent.
    pub minutes: Option<i32>,
    /// The step of a pathway she follows it is booked for: when she is seen, it is done.
    pub step_id: Option<StepId>,
}

/// Books an appointment from a woman's file, with a member of the team. One that would
/// overlap another appointment of the professional's is refused at `starts_at`.
#[utoipa::path(post, path = "/api/v1/appointments", tag = "care", request_body = AppointmentBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn book(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Body(body): Body<AppointmentBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let person_id = body.person_id.ok_or_else(|| missing("person_id"))?;
    let professional_id = body
        .professional_id
        .ok_or_else(|| missing("professional_id"))?;
    let starts_at = ctx.zone().parse_local(
        body.date.as_deref().unwrap_or_default(),
        body.time.as_deref().unwrap_or_default(),
    );
    let id = state
        .store
        .book_appointment(
            &auth.reader(&ctx),
            NewAppointment {
                person_id,
                professional_id,
                room_id: body.room_id,
                starts_at,
                minutes: body.minutes.unwrap_or(30),
                step_id: body.step_id,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct WalkInBody {
    /// A woman who has a file; or else `name`, for a new one.
    pub person_id: Option<PersonId>,
    /// Her name or an alias, as she gives it, for a woman without a file.
    pub name: Option<String>,
    #[schema(required = true)]
    pub professional_id: Option<UserId>,
    pub room_id: Option<ListValueId>,
    /// Its length; 30 minutes when absent.
    pub minutes: Option<i32>,
}

/// A woman who came without an appointment, added in one step: she has arrived now. A new
/// woman gets a file with her name only.
#[utoipa::path(post, path = "/api/v1/walk-ins", tag = "care", request_body = WalkInBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn walk_in(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Body(body): Body<WalkInBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let person = match (body.person_id, body.name) {
        (Some(id), _) => WalkInPerson::File(id),
        (None, name) => WalkInPerson::New {
            name: name.unwrap_or_default(),
        },
    };
    let professional_id = body
        .professional_id
        .ok_or_else(|| missing("professional_id"))?;
    let id = state
        .store
        .walk_in(
            &auth.reader(&ctx),
            WalkIn {
                person,
                professional_id,
                room_id: body.room_id,
                minutes: body.minutes.unwrap_or(30),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StatusBody {
    /// arrived, seen, gone, missed or cancelled; or one step back.
    #[schema(required = true)]
    pub status: Option<AppointmentStatus>,
}

/// Moves an appointment along the day, or one step back to undo a click made in error.
#[utoipa::path(post, path = "/api/v1/appointments/{id}/status", tag = "care", params(("id" = Uuid, Path)), request_body = StatusBody,
    responses((status = 200, body = Appointment), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn move_to(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<AppointmentId>,
    Body(body): Body<StatusBody>,
) -> Result<Json<Appointment>, WebError> {
    let to = body.status.ok_or_else(|| missing("status"))?;
    Ok(Json(
        state
            .store
            .move_appointment(&auth.reader(&ctx), id, to)
            .await?,
    ))
}

/// The organization's agreements with partners, the latest signed first.
#[utoipa::path(get, path = "/api/v1/agreements", tag = "care",
    responses((status = 200, body = Vec<Agreement>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn agreements(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
) -> Result<Json<Vec<Agreement>>, WebError> {
    Ok(Json(state.store.agreements(&auth.reader(&ctx)).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AgreementBody {
    #[serde(default)]
    #[schema(required = true)]
    pub partner: String,
    #[schema(required = true)]
    pub kind: Option<AgreementKind>,
    #[schema(required = true)]
    pub signed_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// The figures it asks for; at least one.
    #[serde(default)]
    pub figures: Vec<AgreementFigure>,
}

/// Records an agreement with a partner and the figures it asks for.
#[utoipa::path(post, path = "/api/v1/agreements", tag = "care", request_body = AgreementBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_agreement(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    Body(body): Body<AgreementBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .create_agreement(
            &auth.reader(&ctx),
            NewAgreement {
                partner: body.partner,
                kind: body.kind,
                signed_on: body.signed_on,
                ends_on: body.ends_on,
                figures: body.figures,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// The organization's pathways with their steps in order.
#[utoipa::path(get, path = "/api/v1/pathways", tag = "care",
    responses((status = 200, body = Vec<Pathway>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn pathways(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
) -> Result<Json<Vec<Pathway>>, WebError> {
    Ok(Json(state.store.pathways(&auth.reader(&ctx)).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PathwayBody {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    /// The agreement it is counted for.
    pub agreement_id: Option<AgreementId>,
}

/// Opens a pathway; its steps are added after, in order.
#[utoipa::path(post, path = "/api/v1/pathways", tag = "care", request_body = PathwayBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_pathway(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    Body(body): Body<PathwayBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .create_pathway(&auth.reader(&ctx), &body.name, body.agreement_id)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StepBody {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    /// The profession that takes it (a value of the list `profession`).
    pub profession_id: Option<ListValueId>,
    /// The step is the complaint filed on site.
    #[serde(default)]
    pub complaint: bool,
}

/// Adds a step at the end of a pathway.
#[utoipa::path(post, path = "/api/v1/pathways/{id}/steps", tag = "care", params(("id" = Uuid, Path)), request_body = StepBody,
    responses((status = 201, body = Created), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_step(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    Path(id): Path<PathwayId>,
    Body(body): Body<StepBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let step = state
        .store
        .add_step(
            &auth.reader(&ctx),
            id,
            NewStep {
                name: body.name,
                profession_id: body.profession_id,
                complaint: body.complaint,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: step.into() })))
}

/// Where a woman is on each pathway she follows: each step, done on a day or not yet.
#[utoipa::path(get, path = "/api/v1/files/{id}/pathways", tag = "care", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<PathwayOnFile>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn pathways_on_file(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
) -> Result<Json<Vec<PathwayOnFile>>, WebError> {
    Ok(Json(
        state.store.pathways_on_file(&auth.reader(&ctx), id).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PathwayEnrolBody {
    #[schema(required = true)]
    pub pathway_id: Option<PathwayId>,
    /// The day she entered it; today when absent.
    pub started_on: Option<NaiveDate>,
}

/// Puts a woman on a pathway.
#[utoipa::path(post, path = "/api/v1/files/{id}/pathways", tag = "care", params(("id" = Uuid, Path)), request_body = PathwayEnrolBody,
    responses((status = 201, body = Created), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn enrol(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Body(body): Body<PathwayEnrolBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let enrolment = state
        .store
        .enrol_in_pathway(&auth.reader(&ctx), id, body.pathway_id, body.started_on)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Created {
            id: enrolment.into(),
        }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CompletionBody {
    #[schema(required = true)]
    pub step_id: Option<StepId>,
    /// The day it was done; today when absent.
    pub done_on: Option<NaiveDate>,
}

/// Marks a step of her pathway done.
#[utoipa::path(post, path = "/api/v1/enrolments/{id}/steps", tag = "care", params(("id" = Uuid, Path)), request_body = CompletionBody,
    responses((status = 201, body = Created), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn complete_step(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<EnrolmentId>,
    Body(body): Body<CompletionBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let done = state
        .store
        .complete_step(&auth.reader(&ctx), id, body.step_id, body.done_on)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: done.into() })))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// The first day; the current reporting year when absent.
    pub from: Option<NaiveDate>,
    /// The last day.
    pub to: Option<NaiveDate>,
}

/// The interns and observers hosted in a period (the current reporting year by default).
#[utoipa::path(get, path = "/api/v1/hostings", tag = "care", params(PeriodQuery),
    responses((status = 200, body = Vec<Hosting>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn hostings(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Params(query): Params<PeriodQuery>,
) -> Result<Json<Vec<Hosting>>, WebError> {
    let (period, _) = period_of(&state, &ctx, &query)?;
    Ok(Json(
        state
            .store
            .hostings(&auth.reader(&ctx), period.first, period.last)
            .await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HostingBody {
    #[schema(required = true)]
    pub kind: Option<HostingKind>,
    #[serde(default)]
    #[schema(required = true)]
    pub school: String,
    pub profession_id: Option<ListValueId>,
    #[schema(required = true)]
    pub starts_on: Option<NaiveDate>,
    #[schema(required = true)]
    pub ends_on: Option<NaiveDate>,
}

/// Records an intern or an observer hosted: her school and her days, never her name.
#[utoipa::path(post, path = "/api/v1/hostings", tag = "care", request_body = HostingBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_hosting(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    Body(body): Body<HostingBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .record_hosting(
            &auth.reader(&ctx),
            NewHosting {
                kind: body.kind,
                school: body.school,
                profession: body.profession_id,
                starts_on: body.starts_on,
                ends_on: body.ends_on,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CareFiguresView {
    pub period: Period,
    pub previous_period: Period,
    pub current: CareReport,
    pub previous: CareReport,
}

/// A care unit's figures for a period (the current reporting year by default) beside the one
/// before: women accompanied and new, appointments per profession and per pathway, women per
/// open day and the peak day, each pathway's steps and delays, each agreement's figures, the
/// trainings given and the interns hosted.
#[utoipa::path(get, path = "/api/v1/care/figures", tag = "care", params(PeriodQuery),
    responses((status = 200, body = CareFiguresView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn figures(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    Params(query): Params<PeriodQuery>,
) -> Result<Json<CareFiguresView>, WebError> {
    let (period, previous) = period_of(&state, &ctx, &query)?;
    let org = auth.organization.id;
    Ok(Json(CareFiguresView {
        current: state
            .store
            .care_report(org, period.first, period.last)
            .await?,
        previous: state
            .store
            .care_report(org, previous.first, previous.last)
            .await?,
        period,
        previous_period: previous,
    }))
}

/// The period a query names, or the current reporting year, and the one before it; a period
/// that ends before it begins, or longer than ten years, is refused at `to`.
pub(crate) fn period_of(
    state: &AppState,
    ctx: &crate::ctx::RequestCtx,
    query: &PeriodQuery,
) -> Result<(Period, Period), WebError> {
    let today = ctx.zone().day_of(state.store.now());
    let year = Period::reporting_year(today, ctx.year_start());
    let period = Period {
        first: query.from.unwrap_or(year.first),
        last: query.to.unwrap_or(year.last),
    };
    let previous = period
        .previous()
        .filter(|_| period.first <= period.last && (period.last - period.first).num_days() <= 3_660)
        .ok_or_else(|| {
            WebError::Invalid(vec![havre_store::FieldError::new("to", "period-invalid")])
        })?;
    Ok((period, previous))
}
