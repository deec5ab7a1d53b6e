//! Closed groups and open drop-ins. The list of groups names nobody; a group's page, with its
//! women, is for its facilitators and the coordinator.

use super::intake::{BoxOption, Boxes, Select, SelectOption};
use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::ctx::Authenticated;
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::{t, t_args};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use havre_domain::groups::{
    DEFAULT_CAPACITY, DEFAULT_MEETING_MINUTES, DEFAULT_PLANNED_MEETINGS, SessionKind,
};
use havre_domain::ids::{GroupId, GroupMemberId, PersonId, UserId};
use havre_domain::intake::ServiceArea;
use havre_domain::text::format_minutes;
use havre_domain::validation::{FieldError, minutes, whole_number};
use havre_domain::zone::Zone;
use havre_store::StoreError;
use havre_store::groups::{GroupFigures, NewDropin, NewGroup, NewSession};
use serde::Deserialize;
use std::collections::HashMap;

/// The seed report's group table, one row per group, as shown.
pub struct FiguresRow {
    pub women_at_start: usize,
    pub women_at_end: usize,
    pub meetings: String,
    pub attendance: usize,
    pub preparation: String,
    pub facilitation: String,
    pub information: String,
    pub check_ins: String,
    pub invested: String,
}

/// A group's period as the seed report names it: "Avril à juin 2023" from its start to its
/// last meeting held, "Avril 2023" within one month, "Depuis avril 2023" before its first.
fn period(
    lang: crate::i18n::Lang,
    zone: Zone,
    starts_on: chrono::DateTime<chrono::Utc>,
    ends_on: Option<chrono::DateTime<chrono::Utc>>,
) -> String {
    use chrono::Datelike;
    let month = |day: chrono::NaiveDate| t(lang, &format!("month-{}", day.month()));
    let start = zone.day_of(starts_on);
    let text = match ends_on.map(|at| zone.day_of(at)) {
        None => t_args(
            lang,
            "group-period-open",
            &[("from", month(start)), ("year", start.year().to_string())],
        ),
        Some(end) if (end.year(), end.month()) == (start.year(), start.month()) => {
            format!("{} {}", month(end), end.year())
        }
        Some(end) => t_args(
            lang,
            "group-period",
            &[
                ("from", month(start)),
                ("to", month(end)),
                ("year", end.year().to_string()),
            ],
        ),
    };
    // It opens the line: its first letter is a capital in French too.
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn figures_row(f: &GroupFigures, planned: i32, lang: crate::i18n::Lang) -> FiguresRow {
    let m = |minutes: i64| format_minutes(minutes, lang);
    FiguresRow {
        women_at_start: f.women_at_start,
        women_at_end: f.women_at_end,
        meetings: format!("{} / {planned}", f.meetings_held),
        attendance: f.attendance_total,
        preparation: m(f.preparation_minutes),
        facilitation: m(f.facilitation_minutes),
        information: t_args(
            lang,
            "group-information-figures",
            &[
                ("n", f.information_headcount.to_string()),
                ("preparation", m(f.information_preparation_minutes)),
                ("hours", m(f.information_minutes)),
            ],
        ),
        check_ins: t_args(
            lang,
            "group-check-in-figures",
            &[
                ("n", f.check_in_women.to_string()),
                ("hours", m(f.check_in_minutes)),
            ],
        ),
        invested: m(f.invested_minutes),
    }
}

pub struct GroupRow {
    pub id: GroupId,
    pub name: String,
    pub area: String,
    pub starts: String,
    /// "Avril à juin 2023".
    pub period: String,
    pub places: String,
    pub facilitators: String,
    pub figures: FiguresRow,
}

/// A new group, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct GroupForm {
    pub name: String,
    pub capacity: String,
    pub planned_meetings: String,
    pub meeting_minutes: String,
    pub starts_on: String,
    pub service_area: String,
    pub facilitators: Vec<String>,
}

