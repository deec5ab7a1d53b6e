use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use havre_domain::ids::UserId;
use havre_store::audit::{Action, Event};
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditEntryView {
    pub seq: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_id: Option<UserId>,
    pub actor_ip: Option<String>,
    pub action: String,
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
    pub detail: serde_json::Value,
}

/// The latest 500 entries of the organization's audit log, newest first.
/// Which entries to list: those about one record, or all.
#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// user, api_token, organization…
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditFilter),
    responses((status = 200, body = Vec<AuditEntryView>), (status = 403, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn list(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAudit>,
    super::body::Params(filter): super::body::Params<AuditFilter>,
) -> Result<Json<Vec<AuditEntryView>>, WebError> {
    let target = filter
        .target_kind
        .as_deref()
        .zip(filter.target_id.as_deref());
    let entries = state
        .store
        .audit_entries(auth.user.organization_id, target, 500)
        .await?;
    state
        .store
        .audit(&ctx.actor(), Event::new(Action::AuditRead))
        .await?;
    Ok(Json(
        entries
            .into_iter()
            .map(|e| AuditEntryView {
                seq: e.seq,
                at: e.at,
                actor_id: e.actor_id.map(Into::into),
                actor_ip: e.actor_ip,
                action: e.action,
                target_kind: e.target_kind,
                target_id: e.target_id,
                detail: serde_json::from_str(&e.detail).unwrap_or_default(),
            })
            .collect(),
    ))
}
