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
use havre_domain::ids::{AppointmentId, ListValueId, PersonId, UserId};
use havre_store::care::{Agenda, Appointment, NewAppointment, WalkIn, WalkInPerson};
use serde::Deserialize;

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