#[derive(Template)]
#[template(path = "groups.html")]
struct GroupsPage {
    page: Page,
    groups: Vec<GroupRow>,
    form: GroupForm,
    areas: Select,
    facilitators: Boxes,
}

fn area_select(lang: crate::i18n::Lang, chosen: &str) -> Select {
    Select {
        name: "service_area",
        label: t(lang, "field-service_area"),
        options: ServiceArea::ALL
            .iter()
            .map(|a| SelectOption {
                value: a.key().to_owned(),
                label: t(lang, &format!("service_area-{}", a.key())),
                selected: a.key() == chosen,
            })
            .collect(),
    }
}

/// The ids ticked; what does not read as one is left out.
fn ids<T: std::str::FromStr>(values: &[String]) -> Vec<T> {
    values.iter().filter_map(|v| v.parse().ok()).collect()
}

async fn groups_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    form: GroupForm,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let names = super::team_names(state, auth.organization.id).await?;
    let groups = state
        .store
        .groups(auth.organization.id)
        .await?
        .into_iter()
        .map(|g| GroupRow {
            id: g.id,
            area: t(lang, &format!("service_area-{}", g.service_area)),
            starts: g
                .starts_on
                .with_timezone(&ctx.zone().tz())
                .format("%Y-%m-%d")
                .to_string(),
            period: period(lang, ctx.zone(), g.starts_on, g.ends_on),
            places: format!("{} / {}", g.enrolled, g.capacity),
            facilitators: g
                .facilitators
                .iter()
                .filter_map(|id| names.get(id).cloned())
                .collect::<Vec<_>>()
                .join(", "),
            figures: figures_row(&g.figures, g.planned_meetings, lang),
            name: g.name,
        })
        .collect();
    let chosen: Vec<UserId> = ids(&form.facilitators);
    let facilitators = super::team_boxes(
        "facilitators",
        t(lang, "field-facilitators"),
        &state.store.users(auth.organization.id).await?,
        Some(&chosen[..]).filter(|chosen| !chosen.is_empty()),
        auth.user.id,
    );
    Ok(render(&GroupsPage {
        areas: area_select(lang, &form.service_area),
        page,
        groups,
        form,
        facilitators,
    }))
}

pub async fn list(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "groups-title");
    let form = GroupForm {
        capacity: DEFAULT_CAPACITY.to_string(),
        planned_meetings: DEFAULT_PLANNED_MEETINGS.to_string(),
        meeting_minutes: DEFAULT_MEETING_MINUTES.to_string(),
        starts_on: state
            .store
            .now()
            .with_timezone(&ctx.zone().tz())
            .format("%Y-%m-%d")
            .to_string(),
        ..GroupForm::default()
    };
    groups_page(&state, &auth, &ctx, page, form).await
}

