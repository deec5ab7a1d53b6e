//! The pages of missions (docs/missions.md): the partner's caseworker files and follows her
//! requests; the team plans missions and signs in their hours; the coordinator keeps the
//! partners, the workers and their pay.

use crate::i18n::{Lang, t};

use super::intake::{BoxOption, Boxes, Select, SelectOption};
use crate::AppState;
use crate::api::body::{Form, Params};
use crate::auth::{Require, Staff, perm};
use crate::ctx::{Authenticated, RequestCtx};
use crate::error::WebError;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Days, NaiveDate, NaiveTime};
use havre_domain::fund::{format_amount, parse_amount};
use havre_domain::ids::{MissionId, PartnerId, PayStatementId, ServiceRequestId, WorkerId};
use havre_domain::lists::ListKind;
use havre_domain::missions::{
    MissionStatus, PayFrequency, RequestForm, Risk, ServiceRequestStatus, WorkedTime,
};
use havre_domain::policy::{self, Action, Record, RecordKind};
use havre_domain::text::{format_minutes, in_lang};
use havre_store::StoreError;
use havre_store::missions::{MissionDone, NewMission, NewWorker, PartnerForm, WorkerPersonal};
use havre_store::pay::PaySchedule;
use serde::Deserialize;

/// What a form's failure becomes on a page: its problems at their fields, or an error page.
enum Refusal {
    Fields(Page),
    Other(WebError),
}

/// The page a refused form is shown again on, its problems at their fields; a busy worker is
/// named at `workers`.
fn refusal(ctx: &RequestCtx, title: &str, e: StoreError) -> Refusal {
    match e {
        StoreError::Invalid(errors) => Refusal::Fields(Page::new(ctx, title).with_errors(errors)),
        busy @ StoreError::Busy { .. } => {
            let error = WebError::from(busy);
            let message = crate::error::busy_message(&error, ctx.lang).unwrap_or_default();
            Refusal::Fields(Page::new(ctx, title).with_written_error("workers", message))
        }
        other => Refusal::Other(other.into()),
    }
}

/// A page shown again after a refused form: 422.
fn unprocessable(mut response: Response) -> Response {
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
}

fn today(state: &AppState, ctx: &RequestCtx) -> NaiveDate {
    ctx.zone().day_of(state.store.now())
}

fn status_label(lang: Lang, status: ServiceRequestStatus) -> String {
    t(lang, &format!("request-status-{}", status.key()))
}

fn risk_label(lang: Lang, risk: Risk) -> String {
    t(lang, &format!("risk-{}", risk.key()))
}

// ----- A partner's requests -----

pub struct RequestRow {
    pub id: String,
    pub filed: String,
    pub tenant: String,
    pub partner: String,
    pub risk: String,
    pub status_key: &'static str,
    pub status: String,
    pub news: bool,
}

#[derive(Template)]
#[template(path = "service_requests.html")]
struct RequestsPage {
    page: Page,
    partner: String,
    member: bool,
    rows: Vec<RequestRow>,
}

fn request_rows(
    lines: &[havre_store::missions::RequestLine],
    lang: Lang,
    page: &Page,
) -> Vec<RequestRow> {
    lines
        .iter()
        .map(|l| RequestRow {
            id: l.id.to_string(),
            filed: page.zone.date(l.filed_at),
            tenant: l.tenant_name.clone(),
            partner: l.partner_name.clone(),
            risk: risk_label(lang, l.risk),
            status_key: l.status.key(),
            status: status_label(lang, l.status),
            news: l.news,
        })
        .collect()
}

/// A partner's caseworker's requests, latest first, the changes she has not read marked.
pub async fn requests(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::FileServiceRequests>,
) -> Result<Response, WebError> {
    let reader = auth.reader(&ctx);
    let partner = state.store.own_partner(&reader).await?;
    let lines = state.store.service_requests(&reader, ctx.zone()).await?;
    let page = Page::new(&ctx, "service-requests-title");
    Ok(render(&RequestsPage {
        rows: request_rows(&lines, ctx.lang, &page),
        member: partner.membership().may_file(today(&state, &ctx)),
        partner: partner.name,
        page,
    }))
}

/// The request form, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct RequestFormInput {
    pub tenant_name: String,
    pub tenant_phone: String,
    pub dwelling: String,
    pub household: String,
    #[serde(deserialize_with = "crate::api::body::ticked")]
    pub consent: bool,
    #[serde(deserialize_with = "crate::api::body::ticked")]
    pub network_consent: bool,
    pub risk: String,
    pub risk_on: String,
    pub needs: String,
    pub availability: String,
    pub safety: String,
}

#[derive(Template)]
#[template(path = "service_request_new.html")]
struct NewRequestPage {
    page: Page,
    form: RequestFormInput,
    risks: Select,
}

fn risk_select(lang: Lang, chosen: &str) -> Select {
    let mut options = vec![SelectOption {
        value: String::new(),
        label: t(lang, "choose"),
        selected: chosen.is_empty(),
    }];
    options.extend(Risk::ALL.iter().map(|r| SelectOption {
        value: r.key().to_owned(),
        label: risk_label(lang, *r),
        selected: chosen == r.key(),
    }));
    Select {
        name: "risk",
        label: t(lang, "field-risk"),
        options,
    }
}

