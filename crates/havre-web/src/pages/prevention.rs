//! Prevention pages: the animation form with the year's totals per workshop and per school (the
//! seed report's Empreinte table, and the season of each school), the programs and their
//! workshops, the evaluations entered as forms or tallies and compiled, the trainings given.

use super::intake::{Boxes, Select, SelectOption};
use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::ctx::Authenticated;
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::{Lang, t, t_args};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use havre_domain::ids::{
    ListValueId, OrganizationId, ProgramId, QuestionId, TrainingGivenId, UserId, WorkshopId,
};
use havre_domain::intake::ServiceArea;
use havre_domain::lists::ListKind;
use havre_domain::policy::{Action, Record, RecordKind};
use havre_domain::prevention::{Audience, NewTraining, NewWorkshop};
use havre_domain::text::{format_count, format_minutes, in_lang};
use havre_domain::validation::{count, minutes};
use havre_store::prevention::{AnimationKey, AnimationTotals, NewAnimation, Program};
use havre_store::{FieldError, StoreError};
use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use std::collections::BTreeMap;

/// A row of the totals tables, as the seed report prints them.
pub struct TotalsRow {
    pub label: String,
    /// The school's season, for a row per place.
    pub link: Option<String>,
    pub animations: String,
    pub groups: String,
    pub students: String,
    pub staff: String,
    pub facilitation: String,
    pub travel: String,
    pub preparation: String,
}

pub(crate) fn totals_rows(
    totals: &[AnimationTotals],
    label: impl Fn(AnimationKey) -> String,
    link: impl Fn(AnimationKey) -> Option<String>,
    lang: Lang,
) -> Vec<TotalsRow> {
    let row = |label: String, link: Option<String>, t: &AnimationTotals| TotalsRow {
        label,
        link,
        animations: format_count(t.animations, lang),
        groups: format_count(t.class_groups, lang),
        students: format_count(t.students, lang),
        staff: format_count(t.staff_participants, lang),
        facilitation: format_minutes(t.facilitation_minutes, lang),
        travel: format_minutes(t.travel_minutes, lang),
        preparation: format_minutes(t.preparation_minutes, lang),
    };
    let mut rows: Vec<TotalsRow> = totals
        .iter()
        .map(|t| row(label(t.key), link(t.key), t))
        .collect();
    rows.sort_by(|a, b| a.label.cmp(&b.label));
    let Some(first) = totals.first() else {
        return rows;
    };
    let zero = AnimationTotals {
        key: first.key,
        animations: 0,
        class_groups: 0,
        students: 0,
        staff_participants: 0,
        facilitation_minutes: 0,
        travel_minutes: 0,
        preparation_minutes: 0,
    };
    let sum = totals.iter().fold(zero, |mut s, t| {
        s.animations += t.animations;
        s.class_groups += t.class_groups;
        s.students += t.students;
        s.staff_participants += t.staff_participants;
        s.facilitation_minutes += t.facilitation_minutes;
        s.travel_minutes += t.travel_minutes;
        s.preparation_minutes += t.preparation_minutes;
        s
    });
    rows.push(row(t(lang, "total"), None, &sum));
    rows
}

/// "Empreinte — 2. Le consentement sexuel", for every workshop of the organization.
pub(crate) fn workshop_labels(programs: &[Program]) -> Vec<(WorkshopId, String)> {
    programs
        .iter()
        .flat_map(|p| {
            p.workshops.iter().map(move |w| {
                let label = havre_domain::prevention::workshop_label(&p.name, w.number, &w.title);
                (w.id, label)
            })
        })
        .collect()
}

/// The organization's places (schools, youth centres…), in the reader's language; retired ones
/// only when asked for.
pub(crate) async fn place_labels(
    state: &AppState,
    org: OrganizationId,
    lang: Lang,
    with_retired: bool,
) -> Result<Vec<(ListValueId, String)>, WebError> {
    Ok(state
        .store
        .list_values(org, ListKind::Place, with_retired)
        .await?
        .into_iter()
        .map(|v| (v.id, in_lang(lang, &v.label_fr, &v.label_en).to_owned()))
        .collect())
}

