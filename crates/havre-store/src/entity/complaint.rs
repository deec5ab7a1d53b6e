use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A complaint of the register (docs/privacy.md "Complaints").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "complaints")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub received_on: Date,
    /// havre_domain::complaints::Channel.
    pub channel: String,
    /// havre_domain::complaints::ComplainantKind.
    pub complainant_kind: String,
    /// Her name and how to answer her, for a complaint that is not anonymous.
    pub complainant_sealed: Option<String>,
    pub nature_id: Uuid,
    pub service: String,
    /// The member of the team it is about, if one: she never reads nor handles it.
    pub about_user_id: Option<Uuid>,
    pub summary_sealed: String,
    pub handler_id: Option<Uuid>,
    /// havre_domain::complaints::ComplaintOutcome.
    pub outcome: Option<String>,
    pub answered_on: Option<Date>,
    /// None for a complaint from the public page.
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    /// When it was destroyed: what identified anyone erased, its figures kept.
    pub destroyed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