pub async fn create(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Form(form): Form<GroupForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let capacity = whole_number(&form.capacity, "capacity", &mut problems);
    let planned = whole_number(&form.planned_meetings, "planned_meetings", &mut problems);
    let minutes = whole_number(&form.meeting_minutes, "meeting_minutes", &mut problems);
    let starts_on = ctx.zone().parse_local(&form.starts_on, "00:00");
    if starts_on.is_none() {
        problems.push(FieldError {
            field: "starts_on",
            message_key: "date-time-required",
        });
    }
    let area = ServiceArea::parse(&form.service_area);
    if area.is_none() {
        problems.push(FieldError {
            field: "service_area",
            message_key: "value-not-in-list",
        });
    }
    let result = match (starts_on, area) {
        (Some(starts_on), Some(service_area)) if problems.is_empty() => state
            .store
            .create_group(
                &auth.reader(&ctx),
                NewGroup {
                    name: form.name.clone(),
                    service_area,
                    capacity,
                    planned_meetings: planned,
                    meeting_minutes: minutes,
                    starts_on,
                    facilitators: ids(&form.facilitators),
                },
            )
            .await
            .map(|_| ()),
        _ => Err(StoreError::Invalid(problems)),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/groups").into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "groups-title").with_errors(errors);
            let mut response = groups_page(&state, &auth, &ctx, page, form).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

pub struct MemberRow {
    pub id: GroupMemberId,
    pub name: String,
    pub enrolled: String,
    pub left: String,
    pub attended: usize,
    pub active: bool,
}

pub struct SessionRow {
    pub when: String,
    pub kind: String,
    pub duration: String,
    pub preparation: String,
    pub staff: String,
    pub who: String,
}

/// A session of a group, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct SessionForm {
    pub date: String,
    pub time: String,
    pub duration: String,
    pub preparation: String,
    pub headcount: String,
    pub kind: String,
    pub staff: Vec<String>,
    pub present: Vec<String>,
    /// The woman met at a check-in.
    pub person_id: String,
}

#[derive(Template)]
#[template(path = "group.html")]
struct GroupPage {
    page: Page,
    id: GroupId,
    name: String,
    area: String,
    /// "Avril à juin 2023".
    period: String,
    places: String,
    facilitators: String,
    figures: FiguresRow,
    members: Vec<MemberRow>,
    sessions: Vec<SessionRow>,
    waiting: Select,
    kinds: Select,
    staff: Boxes,
    present: Boxes,
    check_in: Select,
    form: SessionForm,
}

async fn group_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: GroupId,
    page: Page,
    form: Option<SessionForm>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let detail = state.store.group_detail(&auth.reader(ctx), id).await?;
    let names = super::team_names(state, auth.organization.id).await?;
    let g = &detail.summary;
    let waiting = waiting_select(state, auth, ctx, &page).await?;
    // Nothing sent: the group's facilitators and all its women are ticked.
    let sent = form.as_ref();
    let sent_staff = sent.map_or_else(|| g.facilitators.clone(), |f| ids(&f.staff));
    let staff = super::team_boxes(
        "staff",
        t(lang, "field-facilitators"),
        &state.store.users(auth.organization.id).await?,
        Some(&sent_staff[..]).filter(|chosen| !chosen.is_empty()),
        auth.user.id,
    );
    Ok(render(&GroupPage {
        id,
        name: g.name.clone(),
        area: t(lang, &format!("service_area-{}", g.service_area)),
        period: period(lang, ctx.zone(), g.starts_on, g.ends_on),
        places: format!("{} / {}", g.enrolled, g.capacity),
        facilitators: staff_names(&names, &g.facilitators),
        figures: figures_row(&g.figures, g.planned_meetings, lang),
        members: member_rows(&detail, ctx.zone()),
        sessions: session_rows(&detail, &page, &names),
        waiting,
        kinds: session_kind_select(lang, sent.map_or("", |f| f.kind.as_str())),
        staff,
        present: present_boxes(lang, &detail, sent.map(|f| ids(&f.present))),
        check_in: check_in_select(lang, &detail, sent.map_or("", |f| f.person_id.as_str())),
        form: form.unwrap_or_else(|| new_session_form(state, ctx, g)),
        page,
    }))
}

