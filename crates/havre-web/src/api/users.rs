//! The administration of accounts.

use super::body::Body;
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use havre_domain::ids::{ListValueId, UserId};
use havre_domain::policy::Roles;
use havre_store::accounts::{NewUser, User, UserChanges};
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct UserView {
    pub id: UserId,
    pub name: String,
    pub email: String,
    /// Role names: administrator, coordinator, service_area_lead, caseworker,
    /// prevention_worker, board_member, volunteer, clinical_supervisor, partner_caseworker,
    /// network_analyst.
    pub roles: Vec<String>,
    pub totp_enabled: bool,
    pub active: bool,
    /// Her profession, a value of the organization's list `profession` (docs/care.md).
    pub profession_id: Option<ListValueId>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl UserView {
    pub fn new(u: &User) -> Self {
        UserView {
            id: u.id,
            name: u.name.clone(),
            email: u.email.clone(),
            roles: u.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            totp_enabled: u.totp_enabled,
            active: u.active,
            profession_id: u.profession_id,
            created_at: u.created_at,
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewUserBody {
    pub name: String,
    pub email: String,
    pub roles: Vec<String>,
    /// At least 12 characters, not a common password.
    pub password: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct UserPatch {
    pub name: Option<String>,
    pub roles: Option<Vec<String>>,
    pub active: Option<bool>,
    /// A value of the list `profession`; `null` takes her profession away.
    #[serde(default, deserialize_with = "crate::api::body::present")]
    #[schema(value_type = Option<uuid::Uuid>)]
    pub profession_id: Option<Option<ListValueId>>,
}

/// The organization's accounts.
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts",
    responses((status = 200, body = Vec<UserView>), (status = 403, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn list(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::ManageUsers>,
) -> Result<Json<Vec<UserView>>, WebError> {
    Ok(Json(
        state
            .store
            .users(auth.user.organization_id)
            .await?
            .iter()
            .map(UserView::new)
            .collect(),
    ))
}

/// Creates an account in the organization.
#[utoipa::path(post, path = "/api/v1/users", tag = "accounts", request_body = NewUserBody,
    responses((status = 201, body = UserView), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn create(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageUsers>,
    Body(body): Body<NewUserBody>,
) -> Result<(StatusCode, Json<UserView>), WebError> {
    let roles = Roles::parse(&body.roles).map_err(|e| WebError::Invalid(vec![e]))?;
    let user = state
        .store
        .create_user(
            &ctx.actor(),
            auth.user.organization_id,
            NewUser {
                email: body.email,
                name: body.name,
                roles,
                password: body.password,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(UserView::new(&user))))
}

/// One account of the organization. Another organization's id answers 404.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "accounts", params(("id" = Uuid, Path)),
    responses((status = 200, body = UserView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn get(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::ManageUsers>,
    Path(id): Path<UserId>,
) -> Result<Json<UserView>, WebError> {
    Ok(Json(UserView::new(
        &state.store.user(auth.user.organization_id, id).await?,
    )))
}

/// Changes an account's name, roles or activity. A change of roles ends its sessions.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "accounts", params(("id" = Uuid, Path)), request_body = UserPatch,
    responses((status = 200, body = UserView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn update(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageUsers>,
    Path(id): Path<UserId>,
    Body(body): Body<UserPatch>,
) -> Result<Json<UserView>, WebError> {
    let org = auth.user.organization_id;
    state.store.user(org, id).await?;
    let roles = match &body.roles {
        Some(values) => Some(Roles::parse(values).map_err(|e| WebError::Invalid(vec![e]))?),
        None => None,
    };
    let user = state
        .store
        .update_user(
            &ctx.actor(),
            org,
            id,
            UserChanges {
                name: body.name,
                roles,
                active: body.active,
                profession: body.profession_id,
            },
        )
        .await?;
    Ok(Json(UserView::new(&user)))
}
