//! Organizations, accounts, sessions, API tokens, login throttling and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
    Slug,
    Name,
    Kind,
    RequireTotp,
    PublicInfo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    OrganizationId,
    EmailIndex,
    EmailSealed,
    NameSealed,
    PasswordHash,
    Roles,
    TotpSecretSealed,
    TotpEnabled,
    TotpLastStep,
    Locale,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    IdHash,
    UserId,
    OrganizationId,
    CsrfToken,
    SecondFactorPending,
    CreatedAt,
    LastSeenAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    UserId,
    OrganizationId,
    Label,
    TokenHash,
    Scope,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    Failures,
    LockedUntil,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AuditEntries {
    Table,
    Seq,
    At,
    OrganizationId,
    ActorId,
    ActorIp,
    Action,
    TargetKind,
    TargetId,
    Detail,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum AuditHead {
    Table,
    Id,
    Seq,
    Hash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organizations::Table)
                    .col(pk_uuid(Organizations::Id))
                    .col(string_uniq(Organizations::Slug))
                    .col(string(Organizations::Name))
                    .col(string(Organizations::Kind))
                    .col(boolean(Organizations::RequireTotp))
                    .col(text(Organizations::PublicInfo))
                    .col(timestamp_with_time_zone(Organizations::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_uuid(Users::Id))
                    .col(uuid(Users::OrganizationId))
                    .col(string_uniq(Users::EmailIndex))
                    .col(text(Users::EmailSealed))
                    .col(text(Users::NameSealed))
                    .col(text(Users::PasswordHash))
                    .col(string(Users::Roles))
                    .col(text_null(Users::TotpSecretSealed))
                    .col(boolean(Users::TotpEnabled))
                    .col(big_integer_null(Users::TotpLastStep))
                    .col(string_null(Users::Locale))
                    .col(boolean(Users::Active))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::OrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("users_by_organization")
                    .table(Users::Table)
                    .col(Users::OrganizationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string(Sessions::IdHash).primary_key())
                    .col(uuid(Sessions::UserId))
                    .col(uuid(Sessions::OrganizationId))
                    .col(string(Sessions::CsrfToken))
                    .col(boolean(Sessions::SecondFactorPending))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sessions_by_user")
                    .table(Sessions::Table)
                    .col(Sessions::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .col(pk_uuid(ApiTokens::Id))
                    .col(uuid(ApiTokens::UserId))
                    .col(uuid(ApiTokens::OrganizationId))
                    .col(string(ApiTokens::Label))
                    .col(string_uniq(ApiTokens::TokenHash))
                    .col(string(ApiTokens::Scope))
                    .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApiTokens::Table, ApiTokens::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(string(LoginThrottle::Key).primary_key())
                    .col(integer(LoginThrottle::Failures))
                    .col(timestamp_with_time_zone_null(LoginThrottle::LockedUntil))
                    .col(timestamp_with_time_zone(LoginThrottle::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditEntries::Table)
                    .col(big_integer(AuditEntries::Seq).primary_key())
                    .col(timestamp_with_time_zone(AuditEntries::At))
                    .col(uuid_null(AuditEntries::OrganizationId))
                    .col(uuid_null(AuditEntries::ActorId))
                    .col(string_null(AuditEntries::ActorIp))
                    .col(string(AuditEntries::Action))
                    .col(string_null(AuditEntries::TargetKind))
                    .col(string_null(AuditEntries::TargetId))
                    .col(text(AuditEntries::Detail))
                    .col(string(AuditEntries::PrevHash))
                    .col(string(AuditEntries::Hash))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audit_by_organization")
                    .table(AuditEntries::Table)
                    .col(AuditEntries::OrganizationId)
                    .col(AuditEntries::Seq)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audit_by_target")
                    .table(AuditEntries::Table)
                    .col(AuditEntries::TargetKind)
                    .col(AuditEntries::TargetId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditHead::Table)
                    .col(integer(AuditHead::Id).primary_key())
                    .col(big_integer(AuditHead::Seq))
                    .col(string(AuditHead::Hash))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(AuditHead::Table)
                    .columns([AuditHead::Id, AuditHead::Seq, AuditHead::Hash])
                    .values_panic([1.into(), 0i64.into(), crate::audit::GENESIS_HASH.into()])
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
