//! The person file (docs/domain.md §2, docs/safety.md "Access"): who she is and how to reach her safely,
//! her episodes, the caseworkers assigned to her, her relatives, the timeline of meetings and
//! accompaniments, notes and attachments, all sealed.
//!
//! Who may read a file is decided here, once, for pages and API alike, by asking the policy
//! (havre-domain's `policy::may`) with what the database says: the coordinator reads
//! every file; a member of the intake team reads the files assigned to her, and another one only
//! after writing why ("break the glass"), which the coordinator sees. Every read is audited.

use crate::audit::{Action, Event};
use crate::crypto::FieldRef;
use crate::entity::{
    appointment, attachment, file_access_grant, file_caseworker, help_request, meeting,
    meeting_staff, note, person, relative,
};
use crate::{FieldError, Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::care::{AppointmentStatus, NoteScope};
use havre_domain::files::{
    ACCESS_GRANT_HOURS, ATTACHMENT_MAX_BYTES, AttachmentType, clean_file_name,
    is_valid_access_reason, is_valid_note,
};
use havre_domain::ids::{
    AccessGrantId, AttachmentId, EpisodeId, ListValueId, MeetingId, NoteId, OrganizationId,
    PersonId, RelativeId, UserId,
};
use havre_domain::intake::SafeContact;
use havre_domain::meetings::{ClosingReason, Limits, MeetingKind, MeetingTime};
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::validation::{is_valid_name, is_valid_phone};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

// Named here too, where the pages and the API have always found it.
use crate::reader::Decided;
pub use crate::reader::{FileAccess, Reader};

/// The relations a relative may have to the person.
pub const RELATIONS: [&str; 6] = ["partner", "parent", "child", "sibling", "friend", "other"];

#[derive(Clone, Debug, Serialize)]
pub struct Episode {
    pub id: EpisodeId,
    pub sequence: i32,
    pub received_at: DateTime<Utc>,
    /// waiting, in_service or closed.
    pub status: String,
    pub service_area: String,
    pub teenager: bool,
    pub code: i32,
    pub services_started_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub close_reason: Option<String>,
}

impl From<help_request::Model> for Episode {
    fn from(m: help_request::Model) -> Self {
        Episode {
            id: m.id.into(),
            sequence: m.sequence,
            received_at: m.received_at,
            status: m.status,
            service_area: m.service_area,
            teenager: m.teenager,
            code: m.decided_code,
            services_started_at: m.services_started_at,
            closed_at: m.closed_at,
            close_reason: m.close_reason,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Relative {
    pub id: RelativeId,
    pub name: String,
    pub relation: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct TimelineMeeting {
    pub id: MeetingId,
    pub episode_id: EpisodeId,
    pub kind: MeetingKind,
    pub held_at: DateTime<Utc>,
    pub place_kind: String,
    pub place_id: Option<ListValueId>,
    pub relative_id: Option<RelativeId>,
    pub time: MeetingTime,
    pub staff: Vec<UserId>,
    /// The reason given to go past a limit, when one was.
    pub over_limit_reason: Option<String>,
    /// The texts handed to her with their versions (`service_declaration:3,…`).
    pub texts_given: Option<String>,
    /// Who noted it: she may take it back if it was noted in error.
    pub created_by: Option<UserId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Note {
    pub id: NoteId,
    /// Who may read it besides its author (docs/care.md).
    pub scope: NoteScope,
    pub body: String,
    pub author_id: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AttachmentInfo {
    pub id: AttachmentId,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
}

/// How much of a limited kind of meeting an open episode (or a relative) has used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LimitUse {
    pub kind: MeetingKind,
    pub limit: u32,
    pub used: u32,
    /// The relative, for support to relatives (the limit is per relative).
    pub relative_id: Option<RelativeId>,
}

impl LimitUse {
    pub fn near(&self) -> bool {
        havre_domain::meetings::near_limit(self.limit, self.used)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct PersonFile {
    pub person_id: PersonId,
    pub name: String,
    pub phone: Option<String>,
    pub birth_year: Option<String>,
    pub safe_contact: SafeContact,
    pub access: FileAccess,
    /// Newest first.
    pub episodes: Vec<Episode>,
    pub caseworkers: Vec<UserId>,
    pub relatives: Vec<Relative>,
    /// Meetings and accompaniments, newest first: all of them, or the latest (`Meetings`).
    pub timeline: Vec<TimelineMeeting>,
    /// How many meetings the file has in all, whether the timeline brings them all or not.
    pub meetings_count: u32,
    /// Newest first.
    pub notes: Vec<Note>,
    pub attachments: Vec<AttachmentInfo>,
    /// The limits of the open episode, and of each relative.
    pub limits: Vec<LimitUse>,
    /// Her appointments on the agenda that the reader may see, soonest last.
    pub appointments: Vec<crate::care::Appointment>,
    /// The scopes the reader may write a note under (docs/care.md): the form offers these.
    pub note_scopes: Vec<NoteScope>,
    /// Whether the reader reads the team's part of the file (her contact, episodes,
    /// relatives, meetings, documents): the police officer on site and the reception do not.
    pub team_part: bool,
}

/// How many of her meetings a reading of the file brings: all of them for the API and her
/// right of access, the latest for the file page, which shows the rest on demand
/// (docs/architecture.md "A file's meetings: counted whole, shown by the latest").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meetings {
    All,
    Latest(u64),
}

/// The meetings of a file of one kind, on one episode or with one relative: what the limits
/// count, counted by the database rather than read meeting by meeting.
#[derive(Clone, Debug)]
struct MeetingTally {
    person_id: Uuid,
    episode_id: Uuid,
    relative_id: Option<Uuid>,
    kind: String,
    count: u32,
    /// The latest of them held by now: a meeting booked ahead is not yet one.
    last_held: Option<DateTime<Utc>>,
}

impl PersonFile {
    /// The episode meetings are recorded on: the latest one not closed.
    pub fn open_episode(&self) -> Option<&Episode> {
        self.episodes.iter().find(|e| e.status != "closed")
    }
}

/// One line of a list of files.
#[derive(Clone, Debug, Serialize)]
pub struct FileSummary {
    pub person_id: PersonId,
    pub name: String,
    pub episode: Option<Episode>,
    pub last_meeting_at: Option<DateTime<Utc>>,
    pub near_limits: Vec<LimitUse>,
}

/// Who she is and how to reach her, as rectified on her file.
pub struct PersonChanges {
    pub name: String,
    pub phone: Option<String>,
    pub birth_year: Option<i32>,
    pub safe_contact: SafeContact,
}

/// An exceptional access, as the coordinator reads it.
#[derive(Clone, Debug, Serialize)]
pub struct AccessGrant {
    pub id: AccessGrantId,
    pub person_id: PersonId,
    pub person_name: String,
    pub user_id: UserId,
    pub reason: String,
    pub granted_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// An attachment opened to be served.
pub struct AttachmentContent {
    pub file_name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

pub(crate) fn field<'a>(table: &'static str, column: &'static str, row: &'a str) -> FieldRef<'a> {
    FieldRef { table, column, row }
}

/// What `Store::file_access` decides for a file of her organization that names her among its
/// caseworkers, where it needs nothing more from the database; `None` where it would ask more
/// (for a reason given, or to refuse).
fn access_in_her_charge(reader: &Reader) -> Option<FileAccess> {
    let file = Record::new(RecordKind::PersonFile);
    if reader.may(policy::Action::Read, &file) {
        Some(FileAccess::AllFiles)
    } else if reader.may(policy::Action::BreakTheGlass, &file)
        && reader.may(policy::Action::Read, &file.in_her_charge(true))
    {
        Some(FileAccess::Assigned)
    } else {
        None
    }
}

impl Store {
    /// The meetings of these files counted per episode, relative and kind (`MeetingTally`).
    async fn meeting_tallies<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        persons: &[PersonId],
    ) -> Result<Vec<MeetingTally>, StoreError> {
        use sea_orm::sea_query::{Expr, ExprTrait};
        let held = || Expr::col((meeting::Entity, meeting::Column::HeldAt));
        // person, episode, relative, kind, how many, the latest held
        type Row = (Uuid, Uuid, Option<Uuid>, String, i64, Option<DateTime<Utc>>);
        let rows: Vec<Row> = meeting::Entity::find()
            .filter(meeting::Column::OrganizationId.eq(organization_id))
            .filter(meeting::Column::PersonId.is_in(persons.iter().map(|p| Uuid::from(*p))))
            .select_only()
            .column(meeting::Column::PersonId)
            .column(meeting::Column::HelpRequestId)
            .column(meeting::Column::RelativeId)
            .column(meeting::Column::Kind)
            .column_as(
                Expr::col((meeting::Entity, meeting::Column::Id)).count(),
                "n",
            )
            .column_as(
                Expr::case(held().lte(self.now()), held()).max(),
                "last_held",
            )
            .group_by(meeting::Column::PersonId)
            .group_by(meeting::Column::HelpRequestId)
            .group_by(meeting::Column::RelativeId)
            .group_by(meeting::Column::Kind)
            .into_tuple()
            .all(conn)
            .await?;
        Ok(rows
            .into_iter()
            .map(
                |(person_id, episode_id, relative_id, kind, count, last_held)| MeetingTally {
                    person_id,
                    episode_id,
                    relative_id,
                    kind,
                    count: count as u32,
                    last_held,
                },
            )
            .collect())
    }

    /// Whether the reader may open the file, and why. Another organization's person answers
    /// NotFound; a file she may only open with a reason answers `AccessNeedsReason`. Decided
    /// afresh, on `conn`: a write checks inside its own transaction.
    pub(crate) async fn file_access<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        person_id: PersonId,
    ) -> Result<FileAccess, StoreError> {
        Ok(self.decide_access(conn, reader, person_id).await?.access)
    }

    /// `file_access`, with the file's caseworkers when the decision had to read them.
    async fn decide_access<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        person_id: PersonId,
    ) -> Result<Decided, StoreError> {
        // A file that is not the organization's is not found, whoever asks.
        let exists = async || {
            person::Entity::find_by_id(person_id)
                .filter(person::Column::OrganizationId.eq(reader.organization_id))
                .select_only()
                .column(person::Column::Id)
                .into_tuple::<Uuid>()
                .one(conn)
                .await?
                .map(|_| ())
                .ok_or(StoreError::NotFound)
        };
        let actor = reader.policy_actor();
        let file = Record::new(RecordKind::PersonFile);
        // Knowing nothing of the file, only a role that reads every file opens it.
        if policy::may(actor, policy::Action::Read, &file) {
            exists().await?;
            return Ok(Decided {
                access: FileAccess::AllFiles,
                caseworkers: None,
            });
        }
        // Outside the intake team, no assignment and no reason opens it.
        if !policy::may(actor, policy::Action::BreakTheGlass, &file) {
            exists().await?;
            return Err(StoreError::Forbidden);
        }
        // The file's caseworkers, read once: whether she is one of them, and the list the
        // file page shows. An assignment names a file of the organization (a foreign key):
        // found, the file exists, and the caseworker's every opening asks one question less.
        let caseworkers = self
            .caseworkers_of(conn, reader.organization_id, person_id)
            .await?;
        let assigned = caseworkers.contains(&reader.user_id);
        if !assigned {
            exists().await?;
        }
        // In her charge, by an assignment or an appointment: what that decides is the
        // policy's, in one place (`access_in_her_charge`, which her list of files uses too).
        let in_charge = assigned || self.has_appointment_with(conn, reader, person_id).await?;
        if let Some(access) = access_in_her_charge(reader).filter(|_| in_charge) {
            return Ok(Decided {
                access,
                caseworkers: Some(caseworkers),
            });
        }
        let grant = file_access_grant::Entity::find()
            .filter(file_access_grant::Column::OrganizationId.eq(reader.organization_id))
            .filter(file_access_grant::Column::PersonId.eq(person_id))
            .filter(file_access_grant::Column::UserId.eq(reader.user_id))
            .filter(file_access_grant::Column::ExpiresAt.gt(self.now()))
            .order_by_desc(file_access_grant::Column::ExpiresAt)
            .one(conn)
            .await?;
        match grant {
            Some(g) if policy::may(actor, policy::Action::Read, &file.opened_with_reason(true)) => {
                Ok(Decided {
                    access: FileAccess::Exceptional {
                        until: g.expires_at,
                    },
                    caseworkers: Some(caseworkers),
                })
            }
            _ => Err(StoreError::AccessNeedsReason),
        }
    }

    /// A file's caseworkers, in the order they were assigned.
    async fn caseworkers_of<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        person_id: PersonId,
    ) -> Result<Vec<UserId>, StoreError> {
        Ok(file_caseworker::Entity::find()
            .filter(file_caseworker::Column::PersonId.eq(person_id))
            .filter(file_caseworker::Column::OrganizationId.eq(organization_id))
            .order_by_asc(file_caseworker::Column::AssignedAt)
            .select_only()
            .column(file_caseworker::Column::UserId)
            .into_tuple::<Uuid>()
            .all(conn)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The same decision for a read: once made, it holds for the rest of the reader's request
    /// (docs/architecture.md "One request, one decision per file"), so that a page reading a
    /// file in several parts asks once. A refusal is not kept, so that a reason given in the
    /// same request opens the file; a write never reuses it.
    pub(crate) async fn read_access(
        &self,
        reader: &Reader,
        person_id: PersonId,
    ) -> Result<FileAccess, StoreError> {
        self.read_access_in(self.db(), reader, person_id).await
    }

    /// `read_access`, decided inside a transaction that only reads.
    async fn read_access_in<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        person_id: PersonId,
    ) -> Result<FileAccess, StoreError> {
        if let Some(access) = reader.known.file(person_id) {
            return Ok(access);
        }
        let decided = self.decide_access(conn, reader, person_id).await?;
        let access = decided.access;
        reader.known.remember_file(person_id, decided);
        Ok(access)
    }

    /// Whether a professional has an appointment with her, kept or to come: a care unit's
    /// professionals open the files of the women they see (docs/care.md).
    async fn has_appointment_with<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        person_id: PersonId,
    ) -> Result<bool, StoreError> {
        Ok(appointment::Entity::find()
            .filter(appointment::Column::OrganizationId.eq(reader.organization_id))
            .filter(appointment::Column::PersonId.eq(person_id))
            .filter(appointment::Column::ProfessionalId.eq(reader.user_id))
            .filter(appointment::Column::Status.ne(AppointmentStatus::Cancelled.key()))
            .one(conn)
            .await?
            .is_some())
    }

    /// Opens the file for one of its records: `Forbidden` when her profession does not reach
    /// what the record's scope holds (docs/care.md).
    pub(crate) async fn file_record_access<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        person_id: PersonId,
        action: policy::Action,
        record: RecordKind,
        scope: NoteScope,
    ) -> Result<FileAccess, StoreError> {
        let access = self.file_access(conn, reader, person_id).await?;
        reader.check(action, &access.record(record).scope(scope))?;
        Ok(access)
    }

    /// Audits a read refused (docs/safety.md "Audit"): what was asked, never what it holds.
    /// The answer names nothing either way.
    pub(crate) async fn refused_read(
        &self,
        reader: &Reader,
        person_id: PersonId,
        what: serde_json::Value,
        error: StoreError,
    ) -> StoreError {
        if matches!(
            error,
            StoreError::Forbidden | StoreError::NotFound | StoreError::AccessNeedsReason
        ) {
            if let Err(e) = self
                .audit(
                    &reader.actor,
                    Event::new(Action::FileReadRefused)
                        .target("person", person_id)
                        .detail(what),
                )
                .await
            {
                return e;
            }
            if let Err(e) = self
                .watch_refused_reads(reader.organization_id, reader.user_id)
                .await
            {
                return e;
            }
        }
        error
    }

    /// Opens a file with her name only, for a woman who arrives without one (admitted to a
    /// house, come to a care unit without an appointment); in the reader's charge if asked.
    pub(crate) async fn open_bare_file<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        name: &str,
        in_her_charge: bool,
        network_consent: bool,
    ) -> Result<PersonId, StoreError> {
        let id = PersonId::new();
        let (key, key_sealed) = self.new_file_key(id);
        let key = Some(&key);
        person::ActiveModel {
            id: Set(id.into()),
            organization_id: Set(reader.organization_id.into()),
            name_sealed: Set(self.seal_in(key, "persons", "name", id, name.trim().as_bytes())),
            phone_sealed: Set(None),
            birth_year_sealed: Set(None),
            safe_contact_sealed: Set(self.seal_in(key, "persons", "safe_contact", id, b"{}")),
            phone_index: Set(None),
            name_year_index: Set(None),
            created_at: Set(self.now()),
            file_key_sealed: Set(Some(key_sealed)),
            destroyed_at: Set(None),
            network_consent: Set(network_consent),
        }
        .insert(conn)
        .await?;
        if in_her_charge {
            assign_in(conn, reader.organization_id, id, reader.user_id, self.now()).await?;
        }
        Ok(id)
    }

    /// Whether the reader may open the file (NotFound, Forbidden or AccessNeedsReason if not),
    /// without reading it: forms check this before their input.
    pub async fn may_open_file(
        &self,
        reader: &Reader,
        person_id: PersonId,
    ) -> Result<FileAccess, StoreError> {
        self.read_access(reader, person_id).await
    }

    /// Opens a file that is not hers for a written reason: the access lasts a few hours, is
    /// audited, and is shown to the coordinator with the reason.
    pub async fn open_file_with_reason(
        &self,
        reader: &Reader,
        person_id: PersonId,
        reason: &str,
    ) -> Result<DateTime<Utc>, StoreError> {
        // Who opened it, for the person in charge who assesses the access.
        let who = self
            .user_names(reader.organization_id, [reader.user_id])
            .await?
            .remove(&reader.user_id)
            .unwrap_or_default();
        self.write(&reader.actor, async |txn| {
            match self.file_access(txn, reader, person_id).await {
                // Nothing to grant, nothing to note.
                Ok(FileAccess::Exceptional { until }) => return Ok((until, Vec::new())),
                Ok(_) => return Ok((self.now(), Vec::new())),
                Err(StoreError::AccessNeedsReason) => {}
                Err(e) => return Err(e),
            }
            if !is_valid_access_reason(reason) {
                return Err(StoreError::invalid("reason", "access-reason-required"));
            }
            let now = self.now();
            let id = Uuid::new_v4();
            let until = now + chrono::TimeDelta::hours(ACCESS_GRANT_HOURS);
            let row = id.to_string();
            file_access_grant::ActiveModel {
                id: Set(id),
                organization_id: Set(reader.organization_id.into()),
                person_id: Set(person_id.into()),
                user_id: Set(reader.user_id.into()),
                reason_sealed: Set(self
                    .keys()
                    .seal(field("file_access_grants", "reason", &row), reason.trim())),
                granted_at: Set(now),
                expires_at: Set(until),
            }
            .insert(txn)
            .await?;
            // Every break-the-glass access is assessed by the person in charge of personal
            // information (docs/privacy.md "Incidents"): most are the job, some are not.
            let incident = self
                .open_detected_incident(
                    txn,
                    reader.organization_id,
                    crate::incidents::Detected {
                        anomaly: havre_domain::privacy::Anomaly::BreakTheGlass,
                        fingerprint: format!("break_the_glass:{id}"),
                        facts: format!("{who} : « {} »", reason.trim()),
                        files: vec![person_id],
                    },
                )
                .await?;
            Ok((
                until,
                [Event::new(Action::FileAccessExceptional)
                    .target("person", person_id)
                    .detail(serde_json::json!({ "grant": id }))]
                .into_iter()
                .chain(incident)
                .collect::<Vec<_>>(),
            ))
        })
        .await
    }

    /// The exceptional accesses since a date, newest first, with their reasons: the
    /// coordinator's view.
    pub async fn access_grants(
        &self,
        organization_id: OrganizationId,
        since: DateTime<Utc>,
    ) -> Result<Vec<AccessGrant>, StoreError> {
        let rows = file_access_grant::Entity::find()
            .filter(file_access_grant::Column::OrganizationId.eq(organization_id))
            .filter(file_access_grant::Column::GrantedAt.gte(since))
            .order_by_desc(file_access_grant::Column::GrantedAt)
            .limit(200)
            .all(self.db())
            .await?;
        let mut names = HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for g in rows {
            let person_name = match names.get(&g.person_id) {
                Some(n) => String::clone(n),
                None => {
                    let n = self.name_of(g.person_id.into()).await?;
                    names.insert(g.person_id, n.clone());
                    n
                }
            };
            let row = g.id.to_string();
            out.push(AccessGrant {
                id: g.id.into(),
                person_id: g.person_id.into(),
                person_name,
                user_id: g.user_id.into(),
                reason: self.keys().open(
                    field("file_access_grants", "reason", &row),
                    &g.reason_sealed,
                )?,
                granted_at: g.granted_at,
                expires_at: g.expires_at,
            });
        }
        Ok(out)
    }

    /// The key of a person's file, from her row (see `Store::file_key`).
    pub(crate) async fn file_key_of<C: ConnectionTrait>(
        &self,
        conn: &C,
        person_id: PersonId,
    ) -> Result<Option<crate::crypto::FileKey>, StoreError> {
        let p = person::Entity::find_by_id(person_id)
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        self.file_key(&p)
    }

    async fn name_of(&self, person_id: PersonId) -> Result<String, StoreError> {
        let p = person::Entity::find_by_id(person_id)
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)?;
        self.person_name(&p)
    }

    /// A person's whole file, for a reader allowed to open it. The read is audited.
    pub async fn person_file(
        &self,
        reader: &Reader,
        person_id: PersonId,
    ) -> Result<PersonFile, StoreError> {
        self.person_file_showing(reader, person_id, Meetings::All)
            .await
    }

    /// The file with all her meetings or only the latest (the file page's first view).
    pub async fn person_file_showing(
        &self,
        reader: &Reader,
        person_id: PersonId,
        meetings: Meetings,
    ) -> Result<PersonFile, StoreError> {
        // The decision and every part of the file are read at one moment, on one connection
        // (docs/architecture.md "A file read at one moment"): her meetings agree with their
        // count, and the file's dozen questions hand the connection back once.
        let txn = crate::begin_read(self.db()).await?;
        let access = match self.read_access_in(&txn, reader, person_id).await {
            Ok(access) => access,
            Err(e) => {
                drop(txn);
                return Err(self
                    .refused_read(
                        reader,
                        person_id,
                        serde_json::json!({ "record": "file" }),
                        e,
                    )
                    .await);
            }
        };
        let file = self
            .load_file(&txn, reader, person_id, access, meetings)
            .await?;
        txn.commit().await?;
        self.audit(
            &reader.actor,
            Event::new(Action::FileRead)
                .target("person", person_id)
                .detail(serde_json::json!({ "access": access.key() })),
        )
        .await?;
        Ok(file)
    }

    /// The file as the reader may read it: what her profession does not reach is left out,
    /// not masked, so that she cannot tell it is there.
    pub(crate) async fn load_file<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        person_id: PersonId,
        access: FileAccess,
        shown: Meetings,
    ) -> Result<PersonFile, StoreError> {
        let organization_id = reader.organization_id;
        let actor = reader.policy_actor();
        let team_part = policy::may(
            actor,
            policy::Action::Read,
            &access.record(RecordKind::Meeting),
        );
        let keys = self.keys();
        let p = person::Entity::find_by_id(person_id)
            .filter(person::Column::OrganizationId.eq(organization_id))
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        // What identifies her is sealed with her file's key (docs/privacy.md "Destruction").
        let file_key = self.file_key(&p)?;
        let key = file_key.as_ref();
        let open = |column, sealed: &str| self.open_text_in(key, "persons", column, p.id, sealed);
        let name = open("name", &p.name_sealed)?;
        let phone = p
            .phone_sealed
            .as_deref()
            .map(|v| open("phone", v))
            .transpose()?;
        let birth_year = p
            .birth_year_sealed
            .as_deref()
            .map(|v| open("birth_year", v))
            .transpose()?;
        let safe_contact = serde_json::from_str(&open("safe_contact", &p.safe_contact_sealed)?)
            .unwrap_or_default();
        let episodes: Vec<Episode> = help_request::Entity::find()
            .filter(help_request::Column::OrganizationId.eq(organization_id))
            .filter(help_request::Column::PersonId.eq(person_id))
            .order_by_desc(help_request::Column::Sequence)
            .all(conn)
            .await?
            .into_iter()
            .map(Episode::from)
            .collect();
        let caseworkers = match reader.known.caseworkers(person_id) {
            Some(caseworkers) => caseworkers,
            None => {
                self.caseworkers_of(conn, organization_id, person_id)
                    .await?
            }
        };
        let mut relatives = Vec::new();
        for r in relative::Entity::find()
            .filter(relative::Column::PersonId.eq(person_id))
            .filter(relative::Column::OrganizationId.eq(organization_id))
            .order_by_asc(relative::Column::CreatedAt)
            .all(conn)
            .await?
        {
            relatives.push(Relative {
                id: r.id.into(),
                name: self.open_text_in(key, "relatives", "name", r.id, &r.name_sealed)?,
                relation: r.relation,
            });
        }
        let tallies = self
            .meeting_tallies(conn, organization_id, &[person_id])
            .await?;
        let meetings = self
            .meetings_with_staff(conn, organization_id, person_id, shown)
            .await?;
        let mut timeline = Vec::with_capacity(meetings.len());
        for (m, staff) in meetings {
            let Some(kind) = MeetingKind::parse(&m.kind) else {
                continue;
            };
            timeline.push(TimelineMeeting {
                id: m.id.into(),
                episode_id: m.help_request_id.into(),
                kind,
                held_at: m.held_at,
                place_kind: m.place_kind.clone(),
                place_id: m.place_id.map(Into::into),
                relative_id: m.relative_id.map(Into::into),
                time: MeetingTime {
                    duration: m.duration_minutes,
                    preparation: m.preparation_minutes,
                    debrief: m.debrief_minutes,
                    travel: m.travel_minutes,
                },
                staff: staff.into_iter().map(Into::into).collect(),
                created_by: m.created_by.map(Into::into),
                texts_given: m.texts_given.clone(),
                over_limit_reason: m
                    .over_limit_reason_sealed
                    .as_deref()
                    .map(|v| {
                        keys.open(field("meetings", "over_limit_reason", &m.id.to_string()), v)
                    })
                    .transpose()?,
            });
        }
        let mut notes = Vec::new();
        for n in note::Entity::find()
            .filter(note::Column::PersonId.eq(person_id))
            .filter(note::Column::OrganizationId.eq(organization_id))
            .order_by_desc(note::Column::CreatedAt)
            .all(conn)
            .await?
        {
            let scope = NoteScope::parse(&n.scope).unwrap_or(NoteScope::Team);
            let record = access
                .record(RecordKind::Note)
                .scope(scope)
                .noted_by(n.author_id);
            if !policy::may(actor, policy::Action::Read, &record) {
                continue;
            }
            notes.push(Note {
                id: n.id.into(),
                scope,
                body: self.open_text_in(key, "notes", "body", n.id, &n.body_sealed)?,
                author_id: n.author_id.map(Into::into),
                created_at: n.created_at,
            });
        }
        let mut attachments = Vec::new();
        for a in attachment::Entity::find()
            .filter(attachment::Column::PersonId.eq(person_id))
            .filter(attachment::Column::OrganizationId.eq(organization_id))
            .select_only()
            .columns([
                attachment::Column::Id,
                attachment::Column::FileNameSealed,
                attachment::Column::MediaType,
                attachment::Column::SizeBytes,
                attachment::Column::CreatedAt,
            ])
            .order_by_desc(attachment::Column::CreatedAt)
            .into_tuple::<(Uuid, String, String, i64, DateTime<Utc>)>()
            .all(conn)
            .await?
        {
            attachments.push(AttachmentInfo {
                id: a.0.into(),
                file_name: self.open_text_in(key, "attachments", "file_name", a.0, &a.1)?,
                media_type: a.2,
                size_bytes: a.3,
                created_at: a.4,
            });
        }
        let limits_set = self.meeting_limits(reader).await?;
        let open = episodes.iter().find(|e| e.status != "closed").map(|e| e.id);
        let limits = limit_uses(&limits_set, &tallies, open, &relatives);
        let meetings_count = tallies.iter().map(|t| t.count).sum();
        let appointments = self.appointments_of(reader, person_id).await?;
        let note_scopes = policy::writable_scopes(actor);
        if !team_part {
            // Her name, the notes her profession reads, her own appointments with her.
            return Ok(PersonFile {
                person_id,
                name,
                phone: None,
                birth_year: None,
                safe_contact: SafeContact::default(),
                access,
                episodes: Vec::new(),
                caseworkers: Vec::new(),
                relatives: Vec::new(),
                timeline: Vec::new(),
                meetings_count: 0,
                notes,
                attachments: Vec::new(),
                limits: Vec::new(),
                appointments,
                note_scopes,
                team_part,
            });
        }
        Ok(PersonFile {
            person_id,
            name,
            phone,
            birth_year,
            safe_contact,
            access,
            episodes,
            caseworkers,
            relatives,
            timeline,
            meetings_count,
            notes,
            attachments,
            limits,
            appointments,
            note_scopes,
            team_part,
        })
    }

    /// Her meetings, the latest first (all, or the latest few), each with who of the team was
    /// there, in one question: the meetings chosen first, then their staff joined to them.
    async fn meetings_with_staff<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        person_id: PersonId,
        shown: Meetings,
    ) -> Result<Vec<(meeting::Model, Vec<Uuid>)>, StoreError> {
        use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query};
        use sea_orm::{FromQueryResult, QueryTrait};
        let mut latest = meeting::Entity::find()
            .filter(meeting::Column::PersonId.eq(person_id))
            .filter(meeting::Column::OrganizationId.eq(organization_id))
            .order_by_desc(meeting::Column::HeldAt)
            .order_by_desc(meeting::Column::Id);
        if let Meetings::Latest(n) = shown {
            latest = latest.limit(n);
        }
        let (m, s) = (Alias::new("m"), Alias::new("s"));
        let query = Query::select()
            .column((m.clone(), sea_orm::sea_query::Asterisk))
            .expr_as(
                Expr::col((s.clone(), meeting_staff::Column::UserId)),
                Alias::new("staff_user_id"),
            )
            .from_subquery(latest.into_query(), m.clone())
            .join_as(
                JoinType::LeftJoin,
                meeting_staff::Entity,
                s.clone(),
                Expr::col((s.clone(), meeting_staff::Column::MeetingId))
                    .equals((m.clone(), meeting::Column::Id)),
            )
            .order_by((m.clone(), meeting::Column::HeldAt), Order::Desc)
            .order_by((m.clone(), meeting::Column::Id), Order::Desc)
            .to_owned();
        let mut meetings: Vec<(meeting::Model, Vec<Uuid>)> = Vec::new();
        // A meeting's rows come together, one per member of the team who was there.
        for row in conn.query_all(&query).await? {
            let id: Uuid = row.try_get("", "id")?;
            let staff: Option<Uuid> = row.try_get("", "staff_user_id")?;
            match meetings.last_mut() {
                Some((meeting, with)) if meeting.id == id => with.extend(staff),
                _ => meetings.push((
                    meeting::Model::from_query_result(&row, "")?,
                    staff.into_iter().collect(),
                )),
            }
        }
        Ok(meetings)
    }

    /// The files assigned to her, with their open episode and the limits they are near.
    /// Nothing of a file's content is opened but the name.
    pub async fn files_of(&self, reader: &Reader) -> Result<Vec<FileSummary>, StoreError> {
        let (organization_id, user_id) = (reader.organization_id, reader.user_id);
        let persons: Vec<PersonId> = file_caseworker::Entity::find()
            .filter(file_caseworker::Column::OrganizationId.eq(organization_id))
            .filter(file_caseworker::Column::UserId.eq(user_id))
            .select_only()
            .column(file_caseworker::Column::PersonId)
            .into_tuple()
            .all(self.db())
            .await?;
        // Each is a file of her organization with her among its caseworkers: what deciding
        // her access to it would find is known, and her week's meetings with these women ask
        // no more.
        if let Some(access) = access_in_her_charge(reader) {
            for person in &persons {
                reader.known.remember_file(
                    *person,
                    Decided {
                        access,
                        caseworkers: None,
                    },
                );
            }
        }
        self.file_summaries(reader, persons).await
    }

    /// Every file of her organization with an episode not closed (the coordinator's list).
    pub async fn open_files(&self, reader: &Reader) -> Result<Vec<FileSummary>, StoreError> {
        let organization_id = reader.organization_id;
        let persons: Vec<PersonId> = help_request::Entity::find()
            .filter(help_request::Column::OrganizationId.eq(organization_id))
            .filter(help_request::Column::Status.eq("in_service"))
            .select_only()
            .column(help_request::Column::PersonId)
            .distinct()
            .into_tuple()
            .all(self.db())
            .await?;
        self.file_summaries(reader, persons).await
    }

    async fn file_summaries(
        &self,
        reader: &Reader,
        persons: Vec<PersonId>,
    ) -> Result<Vec<FileSummary>, StoreError> {
        if persons.is_empty() {
            return Ok(Vec::new());
        }
        let db = self.db();
        let organization_id = reader.organization_id;
        let limits_set = self.meeting_limits(reader).await?;
        let mut out = Vec::with_capacity(persons.len());
        // In chunks, to stay under the engines' limits on bound parameters.
        for chunk in persons.chunks(500) {
            let people = person::Entity::find()
                .filter(person::Column::OrganizationId.eq(organization_id))
                .filter(person::Column::Id.is_in(chunk.to_vec()))
                .all(db)
                .await?;
            let mut episodes: HashMap<Uuid, Episode> = HashMap::new();
            for e in help_request::Entity::find()
                .filter(help_request::Column::OrganizationId.eq(organization_id))
                .filter(help_request::Column::PersonId.is_in(chunk.to_vec()))
                .order_by_asc(help_request::Column::Sequence)
                .all(db)
                .await?
            {
                // The latest episode wins.
                episodes.insert(e.person_id, e.into());
            }
            let mut by_person: HashMap<Uuid, Vec<MeetingTally>> = HashMap::new();
            for t in self
                .meeting_tallies(self.db(), organization_id, chunk)
                .await?
            {
                by_person.entry(t.person_id).or_default().push(t);
            }
            for p in people {
                let name = self.person_name(&p)?;
                let episode = episodes.remove(&p.id);
                let tallies = by_person.remove(&p.id).unwrap_or_default();
                let open = episode
                    .as_ref()
                    .filter(|e| e.status != "closed")
                    .map(|e| e.id);
                let relatives: Vec<Relative> = tallies
                    .iter()
                    .filter_map(|t| t.relative_id)
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .map(|id| Relative {
                        id: id.into(),
                        name: String::new(),
                        relation: String::new(),
                    })
                    .collect();
                let near_limits = limit_uses(&limits_set, &tallies, open, &relatives)
                    .into_iter()
                    .filter(LimitUse::near)
                    .collect();
                out.push(FileSummary {
                    person_id: p.id.into(),
                    name,
                    episode,
                    last_meeting_at: tallies.iter().filter_map(|t| t.last_held).max(),
                    near_limits,
                });
            }
        }
        out.sort_by_key(|a| a.name.to_lowercase());
        Ok(out)
    }

    /// Assigns a member of the intake team to a file. Only the coordinator gives files: an
    /// exceptional access must not turn itself into an assignment.
    pub async fn assign_caseworker(
        &self,
        reader: &Reader,
        person_id: PersonId,
        user_id: UserId,
    ) -> Result<(), StoreError> {
        self.write(&reader.actor, async |txn| {
            let access = self.file_access(txn, reader, person_id).await?;
            reader.check(
                policy::Action::Assign,
                &access.record(RecordKind::PersonFile),
            )?;
            let member = self
                .user(reader.organization_id, user_id)
                .await
                .map_err(|_| StoreError::invalid("user_id", "value-not-in-list"))?;
            if !member.active || !policy::may_be_given_files(&member.roles) {
                return Err(StoreError::invalid("user_id", "value-not-in-list"));
            }
            assign_in(txn, reader.organization_id, person_id, user_id, self.now()).await?;
            Ok((
                (),
                Event::new(Action::CaseworkerAssigned)
                    .target("person", person_id)
                    .detail(serde_json::json!({ "user_id": user_id })),
            ))
        })
        .await
    }

    /// Adds a sealed note to a file, read by the professions its scope names (docs/care.md).
    pub async fn add_note(
        &self,
        reader: &Reader,
        person_id: PersonId,
        body: &str,
        scope: NoteScope,
    ) -> Result<NoteId, StoreError> {
        self.write(&reader.actor, async |txn| {
            self.file_record_access(
                txn,
                reader,
                person_id,
                policy::Action::Create,
                RecordKind::Note,
                scope,
            )
            .await?;
            if !is_valid_note(body) {
                return Err(StoreError::invalid("body", "note-required"));
            }
            let id = NoteId::new();
            let now = self.now();
            note::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                person_id: Set(person_id.into()),
                body_sealed: Set(self.seal_in(
                    self.file_key_of(txn, person_id).await?.as_ref(),
                    "notes",
                    "body",
                    id,
                    body.trim().as_bytes(),
                )),
                author_id: Set(Some(reader.user_id.into())),
                scope: Set(scope.key().to_owned()),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::NoteAdded)
                    .target("person", person_id)
                    .detail(serde_json::json!({ "note": id, "scope": scope.key() })),
            ))
        })
        .await
    }

    /// One note of a file, for a reader whose profession reads it (docs/care.md). A note she
    /// may not read answers NotFound, as one that does not exist, and the refusal is audited.
    pub async fn note(
        &self,
        reader: &Reader,
        person_id: PersonId,
        note_id: NoteId,
    ) -> Result<Note, StoreError> {
        let found = async {
            let access = self.read_access(reader, person_id).await?;
            let n = note::Entity::find_by_id(note_id)
                .filter(note::Column::OrganizationId.eq(reader.organization_id))
                .filter(note::Column::PersonId.eq(person_id))
                .one(self.db())
                .await?
                .ok_or(StoreError::NotFound)?;
            let scope = NoteScope::parse(&n.scope).unwrap_or(NoteScope::Team);
            let record = access
                .record(RecordKind::Note)
                .scope(scope)
                .noted_by(n.author_id);
            if !policy::may(reader.policy_actor(), policy::Action::Read, &record) {
                return Err(StoreError::NotFound);
            }
            Ok((n, scope))
        };
        let (n, scope) = match found.await {
            Ok(found) => found,
            Err(e) => {
                let what = serde_json::json!({ "note": note_id });
                return Err(self.refused_read(reader, person_id, what, e).await);
            }
        };
        let note = Note {
            id: n.id.into(),
            scope,
            body: self.open_text_in(
                self.file_key_of(self.db(), person_id).await?.as_ref(),
                "notes",
                "body",
                n.id,
                &n.body_sealed,
            )?,
            author_id: n.author_id.map(Into::into),
            created_at: n.created_at,
        };
        self.audit(
            &reader.actor,
            Event::new(Action::FileRead)
                .target("person", person_id)
                .detail(serde_json::json!({ "note": note_id })),
        )
        .await?;
        Ok(note)
    }

    /// Attaches a document, sealed. Its type is read from its bytes; too large or of a type
    /// Havre does not keep, it is refused and nothing is written.
    pub async fn add_attachment(
        &self,
        reader: &Reader,
        person_id: PersonId,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<AttachmentId, StoreError> {
        self.write(&reader.actor, async |txn| {
            self.file_record_access(
                txn,
                reader,
                person_id,
                policy::Action::Create,
                RecordKind::Attachment,
                NoteScope::Team,
            )
            .await?;
            let file_name = clean_file_name(file_name);
            let mut problems = Vec::new();
            let kind = AttachmentType::sniff(bytes);
            if bytes.len() > ATTACHMENT_MAX_BYTES {
                problems.push(FieldError {
                    field: "file",
                    message_key: "attachment-too-large",
                });
            } else if bytes.is_empty() {
                problems.push(FieldError {
                    field: "file",
                    message_key: "value-required",
                });
            } else if kind.is_none() {
                problems.push(FieldError {
                    field: "file",
                    message_key: "attachment-type-refused",
                });
            }
            if file_name.is_empty() && problems.is_empty() {
                problems.push(FieldError {
                    field: "file",
                    message_key: "value-required",
                });
            }
            let Some(kind) = kind.filter(|_| problems.is_empty()) else {
                return Err(StoreError::Invalid(problems));
            };
            let file_name = kind.file_name(&file_name);
            let id = AttachmentId::new();
            let now = self.now();
            let key = self.file_key_of(txn, person_id).await?;
            attachment::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                person_id: Set(person_id.into()),
                file_name_sealed: Set(self.seal_in(
                    key.as_ref(),
                    "attachments",
                    "file_name",
                    id,
                    file_name.as_bytes(),
                )),
                media_type: Set(kind.media_type().to_owned()),
                size_bytes: Set(bytes.len() as i64),
                content_sealed: Set(self.seal_in(
                    key.as_ref(),
                    "attachments",
                    "content",
                    id,
                    bytes,
                )),
                uploaded_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::AttachmentAdded)
                    .target("person", person_id)
                    .detail(serde_json::json!({ "attachment": id, "size": bytes.len() })),
            ))
        })
        .await
    }

    /// One attachment, opened, for a reader of the file. The read is audited.
    pub async fn attachment(
        &self,
        reader: &Reader,
        person_id: PersonId,
        attachment_id: AttachmentId,
    ) -> Result<AttachmentContent, StoreError> {
        let found = async {
            self.file_record_access(
                self.db(),
                reader,
                person_id,
                policy::Action::Read,
                RecordKind::Attachment,
                NoteScope::Team,
            )
            .await?;
            attachment::Entity::find_by_id(attachment_id)
                .filter(attachment::Column::OrganizationId.eq(reader.organization_id))
                .filter(attachment::Column::PersonId.eq(person_id))
                .one(self.db())
                .await?
                .ok_or(StoreError::NotFound)
        };
        let a = match found.await {
            Ok(a) => a,
            Err(e) => {
                let what = serde_json::json!({ "attachment": attachment_id });
                return Err(self.refused_read(reader, person_id, what, e).await);
            }
        };
        let key = self.file_key_of(self.db(), person_id).await?;
        let content = AttachmentContent {
            file_name: self.open_text_in(
                key.as_ref(),
                "attachments",
                "file_name",
                a.id,
                &a.file_name_sealed,
            )?,
            media_type: a.media_type,
            bytes: self.open_in(
                key.as_ref(),
                "attachments",
                "content",
                a.id,
                &a.content_sealed,
            )?,
        };
        self.audit(
            &reader.actor,
            Event::new(Action::AttachmentRead)
                .target("person", person_id)
                .detail(serde_json::json!({ "attachment": attachment_id })),
        )
        .await?;
        Ok(content)
    }

    /// Links a relative to the file, for support to relatives.
    pub async fn add_relative(
        &self,
        reader: &Reader,
        person_id: PersonId,
        name: &str,
        relation: &str,
    ) -> Result<RelativeId, StoreError> {
        self.write(&reader.actor, async |txn| {
            self.file_record_access(
                txn,
                reader,
                person_id,
                policy::Action::Edit,
                RecordKind::PersonFile,
                NoteScope::Team,
            )
            .await?;
            let mut problems = Vec::new();
            if !is_valid_name(name) {
                problems.push(FieldError {
                    field: "relative_name",
                    message_key: "field-required",
                });
            }
            if !RELATIONS.contains(&relation) {
                problems.push(FieldError {
                    field: "relation",
                    message_key: "value-not-in-list",
                });
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let id = RelativeId::new();
            let now = self.now();
            relative::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                person_id: Set(person_id.into()),
                name_sealed: Set(self.seal_in(
                    self.file_key_of(txn, person_id).await?.as_ref(),
                    "relatives",
                    "name",
                    id,
                    name.trim().as_bytes(),
                )),
                relation: Set(relation.to_owned()),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::RelativeAdded)
                    .target("person", person_id)
                    .detail(serde_json::json!({ "relative": id })),
            ))
        })
        .await
    }

    /// Rectifies who she is and how to reach her (docs/safety.md: data can be rectified; the
    /// safe-contact instructions change when her life does). The blind indexes follow, so that
    /// intake finds her again by her new number. Bad input changes nothing.
    pub async fn update_person(
        &self,
        reader: &Reader,
        person_id: PersonId,
        changes: PersonChanges,
    ) -> Result<(), StoreError> {
        use chrono::Datelike;
        self.write(&reader.actor, async |txn| {
            self.file_record_access(
                txn,
                reader,
                person_id,
                policy::Action::Edit,
                RecordKind::PersonFile,
                NoteScope::Team,
            )
            .await?;
            let now = self.now();
            let mut problems = Vec::new();
            let name = changes.name.trim();
            if !is_valid_name(name) {
                problems.push(FieldError {
                    field: "name",
                    message_key: "field-required",
                });
            }
            let phone = changes
                .phone
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty());
            if phone.is_some_and(|p| !is_valid_phone(p)) {
                problems.push(FieldError {
                    field: "phone",
                    message_key: "phone-invalid",
                });
            }
            for (field, message_key) in changes.safe_contact.problems() {
                problems.push(FieldError { field, message_key });
            }
            if let Some(year) = changes.birth_year
                && !(now.year() - 120..=now.year()).contains(&year)
            {
                problems.push(FieldError {
                    field: "birth_year",
                    message_key: "field-invalid",
                });
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let p = person::Entity::find_by_id(person_id)
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let key = self.file_key(&p)?;
            let seal = |column, value: &str| {
                self.seal_in(key.as_ref(), "persons", column, person_id, value.as_bytes())
            };
            let safe_contact = SafeContact {
                safe_number: changes.safe_contact.safe_number.trim().to_owned(),
                hours: changes.safe_contact.hours.trim().to_owned(),
                ..changes.safe_contact
            };
            let mut model: person::ActiveModel = p.into();
            model.name_sealed = Set(seal("name", name));
            model.phone_sealed = Set(phone.map(|v| seal("phone", v)));
            model.phone_index = Set(phone.and_then(|v| self.phone_index(v)));
            model.birth_year_sealed = Set(changes
                .birth_year
                .map(|y| seal("birth_year", &y.to_string())));
            model.name_year_index = Set(changes.birth_year.map(|y| self.name_year_index(name, y)));
            model.safe_contact_sealed = Set(seal(
                "safe_contact",
                &serde_json::to_string(&safe_contact).unwrap_or_default(),
            ));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::PersonUpdated).target("person", person_id),
            ))
        })
        .await
    }

    /// Closes the open episode of a file with a reason. A later request opens a new one.
    pub async fn close_episode(
        &self,
        reader: &Reader,
        person_id: PersonId,
        reason: Option<ClosingReason>,
    ) -> Result<(), StoreError> {
        self.write(&reader.actor, async |txn| {
            self.file_record_access(
                txn,
                reader,
                person_id,
                policy::Action::Edit,
                RecordKind::PersonFile,
                NoteScope::Team,
            )
            .await?;
            let Some(reason) = reason else {
                return Err(StoreError::invalid("reason", "value-not-in-list"));
            };
            let episode = help_request::Entity::find()
                .filter(help_request::Column::OrganizationId.eq(reader.organization_id))
                .filter(help_request::Column::PersonId.eq(person_id))
                .filter(help_request::Column::Status.ne("closed"))
                .order_by_desc(help_request::Column::Sequence)
                .one(txn)
                .await?
                .ok_or_else(|| StoreError::invalid("reason", "episode-not-open"))?;
            let id = episode.id;
            let now = self.now();
            let mut model: help_request::ActiveModel = episode.into();
            model.status = Set("closed".to_owned());
            model.closed_at = Set(Some(now));
            model.close_reason = Set(Some(reason.key().to_owned()));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::EpisodeClosed)
                    .target("person", person_id)
                    .detail(serde_json::json!({ "help_request": id, "reason": reason.key() })),
            ))
        })
        .await
    }

    /// Who read a file and when (the coordinator's question), newest first.
    pub async fn file_reads(
        &self,
        organization_id: OrganizationId,
        person_id: PersonId,
    ) -> Result<Vec<crate::entity::audit_entry::Model>, StoreError> {
        self.audit_entries(
            organization_id,
            Some(("person", &person_id.to_string())),
            100,
        )
        .await
    }
}

