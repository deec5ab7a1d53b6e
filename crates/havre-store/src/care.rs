//! Care units (docs/care.md): the day's agenda of appointments, per professional and per room,
//! that the reception follows from "expected" to "gone"; walk-ins added in one step; the next
//! appointments booked from a woman's file. Who sees which appointment is the policy's: the
//! police officer on site sees her own only.

use crate::audit::{Action, Event};
use crate::entity::{appointment, person, user};
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use havre_domain::care::{
    APPOINTMENT_MINUTES, AppointmentStatus, BoardLine, DayCounts, appointment_minutes_problem,
};
use havre_domain::ids::{AppointmentId, ListValueId, PersonId, StepId, UserId};
use havre_domain::lists::ListKind;
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::validation::is_valid_name;
use havre_domain::zone::Zone;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// An appointment as the agenda and the file show it.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Appointment {
    pub id: AppointmentId,
    pub person_id: PersonId,
    pub professional_id: UserId,
    pub room_id: Option<ListValueId>,
    pub starts_at: DateTime<Utc>,
    pub minutes: i32,
    pub status: AppointmentStatus,
    pub walk_in: bool,
    pub arrived_at: Option<DateTime<Utc>>,
    pub seen_at: Option<DateTime<Utc>>,
    pub left_at: Option<DateTime<Utc>>,
    /// The step of her pathway it is booked for: when she is seen, the step is done.
    pub step_id: Option<StepId>,
}

impl Appointment {
    pub fn ends_at(&self) -> DateTime<Utc> {
        self.starts_at + TimeDelta::minutes(self.minutes.into())
    }
}

impl From<appointment::Model> for Appointment {
    fn from(m: appointment::Model) -> Self {
        Appointment {
            id: m.id.into(),
            person_id: m.person_id.into(),
            professional_id: m.professional_id.into(),
            room_id: m.room_id.map(Into::into),
            starts_at: m.starts_at,
            minutes: m.minutes,
            status: AppointmentStatus::parse(&m.status).unwrap_or(AppointmentStatus::Expected),
            walk_in: m.walk_in,
            arrived_at: m.arrived_at,
            seen_at: m.seen_at,
            left_at: m.left_at,
            step_id: m.step_id.map(Into::into),
        }
    }
}

/// One line of the day's agenda: the appointment and the name of the woman expected.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AgendaLine {
    #[serde(flatten)]
    pub appointment: Appointment,
    pub person_name: String,
}

/// A day of the agenda, in time order, with the reception's counts.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Agenda {
    pub day: NaiveDate,
    pub lines: Vec<AgendaLine>,
    pub counts: DayCounts,
}

/// An appointment to book from a woman's file.
#[derive(Clone, Debug)]
pub struct NewAppointment {
    pub person_id: PersonId,
    pub professional_id: UserId,
    pub room_id: Option<ListValueId>,
    pub starts_at: Option<DateTime<Utc>>,
    pub minutes: i32,
    /// The step of a pathway she follows it is booked for.
    pub step_id: Option<StepId>,
}

/// Who walked in: a woman with a file, or a new one, named as she gives her name.
#[derive(Clone, Debug)]
pub enum WalkInPerson {
    File(PersonId),
    New { name: String },
}

/// A woman who came without an appointment, added in one step: she has arrived.
#[derive(Clone, Debug)]
pub struct WalkIn {
    pub person: WalkInPerson,
    pub professional_id: UserId,
    pub room_id: Option<ListValueId>,
    pub minutes: i32,
}

impl Store {
    /// The appointments of one woman the reader may see, latest first.
    pub(crate) async fn appointments_of(
        &self,
        reader: &Reader,
        person_id: PersonId,
    ) -> Result<Vec<Appointment>, StoreError> {
        if !self.in_use(reader).await?.appointments {
            return Ok(Vec::new());
        }
        let actor = reader.policy_actor();
        Ok(appointment::Entity::find()
            .filter(appointment::Column::OrganizationId.eq(reader.organization_id))
            .filter(appointment::Column::PersonId.eq(person_id))
            .order_by_desc(appointment::Column::StartsAt)
            .all(self.db())
            .await?
            .into_iter()
            .filter(|a| policy::may(actor, policy::Action::Read, &appointment_record(reader, a)))
            .map(Into::into)
            .collect())
    }

