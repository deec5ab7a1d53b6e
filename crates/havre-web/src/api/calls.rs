//! Listening and information calls, and unmet demand.

use super::body::{Body, missing, not_in_list};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use havre_domain::ids::ListValueId;
use havre_domain::intake::{ServiceArea, TurnAwayReason};
use havre_store::FieldError;
use havre_store::calls::NewCall;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CallBody {
    #[schema(required = true)]
    pub at: Option<chrono::DateTime<chrono::Utc>>,
    #[schema(required = true)]
    pub duration_minutes: Option<i32>,
    /// A value of the call_topic list.
    #[schema(required = true)]
    pub topic: Option<ListValueId>,
    /// The resource she was referred to, if any.
    pub referral_given: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TurnAwayBody {
    #[schema(required = true)]
    pub at: Option<chrono::DateTime<chrono::Utc>>,
    /// direct_help or exploitation.
    #[schema(required = true)]
    pub service_area: Option<String>,
    /// no_capacity, outside_mandate, outside_territory, referred_elsewhere, other.
    #[schema(required = true)]
    pub reason: Option<String>,
    pub referral_given: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Created {
    pub id: uuid::Uuid,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Period {
    /// The first day counted (YYYY-MM-DD).
    pub from: chrono::NaiveDate,
    /// The last day counted (YYYY-MM-DD).
    pub to: chrono::NaiveDate,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct IntakeTally {
    pub calls: usize,
    pub call_minutes: i64,
    /// Calls per topic value id.
    pub calls_by_topic: BTreeMap<ListValueId, usize>,
    pub unmet: usize,
    /// Unmet requests per reason (requests closed as referred elsewhere included).
    pub unmet_by_reason: BTreeMap<String, usize>,
}

/// Logs a listening or information call, anonymously.
#[utoipa::path(post, path = "/api/v1/calls", tag = "intake", request_body = CallBody,
    responses((status = 201, body = Created), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn log(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Body(body): Body<CallBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let new = NewCall {
        at: body.at.ok_or_else(|| missing("at"))?,
        duration_minutes: body
            .duration_minutes
            .ok_or_else(|| missing("duration_minutes"))?,
        topic: body.topic.ok_or_else(|| missing("topic"))?,
        referral_given: body.referral_given,
    };
    let id = state
        .store
        .log_call(&ctx.actor(), auth.organization.id, new)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// Records a request that could not be met, with its reason.
#[utoipa::path(post, path = "/api/v1/turn-aways", tag = "intake", request_body = TurnAwayBody,
    responses((status = 201, body = Created), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn turn_away(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Body(body): Body<TurnAwayBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let at = body.at.ok_or_else(|| missing("at"))?;
    let area = ServiceArea::parse(
        body.service_area
            .as_deref()
            .ok_or_else(|| missing("service_area"))?,
    )
    .ok_or_else(|| not_in_list("service_area"))?;
    let reason = TurnAwayReason::parse(body.reason.as_deref().ok_or_else(|| missing("reason"))?)
        .ok_or_else(|| not_in_list("reason"))?;
    let id = state
        .store
        .record_turn_away(
            &ctx.actor(),
            auth.organization.id,
            at,
            area,
            reason,
            body.referral_given.as_deref(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// Calls and unmet demand counted over a period (days on the organization's clock).
#[utoipa::path(get, path = "/api/v1/intake/tally", tag = "intake", params(Period),
    responses((status = 200, body = IntakeTally), (status = 403, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn tally(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeWaitList>,
    super::body::Params(period): super::body::Params<Period>,
) -> Result<Json<IntakeTally>, WebError> {
    let Some((from, to)) = ctx.zone().day_span(period.from, period.to) else {
        return Err(not_in_list("to"));
    };
    if to <= from {
        return Err(WebError::Invalid(vec![FieldError {
            field: "to",
            message_key: "period-invalid",
        }]));
    }
    let calls = state
        .store
        .call_tally(auth.organization.id, from, to)
        .await?;
    let unmet = state
        .store
        .turn_away_tally(auth.organization.id, from, to)
        .await?;
    Ok(Json(IntakeTally {
        calls: calls.calls,
        call_minutes: calls.minutes,
        calls_by_topic: calls.by_topic,
        unmet: unmet.total,
        unmet_by_reason: unmet.by_reason,
    }))
}
