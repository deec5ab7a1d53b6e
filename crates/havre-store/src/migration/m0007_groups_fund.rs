//! Closed groups and their sessions, open drop-ins, and the exploitation track's emergency
//! fund (docs/domain.md §2.10-2.12).

use super::fk;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Persons {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Groups {
    Table,
    Id,
    OrganizationId,
    Name,
    ServiceArea,
    Capacity,
    PlannedMeetings,
    MeetingMinutes,
    StartsOn,
    ClosedAt,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupStaff {
    Table,
    GroupId,
    UserId,
    OrganizationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupMembers {
    Table,
    Id,
    GroupId,
    OrganizationId,
    PersonId,
    HelpRequestId,
    EnrolledAt,
    LeftAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupSessions {
    Table,
    Id,
    GroupId,
    OrganizationId,
    Kind,
    HeldAt,
    DurationMinutes,
    PreparationMinutes,
    Headcount,
    PersonId,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupSessionStaff {
    Table,
    SessionId,
    UserId,
    OrganizationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupAttendance {
    Table,
    SessionId,
    PersonId,
    OrganizationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Dropins {
    Table,
    Id,
    OrganizationId,
    ServiceArea,
    Theme,
    HeldAt,
    DurationMinutes,
    PreparationMinutes,
    Attendance,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DropinStaff {
    Table,
    DropinId,
    UserId,
    OrganizationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum FundEntries {
    Table,
    Id,
    OrganizationId,
    Kind,
    PersonId,
    At,
    AmountCents,
    Purpose,
    Status,
    GrantedCents,
    DecidedAt,
    NoteSealed,
    DecisionNoteSealed,
    CreatedBy,
    DecidedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let org = (Organizations::Table, Organizations::Id);
        manager
            .create_table(
                Table::create()
                    .table(Groups::Table)
                    .col(pk_uuid(Groups::Id))
                    .col(uuid(Groups::OrganizationId))
                    .col(string(Groups::Name))
                    .col(string(Groups::ServiceArea))
                    .col(integer(Groups::Capacity))
                    .col(integer(Groups::PlannedMeetings))
                    .col(integer(Groups::MeetingMinutes))
                    .col(timestamp_with_time_zone(Groups::StartsOn))
                    .col(timestamp_with_time_zone_null(Groups::ClosedAt))
                    .col(timestamp_with_time_zone(Groups::CreatedAt))
                    .foreign_key(&mut fk((Groups::Table, Groups::OrganizationId), org))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GroupStaff::Table)
                    .col(uuid(GroupStaff::GroupId))
                    .col(uuid(GroupStaff::UserId))
                    .col(uuid(GroupStaff::OrganizationId))
                    .primary_key(
                        Index::create()
                            .col(GroupStaff::GroupId)
                            .col(GroupStaff::UserId),
                    )
                    .foreign_key(&mut fk(
                        (GroupStaff::Table, GroupStaff::GroupId),
                        (Groups::Table, Groups::Id),
                    ))
                    .foreign_key(&mut fk(
                        (GroupStaff::Table, GroupStaff::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GroupMembers::Table)
                    .col(pk_uuid(GroupMembers::Id))
                    .col(uuid(GroupMembers::GroupId))
                    .col(uuid(GroupMembers::OrganizationId))
                    .col(uuid(GroupMembers::PersonId))
                    .col(uuid_null(GroupMembers::HelpRequestId))
                    .col(timestamp_with_time_zone(GroupMembers::EnrolledAt))
                    .col(timestamp_with_time_zone_null(GroupMembers::LeftAt))
                    .foreign_key(&mut fk(
                        (GroupMembers::Table, GroupMembers::GroupId),
                        (Groups::Table, Groups::Id),
                    ))
                    .foreign_key(&mut fk(
                        (GroupMembers::Table, GroupMembers::PersonId),
                        (Persons::Table, Persons::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // A woman is in a group once.
        manager
            .create_index(
                Index::create()
                    .name("group_members_once")
                    .table(GroupMembers::Table)
                    .col(GroupMembers::GroupId)
                    .col(GroupMembers::PersonId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GroupSessions::Table)
                    .col(pk_uuid(GroupSessions::Id))
                    .col(uuid(GroupSessions::GroupId))
                    .col(uuid(GroupSessions::OrganizationId))
                    .col(string(GroupSessions::Kind))
                    .col(timestamp_with_time_zone(GroupSessions::HeldAt))
                    .col(integer(GroupSessions::DurationMinutes))
                    .col(integer(GroupSessions::PreparationMinutes))
                    .col(integer_null(GroupSessions::Headcount))
                    .col(uuid_null(GroupSessions::PersonId))
                    .col(uuid_null(GroupSessions::CreatedBy))
                    .col(timestamp_with_time_zone(GroupSessions::CreatedAt))
                    .foreign_key(&mut fk(
                        (GroupSessions::Table, GroupSessions::GroupId),
                        (Groups::Table, Groups::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("group_sessions_by_group")
                    .table(GroupSessions::Table)
                    .col(GroupSessions::GroupId)
                    .col(GroupSessions::HeldAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GroupSessionStaff::Table)
                    .col(uuid(GroupSessionStaff::SessionId))
                    .col(uuid(GroupSessionStaff::UserId))
                    .col(uuid(GroupSessionStaff::OrganizationId))
                    .primary_key(
                        Index::create()
                            .col(GroupSessionStaff::SessionId)
                            .col(GroupSessionStaff::UserId),
                    )
                    .foreign_key(&mut fk(
                        (GroupSessionStaff::Table, GroupSessionStaff::SessionId),
                        (GroupSessions::Table, GroupSessions::Id),
                    ))
                    .foreign_key(&mut fk(
                        (GroupSessionStaff::Table, GroupSessionStaff::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GroupAttendance::Table)
                    .col(uuid(GroupAttendance::SessionId))
                    .col(uuid(GroupAttendance::PersonId))
                    .col(uuid(GroupAttendance::OrganizationId))
                    .primary_key(
                        Index::create()
                            .col(GroupAttendance::SessionId)
                            .col(GroupAttendance::PersonId),
                    )
                    .foreign_key(&mut fk(
                        (GroupAttendance::Table, GroupAttendance::SessionId),
                        (GroupSessions::Table, GroupSessions::Id),
                    ))
                    .foreign_key(&mut fk(
                        (GroupAttendance::Table, GroupAttendance::PersonId),
                        (Persons::Table, Persons::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Dropins::Table)
                    .col(pk_uuid(Dropins::Id))
                    .col(uuid(Dropins::OrganizationId))
                    .col(string(Dropins::ServiceArea))
                    .col(string(Dropins::Theme))
                    .col(timestamp_with_time_zone(Dropins::HeldAt))
                    .col(integer(Dropins::DurationMinutes))
                    .col(integer(Dropins::PreparationMinutes))
                    .col(integer(Dropins::Attendance))
                    .col(uuid_null(Dropins::CreatedBy))
                    .col(timestamp_with_time_zone(Dropins::CreatedAt))
                    .foreign_key(&mut fk((Dropins::Table, Dropins::OrganizationId), org))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("dropins_by_date")
                    .table(Dropins::Table)
                    .col(Dropins::OrganizationId)
                    .col(Dropins::HeldAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DropinStaff::Table)
                    .col(uuid(DropinStaff::DropinId))
                    .col(uuid(DropinStaff::UserId))
                    .col(uuid(DropinStaff::OrganizationId))
                    .primary_key(
                        Index::create()
                            .col(DropinStaff::DropinId)
                            .col(DropinStaff::UserId),
                    )
                    .foreign_key(&mut fk(
                        (DropinStaff::Table, DropinStaff::DropinId),
                        (Dropins::Table, Dropins::Id),
                    ))
                    .foreign_key(&mut fk(
                        (DropinStaff::Table, DropinStaff::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FundEntries::Table)
                    .col(pk_uuid(FundEntries::Id))
                    .col(uuid(FundEntries::OrganizationId))
                    .col(string(FundEntries::Kind))
                    .col(uuid_null(FundEntries::PersonId))
                    .col(timestamp_with_time_zone(FundEntries::At))
                    .col(big_integer(FundEntries::AmountCents))
                    .col(string_null(FundEntries::Purpose))
                    .col(string(FundEntries::Status))
                    .col(big_integer_null(FundEntries::GrantedCents))
                    .col(timestamp_with_time_zone_null(FundEntries::DecidedAt))
                    .col(text_null(FundEntries::NoteSealed))
                    .col(text_null(FundEntries::DecisionNoteSealed))
                    .col(uuid_null(FundEntries::CreatedBy))
                    .col(uuid_null(FundEntries::DecidedBy))
                    .col(timestamp_with_time_zone(FundEntries::CreatedAt))
                    .foreign_key(&mut fk(
                        (FundEntries::Table, FundEntries::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (FundEntries::Table, FundEntries::PersonId),
                        (Persons::Table, Persons::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("fund_entries_by_date")
                    .table(FundEntries::Table)
                    .col(FundEntries::OrganizationId)
                    .col(FundEntries::At)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
