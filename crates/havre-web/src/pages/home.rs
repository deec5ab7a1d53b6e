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
use havre_domain::ids::PersonId;
use havre_domain::policy::may_be_given_files;
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
    /// Requests received online waiting to be called back, for the same roles.
    online_waiting: Option<u64>,
    /// None for roles that hold no file.
    caseload: Option<Caseload>,
    /// For a partner's caseworker: how many of her requests changed since she last read them.
    request_news: Option<usize>,
    /// For the person in charge of personal information: incidents to assess, and access
    /// requests near their 30 days (docs/privacy.md).
    privacy_due: Option<(u64, usize)>,
    /// What Havre's daily review found due for destruction, awaiting her approval.
    destruction_due: Option<i64>,
}

pub struct WeekRow {
    pub when: String,
    pub person_id: PersonId,
    pub name: String,
    pub kind: String,
    pub duration: String,
}

/// A caseworker's day: her files, her meetings of the week, the files near a limit.
pub struct Caseload {
    pub files: Vec<super::files::FileRow>,
    pub near: Vec<super::files::FileRow>,
    pub week: Vec<WeekRow>,
}

/// Her files and her week, Monday to Sunday on the organization's clock.
async fn caseload(
    state: &AppState,
    auth: &crate::ctx::Authenticated,
    ctx: &crate::ctx::RequestCtx,
    page: &Page,
) -> Result<Caseload, WebError> {
    use chrono::Datelike;
    let reader = auth.reader(ctx);
    let files = state.store.files_of(&reader).await?;
    let today = ctx.zone().day_of(state.store.now());
    let monday = today - chrono::TimeDelta::days(today.weekday().num_days_from_monday() as i64);
    let start = ctx
        .zone()
        .start_of(monday)
        .unwrap_or_else(|| state.store.now());
    let week = state
        .store
        .meetings_of_staff(&reader, start, start + chrono::TimeDelta::days(7))
        .await?
        .into_iter()
        .map(|m| WeekRow {
            when: page.date_time(&m.held_at),
            person_id: m.person_id,
            name: m.name,
            kind: t(page.lang, &format!("meeting_kind-{}", m.kind.key())),
            duration: havre_domain::text::format_minutes(m.duration as i64, page.lang),
        })
        .collect();
    let near = files
        .iter()
        .filter(|f| !f.near_limits.is_empty())
        .cloned()
        .collect();
    Ok(Caseload {
        files: super::files::file_rows(files, page),
        near: super::files::file_rows(near, page),
        week,
    })
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
    let reader = auth.reader(&ctx);
    // What awaits the team, counted once for the organization until a change; what she may
    // see of it, by her rights.
    let awaiting = state.store.awaiting(&reader).await?;
    let overdue = awaiting.referrals.map(|referrals| {
        referrals
            .into_iter()
            .filter(|r| r.callback.is_overdue())
            .map(|r| OverdueRow {
                received: page.date_time(&r.received_at),
                centre: r.centre,
                attempts: t_args(ctx.lang, "attempts", &[("n", r.attempts.to_string())]),
                late: matches!(r.callback, Callback::Overdue { late: true, .. }),
            })
            .collect()
    });
    let caseload = if may_be_given_files(&auth.user.roles) {
        Some(caseload(&state, &auth, &ctx, &page).await?)
    } else {
        None
    };
    let request_news = if auth.user.partner_id.is_some() {
        Some(state.store.request_news(&reader, ctx.zone()).await?)
    } else {
        None
    };
    Ok(render(&HomePage {
        destruction_due: awaiting.destruction,
        privacy_due: awaiting.privacy,
        request_news,
        caseload,
        page,
        first_name,
        roles,
        overdue,
        online_waiting: awaiting.online,
    }))
}
