//! Importing the spreadsheets kept before Havre (docs/import.md). An upload is kept sealed as
//! a draft with the mapping the coordinator chose; nothing else is written until she
//! confirms. Then every row is written in one transaction, each row created is noted, and
//! the whole import can be undone, in one transaction too.

use crate::audit::{Action, Event};
use crate::crypto::FieldRef;
use crate::entity::{animation, help_request, hour_entry, import, import_row, meeting, person};
use crate::intake::{NewPerson, SafeContact, SealedAnswers};
use crate::{Actor, Store, StoreError};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use havre_domain::ids::{ImportId, OrganizationId};
use havre_domain::import::{
    CellError, ImportKind, ImportedAnimation, ImportedHours, ImportedMeeting, ImportedRequest,
    ListChoices, Mapping, Named, Target, Who,
};
use havre_domain::lists::{ListKind, NOT_ASKED};
use havre_domain::zone::Zone;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

/// Rows written a statement at a time: well under SQLite's and PostgreSQL's limits on bound
/// values for the widest table imported.
const CHUNK: usize = 200;

/// Where an import stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Uploaded, its mapping being chosen: nothing of it is written yet.
    Draft,
    Imported,
    Undone,
}

impl ImportStatus {
    fn key(self) -> &'static str {
        match self {
            ImportStatus::Draft => "draft",
            ImportStatus::Imported => "imported",
            ImportStatus::Undone => "undone",
        }
    }

    fn parse(key: &str) -> Self {
        match key {
            "imported" => ImportStatus::Imported,
            "undone" => ImportStatus::Undone,
            _ => ImportStatus::Draft,
        }
    }
}

/// An import as its pages show it.
#[derive(Clone, Debug, Serialize)]
pub struct Import {
    pub id: ImportId,
    pub kind: ImportKind,
    pub file_name: String,
    pub status: ImportStatus,
    pub mapping: Mapping,
    /// The rows imported, once imported.
    pub rows: i32,
    pub created_at: DateTime<Utc>,
    pub imported_at: Option<DateTime<Utc>>,
    pub undone_at: Option<DateTime<Utc>>,
    /// The file as uploaded, while it is a draft.
    #[serde(skip)]
    pub file: Option<Vec<u8>>,
}

/// What confirming an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Every row of the sheet written.
    Imported { rows: usize },
    /// Nothing written: these rows are already in Havre.
    Refused(Vec<CellError>),
}

const TABLE: &str = "imports";