    /// The day's agenda on the organization's clock, every professional and room, as the
    /// reader may see it. The names are opened for the reception: the read is audited.
    pub async fn agenda(
        &self,
        reader: &Reader,
        zone: Zone,
        day: NaiveDate,
    ) -> Result<Agenda, StoreError> {
        reader.check(
            policy::Action::Read,
            &Record::new(RecordKind::Appointment).in_her_charge(true),
        )?;
        let (from, to) = zone.day_span(day, day).ok_or(StoreError::NotFound)?;
        let actor = reader.policy_actor();
        let rows: Vec<appointment::Model> = appointment::Entity::find()
            .filter(appointment::Column::OrganizationId.eq(reader.organization_id))
            .filter(appointment::Column::StartsAt.gte(from))
            .filter(appointment::Column::StartsAt.lt(to))
            .order_by_asc(appointment::Column::StartsAt)
            .all(self.db())
            .await?
            .into_iter()
            .filter(|a| policy::may(actor, policy::Action::Read, &appointment_record(reader, a)))
            .collect();
        let mut persons: Vec<uuid::Uuid> = rows.iter().map(|a| a.person_id).collect();
        persons.sort();
        persons.dedup();
        let mut names = HashMap::with_capacity(persons.len());
        for chunk in persons.chunks(500) {
            for p in person::Entity::find()
                .filter(person::Column::OrganizationId.eq(reader.organization_id))
                .filter(person::Column::Id.is_in(chunk.to_vec()))
                .all(self.db())
                .await?
            {
                let name = self.person_name(&p)?;
                names.insert(p.id, name);
            }
        }
        let counts = DayCounts::of(rows.iter().map(|a| BoardLine {
            status: AppointmentStatus::parse(&a.status).unwrap_or(AppointmentStatus::Expected),
            walk_in: a.walk_in,
        }));
        let lines = rows
            .into_iter()
            .map(|a| AgendaLine {
                person_name: names.get(&a.person_id).cloned().unwrap_or_default(),
                appointment: a.into(),
            })
            .collect::<Vec<_>>();
        self.audit(
            &reader.actor,
            Event::new(Action::AgendaRead)
                .detail(serde_json::json!({ "day": day, "appointments": lines.len() })),
        )
        .await?;
        Ok(Agenda { day, lines, counts })
    }