/// Adds a caseworker to a file if she is not on it yet (the wait list assigns too).
pub(crate) async fn assign_in<C: ConnectionTrait>(
    conn: &C,
    organization_id: OrganizationId,
    person_id: PersonId,
    user_id: UserId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    use sea_orm::sea_query::OnConflict;
    // Two assignments at once must not collide: the second one finds her there.
    file_caseworker::Entity::insert(file_caseworker::ActiveModel {
        person_id: Set(person_id.into()),
        user_id: Set(user_id.into()),
        organization_id: Set(organization_id.into()),
        assigned_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            file_caseworker::Column::PersonId,
            file_caseworker::Column::UserId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The use of each limited kind: per open episode for the person's own meetings, per relative
/// for support to relatives.
fn limit_uses(
    limits: &Limits,
    tallies: &[MeetingTally],
    open_episode: Option<EpisodeId>,
    relatives: &[Relative],
) -> Vec<LimitUse> {
    let used = |kind: MeetingKind, of: &dyn Fn(&MeetingTally) -> bool| {
        tallies
            .iter()
            .filter(|t| t.kind == kind.key() && of(t))
            .map(|t| t.count)
            .sum::<u32>()
    };
    let mut out = Vec::new();
    if let Some(episode) = open_episode {
        for kind in [MeetingKind::Emergency, MeetingKind::FollowUp] {
            if let Some(limit) = limits.of(kind) {
                out.push(LimitUse {
                    kind,
                    limit,
                    used: used(kind, &|t| t.episode_id == episode),
                    relative_id: None,
                });
            }
        }
    }
    for r in relatives {
        out.push(LimitUse {
            kind: MeetingKind::Relatives,
            limit: limits.relatives,
            used: used(MeetingKind::Relatives, &|t| {
                t.relative_id == Some(r.id.into())
            }),
            relative_id: Some(r.id),
        });
    }
    out
}
