//! The spreadsheets imported (docs/import.md): each upload, sealed until it is imported or
//! dropped, with the mapping its coordinator chose; and every row an import created, so that
//! the whole import can be undone.

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
enum Imports {
    Table,
    Id,
    OrganizationId,
    Kind,
    FileName,
    FileSealed,
    Mapping,
    Status,
    Rows,
    CreatedBy,
    CreatedAt,
    ImportedAt,
    UndoneAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ImportRows {
    Table,
    ImportId,
    TableName,
    RowId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let users = (Users::Table, Users::Id);
        manager
            .create_table(
                Table::create()
                    .table(Imports::Table)
                    .col(pk_uuid(Imports::Id))
                    .col(uuid(Imports::OrganizationId))
                    .col(string(Imports::Kind))
                    .col(string(Imports::FileName))
                    // None once imported or dropped: the rows are then in their tables.
                    .col(text_null(Imports::FileSealed))
                    .col(text(Imports::Mapping))
                    // draft, imported, undone
                    .col(string(Imports::Status))
                    .col(integer(Imports::Rows))
                    .col(uuid_null(Imports::CreatedBy))
                    .col(timestamp_with_time_zone(Imports::CreatedAt))
                    .col(timestamp_with_time_zone_null(Imports::ImportedAt))
                    .col(timestamp_with_time_zone_null(Imports::UndoneAt))
                    .foreign_key(&mut fk(
                        (Imports::Table, Imports::OrganizationId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .foreign_key(&mut fk((Imports::Table, Imports::CreatedBy), users))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImportRows::Table)
                    .col(uuid(ImportRows::ImportId))
                    .col(string(ImportRows::TableName))
                    .col(uuid(ImportRows::RowId))
                    .primary_key(
                        Index::create()
                            .col(ImportRows::ImportId)
                            .col(ImportRows::TableName)
                            .col(ImportRows::RowId),
                    )
                    .foreign_key(&mut fk(
                        (ImportRows::Table, ImportRows::ImportId),
                        (Imports::Table, Imports::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        super::m0028_data_changes::watch(manager, "imports").await?;
        super::m0028_data_changes::watch(manager, "import_rows").await
    }
}
