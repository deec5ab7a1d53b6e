//! Hours the records carry (docs/hours.md): a category of hours may take its minutes from the
//! records of an activity (meetings, groups, animations, trainings…) instead of the timesheet.
//! Its `source` names the activity; the timesheet never logs on such a category.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HourCategories {
    Table,
    Source,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(HourCategories::Table)
                    .add_column(string_null(HourCategories::Source))
                    .to_owned(),
            )
            .await
    }
}
