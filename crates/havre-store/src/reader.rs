//! Who reads or changes records: every capability's module takes one, so it lives apart from
//! them all (docs/architecture.md "No import circles").

use crate::entity::list_value;
use crate::{Actor, Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::care::ProfessionKind;
use havre_domain::ids::{ListValueId, OrganizationId, PartnerId, PersonId, UserId};
use havre_domain::lists::ListKind;
use havre_domain::meetings::Limits;
use havre_domain::policy::{self, Record, RecordKind, Roles};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Why a reader may open a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileAccess {
    /// She is one of its caseworkers.
    Assigned,
    /// Her role reads every file (the coordinator).
    AllFiles,
    /// She gave a reason, and the access has not expired.
    Exceptional { until: DateTime<Utc> },
    /// She answers the woman's own request for access (docs/privacy.md "Access requests"):
    /// the person in charge reads all the file holds, for the export made of it.
    AccessRequest,
}

/// A reader's access to a file, as decided, and what deciding read on the way.
#[derive(Clone, Debug)]
pub(crate) struct Decided {
    pub(crate) access: FileAccess,
    /// The file's caseworkers, when the decision read them (hers to check).
    pub(crate) caseworkers: Option<Vec<UserId>>,
}

impl FileAccess {
    /// A record of the file, as the policy sees it from this access.
    pub fn record(self, kind: RecordKind) -> Record {
        Record::new(kind)
            .in_her_charge(self == FileAccess::Assigned)
            .opened_with_reason(matches!(self, FileAccess::Exceptional { .. }))
            .answering_access(self == FileAccess::AccessRequest)
    }

    pub(crate) fn key(self) -> &'static str {
        match self {
            FileAccess::Assigned => "assigned",
            FileAccess::AllFiles => "all_files",
            FileAccess::Exceptional { .. } => "exceptional",
            FileAccess::AccessRequest => "access_request",
        }
    }
}

/// A member of the team reading or changing files: who she is and what her roles allow.
#[derive(Clone, Debug)]
pub struct Reader {
    pub actor: Actor,
    pub organization_id: OrganizationId,
    pub user_id: UserId,
    pub roles: Roles,
    /// The kind of her profession: what she reads in the files she opens (docs/care.md).
    pub profession: Option<ProfessionKind>,
    /// The member partner she files requests for, for a partner's caseworker
    /// (docs/missions.md): she reads that partner's requests and nothing else.
    pub partner_id: Option<PartnerId>,
    /// What her request has learned already: the files she was found allowed to open and
    /// why, and her organization's rules. A reader is made for one request: make a new one
    /// (`Default::default()`, or `Known::with_rules`) for each.
    pub known: Known,
}

/// What a reader's request has learned, for the rest of that request
/// (docs/architecture.md "One request, one decision per file"): the files she was found allowed
/// to open, and why (the file page reads a file in five parts, and the decision is the same for
/// each), with their caseworkers when deciding read them, her organization's rules, which the web has read with her session, and, for a
/// request that only reads, the count of changes read with her session, at which every value
/// kept until a change is read (docs/architecture.md "The lists kept until a change").
///
/// A clone starts empty: a reader cloned is another reader (`..reader.clone()` makes
/// someone else), and must not inherit what the first was allowed.
#[derive(Debug, Default)]
pub struct Known {
    files: Mutex<HashMap<PersonId, Decided>>,
    rules: OnceLock<OrganizationRules>,
    changes: OnceLock<i64>,
}

/// What the work of a reader needs of her organization: its clock and its limits on meetings
/// (`Organization::rules`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrganizationRules {
    pub id: OrganizationId,
    pub time_zone: havre_domain::zone::Zone,
    pub limits: Limits,
}

impl Clone for Known {
    fn clone(&self) -> Self {
        Known::default()
    }
}

impl Known {
    /// A request that has read her organization already (with her session).
    pub fn with_rules(rules: OrganizationRules) -> Known {
        let known = Known::default();
        let _ = known.rules.set(rules);
        known
    }

    /// Her organization's rules, if her request read them: never another organization's.
    pub(crate) fn rules(&self, organization: OrganizationId) -> Option<OrganizationRules> {
        self.rules.get().copied().filter(|r| r.id == organization)
    }

    pub(crate) fn remember_rules(&self, rules: OrganizationRules) {
        let _ = self.rules.set(rules);
    }

    /// The count of changes read with her session, for a request that only reads.
    pub(crate) fn changes(&self) -> Option<i64> {
        self.changes.get().copied()
    }

    /// A request that only reads, and whose session was read with the count of changes: its
    /// kept values are read at that count without asking it again. Never for a request that
    /// writes, which would read its own change as not there yet.
    pub fn seeing(self, changes: i64) -> Known {
        let _ = self.changes.set(changes);
        self
    }

    pub(crate) fn file(&self, person: PersonId) -> Option<FileAccess> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&person)
            .map(|d| d.access)
    }

    /// The file's caseworkers, in the order they were assigned, if deciding her access read
    /// them: the file page does not ask for them again.
    pub(crate) fn caseworkers(&self, person: PersonId) -> Option<Vec<UserId>> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&person)
            .and_then(|d| d.caseworkers.clone())
    }

    /// The first decision on a file holds for the rest of the request.
    pub(crate) fn remember_file(&self, person: PersonId, decided: Decided) {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(person)
            .or_insert(decided);
    }
}

impl Reader {
    /// Who asks, as the policy sees her.
    pub fn policy_actor(&self) -> policy::Actor<'_> {
        policy::Actor {
            user_id: self.user_id.into(),
            roles: &self.roles,
            profession: self.profession,
        }
    }

    /// Whether the policy lets her do this with the record.
    pub fn may(&self, action: policy::Action, record: &Record) -> bool {
        policy::may(self.policy_actor(), action, record)
    }

    /// `Forbidden` unless the policy lets her do this with the record.
    pub fn check(&self, action: policy::Action, record: &Record) -> Result<(), StoreError> {
        if policy::may(self.policy_actor(), action, record) {
            Ok(())
        } else {
            Err(StoreError::Forbidden)
        }
    }
}

impl Store {
    /// The kind of a profession of the organization's list; none for no profession. A
    /// profession retired from the list still says what its holders read.
    pub async fn profession_kind(
        &self,
        organization_id: OrganizationId,
        profession: Option<ListValueId>,
    ) -> Result<Option<ProfessionKind>, StoreError> {
        let Some(id) = profession else {
            return Ok(None);
        };
        let value = list_value::Entity::find_by_id(id)
            .filter(list_value::Column::OrganizationId.eq(organization_id))
            .filter(list_value::Column::List.eq(ListKind::Profession.key()))
            .one(self.db())
            .await?;
        // A profession whose kind cannot be read reads the least: what is shared for a
        // complaint, as the reception does not even.
        Ok(Some(
            value
                .and_then(|v| v.category)
                .and_then(|c| ProfessionKind::parse(&c))
                .unwrap_or(ProfessionKind::Reception),
        ))
    }

    /// The reader an account is, her profession's kind read from the list.
    pub async fn reader_for(
        &self,
        user: &crate::accounts::User,
        actor: Actor,
    ) -> Result<Reader, StoreError> {
        Ok(Reader {
            actor,
            organization_id: user.organization_id,
            user_id: user.id,
            roles: user.roles.clone(),
            profession: self
                .profession_kind(user.organization_id, user.profession_id)
                .await?,
            partner_id: user.partner_id,
            known: Default::default(),
        })
    }
}
