//! The disposition after a help request (docs/domain.md §3), chosen at the end of the call.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HelpRequests {
    Table,
    DispositionId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(HelpRequests::Table)
                    .add_column(uuid_null(HelpRequests::DispositionId))
                    .to_owned(),
            )
            .await
    }
}
