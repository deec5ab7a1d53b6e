//! The append-only audit log (docs/safety.md "Audit"): every read of a file, every change, export,
//! login and failed login, every permission change. Each entry carries the hash of the one
//! before, so that a deleted or altered entry breaks the chain, and `verify` finds where.
//!
//! Details never hold identifying data: ids, roles, reasons written by staff, counts.

use crate::entity::{audit_entry, audit_head};
use crate::{Actor, Store, StoreError};
use crate::{Clock, Keyring};
use chrono::{DateTime, SecondsFormat, Utc};
use havre_domain::ids::OrganizationId;
use hmac::Mac;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::sync::Arc;

/// The hash before the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, as the audit log names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    LoginSucceeded,
    LoginFailed,
    LoginThrottled,
    SecondFactorFailed,
    Logout,
    LogoutEverywhere,
    PasswordChanged,
    TotpEnabled,
    TotpReset,
    OrganizationCreated,
    OrganizationUpdated,
    UserCreated,
    UserUpdated,
    RolesChanged,
    TokenCreated,
    TokenRevoked,
    BackupMade,
    BackupRestored,
    KeysRotated,
    AuditRead,
    HelpRequestRecorded,
    HelpRequestRead,
    WaitListChanged,
    ReferralReceived,
    ReferralAttempt,
    ReferralLinked,
    OnlineRequestReceived,
    OnlineRequestRead,
    OnlineRequestClosed,
    ImportStarted,
    ImportMapped,
    ImportDropped,
    ImportDone,
    ImportUndone,
    FileRead,
    FileReadRefused,
    FileAccessExceptional,
    CaseworkerAssigned,
    NoteAdded,
    AttachmentAdded,
    AttachmentRead,
    RelativeAdded,
    EpisodeClosed,
    MeetingRecorded,
    GroupCreated,
    GroupRead,
    GroupEnrolment,
    GroupWithdrawal,
    GroupSessionRecorded,
    DropinRecorded,
    FundChanged,
    FundRead,
    PersonUpdated,
    MeetingRemoved,
    PreventionChanged,
    HoursChanged,
    ReportExported,
    ReportNarrativeSaved,
    RecordRemoved,
    GovernanceChanged,
    HousingChanged,
    HouseAddressRead,
    StayRecorded,
    StayChanged,
    StayExtended,
    HousingRequestChanged,
    AppointmentBooked,
    AppointmentChanged,
    AgendaRead,
    PathwayChanged,
    HostingChanged,
    PartnerChanged,
    ServiceRequestFiled,
    ServiceRequestRead,
    ServiceRequestChanged,
    WorkerChanged,
    WorkerRead,
    MissionPlanned,
    MissionDone,
    MissionCancelled,
    MissionHoursChanged,
    PayScheduleChanged,
    PayStatementApproved,
    PayStatementCorrected,
    PrivacySettingsChanged,
    ComplaintReceived,
    ComplaintRead,
    ComplaintChanged,
    IncidentOpened,
    IncidentRead,
    IncidentAssessed,
    AccessRequested,
    AccessAnswered,
    AccessExported,
    FileDestroyed,
    ComplaintDestroyed,
    IncidentDestroyed,
    CallsAnonymised,
    RetentionReviewed,
    NetworkMemberAdded,
    NetworkMemberChanged,
    SigningKeyMade,
    NetworkShareChanged,
    NetworkSubmitted,
    NetworkSubmissionReceived,
    TextPublished,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::LoginSucceeded => "login.succeeded",
            Action::LoginFailed => "login.failed",
            Action::LoginThrottled => "login.throttled",
            Action::SecondFactorFailed => "login.second_factor_failed",
            Action::Logout => "logout",
            Action::LogoutEverywhere => "logout.everywhere",
            Action::PasswordChanged => "password.changed",
            Action::TotpEnabled => "totp.enabled",
            Action::TotpReset => "totp.reset",
            Action::OrganizationCreated => "organization.created",
            Action::OrganizationUpdated => "organization.updated",
            Action::UserCreated => "user.created",
            Action::UserUpdated => "user.updated",
            Action::RolesChanged => "user.roles_changed",
            Action::TokenCreated => "token.created",
            Action::TokenRevoked => "token.revoked",
            Action::BackupMade => "backup.made",
            Action::BackupRestored => "backup.restored",
            Action::KeysRotated => "keys.rotated",
            Action::AuditRead => "audit.read",
            Action::HelpRequestRecorded => "help_request.recorded",
            Action::HelpRequestRead => "help_request.read",
            Action::WaitListChanged => "help_request.wait_list_changed",
            Action::ReferralReceived => "referral.received",
            Action::ReferralAttempt => "referral.attempt",
            Action::ReferralLinked => "referral.linked",
            Action::OnlineRequestReceived => "online_request.received",
            Action::OnlineRequestRead => "online_request.read",
            Action::OnlineRequestClosed => "online_request.closed",
            Action::ImportStarted => "import.started",
            Action::ImportMapped => "import.mapped",
            Action::ImportDropped => "import.dropped",
            Action::ImportDone => "import.done",
            Action::ImportUndone => "import.undone",
            Action::FileRead => "file.read",
            Action::FileReadRefused => "file.read_refused",
            Action::FileAccessExceptional => "file.access_exceptional",
            Action::CaseworkerAssigned => "file.caseworker_assigned",
            Action::NoteAdded => "file.note_added",
            Action::AttachmentAdded => "file.attachment_added",
            Action::AttachmentRead => "file.attachment_read",
            Action::RelativeAdded => "file.relative_added",
            Action::EpisodeClosed => "file.episode_closed",
            Action::MeetingRecorded => "meeting.recorded",
            Action::GroupCreated => "group.created",
            Action::GroupRead => "group.read",
            Action::GroupEnrolment => "group.enrolment",
            Action::GroupWithdrawal => "group.withdrawal",
            Action::GroupSessionRecorded => "group.session_recorded",
            Action::DropinRecorded => "dropin.recorded",
            Action::FundChanged => "fund.changed",
            Action::FundRead => "fund.read",
            Action::PersonUpdated => "file.person_updated",
            Action::MeetingRemoved => "meeting.removed",
            Action::PreventionChanged => "prevention.changed",
            Action::HoursChanged => "hours.changed",
            Action::ReportExported => "report.exported",
            Action::ReportNarrativeSaved => "report.narrative_saved",
            Action::RecordRemoved => "record.removed",
            Action::GovernanceChanged => "governance.changed",
            Action::HousingChanged => "housing.changed",
            Action::HouseAddressRead => "housing.address_read",
            Action::StayRecorded => "stay.recorded",
            Action::StayChanged => "stay.changed",
            Action::StayExtended => "stay.extended",
            Action::HousingRequestChanged => "housing_request.changed",
            Action::AppointmentBooked => "appointment.booked",
            Action::AppointmentChanged => "appointment.changed",
            Action::AgendaRead => "agenda.read",
            Action::PathwayChanged => "pathway.changed",
            Action::HostingChanged => "hosting.changed",
            Action::PartnerChanged => "partner.changed",
            Action::ServiceRequestFiled => "service_request.filed",
            Action::ServiceRequestRead => "service_request.read",
            Action::ServiceRequestChanged => "service_request.changed",
            Action::WorkerChanged => "worker.changed",
            Action::WorkerRead => "worker.read",
            Action::MissionPlanned => "mission.planned",
            Action::MissionDone => "mission.done",
            Action::MissionCancelled => "mission.cancelled",
            Action::MissionHoursChanged => "mission.hours_changed",
            Action::PayScheduleChanged => "pay_schedule.changed",
            Action::PayStatementApproved => "pay_statement.approved",
            Action::PayStatementCorrected => "pay_statement.corrected",
            Action::PrivacySettingsChanged => "privacy.settings_changed",
            Action::ComplaintReceived => "complaint.received",
            Action::ComplaintRead => "complaint.read",
            Action::ComplaintChanged => "complaint.changed",
            Action::IncidentOpened => "incident.opened",
            Action::IncidentRead => "incident.read",
            Action::IncidentAssessed => "incident.assessed",
            Action::AccessRequested => "access.requested",
            Action::AccessAnswered => "access.answered",
            Action::AccessExported => "access.exported",
            Action::FileDestroyed => "file.destroyed",
            Action::ComplaintDestroyed => "complaint.destroyed",
            Action::IncidentDestroyed => "incident.destroyed",
            Action::CallsAnonymised => "calls.anonymised",
            Action::RetentionReviewed => "retention.reviewed",
            Action::NetworkMemberAdded => "network.member_added",
            Action::NetworkMemberChanged => "network.member_changed",
            Action::SigningKeyMade => "organization.signing_key_made",
            Action::NetworkShareChanged => "network.share_changed",
            Action::NetworkSubmitted => "network.submitted",
            Action::NetworkSubmissionReceived => "network.submission_received",
            Action::TextPublished => "text.published",
        }
    }
}

