//! Care units (docs/care.md): the day's agenda of appointments, per professional and per room,
//! that the reception follows from "expected" to "gone"; walk-ins added in one step; the next
//! appointments booked from a woman's file. Who sees which appointment is the policy's: the
//! police officer on site sees her own only.

use crate::audit::{Action, Event};
use crate::crypto::FieldRef;
use crate::entity::{appointment, person, user};
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use havre_domain::care::{
    APPOINTMENT_MINUTES, AppointmentStatus, BoardLine, DayCounts, appointment_minutes_problem,
};
use havre_domain::ids::{AppointmentId, ListValueId, PersonId, UserId};
use havre_domain::lists::ListKind;
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::validation::is_valid_name;
use havre_domain::zone::Zone;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use std::collections::HashMap;

/// An appointment as the agenda and the file show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
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
        }
    }
}

/// One line of the day's agenda: the appointment and the name of the woman expected.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AgendaLine {
    #[serde(flatten)]
    pub appointment: Appointment,
    pub person_name: String,
}

/// A day of the agenda, in time order, with the reception's counts.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
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
                let row = p.id.to_string();
                let name = self.keys().open(
                    FieldRef {
                        table: "persons",
                        column: "name",
                        row: &row,
                    },
                    &p.name_sealed,
                )?;
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
                    self.open_bare_file(txn, reader, name, false).await?
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