pub(crate) fn select<T: std::fmt::Display>(
    name: &'static str,
    label: String,
    items: &[(T, String)],
    chosen: &str,
) -> Select {
    let mut options = vec![SelectOption {
        value: String::new(),
        label: String::new(),
        selected: chosen.is_empty(),
    }];
    options.extend(items.iter().map(|(id, l)| SelectOption {
        value: id.to_string(),
        label: l.clone(),
        selected: id.to_string() == chosen,
    }));
    Select {
        name,
        label,
        options,
    }
}

/// An animation, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AnimationForm {
    pub date: String,
    pub time: String,
    pub class_groups: String,
    pub students: String,
    pub staff_participants: String,
    pub facilitation: String,
    pub travel: String,
    pub preparation: String,
    pub workshop_id: String,
    pub place_id: String,
    pub staff: Vec<String>,
}

#[derive(Template)]
#[template(path = "prevention.html")]
struct PreventionPage {
    page: Page,
    year: String,
    workshops: Select,
    places: Select,
    staff: Boxes,
    form: AnimationForm,
    by_workshop: Vec<TotalsRow>,
    by_place: Vec<TotalsRow>,
}

async fn prevention_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    form: AnimationForm,
    sent: bool,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let org = auth.organization.id;
    let programs = state.store.programs(org).await?;
    let labels = workshop_labels(&programs);
    let places = place_labels(state, org, lang, true).await?;
    let (first, last) = ctx
        .year_start()
        .year_of(ctx.zone().day_of(state.store.now()));
    let (from, to) = ctx.zone().day_span(first, last).unwrap_or_default();
    let name_of = |key: AnimationKey| {
        match key {
            AnimationKey::Workshop(id) => labels.iter().find(|(i, _)| *i == id).map(|(_, l)| l),
            AnimationKey::Place(id) => places.iter().find(|(i, _)| *i == id).map(|(_, l)| l),
        }
        .cloned()
        .unwrap_or_default()
    };
    let by_workshop = totals_rows(
        &state
            .store
            .animation_totals(org, from, to, false, None)
            .await?,
        name_of,
        |_| None,
        lang,
    );
    let by_place = totals_rows(
        &state
            .store
            .animation_totals(org, from, to, true, None)
            .await?,
        name_of,
        |key| Some(format!("/prevention/season?place={key}")),
        lang,
    );
    let chosen: Vec<UserId> = form.staff.iter().filter_map(|v| v.parse().ok()).collect();
    let staff = super::team_boxes(
        "staff",
        t(lang, "field-facilitators"),
        &state.store.users(auth.organization.id).await?,
        sent.then_some(&chosen[..]),
        auth.user.id,
    );
    // Retired places keep their name in the totals, but are not offered for a new animation.
    let offered_places = place_labels(state, org, lang, false).await?;
    Ok(render(&PreventionPage {
        year: format!("{}-{}", first.format("%Y"), last.format("%Y")),
        workshops: select(
            "workshop_id",
            t(lang, "field-workshop"),
            &labels,
            &form.workshop_id,
        ),
        places: select(
            "place_id",
            t(lang, "field-place_id"),
            &offered_places,
            &form.place_id,
        ),
        page,
        staff,
        form,
        by_workshop,
        by_place,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
) -> Result<Response, WebError> {
    let form = new_animation_form(&state, &ctx);
    let page = Page::new(&ctx, "nav-prevention");
    prevention_page(&state, &auth, &ctx, page, form, false).await
}

/// The animation form as it opens: now.
fn new_animation_form(state: &AppState, ctx: &RequestCtx) -> AnimationForm {
    let now = ctx.zone().local(state.store.now());
    AnimationForm {
        date: now.format("%Y-%m-%d").to_string(),
        time: now.format("%H:%M").to_string(),
        ..AnimationForm::default()
    }
}

pub async fn record_animation(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Form(form): Form<AnimationForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let held_at = ctx.zone().parse_local(&form.date, &form.time);
    if held_at.is_none() {
        problems.push(FieldError {
            field: "date",
            message_key: "date-time-required",
        });
    }
    let workshop: Option<WorkshopId> = form.workshop_id.parse().ok();
    if workshop.is_none() {
        problems.push(FieldError {
            field: "workshop_id",
            message_key: "value-required",
        });
    }
    let place: Option<ListValueId> = form.place_id.parse().ok();
    if place.is_none() {
        problems.push(FieldError {
            field: "place_id",
            message_key: "value-required",
        });
    }
    let class_groups = count(&form.class_groups, "class_groups", &mut problems);
    let students = count(&form.students, "students", &mut problems);
    let staff_participants = count(
        &form.staff_participants,
        "staff_participants",
        &mut problems,
    );
    let facilitation = minutes(&form.facilitation, "facilitation", false, &mut problems);
    let travel = minutes(&form.travel, "travel", true, &mut problems);
    let preparation = minutes(&form.preparation, "preparation", true, &mut problems);
    let result = match (held_at, workshop, place) {
        (Some(held_at), Some(workshop_id), Some(place_id)) if problems.is_empty() => state
            .store
            .record_animation(
                &auth.reader(&ctx),
                NewAnimation {
                    workshop_id,
                    held_at,
                    place_id,
                    class_groups,
                    students,
                    staff_participants,
                    facilitation_minutes: facilitation,
                    travel_minutes: travel,
                    preparation_minutes: preparation,
                    staff: form.staff.iter().filter_map(|v| v.parse().ok()).collect(),
                },
            )
            .await
            .map(|_| ()),
        _ => Err(StoreError::Invalid(problems)),
    };
    match result {
        Ok(()) => {
            let page =
                Page::new(&ctx, "nav-prevention").with_notice(Some(t(ctx.lang, "animation-saved")));
            let form = new_animation_form(&state, &ctx);
            prevention_page(&state, &auth, &ctx, page, form, false).await
        }
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "nav-prevention").with_errors(errors);
            let mut response = prevention_page(&state, &auth, &ctx, page, form, true).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

pub struct WorkshopRow {
    pub number: Option<i32>,
    pub title: String,
    pub objective: String,
    pub questions: Vec<String>,
}

pub struct ProgramRow {
    pub id: ProgramId,
    pub name: String,
    pub area: String,
    pub workshops: Vec<WorkshopRow>,
}

#[derive(Template)]
#[template(path = "programs.html")]
struct ProgramsPage {
    page: Page,
    programs: Vec<ProgramRow>,
    areas: Select,
    program_select: Select,
}

async fn programs_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let programs = state.store.programs(auth.organization.id).await?;
    let items: Vec<(ProgramId, String)> = programs.iter().map(|p| (p.id, p.name.clone())).collect();
    Ok(render(&ProgramsPage {
        program_select: select("program_id", t(lang, "field-program"), &items, ""),
        areas: Select {
            name: "service_area",
            label: t(lang, "field-service_area"),
            options: ServiceArea::ALL
                .iter()
                .map(|a| SelectOption {
                    value: a.key().into(),
                    label: t(lang, &format!("service_area-{}", a.key())),
                    selected: false,
                })
                .collect(),
        },
        programs: programs
            .into_iter()
            .map(|p| ProgramRow {
                id: p.id,
                area: t(lang, &format!("service_area-{}", p.service_area)),
                name: p.name,
                workshops: p
                    .workshops
                    .into_iter()
                    .map(|w| WorkshopRow {
                        number: w.number,
                        title: w.title,
                        objective: w.objective,
                        questions: w.questions.into_iter().map(|q| q.text).collect(),
                    })
                    .collect(),
            })
            .collect(),
        page,
    }))
}

pub async fn programs(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "programs-title");
    programs_page(&state, &auth, &ctx, page).await
}

async fn after_programs(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    result: Result<(), StoreError>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(Redirect::to("/prevention/programs").into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(ctx, "programs-title").with_errors(errors);
            let mut response = programs_page(state, auth, ctx, page).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// A program, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ProgramForm {
    name: String,
    service_area: String,
}

pub async fn create_program(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Form(form): Form<ProgramForm>,
) -> Result<Response, WebError> {
    let result = match ServiceArea::parse(&form.service_area) {
        Some(area) => state
            .store
            .create_program(&auth.reader(&ctx), &form.name, area)
            .await
            .map(|_| ()),
        None => Err(StoreError::invalid("service_area", "value-not-in-list")),
    };
    after_programs(&state, &auth, &ctx, result).await
}

/// A workshop of a program, as typed: its questions one a line.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct WorkshopForm {
    program_id: String,
    number: String,
    title: String,
    objective: String,
    questions: String,
}

pub async fn add_workshop(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Form(form): Form<WorkshopForm>,
) -> Result<Response, WebError> {
    // A workshop may have no number (an adapted one): the field left empty.
    let number = crate::api::body::optional::<i32>(&form.number);
    let result = match (form.program_id.parse::<ProgramId>(), number) {
        (Ok(program), Ok(number)) => state
            .store
            .add_workshop(
                &auth.reader(&ctx),
                program,
                NewWorkshop {
                    number,
                    title: form.title,
                    objective: form.objective,
                    questions: form
                        .questions
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned)
                        .collect(),
                },
            )
            .await
            .map(|_| ()),
        (Err(_), _) => Err(StoreError::invalid("program_id", "value-required")),
        (_, Err(_)) => Err(StoreError::invalid("number", "number-invalid")),
    };
    let result = match result {
        // A program of another organization reads as one that does not exist.
        Err(StoreError::NotFound) => Err(StoreError::invalid("program_id", "value-not-in-list")),
        other => other,
    };
    after_programs(&state, &auth, &ctx, result).await
}

