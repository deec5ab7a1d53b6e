//! The complaint register (docs/privacy.md "Complaints"): the list and the form to enter a
//! complaint received, a complaint with its handler, steps and outcome, the deadline the
//! organization gives itself, and the yearly complaint report as a document of its own. The
//! public page's complaint form is here too: it enters the same register.

use super::answered;
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
use axum::response::Response;
use chrono::NaiveDate;
use havre_domain::complaints::{ComplainantKind, ComplaintForm, ComplaintOutcome};
use havre_domain::ids::{ComplaintId, ListValueId, UserId};
use havre_domain::lists::ListKind;
use havre_domain::text::in_lang;
use havre_store::StoreError;
use havre_store::complaints::ComplaintLine;
use serde::Deserialize;

fn day(text: &str) -> Option<NaiveDate> {
    text.trim().parse().ok()
}

fn options<T: Copy>(
    all: &[T],
    chosen: &str,
    key: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
) -> Vec<SelectOption> {
    all.iter()
        .map(|&v| SelectOption {
            value: key(v).to_owned(),
            label: label(v),
            selected: chosen == key(v),
        })
        .collect()
}

/// A choice to make, first: an empty option that says so.
fn choose(lang: Lang, mut options: Vec<SelectOption>) -> Vec<SelectOption> {
    options.insert(
        0,
        SelectOption {
            value: String::new(),
            label: t(lang, "choose"),
            selected: !options.iter().any(|o| o.selected),
        },
    );
    options
}

/// The complaint form as typed, by the team or on the public page.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ComplaintInput {
    pub received_on: String,
    pub complainant_kind: String,
    pub complainant: String,
    pub nature: String,
    pub service: String,
    pub about: String,
    pub summary: String,
}

impl ComplaintInput {
    pub(crate) fn form(&self) -> ComplaintForm {
        ComplaintForm {
            received_on: day(&self.received_on),
            complainant_kind: ComplainantKind::parse(self.complainant_kind.trim()),
            complainant: self.complainant.clone(),
            nature: self.nature.trim().parse::<ListValueId>().ok(),
            service: self.service.clone(),
            about: self.about.trim().parse::<UserId>().ok(),
            summary: self.summary.clone(),
        }
    }
}

/// The selects of the complaint form: who complains, what about, and, for the team's form,
/// whom it is about.
pub struct ComplaintSelects {
    pub kind: Select,
    pub nature: Select,
    pub about: Option<Select>,
}

pub(crate) async fn complaint_selects(
    state: &AppState,
    org: havre_domain::ids::OrganizationId,
    lang: Lang,
    form: &ComplaintInput,
    with_team: bool,
) -> Result<ComplaintSelects, WebError> {
    let natures = state
        .store
        .list_values(org, ListKind::ComplaintNature, false)
        .await?;
    let about = if with_team {
        let mut options: Vec<SelectOption> = state
            .store
            .users(org)
            .await?
            .into_iter()
            .filter(|u| u.active)
            .map(|u| SelectOption {
                selected: form.about == u.id.to_string(),
                value: u.id.to_string(),
                label: u.name,
            })
            .collect();
        options.insert(
            0,
            SelectOption {
                value: String::new(),
                label: t(lang, "complaint-about-nobody"),
                selected: form.about.is_empty(),
            },
        );
        Some(Select {
            name: "about",
            label: t(lang, "field-complaint_about"),
            options,
        })
    } else {
        None
    };
    Ok(ComplaintSelects {
        kind: Select {
            name: "complainant_kind",
            label: t(lang, "field-complainant_kind"),
            options: choose(
                lang,
                options(
                    ComplainantKind::ALL,
                    &form.complainant_kind,
                    ComplainantKind::key,
                    |k| t(lang, &format!("complainant-{}", k.key())),
                ),
            ),
        },
        nature: Select {
            name: "nature",
            label: t(lang, "field-complaint_nature"),
            options: choose(
                lang,
                natures
                    .iter()
                    .map(|v| SelectOption {
                        value: v.id.to_string(),
                        label: in_lang(lang, &v.label_fr, &v.label_en).to_owned(),
                        selected: form.nature == v.id.to_string(),
                    })
                    .collect(),
            ),
        },
        about,
    })
}

