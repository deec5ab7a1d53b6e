//! The register of confidentiality incidents (docs/privacy.md "Incidents"): entered by the
//! person in charge, or opened by Havre itself when it sees an anomaly it already logs (a
//! broken audit chain, a series of refused reads of files, a file opened by writing why),
//! then assessed: the data concerned, the risk, the notices given and the measures taken.
//!
//! Files are named by their references, never by the names of the women in them: the register
//! is printed for the regulator.

use crate::audit::{Action, Event};
use crate::entity::{audit_entry, incident, organization};
use crate::reader::Reader;
use crate::{Actor, Store, StoreError};
use chrono::NaiveDate;
use havre_domain::ids::{IncidentId, OrganizationId, PersonId, UserId};
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::privacy::{
    Anomaly, Assessment, IncidentForm, IncidentKind, Level, REFUSED_READS_ALERT,
    REFUSED_READS_WINDOW_MINUTES,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;

const INCIDENTS: &str = "incidents";

/// A line of the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct IncidentLine {
    pub id: IncidentId,
    pub known_on: NaiveDate,
    #[schema(value_type = String)]
    pub kind: IncidentKind,
    /// The anomaly Havre opened it for; none for one the team entered.
    #[schema(value_type = Option<String>)]
    pub detected: Option<Anomaly>,
    pub assessed_on: Option<NaiveDate>,
    pub serious_risk: Option<bool>,
    /// A risk of serious injury whose notices are not all given.
    pub notices_owed: bool,
}

/// An incident, with its assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Incident {
    #[serde(flatten)]
    pub line: IncidentLine,
    /// What happened, as written; for an anomaly, what Havre saw.
    pub description: String,
    /// The files concerned, by their references.
    pub files_concerned: String,
    pub persons_count: Option<i32>,
    pub data: String,
    #[schema(value_type = Option<String>)]
    pub sensitivity: Option<Level>,
    pub consequences: String,
    #[schema(value_type = Option<String>)]
    pub probability: Option<Level>,
    pub regulator_notified_on: Option<NaiveDate>,
    pub persons_notified_on: Option<NaiveDate>,
    pub measures: String,
    pub assessed_by: Option<String>,
    /// Who entered it; none when Havre opened it.
    pub opened_by: Option<String>,
}

impl Incident {
    /// The assessment as it stands, for the form that completes it.
    pub fn assessment(&self) -> Assessment {
        Assessment {
            kind: Some(self.line.kind).filter(|k| *k != IncidentKind::Anomaly),
            data: self.data.clone(),
            sensitivity: self.sensitivity,
            consequences: self.consequences.clone(),
            probability: self.probability,
            serious_risk: self.line.serious_risk,
            regulator_notified_on: self.regulator_notified_on,
            persons_notified_on: self.persons_notified_on,
            measures: self.measures.clone(),
        }
    }
}

/// An anomaly seen, for [`Store::open_detected_incident`].
pub(crate) struct Detected {
    pub anomaly: Anomaly,
    /// The same anomaly seen again has the same fingerprint, and is entered once.
    pub fingerprint: String,
    /// What Havre saw, in facts (an entry's number, a count): never a woman's name.
    pub facts: String,
    pub files: Vec<PersonId>,
}