#[derive(Deserialize)]
pub struct Chosen {
    workshop: Option<WorkshopId>,
}

pub struct CompiledRow {
    pub question: String,
    pub percentages: [String; 4],
    pub answers: u32,
}

pub struct QuestionInput {
    pub id: QuestionId,
    pub position: usize,
    pub text: String,
    /// The counts as typed, when the form comes back with a problem.
    pub typed: [String; 4],
}

#[derive(Template)]
#[template(path = "evaluations.html")]
struct EvaluationsPage {
    page: Page,
    workshops: Select,
    chosen: Option<WorkshopId>,
    title: String,
    respondents: String,
    compiled: Vec<CompiledRow>,
    questions: Vec<QuestionInput>,
    year: String,
    /// The number of forms and the day, as typed (or 1 and today).
    typed_respondents: String,
    typed_date: String,
}

async fn evaluations_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    chosen: Option<WorkshopId>,
    typed: Option<&EvaluationsForm>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let org = auth.organization.id;
    let programs = state.store.programs(org).await?;
    let labels = workshop_labels(&programs);
    let chosen = chosen.filter(|c| labels.iter().any(|(id, _)| id == c));
    let (first, last) = ctx
        .year_start()
        .year_of(ctx.zone().day_of(state.store.now()));
    let (mut compiled, mut questions, mut respondents, mut title) =
        (Vec::new(), Vec::new(), String::new(), String::new());
    if let Some(w) = chosen {
        let (from, to) = ctx.zone().day_span(first, last).unwrap_or_default();
        let c = state.store.compiled_evaluation(org, w, from, to).await?;
        respondents = t_args(lang, "respondents-n", &[("n", c.respondents.to_string())]);
        title = labels
            .iter()
            .find(|(id, _)| *id == w)
            .map(|(_, l)| l.clone())
            .unwrap_or_default();
        questions = question_inputs(&c, typed);
        compiled = compiled_rows(c);
    }
    let mut workshops = select(
        "workshop",
        t(lang, "field-workshop"),
        &labels,
        &chosen.map(|c| c.to_string()).unwrap_or_default(),
    );
    workshops.options.retain(|o| !o.value.is_empty());
    let typed_respondents = match typed {
        None => "1".to_owned(),
        Some(f) => f.respondents.clone(),
    };
    Ok(render(&EvaluationsPage {
        typed_respondents,
        typed_date: typed_date(state, ctx, typed),
        year: format!("{}-{}", first.format("%Y"), last.format("%Y")),
        page,
        workshops,
        chosen,
        title,
        respondents,
        compiled,
        questions,
    }))
}

