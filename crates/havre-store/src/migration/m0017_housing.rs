//! Housing (docs/housing.md): houses (an address sealed, perhaps secret) and who works in each,
//! their units with the dates they were in service, the stays of women with their children's
//! ages, the coordinator's extensions of a stay, and the housing wait list.

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
enum Houses {
    Table,
    Id,
    OrganizationId,
    Name,
    Region,
    AddressSealed,
    AddressSecret,
    MaxStayMonths,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum HouseStaff {
    Table,
    HouseId,
    UserId,
    OrganizationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum HousingUnits {
    Table,
    Id,
    OrganizationId,
    HouseId,
    Name,
    Kind,
    Bedrooms,
    Places,
    OpenedOn,
    ClosedOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum UnitOutages {
    Table,
    Id,
    OrganizationId,
    UnitId,
    FromOn,
    BackOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum HousingRequests {
    Table,
    Id,
    OrganizationId,
    ReceivedOn,
    Source,
    AliasSealed,
    NoteSealed,
    PersonId,
    Children,
    WantsKind,
    BedroomsNeeded,
    Status,
    DecidedOn,
    TurnAwayReason,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Stays {
    Table,
    Id,
    OrganizationId,
    HouseId,
    UnitId,
    PersonId,
    RequestId,
    EnteredOn,
    MovedInOn,
    ExitedOn,
    Destination,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum StayChildren {
    Table,
    Id,
    OrganizationId,
    StayId,
    AgeAtEntry,
    PersonId,
}

#[derive(DeriveIden, Clone, Copy)]
enum StayExtensions {
    Table,
    Id,
    OrganizationId,
    StayId,
    UntilOn,
    ReasonSealed,
    DecidedBy,
    DecidedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let org = (Organizations::Table, Organizations::Id);
        manager
            .create_table(
                Table::create()
                    .table(Houses::Table)
                    .col(pk_uuid(Houses::Id))
                    .col(uuid(Houses::OrganizationId))
                    .col(string(Houses::Name))
                    .col(string_null(Houses::Region))
                    .col(text_null(Houses::AddressSealed))
                    .col(boolean(Houses::AddressSecret))
                    .col(integer(Houses::MaxStayMonths))
                    .col(uuid_null(Houses::CreatedBy))
                    .col(timestamp_with_time_zone(Houses::CreatedAt))
                    .foreign_key(&mut fk((Houses::Table, Houses::OrganizationId), org))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HouseStaff::Table)
                    .col(uuid(HouseStaff::HouseId))
                    .col(uuid(HouseStaff::UserId))
                    .col(uuid(HouseStaff::OrganizationId))
                    .primary_key(
                        Index::create()
                            .col(HouseStaff::HouseId)
                            .col(HouseStaff::UserId),
                    )
                    .foreign_key(&mut fk(
                        (HouseStaff::Table, HouseStaff::HouseId),
                        (Houses::Table, Houses::Id),
                    ))
                    .foreign_key(&mut fk(
                        (HouseStaff::Table, HouseStaff::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut fk(
                        (HouseStaff::Table, HouseStaff::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HousingUnits::Table)
                    .col(pk_uuid(HousingUnits::Id))
                    .col(uuid(HousingUnits::OrganizationId))
                    .col(uuid(HousingUnits::HouseId))
                    .col(string(HousingUnits::Name))
                    .col(string(HousingUnits::Kind))
                    .col(integer_null(HousingUnits::Bedrooms))
                    .col(integer(HousingUnits::Places))
                    .col(date(HousingUnits::OpenedOn))
                    .col(date_null(HousingUnits::ClosedOn))
                    .col(uuid_null(HousingUnits::CreatedBy))
                    .col(timestamp_with_time_zone(HousingUnits::CreatedAt))
                    .foreign_key(&mut fk(
                        (HousingUnits::Table, HousingUnits::HouseId),
                        (Houses::Table, Houses::Id),
                    ))
                    .foreign_key(&mut fk(
                        (HousingUnits::Table, HousingUnits::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("housing_units_by_house")
                    .table(HousingUnits::Table)
                    .col(HousingUnits::OrganizationId)
                    .col(HousingUnits::HouseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UnitOutages::Table)
                    .col(pk_uuid(UnitOutages::Id))
                    .col(uuid(UnitOutages::OrganizationId))
                    .col(uuid(UnitOutages::UnitId))
                    .col(date(UnitOutages::FromOn))
                    .col(date_null(UnitOutages::BackOn))
                    .col(uuid_null(UnitOutages::CreatedBy))
                    .col(timestamp_with_time_zone(UnitOutages::CreatedAt))
                    .foreign_key(&mut fk(
                        (UnitOutages::Table, UnitOutages::UnitId),
                        (HousingUnits::Table, HousingUnits::Id),
                    ))
                    .foreign_key(&mut fk(
                        (UnitOutages::Table, UnitOutages::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HousingRequests::Table)
                    .col(pk_uuid(HousingRequests::Id))
                    .col(uuid(HousingRequests::OrganizationId))
                    .col(date(HousingRequests::ReceivedOn))
                    .col(string(HousingRequests::Source))
                    .col(text_null(HousingRequests::AliasSealed))
                    .col(text_null(HousingRequests::NoteSealed))
                    .col(uuid_null(HousingRequests::PersonId))
                    .col(integer(HousingRequests::Children))
                    .col(string_null(HousingRequests::WantsKind))
                    .col(integer_null(HousingRequests::BedroomsNeeded))
                    .col(string(HousingRequests::Status))
                    .col(date_null(HousingRequests::DecidedOn))
                    .col(string_null(HousingRequests::TurnAwayReason))
                    .col(uuid_null(HousingRequests::CreatedBy))
                    .col(timestamp_with_time_zone(HousingRequests::CreatedAt))
                    .foreign_key(&mut fk(
                        (HousingRequests::Table, HousingRequests::PersonId),
                        (Persons::Table, Persons::Id),
                    ))
                    .foreign_key(&mut fk(
                        (HousingRequests::Table, HousingRequests::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("housing_requests_by_day")
                    .table(HousingRequests::Table)
                    .col(HousingRequests::OrganizationId)
                    .col(HousingRequests::ReceivedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Stays::Table)
                    .col(pk_uuid(Stays::Id))
                    .col(uuid(Stays::OrganizationId))
                    .col(uuid(Stays::HouseId))
                    .col(uuid(Stays::UnitId))
                    .col(uuid(Stays::PersonId))
                    .col(uuid_null(Stays::RequestId))
                    .col(date(Stays::EnteredOn))
                    .col(date_null(Stays::MovedInOn))
                    .col(date_null(Stays::ExitedOn))
                    .col(string_null(Stays::Destination))
                    .col(uuid_null(Stays::CreatedBy))
                    .col(timestamp_with_time_zone(Stays::CreatedAt))
                    .foreign_key(&mut fk(
                        (Stays::Table, Stays::HouseId),
                        (Houses::Table, Houses::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Stays::Table, Stays::UnitId),
                        (HousingUnits::Table, HousingUnits::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Stays::Table, Stays::PersonId),
                        (Persons::Table, Persons::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Stays::Table, Stays::RequestId),
                        (HousingRequests::Table, HousingRequests::Id),
                    ))
                    .foreign_key(&mut fk((Stays::Table, Stays::OrganizationId), org))
                    .to_owned(),
            )
            .await?;
        // The figures read the stays of a period; a unit's page and the capacity rule read
        // its stays; a file reads hers.
        manager
            .create_index(
                Index::create()
                    .name("stays_by_entry")
                    .table(Stays::Table)
                    .col(Stays::OrganizationId)
                    .col(Stays::EnteredOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("stays_by_unit")
                    .table(Stays::Table)
                    .col(Stays::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("stays_by_person")
                    .table(Stays::Table)
                    .col(Stays::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StayChildren::Table)
                    .col(pk_uuid(StayChildren::Id))
                    .col(uuid(StayChildren::OrganizationId))
                    .col(uuid(StayChildren::StayId))
                    .col(integer(StayChildren::AgeAtEntry))
                    .col(uuid_null(StayChildren::PersonId))
                    .foreign_key(&mut fk(
                        (StayChildren::Table, StayChildren::StayId),
                        (Stays::Table, Stays::Id),
                    ))
                    .foreign_key(&mut fk(
                        (StayChildren::Table, StayChildren::PersonId),
                        (Persons::Table, Persons::Id),
                    ))
                    .foreign_key(&mut fk(
                        (StayChildren::Table, StayChildren::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("stay_children_by_stay")
                    .table(StayChildren::Table)
                    .col(StayChildren::StayId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StayExtensions::Table)
                    .col(pk_uuid(StayExtensions::Id))
                    .col(uuid(StayExtensions::OrganizationId))
                    .col(uuid(StayExtensions::StayId))
                    .col(date(StayExtensions::UntilOn))
                    .col(text(StayExtensions::ReasonSealed))
                    .col(uuid(StayExtensions::DecidedBy))
                    .col(timestamp_with_time_zone(StayExtensions::DecidedAt))
                    .foreign_key(&mut fk(
                        (StayExtensions::Table, StayExtensions::StayId),
                        (Stays::Table, Stays::Id),
                    ))
                    .foreign_key(&mut fk(
                        (StayExtensions::Table, StayExtensions::OrganizationId),
                        org,
                    ))
                    .to_owned(),
            )
            .await
    }
}
