//! Who is asking: a session cookie or an API token, resolved once per request by `resolve`;
//! and what they may do, decided by havre_domain::policy through the `Staff` and `Require`
//! extractors. Handlers never check a role themselves.

use crate::AppState;
use crate::ctx::{Authenticated, RequestCtx, Via};
use crate::error::{Pending, WebError};
use crate::i18n::{self, Lang};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use havre_domain::policy::{Permission, allows};
use havre_store::accounts::User;
use havre_store::organizations::Organization;
use havre_store::tokens::Scope;
use std::marker::PhantomData;
use std::net::SocketAddr;
use std::sync::Arc;

pub const SESSION_COOKIE: &str = "havre_session";
/// Behind TLS the `__Host-` prefix makes browsers refuse the cookie unless it is Secure, set
/// by this host, for the whole site.
pub const SESSION_COOKIE_SECURE: &str = "__Host-havre_session";
pub const ANON_CSRF_COOKIE: &str = "havre_csrf";
pub const LANG_COOKIE: &str = "havre_lang";

pub fn session_cookie_name(state: &AppState) -> &'static str {
    if state.config.behind_tls {
        SESSION_COOKIE_SECURE
    } else {
        SESSION_COOKIE
    }
}

/// A cookie with the flags of docs/safety.md: for the whole site, out of reach of scripts,
/// never sent from another site, Secure behind TLS. Without an expiry, it ends with the
/// browser session.
pub fn site_cookie(state: &AppState, name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.config.behind_tls)
        .build()
}

/// The session cookie carrying `token`.
pub fn session_cookie(state: &AppState, token: String) -> CookieJar {
    CookieJar::new().add(site_cookie(state, session_cookie_name(state), token))
}

/// The session cookie emptied, with an age of 0 so that the browser deletes it.
pub fn session_cookie_removal(state: &AppState) -> CookieJar {
    let mut removal = site_cookie(state, session_cookie_name(state), String::new());
    removal.set_max_age(time::Duration::ZERO);
    CookieJar::new().add(removal)
}

fn client_ip(state: &AppState, req: &Request) -> Option<String> {
    if state.config.trust_proxy
        && let Some(forwarded) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
        && let Some(last) = forwarded.rsplit(',').next()
    {
        return Some(last.trim().to_owned());
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip().to_string())
}

/// The first middleware after the security headers: recognizes the account, picks the
/// language, and renders any error the handlers return.
pub async fn resolve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let is_api = path.starts_with("/api/");
    let ip = client_ip(&state, &req);
    let headers = req.headers().clone();
    let accept_lang = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(i18n::from_accept_language);
    let cookies = CookieJar::from_headers(&headers);
    let chosen_lang = cookies
        .get(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()));
    let mut ctx = RequestCtx {
        lang: chosen_lang.or(accept_lang).unwrap_or_default(),
        ip,
        auth: None,
        csrf: String::new(),
        is_api,
        path: path.clone(),
    };

    let resolved = account(&state, &headers, &cookies, req.method().is_safe()).await;
    let auth = match resolved {
        Ok(auth) => auth,
        Err(e) => return crate::page::render_error(e, &ctx),
    };
    let mut new_anon_csrf = None;
    if let Some(auth) = &auth {
        if chosen_lang.is_none()
            && let Some(lang) = auth.user.locale
        {
            ctx.lang = lang;
        }
        // French, in an organization in France, is French of France (docs/care.md).
        ctx.lang = ctx.lang.in_country(auth.organization.country);
        if let Some(s) = auth.session() {
            ctx.csrf = s.csrf_token.clone();
        }
    } else if let Some(existing) = cookies.get(ANON_CSRF_COOKIE) {
        ctx.csrf = existing.value().to_owned();
    } else if path == "/login" {
        // Only the login form gets an anonymous token: public pages set no cookie at all.
        let token = havre_store::sessions::random_secret();
        ctx.csrf = token.clone();
        new_anon_csrf = Some(token);
    }
    ctx.auth = auth.map(Arc::new);
    req.extensions_mut().insert(ctx.clone());

    let mut response = rendered(next.run(req).await, &ctx);
    if let Some(token) = new_anon_csrf {
        let jar = CookieJar::new().add(site_cookie(&state, ANON_CSRF_COOKIE, token));
        response = (jar, response).into_response();
    }
    response
}

/// The account a request comes with: by its bearer token, else by its session cookie. A
/// token that only reads may not change anything.
async fn account(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    cookies: &CookieJar,
    safe_method: bool,
) -> Result<Option<Authenticated>, WebError> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match bearer {
        Some(secret) => match state.store.token_user(secret).await {
            Ok(Some((token, user))) => {
                if token.scope == Scope::Read && !safe_method {
                    Err(WebError::Forbidden)
                } else {
                    let organization = state.store.organization(user.organization_id).await?;
                    load(state, user, organization, Via::Token(token), None)
                        .await
                        .map(Some)
                }
            }
            Ok(None) => Err(WebError::Unauthorized),
            Err(e) => Err(e.into()),
        },
        None => match cookies.get(session_cookie_name(state)) {
            Some(cookie) => match state.store.session(cookie.value()).await {
                Ok(Some((session, organization, changes))) => {
                    let user = session.user.clone();
                    // A request that only reads reads its kept values at the count read with
                    // the session; one that writes asks again after its change.
                    let changes = safe_method.then_some(changes);
                    load(state, user, organization, Via::Session(session), changes)
                        .await
                        .map(Some)
                }
                Ok(None) => Ok(None),
                Err(e) => Err(e.into()),
            },
            None => Ok(None),
        },
    }
}

