//! Help requests: closed lists, persons, requests and their multi-valued answers.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ListValues {
    Table,
    Id,
    OrganizationId,
    List,
    Key,
    LabelFr,
    LabelEn,
    Position,
    RetiredAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Persons {
    Table,
    Id,
    OrganizationId,
    NameSealed,
    PhoneSealed,
    BirthYearSealed,
    SafeContactSealed,
    PhoneIndex,
    NameYearIndex,
    CreatedAt,
}

#[derive(DeriveIden)]
enum HelpRequests {
    Table,
    Id,
    OrganizationId,
    PersonId,
    Sequence,
    ReceivedAt,
    Channel,
    Voluntary,
    ExceptionReasonSealed,
    Teenager,
    ServiceArea,
    RequesterId,
    AgeAtRequestId,
    AgeAtAssaultId,
    ReferralSourceId,
    ResidenceId,
    AnswersSealed,
    ProposedCode,
    DecidedCode,
    OverrideReasonSealed,
    Status,
    AssignedTo,
    FirstMeetingAt,
    FirstMeetingPlace,
    ClosedAt,
    CloseReason,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum HelpRequestValues {
    Table,
    HelpRequestId,
    ValueId,
    OrganizationId,
    List,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ListValues::Table)
                    .col(pk_uuid(ListValues::Id))
                    .col(uuid(ListValues::OrganizationId))
                    .col(string(ListValues::List))
                    .col(string_null(ListValues::Key))
                    .col(string(ListValues::LabelFr))
                    .col(string(ListValues::LabelEn))
                    .col(integer(ListValues::Position))
                    .col(timestamp_with_time_zone_null(ListValues::RetiredAt))
                    .col(timestamp_with_time_zone(ListValues::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ListValues::Table, ListValues::OrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("list_values_by_list")
                    .table(ListValues::Table)
                    .col(ListValues::OrganizationId)
                    .col(ListValues::List)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Persons::Table)
                    .col(pk_uuid(Persons::Id))
                    .col(uuid(Persons::OrganizationId))
                    .col(text(Persons::NameSealed))
                    .col(text_null(Persons::PhoneSealed))
                    .col(text_null(Persons::BirthYearSealed))
                    .col(text(Persons::SafeContactSealed))
                    .col(string_null(Persons::PhoneIndex))
                    .col(string_null(Persons::NameYearIndex))
                    .col(timestamp_with_time_zone(Persons::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Persons::Table, Persons::OrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("persons_by_phone")
                    .table(Persons::Table)
                    .col(Persons::OrganizationId)
                    .col(Persons::PhoneIndex)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("persons_by_name_year")
                    .table(Persons::Table)
                    .col(Persons::OrganizationId)
                    .col(Persons::NameYearIndex)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(HelpRequests::Table)
                    .col(pk_uuid(HelpRequests::Id))
                    .col(uuid(HelpRequests::OrganizationId))
                    .col(uuid(HelpRequests::PersonId))
                    .col(integer(HelpRequests::Sequence))
                    .col(timestamp_with_time_zone(HelpRequests::ReceivedAt))
                    .col(string(HelpRequests::Channel))
                    .col(boolean(HelpRequests::Voluntary))
                    .col(text_null(HelpRequests::ExceptionReasonSealed))
                    .col(boolean(HelpRequests::Teenager))
                    .col(string(HelpRequests::ServiceArea))
                    .col(uuid(HelpRequests::RequesterId))
                    .col(uuid(HelpRequests::AgeAtRequestId))
                    .col(uuid(HelpRequests::AgeAtAssaultId))
                    .col(uuid(HelpRequests::ReferralSourceId))
                    .col(uuid(HelpRequests::ResidenceId))
                    .col(text(HelpRequests::AnswersSealed))
                    .col(integer(HelpRequests::ProposedCode))
                    .col(integer(HelpRequests::DecidedCode))
                    .col(text_null(HelpRequests::OverrideReasonSealed))
                    .col(string(HelpRequests::Status))
                    .col(uuid_null(HelpRequests::AssignedTo))
                    .col(timestamp_with_time_zone_null(HelpRequests::FirstMeetingAt))
                    .col(string_null(HelpRequests::FirstMeetingPlace))
                    .col(timestamp_with_time_zone_null(HelpRequests::ClosedAt))
                    .col(string_null(HelpRequests::CloseReason))
                    .col(uuid_null(HelpRequests::CreatedBy))
                    .col(timestamp_with_time_zone(HelpRequests::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpRequests::Table, HelpRequests::OrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpRequests::Table, HelpRequests::PersonId)
                            .to(Persons::Table, Persons::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The wait list reads waiting requests by code then date.
        manager
            .create_index(
                Index::create()
                    .name("help_requests_waiting")
                    .table(HelpRequests::Table)
                    .col(HelpRequests::OrganizationId)
                    .col(HelpRequests::Status)
                    .col(HelpRequests::DecidedCode)
                    .col(HelpRequests::ReceivedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("help_requests_by_person")
                    .table(HelpRequests::Table)
                    .col(HelpRequests::PersonId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(HelpRequestValues::Table)
                    .col(uuid(HelpRequestValues::HelpRequestId))
                    .col(uuid(HelpRequestValues::ValueId))
                    .col(uuid(HelpRequestValues::OrganizationId))
                    .col(string(HelpRequestValues::List))
                    .primary_key(
                        Index::create()
                            .col(HelpRequestValues::HelpRequestId)
                            .col(HelpRequestValues::ValueId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpRequestValues::Table, HelpRequestValues::HelpRequestId)
                            .to(HelpRequests::Table, HelpRequests::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpRequestValues::Table, HelpRequestValues::ValueId)
                            .to(ListValues::Table, ListValues::Id),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
