//! Missions, the JSON twin of `/service-requests`, `/missions`, `/workers` and `/pay`
//! (docs/missions.md): the member partners and their caseworkers' accounts, the service
//! requests a partner files and follows, the missions planned for them and the hours signed
//! in, the workers, their rates and their pay statements. The routes any account may call
//! leave every decision to the store, which asks the policy: a partner's caseworker reads her
//! own partner's requests and nothing else.

use super::body::{Body, Params, missing};
use crate::AppState;
use crate::auth::{Require, Staff, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use chrono::{NaiveDate, NaiveTime};
use havre_domain::ids::{
    ListValueId, MissionId, PartnerId, PayStatementId, ServiceRequestId, UserId, WorkerId,
};
use havre_domain::missions::{PayFrequency, RequestForm, Risk, ServiceRequestStatus, WorkedTime};
use havre_report::activity::Period;
use havre_store::missions::{
    Mission, MissionDone, MissionLine, MissionReport, NewMission, NewWorker, Partner,
    PartnerAccount, PartnerForm, RequestLine, ServiceRequest, WorkerName, WorkerPersonal,
    WorkerRecord,
};
use havre_store::pay::{PaySchedule, PayStatement};
use serde::{Deserialize, Serialize};

type Problem = crate::error::Problem;
type Created = crate::api::calls::Created;

// ----- Partners -----

/// The member partners and the dates of their membership.
#[utoipa::path(get, path = "/api/v1/partners", tag = "missions",
    responses((status = 200, body = [Partner]), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn partners(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunMissions>,
) -> Result<Json<Vec<Partner>>, WebError> {
    Ok(Json(state.store.partners(&auth.reader(&ctx)).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PartnerBody {
    #[schema(required = true)]
    pub name: Option<String>,
    #[schema(required = true)]
    pub joined_on: Option<NaiveDate>,
    /// The first day it is no longer a member.
    pub left_on: Option<NaiveDate>,
}

impl From<PartnerBody> for PartnerForm {
    fn from(b: PartnerBody) -> Self {
        PartnerForm {
            name: b.name.unwrap_or_default(),
            joined_on: b.joined_on,
            left_on: b.left_on,
        }
    }
}

/// Adds a member partner.
#[utoipa::path(post, path = "/api/v1/partners", tag = "missions", request_body = PartnerBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_partner(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Body(body): Body<PartnerBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .add_partner(&auth.reader(&ctx), body.into())
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// Renames a partner or changes its dates: its membership ends the day before `left_on`.
/// Its caseworkers then file no more requests, and read those it filed for 90 days.
#[utoipa::path(put, path = "/api/v1/partners/{id}", tag = "missions", request_body = PartnerBody,
    params(("id" = PartnerId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn change_partner(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<PartnerId>,
    Body(body): Body<PartnerBody>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .change_partner(&auth.reader(&ctx), id, body.into())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PartnerAccountView {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub active: bool,
    pub totp_enabled: bool,
}

/// The accounts of a partner's caseworkers.
#[utoipa::path(get, path = "/api/v1/partners/{id}/accounts", tag = "missions",
    params(("id" = PartnerId, Path)),
    responses((status = 200, body = [PartnerAccountView]), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn partner_accounts(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<PartnerId>,
) -> Result<Json<Vec<PartnerAccountView>>, WebError> {
    Ok(Json(
        state
            .store
            .partner_accounts(&auth.reader(&ctx), id)
            .await?
            .into_iter()
            .map(|u| PartnerAccountView {
                id: u.id,
                name: u.name,
                email: u.email,
                active: u.active,
                totp_enabled: u.totp_enabled,
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PartnerAccountBody {
    #[schema(required = true)]
    pub name: Option<String>,
    #[schema(required = true)]
    pub email: Option<String>,
    /// A first password she changes; the same rules as the team's.
    #[schema(required = true)]
    pub password: Option<String>,
}

/// Opens an account for a caseworker of a member partner.
#[utoipa::path(post, path = "/api/v1/partners/{id}/accounts", tag = "missions", request_body = PartnerAccountBody,
    params(("id" = PartnerId, Path)),
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_partner_account(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<PartnerId>,
    Body(body): Body<PartnerAccountBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let user = state
        .store
        .add_partner_account(
            &auth.reader(&ctx),
            id,
            PartnerAccount {
                email: body.email.unwrap_or_default(),
                name: body.name.unwrap_or_default(),
                password: body.password.unwrap_or_default(),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: user.id.into() })))
}

// ----- Service requests -----

/// The service requests the account may read, latest first: the team's all; a partner's
/// caseworker her partner's, with `news` on those changed since she last read them.
#[utoipa::path(get, path = "/api/v1/service-requests", tag = "missions",
    responses((status = 200, body = [RequestLine]), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn requests(
    State(state): State<AppState>,
    Staff(auth, ctx): Staff,
) -> Result<Json<Vec<RequestLine>>, WebError> {
    Ok(Json(
        state
            .store
            .service_requests(&auth.reader(&ctx), ctx.zone())
            .await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RequestBody {
    #[schema(required = true)]
    pub tenant_name: Option<String>,
    pub tenant_phone: Option<String>,
    /// The dwelling: address, floor, how to get in.
    #[schema(required = true)]
    pub dwelling: Option<String>,
    /// Persons living there; 1 when absent.
    pub household: Option<i32>,
    /// The tenant agreed to the request and to her data being kept: required.
    #[schema(required = true)]
    pub consent: Option<bool>,
    /// She agrees to be counted, without her name, in the figures the organization shares
    /// with its network; false when absent.
    pub network_consent: Option<bool>,
    #[schema(required = true)]
    pub risk: Option<Risk>,
    /// The date of the notice, the penalty or the inspection.
    pub risk_on: Option<NaiveDate>,
    #[schema(required = true)]
    pub needs: Option<String>,
    /// When the tenant is available.
    #[schema(required = true)]
    pub availability: Option<String>,
    /// What the team must know to be safe.
    pub safety: Option<String>,
}

/// Files a service request for a tenant: only a caseworker of a member partner may. A
/// partner whose membership ended is refused at `partner`.
#[utoipa::path(post, path = "/api/v1/service-requests", tag = "missions", request_body = RequestBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn file_request(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::FileServiceRequests>,
    Body(body): Body<RequestBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .file_request(
            &auth.reader(&ctx),
            ctx.zone(),
            RequestForm {
                tenant_name: body.tenant_name.unwrap_or_default(),
                tenant_phone: body.tenant_phone.unwrap_or_default(),
                dwelling: body.dwelling.unwrap_or_default(),
                household: body.household.map(|n| n.to_string()).unwrap_or_default(),
                consent: body.consent.unwrap_or(false),
                network_consent: body.network_consent.unwrap_or(false),
                risk: body.risk,
                risk_on: body.risk_on,
                needs: body.needs.unwrap_or_default(),
                availability: body.availability.unwrap_or_default(),
                safety: body.safety.unwrap_or_default(),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// One request, whole: its changes, its missions (their day, tasks and report; never their
/// workers' pay) and, for the team, its internal note. Another partner's request is not found.
#[utoipa::path(get, path = "/api/v1/service-requests/{id}", tag = "missions",
    params(("id" = ServiceRequestId, Path)),
    responses((status = 200, body = ServiceRequest), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn request(
    State(state): State<AppState>,
    Staff(auth, ctx): Staff,
    Path(id): Path<ServiceRequestId>,
) -> Result<Json<ServiceRequest>, WebError> {
    Ok(Json(
        state
            .store
            .service_request(&auth.reader(&ctx), ctx.zone(), id)
            .await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RequestStatusBody {
    #[schema(required = true)]
    pub status: Option<ServiceRequestStatus>,
    /// What the partner is told; the reason, required, for a refusal.
    pub message: Option<String>,
}

/// Moves a request: accepted, refused (with the reason the partner reads), done, closed. The
/// partner is told of it.
#[utoipa::path(post, path = "/api/v1/service-requests/{id}/status", tag = "missions", request_body = RequestStatusBody,
    params(("id" = ServiceRequestId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn move_request(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunMissions>,
    Path(id): Path<ServiceRequestId>,
    Body(body): Body<RequestStatusBody>,
) -> Result<StatusCode, WebError> {
    let to = body.status.ok_or_else(|| missing("status"))?;
    state
        .store
        .move_request(
            &auth.reader(&ctx),
            ctx.zone(),
            id,
            to,
            body.message.as_deref().unwrap_or_default(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct InternalNoteBody {
    /// The team's note; empty to remove it. Never shown to the partner.
    pub note: Option<String>,
}

/// The team's own note on a request.
#[utoipa::path(put, path = "/api/v1/service-requests/{id}/internal-note", tag = "missions", request_body = InternalNoteBody,
    params(("id" = ServiceRequestId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn internal_note(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunMissions>,
    Path(id): Path<ServiceRequestId>,
    Body(body): Body<InternalNoteBody>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .set_internal_note(
            &auth.reader(&ctx),
            ctx.zone(),
            id,
            body.note.as_deref().unwrap_or_default(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct KeptBody {
    /// Whether the tenant still lives in her home, six months after the first mission.
    #[schema(required = true)]
    pub kept_in_home: Option<bool>,
}

/// The partner's report, six months after the first mission done, of whether the tenant is
/// still in her home.
#[utoipa::path(post, path = "/api/v1/service-requests/{id}/kept-in-home", tag = "missions", request_body = KeptBody,
    params(("id" = ServiceRequestId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn kept_in_home(
    State(state): State<AppState>,
    Staff(auth, ctx): Staff,
    Path(id): Path<ServiceRequestId>,
    Body(body): Body<KeptBody>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .report_kept_in_home(&auth.reader(&ctx), ctx.zone(), id, body.kept_in_home)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ----- Workers -----

/// The workers, by name, to plan missions with: active first.
#[utoipa::path(get, path = "/api/v1/workers", tag = "missions",
    responses((status = 200, body = [WorkerName]), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn workers(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeMissions>,
) -> Result<Json<Vec<WorkerName>>, WebError> {
    let today = ctx.zone().day_of(state.store.now());
    Ok(Json(state.store.workers(&auth.reader(&ctx), today).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct WorkerBody {
    #[schema(required = true)]
    pub name: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    #[schema(required = true)]
    pub started_on: Option<NaiveDate>,
    /// Her hourly rate from the day she starts, in cents (1610 for 16,10 $).
    #[schema(required = true)]
    pub cents_per_hour: Option<i64>,
}

/// Adds a worker with her first hourly rate. Her personal data is the coordinator's alone.
#[utoipa::path(post, path = "/api/v1/workers", tag = "missions", request_body = WorkerBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_worker(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Body(body): Body<WorkerBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .add_worker(
            &auth.reader(&ctx),
            NewWorker {
                name: body.name.unwrap_or_default(),
                personal: WorkerPersonal {
                    phone: body.phone,
                    notes: body.notes,
                },
                started_on: body.started_on,
                cents_per_hour: body.cents_per_hour,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// A worker's record: her personal data and her rates. Reading it is audited.
#[utoipa::path(get, path = "/api/v1/workers/{id}", tag = "missions",
    params(("id" = WorkerId, Path)),
    responses((status = 200, body = WorkerRecord), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn worker(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<WorkerId>,
) -> Result<Json<WorkerRecord>, WebError> {
    Ok(Json(
        state.store.worker_record(&auth.reader(&ctx), id).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RateBody {
    #[schema(required = true)]
    pub from: Option<NaiveDate>,
    #[schema(required = true)]
    pub cents_per_hour: Option<i64>,
}

/// A new hourly rate from a day on: the days before keep the rate they had.
#[utoipa::path(post, path = "/api/v1/workers/{id}/rates", tag = "missions", request_body = RateBody,
    params(("id" = WorkerId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn change_rate(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<WorkerId>,
    Body(body): Body<RateBody>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .change_rate(&auth.reader(&ctx), id, body.from, body.cents_per_hour)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct EndBody {
    /// The first day she no longer works with the organization; none to take her back.
    pub ended_on: Option<NaiveDate>,
}

/// The day a worker leaves, or none to take her back.
#[utoipa::path(put, path = "/api/v1/workers/{id}/end", tag = "missions", request_body = EndBody,
    params(("id" = WorkerId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn end_worker(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<WorkerId>,
    Body(body): Body<EndBody>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .end_worker(&auth.reader(&ctx), id, body.ended_on)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ----- Missions -----

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SpanQuery {
    /// The first day, on the organization's clock; today when absent.
    pub from: Option<NaiveDate>,
    /// The last day; 30 days after the first when absent.
    pub to: Option<NaiveDate>,
}

/// The missions of a span of days that the account may see, in time order.
#[utoipa::path(get, path = "/api/v1/missions", tag = "missions", params(SpanQuery),
    responses((status = 200, body = [MissionLine]), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn missions(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeMissions>,
    Params(query): Params<SpanQuery>,
) -> Result<Json<Vec<MissionLine>>, WebError> {
    let zone = ctx.zone();
    let first = query.from.unwrap_or_else(|| zone.day_of(state.store.now()));
    let last = query.to.unwrap_or_else(|| first + chrono::Days::new(30));
    Ok(Json(
        state
            .store
            .missions(&auth.reader(&ctx), zone, first, last)
            .await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct MissionBody {
    #[schema(required = true)]
    pub request_id: Option<ServiceRequestId>,
    /// The day, on the organization's clock.
    #[schema(required = true)]
    pub day: Option<NaiveDate>,
    /// When it starts (09:00) and ends, on the organization's clock.
    #[schema(required = true, value_type = String)]
    pub start: Option<NaiveTime>,
    #[schema(required = true, value_type = String)]
    pub end: Option<NaiveTime>,
    #[schema(required = true)]
    pub place: Option<String>,
    /// Values of the organization's list of tasks.
    #[serde(default)]
    pub tasks: Vec<ListValueId>,
    #[serde(default)]
    pub workers: Vec<WorkerId>,
    /// The member of the team who supervises it.
    pub supervisor_id: Option<UserId>,
    /// Whether the partner's caseworker comes.
    #[serde(default)]
    pub partner_attends: bool,
}

/// Plans a mission for an accepted request. A worker already on a mission at that time is
/// refused with 409, the other mission named.
#[utoipa::path(post, path = "/api/v1/missions", tag = "missions", request_body = MissionBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn plan(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunMissions>,
    Body(body): Body<MissionBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let request_id = body.request_id.ok_or_else(|| missing("request_id"))?;
    let id = state
        .store
        .plan_mission(
            &auth.reader(&ctx),
            ctx.zone(),
            NewMission {
                request_id,
                day: body.day,
                start: body.start,
                end: body.end,
                place: body.place.unwrap_or_default(),
                tasks: body.tasks,
                workers: body.workers,
                supervisor_id: body.supervisor_id,
                partner_attends: body.partner_attends,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// A mission, whole: its place, the safety notes, its workers and their hours.
#[utoipa::path(get, path = "/api/v1/missions/{id}", tag = "missions",
    params(("id" = MissionId, Path)),
    responses((status = 200, body = Mission), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn mission(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeMissions>,
    Path(id): Path<MissionId>,
) -> Result<Json<Mission>, WebError> {
    Ok(Json(
        state
            .store
            .mission(&auth.reader(&ctx), ctx.zone(), id)
            .await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct WorkedHoursBody {
    #[schema(required = true)]
    pub worker_id: Option<WorkerId>,
    /// The day worked; the mission's when absent.
    pub day: Option<NaiveDate>,
    #[schema(required = true, value_type = String)]
    pub start: Option<NaiveTime>,
    #[schema(required = true, value_type = String)]
    pub end: Option<NaiveTime>,
    #[serde(default)]
    pub break_minutes: i64,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DoneBody {
    /// Each worker's hours.
    pub hours: Vec<WorkedHoursBody>,
    /// The tasks done, of the mission's.
    #[serde(default)]
    pub tasks_done: Vec<ListValueId>,
    /// The short report to the partner.
    #[serde(default)]
    pub report: String,
}

/// Records a mission done: each worker's hours, the tasks done, the report to the partner.
/// Hours on a day whose pay statement is approved are refused: they are a correction.
#[utoipa::path(post, path = "/api/v1/missions/{id}/done", tag = "missions", request_body = DoneBody,
    params(("id" = MissionId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn done(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeMissions>,
    Path(id): Path<MissionId>,
    Body(body): Body<DoneBody>,
) -> Result<StatusCode, WebError> {
    let reader = auth.reader(&ctx);
    let zone = ctx.zone();
    let day = zone.day_of(state.store.mission(&reader, zone, id).await?.starts_at);
    let mut hours = Vec::with_capacity(body.hours.len());
    for h in body.hours {
        hours.push((
            h.worker_id.ok_or_else(|| missing("hours"))?,
            WorkedTime {
                day: h.day.unwrap_or(day),
                start: h.start.ok_or_else(|| missing("start"))?,
                end: h.end.ok_or_else(|| missing("end"))?,
                break_minutes: h.break_minutes,
            },
        ));
    }
    state
        .store
        .complete_mission(
            &reader,
            zone,
            id,
            MissionDone {
                hours,
                tasks_done: body.tasks_done,
                report: body.report,
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes a worker's hours on a mission done, while her pay period is not approved; after,
/// it is a correction of her statement. Audited with the minutes before and after.
#[utoipa::path(put, path = "/api/v1/missions/{id}/hours", tag = "missions", request_body = WorkedHoursBody,
    params(("id" = MissionId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn change_hours(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeMissions>,
    Path(id): Path<MissionId>,
    Body(body): Body<WorkedHoursBody>,
) -> Result<StatusCode, WebError> {
    let reader = auth.reader(&ctx);
    let zone = ctx.zone();
    // The mission first: another organization's answers as a missing one, whatever the body.
    state.store.mission(&reader, zone, id).await?;
    state
        .store
        .change_hours(
            &reader,
            zone,
            id,
            havre_store::missions::HoursChange {
                worker: body.worker_id.ok_or_else(|| missing("worker_id"))?,
                start: body.start.ok_or_else(|| missing("start"))?,
                end: body.end.ok_or_else(|| missing("end"))?,
                break_minutes: body.break_minutes,
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Cancels a planned mission: its workers are free again.
#[utoipa::path(post, path = "/api/v1/missions/{id}/cancel", tag = "missions",
    params(("id" = MissionId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn cancel(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunMissions>,
    Path(id): Path<MissionId>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .cancel_mission(&auth.reader(&ctx), ctx.zone(), id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ----- Pay -----

/// How often workers are paid, from the first day of the first period.
#[utoipa::path(get, path = "/api/v1/pay-schedule", tag = "missions",
    responses((status = 200, body = PaySchedule), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn pay_schedule(
    State(state): State<AppState>,
    Require(auth, _ctx, _): Require<perm::CoordinateMissions>,
) -> Result<Json<PaySchedule>, WebError> {
    Ok(Json(state.store.pay_schedule(auth.organization.id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PayScheduleBody {
    #[schema(required = true)]
    pub frequency: Option<PayFrequency>,
    #[schema(required = true)]
    pub first_day: Option<NaiveDate>,
}

/// Sets how often workers are paid; refused once a statement is approved.
#[utoipa::path(put, path = "/api/v1/pay-schedule", tag = "missions", request_body = PayScheduleBody,
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_pay_schedule(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Body(body): Body<PayScheduleBody>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .set_pay_schedule(
            &auth.reader(&ctx),
            PaySchedule {
                frequency: body.frequency.ok_or_else(|| missing("frequency"))?,
                first_day: body.first_day.ok_or_else(|| missing("first_day"))?,
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodDayQuery {
    /// A day of the pay period; today when absent.
    pub day: Option<NaiveDate>,
}

/// Every worker's statement for the pay period holding `day`.
#[utoipa::path(get, path = "/api/v1/pay-statements", tag = "missions", params(PeriodDayQuery),
    responses((status = 200, body = [PayStatement]), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn statements(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Params(query): Params<PeriodDayQuery>,
) -> Result<Json<Vec<PayStatement>>, WebError> {
    let day = query
        .day
        .unwrap_or_else(|| ctx.zone().day_of(state.store.now()));
    Ok(Json(
        state.store.pay_statements(&auth.reader(&ctx), day).await?,
    ))
}

/// The statements of the period holding `day` as a CSV for the payroll: a line per day
/// worked and per correction, amounts in dollars with a point.
#[utoipa::path(get, path = "/api/v1/pay-statements.csv", tag = "missions", params(PeriodDayQuery),
    responses((status = 200, content_type = "text/csv"), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn statements_csv(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Params(query): Params<PeriodDayQuery>,
) -> Result<axum::response::Response, WebError> {
    let day = query
        .day
        .unwrap_or_else(|| ctx.zone().day_of(state.store.now()));
    let statements = state.store.pay_statements(&auth.reader(&ctx), day).await?;
    let (first, _) = state
        .store
        .pay_schedule(auth.organization.id)
        .await?
        .period_of(day);
    Ok(payroll_file(&statements, first, ctx.lang))
}

/// The payroll's CSV of a period as a download, named by its first day: the API and the pay
/// page give the same file.
pub(crate) fn payroll_file(
    statements: &[PayStatement],
    first: NaiveDate,
    lang: crate::i18n::Lang,
) -> axum::response::Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"paie-{first}.csv\""),
            ),
        ],
        havre_report::payroll::csv(statements, &|k: &str| crate::i18n::t(lang, k)),
    )
        .into_response()
}

/// One worker's statement for the pay period holding `day`.
#[utoipa::path(get, path = "/api/v1/workers/{id}/pay-statement", tag = "missions", params(("id" = WorkerId, Path), PeriodDayQuery),
    responses((status = 200, body = PayStatement), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn statement(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<WorkerId>,
    Params(query): Params<PeriodDayQuery>,
) -> Result<Json<PayStatement>, WebError> {
    let day = query
        .day
        .unwrap_or_else(|| ctx.zone().day_of(state.store.now()));
    Ok(Json(
        state
            .store
            .pay_statement(&auth.reader(&ctx), id, day)
            .await?,
    ))
}

/// One worker's statement for the pay period holding `day`, as a printable PDF (tagged, for
/// screen readers): her days, hours, rates and amounts, her corrections, the missions worked.
#[utoipa::path(get, path = "/api/v1/workers/{id}/pay-statement.pdf", tag = "missions", params(("id" = WorkerId, Path), PeriodDayQuery),
    responses((status = 200, content_type = "application/pdf"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn statement_pdf(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<WorkerId>,
    Params(query): Params<PeriodDayQuery>,
) -> Result<axum::response::Response, WebError> {
    let day = query
        .day
        .unwrap_or_else(|| ctx.zone().day_of(state.store.now()));
    let statement = state
        .store
        .pay_statement(&auth.reader(&ctx), id, day)
        .await?;
    let lang = ctx.lang;
    let t = |k: &str| crate::i18n::t(lang, k);
    let title = format!("{} — {}", t("payroll-statement"), statement.worker_name);
    let subtitle = format!(
        "{} — {} – {}{}",
        auth.organization.name,
        crate::i18n::long_date(statement.period_start, lang),
        crate::i18n::long_date(statement.period_end, lang),
        if statement.id.is_some() {
            String::new()
        } else {
            format!(" — {}", t("payroll-statement-draft"))
        }
    );
    let pdf = havre_report::pdf::document(
        &title,
        &subtitle,
        &havre_report::payroll::statement_sections(&statement, &t),
        lang,
    )
    .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"releve-{}.pdf\"",
                    statement.period_start
                ),
            ),
        ],
        pdf,
    )
        .into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApproveBody {
    /// A day of the period to approve.
    #[schema(required = true)]
    pub day: Option<NaiveDate>,
}

/// Approves a worker's statement for a period that is over: its lines are locked.
#[utoipa::path(post, path = "/api/v1/workers/{id}/pay-statement/approve", tag = "missions", request_body = ApproveBody,
    params(("id" = WorkerId, Path)),
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn approve(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<WorkerId>,
    Body(body): Body<ApproveBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let day = body.day.ok_or_else(|| missing("day"))?;
    let statement = state
        .store
        .approve_statement(&auth.reader(&ctx), ctx.zone(), id, day)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Created {
            id: statement.into(),
        }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CorrectionBody {
    /// A day of the statement's period.
    #[schema(required = true)]
    pub day: Option<NaiveDate>,
    /// Minutes added, or taken back when negative.
    #[schema(required = true)]
    pub minutes: Option<i64>,
    #[schema(required = true)]
    pub reason: Option<String>,
}

/// A correction to an approved statement: a line of its own, at that day's rate, audited.
#[utoipa::path(post, path = "/api/v1/pay-statements/{id}/corrections", tag = "missions", request_body = CorrectionBody,
    params(("id" = PayStatementId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn correct(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<PayStatementId>,
    Body(body): Body<CorrectionBody>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .correct_statement(
            &auth.reader(&ctx),
            id,
            body.day,
            body.minutes,
            body.reason.as_deref().unwrap_or_default(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ----- Figures -----

#[derive(Serialize, utoipa::ToSchema)]
pub struct MissionFiguresView {
    pub period: Period,
    pub previous_period: Period,
    pub current: MissionReport,
    pub previous: MissionReport,
}

/// The missions' figures for a period (the current reporting year by default) beside the one
/// before: persons helped, requests per partner and outcome, missions, active workers, hours
/// worked, the delay to the first mission and the tenants kept in their home.
#[utoipa::path(get, path = "/api/v1/missions/figures", tag = "missions", params(super::care::PeriodQuery),
    responses((status = 200, body = MissionFiguresView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn figures(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    Params(query): Params<super::care::PeriodQuery>,
) -> Result<Json<MissionFiguresView>, WebError> {
    let (period, previous) = super::care::period_of(&state, &ctx, &query)?;
    let org = auth.organization.id;
    Ok(Json(MissionFiguresView {
        current: state
            .store
            .mission_figures(org, period.first, period.last)
            .await?,
        previous: state
            .store
            .mission_figures(org, previous.first, previous.last)
            .await?,
        period,
        previous_period: previous,
    }))
}
