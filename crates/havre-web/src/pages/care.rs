//! The day's agenda of a care unit (docs/care.md): every appointment of the day per
//! professional or per room, the reception's counts, the walk-in form, and a button per move
//! the reception may make. The store decides who sees which appointment; the page shows what
//! it answers. Its JSON twin is `api::care`.

use super::intake::{Select, SelectOption};
use crate::AppState;
use crate::api::body::{Form, Params};
use crate::auth::{Require, perm};
use crate::ctx::{Authenticated, RequestCtx};
use crate::error::WebError;
use crate::i18n::{Lang, t};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use havre_domain::care::AppointmentStatus;
use havre_domain::ids::{AppointmentId, ListValueId, UserId};
use havre_domain::lists::ListKind;
use havre_domain::policy::may_be_given_files;
use havre_domain::text::in_lang;
use havre_store::StoreError;
use havre_store::accounts::User;
use havre_store::care::{Agenda, AgendaLine, WalkIn, WalkInPerson};
use havre_store::lists::ListValue;
use serde::Deserialize;
use std::collections::HashMap;

/// How the day is laid out: a column per professional, or per room.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Professional,
    Room,
}

impl Layout {
    fn parse(key: &str) -> Self {
        if key == "room" {
            Layout::Room
        } else {
            Layout::Professional
        }
    }
    fn key(self) -> &'static str {
        match self {
            Layout::Professional => "professional",
            Layout::Room => "room",
        }
    }
}

/// A move the reception may make, as a button.
pub struct MoveButton {
    pub to: &'static str,
    pub label: String,
    /// A step back is shown as a secondary button.
    pub back: bool,
}

pub struct AgendaRow {
    pub id: AppointmentId,
    pub time: String,
    pub minutes: i32,
    pub woman: String,
    pub person_id: String,
    /// The room, in the professional layout; the professional, in the room layout.
    pub other: String,
    pub status_key: &'static str,
    pub status: String,
    pub walk_in: bool,
    pub moves: Vec<MoveButton>,
}

pub struct AgendaGroup {
    pub title: String,
    pub rows: Vec<AgendaRow>,
}

/// The day's counts as the board shows them: a label and a figure each.
pub struct CountCell {
    pub key: &'static str,
    pub label: String,
    pub value: u32,
}

#[derive(Template)]
#[template(path = "agenda.html")]
struct AgendaPage {
    page: Page,
    day: String,
    day_label: String,
    previous: String,
    next: String,
    today: String,
    layout: &'static str,
    counts: Vec<CountCell>,
    groups: Vec<AgendaGroup>,
    professionals: Select,
    rooms: Select,
    form: WalkInForm,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AgendaQuery {
    day: String,
    by: String,
}

/// The walk-in form, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct WalkInForm {
    pub name: String,
    pub professional_id: String,
    pub room_id: String,
    pub minutes: String,
    day: String,
    by: String,
}

/// A move, and the day and layout to come back to.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    to: String,
    day: String,
    by: String,
}

fn today(state: &AppState, ctx: &RequestCtx) -> NaiveDate {
    ctx.zone().day_of(state.store.now())
}

fn agenda_href(day: NaiveDate, layout: Layout) -> String {
    format!("/agenda?day={day}&by={}", layout.key())
}

/// The label of a list's value in the reader's language.
fn label(values: &[ListValue], id: ListValueId, lang: Lang) -> String {
    values
        .iter()
        .find(|v| v.id == id)
        .map(|v| in_lang(lang, &v.label_fr, &v.label_en).to_owned())
        .unwrap_or_default()
}

/// A member of the team as the agenda names her: her name and her profession.
pub fn professional_name(
    users: &HashMap<UserId, &User>,
    professions: &[ListValue],
    id: UserId,
    lang: Lang,
) -> String {
    match users.get(&id) {
        Some(u) => match u.profession_id {
            Some(p) => format!("{} ({})", u.name, label(professions, p, lang)),
            None => u.name.clone(),
        },
        None => String::new(),
    }
}