/// The questions of the evaluation form, with the counts as typed when it comes back.
fn question_inputs(
    c: &havre_store::prevention::CompiledEvaluation,
    typed: Option<&EvaluationsForm>,
) -> Vec<QuestionInput> {
    c.questions
        .iter()
        .enumerate()
        .map(|(i, q)| QuestionInput {
            id: q.question_id,
            position: i,
            text: q.text.clone(),
            typed: typed
                .and_then(|f| f.rows.0.get(&i))
                .map(|row| row.counts.clone())
                .unwrap_or_default(),
        })
        .collect()
}

/// The answers compiled, per question, as percentages.
fn compiled_rows(c: havre_store::prevention::CompiledEvaluation) -> Vec<CompiledRow> {
    c.questions
        .into_iter()
        .map(|q| CompiledRow {
            percentages: match q.percentages {
                Some(p) => p.map(|v| format!("{v}\u{A0}%")),
                None => Default::default(),
            },
            answers: q.answers.iter().sum(),
            question: q.text,
        })
        .collect()
}

/// The day of the forms, as typed, or today.
fn typed_date(state: &AppState, ctx: &RequestCtx, typed: Option<&EvaluationsForm>) -> String {
    match typed.map(|f| f.date.clone()).unwrap_or_default() {
        d if d.is_empty() => state
            .store
            .now()
            .with_timezone(&ctx.zone().tz())
            .format("%Y-%m-%d")
            .to_string(),
        d => d,
    }
}

