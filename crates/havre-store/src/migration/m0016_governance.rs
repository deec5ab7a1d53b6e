//! Governance (docs/domain.md §5; the seed report's "Rencontres de collective" and "Assemblée
//! générale annuelle"): the organization's members (names sealed), its board meetings with
//! who was present, and its annual general meetings.

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
enum GovernanceMembers {
    Table,
    Id,
    OrganizationId,
    NameSealed,
    Kind,
    JoinedOn,
    LeftOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum BoardMeetings {
    Table,
    Id,
    OrganizationId,
    HeldAt,
    LengthMinutes,
    PreparationMinutes,
    MinutesWritingMinutes,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum BoardMeetingAttendance {
    Table,
    BoardMeetingId,
    MemberId,
    OrganizationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum AnnualMeetings {
    Table,
    Id,
    OrganizationId,
    HeldAt,
    MembersPresent,
    NonMembersPresent,
    PreparationMinutes,
    ReportMinutes,
    PresenceMinutes,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let org = (Organizations::Table, Organizations::Id);
        manager
            .create_table(
                Table::create()
                    .table(GovernanceMembers::Table)
                    .col(pk_uuid(GovernanceMembers::Id))
                    .col(uuid(GovernanceMembers::OrganizationId))
                    .col(text(GovernanceMembers::NameSealed))
                    .col(string(GovernanceMembers::Kind))
                    .col(date(GovernanceMembers::JoinedOn))
                    .col(date_null(GovernanceMembers::LeftOn))
                    .col(uuid_null(GovernanceMembers::CreatedBy))
                    .col(timestamp_with_time_zone(GovernanceMembers::CreatedAt))
                    .foreign_key(&mut fk(
                        (GovernanceMembers::Table, GovernanceMembers::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BoardMeetings::Table)
                    .col(pk_uuid(BoardMeetings::Id))
                    .col(uuid(BoardMeetings::OrganizationId))
                    .col(timestamp_with_time_zone(BoardMeetings::HeldAt))
                    .col(integer(BoardMeetings::LengthMinutes))
                    .col(integer(BoardMeetings::PreparationMinutes))
                    .col(integer(BoardMeetings::MinutesWritingMinutes))
                    .col(uuid_null(BoardMeetings::CreatedBy))
                    .col(timestamp_with_time_zone(BoardMeetings::CreatedAt))
                    .foreign_key(&mut fk(
                        (BoardMeetings::Table, BoardMeetings::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        // The report reads a period's meetings.
        manager
            .create_index(
                Index::create()
                    .name("board_meetings_by_time")
                    .table(BoardMeetings::Table)
                    .col(BoardMeetings::OrganizationId)
                    .col(BoardMeetings::HeldAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BoardMeetingAttendance::Table)
                    .col(uuid(BoardMeetingAttendance::BoardMeetingId))
                    .col(uuid(BoardMeetingAttendance::MemberId))
                    .col(uuid(BoardMeetingAttendance::OrganizationId))
                    .primary_key(
                        Index::create()
                            .col(BoardMeetingAttendance::BoardMeetingId)
                            .col(BoardMeetingAttendance::MemberId),
                    )
                    .foreign_key(&mut fk(
                        (
                            BoardMeetingAttendance::Table,
                            BoardMeetingAttendance::BoardMeetingId,
                        ),
                        (BoardMeetings::Table, BoardMeetings::Id),
                    ))
                    .foreign_key(&mut fk(
                        (
                            BoardMeetingAttendance::Table,
                            BoardMeetingAttendance::MemberId,
                        ),
                        (GovernanceMembers::Table, GovernanceMembers::Id),
                    ))
                    .foreign_key(&mut fk(
                        (
                            BoardMeetingAttendance::Table,
                            BoardMeetingAttendance::OrganizationId,
                        ),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AnnualMeetings::Table)
                    .col(pk_uuid(AnnualMeetings::Id))
                    .col(uuid(AnnualMeetings::OrganizationId))
                    .col(timestamp_with_time_zone(AnnualMeetings::HeldAt))
                    .col(integer(AnnualMeetings::MembersPresent))
                    .col(integer(AnnualMeetings::NonMembersPresent))
                    .col(integer(AnnualMeetings::PreparationMinutes))
                    .col(integer(AnnualMeetings::ReportMinutes))
                    .col(integer(AnnualMeetings::PresenceMinutes))
                    .col(uuid_null(AnnualMeetings::CreatedBy))
                    .col(timestamp_with_time_zone(AnnualMeetings::CreatedAt))
                    .foreign_key(&mut fk(
                        (AnnualMeetings::Table, AnnualMeetings::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await
    }
}