/// The response, with the error a handler left for this middleware rendered as a page or a
/// problem document, keeping the cookies the handler set.
fn rendered(mut response: Response, ctx: &RequestCtx) -> Response {
    if let Some(Pending(error)) = response.extensions_mut().remove::<Pending>() {
        let mut rendered = crate::page::render_error(error, ctx);
        for value in response.headers().get_all(header::SET_COOKIE) {
            rendered
                .headers_mut()
                .append(header::SET_COOKIE, value.clone());
        }
        response = rendered;
    }
    response
}

async fn load(
    state: &AppState,
    user: User,
    organization: Organization,
    via: Via,
    changes: Option<i64>,
) -> Result<Authenticated, WebError> {
    let profession = state
        .store
        .profession_kind(user.organization_id, user.profession_id)
        .await?;
    Ok(Authenticated {
        user,
        organization,
        via,
        profession,
        changes,
    })
}

/// What `resolve` put in the request's extensions; missing, the route was built without it.
impl<S: Send + Sync> FromRequestParts<S> for RequestCtx {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestCtx>()
            .cloned()
            .ok_or_else(|| WebError::Internal("request context missing".into()))
    }
}

/// An account signed in, perhaps without the second factor it must still set up, but never
/// halfway through a login: what enrolling in the second factor needs.
pub struct SignedIn(pub Arc<Authenticated>, pub RequestCtx);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = RequestCtx::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match ctx.auth.clone() {
            Some(auth) if !auth.second_factor_pending() => Ok(SignedIn(auth, ctx)),
            _ => Err(WebError::Unauthorized.into_response()),
        }
    }
}

/// A logged-in account that has passed every step of login.
pub struct Staff(pub Arc<Authenticated>, pub RequestCtx);

impl<S: Send + Sync> FromRequestParts<S> for Staff {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = RequestCtx::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Some(auth) = ctx.auth.clone() else {
            return Err(WebError::Unauthorized.into_response());
        };
        if auth.second_factor_pending() {
            return Err(if ctx.is_api {
                WebError::Unauthorized.into_response()
            } else {
                axum::response::Redirect::to("/login/totp").into_response()
            });
        }
        if auth.must_enrol() {
            return Err(WebError::SecondFactorRequired.into_response());
        }
        Ok(Staff(auth, ctx))
    }
}

/// A permission as a type, for `Require<P>`.
pub trait PermissionMarker: Send + Sync {
    const PERMISSION: Permission;
}

/// Permission markers, one per permission a route needs.
pub mod perm {
    use super::PermissionMarker;
    use havre_domain::policy::Permission;

    macro_rules! marker {
        ($($name:ident),*) => {$(
            pub struct $name;
            impl PermissionMarker for $name {
                const PERMISSION: Permission = Permission::$name;
            }
        )*};
    }
    marker!(
        ManageUsers,
        ManageOrganization,
        ReadAudit,
        SeeWaitList,
        RecordRequests,
        ReadAssignedFiles,
        ReadAllFiles,
        DecideFund,
        RecordPrevention,
        LogOwnHours,
        RunReports,
        SeeGovernance,
        RecordGovernance,
        FileServiceRequests,
        SeeNetworkAggregates,
        SeeHousing,
        ManageHouses,
        SeeMissions,
        RunMissions,
        CoordinateMissions,
        HandleComplaints,
        KeepPrivacyDuties,
        PublishTexts,
        ManageNetwork,
        ShareWithNetwork,
        ImportRecords
    );
}

/// A logged-in account whose roles grant `P`; others get 403.
pub struct Require<P: PermissionMarker>(pub Arc<Authenticated>, pub RequestCtx, pub PhantomData<P>);

impl<S: Send + Sync, P: PermissionMarker> FromRequestParts<S> for Require<P> {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Staff(auth, ctx) = Staff::from_request_parts(parts, state).await?;
        if !allows(&auth.user.roles, P::PERMISSION) {
            return Err(WebError::Forbidden.into_response());
        }
        Ok(Require(auth, ctx, PhantomData))
    }
}

/// The session that has just set up its second factor gains access to files: it gets a new id
/// (rotation at privilege change). A token has no session to rotate.
pub(crate) async fn rotate_after_enrolment(
    state: &AppState,
    auth: &Authenticated,
    response: &mut Response,
) -> Result<(), WebError> {
    if let Some(session) = auth.session() {
        let token = state.store.rotate_session(session, false).await?;
        *response = (session_cookie(state, token), std::mem::take(response)).into_response();
    }
    Ok(())
}
