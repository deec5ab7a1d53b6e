//! Listening and information calls, and unmet demand.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Calls {
    Table,
    Id,
    OrganizationId,
    At,
    DurationMinutes,
    TopicId,
    ReferralGiven,
    TakenBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TurnAways {
    Table,
    Id,
    OrganizationId,
    At,
    ServiceArea,
    Reason,
    ReferralGiven,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ListValues {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Calls::Table)
                    .col(pk_uuid(Calls::Id))
                    .col(uuid(Calls::OrganizationId))
                    .col(timestamp_with_time_zone(Calls::At))
                    .col(integer(Calls::DurationMinutes))
                    .col(uuid(Calls::TopicId))
                    .col(string_null(Calls::ReferralGiven))
                    .col(uuid_null(Calls::TakenBy))
                    .col(timestamp_with_time_zone(Calls::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Calls::Table, Calls::OrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Calls::Table, Calls::TopicId)
                            .to(ListValues::Table, ListValues::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("calls_by_date")
                    .table(Calls::Table)
                    .col(Calls::OrganizationId)
                    .col(Calls::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TurnAways::Table)
                    .col(pk_uuid(TurnAways::Id))
                    .col(uuid(TurnAways::OrganizationId))
                    .col(timestamp_with_time_zone(TurnAways::At))
                    .col(string(TurnAways::ServiceArea))
                    .col(string(TurnAways::Reason))
                    .col(string_null(TurnAways::ReferralGiven))
                    .col(uuid_null(TurnAways::RecordedBy))
                    .col(timestamp_with_time_zone(TurnAways::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TurnAways::Table, TurnAways::OrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("turn_aways_by_date")
                    .table(TurnAways::Table)
                    .col(TurnAways::OrganizationId)
                    .col(TurnAways::At)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
