//! Closed groups and open drop-ins (docs/domain.md §2.10-2.11). A group's women are named only to
//! its facilitators and the coordinator; the list of groups and the drop-ins name nobody.

use crate::audit::{Action, Event};
use crate::entity::{
    dropin, dropin_staff, group, group_attendance, group_member, group_session,
    group_session_staff, group_staff, help_request, person, user,
};
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::groups::{
    Membership, SessionKind, has_room, settings_problems, women_at_start_and_end,
};
use havre_domain::ids::{
    DropinId, GroupId, GroupMemberId, GroupSessionId, HelpRequestId, OrganizationId, PersonId,
    UserId,
};
use havre_domain::intake::ServiceArea;
use havre_domain::meetings::MeetingTime;
use havre_domain::policy::{self, Record, RecordKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

pub struct NewGroup {
    pub name: String,
    pub service_area: ServiceArea,
    pub capacity: i32,
    pub planned_meetings: i32,
    pub meeting_minutes: i32,
    pub starts_on: DateTime<Utc>,
    pub facilitators: Vec<UserId>,
}

/// The figures of a group, as the seed report's table shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GroupFigures {
    pub women_at_start: usize,
    pub women_at_end: usize,
    pub meetings_held: usize,
    /// Presences summed over the meetings.
    pub attendance_total: usize,
    /// Preparation and debrief of the meetings.
    pub preparation_minutes: i64,
    /// Each meeting's length times the facilitators present.
    pub facilitation_minutes: i64,
    pub information_headcount: i64,
    pub information_preparation_minutes: i64,
    pub information_minutes: i64,
    pub check_in_women: usize,
    pub check_in_minutes: i64,
    /// Everything above: the hours invested in the group.
    pub invested_minutes: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupSummary {
    pub id: GroupId,
    pub name: String,
    pub service_area: String,
    pub capacity: i32,
    pub planned_meetings: i32,
    pub meeting_minutes: i32,
    pub starts_on: DateTime<Utc>,
    /// The end of its period, as the seed report prints "Avril à juin 2023": its last
    /// meeting held (every meeting is recorded once held); none before the first.
    pub ends_on: Option<DateTime<Utc>>,
    pub facilitators: Vec<UserId>,
    /// Women enrolled and not withdrawn.
    pub enrolled: usize,
    pub figures: GroupFigures,
}

#[derive(Clone, Debug, Serialize)]
pub struct Member {
    pub id: GroupMemberId,
    pub person_id: PersonId,
    pub name: String,
    pub enrolled_at: DateTime<Utc>,
    pub left_at: Option<DateTime<Utc>>,
    /// The meetings she came to.
    pub attended: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Session {
    pub id: GroupSessionId,
    pub kind: SessionKind,
    pub held_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub preparation_minutes: i32,
    pub headcount: Option<i32>,
    pub person_id: Option<PersonId>,
    pub staff: Vec<UserId>,
    /// The women present (meetings).
    pub present: Vec<PersonId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupDetail {
    pub summary: GroupSummary,
    pub members: Vec<Member>,
    /// Oldest first.
    pub sessions: Vec<Session>,
}

pub struct NewSession {
    pub kind: SessionKind,
    pub held_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub preparation_minutes: i32,
    pub staff: Vec<UserId>,
    /// The women present, for a meeting.
    pub present: Vec<PersonId>,
    /// How many came, for the information meeting.
    pub headcount: Option<i32>,
    /// The woman met, for a check-in.
    pub person_id: Option<PersonId>,
}

pub struct NewDropin {
    pub service_area: ServiceArea,
    pub theme: String,
    pub held_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub preparation_minutes: i32,
    pub attendance: i32,
    pub staff: Vec<UserId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Dropin {
    pub id: DropinId,
    pub service_area: String,
    pub theme: String,
    pub held_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub preparation_minutes: i32,
    pub attendance: i32,
    pub staff: Vec<UserId>,
}

/// An information meeting comes before the group, but not months before.
const DAYS_BEFORE_START: i64 = 180;

/// Checks that every id is an active account of the organization.
pub(crate) async fn check_staff<C: ConnectionTrait>(
    conn: &C,
    organization_id: OrganizationId,
    staff: &[UserId],
    field_name: &'static str,
    problems: &mut Vec<FieldError>,
) -> Result<(), StoreError> {
    if staff.is_empty() {
        problems.push(FieldError {
            field: field_name,
            message_key: "value-required",
        });
        return Ok(());
    }
    let found = user::Entity::find()
        .filter(user::Column::OrganizationId.eq(organization_id))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Id.is_in(staff.to_vec()))
        .count(conn)
        .await?;
    if found as usize != staff.len() {
        problems.push(FieldError {
            field: field_name,
            message_key: "value-not-in-list",
        });
    }
    Ok(())
}

pub(crate) fn dedup<T: Ord>(mut ids: Vec<T>) -> Vec<T> {
    ids.sort();
    ids.dedup();
    ids
}

impl Store {
    /// Creates a closed group with its facilitators.
    pub async fn create_group(
        &self,
        reader: &Reader,
        new: NewGroup,
    ) -> Result<GroupId, StoreError> {
        reader.check(policy::Action::Create, &Record::new(RecordKind::Group))?;
        self.write(&reader.actor, async |txn| {
            let mut problems: Vec<FieldError> =
                settings_problems(new.capacity, new.planned_meetings, new.meeting_minutes)
                    .into_iter()
                    .map(|(field, message_key)| FieldError { field, message_key })
                    .collect();
            let name = new.name.trim();
            if name.is_empty() || name.chars().count() > 120 || name.chars().any(char::is_control) {
                problems.push(FieldError {
                    field: "name",
                    message_key: "field-required",
                });
            }
            if new.starts_on < crate::earliest_instant()
                || new.starts_on > self.now() + chrono::TimeDelta::days(2 * 365)
            {
                problems.push(FieldError {
                    field: "starts_on",
                    message_key: "date-out-of-range",
                });
            }
            let facilitators = dedup(new.facilitators.into_iter().collect());
            check_staff(
                txn,
                reader.organization_id,
                &facilitators,
                "facilitators",
                &mut problems,
            )
            .await?;
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let id = GroupId::new();
            let now = self.now();
            group::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                name: Set(name.to_owned()),
                service_area: Set(new.service_area.key().to_owned()),
                capacity: Set(new.capacity),
                planned_meetings: Set(new.planned_meetings),
                meeting_minutes: Set(new.meeting_minutes),
                starts_on: Set(new.starts_on),
                closed_at: Set(None),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            group_staff::Entity::insert_many(facilitators.iter().map(|u| {
                group_staff::ActiveModel {
                    group_id: Set(id.into()),
                    user_id: Set((*u).into()),
                    organization_id: Set(reader.organization_id.into()),
                }
            }))
            .exec_without_returning(txn)
            .await?;
            Ok((id, Event::new(Action::GroupCreated).target("group", id)))
        })
        .await
    }

    /// The group if it is the organization's (NotFound otherwise), and whether the reader may
    /// see its women: the coordinator and its facilitators may.
    async fn group_for<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        id: GroupId,
        lock: bool,
    ) -> Result<group::Model, StoreError> {
        let mut query = group::Entity::find_by_id(id)
            .filter(group::Column::OrganizationId.eq(reader.organization_id));
        // Inside a write, two enrolments at once must not both take the last place: on
        // PostgreSQL the group's row is locked; SQLite's write transaction is exclusive.
        if lock && self.backend() == sea_orm::DbBackend::Postgres {
            query = query.lock_exclusive();
        }
        let g = query.one(conn).await?.ok_or(StoreError::NotFound)?;
        let group = Record::new(RecordKind::Group);
        if policy::may(reader.policy_actor(), policy::Action::Read, &group) {
            return Ok(g);
        }
        let facilitator = group_staff::Entity::find_by_id((id.uuid(), reader.user_id.uuid()))
            .one(conn)
            .await?
            .is_some();
        reader.check(policy::Action::Read, &group.in_her_charge(facilitator))?;
        Ok(g)
    }

    /// Every group of the organization with its figures; nobody is named.
    pub async fn groups(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Vec<GroupSummary>, StoreError> {
        let mut out = Vec::new();
        for g in group::Entity::find()
            .filter(group::Column::OrganizationId.eq(organization_id))
            .order_by_desc(group::Column::StartsOn)
            .all(self.db())
            .await?
        {
            let (summary, _, _) = self.group_parts(g).await?;
            out.push(summary);
        }
        Ok(out)
    }

    /// The groups that met in a span `[from, to)`, each with the figures of its sessions in
    /// that span only: a group that runs from March to June counts its March meetings in one
    /// reporting year and the others in the next, and its women at the start and at the end
    /// are those of its first and last meetings in the span.
    pub async fn groups_between(
        &self,
        organization_id: OrganizationId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<GroupSummary>, StoreError> {
        let active: Vec<Uuid> = group_session::Entity::find()
            .filter(group_session::Column::OrganizationId.eq(organization_id))
            .filter(group_session::Column::HeldAt.gte(from))
            .filter(group_session::Column::HeldAt.lt(to))
            .select_only()
            .column(group_session::Column::GroupId)
            .distinct()
            .into_tuple()
            .all(self.db())
            .await?;
        let mut out = Vec::new();
        for g in group::Entity::find()
            .filter(group::Column::OrganizationId.eq(organization_id))
            .filter(group::Column::Id.is_in(active))
            .order_by_asc(group::Column::StartsOn)
            .all(self.db())
            .await?
        {
            let (mut summary, members, sessions) = self.group_parts(g).await?;
            let within: Vec<Session> = sessions
                .into_iter()
                .filter(|s| s.held_at >= from && s.held_at < to)
                .collect();
            summary.figures = figures(&members, &within);
            out.push(summary);
        }
        Ok(out)
    }

    async fn group_parts(
        &self,
        g: group::Model,
    ) -> Result<(GroupSummary, Vec<group_member::Model>, Vec<Session>), StoreError> {
        let db = self.db();
        let facilitators = group_staff::Entity::find()
            .filter(group_staff::Column::GroupId.eq(g.id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| s.user_id.into())
            .collect();
        let members = group_member::Entity::find()
            .filter(group_member::Column::GroupId.eq(g.id))
            .order_by_asc(group_member::Column::EnrolledAt)
            .all(db)
            .await?;
        let rows = group_session::Entity::find()
            .filter(group_session::Column::GroupId.eq(g.id))
            .order_by_asc(group_session::Column::HeldAt)
            .all(db)
            .await?;
        let ids: Vec<Uuid> = rows.iter().map(|s| s.id).collect();
        let mut staff: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        let mut present: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        if !ids.is_empty() {
            for s in group_session_staff::Entity::find()
                .filter(group_session_staff::Column::SessionId.is_in(ids.clone()))
                .all(db)
                .await?
            {
                staff.entry(s.session_id).or_default().push(s.user_id);
            }
            for a in group_attendance::Entity::find()
                .filter(group_attendance::Column::SessionId.is_in(ids))
                .all(db)
                .await?
            {
                present.entry(a.session_id).or_default().push(a.person_id);
            }
        }
        let sessions: Vec<Session> = rows
            .into_iter()
            .filter_map(|s| {
                Some(Session {
                    kind: SessionKind::parse(&s.kind)?,
                    staff: staff
                        .remove(&s.id)
                        .unwrap_or_default()
                        .into_iter()
                        .map(Into::into)
                        .collect(),
                    present: present
                        .remove(&s.id)
                        .unwrap_or_default()
                        .into_iter()
                        .map(Into::into)
                        .collect(),
                    id: s.id.into(),
                    held_at: s.held_at,
                    duration_minutes: s.duration_minutes,
                    preparation_minutes: s.preparation_minutes,
                    headcount: s.headcount,
                    person_id: s.person_id.map(Into::into),
                })
            })
            .collect();
        let figures = figures(&members, &sessions);
        let summary = GroupSummary {
            id: g.id.into(),
            name: g.name,
            service_area: g.service_area,
            capacity: g.capacity,
            planned_meetings: g.planned_meetings,
            meeting_minutes: g.meeting_minutes,
            starts_on: g.starts_on,
            ends_on: sessions
                .iter()
                .filter(|s| s.kind == SessionKind::Meeting)
                .map(|s| s.held_at)
                .max(),
            facilitators,
            enrolled: members.iter().filter(|m| m.left_at.is_none()).count(),
            figures,
        };
        Ok((summary, members, sessions))
    }

    /// A group with its women, for its facilitators and the coordinator. The read is audited.
    pub async fn group_detail(
        &self,
        reader: &Reader,
        id: GroupId,
    ) -> Result<GroupDetail, StoreError> {
        let g = self.group_for(self.db(), reader, id, false).await?;
        let (summary, members, sessions) = self.group_parts(g).await?;
        let mut out = Vec::with_capacity(members.len());
        for m in members {
            let p = person::Entity::find_by_id(m.person_id)
                .one(self.db())
                .await?
                .ok_or(StoreError::NotFound)?;
            out.push(Member {
                id: m.id.into(),
                person_id: m.person_id.into(),
                name: self.person_name(&p)?,
                enrolled_at: m.enrolled_at,
                left_at: m.left_at,
                attended: sessions
                    .iter()
                    .filter(|s| {
                        s.kind == SessionKind::Meeting
                            && s.present.contains(&PersonId::from(m.person_id))
                    })
                    .count(),
            });
        }
        // In order of enrolment, then of name: the same order on every page and engine.
        out.sort_by(|a, b| {
            (a.enrolled_at, a.name.to_lowercase()).cmp(&(b.enrolled_at, b.name.to_lowercase()))
        });
        self.audit(
            &reader.actor,
            Event::new(Action::GroupRead).target("group", id),
        )
        .await?;
        Ok(GroupDetail {
            summary,
            members: out,
            sessions,
        })
    }

    /// Enrols a woman from her request (usually from the wait list). A full group, a request
    /// of another organization or a woman already in it are refused; a waiting request leaves
    /// the wait list, her services having begun.
    pub async fn enrol(
        &self,
        reader: &Reader,
        group_id: GroupId,
        help_request_id: HelpRequestId,
        enrolled_at: Option<DateTime<Utc>>,
    ) -> Result<GroupMemberId, StoreError> {
        self.write(&reader.actor, async |txn| {
            let g = self.group_for(txn, reader, group_id, true).await?;
            let request = help_request::Entity::find_by_id(help_request_id)
                .filter(help_request::Column::OrganizationId.eq(reader.organization_id))
                .filter(help_request::Column::Status.ne("closed"))
                .one(txn)
                .await?
                .ok_or_else(|| StoreError::invalid("help_request_id", "value-not-in-list"))?;
            let members = group_member::Entity::find()
                .filter(group_member::Column::GroupId.eq(group_id))
                .all(txn)
                .await?;
            if members.iter().any(|m| m.person_id == request.person_id) {
                return Err(StoreError::invalid("help_request_id", "already-enrolled"));
            }
            let active = members.iter().filter(|m| m.left_at.is_none()).count() as i32;
            if !has_room(g.capacity, active) {
                return Err(StoreError::invalid("help_request_id", "group-full"));
            }
            let now = self.now();
            // Enrolment may be noted after the fact, never before her request nor in the future.
            let enrolled_at = enrolled_at.unwrap_or(now);
            if enrolled_at > now || enrolled_at < request.received_at {
                return Err(StoreError::invalid("enrolled_at", "enrolment-date-invalid"));
            }
            let id = GroupMemberId::new();
            group_member::ActiveModel {
                id: Set(id.into()),
                group_id: Set(group_id.into()),
                organization_id: Set(reader.organization_id.into()),
                person_id: Set(request.person_id),
                help_request_id: Set(Some(request.id)),
                enrolled_at: Set(enrolled_at),
                left_at: Set(None),
            }
            .insert(txn)
            .await?;
            if request.status == "waiting" {
                let mut model: help_request::ActiveModel = request.into();
                model.status = Set("in_service".to_owned());
                model.services_started_at = Set(Some(enrolled_at.max(g.starts_on)));
                model.update(txn).await?;
            }
            Ok((
                id,
                Event::new(Action::GroupEnrolment)
                    .target("group", group_id)
                    .detail(serde_json::json!({ "member": id })),
            ))
        })
        .await
    }

    /// Records that a woman left the group: her place is free again.
    pub async fn withdraw(
        &self,
        reader: &Reader,
        group_id: GroupId,
        member_id: GroupMemberId,
    ) -> Result<(), StoreError> {
        self.write(&reader.actor, async |txn| {
            self.group_for(txn, reader, group_id, true).await?;
            let member = group_member::Entity::find_by_id(member_id)
                .filter(group_member::Column::GroupId.eq(group_id))
                .filter(group_member::Column::OrganizationId.eq(reader.organization_id))
                .filter(group_member::Column::LeftAt.is_null())
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let now = self.now();
            let (person_id, request_id) = (member.person_id, member.help_request_id);
            let mut model: group_member::ActiveModel = member.into();
            model.left_at = Set(Some(now));
            model.update(txn).await?;
            // Enrolment took her off the wait list; if she leaves before any service (no group
            // meeting attended, no meeting, no other group), her request waits again.
            if let Some(request) = request_id {
                self.back_to_wait_list_if_unserved(txn, group_id, person_id.into(), request.into())
                    .await?;
            }
            Ok((
                (),
                Event::new(Action::GroupWithdrawal)
                    .target("group", group_id)
                    .detail(serde_json::json!({ "member": member_id })),
            ))
        })
        .await
    }

    async fn back_to_wait_list_if_unserved<C: ConnectionTrait>(
        &self,
        conn: &C,
        group_id: GroupId,
        person_id: PersonId,
        request_id: HelpRequestId,
    ) -> Result<(), StoreError> {
        let Some(request) = help_request::Entity::find_by_id(request_id)
            .filter(help_request::Column::Status.eq("in_service"))
            .one(conn)
            .await?
        else {
            return Ok(());
        };
        let meetings = crate::entity::meeting::Entity::find()
            .filter(crate::entity::meeting::Column::HelpRequestId.eq(request_id))
            .count(conn)
            .await?;
        let sessions: Vec<GroupSessionId> = group_session::Entity::find()
            .filter(group_session::Column::GroupId.eq(group_id))
            .select_only()
            .column(group_session::Column::Id)
            .into_tuple()
            .all(conn)
            .await?;
        let attended = if sessions.is_empty() {
            0
        } else {
            group_attendance::Entity::find()
                .filter(group_attendance::Column::PersonId.eq(person_id))
                .filter(group_attendance::Column::SessionId.is_in(sessions))
                .count(conn)
                .await?
        };
        let other_groups = group_member::Entity::find()
            .filter(group_member::Column::HelpRequestId.eq(request_id))
            .filter(group_member::Column::LeftAt.is_null())
            .count(conn)
            .await?;
        if meetings == 0 && attended == 0 && other_groups == 0 {
            let mut model: help_request::ActiveModel = request.into();
            model.status = Set("waiting".to_owned());
            model.services_started_at = Set(None);
            model.update(conn).await?;
        }
        Ok(())
    }

    /// Records a session of a group: its time, its facilitators, and who came.
    pub async fn record_group_session(
        &self,
        reader: &Reader,
        group_id: GroupId,
        new: NewSession,
    ) -> Result<GroupSessionId, StoreError> {
        self.write(&reader.actor, async |txn| {
            let g = self.group_for(txn, reader, group_id, true).await?;
            let now = self.now();
            let mut problems = Vec::new();
            if new.held_at < g.starts_on - chrono::TimeDelta::days(DAYS_BEFORE_START) {
                problems.push(FieldError {
                    field: "date",
                    message_key: "date-out-of-range",
                });
            }
            let time = MeetingTime {
                duration: new.duration_minutes,
                preparation: new.preparation_minutes,
                debrief: 0,
                travel: 0,
            };
            for (f, key) in time.problems() {
                problems.push(FieldError {
                    field: f,
                    message_key: key,
                });
            }
            if self.is_to_come(new.held_at) {
                problems.push(FieldError {
                    field: "date",
                    message_key: "held-in-future",
                });
            }
            let staff = dedup(new.staff);
            check_staff(txn, reader.organization_id, &staff, "staff", &mut problems).await?;
            let members = group_member::Entity::find()
                .filter(group_member::Column::GroupId.eq(group_id))
                .all(txn)
                .await?;
            // A woman counts at a session if she was enrolled by then and had not left.
            let member_then = |person: PersonId| {
                members.iter().any(|m| {
                    m.person_id == person
                        && m.enrolled_at <= new.held_at
                        && m.left_at.is_none_or(|left| left > new.held_at)
                })
            };
            let present = dedup(new.present);
            let (headcount, person_id, present) = match new.kind {
                SessionKind::Information => {
                    match new.headcount {
                        Some(n) if (0..=200).contains(&n) => {}
                        _ => problems.push(FieldError {
                            field: "headcount",
                            message_key: "count-out-of-range",
                        }),
                    }
                    (new.headcount, None, Vec::new())
                }
                SessionKind::Meeting => {
                    if present.iter().any(|p| !member_then(*p)) {
                        problems.push(FieldError {
                            field: "present",
                            message_key: "not-a-member",
                        });
                    }
                    (None, None, present)
                }
                SessionKind::CheckIn => {
                    if !new.person_id.is_some_and(member_then) {
                        problems.push(FieldError {
                            field: "person_id",
                            message_key: "not-a-member",
                        });
                    }
                    (None, new.person_id, Vec::new())
                }
            };
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let id = GroupSessionId::new();
            group_session::ActiveModel {
                id: Set(id.into()),
                group_id: Set(group_id.into()),
                organization_id: Set(reader.organization_id.into()),
                kind: Set(new.kind.key().to_owned()),
                held_at: Set(new.held_at),
                duration_minutes: Set(new.duration_minutes),
                preparation_minutes: Set(new.preparation_minutes),
                headcount: Set(headcount),
                person_id: Set(person_id.map(Into::into)),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            group_session_staff::Entity::insert_many(staff.iter().map(|u| {
                group_session_staff::ActiveModel {
                    session_id: Set(id.into()),
                    user_id: Set((*u).into()),
                    organization_id: Set(reader.organization_id.into()),
                }
            }))
            .exec_without_returning(txn)
            .await?;
            if !present.is_empty() {
                group_attendance::Entity::insert_many(present.iter().map(|p| {
                    group_attendance::ActiveModel {
                        session_id: Set(id.into()),
                        person_id: Set((*p).into()),
                        organization_id: Set(reader.organization_id.into()),
                    }
                }))
                .exec_without_returning(txn)
                .await?;
            }
            Ok((
                id,
                Event::new(Action::GroupSessionRecorded)
                    .target("group", group_id)
                    .detail(serde_json::json!({ "session": id, "kind": new.kind.key() })),
            ))
        })
        .await
    }

    /// Records a drop-in: a theme, a date, how many came.
    pub async fn record_dropin(
        &self,
        reader: &Reader,
        new: NewDropin,
    ) -> Result<DropinId, StoreError> {
        reader.check(policy::Action::Create, &Record::new(RecordKind::DropIn))?;
        self.write(&reader.actor, async |txn| {
            let now = self.now();
            let mut problems = Vec::new();
            let theme = new.theme.trim();
            if theme.is_empty()
                || theme.chars().count() > 200
                || theme.chars().any(char::is_control)
            {
                problems.push(FieldError {
                    field: "theme",
                    message_key: "field-required",
                });
            }
            let time = MeetingTime {
                duration: new.duration_minutes,
                preparation: new.preparation_minutes,
                debrief: 0,
                travel: 0,
            };
            for (f, key) in time.problems() {
                problems.push(FieldError {
                    field: f,
                    message_key: key,
                });
            }
            if !(0..=200).contains(&new.attendance) {
                problems.push(FieldError {
                    field: "attendance",
                    message_key: "count-out-of-range",
                });
            }
            if self.is_to_come(new.held_at) {
                problems.push(FieldError {
                    field: "date",
                    message_key: "held-in-future",
                });
            } else if new.held_at < crate::earliest_instant() {
                problems.push(FieldError {
                    field: "date",
                    message_key: "date-out-of-range",
                });
            }
            let staff = dedup(new.staff);
            check_staff(txn, reader.organization_id, &staff, "staff", &mut problems).await?;
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let id = DropinId::new();
            dropin::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                service_area: Set(new.service_area.key().to_owned()),
                theme: Set(theme.to_owned()),
                held_at: Set(new.held_at),
                duration_minutes: Set(new.duration_minutes),
                preparation_minutes: Set(new.preparation_minutes),
                attendance: Set(new.attendance),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            dropin_staff::Entity::insert_many(staff.iter().map(|u| dropin_staff::ActiveModel {
                dropin_id: Set(id.into()),
                user_id: Set((*u).into()),
                organization_id: Set(reader.organization_id.into()),
            }))
            .exec_without_returning(txn)
            .await?;
            Ok((id, Event::new(Action::DropinRecorded).target("dropin", id)))
        })
        .await
    }

    /// The drop-ins of the organization, newest first.
    pub async fn dropins(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Vec<Dropin>, StoreError> {
        let rows = dropin::Entity::find()
            .filter(dropin::Column::OrganizationId.eq(organization_id))
            .order_by_desc(dropin::Column::HeldAt)
            .all(self.db())
            .await?;
        let mut staff: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        if !rows.is_empty() {
            for s in dropin_staff::Entity::find()
                .filter(dropin_staff::Column::OrganizationId.eq(organization_id))
                .filter(
                    dropin_staff::Column::DropinId
                        .is_in(rows.iter().map(|r| r.id).collect::<Vec<_>>()),
                )
                .all(self.db())
                .await?
            {
                staff.entry(s.dropin_id).or_default().push(s.user_id);
            }
        }
        Ok(rows
            .into_iter()
            .map(|d| Dropin {
                staff: staff
                    .remove(&d.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(Into::into)
                    .collect(),
                id: d.id.into(),
                service_area: d.service_area,
                theme: d.theme,
                held_at: d.held_at,
                duration_minutes: d.duration_minutes,
                preparation_minutes: d.preparation_minutes,
                attendance: d.attendance,
            })
            .collect())
    }
}

/// The group table's figures from its members and sessions.
fn figures(members: &[group_member::Model], sessions: &[Session]) -> GroupFigures {
    let meetings: Vec<&Session> = sessions
        .iter()
        .filter(|s| s.kind == SessionKind::Meeting)
        .collect();
    let memberships: Vec<Membership<DateTime<Utc>>> = members
        .iter()
        .map(|m| Membership {
            enrolled: m.enrolled_at,
            left: m.left_at,
        })
        .collect();
    let (women_at_start, women_at_end) = women_at_start_and_end(
        &memberships,
        meetings.first().map(|s| s.held_at),
        meetings.last().map(|s| s.held_at),
    );
    let staffed = |s: &Session| s.duration_minutes as i64 * s.staff.len() as i64;
    let mut f = GroupFigures {
        women_at_start,
        women_at_end,
        meetings_held: meetings.len(),
        attendance_total: meetings.iter().map(|s| s.present.len()).sum(),
        preparation_minutes: meetings.iter().map(|s| s.preparation_minutes as i64).sum(),
        facilitation_minutes: meetings.iter().map(|s| staffed(s)).sum(),
        ..Default::default()
    };
    let mut checked_in = HashSet::new();
    for s in sessions {
        match s.kind {
            SessionKind::Information => {
                f.information_headcount += s.headcount.unwrap_or(0) as i64;
                f.information_preparation_minutes += s.preparation_minutes as i64;
                f.information_minutes += staffed(s);
            }
            SessionKind::CheckIn => {
                if let Some(p) = s.person_id {
                    checked_in.insert(p);
                }
                f.check_in_minutes += staffed(s) + s.preparation_minutes as i64;
            }
            SessionKind::Meeting => {}
        }
    }
    f.check_in_women = checked_in.len();
    f.invested_minutes = f.preparation_minutes
        + f.facilitation_minutes
        + f.information_preparation_minutes
        + f.information_minutes
        + f.check_in_minutes;
    f
}
