//! Calls and referrals at intake: designated-centre referrals and their callbacks, listening
//! calls logged in a few keystrokes, and requests that could not be met.

use super::intake::{Select, SelectOption};
use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::{Lang, t, t_args};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use havre_domain::ids::{ListValueId, OrganizationId, PersonId, ReferralId};
use havre_domain::intake::{ServiceArea, TurnAwayReason};
use havre_domain::lists::ListKind;
use havre_domain::referrals::Callback;
use havre_domain::validation::FieldError;
use havre_store::StoreError;
use serde::Deserialize;

pub struct ReferralRow {
    pub id: ReferralId,
    pub centre: String,
    pub received: String,
    pub state: String,
    pub attempts: String,
}

/// A referral reached, to link to the file it led to.
pub struct ToLinkRow {
    pub id: ReferralId,
    pub centre: String,
    pub received: String,
    pub persons: Select,
}

#[derive(Template)]
#[template(path = "calls.html")]
struct CallsPage {
    page: Page,
    referrals: Vec<ReferralRow>,
    to_link: Vec<ToLinkRow>,
    topics: Select,
    reasons: Select,
    areas: Select,
    today: String,
    now: String,
}

fn options(lang: Lang, prefix: &str, keys: &[&str]) -> Vec<SelectOption> {
    keys.iter()
        .map(|k| SelectOption {
            value: (*k).to_owned(),
            label: t(lang, &format!("{prefix}-{k}")),
            selected: false,
        })
        .collect()
}

async fn calls_page(
    state: &AppState,
    ctx: &RequestCtx,
    org: OrganizationId,
    page: Page,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let referrals = referral_rows(state, org, &page).await?;
    let to_link = to_link_rows(state, org, &page).await?;
    let topics = topic_select(state, org, lang).await?;
    let reasons: Vec<&str> = TurnAwayReason::ALL.iter().map(|r| r.key()).collect();
    let areas: Vec<&str> = ServiceArea::ALL.iter().map(|a| a.key()).collect();
    let now = ctx.zone().local(state.store.now());
    Ok(render(&CallsPage {
        referrals,
        to_link,
        topics,
        reasons: Select {
            name: "reason",
            label: t(lang, "field-reason"),
            options: options(lang, "turn_away", &reasons),
        },
        areas: Select {
            name: "service_area",
            label: t(lang, "field-service_area"),
            options: options(lang, "service_area", &areas),
        },
        today: now.format("%Y-%m-%d").to_string(),
        now: now.format("%H:%M").to_string(),
        page,
    }))
}

/// The referrals waiting for a call back, with how late it is.
async fn referral_rows(
    state: &AppState,
    org: OrganizationId,
    page: &Page,
) -> Result<Vec<ReferralRow>, WebError> {
    let lang = page.lang;
    Ok(state
        .store
        .open_referrals(org)
        .await?
        .into_iter()
        .map(|r| ReferralRow {
            id: r.id,
            centre: r.centre,
            received: page.date_time(&r.received_at),
            state: t(
                lang,
                match r.callback {
                    Callback::Overdue { late: true, .. } => "callback-late",
                    Callback::Overdue { .. } => "callback-overdue",
                    _ => "callback-upcoming",
                },
            ),
            attempts: t_args(lang, "attempts", &[("n", r.attempts.to_string())]),
        })
        .collect())
}

/// The referrals reached, each with the persons it may be linked to.
async fn to_link_rows(
    state: &AppState,
    org: OrganizationId,
    page: &Page,
) -> Result<Vec<ToLinkRow>, WebError> {
    let lang = page.lang;
    let mut to_link = Vec::new();
    for (r, persons) in state.store.referrals_to_link(org).await? {
        let mut options = vec![SelectOption {
            value: String::new(),
            label: t(lang, "choose"),
            selected: true,
        }];
        options.extend(persons.into_iter().map(|(id, name)| SelectOption {
            value: id.to_string(),
            label: name,
            selected: false,
        }));
        to_link.push(ToLinkRow {
            id: r.id,
            centre: r.centre,
            received: page.date_time(&r.received_at),
            persons: Select {
                name: "person_id",
                label: t(lang, "field-referral-person"),
                options,
            },
        });
    }
    Ok(to_link)
}

