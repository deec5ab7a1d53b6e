//! Retention and destruction (docs/privacy.md "Destruction"). Each kind of record is kept the
//! years the organization sets: a file from the last day anything happened in it (a file
//! where she was never served has its own, shorter, years), a listening call from its day, a
//! complaint from its answer, an incident from its assessment. Then the person in charge sees
//! what is due in a preview, approves, and Havre destroys it in one transaction: what
//! identifies anyone (a file's key, her name, how to reach her, her relatives' names, the
//! notes, the documents, the words of a complaint or an incident), in the database and in the
//! backups Havre keeps. What the reports count stays, without identity: her requests,
//! meetings, stays and their dates; a complaint's nature, outcome and dates; a call's topic
//! and length.

use crate::audit::{Action, Event};
use crate::backup::Rewritten;
use crate::entity::{
    attachment, call, complaint, complaint_step, fund_entry, group, group_member, help_request,
    housing_request, incident, meeting, note, organization, pathway_enrolment, person, relative,
    retention_review, stay,
};
use crate::incidents::havre_itself;
use crate::reader::Reader;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use havre_domain::care::AppointmentStatus;
use havre_domain::housing::RequestStatus;
use havre_domain::ids::{ComplaintId, IncidentId, OrganizationId, PersonId};
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::privacy::{FileSpan, RetentionKind, RetentionYears, due, due_on};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, IdenStatic, IntoActiveModel, QueryFilter, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use uuid::Uuid;

/// A file due for destruction, as the preview shows it: by its reference, never her name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DueFile {
    pub person_id: PersonId,
    /// What a destroyed file is shown as: `#` and the start of its id.
    pub reference: String,
    /// `closed_file`, or `unserved_request` for a file where she was never served.
    #[schema(value_type = String)]
    pub kind: RetentionKind,
    /// The last day anything happened in it.
    pub last_day: NaiveDate,
    pub due_on: NaiveDate,
}

/// A complaint due: answered its years ago.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DueComplaint {
    pub id: ComplaintId,
    pub received_on: NaiveDate,
    pub answered_on: NaiveDate,
    pub due_on: NaiveDate,
}

/// An incident of the register due: assessed its years ago.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DueIncident {
    pub id: IncidentId,
    pub known_on: NaiveDate,
    pub assessed_on: NaiveDate,
    pub due_on: NaiveDate,
}

/// What is due for destruction today: the preview the person in charge approves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Due {
    pub years: RetentionYears,
    /// Oldest first.
    pub files: Vec<DueFile>,
    pub complaints: Vec<DueComplaint>,
    pub incidents: Vec<DueIncident>,
    /// Listening calls whose resource given is still written: it is erased, the call still
    /// counts.
    pub calls: u64,
}

impl Due {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
            && self.complaints.is_empty()
            && self.incidents.is_empty()
            && self.calls == 0
    }
}

/// What the person in charge approved from the preview; what is no longer due is left.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Approved {
    pub person_ids: Vec<PersonId>,
    pub complaint_ids: Vec<ComplaintId>,
    pub incident_ids: Vec<IncidentId>,
    /// The calls due, all of them.
    pub calls: bool,
}

/// What a destruction did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DestructionSummary {
    pub files: u32,
    pub complaints: u32,
    pub incidents: u32,
    pub calls: u64,
    /// Backups in Havre's backup folder rewritten without them.
    pub backups: u32,
}

/// The reference a destroyed file is shown by.
pub fn reference(person_id: PersonId) -> String {
    short_reference(person_id)
}

fn short_reference(id: impl std::fmt::Display) -> String {
    format!("#{}", id.to_string().get(..8).unwrap_or_default())
}

/// The records a destruction is for, by their ids.
#[derive(Default)]
struct Doomed {
    persons: HashSet<Uuid>,
    complaints: HashSet<Uuid>,
    incidents: HashSet<Uuid>,
    calls: HashSet<Uuid>,
}