impl Store {
    /// Keeps an uploaded spreadsheet as a draft, sealed, with the mapping guessed for it.
    pub async fn start_import(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        kind: ImportKind,
        file_name: &str,
        file: &[u8],
        mapping: &Mapping,
    ) -> Result<ImportId, StoreError> {
        let id = ImportId::new();
        let file_name: String = file_name.trim().chars().take(200).collect();
        self.write(actor, async |txn| {
            import::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(organization_id.into()),
                kind: Set(kind.key().to_owned()),
                file_name: Set(file_name.clone()),
                file_sealed: Set(Some(self.keys().seal_bytes(file_at(id).as_ref(), file))),
                mapping: Set(mapping_json(mapping)),
                status: Set(ImportStatus::Draft.key().to_owned()),
                rows: Set(0),
                created_by: Set(actor.user_id.map(Into::into)),
                created_at: Set(self.now()),
                imported_at: Set(None),
                undone_at: Set(None),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::ImportStarted)
                    .target("import", id)
                    .detail(serde_json::json!({ "kind": kind.key(), "bytes": file.len() })),
            ))
        })
        .await
    }

    /// The organization's imports, newest first, without their files.
    pub async fn imports(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Vec<Import>, StoreError> {
        let rows = import::Entity::find()
            .filter(import::Column::OrganizationId.eq(organization_id))
            .order_by_desc(import::Column::CreatedAt)
            .all(self.db())
            .await?;
        rows.into_iter()
            .map(|m| self.import_view(m, false))
            .collect()
    }

    /// One import, with its file while it is a draft. Another organization's answers
    /// NotFound.
    pub async fn import(
        &self,
        organization_id: OrganizationId,
        id: ImportId,
    ) -> Result<Import, StoreError> {
        let m = self.import_row(self.db(), organization_id, id).await?;
        self.import_view(m, true)
    }

    /// Keeps the columns the coordinator chose for a draft.
    pub async fn set_import_mapping(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        id: ImportId,
        mapping: &Mapping,
    ) -> Result<(), StoreError> {
        self.write(actor, async |txn| {
            let m = self.draft_in(txn, organization_id, id).await?;
            let mut model: import::ActiveModel = m.into();
            model.mapping = Set(mapping_json(mapping));
            model.update(txn).await?;
            Ok(((), Event::new(Action::ImportMapped).target("import", id)))
        })
        .await
    }

    /// Drops a draft and its file: nothing of it was written.
    pub async fn drop_import(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        id: ImportId,
    ) -> Result<(), StoreError> {
        self.write(actor, async |txn| {
            let m = self.draft_in(txn, organization_id, id).await?;
            import::Entity::delete_by_id(m.id).exec(txn).await?;
            Ok(((), Event::new(Action::ImportDropped).target("import", id)))
        })
        .await
    }

    /// The values of the organization's lists a spreadsheet may name: by key, French or
    /// English label. Retired values too: an old spreadsheet names what was answered then.
    pub async fn import_choices(
        &self,
        organization_id: OrganizationId,
    ) -> Result<ListChoices, StoreError> {
        let mut choices = ListChoices::default();
        for kind in Target::ALL.iter().filter_map(|t| t.list()) {
            for v in self.list_values(organization_id, kind, true).await? {
                let mut names = vec![v.label_fr.as_str(), v.label_en.as_str()];
                if let Some(key) = v.key.as_deref() {
                    names.push(key);
                }
                choices.add(kind, v.id, &names);
            }
        }
        Ok(choices)
    }

    /// The rows whose person already has a help request in Havre on the same day: imported
    /// twice, or recorded since.
    pub async fn import_duplicates(
        &self,
        organization_id: OrganizationId,
        zone: Zone,
        requests: &[ImportedRequest],
        name_column: Option<usize>,
    ) -> Result<Vec<CellError>, StoreError> {
        self.duplicates_in(self.db(), organization_id, zone, requests, name_column)
            .await
    }

    async fn duplicates_in<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        zone: Zone,
        requests: &[ImportedRequest],
        name_column: Option<usize>,
    ) -> Result<Vec<CellError>, StoreError> {
        let who: Vec<Who> = requests.iter().map(ImportedRequest::who).collect();
        let known = self.known_persons(conn, organization_id, &who).await?;
        if known.is_empty() {
            return Ok(Vec::new());
        }
        let mut persons: Vec<Uuid> = known.values().copied().collect();
        persons.sort();
        persons.dedup();
        let mut days: HashMap<Uuid, Vec<NaiveDate>> = HashMap::new();
        for chunk in persons.chunks(CHUNK) {
            for r in help_request::Entity::find()
                .filter(help_request::Column::OrganizationId.eq(organization_id))
                .filter(help_request::Column::PersonId.is_in(chunk.to_vec()))
                .all(conn)
                .await?
            {
                days.entry(r.person_id)
                    .or_default()
                    .push(zone.day_of(r.received_at));
            }
        }
        Ok(requests
            .iter()
            .filter(|r| {
                self.index_keys(&r.who()).iter().any(|k| {
                    known
                        .get(k)
                        .and_then(|p| days.get(p))
                        .is_some_and(|d| d.contains(&r.received_on))
                })
            })
            .map(|r| CellError {
                row: r.row,
                column: name_column,
                target: Target::Name,
                message_key: "import-already-in-havre",
            })
            .collect())
    }

    /// Writes a draft's help requests in one transaction, after checking again that none is
    /// already in Havre. A person of the spreadsheet already known (by phone, or name and
    /// year of birth) gets her request in her file; the others get a file of their own. The
    /// file is erased: its rows are in their tables.
    pub async fn import_help_requests(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        id: ImportId,
        zone: Zone,
        requests: Vec<ImportedRequest>,
    ) -> Result<ImportOutcome, StoreError> {
        let not_asked = self.not_asked_values(organization_id).await?;
        self.write(actor, async |txn| {
            let m = self.draft_in(txn, organization_id, id).await?;
            let mapping = parse_mapping(&m.mapping);
            let refused = self
                .duplicates_in(
                    txn,
                    organization_id,
                    zone,
                    &requests,
                    mapping.get(&Target::Name).copied(),
                )
                .await?;
            if !refused.is_empty() {
                return Ok((ImportOutcome::Refused(refused), None));
            }
            let now = self.now();
            let who: Vec<Who> = requests.iter().map(ImportedRequest::who).collect();
            let mut persons_by_key = self.known_persons(txn, organization_id, &who).await?;
            let mut sequences = self.requests_per_person(txn, &persons_by_key).await?;
            let mut new_persons = Vec::new();
            let mut rows = Vec::new();
            let mut created = Vec::new();
            // Oldest first, so that a returning person's requests are numbered in order.
            let mut order: Vec<&ImportedRequest> = requests.iter().collect();
            order.sort_by_key(|r| (r.received_on, r.row));
            let safe = SafeContact::default();
            for r in order {
                let keys = self.index_keys(&r.who());
                let person_id = match keys.iter().find_map(|k| persons_by_key.get(k)) {
                    Some(p) => *p,
                    None => {
                        let (person_id, row) = self.new_person(
                            organization_id,
                            NewPerson {
                                name: &r.name,
                                phone: r.phone.as_deref(),
                                birth_year: r.birth_year,
                                safe_contact: &safe,
                                // The spreadsheets never asked: not counted by a network.
                                network_consent: false,
                            },
                            now,
                        );
                        new_persons.push(row);
                        created.push(("persons", person_id));
                        person_id
                    }
                };
                for k in keys {
                    persons_by_key.entry(k).or_insert(person_id);
                }
                let sequence = sequences.entry(person_id).or_insert(0);
                *sequence += 1;
                let request_id = Uuid::new_v4();
                created.push(("help_requests", request_id));
                rows.push(self.imported_request(
                    organization_id,
                    zone,
                    r,
                    request_id,
                    person_id,
                    *sequence,
                    &not_asked,
                    actor,
                    now,
                )?);
            }
            let (requests_n, persons_n) = (rows.len(), new_persons.len());
            insert_chunks(txn, new_persons).await?;
            insert_chunks(txn, rows).await?;
            self.finish_import(
                txn,
                m,
                created,
                requests_n,
                serde_json::json!({ "help_requests": requests_n, "persons": persons_n }),
            )
            .await
        })
        .await
    }

    /// Undoes an import: every row it created is deleted, in one transaction. A file the
    /// team has written in since (a meeting, a note, another request) keeps the import
    /// whole, and says so.
    pub async fn undo_import(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        id: ImportId,
    ) -> Result<u64, StoreError> {
        self.write(actor, async |txn| {
            let m = self.import_row(txn, organization_id, id).await?;
            if m.status != ImportStatus::Imported.key() {
                return Err(StoreError::invalid("import", "import-not-imported"));
            }
            let mut deleted = 0;
            // Meetings before the requests they belong to, requests before their persons.
            for table in [
                "hour_entries",
                "animations",
                "meetings",
                "help_requests",
                "persons",
            ] {
                let rows: Vec<Uuid> = import_row::Entity::find()
                    .filter(import_row::Column::ImportId.eq(m.id))
                    .filter(import_row::Column::TableName.eq(table))
                    .all(txn)
                    .await?
                    .into_iter()
                    .map(|r| r.row_id)
                    .collect();
                for chunk in rows.chunks(CHUNK) {
                    let result = match table {
                        "hour_entries" => {
                            hour_entry::Entity::delete_many()
                                .filter(hour_entry::Column::Id.is_in(chunk.to_vec()))
                                .filter(hour_entry::Column::OrganizationId.eq(organization_id))
                                .exec(txn)
                                .await
                        }
                        "animations" => {
                            animation::Entity::delete_many()
                                .filter(animation::Column::Id.is_in(chunk.to_vec()))
                                .filter(animation::Column::OrganizationId.eq(organization_id))
                                .exec(txn)
                                .await
                        }
                        "meetings" => {
                            meeting::Entity::delete_many()
                                .filter(meeting::Column::Id.is_in(chunk.to_vec()))
                                .filter(meeting::Column::OrganizationId.eq(organization_id))
                                .exec(txn)
                                .await
                        }
                        "help_requests" => {
                            help_request::Entity::delete_many()
                                .filter(help_request::Column::Id.is_in(chunk.to_vec()))
                                .filter(help_request::Column::OrganizationId.eq(organization_id))
                                .exec(txn)
                                .await
                        }
                        _ => {
                            person::Entity::delete_many()
                                .filter(person::Column::Id.is_in(chunk.to_vec()))
                                .filter(person::Column::OrganizationId.eq(organization_id))
                                .exec(txn)
                                .await
                        }
                    };
                    match result {
                        Ok(r) => deleted += r.rows_affected,
                        Err(e)
                            if matches!(
                                e.sql_err(),
                                Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_))
                            ) =>
                        {
                            return Err(StoreError::invalid("import", "import-undo-written-since"));
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
            }
            import_row::Entity::delete_many()
                .filter(import_row::Column::ImportId.eq(m.id))
                .exec(txn)
                .await?;
            import::Entity::update_many()
                .col_expr(
                    import::Column::Status,
                    Expr::value(ImportStatus::Undone.key()),
                )
                .col_expr(import::Column::UndoneAt, Expr::value(Some(self.now())))
                .filter(import::Column::Id.eq(m.id))
                .exec(txn)
                .await?;
            Ok((
                deleted,
                Event::new(Action::ImportUndone)
                    .target("import", id)
                    .detail(serde_json::json!({ "rows": deleted })),
            ))
        })
        .await
    }

    /// The meetings of a draft, each in the request of her file it follows: the latest
    /// received on or before its day. A row whose person is not in Havre, whose request came
    /// after it, or already in Havre (the same day and kind in her file) is a problem at its
    /// cell; `placed` holds the others.
    pub async fn place_meetings(
        &self,
        organization_id: OrganizationId,
        zone: Zone,
        meetings: &[ImportedMeeting],
        mapping: &Mapping,
    ) -> Result<(Vec<PlacedMeeting>, Vec<CellError>), StoreError> {
        self.place_meetings_in(self.db(), organization_id, zone, meetings, mapping)
            .await
    }

    async fn place_meetings_in<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        zone: Zone,
        meetings: &[ImportedMeeting],
        mapping: &Mapping,
    ) -> Result<(Vec<PlacedMeeting>, Vec<CellError>), StoreError> {
        let who: Vec<Who> = meetings.iter().map(|m| m.who.clone()).collect();
        let known = self.known_persons(conn, organization_id, &who).await?;
        let mut persons: Vec<Uuid> = known.values().copied().collect();
        persons.sort();
        persons.dedup();
        let mut requests: HashMap<Uuid, Vec<(NaiveDate, Uuid)>> = HashMap::new();
        let mut held: HashMap<Uuid, Vec<(NaiveDate, String)>> = HashMap::new();
        for chunk in persons.chunks(CHUNK) {
            for r in help_request::Entity::find()
                .filter(help_request::Column::OrganizationId.eq(organization_id))
                .filter(help_request::Column::PersonId.is_in(chunk.to_vec()))
                .all(conn)
                .await?
            {
                requests
                    .entry(r.person_id)
                    .or_default()
                    .push((zone.day_of(r.received_at), r.id));
            }
            for m in meeting::Entity::find()
                .filter(meeting::Column::OrganizationId.eq(organization_id))
                .filter(meeting::Column::PersonId.is_in(chunk.to_vec()))
                .all(conn)
                .await?
            {
                held.entry(m.person_id)
                    .or_default()
                    .push((zone.day_of(m.held_at), m.kind));
            }
        }
        let at = |m: &ImportedMeeting, target: Target, key| CellError {
            row: m.row,
            column: mapping.get(&target).copied(),
            target,
            message_key: key,
        };
        let mut placed = Vec::new();
        let mut problems = Vec::new();
        for m in meetings {
            let Some(person) = self
                .index_keys(&m.who)
                .iter()
                .find_map(|k| known.get(k).copied())
            else {
                problems.push(at(m, Target::Name, "import-person-unknown"));
                continue;
            };
            let request = requests
                .get(&person)
                .into_iter()
                .flatten()
                .filter(|(received, _)| *received <= m.held_on)
                .max_by_key(|(received, _)| *received)
                .map(|(_, id)| *id);
            let Some(request) = request else {
                problems.push(at(m, Target::HeldOn, "import-before-her-request"));
                continue;
            };
            let twice = held
                .get(&person)
                .is_some_and(|h| h.contains(&(m.held_on, m.kind.key().to_owned())));
            if twice {
                problems.push(at(m, Target::HeldOn, "import-meeting-in-havre"));
                continue;
            }
            placed.push(PlacedMeeting {
                meeting: m.clone(),
                person,
                request,
            });
        }
        Ok((placed, problems))
    }

    /// Writes a draft's meetings in one transaction, after placing them again.
    pub async fn import_meetings(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        id: ImportId,
        zone: Zone,
        meetings: Vec<ImportedMeeting>,
    ) -> Result<ImportOutcome, StoreError> {
        self.write(actor, async |txn| {
            let m = self.draft_in(txn, organization_id, id).await?;
            let mapping = parse_mapping(&m.mapping);
            let (placed, problems) = self
                .place_meetings_in(txn, organization_id, zone, &meetings, &mapping)
                .await?;
            if !problems.is_empty() {
                return Ok((ImportOutcome::Refused(problems), None));
            }
            let now = self.now();
            let mut rows = Vec::new();
            let mut created = Vec::new();
            for p in &placed {
                let meeting_id = Uuid::new_v4();
                created.push(("meetings", meeting_id));
                let t = p.meeting.time;
                rows.push(meeting::ActiveModel {
                    id: Set(meeting_id),
                    organization_id: Set(organization_id.into()),
                    person_id: Set(p.person),
                    help_request_id: Set(p.request),
                    relative_id: Set(None),
                    kind: Set(p.meeting.kind.key().to_owned()),
                    held_at: Set(noon(zone, p.meeting.held_on)?),
                    place_kind: Set(havre_domain::meetings::PlaceKind::Centre.key().to_owned()),
                    place_id: Set(None),
                    duration_minutes: Set(t.duration),
                    preparation_minutes: Set(t.preparation),
                    debrief_minutes: Set(t.debrief),
                    travel_minutes: Set(t.travel),
                    over_limit_reason_sealed: Set(None),
                    texts_given: Set(None),
                    created_by: Set(actor.user_id.map(Into::into)),
                    created_at: Set(now),
                });
            }
            let n = rows.len();
            insert_chunks(txn, rows).await?;
            self.finish_import(txn, m, created, n, serde_json::json!({ "meetings": n }))
                .await
        })
        .await
    }

    /// The organization's workshops as a sheet may name them: by their title, with or without
    /// their program's name, or "atelier 3" of a program; by their number alone when the
    /// organization has one program.
    pub async fn import_workshops(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Named<havre_domain::ids::WorkshopId>, StoreError> {
        let programs = self.programs(organization_id).await?;
        let single = programs.len() == 1;
        let mut named = Named::default();
        for p in &programs {
            for w in &p.workshops {
                let mut names = vec![w.title.clone(), format!("{} {}", p.name, w.title)];
                if let Some(n) = w.number {
                    names.push(format!("{} atelier {n}", p.name));
                    if single {
                        names.push(n.to_string());
                        names.push(format!("atelier {n}"));
                    }
                }
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                named.add(w.id, &names);
            }
        }
        Ok(named)
    }

    /// Writes a draft's animations in one transaction. Nobody of the team is named on them:
    /// they count in the prevention figures, not in anyone's hours.
    pub async fn import_animations(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        id: ImportId,
        zone: Zone,
        animations: Vec<ImportedAnimation>,
    ) -> Result<ImportOutcome, StoreError> {
        self.write(actor, async |txn| {
            let m = self.draft_in(txn, organization_id, id).await?;
            let now = self.now();
            let mut rows = Vec::new();
            let mut created = Vec::new();
            for a in &animations {
                let animation_id = Uuid::new_v4();
                created.push(("animations", animation_id));
                rows.push(animation::ActiveModel {
                    id: Set(animation_id),
                    organization_id: Set(organization_id.into()),
                    workshop_id: Set(a.workshop.into()),
                    held_at: Set(noon(zone, a.held_on)?),
                    place_id: Set(a.place.into()),
                    class_groups: Set(a.class_groups),
                    students: Set(a.students),
                    staff_participants: Set(a.staff_participants),
                    facilitation_minutes: Set(a.facilitation_minutes),
                    travel_minutes: Set(a.travel_minutes),
                    preparation_minutes: Set(a.preparation_minutes),
                    created_by: Set(actor.user_id.map(Into::into)),
                    created_at: Set(now),
                });
            }
            let n = rows.len();
            insert_chunks(txn, rows).await?;
            self.finish_import(txn, m, created, n, serde_json::json!({ "animations": n }))
                .await
        })
        .await
    }

    /// The accounts a sheet of hours may name, by name or email, former ones included.
    pub async fn import_accounts(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Named<havre_domain::ids::UserId>, StoreError> {
        let mut named = Named::default();
        for u in self.users(organization_id).await? {
            named.add(u.id, &[u.name.as_str(), u.email.as_str()]);
        }
        Ok(named)
    }

    /// The timesheet's categories a sheet may name, by their French or English label; those
    /// whose hours come from the records are named as none.
    pub async fn import_categories(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Named<Option<havre_domain::ids::HourCategoryId>>, StoreError> {
        let mut named = Named::default();
        for c in self.hour_categories(organization_id, true).await? {
            let typed = c.recorded.is_none().then_some(c.id);
            named.add(typed, &[c.label_fr.as_str(), c.label_en.as_str()]);
        }
        Ok(named)
    }

    /// The rows of hours that would take someone's day past 24 hours with what Havre already
    /// holds of that day.
    pub async fn hours_over_a_day(
        &self,
        organization_id: OrganizationId,
        hours: &[ImportedHours],
        mapping: &Mapping,
    ) -> Result<Vec<CellError>, StoreError> {
        self.hours_over_in(self.db(), organization_id, hours, mapping)
            .await
    }

    async fn hours_over_in<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        hours: &[ImportedHours],
        mapping: &Mapping,
    ) -> Result<Vec<CellError>, StoreError> {
        let (Some(first), Some(last)) = (
            hours.iter().map(|h| h.day).min(),
            hours.iter().map(|h| h.day).max(),
        ) else {
            return Ok(Vec::new());
        };
        let mut held: HashMap<(Uuid, NaiveDate), i64> = HashMap::new();
        for e in hour_entry::Entity::find()
            .filter(hour_entry::Column::OrganizationId.eq(organization_id))
            .filter(hour_entry::Column::Day.gte(first))
            .filter(hour_entry::Column::Day.lte(last))
            .all(conn)
            .await?
        {
            *held.entry((e.user_id, e.day)).or_default() += i64::from(e.minutes);
        }
        let mut problems = Vec::new();
        for h in hours {
            let day = held.entry((h.user.into(), h.day)).or_default();
            if *day + h.minutes > havre_domain::hours::DAY_MINUTES {
                problems.push(CellError {
                    row: h.row,
                    column: mapping.get(&Target::Hours).copied(),
                    target: Target::Hours,
                    message_key: "import-day-over-24h",
                });
            } else {
                *day += h.minutes;
            }
        }
        Ok(problems)
    }

    /// Writes a draft's hours in one transaction, after checking again that nobody's day
    /// goes past 24 hours.
    pub async fn import_hours(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        id: ImportId,
        hours: Vec<ImportedHours>,
    ) -> Result<ImportOutcome, StoreError> {
        self.write(actor, async |txn| {
            let m = self.draft_in(txn, organization_id, id).await?;
            let mapping = parse_mapping(&m.mapping);
            let over = self
                .hours_over_in(txn, organization_id, &hours, &mapping)
                .await?;
            if !over.is_empty() {
                return Ok((ImportOutcome::Refused(over), None));
            }
            let now = self.now();
            let mut rows = Vec::new();
            let mut created = Vec::new();
            for h in &hours {
                let entry_id = Uuid::new_v4();
                created.push(("hour_entries", entry_id));
                rows.push(hour_entry::ActiveModel {
                    id: Set(entry_id),
                    organization_id: Set(organization_id.into()),
                    user_id: Set(h.user.into()),
                    category_id: Set(h.category.into()),
                    day: Set(h.day),
                    minutes: Set(h.minutes as i32),
                    created_at: Set(now),
                });
            }
            let n = rows.len();
            insert_chunks(txn, rows).await?;
            self.finish_import(txn, m, created, n, serde_json::json!({ "hour_entries": n }))
                .await
        })
        .await
    }

    /// The draft an import writes, read in its transaction: an import already written (a
    /// second click, a colleague's) is not written twice.
    async fn draft_in<C: ConnectionTrait>(
        &self,
        txn: &C,
        organization_id: OrganizationId,
        id: ImportId,
    ) -> Result<import::Model, StoreError> {
        let m = self.import_row(txn, organization_id, id).await?;
        if m.status != ImportStatus::Draft.key() {
            return Err(StoreError::invalid("import", "import-not-a-draft"));
        }
        Ok(m)
    }

    /// Ends an import's transaction: every row it created noted, for its undo, its file
    /// erased, its rows now in their tables; and what it did, for the audit log (`detail`).
    async fn finish_import(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        m: import::Model,
        created: Vec<(&'static str, Uuid)>,
        rows: usize,
        detail: serde_json::Value,
    ) -> Result<(ImportOutcome, Option<Event<'static>>), StoreError> {
        let import_id = m.id;
        insert_chunks(
            txn,
            created
                .into_iter()
                .map(|(table, row)| import_row::ActiveModel {
                    import_id: Set(import_id),
                    table_name: Set(table.to_owned()),
                    row_id: Set(row),
                })
                .collect(),
        )
        .await?;
        let mut model: import::ActiveModel = m.into();
        model.status = Set(ImportStatus::Imported.key().to_owned());
        model.rows = Set(i32::try_from(rows).unwrap_or(i32::MAX));
        model.imported_at = Set(Some(self.now()));
        model.file_sealed = Set(None);
        model.update(txn).await?;
        Ok((
            ImportOutcome::Imported { rows },
            Some(
                Event::new(Action::ImportDone)
                    .target("import", import_id)
                    .detail(detail),
            ),
        ))
    }

    async fn import_row<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        id: ImportId,
    ) -> Result<import::Model, StoreError> {
        import::Entity::find_by_id(id)
            .filter(import::Column::OrganizationId.eq(organization_id))
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)
    }

    fn import_view(&self, m: import::Model, with_file: bool) -> Result<Import, StoreError> {
        let id: ImportId = m.id.into();
        let file = match (&m.file_sealed, with_file) {
            (Some(sealed), true) => Some(self.keys().open_bytes(file_at(id).as_ref(), sealed)?),
            _ => None,
        };
        Ok(Import {
            id,
            kind: ImportKind::parse(&m.kind)
                .ok_or_else(|| StoreError::Other(format!("unknown import kind {}", m.kind)))?,
            file_name: m.file_name,
            status: ImportStatus::parse(&m.status),
            mapping: parse_mapping(&m.mapping),
            rows: m.rows,
            created_at: m.created_at,
            imported_at: m.imported_at,
            undone_at: m.undone_at,
            file,
        })
    }

    /// The blind indexes by which the store knows a person, for a row's keys.
    fn index_keys(&self, who: &Who) -> Vec<String> {
        let mut keys = Vec::new();
        if let Some(index) = who.phone.as_deref().and_then(|p| self.phone_index(p)) {
            keys.push(format!("phone:{index}"));
        }
        if let Some(year) = who.birth_year {
            keys.push(format!("name:{}", self.name_year_index(&who.name, year)));
        }
        keys
    }

    /// The persons of the organization the rows name, by the key that found each.
    async fn known_persons<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        rows: &[Who],
    ) -> Result<HashMap<String, Uuid>, StoreError> {
        let mut phones = Vec::new();
        let mut names = Vec::new();
        for who in rows {
            for k in self.index_keys(who) {
                match k.split_once(':') {
                    Some(("phone", i)) => phones.push(i.to_owned()),
                    Some((_, i)) => names.push(i.to_owned()),
                    None => {}
                }
            }
        }
        let mut known = HashMap::new();
        for (column, values, prefix) in [
            (person::Column::PhoneIndex, phones, "phone"),
            (person::Column::NameYearIndex, names, "name"),
        ] {
            for chunk in values.chunks(CHUNK) {
                for p in person::Entity::find()
                    .filter(person::Column::OrganizationId.eq(organization_id))
                    .filter(column.is_in(chunk.to_vec()))
                    .all(conn)
                    .await?
                {
                    let index = match prefix {
                        "phone" => p.phone_index.clone(),
                        _ => p.name_year_index.clone(),
                    };
                    if let Some(index) = index {
                        known.insert(format!("{prefix}:{index}"), p.id);
                    }
                }
            }
        }
        Ok(known)
    }

    /// How many requests each known person already has: her next one follows them.
    async fn requests_per_person<C: ConnectionTrait>(
        &self,
        conn: &C,
        persons: &HashMap<String, Uuid>,
    ) -> Result<HashMap<Uuid, i32>, StoreError> {
        let mut ids: Vec<Uuid> = persons.values().copied().collect();
        ids.sort();
        ids.dedup();
        let mut counts = HashMap::new();
        for chunk in ids.chunks(CHUNK) {
            for r in help_request::Entity::find()
                .filter(help_request::Column::PersonId.is_in(chunk.to_vec()))
                .all(conn)
                .await?
            {
                *counts.entry(r.person_id).or_insert(0) += 1;
            }
        }
        Ok(counts)
    }

    /// The "not asked" value of each list a row may answer: what a column the spreadsheet
    /// did not have, or a cell left empty, says.
    async fn not_asked_values(
        &self,
        organization_id: OrganizationId,
    ) -> Result<HashMap<ListKind, Uuid>, StoreError> {
        let mut values = HashMap::new();
        for kind in ImportKind::HelpRequests
            .targets()
            .iter()
            .filter_map(|t| t.list())
        {
            let value = self
                .list_values(organization_id, kind, true)
                .await?
                .into_iter()
                .find(|v| v.key.as_deref() == Some(NOT_ASKED.key))
                .ok_or_else(|| StoreError::Other(format!("no not_asked in {}", kind.key())))?;
            values.insert(kind, value.id.into());
        }
        Ok(values)
    }

    /// The help request of a row: received at noon on its day, on the organization's clock
    /// (a day without an hour is never moved to the day before or after); its code both
    /// proposed and decided, since no answers were kept to propose one.
    #[allow(clippy::too_many_arguments)]
    fn imported_request(
        &self,
        organization_id: OrganizationId,
        zone: Zone,
        r: &ImportedRequest,
        id: Uuid,
        person_id: Uuid,
        sequence: i32,
        not_asked: &HashMap<ListKind, Uuid>,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<help_request::ActiveModel, StoreError> {
        let noon = |day: NaiveDate| noon(zone, day);
        let answer = |kind: ListKind| -> Result<Uuid, StoreError> {
            match r.answers.get(&kind) {
                Some(v) => Ok((*v).into()),
                None => not_asked
                    .get(&kind)
                    .copied()
                    .ok_or_else(|| StoreError::Other(format!("no not_asked in {}", kind.key()))),
            }
        };
        let started = r.services_started_on.map(noon).transpose()?;
        let closed = r.closed_on.map(noon).transpose()?;
        let status = match (closed, started) {
            (Some(_), _) => "closed",
            (None, Some(_)) => "in_service",
            (None, None) => "waiting",
        };
        let row = id.to_string();
        Ok(help_request::ActiveModel {
            id: Set(id),
            organization_id: Set(organization_id.into()),
            person_id: Set(person_id),
            sequence: Set(sequence),
            received_at: Set(noon(r.received_on)?),
            channel: Set(r.channel.key().to_owned()),
            voluntary: Set(true),
            exception_reason_sealed: Set(None),
            teenager: Set(r.teenager),
            service_area: Set(r.service_area.key().to_owned()),
            requester_id: Set(answer(ListKind::Requester)?),
            age_at_request_id: Set(answer(ListKind::AgeAtRequest)?),
            age_at_assault_id: Set(answer(ListKind::AgeAtAssault)?),
            referral_source_id: Set(answer(ListKind::ReferralSource)?),
            residence_id: Set(answer(ListKind::Residence)?),
            disposition_id: Set(None),
            // No answers were kept: sealed empty, as a request with none ticked.
            answers_sealed: Set(self.keys().seal(
                FieldRef {
                    table: "help_requests",
                    column: "answers",
                    row: &row,
                },
                &serde_json::to_string(&SealedAnswers::default()).unwrap_or_default(),
            )),
            proposed_code: Set(r.code.number()),
            decided_code: Set(r.code.number()),
            override_reason_sealed: Set(None),
            status: Set(status.to_owned()),
            assigned_to: Set(None),
            first_meeting_at: Set(started),
            first_meeting_place: Set(None),
            services_started_at: Set(started),
            closed_at: Set(closed),
            close_reason: Set(None),
            created_by: Set(actor.user_id.map(Into::into)),
            created_at: Set(now),
        })
    }
}

