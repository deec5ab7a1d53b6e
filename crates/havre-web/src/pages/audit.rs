//! The audit log of the organization, for its coordinator and administrator: who read or
//! changed what, when, from where. Reading it is itself logged.

use crate::AppState;
use crate::api::audit::AuditFilter;
use crate::auth::{Require, perm};
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use havre_store::audit::{Action, Event};
use std::collections::HashMap;

pub struct AuditRow {
    pub seq: i64,
    pub when: String,
    pub who: String,
    pub from: String,
    pub what: String,
    pub target: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    page: Page,
    entries: Vec<AuditRow>,
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAudit>,
    Query(filter): Query<AuditFilter>,
) -> Result<Response, WebError> {
    let org = auth.user.organization_id;
    let target = filter
        .target_kind
        .as_deref()
        .zip(filter.target_id.as_deref());
    let entries = state.store.audit_entries(org, target, 500).await?;
    state
        .store
        .audit(&ctx.actor(), Event::new(Action::AuditRead))
        .await?;
    let names: HashMap<havre_domain::ids::UserId, String> = state
        .store
        .users(org)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let page = Page::new(&ctx, "audit-title");
    let rows = entries
        .into_iter()
        .map(|e| {
            let name_of = |id: &havre_domain::ids::UserId| {
                names
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| t(ctx.lang, "audit-unknown-account"))
            };
            let target = match (e.target_kind.as_deref(), e.target_id.as_deref()) {
                (Some("user"), Some(id)) => id.parse().map(|id| name_of(&id)).unwrap_or_default(),
                (Some(kind), Some(id)) => {
                    format!("{} {}", t(ctx.lang, &format!("audit-kind-{kind}")), id)
                }
                _ => String::new(),
            };
            AuditRow {
                seq: e.seq,
                when: page.date_time(&e.at),
                who: e
                    .actor_id
                    .map(|id| name_of(&id.into()))
                    .unwrap_or_else(|| t(ctx.lang, "audit-operator")),
                from: e.actor_ip.unwrap_or_default(),
                what: t(
                    ctx.lang,
                    &format!("audit-action-{}", e.action.replace(['.', '_'], "-")),
                ),
                target,
            }
        })
        .collect();
    Ok(render(&AuditPage {
        page,
        entries: rows,
    }))
}