impl Store {
    /// Sets the years some kinds of records are kept (`years_<kind>` of
    /// [`RetentionKind::field`]); nothing changes when one is refused.
    pub async fn set_retention_years(
        &self,
        reader: &Reader,
        typed: &[(RetentionKind, &str)],
    ) -> Result<(), StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::Retention))?;
        let mut years = self
            .privacy_settings(reader.organization_id)
            .await?
            .retention;
        years.set(typed).map_err(StoreError::Invalid)?;
        self.change_privacy_settings(reader, "retention", move |s| s.retention = years)
            .await
    }

    /// What is due for destruction today, for the person in charge to approve.
    pub async fn retention_due(&self, reader: &Reader) -> Result<Due, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::Retention))?;
        self.due(self.db(), reader.organization_id).await
    }

    /// Havre's daily review (docs/privacy.md "Destruction"): in every organization, counts
    /// what is due for destruction, for the home page of the person in charge; a change of
    /// the count is audited. Nothing is destroyed without her approval.
    pub async fn review_retention(&self) -> Result<(), StoreError> {
        for org in organization::Entity::find().all(self.db()).await? {
            self.note_due(org.id.into()).await?;
        }
        Ok(())
    }

    async fn note_due(&self, organization_id: OrganizationId) -> Result<(), StoreError> {
        let due = self.due(self.db(), organization_id).await?;
        let count = (due.files.len() + due.complaints.len() + due.incidents.len()) as i64
            + due.calls as i64;
        self.write(&havre_itself(organization_id), async |txn| {
            let row = retention_review::Entity::find_by_id(organization_id)
                .one(txn)
                .await?;
            let before = row.as_ref().map(|r| r.due_records);
            let model = retention_review::ActiveModel {
                organization_id: Set(organization_id.into()),
                due_records: Set(count),
                reviewed_at: Set(self.now()),
            };
            match row {
                Some(_) => model.update(txn).await?,
                None => model.insert(txn).await?,
            };
            let event = (before != Some(count)).then(|| {
                Event::new(Action::RetentionReviewed)
                    .target("organization", organization_id)
                    .detail(serde_json::json!({ "due": count }))
            });
            Ok(((), event))
        })
        .await
    }

    async fn due<C: ConnectionTrait>(
        &self,
        conn: &C,
        org_id: OrganizationId,
    ) -> Result<Due, StoreError> {
        let org = self.organization(org_id).await?;
        let years = self.privacy_settings(org_id).await?.retention;
        let zone = org.time_zone;
        let today = zone.day_of(self.now());

        let mut spans: HashMap<Uuid, FileSpan> = HashMap::new();
        for p in person::Entity::find()
            .filter(person::Column::OrganizationId.eq(org_id))
            .filter(person::Column::DestroyedAt.is_null())
            .all(conn)
            .await?
        {
            spans
                .entry(p.id)
                .or_default()
                .saw(zone.day_of(p.created_at));
        }
        // Every record that says something of a file's end; a file destroyed is not in
        // `spans` and stays out.
        let mut saw = |person_id: Uuid, day: Option<NaiveDate>, open: bool, served: bool| {
            if let Some(span) = spans.get_mut(&person_id) {
                if let Some(day) = day {
                    span.saw(day);
                }
                span.open |= open;
                span.served |= served;
            }
        };
        for r in help_request::Entity::find()
            .filter(help_request::Column::OrganizationId.eq(org_id))
            .all(conn)
            .await?
        {
            let closed = r.status == "closed";
            let day = r
                .closed_at
                .or(Some(r.received_at))
                .map(|at| zone.day_of(at));
            saw(r.person_id, day, !closed, r.services_started_at.is_some());
        }
        for m in meeting::Entity::find()
            .filter(meeting::Column::OrganizationId.eq(org_id))
            .all(conn)
            .await?
        {
            saw(m.person_id, Some(zone.day_of(m.held_at)), false, true);
        }
        for s in stay::Entity::find()
            .filter(stay::Column::OrganizationId.eq(org_id))
            .all(conn)
            .await?
        {
            saw(s.person_id, s.exited_on, s.exited_on.is_none(), true);
        }
        for a in crate::entity::appointment::Entity::find()
            .filter(crate::entity::appointment::Column::OrganizationId.eq(org_id))
            .all(conn)
            .await?
        {
            let day = zone.day_of(a.starts_at);
            let status = AppointmentStatus::parse(&a.status);
            let waited = matches!(
                status,
                Some(AppointmentStatus::Expected | AppointmentStatus::Arrived)
            ) && day >= today;
            let seen = matches!(
                status,
                Some(AppointmentStatus::Seen | AppointmentStatus::Gone)
            );
            saw(a.person_id, Some(day), waited, seen);
        }
        for e in pathway_enrolment::Entity::find()
            .filter(pathway_enrolment::Column::OrganizationId.eq(org_id))
            .all(conn)
            .await?
        {
            saw(e.person_id, e.ended_on, e.ended_on.is_none(), true);
        }
        let groups_closed: HashMap<Uuid, Option<NaiveDate>> = group::Entity::find()
            .filter(group::Column::OrganizationId.eq(org_id))
            .all(conn)
            .await?
            .into_iter()
            .map(|g| (g.id, g.closed_at.map(|at| zone.day_of(at))))
            .collect();
        for m in group_member::Entity::find()
            .filter(group_member::Column::OrganizationId.eq(org_id))
            .all(conn)
            .await?
        {
            // A member who never left is in the group until it closes.
            let ended = m
                .left_at
                .map(|at| zone.day_of(at))
                .or_else(|| groups_closed.get(&m.group_id).copied().flatten());
            saw(m.person_id, ended, ended.is_none(), true);
        }
        for h in housing_request::Entity::find()
            .filter(housing_request::Column::OrganizationId.eq(org_id))
            .filter(housing_request::Column::PersonId.is_not_null())
            .all(conn)
            .await?
        {
            let waiting = RequestStatus::parse(&h.status) == Some(RequestStatus::Waiting);
            if let Some(person_id) = h.person_id {
                saw(
                    person_id,
                    Some(h.decided_on.unwrap_or(h.received_on)),
                    waiting,
                    false,
                );
            }
        }
        let mut files: Vec<DueFile> = spans
            .into_iter()
            .filter_map(|(id, span)| {
                let (due_on, last_day) = (span.due_on(&years)?, span.last?);
                (due_on <= today).then(|| DueFile {
                    person_id: id.into(),
                    reference: reference(id.into()),
                    kind: span.kind(),
                    last_day,
                    due_on,
                })
            })
            .collect();
        files.sort_by_key(|d| (d.due_on, d.person_id));

        let mut complaints: Vec<DueComplaint> = complaint::Entity::find()
            .filter(complaint::Column::OrganizationId.eq(org_id))
            .filter(complaint::Column::DestroyedAt.is_null())
            .filter(complaint::Column::AnsweredOn.is_not_null())
            .all(conn)
            .await?
            .into_iter()
            .filter_map(|c| {
                let answered_on = c.answered_on?;
                let due_on = due_on(answered_on, years.complaint)?;
                (due_on <= today).then(|| DueComplaint {
                    id: c.id.into(),
                    received_on: c.received_on,
                    answered_on,
                    due_on,
                })
            })
            .collect();
        complaints.sort_by_key(|c| (c.due_on, c.id));

        let mut incidents: Vec<DueIncident> = incident::Entity::find()
            .filter(incident::Column::OrganizationId.eq(org_id))
            .filter(incident::Column::DestroyedAt.is_null())
            .filter(incident::Column::AssessedOn.is_not_null())
            .all(conn)
            .await?
            .into_iter()
            .filter_map(|i| {
                let assessed_on = i.assessed_on?;
                let due_on = due_on(assessed_on, years.incident)?;
                (due_on <= today).then(|| DueIncident {
                    id: i.id.into(),
                    known_on: i.known_on,
                    assessed_on,
                    due_on,
                })
            })
            .collect();
        incidents.sort_by_key(|i| (i.due_on, i.id));

        let calls = self.calls_due(conn, org_id, &years, today).await?.len() as u64;
        Ok(Due {
            years,
            files,
            complaints,
            incidents,
            calls,
        })
    }

    async fn calls_due<C: ConnectionTrait>(
        &self,
        conn: &C,
        org_id: OrganizationId,
        years: &RetentionYears,
        today: NaiveDate,
    ) -> Result<HashSet<Uuid>, StoreError> {
        let zone = self.organization(org_id).await?.time_zone;
        Ok(call::Entity::find()
            .filter(call::Column::OrganizationId.eq(org_id))
            .filter(call::Column::ReferralGiven.is_not_null())
            .all(conn)
            .await?
            .into_iter()
            .filter(|c| due(zone.day_of(c.at), years.call, today))
            .map(|c| c.id)
            .collect())
    }

    /// Destroys what the person in charge approved from the preview, of what is still due (a
    /// file reopened since is left), in one transaction audited without anything it held;
    /// then the freed space is wiped (SQLite's `VACUUM`, PostgreSQL's), and the backups in
    /// `backup_dir` are rewritten without it.
    pub async fn destroy_due(
        &self,
        reader: &Reader,
        approved: &Approved,
        backup_dir: Option<&Path>,
    ) -> Result<DestructionSummary, StoreError> {
        reader.check(policy::Action::Decide, &Record::new(RecordKind::Retention))?;
        let at = self.now().to_rfc3339();
        let doomed = self
            .write(&reader.actor, async |txn| {
                let due = self.due(txn, reader.organization_id).await?;
                let today = self
                    .organization(reader.organization_id)
                    .await?
                    .time_zone
                    .day_of(self.now());
                let ids = |approved: Vec<Uuid>, due: HashSet<Uuid>| -> HashSet<Uuid> {
                    approved.into_iter().filter(|id| due.contains(id)).collect()
                };
                let doomed = Doomed {
                    persons: ids(
                        approved.person_ids.iter().map(|&id| id.into()).collect(),
                        due.files.iter().map(|f| f.person_id.into()).collect(),
                    ),
                    complaints: ids(
                        approved.complaint_ids.iter().map(|&id| id.into()).collect(),
                        due.complaints.iter().map(|c| c.id.into()).collect(),
                    ),
                    incidents: ids(
                        approved.incident_ids.iter().map(|&id| id.into()).collect(),
                        due.incidents.iter().map(|i| i.id.into()).collect(),
                    ),
                    calls: if approved.calls {
                        self.calls_due(txn, reader.organization_id, &due.years, today)
                            .await?
                    } else {
                        HashSet::new()
                    },
                };
                let events = self.destroy_in(txn, &doomed, &at).await?;
                Ok((doomed, events))
            })
            .await?;
        let mut summary = DestructionSummary {
            files: doomed.persons.len() as u32,
            complaints: doomed.complaints.len() as u32,
            incidents: doomed.incidents.len() as u32,
            calls: doomed.calls.len() as u64,
            backups: 0,
        };
        if doomed.persons.is_empty()
            && doomed.complaints.is_empty()
            && doomed.incidents.is_empty()
            && doomed.calls.is_empty()
        {
            return Ok(summary);
        }
        // The windows of the wait list the pages kept hold names and file keys, sealed: let
        // go of them now rather than at the next reading (docs/privacy.md "Destruction").
        self.wait_windows.clear();
        self.note_due(reader.organization_id).await?;
        self.wipe_freed_space().await?;
        if let Some(dir) = backup_dir {
            summary.backups = self.scrub_backups(dir, &doomed, &at)?;
        }
        Ok(summary)
    }

    /// Destroys the doomed records' rows in the database, table by table, as
    /// [`Store::destroyed_row`] says; returns the audit events, one per record, with how many
    /// rows of each kind went and nothing they held.
    async fn destroy_in(
        &self,
        txn: &DatabaseTransaction,
        doomed: &Doomed,
        at: &str,
    ) -> Result<Vec<Event<'static>>, StoreError> {
        let persons = &doomed.persons;
        let complaints = &doomed.complaints;
        self.destroy_rows::<person::Entity>(txn, person::Column::Id, persons, doomed, at)
            .await?;
        let notes = self
            .destroy_rows::<note::Entity>(txn, note::Column::PersonId, persons, doomed, at)
            .await?;
        let documents = self
            .destroy_rows::<attachment::Entity>(
                txn,
                attachment::Column::PersonId,
                persons,
                doomed,
                at,
            )
            .await?;
        let relatives = self
            .destroy_rows::<relative::Entity>(txn, relative::Column::PersonId, persons, doomed, at)
            .await?;
        self.destroy_rows::<help_request::Entity>(
            txn,
            help_request::Column::PersonId,
            persons,
            doomed,
            at,
        )
        .await?;
        self.destroy_rows::<meeting::Entity>(txn, meeting::Column::PersonId, persons, doomed, at)
            .await?;
        self.destroy_rows::<housing_request::Entity>(
            txn,
            housing_request::Column::PersonId,
            persons,
            doomed,
            at,
        )
        .await?;
        self.destroy_rows::<fund_entry::Entity>(
            txn,
            fund_entry::Column::PersonId,
            persons,
            doomed,
            at,
        )
        .await?;
        self.destroy_rows::<complaint::Entity>(txn, complaint::Column::Id, complaints, doomed, at)
            .await?;
        let steps = self
            .destroy_rows::<complaint_step::Entity>(
                txn,
                complaint_step::Column::ComplaintId,
                complaints,
                doomed,
                at,
            )
            .await?;
        self.destroy_rows::<incident::Entity>(
            txn,
            incident::Column::Id,
            &doomed.incidents,
            doomed,
            at,
        )
        .await?;
        self.destroy_rows::<call::Entity>(txn, call::Column::Id, &doomed.calls, doomed, at)
            .await?;

        let sorted = |set: &HashSet<Uuid>| {
            let mut ids: Vec<Uuid> = set.iter().copied().collect();
            ids.sort();
            ids
        };
        let count = |per: &HashMap<Uuid, u64>, id: Uuid| per.get(&id).copied().unwrap_or(0);
        let mut events = Vec::new();
        for id in sorted(persons) {
            events.push(
                Event::new(Action::FileDestroyed)
                    .target("person", id)
                    .detail(serde_json::json!({
                        "notes": count(&notes, id),
                        "documents": count(&documents, id),
                        "relatives": count(&relatives, id),
                    })),
            );
        }
        for id in sorted(complaints) {
            events.push(
                Event::new(Action::ComplaintDestroyed)
                    .target("complaint", id)
                    .detail(serde_json::json!({ "steps": count(&steps, id) })),
            );
        }
        for id in sorted(&doomed.incidents) {
            events.push(Event::new(Action::IncidentDestroyed).target("incident", id));
        }
        if !doomed.calls.is_empty() {
            events.push(
                Event::new(Action::CallsAnonymised)
                    .detail(serde_json::json!({ "calls": doomed.calls.len() })),
            );
        }
        Ok(events)
    }

    /// Destroys the rows of a table whose `column` is one of `ids`: each is read as a backup
    /// holds it, changed by [`Store::destroyed_row`], and written back or deleted. One way
    /// for the database and the backups, so that neither keeps what the other lost. Returns
    /// how many rows each id had.
    async fn destroy_rows<E>(
        &self,
        txn: &DatabaseTransaction,
        column: E::Column,
        ids: &HashSet<Uuid>,
        doomed: &Doomed,
        at: &str,
    ) -> Result<HashMap<Uuid, u64>, StoreError>
    where
        E: EntityTrait,
        E::Model: Serialize + for<'de> Deserialize<'de> + IntoActiveModel<E::ActiveModel>,
        E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    {
        let table = E::default().table_name().to_owned();
        let ids: Vec<Uuid> = ids.iter().copied().collect();
        let mut per: HashMap<Uuid, u64> = HashMap::new();
        // In chunks: SQLite takes a bounded number of values in one statement.
        for chunk in ids.chunks(500) {
            for model in E::find()
                .filter(column.is_in(chunk.iter().copied()))
                .all(txn)
                .await?
            {
                let mut row =
                    serde_json::to_value(&model).map_err(|e| StoreError::Other(e.to_string()))?;
                if let Some(owner) = row
                    .get(column.as_str())
                    .and_then(|v| v.as_str())
                    .and_then(|v| v.parse::<Uuid>().ok())
                {
                    *per.entry(owner).or_default() += 1;
                }
                match self.destroyed_row(&table, &mut row, doomed, at) {
                    Rewritten::Dropped => {
                        model.into_active_model().delete(txn).await?;
                    }
                    Rewritten::Kept => {
                        let changed: E::Model = serde_json::from_value(row)
                            .map_err(|e| StoreError::Other(e.to_string()))?;
                        changed.into_active_model().reset_all().update(txn).await?;
                    }
                }
            }
        }
        Ok(per)
    }

    /// What a row of a doomed record becomes, in the database or in a backup: what
    /// identified anyone erased (a sealed placeholder where the column must hold one), the
    /// figures kept; or the row dropped (notes, documents, a complaint's steps). Rows of
    /// records not doomed are kept as they are.
    fn destroyed_row(
        &self,
        table: &str,
        row: &mut serde_json::Value,
        doomed: &Doomed,
        at: &str,
    ) -> Rewritten {
        let of = |set: &HashSet<Uuid>, column: &str| {
            row.get(column)
                .and_then(|v| v.as_str())
                .and_then(|id| id.parse::<Uuid>().ok())
                .is_some_and(|id| set.contains(&id))
        };
        let id = row
            .get("id")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned();
        let text = |value: String| serde_json::Value::String(value);
        let null = serde_json::Value::Null;
        match table {
            "persons" if of(&doomed.persons, "id") => {
                row["name_sealed"] =
                    text(self.seal_at("persons", "name", &id, &short_reference(&id)));
                row["safe_contact_sealed"] =
                    text(self.seal_at("persons", "safe_contact", &id, "{}"));
                for column in [
                    "phone_sealed",
                    "birth_year_sealed",
                    "phone_index",
                    "name_year_index",
                    "file_key_sealed",
                ] {
                    row[column] = null.clone();
                }
                row["destroyed_at"] = text(at.to_owned());
            }
            "notes" | "attachments" if of(&doomed.persons, "person_id") => {
                return Rewritten::Dropped;
            }
            // Her relatives stay for the meetings the report counts, by reference.
            "relatives" if of(&doomed.persons, "person_id") => {
                row["name_sealed"] =
                    text(self.seal_at("relatives", "name", &id, &short_reference(&id)));
            }
            "help_requests" if of(&doomed.persons, "person_id") => {
                row["exception_reason_sealed"] = null.clone();
                row["override_reason_sealed"] = null;
            }
            "meetings" if of(&doomed.persons, "person_id") => {
                row["over_limit_reason_sealed"] = null;
            }
            "housing_requests" if of(&doomed.persons, "person_id") => {
                row["alias_sealed"] = null.clone();
                row["note_sealed"] = null;
            }
            "fund_entries" if of(&doomed.persons, "person_id") => {
                row["note_sealed"] = null.clone();
                row["decision_note_sealed"] = null;
            }
            "complaints" if of(&doomed.complaints, "id") => {
                row["complainant_sealed"] = null;
                row["summary_sealed"] = text(self.seal_at("complaints", "summary", &id, ""));
                row["destroyed_at"] = text(at.to_owned());
            }
            "complaint_steps" if of(&doomed.complaints, "complaint_id") => {
                return Rewritten::Dropped;
            }
            "incidents" if of(&doomed.incidents, "id") => {
                row["description_sealed"] = text(self.seal_at("incidents", "description", &id, ""));
                row["files_concerned"] = text(String::new());
                for column in ["data_sealed", "consequences_sealed", "measures_sealed"] {
                    row[column] = null.clone();
                }
                row["destroyed_at"] = text(at.to_owned());
            }
            "calls" if of(&doomed.calls, "id") => {
                row["referral_given"] = null;
            }
            _ => {}
        }
        Rewritten::Kept
    }

    /// Wipes the space the destroyed rows held: what a copy of the database file would
    /// otherwise still hold until it is reused.
    async fn wipe_freed_space(&self) -> Result<(), StoreError> {
        let statements: &[&str] = match self.backend() {
            sea_orm::DbBackend::Sqlite => &["VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"],
            _ => &[
                "VACUUM persons, relatives, notes, attachments, help_requests, meetings, \
                 housing_requests, fund_entries, complaints, complaint_steps, incidents, calls",
            ],
        };
        for sql in statements {
            self.db().execute_unprepared(sql).await?;
        }
        Ok(())
    }

    /// Rewrites every backup in Havre's backup folder without the destroyed records, as in
    /// the database. Returns how many were rewritten.
    fn scrub_backups(&self, dir: &Path, doomed: &Doomed, at: &str) -> Result<u32, StoreError> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(0);
        };
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "backup"))
            .collect();
        paths.sort();
        let mut count = 0;
        for path in paths {
            let changed = self.rewrite_backup(&path, |table, row| {
                self.destroyed_row(table, row, doomed, at)
            })?;
            if changed > 0 {
                count += 1;
            }
        }
        Ok(count)
    }
}