/// The names of the team given, as "Anne, Line".
fn staff_names(names: &HashMap<UserId, String>, staff: &[UserId]) -> String {
    staff
        .iter()
        .filter_map(|id| names.get(id).cloned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The group's sessions, newest first.
fn session_rows(
    detail: &havre_store::groups::GroupDetail,
    page: &Page,
    names: &HashMap<UserId, String>,
) -> Vec<SessionRow> {
    let lang = page.lang;
    let member_names: HashMap<PersonId, String> = detail
        .members
        .iter()
        .map(|m| (m.person_id, m.name.clone()))
        .collect();
    detail
        .sessions
        .iter()
        .rev()
        .map(|s| SessionRow {
            when: page.date_time(&s.held_at),
            kind: t(lang, &format!("session-{}", s.kind.key())),
            duration: format_minutes(s.duration_minutes as i64, lang),
            preparation: format_minutes(s.preparation_minutes as i64, lang),
            staff: staff_names(names, &s.staff),
            who: match s.kind {
                SessionKind::Information => t_args(
                    lang,
                    "n-women",
                    &[("n", s.headcount.unwrap_or(0).to_string())],
                ),
                SessionKind::Meeting => {
                    t_args(lang, "n-women", &[("n", s.present.len().to_string())])
                }
                SessionKind::CheckIn => s
                    .person_id
                    .and_then(|p| member_names.get(&p).cloned())
                    .unwrap_or_default(),
            },
        })
        .collect()
}

/// The group's women, with the days they came in and left.
fn member_rows(detail: &havre_store::groups::GroupDetail, zone: Zone) -> Vec<MemberRow> {
    let day = |at: &chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&zone.tz()).format("%Y-%m-%d").to_string()
    };
    detail
        .members
        .iter()
        .map(|m| MemberRow {
            id: m.id,
            name: m.name.clone(),
            enrolled: day(&m.enrolled_at),
            left: m.left_at.as_ref().map(day).unwrap_or_default(),
            attended: m.attended,
            active: m.left_at.is_none(),
        })
        .collect()
}

/// Women waiting for help, to enrol from the wait list.
async fn waiting_select(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: &Page,
) -> Result<Select, WebError> {
    let lang = page.lang;
    let wait = state
        .store
        .wait_list_window(&auth.reader(ctx), None, 0, 500)
        .await?;
    let mut waiting = vec![SelectOption {
        value: String::new(),
        label: t(lang, "choose"),
        selected: true,
    }];
    waiting.extend(wait.requests.into_iter().map(|r| SelectOption {
        value: r.id.to_string(),
        label: format!(
            "{} · {} · {}",
            r.name,
            t_args(lang, "code-n", &[("code", r.code.to_string())]),
            page.date_time(&r.received_at)
        ),
        selected: false,
    }));
    Ok(Select {
        name: "help_request_id",
        label: t(lang, "field-enrol_request"),
        options: waiting,
    })
}

fn session_kind_select(lang: crate::i18n::Lang, chosen: &str) -> Select {
    Select {
        name: "kind",
        label: t(lang, "field-session_kind"),
        options: [
            SessionKind::Meeting,
            SessionKind::Information,
            SessionKind::CheckIn,
        ]
        .iter()
        .map(|k| SelectOption {
            value: k.key().to_owned(),
            label: t(lang, &format!("session-{}", k.key())),
            selected: k.key() == chosen,
        })
        .collect(),
    }
}

/// The women still in the group, as boxes: those sent ticked, or all of them when nothing was.
fn present_boxes(
    lang: crate::i18n::Lang,
    detail: &havre_store::groups::GroupDetail,
    sent: Option<Vec<PersonId>>,
) -> Boxes {
    Boxes {
        name: "present",
        label: t(lang, "field-present"),
        options: detail
            .members
            .iter()
            .filter(|m| m.left_at.is_none())
            .map(|m| BoxOption {
                name: "present".to_owned(),
                value: m.person_id.to_string(),
                label: m.name.clone(),
                selected: sent.as_ref().is_none_or(|ids| ids.contains(&m.person_id)),
            })
            .collect(),
    }
}

/// The woman a check-in is with.
fn check_in_select(
    lang: crate::i18n::Lang,
    detail: &havre_store::groups::GroupDetail,
    chosen: &str,
) -> Select {
    let mut check_in = vec![SelectOption {
        value: String::new(),
        label: t(lang, "not-applicable"),
        selected: chosen.is_empty(),
    }];
    check_in.extend(detail.members.iter().map(|m| SelectOption {
        value: m.person_id.to_string(),
        label: m.name.clone(),
        selected: m.person_id.to_string() == chosen,
    }));
    Select {
        name: "person_id",
        label: t(lang, "field-check_in_person"),
        options: check_in,
    }
}

