//! Complaints and confidentiality incidents (docs/privacy.md): the organization's privacy
//! settings (its person in charge, the days it gives itself to answer a complaint), the
//! complaint register with its steps, and the incident register.

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
}

#[derive(DeriveIden, Clone, Copy)]
enum ListValues {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum PrivacySettings {
    Table,
    OrganizationId,
    OfficerTitle,
    OfficerContact,
    ComplaintAnswerDays,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Complaints {
    Table,
    Id,
    OrganizationId,
    ReceivedOn,
    Channel,
    ComplainantKind,
    ComplainantSealed,
    NatureId,
    Service,
    AboutUserId,
    SummarySealed,
    HandlerId,
    Outcome,
    AnsweredOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ComplaintSteps {
    Table,
    Id,
    OrganizationId,
    ComplaintId,
    Day,
    BodySealed,
    NotedBy,
    NotedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Incidents {
    Table,
    Id,
    OrganizationId,
    KnownOn,
    Kind,
    Detected,
    Fingerprint,
    DescriptionSealed,
    FilesConcerned,
    PersonsCount,
    DataSealed,
    Sensitivity,
    ConsequencesSealed,
    Probability,
    SeriousRisk,
    RegulatorNotifiedOn,
    PersonsNotifiedOn,
    MeasuresSealed,
    AssessedOn,
    AssessedBy,
    OpenedBy,
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
                    .table(PrivacySettings::Table)
                    .col(pk_uuid(PrivacySettings::OrganizationId))
                    .col(string(PrivacySettings::OfficerTitle))
                    .col(string(PrivacySettings::OfficerContact))
                    .col(integer(PrivacySettings::ComplaintAnswerDays))
                    .col(timestamp_with_time_zone(PrivacySettings::UpdatedAt))
                    .foreign_key(&mut fk(
                        (PrivacySettings::Table, PrivacySettings::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Complaints::Table)
                    .col(pk_uuid(Complaints::Id))
                    .col(uuid(Complaints::OrganizationId))
                    .col(date(Complaints::ReceivedOn))
                    .col(string(Complaints::Channel))
                    .col(string(Complaints::ComplainantKind))
                    .col(text_null(Complaints::ComplainantSealed))
                    .col(uuid(Complaints::NatureId))
                    .col(string(Complaints::Service))
                    .col(uuid_null(Complaints::AboutUserId))
                    .col(text(Complaints::SummarySealed))
                    .col(uuid_null(Complaints::HandlerId))
                    .col(string_null(Complaints::Outcome))
                    .col(date_null(Complaints::AnsweredOn))
                    .col(uuid_null(Complaints::CreatedBy))
                    .col(timestamp_with_time_zone(Complaints::CreatedAt))
                    .foreign_key(&mut fk(
                        (Complaints::Table, Complaints::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (Complaints::Table, Complaints::NatureId),
                        (ListValues::Table, ListValues::Id),
                    ))
                    .foreign_key(&mut fk((Complaints::Table, Complaints::AboutUserId), users))
                    .foreign_key(&mut fk((Complaints::Table, Complaints::HandlerId), users))
                    .foreign_key(&mut fk((Complaints::Table, Complaints::CreatedBy), users))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("complaints_by_reception")
                    .table(Complaints::Table)
                    .col(Complaints::OrganizationId)
                    .col(Complaints::ReceivedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ComplaintSteps::Table)
                    .col(pk_uuid(ComplaintSteps::Id))
                    .col(uuid(ComplaintSteps::OrganizationId))
                    .col(uuid(ComplaintSteps::ComplaintId))
                    .col(date(ComplaintSteps::Day))
                    .col(text(ComplaintSteps::BodySealed))
                    .col(uuid(ComplaintSteps::NotedBy))
                    .col(timestamp_with_time_zone(ComplaintSteps::NotedAt))
                    .foreign_key(&mut fk(
                        (ComplaintSteps::Table, ComplaintSteps::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (ComplaintSteps::Table, ComplaintSteps::ComplaintId),
                        (Complaints::Table, Complaints::Id),
                    ))
                    .foreign_key(&mut fk(
                        (ComplaintSteps::Table, ComplaintSteps::NotedBy),
                        users,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Incidents::Table)
                    .col(pk_uuid(Incidents::Id))
                    .col(uuid(Incidents::OrganizationId))
                    .col(date(Incidents::KnownOn))
                    .col(string(Incidents::Kind))
                    .col(string_null(Incidents::Detected))
                    .col(string_null(Incidents::Fingerprint))
                    .col(text(Incidents::DescriptionSealed))
                    .col(string(Incidents::FilesConcerned))
                    .col(integer_null(Incidents::PersonsCount))
                    .col(text_null(Incidents::DataSealed))
                    .col(string_null(Incidents::Sensitivity))
                    .col(text_null(Incidents::ConsequencesSealed))
                    .col(string_null(Incidents::Probability))
                    .col(boolean_null(Incidents::SeriousRisk))
                    .col(date_null(Incidents::RegulatorNotifiedOn))
                    .col(date_null(Incidents::PersonsNotifiedOn))
                    .col(text_null(Incidents::MeasuresSealed))
                    .col(date_null(Incidents::AssessedOn))
                    .col(uuid_null(Incidents::AssessedBy))
                    .col(uuid_null(Incidents::OpenedBy))
                    .col(timestamp_with_time_zone(Incidents::CreatedAt))
                    .foreign_key(&mut fk((Incidents::Table, Incidents::OrganizationId), org))
                    .foreign_key(&mut fk((Incidents::Table, Incidents::AssessedBy), users))
                    .foreign_key(&mut fk((Incidents::Table, Incidents::OpenedBy), users))
                    .to_owned(),
            )
            .await?;
        // An anomaly Havre detects is entered once, however often it is seen again.
        manager
            .create_index(
                Index::create()
                    .name("incidents_detected_once")
                    .table(Incidents::Table)
                    .col(Incidents::OrganizationId)
                    .col(Incidents::Fingerprint)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
