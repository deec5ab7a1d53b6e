//! A person's requests for access to what Havre holds on her (docs/privacy.md "Access
//! requests"): the request and its answer, dated, within 30 days; and the export the person
//! in charge gives her: everything her file holds, third parties' names withheld, and what
//! she provided in a structured form.

use crate::audit::{Action, Event};
use crate::entity::{
    access_request, appointment, group, group_member, help_request, help_request_value, house,
    pathway, pathway_enrolment, person, stay,
};
use crate::files::FileAccess;
use crate::reader::Reader;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use havre_domain::ids::{AccessRequestId, ListValueId, PersonId};
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::privacy::{access_due, access_nearing, withhold};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;
use std::collections::HashMap;

/// How many days before its limit a request not yet answered is shown as near it.
pub const NEARING_DAYS: u64 = 7;

/// A request for access, as the person in charge's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AccessRequestLine {
    pub id: AccessRequestId,
    pub person_id: PersonId,
    /// Her name, for the person in charge who answers her.
    pub name: String,
    pub received_on: NaiveDate,
    /// The last day to answer: 30 days after it was received.
    pub due_on: NaiveDate,
    pub answered_on: Option<NaiveDate>,
    /// Not answered, and within a week of its limit or past it.
    pub nearing: bool,
}

/// What Havre holds on her, as her access export gives it (docs/privacy.md "Access
/// requests"). Its JSON schema is published at `/api/v1/access-export.schema.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AccessExport {
    pub organization: String,
    /// The day the export was made, on the organization's clock.
    pub produced_on: NaiveDate,
    /// The day her request was received.
    pub request_received_on: NaiveDate,
    /// What she gave: who she is, how to reach her safely, her requests for help.
    pub provided: ProvidedData,
    /// The meetings with her, oldest first.
    pub meetings: Vec<ExportedMeeting>,
    /// The team's notes, oldest first, third parties' names withheld.
    pub notes: Vec<ExportedNote>,
    /// The documents in her file: their names, not their content.
    pub documents: Vec<ExportedDocument>,
    /// Her relatives who were helped: their relation to her; their names are theirs.
    pub relatives: Vec<ExportedRelative>,
    /// Her other services, oldest first: stays in a house, appointments of a care unit,
    /// groups, pathways.
    pub services: Vec<ExportedService>,
    /// How many passages were withheld because they name someone else.
    pub withheld: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ProvidedData {
    pub name: String,
    pub phone: Option<String>,
    pub birth_year: Option<String>,
    pub safe_contact: ExportedSafeContact,
    /// Her requests for help, oldest first.
    pub requests: Vec<ExportedRequest>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ExportedSafeContact {
    pub may_call: bool,
    pub may_leave_message: bool,
    pub may_say_our_name: bool,
    pub hours: String,
    pub safe_number: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ExportedRequest {
    pub received_on: NaiveDate,
    /// direct_help or exploitation.
    pub service_area: String,
    /// waiting, in_service or closed.
    pub status: String,
    pub closed_on: Option<NaiveDate>,
    /// Her answers to the questions of the request, each value of a list in both languages.
    pub answers: Vec<ExportedAnswer>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ExportedAnswer {
    /// The list the question is (havre_domain::lists::ListKind's key).
    pub question: String,
    pub answer_fr: String,
    pub answer_en: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ExportedMeeting {
    pub held_on: NaiveDate,
    /// havre_domain::meetings::MeetingKind's key.
    pub kind: String,
    pub minutes: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ExportedNote {
    pub written_on: NaiveDate,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ExportedDocument {
    pub added_on: NaiveDate,
    pub file_name: String,
    pub size_bytes: i64,
}

/// A service she received other than a meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ExportedService {
    /// stay, appointment, group or pathway.
    pub kind: String,
    /// The house, the group or the pathway; none for an appointment.
    pub name: Option<String>,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// An appointment's status (havre_domain::care::AppointmentStatus's key).
    pub status: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ExportedRelative {
    /// partner, parent, child, sibling, friend, other.
    pub relation: String,
}

impl Store {
    /// Records a woman's request for access to her file, received on a day.
    pub async fn record_access_request(
        &self,
        reader: &Reader,
        person_id: PersonId,
        received_on: Option<NaiveDate>,
    ) -> Result<AccessRequestId, StoreError> {
        reader.check(
            policy::Action::Create,
            &Record::new(RecordKind::AccessRequest),
        )?;
        let today = self.today(reader).await?;
        let id = AccessRequestId::new();
        self.write(&reader.actor, async |txn| {
            person::Entity::find_by_id(person_id)
                .filter(person::Column::OrganizationId.eq(reader.organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let received_on = match received_on {
                None => return Err(StoreError::invalid("received_on", "field-required")),
                Some(d) if d > today => {
                    return Err(StoreError::invalid("received_on", "date-in-future"));
                }
                Some(d) => d,
            };
            access_request::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                person_id: Set(person_id.into()),
                received_on: Set(received_on),
                answered_on: Set(None),
                answered_by: Set(None),
                created_by: Set(reader.user_id.into()),
                created_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::AccessRequested)
                    .target("person", person_id)
                    .detail(serde_json::json!({ "request": id, "received_on": received_on })),
            ))
        })
        .await
    }

    /// The requests for access, those not answered first, the nearest their limit first.
    pub async fn access_requests(
        &self,
        reader: &Reader,
    ) -> Result<Vec<AccessRequestLine>, StoreError> {
        reader.check(
            policy::Action::Read,
            &Record::new(RecordKind::AccessRequest),
        )?;
        let rows = access_request::Entity::find()
            .filter(access_request::Column::OrganizationId.eq(reader.organization_id))
            .order_by_asc(access_request::Column::ReceivedOn)
            .all(self.db())
            .await?;
        let today = self.today(reader).await?;
        let mut lines = Vec::with_capacity(rows.len());
        for r in &rows {
            lines.push(self.access_line(r, today).await?);
        }
        lines.sort_by_key(|l| (l.answered_on.is_some(), l.due_on));
        Ok(lines)
    }

    async fn access_line(
        &self,
        r: &access_request::Model,
        today: NaiveDate,
    ) -> Result<AccessRequestLine, StoreError> {
        let p = person::Entity::find_by_id(r.person_id)
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(AccessRequestLine {
            id: r.id.into(),
            person_id: r.person_id.into(),
            name: self.person_name(&p)?,
            received_on: r.received_on,
            due_on: access_due(r.received_on),
            answered_on: r.answered_on,
            nearing: r.answered_on.is_none() && access_nearing(r.received_on, today, NEARING_DAYS),
        })
    }

    async fn access_row(
        &self,
        reader: &Reader,
        id: AccessRequestId,
    ) -> Result<access_request::Model, StoreError> {
        reader.check(
            policy::Action::Read,
            &Record::new(RecordKind::AccessRequest),
        )?;
        access_request::Entity::find_by_id(id)
            .filter(access_request::Column::OrganizationId.eq(reader.organization_id))
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// One request for access.
    pub async fn access_request(
        &self,
        reader: &Reader,
        id: AccessRequestId,
    ) -> Result<AccessRequestLine, StoreError> {
        let row = self.access_row(reader, id).await?;
        let today = self.today(reader).await?;
        self.access_line(&row, today).await
    }

    /// Records the day she was answered.
    pub async fn answer_access_request(
        &self,
        reader: &Reader,
        id: AccessRequestId,
        answered_on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        let row = self.access_row(reader, id).await?;
        reader.check(
            policy::Action::Edit,
            &Record::new(RecordKind::AccessRequest),
        )?;
        let today = self.today(reader).await?;
        let answered_on = match answered_on {
            None => return Err(StoreError::invalid("answered_on", "field-required")),
            Some(d) if d > today => {
                return Err(StoreError::invalid("answered_on", "date-in-future"));
            }
            Some(d) if d < row.received_on => {
                return Err(StoreError::invalid("answered_on", "answer-before-request"));
            }
            Some(d) => d,
        };
        self.write(&reader.actor, async |txn| {
            let person_id = row.person_id;
            let mut model: access_request::ActiveModel = row.into();
            model.answered_on = Set(Some(answered_on));
            model.answered_by = Set(Some(reader.user_id.into()));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::AccessAnswered)
                    .target("person", person_id)
                    .detail(serde_json::json!({ "request": id, "answered_on": answered_on })),
            ))
        })
        .await
    }

    /// Everything Havre holds on her, for her request: her file read whole, every scope, its
    /// notes with the names of third parties withheld (her relatives', the other persons' of
    /// the organization, and those the person in charge adds, `also_withheld`: the
    /// aggressor's, a name only she knows) behind `marker`. The export is audited.
    pub async fn access_export(
        &self,
        reader: &Reader,
        id: AccessRequestId,
        also_withheld: &[String],
        marker: &str,
    ) -> Result<AccessExport, StoreError> {
        let row = self.access_row(reader, id).await?;
        reader.check(
            policy::Action::Decide,
            &Record::new(RecordKind::AccessRequest),
        )?;
        let person_id = PersonId::from(row.person_id);
        let org = self.organization(reader.organization_id).await?;
        let zone = org.time_zone;
        let file = self
            .load_file(
                self.db(),
                reader,
                person_id,
                FileAccess::AccessRequest,
                crate::files::Meetings::All,
            )
            .await?;
        // Who else Havre knows by name: her relatives and whoever the person in charge names,
        // withheld whole and in part; the organization's other persons, by their whole name.
        let mut near: Vec<String> = file.relatives.iter().map(|r| r.name.clone()).collect();
        near.extend(also_withheld.iter().map(|n| n.trim().to_owned()));
        let mut others = Vec::new();
        for p in person::Entity::find()
            .filter(person::Column::OrganizationId.eq(reader.organization_id))
            .filter(person::Column::Id.ne(person_id))
            .all(self.db())
            .await?
        {
            others.push(self.person_name(&p)?);
        }
        let mut withheld = 0usize;
        let mut clean = |text: &str| {
            let (text, a) = withhold(text, &near, true, &file.name, marker);
            let (text, b) = withhold(&text, &others, false, &file.name, marker);
            withheld += a + b;
            text
        };
        let mut notes: Vec<ExportedNote> = file
            .notes
            .iter()
            .map(|n| ExportedNote {
                written_on: zone.day_of(n.created_at),
                body: clean(&n.body),
            })
            .collect();
        notes.reverse();
        let requests = self.exported_requests(reader, person_id, zone).await?;
        let services = self.exported_services(reader, person_id, zone).await?;
        let mut meetings: Vec<ExportedMeeting> = file
            .timeline
            .iter()
            .map(|m| ExportedMeeting {
                held_on: zone.day_of(m.held_at),
                kind: m.kind.key().to_owned(),
                minutes: m.time.duration,
            })
            .collect();
        meetings.reverse();
        let mut documents: Vec<ExportedDocument> = file
            .attachments
            .iter()
            .map(|a| ExportedDocument {
                added_on: zone.day_of(a.created_at),
                file_name: clean(&a.file_name),
                size_bytes: a.size_bytes,
            })
            .collect();
        documents.reverse();
        let export = AccessExport {
            organization: org.name,
            produced_on: zone.day_of(self.now()),
            request_received_on: row.received_on,
            provided: ProvidedData {
                name: file.name.clone(),
                phone: file.phone.clone(),
                birth_year: file.birth_year.clone(),
                safe_contact: ExportedSafeContact {
                    may_call: file.safe_contact.may_call,
                    may_leave_message: file.safe_contact.may_leave_message,
                    may_say_our_name: file.safe_contact.may_say_our_name,
                    hours: file.safe_contact.hours.clone(),
                    safe_number: file.safe_contact.safe_number.clone(),
                },
                requests,
            },
            meetings,
            notes,
            documents,
            relatives: file
                .relatives
                .iter()
                .map(|r| ExportedRelative {
                    relation: r.relation.clone(),
                })
                .collect(),
            services,
            withheld: withheld as u32,
        };
        self.audit(
            &reader.actor,
            Event::new(Action::AccessExported)
                .target("person", person_id)
                .detail(serde_json::json!({ "request": id, "withheld": withheld })),
        )
        .await?;
        Ok(export)
    }

    /// Her stays, appointments, groups and pathways, oldest first.
    async fn exported_services(
        &self,
        reader: &Reader,
        person_id: PersonId,
        zone: havre_domain::zone::Zone,
    ) -> Result<Vec<ExportedService>, StoreError> {
        let org = reader.organization_id;
        let names = |rows: Vec<(uuid::Uuid, String)>| rows.into_iter().collect::<HashMap<_, _>>();
        let houses = names(
            house::Entity::find()
                .filter(house::Column::OrganizationId.eq(org))
                .all(self.db())
                .await?
                .into_iter()
                .map(|h| (h.id, h.name))
                .collect(),
        );
        let groups = names(
            group::Entity::find()
                .filter(group::Column::OrganizationId.eq(org))
                .all(self.db())
                .await?
                .into_iter()
                .map(|g| (g.id, g.name))
                .collect(),
        );
        let pathways = names(
            pathway::Entity::find()
                .filter(pathway::Column::OrganizationId.eq(org))
                .all(self.db())
                .await?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect(),
        );
        let service = |kind: &str, name: Option<&String>, from, to, status| ExportedService {
            kind: kind.to_owned(),
            name: name.cloned(),
            from,
            to,
            status,
        };
        let mut services = Vec::new();
        for s in stay::Entity::find()
            .filter(stay::Column::OrganizationId.eq(org))
            .filter(stay::Column::PersonId.eq(person_id))
            .all(self.db())
            .await?
        {
            services.push(service(
                "stay",
                houses.get(&s.house_id),
                s.entered_on,
                s.exited_on,
                None,
            ));
        }
        for a in appointment::Entity::find()
            .filter(appointment::Column::OrganizationId.eq(org))
            .filter(appointment::Column::PersonId.eq(person_id))
            .all(self.db())
            .await?
        {
            services.push(service(
                "appointment",
                None,
                zone.day_of(a.starts_at),
                None,
                Some(a.status),
            ));
        }
        for m in group_member::Entity::find()
            .filter(group_member::Column::OrganizationId.eq(org))
            .filter(group_member::Column::PersonId.eq(person_id))
            .all(self.db())
            .await?
        {
            services.push(service(
                "group",
                groups.get(&m.group_id),
                zone.day_of(m.enrolled_at),
                m.left_at.map(|at| zone.day_of(at)),
                None,
            ));
        }
        for e in pathway_enrolment::Entity::find()
            .filter(pathway_enrolment::Column::OrganizationId.eq(org))
            .filter(pathway_enrolment::Column::PersonId.eq(person_id))
            .all(self.db())
            .await?
        {
            services.push(service(
                "pathway",
                pathways.get(&e.pathway_id),
                e.started_on,
                e.ended_on,
                None,
            ));
        }
        services.sort_by(|a, b| (a.from, &a.kind).cmp(&(b.from, &b.kind)));
        Ok(services)
    }

    /// Her requests for help, oldest first, with her answers to their questions.
    async fn exported_requests(
        &self,
        reader: &Reader,
        person_id: PersonId,
        zone: havre_domain::zone::Zone,
    ) -> Result<Vec<ExportedRequest>, StoreError> {
        let labels: HashMap<ListValueId, (String, String, String)> = {
            let mut labels = HashMap::new();
            for kind in havre_domain::lists::ListKind::ALL {
                for v in self.list_values(reader.organization_id, kind, true).await? {
                    labels.insert(v.id, (kind.key().to_owned(), v.label_fr, v.label_en));
                }
            }
            labels
        };
        let answer = |id: uuid::Uuid| {
            labels
                .get(&ListValueId::from(id))
                .map(|(question, fr, en)| ExportedAnswer {
                    question: question.clone(),
                    answer_fr: fr.clone(),
                    answer_en: en.clone(),
                })
        };
        let mut requests = Vec::new();
        for r in help_request::Entity::find()
            .filter(help_request::Column::OrganizationId.eq(reader.organization_id))
            .filter(help_request::Column::PersonId.eq(person_id))
            .order_by_asc(help_request::Column::Sequence)
            .all(self.db())
            .await?
        {
            let mut answers: Vec<ExportedAnswer> = [
                Some(r.requester_id),
                Some(r.age_at_request_id),
                Some(r.age_at_assault_id),
                Some(r.referral_source_id),
                Some(r.residence_id),
                r.disposition_id,
            ]
            .into_iter()
            .flatten()
            .filter_map(answer)
            .collect();
            for v in help_request_value::Entity::find()
                .filter(help_request_value::Column::HelpRequestId.eq(r.id))
                .all(self.db())
                .await?
            {
                answers.extend(answer(v.value_id));
            }
            requests.push(ExportedRequest {
                received_on: zone.day_of(r.received_at),
                service_area: r.service_area,
                status: r.status,
                closed_on: r.closed_at.map(|c| zone.day_of(c)),
                answers,
            });
        }
        Ok(requests)
    }
}
