//! The organization's clock: its IANA time zone, by which every instant is shown and grouped
//! into days and reporting years (docs/time.md). Organizations created before it are
//! in Québec, where every organization Havre served until then was.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    TimeZone,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organizations::Table)
                    .add_column(
                        string(Organizations::TimeZone)
                            .default(havre_domain::zone::Zone::DEFAULT_NAME),
                    )
                    .to_owned(),
            )
            .await
    }
}
