//! Prevention (docs/domain.md §4): programs and their numbered workshops with their evaluation
//! questions, animations and the facilitators present, trainings given, and evaluations
//! entered as filled forms or as tallies.

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
enum Programs {
    Table,
    Id,
    OrganizationId,
    Name,
    ServiceArea,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Workshops {
    Table,
    Id,
    OrganizationId,
    ProgramId,
    Number,
    Title,
    Objective,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum EvaluationQuestions {
    Table,
    Id,
    OrganizationId,
    WorkshopId,
    Position,
    Text,
}

#[derive(DeriveIden, Clone, Copy)]
enum Animations {
    Table,
    Id,
    OrganizationId,
    WorkshopId,
    HeldAt,
    PlaceId,
    ClassGroups,
    Students,
    StaffParticipants,
    FacilitationMinutes,
    TravelMinutes,
    PreparationMinutes,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AnimationStaff {
    Table,
    AnimationId,
    UserId,
    OrganizationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrainingsGiven {
    Table,
    Id,
    OrganizationId,
    HeldAt,
    Audience,
    Title,
    Participants,
    Minutes,
    PreparationMinutes,
    TravelMinutes,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum EvaluationBatches {
    Table,
    Id,
    OrganizationId,
    WorkshopId,
    AnimationId,
    Respondents,
    HeldAt,
    EnteredAs,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum EvaluationCounts {
    Table,
    BatchId,
    QuestionId,
    OrganizationId,
    Answer1,
    Answer2,
    Answer3,
    Answer4,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let org = (Organizations::Table, Organizations::Id);
        manager
            .create_table(
                Table::create()
                    .table(Programs::Table)
                    .col(pk_uuid(Programs::Id))
                    .col(uuid(Programs::OrganizationId))
                    .col(string(Programs::Name))
                    .col(string(Programs::ServiceArea))
                    .col(timestamp_with_time_zone(Programs::CreatedAt))
                    .foreign_key(&mut fk((Programs::Table, Programs::OrganizationId), org))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Workshops::Table)
                    .col(pk_uuid(Workshops::Id))
                    .col(uuid(Workshops::OrganizationId))
                    .col(uuid(Workshops::ProgramId))
                    .col(integer(Workshops::Number))
                    .col(string(Workshops::Title))
                    .col(text(Workshops::Objective))
                    .col(timestamp_with_time_zone(Workshops::CreatedAt))
                    .foreign_key(&mut fk(
                        (Workshops::Table, Workshops::ProgramId),
                        (Programs::Table, Programs::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EvaluationQuestions::Table)
                    .col(pk_uuid(EvaluationQuestions::Id))
                    .col(uuid(EvaluationQuestions::OrganizationId))
                    .col(uuid(EvaluationQuestions::WorkshopId))
                    .col(integer(EvaluationQuestions::Position))
                    .col(string(EvaluationQuestions::Text))
                    .foreign_key(&mut fk(
                        (EvaluationQuestions::Table, EvaluationQuestions::WorkshopId),
                        (Workshops::Table, Workshops::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Animations::Table)
                    .col(pk_uuid(Animations::Id))
                    .col(uuid(Animations::OrganizationId))
                    .col(uuid(Animations::WorkshopId))
                    .col(timestamp_with_time_zone(Animations::HeldAt))
                    .col(uuid(Animations::PlaceId))
                    .col(integer(Animations::ClassGroups))
                    .col(integer(Animations::Students))
                    .col(integer(Animations::StaffParticipants))
                    .col(integer(Animations::FacilitationMinutes))
                    .col(integer(Animations::TravelMinutes))
                    .col(integer(Animations::PreparationMinutes))
                    .col(uuid_null(Animations::CreatedBy))
                    .col(timestamp_with_time_zone(Animations::CreatedAt))
                    .foreign_key(&mut fk(
                        (Animations::Table, Animations::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (Animations::Table, Animations::WorkshopId),
                        (Workshops::Table, Workshops::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // The report sums animations over a period, per workshop and per place.
        manager
            .create_index(
                Index::create()
                    .name("animations_by_date")
                    .table(Animations::Table)
                    .col(Animations::OrganizationId)
                    .col(Animations::HeldAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AnimationStaff::Table)
                    .col(uuid(AnimationStaff::AnimationId))
                    .col(uuid(AnimationStaff::UserId))
                    .col(uuid(AnimationStaff::OrganizationId))
                    .primary_key(
                        Index::create()
                            .col(AnimationStaff::AnimationId)
                            .col(AnimationStaff::UserId),
                    )
                    .foreign_key(&mut fk(
                        (AnimationStaff::Table, AnimationStaff::AnimationId),
                        (Animations::Table, Animations::Id),
                    ))
                    .foreign_key(&mut fk(
                        (AnimationStaff::Table, AnimationStaff::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrainingsGiven::Table)
                    .col(pk_uuid(TrainingsGiven::Id))
                    .col(uuid(TrainingsGiven::OrganizationId))
                    .col(timestamp_with_time_zone(TrainingsGiven::HeldAt))
                    .col(string(TrainingsGiven::Audience))
                    .col(string(TrainingsGiven::Title))
                    .col(integer(TrainingsGiven::Participants))
                    .col(integer(TrainingsGiven::Minutes))
                    .col(integer(TrainingsGiven::PreparationMinutes))
                    .col(integer(TrainingsGiven::TravelMinutes))
                    .col(uuid_null(TrainingsGiven::CreatedBy))
                    .col(timestamp_with_time_zone(TrainingsGiven::CreatedAt))
                    .foreign_key(&mut fk(
                        (TrainingsGiven::Table, TrainingsGiven::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EvaluationBatches::Table)
                    .col(pk_uuid(EvaluationBatches::Id))
                    .col(uuid(EvaluationBatches::OrganizationId))
                    .col(uuid(EvaluationBatches::WorkshopId))
                    .col(uuid_null(EvaluationBatches::AnimationId))
                    .col(integer(EvaluationBatches::Respondents))
                    .col(timestamp_with_time_zone(EvaluationBatches::HeldAt))
                    .col(string(EvaluationBatches::EnteredAs))
                    .col(uuid_null(EvaluationBatches::CreatedBy))
                    .col(timestamp_with_time_zone(EvaluationBatches::CreatedAt))
                    .foreign_key(&mut fk(
                        (EvaluationBatches::Table, EvaluationBatches::WorkshopId),
                        (Workshops::Table, Workshops::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EvaluationCounts::Table)
                    .col(uuid(EvaluationCounts::BatchId))
                    .col(uuid(EvaluationCounts::QuestionId))
                    .col(uuid(EvaluationCounts::OrganizationId))
                    .col(integer(EvaluationCounts::Answer1))
                    .col(integer(EvaluationCounts::Answer2))
                    .col(integer(EvaluationCounts::Answer3))
                    .col(integer(EvaluationCounts::Answer4))
                    .primary_key(
                        Index::create()
                            .col(EvaluationCounts::BatchId)
                            .col(EvaluationCounts::QuestionId),
                    )
                    .foreign_key(&mut fk(
                        (EvaluationCounts::Table, EvaluationCounts::BatchId),
                        (EvaluationBatches::Table, EvaluationBatches::Id),
                    ))
                    .foreign_key(&mut fk(
                        (EvaluationCounts::Table, EvaluationCounts::QuestionId),
                        (EvaluationQuestions::Table, EvaluationQuestions::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
