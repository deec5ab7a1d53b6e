//! Prevention: programs and workshops, animations and their totals per workshop and per place,
//! trainings given, evaluations and their compilation.

use super::body::{Body, InBody, missing, not_in_list};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use havre_domain::ids::{
    AnimationId, ListValueId, OutreachFigureId, ProgramId, QuestionId, TrainingGivenId, UserId,
    WorkshopId,
};
use havre_domain::intake::ServiceArea;
use havre_domain::prevention::Audience;
use havre_domain::prevention::{NewTraining, NewWorkshop};
use havre_domain::zone::Zone;
use havre_store::prevention::{AnimationKey, NewAnimation};
use serde::{Deserialize, Serialize};

type Problem = crate::error::Problem;
type Created = crate::api::calls::Created;

#[derive(Serialize, utoipa::ToSchema)]
pub struct QuestionView {
    pub id: QuestionId,
    pub text: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WorkshopView {
    pub id: WorkshopId,
    /// None for a workshop without a number (an adapted one).
    pub number: Option<i32>,
    pub title: String,
    pub objective: String,
    pub questions: Vec<QuestionView>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProgramView {
    pub id: ProgramId,
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
    #[schema(required = true)]
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
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct WorkshopBody {
    /// 1 to 99; absent or null for a workshop without a number (an adapted one).
    pub number: Option<i32>,
    pub title: Option<String>,
    #[serde(default)]
    pub objective: String,
    /// The questions of its evaluation, answered on the 1-4 scale.
    #[serde(default)]
    pub questions: Vec<String>,
}

/// Adds a workshop, numbered or not, to a program.
#[utoipa::path(post, path = "/api/v1/prevention/programs/{id}/workshops", tag = "prevention", params(("id" = Uuid, Path)), request_body = WorkshopBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_workshop(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Path(program): Path<ProgramId>,
    Body(body): Body<WorkshopBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .add_workshop(
            &auth.reader(&ctx),
            program,
            NewWorkshop {
                number: body.number,
                title: body.title.unwrap_or_default(),
                objective: body.objective,
                questions: body.questions,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AnimationBody {
    #[schema(required = true)]
    pub workshop_id: Option<WorkshopId>,
    #[schema(required = true)]
    pub held_at: Option<chrono::DateTime<chrono::Utc>>,
    /// A value of the list `place`.
    #[schema(required = true)]
    pub place_id: Option<ListValueId>,
    #[serde(default)]
    pub class_groups: i32,
    #[serde(default)]
    pub students: i32,
    /// Teachers and school staff present.
    #[serde(default)]
    pub staff_participants: i32,
    #[schema(required = true)]
    pub facilitation_minutes: Option<i32>,
    #[serde(default)]
    pub travel_minutes: i32,
    #[serde(default)]
    pub preparation_minutes: i32,
    /// The facilitators; the account itself when absent.
    #[serde(default)]
    pub staff: Vec<UserId>,
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
                    .ok_or_else(|| missing("facilitation_minutes"))?,
                travel_minutes: body.travel_minutes,
                preparation_minutes: body.preparation_minutes,
                staff: if body.staff.is_empty() {
                    vec![auth.user.id]
                } else {
                    body.staff
                },
            },
        )
        .await
        .named(&[
            ("date", "held_at"),
            ("facilitation", "facilitation_minutes"),
            ("preparation", "preparation_minutes"),
            ("travel", "travel_minutes"),
        ])?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Period {
    /// The first day counted (YYYY-MM-DD); the reporting year's first day when absent.
    pub from: Option<chrono::NaiveDate>,
    /// The last day counted (YYYY-MM-DD); the reporting year's last day when absent.
    pub to: Option<chrono::NaiveDate>,
    /// workshop (default) or place.
    pub by: Option<String>,
}

type Instant = chrono::DateTime<chrono::Utc>;

/// The instants of a span of days, the reporting year's by default.
fn bounds(
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    now: Instant,
    zone: Zone,
    year_start: havre_domain::year::YearStart,
) -> Result<(Instant, Instant), WebError> {
    let (first, last) = year_start.year_of(zone.day_of(now));
    match zone.day_span(from.unwrap_or(first), to.unwrap_or(last)) {
        Some((s, e)) if s < e => Ok((s, e)),
        _ => Err(not_in_list("to")),
    }
}

impl Period {
    fn bounds(
        &self,
        now: Instant,
        zone: Zone,
        year_start: havre_domain::year::YearStart,
    ) -> Result<(Instant, Instant), WebError> {
        bounds(self.from, self.to, now, zone, year_start)
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Season {
    /// The first day (YYYY-MM-DD); the reporting year's first day when absent.
    pub from: Option<chrono::NaiveDate>,
    /// The last day (YYYY-MM-DD); the reporting year's last day when absent.
    pub to: Option<chrono::NaiveDate>,
    /// Only the animations at this place (a school's season).
    pub place_id: Option<ListValueId>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AnimationView {
    pub id: AnimationId,
    pub workshop_id: WorkshopId,
    pub place_id: ListValueId,
    pub held_at: chrono::DateTime<chrono::Utc>,
    pub class_groups: i32,
    pub students: i32,
    pub staff_participants: i32,
    pub facilitation_minutes: i32,
    pub travel_minutes: i32,
    pub preparation_minutes: i32,
}

/// The animations of a period, newest first; a school's season with `place_id`.
#[utoipa::path(get, path = "/api/v1/prevention/animations", tag = "prevention", params(Season),
    responses((status = 200, body = Vec<AnimationView>), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn animations(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    super::body::Params(season): super::body::Params<Season>,
) -> Result<Json<Vec<AnimationView>>, WebError> {
    let (from, to) = bounds(
        season.from,
        season.to,
        state.store.now(),
        ctx.zone(),
        ctx.year_start(),
    )?;
    Ok(Json(
        state
            .store
            .animations(auth.organization.id, from, to, season.place_id)
            .await?
            .into_iter()
            .map(|a| AnimationView {
                id: a.id.into(),
                workshop_id: a.workshop_id.into(),
                place_id: a.place_id.into(),
                held_at: a.held_at,
                class_groups: a.class_groups,
                students: a.students,
                staff_participants: a.staff_participants,
                facilitation_minutes: a.facilitation_minutes,
                travel_minutes: a.travel_minutes,
                preparation_minutes: a.preparation_minutes,
            })
            .collect(),
    ))
}

/// Takes back an animation noted in error (whoever noted it, or those who run the reports);
/// its evaluations stay with their workshop.
#[utoipa::path(post, path = "/api/v1/prevention/animations/{id}/remove", tag = "prevention",
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn remove_animation(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Path(id): Path<AnimationId>,
) -> Result<StatusCode, WebError> {
    state.store.remove_animation(&auth.reader(&ctx), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AnimationTotalsView {
    /// The workshop or the place.
    #[schema(value_type = uuid::Uuid)]
    pub key: AnimationKey,
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
    responses((status = 200, body = Vec<AnimationTotalsView>), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn totals(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    super::body::Params(period): super::body::Params<Period>,
) -> Result<Json<Vec<AnimationTotalsView>>, WebError> {
    let (from, to) = period.bounds(state.store.now(), ctx.zone(), ctx.year_start())?;
    let by_place = match period.by.as_deref() {
        None | Some("workshop") => false,
        Some("place") => true,
        Some(_) => return Err(not_in_list("by")),
    };
    Ok(Json(
        state
            .store
            .animation_totals(auth.organization.id, from, to, by_place, None)
            .await?
            .into_iter()
            .map(|t| AnimationTotalsView {
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
    #[schema(required = true)]
    pub held_at: Option<chrono::DateTime<chrono::Utc>>,
    /// school_staff, police, caseworkers or other.
    #[schema(required = true)]
    pub audience: Option<String>,
    pub title: Option<String>,
    #[serde(default)]
    pub participants: i32,
    #[schema(required = true)]
    pub minutes: Option<i32>,
    #[serde(default)]
    pub preparation_minutes: i32,
    #[serde(default)]
    pub travel_minutes: i32,
    /// The module it gives, when it is one of a series (In-Vivo).
    pub module: Option<String>,
    /// How many participants practise each profession (a value of the list `profession`).
    #[serde(default)]
    pub professions: Vec<ProfessionParticipantsBody>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProfessionParticipantsBody {
    pub profession_id: havre_domain::ids::ListValueId,
    pub participants: i32,
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
                module: body
                    .module
                    .as_deref()
                    .and_then(havre_domain::validation::optional_text),
                participants: body.participants,
                professions: body
                    .professions
                    .iter()
                    .map(|p| (p.profession_id, p.participants))
                    .collect(),
                minutes: body.minutes.ok_or_else(|| missing("minutes"))?,
                preparation_minutes: body.preparation_minutes,
                travel_minutes: body.travel_minutes,
            },
        )
        .await
        .named(&[
            ("date", "held_at"),
            ("preparation", "preparation_minutes"),
            ("travel", "travel_minutes"),
        ])?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AnswerBody {
    pub question_id: QuestionId,
    /// How many answered 1 (pas du tout), 2 (un peu), 3 (oui) and 4 (beaucoup).
    pub counts: [u32; 4],
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct EvaluationBody {
    /// The animation the forms come from, if known.
    pub animation_id: Option<AnimationId>,
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
    Path(workshop): Path<WorkshopId>,
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
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CompiledQuestionView {
    pub question_id: QuestionId,
    pub text: String,
    pub counts: [u32; 4],
    /// Whole percentages adding up to 100; absent when nobody answered.
    pub percentages: Option<[u32; 4]>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CompiledView {
    pub workshop_id: WorkshopId,
    pub respondents: i64,
    pub questions: Vec<CompiledQuestionView>,
}

/// A workshop's evaluations of a period, compiled per question.
#[utoipa::path(get, path = "/api/v1/prevention/workshops/{id}/evaluations", tag = "prevention", params(("id" = Uuid, Path), Period),
    responses((status = 200, body = CompiledView), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn compiled(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Path(workshop): Path<WorkshopId>,
    super::body::Params(period): super::body::Params<Period>,
) -> Result<Json<CompiledView>, WebError> {
    let (from, to) = period.bounds(state.store.now(), ctx.zone(), ctx.year_start())?;
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

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FigureBody {
    #[schema(required = true)]
    pub day: Option<chrono::NaiveDate>,
    /// material or social_media.
    #[serde(default)]
    pub kind: String,
    /// "T-shirts de la journée d'action", "Publications Facebook"…
    #[serde(default)]
    pub label: String,
    #[schema(required = true)]
    pub quantity: Option<i64>,
}

/// Records a figure entered by hand: material distributed, social media.
#[utoipa::path(post, path = "/api/v1/prevention/outreach", tag = "prevention", request_body = FigureBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn figure(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Body(body): Body<FigureBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .record_outreach_figure(
            &auth.reader(&ctx),
            body.day.ok_or_else(|| missing("day"))?,
            &body.kind,
            &body.label,
            body.quantity.ok_or_else(|| missing("quantity"))?,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FigureView {
    pub id: OutreachFigureId,
    pub day: chrono::NaiveDate,
    pub kind: String,
    pub label: String,
    pub quantity: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FigureTotalView {
    pub kind: String,
    pub label: String,
    pub quantity: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OutreachView {
    /// Each figure as entered, newest first.
    pub figures: Vec<FigureView>,
    /// Summed per kind and label.
    pub totals: Vec<FigureTotalView>,
}

/// The figures entered by hand over a period, as entered and summed.
#[utoipa::path(get, path = "/api/v1/prevention/outreach", tag = "prevention", params(Period),
    responses((status = 200, body = OutreachView), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn figures(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    super::body::Params(period): super::body::Params<Period>,
) -> Result<Json<OutreachView>, WebError> {
    let (first, last) = ctx
        .year_start()
        .year_of(ctx.zone().day_of(state.store.now()));
    let (from, to) = (period.from.unwrap_or(first), period.to.unwrap_or(last));
    if from > to {
        return Err(not_in_list("to"));
    }
    let org = auth.organization.id;
    Ok(Json(OutreachView {
        figures: state
            .store
            .outreach_figures(org, from, to)
            .await?
            .into_iter()
            .map(|f| FigureView {
                id: f.id.into(),
                day: f.day,
                kind: f.kind,
                label: f.label,
                quantity: f.quantity,
            })
            .collect(),
        totals: state
            .store
            .outreach_totals(org, from, to)
            .await?
            .into_iter()
            .map(|(kind, label, quantity)| FigureTotalView {
                kind,
                label,
                quantity,
            })
            .collect(),
    }))
}

/// Takes back a figure entered in error (whoever entered it, or those who run the reports);
/// the audit keeps what it said.
#[utoipa::path(post, path = "/api/v1/prevention/outreach/{id}/remove", tag = "prevention",
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn remove_figure(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Path(id): Path<OutreachFigureId>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .remove_outreach_figure(&auth.reader(&ctx), id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes back a training given noted in error, as a figure.
#[utoipa::path(post, path = "/api/v1/prevention/trainings/{id}/remove", tag = "prevention",
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn remove_training(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Path(id): Path<TrainingGivenId>,
) -> Result<StatusCode, WebError> {
    state.store.remove_training(&auth.reader(&ctx), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
