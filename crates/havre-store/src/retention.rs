//! Retention and destruction of closed files (docs/privacy.md "Destruction"). A file whose
//! every request for help is closed is kept the years the organization sets from its last
//! closing; then the person in charge sees it in a preview, approves, and Havre destroys it:
//! her file's key and what identifies her (her name, how to reach her, her relatives' names,
//! the notes, the documents), in the database and in the backups Havre keeps. What the
//! reports count stays, without her: her requests, meetings, stays and their dates.

use crate::audit::{Action, Event};
use crate::backup::Rewritten;
use crate::entity::{attachment, help_request, note, person, relative};
use crate::reader::Reader;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use havre_domain::ids::PersonId;
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::privacy::RetentionKind;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A file due for destruction, as the preview shows it: by its reference, never her name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DueFile {
    pub person_id: PersonId,
    /// What a destroyed file is shown as: `#` and the start of its id.
    pub reference: String,
    pub last_closed_on: NaiveDate,
    pub due_on: NaiveDate,
}

/// What a destruction did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DestructionSummary {
    pub files: u32,
    /// Backups in Havre's backup folder rewritten without them.
    pub backups: u32,
}

/// The reference a destroyed file is shown by.
pub fn reference(person_id: PersonId) -> String {
    format!("#{}", &person_id.to_string()[..8])
}