/// The members of the team who see women, to choose one for an appointment.
pub fn professional_select(
    lang: Lang,
    team: &[User],
    professions: &[ListValue],
    chosen: &str,
) -> Select {
    let users: HashMap<UserId, &User> = team.iter().map(|u| (u.id, u)).collect();
    let mut options = vec![SelectOption {
        value: String::new(),
        label: t(lang, "choose"),
        selected: chosen.is_empty(),
    }];
    options.extend(
        team.iter()
            .filter(|u| u.active && may_be_given_files(&u.roles))
            .map(|u| SelectOption {
                value: u.id.to_string(),
                label: professional_name(&users, professions, u.id, lang),
                selected: chosen == u.id.to_string(),
            }),
    );
    Select {
        name: "professional_id",
        label: t(lang, "field-professional_id"),
        options,
    }
}

/// The organization's rooms, none chosen first.
pub fn room_select(lang: Lang, rooms: &[ListValue], chosen: &str) -> Select {
    let mut options = vec![SelectOption {
        value: String::new(),
        label: t(lang, "room-none"),
        selected: chosen.is_empty(),
    }];
    options.extend(rooms.iter().filter(|r| !r.retired).map(|r| SelectOption {
        value: r.id.to_string(),
        label: in_lang(lang, &r.label_fr, &r.label_en).to_owned(),
        selected: chosen == r.id.to_string(),
    }));
    Select {
        name: "room_id",
        label: t(lang, "field-room_id"),
        options,
    }
}

/// The moves the reception may make from a status, forward first.
fn moves(status: AppointmentStatus, lang: Lang) -> Vec<MoveButton> {
    use AppointmentStatus::*;
    let forward: &[AppointmentStatus] = match status {
        Expected => &[Arrived, Missed, Cancelled],
        Arrived => &[Seen, Gone],
        Seen => &[Gone],
        Gone | Missed | Cancelled => &[],
    };
    let back = match status {
        Arrived | Missed | Cancelled => Some(Expected),
        Seen => Some(Arrived),
        Gone => Some(Seen),
        Expected => None,
    };
    forward
        .iter()
        .map(|&to| MoveButton {
            to: to.key(),
            label: t(lang, &format!("appointment-move-{}", to.key())),
            back: false,
        })
        .chain(back.map(|to| MoveButton {
            to: to.key(),
            label: t(lang, "appointment-move-back"),
            back: true,
        }))
        .collect()
}

async fn agenda_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    day: NaiveDate,
    layout: Layout,
    page: Page,
    form: WalkInForm,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let org = auth.organization.id;
    let agenda: Agenda = state
        .store
        .agenda(&auth.reader(ctx), ctx.zone(), day)
        .await?;
    let team = state.store.users(org).await?;
    let users: HashMap<UserId, &User> = team.iter().map(|u| (u.id, u)).collect();
    let professions = state
        .store
        .list_values(org, ListKind::Profession, true)
        .await?;
    let rooms = state.store.list_values(org, ListKind::Room, true).await?;
    let zone = ctx.zone();
    let row = |l: &AgendaLine| {
        let a = &l.appointment;
        let other = match layout {
            Layout::Professional => a
                .room_id
                .map(|r| label(&rooms, r, lang))
                .unwrap_or_default(),
            Layout::Room => professional_name(&users, &professions, a.professional_id, lang),
        };
        AgendaRow {
            id: a.id,
            time: zone.local(a.starts_at).format("%H h %M").to_string(),
            minutes: a.minutes,
            woman: l.person_name.clone(),
            person_id: a.person_id.to_string(),
            other,
            status_key: a.status.key(),
            status: t(lang, &format!("appointment_status-{}", a.status.key())),
            walk_in: a.walk_in,
            moves: moves(a.status, lang),
        }
    };
    // Groups in the order of their first appointment of the day.
    let mut groups: Vec<(String, AgendaGroup)> = Vec::new();
    for l in &agenda.lines {
        let (key, title) = match layout {
            Layout::Professional => (
                l.appointment.professional_id.to_string(),
                professional_name(&users, &professions, l.appointment.professional_id, lang),
            ),
            Layout::Room => match l.appointment.room_id {
                Some(r) => (r.to_string(), label(&rooms, r, lang)),
                None => (String::new(), t(lang, "room-none")),
            },
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => g.rows.push(row(l)),
            None => groups.push((
                key,
                AgendaGroup {
                    title,
                    rows: vec![row(l)],
                },
            )),
        }
    }
    let c = agenda.counts;
    let counts = [
        ("expected", c.expected),
        ("arrived", c.arrived),
        ("seen", c.seen),
        ("gone", c.gone),
        ("walk_ins", c.walk_ins),
        ("missed", c.missed),
    ]
    .into_iter()
    .map(|(key, value)| CountCell {
        key,
        label: t(lang, &format!("agenda-count-{key}")),
        value,
    })
    .collect();
    let today = today(state, ctx);
    Ok(render(&AgendaPage {
        day: day.to_string(),
        day_label: super::long_date(day, lang),
        previous: agenda_href(day.pred_opt().unwrap_or(day), layout),
        next: agenda_href(day.succ_opt().unwrap_or(day), layout),
        today: agenda_href(today, layout),
        layout: layout.key(),
        counts,
        groups: groups.into_iter().map(|(_, g)| g).collect(),
        professionals: professional_select(lang, &team, &professions, &form.professional_id),
        rooms: room_select(lang, &rooms, &form.room_id),
        form,
        page,
    }))
}

