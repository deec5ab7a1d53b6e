//! Every route of Havre, declared in one list. The list is public so that the tenant
//! isolation test can walk every route that takes an identifier: a new one that it does not
//! know makes it fail until it gets an isolation case.

use crate::{AppState, api, auth, csrf, headers, limits, metrics, pages};
use axum::Router;
use axum::handler::Handler;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{MethodRouter, get, patch, post};

/// A route as the isolation test sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
}

impl RouteInfo {
    /// Whether the path carries an identifier ({id}, {slug}…).
    pub fn takes_identifier(&self) -> bool {
        self.path.contains('{')
    }
}

struct Routes {
    router: Router<AppState>,
    listed: Vec<RouteInfo>,
}

impl Routes {
    fn add(
        mut self,
        method: &'static str,
        path: &'static str,
        route: MethodRouter<AppState>,
    ) -> Self {
        self.router = self.router.route(path, route);
        self.listed.push(RouteInfo { method, path });
        self
    }
    fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("GET", path, get(h))
    }
    fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("POST", path, post(h))
    }
    fn patch<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("PATCH", path, patch(h))
    }
}

fn build() -> Routes {
    use pages::*;
    Routes {
        router: Router::new(),
        listed: Vec::new(),
    }
    // Public: no account needed.
    .get("/healthz", healthz)
    .get("/metrics", crate::metrics::endpoint)
    .get("/static/{file}", assets::file)
    .get("/o/{slug}", public::show)
    .get("/language", language::switch)
    .get("/login", login::form)
    .post("/login", login::submit)
    .get("/login/totp", login::totp_form)
    .post("/login/totp", login::totp_submit)
    .post("/logout", login::logout)
    .post("/logout/everywhere", login::logout_everywhere)
    // Pages.
    .get("/", home::show)
    .get("/account", account::show)
    .post("/account/password", account::change_password)
    .get("/account/totp", account::totp_form)
    .post("/account/totp", account::totp_confirm)
    .post("/account/tokens", account::create_token)
    .post("/account/tokens/{id}/revoke", account::revoke_token)
    .get("/users", users::list)
    .post("/users", users::create)
    .get("/users/{id}", users::show)
    .post("/users/{id}", users::update)
    .post("/users/{id}/password", users::set_password)
    .post(
        "/users/{id}/second-factor/reset",
        users::reset_second_factor,
    )
    .get("/audit", audit::show)
    .get("/organization", organization::show)
    .post("/organization", organization::save)
    .get("/organization/lists", lists::show)
    .post("/organization/lists/{list}/values", lists::add)
    .post("/organization/list-values/{id}", lists::rename)
    .post("/organization/list-values/{id}/retire", lists::retire)
    .get("/waitlist", waitlist::show)
    .get("/waitlist/{id}", waitlist::request)
    .post("/waitlist/{id}/{action}", waitlist::act)
    .get("/help-requests/new", intake::new)
    .post("/help-requests", intake::record)
    .get("/intake/calls", calls::show)
    .post("/intake/calls", calls::log_call)
    .post("/intake/turn-aways", calls::turn_away)
    .post("/intake/referrals", calls::receive_referral)
    .post("/intake/referrals/{id}/attempts", calls::attempt)
    .get("/files", sections::files)
    .get("/prevention", sections::prevention)
    .get("/hours", sections::hours)
    .get("/reports", sections::reports)
    .get("/governance", sections::governance)
    .get("/service-requests", sections::service_requests)
    .get("/network", sections::network)
    // The JSON API.
    .get("/api/v1/openapi.json", api::openapi)
    .get("/api/v1/me", api::me::me)
    .get("/api/v1/users", api::users::list)
    .post("/api/v1/users", api::users::create)
    .get("/api/v1/users/{id}", api::users::get)
    .patch("/api/v1/users/{id}", api::users::update)
    .get("/api/v1/audit", api::audit::list)
    .get("/api/v1/organization", api::organization::get)
    .patch("/api/v1/organization", api::organization::update)
    .get("/api/v1/lists", api::intake::lists)
    .post("/api/v1/lists/{list}/values", api::intake::add_value)
    .patch("/api/v1/list-values/{id}", api::intake::rename_value)
    .post("/api/v1/list-values/{id}/retire", api::intake::retire_value)
    .post("/api/v1/help-requests", api::intake::record)
    .get("/api/v1/waitlist", api::waitlist::show)
    .post("/api/v1/help-requests/{id}/assign", api::waitlist::assign)
    .post(
        "/api/v1/help-requests/{id}/first-meeting",
        api::waitlist::book_first_meeting,
    )
    .post("/api/v1/help-requests/{id}/close", api::waitlist::close)
    .get("/api/v1/referrals", api::referrals::open)
    .post("/api/v1/referrals", api::referrals::receive)
    .post("/api/v1/referrals/{id}/attempts", api::referrals::attempt)
    .post("/api/v1/calls", api::calls::log)
    .post("/api/v1/turn-aways", api::calls::turn_away)
    .get("/api/v1/intake/tally", api::calls::tally)
}

/// Every route, for tests.
pub fn route_table() -> Vec<RouteInfo> {
    build().listed
}

async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> axum::http::StatusCode {
    if state.store.ping().await {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::SERVICE_UNAVAILABLE
    }
}

pub(crate) fn router(state: AppState) -> Router {
    let in_flight = limits::InFlight::new(state.config.max_in_flight);
    // Layers run from the last added to the first: headers, queue, metrics, then the
    // account and language, then CSRF, then the handler.
    build()
        .router
        .fallback(pages::not_found)
        .layer(from_fn(csrf::protect))
        .layer(from_fn_with_state(state.clone(), auth::resolve))
        .layer(from_fn_with_state(state.clone(), metrics::record))
        .layer(from_fn_with_state(
            (state.clone(), in_flight),
            limits::queue,
        ))
        .layer(from_fn_with_state(state.clone(), headers::security_headers))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            2 * 1024 * 1024,
        ))
        .with_state(state)
}