/// The session form as it opens: now, for the group's usual length.
fn new_session_form(
    state: &AppState,
    ctx: &RequestCtx,
    g: &havre_store::groups::GroupSummary,
) -> SessionForm {
    let now = ctx.zone().local(state.store.now());
    SessionForm {
        date: now.format("%Y-%m-%d").to_string(),
        time: now.format("%H:%M").to_string(),
        duration: g.meeting_minutes.to_string(),
        ..SessionForm::default()
    }
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<GroupId>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "group-title");
    group_page(&state, &auth, &ctx, id, page, None).await
}

/// Answers a form of the group page: back to the group, or the group with the messages.
async fn after_form(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: GroupId,
    result: Result<(), StoreError>,
    form: Option<SessionForm>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/groups/{id}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(ctx, "group-title").with_errors(errors);
            let mut response = group_page(state, auth, ctx, id, page, form).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// The request, from the wait list, of a woman enrolled.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct EnrolForm {
    help_request_id: String,
}

pub async fn enrol(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<GroupId>,
    Form(form): Form<EnrolForm>,
) -> Result<Response, WebError> {
    let reader = auth.reader(&ctx);
    let result = match form.help_request_id.parse() {
        Ok(request) => state
            .store
            .enrol(&reader, id, request, None)
            .await
            .map(|_| ()),
        Err(_) => {
            state.store.group_detail(&reader, id).await?;
            Err(StoreError::invalid("help_request_id", "value-required"))
        }
    };
    after_form(&state, &auth, &ctx, id, result, None).await
}

pub async fn withdraw(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path((id, member_id)): Path<(GroupId, GroupMemberId)>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .withdraw(&auth.reader(&ctx), id, member_id)
        .await;
    after_form(&state, &auth, &ctx, id, result, None).await
}

/// A session from the group page's form.
pub(crate) fn session_from_form(
    form: &SessionForm,
    zone: Zone,
) -> Result<NewSession, Vec<FieldError>> {
    let mut problems = Vec::new();
    let kind = SessionKind::parse(&form.kind);
    if kind.is_none() {
        problems.push(FieldError {
            field: "kind",
            message_key: "value-not-in-list",
        });
    }
    let held_at = zone.parse_local(&form.date, &form.time);
    if held_at.is_none() {
        problems.push(FieldError {
            field: "date",
            message_key: "date-time-required",
        });
    }
    let duration = minutes(&form.duration, "duration", false, &mut problems);
    let preparation = minutes(&form.preparation, "preparation", true, &mut problems);
    let headcount = match (kind, form.headcount.trim()) {
        (Some(SessionKind::Information), raw) => match raw.parse::<i32>() {
            Ok(n) => Some(n),
            Err(_) => {
                problems.push(FieldError {
                    field: "headcount",
                    message_key: "count-out-of-range",
                });
                None
            }
        },
        _ => None,
    };
    match (kind, held_at) {
        (Some(kind), Some(held_at)) if problems.is_empty() => Ok(NewSession {
            kind,
            held_at,
            duration_minutes: duration,
            preparation_minutes: preparation,
            staff: ids(&form.staff),
            present: ids(&form.present),
            headcount,
            person_id: form.person_id.parse().ok(),
        }),
        _ => Err(problems),
    }
}

pub async fn record_session(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<GroupId>,
    Form(form): Form<SessionForm>,
) -> Result<Response, WebError> {
    let reader = auth.reader(&ctx);
    let result = match session_from_form(&form, ctx.zone()) {
        Ok(new) => state
            .store
            .record_group_session(&reader, id, new)
            .await
            .map(|_| ()),
        Err(problems) => {
            state.store.group_detail(&reader, id).await?;
            Err(StoreError::Invalid(problems))
        }
    };
    after_form(&state, &auth, &ctx, id, result, Some(form)).await
}