pub async fn evaluations(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Query(chosen): Query<Chosen>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "evaluations-title");
    evaluations_page(&state, &auth, &ctx, page, chosen.workshop, None).await
}

/// The evaluations of a workshop, as typed: the number of forms, the day, and per question
/// how many answered 1 to 4.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct EvaluationsForm {
    workshop: String,
    date: String,
    respondents: String,
    #[serde(flatten)]
    rows: QuestionRows,
}

/// The questions as the page numbers them: `q{position}` holds a question's id, and
/// `a{position}_{1..4}` how many answered each value.
#[derive(Default)]
pub struct QuestionRows(BTreeMap<usize, QuestionRow>);

#[derive(Default)]
pub struct QuestionRow {
    question: String,
    counts: [String; 4],
}

impl QuestionRows {
    /// The most questions a workshop's form shows.
    const MOST: usize = 30;

    /// Where a field goes: its position, and the answer it counts (none for the question).
    fn place(key: &str) -> Option<(usize, Option<usize>)> {
        let (position, answer) = if let Some(position) = key.strip_prefix('q') {
            (position.parse().ok()?, None)
        } else {
            let (position, answer) = key.strip_prefix('a')?.split_once('_')?;
            let answer = answer
                .parse::<usize>()
                .ok()
                .filter(|a| (1..=4).contains(a))?;
            (position.parse().ok()?, Some(answer - 1))
        };
        (position < Self::MOST).then_some((position, answer))
    }
}

