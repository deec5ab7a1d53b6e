//! Closed groups, their women and sessions; open drop-ins; the emergency fund.

use super::body::{Body, InBody, TIME_NAMES, missing, not_in_list};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use havre_domain::fund::Purpose;
use havre_domain::groups::SessionKind;
use havre_domain::ids::{
    DropinId, FundEntryId, GroupId, GroupMemberId, GroupSessionId, HelpRequestId, PersonId, UserId,
};
use havre_domain::intake::ServiceArea;
use havre_store::groups::{GroupFigures, GroupSummary, NewDropin, NewGroup, NewSession};
use serde::{Deserialize, Serialize};

type Problem = crate::error::Problem;
type Created = crate::api::calls::Created;

#[derive(Serialize, utoipa::ToSchema)]
pub struct GroupFiguresView {
    pub women_at_start: usize,
    pub women_at_end: usize,
    pub meetings_held: usize,
    pub attendance_total: usize,
    pub preparation_minutes: i64,
    /// Each meeting's length times the facilitators present.
    pub facilitation_minutes: i64,
    pub information_headcount: i64,
    pub information_preparation_minutes: i64,
    pub information_minutes: i64,
    pub check_in_women: usize,
    pub check_in_minutes: i64,
    pub invested_minutes: i64,
}

