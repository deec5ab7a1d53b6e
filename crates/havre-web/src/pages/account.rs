//! One's own account: password, second factor, API tokens, sessions.

use crate::AppState;
use crate::api::body::Form;
use crate::auth::{SignedIn, Staff, session_cookie};
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use havre_domain::ids::TokenId;
use havre_store::StoreError;
use havre_store::tokens::Scope;
use serde::Deserialize;

pub struct TokenRow {
    pub id: TokenId,
    pub label: String,
    pub scope_key: &'static str,
    pub created: String,
    pub revoked: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: Page,
    user_name: String,
    email: String,
    totp_enabled: bool,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
}

async fn account_page(
    state: &AppState,
    ctx: &RequestCtx,
    page: Page,
    new_token: Option<String>,
) -> Result<Response, WebError> {
    let auth = ctx.auth.as_ref().ok_or(WebError::Unauthorized)?;
    let tokens = state
        .store
        .tokens(auth.user.organization_id, auth.user.id)
        .await?
        .into_iter()
        .map(|tk| TokenRow {
            id: tk.id,
            label: tk.label,
            scope_key: match tk.scope {
                Scope::Read => "scope-read",
                Scope::Write => "scope-write",
            },
            created: page.date_time(&tk.created_at),
            revoked: tk.revoked_at.is_some(),
        })
        .collect();
    Ok(render(&AccountPage {
        page,
        user_name: auth.user.name.clone(),
        email: auth.user.email.clone(),
        totp_enabled: auth.user.totp_enabled,
        tokens,
        new_token,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    Staff(_, ctx): Staff,
) -> Result<Response, WebError> {
    account_page(&state, &ctx, Page::new(&ctx, "account-title"), None).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    Staff(auth, ctx): Staff,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    match state
        .store
        .change_password(
            &ctx.actor(),
            auth.user.id,
            &form.current_password,
            &form.new_password,
        )
        .await
    {
        Ok(()) => {
            // Every session of the account ended; this one continues under a new id.
            let token = state.store.create_session(&auth.user, false).await?;
            Ok((session_cookie(&state, token), Redirect::to("/account")).into_response())
        }
        Err(StoreError::Invalid(errors)) => {
            let mut response = account_page(
                &state,
                &ctx,
                Page::new(&ctx, "account-title").with_errors(errors),
                None,
            )
            .await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "account_totp.html")]
struct TotpEnrolPage {
    page: Page,
    required: bool,
    secret: String,
    uri: String,
    /// The otpauth URI as a QR code, an inline SVG drawn here (nothing loaded from elsewhere).
    qr_svg: String,
}

/// Draws the enrolment URI as a QR code for an authenticator app to scan.
fn qr_svg(uri: &str) -> String {
    match qrcode::QrCode::new(uri.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .dark_color(qrcode::render::svg::Color("#000000"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .build()
            // Inline in the page: the XML declaration has no place there.
            .split_once("<svg")
            .map(|(_, svg)| format!("<svg{svg}"))
            .unwrap_or_default(),
        // The URI fits easily; without a code, the key typed by hand still works.
        Err(_) => String::new(),
    }
}

/// Enrolment is reachable before the second factor is set up (it is how it gets set up), but
/// never halfway through a login.
pub async fn totp_form(
    State(state): State<AppState>,
    SignedIn(auth, ctx): SignedIn,
) -> Result<Response, WebError> {
    if auth.user.totp_enabled {
        return Ok(Redirect::to("/account").into_response());
    }
    let enrolment = state.store.begin_totp_enrolment(auth.user.id).await?;
    Ok(render(&TotpEnrolPage {
        page: Page::new(&ctx, "totp-enrol-title"),
        required: auth.must_enrol(),
        qr_svg: qr_svg(&enrolment.uri),
        secret: enrolment.secret,
        uri: enrolment.uri,
    }))
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn totp_confirm(
    State(state): State<AppState>,
    SignedIn(auth, ctx): SignedIn,
    Form(form): Form<CodeForm>,
) -> Result<Response, WebError> {
    if state
        .store
        .confirm_totp(&ctx.actor(), auth.user.id, &form.code)
        .await?
    {
        let mut response = Redirect::to("/account").into_response();
        crate::auth::rotate_after_enrolment(&state, &auth, &mut response).await?;
        return Ok(response);
    }
    // A wrong code: a new secret is shown, as the old one may have been mistyped into the app.
    let enrolment = state.store.begin_totp_enrolment(auth.user.id).await?;
    let page = Page::new(&ctx, "totp-enrol-title").with_errors(vec![havre_store::FieldError {
        field: "code",
        message_key: "totp-refused",
    }]);
    let mut response = render(&TotpEnrolPage {
        page,
        required: auth.must_enrol(),
        qr_svg: qr_svg(&enrolment.uri),
        secret: enrolment.secret,
        uri: enrolment.uri,
    });
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response)
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    label: String,
    #[serde(default)]
    scope: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    Staff(auth, ctx): Staff,
    Form(form): Form<TokenForm>,
) -> Result<Response, WebError> {
    let scope = Scope::parse(&form.scope).unwrap_or(Scope::Read);
    match state
        .store
        .create_token(&ctx.actor(), &auth.user, &form.label, scope)
        .await
    {
        Ok((secret, _)) => {
            let page =
                Page::new(&ctx, "account-title").with_notice(Some(t(ctx.lang, "token-created")));
            account_page(&state, &ctx, page, Some(secret)).await
        }
        Err(StoreError::Invalid(errors)) => {
            let mut response = account_page(
                &state,
                &ctx,
                Page::new(&ctx, "account-title").with_errors(errors),
                None,
            )
            .await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    Staff(auth, ctx): Staff,
    Path(id): Path<TokenId>,
) -> Result<Response, WebError> {
    // Only one's own tokens: another account's token answers like a missing one.
    let own = state
        .store
        .tokens(auth.user.organization_id, auth.user.id)
        .await?;
    if !own.iter().any(|tk| tk.id == id) {
        return Err(WebError::NotFound);
    }
    state
        .store
        .revoke_token(&ctx.actor(), auth.user.organization_id, id)
        .await?;
    Ok(Redirect::to("/account").into_response())
}