/// The day's agenda: `?day=2027-03-15&by=room`; today, per professional, when absent.
pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Params(query): Params<AgendaQuery>,
) -> Result<Response, WebError> {
    let day = query.day.parse().unwrap_or_else(|_| today(&state, &ctx));
    let page = Page::new(&ctx, "agenda-title");
    agenda_page(
        &state,
        &auth,
        &ctx,
        day,
        Layout::parse(&query.by),
        page,
        WalkInForm {
            minutes: "30".into(),
            ..WalkInForm::default()
        },
    )
    .await
}

/// A walk-in, added in one step: arrived now, with the professional who will see her.
pub async fn walk_in(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Form(form): Form<WalkInForm>,
) -> Result<Response, WebError> {
    let layout = Layout::parse(&form.by);
    let day = form.day.parse().unwrap_or_else(|_| today(&state, &ctx));
    let professional_id = form.professional_id.parse().ok();
    let room_id = match form.room_id.as_str() {
        "" => Ok(None),
        id => id.parse().map(Some),
    };
    let minutes = form.minutes.trim().parse::<i32>();
    let mut problems = Vec::new();
    if professional_id.is_none() {
        problems.push(havre_store::FieldError::new(
            "professional_id",
            "value-required",
        ));
    }
    if room_id.is_err() {
        problems.push(havre_store::FieldError::new("room_id", "value-not-in-list"));
    }
    if minutes.is_err() {
        problems.push(havre_store::FieldError::new(
            "minutes",
            "appointment-minutes-invalid",
        ));
    }
    let result = match (professional_id, room_id, minutes) {
        (Some(professional_id), Ok(room_id), Ok(minutes)) if problems.is_empty() => state
            .store
            .walk_in(
                &auth.reader(&ctx),
                WalkIn {
                    person: WalkInPerson::New {
                        name: form.name.clone(),
                    },
                    professional_id,
                    room_id,
                    minutes,
                },
            )
            .await
            .map(|_| ()),
        _ => Err(StoreError::Invalid(problems)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&agenda_href(day, layout)).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "agenda-title").with_errors(errors);
            let mut response = agenda_page(&state, &auth, &ctx, day, layout, page, form).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// A move of an appointment along the day; back to the agenda where it was.
pub async fn move_to(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<AppointmentId>,
    Form(form): Form<MoveForm>,
) -> Result<Response, WebError> {
    let layout = Layout::parse(&form.by);
    let day = form.day.parse().unwrap_or_else(|_| today(&state, &ctx));
    let to = AppointmentStatus::parse(&form.to).ok_or_else(|| {
        WebError::Invalid(vec![havre_store::FieldError::new(
            "status",
            "value-not-in-list",
        )])
    })?;
    match state
        .store
        .move_appointment(&auth.reader(&ctx), id, to)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("{}#a-{id}", agenda_href(day, layout))).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "agenda-title").with_errors(errors);
            let mut response = agenda_page(
                &state,
                &auth,
                &ctx,
                day,
                layout,
                page,
                WalkInForm::default(),
            )
            .await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}
