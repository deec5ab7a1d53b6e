//! Hours that are not about one person (docs/domain.md §5): categories per service area, entries
//! per person and day, trainings received, and the figures entered by hand (material
//! distributed, social media).

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
enum HourCategories {
    Table,
    Id,
    OrganizationId,
    Area,
    Key,
    LabelFr,
    LabelEn,
    Position,
    RetiredAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum HourEntries {
    Table,
    Id,
    OrganizationId,
    UserId,
    CategoryId,
    Day,
    Minutes,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrainingsReceived {
    Table,
    Id,
    OrganizationId,
    Day,
    Title,
    Trainer,
    Minutes,
    Workers,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum OutreachFigures {
    Table,
    Id,
    OrganizationId,
    Day,
    Kind,
    Label,
    Quantity,
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
                    .table(HourCategories::Table)
                    .col(pk_uuid(HourCategories::Id))
                    .col(uuid(HourCategories::OrganizationId))
                    .col(string(HourCategories::Area))
                    .col(string_null(HourCategories::Key))
                    .col(string(HourCategories::LabelFr))
                    .col(string(HourCategories::LabelEn))
                    .col(integer(HourCategories::Position))
                    .col(timestamp_with_time_zone_null(HourCategories::RetiredAt))
                    .foreign_key(&mut fk(
                        (HourCategories::Table, HourCategories::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HourEntries::Table)
                    .col(pk_uuid(HourEntries::Id))
                    .col(uuid(HourEntries::OrganizationId))
                    .col(uuid(HourEntries::UserId))
                    .col(uuid(HourEntries::CategoryId))
                    .col(date(HourEntries::Day))
                    .col(integer(HourEntries::Minutes))
                    .col(timestamp_with_time_zone(HourEntries::CreatedAt))
                    .foreign_key(&mut fk(
                        (HourEntries::Table, HourEntries::OrganizationId),
                        org,
                    ))
                    .foreign_key(&mut fk(
                        (HourEntries::Table, HourEntries::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut fk(
                        (HourEntries::Table, HourEntries::CategoryId),
                        (HourCategories::Table, HourCategories::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // Her day's total is checked on every entry; the report sums a period.
        manager
            .create_index(
                Index::create()
                    .name("hour_entries_by_user_day")
                    .table(HourEntries::Table)
                    .col(HourEntries::UserId)
                    .col(HourEntries::Day)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("hour_entries_by_day")
                    .table(HourEntries::Table)
                    .col(HourEntries::OrganizationId)
                    .col(HourEntries::Day)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrainingsReceived::Table)
                    .col(pk_uuid(TrainingsReceived::Id))
                    .col(uuid(TrainingsReceived::OrganizationId))
                    .col(date(TrainingsReceived::Day))
                    .col(string(TrainingsReceived::Title))
                    .col(string(TrainingsReceived::Trainer))
                    .col(integer(TrainingsReceived::Minutes))
                    .col(integer(TrainingsReceived::Workers))
                    .col(uuid_null(TrainingsReceived::CreatedBy))
                    .col(timestamp_with_time_zone(TrainingsReceived::CreatedAt))
                    .foreign_key(&mut fk(
                        (TrainingsReceived::Table, TrainingsReceived::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OutreachFigures::Table)
                    .col(pk_uuid(OutreachFigures::Id))
                    .col(uuid(OutreachFigures::OrganizationId))
                    .col(date(OutreachFigures::Day))
                    .col(string(OutreachFigures::Kind))
                    .col(string(OutreachFigures::Label))
                    .col(big_integer(OutreachFigures::Quantity))
                    .col(uuid_null(OutreachFigures::CreatedBy))
                    .col(timestamp_with_time_zone(OutreachFigures::CreatedAt))
                    .foreign_key(&mut fk(
                        (OutreachFigures::Table, OutreachFigures::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
