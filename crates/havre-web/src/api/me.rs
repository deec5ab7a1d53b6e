use super::body::Body;
use super::users::UserView;
use crate::AppState;
use crate::auth::{SignedIn, Staff};
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use havre_domain::ids::OrganizationId;
use havre_domain::policy::navigation;
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct MeView {
    pub user: UserView,
    pub organization_id: OrganizationId,
    pub organization_name: String,
    /// The sections of the navigation this account sees, by key.
    pub navigation: Vec<String>,
    /// The language the interface speaks to this account now.
    pub language: String,
    /// How the request was authenticated: session or token.
    pub authenticated_by: String,
}

/// The account behind the request.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = MeView), (status = 401, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn me(Staff(auth, ctx): Staff) -> Json<MeView> {
    Json(MeView {
        user: UserView::new(&auth.user),
        organization_id: auth.organization.id,
        organization_name: auth.organization.name.clone(),
        navigation: navigation(&auth.user.roles)
            .into_iter()
            .map(|s| s.key().to_owned())
            .collect(),
        language: ctx.lang.code().to_owned(),
        authenticated_by: match auth.via {
            crate::ctx::Via::Session(_) => "session".into(),
            crate::ctx::Via::Token(_) => "token".into(),
        },
    })
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TotpEnrolmentView {
    /// The secret in base32, for an authenticator app where it is typed by hand.
    pub secret: String,
    /// The otpauth:// URI, for an app that reads it (or a QR code made of it).
    pub uri: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TotpCodeBody {
    /// The six digits the app shows now.
    pub code: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TotpEnabledView {
    pub totp_enabled: bool,
}

/// Starts setting up the second factor (TOTP, RFC 6238): a new secret, which the account
/// confirms with a code from its app. Open to an account that must still set it up; calling it
/// again gives a new secret.
#[utoipa::path(post, path = "/api/v1/me/totp", tag = "accounts",
    responses((status = 201, body = TotpEnrolmentView),
        (status = 401, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn begin_totp(
    State(state): State<AppState>,
    SignedIn(auth, _): SignedIn,
) -> Result<(StatusCode, Json<TotpEnrolmentView>), WebError> {
    let enrolment = state.store.begin_totp_enrolment(auth.user.id).await?;
    Ok((
        StatusCode::CREATED,
        Json(TotpEnrolmentView {
            secret: enrolment.secret,
            uri: enrolment.uri,
        }),
    ))
}

/// Confirms the second factor with a code of the secret just given: from then on, every login
/// asks for a code. A session that confirms gets a new id.
#[utoipa::path(post, path = "/api/v1/me/totp/confirm", tag = "accounts", request_body = TotpCodeBody,
    responses((status = 200, body = TotpEnabledView),
        (status = 401, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn confirm_totp(
    State(state): State<AppState>,
    SignedIn(auth, ctx): SignedIn,
    Body(body): Body<TotpCodeBody>,
) -> Result<Response, WebError> {
    if !state
        .store
        .confirm_totp(&ctx.actor(), auth.user.id, &body.code)
        .await?
    {
        return Err(WebError::Invalid(vec![havre_store::FieldError {
            field: "code",
            message_key: "totp-refused",
        }]));
    }
    let mut response = Json(TotpEnabledView { totp_enabled: true }).into_response();
    crate::auth::rotate_after_enrolment(&state, &auth, &mut response).await?;
    Ok(response)
}
