//! Person files, their meetings, notes, attachments and relatives. The store decides who may
//! open a file; a file that is not hers answers 403 `access-reason-required` until she posts
//! a reason to `/access`.

use super::body::{Body, InBody, TIME_NAMES, missing, not_in_list};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use havre_domain::care::NoteScope;
use havre_domain::ids::{
    AttachmentId, EpisodeId, ListValueId, MeetingId, NoteId, PersonId, RelativeId, UserId,
};
use havre_domain::meetings::{ClosingReason, LimitCheck, MeetingKind, MeetingTime, PlaceKind};
use havre_store::files::{FileAccess, FileSummary, PersonFile};
use havre_store::meetings::NewMeeting;
use serde::{Deserialize, Serialize};

type Problem = crate::error::Problem;

#[derive(Serialize, utoipa::ToSchema)]
pub struct LimitUseView {
    /// emergency, follow_up or relatives.
    pub kind: String,
    pub limit: u32,
    pub used: u32,
    pub relative_id: Option<RelativeId>,
    /// At most one meeting left, or past the limit.
    pub near: bool,
}

impl From<&havre_store::files::LimitUse> for LimitUseView {
    fn from(u: &havre_store::files::LimitUse) -> Self {
        LimitUseView {
            kind: u.kind.key().to_owned(),
            limit: u.limit,
            used: u.used,
            relative_id: u.relative_id,
            near: u.near(),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EpisodeView {
    pub id: EpisodeId,
    pub sequence: i32,
    pub received_at: chrono::DateTime<chrono::Utc>,
    /// waiting, in_service or closed.
    pub status: String,
    pub service_area: String,
    pub teenager: bool,
    pub code: i32,
    pub services_started_at: Option<chrono::DateTime<chrono::Utc>>,
    pub closed_at: Option<chrono::DateTime<chrono::Utc>>,
    pub close_reason: Option<String>,
}

impl From<&havre_store::files::Episode> for EpisodeView {
    fn from(e: &havre_store::files::Episode) -> Self {
        EpisodeView {
            id: e.id,
            sequence: e.sequence,
            received_at: e.received_at,
            status: e.status.clone(),
            service_area: e.service_area.clone(),
            teenager: e.teenager,
            code: e.code,
            services_started_at: e.services_started_at,
            closed_at: e.closed_at,
            close_reason: e.close_reason.clone(),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FileSummaryView {
    pub person_id: PersonId,
    pub name: String,
    pub episode: Option<EpisodeView>,
    pub last_meeting_at: Option<chrono::DateTime<chrono::Utc>>,
    pub near_limits: Vec<LimitUseView>,
}

impl From<FileSummary> for FileSummaryView {
    fn from(f: FileSummary) -> Self {
        FileSummaryView {
            person_id: f.person_id,
            episode: f.episode.as_ref().map(Into::into),
            last_meeting_at: f.last_meeting_at,
            near_limits: f.near_limits.iter().map(Into::into).collect(),
            name: f.name,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FilesView {
    /// The files assigned to the account.
    pub mine: Vec<FileSummaryView>,
    /// Every file in service, for the coordinator.
    pub all: Option<Vec<FileSummaryView>>,
}

/// The files of the account (and every open one for the coordinator).
#[utoipa::path(get, path = "/api/v1/files", tag = "files",
    responses((status = 200, body = FilesView), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
) -> Result<Json<FilesView>, WebError> {
    use havre_domain::policy::{Action, Record, RecordKind};
    let reader = auth.reader(&ctx);
    let mine = state.store.files_of(&reader).await?;
    let all = if auth.may(Action::Oversee, &Record::new(RecordKind::PersonFile)) {
        Some(
            state
                .store
                .open_files(&reader)
                .await?
                .into_iter()
                .map(Into::into)
                .collect(),
        )
    } else {
        None
    };
    Ok(Json(FilesView {
        mine: mine.into_iter().map(Into::into).collect(),
        all,
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SafeContactView {
    pub may_call: bool,
    pub may_leave_message: bool,
    pub may_say_our_name: bool,
    pub hours: String,
    pub safe_number: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MeetingView {
    pub id: MeetingId,
    pub episode_id: EpisodeId,
    pub kind: String,
    pub held_at: chrono::DateTime<chrono::Utc>,
    pub place: String,
    pub place_id: Option<ListValueId>,
    pub relative_id: Option<RelativeId>,
    pub duration_minutes: i32,
    pub preparation_minutes: i32,
    pub debrief_minutes: i32,
    pub travel_minutes: i32,
    /// The meeting and the time around it.
    pub invested_minutes: i32,
    pub staff: Vec<UserId>,
    pub over_limit_reason: Option<String>,
    /// The texts handed to her at this meeting with their versions
    /// (`service_declaration:3,complaint_process:2`).
    pub texts_given: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct NoteView {
    pub id: NoteId,
    /// Who reads it besides its author: team, health, legal or complaint.
    pub scope: NoteScope,
    pub body: String,
    pub author_id: Option<UserId>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AttachmentView {
    pub id: AttachmentId,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RelativeView {
    pub id: RelativeId,
    pub name: String,
    pub relation: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FileView {
    pub person_id: PersonId,
    pub name: String,
    pub phone: Option<String>,
    pub birth_year: Option<String>,
    /// To read before any contact.
    pub safe_contact: SafeContactView,
    /// assigned, all_files or exceptional.
    pub access: String,
    /// When an exceptional access ends.
    pub access_until: Option<chrono::DateTime<chrono::Utc>>,
    pub episodes: Vec<EpisodeView>,
    pub caseworkers: Vec<UserId>,
    pub relatives: Vec<RelativeView>,
    /// Newest first.
    pub timeline: Vec<MeetingView>,
    pub notes: Vec<NoteView>,
    pub attachments: Vec<AttachmentView>,
    pub limits: Vec<LimitUseView>,
    /// Her appointments the reader may see, latest first.
    pub appointments: Vec<havre_store::care::Appointment>,
    /// The scopes the reader may write a note under.
    pub note_scopes: Vec<NoteScope>,
    /// Whether the reader reads the team's part of the file (contact, episodes, meetings,
    /// documents); the police officer on site and the reception do not, and get it empty.
    pub team_part: bool,
}

impl From<&havre_store::files::Note> for NoteView {
    fn from(n: &havre_store::files::Note) -> Self {
        NoteView {
            id: n.id,
            scope: n.scope,
            body: n.body.clone(),
            author_id: n.author_id,
            created_at: n.created_at,
        }
    }
}

impl From<PersonFile> for FileView {
    fn from(f: PersonFile) -> Self {
        let (access, access_until) = match f.access {
            FileAccess::Assigned => ("assigned", None),
            FileAccess::AllFiles => ("all_files", None),
            FileAccess::Exceptional { until } => ("exceptional", Some(until)),
            FileAccess::AccessRequest => ("access_request", None),
        };
        FileView {
            person_id: f.person_id,
            safe_contact: SafeContactView {
                may_call: f.safe_contact.may_call,
                may_leave_message: f.safe_contact.may_leave_message,
                may_say_our_name: f.safe_contact.may_say_our_name,
                hours: f.safe_contact.hours.clone(),
                safe_number: f.safe_contact.safe_number.clone(),
            },
            access: access.to_owned(),
            access_until,
            episodes: f.episodes.iter().map(Into::into).collect(),
            relatives: f
                .relatives
                .iter()
                .map(|r| RelativeView {
                    id: r.id,
                    name: r.name.clone(),
                    relation: r.relation.clone(),
                })
                .collect(),
            timeline: f
                .timeline
                .iter()
                .map(|m| MeetingView {
                    id: m.id,
                    episode_id: m.episode_id,
                    kind: m.kind.key().to_owned(),
                    held_at: m.held_at,
                    place: m.place_kind.clone(),
                    place_id: m.place_id,
                    relative_id: m.relative_id,
                    duration_minutes: m.time.duration,
                    preparation_minutes: m.time.preparation,
                    debrief_minutes: m.time.debrief,
                    travel_minutes: m.time.travel,
                    invested_minutes: m.time.invested(),
                    staff: m.staff.clone(),
                    over_limit_reason: m.over_limit_reason.clone(),
                    texts_given: m.texts_given.clone(),
                })
                .collect(),
            notes: f.notes.iter().map(Into::into).collect(),
            appointments: f.appointments,
            note_scopes: f.note_scopes,
            team_part: f.team_part,
            attachments: f
                .attachments
                .iter()
                .map(|a| AttachmentView {
                    id: a.id,
                    file_name: a.file_name.clone(),
                    media_type: a.media_type.clone(),
                    size_bytes: a.size_bytes,
                    created_at: a.created_at,
                })
                .collect(),
            limits: f.limits.iter().map(Into::into).collect(),
            caseworkers: f.caseworkers,
            name: f.name,
            phone: f.phone,
            birth_year: f.birth_year,
        }
    }
}

/// A person's file. Reading it is audited; a file not assigned to the account answers 403
/// (`access-reason-required`) until a reason is given.
#[utoipa::path(get, path = "/api/v1/files/{id}", tag = "files", params(("id" = Uuid, Path)),
    responses((status = 200, body = FileView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn get(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
) -> Result<Json<FileView>, WebError> {
    Ok(Json(
        state
            .store
            .person_file(&auth.reader(&ctx), id)
            .await?
            .into(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AccessBody {
    /// Why she opens a file that is not hers; the coordinator reads it.
    pub reason: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AccessView {
    pub until: chrono::DateTime<chrono::Utc>,
}

/// Opens a file that is not the account's, for a written reason ("break the glass").
#[utoipa::path(post, path = "/api/v1/files/{id}/access", tag = "files", params(("id" = Uuid, Path)), request_body = AccessBody,
    responses((status = 200, body = AccessView), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn open_with_reason(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Body(body): Body<AccessBody>,
) -> Result<Json<AccessView>, WebError> {
    let until = state
        .store
        .open_file_with_reason(
            &auth.reader(&ctx),
            id,
            body.reason.as_deref().unwrap_or_default(),
        )
        .await?;
    Ok(Json(AccessView { until }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct MeetingBody {
    /// first_meeting, emergency, follow_up, relatives, accompaniment_compensation,
    /// accompaniment_court, accompaniment_medical, accompaniment_rights, designated_centre,
    /// exploitation_follow_up, peer_dialogue, text_line.
    #[schema(required = true)]
    pub kind: Option<String>,
    #[schema(required = true)]
    pub held_at: Option<chrono::DateTime<chrono::Utc>>,
    /// centre, partner_premises, home, phone, video.
    #[schema(required = true)]
    pub place: Option<String>,
    /// For partner premises: a value of the list `place`.
    pub place_id: Option<ListValueId>,
    #[schema(required = true)]
    pub duration_minutes: Option<i32>,
    #[serde(default)]
    pub preparation_minutes: i32,
    #[serde(default)]
    pub debrief_minutes: i32,
    #[serde(default)]
    pub travel_minutes: i32,
    /// The members of the team present.
    #[serde(default)]
    pub staff: Vec<UserId>,
    /// For support to relatives.
    pub relative_id: Option<RelativeId>,
    /// Required to go past a limit.
    pub over_limit_reason: Option<String>,
    /// At a first meeting: the service declaration and the complaint process were handed to
    /// her; their current versions are recorded, and refused at `texts_given` while one is
    /// not published.
    pub texts_given: Option<bool>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RecordedMeetingView {
    pub id: MeetingId,
    /// within, last (the last meeting the limit allows) or beyond.
    pub limit_status: String,
    pub limit: Option<u32>,
}

/// Records a meeting on the open episode of a file.
#[utoipa::path(post, path = "/api/v1/files/{id}/meetings", tag = "files", params(("id" = Uuid, Path)), request_body = MeetingBody,
    responses((status = 201, body = RecordedMeetingView), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_meeting(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Body(body): Body<MeetingBody>,
) -> Result<(StatusCode, Json<RecordedMeetingView>), WebError> {
    let reader = auth.reader(&ctx);
    state.store.may_open_file(&reader, id).await?;
    let kind = MeetingKind::parse(body.kind.as_deref().ok_or_else(|| missing("kind"))?)
        .ok_or_else(|| not_in_list("kind"))?;
    let place = PlaceKind::parse(body.place.as_deref().ok_or_else(|| missing("place"))?)
        .ok_or_else(|| not_in_list("place"))?;
    let new = NewMeeting {
        kind,
        held_at: body.held_at.ok_or_else(|| missing("held_at"))?,
        place,
        place_id: body.place_id,
        time: MeetingTime {
            duration: body
                .duration_minutes
                .ok_or_else(|| missing("duration_minutes"))?,
            preparation: body.preparation_minutes,
            debrief: body.debrief_minutes,
            travel: body.travel_minutes,
        },
        staff: if body.staff.is_empty() {
            vec![auth.user.id]
        } else {
            body.staff
        },
        relative_id: body.relative_id,
        over_limit_reason: body.over_limit_reason,
        texts_given: body.texts_given.unwrap_or(false),
    };
    let recorded = state
        .store
        .record_meeting(&reader, id, new)
        .await
        .named(&TIME_NAMES)?;
    let (limit_status, limit) = match recorded.limit {
        LimitCheck::Within => ("within", None),
        LimitCheck::Last { limit } => ("last", Some(limit)),
        LimitCheck::Beyond { limit, .. } => ("beyond", Some(limit)),
    };
    Ok((
        StatusCode::CREATED,
        Json(RecordedMeetingView {
            id: recorded.id,
            limit_status: limit_status.to_owned(),
            limit,
        }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NoteBody {
    pub body: Option<String>,
    /// Who reads it besides its author (docs/care.md): `team` when absent; `health` for the
    /// care team, `legal` for what she keeps with the legal team, `complaint` for what she
    /// agreed to share for her complaint.
    pub scope: Option<NoteScope>,
}

/// One note, for a reader whose profession reads it. A note she may not read answers 404,
/// as one that does not exist; the refusal is written to the audit log.
#[utoipa::path(get, path = "/api/v1/files/{id}/notes/{note_id}", tag = "files",
    params(("id" = Uuid, Path), ("note_id" = Uuid, Path)),
    responses((status = 200, body = NoteView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn note(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path((id, note_id)): Path<(PersonId, NoteId)>,
) -> Result<Json<NoteView>, WebError> {
    let note = state.store.note(&auth.reader(&ctx), id, note_id).await?;
    Ok(Json((&note).into()))
}

/// Adds a note to a file (sealed in the database).
#[utoipa::path(post, path = "/api/v1/files/{id}/notes", tag = "files", params(("id" = Uuid, Path)), request_body = NoteBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_note(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Body(body): Body<NoteBody>,
) -> Result<(StatusCode, Json<crate::api::calls::Created>), WebError> {
    let id = state
        .store
        .add_note(
            &auth.reader(&ctx),
            id,
            body.body.as_deref().unwrap_or_default(),
            body.scope.unwrap_or(NoteScope::Team),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(crate::api::calls::Created { id: id.into() }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AttachmentBody {
    pub file_name: Option<String>,
    /// The document, in standard base64. PDF, PNG, JPEG or plain text; 5 MiB at most.
    pub content_base64: Option<String>,
}

/// Attaches a document to a file (sealed in the database).
#[utoipa::path(post, path = "/api/v1/files/{id}/attachments", tag = "files", params(("id" = Uuid, Path)), request_body = AttachmentBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_attachment(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Body(body): Body<AttachmentBody>,
) -> Result<(StatusCode, Json<crate::api::calls::Created>), WebError> {
    let reader = auth.reader(&ctx);
    state.store.may_open_file(&reader, id).await?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(body.content_base64.as_deref().unwrap_or_default())
        .map_err(|_| {
            WebError::Invalid(vec![havre_store::FieldError {
                field: "file",
                message_key: "attachment-type-refused",
            }])
        })?;
    let id = state
        .store
        .add_attachment(
            &reader,
            id,
            body.file_name.as_deref().unwrap_or_default(),
            &bytes,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(crate::api::calls::Created { id: id.into() }),
    ))
}

/// Downloads an attachment (the read is audited).
#[utoipa::path(get, path = "/api/v1/files/{id}/attachments/{attachment_id}", tag = "files",
    params(("id" = Uuid, Path), ("attachment_id" = Uuid, Path)),
    responses((status = 200, description = "The document", content_type = "application/octet-stream"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn download(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path((id, attachment_id)): Path<(PersonId, AttachmentId)>,
) -> Result<Response, WebError> {
    let content = state
        .store
        .attachment(&auth.reader(&ctx), id, attachment_id)
        .await?;
    Ok(attachment_response(content))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RelativeBody {
    pub name: Option<String>,
    /// partner, parent, child, sibling, friend or other.
    pub relation: Option<String>,
}

/// Links a relative to a file, for support to relatives.
#[utoipa::path(post, path = "/api/v1/files/{id}/relatives", tag = "files", params(("id" = Uuid, Path)), request_body = RelativeBody,
    responses((status = 201, body = crate::api::calls::Created), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_relative(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Body(body): Body<RelativeBody>,
) -> Result<(StatusCode, Json<crate::api::calls::Created>), WebError> {
    let id = state
        .store
        .add_relative(
            &auth.reader(&ctx),
            id,
            body.name.as_deref().unwrap_or_default(),
            body.relation.as_deref().unwrap_or_default(),
        )
        .await
        .named(&[("relative_name", "name")])?;
    Ok((
        StatusCode::CREATED,
        Json(crate::api::calls::Created { id: id.into() }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CaseworkerBody {
    #[schema(required = true)]
    pub user_id: Option<UserId>,
}

/// Assigns a member of the intake team to a file.
#[utoipa::path(post, path = "/api/v1/files/{id}/caseworkers", tag = "files", params(("id" = Uuid, Path)), request_body = CaseworkerBody,
    responses((status = 204), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn assign(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Body(body): Body<CaseworkerBody>,
) -> Result<StatusCode, WebError> {
    let reader = auth.reader(&ctx);
    state.store.may_open_file(&reader, id).await?;
    let user_id = body.user_id.ok_or_else(|| missing("user_id"))?;
    state.store.assign_caseworker(&reader, id, user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CloseFileBody {
    /// objectives_met, no_longer_wishes_help, referred_elsewhere, unreachable or other.
    pub reason: Option<String>,
}

/// Closes the open episode of a file.
#[utoipa::path(post, path = "/api/v1/files/{id}/close", tag = "files", params(("id" = Uuid, Path)), request_body = CloseFileBody,
    responses((status = 204), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn close(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Body(body): Body<CloseFileBody>,
) -> Result<StatusCode, WebError> {
    let reason = body.reason.as_deref().and_then(ClosingReason::parse);
    state
        .store
        .close_episode(&auth.reader(&ctx), id, reason)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AccessGrantView {
    pub person_id: PersonId,
    pub person_name: String,
    pub user_id: UserId,
    pub reason: String,
    pub granted_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// The exceptional accesses of the last 30 days, with their reasons (the coordinator's).
#[utoipa::path(get, path = "/api/v1/files/access-grants", tag = "files",
    responses((status = 200, body = Vec<AccessGrantView>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn access_grants(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::ReadAllFiles>,
) -> Result<Json<Vec<AccessGrantView>>, WebError> {
    let since = state.store.now() - chrono::TimeDelta::days(30);
    Ok(Json(
        state
            .store
            .access_grants(auth.organization.id, since)
            .await?
            .into_iter()
            .map(|g| AccessGrantView {
                person_id: g.person_id,
                person_name: g.person_name,
                user_id: g.user_id,
                reason: g.reason,
                granted_at: g.granted_at,
                expires_at: g.expires_at,
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PersonPatch {
    pub name: Option<String>,
    /// An empty string removes the number.
    pub phone: Option<String>,
    pub birth_year: Option<i32>,
    pub may_call: Option<bool>,
    pub may_leave_message: Option<bool>,
    pub may_say_our_name: Option<bool>,
    pub safe_hours: Option<String>,
    pub safe_number: Option<String>,
}

/// Rectifies who she is and how to reach her; what is left out stays as it is.
#[utoipa::path(patch, path = "/api/v1/files/{id}/person", tag = "files", params(("id" = Uuid, Path)), request_body = PersonPatch,
    responses((status = 204), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn update_person(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Body(patch): Body<PersonPatch>,
) -> Result<StatusCode, WebError> {
    let reader = auth.reader(&ctx);
    // The current values, read (and audited) as any reading of the file.
    let current = state.store.person_file(&reader, id).await?;
    let safe = current.safe_contact;
    state
        .store
        .update_person(
            &reader,
            id,
            havre_store::files::PersonChanges {
                name: patch.name.unwrap_or(current.name),
                phone: patch.phone.or(current.phone),
                birth_year: patch
                    .birth_year
                    .or_else(|| current.birth_year.and_then(|y| y.parse().ok())),
                safe_contact: havre_store::intake::SafeContact {
                    may_call: patch.may_call.unwrap_or(safe.may_call),
                    may_leave_message: patch.may_leave_message.unwrap_or(safe.may_leave_message),
                    may_say_our_name: patch.may_say_our_name.unwrap_or(safe.may_say_our_name),
                    hours: patch.safe_hours.unwrap_or(safe.hours),
                    safe_number: patch.safe_number.unwrap_or(safe.safe_number),
                },
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes back a meeting noted in error (by the one who noted it, or the coordinator).
#[utoipa::path(post, path = "/api/v1/files/{id}/meetings/{meeting_id}/remove", tag = "files",
    params(("id" = Uuid, Path), ("meeting_id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn remove_meeting(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path((id, meeting_id)): Path<(PersonId, MeetingId)>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .remove_meeting(&auth.reader(&ctx), id, meeting_id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) fn attachment_response(content: havre_store::files::AttachmentContent) -> Response {
    let mut response = content.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content.media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    // RFC 6266 with RFC 8187 encoding: any name, in any script, stays one header value.
    let encoded: String = content
        .file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename*=UTF-8''{encoded}")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
