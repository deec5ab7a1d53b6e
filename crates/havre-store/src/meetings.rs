//! Recording a meeting (docs/domain.md §2.4-2.12): on the open episode of a file, with the staff
//! present, the place and the time around it, checked against the organization's limits.
//! The first meeting held with her takes her request off the wait list.

use crate::audit::{Action, Event};
use crate::entity::{help_request, list_value, meeting, meeting_staff, relative, user};
use crate::files::field;
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::ids::{EpisodeId, ListValueId, MeetingId, PersonId, RelativeId, UserId};
use havre_domain::lists::ListKind;
use havre_domain::meetings::{LimitCheck, MeetingKind, MeetingTime, PlaceKind, check_limit};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;
use uuid::Uuid;

#[derive(Clone, Debug)]
pub struct NewMeeting {
    pub kind: MeetingKind,
    pub held_at: DateTime<Utc>,
    pub place: PlaceKind,
    /// The partner premises, for a meeting there.
    pub place_id: Option<ListValueId>,
    pub time: MeetingTime,
    pub staff: Vec<UserId>,
    /// The relative met, for support to relatives.
    pub relative_id: Option<RelativeId>,
    /// Why the meeting goes past the limit, when it does.
    pub over_limit_reason: Option<String>,
    /// At a first meeting: the service declaration and the complaint process were handed to
    /// her; their current versions are recorded (docs/privacy.md).
    pub texts_given: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct RecordedMeeting {
    pub id: MeetingId,
    /// What the limit said of this meeting: the page warns at the last one.
    pub limit: LimitCheck,
}

impl Store {
    /// What the limit says of the next meeting of a kind on a file (for the form's warning).
    pub async fn next_meeting_limit(
        &self,
        reader: &Reader,
        person_id: PersonId,
        kind: MeetingKind,
        relative_id: Option<RelativeId>,
    ) -> Result<LimitCheck, StoreError> {
        self.file_record_access(
            self.db(),
            reader,
            person_id,
            havre_domain::policy::Action::Read,
            havre_domain::policy::RecordKind::Meeting,
            havre_domain::care::NoteScope::Team,
        )
        .await?;
        let Some(episode) = self
            .open_episode(self.db(), reader, person_id, false)
            .await?
        else {
            return Ok(LimitCheck::Within);
        };
        let limits = self.meeting_limits(reader).await?;
        let already = self
            .meetings_of_kind(self.db(), episode.id.into(), kind, relative_id)
            .await?;
        Ok(check_limit(&limits, kind, already))
    }

    async fn open_episode<C: sea_orm::ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        person_id: PersonId,
        lock: bool,
    ) -> Result<Option<help_request::Model>, StoreError> {
        let mut query = help_request::Entity::find()
            .filter(help_request::Column::OrganizationId.eq(reader.organization_id))
            .filter(help_request::Column::PersonId.eq(person_id))
            .filter(help_request::Column::Status.ne("closed"))
            .order_by_desc(help_request::Column::Sequence);
        // Two meetings recorded at once must not both pass the limit: on PostgreSQL the
        // episode is locked; SQLite's write transaction is already exclusive.
        if lock && self.backend() == DbBackend::Postgres {
            query = query.lock_exclusive();
        }
        Ok(query.one(conn).await?)
    }

    async fn meetings_of_kind<C: sea_orm::ConnectionTrait>(
        &self,
        conn: &C,
        episode_id: EpisodeId,
        kind: MeetingKind,
        relative_id: Option<RelativeId>,
    ) -> Result<u32, StoreError> {
        let mut query = meeting::Entity::find().filter(meeting::Column::Kind.eq(kind.key()));
        // Support to relatives is limited per relative, across episodes.
        query = match (kind.with_relative(), relative_id) {
            (true, Some(r)) => query.filter(meeting::Column::RelativeId.eq(r)),
            _ => query.filter(meeting::Column::HelpRequestId.eq(episode_id)),
        };
        Ok(query.count(conn).await? as u32)
    }

