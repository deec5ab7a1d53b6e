//! Prevention: programs and workshops, animations and their totals per workshop and per place,
//! trainings given, evaluations and their compilation.

use super::body::{Body, missing, not_in_list};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use havre_domain::intake::ServiceArea;
use havre_domain::prevention::Audience;
use havre_store::prevention::{NewAnimation, NewTraining, NewWorkshop};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

type Problem = crate::error::Problem;
type Created = crate::api::calls::Created;

#[derive(Serialize, utoipa::ToSchema)]
pub struct QuestionView {
    pub id: Uuid,
    pub text: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WorkshopView {
    pub id: Uuid,
    pub number: i32,
    pub title: String,
    pub objective: String,
    pub questions: Vec<QuestionView>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProgramView {
    pub id: Uuid,
    pub name: String,
    pub service_area: String,
    pub workshops: Vec<WorkshopView>,
}

/// The programs of the organization, their workshops and questionnaires.
#[utoipa::path(get, path = "/api/v1/prevention/programs", tag = "prevention",
    responses((status = 200, body = Vec<ProgramView>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn programs(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::RecordPrevention>,
) -> Result<Json<Vec<ProgramView>>, WebError> {
    Ok(Json(
        state
            .store
            .programs(auth.organization.id)
            .await?
            .into_iter()
            .map(|p| ProgramView {
                id: p.id,
                name: p.name,
                service_area: p.service_area,
                workshops: p
                    .workshops
                    .into_iter()
                    .map(|w| WorkshopView {
                        id: w.id,
                        number: w.number,
                        title: w.title,
                        objective: w.objective,
                        questions: w
                            .questions
                            .into_iter()
                            .map(|q| QuestionView {
                                id: q.id,
                                text: q.text,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProgramBody {
    pub name: Option<String>,
    /// direct_help or exploitation.
    pub service_area: Option<String>,
}

/// Creates a program.
#[utoipa::path(post, path = "/api/v1/prevention/programs", tag = "prevention", request_body = ProgramBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_program(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Body(body): Body<ProgramBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let area = ServiceArea::parse(
        body.service_area
            .as_deref()
            .ok_or_else(|| missing("service_area"))?,
    )
    .ok_or_else(|| not_in_list("service_area"))?;
    let id = state
        .store
        .create_program(
            &auth.reader(&ctx),
            body.name.as_deref().unwrap_or_default(),
            area,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct WorkshopBody {
    pub number: Option<i32>,
    pub title: Option<String>,
    #[serde(default)]
    pub objective: String,
    /// The questions of its evaluation, answered on the 1-4 scale.
    #[serde(default)]
    pub questions: Vec<String>,
}

/// Adds a numbered workshop to a program.
#[utoipa::path(post, path = "/api/v1/prevention/programs/{id}/workshops", tag = "prevention", params(("id" = Uuid, Path)), request_body = WorkshopBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_workshop(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Path(program): Path<Uuid>,
    Body(body): Body<WorkshopBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .add_workshop(
            &auth.reader(&ctx),
            program,
            NewWorkshop {
                number: body.number.unwrap_or(0),
                title: body.title.unwrap_or_default(),
                objective: body.objective,
                questions: body.questions,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AnimationBody {
    pub workshop_id: Option<Uuid>,
    pub held_at: Option<chrono::DateTime<chrono::Utc>>,
    /// A value of the list `place`.
    pub place_id: Option<Uuid>,
    #[serde(default)]
    pub class_groups: i32,
    #[serde(default)]
    pub students: i32,
    /// Teachers and school staff present.
    #[serde(default)]
    pub staff_participants: i32,
    pub facilitation_minutes: Option<i32>,
    #[serde(default)]
    pub travel_minutes: i32,
    #[serde(default)]
    pub preparation_minutes: i32,
    /// The facilitators; the account itself when absent.
    #[serde(default)]
    pub staff: Vec<Uuid>,
}

/// Records an animation.
#[utoipa::path(post, path = "/api/v1/prevention/animations", tag = "prevention", request_body = AnimationBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_animation(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Body(body): Body<AnimationBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .record_animation(
            &auth.reader(&ctx),
            NewAnimation {
                workshop_id: body.workshop_id.ok_or_else(|| missing("workshop_id"))?,
                held_at: body.held_at.ok_or_else(|| missing("held_at"))?,
                place_id: body.place_id.ok_or_else(|| missing("place_id"))?,
                class_groups: body.class_groups,
                students: body.students,
                staff_participants: body.staff_participants,
                facilitation_minutes: body
                    .facilitation_minutes
                    .ok_or_else(|| missing("facilitation"))?,
                travel_minutes: body.travel_minutes,
                preparation_minutes: body.preparation_minutes,
                staff: if body.staff.is_empty() {
                    vec![auth.user.id]
                } else {
                    body.staff
                },
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct Period {
    /// The first day counted (YYYY-MM-DD); the reporting year's first day when absent.
    pub from: Option<chrono::NaiveDate>,
    /// The last day counted (YYYY-MM-DD); the reporting year's last day when absent.
    pub to: Option<chrono::NaiveDate>,
    /// workshop (default) or place.
    pub by: Option<String>,
}

impl Period {
    fn bounds(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>), WebError> {
        let (first, last) = havre_domain::prevention::reporting_year(
            now.with_timezone(&chrono::Local).date_naive(),
        );
        let from = self.from.unwrap_or(first);
        let to = self.to.unwrap_or(last);
        match crate::page::day_span(from, to) {
            Some((s, e)) if s < e => Ok((s, e)),
            _ => Err(not_in_list("to")),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TotalsView {
    /// The workshop or the place.
    pub key: Uuid,
    pub animations: i64,
    pub class_groups: i64,
    pub students: i64,
    pub staff_participants: i64,
    pub facilitation_minutes: i64,
    pub travel_minutes: i64,
    pub preparation_minutes: i64,
}

/// Totals of the animations of a period, per workshop or per place.
#[utoipa::path(get, path = "/api/v1/prevention/totals", tag = "prevention", params(Period),
    responses((status = 200, body = Vec<TotalsView>), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn totals(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::RecordPrevention>,
    Query(period): Query<Period>,
) -> Result<Json<Vec<TotalsView>>, WebError> {
    let (from, to) = period.bounds(state.store.now())?;
    let by_place = match period.by.as_deref() {
        None | Some("workshop") => false,
        Some("place") => true,
        Some(_) => return Err(not_in_list("by")),
    };
    Ok(Json(
        state
            .store
            .animation_totals(auth.organization.id, from, to, by_place)
            .await?
            .into_iter()
            .map(|t| TotalsView {
                key: t.key,
                animations: t.animations,
                class_groups: t.class_groups,
                students: t.students,
                staff_participants: t.staff_participants,
                facilitation_minutes: t.facilitation_minutes,
                travel_minutes: t.travel_minutes,
                preparation_minutes: t.preparation_minutes,
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TrainingBody {
    pub held_at: Option<chrono::DateTime<chrono::Utc>>,
    /// school_staff, police, caseworkers or other.
    pub audience: Option<String>,
    pub title: Option<String>,
    #[serde(default)]
    pub participants: i32,
    pub minutes: Option<i32>,
    #[serde(default)]
    pub preparation_minutes: i32,
    #[serde(default)]
    pub travel_minutes: i32,
}

/// Records a training given.
#[utoipa::path(post, path = "/api/v1/prevention/trainings", tag = "prevention", request_body = TrainingBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_training(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Body(body): Body<TrainingBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let audience = Audience::parse(
        body.audience
            .as_deref()
            .ok_or_else(|| missing("audience"))?,
    )
    .ok_or_else(|| not_in_list("audience"))?;
    let id = state
        .store
        .record_training(
            &auth.reader(&ctx),
            NewTraining {
                held_at: body.held_at.ok_or_else(|| missing("held_at"))?,
                audience,
                title: body.title.unwrap_or_default(),
                participants: body.participants,
                minutes: body.minutes.ok_or_else(|| missing("duration"))?,
                preparation_minutes: body.preparation_minutes,
                travel_minutes: body.travel_minutes,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AnswerBody {
    pub question_id: Uuid,
    /// How many answered 1 (pas du tout), 2 (un peu), 3 (oui) and 4 (beaucoup).
    pub counts: [u32; 4],
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct EvaluationBody {
    /// The animation the forms come from, if known.
    pub animation_id: Option<Uuid>,
    /// 1 for one filled form; more for tallies.
    pub respondents: Option<i32>,
    /// When the workshop was given, without an animation; the day of entry when absent.
    pub held_at: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub answers: Vec<AnswerBody>,
}

/// Enters evaluations of a workshop: one form or the tallies of several.
#[utoipa::path(post, path = "/api/v1/prevention/workshops/{id}/evaluations", tag = "prevention", params(("id" = Uuid, Path)), request_body = EvaluationBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_evaluations(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Path(workshop): Path<Uuid>,
    Body(body): Body<EvaluationBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .record_evaluations(
            &auth.reader(&ctx),
            workshop,
            body.animation_id,
            body.held_at,
            body.respondents.unwrap_or(0),
            body.answers
                .into_iter()
                .map(|a| (a.question_id, a.counts))
                .collect(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CompiledQuestionView {
    pub question_id: Uuid,
    pub text: String,
    pub counts: [u32; 4],
    /// Whole percentages adding up to 100; absent when nobody answered.
    pub percentages: Option<[u32; 4]>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CompiledView {
    pub workshop_id: Uuid,
    pub respondents: i64,
    pub questions: Vec<CompiledQuestionView>,
}

/// A workshop's evaluations of a period, compiled per question.
#[utoipa::path(get, path = "/api/v1/prevention/workshops/{id}/evaluations", tag = "prevention", params(("id" = Uuid, Path), Period),
    responses((status = 200, body = CompiledView), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn compiled(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::RecordPrevention>,
    Path(workshop): Path<Uuid>,
    Query(period): Query<Period>,
) -> Result<Json<CompiledView>, WebError> {
    let (from, to) = period.bounds(state.store.now())?;
    let c = state
        .store
        .compiled_evaluation(auth.organization.id, workshop, from, to)
        .await?;
    Ok(Json(CompiledView {
        workshop_id: c.workshop_id,
        respondents: c.respondents,
        questions: c
            .questions
            .into_iter()
            .map(|q| CompiledQuestionView {
                question_id: q.question_id,
                text: q.text,
                counts: q.answers,
                percentages: q.percentages,
            })
            .collect(),
    }))
}
