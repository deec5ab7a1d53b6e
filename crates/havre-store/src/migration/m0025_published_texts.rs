//! The texts an organization publishes, in numbered versions (docs/privacy.md "Service
//! declaration and complaint process"), and the versions handed out at a first meeting.

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
enum Meetings {
    Table,
    TextsGiven,
}

#[derive(DeriveIden, Clone, Copy)]
enum PublishedTexts {
    Table,
    Id,
    OrganizationId,
    Kind,
    Version,
    Body,
    PublishedAt,
    PublishedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PublishedTexts::Table)
                    .col(pk_uuid(PublishedTexts::Id))
                    .col(uuid(PublishedTexts::OrganizationId))
                    .col(string(PublishedTexts::Kind))
                    .col(integer(PublishedTexts::Version))
                    .col(text(PublishedTexts::Body))
                    .col(timestamp_with_time_zone(PublishedTexts::PublishedAt))
                    .col(uuid(PublishedTexts::PublishedBy))
                    .foreign_key(&mut fk(
                        (PublishedTexts::Table, PublishedTexts::OrganizationId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .foreign_key(&mut fk(
                        (PublishedTexts::Table, PublishedTexts::PublishedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // Two publications of the same version: the second is refused.
        manager
            .create_index(
                Index::create()
                    .name("published_texts_versions")
                    .table(PublishedTexts::Table)
                    .col(PublishedTexts::OrganizationId)
                    .col(PublishedTexts::Kind)
                    .col(PublishedTexts::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Meetings::Table)
                    .add_column(string_null(Meetings::TextsGiven))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