impl Store {
    /// Enters an incident the team learned of.
    pub async fn record_incident(
        &self,
        reader: &Reader,
        form: IncidentForm,
    ) -> Result<IncidentId, StoreError> {
        reader.check(policy::Action::Create, &Record::new(RecordKind::Incident))?;
        let today = self.today(reader).await?;
        let persons = form.check(today).map_err(StoreError::Invalid)?;
        let (Some(known_on), Some(kind)) = (form.known_on, form.kind) else {
            unreachable!("checked by the form");
        };
        let id = IncidentId::new();
        self.write(&reader.actor, async |txn| {
            incident::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                known_on: Set(known_on),
                kind: Set(kind.key().to_owned()),
                detected: Set(None),
                fingerprint: Set(None),
                description_sealed: Set(self.seal_at(
                    INCIDENTS,
                    "description",
                    id,
                    form.description.trim(),
                )),
                files_concerned: Set(form.files_concerned.trim().to_owned()),
                persons_count: Set(persons),
                data_sealed: Set(None),
                sensitivity: Set(None),
                consequences_sealed: Set(None),
                probability: Set(None),
                serious_risk: Set(None),
                regulator_notified_on: Set(None),
                persons_notified_on: Set(None),
                measures_sealed: Set(None),
                assessed_on: Set(None),
                assessed_by: Set(None),
                opened_by: Set(Some(reader.user_id.into())),
                created_at: Set(self.now()),
                destroyed_at: Set(None),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::IncidentOpened)
                    .target("incident", id)
                    .detail(serde_json::json!({ "kind": kind.key() })),
            ))
        })
        .await
    }

    /// Opens an incident for an anomaly Havre saw, inside the caller's transaction, unless the
    /// same one is already in the register. The entry of the audit log it needs is returned.
    pub(crate) async fn open_detected_incident<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        detected: Detected,
    ) -> Result<Option<Event<'static>>, StoreError> {
        let seen = incident::Entity::find()
            .filter(incident::Column::OrganizationId.eq(organization_id))
            .filter(incident::Column::Fingerprint.eq(&detected.fingerprint))
            .count(conn)
            .await?;
        if seen > 0 {
            return Ok(None);
        }
        let id = IncidentId::new();
        let files: Vec<String> = detected.files.iter().map(ToString::to_string).collect();
        incident::ActiveModel {
            id: Set(id.into()),
            organization_id: Set(organization_id.into()),
            known_on: Set(self.today_of(organization_id).await?),
            kind: Set(IncidentKind::Anomaly.key().to_owned()),
            detected: Set(Some(detected.anomaly.key().to_owned())),
            fingerprint: Set(Some(detected.fingerprint)),
            description_sealed: Set(self.seal_at(INCIDENTS, "description", id, &detected.facts)),
            files_concerned: Set(files.join(", ")),
            persons_count: Set(Some(detected.files.len() as i32).filter(|n| *n > 0)),
            data_sealed: Set(None),
            sensitivity: Set(None),
            consequences_sealed: Set(None),
            probability: Set(None),
            serious_risk: Set(None),
            regulator_notified_on: Set(None),
            persons_notified_on: Set(None),
            measures_sealed: Set(None),
            assessed_on: Set(None),
            assessed_by: Set(None),
            opened_by: Set(None),
            created_at: Set(self.now()),
            destroyed_at: Set(None),
        }
        .insert(conn)
        .await?;
        Ok(Some(
            Event::new(Action::IncidentOpened)
                .target("incident", id)
                .detail(serde_json::json!({ "detected": detected.anomaly.key() })),
        ))
    }

    /// Verifies the audit chain and, when it is broken, opens an incident in every
    /// organization for its person in charge to assess: the chain is one for the whole
    /// installation. Run at each start of the server, every few hours after, and by
    /// `havre audit verify`.
    pub async fn watch_audit_chain(&self) -> Result<crate::audit::Verification, StoreError> {
        let verification = self.verify_audit_chain().await?;
        if let Some(broken) = &verification.first_break {
            let seq = broken.seq();
            for org in organization::Entity::find().all(self.db()).await? {
                let organization_id = OrganizationId::from(org.id);
                let actor = havre_itself(organization_id);
                self.write(&actor, async |txn| {
                    let event = self
                        .open_detected_incident(
                            txn,
                            organization_id,
                            Detected {
                                anomaly: Anomaly::BrokenAuditChain,
                                fingerprint: format!("broken_audit_chain:{seq}"),
                                facts: format!("#{seq}"),
                                files: Vec::new(),
                            },
                        )
                        .await?;
                    Ok(((), event))
                })
                .await?;
            }
        }
        Ok(verification)
    }

    /// After a read of a file was refused: when the same person has been refused
    /// [`REFUSED_READS_ALERT`] times within the window, an incident is opened, once a day.
    pub(crate) async fn watch_refused_reads(
        &self,
        organization_id: OrganizationId,
        user_id: UserId,
    ) -> Result<(), StoreError> {
        let since = self.now() - chrono::TimeDelta::minutes(REFUSED_READS_WINDOW_MINUTES);
        let refused = audit_entry::Entity::find()
            .filter(audit_entry::Column::OrganizationId.eq(organization_id))
            .filter(audit_entry::Column::ActorId.eq(user_id))
            .filter(audit_entry::Column::Action.eq(Action::FileReadRefused.as_str()))
            .filter(audit_entry::Column::At.gte(since))
            .all(self.db())
            .await?;
        if (refused.len() as u64) < REFUSED_READS_ALERT {
            return Ok(());
        }
        let mut files: Vec<PersonId> = refused
            .iter()
            .filter_map(|e| e.target_id.as_deref()?.parse::<uuid::Uuid>().ok())
            .map(PersonId::from)
            .collect();
        files.sort();
        files.dedup();
        let today = self.today_of(organization_id).await?;
        let name = self
            .user_names(organization_id, [user_id])
            .await?
            .remove(&user_id)
            .unwrap_or_default();
        let actor = havre_itself(organization_id);
        self.write(&actor, async |txn| {
            let event = self
                .open_detected_incident(
                    txn,
                    organization_id,
                    Detected {
                        anomaly: Anomaly::RefusedReads,
                        fingerprint: format!("refused_reads:{user_id}:{today}"),
                        facts: format!("{name} ({user_id}): {}", refused.len()),
                        files,
                    },
                )
                .await?;
            Ok(((), event))
        })
        .await
    }

    /// The register, newest first.
    pub async fn incidents(&self, reader: &Reader) -> Result<Vec<IncidentLine>, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::Incident))?;
        Ok(incident::Entity::find()
            .filter(incident::Column::OrganizationId.eq(reader.organization_id))
            .order_by_desc(incident::Column::KnownOn)
            .order_by_desc(incident::Column::CreatedAt)
            .all(self.db())
            .await?
            .iter()
            .map(incident_line)
            .collect())
    }

    /// The whole register, each incident with its assessment, oldest first: what is handed to
    /// the regulator on request. Its reading is audited once.
    pub async fn incident_register(&self, reader: &Reader) -> Result<Vec<Incident>, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::Incident))?;
        let rows = incident::Entity::find()
            .filter(incident::Column::OrganizationId.eq(reader.organization_id))
            .order_by_asc(incident::Column::KnownOn)
            .order_by_asc(incident::Column::CreatedAt)
            .all(self.db())
            .await?;
        let mut register = Vec::with_capacity(rows.len());
        for r in &rows {
            register.push(self.incident_of(reader, r).await?);
        }
        self.audit(
            &reader.actor,
            Event::new(Action::IncidentRead)
                .detail(serde_json::json!({ "register": register.len() })),
        )
        .await?;
        Ok(register)
    }

    /// One incident, its reading audited.
    pub async fn incident(&self, reader: &Reader, id: IncidentId) -> Result<Incident, StoreError> {
        let r = self.incident_row(self.db(), reader, id).await?;
        let incident = self.incident_of(reader, &r).await?;
        self.audit(
            &reader.actor,
            Event::new(Action::IncidentRead).target("incident", id),
        )
        .await?;
        Ok(incident)
    }

    /// An incident's row opened, with the names of who entered and assessed it.
    async fn incident_of(
        &self,
        reader: &Reader,
        r: &incident::Model,
    ) -> Result<Incident, StoreError> {
        let names = self
            .user_names(
                reader.organization_id,
                r.assessed_by
                    .into_iter()
                    .chain(r.opened_by)
                    .map(UserId::from),
            )
            .await?;
        let name = |u: Option<uuid::Uuid>| u.and_then(|u| names.get(&UserId::from(u)).cloned());
        let open = |column, v: &Option<String>| -> Result<String, StoreError> {
            Ok(self
                .open_opt(INCIDENTS, column, r.id, v)?
                .unwrap_or_default())
        };
        let incident = Incident {
            line: incident_line(r),
            description: self.open_at(INCIDENTS, "description", r.id, &r.description_sealed)?,
            files_concerned: r.files_concerned.clone(),
            persons_count: r.persons_count,
            data: open("data", &r.data_sealed)?,
            sensitivity: r.sensitivity.as_deref().and_then(Level::parse),
            consequences: open("consequences", &r.consequences_sealed)?,
            probability: r.probability.as_deref().and_then(Level::parse),
            regulator_notified_on: r.regulator_notified_on,
            persons_notified_on: r.persons_notified_on,
            measures: open("measures", &r.measures_sealed)?,
            assessed_by: name(r.assessed_by),
            opened_by: name(r.opened_by),
        };
        Ok(incident)
    }

    /// Records the assessment of an incident, or completes it: the notices given later, the
    /// measures taken.
    pub async fn assess_incident(
        &self,
        reader: &Reader,
        id: IncidentId,
        assessment: Assessment,
    ) -> Result<(), StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::Incident))?;
        let today = self.today(reader).await?;
        self.write(&reader.actor, async |txn| {
            let row = self.incident_row(txn, reader, id).await?;
            let problems = assessment.check(row.known_on, today);
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let a = &assessment;
            let seal = |column, v: &str| {
                let v = v.trim();
                (!v.is_empty()).then(|| self.seal_at(INCIDENTS, column, id, v))
            };
            let first = row.assessed_on.is_none();
            let mut model: incident::ActiveModel = row.into();
            model.kind = Set(a.kind.expect("checked").key().to_owned());
            model.data_sealed = Set(seal("data", &a.data));
            model.sensitivity = Set(a.sensitivity.map(|l| l.key().to_owned()));
            model.consequences_sealed = Set(seal("consequences", &a.consequences));
            model.probability = Set(a.probability.map(|l| l.key().to_owned()));
            model.serious_risk = Set(a.serious_risk);
            model.regulator_notified_on = Set(a.regulator_notified_on);
            model.persons_notified_on = Set(a.persons_notified_on);
            model.measures_sealed = Set(seal("measures", &a.measures));
            if first {
                model.assessed_on = Set(Some(today));
            }
            model.assessed_by = Set(Some(reader.user_id.into()));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::IncidentAssessed)
                    .target("incident", id)
                    .detail(serde_json::json!({
                        "serious_risk": a.serious_risk,
                        "regulator_notified_on": a.regulator_notified_on,
                        "persons_notified_on": a.persons_notified_on,
                    })),
            ))
        })
        .await
    }

    async fn incident_row<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        id: IncidentId,
    ) -> Result<incident::Model, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::Incident))?;
        incident::Entity::find_by_id(id)
            .filter(incident::Column::OrganizationId.eq(reader.organization_id))
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)
    }
}

/// A line of the register from its row.
fn incident_line(r: &incident::Model) -> IncidentLine {
    let kind = IncidentKind::parse(&r.kind).unwrap_or(IncidentKind::Anomaly);
    let owed = Assessment {
        serious_risk: r.serious_risk,
        regulator_notified_on: r.regulator_notified_on,
        persons_notified_on: r.persons_notified_on,
        ..Assessment::default()
    }
    .notices_owed();
    IncidentLine {
        id: r.id.into(),
        known_on: r.known_on,
        kind,
        detected: r.detected.as_deref().and_then(Anomaly::parse),
        assessed_on: r.assessed_on,
        serious_risk: r.serious_risk,
        notices_owed: owed,
    }
}

/// Havre itself, as the audit log names it when it opens an incident.
pub(crate) fn havre_itself(organization_id: OrganizationId) -> Actor {
    Actor {
        organization_id: Some(organization_id),
        user_id: None,
        ip: Some("havre".into()),
    }
}
