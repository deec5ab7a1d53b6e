//! A designated centre's referral leads to the file of the person it referred, once she is
//! reached and her request recorded: the report then counts the meetings that follow it
//! (havre_store::report, `service_summary`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Referrals {
    Table,
    PersonId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Referrals::Table)
                    .add_column(uuid_null(Referrals::PersonId))
                    .to_owned(),
            )
            .await
    }
}
