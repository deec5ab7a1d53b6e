//! Missions (docs/missions.md): the member partners and their accounts, the service requests
//! they file and what the partner is told of them, the workers and their dated rates, the
//! missions with their tasks and workers, the hours signed in, and the pay statements approved
//! with the corrections that follow them.

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
enum Users {
    Table,
    Id,
    PartnerId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ListValues {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Partners {
    Table,
    Id,
    OrganizationId,
    Name,
    JoinedOn,
    LeftOn,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PaySchedules {
    Table,
    OrganizationId,
    Frequency,
    FirstDay,
}

#[derive(DeriveIden, Clone, Copy)]
enum ServiceRequests {
    Table,
    Id,
    OrganizationId,
    PartnerId,
    FiledBy,
    TenantIndex,
    TenantSealed,
    DwellingSealed,
    Household,
    ConsentOn,
    Risk,
    RiskOn,
    NeedsSealed,
    AvailabilitySealed,
    SafetySealed,
    Status,
    ReasonSealed,
    InternalSealed,
    FiledAt,
    UpdatedAt,
    PartnerSeenEvents,
    KeptInHome,
    KeptReportedOn,
}

#[derive(DeriveIden, Clone, Copy)]
enum ServiceRequestEvents {
    Table,
    Id,
    OrganizationId,
    RequestId,
    At,
    Status,
    MessageSealed,
    ByUser,
}

#[derive(DeriveIden, Clone, Copy)]
enum Workers {
    Table,
    Id,
    OrganizationId,
    NameSealed,
    PersonalSealed,
    StartedOn,
    EndedOn,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkerRates {
    Table,
    Id,
    OrganizationId,
    WorkerId,
    FromOn,
    CentsPerHour,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Missions {
    Table,
    Id,
    OrganizationId,
    RequestId,
    StartsAt,
    EndsAt,
    PlaceSealed,
    SupervisorId,
    PartnerAttends,
    Status,
    ReportSealed,
    DoneAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum MissionTasks {
    Table,
    MissionId,
    TaskId,
    OrganizationId,
    Done,
}

#[derive(DeriveIden, Clone, Copy)]
enum MissionWorkers {
    Table,
    MissionId,
    WorkerId,
    OrganizationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkedHours {
    Table,
    Id,
    OrganizationId,
    MissionId,
    WorkerId,
    Day,
    StartMinute,
    EndMinute,
    BreakMinutes,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PayStatements {
    Table,
    Id,
    OrganizationId,
    WorkerId,
    PeriodStart,
    PeriodEnd,
    Lines,
    TotalCents,
    ApprovedBy,
    ApprovedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PayCorrections {
    Table,
    Id,
    OrganizationId,
    StatementId,
    Day,
    Minutes,
    CentsPerHour,
    AmountCents,
    Reason,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let org = (Organizations::Table, Organizations::Id);
        let users = (Users::Table, Users::Id);
        manager
            .create_table(
                Table::create()
                    .table(Partners::Table)
                    .col(pk_uuid(Partners::Id))
                    .col(uuid(Partners::OrganizationId))
                    .col(string(Partners::Name))
                    .col(date(Partners::JoinedOn))
                    .col(date_null(Partners::LeftOn))
                    .col(timestamp_with_time_zone(Partners::CreatedAt))
                    .foreign_key(&mut fk((Partners::Table, Partners::OrganizationId), org))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(uuid_null(Users::PartnerId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PaySchedules::Table)
                    .col(pk_uuid(PaySchedules::OrganizationId))
                    .col(string(PaySchedules::Frequency))
                    .col(date(PaySchedules::FirstDay))
                    .foreign_key(&mut fk(
                        (PaySchedules::Table, PaySchedules::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServiceRequests::Table)
                    .col(pk_uuid(ServiceRequests::Id))
                    .col(uuid(ServiceRequests::OrganizationId))
                    .col(uuid(ServiceRequests::PartnerId))
                    .col(uuid(ServiceRequests::FiledBy))
                    .col(string(ServiceRequests::TenantIndex))
                    .col(string(ServiceRequests::TenantSealed))
                    .col(string(ServiceRequests::DwellingSealed))
                    .col(integer(ServiceRequests::Household))
                    .col(date(ServiceRequests::ConsentOn))
                    .col(string(ServiceRequests::Risk))
                    .col(date_null(ServiceRequests::RiskOn))
                    .col(string(ServiceRequests::NeedsSealed))
                    .col(string(ServiceRequests::AvailabilitySealed))
                    .col(string_null(ServiceRequests::SafetySealed))
                    .col(string(ServiceRequests::Status))
                    .col(string_null(ServiceRequests::ReasonSealed))
                    .col(string_null(ServiceRequests::InternalSealed))
                    .col(timestamp_with_time_zone(ServiceRequests::FiledAt))
                    .col(timestamp_with_time_zone(ServiceRequests::UpdatedAt))
                    .col(integer(ServiceRequests::PartnerSeenEvents))
                    .col(boolean_null(ServiceRequests::KeptInHome))
                    .col(date_null(ServiceRequests::KeptReportedOn))
                    .foreign_key(&mut fk(
                        (ServiceRequests::Table, ServiceRequests::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (ServiceRequests::Table, ServiceRequests::PartnerId),
                        (Partners::Table, Partners::Id),
                    ))
                    .foreign_key(&mut fk(
                        (ServiceRequests::Table, ServiceRequests::FiledBy),
                        users,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("service_requests_by_partner")
                    .table(ServiceRequests::Table)
                    .col(ServiceRequests::OrganizationId)
                    .col(ServiceRequests::PartnerId)
                    .col(ServiceRequests::FiledAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServiceRequestEvents::Table)
                    .col(pk_uuid(ServiceRequestEvents::Id))
                    .col(uuid(ServiceRequestEvents::OrganizationId))
                    .col(uuid(ServiceRequestEvents::RequestId))
                    .col(timestamp_with_time_zone(ServiceRequestEvents::At))
                    .col(string(ServiceRequestEvents::Status))
                    .col(string_null(ServiceRequestEvents::MessageSealed))
                    .col(uuid_null(ServiceRequestEvents::ByUser))
                    .foreign_key(&mut fk(
                        (
                            ServiceRequestEvents::Table,
                            ServiceRequestEvents::OrganizationId,
                        ),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (ServiceRequestEvents::Table, ServiceRequestEvents::RequestId),
                        (ServiceRequests::Table, ServiceRequests::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("service_request_events_by_request")
                    .table(ServiceRequestEvents::Table)
                    .col(ServiceRequestEvents::RequestId)
                    .col(ServiceRequestEvents::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Workers::Table)
                    .col(pk_uuid(Workers::Id))
                    .col(uuid(Workers::OrganizationId))
                    .col(string(Workers::NameSealed))
                    .col(string_null(Workers::PersonalSealed))
                    .col(date(Workers::StartedOn))
                    .col(date_null(Workers::EndedOn))
                    .col(timestamp_with_time_zone(Workers::CreatedAt))
                    .foreign_key(&mut fk((Workers::Table, Workers::OrganizationId), org))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WorkerRates::Table)
                    .col(pk_uuid(WorkerRates::Id))
                    .col(uuid(WorkerRates::OrganizationId))
                    .col(uuid(WorkerRates::WorkerId))
                    .col(date(WorkerRates::FromOn))
                    .col(big_integer(WorkerRates::CentsPerHour))
                    .col(uuid_null(WorkerRates::CreatedBy))
                    .col(timestamp_with_time_zone(WorkerRates::CreatedAt))
                    .foreign_key(&mut fk(
                        (WorkerRates::Table, WorkerRates::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (WorkerRates::Table, WorkerRates::WorkerId),
                        (Workers::Table, Workers::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("worker_rates_once_a_day")
                    .table(WorkerRates::Table)
                    .col(WorkerRates::WorkerId)
                    .col(WorkerRates::FromOn)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Missions::Table)
                    .col(pk_uuid(Missions::Id))
                    .col(uuid(Missions::OrganizationId))
                    .col(uuid(Missions::RequestId))
                    .col(timestamp_with_time_zone(Missions::StartsAt))
                    .col(timestamp_with_time_zone(Missions::EndsAt))
                    .col(string(Missions::PlaceSealed))
                    .col(uuid_null(Missions::SupervisorId))
                    .col(boolean(Missions::PartnerAttends))
                    .col(string(Missions::Status))
                    .col(string_null(Missions::ReportSealed))
                    .col(timestamp_with_time_zone_null(Missions::DoneAt))
                    .col(uuid_null(Missions::CreatedBy))
                    .col(timestamp_with_time_zone(Missions::CreatedAt))
                    .foreign_key(&mut fk((Missions::Table, Missions::OrganizationId), org))
                    .foreign_key(&mut fk(
                        (Missions::Table, Missions::RequestId),
                        (ServiceRequests::Table, ServiceRequests::Id),
                    ))
                    .foreign_key(&mut fk((Missions::Table, Missions::SupervisorId), users))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("missions_by_day")
                    .table(Missions::Table)
                    .col(Missions::OrganizationId)
                    .col(Missions::StartsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MissionTasks::Table)
                    .col(uuid(MissionTasks::MissionId))
                    .col(uuid(MissionTasks::TaskId))
                    .col(uuid(MissionTasks::OrganizationId))
                    .col(boolean(MissionTasks::Done))
                    .primary_key(
                        Index::create()
                            .col(MissionTasks::MissionId)
                            .col(MissionTasks::TaskId),
                    )
                    .foreign_key(&mut fk(
                        (MissionTasks::Table, MissionTasks::MissionId),
                        (Missions::Table, Missions::Id),
                    ))
                    .foreign_key(&mut fk(
                        (MissionTasks::Table, MissionTasks::TaskId),
                        (ListValues::Table, ListValues::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MissionWorkers::Table)
                    .col(uuid(MissionWorkers::MissionId))
                    .col(uuid(MissionWorkers::WorkerId))
                    .col(uuid(MissionWorkers::OrganizationId))
                    .primary_key(
                        Index::create()
                            .col(MissionWorkers::MissionId)
                            .col(MissionWorkers::WorkerId),
                    )
                    .foreign_key(&mut fk(
                        (MissionWorkers::Table, MissionWorkers::MissionId),
                        (Missions::Table, Missions::Id),
                    ))
                    .foreign_key(&mut fk(
                        (MissionWorkers::Table, MissionWorkers::WorkerId),
                        (Workers::Table, Workers::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("mission_workers_by_worker")
                    .table(MissionWorkers::Table)
                    .col(MissionWorkers::WorkerId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WorkedHours::Table)
                    .col(pk_uuid(WorkedHours::Id))
                    .col(uuid(WorkedHours::OrganizationId))
                    .col(uuid(WorkedHours::MissionId))
                    .col(uuid(WorkedHours::WorkerId))
                    .col(date(WorkedHours::Day))
                    .col(integer(WorkedHours::StartMinute))
                    .col(integer(WorkedHours::EndMinute))
                    .col(integer(WorkedHours::BreakMinutes))
                    .col(uuid_null(WorkedHours::CreatedBy))
                    .col(timestamp_with_time_zone(WorkedHours::CreatedAt))
                    .foreign_key(&mut fk(
                        (WorkedHours::Table, WorkedHours::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (WorkedHours::Table, WorkedHours::MissionId),
                        (Missions::Table, Missions::Id),
                    ))
                    .foreign_key(&mut fk(
                        (WorkedHours::Table, WorkedHours::WorkerId),
                        (Workers::Table, Workers::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("worked_hours_once_per_mission")
                    .table(WorkedHours::Table)
                    .col(WorkedHours::MissionId)
                    .col(WorkedHours::WorkerId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("worked_hours_by_worker")
                    .table(WorkedHours::Table)
                    .col(WorkedHours::WorkerId)
                    .col(WorkedHours::Day)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PayStatements::Table)
                    .col(pk_uuid(PayStatements::Id))
                    .col(uuid(PayStatements::OrganizationId))
                    .col(uuid(PayStatements::WorkerId))
                    .col(date(PayStatements::PeriodStart))
                    .col(date(PayStatements::PeriodEnd))
                    .col(string(PayStatements::Lines))
                    .col(big_integer(PayStatements::TotalCents))
                    .col(uuid_null(PayStatements::ApprovedBy))
                    .col(timestamp_with_time_zone(PayStatements::ApprovedAt))
                    .foreign_key(&mut fk(
                        (PayStatements::Table, PayStatements::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (PayStatements::Table, PayStatements::WorkerId),
                        (Workers::Table, Workers::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("pay_statements_once_a_period")
                    .table(PayStatements::Table)
                    .col(PayStatements::WorkerId)
                    .col(PayStatements::PeriodStart)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PayCorrections::Table)
                    .col(pk_uuid(PayCorrections::Id))
                    .col(uuid(PayCorrections::OrganizationId))
                    .col(uuid(PayCorrections::StatementId))
                    .col(date(PayCorrections::Day))
                    .col(integer(PayCorrections::Minutes))
                    .col(big_integer(PayCorrections::CentsPerHour))
                    .col(big_integer(PayCorrections::AmountCents))
                    .col(string(PayCorrections::Reason))
                    .col(uuid_null(PayCorrections::CreatedBy))
                    .col(timestamp_with_time_zone(PayCorrections::CreatedAt))
                    .foreign_key(&mut fk(
                        (PayCorrections::Table, PayCorrections::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (PayCorrections::Table, PayCorrections::StatementId),
                        (PayStatements::Table, PayStatements::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
