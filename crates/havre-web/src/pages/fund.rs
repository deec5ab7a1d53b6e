//! The emergency fund, for those who decide on it: the balance, what was put in, the requests
//! and the committee's decisions. Requests are made from a woman's file.

use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::ctx::Authenticated;
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use havre_domain::fund::{Purpose, format_amount, parse_amount};
use havre_domain::ids::{FundEntryId, PersonId};
use havre_store::StoreError;
use havre_store::fund::Decision;
use serde::Deserialize;

pub struct EntryRow {
    pub id: FundEntryId,
    pub when: String,
    pub kind: String,
    pub who: String,
    pub person_id: Option<PersonId>,
    pub amount: String,
    pub purpose: String,
    pub status: String,
    pub granted: String,
    pub note: String,
    pub decision_note: String,
    pub pending: bool,
    /// The amount asked, as typed in the decision form.
    pub asked: String,
}

#[derive(Template)]
#[template(path = "fund.html")]
struct FundPage {
    page: Page,
    balance: String,
    deposited: String,
    granted: String,
    pending: String,
    entries: Vec<EntryRow>,
    amount: String,
    source: String,
}

/// An amount in cents as a form shows it back: "25,50" or "25.50".
fn typed(cents: i64, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::Fr | crate::i18n::Lang::FrFr => {
            format!("{},{:02}", cents / 100, cents % 100)
        }
        crate::i18n::Lang::En => format!("{}.{:02}", cents / 100, cents % 100),
    }
}

async fn fund_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    amount: String,
    source: String,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let fund = state.store.fund(&auth.reader(ctx)).await?;
    let money = |c: i64| format_amount(c, lang);
    let entries = fund
        .entries
        .into_iter()
        .map(|e| EntryRow {
            id: e.id,
            when: page.date_time(&e.at),
            kind: t(lang, &format!("fund-kind-{}", e.kind)),
            who: e.person_name.unwrap_or_default(),
            person_id: e.person_id,
            amount: money(e.amount_cents),
            purpose: e
                .purpose
                .map(|p| t(lang, &format!("purpose-{p}")))
                .unwrap_or_default(),
            status: t(lang, &format!("fund-status-{}", e.status)),
            granted: e.granted_cents.map(money).unwrap_or_default(),
            note: e.note.unwrap_or_default(),
            decision_note: e.decision_note.unwrap_or_default(),
            pending: e.status == "pending",
            asked: typed(e.amount_cents, lang),
        })
        .collect();
    Ok(render(&FundPage {
        balance: money(fund.balance_cents),
        deposited: money(fund.deposited_cents),
        granted: money(fund.granted_cents),
        pending: money(fund.pending_cents),
        page,
        entries,
        amount,
        source,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::DecideFund>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "fund-title");
    fund_page(&state, &auth, &ctx, page, String::new(), String::new()).await
}

async fn after(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    result: Result<(), StoreError>,
    amount: String,
    source: String,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(Redirect::to("/fund").into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(ctx, "fund-title").with_errors(errors);
            let mut response = fund_page(state, auth, ctx, page, amount, source).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// Money put in the fund, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct DepositForm {
    amount: String,
    source: String,
}

pub async fn deposit(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::DecideFund>,
    Form(DepositForm { amount, source }): Form<DepositForm>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .deposit(&auth.reader(&ctx), parse_amount(&amount), &source)
        .await
        .map(|_| ());
    after(&state, &auth, &ctx, result, amount, source).await
}

/// The committee's decision on a request: the button pressed, and the amount granted.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    decision: String,
    granted: String,
    decision_note: String,
}

pub async fn decide(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::DecideFund>,
    Path(id): Path<FundEntryId>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, WebError> {
    let decision = match form.decision.as_str() {
        "approve" => match parse_amount(&form.granted) {
            Some(granted_cents) => Ok(Decision::Approve { granted_cents }),
            None => Err(StoreError::invalid("granted", "amount-invalid")),
        },
        "refuse" => Ok(Decision::Refuse),
        // Anything else is no decision: nothing is written.
        _ => Err(StoreError::invalid("decision", "value-not-in-list")),
    };
    let reader = auth.reader(&ctx);
    // A request that is not pending, or not the organization's, answers 404 first.
    state.store.pending_fund_request(&reader, id).await?;
    let result = match decision {
        Ok(decision) => {
            state
                .store
                .decide_fund_request(&reader, id, decision, &form.decision_note)
                .await
        }
        Err(e) => Err(e),
    };
    after(&state, &auth, &ctx, result, String::new(), String::new()).await
}

/// A request to the committee, as typed in a woman's file.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct FundRequestForm {
    amount: String,
    purpose: String,
    note: String,
}

/// A request to the committee from a woman's file.
pub async fn request(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(person): Path<PersonId>,
    Form(form): Form<FundRequestForm>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .request_fund(
            &auth.reader(&ctx),
            person,
            parse_amount(&form.amount),
            Purpose::parse(&form.purpose),
            &form.note,
        )
        .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/files/{person}?saved=fund#fund")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "file-title").with_errors(errors);
            let mut response =
                super::files::file_page_with(&state, &auth, &ctx, person, page).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}
