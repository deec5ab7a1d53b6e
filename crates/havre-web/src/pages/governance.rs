//! Governance (docs/domain.md §5): the organization's members, its board meetings and its annual
//! general meeting. Board members read the page; the administrator and the coordinator record
//! on it (`Permission::RecordGovernance`). Its JSON twin is `api::governance`.

use super::intake::{BoxOption, Boxes, Select, SelectOption};
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
use chrono::NaiveDate;
use havre_domain::governance::MemberKind;
use havre_domain::hours::typed_hours;
use havre_domain::ids::GovernanceMemberId;
use havre_domain::policy::{Action, Record, RecordKind};
use havre_domain::text::format_minutes;
use havre_domain::validation::whole_number;
use havre_store::governance::{NewAnnualMeeting, NewBoardMeeting, NewMember};
use havre_store::{FieldError, StoreError};
use serde::Deserialize;
use std::collections::HashMap;

pub struct MemberRow {
    pub id: GovernanceMemberId,
    pub name: String,
    pub kind: String,
    pub joined_on: String,
    pub left_on: String,
}

pub struct BoardRow {
    pub when: String,
    pub length: String,
    pub present: String,
    pub internal: String,
    pub activism: String,
}

pub struct AnnualRow {
    pub when: String,
    pub members_present: i64,
    pub non_members_present: i64,
    pub invested: String,
}

#[derive(Template)]
#[template(path = "governance.html")]
struct GovernancePage {
    page: Page,
    members: Vec<MemberRow>,
    board_meetings: Vec<BoardRow>,
    annual_meetings: Vec<AnnualRow>,
    records: bool,
    kinds: Select,
    present: Boxes,
    /// What the forms held when they come back with problems.
    form: GovernanceForm,
}

/// The page's three forms (a member, a board meeting, the annual general meeting), as typed:
/// their fields have names of their own, and one of them comes back with its problems.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct GovernanceForm {
    name: String,
    kind: String,
    joined_on: String,
    left_on: String,
    date: String,
    time: String,
    length: String,
    preparation: String,
    minutes_writing: String,
    present: Vec<String>,
    agm_date: String,
    agm_time: String,
    members_present: String,
    non_members_present: String,
    agm_preparation: String,
    report: String,
    presence: String,
}

async fn governance_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    typed: Option<GovernanceForm>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let reader = auth.reader(ctx);
    let members = state.store.members(&reader).await?;
    let names: HashMap<GovernanceMemberId, String> =
        members.iter().map(|m| (m.id, m.name.clone())).collect();
    let board = state.store.board_meetings(&reader).await?;
    let annual = state.store.annual_meetings(&reader).await?;
    let form = typed.unwrap_or_else(|| new_form(state, ctx));
    Ok(render(&GovernancePage {
        records: auth.may(Action::Create, &Record::new(RecordKind::Governance)),
        present: present_boxes(lang, &members, &form.present),
        kinds: kind_select(lang, &form.kind),
        members: member_rows(members, lang),
        board_meetings: board_rows(board, &names, &page),
        annual_meetings: annual_rows(annual, &page),
        page,
        form,
    }))
}

/// The forms as they open: dated today, the meetings at half past six.
fn new_form(state: &AppState, ctx: &RequestCtx) -> GovernanceForm {
    let today = ctx
        .zone()
        .local(state.store.now())
        .format("%Y-%m-%d")
        .to_string();
    GovernanceForm {
        date: today.clone(),
        time: "18:30".to_owned(),
        agm_date: today.clone(),
        agm_time: "18:30".to_owned(),
        joined_on: today,
        ..GovernanceForm::default()
    }
}

/// The members still in, as the board meeting's boxes.
fn present_boxes(
    lang: crate::i18n::Lang,
    members: &[havre_store::governance::Member],
    chosen: &[String],
) -> Boxes {
    Boxes {
        name: "present",
        label: t(lang, "governance-present"),
        options: members
            .iter()
            .filter(|m| m.left_on.is_none())
            .map(|m| BoxOption {
                name: "present".into(),
                value: m.id.to_string(),
                label: format!(
                    "{} ({})",
                    m.name,
                    t(lang, &format!("member_kind-{}", m.kind.key()))
                ),
                selected: chosen.contains(&m.id.to_string()),
            })
            .collect(),
    }
}

