//! Designated-centre referrals and the calls made to reach each person.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Referrals {
    Table,
    Id,
    OrganizationId,
    ReceivedAt,
    Centre,
    Teenager,
    ReachedAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ReferralAttempts {
    Table,
    Id,
    ReferralId,
    OrganizationId,
    At,
    Reached,
    NoteSealed,
    MadeBy,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Referrals::Table)
                    .col(pk_uuid(Referrals::Id))
                    .col(uuid(Referrals::OrganizationId))
                    .col(timestamp_with_time_zone(Referrals::ReceivedAt))
                    .col(string(Referrals::Centre))
                    .col(boolean(Referrals::Teenager))
                    .col(timestamp_with_time_zone_null(Referrals::ReachedAt))
                    .col(uuid_null(Referrals::CreatedBy))
                    .col(timestamp_with_time_zone(Referrals::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Referrals::Table, Referrals::OrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("referrals_open")
                    .table(Referrals::Table)
                    .col(Referrals::OrganizationId)
                    .col(Referrals::ReachedAt)
                    .col(Referrals::ReceivedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReferralAttempts::Table)
                    .col(pk_uuid(ReferralAttempts::Id))
                    .col(uuid(ReferralAttempts::ReferralId))
                    .col(uuid(ReferralAttempts::OrganizationId))
                    .col(timestamp_with_time_zone(ReferralAttempts::At))
                    .col(boolean(ReferralAttempts::Reached))
                    .col(text_null(ReferralAttempts::NoteSealed))
                    .col(uuid_null(ReferralAttempts::MadeBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReferralAttempts::Table, ReferralAttempts::ReferralId)
                            .to(Referrals::Table, Referrals::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("referral_attempts_by_referral")
                    .table(ReferralAttempts::Table)
                    .col(ReferralAttempts::ReferralId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
