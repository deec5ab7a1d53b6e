//! The wait list.

use super::body::{Body, missing};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use havre_domain::ids::{HelpRequestId, PersonId, UserId};
use havre_domain::intake::ServiceArea;
use havre_store::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WaitListFilter {
    /// direct_help or exploitation; both when absent.
    pub service_area: Option<String>,
    /// The first request returned, from 0 (the figures per code always cover the whole list).
    pub offset: Option<usize>,
    /// How many requests to return: 1000 by default, 5000 at most.
    pub limit: Option<usize>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WaitingView {
    pub id: HelpRequestId,
    pub person_id: PersonId,
    pub name: String,
    pub received_at: chrono::DateTime<chrono::Utc>,
    pub code: i32,
    pub proposed_code: i32,
    pub teenager: bool,
    pub service_area: String,
    pub sequence: i32,
    pub assigned_to: Option<UserId>,
    pub first_meeting_at: Option<chrono::DateTime<chrono::Utc>>,
    pub waiting_days: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CodeWaitView {
    pub code: i32,
    pub count: usize,
    pub median_days: f64,
    pub longest_days: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WaitListView {
    /// How many requests wait in all.
    pub total: usize,
    /// By code, then by date of request.
    pub requests: Vec<WaitingView>,
    pub by_code: Vec<CodeWaitView>,
}

/// The requests waiting for a first meeting, and the wait per code.
#[utoipa::path(get, path = "/api/v1/waitlist", tag = "intake", params(WaitListFilter),
    responses((status = 200, body = WaitListView), (status = 403, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeWaitList>,
    super::body::Params(filter): super::body::Params<WaitListFilter>,
) -> Result<Json<WaitListView>, WebError> {
    let area = match filter.service_area.as_deref() {
        None | Some("") => None,
        Some(a) => Some(ServiceArea::parse(a).ok_or_else(|| {
            WebError::Invalid(vec![FieldError {
                field: "service_area",
                message_key: "value-not-in-list",
            }])
        })?),
    };
    let limit = filter.limit.unwrap_or(1000).clamp(1, 5000);
    let list = state
        .store
        .wait_list_window(&auth.reader(&ctx), area, filter.offset.unwrap_or(0), limit)
        .await?;
    Ok(Json(WaitListView {
        total: list.total,
        requests: list.requests.into_iter().map(Into::into).collect(),
        by_code: list
            .by_code
            .into_iter()
            .map(|c| CodeWaitView {
                code: c.code,
                count: c.count,
                median_days: c.median_days,
                longest_days: c.longest_days,
            })
            .collect(),
    }))
}

impl From<havre_store::waitlist::WaitingRequest> for WaitingView {
    fn from(r: havre_store::waitlist::WaitingRequest) -> Self {
        WaitingView {
            id: r.id,
            person_id: r.person_id,
            name: r.name,
            received_at: r.received_at,
            code: r.code,
            proposed_code: r.proposed_code,
            teenager: r.teenager,
            service_area: r.service_area,
            sequence: r.sequence,
            assigned_to: r.assigned_to,
            first_meeting_at: r.first_meeting_at,
            waiting_days: r.waiting_days,
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AssignBody {
    #[schema(required = true)]
    pub user_id: Option<UserId>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FirstMeetingBody {
    #[schema(required = true)]
    pub at: Option<chrono::DateTime<chrono::Utc>>,
    /// The centre, a school or partner premises, phone, video…
    pub place: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CloseRequestBody {
    /// no_longer_wishes_help, referred_elsewhere or unreachable.
    pub reason: Option<String>,
}

async fn act(
    state: &AppState,
    auth: &crate::ctx::Authenticated,
    ctx: &crate::ctx::RequestCtx,
    id: HelpRequestId,
    action: havre_store::waitlist::WaitListAction,
) -> Result<Json<WaitingView>, WebError> {
    Ok(Json(
        state
            .store
            .act_on_waiting_request(&ctx.actor(), auth.organization.id, id, action)
            .await?
            .into(),
    ))
}

/// Gives a waiting request to a member of the intake team.
#[utoipa::path(post, path = "/api/v1/help-requests/{id}/assign", tag = "intake", params(("id" = uuid::Uuid, Path)), request_body = AssignBody,
    responses((status = 200, body = WaitingView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn assign(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeWaitList>,
    Path(id): Path<HelpRequestId>,
    Body(body): Body<AssignBody>,
) -> Result<Json<WaitingView>, WebError> {
    let user_id = body.user_id.ok_or_else(|| missing("user_id"))?;
    act(
        &state,
        &auth,
        &ctx,
        id,
        havre_store::waitlist::WaitListAction::Assign { user_id },
    )
    .await
}

/// Books the first meeting of a waiting request.
#[utoipa::path(post, path = "/api/v1/help-requests/{id}/first-meeting", tag = "intake", params(("id" = uuid::Uuid, Path)), request_body = FirstMeetingBody,
    responses((status = 200, body = WaitingView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn book_first_meeting(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeWaitList>,
    Path(id): Path<HelpRequestId>,
    Body(body): Body<FirstMeetingBody>,
) -> Result<Json<WaitingView>, WebError> {
    let at = body.at.ok_or_else(|| missing("at"))?;
    act(
        &state,
        &auth,
        &ctx,
        id,
        havre_store::waitlist::WaitListAction::BookFirstMeeting {
            at,
            place: body.place.unwrap_or_default(),
        },
    )
    .await
}

/// Takes a request off the wait list before any meeting, with the reason.
#[utoipa::path(post, path = "/api/v1/help-requests/{id}/close", tag = "intake", params(("id" = uuid::Uuid, Path)), request_body = CloseRequestBody,
    responses((status = 200, body = WaitingView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn close(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeWaitList>,
    Path(id): Path<HelpRequestId>,
    Body(body): Body<CloseRequestBody>,
) -> Result<Json<WaitingView>, WebError> {
    let reason = body
        .reason
        .as_deref()
        .and_then(havre_domain::intake::CloseReason::parse)
        .ok_or_else(|| {
            WebError::Invalid(vec![FieldError {
                field: "reason",
                message_key: "value-not-in-list",
            }])
        })?;
    act(
        &state,
        &auth,
        &ctx,
        id,
        havre_store::waitlist::WaitListAction::Close { reason },
    )
    .await
}
