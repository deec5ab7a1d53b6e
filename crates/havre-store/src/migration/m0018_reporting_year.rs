//! An organization's year and country (docs/time.md "Reporting years"): the month its
//! reporting year begins, and the country whose words and law it follows. Organizations created
//! before it keep Québec's year, from April, in Canada.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    YearStartMonth,
    Country,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Organizations::Table)
                    .add_column(integer(Organizations::YearStartMonth).default(4))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Organizations::Table)
                    .add_column(string(Organizations::Country).default("CA"))
                    .to_owned(),
            )
            .await
    }
}