/// The form a partner's caseworker files a request with.
pub async fn new_request(
    Require(_, ctx, _): Require<perm::FileServiceRequests>,
) -> Result<Response, WebError> {
    let form = RequestFormInput {
        household: "1".into(),
        ..Default::default()
    };
    Ok(render(&NewRequestPage {
        page: Page::new(&ctx, "service-request-new"),
        risks: risk_select(ctx.lang, ""),
        form,
    }))
}

/// Files a request; back to it, or the form again with its problems at their fields.
pub async fn file_request(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::FileServiceRequests>,
    Form(form): Form<RequestFormInput>,
) -> Result<Response, WebError> {
    let risk_on = crate::api::body::optional::<NaiveDate>(&form.risk_on);
    let request = RequestForm {
        tenant_name: form.tenant_name.clone(),
        tenant_phone: form.tenant_phone.clone(),
        dwelling: form.dwelling.clone(),
        household: form.household.clone(),
        consent: form.consent,
        network_consent: form.network_consent,
        risk: Risk::parse(&form.risk),
        risk_on: risk_on.ok().flatten(),
        needs: form.needs.clone(),
        availability: form.availability.clone(),
        safety: form.safety.clone(),
    };
    let result = match risk_on {
        Err(_) => Err(StoreError::invalid("risk_on", "date-invalid")),
        Ok(_) => {
            state
                .store
                .file_request(&auth.reader(&ctx), ctx.zone(), request)
                .await
        }
    };
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/service-requests/{id}")).into_response()),
        Err(e) => match refusal(&ctx, "service-request-new", e) {
            Refusal::Fields(page) => Ok(unprocessable(render(&NewRequestPage {
                page,
                risks: risk_select(ctx.lang, &form.risk),
                form,
            }))),
            Refusal::Other(e) => Err(e),
        },
    }
}

// ----- One request: the partner's view and the team's -----

pub struct EventRow {
    pub at: String,
    pub status: String,
    pub message: String,
}

pub struct MissionRow {
    pub id: String,
    pub when: String,
    pub status_key: &'static str,
    pub status: String,
    pub tasks: String,
    pub report: String,
    pub partner_attends: bool,
}

/// The plan-a-mission form, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PlanForm {
    pub day: String,
    pub start: String,
    pub end: String,
    pub place: String,
    pub tasks: Vec<String>,
    pub workers: Vec<String>,
    pub supervisor_id: String,
    #[serde(deserialize_with = "crate::api::body::ticked")]
    pub partner_attends: bool,
}