    /// Books an appointment from a woman's file: with a member of the team, perhaps in a
    /// room, at a time that does not overlap the professional's other appointments (the
    /// conflict is named at `starts_at`).
    pub async fn book_appointment(
        &self,
        reader: &Reader,
        new: NewAppointment,
    ) -> Result<AppointmentId, StoreError> {
        self.write(&reader.actor, async |txn| {
            self.file_access(txn, reader, new.person_id).await?;
            reader.check(
                policy::Action::Create,
                &Record::new(RecordKind::Appointment)
                    .in_her_charge(new.professional_id == reader.user_id),
            )?;
            let mut problems = Vec::new();
            self.check_agenda_fields(
                txn,
                reader,
                new.professional_id,
                new.room_id,
                new.minutes,
                &mut problems,
            )
            .await?;
            match new.starts_at {
                None => problems.push(FieldError::new("starts_at", "date-invalid")),
                Some(at) if at < self.now() - TimeDelta::hours(12) => {
                    problems.push(FieldError::new("starts_at", "appointment-in-the-past"))
                }
                Some(at) if APPOINTMENT_MINUTES.contains(&new.minutes) => {
                    if let Some(conflict) = self
                        .conflict(txn, reader, new.professional_id, at, new.minutes)
                        .await?
                    {
                        problems.push(conflict);
                    }
                }
                Some(_) => {}
            }
            if let Some(step) = new.step_id
                && let Err(StoreError::Invalid(e)) = self
                    .enrolment_for_step(txn, reader, new.person_id, step)
                    .await
            {
                problems.extend(e);
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let starts_at = new.starts_at.expect("checked above");
            let id = self
                .insert_appointment(
                    txn,
                    reader,
                    new.person_id,
                    new.professional_id,
                    new.room_id,
                    starts_at,
                    new.minutes,
                    AppointmentStatus::Expected,
                )
                .await?;
            if let Some(step) = new.step_id {
                let mut model: appointment::ActiveModel = appointment::Entity::find_by_id(id)
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?
                    .into();
                model.step_id = Set(Some(step.into()));
                model.update(txn).await?;
            }
            Ok((
                id,
                Event::new(Action::AppointmentBooked)
                    .target("appointment", id)
                    .detail(serde_json::json!({
                        "person": new.person_id,
                        "professional": new.professional_id,
                        "starts_at": starts_at,
                    })),
            ))
        })
        .await
    }

    /// A woman who came without an appointment, added in one step: arrived now, with the
    /// professional who will see her. A new woman gets a file with her name only.
    pub async fn walk_in(
        &self,
        reader: &Reader,
        walk_in: WalkIn,
    ) -> Result<AppointmentId, StoreError> {
        self.write(&reader.actor, async |txn| {
            reader.check(
                policy::Action::Create,
                &Record::new(RecordKind::Appointment)
                    .in_her_charge(walk_in.professional_id == reader.user_id),
            )?;
            let mut problems = Vec::new();
            if let WalkInPerson::New { name } = &walk_in.person
                && !is_valid_name(name)
            {
                problems.push(FieldError::new("name", "field-required"));
            }
            self.check_agenda_fields(
                txn,
                reader,
                walk_in.professional_id,
                walk_in.room_id,
                walk_in.minutes,
                &mut problems,
            )
            .await?;
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let person_id = match &walk_in.person {
                WalkInPerson::File(person_id) => {
                    self.file_access(txn, reader, *person_id).await?;
                    *person_id
                }
                WalkInPerson::New { name } => {
                    reader.check(policy::Action::Create, &Record::new(RecordKind::PersonFile))?;
                    self.open_bare_file(txn, reader, name, false, false).await?
                }
            };
            let id = self
                .insert_appointment(
                    txn,
                    reader,
                    person_id,
                    walk_in.professional_id,
                    walk_in.room_id,
                    self.now(),
                    walk_in.minutes,
                    AppointmentStatus::Arrived,
                )
                .await?;
            Ok((
                id,
                Event::new(Action::AppointmentBooked)
                    .target("appointment", id)
                    .detail(serde_json::json!({
                        "person": person_id,
                        "professional": walk_in.professional_id,
                        "walk_in": true,
                    })),
            ))
        })
        .await
    }

    /// Moves an appointment along the day (arrived, seen, gone; missed, cancelled) or one
    /// step back, stamping the time of each step.
    pub async fn move_appointment(
        &self,
        reader: &Reader,
        id: AppointmentId,
        to: AppointmentStatus,
    ) -> Result<Appointment, StoreError> {
        self.write(&reader.actor, async |txn| {
            let a = appointment::Entity::find_by_id(id)
                .filter(appointment::Column::OrganizationId.eq(reader.organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let record = appointment_record(reader, &a);
            if !policy::may(reader.policy_actor(), policy::Action::Read, &record) {
                return Err(StoreError::NotFound);
            }
            reader.check(policy::Action::Edit, &record)?;
            let from = AppointmentStatus::parse(&a.status).unwrap_or(AppointmentStatus::Expected);
            if !from.may_move_to(to) {
                return Err(StoreError::invalid("status", "appointment-move-invalid"));
            }
            let now = self.now();
            // Seen for a step of her pathway: the step is done today, unless it already is.
            if to == AppointmentStatus::Seen
                && from == AppointmentStatus::Arrived
                && let Some(step) = a.step_id
                && let Ok(enrolment) = self
                    .enrolment_for_step(txn, reader, a.person_id.into(), step.into())
                    .await
            {
                let today = self.today(reader).await?;
                match self
                    .record_completion(
                        txn,
                        reader,
                        &enrolment,
                        Some(step.into()),
                        today,
                        today,
                        Some(id),
                    )
                    .await
                {
                    // Done already, or done on a day she had not entered it: left as it is.
                    Ok(_) | Err(StoreError::Invalid(_)) => {}
                    Err(e) => return Err(e),
                }
            }
            let mut model: appointment::ActiveModel = a.into();
            model.status = Set(to.key().to_owned());
            match to {
                AppointmentStatus::Arrived if from == AppointmentStatus::Expected => {
                    model.arrived_at = Set(Some(now))
                }
                AppointmentStatus::Seen if from == AppointmentStatus::Arrived => {
                    model.seen_at = Set(Some(now))
                }
                AppointmentStatus::Gone => model.left_at = Set(Some(now)),
                // One step back takes back the step's time.
                AppointmentStatus::Expected => model.arrived_at = Set(None),
                AppointmentStatus::Arrived => model.seen_at = Set(None),
                AppointmentStatus::Seen => model.left_at = Set(None),
                _ => {}
            }
            let updated = model.update(txn).await?;
            Ok((
                Appointment::from(updated),
                Event::new(Action::AppointmentChanged)
                    .target("appointment", id)
                    .detail(serde_json::json!({ "from": from.key(), "to": to.key() })),
            ))
        })
        .await
    }

    /// The professional is an active member of the team who may see women; the room one of
    /// the organization's; the length within bounds.
    async fn check_agenda_fields<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        professional_id: UserId,
        room_id: Option<ListValueId>,
        minutes: i32,
        problems: &mut Vec<FieldError>,
    ) -> Result<(), StoreError> {
        let professional = user::Entity::find_by_id(professional_id)
            .filter(user::Column::OrganizationId.eq(reader.organization_id))
            .filter(user::Column::Active.eq(true))
            .one(conn)
            .await?;
        let sees_women = professional.is_some_and(|u| {
            policy::Roles::parse_stored(&u.roles).is_ok_and(|r| policy::may_be_given_files(&r))
        });
        if !sees_women {
            problems.push(FieldError::new("professional_id", "value-not-in-list"));
        }
        if let Some(room) = room_id
            && let Err(e) = self
                .check_list_values(
                    conn,
                    reader.organization_id,
                    ListKind::Room,
                    &[room],
                    "room_id",
                )
                .await
        {
            problems.push(e);
        }
        problems.extend(appointment_minutes_problem(minutes));
        Ok(())
    }

    /// Another appointment of the professional's that the new one would overlap, named.
    async fn conflict<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        professional_id: UserId,
        starts_at: DateTime<Utc>,
        minutes: i32,
    ) -> Result<Option<FieldError>, StoreError> {
        let ends_at = starts_at + TimeDelta::minutes(minutes.into());
        let longest = TimeDelta::minutes((*APPOINTMENT_MINUTES.end()).into());
        let overlaps = appointment::Entity::find()
            .filter(appointment::Column::OrganizationId.eq(reader.organization_id))
            .filter(appointment::Column::ProfessionalId.eq(professional_id))
            .filter(appointment::Column::StartsAt.gt(starts_at - longest))
            .filter(appointment::Column::StartsAt.lt(ends_at))
            .all(conn)
            .await?
            .into_iter()
            .map(Appointment::from)
            .any(|a| a.status.holds_time() && !a.walk_in && a.ends_at() > starts_at);
        Ok(overlaps.then(|| FieldError::new("starts_at", "appointment-conflict")))
    }

    #[allow(clippy::too_many_arguments)]
    async fn insert_appointment<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        person_id: PersonId,
        professional_id: UserId,
        room_id: Option<ListValueId>,
        starts_at: DateTime<Utc>,
        minutes: i32,
        status: AppointmentStatus,
    ) -> Result<AppointmentId, StoreError> {
        let id = AppointmentId::new();
        let now = self.now();
        appointment::ActiveModel {
            id: Set(id.into()),
            organization_id: Set(reader.organization_id.into()),
            person_id: Set(person_id.into()),
            professional_id: Set(professional_id.into()),
            room_id: Set(room_id.map(Into::into)),
            starts_at: Set(starts_at),
            minutes: Set(minutes),
            status: Set(status.key().to_owned()),
            walk_in: Set(status == AppointmentStatus::Arrived),
            arrived_at: Set((status == AppointmentStatus::Arrived).then_some(now)),
            seen_at: Set(None),
            left_at: Set(None),
            booked_by: Set(Some(reader.user_id.into())),
            step_id: Set(None),
            created_at: Set(now),
        }
        .insert(conn)
        .await?;
        Ok(id)
    }
}

