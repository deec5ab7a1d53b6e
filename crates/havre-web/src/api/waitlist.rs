//! The wait list.

use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Query, State};
use havre_domain::intake::ServiceArea;
use havre_store::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::IntoParams)]
pub struct WaitListFilter {
    /// direct_help or exploitation; both when absent.
    pub service_area: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WaitingView {
    pub id: uuid::Uuid,
    pub person_id: uuid::Uuid,
    pub name: String,
    pub received_at: chrono::DateTime<chrono::Utc>,
    pub code: i32,
    pub proposed_code: i32,
    pub teenager: bool,
    pub service_area: String,
    pub sequence: i32,
    pub assigned_to: Option<uuid::Uuid>,
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
    /// By code, then by date of request.
    pub requests: Vec<WaitingView>,
    pub by_code: Vec<CodeWaitView>,
}

/// The requests waiting for a first meeting, and the wait per code.
#[utoipa::path(get, path = "/api/v1/waitlist", tag = "intake", params(WaitListFilter),
    responses((status = 200, body = WaitListView), (status = 403, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn show(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::SeeWaitList>,
    Query(filter): Query<WaitListFilter>,
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
    let list = state.store.wait_list(auth.organization.id, area).await?;
    Ok(Json(WaitListView {
        requests: list
            .requests
            .into_iter()
            .map(|r| WaitingView {
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
            })
            .collect(),
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
