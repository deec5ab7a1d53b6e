//! Retention per kind of record (docs/privacy.md "Destruction"): the years the organization
//! keeps a file never served, a listening call, a complaint and an incident, beside those of
//! a closed file; the day a complaint or an incident was destroyed; and what Havre's daily
//! review last found due, for the home page of the person in charge.

use super::fk;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveIden, Clone, Copy)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum RetentionReviews {
    Table,
    OrganizationId,
    DueRecords,
    ReviewedAt,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PrivacySettings {
    Table,
    UnservedRequestRetentionYears,
    CallRetentionYears,
    ComplaintRetentionYears,
    IncidentRetentionYears,
}

#[derive(DeriveIden, Clone, Copy)]
enum Complaints {
    Table,
    DestroyedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Incidents {
    Table,
    DestroyedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        for column in [
            PrivacySettings::UnservedRequestRetentionYears,
            PrivacySettings::CallRetentionYears,
            PrivacySettings::ComplaintRetentionYears,
            PrivacySettings::IncidentRetentionYears,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(PrivacySettings::Table)
                        .add_column(integer_null(column))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Complaints::Table)
                    .add_column(timestamp_with_time_zone_null(Complaints::DestroyedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Incidents::Table)
                    .add_column(timestamp_with_time_zone_null(Incidents::DestroyedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RetentionReviews::Table)
                    .col(pk_uuid(RetentionReviews::OrganizationId))
                    .col(big_integer(RetentionReviews::DueRecords))
                    .col(timestamp_with_time_zone(RetentionReviews::ReviewedAt))
                    .foreign_key(&mut fk(
                        (RetentionReviews::Table, RetentionReviews::OrganizationId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
