//! Governance (docs/domain.md §5; the seed report's "Rencontres de collective", "Assemblée générale
//! annuelle" and "Militantisme"): the organization's members, with their names sealed like
//! every identifying field; its board (collective) meetings and who was present; its annual
//! general meetings. The hours they carry flow into the report on their own (docs/hours.md):
//! the administrator and the coordinator record them, board members read them.

use crate::audit::{Action, Event};
use crate::crypto::FieldRef;
use crate::entity::{annual_meeting, board_meeting, board_meeting_attendance, governance_member};
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use havre_domain::governance::{
    BoardHours, MAX_ATTENDANCE, MAX_MEETING_MINUTES, MAX_WORK_MINUTES, MemberKind, board_hours,
    is_member_on,
};
use havre_domain::ids::{AnnualMeetingId, BoardMeetingId, GovernanceMemberId, OrganizationId};
use havre_domain::policy::{self, Record, RecordKind};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

const MEMBERS: &str = "governance_members";

/// How far ahead a meeting may be recorded: a meeting is recorded once held, but a date typed
/// a little ahead (the minutes written the day before) is not an error worth refusing.
const MAX_DAYS_AHEAD: i64 = 366;

/// A member to add.
#[derive(Clone, Debug)]
pub struct NewMember {
    pub name: String,
    pub kind: MemberKind,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Member {
    pub id: GovernanceMemberId,
    pub name: String,
    pub kind: MemberKind,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
}

/// A board meeting to record.
#[derive(Clone, Debug)]
pub struct NewBoardMeeting {
    pub held_at: DateTime<Utc>,
    pub length_minutes: i64,
    pub preparation_minutes: i64,
    pub minutes_writing_minutes: i64,
    pub present: Vec<GovernanceMemberId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BoardMeeting {
    pub id: BoardMeetingId,
    pub held_at: DateTime<Utc>,
    pub length_minutes: i64,
    pub preparation_minutes: i64,
    pub minutes_writing_minutes: i64,
    pub present: Vec<GovernanceMemberId>,
    pub hours: BoardHours,
}

/// An annual general meeting to record.
#[derive(Clone, Debug)]
pub struct NewAnnualMeeting {
    pub held_at: DateTime<Utc>,
    pub members_present: i64,
    pub non_members_present: i64,
    pub preparation_minutes: i64,
    pub report_minutes: i64,
    pub presence_minutes: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct AnnualMeeting {
    pub id: AnnualMeetingId,
    pub held_at: DateTime<Utc>,
    pub members_present: i64,
    pub non_members_present: i64,
    pub preparation_minutes: i64,
    pub report_minutes: i64,
    pub presence_minutes: i64,
    pub invested_minutes: i64,
}

/// Governance over a period, for the report: the meetings, the members at its end, the hours.
#[derive(Clone, Debug, Default, Serialize)]
pub struct GovernanceFigures {
    pub board_meetings: i64,
    pub board_internal_minutes: i64,
    pub board_activism_minutes: i64,
    pub annual_meetings: Vec<AnnualMeeting>,
    /// Members on the last day of the period, per kind, in `MemberKind::ALL`'s order.
    pub members: Vec<(MemberKind, i64)>,
}

impl GovernanceFigures {
    pub fn annual_minutes(&self) -> i64 {
        self.annual_meetings
            .iter()
            .map(|a| a.invested_minutes)
            .sum()
    }
}

fn may_record(reader: &Reader) -> Result<(), StoreError> {
    reader.check(policy::Action::Create, &Record::new(RecordKind::Governance))
}

fn may_see(reader: &Reader) -> Result<(), StoreError> {
    reader.check(policy::Action::Read, &Record::new(RecordKind::Governance))
}

fn minutes_in(
    problems: &mut Vec<FieldError>,
    field: &'static str,
    value: i64,
    range: std::ops::RangeInclusive<i64>,
) {
    if !range.contains(&value) {
        problems.push(FieldError {
            field,
            message_key: "governance-minutes-out-of-range",
        });
    }
}

fn held_at_problems(problems: &mut Vec<FieldError>, held_at: DateTime<Utc>, now: DateTime<Utc>) {
    if held_at > now + chrono::TimeDelta::days(MAX_DAYS_AHEAD) {
        problems.push(FieldError {
            field: "date",
            message_key: "date-too-far",
        });
    } else if held_at < crate::earliest_instant() {
        problems.push(FieldError {
            field: "date",
            message_key: "date-out-of-range",
        });
    }
}

fn annual_of(m: annual_meeting::Model) -> AnnualMeeting {
    let invested = i64::from(m.preparation_minutes)
        + i64::from(m.report_minutes)
        + i64::from(m.presence_minutes);
    AnnualMeeting {
        id: m.id.into(),
        held_at: m.held_at,
        members_present: m.members_present.into(),
        non_members_present: m.non_members_present.into(),
        preparation_minutes: m.preparation_minutes.into(),
        report_minutes: m.report_minutes.into(),
        presence_minutes: m.presence_minutes.into(),
        invested_minutes: invested,
    }
}

impl Store {
    /// Adds a member of the organization.
    pub async fn add_member(
        &self,
        reader: &Reader,
        new: NewMember,
    ) -> Result<GovernanceMemberId, StoreError> {
        may_record(reader)?;
        let mut problems = Vec::new();
        let name = new.name.trim();
        if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
            problems.push(FieldError {
                field: "name",
                message_key: "field-required",
            });
        }
        let today = self.today(reader).await?;
        if !crate::day_accepted(new.joined_on, today, 366) {
            problems.push(FieldError {
                field: "joined_on",
                message_key: "date-out-of-range",
            });
        }
        if let Some(left) = new.left_on {
            if !crate::day_accepted(left, today, 366) {
                problems.push(FieldError {
                    field: "left_on",
                    message_key: "date-out-of-range",
                });
            } else if left < new.joined_on {
                problems.push(FieldError {
                    field: "left_on",
                    message_key: "member-left-before-joining",
                });
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let id = GovernanceMemberId::new();
        let row = id.to_string();
        let now = self.now();
        self.write(&reader.actor, async |txn| {
            governance_member::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                name_sealed: Set(self.keys().seal(
                    FieldRef {
                        table: MEMBERS,
                        column: "name",
                        row: &row,
                    },
                    name,
                )),
                kind: Set(new.kind.key().to_owned()),
                joined_on: Set(new.joined_on),
                left_on: Set(new.left_on),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            // The audit names the member by her identifier only: names stay sealed.
            Ok((
                id,
                Event::new(Action::GovernanceChanged)
                    .target("governance_member", id)
                    .detail(serde_json::json!({ "kind": new.kind.key() })),
            ))
        })
        .await
    }

    /// Notes the day a member left (or clears it).
    pub async fn set_member_left(
        &self,
        reader: &Reader,
        id: GovernanceMemberId,
        left_on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        may_record(reader)?;
        let today = self.today(reader).await?;
        self.write(&reader.actor, async |txn| {
            let row = governance_member::Entity::find_by_id(id)
                .filter(governance_member::Column::OrganizationId.eq(reader.organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            if let Some(left) = left_on {
                if !crate::day_accepted(left, today, 366) {
                    return Err(StoreError::invalid("left_on", "date-out-of-range"));
                }
                if left < row.joined_on {
                    return Err(StoreError::invalid("left_on", "member-left-before-joining"));
                }
            }
            let mut model: governance_member::ActiveModel = row.into();
            model.left_on = Set(left_on);
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::GovernanceChanged)
                    .target("governance_member", id)
                    .detail(serde_json::json!({ "left_on": left_on })),
            ))
        })
        .await
    }