/// An appointment as the policy sees it: in her charge when it is with her.
fn appointment_record(reader: &Reader, a: &appointment::Model) -> Record {
    Record::new(RecordKind::Appointment).in_her_charge(a.professional_id == reader.user_id.uuid())
}

/// An agreement's figures, as its partner asks for them.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AgreementReport {
    pub agreement: crate::pathways::Agreement,
    pub figures: Vec<AgreementValue>,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AgreementValue {
    pub figure: havre_domain::pathways::AgreementFigure,
    pub value: f64,
}

/// A care unit's year (docs/care.md "Figures"): the women and their appointments, the
/// pathways and the agreements' figures, the trainings given and the interns hosted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CareReport {
    pub figures: havre_domain::care::CareFigures,
    pub pathways: Vec<havre_domain::pathways::PathwayFigures>,
    pub agreements: Vec<AgreementReport>,
    pub trainings: havre_domain::care::TrainingFigures,
    pub hosting: havre_domain::care::HostingFigures,
}

/// An intern or an observer hosted, as the pages list her.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Hosting {
    pub id: havre_domain::ids::HostingId,
    pub kind: havre_domain::care::HostingKind,
    pub school: String,
    pub profession_id: Option<ListValueId>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl Store {
    /// Whether the organization works as a care unit: it has an appointment, a pathway or an
    /// intern hosted. Its report then has a care section.
    pub async fn has_care(
        &self,
        organization_id: havre_domain::ids::OrganizationId,
    ) -> Result<bool, StoreError> {
        use crate::entity::{hosting, pathway};
        Ok(appointment::Entity::find()
            .filter(appointment::Column::OrganizationId.eq(organization_id))
            .one(self.db())
            .await?
            .is_some()
            || pathway::Entity::find()
                .filter(pathway::Column::OrganizationId.eq(organization_id))
                .one(self.db())
                .await?
                .is_some()
            || hosting::Entity::find()
                .filter(hosting::Column::OrganizationId.eq(organization_id))
                .one(self.db())
                .await?
                .is_some())
    }

    /// Records an intern or an observer hosted.
    pub async fn record_hosting(
        &self,
        reader: &Reader,
        new: havre_domain::care::NewHosting,
    ) -> Result<havre_domain::ids::HostingId, StoreError> {
        use crate::entity::hosting;
        reader.check(policy::Action::Create, &Record::new(RecordKind::Pathway))?;
        let mut problems = new.problems();
        if let Some(p) = new.profession
            && let Err(e) = self
                .check_list_values(
                    self.db(),
                    reader.organization_id,
                    ListKind::Profession,
                    &[p],
                    "profession_id",
                )
                .await
        {
            problems.push(e);
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        self.write(&reader.actor, async |txn| {
            let id = havre_domain::ids::HostingId::new();
            hosting::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                kind: Set(new.kind.map(|k| k.key()).unwrap_or_default().to_owned()),
                school: Set(new.school.trim().to_owned()),
                profession_id: Set(new.profession.map(Into::into)),
                starts_on: Set(new.starts_on.unwrap_or_default()),
                ends_on: Set(new.ends_on.unwrap_or_default()),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            Ok((id, Event::new(Action::HostingChanged).target("hosting", id)))
        })
        .await
    }

    /// The interns and observers whose days meet a period, the latest first.
    pub async fn hostings(
        &self,
        reader: &Reader,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<Hosting>, StoreError> {
        use crate::entity::hosting;
        reader.check(policy::Action::Read, &Record::new(RecordKind::Pathway))?;
        Ok(hosting::Entity::find()
            .filter(hosting::Column::OrganizationId.eq(reader.organization_id))
            .filter(hosting::Column::StartsOn.lte(last))
            .filter(hosting::Column::EndsOn.gte(first))
            .order_by_desc(hosting::Column::StartsOn)
            .all(self.db())
            .await?
            .into_iter()
            .map(|h| Hosting {
                id: h.id.into(),
                kind: havre_domain::care::HostingKind::parse(&h.kind)
                    .unwrap_or(havre_domain::care::HostingKind::Observer),
                school: h.school,
                profession_id: h.profession_id.map(Into::into),
                starts_on: h.starts_on,
                ends_on: h.ends_on,
            })
            .collect())
    }

    /// The appointments of `[from, to)` as the figures read them, and the women who came to
    /// one before `from`: the others seen in the period are new.
    pub(crate) async fn appointment_facts(
        &self,
        organization_id: havre_domain::ids::OrganizationId,
        zone: havre_domain::zone::Zone,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<(Vec<havre_domain::care::AppointmentFacts>, HashSet<PersonId>), StoreError> {
        use crate::entity::pathway_step;
        use havre_domain::care::AppointmentFacts;
        // Each professional's profession, each step's pathway.
        let professions: HashMap<uuid::Uuid, Option<uuid::Uuid>> = user::Entity::find()
            .filter(user::Column::OrganizationId.eq(organization_id))
            .all(self.db())
            .await?
            .into_iter()
            .map(|u| (u.id, u.profession_id))
            .collect();
        let pathway_of: HashMap<uuid::Uuid, uuid::Uuid> = pathway_step::Entity::find()
            .filter(pathway_step::Column::OrganizationId.eq(organization_id))
            .all(self.db())
            .await?
            .into_iter()
            .map(|s| (s.id, s.pathway_id))
            .collect();
        // The women who came to an appointment before the period began: the others seen in
        // it are new. Only their ids are read.
        let came: Vec<&str> = AppointmentStatus::ALL
            .iter()
            .filter(|s| s.came())
            .map(|s| s.key())
            .collect();
        let came_before: HashSet<PersonId> = appointment::Entity::find()
            .select_only()
            .column(appointment::Column::PersonId)
            .distinct()
            .filter(appointment::Column::OrganizationId.eq(organization_id))
            .filter(appointment::Column::StartsAt.lt(from))
            .filter(appointment::Column::Status.is_in(came))
            .into_tuple::<uuid::Uuid>()
            .all(self.db())
            .await?
            .into_iter()
            .map(Into::into)
            .collect();
        // Only the columns the figures read: a row's other instants are not parsed.
        let facts: Vec<AppointmentFacts> = appointment::Entity::find()
            .select_only()
            .columns([
                appointment::Column::PersonId,
                appointment::Column::ProfessionalId,
                appointment::Column::StartsAt,
                appointment::Column::Status,
                appointment::Column::WalkIn,
                appointment::Column::StepId,
            ])
            .filter(appointment::Column::OrganizationId.eq(organization_id))
            .filter(appointment::Column::StartsAt.gte(from))
            .filter(appointment::Column::StartsAt.lt(to))
            .into_tuple::<(
                uuid::Uuid,
                uuid::Uuid,
                DateTime<Utc>,
                String,
                bool,
                Option<uuid::Uuid>,
            )>()
            .all(self.db())
            .await?
            .into_iter()
            .map(
                |(person, professional, starts_at, status, walk_in, step)| AppointmentFacts {
                    person: person.into(),
                    day: zone.day_of(starts_at),
                    status: AppointmentStatus::parse(&status)
                        .unwrap_or(AppointmentStatus::Expected),
                    walk_in,
                    profession: professions
                        .get(&professional)
                        .copied()
                        .flatten()
                        .map(Into::into),
                    pathway: step.and_then(|s| pathway_of.get(&s)).map(|p| (*p).into()),
                },
            )
            .collect();
        Ok((facts, came_before))
    }

    /// A care unit's figures for a period of days on its calendar (both included).
    pub async fn care_report(
        &self,
        organization_id: havre_domain::ids::OrganizationId,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<CareReport, StoreError> {
        use crate::entity::{hosting, training_given, training_participant};
        use havre_domain::care::{
            HostingFacts, HostingKind, TrainingFacts, appointments_per_pathway,
        };
        let zone = self.organization(organization_id).await?.time_zone;
        let (from, to) = zone.day_span(first, last).ok_or(StoreError::NotFound)?;
        let (facts, came_before) = self
            .appointment_facts(organization_id, zone, from, to)
            .await?;
        let figures = havre_domain::care::figures(&facts, &came_before, first, last);
        let (pathways, enrolments, completions) = self.pathway_facts(organization_id).await?;
        let pathway_facts = havre_domain::pathways::Facts {
            pathways: &pathways,
            enrolments: &enrolments,
            completions: &completions,
        };
        let per_pathway = appointments_per_pathway(&facts, first, last);
        let pathway_figures =
            havre_domain::pathways::figures(pathway_facts, &per_pathway, first, last);
        let agreements = crate::entity::agreement::Entity::find()
            .filter(crate::entity::agreement::Column::OrganizationId.eq(organization_id))
            .order_by_asc(crate::entity::agreement::Column::SignedOn)
            .all(self.db())
            .await?
            .into_iter()
            .map(crate::pathways::Agreement::from)
            .map(|agreement| {
                let values = havre_domain::pathways::agreement_figures(
                    agreement.id,
                    &agreement.figures,
                    pathway_facts,
                    &pathway_figures,
                    first,
                    last,
                );
                AgreementReport {
                    figures: values
                        .into_iter()
                        .map(|(figure, value)| AgreementValue { figure, value })
                        .collect(),
                    agreement,
                }
            })
            .collect();
        let trainings = training_given::Entity::find()
            .filter(training_given::Column::OrganizationId.eq(organization_id))
            .filter(training_given::Column::HeldAt.gte(from))
            .filter(training_given::Column::HeldAt.lt(to))
            .all(self.db())
            .await?;
        let mut participants: HashMap<uuid::Uuid, Vec<(ListValueId, i64)>> = HashMap::new();
        for p in training_participant::Entity::find()
            .filter(training_participant::Column::OrganizationId.eq(organization_id))
            .all(self.db())
            .await?
        {
            participants
                .entry(p.training_id)
                .or_default()
                .push((p.profession_id.into(), p.participants.into()));
        }
        let training_facts: Vec<TrainingFacts> = trainings
            .into_iter()
            .map(|t| TrainingFacts {
                module: t.module.unwrap_or(t.title),
                participants: t.participants.into(),
                minutes: t.minutes.into(),
                professions: participants.remove(&t.id).unwrap_or_default(),
            })
            .collect();
        let hosting_facts: Vec<HostingFacts> = hosting::Entity::find()
            .filter(hosting::Column::OrganizationId.eq(organization_id))
            .filter(hosting::Column::StartsOn.lte(last))
            .filter(hosting::Column::EndsOn.gte(first))
            .all(self.db())
            .await?
            .into_iter()
            .map(|h| HostingFacts {
                kind: HostingKind::parse(&h.kind).unwrap_or(HostingKind::Observer),
                school: h.school,
                starts_on: h.starts_on,
                ends_on: h.ends_on,
            })
            .collect();
        Ok(CareReport {
            figures,
            pathways: pathway_figures,
            agreements,
            trainings: havre_domain::care::training_figures(&training_facts),
            hosting: havre_domain::care::hosting_figures(&hosting_facts, first, last),
        })
    }
}
