//! Help asked from the public page (docs/public.md "Asking for help online"): what she wrote
//! is sealed in one field; what the team sorts by (when, how to answer, who asked, whether the
//! form's trap was filled) stays in the clear, and so does what became of it.

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
enum HelpRequests {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum ListValues {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum OnlineRequests {
    Table,
    Id,
    OrganizationId,
    ReceivedAt,
    ReplyBy,
    AskedBy,
    AgeGroupId,
    RegionId,
    Suspected,
    DetailsSealed,
    Status,
    HelpRequestId,
    Closing,
    HandledBy,
    HandledAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let values = (ListValues::Table, ListValues::Id);
        manager
            .create_table(
                Table::create()
                    .table(OnlineRequests::Table)
                    .col(pk_uuid(OnlineRequests::Id))
                    .col(uuid(OnlineRequests::OrganizationId))
                    .col(timestamp_with_time_zone(OnlineRequests::ReceivedAt))
                    .col(string(OnlineRequests::ReplyBy))
                    .col(string_null(OnlineRequests::AskedBy))
                    .col(uuid_null(OnlineRequests::AgeGroupId))
                    .col(uuid_null(OnlineRequests::RegionId))
                    .col(boolean(OnlineRequests::Suspected))
                    .col(text(OnlineRequests::DetailsSealed))
                    // pending, recorded (help_request_id says which), closed (closing says why)
                    .col(string(OnlineRequests::Status))
                    .col(uuid_null(OnlineRequests::HelpRequestId))
                    .col(string_null(OnlineRequests::Closing))
                    .col(uuid_null(OnlineRequests::HandledBy))
                    .col(timestamp_with_time_zone_null(OnlineRequests::HandledAt))
                    .foreign_key(&mut fk(
                        (OnlineRequests::Table, OnlineRequests::OrganizationId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .foreign_key(&mut fk(
                        (OnlineRequests::Table, OnlineRequests::AgeGroupId),
                        values,
                    ))
                    .foreign_key(&mut fk(
                        (OnlineRequests::Table, OnlineRequests::RegionId),
                        values,
                    ))
                    .foreign_key(&mut fk(
                        (OnlineRequests::Table, OnlineRequests::HelpRequestId),
                        (HelpRequests::Table, HelpRequests::Id),
                    ))
                    .foreign_key(&mut fk(
                        (OnlineRequests::Table, OnlineRequests::HandledBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // The wait list shows the pending ones of an organization, oldest first.
        manager
            .create_index(
                Index::create()
                    .name("online_requests_pending")
                    .table(OnlineRequests::Table)
                    .col(OnlineRequests::OrganizationId)
                    .col(OnlineRequests::Status)
                    .col(OnlineRequests::ReceivedAt)
                    .to_owned(),
            )
            .await?;
        super::m0028_data_changes::watch(manager, "online_requests").await
    }
}