fn kind_select(lang: crate::i18n::Lang, chosen: &str) -> Select {
    Select {
        name: "kind",
        label: t(lang, "governance-kind"),
        options: MemberKind::ALL
            .into_iter()
            .map(|k| SelectOption {
                value: k.key().into(),
                label: t(lang, &format!("member_kind-{}", k.key())),
                selected: chosen == k.key(),
            })
            .collect(),
    }
}

fn member_rows(
    members: Vec<havre_store::governance::Member>,
    lang: crate::i18n::Lang,
) -> Vec<MemberRow> {
    members
        .into_iter()
        .map(|m| MemberRow {
            id: m.id,
            kind: t(lang, &format!("member_kind-{}", m.kind.key())),
            joined_on: m.joined_on.to_string(),
            left_on: m.left_on.map(|d| d.to_string()).unwrap_or_default(),
            name: m.name,
        })
        .collect()
}

/// The board meetings, with who was there and the hours they gave.
fn board_rows(
    board: Vec<havre_store::governance::BoardMeeting>,
    names: &HashMap<GovernanceMemberId, String>,
    page: &Page,
) -> Vec<BoardRow> {
    let lang = page.lang;
    board
        .into_iter()
        .map(|b| BoardRow {
            when: page.date_time(&b.held_at),
            length: format_minutes(b.length_minutes, lang),
            present: b
                .present
                .iter()
                .filter_map(|id| names.get(id).cloned())
                .collect::<Vec<_>>()
                .join(", "),
            internal: format_minutes(b.hours.internal_minutes, lang),
            activism: format_minutes(b.hours.activism_minutes, lang),
        })
        .collect()
}

fn annual_rows(annual: Vec<havre_store::governance::AnnualMeeting>, page: &Page) -> Vec<AnnualRow> {
    annual
        .into_iter()
        .map(|a| AnnualRow {
            when: page.date_time(&a.held_at),
            members_present: a.members_present,
            non_members_present: a.non_members_present,
            invested: format_minutes(a.invested_minutes, page.lang),
        })
        .collect()
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeGovernance>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "nav-governance");
    governance_page(&state, &auth, &ctx, page, None).await
}

