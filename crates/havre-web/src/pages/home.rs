//! The home page of each role. The intake team sees first the designated-centre referrals
//! whose 24-hour callback is overdue.

use crate::AppState;
use crate::auth::Staff;
use crate::error::WebError;
use crate::i18n::{t, t_args};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use havre_domain::policy::{Permission, allows};
use havre_domain::referrals::Callback;

pub struct OverdueRow {
    pub received: String,
    pub centre: String,
    pub attempts: String,
    pub late: bool,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: Page,
    first_name: String,
    roles: String,
    /// None for roles that do not call back referrals.
    overdue: Option<Vec<OverdueRow>>,
}

pub async fn show(
    State(state): State<AppState>,
    Staff(auth, ctx): Staff,
) -> Result<Response, WebError> {
    let first_name = auth
        .user
        .name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    let roles = auth
        .user
        .roles
        .iter()
        .map(|r| t(ctx.lang, &format!("role-{}", r.as_str())))
        .collect::<Vec<_>>()
        .join(", ");
    let page = Page::new(&ctx, "home-title");
    let overdue = if allows(&auth.user.roles, Permission::SeeWaitList) {
        let rows = state
            .store
            .open_referrals(auth.organization.id)
            .await?
            .into_iter()
            .filter(|r| r.callback.is_overdue())
            .map(|r| OverdueRow {
                received: page.date_time(&r.received_at),
                centre: r.centre,
                attempts: t_args(ctx.lang, "attempts", &[("n", r.attempts.to_string())]),
                late: matches!(r.callback, Callback::Overdue { late: true, .. }),
            })
            .collect();
        Some(rows)
    } else {
        None
    };
    Ok(render(&HomePage {
        page,
        first_name,
        roles,
        overdue,
    }))
}