impl Store {
    /// Sets the years a closed file is kept, from its last closing.
    pub async fn set_file_retention_years(
        &self,
        reader: &Reader,
        years: &str,
    ) -> Result<(), StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::Retention))?;
        let floor = RetentionKind::ClosedFile.floor_years();
        let years = years
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|y| (floor..=100).contains(y))
            .ok_or_else(|| {
                StoreError::invalid("file_retention_years", "retention-years-invalid")
            })?;
        self.change_privacy_settings(reader, "file_retention_years", move |s| {
            s.file_retention_years = years
        })
        .await
    }

    /// The files due for destruction today: every request closed, the last closed the
    /// organization's years ago or more; oldest first.
    pub async fn files_due(&self, reader: &Reader) -> Result<Vec<DueFile>, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::Retention))?;
        self.due(self.db(), reader).await
    }

    async fn due<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
    ) -> Result<Vec<DueFile>, StoreError> {
        let org = self.organization(reader.organization_id).await?;
        let years = self
            .privacy_settings(reader.organization_id)
            .await?
            .file_retention_years;
        let today = org.time_zone.day_of(self.now());
        let destroyed: HashSet<uuid::Uuid> = person::Entity::find()
            .filter(person::Column::OrganizationId.eq(reader.organization_id))
            .filter(person::Column::DestroyedAt.is_not_null())
            .all(conn)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        // Per file: whether every request is closed, and the last closing.
        let mut files: HashMap<uuid::Uuid, (bool, Option<NaiveDate>)> = HashMap::new();
        for r in help_request::Entity::find()
            .filter(help_request::Column::OrganizationId.eq(reader.organization_id))
            .all(conn)
            .await?
        {
            let entry = files.entry(r.person_id).or_insert((true, None));
            match r.closed_at {
                Some(at) if r.status == "closed" => {
                    let day = org.time_zone.day_of(at);
                    entry.1 = Some(entry.1.map_or(day, |d: NaiveDate| d.max(day)));
                }
                _ => entry.0 = false,
            }
        }
        let mut due: Vec<DueFile> = files
            .into_iter()
            .filter(|(id, _)| !destroyed.contains(id))
            .filter_map(|(id, (all_closed, last))| {
                let last = last.filter(|_| all_closed)?;
                let due_on = havre_domain::privacy::due_on(last, years)?;
                (due_on <= today).then(|| DueFile {
                    person_id: id.into(),
                    reference: reference(id.into()),
                    last_closed_on: last,
                    due_on,
                })
            })
            .collect();
        due.sort_by_key(|d| (d.due_on, d.person_id));
        Ok(due)
    }

    /// Destroys the files the person in charge approved from the preview, those still due
    /// (a file reopened since is left). Each is one transaction, audited without anything
    /// it held; then the freed space is wiped (SQLite's `VACUUM`, PostgreSQL's), and the
    /// backups in `backup_dir` are rewritten without them.
    pub async fn destroy_files(
        &self,
        reader: &Reader,
        approved: &[PersonId],
        backup_dir: Option<&Path>,
    ) -> Result<DestructionSummary, StoreError> {
        reader.check(policy::Action::Decide, &Record::new(RecordKind::Retention))?;
        let due: HashSet<PersonId> = self
            .due(self.db(), reader)
            .await?
            .into_iter()
            .map(|d| d.person_id)
            .collect();
        let mut destroyed = Vec::new();
        for &person_id in approved.iter().filter(|id| due.contains(id)) {
            self.destroy_file(reader, person_id).await?;
            destroyed.push(person_id);
        }
        let mut summary = DestructionSummary {
            files: destroyed.len() as u32,
            backups: 0,
        };
        if destroyed.is_empty() {
            return Ok(summary);
        }
        self.wipe_freed_space().await?;
        if let Some(dir) = backup_dir {
            summary.backups = self.scrub_backups(dir, &destroyed)?;
        }
        Ok(summary)
    }

    /// What her file becomes, in the database or a backup's row: her name its reference, the
    /// rest of what identified her gone, her key gone.
    fn destroyed_person(&self, p: &mut serde_json::Value, person_id: PersonId, at: &str) {
        let placeholder = |column| {
            serde_json::Value::String(
                self.seal_at(
                    "persons",
                    column,
                    person_id,
                    match column {
                        "name" => reference(person_id),
                        _ => "{}".to_owned(),
                    }
                    .as_str(),
                ),
            )
        };
        p["name_sealed"] = placeholder("name");
        p["safe_contact_sealed"] = placeholder("safe_contact");
        for column in [
            "phone_sealed",
            "birth_year_sealed",
            "phone_index",
            "name_year_index",
            "file_key_sealed",
        ] {
            p[column] = serde_json::Value::Null;
        }
        p["destroyed_at"] = serde_json::Value::String(at.to_owned());
    }

    async fn destroy_file(&self, reader: &Reader, person_id: PersonId) -> Result<(), StoreError> {
        self.write(&reader.actor, async |txn| {
            let p = person::Entity::find_by_id(person_id)
                .filter(person::Column::OrganizationId.eq(reader.organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let now = self.now();
            let mut model: person::ActiveModel = p.into();
            model.name_sealed =
                Set(self.seal_at("persons", "name", person_id, &reference(person_id)));
            model.safe_contact_sealed =
                Set(self.seal_at("persons", "safe_contact", person_id, "{}"));
            model.phone_sealed = Set(None);
            model.birth_year_sealed = Set(None);
            model.phone_index = Set(None);
            model.name_year_index = Set(None);
            model.file_key_sealed = Set(None);
            model.destroyed_at = Set(Some(now));
            model.update(txn).await?;
            // Her relatives stay for the meetings the report counts, by reference.
            let relatives = relative::Entity::find()
                .filter(relative::Column::PersonId.eq(person_id))
                .order_by_asc(relative::Column::CreatedAt)
                .all(txn)
                .await?;
            let relatives_count = relatives.len();
            for r in relatives {
                let id = r.id;
                let mut model: relative::ActiveModel = r.into();
                model.name_sealed = Set(self.seal_at(
                    "relatives",
                    "name",
                    id,
                    &format!("#{}", &id.to_string()[..8]),
                ));
                model.update(txn).await?;
            }
            let notes = note::Entity::delete_many()
                .filter(note::Column::PersonId.eq(person_id))
                .exec(txn)
                .await?
                .rows_affected;
            let documents = attachment::Entity::delete_many()
                .filter(attachment::Column::PersonId.eq(person_id))
                .exec(txn)
                .await?
                .rows_affected;
            Ok((
                (),
                Event::new(Action::FileDestroyed)
                    .target("person", person_id)
                    .detail(serde_json::json!({
                        "notes": notes,
                        "documents": documents,
                        "relatives": relatives_count,
                    })),
            ))
        })
        .await
    }

    /// Wipes the space the destroyed rows held: what a copy of the database file would
    /// otherwise still hold until it is reused.
    async fn wipe_freed_space(&self) -> Result<(), StoreError> {
        let statements: &[&str] = match self.backend() {
            sea_orm::DbBackend::Sqlite => &["VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"],
            _ => &["VACUUM persons, relatives, notes, attachments"],
        };
        for sql in statements {
            self.db().execute_unprepared(sql).await?;
        }
        Ok(())
    }

    /// Rewrites every backup in Havre's backup folder without the destroyed files: their
    /// keys and what identified them go, as in the database. Returns how many were
    /// rewritten.
    fn scrub_backups(&self, dir: &Path, destroyed: &[PersonId]) -> Result<u32, StoreError> {
        let ids: HashSet<String> = destroyed.iter().map(ToString::to_string).collect();
        let at = self.now().to_rfc3339();
        let mut count = 0;
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(0);
        };
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "backup"))
            .collect();
        paths.sort();
        for path in paths {
            let changed = self.rewrite_backup(&path, |table, row| {
                let of = |column: &str| {
                    row.get(column)
                        .and_then(|v| v.as_str())
                        .is_some_and(|id| ids.contains(id))
                };
                match table {
                    "persons" if of("id") => {
                        let id: PersonId = row["id"]
                            .as_str()
                            .and_then(|id| id.parse().ok())
                            .unwrap_or(PersonId::nil());
                        self.destroyed_person(row, id, &at);
                        Rewritten::Kept
                    }
                    "notes" | "attachments" if of("person_id") => Rewritten::Dropped,
                    "relatives" if of("person_id") => {
                        let id = row["id"].as_str().unwrap_or_default().to_owned();
                        row["name_sealed"] = serde_json::Value::String(self.seal_at(
                            "relatives",
                            "name",
                            &id,
                            &format!("#{}", id.get(..8).unwrap_or_default()),
                        ));
                        Rewritten::Kept
                    }
                    _ => Rewritten::Kept,
                }
            })?;
            if changed > 0 {
                count += 1;
            }
        }
        Ok(count)
    }
}
