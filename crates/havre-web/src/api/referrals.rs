//! Designated-centre referrals and their callbacks.

use super::body::{Body, missing};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use havre_domain::ids::{PersonId, ReferralId};
use havre_store::referrals::Referral;
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct ReferralView {
    pub id: ReferralId,
    pub received_at: chrono::DateTime<chrono::Utc>,
    pub centre: String,
    pub teenager: bool,
    pub reached_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The person whose file the referral led to, once linked.
    pub person_id: Option<PersonId>,
    pub attempts: usize,
    /// reached, upcoming or overdue.
    pub callback: String,
    /// When the callback is due (24 hours after receipt).
    pub due_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Past 48 hours and still not reached.
    pub late: bool,
}

impl From<Referral> for ReferralView {
    fn from(r: Referral) -> Self {
        use havre_domain::referrals::Callback;
        let (callback, due_at, late) = match r.callback {
            Callback::Reached => ("reached", None, false),
            Callback::Upcoming { due_at } => ("upcoming", Some(due_at), false),
            Callback::Overdue { due_at, late } => ("overdue", Some(due_at), late),
        };
        ReferralView {
            id: r.id,
            received_at: r.received_at,
            centre: r.centre,
            teenager: r.teenager,
            reached_at: r.reached_at,
            person_id: r.person_id,
            attempts: r.attempts,
            callback: callback.into(),
            due_at,
            late,
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReferralBody {
    #[schema(required = true)]
    pub received_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The designated centre that referred.
    pub centre: Option<String>,
    #[serde(default)]
    pub teenager: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AttemptBody {
    #[schema(required = true)]
    pub at: Option<chrono::DateTime<chrono::Utc>>,
    #[schema(required = true)]
    pub reached: Option<bool>,
    pub note: Option<String>,
}

/// Records a referral received from a designated centre.
#[utoipa::path(post, path = "/api/v1/referrals", tag = "intake", request_body = ReferralBody,
    responses((status = 201, body = ReferralView), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn receive(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Body(body): Body<ReferralBody>,
) -> Result<(StatusCode, Json<ReferralView>), WebError> {
    let received_at = body.received_at.ok_or_else(|| missing("received_at"))?;
    let referral = state
        .store
        .receive_referral(
            &ctx.actor(),
            auth.organization.id,
            received_at,
            body.centre.as_deref().unwrap_or_default(),
            body.teenager,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(referral.into())))
}

/// Records a call made to reach the referred person, reached or not.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/attempts", tag = "intake", params(("id" = uuid::Uuid, Path)), request_body = AttemptBody,
    responses((status = 200, body = ReferralView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn attempt(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Path(id): Path<ReferralId>,
    Body(body): Body<AttemptBody>,
) -> Result<Json<ReferralView>, WebError> {
    let at = body.at.ok_or_else(|| missing("at"))?;
    let reached = body.reached.ok_or_else(|| missing("reached"))?;
    Ok(Json(
        state
            .store
            .record_referral_attempt(
                &ctx.actor(),
                auth.organization.id,
                id,
                at,
                reached,
                body.note.as_deref(),
            )
            .await?
            .into(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LinkBody {
    /// The person whose file the referral led to.
    #[schema(required = true)]
    pub person_id: Option<PersonId>,
}

/// Links a referral to the file it led to: the report then counts her meetings after it as
/// the meetings that follow the referral, once.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/person", tag = "intake", params(("id" = uuid::Uuid, Path)), request_body = LinkBody,
    responses((status = 200, body = ReferralView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn link(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Path(id): Path<ReferralId>,
    Body(body): Body<LinkBody>,
) -> Result<Json<ReferralView>, WebError> {
    Ok(Json(
        state
            .store
            .link_referral(&ctx.actor(), auth.organization.id, id, body.person_id)
            .await?
            .into(),
    ))
}

/// The referrals not yet reached, oldest first, with their callback state.
#[utoipa::path(get, path = "/api/v1/referrals", tag = "intake",
    responses((status = 200, body = Vec<ReferralView>), (status = 403, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn open(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::SeeWaitList>,
) -> Result<Json<Vec<ReferralView>>, WebError> {
    Ok(Json(
        state
            .store
            .open_referrals(auth.organization.id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}
