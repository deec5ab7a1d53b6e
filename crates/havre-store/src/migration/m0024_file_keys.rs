//! A key per file (docs/privacy.md "Destruction"): each person's row keeps her file's own key,
//! sealed by the keyring, and the day her file was destroyed; the organization's retention of
//! closed files, in years.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Persons {
    Table,
    FileKeySealed,
    DestroyedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PrivacySettings {
    Table,
    FileRetentionYears,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Persons::Table)
                    .add_column(text_null(Persons::FileKeySealed))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Persons::Table)
                    .add_column(timestamp_with_time_zone_null(Persons::DestroyedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PrivacySettings::Table)
                    .add_column(integer_null(PrivacySettings::FileRetentionYears))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