/// The topics a call may be about, from the organization's list.
async fn topic_select(
    state: &AppState,
    org: OrganizationId,
    lang: Lang,
) -> Result<Select, WebError> {
    let mut topics = vec![SelectOption {
        value: String::new(),
        label: t(lang, "choose"),
        selected: true,
    }];
    for v in state
        .store
        .list_values(org, ListKind::CallTopic, false)
        .await?
    {
        topics.push(SelectOption {
            value: v.id.to_string(),
            label: if lang.is_french() {
                v.label_fr
            } else {
                v.label_en
            },
            selected: false,
        });
    }
    Ok(Select {
        name: "topic",
        label: t(lang, "field-topic"),
        options: topics,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
) -> Result<Response, WebError> {
    calls_page(
        &state,
        &ctx,
        auth.organization.id,
        Page::new(&ctx, "calls-title"),
    )
    .await
}

/// After a form: back to the page with a notice, or the page again with the problems.
async fn answer(
    state: &AppState,
    ctx: &RequestCtx,
    org: OrganizationId,
    result: Result<(), StoreError>,
    done_key: &str,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => {
            let page = Page::new(ctx, "calls-title").with_notice(Some(t(ctx.lang, done_key)));
            calls_page(state, ctx, org, page).await
        }
        Err(StoreError::Invalid(errors)) => {
            let mut response = calls_page(
                state,
                ctx,
                org,
                Page::new(ctx, "calls-title").with_errors(errors),
            )
            .await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// A listening call, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CallForm {
    duration_minutes: String,
    topic: String,
    referral_given: String,
}

pub async fn log_call(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Form(form): Form<CallForm>,
) -> Result<Response, WebError> {
    // The call just ended: it is dated now.
    let result = match (
        form.duration_minutes.trim().parse::<i32>(),
        form.topic.parse::<ListValueId>(),
    ) {
        (Ok(minutes), Ok(topic)) => {
            let referral = Some(form.referral_given).filter(|r| !r.trim().is_empty());
            let new = havre_store::calls::NewCall {
                at: state.store.now(),
                duration_minutes: minutes,
                topic,
                referral_given: referral,
            };
            state
                .store
                .log_call(&ctx.actor(), auth.organization.id, new)
                .await
                .map(|_| ())
        }
        (minutes, topic) => {
            let mut problems = Vec::new();
            if minutes.is_err() {
                problems.push(FieldError::new("duration_minutes", "duration-invalid"));
            }
            if topic.is_err() {
                problems.push(FieldError::new("topic", "value-required"));
            }
            Err(StoreError::Invalid(problems))
        }
    };
    answer(&state, &ctx, auth.organization.id, result, "call-logged").await
}

/// A request that could not be met, as chosen.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct TurnAwayForm {
    reason: String,
    service_area: String,
    referral_given: String,
}

pub async fn turn_away(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Form(form): Form<TurnAwayForm>,
) -> Result<Response, WebError> {
    let result = match (
        TurnAwayReason::parse(&form.reason),
        ServiceArea::parse(&form.service_area),
    ) {
        (Some(reason), Some(area)) => {
            let referral = form.referral_given;
            state
                .store
                .record_turn_away(
                    &ctx.actor(),
                    auth.organization.id,
                    state.store.now(),
                    area,
                    reason,
                    Some(referral.as_str()),
                )
                .await
                .map(|_| ())
        }
        _ => Err(StoreError::invalid("reason", "value-not-in-list")),
    };
    answer(&state, &ctx, auth.organization.id, result, "unmet-recorded").await
}

/// A referral from a designated centre, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ReferralForm {
    received_date: String,
    received_time: String,
    centre: String,
    teenager: bool,
}

pub async fn receive_referral(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Form(form): Form<ReferralForm>,
) -> Result<Response, WebError> {
    let result = match ctx
        .zone()
        .parse_local(&form.received_date, &form.received_time)
    {
        Some(at) => state
            .store
            .receive_referral(
                &ctx.actor(),
                auth.organization.id,
                at,
                &form.centre,
                form.teenager,
            )
            .await
            .map(|_| ()),
        None => Err(StoreError::invalid("received_at", "date-time-required")),
    };
    answer(
        &state,
        &ctx,
        auth.organization.id,
        result,
        "referral-recorded",
    )
    .await
}

/// A callback made to a referral.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AttemptForm {
    note: String,
    reached: bool,
}

pub async fn attempt(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Path(id): Path<ReferralId>,
    Form(AttemptForm { note, reached }): Form<AttemptForm>,
) -> Result<Response, WebError> {
    // The call just made: dated now.
    let result = state
        .store
        .record_referral_attempt(
            &ctx.actor(),
            auth.organization.id,
            id,
            state.store.now(),
            reached,
            Some(note.as_str()),
        )
        .await
        .map(|_| ());
    if let Err(StoreError::NotFound) = result {
        return Err(WebError::NotFound);
    }
    match result {
        Ok(()) => Ok(Redirect::to("/intake/calls").into_response()),
        other => {
            answer(
                &state,
                &ctx,
                auth.organization.id,
                other,
                "attempt-recorded",
            )
            .await
        }
    }
}

/// The file a referral led to, as chosen.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    person_id: String,
}

/// Links a referral reached to the file it led to: the report then counts the meetings that
/// follow it once (havre_store::report).
pub async fn link_referral(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Path(id): Path<ReferralId>,
    Form(form): Form<LinkForm>,
) -> Result<Response, WebError> {
    let person = form.person_id.parse::<PersonId>().ok();
    let result = state
        .store
        .link_referral(&ctx.actor(), auth.organization.id, id, person)
        .await
        .map(|_| ());
    if let Err(StoreError::NotFound) = result {
        return Err(WebError::NotFound);
    }
    answer(
        &state,
        &ctx,
        auth.organization.id,
        result,
        "referral-linked-notice",
    )
    .await
}
