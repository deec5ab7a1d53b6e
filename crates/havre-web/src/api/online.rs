//! Requests received from the public page (docs/public.md "Asking for help online"), as the
//! wait list's page shows them: the pending ones, one with how to reach her safely, and its
//! closing. Recording her help request from one is `POST /api/v1/help-requests` with its
//! `online_request`.

use super::body::Body;
use super::files::SafeContactView;
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use havre_domain::ids::{HelpRequestId, ListValueId, OnlineRequestId};
use havre_domain::online::Closing;
use havre_store::online::{OnlineRequest, OnlineStatus};
use serde::{Deserialize, Serialize};

/// A request received online. Her words and how to reach her are given only by
/// `GET /api/v1/online-requests/{id}`, whose reading is logged.
#[derive(Serialize, utoipa::ToSchema)]
pub struct OnlineRequestView {
    pub id: OnlineRequestId,
    pub received_at: chrono::DateTime<chrono::Utc>,
    /// The first name or alias she gave; empty when none.
    pub name: String,
    /// call, text or email.
    pub reply_by: String,
    /// herself, professional or relative; absent when not said.
    pub asked_by: Option<String>,
    /// The form's trap for scripts was filled.
    pub suspected: bool,
    /// pending, recorded or closed.
    pub status: String,
    /// The help request recorded from it.
    pub help_request_id: Option<HelpRequestId>,
    /// Why it was closed: unreachable, declined, duplicate, not_a_request.
    pub closing: Option<String>,
}

/// One request received online, with her safe-contact rules and her words while it waits.
#[derive(Serialize, utoipa::ToSchema)]
pub struct OnlineRequestDetailView {
    #[serde(flatten)]
    pub request: OnlineRequestView,
    /// The rules her file will follow, to read before any contact.
    pub safe_contact: SafeContactView,
    pub phone: String,
    pub email: String,
    pub needs: String,
    /// From the list of ages at the request.
    pub age_group: Option<ListValueId>,
    /// From the list of places of residence.
    pub region: Option<ListValueId>,
}

impl From<&OnlineRequest> for OnlineRequestView {
    fn from(r: &OnlineRequest) -> Self {
        let (status, help_request_id, closing) = match r.status {
            OnlineStatus::Pending => ("pending", None, None),
            OnlineStatus::Recorded(id) => ("recorded", Some(id), None),
            OnlineStatus::Closed(c) => ("closed", None, Some(c.key().to_owned())),
        };
        OnlineRequestView {
            id: r.id,
            received_at: r.received_at,
            name: r.form.name.clone(),
            reply_by: r.reply_by.key().to_owned(),
            asked_by: r.asked_by.map(|a| a.key().to_owned()),
            suspected: r.suspected,
            status: status.to_owned(),
            help_request_id,
            closing,
        }
    }
}

/// The requests received online waiting to be called back, oldest first, those whose trap
/// was filled included (marked).
#[utoipa::path(get, path = "/api/v1/online-requests", tag = "intake",
    responses((status = 200, body = Vec<OnlineRequestView>), (status = 403, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn pending(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::SeeWaitList>,
) -> Result<Json<Vec<OnlineRequestView>>, WebError> {
    let requests = state
        .store
        .pending_online_requests(auth.organization.id)
        .await?;
    Ok(Json(requests.iter().map(Into::into).collect()))
}

/// One request received online; reading it is logged.
#[utoipa::path(get, path = "/api/v1/online-requests/{id}", tag = "intake", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = OnlineRequestDetailView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn get(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeWaitList>,
    Path(id): Path<OnlineRequestId>,
) -> Result<Json<OnlineRequestDetailView>, WebError> {
    let r = state
        .store
        .online_request(&ctx.actor(), auth.organization.id, id)
        .await?;
    let safe = r.form.safe_contact();
    Ok(Json(OnlineRequestDetailView {
        request: (&r).into(),
        safe_contact: SafeContactView {
            may_call: safe.may_call,
            may_leave_message: safe.may_leave_message,
            may_say_our_name: safe.may_say_our_name,
            hours: safe.hours,
            safe_number: safe.safe_number,
        },
        phone: r.form.phone.clone(),
        email: r.form.email.clone(),
        needs: r.form.needs.clone(),
        age_group: r.form.age_group,
        region: r.form.region,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CloseOnlineBody {
    /// unreachable, declined, duplicate or not_a_request.
    #[schema(required = true)]
    pub closing: Option<String>,
}

/// Closes a request received online without recording a help request; what she wrote is
/// erased.
#[utoipa::path(post, path = "/api/v1/online-requests/{id}/close", tag = "intake", params(("id" = uuid::Uuid, Path)), request_body = CloseOnlineBody,
    responses((status = 204), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn close(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Path(id): Path<OnlineRequestId>,
    Body(body): Body<CloseOnlineBody>,
) -> Result<StatusCode, WebError> {
    let closing = body.closing.as_deref().and_then(Closing::parse);
    state
        .store
        .close_online_request(&ctx.actor(), auth.organization.id, id, closing)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