#[derive(Template)]
#[template(path = "service_request.html")]
struct RequestPage {
    page: Page,
    id: String,
    request: havre_store::missions::ServiceRequest,
    status: String,
    status_key: &'static str,
    risk: String,
    risk_on: String,
    filed: String,
    events: Vec<EventRow>,
    missions: Vec<MissionRow>,
    /// The team's actions, as the policy allows them.
    decides: bool,
    moves: Vec<(&'static str, String)>,
    plans: bool,
    plan: PlanForm,
    tasks: Boxes,
    workers: Boxes,
    supervisors: Select,
    kept: String,
}

async fn request_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: ServiceRequestId,
    page: Page,
    plan: PlanForm,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let zone = ctx.zone();
    let reader = auth.reader(ctx);
    let request = state.store.service_request(&reader, zone, id).await?;
    let decides = auth.may(Action::Decide, &Record::new(RecordKind::ServiceRequest));
    let plans = auth.may(Action::Create, &Record::new(RecordKind::Mission))
        && matches!(
            request.status,
            ServiceRequestStatus::Accepted
                | ServiceRequestStatus::Planned
                | ServiceRequestStatus::Done
        );
    let moves = ServiceRequestStatus::ALL
        .iter()
        .filter(|to| {
            decides && **to != ServiceRequestStatus::Planned && request.status.may_move_to(**to)
        })
        .map(|to| (to.key(), t(lang, &format!("request-move-{}", to.key()))))
        .collect();
    let org = auth.organization.id;
    let (tasks, workers, supervisors) = if plans {
        let tasks = state
            .store
            .list_values(org, ListKind::MissionTask, false)
            .await?;
        let workers = state.store.workers(&reader, today(state, ctx)).await?;
        let team = state.store.users(org).await?;
        let tasks = Boxes {
            name: "tasks",
            label: t(lang, "field-tasks"),
            options: tasks
                .iter()
                .map(|v| BoxOption {
                    name: "tasks".into(),
                    value: v.id.to_string(),
                    label: in_lang(lang, &v.label_fr, &v.label_en).to_owned(),
                    selected: plan.tasks.contains(&v.id.to_string()),
                })
                .collect(),
        };
        let workers = Boxes {
            name: "workers",
            label: t(lang, "field-mission_workers"),
            options: workers
                .iter()
                .filter(|w| w.active)
                .map(|w| BoxOption {
                    name: "workers".into(),
                    value: w.id.to_string(),
                    label: w.name.clone(),
                    selected: plan.workers.contains(&w.id.to_string()),
                })
                .collect(),
        };
        let mut options = vec![SelectOption {
            value: String::new(),
            label: t(lang, "supervisor-none"),
            selected: plan.supervisor_id.is_empty(),
        }];
        options.extend(
            team.iter()
                .filter(|u| u.active && policy::may_supervise_missions(&u.roles))
                .map(|u| SelectOption {
                    value: u.id.to_string(),
                    label: u.name.clone(),
                    selected: plan.supervisor_id == u.id.to_string(),
                }),
        );
        (
            tasks,
            workers,
            Select {
                name: "supervisor_id",
                label: t(lang, "field-supervisor_id"),
                options,
            },
        )
    } else {
        (
            Boxes {
                name: "tasks",
                label: String::new(),
                options: Vec::new(),
            },
            Boxes {
                name: "workers",
                label: String::new(),
                options: Vec::new(),
            },
            Select {
                name: "supervisor_id",
                label: String::new(),
                options: Vec::new(),
            },
        )
    };
    let plan = PlanForm {
        place: if plan.place.is_empty() {
            request.dwelling.clone()
        } else {
            plan.place.clone()
        },
        ..plan
    };
    let events = request
        .events
        .iter()
        .map(|e| EventRow {
            at: page.date_time(&e.at),
            status: status_label(lang, e.status),
            message: e.message.clone().unwrap_or_default(),
        })
        .collect();
    let missions = request
        .missions
        .iter()
        .map(|m| MissionRow {
            id: m.id.to_string(),
            when: mission_window(lang, zone, m.starts_at, m.ends_at),
            status_key: m.status.key(),
            status: t(lang, &format!("mission-status-{}", m.status.key())),
            tasks: m
                .tasks
                .iter()
                .map(|t| {
                    if m.status == MissionStatus::Done && !t.done {
                        format!("{} ✗", t.name)
                    } else {
                        t.name.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
            report: m.report.clone().unwrap_or_default(),
            partner_attends: m.partner_attends,
        })
        .collect();
    let kept = match request.kept_in_home {
        Some(true) => t(lang, "kept-in-home-yes"),
        Some(false) => t(lang, "kept-in-home-no"),
        None => String::new(),
    };
    Ok(render(&RequestPage {
        id: id.to_string(),
        status: status_label(lang, request.status),
        status_key: request.status.key(),
        risk: risk_label(lang, request.risk),
        risk_on: request
            .risk_on
            .map(|d| crate::i18n::long_date(d, lang))
            .unwrap_or_default(),
        filed: page.date_time(&request.filed_at),
        events,
        missions,
        decides,
        moves,
        plans,
        plan,
        tasks,
        workers,
        supervisors,
        kept,
        request,
        page,
    }))
}

/// A mission's day and hours as the organization writes them: "mardi 12 janvier 2027,
/// 9 h – 15 h 20".
fn mission_window(
    lang: Lang,
    zone: havre_domain::zone::Zone,
    from: chrono::DateTime<chrono::Utc>,
    to: chrono::DateTime<chrono::Utc>,
) -> String {
    let (from, to) = (zone.local(from), zone.local(to));
    format!(
        "{}, {} – {}",
        crate::i18n::long_date(from.date_naive(), lang),
        crate::i18n::clock_time(from.time()),
        crate::i18n::clock_time(to.time())
    )
}

/// One request: the partner's caseworker follows it; the team decides on it and plans its
/// missions. Another partner's request is not found.
pub async fn request(
    State(state): State<AppState>,
    Staff(auth, ctx): Staff,
    Path(id): Path<ServiceRequestId>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "service-request-title");
    request_page(&state, &auth, &ctx, id, page, PlanForm::default()).await
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    pub to: String,
    pub message: String,
}

/// Accepts, refuses (with the reason), marks done or closes a request.
pub async fn move_request(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunMissions>,
    Path(id): Path<ServiceRequestId>,
    Form(form): Form<MoveForm>,
) -> Result<Response, WebError> {
    let to = ServiceRequestStatus::parse(&form.to).ok_or_else(|| {
        WebError::Invalid(vec![havre_store::FieldError::new(
            "status",
            "value-not-in-list",
        )])
    })?;
    match state
        .store
        .move_request(&auth.reader(&ctx), ctx.zone(), id, to, &form.message)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/service-requests/{id}")).into_response()),
        Err(e) => match refusal(&ctx, "service-request-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                request_page(&state, &auth, &ctx, id, page, PlanForm::default()).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NoteForm {
    pub note: String,
}

/// The team's note on a request.
pub async fn internal_note(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunMissions>,
    Path(id): Path<ServiceRequestId>,
    Form(form): Form<NoteForm>,
) -> Result<Response, WebError> {
    match state
        .store
        .set_internal_note(&auth.reader(&ctx), ctx.zone(), id, &form.note)
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/service-requests/{id}#internal-note")).into_response())
        }
        Err(e) => match refusal(&ctx, "service-request-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                request_page(&state, &auth, &ctx, id, page, PlanForm::default()).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct KeptForm {
    pub kept_in_home: String,
}

/// The partner's report, six months after the first mission.
pub async fn kept_in_home(
    State(state): State<AppState>,
    Staff(auth, ctx): Staff,
    Path(id): Path<ServiceRequestId>,
    Form(form): Form<KeptForm>,
) -> Result<Response, WebError> {
    let kept = match form.kept_in_home.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    match state
        .store
        .report_kept_in_home(&auth.reader(&ctx), ctx.zone(), id, kept)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/service-requests/{id}")).into_response()),
        Err(e) => match refusal(&ctx, "service-request-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                request_page(&state, &auth, &ctx, id, page, PlanForm::default()).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

/// Plans a mission for the request; a worker already on another is named at `workers`.
pub async fn plan(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunMissions>,
    Path(id): Path<ServiceRequestId>,
    Form(form): Form<PlanForm>,
) -> Result<Response, WebError> {
    let new = NewMission {
        request_id: id,
        day: form.day.parse().ok(),
        start: NaiveTime::parse_from_str(form.start.trim(), "%H:%M").ok(),
        end: NaiveTime::parse_from_str(form.end.trim(), "%H:%M").ok(),
        place: form.place.clone(),
        tasks: form.tasks.iter().filter_map(|v| v.parse().ok()).collect(),
        workers: form.workers.iter().filter_map(|v| v.parse().ok()).collect(),
        supervisor_id: form.supervisor_id.parse().ok(),
        partner_attends: form.partner_attends,
    };
    match state
        .store
        .plan_mission(&auth.reader(&ctx), ctx.zone(), new)
        .await
    {
        Ok(mission) => Ok(Redirect::to(&format!("/missions/{mission}")).into_response()),
        Err(e) => match refusal(&ctx, "service-request-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                request_page(&state, &auth, &ctx, id, page, form).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

// ----- The team's missions -----

pub struct MissionLineRow {
    pub id: String,
    pub when: String,
    pub partner: String,
    pub status_key: &'static str,
    pub status: String,
    pub workers: i64,
}

/// A titled list of the overview.
pub struct Listed<T> {
    pub key: &'static str,
    pub title: String,
    pub rows: Vec<T>,
}

/// A figure of the year so far beside the year before's, for the dashboard.
pub struct FigureRow {
    pub label: String,
    pub now: String,
    pub before: String,
}

#[derive(Template)]
#[template(path = "missions.html")]
struct MissionsPage {
    page: Page,
    /// The reporting year so far and the year before, for who runs the reports.
    year: String,
    figures: Vec<FigureRow>,
    request_sections: Vec<Listed<RequestRow>>,
    mission_sections: Vec<Listed<MissionLineRow>>,
    coordinates: bool,
}

/// The team's missions: requests to decide and to plan, the missions to come and those whose
/// hours are still to sign in; the coordinator's links to partners, workers and pay.
pub async fn missions(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeMissions>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let zone = ctx.zone();
    let reader = auth.reader(&ctx);
    let page = Page::new(&ctx, "missions-title");
    let runs = auth.may(Action::Read, &Record::new(RecordKind::ServiceRequest));
    let requests = if runs {
        state.store.service_requests(&reader, zone).await?
    } else {
        Vec::new()
    };
    let rows = |status: ServiceRequestStatus| {
        let lines: Vec<_> = requests
            .iter()
            .filter(|r| r.status == status)
            .cloned()
            .collect();
        request_rows(&lines, lang, &page)
    };
    let today = today(&state, &ctx);
    let lines = state
        .store
        .missions(&reader, zone, today - Days::new(60), today + Days::new(60))
        .await?;
    let row = |m: &havre_store::missions::MissionLine| MissionLineRow {
        id: m.id.to_string(),
        when: mission_window(lang, zone, m.starts_at, m.ends_at),
        partner: m.partner_name.clone(),
        status_key: m.status.key(),
        status: t(lang, &format!("mission-status-{}", m.status.key())),
        workers: m.workers,
    };
    let now = state.store.now();
    let listed = |key: &'static str, rows| Listed {
        key,
        title: t(lang, &format!("missions-{key}")),
        rows,
    };
    let request_sections = if runs {
        vec![
            listed("to-decide", rows(ServiceRequestStatus::Received)),
            listed("to-plan", rows(ServiceRequestStatus::Accepted)),
        ]
    } else {
        Vec::new()
    };
    let mission_sections = vec![
        Listed {
            key: "to-complete",
            title: t(lang, "missions-to-complete"),
            rows: lines
                .iter()
                .filter(|m| m.status == MissionStatus::Planned && m.starts_at < now)
                .map(row)
                .collect(),
        },
        Listed {
            key: "coming",
            title: t(lang, "missions-coming"),
            rows: lines
                .iter()
                .filter(|m| m.status == MissionStatus::Planned && m.starts_at >= now)
                .map(row)
                .collect(),
        },
    ];
    let (year, figures) = if auth.may(Action::Read, &Record::new(RecordKind::Report)) {
        let period = havre_report::Period::reporting_year(today, ctx.year_start());
        let before_period = period.previous().unwrap_or(period);
        let org = auth.organization.id;
        let a = state
            .store
            .mission_figures(org, period.first, today)
            .await?
            .figures;
        // The same span of the year before, so that the two compare.
        let same_day =
            before_period.first + Days::new((today - period.first).num_days().max(0) as u64);
        let b = state
            .store
            .mission_figures(org, before_period.first, same_day.min(before_period.last))
            .await?
            .figures;
        let count = |n: i64| havre_domain::text::format_count(n, lang);
        let rows = vec![
            FigureRow {
                label: t(lang, "missions-persons-helped"),
                now: count(a.persons_helped),
                before: count(b.persons_helped),
            },
            FigureRow {
                label: t(lang, "missions-requests"),
                now: count(a.requests),
                before: count(b.requests),
            },
            FigureRow {
                label: t(lang, "missions-referring-partners"),
                now: count(a.referring_partners),
                before: count(b.referring_partners),
            },
            FigureRow {
                label: t(lang, "missions-missions"),
                now: count(a.missions),
                before: count(b.missions),
            },
            FigureRow {
                label: t(lang, "missions-active-workers"),
                now: count(a.active_workers),
                before: count(b.active_workers),
            },
            FigureRow {
                label: t(lang, "missions-hours-worked"),
                now: format_minutes(a.minutes_worked, lang),
                before: format_minutes(b.minutes_worked, lang),
            },
        ];
        (period.title(), rows)
    } else {
        (String::new(), Vec::new())
    };
    Ok(render(&MissionsPage {
        year,
        figures,
        request_sections,
        mission_sections,
        coordinates: auth.may(Action::Create, &Record::new(RecordKind::WorkerRecord)),
        page,
    }))
}

/// The hours form, as typed: a start, an end and a break per worker, named by her id.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct DoneForm {
    pub worker: Vec<String>,
    pub start: Vec<String>,
    pub end: Vec<String>,
    pub break_minutes: Vec<String>,
    pub tasks_done: Vec<String>,
    pub report: String,
}

pub struct HoursRow {
    pub worker_id: String,
    pub name: String,
    pub start: String,
    pub end: String,
    pub break_minutes: String,
    pub worked: String,
}

#[derive(Template)]
#[template(path = "mission.html")]
struct MissionPage {
    page: Page,
    id: String,
    mission: havre_store::missions::Mission,
    when: String,
    status: String,
    planned: bool,
    hours: Vec<HoursRow>,
    tasks: Boxes,
    report: String,
    cancels: bool,
    /// Whether she reads the request (the supervisor reads the mission only).
    reads_request: bool,
}

async fn mission_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: MissionId,
    page: Page,
    form: Option<DoneForm>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let zone = ctx.zone();
    let mission = state.store.mission(&auth.reader(ctx), zone, id).await?;
    let planned = mission.status == MissionStatus::Planned;
    let (from, to) = (
        zone.local(mission.starts_at).time(),
        zone.local(mission.ends_at).time(),
    );
    let hours = mission
        .workers
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let signed = mission.hours.iter().find(|h| h.worker_id == w.id);
            let typed = |v: &Option<&Vec<String>>| v.and_then(|v| v.get(i)).cloned();
            let f = form.as_ref();
            HoursRow {
                worker_id: w.id.to_string(),
                name: w.name.clone(),
                start: typed(&f.map(|f| &f.start))
                    .or(signed.map(|h| h.worked.start.format("%H:%M").to_string()))
                    .unwrap_or_else(|| from.format("%H:%M").to_string()),
                end: typed(&f.map(|f| &f.end))
                    .or(signed.map(|h| h.worked.end.format("%H:%M").to_string()))
                    .unwrap_or_else(|| to.format("%H:%M").to_string()),
                break_minutes: typed(&f.map(|f| &f.break_minutes))
                    .or(signed.map(|h| h.worked.break_minutes.to_string()))
                    .unwrap_or_else(|| "0".into()),
                worked: signed
                    .map(|h| format_minutes(h.minutes, lang))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let tasks = Boxes {
        name: "tasks_done",
        label: t(lang, "field-tasks_done"),
        options: mission
            .tasks
            .iter()
            .map(|task| BoxOption {
                name: "tasks_done".into(),
                value: task.task_id.to_string(),
                label: task.name.clone(),
                selected: form.as_ref().map_or(task.done || planned, |f| {
                    f.tasks_done.contains(&task.task_id.to_string())
                }),
            })
            .collect(),
    };
    Ok(render(&MissionPage {
        id: id.to_string(),
        when: mission_window(lang, zone, mission.starts_at, mission.ends_at),
        status: t(lang, &format!("mission-status-{}", mission.status.key())),
        planned,
        hours,
        tasks,
        report: form
            .map(|f| f.report)
            .or(mission.report.clone())
            .unwrap_or_default(),
        cancels: planned && auth.may(Action::Assign, &Record::new(RecordKind::Mission)),
        reads_request: auth.may(Action::Read, &Record::new(RecordKind::ServiceRequest)),
        mission,
        page,
    }))
}

/// A mission: its place and safety notes, its workers, the hours form once it is done.
pub async fn mission(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeMissions>,
    Path(id): Path<MissionId>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "mission-title");
    mission_page(&state, &auth, &ctx, id, page, None).await
}

/// Records the mission done: each worker's hours, the tasks done, the report to the partner.
pub async fn complete(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeMissions>,
    Path(id): Path<MissionId>,
    Form(form): Form<DoneForm>,
) -> Result<Response, WebError> {
    let zone = ctx.zone();
    let reader = auth.reader(&ctx);
    let day = zone.day_of(state.store.mission(&reader, zone, id).await?.starts_at);
    let time =
        |v: Option<&String>| v.and_then(|v| NaiveTime::parse_from_str(v.trim(), "%H:%M").ok());
    let mut problems = Vec::new();
    let mut hours = Vec::new();
    for (i, worker) in form.worker.iter().enumerate() {
        let (Some(worker), Some(start), Some(end)) = (
            worker.parse::<WorkerId>().ok(),
            time(form.start.get(i)),
            time(form.end.get(i)),
        ) else {
            problems.push(havre_store::FieldError::new("hours", "time-invalid"));
            continue;
        };
        let Ok(break_minutes) = form
            .break_minutes
            .get(i)
            .map_or("0", |b| b.trim())
            .parse::<i64>()
        else {
            problems.push(havre_store::FieldError::new(
                "hours",
                "worked-break-invalid",
            ));
            continue;
        };
        hours.push((
            worker,
            WorkedTime {
                day,
                start,
                end,
                break_minutes,
            },
        ));
    }
    let result = if problems.is_empty() {
        state
            .store
            .complete_mission(
                &reader,
                zone,
                id,
                MissionDone {
                    hours,
                    tasks_done: form
                        .tasks_done
                        .iter()
                        .filter_map(|v| v.parse().ok())
                        .collect(),
                    report: form.report.clone(),
                },
            )
            .await
    } else {
        Err(StoreError::Invalid(problems))
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/missions/{id}")).into_response()),
        Err(e) => match refusal(&ctx, "mission-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                mission_page(&state, &auth, &ctx, id, page, Some(form)).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

/// A worker's hours corrected, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct HoursForm {
    pub worker_id: String,
    pub start: String,
    pub end: String,
    pub break_minutes: String,
}

/// Corrects a worker's hours on a mission done, while her pay period is not approved.
pub async fn change_hours(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeMissions>,
    Path(id): Path<MissionId>,
    Form(form): Form<HoursForm>,
) -> Result<Response, WebError> {
    let zone = ctx.zone();
    let reader = auth.reader(&ctx);
    // The mission first: another organization's answers as a missing one.
    state.store.mission(&reader, zone, id).await?;
    let time = |v: &str| NaiveTime::parse_from_str(v.trim(), "%H:%M").ok();
    let result = match (
        form.worker_id.parse::<WorkerId>().ok(),
        time(&form.start),
        time(&form.end),
        form.break_minutes.trim().parse::<i64>(),
    ) {
        (Some(worker), Some(start), Some(end), Ok(pause)) => {
            state
                .store
                .change_hours(
                    &reader,
                    zone,
                    id,
                    havre_store::missions::HoursChange {
                        worker,
                        start,
                        end,
                        break_minutes: pause,
                    },
                )
                .await
        }
        _ => Err(StoreError::invalid("hours", "time-invalid")),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/missions/{id}#hours")).into_response()),
        Err(e) => match refusal(&ctx, "mission-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                mission_page(&state, &auth, &ctx, id, page, None).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

/// Cancels a planned mission.
pub async fn cancel(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RunMissions>,
    Path(id): Path<MissionId>,
) -> Result<Response, WebError> {
    state
        .store
        .cancel_mission(&auth.reader(&ctx), ctx.zone(), id)
        .await?;
    Ok(Redirect::to("/missions").into_response())
}

// ----- Workers -----

pub struct WorkerRow {
    pub id: String,
    pub name: String,
    pub active: bool,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct WorkerForm {
    pub name: String,
    pub phone: String,
    pub notes: String,
    pub started_on: String,
    /// The hourly rate as she types it: 16,10.
    pub cents_per_hour: String,
}

#[derive(Template)]
#[template(path = "workers.html")]
struct WorkersPage {
    page: Page,
    rows: Vec<WorkerRow>,
    form: WorkerForm,
}

async fn workers_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    form: WorkerForm,
) -> Result<Response, WebError> {
    let rows = state
        .store
        .workers(&auth.reader(ctx), today(state, ctx))
        .await?
        .into_iter()
        .map(|w| WorkerRow {
            id: w.id.to_string(),
            name: w.name,
            active: w.active,
        })
        .collect();
    Ok(render(&WorkersPage { page, rows, form }))
}

/// The workers, and the form to add one.
pub async fn workers(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
) -> Result<Response, WebError> {
    let form = WorkerForm {
        started_on: today(&state, &ctx).to_string(),
        ..Default::default()
    };
    workers_page(&state, &auth, &ctx, Page::new(&ctx, "workers-title"), form).await
}

/// Adds a worker with her first hourly rate (16,10 as she types it).
pub async fn add_worker(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Form(form): Form<WorkerForm>,
) -> Result<Response, WebError> {
    let new = NewWorker {
        name: form.name.clone(),
        personal: WorkerPersonal {
            phone: Some(form.phone.clone()),
            notes: Some(form.notes.clone()),
        },
        started_on: form.started_on.parse().ok(),
        cents_per_hour: parse_amount(&form.cents_per_hour),
    };
    match state.store.add_worker(&auth.reader(&ctx), new).await {
        Ok(id) => Ok(Redirect::to(&format!("/missions/workers/{id}")).into_response()),
        Err(e) => match refusal(&ctx, "workers-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                workers_page(&state, &auth, &ctx, page, form).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

pub struct RateRow {
    pub from: String,
    pub rate: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct RateForm {
    pub from: String,
    /// As she types it: 16,75.
    pub cents_per_hour: String,
}

#[derive(Template)]
#[template(path = "worker.html")]
struct WorkerPage {
    page: Page,
    id: String,
    record: havre_store::missions::WorkerRecord,
    started: String,
    ended: String,
    rates: Vec<RateRow>,
    form: RateForm,
}

async fn worker_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: WorkerId,
    page: Page,
    form: RateForm,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let record = state.store.worker_record(&auth.reader(ctx), id).await?;
    Ok(render(&WorkerPage {
        id: id.to_string(),
        started: crate::i18n::long_date(record.started_on, lang),
        ended: record
            .ended_on
            .map(|d| crate::i18n::long_date(d, lang))
            .unwrap_or_default(),
        rates: record
            .rates
            .iter()
            .map(|r| RateRow {
                from: crate::i18n::long_date(r.from, lang),
                rate: format_amount(r.cents_per_hour, lang),
            })
            .collect(),
        record,
        form,
        page,
    }))
}

/// A worker's record: her personal data, her rates; reading it is audited.
pub async fn worker(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<WorkerId>,
) -> Result<Response, WebError> {
    worker_page(
        &state,
        &auth,
        &ctx,
        id,
        Page::new(&ctx, "worker-title"),
        RateForm::default(),
    )
    .await
}

/// A new hourly rate from a day on.
pub async fn change_rate(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<WorkerId>,
    Form(form): Form<RateForm>,
) -> Result<Response, WebError> {
    match state
        .store
        .change_rate(
            &auth.reader(&ctx),
            id,
            form.from.parse().ok(),
            parse_amount(&form.cents_per_hour),
        )
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/missions/workers/{id}")).into_response()),
        Err(e) => match refusal(&ctx, "worker-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                worker_page(&state, &auth, &ctx, id, page, form).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct EndForm {
    pub ended_on: String,
}

/// The day a worker leaves, or none to take her back.
pub async fn end_worker(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<WorkerId>,
    Form(form): Form<EndForm>,
) -> Result<Response, WebError> {
    match state
        .store
        .end_worker(&auth.reader(&ctx), id, form.ended_on.parse().ok())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/missions/workers/{id}")).into_response()),
        Err(e) => match refusal(&ctx, "worker-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                worker_page(&state, &auth, &ctx, id, page, RateForm::default()).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

// ----- Pay -----

pub struct PayLineRow {
    pub day: String,
    pub kind: String,
    pub worked: String,
    pub rate: String,
    pub amount: String,
}

pub struct StatementBlock {
    pub worker_id: String,
    pub name: String,
    pub statement_id: String,
    pub approved: String,
    pub lines: Vec<PayLineRow>,
    pub worked: String,
    pub total: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PayQuery {
    pub day: String,
}

#[derive(Template)]
#[template(path = "pay.html")]
struct PayPage {
    page: Page,
    day: String,
    period: String,
    previous: String,
    next: String,
    over: bool,
    statements: Vec<StatementBlock>,
    frequencies: Select,
    first_day: String,
}

async fn pay_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    day: NaiveDate,
    page: Page,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let schedule = state.store.pay_schedule(auth.organization.id).await?;
    let (first, last) = schedule.period_of(day);
    let statements = state.store.pay_statements(&auth.reader(ctx), day).await?;
    let blocks = statements
        .iter()
        .map(|s| {
            let line = |l: &havre_domain::missions::PayLine, kind: String| PayLineRow {
                day: crate::i18n::long_date(l.day, lang),
                kind,
                worked: format_minutes(l.minutes, lang),
                rate: format_amount(l.cents_per_hour, lang),
                amount: format_amount(l.amount_cents, lang),
            };
            StatementBlock {
                worker_id: s.worker_id.to_string(),
                name: s.worker_name.clone(),
                statement_id: s.id.map(|id| id.to_string()).unwrap_or_default(),
                approved: s
                    .approved_at
                    .map(|at| page.date_time(&at))
                    .unwrap_or_default(),
                lines: s
                    .lines
                    .iter()
                    .map(|l| line(l, t(lang, "payroll-line-hours")))
                    .chain(s.corrections.iter().map(|c| {
                        line(
                            &c.line,
                            format!("{} : {}", t(lang, "payroll-line-correction"), c.reason),
                        )
                    }))
                    .collect(),
                worked: format_minutes(s.minutes, lang),
                total: format_amount(s.total_cents, lang),
            }
        })
        .collect();
    let frequencies = Select {
        name: "frequency",
        label: t(lang, "field-pay_frequency"),
        options: PayFrequency::ALL
            .iter()
            .map(|f| SelectOption {
                value: f.key().to_owned(),
                label: t(lang, &format!("pay-frequency-{}", f.key())),
                selected: *f == schedule.frequency,
            })
            .collect(),
    };
    Ok(render(&PayPage {
        day: day.to_string(),
        period: format!(
            "{} – {}",
            crate::i18n::long_date(first, lang),
            crate::i18n::long_date(last, lang)
        ),
        previous: (first - Days::new(1)).to_string(),
        next: (last + Days::new(1)).to_string(),
        over: last < today(state, ctx),
        statements: blocks,
        frequencies,
        first_day: schedule.first_day.to_string(),
        page,
    }))
}

/// The pay statements of a period: each worker's days, hours and gross amount.
pub async fn pay(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Params(query): Params<PayQuery>,
) -> Result<Response, WebError> {
    let day = query.day.parse().unwrap_or_else(|_| today(&state, &ctx));
    pay_page(&state, &auth, &ctx, day, Page::new(&ctx, "pay-title")).await
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ApproveForm {
    pub day: String,
}

/// Approves a worker's statement for the period: locked from now on.
pub async fn approve(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<WorkerId>,
    Form(form): Form<ApproveForm>,
) -> Result<Response, WebError> {
    let day = form.day.parse().unwrap_or_else(|_| today(&state, &ctx));
    match state
        .store
        .approve_statement(&auth.reader(&ctx), ctx.zone(), id, day)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/missions/pay?day={day}")).into_response()),
        Err(e) => match refusal(&ctx, "pay-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                pay_page(&state, &auth, &ctx, day, page).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CorrectionForm {
    pub period_day: String,
    pub day: String,
    pub minutes: String,
    pub reason: String,
}

/// A correction to an approved statement.
pub async fn correct(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<PayStatementId>,
    Form(form): Form<CorrectionForm>,
) -> Result<Response, WebError> {
    let back = form
        .period_day
        .parse()
        .unwrap_or_else(|_| today(&state, &ctx));
    match state
        .store
        .correct_statement(
            &auth.reader(&ctx),
            id,
            form.day.parse().ok(),
            form.minutes.trim().parse().ok(),
            &form.reason,
        )
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/missions/pay?day={back}")).into_response()),
        Err(e) => match refusal(&ctx, "pay-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                pay_page(&state, &auth, &ctx, back, page).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ScheduleForm {
    pub frequency: String,
    pub first_day: String,
}

/// How often workers are paid.
pub async fn set_schedule(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Form(form): Form<ScheduleForm>,
) -> Result<Response, WebError> {
    let today = today(&state, &ctx);
    let result = match (
        PayFrequency::parse(&form.frequency),
        form.first_day.parse::<NaiveDate>(),
    ) {
        (Some(frequency), Ok(first_day)) => {
            state
                .store
                .set_pay_schedule(
                    &auth.reader(&ctx),
                    PaySchedule {
                        frequency,
                        first_day,
                    },
                )
                .await
        }
        _ => Err(StoreError::invalid("first_day", "date-invalid")),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/missions/pay").into_response()),
        Err(e) => match refusal(&ctx, "pay-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                pay_page(&state, &auth, &ctx, today, page).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

/// The period's statements as the payroll's CSV.
pub async fn pay_csv(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Params(query): Params<PayQuery>,
) -> Result<Response, WebError> {
    let day = query.day.parse().unwrap_or_else(|_| today(&state, &ctx));
    let statements = state.store.pay_statements(&auth.reader(&ctx), day).await?;
    let (first, _) = state
        .store
        .pay_schedule(auth.organization.id)
        .await?
        .period_of(day);
    Ok(crate::api::missions::payroll_file(
        &statements,
        first,
        ctx.lang,
    ))
}

// ----- Partners -----

pub struct PartnerRow {
    pub id: String,
    pub name: String,
    pub joined_on: String,
    pub left_on: String,
    pub member: bool,
    pub accounts: Vec<(String, String)>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PartnerFormInput {
    pub name: String,
    pub joined_on: String,
    pub left_on: String,
}

#[derive(Template)]
#[template(path = "partners.html")]
struct PartnersPage {
    page: Page,
    rows: Vec<PartnerRow>,
    form: PartnerFormInput,
}

async fn partners_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    form: PartnerFormInput,
) -> Result<Response, WebError> {
    let reader = auth.reader(ctx);
    let today = today(state, ctx);
    let mut rows = Vec::new();
    for p in state.store.partners(&reader).await? {
        let accounts = state
            .store
            .partner_accounts(&reader, p.id)
            .await?
            .into_iter()
            .map(|u| (u.name, u.email))
            .collect();
        rows.push(PartnerRow {
            id: p.id.to_string(),
            joined_on: p.joined_on.to_string(),
            left_on: p.left_on.map(|d| d.to_string()).unwrap_or_default(),
            member: p.membership().may_file(today),
            name: p.name,
            accounts,
        });
    }
    Ok(render(&PartnersPage { page, rows, form }))
}

/// The member partners, their dates and their caseworkers' accounts.
pub async fn partners(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
) -> Result<Response, WebError> {
    let form = PartnerFormInput {
        joined_on: today(&state, &ctx).to_string(),
        ..Default::default()
    };
    partners_page(&state, &auth, &ctx, Page::new(&ctx, "partners-title"), form).await
}

fn partner_form(form: &PartnerFormInput) -> Result<PartnerForm, StoreError> {
    let left_on = crate::api::body::optional::<NaiveDate>(&form.left_on)
        .map_err(|_| StoreError::invalid("left_on", "date-invalid"))?;
    Ok(PartnerForm {
        name: form.name.clone(),
        joined_on: form.joined_on.parse().ok(),
        left_on,
    })
}

/// Adds a member partner.
pub async fn add_partner(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Form(form): Form<PartnerFormInput>,
) -> Result<Response, WebError> {
    let result = match partner_form(&form) {
        Ok(p) => state
            .store
            .add_partner(&auth.reader(&ctx), p)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/missions/partners").into_response()),
        Err(e) => match refusal(&ctx, "partners-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                partners_page(&state, &auth, &ctx, page, form).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

/// Changes a partner's name or dates: its membership ends on `left_on`.
pub async fn change_partner(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<PartnerId>,
    Form(form): Form<PartnerFormInput>,
) -> Result<Response, WebError> {
    let result = match partner_form(&form) {
        Ok(p) => state.store.change_partner(&auth.reader(&ctx), id, p).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/missions/partners#p-{id}")).into_response()),
        Err(e) => match refusal(&ctx, "partners-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                partners_page(&state, &auth, &ctx, page, PartnerFormInput::default()).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AccountForm {
    pub name: String,
    pub email: String,
    pub password: String,
}

/// Opens an account for a caseworker of the partner.
pub async fn add_account(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::CoordinateMissions>,
    Path(id): Path<PartnerId>,
    Form(form): Form<AccountForm>,
) -> Result<Response, WebError> {
    let new = havre_store::missions::PartnerAccount {
        email: form.email,
        name: form.name,
        password: form.password,
    };
    match state
        .store
        .add_partner_account(&auth.reader(&ctx), id, new)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/missions/partners#p-{id}")).into_response()),
        Err(e) => match refusal(&ctx, "partners-title", e) {
            Refusal::Fields(page) => Ok(unprocessable(
                partners_page(&state, &auth, &ctx, page, PartnerFormInput::default()).await?,
            )),
            Refusal::Other(e) => Err(e),
        },
    }
}