pub struct LineRow {
    pub id: String,
    pub received_on: String,
    pub nature: String,
    pub service: String,
    pub handler: String,
    pub status: String,
    pub due_on: String,
    pub late: bool,
    pub from_public: bool,
}

fn line_row(lang: Lang, l: &ComplaintLine) -> LineRow {
    LineRow {
        id: l.id.to_string(),
        received_on: l.received_on.to_string(),
        nature: in_lang(lang, &l.nature.label_fr, &l.nature.label_en).to_owned(),
        service: l.service.clone(),
        handler: l.handler.clone().unwrap_or_default(),
        status: match l.outcome {
            Some(o) => t(lang, &format!("complaint-outcome-{}", o.key())),
            None => t(lang, "complaint-open"),
        },
        due_on: l.due_on.to_string(),
        late: l.late,
        from_public: l.channel == havre_domain::complaints::Channel::PublicPage,
    }
}

#[derive(Template)]
#[template(path = "complaints.html")]
struct RegisterPage {
    page: Page,
    rows: Vec<LineRow>,
    form: ComplaintInput,
    selects: ComplaintSelects,
    answer_days: String,
    report_year: i32,
}

async fn register_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    form: ComplaintInput,
    answer_days: Option<String>,
) -> Result<Response, WebError> {
    let org = auth.organization.id;
    let rows = state
        .store
        .complaints(&auth.reader(ctx), None)
        .await?
        .iter()
        .map(|l| line_row(ctx.lang, l))
        .collect();
    let selects = complaint_selects(state, org, ctx.lang, &form, true).await?;
    let settings = state.store.privacy_settings(org).await?;
    let today = ctx.zone().day_of(state.store.now());
    let (first, _) = auth.organization.year_of(today);
    Ok(render(&RegisterPage {
        page,
        rows,
        form,
        selects,
        answer_days: answer_days.unwrap_or_else(|| settings.complaint_answer_days.to_string()),
        report_year: chrono::Datelike::year(&first),
    }))
}

/// The register, and the form to enter a complaint received.
pub async fn register(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
) -> Result<Response, WebError> {
    let form = ComplaintInput {
        received_on: ctx.zone().day_of(state.store.now()).to_string(),
        ..Default::default()
    };
    let page = Page::new(&ctx, "complaints-title");
    register_page(&state, &auth, &ctx, page, form, None).await
}

