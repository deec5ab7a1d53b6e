//! Networks (docs/networks.md): a network's members, their dated standing and the key their
//! submissions are signed with; what a member shares with a network; the submissions the
//! network received, a later one for the same year replacing the earlier, kept; each
//! organization's own signing key; and each woman's consent to be counted in a network's
//! figures.

use super::fk;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Organizations {
    Table,
    Id,
    SigningKeySealed,
}

#[derive(DeriveIden, Clone, Copy)]
enum Persons {
    Table,
    NetworkConsent,
}

#[derive(DeriveIden, Clone, Copy)]
enum NetworkMembers {
    Table,
    Id,
    NetworkId,
    Name,
    Region,
    JoinedOn,
    LeftOn,
    OpenedOn,
    PublicKey,
    MemberOrganizationId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum NetworkShares {
    Table,
    Id,
    OrganizationId,
    NetworkName,
    NetworkMemberId,
    Sections,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum NetworkSubmissions {
    Table,
    Id,
    NetworkId,
    MemberId,
    First,
    Last,
    Payload,
    Signature,
    ReceivedAt,
    ReplacedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organizations::Table)
                    .add_column(text_null(Organizations::SigningKeySealed))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Persons::Table)
                    .add_column(boolean(Persons::NetworkConsent).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NetworkMembers::Table)
                    .col(pk_uuid(NetworkMembers::Id))
                    .col(uuid(NetworkMembers::NetworkId))
                    .col(string(NetworkMembers::Name))
                    .col(string(NetworkMembers::Region))
                    .col(date(NetworkMembers::JoinedOn))
                    .col(date_null(NetworkMembers::LeftOn))
                    .col(date_null(NetworkMembers::OpenedOn))
                    .col(text_null(NetworkMembers::PublicKey))
                    .col(uuid_null(NetworkMembers::MemberOrganizationId))
                    .col(timestamp_with_time_zone(NetworkMembers::CreatedAt))
                    .foreign_key(&mut fk(
                        (NetworkMembers::Table, NetworkMembers::NetworkId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NetworkShares::Table)
                    .col(pk_uuid(NetworkShares::Id))
                    .col(uuid(NetworkShares::OrganizationId))
                    .col(string(NetworkShares::NetworkName))
                    .col(uuid_null(NetworkShares::NetworkMemberId))
                    .col(string(NetworkShares::Sections))
                    .col(timestamp_with_time_zone(NetworkShares::UpdatedAt))
                    .foreign_key(&mut fk(
                        (NetworkShares::Table, NetworkShares::OrganizationId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NetworkSubmissions::Table)
                    .col(pk_uuid(NetworkSubmissions::Id))
                    .col(uuid(NetworkSubmissions::NetworkId))
                    .col(uuid(NetworkSubmissions::MemberId))
                    .col(date(NetworkSubmissions::First))
                    .col(date(NetworkSubmissions::Last))
                    .col(text(NetworkSubmissions::Payload))
                    .col(text(NetworkSubmissions::Signature))
                    .col(timestamp_with_time_zone(NetworkSubmissions::ReceivedAt))
                    .col(timestamp_with_time_zone_null(
                        NetworkSubmissions::ReplacedAt,
                    ))
                    .foreign_key(&mut fk(
                        (NetworkSubmissions::Table, NetworkSubmissions::NetworkId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .foreign_key(&mut fk(
                        (NetworkSubmissions::Table, NetworkSubmissions::MemberId),
                        (NetworkMembers::Table, NetworkMembers::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // The report reads a network's current submissions of a year.
        manager
            .create_index(
                Index::create()
                    .name("network_submissions_current")
                    .table(NetworkSubmissions::Table)
                    .col(NetworkSubmissions::NetworkId)
                    .col(NetworkSubmissions::First)
                    .col(NetworkSubmissions::ReplacedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
