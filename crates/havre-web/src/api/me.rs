use super::users::UserView;
use crate::auth::Staff;
use axum::Json;
use havre_domain::policy::navigation;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct MeView {
    pub user: UserView,
    pub organization_id: uuid::Uuid,
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
            crate::auth::Via::Session(_) => "session".into(),
            crate::auth::Via::Token(_) => "token".into(),
        },
    })
}