    /// Records a meeting on the open episode of a file. Every problem is reported at its
    /// field and nothing is written; past a limit, a reason is required.
    pub async fn record_meeting(
        &self,
        reader: &Reader,
        person_id: PersonId,
        new: NewMeeting,
    ) -> Result<RecordedMeeting, StoreError> {
        self.write(&reader.actor, async |txn| {
            self.file_record_access(
                txn,
                reader,
                person_id,
                havre_domain::policy::Action::Create,
                havre_domain::policy::RecordKind::Meeting,
                havre_domain::care::NoteScope::Team,
            )
            .await?;
            let now = self.now();
            let mut problems = Vec::new();
            let mut problem = |field: &'static str, message_key: &'static str| {
                problems.push(FieldError { field, message_key })
            };
            let episode = self.open_episode(txn, reader, person_id, true).await?;
            let Some(episode) = episode else {
                return Err(StoreError::invalid("kind", "episode-not-open"));
            };
            if new.held_at < episode.received_at {
                problem("date", "meeting-before-request");
            } else if self.is_to_come(new.held_at) {
                // A meeting to come is booked (the wait list's first meeting), not recorded.
                problem("date", "meeting-in-future");
            }
            for (f, key) in new.time.problems() {
                problem(f, key);
            }
            let place_id = match new.place {
                PlaceKind::PartnerPremises => {
                    let known = match new.place_id {
                        Some(id) => list_value::Entity::find_by_id(id)
                            .filter(list_value::Column::OrganizationId.eq(reader.organization_id))
                            .filter(list_value::Column::List.eq(ListKind::Place.key()))
                            .filter(list_value::Column::RetiredAt.is_null())
                            .one(txn)
                            .await?
                            .is_some(),
                        None => false,
                    };
                    if !known {
                        problem("place_id", "value-not-in-list");
                    }
                    new.place_id
                }
                _ => None,
            };
            let mut staff = new.staff.clone();
            staff.sort();
            staff.dedup();
            if staff.is_empty() {
                problem("staff", "value-required");
            } else {
                // Present at a meeting with her: members of the team who read files, no one else.
                let found = user::Entity::find()
                    .filter(user::Column::OrganizationId.eq(reader.organization_id))
                    .filter(user::Column::Active.eq(true))
                    .filter(user::Column::Id.is_in(staff.clone()))
                    .all(txn)
                    .await?
                    .into_iter()
                    .filter(|u| {
                        havre_domain::policy::Roles::parse_stored(&u.roles)
                            .is_ok_and(|r| havre_domain::policy::may_be_given_files(&r))
                    })
                    .count();
                if found != staff.len() {
                    problem("staff", "value-not-in-list");
                }
            }
            let relative_id = if new.kind.with_relative() {
                let known = match new.relative_id {
                    Some(id) => relative::Entity::find_by_id(id)
                        .filter(relative::Column::OrganizationId.eq(reader.organization_id))
                        .filter(relative::Column::PersonId.eq(person_id))
                        .one(txn)
                        .await?
                        .is_some(),
                    None => false,
                };
                if !known {
                    problem("relative_id", "value-not-in-list");
                }
                new.relative_id
            } else {
                None
            };
            let limits = self.meeting_limits(reader).await?;
            let already = self
                .meetings_of_kind(txn, episode.id.into(), new.kind, relative_id)
                .await?;
            let limit = check_limit(&limits, new.kind, already);
            let reason = new
                .over_limit_reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty());
            if matches!(limit, LimitCheck::Beyond { .. }) {
                match reason {
                    None => problem("over_limit_reason", "limit-reason-required"),
                    Some(r) if r.chars().count() > 2000 => {
                        problem("over_limit_reason", "field-too-long")
                    }
                    Some(_) => {}
                }
            }
            let texts_given = if new.texts_given {
                let given = self.texts_given_now(txn, reader.organization_id).await?;
                if given.is_none() {
                    problem("texts_given", "texts-not-published");
                }
                given
            } else {
                None
            };
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let id = Uuid::new_v4();
            meeting::ActiveModel {
                id: Set(id),
                organization_id: Set(reader.organization_id.into()),
                person_id: Set(person_id.into()),
                help_request_id: Set(episode.id),
                relative_id: Set(relative_id.map(Into::into)),
                kind: Set(new.kind.key().to_owned()),
                held_at: Set(new.held_at),
                place_kind: Set(new.place.key().to_owned()),
                place_id: Set(place_id.map(Into::into)),
                duration_minutes: Set(new.time.duration),
                preparation_minutes: Set(new.time.preparation),
                debrief_minutes: Set(new.time.debrief),
                travel_minutes: Set(new.time.travel),
                over_limit_reason_sealed: Set(reason
                    .filter(|_| matches!(limit, LimitCheck::Beyond { .. }))
                    .map(|r| {
                        self.keys()
                            .seal(field("meetings", "over_limit_reason", &id.to_string()), r)
                    })),
                texts_given: Set(texts_given),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            meeting_staff::Entity::insert_many(staff.iter().map(|user_id| {
                meeting_staff::ActiveModel {
                    meeting_id: Set(id),
                    user_id: Set((*user_id).into()),
                    organization_id: Set(reader.organization_id.into()),
                }
            }))
            .exec_without_returning(txn)
            .await?;
            // Her first meeting takes the request off the wait list: services have begun.
            if episode.status == "waiting" && !new.kind.with_relative() {
                let mut model: help_request::ActiveModel = episode.clone().into();
                model.status = Set("in_service".to_owned());
                model.services_started_at = Set(Some(new.held_at));
                model.update(txn).await?;
            }
            Ok((
                RecordedMeeting {
                    id: id.into(),
                    limit,
                },
                Event::new(Action::MeetingRecorded)
                    .target("person", person_id)
                    .detail(serde_json::json!({
                        "meeting": id,
                        "kind": new.kind.key(),
                        "beyond_limit": matches!(limit, LimitCheck::Beyond { .. }),
                    })),
            ))
        })
        .await
    }