impl From<&GroupFigures> for GroupFiguresView {
    fn from(f: &GroupFigures) -> Self {
        GroupFiguresView {
            women_at_start: f.women_at_start,
            women_at_end: f.women_at_end,
            meetings_held: f.meetings_held,
            attendance_total: f.attendance_total,
            preparation_minutes: f.preparation_minutes,
            facilitation_minutes: f.facilitation_minutes,
            information_headcount: f.information_headcount,
            information_preparation_minutes: f.information_preparation_minutes,
            information_minutes: f.information_minutes,
            check_in_women: f.check_in_women,
            check_in_minutes: f.check_in_minutes,
            invested_minutes: f.invested_minutes,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GroupView {
    pub id: GroupId,
    pub name: String,
    pub service_area: String,
    pub capacity: i32,
    pub planned_meetings: i32,
    pub meeting_minutes: i32,
    pub starts_on: chrono::DateTime<chrono::Utc>,
    /// The end of its period: its last meeting held; none before the first.
    pub ends_on: Option<chrono::DateTime<chrono::Utc>>,
    pub facilitators: Vec<UserId>,
    pub enrolled: usize,
    pub figures: GroupFiguresView,
}

impl From<&GroupSummary> for GroupView {
    fn from(g: &GroupSummary) -> Self {
        GroupView {
            id: g.id,
            name: g.name.clone(),
            service_area: g.service_area.clone(),
            capacity: g.capacity,
            planned_meetings: g.planned_meetings,
            meeting_minutes: g.meeting_minutes,
            starts_on: g.starts_on,
            ends_on: g.ends_on,
            facilitators: g.facilitators.clone(),
            enrolled: g.enrolled,
            figures: (&g.figures).into(),
        }
    }
}

/// The groups of the organization and their figures; nobody is named.
#[utoipa::path(get, path = "/api/v1/groups", tag = "groups",
    responses((status = 200, body = Vec<GroupView>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::ReadAssignedFiles>,
) -> Result<Json<Vec<GroupView>>, WebError> {
    Ok(Json(
        state
            .store
            .groups(auth.organization.id)
            .await?
            .iter()
            .map(Into::into)
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct GroupBody {
    pub name: Option<String>,
    /// direct_help or exploitation.
    #[schema(required = true)]
    pub service_area: Option<String>,
    /// 8 when absent.
    pub capacity: Option<i32>,
    /// 22 when absent.
    pub planned_meetings: Option<i32>,
    /// 180 when absent.
    pub meeting_minutes: Option<i32>,
    #[schema(required = true)]
    pub starts_on: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub facilitators: Vec<UserId>,
}

/// Creates a closed group.
#[utoipa::path(post, path = "/api/v1/groups", tag = "groups", request_body = GroupBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Body(body): Body<GroupBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    use havre_domain::groups::*;
    let service_area = ServiceArea::parse(
        body.service_area
            .as_deref()
            .ok_or_else(|| missing("service_area"))?,
    )
    .ok_or_else(|| not_in_list("service_area"))?;
    let id = state
        .store
        .create_group(
            &auth.reader(&ctx),
            NewGroup {
                name: body.name.unwrap_or_default(),
                service_area,
                capacity: body.capacity.unwrap_or(DEFAULT_CAPACITY),
                planned_meetings: body.planned_meetings.unwrap_or(DEFAULT_PLANNED_MEETINGS),
                meeting_minutes: body.meeting_minutes.unwrap_or(DEFAULT_MEETING_MINUTES),
                starts_on: body.starts_on.ok_or_else(|| missing("starts_on"))?,
                facilitators: if body.facilitators.is_empty() {
                    vec![auth.user.id]
                } else {
                    body.facilitators
                },
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MemberView {
    pub id: GroupMemberId,
    pub person_id: PersonId,
    pub name: String,
    pub enrolled_at: chrono::DateTime<chrono::Utc>,
    pub left_at: Option<chrono::DateTime<chrono::Utc>>,
    pub attended: usize,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SessionView {
    pub id: GroupSessionId,
    /// information, meeting or check_in.
    pub kind: String,
    pub held_at: chrono::DateTime<chrono::Utc>,
    pub duration_minutes: i32,
    pub preparation_minutes: i32,
    pub headcount: Option<i32>,
    pub person_id: Option<PersonId>,
    pub staff: Vec<UserId>,
    pub present: Vec<PersonId>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GroupDetailView {
    pub group: GroupView,
    pub members: Vec<MemberView>,
    pub sessions: Vec<SessionView>,
}

/// A group with its women and sessions, for its facilitators and the coordinator.
#[utoipa::path(get, path = "/api/v1/groups/{id}", tag = "groups", params(("id" = Uuid, Path)),
    responses((status = 200, body = GroupDetailView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn get(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<GroupId>,
) -> Result<Json<GroupDetailView>, WebError> {
    let d = state.store.group_detail(&auth.reader(&ctx), id).await?;
    Ok(Json(GroupDetailView {
        group: (&d.summary).into(),
        members: d
            .members
            .into_iter()
            .map(|m| MemberView {
                id: m.id,
                person_id: m.person_id,
                name: m.name,
                enrolled_at: m.enrolled_at,
                left_at: m.left_at,
                attended: m.attended,
            })
            .collect(),
        sessions: d
            .sessions
            .into_iter()
            .map(|s| SessionView {
                id: s.id,
                kind: s.kind.key().to_owned(),
                held_at: s.held_at,
                duration_minutes: s.duration_minutes,
                preparation_minutes: s.preparation_minutes,
                headcount: s.headcount,
                person_id: s.person_id,
                staff: s.staff,
                present: s.present,
            })
            .collect(),
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct EnrolBody {
    /// Her request (usually waiting).
    #[schema(required = true)]
    pub help_request_id: Option<HelpRequestId>,
    /// When she joined; now when absent.
    pub enrolled_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Enrols a woman from her request; a full group refuses.
#[utoipa::path(post, path = "/api/v1/groups/{id}/members", tag = "groups", params(("id" = Uuid, Path)), request_body = EnrolBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn enrol(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<GroupId>,
    Body(body): Body<EnrolBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let reader = auth.reader(&ctx);
    let Some(request) = body.help_request_id else {
        state.store.group_detail(&reader, id).await?;
        return Err(missing("help_request_id"));
    };
    let member = state
        .store
        .enrol(&reader, id, request, body.enrolled_at)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: member.into() })))
}

/// Records that a woman left the group.
#[utoipa::path(post, path = "/api/v1/groups/{id}/members/{member_id}/withdraw", tag = "groups",
    params(("id" = Uuid, Path), ("member_id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn withdraw(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path((id, member_id)): Path<(GroupId, GroupMemberId)>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .withdraw(&auth.reader(&ctx), id, member_id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SessionBody {
    /// information, meeting or check_in.
    #[schema(required = true)]
    pub kind: Option<String>,
    #[schema(required = true)]
    pub held_at: Option<chrono::DateTime<chrono::Utc>>,
    #[schema(required = true)]
    pub duration_minutes: Option<i32>,
    #[serde(default)]
    pub preparation_minutes: i32,
    #[serde(default)]
    pub staff: Vec<UserId>,
    /// The women present (persons), for a meeting.
    #[serde(default)]
    pub present: Vec<PersonId>,
    /// How many came, for the information meeting.
    pub headcount: Option<i32>,
    /// The woman met, for a check-in.
    pub person_id: Option<PersonId>,
}

/// Records a session of a group with its attendance.
#[utoipa::path(post, path = "/api/v1/groups/{id}/sessions", tag = "groups", params(("id" = Uuid, Path)), request_body = SessionBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_session(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<GroupId>,
    Body(body): Body<SessionBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let reader = auth.reader(&ctx);
    state.store.group_detail(&reader, id).await?;
    let kind = SessionKind::parse(body.kind.as_deref().ok_or_else(|| missing("kind"))?)
        .ok_or_else(|| not_in_list("kind"))?;
    let session = state
        .store
        .record_group_session(
            &reader,
            id,
            NewSession {
                kind,
                held_at: body.held_at.ok_or_else(|| missing("held_at"))?,
                duration_minutes: body
                    .duration_minutes
                    .ok_or_else(|| missing("duration_minutes"))?,
                preparation_minutes: body.preparation_minutes,
                staff: if body.staff.is_empty() {
                    vec![auth.user.id]
                } else {
                    body.staff
                },
                present: body.present,
                headcount: body.headcount,
                person_id: body.person_id,
            },
        )
        .await
        .named(&TIME_NAMES)?;
    Ok((StatusCode::CREATED, Json(Created { id: session.into() })))
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct DropinView {
    pub id: Option<DropinId>,
    /// direct_help or exploitation.
    #[schema(required = true)]
    pub service_area: Option<String>,
    pub theme: Option<String>,
    #[schema(required = true)]
    pub held_at: Option<chrono::DateTime<chrono::Utc>>,
    #[schema(required = true)]
    pub duration_minutes: Option<i32>,
    #[serde(default)]
    pub preparation_minutes: i32,
    #[schema(required = true)]
    pub attendance: Option<i32>,
    #[serde(default)]
    pub staff: Vec<UserId>,
}

/// The drop-ins, newest first.
#[utoipa::path(get, path = "/api/v1/dropins", tag = "groups",
    responses((status = 200, body = Vec<DropinView>)))]
pub async fn dropins(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::ReadAssignedFiles>,
) -> Result<Json<Vec<DropinView>>, WebError> {
    Ok(Json(
        state
            .store
            .dropins(auth.organization.id)
            .await?
            .into_iter()
            .map(|d| DropinView {
                id: Some(d.id),
                service_area: Some(d.service_area),
                theme: Some(d.theme),
                held_at: Some(d.held_at),
                duration_minutes: Some(d.duration_minutes),
                preparation_minutes: d.preparation_minutes,
                attendance: Some(d.attendance),
                staff: d.staff,
            })
            .collect(),
    ))
}

/// Records a drop-in: a theme, a date, how many came.
#[utoipa::path(post, path = "/api/v1/dropins", tag = "groups", request_body = DropinView,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_dropin(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Body(body): Body<DropinView>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let service_area = ServiceArea::parse(
        body.service_area
            .as_deref()
            .ok_or_else(|| missing("service_area"))?,
    )
    .ok_or_else(|| not_in_list("service_area"))?;
    let id = state
        .store
        .record_dropin(
            &auth.reader(&ctx),
            NewDropin {
                service_area,
                theme: body.theme.unwrap_or_default(),
                held_at: body.held_at.ok_or_else(|| missing("held_at"))?,
                duration_minutes: body
                    .duration_minutes
                    .ok_or_else(|| missing("duration_minutes"))?,
                preparation_minutes: body.preparation_minutes,
                attendance: body.attendance.ok_or_else(|| missing("attendance"))?,
                staff: if body.staff.is_empty() {
                    vec![auth.user.id]
                } else {
                    body.staff
                },
            },
        )
        .await
        .named(&TIME_NAMES)?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FundEntryView {
    pub id: FundEntryId,
    /// deposit or request.
    pub kind: String,
    pub person_id: Option<PersonId>,
    pub person_name: Option<String>,
    pub at: chrono::DateTime<chrono::Utc>,
    pub amount_cents: i64,
    pub purpose: Option<String>,
    /// received, pending, approved or refused.
    pub status: String,
    pub granted_cents: Option<i64>,
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
    pub note: Option<String>,
    pub decision_note: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FundView {
    pub deposited_cents: i64,
    pub granted_cents: i64,
    pub balance_cents: i64,
    pub pending_cents: i64,
    pub entries: Vec<FundEntryView>,
}

/// The emergency fund: balance and entries (for those who decide on it).
#[utoipa::path(get, path = "/api/v1/fund", tag = "fund",
    responses((status = 200, body = FundView), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn fund(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::DecideFund>,
) -> Result<Json<FundView>, WebError> {
    let f = state.store.fund(&auth.reader(&ctx)).await?;
    Ok(Json(FundView {
        deposited_cents: f.deposited_cents,
        granted_cents: f.granted_cents,
        balance_cents: f.balance_cents,
        pending_cents: f.pending_cents,
        entries: f
            .entries
            .into_iter()
            .map(|e| FundEntryView {
                id: e.id,
                kind: e.kind,
                person_id: e.person_id,
                person_name: e.person_name,
                at: e.at,
                amount_cents: e.amount_cents,
                purpose: e.purpose,
                status: e.status,
                granted_cents: e.granted_cents,
                decided_at: e.decided_at,
                note: e.note,
                decision_note: e.decision_note,
            })
            .collect(),
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DepositBody {
    #[schema(required = true)]
    pub amount_cents: Option<i64>,
    /// Where the money comes from (a donation, a grant).
    #[serde(default)]
    pub source: String,
}

/// Puts money in the fund.
#[utoipa::path(post, path = "/api/v1/fund/deposits", tag = "fund", request_body = DepositBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn deposit(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::DecideFund>,
    Body(body): Body<DepositBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .deposit(&auth.reader(&ctx), body.amount_cents, &body.source)
        .await
        .named(&[("amount", "amount_cents")])?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FundRequestBody {
    #[schema(required = true)]
    pub amount_cents: Option<i64>,
    /// gift_card, bill, food, transport or other.
    #[schema(required = true)]
    pub purpose: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// Asks the committee for a woman, from her file.
#[utoipa::path(post, path = "/api/v1/files/{id}/fund-requests", tag = "fund", params(("id" = Uuid, Path)), request_body = FundRequestBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn request(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(person): Path<PersonId>,
    Body(body): Body<FundRequestBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .request_fund(
            &auth.reader(&ctx),
            person,
            body.amount_cents,
            body.purpose.as_deref().and_then(Purpose::parse),
            &body.note,
        )
        .await
        .named(&[("amount", "amount_cents")])?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DecisionBody {
    /// approve or refuse.
    #[schema(required = true)]
    pub decision: Option<String>,
    /// The amount granted, for an approval.
    pub granted_cents: Option<i64>,
    #[serde(default)]
    pub note: String,
}

/// The committee's decision on a pending request.
#[utoipa::path(post, path = "/api/v1/fund/requests/{id}/decision", tag = "fund", params(("id" = Uuid, Path)), request_body = DecisionBody,
    responses((status = 204), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn decide(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::DecideFund>,
    Path(id): Path<FundEntryId>,
    Body(body): Body<DecisionBody>,
) -> Result<StatusCode, WebError> {
    use havre_store::fund::Decision;
    let reader = auth.reader(&ctx);
    state.store.pending_fund_request(&reader, id).await?;
    let decision = match body.decision.as_deref() {
        Some("approve") => Decision::Approve {
            granted_cents: body.granted_cents.ok_or_else(|| missing("granted_cents"))?,
        },
        Some("refuse") => Decision::Refuse,
        Some(_) => return Err(not_in_list("decision")),
        None => return Err(missing("decision")),
    };
    state
        .store
        .decide_fund_request(&reader, id, decision, &body.note)
        .await
        .named(&[("granted", "granted_cents")])?;
    Ok(StatusCode::NO_CONTENT)
}