/// Enters a complaint received by the team.
pub async fn receive(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Form(input): Form<ComplaintInput>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .receive_complaint(&auth.reader(&ctx), input.form())
        .await;
    answered(
        result,
        &ctx,
        "complaints-title",
        |id| format!("/complaints/{id}"),
        async |page| register_page(&state, &auth, &ctx, page, input, None).await,
    )
    .await
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AnswerDaysInput {
    pub complaint_answer_days: String,
}

/// Sets the days the organization gives itself to answer a complaint.
pub async fn set_answer_days(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Form(input): Form<AnswerDaysInput>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .set_complaint_answer_days(&auth.reader(&ctx), &input.complaint_answer_days)
        .await;
    answered(
        result,
        &ctx,
        "complaints-title",
        |()| "/complaints".to_owned(),
        async |page| {
            let form = ComplaintInput::default();
            let days = Some(input.complaint_answer_days.clone());
            register_page(&state, &auth, &ctx, page, form, days).await
        },
    )
    .await
}

pub struct StepRow {
    pub day: String,
    pub body: String,
    pub noted_by: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct StepInput {
    pub day: String,
    pub body: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ConclusionInput {
    pub outcome: String,
    pub answered_on: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct HandlerInput {
    pub handler_id: String,
}

#[derive(Template)]
#[template(path = "complaint.html")]
struct ComplaintPage {
    page: Page,
    id: String,
    line: LineRow,
    complainant_kind: String,
    complainant: String,
    about: String,
    summary: String,
    steps: Vec<StepRow>,
    handler: Select,
    step: StepInput,
    outcome: Select,
    answered_on: String,
    concluded: bool,
}

async fn complaint_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    id: ComplaintId,
    step: StepInput,
    conclusion: Option<ConclusionInput>,
) -> Result<Response, WebError> {
    let reader = auth.reader(ctx);
    let c = state.store.complaint(&reader, id).await?;
    let lang = ctx.lang;
    let handlers = state.store.complaint_handlers(&reader, id).await?;
    let chosen = c.handler_id.map(|h| h.to_string()).unwrap_or_default();
    let conclusion = conclusion.unwrap_or_else(|| ConclusionInput {
        outcome: c
            .line
            .outcome
            .map(|o| o.key().to_owned())
            .unwrap_or_default(),
        answered_on: c
            .line
            .answered_on
            .unwrap_or_else(|| ctx.zone().day_of(state.store.now()))
            .to_string(),
    });
    Ok(render(&ComplaintPage {
        id: id.to_string(),
        line: line_row(lang, &c.line),
        complainant_kind: t(lang, &format!("complainant-{}", c.complainant_kind.key())),
        complainant: c.complainant.unwrap_or_default(),
        about: c.about_name.unwrap_or_default(),
        summary: c.summary,
        steps: c
            .steps
            .into_iter()
            .map(|s| StepRow {
                day: s.day.to_string(),
                body: s.body,
                noted_by: s.noted_by,
            })
            .collect(),
        handler: Select {
            name: "handler_id",
            label: t(lang, "field-complaint_handler"),
            options: choose(
                lang,
                handlers
                    .into_iter()
                    .map(|(id, name)| SelectOption {
                        selected: chosen == id.to_string(),
                        value: id.to_string(),
                        label: name,
                    })
                    .collect(),
            ),
        },
        step,
        outcome: Select {
            name: "outcome",
            label: t(lang, "field-complaint_outcome"),
            options: choose(
                lang,
                options(
                    ComplaintOutcome::ALL,
                    &conclusion.outcome,
                    ComplaintOutcome::key,
                    |o| t(lang, &format!("complaint-outcome-{}", o.key())),
                ),
            ),
        },
        answered_on: conclusion.answered_on,
        concluded: c.line.outcome.is_some(),
        page,
    }))
}

fn today_input(state: &AppState, ctx: &RequestCtx) -> StepInput {
    StepInput {
        day: ctx.zone().day_of(state.store.now()).to_string(),
        body: String::new(),
    }
}

/// A complaint: who complained and about what, its steps, who handles it, how it ended.
pub async fn complaint(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Path(id): Path<ComplaintId>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "complaint-title");
    let step = today_input(&state, &ctx);
    complaint_page(&state, &auth, &ctx, page, id, step, None).await
}

/// Gives the complaint to a member of the team to handle.
pub async fn assign(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Path(id): Path<ComplaintId>,
    Form(input): Form<HandlerInput>,
) -> Result<Response, WebError> {
    let result = match input.handler_id.trim().parse::<uuid::Uuid>() {
        Ok(handler) => {
            state
                .store
                .assign_complaint(&auth.reader(&ctx), id, handler.into())
                .await
        }
        Err(_) => Err(StoreError::invalid("handler_id", "field-required")),
    };
    answered(
        result,
        &ctx,
        "complaint-title",
        |()| format!("/complaints/{id}"),
        async |page| {
            let step = today_input(&state, &ctx);
            complaint_page(&state, &auth, &ctx, page, id, step, None).await
        },
    )
    .await
}

/// Notes a step of the handling.
pub async fn add_step(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Path(id): Path<ComplaintId>,
    Form(input): Form<StepInput>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .add_complaint_step(&auth.reader(&ctx), id, day(&input.day), &input.body)
        .await;
    answered(
        result,
        &ctx,
        "complaint-title",
        |()| format!("/complaints/{id}#steps"),
        async |page| complaint_page(&state, &auth, &ctx, page, id, input, None).await,
    )
    .await
}

/// Ends the complaint: its outcome and the day the complainant was answered.
pub async fn conclude(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Path(id): Path<ComplaintId>,
    Form(input): Form<ConclusionInput>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .conclude_complaint(
            &auth.reader(&ctx),
            id,
            ComplaintOutcome::parse(input.outcome.trim()),
            day(&input.answered_on),
        )
        .await;
    answered(
        result,
        &ctx,
        "complaint-title",
        |()| format!("/complaints/{id}"),
        async |page| {
            let step = today_input(&state, &ctx);
            complaint_page(&state, &auth, &ctx, page, id, step, Some(input)).await
        },
    )
    .await
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct YearQuery {
    pub year: Option<i32>,
}

#[derive(Template)]
#[template(path = "complaint_report.html")]
struct ReportPage {
    page: Page,
    organization: String,
    period: String,
    year: i32,
    tables: Vec<super::reports::TableView>,
}

/// The report's complaints section for one reporting year (the one holding `year`'s first
/// month of the organization's year, the current one by default): its period and tables.
async fn report_tables(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    year: Option<i32>,
) -> Result<
    (
        havre_report::activity::Period,
        Vec<havre_report::tables::Table>,
    ),
    WebError,
> {
    let org = &auth.organization;
    let day = match year {
        Some(year) => {
            NaiveDate::from_ymd_opt(year, org.year_start.month(), 1).ok_or(WebError::NotFound)?
        }
        None => ctx.zone().day_of(state.store.now()),
    };
    let period = havre_report::activity::Period::reporting_year(day, org.year_start);
    let report = state
        .store
        .complaint_report(org.id, period.first, period.last)
        .await?;
    let natures = state
        .store
        .list_values(org.id, ListKind::ComplaintNature, true)
        .await?;
    let lang = ctx.lang;
    let section = havre_report::activity::ComplaintSection {
        natures: report
            .per_nature
            .iter()
            .map(|n| havre_report::activity::LabelledCount {
                label: super::value_label(&natures, n.nature.id, lang),
                count: n.complaints,
            })
            .collect(),
        report,
    };
    Ok((
        period,
        havre_report::tables::complaints(&section, &|key: &str| t(lang, key)),
    ))
}

/// The yearly complaint report, a document of its own, printable.
pub async fn report(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Params(query): Params<YearQuery>,
) -> Result<Response, WebError> {
    let (period, tables) = report_tables(&state, &auth, &ctx, query.year).await?;
    let lang = ctx.lang;
    Ok(render(&ReportPage {
        page: Page::new(&ctx, "complaint-report-title"),
        organization: auth.organization.name.clone(),
        period: period.title(),
        year: chrono::Datelike::year(&period.first),
        tables: tables
            .into_iter()
            .map(|table| super::reports::view(table, lang))
            .collect(),
    }))
}

/// The yearly complaint report as a PDF, tagged like the annual report's.
pub async fn report_pdf(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Params(query): Params<YearQuery>,
) -> Result<Response, WebError> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let (period, tables) = report_tables(&state, &auth, &ctx, query.year).await?;
    let lang = ctx.lang;
    let title = t(lang, "complaint-report-title");
    let section = havre_report::tables::Section {
        key: "complaints".into(),
        title: t(lang, "report-section-complaints"),
        short_title: t(lang, "report-sheet-complaints"),
        lead: Some(t(lang, "complaint-report-intro")),
        narrative: None,
        tables,
    };
    let subtitle = format!("{} — {}", auth.organization.name, period.title());
    let pdf = havre_report::pdf::document(&title, &subtitle, &[section], lang)
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"plaintes-{}.pdf\"", period.title()),
            ),
        ],
        pdf,
    )
        .into_response())
}