    /// The members of the reader's organization, those present first, then by name.
    pub async fn members(&self, reader: &Reader) -> Result<Vec<Member>, StoreError> {
        may_see(reader)?;
        let mut members = self.members_of(reader.organization_id).await?;
        members.sort_by(|a, b| {
            a.left_on
                .is_some()
                .cmp(&b.left_on.is_some())
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        Ok(members)
    }

    async fn members_of(&self, organization_id: OrganizationId) -> Result<Vec<Member>, StoreError> {
        governance_member::Entity::find()
            .filter(governance_member::Column::OrganizationId.eq(organization_id))
            .all(self.db())
            .await?
            .into_iter()
            .map(|m| {
                let row = m.id.to_string();
                Ok(Member {
                    id: m.id.into(),
                    name: self.keys().open(
                        FieldRef {
                            table: MEMBERS,
                            column: "name",
                            row: &row,
                        },
                        &m.name_sealed,
                    )?,
                    kind: MemberKind::parse(&m.kind).unwrap_or(MemberKind::OtherMember),
                    joined_on: m.joined_on,
                    left_on: m.left_on,
                })
            })
            .collect()
    }

    /// Records a board meeting and who was present: members of the organization on its day.
    pub async fn record_board_meeting(
        &self,
        reader: &Reader,
        new: NewBoardMeeting,
    ) -> Result<BoardMeetingId, StoreError> {
        may_record(reader)?;
        let now = self.now();
        let mut problems = Vec::new();
        held_at_problems(&mut problems, new.held_at, now);
        minutes_in(
            &mut problems,
            "length",
            new.length_minutes,
            1..=MAX_MEETING_MINUTES,
        );
        minutes_in(
            &mut problems,
            "preparation",
            new.preparation_minutes,
            0..=MAX_WORK_MINUTES,
        );
        minutes_in(
            &mut problems,
            "minutes_writing",
            new.minutes_writing_minutes,
            0..=MAX_WORK_MINUTES,
        );
        let mut present = new.present.clone();
        present.sort();
        present.dedup();
        let day = self
            .organization(reader.organization_id)
            .await?
            .time_zone
            .day_of(new.held_at);
        let members: HashMap<GovernanceMemberId, governance_member::Model> =
            governance_member::Entity::find()
                .filter(governance_member::Column::OrganizationId.eq(reader.organization_id))
                .all(self.db())
                .await?
                .into_iter()
                .map(|m| (m.id.into(), m))
                .collect();
        if present.is_empty() {
            problems.push(FieldError {
                field: "present",
                message_key: "field-required",
            });
        } else if present.iter().any(|id| {
            members
                .get(id)
                .is_none_or(|m| !is_member_on(m.joined_on, m.left_on, day))
        }) {
            // Someone of another organization, or not a member that day.
            problems.push(FieldError {
                field: "present",
                message_key: "member-not-on-that-day",
            });
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let id = BoardMeetingId::new();
        self.write(&reader.actor, async |txn| {
            board_meeting::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                held_at: Set(new.held_at),
                length_minutes: Set(new.length_minutes as i32),
                preparation_minutes: Set(new.preparation_minutes as i32),
                minutes_writing_minutes: Set(new.minutes_writing_minutes as i32),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            board_meeting_attendance::Entity::insert_many(present.iter().map(|m| {
                board_meeting_attendance::ActiveModel {
                    board_meeting_id: Set(id.into()),
                    member_id: Set((*m).into()),
                    organization_id: Set(reader.organization_id.into()),
                }
            }))
            .exec_without_returning(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::GovernanceChanged)
                    .target("board_meeting", id)
                    .detail(serde_json::json!({ "present": present.len() })),
            ))
        })
        .await
    }

    /// The board meetings of the reader's organization, newest first: a centre holds about
    /// twelve a year.
    pub async fn board_meetings(&self, reader: &Reader) -> Result<Vec<BoardMeeting>, StoreError> {
        may_see(reader)?;
        self.board_meetings_of(reader.organization_id, None).await
    }

    /// The board meetings of an organization, all or those of a span of instants.
    async fn board_meetings_of(
        &self,
        organization_id: OrganizationId,
        span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> Result<Vec<BoardMeeting>, StoreError> {
        let mut query = board_meeting::Entity::find()
            .filter(board_meeting::Column::OrganizationId.eq(organization_id));
        if let Some((from, to)) = span {
            query = query
                .filter(board_meeting::Column::HeldAt.gte(from))
                .filter(board_meeting::Column::HeldAt.lt(to));
        }
        let rows = query
            .order_by_desc(board_meeting::Column::HeldAt)
            .all(self.db())
            .await?;
        let kinds: HashMap<Uuid, MemberKind> = governance_member::Entity::find()
            .filter(governance_member::Column::OrganizationId.eq(organization_id))
            .all(self.db())
            .await?
            .into_iter()
            .map(|m| {
                (
                    m.id,
                    MemberKind::parse(&m.kind).unwrap_or(MemberKind::OtherMember),
                )
            })
            .collect();
        let mut present: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for a in board_meeting_attendance::Entity::find()
            .filter(board_meeting_attendance::Column::OrganizationId.eq(organization_id))
            .filter(
                board_meeting_attendance::Column::BoardMeetingId
                    .is_in(rows.iter().map(|r| r.id).collect::<Vec<_>>()),
            )
            .all(self.db())
            .await?
        {
            present
                .entry(a.board_meeting_id)
                .or_default()
                .push(a.member_id);
        }
        Ok(rows
            .into_iter()
            .map(|r| {
                let who = present.remove(&r.id).unwrap_or_default();
                let who_kinds: Vec<MemberKind> =
                    who.iter().filter_map(|m| kinds.get(m).copied()).collect();
                BoardMeeting {
                    id: r.id.into(),
                    held_at: r.held_at,
                    length_minutes: r.length_minutes.into(),
                    preparation_minutes: r.preparation_minutes.into(),
                    minutes_writing_minutes: r.minutes_writing_minutes.into(),
                    hours: board_hours(
                        r.length_minutes.into(),
                        r.preparation_minutes.into(),
                        r.minutes_writing_minutes.into(),
                        &who_kinds,
                    ),
                    present: who.into_iter().map(Into::into).collect(),
                }
            })
            .collect())
    }

    /// Records an annual general meeting.
    pub async fn record_annual_meeting(
        &self,
        reader: &Reader,
        new: NewAnnualMeeting,
    ) -> Result<AnnualMeetingId, StoreError> {
        may_record(reader)?;
        let now = self.now();
        let mut problems = Vec::new();
        held_at_problems(&mut problems, new.held_at, now);
        let attendance = 0..=i64::from(MAX_ATTENDANCE);
        for (field, value) in [
            ("members_present", new.members_present),
            ("non_members_present", new.non_members_present),
        ] {
            if !attendance.contains(&value) {
                problems.push(FieldError {
                    field,
                    message_key: "attendance-out-of-range",
                });
            }
        }
        if new.members_present + new.non_members_present == 0 && problems.is_empty() {
            problems.push(FieldError {
                field: "members_present",
                message_key: "attendance-out-of-range",
            });
        }
        for (field, value) in [
            ("preparation", new.preparation_minutes),
            ("report", new.report_minutes),
            ("presence", new.presence_minutes),
        ] {
            minutes_in(&mut problems, field, value, 0..=MAX_WORK_MINUTES);
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let id = AnnualMeetingId::new();
        self.write(&reader.actor, async |txn| {
            annual_meeting::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                held_at: Set(new.held_at),
                members_present: Set(new.members_present as i32),
                non_members_present: Set(new.non_members_present as i32),
                preparation_minutes: Set(new.preparation_minutes as i32),
                report_minutes: Set(new.report_minutes as i32),
                presence_minutes: Set(new.presence_minutes as i32),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::GovernanceChanged).target("annual_meeting", id),
            ))
        })
        .await
    }

