//! The person file (docs/domain.md §2.4-2.13): assigned caseworkers, exceptional accesses, relatives,
//! meetings and the staff present, notes and attachments; the organization's meeting limits;
//! the start of services on an episode.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Organizations {
    Table,
    Id,
    LimitEmergency,
    LimitFollowUp,
    LimitRelatives,
}

#[derive(DeriveIden, Clone, Copy)]
enum Persons {
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
    ServicesStartedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum FileCaseworkers {
    Table,
    PersonId,
    UserId,
    OrganizationId,
    AssignedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum FileAccessGrants {
    Table,
    Id,
    OrganizationId,
    PersonId,
    UserId,
    ReasonSealed,
    GrantedAt,
    ExpiresAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Relatives {
    Table,
    Id,
    OrganizationId,
    PersonId,
    NameSealed,
    Relation,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Meetings {
    Table,
    Id,
    OrganizationId,
    PersonId,
    HelpRequestId,
    RelativeId,
    Kind,
    HeldAt,
    PlaceKind,
    PlaceId,
    DurationMinutes,
    PreparationMinutes,
    DebriefMinutes,
    TravelMinutes,
    OverLimitReasonSealed,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum MeetingStaff {
    Table,
    MeetingId,
    UserId,
    OrganizationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Notes {
    Table,
    Id,
    OrganizationId,
    PersonId,
    BodySealed,
    AuthorId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Attachments {
    Table,
    Id,
    OrganizationId,
    PersonId,
    FileNameSealed,
    MediaType,
    SizeBytes,
    ContentSealed,
    UploadedBy,
    CreatedAt,
}

fn to_org<T: IntoIden + Copy + 'static>(table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Organizations::Table, Organizations::Id)
        .to_owned()
}

fn to_person<T: IntoIden + Copy + 'static>(table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Persons::Table, Persons::Id)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column at a time.
        for (column, default) in [
            (Organizations::LimitEmergency, 5),
            (Organizations::LimitFollowUp, 15),
            (Organizations::LimitRelatives, 5),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organizations::Table)
                        .add_column(integer(column).default(default))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(HelpRequests::Table)
                    .add_column(timestamp_with_time_zone_null(
                        HelpRequests::ServicesStartedAt,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FileCaseworkers::Table)
                    .col(uuid(FileCaseworkers::PersonId))
                    .col(uuid(FileCaseworkers::UserId))
                    .col(uuid(FileCaseworkers::OrganizationId))
                    .col(timestamp_with_time_zone(FileCaseworkers::AssignedAt))
                    .primary_key(
                        Index::create()
                            .col(FileCaseworkers::PersonId)
                            .col(FileCaseworkers::UserId),
                    )
                    .foreign_key(&mut to_person(
                        FileCaseworkers::Table,
                        FileCaseworkers::PersonId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FileCaseworkers::Table, FileCaseworkers::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(&mut to_org(
                        FileCaseworkers::Table,
                        FileCaseworkers::OrganizationId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("file_caseworkers_by_user")
                    .table(FileCaseworkers::Table)
                    .col(FileCaseworkers::OrganizationId)
                    .col(FileCaseworkers::UserId)
                    .to_owned(),
            )
            .await?;
        // The caseworkers already given a request on the wait list have its file.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO file_caseworkers (person_id, user_id, organization_id, assigned_at) \
                 SELECT person_id, assigned_to, organization_id, MIN(created_at) \
                 FROM help_requests WHERE assigned_to IS NOT NULL \
                 GROUP BY person_id, assigned_to, organization_id",
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FileAccessGrants::Table)
                    .col(pk_uuid(FileAccessGrants::Id))
                    .col(uuid(FileAccessGrants::OrganizationId))
                    .col(uuid(FileAccessGrants::PersonId))
                    .col(uuid(FileAccessGrants::UserId))
                    .col(text(FileAccessGrants::ReasonSealed))
                    .col(timestamp_with_time_zone(FileAccessGrants::GrantedAt))
                    .col(timestamp_with_time_zone(FileAccessGrants::ExpiresAt))
                    .foreign_key(&mut to_org(
                        FileAccessGrants::Table,
                        FileAccessGrants::OrganizationId,
                    ))
                    .foreign_key(&mut to_person(
                        FileAccessGrants::Table,
                        FileAccessGrants::PersonId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("file_access_grants_recent")
                    .table(FileAccessGrants::Table)
                    .col(FileAccessGrants::OrganizationId)
                    .col(FileAccessGrants::GrantedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Relatives::Table)
                    .col(pk_uuid(Relatives::Id))
                    .col(uuid(Relatives::OrganizationId))
                    .col(uuid(Relatives::PersonId))
                    .col(text(Relatives::NameSealed))
                    .col(string(Relatives::Relation))
                    .col(timestamp_with_time_zone(Relatives::CreatedAt))
                    .foreign_key(&mut to_org(Relatives::Table, Relatives::OrganizationId))
                    .foreign_key(&mut to_person(Relatives::Table, Relatives::PersonId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Meetings::Table)
                    .col(pk_uuid(Meetings::Id))
                    .col(uuid(Meetings::OrganizationId))
                    .col(uuid(Meetings::PersonId))
                    .col(uuid(Meetings::HelpRequestId))
                    .col(uuid_null(Meetings::RelativeId))
                    .col(string(Meetings::Kind))
                    .col(timestamp_with_time_zone(Meetings::HeldAt))
                    .col(string(Meetings::PlaceKind))
                    .col(uuid_null(Meetings::PlaceId))
                    .col(integer(Meetings::DurationMinutes))
                    .col(integer(Meetings::PreparationMinutes))
                    .col(integer(Meetings::DebriefMinutes))
                    .col(integer(Meetings::TravelMinutes))
                    .col(text_null(Meetings::OverLimitReasonSealed))
                    .col(uuid_null(Meetings::CreatedBy))
                    .col(timestamp_with_time_zone(Meetings::CreatedAt))
                    .foreign_key(&mut to_org(Meetings::Table, Meetings::OrganizationId))
                    .foreign_key(&mut to_person(Meetings::Table, Meetings::PersonId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Meetings::Table, Meetings::HelpRequestId)
                            .to(HelpRequests::Table, HelpRequests::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Meetings::Table, Meetings::RelativeId)
                            .to(Relatives::Table, Relatives::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("meetings_by_person")
                    .table(Meetings::Table)
                    .col(Meetings::PersonId)
                    .col(Meetings::HeldAt)
                    .to_owned(),
            )
            .await?;
        // The report counts meetings by kind over a period.
        manager
            .create_index(
                Index::create()
                    .name("meetings_by_date")
                    .table(Meetings::Table)
                    .col(Meetings::OrganizationId)
                    .col(Meetings::HeldAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MeetingStaff::Table)
                    .col(uuid(MeetingStaff::MeetingId))
                    .col(uuid(MeetingStaff::UserId))
                    .col(uuid(MeetingStaff::OrganizationId))
                    .primary_key(
                        Index::create()
                            .col(MeetingStaff::MeetingId)
                            .col(MeetingStaff::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingStaff::Table, MeetingStaff::MeetingId)
                            .to(Meetings::Table, Meetings::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingStaff::Table, MeetingStaff::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("meeting_staff_by_user")
                    .table(MeetingStaff::Table)
                    .col(MeetingStaff::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Notes::Table)
                    .col(pk_uuid(Notes::Id))
                    .col(uuid(Notes::OrganizationId))
                    .col(uuid(Notes::PersonId))
                    .col(text(Notes::BodySealed))
                    .col(uuid_null(Notes::AuthorId))
                    .col(timestamp_with_time_zone(Notes::CreatedAt))
                    .foreign_key(&mut to_org(Notes::Table, Notes::OrganizationId))
                    .foreign_key(&mut to_person(Notes::Table, Notes::PersonId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("notes_by_person")
                    .table(Notes::Table)
                    .col(Notes::PersonId)
                    .col(Notes::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Attachments::Table)
                    .col(pk_uuid(Attachments::Id))
                    .col(uuid(Attachments::OrganizationId))
                    .col(uuid(Attachments::PersonId))
                    .col(text(Attachments::FileNameSealed))
                    .col(string(Attachments::MediaType))
                    .col(big_integer(Attachments::SizeBytes))
                    .col(text(Attachments::ContentSealed))
                    .col(uuid_null(Attachments::UploadedBy))
                    .col(timestamp_with_time_zone(Attachments::CreatedAt))
                    .foreign_key(&mut to_org(Attachments::Table, Attachments::OrganizationId))
                    .foreign_key(&mut to_person(Attachments::Table, Attachments::PersonId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("attachments_by_person")
                    .table(Attachments::Table)
                    .col(Attachments::PersonId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
