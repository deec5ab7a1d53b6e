//! Care units (docs/care.md): the kind of each profession in the organization's list, the
//! profession of each member of the team, who may read each note, and the appointments of the
//! day's agenda with the steps the reception follows.

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
    ProfessionId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Persons {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum ListValues {
    Table,
    Id,
    Category,
}

#[derive(DeriveIden, Clone, Copy)]
enum Notes {
    Table,
    Scope,
}

#[derive(DeriveIden, Clone, Copy)]
enum Appointments {
    Table,
    Id,
    OrganizationId,
    PersonId,
    ProfessionalId,
    RoomId,
    StartsAt,
    Minutes,
    Status,
    WalkIn,
    ArrivedAt,
    SeenAt,
    LeftAt,
    BookedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(ListValues::Table)
                    .add_column(string_null(ListValues::Category))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(uuid_null(Users::ProfessionId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Notes::Table)
                    .add_column(string(Notes::Scope).default("team"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Appointments::Table)
                    .col(pk_uuid(Appointments::Id))
                    .col(uuid(Appointments::OrganizationId))
                    .col(uuid(Appointments::PersonId))
                    .col(uuid(Appointments::ProfessionalId))
                    .col(uuid_null(Appointments::RoomId))
                    .col(timestamp_with_time_zone(Appointments::StartsAt))
                    .col(integer(Appointments::Minutes))
                    .col(string(Appointments::Status))
                    .col(boolean(Appointments::WalkIn))
                    .col(timestamp_with_time_zone_null(Appointments::ArrivedAt))
                    .col(timestamp_with_time_zone_null(Appointments::SeenAt))
                    .col(timestamp_with_time_zone_null(Appointments::LeftAt))
                    .col(uuid_null(Appointments::BookedBy))
                    .col(timestamp_with_time_zone(Appointments::CreatedAt))
                    .foreign_key(&mut fk(
                        (Appointments::Table, Appointments::OrganizationId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Appointments::Table, Appointments::PersonId),
                        (Persons::Table, Persons::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Appointments::Table, Appointments::ProfessionalId),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Appointments::Table, Appointments::RoomId),
                        (ListValues::Table, ListValues::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // The day's agenda reads one organization's day; a file, one woman's appointments; a
        // professional's conflicts, her own day.
        for (name, cols) in [
            (
                "appointments_by_day",
                vec![Appointments::OrganizationId, Appointments::StartsAt],
            ),
            (
                "appointments_by_person",
                vec![Appointments::OrganizationId, Appointments::PersonId],
            ),
            (
                "appointments_by_professional",
                vec![Appointments::ProfessionalId, Appointments::StartsAt],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Appointments::Table);
            for c in cols {
                index.col(c);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }
}
