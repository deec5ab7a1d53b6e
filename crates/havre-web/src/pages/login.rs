//! Login, second factor, logout.

use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Staff, session_cookie, session_cookie_removal};
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use havre_store::accounts::LoginOutcome;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: Page,
    email: String,
    refusal: Option<String>,
}

#[derive(Template)]
#[template(path = "login_totp.html")]
struct TotpPage {
    page: Page,
    refusal: Option<String>,
}

pub async fn form(ctx: RequestCtx) -> Response {
    if ctx.auth.as_ref().is_some_and(|a| a.is_complete()) {
        return Redirect::to("/").into_response();
    }
    render(&LoginPage {
        page: Page::new(&ctx, "login-title"),
        email: String::new(),
        refusal: None,
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

fn with_session_cookie(state: &AppState, response: Response, token: String) -> Response {
    (session_cookie(state, token), response).into_response()
}

/// The one answer for a wrong email, a wrong password, an unknown or inactive account.
fn refused(
    ctx: &RequestCtx,
    email: String,
    message_key: &str,
    status: axum::http::StatusCode,
) -> Response {
    let mut response = render(&LoginPage {
        page: Page::new(ctx, "login-title"),
        email,
        refusal: Some(t(ctx.lang, message_key)),
    });
    *response.status_mut() = status;
    response
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: RequestCtx,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    // A session that existed before login is never kept (session fixation).
    if let Some(session) = ctx.auth.as_ref().and_then(|a| a.session()) {
        state.store.end_session(session).await?;
    }
    match state
        .store
        .login(ctx.ip.as_deref(), &form.email, &form.password)
        .await?
    {
        LoginOutcome::Success(user) => {
            let token = state.store.create_session(&user, user.totp_enabled).await?;
            let to = if user.totp_enabled {
                "/login/totp"
            } else {
                "/"
            };
            Ok(with_session_cookie(
                &state,
                Redirect::to(to).into_response(),
                token,
            ))
        }
        LoginOutcome::Refused => Ok(refused(
            &ctx,
            form.email,
            "login-refused",
            axum::http::StatusCode::UNAUTHORIZED,
        )),
        LoginOutcome::Throttled(_) => Ok(refused(
            &ctx,
            form.email,
            "login-throttled",
            axum::http::StatusCode::TOO_MANY_REQUESTS,
        )),
    }
}

pub async fn totp_form(ctx: RequestCtx) -> Response {
    match &ctx.auth {
        Some(auth) if auth.second_factor_pending() => render(&TotpPage {
            page: Page::new(&ctx, "totp-login-title"),
            refusal: None,
        }),
        Some(_) => Redirect::to("/").into_response(),
        None => Redirect::to("/login").into_response(),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn totp_submit(
    State(state): State<AppState>,
    ctx: RequestCtx,
    Form(form): Form<CodeForm>,
) -> Result<Response, WebError> {
    let Some(auth) = ctx.auth.clone() else {
        return Ok(Redirect::to("/login").into_response());
    };
    let Some(session) = auth.session().filter(|s| s.second_factor_pending) else {
        return Ok(Redirect::to("/").into_response());
    };
    let refusal = |key: &str, status| {
        let mut r = render(&TotpPage {
            page: Page::new(&ctx, "totp-login-title"),
            refusal: Some(t(ctx.lang, key)),
        });
        *r.status_mut() = status;
        r
    };
    match state
        .store
        .check_totp(&ctx.actor(), &auth.user, &form.code)
        .await?
    {
        LoginOutcome::Success(_) => {
            // A new session id once fully logged in.
            let token = state.store.rotate_session(session, false).await?;
            Ok(with_session_cookie(
                &state,
                Redirect::to("/").into_response(),
                token,
            ))
        }
        LoginOutcome::Refused => Ok(refusal(
            "totp-refused",
            axum::http::StatusCode::UNAUTHORIZED,
        )),
        LoginOutcome::Throttled(_) => Ok(refusal(
            "login-throttled",
            axum::http::StatusCode::TOO_MANY_REQUESTS,
        )),
    }
}

fn logged_out(state: &AppState) -> Response {
    (session_cookie_removal(state), Redirect::to("/login")).into_response()
}

pub async fn logout(State(state): State<AppState>, ctx: RequestCtx) -> Result<Response, WebError> {
    if let Some(auth) = &ctx.auth
        && let Some(session) = auth.session()
    {
        state.store.end_session(session).await?;
        state
            .store
            .audit(
                &ctx.actor(),
                havre_store::audit::Event::new(havre_store::audit::Action::Logout),
            )
            .await?;
    }
    Ok(logged_out(&state))
}

pub async fn logout_everywhere(
    State(state): State<AppState>,
    Staff(auth, ctx): Staff,
) -> Result<Response, WebError> {
    let ended = state.store.end_all_sessions(auth.user.id).await?;
    state
        .store
        .audit(
            &ctx.actor(),
            havre_store::audit::Event::new(havre_store::audit::Action::LogoutEverywhere)
                .detail(serde_json::json!({ "sessions": ended })),
        )
        .await?;
    Ok(logged_out(&state))
}