/// One entry to append.
pub struct Event<'a> {
    pub action: Action,
    pub target_kind: Option<&'a str>,
    pub target_id: Option<String>,
    pub detail: serde_json::Value,
}

/// One event is what a change that leaves one entry returns to `Store::write`.
impl<'a> IntoIterator for Event<'a> {
    type Item = Event<'a>;
    type IntoIter = std::iter::Once<Event<'a>>;
    fn into_iter(self) -> Self::IntoIter {
        std::iter::once(self)
    }
}

impl<'a> Event<'a> {
    pub fn new(action: Action) -> Self {
        Event {
            action,
            target_kind: None,
            target_id: None,
            detail: serde_json::json!({}),
        }
    }
    pub fn target(mut self, kind: &'a str, id: impl ToString) -> Self {
        self.target_kind = Some(kind);
        self.target_id = Some(id.to_string());
        self
    }
    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

/// The hash of an entry: HMAC-SHA-256, under the keyring's audit key, of every field but the
/// hash itself, each length-prefixed so that no two different entries serialize to the same
/// bytes. Keyed, so that someone who can write to the database but does not hold the key
/// cannot rewrite the chain after altering it. Changing this breaks every existing chain: a
/// new format would need a version marker in the entry.
fn hash_of(keys: &Keyring, e: &audit_entry::Model) -> String {
    let fields = [
        e.seq.to_string(),
        e.at.to_rfc3339_opts(SecondsFormat::Micros, true),
        e.organization_id.map(|u| u.to_string()).unwrap_or_default(),
        e.actor_id.map(|u| u.to_string()).unwrap_or_default(),
        e.actor_ip.clone().unwrap_or_default(),
        e.action.clone(),
        e.target_kind.clone().unwrap_or_default(),
        e.target_id.clone().unwrap_or_default(),
        e.detail.clone(),
        e.prev_hash.clone(),
    ];
    let mut mac = keys.audit_mac();
    for field in &fields {
        mac.update(&(field.len() as u64).to_be_bytes());
        mac.update(field.as_bytes());
    }
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Appends entries in the order given, inside the caller's transaction (so that a change and
/// its trace commit together), in four statements whatever their number (a batch of reads is
/// one transaction, docs/safety.md "Audit"). Nothing is written when there are none.
pub async fn append<'e, C: ConnectionTrait>(
    conn: &C,
    keys: &Keyring,
    entries: impl IntoIterator<Item = (DateTime<Utc>, &Actor, Event<'e>)>,
) -> Result<(), StoreError> {
    let entries: Vec<_> = entries.into_iter().collect();
    if entries.is_empty() {
        return Ok(());
    }
    let count = entries.len() as i64;
    // Write first: on SQLite this takes the write lock before anything is read, on PostgreSQL
    // it locks the head row; either way concurrent appends queue here instead of forking the
    // chain. The head moves by the number of entries at once.
    // The head moved is read back in the same statement (`RETURNING`, on both engines).
    let moved = sea_orm::sea_query::Query::update()
        .table(audit_head::Entity)
        .value(
            audit_head::Column::Seq,
            Expr::col(audit_head::Column::Seq).add(count),
        )
        .and_where(Expr::col(audit_head::Column::Id).eq(1))
        .returning(
            sea_orm::sea_query::Query::returning()
                .columns([audit_head::Column::Seq, audit_head::Column::Hash]),
        )
        .to_owned();
    let head = conn
        .query_one(&moved)
        .await?
        .ok_or_else(|| StoreError::Other("the audit head row is missing".into()))?;
    let (head_seq, head_hash): (i64, String) =
        (head.try_get("", "seq")?, head.try_get("", "hash")?);
    let mut seq = head_seq - count;
    let mut prev_hash = head_hash;
    let mut rows = Vec::with_capacity(entries.len());
    for (at, actor, event) in entries {
        seq += 1;
        let entry = audit_entry::Model {
            seq,
            at,
            organization_id: actor.organization_id.map(Into::into),
            actor_id: actor.user_id.map(Into::into),
            actor_ip: actor.ip.clone(),
            action: event.action.as_str().to_owned(),
            target_kind: event.target_kind.map(str::to_owned),
            target_id: event.target_id,
            detail: event.detail.to_string(),
            prev_hash,
            hash: String::new(),
        };
        let hash = hash_of(keys, &entry);
        prev_hash = hash.clone();
        rows.push(audit_entry::ActiveModel::from(audit_entry::Model {
            hash,
            ..entry
        }));
    }
    audit_entry::Entity::insert_many(rows).exec(conn).await?;
    // Written without reading back: the head is known.
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::Seq, Expr::value(seq))
        .col_expr(audit_head::Column::Hash, Expr::value(prev_hash))
        .filter(audit_head::Column::Id.eq(1))
        .exec(conn)
        .await?;
    Ok(())
}

/// Where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// The entry's stored hash is not the hash of its content: it was altered.
    Altered { seq: i64 },
    /// The entry does not point at the one before: an entry before it was removed or replaced.
    Unlinked { seq: i64 },
    /// A sequence number is missing.
    Missing { seq: i64 },
    /// The head says the chain is longer, or ends elsewhere: its end was cut.
    Truncated { expected_seq: i64, found_seq: i64 },
}

