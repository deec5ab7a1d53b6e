//! Governance, the JSON twin of `/governance`: the organization's members, its board meetings
//! and its annual general meetings. Board members read; the administrator and the coordinator
//! record (`Permission::RecordGovernance`).

use super::body::{Body, InBody, missing, not_in_list};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use havre_domain::governance::MemberKind;
use havre_domain::ids::{AnnualMeetingId, BoardMeetingId, GovernanceMemberId};
use havre_store::governance::{NewAnnualMeeting, NewBoardMeeting, NewMember};
use serde::{Deserialize, Serialize};

type Problem = crate::error::Problem;
type Created = crate::api::calls::Created;

/// The store names a field by its meaning; the body names it as the client sends it.
const BODY_NAMES: [(&str, &str); 6] = [
    ("date", "held_at"),
    ("length", "length_minutes"),
    ("preparation", "preparation_minutes"),
    ("minutes_writing", "minutes_writing_minutes"),
    ("report", "report_minutes"),
    ("presence", "presence_minutes"),
];

#[derive(Serialize, utoipa::ToSchema)]
pub struct GovernanceMemberView {
    pub id: GovernanceMemberId,
    pub name: String,
    /// worker, activist, board_member or other_member.
    pub kind: String,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct GovernanceMemberBody {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    /// worker, activist, board_member or other_member.
    #[schema(required = true)]
    pub kind: Option<String>,
    #[schema(required = true)]
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct GovernanceMemberPatch {
    /// The day she left; null when she has not.
    pub left_on: Option<NaiveDate>,
}

/// The members of the organization, those present first.
#[utoipa::path(get, path = "/api/v1/governance/members", tag = "governance",
    responses((status = 200, body = Vec<GovernanceMemberView>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn members(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeGovernance>,
) -> Result<Json<Vec<GovernanceMemberView>>, WebError> {
    Ok(Json(
        state
            .store
            .members(&auth.reader(&ctx))
            .await?
            .into_iter()
            .map(|m| GovernanceMemberView {
                id: m.id,
                name: m.name,
                kind: m.kind.key().to_owned(),
                joined_on: m.joined_on,
                left_on: m.left_on,
            })
            .collect(),
    ))
}

/// Adds a member of the organization.
#[utoipa::path(post, path = "/api/v1/governance/members", tag = "governance", request_body = GovernanceMemberBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_member(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordGovernance>,
    Body(body): Body<GovernanceMemberBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let kind = MemberKind::parse(body.kind.as_deref().ok_or_else(|| missing("kind"))?)
        .ok_or_else(|| not_in_list("kind"))?;
    let id = state
        .store
        .add_member(
            &auth.reader(&ctx),
            NewMember {
                name: body.name,
                kind,
                joined_on: body.joined_on.ok_or_else(|| missing("joined_on"))?,
                left_on: body.left_on,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// Notes the day a member left, or clears it.
#[utoipa::path(patch, path = "/api/v1/governance/members/{id}", tag = "governance", request_body = GovernanceMemberPatch,
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn update_member(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordGovernance>,
    Path(id): Path<GovernanceMemberId>,
    Body(body): Body<GovernanceMemberPatch>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .set_member_left(&auth.reader(&ctx), id, body.left_on)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct BoardMeetingView {
    pub id: BoardMeetingId,
    pub held_at: DateTime<Utc>,
    pub length_minutes: i64,
    pub preparation_minutes: i64,
    pub minutes_writing_minutes: i64,
    /// The members present.
    pub present: Vec<GovernanceMemberId>,
    /// Preparation, minutes and the length for each worker present.
    pub internal_minutes: i64,
    /// The length for each activist or board member present.
    pub activism_minutes: i64,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BoardMeetingBody {
    #[schema(required = true)]
    pub held_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub length_minutes: Option<i64>,
    #[serde(default)]
    pub preparation_minutes: i64,
    #[serde(default)]
    pub minutes_writing_minutes: i64,
    /// The members present: at least one.
    #[serde(default)]
    #[schema(required = true)]
    pub present: Vec<GovernanceMemberId>,
}

/// The board meetings, newest first.
#[utoipa::path(get, path = "/api/v1/governance/board-meetings", tag = "governance",
    responses((status = 200, body = Vec<BoardMeetingView>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn board_meetings(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeGovernance>,
) -> Result<Json<Vec<BoardMeetingView>>, WebError> {
    Ok(Json(
        state
            .store
            .board_meetings(&auth.reader(&ctx))
            .await?
            .into_iter()
            .map(|b| BoardMeetingView {
                id: b.id,
                held_at: b.held_at,
                length_minutes: b.length_minutes,
                preparation_minutes: b.preparation_minutes,
                minutes_writing_minutes: b.minutes_writing_minutes,
                present: b.present.into_iter().collect(),
                internal_minutes: b.hours.internal_minutes,
                activism_minutes: b.hours.activism_minutes,
            })
            .collect(),
    ))
}

/// Records a board meeting and who was present.
#[utoipa::path(post, path = "/api/v1/governance/board-meetings", tag = "governance", request_body = BoardMeetingBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_board_meeting(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordGovernance>,
    Body(body): Body<BoardMeetingBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .record_board_meeting(
            &auth.reader(&ctx),
            NewBoardMeeting {
                held_at: body.held_at.ok_or_else(|| missing("held_at"))?,
                length_minutes: body
                    .length_minutes
                    .ok_or_else(|| missing("length_minutes"))?,
                preparation_minutes: body.preparation_minutes,
                minutes_writing_minutes: body.minutes_writing_minutes,
                present: body.present.into_iter().collect(),
            },
        )
        .await
        .named(&BODY_NAMES)?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AnnualMeetingView {
    pub id: AnnualMeetingId,
    pub held_at: DateTime<Utc>,
    pub members_present: i64,
    pub non_members_present: i64,
    pub preparation_minutes: i64,
    pub report_minutes: i64,
    pub presence_minutes: i64,
    /// Preparation, the report and presence together.
    pub invested_minutes: i64,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AnnualMeetingBody {
    #[schema(required = true)]
    pub held_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub members_present: Option<i64>,
    #[serde(default)]
    pub non_members_present: i64,
    #[serde(default)]
    pub preparation_minutes: i64,
    #[serde(default)]
    pub report_minutes: i64,
    #[serde(default)]
    pub presence_minutes: i64,
}

/// The annual general meetings, newest first.
#[utoipa::path(get, path = "/api/v1/governance/annual-meetings", tag = "governance",
    responses((status = 200, body = Vec<AnnualMeetingView>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn annual_meetings(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeGovernance>,
) -> Result<Json<Vec<AnnualMeetingView>>, WebError> {
    Ok(Json(
        state
            .store
            .annual_meetings(&auth.reader(&ctx))
            .await?
            .into_iter()
            .map(|a| AnnualMeetingView {
                id: a.id,
                held_at: a.held_at,
                members_present: a.members_present,
                non_members_present: a.non_members_present,
                preparation_minutes: a.preparation_minutes,
                report_minutes: a.report_minutes,
                presence_minutes: a.presence_minutes,
                invested_minutes: a.invested_minutes,
            })
            .collect(),
    ))
}

/// Records an annual general meeting.
#[utoipa::path(post, path = "/api/v1/governance/annual-meetings", tag = "governance", request_body = AnnualMeetingBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_annual_meeting(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordGovernance>,
    Body(body): Body<AnnualMeetingBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .record_annual_meeting(
            &auth.reader(&ctx),
            NewAnnualMeeting {
                held_at: body.held_at.ok_or_else(|| missing("held_at"))?,
                members_present: body
                    .members_present
                    .ok_or_else(|| missing("members_present"))?,
                non_members_present: body.non_members_present,
                preparation_minutes: body.preparation_minutes,
                report_minutes: body.report_minutes,
                presence_minutes: body.presence_minutes,
            },
        )
        .await
        .named(&BODY_NAMES)?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}