    /// Takes back a meeting noted in error (a wrong date, an hour typed for a minute): the one
    /// who noted it, or the coordinator, may. The removal is audited; if the episode is left
    /// without any meeting with her, its services had not begun after all.
    pub async fn remove_meeting(
        &self,
        reader: &Reader,
        person_id: PersonId,
        meeting_id: MeetingId,
    ) -> Result<(), StoreError> {
        self.write(&reader.actor, async |txn| {
            let access = self.file_access(txn, reader, person_id).await?;
            let m = meeting::Entity::find_by_id(meeting_id)
                .filter(meeting::Column::OrganizationId.eq(reader.organization_id))
                .filter(meeting::Column::PersonId.eq(person_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            reader.check(
                havre_domain::policy::Action::TakeBack,
                &access
                    .record(havre_domain::policy::RecordKind::Meeting)
                    .noted_by(m.created_by),
            )?;
            meeting_staff::Entity::delete_many()
                .filter(meeting_staff::Column::MeetingId.eq(meeting_id))
                .exec(txn)
                .await?;
            meeting::Entity::delete_by_id(meeting_id).exec(txn).await?;
            let episode = help_request::Entity::find_by_id(m.help_request_id)
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            if episode.status == "in_service" && m.relative_id.is_none() {
                let first_left: Option<DateTime<Utc>> = meeting::Entity::find()
                    .filter(meeting::Column::HelpRequestId.eq(episode.id))
                    .filter(meeting::Column::RelativeId.is_null())
                    .select_only()
                    .column(meeting::Column::HeldAt)
                    .order_by_asc(meeting::Column::HeldAt)
                    .into_tuple()
                    .one(txn)
                    .await?;
                let in_group = crate::entity::group_member::Entity::find()
                    .filter(crate::entity::group_member::Column::HelpRequestId.eq(episode.id))
                    .count(txn)
                    .await?
                    > 0;
                if !in_group {
                    let mut model: help_request::ActiveModel = episode.into();
                    match first_left {
                        Some(at) => model.services_started_at = Set(Some(at)),
                        None => {
                            model.status = Set("waiting".to_owned());
                            model.services_started_at = Set(None);
                        }
                    }
                    model.update(txn).await?;
                }
            }
            Ok((
                (),
                Event::new(Action::MeetingRemoved)
                    .target("person", person_id)
                    .detail(serde_json::json!({ "meeting": meeting_id, "kind": m.kind })),
            ))
        })
        .await
    }

    /// A member's meetings between two instants (her week on the home page), oldest first.
    pub async fn meetings_of_staff(
        &self,
        reader: &Reader,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<StaffMeeting>, StoreError> {
        let (organization_id, user_id) = (reader.organization_id, reader.user_id);
        use sea_orm::QueryTrait;
        // The meetings she was at, in one question.
        let hers = meeting_staff::Entity::find()
            .filter(meeting_staff::Column::OrganizationId.eq(organization_id))
            .filter(meeting_staff::Column::UserId.eq(user_id))
            .select_only()
            .column(meeting_staff::Column::MeetingId)
            .into_query();
        use crate::entity::person;
        // Each with the row of the person met, still sealed.
        let rows = meeting::Entity::find()
            .filter(meeting::Column::OrganizationId.eq(organization_id))
            .filter(meeting::Column::Id.in_subquery(hers))
            .filter(meeting::Column::HeldAt.gte(from))
            .filter(meeting::Column::HeldAt.lt(to))
            .join(
                sea_orm::JoinType::InnerJoin,
                meeting::Entity::belongs_to(person::Entity)
                    .from(meeting::Column::PersonId)
                    .to(person::Column::Id)
                    .into(),
            )
            .select_also(person::Entity)
            .order_by_asc(meeting::Column::HeldAt)
            .all(self.db())
            .await?;
        // The name of the person met, where she may open the file (a file that is not hers
        // shows no name: the link asks why). Only those names are opened.
        let mut names: std::collections::HashMap<PersonId, String> = Default::default();
        let mut out = Vec::with_capacity(rows.len());
        for (m, p) in rows {
            let Some(kind) = MeetingKind::parse(&m.kind) else {
                continue;
            };
            let person_id = PersonId::from(m.person_id);
            let name = match (names.get(&person_id), p) {
                (Some(name), _) => name.clone(),
                (None, Some(p)) => {
                    let name = if self.may_open_file(reader, person_id).await.is_ok() {
                        self.person_name(&p)?
                    } else {
                        String::new()
                    };
                    names.insert(person_id, name.clone());
                    name
                }
                (None, None) => String::new(),
            };
            out.push(StaffMeeting {
                id: m.id.into(),
                person_id,
                name,
                kind,
                held_at: m.held_at,
                duration: m.duration_minutes,
            });
        }
        Ok(out)
    }
}

/// A meeting in a member's week, with the name of the person met.
#[derive(Clone, Debug, Serialize)]
pub struct StaffMeeting {
    pub id: MeetingId,
    pub person_id: PersonId,
    pub name: String,
    pub kind: MeetingKind,
    pub held_at: DateTime<Utc>,
    pub duration: i32,
}
