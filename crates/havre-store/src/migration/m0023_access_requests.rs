//! A person's requests for access to what Havre holds on her (docs/privacy.md "Access
//! requests"): received on a day, answered within 30 days.

use super::fk;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Persons {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum AccessRequests {
    Table,
    Id,
    OrganizationId,
    PersonId,
    ReceivedOn,
    AnsweredOn,
    AnsweredBy,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let users = (Users::Table, Users::Id);
        manager
            .create_table(
                Table::create()
                    .table(AccessRequests::Table)
                    .col(pk_uuid(AccessRequests::Id))
                    .col(uuid(AccessRequests::OrganizationId))
                    .col(uuid(AccessRequests::PersonId))
                    .col(date(AccessRequests::ReceivedOn))
                    .col(date_null(AccessRequests::AnsweredOn))
                    .col(uuid_null(AccessRequests::AnsweredBy))
                    .col(uuid(AccessRequests::CreatedBy))
                    .col(timestamp_with_time_zone(AccessRequests::CreatedAt))
                    .foreign_key(&mut fk(
                        (AccessRequests::Table, AccessRequests::OrganizationId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .foreign_key(&mut fk(
                        (AccessRequests::Table, AccessRequests::PersonId),
                        (Persons::Table, Persons::Id),
                    ))
                    .foreign_key(&mut fk(
                        (AccessRequests::Table, AccessRequests::AnsweredBy),
                        users,
                    ))
                    .foreign_key(&mut fk(
                        (AccessRequests::Table, AccessRequests::CreatedBy),
                        users,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
