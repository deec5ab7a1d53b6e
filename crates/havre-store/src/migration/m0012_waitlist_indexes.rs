//! The wait list at scale (issue 13): one index answers every read of the wait list from the
//! index alone, or nearly.
//!
//! The index of m0002 (organization, status, code, date) ordered the list but left out the two
//! columns its reads also need: the request's id, the last key of the list's order (without it
//! the engine sorts each run of equal dates, and counting by id reads every row of the table),
//! and the service area, the page's one filter (without it, a filtered list reads every waiting
//! row from the table to test it). This one has both; it starts with the same four columns, so
//! it serves every query the old one served, which is dropped rather than kept beside it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum HelpRequests {
    Table,
    Id,
    OrganizationId,
    Status,
    DecidedCode,
    ReceivedAt,
    ServiceArea,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("help_requests_wait_list")
                    .table(HelpRequests::Table)
                    .col(HelpRequests::OrganizationId)
                    .col(HelpRequests::Status)
                    .col(HelpRequests::DecidedCode)
                    .col(HelpRequests::ReceivedAt)
                    .col(HelpRequests::Id)
                    .col(HelpRequests::ServiceArea)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("help_requests_waiting")
                    .table(HelpRequests::Table)
                    .to_owned(),
            )
            .await
    }
}
