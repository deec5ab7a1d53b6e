//! The activity report's narrative: a text per section written by the team, kept per period,
//! sealed like every free text.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum ReportNarratives {
    Table,
    Id,
    OrganizationId,
    FirstDay,
    LastDay,
    Section,
    BodySealed,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReportNarratives::Table)
                    .col(pk_uuid(ReportNarratives::Id))
                    .col(uuid(ReportNarratives::OrganizationId))
                    .col(date(ReportNarratives::FirstDay))
                    .col(date(ReportNarratives::LastDay))
                    .col(string(ReportNarratives::Section))
                    .col(text(ReportNarratives::BodySealed))
                    .col(uuid_null(ReportNarratives::UpdatedBy))
                    .col(timestamp_with_time_zone(ReportNarratives::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReportNarratives::Table, ReportNarratives::OrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One text per section and period: saving again replaces it.
        manager
            .create_index(
                Index::create()
                    .name("report_narratives_by_period")
                    .table(ReportNarratives::Table)
                    .col(ReportNarratives::OrganizationId)
                    .col(ReportNarratives::FirstDay)
                    .col(ReportNarratives::LastDay)
                    .col(ReportNarratives::Section)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
