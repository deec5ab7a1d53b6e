//! The wait list page: waits per code on top, then the requests by code and date.

use super::intake::{Select, SelectOption};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use crate::i18n::{t, t_args};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use havre_domain::intake::ServiceArea;
use serde::Deserialize;
use std::collections::HashMap;

pub struct CodeRow {
    pub code: i32,
    pub count: usize,
    pub median: String,
    pub longest: String,
}

pub struct RequestRow {
    pub code: i32,
    pub proposed: i32,
    pub overridden: bool,
    pub teenager: bool,
    pub sequence: i32,
    pub name: String,
    pub received: String,
    pub waiting: String,
    pub assigned: String,
    pub first_meeting: String,
}

#[derive(Template)]
#[template(path = "waitlist.html")]
struct WaitListPage {
    page: Page,
    area: Select,
    by_code: Vec<CodeRow>,
    rows: Vec<RequestRow>,
}

#[derive(Deserialize)]
pub struct Filter {
    service_area: Option<String>,
    /// Set after a request was recorded: the code it got, for the notice.
    recorded: Option<i32>,
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeWaitList>,
    Query(filter): Query<Filter>,
) -> Result<Response, WebError> {
    let area = filter.service_area.as_deref().and_then(ServiceArea::parse);
    let list = state.store.wait_list(auth.organization.id, area).await?;
    let team: HashMap<uuid::Uuid, String> = state
        .store
        .users(auth.organization.id)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let lang = ctx.lang;
    let days = |n: f64| {
        t_args(
            lang,
            "days",
            &[("n", havre_domain::text::format_decimal(n, lang))],
        )
    };
    let mut page = Page::new(&ctx, "nav-waitlist");
    if let Some(code) = filter.recorded {
        page = page.with_notice(Some(t_args(
            lang,
            "intake-recorded",
            &[("code", code.to_string())],
        )));
    }
    let mut options = vec![SelectOption {
        value: String::new(),
        label: t(lang, "service_area-all"),
        selected: area.is_none(),
    }];
    options.extend(ServiceArea::ALL.iter().map(|a| SelectOption {
        value: a.key().to_owned(),
        label: t(lang, &format!("service_area-{}", a.key())),
        selected: area == Some(*a),
    }));
    let rows = list
        .requests
        .iter()
        .map(|r| RequestRow {
            code: r.code,
            proposed: r.proposed_code,
            overridden: r.code != r.proposed_code,
            teenager: r.teenager,
            sequence: r.sequence,
            name: r.name.clone(),
            received: page.date_time(&r.received_at),
            waiting: days(r.waiting_days as f64),
            assigned: r
                .assigned_to
                .and_then(|id| team.get(&id).cloned())
                .unwrap_or_default(),
            first_meeting: r
                .first_meeting_at
                .map(|at| page.date_time(&at))
                .unwrap_or_default(),
        })
        .collect();
    let by_code = list
        .by_code
        .iter()
        .map(|c| CodeRow {
            code: c.code,
            count: c.count,
            median: days(c.median_days),
            longest: days(c.longest_days as f64),
        })
        .collect();
    Ok(render(&WaitListPage {
        area: Select {
            name: "service_area",
            label: t(lang, "field-service_area"),
            options,
        },
        page,
        by_code,
        rows,
    }))
}
