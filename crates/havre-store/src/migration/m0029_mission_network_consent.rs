//! Whether a tenant agrees to be counted, without her name, in the figures her brigade
//! shares with its network (docs/networks.md "Sharing"): a service request records it as an
//! intake records it of a person. Requests filed before are not counted.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveIden, Clone, Copy)]
enum ServiceRequests {
    Table,
    NetworkConsent,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ServiceRequests::Table)
                    .add_column(boolean(ServiceRequests::NetworkConsent).default(false))
                    .to_owned(),
            )
            .await
    }
}