/// The page again with the problems at their fields, or back to the page when saved.
async fn after(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    result: Result<(), StoreError>,
    typed: Option<GovernanceForm>,
    anchor: &str,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/governance#{anchor}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(ctx, "nav-governance").with_errors(errors);
            let mut response = governance_page(state, auth, ctx, page, typed).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn add_member(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordGovernance>,
    Form(form): Form<GovernanceForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let kind = MemberKind::parse(&form.kind);
    if kind.is_none() {
        problems.push(FieldError {
            field: "kind",
            message_key: "value-not-in-list",
        });
    }
    let joined_on = form.joined_on.parse::<NaiveDate>().ok();
    if joined_on.is_none() {
        problems.push(FieldError {
            field: "joined_on",
            message_key: "member-date-invalid",
        });
    }
    let left_on = form.left_on.parse::<NaiveDate>().ok();
    if !form.left_on.trim().is_empty() && left_on.is_none() {
        problems.push(FieldError {
            field: "left_on",
            message_key: "member-date-invalid",
        });
    }
    let result = match (kind, joined_on) {
        (Some(kind), Some(joined_on)) if problems.is_empty() => state
            .store
            .add_member(
                &auth.reader(&ctx),
                NewMember {
                    name: form.name.clone(),
                    kind,
                    joined_on,
                    left_on,
                },
            )
            .await
            .map(|_| ()),
        _ => Err(StoreError::Invalid(problems)),
    };
    after(&state, &auth, &ctx, result, Some(form), "members").await
}

pub async fn record_board_meeting(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordGovernance>,
    Form(form): Form<GovernanceForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let held_at = ctx.zone().parse_local(&form.date, &form.time);
    if held_at.is_none() {
        problems.push(FieldError {
            field: "date",
            message_key: "date-time-required",
        });
    }
    let length = typed_hours(&form.length, "length", false, &mut problems);
    let preparation = typed_hours(&form.preparation, "preparation", true, &mut problems);
    let writing = typed_hours(
        &form.minutes_writing,
        "minutes_writing",
        true,
        &mut problems,
    );
    let present: Vec<GovernanceMemberId> =
        form.present.iter().filter_map(|v| v.parse().ok()).collect();
    let result = match held_at {
        Some(held_at) if problems.is_empty() => state
            .store
            .record_board_meeting(
                &auth.reader(&ctx),
                NewBoardMeeting {
                    held_at,
                    length_minutes: length,
                    preparation_minutes: preparation,
                    minutes_writing_minutes: writing,
                    present,
                },
            )
            .await
            .map(|_| ()),
        _ => Err(StoreError::Invalid(problems)),
    };
    after(&state, &auth, &ctx, result, Some(form), "board-meetings").await
}

pub async fn record_annual_meeting(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordGovernance>,
    Form(form): Form<GovernanceForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let held_at = ctx.zone().parse_local(&form.agm_date, &form.agm_time);
    if held_at.is_none() {
        problems.push(FieldError {
            field: "agm_date",
            message_key: "date-time-required",
        });
    }
    let members_present = whole_number(&form.members_present, "members_present", &mut problems);
    let non_members_present = whole_number(
        &form.non_members_present,
        "non_members_present",
        &mut problems,
    );
    let preparation = typed_hours(
        &form.agm_preparation,
        "agm_preparation",
        true,
        &mut problems,
    );
    let report = typed_hours(&form.report, "report", true, &mut problems);
    let presence = typed_hours(&form.presence, "presence", true, &mut problems);
    let result = match held_at {
        Some(held_at) if problems.is_empty() => state
            .store
            .record_annual_meeting(
                &auth.reader(&ctx),
                NewAnnualMeeting {
                    held_at,
                    members_present,
                    non_members_present,
                    preparation_minutes: preparation,
                    report_minutes: report,
                    presence_minutes: presence,
                },
            )
            .await
            .map(|_| ())
            // The store names the fields without the form's prefix; the board meeting's form
            // on the same page has a date and a preparation of its own.
            .map_err(|e| match e {
                StoreError::Invalid(list) => StoreError::Invalid(
                    list.into_iter()
                        .map(|f| FieldError {
                            field: match f.field {
                                "date" => "agm_date",
                                "preparation" => "agm_preparation",
                                other => other,
                            },
                            message_key: f.message_key,
                        })
                        .collect(),
                ),
                other => other,
            }),
        _ => Err(StoreError::Invalid(problems)),
    };
    after(&state, &auth, &ctx, result, Some(form), "annual-meetings").await
}

/// The day a member left, as typed in her row.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct LeftForm {
    left_on: String,
}

/// Notes the day a member left (an empty date clears it).
pub async fn member_left(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordGovernance>,
    Path(id): Path<GovernanceMemberId>,
    Form(LeftForm { left_on: raw }): Form<LeftForm>,
) -> Result<Response, WebError> {
    let result = if raw.trim().is_empty() {
        state
            .store
            .set_member_left(&auth.reader(&ctx), id, None)
            .await
    } else {
        match raw.parse::<NaiveDate>() {
            Ok(day) => {
                state
                    .store
                    .set_member_left(&auth.reader(&ctx), id, Some(day))
                    .await
            }
            Err(_) => Err(StoreError::invalid("left_on", "member-date-invalid")),
        }
    };
    // The row's own date field shows the problem; the add form keeps its own fields.
    let result = result.map_err(|e| match e {
        StoreError::Invalid(list) => StoreError::Invalid(
            list.into_iter()
                .map(|f| FieldError {
                    field: "member_left_on",
                    message_key: f.message_key,
                })
                .collect(),
        ),
        other => other,
    });
    after(&state, &auth, &ctx, result, None, "members").await
}