/// A day without an hour, at noon on the organization's clock: never moved to the day before
/// or after.
fn noon(zone: Zone, day: NaiveDate) -> Result<DateTime<Utc>, StoreError> {
    zone.instant(day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()))
        .ok_or_else(|| StoreError::Other(format!("no noon on {day}")))
}

/// A meeting read from a sheet, with the file and the request it goes in.
#[derive(Clone, Debug)]
pub struct PlacedMeeting {
    pub meeting: ImportedMeeting,
    pub person: Uuid,
    pub request: Uuid,
}

/// Where an import's file is sealed.
struct FileAt(String);

impl FileAt {
    fn as_ref(&self) -> FieldRef<'_> {
        FieldRef {
            table: TABLE,
            column: "file",
            row: &self.0,
        }
    }
}

fn file_at(id: ImportId) -> FileAt {
    FileAt(id.to_string())
}

fn mapping_json(mapping: &Mapping) -> String {
    let by_key: std::collections::BTreeMap<&str, usize> =
        mapping.iter().map(|(t, c)| (t.key(), *c)).collect();
    serde_json::to_string(&by_key).unwrap_or_else(|_| "{}".into())
}

fn parse_mapping(json: &str) -> Mapping {
    let by_key: std::collections::BTreeMap<String, usize> =
        serde_json::from_str(json).unwrap_or_default();
    by_key
        .into_iter()
        .filter_map(|(k, c)| Target::parse(&k).map(|t| (t, c)))
        .collect()
}

async fn insert_chunks<A>(
    txn: &sea_orm::DatabaseTransaction,
    rows: Vec<A>,
) -> Result<(), StoreError>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    let mut rows = rows;
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(CHUNK));
        <A::Entity as EntityTrait>::insert_many(std::mem::replace(&mut rows, rest))
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}