impl<'de> Deserialize<'de> for QuestionRows {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = QuestionRows;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the questions' counts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<QuestionRows, A::Error> {
                let mut rows = QuestionRows::default();
                while let Some(key) = map.next_key::<String>()? {
                    match QuestionRows::place(&key) {
                        Some((position, answer)) => {
                            let row = rows.0.entry(position).or_default();
                            let slot = match answer {
                                None => &mut row.question,
                                Some(a) => &mut row.counts[a],
                            };
                            *slot = map.next_value()?;
                        }
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(rows)
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

/// Enters evaluations: the number of forms and, per question, how many answered 1 to 4.
pub async fn record_evaluations(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Form(form): Form<EvaluationsForm>,
) -> Result<Response, WebError> {
    let Ok(workshop) = form.workshop.parse::<WorkshopId>() else {
        return Err(WebError::NotFound);
    };
    let mut problems = Vec::new();
    // The day the workshop was given: the evaluations count in its reporting year.
    let held_at = ctx.zone().parse_local(&form.date, "12:00");
    if held_at.is_none() {
        problems.push(FieldError {
            field: "date",
            message_key: "date-time-required",
        });
    }
    let respondents = match form.respondents.trim().parse::<i32>() {
        Ok(n) => n,
        Err(_) => {
            problems.push(FieldError {
                field: "respondents",
                message_key: "respondents-out-of-range",
            });
            0
        }
    };
    let answers = typed_answers(&form.rows, &mut problems);
    let result = if problems.is_empty() {
        state
            .store
            .record_evaluations(
                &auth.reader(&ctx),
                workshop,
                None,
                held_at,
                respondents,
                answers.into_iter().collect(),
            )
            .await
            .map(|_| ())
    } else {
        Err(StoreError::Invalid(problems))
    };
    match result {
        Ok(()) => Ok(
            Redirect::to(&format!("/prevention/evaluations?workshop={workshop}")).into_response(),
        ),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "evaluations-title").with_errors(errors);
            let mut response =
                evaluations_page(&state, &auth, &ctx, page, Some(workshop), Some(&form)).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// The counts typed for each question; a count that is not a number is named once, at the
/// answers.
fn typed_answers(
    rows: &QuestionRows,
    problems: &mut Vec<FieldError>,
) -> Vec<(QuestionId, [u32; 4])> {
    let mut answers = Vec::new();
    for row in rows.0.values() {
        let Ok(question) = row.question.parse::<QuestionId>() else {
            continue;
        };
        let mut counts = [0u32; 4];
        for (typed, slot) in row.counts.iter().zip(counts.iter_mut()) {
            let raw = typed.trim();
            if raw.is_empty() {
                continue;
            }
            match raw.parse::<u32>() {
                Ok(n) => *slot = n,
                Err(_) => {
                    if !problems.iter().any(|p: &FieldError| p.field == "answers") {
                        problems.push(FieldError {
                            field: "answers",
                            message_key: "number-invalid",
                        });
                    }
                }
            }
        }
        answers.push((question, counts));
    }
    answers
}

pub struct TrainingRow {
    pub id: TrainingGivenId,
    /// She noted it, or she runs the reports: she may take it back.
    pub removable: bool,
    pub when: String,
    pub audience: String,
    pub title: String,
    pub module: String,
    pub participants: String,
    pub hours: String,
}

/// A profession of the list, with how many participants practise it, as typed.
pub struct ProfessionField {
    pub id: String,
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "trainings.html")]
struct TrainingsPage {
    page: Page,
    audiences: Select,
    title: String,
    module: String,
    participants: String,
    professions: Vec<ProfessionField>,
    minutes: String,
    date: String,
    trainings: Vec<TrainingRow>,
    total: String,
}

async fn trainings_page(
    state: &AppState,
    ctx: &RequestCtx,
    auth: &Authenticated,
    page: Page,
    typed: Option<TrainingForm>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let now = ctx.zone().local(state.store.now());
    let form = typed.unwrap_or_else(|| TrainingForm {
        date: now.format("%Y-%m-%d").to_string(),
        ..TrainingForm::default()
    });
    let (first, last) = ctx.year_start().year_of(now.date_naive());
    let (from, to) = ctx.zone().day_span(first, last).unwrap_or_default();
    let list = state
        .store
        .trainings_given(auth.organization.id, from, to)
        .await?;
    let total = t_args(
        lang,
        "trainings-total",
        &[
            ("n", list.len().to_string()),
            (
                "people",
                format_count(list.iter().map(|t| t.participants as i64).sum(), lang),
            ),
        ],
    );
    let professions = state
        .store
        .list_values(
            auth.organization.id,
            havre_domain::lists::ListKind::Profession,
            false,
        )
        .await?
        .into_iter()
        .map(|p| {
            let id = p.id.to_string();
            let value = form
                .profession_id
                .iter()
                .zip(&form.profession_participants)
                .find(|(typed, _)| **typed == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            ProfessionField {
                label: havre_domain::text::in_lang(lang, &p.label_fr, &p.label_en).to_owned(),
                id,
                value,
            }
        })
        .collect();
    let trainings = list
        .into_iter()
        .map(|t| TrainingRow {
            id: t.id.into(),
            removable: auth.may(
                Action::TakeBack,
                &Record::new(RecordKind::TrainingGiven).noted_by(t.created_by),
            ),
            when: t
                .held_at
                .with_timezone(&ctx.zone().tz())
                .format("%Y-%m-%d")
                .to_string(),
            audience: crate::i18n::t(lang, &format!("audience-{}", t.audience)),
            participants: format_count(t.participants as i64, lang),
            hours: format_minutes(t.minutes as i64, lang),
            module: t.module.unwrap_or_default(),
            title: t.title,
        })
        .collect();
    Ok(render(&TrainingsPage {
        trainings,
        audiences: Select {
            name: "audience",
            label: t(lang, "field-audience"),
            options: Audience::ALL
                .iter()
                .map(|a| SelectOption {
                    value: a.key().into(),
                    label: t(lang, &format!("audience-{}", a.key())),
                    selected: form.audience == a.key(),
                })
                .collect(),
        },
        title: form.title,
        module: form.module,
        participants: form.participants,
        professions,
        minutes: form.minutes,
        date: form.date,
        total,
        page,
    }))
}

pub async fn trainings(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "trainings-title");
    trainings_page(&state, &ctx, &auth, page, None).await
}

/// A training given, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct TrainingForm {
    date: String,
    audience: String,
    title: String,
    module: String,
    participants: String,
    minutes: String,
    /// The professions of the list, each with the participants typed beside it.
    profession_id: Vec<String>,
    profession_participants: Vec<String>,
}

pub async fn record_training(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Form(form): Form<TrainingForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let held_at = ctx.zone().parse_local(&form.date, "09:00");
    if held_at.is_none() {
        problems.push(FieldError {
            field: "date",
            message_key: "date-time-required",
        });
    }
    let audience = Audience::parse(&form.audience);
    if audience.is_none() {
        problems.push(FieldError {
            field: "audience",
            message_key: "value-not-in-list",
        });
    }
    let participants = count(&form.participants, "participants", &mut problems);
    // Each profession's field left blank counts nobody.
    let mut professions = Vec::new();
    for (id, typed) in form.profession_id.iter().zip(&form.profession_participants) {
        if typed.trim().is_empty() {
            continue;
        }
        match id.parse() {
            Ok(id) => professions.push((id, count(typed, "professions", &mut problems))),
            Err(_) => problems.push(FieldError {
                field: "professions",
                message_key: "value-not-in-list",
            }),
        }
    }
    let length = minutes(&form.minutes, "minutes", false, &mut problems);
    let result = match (held_at, audience) {
        (Some(held_at), Some(audience)) if problems.is_empty() => state
            .store
            .record_training(
                &auth.reader(&ctx),
                NewTraining {
                    held_at,
                    audience,
                    title: form.title.clone(),
                    module: havre_domain::validation::optional_text(&form.module),
                    participants,
                    professions,
                    minutes: length,
                    preparation_minutes: 0,
                    travel_minutes: 0,
                },
            )
            .await
            .map(|_| ()),
        _ => Err(StoreError::Invalid(problems)),
    };
    match result {
        Ok(()) => {
            let page =
                Page::new(&ctx, "trainings-title").with_notice(Some(t(ctx.lang, "training-saved")));
            trainings_page(&state, &ctx, &auth, page, None).await
        }
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "trainings-title").with_errors(errors);
            let mut response = trainings_page(&state, &ctx, &auth, page, Some(form)).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// Takes back a training given noted in error, then shows the trainings again.
pub async fn remove_training(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    axum::extract::Path(id): axum::extract::Path<TrainingGivenId>,
) -> Result<Response, WebError> {
    state.store.remove_training(&auth.reader(&ctx), id).await?;
    Ok(Redirect::to("/prevention/trainings").into_response())
}