    /// The annual general meetings of the reader's organization, newest first.
    pub async fn annual_meetings(&self, reader: &Reader) -> Result<Vec<AnnualMeeting>, StoreError> {
        may_see(reader)?;
        Ok(annual_meeting::Entity::find()
            .filter(annual_meeting::Column::OrganizationId.eq(reader.organization_id))
            .order_by_desc(annual_meeting::Column::HeldAt)
            .all(self.db())
            .await?
            .into_iter()
            .map(annual_of)
            .collect())
    }

    /// Governance over a period for the report: board meetings and their hours, general
    /// meetings, and the members on `last_day`. Names are not opened: the report counts.
    pub async fn governance_figures(
        &self,
        organization_id: OrganizationId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        last_day: NaiveDate,
    ) -> Result<GovernanceFigures, StoreError> {
        let meetings = self
            .board_meetings_of(organization_id, Some((from, to)))
            .await?;
        let annual_meetings = annual_meeting::Entity::find()
            .filter(annual_meeting::Column::OrganizationId.eq(organization_id))
            .filter(annual_meeting::Column::HeldAt.gte(from))
            .filter(annual_meeting::Column::HeldAt.lt(to))
            .order_by_asc(annual_meeting::Column::HeldAt)
            .all(self.db())
            .await?
            .into_iter()
            .map(annual_of)
            .collect();
        let rows = governance_member::Entity::find()
            .filter(governance_member::Column::OrganizationId.eq(organization_id))
            .all(self.db())
            .await?;
        let members = MemberKind::ALL
            .into_iter()
            .map(|kind| {
                let n = rows
                    .iter()
                    .filter(|m| {
                        m.kind == kind.key() && is_member_on(m.joined_on, m.left_on, last_day)
                    })
                    .count() as i64;
                (kind, n)
            })
            .collect();
        Ok(GovernanceFigures {
            board_meetings: meetings.len() as i64,
            board_internal_minutes: meetings.iter().map(|m| m.hours.internal_minutes).sum(),
            board_activism_minutes: meetings.iter().map(|m| m.hours.activism_minutes).sum(),
            annual_meetings,
            members,
        })
    }
}
