//! The day's agenda of a care unit (docs/care.md): every appointment of the day per
//! professional or per room, the reception's counts, the walk-in form, and a button per move
//! the reception may make. The store decides who sees which appointment; the page shows what
//! it answers. Its JSON twin is `api::care`.

use super::intake::{Select, SelectOption};
use crate::AppState;
use crate::api::body::{Form, Params, optional};
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
use havre_domain::ids::{AppointmentId, UserId};
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

/// A member of the team as the agenda names her: her name and her profession.
pub fn professional_name(
    users: &HashMap<UserId, &User>,
    professions: &[ListValue],
    id: UserId,
    lang: Lang,
) -> String {
    match users.get(&id) {
        Some(u) => match u.profession_id {
            Some(p) => format!("{} ({})", u.name, super::value_label(professions, p, lang)),
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
                .map(|r| super::value_label(&rooms, r, lang))
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
                Some(r) => (r.to_string(), super::value_label(&rooms, r, lang)),
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
        day_label: crate::i18n::long_date(day, lang),
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
    let room_id = optional(&form.room_id);
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

// ----- Pathways, agreements and interns hosted -----

/// A pathway as its page lists it.
pub struct PathwayBlock {
    pub id: String,
    pub name: String,
    pub agreement: String,
    pub steps: Vec<StepRow>,
}

pub struct StepRow {
    pub name: String,
    pub profession: String,
    pub complaint: bool,
}

pub struct AgreementRow {
    pub partner: String,
    pub kind: String,
    pub signed_on: String,
    pub ends_on: String,
    pub figures: String,
}

pub struct HostingRow {
    pub kind: String,
    pub school: String,
    pub profession: String,
    pub days: String,
}

/// A checkbox of a list of choices.
pub struct Tick {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "care.html")]
struct CarePage {
    page: Page,
    manages: bool,
    pathways: Vec<PathwayBlock>,
    agreements: Vec<AgreementRow>,
    hostings: Vec<HostingRow>,
    agreement_kinds: Select,
    agreement_choice: Select,
    figure_ticks: Vec<Tick>,
    step_professions: Select,
    hosting_kinds: Select,
    hosting_professions: Select,
    form: CareForm,
}

/// Every form of the pathways page, as typed: one struct, so that a form sent back with its
/// problems shows what was typed in it.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CareForm {
    pub partner: String,
    pub kind: String,
    pub signed_on: String,
    pub ends_on: String,
    pub figures: Vec<String>,
    pub name: String,
    pub agreement_id: String,
    pub profession_id: String,
    #[serde(deserialize_with = "crate::api::body::ticked")]
    pub complaint: bool,
    pub school: String,
    pub hosting_starts_on: String,
    pub hosting_ends_on: String,
    pub hosting_kind: String,
    pub hosting_profession_id: String,
}

fn keyed_select<K: Copy>(
    name: &'static str,
    label: String,
    lang: Lang,
    all: &[K],
    key: impl Fn(K) -> &'static str,
    prefix: &str,
    chosen: &str,
) -> Select {
    let mut options = vec![SelectOption {
        value: String::new(),
        label: t(lang, "choose"),
        selected: chosen.is_empty(),
    }];
    options.extend(all.iter().map(|k| SelectOption {
        value: key(*k).to_owned(),
        label: t(lang, &format!("{prefix}-{}", key(*k))),
        selected: chosen == key(*k),
    }));
    Select {
        name,
        label,
        options,
    }
}

fn value_select(
    name: &'static str,
    label: String,
    lang: Lang,
    values: &[ListValue],
    none: String,
    chosen: &str,
) -> Select {
    let mut options = vec![SelectOption {
        value: String::new(),
        label: none,
        selected: chosen.is_empty(),
    }];
    options.extend(values.iter().filter(|v| !v.retired).map(|v| SelectOption {
        value: v.id.to_string(),
        label: in_lang(lang, &v.label_fr, &v.label_en).to_owned(),
        selected: chosen == v.id.to_string(),
    }));
    Select {
        name,
        label,
        options,
    }
}

async fn care_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    form: CareForm,
) -> Result<Response, WebError> {
    use havre_domain::care::HostingKind;
    use havre_domain::pathways::{AgreementFigure, AgreementKind};
    use havre_domain::policy::{Action, Record, RecordKind};
    let lang = ctx.lang;
    let reader = auth.reader(ctx);
    let org = auth.organization.id;
    let professions = state
        .store
        .list_values(org, ListKind::Profession, true)
        .await?;
    let agreements = state.store.agreements(&reader).await.unwrap_or_default();
    let pathways = state
        .store
        .pathways(&reader)
        .await?
        .into_iter()
        .map(|p| PathwayBlock {
            id: p.id.to_string(),
            name: p.name,
            agreement: p
                .agreement_id
                .and_then(|a| agreements.iter().find(|x| x.id == a))
                .map(|a| a.partner.clone())
                .unwrap_or_default(),
            steps: p
                .steps
                .into_iter()
                .map(|s| StepRow {
                    name: s.name,
                    profession: s
                        .profession_id
                        .map(|id| super::value_label(&professions, id, lang))
                        .unwrap_or_default(),
                    complaint: s.complaint,
                })
                .collect(),
        })
        .collect();
    let today = today(state, ctx);
    let year = havre_report::activity::Period::reporting_year(today, ctx.year_start());
    let hostings = state
        .store
        .hostings(&reader, year.first, year.last)
        .await?
        .into_iter()
        .map(|h| HostingRow {
            kind: t(lang, &format!("hosting_kind-{}", h.kind.key())),
            school: h.school,
            profession: h
                .profession_id
                .map(|id| super::value_label(&professions, id, lang))
                .unwrap_or_default(),
            days: format!("{} – {}", h.starts_on, h.ends_on),
        })
        .collect();
    let agreement_rows = agreements
        .iter()
        .map(|a| AgreementRow {
            partner: a.partner.clone(),
            kind: t(lang, &format!("agreement_kind-{}", a.kind.key())),
            signed_on: a.signed_on.to_string(),
            ends_on: a.ends_on.map(|d| d.to_string()).unwrap_or_default(),
            figures: a
                .figures
                .iter()
                .map(|f| t(lang, &format!("agreement_figure-{}", f.key())))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let mut agreement_options = vec![SelectOption {
        value: String::new(),
        label: t(lang, "pathway-no-agreement"),
        selected: form.agreement_id.is_empty(),
    }];
    agreement_options.extend(agreements.iter().map(|a| SelectOption {
        value: a.id.to_string(),
        label: a.partner.clone(),
        selected: form.agreement_id == a.id.to_string(),
    }));
    Ok(render(&CarePage {
        manages: auth.may(Action::Create, &Record::new(RecordKind::Pathway)),
        pathways,
        agreements: agreement_rows,
        hostings,
        agreement_kinds: keyed_select(
            "kind",
            t(lang, "field-agreement_kind"),
            lang,
            AgreementKind::ALL,
            AgreementKind::key,
            "agreement_kind",
            &form.kind,
        ),
        agreement_choice: Select {
            name: "agreement_id",
            label: t(lang, "field-agreement_id"),
            options: agreement_options,
        },
        figure_ticks: AgreementFigure::ALL
            .iter()
            .map(|f| Tick {
                value: f.key(),
                label: t(lang, &format!("agreement_figure-{}", f.key())),
                checked: form.figures.iter().any(|x| x == f.key()),
            })
            .collect(),
        step_professions: value_select(
            "profession_id",
            t(lang, "field-step_profession"),
            lang,
            &professions,
            t(lang, "profession-none"),
            &form.profession_id,
        ),
        hosting_kinds: keyed_select(
            "hosting_kind",
            t(lang, "field-hosting_kind"),
            lang,
            HostingKind::ALL,
            HostingKind::key,
            "hosting_kind",
            &form.hosting_kind,
        ),
        hosting_professions: value_select(
            "hosting_profession_id",
            t(lang, "field-hosting_profession"),
            lang,
            &professions,
            t(lang, "profession-none"),
            &form.hosting_profession_id,
        ),
        form,
        page,
    }))
}

/// The pathways, their steps and agreements, and the interns hosted this year.
pub async fn pathways(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "care-title");
    care_page(&state, &auth, &ctx, page, CareForm::default()).await
}

/// Back to the pathways page when saved; the page again with the problems at their fields.
async fn after_care(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    result: Result<(), StoreError>,
    form: CareForm,
    anchor: &str,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/care#{anchor}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(ctx, "care-title").with_errors(errors);
            let mut response = care_page(state, auth, ctx, page, form).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// A day typed in a form; none when empty or not a day, which the store refuses at its field.
fn day_or_none(text: &str) -> Option<NaiveDate> {
    optional(text).ok().flatten()
}

pub async fn create_agreement(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    Form(form): Form<CareForm>,
) -> Result<Response, WebError> {
    use havre_domain::pathways::{AgreementFigure, AgreementKind, NewAgreement};
    let result = state
        .store
        .create_agreement(
            &auth.reader(&ctx),
            NewAgreement {
                partner: form.partner.clone(),
                kind: AgreementKind::parse(&form.kind),
                signed_on: day_or_none(&form.signed_on),
                ends_on: day_or_none(&form.ends_on),
                figures: form
                    .figures
                    .iter()
                    .filter_map(|f| AgreementFigure::parse(f))
                    .collect(),
            },
        )
        .await
        .map(|_| ());
    after_care(&state, &auth, &ctx, result, form, "agreements").await
}

pub async fn create_pathway(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    Form(form): Form<CareForm>,
) -> Result<Response, WebError> {
    let agreement = optional(&form.agreement_id);
    let result = match agreement {
        Ok(agreement) => state
            .store
            .create_pathway(&auth.reader(&ctx), &form.name, agreement)
            .await
            .map(|_| ()),
        Err(_) => Err(StoreError::invalid("agreement_id", "value-not-in-list")),
    };
    after_care(&state, &auth, &ctx, result, form, "pathways").await
}

pub async fn add_step(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    Path(id): Path<havre_domain::ids::PathwayId>,
    Form(form): Form<CareForm>,
) -> Result<Response, WebError> {
    let profession = optional(&form.profession_id);
    let result = match profession {
        Ok(profession_id) => state
            .store
            .add_step(
                &auth.reader(&ctx),
                id,
                havre_store::pathways::NewStep {
                    name: form.name.clone(),
                    profession_id,
                    complaint: form.complaint,
                },
            )
            .await
            .map(|_| ()),
        Err(_) => Err(StoreError::invalid("profession_id", "value-not-in-list")),
    };
    after_care(&state, &auth, &ctx, result, form, &format!("p-{id}")).await
}

pub async fn record_hosting(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunReports>,
    Form(form): Form<CareForm>,
) -> Result<Response, WebError> {
    let profession = optional(&form.hosting_profession_id);
    let result = match profession {
        Ok(profession) => state
            .store
            .record_hosting(
                &auth.reader(&ctx),
                havre_domain::care::NewHosting {
                    kind: havre_domain::care::HostingKind::parse(&form.hosting_kind),
                    school: form.school.clone(),
                    profession,
                    starts_on: day_or_none(&form.hosting_starts_on),
                    ends_on: day_or_none(&form.hosting_ends_on),
                },
            )
            .await
            .map(|_| ()),
        Err(_) => Err(StoreError::invalid("profession_id", "value-not-in-list")),
    };
    // The hosting form's fields are named apart from the agreement's, on the same page.
    let result = result.map_err(|e| match e {
        StoreError::Invalid(errors) => StoreError::Invalid(
            errors
                .into_iter()
                .map(|mut e| {
                    e.field = match e.field {
                        "starts_on" => "hosting_starts_on",
                        "ends_on" => "hosting_ends_on",
                        "profession_id" => "hosting_profession_id",
                        other => other,
                    };
                    e
                })
                .collect(),
        ),
        other => other,
    });
    after_care(&state, &auth, &ctx, result, form, "hostings").await
}
