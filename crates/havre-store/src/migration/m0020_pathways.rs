//! Care pathways and what a care unit gives beyond its appointments (docs/care.md): agreements
//! with partners, pathways and their steps, the women on them and the steps done, the step an
//! appointment is booked for; the module of a training given and its participants per
//! profession; interns and observers hosted.

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
enum ListValues {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Agreements {
    Table,
    Id,
    OrganizationId,
    Partner,
    Kind,
    SignedOn,
    EndsOn,
    Figures,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Pathways {
    Table,
    Id,
    OrganizationId,
    Name,
    AgreementId,
    RetiredAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PathwaySteps {
    Table,
    Id,
    OrganizationId,
    PathwayId,
    Position,
    Name,
    ProfessionId,
    Complaint,
}

#[derive(DeriveIden, Clone, Copy)]
enum PathwayEnrolments {
    Table,
    Id,
    OrganizationId,
    PathwayId,
    PersonId,
    StartedOn,
    EndedOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum StepCompletions {
    Table,
    Id,
    OrganizationId,
    EnrolmentId,
    StepId,
    DoneOn,
    AppointmentId,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Appointments {
    Table,
    StepId,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrainingsGiven {
    Table,
    Id,
    Module,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrainingParticipants {
    Table,
    TrainingId,
    ProfessionId,
    OrganizationId,
    Participants,
}

#[derive(DeriveIden, Clone, Copy)]
enum Hostings {
    Table,
    Id,
    OrganizationId,
    Kind,
    School,
    ProfessionId,
    StartsOn,
    EndsOn,
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
                    .table(Agreements::Table)
                    .col(pk_uuid(Agreements::Id))
                    .col(uuid(Agreements::OrganizationId))
                    .col(string(Agreements::Partner))
                    .col(string(Agreements::Kind))
                    .col(date(Agreements::SignedOn))
                    .col(date_null(Agreements::EndsOn))
                    .col(string(Agreements::Figures))
                    .col(uuid_null(Agreements::CreatedBy))
                    .col(timestamp_with_time_zone(Agreements::CreatedAt))
                    .foreign_key(&mut fk(
                        (Agreements::Table, Agreements::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Pathways::Table)
                    .col(pk_uuid(Pathways::Id))
                    .col(uuid(Pathways::OrganizationId))
                    .col(string(Pathways::Name))
                    .col(uuid_null(Pathways::AgreementId))
                    .col(timestamp_with_time_zone_null(Pathways::RetiredAt))
                    .col(uuid_null(Pathways::CreatedBy))
                    .col(timestamp_with_time_zone(Pathways::CreatedAt))
                    .foreign_key(&mut fk((Pathways::Table, Pathways::OrganizationId), org))
                    .foreign_key(&mut fk(
                        (Pathways::Table, Pathways::AgreementId),
                        (Agreements::Table, Agreements::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PathwaySteps::Table)
                    .col(pk_uuid(PathwaySteps::Id))
                    .col(uuid(PathwaySteps::OrganizationId))
                    .col(uuid(PathwaySteps::PathwayId))
                    .col(integer(PathwaySteps::Position))
                    .col(string(PathwaySteps::Name))
                    .col(uuid_null(PathwaySteps::ProfessionId))
                    .col(boolean(PathwaySteps::Complaint))
                    .foreign_key(&mut fk(
                        (PathwaySteps::Table, PathwaySteps::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (PathwaySteps::Table, PathwaySteps::PathwayId),
                        (Pathways::Table, Pathways::Id),
                    ))
                    .foreign_key(&mut fk(
                        (PathwaySteps::Table, PathwaySteps::ProfessionId),
                        (ListValues::Table, ListValues::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PathwayEnrolments::Table)
                    .col(pk_uuid(PathwayEnrolments::Id))
                    .col(uuid(PathwayEnrolments::OrganizationId))
                    .col(uuid(PathwayEnrolments::PathwayId))
                    .col(uuid(PathwayEnrolments::PersonId))
                    .col(date(PathwayEnrolments::StartedOn))
                    .col(date_null(PathwayEnrolments::EndedOn))
                    .col(uuid_null(PathwayEnrolments::CreatedBy))
                    .col(timestamp_with_time_zone(PathwayEnrolments::CreatedAt))
                    .foreign_key(&mut fk(
                        (PathwayEnrolments::Table, PathwayEnrolments::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (PathwayEnrolments::Table, PathwayEnrolments::PathwayId),
                        (Pathways::Table, Pathways::Id),
                    ))
                    .foreign_key(&mut fk(
                        (PathwayEnrolments::Table, PathwayEnrolments::PersonId),
                        (Persons::Table, Persons::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("pathway_enrolments_by_person")
                    .table(PathwayEnrolments::Table)
                    .col(PathwayEnrolments::OrganizationId)
                    .col(PathwayEnrolments::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StepCompletions::Table)
                    .col(pk_uuid(StepCompletions::Id))
                    .col(uuid(StepCompletions::OrganizationId))
                    .col(uuid(StepCompletions::EnrolmentId))
                    .col(uuid(StepCompletions::StepId))
                    .col(date(StepCompletions::DoneOn))
                    .col(uuid_null(StepCompletions::AppointmentId))
                    .col(uuid_null(StepCompletions::CreatedBy))
                    .col(timestamp_with_time_zone(StepCompletions::CreatedAt))
                    .foreign_key(&mut fk(
                        (StepCompletions::Table, StepCompletions::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (StepCompletions::Table, StepCompletions::EnrolmentId),
                        (PathwayEnrolments::Table, PathwayEnrolments::Id),
                    ))
                    .foreign_key(&mut fk(
                        (StepCompletions::Table, StepCompletions::StepId),
                        (PathwaySteps::Table, PathwaySteps::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // One step is done once on one woman's pathway.
        manager
            .create_index(
                Index::create()
                    .name("step_completions_once")
                    .table(StepCompletions::Table)
                    .col(StepCompletions::EnrolmentId)
                    .col(StepCompletions::StepId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Appointments::Table)
                    .add_column(uuid_null(Appointments::StepId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(TrainingsGiven::Table)
                    .add_column(string_null(TrainingsGiven::Module))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrainingParticipants::Table)
                    .col(uuid(TrainingParticipants::TrainingId))
                    .col(uuid(TrainingParticipants::ProfessionId))
                    .col(uuid(TrainingParticipants::OrganizationId))
                    .col(integer(TrainingParticipants::Participants))
                    .primary_key(
                        Index::create()
                            .col(TrainingParticipants::TrainingId)
                            .col(TrainingParticipants::ProfessionId),
                    )
                    .foreign_key(&mut fk(
                        (
                            TrainingParticipants::Table,
                            TrainingParticipants::TrainingId,
                        ),
                        (TrainingsGiven::Table, TrainingsGiven::Id),
                    ))
                    .foreign_key(&mut fk(
                        (
                            TrainingParticipants::Table,
                            TrainingParticipants::ProfessionId,
                        ),
                        (ListValues::Table, ListValues::Id),
                    ))
                    .foreign_key(&mut fk(
                        (
                            TrainingParticipants::Table,
                            TrainingParticipants::OrganizationId,
                        ),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Hostings::Table)
                    .col(pk_uuid(Hostings::Id))
                    .col(uuid(Hostings::OrganizationId))
                    .col(string(Hostings::Kind))
                    .col(string(Hostings::School))
                    .col(uuid_null(Hostings::ProfessionId))
                    .col(date(Hostings::StartsOn))
                    .col(date(Hostings::EndsOn))
                    .col(uuid_null(Hostings::CreatedBy))
                    .col(timestamp_with_time_zone(Hostings::CreatedAt))
                    .foreign_key(&mut fk((Hostings::Table, Hostings::OrganizationId), org))
                    .foreign_key(&mut fk(
                        (Hostings::Table, Hostings::ProfessionId),
                        (ListValues::Table, ListValues::Id),
                    ))
                    .to_owned(),
            )
            .await
    }
}