impl ChainBreak {
    /// The number of the entry where the chain breaks: the same break seen again has it.
    pub fn seq(&self) -> i64 {
        match *self {
            ChainBreak::Altered { seq }
            | ChainBreak::Unlinked { seq }
            | ChainBreak::Missing { seq } => seq,
            ChainBreak::Truncated { found_seq, .. } => found_seq,
        }
    }
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainBreak::Altered { seq } => write!(
                f,
                "entry {seq} was altered (its hash does not match its content)"
            ),
            ChainBreak::Unlinked { seq } => write!(
                f,
                "entry {seq} does not follow the entry before it (an entry was removed or replaced)"
            ),
            ChainBreak::Missing { seq } => write!(f, "entry {seq} is missing"),
            ChainBreak::Truncated {
                expected_seq,
                found_seq,
            } => write!(
                f,
                "the log ends at entry {found_seq} but its head says {expected_seq}: entries were removed from the end"
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub entries: i64,
    pub first_break: Option<ChainBreak>,
}

/// How many entries wait at most for the writer before `Store::audit` waits to hand its own.
const QUEUE: usize = 4096;
/// How many entries one transaction writes at most.
const BATCH: usize = 512;

/// An entry of `Store::audit` on its way to the log, and whom to tell once it is written.
struct Pending {
    actor: Actor,
    action: Action,
    target_kind: Option<String>,
    target_id: Option<String>,
    detail: serde_json::Value,
    written: tokio::sync::oneshot::Sender<Result<(), String>>,
}

/// The writer of the entries that change nothing else: reads of files, logins, exports
/// (docs/safety.md "Audit"). Each was one write transaction, and a file opened by 64 people
/// at once waited for 64 commits one after the other. The writer takes every entry waiting,
/// appends them in one transaction, commits, and only then answers each caller: a read is
/// answered after its entry is in the log, as before, and none is lost. When nobody else is
/// waiting, a batch is one entry, written at once.
#[derive(Clone)]
pub(crate) struct Batches {
    queue: tokio::sync::mpsc::Sender<Pending>,
}

impl Batches {
    /// Starts the writer on the current runtime; it stops when the last store is dropped.
    pub(crate) fn start(db: sea_orm::DatabaseConnection, keys: Arc<Keyring>, clock: Clock) -> Self {
        let (queue, mut waiting) = tokio::sync::mpsc::channel::<Pending>(QUEUE);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(BATCH);
            while waiting.recv_many(&mut batch, BATCH).await > 0 {
                let written = append_batch(&db, &keys, &clock, &batch)
                    .await
                    .map_err(|e| e.to_string());
                for entry in batch.drain(..) {
                    // A caller that went away still had its entry written.
                    let _ = entry.written.send(written.clone());
                }
            }
        });
        Batches { queue }
    }
}