pub struct DropinRow {
    pub when: String,
    pub area: String,
    pub theme: String,
    pub attendance: i32,
    pub duration: String,
    pub preparation: String,
    pub staff: String,
}

#[derive(Template)]
#[template(path = "dropins.html")]
struct DropinsPage {
    page: Page,
    dropins: Vec<DropinRow>,
    areas: Select,
    staff: Boxes,
    form: DropinForm,
    total: String,
}

/// A drop-in, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct DropinForm {
    pub date: String,
    pub time: String,
    pub duration: String,
    pub preparation: String,
    pub attendance: String,
    pub theme: String,
    pub service_area: String,
    pub staff: Vec<String>,
}

async fn dropins_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    form: DropinForm,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let names = super::team_names(state, auth.organization.id).await?;
    let list = state.store.dropins(auth.organization.id).await?;
    let total = t_args(
        lang,
        "dropins-total",
        &[
            ("n", list.len().to_string()),
            (
                "people",
                list.iter()
                    .map(|d| d.attendance as i64)
                    .sum::<i64>()
                    .to_string(),
            ),
        ],
    );
    let dropins = list
        .into_iter()
        .map(|d| DropinRow {
            when: page.date_time(&d.held_at),
            area: t(lang, &format!("service_area-{}", d.service_area)),
            attendance: d.attendance,
            duration: format_minutes(d.duration_minutes as i64, lang),
            preparation: format_minutes(d.preparation_minutes as i64, lang),
            staff: d
                .staff
                .iter()
                .filter_map(|id| names.get(id).cloned())
                .collect::<Vec<_>>()
                .join(", "),
            theme: d.theme,
        })
        .collect();
    let chosen: Vec<UserId> = ids(&form.staff);
    let staff = super::team_boxes(
        "staff",
        t(lang, "field-facilitators"),
        &state.store.users(auth.organization.id).await?,
        Some(&chosen[..]).filter(|chosen| !chosen.is_empty()),
        auth.user.id,
    );
    Ok(render(&DropinsPage {
        areas: area_select(lang, &form.service_area),
        page,
        dropins,
        staff,
        form,
        total,
    }))
}

pub async fn dropins(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
) -> Result<Response, WebError> {
    let now = ctx.zone().local(state.store.now());
    let form = DropinForm {
        date: now.format("%Y-%m-%d").to_string(),
        time: now.format("%H:%M").to_string(),
        duration: "120".into(),
        ..DropinForm::default()
    };
    let page = Page::new(&ctx, "dropins-title");
    dropins_page(&state, &auth, &ctx, page, form).await
}

pub async fn record_dropin(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Form(form): Form<DropinForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let held_at = ctx.zone().parse_local(&form.date, &form.time);
    if held_at.is_none() {
        problems.push(FieldError {
            field: "date",
            message_key: "date-time-required",
        });
    }
    let area = ServiceArea::parse(&form.service_area);
    if area.is_none() {
        problems.push(FieldError {
            field: "service_area",
            message_key: "value-not-in-list",
        });
    }
    let duration = minutes(&form.duration, "duration", false, &mut problems);
    let preparation = minutes(&form.preparation, "preparation", true, &mut problems);
    let attendance = whole_number(&form.attendance, "attendance", &mut problems);
    let result = match (held_at, area) {
        (Some(held_at), Some(service_area)) if problems.is_empty() => state
            .store
            .record_dropin(
                &auth.reader(&ctx),
                NewDropin {
                    service_area,
                    theme: form.theme.clone(),
                    held_at,
                    duration_minutes: duration,
                    preparation_minutes: preparation,
                    attendance,
                    staff: ids(&form.staff),
                },
            )
            .await
            .map(|_| ()),
        _ => Err(StoreError::Invalid(problems)),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/dropins").into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "dropins-title").with_errors(errors);
            let mut response = dropins_page(&state, &auth, &ctx, page, form).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}