/// Appends a batch in one transaction, in the order the entries came.
async fn append_batch(
    db: &sea_orm::DatabaseConnection,
    keys: &Keyring,
    clock: &Clock,
    batch: &[Pending],
) -> Result<(), StoreError> {
    let txn = crate::begin_write(db).await?;
    let now = clock.now();
    append(
        &txn,
        keys,
        batch.iter().map(|entry| {
            let event = Event {
                action: entry.action,
                target_kind: entry.target_kind.as_deref(),
                target_id: entry.target_id.clone(),
                detail: entry.detail.clone(),
            };
            (now, &entry.actor, event)
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

impl Store {
    /// Appends an entry on its own (for reads, logins and exports, which change nothing else),
    /// written with the others waiting at the same moment; returns once it is committed.
    pub async fn audit(&self, actor: &Actor, event: Event<'_>) -> Result<(), StoreError> {
        let stopped = || StoreError::Other("the audit log's writer has stopped".into());
        let (written, answer) = tokio::sync::oneshot::channel();
        self.audit_batches
            .queue
            .send(Pending {
                actor: actor.clone(),
                action: event.action,
                target_kind: event.target_kind.map(str::to_owned),
                target_id: event.target_id,
                detail: event.detail,
                written,
            })
            .await
            .map_err(|_| stopped())?;
        answer
            .await
            .map_err(|_| stopped())?
            .map_err(|e| StoreError::Other(format!("the audit log could not be written: {e}")))
    }

    /// Walks the whole chain in order and reports the first break.
    pub async fn verify_audit_chain(&self) -> Result<Verification, StoreError> {
        verify_chain(self.db(), self.keys()).await
    }

    /// The latest entries of one organization, newest first, optionally about one target.
    pub async fn audit_entries(
        &self,
        organization_id: OrganizationId,
        target: Option<(&str, &str)>,
        limit: u64,
    ) -> Result<Vec<audit_entry::Model>, StoreError> {
        let mut query = audit_entry::Entity::find()
            .filter(audit_entry::Column::OrganizationId.eq(organization_id));
        if let Some((kind, id)) = target {
            query = query
                .filter(audit_entry::Column::TargetKind.eq(kind))
                .filter(audit_entry::Column::TargetId.eq(id));
        }
        Ok(query
            .order_by_desc(audit_entry::Column::Seq)
            .limit(limit)
            .all(self.db())
            .await?)
    }

    pub async fn audit_count(&self) -> Result<u64, StoreError> {
        Ok(audit_entry::Entity::find().count(self.db()).await?)
    }
}

/// Walks the whole chain in order, in pages, and reports the first break (on the database
/// or inside a transaction, as a restore does before it commits).
pub async fn verify_chain<C: ConnectionTrait>(
    conn: &C,
    keys: &Keyring,
) -> Result<Verification, StoreError> {
    const PAGE: u64 = 1000;
    let head = audit_head::Entity::find_by_id(1)
        .one(conn)
        .await?
        .ok_or_else(|| StoreError::Other("the audit head row is missing".into()))?;
    let mut prev_hash = GENESIS_HASH.to_owned();
    let mut expected = 1i64;
    let mut count = 0i64;
    loop {
        let page = audit_entry::Entity::find()
            .filter(audit_entry::Column::Seq.gte(expected))
            .order_by_asc(audit_entry::Column::Seq)
            .limit(PAGE)
            .all(conn)
            .await?;
        if page.is_empty() {
            break;
        }
        for e in &page {
            if e.seq != expected {
                return Ok(Verification {
                    entries: count,
                    first_break: Some(ChainBreak::Missing { seq: expected }),
                });
            }
            if hash_of(keys, e) != e.hash {
                return Ok(Verification {
                    entries: count,
                    first_break: Some(ChainBreak::Altered { seq: e.seq }),
                });
            }
            if e.prev_hash != prev_hash {
                return Ok(Verification {
                    entries: count,
                    first_break: Some(ChainBreak::Unlinked { seq: e.seq }),
                });
            }
            prev_hash = e.hash.clone();
            expected += 1;
            count += 1;
        }
    }
    if head.seq != count || head.hash != prev_hash {
        return Ok(Verification {
            entries: count,
            first_break: Some(ChainBreak::Truncated {
                expected_seq: head.seq,
                found_seq: count,
            }),
        });
    }
    Ok(Verification {
        entries: count,
        first_break: None,
    })
}
